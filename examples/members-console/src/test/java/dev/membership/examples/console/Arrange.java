package dev.membership.examples.console;

import dev.membership.Memberships;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.Invitation;
import dev.membership.domain.Password;
import dev.membership.domain.OrganisationId;
import dev.membership.examples.console.mail.DevelopmentMailbox;
import dev.membership.spi.MembershipStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** Arranges a scenario's people and organisations through the library, as a host's own code would. */
final class Arrange {
  private Arrange() {}

  /**
   * A fresh organisation of its own, so a scenario's seats and rows are not shared with another's;
   * discoverable in organisation search.
   */
  record Organisation(AccountId owner, String ownerEmail, String ownerPassword, OrganisationId id, String name) {}

  static Organisation organisation(Memberships membership, DevelopmentMailbox mailbox, String prefix) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String email = (prefix + "-owner-" + suffix + "@example.test").toLowerCase(java.util.Locale.ROOT);
    String password = prefix + " owner's long passphrase";
    AccountId owner = account(membership, mailbox, email, prefix + " Owner", password);
    String name = prefix + " " + suffix;
    OrganisationId id = membership.organisations().create(owner, name).id();
    // Discoverable, so that the scenarios that look for it by name in organisation search find it.
    membership.organisations().setDiscoverable(owner, id, true);
    return new Organisation(owner, email, password, id, name);
  }

  /** A person who signed up and confirmed the address with the link the mailbox received. */
  static AccountId account(Memberships membership, DevelopmentMailbox mailbox, String email, String name,
      String password) {
    membership.accounts().register(Registration.of(email, name, password));
    String link = mailbox.newestFirst().stream().filter(mail -> mail.to().equalsIgnoreCase(email.strip()))
        .flatMap(mail -> mail.link().stream()).findFirst()
        .orElseThrow(() -> new AssertionError("no sign-up e-mail to " + email)).getPath();
    return membership.accounts().verifyEmail(link.substring(link.lastIndexOf('/') + 1), Password.of(password)).id();
  }

  static void access(Memberships membership, Organisation organisation, String key, String name, Integer seats) {
    EntitlementDefinition definition = EntitlementDefinition.of(key, name);
    membership.entitlements().define(organisation.owner(), organisation.id(),
        seats == null ? definition : definition.withSeats(seats));
  }

  /**
   * An invitation sent eight days ago, so past its seven-day expiry now: the same store, the library
   * on a clock eight days behind (its e-mail is dropped; nobody could use the link anyway).
   */
  static Invitation expiredInvitation(MembershipStore store, AccountId actor, OrganisationId organisation,
      Invite invite) {
    Memberships eightDaysAgo = Memberships.builder()
        .store(store)
        .clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(-8)))
        .invitationLinks(token -> URI.create("http://localhost/invitations/" + token))
        .build();
    return eightDaysAgo.invitations().invite(actor, organisation, invite);
  }
}
