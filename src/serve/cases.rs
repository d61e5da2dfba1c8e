//! What the workbench shows about case files: the list (read from the YAML as it is,
//! so a draft with errors is listed too), the documents a build would write, and the
//! form's canonical YAML (keys in the schema's order).

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::build::{BuildOptions, Builder, OutputKind, Prepared, case_hash, prepare};
use crate::case::CaseFile;
use crate::case::datetime::CalendarDate;
use crate::check::check_text;
use crate::routine::Routines;
use crate::schema::Schema;

use super::WASTE_FOLDER;

/// One row of the case list. Never a personnummer.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Path relative to the case folder, `/` between folders.
    pub file: String,
    /// `plan` or `information`.
    pub typ: Option<String>,
    /// The case id.
    #[serde(rename = "ärende", skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    /// A leaflet's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The person's name (absent for leaflets).
    #[serde(rename = "namn", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The routine.
    pub rutin: Option<String>,
    /// The plan version.
    pub version: Option<u64>,
    /// Errors found by `check`.
    pub errors: usize,
    /// Warnings found by `check`.
    pub warnings: usize,
    /// The first meeting from today on (ISO date).
    pub next_meeting: Option<String>,
    /// The first follow-up from today on (ISO date).
    pub next_follow_up: Option<String>,
}

/// Today's date (UTC).
pub fn today() -> CalendarDate {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    CalendarDate { year: 1970, month: 1, day: 1 }.add_days(days as i64)
}

/// Every case file under `root`, relative, sorted; the waste-paper basket and hidden
/// folders left out.
pub fn case_files(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && super::paths::is_case_file_name(&e.file_name().to_string_lossy()))
        .filter_map(|e| {
            let relative = e.path().strip_prefix(root).ok()?;
            let text: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            (text.first().map(String::as_str) != Some(WASTE_FOLDER)).then(|| text.join("/"))
        })
        .collect();
    out.sort();
    out
}

/// The list row of every case file under `root`, as of today.
pub fn summaries(root: &Path) -> Vec<Summary> {
    let today = today();
    case_files(root)
        .into_iter()
        .filter_map(|file| {
            // At most the size samplan reads: a larger file is listed with its error.
            crate::source::read_limited(&root.join(&file)).ok().map(|b| summary_of_bytes(&file, &b, today))
        })
        .collect()
}

fn text_at<'a>(value: &'a serde_yaml::Value, path: &[&str]) -> Option<&'a serde_yaml::Value> {
    path.iter().try_fold(value, |v, key| v.get(*key))
}

