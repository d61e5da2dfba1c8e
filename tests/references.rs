//! The schema's reference marks (`x-samplan-ref`, `x-samplan-ord`) against what the
//! rules check, both ways, over every example case: every value at a marked key is an
//! id of the list the mark names (or one of its words), and a string key is marked
//! exactly when an unknown id put there is reported by a reference rule. The workbench
//! builds its choices from the marks, so a wrong or missing mark is a wrong choice list.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

mod common;
use common::ROOT;

/// The rules that report a reference to something the case does not have.
const REFERENCE_RULES: &[&str] = &["SIP-ID-FINNS", "SIP-SAMTYCKE-GIVET-AV"];

fn schema() -> Json {
    serde_json::from_str(&std::fs::read_to_string(Path::new(ROOT).join("samplan.schema.json")).unwrap()).unwrap()
}

fn resolve<'a>(schema: &'a Json, mut node: &'a Json) -> &'a Json {
    for _ in 0..16 {
        if let Some(r) = node.get("$ref").and_then(Json::as_str) {
            node = &schema["$defs"][r.trim_start_matches("#/$defs/")];
        } else if let Some(any) = node.get("anyOf").and_then(Json::as_array) {
            node = any.iter().find(|o| o.get("type") != Some(&Json::from("null"))).unwrap_or(&any[0]);
        } else {
            break;
        }
    }
    node
}

/// A string value in a case: its key path as the rules write it, the same with every
/// index as `[]`, and the schema node of the key that holds it (where marks sit).
struct Leaf {
    path: String,
    general: String,
    value: String,
    field: Json,
}

fn leaves(schema: &Json, node: &Json, value: &Yaml, path: &str, general: &str, field: &Json, out: &mut Vec<Leaf>) {
    let resolved = resolve(schema, node);
    match value {
        Yaml::Mapping(map) => {
            for (k, v) in map {
                let Some(k) = k.as_str() else { continue };
                let Some(child) = resolved.get("properties").and_then(|p| p.get(k)) else { continue };
                let p = if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
                let g = if general.is_empty() { k.to_string() } else { format!("{general}.{k}") };
                leaves(schema, child, v, &p, &g, child, out);
            }
        }
        Yaml::Sequence(items) => {
            let Some(item) = resolved.get("items") else { return };
            for (i, v) in items.iter().enumerate() {
                // An item of a list of strings is marked on the list's own key.
                let holder = if v.is_string() { field } else { item };
                leaves(schema, item, v, &format!("{path}[{i}]"), &format!("{general}[]"), holder, out);
            }
        }
        Yaml::String(s) => {
            out.push(Leaf { path: path.into(), general: general.into(), value: s.clone(), field: field.clone() })
        }
        _ => {}
    }
}

fn examples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(Path::new(ROOT).join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn case_leaves(schema: &Json, text: &str) -> (Yaml, Vec<Leaf>) {
    let value: Yaml = serde_yaml::from_str(text).unwrap();
    let root = schema["$defs"].get("PlanCase").unwrap().clone();
    let mut out = Vec::new();
    leaves(schema, &root, &value, "", "", &root, &mut out);
    (value, out)
}

fn ids(list: Option<&Yaml>) -> Vec<String> {
    list.and_then(Yaml::as_sequence)
        .map(|s| s.iter().filter_map(|x| x.get("id").and_then(Yaml::as_str)).map(String::from).collect())
        .unwrap_or_default()
}

#[test]
fn every_marked_value_is_an_id_of_the_list_its_mark_names() {
    let schema = schema();
    let mut marked_seen = BTreeSet::new();
    for (file, text) in examples() {
        let (case, leaves) = case_leaves(&schema, &text);
        let person = case.get("person");
        let staff = ids(case.get("deltagare"));
        let representatives = ids(person.and_then(|p| p.get("företrädare")));
        let relatives = ids(person.and_then(|p| p.get("närstående")));
        for leaf in leaves {
            let Some(kind) = leaf.field.get("x-samplan-ref").and_then(Json::as_str) else { continue };
            marked_seen.insert(leaf.general.clone());
            let mut allowed: Vec<String> = match kind {
                "organisationer" => ids(case.get("organisationer")),
                "deltagare" => staff.clone(),
                "företrädare" => representatives.clone(),
                "närstående" => relatives.clone(),
                "personer" => [staff.clone(), representatives.clone(), relatives.clone()].concat(),
                other => panic!("{file}: {}: unknown x-samplan-ref {other}", leaf.path),
            };
            for word in leaf.field.get("x-samplan-ord").and_then(Json::as_array).into_iter().flatten() {
                allowed.push(word.as_str().unwrap().to_string());
            }
            assert!(
                allowed.contains(&leaf.value),
                "{file}: {} = {} is not among {kind}: {allowed:?}",
                leaf.path,
                leaf.value
            );
        }
    }
    // The examples use most marked keys (not `samtycke.närstående`, which no example has).
    assert!(marked_seen.len() >= 12, "{marked_seen:?}");
}

#[test]
fn a_key_is_marked_exactly_when_the_rules_check_it_as_a_reference() {
    let schema = schema();
    let mut marked = BTreeSet::new();
    let mut checked = BTreeSet::new();
    for (file, text) in examples() {
        let (case, leaves) = case_leaves(&schema, &text);
        for leaf in &leaves {
            if leaf.field.get("x-samplan-ref").is_some() {
                marked.insert(leaf.general.clone());
            }
            // Ids themselves and free texts are not references; an id replaced would
            // break the references to it elsewhere, never at its own place.
            let mut edited = case.clone();
            set(&mut edited, &leaf.path, "finns-inte-x");
            let yaml = serde_yaml::to_string(&edited).unwrap();
            let found = samplan::check::check_text(&file, &yaml);
            if found.diagnostics.iter().any(|d| d.path == leaf.path && REFERENCE_RULES.contains(&d.rule.as_str())) {
                checked.insert(leaf.general.clone());
            }
        }
    }
    assert_eq!(marked, checked, "marked in the schema (left) against reported by the reference rules (right)");
}

/// Sets the string at `path` (`a.b[2].c`) in `value`.
fn set(value: &mut Yaml, path: &str, to: &str) {
    let mut node = value;
    for part in path.split('.') {
        let (key, indices) = part.split_once('[').map_or((part, ""), |(k, rest)| (k, rest));
        node = node.get_mut(key).unwrap();
        for index in indices.split('[').filter(|s| !s.is_empty()) {
            node = node.get_mut(index.trim_end_matches(']').parse::<usize>().unwrap()).unwrap();
        }
    }
    *node = Yaml::String(to.to_string());
}
