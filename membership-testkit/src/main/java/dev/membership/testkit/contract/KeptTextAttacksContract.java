package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.Invite;
import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.EmailAddress;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.Permission;
import dev.membership.domain.RoleId;
import dev.membership.query.MemberAccess;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An outsider's attacks on the kept texts of the store (writes rendered once per shape with {@code ?}
 * and, on PostgreSQL, sent as one multi-statement batch; reads kept per number of ids): values that
 * look like SQL are stored verbatim and never change a statement, a unique conflict inside the batch
 * leaves nothing of the losing unit, and a read of many ids answers each id once. Run on the
 * in-memory store and on H2, PostgreSQL and MariaDB.
 */
public abstract class KeptTextAttacksContract extends StoreContractSupport {
  /** Texts that would split, end or re-number a statement if they ever reached its text. */
  private static final List<String> HOSTILE = List.of(
      "Robert'); DROP TABLE membership_account; --",
      "$1 $2 ? ?? ?| :p1 :mbr_w0",
      "back\\slash \\' \\\" end\\",
      "/* ; */ ' ; \" ; `;` $$;$$ $tag$;$tag$",
      "é ☃ 😀 ; ?",
      ";");

  @Test
  void display_names_and_join_messages_that_look_like_sql_are_stored_verbatim_and_change_no_statement() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    for (int i = 0; i < HOSTILE.size(); i++) {
      String text = HOSTILE.get(i);
      String name = "Name " + text;
      AccountId person = kit().account("hostile" + i + "@person.test", name);

      JoinRequest request = membership().joinRequests().request(person, acme.id(), Optional.of(text));

      assertThat(find(tx -> tx.accounts().find(person))).map(Account::displayName).as("display name %s", i)
          .contains(name);
      assertThat(find(tx -> tx.joinRequests().find(request.id()))).map(JoinRequest::message).as("message %s", i)
          .contains(Optional.of(text));
    }
    assertThat(membership().audit().listWithActors(acme.owner(), acme.id(), PageRequest.first(200)).items().stream()
        .filter(e -> e.event().action() == AuditAction.JOIN_REQUESTED).count())
        .as("one audit event per request: no statement of the batch was lost or split")
        .isEqualTo(HOSTILE.size());
  }

  @Test
  void an_address_whose_local_part_looks_like_sql_is_invited_and_found_verbatim() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    // Quote, dollar placeholder and question mark are all allowed in a local part (a semicolon is not).
    String address = "o'brien$1?x@person.test";
    EmailAddress email = EmailAddress.of(address);

    membership().invitations().invite(acme.owner(), acme.id(), Invite.of(address, Role.MEMBER));

    assertThat(find(tx -> tx.invitations().findPending(acme.id(), email))).as("the pending invitation")
        .hasValueSatisfying(i -> assertThat(i.email()).isEqualTo(email));
  }

  @Test
  void two_invitations_of_one_address_at_once_store_one_invitation_one_audit_event_and_refuse_the_other_as_pending() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins("ana@acme.test").create();
    int rounds = 6;
    long sentBefore = sent(acme);
    for (int round = 0; round < rounds; round++) {
      String address = "twice" + round + "@invitee.test";
      List<Optional<MembershipException>> results = Races.refusals(
          () -> membership().invitations().invite(acme.owner(), acme.id(), Invite.of(address, Role.MEMBER)),
          () -> membership().invitations().invite(acme.admins().get(0), acme.id(), Invite.of(address, Role.ADMIN)));

      String where = "round " + round;
      assertThat(results.stream().filter(Optional::isEmpty).count()).as("%s: invitations that won", where)
          .isEqualTo(1);
      results.stream().flatMap(Optional::stream).forEach(e -> assertThat(e.code()).as(where)
          .isIn(ErrorCode.INVITATION_ALREADY_PENDING, ErrorCode.CONCURRENT_MODIFICATION));
      assertThat(find(tx -> tx.invitations().findPending(acme.id(), email(address)))).as(where).isPresent();
    }
    assertThat(sent(acme) - sentBefore).as("the losers' audit events were rolled back with their inserts")
        .isEqualTo(rounds);
    assertThat(membership().members().counts(acme.owner(), acme.id()).invited())
        .as("the losers' count deltas were rolled back").isEqualTo(rounds);
  }

  @Test
  void reading_accounts_by_many_ids_answers_each_stored_id_once_whatever_the_number_and_duplicates() {
    List<AccountId> ids = new ArrayList<>();
    for (int i = 0; i < 258; i++) {
      Account account = newAccount("many" + i + "@person.test");
      inTx(tx -> tx.accounts().insert(account));
      ids.add(account.id());
    }
    for (int n : new int[] {1, 2, 3, 4, 5, 255, 256, 257, 258}) {
      List<AccountId> asked = new ArrayList<>(ids.subList(0, n));
      asked.addAll(ids.subList(0, Math.min(n, 3))); // duplicates
      asked.add(ids.get(n - 1));

      List<Account> found = list(tx -> tx.accounts().findAll(asked));

      assertThat(found.stream().map(Account::id).toList()).as("%s ids", n).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(ids.subList(0, n));
    }
    AccountId unknown = AccountId.random();
    assertThat(list(tx -> tx.accounts().findAll(List.of(unknown, unknown, ids.get(0)))))
        .extracting(Account::id).containsExactly(ids.get(0));
    assertThat(list(tx -> tx.accounts().findAll(Set.of(unknown)))).isEmpty();
  }

  @Test
  void a_membership_row_naming_another_organisations_custom_role_gives_none_of_its_permissions() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    OrganisationFixture beta = kit().organisation("Beta").create();
    Role recruiter = membership().roles().create(acme.owner(), acme.id(),
        RoleDefinition.of("Recruiter", Permission.VIEW_MEMBERS, Permission.MANAGE_MEMBERS));
    AccountId person = kit().account("crafted@person.test");
    try {
      inTx(tx -> tx.memberships().insert(Membership.start(beta.id(), person, recruiter.id(), Set.of(),
          MembershipOrigin.INVITATION, T0)));
    } catch (RuntimeException refusedByTheStore) {
      return; // a store that refuses the row never lets it give access
    }

    assertThat(membership().access().has(person, beta.id(), Permission.MANAGE_MEMBERS))
        .as("acme's role never answers for beta").isFalse();
    assertThat(membership().access().has(person, beta.id(), Permission.VIEW_MEMBERS)).isFalse();
    assertThat(find(tx -> tx.memberships().findAccess(beta.id(), person))).map(MemberAccess::role)
        .hasValueSatisfying(r -> assertThat(r.permissions()).as("the role read for beta").isEmpty());
  }

  @Test
  void active_members_with_roles_answer_the_first_members_by_id_for_every_limit() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    Role reviewer = membership().roles().create(acme.owner(), acme.id(),
        RoleDefinition.of("Reviewer", Permission.VIEW_MEMBERS));
    List<Membership> all = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      AccountId person = kit().account("limit" + i + "@person.test");
      RoleId role = i % 3 == 0 ? reviewer.id() : i % 3 == 1 ? Role.ADMIN.id() : Role.MEMBER.id();
      Membership m = Membership.start(acme.id(), person, role, Set.of(), MembershipOrigin.INVITATION, T0);
      inTx(tx -> tx.memberships().insert(m));
      if (!role.equals(Role.MEMBER.id())) {
        all.add(m);
      }
    }
    all.sort(Comparator.comparing(Membership::id));
    Set<RoleId> roles = Set.of(reviewer.id(), Role.ADMIN.id());
    for (int limit = 1; limit <= all.size() + 3; limit++) {
      int n = limit;
      assertThat(list(tx -> tx.memberships().activeWithRoles(acme.id(), roles, n))).extracting(Membership::id)
          .as("limit %s", limit).containsExactlyElementsOf(all.subList(0, Math.min(n, all.size())).stream()
              .map(Membership::id).toList());
    }
    for (int limit : new int[] {999, 1000, 1001, 1024, Integer.MAX_VALUE}) {
      int n = limit;
      assertThat(list(tx -> tx.memberships().activeWithRoles(acme.id(), roles, n))).as("limit %s", limit)
          .hasSize(all.size());
    }
  }

  @Test
  void deactivating_and_reactivating_one_member_at_once_leaves_audit_events_and_kept_counts_that_match_the_rows() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    int rounds = 6;
    int deactivations = 0;
    int reactivations = 0;
    for (int round = 0; round < rounds; round++) {
      AccountId person = kit().join(acme.id(), acme.owner(), "flip" + round + "@person.test", Role.MEMBER);
      var member = kit().membershipIdOf(acme.id(), person);

      List<Optional<MembershipException>> results = Races.refusals(
          () -> membership().members().deactivate(acme.owner(), acme.id(), member),
          () -> membership().members().reactivate(acme.owner(), acme.id(), member));

      String where = "round " + round;
      assertThat(results.get(0)).as("%s: the deactivation of an active member", where).isEmpty();
      deactivations++;
      results.get(1).ifPresent(e -> assertThat(e.code()).as("%s: the reactivation that lost", where)
          .isIn(ErrorCode.MEMBER_ALREADY_ACTIVE, ErrorCode.CONCURRENT_MODIFICATION));
      boolean reactivated = results.get(1).isEmpty();
      reactivations += reactivated ? 1 : 0;
      assertThat(membership().access().has(person, acme.id(), Permission.VIEW_MEMBERS))
          .as("%s: a member with access exactly when the reactivation came last and won", where)
          .isEqualTo(reactivated);
    }
    long deactivated = events(acme, AuditAction.MEMBER_DEACTIVATED);
    long reactivatedEvents = events(acme, AuditAction.MEMBER_REACTIVATED);
    assertThat(deactivated).isEqualTo(deactivations);
    assertThat(reactivatedEvents).as("one event per reactivation that won, none for a loser").isEqualTo(reactivations);
    assertThat(membership().members().counts(acme.owner(), acme.id()).active())
        .as("kept active count").isEqualTo(1 + reactivations);
  }

  private long events(OrganisationFixture org, AuditAction action) {
    return membership().audit().listWithActors(org.owner(), org.id(), PageRequest.first(200)).items().stream()
        .filter(e -> e.event().action() == action).count();
  }

  private long sent(OrganisationFixture org) {
    return membership().audit().listWithActors(org.owner(), org.id(), PageRequest.first(200)).items().stream()
        .filter(e -> e.event().action() == AuditAction.INVITATION_SENT).count();
  }
}
