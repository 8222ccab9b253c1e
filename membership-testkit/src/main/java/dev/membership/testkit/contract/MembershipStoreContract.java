package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import org.junit.jupiter.api.Nested;

/**
 * The whole store contract in one class: name where your stores come from, extend it, and JUnit runs
 * every area of the contract (each a {@code @Nested} class) against your {@link MembershipStore}:
 *
 * <pre>{@code
 * public final class MyStores implements StoreSource {
 *   public MembershipStore newStore() {
 *     return MyStore.on(freshlyMigratedEmptyDatabase());
 *   }
 * }
 *
 * @StoresFrom(MyStores.class)
 * class MyStoreContractTest extends MembershipStoreContract {}
 * }</pre>
 *
 * <p>{@link StoreSource#newStore()} must return an <em>empty</em> store each time it is called: it is
 * called once before every test. {@link StoreSource#releaseStore(MembershipStore)}
 * is called after every test with that store, and {@link StoreSource#close()} once after the class's
 * last test, to close a pool or drop a schema. {@link StoresFrom} may sit on an annotation of yours
 * ({@code @OnPostgres class PostgresStoreContractTest extends MembershipStoreContract {}}). Each area
 * is also a public abstract class of its own (e.g. {@link InvitationStoreContract}), for a store
 * author who wants to run one area at a time, on the same source. Overriding {@link #newStore()}
 * (and {@link #releaseStore(MembershipStore)}) in the subclass, the older way,
 * still works: every area then gets its stores from the override ({@link ContractSuite}).
 *
 * <p>One suite per port of {@link dev.membership.spi.StoreTransaction}, for its own rules (rows read
 * back exactly as written, unique keys, its queries):
 *
 * <ul>
 *   <li>{@code organisations()}: {@link OrganisationStoreContract}; {@code accounts()}:
 *       {@link AccountStoreContract}; {@code memberships()}: {@link MemberStoreContract};
 *       {@code roles()}: {@link RoleStoreContract}; {@code entitlements()}:
 *       {@link EntitlementStoreContract}; {@code invitations()}: {@link InvitationStoreContract};
 *       {@code joinRequests()}: {@link JoinRequestStoreContract}; {@code audit()}:
 *       {@link AuditStoreContract}; {@code admissions()}: {@link AdmissionReadsContract};
 *   <li>{@code reads()}: {@link PaginationContract} (keyset pages) and {@link MemberQueriesContract}
 *       (what each page and query returns);
 *   <li>{@code outbox()}: {@link OutboxPortContract}; {@code accountEvents()}:
 *       {@link AccountEventsContract}; {@code signUps()}: {@link SignUpContract}; {@code throttles()}:
 *       {@link SignInThrottlingContract}; {@code applications()}: {@link ApplicationsContract} (with
 *       the catalogue, access check and end notices built on it).
 * </ul>
 *
 * <p>{@code reads().memberCounts} and the counts every membership and invitation write keeps:
 * {@link MemberCountsContract}; paging back ({@code PageRequest.before}): {@link PagingBackContract};
 * the filtered audit log: {@link AuditFiltersContract}; organisation search and the discoverable
 * setting: {@link DiscoverableOrganisationsContract}; deleting an organisation, the retention of its audit
 * log and its purge: {@link OrganisationDeletionContract}; the same attacked as an outsider would: {@link
 * OrganisationDeletionAttacksContract}; the access cache of the checks ({@code
 * Memberships.Builder.accessCache}): {@link AccessCacheContract}.
 *
 * <p>Rules that span ports have suites of their own: {@link TransactionsContract} (atomicity,
 * optimistic versions), {@link TenancyContract} (no organisation reads another's rows), and the
 * use-case suites ({@link MembersContract}, {@link InvitationsContract}, ...) that run the library
 * on the store.
 */
public abstract class MembershipStoreContract extends ContractSuite {

  @Nested
  class OrganisationStore extends OrganisationStoreContract {}

  @Nested
  class AccountStore extends AccountStoreContract {}

  @Nested
  class MemberStore extends MemberStoreContract {}

  @Nested
  class RoleStore extends RoleStoreContract {}

  @Nested
  class EntitlementStore extends EntitlementStoreContract {}

  @Nested
  class InvitationStore extends InvitationStoreContract {}

  @Nested
  class JoinRequestStore extends JoinRequestStoreContract {}

  @Nested
  class AuditStore extends AuditStoreContract {}

  @Nested
  class AdmissionReads extends AdmissionReadsContract {}

  @Nested
  class Transactions extends TransactionsContract {}

  @Nested
  class Pagination extends PaginationContract {}

  @Nested
  class MemberQueries extends MemberQueriesContract {}

  @Nested
  class Tenancy extends TenancyContract {}

  @Nested
  class OutboxPort extends OutboxPortContract {}

  @Nested
  class Organisations extends OrganisationsContract {}

  @Nested
  class RolesAndPermissions extends RolesAndPermissionsContract {}

  @Nested
  class Invitations extends InvitationsContract {}

  @Nested
  class AdminCreatedAccounts extends AdminCreatedAccountsContract {}

  @Nested
  class Accounts extends AccountsContract {}

  @Nested
  class SignUps extends SignUpContract {}

  @Nested
  class AccountEvents extends AccountEventsContract {}

  @Nested
  class JoinRequests extends JoinRequestsContract {}

  @Nested
  class Members extends MembersContract {}

  @Nested
  class AuditAndOutbox extends AuditAndOutboxContract {}

  @Nested
  class OutboxDelivery extends OutboxDeliveryContract {}

  @Nested
  class HostPages extends HostPagesContract {}

  @Nested
  class Throttling extends SignInThrottlingContract {}

  @Nested
  class ProbeBounds extends ProbeBoundsContract {}

  @Nested
  class TextInput extends TextInputContract {}

  @Nested
  class OrganisationDeletion extends OrganisationDeletionContract {}

  @Nested
  class OrganisationDeletionAttacks extends OrganisationDeletionAttacksContract {}

  @Nested
  class MemberCounts extends MemberCountsContract {}

  @Nested
  class PagingBack extends PagingBackContract {}

  @Nested
  class AuditFilters extends AuditFiltersContract {}

  @Nested
  class DiscoverableOrganisations extends DiscoverableOrganisationsContract {}

  @Nested
  class Applications extends ApplicationsContract {}

  @Nested
  class AccessCaching extends AccessCacheContract {}
}
