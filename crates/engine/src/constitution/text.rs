//! Preamble and clause text: the escaping rule and the normalisation, shared by both
//! directions so that the writer can check that what it writes reads back exactly.
//!
//! Reading: a line starting with `\` is *escaped*: the `\` is dropped and the rest is kept
//! verbatim. Unescaped lines lose trailing whitespace (the first one also its leading
//! whitespace); blank lines at both ends are dropped and a run of blank lines is one
//! paragraph break.

/// One text line of the document.
#[derive(Debug, Clone, Copy)]
pub(super) struct TextLine<'a> {
    /// The line started with `\`: it is never blank and never trimmed.
    escaped: bool,
    /// The line without its escaping `\`.
    content: &'a str,
}

impl<'a> TextLine<'a> {
    /// A paragraph break that is not in the document (where a block was taken out).
    pub(super) const BREAK: TextLine<'static> = TextLine { escaped: false, content: "" };

    /// Reads a document line as text.
    pub(super) fn read(line: &'a str) -> Self {
        match line.strip_prefix('\\') {
            Some(rest) => TextLine { escaped: true, content: rest },
            None => TextLine { escaped: false, content: line },
        }
    }

    /// Whether the line only separates paragraphs.
    pub(super) fn is_blank(&self) -> bool {
        !self.escaped && self.content.trim().is_empty()
    }
}

/// The text the lines say.
pub(super) fn join(lines: &[TextLine<'_>]) -> String {
    let mut out = String::new();
    let (mut started, mut gap) = (false, false);
    for l in lines {
        if l.is_blank() {
            gap = started;
            continue;
        }
        if started {
            out.push('\n');
            if gap {
                out.push('\n');
            }
        }
        let c = if l.escaped { l.content } else { l.content.trim_end() };
        out.push_str(if !started && !l.escaped { c.trim_start() } else { c });
        (started, gap) = (true, false);
    }
    out
}

/// The document lines for `text`, or `None` when lines cannot carry it exactly (a line
/// ending in a carriage return): the writer then uses a `cogov text` block.
pub(super) fn render(text: &str) -> Option<Vec<String>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    let parts: Vec<&str> = text.split('\n').collect();
    let last = parts.len().saturating_sub(1);
    let mut out = Vec::with_capacity(parts.len());
    let mut prev_empty = false;
    for (k, p) in parts.iter().enumerate() {
        // An unescaped empty line is a paragraph break, so only a lone one between two
        // lines stays as it is; every other empty line is escaped to a bare `\`.
        let lone_break = p.is_empty() && k != 0 && k != last && !prev_empty;
        let escape = p.starts_with(['#', '\\'])
            || p.starts_with("```")
            || p.ends_with(char::is_whitespace)
            || (k == 0 && p.starts_with(char::is_whitespace))
            || (p.is_empty() && !lone_break);
        out.push(if escape { format!("\\{p}") } else { (*p).to_owned() });
        prev_empty = p.is_empty();
    }
    // The reader strips a carriage return before a line feed; check the result reads back.
    let back: Vec<TextLine<'_>> = out.iter().map(|l| TextLine::read(l.strip_suffix('\r').unwrap_or(l))).collect();
    (join(&back) == text).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(text: &str) -> Option<String> {
        let lines = render(text)?;
        let back: Vec<TextLine<'_>> = lines.iter().map(|l| TextLine::read(l)).collect();
        Some(join(&back))
    }

    #[test]
    fn tricky_texts_read_back() {
        for t in ["", "a", "\n", "a\n\n\nb", " x ", "# h\n```\n\\", "a\n", "\na", "  \n\t", "a\n\nb"] {
            assert_eq!(round(t).as_deref(), Some(t), "{t:?}");
        }
        assert_eq!(render("a\r\nb"), None);
    }

    #[test]
    fn hand_written_text_is_normalised() {
        let lines = ["", "  First line  ", "second", "", "", "third", ""];
        let read: Vec<TextLine<'_>> = lines.iter().map(|l| TextLine::read(l)).collect();
        assert_eq!(join(&read), "First line\nsecond\n\nthird");
    }
}
