-- Membership schema, version 7 (issues 8 and 11): kept member counts, discoverable organisations,
-- and indexes for the filtered audit log. Conventions as in V1: one script for H2, PostgreSQL and
-- MariaDB/MySQL, CHAR(36) ids, BIGINT nanosecond instants, MariaDB table options in "/*! ... */".

-- How many memberships of each status (ACTIVE, DEACTIVATED, REMOVED) and how many pending
-- invitations (INVITED: status PENDING, open or past their expiry) an organisation has: what the
-- members page shows as "Members (N)" and on its tabs, without counting rows per page. The store
-- changes a count in the same transaction as the membership or invitation whose status it counts,
-- with one UPDATE per organisation just before the commit, organisations in key order (no deadlock
-- between two transactions touching several counts). A new organisation gets its four rows (at 0)
-- when it is inserted; a missing row reads as 0.
CREATE TABLE membership_member_count (
  organisation_id CHAR(36) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  tally BIGINT NOT NULL,
  CONSTRAINT membership_member_count_pk PRIMARY KEY (organisation_id, kind)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- Backfill: one row per organisation and kind, counted from the rows as they are now.
INSERT INTO membership_member_count (organisation_id, kind, tally)
SELECT o.id, 'ACTIVE', (SELECT COUNT(*) FROM membership_member m WHERE m.organisation_id = o.id AND m.status = 'ACTIVE')
FROM membership_organisation o;
INSERT INTO membership_member_count (organisation_id, kind, tally)
SELECT o.id, 'DEACTIVATED', (SELECT COUNT(*) FROM membership_member m WHERE m.organisation_id = o.id AND m.status = 'DEACTIVATED')
FROM membership_organisation o;
INSERT INTO membership_member_count (organisation_id, kind, tally)
SELECT o.id, 'REMOVED', (SELECT COUNT(*) FROM membership_member m WHERE m.organisation_id = o.id AND m.status = 'REMOVED')
FROM membership_organisation o;
INSERT INTO membership_member_count (organisation_id, kind, tally)
SELECT o.id, 'INVITED', (SELECT COUNT(*) FROM membership_invitation i WHERE i.organisation_id = o.id AND i.status = 'PENDING')
FROM membership_organisation o;

-- Organisation search lists only organisations that chose to be found (issue 11 part 3): off for
-- every existing and new organisation until an owner or admin turns it on.
ALTER TABLE membership_organisation ADD COLUMN discoverable BOOLEAN DEFAULT FALSE NOT NULL;
-- Search scans the discoverable, active organisations in (name, id) order.
CREATE INDEX membership_organisation_discoverable_ix ON membership_organisation (discoverable, status, name_lower, id);

-- The audit log filtered by member (the actor or the subject account) and by action, newest first:
-- each filter is a range of its own index in the log's order.
CREATE INDEX membership_audit_event_actor_ix ON membership_audit_event (organisation_id, actor_id, occurred_at, id);
CREATE INDEX membership_audit_event_subject_ix ON membership_audit_event (organisation_id, subject_account_id, occurred_at, id);
CREATE INDEX membership_audit_event_action_ix ON membership_audit_event (organisation_id, action, occurred_at, id);
