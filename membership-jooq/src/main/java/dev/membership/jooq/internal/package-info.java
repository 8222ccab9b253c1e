/**
 * Internals of the jOOQ store, not an API: the SQL of one transaction, the column codecs and the
 * SQL error classification. The jOOQ classes under {@code generated} are made at build time from the
 * migration scripts.
 */
@NullMarked
package dev.membership.jooq.internal;

import org.jspecify.annotations.NullMarked;
