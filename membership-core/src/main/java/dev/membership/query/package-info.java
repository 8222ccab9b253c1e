/**
 * What lists return and take: keyset {@link dev.membership.query.Page}s with opaque cursors, the
 * members page's rows and filters, an account's organisations. No list counts a whole organisation.
 */
@NullMarked
package dev.membership.query;

import org.jspecify.annotations.NullMarked;
