package dev.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Role;
import dev.membership.domain.SignUp;
import dev.membership.domain.TokenHash;
import dev.membership.query.DeadLetter;
import dev.membership.spi.ClaimedNotification;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A raw token or password never appears in a {@code toString()}. */
class SecretsNeverPrintTest {
  private static final String PASSWORD = "Tr0ub4dor&3-horse-battery";
  private static final String TOKEN = "q9Xv3LrT0kYbZsWm1eJpA7uC4nHdFgQ2iKoR8tVyE5w";
  private static final String HASH_TEXT = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$SuperSecretHashBytes0123456789abcdefABCDEF";
  private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

  @Test
  void a_password_prints_redacted() {
    assertThat(Password.of(PASSWORD).toString()).doesNotContain(PASSWORD).contains("redacted");
  }

  @Test
  void a_password_hash_prints_redacted() {
    PasswordHash hash = new PasswordHash(HASH_TEXT);

    assertThat(hash.toString()).doesNotContain("SuperSecretHashBytes").doesNotContain("c2FsdHNhbHRzYWx0").contains("redacted");
    assertThat(hash.encoded()).isEqualTo(HASH_TEXT);
  }

  @Test
  void a_token_hash_prints_neither_the_token_nor_the_whole_digest() {
    TokenHash hash = TokenHash.of(TOKEN);

    assertThat(hash.toString()).doesNotContain(TOKEN).doesNotContain(hash.hex());
  }

  @Test
  void a_notification_with_an_invitation_link_prints_the_link_redacted() {
    Notification notification = invitationNotification();

    assertThat(notification.toString())
        .doesNotContain(TOKEN)
        .doesNotContain("app.example")
        .contains("link=[redacted]")
        .contains("ana@acme.test");
    assertThat(notification.link()).contains(URI.create("https://app.example/invite/" + TOKEN));
  }

  @Test
  void a_notification_without_its_link_keeps_nothing_of_the_token() {
    Notification delivered = invitationNotification().withoutLink();

    assertThat(delivered.link()).isEmpty();
    assertThat(delivered.toString()).doesNotContain(TOKEN).contains("link=none");
  }

  @Test
  void a_claimed_notification_prints_its_link_redacted() {
    ClaimedNotification claimed = new ClaimedNotification(invitationNotification(), 2);
    assertThat(claimed.toString()).doesNotContain(TOKEN).contains("link=[redacted]");
  }

  @Test
  void a_dead_letter_prints_its_link_redacted() {
    DeadLetter letter = new DeadLetter(invitationNotification(), 20, "java.io.IOException", NOW);

    assertThat(letter.toString()).doesNotContain(TOKEN).doesNotContain("app.example").contains("link=[redacted]")
        .contains("java.io.IOException");
    assertThat(letter.notification().link()).isPresent();
  }

  @Test
  void a_new_account_with_a_typed_password_prints_it_redacted() {
    NewAccount account = NewAccount.withPassword("bo@acme.test", "Bo", Role.MEMBER, Password.of(PASSWORD));

    assertThat(account.toString()).doesNotContain(PASSWORD).contains("bo@acme.test").contains("redacted");
  }

  @Test
  void a_registration_prints_its_password_redacted() {
    assertThat(Registration.of("ana@acme.test", "Ana", PASSWORD).toString())
        .doesNotContain(PASSWORD).contains("ana@acme.test");
  }

  @Test
  void new_member_details_print_the_password_redacted() {
    assertThat(NewMemberDetails.of("Ana", PASSWORD).toString()).doesNotContain(PASSWORD).contains("Ana");
  }

  @Test
  void a_created_member_with_its_one_time_password_prints_neither_password_nor_hash() {
    OrganisationId acme = OrganisationId.random();
    Account account = Account.createdByAdmin(EmailAddress.of("bo@acme.test"), "Bo", new PasswordHash(HASH_TEXT), acme,
        NOW.plus(Duration.ofDays(7)), NOW);
    Membership membership = Membership.start(acme, account.id(), Role.MEMBER.id(), Set.of(), MembershipOrigin.CREATED_BY_ADMIN, NOW);

    CreatedMember created = new CreatedMember(account, membership, Password.of(PASSWORD));

    assertThat(created.toString())
        .doesNotContain(PASSWORD)
        .doesNotContain("SuperSecretHashBytes")
        .contains("bo@acme.test");
    assertThat(created.temporaryPassword().reveal()).isEqualTo(PASSWORD);
  }

  @Test
  void an_invitation_prints_no_token_and_no_full_token_hash() {
    TokenHash hash = TokenHash.of(TOKEN);
    Invitation invitation = Invitation.issue(OrganisationId.random(), EmailAddress.of("ana@acme.test"), Role.ADMIN.id(),
        Set.of(), hash, NOW.plus(Duration.ofDays(7)), AccountId.random(), Optional.empty(), NOW);

    assertThat(invitation.toString()).doesNotContain(TOKEN).doesNotContain(hash.hex());
  }

  @Test
  void a_sign_up_prints_neither_its_password_hash_nor_its_token() {
    TokenHash hash = TokenHash.of(TOKEN);
    SignUp signUp = SignUp.awaiting(EmailAddress.of("ana@acme.test"), "Ana", new PasswordHash(HASH_TEXT), hash,
        NOW.plus(Duration.ofDays(1)), NOW);

    assertThat(signUp.toString()).doesNotContain(TOKEN).doesNotContain(hash.hex()).doesNotContain("SuperSecretHashBytes")
        .contains("ana@acme.test");
  }

  @Test
  void a_verification_e_mail_prints_its_link_redacted() {
    Notification verify = new Notification(NotificationId.random(), NotificationType.VERIFY_EMAIL, Optional.empty(),
        EmailAddress.of("ana@acme.test"), Map.of("expiresAt", NOW.toString()),
        Optional.of(URI.create("https://app.example/verify/" + TOKEN)), NOW);

    assertThat(verify.toString()).doesNotContain(TOKEN).contains("redacted");
    assertThat(verify.withoutLink().link()).isEmpty();
  }

  private static Notification invitationNotification() {
    return new Notification(NotificationId.random(), NotificationType.INVITATION, Optional.of(OrganisationId.random()),
        EmailAddress.of("ana@acme.test"), Map.of("organisationName", "Acme"),
        Optional.of(URI.create("https://app.example/invite/" + TOKEN)), NOW);
  }
}
