package dev.membership;

import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.spi.StoreTransaction;
import java.time.Instant;
import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.internal.Context;
import dev.membership.query.AccountSummary;
import dev.membership.query.AuditEntry;
import dev.membership.query.AuditQuery;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The organisation's audit log: every change, who made it, to whom, when; newest first. */
public final class AuditLog {
  private final Context context;

  AuditLog(Context context) {
    this.context = context;
  }

  /**
   * A page of the log with who did each thing, in two reads whatever the page size. Needs
   * {@code VIEW_AUDIT_LOG}.
   */
  public Page<AuditEntry> listWithActors(AccountId actor, OrganisationId organisation, PageRequest page) {
    return listWithActors(actor, organisation, AuditQuery.all(page));
  }

  /**
   * A page of the log filtered by action and by member (entries the member made or that were about
   * them), with who did each thing, in two reads whatever the page size; pages both ways ({@link
   * Page#previousCursor}). Needs {@code VIEW_AUDIT_LOG}.
   */
  public Page<AuditEntry> listWithActors(AccountId actor, OrganisationId organisation, AuditQuery query) {
    Objects.requireNonNull(query, "query");
    return context.read(tx -> {
      requireReader(tx, actor, organisation);
      Page<AuditEvent> events = tx.audit().page(organisation, query);
      Map<AccountId, AccountSummary> actors = tx.accounts().findAll(events.items().stream().map(AuditEvent::actor).toList())
          .stream().collect(Collectors.toMap(Account::id, AccountSummary::of));
      return events.map(e -> new AuditEntry(e, Objects.requireNonNull(actors.get(e.actor()), "the actor's account")));
    });
  }

  /** A page of the log. Needs {@code VIEW_AUDIT_LOG}. */
  public Page<AuditEvent> list(AccountId actor, OrganisationId organisation, PageRequest page) {
    return list(actor, organisation, AuditQuery.all(page));
  }

  /** A page of the log filtered by action and by member. Needs {@code VIEW_AUDIT_LOG}. */
  public Page<AuditEvent> list(AccountId actor, OrganisationId organisation, AuditQuery query) {
    Objects.requireNonNull(query, "query");
    return context.read(tx -> {
      requireReader(tx, actor, organisation);
      return tx.audit().page(organisation, query);
    });
  }

  /**
   * {@code VIEW_AUDIT_LOG} in an organisation in use; in a deleted one, a former owner within the
   * retention ({@link MembershipPolicy#deletedOrganisationRetention()}). Anyone else is refused as
   * every command on a deleted organisation is, with {@code ORGANISATION_DELETED}.
   */
  private void requireReader(StoreTransaction tx, AccountId actor, OrganisationId organisation) {
    try {
      Context.requireIn(tx, actor, organisation, Permission.VIEW_AUDIT_LOG);
    } catch (ConflictException refused) {
      Instant now = context.now();
      if (refused.code() != ErrorCode.ORGANISATION_DELETED
          || tx.organisations().findDeletion(organisation).filter(d -> d.auditReadableBy(actor, now)).isEmpty()) {
        throw refused;
      }
    }
  }
}
