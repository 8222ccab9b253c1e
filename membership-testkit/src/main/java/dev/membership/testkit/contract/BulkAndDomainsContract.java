package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import org.junit.jupiter.api.Nested;

/**
 * Bulk invitations and verified domains, in one class as {@link
 * MembershipStoreContract} is for the rest: name a {@link StoreSource} with {@link StoresFrom},
 * extend it, and JUnit runs {@link BulkInvitationsContract}, {@link DomainStoreContract} (the {@code
 * domains()} port) and {@link DomainsContract} against your {@link MembershipStore}.
 */
public abstract class BulkAndDomainsContract extends ContractSuite {

  @Nested
  class BulkInvitations extends BulkInvitationsContract {}

  @Nested
  class DomainStore extends DomainStoreContract {}

  @Nested
  class Domains extends DomainsContract {}
}
