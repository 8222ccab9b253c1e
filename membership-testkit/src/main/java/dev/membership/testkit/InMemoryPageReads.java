package dev.membership.testkit;

import static dev.membership.testkit.InMemoryTables.compare;
import static dev.membership.testkit.InMemoryTables.parseInstant;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.Membership;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.domain.TextForms;
import dev.membership.query.AccountJoinRequest;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.AccountSummary;
import dev.membership.query.MemberCounts;
import dev.membership.query.Cursor;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.query.MemberAccess;
import dev.membership.spi.MemberPageView;
import dev.membership.spi.PageReads;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The list pages of the in-memory store: every table filtered and sorted, then cut at the cursor. */
final class InMemoryPageReads implements PageReads {
  private final InMemoryTables tables;

  InMemoryPageReads(InMemoryTables tables) {
    this.tables = tables;
  }

  @Override
  public MemberPageView memberPage(AccountId viewer, OrganisationId organisation, MemberQuery query, Instant now) {
    Optional<MemberAccess> access = tables.findLiveMembership(organisation, viewer)
        .map(m -> new MemberAccess(Objects.requireNonNull(tables.organisations.get(organisation), "organisation"), m,
            tables.role(organisation, m.roleId()), Objects.requireNonNull(tables.accounts.get(viewer), "account").credentialState()));
    return new MemberPageView(access, memberPage(organisation, query, now));
  }

  @Override
  public Page<MemberRow> memberPage(OrganisationId organisation, MemberQuery query, Instant now) {
    Optional<String> text = query.text().map(TextForms::searchForm);
    Stream<MemberRow> members = tables.memberships.values().stream()
        .filter(m -> m.organisationId().equals(organisation))
        .map(m -> {
          Account account = Objects.requireNonNull(tables.accounts.get(m.accountId()), "account");
          Role role = m.status().isLive() ? tables.role(organisation, m.roleId())
              : tables.findRole(organisation, m.roleId()).orElseGet(() -> Role.deleted(organisation, m.roleId()));
          return (MemberRow) new MemberRow.Member(m, AccountSummary.of(account), role);
        })
        .filter(row -> query.badges().contains(row.badge()))
        .filter(row -> query.origins().isEmpty()
            || query.origins().contains(((MemberRow.Member) row).membership().origin()))
        .filter(row -> text.isEmpty() || row.email().value().contains(text.get())
            || TextForms.searchForm(((MemberRow.Member) row).account().displayName()).contains(text.get()));
    Stream<MemberRow> invited = !query.includesInvitations() ? Stream.empty() : tables.invitations.values().stream()
        .filter(i -> i.organisationId().equals(organisation) && i.status() == InvitationStatus.PENDING)
        .filter(i -> query.badges().contains(i.isOpenAt(now) ? MemberBadge.PENDING : MemberBadge.EXPIRED))
        .filter(i -> query.origins().isEmpty() || query.origins().contains(
            i.joinRequestId().isPresent() ? MembershipOrigin.JOIN_REQUEST : MembershipOrigin.INVITATION))
        .filter(i -> text.isEmpty() || i.email().value().contains(text.get()))
        .map(i -> new MemberRow.Invited(i, tables.role(organisation, i.roleId()), !i.isOpenAt(now)));
    PageRequest page = query.page();
    Comparator<MemberRow> order = Comparator.comparing((MemberRow r) -> r.email().value()).thenComparing(InMemoryPageReads::rowId);
    Stream<MemberRow> rows = Stream.concat(members, invited)
        .filter(row -> query.roles().isEmpty() || query.roles().contains(row.role().id()))
        .sorted(page.backwards() ? order.reversed() : order);
    Optional<String> cursor = page.after().or(page::before);
    if (cursor.isPresent()) {
      List<String> key = Cursor.decode(cursor.get(), 2);
      int side = page.backwards() ? -1 : 1;
      rows = rows.filter(r -> Integer.signum(compare(r.email().value(), rowId(r), key)) == side);
    }
    return Page.of(rows.limit(page.limit() + 1L).toList(), page, r -> Cursor.encode(r.email().value(), rowId(r)));
  }

  @Override
  public Page<AccountOrganisation> organisationsOf(AccountId account, PageRequest page) {
    Stream<AccountOrganisation> rows = tables.memberships.values().stream()
        .filter(m -> m.accountId().equals(account) && m.status().isLive())
        .map(m -> new AccountOrganisation(Objects.requireNonNull(tables.organisations.get(m.organisationId()), "organisation"), m, tables.role(m.organisationId(), m.roleId())))
        .filter(row -> row.organisation().isActive())
        .sorted(Comparator.comparing((AccountOrganisation row) -> TextForms.searchForm(row.organisation().name()))
            .thenComparing(row -> row.organisation().id().toString()));
    if (page.after().isPresent()) {
      List<String> key = Cursor.decode(page.after().get(), 2);
      rows = rows.filter(row -> compare(TextForms.searchForm(row.organisation().name()),
          row.organisation().id().toString(), key) > 0);
    }
    return Page.of(rows.limit(page.limit() + 1L).toList(), page.limit(),
        row -> Cursor.encode(TextForms.searchForm(row.organisation().name()), row.organisation().id().toString()));
  }


