package dev.membership.spring.boot.autoconfigure;

import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.error.InvalidInputException;
import dev.membership.jooq.JooqMembershipStore;
import dev.membership.spi.BreachedPasswordCheck;
import dev.membership.spi.CommandObserver;
import dev.membership.spi.MembershipEventListener;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.NotificationSender;
import dev.membership.spi.PasswordHasher;
import dev.membership.spi.SecretGenerator;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the application's {@link Memberships}: the jOOQ store on the host's {@link DataSource} (its
 * schema migrated as {@code membership.migrations.strategy} says), the host's {@link Clock} if it
 * has one, the host's {@link NotificationSender} (required), its {@link MembershipLinks} (else links
 * under {@code membership.base-url}),
 * the policy from {@code membership.*}, and the host's event listeners, password hasher, secret
 * generator, breached-password check and command observer where it defines them. Every bean here
 * yields to one the host defines.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@ConditionalOnClass(Memberships.class)
@EnableConfigurationProperties(MembershipProperties.class)
public class MembershipAutoConfiguration {

  /** The policy from {@code membership.*}; define a {@link MembershipPolicy} bean to set it in code. */
  @Bean
  @ConditionalOnMissingBean
  MembershipPolicy membershipPolicy(MembershipProperties properties) {
    return policy(properties);
  }

  static MembershipPolicy policy(MembershipProperties properties) {
    MembershipPolicy defaults = MembershipPolicy.defaults();
    MembershipProperties.Throttle t = properties.throttle();
    MembershipProperties.Outbox o = properties.outbox();
    try {
      return new MembershipPolicy(
          properties.invitations().expiry(),
          properties.passwords().temporaryExpiry(),
          properties.passwords().minLength(),
          properties.passwords().maxLength(),
          new MembershipPolicy.SignInThrottling(t.freeFailures(), t.sourceFreeFailures(), t.firstWait(),
              t.maxWait(), t.hardLimit(), t.hardLockout(), t.trustedSourceFor(), t.forgetAfter()),
          properties.joinRequests().cooldown(),
          properties.joinRequests().perDay(),
          properties.invitations().perDay(),
          new MembershipPolicy.OutboxPolicy(o.maxAttempts(), o.lease(), o.deliveredRetention()),
          defaults.signUpRules(),
          properties.invitations().bulkLimit(),
          properties.organisations().deletedRetention(),
          new MembershipPolicy.RetentionPolicy(properties.retention().answeredJoinRequests(),
              properties.retention().endedInvitations()));
    } catch (InvalidInputException e) {
      String settings = e.fields().stream()
          .map(f -> property(f.field()) + ": " + f.message())
          .reduce((a, b) -> a + "; " + b)
          .orElse(e.getMessage());
      throw new MembershipConfigurationException("Memberships's settings are out of range: " + settings + ".",
          "Correct these membership.* properties (see the property descriptions in your IDE or the README).", e);
    }
  }

  /**
   * The access cache when {@code membership.access-cache.enabled}; its size and staleness are checked
   * either way, and one out of range fails start-up naming its property.
   */
  static Optional<dev.membership.AccessCache> accessCache(MembershipProperties.AccessCache settings) {
    try {
      dev.membership.AccessCache cache = dev.membership.AccessCache.of(settings.maxEntries(), settings.maxStaleness());
      return settings.enabled() ? Optional.of(cache) : Optional.empty();
    } catch (InvalidInputException e) {
      String problems = e.fields().stream()
          .map(f -> "membership.access-cache." + kebab(f.field()) + ": " + f.message())
          .reduce((a, b) -> a + "; " + b)
          .orElse(e.getMessage());
      throw new MembershipConfigurationException("Memberships's settings are out of range: " + problems + ".",
          "Correct these membership.access-cache.* properties (see the property descriptions in your IDE or the README).", e);
    }
  }

