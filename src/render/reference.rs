//! `templates/DATA.md`: the reference of the data every template reads, generated from
//! the typed data structs and their doc comments ([`crate::document::data`]), so it
//! cannot drift from what samplan hands the templates. A test compares the committed
//! file with this; `cargo run --release --example data_reference > templates/DATA.md`
//! writes it anew.

use schemars::{JsonSchema, schema_for};
use serde_json::Value;

use crate::document::calendar::CalendarData;
use crate::document::data::DocumentInfo;
use crate::document::deviation::DeviationData;
use crate::document::information::InformationData;
use crate::document::invitation::InvitationData;
use crate::document::plan::PlanData;

/// One field of the data: its path, its kind of value and what it is.
struct Row {
    path: String,
    kind: String,
    about: String,
}

/// The reference, as Markdown.
pub fn data_markdown() -> String {
    let mut out = String::from(
        "# The data templates read\n\n\
         Generated from the structs in `src/document/` (each kind's module and `data.rs`) by `cargo run --release --example data_reference`;\n\
         a test fails when this file is out of date. Every template reads its document's data with\n\
         `json(\"/data.json\")`; `samplan data CASE DOCUMENT` prints it for a real case. What a document\n\
         says is its outline (`json(\"/innehall.json\")`, at the end of this page; `samplan data CASE\n\
         DOCUMENT --innehåll`), built by samplan from this data and the fixed words in `texter.yaml` and\n\
         `lattlast.yaml` (typst: `yaml(\"/texter.yaml\")`, `fill` from `texter.typ`).\n\n\
         A path like `plan.mål[].insatser[].vad` means the field `vad` of every intervention of every goal.\n\
         \"or none\" marks a value that may be missing (`none` in typst).\n",
    );
    section::<DocumentInfo>(&mut out, "Every document: `dokument`", "dokument", &[]);
    let skip = ["dokument"];
    section::<PlanData>(&mut out, "The plan and its copies (`plan.typ`, `plan-lattlast.typ`)", "", &skip);
    section::<InvitationData>(&mut out, "Invitations (`kallelse.typ`, `kallelse-person-lattlast.typ`)", "", &skip);
    section::<CalendarData>(&mut out, "The calendar event (`mote.ics`, made by samplan itself)", "", &skip);
    section::<InformationData>(&mut out, "The leaflet (`information.typ`, `information-lattlast.typ`)", "", &skip);
    section::<DeviationData>(&mut out, "A deviation report (`avvikelse.typ`)", "", &skip);
    out.push_str(OUTLINE_REFERENCE);
    out
}

/// What `/innehall.json` holds: the outline of the documents whose content samplan
/// decides itself (`src/document/`).
const OUTLINE_REFERENCE: &str = "
## The outline (`/innehall.json`)

Every document but the calendar file (the plan and its copies, the invitations, the
deviation report and the leaflet, in standard, large print and easy-read) is decided
once in samplan
(`src/document/`): their headings, sentences, lists and fields, and the conditions that
choose them. Their text form (and so braille and speech) is written from that outline,
and their typst templates read it as `json(\"/innehall.json\")` and lay it out
(`innehall.typ`: `outline-body`; easy-read `lattlast.typ`: `easy-body`). An
organisation's own template may lay it out differently; what it says stays the same.

