//! `mote.ics`: the last meeting as an iCalendar event (RFC 5545), built with the
//! `icalendar` crate from the calendar document's data. Times are local Swedish time
//! (Europe/Stockholm, with its VTIMEZONE); the organiser is whoever called the meeting;
//! attendees are those invited who have an e-mail address. It is sent as an invitation
//! (`METHOD:REQUEST`, RFC 5546). The UID is the same for the same meeting (case and its
//! place in `möten`) whatever its date, and SEQUENCE grows by one each time the event
//! changes, so a calendar that imported the first file moves the event instead of
//! adding a second one ([`meeting_ics_after`]). DTSTAMP is the invitation's own date,
//! so the file is reproducible. Nothing here names the person: a calendar entry is
//! often seen by others.

use schemars::JsonSchema;
use serde::Serialize;

use crate::build::{DocKind, DocSpec, Variant};
use crate::case::{PlanCase, word};
use crate::document::data::{DocumentInfo, Source, document_info, invitee_card};
use crate::document::invitation::{invitation_date, invited_ids};
use crate::document::outline::capitalised;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, Property};

/// The Europe/Stockholm time zone: CET, and CEST from the last Sunday of March to the
/// last Sunday of October.
const STOCKHOLM: &str = "BEGIN:VTIMEZONE\r
TZID:Europe/Stockholm\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
TZNAME:CEST\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
TZNAME:CET\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
";

fn attendee(kind: &str, person: &CalendarPerson) -> Option<Property> {
    let mut p = Property::new(kind, format!("mailto:{}", person.email.as_deref()?));
    p.add_parameter("CN", &person.namn);
    Some(p)
}

/// The calendar file for the data of a calendar document, numbered after `previous`
/// (the file already sent for this case, if any): the same SEQUENCE when the event has
/// not changed, one more when it has, and 0 for a meeting not sent before.
pub fn meeting_ics_after(data: &CalendarData, previous: Option<&str>) -> Result<String, String> {
    let uid = data.uid.as_str();
    let sent = previous.filter(|p| property(p, "UID") == Some(uid)).and_then(|p| property(p, "SEQUENCE")?.parse().ok());
    let Some(sequence) = sent else {
        return meeting_ics(data, 0);
    };
    let same = meeting_ics(data, sequence)?;
    if Some(same.as_str()) == previous { Ok(same) } else { meeting_ics(data, sequence + 1) }
}

/// The value of the first `NAME:` line of an iCalendar text.
fn property<'a>(ics: &'a str, name: &str) -> Option<&'a str> {
    ics.lines().find_map(|l| l.strip_prefix(name)?.strip_prefix(':')).map(str::trim_end)
}

/// The calendar file for the data of a calendar document, with SEQUENCE `sequence`.
pub fn meeting_ics(data: &CalendarData, sequence: u32) -> Result<String, String> {
    event_ics(data, sequence, false)
}

/// The meeting cancelled for `attendee` alone (`METHOD:CANCEL`, RFC 5546 3.2.5): sent to
/// someone no longer invited, so their calendar drops the event the invitation put
/// there. `sequence` is at least one more than what they were last sent.
pub fn cancellation(data: &CalendarData, attendee: &CalendarPerson, sequence: u32) -> Result<String, String> {
    let only_them = CalendarData { deltagare: vec![attendee.clone()], ..data.clone() };
    event_ics(&only_them, sequence, true)
}

