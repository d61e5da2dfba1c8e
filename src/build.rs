//! `samplan build`: check each case, render every document it yields, and write them
//! with a manifest. A case with errors is reported and not rendered; a case whose
//! rendering fails writes nothing; neither stops the other cases.
//!
//! Versions are kept (see [`crate::revision`]): if `output/<ärende>/v<N>/` was made from
//! different plan content, the build refuses the case and asks for a new version; the
//! plan documents of a version, once written, are never rewritten. Invitations and the
//! calendar file are renewed when what they show changes (a moved meeting, a new phone
//! number). Each document is rendered only when its inputs (data, templates, engine,
//! braille page size) changed; `--force` renders the renewable ones again.
//!
//! Every file is written atomically and `manifest.json` last, so a build killed at any
//! moment leaves each final path absent or complete, and the next build finishes it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::braille::format::{Layout, Pages, PefMeta, layout_document, to_brf, to_pef};
use crate::case::datetime::CalendarDate;
use crate::case::{CaseFile, Format, PlanCase};
use crate::check::{Checked, check_file, io_sv};
use crate::diagnostic::Diagnostic;
use crate::output::{FolderLock, Manifest, ManifestFile, create_private_dir, sha256, write_all_atomic};
use crate::parallel::{self, Slot, Slots};
use crate::render::data::{
    DocKind, DocSpec, EDITION_DATE, PreviousVersion, Variant, information_data, information_documents, invitation_date,
    plan_case_data, plan_date, plan_documents,
};
use crate::render::{ENGINE, TemplateSet, ics, render_pdf};
use crate::revision::{CONTENT_FILE, PlanContent, changes, content_of, plan_hash};
use crate::routine::{Routine, Routines};

/// How many builds a memoised typst result may go unused before it is dropped.
pub const EVICT_AFTER_CASES: usize = 4;

/// How to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Output folder (default `output/`).
    pub out: PathBuf,
    /// Template folder overriding the built-in set (and any `mallar:` key).
    pub templates: Option<PathBuf>,
    /// Render renewable documents again even when their inputs have not changed.
    pub force: bool,
    /// Braille page size.
    pub braille: Layout,
}

/// What happened to one case file.
#[derive(Debug, Default)]
pub struct CaseOutcome {
    /// The case file.
    pub file: String,
    /// Check findings (errors stop the case; warnings do not).
    pub diagnostics: Vec<Diagnostic>,
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Files left as they were (unchanged, or a plan version already written).
    pub unchanged: usize,
    /// Why the case was not built, in Swedish.
    pub error: Option<String>,
}

impl CaseOutcome {
    /// Whether the case failed (check errors or a build error).
    pub fn failed(&self) -> bool {
        self.error.is_some() || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// What kind of file a document is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    /// PDF from a typst template.
    Pdf,
    /// Plain text from a text template (for screen readers and e-mail).
    Text,
    /// Braille, PEF 2008-1, from the same text.
    Pef,
    /// Braille, BRF (Braille ASCII), from the same text.
    Brf,
    /// iCalendar.
    Ics,
    /// The stored plan content (JSON).
    Content,
}

/// One file of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// File name, e.g. `plan.pef`.
    pub name: String,
    /// What it is.
    pub kind: OutputKind,
    /// The template it is made from.
    pub template: &'static str,
}

/// A document ready to render.
pub struct Prepared {
    /// Which document.
    pub spec: DocSpec,
    /// Its data.
    pub data: Value,
    /// Its date.
    pub date: CalendarDate,
    /// The files it is written as.
    pub files: Vec<OutputFile>,
}

