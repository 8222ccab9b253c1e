/**
 * The inputs of commands, validated with Jakarta Validation before anything is read or written. Each
 * has small factory methods for the common case; none prints a password.
 */
@NullMarked
package dev.membership.command;

import org.jspecify.annotations.NullMarked;
