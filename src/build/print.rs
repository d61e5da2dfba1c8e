//! The post room's print file (`mote-<n>/utskrift.pdf`, issue 28): the letters of a
//! meeting that go by post, merged into one PDF for a duplex printer, each letter
//! starting on an odd page (a blank page after a letter with an odd number of pages).
//! Merging follows lopdf's own merge example: each letter's objects are renumbered past
//! the ones already taken, its pages moved under one page tree, and its catalogue,
//! structure tree and outline dropped — the print file is for paper, each letter's
//! accessible PDF stays beside it.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, dictionary};
use serde::Serialize;

use super::{OutputFile, OutputKind, Prepared, Variant};
use crate::case::datetime::CalendarDate;
use crate::document::data::TemplateData;
use crate::document::outline::postal_lines;
use crate::render::{TemplateSet, render_pdf};

/// The PDFs of `letters` (each a whole PDF file), in order, as one document for duplex
/// printing; also each letter's first page in it (from 1).
pub fn merge_for_duplex(letters: &[Vec<u8>]) -> Result<(Vec<u8>, Vec<usize>), String> {
    let mut merged = Document::with_version("1.7");
    let pages_id = merged.new_object_id();
    let mut kids: Vec<Object> = Vec::new();
    let mut starts = Vec::new();
    let mut media_box: Option<Object> = None;
    for (n, bytes) in letters.iter().enumerate() {
        let mut doc = Document::load_mem(bytes).map_err(|e| format!("brev {}: {e}", n + 1))?;
        doc.renumber_objects_with(merged.max_id + 1);
        let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
        starts.push(kids.len() + 1);
        let page_ids: Vec<ObjectId> = pages.values().copied().collect();
        for (id, object) in std::mem::take(&mut doc.objects) {
            match object.type_name().unwrap_or(b"") {
                b"Catalog" | b"Pages" | b"StructTreeRoot" | b"Outlines" | b"Outline" => {}
                _ => {
                    merged.objects.insert(id, object);
                }
            }
        }
        merged.max_id = merged.max_id.max(doc.max_id);
        for id in &page_ids {
            let page = merged.get_object_mut(*id).and_then(Object::as_dict_mut).map_err(|e| e.to_string())?;
            page.set("Parent", pages_id);
            page.remove(b"StructParents");
            if media_box.is_none() {
                media_box = page.get(b"MediaBox").ok().cloned();
            }
            kids.push(Object::Reference(*id));
        }
        // A letter with an odd number of pages is followed by a blank page, so the
        // next starts on a front side.
        if page_ids.len() % 2 == 1 && n + 1 < letters.len() {
            let blank = blank_page(pages_id, media_box.clone());
            kids.push(Object::Reference(merged.add_object(blank)));
        }
    }
    let count = kids.len() as i64;
    merged
        .objects
        .insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }));
    let catalog = merged.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    merged.trailer.set("Root", catalog);
    merged.compress();
    let mut out = Vec::new();
    merged.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok((out, starts))
}

/// An empty A4 page (or the size of the letters).
fn blank_page(parent: ObjectId, media_box: Option<Object>) -> Dictionary {
    let a4 = Object::Array(vec![0.into(), 0.into(), Object::Real(595.276), Object::Real(841.89)]);
    dictionary! {
        "Type" => "Page",
        "Parent" => parent,
        "MediaBox" => media_box.unwrap_or(a4),
        "Resources" => dictionary! {},
    }
}

/// One letter in the print file.
#[derive(Debug, Clone)]
pub struct PostedLetter {
    /// Its file name in the meeting's folder.
    pub file: String,
    /// Its title.
    pub title: String,
    /// Whom it goes to.
    pub recipient: String,
    /// Their address, one line per part; empty when none is known.
    pub address: Vec<String>,
    /// The form: `brev`, `lättläst` or `storstil` (its name is in `texter.yaml`).
    pub form: &'static str,
    /// Its PDF.
    pub pdf: Vec<u8>,
}

/// A form of a letter the post room sends beside the printed ones (braille to emboss,
/// a recording to put on a memory stick), listed on the cover sheet.
#[derive(Debug, Clone, Serialize)]
pub struct SeparateForm {
    /// Its file name in the meeting's folder.
    #[serde(rename = "fil")]
    pub file: String,
    /// Whom it goes to.
    #[serde(rename = "mottagare")]
    pub recipient: String,
    /// What it is: `punktskrift` or `inläst` (what to do with it is in `texter.yaml`).
    #[serde(rename = "gör")]
    pub what: &'static str,
}

/// The cover sheet's data (`utskrift.typ` reads it at `/data.json`).
#[derive(Debug, Serialize)]
struct CoverData<'a> {
    #[serde(rename = "ärende")]
    case_id: &'a str,
    #[serde(rename = "möte")]
    meeting: usize,
    #[serde(rename = "datum")]
    date: String,
    #[serde(rename = "brev")]
    letters: Vec<CoverRow<'a>>,
    #[serde(rename = "separat")]
    separate: &'a [SeparateForm],
    #[serde(rename = "sidor")]
    pages: usize,
}

#[derive(Debug, Serialize)]
struct CoverRow<'a> {
    #[serde(rename = "mottagare")]
    recipient: &'a str,
    #[serde(rename = "adress")]
    address: &'a [String],
    #[serde(rename = "fil")]
    file: &'a str,
    #[serde(rename = "titel")]
    title: &'a str,
    #[serde(rename = "form")]
    form: &'a str,
    #[serde(rename = "sidor")]
    pages: usize,
    #[serde(rename = "första_sidan")]
    first_page: usize,
}

