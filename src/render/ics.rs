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

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, Property};
use serde_json::Value;

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

fn text<'a>(data: &'a Value, key: &str) -> Option<&'a str> {
    data.get(key).and_then(Value::as_str)
}

fn attendee(kind: &str, person: &Value) -> Option<Property> {
    let email = text(person, "e-post")?;
    let mut p = Property::new(kind, format!("mailto:{email}"));
    if let Some(name) = text(person, "namn") {
        p.add_parameter("CN", name);
    }
    Some(p)
}

/// The calendar file for the data of a calendar document, numbered after `previous`
/// (the file already sent for this case, if any): the same SEQUENCE when the event has
/// not changed, one more when it has, and 0 for a meeting not sent before.
pub fn meeting_ics_after(data: &Value, previous: Option<&str>) -> Result<String, String> {
    let uid = text(data, "uid").ok_or("mötet saknar uid")?;
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
pub fn meeting_ics(data: &Value, sequence: u32) -> Result<String, String> {
    let date = text(data, "datum")
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .ok_or("mötet saknar ett giltigt datum")?;
    let stamp_date = text(data, "dtstamp").and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).unwrap_or(date);
    let time = |key: &str| text(data, key).and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
    let mut event = Event::new();
    event
        .uid(text(data, "uid").ok_or("mötet saknar uid")?)
        .timestamp(Utc.from_utc_datetime(&NaiveDateTime::new(stamp_date, NaiveTime::MIN)))
        .sequence(sequence)
        .summary(text(data, "sammanfattning").unwrap_or("Möte"))
        .description(text(data, "beskrivning").unwrap_or(""));
    if let Some(place) = text(data, "plats") {
        event.location(place);
    }
    let zoned = |t: NaiveTime| CalendarDateTime::WithTimezone {
        date_time: NaiveDateTime::new(date, t),
        tzid: "Europe/Stockholm".to_string(),
    };
    match (time("start"), time("slut")) {
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
    let organiser = data.get("arrangör").and_then(|o| attendee("ORGANIZER", o));
    // An invitation (REQUEST) needs an organiser to answer to; without one the event
    // is only published.
    let method = if organiser.is_some() { "REQUEST" } else { "PUBLISH" };
    if let Some(p) = organiser {
        event.append_property(p);
    }
    for a in data.get("deltagare").and_then(Value::as_array).into_iter().flatten() {
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
    use serde_json::json;

    #[test]
    fn an_event_with_zone_organiser_and_attendees() {
        let data = json!({
            "uid": "KLM-1-m1-20260320@samplan", "dtstamp": "2026-03-02", "datum": "2026-03-20",
            "start": "13:00", "slut": "14:30", "plats": "Storgatan 1", "sammanfattning": "Samordningsmöte",
            "beskrivning": "Se kallelsen.",
            "arrangör": {"namn": "Lisa Lind", "e-post": "lisa@example.se"},
            "deltagare": [{"namn": "Anna Ek", "e-post": "anna@example.se"}, {"namn": "Utan E-post"}],
        });
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
        let data = json!({
            "uid": "KLM-1-mote2@samplan", "dtstamp": "2026-03-02", "datum": "2026-06-15",
            "start": "10:00", "plats": "Rum 3", "arrangör": {"namn": "Lisa", "e-post": "lisa@example.se"},
        });
        let first = meeting_ics_after(&data, None).unwrap();
        assert!(first.contains("SEQUENCE:0"));
        assert_eq!(meeting_ics_after(&data, Some(&first)).unwrap(), first, "unchanged: the same file");
        let mut moved = data.clone();
        moved["datum"] = json!("2026-06-22");
        let second = meeting_ics_after(&moved, Some(&first)).unwrap();
        assert!(second.contains("SEQUENCE:1") && second.contains("UID:KLM-1-mote2@samplan"), "{second}");
        let mut other = moved.clone();
        other["uid"] = json!("KLM-1-mote3@samplan");
        assert!(meeting_ics_after(&other, Some(&second)).unwrap().contains("SEQUENCE:0"), "another meeting");
        let mut no_organiser = data.clone();
        no_organiser["arrangör"] = Value::Null;
        assert!(meeting_ics(&no_organiser, 0).unwrap().contains("METHOD:PUBLISH"));
    }
}
