package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.domain.AccountId;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberCounts;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The kept member counts ({@code members().counts}, {@code reads().memberCounts}): a store changes them
 * in the transaction of every membership and invitation status change, so they always equal counting
 * the rows, also under concurrent changes and after a rollback.
 */
public abstract class MemberCountsContract extends StoreContractSupport {

  @Test
  void a_new_organisation_counts_its_founder_as_its_one_active_member() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    assertThat(membership().members().counts(acme.owner(), acme.id())).isEqualTo(new MemberCounts(1, 0, 0, 0));
  }

  @Test
  void the_counts_show_members_invitations_and_the_removed_as_the_members_page_tabs_need_them() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers("ann@acme.test", "bob@acme.test", "cy@acme.test")
        .withPendingInvitations("dora@acme.test", "ed@acme.test").create();
    membership().members().deactivate(acme.owner(), acme.id(), acme.membership("bob@acme.test"));
    membership().members().remove(acme.owner(), acme.id(), acme.membership("cy@acme.test"));

    MemberCounts counts = membership().members().counts(acme.owner(), acme.id());

    assertThat(counts).isEqualTo(new MemberCounts(2, 1, 1, 2));
    assertThat(counts.members()).isEqualTo(3);
    assertThat(counts.listed()).isEqualTo(5);
    assertThat(counts).isEqualTo(countedRows(acme.id()));
  }

  @Test
  void an_expired_invitation_still_counts_as_invited_as_the_members_page_still_lists_it() {
    OrganisationFixture acme = kit().organisation("Acme").withPendingInvitations("dora@acme.test").create();
    kit().clock().advance(java.time.Duration.ofDays(40));

    assertThat(membership().members().counts(acme.owner(), acme.id()).invited()).isEqualTo(1);
    assertThat(membership().members().counts(acme.owner(), acme.id())).isEqualTo(countedRows(acme.id()));
  }

  @Test
  void someone_outside_the_organisation_may_not_read_its_counts() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    AccountId stranger = kit().account("stranger@x.test");

    assertFailsWith(ErrorCode.PERMISSION_DENIED, () -> membership().members().counts(stranger, acme.id()));
  }

  @Test
  void one_organisations_changes_leave_anothers_counts_alone() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(3).create();
    OrganisationFixture globex = kit().organisation("Globex").withMembers(1).create();

    membership().members().remove(acme.owner(), acme.id(), acme.membership(acme.members().getFirst()));

    assertThat(membership().members().counts(globex.owner(), globex.id())).isEqualTo(new MemberCounts(2, 0, 0, 0));
    assertThat(membership().members().counts(acme.owner(), acme.id())).isEqualTo(new MemberCounts(3, 0, 1, 0));
  }

  @Test
  void a_rolled_back_membership_or_invitation_changes_no_count() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).withPendingInvitations("dora@acme.test").create();
    MemberCounts before = membership().members().counts(acme.owner(), acme.id());
    AccountId ann = acme.members().getFirst();
    Membership annsMembership = kit().membershipOf(acme.id(), ann);
    Invitation dora = tx(tx -> tx.invitations().find(acme.id(), acme.invitation("dora@acme.test")).orElseThrow());

    assertThatThrownBy(() -> store().inTransaction(tx -> {
      tx.memberships().update(annsMembership.remove(T0));
      tx.invitations().update(dora.cancel(T0));
      throw new IllegalStateException("the host's own work failed after the changes");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(membership().members().counts(acme.owner(), acme.id())).isEqualTo(before).isEqualTo(countedRows(acme.id()));
  }

  @Test
  void a_count_read_in_the_transaction_that_changed_it_includes_the_change() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();
    Membership ann = kit().membershipOf(acme.id(), acme.members().getFirst());

    MemberCounts inside = tx(tx -> {
      tx.memberships().update(ann.deactivate(T0));
      return tx.reads().memberCounts(acme.id());
    });

    assertThat(inside).isEqualTo(new MemberCounts(1, 1, 0, 0));
    assertThat(membership().members().counts(acme.owner(), acme.id())).isEqualTo(inside);
  }

  @Test
  void an_unknown_organisation_counts_nothing() {
    MemberCounts counts = tx(tx -> tx.reads().memberCounts(OrganisationId.random()));

    assertThat(counts).isEqualTo(MemberCounts.none());
  }

  @Test
  void members_added_at_the_same_moment_are_each_counted() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    int people = 8;
    List<Callable<Invitation>> invites = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      String email = "person" + i + "@acme.test";
      invites.add(() -> retried(() -> membership().invitations().invite(acme.owner(), acme.id(), Invite.of(email, Role.MEMBER))));
    }
    Races.race(invites);
    assertThat(membership().members().counts(acme.owner(), acme.id())).isEqualTo(new MemberCounts(1, 0, 0, people));

    List<Callable<Object>> accepts = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      String token = kit().invitationTokenTo("person" + i + "@acme.test");
      accepts.add(() -> retried(() -> membership().invitations().acceptAsNewAccount(token,
          NewMemberDetails.of("Person", TestMembership.PASSWORD))));
    }
    Races.race(accepts);

    assertThat(membership().members().counts(acme.owner(), acme.id()))
        .isEqualTo(new MemberCounts(1 + people, 0, 0, 0))
        .isEqualTo(countedRows(acme.id()));
  }

  @Test
  void members_deactivated_and_removed_at_the_same_moment_are_each_counted_once() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(6).create();
    List<Callable<Object>> changes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      var member = acme.membership(acme.members().get(i));
      boolean remove = i % 2 == 0;
      changes.add(() -> retried(() -> remove
          ? membership().members().remove(acme.owner(), acme.id(), member)
          : membership().members().deactivate(acme.owner(), acme.id(), member)));
    }
    Races.race(changes);

    assertThat(membership().members().counts(acme.owner(), acme.id()))
        .isEqualTo(new MemberCounts(1, 3, 3, 0))
        .isEqualTo(countedRows(acme.id()));
  }

  /**
   * A property over a long, seeded sequence of every kind of change (and refused ones): after each
   * step the kept counts equal counting the members page's rows.
   */
  @Test
  void the_count_equals_counting_the_rows_after_every_kind_of_change() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).withMembers(2).create();
    Random random = new Random(8_11);
    List<String> kinds = new ArrayList<>();
    for (int step = 0; step < 60; step++) {
      String kind = randomChange(acme, random, step);
      kinds.add(kind);
      assertThat(membership().members().counts(acme.owner(), acme.id()))
          .as("after step %d (%s)", step, kind)
          .isEqualTo(countedRows(acme.id()));
    }
    assertThat(Set.copyOf(kinds)).as("every kind of change was tried")
        .contains("invite", "accept", "cancel", "resend", "create", "deactivate", "reactivate", "remove", "leave",
            "change role", "approve join request", "refused");
  }

  private String randomChange(OrganisationFixture acme, Random random, int step) {
    OrganisationId org = acme.id();
    AccountId owner = acme.owner();
    List<MemberRow> rows = walk(200, page -> membership().members().list(owner, org,
        MemberQuery.all().withBadges(MemberBadge.values()).withPage(page)));
    List<MemberRow.Member> members = rows.stream().filter(MemberRow.Member.class::isInstance)
        .map(MemberRow.Member.class::cast)
        .filter(m -> !m.membership().accountId().equals(owner)).toList();
    List<MemberRow.Invited> invited = rows.stream().filter(MemberRow.Invited.class::isInstance)
        .map(MemberRow.Invited.class::cast).toList();
    int choice = step < 12 ? step : random.nextInt(12);
    try {
      switch (choice) {
        case 0 -> {
          membership().invitations().invite(owner, org, Invite.of("invitee" + step + "@acme.test", Role.MEMBER));
          return "invite";
        }
        case 1 -> {
          Optional<MemberRow.Invited> open = invited.stream().filter(i -> !i.expired()).findFirst();
          if (open.isEmpty()) {
            membership().invitations().invite(owner, org, Invite.of("invitee" + step + "@acme.test", Role.MEMBER));
            return "invite";
          }
          String token = kit().invitationTokenTo(open.get().email().value());
          membership().invitations().acceptAsNewAccount(token, NewMemberDetails.of("Invitee", TestMembership.PASSWORD));
          return "accept";
        }
        case 2 -> {
          if (invited.isEmpty()) {
            return "nothing to cancel";
          }
          membership().invitations().cancel(owner, org, invited.getFirst().invitation().id());
          return "cancel";
        }
        case 3 -> {
          if (invited.isEmpty()) {
            return "nothing to resend";
          }
          membership().invitations().resend(owner, org, invited.getLast().invitation().id());
          return "resend";
        }
        case 4 -> {
          membership().members().createDirectly(owner, org,
              NewAccount.generatedPassword("created" + step + "@acme.test", "Created", Role.MEMBER));
          return "create";
        }
        case 5 -> {
          return pick(members, MembershipStatus.ACTIVE, random).map(m -> {
            membership().members().deactivate(owner, org, m.membership().id());
            return "deactivate";
          }).orElse("nobody to deactivate");
        }
        case 6 -> {
          return pick(members, MembershipStatus.DEACTIVATED, random).map(m -> {
            membership().members().reactivate(owner, org, m.membership().id());
            return "reactivate";
          }).orElse("nobody to reactivate");
        }
        case 7 -> {
          return pick(members, MembershipStatus.ACTIVE, random).map(m -> {
            membership().members().remove(owner, org, m.membership().id());
            return "remove";
          }).orElse("nobody to remove");
        }
        case 8 -> {
          return members.stream()
              .filter(m -> m.membership().status() == MembershipStatus.ACTIVE && m.account().choseOwnPassword())
              .findFirst().map(m -> {
                membership().members().leave(m.membership().accountId(), org);
                return "leave";
              }).orElse("nobody to leave");
        }
        case 9 -> {
          return pick(members, MembershipStatus.ACTIVE, random).map(m -> {
            membership().members().changeRole(owner, org, m.membership().id(),
                m.role().equals(Role.ADMIN) ? Role.MEMBER.id() : Role.ADMIN.id());
            return "change role";
          }).orElse("nobody to change");
        }
        case 10 -> {
          AccountId asker = kit().account("asker" + step + "@x.test");
          var request = membership().joinRequests().request(asker, org);
          membership().joinRequests().approve(owner, org, request.id());
          return "approve join request";
        }
        default -> {
          // A refused change writes nothing: the last owner cannot deactivate themselves.
          membership().members().deactivate(owner, org, acme.membership(owner));
          return "unexpectedly allowed";
        }
      }
    } catch (MembershipException e) {
      return "refused";
    }
  }

  private static Optional<MemberRow.Member> pick(List<MemberRow.Member> members, MembershipStatus status, Random random) {
    List<MemberRow.Member> some = members.stream().filter(m -> m.membership().status() == status).toList();
    return some.isEmpty() ? Optional.empty() : Optional.of(some.get(random.nextInt(some.size())));
  }

  /** The counts as counting the members page's rows (every badge) gives them. */
  private MemberCounts countedRows(OrganisationId organisation) {
    List<MemberRow> rows = walk(200, page -> tx(tx -> tx.reads().memberPage(organisation,
        MemberQuery.all().withBadges(MemberBadge.values()).withPage(page), kit().clock().instant())));
    long active = 0;
    long deactivated = 0;
    long removed = 0;
    long invited = 0;
    for (MemberRow row : rows) {
      switch (row) {
        case MemberRow.Invited i -> {
          assertThat(i.invitation().status()).isEqualTo(InvitationStatus.PENDING);
          invited++;
        }
        case MemberRow.Member m -> {
          switch (m.membership().status()) {
            case ACTIVE -> active++;
            case DEACTIVATED -> deactivated++;
            case REMOVED -> removed++;
          }
        }
      }
    }
    return new MemberCounts(active, deactivated, removed, invited);
  }

  /** As a host does: a change that lost a race to a concurrent one is tried again. */
  private static <T> T retried(Callable<T> change) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return change.call();
      } catch (MembershipException e) {
        if (e.code() != ErrorCode.CONCURRENT_MODIFICATION || attempt == 5) {
          throw e;
        }
      }
    }
  }
}
