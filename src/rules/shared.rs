//! Rules shared by every routine (the national base): well-formed ids, real dates and
//! times, consent before the meeting, both principals taking part, the coordinator, the
//! time plan, follow-up, closure and revisions; and the leaflet rules.

use super::{Finding, PlanCtx};
#[cfg(doc)]
use crate::case::datetime::Time;
use crate::case::datetime::{CalendarDate, ClockTime, Date};
use crate::case::personnummer::{self, mask_in};
use crate::case::{FileKind, InfoCase, MeetingKind, Organisation, Participant, PlanCase, Principal, Status};
use crate::schema::Schema;

/// The case-id pattern: `[A-Za-z0-9_-]{1,64}`.
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn id_findings(path: &str, id: &str, what: &str) -> Vec<Finding> {
    if !valid_id(id) {
        return vec![Finding::new(
            path,
            format!(
                "{what} får bara innehålla A–Z, a–z, 0–9, _ och - (1–64 tecken), eftersom det blir en del av filnamn"
            ),
        )];
    }
    if personnummer::contains_number_like(id) {
        return vec![Finding::new(
            path,
            format!("{what} ser ut att innehålla ett personnummer; det blir en del av filnamn och får inte göra det"),
        )];
    }
    Vec::new()
}

/// SIP-ARENDE-ID
pub fn case_id(ctx: &PlanCtx) -> Vec<Finding> {
    id_findings("ärende", &ctx.case.case_id, "ärendets id")
}

/// INFO-ID
pub fn info_id(info: &InfoCase) -> Vec<Finding> {
    id_findings("id", &info.id, "bladets id")
}

/// INFO-DATUM
pub fn info_date(info: &InfoCase) -> Vec<Finding> {
    match info.date.as_ref().map(Date::parse) {
        Some(Err(e)) => vec![Finding::new("datum", e)],
        _ => Vec::new(),
    }
}

/// INFO-KONTAKT
pub fn info_contact(info: &InfoCase) -> Vec<Finding> {
    let c = &info.contact;
    let given = [&c.phone, &c.email, &c.web].iter().any(|v| v.as_deref().is_some_and(|s| !s.trim().is_empty()));
    if given {
        Vec::new()
    } else {
        vec![Finding::new("kontakt", "ange minst ett sätt att nå avsändaren: `telefon`, `e-post` eller `webb`")]
    }
}

/// A date that parses, else None (its own rule reports it).
pub fn real(d: Option<&Date>) -> Option<CalendarDate> {
    d.and_then(|d| d.parse().ok())
}

/// SIP-DATUM-GILTIGT: every value the case model types as a date ([`Date`]), found
/// through the schema, so a date field added to the model is checked too.
pub fn dates_real(ctx: &PlanCtx) -> Vec<Finding> {
    Schema::shared()
        .texts_of(FileKind::Plan, ctx.json, "Date")
        .into_iter()
        .filter_map(|(path, d)| CalendarDate::parse(d).err().map(|e| Finding::new(path, mask_in(&e))))
        .collect()
}

/// SIP-TID-GILTIG: every value the case model types as a time of day ([`Time`]).
pub fn times_real(ctx: &PlanCtx) -> Vec<Finding> {
    Schema::shared()
        .texts_of(FileKind::Plan, ctx.json, "Time")
        .into_iter()
        .filter_map(|(path, t)| ClockTime::parse(t).err().map(|e| Finding::new(path, e)))
        .collect()
}

/// SIP-MOTE-SLUTTID
pub fn meeting_end_after_start(ctx: &PlanCtx) -> Vec<Finding> {
    let mut f = Vec::new();
    for (m, meeting) in ctx.case.meetings.iter().enumerate() {
        let start = meeting.start.as_ref().and_then(|t| t.parse().ok());
        let end = meeting.end.as_ref().and_then(|t| t.parse().ok());
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
        {
            f.push(Finding::new(
                format!("möten[{m}].sluttid"),
                format!("mötet slutar {} men börjar {}; sluttiden måste vara efter starttiden", e.sv(), s.sv()),
            ));
        }
    }
    f
}

