package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.Organisation;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.Cursor;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.PageRequest;
import dev.membership.spi.MemberPageView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Port level: every keyset-paginated list walks each row exactly once, in its documented order,
 * across pages of any size, also where rows share the sort key (the unique tiebreaker decides);
 * {@code nextCursor} is empty exactly on the last page; a malformed cursor is {@code INVALID_INPUT}.
 */
public abstract class PaginationContract extends StoreContractSupport {
  private static final MemberQuery EVERY_ROW = MemberQuery.all()
      .withBadges(MemberBadge.values());

  /** Seven members' rows, two of them sharing an address with a removed membership, one with an invitation. */
  private List<String> membersWithSharedAddresses(Organisation acme) {
    Account owner = account("owner@acme.test");
    List<String> ids = new ArrayList<>();
    ids.add(member(acme, owner, Role.OWNER).id().toString());
    for (int i = 1; i <= 5; i++) {
      ids.add(member(acme, account("m00" + i + "@acme.test"), Role.MEMBER).id().toString());
    }
    // m003 was removed and came back: two rows share the address.
    Account m003 = tx(tx -> tx.accounts().findByEmail(email("m003@acme.test"))).orElseThrow();
    Membership old = tx(tx -> tx.memberships().findLive(acme.id(), m003.id())).orElseThrow();
    inTx(tx -> tx.memberships().update(old.remove(at(10))));
    ids.add(member(acme, m003, Role.ADMIN).id().toString());
    // m005 was removed and is invited again: a member row and an invitation row share the address.
    Account m005 = tx(tx -> tx.accounts().findByEmail(email("m005@acme.test"))).orElseThrow();
    Membership gone = tx(tx -> tx.memberships().findLive(acme.id(), m005.id())).orElseThrow();
    inTx(tx -> tx.memberships().update(gone.remove(at(10))));
    ids.add(invitation(acme, "m005@acme.test", Role.MEMBER.id(), owner).id().toString());
    ids.add(invitation(acme, "m006@acme.test", Role.MEMBER.id(), owner).id().toString());
    return ids;
  }

  private static String idOf(MemberRow row) {
    return switch (row) {
      case MemberRow.Member m -> m.membership().id().toString();
      case MemberRow.Invited i -> i.invitation().id().toString();
    };
  }

  @Test
  void the_members_page_walks_every_member_and_invitation_once_in_email_order() {
    Organisation acme = organisation("acme");
    List<String> expected = membersWithSharedAddresses(acme);
    Instant now = at(60);
    List<MemberRow> all = tx(tx -> tx.reads().memberPage(acme.id(), EVERY_ROW.withPage(PageRequest.first(200)), now)).items();

    for (int limit : new int[] {1, 2, 3, 4, 8, 9, 50}) {
      List<MemberRow> walked = walk(limit, page -> tx(tx -> tx.reads().memberPage(acme.id(), EVERY_ROW.withPage(page), now)));

      assertThat(walked).extracting(PaginationContract::idOf).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(walked).extracting(PaginationContract::idOf).doesNotHaveDuplicates()
          .containsExactlyElementsOf(all.stream().map(PaginationContract::idOf).toList());
      assertThat(walked).extracting(row -> row.email().value()).isSorted()
          .startsWith("m001@acme.test", "m002@acme.test", "m003@acme.test", "m003@acme.test")
          .endsWith("m005@acme.test", "m005@acme.test", "m006@acme.test", "owner@acme.test");
    }
  }

