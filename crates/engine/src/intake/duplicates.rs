//! Duplicate keys in JSON objects. serde_json keeps the last of two equal keys without a word,
//! so a reader that keeps the first (or refuses) would see another document than we do: a
//! design must say one thing. This is one pass over text that already passed the size and
//! depth limits, linear in its length; it allocates only for keys with escapes and for
//! objects with many keys.

use cogov_model::escape_pointer_token;
use std::borrow::Cow;
use std::collections::HashMap;

/// A line and column (both from 1; the column counts characters).
pub type Position = (usize, usize);

/// A key that appears twice in one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// JSON pointer of the object holding the key (`""` for the top level).
    pub object: String,
    /// The key, unescaped.
    pub key: String,
    /// Where the key first appears (its opening quote).
    pub first: Position,
    /// Where it appears again.
    pub again: Position,
}

impl DuplicateKey {
    /// JSON pointer of the member the parser kept (the last one).
    pub fn pointer(&self) -> String {
        format!("{}/{}", self.object, escape_pointer_token(&self.key))
    }
}

/// Objects up to this many keys are searched linearly; larger ones get a hash map.
const LINEAR: usize = 16;

enum Frame<'a> {
    Object { keys: Vec<(Cow<'a, str>, Position)>, index: Option<HashMap<Cow<'a, str>, Position>>, expect_key: bool },
    Array { index: usize },
}

impl<'a> Frame<'a> {
    /// Records `key` as the member being read; returns where it was seen before, if it was.
    fn insert(&mut self, key: Cow<'a, str>, at: Position) -> Option<Position> {
        let Frame::Object { keys, index, .. } = self else { return None };
        if index.is_none() && keys.len() >= LINEAR {
            let mut map = HashMap::with_capacity(keys.len() * 2);
            for (k, p) in keys.iter() {
                map.entry(k.clone()).or_insert(*p);
            }
            *index = Some(map);
        }
        let seen = match index {
            Some(map) => match map.get(&key) {
                Some(&p) => Some(p),
                None => {
                    map.insert(key.clone(), at);
                    None
                }
            },
            None => keys.iter().find(|(k, _)| *k == key).map(|(_, p)| *p),
        };
        // Kept even when seen: the last key is the member whose value is being read.
        keys.push((key, at));
        seen
    }
}

/// Every duplicate key of well-formed JSON `text`, in the order the second occurrences appear.
/// On malformed text it reports what it can and never panics (the parser names the syntax error).
pub fn find(text: &str) -> Vec<DuplicateKey> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let (mut line, mut col) = (1usize, 0usize);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        col += 1;
        match c {
            '\n' => {
                line += 1;
                col = 0;
            }
            '{' => stack.push(Frame::Object { keys: Vec::new(), index: None, expect_key: true }),
            '[' => stack.push(Frame::Array { index: 0 }),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            ':' => {
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = false;
                }
            }
            '"' => {
                let at = (line, col);
                // Scan to the closing quote; strings hold no raw newline in valid JSON.
                let (mut escaped, mut has_escape, mut end) = (false, false, text.len());
                for (j, d) in chars.by_ref() {
                    col += 1;
                    match (escaped, d) {
                        (true, _) => escaped = false,
                        (false, '\\') => {
                            escaped = true;
                            has_escape = true;
                        }
                        (false, '"') => {
                            end = j;
                            break;
                        }
                        (false, '\n') => {
                            line += 1;
                            col = 0;
                        }
                        _ => {}
                    }
                }
                let is_key = matches!(stack.last(), Some(Frame::Object { expect_key: true, .. }));
                if !is_key {
                    continue;
                }
                let raw = text.get(i + 1..end).unwrap_or_default();
                let key = if has_escape { Cow::Owned(unescape(raw)) } else { Cow::Borrowed(raw) };
                let Some(top) = stack.last_mut() else { continue };
                if let Some(first) = top.insert(key.clone(), at) {
                    let object = pointer(&stack[..stack.len() - 1]);
                    out.push(DuplicateKey { object, key: key.into_owned(), first, again: at });
                }
            }
            _ => {}
        }
    }
    out
}

/// The pointer of the innermost frame of `outer` followed by the current member of each frame.
fn pointer(outer: &[Frame<'_>]) -> String {
    let mut s = String::new();
    for f in outer {
        s.push('/');
        match f {
            Frame::Object { keys, .. } => {
                // The member being read is the last key recorded.
                s.push_str(&escape_pointer_token(keys.last().map_or("", |(k, _)| k.as_ref())));
            }
            Frame::Array { index } => s.push_str(&index.to_string()),
        }
    }
    s
}

/// The value of a JSON string's contents (between the quotes); invalid escapes are kept as
/// written (the parser refuses them anyway).
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut it = raw.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = it.by_ref().take(4).collect();
                let hi = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
                let code = if (0xD800..0xDC00).contains(&hi) {
                    // A surrogate pair: `\uD83D\uDE00`.
                    let rest: String = it.clone().take(6).collect();
                    match rest.strip_prefix("\\u").and_then(|h| u32::from_str_radix(h, 16).ok()) {
                        Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                            it.by_ref().take(6).for_each(drop);
                            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                        }
                        _ => 0xFFFD,
                    }
                } else {
                    hi
                };
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_object_the_key_and_both_places() {
        let text = "{\n  \"a\": 1,\n  \"b\": {\"x\": [1, {\"k\": 1, \"k\": 2}]},\n  \"a\": 3\n}";
        let d = find(text);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].object.as_str(), d[0].key.as_str()), ("/b/x/1", "k"));
        assert_eq!((d[0].first, d[0].again), ((3, 19), (3, 27)));
        assert_eq!(d[0].pointer(), "/b/x/1/k");
        assert_eq!((d[1].object.as_str(), d[1].key.as_str(), d[1].first, d[1].again), ("", "a", (2, 3), (4, 3)));
    }

    #[test]
    fn escaped_spellings_of_one_key_are_the_same_key() {
        let d = find(r#"{"a/b": 1, "a\/b": 2, "\u00e9": 1, "é": 2, "😀": 1, "\ud83d\ude00": 2}"#);
        let keys: Vec<&str> = d.iter().map(|x| x.key.as_str()).collect();
        assert_eq!(keys, ["a/b", "é", "😀"]);
        assert_eq!(d[0].pointer(), "/a~1b");
    }

    #[test]
    fn values_equal_to_keys_and_keys_in_other_objects_are_not_duplicates() {
        assert!(find(r#"{"a": "a", "b": {"a": 1}, "c": [{"a": 1}, {"a": 2}], "d": "\"a\""}"#).is_empty());
    }

    #[test]
    fn large_objects_switch_to_a_map_and_still_find_the_duplicate() {
        let mut text = String::from("{");
        for i in 0..100 {
            text.push_str(&format!("\"k{i}\": {i}, "));
        }
        text.push_str("\"k7\": 0, \"k99\": 1}");
        let keys: Vec<String> = find(&text).into_iter().map(|d| d.key).collect();
        assert_eq!(keys, ["k7", "k99"]);
    }

    #[test]
    fn malformed_text_does_not_panic() {
        for t in ["{\"a", "}}]]", "{\"a\":1,\"a\"", "\"\\u12", "{\"\\ud800\":1,\"\\ud800\":2}"] {
            let _ = find(t);
        }
    }
}
