package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * One test's way to its stores, handed to {@link ContractSuite}'s {@code @BeforeEach} by {@link
 * Extension}: the {@link StoreSource} named by {@link StoresFrom}, or, for a {@code @Nested} area of a
 * suite such as {@link MembershipStoreContract}, that enclosing suite's {@code newStore()} and {@code
 * releaseStore(...)} (which a subclass may override, the older way to run the suites).
 *
 * <p>The source is made once per class that names it and kept in that class's extension store, which
 * closes it after the class's last test. This uses only Jupiter API that exists since 5.0
 * ({@code ParameterResolver}, {@code ExtensionContext.Store.CloseableResource}) and JUnit Platform
 * Commons' {@code AnnotationSupport} and {@code ReflectionSupport} (since 1.0), so the suites run on
 * the host's Jupiter from 5.4 to 6.x.
 */
final class ContractStores {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ContractStores.class);

  private final ExtensionContext test;
  private final List<MembershipStore> fromSource = new ArrayList<>();
  private @Nullable StoreSource source;
  // The first suite of this test to take its stores: the outermost, as enclosing classes' @BeforeEach run first.
  private @Nullable ContractSuite outermost;

  private ContractStores(ExtensionContext test) {
    this.test = test;
  }

  /**
   * Lets a suite's {@code @BeforeEach} take a {@link ContractStores}; every suite of one test (an
   * enclosing suite and its {@code @Nested} area) gets the same one.
   */
  static final class Extension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
      return parameter.getParameter().getType() == ContractStores.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
      return extension.getStore(NAMESPACE)
          .getOrComputeIfAbsent(ContractStores.class, type -> new ContractStores(extension), ContractStores.class);
    }
  }

  /** Called by each suite of the test before it asks for a store, the enclosing suite first. */
  void takenBy(ContractSuite suite) {
    if (outermost == null) {
      outermost = suite;
    }
  }

  /** A store for {@code suite}: its enclosing suite's {@code newStore()} if it has one, else the source's. */
  MembershipStore newStoreFor(ContractSuite suite) {
    ContractSuite enclosing = outermost;
    return enclosing != null && enclosing != suite ? enclosing.newStore() : fromSource();
  }

  /** Gives back a store {@link #newStoreFor} returned, the same way. */
  void releaseStoreFor(ContractSuite suite, MembershipStore store) {
    ContractSuite enclosing = outermost;
    if (enclosing != null && enclosing != suite) {
      enclosing.releaseStore(store);
    } else {
      releaseToSource(store);
    }
  }

  /** A new empty store from the source the test class names. */
  private MembershipStore fromSource() {
    MembershipStore store = Objects.requireNonNull(source().newStore(), "StoreSource.newStore() returned null");
    fromSource.add(store);
    return store;
  }

  /** Hands {@code store} to the source's {@code releaseStore} if the source made it; else does nothing. */
  private void releaseToSource(MembershipStore store) {
    if (fromSource.removeIf(made -> made == store)) {
      source().releaseStore(store);
    }
  }

  private StoreSource source() {
    StoreSource known = source;
    if (known == null) {
      known = namedSource();
      source = known;
    }
    return known;
  }

  /** The source of the nearest class (the test's, then each enclosing one's) that names one. */
  private StoreSource namedSource() {
    Class<?> written = test.getRequiredTestClass();
    for (Optional<ExtensionContext> at = Optional.of(test); at.isPresent(); at = at.get().getParent()) {
      ExtensionContext context = at.get();
      Optional<AnnotatedElement> element = context.getElement();
      if (element.isPresent() && element.get() instanceof Class<?> type) {
        written = type;
        Optional<StoresFrom> named = AnnotationSupport.findAnnotation(type, StoresFrom.class);
        if (named.isPresent()) {
          return context.getStore(NAMESPACE)
              .getOrComputeIfAbsent(named.get().value(), OpenSource::of, OpenSource.class)
              .source();
        }
      }
    }
    throw new ExtensionConfigurationException(written.getName() + " names no StoreSource for the contract suite to"
        + " run on: annotate it with @StoresFrom(YourStores.class), or with an annotation of yours that carries"
        + " one, or override newStore()");
  }

  /**
   * A source made for one test class; the class's extension store closes it after the class, once:
   * Jupiter before 5.13 closes a {@code CloseableResource}, from 5.13 on an {@code AutoCloseable}
   * (and warns about a {@code CloseableResource} that is not one).
   */
  private record OpenSource(StoreSource source) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    static OpenSource of(Class<? extends StoreSource> type) {
      return new OpenSource(ReflectionSupport.newInstance(type));
    }

    @Override
    public void close() {
      source.close();
    }
  }
}
