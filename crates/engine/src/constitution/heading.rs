//! Article and clause headings and their pandoc-style attributes:
//! `## Article 1 — Membership {#membership}` and
//! `### 1.1 Open membership {#open-membership .entrenched decision_type=constitutional}`.
//!
//! The attributes start at the first `{` of the heading, so a title holding a `{` (or
//! anything the heading text cannot carry exactly) is written as `title="..."` instead.
//!
//! The writer hides the attributes from readers of the rendered document in a trailing HTML
//! comment, `## Article 1 — Membership <!-- {#membership} -->`; both forms read the same.

use super::{column, quote, syntax};
use crate::error::IntakeError;
use cogov_model::{Article, Clause};

/// The heading that opens the appendix (schedules and parameter blocks, after the articles).
pub(super) const APPENDIX: &str = "## Appendix — Schedules and parameters <!-- {.appendix} -->";

/// Whether `line` is the appendix heading: a level-2 heading whose only attribute is `.appendix`.
pub(super) fn is_appendix(line: &str) -> bool {
    let Some((_, open, end)) = hidden(line, 2) else { return false };
    level(line) == Some(2) && line.get(open..end).is_some_and(|a| a.trim() == "{.appendix}")
}

/// The level of an ATX heading (`## x` is 2), or `None` when the line is no heading.
pub(super) fn level(line: &str) -> Option<usize> {
    let n = line.bytes().take_while(|b| *b == b'#').count();
    let rest = line.get(n..)?;
    (n > 0 && (rest.is_empty() || rest.starts_with([' ', '\t']))).then_some(n)
}

/// An article heading, read.
#[derive(Debug, PartialEq)]
pub(super) struct ArticleHead {
    /// The `{#id}`.
    pub id: String,
    /// The title (empty when the heading has none).
    pub title: String,
}

/// A clause heading, read.
#[derive(Debug, PartialEq)]
pub(super) struct ClauseHead {
    /// The `{#id}`.
    pub id: String,
    /// The title, when the heading has one.
    pub title: Option<String>,
    /// The `.entrenched` flag.
    pub entrenched: bool,
    /// The `decision_type=` attribute.
    pub decision_type: Option<String>,
}

/// The attribute group of a heading.
#[derive(Debug, Default)]
struct Attrs {
    id: Option<String>,
    entrenched: bool,
    decision_type: Option<String>,
    title: Option<String>,
}

/// Reads an article heading (`## ...`) at line `no`.
pub(super) fn article(line: &str, no: usize) -> Result<ArticleHead, IntakeError> {
    let (head, attrs) = split(line, 2, no)?;
    let Some(id) = attrs.id else {
        return Err(syntax(no, 1, "article heading without an {#id}: write `## Article 1 — Title {#id}`"));
    };
    if attrs.entrenched || attrs.decision_type.is_some() {
        return Err(syntax(no, 1, "`.entrenched` and `decision_type=` apply to clauses (`###`), not to articles"));
    }
    let title = pick_title(article_title(head), attrs.title, no)?.unwrap_or_default();
    Ok(ArticleHead { id, title })
}

/// Reads a clause heading (`### ...`) at line `no`.
pub(super) fn clause(line: &str, no: usize) -> Result<ClauseHead, IntakeError> {
    let (head, attrs) = split(line, 3, no)?;
    let Some(id) = attrs.id else {
        return Err(syntax(no, 1, "clause heading without an {#id}: write `### 1.1 Title {#id}`"));
    };
    let title = pick_title(clause_title(head), attrs.title, no)?;
    Ok(ClauseHead { id, title, entrenched: attrs.entrenched, decision_type: attrs.decision_type })
}

/// Writes the heading of article number `n`: the first form that reads back exactly, hidden
/// attributes first.
pub(super) fn render_article(n: usize, a: &Article) -> String {
    let id = id_attr(&a.id);
    let head = if a.title.is_empty() { format!("## Article {n}") } else { format!("## Article {n} — {}", a.title) };
    let titled = format!("{id} title={}", quote(&a.title));
    let candidates = [
        format!("{head} <!-- {{{id}}} -->"),
        format!("## Article {n} <!-- {{{titled}}} -->"),
        format!("{head} {{{id}}}"),
    ];
    let wanted = ArticleHead { id: a.id.clone(), title: a.title.clone() };
    candidates
        .into_iter()
        .find(|c| !c.contains('\n') && article(c, 0).ok().as_ref() == Some(&wanted))
        .unwrap_or_else(|| format!("## Article {n} {{{titled}}}"))
}

