-- Parameter sweeps kept with the design version they ran on, as simulations are: the sweep
-- file (scenario inline), its fingerprint, and its results (the cell table, Pareto front,
-- sensitivity and recommendation) as JSON. Forward-only: never edit a landed migration.

CREATE TABLE governance_sweeps (
    id           INTEGER PRIMARY KEY,
    version_id   INTEGER NOT NULL REFERENCES governance_versions(id),
    name         TEXT,                         -- the sweep file's name, when it has one
    fingerprint  TEXT NOT NULL,                -- the sweep's `sha256:` (design, sweep file, format)
    spec         TEXT NOT NULL,                -- the sweep file as JSON, its scenario inline
    cells        INTEGER NOT NULL,
    runs         INTEGER NOT NULL,
    seed         INTEGER NOT NULL,
    results      TEXT NOT NULL,                -- JSON
    created_at   TEXT NOT NULL
);
CREATE INDEX governance_sweeps_version ON governance_sweeps(version_id);
