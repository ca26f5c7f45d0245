-- Build records: one pass of a stored version through the pipeline's stage spine. Append-only.
CREATE TABLE build_records (
    id                INTEGER PRIMARY KEY,
    version_id        INTEGER NOT NULL REFERENCES governance_versions(id),
    engine            TEXT NOT NULL,              -- engine version that ran the stages
    input_fingerprint TEXT NOT NULL,              -- the version's fingerprint
    status            TEXT NOT NULL CHECK (status IN ('passed', 'failed')),
    reason_code       TEXT,                       -- of the failed gate
    author            TEXT NOT NULL,
    started_at        TEXT NOT NULL,
    finished_at       TEXT NOT NULL,
    -- A retry with the same inputs and engine finds this record instead of adding another.
    UNIQUE (input_fingerprint, engine)
);

CREATE TABLE build_stages (
    build_id     INTEGER NOT NULL REFERENCES build_records(id),
    seq          INTEGER NOT NULL,
    stage        TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'skipped', 'blocked')),
    reason_code  TEXT,
    detail       TEXT NOT NULL,
    duration_us  INTEGER NOT NULL,
    outputs      TEXT NOT NULL,                   -- JSON: [{"name", "sha256"}]
    PRIMARY KEY (build_id, seq)
);

CREATE TRIGGER build_records_no_update BEFORE UPDATE ON build_records
BEGIN SELECT RAISE(ABORT, 'build records are append-only'); END;
CREATE TRIGGER build_records_no_delete BEFORE DELETE ON build_records
BEGIN SELECT RAISE(ABORT, 'build records are append-only'); END;
CREATE TRIGGER build_stages_no_update BEFORE UPDATE ON build_stages
BEGIN SELECT RAISE(ABORT, 'build records are append-only'); END;
CREATE TRIGGER build_stages_no_delete BEFORE DELETE ON build_stages
BEGIN SELECT RAISE(ABORT, 'build records are append-only'); END;
