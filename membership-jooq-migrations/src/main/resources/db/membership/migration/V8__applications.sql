-- Membership schema, version 8: applications with a minimum supported client version, and notices
-- about entitlements' ends (issue 11, parts 1 and 2). Conventions as in V1: CHAR(36) ids, BIGINT
-- nanosecond instants, MariaDB/MySQL table options in a "/*! ... */" comment.

-- The deployment's application catalogue (not per organisation), keyed by the entitlement key
-- organisations hold to use it.
CREATE TABLE membership_application (
  application_key VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  version BIGINT NOT NULL,
  CONSTRAINT membership_application_pk PRIMARY KEY (application_key)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- Its minimum client version policies, each from an instant on: the minimums per line as text,
-- comma-separated ("2025.4,2026.1"), parsed and compared in Java, never in SQL.
CREATE TABLE membership_client_policy (
  application_key VARCHAR(64) NOT NULL,
  effective_from BIGINT NOT NULL,
  minimums VARCHAR(700) NOT NULL,
  CONSTRAINT membership_client_policy_pk PRIMARY KEY (application_key, effective_from)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- The catalogue's history: who changed what (the host names its operator).
CREATE TABLE membership_application_change (
  id CHAR(36) NOT NULL,
  application_key VARCHAR(64) NOT NULL,
  action VARCHAR(32) NOT NULL,
  changed_by VARCHAR(200) NOT NULL,
  occurred_at BIGINT NOT NULL,
  details VARCHAR(4000) NOT NULL,
  CONSTRAINT membership_application_change_pk PRIMARY KEY (id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

CREATE INDEX membership_application_change_ix ON membership_application_change (application_key, occurred_at, id);

-- The client each account last used an application with, per organisation: one row, upserted.
-- Ordered by account for the "whom to warn" pages.
CREATE TABLE membership_client_report (
  organisation_id CHAR(36) NOT NULL,
  application_key VARCHAR(64) NOT NULL,
  account_id CHAR(36) NOT NULL,
  client_version VARCHAR(64) NOT NULL,
  seen_at BIGINT NOT NULL,
  CONSTRAINT membership_client_report_pk PRIMARY KEY (organisation_id, application_key, account_id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- Each notice about an entitlement's end, once per entitlement, kind and end date: the primary key
-- is what lets only one instance of several send it.
CREATE TABLE membership_entitlement_notice (
  organisation_id CHAR(36) NOT NULL,
  entitlement_key VARCHAR(64) NOT NULL,
  notice VARCHAR(16) NOT NULL,
  ends_at BIGINT NOT NULL,
  CONSTRAINT membership_entitlement_notice_pk PRIMARY KEY (organisation_id, entitlement_key, notice, ends_at)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- The upkeep finds entitlements ending soon, or just ended, of every organisation.
CREATE INDEX membership_entitlement_end_ix ON membership_entitlement (valid_until, organisation_id, entitlement_key);
