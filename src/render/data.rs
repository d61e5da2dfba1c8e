//! What each document is made from: for each kind of document, the data its templates
//! read at `/data.json`, as typed structs. Everything a template shows is decided here —
//! dates in Swedish words, names resolved from ids, what a recipient may see — so
//! templates only lay out, and `samplan data` shows exactly what a document holds. The
//! structs' doc comments are the reference for template authors (`templates/DATA.md`,
//! generated from them by [`reference`]).
//!
//! Invitations carry the meeting, its purpose and agenda, who is invited and the
//! coordinator, never the plan's health and social details or the personnummer; a
//! deviation report carries what happened and who reported it, nothing of the plan.

use schemars::JsonSchema;
use serde::Serialize;

use crate::build::profile::{DocKind, DocSpec, Variant};
use crate::case::datetime::{CalendarDate, ClockTime, Date, Time};
use crate::case::{
    A_RELATIVE, A_REPRESENTATIVE, ClosureReason, InfoCase, Intervention, Meeting, MeetingKind, Named, Organisation,
    Participant, PlanCase, Principal, Status, THE_PERSON, word,
};
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

/// The person the plan is about, as the plan shows them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PersonData {
    /// Name.
    pub namn: String,
    /// Personnummer: shown only in the plan and its copies.
    pub personnummer: Option<String>,
    /// Date of birth in words, when given.
    #[serde(rename = "födelsedatum")]
    pub birth_date: Option<String>,
    /// Postal address.
    pub adress: Option<String>,
    /// Phone number.
    pub telefon: Option<String>,
    /// E-mail address.
    #[serde(rename = "e-post")]
    pub email: Option<String>,
    /// The language of the interpreter the person needs, if any.
    pub tolk: Option<String>,
    /// Representatives (god man, förvaltare, vårdnadshavare …).
    #[serde(rename = "företrädare")]
    pub representatives: Vec<PersonCard>,
    /// Relatives.
    #[serde(rename = "närstående")]
    pub relatives: Vec<PersonCard>,
}

/// The consent, as the plan shows it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ConsentData {
    /// The day of the consent, in words.
    pub datum: Option<String>,
    /// `skriftligt`, `muntligt`, or empty when not given.
    pub form: String,
    /// The names of the organisations the consent covers.
    #[serde(rename = "gäller")]
    pub covers: Vec<String>,
    /// The representative (guardian, god man) who consented for the person; none when
    /// the person consented.
    pub givet_av: Option<PersonCard>,
}

/// Who took the initiative to the SIP, and why.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InitiativeData {
    /// When, in words.
    pub datum: Option<String>,
    /// Who: a participant's name (with role and organisation), the person's name,
    /// `närstående` or `företrädare`.
    pub av: Option<String>,
    /// Why a SIP is needed.
    pub anledning: Option<String>,
}

/// Who took part in the meeting where this version of the plan was made.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PresentData {
    /// Whether the person took part.
    pub personen: bool,
    /// The representatives who took part (for the person, when the person did not).
    #[serde(rename = "företrädare")]
    pub representatives: Vec<PersonCard>,
    /// Everyone else who took part: participants and relatives.
    pub andra: Vec<PersonCard>,
}

/// One intervention for a goal.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InterventionData {
    /// What is done.
    pub vad: String,
    /// Who does it: an organisation's name, the person's name, or `närstående`.
    #[serde(rename = "utförare")]
    pub performer: String,
    /// Who answers for it: a participant's name, the person's name, or `närstående`.
    pub ansvarig: Option<String>,
    /// What kind of doer `utförare` is: `personen`, `närstående`, `företrädare` or
    /// `organisation`; easy-read says "du" to the person.
    #[serde(rename = "utförare_slag")]
    pub performer_kind: &'static str,
    /// What kind of answerer `ansvarig` is: `personen`, `närstående`, `företrädare` or
    /// `deltagare` (none when no one is named).
    pub ansvarig_slag: Option<&'static str>,
    /// `beslutad`, `planerad`, or empty when not given.
    pub status: String,
    /// Start in words.
    pub start: Option<String>,
    /// Done by, in words.
    pub klart: Option<String>,
    /// Start as `ÅÅÅÅ-MM-DD` (for tables).
    pub start_kort: Option<String>,
    /// Done by as `ÅÅÅÅ-MM-DD` (for tables).
    pub klart_kort: Option<String>,
    /// The intervention in easy-read Swedish, when written.
    #[serde(rename = "lättläst")]
    pub easy_read: Option<String>,
}

/// One goal of the plan.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GoalData {
    /// Its id in the case file.
    pub id: String,
    /// The goal.
    pub text: String,
    /// The goal in easy-read Swedish, when written.
    #[serde(rename = "lättläst")]
    pub easy_read: Option<String>,
    /// What is done to reach it.
    pub insatser: Vec<InterventionData>,
    /// When it is followed up, in words.
    #[serde(rename = "uppföljning")]
    pub follow_up: Option<String>,
    /// `uppfyllt`, `delvis uppfyllt` or `inte uppfyllt`, once followed up.
    #[serde(rename = "måluppfyllelse")]
    pub fulfilment: Option<String>,
    /// A comment.
    pub kommentar: Option<String>,
}

/// The time plan, in words.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TimelineData {
    /// When the coordination starts.
    pub start: Option<String>,
    /// When it is evaluated against the goals.
    #[serde(rename = "utvärdering")]
    pub evaluation: Option<String>,
    /// When it ends.
    pub slut: Option<String>,
}

/// The plan's follow-up.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FollowUpData {
    /// When, in words.
    pub datum: Option<String>,
    /// Who calls it: a participant's name.
    pub kallas_av: Option<String>,
    /// What is followed up.
    pub vad: Option<String>,
}

