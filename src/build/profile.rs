//! What each kind of document is, in one place: which documents a case yields, and for
//! each kind its templates, the files it is written as, its date, the folder it belongs
//! to and whether it is part of a plan version (never rewritten once written). Every
//! question is one exhaustive `match`, so a new kind of document or a new output format
//! is a compile error in every place that must decide something about it.

use crate::case::datetime::CalendarDate;
use crate::case::{CaseFile, Format, InfoCase, PlanCase, Status};
use crate::render::data::{EDITION_DATE, copy_organisations, invitation_date, invited_ids, plan_date, plan_people};
use crate::revision::CONTENT_FILE;

/// What kind of document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocKind {
    /// The plan, with its distribution list.
    Plan,
    /// One organisation's copy of the plan (organisation id).
    PlanCopy(String),
    /// The plan for a representative, or a relative the person agreed may have it (id).
    PlanToPerson(String),
    /// The invitation to meeting n (its place in `möten`, from 1) for one invited
    /// participant, representative or relative (id).
    Invitation(usize, String),
    /// The invitation to meeting n for the person.
    PersonInvitation(usize),
    /// Meeting n as a calendar event (`mote.ics`).
    Calendar(usize),
    /// The public leaflet.
    Information,
    /// A deviation report (its position in `avvikelser`, from 1).
    Deviation(usize),
}

/// The form a document is written in for its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The normal document.
    Standard,
    /// Easy-read Swedish (lättläst), its own templates.
    EasyRead,
    /// Large print (storstil): the normal content at 18 pt, tables as lists.
    LargePrint,
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
    /// The stored plan content (JSON) of a plan version.
    Content,
    /// The text read aloud (inläst), with a chapter per heading.
    Mp3,
    /// The text with the reading synchronised to it, sentence by sentence (EPUB 3 with
    /// Media Overlays).
    Epub,
}

impl OutputKind {
    /// Whether this is a recorded form, made only where the speech engine is.
    pub fn is_recorded(self) -> bool {
        match self {
            OutputKind::Mp3 | OutputKind::Epub => true,
            OutputKind::Pdf
            | OutputKind::Text
            | OutputKind::Pef
            | OutputKind::Brf
            | OutputKind::Ics
            | OutputKind::Content => false,
        }
    }
}

/// Where a document's files go, each place with its own `manifest.json`. Documents
/// belong to what they are about: the plan to its version, invitations to their
/// meeting, a deviation report to the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// `output/<ärende>/` (a leaflet: `output/information/<id>/`): the case as a whole,
    /// its deviation reports; its manifest says what the whole case was built from.
    Case,
    /// `output/<ärende>/v<version>/`: the plan version.
    Version,
    /// `output/<ärende>/mote-<n>/`: meeting n's invitations and calendar file.
    Meeting(usize),
}

/// One document to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSpec {
    /// What it is.
    pub kind: DocKind,
    /// File name without extension, e.g. `plan-kopia-rehab`.
    pub name: String,
    /// Standard, easy-read or large print.
    pub variant: Variant,
}

/// One file of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// File name, e.g. `plan.pef`.
    pub name: String,
    /// What it is.
    pub kind: OutputKind,
}

impl Variant {
    /// The format a person asks for to get this variant.
    pub fn format(self) -> Format {
        match self {
            Variant::Standard => Format::Standard,
            Variant::EasyRead => Format::EasyRead,
            Variant::LargePrint => Format::LargePrint,
        }
    }

    /// The part of a file name that marks the variant (`-lattlast`, `-storstil`).
    fn suffix(self) -> &'static str {
        match self {
            Variant::Standard => "",
            Variant::EasyRead => "-lattlast",
            Variant::LargePrint => "-storstil",
        }
    }
}

impl OutputKind {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            OutputKind::Pdf => "pdf",
            OutputKind::Text => "txt",
            OutputKind::Pef => "pef",
            OutputKind::Brf => "brf",
            OutputKind::Ics => "ics",
            OutputKind::Content => "json",
            OutputKind::Mp3 => "mp3",
            OutputKind::Epub => "epub",
        }
    }
}