impl Prepared {
    fn new(spec: DocSpec, data: Value, date: CalendarDate, braille: bool) -> Prepared {
        let file = |ext: &str, kind, template| OutputFile { name: format!("{}.{ext}", spec.name), kind, template };
        let mut files = match spec.kind {
            DocKind::Calendar => vec![file("ics", OutputKind::Ics, "")],
            _ => vec![file("pdf", OutputKind::Pdf, spec.template)],
        };
        let text_template = match spec.kind {
            DocKind::Plan => Some("plan.txt.jinja"),
            DocKind::PersonInvitation => Some("kallelse-person.txt.jinja"),
            DocKind::Information => Some("information.txt.jinja"),
            _ => None,
        };
        if let (true, Variant::Standard, Some(template)) = (braille, spec.variant, text_template) {
            for (ext, kind) in [("txt", OutputKind::Text), ("pef", OutputKind::Pef), ("brf", OutputKind::Brf)] {
                files.push(file(ext, kind, template));
            }
        }
        if spec.kind == DocKind::Plan && spec.variant == Variant::Standard && spec.name == "plan" {
            files.push(OutputFile { name: CONTENT_FILE.into(), kind: OutputKind::Content, template: "" });
        }
        Prepared { spec, data, date, files }
    }

    /// Whether this is part of the plan version itself (never rewritten once written),
    /// rather than an invitation or calendar file (renewed when it changes).
    pub fn is_plan_document(&self) -> bool {
        matches!(self.spec.kind, DocKind::Plan | DocKind::PlanCopy(_))
    }
}

/// Told when a build has to wait for another one working on the same case.
type WaitNotice = Box<dyn Fn(&str) + Send + Sync>;

/// Builds cases; shares template sets across cases and threads.
pub struct Builder {
    options: BuildOptions,
    template_sets: Mutex<HashMap<PathBuf, Arc<TemplateSet>>>,
    waiting: WaitNotice,
}

impl Builder {
    /// A builder with `options`.
    pub fn new(options: BuildOptions) -> Builder {
        Builder { options, template_sets: Mutex::new(HashMap::new()), waiting: Box::new(|_| {}) }
    }

    /// Calls `notice` with a Swedish sentence when a case's folder is locked by another
    /// build and this one waits for it.
    pub fn on_wait(mut self, notice: impl Fn(&str) + Send + Sync + 'static) -> Builder {
        self.waiting = Box::new(notice);
        self
    }

    /// Checks and builds every case file in `paths` on `jobs` cores (0 = all), calling
    /// `done` as each case finishes; outcomes in the order of `paths`.
    ///
    /// Twice as many threads as cores run, but only one per core may check and render
    /// at a time ([`Slots`]): a thread waiting for its files to reach the disk gives its
    /// core to one that renders.
    pub fn build_all(&self, paths: &[PathBuf], jobs: usize, done: impl Fn(&CaseOutcome) + Sync) -> Vec<CaseOutcome> {
        let cores = parallel::thread_count(jobs);
        let cpu = Slots::new(cores);
        // With fewer cases than that, the spare cores help inside each case instead.
        let threads = if paths.len() < cores * 2 { cores } else { cores * 2 };
        parallel::map(paths, threads, |path| {
            let outcome = isolated(path, || self.build_file_with(path, Some(&cpu)));
            done(&outcome);
            outcome
        })
    }

    /// Checks and builds one case file.
    pub fn build_file(&self, path: &Path) -> CaseOutcome {
        self.build_file_with(path, None)
    }

    /// Checks and builds one case file, holding a slot of `cpu` (when given) until its
    /// documents are rendered.
    fn build_file_with(&self, path: &Path, cpu: Option<&Slots>) -> CaseOutcome {
        let slot = cpu.map(Slots::take);
        let file = path.display().to_string();
        let checked = match check_file(path) {
            Ok(c) => c,
            Err(e) => return CaseOutcome { file, error: Some(io_sv(&e)), ..Default::default() },
        };
        let mut outcome = CaseOutcome { file, diagnostics: checked.diagnostics.clone(), ..Default::default() };
        if checked.has_errors() {
            return outcome;
        }
        if let Err(e) = self.build_checked(path, &checked, &mut outcome, slot, cpu) {
            outcome.error = Some(e);
        }
        // typst memoises everything it computes; without eviction a batch of a thousand
        // cases holds gigabytes. What the last few cases did not use again is dropped.
        typst::comemo::evict(EVICT_AFTER_CASES);
        outcome
    }

