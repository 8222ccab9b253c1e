package dev.membership.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.command.EntitlementDefinition;
import dev.membership.error.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** End dates every store keeps exactly, so the in-memory and SQL stores answer alike. */
@ExtendWith(MembershipExtension.class)
class EntitlementEndDateTest {

  @Test
  void an_end_date_past_2261_or_before_1970_is_a_typing_mistake_refused_with_the_field(TestMembership kit) {
    var acme = kit.organisation("Acme").create();

    for (String end : new String[] {"2262-01-01T00:00:00Z", "1969-12-31T23:59:59Z"}) {
      assertThatThrownBy(() -> kit.membership().entitlements().define(acme.owner(), acme.id(),
              EntitlementDefinition.of("crm", "CRM").until(Instant.parse(end))))
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.fields()).extracting(f -> f.field() + ":" + f.code()).containsExactly("validUntil:out_of_range"));
    }
    assertThat(kit.membership().entitlements().define(acme.owner(), acme.id(),
        EntitlementDefinition.of("crm", "CRM").until(Instant.parse("2261-06-30T00:00:00Z"))).validUntil()).isPresent();
  }
}
