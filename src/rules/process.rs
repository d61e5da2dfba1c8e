//! Rules on the SIP as a process: a first meeting called before any plan exists
//! (`status: kallad`), who is invited (the person decides), when and how the
//! invitations go out, and who may take part given the consent.

use super::shared::real;
use super::{Finding, PlanCtx};
use crate::case::datetime::CalendarDate;
use crate::case::{Named, PlanCase, Status};
use crate::document::invitation::{by_post, invited_ids};
use crate::document::plan::meeting_held;

/// Fewest working days (Monday to Friday) between the invitations and the meeting, for
/// letters to reach people by post.
pub const MIN_WORKING_DAYS: i64 = 5;

/// Whether `path` is needed before the plan exists: everything but the plan itself,
/// the coordinator and the overall responsibility, which are decided at the meeting.
pub fn needed_before_the_plan(path: &str) -> bool {
    let top = path.split(['.', '[']).next().unwrap_or(path);
    !matches!(top, "plan" | "samordnare" | "övergripande_ansvar" | "revisioner")
}

/// SIP-STATUS-KALLAD: while the first meeting is only called, the version is 0 and no
/// plan exists; once there is a plan, the version is 1 or more.
pub fn called_has_no_plan(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    match (c.status, c.version) {
        (Status::Called, 0) if c.plan.is_some() => vec![Finding::new(
            "plan",
            "status är `kallad` men filen har en plan; när planen är gjord på mötet: sätt `status: pågående` och `version: 1`",
        )
        .shown_at("status")],
        (Status::Called, 0) => Vec::new(),
        (Status::Called, v) => vec![Finding::new(
            "version",
            format!("status är `kallad` (ingen plan ännu) men versionen är {v}; sätt `version: 0` tills planen är gjord"),
        )],
        (Status::Ongoing | Status::Closed, 0) => vec![Finding::new(
            "version",
            "versionen är 0 men status är inte `kallad`; den första planen är version 1",
        )],
        (Status::Ongoing | Status::Closed, _) => Vec::new(),
    }
}

/// SIP-KALLADE-NARSTAENDE: a relative is invited only when the person wants it
/// (`bjuds_in: true`).
pub fn invited_relatives_are_wanted(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let mut f = Vec::new();
    for (m, meeting) in c.meetings.iter().enumerate() {
        for (i, id) in meeting.invited.iter().flatten().enumerate() {
            if let Some(r) = c.person.relatives.iter().find(|r| r.id == *id && !r.invited) {
                f.push(Finding::new(
                    format!("möten[{m}].kallade[{i}]"),
                    format!(
                        "{} är kallad, men personen vill inte att {} bjuds in (`bjuds_in: false`); personen bestämmer vilka närstående som är med",
                        r.name, r.name
                    ),
                ));
            }
        }
    }
    f
}

/// Working days (Monday to Friday) from `from` up to but not including `to`.
fn working_days(from: CalendarDate, to: CalendarDate) -> i64 {
    (from.days()..to.days()).filter(|&d| CalendarDate::from_days(d).weekday_index() < 5).count() as i64
}

/// SIP-KALLELSEDATUM: the last meeting says when its invitations are sent, before the
/// meeting and early enough to reach people by post.
pub fn invitations_sent_in_time(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let Some((m, meeting)) = c.meetings.iter().enumerate().next_back() else {
        return Vec::new();
    };
    let path = format!("möten[{m}].kallelsedatum");
    let Some(on) = real(Some(&meeting.date)) else { return Vec::new() };
    let Some(sent) = meeting.invitation_date.as_ref() else {
        return vec![
            Finding::new(path, "ange `kallelsedatum`, dagen då kallelserna skickas; breven dateras med den")
                .shown_at(&format!("möten[{m}]")),
        ];
    };
    let Some(sent) = real(Some(sent)) else { return Vec::new() };
    if sent > on {
        return vec![Finding::new(
            path,
            format!("kallelsedatum {sent} ligger efter mötet {on}; kallelsen ska skickas före mötet"),
        )];
    }
    let days = working_days(sent, on);
    if days < MIN_WORKING_DAYS {
        return vec![Finding::new(
            path,
            format!(
                "kallelserna skickas {sent}, bara {days} vardagar före mötet {on}; med post behövs minst {MIN_WORKING_DAYS} vardagar"
            ),
        )];
    }
    Vec::new()
}

