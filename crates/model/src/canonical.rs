//! Canonical JSON (RFC 8785, the JSON Canonicalization Scheme) and the `sha256:` fingerprint.
//!
//! The fingerprint is taken over the canonical bytes of the *typed* GCO, so key order,
//! whitespace, number spelling and omitted defaults do not change it.

use serde_json::{Map, Number, Value};
use sha2::{Digest, Sha256};

/// Largest integer a double holds exactly (2^53); beyond it JCS formats the double.
const MAX_SAFE_INT: u64 = 1 << 53;

/// Writes `value` in canonical form (RFC 8785): sorted keys, no whitespace, ECMAScript numbers.
pub fn to_canonical_string(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

/// The fingerprint of canonical bytes: `sha256:<64 lowercase hex digits>`.
pub fn fingerprint_bytes(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(7 + 64);
    s.push_str("sha256:");
    for b in digest.iter() {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    s
}

/// The fingerprint of a JSON value: the SHA-256 of its canonical form.
pub fn fingerprint_value(value: &Value) -> String {
    fingerprint_bytes(to_canonical_string(value).as_bytes())
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Rewrites floats that hold an integer (`1.0`, `1e2`) as integers, recursively,
/// so that integer-typed fields accept every spelling of the same number.
pub fn normalize_numbers(value: &mut Value) {
    match value {
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                if f.fract() == 0.0 && f.abs() <= MAX_SAFE_INT as f64 {
                    // The cast is exact: |f| <= 2^53 and f is integral.
                    #[allow(clippy::cast_possible_truncation)]
                    let i = f as i64;
                    *n = if i >= 0 { Number::from(i as u64) } else { Number::from(i) };
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize_numbers),
        Value::Object(map) => map.values_mut().for_each(normalize_numbers),
        _ => {}
    }
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => write_object(map, out),
    }
}

fn write_object(map: &Map<String, Value>, out: &mut String) {
    // RFC 8785 sorts keys by their UTF-16 code units. serde_json's map iterates in byte
    // order, which is the same order whenever every key is ASCII: sort only otherwise.
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    if !entries.iter().all(|(k, _)| k.is_ascii()) || !entries.is_sorted_by(|a, b| a.0 <= b.0) {
        entries.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    }
    out.push('{');
    for (i, (k, v)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(k, out);
        out.push(':');
        write_value(v, out);
    }
    out.push('}');
}

fn write_number(n: &Number, out: &mut String) {
    if let Some(u) = n.as_u64().filter(|u| *u <= MAX_SAFE_INT) {
        out.push_str(&u.to_string());
    } else if let Some(i) = n.as_i64().filter(|i| i.unsigned_abs() <= MAX_SAFE_INT) {
        out.push_str(&i.to_string());
    } else {
        let f = n.as_f64().unwrap_or(0.0);
        if f == 0.0 {
            // ECMAScript prints -0 as "0".
            out.push('0');
        } else {
            let mut buf = ryu_js::Buffer::new();
            out.push_str(buf.format_finite(f));
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let code = u32::from(c);
                out.push_str("\\u00");
                out.push(char::from(HEX[(code >> 4) as usize]));
                out.push(char::from(HEX[(code & 0xf) as usize]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn canon(text: &str) -> String {
        let mut v: Value = serde_json::from_str(text).expect("test JSON");
        normalize_numbers(&mut v);
        to_canonical_string(&v)
    }

    #[test]
    fn rfc8785_number_examples() {
        // Values from RFC 8785, appendix B.
        let cases = [
            ("0", "0"),
            ("-0.0", "0"),
            ("1e0", "1"),
            ("1.0", "1"),
            ("5e-324", "5e-324"),
            ("1.7976931348623157e308", "1.7976931348623157e+308"),
            ("9007199254740992", "9007199254740992"),
            ("1e21", "1e+21"),
            ("1e20", "100000000000000000000"),
            ("0.000001", "0.000001"),
            ("1e-7", "1e-7"),
            ("333333333.3333333", "333333333.3333333"),
            ("-1.5", "-1.5"),
        ];
        for (input, want) in cases {
            assert_eq!(canon(input), want, "input {input}");
        }
    }

    #[test]
    fn keys_sort_by_utf16_and_strings_escape_like_ecmascript() {
        let v = json!({"b": 1, "a": "x\u{1}\n\"\\é", "\u{1F600}": 0, "\u{FB33}": 1});
        assert_eq!(to_canonical_string(&v), "{\"a\":\"x\\u0001\\n\\\"\\\\é\",\"b\":1,\"\u{1F600}\":0,\"\u{FB33}\":1}");
    }

    #[test]
    fn fingerprint_ignores_order_whitespace_and_number_spelling() {
        let a = canon(r#"{"x": [1, 2.50, {"q": 1e1, "p": true}], "y": null}"#);
        let b = canon("{\"y\":null,\n \"x\":[1.0,2.5,{\"p\":true,\"q\":10}]}");
        assert_eq!(a, b);
        assert_eq!(fingerprint_bytes(a.as_bytes()), fingerprint_bytes(b.as_bytes()));
        assert!(fingerprint_bytes(b"").starts_with("sha256:e3b0c442"));
    }
}