impl DocKind {
    /// The kind as a word, as templates and PDF metadata see it.
    pub fn word(&self) -> &'static str {
        match self {
            DocKind::Plan => "plan",
            DocKind::PlanCopy(_) => "plan-kopia",
            DocKind::PlanToPerson(_) => "plan-till",
            DocKind::Invitation(..) => "kallelse",
            DocKind::PersonInvitation(_) => "kallelse-person",
            DocKind::Calendar(_) => "kalender",
            DocKind::Information => "information",
            DocKind::Deviation(_) => "avvikelse",
        }
    }

    /// The typst template a variant of this kind is laid out with (none: not a PDF).
    pub fn pdf_template(&self, variant: Variant) -> Option<&'static str> {
        match (self, variant) {
            (DocKind::Plan, Variant::EasyRead) => Some("plan-lattlast.typ"),
            (DocKind::Plan | DocKind::PlanCopy(_) | DocKind::PlanToPerson(_), _) => Some("plan.typ"),
            (DocKind::PersonInvitation(_), Variant::EasyRead) => Some("kallelse-person-lattlast.typ"),
            (DocKind::Invitation(..) | DocKind::PersonInvitation(_), _) => Some("kallelse.typ"),
            (DocKind::Information, Variant::EasyRead) => Some("information-lattlast.typ"),
            (DocKind::Information, _) => Some("information.typ"),
            (DocKind::Deviation(_), _) => Some("avvikelse.typ"),
            (DocKind::Calendar(_), _) => None,
        }
    }

    /// Whether what this variant says is decided once in Rust ([`crate::document`]),
    /// its PDF template only laying that outline out and its text written from it.
    pub fn outlined(&self, variant: Variant) -> bool {
        match (self, variant) {
            (DocKind::PersonInvitation(_) | DocKind::Information, _) => true,
            (DocKind::Invitation(..) | DocKind::Deviation(_), _) => variant != Variant::EasyRead,
            (DocKind::Plan | DocKind::PlanCopy(_) | DocKind::PlanToPerson(_), _) => true,
            (DocKind::Calendar(_), _) => false,
        }
    }

    /// Whether a variant has a text form (the `.txt` file, and braille and speech made
    /// from it). Large print is the standard text laid out larger, so it has none; the
    /// staff's invitations and the plan's copies are sent as PDF only.
    pub fn has_text(&self, variant: Variant) -> bool {
        match (self, variant) {
            (_, Variant::LargePrint) => false,
            (DocKind::Plan | DocKind::PersonInvitation(_) | DocKind::Information, _) => true,
            (DocKind::Deviation(_), Variant::Standard) => true,
            (DocKind::Deviation(_), Variant::EasyRead) => false,
            (DocKind::PlanCopy(_) | DocKind::PlanToPerson(_) | DocKind::Invitation(..) | DocKind::Calendar(_), _) => {
                false
            }
        }
    }

    /// Whether this is part of a plan version: written once and never rewritten, where
    /// other documents are renewed when what they show changes.
    pub fn is_plan_version(&self) -> bool {
        match self {
            DocKind::Plan | DocKind::PlanCopy(_) | DocKind::PlanToPerson(_) => true,
            DocKind::Invitation(..)
            | DocKind::PersonInvitation(_)
            | DocKind::Calendar(_)
            | DocKind::Information
            | DocKind::Deviation(_) => false,
        }
    }

    /// The folder the document's files go to.
    pub fn place(&self) -> Place {
        match self {
            DocKind::Plan | DocKind::PlanCopy(_) | DocKind::PlanToPerson(_) => Place::Version,
            DocKind::Invitation(n, _) | DocKind::PersonInvitation(n) | DocKind::Calendar(n) => Place::Meeting(*n),
            DocKind::Deviation(_) | DocKind::Information => Place::Case,
        }
    }

    /// The date the document carries, so that the same case always gives the same file:
    /// a plan its version's date, an invitation the day it is sent (`kallelsedatum`,
    /// else the latest recorded event before the meeting), a leaflet its own date, a
    /// deviation report the day it happened.
    pub fn date(&self, case: &CaseFile) -> CalendarDate {
        match (self, case) {
            (DocKind::Plan | DocKind::PlanCopy(_) | DocKind::PlanToPerson(_), CaseFile::Plan(p)) => plan_date(p),
            (DocKind::Invitation(n, _) | DocKind::PersonInvitation(n) | DocKind::Calendar(n), CaseFile::Plan(p)) => {
                invitation_date(p, *n)
            }
            (DocKind::Deviation(n), CaseFile::Plan(p)) => {
                p.deviations.get(n.wrapping_sub(1)).and_then(|d| d.date.parse().ok()).unwrap_or_else(|| plan_date(p))
            }
            (DocKind::Information, CaseFile::Information(i)) => leaflet_date(i),
            (_, CaseFile::Information(i)) => leaflet_date(i),
            (DocKind::Information, CaseFile::Plan(p)) => plan_date(p),
        }
    }

    /// The files a variant of this kind is written as, for a reader who asked for
    /// `formats`. `name` is the document's file name without extension.
    pub fn outputs(&self, name: &str, variant: Variant, formats: &[Format]) -> Vec<OutputFile> {
        let file = |kind: OutputKind| OutputFile { name: format!("{name}.{}", kind.extension()), kind };
        let mut files = Vec::new();
        match self.pdf_template(variant) {
            Some(_) => files.push(file(OutputKind::Pdf)),
            None => files.push(file(OutputKind::Ics)),
        }
        let text = self.has_text(variant);
        match self {
            // A deviation report is also sent as plain text, whoever reads it.
            DocKind::Deviation(_) => files.push(file(OutputKind::Text)),
            DocKind::Plan | DocKind::PersonInvitation(_) | DocKind::Information => {
                // Braille is made from the standard text.
                if text && variant == Variant::Standard && formats.contains(&Format::Braille) {
                    files.extend([OutputKind::Text, OutputKind::Pef, OutputKind::Brf].map(file));
                }
                // The recorded forms of the standard and the easy-read text.
                if text && formats.contains(&Format::Recorded) {
                    files.extend([OutputKind::Mp3, OutputKind::Epub].map(file));
                }
            }
            DocKind::PlanCopy(_) | DocKind::PlanToPerson(_) | DocKind::Invitation(..) | DocKind::Calendar(_) => {}
        }
        // The original plan carries the content stored beside its version.
        if *self == DocKind::Plan && variant == Variant::Standard {
            files.push(OutputFile { name: CONTENT_FILE.to_string(), kind: OutputKind::Content });
        }
        files
    }
}

