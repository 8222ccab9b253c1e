package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.JooqRows.allColumns;
import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
import static dev.membership.jooq.internal.SqlSupport.requireUpdated;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ORGANISATION;

import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.jooq.internal.generated.tables.MembershipOrganisation;
import dev.membership.jooq.internal.generated.tables.records.MembershipOrganisationRecord;
import dev.membership.spi.OrganisationStore;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Organisations in table {@code membership_organisation}; {@link #lock} is {@code SELECT ... FOR
 * UPDATE}.
 */
record JooqOrganisationStore(DSLContext sql) implements OrganisationStore {
  private static final MembershipOrganisation O = MEMBERSHIP_ORGANISATION;

  @Override
  public void insert(Organisation organisation) {
    guardedInsert(() -> sql.executeInsert(record(organisation)), null);
    MemberCountDeltas.insertZeros(sql, organisation.id());
  }

  @Override
  public Optional<Organisation> find(OrganisationId id) {
    return sql.selectFrom(O).where(O.ID.eq(id)).fetchOptional().map(JooqRows::organisation);
  }

  @Override
  public Optional<Organisation> lock(OrganisationId id) {
    return sql.selectFrom(O).where(O.ID.eq(id)).forUpdate().fetchOptional().map(JooqRows::organisation);
  }

  @Override
  public Organisation update(Organisation o) {
    MembershipOrganisationRecord next = record(o);
    next.setVersion(o.version() + 1);
    requireUpdated(sql.update(O).set(allColumns(next)).where(O.ID.eq(o.id()).and(O.VERSION.eq(o.version()))).execute(),
        "The organisation");
    return JooqRows.organisation(next);
  }
}
