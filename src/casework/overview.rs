//! What needs doing across a folder of cases (`samplan oversikt`, `GET /api/oversikt`):
//! the rules of the contract's `vad` table, applied to each plan case's facts on a given
//! day. One line of Swedish per item, never a personnummer.

use std::path::Path;

use serde::Serialize;

use super::facts::CaseFacts;
use crate::case::datetime::CalendarDate;

/// How many days ahead the overview looks unless asked otherwise.
pub const DEFAULT_DAYS: u32 = 14;

/// The most days ahead the overview looks (ten years).
pub const MOST_DAYS: u32 = 3660;

/// How many days after the initiative Halland's routine wants the first meeting held.
pub const HALLAND_LIMIT: i64 = 30;
/// How many days after the initiative a Halland case without a meeting is shown.
pub const HALLAND_WARN: i64 = 20;

/// The kinds of thing to do, as the contract names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum What {
    /// A meeting in the coming days.
    #[serde(rename = "möte")]
    Meeting,
    /// The letters of a coming meeting are not built.
    #[serde(rename = "kallelser-ej-byggda")]
    LettersNotBuilt,
    /// The letters of a coming meeting are built and none has been sent by e-mail.
    #[serde(rename = "kallelser-ej-skickade")]
    LettersNotSent,
    /// A follow-up due in the coming days.
    #[serde(rename = "uppföljning")]
    FollowUp,
    /// A follow-up whose date has passed with no follow-up meeting.
    #[serde(rename = "uppföljning-sen")]
    FollowUpLate,
    /// A Halland case close to (or past) 30 days without a meeting.
    #[serde(rename = "30-dagar")]
    ThirtyDays,
    /// An ongoing plan with no follow-up date.
    #[serde(rename = "ingen-uppföljning")]
    NoFollowUp,
    /// A held meeting whose notes are not checked.
    #[serde(rename = "ej-justerad")]
    NotChecked,
    /// A coming meeting where the person needs an interpreter and none is booked yet
    /// (samplan's own).
    #[serde(rename = "tolk")]
    Interpreter,
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The case file, relative to the folder.
    pub file: String,
    /// The case id.
    #[serde(rename = "ärende")]
    pub case_id: String,
    /// The person's name.
    #[serde(rename = "namn")]
    pub name: String,
    /// What it is.
    pub vad: What,
    /// Its date (ISO).
    #[serde(rename = "datum", serialize_with = "iso")]
    pub date: CalendarDate,
    /// One line of Swedish.
    pub text: String,
    /// The meeting it concerns (its place in `möten`, from 1), for the link to it.
    #[serde(rename = "möte", skip_serializing_if = "Option::is_none")]
    pub meeting: Option<usize>,
}

fn iso<S: serde::Serializer>(date: &CalendarDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

/// What is known of a meeting's letters in the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letters {
    /// `mote-<n>/` has no manifest: not built.
    NotBuilt,
    /// Built, and `samplan skicka` has sent nothing for it.
    NotSent,
    /// Built and sent.
    Sent,
}

impl Letters {
    /// The state of meeting `n`'s letters of case `case_id` under `output`.
    pub fn of(output: &Path, case_id: &str, n: usize) -> Letters {
        let dir = output.join(case_id).join(format!("mote-{n}"));
        if !dir.join("manifest.json").is_file() {
            Letters::NotBuilt
        } else if dir.join(crate::send::record::RECORD_FILE).is_file() {
            Letters::Sent
        } else {
            Letters::NotSent
        }
    }
}

/// The overview's day and reach.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// The day it is made for.
    pub today: CalendarDate,
    /// How many days ahead it looks.
    pub days: u32,
}

impl Window {
    fn ahead(&self, date: CalendarDate) -> bool {
        date >= self.today && date <= self.today.add_days(i64::from(self.days))
    }
}

/// Everything to do in the plan cases `facts`, sorted by date (then case and kind).
/// `letters` tells the state of a meeting's letters (case id, meeting number).
pub fn items(facts: &[CaseFacts], window: Window, letters: impl Fn(&str, usize) -> Letters) -> Vec<Item> {
    let mut out: Vec<Item> = facts.iter().flat_map(|case| case_items(case, window, &letters)).collect();
    out.sort_by(|a, b| (a.date, &a.file, a.vad, a.meeting).cmp(&(b.date, &b.file, b.vad, b.meeting)));
    out
}

/// The overview of the folder `folder`, its letters looked up under `output`.
pub fn folder(folder: &Path, output: &Path, window: Window) -> Vec<Item> {
    items(&CaseFacts::folder(folder), window, |case_id, n| Letters::of(output, case_id, n))
}

