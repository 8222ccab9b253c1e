package dev.membership.query;

import dev.membership.command.TypedText;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.RoleId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A members page request: filters and the page. Rows are ordered by e-mail address, then by id.
 *
 * @param badges which rows to show; by default everything but removed members
 * @param roles only these roles; empty for all
 * @param origins only members of these origins (invitations count as {@code INVITATION}, or
 *     {@code JOIN_REQUEST} when they answer one); empty for all
 * @param text only rows whose e-mail address or name contains this text, ignoring case; cleaned by
 *     {@link TypedText#clean}, checked by the members page (at most 254 characters, no control,
 *     bidi or invisible characters)
 * @param page which page
 */
public record MemberQuery(
    Set<MemberBadge> badges, Set<RoleId> roles, Set<MembershipOrigin> origins, Optional<String> text, PageRequest page) {

  private static final Set<MemberBadge> DEFAULT_BADGES =
      Set.copyOf(EnumSet.complementOf(EnumSet.of(MemberBadge.REMOVED)));

  public MemberQuery {
    badges = badges.isEmpty() ? DEFAULT_BADGES : Set.copyOf(badges);
    roles = Set.copyOf(roles);
    origins = Set.copyOf(origins);
    Objects.requireNonNull(text, "text");
    text = text.map(TypedText::clean).filter(t -> !t.isEmpty());
    Objects.requireNonNull(page, "page");
  }

  /** The first page of everything but removed members. */
  public static MemberQuery all() {
    return new MemberQuery(Set.of(), Set.of(), Set.of(), Optional.empty(), PageRequest.first());
  }

  public MemberQuery withBadges(MemberBadge... only) {
    return new MemberQuery(Set.of(only), roles, origins, text, page);
  }

  public MemberQuery withRoles(RoleId... only) {
    return new MemberQuery(badges, Set.of(only), origins, text, page);
  }

  public MemberQuery withOrigins(MembershipOrigin... only) {
    return new MemberQuery(badges, roles, Set.of(only), text, page);
  }

  public MemberQuery withText(String search) {
    return new MemberQuery(badges, roles, origins, Optional.of(search), page);
  }

  public MemberQuery withPage(PageRequest request) {
    return new MemberQuery(badges, roles, origins, text, request);
  }

  /** Whether the query shows invitations at all (open or expired). */
  public boolean includesInvitations() {
    return badges.contains(MemberBadge.PENDING) || badges.contains(MemberBadge.EXPIRED);
  }
}
