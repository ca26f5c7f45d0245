//! Cases and tasks, the control plane's governance workflow. A failed gate, a refused release
//! or a rollback opens a case with its reason code, in the same transaction as the event that
//! caused it. Each case has one task, routed deterministically to the vote that amends the
//! design's rules (else to its escalation ladder's first level, due by that level's limit);
//! the task moves open → triaged → resolved (or straight to resolved), and every move keeps
//! who made it and why.

use crate::clock::{format_unix_millis, now_millis, parse_millis};
use crate::events::{self, NewEvent};
use crate::{Store, StoreError, audit};
use cogov_model::gco::Decider;
use cogov_model::{ErrorCode, Gco};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::json;
use std::path::Path;

crate::record::record_enum! {
    /// Why a case was opened.
    pub enum CaseKind: "case kind" {
        /// A pipeline gate failed.
        GateFailed = "gate_failed",
        /// A release was refused.
        ReleaseRefused = "release_refused",
        /// A version or a channel was rolled back.
        Rollback = "rollback",
    }
}

crate::record::record_enum! {
    /// Where a case's task is: open → triaged → resolved (or open → resolved).
    pub enum CaseState: "case state" {
        /// Waiting for its assignee.
        Open = "open",
        /// Looked at; being worked on.
        Triaged = "triaged",
        /// Done.
        Resolved = "resolved",
    }
}

impl CaseState {
    /// Whether a task in this state may move to `to`.
    pub fn can_move_to(self, to: CaseState) -> bool {
        matches!(
            (self, to),
            (CaseState::Open, CaseState::Triaged | CaseState::Resolved) | (CaseState::Triaged, CaseState::Resolved)
        )
    }
}

/// One move of a task.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TaskStep {
    /// The state it moved to.
    pub state: CaseState,
    /// Who.
    pub author: String,
    /// Why.
    pub reason: String,
    /// When (RFC 3339 UTC).
    pub at: String,
}

/// A case and its task.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Case {
    /// Its id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The design.
    pub instance: String,
    /// Why it was opened.
    pub kind: CaseKind,
    /// The reason code behind it.
    pub reason_code: Option<String>,
    /// What it concerns (`build:4`, `release:7`, `acme@1.3.0`).
    pub subject: String,
    /// One line for people.
    pub summary: String,
    /// When it was opened.
    pub opened_at: String,
    /// The task's state now.
    pub state: CaseState,
    /// Who the task is routed to: `role:<id>`, `decision_type:<id>`, `external:<body>`, or
    /// `unrouted` when the design has no escalation ladder.
    pub assignee: String,
    /// The escalation level that routed it (none when the amendment rule did).
    pub level: Option<String>,
    /// When the level's time limit runs out.
    pub due_at: Option<String>,
    /// Every move, oldest first.
    pub history: Vec<TaskStep>,
}

/// Who the design makes responsible for a case. A failed gate, a refused release and a
/// rollback are about the design's own rules, so they go to the vote that amends them (the
/// first amendment rule's decision type), not to the first rung of the dispute ladder (in
/// token-dao that is the grants committee, which decides grant disputes). A design without
/// amendment rules falls back to its ladder's first level. Returns (assignee, level id, time
/// limit in days).
pub fn route(gco: &Gco) -> (String, Option<String>, Option<u32>) {
    if let Some(rule) = gco.constitution.as_ref().and_then(|c| c.amendment_rules.first()) {
        return (format!("decision_type:{}", rule.decision_type), None, None);
    }
    let Some(first) = gco.escalation.as_ref().and_then(|e| e.levels.first()) else {
        return ("unrouted".into(), None, None);
    };
    let assignee = match &first.decided_by {
        Decider::Role { role } => format!("role:{role}"),
        Decider::DecisionType { decision_type } => format!("decision_type:{decision_type}"),
        Decider::External { body } => format!("external:{body}"),
    };
    (assignee, Some(first.id.clone()), first.time_limit_days)
}

/// What a new case is about.
pub(crate) struct NewCase<'a> {
    pub instance: &'a str,
    pub kind: CaseKind,
    pub reason_code: Option<&'a str>,
    pub subject: &'a str,
    pub summary: &'a str,
}

/// Opens a case and its routed task inside the caller's transaction. Returns the case id.
pub(crate) fn open(conn: &Connection, path: &Path, gco: &Gco, c: NewCase<'_>, author: &str) -> Result<i64, StoreError> {
    let err = |e| StoreError::sqlite(path, e);
    let now_ms = now_millis();
    let now = format_unix_millis(now_ms);
    let instance_id: i64 = conn
        .query_row("SELECT id FROM governance_instances WHERE name = ?1", [c.instance], |r| r.get(0))
        .map_err(err)?;
    conn.execute(
        "INSERT INTO cases (instance_id, kind, reason_code, subject, summary, opened_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![instance_id, c.kind, c.reason_code, c.subject, c.summary, now],
    )
    .map_err(err)?;
    let case_id = conn.last_insert_rowid();
    let (assignee, level, days) = route(gco);
    let due = days.map(|d| format_unix_millis(now_ms + i64::from(d) * 86_400_000));
    conn.execute(
        "INSERT INTO tasks (case_id, assignee, level, due_at) VALUES (?1, ?2, ?3, ?4)",
        params![case_id, assignee, level, due],
    )
    .map_err(err)?;
    let task_id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO task_transitions (task_id, seq, state, author, reason, at) VALUES (?1, 0, ?2, ?3, ?4, ?5)",
        params![task_id, CaseState::Open, author, c.summary, now],
    )
    .map_err(err)?;
    let subject = format!("case:{case_id}");
    let details = json!({"kind": c.kind, "about": c.subject, "assignee": assignee, "level": level,
                         "due_at": due, "summary": c.summary});
    audit::append(conn, path, author, "case.open", &subject, &details)?;
    events::emit(
        conn,
        path,
        NewEvent {
            kind: "case.opened",
            instance: Some(c.instance),
            subject: &subject,
            reason_code: c.reason_code,
            details,
        },
        Some(&now),
    )?;
    Ok(case_id)
}

