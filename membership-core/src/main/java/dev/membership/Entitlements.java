package dev.membership;

import dev.membership.command.EntitlementDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.Entitlement;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.InvalidInputException;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.EntitlementNotice;
import dev.membership.domain.NotificationType;
import java.time.Duration;
import java.time.Instant;
import dev.membership.internal.Context;
import dev.membership.internal.UnitOfWork;
import dev.membership.internal.NotFound;
import dev.membership.query.EntitlementUsage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The application access an organisation holds: products, licences, trials, with optional seat limits. */
public final class Entitlements {
  /** End notices handled per kind and call of {@link #sendEndNotices()}: a bound, not a target. */
  private static final int NOTICE_BATCH = 100;
  private static final int MAX_NOTICES_PER_CALL = 10_000;

  private final Context context;
  private final Duration endNoticeLead;

  Entitlements(Context context, Duration endNoticeLead) {
    this.context = context;
    this.endNoticeLead = endNoticeLead;
  }

  /**
   * Moves a trial's or licence's end later. Needs {@code MANAGE_ENTITLEMENTS}. The new end must be
   * later than the current one and than now ({@code INVALID_INPUT} on {@code validUntil}); an
   * entitlement without an end answers {@code ENTITLEMENT_HAS_NO_END}. Audited as {@code
   * ENTITLEMENT_EXTENDED} with {@code from} and {@code to}; the end notices are sent again for the new end.
   */
  public Entitlement extend(AccountId actor, OrganisationId organisation, EntitlementKey key, Instant newEnd) {
    if (newEnd.isBefore(Instant.EPOCH) || newEnd.isAfter(LATEST_END)) {
      throw InvalidInputException.of("validUntil", "out_of_range", "must be between 1970 and 2261");
    }
    return context.write(uow -> {
      uow.require(actor, organisation, Permission.MANAGE_ENTITLEMENTS);
      Entitlement current = uow.tx.entitlements().find(organisation, key).orElseThrow(NotFound::entitlement);
      Instant end = current.validUntil().orElseThrow(() -> new ConflictException(ErrorCode.ENTITLEMENT_HAS_NO_END,
          "This entitlement has no end to extend."));
      if (!newEnd.isAfter(end) || !newEnd.isAfter(uow.now)) {
        throw InvalidInputException.of("validUntil", "not_later", "must be later than the current end and than now");
      }
      Entitlement saved = uow.tx.entitlements().update(new Entitlement(organisation, key, current.name(),
          current.seatLimit(), Optional.of(newEnd), current.version()));
      uow.audit(organisation, actor, AuditAction.ENTITLEMENT_EXTENDED, Optional.empty(), key.value(),
          Map.of("from", end.toString(), "to", newEnd.toString()));
      return saved;
    });
  }

  /**
   * The upkeep a host runs on a schedule (every few minutes or hours), on any number of instances:
   * tells each organisation's entitlement managers (every active member whose role allows {@code
   * MANAGE_ENTITLEMENTS}) that a trial or licence ends within the notice time ({@code
   * NotificationType.ENTITLEMENT_ENDING}, {@code Memberships.Builder.entitlementEndNotice}, default 7
   * days) and that it has ended ({@code ENTITLEMENT_ENDED}, for ends within the same time back). Each
   * notice is sent once per entitlement and end date, however often and on however many instances this
   * runs (the store records it first, in the same transaction as the outbox rows and the audit
   * entries {@code ENTITLEMENT_END_NOTICE_SENT}). Returns how many notices (entitlement ends) it sent.
   */
  public int sendEndNotices() {
    Instant now = context.now();
    int sent = send(EntitlementNotice.ENDING, now, now.plus(endNoticeLead));
    return sent + send(EntitlementNotice.ENDED, now.minus(endNoticeLead), now);
  }

  private int send(EntitlementNotice notice, Instant from, Instant until) {
    int sent = 0;
    for (int handled = 0; handled < MAX_NOTICES_PER_CALL; ) {
      List<Entitlement> due = context.read(tx -> tx.applications().endingWithout(notice, from, until, NOTICE_BATCH));
      if (due.isEmpty()) {
        break;
      }
      for (Entitlement entitlement : due) {
        handled++;
        try {
          sent += context.write(uow -> notify(uow, notice, entitlement)) ? 1 : 0;
        } catch (ConcurrentModificationException raced) {
          // Another instance is recording the same notice: it sends it, or a later run does if it rolled back.
        }
      }
    }
    return sent;
  }