  @Test
  void an_accounts_organisations_are_walked_once_in_name_order_even_when_names_repeat() {
    Account alice = account("alice@x.test");
    List<String> expected = new ArrayList<>();
    for (String name : List.of("globex", "acme", "umbrella", "acme", "initech", "acme", "globex")) {
      Organisation organisation = organisation(name);
      member(organisation, alice, Role.MEMBER);
      expected.add(organisation.id().toString());
    }
    Organisation left = organisation("acme");
    Membership removed = member(left, alice, Role.MEMBER);
    inTx(tx -> tx.memberships().update(removed.remove(at(5))));
    member(organisation("acme"), account("bob@x.test"), Role.OWNER);
    List<AccountOrganisation> all = tx(tx -> tx.reads().organisationsOf(alice.id(), PageRequest.first(200))).items();

    for (int limit : new int[] {1, 2, 3, 7, 50}) {
      List<AccountOrganisation> walked = walk(limit, page -> tx(tx -> tx.reads().organisationsOf(alice.id(), page)));

      Function<AccountOrganisation, String> id = row -> row.organisation().id().toString();
      assertThat(walked).extracting(id).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates()
          .containsExactlyElementsOf(all.stream().map(id).toList());
      assertThat(walked).extracting(row -> row.organisation().name())
          .containsExactly("acme", "acme", "acme", "globex", "globex", "initech", "umbrella");
    }
  }

  @Test
  void organisation_search_walks_every_match_once_in_name_order() {
    List<String> expected = new ArrayList<>();
    for (String name : List.of("acme", "acme corp", "globex", "acme", "old acme", "acme")) {
      Organisation organisation = organisation(name);
      if (name.contains("acme")) {
        expected.add(organisation.id().toString());
      }
    }
    Organisation deleted = organisation("acme deleted");
    inTx(tx -> tx.organisations().update(deleted.delete()));
    List<Organisation> all = tx(tx -> tx.reads().searchOrganisations("ACME", PageRequest.first(200))).items();

    for (int limit : new int[] {1, 2, 4, 5, 50}) {
      List<Organisation> walked = walk(limit, page -> tx(tx -> tx.reads().searchOrganisations("ACME", page)));

      assertThat(walked).extracting(o -> o.id().toString()).containsExactlyInAnyOrderElementsOf(expected)
          .doesNotHaveDuplicates().containsExactlyElementsOf(all.stream().map(o -> o.id().toString()).toList());
      assertThat(walked).extracting(Organisation::name).containsExactly("acme", "acme", "acme", "acme corp", "old acme");
    }
  }

  @Test
  void join_requests_are_walked_once_oldest_first_even_when_made_at_the_same_instant() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    List<JoinRequest> made = new ArrayList<>();
    long[] seconds = {20, 0, 10, 0, 20, 0, 10};
    for (int i = 0; i < seconds.length; i++) {
      Account requester = account("r00" + i + "@x.test");
      JoinRequest request = newJoinRequest(acme, requester, at(seconds[i]));
      inTx(tx -> tx.joinRequests().insert(request));
      made.add(request);
      JoinRequest elsewhere = newJoinRequest(globex, requester, at(seconds[i]));
      inTx(tx -> tx.joinRequests().insert(elsewhere));
    }
    List<JoinRequest> all = tx(tx -> tx.reads().joinRequestPage(acme.id(), Set.of(), PageRequest.first(200))).items();

