//! The change channel: one entry per stored version of a design, for integrators, as a
//! `CHANGELOG.md` and an Atom 1.0 feed `changes.atom`. Each entry names the composition
//! changes (referenced citizens, organisms, confluences and services added, removed or
//! re-pinned), every referenced citizen whose fingerprint bumped, the structural diff summary
//! and the bump. Pure: the caller passes the versions with their recorded times, so the same
//! history gives the same bytes.

use crate::diff::{self, Bump};
use crate::docs::render::{html_text, md_text};
use cogov_model::Gco;
use std::collections::BTreeMap;

/// One stored version, as the store records it.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionInput {
    /// The semantic version.
    pub version: String,
    /// `sha256:` fingerprint.
    pub fingerprint: String,
    /// When it was saved, RFC 3339 (the store's record, never the clock).
    pub created_at: String,
    /// Who saved it.
    pub author: String,
    /// Why.
    pub message: String,
    /// `commit`, `amendment` or `rollback`.
    pub kind: String,
    /// Its content.
    pub gco: Gco,
}

/// A change to a referenced component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentChange {
    /// `citizen`, `organism`, `confluence` or `service`.
    pub kind: &'static str,
    /// Its role name (or service name).
    pub name: String,
    /// The fingerprint before, if it was referenced.
    pub old: Option<String>,
    /// The fingerprint now, if it is referenced.
    pub new: Option<String>,
}

impl ComponentChange {
    /// A sentence for people.
    pub fn describe(&self) -> String {
        let fp = |f: &Option<String>| f.clone().unwrap_or_else(|| "no fingerprint".into());
        match (&self.old, &self.new) {
            (None, _) => format!("{} {} added ({})", self.kind, self.name, fp(&self.new)),
            (_, None) if !self.present_now() => format!("{} {} removed (was {})", self.kind, self.name, fp(&self.old)),
            _ => format!("{} {} fingerprint bumped: {} → {}", self.kind, self.name, fp(&self.old), fp(&self.new)),
        }
    }

    fn present_now(&self) -> bool {
        self.new.is_some()
    }
}

/// One entry of the change channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The version.
    pub version: String,
    /// The version before it in the history, if any.
    pub previous: Option<String>,
    /// Its fingerprint.
    pub fingerprint: String,
    /// When it was saved.
    pub created_at: String,
    /// Who saved it, and why.
    pub author: String,
    /// Why it was saved.
    pub message: String,
    /// Commit, amendment or rollback.
    pub kind: String,
    /// The bump from the previous version (`None` for the first).
    pub bump: Option<Bump>,
    /// Changed places per domain, in domain order.
    pub domains: BTreeMap<String, usize>,
    /// Composition changes.
    pub composition: Vec<ComponentChange>,
}

impl Entry {
    /// The citizens whose fingerprint bumped (referenced before and now, pinned differently).
    pub fn bumped_citizens(&self) -> impl Iterator<Item = &ComponentChange> {
        self.composition.iter().filter(|c| c.kind == "citizen" && c.old.is_some() && c.new.is_some())
    }
}

type Refs = BTreeMap<(&'static str, String), Option<String>>;

fn refs(gco: &Gco) -> Refs {
    let mut m = BTreeMap::new();
    if let Some(c) = &gco.composition {
        for r in &c.citizens {
            m.insert(("citizen", r.role.clone()), r.fingerprint.clone());
        }
        for r in &c.organisms {
            m.insert(("organism", r.role.clone()), r.fingerprint.clone());
        }
        for r in &c.confluences {
            m.insert(("confluence", r.role.clone()), r.fingerprint.clone());
        }
        for s in &c.services {
            let name = serde_json::to_value(s.service).ok().and_then(|v| v.as_str().map(str::to_owned));
            m.insert(("service", name.unwrap_or_default()), s.fingerprint.clone());
        }
    }
    m
}

/// What changed in the composition between two designs, by kind then name.
pub fn composition_changes(old: &Gco, new: &Gco) -> Vec<ComponentChange> {
    let (a, b) = (refs(old), refs(new));
    let mut keys: Vec<&(&'static str, String)> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let order = |k: &str| ["citizen", "organism", "confluence", "service"].iter().position(|x| *x == k);
    keys.sort_by_key(|(k, n)| (order(k), n.clone()));
    keys.into_iter()
        .filter_map(|key| {
            let (was, now) = (a.get(key), b.get(key));
            if was == now {
                return None;
            }
            // An added or removed component with no fingerprint still shows: `Some(None)` vs `None`.
            let change = ComponentChange {
                kind: key.0,
                name: key.1.clone(),
                old: was.cloned().flatten(),
                new: now.cloned().flatten(),
            };
            Some(match (was, now) {
                (None, Some(_)) => ComponentChange { old: None, ..change },
                (Some(_), None) => ComponentChange { new: None, ..change },
                _ => change,
            })
        })
        .collect()
}

/// The entries of a history given oldest first; returned newest first.
pub fn entries(history: &[VersionInput]) -> Vec<Entry> {
    let mut out: Vec<Entry> = history
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let prev = i.checked_sub(1).map(|j| &history[j]);
            let (domains, composition, bump) = match prev {
                Some(p) => {
                    let d = diff::structural(&p.gco, &v.gco);
                    let mut domains = BTreeMap::new();
                    d.changes.iter().for_each(|c| *domains.entry(c.domain.clone()).or_default() += 1);
                    let bump = Bump::between(&p.gco.identity.version, &v.gco.identity.version).or(d.suggested);
                    (domains, composition_changes(&p.gco, &v.gco), bump)
                }
                None => (BTreeMap::new(), composition_changes(&empty_like(&v.gco), &v.gco), None),
            };
            Entry {
                version: v.version.clone(),
                previous: prev.map(|p| p.version.clone()),
                fingerprint: v.fingerprint.clone(),
                created_at: v.created_at.clone(),
                author: v.author.clone(),
                message: v.message.clone(),
                kind: v.kind.clone(),
                bump,
                domains,
                composition,
            }
        })
        .collect();
    out.reverse();
    out
}

