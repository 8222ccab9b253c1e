package dev.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table of docs/flows.md "Account events and sessions": which event ends which sessions. */
class SessionsToEndTest {
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private static final OrganisationId ACME = OrganisationId.random();
  private static final AccountId ADMIN = AccountId.random();
  private static final AccountId BO = AccountId.random();

  @Test
  void a_deactivated_removed_or_departed_member_loses_only_that_organisation() {
    for (AuditAction action : EnumSet.of(AuditAction.MEMBER_DEACTIVATED, AuditAction.MEMBER_REMOVED,
        AuditAction.MEMBER_LEFT, AuditAction.MEMBER_ERASED)) {
      assertThat(audit(action).sessionsToEnd()).as("%s", action)
          .contains(new SessionsToEnd.InOrganisation(BO, ACME));
    }
  }

  @Test
  void a_deleted_organisation_ends_everyones_access_to_it() {
    assertThat(audit(AuditAction.ORGANISATION_DELETED).sessionsToEnd())
        .contains(new SessionsToEnd.EveryoneInOrganisation(ACME));
  }

  @Test
  void every_other_organisation_event_ends_no_session_credential_changes_asking_through_their_account_event() {
    Set<AuditAction> ending = EnumSet.of(AuditAction.MEMBER_DEACTIVATED, AuditAction.MEMBER_REMOVED,
        AuditAction.MEMBER_LEFT, AuditAction.MEMBER_ERASED, AuditAction.ORGANISATION_DELETED);
    for (AuditAction action : EnumSet.complementOf(EnumSet.copyOf(ending))) {
      assertThat(audit(action).sessionsToEnd()).as("%s", action).isEmpty();
    }
  }

  @Test
  void the_persons_own_password_change_ends_the_other_sessions_and_a_reset_or_claim_ends_them_all() {
    assertThat(account(AccountEventType.PASSWORD_CHANGED).sessionsToEnd()).contains(new SessionsToEnd.AllButCurrent(BO));
    assertThat(account(AccountEventType.TEMPORARY_PASSWORD_REPLACED).sessionsToEnd())
        .contains(new SessionsToEnd.AllButCurrent(BO));
    assertThat(account(AccountEventType.CREDENTIALS_RESET).sessionsToEnd()).contains(new SessionsToEnd.All(BO));
    assertThat(account(AccountEventType.ACCOUNT_CLAIMED).sessionsToEnd()).contains(new SessionsToEnd.All(BO));
    assertThat(account(AccountEventType.ACCOUNT_ERASED).sessionsToEnd()).contains(new SessionsToEnd.All(BO));
  }

  @Test
  void a_new_account_created_by_proving_its_address_ends_no_session() {
    assertThat(account(AccountEventType.EMAIL_VERIFIED).sessionsToEnd()).isEmpty();
  }

  private static AuditEvent audit(AuditAction action) {
    return new AuditEvent(AuditEventId.random(), ACME, ADMIN, action, Optional.of(BO), "bo@acme.test", NOW, Map.of());
  }

  private static AccountEvent account(AccountEventType type) {
    return new AccountEvent(AccountEventId.random(), BO, ADMIN, Optional.of(ACME), type, NOW, Map.of());
  }
}
