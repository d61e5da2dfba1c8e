//! The plan: the samordnad individuell plan, each organisation's copy, the copy for a
//! representative or a relative the person agreed may have it, its large print and the
//! person's easy-read plan. Here: which plan documents a case yields and how each is
//! made (its template, its text form, its date), and the plan's data — the person, the
//! consent, the goals with their interventions, the meetings and versions, who gets a
//! copy. What the plan says is in [`outline`] (standard and large print) and
//! [`easy_read`].

pub mod easy_read;
pub mod outline;

use schemars::JsonSchema;
use serde::Serialize;

use crate::build::{DocKind, DocSpec, Variant};
use crate::case::datetime::{CalendarDate, Date};
use crate::case::{
    A_RELATIVE, A_REPRESENTATIVE, ClosureReason, Intervention, Meeting, Named, Organisation, PlanCase, PlanTranslation,
    Status, THE_PERSON, word,
};
use crate::document::data::{
    DocumentInfo, EDITION_DATE, OrganisationData, PersonCard, RoutineData, Source, clock, coordinator_card, date,
    document_info, invitee_card, name_of, org, organisation_data, participant, participant_card, routine_data,
};
use crate::language::{Packs, Words};

/// The typst template a variant of the plan is laid out with.
pub fn template(variant: Variant) -> &'static str {
    match variant {
        Variant::EasyRead => "plan-lattlast.typ",
        Variant::Standard | Variant::LargePrint => "plan.typ",
    }
}

/// Whether a plan document has a text form (and so braille and speech): the plan
/// itself, standard and easy-read; the copies go to organisations and people as PDF
/// only, and large print is the standard text laid out larger.
pub fn has_text(kind: &DocKind, variant: Variant) -> bool {
    *kind == DocKind::Plan && variant != Variant::LargePrint
}

/// The plan documents of a case beside the person's own forms: the plan, a copy per
/// organisation the consent covers, and one for each representative and each relative
/// the person agreed may have it. None while the first meeting is only called.
pub fn documents(case: &PlanCase) -> Vec<DocSpec> {
    if case.status == Status::Called {
        return Vec::new();
    }
    let mut docs =
        vec![DocSpec { kind: DocKind::Plan, name: "plan".into(), variant: Variant::Standard, language: None }];
    for org in copy_organisations(case) {
        let kind = DocKind::PlanCopy(org.id.clone());
        docs.push(DocSpec { kind, name: format!("plan-kopia-{}", org.id), variant: Variant::Standard, language: None });
    }
    for who in plan_people(case) {
        let kind = DocKind::PlanToPerson(who.id.clone());
        docs.push(DocSpec { kind, name: format!("plan-till-{}", who.id), variant: Variant::Standard, language: None });
    }
    docs
}

