//! Rendering one document into its files: each output kind ([`OutputKind`]) from the
//! document's data, in one exhaustive `match`, so a new output format is one new arm
//! the compiler asks for. The text form (`.txt`) is made once and is the source of
//! every form made from the document's words: braille, and the recorded forms (read
//! aloud once, the MP3 made once and put inside the EPUB as it is).

use std::path::Path;

use super::Prepared;
use super::profile::OutputKind;
use crate::braille::format::{Layout, Pages, PefMeta, layout_document_with, to_brf, to_pef};
use crate::document::calendar as ics;
use crate::document::data::TemplateData;
use crate::output::{ManifestFile, sha256};
use crate::render::TemplateSet;
use crate::revision::PlanContent;
use crate::speech::{Recording, Script};

/// How the person's own forms are made: braille pages and the speaking rate.
#[derive(Debug, Clone, Copy)]
pub struct Forms {
    /// Braille page size.
    pub braille: Layout,
    /// Words per minute of the recorded forms.
    pub speech_rate: u32,
}

impl Default for Forms {
    fn default() -> Forms {
        Forms { braille: Layout::default(), speech_rate: crate::speech::DEFAULT_WORDS_PER_MINUTE }
    }
}

/// One rendered file.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    /// Its name in the document's folder.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// For a recorded form, what is read aloud (see [`ManifestFile::spoken_from`]).
    pub spoken_from: Option<String>,
    /// Whether it is the file already in the folder, kept because what it was made
    /// from is the same.
    pub kept: bool,
}

/// A document's files.
pub type RenderedFiles = Vec<RenderedFile>;

/// What a document's folder already holds from an earlier build.
#[derive(Debug, Clone, Copy, Default)]
pub struct Earlier<'a> {
    /// The folder.
    pub dir: Option<&'a Path>,
    /// Its manifest's files.
    pub files: &'a [ManifestFile],
}

impl Earlier<'_> {
    /// The calendar file already sent for the meeting, if any (its SEQUENCE is counted
    /// on).
    fn calendar(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(self.dir?.join(name)).ok()
    }

    /// The file `name` as written before, if its manifest lists it and it is still
    /// exactly as written.
    fn written(&self, name: &str) -> Option<Vec<u8>> {
        let entry = self.files.iter().find(|f| f.name == name)?;
        let bytes = std::fs::read(self.dir?.join(name)).ok()?;
        (sha256(&bytes) == entry.sha256).then_some(bytes)
    }

    /// The recorded form `name` as written before, if it was read aloud from `key` and
    /// is still exactly as written.
    fn recorded(&self, name: &str, key: &str) -> Option<Vec<u8>> {
        self.files.iter().find(|f| f.name == name && f.spoken_from.as_deref() == Some(key))?;
        self.written(name)
    }
}

/// Renders every file of a document. `content` is the plan content stored beside a
/// plan version; `earlier` is what the document's folder already holds.
pub fn render_document(
    templates: &TemplateSet,
    doc: &Prepared,
    ident: &str,
    forms: Forms,
    content: Option<&PlanContent>,
    earlier: Earlier,
) -> Result<RenderedFiles, String> {
    let layout = forms.braille;
    let mut words = Words { templates, doc, layout, text: None, pages: None, recorded: None };
    let mut out = Vec::new();
    for file in &doc.files {
        if file.kind.is_recorded() {
            let key = words.spoken_from(ident, forms.speech_rate)?;
            let (bytes, kept) = match earlier.recorded(&file.name, &key) {
                Some(bytes) => (bytes, true),
                None => (recorded_form(&mut words, file.kind, ident, forms.speech_rate)?, false),
            };
            out.push(RenderedFile { name: file.name.clone(), bytes, spoken_from: Some(key), kept });
            continue;
        }
        let bytes = match file.kind {
            OutputKind::Pdf => doc.pdf(templates, ident)?,
            OutputKind::Text => words.text()?.as_bytes().to_vec(),
            OutputKind::Pef => {
                let title = doc.data.document().titel.clone();
                let date = doc.date.to_string();
                let pages = words.pages()?;
                let language = doc.spec.language.as_deref().unwrap_or(crate::language::SWEDISH);
                to_pef(&pages, layout, &PefMeta { identifier: ident, title: &title, date: &date, language })
                    .into_bytes()
            }
            OutputKind::Brf => to_brf(&words.pages()?, layout),
            OutputKind::Ics => {
                let TemplateData::Calendar(data) = &doc.data else {
                    return Err("kalenderfilen saknar mötets uppgifter".to_string());
                };
                ics::meeting_ics_after(data, earlier.calendar(&file.name).as_deref())?.into_bytes()
            }
            OutputKind::Content => {
                let mut bytes = serde_json::to_vec_pretty(&content).map_err(|e| e.to_string())?;
                bytes.push(b'\n');
                bytes
            }
            OutputKind::Mp3 | OutputKind::Epub => recorded_form(&mut words, file.kind, ident, forms.speech_rate)?,
            OutputKind::Fhir => {
                let draft = doc.fhir.as_ref().ok_or("FHIR-filen saknar planens uppgifter")?;
                let name = format!("{}.pdf", doc.spec.name);
                // The PDF that travels in the bundle is the one beside it: a plan
                // version written before keeps its PDF exactly as it was sent.
                let pdf = match earlier.written(&name) {
                    Some(bytes) => bytes,
                    None => out
                        .iter()
                        .find(|f: &&RenderedFile| f.name == name)
                        .map(|f| f.bytes.clone())
                        .ok_or("planens PDF görs före FHIR-filen")?,
                };
                draft.with_pdf(crate::fhir::Pdf { bytes: &pdf, name: &name })
            }
        };
        out.push(RenderedFile { name: file.name.clone(), bytes, spoken_from: None, kept: false });
    }
    Ok(out)
}