/// What the print file of one meeting is made from.
pub struct PrintJob<'a> {
    /// The template set (`utskrift.typ`, `texter.yaml`).
    pub templates: &'a TemplateSet,
    /// The case's id.
    pub case_id: &'a str,
    /// The meeting (from 1).
    pub meeting: usize,
    /// The letters' date, which the print file carries too.
    pub date: CalendarDate,
    /// The PDF's identifier.
    pub ident: &'a str,
}

/// The print file: a cover sheet listing every letter with its recipient, address,
/// pages and the page it starts on, then the letters, each from a front side.
pub fn print_file(job: &PrintJob, letters: &[PostedLetter], separate: &[SeparateForm]) -> Result<Vec<u8>, String> {
    let pages: Vec<usize> = letters.iter().map(|l| page_count(&l.pdf, &l.file)).collect::<Result<_, _>>()?;
    // The cover's own length decides where the letters start; it is known once it is
    // laid out, so it is laid out again in the rare case it is longer than assumed.
    let mut cover_pages = 1;
    loop {
        let cover = cover(job, letters, &pages, cover_pages, separate)?;
        let laid_out = page_count(&cover, "försättsbladet")?;
        if laid_out <= cover_pages.next_multiple_of(2) {
            let mut all = Vec::with_capacity(letters.len() + 1);
            all.push(cover);
            all.extend(letters.iter().map(|l| l.pdf.clone()));
            return merge_for_duplex(&all).map(|(bytes, _)| bytes);
        }
        cover_pages = laid_out;
    }
}

/// The cover sheet, assuming it takes `cover_pages` pages.
fn cover(
    job: &PrintJob,
    letters: &[PostedLetter],
    pages: &[usize],
    cover_pages: usize,
    separate: &[SeparateForm],
) -> Result<Vec<u8>, String> {
    let mut next = cover_pages.next_multiple_of(2) + 1;
    let mut last_page = cover_pages;
    let mut rows = Vec::new();
    for (letter, &n) in letters.iter().zip(pages) {
        rows.push(CoverRow {
            recipient: &letter.recipient,
            address: &letter.address,
            file: &letter.file,
            title: &letter.title,
            form: letter.form,
            pages: n,
            first_page: next,
        });
        last_page = next + n - 1;
        next += n.next_multiple_of(2);
    }
    let data = CoverData {
        case_id: job.case_id,
        meeting: job.meeting,
        date: job.date.long_sv(),
        letters: rows,
        separate,
        pages: last_page,
    };
    let json = serde_json::to_vec(&data).map_err(|e| e.to_string())?;
    render_pdf(job.templates, COVER_TEMPLATE, &json, None, job.date, job.ident)
}

/// The print file's name in a meeting's folder.
pub const PRINT_FILE: &str = "utskrift.pdf";

/// The cover sheet's template.
pub const COVER_TEMPLATE: &str = "utskrift.typ";

/// The number of pages of a PDF.
fn page_count(pdf: &[u8], name: &str) -> Result<usize, String> {
    Document::load_mem(pdf).map(|d| d.get_pages().len()).map_err(|e| format!("{name}: {e}"))
}

/// Where a document's file goes in the print file.
pub enum Posted {
    /// Printed, after the cover sheet.
    Printed(PostedLetter),
    /// Listed on the cover sheet, sent beside the printed letter.
    Separate(SeparateForm),
}

/// Where `file` of `doc` goes in the print file: a letter that goes by post in print
/// (its PDF), or a braille or recorded form of it; none for anything else. `bytes`
/// reads the file when it is printed.
pub fn posted(
    doc: &Prepared,
    file: &OutputFile,
    bytes: impl FnOnce() -> Result<Vec<u8>, String>,
) -> Result<Option<Posted>, String> {
    let TemplateData::Invitation(d) = &doc.data else { return Ok(None) };
    if !d.med_post {
        return Ok(None);
    }
    let recipient = d.mottagare.namn.clone();
    let separate =
        |what| Ok(Some(Posted::Separate(SeparateForm { file: file.name.clone(), recipient: recipient.clone(), what })));
    match file.kind {
        OutputKind::Pdf => {
            let mut address: Vec<String> = d.mottagare.organisation.iter().cloned().collect();
            address.extend(d.mottagare.adress.as_deref().map(postal_lines).unwrap_or_default());
            let address = address.iter().map(|line| crate::breaks::keep_together(line)).collect();
            let form = match doc.spec.variant {
                Variant::Standard => "brev",
                Variant::EasyRead => "lättläst",
                Variant::LargePrint => "storstil",
            };
            Ok(Some(Posted::Printed(PostedLetter {
                file: file.name.clone(),
                title: crate::breaks::keep_together(&d.dokument.titel),
                recipient,
                address,
                form,
                pdf: bytes()?,
            })))
        }
        OutputKind::Pef => separate("punktskrift"),
        OutputKind::Mp3 => separate("inläst"),
        OutputKind::Brf
        | OutputKind::Epub
        | OutputKind::Text
        | OutputKind::Ics
        | OutputKind::Content
        | OutputKind::Fhir => Ok(None),
    }
}
