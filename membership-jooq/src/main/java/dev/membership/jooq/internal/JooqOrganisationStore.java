package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.JooqRows.allColumns;
import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
import static dev.membership.jooq.internal.SqlSupport.requireUpdated;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ORGANISATION;

import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_AUDIT_EVENT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_CLIENT_REPORT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_DOMAIN;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ENTITLEMENT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ENTITLEMENT_NOTICE;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_FORMER_OWNER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION_GRANT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_JOIN_REQUEST;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER_COUNT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER_GRANT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ORGANISATION_DELETION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_OUTBOX;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ROLE;

import dev.membership.domain.AccountId;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationDeletion;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.OrganisationStatus;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipFormerOwner;
import dev.membership.jooq.internal.generated.tables.MembershipOrganisation;
import dev.membership.jooq.internal.generated.tables.MembershipOrganisationDeletion;
import dev.membership.jooq.internal.generated.tables.records.MembershipOrganisationDeletionRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipOrganisationRecord;
import dev.membership.spi.OrganisationStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Organisations in table {@code membership_organisation}; {@link #lock} is {@code SELECT ... FOR
 * UPDATE}.
 */
record JooqOrganisationStore(DSLContext sql, RenderedSql rendered) implements OrganisationStore {
  private static final MembershipOrganisation O = MEMBERSHIP_ORGANISATION;
  private static final Field<?>[] FIELDS = O.fields();

  @Override
  public void insert(Organisation organisation) {
    guardedInsert(() -> sql.executeInsert(record(organisation)), null);
    MemberCountDeltas.insertZeros(sql, organisation.id());
  }

  @Override
  public Optional<Organisation> find(OrganisationId id) {
    return byId("organisation.find", id, false);
  }

  @Override
  public Optional<Organisation> lock(OrganisationId id) {
    return byId("organisation.lock", id, true);
  }

  /** The organisation {@code id}, its row locked ({@code FOR UPDATE}) when {@code lock}: a kept text each. */
  private Optional<Organisation> byId(String shape, OrganisationId id, boolean lock) {
    return rendered.fetch(sql, shape, FIELDS, () -> {
      var where = sql.select(FIELDS).from(O).where(O.ID.eq(RenderedSql.bind("id", O.ID)));
      return lock ? where.forUpdate() : where;
    }, new RenderedSql.Binds().put("id", id, O.ID), r -> JooqRows.organisation(r, 0)).stream().findFirst();
  }

  @Override
  public Organisation update(Organisation o) {
    MembershipOrganisationRecord next = record(o);
    next.setVersion(o.version() + 1);
    requireUpdated(sql.update(O).set(allColumns(next)).where(O.ID.eq(o.id()).and(O.VERSION.eq(o.version()))).execute(),
        "The organisation");
    return JooqRows.organisation(next);
  }

  // --- Deleted organisations (V13: membership_organisation_deletion, membership_former_owner) ---

  private static final MembershipOrganisationDeletion D = MEMBERSHIP_ORGANISATION_DELETION;
  private static final MembershipFormerOwner F = MEMBERSHIP_FORMER_OWNER;

  @Override
  public void recordDeletion(OrganisationDeletion deletion) {
    guardedInsert(() -> sql.insertInto(D)
        .set(D.ORGANISATION_ID, deletion.organisation())
        .set(D.ACTOR_ID, deletion.deletedBy())
        .set(D.DELETED_AT, deletion.deletedAt())
        .set(D.PURGE_DUE_AT, deletion.readableUntil())
        .execute(), () -> new ConflictException(ErrorCode.ORGANISATION_DELETED, "The organisation was deleted."), true);
    if (!deletion.formerOwners().isEmpty()) {
      var insert = sql.insertInto(F, F.ORGANISATION_ID, F.ACCOUNT_ID);
      for (AccountId owner : deletion.formerOwners().stream().sorted(Comparator.comparing(Object::toString)).toList()) {
        insert = insert.values(deletion.organisation(), owner);
      }
      insert.execute();
    }
  }

  @Override
  public Optional<OrganisationDeletion> findDeletion(OrganisationId id) {
    return sql.selectFrom(D).where(D.ORGANISATION_ID.eq(id)).fetchOptional()
        .map(d -> deletion(d, ownersOf(List.of(id)).getOrDefault(id, Set.of())));
  }

  @Override
  public List<OrganisationDeletion> deletionsReadableBy(AccountId account, Instant now, int limit) {
    List<MembershipOrganisationDeletionRecord> rows = sql.select(D.fields()).from(F).join(D).on(D.ORGANISATION_ID.eq(F.ORGANISATION_ID))
        .where(F.ACCOUNT_ID.eq(account)).and(D.PURGE_DUE_AT.gt(now))
        .orderBy(D.DELETED_AT.desc(), D.ORGANISATION_ID)
        .limit(Math.max(0, limit))
        .fetchInto(D);
    Map<OrganisationId, Set<AccountId>> owners = ownersOf(rows.stream().map(r -> r.getOrganisationId()).toList());
    return rows.stream().map(r -> deletion(r, owners.getOrDefault(r.getOrganisationId(), Set.of()))).toList();
  }

  @Override
  public List<OrganisationId> deletionsDue(Instant now, int limit) {
    return sql.select(D.ORGANISATION_ID).from(D).where(D.PURGE_DUE_AT.le(now))
        .orderBy(D.PURGE_DUE_AT, D.ORGANISATION_ID)
        .limit(Math.max(0, limit))
        .fetch(D.ORGANISATION_ID);
  }

