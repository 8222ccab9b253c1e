package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.SqlSupport.insertKeyed;
import static dev.membership.jooq.internal.SqlSupport.requireUpdated;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_APPLICATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_APPLICATION_CHANGE;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_CLIENT_POLICY;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_CLIENT_REPORT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ENTITLEMENT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ENTITLEMENT_NOTICE;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER_GRANT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ORGANISATION;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.val;

import dev.membership.domain.AccountId;
import dev.membership.domain.Application;
import dev.membership.domain.ApplicationChange;
import dev.membership.domain.ClientPolicy;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.EntitlementNotice;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.OrganisationStatus;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipAccount;
import dev.membership.jooq.internal.generated.tables.MembershipApplication;
import dev.membership.jooq.internal.generated.tables.MembershipApplicationChange;
import dev.membership.jooq.internal.generated.tables.MembershipClientPolicy;
import dev.membership.jooq.internal.generated.tables.MembershipClientReport;
import dev.membership.jooq.internal.generated.tables.MembershipEntitlement;
import dev.membership.jooq.internal.generated.tables.MembershipEntitlementNotice;
import dev.membership.jooq.internal.generated.tables.MembershipMember;
import dev.membership.jooq.internal.generated.tables.MembershipMemberGrant;
import dev.membership.jooq.internal.generated.tables.MembershipOrganisation;
import dev.membership.jooq.internal.generated.tables.records.MembershipApplicationChangeRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipApplicationRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipClientPolicyRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipClientReportRecord;
import dev.membership.query.ApplicationAccess;
import dev.membership.query.ClientReport;
import dev.membership.spi.ApplicationStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The application catalogue in {@code membership_application} and {@code membership_client_policy},
 * its history in {@code membership_application_change}, last-seen clients in {@code
 * membership_client_report} and end notices in {@code membership_entitlement_notice} (V8). Columns
 * carry domain types (forcedTypes); each table's one mapping is the {@code record}/domain pair below.
 */
record JooqApplicationStore(DSLContext sql) implements ApplicationStore {
  private static final MembershipApplication AP = MEMBERSHIP_APPLICATION;
  private static final MembershipClientPolicy CP = MEMBERSHIP_CLIENT_POLICY;
  private static final MembershipApplicationChange AC = MEMBERSHIP_APPLICATION_CHANGE;
  private static final MembershipClientReport CR = MEMBERSHIP_CLIENT_REPORT;
  private static final MembershipEntitlementNotice N = MEMBERSHIP_ENTITLEMENT_NOTICE;
  // The organisations' tables it reads: the access check, the clients of active members, entitlements ending.
  private static final MembershipEntitlement E = MEMBERSHIP_ENTITLEMENT;
  private static final MembershipMember M = MEMBERSHIP_MEMBER;
  private static final MembershipMemberGrant MG = MEMBERSHIP_MEMBER_GRANT;
  private static final MembershipOrganisation O = MEMBERSHIP_ORGANISATION;
  private static final MembershipAccount A = MEMBERSHIP_ACCOUNT;

  @Override
  public void insert(Application a) {
    insertKeyed(sql, record(a), ErrorCode.APPLICATION_ALREADY_DEFINED, "The catalogue has this application already.");
    insertPolicies(a);
  }

  @Override
  public Application update(Application a) {
    MembershipApplicationRecord next = record(a);
    next.setVersion(a.version() + 1);
    int updated = sql.update(AP)
        .set(JooqRows.allColumns(next, AP.APPLICATION_KEY))
        .where(AP.APPLICATION_KEY.eq(a.key()).and(AP.VERSION.eq(a.version())))
        .execute();
    requireUpdated(updated, "The application");
    sql.deleteFrom(CP).where(CP.APPLICATION_KEY.eq(a.key())).execute();
    insertPolicies(a);
    return new Application(a.key(), a.name(), a.policies(), a.version() + 1);
  }

