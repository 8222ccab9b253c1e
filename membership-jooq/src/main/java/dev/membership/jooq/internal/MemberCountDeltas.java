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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.CaseWhenStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jspecify.annotations.Nullable;
import org.jooq.impl.DSL;

/**
 * The kept member counts ({@code membership_member_count}, V7): the changes one transaction makes to
 * them, collected as memberships and invitations are written and applied by {@link #flush} at the
 * end of the unit of work, one {@code UPDATE} per organisation, organisations in key order, sent in
 * the transaction's last batch of deferred writes ({@link Deferred}). Short row locks,
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

  private record Key(OrganisationId organisation, String kind) {}

  private final TreeMap<Key, Long> deltas = new TreeMap<>(
      Comparator.comparing((Key k) -> k.organisation().toString()).thenComparing(Key::kind));

  /** A membership entered ({@code +1}) or left ({@code -1}) a status. */
  void membership(OrganisationId organisation, MembershipStatus status, int change) {
    add(organisation, status.name(), change);
  }

  /** An invitation entered or left a status; only pending ones are counted. */
  void invitation(OrganisationId organisation, InvitationStatus status, int change) {
    if (status == InvitationStatus.PENDING) {
      add(organisation, INVITED, change);
    }
  }

  private void add(OrganisationId organisation, String kind, long change) {
    deltas.merge(new Key(organisation, kind), change, Long::sum);
  }

  /** The counts as stored, plus this transaction's changes not yet written. */
  MemberCounts read(DSLContext sql, OrganisationId organisation) {
    Map<String, Long> tally = new HashMap<>();
    sql.select(C.KIND, C.TALLY).from(C).where(C.ORGANISATION_ID.eq(organisation))
        .forEach(r -> tally.put(r.value1().strip(), r.value2()));
    deltas.forEach((key, change) -> {
      if (key.organisation().equals(organisation)) {
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
      insert = insert.values(organisation, kind, 0L);
    }
    insert.execute();
  }

  /**
   * Hands this transaction's changes to {@code later}, to be sent in the transaction's last batch;
   * called once, when the unit of work has returned. One {@code UPDATE} per organisation, whatever the
   * number of kinds it changes (accepting an invitation moves one from INVITED to ACTIVE in one
   * statement). The rows exist: {@link #insertZeros} makes them with the organisation, V7 made them
   * for the organisations before it.
   */
  void flush(Deferred later) {
    Map<OrganisationId, Map<String, Long>> byOrganisation = new LinkedHashMap<>();
    deltas.forEach((key, change) -> {
      if (change != 0) {
        byOrganisation.computeIfAbsent(key.organisation(), o -> new TreeMap<>()).put(key.kind(), change);
      }
    });
    byOrganisation.forEach((organisation, changes) -> later.add(update(organisation, changes)));
    deltas.clear();
  }

  /**
   * The update of {@code organisation}'s counts by {@code changes}: its text depends on which kinds
   * change (inline), the organisation and the changes are bound.
   */
  private static Write update(OrganisationId organisation, Map<String, Long> changes) {
    List<String> kinds = List.copyOf(changes.keySet());
    Field<?>[] columns = new Field<?>[kinds.size() + 1];
    @Nullable Object[] values = new Object[columns.length];
    columns[0] = C.ORGANISATION_ID;
    values[0] = organisation;
    for (int i = 0; i < kinds.size(); i++) {
      columns[i + 1] = C.TALLY;
      values[i + 1] = changes.get(kinds.get(i));
    }
    return new Write(List.of("counts", kinds), (sql, value) -> {
      CaseWhenStep<String, Long> cases = null;
      for (int i = 0; i < kinds.size(); i++) {
        @SuppressWarnings("unchecked")
        Field<Long> change = (Field<Long>) value.apply(i + 1);
        cases = cases == null
            ? DSL.choose(C.KIND).when(DSL.inline(kinds.get(i)), change)
            : cases.when(DSL.inline(kinds.get(i)), change);
      }
      return sql.update(C).set(C.TALLY, C.TALLY.plus(Objects.requireNonNull(cases).otherwise(DSL.inline(0L))))
          .where(Write.eq(C.ORGANISATION_ID, value.apply(0))
              .and(C.KIND.in(kinds.stream().map(DSL::inline).toList())));
    }, columns, values);
  }
}
