package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.SqlSupport.guardedWrite;
import static dev.membership.jooq.internal.SqlSupport.updateVersioned;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_DOMAIN;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;

import dev.membership.domain.AccountId;
import dev.membership.domain.DomainId;
import dev.membership.domain.DomainName;
import dev.membership.domain.DomainStatus;
import dev.membership.domain.DomainVerification;
import dev.membership.domain.EnrollmentMode;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.RoleId;
import java.time.Instant;
import java.util.Set;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipDomain;
import dev.membership.jooq.internal.generated.tables.records.MembershipDomainRecord;
import dev.membership.spi.DomainStore;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Domains in table {@code membership_domain} (V10). {@code verified_name} holds the name while the row
 * is verified and NULL otherwise, so its unique key lets one organisation at a time hold a name verified.
 */
record JooqDomainStore(DSLContext sql) implements DomainStore {
  private static final MembershipDomain D = MEMBERSHIP_DOMAIN;

  @Override
  public void insert(OrganisationDomain d) {
    guardedWrite(() -> sql.executeInsert(record(d)), JooqDomainStore::conflictOf);
  }

  @Override
  public OrganisationDomain update(OrganisationDomain d) {
    return domain(updateVersioned(sql, record(d), D.VERSION,
        D.ID.eq(d.id()).and(D.ORGANISATION_ID.eq(d.organisationId())).and(D.DOMAIN_NAME.eq(d.name())),
        JooqDomainStore::conflictOf, "The domain",
        D.ID, D.ORGANISATION_ID, D.DOMAIN_NAME, D.VERIFICATION_TOKEN, D.ADDED_BY, D.CREATED_AT));
  }

  @Override
  public boolean delete(OrganisationId organisation, DomainId id) {
    return sql.deleteFrom(D).where(D.ID.eq(id).and(D.ORGANISATION_ID.eq(organisation))).execute() == 1;
  }

  @Override
  public Optional<OrganisationDomain> find(OrganisationId organisation, DomainId id) {
    return sql.selectFrom(D).where(D.ID.eq(id).and(D.ORGANISATION_ID.eq(organisation)))
        .fetchOptional(JooqDomainStore::domain);
  }

  @Override
  public Optional<OrganisationDomain> findByName(OrganisationId organisation, DomainName name) {
    return sql.selectFrom(D).where(D.ORGANISATION_ID.eq(organisation).and(D.DOMAIN_NAME.eq(name)))
        .fetchOptional(JooqDomainStore::domain);
  }

  @Override
  public List<OrganisationDomain> list(OrganisationId organisation, int limit) {
    return sql.selectFrom(D)
        .where(D.ORGANISATION_ID.eq(organisation))
        .orderBy(D.DOMAIN_NAME, D.ID)
        .limit(Math.max(0, limit))
        .fetch(JooqDomainStore::domain);
  }

  @Override
  public Optional<OrganisationDomain> findVerified(DomainName name) {
    return sql.selectFrom(D).where(D.VERIFIED_NAME.eq(name)).fetchOptional(JooqDomainStore::domain);
  }

  @Override
  public boolean hasMembershipHistory(OrganisationId organisation, AccountId account) {
    // membership_member_history_ix (account_id): an account has few memberships.
    return sql.fetchExists(sql.selectOne().from(MEMBERSHIP_MEMBER)
        .where(MEMBERSHIP_MEMBER.ACCOUNT_ID.eq(account).and(MEMBERSHIP_MEMBER.ORGANISATION_ID.eq(organisation))));
  }

  /** The row of {@code d}; {@code verified_name} is the name while verified and NULL otherwise. */
  private static MembershipDomainRecord record(OrganisationDomain d) {
    return new MembershipDomainRecord(d.id(), d.organisationId(), d.name(),
        d.status() == DomainStatus.VERIFIED ? d.name() : null, d.status(), d.verificationToken(),
        d.verifiedBy().orElse(null), d.verifiedAt().orElse(null), d.enrollment(), d.enrollmentRole(),
        d.enrollmentGrants(), d.addedBy(), d.createdAt(), d.version());
  }

  /** The domain whose columns stand in {@code r} from index {@code at} on, in the table's order. */
  @SuppressWarnings("unchecked")
  static OrganisationDomain domain(Cells r, int at) {
    return new OrganisationDomain((DomainId) r.get(at), (OrganisationId) r.get(at + 1), (DomainName) r.get(at + 2),
        (DomainStatus) r.get(at + 4), (String) r.get(at + 5), Optional.ofNullable((DomainVerification) r.get(at + 6)),
        Optional.ofNullable((Instant) r.get(at + 7)), (EnrollmentMode) r.get(at + 8), (RoleId) r.get(at + 9),
        (Set<EntitlementKey>) r.get(at + 10), (AccountId) r.get(at + 11), (Instant) r.get(at + 12), (Long) r.get(at + 13));
  }

  static OrganisationDomain domain(MembershipDomainRecord r) {
    return new OrganisationDomain(r.getId(), r.getOrganisationId(), r.getDomainName(), r.getStatus(),
        r.getVerificationToken(), Optional.ofNullable(r.getVerifiedBy()), Optional.ofNullable(r.getVerifiedAt()),
        r.getEnrollmentMode(), r.getEnrollmentRoleId(), r.getEnrollmentGrants(), r.getAddedBy(), r.getCreatedAt(),
        r.getVersion());
  }

  /** The conflict a taken unique key stands for: the verified name, or the organisation's name. */
  private static ConflictException conflictOf(String constraint) {
    return constraint.contains("verified")
        ? new ConflictException(ErrorCode.DOMAIN_VERIFIED_ELSEWHERE, "Another organisation verified this domain.")
        : new ConflictException(ErrorCode.DOMAIN_ALREADY_ADDED, "The organisation added this domain already.");
  }
}
