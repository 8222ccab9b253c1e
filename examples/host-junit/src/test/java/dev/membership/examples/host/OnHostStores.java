package dev.membership.examples.host;

import dev.membership.testkit.contract.StoresFrom;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The host's own word for where its contract tests get their stores ({@link HostStores}). A host
 * with several databases writes one such annotation for each ({@code @OnPostgres}, {@code
 * @OnMariaDb}), and each contract test class is then one line.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@StoresFrom(HostStores.class)
@interface OnHostStores {}
