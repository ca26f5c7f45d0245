-- The control plane: release records, cases with their routed tasks, and the event stream.
-- Append-only like the build records: state is what the records say, read in order.

CREATE TABLE release_records (
    id           INTEGER PRIMARY KEY,
    instance_id  INTEGER NOT NULL REFERENCES governance_instances(id),
    channel      TEXT NOT NULL,                 -- e.g. stable, beta
    action       TEXT NOT NULL CHECK (action IN ('promote', 'pin', 'unpin', 'revoke', 'rollback')),
    build_id     INTEGER REFERENCES build_records(id),   -- the build the action concerns
    status       TEXT NOT NULL CHECK (status IN ('done', 'refused')),
    reason_code  TEXT,                          -- why it was refused
    author       TEXT NOT NULL,
    reason       TEXT NOT NULL,                 -- why it was asked for, in the author's words
    at           TEXT NOT NULL
);
CREATE INDEX release_records_channel ON release_records (instance_id, channel, id);

-- A case: something that needs a person (a failed gate, a refused release, a rollback).
CREATE TABLE cases (
    id           INTEGER PRIMARY KEY,
    instance_id  INTEGER NOT NULL REFERENCES governance_instances(id),
    kind         TEXT NOT NULL CHECK (kind IN ('gate_failed', 'release_refused', 'rollback')),
    reason_code  TEXT,
    subject      TEXT NOT NULL,                 -- e.g. build:4, release:7, acme@1.3.0
    summary      TEXT NOT NULL,
    opened_at    TEXT NOT NULL
);

-- The task a case opens, routed to whoever the design's escalation ladder makes responsible.
CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL UNIQUE REFERENCES cases(id),
    assignee     TEXT NOT NULL,                 -- role:<id>, decision_type:<id>, external:<name> or unrouted
    level        TEXT,                          -- the escalation level it was routed by
    due_at       TEXT                           -- from that level's time limit
);

-- Every state a task has been in: open → triaged → resolved (or open → resolved).
CREATE TABLE task_transitions (
    task_id      INTEGER NOT NULL REFERENCES tasks(id),
    seq          INTEGER NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('open', 'triaged', 'resolved')),
    author       TEXT NOT NULL,
    reason       TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (task_id, seq)
);

-- What happened, in order: stages, gates, releases, cases and tasks. Also appended to an
-- NDJSON file beside the database after each commit; this table is the authority.
CREATE TABLE control_events (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL,                 -- e.g. stage.started, gate.failed, release.promote
    instance     TEXT,
    subject      TEXT NOT NULL,
    reason_code  TEXT,
    details      TEXT NOT NULL                  -- JSON
);

CREATE TRIGGER release_records_no_update BEFORE UPDATE ON release_records
BEGIN SELECT RAISE(ABORT, 'release records are append-only'); END;
CREATE TRIGGER release_records_no_delete BEFORE DELETE ON release_records
BEGIN SELECT RAISE(ABORT, 'release records are append-only'); END;
CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases
BEGIN SELECT RAISE(ABORT, 'cases are kept'); END;
CREATE TRIGGER task_transitions_no_update BEFORE UPDATE ON task_transitions
BEGIN SELECT RAISE(ABORT, 'task transitions are append-only'); END;
CREATE TRIGGER task_transitions_no_delete BEFORE DELETE ON task_transitions
BEGIN SELECT RAISE(ABORT, 'task transitions are append-only'); END;
CREATE TRIGGER control_events_no_update BEFORE UPDATE ON control_events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER control_events_no_delete BEFORE DELETE ON control_events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
