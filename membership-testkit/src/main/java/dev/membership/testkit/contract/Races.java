package dev.membership.testkit.contract;

import dev.membership.error.MembershipException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Races for the contracts: actions released together by a barrier, each on a thread of its own. */
final class Races {
  private Races() {}

  /**
   * Starts every action at the same moment and returns their results in order; an action that throws,
   * or a race that does not finish in two minutes, fails the test.
   */
  static <T> List<T> race(List<? extends Callable<T>> actions) {
    return raceAll(actions);
  }

  /**
   * Starts the actions at the same moment; returns the typed refusal of each, if any, in order
   * (anything else thrown fails the test).
   */
  static List<Optional<MembershipException>> refusals(Callable<?>... actions) {
    return raceAll(Stream.of(actions).<Callable<Optional<MembershipException>>>map(action -> () -> {
      try {
        action.call();
        return Optional.empty();
      } catch (MembershipException e) {
        return Optional.of(e);
      }
    }).toList());
  }

  private static <T> List<T> raceAll(List<? extends Callable<T>> actions) {
    CyclicBarrier start = new CyclicBarrier(actions.size());
    ExecutorService threads = Executors.newFixedThreadPool(actions.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> action : actions) {
        futures.add(threads.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return action.call();
        }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return Collections.unmodifiableList(results);
    } catch (Exception e) {
      throw new AssertionError("the race did not finish", e);
    } finally {
      threads.shutdownNow();
    }
  }
}
