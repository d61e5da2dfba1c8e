//! The required-field rule: every field a routine lists under `obligatoriskt` must be
//! present and not empty. Paths are walked over the case as JSON; `[]` expands to every
//! element of a list, so `plan.mål[].insatser[].ansvarig` checks every intervention.

use serde_json::Value;

use super::Finding;
use crate::routine::Routine;

/// The id of the required-field rule.
pub const REQUIRED_FIELD_RULE: &str = "RUTIN-OBLIGATORISKT";

/// Findings for every required field of `routine` that is missing or empty in `json`.
/// While the first meeting is only called (`status: kallad`), only what the invitations
/// need is required.
pub fn required_field_findings(json: &Value, routine: &Routine) -> Vec<Finding> {
    let called = json.get("status").and_then(Value::as_str) == Some("kallad");
    let mut findings = Vec::new();
    for field in routine.required.iter().filter(|f| !called || super::process::needed_before_the_plan(&f.path)) {
        let segments: Vec<&str> = field.path.split('.').collect();
        walk(json, &segments, String::new(), &mut |path| {
            findings.push(Finding::new(
                path.clone(),
                format!("`{path}` saknas eller är tomt. Rutinen {} kräver det: {}", routine.id(), field.reason),
            ));
        });
    }
    findings
}

/// Walks `segments` from `value`; calls `missing` with the concrete path of each
/// required leaf that is absent or empty. A missing list under `[]` yields nothing (the
/// list's own requirement reports it).
fn walk(value: &Value, segments: &[&str], prefix: String, missing: &mut dyn FnMut(String)) {
    let Some((first, rest)) = segments.split_first() else {
        return;
    };
    let (key, each) = match first.strip_suffix("[]") {
        Some(k) => (k, true),
        None => (*first, false),
    };
    let path = if prefix.is_empty() { key.to_string() } else { format!("{prefix}.{key}") };
    let child = value.get(key).unwrap_or(&Value::Null);
    if each {
        if let Value::Array(items) = child {
            for (i, item) in items.iter().enumerate() {
                walk_item(item, rest, format!("{path}[{i}]"), missing);
            }
        }
        return;
    }
    if rest.is_empty() {
        if is_empty(child) {
            missing(path);
        }
    } else {
        walk(child, rest, path, missing);
    }
}

fn walk_item(item: &Value, rest: &[&str], path: String, missing: &mut dyn FnMut(String)) {
    if rest.is_empty() {
        if is_empty(item) {
            missing(path);
        }
    } else {
        walk(item, rest, path, missing);
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// The id of the text-length rule.
pub const TEXT_LENGTH_RULE: &str = "SIP-TEXTLANGD";

/// Longest text a case field may hold: a long plan section is a few thousand characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Findings for every text value longer than [`MAX_TEXT_CHARS`].
pub fn overlong_texts(json: &Value) -> Vec<Finding> {
    let mut out = Vec::new();
    walk_strings(json, String::new(), &mut |path, s| {
        let n = s.chars().count();
        if n > MAX_TEXT_CHARS {
            out.push(Finding::new(
                path,
                format!("texten har {n} tecken; högst {MAX_TEXT_CHARS} tecken får stå i ett fält"),
            ));
        }
    });
    out
}

fn walk_strings(value: &Value, path: String, f: &mut dyn FnMut(String, &str)) {
    match value {
        Value::String(s) => f(path, s),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_strings(item, format!("{path}[{i}]"), f);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                walk_strings(v, if path.is_empty() { k.clone() } else { format!("{path}.{k}") }, f);
            }
        }
        _ => {}
    }
}

/// The id of the rule on characters no embedded font can show.
pub const CHARACTER_RULE: &str = "SIP-TECKEN";

/// Findings for text with characters that no font samplan embeds can show (emoji,
/// scripts other than Latin, Greek and Cyrillic, control characters): the PDF would
/// fail its accessibility standard, so `check` says which character and where.
pub fn unprintable_characters(json: &Value) -> Vec<Finding> {
    let mut out = Vec::new();
    walk_strings(json, String::new(), &mut |path, s| {
        let simple = |c: char| c.is_ascii() || ('\u{a0}'..='\u{17f}').contains(&c);
        if s.chars().all(simple) {
            return;
        }
        let fonts = crate::render::Fonts::shared();
        let bad: Vec<char> = s.chars().filter(|&c| !simple(c) && !fonts.covers(c)).collect();
        if let Some(&first) = bad.first() {
            out.push(Finding::new(
                path,
                format!(
                    "tecknet {}(U+{:04X}){} kan inte skrivas i dokumenten; ta bort det eller skriv det med vanliga bokstäver",
                    if first.is_control() || ('\u{2000}'..='\u{206f}').contains(&first) {
                        String::new()
                    } else {
                        format!("”{first}” ")
                    },
                    first as u32,
                    if bad.len() > 1 { format!(" och {} tecken till", bad.len() - 1) } else { String::new() }
                ),
            ));
        }
    });
    out
}

/// The id of the unfilled-placeholder rule.
pub const PLACEHOLDER_RULE: &str = "SIP-PLATSHALLARE";

/// Findings for every text value that is still a `samplan new` placeholder.
pub fn placeholder_findings(json: &Value) -> Vec<Finding> {
    let mut out = Vec::new();
    find_placeholders(json, String::new(), &mut out);
    out
}

fn find_placeholders(value: &Value, path: String, out: &mut Vec<Finding>) {
    match value {
        Value::String(s) if crate::skeleton::is_placeholder(s) => {
            let hint = s.trim_start_matches('<').trim_end_matches('>').trim_start_matches("FYLL I:").trim();
            out.push(Finding::new(path, format!("fyll i värdet ({hint})")));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                find_placeholders(item, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let child = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                find_placeholders(v, child, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::Routines;
    use serde_json::json;

    fn paths(json: &Value, routine: &str) -> Vec<String> {
        let r = Routines::builtin().get(routine).unwrap();
        required_field_findings(json, r).into_iter().map(|f| f.path).collect()
    }

    #[test]
    fn wildcards_expand_to_every_element() {
        let case = json!({"plan": {"mål": [
            {"insatser": [{"ansvarig": "a", "beslutad": true}, {"beslutad": false}]},
            {"insatser": []}
        ]}});
        let found = paths(&case, "vgr-2009");
        assert!(found.contains(&"plan.mål[0].insatser[1].ansvarig".to_string()), "{found:?}");
        assert!(!found.contains(&"plan.mål[0].insatser[0].ansvarig".to_string()));
        assert!(!found.iter().any(|p| p.contains("beslutad")), "false is a value: {found:?}");
        assert!(found.contains(&"plan.mål[1].insatser".to_string()));
    }

    #[test]
    fn blank_text_counts_as_missing() {
        let case = json!({"plan": {"nuläge": "  "}});
        assert!(paths(&case, "vgr-2009").contains(&"plan.nuläge".to_string()));
        let case = json!({"plan": {"nuläge": "Behöver stöd."}});
        assert!(!paths(&case, "vgr-2009").contains(&"plan.nuläge".to_string()));
    }
}
