package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.JooqRows.organisation;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
import static dev.membership.jooq.internal.SqlSupport.lower;
import static dev.membership.jooq.internal.SqlSupport.requireUpdated;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ORGANISATION;

import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.jooq.internal.generated.tables.MembershipOrganisation;
import dev.membership.spi.OrganisationStore;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Organisations in table {@code membership_organisation}; {@link #lock} is {@code SELECT ... FOR
 * UPDATE}.
 */
final class JooqOrganisationStore implements OrganisationStore {
  private static final MembershipOrganisation O = MEMBERSHIP_ORGANISATION;

  private final DSLContext sql;

  JooqOrganisationStore(DSLContext sql) {
    this.sql = sql;
  }

  @Override
  public void insert(Organisation organisation) {
    guardedInsert(() -> sql.insertInto(O)
        .set(O.ID, organisation.id().toString())
        .set(O.NAME, organisation.name())
        .set(O.NAME_LOWER, lower(organisation.name()))
        .set(O.STATUS, organisation.status().name())
        .set(O.DISCOVERABLE, organisation.discoverable())
        .set(O.CREATED_AT, nanos(organisation.createdAt()))
        .set(O.VERSION, organisation.version())
        .execute(), null);
    MemberCountDeltas.insertZeros(sql, organisation.id());
  }

  @Override
  public Optional<Organisation> find(OrganisationId id) {
    return sql.selectFrom(O).where(O.ID.eq(id.toString())).fetchOptional().map(JooqRows::organisation);
  }

  @Override
  public Optional<Organisation> lock(OrganisationId id) {
    return sql.selectFrom(O).where(O.ID.eq(id.toString())).forUpdate().fetchOptional()
        .map(JooqRows::organisation);
  }

  @Override
  public Organisation update(Organisation o) {
    int updated = sql.update(O)
        .set(O.NAME, o.name())
        .set(O.NAME_LOWER, lower(o.name()))
        .set(O.STATUS, o.status().name())
        .set(O.DISCOVERABLE, o.discoverable())
        .set(O.VERSION, o.version() + 1)
        .where(O.ID.eq(o.id().toString()).and(O.VERSION.eq(o.version())))
        .execute();
    requireUpdated(updated, "The organisation");
    return new Organisation(o.id(), o.name(), o.status(), o.discoverable(), o.createdAt(), o.version() + 1);
  }
}
