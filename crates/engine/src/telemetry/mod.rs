//! The telemetry contract: which events an execution layer logs for a design, the fields each
//! must carry, how long each is kept, and the monitoring feeds computed from them; emitted as
//! one JSON Schema per event type plus a contract document (`docs/telemetry.md`).
//!
//! [`check`] reads NDJSON text against a contract, line by line, bounded; [`figures`] compares
//! what the accepted events show (turnout, Gini of voting weight, proposal throughput,
//! treasury velocity) with what the design expects. Pure: text and values in, values out.

mod check;
pub mod figures;

pub use check::{Accepted, Checked, Rejection, check, date_time};
pub use figures::{Figure, Verdict, figures};

use crate::source::Source;
use cogov_model::{Gco, sort_keys};
use serde::Serialize;
use serde_json::{Value, json};

/// The version of the contract format.
pub const CONTRACT_VERSION: &str = "cogov-telemetry/1";

/// The longest line accepted, in bytes.
pub const MAX_LINE_BYTES: usize = 64 * 1024;
/// The most lines read from one input; later lines are refused as one.
pub const MAX_LINES: usize = 200_000;
/// The deepest nesting of one event.
pub const MAX_EVENT_DEPTH: usize = 32;

/// The pattern of an RFC 3339 UTC or offset timestamp, as events carry it in `at`.
pub const TIMESTAMP_PATTERN: &str =
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";

/// A field an event must (or may) carry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The field name.
    pub name: &'static str,
    /// Its JSON Schema (type, enum, bounds).
    pub schema: Value,
    /// Whether every event of the type must carry it.
    pub required: bool,
    /// What it means.
    pub description: &'static str,
}

/// One event type of the contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventType {
    /// The event name, the value of the `event` field (`vote_cast`).
    pub name: &'static str,
    /// When it is logged.
    pub description: &'static str,
    /// Its fields beyond `event`, `at`, `instance` and `version`.
    pub fields: Vec<Field>,
    /// How long events of this type are kept, in days.
    pub retention_days: u32,
    /// Why that long.
    pub retention_reason: &'static str,
}

/// A monitoring feed: a figure computed from the events, with what the design expects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feed {
    /// The figure's name (`turnout`).
    pub name: &'static str,
    /// How it is computed from the events.
    pub computed_from: &'static str,
    /// The event types it reads.
    pub events: Vec<&'static str>,
    /// The figure the design leads to expect, when it gives one.
    pub expected: Option<f64>,
    /// The unit of the figure.
    pub unit: &'static str,
}

/// The telemetry contract of one design version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contract {
    /// [`CONTRACT_VERSION`].
    pub format: &'static str,
    /// The design it was derived from.
    pub source: Source,
    /// The event types, in a fixed order.
    pub events: Vec<EventType>,
    /// The monitoring feeds.
    pub feeds: Vec<Feed>,
    /// Bounds a reader applies to an input.
    pub limits: Value,
}

fn string() -> Value {
    json!({"type": "string", "minLength": 1, "maxLength": 256})
}

fn one_of(ids: Vec<String>) -> Value {
    if ids.is_empty() { string() } else { json!({"type": "string", "enum": ids}) }
}

fn field(name: &'static str, schema: Value, description: &'static str) -> Field {
    Field { name, schema, required: true, description }
}

fn optional(name: &'static str, schema: Value, description: &'static str) -> Field {
    Field { name, schema, required: false, description }
}

/// Seven years: what accounting and audit rules commonly ask of financial and decision records.
const RECORDS_DAYS: u32 = 2_555;

