package dev.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void ids_are_version_7_uuids_of_the_standard_variant() {
    UUID id = Ids.newUuid();
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void ids_made_later_in_this_jvm_always_sort_after_earlier_ones_even_within_one_millisecond() {
    List<AccountId> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      ids.add(AccountId.random());
    }
    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
    }
    assertThat(new HashSet<>(ids)).hasSize(ids.size());
  }

  @Test
  void an_id_parses_back_from_its_printed_form() {
    MembershipId id = MembershipId.random();
    assertThat(MembershipId.of(id.toString())).isEqualTo(id);
    OrganisationId org = OrganisationId.random();
    assertThat(OrganisationId.of(org.toString())).isEqualTo(org);
  }
}