/// `plan`: the plan itself.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanBody {
    /// The present situation and needs.
    #[serde(rename = "nuläge")]
    pub present_situation: Option<String>,
    /// The person's circumstances.
    #[serde(rename = "förutsättningar")]
    pub prerequisites: Option<String>,
    /// Interests.
    pub intressen: Option<String>,
    /// How the person would like things to be.
    #[serde(rename = "önskemål")]
    pub wishes: Option<String>,
    /// A child's own view.
    #[serde(rename = "barnets_inställning")]
    pub childs_view: Option<String>,
    /// The goals, in order.
    #[serde(rename = "mål")]
    pub goals: Vec<GoalData>,
    /// Medicines.
    #[serde(rename = "läkemedel")]
    pub medicines: Option<String>,
    /// Assistive devices.
    #[serde(rename = "hjälpmedel")]
    pub assistive_devices: Option<String>,
    /// What else was talked about.
    #[serde(rename = "övrigt")]
    pub other: Option<String>,
    /// Other plans this one builds on.
    pub andra_planer: Vec<String>,
    /// The time plan.
    pub tidsplan: TimelineData,
    /// The follow-up.
    #[serde(rename = "uppföljning")]
    pub follow_up: FollowUpData,
}

/// A meeting, as a line in the plan.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MeetingLine {
    /// `samordningsmöte` or `uppföljningsmöte`.
    pub typ: String,
    /// The day in words.
    pub datum: Option<String>,
    /// `kl. 13.00–14.30`, when the time is given.
    pub tid: Option<String>,
    /// Where.
    pub plats: Option<String>,
    /// Who led it.
    #[serde(rename = "ordförande")]
    pub chair: Option<String>,
    /// Who kept the notes.
    pub sekreterare: Option<String>,
    /// Who checked the notes.
    pub justerare: Vec<String>,
    /// When the notes were checked, in words.
    pub justerad: Option<String>,
}

/// A version of the plan, as a line in the plan.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RevisionLine {
    /// The version number.
    pub version: u32,
    /// Its day in words.
    pub datum: Option<String>,
    /// What changed.
    pub beskrivning: Option<String>,
}

/// How the coordination ended.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ClosureData {
    /// When, in words.
    pub datum: Option<String>,
    /// Why, as a phrase: `målen är uppfyllda`, `samordningen behövs inte längre`,
    /// `annan orsak`.
    pub orsak: Option<String>,
}

/// One copy on the distribution list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CopyLine {
    /// The organisation's name.
    pub organisation: String,
    /// Its copy's file name.
    pub fil: String,
}

/// What changed since the previous version (goals and interventions).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChangesData {
    /// The previous version's number.
    pub sedan_version: u32,
    /// The changes, one sentence each.
    pub lista: Vec<String>,
}

/// The data of the plan and of each organisation's copy.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanData {
    /// What the document says about itself.
    pub dokument: DocumentInfo,
    /// The organisation this copy is for; none for the original.
    #[serde(rename = "kopia_för")]
    pub copy_for: Option<OrganisationData>,
    /// The routine.
    pub rutin: RoutineData,
    /// `pågående` or `avslutad`.
    pub status: String,
    /// The person.
    pub person: PersonData,
    /// The consent.
    pub samtycke: Option<ConsentData>,
    /// Who took the initiative, and why.
    pub initiativ: Option<InitiativeData>,
    /// Who took part in the meeting where this version was made; none when the case
    /// does not say.
    #[serde(rename = "närvarande")]
    pub present: Option<PresentData>,
    /// The coordinator.
    pub samordnare: Option<PersonCard>,
    /// The organisation with overall responsibility.
    #[serde(rename = "övergripande_ansvar")]
    pub overall_responsibility: Option<OrganisationData>,
    /// Every organisation taking part.
    pub organisationer: Vec<OrganisationData>,
    /// Every participant.
    pub deltagare: Vec<PersonCard>,
    /// The plan itself.
    pub plan: PlanBody,
    /// Every meeting, oldest first.
    #[serde(rename = "möten")]
    pub meetings: Vec<MeetingLine>,
    /// Every version, oldest first.
    pub revisioner: Vec<RevisionLine>,
    /// How the coordination ended, once it has.
    pub avslut: Option<ClosureData>,
    /// The organisations that get a copy.
    #[serde(rename = "sändlista")]
    pub distribution: Vec<CopyLine>,
    /// The people who also get the plan (see [`plan_people`]).
    #[serde(rename = "sändlista_personer")]
    pub distribution_people: Vec<String>,
    /// The person this exemplar is for: a representative, or a relative the person
    /// agreed may have the plan; none for the original and the organisations' copies.
    #[serde(rename = "kopia_till")]
    pub copy_to: Option<PersonCard>,
    /// What changed since the previous version built, if one was.
    #[serde(rename = "ändringar")]
    pub changes: Option<ChangesData>,
}

/// Someone invited, as the invitation lists them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InviteeLine {
    /// Name.
    pub namn: String,
    /// Role, or a relative's relation.
    pub roll: Option<String>,
    /// A participant's organisation.
    pub organisation: Option<String>,
    /// `deltagare`, `företrädare` or `närstående`.
    pub slag: Option<String>,
}

/// The meeting an invitation is for.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MeetingData {
    /// `samordningsmöte` or `uppföljningsmöte`.
    pub typ: String,
    /// Whether it is the first meeting, where the plan is made.
    #[serde(rename = "första")]
    pub first: bool,
    /// The day with its weekday: `måndag 15 juni 2026`.
    pub datum: Option<String>,
    /// `kl. 10.00–11.00`.
    pub tid: Option<String>,
    /// The day in easy-read form: `måndag den 15 juni 2026`.
    #[serde(rename = "datum_lättläst")]
    pub easy_date: Option<String>,
    /// When it starts, easy-read: `klockan 10`.
    #[serde(rename = "börjar")]
    pub starts: Option<String>,
    /// When it ends, easy-read: `klockan 11`.
    pub slutar: Option<String>,
    /// Where.
    pub plats: Option<String>,
    /// The link to join a digital meeting (https).
    #[serde(rename = "länk")]
    pub link: Option<String>,
    /// What the reader should prepare: for the person their own text (none: the
    /// templates' kind default); for others the text for those invited.
    #[serde(rename = "förberedelse")]
    pub preparation: Option<String>,
    /// Everyone invited.
    pub kallade: Vec<InviteeLine>,
    /// The participant who calls the meeting.
    pub kallad_av: Option<PersonCard>,
    /// The participant who leads it.
    #[serde(rename = "ordförande")]
    pub chair: Option<PersonCard>,
    /// Its place in `möten`, from 1.
    pub nummer: usize,
    /// When the meeting was moved after its first letters: the earlier time and place.
    pub flyttat: Option<MovedData>,
}

