package dev.membership.examples.console;

import dev.membership.Memberships;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.examples.console.mail.DevelopmentMailbox;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Seeds a demo organisation, "Acme", so a person can sign in and try every flow at once: an owner, an
 * admin, a plain member, active, created-by-admin, deactivated members and pending invitations (more
 * than one page of them), a custom role, application access, and a join request waiting for review.
 * Everything goes through the library's public calls, as a host's own code would.
 */
@Component
@ConditionalOnProperty(name = "console.demo", havingValue = "true")
public class DemoData implements ApplicationRunner {
  public static final String OWNER_EMAIL = "olivia@acme.test";
  public static final String OWNER_PASSWORD = "olivia's demo passphrase";
  public static final String ADMIN_EMAIL = "ana@acme.test";
  public static final String ADMIN_PASSWORD = "ana's demo passphrase";
  public static final String MEMBER_EMAIL = "mo@acme.test";
  public static final String MEMBER_PASSWORD = "mo's demo passphrase";
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  private static final String[] COLLEAGUES = {"Bea Baker", "Cem Cole", "Dina Diaz", "Eli Evans", "Fay Fox",
      "Gus Gray", "Hana Hill", "Ivo Ito", "Jo Jones", "Kai King", "Lea Lopez", "Max Moore", "Nia Nash", "Oto Ortiz",
      "Pia Park", "Quin Quest", "Rui Reyes", "Sam Stone", "Tea Tran"};

  private final Memberships membership;
  private final ObjectProvider<DevelopmentMailbox> mailbox;
  private final Environment environment;

  public DemoData(Memberships membership, ObjectProvider<DevelopmentMailbox> mailbox, Environment environment) {
    this.membership = membership;
    this.mailbox = mailbox;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (membership.accounts().findByEmail(OWNER_EMAIL).isPresent()) {
      return; // a persistent store seeded on an earlier run
    }
    if (mailbox.getIfAvailable() == null) {
      // Confirming an address at sign-up, and accepting an invitation, need the link from the e-mail,
      // which only the mailbox page keeps.
      LOG.info("Members console demo: no demo data without the development mailbox (--spring.profiles.active=dev)");
      return;
    }
    AccountId olivia = signUp(OWNER_EMAIL, "Olivia Owner", OWNER_PASSWORD);
    OrganisationId acme = membership.organisations().create(olivia, "Acme").id();
    OrganisationId globex = membership.organisations().create(olivia, "Globex").id();
    // Both can be found by organisation search (new organisations cannot until an admin allows it).
    membership.organisations().setDiscoverable(olivia, acme, true);
    membership.organisations().setDiscoverable(olivia, globex, true);
    membership.entitlements().define(olivia, acme, EntitlementDefinition.of("analytics", "Analytics").withSeats(10));
    membership.entitlements().define(olivia, acme, EntitlementDefinition.of("crm", "CRM"));
    membership.roles().create(olivia, acme,
        RoleDefinition.of("Recruiter", Permission.VIEW_MEMBERS, Permission.REVIEW_JOIN_REQUESTS));

    join(olivia, acme, ADMIN_EMAIL, "Ana Admin", Role.ADMIN, ADMIN_PASSWORD);
    join(olivia, acme, MEMBER_EMAIL, "Mo Member", Role.MEMBER, MEMBER_PASSWORD);
    for (int i = 0; i < COLLEAGUES.length; i++) {
      String name = COLLEAGUES[i];
      String email = name.toLowerCase().replace(' ', '.') + "@acme.test";
      if (i % 3 == 0) {
        membership.members().createDirectly(olivia, acme, NewAccount.generatedPassword(email, name, Role.MEMBER));
      } else if (i % 3 == 1) {
        membership.invitations().invite(olivia, acme, Invite.of(email, Role.MEMBER).withAccess("crm"));
      } else {
        join(olivia, acme, email, name, Role.MEMBER, name.toLowerCase() + "'s demo passphrase");
      }
    }
    var deactivated = membership.members().find(olivia, acme,
        membership.accounts().findByEmail("sam.stone@acme.test").orElseThrow().id()).orElseThrow();
    membership.members().deactivate(olivia, acme, deactivated.id());

    AccountId carla = signUp("carla@example.test", "Carla Contractor", "carla's demo passphrase");
    membership.joinRequests().request(carla, acme, Optional.of("I'm the new designer; Olivia said to ask."));

    // The port the server really listens on (server.port=0 picks a free one).
    String base = "http://localhost:" + environment.getProperty("local.server.port",
        environment.getProperty("server.port", "8080"));
    LOG.info("""

        Members console demo data is ready at {} (e-mails: {}/dev/mailbox)
          owner:  {} / {}
          admin:  {} / {}
          member: {} / {}
          asking to join: carla@example.test / carla's demo passphrase
        """, base, base, OWNER_EMAIL, OWNER_PASSWORD, ADMIN_EMAIL, ADMIN_PASSWORD, MEMBER_EMAIL, MEMBER_PASSWORD);
  }

  /** Signs a person up and confirms the address with the link from the e-mail, as they would. */
  private AccountId signUp(String email, String name, String password) {
    membership.accounts().register(Registration.of(email, name, password));
    return membership.accounts().verifyEmail(newestToken(email), Password.of(password)).id();
  }

  /** Invites a person and has them accept with a password of their own, as they would from the e-mail. */
  private void join(AccountId owner, OrganisationId organisation, String email, String name, Role role, String password) {
    membership.invitations().invite(owner, organisation, Invite.of(email, role).withAccess("analytics"));
    membership.invitations().acceptAsNewAccount(newestToken(email), NewMemberDetails.of(name, password));
  }

  /** The token of the newest link e-mailed to the address: the last segment of its path. */
  private String newestToken(String email) {
    String link = mailbox.getObject().newestFirst().stream()
        .filter(mail -> mail.to().equals(email)).flatMap(mail -> mail.link().stream()).findFirst()
        .orElseThrow().toString();
    return link.substring(link.lastIndexOf('/') + 1);
  }
}
