package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import org.junit.jupiter.api.Nested;

/**
 * The whole store contract in one class: extend it, implement {@link #newStore()}, and JUnit runs
 * every area of the contract (each a {@code @Nested} class) against your
 * {@link MembershipStore}:
 *
 * <pre>{@code
 * class MyStoreContractTest extends MembershipStoreContract {
 *   @Override
 *   protected MembershipStore newStore() {
 *     return MyStore.on(freshlyMigratedEmptyDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #newStore()} must return an <em>empty</em> store each time it is called: it is called
 * once before every test. {@link #releaseStore(MembershipStore)} is called after every test with
 * that store, to close a pool or drop a schema. Each area is also a public abstract class of its own
 * (e.g. {@link InvitationStoreContract}) with the same two methods, for a store author who wants to
 * run one area at a time.
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
public abstract class MembershipStoreContract {

  /** An empty store for one test; called once before each test. */
  protected abstract MembershipStore newStore();

  /** Called after each test with the store {@link #newStore()} returned for it. */
  protected void releaseStore(MembershipStore store) {}

  @Nested
  class OrganisationStore extends OrganisationStoreContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class AccountStore extends AccountStoreContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class MemberStore extends MemberStoreContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class RoleStore extends RoleStoreContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class EntitlementStore extends EntitlementStoreContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class InvitationStore extends InvitationStoreContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class JoinRequestStore extends JoinRequestStoreContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class AuditStore extends AuditStoreContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class AdmissionReads extends AdmissionReadsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class Transactions extends TransactionsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class Pagination extends PaginationContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class MemberQueries extends MemberQueriesContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class Tenancy extends TenancyContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class OutboxPort extends OutboxPortContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class Organisations extends OrganisationsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class RolesAndPermissions extends RolesAndPermissionsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class Invitations extends InvitationsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class AdminCreatedAccounts extends AdminCreatedAccountsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class Accounts extends AccountsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class SignUps extends SignUpContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class AccountEvents extends AccountEventsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class JoinRequests extends JoinRequestsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class Members extends MembersContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class AuditAndOutbox extends AuditAndOutboxContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class OutboxDelivery extends OutboxDeliveryContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class HostPages extends HostPagesContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class Throttling extends SignInThrottlingContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class ProbeBounds extends ProbeBoundsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class TextInput extends TextInputContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class OrganisationDeletion extends OrganisationDeletionContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class OrganisationDeletionAttacks extends OrganisationDeletionAttacksContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class MemberCounts extends MemberCountsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class PagingBack extends PagingBackContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class AuditFilters extends AuditFiltersContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class DiscoverableOrganisations extends DiscoverableOrganisationsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class Applications extends ApplicationsContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }

  @Nested
  class AccessCaching extends AccessCacheContract {
    @Override
    protected MembershipStore newStore() {
      return MembershipStoreContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      MembershipStoreContract.this.releaseStore(store);
    }
  }
}
