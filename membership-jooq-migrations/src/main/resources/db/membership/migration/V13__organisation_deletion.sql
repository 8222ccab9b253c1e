-- Membership schema, version 13: deleted organisations (issue 11, part 4). Conventions as in V1:
-- CHAR(36) ids, BIGINT nanosecond instants, MariaDB/MySQL table options in a "/*! ... */" comment.
-- (V12 is another change's number.)

-- One row per deleted organisation until its data is purged: who deleted it, when, and from when
-- organisations().purgeDeleted() may purge it (until then its former owners read its audit log).
CREATE TABLE membership_organisation_deletion (
  organisation_id CHAR(36) NOT NULL,
  actor_id CHAR(36) NOT NULL,
  deleted_at BIGINT NOT NULL,
  purge_due_at BIGINT NOT NULL,
  CONSTRAINT membership_organisation_deletion_pk PRIMARY KEY (organisation_id),
  CONSTRAINT membership_organisation_deletion_organisation_fk FOREIGN KEY (organisation_id)
    REFERENCES membership_organisation (id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- The purge's queue: deletions whose retention ended, oldest first.
CREATE INDEX membership_organisation_deletion_due_ix ON membership_organisation_deletion (purge_due_at, organisation_id);

-- The active owners a deleted organisation had: who may read its audit log during the retention.
CREATE TABLE membership_former_owner (
  organisation_id CHAR(36) NOT NULL,
  account_id CHAR(36) NOT NULL,
  CONSTRAINT membership_former_owner_pk PRIMARY KEY (organisation_id, account_id),
  CONSTRAINT membership_former_owner_deletion_fk FOREIGN KEY (organisation_id)
    REFERENCES membership_organisation_deletion (organisation_id)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- "The deleted organisations whose audit log I may still read".
CREATE INDEX membership_former_owner_account_ix ON membership_former_owner (account_id, organisation_id);
