package dev.membership.examples.console.web;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.MembershipOrigin;
import dev.membership.query.MemberAction;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberListing;
import dev.membership.query.MemberRow;
import java.util.List;
import java.util.Set;

/**
 * One row of the members page as the template shows it, with the row-menu actions that apply to it
 * and that the viewer may take.
 *
 * @param invitation whether the row is a pending invitation (else a member)
 * @param id the membership or invitation id
 * @param email the address, or {@value #ERASED} for an erased account, whose placeholder address is
 *     never shown (as on the audit page)
 * @param name the person's name (an erased account's pseudonym, e.g. "Former member 3F7A1C"); empty
 *     for an invitation
 * @param roleId the role's id
 * @param roleName the role's name
 * @param badge the badge
 * @param origin how the member joined
 * @param access the application access held or offered
 * @param actions what the viewer's row menu offers, as the library computed it for the viewer
 * @param you whether the row is the viewer's own membership
 * @param joined when the member joined, in words; empty for an invitation
 */
public record MemberRowView(
    boolean invitation,
    String id,
    String email,
    String name,
    String roleId,
    String roleName,
    MemberBadge badge,
    MembershipOrigin origin,
    List<String> access,
    Set<MemberAction> actions,
    boolean you,
    String joined) {

  /** What the page shows instead of an erased account's placeholder address. */
  public static final String ERASED = "Erased account";

  static MemberRowView of(MemberListing listing, AccountId viewer) {
    return switch (listing.row()) {
      case MemberRow.Invited invited -> new MemberRowView(true, invited.invitation().id().toString(),
          invited.email().value(), "", invited.role().id().value(), invited.role().name(), invited.badge(),
          invited.invitation().joinRequestId().isPresent() ? MembershipOrigin.JOIN_REQUEST : MembershipOrigin.INVITATION,
          keys(invited.invitation().grants()), listing.actions(), false, "");
      case MemberRow.Member member -> new MemberRowView(false, member.membership().id().toString(),
          addressOf(member), member.account().displayName(), member.role().id().value(), member.role().name(),
          member.badge(), member.membership().origin(), keys(member.membership().grants()),
          listing.actions(),
          member.membership().accountId().equals(viewer), Dates.day(member.membership().joinedAt()));
    };
  }

  private static String addressOf(MemberRow.Member member) {
    return member.email().domain().equals(Account.ERASED_DOMAIN) ? ERASED : member.email().value();
  }

  private static List<String> keys(Set<EntitlementKey> grants) {
    return grants.stream().map(EntitlementKey::value).sorted().toList();
  }

  public boolean can(String action) {
    return actions.contains(MemberAction.valueOf(action));
  }

  public boolean holds(String entitlement) {
    return access.contains(entitlement);
  }

  /** Whether the row menu has something besides the role change, which sits in the row itself. */
  public boolean hasActions() {
    return actions.stream().anyMatch(a -> a != MemberAction.CHANGE_ROLE);
  }
}
