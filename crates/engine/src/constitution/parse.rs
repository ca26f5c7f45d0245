//! The line-based reader: header, blocks, headings and text, in one pass.

use super::heading::{self, ClauseHead};
use super::text::{self, TextLine};
use super::{BLOCK_DOMAINS, TEXT_BLOCK, column, syntax};
use crate::error::{IntakeError, Location};
use crate::limits;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Reads a constitution document into the GCO's JSON value.
pub(super) fn parse(text: &str) -> Result<Value, IntakeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // CRLF documents read like LF ones.
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let (version, start) = header(&lines)?;
    let mut p = Parser::default();
    let mut i = start;
    while let Some(&line) = lines.get(i) {
        i = p.line(&lines, i, line)?;
    }
    Ok(p.finish(version))
}

/// The optional title and the required `Version:` line: the version and the next line index.
fn header(lines: &[&str]) -> Result<(String, usize), IntakeError> {
    let mut i = skip_blank(lines, 0);
    let Some(&first) = lines.get(i) else {
        return Err(syntax(
            1,
            1,
            "empty document: a constitution starts with `# <name> — Constitution` and `Version: 1.0.0`",
        ));
    };
    let titled = heading::level(first) == Some(1);
    if titled {
        i = skip_blank(lines, i + 1);
    }
    let no = (i + 1).min(lines.len());
    let Some((at, raw)) = lines.get(i).and_then(|l| version_value(l)) else {
        let msg = if titled {
            "missing `Version:` line: the title must be followed by `Version: MAJOR.MINOR.PATCH` (e.g. `Version: 1.2.0`)"
        } else {
            "missing title and `Version:` line: a constitution starts with `# <name> — Constitution` then `Version: 1.2.0`"
        };
        return Err(syntax(no, 1, msg));
    };
    let col = lines.get(i).map_or(1, |l| column(l, at));
    if raw.is_empty() {
        return Err(syntax(no, col, "the `Version:` line has no version: write e.g. `Version: 1.0.0`"));
    }
    match semver::Version::parse(raw) {
        Ok(v) => Ok((v.to_string(), i + 1)),
        Err(e) => {
            Err(syntax(no, col, format!("`{raw}` is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0): {e}")))
        }
    }
}

fn skip_blank(lines: &[&str], mut i: usize) -> usize {
    while lines.get(i).is_some_and(|l| l.trim().is_empty()) {
        i += 1;
    }
    i
}

/// The byte offset and text of the version on a `Version:` line (any letter case).
fn version_value(line: &str) -> Option<(usize, &str)> {
    let label = "version:";
    if !line.get(..label.len())?.eq_ignore_ascii_case(label) {
        return None;
    }
    let rest = line.get(label.len()..)?;
    let value = rest.trim_start();
    Some((line.len() - value.len(), value.trim_end()))
}

/// Text collected for the preamble or a clause.
#[derive(Default)]
struct TextAcc<'a> {
    lines: Vec<TextLine<'a>>,
    /// The first line holding text, for messages.
    first_text: Option<usize>,
    /// A `cogov text` block: its line and its exact text.
    exact: Option<(usize, String)>,
}

impl<'a> TextAcc<'a> {
    fn push(&mut self, line: TextLine<'a>, no: usize) -> Result<(), IntakeError> {
        if !line.is_blank() {
            if let Some((at, _)) = self.exact {
                let msg =
                    format!("text after the ```cogov text block (line {at}) that already gives this text; keep one");
                return Err(syntax(no, 1, msg));
            }
            self.first_text.get_or_insert(no);
        }
        self.lines.push(line);
        Ok(())
    }

    fn set_exact(&mut self, text: String, no: usize) -> Result<(), IntakeError> {
        if let Some((at, _)) = self.exact {
            return Err(syntax(no, 1, format!("a second ```cogov text block for the same text (first at line {at})")));
        }
        if let Some(at) = self.first_text {
            let msg =
                format!("a ```cogov text block replaces the text lines, but there is text at line {at}; keep one");
            return Err(syntax(no, 1, msg));
        }
        self.exact = Some((no, text));
        Ok(())
    }

