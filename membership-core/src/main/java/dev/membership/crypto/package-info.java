/**
 * The default secrets: the Argon2id {@link dev.membership.spi.PasswordHasher} and the
 * {@link java.security.SecureRandom} token and temporary-password generator.
 */
@NullMarked
package dev.membership.crypto;

import org.jspecify.annotations.NullMarked;
