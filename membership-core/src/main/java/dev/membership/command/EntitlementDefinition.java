package dev.membership.command;

import dev.membership.domain.EntitlementKey;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;

/**
 * Application access an organisation holds.
 *
 * @param key its name, e.g. {@code analytics}
 * @param name what people see; cleaned by {@link TypedText#clean}
 * @param seatLimit at most this many members and pending invitations hold it; empty for unlimited
 * @param validUntil when a trial or licence ends; empty for never
 */
public record EntitlementDefinition(
    @NotNull EntitlementKey key,
    @NotBlank @Size(max = 200) @ValidText String name,
    @NotNull Optional<@Positive Integer> seatLimit,
    @NotNull Optional<Instant> validUntil) {

  public EntitlementDefinition {
    name = TypedText.clean(name);
  }

  /** Unlimited seats, no end date. */
  public static EntitlementDefinition of(String key, String name) {
    return new EntitlementDefinition(EntitlementKey.of(key), name, Optional.empty(), Optional.empty());
  }

  public EntitlementDefinition withSeats(int seats) {
    return new EntitlementDefinition(key, name, Optional.of(seats), validUntil);
  }

  public EntitlementDefinition until(Instant end) {
    return new EntitlementDefinition(key, name, seatLimit, Optional.of(end));
  }
}
