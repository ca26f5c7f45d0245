-- Execution events get an identity: the SHA-256 of the event's canonical JSON (RFC 8785),
-- unique per design, so that ingesting the same file twice stores each event once (the
-- second time they are counted as duplicates and skipped). Events stored before this
-- migration have no identity (NULL, which a UNIQUE index lets repeat); the partial index
-- lets an ingest find them by their canonical payload, so they are not stored again either.

ALTER TABLE execution_events ADD COLUMN event_id TEXT;    -- sha256:… of the canonical event

CREATE UNIQUE INDEX execution_events_identity ON execution_events (instance_id, event_id);
CREATE INDEX execution_events_without_identity ON execution_events (instance_id, payload)
    WHERE event_id IS NULL;
