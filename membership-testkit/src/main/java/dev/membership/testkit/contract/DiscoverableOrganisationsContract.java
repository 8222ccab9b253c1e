package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.AuditAction;
import dev.membership.domain.Organisation;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Discoverable organisations: organisation search lists only active organisations
 * that an owner or admin made discoverable (off by default), and needs at least three characters.
 */
public abstract class DiscoverableOrganisationsContract extends StoreContractSupport {

  @Test
  void a_new_organisation_is_not_found_by_search_until_an_admin_makes_it_discoverable() {
    OrganisationFixture acme = kit().organisation("Acme Robotics").withAdmins("ada@acme-robotics.test").create();
    assertThat(membership().organisations().get(acme.owner(), acme.id()).discoverable()).isFalse();
    assertThat(membership().organisations().search("robot", PageRequest.first()).items()).isEmpty();

    Organisation listed = membership().organisations().setDiscoverable(acme.account("ada@acme-robotics.test"), acme.id(), true);

    assertThat(listed.discoverable()).isTrue();
    assertThat(membership().organisations().search("robot", PageRequest.first()).items())
        .extracting(Organisation::name).containsExactly("Acme Robotics");
    membership().organisations().setDiscoverable(acme.owner(), acme.id(), false);
    assertThat(membership().organisations().search("robot", PageRequest.first()).items()).isEmpty();
  }

  @Test
  void changing_discoverability_is_audited_and_setting_it_again_writes_nothing() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    membership().organisations().setDiscoverable(acme.owner(), acme.id(), true);
    membership().organisations().setDiscoverable(acme.owner(), acme.id(), true);

    assertThat(membership().audit().list(acme.owner(), acme.id(), PageRequest.first()).items())
        .filteredOn(e -> e.action() == AuditAction.ORGANISATION_DISCOVERABILITY_CHANGED)
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("discoverable", "true"));
  }

  @Test
  void a_plain_member_may_not_make_the_organisation_discoverable() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();

    assertFailsWith(ErrorCode.PERMISSION_DENIED,
        () -> membership().organisations().setDiscoverable(acme.members().getFirst(), acme.id(), true));

    assertThat(membership().organisations().get(acme.owner(), acme.id()).discoverable()).isFalse();
  }

  @Test
  void a_deleted_discoverable_organisation_is_no_longer_found() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    membership().organisations().setDiscoverable(acme.owner(), acme.id(), true);

    membership().organisations().delete(acme.owner(), acme.id(), "Acme");

    assertThat(membership().organisations().search("acme", PageRequest.first()).items()).isEmpty();
  }

  @Test
  void a_search_shorter_than_three_characters_is_refused_with_its_field() {
    OrganisationFixture acme = kit().organisation("Ab Corp").create();
    membership().organisations().setDiscoverable(acme.owner(), acme.id(), true);

    for (String query : new String[] {"", "a", "ab", "  ab  "}) {
      try {
        membership().organisations().search(query, PageRequest.first());
        Assertions.fail("a search for '" + query + "' was answered");
      } catch (MembershipException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.fields()).singleElement().satisfies(f -> {
          assertThat(f.field()).isEqualTo("text");
          assertThat(f.code()).isEqualTo("too_short");
        });
      }
    }
    assertThat(membership().organisations().search("b c", PageRequest.first()).items()).extracting(Organisation::name)
        .containsExactly("Ab Corp");
  }

  @Test
  void the_store_search_lists_only_discoverable_active_organisations() {
    Organisation hidden = Organisation.create("acme hidden", T0);
    inTx(tx -> tx.organisations().insert(hidden));
    Organisation listed = organisation("acme listed");

    assertThat(tx(tx -> tx.reads().searchOrganisations("acme", PageRequest.first())).items())
        .extracting(Organisation::id).containsExactly(listed.id());
    inTx(tx -> tx.organisations().update(tx.organisations().find(hidden.id()).orElseThrow().withDiscoverable(true)));
    assertThat(find(tx -> tx.organisations().find(hidden.id()))).hasValueSatisfying(o -> assertThat(o.discoverable()).isTrue());
    assertThat(tx(tx -> tx.reads().searchOrganisations("acme", PageRequest.first())).items()).hasSize(2);
  }
}
