//! `samplan build`: check each case, render every document it yields, and write them
//! with a manifest. A case with errors is reported and not rendered; a case whose
//! rendering fails writes nothing; neither stops the other cases.
//!
//! A case is built in four named steps, like a static-site generator's:
//!
//! 1. **guard the version** ([`Run::guard_version`]): if `output/<ärende>/v<N>/` was made
//!    from different plan content, refuse and ask for a new version (see
//!    [`crate::revision`]);
//! 2. **plan the documents** ([`Run::plan`]): what the case yields (its
//!    [`profile`]), each document's data, date, files and input hash, and whether the
//!    files already written can stay (a plan version's own documents always stay;
//!    others are renewed when their inputs change, or on `--force`);
//! 3. **render what changed** ([`render_changed`]), one document after another;
//! 4. **write with the manifest** ([`Run::write`]): every file atomically, each folder's
//!    `manifest.json` last, so a build killed at any moment leaves each final path absent
//!    or complete, and the next build finishes it.
//!
//! A case's folder is locked for the whole build ([`FolderLock`]), so builds of the same
//! case take turns.

pub mod files;
pub mod print;
pub mod profile;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::braille::format::Layout;
use crate::case::datetime::CalendarDate;
use crate::case::personnummer::mask_in;
use crate::case::{CaseFile, Format};
use crate::check::{Checked, check_file, io_sv};
use crate::diagnostic::Diagnostic;
use crate::document::data::{MovedMeetings, Source, TemplateData, template_data};
use crate::document::invitation::meeting_when;
use crate::document::outline::{Outline, Span, Texts};
use crate::document::plan::{PreviousVersion, meeting_held};
use crate::output::{FolderLock, LettersSent, Manifest, ManifestFile, create_private_dir, sha256, write_all_atomic};
use crate::parallel::{self, Slot, Slots};
use crate::render::{ENGINE, TemplateSet};
use crate::revision::{CONTENT_FILE, PlanContent, changes, content_of, content_of_case, plan_hash};
use crate::routine::{Routine, Routines};

pub use files::{Earlier, Forms, RenderedFile, RenderedFiles, render_document};
pub use print::PRINT_FILE;
use print::{Posted, PostedLetter, PrintJob};
pub use profile::{DocKind, DocSpec, OutputFile, OutputKind, Place, Variant};

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
    /// The speaking rate of the recorded forms, words per minute.
    pub speech_rate: u32,
    /// Set by another thread to stop the build before it writes anything (the
    /// workbench sets it when a build's time runs out or its client goes): checked while
    /// waiting for the case's folder and before each document is rendered.
    pub stop: Option<Arc<AtomicBool>>,
    /// How long to wait for a case's folder while another build holds it; `None`
    /// waits as long as it takes.
    pub longest_wait: Option<std::time::Duration>,
}

impl BuildOptions {
    /// Options for building into `out` with everything else as samplan's defaults.
    pub fn into_folder(out: PathBuf) -> BuildOptions {
        BuildOptions {
            out,
            templates: None,
            force: false,
            braille: Layout::default(),
            speech_rate: crate::speech::DEFAULT_WORDS_PER_MINUTE,
            stop: None,
            longest_wait: None,
        }
    }

    /// Whether the build has been told to stop.
    fn stopped(&self) -> bool {
        self.stop.as_ref().is_some_and(|s| s.load(Ordering::Relaxed))
    }
}

/// Why a case was not built, as a word programs can match (`kod` in the workbench's
/// answers, SERVE-API.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The case has check errors.
    CaseErrors,
    /// The plan changed and its version did not.
    VersionNeeded,
    /// Another build held the case's folder for as long as this one could wait.
    Busy,
    /// A file or folder could not be read or written.
    Io,
    /// A template could not be read, or a document could not be rendered from it.
    Template,
    /// The build was told to stop before it wrote anything.
    Stopped,
    /// samplan itself failed (a bug); nothing of the case was written.
    Internal,
}

impl Refusal {
    /// The word for it.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::CaseErrors => "fel-i-ärendet",
            Refusal::VersionNeeded => "version-krävs",
            Refusal::Busy => "upptagen",
            Refusal::Io => "io",
            Refusal::Template => "mall",
            Refusal::Stopped => "avbruten",
            Refusal::Internal => "internt-fel",
        }
    }
}

/// Why a build step failed: the kind, and what to tell the user in Swedish.
#[derive(Debug)]
struct BuildError {
    refusal: Refusal,
    message: String,
}

impl BuildError {
    fn new(refusal: Refusal, message: impl Into<String>) -> BuildError {
        BuildError { refusal, message: message.into() }
    }

    fn io(message: impl Into<String>) -> BuildError {
        BuildError::new(Refusal::Io, message)
    }

