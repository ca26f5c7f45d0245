//! The writer: title, version, preamble, articles and clauses, then the appendix: schedules
//! in words for people and the parameter blocks for software.

use super::heading;
use super::schedule;
use super::text;
use super::{BLOCK_DOMAINS, TEXT_BLOCK, quote};
use cogov_model::{AlertThresholds, Gco, Identity, Members};
use serde::Serialize;
use serde_json::Value;

/// Writes `gco` as a constitution document.
pub(super) fn export(gco: &Gco) -> String {
    let mut out = Vec::new();
    out.push(format!("# {} — Constitution", title(gco)));
    out.push(String::new());
    out.push(format!("Version: {}", gco.identity.version));
    out.push(String::new());
    if let Some(p) = gco.constitution.as_ref().and_then(|c| c.preamble.as_deref()) {
        // An empty preamble has no lines: only a text block tells it from no preamble.
        match text::render(p).filter(|lines| !lines.is_empty()) {
            Some(lines) => out.extend(lines),
            None => text_block(&mut out, p),
        }
        out.push(String::new());
    }
    for (i, a) in gco.constitution.iter().flat_map(|c| &c.articles).enumerate() {
        out.push(heading::render_article(i + 1, a));
        out.push(String::new());
        for (j, cl) in a.clauses.iter().enumerate() {
            out.push(heading::render_clause(i + 1, j + 1, cl));
            out.push(String::new());
            match text::render(&cl.text) {
                Some(lines) if lines.is_empty() => continue,
                Some(lines) => out.extend(lines),
                None => text_block(&mut out, &cl.text),
            }
            out.push(String::new());
        }
    }
    // A reader meets the articles first; the parameters follow in an appendix.
    out.push(heading::APPENDIX.to_owned());
    out.push(String::new());
    out.push(APPENDIX_INTRO.to_owned());
    out.push(String::new());
    out.extend(schedule::schedules(gco));
    for domain in BLOCK_DOMAINS {
        if let Some(json) = domain_json(gco, domain) {
            block(&mut out, domain, &json);
            out.push(String::new());
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let mut doc = out.join("\n");
    doc.push('\n');
    doc
}

/// What the appendix is, for a reader meeting it.
const APPENDIX_INTRO: &str = "The schedules restate this constitution's parameters in words. The blocks after \
them are the same parameters for software: where the two differ, the blocks govern, and the schedules are \
written anew from them whenever this document is exported.";

/// The display name (or instance name) on one line: the title is presentational only.
fn title(gco: &Gco) -> String {
    let name = gco.identity.display_name.as_deref().unwrap_or(&gco.identity.name);
    let flat: String = name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let flat = flat.trim();
    if flat.is_empty() { "Untitled".to_owned() } else { flat.to_owned() }
}

/// The JSON a domain's block holds, or `None` when the block is left out because reading
/// the document without it gives the same GCO (an absent or default domain). Blocks are
/// written from the typed GCO so that fields keep their declared order (`id` first).
fn domain_json(gco: &Gco, domain: &str) -> Option<String> {
    match domain {
        "identity" => Some(identity_json(&gco.identity)),
        "members" => (gco.members != Members::default()).then(|| members_json(&gco.members)),
        "voting_weight" => gco.voting_weight.as_ref().map(pretty),
        "roles" => (!gco.roles.is_empty()).then(|| pretty(&gco.roles)),
        "decision_types" => (!gco.decision_types.is_empty()).then(|| pretty(&gco.decision_types)),
        "treasury" => gco.treasury.as_ref().map(pretty),
        "escalation" => gco.escalation.as_ref().map(pretty),
        "incentives" => gco.incentives.as_ref().map(pretty),
        "delegation" => gco.delegation.as_ref().map(pretty),
        "composition" => gco.composition.as_ref().map(pretty),
        "mesh" => gco.mesh.as_ref().map(pretty),
        "resources" => (!gco.resources.is_empty()).then(|| pretty(&gco.resources)),
        "alert_thresholds" => {
            (gco.alert_thresholds != AlertThresholds::default()).then(|| pretty(&gco.alert_thresholds))
        }
        // Written whenever there is a constitution, so that an empty one stays present.
        "amendment_rules" => gco.constitution.as_ref().map(|c| pretty(&c.amendment_rules)),
        _ => None,
    }
}

/// The members with one member per line: a registry of thousands stays a page per hundred.
fn members_json(members: &Members) -> String {
    let mut fields = Vec::new();
    if !members.explicit.is_empty() {
        let rows: Vec<String> =
            members.explicit.iter().map(|m| format!("    {}", serde_json::to_string(m).unwrap_or_default())).collect();
        fields.push(format!("  \"explicit\": [\n{}\n  ]", rows.join(",\n")));
    } else {
        fields.push("  \"explicit\": []".to_owned());
    }
    if let Some(p) = &members.population {
        fields.push(format!("  \"population\": {}", pretty(p).replace('\n', "\n  ")));
    }
    format!("{{\n{}\n}}", fields.join(",\n"))
}

fn pretty<T: Serialize>(value: &T) -> String {
    // Plain data with string keys always serialises.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The identity without `version` (the `Version:` line carries it), the usual fields first.
fn identity_json(identity: &Identity) -> String {
    let Ok(Value::Object(mut map)) = serde_json::to_value(identity) else { return "{}".to_owned() };
    map.remove("version");
    let mut entries: Vec<(String, Value)> = Vec::new();
    for key in ["name", "display_name", "kind", "description", "jurisdiction"] {
        if let Some(v) = map.remove(key) {
            entries.push((key.to_owned(), v));
        }
    }
    entries.extend(map);
    if entries.is_empty() {
        return "{}".to_owned();
    }
    // The layout of serde_json's pretty printer, with the keys in the order above.
    let body: Vec<String> =
        entries.iter().map(|(k, v)| format!("  {}: {}", quote(k), format!("{v:#}").replace('\n', "\n  "))).collect();
    format!("{{\n{}\n}}", body.join(",\n"))
}

fn block(out: &mut Vec<String>, domain: &str, json: &str) {
    out.push(format!("```cogov {domain}"));
    out.extend(json.split('\n').map(str::to_owned));
    out.push("```".to_owned());
}

fn text_block(out: &mut Vec<String>, text: &str) {
    block(out, TEXT_BLOCK, &quote(text));
}
