//! Rendering one document into its files: each output kind ([`OutputKind`]) from the
//! document's data, in one exhaustive `match`, so a new output format is one new arm
//! the compiler asks for. The text form (`.txt`) is made once and is the source of
//! every form made from the document's words (braille now).

use std::path::Path;

use super::Prepared;
use super::profile::OutputKind;
use crate::braille::format::{Layout, Pages, PefMeta, layout_document, to_brf, to_pef};
use crate::render::data::TemplateData;
use crate::render::{TemplateSet, ics, render_pdf};
use crate::revision::PlanContent;

/// A document's files: (file name, bytes).
pub type RenderedFiles = Vec<(String, Vec<u8>)>;

/// Renders every file of a document: (file name, bytes). `content` is the plan
/// content stored beside a plan version; `previous_calendar` is the folder where the
/// calendar file already sent for the meeting lies, if any (its SEQUENCE is counted on).
pub fn render_document(
    templates: &TemplateSet,
    doc: &Prepared,
    ident: &str,
    layout: Layout,
    content: Option<&PlanContent>,
    previous_calendar: Option<&Path>,
) -> Result<RenderedFiles, String> {
    let mut words = Words { templates, doc, layout, text: None, pages: None };
    let mut out = Vec::new();
    for file in &doc.files {
        let bytes = match file.kind {
            OutputKind::Pdf => {
                let template = doc.pdf_template().ok_or("dokumentet har ingen PDF-mall")?;
                render_pdf(templates, template, &doc.json, doc.date, ident)?
            }
            OutputKind::Text => words.text()?.as_bytes().to_vec(),
            OutputKind::Pef => {
                let title = doc.data.document().titel.clone();
                let date = doc.date.to_string();
                let pages = words.pages()?;
                to_pef(&pages, layout, &PefMeta { identifier: ident, title: &title, date: &date }).into_bytes()
            }
            OutputKind::Brf => to_brf(&words.pages()?, layout),
            OutputKind::Ics => {
                let TemplateData::Calendar(data) = &doc.data else {
                    return Err("kalenderfilen saknar mötets uppgifter".to_string());
                };
                let previous = previous_calendar.and_then(|dir| std::fs::read_to_string(dir.join(&file.name)).ok());
                ics::meeting_ics_after(data, previous.as_deref())?.into_bytes()
            }
            OutputKind::Content => {
                let mut bytes = serde_json::to_vec_pretty(&content).map_err(|e| e.to_string())?;
                bytes.push(b'\n');
                bytes
            }
        };
        out.push((file.name.clone(), bytes));
    }
    Ok(out)
}

/// A document's words as text, made once from its text template, and laid out in
/// braille pages once.
struct Words<'a> {
    templates: &'a TemplateSet,
    doc: &'a Prepared,
    layout: Layout,
    text: Option<String>,
    pages: Option<Pages>,
}

impl Words<'_> {
    fn text(&mut self) -> Result<&str, String> {
        if self.text.is_none() {
            let spec = &self.doc.spec;
            let template = spec.kind.text_template(spec.variant).ok_or("dokumentet har ingen textmall")?;
            self.text = Some(self.templates.render_text(template, &self.doc.data)?);
        }
        Ok(self.text.as_deref().unwrap_or_default())
    }

    fn pages(&mut self) -> Result<Pages, String> {
        if self.pages.is_none() {
            let layout = self.layout;
            let pages = layout_document(self.text()?, layout);
            self.pages = Some(pages);
        }
        Ok(self.pages.clone().unwrap_or_default())
    }
}
