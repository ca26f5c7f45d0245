//! Answers: which questions are asked, every question's value, and checks of one answer.
//!
//! Every question always has a value (its answer, or its default when unanswered or not
//! asked), so the assembler never meets a gap; `asked` says which values the designer saw.

use super::script::{Condition, Derived, Kind, NumberSpec, Question, Script};
use serde_json::Value;
use std::collections::BTreeMap;

/// The outcome of walking the script with a set of answers.
#[derive(Debug, Clone)]
pub(crate) struct Walk {
    /// Each question's value: its answer if usable, otherwise its default.
    pub values: Vec<Value>,
    /// Whether each question is asked (on the path).
    pub asked: Vec<bool>,
    /// The asked questions' indexes, in order.
    pub path: Vec<usize>,
    /// Answers that were not used, in script order: (question index, why).
    pub rejected: Vec<(usize, String)>,
}

/// Walks the script in order: conditions and branches decide what is asked, each answer is
/// checked against bounds that follow the earlier values.
pub(crate) fn walk(script: &Script, answers: &BTreeMap<String, Value>) -> Walk {
    let n = script.questions.len();
    let mut w =
        Walk { values: Vec::with_capacity(n), asked: Vec::with_capacity(n), path: Vec::new(), rejected: Vec::new() };
    // Questions before `resume` were jumped over by the branch of question `jumper`.
    let (mut resume, mut jumper) = (0, 0);
    for (i, q) in script.questions.iter().enumerate() {
        let asked = i >= resume && q.when.iter().all(|c| w.condition(script, c));
        let default = effective_default(script, q, &w);
        let value = match answers.get(&q.id) {
            Some(a) if asked => check(script, q, a, &w.values).unwrap_or_else(|why| {
                w.rejected.push((i, why));
                default
            }),
            Some(_) => {
                let why = if i < resume { skipped(script, jumper, &w) } else { not_asked(q) };
                w.rejected.push((i, why));
                default
            }
            None => default,
        };
        if asked {
            w.path.push(i);
            if let Some(b) = q.next.iter().find(|b| b.test.holds(&value)) {
                resume = script.position(&b.goto).unwrap_or(i + 1);
                jumper = i;
            }
        }
        w.values.push(value);
        w.asked.push(asked);
    }
    w
}

impl Walk {
    /// A condition holds when its (earlier) question was asked and its value passes the test.
    pub(crate) fn condition(&self, script: &Script, c: &Condition) -> bool {
        script
            .position(&c.question)
            .is_some_and(|j| j < self.values.len() && self.asked[j] && c.test.holds(&self.values[j]))
    }
}

/// Why a question a branch jumped over is not asked.
fn skipped(script: &Script, jumper: usize, w: &Walk) -> String {
    let q = &script.questions[jumper];
    format!("this question is not asked: answering `{}` with {} skips it", q.id, w.values[jumper])
}

/// Why a question whose conditions fail is not asked.
fn not_asked(q: &Question) -> String {
    let why: Vec<String> = q.when.iter().map(describe_condition).collect();
    format!("this question is not asked: it only applies when {}", why.join(" and "))
}

fn describe_condition(c: &Condition) -> String {
    let t = &c.test;
    let mut parts = Vec::new();
    if let Some(v) = &t.equals {
        parts.push(format!("`{}` is {}", c.question, v));
    }
    if let Some(set) = &t.one_of {
        let set: Vec<String> = set.iter().map(Value::to_string).collect();
        parts.push(format!("`{}` is one of {}", c.question, set.join(", ")));
    }
    if let Some(ne) = t.not_empty {
        parts.push(format!("`{}` is {}", c.question, if ne { "not empty" } else { "empty" }));
    }
    if let Some(m) = t.at_least {
        parts.push(format!("`{}` is at least {m}", c.question));
    }
    if let Some(m) = t.below {
        parts.push(format!("`{}` is below {m}", c.question));
    }
    if parts.is_empty() { format!("`{}` is asked", c.question) } else { parts.join(" and ") }
}

/// A bound on a numeric answer and, when it follows an earlier answer, how.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bound {
    pub value: f64,
    pub because: Option<String>,
}

/// The lower and upper bounds of a numeric question given the earlier values; integer
/// questions get whole-number bounds.
pub(crate) fn bounds(
    script: &Script,
    spec: &NumberSpec,
    integer: bool,
    values: &[Value],
) -> (Option<Bound>, Option<Bound>) {
    let derived = |d: &Option<Derived>| {
        d.as_ref().and_then(|d| {
            let v = script.position(&d.question).and_then(|j| values.get(j)).and_then(Value::as_f64)?;
            let value = number(d.factor * v + d.offset).as_f64()?;
            Some(Bound { value, because: Some(explain_derived(d, v)) })
        })
    };
    let literal = |v: Option<f64>| v.map(|value| Bound { value, because: None });
    let pick = |a: Option<Bound>, b: Option<Bound>, higher: bool| match (a, b) {
        (Some(a), Some(b)) => Some(if (b.value > a.value) == higher { b } else { a }),
        (a, b) => a.or(b),
    };
    let mut lo = pick(literal(spec.min), derived(&spec.min_from), true);
    let mut hi = pick(literal(spec.max), derived(&spec.max_from), false);
    if integer {
        lo.iter_mut().for_each(|b| b.value = b.value.ceil());
        hi.iter_mut().for_each(|b| b.value = b.value.floor());
    }
    (lo, hi)
}

