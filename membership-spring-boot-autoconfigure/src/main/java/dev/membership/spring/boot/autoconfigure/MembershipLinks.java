package dev.membership.spring.boot.autoconfigure;

import java.net.URI;

/**
 * The links Membership puts in its e-mails: an invitation's, and the one that confirms an address at
 * sign-up. Each carries a secret token, so a link must point to the application's own public address,
 * taken from configuration, never from a request's {@code Host} header (a client sets it, and a link
 * built from it hands the token to whatever host it names).
 *
 * <p>The auto-configuration builds one from {@code membership.base-url} and the two paths. A host whose
 * address is known only later defines its own bean of this type, which wins: e.g. a server on a random
 * port in development that links to {@code http://localhost:<the port it got>}.
 */
public interface MembershipLinks {

  /** The page that accepts the invitation with this token. */
  URI invitation(String token);

  /** The page that confirms an address at sign-up with this token. */
  URI emailVerification(String token);

  /**
   * Links under one base address: {@code base} followed by the path, then the token.
   *
   * @param base an absolute http(s) address without query or fragment
   * @param invitationPath the invitation page's path, e.g. {@code /invitations/}
   * @param verificationPath the address-confirmation page's path, e.g. {@code /verify/}
   */
  static MembershipLinks under(URI base, String invitationPath, String verificationPath) {
    String root = base.toString().replaceAll("/+$", "");
    String invitations = root + "/" + invitationPath.replaceAll("^/+", "");
    String verifications = root + "/" + verificationPath.replaceAll("^/+", "");
    return new MembershipLinks() {
      @Override
      public URI invitation(String token) {
        return URI.create(invitations + token);
      }

      @Override
      public URI emailVerification(String token) {
        return URI.create(verifications + token);
      }

      @Override
      public String toString() {
        return "MembershipLinks[" + root + "]";
      }
    };
  }
}
