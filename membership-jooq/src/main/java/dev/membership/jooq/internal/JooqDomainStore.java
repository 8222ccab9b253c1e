package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_DOMAIN;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;

import dev.membership.domain.AccountId;
import dev.membership.domain.DomainId;
import dev.membership.domain.DomainName;
import dev.membership.domain.DomainStatus;
import dev.membership.domain.DomainVerification;
import dev.membership.domain.EnrollmentMode;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.RoleId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipDomain;
import dev.membership.jooq.internal.generated.tables.records.MembershipDomainRecord;
import dev.membership.spi.DomainStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Domains in table {@code membership_domain} (V10). {@code verified_name} holds the name while the row
 * is verified and NULL otherwise, so its unique key lets one organisation at a time hold a name verified.
 */
final class JooqDomainStore implements DomainStore {
  private static final MembershipDomain D = MEMBERSHIP_DOMAIN;

  private final DSLContext sql;

  JooqDomainStore(DSLContext sql) {
    this.sql = sql;
  }

  @Override
  public void insert(OrganisationDomain d) {
    guarded(() -> sql.insertInto(D)
        .set(D.ID, d.id().toString())
        .set(D.ORGANISATION_ID, d.organisationId().toString())
        .set(D.DOMAIN_NAME, d.name().value())
        .set(D.VERIFIED_NAME, verifiedName(d))
        .set(D.STATUS, d.status().name())
        .set(D.VERIFICATION_TOKEN, d.verificationToken())
        .set(D.VERIFIED_BY, d.verifiedBy().map(Enum::name).orElse(null))
        .set(D.VERIFIED_AT, Codec.nanosOrNull(d.verifiedAt()))
        .set(D.ENROLLMENT_MODE, d.enrollment().name())
        .set(D.ENROLLMENT_ROLE_ID, d.enrollmentRole().value())
        .set(D.ENROLLMENT_GRANTS, Codec.keys(d.enrollmentGrants()))
        .set(D.ADDED_BY, d.addedBy().toString())
        .set(D.CREATED_AT, nanos(d.createdAt()))
        .set(D.VERSION, d.version())
        .execute());
  }

  @Override
  public OrganisationDomain update(OrganisationDomain d) {
    int updated = guarded(() -> sql.update(D)
        .set(D.VERIFIED_NAME, verifiedName(d))
        .set(D.STATUS, d.status().name())
        .set(D.VERIFIED_BY, d.verifiedBy().map(Enum::name).orElse(null))
        .set(D.VERIFIED_AT, Codec.nanosOrNull(d.verifiedAt()))
        .set(D.ENROLLMENT_MODE, d.enrollment().name())
        .set(D.ENROLLMENT_ROLE_ID, d.enrollmentRole().value())
        .set(D.ENROLLMENT_GRANTS, Codec.keys(d.enrollmentGrants()))
        .set(D.VERSION, d.version() + 1)
        .where(D.ID.eq(d.id().toString())
            .and(D.VERSION.eq(d.version()))
            .and(D.ORGANISATION_ID.eq(d.organisationId().toString()))
            .and(D.DOMAIN_NAME.eq(d.name().value())))
        .execute());
    SqlSupport.requireUpdated(updated, "The domain");
    return new OrganisationDomain(d.id(), d.organisationId(), d.name(), d.status(), d.verificationToken(),
        d.verifiedBy(), d.verifiedAt(), d.enrollment(), d.enrollmentRole(), d.enrollmentGrants(), d.addedBy(),
        d.createdAt(), d.version() + 1);
  }

  @Override
  public boolean delete(OrganisationId organisation, DomainId id) {
    return sql.deleteFrom(D)
        .where(D.ID.eq(id.toString()).and(D.ORGANISATION_ID.eq(organisation.toString())))
        .execute() == 1;
  }

  @Override
  public Optional<OrganisationDomain> find(OrganisationId organisation, DomainId id) {
    return sql.selectFrom(D)
        .where(D.ID.eq(id.toString()).and(D.ORGANISATION_ID.eq(organisation.toString())))
        .fetchOptional()
        .map(JooqDomainStore::domain);
  }

  @Override
  public Optional<OrganisationDomain> findByName(OrganisationId organisation, DomainName name) {
    return sql.selectFrom(D)
        .where(D.ORGANISATION_ID.eq(organisation.toString()).and(D.DOMAIN_NAME.eq(name.value())))
        .fetchOptional()
        .map(JooqDomainStore::domain);
  }

  @Override
  public List<OrganisationDomain> list(OrganisationId organisation, int limit) {
    return sql.selectFrom(D)
        .where(D.ORGANISATION_ID.eq(organisation.toString()))
        .orderBy(D.DOMAIN_NAME, D.ID)
        .limit(Math.max(0, limit))
        .fetch(JooqDomainStore::domain);
  }

  @Override
  public Optional<OrganisationDomain> findVerified(DomainName name) {
    return sql.selectFrom(D).where(D.VERIFIED_NAME.eq(name.value())).fetchOptional().map(JooqDomainStore::domain);
  }

  @Override
  public boolean hasMembershipHistory(OrganisationId organisation, AccountId account) {
    // membership_member_history_ix (account_id): an account has few memberships.
    return sql.fetchExists(sql.selectOne().from(MEMBERSHIP_MEMBER)
        .where(MEMBERSHIP_MEMBER.ACCOUNT_ID.eq(account.toString())
            .and(MEMBERSHIP_MEMBER.ORGANISATION_ID.eq(organisation.toString()))));
  }

  private static String verifiedName(OrganisationDomain d) {
    return d.status() == DomainStatus.VERIFIED ? d.name().value() : null;
  }

  private static OrganisationDomain domain(MembershipDomainRecord r) {
    return new OrganisationDomain(DomainId.of(r.getId()), OrganisationId.of(r.getOrganisationId()),
        new DomainName(r.getDomainName()), DomainStatus.valueOf(r.getStatus()), r.getVerificationToken(),
        Optional.ofNullable(r.getVerifiedBy()).map(DomainVerification::valueOf), Codec.instantOrEmpty(r.getVerifiedAt()),
        EnrollmentMode.valueOf(r.getEnrollmentMode()), RoleId.of(r.getEnrollmentRoleId()),
        Codec.keys(r.getEnrollmentGrants()), AccountId.of(r.getAddedBy()), Codec.instant(r.getCreatedAt()),
        r.getVersion());
  }

  /** Runs a write, turning a taken unique key into the conflict its constraint stands for. */
  private static int guarded(java.util.function.Supplier<Integer> write) {
    try {
      return write.get();
    } catch (DataAccessException e) {
      if (SqlErrors.uniqueViolation(e).orElse(null) != SqlErrors.UniqueViolation.UNIQUE_KEY) {
        throw e;
      }
      String constraint = SqlErrors.sqlException(e).map(x -> SqlErrors.constraintName(String.valueOf(x.getMessage())))
          .orElse("").toLowerCase(Locale.ROOT);
      ConflictException conflict = constraint.contains("verified")
          ? new ConflictException(ErrorCode.DOMAIN_VERIFIED_ELSEWHERE, "Another organisation verified this domain.")
          : new ConflictException(ErrorCode.DOMAIN_ALREADY_ADDED, "The organisation added this domain already.");
      conflict.addSuppressed(e);
      throw conflict;
    }
  }
}
