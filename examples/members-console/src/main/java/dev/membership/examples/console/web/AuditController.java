package dev.membership.examples.console.web;

import dev.membership.Memberships;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.examples.console.ConsoleProperties;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.AuditEntry;
import dev.membership.query.AuditQuery;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organisation's audit log, newest first, a page at a time, each line with who did it; filtered
 * by action and by member in the library (one call a page), paged both ways from its cursors.
 */
@Controller
public record AuditController(Memberships membership, ConsoleProperties properties) {

  /** A member the log can be filtered by: the account and how the page names it. */
  public record MemberOption(String id, String label) {}

  @GetMapping("/audit")
  String audit(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current,
      @RequestParam(required = false) String after, @RequestParam(required = false) String before,
      @RequestParam(required = false) AuditAction action, @RequestParam(required = false) String member, Model model) {
    var organisation = current.organisation().id();
    Optional<AccountId> who = Optional.ofNullable(member).filter(m -> !m.isBlank()).map(String::strip).map(AccountId::of);
    PageRequest page = before != null && !before.isBlank()
        ? PageRequest.first(properties.pageSize()).before(before)
        : new PageRequest(Optional.ofNullable(after).filter(a -> !a.isBlank()), properties.pageSize());
    AuditQuery query = new AuditQuery(action == null ? Set.of() : Set.of(action), who, page);
    Page<AuditEntry> entries = membership.audit().listWithActors(me.id(), organisation, query);
    model.addAttribute("entries", entries.items());
    model.addAttribute("nextCursor", entries.nextCursor().orElse(null));
    model.addAttribute("previousCursor", entries.previousCursor().orElse(null));
    model.addAttribute("actions", AuditAction.values());
    model.addAttribute("action", action);
    model.addAttribute("member", who.map(AccountId::toString).orElse(null));
    model.addAttribute("members", members(me, organisation));
    model.addAttribute("filtered", action != null || who.isPresent());
    return "audit";
  }

  /** The people to filter by: the organisation's members, the removed included (first 200 by address). */
  private List<MemberOption> members(SignedInAccount me, dev.membership.domain.OrganisationId organisation) {
    MemberQuery everyone = MemberQuery.all().withBadges(MemberBadge.ACTIVE, MemberBadge.CREATED_BY_ADMIN,
        MemberBadge.DEACTIVATED, MemberBadge.REMOVED).withPage(PageRequest.first(PageRequest.MAX_LIMIT));
    return membership.members().list(me.id(), organisation, everyone).items().stream()
        .filter(MemberRow.Member.class::isInstance).map(MemberRow.Member.class::cast)
        .map(m -> new MemberOption(m.account().id().toString(), m.account().displayName() + " <" + m.email().value() + ">"))
        .distinct()
        .toList();
  }
}
