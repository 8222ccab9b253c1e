package dev.membership.examples.console.web;

import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.MembershipEvent;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.spi.MembershipEventListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * In-app notices of what the library also e-mails administrators: a person joined through an
 * invitation (onboarding completed), a person asks to join. Heard from the library's events, kept in
 * memory per organisation (the newest {@value #KEPT}, for {@value #DAYS} days; gone on restart: a host
 * that wants them kept would store them), and shown on the members page to whoever may act on them.
 * When a person is erased ({@code ACCOUNT_ERASED}), the notices about them go: the console erases
 * its own data about them, as the library asks.
 */
@Component
public class AdminNotices implements MembershipEventListener {
  static final int KEPT = 20;
  static final int DAYS = 7;
  private final Map<OrganisationId, Deque<Notice>> notices = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  /**
   * One notice.
   *
   * @param action what happened: {@code INVITATION_ACCEPTED} or {@code JOIN_REQUESTED}
   * @param who the address of the person it is about
   * @param at when
   * @param about the account it is about, where the library named one
   */
  public record Notice(AuditAction action, String who, Instant at, Optional<AccountId> about) {
    public String sentence() {
      return switch (action) {
        case INVITATION_ACCEPTED -> who + " accepted the invitation and is now a member.";
        case JOIN_REQUESTED -> who + " asks to join; answer on the Join Requests tab.";
        default -> who;
      };
    }

    public String when() {
      return Dates.moment(at);
    }
  }

  @Override
  public void onEvent(MembershipEvent event) {
    if (event instanceof AuditEvent audit
        && (audit.action() == AuditAction.INVITATION_ACCEPTED || audit.action() == AuditAction.JOIN_REQUESTED)) {
      Deque<Notice> list = notices.computeIfAbsent(audit.organisationId(), id -> new ArrayDeque<>());
      synchronized (list) {
        list.addFirst(new Notice(audit.action(), audit.subject(), audit.occurredAt(), audit.subjectAccount()));
        while (list.size() > KEPT) {
          list.removeLast();
        }
      }
    }
    if (event instanceof AccountEvent erased && erased.type() == AccountEventType.ACCOUNT_ERASED) {
      for (Deque<Notice> list : notices.values()) {
        synchronized (list) {
          list.removeIf(n -> n.about().equals(Optional.of(erased.accountId())));
        }
      }
    }
  }

  /** The recent notices the role may act on, newest first: joins to member managers, requests to reviewers. */
  public List<Notice> recent(OrganisationId organisation, Role role) {
    Deque<Notice> list = notices.get(organisation);
    if (list == null) {
      return List.of();
    }
    Instant since = clock.instant().minus(Duration.ofDays(DAYS));
    synchronized (list) {
      return list.stream().filter(n -> n.at().isAfter(since))
          .filter(n -> n.action() == AuditAction.INVITATION_ACCEPTED
              ? role.allows(Permission.MANAGE_MEMBERS) : role.allows(Permission.REVIEW_JOIN_REQUESTS))
          .limit(5).toList();
    }
  }
}