/// The design without its composition: the first version's components all count as added.
fn empty_like(g: &Gco) -> Gco {
    let mut e = g.clone();
    e.composition = None;
    e
}

fn summary(e: &Entry) -> Vec<String> {
    let mut lines = Vec::new();
    match &e.previous {
        None => lines.push("First version in the store.".to_owned()),
        Some(p) if e.domains.is_empty() => lines.push(format!("No structural change since {p}.")),
        Some(p) => {
            let n: usize = e.domains.values().sum();
            let per: Vec<String> = e.domains.iter().map(|(d, k)| format!("{d} {k}")).collect();
            lines.push(format!("{n} structural change(s) since {p}: {}.", per.join(", ")));
        }
    }
    if e.composition.is_empty() {
        lines.push("Composition: unchanged.".to_owned());
    }
    lines
}

fn heading(e: &Entry) -> String {
    let bump = e.bump.map_or(String::new(), |b| format!(" ({})", b.as_str()));
    format!("{}{bump} — {}", e.version, e.created_at)
}

/// `CHANGELOG.md`: newest version first.
pub fn markdown(instance: &str, entries: &[Entry]) -> String {
    let mut s = format!("# Changes — {}\n\nOne entry per stored version, newest first.\n", md_text(instance));
    for e in entries {
        s.push_str(&format!("\n## {}\n\n", md_text(&heading(e))));
        s.push_str(&format!(
            "- Fingerprint: `{}`\n- {} by {}: {}\n",
            e.fingerprint,
            md_text(&e.kind),
            md_text(&e.author),
            md_text(if e.message.is_empty() { "(no message)" } else { &e.message })
        ));
        for l in summary(e) {
            s.push_str(&format!("- {}\n", md_text(&l)));
        }
        if !e.composition.is_empty() {
            s.push_str("- Composition:\n");
            for c in &e.composition {
                s.push_str(&format!("  - {}\n", md_text(&c.describe())));
            }
        }
        let bumped: Vec<String> = e.bumped_citizens().map(|c| c.name.clone()).collect();
        if !bumped.is_empty() {
            s.push_str(&format!("- Citizens re-pinned: {}\n", md_text(&bumped.join(", "))));
        }
    }
    s
}

fn xml(s: &str) -> String {
    html_text(s).replace("&#39;", "&apos;")
}

