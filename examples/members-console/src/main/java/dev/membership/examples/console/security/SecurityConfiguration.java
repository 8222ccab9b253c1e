package dev.membership.examples.console.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Sessions, CSRF and the sign-in form. Every page but sign-in, sign-up, the invitation link and the
 * development mailbox needs a session; CSRF tokens protect every form (Thymeleaf adds them to each
 * {@code th:action} form).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
  public static final String SIGN_IN_ERROR = "signInError";
  public static final String SIGN_IN_EMAIL = "signInEmail";
  /**
   * Scripts, styles, images and fonts from this site's own files only: no inline script, event-handler
   * attribute, style block or style attribute runs (the pages keep theirs in /js and /css); forms post
   * only here; no page is framed, no plugin loads, no base URL is changed.
   */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
      + "base-uri 'none'; object-src 'none'";

  @Bean
  SessionRegistry sessionRegistry() {
    return new SessionRegistryImpl();
  }

  /** Lets the registry forget sessions that ended on their own. */
  @Bean
  HttpSessionEventPublisher httpSessionEventPublisher() {
    return new HttpSessionEventPublisher();
  }

  @Bean
  SecurityContextRepository securityContextRepository() {
    return new HttpSessionSecurityContextRepository();
  }

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, MembershipAuthenticationProvider provider,
      SessionRegistry sessions, SecurityContextRepository contexts) throws Exception {
    http
        // The form's own manager, with the library's provider only and no parent: one attempt, one password
        // check. (A provider bean is also put in Spring Security's global manager; with
        // authenticationProvider(provider) that global manager would be this one's parent and would be
        // asked again after every failure: two checks, two counted failures, a lockout after 3 attempts.)
        .authenticationManager(new ProviderManager(provider))
        .securityContext(context -> context.securityContextRepository(contexts))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/signin", "/signup", "/password/first", "/invitations/**", "/verify/**", "/dev/mailbox",
                "/css/**", "/js/**", "/error", "/favicon.ico").permitAll()
            .anyRequest().authenticated())
        .formLogin(form -> form
            .loginPage("/signin")
            .loginProcessingUrl("/signin")
            .usernameParameter("email")
            .passwordParameter("password")
            .successHandler(successHandler())
            .failureHandler(failureHandler())
            .permitAll())
        .logout(logout -> logout
            .logoutUrl("/signout")
            .logoutSuccessUrl("/signin?signedOut"))
        .sessionManagement(session -> session
            .maximumSessions(-1)
            .sessionRegistry(sessions)
            .expiredUrl("/signin?ended"))
        .headers(headers -> headers
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
            .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
    return http.build();
  }

  /** After sign-in, go where the person was headed (an invitation link), else home. */
  private static AuthenticationSuccessHandler successHandler() {
    return (request, response, authentication) -> {
      request.getSession().removeAttribute(SIGN_IN_ERROR);
      response.sendRedirect(request.getContextPath() + safeNext(request));
    };
  }

  private static AuthenticationFailureHandler failureHandler() {
    return (request, response, exception) -> {
      var session = request.getSession();
      session.setAttribute(SIGN_IN_EMAIL, request.getParameter("email"));
      if (exception instanceof PasswordChangeRequiredException change) {
        session.setAttribute(PendingPasswordChange.ATTRIBUTE,
            new PendingPasswordChange(change.account().id().toString(), change.account().email().value()));
        response.sendRedirect(request.getContextPath() + "/password/first?next="
            + java.net.URLEncoder.encode(safeNext(request), java.nio.charset.StandardCharsets.UTF_8));
        return;
      }
      String message = switch (exception) {
        case CredentialsExpiredException expired ->
            "Your temporary password has expired. Ask an administrator to resend your credentials.";
        case LockedException locked -> locked.getMessage() + ".";
        default -> "The e-mail address or the password is not right.";
      };
      session.setAttribute(SIGN_IN_ERROR, message);
      response.sendRedirect(request.getContextPath() + "/signin?error");
    };
  }

  /** A local path to continue to; never another site. */
  public static String safeNext(HttpServletRequest request) {
    String next = request.getParameter("next");
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
  }
}
