package dev.membership.testkit;

import dev.membership.command.Invite;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.InvitationId;
import dev.membership.domain.MembershipId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An organisation set up by a test in one line, and the people in it by address.
 *
 * <pre>{@code
 * var acme = kit.organisation("Acme").withAdmins(2).withMembers("mo@acme.test").withPendingInvitations(1).create();
 * acme.owner();                       // the owner's AccountId
 * acme.admins().get(0);               // admin1@acme.test
 * acme.membership("mo@acme.test");    // Mo's MembershipId
 * acme.invitation("invited1@acme.test");
 * }</pre>
 */
public final class OrganisationFixture {
  private final TestMembership kit;
  private final OrganisationId id;
  private final String ownerEmail;
  private final Map<String, AccountId> people;
  private final List<AccountId> admins;
  private final List<AccountId> members;
  private final Map<String, InvitationId> invitations;

  private OrganisationFixture(TestMembership kit, OrganisationId id, String ownerEmail, Map<String, AccountId> people,
      List<AccountId> admins, List<AccountId> members, Map<String, InvitationId> invitations) {
    this.kit = kit;
    this.id = id;
    this.ownerEmail = ownerEmail;
    this.people = Map.copyOf(people);
    this.admins = List.copyOf(admins);
    this.members = List.copyOf(members);
    this.invitations = Map.copyOf(invitations);
  }

  public OrganisationId id() {
    return id;
  }

  /** The founding owner. */
  public AccountId owner() {
    return Objects.requireNonNull(people.get(ownerEmail), "owner");
  }

  public String ownerEmail() {
    return ownerEmail;
  }

  /** The admins, in the order they were listed. */
  public List<AccountId> admins() {
    return admins;
  }

  /** The plain members, in the order they were listed. */
  public List<AccountId> members() {
    return members;
  }

  /** Anyone in the fixture by address (owner, admins, members). */
  public AccountId account(String email) {
    AccountId account = people.get(normal(email));
    if (account == null) {
      throw new AssertionError(email + " is not part of this fixture");
    }
    return account;
  }

  /** The live membership id of someone in the fixture. */
  public MembershipId membership(String email) {
    return kit.membershipIdOf(id, account(email));
  }

  /** The live membership id of an account. */
  public MembershipId membership(AccountId account) {
    return kit.membershipIdOf(id, account);
  }

  /** The pending invitation the fixture sent to this address. */
  public InvitationId invitation(String email) {
    return Optional.ofNullable(invitations.get(normal(email)))
        .orElseThrow(() -> new AssertionError("the fixture sent no invitation to " + email));
  }

  /** The addresses the fixture invited, in order. */
  public List<String> invitedEmails() {
    return List.copyOf(invitations.keySet());
  }

  private static String normal(String email) {
    return EmailAddress.of(email).value();
  }

  /** Describes the organisation to create. */
  public static final class Builder {
    private final TestMembership kit;
    private final String name;
    private final String domain;
    private String owner;
    private final List<String> admins = new ArrayList<>();
    private final List<String> members = new ArrayList<>();
    private final List<String> invited = new ArrayList<>();

    Builder(TestMembership kit, String name, String domain) {
      this.kit = kit;
      this.name = name;
      this.domain = domain;
      this.owner = "owner@" + domain;
    }

    /** The owner's address (registered if new). */
    public Builder ownedBy(String email) {
      this.owner = email;
      return this;
    }

    /** Admins with these addresses, who join by invitation. */
    public Builder withAdmins(String... emails) {
      admins.addAll(List.of(emails));
      return this;
    }

    /** {@code count} admins, {@code admin1@<domain>} and so on. */
    public Builder withAdmins(int count) {
      for (int i = 1; i <= count; i++) {
        admins.add("admin" + (admins.size() + 1) + "@" + domain);
      }
      return this;
    }

    /** Members with these addresses, who join by invitation. */
    public Builder withMembers(String... emails) {
      members.addAll(List.of(emails));
      return this;
    }

    /** {@code count} members, {@code member1@<domain>} and so on. */
    public Builder withMembers(int count) {
      for (int i = 1; i <= count; i++) {
        members.add("member" + (members.size() + 1) + "@" + domain);
      }
      return this;
    }

    /** Invitations (as members) left pending to these addresses. */
    public Builder withPendingInvitations(String... emails) {
      invited.addAll(List.of(emails));
      return this;
    }

    /** {@code count} pending invitations, {@code invited1@<domain>} and so on. */
    public Builder withPendingInvitations(int count) {
      for (int i = 1; i <= count; i++) {
        invited.add("invited" + (invited.size() + 1) + "@" + domain);
      }
      return this;
    }

    /** Creates it all through the library's own commands. */
    public OrganisationFixture create() {
      Map<String, AccountId> people = new LinkedHashMap<>();
      String ownerEmail = normal(owner);
      AccountId ownerId = kit.membership().accounts().findByEmail(ownerEmail)
          .map(a -> a.id())
          .orElseGet(() -> kit.account(ownerEmail));
      people.put(ownerEmail, ownerId);
      OrganisationId organisation = kit.membership().organisations().create(ownerId, name).id();
      List<AccountId> adminIds = new ArrayList<>();
      for (String email : admins) {
        AccountId account = kit.join(organisation, ownerId, email, Role.ADMIN);
        people.put(normal(email), account);
        adminIds.add(account);
      }
      List<AccountId> memberIds = new ArrayList<>();
      for (String email : members) {
        AccountId account = kit.join(organisation, ownerId, email, Role.MEMBER);
        people.put(normal(email), account);
        memberIds.add(account);
      }
      Map<String, InvitationId> invitations = new LinkedHashMap<>();
      for (String email : invited) {
        invitations.put(normal(email),
            kit.membership().invitations().invite(ownerId, organisation, Invite.of(email, Role.MEMBER)).id());
      }
      return new OrganisationFixture(kit, organisation, ownerEmail, people, adminIds, memberIds, invitations);
    }
  }
}
