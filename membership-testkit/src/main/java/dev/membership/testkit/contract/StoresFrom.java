package dev.membership.testkit.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the {@link StoreSource} a contract test class runs on:
 *
 * <pre>{@code
 * @StoresFrom(InMemoryStores.class)
 * class InMemoryStoreContractTest extends MembershipStoreContract {}
 * }</pre>
 *
 * <p>It may also sit on an annotation of the host's own, so that one word names a database:
 *
 * <pre>{@code
 * @Retention(RetentionPolicy.RUNTIME)
 * @Target(ElementType.TYPE)
 * @StoresFrom(PostgresStores.class)
 * @interface OnPostgres {}
 *
 * @OnPostgres
 * class PostgresErasureTest extends ErasureAndRetentionContract {}
 * }</pre>
 *
 * <p>The suites look for it on the test class (and its superclasses: it is inherited), then on the
 * classes that enclose a {@code @Nested} one, the nearest first. A subclass that overrides a
 * suite's {@code newStore()} makes its stores itself and needs no source.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
public @interface StoresFrom {

  /** The source; made once per test class, through its constructor without arguments. */
  Class<? extends StoreSource> value();
}
