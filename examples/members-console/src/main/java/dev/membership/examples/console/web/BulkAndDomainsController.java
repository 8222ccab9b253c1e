package dev.membership.examples.console.web;

import dev.membership.BulkInvitationResult;
import dev.membership.Memberships;
import dev.membership.command.BulkInvite;
import dev.membership.command.DomainEnrollment;
import dev.membership.command.Invite;
import dev.membership.domain.DomainId;
import dev.membership.domain.EnrollmentMode;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.MembershipException;
import dev.membership.error.PermissionDeniedException;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountOrganisation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Two pages: "Invite many" (a CSV file or pasted lines, {@code
 * invitations().inviteAll}) and "Domains" (add, verify by the DNS TXT record this host looks up,
 * choose the enrolment mode, remove).
 */
@Controller
public record BulkAndDomainsController(Memberships membership, ErrorMessages errors, DnsTxtRecords dns,
    MessageSource messages) {

  /** The largest CSV file the page reads: 100 lines of long addresses fit easily. */
  private static final long MAX_CSV_BYTES = 64 * 1024;

  /** One line of the results table. */
  public record OutcomeRow(int line, String email, String outcome, boolean invited) {}

  @GetMapping("/invite-many")
  String inviteMany(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, Model model) {
    model.addAttribute("roles", membership.roles().grantableBy(me.id(), current.organisation().id()).toInvite());
    model.addAttribute("limit", 100);
    return "invite-many";
  }

  @PostMapping("/invite-many")
  String inviteManyUpload(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current,
      @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "lines", defaultValue = "") String lines,
      @RequestParam(name = "mode", defaultValue = "EACH_ON_ITS_OWN") BulkInvite.Mode mode,
      @RequestParam(name = "role", defaultValue = "member") String defaultRole, Model model) throws IOException {
    OrganisationId organisation = current.organisation().id();
    var roles = membership.roles().list(me.id(), organisation);
    String text = lines;
    if (file != null && !file.isEmpty()) {
      if (file.getSize() > MAX_CSV_BYTES) {
        model.addAttribute("error", "That file is too large: at most 100 addresses, one per line.");
        return inviteMany(me, current, model);
      }
      text = new String(file.getBytes(), StandardCharsets.UTF_8);
    }
    List<Invite> invites = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String[] cells = line.split("[,;\\t]");
      String email = cells[0].strip().replace("\"", "");
      if (email.isEmpty() || email.equalsIgnoreCase("email")) {
        continue; // blank lines and a header row
      }
      String roleName = cells.length > 1 ? cells[1].strip().replace("\"", "") : "";
      RoleId role = roles.stream().filter(r -> r.name().equalsIgnoreCase(roleName)).map(Role::id).findFirst()
          .orElse(RoleId.of(defaultRole));
      invites.add(new Invite(email, role, Set.of()));
    }
    if (invites.isEmpty()) {
      model.addAttribute("error", "The list names no address.");
      return inviteMany(me, current, model);
    }
    try {
      BulkInvitationResult result = membership.invitations().inviteAll(me.id(), organisation, new BulkInvite(invites, mode));
      List<OutcomeRow> rows = result.outcomes().stream().map(o -> new OutcomeRow(o.index() + 1, o.email(),
          switch (o) {
            case BulkInvitationResult.Invited invited -> "Invited";
            case BulkInvitationResult.Refused refused -> sentence(refused);
            case BulkInvitationResult.Withheld withheld -> "Not sent: another address was refused and the list was all or nothing.";
          }, o instanceof BulkInvitationResult.Invited)).toList();
      model.addAttribute("outcomes", rows);
      model.addAttribute("notice", result.invited().size() + " of " + rows.size() + " invitations sent.");
    } catch (PermissionDeniedException refused) {
      throw refused;
    } catch (MembershipException refused) {
      model.addAttribute("error", errors.sentence(refused));
    }
    return inviteMany(me, current, model);
  }

  @GetMapping("/domains")
  String domains(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, Model model) {
    OrganisationId organisation = current.organisation().id();
    model.addAttribute("domains", membership.domains().list(me.id(), organisation));
    model.addAttribute("roles", membership.roles().grantableBy(me.id(), organisation).toInvite().stream()
        .filter(r -> !r.isOwner()).toList());
    model.addAttribute("modes", EnrollmentMode.values());
    return "domains";
  }

  @PostMapping("/domains")
  @RefusedTo("/domains")
  String addDomain(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, @RequestParam String domain,
      RedirectAttributes redirect) {
    OrganisationId organisation = current.organisation().id();
    membership.domains().add(me.id(), organisation, domain);
    return done(redirect, "Added. Publish its TXT record, then press Verify.");
  }

  @PostMapping("/domains/{id}/verify")
  @RefusedTo("/domains")
  String verify(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, @PathVariable String id,
      RedirectAttributes redirect) {
    OrganisationId organisation = current.organisation().id();
    DomainId domainId = DomainId.of(id);
    // This host looks the record up; the library only compares what was found.
    List<String> found = membership.domains().list(me.id(), organisation).stream()
        .filter(d -> d.id().equals(domainId)).findFirst().map(d -> dns.lookUp(d.txtRecordName())).orElse(List.of());
    membership.domains().verify(me.id(), organisation, domainId, found);
    return done(redirect, "The domain is verified.");
  }

  @PostMapping("/domains/{id}/enrollment")
  @RefusedTo("/domains")
  String enrollment(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, @PathVariable String id,
      @RequestParam EnrollmentMode mode, @RequestParam(defaultValue = "member") String role,
      RedirectAttributes redirect) {
    OrganisationId organisation = current.organisation().id();
    DomainEnrollment chosen = switch (mode) {
      case NONE -> DomainEnrollment.none();
      case SUGGEST -> DomainEnrollment.suggest();
      case AUTOMATIC -> DomainEnrollment.automatic(RoleId.of(role));
    };
    membership.domains().setEnrollment(me.id(), organisation, DomainId.of(id), chosen);
    return done(redirect, "Saved: " + mode.name().toLowerCase(Locale.ROOT) + ".");
  }

  @PostMapping("/domains/{id}/delete")
  @RefusedTo("/domains")
  String remove(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, @PathVariable String id,
      RedirectAttributes redirect) {
    OrganisationId organisation = current.organisation().id();
    membership.domains().remove(me.id(), organisation, DomainId.of(id));
    return done(redirect, "The domain was removed.");
  }

  /** A refused address's sentence: its field's, or its code's. */
  private String sentence(BulkInvitationResult.Refused refused) {
    Locale locale = LocaleContextHolder.getLocale();
    if (refused.code() == ErrorCode.INVALID_INPUT && !refused.fields().isEmpty()) {
      FieldViolation field = refused.fields().get(0);
      String text = messages.getMessage("violation." + field.code(), null, field.message(), locale);
      return "The address " + text + (text.endsWith(".") ? "" : ".");
    }
    return messages.getMessage("error." + refused.code().name(), null, refused.message(), locale);
  }

  /** Back to the domains page with a sentence; a refusal goes there too ({@link RefusedTo}). */
  private static String done(RedirectAttributes redirect, String notice) {
    redirect.addFlashAttribute("notice", notice);
    return "redirect:/domains";
  }
}