/// The plan in the person's own form (`-lattlast`, `-storstil`), when there is a plan.
pub fn person_form(case: &PlanCase, variant: Variant, suffix: &str) -> Option<DocSpec> {
    (case.status != Status::Called).then(|| DocSpec {
        kind: DocKind::Plan,
        name: format!("plan{suffix}"),
        variant,
        language: None,
    })
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
    /// `vad` in the document's language, when it is not Swedish and the case gives it
    /// (`översättning`).
    #[serde(rename = "översättning")]
    pub translation: Option<String>,
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
    /// `text` in the document's language, when it is not Swedish and the case gives
    /// it (`översättning`).
    #[serde(rename = "översättning")]
    pub translation: Option<String>,
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
    /// The free texts above in the document's language, when it is not Swedish, as far
    /// as the case gives them (`plan.översättning`).
    #[serde(rename = "översättning")]
    pub translation: PlanTranslation,
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

/// What changed since the previous version, for the plan documents.
#[derive(Debug, Clone, Default)]
pub struct PreviousVersion {
    /// The previous version's number.
    pub version: u32,
    /// The changes, in Swedish.
    pub changes: Vec<String>,
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

fn intervention_data(case: &PlanCase, iv: &Intervention, words: &Words, spec: &DocSpec) -> InterventionData {
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
        start: day(words, iv.start.as_ref()),
        klart: day(words, iv.done_by.as_ref()),
        start_kort: iv.start.as_ref().and_then(date).map(|d| d.to_string()),
        klart_kort: iv.done_by.as_ref().and_then(date).map(|d| d.to_string()),
        easy_read: iv.easy_read.clone(),
        translation: translated(&iv.translation, spec),
    }
}

/// Who someone named by id or word is, in a sentence: a participant with role and
/// organisation, a representative or relative with their role, or the person.
fn who_text(case: &PlanCase, text: &str, words: &Words) -> String {
    let person = [("namn", case.person.name.as_str())];
    match Named::of(text) {
        Named::ThePerson => case.person.name.clone(),
        Named::ARelative => words.fill("plan.närstående_till", &person),
        Named::ARepresentative => words.fill("plan.företrädare_för", &person),
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

fn closure_reason_text(reason: ClosureReason, words: &Words) -> String {
    words.fill(
        match reason {
            ClosureReason::GoalsMet => "plan.ord.målen_uppfyllda",
            ClosureReason::NoLongerNeeded => "plan.ord.behövs_inte",
            ClosureReason::Other => "plan.ord.annan_orsak",
        },
        &[],
    )
}

/// A day in the document's language's words, when the case gives a valid one.
fn day(words: &Words, d: Option<&Date>) -> Option<String> {
    d.and_then(date).map(|d| words.long(d))
}

/// The translation into the document's language of a free text, from its
/// `översättning`; none for a Swedish document.
fn translated(translations: &std::collections::BTreeMap<String, String>, spec: &DocSpec) -> Option<String> {
    translations.get(spec.language.as_deref()?).cloned()
}

pub fn data(case: &PlanCase, spec: &DocSpec, source: &Source) -> PlanData {
    let words = Packs::builtin().words(spec.language.as_deref());
    let words = &words;
    let plan = case.plan.clone().unwrap_or_default();
    let copy_for = match &spec.kind {
        DocKind::PlanCopy(id) => org(case, id).map(organisation_data),
        _ => None,
    };
    let copy_to = match &spec.kind {
        DocKind::PlanToPerson(id) => Some(invitee_card(case, id)),
        _ => None,
    };
    let person = [("namn", case.person.name.as_str())];
    let title = match spec.variant {
        Variant::EasyRead => words.fill("plan.rubrik_lättläst", &person),
        Variant::Standard | Variant::LargePrint => {
            format!("{} {}", words.fill("plan.rubrik", &[]), words.fill("plan.för", &person))
        }
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
            birth_date: day(words, case.person.birth_date.as_ref()),
            adress: case.person.address.clone(),
            telefon: case.person.phone.clone(),
            email: case.person.email.clone(),
            tolk: case.person.interpreter.as_deref().map(|l| words.language_name(l)),
            representatives: case.person.representatives.iter().map(|r| invitee_card(case, &r.id)).collect(),
            relatives: case.person.relatives.iter().map(|r| invitee_card(case, &r.id)).collect(),
        },
        samtycke: case.consent.as_ref().map(|c| ConsentData {
            datum: day(words, c.date.as_ref()),
            form: c.form.as_ref().map(word).unwrap_or_default(),
            covers: c.covers.iter().map(|id| org(case, id).map_or(id.clone(), |o| o.name.clone())).collect(),
            givet_av: c
                .given_by
                .as_deref()
                .filter(|id| Named::of(id) != Named::ThePerson)
                .map(|id| invitee_card(case, id)),
        }),
        initiativ: case.initiative.as_ref().map(|i| InitiativeData {
            datum: day(words, i.date.as_ref()),
            av: i.by.as_deref().map(|by| who_text(case, by, words)),
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
                    insatser: g.interventions.iter().map(|iv| intervention_data(case, iv, words, spec)).collect(),
                    follow_up: day(words, g.follow_up.as_ref()),
                    fulfilment: g.fulfilment.as_ref().map(word),
                    kommentar: g.comment.clone(),
                    translation: translated(&g.translation, spec),
                })
                .collect(),
            medicines: plan.medicines,
            assistive_devices: plan.assistive_devices,
            other: plan.other,
            andra_planer: plan.other_plans,
            tidsplan: TimelineData {
                start: day(words, timeline.and_then(|t| t.start.as_ref())),
                evaluation: day(words, timeline.and_then(|t| t.evaluation.as_ref())),
                slut: day(words, timeline.and_then(|t| t.end.as_ref())),
            },
            follow_up: FollowUpData {
                datum: day(words, follow_up.and_then(|u| u.date.as_ref())),
                kallas_av: responsible_text(case, follow_up.and_then(|u| u.called_by.as_deref())),
                vad: follow_up.and_then(|u| u.what.clone()),
            },
            translation: spec
                .language
                .as_deref()
                .and_then(|code| plan.translation.get(code))
                .cloned()
                .unwrap_or_default(),
        },
        meetings: case
            .meetings
            .iter()
            .map(|m| MeetingLine {
                typ: word(&m.kind),
                datum: day(words, Some(&m.date)),
                tid: clock(m.start.as_ref()).map(|start| words.time_span(start, clock(m.end.as_ref()))),
                plats: m.place.clone(),
                chair: name_of(case, m.chair.as_deref()),
                sekreterare: name_of(case, m.secretary.as_deref()),
                justerare: m.checkers.iter().map(|id| invitee_card(case, id).namn).collect(),
                justerad: day(words, m.checked_on.as_ref()),
            })
            .collect(),
        revisioner: case
            .revisions
            .iter()
            .map(|r| RevisionLine {
                version: r.version,
                datum: day(words, Some(&r.date)),
                beskrivning: r.description.clone(),
            })
            .collect(),
        avslut: case.closure.as_ref().map(|a| ClosureData {
            datum: day(words, a.date.as_ref()),
            orsak: a.reason.map(|r| closure_reason_text(r, words)),
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
