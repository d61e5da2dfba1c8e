//! `docs/arendefil.md`: the case file format in Swedish for the people who write cases,
//! generated from the schema (the case model's own descriptions) and the routines'
//! data, so that it cannot drift from what `check` accepts. A test compares the
//! committed file with this; `cargo run --release --example arendefil > docs/arendefil.md`
//! writes it.

use serde_json::Value;

use crate::case::FileKind;
use crate::routine::Routines;
use crate::schema::Schema;
use crate::skeleton::format_requires;

/// One key of a case file, as the reference lists it.
struct Key {
    /// `plan.mål[].insatser[].vad`.
    path: String,
    /// What kind of value it takes.
    value: String,
    /// What it means (the model's description, on one line).
    meaning: String,
}

/// The whole reference, in Markdown.
pub fn case_format_markdown() -> String {
    let routines = Routines::builtin();
    let mut out = String::from(INTRO);
    for (kind, title, lead) in [
        (FileKind::Plan, "SIP-ärende (`typ: plan`)", PLAN_LEAD),
        (FileKind::Information, "Informationsblad (`typ: information`)", INFORMATION_LEAD),
    ] {
        out.push_str(&format!("\n## {title}\n\n{lead}\n\n"));
        out.push_str("| Nyckel | Värde | Betydelse | Krävs |\n|---|---|---|---|\n");
        for key in keys(kind) {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                key.path,
                cell(&key.value),
                cell(&key.meaning),
                cell(&required_by(kind, &key.path, routines))
            ));
        }
    }
    out.push_str("\n## Rutinerna\n\nVarje ärende följer en rutin (`rutin:`). Rutinen bestämmer vad som krävs utöver filens form, vilka regler `samplan check` använder och vad mallen från `samplan new` har med. `samplan routines <id>` visar allt om en rutin.\n\n| Rutin | Namn | Bygger på |\n|---|---|---|\n");
    for r in routines.all() {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            r.id(),
            cell(&r.file.title),
            r.file.builds_on.as_deref().map(|b| format!("`{b}`")).unwrap_or_else(|| "–".into())
        ));
    }
    out
}

/// Every key of a file of `kind`, depth first in the model's order.
fn keys(kind: FileKind) -> Vec<Key> {
    let schema = Schema::shared();
    let mut out = Vec::new();
    walk(schema, schema.file(kind), "", &mut out, 0);
    out
}

fn walk(schema: &Schema, node: &Value, prefix: &str, out: &mut Vec<Key>, depth: usize) {
    let resolved = schema.resolve(node);
    let Some(properties) = resolved.get("properties").and_then(Value::as_object) else { return };
    if depth > 6 {
        return;
    }
    for (name, child) in properties {
        let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
        out.push(Key { path: path.clone(), value: value_of(schema, child), meaning: one_line(description(child)) });
        let inner = schema.resolve(child);
        if let Some(items) = inner.get("items") {
            walk(schema, items, &format!("{path}[]"), out, depth + 1);
        } else {
            walk(schema, child, &path, out, depth + 1);
        }
    }
}

/// The description of a key: its own, or its definition's.
fn description(node: &Value) -> &str {
    node.get("description").and_then(Value::as_str).unwrap_or("")
}

/// What a key's value is, in words.
fn value_of(schema: &Schema, node: &Value) -> String {
    // A key may narrow its definition's choices (`typ: plan` in a plan).
    if node.get("enum").is_some()
        && let Some(own) = choices(node)
    {
        return format!("ett av: {own}");
    }
    if let Some(name) = schema.definition(node) {
        match name {
            "Date" => return "datum, ÅÅÅÅ-MM-DD".into(),
            "Time" => return "klockslag, \"TT:MM\"".into(),
            _ => {}
        }
    }
    let resolved = schema.resolve(node);
    if let Some(choices) = choices(resolved) {
        return format!("ett av: {choices}");
    }
    if let Some(items) = resolved.get("items") {
        let item = schema.resolve(items);
        return match (item.get("properties"), choices(item)) {
            (Some(_), _) => "lista av nycklar (se nedan)".into(),
            (None, Some(choices)) => format!("lista av: {choices}"),
            (None, None) => format!("lista av {}", plain_type(item)),
        };
    }
    if resolved.get("properties").is_some() {
        return "nycklar (se nedan)".into();
    }
    plain_type(resolved)
}

