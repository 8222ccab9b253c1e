package dev.membership.jooq.internal;

import dev.membership.spi.AccountEventStore;
import dev.membership.spi.AccountStore;
import dev.membership.spi.AdmissionReads;
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

/**
 * One JDBC transaction, and its ports: one class per aggregate ({@link JooqOrganisationStore},
 * {@link JooqMemberStore}, ...), one for the list pages ({@link JooqPageReads}) and one for what
 * admitting a member checks ({@link JooqAdmissionReads}), all in SQL that runs unchanged on H2,
 * PostgreSQL and MariaDB/MySQL. A port holds nothing but the transaction's parts, so all are made
 * with the transaction.
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
  private final OrganisationStore organisations;
  private final AccountStore accounts;
  private final MemberStore memberships;
  private final RoleStore roles;
  private final EntitlementStore entitlements;
  private final InvitationStore invitations;
  private final JoinRequestStore joinRequests;
  private final AuditStore audit;
  private final PageReads reads;
  private final AccountEventStore accountEvents;
  private final SignUps signUps;
  private final OutboxStore outbox;
  private final Throttles throttles;
  private final ApplicationStore applications;
  private final DomainStore domains;
  private final AdmissionReads admissions;

  /** A transaction that reads: every statement is sent when it is made. */
  public JooqStoreTransaction(DSLContext sql, RenderedSql rendered) {
    // A read updates nothing, so it need not remember what it read (JooqRows) for an update.
    this(sql, rendered, new Deferred(false, rendered.writes), new JooqRows(false));
  }

  private JooqStoreTransaction(DSLContext sql, RenderedSql rendered, Deferred later, JooqRows rows) {
    this.sql = sql;
    this.rows = rows;
    this.later = later;
    later.attach(sql);
    organisations = new JooqOrganisationStore(sql, rendered);
    accounts = new JooqAccountStore(sql, rendered);
    memberships = new JooqMemberStore(sql, rows, rendered, later);
    roles = new JooqRoleStore(sql, rendered);
    entitlements = new JooqEntitlementStore(sql);
    invitations = new JooqInvitationStore(sql, rows, later, rendered);
    joinRequests = new JooqJoinRequestStore(sql, later, rendered);
    reads = new JooqPageReads(sql, rows, rendered);
    JooqEventLogs logs = new JooqEventLogs(sql, later);
    audit = logs;
    accountEvents = logs;
    signUps = new JooqSignUps(sql);
    outbox = new JooqOutboxStore(sql, later, rendered);
    throttles = new JooqThrottles(sql);
    applications = new JooqApplicationStore(sql);
    domains = new JooqDomainStore(sql);
    admissions = new JooqAdmissionReads(sql, rows, rendered);
  }

  /**
   * Runs {@code work} in a transaction that writes: the writes nothing in the work waits for are
   * kept and sent together before the next statement and at the end of the work ({@link Deferred}).
   */
  public static <T> T write(TransactionWork<T> work, DSLContext sql, RenderedSql rendered) {
    Deferred later = new Deferred(true, rendered.writes);
    JooqStoreTransaction tx = new JooqStoreTransaction(
        DSL.using(sql.configuration().deriveAppending(new DefaultExecuteListenerProvider(later))), rendered, later,
        new JooqRows());
    T result = work.run(tx);
    // The kept member counts go last, in the same batch as the work's other deferred writes.
    tx.rows.counts.flush(tx.later);
    tx.later.send();
    return result;
  }

  @Override
  public OrganisationStore organisations() {
    return organisations;
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public MemberStore memberships() {
    return memberships;
  }

  @Override
  public RoleStore roles() {
    return roles;
  }

  @Override
  public EntitlementStore entitlements() {
    return entitlements;
  }

  @Override
  public InvitationStore invitations() {
    return invitations;
  }

  @Override
  public JoinRequestStore joinRequests() {
    return joinRequests;
  }

  @Override
  public AuditStore audit() {
    return audit;
  }

  @Override
  public PageReads reads() {
    return reads;
  }

  @Override
  public SignUps signUps() {
    return signUps;
  }

  @Override
  public AccountEventStore accountEvents() {
    return accountEvents;
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  @Override
  public Throttles throttles() {
    return throttles;
  }

  @Override
  public ApplicationStore applications() {
    return applications;
  }

  @Override
  public DomainStore domains() {
    return domains;
  }

  @Override
  public AdmissionReads admissions() {
    return admissions;
  }
}
