package dev.membership.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What is kept of a deleted organisation until its data is purged: who deleted it and when, until
 * when its audit log stays readable, and by whom (the owners it had when it was deleted).
 *
 * @param organisation the deleted organisation
 * @param deletedBy the owner who deleted it
 * @param deletedAt when
 * @param readableUntil until when its former owners may read its audit log; after it the
 *     organisation's data is purged by {@code organisations().purgeDeleted()}
 * @param formerOwners the active owners it had when it was deleted (the deleter among them)
 */
public record OrganisationDeletion(
    OrganisationId organisation, AccountId deletedBy, Instant deletedAt, Instant readableUntil, Set<AccountId> formerOwners) {

  public OrganisationDeletion {
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(deletedBy, "deletedBy");
    Objects.requireNonNull(deletedAt, "deletedAt");
    Objects.requireNonNull(readableUntil, "readableUntil");
    formerOwners = Set.copyOf(formerOwners);
    if (readableUntil.isBefore(deletedAt)) {
      throw new IllegalArgumentException("readableUntil before deletedAt");
    }
  }

  /** Whether {@code account} may read the audit log at {@code now}: a former owner, within the retention. */
  public boolean auditReadableBy(AccountId account, Instant now) {
    return formerOwners.contains(account) && now.isBefore(readableUntil);
  }
}
