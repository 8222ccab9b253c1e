package dev.membership.jooq.support;

import dev.membership.testkit.contract.StoresFrom;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the testkit contract suite a test class extends on the jOOQ store on the MariaDB server at
 * {@link TestDatabase#MARIADB_URL}: one migrated database for the class, emptied before every test
 * ({@link ReusedStore.MariaDb}).
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@StoresFrom(ReusedStore.MariaDb.class)
public @interface OnMariaDb {}