  private static boolean notify(UnitOfWork uow, EntitlementNotice notice, Entitlement entitlement) {
    Instant end = entitlement.validUntil().orElseThrow();
    if (!uow.tx.applications().recordNotice(entitlement.organisationId(), entitlement.key(), notice, end)) {
      return false;
    }
    var organisation = uow.tx.organisations().find(entitlement.organisationId());
    if (organisation.isEmpty() || !organisation.get().isActive()) {
      return false;
    }
    NotificationType type = notice == EntitlementNotice.ENDING ? NotificationType.ENTITLEMENT_ENDING
        : NotificationType.ENTITLEMENT_ENDED;
    Map<String, String> data = Map.of("organisationName", organisation.get().name(),
        "entitlement", entitlement.key().value(), "entitlementName", entitlement.name(), "endsAt", end.toString());
    List<AccountId> told = uow.notifyEveryoneWho(Permission.MANAGE_ENTITLEMENTS, type, entitlement.organisationId(), data);
    for (AccountId manager : told) {
      uow.audit(entitlement.organisationId(), manager, AuditAction.ENTITLEMENT_END_NOTICE_SENT, Optional.of(manager),
          entitlement.key().value(), Map.of("notice", notice.name(), "endsAt", end.toString()));
    }
    return true;
  }

  /** The organisation's entitlements by key. Needs {@code VIEW_MEMBERS}. */
  public List<Entitlement> list(AccountId actor, OrganisationId organisation) {
    return context.read(tx -> {
      Context.requireIn(tx, actor, organisation, Permission.VIEW_MEMBERS);
      return tx.entitlements().list(organisation);
    });
  }

  /** The organisation's entitlements with the seats each has taken, for "3 of 10 seats". Needs {@code VIEW_MEMBERS}. */
  public List<EntitlementUsage> usage(AccountId actor, OrganisationId organisation) {
    return context.read(tx -> {
      Context.requireIn(tx, actor, organisation, Permission.VIEW_MEMBERS);
      return tx.entitlements().list(organisation).stream()
          .map(e -> new EntitlementUsage(e, tx.entitlements().countSeatsInUse(organisation, e.key(), context.now())))
          .toList();
    });
  }

  /** Defines a new entitlement. Needs {@code MANAGE_ENTITLEMENTS}. */
  public Entitlement define(AccountId actor, OrganisationId organisation, EntitlementDefinition definition) {
    check(definition);
    return context.write(uow -> {
      uow.require(actor, organisation, Permission.MANAGE_ENTITLEMENTS);
      Entitlement entitlement = new Entitlement(organisation, definition.key(), definition.name(),
          definition.seatLimit(), definition.validUntil(), 0);
      uow.tx.entitlements().insert(entitlement);
      uow.audit(organisation, actor, AuditAction.ENTITLEMENT_DEFINED, Optional.empty(), definition.key().value(),
          describe(entitlement));
      return entitlement;
    });
  }

  /**
   * Changes an entitlement's name, seat limit or end date. Lowering the limit below the seats in use
   * is refused with {@code SEAT_LIMIT_REACHED}.
   */
  public Entitlement update(AccountId actor, OrganisationId organisation, EntitlementDefinition definition) {
    check(definition);
    return context.write(uow -> {
      uow.require(actor, organisation, Permission.MANAGE_ENTITLEMENTS);
      uow.tx.organisations().lock(organisation);
      Entitlement current = uow.tx.entitlements().find(organisation, definition.key())
          .orElseThrow(NotFound::entitlement);
      if (definition.seatLimit().isPresent()) {
        long used = uow.tx.entitlements().countSeatsInUse(organisation, definition.key(), uow.now);
        if (used > definition.seatLimit().get()) {
          throw new ConflictException(ErrorCode.SEAT_LIMIT_REACHED,
              used + " seats are in use: revoke access or cancel invitations before lowering the limit.");
        }
      }
      Entitlement next = new Entitlement(organisation, current.key(), definition.name(), definition.seatLimit(),
          definition.validUntil(), current.version());
      Entitlement saved = uow.tx.entitlements().update(next);
      uow.audit(organisation, actor, AuditAction.ENTITLEMENT_CHANGED, Optional.empty(), current.key().value(),
          describe(next));
      return saved;
    });
  }

  /** Stores keep instants from 1970 to 2261 exactly; an end date outside that is a typing mistake. */
  private static final Instant LATEST_END = Instant.parse("2261-12-31T23:59:59Z");

  private void check(EntitlementDefinition definition) {
    context.validator.check("entitlement", definition);
    if (definition.validUntil().filter(end -> end.isBefore(Instant.EPOCH) || end.isAfter(LATEST_END)).isPresent()) {
      throw InvalidInputException.of("validUntil", "out_of_range", "must be between 1970 and 2261");
    }
  }

  private static Map<String, String> describe(Entitlement entitlement) {
    Map<String, String> details = new HashMap<>();
    details.put("name", entitlement.name());
    entitlement.seatLimit().ifPresent(s -> details.put("seatLimit", s.toString()));
    entitlement.validUntil().ifPresent(v -> details.put("validUntil", v.toString()));
    return details;
  }
}