/// Writes the heading of clause `c` of article `a`.
pub(super) fn render_clause(a: usize, c: usize, cl: &Clause) -> String {
    let mut attrs = id_attr(&cl.id);
    if cl.entrenched {
        attrs.push_str(" .entrenched");
    }
    if let Some(d) = &cl.decision_type {
        attrs.push_str(" decision_type=");
        attrs.push_str(&value_attr(d));
    }
    let wanted = ClauseHead {
        id: cl.id.clone(),
        title: cl.title.clone(),
        entrenched: cl.entrenched,
        decision_type: cl.decision_type.clone(),
    };
    let Some(title) = &cl.title else {
        let hidden = format!("### {a}.{c} <!-- {{{attrs}}} -->");
        return if clause(&hidden, 0).ok().as_ref() == Some(&wanted) {
            hidden
        } else {
            format!("### {a}.{c} {{{attrs}}}")
        };
    };
    let titled = format!("{attrs} title={}", quote(title));
    let candidates = [
        format!("### {a}.{c} {title} <!-- {{{attrs}}} -->"),
        format!("### {a}.{c} <!-- {{{titled}}} -->"),
        format!("### {a}.{c} {title} {{{attrs}}}"),
    ];
    candidates
        .into_iter()
        .find(|h| !h.contains('\n') && clause(h, 0).ok().as_ref() == Some(&wanted))
        .unwrap_or_else(|| format!("### {a}.{c} {{{titled}}}"))
}

/// Whether `s` can be written unquoted in the attributes.
fn is_plain(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '{' | '}' | '"' | '\\'))
}

fn id_attr(id: &str) -> String {
    if is_plain(id) { format!("#{id}") } else { format!("id={}", quote(id)) }
}

fn value_attr(v: &str) -> String {
    if is_plain(v) { v.to_owned() } else { quote(v) }
}

/// A trailing `<!-- {...} -->`: the heading text before it, the byte of its `{`, and the
/// byte where its `-->` starts.
fn hidden(line: &str, level: usize) -> Option<(&str, usize, usize)> {
    let end = line.trim_end().strip_suffix("-->")?.len();
    let open = line.get(level..end)?.rfind("<!--")? + level;
    let inner = line.get(open + 4..end)?;
    let brace = open + 4 + (inner.len() - inner.trim_start().len());
    line.get(brace..end)?.starts_with('{').then(|| (line.get(level..open).unwrap_or(""), brace, end))
}

/// The heading text before the attributes, and the attributes (empty when there are none).
fn split(line: &str, level: usize, no: usize) -> Result<(&str, Attrs), IntakeError> {
    if let Some((head, brace, end)) = hidden(line, level) {
        // The attributes end where the comment closes: read them from the line cut there.
        return Ok((head, attrs(line.get(..end).unwrap_or(line), brace, no)?));
    }
    let content = line.get(level..).unwrap_or("");
    match content.find('{') {
        None => Ok((content, Attrs::default())),
        Some(b) => Ok((content.get(..b).unwrap_or(""), attrs(line, level + b, no)?)),
    }
}

/// The title from the heading text or from `title="..."`, which must not both be given.
fn pick_title(from_text: &str, from_attr: Option<String>, no: usize) -> Result<Option<String>, IntakeError> {
    match from_attr {
        Some(_) if !from_text.is_empty() => {
            Err(syntax(no, 1, "heading with both a title and a `title=` attribute: keep one"))
        }
        Some(t) => Ok(Some(t)),
        None if from_text.is_empty() => Ok(None),
        None => Ok(Some(from_text.to_owned())),
    }
}