fn explain_derived(d: &Derived, v: f64) -> String {
    let mut s = String::new();
    if d.factor != 1.0 {
        s.push_str(&format!("{} × ", d.factor));
    }
    s.push_str(&format!("your answer to `{}` ({v})", d.question));
    if d.offset != 0.0 {
        s.push_str(&format!(" + {}", d.offset));
    }
    s
}

/// The default of a question given the earlier values: a contextual default if one applies,
/// else one derived from an earlier answer, else the literal one; numbers are kept in bounds.
pub(crate) fn effective_default(script: &Script, q: &Question, w: &Walk) -> Value {
    if let Some(c) = q.defaults_when.iter().find(|c| w.condition(script, &c.condition)) {
        return clamp(script, q, c.value.clone(), &w.values);
    }
    let derived = q.kind.numeric().and_then(|s| s.default_from.as_ref()).and_then(|d| {
        let v = script.position(&d.question).and_then(|j| w.values.get(j)).and_then(Value::as_f64)?;
        Some(d.factor * v + d.offset)
    });
    match derived {
        Some(x) if matches!(q.kind, Kind::Integer(_)) => clamp(script, q, Value::from(x.floor() as i64), &w.values),
        Some(x) => clamp(script, q, number(x), &w.values),
        None => clamp(script, q, q.default.clone(), &w.values),
    }
}

fn clamp(script: &Script, q: &Question, v: Value, values: &[Value]) -> Value {
    let (Some(spec), Some(x)) = (q.kind.numeric(), v.as_f64()) else { return v };
    let integer = matches!(q.kind, Kind::Integer(_));
    let (lo, hi) = bounds(script, spec, integer, values);
    let mut y = x;
    if let Some(h) = hi.filter(|h| y > h.value) {
        y = h.value;
    }
    if let Some(l) = lo.filter(|l| y < l.value) {
        y = l.value;
    }
    if y == x {
        v
    } else if integer {
        Value::from(y as i64)
    } else {
        number(y)
    }
}

/// A JSON number, rounded to 12 significant decimals so derived values print cleanly.
pub(crate) fn number(x: f64) -> Value {
    let rounded = (x * 1e12).round() / 1e12;
    if rounded.fract() == 0.0 && rounded.abs() < 9.0e15 { Value::from(rounded as i64) } else { Value::from(rounded) }
}

/// Checks one answer against its question and the earlier values; returns it normalised
/// (trimmed text, whole numbers as integers).
pub(crate) fn check(script: &Script, q: &Question, answer: &Value, values: &[Value]) -> Result<Value, String> {
    let v = check_kind(script, q, answer, values)?;
    super::answer_checks::check_answer(script, q, &v, values)?;
    Ok(v)
}

fn check_kind(script: &Script, q: &Question, answer: &Value, values: &[Value]) -> Result<Value, String> {
    match &q.kind {
        Kind::Text(t) => {
            let s = answer.as_str().ok_or_else(|| expected("a text", answer))?.trim();
            let len = s.chars().count();
            if len < t.min_length as usize {
                return Err("an answer is needed here".to_owned());
            }
            if len > t.max_length as usize {
                return Err(format!("the text is {len} characters long; at most {} are allowed", t.max_length));
            }
            Ok(Value::String(s.to_owned()))
        }
        Kind::Number(spec) => {
            let x = answer.as_f64().filter(|x| x.is_finite()).ok_or_else(|| expected("a number", answer))?;
            in_bounds(x, bounds(script, spec, false, values))?;
            Ok(answer.clone())
        }
        Kind::Integer(spec) => {
            let x = answer
                .as_f64()
                .filter(|x| x.is_finite() && x.fract() == 0.0)
                .ok_or_else(|| expected("a whole number", answer))?;
            in_bounds(x, bounds(script, spec, true, values))?;
            Ok(Value::from(x as i64))
        }
        Kind::Choice(c) => {
            let s = answer.as_str().ok_or_else(|| expected("one of the options", answer))?;
            if c.options.iter().any(|o| o.value == s) {
                Ok(answer.clone())
            } else {
                let all: Vec<String> = c.options.iter().map(|o| format!("`{}`", o.value)).collect();
                Err(format!("`{s}` is not one of the options: {}", all.join(", ")))
            }
        }
        Kind::YesNo => answer.as_bool().map(Value::Bool).ok_or_else(|| expected("true or false", answer)),
        Kind::List(l) => {
            let items = answer.as_array().ok_or_else(|| expected("a list of texts", answer))?;
            let mut out: Vec<String> = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let s = item.as_str().ok_or_else(|| format!("item {}: {}", i + 1, expected("a text", item)))?.trim();
                if s.is_empty() {
                    return Err(format!("item {} is empty", i + 1));
                }
                if s.chars().count() > l.item_max_length as usize {
                    return Err(format!("item {} is longer than {} characters", i + 1, l.item_max_length));
                }
                if out.iter().any(|o| o.eq_ignore_ascii_case(s)) {
                    return Err(format!("`{s}` is listed twice"));
                }
                out.push(s.to_owned());
            }
            if out.len() < l.min_items as usize || out.len() > l.max_items as usize {
                return Err(format!(
                    "{} item(s) given; between {} and {} are needed",
                    out.len(),
                    l.min_items,
                    l.max_items
                ));
            }
            Ok(Value::from(out))
        }
    }
}