impl Contract {
    /// The contract a design calls for: the event types its domains need, with fields whose
    /// allowed values are the design's own ids (decision types, roles, categories, tiers,
    /// escalation levels).
    pub fn of(gco: &Gco) -> Contract {
        let decision_types: Vec<String> = gco.decision_types.iter().map(|d| d.id.clone()).collect();
        let roles: Vec<String> = gco.roles.iter().map(|r| r.id.clone()).collect();
        let dt = || field("decision_type", one_of(decision_types.clone()), "the decision type of the proposal");
        let proposal = || field("proposal_id", string(), "the execution layer's id of the proposal");
        let mut events = vec![
            EventType {
                name: "proposal_created",
                description: "a proposal was submitted",
                fields: vec![proposal(), dt(), field("proposer", string(), "the member who proposed it")],
                retention_days: RECORDS_DAYS,
                retention_reason: "decision records are kept seven years",
            },
            EventType {
                name: "vote_cast",
                description: "a member voted on a proposal",
                fields: vec![
                    proposal(),
                    dt(),
                    field("voter", string(), "the member who voted"),
                    field("weight", json!({"type": "number", "minimum": 0}), "the voting weight cast"),
                    field("choice", json!({"type": "string", "enum": ["yes", "no", "abstain"]}), "yes, no or abstain"),
                ],
                retention_days: RECORDS_DAYS,
                retention_reason: "votes back the decision records; voter ids may be pseudonymised after the decision",
            },
            EventType {
                name: "proposal_decided",
                description: "voting closed and the proposal passed, failed or expired",
                fields: vec![
                    proposal(),
                    dt(),
                    field(
                        "outcome",
                        json!({"type": "string", "enum": ["passed", "rejected", "expired"]}),
                        "passed, rejected (quorum or approval not met) or expired",
                    ),
                    optional(
                        "turnout",
                        json!({"type": "number", "minimum": 0, "maximum": 1}),
                        "the share of total weight cast",
                    ),
                ],
                retention_days: RECORDS_DAYS,
                retention_reason: "decision records are kept seven years",
            },
            EventType {
                name: "role_assigned",
                description: "a member took a seat or a role",
                fields: vec![field("member", string(), "the member"), field("role", one_of(roles.clone()), "the role")],
                retention_days: RECORDS_DAYS,
                retention_reason: "who held authority when is part of the record",
            },
            EventType {
                name: "role_revoked",
                description: "a member left a seat or a role (term end, removal, resignation)",
                fields: vec![
                    field("member", string(), "the member"),
                    field("role", one_of(roles), "the role"),
                    optional("reason", json!({"type": "string", "enum": ["term_end", "removed", "resigned"]}), "why"),
                ],
                retention_days: RECORDS_DAYS,
                retention_reason: "who held authority when is part of the record",
            },
        ];
        if let Some(t) = &gco.treasury {
            let categories: Vec<String> = t.categories.iter().map(|c| c.id.clone()).collect();
            let tiers: Vec<String> = t.tiers.iter().map(|c| c.id.clone()).collect();
            events.push(EventType {
                name: "treasury_spend_executed",
                description: "funds left the treasury",
                fields: vec![
                    field("spend_id", string(), "the execution layer's id of the spend"),
                    field("amount", json!({"type": "number", "minimum": 0}), "the amount, in the currency"),
                    field("currency", json!({"type": "string", "const": t.currency}), "the treasury's unit of account"),
                    field("category", one_of(categories), "the spending category"),
                    field("tier", one_of(tiers), "the authorisation tier it went through"),
                    optional("proposal_id", string(), "the proposal that authorised it"),
                ],
                retention_days: RECORDS_DAYS,
                retention_reason: "financial records are kept seven years",
            });
        }
        if let Some(e) = &gco.escalation {
            let levels: Vec<String> = e.levels.iter().map(|l| l.id.clone()).collect();
            events.push(EventType {
                name: "escalation_raised",
                description: "a dispute was raised or moved up the escalation ladder",
                fields: vec![
                    field("case_id", string(), "the dispute's id"),
                    field("level", one_of(levels), "the escalation level it is now at"),
                ],
                retention_days: RECORDS_DAYS,
                retention_reason: "dispute records are kept seven years",
            });
        }
        if gco.delegation.as_ref().is_some_and(|d| d.allowed) {
            events.push(EventType {
                name: "delegation_changed",
                description: "a member delegated weight, or withdrew a delegation (share 0)",
                fields: vec![
                    field("from", string(), "the delegating member"),
                    field("to", string(), "the delegate"),
                    field("share", json!({"type": "number", "minimum": 0, "maximum": 1}), "the share delegated"),
                ],
                retention_days: 730,
                retention_reason: "delegations matter while they stand; two years covers any term",
            });
        }
        let expected = figures::Expected::of(gco);
        let feeds = vec![
            Feed {
                name: "turnout",
                computed_from: "per decided proposal, its turnout (or the weight of its votes over the design's total weight); the mean",
                events: vec!["vote_cast", "proposal_decided"],
                expected: Some(expected.turnout),
                unit: "share",
            },
            Feed {
                name: "voting_weight_gini",
                computed_from: "the Gini coefficient of the weight each distinct voter cast (largest per voter)",
                events: vec!["vote_cast"],
                expected: Some(expected.gini),
                unit: "gini",
            },
            Feed {
                name: "proposal_throughput",
                computed_from: "proposals created per day between the first and the last event",
                events: vec!["proposal_created"],
                expected: expected.throughput,
                unit: "per_day",
            },
            Feed {
                name: "treasury_velocity",
                computed_from: "amount spent per 30 days over the treasury balance",
                events: vec!["treasury_spend_executed"],
                expected: expected.velocity,
                unit: "share_per_30_days",
            },
        ];
        Contract {
            format: CONTRACT_VERSION,
            source: Source::of(gco),
            events,
            feeds,
            limits: json!({"max_line_bytes": MAX_LINE_BYTES, "max_lines": MAX_LINES, "max_depth": MAX_EVENT_DEPTH}),
        }
    }

    /// The event type of this name.
    pub fn event(&self, name: &str) -> Option<&EventType> {
        self.events.iter().find(|e| e.name == name)
    }

