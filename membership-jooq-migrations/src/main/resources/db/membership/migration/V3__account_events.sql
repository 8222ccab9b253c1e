-- Membership schema, version 3: the accounts' own histories.
--
-- Every change to who can sign in as an account (its password changed, its credentials reset by an
-- organisation's admin, the account claimed) is kept here, whether or not it happened through an
-- organisation; the organisation's audit log keeps its own entries as well. Conventions as in V1:
-- CHAR(36) ids, BIGINT nanosecond instants, details as JSON text, MariaDB table options in a comment.

CREATE TABLE membership_account_event (
  id CHAR(36) NOT NULL,
  account_id CHAR(36) NOT NULL,
  actor_id CHAR(36) NOT NULL,
  -- The organisation the change was made through, if any (whose admin reset the credentials, or
  -- whose invitation claimed the account).
  organisation_id CHAR(36),
  event_type VARCHAR(64) NOT NULL,
  occurred_at BIGINT NOT NULL,
  details VARCHAR(4000) NOT NULL,
  CONSTRAINT membership_account_event_pk PRIMARY KEY (id),
  CONSTRAINT membership_account_event_account_fk FOREIGN KEY (account_id) REFERENCES membership_account (id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- An account's history: newest first.
CREATE INDEX membership_account_event_page_ix ON membership_account_event (account_id, occurred_at, id);
