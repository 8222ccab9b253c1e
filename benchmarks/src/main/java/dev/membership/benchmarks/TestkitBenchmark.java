package dev.membership.benchmarks;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.domain.AccountId;
import dev.membership.domain.MembershipId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.testkit.TestMembership;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures "testkit": on {@code TestMembership.inMemory()}, an owner invites an existing account, it
 * accepts, the owner deactivates, reactivates and removes it (removal keeps history, so the same
 * person is invited again on the next invocation). Target: well under 1 ms.
 *
 * <p>{@code history=fresh}: every invocation runs on a new kit (an organisation of an owner and ten
 * members, as a test sets up; the set-up is not timed), which is what one test does.
 * {@code history=accumulating}: one kit per iteration, so each scenario runs after every earlier one
 * of that iteration (thousands of removed memberships, invitations and audit events): the in-memory
 * store finds rows by scanning, so this shows how a long-lived kit slows down.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TestkitBenchmark {
  private static final String EMAIL = "pat@acme.test";

  @Param({"fresh", "accumulating"})
  public String history;

  private TestMembership kit;
  private Memberships membership;
  private AccountId owner;
  private AccountId pat;
  private OrganisationId acme;

  @Setup(Level.Iteration)
  public void newIteration() {
    kit = null;
  }

  @Setup(Level.Invocation)
  public void beforeScenario() {
    if (kit == null || history.equals("fresh")) {
      newKit();
    } else {
      // A day passes between scenarios: an organisation sends at most 200 invitations a day.
      kit.clock().advance(Duration.ofDays(1));
    }
  }

  private void newKit() {
    kit = TestMembership.inMemory();
    membership = kit.membership();
    var fixture = kit.organisation("Acme").withMembers(10).create();
    owner = fixture.owner();
    acme = fixture.id();
    pat = kit.account(EMAIL);
  }

  @Benchmark
  public Object scenario() {
    membership.invitations().invite(owner, acme, Invite.of(EMAIL, Role.MEMBER));
    MembershipId id = membership.invitations().accept(pat, kit.invitationTokenTo(EMAIL)).id();
    membership.members().deactivate(owner, acme, id);
    membership.members().reactivate(owner, acme, id);
    return membership.members().remove(owner, acme, id);
  }
}
