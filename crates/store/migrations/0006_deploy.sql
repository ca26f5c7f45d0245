-- Bundles are kept as governance_artifacts (kind 'bundle'). Deployments: one record per
-- activation or rollback of a bundle on a target directory, and per target of a deploy to
-- several at once (the sync record). Append-only: the triggers refuse UPDATE and DELETE.

CREATE TABLE deployment_records (
    id               INTEGER PRIMARY KEY,
    instance         TEXT NOT NULL,               -- the bundle's design (it need not be stored here)
    version          TEXT NOT NULL,
    fingerprint      TEXT NOT NULL,
    bundle_sha256    TEXT NOT NULL,               -- sha256:… of the .tar.gz: what runs
    action           TEXT NOT NULL CHECK (action IN ('deploy', 'rollback')),
    source           TEXT NOT NULL,               -- the bundle file deployed (or the target, for a rollback)
    target           TEXT NOT NULL,               -- the target directory, absolute
    channel          TEXT,                        -- the release channel deployed from, if any
    contract_version TEXT,                        -- the telemetry contract's version, if the bundle has one
    previous_sha256  TEXT,                        -- what the target ran before
    author           TEXT NOT NULL,
    at               TEXT NOT NULL
);
CREATE INDEX deployment_records_target ON deployment_records (target, id);

CREATE TRIGGER deployment_records_no_update BEFORE UPDATE ON deployment_records
BEGIN SELECT RAISE(ABORT, 'deployment records are append-only'); END;
CREATE TRIGGER deployment_records_no_delete BEFORE DELETE ON deployment_records
BEGIN SELECT RAISE(ABORT, 'deployment records are append-only'); END;