/// The person, as an invitation names them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InvitedPerson {
    /// Name.
    pub namn: String,
    /// The language of the interpreter the person needs, if any.
    pub tolk: Option<String>,
}

/// The data of an invitation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InvitationData {
    /// What the document says about itself.
    pub dokument: DocumentInfo,
    /// Whether the letter is to the person themself.
    pub till_personen: bool,
    /// Who reads the letter, for its wording: `personen`, `personal` (staff of the
    /// municipality or the region, who may have a duty to attend), `annan` (staff of
    /// another organisation), `företrädare` or `närstående`.
    #[serde(rename = "läsare")]
    pub reader: String,
    /// Whom the letter is to, with their address.
    pub mottagare: PersonCard,
    /// The routine.
    pub rutin: RoutineData,
    /// The person the meeting is about.
    pub person: InvitedPerson,
    /// The meeting.
    #[serde(rename = "möte")]
    pub meeting: MeetingData,
    /// The coordinator, once appointed.
    pub samordnare: Option<PersonCard>,
    /// Whom to ask about the meeting: the coordinator, or until one is appointed the
    /// participant who called the meeting.
    pub kontakt: Option<PersonCard>,
}

/// Someone in a calendar event.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct CalendarPerson {
    /// Name.
    pub namn: String,
    /// E-mail address (only those with one are put in the event).
    #[serde(rename = "e-post")]
    pub email: Option<String>,
}

/// The data of the calendar event (`mote.ics`). It never names the person.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct CalendarData {
    /// What the document says about itself.
    pub dokument: DocumentInfo,
    /// The event's UID: the same for the same meeting whatever its date.
    pub uid: String,
    /// The day the event was made (DTSTAMP), `ÅÅÅÅ-MM-DD`.
    pub dtstamp: String,
    /// The meeting's day, `ÅÅÅÅ-MM-DD`.
    pub datum: String,
    /// Start, `TT:MM`.
    pub start: Option<String>,
    /// End, `TT:MM`.
    pub slut: Option<String>,
    /// Where, as the calendar shows it: `plats_i_kalendern` when the case has it,
    /// otherwise `plats`.
    pub plats: Option<String>,
    /// The link to join a digital meeting.
    #[serde(rename = "länk")]
    pub link: Option<String>,
    /// The event's title.
    pub sammanfattning: String,
    /// The event's description.
    pub beskrivning: String,
    /// Who calls the meeting.
    #[serde(rename = "arrangör")]
    pub organiser: Option<CalendarPerson>,
    /// Everyone invited.
    pub deltagare: Vec<CalendarPerson>,
}

/// How to reach the sender of a leaflet.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ContactData {
    /// Phone number.
    pub telefon: Option<String>,
    /// E-mail address.
    #[serde(rename = "e-post")]
    pub email: Option<String>,
    /// Web address.
    pub webb: Option<String>,
}

/// The data of a leaflet.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InformationData {
    /// What the document says about itself.
    pub dokument: DocumentInfo,
    /// The routine the leaflet describes.
    pub rutin: RoutineData,
    /// Who sends it.
    #[serde(rename = "avsändare")]
    pub sender: String,
    /// How to reach the sender.
    pub kontakt: ContactData,
}

/// The data of a deviation report: addressed to the organisation it concerns, with what
/// happened and who reported it, and nothing of the plan's health and social content.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DeviationData {
    /// What the document says about itself.
    pub dokument: DocumentInfo,
    /// The report's number: its place in `avvikelser`, from 1.
    pub nummer: usize,
    /// The kind: `initiativ`, `uteblev`, `bemötande`, `planen-följs-inte` or `annat`.
    pub typ: String,
    /// The day it happened, in words.
    pub datum: String,
    /// The organisation it concerns, and to which it is sent.
    pub mottagare: Option<OrganisationData>,
    /// What it concerns in the SIP: a meeting, the plan, or the initiative.
    #[serde(rename = "gäller")]
    pub concerns: String,
    /// What happened.
    pub beskrivning: String,
    /// Who reported it.
    pub rapporterad_av: Option<PersonCard>,
    /// The coordinator, to whom questions go.
    pub samordnare: Option<PersonCard>,
    /// The routine.
    pub rutin: RoutineData,
}

