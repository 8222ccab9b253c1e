package dev.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Role names compare ignoring case and look-alike characters (ICU4J skeletons, UTS #39). */
class RoleNameKeysTest {

  @Test
  void each_key_is_sixty_four_hex_digits_however_long_the_name() {
    for (String name : List.of("A", "\u0130".repeat(100), "m".repeat(100), "\ufdfa".repeat(100))) {
      RoleNameKeys keys = RoleNameKeys.of(name);
      assertThat(keys.caseless()).hasSize(RoleNameKeys.LENGTH).matches("[0-9a-f]+");
      assertThat(keys.lookalike()).hasSize(RoleNameKeys.LENGTH).matches("[0-9a-f]+");
    }
  }

  @Test
  void names_that_pass_for_owner_admin_or_member_are_built_in_names() {
    for (String name : List.of("Owner", "owner", "OWNER", "\u041ewner", "\u043ewner", "0wner", "0WNER", "\u039fwner",
        "\uff2fwner", "Admin", "ADMIN", "AdmIn", "ADMlN", "Member", "MEMBER",
        "\u041cember", "Mernber", "\u217fember" /* Roman numeral one thousand */)) {
      assertThat(Role.isBuiltInName(name)).as(name).isTrue();
    }
  }

  @Test
  void other_names_are_not_built_in_names() {
    for (String name : List.of("Owners", "Co-owner", "Administrator", "Members", "Billing", "Own", "Adm", "\u00d6wner")) {
      assertThat(Role.isBuiltInName(name)).as(name).isFalse();
    }
  }

  @Test
  void look_alike_custom_names_collide_and_different_ones_do_not() {
    RoleNameKeys billing = RoleNameKeys.of("Billing");

    assertThat(RoleNameKeys.of("\u0412illing").collidesWith(billing)).as("Cyrillic VE").isTrue();
    assertThat(RoleNameKeys.of("BiIIing").collidesWith(billing)).as("capital I for l").isTrue();
    assertThat(RoleNameKeys.of("BILLING").collidesWith(billing)).as("capitals").isTrue();
    assertThat(RoleNameKeys.of("Bi\u0142ling").collidesWith(billing)).as("l with stroke").isFalse();
    assertThat(RoleNameKeys.of("Billings").collidesWith(billing)).isFalse();
    assertThat(RoleNameKeys.of("Support").collidesWith(billing)).isFalse();
  }

  @Test
  void a_name_and_its_decomposed_spelling_have_the_same_keys() {
    assertThat(RoleNameKeys.of("Caf\u00e9")).isEqualTo(RoleNameKeys.of("Cafe\u0301"));
  }
}
