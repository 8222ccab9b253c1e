package dev.membership.jooq.internal;

import dev.membership.domain.AccountEventId;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditEventId;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.DomainId;
import dev.membership.domain.DomainName;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.InvitationId;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.MembershipId;
import dev.membership.domain.NotificationId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Permission;
import dev.membership.domain.RoleId;
import dev.membership.domain.SignUpId;
import dev.membership.domain.TokenHash;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Converter;

/**
 * The column types of the generated tables, named in the code generator's {@code forcedTypes}
 * (membership-jooq/pom.xml): ids, addresses and hashes as their domain records ({@code CHAR} ids are
 * stripped of the padding some databases add), instants as nanoseconds since the epoch, key and
 * permission sets as sorted comma-separated text, string maps as a JSON object ({@link Codec}). A
 * {@code NULL} column is a {@code null} value either way.
 */
public final class Converters {
  private Converters() {}

  /** How each text type is read: ids, role ids, entitlement keys, addresses; each is written as its {@code toString()}. */
  private static final Map<Class<?>, Function<String, ?>> TEXT = Map.ofEntries(
      Map.entry(OrganisationId.class, OrganisationId::of), Map.entry(AccountId.class, AccountId::of),
      Map.entry(MembershipId.class, MembershipId::of), Map.entry(InvitationId.class, InvitationId::of),
      Map.entry(JoinRequestId.class, JoinRequestId::of), Map.entry(AuditEventId.class, AuditEventId::of),
      Map.entry(AccountEventId.class, AccountEventId::of), Map.entry(NotificationId.class, NotificationId::of),
      Map.entry(SignUpId.class, SignUpId::of), Map.entry(RoleId.class, RoleId::of),
      Map.entry(EntitlementKey.class, EntitlementKey::of), Map.entry(EmailAddress.class, EmailAddress::of),
      Map.entry(DomainId.class, DomainId::of));

  /** A text column read as {@code type} (one of {@link #TEXT}'s) and written as its {@code toString()}. */
  public static <U> Converter<String, U> text(Class<U> type) {
    Function<String, ?> parse = TEXT.get(type);
    if (parse == null) {
      throw new IllegalArgumentException("no text form for " + type);
    }
    return text(type, value -> type.cast(parse.apply(value)), Object::toString);
  }

  /** SHA-256 hashes of link tokens, hex. */
  public static Converter<String, TokenHash> tokenHash() {
    return text(TokenHash.class, TokenHash::new, TokenHash::hex);
  }

  /** Encoded password hashes. */
  public static Converter<String, PasswordHash> passwordHash() {
    return text(PasswordHash.class, PasswordHash::new, PasswordHash::encoded);
  }

  /** Domain names, stored normalised. */
  public static Converter<String, DomainName> domainName() {
    return text(DomainName.class, DomainName::new, DomainName::value);
  }

  /** Instants as nanoseconds since the epoch (UTC). */
  public static Converter<Long, Instant> instant() {
    return Converter.ofNullable(Long.class, Instant.class, Codec::instant, Codec::nanos);
  }

  /** Sets of entitlement keys as sorted comma-separated text. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Converter<String, Set<EntitlementKey>> entitlementKeys() {
    return Converter.ofNullable(String.class, (Class<Set<EntitlementKey>>) (Class) Set.class, Codec::keys, Codec::keys);
  }

  /** Sets of permissions as sorted comma-separated text. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Converter<String, Set<Permission>> permissions() {
    return Converter.ofNullable(String.class, (Class<Set<Permission>>) (Class) Set.class, Codec::permissions,
        Codec::permissions);
  }

  /** Flat string maps as a JSON object. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Converter<String, Map<String, String>> stringMap() {
    return Converter.ofNullable(String.class, (Class<Map<String, String>>) (Class) Map.class, Codec::map, Codec::json);
  }

  /** A client version as its text (V8's {@code membership_client_report.client_version}). */
  public static Converter<String, ClientVersion> clientVersion() {
    return text(ClientVersion.class, ClientVersion::parse, ClientVersion::toString);
  }

  /** Minimum client versions, comma-separated ({@code membership_client_policy.minimums}). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Converter<String, List<ClientVersion>> clientVersions() {
    return Converter.ofNullable(String.class, (Class<List<ClientVersion>>) (Class) List.class,
        text -> Arrays.stream(text.split(",")).map(v -> ClientVersion.parse(v.strip())).toList(),
        versions -> versions.stream().map(ClientVersion::toString).collect(Collectors.joining(",")));
  }

  /** A UUID as its 36 characters. */
  public static Converter<String, UUID> uuid() {
    return text(UUID.class, UUID::fromString, UUID::toString);
  }

  private static <U> Converter<String, U> text(Class<U> type, Function<String, U> from, Function<U, String> to) {
    return Converter.ofNullable(String.class, type, value -> from.apply(value.strip()), to);
  }
}
