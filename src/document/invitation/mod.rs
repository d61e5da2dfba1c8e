//! The invitation to a meeting: one letter per invited participant, representative or
//! relative, one to the person, and the person's large-print and easy-read forms. Here:
//! which invitations a case yields and how each is made (its template, its text form,
//! its date), and the invitation's data — the meeting with its time, place and agenda,
//! who is invited, who calls and leads it, whom to ask, what each reader should
//! prepare, and when the meeting has moved. Never the plan's health and social details
//! or the personnummer. What the letters say is in [`letter`] and [`easy_read`].

pub mod easy_read;
pub mod letter;

use schemars::JsonSchema;
use serde::Serialize;

use crate::build::{DocKind, DocSpec, Variant};
use crate::case::datetime::{CalendarDate, ClockTime};
use crate::case::{
    A_RELATIVE, A_REPRESENTATIVE, Delivery, Meeting, MeetingKind, PlanCase, Principal, THE_PERSON, word,
};
use crate::document::data::{
    DocumentInfo, EDITION_DATE, OrganisationData, PersonCard, RoutineData, Source, clock, coordinator_card, date,
    document_info, invitee_card, org, organisation_data, participant, participant_card, routine_data,
};
use crate::language::{Packs, Words};
use crate::output::MeetingWhen;

/// The typst template a variant of an invitation is laid out with.
pub fn template(variant: Variant) -> &'static str {
    match variant {
        Variant::EasyRead => "kallelse-person-lattlast.typ",
        Variant::Standard | Variant::LargePrint => "kallelse.typ",
    }
}

/// Whether an invitation has a text form (and so braille and speech): the person's,
/// standard and easy-read; the others' letters are sent as PDF, and large print is the
/// standard text laid out larger.
pub fn has_text(kind: &DocKind, variant: Variant) -> bool {
    matches!(kind, DocKind::PersonInvitation(_)) && variant != Variant::LargePrint
}

/// The invitations to the case's last meeting: one per invited, then the person's.
pub fn documents(case: &PlanCase) -> Vec<DocSpec> {
    let Some(last) = case.meetings.last() else { return Vec::new() };
    let n = case.meetings.len();
    let mut docs: Vec<DocSpec> = invited_ids(case, last)
        .into_iter()
        .map(|id| DocSpec {
            name: format!("kallelse-{id}"),
            kind: DocKind::Invitation(n, id),
            variant: Variant::Standard,
            language: None,
        })
        .collect();
    docs.push(DocSpec {
        kind: DocKind::PersonInvitation(n),
        name: "kallelse-person".into(),
        variant: Variant::Standard,
        language: None,
    });
    docs
}

