//! The dated facts of a plan case that the overview and the report count, read from the
//! YAML as it is: a draft with check errors is read too, and a key that is missing or
//! not what the format says is simply not there (a date that is not a date is no date).
//! Never the personnummer: nothing here reads it.

use std::path::Path;

use serde::Deserialize;
use serde_yaml::Value;

use crate::case::datetime::CalendarDate;

/// One meeting of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFacts {
    /// Its place in `möten`, from 1 (the `n` of `mote-<n>/`).
    pub number: usize,
    /// `samordningsmöte` or `uppföljningsmöte` (as written).
    pub kind: String,
    /// Its date.
    pub date: Option<CalendarDate>,
    /// Whether it names anyone in `justerare`.
    pub has_checkers: bool,
    /// Whether `justerad` is given.
    pub checked: bool,
    /// Whether `tolk_bokad` is `true`.
    pub interpreter_booked: bool,
}

/// One goal's fulfilment as the case writes it (`None`: not set).
pub type Fulfilment = Option<String>;

/// One deviation report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviationFacts {
    /// Its date.
    pub date: Option<CalendarDate>,
    /// Its `typ`.
    pub kind: Option<String>,
}

/// What the overview and the report know of one plan case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFacts {
    /// Path relative to the case folder, `/` between folders.
    pub file: String,
    /// `ärende`.
    pub case_id: Option<String>,
    /// The person's name.
    pub name: Option<String>,
    /// `person.tolk`: the language the person needs an interpreter in.
    pub interpreter: Option<String>,
    /// `rutin`.
    pub routine: Option<String>,
    /// `status` (`pågående` when absent, as the format says).
    pub status: String,
    /// `initiativ.datum`.
    pub initiative: Option<CalendarDate>,
    /// `möten`, in order.
    pub meetings: Vec<MeetingFacts>,
    /// `plan.uppföljning.datum`.
    pub follow_up: Option<CalendarDate>,
    /// `måluppfyllelse` of every goal of `plan.mål`.
    pub goals: Vec<Fulfilment>,
    /// `avvikelser`.
    pub deviations: Vec<DeviationFacts>,
    /// `avslut.datum`.
    pub closed: Option<CalendarDate>,
    /// `övergripande_ansvar`: the organisation's id.
    pub responsible: Option<String>,
    /// The name of that organisation, when `organisationer` has it.
    pub responsible_name: Option<String>,
}

impl CaseFacts {
    /// The facts of the case file `file` whose text is `text`; `None` when it is not a
    /// plan case or not YAML at all. A case whose keys have the format's types is read
    /// straight into [`Typed`], twice as fast as building the YAML's tree (the report
    /// reads ten thousand); any other is read from its tree, as far as it goes.
    pub fn read(file: &str, text: &str) -> Option<CaseFacts> {
        // An empty document is `None`, not a case with every key absent.
        match serde_yaml::from_str::<Option<Typed>>(text) {
            Ok(typed) => typed?.facts(file),
            Err(_) => CaseFacts::read_tree(file, text),
        }
    }

    fn read_tree(file: &str, text: &str) -> Option<CaseFacts> {
        let value: Value = serde_yaml::from_str(text).ok()?;
        let typ = string_at(&value, &["typ"]);
        if !value.is_mapping() || typ.as_deref().is_some_and(|t| t != "plan") {
            return None;
        }
        let responsible = string_at(&value, &["övergripande_ansvar"]);
        let responsible_name = responsible.as_deref().and_then(|id| {
            sequence(&value, &["organisationer"])
                .find(|o| string_at(o, &["id"]).as_deref() == Some(id))
                .and_then(|o| string_at(o, &["namn"]))
        });
        Some(CaseFacts {
            file: file.to_string(),
            case_id: string_at(&value, &["ärende"]),
            name: string_at(&value, &["person", "namn"]),
            interpreter: string_at(&value, &["person", "tolk"]).filter(|t| !t.trim().is_empty()),
            routine: string_at(&value, &["rutin"]),
            status: string_at(&value, &["status"]).unwrap_or_else(|| "pågående".to_string()),
            initiative: date_at(&value, &["initiativ", "datum"]),
            meetings: sequence(&value, &["möten"])
                .enumerate()
                .map(|(i, m)| MeetingFacts {
                    number: i + 1,
                    kind: string_at(m, &["typ"]).unwrap_or_default(),
                    date: date_at(m, &["datum"]),
                    has_checkers: m.get("justerare").and_then(Value::as_sequence).is_some_and(|s| !s.is_empty()),
                    checked: m.get("justerad").is_some_and(|v| !v.is_null()),
                    interpreter_booked: m.get("tolk_bokad").and_then(Value::as_bool) == Some(true),
                })
                .collect(),
            follow_up: date_at(&value, &["plan", "uppföljning", "datum"]),
            goals: sequence(&value, &["plan", "mål"]).map(|g| string_at(g, &["måluppfyllelse"])).collect(),
            deviations: sequence(&value, &["avvikelser"])
                .map(|d| DeviationFacts { date: date_at(d, &["datum"]), kind: string_at(d, &["typ"]) })
                .collect(),
            closed: date_at(&value, &["avslut", "datum"]),
            responsible,
            responsible_name,
        })
    }

