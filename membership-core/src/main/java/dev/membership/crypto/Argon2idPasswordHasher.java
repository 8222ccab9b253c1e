package dev.membership.crypto;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.spi.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default {@link PasswordHasher}: Argon2id through argon2-jvm (LGPL-3.0, native code via JNA),
 * at the OWASP minimum m=19456 KiB, t=2, p=1 or stronger. At most as many hashes run at once as the
 * machine has cores, so a burst of sign-ins queues instead of exhausting memory.
 *
 * <p>On JDK 24+ run with {@code --enable-native-access=ALL-UNNAMED} to silence JNA's warning.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {
  private static final Pattern PARAMS = Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$");

  /** OWASP's minimum for Argon2id. */
  public static final int MIN_MEMORY_KIB = 19_456;
  public static final int MIN_ITERATIONS = 2;

  private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final Semaphore permits;

  private Argon2idPasswordHasher(int memoryKib, int iterations, int parallelism, int concurrency) {
    if (memoryKib < MIN_MEMORY_KIB || iterations < MIN_ITERATIONS || parallelism < 1) {
      throw new IllegalArgumentException("weaker than OWASP's minimum m=19456 KiB, t=2, p=1");
    }
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.permits = new Semaphore(Math.max(1, concurrency), true);
  }

  /** m=19456 KiB, t=2, p=1, at most one hash per core at once. */
  public static Argon2idPasswordHasher owaspMinimum() {
    return new Argon2idPasswordHasher(MIN_MEMORY_KIB, MIN_ITERATIONS, 1, Runtime.getRuntime().availableProcessors());
  }

  /** Stronger parameters; anything below the OWASP minimum is refused. */
  public static Argon2idPasswordHasher withParameters(int memoryKib, int iterations, int parallelism, int concurrency) {
    return new Argon2idPasswordHasher(memoryKib, iterations, parallelism, concurrency);
  }

  @Override
  public PasswordHash hash(Password password) {
    char[] chars = password.reveal().toCharArray();
    permits.acquireUninterruptibly();
    try {
      return new PasswordHash(argon2.hash(iterations, memoryKib, parallelism, chars, StandardCharsets.UTF_8));
    } finally {
      permits.release();
      argon2.wipeArray(chars);
    }
  }

  @Override
  public boolean verify(PasswordHash hash, Password password) {
    if (!hash.encoded().startsWith("$argon2id$")) {
      return false;
    }
    char[] chars = password.reveal().toCharArray();
    permits.acquireUninterruptibly();
    try {
      return argon2.verify(hash.encoded(), chars, StandardCharsets.UTF_8);
    } finally {
      permits.release();
      argon2.wipeArray(chars);
    }
  }

  @Override
  public boolean needsRehash(PasswordHash hash) {
    Matcher m = PARAMS.matcher(hash.encoded());
    if (!m.find()) {
      return true;
    }
    return Integer.parseInt(m.group(1)) < memoryKib
        || Integer.parseInt(m.group(2)) < iterations
        || Integer.parseInt(m.group(3)) < parallelism;
  }

  @Override
  public String toString() {
    return "Argon2idPasswordHasher[m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "]";
  }
}
