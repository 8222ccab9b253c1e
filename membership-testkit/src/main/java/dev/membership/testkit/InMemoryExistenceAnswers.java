package dev.membership.testkit;

import dev.membership.domain.OrganisationId;
import dev.membership.spi.ExistenceAnswers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The existence answers of the in-memory store, per organisation. Guarded by the store's lock; each
 * transaction sees them through {@link #in}, which registers how to undo every write.
 */
final class InMemoryExistenceAnswers {
  private final Map<OrganisationId, List<Instant>> byOrganisation = new HashMap<>();

  /** The port as one transaction sees it: {@code undoLog} receives the step that undoes each write. */
  ExistenceAnswers in(Consumer<Runnable> undoLog) {
    return new ExistenceAnswers() {
      @Override
      public void record(OrganisationId organisation, Instant at) {
        List<Instant> answers = byOrganisation.computeIfAbsent(organisation, o -> new ArrayList<>());
        undoLog.accept(() -> answers.remove(answers.size() - 1)); // undone in reverse order: the last one
        answers.add(at);
      }

      @Override
      public int countSince(OrganisationId organisation, Instant since, int limit) {
        return (int) Math.min(Math.max(0, limit), byOrganisation.getOrDefault(organisation, List.of()).stream()
            .filter(at -> !at.isBefore(since)).count());
      }

      @Override
      public int purgeBefore(Instant before, int limit) {
        int purged = 0;
        for (Map.Entry<OrganisationId, List<Instant>> entry : byOrganisation.entrySet()) {
          List<Instant> answers = entry.getValue();
          for (int i = answers.size() - 1; i >= 0 && purged < limit; i--) {
            if (answers.get(i).isBefore(before)) {
              Instant removed = answers.remove(i);
              int at = i;
              undoLog.accept(() -> answers.add(at, removed));
              purged++;
            }
          }
        }
        return purged;
      }
    };
  }
}
