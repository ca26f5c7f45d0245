-- The seed's data model: instances, their versions and the configuration each version holds,
-- and the records later stages attach to a version. Forward-only: never edit a landed migration.

CREATE TABLE governance_instances (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,          -- identity.name, a stable slug
    created_at  TEXT NOT NULL                  -- RFC 3339, UTC
);

-- One row per distinct canonical content (content-addressed by fingerprint).
CREATE TABLE governance_configurations (
    fingerprint TEXT PRIMARY KEY,              -- sha256:… over the canonical typed GCO
    canonical   BLOB NOT NULL                  -- RFC 8785 canonical JSON
);

CREATE TABLE governance_versions (
    id           INTEGER PRIMARY KEY,
    instance_id  INTEGER NOT NULL REFERENCES governance_instances(id),
    version      TEXT NOT NULL,                -- semver, equals identity.version of the content
    fingerprint  TEXT NOT NULL REFERENCES governance_configurations(fingerprint),
    parent_id    INTEGER REFERENCES governance_versions(id),
    kind         TEXT NOT NULL CHECK (kind IN ('commit', 'amendment', 'rollback')),
    rollback_of  INTEGER REFERENCES governance_versions(id),   -- the version a rollback restores
    proposal_id  INTEGER,                       -- the amendment proposal that adopted it
    bump         TEXT,                          -- patch | minor | major (NULL for the first version)
    message      TEXT NOT NULL DEFAULT '',
    author       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (instance_id, version)
);

CREATE TABLE governance_validations (
    id           INTEGER PRIMARY KEY,
    version_id   INTEGER NOT NULL REFERENCES governance_versions(id),
    engine       TEXT NOT NULL,                -- engine version that validated
    blocking     INTEGER NOT NULL,
    warnings     INTEGER NOT NULL,
    infos        INTEGER NOT NULL,
    score        INTEGER NOT NULL,             -- compliance score, 0..=100
    report       TEXT NOT NULL,                -- the report as JSON
    created_at   TEXT NOT NULL
);

CREATE TABLE governance_scores (
    id           INTEGER PRIMARY KEY,
    version_id   INTEGER NOT NULL REFERENCES governance_versions(id),
    model        TEXT NOT NULL,                -- scoring model version
    scores       TEXT NOT NULL,                -- JSON
    created_at   TEXT NOT NULL
);

CREATE TABLE governance_simulations (
    id           INTEGER PRIMARY KEY,
    version_id   INTEGER NOT NULL REFERENCES governance_versions(id),
    scenario     TEXT NOT NULL,                -- the scenario as canonical JSON
    seed         INTEGER NOT NULL,
    runs         INTEGER NOT NULL,
    results      TEXT NOT NULL,                -- JSON
    created_at   TEXT NOT NULL
);

CREATE TABLE governance_artifacts (
    id           INTEGER PRIMARY KEY,
    version_id   INTEGER NOT NULL REFERENCES governance_versions(id),
    kind         TEXT NOT NULL,                -- e.g. permission_matrix, cedar_policies, bundle
    name         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    content      BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (version_id, kind, name)
);

CREATE TABLE execution_events (
    id           INTEGER PRIMARY KEY,
    instance_id  INTEGER REFERENCES governance_instances(id),
    version_id   INTEGER REFERENCES governance_versions(id),
    kind         TEXT NOT NULL,
    at           TEXT NOT NULL,
    payload      TEXT NOT NULL                 -- JSON
);

-- The audit log: append-only (the triggers refuse UPDATE and DELETE) and hash-chained, so
-- that `cogov audit verify` finds an entry altered or removed behind SQLite's back.
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,          -- 1, 2, 3, … without gaps
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,                -- e.g. version.commit, proposal.adopt, release.promote
    subject      TEXT NOT NULL,                -- what it concerns, e.g. `acme@1.2.0`, `build:17`
    details      TEXT NOT NULL,                -- canonical JSON
    prev_hash    TEXT NOT NULL,                -- hash of entry seq-1 (64 zeros for the first)
    hash         TEXT NOT NULL                 -- sha256 over the canonical entry with prev_hash
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
