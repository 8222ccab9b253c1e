package dev.membership.testkit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.SignInResult;
import dev.membership.domain.AccountId;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.spi.PasswordHasher;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.TestMembership;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sign-in checks the password outside its transaction (a hash takes time). When the password
 * changes while that check runs, the change's event has already told the host to end the account's
 * sessions; a session the old password starts afterwards would outlive it. The sign-in must notice.
 */
class SignInRacingPasswordChangeTest {
  private static final Password NEW_PASSWORD = Password.of("a brand new passphrase 42");

  private final AtomicReference<Runnable> duringTheCheck = new AtomicReference<>(() -> { });
  private TestMembership kit;
  private Memberships signingIn;
  private AccountId ana;

  @BeforeEach
  void anaAndASignInWhoseCheckCanBeOverlapped() {
    InMemoryMembershipStore store = new InMemoryMembershipStore();
    kit = TestMembership.on(store);
    ana = kit.account("ana@acme.test");
    PasswordHasher fast = new FastTestPasswordHasher();
    PasswordHasher overlapped = new PasswordHasher() {
      @Override
      public PasswordHash hash(Password password) {
        return fast.hash(password);
      }

      @Override
      public boolean verify(PasswordHash hash, Password password) {
        boolean matches = fast.verify(hash, password);
        duringTheCheck.getAndSet(() -> { }).run();
        return matches;
      }

      @Override
      public boolean needsRehash(PasswordHash hash) {
        return fast.needsRehash(hash);
      }
    };
    signingIn = Memberships.builder()
        .store(store)
        .clock(kit.clock())
        .passwordHasher(overlapped)
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .build();
  }

  @Test
  void a_sign_in_with_the_old_password_checked_while_the_password_changes_starts_no_session() {
    duringTheCheck.set(() -> kit.membership().accounts()
        .changePassword(ana, Password.of(TestMembership.PASSWORD), NEW_PASSWORD));

    SignInResult withTheOld = signingIn.accounts().signIn("ana@acme.test", Password.of(TestMembership.PASSWORD));

    assertThat(withTheOld).isInstanceOf(SignInResult.Failed.class);
    assertThat(signingIn.accounts().signIn("ana@acme.test", NEW_PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void a_sign_in_whose_check_nothing_overlaps_signs_in() {
    assertThat(signingIn.accounts().signIn("ana@acme.test", Password.of(TestMembership.PASSWORD)))
        .isInstanceOf(SignInResult.SignedIn.class);
  }
}
