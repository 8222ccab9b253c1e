package dev.membership.benchmarks;

import dev.membership.Memberships;
import dev.membership.SignInResult;
import dev.membership.command.Registration;
import dev.membership.crypto.Argon2idPasswordHasher;
import dev.membership.domain.Account;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.jooq.MembershipDatabase;
import dev.membership.spi.PasswordHasher;
import dev.membership.testkit.FastTestPasswordHasher;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures "sign-in overhead beyond one verify <= 5%", with the throttle kept in the store: sign-in
 * on the jOOQ store over PostgreSQL, one thread.
 *
 * <ul>
 *   <li>{@code argon2Verify}: {@code Argon2idPasswordHasher.owaspMinimum()}'s verify alone, the floor.
 *   <li>{@code signIn}: {@code accounts().signIn(email, password, clientKey)} with that hasher, the
 *       right password: the throttle's transaction (lock the three counters, count, read the
 *       account), the verify, then the success's transaction (reset the counters, update the account).
 *   <li>{@code storeWorkOfSignIn}: the same sign-in with the test-only hasher (microseconds), so
 *       what is left is the store work of a successful sign-in: 2 transactions, 9 statements.
 *   <li>{@code storeWorkWithoutThrottle}: the store work sign-in did when its throttle was in memory,
 *       through the same port: read the account (1 transaction), read and update it (1 transaction),
 *       3 statements. {@code storeWorkOfSignIn} minus this is what the throttle costs.
 *   <li>{@code storeWorkOfFailedSignIn}: a wrong password for an address without an account, a new
 *       address each time (the throttle inserts its counter), no client key: 1 transaction, 4
 *       statements.
 * </ul>
 *
 * <p>On a shared machine the load changes between one benchmark and the next, so two groups also run
 * both sides of a comparison at the same time, one thread each, under the same load: group {@code
 * storeWork} ({@code withThrottle} = {@code storeWorkOfSignIn}, {@code withoutThrottle} =
 * {@code storeWorkWithoutThrottle}) and group {@code argon2} ({@code signInWithArgon2} = {@code signIn},
 * {@code verifyAlone} = {@code argon2Verify}). Their figures include the other thread's competition
 * for the two cores; their ratios are the ones to read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SignInThrottleBenchmark {
  private static final String NAME = "bench_signin";
  private static final String PASSWORD = "correct horse battery staple";
  private static final String EMAIL = "ana@acme.test";
  private static final String CLIENT = "203.0.113.7";

  @Param({"postgresql"})
  public String store;

  private MembershipDatabase database;
  private Argon2idPasswordHasher argon2;
  private PasswordHash argon2Hash;
  private Password password;
  private Password wrong;
  private Memberships withArgon2;
  private Memberships withFastHasher;
  private long unknown;
  private final AtomicReference<String> verification = new AtomicReference<>();

  @Setup(Level.Trial)
  public void setUp() {
    Databases.drop(store, NAME);
    database = Databases.open(store, NAME);
    argon2 = Argon2idPasswordHasher.owaspMinimum();
    password = Password.of(PASSWORD);
    wrong = Password.of("not the right passphrase");
    argon2Hash = argon2.hash(password);
    withArgon2 = membership(argon2);
    withFastHasher = membership(new FastTestPasswordHasher());
    signUp(withArgon2, EMAIL, "Ana");
    signUp(withFastHasher, "bo@acme.test", "Bo");
    if (!(signIn() instanceof SignInResult.SignedIn) || !(storeWorkOfSignIn() instanceof SignInResult.SignedIn)) {
      throw new IllegalStateException("sign-in should succeed");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    database.close();
    Databases.drop(store, NAME);
  }

  private Memberships membership(PasswordHasher hasher) {
    return Memberships.builder()
        .store(database.store())
        .passwordHasher(hasher)
        .notifications(notification -> notification.link().ifPresent(link -> verification.set(link.getPath())))
        .invitationLinks(token -> URI.create("https://app.test/invitations/" + token))
        .emailVerificationLinks(token -> URI.create("https://app.test/verify/" + token))
        .build();
  }

  /** Signs up and follows the e-mailed link: the account exists once its address is proved. */
  private void signUp(Memberships membership, String email, String name) {
    membership.accounts().register(Registration.of(email, name, PASSWORD));
    membership.outbox().deliverDue();
    String path = verification.get();
    membership.accounts().verifyEmail(path.substring(path.lastIndexOf('/') + 1), password);
  }

  @Benchmark
  public boolean argon2Verify() {
    return argon2.verify(argon2Hash, password);
  }

  @Benchmark
  public SignInResult signIn() {
    return withArgon2.accounts().signIn(EMAIL, password, CLIENT);
  }

  @Benchmark
  public SignInResult storeWorkOfSignIn() {
    return withFastHasher.accounts().signIn("bo@acme.test", password, CLIENT);
  }

  @Benchmark
  public Account storeWorkWithoutThrottle() {
    Account found = database.store().inTransaction(tx -> tx.accounts().findByEmail(EmailAddress.of(EMAIL))).orElseThrow();
    Instant now = Instant.now();
    return database.store().inTransaction(tx -> tx.accounts().update(tx.accounts().find(found.id()).orElseThrow().signedInAt(now)));
  }

  @Benchmark
  @Group("storeWork")
  @GroupThreads(1)
  public SignInResult withThrottle() {
    return storeWorkOfSignIn();
  }

  @Benchmark
  @Group("storeWork")
  @GroupThreads(1)
  public Account withoutThrottle() {
    return storeWorkWithoutThrottle();
  }

  @Benchmark
  @Group("argon2")
  @GroupThreads(1)
  public SignInResult signInWithArgon2() {
    return signIn();
  }

  @Benchmark
  @Group("argon2")
  @GroupThreads(1)
  public boolean verifyAlone() {
    return argon2Verify();
  }

  @Benchmark
  public SignInResult storeWorkOfFailedSignIn() {
    return withFastHasher.accounts().signIn("nobody-" + (unknown++) + "@acme.test", wrong);
  }
}