    for (int limit : new int[] {1, 2, 3, 6, 7, 50}) {
      List<JoinRequest> walked = walk(limit, page -> tx(tx -> tx.reads().joinRequestPage(acme.id(), Set.of(), page)));

      assertThat(walked).extracting(JoinRequest::id)
          .containsExactlyInAnyOrderElementsOf(made.stream().map(JoinRequest::id).toList())
          .doesNotHaveDuplicates()
          .containsExactlyElementsOf(all.stream().map(JoinRequest::id).toList());
      assertThat(walked).extracting(JoinRequest::createdAt).isSortedAccordingTo(Comparator.naturalOrder());
    }
  }

  @Test
  void join_requests_are_filtered_by_status() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    JoinRequest pending = newJoinRequest(acme, account("p@x.test"), at(0));
    JoinRequest denied = newJoinRequest(acme, account("d@x.test"), at(1));
    JoinRequest withdrawn = newJoinRequest(acme, account("w@x.test"), at(2));
    inTx(tx -> {
      tx.joinRequests().insert(pending);
      tx.joinRequests().insert(denied);
      tx.joinRequests().insert(withdrawn);
    });
    inTx(tx -> {
      tx.joinRequests().update(denied.deny(owner.id(), at(3)));
      tx.joinRequests().update(withdrawn.withdraw(at(3)));
    });

    assertThat(list(tx -> tx.reads().joinRequestPage(acme.id(), Set.of(JoinRequestStatus.PENDING), PageRequest.first()).items()))
        .extracting(JoinRequest::id).containsExactly(pending.id());
    assertThat(list(tx -> tx.reads().joinRequestPage(acme.id(), Set.of(JoinRequestStatus.DENIED, JoinRequestStatus.WITHDRAWN),
        PageRequest.first()).items())).extracting(JoinRequest::id).containsExactly(denied.id(), withdrawn.id());
    assertThat(list(tx -> tx.reads().joinRequestPage(acme.id(), Set.of(), PageRequest.first()).items())).hasSize(3);
  }

  @Test
  void the_audit_log_is_walked_once_newest_first_even_when_events_share_an_instant() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    Account owner = account("owner@acme.test");
    List<AuditEvent> written = new ArrayList<>();
    long[] seconds = {0, 0, 10, 10, 10, 20, 30};
    for (long s : seconds) {
      AuditEvent event = newAuditEvent(acme.id(), owner, AuditAction.MEMBER_ROLE_CHANGED, at(s));
      AuditEvent other = newAuditEvent(globex.id(), owner, AuditAction.MEMBER_ROLE_CHANGED, at(s));
      inTx(tx -> {
        tx.audit().append(event);
        tx.audit().append(other);
      });
      written.add(event);
    }
    List<AuditEvent> all = tx(tx -> tx.audit().page(acme.id(), PageRequest.first(200))).items();

    for (int limit : new int[] {1, 2, 3, 7, 50}) {
      List<AuditEvent> walked = walk(limit, page -> tx(tx -> tx.audit().page(acme.id(), page)));

      assertThat(walked).containsExactlyInAnyOrderElementsOf(written).doesNotHaveDuplicates().containsExactlyElementsOf(all);
      assertThat(walked).extracting(AuditEvent::occurredAt).isSortedAccordingTo(Comparator.reverseOrder());
    }
  }

  @Test
  void the_members_page_read_with_its_viewer_carries_the_viewers_access_and_the_same_rows_both_ways() {
    Organisation acme = organisation("acme");
    membersWithSharedAddresses(acme);
    Role support = customRole(acme, "Support", Permission.VIEW_MEMBERS);
    Account viewer = account("viewer@acme.test");
    member(acme, viewer, support);
    Account stranger = account("stranger@x.test");
    Account m005 = tx(tx -> tx.accounts().findByEmail(email("m005@acme.test"))).orElseThrow();
    Instant now = at(60);

    for (Account who : List.of(viewer, stranger, m005)) {
      var access = tx(tx -> tx.memberships().findAccess(acme.id(), who.id()));
      for (int limit : new int[] {1, 3, 50}) {
        List<MemberRow> without = walk(limit, page -> tx(tx -> tx.reads().memberPage(acme.id(), EVERY_ROW.withPage(page), now)));
        List<MemberRow> with = walk(limit, page -> tx(tx -> {
          MemberPageView view = tx.reads().memberPage(who.id(), acme.id(), EVERY_ROW.withPage(page), now);
          assertThat(view.viewer()).isEqualTo(access);
          return view.page();
        }));
        assertThat(with).containsExactlyElementsOf(without);
        // Back from the last page to the first, through the previous cursors.
        var page = tx(tx -> tx.reads().memberPage(who.id(), acme.id(), EVERY_ROW.withPage(PageRequest.first(limit)), now));
        while (page.page().nextCursor().isPresent()) {
          PageRequest next = PageRequest.first(limit).after(page.page().nextCursor().get());
          page = tx(tx -> tx.reads().memberPage(who.id(), acme.id(), EVERY_ROW.withPage(next), now));
        }
        List<MemberRow> back = new ArrayList<>(page.page().items());
        while (page.page().previousCursor().isPresent()) {
          PageRequest previous = PageRequest.first(limit).before(page.page().previousCursor().get());
          page = tx(tx -> tx.reads().memberPage(who.id(), acme.id(), EVERY_ROW.withPage(previous), now));
          assertThat(page.viewer()).isEqualTo(access);
          back.addAll(0, page.page().items());
        }
        assertThat(back).containsExactlyElementsOf(without);
      }
    }
    // The viewer's custom role comes with its access, as the permission check reads it.
    assertThat(tx(tx -> tx.reads().memberPage(viewer.id(), acme.id(), MemberQuery.all(), now)).viewer())
        .hasValueSatisfying(a -> assertThat(a.role()).isEqualTo(support));
    var elsewhere = tx(tx -> tx.reads().memberPage(viewer.id(), organisation("globex").id(), MemberQuery.all(), now));
    assertThat(elsewhere.viewer()).isEmpty();
    assertThat(elsewhere.page().items()).isEmpty();
  }

  @Test
  void the_last_page_has_no_cursor_also_when_it_is_exactly_full() {
    Organisation acme = organisation("acme");
    member(acme, account("m001@acme.test"), Role.OWNER);
    member(acme, account("m002@acme.test"), Role.MEMBER);

    var first = tx(tx -> tx.reads().memberPage(acme.id(), MemberQuery.all().withPage(PageRequest.first(2)), T0));
    var empty = tx(tx -> tx.reads().memberPage(organisation("globex").id(), MemberQuery.all(), T0));

    assertThat(first.items()).hasSize(2);
    assertThat(first.nextCursor()).isEmpty();
    assertThat(empty.items()).isEmpty();
    assertThat(empty.nextCursor()).isEmpty();
  }

  @Test
  void a_malformed_cursor_is_invalid_input_on_every_list() {
    Organisation acme = organisation("acme");
    Account alice = account("alice@x.test");
    PageRequest garbage = PageRequest.first(10).after("not a cursor!");
    PageRequest wrongShape = PageRequest.first(10).after(Cursor.encode("only-one-value"));

    for (PageRequest page : List.of(garbage, wrongShape)) {
      assertFailsWith(ErrorCode.INVALID_INPUT, () -> tx(tx -> tx.reads().memberPage(acme.id(), MemberQuery.all().withPage(page), T0)));
      assertFailsWith(ErrorCode.INVALID_INPUT, () -> tx(tx -> tx.reads().organisationsOf(alice.id(), page)));
      assertFailsWith(ErrorCode.INVALID_INPUT, () -> tx(tx -> tx.reads().searchOrganisations("acme", page)));
      assertFailsWith(ErrorCode.INVALID_INPUT, () -> tx(tx -> tx.reads().joinRequestPage(acme.id(), Set.of(), page)));
      assertFailsWith(ErrorCode.INVALID_INPUT, () -> tx(tx -> tx.audit().page(acme.id(), page)));
    }
  }

  @Test
  void a_cursor_whose_sort_key_is_not_an_instant_is_invalid_input_on_time_ordered_lists() {
    Organisation acme = organisation("acme");
    PageRequest page = PageRequest.first(10).after(Cursor.encode("yesterday", "x"));

    assertFailsWith(ErrorCode.INVALID_INPUT, () -> tx(tx -> tx.reads().joinRequestPage(acme.id(), Set.of(), page)));
    assertFailsWith(ErrorCode.INVALID_INPUT, () -> tx(tx -> tx.audit().page(acme.id(), page)));
  }
}
