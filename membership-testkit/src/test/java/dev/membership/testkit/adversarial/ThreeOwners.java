package dev.membership.testkit.adversarial;

import dev.membership.Memberships;
import dev.membership.domain.AccountId;
import dev.membership.domain.Role;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;

/**
 * Acme with three owners, a, b and c, where a's commands can be made to commit in the middle of a
 * command of b's ({@link InterleavingStore}), as READ COMMITTED allows on a database.
 */
abstract class ThreeOwners {
  /** The points of b's transaction where a's change is slipped in. */
  static final Set<String> LOCK_OR_WRITE = Set.of("organisations().lock", "memberships().update");

  InterleavingStore store;
  TestMembership kit;
  /** a's library: its commands go straight to the store, in their own committed transactions. */
  Memberships other;
  OrganisationFixture acme;
  AccountId a;
  AccountId b;
  AccountId c;

  @BeforeEach
  void threeOwners() {
    InMemoryMembershipStore inner = new InMemoryMembershipStore();
    store = new InterleavingStore(inner);
    kit = TestMembership.on(store);
    other = Memberships.builder()
        .store(inner)
        .clock(kit.clock())
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .build();
    acme = kit.organisation("Acme").withAdmins(2).withMembers(1).create();
    a = acme.owner();
    b = acme.admins().get(0);
    c = acme.admins().get(1);
    kit.membership().members().changeRole(a, acme.id(), acme.membership(b), Role.OWNER.id());
    kit.membership().members().changeRole(a, acme.id(), acme.membership(c), Role.OWNER.id());
  }

  /** a demotes b to admin, committed at once. */
  void aDemotesB() {
    other.members().changeRole(a, acme.id(), acme.membership(b), Role.ADMIN.id());
  }
}