fn expected(what: &str, got: &Value) -> String {
    let shown = match got {
        Value::String(s) => format!("the text \"{s}\""),
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    };
    format!("expected {what}, got {shown}")
}

fn in_bounds(x: f64, (lo, hi): (Option<Bound>, Option<Bound>)) -> Result<(), String> {
    let because = |b: &Bound| b.because.as_ref().map(|c| format!(" ({c})")).unwrap_or_default();
    if let Some(l) = lo.filter(|l| x < l.value) {
        return Err(format!("{x} is below the minimum {}{}", l.value, because(&l)));
    }
    if let Some(h) = hi.filter(|h| x > h.value) {
        return Err(format!("{x} is above the maximum {}{}", h.value, because(&h)));
    }
    Ok(())
}

impl Question {
    /// Reads a line typed by a person as an answer of this question's kind (not yet checked
    /// against bounds). `-` means "none" for texts and lists.
    pub fn parse_input(&self, input: &str) -> Result<Value, String> {
        let s = input.trim();
        match &self.kind {
            Kind::Text(_) => Ok(Value::String(if s == "-" { String::new() } else { s.to_owned() })),
            Kind::Number(_) => parse_number(s).map(number),
            Kind::Integer(_) => match parse_number(s) {
                Ok(x) if x.fract() == 0.0 => Ok(Value::from(x as i64)),
                _ => Err(format!("\"{s}\" is not a whole number (e.g. 5)")),
            },
            Kind::Choice(c) => {
                let by_number = s.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| c.options.get(i));
                let by_name =
                    c.options.iter().find(|o| o.value.eq_ignore_ascii_case(s) || o.label.eq_ignore_ascii_case(s));
                by_number
                    .or(by_name)
                    .map(|o| Value::String(o.value.clone()))
                    .ok_or_else(|| format!("choose a number from 1 to {} (or type the option's name)", c.options.len()))
            }
            Kind::YesNo => match s.to_ascii_lowercase().as_str() {
                "y" | "yes" | "true" => Ok(Value::Bool(true)),
                "n" | "no" | "false" => Ok(Value::Bool(false)),
                _ => Err("answer yes or no".to_owned()),
            },
            Kind::List(_) if s == "-" => Ok(Value::Array(Vec::new())),
            Kind::List(l) => {
                let sep = l.separator.as_deref().unwrap_or(",");
                Ok(Value::from(s.split(sep).map(str::trim).filter(|x| !x.is_empty()).collect::<Vec<_>>()))
            }
        }
    }

    /// An answer written the way a person would type it back.
    pub fn display(&self, value: &Value) -> String {
        match (&self.kind, value) {
            (Kind::YesNo, Value::Bool(b)) => (if *b { "yes" } else { "no" }).to_owned(),
            (_, Value::String(s)) if s.is_empty() => "none".to_owned(),
            (_, Value::String(s)) => s.clone(),
            (_, Value::Array(a)) if a.is_empty() => "none".to_owned(),
            (Kind::List(l), Value::Array(a)) => {
                let sep = format!("{} ", l.separator.as_deref().unwrap_or(","));
                a.iter().map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_owned)).collect::<Vec<_>>().join(&sep)
            }
            (_, v) => v.to_string(),
        }
    }

    /// What the script says about this particular answer.
    pub fn remarks_for(&self, value: &Value) -> Vec<&str> {
        self.remarks.iter().filter(|r| r.test.holds(value)).map(|r| r.say.as_str()).collect()
    }
}

/// A number as people type it: `0.25`, `25%`, `250,000` (commas only between groups of three).
fn parse_number(s: &str) -> Result<f64, String> {
    let (body, scale) = match s.strip_suffix('%') {
        Some(b) => (b.trim(), 0.01),
        None => (s, 1.0),
    };
    let mut groups = body.split(',');
    let head = groups.next().unwrap_or_default();
    let rest: Vec<&str> = groups.collect();
    let plain = if rest.iter().all(|g| g.len() == 3 || (g.len() > 3 && g.as_bytes()[3] == b'.')) {
        format!("{head}{}", rest.concat())
    } else {
        return Err(format!("\"{s}\" is not a number (use a dot for decimals, e.g. 0.25)"));
    };
    plain
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .map(|x| x * scale)
        .ok_or_else(|| format!("\"{s}\" is not a number (e.g. 0.25, 25% or 10000)"))
}