/// What changed since the previous version, for the plan documents.
#[derive(Debug, Clone, Default)]
pub struct PreviousVersion {
    /// The previous version's number.
    pub version: u32,
    /// The changes, in Swedish.
    pub changes: Vec<String>,
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

/// When and where `meeting` is, as its letters say.
pub fn meeting_when(meeting: &Meeting) -> MeetingWhen {
    MeetingWhen {
        datum: meeting.date.0.clone(),
        tid: meeting.start.as_ref().map(|t| t.0.clone()),
        plats: meeting.place.clone(),
    }
}

/// What a moved meeting's letters say about the earlier time and place: each only when
/// it changed.
fn moved_data(earlier: &MeetingWhen, meeting: &Meeting) -> MovedData {
    let now = meeting_when(meeting);
    let when_changed = earlier.datum != now.datum || earlier.tid != now.tid;
    let day = CalendarDate::parse(&earlier.datum).ok();
    let start = earlier.tid.as_deref().and_then(|t| ClockTime::parse(t).ok());
    let when = |day_text: fn(CalendarDate) -> String, time_text: fn(ClockTime) -> String| {
        let day = day.map(day_text)?;
        Some(match start {
            Some(t) => format!("{day} {}", time_text(t)),
            None => day,
        })
    };
    MovedData {
        when: when_changed.then(|| when(CalendarDate::with_weekday_sv, |t| format!("kl. {}", t.sv()))).flatten(),
        when_easy: when_changed.then(|| when(easy_date, easy_time)).flatten(),
        plats: if earlier.plats != now.plats { earlier.plats.clone() } else { None },
    }
}

/// The data of one document.
pub fn template_data(spec: &DocSpec, source: &Source) -> TemplateData {
    use crate::case::CaseFile;
    match (&spec.kind, source.case) {
        (DocKind::Plan | DocKind::PlanCopy(_) | DocKind::PlanToPerson(_), CaseFile::Plan(case)) => {
            TemplateData::Plan(Box::new(plan_data(case, spec, source)))
        }
        (DocKind::Invitation(n, _) | DocKind::PersonInvitation(n), CaseFile::Plan(case)) => {
            TemplateData::Invitation(Box::new(invitation_data(case, *n, spec, source)))
        }
        (DocKind::Calendar(n), CaseFile::Plan(case)) => {
            TemplateData::Calendar(Box::new(calendar_data(case, *n, spec, source)))
        }
        (DocKind::Deviation(n), CaseFile::Plan(case)) => {
            TemplateData::Deviation(Box::new(deviation_data(case, *n, spec, source)))
        }
        (DocKind::Information, CaseFile::Information(info)) => {
            TemplateData::Information(Box::new(information_data(info, spec, source)))
        }
        // A plan case yields no leaflet and a leaflet no plan documents (see
        // profile::documents); asked anyway, the leaflet's data is the closest.
        (DocKind::Information, CaseFile::Plan(case)) => TemplateData::Plan(Box::new(plan_data(case, spec, source))),
        (_, CaseFile::Information(info)) => TemplateData::Information(Box::new(information_data(info, spec, source))),
    }
}

/// Who gets the plan beside the person and the organisations: every representative,
/// who acts for the person, and each relative the person agreed may have it
/// (`samtycke.närstående`). No one else: the plan holds health and social details.
pub fn plan_people(case: &PlanCase) -> Vec<PersonCard> {
    let agreed = case.consent.as_ref().map(|c| c.relatives.as_slice()).unwrap_or(&[]);
    let representatives = case.person.representatives.iter().map(|r| &r.id);
    let relatives = case.person.relatives.iter().map(|r| &r.id).filter(|id| agreed.contains(id));
    representatives.chain(relatives).map(|id| invitee_card(case, id)).collect()
}

/// Organisations that get a copy: those in `organisationer` that the consent covers.
pub fn copy_organisations(case: &PlanCase) -> Vec<&Organisation> {
    let covered = case.consent.as_ref().map(|c| c.covers.as_slice()).unwrap_or(&[]);
    case.organisations.iter().filter(|o| covered.contains(&o.id)).collect()
}

/// Who is invited to `meeting`: `kallade`; when absent, every participant, every
/// representative and the relatives the person wants invited (`bjuds_in: true`).
pub fn invited_ids(case: &PlanCase, meeting: &Meeting) -> Vec<String> {
    match &meeting.invited {
        Some(ids) => ids.clone(),
        None => {
            let staff = case.participants.iter().map(|p| &p.id);
            let representatives = case.person.representatives.iter().map(|r| &r.id);
            let relatives = case.person.relatives.iter().filter(|r| r.invited).map(|r| &r.id);
            staff.chain(representatives).chain(relatives).cloned().collect()
        }
    }
}

/// The meeting where the current version of the plan was made: the last one on or
/// before the version's date (none while the first meeting is only called).
pub fn plan_meeting(case: &PlanCase) -> Option<&Meeting> {
    if case.status == Status::Called {
        return None;
    }
    let made = plan_date(case);
    case.meetings.iter().rfind(|m| date(&m.date).is_some_and(|d| d <= made))
}

/// Whether meeting `n` (its place in `möten`, from 1) has been held: it is on or before
/// the date of the plan version that records it. Its letters are then history.
pub fn meeting_held(case: &PlanCase, n: usize) -> bool {
    let Some(meeting) = case.meetings.get(n.wrapping_sub(1)) else { return false };
    case.status != Status::Called && date(&meeting.date).is_some_and(|d| d <= plan_date(case))
}

fn date(d: &Date) -> Option<CalendarDate> {
    d.parse().ok()
}

fn date_text(d: Option<&Date>) -> Option<String> {
    d.and_then(date).map(|d| d.long_sv())
}

fn clock(t: Option<&Time>) -> Option<ClockTime> {
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

fn org<'a>(case: &'a PlanCase, id: &str) -> Option<&'a Organisation> {
    case.organisations.iter().find(|o| o.id == id)
}

fn participant<'a>(case: &'a PlanCase, id: &str) -> Option<&'a Participant> {
    case.participants.iter().find(|p| p.id == id)
}

fn organisation_data(o: &Organisation) -> OrganisationData {
    OrganisationData {
        id: o.id.clone(),
        namn: o.name.clone(),
        huvudman: word(&o.principal),
        verksamhet: o.activity.clone(),
        adress: o.address.clone(),
    }
}

