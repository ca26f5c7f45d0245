-- Amendment proposals and their votes. A proposal moves draft → voting → adopted | rejected |
-- withdrawn; every transition is also an audit entry.
CREATE TABLE proposals (
    id                   INTEGER PRIMARY KEY,
    instance_id          INTEGER NOT NULL REFERENCES governance_instances(id),
    base_version_id      INTEGER NOT NULL REFERENCES governance_versions(id),
    proposed_fingerprint TEXT NOT NULL REFERENCES governance_configurations(fingerprint),
    title                TEXT NOT NULL,
    decision_type        TEXT NOT NULL,
    state                TEXT NOT NULL CHECK (state IN ('draft', 'voting', 'adopted', 'rejected', 'withdrawn')),
    author               TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    closed_at            TEXT,
    adopted_version_id   INTEGER REFERENCES governance_versions(id)
);

CREATE TABLE votes (
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    member      TEXT NOT NULL,
    choice      TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
    at          TEXT NOT NULL,
    PRIMARY KEY (proposal_id, member)
);
