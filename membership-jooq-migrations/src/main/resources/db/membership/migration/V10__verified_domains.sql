-- Membership schema, version 10: verified domains per organisation (issue 11, part 3). Conventions as
-- in V1: CHAR(36) ids, BIGINT nanosecond instants, MariaDB/MySQL table options in a "/*! ... */" comment.

-- A domain an organisation added, and what it does once verified (see OrganisationDomain).
CREATE TABLE membership_domain (
  id CHAR(36) NOT NULL,
  organisation_id CHAR(36) NOT NULL,
  -- Normalised: lower-case ASCII, internationalised labels in their xn-- form, no trailing dot.
  domain_name VARCHAR(253) NOT NULL,
  -- domain_name while the row is VERIFIED, NULL otherwise: one verified row per name across every
  -- organisation (unique indexes ignore NULLs on all three databases), as pending_email does for invitations.
  verified_name VARCHAR(253),
  status VARCHAR(16) NOT NULL,
  -- Published by the organisation in DNS: not a secret.
  verification_token VARCHAR(128) NOT NULL,
  verified_by VARCHAR(32),
  verified_at BIGINT,
  enrollment_mode VARCHAR(16) NOT NULL,
  enrollment_role_id VARCHAR(41) NOT NULL,
  enrollment_grants VARCHAR(6600) NOT NULL,
  added_by CHAR(36) NOT NULL,
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL,
  CONSTRAINT membership_domain_pk PRIMARY KEY (id),
  -- Also the index of an organisation's domains by name.
  CONSTRAINT membership_domain_name_uk UNIQUE (organisation_id, domain_name),
  -- Also the index of "which organisation verified this domain" (suggestions, automatic enrolment).
  CONSTRAINT membership_domain_verified_uk UNIQUE (verified_name),
  CONSTRAINT membership_domain_organisation_fk FOREIGN KEY (organisation_id) REFERENCES membership_organisation (id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;
