package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.DomainName;
import dev.membership.domain.DomainVerification;
import dev.membership.domain.EnrollmentMode;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Port contract of {@link dev.membership.spi.DomainStore}: a domain reads back exactly as written
 * through each of its states (instants keep their milliseconds), a name is added once per
 * organisation, and one organisation at a time holds a name verified.
 */
public abstract class DomainStoreContract extends StoreContractSupport {
  private static final Instant MS = T0.plusMillis(456);

  private OrganisationDomain added(Organisation organisation, String name, Account by) {
    OrganisationDomain domain = OrganisationDomain.added(organisation.id(), new DomainName(name), "token-" + name, by.id(), MS);
    inTx(tx -> tx.domains().insert(domain));
    return domain;
  }

  @Test
  void a_domain_reads_back_as_written_through_each_of_its_states() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    entitlement(acme, "cad", java.util.Optional.empty());
    OrganisationDomain pending = added(acme, "acme.example", owner);
    assertThat(find(tx -> tx.domains().find(acme.id(), pending.id()))).contains(pending);
    assertThat(find(tx -> tx.domains().findByName(acme.id(), new DomainName("acme.example")))).contains(pending);
    assertThat(find(tx -> tx.domains().findVerified(new DomainName("acme.example")))).isEmpty();

    OrganisationDomain verified = tx(tx -> tx.domains().update(pending.verify(DomainVerification.DNS_TXT, MS.plusMillis(1))));
    OrganisationDomain enrolling = tx(tx -> tx.domains().update(
        verified.withEnrollment(EnrollmentMode.AUTOMATIC, Role.ADMIN.id(), keys("cad"))));

    assertThat(verified.version()).isEqualTo(pending.version() + 1);
    assertThat(find(tx -> tx.domains().find(acme.id(), pending.id()))).contains(enrolling);
    assertThat(find(tx -> tx.domains().findVerified(new DomainName("acme.example")))).contains(enrolling);
    assertThat(list(tx -> tx.domains().list(acme.id(), 10))).containsExactly(enrolling);
  }

  @Test
  void a_name_is_added_once_per_organisation_and_may_be_added_by_several() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    Account owner = account("owner@acme.test");
    OrganisationDomain first = added(acme, "shared.example", owner);

    assertFailsWith(ErrorCode.DOMAIN_ALREADY_ADDED, () -> inTx(tx -> tx.domains().insert(OrganisationDomain.added(acme.id(),
        new DomainName("shared.example"), "other", owner.id(), MS))));
    OrganisationDomain second = added(globex, "shared.example", owner);

    assertThat(find(tx -> tx.domains().findByName(acme.id(), new DomainName("shared.example")))).contains(first);
    assertThat(find(tx -> tx.domains().findByName(globex.id(), new DomainName("shared.example")))).contains(second);
  }

  @Test
  void one_organisation_at_a_time_holds_a_name_verified() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    Account owner = account("owner@acme.test");
    OrganisationDomain atAcme = added(acme, "shared.example", owner);
    OrganisationDomain atGlobex = added(globex, "shared.example", owner);
    OrganisationDomain verified = tx(tx -> tx.domains().update(atAcme.verify(DomainVerification.INVITATION_ACCEPTED, MS)));

    assertFailsWith(ErrorCode.DOMAIN_VERIFIED_ELSEWHERE,
        () -> inTx(tx -> tx.domains().update(atGlobex.verify(DomainVerification.DNS_TXT, MS))));
    assertThat(find(tx -> tx.domains().findVerified(new DomainName("shared.example")))).contains(verified);

    inTx(tx -> tx.domains().update(verified.unverify()));
    OrganisationDomain taken = tx(tx -> tx.domains().update(atGlobex.verify(DomainVerification.DNS_TXT, MS)));
    assertThat(find(tx -> tx.domains().findVerified(new DomainName("shared.example")))).contains(taken);
  }

  @Test
  void a_stale_update_fails_and_writes_nothing() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    OrganisationDomain pending = added(acme, "acme.example", owner);
    OrganisationDomain verified = tx(tx -> tx.domains().update(pending.verify(DomainVerification.DNS_TXT, MS)));

    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION,
        () -> inTx(tx -> tx.domains().update(pending.verify(DomainVerification.INVITATION_ACCEPTED, MS))));
    assertThat(find(tx -> tx.domains().find(acme.id(), pending.id()))).contains(verified);
  }

  @Test
  void another_organisation_neither_reads_nor_deletes_a_domain() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    Account owner = account("owner@acme.test");
    OrganisationDomain domain = added(acme, "acme.example", owner);

    assertThat(find(tx -> tx.domains().find(globex.id(), domain.id()))).isEmpty();
    assertThat(list(tx -> tx.domains().list(globex.id(), 10))).isEmpty();
    assertThat(holds(tx -> tx.domains().delete(globex.id(), domain.id()))).isFalse();
    assertThat(holds(tx -> tx.domains().delete(acme.id(), domain.id()))).isTrue();
    assertThat(find(tx -> tx.domains().find(acme.id(), domain.id()))).isEmpty();
  }

  @Test
  void membership_history_counts_any_membership_of_the_account_in_that_organisation_only() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    Account ana = account("ana@acme.test");
    member(acme, ana, Role.MEMBER);

    assertThat(holds(tx -> tx.domains().hasMembershipHistory(acme.id(), ana.id()))).isTrue();
    assertThat(holds(tx -> tx.domains().hasMembershipHistory(globex.id(), ana.id()))).isFalse();
  }
}
