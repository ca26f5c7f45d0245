//! The script's own integrity: what the JSON Schema cannot say.
//!
//! Unique ids; conditions, derived bounds and branches that name earlier (or, for
//! branches, later) questions, which rules out cycles; every question reachable; every
//! default and every literal a test compares with valid for its question's kind.

use super::answers::check;
use super::script::{Kind, Question, Script, Test};
use crate::error::IntakeError;
use cogov_model::ErrorCode;
use serde_json::Value;
use std::collections::HashSet;

impl Script {
    /// Checks the script's integrity; the error points at the first offending place.
    pub fn check(&self) -> Result<(), IntakeError> {
        let mut seen = HashSet::new();
        for (i, q) in self.questions.iter().enumerate() {
            let at = |field: &str| format!("/questions/{i}{}{field}", if field.is_empty() { "" } else { "/" });
            let fail =
                |field: &str, msg: String| Err(IntakeError::at_pointer(ErrorCode::ScriptInvalid, at(field), msg));
            if !seen.insert(q.id.as_str()) {
                return fail("id", format!("question id `{}` is used twice", q.id));
            }
            if let Err(msg) = kind_is_sound(&q.kind) {
                return fail("kind", format!("`{}`: {msg}", q.id));
            }
            if let Err(msg) = self.references_are_sound(i, q) {
                return fail("", format!("`{}`: {msg}", q.id));
            }
            if let Err(msg) = self.defaults_are_valid(i, q) {
                return fail("default", format!("`{}`: {msg}", q.id));
            }
            if let Some(p) = q.places.iter().find(|p| !p.starts_with('/')) {
                return fail("places", format!("`{}`: place `{p}` is not a path from the GCO's root", q.id));
            }
        }
        if let Some(i) = self.unreachable().first() {
            let msg = format!("question `{}` can never be reached", self.questions[*i].id);
            return Err(IntakeError::at_pointer(ErrorCode::ScriptInvalid, format!("/questions/{i}"), msg));
        }
        Ok(())
    }

    /// Conditions and derived bounds name earlier questions; branches name later ones (so
    /// the question graph has no cycle); every test suits the kind it tests.
    fn references_are_sound(&self, i: usize, q: &Question) -> Result<(), String> {
        let earlier = |id: &str| -> Result<&Question, String> {
            match self.position(id) {
                Some(j) if j < i => Ok(&self.questions[j]),
                Some(_) => Err(format!("`{id}` is not an earlier question")),
                None => Err(format!("there is no question `{id}`")),
            }
        };
        for c in q.when.iter().chain(q.defaults_when.iter().map(|d| &d.condition)) {
            test_suits(&c.test, earlier(&c.question)?)?;
        }
        if let Some(spec) = q.kind.numeric() {
            for d in [&spec.min_from, &spec.max_from, &spec.default_from].into_iter().flatten() {
                if earlier(&d.question)?.kind.numeric().is_none() {
                    return Err(format!("bound from `{}`, which is not numeric", d.question));
                }
            }
        }
        for b in &q.next {
            match self.position(&b.goto) {
                None => return Err(format!("branch to `{}`, which does not exist", b.goto)),
                Some(j) if j <= i => return Err(format!("branch back to `{}` would make a cycle", b.goto)),
                Some(_) => test_suits(&b.test, q)?,
            }
        }
        q.remarks.iter().try_for_each(|r| test_suits(&r.test, q))
    }

