-- The audit log's anchor: from this version on, every append also advances a head (sequence
-- and hash) kept outside the database (`<db>.audit-head`), which `cogov audit verify` compares
-- with the chain. Signed checkpoints of that head, made with a release key, are kept here too
-- (and by the operator, outside). Forward-only: never edit a landed migration.

CREATE TABLE audit_checkpoints (
    id          INTEGER PRIMARY KEY,
    seq         INTEGER NOT NULL,              -- the audit entry the checkpoint vouches for
    hash        TEXT NOT NULL,                 -- that entry's hash
    key_id      TEXT NOT NULL,                 -- the minisign key id that signed it
    signature   TEXT NOT NULL,                 -- minisign signature of the checkpoint statement
    created_at  TEXT NOT NULL
);
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
