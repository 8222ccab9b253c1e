package dev.membership.internal;

import dev.membership.error.MembershipException;
import dev.membership.spi.CommandObserver;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.TransactionWork;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports commands to the host's {@link CommandObserver}. A store wrapped by {@link #store} names
 * each transaction after the public command that runs it (the outermost frame of a class in the
 * package {@code dev.membership}), found by walking the stack only when an observer is set; a command
 * observed whole by {@link #observe} hides the transactions it runs, and the outbox's transactions
 * are not reported.
 */
public final class ObservedCommands {
  private static final Logger LOG = Logger.getLogger(ObservedCommands.class.getName());
  private static final String FACADES = "dev.membership";
  private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private final CommandObserver observer;
  private final boolean observing;

  public ObservedCommands(CommandObserver observer) {
    this.observer = observer;
    this.observing = !CommandObserver.none().equals(observer);
  }

  /** The store, reporting each transaction a command runs; the store itself without an observer. */
  public static MembershipStore store(MembershipStore store, CommandObserver observer) {
    if (CommandObserver.none().equals(observer)) {
      return store;
    }
    return new Store(store, new ObservedCommands(observer));
  }

  /** The commands of {@code store}: what {@link #store} wrapped it with, else observing nothing. */
  public static ObservedCommands of(MembershipStore store) {
    return store instanceof Store observed ? observed.commands : NONE;
  }

  private static final ObservedCommands NONE = new ObservedCommands(CommandObserver.none());

  private record Store(MembershipStore store, ObservedCommands commands) implements MembershipStore {
    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
      if (ACTIVE.get() != null) {
        return store.inTransaction(work);
      }
      Optional<String> command = commandOnStack();
      if (command.isEmpty()) {
        return store.inTransaction(work);
      }
      return commands.observe(command.get(), () -> store.inTransaction(work), result -> CommandObserver.OK);
    }

    @Override
    public <T> T read(TransactionWork<T> work) {
      if (ACTIVE.get() != null) {
        return store.read(work);
      }
      Optional<String> command = commandOnStack();
      if (command.isEmpty()) {
        return store.read(work);
      }
      return commands.observe(command.get(), () -> store.read(work), result -> CommandObserver.OK);
    }

    @Override
    public String toString() {
      return store.toString();
    }
  }

  /** Runs one whole command, reported with the outcome {@code outcome} gives its result. */
  public <T> T observe(String command, Supplier<T> body, Function<T, String> outcome) {
    if (!observing || ACTIVE.get() != null) {
      return body.get();
    }
    CommandObserver.Scope scope;
    try {
      scope = observer.start(command);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The command observer failed; the command goes on: " + e.getClass().getName());
      return body.get();
    }
    ACTIVE.set(Boolean.TRUE);
    T result;
    try {
      result = body.get();
    } catch (RuntimeException | Error e) {
      ACTIVE.remove();
      end(scope, e instanceof MembershipException m ? m.code().name() : CommandObserver.ERROR, Optional.of(e));
      throw e;
    }
    ACTIVE.remove();
    end(scope, outcome.apply(result), Optional.empty());
    return result;
  }

  private static void end(CommandObserver.Scope scope, String outcome, Optional<Throwable> error) {
    try {
      scope.end(outcome, error);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The command observer failed: " + e.getClass().getName());
    }
  }

  /** {@code facade.method} of the outermost public command on the stack; empty inside the outbox. */
  static Optional<String> commandOnStack() {
    return WALKER.walk(frames -> {
      String[] found = new String[1];
      boolean[] outbox = new boolean[1];
      frames.forEach(frame -> {
        Class<?> type = frame.getDeclaringClass();
        if (type == OutboxDispatcher.class) {
          outbox[0] = true;
        } else if (FACADES.equals(type.getPackageName()) && type != dev.membership.Memberships.class) {
          found[0] = name(type, frame.getMethodName());
        }
      });
      return outbox[0] || found[0] == null ? Optional.<String>empty() : Optional.of(found[0]);
    });
  }

  private static String name(Class<?> facade, String method) {
    String simple = facade.getSimpleName();
    // A lambda's synthetic method (lambda$invite$3) is named after the method that holds it.
    if (method.startsWith("lambda$")) {
      int end = method.indexOf('$', 7);
      method = end > 7 ? method.substring(7, end) : method;
    }
    return simple.substring(0, 1).toLowerCase(Locale.ROOT) + simple.substring(1) + "." + method;
  }
}
