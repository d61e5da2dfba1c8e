//! The JSON Schema (draft 2020-12) of both kinds of case file, made from the case model
//! so it cannot drift from what samplan accepts. Editors with a YAML language server use
//! it to complete and check case files as they are written.

use schemars::schema_for;
use serde_json::{Map, Value, json};

use crate::case::{InfoCase, PlanCase};

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
}
