package dev.membership.testkit;

import dev.membership.Memberships;
import dev.membership.spi.MembershipStore;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension that gives every test a fresh {@link TestMembership} (by default on a new
 * in-memory store), injected as a parameter of type {@link TestMembership}, {@link Memberships},
 * {@link MutableClock} or {@link RecordingNotificationSender}.
 *
 * <pre>{@code
 * @ExtendWith(MembershipExtension.class)
 * class OnboardingTest {
 *   @Test
 *   void invited_colleague_becomes_active(TestMembership kit) { ... }
 * }
 *
 * // or, on another store:
 * @RegisterExtension
 * static MembershipExtension membership = MembershipExtension.on(() -> JooqMembershipStore.create(dataSource));
 * }</pre>
 *
 * Works on JUnit Jupiter 5.x and 6.x.
 */
public final class MembershipExtension implements BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MembershipExtension.class);

  private final Supplier<? extends MembershipStore> stores;

  /** Each test gets a new in-memory store. */
  public MembershipExtension() {
    this(InMemoryMembershipStore::new);
  }

  private MembershipExtension(Supplier<? extends MembershipStore> stores) {
    this.stores = Objects.requireNonNull(stores, "stores");
  }

  /** Each test gets a new in-memory store. */
  public static MembershipExtension inMemory() {
    return new MembershipExtension();
  }

  /** Each test gets a store from {@code stores}, which should hand out an empty one each time. */
  public static MembershipExtension on(Supplier<? extends MembershipStore> stores) {
    return new MembershipExtension(stores);
  }

  /** The current test's kit, for a test that registered the extension in a field. */
  public TestMembership kit(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestMembership.class,
        k -> TestMembership.on(stores.get()), TestMembership.class);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    kit(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestMembership.class || type == Memberships.class || type == MutableClock.class
        || type == RecordingNotificationSender.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    TestMembership kit = kit(extension);
    Class<?> type = parameter.getParameter().getType();
    if (type == TestMembership.class) {
      return kit;
    }
    if (type == Memberships.class) {
      return kit.membership();
    }
    if (type == MutableClock.class) {
      return kit.clock();
    }
    if (type == RecordingNotificationSender.class) {
      return kit.mailbox();
    }
    throw new ParameterResolutionException("cannot resolve " + type);
  }
}
