//! A document as a list of blocks, written out twice: as Markdown and as a self-contained HTML
//! page. One model, two renderers, so both forms say the same thing; redlines are
//! `~~old~~ → **new**` in Markdown and `<del>`/`<ins>` in HTML.

/// One block of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of level 2 or 3 (the title is the page's only level 1).
    Heading(u8, String),
    /// A paragraph of plain text.
    Para(String),
    /// A bulleted list of plain text items.
    List(Vec<String>),
    /// A checklist: unticked `- [ ]` items.
    Checklist(Vec<String>),
    /// A table: header cells and rows of plain text cells.
    Table(Vec<String>, Vec<Vec<String>>),
    /// Redlines: a place, the old value, the new value, and the bump it calls for.
    Redlines(Vec<Redline>),
    /// Markdown written elsewhere (the constitution): Markdown as is, HTML through pulldown-cmark.
    Markdown(String),
}

/// One redline: what changed at a place.
#[derive(Debug, Clone, PartialEq)]
pub struct Redline {
    /// The place, for people (`decision_types › budget › quorum`).
    pub place: String,
    /// The older value, if the place existed.
    pub old: Option<String>,
    /// The newer value, if the place exists.
    pub new: Option<String>,
    /// `patch`, `minor` or `major`.
    pub bump: &'static str,
}

/// A document's title, its stamp and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The title (one line).
    pub title: String,
    /// Stamp rows: (label, value), shown under the title.
    pub stamp: Vec<(String, String)>,
    /// The body.
    pub blocks: Vec<Block>,
}

/// Escapes Markdown's inline syntax in plain text, and keeps it on one line.
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

fn md_redline(r: &Redline) -> String {
    match (&r.old, &r.new) {
        (Some(o), Some(n)) => format!("~~{}~~ → **{}**", md_text(o), md_text(n)),
        (Some(o), None) => format!("~~{}~~ (removed)", md_text(o)),
        (None, Some(n)) => format!("**{}** (added)", md_text(n)),
        (None, None) => String::new(),
    }
}

fn html_redline(r: &Redline) -> String {
    match (&r.old, &r.new) {
        (Some(o), Some(n)) => format!("<del>{}</del> → <ins>{}</ins>", html_text(o), html_text(n)),
        (Some(o), None) => format!("<del>{}</del> (removed)", html_text(o)),
        (None, Some(n)) => format!("<ins>{}</ins> (added)", html_text(n)),
        (None, None) => String::new(),
    }
}

