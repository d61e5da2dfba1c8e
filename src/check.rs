//! Checking case files: read safely, parse, run the routine's rules, and return
//! diagnostics sorted by position. Also finds the case files under the paths given on
//! the command line.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::case::CaseFile;
use crate::case::parse::{LoadedCase, nearest, parse_case};
use crate::diagnostic::{Diagnostic, Severity, with_suggestion};
use crate::routine::{Routine, Routines};
use crate::rules::{
    self, CHARACTER_RULE, Check, INFORMATION_RULES, PLACEHOLDER_RULE, PlanCtx, REQUIRED_FIELD_RULE,
    ROUTINE_EXISTS_RULE, TEXT_LENGTH_RULE,
};
use crate::source::{read_case_text, read_limited};

/// The result of checking one file.
#[derive(Debug)]
pub struct Checked {
    /// The file as named in diagnostics.
    pub file: String,
    /// The parsed case, when it parsed.
    pub loaded: Option<LoadedCase>,
    /// Everything found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The case, when it parsed and has no errors.
    pub fn valid_case(&self) -> Option<&CaseFile> {
        if self.has_errors() { None } else { self.loaded.as_ref().map(|l| &l.case) }
    }
}

/// Checks the file at `path`. Only I/O errors (missing, unreadable) are `Err`.
pub fn check_file(path: &Path) -> std::io::Result<Checked> {
    if links_outside_its_folder(path)? {
        let file = path.display().to_string();
        let message =
            "filen är en symbolisk länk till något utanför ärendemappen; samplan läser bara filer som ligger i mappen";
        return Ok(Checked {
            file: file.clone(),
            loaded: None,
            diagnostics: vec![Diagnostic::new(
                &file,
                crate::source::Pos::START,
                Severity::Error,
                "FIL-LANK",
                "",
                message,
            )],
        });
    }
    let bytes = read_limited(path)?;
    Ok(check_bytes(&path.display().to_string(), &bytes))
}

/// Checks a file's bytes.
pub fn check_bytes(file: &str, bytes: &[u8]) -> Checked {
    match read_case_text(bytes) {
        Ok(text) => check_text(file, &text),
        Err(problem) => {
            let (rule, message) = problem.describe();
            Checked {
                file: file.to_string(),
                loaded: None,
                diagnostics: vec![Diagnostic::new(file, problem.pos(), Severity::Error, rule, "", &message)],
            }
        }
    }
}

/// Checks case text: every structural error, then every rule finding that can still be
/// judged (none on a part that had a structural error).
pub fn check_text(file: &str, text: &str) -> Checked {
    let parsed = parse_case(file, text);
    let mut diagnostics = parsed.diagnostics;
    let Some(loaded) = parsed.loaded else {
        return Checked { file: file.to_string(), loaded: None, diagnostics };
    };
    diagnostics.extend(run_rules(file, &loaded).into_iter().filter(|d| !loaded.touches_repair(&d.path)));
    // One pass over the lines, not one per diagnostic: a file can have thousands.
    let lines: Vec<&str> = text.lines().collect();
    for d in &mut diagnostics {
        d.attach_line(lines.get(d.line.saturating_sub(1)).copied());
    }
    diagnostics.sort_by(|a, b| (a.line, a.column, &a.rule).cmp(&(b.line, b.column, &b.rule)));
    Checked { file: file.to_string(), loaded: Some(loaded), diagnostics }
}

/// A rule finding, before it is given a position in the file.
#[derive(Debug, PartialEq)]
struct Found {
    rule: &'static str,
    severity: Severity,
    finding: rules::Finding,
}

/// Runs every rule that applies to the loaded case. On a case read past structural
/// errors, only what the rules can still judge is reported: nothing on a repaired part,
/// and nothing that changes when the repaired parts hold other values.
fn run_rules(file: &str, loaded: &LoadedCase) -> Vec<Diagnostic> {
    let mut found = rule_findings(&loaded.case);
    if let Some(alternative) = &loaded.alternative {
        let other = rule_findings(alternative);
        found.retain(|f| other.contains(f));
    }
    found
        .into_iter()
        .filter(|f| !loaded.touches_repair(&f.finding.path))
        .map(|f| {
            let pos = loaded.index().locate(f.finding.position_path());
            Diagnostic::new(file, pos, f.severity, f.rule, &f.finding.path, &f.finding.message)
        })
        .collect()
}