  private void insertPolicies(Application a) {
    if (!a.policies().isEmpty()) {
      sql.batchInsert(a.policies().stream().map(p -> record(a.key(), p)).toList()).execute();
    }
  }

  @Override
  public Optional<Application> find(EntitlementKey key) {
    return sql.selectFrom(AP).where(AP.APPLICATION_KEY.eq(key)).fetchOptional()
        .map(r -> application(r, sql.selectFrom(CP).where(CP.APPLICATION_KEY.eq(key)).fetch()));
  }

  @Override
  public List<Application> list() {
    Map<EntitlementKey, List<MembershipClientPolicyRecord>> policies = sql.selectFrom(CP).fetch().stream()
        .collect(Collectors.groupingBy(MembershipClientPolicyRecord::getApplicationKey));
    return sql.selectFrom(AP).orderBy(AP.APPLICATION_KEY).fetch().stream()
        .map(r -> application(r, policies.getOrDefault(r.getApplicationKey(), List.of())))
        .toList();
  }

  @Override
  public void appendChange(ApplicationChange c) {
    sql.executeInsert(record(c));
  }

  @Override
  public List<ApplicationChange> changes(EntitlementKey key, int limit) {
    return sql.selectFrom(AC).where(AC.APPLICATION_KEY.eq(key))
        .orderBy(AC.OCCURRED_AT.desc(), AC.ID.desc())
        .limit(limit)
        .fetch(JooqApplicationStore::change);
  }

  @Override
  public Optional<ApplicationAccess> findAccess(OrganisationId organisation, AccountId account, EntitlementKey key) {
    return sql.select(M.STATUS, O.STATUS, A.CREDENTIAL_STATE, MG.ENTITLEMENT_KEY, E.ENTITLEMENT_KEY, E.VALID_UNTIL)
        .from(M)
        .join(O).on(O.ID.eq(M.ORGANISATION_ID))
        .join(A).on(A.ID.eq(M.ACCOUNT_ID))
        .leftJoin(MG).on(MG.MEMBERSHIP_ID.eq(M.ID).and(MG.ENTITLEMENT_KEY.eq(key)))
        .leftJoin(E).on(E.ORGANISATION_ID.eq(M.ORGANISATION_ID).and(E.ENTITLEMENT_KEY.eq(key)))
        .where(M.ORGANISATION_ID.eq(organisation).and(M.LIVE_ACCOUNT_ID.eq(account)))
        .fetchOptional()
        .map(r -> new ApplicationAccess(r.value1(), r.value2(), r.value3(), r.value4() != null, r.value5() != null,
            Optional.ofNullable(r.value6())));
  }

  @Override
  public boolean reportClient(ClientReport report) {
    // One statement: the row is inserted or updated only while the organisation is active.
    int written = sql.insertInto(CR, CR.ORGANISATION_ID, CR.APPLICATION_KEY, CR.ACCOUNT_ID, CR.CLIENT_VERSION, CR.SEEN_AT)
        .select(select(val(report.organisation(), CR.ORGANISATION_ID), val(report.application(), CR.APPLICATION_KEY),
            val(report.account(), CR.ACCOUNT_ID), val(report.version(), CR.CLIENT_VERSION), val(report.seenAt(), CR.SEEN_AT))
            .from(O).where(O.ID.eq(report.organisation()).and(O.STATUS.eq(OrganisationStatus.ACTIVE))))
        .onDuplicateKeyUpdate()
        .set(CR.CLIENT_VERSION, report.version())
        .set(CR.SEEN_AT, report.seenAt())
        .execute();
    // Nothing written: the organisation is not active, or (a driver counting changed rows only) the
    // row was already as reported.
    return written > 0 || sql.fetchExists(O, O.ID.eq(report.organisation()).and(O.STATUS.eq(OrganisationStatus.ACTIVE)));
  }