/// SIP-LANK: a digital meeting's link is a secure web address.
pub fn meeting_links_are_https(ctx: &PlanCtx) -> Vec<Finding> {
    ctx.case
        .meetings
        .iter()
        .enumerate()
        .filter_map(|(m, meeting)| {
            let link = meeting.link.as_deref()?;
            let ok = link
                .strip_prefix("https://")
                .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace));
            (!ok).then(|| {
                Finding::new(
                    format!("möten[{m}].länk"),
                    "länken till ett digitalt möte ska vara en hel webbadress som börjar med https://",
                )
            })
        })
        .collect()
}

/// SIP-KALENDER-PERSON: the calendar file is shared in calendars, so the place and link it
/// shows hold neither the person's name nor their address.
pub fn calendar_keeps_the_person_out(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let mut f = Vec::new();
    for (m, meeting) in c.meetings.iter().enumerate() {
        if meeting_held(c, m + 1) {
            continue;
        }
        let place = match &meeting.calendar_place {
            Some(place) => Some(("plats_i_kalendern", place)),
            None => meeting.place.as_ref().map(|place| ("plats", place)),
        };
        let link = meeting.link.as_ref().map(|link| ("länk", link));
        for (key, text) in place.into_iter().chain(link) {
            let Some(found) = personal_detail(c, text) else { continue };
            let advice = if key == "plats" {
                "skriv en plats utan dem i `plats_i_kalendern`, t.ex. `plats_i_kalendern: Hembesök`; kallelserna visar fortfarande `plats`"
            } else {
                "ta bort dem"
            };
            f.push(Finding::new(
                format!("möten[{m}].{key}"),
                format!("`{key}` innehåller personens {found}, och den står i kalenderfilen mote.ics som delas i kalendrar; {advice}"),
            ));
        }
    }
    f
}

/// "namn" or "adress" when `text` holds the person's name or a part of their address
/// (a street and number, a box, a c/o), as whole words; the postcode and town alone
/// are not the person's.
fn personal_detail(c: &PlanCase, text: &str) -> Option<&'static str> {
    let words = |s: &str| -> Vec<String> {
        s.split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let said = words(text);
    let holds = |needle: &[String]| !needle.is_empty() && said.windows(needle.len()).any(|w| w == needle);
    let names = words(&c.person.name);
    if names.iter().filter(|n| n.chars().count() >= 2).any(|n| holds(std::slice::from_ref(n))) {
        return Some("namn");
    }
    let address = c.person.address.as_deref().unwrap_or("");
    let parts: Vec<&str> = address.split(',').collect();
    let local = &parts[..parts.len().saturating_sub(1).max(1)];
    local
        .iter()
        .map(|part| {
            let mut w = words(part);
            if w.starts_with(&["c".to_string(), "o".to_string()]) {
                w.drain(..2);
            }
            // "Vintergatan 5 lgh 1102": the street and its number are enough.
            if let Some(n) = w.iter().position(|x| x.chars().all(|ch| ch.is_ascii_digit())) {
                w.truncate(n + 1);
            }
            w
        })
        .any(|street| holds(&street))
        .then_some("adress")
}

