package dev.membership.examples.console.web;

import dev.membership.Membership;
import dev.membership.examples.console.ConsoleProperties;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AuditEntry;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The organisation's audit log, newest first, a page at a time, each line with who did it. */
@Controller
public class AuditController {
  private final Membership membership;
  private final CurrentOrganisation currentOrganisation;
  private final ConsoleProperties properties;

  public AuditController(Membership membership, CurrentOrganisation currentOrganisation, ConsoleProperties properties) {
    this.membership = membership;
    this.currentOrganisation = currentOrganisation;
    this.properties = properties;
  }

  @GetMapping("/audit")
  String audit(@AuthenticationPrincipal SignedInAccount me, HttpSession session,
      @RequestParam(required = false) String after, Model model) {
    var organisation = currentOrganisation.require(me, session).organisation().id();
    // The events with their actors' names, in one library call whatever the page size.
    Page<AuditEntry> page = membership.audit().listWithActors(me.id(), organisation,
        new PageRequest(Optional.ofNullable(after).filter(a -> !a.isBlank()), properties.pageSize()));
    model.addAttribute("entries", page.items());
    model.addAttribute("nextCursor", page.nextCursor().orElse(null));
    return "audit";
  }
}
