package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.instant;
import static dev.membership.jooq.internal.Codec.instantOrEmpty;
import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
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
import static org.jooq.impl.DSL.selectOne;

import dev.membership.domain.AccountId;
import dev.membership.domain.Application;
import dev.membership.domain.ApplicationChange;
import dev.membership.domain.ClientPolicy;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.CredentialState;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.EntitlementNotice;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.OrganisationStatus;
import dev.membership.error.ConflictException;
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
import dev.membership.query.ApplicationAccess;
import dev.membership.query.ClientReport;
import dev.membership.spi.ApplicationStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * The application catalogue in {@code membership_application} and {@code membership_client_policy},
 * its history in {@code membership_application_change}, last-seen clients in {@code
 * membership_client_report} and end notices in {@code membership_entitlement_notice} (V8).
 */
final class JooqApplicationStore implements ApplicationStore {
  private static final MembershipApplication AP = MEMBERSHIP_APPLICATION;
  private static final MembershipClientPolicy CP = MEMBERSHIP_CLIENT_POLICY;
  private static final MembershipApplicationChange AC = MEMBERSHIP_APPLICATION_CHANGE;
  private static final MembershipClientReport CR = MEMBERSHIP_CLIENT_REPORT;
  private static final MembershipEntitlementNotice N = MEMBERSHIP_ENTITLEMENT_NOTICE;
  private static final MembershipEntitlement E = MEMBERSHIP_ENTITLEMENT;
  private static final MembershipMember M = MEMBERSHIP_MEMBER;
  private static final MembershipMemberGrant MG = MEMBERSHIP_MEMBER_GRANT;
  private static final MembershipOrganisation O = MEMBERSHIP_ORGANISATION;
  private static final MembershipAccount A = MEMBERSHIP_ACCOUNT;

  private final DSLContext sql;

  JooqApplicationStore(DSLContext sql) {
    this.sql = sql;
  }

  @Override
  public void insert(Application a) {
    guardedInsert(() -> sql.insertInto(AP)
        .set(AP.APPLICATION_KEY, a.key().value())
        .set(AP.NAME, a.name())
        .set(AP.VERSION, a.version())
        .execute(),
        () -> new ConflictException(ErrorCode.APPLICATION_ALREADY_DEFINED, "The catalogue has this application already."),
        true);
    insertPolicies(a);
  }

  @Override
  public Application update(Application a) {
    int updated = sql.update(AP)
        .set(AP.NAME, a.name())
        .set(AP.VERSION, a.version() + 1)
        .where(AP.APPLICATION_KEY.eq(a.key().value()).and(AP.VERSION.eq(a.version())))
        .execute();
    requireUpdated(updated, "The application");
    sql.deleteFrom(CP).where(CP.APPLICATION_KEY.eq(a.key().value())).execute();
    insertPolicies(a);
    return new Application(a.key(), a.name(), a.policies(), a.version() + 1);
  }

  private void insertPolicies(Application a) {
    if (a.policies().isEmpty()) {
      return;
    }
    var insert = sql.insertInto(CP, CP.APPLICATION_KEY, CP.EFFECTIVE_FROM, CP.MINIMUMS);
    for (ClientPolicy p : a.policies()) {
      insert = insert.values(a.key().value(), nanos(p.effectiveFrom()),
          p.minimums().stream().map(ClientVersion::toString).collect(Collectors.joining(",")));
    }
    insert.execute();
  }

  @Override
  public Optional<Application> find(EntitlementKey key) {
    return sql.selectFrom(AP).where(AP.APPLICATION_KEY.eq(key.value())).fetchOptional()
        .map(r -> application(r, sql.selectFrom(CP).where(CP.APPLICATION_KEY.eq(key.value())).fetch()));
  }

  @Override
  public List<Application> list() {
    Map<String, List<Record>> policies = sql.selectFrom(CP).fetch().stream()
        .collect(Collectors.groupingBy(r -> r.get(CP.APPLICATION_KEY)));
    return sql.selectFrom(AP).orderBy(AP.APPLICATION_KEY).fetch().stream()
        .map(r -> application(r, policies.getOrDefault(r.get(AP.APPLICATION_KEY), List.of())))
        .toList();
  }

  private static Application application(Record r, List<? extends Record> policies) {
    return new Application(EntitlementKey.of(r.get(AP.APPLICATION_KEY)), r.get(AP.NAME),
        policies.stream().map(p -> new ClientPolicy(instant(p.get(CP.EFFECTIVE_FROM)),
            Arrays.stream(p.get(CP.MINIMUMS).split(",")).map(ClientVersion::parse).toList())).toList(),
        r.get(AP.VERSION));
  }

  @Override
  public void appendChange(ApplicationChange c) {
    sql.insertInto(AC)
        .set(AC.ID, c.id().toString())
        .set(AC.APPLICATION_KEY, c.application().value())
        .set(AC.ACTION, c.action().name())
        .set(AC.CHANGED_BY, c.changedBy())
        .set(AC.OCCURRED_AT, nanos(c.occurredAt()))
        .set(AC.DETAILS, Codec.json(c.details()))
        .execute();
  }

