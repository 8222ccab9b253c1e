package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.JooqRows.allColumns;
import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.insertKeyed;
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
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipEntitlement;
import dev.membership.jooq.internal.generated.tables.MembershipInvitation;
import dev.membership.jooq.internal.generated.tables.MembershipInvitationGrant;
import dev.membership.jooq.internal.generated.tables.MembershipMemberGrant;
import dev.membership.jooq.internal.generated.tables.records.MembershipEntitlementRecord;
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
record JooqEntitlementStore(DSLContext sql) implements EntitlementStore {
  private static final MembershipMemberGrant MG = MEMBERSHIP_MEMBER_GRANT;
  private static final MembershipEntitlement E = MEMBERSHIP_ENTITLEMENT;
  private static final MembershipInvitation I = MEMBERSHIP_INVITATION;
  private static final MembershipInvitationGrant IG = MEMBERSHIP_INVITATION_GRANT;

  @Override
  public void insert(Entitlement e) {
    insertKeyed(sql, record(e), ErrorCode.ENTITLEMENT_ALREADY_DEFINED, "The organisation holds this entitlement already.");
  }

  @Override
  public Optional<Entitlement> find(OrganisationId organisation, EntitlementKey key) {
    return sql.selectFrom(E).where(E.ORGANISATION_ID.eq(organisation).and(E.ENTITLEMENT_KEY.eq(key)))
        .fetchOptional(JooqRows::entitlement);
  }

  @Override
  public List<Entitlement> list(OrganisationId organisation) {
    return sql.selectFrom(E).where(E.ORGANISATION_ID.eq(organisation)).orderBy(E.ENTITLEMENT_KEY).fetch(JooqRows::entitlement);
  }

  @Override
  public Entitlement update(Entitlement e) {
    MembershipEntitlementRecord next = record(e);
    next.setVersion(e.version() + 1);
    requireUpdated(sql.update(E).set(allColumns(next))
        .where(E.ORGANISATION_ID.eq(e.organisationId()).and(E.ENTITLEMENT_KEY.eq(e.key())).and(E.VERSION.eq(e.version())))
        .execute(), "The entitlement");
    return JooqRows.entitlement(next);
  }

  @Override
  public long countSeatsInUse(OrganisationId organisation, EntitlementKey entitlement, Instant now) {
    Field<Integer> members = field(selectCount().from(MG)
        .where(MG.ORGANISATION_ID.eq(organisation).and(MG.ENTITLEMENT_KEY.eq(entitlement))));
    Field<Integer> invited = field(selectCount().from(IG).join(I).on(I.ID.eq(IG.INVITATION_ID))
        .where(IG.ORGANISATION_ID.eq(organisation)
            .and(IG.ENTITLEMENT_KEY.eq(entitlement))
            .and(I.PENDING_EMAIL.isNotNull())
            .and(I.EXPIRES_AT.gt(now))));
    Record counts = sql.select(members, invited).fetchOne();
    return counts.get(0, Long.class) + counts.get(1, Long.class);
  }
}