  /** The {@code membership.*} property a policy field comes from. */
  private static String property(String field) {
    return switch (field) {
      case "invitationTtl" -> "membership.invitations.expiry";
      case "invitationsPerDay" -> "membership.invitations.per-day";
      case "bulkInvitationLimit" -> "membership.invitations.bulk-limit";
      case "minPasswordLength" -> "membership.passwords.min-length";
      case "maxPasswordLength" -> "membership.passwords.max-length";
      case "temporaryPasswordTtl" -> "membership.passwords.temporary-expiry";
      case "joinRequestCooldown" -> "membership.join-requests.cooldown";
      case "joinRequestsPerDay" -> "membership.join-requests.per-day";
      case "maxAttempts" -> "membership.outbox.max-attempts";
      case "lease" -> "membership.outbox.lease";
      case "deliveredRetention" -> "membership.outbox.delivered-retention";
      case "deletedOrganisationRetention" -> "membership.organisations.deleted-retention";
      case "answeredJoinRequests" -> "membership.retention.answered-join-requests";
      case "endedInvitations" -> "membership.retention.ended-invitations";
      default -> field.startsWith("signInThrottling.")
          ? "membership.throttle." + kebab(field.substring("signInThrottling.".length()))
          : field;
    };
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** The store and its schema, on the host's one DataSource. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({JooqMembershipStore.class, Flyway.class})
  @ConditionalOnSingleCandidate(DataSource.class)
  static class JooqStoreConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MembershipSchema membershipSchema(DataSource dataSource, MembershipProperties properties,
        ObjectProvider<Flyway> hostFlyway) {
      MembershipProperties.Strategy strategy = properties.migrations().strategy();
      Optional<Flyway> host = strategy == MembershipProperties.Strategy.HOST_FLYWAY
          ? Optional.ofNullable(hostFlyway.getIfUnique())
          : Optional.empty();
      MembershipSchema schema = new MembershipSchema(dataSource, strategy, host);
      schema.migrate();
      return schema;
    }

    @Bean
    @ConditionalOnMissingBean
    MembershipStore membershipStore(DataSource dataSource, MembershipSchema schema) {
      return JooqMembershipStore.create(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxBacklog membershipOutboxBacklog(DataSource dataSource, ObjectProvider<Clock> clock) {
      return new OutboxBacklog(dataSource, clock.getIfUnique(Clock::systemUTC));
    }
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(MembershipStore.class)
  Memberships membership(MembershipStore store, MembershipProperties properties, MembershipPolicy policy,
      MembershipLinks links, ObjectProvider<NotificationSender> sender, ObjectProvider<Clock> clock,
      ObjectProvider<MembershipEventListener> listeners, ObjectProvider<PasswordHasher> hasher,
      ObjectProvider<SecretGenerator> secrets, ObjectProvider<BreachedPasswordCheck> breached,
      ObjectProvider<CommandObserver> observers) {
    NotificationSender notifications = sender.getIfUnique();
    if (notifications == null) {
      throw new MembershipConfigurationException(
          "Memberships needs a NotificationSender bean to send its e-mails (invitations, address"
              + " verification, join requests), and the application defines "
              + (sender.stream().findAny().isPresent() ? "more than one." : "none."),
          "Define one bean of type dev.membership.spi.NotificationSender, e.g.\n\n"
              + "    @Bean\n"
              + "    NotificationSender notificationSender(JavaMailSender mail) {\n"
              + "      return notification -> mail.send(...);\n"
              + "    }\n\n"
              + "It is called outside any transaction, at least once per notification (pass"
              + " notification.idempotencyKey() to the mail provider); whatever it throws is retried with back-off.");
    }
    Memberships.Builder builder = Memberships.builder()
        .store(store)
        .policy(policy)
        .notifications(notifications)
        .invitationLinks(links::invitation)
        .emailVerificationLinks(links::emailVerification)
        .clock(clock.getIfUnique(Clock::systemUTC))
        .deliverNotificationsAfterCommit(properties.outbox().deliverAfterCommit())
        .applicationCatalogueStaleness(properties.applications().catalogueStaleness())
        .entitlementEndNotice(properties.entitlements().endNotice());
    accessCache(properties.accessCache()).ifPresent(builder::accessCache);
    listeners.orderedStream().forEach(builder::listener);
    hasher.ifUnique(builder::passwordHasher);
    secrets.ifUnique(builder::secrets);
    breached.ifUnique(builder::breachedPasswords);
    observers.orderedStream().reduce(CommandObserver::and).ifPresent(builder::observer);
    return builder.build();
  }

  /**
   * Links under {@code membership.base-url}, unless the host defines its own {@link MembershipLinks}
   * (e.g. one that knows the port a development server got only at start-up).
   */
  @Bean
  @ConditionalOnMissingBean
  MembershipLinks membershipLinks(MembershipProperties properties) {
    return MembershipLinks.under(baseUrl(properties.baseUrl()), properties.invitationPath(),
        properties.verificationPath());
  }

  static URI baseUrl(String configured) {
    String action = "Set membership.base-url to the public address of the application, e.g."
        + " membership.base-url=https://app.example.com, or define a bean of type"
        + " dev.membership.spring.boot.autoconfigure.MembershipLinks that builds the links. Invitation and"
        + " address-verification links start with it; they are never built from a request's Host header,"
        + " which a client controls.";
    if (configured.isBlank()) {
      throw new MembershipConfigurationException("Memberships has no address for the links in its e-mails:"
          + " membership.base-url is not set and the application defines no MembershipLinks bean.", action);
    }
    try {
      URI uri = new URI(configured.strip());
      if (!uri.isAbsolute() || uri.getHost() == null
          || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
          || uri.getQuery() != null || uri.getFragment() != null) {
        throw new MembershipConfigurationException("membership.base-url must be an absolute http(s) address"
            + " without query or fragment; it is '" + configured + "'.", action);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new MembershipConfigurationException("membership.base-url is not an address: '" + configured + "'.",
          action, e);
    }
  }

  /** This instance's outbox dispatcher; {@code membership.outbox.dispatcher.enabled=false} turns it off. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(Memberships.class)
  @ConditionalOnBooleanProperty(name = "membership.outbox.dispatcher.enabled", matchIfMissing = true)
  MembershipOutboxDispatcher membershipOutboxDispatcher(Memberships membership, MembershipProperties properties) {
    return new MembershipOutboxDispatcher(membership, properties.outbox().dispatcher());
  }
}
