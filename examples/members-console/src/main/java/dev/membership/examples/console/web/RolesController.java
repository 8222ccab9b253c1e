package dev.membership.examples.console.web;

import dev.membership.Memberships;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.RoleId;
import dev.membership.error.MembershipException;
import dev.membership.error.PermissionDeniedException;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountOrganisation;
import jakarta.servlet.http.HttpSession;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The roles page: built-in and custom roles with their permissions; and the organisation's application access. */
@Controller
public class RolesController {
  private final Memberships membership;
  private final CurrentOrganisation currentOrganisation;
  private final ErrorMessages errors;

  public RolesController(Memberships membership, CurrentOrganisation currentOrganisation, ErrorMessages errors) {
    this.membership = membership;
    this.currentOrganisation = currentOrganisation;
    this.errors = errors;
  }

  @GetMapping("/roles")
  String roles(@AuthenticationPrincipal SignedInAccount me, HttpSession session, Model model) {
    AccountOrganisation current = currentOrganisation.require(me, session);
    OrganisationId organisation = current.organisation().id();
    model.addAttribute("roles", membership.roles().list(me.id(), organisation));
    model.addAttribute("permissions", Permission.values());
    model.addAttribute("canManageRoles", current.role().allows(Permission.MANAGE_ROLES));
    model.addAttribute("canManageEntitlements", current.role().allows(Permission.MANAGE_ENTITLEMENTS));
    model.addAttribute("entitlements", AccessOption.of(membership.entitlements().usage(me.id(), organisation)));
    return "roles";
  }

  @PostMapping("/roles")
  String create(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @RequestParam String name,
      @RequestParam(required = false) List<Permission> permissions, RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    return act(redirect, "The role " + name.strip() + " was created.",
        () -> membership.roles().create(me.id(), organisation, new RoleDefinition(name, set(permissions))));
  }

  @PostMapping("/roles/{id}")
  String update(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      @RequestParam String name, @RequestParam(required = false) List<Permission> permissions,
      RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    return act(redirect, "The role " + name.strip() + " was changed.",
        () -> membership.roles().update(me.id(), organisation, RoleId.of(id), new RoleDefinition(name, set(permissions))));
  }

  @PostMapping("/roles/{id}/delete")
  String delete(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      @RequestParam(defaultValue = "") String replacement, RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    return act(redirect, "The role was deleted.", () -> replacement.isBlank()
        ? runAndReturn(() -> membership.roles().delete(me.id(), organisation, RoleId.of(id)))
        : membership.roles().delete(me.id(), organisation, RoleId.of(id), RoleId.of(replacement)));
  }

  @PostMapping("/entitlements")
  String defineEntitlement(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @RequestParam String key,
      @RequestParam String name, @RequestParam(required = false) Integer seats, RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    return act(redirect, "The organisation now holds " + name.strip() + ".", () -> membership.entitlements()
        .define(me.id(), organisation, new EntitlementDefinition(EntitlementKey.of(key.strip()), name,
            Optional.ofNullable(seats), Optional.empty())));
  }

  private String act(RedirectAttributes redirect, String done, Supplier<?> action) {
    try {
      action.get();
      redirect.addFlashAttribute("notice", done);
    } catch (PermissionDeniedException refused) {
      throw refused;
    } catch (MembershipException refused) {
      redirect.addFlashAttribute("error", errors.sentence(refused));
    }
    return "redirect:/roles";
  }

  private static Object runAndReturn(Runnable runnable) {
    runnable.run();
    return Boolean.TRUE;
  }

  private static Set<Permission> set(List<Permission> permissions) {
    return permissions == null || permissions.isEmpty() ? Set.of() : EnumSet.copyOf(permissions);
  }
}
