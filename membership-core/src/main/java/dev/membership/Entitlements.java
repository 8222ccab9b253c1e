package dev.membership;

import dev.membership.command.EntitlementDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.Entitlement;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.InvalidInputException;
import java.time.Instant;
import dev.membership.internal.Context;
import dev.membership.internal.NotFound;
import dev.membership.query.EntitlementUsage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The application access an organisation holds: products, licences, trials, with optional seat limits. */
public final class Entitlements {
  private final Context context;

  Entitlements(Context context) {
    this.context = context;
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