/// `Article 1 — Membership` gives `Membership`; a heading not starting with `Article` is all title.
fn article_title(head: &str) -> &str {
    let h = head.trim();
    let Some(rest) = h.strip_prefix("Article").filter(|r| r.starts_with(char::is_whitespace)) else {
        return h;
    };
    let rest = rest.trim_start();
    let after = rest.split_once(char::is_whitespace).map_or("", |(_number, after)| after.trim_start());
    for sep in ["—", "–", "-", ":"] {
        if let Some(t) = after.strip_prefix(sep).filter(|t| t.is_empty() || t.starts_with(char::is_whitespace)) {
            return t.trim();
        }
    }
    after.trim()
}

/// `1.1 Open membership` gives `Open membership`: a leading number is presentational.
fn clause_title(head: &str) -> &str {
    let h = head.trim();
    let (first, rest) = h.split_once(char::is_whitespace).unwrap_or((h, ""));
    let is_number =
        first.starts_with(|c: char| c.is_ascii_digit()) && first.chars().all(|c| c.is_ascii_digit() || c == '.');
    if is_number { rest.trim() } else { h }
}

/// A cursor over one line, by byte offset.
struct Cursor<'a> {
    line: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.line.get(self.pos..)?.chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat_while(&mut self, f: impl Fn(char) -> bool) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(&f) {
            self.bump();
        }
        self.line.get(start..self.pos).unwrap_or("")
    }

    fn col(&self) -> usize {
        column(self.line, self.pos)
    }
}

fn not_end(c: char) -> bool {
    !c.is_whitespace() && c != '}'
}

/// Reads the attribute group opening at byte `open` of `line`.
fn attrs(line: &str, open: usize, no: usize) -> Result<Attrs, IntakeError> {
    let mut cur = Cursor { line, pos: open + 1 };
    let mut out = Attrs::default();
    loop {
        cur.eat_while(char::is_whitespace);
        let at = cur.col();
        match cur.peek() {
            None => return Err(syntax(no, column(line, open), "attributes opened with `{` are not closed with `}`")),
            Some('}') => {
                cur.bump();
                if !cur.line.get(cur.pos..).unwrap_or("").trim().is_empty() {
                    return Err(syntax(no, cur.col(), "text after the closing `}` of the heading's attributes"));
                }
                return Ok(out);
            }
            Some('#') => {
                cur.bump();
                let id = cur.eat_while(not_end);
                if id.is_empty() {
                    return Err(syntax(no, at, "`#` without an id: write `{#my-id}`"));
                }
                set(&mut out.id, id.to_owned(), "id", no, at)?;
            }
            Some('.') => {
                cur.bump();
                match cur.eat_while(not_end) {
                    "entrenched" if !out.entrenched => out.entrenched = true,
                    "entrenched" => return Err(syntax(no, at, "`.entrenched` given twice")),
                    other => {
                        return Err(syntax(
                            no,
                            at,
                            format!("unknown class `.{other}`: the only class is `.entrenched`"),
                        ));
                    }
                }
            }
            Some(_) => key_value(&mut cur, &mut out, no, at)?,
        }
    }
}

/// Reads one `key=value` or `key="quoted"` attribute.
fn key_value(cur: &mut Cursor<'_>, out: &mut Attrs, no: usize, at: usize) -> Result<(), IntakeError> {
    let key = cur.eat_while(|c| c.is_alphanumeric() || c == '_' || c == '-');
    if key.is_empty() {
        let c = cur.peek().unwrap_or(' ');
        return Err(syntax(no, at, format!("unexpected `{c}` in the heading's attributes")));
    }
    if cur.bump() != Some('=') {
        let msg = format!(
            "attribute `{key}` without a value: write `{key}=value` (a title holding `{{` goes in `title=\"...\"`)"
        );
        return Err(syntax(no, at, msg));
    }
    let value = if cur.peek() == Some('"') {
        quoted(cur, no)?
    } else {
        let plain = cur.eat_while(not_end);
        if plain.is_empty() {
            let msg = format!("attribute `{key}=` has no value (write `{key}=\"\"` for an empty one)");
            return Err(syntax(no, at, msg));
        }
        plain.to_owned()
    };
    let slot = match key {
        "id" => &mut out.id,
        "decision_type" => &mut out.decision_type,
        "title" => &mut out.title,
        _ => {
            let msg = format!("unknown attribute `{key}` (known: #id, .entrenched, decision_type=, title=, id=)");
            return Err(syntax(no, at, msg));
        }
    };
    set(slot, value, key, no, at)
}

