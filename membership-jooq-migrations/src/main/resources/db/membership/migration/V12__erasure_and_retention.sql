-- Membership schema, version 12: erasure of a person and retention (issue 11, part 4). Conventions as
-- in V1. No new column: an erased account is credential_state 'ERASED', its address a placeholder of
-- erased.invalid and its name a pseudonym. These indexes keep erasure and the retention upkeep to
-- short ranges instead of scans of whole tables.

-- Erasure: every invitation to an address, in any organisation and status.
CREATE INDEX membership_invitation_email_ix ON membership_invitation (email);
-- Erasure: the audit entries about an account, and those whose subject is an address, in every
-- organisation (the V7 index starts with the organisation).
CREATE INDEX membership_audit_event_subject_account_ix ON membership_audit_event (subject_account_id);
CREATE INDEX membership_audit_event_subject_text_ix ON membership_audit_event (subject);
-- Retention: answered and withdrawn join requests by when they were answered.
CREATE INDEX membership_join_request_decided_ix ON membership_join_request (decided_at);
-- Retention: cancelled invitations by their last change, pending ones by their link's expiry.
CREATE INDEX membership_invitation_ended_ix ON membership_invitation (status, updated_at);
CREATE INDEX membership_invitation_expiry_ix ON membership_invitation (status, expires_at);