    /// The text; `None` when there is none (only a `cogov text` block gives an empty one).
    fn finish(self) -> Option<String> {
        match self.exact {
            Some((_, t)) => Some(t),
            None => Some(text::join(&self.lines)).filter(|t| !t.is_empty()),
        }
    }
}

struct ArticleAcc<'a> {
    id: String,
    title: String,
    clauses: Vec<(ClauseHead, TextAcc<'a>)>,
}

#[derive(Default)]
struct Parser<'a> {
    /// Domain blocks by domain: the line of the opening fence and the value.
    blocks: BTreeMap<&'static str, (usize, Value)>,
    preamble: TextAcc<'a>,
    articles: Vec<ArticleAcc<'a>>,
    /// The line of the appendix heading, once read: after it only blocks count, and its
    /// text (the schedules, generated from the blocks) is skipped.
    appendix: Option<usize>,
}

impl<'a> Parser<'a> {
    /// Reads the line at index `i`; returns the index of the next unread line.
    fn line(&mut self, lines: &[&'a str], i: usize, line: &'a str) -> Result<usize, IntakeError> {
        let no = i + 1;
        if line.starts_with("```") {
            return self.block(lines, i);
        }
        if let Some(at) = self.appendix {
            return match heading::level(line) {
                Some(n) => Err(syntax(
                    no,
                    1,
                    format!(
                        "a level-{n} heading after the appendix (line {at}): articles and clauses come before \
                         `## Appendix`, which holds only schedules and parameter blocks"
                    ),
                )),
                None => Ok(no),
            };
        }
        if heading::is_appendix(line) {
            self.appendix = Some(no);
            return Ok(no);
        }
        match heading::level(line) {
            Some(1) => Err(syntax(
                no,
                1,
                "a second level-1 heading: `#` is only for the title (articles are `##`, clauses `###`); \
                 escape a text line starting with `#` as `\\#`",
            )),
            Some(2) => {
                let h = heading::article(line, no)?;
                self.articles.push(ArticleAcc { id: h.id, title: h.title, clauses: Vec::new() });
                Ok(no)
            }
            Some(3) => self.clause(line, no),
            Some(n) => Err(syntax(
                no,
                1,
                format!(
                    "a level-{n} heading: the format has `##` articles and `###` clauses only; \
                     escape a text line starting with `#` as `\\#`"
                ),
            )),
            None => self.text(TextLine::read(line), no).map(|()| no),
        }
    }

    fn clause(&mut self, line: &str, no: usize) -> Result<usize, IntakeError> {
        let Some(article) = self.articles.last_mut() else {
            let msg = "clause heading before any article: put it under an article heading `## Article 1 — Title {#id}`";
            return Err(syntax(no, 1, msg));
        };
        article.clauses.push((heading::clause(line, no)?, TextAcc::default()));
        Ok(no)
    }

    /// Where text goes now: the preamble, the last clause, or nowhere (the article's id).
    fn current(&mut self) -> Result<&mut TextAcc<'a>, &str> {
        match self.articles.last_mut() {
            None => Ok(&mut self.preamble),
            Some(a) => match a.clauses.last_mut() {
                Some((_, t)) => Ok(t),
                None => Err(&a.id),
            },
        }
    }

    fn text(&mut self, line: TextLine<'a>, no: usize) -> Result<(), IntakeError> {
        match self.current() {
            Ok(acc) => acc.push(line, no),
            Err(_) if line.is_blank() => Ok(()),
            Err(id) => {
                let msg = format!(
                    "text under article `{id}` before its first clause: an article holds only clauses; \
                     start one with `### 1.1 Title {{#id}}`"
                );
                Err(syntax(no, 1, msg))
            }
        }
    }