/// SIP-MOTEN-ORDNING
pub fn meetings_in_order(ctx: &PlanCtx) -> Vec<Finding> {
    let mut f = Vec::new();
    let dates: Vec<Option<CalendarDate>> = ctx.case.meetings.iter().map(|m| m.date.parse().ok()).collect();
    for i in 1..dates.len() {
        if let (Some(prev), Some(cur)) = (dates[i - 1], dates[i])
            && cur < prev
        {
            f.push(Finding::new(
                format!("möten[{i}].datum"),
                format!("mötet {cur} står efter mötet {prev}; skriv mötena äldst först (kallelser görs för det sista)"),
            ));
        }
    }
    f
}

/// SIP-PERSONNUMMER
pub fn personal_number_valid(ctx: &PlanCtx) -> Vec<Finding> {
    match &ctx.case.person.personal_number {
        Some(n) => match personnummer::parse(n) {
            Ok(_) => Vec::new(),
            Err(e) => vec![Finding::new("person.personnummer", format!("{e} (värdet: {})", personnummer::masked(n)))],
        },
        None => Vec::new(),
    }
}

/// The person's birth date, from the personnummer or `födelsedatum`.
pub fn birth_date(c: &PlanCase) -> Option<CalendarDate> {
    c.person
        .personal_number
        .as_deref()
        .and_then(|n| personnummer::parse(n).ok())
        .map(|p| p.birth_date)
        .or_else(|| real(c.person.birth_date.as_ref()))
}

/// SIP-FODELSEDATUM
pub fn birth_date_matches(ctx: &PlanCtx) -> Vec<Finding> {
    let p = &ctx.case.person;
    let from_number = p.personal_number.as_deref().and_then(|n| personnummer::parse(n).ok());
    match (from_number, real(p.birth_date.as_ref())) {
        (Some(n), Some(d)) if n.birth_date != d => vec![Finding::new(
            "person.födelsedatum",
            format!("födelsedatum {d} stämmer inte med personnumrets datum; rätta det ena"),
        )],
        _ => Vec::new(),
    }
}

/// The date of the earliest meeting.
pub fn first_meeting(c: &PlanCase) -> Option<CalendarDate> {
    c.meetings.iter().filter_map(|m| m.date.parse().ok()).min()
}

/// SIP-SAMTYCKE-FORE-MOTE
pub fn consent_before_meeting(ctx: &PlanCtx) -> Vec<Finding> {
    let consent = real(ctx.case.consent.as_ref().and_then(|s| s.date.as_ref()));
    match (consent, first_meeting(ctx.case)) {
        (Some(s), Some(m)) if s > m => vec![Finding::new(
            "samtycke.datum",
            format!(
                "samtycket ({s}) är givet efter det första mötet ({m}); samordning får bara ske när personen har samtyckt"
            ),
        )],
        _ => Vec::new(),
    }
}

/// SIP-KOMMUN-OCH-REGION
pub fn municipality_and_region(ctx: &PlanCtx) -> Vec<Finding> {
    let has = |p| ctx.case.organisations.iter().any(|o| o.principal == p);
    let mut lacking = Vec::new();
    if !has(Principal::Municipality) {
        lacking.push("kommunen");
    }
    if !has(Principal::Region) {
        lacking.push("regionen");
    }
    if lacking.is_empty() {
        Vec::new()
    } else {
        vec![Finding::new(
            "organisationer",
            format!(
                "ingen verksamhet med {} som huvudman deltar; en SIP görs när både kommunen och regionen behövs (huvudman: kommun / region)",
                lacking.join(" eller ")
            ),
        )]
    }
}

/// The coordinator as a participant, and their organisation.
pub fn coordinator(c: &PlanCase) -> Option<(&Participant, Option<&Organisation>)> {
    let id = c.coordinator.as_deref()?;
    let p = c.participants.iter().find(|p| p.id == id)?;
    Some((p, c.organisations.iter().find(|o| o.id == p.organisation)))
}