    /// The folder of everything a case writes, locked while it is built.
    pub fn case_root(&self, case: &CaseFile) -> PathBuf {
        match case {
            CaseFile::Plan(p) => self.options.out.join(&p.case_id),
            CaseFile::Information(i) => self.options.out.join("information").join(&i.id),
        }
    }

    /// The folder a case's documents go to.
    pub fn case_dir(&self, case: &CaseFile) -> PathBuf {
        match case {
            CaseFile::Plan(p) => self.options.out.join(&p.case_id).join(format!("v{}", p.version)),
            CaseFile::Information(i) => self.options.out.join("information").join(&i.id),
        }
    }

    /// Builds a checked case; the CPU slot `cpu` (from `slots`) is given up while it
    /// waits for the case's folder and once the documents are rendered, before they are
    /// written.
    fn build_checked<'s>(
        &self,
        path: &Path,
        checked: &Checked,
        outcome: &mut CaseOutcome,
        mut cpu: Option<Slot<'s>>,
        slots: Option<&'s Slots>,
    ) -> Result<(), String> {
        let case = checked.valid_case().ok_or("ärendet kunde inte läsas")?;
        let routine = Routines::builtin().get(case.routine()).ok_or("okänd rutin")?;
        let templates = self.templates_for(path, case)?;
        let root = self.case_root(case);
        let mut waited = false;
        let _lock = FolderLock::acquire(&root, || {
            waited = true;
            cpu = None;
            (self.waiting)(&format!(
                "{}: väntar – en annan körning av samplan bygger samma ärende i {} just nu",
                outcome.file,
                root.display()
            ));
        })
        .map_err(|e| format!("{}: {}", root.display(), io_sv(&e)))?;
        if waited {
            cpu = slots.map(Slots::take);
        }
        let dir = self.case_dir(case);
        remove_stale_temp_files(&dir);
        let case_hash = case_hash(case);
        let previous_version = self.previous_version(case);
        let version_hash = match case {
            CaseFile::Plan(p) => plan_hash(p),
            CaseFile::Information(i) => case_hash_of(i.as_ref()),
        };
        let inputs = sha256(
            format!(
                "{ENGINE}\n{case_hash}\n{}\n{}x{}\n{}\n",
                templates.digest,
                self.options.braille.cols,
                self.options.braille.rows,
                previous_version
                    .as_ref()
                    .map(|p| sha256(&serde_json::to_vec(p).unwrap_or_default()))
                    .unwrap_or_default()
            )
            .as_bytes(),
        );
        let previous = Manifest::read(&dir);
        if let (Some(prev), CaseFile::Plan(p)) = (&previous, case)
            && prev.plan_hash != version_hash
        {
            return Err(format!(
                "planen har ändrats men versionen är fortfarande {}: höj version och lägg till en rad i revisioner ({} är redan skriven och skrivs aldrig över)",
                p.version,
                dir.display()
            ));
        }
        // Nothing changed at all: done, without preparing a single document.
        if let Some(prev) = &previous
            && !self.options.force
            && prev.inputs == inputs
            && prev.files.iter().all(|f| dir.join(&f.name).is_file())
        {
            outcome.unchanged += prev.files.len();
            return Ok(());
        }
        let content = match case {
            CaseFile::Plan(p) => Some(content_of(p)),
            CaseFile::Information(_) => None,
        };
        let diff = changes_since(case, previous_version.as_ref());
        let prepared = prepare(case, routine, &case_hash, diff.as_ref());
        let doc_inputs: Vec<String> =
            prepared.iter().map(|d| inputs_hash(d, &templates, self.options.braille)).collect();
        let keep = |i: usize, doc: &Prepared| -> bool {
            let Some(m) = &previous else { return false };
            let present = |f: &OutputFile| dir.join(&f.name).is_file() && m.files.iter().any(|mf| mf.name == f.name);
            if !doc.files.iter().all(present) {
                return false;
            }
            // A plan version's own documents stay as written; others are renewed when
            // their inputs change (or on --force).
            doc.is_plan_document()
                || (!self.options.force
                    && doc
                        .files
                        .iter()
                        .all(|f| m.files.iter().any(|mf| mf.name == f.name && mf.inputs == doc_inputs[i])))
        };
        let ident_base = match case {
            CaseFile::Plan(p) => format!("samplan/{}/v{}", p.case_id, p.version),
            CaseFile::Information(i) => format!("samplan/information/{}", i.id),
        };
        let layout = self.options.braille;
        // Documents of one case are rendered one after another, which also lets typst
        // reuse what the plan's copies and the invitations share; cases run in parallel
        // (see [`crate::parallel`]).
        let rendered: Vec<Result<Option<RenderedFiles>, String>> = prepared
            .iter()
            .enumerate()
            .map(|(i, doc)| {
                if keep(i, doc) {
                    return Ok(None);
                }
                let ident = format!("{ident_base}/{}", doc.spec.name);
                render_document(&templates, doc, &ident, layout, content.as_ref(), Some(&dir))
                    .map(Some)
                    .map_err(|e| format!("{}: {e}", doc.spec.name))
            })
            .collect();
        let mut outputs = Vec::new();
        for result in rendered {
            outputs.push(result?);
        }
        drop(cpu);
        create_private_dir(&dir).map_err(|e| format!("{}: {}", dir.display(), io_sv(&e)))?;
        let mut files = Vec::new();
        let mut to_write = Vec::new();
        for ((doc, rendered), input) in prepared.iter().zip(outputs).zip(&doc_inputs) {
            match rendered {
                Some(written) => {
                    for (name, bytes) in written {
                        files.push(ManifestFile { name: name.clone(), sha256: sha256(&bytes), inputs: input.clone() });
                        to_write.push((dir.join(&name), bytes));
                    }
                }
                None => {
                    for f in &doc.files {
                        outcome.unchanged += 1;
                        let old = previous.as_ref().and_then(|m| m.files.iter().find(|mf| mf.name == f.name));
                        files.push(old.cloned().unwrap_or_else(|| ManifestFile {
                            name: f.name.clone(),
                            sha256: String::new(),
                            inputs: input.clone(),
                        }));
                    }
                }
            }
        }
        write_all_atomic(&to_write).map_err(|(path, e)| format!("{}: {}", path.display(), io_sv(&e)))?;
        outcome.written.extend(to_write.into_iter().map(|(path, _)| path));
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let manifest = Manifest {
            engine: ENGINE.to_string(),
            case_id: match case {
                CaseFile::Plan(p) => p.case_id.clone(),
                CaseFile::Information(i) => i.id.clone(),
            },
            version: match case {
                CaseFile::Plan(p) => p.version,
                CaseFile::Information(_) => 1,
            },
            routine: routine.id().to_string(),
            case_hash,
            plan_hash: version_hash,
            templates: templates.digest.clone(),
            inputs,
            files,
        };
        if previous.as_ref() != Some(&manifest) {
            let path = manifest.write(&dir).map_err(|e| format!("{}: {}", dir.display(), io_sv(&e)))?;
            outcome.written.push(path);
        }
        Ok(())
    }

    /// The stored plan content of the latest earlier version built in this output
    /// folder, if any.
    fn previous_version(&self, case: &CaseFile) -> Option<PlanContent> {
        let CaseFile::Plan(case) = case else { return None };
        (1..case.version).rev().find_map(|v| {
            let file = self.options.out.join(&case.case_id).join(format!("v{v}")).join(CONTENT_FILE);
            serde_json::from_slice(&std::fs::read(file).ok()?).ok()
        })
    }

    /// Every document of a checked case exactly as a build into this output folder
    /// renders it: data (with what changed since the version built before), date and
    /// files. `samplan data` prints this.
    pub fn documents(&self, case: &CaseFile) -> Result<Vec<Prepared>, String> {
        let routine = Routines::builtin().get(case.routine()).ok_or("okänd rutin")?;
        let diff = changes_since(case, self.previous_version(case).as_ref());
        Ok(prepare(case, routine, &case_hash(case), diff.as_ref()))
    }

    /// The template set for a case: `--templates`, else the case's `mallar:` (relative
    /// to the case file), else the built-in set. Each folder is read once.
    fn templates_for(&self, case_path: &Path, case: &CaseFile) -> Result<Arc<TemplateSet>, String> {
        let from_case = match case {
            CaseFile::Plan(p) => p.templates.as_deref(),
            CaseFile::Information(i) => i.templates.as_deref(),
        };
        let dir = match (&self.options.templates, from_case) {
            (Some(dir), _) => dir.clone(),
            (None, Some(rel)) => case_path.parent().unwrap_or(Path::new(".")).join(rel),
            (None, None) => return Ok(TemplateSet::builtin()),
        };
        let mut sets = self.template_sets.lock().map_err(|_| "mallcachen är trasig".to_string())?;
        if let Some(set) = sets.get(&dir) {
            return Ok(set.clone());
        }
        let set = Arc::new(TemplateSet::from_dir(&dir)?);
        sets.insert(dir, set.clone());
        Ok(set)
    }
}

