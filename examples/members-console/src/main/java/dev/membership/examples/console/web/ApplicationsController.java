package dev.membership.examples.console.web;

import dev.membership.Memberships;
import dev.membership.domain.Application;
import dev.membership.domain.ClientPolicy;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.error.InvalidInputException;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.ClientWarning;
import dev.membership.query.PageRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The applications page: the organisation's application access with its end dates and an
 * "Extend" control for whoever manages entitlements, the deployment's minimum client versions, and
 * the members whose last-seen client the next policy will refuse, to warn before the date.
 */
@Controller
public record ApplicationsController(Memberships membership) {

  /**
   * One row of the page.
   *
   * @param key the entitlement key
   * @param name its name
   * @param ends its end in words; empty for none
   * @param ended whether it has ended
   * @param endDay its end as yyyy-mm-dd, for the date field; empty for none
   * @param policyNow the minimum client versions that apply now; empty for none
   * @param nextPolicy the next scheduled minimums and their date; empty for none
   * @param toWarn members whose last-seen client the next policy refuses (first page)
   */
  public record ApplicationRow(String key, String name, String ends, boolean ended, String endDay, String policyNow,
      String nextPolicy, List<ClientWarning> toWarn) {}

  @GetMapping("/applications")
  String applications(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, Model model) {
    OrganisationId organisation = current.organisation().id();
    Instant now = Instant.now();
    Map<EntitlementKey, Application> catalogue = membership.applications().list().stream()
        .collect(Collectors.toMap(Application::key, Function.identity()));
    List<ApplicationRow> rows = membership.entitlements().list(me.id(), organisation).stream()
        .map(e -> row(me, organisation, e, Optional.ofNullable(catalogue.get(e.key())), now))
        .toList();
    model.addAttribute("applications", rows);
    model.addAttribute("canManageEntitlements", current.role().allows(Permission.MANAGE_ENTITLEMENTS));
    return "applications";
  }

  private ApplicationRow row(SignedInAccount me, OrganisationId organisation, Entitlement e,
      Optional<Application> application, Instant now) {
    Optional<ClientPolicy> policyNow = application.flatMap(a -> a.policyAt(now));
    Optional<ClientPolicy> next = application.flatMap(a -> a.nextPolicyAfter(now));
    List<ClientWarning> toWarn = next.isEmpty() ? List.of() : membership.applications()
        .clientsToWarn(me.id(), organisation, e.key(), PageRequest.first()).items();
    return new ApplicationRow(e.key().value(), e.name(),
        e.validUntil().map(Dates::moment).orElse(""), !e.isValidAt(now),
        e.validUntil().map(end -> end.atZone(ZoneOffset.UTC).toLocalDate().toString()).orElse(""),
        policyNow.map(ApplicationsController::minimums).orElse(""),
        next.map(p -> minimums(p) + " from " + Dates.moment(p.effectiveFrom())).orElse(""),
        toWarn);
  }

  private static String minimums(ClientPolicy policy) {
    return "at least " + policy.minimums().stream().map(ClientVersion::toString).collect(Collectors.joining(" or "));
  }

  @PostMapping("/applications/{key}/extend")
  @RefusedTo("/applications")
  String extend(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, @PathVariable String key,
      @RequestParam String until, RedirectAttributes redirect) {
    Instant end = day(until);
    Entitlement extended = membership.entitlements()
        .extend(me.id(), current.organisation().id(), EntitlementKey.of(key), end);
    redirect.addFlashAttribute("notice", extended.name() + " now ends on " + Dates.moment(end) + ".");
    return "redirect:/applications";
  }

  /** The start of the day typed (yyyy-mm-dd, as a date field sends it), in UTC. */
  private static Instant day(String text) {
    try {
      return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notADay) {
      throw InvalidInputException.of("validUntil", "not_a_day", "must be a day such as 2026-03-30");
    }
  }
}
