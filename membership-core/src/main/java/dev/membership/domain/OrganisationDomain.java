package dev.membership.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A domain an organisation added, and what it does once verified. A domain is verified by one
 * organisation at a time (the store's unique key on verified names): one that proves it by DNS takes
 * it over from one that proved it only through an accepted invitation.
 *
 * <p>The verification token is not a secret: it is meant to be published in the domain's DNS, as the
 * TXT record {@link #txtRecordName()} with the value {@link #txtRecordValue()}. Whoever can publish it
 * controls the domain.
 *
 * @param id its id
 * @param organisationId the organisation that added it
 * @param name the normalised domain
 * @param status pending or verified
 * @param verificationToken the random value the TXT record must carry
 * @param verifiedBy how it was proved; present exactly when verified
 * @param verifiedAt when it was proved; present exactly when verified
 * @param enrollment what it does for accounts of the domain; {@code NONE} until verified
 * @param enrollmentRole the role an account joins with in {@code AUTOMATIC} mode
 * @param enrollmentGrants the entitlements an account joins with in {@code AUTOMATIC} mode
 * @param addedBy who added it
 * @param createdAt when it was added
 * @param version optimistic version
 */
public record OrganisationDomain(
    DomainId id,
    OrganisationId organisationId,
    DomainName name,
    DomainStatus status,
    String verificationToken,
    Optional<DomainVerification> verifiedBy,
    Optional<Instant> verifiedAt,
    EnrollmentMode enrollment,
    RoleId enrollmentRole,
    Set<EntitlementKey> enrollmentGrants,
    AccountId addedBy,
    Instant createdAt,
    long version) {

  /** The name under the domain that the TXT record is published at. */
  public static final String TXT_RECORD_PREFIX = "_membership-verification.";

  /** What the TXT record's value starts with; the token follows. */
  public static final String TXT_VALUE_PREFIX = "membership-verification=";

  public OrganisationDomain {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organisationId, "organisationId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(verificationToken, "verificationToken");
    Objects.requireNonNull(verifiedBy, "verifiedBy");
    Objects.requireNonNull(verifiedAt, "verifiedAt");
    Objects.requireNonNull(enrollment, "enrollment");
    Objects.requireNonNull(enrollmentRole, "enrollmentRole");
    enrollmentGrants = Set.copyOf(enrollmentGrants);
    Objects.requireNonNull(addedBy, "addedBy");
    Objects.requireNonNull(createdAt, "createdAt");
    if ((status == DomainStatus.VERIFIED) != verifiedBy.isPresent() || verifiedBy.isPresent() != verifiedAt.isPresent()) {
      throw new IllegalArgumentException("a verified domain, and only one, says how and when it was verified");
    }
    if (status != DomainStatus.VERIFIED && enrollment != EnrollmentMode.NONE) {
      throw new IllegalArgumentException("only a verified domain enrols");
    }
    if (enrollment == EnrollmentMode.AUTOMATIC && verifiedBy.orElse(null) != DomainVerification.DNS_TXT) {
      throw new IllegalArgumentException("only a domain proved by DNS enrols automatically");
    }
  }

  /** A domain just added: pending, enrolling nobody. */
  public static OrganisationDomain added(OrganisationId organisation, DomainName name, String token, AccountId by,
      Instant now) {
    return new OrganisationDomain(DomainId.random(), organisation, name, DomainStatus.PENDING, token, Optional.empty(),
        Optional.empty(), EnrollmentMode.NONE, Role.MEMBER.id(), Set.of(), by, now, 0);
  }

  /** Whether the domain is verified. */
  public boolean isVerified() {
    return status == DomainStatus.VERIFIED;
  }

  /** The DNS name the host looks up: {@code _membership-verification.<domain>}. */
  public String txtRecordName() {
    return TXT_RECORD_PREFIX + name.value();
  }

  /** The value the TXT record must carry: {@code membership-verification=<token>}. */
  public String txtRecordValue() {
    return TXT_VALUE_PREFIX + verificationToken;
  }

  /** Proved now, by {@code how}; enrolment stays {@code NONE} until an admin chooses. */
  public OrganisationDomain verify(DomainVerification how, Instant now) {
    return new OrganisationDomain(id, organisationId, name, DomainStatus.VERIFIED, verificationToken, Optional.of(how),
        Optional.of(now), enrollment, enrollmentRole, enrollmentGrants, addedBy, createdAt, version);
  }

  /** No longer verified (another organisation proved it by DNS); enrols nobody. */
  public OrganisationDomain unverify() {
    return new OrganisationDomain(id, organisationId, name, DomainStatus.PENDING, verificationToken, Optional.empty(),
        Optional.empty(), EnrollmentMode.NONE, enrollmentRole, enrollmentGrants, addedBy, createdAt, version);
  }

  /** Enrols as {@code mode}, with this role and access in {@code AUTOMATIC} mode. */
  public OrganisationDomain withEnrollment(EnrollmentMode mode, RoleId role, Set<EntitlementKey> grants) {
    return new OrganisationDomain(id, organisationId, name, status, verificationToken, verifiedBy, verifiedAt, mode,
        role, grants, addedBy, createdAt, version);
  }
}
