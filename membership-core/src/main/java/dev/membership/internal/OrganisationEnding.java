package dev.membership.internal;

import dev.membership.Domains;
import dev.membership.domain.AccountId;
import dev.membership.domain.Entitlement;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a deleted organisation ends, read (every read before the first write) and then ended in the
 * deletion's transaction: its live memberships, pending invitations, pending join requests,
 * entitlements and domains. Each goes through its own port's {@code update} (optimistic version), so
 * a change made to any of them at the same moment makes one of the two transactions lose cleanly, and
 * the kept member counts follow each row.
 *
 * @param members the live (active or deactivated) members
 * @param invitations the pending invitations, expired or not
 * @param joinRequests the pending join requests
 * @param entitlements the entitlements that have not ended
 * @param domains the domains, verified or not
 */
public record OrganisationEnding(
    List<MemberRow.Member> members,
    List<Invitation> invitations,
    List<JoinRequest> joinRequests,
    List<Entitlement> entitlements,
    List<OrganisationDomain> domains) {

  /** Reads everything the deletion of {@code organisation} ends. */
  public static OrganisationEnding read(UnitOfWork uow, OrganisationId organisation) {
    List<MemberRow.Member> members = new ArrayList<>();
    List<Invitation> invitations = new ArrayList<>();
    MemberQuery query = MemberQuery.all().withPage(PageRequest.first(PageRequest.MAX_LIMIT));
    while (true) {
      Page<MemberRow> page = uow.tx.reads().memberPage(organisation, query, uow.now);
      for (MemberRow row : page.items()) {
        switch (row) {
          case MemberRow.Member member -> {
            if (member.membership().status().isLive()) {
              members.add(member);
            }
          }
          case MemberRow.Invited invited -> invitations.add(invited.invitation());
        }
      }
      if (page.nextCursor().isEmpty()) {
        break;
      }
      query = query.withPage(PageRequest.first(PageRequest.MAX_LIMIT).after(page.nextCursor().get()));
    }
    List<JoinRequest> requests = new ArrayList<>();
    PageRequest requestPage = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      Page<JoinRequest> page = uow.tx.reads().joinRequestPage(organisation, Set.of(JoinRequestStatus.PENDING), requestPage);
      requests.addAll(page.items());
      if (page.nextCursor().isEmpty()) {
        break;
      }
      requestPage = requestPage.after(page.nextCursor().get());
    }
    List<Entitlement> entitlements = uow.tx.entitlements().list(organisation).stream()
        .filter(e -> e.isValidAt(uow.now))
        .toList();
    List<OrganisationDomain> domains = uow.tx.domains().list(organisation, Domains.MAX_DOMAINS_PER_ORGANISATION);
    return new OrganisationEnding(List.copyOf(members), List.copyOf(invitations), List.copyOf(requests), entitlements,
        domains);
  }

  /** The active owners, who keep reading the audit log during the retention. */
  public Set<AccountId> activeOwners() {
    return members.stream()
        .filter(m -> m.membership().status() == MembershipStatus.ACTIVE && m.membership().roleId().equals(Role.OWNER.id()))
        .map(m -> m.membership().accountId())
        .collect(Collectors.toSet());
  }

  /** Ends each of them, {@code actor} answering the join requests; audited as one deletion by the caller. */
  public void end(UnitOfWork uow, AccountId actor) {
    for (Invitation invitation : invitations) {
      uow.tx.invitations().update(invitation.cancel(uow.now));
    }
    for (JoinRequest request : joinRequests) {
      uow.tx.joinRequests().update(request.deny(actor, uow.now));
    }
    for (Entitlement entitlement : entitlements) {
      uow.tx.entitlements().update(new Entitlement(entitlement.organisationId(), entitlement.key(), entitlement.name(),
          entitlement.seatLimit(), Optional.of(uow.now), entitlement.version()));
    }
    for (OrganisationDomain domain : domains) {
      uow.tx.domains().delete(domain.organisationId(), domain.id());
    }
    for (MemberRow.Member member : members) {
      uow.tx.memberships().update(member.membership().remove(uow.now));
    }
  }
}
