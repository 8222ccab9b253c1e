package dev.membership.testkit;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.SignUp;
import dev.membership.domain.SignUpId;
import dev.membership.domain.TokenHash;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.spi.SignUps;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The sign-ups of the in-memory store. Guarded by the store's lock like everything else in it; each
 * transaction sees them through {@link #in}, which registers how to undo every write.
 */
final class InMemorySignUps {
  private static final Comparator<SignUp> NEWEST_FIRST = Comparator.comparing(SignUp::createdAt)
      .thenComparing(s -> s.id().toString()).reversed();

  private final Map<SignUpId, SignUp> byId = new HashMap<>();
  private final Map<TokenHash, SignUpId> byToken = new HashMap<>();

  /** The port as one transaction sees it: {@code undoLog} receives the step that undoes each write. */
  SignUps in(Consumer<Runnable> undoLog) {
    return new SignUps() {
      @Override
      public void insert(SignUp signUp) {
        if (byId.containsKey(signUp.id()) || signUp.tokenHash().map(byToken::containsKey).orElse(false)) {
          throw new IllegalStateException("duplicate sign-up id or token");
        }
        undoLog.accept(() -> forget(signUp));
        byId.put(signUp.id(), signUp);
        signUp.tokenHash().ifPresent(token -> byToken.put(token, signUp.id()));
      }

      @Override
      public Optional<SignUp> findByTokenHash(TokenHash hash) {
        return Optional.ofNullable(byToken.get(hash)).map(byId::get);
      }

      @Override
      public List<SignUp> ofAddress(EmailAddress email, Instant since, int limit) {
        return byId.values().stream()
            .filter(s -> s.email().equals(email) && !s.createdAt().isBefore(since))
            .sorted(NEWEST_FIRST)
            .limit(Math.max(0, limit))
            .toList();
      }

      @Override
      public SignUp update(SignUp signUp) {
        SignUp stored = byId.get(signUp.id());
        if (stored == null || stored.version() != signUp.version()) {
          throw new ConcurrentModificationException("The sign-up");
        }
        if (!stored.email().equals(signUp.email()) || !stored.tokenHash().equals(signUp.tokenHash())) {
          throw new IllegalArgumentException("a sign-up's address and token never change");
        }
        SignUp next = new SignUp(signUp.id(), signUp.email(), signUp.status(), signUp.chosen(), signUp.tokenHash(),
            signUp.failedAttempts(), signUp.createdAt(), signUp.expiresAt(), signUp.closedAt(), signUp.version() + 1);
        undoLog.accept(() -> byId.put(stored.id(), stored));
        byId.put(next.id(), next);
        return next;
      }

      @Override
      public int purgeMadeBefore(Instant before, int limit) {
        List<SignUp> old = byId.values().stream()
            .filter(s -> s.createdAt().isBefore(before))
            .sorted(NEWEST_FIRST.reversed())
            .limit(Math.max(0, limit))
            .toList();
        for (SignUp signUp : old) {
          undoLog.accept(() -> remember(signUp));
          forget(signUp);
        }
        return old.size();
      }

      @Override
      public int deleteOfAddress(EmailAddress email) {
        List<SignUp> ofAddress = byId.values().stream().filter(s -> s.email().equals(email)).toList();
        for (SignUp signUp : ofAddress) {
          undoLog.accept(() -> remember(signUp));
          forget(signUp);
        }
        return ofAddress.size();
      }
    };
  }

  private void forget(SignUp signUp) {
    byId.remove(signUp.id());
    signUp.tokenHash().ifPresent(byToken::remove);
  }

  private void remember(SignUp signUp) {
    byId.put(signUp.id(), signUp);
    signUp.tokenHash().ifPresent(token -> byToken.put(token, signUp.id()));
  }
}
