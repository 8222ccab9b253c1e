package dev.membership.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.command.Invite;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.jooq.JooqMembershipStore;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.NotificationSender;
import dev.membership.spi.PasswordHasher;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every condition of the auto-configuration, on an embedded H2 of its own per context. */
class MembershipAutoConfigurationTest {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  static final String PASSWORD = "correct horse battery staple";

  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MembershipAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=jdbc:h2:mem:boot" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1",
            "membership.base-url=https://app.example.com/",
            "membership.outbox.dispatcher.enabled=false")
        .withUserConfiguration(Host.class);
  }

  /** What a host defines: the sender; a fast hasher so the tests do not spend seconds on Argon2. */
  @Configuration(proxyBeanMethods = false)
  static class Host {
    final List<Notification> sent = new CopyOnWriteArrayList<>();

    @Bean
    NotificationSender notificationSender() {
      return sent::add;
    }

    @Bean
    PasswordHasher passwordHasher() {
      return new FastTestPasswordHasher();
    }
  }

  static AccountId account(Memberships membership, List<Notification> sent, String email) {
    membership.accounts().register(Registration.of(email, "Ann", PASSWORD));
    String link = sent.stream().filter(n -> n.type() == NotificationType.VERIFY_EMAIL).reduce((a, b) -> b)
        .flatMap(Notification::link).orElseThrow().toString();
    return membership.accounts().verifyEmail(link.substring(link.lastIndexOf('/') + 1), Password.of(PASSWORD)).id();
  }

  static List<String> tables(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection();
        ResultSet rows = connection.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
      List<String> names = new java.util.ArrayList<>();
      while (rows.next()) {
        String name = rows.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("membership_")) {
          names.add(name);
        }
      }
      return names;
    }
  }

  @Test
  void a_host_with_a_data_source_a_sender_and_a_base_url_gets_membership_on_its_database_with_links_from_the_base_url() {
    runner().run(context -> {
      assertThat(context).hasSingleBean(Memberships.class).hasSingleBean(JooqMembershipStore.class);
      assertThat(tables(context.getBean(DataSource.class))).contains("membership_account", "membership_outbox");
      Memberships membership = context.getBean(Memberships.class);
      List<Notification> sent = context.getBean(Host.class).sent;
      AccountId ann = account(membership, sent, "ann@example.com");
      var acme = membership.organisations().create(ann, "Acme");
      membership.invitations().invite(ann, acme.id(), Invite.of("bob@example.com", Role.MEMBER));

      assertThat(sent).filteredOn(n -> n.type() == NotificationType.INVITATION).singleElement()
          .satisfies(n -> assertThat(n.link().orElseThrow().toString()).startsWith("https://app.example.com/invitations/"));
      assertThat(sent).filteredOn(n -> n.type() == NotificationType.VERIFY_EMAIL).singleElement()
          .satisfies(n -> assertThat(n.link().orElseThrow().toString()).startsWith("https://app.example.com/verify/"));
    });
  }

  @Test
  void without_a_notification_sender_start_up_fails_saying_which_bean_to_define() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MembershipAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:nosender;DB_CLOSE_DELAY=-1",
            "membership.base-url=https://app.example.com")
        .run(context -> {
          FailureAnalysis analysis = analysis(context);
          assertThat(analysis.getDescription()).contains("NotificationSender", "none");
          assertThat(analysis.getAction()).contains("dev.membership.spi.NotificationSender", "@Bean");
        });
  }

  @Test
  void without_a_base_url_or_a_links_bean_start_up_fails_saying_what_to_set_or_define_and_never_falls_back_to_a_host_header() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MembershipAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:nobase;DB_CLOSE_DELAY=-1")
        .withUserConfiguration(Host.class)
        .run(context -> {
          FailureAnalysis analysis = analysis(context);
          assertThat(analysis.getDescription()).contains("membership.base-url is not set", "no MembershipLinks bean");
          assertThat(analysis.getAction()).contains("membership.base-url=https://",
              "dev.membership.spring.boot.autoconfigure.MembershipLinks", "Host header");
        });
  }

  @Test
  void the_base_url_becomes_the_links_bean() {
    runner().withPropertyValues("membership.base-url=https://members.example.com/app/",
            "membership.invitation-path=/join/")
        .run(context -> {
          MembershipLinks links = context.getBean(MembershipLinks.class);
          assertThat(links.invitation("t1")).hasToString("https://members.example.com/app/join/t1");
          assertThat(links.emailVerification("t2")).hasToString("https://members.example.com/app/verify/t2");
        });
  }

  /** A host that knows its address only at start-up (a random port) builds the links itself. */
  @Configuration(proxyBeanMethods = false)
  static class OwnLinks {
    @Bean
    MembershipLinks membershipLinks() {
      return MembershipLinks.under(java.net.URI.create("http://localhost:4711"), "/i/", "/v/");
    }
  }

  @Test
  void a_links_bean_the_host_defines_wins_over_the_base_url() {
    runner().withUserConfiguration(OwnLinks.class).run(context -> {
      assertThat(context).hasSingleBean(MembershipLinks.class);
      Memberships membership = context.getBean(Memberships.class);
      List<Notification> sent = context.getBean(Host.class).sent;
      AccountId ann = account(membership, sent, "ann@example.com");
      membership.invitations().invite(ann, membership.organisations().create(ann, "Acme").id(),
          Invite.of("bob@example.com", Role.MEMBER));
      assertThat(sent).extracting(n -> n.link().orElseThrow().toString())
          .allMatch(link -> link.startsWith("http://localhost:4711/i/") || link.startsWith("http://localhost:4711/v/"))
          .noneMatch(link -> link.contains("app.example.com"));
    });
  }

  @Test
  void a_links_bean_the_host_defines_needs_no_base_url() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MembershipAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:ownlinks;DB_CLOSE_DELAY=-1",
            "membership.outbox.dispatcher.enabled=false")
        .withUserConfiguration(Host.class, OwnLinks.class)
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Memberships.class);
          assertThat(context.getBean(MembershipLinks.class).invitation("t")).hasToString("http://localhost:4711/i/t");
        });
  }

  @Test
  void a_base_url_that_is_not_an_absolute_http_address_is_refused_at_start_up() {
    runner().withPropertyValues("membership.base-url=/relative").run(context ->
        assertThat(analysis(context).getDescription()).contains("absolute http(s) address"));
  }

  @Test
  void membership_properties_become_the_policy() {
    runner().withPropertyValues("membership.invitations.expiry=2d", "membership.invitations.per-day=50",
            "membership.passwords.min-length=20", "membership.throttle.free-failures=3",
            "membership.throttle.first-wait=10s", "membership.outbox.max-attempts=7", "membership.outbox.lease=1m",
            "membership.passwords.temporary-expiry=2d", "membership.join-requests.cooldown=1h",
            "membership.join-requests.per-day=3", "membership.invitations.bulk-limit=25")
        .run(context -> {
          MembershipPolicy policy = context.getBean(MembershipPolicy.class);
          assertThat(policy.invitationTtl()).isEqualTo(Duration.ofDays(2));
          assertThat(policy.invitationsPerDay()).isEqualTo(50);
          assertThat(policy.minPasswordLength()).isEqualTo(20);
          assertThat(policy.signInThrottling().freeFailures()).isEqualTo(3);
          assertThat(policy.signInThrottling().firstWait()).isEqualTo(Duration.ofSeconds(10));
          assertThat(policy.outbox().maxAttempts()).isEqualTo(7);
          assertThat(policy.outbox().lease()).isEqualTo(Duration.ofMinutes(1));
          assertThat(policy.temporaryPasswordTtl()).isEqualTo(Duration.ofDays(2));
          assertThat(policy.joinRequestCooldown()).isEqualTo(Duration.ofHours(1));
          assertThat(policy.joinRequestsPerDay()).isEqualTo(3);
          assertThat(policy.bulkInvitationLimit()).isEqualTo(25);
        });
  }

  @Test
  void the_retention_settings_become_the_policy_and_one_out_of_range_names_its_property() {
    runner().withPropertyValues("membership.retention.answered-join-requests=30d",
            "membership.retention.ended-invitations=14d")
        .run(context -> assertThat(context.getBean(MembershipPolicy.class).retention())
            .isEqualTo(new MembershipPolicy.RetentionPolicy(Duration.ofDays(30), Duration.ofDays(14))));
    runner().run(context -> assertThat(context.getBean(MembershipPolicy.class).retention())
        .isEqualTo(MembershipPolicy.RetentionPolicy.defaults()));
    runner().withPropertyValues("membership.retention.ended-invitations=1h")
        .run(context -> assertThat(analysis(context).getDescription())
            .contains("membership.retention.ended-invitations").contains("between 1 and 3650 days"));
  }

  @Test
  void the_catalogue_staleness_and_the_end_notice_come_from_their_properties() {
    runner().withPropertyValues("membership.applications.catalogue-staleness=-1s")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasRootCauseMessage("the staleness must not be negative"));
    runner().withPropertyValues("membership.entitlements.end-notice=0s")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasRootCauseMessage("the notice must come some time before the end"));
    runner().withPropertyValues("membership.applications.catalogue-staleness=0s", "membership.entitlements.end-notice=3d")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Memberships.class));
  }

  @Test
  void the_access_cache_is_off_unless_enabled_and_then_keeps_a_yes_up_to_its_staleness() {
    for (boolean enabled : new boolean[] {false, true}) {
      InMemoryMembershipStore store = new InMemoryMembershipStore();
      MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
      runner().withBean(MembershipStore.class, () -> store).withBean(MutableClock.class, () -> clock)
          .withPropertyValues("membership.access-cache.enabled=" + enabled, "membership.access-cache.max-staleness=3s")
          .run(context -> {
            Memberships membership = context.getBean(Memberships.class);
            AccountId ann = account(membership, context.getBean(Host.class).sent, "ann@example.com");
            var acme = membership.organisations().create(ann, "Acme");
            assertThat(membership.access().has(ann, acme.id(), Permission.DELETE_ORGANISATION)).isTrue();
            // Another server on the same database deletes the organisation.
            Memberships other = Memberships.builder().store(store).clock(clock)
                .invitationLinks(token -> java.net.URI.create("https://other/" + token)).build();
            other.organisations().delete(ann, acme.id(), "Acme");

            assertThat(membership.access().has(ann, acme.id(), Permission.DELETE_ORGANISATION))
                .as("enabled=%s, before the staleness", enabled).isEqualTo(enabled);
            clock.advance(Duration.ofSeconds(3));
            assertThat(membership.access().has(ann, acme.id(), Permission.DELETE_ORGANISATION))
                .as("enabled=%s, after the staleness", enabled).isFalse();
          });
    }
  }

  @Test
  void an_access_cache_setting_out_of_range_fails_start_up_naming_its_property() {
    runner().withPropertyValues("membership.access-cache.enabled=true", "membership.access-cache.max-staleness=10m")
        .run(context -> assertThat(analysis(context).getDescription())
            .contains("membership.access-cache.max-staleness").contains("between 1 second and 5 minutes"));
    runner().withPropertyValues("membership.access-cache.max-entries=0")
        .run(context -> assertThat(analysis(context).getDescription())
            .contains("membership.access-cache.max-entries").contains("between 1 and 1000000"));
  }

  @Test
  void a_setting_out_of_range_fails_start_up_naming_the_property() {
    runner().withPropertyValues("membership.invitations.expiry=60d")
        .run(context -> assertThat(analysis(context).getDescription())
            .contains("membership.invitations.expiry").contains("at most 30 days"));
    runner().withPropertyValues("membership.throttle.hard-limit=500")
        .run(context -> assertThat(analysis(context).getDescription()).contains("membership.throttle.hard-limit"));
    runner().withPropertyValues("membership.join-requests.per-day=500")
        .run(context -> assertThat(analysis(context).getDescription()).contains("membership.join-requests.per-day"));
    runner().withPropertyValues("membership.invitations.bulk-limit=5000")
        .run(context -> assertThat(analysis(context).getDescription()).contains("membership.invitations.bulk-limit"));
  }

  @Test
  void a_deleted_organisations_retention_comes_from_its_property_and_out_of_range_names_it() {
    runner().run(context -> assertThat(context.getBean(MembershipPolicy.class).deletedOrganisationRetention())
        .isEqualTo(MembershipPolicy.DEFAULT_DELETED_ORGANISATION_RETENTION));
    runner().withPropertyValues("membership.organisations.deleted-retention=30d")
        .run(context -> assertThat(context.getBean(MembershipPolicy.class).deletedOrganisationRetention())
            .isEqualTo(Duration.ofDays(30)));
    runner().withPropertyValues("membership.organisations.deleted-retention=1h")
        .run(context -> assertThat(analysis(context).getDescription())
            .contains("membership.organisations.deleted-retention").contains("between 1 and 3650 days"));
  }

  @Test
  void the_host_clock_bean_is_the_library_clock() {
    Instant start = Instant.parse("2030-01-01T00:00:00Z");
    runner().withBean(MutableClock.class, () -> MutableClock.at(start)).run(context -> {
      Memberships membership = context.getBean(Memberships.class);
      AccountId ann = account(membership, context.getBean(Host.class).sent, "ann@example.com");
      var acme = membership.organisations().create(ann, "Acme");
      var invitation = membership.invitations().invite(ann, acme.id(), Invite.of("bob@example.com", Role.MEMBER));
      assertThat(invitation.expiresAt()).isEqualTo(start.plus(Duration.ofDays(7)));
    });
  }

  @Test
  void a_membership_the_host_defines_replaces_the_auto_configured_one() {
    Memberships own = Memberships.builder().store(new InMemoryMembershipStore())
        .invitationLinks(token -> java.net.URI.create("https://own/" + token)).build();
    runner().withBean("hostMembership", Memberships.class, () -> own).run(context ->
        assertThat(context.getBean(Memberships.class)).isSameAs(own));
  }

  @Test
  void a_store_the_host_defines_is_the_one_membership_uses() {
    InMemoryMembershipStore store = new InMemoryMembershipStore();
    runner().withBean(MembershipStore.class, () -> store).run(context -> {
      assertThat(context).hasSingleBean(MembershipStore.class).doesNotHaveBean(JooqMembershipStore.class);
      Memberships membership = context.getBean(Memberships.class);
      account(membership, context.getBean(Host.class).sent, "ann@example.com");
      assertThat(tables(context.getBean(DataSource.class))).contains("membership_account");
      assertThat(membership.accounts().findByEmail("ann@example.com")).isPresent();
      try (Connection connection = context.getBean(DataSource.class).getConnection();
          ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM membership_account")) {
        rows.next();
        assertThat(rows.getLong(1)).isZero();
      }
    });
  }

  @Test
  void a_policy_the_host_defines_wins_over_the_properties() {
    runner().withPropertyValues("membership.passwords.min-length=20")
        .withBean(MembershipPolicy.class, () -> MembershipPolicy.defaults().withMinPasswordLength(30))
        .run(context -> assertThat(context.getBean(MembershipPolicy.class).minPasswordLength()).isEqualTo(30));
  }

  @Test
  void without_a_data_source_there_is_no_store_and_no_membership() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MembershipAutoConfiguration.class))
        .withPropertyValues("membership.base-url=https://app.example.com")
        .withUserConfiguration(Host.class)
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Memberships.class)
            .doesNotHaveBean(MembershipStore.class));
  }

  @Test
  void with_the_none_strategy_the_library_leaves_the_schema_to_the_host() {
    runner().withPropertyValues("membership.migrations.strategy=none").run(context -> {
      assertThat(tables(context.getBean(DataSource.class))).isEmpty();
      assertThat(context.getBean(MembershipSchema.class).pending()).isPositive();
    });
  }

  @Test
  void the_host_flyway_strategy_without_flyway_in_the_application_fails_saying_what_to_do() {
    runner().withPropertyValues("membership.migrations.strategy=host-flyway").run(context ->
        assertThat(analysis(context).getAction()).contains("spring-boot-starter-flyway", "strategy=library"));
  }

  @Test
  void the_host_flyway_strategy_migrates_with_the_host_flyway_settings_into_the_library_history_table() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            MembershipAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:hostflyway;DB_CLOSE_DELAY=-1",
            "spring.flyway.locations=classpath:db/host-migration", "membership.base-url=https://app.example.com",
            "membership.migrations.strategy=host-flyway", "membership.outbox.dispatcher.enabled=false")
        .withUserConfiguration(Host.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(tables(context.getBean(DataSource.class))).contains("membership_account",
              "membership_schema_history");
          assertThat(context.getBean(MembershipSchema.class).pending()).isZero();
          try (Connection connection = context.getBean(DataSource.class).getConnection();
              ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM \"host_note\"")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
          }
        });
  }

  @Test
  void the_outbox_dispatcher_is_a_managed_bean_unless_turned_off() {
    runner().withPropertyValues("membership.outbox.dispatcher.enabled=true").run(context ->
        assertThat(context).hasSingleBean(MembershipOutboxDispatcher.class)
            .getBean(MembershipOutboxDispatcher.class).matches(MembershipOutboxDispatcher::isRunning));
    runner().run(context -> assertThat(context).doesNotHaveBean(MembershipOutboxDispatcher.class));
  }

  static FailureAnalysis analysis(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable failure = context.getStartupFailure();
    FailureAnalysis analysis = new MembershipFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("a failure Memberships explains, not: %s", failure).isNotNull();
    return analysis;
  }
}
