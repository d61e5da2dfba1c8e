//! Rules on how a SIP is carried through, meeting by meeting, to its end: someone called
//! who did not come (Halland's deviation), the person's wishes when neither they nor a
//! representative took part, who calls the follow-up, the notes checked in time
//! (Stockholm stad), and a closure that fits what the case records.

use super::process::held_meetings;
use super::shared::real;
use super::{Finding, PlanCtx};
use crate::case::datetime::CalendarDate;
use crate::case::{ClosureReason, DeviationKind, Fulfilment, Meeting, MeetingKind, PlanCase, THE_PERSON, word};
use crate::document::invitation::invited_ids;

/// Most days between a meeting and the check of its notes (Stockholm stad: "inom en
/// vecka", with a week's slack for holidays and post).
pub const MAX_DAYS_TO_CHECK_NOTES: i64 = 14;

/// The meetings held whose attendance is recorded, with who attended.
fn attended(c: &PlanCase) -> impl Iterator<Item = (usize, &Meeting, &[String])> {
    held_meetings(c).filter_map(|(i, m)| m.present.as_deref().map(|p| (i, m, p)))
}

/// The organisation (id) a participant works for.
fn organisation_of<'a>(c: &'a PlanCase, id: &str) -> Option<&'a str> {
    c.participants.iter().find(|p| p.id == id).map(|p| p.organisation.as_str())
}

fn name_of<'a>(c: &'a PlanCase, id: &'a str) -> &'a str {
    c.participants.iter().find(|p| p.id == id).map_or(id, |p| p.name.as_str())
}

/// Whether the case has a report that someone of `organisation` did not come to a
/// meeting on `day`, on that day or after it.
fn absence_reported(c: &PlanCase, organisation: &str, day: Option<CalendarDate>) -> bool {
    c.deviations.iter().any(|d| {
        d.kind == Some(DeviationKind::Absent)
            && d.concerns.as_deref() == Some(organisation)
            && day.is_none_or(|day| real(Some(&d.date)).is_none_or(|on| on >= day))
    })
}

/// HALLAND-UTEBLEV: a called staff member who was not at a held meeting is a deviation
/// the routine asks to be reported.
pub fn absent_without_report(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let mut findings = Vec::new();
    for (i, meeting, present) in attended(c) {
        let day = real(Some(&meeting.date));
        for id in invited_ids(c, meeting) {
            let Some(organisation) = organisation_of(c, &id) else { continue };
            if present.contains(&id) || absence_reported(c, organisation, day) {
                continue;
            }
            findings.push(Finding::new(
                format!("möten[{i}].närvarande"),
                format!(
                    "{} var kallad till {} {} men står inte bland de närvarande. Rutinen räknar det som en avvikelse: skriv en rapport under `avvikelser` med `typ: uteblev` och `gäller: {organisation}`, eller lägg till `{id}` i `närvarande` om hen var med",
                    name_of(c, &id),
                    word(&meeting.kind),
                    meeting.date.0
                ),
            ));
        }
    }
    findings
}

/// HALLAND-UTEBLEV-NARVARANDE: a report that an organisation did not come, while its
/// staff are recorded as present at the meeting it concerns.
pub fn absence_report_of_someone_present(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let mut findings = Vec::new();
    for (d, deviation) in c.deviations.iter().enumerate() {
        let (Some(DeviationKind::Absent), Some(organisation)) = (deviation.kind, deviation.concerns.as_deref()) else {
            continue;
        };
        // The meeting it concerns: the last one held on or before the report's day.
        let on = real(Some(&deviation.date));
        let meeting =
            attended(c).filter(|(_, m, _)| on.is_none_or(|on| real(Some(&m.date)).is_some_and(|md| md <= on))).last();
        let Some((_, meeting, present)) = meeting else { continue };
        let there: Vec<&str> =
            present.iter().filter(|id| organisation_of(c, id) == Some(organisation)).map(|id| name_of(c, id)).collect();
        if !there.is_empty() {
            findings.push(Finding::new(
                format!("avvikelser[{d}].gäller"),
                format!(
                    "avvikelsen säger att `{organisation}` uteblev, men {} från verksamheten står bland de närvarande på {} {}; rätta `närvarande` eller avvikelsen",
                    there.join(" och "),
                    word(&meeting.kind),
                    meeting.date.0
                ),
            ));
        }
    }
    findings
}

/// SIP-PERSONENS-ONSKEMAL: when neither the person nor anyone representing them took part,
/// their wishes must have been found out and written down.
pub fn wishes_when_the_person_is_absent(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let wishes = c.plan.as_ref().and_then(|p| p.wishes.as_deref()).is_some_and(|w| !w.trim().is_empty());
    if wishes {
        return Vec::new();
    }
    let representatives: Vec<&str> = c.person.representatives.iter().map(|r| r.id.as_str()).collect();
    attended(c)
        .filter(|(_, _, present)| !present.iter().any(|id| id == THE_PERSON || representatives.contains(&id.as_str())))
        .map(|(i, meeting, _)| {
            Finding::new(
                format!("möten[{i}].närvarande"),
                format!(
                    "varken {} eller någon företrädare var med på {} {}. Rutinen kräver att personens önskemål tas reda på ändå: skriv dem i `plan.önskemål`",
                    c.person.name,
                    word(&meeting.kind),
                    meeting.date.0
                ),
            )
        })
        .collect()
}

