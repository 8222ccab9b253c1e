package dev.membership.query;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Role;
import java.util.Objects;

/** One row of the members page: a member, or an invitation still pending. */
public sealed interface MemberRow {

  /** The address shown, which is also the list's sort key. */
  EmailAddress email();

  /** The role shown. */
  Role role();

  /** The badge shown. */
  MemberBadge badge();

  /**
   * A member, with its account and role.
   *
   * @param membership the membership
   * @param account what the row shows of the account
   * @param role the membership's role (while deactivated, the role it will get back)
   */
  record Member(Membership membership, AccountSummary account, Role role) implements MemberRow {
    public Member {
      Objects.requireNonNull(membership, "membership");
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(role, "role");
    }

    @Override
    public EmailAddress email() {
      return account.email();
    }

    @Override
    public MemberBadge badge() {
      return badgeOf(membership, account.neverSignedIn());
    }
  }

  /**
   * An invitation still pending: open, or past its expiry (its link dead) until resent or cancelled.
   *
   * @param invitation the invitation
   * @param role the role it offers
   * @param expired whether it was past its expiry when the page was read
   */
  record Invited(Invitation invitation, Role role, boolean expired) implements MemberRow {
    public Invited {
      Objects.requireNonNull(invitation, "invitation");
      Objects.requireNonNull(role, "role");
    }

    @Override
    public EmailAddress email() {
      return invitation.email();
    }

    @Override
    public MemberBadge badge() {
      return expired ? MemberBadge.EXPIRED : MemberBadge.PENDING;
    }
  }

  /** The badge of a membership whose account has or has not signed in yet. */
  static MemberBadge badgeOf(Membership membership, boolean neverSignedIn) {
    return switch (membership.status()) {
      case ACTIVE -> membership.origin() == MembershipOrigin.CREATED_BY_ADMIN && neverSignedIn
          ? MemberBadge.CREATED_BY_ADMIN
          : MemberBadge.ACTIVE;
      case DEACTIVATED -> MemberBadge.DEACTIVATED;
      case REMOVED -> MemberBadge.REMOVED;
    };
  }

  /** Whether a membership row is of a status that can carry {@code badge} at all. */
  static boolean statusMayShow(MembershipStatus status, MemberBadge badge) {
    return switch (badge) {
      case ACTIVE, CREATED_BY_ADMIN -> status == MembershipStatus.ACTIVE;
      case DEACTIVATED -> status == MembershipStatus.DEACTIVATED;
      case REMOVED -> status == MembershipStatus.REMOVED;
      case PENDING, EXPIRED -> false;
    };
  }
}
