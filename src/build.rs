//! `samplan build`: check each case, render every document it yields, and write them
//! with a manifest. A case with errors is reported and not rendered; a case whose
//! rendering fails writes nothing; neither stops the other cases.
//!
//! A plan version once written is never overwritten: if `output/<ärende>/v<N>/` holds
//! documents made from different content, the build refuses that case and asks for a
//! new version. The same content again is skipped (or re-rendered with `--force`, which
//! gives the same bytes).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde_json::Value;

use crate::braille::format::{Layout, Pages, PefMeta, layout_document, to_brf, to_pef};
use crate::case::datetime::CalendarDate;
use crate::case::{CaseFile, Format, PlanCase};
use crate::check::{Checked, check_file, io_sv};
use crate::diagnostic::Diagnostic;
use crate::output::{Manifest, ManifestFile, create_private_dir, sha256, write_atomic};
use crate::render::data::{
    DocKind, DocSpec, EDITION_DATE, Variant, information_data, information_documents, invitation_date, plan_case_data,
    plan_date, plan_documents,
};
use crate::render::{ENGINE, TemplateSet, render_pdf};
use crate::routine::{Routine, Routines};

/// How to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Output folder (default `output/`).
    pub out: PathBuf,
    /// Template folder overriding the built-in set (and any `mallar:` key).
    pub templates: Option<PathBuf>,
    /// Re-render documents whose inputs have not changed.
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
    /// Documents skipped as unchanged.
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
        let mut files =
            vec![OutputFile { name: format!("{}.pdf", spec.name), kind: OutputKind::Pdf, template: spec.template }];
        let text_template = match spec.kind {
            DocKind::Plan => Some("plan.txt.jinja"),
            DocKind::PersonInvitation => Some("kallelse-person.txt.jinja"),
            DocKind::Information => Some("information.txt.jinja"),
            _ => None,
        };
        let braille = braille && spec.variant == Variant::Standard;
        if let (true, Some(template)) = (braille, text_template) {
            for (ext, kind) in [("txt", OutputKind::Text), ("pef", OutputKind::Pef), ("brf", OutputKind::Brf)] {
                files.push(OutputFile { name: format!("{}.{ext}", spec.name), kind, template });
            }
        }
        Prepared { spec, data, date, files }
    }
}

/// Builds cases; shares template sets across cases and threads.
pub struct Builder {
    options: BuildOptions,
    template_sets: Mutex<HashMap<PathBuf, Arc<TemplateSet>>>,
}

impl Builder {
    /// A builder with `options`.
    pub fn new(options: BuildOptions) -> Builder {
        Builder { options, template_sets: Mutex::new(HashMap::new()) }
    }

    /// Checks and builds one case file.
    pub fn build_file(&self, path: &Path) -> CaseOutcome {
        let file = path.display().to_string();
        let checked = match check_file(path) {
            Ok(c) => c,
            Err(e) => {
                return CaseOutcome { file, error: Some(io_sv(&e)), ..Default::default() };
            }
        };
        let mut outcome = CaseOutcome { file, diagnostics: checked.diagnostics.clone(), ..Default::default() };
        if checked.has_errors() {
            return outcome;
        }
        if let Err(e) = self.build_checked(path, &checked, &mut outcome) {
            outcome.error = Some(e);
        }
        outcome
    }

