package dev.membership.internal;

import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventId;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.AuditEventId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.MembershipEvent;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.error.PermissionDeniedException;
import dev.membership.query.MemberAccess;
import dev.membership.spi.StoreTransaction;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One command's transaction: the store, the command's instant, and the audit events, account events
 * and notifications it writes alongside its change. The events are told to listeners, in the order
 * written, only once the transaction has committed.
 */
public final class UnitOfWork {
  /** Administrators and reviewers notified of one event: enough for any real organisation. */
  public static final int MAX_RECIPIENTS = 500;

  public final StoreTransaction tx;
  public final Instant now;
  private final List<MembershipEvent> events = new ArrayList<>();
  private boolean notified;

  UnitOfWork(StoreTransaction tx, Instant now) {
    this.tx = tx;
    this.now = now;
  }

  List<MembershipEvent> events() {
    return events;
  }

  boolean notified() {
    return notified;
  }

  /** Appends an audit event to the log, in this transaction. */
  public void audit(OrganisationId organisation, AccountId actor, AuditAction action, Optional<AccountId> subjectAccount,
      String subject, Map<String, String> details) {
    AuditEvent event = new AuditEvent(AuditEventId.random(), organisation, actor, action, subjectAccount, subject, now,
        details);
    tx.audit().append(event);
    events.add(event);
  }

  /**
   * Appends an event to the account's own history, in this transaction: a change to who can sign in
   * as the account. {@code organisation} is the one the change was made through, if any.
   */
  public void accountEvent(AccountId account, AccountId actor, Optional<OrganisationId> organisation,
      AccountEventType type, Map<String, String> details) {
    AccountEvent event = new AccountEvent(AccountEventId.random(), account, actor, organisation, type, now, details);
    tx.accountEvents().append(event);
    events.add(event);
  }

  /** Writes a notification about the organisation to the outbox, in this transaction. */
  public void notify(NotificationType type, OrganisationId organisation, EmailAddress recipient, Map<String, String> data,
      Optional<URI> link) {
    enqueue(type, Optional.of(organisation), recipient, data, link);
  }

  /** Writes a notification about the address alone (no organisation: signing up) to the outbox, in this transaction. */
  public void notifyAddress(NotificationType type, EmailAddress recipient, Map<String, String> data, Optional<URI> link) {
    enqueue(type, Optional.empty(), recipient, data, link);
  }

  private void enqueue(NotificationType type, Optional<OrganisationId> organisation, EmailAddress recipient,
      Map<String, String> data, Optional<URI> link) {
    tx.outbox().enqueue(new Notification(NotificationId.random(), type, organisation, recipient, data, link, now));
    notified = true;
  }

  /** Notifies every active member whose role allows {@code permission}, except the one who caused it. */
  public void notifyEveryoneWho(Permission permission, NotificationType type, OrganisationId organisation,
      AccountId except, Map<String, String> data) {
    notifyAll(type, organisation, everyoneWho(permission, organisation, except), data);
  }

  /** Notifies every active member whose role allows {@code permission}; returns whom, ordered by membership id. */
  public List<AccountId> notifyEveryoneWho(Permission permission, NotificationType type, OrganisationId organisation,
      Map<String, String> data) {
    List<Account> accounts = accountsWho(permission, organisation, Optional.empty());
    notifyAll(type, organisation, accounts.stream().map(Account::email).toList(), data);
    return accounts.stream().map(Account::id).toList();
  }

  /**
   * The addresses of the active members whose role allows {@code permission}, except {@code except}:
   * read before a command's writes, so that the store can send the writes together.
   */
  public List<EmailAddress> everyoneWho(Permission permission, OrganisationId organisation, AccountId except) {
    return accountsWho(permission, organisation, Optional.of(except)).stream()
        .map(Account::email)
        .toList();
  }

  private List<Account> accountsWho(Permission permission, OrganisationId organisation, Optional<AccountId> except) {
    Set<RoleId> roles = tx.roles().list(organisation).stream()
        .filter(r -> r.allows(permission))
        .map(Role::id)
        .collect(Collectors.toSet());
    var members = tx.memberships().activeWithRoles(organisation, roles, MAX_RECIPIENTS).stream()
        .filter(m -> except.filter(m.accountId()::equals).isEmpty())
        .toList();
    return tx.accounts().findAll(members.stream().map(m -> m.accountId()).toList());
  }

  /** Notifies each of {@code recipients} (from {@link #everyoneWho}). */
  public void notifyAll(NotificationType type, OrganisationId organisation, List<EmailAddress> recipients,
      Map<String, String> data) {
    for (EmailAddress recipient : recipients) {
      notify(type, organisation, recipient, data, Optional.empty());
    }
  }

  /** The organisation, which must exist and not be deleted. */
  public Organisation organisation(OrganisationId id) {
    Organisation organisation = tx.organisations().find(id).orElseThrow(NotFound::organisation);
    if (!organisation.isActive()) {
      throw Context.organisationDeleted();
    }
    return organisation;
  }

  /**
   * Locks the organisation row ({@code SELECT ... FOR UPDATE}) and returns it, which must exist and
   * not be deleted: a change that adds a member or an invitation takes it, as deleting does, so it
   * either commits before the deletion reads what to end, or sees the organisation deleted.
   */
  public Organisation lockActive(OrganisationId id) {
    Organisation organisation = tx.organisations().lock(id).orElseThrow(NotFound::organisation);
    if (!organisation.isActive()) {
      throw Context.organisationDeleted();
    }
    return organisation;
  }

  /**
   * The actor's access in the organisation, which must allow {@code permission}. Checked first by
   * every command; a deactivated member is refused at once.
   */
  public MemberAccess require(AccountId actor, OrganisationId organisation, Permission permission) {
    return Context.requireIn(tx, actor, organisation, permission);
  }

  /** The role, which must exist in the organisation. */
  public Role role(OrganisationId organisation, RoleId id) {
    return tx.roles().find(organisation, id)
        .orElseThrow(NotFound::role);
  }


}
