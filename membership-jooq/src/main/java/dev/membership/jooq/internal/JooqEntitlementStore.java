package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.Codec.nanosOrNull;
import static dev.membership.jooq.internal.JooqRows.entitlement;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
import static dev.membership.jooq.internal.SqlSupport.requireUpdated;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ENTITLEMENT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION_GRANT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER_GRANT;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.selectCount;

import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipEntitlement;
import dev.membership.jooq.internal.generated.tables.MembershipInvitation;
import dev.membership.jooq.internal.generated.tables.MembershipInvitationGrant;
import dev.membership.jooq.internal.generated.tables.MembershipMemberGrant;
import dev.membership.spi.EntitlementStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Entitlements in table {@code membership_entitlement}; seats in use are counted on the grant
 * tables of members and invitations.
 */
final class JooqEntitlementStore implements EntitlementStore {
  private static final MembershipMemberGrant MG = MEMBERSHIP_MEMBER_GRANT;
  private static final MembershipEntitlement E = MEMBERSHIP_ENTITLEMENT;
  private static final MembershipInvitation I = MEMBERSHIP_INVITATION;
  private static final MembershipInvitationGrant IG = MEMBERSHIP_INVITATION_GRANT;

  private final DSLContext sql;

  JooqEntitlementStore(DSLContext sql) {
    this.sql = sql;
  }

  @Override
  public void insert(Entitlement e) {
    guardedInsert(() -> sql.insertInto(E)
        .set(E.ORGANISATION_ID, e.organisationId().toString())
        .set(E.ENTITLEMENT_KEY, e.key().value())
        .set(E.NAME, e.name())
        .set(E.SEAT_LIMIT, e.seatLimit().orElse(null))
        .set(E.VALID_UNTIL, nanosOrNull(e.validUntil()))
        .set(E.VERSION, e.version())
        .execute(),
        () -> new ConflictException(ErrorCode.ENTITLEMENT_ALREADY_DEFINED, "The organisation holds this entitlement already."),
        true);
  }

  @Override
  public Optional<Entitlement> find(OrganisationId organisation, EntitlementKey key) {
    return sql.selectFrom(E)
        .where(E.ORGANISATION_ID.eq(organisation.toString()).and(E.ENTITLEMENT_KEY.eq(key.value())))
        .fetchOptional()
        .map(JooqRows::entitlement);
  }

  @Override
  public List<Entitlement> list(OrganisationId organisation) {
    return sql.selectFrom(E)
        .where(E.ORGANISATION_ID.eq(organisation.toString()))
        .orderBy(E.ENTITLEMENT_KEY)
        .fetch(JooqRows::entitlement);
  }

  @Override
  public Entitlement update(Entitlement e) {
    int updated = sql.update(E)
        .set(E.NAME, e.name())
        .set(E.SEAT_LIMIT, e.seatLimit().orElse(null))
        .set(E.VALID_UNTIL, nanosOrNull(e.validUntil()))
        .set(E.VERSION, e.version() + 1)
        .where(E.ORGANISATION_ID.eq(e.organisationId().toString())
            .and(E.ENTITLEMENT_KEY.eq(e.key().value()))
            .and(E.VERSION.eq(e.version())))
        .execute();
    requireUpdated(updated, "The entitlement");
    return new Entitlement(e.organisationId(), e.key(), e.name(), e.seatLimit(), e.validUntil(), e.version() + 1);
  }

  @Override
  public long countSeatsInUse(OrganisationId organisation, EntitlementKey entitlement, Instant now) {
    String org = organisation.toString();
    Field<Integer> members = field(selectCount().from(MG)
        .where(MG.ORGANISATION_ID.eq(org).and(MG.ENTITLEMENT_KEY.eq(entitlement.value()))));
    Field<Integer> invited = field(selectCount().from(IG).join(I).on(I.ID.eq(IG.INVITATION_ID))
        .where(IG.ORGANISATION_ID.eq(org)
            .and(IG.ENTITLEMENT_KEY.eq(entitlement.value()))
            .and(I.PENDING_EMAIL.isNotNull())
            .and(I.EXPIRES_AT.gt(nanos(now)))));
    Record counts = sql.select(members, invited).fetchOne();
    return counts.get(0, Long.class) + counts.get(1, Long.class);
  }
}