/// SIP-SAMORDNARE-HUVUDMAN
pub fn coordinator_principal(ctx: &PlanCtx) -> Vec<Finding> {
    match coordinator(ctx.case) {
        Some((p, Some(org))) if org.principal == Principal::Other => vec![Finding::new(
            "samordnare",
            format!(
                "samordnaren {} arbetar på {}, som inte har kommunen eller regionen som huvudman; samordnaren ska vara anställd hos en av huvudmännen",
                p.name, org.name
            ),
        )],
        _ => Vec::new(),
    }
}

fn filled(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// SIP-SAMORDNARE-KONTAKT
pub fn coordinator_reachable(ctx: &PlanCtx) -> Vec<Finding> {
    match coordinator(ctx.case) {
        Some((p, _)) if !filled(&p.phone) && !filled(&p.email) => {
            let i = ctx.case.participants.iter().position(|q| q.id == p.id).unwrap_or(0);
            vec![Finding::new(
                format!("deltagare[{i}]"),
                format!(
                    "samordnaren {} saknar både `telefon` och `e-post`; personen och de andra måste kunna nå samordnaren",
                    p.name
                ),
            )]
        }
        _ => Vec::new(),
    }
}

/// SIP-OVERGRIPANDE-ANSVAR
pub fn overall_responsibility_principal(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let org = c.overall_responsibility.as_deref().and_then(|id| c.organisations.iter().find(|o| o.id == id));
    match org {
        Some(o) if o.principal == Principal::Other => vec![Finding::new(
            "övergripande_ansvar",
            format!(
                "{} har inte kommunen eller regionen som huvudman; det övergripande ansvaret ligger alltid hos en av dem",
                o.name
            ),
        )],
        _ => Vec::new(),
    }
}

/// SIP-TIDSPLAN
pub fn timeline_in_order(ctx: &PlanCtx) -> Vec<Finding> {
    let Some(t) = ctx.case.plan.as_ref().and_then(|p| p.timeline.as_ref()) else {
        return Vec::new();
    };
    let (start, eval, end) = (real(t.start.as_ref()), real(t.evaluation.as_ref()), real(t.end.as_ref()));
    let mut f = Vec::new();
    if let (Some(s), Some(e)) = (start, eval)
        && e < s
    {
        f.push(Finding::new("plan.tidsplan.utvärdering", format!("utvärderingen ({e}) ligger före starten ({s})")));
    }
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        f.push(Finding::new("plan.tidsplan.slut", format!("slutet ({e}) måste ligga efter starten ({s})")));
    }
    if let (Some(v), Some(e)) = (eval, end)
        && e < v
    {
        f.push(Finding::new("plan.tidsplan.slut", format!("slutet ({e}) ligger före utvärderingen ({v})")));
    }
    f
}

/// SIP-UPPFOLJNING
pub fn follow_up_within_plan(ctx: &PlanCtx) -> Vec<Finding> {
    let Some(plan) = &ctx.case.plan else {
        return Vec::new();
    };
    let date = real(plan.follow_up.as_ref().and_then(|u| u.date.as_ref()));
    let t = plan.timeline.as_ref();
    let start = real(t.and_then(|t| t.start.as_ref()));
    let end = real(t.and_then(|t| t.end.as_ref()));
    let mut f = Vec::new();
    if let (Some(d), Some(s)) = (date, start)
        && d < s
    {
        f.push(Finding::new("plan.uppföljning.datum", format!("uppföljningen ({d}) ligger före planens start ({s})")));
    }
    if let (Some(d), Some(e)) = (date, end)
        && d > e
    {
        f.push(Finding::new("plan.uppföljning.datum", format!("uppföljningen ({d}) ligger efter planens slut ({e})")));
    }
    f
}

/// SIP-INSATS-DATUM
pub fn intervention_dates(ctx: &PlanCtx) -> Vec<Finding> {
    let mut f = Vec::new();
    for (g, goal) in ctx.case.plan.iter().flat_map(|p| p.goals.iter()).enumerate() {
        for (i, iv) in goal.interventions.iter().enumerate() {
            if let (Some(s), Some(k)) = (real(iv.start.as_ref()), real(iv.done_by.as_ref()))
                && k < s
            {
                f.push(Finding::new(
                    format!("plan.mål[{g}].insatser[{i}].klart"),
                    format!("insatsen ska vara klar {k}, före sin start {s}"),
                ));
            }
        }
    }
    f
}