    /// Reads the block whose fence opens at index `i`; returns the index after its closing fence.
    fn block(&mut self, lines: &[&str], i: usize) -> Result<usize, IntakeError> {
        let no = i + 1;
        let fence = lines.get(i).copied().unwrap_or("");
        let domain = block_domain(fence, no)?;
        let close = closing_fence(lines, i, domain)?;
        if domain != TEXT_BLOCK {
            if let Some((first, _)) = self.blocks.get(domain) {
                return Err(syntax(no, 1, format!("duplicate block `cogov {domain}` (first at line {first})")));
            }
        }
        let content = lines.get(i + 1..close).unwrap_or_default().join("\n");
        let value = block_json(&content, domain, no, lines)?;
        if domain == TEXT_BLOCK {
            self.exact_text(value, no)?;
        } else {
            self.domain_block(domain, value, no)?;
        }
        Ok(close + 1)
    }

    fn exact_text(&mut self, value: Value, no: usize) -> Result<(), IntakeError> {
        let Value::String(s) = value else {
            return Err(syntax(no, 1, "a ```cogov text block must hold one JSON string"));
        };
        if let Some(at) = self.appendix {
            let msg =
                format!("a ```cogov text block in the appendix (line {at}): it belongs in the preamble or a clause");
            return Err(syntax(no, 1, msg));
        }
        match self.current() {
            Ok(acc) => acc.set_exact(s, no),
            Err(id) => {
                let msg = format!(
                    "a ```cogov text block under article `{id}` before its first clause: \
                     it belongs in the preamble or under a clause heading"
                );
                Err(syntax(no, 1, msg))
            }
        }
    }

    fn domain_block(&mut self, domain: &'static str, value: Value, no: usize) -> Result<(), IntakeError> {
        if domain == "identity" {
            let Value::Object(m) = &value else {
                return Err(syntax(no, 1, "the ```cogov identity block must hold a JSON object"));
            };
            if m.contains_key("version") {
                let msg = "the ```cogov identity block must not hold `version`: the `Version:` line gives it";
                return Err(syntax(no, 1, msg));
            }
        }
        self.blocks.insert(domain, (no, value));
        // A block between paragraphs separates them; it does not end the clause.
        if self.appendix.is_some() {
            return Ok(());
        }
        if let Ok(acc) = self.current() {
            acc.lines.push(TextLine::BREAK);
        }
        Ok(())
    }

    fn finish(self, version: String) -> Value {
        let mut blocks = self.blocks;
        let mut identity = blocks.remove("identity").map_or_else(|| Value::Object(Map::new()), |(_, v)| v);
        if let Value::Object(m) = &mut identity {
            m.insert("version".into(), Value::String(version));
        }
        let rules = blocks.remove("amendment_rules").map(|(_, v)| v);
        let mut gco = Map::new();
        gco.insert("identity".into(), identity);
        gco.extend(blocks.into_iter().map(|(d, (_, v))| (d.to_owned(), v)));
        let preamble = self.preamble.finish();
        // Only a document with constitution content has a constitution: absent stays absent.
        if !self.articles.is_empty() || preamble.is_some() || rules.is_some() {
            let mut c = Map::new();
            if let Some(p) = preamble {
                c.insert("preamble".into(), Value::String(p));
            }
            c.insert("articles".into(), Value::Array(self.articles.into_iter().map(article_value).collect()));
            if let Some(r) = rules {
                c.insert("amendment_rules".into(), r);
            }
            gco.insert("constitution".into(), Value::Object(c));
        }
        Value::Object(gco)
    }
}

fn article_value(a: ArticleAcc<'_>) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(a.id));
    m.insert("title".into(), Value::String(a.title));
    m.insert("clauses".into(), Value::Array(a.clauses.into_iter().map(|(h, t)| clause_value(h, t)).collect()));
    Value::Object(m)
}