/// `changes.atom`: an Atom 1.0 feed, newest entry first; ids stable (`urn:cogov:<instance>`
/// and `urn:cogov:<instance>:<version>`), times from the store's records.
pub fn atom(instance: &str, title: &str, entries: &[Entry]) -> String {
    let updated = entries.iter().map(|e| e.created_at.as_str()).max().unwrap_or("1970-01-01T00:00:00Z");
    let mut s =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    s.push_str(&format!("  <id>urn:cogov:{}</id>\n", xml(instance)));
    s.push_str(&format!("  <title>{} — changes</title>\n", xml(title)));
    s.push_str(&format!("  <updated>{}</updated>\n", xml(updated)));
    s.push_str("  <author><name>CoGov Studio</name></author>\n");
    s.push_str("  <generator>CoGov Studio</generator>\n");
    for e in entries {
        s.push_str("  <entry>\n");
        s.push_str(&format!("    <id>urn:cogov:{}:{}</id>\n", xml(instance), xml(&e.version)));
        s.push_str(&format!("    <title>{} {}</title>\n", xml(instance), xml(&heading(e))));
        s.push_str(&format!("    <updated>{}</updated>\n", xml(&e.created_at)));
        s.push_str(&format!("    <author><name>{}</name></author>\n", xml(&e.author)));
        let mut items: Vec<String> =
            vec![format!("fingerprint {}", e.fingerprint), format!("{}: {}", e.kind, e.message)];
        items.extend(summary(e));
        items.extend(e.composition.iter().map(ComponentChange::describe));
        let html: String = items.iter().map(|i| format!("<li>{}</li>", html_text(i))).collect();
        s.push_str(&format!("    <content type=\"html\">{}</content>\n", xml(&format!("<ul>{html}</ul>"))));
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

/// Both files as (name, bytes): `CHANGELOG.md` and `changes.atom`.
pub fn files(history: &[VersionInput]) -> Vec<(String, Vec<u8>)> {
    let entries = entries(history);
    let (instance, title) = history.last().map_or((String::new(), String::new()), |v| {
        (
            v.gco.identity.name.clone(),
            v.gco.identity.display_name.clone().unwrap_or_else(|| v.gco.identity.name.clone()),
        )
    });
    vec![
        ("CHANGELOG.md".into(), markdown(&instance, &entries).into_bytes()),
        ("changes.atom".into(), atom(&instance, &title, &entries).into_bytes()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_examples::example;

    fn history() -> Vec<VersionInput> {
        let v1 = example("federated-gov");
        let mut v2 = v1.clone();
        v2.identity.version = semver::Version::new(1, 5, 0);
        if let Some(c) = v2.composition.as_mut() {
            c.citizens[0].fingerprint = Some(format!("sha256:{}", "ab".repeat(32)));
            c.organisms.pop();
        }
        let mut v3 = v2.clone();
        v3.identity.version = semver::Version::new(1, 5, 1);
        v3.decision_types[0].quorum = (v3.decision_types[0].quorum * 0.9 * 100.0).round() / 100.0;
        [(v1, "2026-01-05T10:00:00.000Z"), (v2, "2026-02-01T09:30:00.000Z"), (v3, "2026-02-03T16:00:00.000Z")]
            .into_iter()
            .map(|(g, at)| VersionInput {
                version: g.identity.version.to_string(),
                fingerprint: g.fingerprint(),
                created_at: at.into(),
                author: "ada".into(),
                message: "m".into(),
                kind: "commit".into(),
                gco: g,
            })
            .collect()
    }

    #[test]
    fn entries_name_composition_changes_and_bumped_citizens_newest_first() {
        let h = history();
        let e = entries(&h);
        assert_eq!(e.iter().map(|x| x.version.as_str()).collect::<Vec<_>>(), ["1.5.1", "1.5.0", "1.4.0"]);
        assert!(e[0].composition.is_empty());
        assert_eq!(e[0].domains.get("decision_types"), Some(&1));
        assert_eq!(e[0].bump, Some(Bump::Patch));
        let citizen = &h[0].gco.composition.as_ref().expect("composition").citizens[0];
        let bumped: Vec<&str> = e[1].bumped_citizens().map(|c| c.name.as_str()).collect();
        assert_eq!(bumped, [citizen.role.as_str()]);
        assert!(e[1].composition.iter().any(|c| c.kind == "organism" && c.new.is_none()), "{:?}", e[1].composition);
        assert_eq!(e[1].bump, Some(Bump::Minor));
        let md = markdown("meridian-federation-gov", &e);
        assert!(
            md.contains(&format!(
                "citizen {} fingerprint bumped: {}",
                citizen.role,
                citizen.fingerprint.clone().unwrap_or_default()
            )),
            "{md}"
        );
        assert!(md.find("## 1.5.1").expect("1.5.1") < md.find("## 1.5.0").expect("1.5.0"));
        // The first version lists what it composes.
        assert!(e[2].composition.iter().all(|c| c.old.is_none()) && !e[2].composition.is_empty());
    }

    #[test]
    fn the_feed_is_atom_with_stable_ids_and_recorded_times() {
        use quick_xml::events::Event;
        let h = history();
        let files = files(&h);
        assert_eq!(files, super::files(&h), "deterministic");
        let atom = String::from_utf8(files[1].1.clone()).expect("utf-8");
        let mut r = quick_xml::Reader::from_str(&atom);
        let (mut path, mut ids, mut updated) = (Vec::<String>::new(), Vec::new(), Vec::new());
        loop {
            match r.read_event().expect("well-formed XML") {
                Event::Start(e) => path.push(String::from_utf8_lossy(e.name().as_ref()).into_owned()),
                Event::End(_) => {
                    path.pop();
                }
                Event::Text(t) => {
                    let text = String::from_utf8_lossy(t.as_ref()).into_owned();
                    match path.join("/").as_str() {
                        "feed/id" | "feed/entry/id" => ids.push(text),
                        "feed/updated" | "feed/entry/updated" => updated.push(text),
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(
            ids,
            [
                "urn:cogov:meridian-federation-gov",
                "urn:cogov:meridian-federation-gov:1.5.1",
                "urn:cogov:meridian-federation-gov:1.5.0",
                "urn:cogov:meridian-federation-gov:1.4.0"
            ]
        );
        assert_eq!(updated[0], "2026-02-03T16:00:00.000Z", "the feed's updated is its newest entry's");
        assert_eq!(updated[1..], ["2026-02-03T16:00:00.000Z", "2026-02-01T09:30:00.000Z", "2026-01-05T10:00:00.000Z"]);
        assert!(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">") && atom.contains("<title>"));
    }
}
