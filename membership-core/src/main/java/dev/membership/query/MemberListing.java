package dev.membership.query;

import java.util.Objects;
import java.util.Set;

/**
 * A members-page row with the row-menu actions the viewing account may take on it.
 *
 * @param row the member or pending invitation
 * @param actions what the viewer may do to it (empty for a viewer who only views)
 */
public record MemberListing(MemberRow row, Set<MemberAction> actions) {
  public MemberListing {
    Objects.requireNonNull(row, "row");
    actions = Set.copyOf(actions);
  }

  /** Whether the row menu offers {@code action}. */
  public boolean allows(MemberAction action) {
    return actions.contains(action);
  }
}
