/**
 * The typed errors of the library. Every error is a {@link dev.membership.error.MembershipException}
 * with a stable {@link dev.membership.error.ErrorCode}; input errors name the fields at fault. A
 * failed command writes nothing, and no message ever contains a password or a token.
 */
@NullMarked
package dev.membership.error;

import org.jspecify.annotations.NullMarked;