fn case_items(case: &CaseFacts, window: Window, letters: &impl Fn(&str, usize) -> Letters) -> Vec<Item> {
    let Some(case_id) = case.case_id.as_deref().filter(|id| crate::rules::valid_id(id)) else {
        return Vec::new();
    };
    let name = case.name.clone().unwrap_or_default();
    let today = window.today;
    let mut out = Vec::new();
    let mut add = |vad: What, date: CalendarDate, text: String, meeting: Option<usize>| {
        out.push(Item {
            file: case.file.clone(),
            case_id: case_id.to_string(),
            name: name.clone(),
            vad,
            date,
            text,
            meeting,
        })
    };
    for m in &case.meetings {
        let Some(date) = m.date else { continue };
        if window.ahead(date) {
            add(
                What::Meeting,
                date,
                format!("{} {}.", capitalised(&meeting_word(&m.kind)), date.with_weekday_sv()),
                Some(m.number),
            );
        }
        if let Some(language) = &case.interpreter
            && window.ahead(date)
            && !m.interpreter_booked
        {
            add(
                What::Interpreter,
                date,
                format!("Boka tolk på {} till {} {}.", language.trim(), meeting_word(&m.kind), date.long_sv()),
                Some(m.number),
            );
        }
        if date < today && m.has_checkers && !m.checked {
            add(
                What::NotChecked,
                date,
                format!("Anteckningarna från {} {} är inte justerade.", meeting_word(&m.kind), date.long_sv()),
                Some(m.number),
            );
        }
    }
    if let Some(last) = case.meetings.last()
        && let Some(date) = last.date.filter(|d| *d > today)
    {
        match letters(case_id, last.number) {
            Letters::NotBuilt => add(
                What::LettersNotBuilt,
                date,
                format!("Kallelserna till {} {} är inte gjorda.", meeting_word(&last.kind), date.long_sv()),
                Some(last.number),
            ),
            Letters::NotSent => add(
                What::LettersNotSent,
                date,
                format!(
                    "Kallelserna till {} {} är gjorda men inte skickade.",
                    meeting_word(&last.kind),
                    date.long_sv()
                ),
                Some(last.number),
            ),
            Letters::Sent => {}
        }
    }
    if case.ongoing() {
        match case.follow_up {
            Some(date) if !case.follow_up_meeting_from(date) => {
                if date < today {
                    let late = today.days() - date.days();
                    add(
                        What::FollowUpLate,
                        date,
                        format!("Uppföljningen skulle ha gjorts {} ({}).", date.long_sv(), days_text(late, "sedan")),
                        None,
                    );
                } else if window.ahead(date) {
                    add(
                        What::FollowUp,
                        date,
                        format!("Planen ska följas upp {}. Inget uppföljningsmöte är kallat.", date.long_sv()),
                        None,
                    );
                }
            }
            Some(_) => {}
            None => add(What::NoFollowUp, today, "Planen har inget datum för uppföljning.".to_string(), None),
        }
    }
    if case.routine.as_deref() == Some("halland")
        && let Some(initiative) = case.initiative
        && initiative.add_days(HALLAND_WARN) <= today
        && !case.meetings.iter().any(|m| m.date.is_some_and(|d| d <= today))
    {
        let limit = initiative.add_days(HALLAND_LIMIT);
        let text = if limit < today {
            format!("Första mötet skulle ha hållits senast {} (30 dagar efter initiativet).", limit.long_sv())
        } else {
            format!("Första mötet ska hållas senast {} (30 dagar efter initiativet).", limit.long_sv())
        };
        add(What::ThirtyDays, limit, text, None);
    }
    out
}

