//! What every document's data shares, and the dispatch from a document to its data.
//! Each kind's module makes its own data (what its templates read at `/data.json`, as
//! typed structs); here are the parts they have in common — what a document says about
//! itself ([`DocumentInfo`]), the routine, organisations and people as documents show
//! them (names resolved from ids, dates in Swedish words) — and [`template_data`], which
//! hands a document to its kind. Everything a template shows is decided in Rust, so
//! templates only lay out and `samplan data` shows exactly what a document holds. The
//! structs' doc comments are the reference for template authors (`templates/DATA.md`,
//! generated from them by `render::reference`).

use schemars::JsonSchema;
use serde::Serialize;

use crate::build::profile::{DocKind, DocSpec};
use crate::case::datetime::{CalendarDate, ClockTime, Date, Time};
use crate::case::{Organisation, Participant, PlanCase, word};
use crate::document::calendar::CalendarData;
use crate::document::deviation::DeviationData;
use crate::document::information::InformationData;
use crate::document::invitation::InvitationData;
use crate::document::plan::{PlanData, PreviousVersion};
use crate::document::{calendar, deviation, information, invitation, plan};
use crate::output::MeetingWhen;
use crate::routine::Routine;

/// The date samplan's fixed texts were written; a leaflet without `datum` carries it.
pub const EDITION_DATE: CalendarDate = CalendarDate { year: 2026, month: 11, day: 22 };

/// The data of one document: what its templates read at `/data.json`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum TemplateData {
    /// The plan and each organisation's copy (`plan.typ`, `plan-lattlast.typ`).
    Plan(Box<PlanData>),
    /// An invitation, to a participant or to the person (`kallelse*.typ`).
    Invitation(Box<InvitationData>),
    /// The meeting as a calendar event (`mote.ics`).
    Calendar(Box<CalendarData>),
    /// A public leaflet (`information*.typ`).
    Information(Box<InformationData>),
    /// A deviation report (`avvikelse.typ`).
    Deviation(Box<DeviationData>),
}

impl TemplateData {
    /// What the document says about itself.
    pub fn document(&self) -> &DocumentInfo {
        match self {
            TemplateData::Plan(d) => &d.dokument,
            TemplateData::Invitation(d) => &d.dokument,
            TemplateData::Calendar(d) => &d.dokument,
            TemplateData::Information(d) => &d.dokument,
            TemplateData::Deviation(d) => &d.dokument,
        }
    }

    /// The data as the templates read it, typst and text alike: every blank text given
    /// as null, so that a key written as `""` is left out of a document exactly as an
    /// absent one is.
    pub fn to_value(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        blank_to_null(&mut value);
        value
    }

    /// [`TemplateData::to_value`] as JSON bytes.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(&self.to_value()).unwrap_or_default()
    }
}

/// Turns every blank text that is an object's field into null.
fn blank_to_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(fields) => {
            for field in fields.values_mut() {
                if field.as_str().is_some_and(|s| s.trim().is_empty()) {
                    *field = Value::Null;
                } else {
                    blank_to_null(field);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(blank_to_null),
        _ => {}
    }
}

/// `dokument`: what every document says about itself; the page footer and the PDF
/// metadata come from here.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct DocumentInfo {
    /// The kind of document: `plan`, `plan-kopia`, `kallelse`, `kallelse-person`,
    /// `kalender`, `information` or `avvikelse`.
    pub typ: String,
    /// `standard`, `lättläst` or `storstil`.
    pub format: String,
    /// The file name without extension, e.g. `plan-kopia-rehab`.
    pub namn: String,
    /// The title, also the PDF's title.
    pub titel: String,
    /// The document's date as `ÅÅÅÅ-MM-DD`.
    pub datum: String,
    /// The document's date in words: `15 juni 2026`.
    pub datum_text: String,
    /// The case id (a leaflet's id).
    #[serde(rename = "ärende")]
    pub case_id: String,
    /// The plan version (1 for a leaflet).
    pub version: u32,
    /// The footer line: case and version, or a leaflet's sender and date.
    pub sidfot: String,
    /// Whom this copy is for: an organisation id, a participant id, `personen`, or
    /// nothing (the original, a leaflet).
    pub mottagare_id: Option<String>,
    /// SHA-256 of the case file's content, to trace a document back to it.
    #[serde(rename = "innehållshash")]
    pub content_hash: String,
    /// The language the document is written in, as an ISO 639 code: `sv`, or the
    /// person's language for their documents in it (`fi`, `ar` …). Templates set the
    /// text's language (and so its direction) and take their words from it.
    #[serde(rename = "språk")]
    pub language: String,
    /// Which way the language is written: `ltr`, or `rtl` (Arabic). Templates keep a
    /// letter's address block and sender left to right whatever the language.
    #[serde(rename = "riktning")]
    pub direction: String,
}

