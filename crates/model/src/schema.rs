//! Post-processing of generated JSON Schemas so that validators report precise errors.
//!
//! schemars renders Rust enums as `oneOf`; a validator can only say "not valid under any
//! of the schemas" about a `oneOf`. Two rewrites keep the meaning and sharpen the errors:
//! a `oneOf` of string constants becomes an `enum`, and a `oneOf` of objects tagged by
//! `kind` becomes an `enum` on `kind` plus one `if`/`then` per variant. Optional fields lose
//! their `null` alternative: in a GCO an absent field is omitted, and without the null
//! branch validators report the real type error instead of "not valid under anyOf".

use serde_json::{Map, Value, json};

/// Rewrites every `oneOf` of constants or of `kind`-tagged objects, recursively.
pub fn refine(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            for v in map.values_mut() {
                refine(v);
            }
            drop_null_alternative(map);
            bound_unsigned(map);
            if let Some(Value::Array(branches)) = map.get("oneOf") {
                // A `oneOf` beside an object's own properties (a flattened enum) is left as it
                // is: replacing it would drop those properties.
                let tagged = if map.contains_key("properties") { None } else { tagged(branches) };
                if let Some(replacement) = const_enum(branches).or(tagged) {
                    map.remove("oneOf");
                    for (k, v) in replacement {
                        map.insert(k, v);
                    }
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(refine),
        _ => {}
    }
}

/// schemars marks unsigned integers with a `format` and a minimum only; the maximum makes an
/// overflowing value a range finding instead of a failed typed read.
fn bound_unsigned(map: &mut Map<String, Value>) {
    let max = match map.get("format").and_then(Value::as_str) {
        Some("uint32") => json!(u32::MAX),
        Some("uint64") => json!(1u64 << 53),
        _ => return,
    };
    map.entry("maximum").or_insert(max);
}

fn drop_null_alternative(map: &mut Map<String, Value>) {
    let is_null = |v: &Value| v.get("type") == Some(&json!("null"));
    if let Some(Value::Array(types)) = map.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            map.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(branches)) = map.get("anyOf") {
        if branches.len() == 2 && branches.iter().any(is_null) {
            let other = branches.iter().find(|b| !is_null(b)).cloned();
            map.remove("anyOf");
            if let Some(Value::Object(o)) = other {
                for (k, v) in o {
                    map.entry(k).or_insert(v);
                }
            }
        }
    }
}

fn const_enum(branches: &[Value]) -> Option<Map<String, Value>> {
    let mut values = Vec::new();
    let mut docs = Vec::new();
    for b in branches {
        let c = b.get("const")?.as_str()?;
        values.push(Value::String(c.to_owned()));
        if let Some(d) = b.get("description").and_then(Value::as_str) {
            docs.push(format!("`{c}`: {d}"));
        }
    }
    let mut m = Map::new();
    m.insert("type".into(), json!("string"));
    m.insert("enum".into(), Value::Array(values));
    if !docs.is_empty() {
        m.insert("x-enum-descriptions".into(), json!(docs));
    }
    Some(m)
}

fn tagged(branches: &[Value]) -> Option<Map<String, Value>> {
    let mut kinds = Vec::new();
    let mut all_of = Vec::new();
    for b in branches {
        let kind = b.pointer("/properties/kind/const")?.as_str()?.to_owned();
        all_of.push(json!({
            "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
            "then": b,
        }));
        kinds.push(Value::String(kind));
    }
    let mut m = Map::new();
    m.insert("type".into(), json!("object"));
    m.insert("required".into(), json!(["kind"]));
    m.insert("properties".into(), json!({"kind": {"type": "string", "enum": kinds}}));
    m.insert("allOf".into(), Value::Array(all_of));
    Some(m)
}