    fn build_checked(&self, path: &Path, checked: &Checked, outcome: &mut CaseOutcome) -> Result<(), String> {
        let case = checked.valid_case().ok_or("ärendet kunde inte läsas")?;
        let routine = Routines::builtin().get(case.routine()).ok_or("okänd rutin")?;
        let templates = self.templates_for(path, case)?;
        let case_hash = case_hash(case);
        let (dir, version) = match case {
            CaseFile::Plan(p) => (self.options.out.join(&p.case_id).join(format!("v{}", p.version)), p.version),
            CaseFile::Information(i) => (self.options.out.join("information").join(&i.id), 1),
        };
        let previous = Manifest::read(&dir);
        if let (Some(prev), CaseFile::Plan(p)) = (&previous, case)
            && prev.case_hash != case_hash
        {
            return Err(format!(
                "planen har ändrats men versionen är fortfarande {}: höj version och lägg till en rad i revisioner ({} är redan skriven och skrivs aldrig över)",
                p.version,
                dir.display()
            ));
        }
        let prepared = prepare(case, routine, &case_hash);
        let inputs: Vec<String> = prepared.iter().map(|d| inputs_hash(d, &templates, self.options.braille)).collect();
        let unchanged = |i: usize, doc: &Prepared| {
            !self.options.force
                && previous.as_ref().is_some_and(|m| {
                    doc.files.iter().all(|f| {
                        m.files.iter().any(|mf| mf.name == f.name && mf.inputs == inputs[i])
                            && dir.join(&f.name).is_file()
                    })
                })
        };
        let ident_base = match case {
            CaseFile::Plan(p) => format!("samplan/{}/v{}", p.case_id, p.version),
            CaseFile::Information(i) => format!("samplan/information/{}", i.id),
        };
        let layout = self.options.braille;
        let rendered: Vec<Result<Option<RenderedFiles>, String>> = prepared
            .par_iter()
            .enumerate()
            .map(|(i, doc)| {
                if unchanged(i, doc) {
                    return Ok(None);
                }
                render_document(&templates, doc, &format!("{ident_base}/{}", doc.spec.name), layout)
                    .map(Some)
                    .map_err(|e| format!("{}: {e}", doc.spec.name))
            })
            .collect();
        let mut outputs = Vec::new();
        for result in rendered {
            outputs.push(result?);
        }
        create_private_dir(&dir).map_err(|e| format!("{}: {}", dir.display(), io_sv(&e)))?;
        let mut files = Vec::new();
        for ((doc, rendered), input) in prepared.iter().zip(outputs).zip(&inputs) {
            match rendered {
                Some(written) => {
                    for (name, bytes) in written {
                        let path = dir.join(&name);
                        write_atomic(&path, &bytes).map_err(|e| format!("{}: {}", path.display(), io_sv(&e)))?;
                        outcome.written.push(path);
                        files.push(ManifestFile { name, sha256: sha256(&bytes), inputs: input.clone() });
                    }
                }
                None => {
                    for f in &doc.files {
                        outcome.unchanged += 1;
                        let digest = previous
                            .as_ref()
                            .and_then(|m| m.files.iter().find(|mf| mf.name == f.name))
                            .map(|mf| mf.sha256.clone())
                            .unwrap_or_default();
                        files.push(ManifestFile { name: f.name.clone(), sha256: digest, inputs: input.clone() });
                    }
                }
            }
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let manifest = Manifest {
            engine: ENGINE.to_string(),
            case_id: match case {
                CaseFile::Plan(p) => p.case_id.clone(),
                CaseFile::Information(i) => i.id.clone(),
            },
            version,
            routine: routine.id().to_string(),
            case_hash,
            templates: templates.digest.clone(),
            files,
        };
        if previous.as_ref() != Some(&manifest) {
            let path = manifest.write(&dir).map_err(|e| format!("{}: {}", dir.display(), io_sv(&e)))?;
            outcome.written.push(path);
        }
        Ok(())
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

/// SHA-256 of a case's canonical JSON: formatting and comments do not change it.
pub fn case_hash(case: &CaseFile) -> String {
    let json = match case {
        CaseFile::Plan(p) => serde_json::to_vec(p.as_ref()),
        CaseFile::Information(i) => serde_json::to_vec(i),
    };
    sha256(&json.unwrap_or_default())
}

/// Every document of a case with its data and date.
pub fn prepare(case: &CaseFile, routine: &Routine, case_hash: &str) -> Vec<Prepared> {
    match case {
        CaseFile::Plan(p) => {
            let braille = p.person.formats.contains(&Format::Braille);
            plan_documents(p)
                .into_iter()
                .map(|spec| {
                    let data = plan_case_data(p, routine, &spec, case_hash);
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

/// Renders every file of a document: (file name, bytes).
pub fn render_document(
    templates: &TemplateSet,
    doc: &Prepared,
    ident: &str,
    layout: Layout,
) -> Result<RenderedFiles, String> {
    let mut text: Option<String> = None;
    let mut pages: Option<Pages> = None;
    let mut out = Vec::new();
    for file in &doc.files {
        let bytes = match file.kind {
            OutputKind::Pdf => render_pdf(templates, file.template, &doc.data, doc.date, ident)?,
            kind => {
                if text.is_none() {
                    text = Some(templates.render_text(file.template, &doc.data)?);
                }
                let text = text.as_deref().unwrap_or_default();
                match kind {
                    OutputKind::Text => text.as_bytes().to_vec(),
                    OutputKind::Brf => to_brf(pages.get_or_insert_with(|| layout_document(text, layout)), layout),
                    _ => {
                        let pages = pages.get_or_insert_with(|| layout_document(text, layout));
                        let title = doc.data["dokument"]["titel"].as_str().unwrap_or("samplan");
                        let date = doc.date.to_string();
                        to_pef(pages, layout, &PefMeta { identifier: ident, title, date: &date }).into_bytes()
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
        DocKind::Invitation(_) | DocKind::PersonInvitation => invitation_date(case),
        _ => plan_date(case),
    }
}

/// What a document is made from: its data, the templates and the engine.
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