/// `a`, `b` eller `c` for a choice of words.
fn choices(node: &Value) -> Option<String> {
    let words: Vec<String> = if let Some(options) = node.get("oneOf").and_then(Value::as_array) {
        options.iter().filter_map(|o| o.get("const").and_then(Value::as_str)).map(|w| format!("`{w}`")).collect()
    } else {
        node.get("enum")?.as_array()?.iter().filter_map(Value::as_str).map(|w| format!("`{w}`")).collect()
    };
    match words.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} eller {last}", rest.join(", "))),
    }
}

fn plain_type(node: &Value) -> String {
    let kinds: Vec<&str> = match node.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let kind = kinds.iter().find(|k| **k != "null").copied().unwrap_or("");
    match kind {
        "string" => "text",
        "integer" => "heltal",
        "boolean" => "`true` eller `false`",
        "array" => "lista",
        "object" => "nycklar",
        _ => "värde",
    }
    .to_string()
}

/// Who requires a key: the file format, every routine, or the routines named.
fn required_by(kind: FileKind, path: &str, routines: &Routines) -> String {
    if format_requires(kind, path) {
        return if path.contains("[]") { "ja, i varje element".into() } else { "ja".into() };
    }
    let by: Vec<&str> = routines.all().filter(|r| r.required.iter().any(|f| f.path == path)).map(|r| r.id()).collect();
    if by.len() == routines.all().count() {
        return "alla rutiner".into();
    }
    if by.is_empty() {
        return "nej".into();
    }
    by.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ")
}

/// A text on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text that can stand in a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

const INTRO: &str = "# Ärendefilen: alla nycklar

> Den här sidan görs av samplan ur ärendemodellen och rutinerna:
> `cargo run --release --example arendefil > docs/arendefil.md`. Ändra inte i den för
> hand. Hur du arbetar med ärenden står i [handboken](handbok.md).

En ärendefil är en textfil i formatet YAML. Varje rad är en nyckel, ett kolon och ett
värde. Indraget (blanksteg i början av raden) visar vad som hör ihop. En lista skrivs
med `- ` före varje del, eller inom hakparenteser: `[kommunen, regionen]`.

I tabellerna skrivs nycklar som sitter i andra nycklar med punkt: `person.namn` är
nyckeln `namn` under `person`. `[]` betyder varje del i en lista:
`plan.mål[].insatser[].vad` är `vad` i varje insats i varje mål. När `samplan check`
hittar ett fel räknar den delarna från 1, som i planen: *mål 1, insats 2*. Med
`--format json` räknas de från 0, som i program: `plan.mål[0].insatser[1]`.

Kolumnen *Krävs* säger om nyckeln alltid måste finnas, eller vilka rutiner som kräver
den. Rutinerna har också regler som gäller flera nycklar tillsammans, till exempel att
samtycket ska finnas före mötet. `samplan routines <rutin>` visar dem.
";

const PLAN_LEAD: &str = "En fil per person. Filen beskriver personen, samtycket, verksamheterna och deras personal, mötena och själva planen. `samplan new plan --rutin <rutin> -o fil.yaml` gör en ny fil med de nycklar som rutinen vill ha.";

const INFORMATION_LEAD: &str = "Ett informationsblad om SIP för allmänheten, med rutinens egna delar. `samplan new information --rutin <rutin> -o fil.yaml` gör en ny fil.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_reference_is_current() {
        let committed = include_str!("../docs/arendefil.md");
        assert!(
            committed == case_format_markdown(),
            "docs/arendefil.md is stale: run `cargo run --release --example arendefil > docs/arendefil.md`"
        );
    }

    #[test]
    fn every_key_of_the_model_is_in_the_reference() {
        let text = case_format_markdown();
        for key in
            ["`person.närstående[].bjuds_in`", "`möten[].plats_i_kalendern`", "`samtycke.givet_av`", "`kontakt.webb`"]
        {
            assert!(text.contains(key), "{key}");
        }
        // What a routine requires is named there.
        let line = text.lines().find(|l| l.starts_with("| `plan.tidsplan.slut` ")).unwrap();
        assert!(line.ends_with("| `kalmar-2012`, `vgr-2009` |"), "{line}");
        let line = text.lines().find(|l| l.starts_with("| `samordnare` ")).unwrap();
        assert!(line.ends_with("| alla rutiner |"), "{line}");
    }
}
