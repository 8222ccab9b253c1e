package dev.membership.examples.console.web;

import dev.membership.Memberships;
import dev.membership.examples.console.ConsoleProperties;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.AuditEntry;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.domain.AuditAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The organisation's audit log, newest first, a page at a time, each line with who did it. */
@Controller
public record AuditController(Memberships membership, ConsoleProperties properties) {

  @GetMapping("/audit")
  String audit(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current,
      @RequestParam(required = false) String after, @RequestParam(required = false) AuditAction action,
      @RequestParam(required = false) String member, Model model) {
    var organisation = current.organisation().id();
    String who = member == null ? "" : member.strip().toLowerCase(Locale.ROOT);
    boolean filtered = action != null || !who.isEmpty();
    // The events with their actors' names, one library call a page. The library's audit query filters
    // nothing, so a filter reads on through at most SCANNED pages for a page of matches.
    Optional<String> cursor = Optional.ofNullable(after).filter(a -> !a.isBlank());
    List<AuditEntry> entries = new ArrayList<>();
    int read = 0;
    int scanned = 0;
    do {
      Page<AuditEntry> page = membership.audit().listWithActors(me.id(), organisation,
          new PageRequest(cursor, properties.pageSize()));
      scanned++;
      read += page.items().size();
      page.items().stream().filter(e -> matches(e, action, who)).forEach(entries::add);
      cursor = page.nextCursor();
    } while (filtered && cursor.isPresent() && entries.size() < properties.pageSize() && scanned < SCANNED);
    model.addAttribute("entries", entries);
    model.addAttribute("nextCursor", cursor.orElse(null));
    model.addAttribute("actions", AuditAction.values());
    model.addAttribute("action", action);
    model.addAttribute("member", member);
    model.addAttribute("filtered", filtered);
    model.addAttribute("read", read);
    return "audit";
  }

  private static final int SCANNED = 10;

  /** The action chosen, and the member typed: the actor's or the subject's name or address contains it. */
  private static boolean matches(AuditEntry entry, AuditAction action, String who) {
    if (action != null && entry.event().action() != action) {
      return false;
    }
    return who.isEmpty()
        || entry.actor().email().value().toLowerCase(Locale.ROOT).contains(who)
        || entry.actor().displayName().toLowerCase(Locale.ROOT).contains(who)
        || entry.event().subject().toLowerCase(Locale.ROOT).contains(who);
  }
}