fn event_ics(data: &CalendarData, sequence: u32, cancel: bool) -> Result<String, String> {
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let date = day(&data.datum).ok_or("mötet saknar ett giltigt datum")?;
    let stamp_date = day(&data.dtstamp).unwrap_or(date);
    let time = |t: &Option<String>| t.as_deref().and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
    let mut event = Event::new();
    event
        .uid(&data.uid)
        .timestamp(Utc.from_utc_datetime(&NaiveDateTime::new(stamp_date, NaiveTime::MIN)))
        .sequence(sequence)
        .summary(&data.sammanfattning)
        .description(&data.beskrivning);
    // A digital meeting's link is where it is held, and the event's URL.
    match (&data.plats, &data.link) {
        (Some(place), _) => {
            event.location(place);
        }
        (None, Some(link)) => {
            event.location(link);
        }
        (None, None) => {}
    }
    if let Some(link) = &data.link {
        event.add_property("URL", link);
    }
    let zoned = |t: NaiveTime| CalendarDateTime::WithTimezone {
        date_time: NaiveDateTime::new(date, t),
        tzid: "Europe/Stockholm".to_string(),
    };
    match (time(&data.start), time(&data.slut)) {
        (Some(s), Some(e)) => {
            event.starts(zoned(s)).ends(zoned(e));
        }
        (Some(s), None) => {
            event.starts(zoned(s)).ends(zoned(s + chrono::Duration::hours(1)));
        }
        _ => {
            event.all_day(date);
        }
    }
    let organiser = data.organiser.as_ref().and_then(|o| attendee("ORGANIZER", o));
    // An invitation (REQUEST) needs an organiser to answer to; without one the event
    // is only published.
    let method = match (cancel, organiser.is_some()) {
        (true, _) => "CANCEL",
        (false, true) => "REQUEST",
        (false, false) => "PUBLISH",
    };
    if cancel {
        event.status(icalendar::EventStatus::Cancelled);
    }
    if let Some(p) = organiser {
        event.append_property(p);
    }
    for a in &data.deltagare {
        if let Some(mut p) = attendee("ATTENDEE", a) {
            p.add_parameter("ROLE", "REQ-PARTICIPANT");
            event.append_multi_property(p);
        }
    }
    let calendar = Calendar::new().append_property(Property::new("METHOD", method)).push(event.done()).done();
    let text = calendar.to_string();
    // The time zone the event refers to goes first inside the calendar.
    Ok(match text.find("BEGIN:VEVENT") {
        Some(i) => format!("{}{STOCKHOLM}{}", &text[..i], &text[i..]),
        None => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, email: Option<&str>) -> CalendarPerson {
        CalendarPerson { namn: name.to_string(), email: email.map(str::to_string) }
    }

    fn event(uid: &str, datum: &str) -> CalendarData {
        CalendarData {
            uid: uid.to_string(),
            dtstamp: "2026-03-02".to_string(),
            datum: datum.to_string(),
            start: Some("13:00".to_string()),
            slut: Some("14:30".to_string()),
            plats: Some("Storgatan 1".to_string()),
            sammanfattning: "Samordningsmöte".to_string(),
            beskrivning: "Se kallelsen.".to_string(),
            organiser: Some(person("Lisa Lind", Some("lisa@example.se"))),
            deltagare: vec![person("Anna Ek", Some("anna@example.se")), person("Utan E-post", None)],
            ..Default::default()
        }
    }

    #[test]
    fn an_event_with_zone_organiser_and_attendees() {
        let data = event("KLM-1-m1@samplan", "2026-03-20");
        let ics = meeting_ics(&data, 0).unwrap();
        assert!(ics.contains("DTSTART;TZID=Europe/Stockholm:20260320T130000"), "{ics}");
        assert!(ics.contains("DTEND;TZID=Europe/Stockholm:20260320T143000"));
        assert!(ics.contains("DTSTAMP:20260302T000000Z"));
        assert!(ics.contains("ORGANIZER;CN=Lisa Lind:mailto:lisa@example.se"));
        assert!(ics.contains("mailto:anna@example.se"));
        assert!(!ics.contains("Utan E-post"));
        assert!(ics.contains("BEGIN:VTIMEZONE"));
        assert!(ics.contains("METHOD:REQUEST") && ics.contains("SEQUENCE:0"), "{ics}");
        assert_eq!(ics, meeting_ics(&data, 0).unwrap(), "reproducible");
    }

    #[test]
    fn the_sequence_grows_only_when_the_event_changes() {
        let data = event("KLM-1-mote2@samplan", "2026-06-15");
        let first = meeting_ics_after(&data, None).unwrap();
        assert!(first.contains("SEQUENCE:0"));
        assert_eq!(meeting_ics_after(&data, Some(&first)).unwrap(), first, "unchanged: the same file");
        let moved = event("KLM-1-mote2@samplan", "2026-06-22");
        let second = meeting_ics_after(&moved, Some(&first)).unwrap();
        assert!(second.contains("SEQUENCE:1") && second.contains("UID:KLM-1-mote2@samplan"), "{second}");
        let other = event("KLM-1-mote3@samplan", "2026-06-22");
        assert!(meeting_ics_after(&other, Some(&second)).unwrap().contains("SEQUENCE:0"), "another meeting");
        let no_organiser = CalendarData { organiser: None, ..event("KLM-1-mote2@samplan", "2026-06-15") };
        assert!(meeting_ics(&no_organiser, 0).unwrap().contains("METHOD:PUBLISH"));
    }

    #[test]
    fn a_digital_meeting_has_its_link_as_url_and_location() {
        let link = "https://moten.example.se/sip-123".to_string();
        let data = CalendarData { plats: None, link: Some(link.clone()), ..event("KLM-1-mote1@samplan", "2026-03-20") };
        let ics = meeting_ics(&data, 0).unwrap();
        assert!(ics.contains(&format!("URL:{link}")) && ics.contains(&format!("LOCATION:{link}")), "{ics}");
    }
}

/// The calendar event of the case's last meeting, when one is called.
pub fn document(case: &PlanCase) -> Option<DocSpec> {
    let n = case.meetings.len();
    (n > 0).then(|| DocSpec {
        kind: DocKind::Calendar(n),
        name: "mote".into(),
        variant: Variant::Standard,
        language: None,
    })
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

/// The data of the calendar event for meeting `n` (from 1).
pub fn data(case: &PlanCase, n: usize, spec: &DocSpec, source: &Source) -> CalendarData {
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
        sammanfattning: format!("{} – samordnad individuell plan ({})", capitalised(&kind), case.case_id),
        beskrivning: "Kallelse till ett möte om en samordnad individuell plan (SIP). Dagordning och vad du ska förbereda står i kallelsen.".to_string(),
        organiser: meeting.and_then(|m| m.called_by.as_deref()).map(with_email),
        deltagare: meeting.map(|m| invited_ids(case, m)).unwrap_or_default().iter().map(|id| with_email(id)).collect(),
    }
}
