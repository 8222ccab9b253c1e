package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.error.ErrorCode;
import dev.membership.query.AuditEntry;
import dev.membership.query.AuditQuery;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit log filtered in the library ({@code auditLog().list(actor, organisation, AuditQuery)}):
 * by action(s), by member (what they did and what was done to them), both at once, paged, newest
 * first, and never another organisation's entries.
 */
public abstract class AuditFiltersContract extends StoreContractSupport {

  @Test
  void filtering_by_member_lists_what_they_did_and_what_was_done_to_them_newest_first() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins("ada@acme.test").withMembers("ann@acme.test", "bob@acme.test").create();
    AccountId ada = acme.account("ada@acme.test");
    kit().clock().advance(Duration.ofMinutes(1));
    membership().members().deactivate(ada, acme.id(), acme.membership("ann@acme.test"));
    kit().clock().advance(Duration.ofMinutes(1));
    membership().members().deactivate(acme.owner(), acme.id(), acme.membership("bob@acme.test"));
    kit().clock().advance(Duration.ofMinutes(1));
    membership().members().reactivate(acme.owner(), acme.id(), acme.membership("ann@acme.test"));

    List<AuditEvent> annsEntries = walk(2, page -> membership().audit().list(acme.owner(), acme.id(),
        AuditQuery.all(page).withMember(acme.account("ann@acme.test"))));

    assertThat(annsEntries).extracting(AuditEvent::action)
        .containsExactly(AuditAction.MEMBER_REACTIVATED, AuditAction.MEMBER_DEACTIVATED, AuditAction.INVITATION_ACCEPTED);
    List<AuditEvent> adasEntries = walk(2, page -> membership().audit().list(acme.owner(), acme.id(),
        AuditQuery.all(page).withMember(ada)));
    assertThat(adasEntries).allMatch(e -> e.actor().equals(ada) || e.subjectAccount().orElseThrow().equals(ada));
    assertThat(adasEntries).extracting(AuditEvent::action).startsWith(AuditAction.MEMBER_DEACTIVATED);
  }

  @Test
  void filtering_by_actions_lists_only_those_actions_across_pages() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(5).create();
    for (int i = 0; i < 3; i++) {
      membership().members().deactivate(acme.owner(), acme.id(), acme.membership(acme.members().get(i)));
    }

    List<AuditEvent> found = walk(2, page -> membership().audit().list(acme.owner(), acme.id(),
        AuditQuery.all(page).withActions(AuditAction.MEMBER_DEACTIVATED, AuditAction.ORGANISATION_CREATED)));

    assertThat(found).extracting(AuditEvent::action).containsOnly(AuditAction.MEMBER_DEACTIVATED, AuditAction.ORGANISATION_CREATED)
        .hasSize(4);
    List<AuditEvent> everything = walk(50, page -> membership().audit().list(acme.owner(), acme.id(), page));
    assertThat(found).containsExactlyElementsOf(everything.stream()
        .filter(e -> e.action() == AuditAction.MEMBER_DEACTIVATED || e.action() == AuditAction.ORGANISATION_CREATED).toList());
  }

  @Test
  void member_and_action_filters_combine_and_the_entries_carry_their_actors() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers("ann@acme.test", "bob@acme.test").create();
    membership().members().deactivate(acme.owner(), acme.id(), acme.membership("ann@acme.test"));
    membership().members().deactivate(acme.owner(), acme.id(), acme.membership("bob@acme.test"));

    List<AuditEntry> entries = membership().audit().listWithActors(acme.owner(), acme.id(),
        AuditQuery.all().withMember(acme.account("bob@acme.test")).withActions(AuditAction.MEMBER_DEACTIVATED)).items();

    assertThat(entries).singleElement().satisfies(entry -> {
      assertThat(entry.event().subjectAccount()).contains(acme.account("bob@acme.test"));
      assertThat(entry.actor().id()).isEqualTo(acme.owner());
    });
  }

  @Test
  void a_filter_never_reaches_another_organisations_log() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers("ann@acme.test").create();
    OrganisationFixture globex = kit().organisation("Globex").create();
    kit().join(globex.id(), globex.owner(), "ann@acme.test", dev.membership.domain.Role.MEMBER);
    AccountId ann = acme.account("ann@acme.test");

    List<AuditEvent> inGlobex = walk(10, page -> membership().audit().list(globex.owner(), globex.id(),
        AuditQuery.all(page).withMember(ann)));

    assertThat(inGlobex).isNotEmpty().allMatch(e -> e.organisationId().equals(globex.id()));
  }

  @Test
  void a_member_without_the_audit_permission_may_not_filter_the_log() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();

    assertFailsWith(ErrorCode.PERMISSION_DENIED, () -> membership().audit().list(acme.members().getFirst(), acme.id(),
        AuditQuery.all(PageRequest.first()).withMember(acme.owner())));
  }
}
