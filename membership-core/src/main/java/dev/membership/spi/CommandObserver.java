package dev.membership.spi;

import java.util.Objects;

/**
 * Watches the library's commands: each reports its start and its end with the command's name (e.g.
 * {@code invitations.invite}, {@code accounts.signIn}) and an outcome code, so that a host can time
 * them, count them and trace them ({@code membership-micrometer} implements it with Micrometer).
 * Names and outcomes are a small fixed set: they never carry an organisation, an account, an address
 * or a token, so they are safe as metric tags.
 *
 * <p>The outcome is {@link #OK} when the command returned, the {@link dev.membership.error.ErrorCode}
 * name when it threw a {@link dev.membership.error.MembershipException}, {@link #ERROR} for anything
 * else, and for {@code accounts.signIn} the kind of {@link dev.membership.SignInResult} ({@code
 * SIGNED_IN}, {@code FAILED}, {@code THROTTLED}, {@code PASSWORD_CHANGE_REQUIRED}, {@code
 * TEMPORARY_PASSWORD_EXPIRED}).
 *
 * <p>What is observed is each unit of store work a public command runs, named after that command;
 * {@code accounts.signIn} is observed whole, from before its throttle check to its answer. A command
 * that runs two transactions (e.g. {@code accounts.register}: a read, then the write) is seen twice;
 * an input refused before the store is reached is not seen; the outbox's own transactions are not
 * seen (a host watches the outbox through its backlog instead). Set it with {@code
 * Membership.builder().observer(...)}; the default observes nothing and costs nothing.
 *
 * <p>Implementations must be thread-safe and fast, and must not throw: whatever they throw is
 * dropped, never the command's.
 */
@FunctionalInterface
public interface CommandObserver {
  /** The outcome of a command that returned normally. */
  String OK = "OK";

  /** The outcome of a command that failed with something other than a {@code MembershipException}. */
  String ERROR = "ERROR";

  /** Called on the command's thread as it starts; the scope it returns is ended exactly once. */
  Scope start(String command);

  /** One running command. */
  interface Scope {
    /**
     * The command ended.
     *
     * @param outcome {@link #OK}, an error code name, {@link #ERROR} or a sign-in result kind
     * @param error what it threw, if it threw
     */
    void end(String outcome, java.util.Optional<Throwable> error);
  }

  /** Observes nothing. */
  static CommandObserver none() {
    return Noop.INSTANCE;
  }

  /** Both observers, in this order (e.g. metrics and a log). */
  default CommandObserver and(CommandObserver other) {
    Objects.requireNonNull(other, "other");
    CommandObserver self = this;
    return command -> {
      Scope first = self.start(command);
      Scope second = other.start(command);
      return (outcome, error) -> {
        try {
          first.end(outcome, error);
        } finally {
          second.end(outcome, error);
        }
      };
    };
  }
}

/** The default observer. */
enum Noop implements CommandObserver, CommandObserver.Scope {
  INSTANCE;

  @Override
  public Scope start(String command) {
    return this;
  }

  @Override
  public void end(String outcome, java.util.Optional<Throwable> error) {}
}