    /// The literal default and every contextual one are valid answers, and numeric bounds
    /// that follow earlier answers never cross, whatever those answers are.
    fn defaults_are_valid(&self, i: usize, q: &Question) -> Result<(), String> {
        for v in std::iter::once(&q.default).chain(q.defaults_when.iter().map(|d| &d.value)) {
            check_literal(q, v).map_err(|e| format!("default {v}: {e}"))?;
        }
        if let Some(spec) = q.kind.numeric() {
            for high in [false, true] {
                let values = self.extreme_values(i, high);
                let integer = matches!(q.kind, Kind::Integer(_));
                let (lo, hi) = super::answers::bounds(self, spec, integer, &values);
                if let (Some(l), Some(h)) = (lo, hi) {
                    if l.value > h.value {
                        return Err(format!(
                            "bounds cross ({} > {}) when earlier answers are at their extremes",
                            l.value, h.value
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Values of the first `i` questions with every numeric one at its literal min or max
    /// (others at their defaults).
    fn extreme_values(&self, i: usize, high: bool) -> Vec<Value> {
        self.questions[..i]
            .iter()
            .map(|q| {
                let end = q.kind.numeric().and_then(|s| if high { s.max } else { s.min });
                end.map_or_else(|| q.default.clone(), Value::from)
            })
            .collect()
    }

    /// Indexes of questions no path reaches: a question follows the one before it unless
    /// that one's branches catch every possible answer; branches add their own edges.
    fn unreachable(&self) -> Vec<usize> {
        let n = self.questions.len();
        let mut reached = vec![false; n];
        if n > 0 {
            reached[0] = true;
        }
        for (i, q) in self.questions.iter().enumerate() {
            if !reached[i] {
                continue;
            }
            if i + 1 < n && !branches_catch_everything(q) {
                reached[i + 1] = true;
            }
            for j in q.next.iter().filter_map(|b| self.position(&b.goto)) {
                reached[j] = true;
            }
        }
        (0..n).filter(|&i| !reached[i]).collect()
    }
}

/// Whether some branch is taken whatever the answer (only decidable for yes/no and choices).
fn branches_catch_everything(q: &Question) -> bool {
    let answers: Vec<Value> = match &q.kind {
        Kind::YesNo => vec![Value::Bool(true), Value::Bool(false)],
        Kind::Choice(c) => c.options.iter().map(|o| Value::String(o.value.clone())).collect(),
        _ => return q.next.iter().any(|b| b.test == Test::default()),
    };
    answers.iter().all(|a| q.next.iter().any(|b| b.test.holds(a)))
}

fn kind_is_sound(kind: &Kind) -> Result<(), String> {
    match kind {
        Kind::Text(t) if t.min_length > t.max_length => Err("min_length is above max_length".to_owned()),
        Kind::List(l) if l.min_items > l.max_items => Err("min_items is above max_items".to_owned()),
        Kind::Number(s) | Kind::Integer(s) if s.min.zip(s.max).is_some_and(|(a, b)| a > b) => {
            Err("min is above max".to_owned())
        }
        Kind::Integer(s) if [s.min, s.max].into_iter().flatten().any(|x| x.fract() != 0.0) => {
            Err("an integer question has a fractional bound".to_owned())
        }
        Kind::Choice(c) => {
            let mut seen = HashSet::new();
            match c.options.iter().find(|o| !seen.insert(o.value.as_str())) {
                Some(o) => Err(format!("option `{}` is listed twice", o.value)),
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// A test's parts suit the tested question's kind, and its literals are valid answers.
fn test_suits(t: &Test, q: &Question) -> Result<(), String> {
    let numeric = q.kind.numeric().is_some();
    if (t.at_least.is_some() || t.below.is_some()) && !numeric {
        return Err(format!("a numeric test on `{}`, which is a {}", q.id, q.kind.name()));
    }
    if t.not_empty.is_some() && !matches!(q.kind, Kind::Text(_) | Kind::List(_)) {
        return Err(format!("a not_empty test on `{}`, which is a {}", q.id, q.kind.name()));
    }
    for v in t.literals() {
        check_literal(q, v).map_err(|e| format!("test value {v} for `{}`: {e}", q.id))?;
    }
    Ok(())
}

/// A value is a valid answer of the question's kind within its literal bounds (bounds that
/// follow earlier answers are ignored here).
fn check_literal(q: &Question, v: &Value) -> Result<(), String> {
    let mut alone = q.clone();
    if let Kind::Number(s) | Kind::Integer(s) = &mut alone.kind {
        s.min_from = None;
        s.max_from = None;
    }
    let script = Script {
        schema: None,
        id: String::new(),
        title: String::new(),
        intro: String::new(),
        outro: String::new(),
        questions: vec![alone],
    };
    check(&script, &script.questions[0], v, &[]).map(|_| ())
}
