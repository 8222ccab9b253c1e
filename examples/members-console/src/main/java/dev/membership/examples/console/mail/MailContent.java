package dev.membership.examples.console.mail;

import dev.membership.domain.Notification;
import dev.membership.examples.console.web.Dates;
import java.net.URI;
import java.util.Optional;

/**
 * What an e-mail says: the subject and plain-text body the host writes for each kind of notification.
 *
 * @param subject the subject line
 * @param body the plain-text body
 * @param link the link the person should follow, if any
 */
public record MailContent(String subject, String body, Optional<URI> link) {

  /** Writes the e-mail for a notification, from the facts the library put in it. */
  public static MailContent of(Notification n) {
    String organisation = n.get("organisationName");
    return switch (n.type()) {
      case INVITATION -> new MailContent(
          n.get("inviterName") + " invited you to join " + organisation,
          n.get("inviterName") + " invited you to join " + organisation + " as " + n.get("roleName")
              + ". Follow the link to accept; it works until " + Dates.moment(n.get("expiresAt")) + ".",
          n.link());
      case INVITATION_ACCEPTED -> new MailContent(
          n.get("memberName") + " joined " + organisation,
          n.get("memberName") + " (" + n.get("memberEmail") + ") accepted the invitation to " + organisation
              + " and is now a member with the role " + n.get("roleName") + ".",
          Optional.empty());
      case JOIN_REQUEST_RECEIVED -> new MailContent(
          n.get("requesterName") + " asks to join " + organisation,
          n.get("requesterName") + " (" + n.get("requesterEmail") + ") asks to join " + organisation
              + (n.get("message").isEmpty() ? "." : ": \"" + n.get("message") + "\"")
              + " Review it on the Join Requests tab.",
          Optional.empty());
      case ACCOUNT_CREATED -> new MailContent(
          "An account was created for you at " + organisation,
          n.get("inviterName") + " created an account for you at " + organisation
              + ". They will give you a temporary password; you choose your own at first sign-in.",
          Optional.empty());
      case VERIFY_EMAIL -> new MailContent(
          "Confirm your e-mail address",
          "Someone signed up to the members console with this address. If it was you, follow the link and type "
              + "the password you chose to finish; it works until " + Dates.moment(n.get("expiresAt")) + ". If it was not you, "
              + "ignore this e-mail: without that password nothing happens.",
          n.link());
      case SIGN_UP_ATTEMPTED -> new MailContent(
          "Someone tried to sign up with your address",
          "Someone tried to sign up to the members console with this address, which already has an account. "
              + "If it was you, sign in with your password. If it was not you, nothing changed.",
          Optional.empty());
      case ENTITLEMENT_ENDING -> new MailContent(
          n.get("entitlementName") + " at " + organisation + " ends on " + Dates.moment(n.get("endsAt")),
          "The trial or licence " + n.get("entitlementName") + " (" + n.get("entitlement") + ") of " + organisation
              + " ends on " + Dates.moment(n.get("endsAt")) + ". After that, nobody there can use it. An admin can "
              + "extend it on the Applications tab.",
          Optional.empty());
      case ENTITLEMENT_ENDED -> new MailContent(
          n.get("entitlementName") + " at " + organisation + " has ended",
          "The trial or licence " + n.get("entitlementName") + " (" + n.get("entitlement") + ") of " + organisation
              + " ended on " + Dates.moment(n.get("endsAt")) + ": nobody there can use it until it is extended.",
          Optional.empty());
      case ORGANISATION_DELETED -> new MailContent(
          organisation + " was deleted",
          organisation + " was deleted by its owner on " + Dates.moment(n.get("deletedAt"))
              + ". Your membership ended with it; nobody can sign in to it any more.",
          Optional.empty());
    };
  }
}