    /// The facts of every plan case under `folder` (the case files the workbench
    /// lists), in file order. A file that cannot be read is left out.
    pub fn folder(folder: &Path) -> Vec<CaseFacts> {
        use rayon::prelude::*;
        crate::serve::cases::case_files(folder)
            .par_iter()
            .filter_map(|file| {
                let bytes = crate::source::read_limited(&folder.join(file)).ok()?;
                let text = crate::source::read_case_text(&bytes).ok()?;
                CaseFacts::read(file, &text)
            })
            .collect()
    }

    /// Whether the status is `pågående`.
    pub fn ongoing(&self) -> bool {
        self.status == "pågående"
    }

    /// Whether a follow-up meeting is dated on or after `date`.
    pub fn follow_up_meeting_from(&self, date: CalendarDate) -> bool {
        self.meetings.iter().any(|m| m.kind == "uppföljningsmöte" && m.date.is_some_and(|d| d >= date))
    }

    /// The earliest meeting date.
    pub fn first_meeting(&self) -> Option<CalendarDate> {
        self.meetings.iter().filter_map(|m| m.date).min()
    }
}

/// The keys the facts come from, with the format's types; every other key is skipped
/// unread.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Typed {
    typ: Option<String>,
    #[serde(rename = "ärende")]
    case_id: Option<String>,
    person: TypedPerson,
    #[serde(rename = "rutin")]
    routine: Option<String>,
    status: Option<String>,
    #[serde(rename = "initiativ")]
    initiative: Dated,
    #[serde(rename = "möten")]
    meetings: Vec<TypedMeeting>,
    plan: TypedPlan,
    #[serde(rename = "avvikelser")]
    deviations: Vec<TypedDeviation>,
    #[serde(rename = "avslut")]
    closure: Dated,
    #[serde(rename = "övergripande_ansvar")]
    responsible: Option<String>,
    #[serde(rename = "organisationer")]
    organisations: Vec<TypedOrganisation>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TypedPerson {
    namn: Option<String>,
    tolk: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Dated {
    datum: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TypedMeeting {
    typ: Option<String>,
    datum: Option<String>,
    justerare: Option<Vec<serde::de::IgnoredAny>>,
    justerad: Option<serde::de::IgnoredAny>,
    tolk_bokad: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TypedPlan {
    #[serde(rename = "mål")]
    goals: Vec<TypedGoal>,
    #[serde(rename = "uppföljning")]
    follow_up: Dated,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TypedGoal {
    #[serde(rename = "måluppfyllelse")]
    fulfilment: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TypedDeviation {
    datum: Option<String>,
    typ: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TypedOrganisation {
    id: Option<String>,
    namn: Option<String>,
}

fn parse_date(text: Option<&str>) -> Option<CalendarDate> {
    CalendarDate::parse(text?).ok()
}

impl Typed {
    fn facts(self, file: &str) -> Option<CaseFacts> {
        if self.typ.as_deref().is_some_and(|t| t != "plan") {
            return None;
        }
        let responsible_name = self.responsible.as_deref().and_then(|id| {
            self.organisations.iter().find(|o| o.id.as_deref() == Some(id)).and_then(|o| o.namn.clone())
        });
        Some(CaseFacts {
            file: file.to_string(),
            case_id: self.case_id,
            name: self.person.namn,
            interpreter: self.person.tolk.filter(|t| !t.trim().is_empty()),
            routine: self.routine,
            status: self.status.unwrap_or_else(|| "pågående".to_string()),
            initiative: parse_date(self.initiative.datum.as_deref()),
            meetings: self
                .meetings
                .into_iter()
                .enumerate()
                .map(|(i, m)| MeetingFacts {
                    number: i + 1,
                    kind: m.typ.unwrap_or_default(),
                    date: parse_date(m.datum.as_deref()),
                    has_checkers: m.justerare.is_some_and(|j| !j.is_empty()),
                    checked: m.justerad.is_some(),
                    interpreter_booked: m.tolk_bokad == Some(true),
                })
                .collect(),
            follow_up: parse_date(self.plan.follow_up.datum.as_deref()),
            goals: self.plan.goals.into_iter().map(|g| g.fulfilment).collect(),
            deviations: self
                .deviations
                .into_iter()
                .map(|d| DeviationFacts { date: parse_date(d.datum.as_deref()), kind: d.typ })
                .collect(),
            closed: parse_date(self.closure.datum.as_deref()),
            responsible: self.responsible,
            responsible_name,
        })
    }
}

fn string_at(value: &Value, path: &[&str]) -> Option<String> {
    match path.iter().try_fold(value, |v, key| v.get(*key))? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn date_at(value: &Value, path: &[&str]) -> Option<CalendarDate> {
    CalendarDate::parse(&string_at(value, path)?).ok()
}

fn sequence<'a>(value: &'a Value, path: &[&str]) -> impl Iterator<Item = &'a Value> {
    path.iter()
        .try_fold(value, |v, key| v.get(*key))
        .and_then(Value::as_sequence)
        .map(|s| s.iter())
        .into_iter()
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> CalendarDate {
        CalendarDate::parse(text).unwrap()
    }

    #[test]
    fn a_draft_with_wrong_values_is_read_as_far_as_it_goes() {
        let facts = CaseFacts::read(
            "a.yaml",
            "ärende: X-1\nrutin: halland\nokänd: 3\ninitiativ: {datum: 2026-13-40}\nmöten:\n  - {typ: samordningsmöte, datum: 2026-05-02, justerare: [a]}\n  - {datum: inte ett datum, justerad: 2026-05-09}\nplan: {mål: [{måluppfyllelse: uppfyllt}, {text: x}], uppföljning: {datum: 2026-06-01}}\n",
        )
        .unwrap();
        assert_eq!(facts.status, "pågående");
        assert_eq!(facts.initiative, None);
        assert_eq!(facts.meetings.len(), 2);
        assert_eq!(facts.meetings[0].date, Some(date("2026-05-02")));
        assert!(facts.meetings[0].has_checkers && !facts.meetings[0].checked);
        assert!(facts.meetings[1].checked && facts.meetings[1].date.is_none());
        assert_eq!(facts.goals, vec![Some("uppfyllt".to_string()), None]);
        assert_eq!(facts.follow_up, Some(date("2026-06-01")));
    }

    #[test]
    fn the_typed_reading_and_the_tree_give_the_same_facts() {
        let text = "ärende: X-1\nrutin: halland\nstatus: avslutad\nperson: {namn: Eva}\ninitiativ: {datum: 2026-01-02}\nmöten:\n  - {typ: samordningsmöte, datum: 2026-05-02, justerare: [a], justerad: 2026-05-03}\n  - {typ: uppföljningsmöte, datum: 2026-06-02, justerare: []}\nplan: {mål: [{måluppfyllelse: uppfyllt}, {text: x}], uppföljning: {datum: 2026-06-01}}\navvikelser: [{datum: 2026-02-02, typ: uteblev}]\navslut: {datum: 2026-07-01}\növergripande_ansvar: vc\norganisationer: [{id: vc, namn: VC}]\n";
        let typed = serde_yaml::from_str::<Typed>(text).unwrap().facts("a.yaml").unwrap();
        assert_eq!(Some(typed), CaseFacts::read_tree("a.yaml", text));
        // A key of another type than the format's is read from the tree.
        let odd = "ärende: X-1\nmöten: 5\ninitiativ: {datum: 2026-01-02}\n";
        assert!(serde_yaml::from_str::<Typed>(odd).is_err());
        assert_eq!(CaseFacts::read("a.yaml", odd).unwrap().initiative, CalendarDate::parse("2026-01-02").ok());
    }

    #[test]
    fn leaflets_and_what_is_not_a_case_are_not_read() {
        assert!(CaseFacts::read("i.yaml", "typ: information\nid: x\n").is_none());
        assert!(CaseFacts::read("l.yaml", "- a\n- b\n").is_none());
        assert!(CaseFacts::read("b.yaml", "a: [\n").is_none());
        assert!(CaseFacts::read("e.yaml", "").is_none());
        assert!(CaseFacts::read("e.yaml", "# bara en kommentar\n").is_none());
        assert!(CaseFacts::read("e.yaml", "7\n").is_none());
    }
}