/// A recorded form: the MP3, or the EPUB with the MP3 inside.
fn recorded_form(words: &mut Words, kind: OutputKind, ident: &str, words_per_minute: u32) -> Result<Vec<u8>, String> {
    let doc = words.doc;
    let title = doc.data.document().titel.clone();
    let (script, recording, mp3) = words.recorded(words_per_minute)?;
    match kind {
        OutputKind::Epub => {
            let audio = format!("{}.mp3", doc.spec.name);
            let language = doc.spec.language.as_deref().unwrap_or(crate::language::SWEDISH);
            let meta = crate::speech::epub::Meta {
                identifier: ident,
                title: &title,
                date: doc.date,
                audio_name: &audio,
                language,
            };
            crate::speech::epub::package(script, recording, mp3, &meta)
        }
        OutputKind::Mp3 => Ok(mp3.clone()),
        OutputKind::Pdf
        | OutputKind::Text
        | OutputKind::Pef
        | OutputKind::Brf
        | OutputKind::Ics
        | OutputKind::Content
        | OutputKind::Fhir => Err("dokumentets form läses inte in".to_string()),
    }
}

/// A document's words as text, made once from its text template, laid out in braille
/// pages once, and read aloud once.
struct Words<'a> {
    templates: &'a TemplateSet,
    doc: &'a Prepared,
    layout: Layout,
    text: Option<String>,
    pages: Option<Pages>,
    recorded: Option<(Script, Recording, Vec<u8>)>,
}

impl Words<'_> {
    fn text(&mut self) -> Result<&str, String> {
        if self.text.is_none() {
            self.text = Some(self.doc.text(self.templates).ok_or("dokumentet har ingen textform")??);
        }
        Ok(self.text.as_deref().unwrap_or_default())
    }

    /// What the recorded forms are made from: the text, the rate, the speech tools, and
    /// the title, date and identifier that go into the files.
    fn spoken_from(&mut self, ident: &str, words_per_minute: u32) -> Result<String, String> {
        let doc = self.doc;
        let text = self.text()?;
        let tools = crate::speech::tools_version();
        let title = &doc.data.document().titel;
        // A Swedish document's key is as it always was, so nothing is read again.
        let voice = match doc.spec.voice() {
            Some(voice) if voice.is_swedish() => String::new(),
            Some(voice) => format!("{}\n", voice.name),
            None => return Err("det finns ingen röst för dokumentets språk".to_string()),
        };
        Ok(sha256(format!("{text}\n{words_per_minute}\n{tools}\n{title}\n{}\n{ident}\n{voice}", doc.date).as_bytes()))
    }

    /// The text read aloud at `words_per_minute`, and as MP3.
    fn recorded(&mut self, words_per_minute: u32) -> Result<&(Script, Recording, Vec<u8>), String> {
        if self.recorded.is_none() {
            let voice = self.doc.spec.voice().ok_or("det finns ingen röst för dokumentets språk")?;
            let script = Script::of(self.text()?);
            let recording = crate::speech::record(&script, words_per_minute, &voice)?;
            let mp3 = crate::speech::mp3_file(&script, &recording, &self.doc.data.document().titel, &voice)?;
            self.recorded = Some((script, recording, mp3));
        }
        self.recorded.as_ref().ok_or_else(|| "inläsningen misslyckades".to_string())
    }

    fn pages(&mut self) -> Result<Pages, String> {
        if self.pages.is_none() {
            let layout = self.layout;
            let translator = self.doc.spec.braille_translator();
            let pages = layout_document_with(self.text()?, layout, &translator)?;
            self.pages = Some(pages);
        }
        Ok(self.pages.clone().unwrap_or_default())
    }
}
