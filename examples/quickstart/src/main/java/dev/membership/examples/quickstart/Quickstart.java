package dev.membership.examples.quickstart;

import dev.membership.Memberships;
import dev.membership.SignInResult;
import dev.membership.command.EntitlementDefinition;
import dev.membership.BulkInvitationResult;
import dev.membership.command.BulkInvite;
import dev.membership.command.DomainEnrollment;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Notification;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.SessionsToEnd;
import dev.membership.error.MembershipException;
import dev.membership.query.AuditQuery;
import dev.membership.query.MemberCounts;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.PageRequest;
import dev.membership.spi.MembershipStore;
import dev.membership.domain.EmailAddress;
import dev.membership.jooq.MembershipDatabase;
import java.io.PrintStream;
import dev.membership.domain.ClientPolicy;
import dev.membership.domain.ClientVersion;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Walks through every flow of the library and prints each step as a person would read it: an
 * organisation is created, a colleague is invited by e-mail and sets her own password, an account is
 * created directly with a temporary password, a join request is approved and another denied, a member
 * is deactivated and reactivated, and the audit log tells the story.
 *
 * <p>Runs on an embedded H2 database in {@code target/quickstart/} (made afresh each run), or on
 * PostgreSQL or MariaDB given a JDBC URL: {@code Quickstart jdbc:postgresql://127.0.0.1:5432/test
 * postgres ""} (the database must not hold the walk-through's accounts yet). E-mails are printed
 * instead of sent.
 */
public final class Quickstart {
  private static final PrintStream OUT = System.out;

  private Quickstart() {}

  public static void main(String[] args) throws Exception {
    // Keep the walk-through readable: libraries speak up only for warnings.
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.setLevel(java.util.logging.Level.WARNING);
    for (var handler : root.getHandlers()) {
      handler.setLevel(java.util.logging.Level.WARNING);
    }
    try (MembershipDatabase database = open(args)) {
      OUT.println("Memberships quickstart on " + database);
      if (database.store().inTransaction(tx -> tx.accounts().findByEmail(EmailAddress.of("olivia@acme.test"))).isPresent()) {
        OUT.println("This database holds the walk-through already: give the quickstart an empty one.");
        System.exit(2);
      }
      run(database.store());
    }
  }

  private static MembershipDatabase open(String[] args) throws java.io.IOException {
    if (args.length > 0) {
      return MembershipDatabase.connect(args[0], args.length > 1 ? args[1] : "", args.length > 2 ? args[2] : "");
    }
    Path folder = Path.of(System.getProperty("membership.quickstart.dir", "target/quickstart"));
    if (Files.exists(folder)) {
      try (var files = Files.walk(folder)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    return MembershipDatabase.h2File(folder.resolve("membership"));
  }

  /** Runs the walk-through on a store; returns the organisation it created. */
  public static OrganisationId run(MembershipStore store) {
    Mailbox mailbox = new Mailbox();
    Memberships[] library = new Memberships[1];
    Memberships membership = Memberships.builder()
        .store(store)
        .notifications(mailbox)
        .invitationLinks(token -> URI.create("https://app.example/invitations/" + token))
        .emailVerificationLinks(token -> URI.create("https://app.example/verify/" + token))
        // A host ends sessions here; the walk-through says which.
        .listener(event -> event.sessionsToEnd().ifPresent(end -> say("[host] " + describe(library[0], end))))
        .build();
    library[0] = membership;

    step("Olivia signs up, confirms her address and creates her organisation");
    // The second argument is the client key, the client's address as the host's server sees it:
    // sign-ups are throttled by source, as sign-ins are.
    membership.accounts().register(Registration.of("olivia@acme.test", "Olivia Owner", "olivia's long passphrase"),
        "203.0.113.10");
    say("No account yet: signing in answers " + membership.accounts().signIn("olivia@acme.test",
        Password.of("olivia's long passphrase")) + " until she follows the link e-mailed to her.");
    AccountId olivia = membership.accounts()
        .verifyEmail(mailbox.lastToken(), Password.of("olivia's long passphrase"))
        .id();
    say("She follows it and types her password again: her account exists now.");
    membership.accounts().register(Registration.of("olivia@acme.test", "Mallory", "mallory's long passphrase"));
    say("Someone signs up with her address again: the same answer, and Olivia is told instead of sent a link.");
    OrganisationId acme = membership.organisations().create(olivia, "Acme").id();
    say("Organisation \"Acme\" created; Olivia is its Owner.");
    membership.entitlements().define(olivia, acme, EntitlementDefinition.of("analytics", "Analytics").withSeats(5));
    say("Acme holds \"Analytics\" with 5 seats.");

    step("Olivia invites Ana as an Admin with access to Analytics");
    membership.invitations().invite(olivia, acme, Invite.of("Ana@Acme.test ", Role.ADMIN).withAccess("analytics"));
    String anaLink = mailbox.lastLink();
    String anaToken = anaLink.substring(anaLink.lastIndexOf('/') + 1);
    var preview = membership.invitations().preview(anaToken).orElseThrow();
    say("Ana opens the link: \"" + preview.inviterName() + " invited you to join " + preview.organisationName()
        + " as " + preview.roleName() + "\" (" + preview.status() + ", expires " + preview.expiresAt() + ")");
    var ana = membership.invitations()
        .acceptAsNewAccount(anaToken, NewMemberDetails.of("Ana Admin", "ana's own long passphrase"));
    say("Ana chose her own password (nobody else ever sees it) and is now "
        + ana.membership().status() + " in Acme.");
    say("Can Ana manage members? " + membership.access().has(ana.account().id(), acme, Permission.MANAGE_MEMBERS));

    step("Ana creates an account for Bo directly, with a generated password");
    var bo = membership.members().createDirectly(ana.account().id(), acme,
        NewAccount.generatedPassword("bo@acme.test", "Bo Builder", Role.MEMBER));
    say("Temporary password for Bo, shown this once: " + bo.temporaryPassword().reveal());
    say("(The library keeps only its Argon2id hash; printing the result shows " + bo.temporaryPassword() + ".)");
    // The host passes the client's address as the throttle's source (here one from the documentation range).
    String client = "203.0.113.7";
    SignInResult first = membership.accounts().signIn("bo@acme.test", bo.temporaryPassword(), client);
    say("Bo signs in with it: " + first.getClass().getSimpleName());
    membership.accounts().changePassword(bo.account().id(), bo.temporaryPassword(), Password.of("bo's brand new passphrase"));
    say("Bo chose his own password; signing in now: "
        + membership.accounts().signIn("bo@acme.test", Password.of("bo's brand new passphrase"), client)
            .getClass().getSimpleName());
    say("Signing in with a wrong password or an unknown address answers the same: "
        + membership.accounts().signIn("bo@acme.test", Password.of("not the right passphrase"), client) + " / "
        + membership.accounts().signIn("nobody@acme.test", Password.of("not the right passphrase"), client));

    step("Olivia makes Acme discoverable; Carla finds it by three letters of its name");
    AccountId carla = signUp(membership, mailbox, "carla@example.test", "Carla Contractor", "carla's long passphrase");
    say("Before: " + membership.organisations().search("acm", PageRequest.first()).items().size() + " found");
    membership.organisations().setDiscoverable(olivia, acme, true);
    say("After: " + membership.organisations().search("acm", PageRequest.first()).items().stream()
        .map(o -> o.name()).toList());
    try {
      membership.organisations().search("ac", PageRequest.first());
    } catch (MembershipException refused) {
      say("Two letters: refused with " + refused.code() + " on " + refused.fields().getFirst().field()
          + " (" + refused.fields().getFirst().code() + ")");
    }

    step("Carla asks to join; Ana approves. Dan asks too; Olivia denies.");
    var carlaRequest = membership.joinRequests().request(carla, acme, Optional.of("I'm the new designer."));
    membership.joinRequests().approve(ana.account().id(), acme, carlaRequest.id());
    String carlaLink = mailbox.lastLink();
    membership.invitations().accept(carla, carlaLink.substring(carlaLink.lastIndexOf('/') + 1));
    say("Carla accepted the invitation that the approval sent her.");
    AccountId dan = signUp(membership, mailbox, "dan@example.test", "Dan Doe", "dan's long passphrase");
    var danRequest = membership.joinRequests().request(dan, acme, Optional.empty());
    membership.joinRequests().deny(olivia, acme, danRequest.id());
    say("Dan's request was denied: nothing else changed and nobody was e-mailed.");

    step("Olivia invites Eve, who has not answered yet");
    membership.invitations().invite(olivia, acme, Invite.of("eve@example.test", Role.MEMBER));

    step("Olivia invites a team from a CSV file: each address gets its own outcome");
    // One call for the whole list (at most MembershipPolicy.bulkInvitationLimit(), 100 by default);
    // EACH_ON_ITS_OWN writes each in its own transaction, ALL_OR_NOTHING writes none if one is refused.
    BulkInvitationResult bulk = membership.invitations().inviteAll(olivia, acme, BulkInvite.each(List.of(
        Invite.of("fay@example.test", Role.MEMBER), Invite.of("gus@example.test", Role.MEMBER),
        Invite.of("ana@acme.test", Role.MEMBER), Invite.of("not an address", Role.MEMBER))));
    for (BulkInvitationResult.Outcome outcome : bulk.outcomes()) {
      say(String.format("%-18s %s", outcome.email(), switch (outcome) {
        case BulkInvitationResult.Invited invited -> "invited";
        case BulkInvitationResult.Refused refused -> "refused: " + refused.code()
            + (refused.fields().isEmpty() ? "" : " on " + refused.fields().get(0).field());
        case BulkInvitationResult.Withheld withheld -> "not sent (all or nothing)";
      }));
    }

    step("Acme proves it owns acme.test; colleagues with an acme.test address join by themselves");
    OrganisationDomain domain = membership.domains().add(olivia, acme, "Acme.TEST");
    say("Olivia publishes the DNS TXT record " + domain.txtRecordName() + " = \"" + domain.txtRecordValue() + "\"");
    // The host looks the record up (the library does no network I/O) and passes what it found.
    List<String> found = List.of("v=spf1 -all", domain.txtRecordValue());
    domain = membership.domains().verify(olivia, acme, domain.id(), found);
    say("The host found it: " + domain.name() + " is " + domain.status() + " by " + domain.verifiedBy().orElseThrow());
    membership.domains().setEnrollment(olivia, acme, domain.id(), DomainEnrollment.automatic(Role.MEMBER.id()));
    AccountId hal = signUp(membership, mailbox, "hal@acme.test", "Hal Helper", "hal's long passphrase");
    // The host calls enrol once the address is proved (and may at every sign-in).
    membership.domains().enrol(hal).ifPresent(joined ->
        say("Hal signed up with hal@acme.test and joined Acme automatically as a Member (origin "
            + joined.origin() + ")."));
    try {
      membership.domains().add(olivia, acme, "gmail.com");
    } catch (MembershipException refused) {
      say("gmail.com is refused: " + refused.fields().get(0).code());
    }

    step("The members page");
    printMembers(membership, olivia, acme);

    step("Bo is deactivated, then reactivated");
    var boMembership = bo.membership().id();
    membership.members().grantAccess(ana.account().id(), acme, boMembership, EntitlementKey.of("analytics"));
    membership.members().deactivate(olivia, acme, boMembership);
    say("Deactivated. Can Bo view members? " + membership.access().has(bo.account().id(), acme, Permission.VIEW_MEMBERS)
        + ". Analytics? " + membership.access().hasEntitlement(bo.account().id(), acme, EntitlementKey.of("analytics")));
    membership.members().reactivate(olivia, acme, boMembership);
    say("Reactivated. Can Bo view members? " + membership.access().has(bo.account().id(), acme, Permission.VIEW_MEMBERS)
        + ". Analytics? " + membership.access().hasEntitlement(bo.account().id(), acme, EntitlementKey.of("analytics")));

    step("Rules hold: Ana (an Admin) tries to remove Olivia, the only Owner");
    try {
      membership.members().remove(ana.account().id(), acme, membership.members().find(olivia, acme, olivia).orElseThrow().id());
    } catch (MembershipException refused) {
      say("Refused with " + refused.code() + ": " + refused.getMessage());
    }
    try {
      membership.members().remove(olivia, acme, membership.members().find(olivia, acme, olivia).orElseThrow().id());
    } catch (MembershipException refused) {
      say("Olivia herself: refused with " + refused.code() + ": " + refused.getMessage());
    }

    step("Carla is removed; her history stays");
    membership.members().remove(olivia, acme, membership.members().find(olivia, acme, carla).orElseThrow().id());
    printMembers(membership, olivia, acme);

    step("Acme tries Designer: a trial, a minimum client version, a notice before the trial ends");
    EntitlementKey designer = EntitlementKey.of("designer");
    Instant now = Instant.now();
    membership.entitlements().define(olivia, acme,
        EntitlementDefinition.of("designer", "Designer").until(now.plus(Duration.ofDays(3))));
    membership.members().grantAccess(olivia, acme, boMembership, designer);
    // The catalogue is the deployment's, not Acme's: the host's operator manages it and is named.
    membership.applications().define("ops@host.example", designer, "Designer");
    ClientPolicy upgrade = new ClientPolicy(now.plus(Duration.ofDays(30)),
        List.of(ClientVersion.parse("2025.4"), ClientVersion.parse("2026.1")));
    membership.applications().schedulePolicy("ops@host.example", designer, upgrade);
    say("From " + upgrade.effectiveFrom() + " Designer needs at least 2025.4 (2025 line) or 2026.1 (2026 line).");
    ClientVersion bosClient = ClientVersion.parse("2025.3");
    say("Bo opens Designer 2025.3: " + membership.access().check(bo.account().id(), acme, designer, bosClient));
    membership.applications().reportClient(bo.account().id(), acme, designer, bosClient);
    for (var warning : membership.applications().clientsToWarn(olivia, acme, designer, PageRequest.first()).items()) {
      say("To warn before the upgrade: " + warning.displayName() + " on " + warning.lastSeen() + ", needs "
          + warning.minimum());
    }
    membership.applications().schedulePolicy("ops@host.example", designer,
        new ClientPolicy(now.minusSeconds(1), upgrade.minimums()));
    say("The host brings the upgrade forward to now; Bo again: "
        + membership.access().check(bo.account().id(), acme, designer, bosClient));
    say("The host's scheduled upkeep runs: " + membership.entitlements().sendEndNotices() + " notice sent to Acme's "
        + "entitlement managers (the trial ends within the 7 days' notice).");
    var extended = membership.entitlements().extend(olivia, acme, designer, now.plus(Duration.ofDays(33)));
    say("Olivia extends the trial to " + extended.validUntil().orElseThrow() + "; running the upkeep again sends "
        + membership.entitlements().sendEndNotices() + " notices (the new end is weeks away).");

    step("The audit log, newest first");
    for (var event : membership.audit().list(olivia, acme, PageRequest.first(12)).items()) {
      String actor = membership.accounts().find(event.actor()).map(a -> a.displayName()).orElse("?");
      say(event.occurredAt() + "  " + actor + "  " + event.action() + "  " + event.subject()
          + (event.details().isEmpty() ? "" : "  " + event.details()));
    }

    step("The audit log filtered by member: what Bo did and what was done to Bo");
    for (var event : membership.audit().list(olivia, acme, AuditQuery.all(PageRequest.first(20))
        .withMember(bo.account().id())).items()) {
      say(event.action() + "  " + event.subject());
    }

    step("Olivia deletes Side Project, a second organisation: she types its name to confirm");
    OrganisationId side = membership.organisations().create(olivia, "Side Project").id();
    AccountId ivan = signUp(membership, mailbox, "ivan@example.test", "Ivan Intern", "ivan's long passphrase");
    membership.invitations().invite(olivia, side, Invite.of("ivan@example.test", Role.MEMBER));
    membership.invitations().accept(ivan, mailbox.lastToken());
    membership.invitations().invite(olivia, side, Invite.of("gus@example.test", Role.MEMBER));
    String gusLink = mailbox.lastToken();
    try {
      membership.organisations().delete(olivia, side, "side project");
    } catch (MembershipException refused) {
      say("Typed \"side project\": refused with " + refused.code() + " on "
          + refused.fields().getFirst().field() + " (" + refused.fields().getFirst().code() + ")");
    }
    membership.organisations().delete(olivia, side, "Side Project");
    try {
      membership.invitations().preview(gusLink).ifPresent(p -> say("Gus's link now shows: " + p.status()));
      membership.invitations().acceptAsNewAccount(gusLink, NewMemberDetails.of("Gus", "gus's long passphrase"));
    } catch (MembershipException refused) {
      say("Gus accepts anyway: refused with " + refused.code());
    }
    say("Ivan's organisations now: " + membership.organisations().of(ivan, PageRequest.first()).items().stream()
        .map(o -> o.organisation().name()).toList());
    say("Olivia, a former owner, still reads its log: " + membership.audit().list(olivia, side, PageRequest.first(1))
        .items().getFirst().action() + "; readable until " + membership.organisations().deletedOwnedBy(olivia)
        .getFirst().readableUntil() + " (MembershipPolicy.deletedOrganisationRetention, 90 days)");
    say("The host's scheduled upkeep purges it only after that: " + membership.organisations().purgeDeleted()
        + " rows purged today");

    step("The members page two rows at a time: forward, then back from the library's own cursor");
    var pageOne = membership.members().list(olivia, acme, MemberQuery.all().withPage(PageRequest.first(2)));
    var second = membership.members().list(olivia, acme, MemberQuery.all().withPage(PageRequest.first(2).next(pageOne)));
    var back = membership.members().list(olivia, acme, MemberQuery.all().withPage(PageRequest.first(2).previous(second)));
    say("Page 2: " + second.items().stream().map(r -> r.email().value()).toList()
        + "; back: " + back.items().stream().map(r -> r.email().value()).toList()
        + (back.items().equals(pageOne.items()) ? " (page 1 again)" : " (not page 1!)"));
    forgetCarla(membership, olivia, acme, carla);
    return acme;
  }

  /** Erasure (GDPR art. 17) and the retention upkeep. */
  private static void forgetCarla(Memberships membership, AccountId olivia, OrganisationId acme, AccountId carla) {
    step("Carla asks to be forgotten; the host's operator erases her account, and the retention upkeep runs");
    var erased = membership.erasure().eraseOnRequest("support ticket 1234", carla);
    say("Carla's address, name and password are gone: Acme's history names her \"" + erased.pseudonym() + "\".");
    for (var event : membership.audit().list(olivia, acme, AuditQuery.all(PageRequest.first(20))
        .withMember(carla)).items()) {
      say("  " + event.action() + "  " + event.subject());
    }
    say("carla@example.test signs in: " + membership.accounts().signIn("carla@example.test",
        Password.of("carla's long passphrase")).getClass().getSimpleName()
        + "; the address is free to sign up again, as a new account.");
    try {
      membership.erasure().eraseOwnAccount(olivia, Password.of("olivia's long passphrase"));
    } catch (MembershipException refused) {
      say("Olivia, the last owner of Acme, tries \"delete my account\": " + refused.code()
          + " until she makes someone else an owner.");
    }
    var purged = membership.retention().purge();
    say("The retention upkeep (the host schedules it): " + purged.total() + " rows past retention deleted "
        + purged + "; removed memberships and audit logs are never purged.");
  }

  private static String describe(Memberships membership, SessionsToEnd end) {
    return switch (end) {
      case SessionsToEnd.All all -> "end every session of " + name(membership, all.account());
      case SessionsToEnd.AllButCurrent others -> "end every session of " + name(membership, others.account())
          + " but the one that changed the password";
      case SessionsToEnd.InOrganisation in -> "end " + name(membership, in.account()) + "'s sessions in the organisation";
      case SessionsToEnd.EveryoneInOrganisation everyone -> "end everyone's sessions in the organisation";
    };
  }

  private static String name(Memberships membership, AccountId account) {
    return membership.accounts().find(account).map(a -> a.displayName()).orElse(account.toString());
  }

  /** Signs up and confirms the address with the link the mailbox received. */
  private static AccountId signUp(Memberships membership, Mailbox mailbox, String email, String name, String password) {
    membership.accounts().register(Registration.of(email, name, password));
    return membership.accounts().verifyEmail(mailbox.lastToken(), Password.of(password)).id();
  }

  private static void printMembers(Memberships membership, AccountId viewer, OrganisationId organisation) {
    MemberCounts counts = membership.members().counts(viewer, organisation);
    say("Members (" + counts.members() + "): " + counts.active() + " active, " + counts.deactivated() + " deactivated; "
        + counts.invited() + " invited; " + counts.removed() + " removed");
    for (MemberRow row : membership.members().list(viewer, organisation, MemberQuery.all()).items()) {
      String name = switch (row) {
        case MemberRow.Member m -> m.account().displayName();
        case MemberRow.Invited i -> "(invited)";
      };
      say(String.format("%-22s %-20s %-8s %s", row.email(), name, row.role().name(), row.badge()));
    }
  }

  private static void step(String title) {
    OUT.println();
    OUT.println("== " + title);
  }

  private static void say(String line) {
    OUT.println("   " + line);
  }

  /** Prints every e-mail the outbox delivers, and keeps the last invitation link. */
  private static final class Mailbox implements dev.membership.spi.NotificationSender {
    private String lastLink = "";

    @Override
    public void send(Notification n) {
      String what = switch (n.type()) {
        case INVITATION -> n.get("inviterName") + " invited you to join " + n.get("organisationName") + " as "
            + n.get("roleName") + ": " + n.link().map(URI::toString).orElse("");
        case INVITATION_ACCEPTED -> n.get("memberName") + " accepted the invitation to " + n.get("organisationName")
            + ": onboarding completed";
        case JOIN_REQUEST_RECEIVED -> n.get("requesterName") + " asks to join " + n.get("organisationName")
            + (n.get("message").isEmpty() ? "" : ": \"" + n.get("message") + "\"");
        case ACCOUNT_CREATED -> n.get("inviterName") + " created an account for you at " + n.get("organisationName")
            + "; they will give you a temporary password";
        case VERIFY_EMAIL -> "confirm your address to finish signing up: " + n.link().map(URI::toString).orElse("");
        case SIGN_UP_ATTEMPTED -> "someone tried to sign up with your address; you have an account: sign in";
        case ENTITLEMENT_ENDING -> n.get("entitlementName") + " at " + n.get("organisationName") + " ends at "
            + n.get("endsAt");
        case ENTITLEMENT_ENDED -> n.get("entitlementName") + " at " + n.get("organisationName") + " ended at "
            + n.get("endsAt");
        case ORGANISATION_DELETED -> n.get("organisationName") + " was deleted; your membership ended with it";
      };
      n.link().ifPresent(link -> lastLink = link.toString());
      OUT.println("   [e-mail to " + n.recipient() + "] " + what);
    }

    String lastLink() {
      return lastLink;
    }

    /** The token of the last link: its last path segment. */
    String lastToken() {
      return lastLink.substring(lastLink.lastIndexOf('/') + 1);
    }
  }
}