  @Override
  public List<ClientReport> clients(OrganisationId organisation, EntitlementKey application, Optional<AccountId> after,
      int limit) {
    var where = CR.ORGANISATION_ID.eq(organisation).and(CR.APPLICATION_KEY.eq(application))
        .and(M.STATUS.eq(MembershipStatus.ACTIVE));
    if (after.isPresent()) {
      where = where.and(CR.ACCOUNT_ID.gt(after.get()));
    }
    return sql.select(CR.fields()).from(CR)
        .join(M).on(M.ORGANISATION_ID.eq(CR.ORGANISATION_ID).and(M.LIVE_ACCOUNT_ID.eq(CR.ACCOUNT_ID)))
        .where(where).orderBy(CR.ACCOUNT_ID).limit(limit)
        .fetch(r -> clientReport(r.into(CR)));
  }

  @Override
  public List<Entitlement> endingWithout(EntitlementNotice notice, Instant from, Instant until, int limit) {
    return sql.selectFrom(E)
        .where(E.VALID_UNTIL.gt(from).and(E.VALID_UNTIL.le(until)))
        .and(notExists(selectOne().from(N).where(N.ORGANISATION_ID.eq(E.ORGANISATION_ID)
            .and(N.ENTITLEMENT_KEY.eq(E.ENTITLEMENT_KEY))
            .and(N.NOTICE.eq(notice))
            .and(N.ENDS_AT.eq(E.VALID_UNTIL)))))
        .orderBy(E.VALID_UNTIL, E.ORGANISATION_ID, E.ENTITLEMENT_KEY)
        .limit(limit)
        .fetch(JooqRows::entitlement);
  }

  @Override
  public boolean recordNotice(OrganisationId organisation, EntitlementKey key, EntitlementNotice notice, Instant endsAt) {
    try {
      return sql.insertInto(N)
          .set(N.ORGANISATION_ID, organisation)
          .set(N.ENTITLEMENT_KEY, key)
          .set(N.NOTICE, notice)
          .set(N.ENDS_AT, endsAt)
          .onDuplicateKeyIgnore()
          .execute() == 1;
    } catch (DataAccessException e) {
      // H2 emulates "ignore" with MERGE, which a concurrent insert of the same key can still fail.
      if (SqlErrors.uniqueViolation(e).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  // ---- the one mapping of each V8 table

  static MembershipApplicationRecord record(Application a) {
    return new MembershipApplicationRecord(a.key(), a.name(), a.version());
  }

  static Application application(MembershipApplicationRecord r, List<MembershipClientPolicyRecord> policies) {
    return new Application(r.getApplicationKey(), r.getName(),
        policies.stream().map(JooqApplicationStore::policy).toList(), r.getVersion());
  }

  static MembershipClientPolicyRecord record(EntitlementKey application, ClientPolicy p) {
    return new MembershipClientPolicyRecord(application, p.effectiveFrom(), p.minimums());
  }

  static ClientPolicy policy(MembershipClientPolicyRecord r) {
    return new ClientPolicy(r.getEffectiveFrom(), r.getMinimums());
  }

  static MembershipApplicationChangeRecord record(ApplicationChange c) {
    return new MembershipApplicationChangeRecord(c.id(), c.application(), c.action(), c.changedBy(), c.occurredAt(),
        c.details());
  }

  static ApplicationChange change(MembershipApplicationChangeRecord r) {
    return new ApplicationChange(r.getId(), r.getApplicationKey(), r.getAction(), r.getChangedBy(), r.getOccurredAt(),
        r.getDetails());
  }

  static MembershipClientReportRecord record(ClientReport c) {
    return new MembershipClientReportRecord(c.organisation(), c.application(), c.account(), c.version(), c.seenAt());
  }

  static ClientReport clientReport(MembershipClientReportRecord r) {
    return new ClientReport(r.getOrganisationId(), r.getAccountId(), r.getApplicationKey(), r.getClientVersion(),
        r.getSeenAt());
  }
}