fn md_table(out: &mut String, head: &[String], rows: &[Vec<String>], escape: bool) {
    let cell = |s: &String| if escape { md_text(s) } else { s.clone() };
    out.push_str(&format!("| {} |\n", head.iter().map(cell).collect::<Vec<_>>().join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
    for r in rows {
        out.push_str(&format!("| {} |\n", r.iter().map(cell).collect::<Vec<_>>().join(" | ")));
    }
}

impl Page {
    /// The Markdown form.
    pub fn markdown(&self) -> String {
        let mut out = format!("# {}\n\n", md_text(&self.title));
        let (head, row): (Vec<String>, Vec<String>) = self.stamp.iter().cloned().unzip();
        md_table(&mut out, &head, &[row], true);
        for b in &self.blocks {
            out.push('\n');
            match b {
                Block::Heading(level, t) => out.push_str(&format!("{} {}\n", "#".repeat(*level as usize), md_text(t))),
                Block::Para(t) => out.push_str(&format!("{}\n", md_text(t))),
                Block::List(items) => items.iter().for_each(|i| out.push_str(&format!("- {}\n", md_text(i)))),
                Block::Checklist(items) => items.iter().for_each(|i| out.push_str(&format!("- [ ] {}\n", md_text(i)))),
                Block::Table(head, rows) => md_table(&mut out, head, rows, true),
                Block::Redlines(rs) => {
                    let rows: Vec<Vec<String>> =
                        rs.iter().map(|r| vec![md_text(&r.place), md_redline(r), r.bump.to_owned()]).collect();
                    md_table(&mut out, &["Place".into(), "Change".into(), "Bump".into()], &rows, false);
                }
                Block::Markdown(m) => out.push_str(m.trim_end_matches('\n')),
            }
            if matches!(b, Block::Markdown(_)) {
                out.push('\n');
            }
        }
        out
    }

    /// The HTML form: one self-contained page with a small inline stylesheet, no script and
    /// nothing loaded from elsewhere.
    pub fn html(&self) -> String {
        let mut out = String::new();
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str(&format!(
            "<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
            html_text(&self.title)
        ));
        out.push_str(&format!("<h1>{}</h1>\n<table class=\"stamp\">\n", html_text(&self.title)));
        for (k, v) in &self.stamp {
            out.push_str(&format!("<tr><th>{}</th><td><code>{}</code></td></tr>\n", html_text(k), html_text(v)));
        }
        out.push_str("</table>\n");
        for b in &self.blocks {
            match b {
                Block::Heading(level, t) => out.push_str(&format!("<h{level}>{}</h{level}>\n", html_text(t))),
                Block::Para(t) => out.push_str(&format!("<p>{}</p>\n", html_text(t))),
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    items.iter().for_each(|i| out.push_str(&format!("<li>{}</li>\n", html_text(i))));
                    out.push_str("</ul>\n");
                }
                Block::Checklist(items) => {
                    out.push_str("<ul class=\"checklist\">\n");
                    for i in items {
                        out.push_str(&format!("<li><input type=\"checkbox\" disabled> {}</li>\n", html_text(i)));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Table(head, rows) => {
                    html_table(&mut out, head, rows.iter().map(|r| r.iter().map(|c| html_text(c)).collect()))
                }
                Block::Redlines(rs) => html_table(
                    &mut out,
                    &["Place".into(), "Change".into(), "Bump".into()],
                    rs.iter().map(|r| vec![html_text(&r.place), html_redline(r), r.bump.to_owned()]),
                ),
                Block::Markdown(m) => out.push_str(&markdown_to_html(m)),
            }
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

fn html_table(out: &mut String, head: &[String], rows: impl Iterator<Item = Vec<String>>) {
    out.push_str("<table>\n<thead><tr>");
    head.iter().for_each(|h| out.push_str(&format!("<th>{}</th>", html_text(h))));
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        out.push_str("<tr>");
        r.iter().for_each(|c| out.push_str(&format!("<td>{c}</td>")));
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Markdown to HTML with pulldown-cmark (tables, strikethrough, heading attributes); raw HTML
/// in the source is shown as text, so a clause cannot inject markup into the page.
pub fn markdown_to_html(md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, html};
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let events = Parser::new_ext(md, opts).map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d232b}
h1{font-size:1.6rem;border-bottom:2px solid #3d6b99;padding-bottom:.3rem}
h2{font-size:1.25rem;margin-top:2rem;color:#2c4f73}
h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.8rem 0;font-size:.92rem}
th,td{border:1px solid #c9d1da;padding:.3rem .6rem;text-align:left;vertical-align:top}
thead th,table.stamp th{background:#eef2f6}
code,pre{font-family:ui-monospace,'SFMono-Regular',Menlo,monospace;font-size:.88em}
pre{background:#f5f7f9;padding:.6rem;overflow-x:auto}
del{color:#a12a2a;background:#fbeaea}
ins{color:#1f6a33;background:#e8f6ec;text-decoration:none;font-weight:600}
ul.checklist{list-style:none;padding-left:1rem}
@media print{body{margin:0;max-width:none}}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_in_both_forms() {
        let p = Page {
            title: "A <b>|title".into(),
            stamp: vec![("Version".into(), "1.0.0".into())],
            blocks: vec![
                Block::Para("*not bold* <script>".into()),
                Block::Redlines(vec![Redline {
                    place: "q".into(),
                    old: Some("0.2".into()),
                    new: Some("0.3".into()),
                    bump: "patch",
                }]),
            ],
        };
        let md = p.markdown();
        assert!(md.contains("\\*not bold\\* \\<script\\>"), "{md}");
        assert!(md.contains("~~0.2~~ → **0.3**"), "{md}");
        let html = p.html();
        assert!(html.contains("&lt;script&gt;") && !html.contains("<script>"), "{html}");
        assert!(html.contains("<del>0.2</del> → <ins>0.3</ins>"), "{html}");
    }

    #[test]
    fn raw_html_in_markdown_is_shown_as_text() {
        let html = markdown_to_html("Hello <img src=x onerror=alert(1)>\n");
        assert!(!html.contains("<img"), "{html}");
    }
}
