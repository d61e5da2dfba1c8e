//! The JSON Schema (draft 2020-12) of both kinds of case file, made from the case model
//! so it cannot drift from what samplan accepts. Editors with a YAML language server use
//! it to complete and check case files as they are written; samplan itself walks it
//! ([`Schema`]) wherever it needs to know the shape of a case file from the data rather
//! than from a list written by hand.
//!
//! Its regular expressions keep to the subset of ECMA-262 that JSON Schema recommends
//! for interoperability (no `\p{…}` classes, no `\d`), so that every validator reads
//! them alike.

use std::sync::OnceLock;

use schemars::schema_for;
use serde_json::{Map, Value, json};

use crate::case::{FileKind, InfoCase, PlanCase};

/// The schema as JSON.
pub fn case_schema() -> Value {
    let mut defs = Map::new();
    let mut plan = serde_json::to_value(schema_for!(PlanCase)).unwrap_or_default();
    let mut info = serde_json::to_value(schema_for!(InfoCase)).unwrap_or_default();
    for (name, schema) in [("PlanCase", &mut plan), ("InfoCase", &mut info)] {
        if let Some(obj) = schema.as_object_mut() {
            obj.remove("$schema");
            if let Some(Value::Object(inner)) = obj.remove("$defs") {
                defs.extend(inner);
            }
            defs.insert(name.to_string(), Value::Object(obj.clone()));
        }
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://samplan.invalid/schema/arendefil.json",
        "title": "samplan ärendefil",
        "description": "En ärendefil för samplan: en SIP (typ: plan, standard) eller ett informationsblad (typ: information).",
        "anyOf": [
            { "$ref": "#/$defs/PlanCase" },
            { "$ref": "#/$defs/InfoCase" }
        ],
        "$defs": Value::Object(defs),
    })
}

/// One step of a key path: a mapping key or a list position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A key in a mapping.
    Key(String),
    /// A position in a list, from 0.
    Index(usize),
}

