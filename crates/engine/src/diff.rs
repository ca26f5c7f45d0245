//! Differences between two versions of a design: structural (one entry per changed place, with
//! its JSON pointer, old and new value, domain and the version bump it calls for) and textual
//! (a unified diff of the canonical JSON).
//!
//! The bump each change calls for:
//! - **major**: anything touching an entrenched clause (or entrenching one), any change to the
//!   amendment rules, a removed role or decision type, a renamed instance;
//! - **minor**: anything added, anything else removed (a member, a tier, a clause);
//! - **patch**: a changed value (a quorum, a period, a text).
//!
//! Arrays of objects with an `id` (roles, decision types, members, clauses, …) are matched by
//! id, so reordering them is no change and editing one member is one change, not a cascade.

use cogov_model::Gco;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// What happened at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The place exists only in the newer version.
    Added,
    /// The place exists only in the older version.
    Removed,
    /// The value at the place differs.
    Changed,
}

/// A semantic-version bump, ordered `Patch < Minor < Major`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// x.y.Z: parameters changed.
    Patch,
    /// x.Y.0: something added.
    Minor,
    /// X.0.0: the rules of change themselves changed, or something others rely on went away.
    Major,
}

impl Bump {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The smallest version after `v` that this bump allows.
    pub fn apply(self, v: &semver::Version) -> semver::Version {
        match self {
            Bump::Major => semver::Version::new(v.major + 1, 0, 0),
            Bump::Minor => semver::Version::new(v.major, v.minor + 1, 0),
            Bump::Patch => semver::Version::new(v.major, v.minor, v.patch + 1),
        }
    }

    /// The bump that takes `from` to `to` (`None` when `to` is not greater).
    pub fn between(from: &semver::Version, to: &semver::Version) -> Option<Bump> {
        if to <= from {
            None
        } else if to.major > from.major {
            Some(Bump::Major)
        } else if to.minor > from.minor {
            Some(Bump::Minor)
        } else {
            Some(Bump::Patch)
        }
    }
}

/// One changed place.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    /// JSON pointer: into the newer version for added and changed places, the older for removed.
    pub pointer: String,
    /// The same place for people, ids instead of indexes (`roles › council › seats`).
    pub label: String,
    /// The top-level domain (`roles`, `constitution`, …).
    pub domain: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The older value, if any.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub old: Option<Value>,
    /// The newer value, if any.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub new: Option<Value>,
    /// The version bump this change calls for.
    pub bump: Bump,
    /// Why that bump, in a few words.
    pub why: String,
}

/// The structural difference between two designs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Diff {
    /// Every changed place, in document order.
    pub changes: Vec<Change>,
    /// The largest bump any change calls for; `None` when nothing but the version differs.
    pub suggested: Option<Bump>,
}

/// Compares two designs. The versions themselves (`identity.version`) are not a change.
pub fn structural(old: &Gco, new: &Gco) -> Diff {
    // Keys sorted, whatever order serde_json's map keeps: changes come in the same order and
    // their values print the same in every build.
    let (mut a, mut b) = (sorted(old.to_value()), sorted(new.to_value()));
    for v in [&mut a, &mut b] {
        if let Some(id) = v.get_mut("identity").and_then(Value::as_object_mut) {
            id.remove("version");
        }
    }
    let mut w = Walker { old: &a, new: &b, changes: Vec::new() };
    w.walk(Some(&a), Some(&b), &mut Vec::new());
    let suggested = w.changes.iter().map(|c| c.bump).max();
    Diff { changes: w.changes, suggested }
}

/// A unified diff (three lines of context) of the two designs' canonical JSON, pretty-printed
/// with sorted keys so that each value sits on its own line.
pub fn unified(old: &Gco, new: &Gco, old_label: &str, new_label: &str) -> String {
    let (a, b) = (pretty(old), pretty(new));
    similar::TextDiff::from_lines(&a, &b).unified_diff().context_radius(3).header(old_label, new_label).to_string()
}

/// The canonical JSON of a design, pretty-printed (keys sorted, two-space indent).
pub fn pretty(gco: &Gco) -> String {
    let mut s = serde_json::to_string_pretty(&sorted(gco.to_value())).unwrap_or_default();
    s.push('\n');
    s
}