/// SIP-AVSLUT
pub fn closure_complete(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    if c.status != Status::Closed {
        return Vec::new();
    }
    let mut f = Vec::new();
    match &c.closure {
        None => f.push(
            Finding::new(
                "avslut",
                "planen är avslutad (`status: avslutad`) men `avslut` med `datum` och `orsak` saknas",
            )
            .shown_at("status"),
        ),
        Some(a) => {
            if a.date.is_none() {
                f.push(Finding::new("avslut.datum", "en avslutad plan ska ha datum för avslutet"));
            }
            if a.reason.is_none() {
                f.push(Finding::new(
                    "avslut.orsak",
                    "en avslutad plan ska ha en orsak: `mål uppfyllda`, `samordning inte längre aktuell` eller `annat`",
                ));
            }
        }
    }
    f
}

/// SIP-REVISIONER
pub fn revisions_complete(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let mut f = Vec::new();
    // Version 0 is a case whose first meeting is only called (SIP-STATUS-KALLAD).
    if c.version == 0 {
        return Vec::new();
    }
    let versions: Vec<u32> = c.revisions.iter().map(|r| r.version).collect();
    let expected: Vec<u32> = (1..=c.version).collect();
    if versions != expected {
        let path = if c.revisions.is_empty() { "revisioner".to_string() } else { first_mismatch(&versions, &expected) };
        f.push(Finding::new(
            path,
            format!(
                "`revisioner` ska ha en rad för varje version 1–{} i ordning, men har {}",
                c.version,
                if versions.is_empty() {
                    "inga".to_string()
                } else {
                    versions.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
                }
            ),
        ));
    }
    let dates: Vec<Option<CalendarDate>> = c.revisions.iter().map(|r| r.date.parse().ok()).collect();
    for i in 1..dates.len() {
        if let (Some(a), Some(b)) = (dates[i - 1], dates[i])
            && b < a
        {
            f.push(Finding::new(
                format!("revisioner[{i}].datum"),
                format!("version {} är daterad {b}, före den förra versionen ({a})", c.revisions[i].version),
            ));
        }
    }
    f
}

fn first_mismatch(versions: &[u32], expected: &[u32]) -> String {
    let i = versions.iter().zip(expected).position(|(a, b)| a != b).unwrap_or(versions.len().min(expected.len()));
    if i < versions.len() { format!("revisioner[{i}].version") } else { "revisioner".to_string() }
}

/// SIP-KOPIA-SAMTYCKE
pub fn copies_need_consent(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let Some(consent) = &c.consent else {
        return Vec::new();
    };
    // One whose staff take part in a meeting is an error (SIP-KALLAD-SAMTYCKE).
    c.organisations
        .iter()
        .enumerate()
        .filter(|(_, o)| !consent.covers.contains(&o.id) && super::process::only_named(c, &o.id))
        .map(|(i, o)| {
            Finding::new(
                format!("organisationer[{i}]"),
                format!("{} (`{}`) finns inte i `samtycke.gäller` och får därför ingen kopia av planen", o.name, o.id),
            )
        })
        .collect()
}

/// SIP-ANNAN-AKTOR
pub fn other_actor_has_intervention(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    // Before the plan is made there are no interventions to have.
    if c.plan.is_none() {
        return Vec::new();
    }
    let performs =
        |id: &str| c.plan.iter().flat_map(|p| &p.goals).flat_map(|g| &g.interventions).any(|iv| iv.performer == id);
    c.organisations
        .iter()
        .enumerate()
        .filter(|(_, o)| o.principal == Principal::Other && !performs(&o.id))
        .map(|(i, o)| {
            Finding::new(
                format!("organisationer[{i}]"),
                format!(
                    "{} deltar men har ingen insats; planen ska visa vad andra än kommunen och regionen gör",
                    o.name
                ),
            )
        })
        .collect()
}

