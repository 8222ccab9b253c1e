package dev.membership.jooq.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Starts actions on threads of their own at the same instant (a barrier) and collects how each ended. */
public final class Race {
  private Race() {}

  /** How one action ended: with a value or with an error. */
  public record Outcome(Object value, Throwable error) {
    public boolean succeeded() {
      return error == null;
    }
  }

  public static List<Outcome> run(List<Callable<?>> actions) {
    CyclicBarrier start = new CyclicBarrier(actions.size());
    ExecutorService threads = Executors.newFixedThreadPool(actions.size());
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Callable<?> action : actions) {
        futures.add(threads.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          try {
            return new Outcome(action.call(), null);
          } catch (Throwable e) {
            return new Outcome(null, e);
          }
        }));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get(120, TimeUnit.SECONDS));
      }
      return outcomes;
    } catch (Exception e) {
      throw new IllegalStateException("the race did not finish", e);
    } finally {
      threads.shutdownNow();
    }
  }
}
