//! Rendering documents to PDF with typst embedded as a library. One [`DocumentWorld`]
//! per document, sharing the process-wide fonts and the parsed templates; output is
//! tagged PDF/A-2a + PDF/UA-1, dated with the document's own date and identified from
//! the case, so identical input gives byte-identical files.

pub mod reference;
pub mod world;

use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Label, Smart, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::case::datetime::CalendarDate;
pub use world::{DocumentWorld, Fonts, TemplateSet};

/// The engine's name and version, as written into PDFs and manifests.
pub const ENGINE: &str = concat!("samplan ", env!("CARGO_PKG_VERSION"));

/// Renders `template` (a file in `templates`) with `data` (the document's data as
/// JSON) and its `outline` (JSON, for the documents whose content is decided in Rust)
/// to PDF bytes. `ident` names the document stably (case, version, document) for the
/// PDF file id.
pub fn render_pdf(
    templates: &TemplateSet,
    template: &str,
    data: &[u8],
    outline: Option<Vec<u8>>,
    date: CalendarDate,
    ident: &str,
) -> Result<Vec<u8>, String> {
    let world = DocumentWorld::new(templates, template, data.to_vec(), date)
        .ok_or_else(|| format!("mallen {template} eller datumet {date} går inte att använda"))?
        .with_outline(outline);
    let document: PagedDocument =
        typst::compile(&world).output.map_err(|errors| describe(&world, templates, &errors))?;
    let document = if nearly_empty_last_page(&document) {
        // Laid out again, tighter; kept only when that saves the page.
        let tight = world.tight();
        let second: PagedDocument =
            typst::compile(&tight).output.map_err(|errors| describe(&tight, templates, &errors))?;
        if second.pages().len() < document.pages().len() { second } else { document }
    } else {
        document
    };
    typst_pdf::pdf(&document, &pdf_options(date, ident)?).map_err(|errors| describe(&world, templates, &errors))
}

/// How full a last page may be and still be pulled back: under a quarter.
pub const NEARLY_EMPTY: f64 = 0.25;

/// Whether a document of more than one page ends on a page filled less than
/// [`NEARLY_EMPTY`], as the templates measure it: `document-setup` in samplan.typ puts
/// the share of the last page's text area that is used in `<samplan-slut>`. A template
/// without that mark is left as it is.
fn nearly_empty_last_page(document: &PagedDocument) -> bool {
    if document.pages().len() < 2 {
        return false;
    }
    let Some(label) = Label::new(PicoStr::intern("samplan-slut")) else { return false };
    let Ok(mark) = document.introspector().query_label(label) else { return false };
    match mark.to_packed::<MetadataElem>().map(|m| &m.value) {
        Some(Value::Float(used)) => *used < NEARLY_EMPTY,
        _ => false,
    }
}

/// How every samplan PDF is exported: tagged PDF/A-2a + PDF/UA-1, dated `date`,
/// identified by `ident`, made by this engine.
pub fn pdf_options(date: CalendarDate, ident: &str) -> Result<PdfOptions, String> {
    let standards = PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
        .map_err(|e| format!("PDF-standarderna kan inte kombineras: {}", e.message()))?;
    let timestamp = Datetime::from_ymd(date.year, date.month as u8, date.day as u8)
        .map(Timestamp::new_utc)
        .ok_or_else(|| format!("datumet {date} kan inte användas i PDF:en"))?;
    Ok(PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(ENGINE.to_string())),
        timestamp: Some(timestamp),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    })
}

/// Typst's errors as one Swedish message naming the template file and line.
fn describe(world: &DocumentWorld, templates: &TemplateSet, errors: &[SourceDiagnostic]) -> String {
    let mut parts = Vec::new();
    for e in errors.iter().take(5) {
        let place = e
            .span
            .id()
            .and_then(|id| {
                let source = world.source(id).ok()?;
                let range = world.range(e.span)?;
                let line = source.lines().byte_to_line(range.start)? + 1;
                Some(format!("{}:{line}", id.vpath().get_without_slash()))
            })
            .unwrap_or_else(|| "mallen".to_string());
        let mut text = format!("{place}: {}", e.message);
        for hint in &e.hints {
            text.push_str(&format!(" (tips: {})", hint.v));
        }
        parts.push(text);
    }
    format!("mallfel i {}: {}", templates.origin, parts.join("; "))
}

use typst::World;
