package dev.membership.error;

/**
 * The stable code of every error the library raises. Codes never change meaning once released, so a
 * host may map them to HTTP statuses or translated sentences.
 */
public enum ErrorCode {
  /** A command's input is malformed; {@link MembershipException#fields()} names the fields at fault. */
  INVALID_INPUT,
  /** The acting account lacks the permission, or the change would escalate its power. */
  PERMISSION_DENIED,
  /**
   * The account signed in with a temporary password an admin set: it may do nothing but choose its
   * own password.
   */
  PASSWORD_CHANGE_REQUIRED,
  /**
   * Sign-in failed, or the current password given for a change (or with an address-verification link)
   * was wrong. Deliberately vague.
   */
  INVALID_CREDENTIALS,

  ORGANISATION_NOT_FOUND,
  ACCOUNT_NOT_FOUND,
  MEMBER_NOT_FOUND,
  INVITATION_NOT_FOUND,
  JOIN_REQUEST_NOT_FOUND,
  ROLE_NOT_FOUND,
  ENTITLEMENT_NOT_FOUND,
  /** The outbox holds no dead letter with this id: it was retried, discarded or delivered meanwhile. */
  DEAD_LETTER_NOT_FOUND,

  /** The account already has a live (active or deactivated) membership in the organisation. */
  ALREADY_MEMBER,
  /**
   * The store refused a second account for an address (its unique key). Signing up never answers it
   * (it answers the same for a taken and a free address); it shows only where a store is used directly.
   */
  EMAIL_ALREADY_REGISTERED,
  /** "Create user directly" for an address that already has an account: invite it instead. */
  ACCOUNT_EXISTS_INVITE_INSTEAD,
  /**
   * The organisation, or the acting account in any organisation, was told {@code
   * ACCOUNT_EXISTS_INVITE_INSTEAD} as often as the policy allows in a day ({@code
   * MembershipPolicy.SignUpRules.existenceAnswersPerOrganisationPerDay} and {@code
   * existenceAnswersPerAccountPerDay}): "create user directly" is refused for every address, there or
   * by that account, until the day that began with the first of those answers is over, so that the
   * refusal itself tells nothing about the address. Invitations still work.
   */
  ACCOUNT_EXISTS_ANSWER_LIMIT_REACHED,
  /**
   * The address was signed up with as often as the policy allows in 24 hours ({@code
   * MembershipPolicy.SignUpRules.signUpEmailsPerAddressPerDay}), whether it has an account or not:
   * use the link of an e-mail already sent, or try again later.
   */
  SIGN_UP_LIMIT_REACHED,
  /**
   * The source the host named with the client key signed up too often lately ({@code
   * MembershipPolicy.SignUpRules.signUpsPerSourceBeforeWaiting}, then waits as sign-in's): a {@link
   * ThrottledException} that says when to try again. Whatever the address: it tells nothing about it.
   */
  SIGN_UP_THROTTLED,
  /** The address-verification link is not one the library sent (or was forgotten long after it expired). */
  EMAIL_VERIFICATION_NOT_FOUND,
  /** The address-verification link expired; sign up again for a new one. */
  EMAIL_VERIFICATION_EXPIRED,
  /**
   * The address-verification link was used already, or ended: the address was proved through another
   * sign-up or an invitation, an account exists for it now, or too many wrong passwords were given with it.
   */
  EMAIL_VERIFICATION_NO_LONGER_VALID,
  /** Accepting as a new person, but the invited address has an account: sign in and accept. */
  ACCOUNT_EXISTS_SIGN_IN_TO_ACCEPT,
  /** The organisation did not create this account, or another organisation shares it. */
  CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
  /**
   * An admin's "change password" or "resend credentials" on an account the organisation created, but
   * whose person has chosen a password of their own since: from then on only the person sets it.
   * Member rows tell it beforehand ({@code AccountSummary.choseOwnPassword()}), so a page can hide
   * both actions.
   */
  PASSWORD_CHOSEN_BY_PERSON,
  INVITATION_ALREADY_PENDING,
  /** The invitation was sent as often as one may be; cancel it and invite again if it is still wanted. */
  INVITATION_SEND_LIMIT_REACHED,
  /**
   * The organisation sent as many invitation e-mails in the last 24 hours as the policy allows
   * (invitations, resends and approved join requests count); try again later.
   */
  INVITATION_LIMIT_REACHED,
  INVITATION_EXPIRED,
  INVITATION_NO_LONGER_VALID,
  /** Cancelling or resending an invitation that was accepted: the person is a member now. */
  INVITATION_ALREADY_ACCEPTED,
  /**
   * Cancelling or resending an invitation that was cancelled, or closed when a new invitation to the
   * address replaced it after it expired: invite the address again.
   */
  INVITATION_ALREADY_CANCELLED,
  /** The signed-in account is not the address the invitation was sent to. */
  INVITATION_FOR_ANOTHER_ACCOUNT,
  JOIN_REQUEST_ALREADY_PENDING,
  /** Approving, denying or withdrawing a join request that was approved or denied already. */
  JOIN_REQUEST_ALREADY_ANSWERED,
  /** Approving, denying or withdrawing a join request that its requester withdrew. */
  JOIN_REQUEST_WITHDRAWN,
  /** A request to the same organisation was withdrawn or denied too recently (see the policy's cooldown). */
  JOIN_REQUEST_COOLDOWN,
  /** The account asked to join too many organisations in the last 24 hours (see the policy's daily cap). */
  JOIN_REQUEST_LIMIT_REACHED,
  /**
   * The change would leave the organisation without an active owner who can act (one whose account has
   * a password of its own, not a temporary one).
   */
  LAST_OWNER,
  /** The role still has members or pending invitations; say which role they move to. */
  ROLE_IN_USE,
  ROLE_NAME_TAKEN,
  BUILT_IN_ROLE_IS_FIXED,
  ENTITLEMENT_ALREADY_DEFINED,
  /** The entitlement's trial or licence has ended; it cannot be granted. */
  ENTITLEMENT_ENDED,
  /** Granting the entitlement would exceed its seat limit (pending invitations count). */
  SEAT_LIMIT_REACHED,
  /** The member must be active for this change (reactivate first). */
  MEMBER_NOT_ACTIVE,
  /** Reactivating a member who is active already. */
  MEMBER_ALREADY_ACTIVE,
  /** Deactivating a member who is deactivated already. */
  MEMBER_ALREADY_DEACTIVATED,
  /** Deactivating, reactivating or removing a member who was removed (or left): invite them again instead. */
  MEMBER_ALREADY_REMOVED,
  ORGANISATION_DELETED,
  /** The deployment's catalogue has no application with this key. */
  APPLICATION_NOT_FOUND,
  /** The deployment's catalogue has an application with this key already. */
  APPLICATION_ALREADY_DEFINED,
  /** Extending an entitlement that has no end: there is nothing to extend. */
  ENTITLEMENT_HAS_NO_END,
  /** The organisation has no such domain (or another organisation's was named). */
  DOMAIN_NOT_FOUND,
  /** The organisation added this domain already. */
  DOMAIN_ALREADY_ADDED,
  /** The organisation has as many domains as one may ({@code Domains.MAX_DOMAINS_PER_ORGANISATION}). */
  DOMAIN_LIMIT_REACHED,
  /**
   * Another organisation holds the domain verified (by DNS): a domain is verified by one organisation
   * at a time; that one must remove it first.
   */
  DOMAIN_VERIFIED_ELSEWHERE,
  /** None of the TXT records the host found carries the domain's verification value; field {@code txtRecords}. */
  DOMAIN_VERIFICATION_FAILED,
  /**
   * The domain is not verified (suggesting and enrolling need it), or automatic enrolment was asked
   * for a domain proved only through an accepted invitation (it needs DNS).
   */
  DOMAIN_NOT_VERIFIED,

  /** The account was erased already: nothing is left to erase, and nobody can act as it. */
  ACCOUNT_ALREADY_ERASED,

  /** Somebody else changed the same thing first; read again and retry. */
  CONCURRENT_MODIFICATION,
  /**
   * A state machine was asked for a transition its table does not have and no user action reaches
   * (the user-reachable ones answer a specific code, e.g. {@link #MEMBER_ALREADY_ACTIVE}).
   */
  ILLEGAL_STATE_TRANSITION,
}
