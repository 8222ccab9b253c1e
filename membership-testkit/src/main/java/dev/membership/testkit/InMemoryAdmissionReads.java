package dev.membership.testkit;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.DomainName;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Membership;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.spi.AcceptanceChecks;
import dev.membership.spi.AdmissionReads;
import dev.membership.spi.InvitationChecks;
import dev.membership.spi.StoreTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The in-memory {@link AdmissionReads}: each answer asked of the transaction's other ports one by one,
 * which is what the contract says every store's answer equals.
 */
final class InMemoryAdmissionReads implements AdmissionReads {
  private final StoreTransaction tx;

  InMemoryAdmissionReads(StoreTransaction tx) {
    this.tx = tx;
  }

  @Override
  public InvitationChecks invitationChecks(OrganisationId organisation, EmailAddress email, AccountId inviter,
      Instant since, int atMost) {
    int sent = tx.outbox().countWritten(organisation, NotificationType.INVITATION, since, atMost);
    boolean live = tx.accounts().findByEmail(email)
        .flatMap(account -> tx.memberships().findLive(organisation, account.id()))
        .isPresent();
    return new InvitationChecks(sent, live, tx.invitations().findPending(organisation, email),
        tx.accounts().find(inviter).map(Account::displayName).orElse(""));
  }

  @Override
  public AcceptanceChecks acceptanceChecks(OrganisationId organisation, AccountId account, AccountId inviter,
      Optional<DomainName> domain, Permission notified, int atMostNotified) {
    return new AcceptanceChecks(tx.accounts().find(account),
        tx.memberships().findLive(organisation, account).isPresent(),
        tx.joinRequests().findPending(organisation, account),
        tx.memberships().findAccess(organisation, inviter),
        domain.flatMap(name -> tx.domains().findByName(organisation, name)),
        domain.flatMap(name -> tx.domains().findVerified(name)).isPresent(),
        addressesOf(organisation, notified, account, atMostNotified));
  }

  /** The active members whose role allows {@code permission}, but {@code except}, by membership id. */
  private List<EmailAddress> addressesOf(OrganisationId organisation, Permission permission, AccountId except,
      int limit) {
    Set<RoleId> roles = tx.roles().list(organisation).stream()
        .filter(r -> r.allows(permission))
        .map(Role::id)
        .collect(Collectors.toSet());
    List<Membership> members = tx.memberships().activeWithRoles(organisation, roles, limit + 1).stream()
        .filter(m -> !m.accountId().equals(except))
        .limit(Math.max(0, limit))
        .toList();
    Map<AccountId, Account> accounts = tx.accounts().findAll(members.stream().map(Membership::accountId).toList())
        .stream().collect(Collectors.toMap(Account::id, Function.identity()));
    return members.stream().map(m -> accounts.get(m.accountId())).filter(a -> a != null).map(Account::email).toList();
  }
}