/// What changed in a plan since `before`, the plan content of the version built before.
fn changes_since(case: &CaseFile, before: Option<&PlanContent>) -> Option<PreviousVersion> {
    match (case, before) {
        (CaseFile::Plan(p), Some(before)) => {
            Some(PreviousVersion { version: before.version, changes: changes(before, &content_of(p)) })
        }
        _ => None,
    }
}

/// Runs `build` for the case at `path`; a panic (a bug in samplan or typst) fails that
/// case alone instead of the whole batch. Its slot is freed as the panic unwinds, and
/// since the manifest is written last, the next build does the case again.
fn isolated(path: &Path, build: impl FnOnce() -> CaseOutcome) -> CaseOutcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(build)).unwrap_or_else(|_| CaseOutcome {
        file: path.display().to_string(),
        error: Some("internt fel i samplan när ärendet byggdes; rapportera felet (meddelandet ovan) till förvaltningen av samplan".to_string()),
        ..Default::default()
    })
}

/// Removes temporary files a killed build left behind (`.NAME.PID.tmp`).
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn case_hash_of<T: serde::Serialize>(value: &T) -> String {
    sha256(&serde_json::to_vec(value).unwrap_or_default())
}

/// SHA-256 of a case's canonical JSON: formatting and comments do not change it.
pub fn case_hash(case: &CaseFile) -> String {
    match case {
        CaseFile::Plan(p) => case_hash_of(p.as_ref()),
        CaseFile::Information(i) => case_hash_of(i.as_ref()),
    }
}