/// The value with every object's keys sorted and every whole number written as an integer:
/// the model's `f64` fields would otherwise print `12.0` where a person wrote 12, as the
/// canonical JSON (RFC 8785) already prints it.
fn sorted(v: Value) -> Value {
    match v {
        Value::Number(n) if n.is_f64() => match n.as_f64() {
            // Within ±2^53 every whole f64 is exactly an integer.
            Some(f) if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Object(m) => {
            let b: BTreeMap<String, Value> = m.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(b.into_iter().collect::<Map<_, _>>())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// A step of a path: the key, and for id-matched array elements the indexes on each side.
#[derive(Clone)]
enum Step {
    Key(String),
    Item { id: String, old: Option<usize>, new: Option<usize> },
    Index(usize),
}

struct Walker<'a> {
    old: &'a Value,
    new: &'a Value,
    changes: Vec<Change>,
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn ids(a: &[Value]) -> Option<Vec<&str>> {
    a.iter().map(|v| v.get("id").and_then(Value::as_str)).collect()
}

impl Walker<'_> {
    fn walk(&mut self, a: Option<&Value>, b: Option<&Value>, path: &mut Vec<Step>) {
        match (a, b) {
            (Some(Value::Object(x)), Some(Value::Object(y))) => {
                let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
                // Document order of the newer version first, then keys only the older one has.
                let mut ordered: Vec<&String> = y.keys().collect();
                ordered.extend(keys.into_iter().filter(|k| !y.contains_key(*k)));
                for k in ordered {
                    path.push(Step::Key(k.clone()));
                    self.walk(x.get(k), y.get(k), path);
                    path.pop();
                }
            }
            (Some(Value::Array(x)), Some(Value::Array(y))) => match (ids(x), ids(y)) {
                (Some(xi), Some(yi)) if !x.is_empty() || !y.is_empty() => {
                    let old_at: BTreeMap<&str, usize> = xi.iter().enumerate().map(|(i, id)| (*id, i)).collect();
                    let new_at: BTreeMap<&str, usize> = yi.iter().enumerate().map(|(i, id)| (*id, i)).collect();
                    for (j, id) in yi.iter().enumerate() {
                        let i = old_at.get(id).copied();
                        path.push(Step::Item { id: (*id).to_owned(), old: i, new: Some(j) });
                        self.walk(i.map(|i| &x[i]), Some(&y[j]), path);
                        path.pop();
                    }
                    for (i, id) in xi.iter().enumerate().filter(|(_, id)| !new_at.contains_key(*id)) {
                        path.push(Step::Item { id: (*id).to_owned(), old: Some(i), new: None });
                        self.walk(Some(&x[i]), None, path);
                        path.pop();
                    }
                }
                _ if x == y => {}
                _ if x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.is_object() && q.is_object()) => {
                    for (i, (p, q)) in x.iter().zip(y).enumerate() {
                        path.push(Step::Index(i));
                        self.walk(Some(p), Some(q), path);
                        path.pop();
                    }
                }
                _ => self.record(path, a, b),
            },
            (Some(p), Some(q)) if p == q => {}
            _ => self.record(path, a, b),
        }
    }

    fn pointer(path: &[Step], newer: bool) -> String {
        path.iter()
            .map(|s| match s {
                Step::Key(k) => format!("/{}", escape(k)),
                Step::Item { old, new, .. } => {
                    let i = if newer { new.or(*old) } else { old.or(*new) };
                    format!("/{}", i.unwrap_or(0))
                }
                Step::Index(i) => format!("/{i}"),
            })
            .collect()
    }

    fn record(&mut self, path: &[Step], a: Option<&Value>, b: Option<&Value>) {
        let kind = match (a, b) {
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        };
        let label = path
            .iter()
            .map(|s| match s {
                Step::Key(k) => k.clone(),
                Step::Item { id, .. } => id.clone(),
                Step::Index(i) => i.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" › ");
        let domain = match path.first() {
            Some(Step::Key(k)) => k.clone(),
            _ => String::new(),
        };
        let (old_ptr, new_ptr) = (Self::pointer(path, false), Self::pointer(path, true));
        let (bump, why) = self.classify(path, kind, &old_ptr, &new_ptr, &domain);
        let pointer = if kind == ChangeKind::Removed { old_ptr } else { new_ptr };
        self.changes.push(Change { pointer, label, domain, kind, old: a.cloned(), new: b.cloned(), bump, why });
    }

    /// Whether the clause containing this place (if any) is entrenched on either side.
    fn entrenched(&self, old_ptr: &str, new_ptr: &str) -> bool {
        let clause = |doc: &Value, ptr: &str| {
            let parts: Vec<&str> = ptr.split('/').collect();
            // /constitution/articles/<i>/clauses/<j>/…
            if parts.len() >= 6 && parts[1] == "constitution" && parts[2] == "articles" && parts[4] == "clauses" {
                doc.pointer(&parts[..6].join("/")).and_then(|c| c.get("entrenched")).and_then(Value::as_bool)
            } else if parts.len() >= 4 && parts[1] == "constitution" && parts[2] == "articles" {
                // A whole article added or removed: entrenched if any of its clauses is.
                doc.pointer(&parts[..4].join("/"))
                    .and_then(|a| a.get("clauses"))
                    .and_then(Value::as_array)
                    .map(|cs| cs.iter().any(|c| c.get("entrenched").and_then(Value::as_bool) == Some(true)))
            } else {
                None
            }
            .unwrap_or(false)
        };
        clause(self.old, old_ptr) || clause(self.new, new_ptr)
    }

    fn classify(&self, path: &[Step], kind: ChangeKind, old_ptr: &str, new_ptr: &str, domain: &str) -> (Bump, String) {
        let key = |i: usize| match path.get(i) {
            Some(Step::Key(k)) => k.as_str(),
            _ => "",
        };
        if domain == "constitution" && key(1) == "amendment_rules" {
            return (Bump::Major, "the amendment rules changed".into());
        }
        if domain == "constitution" && self.entrenched(old_ptr, new_ptr) {
            return (Bump::Major, "an entrenched clause changed".into());
        }
        if domain == "identity" && key(1) == "name" {
            return (Bump::Major, "the instance was renamed".into());
        }
        let whole_item = path.len() == 2 && matches!(path.get(1), Some(Step::Item { .. }));
        match kind {
            ChangeKind::Removed if whole_item && (domain == "roles" || domain == "decision_types") => {
                (Bump::Major, format!("a {} was removed", if domain == "roles" { "role" } else { "decision type" }))
            }
            ChangeKind::Added => (Bump::Minor, "added".into()),
            ChangeKind::Removed => (Bump::Minor, "removed".into()),
            ChangeKind::Changed => (Bump::Patch, "a value changed".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_examples::example;
    use proptest::prelude::*;

    #[test]
    fn a_design_against_itself_has_no_changes() {
        let g = example("token-dao");
        let d = structural(&g, &g);
        assert!(d.changes.is_empty());
        assert_eq!(d.suggested, None);
        assert_eq!(unified(&g, &g, "a", "b"), "");
    }

    #[test]
    fn a_changed_quorum_is_a_patch_at_its_pointer() {
        let old = example("token-dao");
        let mut new = old.clone();
        new.decision_types[0].quorum = 0.2;
        let d = structural(&old, &new);
        assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
        let c = &d.changes[0];
        assert_eq!(c.pointer, "/decision_types/0/quorum");
        assert_eq!(c.label, format!("decision_types › {} › quorum", old.decision_types[0].id));
        assert_eq!((c.kind, c.bump, c.domain.as_str()), (ChangeKind::Changed, Bump::Patch, "decision_types"));
        assert_eq!(c.new, Some(serde_json::json!(0.2)));
        assert_eq!(d.suggested, Some(Bump::Patch));
        let u = unified(&old, &new, "1.0.0", "1.0.1");
        assert!(u.starts_with("--- 1.0.0\n+++ 1.0.1\n"), "{u}");
        assert!(u.contains("+      \"quorum\": 0.2"), "{u}");
    }

    #[test]
    fn removing_a_role_is_major_and_adding_one_is_minor() {
        let old = example("worker-coop");
        let mut added = old.clone();
        let mut role = old.roles[0].clone();
        role.id = "auditor".into();
        added.roles.push(role);
        let d = structural(&old, &added);
        assert_eq!(d.suggested, Some(Bump::Minor));
        assert_eq!(d.changes[0].kind, ChangeKind::Added);
        assert_eq!(d.changes[0].pointer, format!("/roles/{}", old.roles.len()));

        let mut removed = old.clone();
        let gone = removed.roles.remove(0);
        let d = structural(&old, &removed);
        let c = d.changes.iter().find(|c| c.kind == ChangeKind::Removed).expect("a removal");
        assert_eq!((c.pointer.as_str(), c.bump), ("/roles/0", Bump::Major));
        assert_eq!(c.label, format!("roles › {}", gone.id));
        assert_eq!(d.suggested, Some(Bump::Major));
    }

    #[test]
    fn whole_numbers_print_as_people_write_them() {
        let old = example("token-dao");
        let mut new = old.clone();
        new.decision_types[0].absolute_threshold = Some(12.0);
        new.decision_types[0].quorum = 0.25;
        let d = structural(&old, &new);
        let shown: Vec<String> = d.changes.iter().filter_map(|c| c.new.as_ref().map(Value::to_string)).collect();
        assert_eq!(shown, ["12", "0.25"], "{:#?}", d.changes);
        let text = unified(&old, &new, "a", "b");
        assert!(text.contains("+      \"absolute_threshold\": 12,\n"), "{text}");
        assert!(!text.contains("12.0"), "{text}");
    }

    #[test]
    fn reordering_members_is_no_change() {
        let old = example("worker-coop");
        let mut new = old.clone();
        new.members.explicit.reverse();
        assert!(structural(&old, &new).changes.is_empty());
    }

    #[test]
    fn entrenched_clauses_and_amendment_rules_are_major() {
        let old = example("token-dao");
        let c = old.constitution.as_ref().expect("a constitution");
        let (ai, ci) = c
            .articles
            .iter()
            .enumerate()
            .find_map(|(ai, a)| a.clauses.iter().position(|c| c.entrenched).map(|ci| (ai, ci)))
            .expect("an entrenched clause");
        let mut new = old.clone();
        if let Some(c) = new.constitution.as_mut() {
            c.articles[ai].clauses[ci].text.push_str(" Amended.");
        }
        let d = structural(&old, &new);
        assert_eq!(d.suggested, Some(Bump::Major), "{:#?}", d.changes);
        assert_eq!(d.changes[0].why, "an entrenched clause changed");

        let mut rules = old.clone();
        if let Some(c) = rules.constitution.as_mut() {
            c.amendment_rules[0].notice_days = Some(99);
        }
        assert_eq!(structural(&old, &rules).suggested, Some(Bump::Major));
    }

    #[test]
    fn bumps_apply_and_compare() {
        let v = semver::Version::new(1, 4, 2);
        assert_eq!(Bump::Patch.apply(&v).to_string(), "1.4.3");
        assert_eq!(Bump::Minor.apply(&v).to_string(), "1.5.0");
        assert_eq!(Bump::Major.apply(&v).to_string(), "2.0.0");
        assert_eq!(Bump::between(&v, &semver::Version::new(1, 5, 0)), Some(Bump::Minor));
        assert_eq!(Bump::between(&v, &v), None);
    }

    proptest! {
        /// Changing any decision type's quorum is exactly one patch-level change at its pointer.
        #[test]
        fn any_quorum_change_is_one_patch(i in 0usize..8, q in 0.0f64..1.0) {
            let old = example("token-dao");
            let i = i % old.decision_types.len();
            prop_assume!((old.decision_types[i].quorum - q).abs() > 1e-9);
            let mut new = old.clone();
            new.decision_types[i].quorum = q;
            let d = structural(&old, &new);
            prop_assert_eq!(d.changes.len(), 1);
            prop_assert_eq!(d.changes[0].pointer.clone(), format!("/decision_types/{i}/quorum"));
            prop_assert_eq!(d.suggested, Some(Bump::Patch));
        }
    }
}
