//! The kinds of document and what the build asks of each: which documents a case
//! yields, and for each its template, whether it has a text form, the files it is
//! written as, its date, the folder it belongs to and whether it is part of a plan
//! version (never rewritten once written). What is particular to a kind lives in its
//! module under [`crate::document`]; every question here is one exhaustive `match`
//! handing on to it, so a new kind of document or a new output format is a compile
//! error in every place that must decide something about it.

use crate::case::datetime::CalendarDate;
use crate::case::{CaseFile, Format, PlanCase};
use crate::document::{calendar, deviation, information, invitation, plan};
use crate::language::Covered;
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
    /// The plan version as a FHIR R4 document bundle with the PDF inside, for the
    /// organisations' record systems ([`crate::fhir`]).
    Fhir,
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
            | OutputKind::Content
            | OutputKind::Fhir => false,
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
    /// The person's language the document is made in, beside its Swedish original
    /// (`person.språk`, [`crate::language`]); none for Swedish.
    pub language: Option<String>,
}

impl DocSpec {
    /// The files this document is written as, for a reader who asked for `formats`.
    /// A document in the person's language has its braille when the language's pack
    /// names a liblouis table, and its recorded forms when it names an eSpeak NG voice
    /// (and the text form they are made from when either).
    pub fn outputs(&self, formats: &[Format]) -> Vec<OutputFile> {
        let files = self.kind.outputs(&self.name, self.variant, formats);
        if self.language.is_none() {
            return files;
        }
        let braille = self.pack().is_some_and(|p| p.about.braille_table.is_some());
        let voice = self.voice().is_some();
        files
            .into_iter()
            .filter(|f| match f.kind {
                OutputKind::Pdf => true,
                OutputKind::Text => braille || voice,
                OutputKind::Pef | OutputKind::Brf => braille,
                OutputKind::Mp3 | OutputKind::Epub => voice,
                OutputKind::Ics | OutputKind::Content | OutputKind::Fhir => false,
            })
            .collect()
    }

    /// Who reads it aloud: the Swedish voice, or for a document in the person's
    /// language the eSpeak NG voice its pack names; none when the pack names none.
    pub fn voice(&self) -> Option<crate::speech::Voice> {
        if self.language.is_none() {
            return Some(crate::speech::Voice::swedish());
        }
        let pack = self.pack()?;
        Some(crate::speech::Voice {
            name: pack.about.voice.clone()?,
            language: pack.code.clone(),
            language3: pack.about.code3.clone(),
        })
    }

    /// How its braille is made: samplan's Swedish translator, or for a document in the
    /// person's language the liblouis table its pack names.
    pub fn braille_translator(&self) -> crate::braille::format::Translator {
        use crate::braille::format::Translator;
        match self.pack().and_then(|pack| pack.about.braille_table.clone()) {
            Some(table) => Translator::Louis(table),
            None => Translator::Swedish,
        }
    }