/// Every document of a case with its data and date. `previous` carries what changed
/// since the last version (for plans).
pub fn prepare(
    case: &CaseFile,
    routine: &Routine,
    case_hash: &str,
    previous: Option<&PreviousVersion>,
) -> Vec<Prepared> {
    match case {
        CaseFile::Plan(p) => {
            let braille = p.person.formats.contains(&Format::Braille);
            plan_documents(p)
                .into_iter()
                .map(|spec| {
                    let data = plan_case_data(p, routine, &spec, case_hash, previous);
                    let date = document_date(p, &spec);
                    Prepared::new(spec, data, date, braille)
                })
                .collect()
        }
        CaseFile::Information(info) => {
            let braille = info.formats.contains(&Format::Braille);
            information_documents(info)
                .into_iter()
                .map(|spec| {
                    let data = information_data(info, routine, &spec, case_hash);
                    let date = info.date.as_ref().and_then(|d| d.parse().ok()).unwrap_or(EDITION_DATE);
                    Prepared::new(spec, data, date, braille)
                })
                .collect()
        }
    }
}

/// A document's files: (file name, bytes).
pub type RenderedFiles = Vec<(String, Vec<u8>)>;

/// Renders every file of a document: (file name, bytes). `content` is the plan
/// content stored beside a plan version; `previous_calendar` is the folder where the calendar file
/// already sent for the meeting lies, if any (its SEQUENCE is counted on).
pub fn render_document(
    templates: &TemplateSet,
    doc: &Prepared,
    ident: &str,
    layout: Layout,
    content: Option<&PlanContent>,
    previous_calendar: Option<&Path>,
) -> Result<RenderedFiles, String> {
    let mut text: Option<String> = None;
    let mut pages: Option<Pages> = None;
    let mut out = Vec::new();
    for file in &doc.files {
        let bytes = match file.kind {
            OutputKind::Pdf => render_pdf(templates, file.template, &doc.data, doc.date, ident)?,
            OutputKind::Ics => {
                let previous = previous_calendar.and_then(|dir| std::fs::read_to_string(dir.join(&file.name)).ok());
                ics::meeting_ics_after(&doc.data, previous.as_deref())?.into_bytes()
            }
            OutputKind::Content => {
                let mut bytes = serde_json::to_vec_pretty(&content).map_err(|e| e.to_string())?;
                bytes.push(b'\n');
                bytes
            }
            kind => {
                if text.is_none() {
                    text = Some(templates.render_text(file.template, &doc.data)?);
                }
                let text = text.as_deref().unwrap_or_default();
                let mut paged = || pages.get_or_insert_with(|| layout_document(text, layout)).clone();
                match kind {
                    OutputKind::Text => text.as_bytes().to_vec(),
                    OutputKind::Brf => to_brf(&paged(), layout),
                    _ => {
                        let title = doc.data["dokument"]["titel"].as_str().unwrap_or("samplan");
                        let date = doc.date.to_string();
                        to_pef(&paged(), layout, &PefMeta { identifier: ident, title, date: &date }).into_bytes()
                    }
                }
            }
        };
        out.push((file.name.clone(), bytes));
    }
    Ok(out)
}

