/**
 * The library's Flyway migrations that SQL cannot express, found by Flyway next to the SQL scripts
 * of the same location ({@code classpath:db/membership/migration}): today only the step that
 * computes the confusable-aware name keys of roles stored before version 4.
 */
@NullMarked
package db.membership.migration;

import org.jspecify.annotations.NullMarked;