/// What every rule that applies to `case` finds.
fn rule_findings(case: &CaseFile) -> Vec<Found> {
    let routines = Routines::builtin();
    let mut out = Vec::new();
    let routine = match routines.get(case.routine()) {
        Some(r) => r,
        None => {
            out.push(Found {
                rule: ROUTINE_EXISTS_RULE,
                severity: Severity::Error,
                finding: unknown_routine(case.routine(), routines),
            });
            routines.base()
        }
    };
    let json = match case {
        CaseFile::Plan(case) => serde_json::to_value(case.as_ref()),
        CaseFile::Information(info) => serde_json::to_value(info),
    }
    .unwrap_or_default();
    let builtin =
        [(TEXT_LENGTH_RULE, rules::overlong_texts(&json)), (CHARACTER_RULE, rules::unprintable_characters(&json))];
    for (rule, findings) in builtin {
        out.extend(findings.into_iter().map(|finding| Found { rule, severity: Severity::Error, finding }));
    }
    let placeholders = rules::placeholder_findings(&json);
    let unfilled: HashSet<String> = placeholders.iter().map(|f| f.path.clone()).collect();
    out.extend(placeholders.into_iter().map(|finding| Found {
        rule: PLACEHOLDER_RULE,
        severity: Severity::Error,
        finding,
    }));
    // A placeholder is reported once, as a placeholder, not again as a bad date or id.
    let mut emit = |rule: &'static str, severity: Severity, finding: rules::Finding| {
        if !unfilled.contains(&finding.path) {
            out.push(Found { rule, severity, finding });
        }
    };
    match case {
        CaseFile::Plan(case) => {
            for f in rules::required_field_findings(&json, routine) {
                emit(REQUIRED_FIELD_RULE, Severity::Error, f);
            }
            let ctx = PlanCtx { case, routine, json: &json };
            for rule in plan_rules(routine) {
                if let Check::Plan(check) = rule.check {
                    for f in check(&ctx) {
                        emit(rule.id, rule.severity, f);
                    }
                }
            }
        }
        CaseFile::Information(info) => {
            for rule in INFORMATION_RULES.iter().filter_map(|id| rules::get(id)) {
                if let Check::Information(check) = rule.check {
                    for f in check(info) {
                        emit(rule.id, rule.severity, f);
                    }
                }
            }
        }
    }
    out
}

fn plan_rules(routine: &Routine) -> impl Iterator<Item = &'static rules::Rule> + '_ {
    routine.rules.iter().filter_map(|id| rules::get(id))
}

fn unknown_routine(name: &str, routines: &Routines) -> rules::Finding {
    let ids: Vec<String> = routines.ids().iter().map(|s| s.to_string()).collect();
    let known = format!(
        "Kända rutiner: {}. Filen kontrolleras mot `nationell` tills rutinen är rättad",
        ids.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
    );
    let message = with_suggestion(format!("okänd rutin `{name}`"), nearest(name, &ids), &[known]);
    rules::Finding::new("rutin", message)
}

/// Whether `path` is a symbolic link whose target lies outside the link's own folder.
fn links_outside_its_folder(path: &Path) -> std::io::Result<bool> {
    if !std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Ok(false);
    }
    let folder = std::fs::canonicalize(path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")))?;
    Ok(std::fs::canonicalize(path).map(|target| !target.starts_with(&folder)).unwrap_or(true))
}

/// Case files under `paths`: files as given, folders searched for `*.yaml`/`*.yml`,
/// sorted. A path that does not exist is an error naming it.
pub fn collect_case_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| format!("{}: {}", path.display(), io_sv(&e)))?;
        if meta.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .follow_links(false)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file() || e.file_type().is_symlink())
                .map(|e| e.into_path())
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// An I/O error in Swedish.
pub fn io_sv(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "filen eller mappen finns inte".to_string(),
        PermissionDenied => "saknar behörighet".to_string(),
        IsADirectory => "är en mapp, inte en fil".to_string(),
        StorageFull => "disken är full".to_string(),
        ReadOnlyFilesystem => "filsystemet är skrivskyddat".to_string(),
        InvalidInput if e.to_string() == crate::source::NOT_A_FILE => crate::source::NOT_A_FILE.to_string(),
        _ => format!("kunde inte läsas eller skrivas ({e})"),
    }
}