    /// The JSON Schema (draft 2020-12) of one event type: `event`, `at` and the type's fields;
    /// `instance` and `version` optional (they must then be the contract's); nothing else.
    pub fn schema(&self, e: &EventType) -> Value {
        let mut props = serde_json::Map::new();
        props.insert("event".into(), json!({"const": e.name}));
        props.insert("at".into(), json!({"type": "string", "pattern": TIMESTAMP_PATTERN}));
        props.insert("instance".into(), json!({"const": self.source.instance}));
        props.insert("version".into(), json!({"const": self.source.version}));
        let mut required = vec!["event", "at"];
        for f in &e.fields {
            let mut s = f.schema.clone();
            if let Some(o) = s.as_object_mut() {
                o.insert("description".into(), json!(f.description));
            }
            props.insert(f.name.into(), s);
            if f.required {
                required.push(f.name);
            }
        }
        sort_keys(json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": format!("cogov:telemetry/{}/{}/{}", self.source.instance, self.source.version, e.name),
            "title": e.name,
            "description": e.description,
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": false,
        }))
    }

    /// The files of the contract as (relative path, bytes), sorted: `telemetry-contract.json`,
    /// `telemetry-contract.md` and `events/<event>.schema.json`.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let pretty = |v: Value| {
            let mut b = serde_json::to_vec_pretty(&sort_keys(v)).unwrap_or_default();
            b.push(b'\n');
            b
        };
        let mut v: Vec<(String, Vec<u8>)> =
            self.events.iter().map(|e| (format!("events/{}.schema.json", e.name), pretty(self.schema(e)))).collect();
        v.push(("telemetry-contract.json".into(), pretty(serde_json::to_value(self).unwrap_or_default())));
        v.push(("telemetry-contract.md".into(), self.markdown().into_bytes()));
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    /// The contract document for people.
    pub fn markdown(&self) -> String {
        use crate::docs::render::{Block, Page};
        let mut blocks = vec![Block::Para(format!(
            "What an execution layer running this design logs: one JSON object per line (NDJSON), each with \
             `event` (its type), `at` (RFC 3339 time) and the fields below; `instance` and `version` may be \
             given and must then be {} and {}. No other field is allowed. `cogov telemetry ingest` checks \
             each line against this contract.",
            self.source.instance, self.source.version
        ))];
        blocks.push(Block::Heading(2, "Event types".into()));
        let rows = self
            .events
            .iter()
            .map(|e| {
                vec![
                    e.name.to_owned(),
                    e.description.to_owned(),
                    format!("{} days", e.retention_days),
                    e.retention_reason.to_owned(),
                ]
            })
            .collect();
        blocks.push(Block::Table(vec!["Event".into(), "Logged when".into(), "Kept".into(), "Why".into()], rows));
        for e in &self.events {
            blocks.push(Block::Heading(3, e.name.to_owned()));
            let rows = e
                .fields
                .iter()
                .map(|f| {
                    vec![
                        f.name.to_owned(),
                        if f.required { "yes".into() } else { "no".into() },
                        f.schema.get("enum").map_or_else(
                            || f.schema.get("type").and_then(Value::as_str).unwrap_or("string").to_owned(),
                            |v| {
                                format!(
                                    "one of {}",
                                    v.as_array()
                                        .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "))
                                        .unwrap_or_default()
                                )
                            },
                        ),
                        f.description.to_owned(),
                    ]
                })
                .collect();
            blocks.push(Block::Table(vec!["Field".into(), "Required".into(), "Type".into(), "Meaning".into()], rows));
        }
        blocks.push(Block::Heading(2, "Monitoring feeds".into()));
        let rows = self
            .feeds
            .iter()
            .map(|f| {
                vec![
                    f.name.to_owned(),
                    f.computed_from.to_owned(),
                    f.expected.map_or("—".into(), |x| format!("{x:.4}")),
                    f.unit.to_owned(),
                ]
            })
            .collect();
        blocks.push(Block::Table(vec!["Feed".into(), "Computed from".into(), "Expected".into(), "Unit".into()], rows));
        blocks.push(Block::Heading(2, "Limits".into()));
        blocks.push(Block::List(vec![
            format!("A line is at most {MAX_LINE_BYTES} bytes (GOV-T001)."),
            format!("At most {MAX_LINES} lines are read (GOV-T002)."),
            format!("An event nests at most {MAX_EVENT_DEPTH} levels (GOV-T004)."),
        ]));
        let page = Page {
            title: format!("Telemetry contract — {}", self.source.instance),
            stamp: vec![
                ("Instance".into(), self.source.instance.clone()),
                ("Version".into(), self.source.version.clone()),
                ("Fingerprint".into(), self.source.fingerprint.clone()),
                ("Format".into(), CONTRACT_VERSION.into()),
            ],
            blocks,
        };
        page.markdown()
    }
}

#[cfg(test)]
mod tests;
