package dev.membership.benchmarks;

import dev.membership.Memberships;
import dev.membership.SignInResult;
import dev.membership.command.Registration;
import dev.membership.crypto.Argon2idPasswordHasher;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Password;
import dev.membership.testkit.InMemoryMembershipStore;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures "Argon2id hash at m=19456, t=2, p=1": {@code Argon2idPasswordHasher.owaspMinimum()}'s
 * {@code hash} and {@code verify} on one thread (target: about 20-25 ms), and
 * {@code accounts().signIn} with that hasher on the in-memory store (target: signIn / verify <= 1.05).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PasswordBenchmark {
  private static final String PASSWORD = "correct horse battery staple";

  private Argon2idPasswordHasher hasher;
  private Password password;
  private PasswordHash hash;
  private Memberships membership;

  @Setup(Level.Trial)
  public void setUp() {
    hasher = Argon2idPasswordHasher.owaspMinimum();
    password = Password.of(PASSWORD);
    hash = hasher.hash(password);
    AtomicReference<String> verification = new AtomicReference<>();
    membership = Memberships.builder()
        .store(new InMemoryMembershipStore())
        .passwordHasher(hasher)
        .notifications(notification -> notification.link().ifPresent(link -> verification.set(link.getPath())))
        .invitationLinks(token -> URI.create("https://app.test/invitations/" + token))
        .emailVerificationLinks(token -> URI.create("https://app.test/verify/" + token))
        .build();
    membership.accounts().register(Registration.of("ana@acme.test", "Ana", PASSWORD));
    String path = verification.get();
    membership.accounts().verifyEmail(path.substring(path.lastIndexOf('/') + 1), password);
    if (!(signIn() instanceof SignInResult.SignedIn)) {
      throw new IllegalStateException("sign-in should succeed");
    }
  }

  @Benchmark
  public PasswordHash hash() {
    return hasher.hash(password);
  }

  @Benchmark
  public boolean verify() {
    return hasher.verify(hash, password);
  }

  @Benchmark
  public SignInResult signIn() {
    return membership.accounts().signIn("ana@acme.test", password);
  }
}