fn leaflet_date(info: &InfoCase) -> CalendarDate {
    info.date.as_ref().and_then(|d| d.parse().ok()).unwrap_or(EDITION_DATE)
}

fn spec(kind: DocKind, name: String, variant: Variant) -> DocSpec {
    DocSpec { kind, name, variant }
}

/// Every document a case yields, in a fixed order.
pub fn documents(case: &CaseFile) -> Vec<DocSpec> {
    match case {
        CaseFile::Plan(p) => plan_documents(p),
        CaseFile::Information(i) => information_documents(i),
    }
}

/// The documents of a plan case: the plan, a copy per organisation the consent covers
/// (none while the first meeting is only called), an invitation per invited and one to
/// the person for the last meeting, its calendar event, the person's own forms of the
/// plan and their invitation, and one report per deviation.
fn plan_documents(case: &PlanCase) -> Vec<DocSpec> {
    let has_plan = case.status != Status::Called;
    let mut docs = Vec::new();
    if has_plan {
        docs.push(spec(DocKind::Plan, "plan".into(), Variant::Standard));
        for org in copy_organisations(case) {
            docs.push(spec(DocKind::PlanCopy(org.id.clone()), format!("plan-kopia-{}", org.id), Variant::Standard));
        }
        for who in plan_people(case) {
            docs.push(spec(DocKind::PlanToPerson(who.id.clone()), format!("plan-till-{}", who.id), Variant::Standard));
        }
    }
    let meeting = case.meetings.len();
    if let Some(last) = case.meetings.last() {
        for id in invited_ids(case, last) {
            docs.push(spec(DocKind::Invitation(meeting, id.clone()), format!("kallelse-{id}"), Variant::Standard));
        }
        docs.push(spec(DocKind::PersonInvitation(meeting), "kallelse-person".into(), Variant::Standard));
        docs.push(spec(DocKind::Calendar(meeting), "mote".into(), Variant::Standard));
    }
    for variant in [Variant::EasyRead, Variant::LargePrint] {
        if !case.person.formats.contains(&variant.format()) {
            continue;
        }
        if has_plan {
            docs.push(spec(DocKind::Plan, format!("plan{}", variant.suffix()), variant));
        }
        if meeting > 0 {
            let name = format!("kallelse-person{}", variant.suffix());
            docs.push(spec(DocKind::PersonInvitation(meeting), name, variant));
        }
    }
    for n in 1..=case.deviations.len() {
        docs.push(spec(DocKind::Deviation(n), format!("avvikelse-{n}"), Variant::Standard));
    }
    docs
}

