package dev.membership.testkit;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.spi.JoinRequestStore;
import java.util.Optional;

/** Requests to join of the in-memory store, with the unique "one pending request per account and organisation". */
final class InMemoryJoinRequestStore implements JoinRequestStore {
  private final InMemoryTables tables;
  private final InMemoryTransaction tx;

  InMemoryJoinRequestStore(InMemoryTables tables, InMemoryTransaction tx) {
    this.tables = tables;
    this.tx = tx;
  }

  @Override
  public void insert(JoinRequest request) {
    tx.requireNew(tables.joinRequests, request.id());
    if (request.status() == JoinRequestStatus.PENDING
        && findPending(request.organisationId(), request.accountId()).isPresent()) {
      throw new ConflictException(ErrorCode.JOIN_REQUEST_ALREADY_PENDING, "A request to join is already pending.");
    }
    tx.put(tables.joinRequests, request.id(), request);
  }

  @Override
  public JoinRequest update(JoinRequest r) {
    tx.current(tables.joinRequests, r.id(), r.version(), "The join request");
    JoinRequest next = new JoinRequest(r.id(), r.organisationId(), r.accountId(), r.message(), r.status(), r.createdAt(),
        r.decidedBy(), r.decidedAt(), r.version() + 1);
    tx.put(tables.joinRequests, r.id(), next);
    return next;
  }

  @Override
  public Optional<JoinRequest> find(JoinRequestId id) {
    return Optional.ofNullable(tables.joinRequests.get(id));
  }

  @Override
  public Optional<JoinRequest> findPending(OrganisationId organisation, AccountId account) {
    return tables.joinRequests.values().stream()
        .filter(r -> r.organisationId().equals(organisation) && r.accountId().equals(account)
            && r.status() == JoinRequestStatus.PENDING)
        .findFirst();
  }

  @Override
  public int purgeAnswered(Instant before, int limit) {
    List<JoinRequest> answered = tables.joinRequests.values().stream()
        .filter(r -> r.status() != JoinRequestStatus.PENDING && r.decidedAt().filter(at -> at.isBefore(before)).isPresent())
        .sorted(Comparator.comparing((JoinRequest r) -> r.decidedAt().orElseThrow()).thenComparing(r -> r.id().toString()))
        .limit(Math.max(0, limit))
        .toList();
    answered.forEach(r -> tx.remove(tables.joinRequests, r.id()));
    return answered.size();
  }
}