  @Override
  public int purge(OrganisationId id, int limit) {
    if (sql.fetchExists(O, O.ID.eq(id).and(O.STATUS.eq(OrganisationStatus.ACTIVE)))
        || !sql.fetchExists(O, O.ID.eq(id))) {
      return 0;
    }
    // Children before the rows they refer to; each step reads at most what is left of the limit.
    int left = limit;
    left -= purgeRows(MEMBERSHIP_MEMBER_GRANT, MEMBERSHIP_MEMBER_GRANT.ORGANISATION_ID.eq(id),
        List.of(MEMBERSHIP_MEMBER_GRANT.MEMBERSHIP_ID, MEMBERSHIP_MEMBER_GRANT.ENTITLEMENT_KEY), left);
    left -= purgeRows(MEMBERSHIP_INVITATION_GRANT, MEMBERSHIP_INVITATION_GRANT.ORGANISATION_ID.eq(id),
        List.of(MEMBERSHIP_INVITATION_GRANT.INVITATION_ID, MEMBERSHIP_INVITATION_GRANT.ENTITLEMENT_KEY), left);
    left -= purgeRows(MEMBERSHIP_MEMBER, MEMBERSHIP_MEMBER.ORGANISATION_ID.eq(id), List.of(MEMBERSHIP_MEMBER.ID), left);
    left -= purgeRows(MEMBERSHIP_INVITATION, MEMBERSHIP_INVITATION.ORGANISATION_ID.eq(id),
        List.of(MEMBERSHIP_INVITATION.ID), left);
    left -= purgeRows(MEMBERSHIP_JOIN_REQUEST, MEMBERSHIP_JOIN_REQUEST.ORGANISATION_ID.eq(id),
        List.of(MEMBERSHIP_JOIN_REQUEST.ID), left);
    left -= purgeRows(MEMBERSHIP_ROLE, MEMBERSHIP_ROLE.ORGANISATION_ID.eq(id), List.of(MEMBERSHIP_ROLE.ID), left);
    left -= purgeRows(MEMBERSHIP_ENTITLEMENT_NOTICE, MEMBERSHIP_ENTITLEMENT_NOTICE.ORGANISATION_ID.eq(id),
        List.of(MEMBERSHIP_ENTITLEMENT_NOTICE.ENTITLEMENT_KEY, MEMBERSHIP_ENTITLEMENT_NOTICE.NOTICE,
            MEMBERSHIP_ENTITLEMENT_NOTICE.ENDS_AT), left);
    left -= purgeRows(MEMBERSHIP_ENTITLEMENT, MEMBERSHIP_ENTITLEMENT.ORGANISATION_ID.eq(id),
        List.of(MEMBERSHIP_ENTITLEMENT.ENTITLEMENT_KEY), left);
    left -= purgeRows(MEMBERSHIP_CLIENT_REPORT, MEMBERSHIP_CLIENT_REPORT.ORGANISATION_ID.eq(id),
        List.of(MEMBERSHIP_CLIENT_REPORT.APPLICATION_KEY, MEMBERSHIP_CLIENT_REPORT.ACCOUNT_ID), left);
    left -= purgeRows(MEMBERSHIP_DOMAIN, MEMBERSHIP_DOMAIN.ORGANISATION_ID.eq(id), List.of(MEMBERSHIP_DOMAIN.ID), left);
    left -= purgeRows(MEMBERSHIP_OUTBOX, MEMBERSHIP_OUTBOX.ORGANISATION_ID.eq(id.toString()), List.of(MEMBERSHIP_OUTBOX.ID),
        left);
    left -= purgeRows(MEMBERSHIP_AUDIT_EVENT, MEMBERSHIP_AUDIT_EVENT.ORGANISATION_ID.eq(id),
        List.of(MEMBERSHIP_AUDIT_EVENT.ID), left);
    if (left > 0) { // every step above deleted fewer rows than it could: nothing else is left
      left -= sql.deleteFrom(MEMBERSHIP_MEMBER_COUNT).where(MEMBERSHIP_MEMBER_COUNT.ORGANISATION_ID.eq(id)).execute();
      left -= sql.deleteFrom(F).where(F.ORGANISATION_ID.eq(id)).execute();
      left -= sql.deleteFrom(D).where(D.ORGANISATION_ID.eq(id)).execute();
      left -= sql.deleteFrom(O).where(O.ID.eq(id)).execute();
    }
    return limit - left;
  }

  /** Deletes at most {@code limit} rows of {@code table} that {@code ofOrganisation} selects, by their key. */
  private int purgeRows(Table<?> table, Condition ofOrganisation, List<? extends Field<?>> key, int limit) {
    if (limit <= 0) {
      return 0;
    }
    Result<Record> keys = sql.select(key).from(table).where(ofOrganisation).orderBy(key).limit(limit).fetch();
    if (keys.isEmpty()) {
      return 0;
    }
    Condition these = key.size() == 1
        ? key.get(0).in(keys.getValues(key.get(0)))
        : DSL.row(key).in(keys.stream()
            .map(r -> DSL.row(key.stream().map(f -> DSL.val(r.get(f), f)).toList()))
            .toList());
    return sql.deleteFrom(table).where(ofOrganisation).and(these).execute();
  }

  private Map<OrganisationId, Set<AccountId>> ownersOf(Collection<OrganisationId> organisations) {
    if (organisations.isEmpty()) {
      return Map.of();
    }
    return sql.select(F.ORGANISATION_ID, F.ACCOUNT_ID).from(F).where(F.ORGANISATION_ID.in(organisations))
        .fetchGroups(F.ORGANISATION_ID, F.ACCOUNT_ID).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
  }

  private static OrganisationDeletion deletion(MembershipOrganisationDeletionRecord d, Set<AccountId> owners) {
    return new OrganisationDeletion(d.getOrganisationId(), d.getActorId(), d.getDeletedAt(), d.getPurgeDueAt(), owners);
  }
}