    /// The pack of the language it is made in; none for Swedish.
    fn pack(&self) -> Option<&'static crate::language::Pack> {
        crate::language::Packs::builtin().get(self.language.as_deref()?)
    }
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
            OutputKind::Fhir => crate::fhir::EXTENSION,
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
        match self {
            DocKind::Plan | DocKind::PlanCopy(_) | DocKind::PlanToPerson(_) => Some(plan::template(variant)),
            DocKind::Invitation(..) | DocKind::PersonInvitation(_) => Some(invitation::template(variant)),
            DocKind::Information => Some(information::template(variant)),
            DocKind::Deviation(_) => Some(deviation::TEMPLATE),
            DocKind::Calendar(_) => None,
        }
    }

    /// Whether what this kind says is decided once as an outline ([`crate::document`]),
    /// its PDF template only laying that out and its text written from it: every kind
    /// but the calendar file.
    pub fn outlined(&self) -> bool {
        match self {
            DocKind::Plan
            | DocKind::PlanCopy(_)
            | DocKind::PlanToPerson(_)
            | DocKind::Invitation(..)
            | DocKind::PersonInvitation(_)
            | DocKind::Information
            | DocKind::Deviation(_) => true,
            DocKind::Calendar(_) => false,
        }
    }

    /// Whether a variant has a text form (the `.txt` file, and braille and speech made
    /// from it); each kind says which of its documents do.
    pub fn has_text(&self, variant: Variant) -> bool {
        match self {
            DocKind::Plan | DocKind::PlanCopy(_) | DocKind::PlanToPerson(_) => plan::has_text(self, variant),
            DocKind::Invitation(..) | DocKind::PersonInvitation(_) => invitation::has_text(self, variant),
            DocKind::Information => information::has_text(variant),
            DocKind::Deviation(_) => deviation::has_text(variant),
            DocKind::Calendar(_) => false,
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
            (DocKind::Plan | DocKind::PlanCopy(_) | DocKind::PlanToPerson(_), CaseFile::Plan(p)) => plan::plan_date(p),
            (DocKind::Invitation(n, _) | DocKind::PersonInvitation(n) | DocKind::Calendar(n), CaseFile::Plan(p)) => {
                invitation::invitation_date(p, *n)
            }
            (DocKind::Deviation(n), CaseFile::Plan(p)) => deviation::date(p, *n),
            (DocKind::Information, CaseFile::Information(i)) => information::date(i),
            (_, CaseFile::Information(i)) => information::date(i),
            (DocKind::Information, CaseFile::Plan(p)) => plan::plan_date(p),
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
        // The plan and each organisation's copy as data for a record system.
        if matches!(self, DocKind::Plan | DocKind::PlanCopy(_)) && variant == Variant::Standard {
            files.push(file(OutputKind::Fhir));
        }
        // The original plan carries the content stored beside its version.
        if *self == DocKind::Plan && variant == Variant::Standard {
            files.push(OutputFile { name: CONTENT_FILE.to_string(), kind: OutputKind::Content });
        }
        files
    }
}

/// Every document a case yields, in a fixed order.
pub fn documents(case: &CaseFile) -> Vec<DocSpec> {
    match case {
        CaseFile::Plan(p) => plan_documents(p),
        CaseFile::Information(i) => information::documents(i),
    }
}

/// The documents of a plan case: the plan and its copies, the invitations to the last
/// meeting and its calendar event, the person's own forms of the plan and their
/// invitation, and one report per deviation.
fn plan_documents(case: &PlanCase) -> Vec<DocSpec> {
    let mut docs = plan::documents(case);
    docs.extend(invitation::documents(case));
    docs.extend(calendar::document(case));
    for variant in [Variant::EasyRead, Variant::LargePrint] {
        if case.person.formats.contains(&variant.format()) {
            docs.extend(plan::person_form(case, variant, variant.suffix()));
            docs.extend(invitation::person_form(case, variant, variant.suffix()));
        }
    }
    docs.extend(in_the_persons_language(case, &docs));
    docs.extend(deviation::documents(case));
    docs
}

/// The person's documents again in their language (`person.språk`), each named with
/// the language's code before the extension (`kallelse-person.fi`): those the
/// language's pack covers. Swedish, and a language samplan has no pack for, add none;
/// `check` says so.
fn in_the_persons_language(case: &PlanCase, docs: &[DocSpec]) -> Vec<DocSpec> {
    let Some(pack) = case.person.language.as_deref().and_then(|code| crate::language::Packs::builtin().get(code))
    else {
        return Vec::new();
    };
    docs.iter()
        .filter(|spec| match spec.kind {
            DocKind::PersonInvitation(_) => pack.covers(Covered::Invitation),
            DocKind::Plan => pack.covers(Covered::Plan),
            DocKind::PlanCopy(_)
            | DocKind::PlanToPerson(_)
            | DocKind::Invitation(..)
            | DocKind::Calendar(_)
            | DocKind::Information
            | DocKind::Deviation(_) => false,
        })
        .map(|spec| DocSpec {
            name: format!("{}.{}", spec.name, pack.code),
            language: Some(pack.code.clone()),
            ..spec.clone()
        })
        .collect()
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
        assert_eq!(
            names(DocKind::Plan, Variant::Standard),
            ["d.pdf", "d.txt", "d.pef", "d.brf", "d.fhir.json", CONTENT_FILE]
        );
        assert_eq!(names(DocKind::Plan, Variant::EasyRead), ["d.pdf"]);
        assert_eq!(names(DocKind::PlanCopy("o".into()), Variant::Standard), ["d.pdf", "d.fhir.json"]);
        assert_eq!(names(DocKind::PlanToPerson("o".into()), Variant::Standard), ["d.pdf"]);
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
