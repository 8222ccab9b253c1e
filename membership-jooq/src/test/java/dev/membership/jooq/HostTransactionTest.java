package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.domain.Account;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Organisation;
import dev.membership.domain.PasswordHash;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.spi.StoreTransaction;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A host that runs jOOQ itself lets the store join its transactions. */
class HostTransactionTest {
  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  TestDatabase database;
  DSLContext host;
  JooqMembershipStore store;

  @BeforeEach
  void start() {
    database = TestDatabase.migrated(DatabaseKind.H2);
    host = DSL.using(new DefaultConfiguration()
        .set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(database.dataSource())))
        .set(SQLDialect.H2));
    host.execute("CREATE TABLE host_order (id INTEGER PRIMARY KEY)");
    store = JooqMembershipStore.create(host.configuration());
  }

  @AfterEach
  void stop() {
    database.close();
  }

  @Test
  void the_stores_work_commits_with_the_hosts_transaction() {
    Organisation acme = Organisation.create("acme", T0);

    host.transaction(() -> {
      host.execute("INSERT INTO host_order (id) VALUES (1)");
      store.inTransaction(tx -> {
        tx.organisations().insert(acme);
        return null;
      });
    });

    assertThat(find(acme)).contains(acme);
    assertThat(database.count("SELECT COUNT(*) FROM host_order")).isEqualTo(1);
  }

  @Test
  void the_stores_work_rolls_back_with_the_hosts_transaction() {
    Organisation acme = Organisation.create("acme", T0);

    assertThatThrownBy(() -> host.transaction(() -> {
      store.inTransaction(tx -> {
        tx.organisations().insert(acme);
        return null;
      });
      host.execute("INSERT INTO host_order (id) VALUES (1)");
      throw new IllegalStateException("the host's own step failed");
    })).hasMessageContaining("the host's own step failed");

    assertThat(find(acme)).isEmpty();
    assertThat(database.count("SELECT COUNT(*) FROM host_order")).isZero();
  }

  @Test
  void a_failed_unit_of_work_rolls_back_to_its_savepoint_and_the_host_carries_on() {
    Organisation acme = Organisation.create("acme", T0);
    Organisation twin = new Organisation(acme.id(), "twin", acme.status(), false, T0, 0);

    host.transaction(() -> {
      host.execute("INSERT INTO host_order (id) VALUES (1)");
      store.inTransaction(tx -> {
        tx.organisations().insert(acme);
        return null;
      });
      assertThatThrownBy(() -> store.inTransaction(tx -> {
        tx.accounts().insert(Account.registered(EmailAddress.of("a@x.test"),
            "A", new PasswordHash("$h$"), T0));
        throw new ConflictException(ErrorCode.ALREADY_MEMBER, "refused");
      })).isInstanceOf(ConflictException.class);
      assertThatThrownBy(() -> store.inTransaction(tx -> {
        tx.organisations().insert(twin);
        return null;
      })).isInstanceOf(IllegalStateException.class);
    });

    assertThat(find(acme)).contains(acme);
    assertThat(database.count("SELECT COUNT(*) FROM membership_account")).isZero();
    assertThat(database.count("SELECT COUNT(*) FROM host_order")).isEqualTo(1);
  }

  private Optional<Organisation> find(Organisation organisation) {
    return JooqMembershipStore.create(database.dataSource())
        .inTransaction((StoreTransaction tx) -> tx.organisations().find(organisation.id()));
  }
}
