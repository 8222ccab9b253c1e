-- Membership schema, version 2: throttle counters of sign-in and password changes, kept in the
-- database so that every instance of a fleet counts the same attempts. Conventions as in V1.
--
-- key_hash is the SHA-256 (hex) of what a counter counts: an e-mail address, a client's key (e.g.
-- its IP address), the pair of both, or an account's password changes. No address is stored, so a
-- counter for an address without an account keeps nothing readable about a person. Rows expire
-- (expires_at) and the library purges them as it goes.
CREATE TABLE membership_throttle (
  key_hash CHAR(64) NOT NULL,
  -- Failed attempts in a row; an attempt is counted before its password is checked.
  failures INTEGER NOT NULL,
  last_failure_at BIGINT,
  -- Only on a (address, source) pair: the source's last sign-in to the address.
  last_success_at BIGINT,
  expires_at BIGINT NOT NULL,
  CONSTRAINT membership_throttle_pk PRIMARY KEY (key_hash)
) /*! ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin */;

-- The purge: expired counters, oldest first.
CREATE INDEX membership_throttle_expiry_ix ON membership_throttle (expires_at);
