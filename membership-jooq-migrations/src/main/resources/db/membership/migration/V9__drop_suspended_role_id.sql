-- Membership schema, version 9: a deactivated membership keeps its role in role_id, the one column
-- the library reads; suspended_role_id was only ever written equal to it, so it goes, with its index.
-- DROP INDEX takes "ON table" on MariaDB/MySQL only: there it is a "/*! ... */" comment's content,
-- which H2 and PostgreSQL read as a comment (as in V1's table options).
DROP INDEX membership_member_suspended_role_ix /*! ON membership_member */;
ALTER TABLE membership_member DROP COLUMN suspended_role_id;
