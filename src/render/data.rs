//! What each document is made from: the list of documents a case yields, and for each
//! the JSON its template reads at `/data.json`. Everything a template shows is decided
//! here — dates in Swedish words, names resolved from ids, what a recipient may see —
//! so templates only lay out, and `samplan data` shows exactly what a document holds.
//!
//! Invitations carry the meeting, its purpose and agenda, who is invited and the
//! coordinator, never the plan's health and social details or the personnummer.

use serde_json::{Value, json};

use crate::case::datetime::{CalendarDate, Date, Time};
use crate::case::{
    ConsentForm, Format, InfoCase, Intervention, Meeting, MeetingKind, Organisation, Participant, PlanCase, Principal,
};
use crate::routine::Routine;

/// The date samplan's fixed texts were written; a leaflet without `datum` carries it.
pub const EDITION_DATE: CalendarDate = CalendarDate { year: 2026, month: 11, day: 22 };

/// What kind of document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocKind {
    /// The plan, with its distribution list.
    Plan,
    /// One organisation's copy of the plan (organisation id).
    PlanCopy(String),
    /// The invitation to one invited participant, representative or relative (id).
    Invitation(String),
    /// The invitation to the person.
    PersonInvitation,
    /// The public leaflet.
    Information,
    /// The last meeting as a calendar event (`mote.ics`).
    Calendar,
}

/// One document to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSpec {
    /// What it is.
    pub kind: DocKind,
    /// File name without extension, e.g. `plan-kopia-rehab`.
    pub name: String,
    /// Main template file.
    pub template: &'static str,
    /// Standard, easy-read or large print.
    pub variant: Variant,
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

impl Variant {
    /// The word templates see in `dokument.format`.
    pub fn as_str(self) -> &'static str {
        match self {
            Variant::Standard => "standard",
            Variant::EasyRead => "lättläst",
            Variant::LargePrint => "storstil",
        }
    }
}

fn spec(kind: DocKind, name: String, template: &'static str) -> DocSpec {
    DocSpec { kind, name, template, variant: Variant::Standard }
}

impl DocSpec {
    /// The kind as a word (`plan`, `plan-kopia`, `kallelse`, `kallelse-person`, `information`).
    pub fn kind_word(&self) -> &'static str {
        match self.kind {
            DocKind::Plan => "plan",
            DocKind::PlanCopy(_) => "plan-kopia",
            DocKind::Invitation(_) => "kallelse",
            DocKind::PersonInvitation => "kallelse-person",
            DocKind::Information => "information",
            DocKind::Calendar => "kalender",
        }
    }
}

/// The documents a plan case yields, in a fixed order.
pub fn plan_documents(case: &PlanCase) -> Vec<DocSpec> {
    let mut docs = vec![spec(DocKind::Plan, "plan".into(), "plan.typ")];
    for org in copy_organisations(case) {
        docs.push(spec(DocKind::PlanCopy(org.id.clone()), format!("plan-kopia-{}", org.id), "plan.typ"));
    }
    let meeting = case.meetings.last();
    if let Some(meeting) = meeting {
        for id in invited_ids(case, meeting) {
            docs.push(spec(DocKind::Invitation(id.clone()), format!("kallelse-{id}"), "kallelse.typ"));
        }
        docs.push(spec(DocKind::PersonInvitation, "kallelse-person".into(), "kallelse.typ"));
        docs.push(spec(DocKind::Calendar, "mote".into(), ""));
    }
    // The person's own forms: easy-read and large print of the plan and their invitation.
    let person_forms = [
        (Format::EasyRead, Variant::EasyRead, "lattlast", "plan-lattlast.typ", "kallelse-person-lattlast.typ"),
        (Format::LargePrint, Variant::LargePrint, "storstil", "plan.typ", "kallelse.typ"),
    ];
    for (format, variant, suffix, plan_template, letter_template) in person_forms {
        if !case.person.formats.contains(&format) {
            continue;
        }
        docs.push(DocSpec { kind: DocKind::Plan, name: format!("plan-{suffix}"), template: plan_template, variant });
        if meeting.is_some() {
            docs.push(DocSpec {
                kind: DocKind::PersonInvitation,
                name: format!("kallelse-person-{suffix}"),
                template: letter_template,
                variant,
            });
        }
    }
    docs
}

/// The documents a leaflet yields.
pub fn information_documents(info: &InfoCase) -> Vec<DocSpec> {
    let mut docs = vec![spec(DocKind::Information, "information".into(), "information.typ")];
    if info.formats.contains(&Format::EasyRead) {
        docs.push(DocSpec {
            kind: DocKind::Information,
            name: "information-lattlast".into(),
            template: "information-lattlast.typ",
            variant: Variant::EasyRead,
        });
    }
    docs
}