/// `rutin`: the routine the case follows.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RoutineData {
    /// The routine's id, e.g. `halland`.
    pub id: String,
    /// Its title.
    pub titel: String,
    /// Where it comes from.
    #[serde(rename = "källa")]
    pub source: String,
    /// The meeting agenda, one item each.
    pub dagordning: Vec<String>,
    /// Whether those invited are obliged to attend.
    #[serde(rename = "närvaroplikt")]
    pub duty_to_attend: bool,
    /// The routine's own words on that duty, for staff of the municipality and region.
    #[serde(rename = "närvaroplikt_text")]
    pub duty_text: Option<String>,
    /// What the leaflet says of this routine in particular: parts with `rubrik`, `text`,
    /// and `lättläst` (`rubrik`, `text` as a list of lines).
    #[serde(rename = "informationsblad")]
    pub leaflet: Vec<LeafletPartData>,
    /// The plan's sections in this routine's order (`person`, `samtycke`, `nuläge` …).
    #[serde(rename = "planens_delar")]
    pub plan_sections: Vec<String>,
}

/// A part of the leaflet that only this routine's leaflets have.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LeafletPartData {
    /// Its heading.
    pub rubrik: String,
    /// Its text.
    pub text: String,
    /// The same in easy-read Swedish.
    #[serde(rename = "lättläst")]
    pub easy_read: EasyReadPartData,
}

/// A leaflet part in easy-read Swedish.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EasyReadPartData {
    /// The heading, as a question.
    pub rubrik: String,
    /// One thought per line.
    pub text: Vec<String>,
}

/// An organisation taking part.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OrganisationData {
    /// Its id in the case file.
    pub id: String,
    /// Its name.
    pub namn: String,
    /// `region`, `kommun` or `annan`.
    pub huvudman: String,
    /// What it does, e.g. `socialtjänst`.
    pub verksamhet: Option<String>,
    /// Postal address.
    pub adress: Option<String>,
}

/// A person with the contact details a document shows: a participant (staff), a
/// representative or a relative.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PersonCard {
    /// Their id in the case file.
    pub id: String,
    /// Name.
    pub namn: String,
    /// Role or profession; a relative's relation to the person.
    pub roll: Option<String>,
    /// The name of the organisation a participant works at.
    pub organisation: Option<String>,
    /// Phone number.
    pub telefon: Option<String>,
    /// E-mail address.
    #[serde(rename = "e-post")]
    pub email: Option<String>,
    /// Postal address (a participant's own, else their organisation's).
    pub adress: Option<String>,
    /// Fax number (participants only).
    pub fax: Option<String>,
    /// `deltagare`, `företrädare` or `närstående`; none where it goes without saying.
    pub slag: Option<String>,
}

/// Everything a document's data is made from.
pub struct Source<'a> {
    /// The case.
    pub case: &'a crate::case::CaseFile,
    /// Its routine.
    pub routine: &'a Routine,
    /// The case's content hash.
    pub case_hash: &'a str,
    /// What changed since the version built before, for plan documents.
    pub previous: Option<&'a PreviousVersion>,
    /// Meetings (their place in `möten`, from 1) moved since their letters were first
    /// written, with when and where the letters said they were.
    pub moved: &'a MovedMeetings,
}

/// Each moved meeting (from 1) with when and where its earlier letters said it was.
pub type MovedMeetings = std::collections::BTreeMap<usize, MeetingWhen>;

/// The data of one document.
pub fn template_data(spec: &DocSpec, source: &Source) -> TemplateData {
    use crate::case::CaseFile;
    match (&spec.kind, source.case) {
        (DocKind::Plan | DocKind::PlanCopy(_) | DocKind::PlanToPerson(_), CaseFile::Plan(case)) => {
            TemplateData::Plan(Box::new(plan::data(case, spec, source)))
        }
        (DocKind::Invitation(n, _) | DocKind::PersonInvitation(n), CaseFile::Plan(case)) => {
            TemplateData::Invitation(Box::new(invitation::data(case, *n, spec, source)))
        }
        (DocKind::Calendar(n), CaseFile::Plan(case)) => {
            TemplateData::Calendar(Box::new(calendar::data(case, *n, spec, source)))
        }
        (DocKind::Deviation(n), CaseFile::Plan(case)) => {
            TemplateData::Deviation(Box::new(deviation::data(case, *n, spec, source)))
        }
        (DocKind::Information, CaseFile::Information(info)) => {
            TemplateData::Information(Box::new(information::data(info, spec, source)))
        }
        // A plan case yields no leaflet and a leaflet no plan documents (see
        // profile::documents); asked anyway, the leaflet's data is the closest.
        (DocKind::Information, CaseFile::Plan(case)) => TemplateData::Plan(Box::new(plan::data(case, spec, source))),
        (_, CaseFile::Information(info)) => TemplateData::Information(Box::new(information::data(info, spec, source))),
    }
}

pub(crate) fn date(d: &Date) -> Option<CalendarDate> {
    d.parse().ok()
}

pub(crate) fn clock(t: Option<&Time>) -> Option<ClockTime> {
    t.and_then(|t| t.parse().ok())
}

/// `kl. 13.00–14.30`, `kl. 13.00`, or none.
pub fn time_span_text(start: Option<&Time>, end: Option<&Time>) -> Option<String> {
    let s = clock(start)?;
    Some(match clock(end) {
        Some(e) => format!("kl. {}–{}", s.sv(), e.sv()),
        None => format!("kl. {}", s.sv()),
    })
}

