//! The question script's types: what `assets/onboarding/script.json` may say.
//!
//! The script is data so that wording, order, defaults and branching can change without
//! touching the assembler; its JSON Schema is generated from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The guided onboarding dialogue: questions in the order they are asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    deny_unknown_fields,
    title = "CoGov onboarding script",
    description = "The question script of CoGov Studio's guided onboarding dialogue."
)]
pub struct Script {
    /// Optional editor hint pointing at this schema.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    /// Script format and version; answers files name it in their `script` field.
    pub id: String,
    /// Title of the dialogue.
    pub title: String,
    /// What the dialogue does, shown before the first question.
    pub intro: String,
    /// What happens next, shown after the last question.
    pub outro: String,
    /// The questions, in the order they are asked.
    #[schemars(length(min = 1))]
    pub questions: Vec<Question>,
}

/// One question of the dialogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[schemars(deny_unknown_fields)]
pub struct Question {
    /// Stable id; answers files key answers by it.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]{0,63}$"))]
    pub id: String,
    /// The part of the design the question belongs to (shown as a heading when it changes).
    pub section: String,
    /// The question itself.
    pub prompt: String,
    /// Why it matters: one or two sentences a designer learns from.
    pub why: String,
    /// What kind of answer it takes.
    #[serde(flatten)]
    pub kind: Kind,
    /// The answer assumed when none is given.
    pub default: Value,
    /// Defaults that depend on earlier answers; the first that applies wins over `default`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defaults_when: Vec<ContextDefault>,
    /// Ask only when every condition holds (conditions name earlier questions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
    /// Where to go next depending on the answer; the first matching branch wins, otherwise
    /// the next question in order. Branches only go forward.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next: Vec<Branch>,
    /// Comments on particular answers, said after the answer is given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<Remark>,
    /// Where the answer lands in the GCO: paths whose array steps name items by id
    /// (e.g. `/decision_types/general/quorum`).
    #[schemars(length(min = 1))]
    pub places: Vec<String>,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "QuestionKind"))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Kind {
    /// A line of text.
    Text(TextSpec),
    /// A number, possibly bounded.
    Number(NumberSpec),
    /// A whole number, possibly bounded.
    Integer(NumberSpec),
    /// One of a fixed set of options.
    Choice(ChoiceSpec),
    /// Yes or no (a JSON boolean).
    YesNo,
    /// A list of lines of text.
    List(ListSpec),
}

/// Limits of a text answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TextSpec {
    /// Fewest characters (0: the answer may be empty).
    #[serde(default)]
    pub min_length: u32,
    /// Most characters.
    pub max_length: u32,
}

/// Limits of a numeric answer; bounds may follow earlier answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumberSpec {
    /// Smallest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// A further lower bound computed from an earlier answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_from: Option<Derived>,
    /// A further upper bound computed from an earlier answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_from: Option<Derived>,
    /// A default computed from an earlier answer (rounded down for integers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_from: Option<Derived>,
    /// What the number counts (days, seats, a share of the votes cast…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// A value computed from an earlier numeric answer: `factor × answer + offset`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "DerivedBound"))]
#[schemars(deny_unknown_fields)]
pub struct Derived {
    /// The earlier numeric question.
    pub question: String,
    /// Multiplier.
    #[serde(default = "one")]
    pub factor: f64,
    /// Added after multiplying.
    #[serde(default)]
    pub offset: f64,
}

fn one() -> f64 {
    1.0
}

/// The options of a choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChoiceSpec {
    /// The options, in the order they are shown.
    #[schemars(length(min = 2))]
    pub options: Vec<ChoiceOption>,
}

/// One option of a choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "QuestionOption"))]
#[schemars(deny_unknown_fields)]
pub struct ChoiceOption {
    /// The value stored in the answers.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]*$"))]
    pub value: String,
    /// Short label.
    pub label: String,
    /// What choosing it means.
    pub explain: String,
}

/// Limits of a list answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListSpec {
    /// Fewest items.
    #[serde(default)]
    pub min_items: u32,
    /// Most items.
    pub max_items: u32,
    /// Most characters per item.
    pub item_max_length: u32,
    /// What separates items when a person types them on one line (default `,`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separator: Option<String>,
}

/// A condition on an earlier question's answer; false when that question is not asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "QuestionCondition"))]
#[schemars(deny_unknown_fields)]
pub struct Condition {
    /// The earlier question.
    pub question: String,
    /// What its answer must satisfy.
    #[serde(flatten)]
    pub test: Test,
}

/// A test on an answer: every field given must hold (no field: always true).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "AnswerTest"))]
pub struct Test {
    /// The answer equals this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<Value>,
    /// The answer is one of these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<Value>>,
    /// The answer (a text or a list) is empty (`false`) or not (`true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_empty: Option<bool>,
    /// The numeric answer is at least this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    /// The numeric answer is below this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
}

/// A default that applies when a condition on an earlier answer holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[schemars(deny_unknown_fields)]
pub struct ContextDefault {
    /// When it applies.
    #[serde(flatten)]
    pub condition: Condition,
    /// The default then.
    pub value: Value,
}

/// A jump forward that depends on this question's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "QuestionBranch"))]
#[schemars(deny_unknown_fields)]
pub struct Branch {
    /// The answers that take the branch.
    #[serde(flatten)]
    pub test: Test,
    /// The question to continue with (a later one).
    pub goto: String,
}

/// A comment a colleague would make on a particular answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "QuestionRemark"))]
#[schemars(deny_unknown_fields)]
pub struct Remark {
    /// The answers it applies to.
    #[serde(flatten)]
    pub test: Test,
    /// What to say.
    pub say: String,
}

impl Script {
    /// The index of the question with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

impl Kind {
    /// The kind's name as the script writes it.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Text(_) => "text",
            Kind::Number(_) => "number",
            Kind::Integer(_) => "integer",
            Kind::Choice(_) => "choice",
            Kind::YesNo => "yes_no",
            Kind::List(_) => "list",
        }
    }

    /// The numeric limits, for numbers and integers.
    pub fn numeric(&self) -> Option<&NumberSpec> {
        match self {
            Kind::Number(n) | Kind::Integer(n) => Some(n),
            _ => None,
        }
    }
}

impl Test {
    /// Whether `value` passes every part of the test.
    pub fn holds(&self, value: &Value) -> bool {
        let num = value.as_f64();
        self.equals.as_ref().is_none_or(|e| same(e, value))
            && self.one_of.as_ref().is_none_or(|set| set.iter().any(|e| same(e, value)))
            && self.not_empty.is_none_or(|want| want != is_empty(value))
            && self.at_least.is_none_or(|m| num.is_some_and(|n| n >= m))
            && self.below.is_none_or(|m| num.is_some_and(|n| n < m))
    }

    /// The literal values the test names (for checking them against the question's kind).
    pub(crate) fn literals(&self) -> impl Iterator<Item = &Value> {
        self.equals.iter().chain(self.one_of.iter().flatten())
    }
}

/// JSON equality, except that numbers compare by value (`2` equals `2.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Null => true,
        _ => false,
    }
}
