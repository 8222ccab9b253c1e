package dev.membership.domain;

import dev.membership.error.ErrorCode;
import dev.membership.error.IllegalStateTransitionException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A state machine's transitions as data (after resilience4j's {@code StateTransition} table): the
 * statuses each status may move to, and the error code a refused move answers. Every status type of
 * the domain keeps one in a constant and exposes it as {@code canMoveTo(next)}; every state change of
 * the domain records goes through {@link #require}.
 *
 * @param <S> the status type
 */
public final class Transitions<S extends Enum<S>> {
  private final String subject;
  private final Map<S, Set<S>> next;
  private final BiFunction<S, S, ErrorCode> refusal;

  private Transitions(String subject, Map<S, Set<S>> next, BiFunction<S, S, ErrorCode> refusal) {
    this.subject = subject;
    this.next = next;
    this.refusal = refusal;
  }

  /**
   * A table for {@code subject} (e.g. {@code "Invitation"}); {@code refusal} names the code of each
   * move the table lacks: a specific one where a user can ask for it (an invitation accepted already),
   * {@link ErrorCode#ILLEGAL_STATE_TRANSITION} where no user action reaches it.
   */
  static <S extends Enum<S>> Builder<S> of(Class<S> type, String subject, BiFunction<S, S, ErrorCode> refusal) {
    return new Builder<>(type, subject, refusal);
  }

  /** Whether {@code from} may move to {@code to}. */
  public boolean allows(S from, S to) {
    return from(from).contains(Objects.requireNonNull(to, "to"));
  }

  /** The statuses {@code from} may move to; empty for a final status. */
  public Set<S> from(S from) {
    return next.getOrDefault(Objects.requireNonNull(from, "from"), Set.of());
  }

  /** The code a refused move from {@code from} to {@code to} answers. */
  public ErrorCode refusal(S from, S to) {
    return refusal.apply(from, to);
  }

  /**
   * Checks the move, or throws {@link IllegalStateTransitionException} with the code the table names
   * for it and both statuses as data.
   */
  public void require(S from, S to) {
    if (!allows(from, to)) {
      throw new IllegalStateTransitionException(refusal(from, to), subject, from, to);
    }
  }

  /** Builds a table, one {@link #allow} per status that has somewhere to go. */
  static final class Builder<S extends Enum<S>> {
    private final Class<S> type;
    private final String subject;
    private final BiFunction<S, S, ErrorCode> refusal;
    private final EnumMap<S, Set<S>> next;

    private Builder(Class<S> type, String subject, BiFunction<S, S, ErrorCode> refusal) {
      this.type = type;
      this.subject = subject;
      this.refusal = refusal;
      this.next = new EnumMap<>(type);
    }

    @SafeVarargs
    final Builder<S> allow(S from, S... to) {
      EnumSet<S> targets = EnumSet.noneOf(type);
      targets.addAll(Set.of(to));
      next.put(from, Set.copyOf(targets));
      return this;
    }

    Transitions<S> build() {
      EnumMap<S, Set<S>> table = new EnumMap<>(type);
      for (S status : type.getEnumConstants()) {
        table.put(status, next.getOrDefault(status, Set.of()));
      }
      return new Transitions<>(subject, table, refusal);
    }
  }
}
