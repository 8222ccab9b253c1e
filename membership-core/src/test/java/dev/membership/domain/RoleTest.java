package dev.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.error.InvalidInputException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {
  private static final OrganisationId ACME = OrganisationId.random();

  @Test
  void the_owner_holds_every_permission() {
    assertThat(Role.OWNER.permissions()).containsExactlyInAnyOrder(Permission.values());
    assertThat(Role.OWNER.isOwner()).isTrue();
  }

  @Test
  void an_admin_holds_every_permission_but_deleting_the_organisation() {
    assertThat(Role.ADMIN.permissions())
        .isEqualTo(EnumSet.complementOf(EnumSet.of(Permission.DELETE_ORGANISATION)))
        .doesNotContain(Permission.DELETE_ORGANISATION);
    assertThat(Role.ADMIN.isOwner()).isFalse();
  }

  @Test
  void a_member_may_only_view_members() {
    assertThat(Role.MEMBER.permissions()).containsExactly(Permission.VIEW_MEMBERS);
    assertThat(Role.MEMBER.allows(Permission.VIEW_MEMBERS)).isTrue();
    assertThat(Role.MEMBER.allows(Permission.MANAGE_MEMBERS)).isFalse();
  }

  @Test
  void owners_and_admins_are_administrators_members_are_not() {
    assertThat(Role.OWNER.isAdministrator()).isTrue();
    assertThat(Role.ADMIN.isAdministrator()).isTrue();
    assertThat(Role.MEMBER.isAdministrator()).isFalse();
  }

  @Test
  void a_custom_role_that_manages_members_counts_as_an_administrator() {
    assertThat(Role.custom(ACME, "Team lead", Set.of(Permission.VIEW_MEMBERS, Permission.MANAGE_MEMBERS)).isAdministrator())
        .isTrue();
    assertThat(Role.custom(ACME, "Auditor", Set.of(Permission.VIEW_AUDIT_LOG)).isAdministrator()).isFalse();
  }

  @Test
  void the_built_in_roles_are_found_by_id_and_have_no_organisation() {
    assertThat(Role.builtIn(RoleId.of("owner"))).contains(Role.OWNER);
    assertThat(Role.builtIn(RoleId.of("admin"))).contains(Role.ADMIN);
    assertThat(Role.builtIn(RoleId.of("member"))).contains(Role.MEMBER);
    assertThat(Role.BUILT_IN).containsExactly(Role.OWNER, Role.ADMIN, Role.MEMBER);
    assertThat(Role.BUILT_IN).allSatisfy(r -> {
      assertThat(r.isBuiltIn()).isTrue();
      assertThat(r.organisationId()).isEmpty();
    });
  }

  @Test
  void a_custom_role_belongs_to_its_organisation_and_is_no_built_in() {
    Role custom = Role.custom(ACME, "Billing", Set.of(Permission.VIEW_MEMBERS));

    assertThat(custom.isBuiltIn()).isFalse();
    assertThat(custom.organisationId()).contains(ACME);
    assertThat(custom.id().value()).startsWith("role-");
    assertThat(Role.builtIn(custom.id())).isEmpty();
  }

  @Test
  void the_owner_covers_every_role_including_the_owner() {
    assertThat(Role.OWNER.covers(Role.OWNER)).isTrue();
    assertThat(Role.OWNER.covers(Role.ADMIN)).isTrue();
    assertThat(Role.OWNER.covers(Role.MEMBER)).isTrue();
  }

  @Test
  void an_admin_does_not_cover_the_owner_but_covers_itself_and_members() {
    assertThat(Role.ADMIN.covers(Role.OWNER)).isFalse();
    assertThat(Role.ADMIN.covers(Role.ADMIN)).isTrue();
    assertThat(Role.ADMIN.covers(Role.MEMBER)).isTrue();
  }

  @Test
  void a_member_covers_only_roles_with_no_more_than_viewing() {
    assertThat(Role.MEMBER.covers(Role.ADMIN)).isFalse();
    assertThat(Role.MEMBER.covers(Role.custom(ACME, "Viewer", Set.of(Permission.VIEW_MEMBERS)))).isTrue();
    assertThat(Role.MEMBER.covers(Role.custom(ACME, "Nothing", Set.of()))).isTrue();
  }

  @Test
  void a_custom_role_with_every_permission_still_does_not_cover_the_owner() {
    Role allButOwner = Role.custom(ACME, "Everything", EnumSet.allOf(Permission.class));

    assertThat(allButOwner.covers(Role.ADMIN)).isTrue();
    assertThat(allButOwner.covers(Role.OWNER)).isFalse();
    assertThat(allButOwner.isOwner()).isFalse();
  }

  @Test
  void a_role_keeps_its_own_copy_of_the_permissions() {
    Set<Permission> given = new HashSet<>(Set.of(Permission.VIEW_MEMBERS));
    Role role = Role.custom(ACME, "Viewer", given);

    given.add(Permission.DELETE_ORGANISATION);

    assertThat(role.permissions()).containsExactly(Permission.VIEW_MEMBERS);
    assertThatThrownBy(() -> role.permissions().add(Permission.MANAGE_MEMBERS)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void a_custom_role_can_be_redefined_but_a_built_in_one_cannot() {
    Role custom = Role.custom(ACME, "Billing", Set.of(Permission.VIEW_MEMBERS));

    Role redefined = custom.withDefinition("Finance", Set.of(Permission.VIEW_AUDIT_LOG));

    assertThat(redefined.id()).isEqualTo(custom.id());
    assertThat(redefined.name()).isEqualTo("Finance");
    assertThat(redefined.permissions()).containsExactly(Permission.VIEW_AUDIT_LOG);
    assertThatThrownBy(() -> Role.ADMIN.withDefinition("Super admin", EnumSet.allOf(Permission.class)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_role_id_is_a_built_in_name_or_role_dash_uuid_and_nothing_else() {
    assertThat(RoleId.of("owner").isBuiltIn()).isTrue();
    assertThat(RoleId.newCustom().isBuiltIn()).isFalse();
    for (String bad : new String[] {"superuser", "OWNER", "role-'; drop table roles; --"}) {
      assertThatThrownBy(() -> RoleId.of(bad))
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.fields()).extracting(f -> f.field() + ":" + f.code()).containsExactly("role:malformed"));
      assertThatThrownBy(() -> new RoleId(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void a_custom_role_id_is_role_dash_36_lower_hex_or_dash_characters_and_nothing_near_it() {
    RoleId custom = RoleId.newCustom();
    assertThat(RoleId.of(custom.value())).isEqualTo(custom);
    assertThat(RoleId.of("role-" + "0".repeat(36)).isBuiltIn()).isFalse();
    String uuid = "0189f7e2-3b4c-7d5e-8f60-a1b2c3d4e5f6";
    assertThat(RoleId.of("role-" + uuid).value()).isEqualTo("role-" + uuid);
    for (String bad : new String[] {"role-" + uuid.toUpperCase(java.util.Locale.ROOT), "role-" + uuid.substring(1),
        "role-" + uuid + "0", "Role-" + uuid, "role_" + uuid, "role-" + uuid.replace('-', 'g'), "owner ", " admin",
        "members", "", "role-"}) {
      assertThatThrownBy(() -> RoleId.of(bad))
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.fields()).extracting(f -> f.field() + ":" + f.code()).containsExactly("role:malformed"));
    }
  }

  @Test
  void an_identifier_from_a_url_that_is_not_one_is_invalid_input_not_a_crash() {
    assertThatThrownBy(() -> MembershipId.of("not-a-uuid"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.fields()).extracting(f -> f.field() + ":" + f.code()).containsExactly("id:malformed"));
    assertThat(MembershipId.of(MembershipId.random().toString())).isNotNull();
  }

  @Test
  void a_built_in_role_id_with_an_organisation_or_a_custom_one_without_cannot_be_built() {
    assertThatThrownBy(() -> new Role(Role.OWNER.id(), Optional.of(ACME), "Owner", Set.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Role(RoleId.newCustom(), Optional.empty(), "Stray", Set.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