/// Reads a JSON string literal starting at the cursor.
fn quoted(cur: &mut Cursor<'_>, no: usize) -> Result<String, IntakeError> {
    let (start, at) = (cur.pos, cur.col());
    cur.bump();
    loop {
        match cur.bump() {
            None => return Err(syntax(no, at, "quoted attribute value without its closing `\"`")),
            Some('\\') => {
                cur.bump();
            }
            Some('"') => break,
            Some(_) => {}
        }
    }
    let raw = cur.line.get(start..cur.pos).unwrap_or("");
    serde_json::from_str(raw).map_err(|e| syntax(no, at, format!("bad quoted attribute value (a JSON string): {e}")))
}

fn set(slot: &mut Option<String>, value: String, key: &str, no: usize, at: usize) -> Result<(), IntakeError> {
    if slot.is_some() {
        // `#x` and `id=` fill the same slot; `set` is only called with these three keys.
        return Err(syntax(no, at, format!("`{key}` given twice in the heading's attributes")));
    }
    *slot = Some(value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_read() {
        let a = article("## Article 1 — Membership {#membership}", 1).expect("article");
        assert_eq!(a, ArticleHead { id: "membership".into(), title: "Membership".into() });
        let c = clause("### 1.1 Open membership {#open .entrenched decision_type=constitutional}", 1).expect("clause");
        assert_eq!(c.id, "open");
        assert_eq!(c.title.as_deref(), Some("Open membership"));
        assert!(c.entrenched);
        assert_eq!(c.decision_type.as_deref(), Some("constitutional"));
        let q = clause(r#"### 2.3 {id="a b" title="x {y}" decision_type="d\"q"}"#, 1).expect("quoted");
        assert_eq!(
            (q.id.as_str(), q.title.as_deref(), q.decision_type.as_deref()),
            ("a b", Some("x {y}"), Some("d\"q"))
        );
    }

    #[test]
    fn bad_attributes_are_named() {
        let e = clause("### 1.1 Title {#a .frozen}", 4).expect_err("class");
        assert_eq!(e.location.to_string(), "4:19");
        assert!(e.message.contains("`.frozen`"));
        assert!(clause("### 1.1 Title {#a", 1).is_err());
        assert!(clause("### 1.1 Title {#a} trailing", 1).is_err());
        assert!(clause("### 1.1 Title {#a #b}", 1).is_err());
        assert!(clause("### 1.1 Title {title=\"unterminated}", 1).is_err());
        assert!(article("## Article 1 {#a .entrenched}", 1).is_err());
        assert!(clause("### 1.1 Title <!-- {#a .frozen} -->", 1).is_err());
    }

    /// Attributes hidden in a trailing comment read like visible ones, and the writer uses
    /// them; a title holding the comment's markers still reads back exactly.
    #[test]
    fn hidden_attributes_read_and_are_written() {
        let a = article("## Article 2 — Treasury <!-- {#treasury} -->", 1).expect("article");
        assert_eq!(a, ArticleHead { id: "treasury".into(), title: "Treasury".into() });
        let c = clause("### 2.1 Spending {x} <!-- {#spend .entrenched decision_type=t} -->", 1).expect("clause");
        assert_eq!((c.id.as_str(), c.title.as_deref(), c.entrenched), ("spend", Some("Spending {x}"), true));
        let art = Article { id: "m".into(), title: "Membership".into(), clauses: vec![] };
        assert_eq!(render_article(1, &art), "## Article 1 — Membership <!-- {#m} -->");
        for title in ["a <!-- b", "x --> y", "{odd}", "<!-- {#z} -->"] {
            let art = Article { id: "m".into(), title: title.into(), clauses: vec![] };
            let line = render_article(3, &art);
            assert_eq!(article(&line, 1).expect(&line).title, title, "{line}");
        }
        assert!(is_appendix(APPENDIX));
        assert!(!is_appendix("## Appendix <!-- {#appendix} -->"));
    }
}