fn string_at(value: &serde_yaml::Value, path: &[&str]) -> Option<String> {
    match text_at(value, path)? {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The earliest of `dates` (ISO text) on or after `today`.
fn first_from(dates: impl Iterator<Item = String>, today: CalendarDate) -> Option<String> {
    dates.filter_map(|d| CalendarDate::parse(&d).ok().filter(|d| *d >= today)).min().map(|d| d.to_string())
}

/// The list row of the case file `file` with text `text`.
pub fn summary(file: &str, text: &str, today: CalendarDate) -> Summary {
    let checked = check_text(file, text);
    summary_of(file, text, &checked, today)
}

/// The list row of a case file with bytes `bytes`: one too large, binary or not UTF-8
/// is listed with the error check gives it.
pub fn summary_of_bytes(file: &str, bytes: &[u8], today: CalendarDate) -> Summary {
    match crate::source::read_case_text(bytes) {
        Ok(text) => summary(file, &text, today),
        Err(_) => summary_of(file, "", &crate::check::check_bytes(file, bytes), today),
    }
}

fn summary_of(file: &str, text: &str, checked: &crate::check::Checked, today: CalendarDate) -> Summary {
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    // Read as plain YAML only when check did not refuse it as unbounded: aliases
    // expanded here would cost what check refused to spend.
    let unbounded = checked.diagnostics.iter().any(|d| matches!(d.rule.as_str(), "YAML-ALIAS" | "YAML-DJUP"));
    let value: serde_yaml::Value =
        if unbounded { serde_yaml::Value::Null } else { serde_yaml::from_str(text).unwrap_or(serde_yaml::Value::Null) };
    let typ = string_at(&value, &["typ"]).or_else(|| value.get("ärende").map(|_| "plan".to_string()));
    let meetings = value.get("möten").and_then(|m| m.as_sequence()).cloned().unwrap_or_default();
    let meeting_dates = meetings.iter().filter_map(|m| string_at(m, &["datum"]));
    let mut follow_ups: Vec<String> = string_at(&value, &["plan", "uppföljning", "datum"]).into_iter().collect();
    if let Some(goals) = text_at(&value, &["plan", "mål"]).and_then(|g| g.as_sequence()) {
        follow_ups.extend(goals.iter().filter_map(|g| string_at(g, &["uppföljning"])));
    }
    let leaflet = typ.as_deref() == Some("information");
    Summary {
        file: file.to_string(),
        typ,
        case_id: string_at(&value, &["ärende"]),
        id: if leaflet { string_at(&value, &["id"]) } else { None },
        name: if leaflet { None } else { string_at(&value, &["person", "namn"]) },
        rutin: string_at(&value, &["rutin"]),
        version: text_at(&value, &["version"]).and_then(serde_yaml::Value::as_u64),
        errors,
        warnings: checked.diagnostics.len() - errors,
        next_meeting: first_from(meeting_dates, today),
        next_follow_up: first_from(follow_ups.into_iter(), today),
    }
}

/// One document a build of a case would write.
#[derive(Debug, Serialize)]
pub struct Document {
    /// The file name (`plan.pdf`, `kallelse-lisa.pdf` …).
    pub name: String,
    /// Where the build puts it, relative to the output folder.
    pub path: String,
    /// The document's kind (`plan`, `plan-kopia`, `kallelse`, …).
    pub kind: String,
    /// Its form: `standard`, `lättläst`, `storstil`, `punktskrift`, `text`, `inläst`,
    /// `kalender` or `innehåll`.
    pub format: String,
    /// Whom it is for: an organisation or participant id, `personen`, or nothing.
    pub recipient: Option<String>,
}

/// The documents a build of `case` into `output` writes.
pub fn documents(case: &CaseFile, output: &Path) -> Vec<Document> {
    let builder = Builder::new(BuildOptions::into_folder(output.to_path_buf()));
    prepared(case)
        .iter()
        .flat_map(|doc| {
            let folder = builder.folder(case, doc.spec.kind.place());
            let relative = folder.strip_prefix(output).map(Path::to_path_buf).unwrap_or_default();
            let info = doc.data.document();
            doc.files.iter().map(move |f| Document {
                name: f.name.clone(),
                path: slashed(&relative.join(&f.name)),
                kind: info.typ.clone(),
                format: match f.kind {
                    OutputKind::Pdf => info.format.clone(),
                    OutputKind::Pef | OutputKind::Brf => "punktskrift".to_string(),
                    OutputKind::Text => "text".to_string(),
                    OutputKind::Mp3 | OutputKind::Epub => "inläst".to_string(),
                    OutputKind::Ics => "kalender".to_string(),
                    OutputKind::Content => "innehåll".to_string(),
                    OutputKind::Fhir => "fhir".to_string(),
                },
                recipient: info.mottagare_id.clone(),
            })
        })
        .collect()
}

/// The documents of a case as a build prepares them (no earlier version: a preview
/// shows the document as it stands).
pub fn prepared(case: &CaseFile) -> Vec<Prepared> {
    let Some(routine) = Routines::builtin().get(case.routine()) else { return Vec::new() };
    prepare(case, routine, &case_hash(case), None, &Default::default())
}

fn slashed(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// The file under the output folder a relative URL path names.
pub fn url_path(output: &Path, path: &Path) -> Option<String> {
    path.strip_prefix(output).ok().map(slashed)
}

/// `value` as canonical YAML: every mapping's keys in the order the schema lists them
/// (keys it does not know after, as they came), `schema_line` first.
pub fn canonical_yaml(value: &Value, schema_line: &str) -> Result<String, String> {
    let schema = Schema::shared();
    let kind = match value.get("typ").and_then(Value::as_str) {
        Some("information") => crate::case::model::FileKind::Information,
        _ => crate::case::model::FileKind::Plan,
    };
    let ordered = ordered(value, Some(schema.file(kind)), schema);
    let body = serde_yaml::to_string(&ordered).map_err(|e| e.to_string())?;
    Ok(format!("{schema_line}\n{body}"))
}

fn ordered(value: &Value, node: Option<&Value>, schema: &Schema) -> Value {
    match value {
        Value::Object(map) => {
            let node = node.map(|n| schema.resolve(n));
            let properties = node.and_then(|n| n.get("properties")).and_then(Value::as_object);
            let mut out = Map::new();
            if let Some(properties) = properties {
                for (key, child) in properties {
                    if let Some(v) = map.get(key) {
                        out.insert(key.clone(), ordered(v, Some(child), schema));
                    }
                }
            }
            for (key, v) in map {
                if !out.contains_key(key) {
                    out.insert(key.clone(), ordered(v, None, schema));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            let item = node.map(|n| schema.resolve(n)).and_then(|n| n.get("items"));
            Value::Array(items.iter().map(|v| ordered(v, item, schema)).collect())
        }
        other => other.clone(),
    }
}

/// The `yaml-language-server` line of a case file's text, or the one pointing at the
/// schema in the case folder.
pub fn schema_line(text: &str, depth: usize) -> String {
    match text.lines().next() {
        Some(first) if first.starts_with("# yaml-language-server:") => first.to_string(),
        _ => format!("# yaml-language-server: $schema={}{}", "../".repeat(depth), crate::skeleton::SCHEMA_FILE),
    }
}

/// A path's depth below the case folder (`a.yaml` 0, `information/b.yaml` 1).
pub fn depth(relative: &str) -> usize {
    relative.matches('/').count()
}

/// The trash path for `relative`: the same place under the waste-paper basket, with
/// the time it was moved so nothing there is replaced.
pub fn trash_path(root: &Path, relative: &str) -> PathBuf {
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    root.join(WASTE_FOLDER).join(format!("{relative}.{stamp}"))
}

/// Moves the case file `path` (`relative` below `root`) to the waste-paper basket,
/// owner-only at rest: the basket and every folder in it 0700, the file 0600, set on
/// every move, so a folder made before by hand or a file that was 0644 is closed too.
pub fn move_to_trash(root: &Path, relative: &str, path: &Path) -> std::io::Result<()> {
    let target = trash_path(root, relative);
    let basket = root.join(WASTE_FOLDER);
    if let Some(parent) = target.parent() {
        crate::output::create_private_dir(parent)?;
        let mut dir = parent.to_path_buf();
        while dir.starts_with(&basket) {
            owner_only(&dir, 0o700)?;
            if !dir.pop() {
                break;
            }
        }
    }
    std::fs::rename(path, &target)?;
    owner_only(&target, 0o600)
}

#[cfg(unix)]
fn owner_only(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn owner_only(_: &Path, _: u32) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_basket_and_what_goes_into_it_are_owner_only_whatever_they_were() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let basket = root.path().join(WASTE_FOLDER).join("information");
        std::fs::create_dir_all(&basket).unwrap();
        std::fs::set_permissions(root.path().join(WASTE_FOLDER), std::fs::Permissions::from_mode(0o755)).unwrap();
        let file = root.path().join("information/a.yaml");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "typ: information\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        move_to_trash(root.path(), "information/a.yaml", &file).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&root.path().join(WASTE_FOLDER)), 0o700);
        assert_eq!(mode(&basket), 0o700);
        let moved = std::fs::read_dir(&basket).unwrap().next().unwrap().unwrap().path();
        assert_eq!(mode(&moved), 0o600);
        assert!(!file.exists());
    }

    #[test]
    fn the_canonical_form_orders_keys_as_the_schema_does() {
        let value: Value = serde_json::from_str(
            r#"{"person": {"format": ["standard"], "namn": "Alex"}, "ärende": "X-1", "typ": "plan", "egen": 1}"#,
        )
        .unwrap();
        let yaml = canonical_yaml(&value, "# yaml-language-server: $schema=samplan.schema.json").unwrap();
        let keys: Vec<&str> = yaml.lines().filter(|l| !l.starts_with('#') && !l.starts_with(' ')).collect();
        assert_eq!(keys[0], "typ: plan");
        assert_eq!(keys[1], "ärende: X-1");
        assert!(keys[2].starts_with("person:"));
        assert_eq!(keys.last(), Some(&"egen: 1"));
        let namn = yaml.find("namn: Alex").unwrap();
        assert!(namn < yaml.find("format:").unwrap(), "{yaml}");
        assert!(yaml.starts_with("# yaml-language-server:"));
    }

    #[test]
    fn the_list_reads_drafts_and_never_shows_a_personnummer() {
        let text = "typ: plan\närende: X-1\nrutin: halland\nversion: 2\nperson:\n  namn: Alex Berg\n  personnummer: \"19900101-1234\"\nmöten:\n  - datum: 2020-01-01\n  - datum: 2999-05-01\n";
        let row = summary("a.yaml", text, CalendarDate { year: 2026, month: 12, day: 2 });
        assert_eq!(row.name.as_deref(), Some("Alex Berg"));
        assert_eq!(row.version, Some(2));
        assert_eq!(row.next_meeting.as_deref(), Some("2999-05-01"));
        assert!(row.errors > 0, "a draft with errors is listed with them");
        assert!(!serde_json::to_string(&row).unwrap().contains("1234"));
    }
}