/// The organisations whose staff are invited to some meeting.
fn invited_organisations(c: &PlanCase) -> Vec<&str> {
    let mut ids: Vec<&str> = c
        .meetings
        .iter()
        .flat_map(|m| invited_ids(c, m))
        .filter_map(|id| c.participants.iter().find(|p| p.id == id))
        .map(|p| p.organisation.as_str())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// SIP-KALLAD-SAMTYCKE: an organisation whose staff take part in a meeting is covered
/// by the consent: what is said about the person may not reach anyone else.
pub fn invited_within_consent(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let Some(consent) = &c.consent else { return Vec::new() };
    let invited = invited_organisations(c);
    c.organisations
        .iter()
        .enumerate()
        .filter(|(_, o)| invited.contains(&o.id.as_str()) && !consent.covers.contains(&o.id))
        .map(|(i, o)| {
            Finding::new(
                format!("organisationer[{i}]"),
                format!(
                    "personal från {} kallas till möte, men {} finns inte i `samtycke.gäller`; uppgifter om personen får inte gå dit – lägg till `{}` i samtycket om personen vill det, eller kalla inte dess personal",
                    o.name, o.name, o.id
                ),
            )
        })
        .collect()
}

/// Whether the organisation `id` only is named in the case: none of its staff are
/// invited to a meeting.
pub fn only_named(c: &PlanCase, id: &str) -> bool {
    !invited_organisations(c).contains(&id)
}

/// SIP-SAMTYCKE-GIVET-AV: who consented for the person is a representative of theirs.
pub fn consent_given_by_representative(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let Some(by) = c.consent.as_ref().and_then(|s| s.given_by.as_deref()) else { return Vec::new() };
    match Named::of(by) {
        Named::ThePerson => Vec::new(),
        Named::Id(id) if c.person.representatives.iter().any(|r| r.id == id) => Vec::new(),
        _ => vec![Finding::new(
            "samtycke.givet_av",
            format!(
                "`{by}` är ingen av personens företrädare; skriv `personen`, eller id för den vårdnadshavare eller gode man (under `person.företrädare`) som samtyckte"
            ),
        )],
    }
}

/// The meetings that have been held, with their positions in `möten`.
pub fn held_meetings(c: &PlanCase) -> impl Iterator<Item = (usize, &crate::case::Meeting)> {
    c.meetings.iter().enumerate().filter(move |(i, _)| meeting_held(c, i + 1))
}

/// SIP-ADRESS: each letter of a meeting not yet held that goes by post has an address to
/// go to: the person's, a representative's or relative's, and for staff who get their
/// letters by post their own or their organisation's. Without one the letter is made
/// without an address in its window, and someone has to find out where to send it.
pub fn posted_letters_have_an_address(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let n = c.meetings.len();
    let Some(last) = c.meetings.last() else { return Vec::new() };
    if meeting_held(c, n) {
        return Vec::new();
    }
    let mut f = Vec::new();
    let missing = |a: &Option<String>| a.as_deref().is_none_or(|a| a.trim().is_empty());
    if missing(&c.person.address) {
        f.push(Finding::new("person.adress", no_address("personen", "personens adress")));
    }
    for id in invited_ids(c, last) {
        if !by_post(c, &id) {
            continue;
        }
        if let Some((i, p)) = c.participants.iter().enumerate().find(|(_, p)| p.id == id) {
            let org = c.organisations.iter().find(|o| o.id == p.organisation);
            if missing(&p.address) && org.is_none_or(|o| missing(&o.address)) {
                let key = format!("deltagare[{i}].adress");
                f.push(Finding::new(key, no_address(&p.name, "deltagarens adress, eller organisationens")));
            }
        } else if let Some((i, r)) = c.person.representatives.iter().enumerate().find(|(_, r)| r.id == id) {
            if missing(&r.address) {
                let key = format!("person.företrädare[{i}].adress");
                f.push(Finding::new(key, no_address(&r.name, "adressen")));
            }
        } else if let Some((i, r)) = c.person.relatives.iter().enumerate().find(|(_, r)| r.id == id)
            && missing(&r.address)
        {
            let key = format!("person.närstående[{i}].adress");
            f.push(Finding::new(key, no_address(&r.name, "adressen")));
        }
    }
    f
}

/// What a letter without an address lacks, and what to write.
fn no_address(who: &str, what: &str) -> String {
    format!(
        "kallelsen till {who} skickas med post men har ingen adress att gå till; skriv {what} på en rad, med \"postnummer ort\" efter sista kommatecknet (t.ex. \"Storgatan 1, 392 31 Kalmar\")"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_leave_out_weekends() {
        let d = |s: &str| CalendarDate::parse(s).unwrap();
        // Monday to the next Monday: five working days.
        assert_eq!(working_days(d("2026-03-02"), d("2026-03-09")), 5);
        // Thursday to Monday: Thursday and Friday.
        assert_eq!(working_days(d("2026-03-05"), d("2026-03-09")), 2);
        assert_eq!(working_days(d("2026-03-09"), d("2026-03-09")), 0);
    }
}