/// The person's invitation in their own form (`-lattlast`, `-storstil`), when a meeting
/// is called.
pub fn person_form(case: &PlanCase, variant: Variant, suffix: &str) -> Option<DocSpec> {
    let n = case.meetings.len();
    (n > 0).then(|| DocSpec {
        kind: DocKind::PersonInvitation(n),
        name: format!("kallelse-person{suffix}"),
        variant,
        language: None,
    })
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
    /// Who sends the letter: the organisation of whoever calls the meeting, else the
    /// coordinator's, else the one with overall responsibility.
    #[serde(rename = "avsändare")]
    pub sender: Option<OrganisationData>,
    /// Whether the letter goes by post ([`by_post`]), so is laid out for a window
    /// envelope and printed for the post room.
    pub med_post: bool,
    /// The coordinator, once appointed.
    pub samordnare: Option<PersonCard>,
    /// Whom to ask about the meeting: the coordinator, or until one is appointed the
    /// participant who called the meeting.
    pub kontakt: Option<PersonCard>,
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

/// When and where `meeting` is, as its letters say.
pub fn meeting_when(meeting: &Meeting) -> MeetingWhen {
    MeetingWhen {
        datum: meeting.date.0.clone(),
        tid: meeting.start.as_ref().map(|t| t.0.clone()),
        plats: meeting.place.clone(),
    }
}

/// What a moved meeting's letters say about the earlier time and place: each only when
/// it changed, in the letter's language.
fn moved_data(earlier: &MeetingWhen, meeting: &Meeting, words: &Words) -> MovedData {
    let now = meeting_when(meeting);
    let when_changed = earlier.datum != now.datum || earlier.tid != now.tid;
    let day = CalendarDate::parse(&earlier.datum).ok();
    let start = earlier.tid.as_deref().and_then(|t| ClockTime::parse(t).ok());
    let when = |day_text: &dyn Fn(CalendarDate) -> String, time_text: &dyn Fn(ClockTime) -> String| {
        let day = day.map(day_text)?;
        Some(match start {
            Some(t) => format!("{day} {}", time_text(t)),
            None => day,
        })
    };
    let standard = || when(&|d| words.with_weekday(d), &|t| words.time_span(t, None));
    let easy = || when(&|d| words.easy_date(d), &|t| words.easy_time(t));
    MovedData {
        when: when_changed.then(standard).flatten(),
        when_easy: when_changed.then(easy).flatten(),
        plats: if earlier.plats != now.plats { earlier.plats.clone() } else { None },
    }
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

pub fn data(case: &PlanCase, n: usize, spec: &DocSpec, source: &Source) -> InvitationData {
    let words = Packs::builtin().words(spec.language.as_deref());
    let meeting = case.meetings.get(n.wrapping_sub(1));
    let meeting_date = meeting.and_then(|m| date(&m.date));
    let kind = meeting.map(|m| words.meeting_kind(&word(&m.kind))).unwrap_or_default();
    let to_person = matches!(spec.kind, DocKind::PersonInvitation(_));
    // "Hemma hos Peter" is "hemma hos dig" in the person's own Swedish letter; in
    // another language the place stays as the case writes it.
    let own_place = |place: &str| {
        if to_person && words.is_swedish() { to_the_person(place, case) } else { place.to_string() }
    };
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
    let post = by_post(case, &recipient.id);
    let title = match (spec.variant, meeting_date) {
        (Variant::EasyRead, _) => words.fill("dokument.kallelse_lättläst", &[]),
        (Variant::Standard | Variant::LargePrint, Some(d)) => {
            words.fill("dokument.kallelse", &[("typ", &kind), ("datum", &words.long(d))])
        }
        (Variant::Standard | Variant::LargePrint, None) => {
            words.fill("dokument.kallelse_utan_datum", &[("typ", &kind)])
        }
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
    let sent = invitation_date(case, n);
    let mut dokument = document_info(spec, title, sent, case, Some(&recipient.id), source);
    // An invitation belongs to its meeting, not to a version of the plan.
    dokument.sidfot = words.fill("dokument.sidfot_möte", &[("ärende", &case.case_id), ("nummer", &n.to_string())]);
    InvitationData {
        dokument,
        till_personen: to_person,
        reader: reader.to_string(),
        mottagare: recipient,
        rutin: RoutineData {
            // A letter in the person's language has the pack's agenda of every SIP
            // meeting: the routine's own is written in Swedish.
            dagordning: if words.is_swedish() {
                source.routine.file.agenda.clone()
            } else {
                words.list("kallelse.dagordning_allmän")
            },
            ..routine_data(source.routine)
        },
        person: InvitedPerson {
            namn: case.person.name.clone(),
            tolk: case.person.interpreter.as_deref().map(|l| words.language_name(l)),
        },
        meeting: MeetingData {
            typ: kind,
            first: meeting.is_some_and(|m| m.kind == MeetingKind::Coordination),
            datum: meeting_date.map(|d| words.with_weekday(d)),
            tid: clock(meeting.and_then(|m| m.start.as_ref()))
                .map(|start| words.time_span(start, clock(meeting.and_then(|m| m.end.as_ref())))),
            easy_date: meeting_date.map(|d| words.easy_date(d)),
            starts: clock(meeting.and_then(|m| m.start.as_ref())).map(|t| words.easy_time(t)),
            slutar: clock(meeting.and_then(|m| m.end.as_ref())).map(|t| words.easy_time(t)),
            plats: meeting.and_then(|m| m.place.as_deref()).map(own_place),
            link: meeting.and_then(|m| m.link.clone()),
            preparation,
            kallade: invited,
            kallad_av: called_by.clone(),
            chair: staff(meeting.and_then(|m| m.chair.as_ref())),
            nummer: n,
            flyttat: meeting.zip(source.moved.get(&n)).map(|(m, earlier)| {
                let mut moved = moved_data(earlier, m, &words);
                moved.plats = moved.plats.as_deref().map(own_place);
                moved
            }),
        },
        sender: sender(case, meeting.and_then(|m| m.called_by.as_deref())),
        med_post: post,
        kontakt: coordinator.clone().or(called_by),
        samordnare: coordinator,
    }
}

/// The organisation that sends a letter about the case: the one `staff` (a participant's
/// id) works at, else the coordinator's, else the one with overall responsibility.
pub fn sender(case: &PlanCase, staff: Option<&str>) -> Option<OrganisationData> {
    let works_at = |id: Option<&str>| participant(case, id?).and_then(|p| org(case, &p.organisation));
    works_at(staff)
        .or_else(|| works_at(case.coordinator.as_deref()))
        .or_else(|| org(case, case.overall_responsibility.as_deref()?))
        .map(organisation_data)
}

/// Whether the letters to `id` (anyone invited, or the person) go by post: the person,
/// representatives and relatives always; staff when they ask for post (`utskick:
/// post`) or have no e-mail address.
pub fn by_post(case: &PlanCase, id: &str) -> bool {
    match participant(case, id) {
        Some(p) => p.delivery == Some(Delivery::Post) || p.email.as_deref().is_none_or(|e| e.trim().is_empty()),
        None => true,
    }
}
