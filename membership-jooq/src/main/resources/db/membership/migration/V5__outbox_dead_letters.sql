-- Membership schema, version 5: the outbox's leases, dead letters, purge and daily counts.
--
-- Portable DDL as in V1 (BIGINT nanosecond instants, CHAR(36) ids, "/*! ... */" read by MariaDB/MySQL
-- only). A notification is pending (delivered_at and dead_at NULL), delivered (delivered_at set) or
-- a dead letter (dead_at set: every attempt up to the policy's maximum failed).

-- When the outbox gave up on the notification; NULL while pending or once delivered.
ALTER TABLE membership_outbox ADD COLUMN dead_at BIGINT;

-- The claim (lease) a dispatcher holds the notification under; next_attempt_at holds the lease's end,
-- so a claimed notification is not due for anyone else until then, and a dead dispatcher's claims
-- become due again when it passes. Only the holder records a failure.
ALTER TABLE membership_outbox ADD COLUMN lease_id CHAR(36);

-- The due scan reads pending rows only, in the order they are due: (NULL, NULL, next_attempt_at, id)
-- is one contiguous range of this index, whatever the number of delivered rows and dead letters.
-- Purging reads the range of delivered_at below the retention's start, on the same index.
-- MariaDB/MySQL name the table in DROP INDEX; H2 and PostgreSQL read that part as a comment.
DROP INDEX membership_outbox_due_ix /*! ON membership_outbox */;
CREATE INDEX membership_outbox_due_ix ON membership_outbox (delivered_at, dead_at, next_attempt_at, id);

-- Dead letters, listed oldest first with a keyset cursor.
CREATE INDEX membership_outbox_dead_ix ON membership_outbox (dead_at, id);

-- An organisation's notifications of one type by date: the daily invitation limit counts the last
-- 24 hours' invitation e-mails, reading at most the limit's number of entries.
CREATE INDEX membership_outbox_sent_ix ON membership_outbox (organisation_id, notification_type, created_at);