/// Whether a meeting is a coordination meeting (where the plan is drawn up).
pub fn is_coordination(kind: MeetingKind) -> bool {
    kind == MeetingKind::Coordination
}

/// SIP-AVVIKELSE: a deviation report says what kind it is and which organisation it
/// concerns: it is sent there.
pub fn deviations_complete(ctx: &PlanCtx) -> Vec<Finding> {
    let mut f = Vec::new();
    for (d, deviation) in ctx.case.deviations.iter().enumerate() {
        if deviation.kind.is_none() {
            f.push(
                Finding::new(
                    format!("avvikelser[{d}].typ"),
                    "ange vad avvikelsen gäller (`typ`): `initiativ`, `uteblev`, `bemötande`, `planen-följs-inte` eller `annat`",
                )
                .shown_at(&format!("avvikelser[{d}]")),
            );
        }
        if deviation.concerns.as_deref().is_none_or(|s| s.trim().is_empty()) {
            f.push(
                Finding::new(
                    format!("avvikelser[{d}].gäller"),
                    "ange vilken organisation avvikelsen gäller (`gäller`, ett id ur `organisationer`); rapporten skickas dit",
                )
                .shown_at(&format!("avvikelser[{d}]")),
            );
        }
    }
    f
}

/// SIP-AVVIKELSE-SAMTYCKE: a deviation report about the person goes to an organisation
/// the consent covers.
pub fn deviation_within_consent(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let covered = c.consent.as_ref().map(|s| s.covers.as_slice()).unwrap_or(&[]);
    c.deviations
        .iter()
        .enumerate()
        .filter_map(|(d, deviation)| {
            let id = deviation.concerns.as_deref()?;
            let org = c.organisations.iter().find(|o| o.id == id)?;
            (!covered.iter().any(|s| s == id)).then(|| {
                Finding::new(
                    format!("avvikelser[{d}].gäller"),
                    format!(
                        "{} finns inte med i samtycket (`samtycke.gäller`); fråga personen innan rapporten skickas dit",
                        org.name
                    ),
                )
            })
        })
        .collect()
}

/// SIP-TOM-TEXT: the texts a document cannot do without (names, goals, interventions,
/// what a deviation was) are not blank: an empty name would leave "Din samordnare heter
/// ." in a letter.
pub fn texts_not_blank(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let mut findings = Vec::new();
    // The path is made only for a blank text: check runs on every keystroke.
    let mut look = |text: &str, what: &str, path: &dyn Fn() -> String| {
        if text.trim().is_empty() {
            findings.push(Finding::new(path(), format!("texten är tom; skriv {what} här, det står i dokumenten")));
        }
    };
    look(&c.person.name, "personens namn", &|| "person.namn".into());
    for (i, o) in c.organisations.iter().enumerate() {
        look(&o.name, "verksamhetens namn", &|| format!("organisationer[{i}].namn"));
    }
    for (i, p) in c.participants.iter().enumerate() {
        look(&p.name, "deltagarens namn", &|| format!("deltagare[{i}].namn"));
    }
    for (i, r) in c.person.representatives.iter().enumerate() {
        look(&r.name, "företrädarens namn", &|| format!("person.företrädare[{i}].namn"));
    }
    for (i, r) in c.person.relatives.iter().enumerate() {
        look(&r.name, "den närståendes namn", &|| format!("person.närstående[{i}].namn"));
    }
    for (g, goal) in c.plan.iter().flat_map(|p| p.goals.iter()).enumerate() {
        look(&goal.text, "målet", &|| format!("plan.mål[{g}].text"));
        for (i, iv) in goal.interventions.iter().enumerate() {
            look(&iv.what, "vad insatsen är", &|| format!("plan.mål[{g}].insatser[{i}].vad"));
        }
    }
    for (d, dev) in c.deviations.iter().enumerate() {
        look(&dev.description, "vad som hände", &|| format!("avvikelser[{d}].beskrivning"));
    }
    findings
}