/// A participant with the contact details documents show.
fn participant_card(case: &PlanCase, p: &Participant, kind: Option<&str>) -> PersonCard {
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
fn invitee_card(case: &PlanCase, id: &str) -> PersonCard {
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

/// Who performs an intervention, as a document names them.
fn performer_text(case: &PlanCase, id: &str) -> String {
    match Named::of(id) {
        Named::ThePerson => case.person.name.clone(),
        Named::Id(id) => org(case, id).map_or_else(|| id.to_string(), |o| o.name.clone()),
        Named::ARelative | Named::ARepresentative => id.to_string(),
    }
}

/// Who answers for something, as a document names them.
fn responsible_text(case: &PlanCase, id: Option<&str>) -> Option<String> {
    Some(match Named::of(id?) {
        Named::ThePerson => case.person.name.clone(),
        Named::Id(id) => participant(case, id).map_or(id.to_string(), |p| p.name.clone()),
        Named::ARelative | Named::ARepresentative => id?.to_string(),
    })
}

/// The kind of someone named by `id` where the person, a relative or a representative
/// may be named instead; `other` for an id of the case.
fn named_kind(id: &str, other: &'static str) -> &'static str {
    match Named::of(id) {
        Named::ThePerson => THE_PERSON,
        Named::ARelative => A_RELATIVE,
        Named::ARepresentative => A_REPRESENTATIVE,
        Named::Id(_) => other,
    }
}

fn intervention_data(case: &PlanCase, iv: &Intervention) -> InterventionData {
    InterventionData {
        vad: iv.what.clone(),
        performer: performer_text(case, &iv.performer),
        ansvarig: responsible_text(case, iv.responsible.as_deref()),
        performer_kind: named_kind(&iv.performer, "organisation"),
        ansvarig_slag: iv.responsible.as_deref().map(|id| named_kind(id, "deltagare")),
        status: match iv.decided {
            Some(true) => "beslutad",
            Some(false) => "planerad",
            None => "",
        }
        .to_string(),
        start: date_text(iv.start.as_ref()),
        klart: date_text(iv.done_by.as_ref()),
        start_kort: iv.start.as_ref().and_then(date).map(|d| d.to_string()),
        klart_kort: iv.done_by.as_ref().and_then(date).map(|d| d.to_string()),
        easy_read: iv.easy_read.clone(),
    }
}

/// An easy-read date: `fredag den 20 mars 2026`.
pub fn easy_date(d: CalendarDate) -> String {
    format!("{} den {} {} {}", d.weekday_sv(), d.day, d.month_sv(), d.year)
}

/// An easy-read time: `klockan 13`, or `klockan 13.30`.
pub fn easy_time(t: ClockTime) -> String {
    if t.minute == 0 { format!("klockan {}", t.hour) } else { format!("klockan {}.{:02}", t.hour, t.minute) }
}

/// The date a plan document carries: the date of its current version.
pub fn plan_date(case: &PlanCase) -> CalendarDate {
    case.revisions
        .iter()
        .rev()
        .find(|r| r.version == case.version)
        .and_then(|r| date(&r.date))
        .or_else(|| case.meetings.first().and_then(|m| date(&m.date)))
        .unwrap_or(EDITION_DATE)
}

/// The date the invitations to meeting `n` (from 1) carry: the day they are sent
/// (`kallelsedatum`), else the latest recorded event before the meeting (consent,
/// initiative, an earlier meeting, a revision); deterministic, so the same case always
/// gives the same letter.
pub fn invitation_date(case: &PlanCase, n: usize) -> CalendarDate {
    let this = case.meetings.get(n.wrapping_sub(1));
    if let Some(sent) = this.and_then(|m| m.invitation_date.as_ref()).and_then(date) {
        return sent;
    }
    let meeting = this.and_then(|m| date(&m.date));
    let mut candidates: Vec<CalendarDate> = Vec::new();
    candidates.extend(case.consent.as_ref().and_then(|c| c.date.as_ref()).and_then(date));
    candidates.extend(case.initiative.as_ref().and_then(|i| i.date.as_ref()).and_then(date));
    candidates.extend(case.meetings.iter().filter_map(|m| date(&m.date)));
    candidates.extend(case.revisions.iter().filter_map(|r| date(&r.date)));
    candidates.into_iter().filter(|d| meeting.is_none_or(|m| *d < m)).max().or(meeting).unwrap_or(EDITION_DATE)
}

fn coordinator_card(case: &PlanCase) -> Option<PersonCard> {
    let p = participant(case, case.coordinator.as_deref()?)?;
    Some(participant_card(case, p, None))
}

fn routine_data(routine: &Routine) -> RoutineData {
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

/// Who someone named by id or word is, in a sentence: a participant with role and
/// organisation, a representative or relative with their role, or the person.
fn who_text(case: &PlanCase, text: &str) -> String {
    match Named::of(text) {
        Named::ThePerson => case.person.name.clone(),
        Named::ARelative => format!("En närstående till {}", case.person.name),
        Named::ARepresentative => format!("En företrädare för {}", case.person.name),
        Named::Id(id) => {
            let card = invitee_card(case, id);
            let parts = [Some(card.namn), card.roll, card.organisation];
            parts.into_iter().flatten().filter(|p| !p.trim().is_empty()).collect::<Vec<_>>().join(", ")
        }
    }
}

/// Who took part in `meeting`, when the case says (`närvarande`).
fn present_data(case: &PlanCase, meeting: &Meeting) -> Option<PresentData> {
    let ids = meeting.present.as_ref()?;
    let mut present = PresentData { personen: false, representatives: Vec::new(), andra: Vec::new() };
    for id in ids {
        match Named::of(id) {
            Named::ThePerson => present.personen = true,
            Named::Id(id) if case.person.representatives.iter().any(|r| r.id == id) => {
                present.representatives.push(invitee_card(case, id));
            }
            Named::Id(id) => present.andra.push(invitee_card(case, id)),
            Named::ARelative | Named::ARepresentative => {}
        }
    }
    Some(present)
}

fn name_of(case: &PlanCase, id: Option<&str>) -> Option<String> {
    id.map(|id| invitee_card(case, id).namn)
}

/// What a document of a plan case says about itself.
fn document_info(
    spec: &DocSpec,
    title: String,
    date: CalendarDate,
    case: &PlanCase,
    recipient: Option<&str>,
    source: &Source,
) -> DocumentInfo {
    DocumentInfo {
        typ: spec.kind.word().to_string(),
        format: word(&spec.variant.format()),
        namn: spec.name.clone(),
        titel: title,
        datum: date.to_string(),
        datum_text: date.long_sv(),
        case_id: case.case_id.clone(),
        version: case.version,
        sidfot: format!("Ärende {} · version {}", case.case_id, case.version),
        mottagare_id: recipient.map(str::to_string),
        content_hash: source.case_hash.to_string(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn closure_reason_text(reason: ClosureReason) -> &'static str {
    match reason {
        ClosureReason::GoalsMet => "målen är uppfyllda",
        ClosureReason::NoLongerNeeded => "samordningen behövs inte längre",
        ClosureReason::Other => "annan orsak",
    }
}

fn plan_data(case: &PlanCase, spec: &DocSpec, source: &Source) -> PlanData {
    let plan = case.plan.clone().unwrap_or_default();
    let copy_for = match &spec.kind {
        DocKind::PlanCopy(id) => org(case, id).map(organisation_data),
        _ => None,
    };
    let copy_to = match &spec.kind {
        DocKind::PlanToPerson(id) => Some(invitee_card(case, id)),
        _ => None,
    };
    let title = match spec.variant {
        Variant::EasyRead => format!("Planen för {}", case.person.name),
        Variant::Standard | Variant::LargePrint => format!("Samordnad individuell plan för {}", case.person.name),
    };
    let timeline = plan.timeline.as_ref();
    let follow_up = plan.follow_up.as_ref();
    let recipient = copy_for.as_ref().map(|o| o.id.as_str()).or(copy_to.as_ref().map(|c| c.id.as_str()));
    PlanData {
        dokument: document_info(spec, title, plan_date(case), case, recipient, source),
        copy_for,
        rutin: routine_data(source.routine),
        status: word(&case.status),
        person: PersonData {
            namn: case.person.name.clone(),
            personnummer: case.person.personal_number.clone(),
            birth_date: date_text(case.person.birth_date.as_ref()),
            adress: case.person.address.clone(),
            telefon: case.person.phone.clone(),
            email: case.person.email.clone(),
            tolk: case.person.interpreter.clone(),
            representatives: case.person.representatives.iter().map(|r| invitee_card(case, &r.id)).collect(),
            relatives: case.person.relatives.iter().map(|r| invitee_card(case, &r.id)).collect(),
        },
        samtycke: case.consent.as_ref().map(|c| ConsentData {
            datum: date_text(c.date.as_ref()),
            form: c.form.as_ref().map(word).unwrap_or_default(),
            covers: c.covers.iter().map(|id| org(case, id).map_or(id.clone(), |o| o.name.clone())).collect(),
            givet_av: c
                .given_by
                .as_deref()
                .filter(|id| Named::of(id) != Named::ThePerson)
                .map(|id| invitee_card(case, id)),
        }),
        initiativ: case.initiative.as_ref().map(|i| InitiativeData {
            datum: date_text(i.date.as_ref()),
            av: i.by.as_deref().map(|by| who_text(case, by)),
            anledning: i.reason.clone(),
        }),
        present: plan_meeting(case).and_then(|m| present_data(case, m)),
        samordnare: coordinator_card(case),
        overall_responsibility: case
            .overall_responsibility
            .as_deref()
            .and_then(|id| org(case, id))
            .map(organisation_data),
        organisationer: case.organisations.iter().map(organisation_data).collect(),
        deltagare: case.participants.iter().map(|p| participant_card(case, p, None)).collect(),
        plan: PlanBody {
            present_situation: plan.present_situation,
            prerequisites: plan.prerequisites,
            intressen: plan.interests,
            wishes: plan.wishes,
            childs_view: plan.childs_view,
            goals: plan
                .goals
                .iter()
                .map(|g| GoalData {
                    id: g.id.clone(),
                    text: g.text.clone(),
                    easy_read: g.easy_read.clone(),
                    insatser: g.interventions.iter().map(|iv| intervention_data(case, iv)).collect(),
                    follow_up: date_text(g.follow_up.as_ref()),
                    fulfilment: g.fulfilment.as_ref().map(word),
                    kommentar: g.comment.clone(),
                })
                .collect(),
            medicines: plan.medicines,
            assistive_devices: plan.assistive_devices,
            other: plan.other,
            andra_planer: plan.other_plans,
            tidsplan: TimelineData {
                start: date_text(timeline.and_then(|t| t.start.as_ref())),
                evaluation: date_text(timeline.and_then(|t| t.evaluation.as_ref())),
                slut: date_text(timeline.and_then(|t| t.end.as_ref())),
            },
            follow_up: FollowUpData {
                datum: date_text(follow_up.and_then(|u| u.date.as_ref())),
                kallas_av: responsible_text(case, follow_up.and_then(|u| u.called_by.as_deref())),
                vad: follow_up.and_then(|u| u.what.clone()),
            },
        },
        meetings: case
            .meetings
            .iter()
            .map(|m| MeetingLine {
                typ: word(&m.kind),
                datum: date_text(Some(&m.date)),
                tid: time_span_text(m.start.as_ref(), m.end.as_ref()),
                plats: m.place.clone(),
                chair: name_of(case, m.chair.as_deref()),
                sekreterare: name_of(case, m.secretary.as_deref()),
                justerare: m.checkers.iter().map(|id| invitee_card(case, id).namn).collect(),
                justerad: date_text(m.checked_on.as_ref()),
            })
            .collect(),
        revisioner: case
            .revisions
            .iter()
            .map(|r| RevisionLine {
                version: r.version,
                datum: date_text(Some(&r.date)),
                beskrivning: r.description.clone(),
            })
            .collect(),
        avslut: case.closure.as_ref().map(|a| ClosureData {
            datum: date_text(a.date.as_ref()),
            orsak: a.reason.map(|r| closure_reason_text(r).to_string()),
        }),
        distribution: copy_organisations(case)
            .iter()
            .map(|o| CopyLine { organisation: o.name.clone(), fil: format!("plan-kopia-{}.pdf", o.id) })
            .collect(),
        distribution_people: plan_people(case).into_iter().map(|c| c.namn).collect(),
        changes: source.previous.map(|p| ChangesData { sedan_version: p.version, lista: p.changes.clone() }),
        copy_to,
    }
}

/// A place as the person reads it in their own letter: "Hemma hos Peter, Storgatan 1"
/// becomes "Hemma hos dig, Storgatan 1". Letters to the person say "du".
pub fn to_the_person(place: &str, case: &PlanCase) -> String {
    let first = case.person.name.split_whitespace().next().unwrap_or_default();
    if first.is_empty() {
        return place.to_string();
    }
    let mut out = String::new();
    let mut rest = place;
    while let Some(at) = rest.find(first) {
        let before = &rest[..at];
        let after = &rest[at + first.len()..];
        let whole_word = !after.starts_with(char::is_alphanumeric);
        let hos = before.ends_with("hos ") || before.ends_with("Hos ");
        out.push_str(before);
        out.push_str(if whole_word && hos { "dig" } else { first });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// What a letter says about its meeting's earlier time and place, when it was moved
/// after the first letters were written.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MovedData {
    /// The earlier day and time (`fredag 20 mars 2026 kl. 13.00`), when they changed.
    #[serde(rename = "när")]
    pub when: Option<String>,
    /// The same in easy-read words (`fredag den 20 mars 2026 klockan 13`).
    #[serde(rename = "när_lättläst")]
    pub when_easy: Option<String>,
    /// The earlier place, when it changed (none when it was not given).
    pub plats: Option<String>,
}

/// Who reads an invitation, for its wording: the person, staff of the municipality or
/// the region, staff of another organisation, a representative or a relative.
fn reader(case: &PlanCase, recipient: &PersonCard) -> &'static str {
    match recipient.slag.as_deref() {
        Some("personen") => "personen",
        Some("företrädare") => "företrädare",
        Some("närstående") => "närstående",
        _ => {
            let works_at = participant(case, &recipient.id).and_then(|p| org(case, &p.organisation));
            match works_at.map(|o| o.principal) {
                Some(Principal::Other) => "annan",
                Some(Principal::Municipality | Principal::Region) | None => "personal",
            }
        }
    }
}

fn invitation_data(case: &PlanCase, n: usize, spec: &DocSpec, source: &Source) -> InvitationData {
    let meeting = case.meetings.get(n.wrapping_sub(1));
    let meeting_date = meeting.and_then(|m| date(&m.date));
    let kind = meeting.map(|m| word(&m.kind)).unwrap_or_default();
    let to_person = matches!(spec.kind, DocKind::PersonInvitation(_));
    let recipient = match &spec.kind {
        DocKind::Invitation(_, id) => invitee_card(case, id),
        _ => PersonCard {
            id: THE_PERSON.into(),
            namn: case.person.name.clone(),
            roll: None,
            organisation: None,
            telefon: None,
            email: None,
            adress: case.person.address.clone(),
            fax: None,
            slag: Some(THE_PERSON.into()),
        },
    };
    let title = match (spec.variant, meeting_date) {
        (Variant::EasyRead, _) => "Du är bjuden till ett möte".to_string(),
        (Variant::Standard | Variant::LargePrint, Some(d)) => format!("Kallelse till {kind} {}", d.long_sv()),
        (Variant::Standard | Variant::LargePrint, None) => format!("Kallelse till {kind}"),
    };
    let invited: Vec<InviteeLine> = meeting
        .map(|m| invited_ids(case, m))
        .unwrap_or_default()
        .iter()
        .map(|id| {
            let card = invitee_card(case, id);
            InviteeLine { namn: card.namn, roll: card.roll, organisation: card.organisation, slag: card.slag }
        })
        .collect();
    let staff = |id: Option<&String>| id.and_then(|id| participant(case, id)).map(|p| participant_card(case, p, None));
    let called_by = staff(meeting.and_then(|m| m.called_by.as_ref()));
    let coordinator = coordinator_card(case);
    // Each reader gets the preparation written for them: what the staff are asked to
    // prepare reaches only staff. The templates put a default text where none is given.
    let reader = reader(case, &recipient);
    let preparation = meeting.and_then(|m| match reader {
        THE_PERSON => m.preparation_person.clone(),
        A_RELATIVE | A_REPRESENTATIVE => m.preparation_relatives.clone(),
        _ => m.preparation.clone(),
    });
    let mut dokument = document_info(spec, title, invitation_date(case, n), case, Some(&recipient.id), source);
    // An invitation belongs to its meeting, not to a version of the plan.
    dokument.sidfot = format!("Ärende {} · möte {n}", case.case_id);
    InvitationData {
        dokument,
        till_personen: to_person,
        reader: reader.to_string(),
        mottagare: recipient,
        rutin: routine_data(source.routine),
        person: InvitedPerson { namn: case.person.name.clone(), tolk: case.person.interpreter.clone() },
        meeting: MeetingData {
            typ: kind,
            first: meeting.is_some_and(|m| m.kind == MeetingKind::Coordination),
            datum: meeting_date.map(|d| d.with_weekday_sv()),
            tid: meeting.and_then(|m| time_span_text(m.start.as_ref(), m.end.as_ref())),
            easy_date: meeting_date.map(easy_date),
            starts: clock(meeting.and_then(|m| m.start.as_ref())).map(easy_time),
            slutar: clock(meeting.and_then(|m| m.end.as_ref())).map(easy_time),
            plats: meeting
                .and_then(|m| m.place.as_deref())
                .map(|p| if to_person { to_the_person(p, case) } else { p.to_string() }),
            link: meeting.and_then(|m| m.link.clone()),
            preparation,
            kallade: invited,
            kallad_av: called_by.clone(),
            chair: staff(meeting.and_then(|m| m.chair.as_ref())),
            nummer: n,
            flyttat: meeting.zip(source.moved.get(&n)).map(|(m, earlier)| {
                let mut moved = moved_data(earlier, m);
                if to_person {
                    moved.plats = moved.plats.map(|p| to_the_person(&p, case));
                }
                moved
            }),
        },
        kontakt: coordinator.clone().or(called_by),
        samordnare: coordinator,
    }
}

/// The data of the calendar event for meeting `n` (from 1).
fn calendar_data(case: &PlanCase, n: usize, spec: &DocSpec, source: &Source) -> CalendarData {
    let meeting = case.meetings.get(n.wrapping_sub(1));
    let with_email = |id: &str| {
        let card = invitee_card(case, id);
        CalendarPerson { namn: card.namn, email: card.email }
    };
    let kind = meeting.map(|m| word(&m.kind)).unwrap_or_default();
    let date = invitation_date(case, n);
    CalendarData {
        dokument: document_info(spec, format!("Kallelse till {kind}"), date, case, None, source),
        uid: format!("{}-mote{n}@samplan", case.case_id),
        dtstamp: date.to_string(),
        datum: meeting.map(|m| m.date.0.clone()).unwrap_or_default(),
        start: meeting.and_then(|m| m.start.as_ref()).map(|t| t.0.clone()),
        slut: meeting.and_then(|m| m.end.as_ref()).map(|t| t.0.clone()),
        plats: meeting.and_then(|m| m.calendar_place.clone().or_else(|| m.place.clone())),
        link: meeting.and_then(|m| m.link.clone()),
        sammanfattning: format!("{} – samordnad individuell plan ({})", capitalise(&kind), case.case_id),
        beskrivning: "Kallelse till ett möte om en samordnad individuell plan (SIP). Dagordning och vad du ska förbereda står i kallelsen.".to_string(),
        organiser: meeting.and_then(|m| m.called_by.as_deref()).map(with_email),
        deltagare: meeting.map(|m| invited_ids(case, m)).unwrap_or_default().iter().map(|id| with_email(id)).collect(),
    }
}

/// The data of a leaflet.
fn information_data(info: &InfoCase, spec: &DocSpec, source: &Source) -> InformationData {
    let date = info.date.as_ref().and_then(date).unwrap_or(EDITION_DATE);
    InformationData {
        dokument: DocumentInfo {
            typ: spec.kind.word().to_string(),
            format: word(&spec.variant.format()),
            namn: spec.name.clone(),
            titel: match spec.variant {
                Variant::EasyRead => "Vad är en SIP?",
                Variant::Standard | Variant::LargePrint => "Samordnad individuell plan – SIP",
            }
            .to_string(),
            datum: date.to_string(),
            datum_text: date.long_sv(),
            case_id: info.id.clone(),
            version: 1,
            sidfot: format!("{} · {}", info.sender, date.long_sv()),
            mottagare_id: None,
            content_hash: source.case_hash.to_string(),
        },
        rutin: routine_data(source.routine),
        sender: info.sender.clone(),
        kontakt: ContactData {
            telefon: info.contact.phone.clone(),
            email: info.contact.email.clone(),
            webb: info.contact.web.clone(),
        },
    }
}

/// The data of deviation report `n` (from 1).
fn deviation_data(case: &PlanCase, n: usize, spec: &DocSpec, source: &Source) -> DeviationData {
    let deviation = case.deviations.get(n.wrapping_sub(1));
    let happened = deviation.and_then(|d| date(&d.date));
    let kind = deviation.and_then(|d| d.kind.as_ref()).map(word).unwrap_or_default();
    let concerns = deviation.map(|d| deviation_concerns(case, d)).unwrap_or_default();
    let to = deviation.and_then(|d| d.concerns.as_deref()).and_then(|id| org(case, id)).map(organisation_data);
    let reporter = deviation
        .and_then(|d| d.reported_by.as_deref())
        .and_then(|id| participant(case, id))
        .map(|p| participant_card(case, p, None));
    let title = format!("Avvikelserapport {n}");
    let date = happened.unwrap_or_else(|| plan_date(case));
    let mut dokument = document_info(spec, title, date, case, to.as_ref().map(|o| o.id.as_str()), source);
    // A report belongs to the case, not to a version of the plan.
    dokument.sidfot = format!("Ärende {} · avvikelserapport {n}", case.case_id);
    DeviationData {
        dokument,
        nummer: n,
        typ: kind,
        datum: date.long_sv(),
        mottagare: to,
        concerns,
        beskrivning: deviation.map(|d| d.description.clone()).unwrap_or_default(),
        rapporterad_av: reporter,
        samordnare: coordinator_card(case),
        rutin: routine_data(source.routine),
    }
}

/// What in the SIP a deviation concerns, in words: the meeting it happened at (the last
/// one on or before its day), the plan version in force, or the initiative.
fn deviation_concerns(case: &PlanCase, deviation: &crate::case::Deviation) -> String {
    use crate::case::DeviationKind;
    let on = date(&deviation.date);
    let meeting = || {
        case.meetings
            .iter()
            .rfind(|m| date(&m.date).is_some_and(|d| on.is_none_or(|on| d <= on)))
            .and_then(|m| Some(format!("{} den {}", capitalise(&word(&m.kind)), date(&m.date)?.long_sv())))
    };
    let plan = || format!("Planen, version {}", case.version);
    match deviation.kind {
        Some(DeviationKind::Initiative) => "Initiativet till en SIP".to_string(),
        Some(DeviationKind::Absent) | Some(DeviationKind::Treatment) => meeting().unwrap_or_else(plan),
        Some(DeviationKind::PlanNotFollowed) | Some(DeviationKind::Other) | None => plan(),
    }
}
