-- A host's own migration: the host's Flyway runs it into its own history table.
CREATE TABLE "host_note" (id INT PRIMARY KEY);
