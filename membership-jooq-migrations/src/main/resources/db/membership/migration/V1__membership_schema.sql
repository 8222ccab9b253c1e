-- Membership schema, version 1.
--
-- One script for H2, PostgreSQL and MariaDB/MySQL, so it keeps to portable DDL:
--  * no expression or partial indexes (H2 has neither): case-insensitive uniqueness uses normalised
--    columns, and "one pending/live X per pair" uses nullable key columns that hold a value only
--    while the row is pending/live (unique indexes ignore NULLs on all three databases);
--  * ids are CHAR(36) UUID strings, so every database orders them as Java orders their strings;
--  * instants are BIGINT nanoseconds since 1970-01-01T00:00:00Z (UTC): exact (no rounding to
--    microseconds), free of time zones, and beyond MariaDB TIMESTAMP's 2038 limit;
--  * sets are stored sorted and comma-separated (permissions, entitlement keys), maps as JSON text;
--  * MariaDB/MySQL read the "/*! ... */" table options (binary collation, so text compares and sorts
--    as in Java); H2 and PostgreSQL read them as comments.
-- Every table with optimistic locking has "version BIGINT NOT NULL".

CREATE TABLE membership_organisation (
  id CHAR(36) NOT NULL,
  name VARCHAR(200) NOT NULL,
  name_lower VARCHAR(200) NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL,
  CONSTRAINT membership_organisation_pk PRIMARY KEY (id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- Search and "an account's organisations" order by (name ignoring case, id).
CREATE INDEX membership_organisation_name_ix ON membership_organisation (name_lower, id);

CREATE TABLE membership_account (
  id CHAR(36) NOT NULL,
  email VARCHAR(254) NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  display_name_lower VARCHAR(200) NOT NULL,
  password_hash VARCHAR(2048) NOT NULL,
  credential_state VARCHAR(16) NOT NULL,
  temporary_password_expires_at BIGINT,
  created_by_organisation_id CHAR(36),
  last_sign_in_at BIGINT,
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL,
  CONSTRAINT membership_account_pk PRIMARY KEY (id),
  -- E-mail addresses are stored normalised (trimmed, lower-cased): one account per address.
  CONSTRAINT membership_account_email_uk UNIQUE (email)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

CREATE TABLE membership_member (
  id CHAR(36) NOT NULL,
  organisation_id CHAR(36) NOT NULL,
  account_id CHAR(36) NOT NULL,
  -- account_id while the membership is ACTIVE or DEACTIVATED, NULL once REMOVED: one live
  -- membership per (organisation, account).
  live_account_id CHAR(36),
  -- The account's address, copied so that the members page pages over one index.
  email VARCHAR(254) NOT NULL,
  role_id VARCHAR(41) NOT NULL,
  status VARCHAR(16) NOT NULL,
  origin VARCHAR(16) NOT NULL,
  -- ACTIVE: the grants held. DEACTIVATED: the grants reactivation restores. REMOVED: empty.
  grant_keys VARCHAR(6600) NOT NULL,
  -- While DEACTIVATED: the role reactivation restores and since when.
  suspended_role_id VARCHAR(41),
  suspended_at BIGINT,
  joined_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL,
  CONSTRAINT membership_member_pk PRIMARY KEY (id),
  CONSTRAINT membership_member_live_uk UNIQUE (organisation_id, live_account_id),
  CONSTRAINT membership_member_account_fk FOREIGN KEY (account_id) REFERENCES membership_account (id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- The members page: keyset by (email, id) within an organisation.
CREATE INDEX membership_member_page_ix ON membership_member (organisation_id, email, id);
-- An account's organisations, and whether it belongs to another one.
CREATE INDEX membership_member_account_ix ON membership_member (live_account_id, organisation_id);
CREATE INDEX membership_member_history_ix ON membership_member (account_id);
-- Owners (the last-owner rule), reviewers to notify, roles in use.
CREATE INDEX membership_member_role_ix ON membership_member (organisation_id, role_id, status);
-- Roles in use and role deletion also look at the role a deactivated member gets back.
CREATE INDEX membership_member_suspended_role_ix ON membership_member (organisation_id, suspended_role_id);

-- Active grants only, one row per (membership, entitlement): what counts seats.
CREATE TABLE membership_member_grant (
  membership_id CHAR(36) NOT NULL,
  organisation_id CHAR(36) NOT NULL,
  entitlement_key VARCHAR(64) NOT NULL,
  CONSTRAINT membership_member_grant_pk PRIMARY KEY (membership_id, entitlement_key),
  CONSTRAINT membership_member_grant_member_fk FOREIGN KEY (membership_id) REFERENCES membership_member (id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

CREATE INDEX membership_member_grant_seat_ix ON membership_member_grant (organisation_id, entitlement_key);

CREATE TABLE membership_role (
  id VARCHAR(41) NOT NULL,
  organisation_id CHAR(36) NOT NULL,
  name VARCHAR(100) NOT NULL,
  -- The name lower-cased: role names are unique per organisation, ignoring case.
  name_lower VARCHAR(100) NOT NULL,
  permissions VARCHAR(400) NOT NULL,
  version BIGINT NOT NULL,
  CONSTRAINT membership_role_pk PRIMARY KEY (id),
  -- Also the order of the list of roles.
  CONSTRAINT membership_role_name_uk UNIQUE (organisation_id, name_lower)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

CREATE TABLE membership_entitlement (
  organisation_id CHAR(36) NOT NULL,
  entitlement_key VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  seat_limit INTEGER,
  valid_until BIGINT,
  version BIGINT NOT NULL,
  CONSTRAINT membership_entitlement_pk PRIMARY KEY (organisation_id, entitlement_key)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

CREATE TABLE membership_invitation (
  id CHAR(36) NOT NULL,
  organisation_id CHAR(36) NOT NULL,
  email VARCHAR(254) NOT NULL,
  -- email while the invitation is PENDING (open or past its expiry), NULL otherwise: one pending
  -- invitation per (organisation, e-mail).
  pending_email VARCHAR(254),
  role_id VARCHAR(41) NOT NULL,
  grant_keys VARCHAR(6600) NOT NULL,
  status VARCHAR(16) NOT NULL,
  -- SHA-256 of the current link's token, hex; the token itself is never stored.
  token_hash CHAR(64) NOT NULL,
  expires_at BIGINT NOT NULL,
  invited_by CHAR(36) NOT NULL,
  join_request_id CHAR(36),
  send_count INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  accepted_by CHAR(36),
  version BIGINT NOT NULL,
  CONSTRAINT membership_invitation_pk PRIMARY KEY (id),
  CONSTRAINT membership_invitation_token_uk UNIQUE (token_hash),
  -- Also the members page's index for pending invitations: keyset by e-mail.
  CONSTRAINT membership_invitation_pending_uk UNIQUE (organisation_id, pending_email)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

CREATE INDEX membership_invitation_role_ix ON membership_invitation (organisation_id, role_id);

-- What an invitation would grant, one row per entitlement: pending invitations count seats too.
CREATE TABLE membership_invitation_grant (
  invitation_id CHAR(36) NOT NULL,
  organisation_id CHAR(36) NOT NULL,
  entitlement_key VARCHAR(64) NOT NULL,
  CONSTRAINT membership_invitation_grant_pk PRIMARY KEY (invitation_id, entitlement_key),
  CONSTRAINT membership_invitation_grant_invitation_fk FOREIGN KEY (invitation_id) REFERENCES membership_invitation (id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

CREATE INDEX membership_invitation_grant_seat_ix ON membership_invitation_grant (organisation_id, entitlement_key);

CREATE TABLE membership_join_request (
  id CHAR(36) NOT NULL,
  organisation_id CHAR(36) NOT NULL,
  account_id CHAR(36) NOT NULL,
  -- account_id while PENDING, NULL once decided or withdrawn: one pending request per pair.
  pending_account_id CHAR(36),
  message VARCHAR(1000),
  status VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  decided_by CHAR(36),
  decided_at BIGINT,
  version BIGINT NOT NULL,
  CONSTRAINT membership_join_request_pk PRIMARY KEY (id),
  CONSTRAINT membership_join_request_pending_uk UNIQUE (organisation_id, pending_account_id),
  CONSTRAINT membership_join_request_account_fk FOREIGN KEY (account_id) REFERENCES membership_account (id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- The requests tab: oldest first, all statuses or one.
CREATE INDEX membership_join_request_page_ix ON membership_join_request (organisation_id, created_at, id);
CREATE INDEX membership_join_request_status_ix ON membership_join_request (organisation_id, status, created_at, id);
-- "My requests": an account's own, newest first.
CREATE INDEX membership_join_request_account_ix ON membership_join_request (account_id, created_at, id);

CREATE TABLE membership_audit_event (
  id CHAR(36) NOT NULL,
  organisation_id CHAR(36) NOT NULL,
  actor_id CHAR(36) NOT NULL,
  action VARCHAR(64) NOT NULL,
  subject_account_id CHAR(36),
  subject VARCHAR(400) NOT NULL,
  occurred_at BIGINT NOT NULL,
  details VARCHAR(4000) NOT NULL,
  CONSTRAINT membership_audit_event_pk PRIMARY KEY (id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- The audit log: newest first within an organisation.
CREATE INDEX membership_audit_event_page_ix ON membership_audit_event (organisation_id, occurred_at, id);

CREATE TABLE membership_outbox (
  id CHAR(36) NOT NULL,
  notification_type VARCHAR(32) NOT NULL,
  organisation_id CHAR(36) NOT NULL,
  recipient VARCHAR(254) NOT NULL,
  data VARCHAR(4000) NOT NULL,
  -- The invitation link carries a secret token: erased once delivered.
  link VARCHAR(2048),
  created_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  delivered_at BIGINT,
  last_error VARCHAR(1000),
  CONSTRAINT membership_outbox_pk PRIMARY KEY (id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- Undelivered notifications (delivered_at IS NULL) in the order they are due.
CREATE INDEX membership_outbox_due_ix ON membership_outbox (delivered_at, next_attempt_at, id);
