package dev.membership;

import dev.membership.command.DomainEnrollment;
import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.DomainId;
import dev.membership.domain.DomainName;
import dev.membership.domain.DomainVerification;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.EnrollmentMode;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.InvalidInputException;
import dev.membership.error.NotFoundException;
import dev.membership.internal.Context;
import dev.membership.internal.Guard;
import dev.membership.internal.NotFound;
import dev.membership.internal.Rules;
import dev.membership.internal.UnitOfWork;
import dev.membership.query.MemberAccess;
import dev.membership.query.SuggestedOrganisation;
import dev.membership.spi.StoreTransaction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verified domains: an organisation's owners and admins ({@code MANAGE_ORGANISATION}) add a domain,
 * prove it, and choose what it does for accounts whose proved address is of it: nothing, suggest the
 * organisation (the person may ask to join), or join automatically with a chosen role.
 *
 * <p>Proof is by a DNS TXT record that the <em>host</em> looks up (the library does no network I/O):
 * publish {@link OrganisationDomain#txtRecordValue()} at {@link OrganisationDomain#txtRecordName()},
 * then pass the TXT values found there to {@link #verify}. A domain is also proved when an address of
 * it accepts an invitation to the organisation; that proves one mailbox rather than the domain, so it
 * allows {@code SUGGEST} but not {@code AUTOMATIC}, and a DNS proof by another organisation takes the
 * domain over. A domain is verified by one organisation at a time.
 */
public final class Domains {
  /** The most domains one organisation may add. */
  public static final int MAX_DOMAINS_PER_ORGANISATION = 50;

  /** The most TXT values {@link #verify} looks at: more than any real record set. */
  public static final int MAX_TXT_RECORDS = 100;

  private final Context context;

  Domains(Context context) {
    this.context = context;
  }

  /**
   * Adds a domain to prove, normalised ({@link DomainName#of}: lower case, IDNA ASCII form). Refused:
   * {@code INVALID_INPUT} on field {@code domain} (codes {@code invalid_domain}, {@code single_label},
   * {@code public_suffix}, {@code shared_mail_provider}), {@code DOMAIN_ALREADY_ADDED}, {@code
   * DOMAIN_LIMIT_REACHED}.
   */
  public OrganisationDomain add(AccountId actor, OrganisationId organisation, String domain) {
    DomainName name = DomainName.of("domain", domain);
    return context.write(uow -> {
      uow.require(actor, organisation, Permission.MANAGE_ORGANISATION);
      uow.tx.organisations().lock(organisation);
      if (uow.tx.domains().findByName(organisation, name).isPresent()) {
        throw alreadyAdded(name);
      }
      if (uow.tx.domains().list(organisation, MAX_DOMAINS_PER_ORGANISATION).size() >= MAX_DOMAINS_PER_ORGANISATION) {
        throw new ConflictException(ErrorCode.DOMAIN_LIMIT_REACHED,
            "This organisation has " + MAX_DOMAINS_PER_ORGANISATION + " domains, as many as it may: remove one first.");
      }
      OrganisationDomain added = OrganisationDomain.added(organisation, name, context.secrets.invitationToken(), actor,
          uow.now);
      uow.tx.domains().insert(added);
      uow.audit(organisation, actor, AuditAction.DOMAIN_ADDED, Optional.empty(), name.value(), Map.of());
      return added;
    });
  }

  /**
   * Proves the domain with the TXT values the host found at {@link OrganisationDomain#txtRecordName()}
   * (quotes around a value are ignored). Refused: {@code DOMAIN_VERIFICATION_FAILED} (field {@code
   * txtRecords}) when none is {@link OrganisationDomain#txtRecordValue()}; {@code
   * DOMAIN_VERIFIED_ELSEWHERE} when another organisation proved it by DNS. Another organisation's proof
   * through an accepted invitation is taken over (it reads {@code DOMAIN_VERIFICATION_LOST} in its
   * audit log). Verifying a domain proved by DNS already changes nothing.
   */
  public OrganisationDomain verify(AccountId actor, OrganisationId organisation, DomainId id, List<String> txtRecords) {
    if (txtRecords == null) {
      throw InvalidInputException.of("txtRecords", "required", "is required");
    }
    if (txtRecords.size() > MAX_TXT_RECORDS) {
      throw InvalidInputException.of("txtRecords", "too_many", "may hold at most " + MAX_TXT_RECORDS + " values");
    }
    return context.write(uow -> {
      uow.require(actor, organisation, Permission.MANAGE_ORGANISATION);
      OrganisationDomain domain = find(uow.tx, organisation, id);
      if (domain.verifiedBy().orElse(null) == DomainVerification.DNS_TXT) {
        return domain;
      }
      String expected = domain.txtRecordValue();
      boolean found = txtRecords.stream().filter(Objects::nonNull).map(Domains::unquoted).anyMatch(expected::equals);
      if (!found) {
        throw new ConflictException(ErrorCode.DOMAIN_VERIFICATION_FAILED,
            "No TXT record at " + domain.txtRecordName() + " carries this domain's verification value yet.",
            List.of(new FieldViolation("txtRecords", "not_found", "holds no record with the verification value")));
      }
      Optional<OrganisationDomain> other = uow.tx.domains().findVerified(domain.name())
          .filter(d -> !d.id().equals(domain.id()));
      if (other.isPresent()) {
        if (other.get().verifiedBy().orElse(null) == DomainVerification.DNS_TXT) {
          throw verifiedElsewhere(domain.name());
        }
        uow.tx.domains().update(other.get().unverify());
        uow.audit(other.get().organisationId(), other.get().addedBy(), AuditAction.DOMAIN_VERIFICATION_LOST,
            Optional.empty(), domain.name().value(), Map.of("reason", "another organisation proved it by DNS"));
      }
      OrganisationDomain verified = uow.tx.domains().update(domain.verify(DomainVerification.DNS_TXT, uow.now));
      uow.audit(organisation, actor, AuditAction.DOMAIN_VERIFIED, Optional.empty(), domain.name().value(),
          Map.of("method", DomainVerification.DNS_TXT.name()));
      return verified;
    });
  }

  /**
   * Chooses what the verified domain does ({@link DomainEnrollment}). Refused: {@code
   * DOMAIN_NOT_VERIFIED} for {@code SUGGEST} or {@code AUTOMATIC} on a domain not verified, and for
   * {@code AUTOMATIC} on one proved only through an accepted invitation; for {@code AUTOMATIC}, the
   * owner role ({@code INVALID_INPUT} on field {@code role}, code {@code owner_not_allowed}), a role
   * the actor may not give ({@code PERMISSION_DENIED}), a missing role or entitlement.
   */
  public OrganisationDomain setEnrollment(AccountId actor, OrganisationId organisation, DomainId id,
      DomainEnrollment enrollment) {
    context.validator.check("enrollment", enrollment);
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_ORGANISATION);
      OrganisationDomain domain = find(uow.tx, organisation, id);
      EnrollmentMode mode = enrollment.mode();
      if (mode != EnrollmentMode.NONE && !domain.isVerified()) {
        throw new ConflictException(ErrorCode.DOMAIN_NOT_VERIFIED,
            "Verify " + domain.name() + " before it suggests or enrols anyone.");
      }
      Role role = Role.MEMBER;
      if (mode == EnrollmentMode.AUTOMATIC) {
        if (domain.verifiedBy().orElse(null) != DomainVerification.DNS_TXT) {
          throw new ConflictException(ErrorCode.DOMAIN_NOT_VERIFIED,
              domain.name() + " was proved through an accepted invitation only: prove it by DNS to enrol automatically.");
        }
        role = uow.role(organisation, enrollment.role());
        if (role.id().equals(Role.OWNER.id())) {
          throw InvalidInputException.of("role", "owner_not_allowed", "cannot be the owner role");
        }
        Guard.mayGrant(access.role(), role);
        for (EntitlementKey key : enrollment.grants()) {
          if (uow.tx.entitlements().find(organisation, key).isEmpty()) {
            throw new NotFoundException(
                ErrorCode.ENTITLEMENT_NOT_FOUND, "The organisation does not hold the entitlement " + key + ".");
          }
        }
      }
      OrganisationDomain changed = uow.tx.domains().update(domain.withEnrollment(mode, role.id(),
          mode == EnrollmentMode.AUTOMATIC ? enrollment.grants() : java.util.Set.of()));
      uow.audit(organisation, actor, AuditAction.DOMAIN_ENROLLMENT_CHANGED, Optional.empty(), domain.name().value(),
          Map.of("mode", mode.name(), "role", role.name(), "grants", Rules.describe(changed.enrollmentGrants())));
      return changed;
    });
  }

  /** Removes a domain; it suggests and enrols nobody any more, and another organisation may verify it. */
  public void remove(AccountId actor, OrganisationId organisation, DomainId id) {
    context.write(uow -> {
      uow.require(actor, organisation, Permission.MANAGE_ORGANISATION);
      OrganisationDomain domain = find(uow.tx, organisation, id);
      uow.tx.domains().delete(organisation, id);
      uow.audit(organisation, actor, AuditAction.DOMAIN_REMOVED, Optional.empty(), domain.name().value(), Map.of());
      return null;
    });
  }

  /** The organisation's domains, by name. */
  public List<OrganisationDomain> list(AccountId actor, OrganisationId organisation) {
    return context.read(tx -> {
      Context.requireIn(tx, actor, organisation, Permission.MANAGE_ORGANISATION);
      return tx.domains().list(organisation, MAX_DOMAINS_PER_ORGANISATION);
    });
  }

  /**
   * The organisations suggested to the account: the one that verified the domain of its address with
   * {@code SUGGEST}, unless the account is a member already or the organisation was deleted. Empty for
   * an address nobody proved (an account an admin created directly, until its person claims it), so an
   * admin cannot see another organisation by creating an account of its domain.
   */
  public List<SuggestedOrganisation> suggestedFor(AccountId account) {
    Objects.requireNonNull(account, "account");
    return context.read(tx -> {
      Account found = tx.accounts().find(account).orElseThrow(NotFound::account);
      return matching(tx, found, EnrollmentMode.SUGGEST)
          .filter(d -> tx.memberships().findLive(d.organisationId(), account).isEmpty())
          .flatMap(d -> tx.organisations().find(d.organisationId()).filter(Organisation::isActive)
              .map(o -> new SuggestedOrganisation(o.id(), o.name(), d.name())))
          .map(List::of).orElse(List.of());
    });
  }

  /**
   * Joins the account to the organisation that verified the domain of its address by DNS with {@code
   * AUTOMATIC} enrolment, with that domain's role and access; the host calls it once the address is
   * proved, and may call it at every sign-in. Empty when there is none, the account is or was a member
   * (one removed, or who left, is not brought back), its address is not proved by its own person, or
   * it still has a temporary password. Audited as {@code MEMBER_JOINED_BY_DOMAIN}; the membership's
   * origin is {@code DOMAIN}. Refused when the access it would get has no seat left ({@code
   * SEAT_LIMIT_REACHED}) or has ended ({@code ENTITLEMENT_ENDED}): nothing is written.
   */
  public Optional<Membership> enrol(AccountId account) {
    Objects.requireNonNull(account, "account");
    return context.write(uow -> {
      Account found = uow.tx.accounts().find(account).orElseThrow(NotFound::account);
      if (found.mustChangePassword()) {
        return Optional.<Membership>empty();
      }
      Optional<OrganisationDomain> automatic = matching(uow.tx, found, EnrollmentMode.AUTOMATIC);
      if (automatic.isEmpty()) {
        return Optional.<Membership>empty();
      }
      OrganisationDomain domain = automatic.get();
      OrganisationId organisation = domain.organisationId();
      Optional<Organisation> org = uow.tx.organisations().lock(organisation).filter(Organisation::isActive);
      Optional<Role> role = uow.tx.roles().find(organisation, domain.enrollmentRole());
      if (org.isEmpty() || role.isEmpty() || uow.tx.domains().hasMembershipHistory(organisation, account)) {
        return Optional.<Membership>empty();
      }
      Rules.requireSeats(uow, organisation, domain.enrollmentGrants());
      Membership membership = Membership.start(organisation, account, role.get().id(), domain.enrollmentGrants(),
          MembershipOrigin.DOMAIN, uow.now);
      uow.tx.memberships().insert(membership);
      Optional<JoinRequest> asked = uow.tx.joinRequests().findPending(organisation, account);
      if (asked.isPresent()) {
        uow.tx.joinRequests().update(asked.get().approve(account, uow.now));
        uow.audit(organisation, account, AuditAction.JOIN_REQUEST_APPROVED, Optional.of(account),
            found.email().value(), Map.of("reason", "joined by verified domain"));
      }
      uow.audit(organisation, account, AuditAction.MEMBER_JOINED_BY_DOMAIN, Optional.of(account),
          found.email().value(), Map.of("domain", domain.name().value(), "role", role.get().name(),
              "grants", Rules.describe(domain.enrollmentGrants())));
      return Optional.of(membership);
    });
  }

  /**
   * Records that {@code account} accepting an invitation proved {@code domain}: the organisation added
   * the address's domain and nobody verified it yet ({@link
   * dev.membership.spi.AcceptanceChecks#unprovedDomain}); it becomes verified by {@code
   * INVITATION_ACCEPTED}.
   */
  static void verifiedByAcceptance(UnitOfWork uow, OrganisationDomain domain, AccountId account) {
    uow.tx.domains().update(domain.verify(DomainVerification.INVITATION_ACCEPTED, uow.now));
    uow.audit(domain.organisationId(), account, AuditAction.DOMAIN_VERIFIED, Optional.empty(), domain.name().value(),
        Map.of("method", DomainVerification.INVITATION_ACCEPTED.name()));
  }

  /** The verified domain of the account's address in this mode, if its address was proved by its own person. */
  private static Optional<OrganisationDomain> matching(StoreTransaction tx, Account account, EnrollmentMode mode) {
    if (account.createdByOrganisation().isPresent()) {
      return Optional.empty(); // created by an admin: nobody proved the address yet
    }
    return DomainName.ofAddress(account.email()).flatMap(tx.domains()::findVerified)
        .filter(d -> d.enrollment() == mode);
  }

  private static OrganisationDomain find(StoreTransaction tx, OrganisationId organisation, DomainId id) {
    return tx.domains().find(organisation, id).orElseThrow(
        () -> new NotFoundException(ErrorCode.DOMAIN_NOT_FOUND, "This organisation has no such domain."));
  }

  private static String unquoted(String value) {
    String v = value.strip();
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }

  static ConflictException alreadyAdded(DomainName name) {
    return new ConflictException(ErrorCode.DOMAIN_ALREADY_ADDED, "This organisation added " + name + " already.");
  }

  static ConflictException verifiedElsewhere(DomainName name) {
    return new ConflictException(ErrorCode.DOMAIN_VERIFIED_ELSEWHERE,
        name + " is verified by another organisation; it must remove the domain before this one can verify it.");
  }
}