pub(crate) fn org<'a>(case: &'a PlanCase, id: &str) -> Option<&'a Organisation> {
    case.organisations.iter().find(|o| o.id == id)
}

pub(crate) fn participant<'a>(case: &'a PlanCase, id: &str) -> Option<&'a Participant> {
    case.participants.iter().find(|p| p.id == id)
}

pub(crate) fn organisation_data(o: &Organisation) -> OrganisationData {
    OrganisationData {
        id: o.id.clone(),
        namn: o.name.clone(),
        huvudman: word(&o.principal),
        verksamhet: o.activity.clone(),
        adress: o.address.clone(),
    }
}

/// A participant with the contact details documents show.
pub(crate) fn participant_card(case: &PlanCase, p: &Participant, kind: Option<&str>) -> PersonCard {
    let o = org(case, &p.organisation);
    PersonCard {
        id: p.id.clone(),
        namn: p.name.clone(),
        roll: p.role.clone(),
        organisation: o.map(|o| o.name.clone()),
        telefon: p.phone.clone(),
        email: p.email.clone(),
        adress: p.address.clone().or_else(|| o.and_then(|o| o.address.clone())),
        fax: p.fax.clone(),
        slag: kind.map(str::to_string),
    }
}

/// Anyone who can be invited, by id: participant, representative or relative.
pub fn invitee_card(case: &PlanCase, id: &str) -> PersonCard {
    if let Some(p) = participant(case, id) {
        return participant_card(case, p, Some("deltagare"));
    }
    let card = |id: &str, name: &str, role: &Option<String>, phone, email, address, kind: &str| PersonCard {
        id: id.to_string(),
        namn: name.to_string(),
        roll: role.clone(),
        organisation: None,
        telefon: phone,
        email,
        adress: address,
        fax: None,
        slag: Some(kind.to_string()),
    };
    if let Some(r) = case.person.representatives.iter().find(|r| r.id == id) {
        return card(&r.id, &r.name, &r.role, r.phone.clone(), r.email.clone(), r.address.clone(), "företrädare");
    }
    if let Some(r) = case.person.relatives.iter().find(|r| r.id == id) {
        return card(&r.id, &r.name, &r.relation, r.phone.clone(), r.email.clone(), r.address.clone(), "närstående");
    }
    card(id, id, &None, None, None, None, "okänd")
}

/// An easy-read date: `fredag den 20 mars 2026`.
pub fn easy_date(d: CalendarDate) -> String {
    format!("{} den {} {} {}", d.weekday_sv(), d.day, d.month_sv(), d.year)
}

/// An easy-read time: `klockan 13`, or `klockan 13.30`.
pub fn easy_time(t: ClockTime) -> String {
    if t.minute == 0 { format!("klockan {}", t.hour) } else { format!("klockan {}.{:02}", t.hour, t.minute) }
}

pub(crate) fn coordinator_card(case: &PlanCase) -> Option<PersonCard> {
    let p = participant(case, case.coordinator.as_deref()?)?;
    Some(participant_card(case, p, None))
}

pub(crate) fn routine_data(routine: &Routine) -> RoutineData {
    RoutineData {
        id: routine.id().to_string(),
        titel: routine.file.title.clone(),
        source: routine.file.source.clone(),
        dagordning: routine.file.agenda.clone(),
        duty_to_attend: routine.file.duty_to_attend,
        duty_text: routine.file.duty_text.clone(),
        leaflet: routine
            .file
            .leaflet
            .iter()
            .map(|part| LeafletPartData {
                rubrik: part.heading.clone(),
                text: part.text.clone(),
                easy_read: EasyReadPartData {
                    rubrik: part.easy_read.heading.clone(),
                    text: part.easy_read.text.clone(),
                },
            })
            .collect(),
        plan_sections: routine.file.plan_sections.clone(),
    }
}

pub(crate) fn name_of(case: &PlanCase, id: Option<&str>) -> Option<String> {
    id.map(|id| invitee_card(case, id).namn)
}

/// What a document of a plan case says about itself.
pub(crate) fn document_info(
    spec: &DocSpec,
    title: String,
    date: CalendarDate,
    case: &PlanCase,
    recipient: Option<&str>,
    source: &Source,
) -> DocumentInfo {
    // In the document's language: the date in its words, the footer its pack's.
    let words = crate::language::Packs::builtin().words(spec.language.as_deref());
    let version = case.version.to_string();
    DocumentInfo {
        typ: spec.kind.word().to_string(),
        format: word(&spec.variant.format()),
        namn: spec.name.clone(),
        titel: title,
        datum: date.to_string(),
        datum_text: words.long(date),
        case_id: case.case_id.clone(),
        version: case.version,
        sidfot: words.fill("plan.sidfot", &[("ärende", &case.case_id), ("version", &version)]),
        mottagare_id: recipient.map(str::to_string),
        content_hash: source.case_hash.to_string(),
        language: spec.language.clone().unwrap_or_else(|| crate::language::SWEDISH.to_string()),
        direction: crate::language::direction_of(spec.language.as_deref()).code().to_string(),
    }
}