/// SIP-ID-FORM: the ids of organisations and people become parts of file names
/// (`kallelse-<id>.pdf`, `plan-kopia-<id>.pdf`) and of each PDF's metadata: only
/// A–Z, a–z, 0–9, `_` and `-`, and never a personnummer. A goal's id goes into the
/// stored plan content: never a personnummer.
pub fn ids_fit_file_names(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let mut findings = Vec::new();
    let ids = c
        .organisations
        .iter()
        .enumerate()
        .map(|(i, o)| ("organisationer", i, &o.id))
        .chain(c.participants.iter().enumerate().map(|(i, p)| ("deltagare", i, &p.id)))
        .chain(c.person.representatives.iter().enumerate().map(|(i, r)| ("person.företrädare", i, &r.id)))
        .chain(c.person.relatives.iter().enumerate().map(|(i, r)| ("person.närstående", i, &r.id)));
    for (list, i, id) in ids {
        // The path is made only for an id that needs a finding.
        if !valid_id(id) || personnummer::contains_number_like(id) {
            findings.extend(id_findings(&format!("{list}[{i}].id"), id, "ett id"));
        }
    }
    for (g, goal) in c.plan.iter().flat_map(|p| p.goals.iter()).enumerate() {
        if personnummer::contains_number_like(&goal.id) {
            findings.push(Finding::new(
                format!("plan.mål[{g}].id"),
                "målets id ser ut att innehålla ett personnummer; välj ett kort ord, t.ex. `bostad`",
            ));
        }
    }
    findings
}

/// SIP-HSA-ID: an HSA-id (`hsa_id` of an organisation or a participant) goes into the
/// FHIR export as the identifier a record system looks the unit or person up by: `SE`,
/// the organisation number (10 digits, or 12 with the century), `-` and the code, at
/// most 31 characters in all.
pub fn hsa_ids_well_formed(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let organisations =
        c.organisations.iter().enumerate().map(|(i, o)| (format!("organisationer[{i}].hsa_id"), &o.hsa_id));
    let participants = c.participants.iter().enumerate().map(|(i, p)| (format!("deltagare[{i}].hsa_id"), &p.hsa_id));
    organisations
        .chain(participants)
        .filter_map(|(path, id)| {
            let id = id.as_deref()?;
            (!hsa_id_well_formed(id)).then(|| {
                Finding::new(
                    path,
                    format!("`{id}` är inget HSA-id; det skrivs som SE, 10–12 siffror, bindestreck och koden, till exempel SE2321000016-15CQ"),
                )
            })
        })
        .collect()
}

/// Whether `id` has the form of an HSA-id.
pub fn hsa_id_well_formed(id: &str) -> bool {
    let Some((head, code)) = id.split_once('-') else {
        return false;
    };
    let Some(number) = head.strip_prefix("SE") else {
        return false;
    };
    (10..=12).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
        && !code.is_empty()
        && code.bytes().all(|b| b.is_ascii_alphanumeric())
        && id.len() <= 31
}

