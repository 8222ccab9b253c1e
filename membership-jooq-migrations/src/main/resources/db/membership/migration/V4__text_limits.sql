-- Membership schema, version 4: text people type (issue 7, items 2.8 and 2.9).
--
-- Portable DDL as in V1 (H2, PostgreSQL, MariaDB/MySQL): a column changes type by adding the new
-- column, copying, dropping the old one and renaming the new one, since ALTER COLUMN ... TYPE is
-- spelled differently on each database.
--
-- Core refuses control, bidi and invisible characters, unpaired surrogates and NULs in every text a
-- person types, and limits lengths on the NFC-normalised text, in Java chars: every column below
-- holds every value core accepts, on every database (VARCHAR(n) counts characters on all three, and a
-- Java string never has more code points than chars).

-- Role names are unique per organisation by two confusable-aware keys (dev.membership.domain
-- .RoleNameKeys: SHA-256 of ICU4J SpoofChecker skeletons with NFKC case folding), so "Оwner" with a
-- Cyrillic О, or "0wner" with a zero, cannot sit next to another role it passes for, even when two
-- are created at once. They replace name_lower, whose lower-cased names could outgrow the column
-- ("İ" lower-cases to two characters). Until V4_1 computes the keys of existing roles (in Java:
-- SQL knows no skeletons), each existing role holds its own id as both keys.
ALTER TABLE membership_role ADD COLUMN name_key CHAR(64) DEFAULT '' NOT NULL;
ALTER TABLE membership_role ADD COLUMN look_key CHAR(64) DEFAULT '' NOT NULL;
UPDATE membership_role SET name_key = id, look_key = id;
ALTER TABLE membership_role ALTER COLUMN name_key DROP DEFAULT;
ALTER TABLE membership_role ALTER COLUMN look_key DROP DEFAULT;
ALTER TABLE membership_role ADD CONSTRAINT membership_role_name_key_uk UNIQUE (organisation_id, name_key);
ALTER TABLE membership_role ADD CONSTRAINT membership_role_look_key_uk UNIQUE (organisation_id, look_key);
ALTER TABLE membership_role DROP CONSTRAINT membership_role_name_uk;
ALTER TABLE membership_role DROP COLUMN name_lower;

-- Audit details and notification data are JSON maps of several inputs together (100 grants of
-- 64-character keys make 6,500 characters of details): TEXT, not VARCHAR(4000), so that no sum of
-- accepted inputs can outgrow them. (MariaDB/MySQL TEXT holds 65,535 bytes.)
ALTER TABLE membership_audit_event ADD COLUMN details_text TEXT DEFAULT ('{}') NOT NULL;
UPDATE membership_audit_event SET details_text = details;
ALTER TABLE membership_audit_event DROP COLUMN details;
ALTER TABLE membership_audit_event RENAME COLUMN details_text TO details;
ALTER TABLE membership_audit_event ALTER COLUMN details DROP DEFAULT;

ALTER TABLE membership_outbox ADD COLUMN data_text TEXT DEFAULT ('{}') NOT NULL;
UPDATE membership_outbox SET data_text = data;
ALTER TABLE membership_outbox DROP COLUMN data;
ALTER TABLE membership_outbox RENAME COLUMN data_text TO data;
ALTER TABLE membership_outbox ALTER COLUMN data DROP DEFAULT;

-- Unchanged on purpose: membership_organisation.name_lower and membership_account.display_name_lower
-- now hold the "search form" of the name (dev.membership.domain.TextForms: simple lower-case
-- mapping, one code point for one), which never outgrows the name itself, so VARCHAR(200) holds it.