fn document_date(case: &PlanCase, spec: &DocSpec) -> CalendarDate {
    match spec.kind {
        DocKind::Invitation(_) | DocKind::PersonInvitation | DocKind::Calendar => invitation_date(case),
        _ => plan_date(case),
    }
}

/// What a document is made from: its data, the templates, the engine, the page size.
fn inputs_hash(doc: &Prepared, templates: &TemplateSet, braille: Layout) -> String {
    let data = serde_json::to_vec(&doc.data).unwrap_or_default();
    let files: Vec<&str> = doc.files.iter().map(|f| f.name.as_str()).collect();
    let text = format!(
        "{ENGINE}\n{}\n{}\n{}\n{}x{}\n{}\n",
        templates.digest,
        doc.spec.template,
        files.join(","),
        braille.cols,
        braille.rows,
        sha256(&data)
    );
    sha256(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_case_fails_alone() {
        let paths: Vec<PathBuf> = ["a.yaml", "b.yaml", "c.yaml"].iter().map(PathBuf::from).collect();
        let outcomes = parallel::map(&paths, 2, |path| {
            isolated(path, || {
                if path.ends_with("b.yaml") {
                    panic!("a bug");
                }
                CaseOutcome { file: path.display().to_string(), ..Default::default() }
            })
        });
        let failed: Vec<&str> = outcomes.iter().filter(|o| o.failed()).map(|o| o.file.as_str()).collect();
        assert_eq!(failed, ["b.yaml"]);
        assert!(outcomes[1].error.as_deref().is_some_and(|e| e.contains("internt fel")));
    }
}
