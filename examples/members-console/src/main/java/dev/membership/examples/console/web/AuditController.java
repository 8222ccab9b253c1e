package dev.membership.examples.console.web;

import dev.membership.Membership;
import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditEvent;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The organisation's audit log, newest first, a page at a time. */
@Controller
public class AuditController {
  private final Membership membership;
  private final CurrentOrganisation currentOrganisation;
  private final dev.membership.examples.console.ConsoleProperties properties;

  public AuditController(Membership membership, CurrentOrganisation currentOrganisation,
      dev.membership.examples.console.ConsoleProperties properties) {
    this.membership = membership;
    this.currentOrganisation = currentOrganisation;
    this.properties = properties;
  }

  @GetMapping("/audit")
  String audit(@AuthenticationPrincipal SignedInAccount me, HttpSession session,
      @RequestParam(required = false) String after, Model model) {
    var organisation = currentOrganisation.require(me, session).organisation().id();
    Page<AuditEvent> page = membership.audit().list(me.id(), organisation,
        new PageRequest(Optional.ofNullable(after).filter(a -> !a.isBlank()), properties.pageSize()));
    // The log names actors by id only: look each one up once per page.
    Map<AccountId, String> actors = new HashMap<>();
    for (AuditEvent event : page.items()) {
      actors.computeIfAbsent(event.actor(), id -> membership.accounts().find(id)
          .map(Account::displayName).orElse("someone"));
    }
    model.addAttribute("events", page.items());
    model.addAttribute("actors", actors);
    model.addAttribute("nextCursor", page.nextCursor().orElse(null));
    return "audit";
  }
}
