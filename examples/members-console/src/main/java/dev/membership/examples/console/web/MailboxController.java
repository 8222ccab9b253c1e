package dev.membership.examples.console.web;

import dev.membership.examples.console.mail.DevelopmentMailbox;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The development mailbox: every e-mail the outbox delivered, with its links, so a person can follow
 * an invitation end to end without an SMTP server. Empty when the console sends real e-mail. It
 * exists in development mode only (which listens on loopback): anywhere else {@code /dev/mailbox} is
 * not found.
 */
@Controller
@ConditionalOnProperty(name = "console.dev-mode", havingValue = "true")
public record MailboxController(ObjectProvider<DevelopmentMailbox> mailbox) {

  @GetMapping("/dev/mailbox")
  String mailbox(Model model) {
    DevelopmentMailbox box = mailbox.getIfAvailable();
    model.addAttribute("enabled", box != null);
    model.addAttribute("mails", box == null ? List.of() : box.newestFirst());
    return "mailbox";
  }
}