fn meeting_word(kind: &str) -> String {
    match kind {
        "uppföljningsmöte" => "uppföljningsmötet".to_string(),
        _ => "SIP-mötet".to_string(),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn days_text(n: i64, after: &str) -> String {
    if n == 1 { format!("1 dag {after}") } else { format!("{n} dagar {after}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> CalendarDate {
        CalendarDate::parse(text).unwrap()
    }

    fn case(yaml: &str) -> CaseFacts {
        CaseFacts::read(
            "a.yaml",
            &format!("ärende: A-1\nperson: {{namn: Eva Berg, personnummer: '19710315-0004'}}\n{yaml}"),
        )
        .unwrap()
    }

    fn kinds(yaml: &str, today: &str, letters: Letters) -> Vec<(What, String)> {
        let window = Window { today: date(today), days: 14 };
        items(&[case(yaml)], window, |_, _| letters).into_iter().map(|i| (i.vad, i.date.to_string())).collect()
    }

    #[test]
    fn a_coming_meeting_needs_its_interpreter_booked() {
        let with = |tolk: &str, booked: &str| {
            let yaml = format!("status: kallad\nmöten: [{{typ: samordningsmöte, datum: 2026-05-10{booked}}}]\n");
            let text = format!("ärende: A-1\nperson: {{namn: Eva Berg{tolk}}}\n{yaml}");
            let window = Window { today: date("2026-05-01"), days: 14 };
            items(&[CaseFacts::read("a.yaml", &text).unwrap()], window, |_, _| Letters::Sent)
                .into_iter()
                .map(|i| (i.vad, i.text))
                .collect::<Vec<_>>()
        };
        let needed = with(", tolk: arabiska", "");
        assert!(
            needed.contains(&(What::Interpreter, "Boka tolk på arabiska till SIP-mötet 10 maj 2026.".to_string())),
            "{needed:?}"
        );
        assert!(!with(", tolk: arabiska", ", tolk_bokad: true").iter().any(|(v, _)| *v == What::Interpreter));
        assert!(!with("", "").iter().any(|(v, _)| *v == What::Interpreter));
    }

    #[test]
    fn a_coming_meeting_and_its_letters() {
        let yaml = "status: kallad\nmöten: [{typ: samordningsmöte, datum: 2026-05-10}]\n";
        assert_eq!(
            kinds(yaml, "2026-05-01", Letters::NotBuilt),
            vec![(What::Meeting, "2026-05-10".into()), (What::LettersNotBuilt, "2026-05-10".into())]
        );
        assert_eq!(
            kinds(yaml, "2026-05-01", Letters::NotSent),
            vec![(What::Meeting, "2026-05-10".into()), (What::LettersNotSent, "2026-05-10".into())]
        );
        assert_eq!(kinds(yaml, "2026-05-01", Letters::Sent), vec![(What::Meeting, "2026-05-10".into())]);
        // Beyond the window the meeting is not listed; its letters still are.
        assert_eq!(kinds(yaml, "2026-04-01", Letters::NotBuilt), vec![(What::LettersNotBuilt, "2026-05-10".into())]);
        // On the day itself the letters are no longer due.
        assert_eq!(kinds(yaml, "2026-05-10", Letters::NotBuilt), vec![(What::Meeting, "2026-05-10".into())]);
    }

    #[test]
    fn follow_ups_due_late_and_missing() {
        let plan = "möten: [{typ: samordningsmöte, datum: 2026-01-10}]\nplan: {uppföljning: {datum: 2026-03-01}}\n";
        assert_eq!(kinds(plan, "2026-02-20", Letters::Sent), vec![(What::FollowUp, "2026-03-01".into())]);
        assert_eq!(kinds(plan, "2026-03-02", Letters::Sent), vec![(What::FollowUpLate, "2026-03-01".into())]);
        assert_eq!(kinds(plan, "2026-01-20", Letters::Sent), vec![]);
        let called = "möten: [{typ: samordningsmöte, datum: 2026-01-10}, {typ: uppföljningsmöte, datum: 2026-03-01}]\nplan: {uppföljning: {datum: 2026-03-01}}\n";
        assert_eq!(kinds(called, "2026-03-02", Letters::Sent), vec![]);
        assert_eq!(kinds("status: avslutad\nplan: {}\n", "2026-03-02", Letters::Sent), vec![]);
        assert_eq!(kinds("plan: {}\n", "2026-03-02", Letters::Sent), vec![(What::NoFollowUp, "2026-03-02".into())]);
    }

    #[test]
    fn halland_s_thirty_days() {
        let yaml = "status: kallad\nrutin: halland\ninitiativ: {datum: 2026-04-01}\nmöten: [{typ: samordningsmöte, datum: 2026-05-08}]\n";
        assert_eq!(kinds(yaml, "2026-04-20", Letters::Sent), vec![]);
        assert_eq!(kinds(yaml, "2026-04-21", Letters::Sent), vec![(What::ThirtyDays, "2026-05-01".into())]);
        assert_eq!(kinds(&yaml.replace("halland", "vgr-2009"), "2026-04-21", Letters::Sent), vec![]);
        let held = yaml.replace("2026-05-08", "2026-04-15");
        assert_eq!(kinds(&held, "2026-04-21", Letters::Sent), vec![]);
    }

    #[test]
    fn notes_not_checked() {
        let yaml = "status: kallad\nmöten: [{typ: samordningsmöte, datum: 2026-04-01, justerare: [a]}]\n";
        assert_eq!(kinds(yaml, "2026-04-02", Letters::Sent), vec![(What::NotChecked, "2026-04-01".into())]);
        assert_eq!(kinds(yaml, "2026-04-01", Letters::Sent), vec![(What::Meeting, "2026-04-01".into())]);
        let checked = yaml.replace("justerare: [a]", "justerare: [a], justerad: 2026-04-03");
        assert_eq!(kinds(&checked, "2026-04-05", Letters::Sent), vec![]);
    }

    #[test]
    fn items_are_sorted_by_date_and_never_carry_a_personnummer() {
        let yaml = "rutin: halland\ninitiativ: {datum: 2026-01-01}\nmöten: [{typ: samordningsmöte, datum: 2026-03-01, justerare: [a]}]\nplan: {}\n";
        let window = Window { today: date("2026-02-25"), days: 14 };
        let found = items(&[case(yaml)], window, |_, _| Letters::NotBuilt);
        let dates: Vec<CalendarDate> = found.iter().map(|i| i.date).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
        let json = serde_json::to_string(&found).unwrap();
        assert!(!json.contains("19710315") && !json.contains("0004"), "{json}");
        assert!(json.contains("\"vad\":\"30-dagar\""), "{json}");
    }
}
