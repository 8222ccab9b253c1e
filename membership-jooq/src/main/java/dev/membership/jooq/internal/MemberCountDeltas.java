package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER_COUNT;

import dev.membership.domain.InvitationStatus;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.OrganisationId;
import dev.membership.jooq.internal.generated.tables.MembershipMemberCount;
import dev.membership.query.MemberCounts;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The kept member counts ({@code membership_member_count}, V7): the changes one transaction makes to
 * them, collected as memberships and invitations are written and applied by {@link #flush} just
 * before the commit, one {@code UPDATE} per organisation, organisations in key order. Short row locks,
 * taken last and always in the same order, so two transactions changing several counts cannot
 * deadlock on them, and an organisation lock taken earlier in the transaction is never waited for
 * while holding a count.
 */
final class MemberCountDeltas {
  private static final MembershipMemberCount C = MEMBERSHIP_MEMBER_COUNT;
  static final String ACTIVE = MembershipStatus.ACTIVE.name();
  static final String DEACTIVATED = MembershipStatus.DEACTIVATED.name();
  static final String REMOVED = MembershipStatus.REMOVED.name();
  static final String INVITED = "INVITED";
  static final List<String> KINDS = List.of(ACTIVE, DEACTIVATED, REMOVED, INVITED);

  private record Key(String organisation, String kind) {}

  private final TreeMap<Key, Long> deltas =
      new TreeMap<>(Comparator.comparing(Key::organisation).thenComparing(Key::kind));

  /** A membership entered ({@code +1}) or left ({@code -1}) a status. */
  void membership(OrganisationId organisation, MembershipStatus status, int change) {
    add(organisation.toString(), status.name(), change);
  }

  /** An invitation entered or left a status; only pending ones are counted. */
  void invitation(OrganisationId organisation, InvitationStatus status, int change) {
    if (status == InvitationStatus.PENDING) {
      add(organisation.toString(), INVITED, change);
    }
  }

  private void add(String organisation, String kind, long change) {
    deltas.merge(new Key(organisation, kind), change, Long::sum);
  }

  /** The counts as stored, plus this transaction's changes not yet written. */
  MemberCounts read(DSLContext sql, OrganisationId organisation) {
    Map<String, Long> tally = new HashMap<>();
    sql.select(C.KIND, C.TALLY).from(C).where(C.ORGANISATION_ID.eq(organisation.toString()))
        .forEach(r -> tally.put(r.value1().strip(), r.value2()));
    deltas.forEach((key, change) -> {
      if (key.organisation().equals(organisation.toString())) {
        tally.merge(key.kind(), change, Long::sum);
      }
    });
    return new MemberCounts(of(tally, ACTIVE), of(tally, DEACTIVATED), of(tally, REMOVED), of(tally, INVITED));
  }

  private static long of(Map<String, Long> tally, String kind) {
    return Math.max(0, Optional.ofNullable(tally.get(kind)).orElse(0L));
  }

  /** The rows of a new organisation, all at zero: later changes only update them. */
  static void insertZeros(DSLContext sql, OrganisationId organisation) {
    var insert = sql.insertInto(C, C.ORGANISATION_ID, C.KIND, C.TALLY);
    for (String kind : KINDS) {
      insert = insert.values(organisation.toString(), kind, 0L);
    }
    insert.execute();
  }

  /**
   * Writes this transaction's changes; called once, just before the commit. One {@code UPDATE} per
   * organisation, whatever the number of kinds it changes (accepting an invitation moves one from
   * INVITED to ACTIVE in one statement).
   */
  void flush(DSLContext sql) {
    Map<String, Map<String, Long>> byOrganisation = new TreeMap<>();
    deltas.forEach((key, change) -> {
      if (change != 0) {
        byOrganisation.computeIfAbsent(key.organisation(), o -> new TreeMap<>()).put(key.kind(), change);
      }
    });
    for (Map.Entry<String, Map<String, Long>> organisation : byOrganisation.entrySet()) {
      Map<String, Long> changes = organisation.getValue();
      var change = DSL.choose(C.KIND);
      org.jooq.CaseWhenStep<String, Long> cases = null;
      for (Map.Entry<String, Long> kind : changes.entrySet()) {
        cases = cases == null
            ? change.when(DSL.inline(kind.getKey()), DSL.inline(kind.getValue()))
            : cases.when(DSL.inline(kind.getKey()), DSL.inline(kind.getValue()));
      }
      int updated = sql.update(C).set(C.TALLY, C.TALLY.plus(cases.otherwise(DSL.inline(0L))))
          .where(C.ORGANISATION_ID.eq(organisation.getKey()).and(C.KIND.in(changes.keySet())))
          .execute();
      if (updated < changes.size()) {
        // An organisation written straight through the port without its rows (not by the library):
        // make the missing rows, each with its change.
        List<String> present = sql.select(C.KIND).from(C).where(C.ORGANISATION_ID.eq(organisation.getKey()))
            .fetch(r -> r.value1().strip());
        changes.forEach((kind, delta) -> {
          if (!present.contains(kind)) {
            sql.insertInto(C).set(C.ORGANISATION_ID, organisation.getKey()).set(C.KIND, kind).set(C.TALLY, delta).execute();
          }
        });
      }
    }
    deltas.clear();
  }
}
