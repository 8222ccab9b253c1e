package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.command.DomainEnrollment;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.NewAccount;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.DomainStatus;
import dev.membership.domain.DomainVerification;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.MembershipException;
import dev.membership.query.PageRequest;
import dev.membership.query.SuggestedOrganisation;
import dev.membership.testkit.OrganisationFixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Behaviour: verified domains. Adding (normalised, typed refusals), proof by a DNS TXT record the host
 * looks up or by an invitation accepted from an address of the domain, one organisation at a time, and
 * the enrolment modes: suggest the organisation, or join automatically with a role, within seat limits.
 */
public abstract class DomainsContract extends StoreContractSupport {

  private OrganisationFixture acme() {
    return kit().organisation("Acme").withAdmins(1).withMembers("mo@acme.test").create();
  }

  private OrganisationDomain provedByDns(OrganisationFixture org, String domain) {
    OrganisationDomain added = membership().domains().add(org.owner(), org.id(), domain);
    return membership().domains().verify(org.owner(), org.id(), added.id(), List.of(added.txtRecordValue()));
  }

  private List<AuditEvent> audit(OrganisationFixture org, AuditAction action) {
    return membership().audit().list(org.owner(), org.id(), PageRequest.first(200)).items().stream()
        .filter(e -> e.action() == action).toList();
  }