/// SIP-UPPFOLJNING-SAMORDNARE: the coordinator calls the follow-up meetings.
pub fn coordinator_calls_follow_ups(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let Some(coordinator) = c.coordinator.as_deref() else { return Vec::new() };
    c.meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == MeetingKind::FollowUp)
        .filter_map(|(i, m)| {
            let by = m.called_by.as_deref()?;
            (by != coordinator).then(|| {
                Finding::new(
                    format!("möten[{i}].kallad_av"),
                    format!(
                        "uppföljningsmötet {} kallas av {}, men rutinen ger samordnaren ({}) uppgiften att kalla till uppföljningen; skriv `kallad_av: {coordinator}` eller byt samordnare",
                        m.date.0,
                        name_of(c, by),
                        name_of(c, coordinator)
                    ),
                )
            })
        })
        .collect()
}

/// The meetings whose notes are checked (`justerad`), with how many days after the
/// meeting that was.
fn notes_checked_after(c: &PlanCase) -> impl Iterator<Item = (usize, &Meeting, i64)> {
    c.meetings.iter().enumerate().filter_map(|(i, m)| {
        let held = real(Some(&m.date))?;
        let checked = real(m.checked_on.as_ref())?;
        Some((i, m, checked.days() - held.days()))
    })
}

/// STHLM-STAD-JUSTERAD-FORE: notes cannot be checked before the meeting.
pub fn notes_checked_before_the_meeting(ctx: &PlanCtx) -> Vec<Finding> {
    notes_checked_after(ctx.case)
        .filter(|(_, _, days)| *days < 0)
        .map(|(i, m, _)| {
            Finding::new(
                format!("möten[{i}].justerad"),
                format!(
                    "anteckningarna kan inte ha justerats före mötet {}; skriv dagen då justerarna godkände dem",
                    m.date.0
                ),
            )
        })
        .collect()
}

/// STHLM-STAD-JUSTERAD-SENT: the notes go to the justerare and are checked within about
/// a week.
pub fn notes_checked_late(ctx: &PlanCtx) -> Vec<Finding> {
    notes_checked_after(ctx.case)
        .filter(|(_, _, days)| *days > MAX_DAYS_TO_CHECK_NOTES)
        .map(|(i, m, days)| {
            Finding::new(
                format!("möten[{i}].justerad"),
                format!(
                    "anteckningarna från {} {} justerades {days} dagar efter mötet; rutinen vill att de justeras inom ungefär en vecka (samplan varnar efter {MAX_DAYS_TO_CHECK_NOTES} dagar)",
                    word(&m.kind),
                    m.date.0
                ),
            )
        })
        .collect()
}

/// STHLM-STAD-JUSTERARE-NARVARANDE: those who check the notes were at the meeting.
pub fn checkers_were_there(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let mut findings = Vec::new();
    for (i, meeting, present) in attended(c) {
        for (j, id) in meeting.checkers.iter().enumerate() {
            if !present.contains(id) {
                findings.push(Finding::new(
                    format!("möten[{i}].justerare[{j}]"),
                    format!(
                        "{} ska justera anteckningarna från {} {} men står inte bland de närvarande; den som justerar ska ha varit med",
                        name_of(c, id),
                        word(&meeting.kind),
                        meeting.date.0
                    ),
                ));
            }
        }
    }
    findings
}

/// SIP-AVSLUT-MAL: a plan closed because its goals were met has every goal recorded as
/// met.
pub fn closed_goals_met(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    if c.closure.as_ref().and_then(|a| a.reason) != Some(ClosureReason::GoalsMet) {
        return Vec::new();
    }
    let open: Vec<&str> = c
        .plan
        .iter()
        .flat_map(|p| p.goals.iter())
        .filter(|g| g.fulfilment != Some(Fulfilment::Met))
        .map(|g| g.id.as_str())
        .collect();
    if open.is_empty() {
        return Vec::new();
    }
    vec![Finding::new(
        "avslut.orsak",
        format!(
            "orsaken är `mål uppfyllda`, men {} har inte `måluppfyllelse: uppfyllt`; skriv in hur det gick med målen, eller välj en annan orsak",
            open.iter().map(|g| format!("målet `{g}`")).collect::<Vec<_>>().join(", ")
        ),
    )]
}

/// SIP-AVSLUT-DATUM: the coordination cannot end before a meeting or a version of it.
pub fn closed_after_everything(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let Some(ended) = real(c.closure.as_ref().and_then(|a| a.date.as_ref())) else { return Vec::new() };
    let meetings = c.meetings.iter().map(|m| (real(Some(&m.date)), format!("{} {}", word(&m.kind), m.date.0)));
    let versions = c.revisions.iter().map(|r| (real(Some(&r.date)), format!("version {} ({})", r.version, r.date.0)));
    let later: Vec<String> =
        meetings.chain(versions).filter(|(d, _)| d.is_some_and(|d| d > ended)).map(|(_, what)| what).collect();
    if later.is_empty() {
        return Vec::new();
    }
    vec![Finding::new(
        "avslut.datum",
        format!(
            "samordningen avslutas {} men ärendet har {} efter det; avslutet kommer sist — rätta datumet",
            ended,
            later.join(" och ")
        ),
    )]
}
