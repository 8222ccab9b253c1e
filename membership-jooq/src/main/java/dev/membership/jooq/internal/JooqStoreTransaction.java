package dev.membership.jooq.internal;

import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.OrganisationId;
import dev.membership.spi.AcceptanceChecks;
import dev.membership.spi.InvitationChecks;
import java.time.Instant;
import java.util.Objects;
import dev.membership.spi.AccountEventStore;
import dev.membership.spi.AccountStore;
import dev.membership.spi.ApplicationStore;
import dev.membership.spi.AuditStore;
import dev.membership.spi.DomainStore;
import dev.membership.spi.EntitlementStore;
import dev.membership.spi.InvitationStore;
import dev.membership.spi.JoinRequestStore;
import dev.membership.spi.MemberStore;
import dev.membership.spi.OrganisationStore;
import dev.membership.spi.OutboxStore;
import dev.membership.spi.PageReads;
import dev.membership.spi.RoleStore;
import dev.membership.spi.SignUps;
import dev.membership.spi.StoreTransaction;
import dev.membership.spi.Throttles;
import dev.membership.spi.TransactionWork;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jspecify.annotations.Nullable;

/**
 * One JDBC transaction, and its ports: one class per aggregate ({@link JooqOrganisationStore},
 * {@link JooqMemberStore}, ...) and one for the list pages ({@link JooqPageReads}), each made on
 * first use, all in SQL that runs unchanged on H2, PostgreSQL and MariaDB/MySQL.
 *
 * <p>Grants are stored twice on purpose: as text in the membership (or invitation) row, which is the
 * record that reads return, and as one row per active grant in a grant table, which is what seats
 * are counted on. Memberships and invitations read in this transaction, by any port, are remembered
 * ({@link JooqRows}), so that an update rewrites only the grant rows that changed (usually none).
 */
public final class JooqStoreTransaction implements StoreTransaction {
  private final DSLContext sql;
  private final JooqRows rows;
  private final Deferred later;
  private final RenderedSql rendered;
  private @Nullable OrganisationStore organisations;
  private @Nullable AccountStore accounts;
  private @Nullable MemberStore memberships;
  private @Nullable RoleStore roles;
  private @Nullable EntitlementStore entitlements;
  private @Nullable InvitationStore invitations;
  private @Nullable JoinRequestStore joinRequests;
  private @Nullable AuditStore audit;
  private @Nullable PageReads reads;
  private @Nullable AccountEventStore accountEvents;
  private @Nullable SignUps signUps;
  private @Nullable OutboxStore outbox;
  private @Nullable Throttles throttles;
  private @Nullable ApplicationStore applications;
  private @Nullable DomainStore domains;

  /** A transaction that reads: every statement is sent when it is made. */
  public JooqStoreTransaction(DSLContext sql, RenderedSql rendered) {
    this.sql = sql;
    // A read updates nothing, so it need not remember what it read (JooqRows) for an update.
    this.rows = new JooqRows(false);
    this.rendered = rendered;
    this.later = new Deferred(false);
    later.attach(sql);
  }

  private JooqStoreTransaction(DSLContext sql, RenderedSql rendered, Deferred later) {
    this.later = later;
    this.rows = new JooqRows();
    this.sql = DSL.using(sql.configuration().deriveAppending(new DefaultExecuteListenerProvider(later)));
    this.rendered = rendered;
    later.attach(this.sql);
  }

  /**
   * Runs {@code work} in a transaction that writes: the writes nothing in the work waits for are
   * kept and sent together before the next statement and at the end of the work ({@link Deferred}).
   */
  public static <T> T write(TransactionWork<T> work, DSLContext sql, RenderedSql rendered) {
    JooqStoreTransaction tx = new JooqStoreTransaction(sql, rendered, new Deferred(true));
    T result = work.run(tx);
    // The kept member counts go last, in the same batch as the work's other deferred writes.
    tx.rows.counts.flush(tx.sql, tx.later);
    tx.later.send();
    return result;
  }

  @Override
  public OrganisationStore organisations() {
    if (organisations == null) {
      organisations = new JooqOrganisationStore(sql);
    }
    return organisations;
  }

  @Override
  public AccountStore accounts() {
    if (accounts == null) {
      accounts = new JooqAccountStore(sql);
    }
    return accounts;
  }

  @Override
  public MemberStore memberships() {
    if (memberships == null) {
      memberships = new JooqMemberStore(sql, rows, rendered, later);
    }
    return memberships;
  }

  @Override
  public RoleStore roles() {
    if (roles == null) {
      roles = new JooqRoleStore(sql);
    }
    return roles;
  }

  @Override
  public EntitlementStore entitlements() {
    if (entitlements == null) {
      entitlements = new JooqEntitlementStore(sql);
    }
    return entitlements;
  }

  @Override
  public InvitationStore invitations() {
    if (invitations == null) {
      invitations = new JooqInvitationStore(sql, rows, later);
    }
    return invitations;
  }

  @Override
  public InvitationChecks invitationChecks(OrganisationId organisation, EmailAddress email, AccountId inviter,
      Instant since, int atMost) {
    invitations();
    return ((JooqInvitationStore) Objects.requireNonNull(invitations)).checks(organisation, email, inviter, since, atMost);
  }

  @Override
  public AcceptanceChecks acceptanceChecks(OrganisationId organisation, AccountId account) {
    joinRequests();
    return ((JooqJoinRequestStore) Objects.requireNonNull(joinRequests)).acceptanceChecks(organisation, account);
  }

  @Override
  public JoinRequestStore joinRequests() {
    if (joinRequests == null) {
      joinRequests = new JooqJoinRequestStore(sql);
    }
    return joinRequests;
  }

  @Override
  public AuditStore audit() {
    if (audit == null) {
      audit = new JooqEventLogs(sql, later);
    }
    return audit;
  }

  @Override
  public PageReads reads() {
    if (reads == null) {
      reads = new JooqPageReads(sql, rows, rendered);
    }
    return reads;
  }

  @Override
  public SignUps signUps() {
    if (signUps == null) {
      signUps = new JooqSignUps(sql);
    }
    return signUps;
  }

  @Override
  public AccountEventStore accountEvents() {
    if (accountEvents == null) {
      accountEvents = new JooqEventLogs(sql, later);
    }
    return accountEvents;
  }

  @Override
  public OutboxStore outbox() {
    if (outbox == null) {
      outbox = new JooqOutboxStore(sql, later);
    }
    return outbox;
  }

  @Override
  public Throttles throttles() {
    if (throttles == null) {
      throttles = new JooqThrottles(sql);
    }
    return throttles;
  }

  @Override
  public ApplicationStore applications() {
    if (applications == null) {
      applications = new JooqApplicationStore(sql);
    }
    return applications;
  }

  @Override
  public DomainStore domains() {
    if (domains == null) {
      domains = new JooqDomainStore(sql);
    }
    return domains;
  }
}
