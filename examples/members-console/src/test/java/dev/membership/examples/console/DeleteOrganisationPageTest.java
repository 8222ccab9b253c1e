package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.Invite;
import dev.membership.command.NewMemberDetails;
import dev.membership.domain.AuditAction;
import dev.membership.domain.Role;
import dev.membership.query.PageRequest;
import org.junit.jupiter.api.Test;

/**
 * Deleting an organisation from its settings: the owner types its name and
 * confirms; afterwards only its former owners open its audit log, from "Deleted organisations".
 */
class DeleteOrganisationPageTest extends BrowserTest {

  @Test
  void an_owner_deletes_the_organisation_after_typing_its_name_and_then_still_reads_its_audit_log() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Doomed");

    signIn(org.ownerEmail(), org.ownerPassword());
    waitForPath("/members");
    open("/organisations");
    type("#delete-confirmation", "not its name");
    loadsPage(() -> {
      find("#delete-organisation").click();
      confirm(true);
    });

    waitForText("p.error", "The name you typed is not the organisation's name");
    assertThat(membership.organisations().of(org.owner(), org.id())).isPresent();

    type("#delete-confirmation", org.name());
    loadsPage(() -> {
      find("#delete-organisation").click();
      confirm(true);
    });

    waitForText("p.notice", org.name() + " was deleted.");
    assertThat(membership.organisations().of(org.owner(), org.id())).isEmpty();
    assertThat(all("#delete-organisation")).isEmpty();
    loadsPage(() -> find("li[data-deleted='" + org.id() + "'] [data-action='deleted-audit']").click());
    waitForPath("/organisations/" + org.id() + "/audit");
    assertThat(find("#audit-table td[data-action='ORGANISATION_DELETED']").getText()).isEqualTo("Organisation deleted");
    assertThat(membership.audit().list(org.owner(), org.id(), PageRequest.first()).items().getFirst().action())
        .isEqualTo(AuditAction.ORGANISATION_DELETED);
  }

  @Test
  void an_admin_sees_no_delete_control_and_cannot_open_the_log_of_a_deleted_organisation() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Kept");
    String adminEmail = unique("admin");
    membership.invitations().invite(org.owner(), org.id(), Invite.of(adminEmail, Role.ADMIN));
    String link = invitationLinkTo(adminEmail);
    membership.invitations().acceptAsNewAccount(link.substring(link.lastIndexOf('/') + 1),
        NewMemberDetails.of("Ada Admin", "Ada admin's long passphrase"));

    signIn(adminEmail, "Ada admin's long passphrase");
    open("/organisations");
    assertThat(all("#delete-organisation")).isEmpty();

    membership.organisations().delete(org.owner(), org.id(), org.name());
    open("/organisations/" + org.id() + "/audit");

    waitForText("#refusal", "That organisation was deleted.");
    assertThat(all("#audit-table")).isEmpty();
  }
}