/// SIP-PERSONNUMMER-I-TEXT: a personnummer belongs in `person.personnummer` only. In a
/// text that goes into the invitations, the calendar file or a document's metadata it
/// reaches everyone invited.
pub fn personal_number_in_shared_text(ctx: &PlanCtx) -> Vec<Finding> {
    const MESSAGE: &str = "texten ser ut att innehålla ett personnummer; den står i kallelserna, kalenderfilen eller dokumentens metadata och når alla som bjuds in. Skriv personnumret bara i `person.personnummer`";
    let c = ctx.case;
    let mut findings = Vec::new();
    // The path is made only for a text that holds one: check runs on every keystroke.
    let mut look = |text: Option<&String>, path: &dyn Fn() -> String| {
        if text.is_some_and(|t| personnummer::contains_number_like(t)) {
            findings.push(Finding::new(path(), MESSAGE));
        }
    };
    look(Some(&c.person.name), &|| "person.namn".into());
    for (i, o) in c.organisations.iter().enumerate() {
        look(Some(&o.name), &|| format!("organisationer[{i}].namn"));
        look(o.address.as_ref(), &|| format!("organisationer[{i}].adress"));
    }
    for (i, p) in c.participants.iter().enumerate() {
        look(Some(&p.name), &|| format!("deltagare[{i}].namn"));
        look(p.role.as_ref(), &|| format!("deltagare[{i}].roll"));
        look(p.address.as_ref(), &|| format!("deltagare[{i}].adress"));
    }
    for (i, r) in c.person.representatives.iter().enumerate() {
        look(Some(&r.name), &|| format!("person.företrädare[{i}].namn"));
        look(r.role.as_ref(), &|| format!("person.företrädare[{i}].roll"));
    }
    for (i, r) in c.person.relatives.iter().enumerate() {
        look(Some(&r.name), &|| format!("person.närstående[{i}].namn"));
        look(r.relation.as_ref(), &|| format!("person.närstående[{i}].relation"));
    }
    for (i, m) in c.meetings.iter().enumerate() {
        look(m.place.as_ref(), &|| format!("möten[{i}].plats"));
        look(m.calendar_place.as_ref(), &|| format!("möten[{i}].plats_i_kalendern"));
        look(m.link.as_ref(), &|| format!("möten[{i}].länk"));
        look(m.preparation.as_ref(), &|| format!("möten[{i}].förberedelse"));
        look(m.preparation_person.as_ref(), &|| format!("möten[{i}].förberedelse_personen"));
        look(m.preparation_relatives.as_ref(), &|| format!("möten[{i}].förberedelse_närstående"));
    }
    findings
}

/// SIP-SPRAK: `person.språk` is a language code (ISO 639), as the file names of the
/// person's documents in it carry it.
pub fn language_code(ctx: &PlanCtx) -> Vec<Finding> {
    let Some(code) = ctx.case.person.language.as_deref() else { return Vec::new() };
    if crate::language::code_well_formed(code) {
        return Vec::new();
    }
    vec![Finding::new(
        "person.språk",
        format!(
            "`{code}` är ingen språkkod; skriv koden enligt ISO 639 med två eller tre små bokstäver, till exempel {}",
            known_languages()
        ),
    )]
}

/// SIP-SPRAK-PAKET: what the person gets in their language (`person.språk`): nothing
/// when samplan has no pack for it; only the documents the pack covers; braille only
/// where the pack names a table, the recorded forms in Swedish only; the plan's texts
/// the case does not translate, and translations no document shows; and a translation
/// no one has reviewed is pointed out.
pub fn language_pack(ctx: &PlanCtx) -> Vec<Finding> {
    use crate::language::{Covered, Packs, SWEDISH, code_well_formed};
    let c = ctx.case;
    let persons = c.person.language.as_deref().filter(|code| *code != SWEDISH);
    let mut findings = unused_translations(c, persons);
    let Some(code) = persons.filter(|code| code_well_formed(code)) else {
        return findings;
    };
    let Some(pack) = Packs::builtin().get(code) else {
        let message = format!(
            "samplan har inget språkpaket för `{code}`, så personens dokument görs bara på svenska. Språkpaket finns för {}",
            known_languages()
        );
        findings.push(Finding::new("person.språk", message));
        return findings;
    };
    let language = &pack.about.svenska;
    let plan_made = c.status != crate::case::Status::Called;
    if plan_made && !pack.covers(Covered::Plan) {
        let message =
            format!("språkpaketet för {language} har bara kallelsen; planen görs bara på svenska till personen");
        findings.push(Finding::new("person.språk", message));
    }
    let missing = c.plan.as_ref().map(|plan| untranslated(plan, code)).unwrap_or_default();
    if plan_made && pack.covers(Covered::Plan) && !missing.is_empty() {
        let message = format!(
            "{} av planens texter saknar översättning till {language} och står därför på svenska i planen på {language}, märkta som svenska: {}. Skriv `översättning: {{{code}: …}}` bredvid texten",
            missing.len(),
            missing.join(", ")
        );
        findings.push(Finding::new("plan", message).shown_at("person.språk"));
    }
    let asks = |format: crate::case::Format| c.person.formats.contains(&format);
    if asks(crate::case::Format::Braille) && pack.about.braille_table.is_none() {
        let message = format!("punktskrift görs bara på svenska: det finns ingen punktskriftstabell för {language}");
        findings.push(Finding::new("person.format", message).shown_at("person.språk"));
    }
    if asks(crate::case::Format::Recorded) && pack.about.voice.is_none() {
        let message = format!("inläst form görs bara på svenska: talsyntesen har ingen röst för {language}");
        findings.push(Finding::new("person.format", message).shown_at("person.språk"));
    }
    if !pack.reviewed() {
        let message = format!(
            "översättningen till {language} är inte granskad: texter.{code}.yaml och lattlast.{code}.yaml saknar granskad_av och granskad. Dokumenten på {language} görs ändå och säger sist att översättningen inte är granskad"
        );
        findings.push(Finding::new("person.språk", message));
    }
    findings
}