/// A key path as diagnostics write it: `plan.mål[0].insatser[1].utförare`.
pub fn path_text(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The case schema, to be walked: what lies at a key path, whether a key is required,
/// and the smallest value of a given shape.
pub struct Schema {
    root: Value,
}

impl Schema {
    /// The process-wide instance.
    pub fn shared() -> &'static Schema {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        SCHEMA.get_or_init(|| Schema { root: case_schema() })
    }

    /// The schema of a whole file of `kind`.
    pub fn file(&self, kind: FileKind) -> &Value {
        let name = match kind {
            FileKind::Plan => "PlanCase",
            FileKind::Information => "InfoCase",
        };
        &self.root["$defs"][name]
    }

    /// `node` with its `$ref` followed and an optional (`anyOf` with null) unwrapped.
    pub fn resolve<'a>(&'a self, node: &'a Value) -> &'a Value {
        let mut node = node;
        for _ in 0..16 {
            if let Some(target) = node.get("$ref").and_then(Value::as_str) {
                let name = target.trim_start_matches("#/$defs/");
                node = &self.root["$defs"][name];
            } else if let Some(options) = node.get("anyOf").and_then(Value::as_array)
                && let Some(first) = options.iter().find(|o| o.get("type") != Some(&json!("null")))
            {
                node = first;
            } else {
                break;
            }
        }
        node
    }

    /// The schema of the value one step below `node`.
    pub fn child<'a>(&'a self, node: &'a Value, step: &Step) -> Option<&'a Value> {
        let node = self.resolve(node);
        match step {
            Step::Key(k) => node.get("properties")?.get(k),
            Step::Index(_) => node.get("items"),
        }
    }

    /// The schema at `steps` below the schema of a file of `kind`.
    pub fn at(&self, kind: FileKind, steps: &[Step]) -> Option<&Value> {
        steps.iter().try_fold(self.file(kind), |node, step| self.child(node, step))
    }

    /// Whether `key` must be present in a mapping of schema `node`.
    pub fn is_required(&self, node: &Value, key: &str) -> bool {
        let node = self.resolve(node);
        node.get("required").and_then(Value::as_array).is_some_and(|r| r.iter().any(|k| k == key))
    }

    /// The name of the definition `node` refers to (`Date`, `Principal` …), if any.
    pub fn definition<'a>(&self, node: &'a Value) -> Option<&'a str> {
        let direct = node.get("$ref").and_then(Value::as_str);
        let optional = node
            .get("anyOf")
            .and_then(Value::as_array)
            .and_then(|options| options.iter().find_map(|o| o.get("$ref").and_then(Value::as_str)));
        direct.or(optional).map(|r| r.trim_start_matches("#/$defs/"))
    }

    /// Every text in `json` (a case file of `kind`, as JSON) whose schema is the
    /// definition `name` (`Date`, `Time` …), with its key path: wherever the model puts
    /// such a value, now or later, without a list of paths kept by hand.
    pub fn texts_of<'a>(&self, kind: FileKind, json: &'a Value, name: &str) -> Vec<(String, &'a str)> {
        let mut out = Vec::new();
        self.collect(self.file(kind), json, name, &mut Vec::new(), &mut out);
        out
    }

    fn collect<'a>(
        &self,
        node: &Value,
        json: &'a Value,
        name: &str,
        at: &mut Vec<Step>,
        out: &mut Vec<(String, &'a str)>,
    ) {
        if self.definition(node) == Some(name) {
            if let Some(text) = json.as_str() {
                out.push((path_text(at), text));
            }
            return;
        }
        let children: Vec<(Step, &'a Value)> = match json {
            Value::Object(map) => map.iter().map(|(k, v)| (Step::Key(k.clone()), v)).collect(),
            Value::Array(items) => items.iter().enumerate().map(|(i, v)| (Step::Index(i), v)).collect(),
            _ => return,
        };
        for (step, value) in children {
            if let Some(child) = self.child(node, &step) {
                at.push(step);
                self.collect(child, value, name, at, out);
                at.pop();
            }
        }
    }

    /// The smallest value of the shape `node` describes: the first allowed word of a
    /// choice, an empty text or list, 0 (or the minimum), false, or a mapping with just
    /// its required keys.
    pub fn smallest(&self, node: &Value) -> Value {
        self.example(node, false)
    }

    /// Another value of the same shape as [`Schema::smallest`] where the shape allows
    /// one: the last word of a choice, a non-empty text, the next number, true.
    pub fn other(&self, node: &Value) -> Value {
        self.example(node, true)
    }

    fn example(&self, node: &Value, other: bool) -> Value {
        let node = self.resolve(node);
        let pick = |items: &'_ Vec<Value>| if other { items.last().cloned() } else { items.first().cloned() };
        if let Some(value) = node.get("const") {
            return value.clone();
        }
        if let Some(value) = node.get("enum").and_then(Value::as_array).and_then(pick) {
            return value;
        }
        if let Some(option) = node.get("oneOf").and_then(Value::as_array).and_then(pick) {
            return self.example(&option, other);
        }
        let kind = match node.get("type") {
            Some(Value::Array(types)) => types.iter().find(|t| *t != "null").cloned().unwrap_or(Value::Null),
            Some(t) => t.clone(),
            None => Value::Null,
        };
        let least = node.get("minimum").and_then(Value::as_u64).unwrap_or(0);
        match kind.as_str() {
            Some("string") => json!(if other { "…" } else { "" }),
            Some("integer") | Some("number") => json!(least + u64::from(other)),
            Some("boolean") => json!(other),
            Some("array") => json!([]),
            Some("object") => {
                let mut map = Map::new();
                for key in node.get("required").and_then(Value::as_array).into_iter().flatten() {
                    if let Some(name) = key.as_str()
                        && let Some(child) = node.get("properties").and_then(|p| p.get(name))
                    {
                        map.insert(name.to_string(), self.example(child, other));
                    }
                }
                Value::Object(map)
            }
            _ => Value::Null,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_is_draft_2020_12_with_swedish_descriptions() {
        let s = case_schema();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        let plan = &s["$defs"]["PlanCase"];
        assert_eq!(plan["additionalProperties"], false);
        assert!(plan["properties"]["ärende"]["description"].as_str().unwrap().contains("Ärendets id"));
        assert!(plan["properties"]["samtycke"].is_object());
        assert!(s["$defs"]["InfoCase"]["properties"]["avsändare"].is_object());
    }

    fn steps(path: &[&str]) -> Vec<Step> {
        path.iter().map(|s| s.parse::<usize>().map(Step::Index).unwrap_or_else(|_| Step::Key(s.to_string()))).collect()
    }

    #[test]
    fn the_schema_is_walked_by_key_path() {
        let schema = Schema::shared();
        let huvudman = schema.at(FileKind::Plan, &steps(&["organisationer", "0", "huvudman"])).unwrap();
        assert_eq!(schema.definition(huvudman), Some("Principal"));
        assert_eq!(schema.smallest(huvudman), json!("region"));
        let org = schema.at(FileKind::Plan, &steps(&["organisationer", "0"])).unwrap();
        assert!(schema.is_required(org, "huvudman"));
        assert!(!schema.is_required(org, "adress"));
        assert_eq!(schema.smallest(org), json!({"id": "", "namn": "", "huvudman": "region"}));
        let version = schema.at(FileKind::Plan, &steps(&["version"])).unwrap();
        assert_eq!(schema.smallest(version), json!(0));
        assert_eq!(schema.other(version), json!(1));
        assert_eq!(schema.other(huvudman), json!("annan"));
        assert!(schema.at(FileKind::Plan, &steps(&["plan", "mål", "0", "finns-inte"])).is_none());
        assert_eq!(path_text(&steps(&["plan", "mål", "0", "insatser", "1", "vad"])), "plan.mål[0].insatser[1].vad");
    }

    #[test]
    fn every_pattern_is_in_the_interoperable_subset() {
        fn patterns(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(map) => {
                    for (k, child) in map {
                        if k == "pattern"
                            && let Some(p) = child.as_str()
                        {
                            out.push(p.to_string());
                        }
                        patterns(child, out);
                    }
                }
                Value::Array(items) => items.iter().for_each(|i| patterns(i, out)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        patterns(&case_schema(), &mut found);
        assert!(found.len() >= 5, "{found:?}");
        for p in found {
            for unportable in ["\\p{", "\\P{", "\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "(?"] {
                assert!(!p.contains(unportable), "pattern {p} uses {unportable}");
            }
        }
    }
}