    fn stopped() -> BuildError {
        BuildError::new(Refusal::Stopped, "bygget avbröts innan något skrevs")
    }
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
    /// What kind of failure that was; also set for check errors.
    pub refusal: Option<Refusal>,
    /// What was left out though the case was built (the recorded forms where the
    /// speech engine is missing), in Swedish.
    pub notices: Vec<String>,
}

impl CaseOutcome {
    /// Whether the case failed (check errors or a build error).
    pub fn failed(&self) -> bool {
        self.error.is_some() || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A document ready to render.
pub struct Prepared {
    /// Which document.
    pub spec: DocSpec,
    /// Its data.
    pub data: TemplateData,
    /// Its data as the JSON its templates read (made once, for hashing and rendering).
    pub json: Vec<u8>,
    /// Its date.
    pub date: CalendarDate,
    /// The files it is written as.
    pub files: Vec<OutputFile>,
    /// For a plan or an organisation's copy, its FHIR bundle, made from the case, that
    /// takes the PDF once it is rendered.
    pub fhir: Option<crate::fhir::Draft>,
}

impl Prepared {
    fn new(spec: DocSpec, source: &Source, formats: &[Format]) -> Prepared {
        let data = template_data(&spec, source);
        let json = data.to_json();
        let date = spec.kind.date(source.case);
        let mut files = spec.outputs(formats);
        // Without the speech engine the recorded forms cannot be made; the build says so.
        if files.iter().any(|f| f.kind.is_recorded()) && crate::speech::available().is_err() {
            files.retain(|f| !f.kind.is_recorded());
        }
        // Nor braille in the person's language without liblouis.
        if spec.language.is_some() && crate::braille::louis::available().is_err() {
            files.retain(|f| !matches!(f.kind, OutputKind::Text | OutputKind::Pef | OutputKind::Brf));
        }
        let fhir = match (source.case, &spec.kind) {
            (CaseFile::Plan(case), kind) if files.iter().any(|f| f.kind == OutputKind::Fhir) => {
                let recipient = if let DocKind::PlanCopy(org) = kind { Some(org.as_str()) } else { None };
                Some(crate::fhir::Draft::new(case, recipient))
            }
            _ => None,
        };
        Prepared { spec, data, json, date, files, fhir }
    }

    /// Whether it has a recorded form.
    pub fn is_recorded(&self) -> bool {
        self.files.iter().any(|f| f.kind.is_recorded())
    }

    /// The typst template of its PDF, if it is one.
    pub fn pdf_template(&self) -> Option<&'static str> {
        self.spec.kind.pdf_template(self.spec.variant)
    }

    /// What it says, decided once ([`crate::document`]), for the kinds whose content is
    /// decided in Rust; none for the others.
    pub fn outline(&self, templates: &TemplateSet) -> Option<Result<crate::document::outline::Outline, String>> {
        if !self.spec.kind.outlined() {
            return None;
        }
        let texts = templates.texts_in(self.spec.language.as_deref());
        let outline = texts.and_then(|(texts, easy)| {
            let mut outline = crate::document::outline(&self.spec, &self.data, texts, easy)?;
            let words = if self.spec.variant == Variant::EasyRead { easy } else { texts };
            self.say_if_unreviewed(&mut outline, words)?;
            Ok(outline)
        });
        Some(outline.map(|mut outline| {
            // A letter's head shows the organisation's logo when its template folder has one.
            if let Some(head) = outline.head.as_mut().filter(|h| h.window) {
                head.logo = LOGO_FILES.iter().find(|name| templates.has(name)).map(|name| name.to_string());
            }
            outline
        }))
    }

    /// A document in the person's language whose pack no one has reviewed says so at
    /// its end, in that language (`dokument.ogranskad`).
    fn say_if_unreviewed(&self, outline: &mut Outline, words: &serde_json::Value) -> Result<(), String> {
        let Some(code) = self.spec.language.as_deref() else { return Ok(()) };
        if crate::language::Packs::builtin().get(code).is_some_and(|pack| pack.reviewed()) {
            return Ok(());
        }
        let note = Span::Text(Texts::new(words).get("dokument.ogranskad")?);
        match outline.closing.as_mut() {
            Some(closing) => closing.extend([Span::Break, note]),
            None => outline.closing = Some(vec![note]),
        }
        Ok(())
    }

    /// Its words as text (the `.txt` file, and the source of braille and speech),
    /// written from its outline; none for the calendar file, which has none.
    pub fn text(&self, templates: &TemplateSet) -> Option<Result<String, String>> {
        Some(self.outline(templates)?.map(|o| o.text()))
    }

    /// Its PDF, laid out from its data and, when it has one, its outline.
    pub fn pdf(&self, templates: &TemplateSet, ident: &str) -> Result<Vec<u8>, String> {
        let template = self.pdf_template().ok_or("dokumentet har ingen PDF-mall")?;
        let outline = match self.outline(templates) {
            Some(outline) => {
                // In print, a date, a time and a phone number are never broken across lines.
                let mut value = serde_json::to_value(outline?).map_err(|e| e.to_string())?;
                keep_strings_together(&mut value);
                if self.data.document().direction == crate::language::Direction::RightToLeft.code() {
                    isolate_facts(&mut value);
                }
                Some(serde_json::to_vec(&value).map_err(|e| e.to_string())?)
            }
            None => None,
        };
        crate::render::render_pdf(templates, template, &self.json, outline, self.date, ident)
    }

    /// What it is made from: its data, the templates, the engine, the braille page
    /// size, and for a recorded form the speaking rate and the speech tools. Its files
    /// are rendered again only when this changes.
    fn inputs(&self, templates: &TemplateSet, braille: Layout, speech_rate: u32) -> String {
        let files: Vec<&str> = self.files.iter().map(|f| f.name.as_str()).collect();
        let speech = speech_inputs(self.is_recorded(), speech_rate);
        let text = format!(
            "{ENGINE}\n{}\n{}\n{}\n{}x{}\n{}\n{speech}\n",
            templates.digest,
            self.pdf_template().unwrap_or_default(),
            files.join(","),
            braille.cols,
            braille.rows,
            sha256(&self.json)
        );
        sha256(text.as_bytes())
    }
}

/// Every text in an outline (as JSON) with no-break spaces where a line must not
/// break ([`crate::breaks::keep_together`]).
fn keep_strings_together(value: &mut serde_json::Value) {
    map_strings(value, &crate::breaks::keep_together);
}

/// Every text an outline (as JSON) shows, in a right-to-left document, with its
/// left-to-right facts isolated ([`crate::language::isolate_ltr_runs`]); not the words
/// that name a part (`slag`, `symbol`), a logo's file, or a link's address.
fn isolate_facts(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(text) => *text = crate::language::isolate_ltr_runs(text),
        Value::Array(items) => items.iter_mut().for_each(isolate_facts),
        Value::Object(fields) => {
            let link = fields.get("slag").and_then(Value::as_str).is_some_and(|k| k == "webb" || k == "e-post");
            if !link {
                for (key, field) in fields.iter_mut() {
                    if !matches!(key.as_str(), "slag" | "symbol" | "logotyp") {
                        isolate_facts(field);
                    }
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// Every text in `value` (JSON) through `change`.
fn map_strings(value: &mut serde_json::Value, change: &dyn Fn(&str) -> String) {
    use serde_json::Value;
    match value {
        Value::String(text) => *text = change(text),
        Value::Array(items) => items.iter_mut().for_each(|v| map_strings(v, change)),
        Value::Object(fields) => fields.values_mut().for_each(|v| map_strings(v, change)),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The files of a template folder that are the organisation's logo, in the order
/// looked for.
pub const LOGO_FILES: [&str; 2] = ["logo.svg", "logo.png"];

/// Every document of a case with its data and date. `previous` carries what changed
/// since the last version (for plans).
pub fn prepare(
    case: &CaseFile,
    routine: &Routine,
    case_hash: &str,
    previous: Option<&PreviousVersion>,
    moved: &MovedMeetings,
) -> Vec<Prepared> {
    let source = Source { case, routine, case_hash, previous, moved };
    let formats = match case {
        CaseFile::Plan(p) => &p.person.formats,
        CaseFile::Information(i) => &i.formats,
    };
    profile::documents(case).into_iter().map(|spec| Prepared::new(spec, &source, formats)).collect()
}

/// The name of every file the case yields, in order: part of what a case is built
/// from, so an output folder written before samplan made a kind of file (the FHIR
/// bundles) gets it on the next build, without a document being rendered to find out.
fn file_names(case: &CaseFile) -> String {
    let formats = match case {
        CaseFile::Plan(p) => &p.person.formats,
        CaseFile::Information(i) => &i.formats,
    };
    profile::documents(case)
        .iter()
        .flat_map(|spec| spec.outputs(formats))
        .map(|file| file.name)
        .collect::<Vec<_>>()
        .join(",")
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
        let file = mask_in(&path.display().to_string());
        let checked = match check_file(path) {
            Ok(c) => c,
            Err(e) => {
                return CaseOutcome { file, error: Some(io_sv(&e)), refusal: Some(Refusal::Io), ..Default::default() };
            }
        };
        let mut outcome = CaseOutcome { file, diagnostics: checked.diagnostics.clone(), ..Default::default() };
        if checked.has_errors() {
            outcome.refusal = Some(Refusal::CaseErrors);
            return outcome;
        }
        if let Err(e) = self.build_checked(path, &checked, &mut outcome, slot, cpu) {
            // Errors name files and folders; a personnummer in one is never shown.
            outcome.error = Some(mask_in(&e.message));
            outcome.refusal = Some(e.refusal);
        }
        // typst memoises everything it computes; without eviction a batch of a thousand
        // cases holds gigabytes. What the last few cases did not use again is dropped.
        typst::comemo::evict(EVICT_AFTER_CASES);
        outcome
    }

    /// Builds a checked case in the four steps; the CPU slot `cpu` (from `slots`) is
    /// given up while it waits for the case's folder and once the documents are
    /// rendered, before they are written.
    fn build_checked<'s>(
        &self,
        path: &Path,
        checked: &Checked,
        outcome: &mut CaseOutcome,
        mut cpu: Option<Slot<'s>>,
        slots: Option<&'s Slots>,
    ) -> Result<(), BuildError> {
        let internal = |what: &str| BuildError::new(Refusal::Internal, what);
        let case = checked.valid_case().ok_or_else(|| internal("ärendet kunde inte läsas"))?;
        let routine = Routines::builtin().get(case.routine()).ok_or_else(|| internal("okänd rutin"))?;
        let templates = self.templates_for(path, case).map_err(|e| BuildError::new(Refusal::Template, e))?;
        let _lock = self.lock(case, outcome, &mut cpu, slots)?;
        if asks_for_recording(case)
            && let Err(why) = crate::speech::available()
        {
            outcome.notices.push(why);
        }
        if asks_for_braille_in_language(case)
            && let Err(why) = crate::braille::louis::available()
        {
            outcome.notices.push(why);
        }
        let run = Run::start(self, case, routine, &templates);
        run.guard_version().map_err(|e| BuildError::new(Refusal::VersionNeeded, e))?;
        if let Some(files) = run.unchanged() {
            outcome.unchanged += files;
            return Ok(());
        }
        let planned = run.plan();
        let rendered = render_changed(&planned, &templates, &self.options, &run)?;
        drop(cpu);
        // The last moment a stop is heeded: from here the files are written whole.
        if self.options.stopped() {
            return Err(BuildError::stopped());
        }
        run.write(&planned, rendered, outcome).map_err(BuildError::io)
    }

    /// Locks the case's folder; while another build holds it, says so and gives up the
    /// CPU slot until it is free, or until the build is told to stop.
    fn lock<'s>(
        &self,
        case: &CaseFile,
        outcome: &CaseOutcome,
        cpu: &mut Option<Slot<'s>>,
        slots: Option<&'s Slots>,
    ) -> Result<FolderLock, BuildError> {
        let root = self.case_root(case);
        let mut waited = false;
        let waiting = || {
            waited = true;
            *cpu = None;
            (self.waiting)(&format!(
                "{}: väntar – en annan körning av samplan bygger samma ärende i {} just nu",
                outcome.file,
                root.display()
            ));
        };
        let started = std::time::Instant::now();
        let locked = match (&self.options.stop, self.options.longest_wait) {
            (None, None) => FolderLock::acquire(&root, waiting).map(Some),
            (_, longest) => FolderLock::acquire_unless(&root, waiting, || {
                self.options.stopped() || longest.is_some_and(|l| started.elapsed() >= l)
            }),
        };
        let lock = locked.map_err(|e| BuildError::io(format!("{}: {}", root.display(), io_sv(&e))))?;
        let Some(lock) = lock else {
            return Err(BuildError::new(
                Refusal::Busy,
                "en annan körning av samplan bygger samma ärende just nu; försök igen om en stund",
            ));
        };
        if waited {
            *cpu = slots.map(Slots::take);
        }
        Ok(lock)
    }

    /// The folder of everything a case writes, locked while it is built.
    pub fn case_root(&self, case: &CaseFile) -> PathBuf {
        match case {
            CaseFile::Plan(p) => self.options.out.join(&p.case_id),
            CaseFile::Information(i) => self.options.out.join("information").join(&i.id),
        }
    }

    /// Every folder a build of `case` writes to.
    pub fn case_folders(&self, case: &CaseFile) -> Vec<PathBuf> {
        places_of(case).into_iter().map(|place| self.folder(case, place)).collect()
    }

    /// The folder a place of a case stands for.
    pub fn folder(&self, case: &CaseFile, place: Place) -> PathBuf {
        let root = self.case_root(case);
        match (place, case) {
            (Place::Version, CaseFile::Plan(p)) => root.join(format!("v{}", p.version)),
            (Place::Meeting(n), CaseFile::Plan(_)) => root.join(format!("mote-{n}")),
            (Place::Case, _) | (Place::Version | Place::Meeting(_), CaseFile::Information(_)) => root,
        }
    }

    /// The meetings not yet held whose letters, written before into this output folder,
    /// announced another time or place, with what they announced. `sent` gives what a
    /// place's manifest records of its letters.
    fn moved_meetings(&self, case: &CaseFile, sent: impl Fn(Place) -> Option<LettersSent>) -> MovedMeetings {
        let CaseFile::Plan(p) = case else { return MovedMeetings::new() };
        (1..=p.meetings.len())
            .filter(|n| !meeting_held(p, *n))
            .filter_map(|n| {
                let before = sent(Place::Meeting(n))?;
                let now = meeting_when(&p.meetings[n - 1]);
                LettersSent::next(Some(&before), now).moved_from.map(|m| (n, m))
            })
            .collect()
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
        let moved = self.moved_meetings(case, |place| Manifest::read(&self.folder(case, place))?.letters);
        Ok(prepare(case, routine, &case_hash(case), diff.as_ref(), &moved))
    }

    /// The template set for a case: `--templates`, else the case's `mallar:` (relative
    /// to the case file), else the built-in set. Each folder is read once.
    fn templates_for(&self, case_path: &Path, case: &CaseFile) -> Result<Arc<TemplateSet>, String> {
        let Some(dir) = self.options.templates.clone().or_else(|| case_template_dir(case_path, case)) else {
            return Ok(TemplateSet::builtin());
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

/// The folder a case's `mallar:` names, relative to the case file; none without one.
pub fn case_template_dir(case_path: &Path, case: &CaseFile) -> Option<PathBuf> {
    let rel = match case {
        CaseFile::Plan(p) => p.templates.as_deref(),
        CaseFile::Information(i) => i.templates.as_deref(),
    }?;
    Some(case_path.parent().unwrap_or(Path::new(".")).join(rel))
}

/// One build of one case: the case, what the output folder holds from before, and the
/// hash of everything the case's files are made from.
struct Run<'a> {
    builder: &'a Builder,
    case: &'a CaseFile,
    routine: &'a Routine,
    templates: &'a TemplateSet,
    case_hash: String,
    /// The version the plan content must stay the same within (the case hash of a leaflet).
    version_hash: String,
    /// The plan content of the version built before, if any.
    previous_version: Option<PlanContent>,
    /// Everything the case's files are made from, to skip an unchanged case whole.
    inputs: String,
    /// Each place the case writes to, with its folder and its manifest from before.
    places: BTreeMap<Place, (PathBuf, Option<Manifest>)>,
}

impl<'a> Run<'a> {
    /// Reads what the output folder holds for `case` and works out its input hash.
    fn start(builder: &'a Builder, case: &'a CaseFile, routine: &'a Routine, templates: &'a TemplateSet) -> Run<'a> {
        let case_hash = case_hash(case);
        let previous_version = builder.previous_version(case);
        let version_hash = match case {
            CaseFile::Plan(p) => plan_hash(p),
            CaseFile::Information(i) => hash_json(i.as_ref()),
        };
        let braille = builder.options.braille;
        let stored = previous_version.as_ref().map(hash_json).unwrap_or_default();
        let speech = speech_inputs(asks_for_recording(case), builder.options.speech_rate);
        let inputs = sha256(
            format!(
                "{ENGINE}\n{case_hash}\n{}\n{}x{}\n{stored}\n{speech}\n{}\n",
                templates.digest,
                braille.cols,
                braille.rows,
                file_names(case)
            )
            .as_bytes(),
        );
        let places = places_of(case)
            .into_iter()
            .map(|place| {
                let dir = builder.folder(case, place);
                remove_stale_temp_files(&dir);
                let manifest = Manifest::read(&dir);
                (place, (dir, manifest))
            })
            .collect();
        Run { builder, case, routine, templates, case_hash, version_hash, previous_version, inputs, places }
    }

    /// Step 1: a version's plan documents, once written, are never made again from
    /// other plan content; a changed plan needs a new version.
    fn guard_version(&self) -> Result<(), String> {
        let (CaseFile::Plan(p), Some((dir, Some(written)))) = (self.case, self.places.get(&Place::Version)) else {
            return Ok(());
        };
        if written.plan_hash == self.version_hash {
            return Ok(());
        }
        Err(format!(
            "planen har ändrats men versionen är fortfarande {}: höj version och lägg till en rad i revisioner ({} är redan skriven och skrivs aldrig över)",
            p.version,
            dir.display()
        ))
    }

    /// When nothing at all changed since the last build (the case folder's manifest
    /// made from the same inputs, every place's manifest and files there), the number of
    /// files: the case is done without preparing a single document.
    fn unchanged(&self) -> Option<usize> {
        if self.builder.options.force {
            return None;
        }
        let (_, case) = self.places.get(&Place::Case)?;
        case.as_ref().filter(|m| m.inputs == self.inputs)?;
        let mut files = 0;
        for (dir, manifest) in self.places.values() {
            let m = manifest.as_ref()?;
            if !m.files.iter().all(|f| dir.join(&f.name).is_file()) {
                return None;
            }
            files += m.files.len();
        }
        Some(files)
    }

    /// Whether the documents of `place` stay as they are once written: a meeting that
    /// has been held is history (a plan version's own documents always stay, see
    /// [`DocKind::is_plan_version`]).
    fn is_history(&self, place: Place) -> bool {
        match (place, self.case) {
            (Place::Meeting(n), CaseFile::Plan(p)) => meeting_held(p, n),
            (Place::Case | Place::Version, _) | (Place::Meeting(_), CaseFile::Information(_)) => false,
        }
    }

    /// Step 2: every document with its input hash, and whether its files stay as they
    /// are: a plan version's own documents always do once written; others when their
    /// inputs are unchanged (and not on `--force`).
    fn plan(&self) -> Vec<Planned> {
        let diff = changes_since(self.case, self.previous_version.as_ref());
        let options = &self.builder.options;
        let moved =
            self.builder.moved_meetings(self.case, |place| self.places.get(&place)?.1.as_ref()?.letters.clone());
        prepare(self.case, self.routine, &self.case_hash, diff.as_ref(), &moved)
            .into_iter()
            .map(|doc| {
                let inputs = doc.inputs(self.templates, options.braille, options.speech_rate);
                let keep = self.can_keep(&doc, &inputs);
                let stays = doc.spec.kind.is_plan_version() || self.is_history(doc.spec.kind.place());
                Planned { doc, inputs, keep, stays }
            })
            .collect()
    }

    fn can_keep(&self, doc: &Prepared, inputs: &str) -> bool {
        let place = doc.spec.kind.place();
        let Some((dir, Some(written))) = self.places.get(&place) else {
            return false;
        };
        let entry = |f: &OutputFile| written.files.iter().find(|w| w.name == f.name);
        let present = doc.files.iter().all(|f| dir.join(&f.name).is_file() && entry(f).is_some());
        let same = doc.files.iter().all(|f| entry(f).is_some_and(|w| w.inputs == inputs));
        let stays = doc.spec.kind.is_plan_version() || self.is_history(place);
        present && (stays || (!self.builder.options.force && same))
    }

    /// What a document's folder already holds.
    fn earlier(&self, doc: &Prepared) -> Earlier<'_> {
        match self.places.get(&doc.spec.kind.place()) {
            Some((dir, written)) => Earlier { dir: Some(dir), files: written.as_ref().map_or(&[], |m| &m.files) },
            None => Earlier::default(),
        }
    }

    /// The manifest entry of a file already written to `place` and still there.
    fn written_entry(&self, place: Place, name: &str) -> Option<&ManifestFile> {
        let (dir, written) = self.places.get(&place)?;
        written.as_ref()?.files.iter().find(|w| w.name == name).filter(|_| dir.join(name).is_file())
    }

    /// The folder a document's files go to.
    fn dir(&self, doc: &Prepared) -> &Path {
        self.places.get(&doc.spec.kind.place()).map(|(dir, _)| dir.as_path()).unwrap_or(Path::new("."))
    }

    /// The name a document's PDF and PEF carry as their identifier: where it lies.
    fn ident(&self, doc: &Prepared) -> String {
        let root = self.builder.options.out.as_path();
        let dir = self.dir(doc).strip_prefix(root).unwrap_or(Path::new(""));
        let dir: Vec<String> = dir.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        format!("samplan/{}/{}", dir.join("/"), doc.spec.name)
    }

    /// Step 4: writes the rendered files, place by place, each folder's manifest last.
    /// A folder where nothing was rendered keeps its manifest as it was (a plan version
    /// or a held meeting stays byte for byte); the case folder's manifest, which says
    /// what the whole case was built from, is written whenever it changed.
    fn write(
        &self,
        planned: &[Planned],
        rendered: Vec<Option<RenderedFiles>>,
        outcome: &mut CaseOutcome,
    ) -> Result<(), String> {
        let mut by_place: BTreeMap<Place, PlaceWrites> = BTreeMap::new();
        by_place.insert(Place::Case, PlaceWrites::default());
        for (plan, files) in planned.iter().zip(rendered) {
            let place = plan.doc.spec.kind.place();
            let (dir, written) = &self.places[&place];
            let (entries, to_write) = by_place.entry(place).or_default();
            match files {
                Some(files) => {
                    for file in files {
                        // A plan version or a held meeting that gains a form (a format
                        // asked for later, or the speech engine installed) keeps every
                        // file it already has exactly as it was sent.
                        if plan.stays
                            && let Some(old) = self.written_entry(place, &file.name)
                        {
                            outcome.unchanged += 1;
                            entries.push(old.clone());
                            continue;
                        }
                        entries.push(ManifestFile {
                            name: file.name.clone(),
                            sha256: sha256(&file.bytes),
                            inputs: plan.inputs.clone(),
                            spoken_from: file.spoken_from,
                        });
                        if file.kept {
                            outcome.unchanged += 1;
                        } else {
                            to_write.push((dir.join(&file.name), file.bytes));
                        }
                    }
                }
                None => {
                    for f in &plan.doc.files {
                        outcome.unchanged += 1;
                        let old = written.as_ref().and_then(|m| m.files.iter().find(|w| w.name == f.name));
                        entries.push(old.cloned().unwrap_or_else(|| ManifestFile {
                            name: f.name.clone(),
                            sha256: String::new(),
                            inputs: plan.inputs.clone(),
                            spoken_from: None,
                        }));
                    }
                }
            }
        }
        for (place, writes) in by_place.iter_mut() {
            if let Place::Meeting(n) = *place {
                self.add_print_file(n, planned, writes)?;
            }
        }
        for (place, (mut entries, to_write)) in by_place {
            let (dir, written) = &self.places[&place];
            if to_write.is_empty() && written.is_some() && place != Place::Case {
                continue;
            }
            create_private_dir(dir).map_err(|e| format!("{}: {}", dir.display(), io_sv(&e)))?;
            write_all_atomic(&to_write).map_err(|(path, e)| format!("{}: {}", path.display(), io_sv(&e)))?;
            outcome.written.extend(to_write.into_iter().map(|(path, _)| path));
            entries.sort_by(|a, b| a.name.cmp(&b.name));
            let mut manifest = self.manifest(entries);
            manifest.letters = self.letters_sent(place, written.as_ref());
            if written.as_ref() != Some(&manifest) {
                let path = manifest.write(dir).map_err(|e| format!("{}: {}", dir.display(), io_sv(&e)))?;
                outcome.written.push(path);
            }
        }
        Ok(())
    }

    /// Adds a meeting's print file ([`PRINT_FILE`]) to what is written to its folder:
    /// made again whenever a file of the folder is written (or it is missing), kept as
    /// it was once a meeting has been held and its folder written, none when no letter
    /// goes by post.
    fn add_print_file(&self, n: usize, planned: &[Planned], writes: &mut PlaceWrites) -> Result<(), String> {
        let place = Place::Meeting(n);
        let (entries, to_write) = writes;
        let old = self.written_entry(place, PRINT_FILE);
        let (dir, written) = &self.places[&place];
        if (self.is_history(place) && written.is_some()) || (to_write.is_empty() && old.is_some()) {
            entries.extend(old.cloned());
            return Ok(());
        }
        let mut letters = Vec::new();
        let mut separate = Vec::new();
        let mut date = None;
        for plan in planned.iter().filter(|p| p.doc.spec.kind.place() == place) {
            for file in &plan.doc.files {
                let path = dir.join(&file.name);
                let bytes = || match to_write.iter().find(|(p, _)| *p == path) {
                    Some((_, bytes)) => Ok(bytes.clone()),
                    None => std::fs::read(&path).map_err(|e| format!("{}: {}", path.display(), io_sv(&e))),
                };
                let to_person = matches!(plan.doc.spec.kind, DocKind::PersonInvitation(_));
                match print::posted(&plan.doc, file, bytes)? {
                    Some(Posted::Printed(letter)) => {
                        date.get_or_insert(plan.doc.date);
                        letters.push((!to_person, letter));
                    }
                    Some(Posted::Separate(form)) => separate.push(form),
                    None => {}
                }
            }
        }
        let Some(date) = date else { return Ok(()) };
        // The person's letters first, in each of their forms; then the others in the
        // order they are invited.
        letters.sort_by_key(|(others, _)| *others);
        let letters: Vec<PostedLetter> = letters.into_iter().map(|(_, l)| l).collect();
        let case_id = match self.case {
            CaseFile::Plan(p) => p.case_id.as_str(),
            CaseFile::Information(i) => i.id.as_str(),
        };
        let ident = format!("samplan/{case_id}/mote-{n}/utskrift");
        let job = PrintJob { templates: self.templates, case_id, meeting: n, date, ident: &ident };
        let bytes = print::print_file(&job, &letters, &separate)?;
        let made_from: Vec<String> = letters.iter().map(|l| format!("{} {}", l.file, sha256(&l.pdf))).collect();
        entries.push(ManifestFile {
            name: PRINT_FILE.to_string(),
            sha256: sha256(&bytes),
            inputs: sha256(made_from.join("\n").as_bytes()),
            spoken_from: None,
        });
        to_write.push((dir.join(PRINT_FILE), bytes));
        Ok(())
    }

    /// What the letters of a meeting's folder announce once written (none elsewhere).
    fn letters_sent(&self, place: Place, written: Option<&Manifest>) -> Option<LettersSent> {
        let (Place::Meeting(n), CaseFile::Plan(p)) = (place, self.case) else { return None };
        let now = meeting_when(p.meetings.get(n.wrapping_sub(1))?);
        Some(LettersSent::next(written.and_then(|m| m.letters.as_ref()), now))
    }

    fn manifest(&self, files: Vec<ManifestFile>) -> Manifest {
        let (case_id, version) = match self.case {
            CaseFile::Plan(p) => (p.case_id.clone(), p.version),
            CaseFile::Information(i) => (i.id.clone(), 1),
        };
        Manifest {
            engine: ENGINE.to_string(),
            case_id,
            version,
            routine: self.routine.id().to_string(),
            case_hash: self.case_hash.clone(),
            plan_hash: self.version_hash.clone(),
            templates: self.templates.digest.clone(),
            inputs: self.inputs.clone(),
            files,
            letters: None,
        }
    }
}

/// What a build writes to one place: the manifest's entries and the files to write.
type PlaceWrites = (Vec<ManifestFile>, Vec<(PathBuf, Vec<u8>)>);

/// A document planned: ready to render, with its input hash, and whether the files
/// already written stay.
struct Planned {
    doc: Prepared,
    inputs: String,
    keep: bool,
    /// Whether its files, once written, are never written again.
    stays: bool,
}

/// What recorded forms are made from besides their text, for the input hashes of a
/// document and of a whole case: the rate and the speech tools' versions, or that the
/// tools are missing (so installing them makes the forms); nothing when `recorded` is
/// false.
fn speech_inputs(recorded: bool, rate: u32) -> String {
    match (recorded, crate::speech::available()) {
        (false, _) => String::new(),
        (true, Ok(())) => format!("{rate} {}", crate::speech::tools_version()),
        (true, Err(_)) => format!("{rate} utan talsyntes"),
    }
}

/// Whether the case asks for braille in the person's language, with a pack that has a
/// braille table.
fn asks_for_braille_in_language(case: &CaseFile) -> bool {
    let CaseFile::Plan(plan) = case else { return false };
    let table = plan.person.language.as_deref().and_then(|code| crate::language::Packs::builtin().get(code));
    plan.person.formats.contains(&Format::Braille) && table.is_some_and(|pack| pack.about.braille_table.is_some())
}

/// Whether the case asks for a recorded form.
fn asks_for_recording(case: &CaseFile) -> bool {
    let formats = match case {
        CaseFile::Plan(p) => &p.person.formats,
        CaseFile::Information(i) => &i.formats,
    };
    formats.contains(&Format::Recorded)
}

/// The places a case writes to: always its own folder, and those of its documents.
fn places_of(case: &CaseFile) -> Vec<Place> {
    let mut places: Vec<Place> = profile::documents(case).iter().map(|d| d.kind.place()).collect();
    places.push(Place::Case);
    places.sort();
    places.dedup();
    places
}

/// Step 3: renders every document whose files do not stay, one after another (which
/// lets typst reuse what a plan's copies and a meeting's invitations share); cases run
/// in parallel (see [`crate::parallel`]). `None` for a document that stays.
fn render_changed(
    planned: &[Planned],
    templates: &TemplateSet,
    options: &BuildOptions,
    run: &Run,
) -> Result<Vec<Option<RenderedFiles>>, BuildError> {
    let forms = files::Forms { braille: options.braille, speech_rate: options.speech_rate };
    let content = content_of_case(run.case);
    planned
        .iter()
        .map(|plan| {
            if plan.keep {
                return Ok(None);
            }
            if options.stopped() {
                return Err(BuildError::stopped());
            }
            let doc = &plan.doc;
            render_document(templates, doc, &run.ident(doc), forms, content.as_ref(), run.earlier(doc))
                .map(Some)
                .map_err(|e| BuildError::new(Refusal::Template, format!("{}: {e}", doc.spec.name)))
        })
        .collect()
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
        refusal: Some(Refusal::Internal),
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

fn hash_json<T: serde::Serialize>(value: &T) -> String {
    sha256(&serde_json::to_vec(value).unwrap_or_default())
}

/// SHA-256 of a case's canonical JSON: formatting and comments do not change it.
pub fn case_hash(case: &CaseFile) -> String {
    match case {
        CaseFile::Plan(p) => hash_json(p.as_ref()),
        CaseFile::Information(i) => hash_json(i.as_ref()),
    }
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