/// Translations (`översättning`) into a language other than the person's: no document
/// shows them.
fn unused_translations(c: &crate::case::PlanCase, persons: Option<&str>) -> Vec<Finding> {
    let Some(plan) = &c.plan else { return Vec::new() };
    let mut places: Vec<(String, Vec<&String>)> = vec![("plan.översättning".into(), plan.translation.keys().collect())];
    for (g, goal) in plan.goals.iter().enumerate() {
        places.push((format!("plan.mål[{g}].översättning"), goal.translation.keys().collect()));
        for (i, iv) in goal.interventions.iter().enumerate() {
            places.push((format!("plan.mål[{g}].insatser[{i}].översättning"), iv.translation.keys().collect()));
        }
    }
    let whose = match persons {
        Some(code) => format!("personens språk är `{code}`"),
        None => "personen har inget `språk`".to_string(),
    };
    places
        .into_iter()
        .flat_map(|(path, codes)| codes.into_iter().map(move |code| (path.clone(), code)))
        .filter(|(_, code)| Some(code.as_str()) != persons)
        .map(|(path, code)| {
            Finding::new(&path, format!("översättningen till `{code}` visas inte i något dokument: {whose}"))
        })
        .collect()
}

/// The plan's free texts that have no translation into `code`, by key path.
fn untranslated(plan: &crate::case::Plan, code: &str) -> Vec<String> {
    let own = plan.translation.get(code).cloned().unwrap_or_default();
    let follow_up_what = plan.follow_up.as_ref().and_then(|f| f.what.clone());
    let texts = [
        ("nuläge", &plan.present_situation, &own.present_situation),
        ("förutsättningar", &plan.prerequisites, &own.prerequisites),
        ("intressen", &plan.interests, &own.interests),
        ("önskemål", &plan.wishes, &own.wishes),
        ("barnets_inställning", &plan.childs_view, &own.childs_view),
        ("läkemedel", &plan.medicines, &own.medicines),
        ("hjälpmedel", &plan.assistive_devices, &own.assistive_devices),
        ("övrigt", &plan.other, &own.other),
        ("uppföljning.vad", &follow_up_what, &own.follow_up_what),
    ];
    let written = |text: &Option<String>| text.as_deref().is_some_and(|t| !t.trim().is_empty());
    let mut missing: Vec<String> = texts
        .iter()
        .filter(|(_, text, translated)| written(text) && !written(translated))
        .map(|(key, _, _)| format!("plan.{key}"))
        .collect();
    let has = |translations: &std::collections::BTreeMap<String, String>| {
        translations.get(code).is_some_and(|t| !t.trim().is_empty())
    };
    for (g, goal) in plan.goals.iter().enumerate() {
        if !has(&goal.translation) {
            missing.push(format!("plan.mål[{g}].text"));
        }
        for (i, iv) in goal.interventions.iter().enumerate() {
            if !has(&iv.translation) {
                missing.push(format!("plan.mål[{g}].insatser[{i}].vad"));
            }
        }
    }
    missing
}

/// The languages samplan has packs for, for messages: `ar (arabiska), en (engelska) …`.
fn known_languages() -> String {
    let packs = crate::language::Packs::builtin();
    let named: Vec<String> = packs.all().map(|p| format!("{} ({})", p.code, p.about.svenska)).collect();
    named.join(", ")
}