/// Organisations that get a copy: those in `organisationer` that the consent covers.
pub fn copy_organisations(case: &PlanCase) -> Vec<&Organisation> {
    let covered = case.consent.as_ref().map(|c| c.covers.as_slice()).unwrap_or(&[]);
    case.organisations.iter().filter(|o| covered.contains(&o.id)).collect()
}

/// Who is invited to `meeting`: `kallade`, or every participant when absent.
pub fn invited_ids(case: &PlanCase, meeting: &Meeting) -> Vec<String> {
    match &meeting.invited {
        Some(ids) => ids.clone(),
        None => case.participants.iter().map(|p| p.id.clone()).collect(),
    }
}

fn date(d: &Date) -> Option<CalendarDate> {
    d.parse().ok()
}

fn date_text(d: Option<&Date>) -> Value {
    d.and_then(date).map_or(Value::Null, |d| Value::String(d.long_sv()))
}

/// `kl. 13.00–14.30`, `kl. 13.00`, or null.
pub fn time_span_text(start: Option<&Time>, end: Option<&Time>) -> Option<String> {
    let s = start.and_then(|t| t.parse().ok())?;
    Some(match end.and_then(|t| t.parse().ok()) {
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

fn principal_text(p: Principal) -> &'static str {
    match p {
        Principal::Region => "region",
        Principal::Municipality => "kommun",
        Principal::Other => "annan aktör",
    }
}

fn organisation_value(o: &Organisation) -> Value {
    json!({
        "id": o.id,
        "namn": o.name,
        "huvudman": principal_text(o.principal),
        "verksamhet": o.activity,
        "adress": o.address,
    })
}

/// A participant with the contact details documents show.
fn participant_value(case: &PlanCase, p: &Participant) -> Value {
    let o = org(case, &p.organisation);
    json!({
        "id": p.id,
        "namn": p.name,
        "roll": p.role,
        "organisation": o.map(|o| o.name.clone()),
        "telefon": p.phone,
        "e-post": p.email,
        "adress": p.address.clone().or_else(|| o.and_then(|o| o.address.clone())),
        "fax": p.fax,
    })
}

/// Anyone who can be invited, by id: participant, representative or relative.
fn invitee_value(case: &PlanCase, id: &str) -> Value {
    if let Some(p) = participant(case, id) {
        let mut v = participant_value(case, p);
        v["slag"] = json!("deltagare");
        return v;
    }
    if let Some(r) = case.person.representatives.iter().find(|r| r.id == id) {
        return json!({"id": r.id, "namn": r.name, "roll": r.role, "organisation": null, "telefon": r.phone,
                      "e-post": r.email, "adress": r.address, "slag": "företrädare"});
    }
    if let Some(r) = case.person.relatives.iter().find(|r| r.id == id) {
        return json!({"id": r.id, "namn": r.name, "roll": r.relation, "organisation": null, "telefon": r.phone,
                      "e-post": r.email, "adress": r.address, "slag": "närstående"});
    }
    json!({"id": id, "namn": id, "slag": "okänd"})
}

fn performer_text(case: &PlanCase, id: &str) -> String {
    match id {
        "personen" => case.person.name.clone(),
        "närstående" => "närstående".to_string(),
        _ => org(case, id).map_or_else(|| id.to_string(), |o| o.name.clone()),
    }
}

fn responsible_text(case: &PlanCase, id: Option<&str>) -> Value {
    match id {
        None => Value::Null,
        Some("personen") => json!(case.person.name),
        Some("närstående") => json!("närstående"),
        Some(id) => json!(participant(case, id).map_or(id.to_string(), |p| p.name.clone())),
    }
}

fn intervention_value(case: &PlanCase, iv: &Intervention) -> Value {
    json!({
        "vad": iv.what,
        "utförare": performer_text(case, &iv.performer),
        "ansvarig": responsible_text(case, iv.responsible.as_deref()),
        "status": match iv.decided { Some(true) => "beslutad", Some(false) => "planerad", None => "" },
        "start": date_text(iv.start.as_ref()),
        "klart": date_text(iv.done_by.as_ref()),
        "start_kort": iv.start.as_ref().and_then(date).map(|d| d.to_string()),
        "klart_kort": iv.done_by.as_ref().and_then(date).map(|d| d.to_string()),
        "lättläst": iv.easy_read,
    })
}

fn meeting_kind_text(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Coordination => "samordningsmöte",
        MeetingKind::FollowUp => "uppföljningsmöte",
    }
}

/// An easy-read date: `fredag den 20 mars 2026`.
pub fn easy_date(d: CalendarDate) -> String {
    format!("{} den {} {} {}", d.weekday_sv(), d.day, d.month_sv(), d.year)
}

/// An easy-read time: `klockan 13`, or `klockan 13.30`.
pub fn easy_time(t: crate::case::datetime::ClockTime) -> String {
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

/// The date an invitation carries: the latest recorded event before the meeting it
/// invites to (consent, initiative, an earlier meeting, a revision); deterministic, so
/// the same case always gives the same letter.
pub fn invitation_date(case: &PlanCase) -> CalendarDate {
    let meeting = case.meetings.last().and_then(|m| date(&m.date));
    let mut candidates: Vec<CalendarDate> = Vec::new();
    candidates.extend(case.consent.as_ref().and_then(|c| c.date.as_ref()).and_then(date));
    candidates.extend(case.initiative.as_ref().and_then(|i| i.date.as_ref()).and_then(date));
    candidates.extend(case.meetings.iter().rev().skip(1).filter_map(|m| date(&m.date)));
    candidates.extend(case.revisions.iter().filter_map(|r| date(&r.date)));
    candidates.into_iter().filter(|d| meeting.is_none_or(|m| *d < m)).max().or(meeting).unwrap_or(EDITION_DATE)
}

fn coordinator_value(case: &PlanCase) -> Value {
    case.coordinator.as_deref().and_then(|id| participant(case, id)).map_or(Value::Null, |p| participant_value(case, p))
}

fn routine_value(routine: &Routine) -> Value {
    json!({
        "id": routine.id(),
        "titel": routine.file.title,
        "källa": routine.file.source,
        "dagordning": routine.file.agenda,
        "närvaroplikt": routine.file.duty_to_attend,
        "planens_delar": routine.file.plan_sections,
    })
}

fn footer(case: &PlanCase) -> String {
    format!("Ärende {} · version {}", case.case_id, case.version)
}

/// What changed since the previous version, for the plan documents.
#[derive(Debug, Clone, Default)]
pub struct PreviousVersion {
    /// The previous version's number.
    pub version: u32,
    /// The changes, in Swedish.
    pub changes: Vec<String>,
}

/// The data for one document of a plan case.
pub fn plan_case_data(
    case: &PlanCase,
    routine: &Routine,
    spec: &DocSpec,
    case_hash: &str,
    previous: Option<&PreviousVersion>,
) -> Value {
    match &spec.kind {
        DocKind::Plan | DocKind::PlanCopy(_) => {
            let mut data = plan_data(case, routine, spec, case_hash);
            data["ändringar"] = match previous {
                Some(p) => json!({"sedan_version": p.version, "lista": p.changes}),
                None => Value::Null,
            };
            data
        }
        DocKind::Invitation(_) | DocKind::PersonInvitation => invitation_data(case, routine, spec, case_hash),
        DocKind::Calendar => calendar_data(case, spec, case_hash),
        DocKind::Information => Value::Null,
    }
}

/// The data of the calendar event for the last meeting.
fn calendar_data(case: &PlanCase, spec: &DocSpec, case_hash: &str) -> Value {
    let Some(meeting) = case.meetings.last() else {
        return Value::Null;
    };
    let index = case.meetings.len();
    let with_email = |id: &str| {
        let v = invitee_value(case, id);
        json!({"namn": v["namn"], "e-post": v["e-post"]})
    };
    let kind = meeting_kind_text(meeting.kind);
    let date = invitation_date(case);
    json!({
        "dokument": document_value(spec, &format!("Kallelse till {kind}"), date, case, None, case_hash),
        "uid": format!("{}-mote{index}@samplan", case.case_id),
        "dtstamp": date.to_string(),
        "datum": meeting.date.0,
        "start": meeting.start.as_ref().map(|t| t.0.clone()),
        "slut": meeting.end.as_ref().map(|t| t.0.clone()),
        "plats": meeting.place,
        "sammanfattning": format!("{} – samordnad individuell plan ({})", capitalise(kind), case.case_id),
        "beskrivning": "Kallelse till ett möte om en samordnad individuell plan (SIP). Dagordning och vad du ska förbereda står i kallelsen.",
        "arrangör": meeting.called_by.as_deref().map(with_email),
        "deltagare": invited_ids(case, meeting).iter().map(|id| with_email(id)).collect::<Vec<_>>(),
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn document_value(
    spec: &DocSpec,
    title: &str,
    date: CalendarDate,
    case: &PlanCase,
    recipient: Option<&str>,
    case_hash: &str,
) -> Value {
    json!({
        "typ": spec.kind_word(),
        "format": spec.variant.as_str(),
        "namn": spec.name,
        "titel": title,
        "datum": date.to_string(),
        "datum_text": date.long_sv(),
        "ärende": case.case_id,
        "version": case.version,
        "sidfot": footer(case),
        "mottagare_id": recipient,
        "innehållshash": case_hash,
    })
}

fn plan_data(case: &PlanCase, routine: &Routine, spec: &DocSpec, case_hash: &str) -> Value {
    let plan = case.plan.clone().unwrap_or_default();
    let copy_for = match &spec.kind {
        DocKind::PlanCopy(id) => org(case, id).map(organisation_value),
        _ => None,
    };
    let title = match spec.variant {
        Variant::EasyRead => format!("Planen för {}", case.person.name),
        _ => format!("Samordnad individuell plan för {}", case.person.name),
    };
    let goals: Vec<Value> = plan
        .goals
        .iter()
        .map(|g| {
            json!({
                "id": g.id,
                "text": g.text,
                "lättläst": g.easy_read,
                "insatser": g.interventions.iter().map(|iv| intervention_value(case, iv)).collect::<Vec<_>>(),
                "uppföljning": date_text(g.follow_up.as_ref()),
                "måluppfyllelse": g.fulfilment.map(|f| f.as_str()),
                "kommentar": g.comment,
            })
        })
        .collect();
    let timeline = plan.timeline.as_ref();
    let follow_up = plan.follow_up.as_ref();
    let overall = case.overall_responsibility.as_deref().and_then(|id| org(case, id));
    let copies: Vec<Value> = copy_organisations(case)
        .iter()
        .map(|o| json!({"organisation": o.name, "fil": format!("plan-kopia-{}.pdf", o.id)}))
        .collect();
    json!({
        "dokument": document_value(spec, &title, plan_date(case), case, copy_for.as_ref().map(|o| o["id"].as_str().unwrap_or("")), case_hash),
        "kopia_för": copy_for,
        "rutin": routine_value(routine),
        "status": match case.status { crate::case::Status::Ongoing => "pågående", crate::case::Status::Closed => "avslutad" },
        "person": {
            "namn": case.person.name,
            "personnummer": case.person.personal_number,
            "födelsedatum": date_text(case.person.birth_date.as_ref()),
            "adress": case.person.address,
            "telefon": case.person.phone,
            "e-post": case.person.email,
            "tolk": case.person.interpreter,
            "företrädare": case.person.representatives.iter().map(|r| invitee_value(case, &r.id)).collect::<Vec<_>>(),
            "närstående": case.person.relatives.iter().map(|r| invitee_value(case, &r.id)).collect::<Vec<_>>(),
        },
        "samtycke": case.consent.as_ref().map(|c| json!({
            "datum": date_text(c.date.as_ref()),
            "form": match c.form { Some(ConsentForm::Written) => "skriftligt", Some(ConsentForm::Oral) => "muntligt", None => "" },
            "gäller": c.covers.iter().map(|id| org(case, id).map_or(id.clone(), |o| o.name.clone())).collect::<Vec<_>>(),
        })),
        "samordnare": coordinator_value(case),
        "övergripande_ansvar": overall.map(organisation_value),
        "organisationer": case.organisations.iter().map(organisation_value).collect::<Vec<_>>(),
        "deltagare": case.participants.iter().map(|p| participant_value(case, p)).collect::<Vec<_>>(),
        "plan": {
            "nuläge": plan.present_situation,
            "förutsättningar": plan.prerequisites,
            "intressen": plan.interests,
            "önskemål": plan.wishes,
            "barnets_inställning": plan.childs_view,
            "mål": goals,
            "läkemedel": plan.medicines,
            "hjälpmedel": plan.assistive_devices,
            "övrigt": plan.other,
            "andra_planer": plan.other_plans,
            "tidsplan": {
                "start": date_text(timeline.and_then(|t| t.start.as_ref())),
                "utvärdering": date_text(timeline.and_then(|t| t.evaluation.as_ref())),
                "slut": date_text(timeline.and_then(|t| t.end.as_ref())),
            },
            "uppföljning": {
                "datum": date_text(follow_up.and_then(|u| u.date.as_ref())),
                "kallas_av": responsible_text(case, follow_up.and_then(|u| u.called_by.as_deref())),
                "vad": follow_up.and_then(|u| u.what.clone()),
            },
        },
        "möten": case.meetings.iter().map(|m| json!({
            "typ": meeting_kind_text(m.kind),
            "datum": date_text(Some(&m.date)),
            "tid": time_span_text(m.start.as_ref(), m.end.as_ref()),
            "plats": m.place,
        })).collect::<Vec<_>>(),
        "revisioner": case.revisions.iter().map(|r| json!({
            "version": r.version,
            "datum": date_text(Some(&r.date)),
            "beskrivning": r.description,
        })).collect::<Vec<_>>(),
        "avslut": case.closure.as_ref().map(|a| json!({
            "datum": date_text(a.date.as_ref()),
            "orsak": a.reason.map(|r| match r {
                crate::case::ClosureReason::GoalsMet => "målen är uppfyllda",
                crate::case::ClosureReason::NoLongerNeeded => "samordningen behövs inte längre",
                crate::case::ClosureReason::Other => "annan orsak",
            }),
        })),
        "sändlista": copies,
    })
}

fn invitation_data(case: &PlanCase, routine: &Routine, spec: &DocSpec, case_hash: &str) -> Value {
    let Some(meeting) = case.meetings.last() else {
        return Value::Null;
    };
    let meeting_date = date(&meeting.date);
    let to_person = spec.kind == DocKind::PersonInvitation;
    let recipient = match &spec.kind {
        DocKind::Invitation(id) => invitee_value(case, id),
        _ => json!({"namn": case.person.name, "adress": case.person.address, "slag": "personen"}),
    };
    let title = match (spec.variant, meeting_date) {
        (Variant::EasyRead, _) => "Du är bjuden till ett möte".to_string(),
        (_, Some(d)) => format!("Kallelse till {} {}", meeting_kind_text(meeting.kind), d.long_sv()),
        (_, None) => format!("Kallelse till {}", meeting_kind_text(meeting.kind)),
    };
    let invited: Vec<Value> = invited_ids(case, meeting)
        .iter()
        .map(|id| {
            let v = invitee_value(case, id);
            json!({"namn": v["namn"], "roll": v["roll"], "organisation": v["organisation"], "slag": v["slag"]})
        })
        .collect();
    let called_by =
        meeting.called_by.as_deref().and_then(|id| participant(case, id)).map(|p| participant_value(case, p));
    json!({
        "dokument": document_value(spec, &title, invitation_date(case), case,
                                   if to_person { Some("personen") } else { recipient["id"].as_str() }, case_hash),
        "till_personen": to_person,
        "mottagare": recipient,
        "rutin": routine_value(routine),
        "person": { "namn": case.person.name, "tolk": case.person.interpreter },
        "möte": {
            "typ": meeting_kind_text(meeting.kind),
            "första": meeting.kind == MeetingKind::Coordination,
            "datum": meeting_date.map(|d| d.with_weekday_sv()),
            "tid": time_span_text(meeting.start.as_ref(), meeting.end.as_ref()),
            "datum_lättläst": meeting_date.map(easy_date),
            "börjar": meeting.start.as_ref().and_then(|t| t.parse().ok()).map(easy_time),
            "slutar": meeting.end.as_ref().and_then(|t| t.parse().ok()).map(easy_time),
            "plats": meeting.place,
            "förberedelse": meeting.preparation,
            "kallade": invited,
            "kallad_av": called_by,
        },
        "samordnare": coordinator_value(case),
    })
}

/// The data for a leaflet.
pub fn information_data(info: &InfoCase, routine: &Routine, spec: &DocSpec, case_hash: &str) -> Value {
    let date = info.date.as_ref().and_then(date).unwrap_or(EDITION_DATE);
    json!({
        "dokument": {
            "typ": spec.kind_word(),
            "format": spec.variant.as_str(),
            "namn": spec.name,
            "titel": if spec.variant == Variant::EasyRead { "Vad är en SIP?" } else { "Samordnad individuell plan – SIP" },
            "datum": date.to_string(),
            "datum_text": date.long_sv(),
            "ärende": info.id,
            "version": 1,
            "sidfot": format!("{} · {}", info.sender, date.long_sv()),
            "mottagare_id": null,
            "innehållshash": case_hash,
        },
        "rutin": routine_value(routine),
        "avsändare": info.sender,
        "kontakt": { "telefon": info.contact.phone, "e-post": info.contact.email, "webb": info.contact.web },
    })
}