  @Override
  public List<ApplicationChange> changes(EntitlementKey key, int limit) {
    return sql.selectFrom(AC).where(AC.APPLICATION_KEY.eq(key.value()))
        .orderBy(AC.OCCURRED_AT.desc(), AC.ID.desc())
        .limit(limit)
        .fetch(r -> new ApplicationChange(UUID.fromString(r.get(AC.ID).strip()), key, ApplicationChange.Action.valueOf(r.get(AC.ACTION)), r.get(AC.CHANGED_BY),
            instant(r.get(AC.OCCURRED_AT)), Codec.map(r.get(AC.DETAILS))));
  }

  @Override
  public Optional<ApplicationAccess> findAccess(OrganisationId organisation, AccountId account, EntitlementKey key) {
    String org = organisation.toString();
    return sql.select(M.STATUS, O.STATUS, A.CREDENTIAL_STATE, MG.ENTITLEMENT_KEY, E.ENTITLEMENT_KEY, E.VALID_UNTIL)
        .from(M)
        .join(O).on(O.ID.eq(M.ORGANISATION_ID))
        .join(A).on(A.ID.eq(M.ACCOUNT_ID))
        .leftJoin(MG).on(MG.MEMBERSHIP_ID.eq(M.ID).and(MG.ENTITLEMENT_KEY.eq(key.value())))
        .leftJoin(E).on(E.ORGANISATION_ID.eq(M.ORGANISATION_ID).and(E.ENTITLEMENT_KEY.eq(key.value())))
        .where(M.ORGANISATION_ID.eq(org).and(M.LIVE_ACCOUNT_ID.eq(account.toString())))
        .fetchOptional()
        .map(r -> new ApplicationAccess(MembershipStatus.valueOf(r.get(M.STATUS)), OrganisationStatus.valueOf(r.get(O.STATUS)),
            CredentialState.valueOf(r.get(A.CREDENTIAL_STATE)), r.get(MG.ENTITLEMENT_KEY) != null,
            r.get(E.ENTITLEMENT_KEY) != null, instantOrEmpty(r.get(E.VALID_UNTIL))));
  }

  @Override
  public void reportClient(ClientReport report) {
    sql.insertInto(CR)
        .set(CR.ORGANISATION_ID, report.organisation().toString())
        .set(CR.APPLICATION_KEY, report.application().value())
        .set(CR.ACCOUNT_ID, report.account().toString())
        .set(CR.CLIENT_VERSION, report.version().toString())
        .set(CR.SEEN_AT, nanos(report.seenAt()))
        .onDuplicateKeyUpdate()
        .set(CR.CLIENT_VERSION, report.version().toString())
        .set(CR.SEEN_AT, nanos(report.seenAt()))
        .execute();
  }

  @Override
  public List<ClientReport> clients(OrganisationId organisation, EntitlementKey application, Optional<AccountId> after,
      int limit) {
    var where = CR.ORGANISATION_ID.eq(organisation.toString()).and(CR.APPLICATION_KEY.eq(application.value()));
    if (after.isPresent()) {
      where = where.and(CR.ACCOUNT_ID.gt(after.get().toString()));
    }
    where = where.and(M.STATUS.eq(MembershipStatus.ACTIVE.name()));
    return sql.select(CR.fields()).from(CR)
        .join(M).on(M.ORGANISATION_ID.eq(CR.ORGANISATION_ID).and(M.LIVE_ACCOUNT_ID.eq(CR.ACCOUNT_ID)))
        .where(where).orderBy(CR.ACCOUNT_ID).limit(limit)
        .fetch(r -> new ClientReport(organisation, AccountId.of(r.get(CR.ACCOUNT_ID).strip()), application,
            ClientVersion.parse(r.get(CR.CLIENT_VERSION)), instant(r.get(CR.SEEN_AT))));
  }

  @Override
  public List<Entitlement> endingWithout(EntitlementNotice notice, Instant from, Instant until, int limit) {
    return sql.selectFrom(E)
        .where(E.VALID_UNTIL.gt(nanos(from)).and(E.VALID_UNTIL.le(nanos(until))))
        .and(notExists(selectOne().from(N).where(N.ORGANISATION_ID.eq(E.ORGANISATION_ID)
            .and(N.ENTITLEMENT_KEY.eq(E.ENTITLEMENT_KEY))
            .and(N.NOTICE.eq(notice.name()))
            .and(N.ENDS_AT.eq(E.VALID_UNTIL)))))
        .orderBy(E.VALID_UNTIL, E.ORGANISATION_ID, E.ENTITLEMENT_KEY)
        .limit(limit)
        .fetch(JooqRows::entitlement);
  }

  @Override
  public boolean recordNotice(OrganisationId organisation, EntitlementKey key, EntitlementNotice notice, Instant endsAt) {
    try {
      return sql.insertInto(N)
          .set(N.ORGANISATION_ID, organisation.toString())
          .set(N.ENTITLEMENT_KEY, key.value())
          .set(N.NOTICE, notice.name())
          .set(N.ENDS_AT, nanos(endsAt))
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
}
