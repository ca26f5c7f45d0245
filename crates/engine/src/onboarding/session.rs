//! The dialogue as a state machine, driven by the terminal and by the studio's wizard.
//!
//! The state is just the answers and a position on the current path, so it serialises
//! small and survives a change of path: going back and changing an answer keeps later
//! answers that are still asked and still valid, and drops the others.

use super::answers::{self, Walk};
use super::script::{Question, Script};
use super::{answers_pointer, script};
use crate::error::IntakeError;
use cogov_model::ErrorCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// One run of the onboarding dialogue over the built-in script.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Answers given so far, by question id (including later ones kept after going back).
    answers: BTreeMap<String, Value>,
    /// Index of the current question on the path of asked questions.
    position: usize,
}

impl Session {
    /// A fresh dialogue at its first question.
    pub fn new() -> Self {
        Session::default()
    }

    /// Resumes from an answers file, positioned after the last asked question.
    pub fn from_answers(file: &Value) -> Result<Self, IntakeError> {
        let mut s = Session { answers: super::read_answers(file)?, position: 0 };
        s.position = s.walk().path.len();
        Ok(s)
    }

    /// The script the session follows.
    pub fn script(&self) -> &'static Script {
        script()
    }

    fn walk(&self) -> Walk {
        answers::walk(script(), &self.answers)
    }

    /// The question to answer now, or `None` when every asked question is answered.
    pub fn current(&self) -> Option<&'static Question> {
        let w = self.walk();
        w.path.get(self.position).map(|&i| &script().questions[i])
    }

    /// What the current question starts from: the answer kept from before, else its default.
    pub fn suggestion(&self) -> Option<Value> {
        let w = self.walk();
        w.path.get(self.position).map(|&i| w.values[i].clone())
    }

    /// Answers the current question: checks the value and moves to the next question.
    pub fn answer(&mut self, value: Value) -> Result<(), IntakeError> {
        let w = self.walk();
        let Some(&i) = w.path.get(self.position) else {
            return Err(IntakeError::whole(ErrorCode::AnswersInvalid, "every question is answered already"));
        };
        let q = &script().questions[i];
        let value = answers::check(script(), q, &value, &w.values[..i])
            .map_err(|msg| IntakeError::at_pointer(ErrorCode::AnswersInvalid, answers_pointer(&q.id), msg))?;
        self.answers.insert(q.id.clone(), value);
        self.prune();
        self.position += 1;
        Ok(())
    }

    /// Drops answers that are no longer asked or no longer valid after an earlier change.
    fn prune(&mut self) {
        let w = self.walk();
        for (i, _) in w.rejected {
            self.answers.remove(&script().questions[i].id);
        }
    }

    /// Goes back to the previous question (its answer is kept as the suggestion); false at
    /// the first question.
    pub fn back(&mut self) -> bool {
        let len = self.walk().path.len();
        if self.position == 0 || len == 0 {
            return false;
        }
        self.position = self.position.min(len) - 1;
        true
    }

    /// (questions passed on the current path, questions on the current path).
    pub fn progress(&self) -> (usize, usize) {
        let len = self.walk().path.len();
        (self.position.min(len), len)
    }

    /// Whether every asked question has been passed.
    pub fn is_finished(&self) -> bool {
        self.current().is_none()
    }

    /// The GCO as it stands, with defaults for everything not answered yet.
    pub fn preview(&self) -> Value {
        super::assemble_value(script(), &self.walk())
    }

    /// The answers given so far, as an answers file.
    pub fn answers(&self) -> Value {
        super::answers_file(&self.answers)
    }

    /// The finished GCO (unanswered questions take their defaults).
    pub fn finish(&self) -> Result<Value, IntakeError> {
        super::answers_to_value(&self.answers())
    }
}