| field | value | what it is |
|---|---|---|
| `brevhuvud` | a group of fields, or none | a letter's head: `namn` (the recipient, or none), `rader` (organisation and address lines), `datum` (the date in words) |
| `före` | list of blocks | what stands above the title (the plan's box saying whether it is the original or whose copy it is) |
| `rubrik` | text | the title |
| `underrubrik` | text, or none | the line under the title |
| `delar` | list of blocks | what follows the title |
| `slut` | list of runs, or none | the closing note in small type (secrecy), kept on the page of the last section |

A block has `slag`: `stycke` (a paragraph: `text`, runs), `viktigt` (what the reader
must see first, as a moved meeting: `text`), `lista` (`punkter`, each a list of runs),
`fält` (`rader`, each `etikett` and `värde`, runs), `ruta` (a shaded box: `delar`,
blocks), `tabell` (`kolumner`, `vikter` for their widths, `rader` of cells, `\"\"` for
an empty one, and `som_text`, each row as the text form says it), `enhet` (a goal:
`rubrik` in bold kept with what follows, `delar`, and `slut`, blocks never split),
`underskrifter` (`namn`, one line to sign on for each, and `datum`, the label under
each line; not in the text form) or `avsnitt` (a section: `rubrik`, `delar`, `samlad`
when it is never split across pages, and in easy-read documents the `symbol` drawn
beside it, a name from `lattlast.typ`'s `symbols`). A run has `slag`: `text`
(plain, `text`), `fet` (bold), `hel` (text never broken across lines, such as a phone number),
`e-post` and `webb` (links, `text` the address), `rad` (a line break) or `svenska` (text staff
wrote in Swedish, in a document in the person's language: its language tagged Swedish).
";

fn section<T: JsonSchema>(out: &mut String, title: &str, prefix: &str, skip: &[&str]) {
    let schema = serde_json::to_value(schema_for!(T)).unwrap_or_default();
    let mut rows = Vec::new();
    fields(&schema, &schema, prefix, skip, 0, &mut rows);
    out.push_str(&format!("\n## {title}\n\n| field | value | what it is |\n|---|---|---|\n"));
    for row in rows {
        out.push_str(&format!("| `{}` | {} | {} |\n", row.path, row.kind, row.about.replace('\n', " ")));
    }
}

/// The definition `node` points at, or `node` itself.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    let reference = node
        .get("$ref")
        .or_else(|| node.get("anyOf").and_then(Value::as_array).and_then(|o| o.iter().find_map(|x| x.get("$ref"))));
    match reference.and_then(Value::as_str) {
        Some(r) => &root["$defs"][r.trim_start_matches("#/$defs/")],
        None => node,
    }
}

fn nullable(node: &Value) -> bool {
    let in_type = match node.get("type") {
        Some(Value::Array(types)) => types.iter().any(|t| t == "null"),
        _ => false,
    };
    let in_any = node
        .get("anyOf")
        .and_then(Value::as_array)
        .is_some_and(|o| o.iter().any(|x| x.get("type") == Some(&"null".into())));
    in_type || in_any
}

fn kind_of(root: &Value, node: &Value) -> String {
    let target = resolve(root, node);
    let base = match target.get("type") {
        Some(Value::Array(types)) => {
            types.iter().find(|t| *t != "null").and_then(Value::as_str).unwrap_or("").to_string()
        }
        Some(Value::String(t)) => t.clone(),
        _ => String::new(),
    };
    let word = match base.as_str() {
        "string" => "text".to_string(),
        "integer" => "number".to_string(),
        "boolean" => "true or false".to_string(),
        "object" => "a group of fields".to_string(),
        "array" => format!("list of {}", kind_of(root, target.get("items").unwrap_or(&Value::Null))),
        _ => "value".to_string(),
    };
    if nullable(node) || nullable(target) { format!("{word}, or none") } else { word }
}

fn fields(root: &Value, node: &Value, prefix: &str, skip: &[&str], depth: usize, rows: &mut Vec<Row>) {
    let target = resolve(root, node);
    let Some(props) = target.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (key, child) in props {
        if depth == 0 && skip.contains(&key.as_str()) {
            continue;
        }
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        let about = child
            .get("description")
            .or_else(|| resolve(root, child).get("description"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        rows.push(Row { path: path.clone(), kind: kind_of(root, child), about });
        let inner = resolve(root, child);
        if let Some(items) = inner.get("items") {
            fields(root, items, &format!("{path}[]"), skip, depth + 1, rows);
        } else {
            fields(root, child, &path, skip, depth + 1, rows);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_committed_data_reference_is_current() {
        let committed = include_str!("../../templates/DATA.md");
        assert!(
            committed == super::data_markdown(),
            "templates/DATA.md is stale: run `cargo run --release --example data_reference > templates/DATA.md`"
        );
    }

    #[test]
    fn every_field_has_a_description() {
        let reference = super::data_markdown();
        let blank: Vec<&str> = reference.lines().filter(|l| l.starts_with("| `") && l.ends_with(" |  |")).collect();
        assert!(blank.is_empty(), "fields without a doc comment: {blank:?}");
        assert!(reference.contains("| `plan.mål[].insatser[].vad` | text |"), "{reference}");
    }
}
