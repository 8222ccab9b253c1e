package dev.membership.examples.console.security;

import dev.membership.Memberships;
import dev.membership.SignInResult;
import dev.membership.domain.Password;
import dev.membership.examples.console.web.DomainEnrolment;
import dev.membership.examples.console.web.WaitSentence;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Spring Security's sign-in form asks the library: the library owns passwords (Argon2id, throttling,
 * no enumeration), Spring Security owns the session that follows.
 */
@Component
public class MembershipAuthenticationProvider implements AuthenticationProvider {
  private final Memberships membership;
  private final DomainEnrolment domains;

  public MembershipAuthenticationProvider(Memberships membership, DomainEnrolment domains) {
    this.membership = membership;
    this.domains = domains;
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String email = authentication.getName();
    String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
    // Every outcome is a result, an absurdly long password included (it fails like a wrong one). The
    // client's address is the throttle's source: a guesser elsewhere cannot lock the owner out. Behind
    // a reverse proxy, let the servlet container take it from the proxy's header
    // (server.forward-headers-strategy), never from a header the client sets itself.
    SignInResult result = authentication.getDetails() instanceof WebAuthenticationDetails details
        && details.getRemoteAddress() != null
        ? membership.accounts().signIn(email, Password.of(password), details.getRemoteAddress())
        : membership.accounts().signIn(email, Password.of(password));
    return switch (result) {
      case SignInResult.SignedIn signedIn -> {
        // An organisation may have chosen automatic enrolment for the address's domain since last time.
        domains.joinByDomain(signedIn.account().id());
        yield authenticated(SignedInAccount.of(signedIn.account()));
      }
      case SignInResult.PasswordChangeRequired change -> throw new PasswordChangeRequiredException(change.account());
      case SignInResult.TemporaryPasswordExpired expired ->
          throw new CredentialsExpiredException("The temporary password expired");
      case SignInResult.Failed failed -> throw new BadCredentialsException("Sign-in failed");
      case SignInResult.Throttled throttled -> throw new LockedException(
          "Too many attempts; try again in " + WaitSentence.of(throttled.retryAfter()));
    };
  }

  /** A session's authentication for an account the library signed in. */
  public static Authentication authenticated(SignedInAccount account) {
    return UsernamePasswordAuthenticationToken.authenticated(account, null,
        List.of(new SimpleGrantedAuthority("ROLE_USER")));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
