-- Membership schema, version 6: self-registration proves the address before an account exists
-- (issue 7, item 2.11). Conventions as in V1: CHAR(36) ids, BIGINT nanosecond instants, normalised
-- addresses, MariaDB/MySQL table options in a "/*! ... */" comment.

-- One row per call of accounts().register, whether the address had an account or not, so that the
-- sign-up e-mails an address receives a day can be counted. No account exists until the address is
-- proved: a row AWAITING_VERIFICATION holds what the person chose (name, Argon2id hash of the
-- password) and the SHA-256 of the link's token; VERIFIED and ENDED rows have had the name and hash
-- erased; OWNER_NOTIFIED rows (the address had an account, its owner was told) never had any, nor a
-- token. Rows older than the longest link's life plus a day are purged as sign-ups go.
CREATE TABLE membership_sign_up (
  id CHAR(36) NOT NULL,
  -- Normalised (trimmed, lower-cased); an address may have several sign-ups.
  email VARCHAR(254) NOT NULL,
  status VARCHAR(32) NOT NULL,
  display_name VARCHAR(200),
  password_hash VARCHAR(2048),
  token_hash CHAR(64),
  failed_attempts INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  closed_at BIGINT,
  version BIGINT NOT NULL,
  CONSTRAINT membership_sign_up_pk PRIMARY KEY (id),
  -- Unique indexes ignore NULLs on all three databases: OWNER_NOTIFIED rows have no token.
  CONSTRAINT membership_sign_up_token_uk UNIQUE (token_hash)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- An address's sign-ups, newest first: the daily bound per address, and ending the others once one is proved.
CREATE INDEX membership_sign_up_email_ix ON membership_sign_up (email, created_at, id);
-- The purge: oldest first.
CREATE INDEX membership_sign_up_created_ix ON membership_sign_up (created_at, id);

-- The sign-up e-mails (VERIFY_EMAIL, SIGN_UP_ATTEMPTED) are about an address, not an organisation:
-- membership_outbox.organisation_id holds '' for them. The column stays NOT NULL because H2 and
-- PostgreSQL (ALTER COLUMN ... DROP NOT NULL) and MariaDB (MODIFY) share no statement that drops a
-- NOT NULL, and rebuilding the column would drop the indexes other versions put on it.
