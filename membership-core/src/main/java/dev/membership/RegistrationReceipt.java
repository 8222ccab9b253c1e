package dev.membership;

import dev.membership.domain.EmailAddress;
import java.util.Objects;

/**
 * What signing up answers: "check your inbox". It is the same whether or not the address has an
 * account (a free address gets the verification link, the owner of a taken one a note that someone
 * tried to sign up with it), so it holds nothing that could tell which.
 *
 * @param email the address, normalised, to which an e-mail is on its way
 */
public record RegistrationReceipt(EmailAddress email) {
  public RegistrationReceipt {
    Objects.requireNonNull(email, "email");
  }
}
