-- Membership schema, version 11: the outbox delivers one recipient's notifications in the order they
-- were written. A claim takes a notification only when no older one of its recipient is still pending
-- (delivered_at and dead_at NULL); this index answers that NOT EXISTS with one short range per
-- candidate row (equality on recipient, the two NULLs, then created_at and id), instead of a scan of
-- every pending row.
CREATE INDEX membership_outbox_recipient_ix ON membership_outbox (recipient, delivered_at, dead_at, created_at, id);
