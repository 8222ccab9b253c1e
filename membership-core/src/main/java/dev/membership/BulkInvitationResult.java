package dev.membership;

import dev.membership.command.BulkInvite;
import dev.membership.domain.Invitation;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Invitations#inviteAll} did with each address, in the order given.
 *
 * @param mode the mode the call ran in
 * @param outcomes one per invitation of the call, at the same position
 */
public record BulkInvitationResult(BulkInvite.Mode mode, List<Outcome> outcomes) {

  public BulkInvitationResult {
    Objects.requireNonNull(mode, "mode");
    outcomes = List.copyOf(outcomes);
  }

  /** The invitations sent. */
  public List<Invited> invited() {
    return outcomes.stream().filter(Invited.class::isInstance).map(Invited.class::cast).toList();
  }

  /** The invitations refused, each with its reason. */
  public List<Refused> refused() {
    return outcomes.stream().filter(Refused.class::isInstance).map(Refused.class::cast).toList();
  }

  /** Whether every invitation was sent. */
  public boolean allInvited() {
    return outcomes.stream().allMatch(Invited.class::isInstance);
  }

  /** One invitation's outcome. */
  public sealed interface Outcome permits Invited, Refused, Withheld {
    /** The invitation's position in the call, from 0. */
    int index();

    /** The address as given (trimmed), which may not be a valid address. */
    String email();
  }

  /**
   * Sent: the invitation is pending and its e-mail is in the outbox.
   *
   * @param index position in the call
   * @param email the address as given
   * @param invitation the invitation written
   */
  public record Invited(int index, String email, Invitation invitation) implements Outcome {
    public Invited {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(invitation, "invitation");
    }
  }

  /**
   * Refused, with the code and fields a single {@code invite} would have thrown (fields are named
   * {@code invitations[i].email} and so on); nothing was written for it.
   *
   * @param index position in the call
   * @param email the address as given
   * @param code why: {@code INVALID_INPUT} (a malformed address, or the same address earlier in the
   *     call: field code {@code duplicate}), {@code ALREADY_MEMBER}, {@code INVITATION_ALREADY_PENDING},
   *     {@code SEAT_LIMIT_REACHED}, {@code INVITATION_LIMIT_REACHED}, {@code PERMISSION_DENIED} (a role
   *     the actor may not give), {@code ROLE_NOT_FOUND}, ...
   * @param fields the fields at fault, if the input was
   * @param message a sentence for a person
   */
  public record Refused(int index, String email, ErrorCode code, List<FieldViolation> fields, String message)
      implements Outcome {
    public Refused {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(code, "code");
      fields = List.copyOf(fields);
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Not sent, though nothing was wrong with it: the call was {@link BulkInvite.Mode#ALL_OR_NOTHING}
   * and another invitation was refused, so nothing was written.
   *
   * @param index position in the call
   * @param email the address as given
   */
  public record Withheld(int index, String email) implements Outcome {
    public Withheld {
      Objects.requireNonNull(email, "email");
    }
  }
}
