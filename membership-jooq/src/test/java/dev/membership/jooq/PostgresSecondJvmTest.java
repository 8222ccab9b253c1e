package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.SignInResult;
import dev.membership.command.Registration;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.Password;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.FleetPeer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two JVMs on one PostgreSQL schema: this one and a {@link FleetPeer} started with {@link
 * ProcessBuilder} on the same class path. What one JVM counts or claims, the other sees.
 */
class PostgresSecondJvmTest extends FleetBehaviourSupport {

  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }

  /** The other JVM runs on the system clock: so does this one here. */
  @BeforeEach
  void systemTime() {
    clock.set(Instant.now());
  }

  @Test
  void wrong_guesses_made_in_another_jvm_throttle_the_next_attempt_in_this_one() throws Exception {
    Memberships here = instance("here", 4, delivered::add);
    here.accounts().register(Registration.of("ann@x.test", "Ann", PASSWORD));
    here.outbox().deliverDue();

    List<String> peer = peer("guess", "ann@x.test", "203.0.113.9", "5");
    clock.set(Instant.now());

    assertThat(peer).containsExactly("SIGN_IN Failed", "SIGN_IN Failed", "SIGN_IN Failed", "SIGN_IN Failed",
        "SIGN_IN Failed");
    assertThat(here.accounts().signIn("ann@x.test", Password.of("one more guess"), "203.0.113.9"))
        .isInstanceOf(SignInResult.Throttled.class);
  }

  @Test
  void dispatchers_in_two_jvms_at_once_deliver_each_notification_exactly_once() throws Exception {
    List<NotificationId> queued = queue(200);
    Memberships here = instance("here", 2, notification -> {
      delivered.add(notification);
      pause();
    });
    CountDownLatch peerSending = new CountDownLatch(1);

    CompletableFuture<List<String>> other = CompletableFuture.supplyAsync(() -> {
      try {
        return peer(line -> {
          if (line.startsWith("SENT ")) {
            peerSending.countDown();
          }
        }, "dispatch");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(peerSending.await(60, TimeUnit.SECONDS)).as("the other JVM started sending").isTrue();
    int deliveredHere = 0;
    for (int sent = here.outbox().deliverDue(); sent > 0; sent = here.outbox().deliverDue()) {
      deliveredHere += sent;
    }
    List<String> peerLines = other.get(60, TimeUnit.SECONDS);

    List<String> ids = new ArrayList<>(delivered.stream().map(Notification::id).map(NotificationId::toString).toList());
    peerLines.stream().filter(l -> l.startsWith("SENT ")).map(l -> l.substring(5)).forEach(ids::add);
    assertThat(ids).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(queued.stream().map(NotificationId::toString).toList());
    assertThat(deliveredHere).as("this JVM delivered some").isPositive().isEqualTo(delivered.size());
    assertThat(peerLines).as("the other JVM delivered some").anyMatch(l -> l.startsWith("SENT "));
    assertThat(database.count("SELECT COUNT(*) FROM membership_outbox WHERE delivered_at IS NULL")).isZero();
  }

  /** Runs a {@link FleetPeer} in a new JVM on this database; its output lines, once it has ended well. */
  private List<String> peer(String... args) throws Exception {
    return peer(line -> {}, args);
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<String> peer(java.util.function.Consumer<String> onLine, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FleetPeer.class.getName());
    command.add(database.url());
    command.add(database.user());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        onLine.accept(line);
      }
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the peer JVM ended").isTrue();
    assertThat(process.exitValue()).as("the peer JVM's exit code; it printed %s", lines).isZero();
    return lines.stream().filter(l -> l.startsWith("SIGN_IN ") || l.startsWith("SENT ")).toList();
  }
}
