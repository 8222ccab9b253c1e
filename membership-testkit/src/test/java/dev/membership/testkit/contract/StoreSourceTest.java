package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.membership.spi.MembershipStore;
import dev.membership.testkit.InMemoryMembershipStore;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * How a contract suite gets its stores, seen from a store author's test class: each test class below
 * (run here through the JUnit launcher, as a host's build runs it) is all a host writes.
 */
class StoreSourceTest {

  /** What the suites did with {@link RecordingStores} and with the stores of an override, in order. */
  static final List<Object> EVENTS = new CopyOnWriteArrayList<>();

  @BeforeEach
  void forgetEarlierRuns() {
    EVENTS.clear();
  }

  @Test
  void each_test_gets_a_new_store_from_the_source_its_class_names_gives_it_back_after_and_the_source_is_closed_once_at_the_end() {
    assertThat(runsOnOneSource(NamesItsSource.class)).as("tests in both nested areas").isGreaterThan(10);
  }

  @Test
  void an_annotation_of_the_hosts_that_carries_stores_from_names_the_source() {
    runsOnOneSource(NamesItsSourceThroughItsOwnAnnotation.class);
  }

  @Test
  void a_subclass_that_overrides_new_store_the_older_way_makes_the_stores_of_every_nested_area_and_wins_over_a_named_source() {
    TestExecutionSummary run = run(OverridesNewStore.class);

    assertThat(run.getTestsFailedCount()).isZero();
    long tests = run.getTestsSucceededCount();
    assertThat(tests).isGreaterThan(10);
    assertThat(EVENTS).as("no source made, its own stores made and released").doesNotContain("source", "closed");
    List<Object> expected = new ArrayList<>();
    for (long i = 0; i < tests; i++) {
      expected.add("own store");
      expected.add("own store released");
    }
    assertThat(EVENTS.stream().filter(String.class::isInstance).toList()).containsExactlyElementsOf(expected);
    assertEveryStoreNewAndGivenBack(tests);
  }

  @Test
  void an_area_nested_the_older_way_that_delegates_to_the_enclosing_suite_runs_on_the_named_source_too() {
    long withoutTheArea = run(NamesItsSource.class).getTestsSucceededCount();
    EVENTS.clear();

    assertThat(runsOnOneSource(NestsAnAreaTheOlderWay.class)).as("the nested area's tests ran too")
        .isGreaterThan(withoutTheArea);
  }

  @Test
  void a_suite_whose_class_names_no_source_and_overrides_nothing_fails_every_test_saying_how_to_name_one() {
    assertThat(failsEveryTest(NamesNoSource.class)).allSatisfy(thrown -> assertThat(thrown)
        .hasMessageContaining(NamesNoSource.class.getName() + " names no StoreSource")
        .hasMessageContaining("@StoresFrom(YourStores.class)")
        .hasMessageContaining("override newStore()"));
  }

  @Test
  void a_source_that_cannot_reach_its_database_fails_the_tests_rather_than_skipping_them() {
    assertThat(failsEveryTest(OnAMissingDatabase.class)).allSatisfy(thrown -> assertThat(thrown)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the database is not reachable"));
    assertThat(EVENTS).containsExactly("closed");
  }

  // ---- what hosts write

  /** A host's source: a new in-memory store per test, every step recorded. */
  static final class RecordingStores implements StoreSource {
    RecordingStores() {
      EVENTS.add("source");
    }

    @Override
    public MembershipStore newStore() {
      return recorded("store", new InMemoryMembershipStore());
    }

    @Override
    public void releaseStore(MembershipStore store) {
      recorded("released", store);
    }

    @Override
    public void close() {
      EVENTS.add("closed");
    }
  }

  /** A source whose database is down. */
  static final class MissingDatabase implements StoreSource {
    @Override
    public MembershipStore newStore() {
      throw new IllegalStateException("the database is not reachable");
    }

    @Override
    public void close() {
      EVENTS.add("closed");
    }
  }

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @StoresFrom(RecordingStores.class)
  @interface OnRecordingStores {}

  /** Two {@code @Nested} areas, one source. */
  @StoresFrom(RecordingStores.class)
  static class NamesItsSource extends ErasureAndRetentionContract {}

  @OnRecordingStores
  static class NamesItsSourceThroughItsOwnAnnotation extends OrganisationStoreContract {}

  /** A suite with an area of its own, nested as the suites' areas were before sources. */
  @StoresFrom(RecordingStores.class)
  static class NestsAnAreaTheOlderWay extends ErasureAndRetentionContract {
    @Nested
    class OrganisationStore extends OrganisationStoreContract {
      @Override
      protected MembershipStore newStore() {
        return NestsAnAreaTheOlderWay.this.newStore();
      }

      @Override
      protected void releaseStore(MembershipStore store) {
        NestsAnAreaTheOlderWay.this.releaseStore(store);
      }
    }
  }

  static class NamesNoSource extends OrganisationStoreContract {}

  @StoresFrom(MissingDatabase.class)
  static class OnAMissingDatabase extends OrganisationStoreContract {}

  /** The older way, on a class that also names a source: the override wins. */
  @StoresFrom(RecordingStores.class)
  static class OverridesNewStore extends ErasureAndRetentionContract {
    @Override
    protected MembershipStore newStore() {
      return recorded("own store", new InMemoryMembershipStore());
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      recorded("own store released", store);
    }
  }

  // ----

  private static MembershipStore recorded(String event, MembershipStore store) {
    EVENTS.add(event);
    EVENTS.add(store);
    return store;
  }

  private static TestExecutionSummary run(Class<?> testClass) {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
        new TestExecutionListener[] {summary});
    return summary.getSummary();
  }

  /**
   * Runs {@code testClass}, checks that every test passed on a new store of one {@link RecordingStores}
   * that got each store back and was closed at the end, and returns how many tests ran.
   */
  private static long runsOnOneSource(Class<?> testClass) {
    TestExecutionSummary run = run(testClass);

    assertThat(run.getTestsFailedCount()).isZero();
    long tests = run.getTestsSucceededCount();
    assertThat(tests).isPositive();
    assertThat(EVENTS).containsExactlyElementsOf(oneSourceFor(tests));
    assertEveryStoreNewAndGivenBack(tests);
    return tests;
  }

  /** Runs {@code testClass}, checks that every test failed (none passed or was skipped), returns why. */
  private static List<Throwable> failsEveryTest(Class<?> testClass) {
    TestExecutionSummary run = run(testClass);

    assertThat(run.getTestsSucceededCount()).isZero();
    assertThat(run.getTestsSkippedCount() + run.getTestsAbortedCount()).as("skipped").isZero();
    assertThat(run.getTestsFailedCount()).isPositive();
    return run.getFailures().stream().map(TestExecutionSummary.Failure::getException).toList();
  }

  /** One source made, then a store and its release for every test, then the source closed. */
  private static List<Object> oneSourceFor(long tests) {
    List<Object> expected = new ArrayList<>();
    expected.add("source");
    for (int i = 0; i < tests; i++) {
      expected.add("store");
      expected.add(EVENTS.get(expected.size()));
      expected.add("released");
      expected.add(EVENTS.get(expected.size() - 2));
    }
    expected.add("closed");
    return expected;
  }

  /** Every store the events name is a new one, and each was given back right after its test. */
  private static void assertEveryStoreNewAndGivenBack(long tests) {
    List<Object> stores = EVENTS.stream().filter(MembershipStore.class::isInstance).toList();
    Set<Object> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    distinct.addAll(stores);
    assertThat(stores).hasSize((int) (2 * tests));
    assertThat(distinct).as("a new store for each test").hasSize((int) tests);
    for (int i = 0; i < stores.size(); i += 2) {
      assertThat(stores.get(i + 1)).as("the store given back after test %d", i / 2).isSameAs(stores.get(i));
    }
  }
}