  private static void refusedOnField(String field, String code, Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(MembershipException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
      assertThat(e.fields()).singleElement().satisfies(f -> {
        assertThat(f.field()).isEqualTo(field);
        assertThat(f.code()).isEqualTo(code);
      });
    });
  }

  @Test
  void adding_a_domain_normalises_it_and_names_the_txt_record_the_host_checks() {
    OrganisationFixture acme = acme();

    OrganisationDomain added = membership().domains().add(acme.owner(), acme.id(), "  Bücher.EXAMPLE. ");

    assertThat(added.name().value()).isEqualTo("xn--bcher-kva.example");
    assertThat(added.status()).isEqualTo(DomainStatus.PENDING);
    assertThat(added.txtRecordName()).isEqualTo("_membership-verification.xn--bcher-kva.example");
    assertThat(added.txtRecordValue()).startsWith("membership-verification=").hasSizeGreaterThan(40);
    assertThat(membership().domains().list(acme.owner(), acme.id())).containsExactly(added);
    assertThat(audit(acme, AuditAction.DOMAIN_ADDED)).extracting(AuditEvent::subject).containsExactly("xn--bcher-kva.example");
    assertFailsWith(ErrorCode.DOMAIN_ALREADY_ADDED, () -> membership().domains().add(acme.owner(), acme.id(), "bücher.example"));
  }

  @Test
  void a_single_label_a_public_suffix_a_shared_mail_provider_or_a_malformed_name_is_refused_naming_the_field() {
    OrganisationFixture acme = acme();

    refusedOnField("domain", "single_label", () -> membership().domains().add(acme.owner(), acme.id(), "localhost"));
    refusedOnField("domain", "public_suffix", () -> membership().domains().add(acme.owner(), acme.id(), "co.uk"));
    refusedOnField("domain", "shared_mail_provider", () -> membership().domains().add(acme.owner(), acme.id(), "Gmail.com"));
    refusedOnField("domain", "invalid_domain", () -> membership().domains().add(acme.owner(), acme.id(), "exa mple.com"));
    refusedOnField("domain", "invalid_domain", () -> membership().domains().add(acme.owner(), acme.id(), "-acme.example"));
    refusedOnField("domain", "invalid_domain", () -> membership().domains().add(acme.owner(), acme.id(), "10.0.0.1"));
    assertThat(membership().domains().list(acme.owner(), acme.id())).isEmpty();
  }

  @Test
  void a_member_who_may_not_manage_the_organisation_cannot_add_or_see_domains() {
    OrganisationFixture acme = acme();

    assertFailsWith(ErrorCode.PERMISSION_DENIED,
        () -> membership().domains().add(acme.account("mo@acme.test"), acme.id(), "acme.example"));
    assertFailsWith(ErrorCode.PERMISSION_DENIED, () -> membership().domains().list(acme.account("mo@acme.test"), acme.id()));
    assertThat(membership().domains().add(acme.admins().get(0), acme.id(), "acme.example").status())
        .isEqualTo(DomainStatus.PENDING);
  }

  @Test
  void the_host_proves_a_domain_with_the_txt_values_it_found_and_a_wrong_value_proves_nothing() {
    OrganisationFixture acme = acme();
    OrganisationDomain added = membership().domains().add(acme.owner(), acme.id(), "acme.example");

    assertThatThrownBy(() -> membership().domains().verify(acme.owner(), acme.id(), added.id(),
        List.of("v=spf1 -all", "membership-verification=guess")))
        .isInstanceOfSatisfying(MembershipException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.DOMAIN_VERIFICATION_FAILED);
          assertThat(e.fields()).extracting(FieldViolation::field).containsExactly("txtRecords");
        });
    OrganisationDomain verified = membership().domains().verify(acme.owner(), acme.id(), added.id(),
        List.of("v=spf1 -all", "\"" + added.txtRecordValue() + "\""));

    assertThat(verified.status()).isEqualTo(DomainStatus.VERIFIED);
    assertThat(verified.verifiedBy()).contains(DomainVerification.DNS_TXT);
    assertThat(audit(acme, AuditAction.DOMAIN_VERIFIED)).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("method", "DNS_TXT"));
  }

  @Test
  void a_domain_proved_by_dns_in_one_organisation_cannot_be_verified_by_another() {
    OrganisationFixture acme = acme();
    OrganisationFixture globex = kit().organisation("Globex").create();
    provedByDns(acme, "shared.example");
    OrganisationDomain theirs = membership().domains().add(globex.owner(), globex.id(), "shared.example");

    assertFailsWith(ErrorCode.DOMAIN_VERIFIED_ELSEWHERE, () -> membership().domains().verify(globex.owner(), globex.id(),
        theirs.id(), List.of(theirs.txtRecordValue())));
    assertThat(membership().domains().list(globex.owner(), globex.id())).singleElement()
        .satisfies(d -> assertThat(d.status()).isEqualTo(DomainStatus.PENDING));
  }

  @Test
  void an_address_of_the_domain_accepting_an_invitation_proves_it_for_suggesting_but_not_for_automatic_joining() {
    OrganisationFixture acme = acme();
    OrganisationDomain added = membership().domains().add(acme.owner(), acme.id(), "acme.example");

    kit().join(acme.id(), acme.owner(), "ana@acme.example", Role.MEMBER);

    OrganisationDomain verified = membership().domains().list(acme.owner(), acme.id()).get(0);
    assertThat(verified.verifiedBy()).contains(DomainVerification.INVITATION_ACCEPTED);
    assertFailsWith(ErrorCode.DOMAIN_NOT_VERIFIED, () -> membership().domains().setEnrollment(acme.owner(), acme.id(),
        added.id(), DomainEnrollment.automatic(Role.MEMBER.id())));
    assertThat(membership().domains().setEnrollment(acme.owner(), acme.id(), added.id(), DomainEnrollment.suggest())
        .enrollment()).isEqualTo(dev.membership.domain.EnrollmentMode.SUGGEST);
  }

  @Test
  void a_dns_proof_takes_over_a_domain_another_organisation_proved_only_through_an_accepted_invitation() {
    OrganisationFixture globex = kit().organisation("Globex").create();
    membership().domains().add(globex.owner(), globex.id(), "shared.example");
    kit().join(globex.id(), globex.owner(), "ana@shared.example", Role.MEMBER);
    OrganisationFixture acme = acme();

    OrganisationDomain ours = provedByDns(acme, "shared.example");

    assertThat(ours.verifiedBy()).contains(DomainVerification.DNS_TXT);
    assertThat(membership().domains().list(globex.owner(), globex.id())).singleElement()
        .satisfies(d -> assertThat(d.status()).isEqualTo(DomainStatus.PENDING));
    assertThat(audit(globex, AuditAction.DOMAIN_VERIFICATION_LOST)).hasSize(1);
  }

  @Test
  void an_account_of_a_suggesting_domain_sees_the_organisation_and_may_ask_to_join_it() {
    OrganisationFixture acme = acme();
    OrganisationDomain domain = provedByDns(acme, "acme.example");
    AccountId zoe = kit().account("zoe@acme.example");
    AccountId other = kit().account("zoe@elsewhere.example");
    assertThat(membership().domains().suggestedFor(zoe)).isEmpty(); // NONE until an admin chooses

    membership().domains().setEnrollment(acme.owner(), acme.id(), domain.id(), DomainEnrollment.suggest());

    assertThat(membership().domains().suggestedFor(zoe)).extracting(SuggestedOrganisation::organisation, SuggestedOrganisation::name)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(acme.id(), "Acme"));
    assertThat(membership().domains().suggestedFor(other)).isEmpty();
    assertThat(membership().joinRequests().request(zoe, acme.id()).organisationId()).isEqualTo(acme.id());
    assertThat(membership().domains().enrol(zoe)).isEmpty();
  }

  @Test
  void an_organisation_that_is_not_discoverable_takes_a_join_request_from_an_account_its_domain_suggests_it_to() {
    OrganisationFixture acme = acme();
    OrganisationDomain domain = provedByDns(acme, "acme.example");
    membership().domains().setEnrollment(acme.owner(), acme.id(), domain.id(), DomainEnrollment.suggest());
    AccountId zoe = kit().account("zoe@acme.example");
    assertThat(membership().organisations().get(acme.owner(), acme.id()).discoverable()).isFalse();

    membership().joinRequests().request(zoe, acme.id(), Optional.of("I work here"));

    assertThat(membership().joinRequests().list(acme.owner(), acme.id(), java.util.Set.of(JoinRequestStatus.PENDING),
        PageRequest.first()).items()).singleElement()
        .satisfies(r -> assertThat(r.requester().id()).isEqualTo(zoe));
    assertThat(membership().domains().suggestedFor(zoe)).extracting(SuggestedOrganisation::organisation)
        .containsExactly(acme.id()); // still suggested until answered; the request is what is pending
  }

  @Test
  void an_account_of_another_domain_is_not_suggested_an_organisation_that_is_not_discoverable_nor_finds_it() {
    OrganisationFixture acme = kit().organisation("Acme Robotics").create();
    OrganisationDomain domain = provedByDns(acme, "acme.example");
    membership().domains().setEnrollment(acme.owner(), acme.id(), domain.id(), DomainEnrollment.suggest());
    AccountId wen = kit().account("wen@elsewhere.example");
    AccountId dns = kit().account("dns@sub.acme.example"); // a subdomain is another domain

    assertThat(membership().domains().suggestedFor(wen)).isEmpty();
    assertThat(membership().domains().suggestedFor(dns)).isEmpty();
    assertThat(membership().organisations().search("Acme Robotics", PageRequest.first()).items()).isEmpty();
  }

  @Test
  void an_account_an_admin_created_for_an_address_of_the_domain_is_neither_suggested_nor_enrolled() {
    OrganisationFixture acme = acme();
    OrganisationDomain domain = provedByDns(acme, "acme.example");
    membership().domains().setEnrollment(acme.owner(), acme.id(), domain.id(), DomainEnrollment.automatic(Role.MEMBER.id()));
    OrganisationFixture globex = kit().organisation("Globex").create();
    AccountId created = membership().members().createDirectly(globex.owner(), globex.id(),
        NewAccount.generatedPassword("eve@acme.example", "Eve", Role.MEMBER)).account().id();

    assertThat(membership().domains().suggestedFor(created)).isEmpty();
    assertThat(membership().domains().enrol(created)).isEmpty();
  }

  @Test
  void an_account_of_an_automatic_domain_joins_once_with_the_chosen_role_and_access_within_the_seats() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("cad", "CAD").withSeats(1));
    OrganisationDomain domain = provedByDns(acme, "acme.example");
    membership().domains().setEnrollment(acme.owner(), acme.id(), domain.id(),
        DomainEnrollment.automatic(Role.MEMBER.id(), "cad"));
    AccountId zoe = kit().account("zoe@acme.example");
    AccountId yan = kit().account("yan@acme.example");

    Optional<Membership> joined = membership().domains().enrol(zoe);

    assertThat(joined).hasValueSatisfying(m -> {
      assertThat(m.organisationId()).isEqualTo(acme.id());
      assertThat(m.roleId()).isEqualTo(Role.MEMBER.id());
      assertThat(m.grants()).containsExactly(EntitlementKey.of("cad"));
      assertThat(m.origin()).isEqualTo(MembershipOrigin.DOMAIN);
    });
    assertThat(audit(acme, AuditAction.MEMBER_JOINED_BY_DOMAIN)).singleElement()
        .satisfies(e -> assertThat(e.subjectAccount()).contains(zoe));
    assertThat(membership().domains().enrol(zoe)).isEmpty();
    assertFailsWith(ErrorCode.SEAT_LIMIT_REACHED, () -> membership().domains().enrol(yan));
    assertThat(find(tx -> tx.memberships().findLive(acme.id(), yan))).isEmpty();
  }

  @Test
  void a_member_removed_from_the_organisation_is_not_brought_back_by_automatic_enrolment() {
    OrganisationFixture acme = acme();
    OrganisationDomain domain = provedByDns(acme, "acme.example");
    membership().domains().setEnrollment(acme.owner(), acme.id(), domain.id(), DomainEnrollment.automatic(Role.MEMBER.id()));
    AccountId zoe = kit().account("zoe@acme.example");
    Membership joined = membership().domains().enrol(zoe).orElseThrow();

    membership().members().remove(acme.owner(), acme.id(), joined.id());

    assertThat(membership().domains().enrol(zoe)).isEmpty();
  }

  @Test
  void enrolment_needs_a_verified_domain_and_an_organisation_manager_and_never_gives_the_owner_role() {
    OrganisationFixture acme = acme();
    OrganisationDomain pending = membership().domains().add(acme.owner(), acme.id(), "acme.example");
    assertFailsWith(ErrorCode.DOMAIN_NOT_VERIFIED,
        () -> membership().domains().setEnrollment(acme.owner(), acme.id(), pending.id(), DomainEnrollment.suggest()));
    OrganisationDomain verified = membership().domains().verify(acme.owner(), acme.id(), pending.id(),
        List.of(pending.txtRecordValue()));

    refusedOnField("role", "owner_not_allowed", () -> membership().domains().setEnrollment(acme.owner(), acme.id(),
        verified.id(), DomainEnrollment.automatic(Role.OWNER.id())));
    assertFailsWith(ErrorCode.PERMISSION_DENIED, () -> membership().domains().setEnrollment(acme.account("mo@acme.test"),
        acme.id(), verified.id(), DomainEnrollment.suggest()));
    assertThat(membership().domains().setEnrollment(acme.admins().get(0), acme.id(), verified.id(),
        DomainEnrollment.automatic(Role.ADMIN.id())).enrollmentRole()).isEqualTo(Role.ADMIN.id());
  }

  @Test
  void a_removed_domain_suggests_nobody_and_may_be_verified_by_another_organisation() {
    OrganisationFixture acme = acme();
    OrganisationDomain domain = provedByDns(acme, "acme.example");
    membership().domains().setEnrollment(acme.owner(), acme.id(), domain.id(), DomainEnrollment.suggest());
    AccountId zoe = kit().account("zoe@acme.example");

    membership().domains().remove(acme.owner(), acme.id(), domain.id());

    assertThat(membership().domains().suggestedFor(zoe)).isEmpty();
    assertFailsWith(ErrorCode.DOMAIN_NOT_FOUND, () -> membership().domains().remove(acme.owner(), acme.id(), domain.id()));
    OrganisationFixture globex = kit().organisation("Globex").create();
    assertThat(provedByDns(globex, "acme.example").status()).isEqualTo(DomainStatus.VERIFIED);
  }
}
