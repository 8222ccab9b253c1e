package dev.membership.spi;

import dev.membership.query.MemberAccess;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import java.util.Objects;
import java.util.Optional;

/**
 * A members page read together with its viewer's access ({@link PageReads#memberPage(
 * dev.membership.domain.AccountId, dev.membership.domain.OrganisationId, dev.membership.query.MemberQuery,
 * java.time.Instant)}): the page may be shown only if the access allows it.
 *
 * @param viewer the viewer's live membership with its organisation, role and credential state, as
 *     {@link MemberStore#findAccess} reads it; empty if the viewer has no live membership there
 * @param page the page, read whatever the access says
 */
public record MemberPageView(Optional<MemberAccess> viewer, Page<MemberRow> page) {
  public MemberPageView {
    Objects.requireNonNull(viewer, "viewer");
    Objects.requireNonNull(page, "page");
  }
}