/// The documents of a leaflet: the leaflet, and its easy-read form when asked for.
fn information_documents(info: &InfoCase) -> Vec<DocSpec> {
    let mut docs = vec![spec(DocKind::Information, "information".into(), Variant::Standard)];
    if info.formats.contains(&Format::EasyRead) {
        docs.push(spec(DocKind::Information, "information-lattlast".into(), Variant::EasyRead));
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_that_is_not_a_calendar_is_a_pdf() {
        let kinds = [
            DocKind::Plan,
            DocKind::PlanCopy("x".into()),
            DocKind::Invitation(1, "x".into()),
            DocKind::PersonInvitation(1),
            DocKind::Information,
            DocKind::Deviation(1),
        ];
        for kind in kinds {
            assert!(kind.pdf_template(Variant::Standard).is_some(), "{kind:?}");
            let files = kind.outputs("d", Variant::Standard, &[Format::Braille]);
            assert_eq!(files[0].name, "d.pdf", "{kind:?}");
        }
        assert_eq!(DocKind::Calendar(1).outputs("mote", Variant::Standard, &[])[0].name, "mote.ics");
    }

    #[test]
    fn braille_comes_with_the_text_of_a_standard_document() {
        let names = |kind: DocKind, variant| -> Vec<String> {
            kind.outputs("d", variant, &[Format::Braille]).into_iter().map(|f| f.name).collect()
        };
        assert_eq!(names(DocKind::Plan, Variant::Standard), ["d.pdf", "d.txt", "d.pef", "d.brf", CONTENT_FILE]);
        assert_eq!(names(DocKind::Plan, Variant::EasyRead), ["d.pdf"]);
        assert_eq!(names(DocKind::PlanCopy("o".into()), Variant::Standard), ["d.pdf"]);
        assert_eq!(names(DocKind::Deviation(1), Variant::Standard), ["d.pdf", "d.txt"]);
    }

    #[test]
    fn the_recorded_forms_come_with_the_standard_and_the_easy_read_text() {
        let names = |kind: DocKind, variant| -> Vec<String> {
            kind.outputs("d", variant, &[Format::Recorded]).into_iter().map(|f| f.name).collect()
        };
        assert_eq!(names(DocKind::PersonInvitation(1), Variant::Standard), ["d.pdf", "d.mp3", "d.epub"]);
        assert_eq!(names(DocKind::Plan, Variant::EasyRead), ["d.pdf", "d.mp3", "d.epub"]);
        assert_eq!(names(DocKind::Information, Variant::EasyRead), ["d.pdf", "d.mp3", "d.epub"]);
        assert_eq!(names(DocKind::Plan, Variant::LargePrint), ["d.pdf"]);
        assert_eq!(names(DocKind::Invitation(1, "x".into()), Variant::Standard), ["d.pdf"]);
        assert_eq!(names(DocKind::Deviation(1), Variant::Standard), ["d.pdf", "d.txt"]);
    }
}