fn load(conn: &Connection, path: &Path, id: i64) -> Result<Case, StoreError> {
    let err = |e| StoreError::sqlite(path, e);
    let (mut case, task_id) = conn
        .query_row(
            "SELECT c.id, i.name, c.kind, c.reason_code, c.subject, c.summary, c.opened_at, t.assignee, t.level, \
             t.due_at, t.id FROM cases c JOIN governance_instances i ON i.id = c.instance_id \
             JOIN tasks t ON t.case_id = c.id WHERE c.id = ?1",
            [id],
            |r| {
                Ok((
                    Case {
                        id: r.get(0)?,
                        instance: r.get(1)?,
                        kind: r.get(2)?,
                        reason_code: r.get(3)?,
                        subject: r.get(4)?,
                        summary: r.get(5)?,
                        opened_at: r.get(6)?,
                        state: CaseState::Open,
                        assignee: r.get(7)?,
                        level: r.get(8)?,
                        due_at: r.get(9)?,
                        history: Vec::new(),
                    },
                    r.get::<_, i64>(10)?,
                ))
            },
        )
        .optional()
        .map_err(err)?
        .ok_or_else(|| StoreError::new(ErrorCode::UnknownCase, path, format!("no case {id}")))?;
    let mut stmt = conn
        .prepare("SELECT state, author, reason, at FROM task_transitions WHERE task_id = ?1 ORDER BY seq")
        .map_err(err)?;
    case.history = stmt
        .query_map([task_id], |r| {
            Ok(TaskStep { state: r.get(0)?, author: r.get(1)?, reason: r.get(2)?, at: r.get(3)? })
        })
        .map_err(err)?
        .collect::<Result<_, _>>()
        .map_err(err)?;
    case.state = case.history.last().map_or(CaseState::Open, |s| s.state);
    Ok(case)
}

impl Store {
    /// One case with its task's history.
    pub fn case(&self, id: i64) -> Result<Case, StoreError> {
        load(&self.conn, &self.path, id)
    }

    /// Cases, newest first, of one design or all, in one state or any.
    pub fn cases(&self, instance: Option<&str>, state: Option<CaseState>) -> Result<Vec<Case>, StoreError> {
        let err = |e| StoreError::sqlite(&self.path, e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT c.id FROM cases c JOIN governance_instances i ON i.id = c.instance_id \
                 WHERE ?1 IS NULL OR i.name = ?1 ORDER BY c.id DESC",
            )
            .map_err(err)?;
        let ids: Vec<i64> =
            stmt.query_map([instance], |r| r.get(0)).map_err(err)?.collect::<Result<_, _>>().map_err(err)?;
        let mut out = Vec::new();
        for id in ids {
            let case = self.case(id)?;
            if state.is_none_or(|s| s == case.state) {
                out.push(case);
            }
        }
        Ok(out)
    }

    /// Moves a case's task to `triaged`.
    pub fn triage_case(&mut self, id: i64, author: &str, reason: &str) -> Result<Case, StoreError> {
        self.move_task(id, CaseState::Triaged, author, reason)
    }

    /// Moves a case's task to `resolved`.
    pub fn resolve_case(&mut self, id: i64, author: &str, reason: &str) -> Result<Case, StoreError> {
        self.move_task(id, CaseState::Resolved, author, reason)
    }

    fn move_task(&mut self, id: i64, to: CaseState, author: &str, reason: &str) -> Result<Case, StoreError> {
        let path = self.path.clone();
        self.write(|tx| {
            let err = |e| StoreError::sqlite(&path, e);
            let case = load(tx, &path, id)?;
            if !case.state.can_move_to(to) {
                return Err(StoreError::new(
                    ErrorCode::TaskTransition,
                    &path,
                    format!("case {id} is {}: it cannot move to {to}", case.state),
                ));
            }
            let task_id: i64 = tx.query_row("SELECT id FROM tasks WHERE case_id = ?1", [id], |r| r.get(0)).map_err(err)?;
            let now = crate::now_rfc3339();
            tx.execute(
                "INSERT INTO task_transitions (task_id, seq, state, author, reason, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![task_id, case.history.len() as i64, to, author, reason, now],
            )
            .map_err(err)?;
            let subject = format!("case:{id}");
            let details = json!({"from": case.state, "to": to, "reason": reason});
            audit::append(tx, &path, author, &format!("case.{to}"), &subject, &details)?;
            let kind = format!("task.{to}");
            let ev = NewEvent {
                kind: &kind,
                instance: Some(&case.instance),
                subject: &subject,
                reason_code: case.reason_code.as_deref(),
                details,
            };
            events::emit(tx, &path, ev, Some(&now))?;
            load(tx, &path, id)
        })
    }
}

/// Hours between a case's opening and its resolution, if resolved.
pub(crate) fn lead_time_hours(case: &Case) -> Option<f64> {
    let last = case.history.last().filter(|s| s.state == CaseState::Resolved)?;
    let (a, b) = (parse_millis(&case.opened_at)?, parse_millis(&last.at)?);
    Some((b - a) as f64 / 3_600_000.0)
}
