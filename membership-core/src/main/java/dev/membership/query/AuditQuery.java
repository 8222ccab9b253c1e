package dev.membership.query;

import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An audit-log page request: filters and the page. Entries are ordered newest first, then by id
 * descending.
 *
 * @param actions only entries of these actions; empty for all
 * @param member only entries this account made (the actor) or that were about it (the subject
 *     account); empty for everyone's
 * @param page which page (the log pages both ways: {@link PageRequest#before} too)
 */
public record AuditQuery(Set<AuditAction> actions, Optional<AccountId> member, PageRequest page) {
  public AuditQuery {
    actions = Set.copyOf(actions);
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(page, "page");
  }

  /** Every entry, on the given page. */
  public static AuditQuery all(PageRequest page) {
    return new AuditQuery(Set.of(), Optional.empty(), page);
  }

  /** The first page of every entry. */
  public static AuditQuery all() {
    return all(PageRequest.first());
  }

  public AuditQuery withActions(AuditAction... only) {
    return new AuditQuery(Set.of(only), member, page);
  }

  public AuditQuery withActions(Set<AuditAction> only) {
    return new AuditQuery(only, member, page);
  }

  public AuditQuery withMember(AccountId account) {
    return new AuditQuery(actions, Optional.of(account), page);
  }

  public AuditQuery withPage(PageRequest request) {
    return new AuditQuery(actions, member, request);
  }

  /** Whether an event passes the filters (not the page). */
  public boolean matches(dev.membership.domain.AuditEvent event) {
    return (actions.isEmpty() || actions.contains(event.action()))
        && member.map(m -> event.actor().equals(m) || event.subjectAccount().equals(Optional.of(m))).orElse(true);
  }
}
