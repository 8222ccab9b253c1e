-- Membership schema, version 5: the outbox's leases, dead letters, purge and daily counts.
--
-- Portable DDL as in V1 (BIGINT nanosecond instants, CHAR(36) ids). A notification is pending
-- (delivered_at and dead_at NULL), delivered (delivered_at set) or a dead letter (dead_at set: every
-- attempt up to the policy's maximum failed).

-- When the outbox gave up on the notification; NULL while pending or once delivered. A dead letter's
-- next_attempt_at is the largest BIGINT, so it is never due and sits past the end of the due scan's
-- range on membership_outbox_due_ix (delivered_at, next_attempt_at, id): the claim reads pending rows
-- in the order they are due whatever the number of dead letters, with no condition on dead_at (with
-- one, a MariaDB 10.11 claim by SKIP LOCKED returned no row at all while another claim held the first
-- two, instead of the next ones).
ALTER TABLE membership_outbox ADD COLUMN dead_at BIGINT;

-- The claim (lease) a dispatcher holds the notification under; next_attempt_at holds the lease's end,
-- so a claimed notification is not due for anyone else until then, and a dead dispatcher's claims
-- become due again when it passes. Only the holder records a failure.
ALTER TABLE membership_outbox ADD COLUMN lease_id CHAR(36);

-- Dead letters, listed oldest first with a keyset cursor.
CREATE INDEX membership_outbox_dead_ix ON membership_outbox (dead_at, id);

-- An organisation's notifications of one type by date: the daily invitation limit counts the last
-- 24 hours' invitation e-mails, reading at most the limit's number of entries.
CREATE INDEX membership_outbox_sent_ix ON membership_outbox (organisation_id, notification_type, created_at);
