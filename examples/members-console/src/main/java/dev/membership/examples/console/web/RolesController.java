package dev.membership.examples.console.web;

import dev.membership.Memberships;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.RoleId;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountOrganisation;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
public record RolesController(Memberships membership) {

  @GetMapping("/roles")
  String roles(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, Model model) {
    OrganisationId organisation = current.organisation().id();
    model.addAttribute("roles", membership.roles().list(me.id(), organisation));
    model.addAttribute("permissions", Permission.values());
    model.addAttribute("canManageRoles", current.role().allows(Permission.MANAGE_ROLES));
    model.addAttribute("canManageEntitlements", current.role().allows(Permission.MANAGE_ENTITLEMENTS));
    model.addAttribute("entitlements", AccessOption.of(membership.entitlements().usage(me.id(), organisation)));
    return "roles";
  }

  /** Creates a custom role ({@code /roles}) or changes one ({@code /roles/<id>}). */
  @PostMapping({"/roles", "/roles/{id}"})
  @RefusedTo("/roles")
  String save(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current,
      @PathVariable(required = false) String id, @RequestParam String name,
      @RequestParam(required = false) List<Permission> permissions, RedirectAttributes redirect) {
    RoleDefinition definition = new RoleDefinition(name, set(permissions));
    if (id == null) {
      membership.roles().create(me.id(), current.organisation().id(), definition);
      redirect.addFlashAttribute("notice", "The role " + name.strip() + " was created.");
    } else {
      membership.roles().update(me.id(), current.organisation().id(), RoleId.of(id), definition);
      redirect.addFlashAttribute("notice", "The role " + name.strip() + " was changed.");
    }
    return "redirect:/roles";
  }

  /** Deletes a role; its members move to the replacement, if one is chosen. */
  @PostMapping("/roles/{id}/delete")
  @RefusedTo("/roles")
  String delete(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, @PathVariable String id,
      @RequestParam(defaultValue = "") String replacement, RedirectAttributes redirect) {
    OrganisationId organisation = current.organisation().id();
    if (replacement.isBlank()) {
      membership.roles().delete(me.id(), organisation, RoleId.of(id));
    } else {
      membership.roles().delete(me.id(), organisation, RoleId.of(id), RoleId.of(replacement));
    }
    redirect.addFlashAttribute("notice", "The role was deleted.");
    return "redirect:/roles";
  }

  @PostMapping("/entitlements")
  @RefusedTo("/roles")
  String defineEntitlement(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current,
      @RequestParam String key, @RequestParam String name, @RequestParam(required = false) Integer seats,
      RedirectAttributes redirect) {
    membership.entitlements().define(me.id(), current.organisation().id(), new EntitlementDefinition(
        EntitlementKey.of(key.strip()), name, Optional.ofNullable(seats), Optional.empty()));
    redirect.addFlashAttribute("notice", "The organisation now holds " + name.strip() + ".");
    return "redirect:/roles";
  }

  private static Set<Permission> set(List<Permission> permissions) {
    return permissions == null || permissions.isEmpty() ? Set.of() : EnumSet.copyOf(permissions);
  }
}