  @Override
  public MemberCounts memberCounts(OrganisationId organisation) {
    // The reference store counts its rows: the kept counts of a database store must equal this.
    long active = 0;
    long deactivated = 0;
    long removed = 0;
    for (Membership m : tables.memberships.values()) {
      if (m.organisationId().equals(organisation)) {
        switch (m.status()) {
          case ACTIVE -> active++;
          case DEACTIVATED -> deactivated++;
          case REMOVED -> removed++;
        }
      }
    }
    long invited = tables.invitations.values().stream()
        .filter(i -> i.organisationId().equals(organisation) && i.status() == InvitationStatus.PENDING)
        .count();
    return new MemberCounts(active, deactivated, removed, invited);
  }

  @Override
  public Page<Organisation> searchOrganisations(String text, PageRequest page) {
    String needle = TextForms.searchForm(text);
    Comparator<Organisation> order = Comparator.comparing((Organisation o) -> TextForms.searchForm(o.name()))
        .thenComparing(o -> o.id().toString());
    Stream<Organisation> rows = tables.organisations.values().stream()
        .filter(Organisation::isActive)
        .filter(Organisation::discoverable)
        .filter(o -> TextForms.searchForm(o.name()).contains(needle))
        .sorted(order);
    if (page.after().isPresent()) {
      List<String> key = Cursor.decode(page.after().get(), 2);
      rows = rows.filter(o -> compare(TextForms.searchForm(o.name()), o.id().toString(), key) > 0);
    }
    return Page.of(rows.limit(page.limit() + 1L).toList(), page.limit(),
        o -> Cursor.encode(TextForms.searchForm(o.name()), o.id().toString()));
  }


  @Override
  public Page<JoinRequest> joinRequestPage(OrganisationId organisation, Set<JoinRequestStatus> statuses, PageRequest page) {
    Comparator<JoinRequest> order = Comparator.comparing(JoinRequest::createdAt).thenComparing(r -> r.id().toString());
    Stream<JoinRequest> rows = tables.joinRequests.values().stream()
        .filter(r -> r.organisationId().equals(organisation))
        .filter(r -> statuses.isEmpty() || statuses.contains(r.status()))
        .sorted(page.backwards() ? order.reversed() : order);
    Optional<String> cursor = page.after().or(page::before);
    if (cursor.isPresent()) {
      List<String> key = Cursor.decode(cursor.get(), 2);
      Instant at = parseInstant(key.get(0));
      int side = page.backwards() ? -1 : 1;
      rows = rows.filter(r -> Integer.signum(r.createdAt().equals(at)
          ? r.id().toString().compareTo(key.get(1)) : r.createdAt().compareTo(at)) == side);
    }
    return Page.of(rows.limit(page.limit() + 1L).toList(), page,
        r -> Cursor.encode(r.createdAt().toString(), r.id().toString()));
  }

  @Override
  public Page<AccountJoinRequest> joinRequestsOf(AccountId account, Set<JoinRequestStatus> statuses, PageRequest page) {
    Comparator<JoinRequest> newestFirst = Comparator.comparing(JoinRequest::createdAt)
        .thenComparing(r -> r.id().toString()).reversed();
    Stream<JoinRequest> rows = tables.joinRequests.values().stream()
        .filter(r -> r.accountId().equals(account))
        .filter(r -> statuses.isEmpty() || statuses.contains(r.status()))
        .sorted(newestFirst);
    if (page.after().isPresent()) {
      List<String> key = Cursor.decode(page.after().get(), 2);
      Instant at = parseInstant(key.get(0));
      rows = rows.filter(r -> r.createdAt().isBefore(at)
          || (r.createdAt().equals(at) && r.id().toString().compareTo(key.get(1)) < 0));
    }
    return Page.of(rows.limit(page.limit() + 1L).map(r -> new AccountJoinRequest(r, Objects.requireNonNull(tables.organisations.get(r.organisationId()), "organisation")))
            .toList(), page.limit(),
        r -> Cursor.encode(r.request().createdAt().toString(), r.request().id().toString()));
  }

  private static String rowId(MemberRow row) {
    return switch (row) {
      case MemberRow.Member m -> m.membership().id().toString();
      case MemberRow.Invited i -> i.invitation().id().toString();
    };
  }
}