fn clause_value(h: ClauseHead, text: TextAcc<'_>) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(h.id));
    if let Some(t) = h.title {
        m.insert("title".into(), Value::String(t));
    }
    m.insert("text".into(), Value::String(text.finish().unwrap_or_default()));
    m.insert("entrenched".into(), Value::Bool(h.entrenched));
    if let Some(d) = h.decision_type {
        m.insert("decision_type".into(), Value::String(d));
    }
    Value::Object(m)
}

/// The domain named by an opening fence ```` ```cogov <domain> ````.
fn block_domain(fence: &str, no: usize) -> Result<&'static str, IntakeError> {
    let info = fence.get(3..).unwrap_or("").trim();
    let Some(rest) = info.strip_prefix("cogov").filter(|r| r.is_empty() || r.starts_with(char::is_whitespace)) else {
        let msg = if info.is_empty() {
            "a ``` fence that opens no block: blocks open with ```cogov <domain>; escape a text line starting \
             with ``` as \\```"
                .to_owned()
        } else {
            format!(
                "a ```{info} block: only ```cogov <domain> blocks are allowed; escape a text line starting \
                 with ``` as \\```"
            )
        };
        return Err(syntax(no, 1, msg));
    };
    let name = rest.trim();
    if name.is_empty() {
        return Err(syntax(no, 1, "a ```cogov block without a domain: write e.g. ```cogov roles"));
    }
    match BLOCK_DOMAINS.iter().chain(&[TEXT_BLOCK]).find(|d| **d == name) {
        Some(d) => Ok(d),
        None => {
            let msg = format!("unknown block domain `cogov {name}` (known: {}, text)", BLOCK_DOMAINS.join(", "));
            // The name ends the line (but for whitespace), so its last occurrence is itself.
            Err(syntax(no, fence.rfind(name).map_or(1, |b| column(fence, b)), msg))
        }
    }
}

/// The index of the fence closing the block opened at index `open`.
fn closing_fence(lines: &[&str], open: usize, domain: &str) -> Result<usize, IntakeError> {
    let unterminated = |why: String| {
        syntax(open + 1, 1, format!("unterminated ```cogov {domain} block opened at line {}: {why}", open + 1))
    };
    for (j, l) in lines.iter().enumerate().skip(open + 1) {
        if let Some(rest) = l.strip_prefix("```") {
            if rest.trim().is_empty() {
                return Ok(j);
            }
            return Err(unterminated(format!("line {} starts a new fence before a closing ``` line", j + 1)));
        }
    }
    Err(unterminated("no closing ``` line".to_owned()))
}

/// Parses a block's JSON, with errors located in the whole document.
fn block_json(content: &str, domain: &str, fence_no: usize, lines: &[&str]) -> Result<Value, IntakeError> {
    let relocate = |e: IntakeError| match e.location {
        Location::LineColumn { line, column } => {
            let msg = format!("in the ```cogov {domain} block: {}", e.message);
            IntakeError::at(e.code, fence_no + line, column, msg)
        }
        _ => e,
    };
    limits::check_json_depth(content).map_err(relocate)?;
    let mut de = serde_json::Deserializer::from_str(content);
    // Depth is bounded above, so serde_json's own recursion limit is not needed.
    de.disable_recursion_limit();
    Value::deserialize(&mut de).and_then(|v| de.end().map(|()| v)).map_err(|e| {
        let no = fence_no + e.line();
        // serde_json counts bytes; report characters like every other error here.
        let col = lines.get(no.saturating_sub(1)).map_or(e.column(), |l| column(l, e.column().saturating_sub(1)));
        let text = e.to_string();
        let msg = text.rfind(" at line ").and_then(|k| text.get(..k)).unwrap_or(&text);
        syntax(no, col, format!("invalid JSON in the ```cogov {domain} block: {msg}"))
    })
}
