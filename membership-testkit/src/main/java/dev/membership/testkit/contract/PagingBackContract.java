package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.Invite;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.query.AuditQuery;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Paging back from the library's own cursor ({@link Page#previousCursor}, {@link PageRequest#before}):
 * on the members page, the join-request list and the audit log, walking forward and then back
 * returns the same pages; the first page has no previous and the last no next; rows that tie on the
 * sort key are neither lost nor repeated.
 */
public abstract class PagingBackContract extends StoreContractSupport {

  @Test
  void the_members_page_walked_forward_then_back_returns_the_same_pages() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(9).withPendingInvitations(4).create();

    forwardThenBack(4, page -> membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withPage(page)), 14);
  }

  @Test
  void a_removed_member_and_a_new_invitation_to_the_same_address_tie_on_the_address_and_both_are_paged_both_ways() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers("ann@acme.test", "bob@acme.test", "cy@acme.test").create();
    membership().members().remove(acme.owner(), acme.id(), acme.membership("bob@acme.test"));
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("bob@acme.test", Role.MEMBER));

    List<List<Object>> pages = forwardThenBack(1,
        page -> membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.values()).withPage(page)), 5);

    assertThat(pages.stream().flatMap(List::stream).map(row -> ((dev.membership.query.MemberRow) row).email().value()))
        .containsExactly("ann@acme.test", "bob@acme.test", "bob@acme.test", "cy@acme.test", "owner@acme.test");
  }

  @Test
  void join_requests_made_at_the_same_instant_are_paged_forward_then_back_in_the_same_order() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    for (int i = 0; i < 7; i++) {
      // The test clock stands still: every request has the same creation instant, ordered by id.
      membership().joinRequests().request(kit().account("asker" + i + "@x.test"), acme.id());
    }

    forwardThenBack(3, page -> membership().joinRequests().list(acme.owner(), acme.id(), Set.of(JoinRequestStatus.PENDING), page), 7);
  }

  @Test
  void the_audit_log_written_at_one_instant_is_paged_forward_then_back_with_and_without_filters() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(4).create();

    List<List<Object>> all = forwardThenBack(3, page -> membership().audit().list(acme.owner(), acme.id(), page), -1);
    assertThat(all.stream().mapToInt(List::size).sum()).isGreaterThan(6);
    forwardThenBack(2, page -> membership().audit().listWithActors(acme.owner(), acme.id(),
        AuditQuery.all(page).withActions(AuditAction.INVITATION_SENT, AuditAction.INVITATION_ACCEPTED)), 8);
  }

  @Test
  void a_list_that_fits_one_page_has_neither_previous_nor_next() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(2).create();

    Page<?> page = membership().members().list(acme.owner(), acme.id(), MemberQuery.all());

    assertThat(page.items()).hasSize(3);
    assertThat(page.previousCursor()).isEmpty();
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void lists_that_page_forward_only_refuse_a_before_cursor_and_a_request_cannot_be_both_after_and_before() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(2).create();
    String cursor = membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withPage(PageRequest.first(1)))
        .nextCursor().orElseThrow();
    AccountId owner = acme.owner();

    refused("before", () -> membership().organisations().of(owner, PageRequest.first(1).before(cursor)));
    refused("before", () -> membership().organisations().search("acme", PageRequest.first(1).before(cursor)));
    refused("before", () -> new PageRequest(Optional.of(cursor), Optional.of(cursor), 1));
  }

  private static void refused(String field, Runnable call) {
    try {
      call.run();
      Assertions.fail("expected INVALID_INPUT on " + field);
    } catch (MembershipException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
      assertThat(e.fields()).extracting(f -> f.field()).contains(field);
    }
  }

  /**
   * Walks forward from the first page to the last, then back from the last page by each page's
   * previous cursor to the first; asserts the pages are the same both ways, that the first has no
   * previous and the last no next, and (when {@code expected >= 0}) how many rows there are.
   */
  @SuppressWarnings("unchecked")
  private static List<List<Object>> forwardThenBack(int limit, Function<PageRequest, ? extends Page<?>> fetch, int expected) {
    List<Page<Object>> forward = new ArrayList<>();
    PageRequest request = PageRequest.first(limit);
    for (int guard = 0; guard < 100; guard++) {
      Page<Object> page = (Page<Object>) fetch.apply(request);
      forward.add(page);
      if (page.nextCursor().isEmpty()) {
        break;
      }
      assertThat(page.items()).hasSize(limit);
      request = request.after(page.nextCursor().get());
    }
    assertThat(forward.getFirst().previousCursor()).as("the first page has no previous").isEmpty();
    assertThat(forward.getLast().nextCursor()).as("the last page has no next").isEmpty();
    List<Object> rows = forward.stream().flatMap(p -> p.items().stream()).toList();
    assertThat(rows).as("no row twice").doesNotHaveDuplicates();
    if (expected >= 0) {
      assertThat(rows).hasSize(expected);
    }

    List<Page<Object>> back = new ArrayList<>();
    Page<Object> page = forward.getLast();
    back.add(page);
    while (page.previousCursor().isPresent() && back.size() < 100) {
      page = (Page<Object>) fetch.apply(PageRequest.first(limit).before(page.previousCursor().get()));
      back.add(page);
      assertThat(page.nextCursor()).as("a page reached going back has a next page").isPresent();
    }
    Collections.reverse(back);
    assertThat(back).extracting(Page::items).as("back returns the same pages")
        .containsExactlyElementsOf(forward.stream().map(Page::items).toList());
    assertThat(back.getFirst().previousCursor()).as("back at the first page: no previous").isEmpty();
    return forward.stream().map(p -> p.items()).toList();
  }
}
