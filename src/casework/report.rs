//! The period report (`samplan rapport`, `GET /api/rapport`): the contract's figures
//! over the plan cases of a folder, for the whole folder, per routine and per
//! organisation with overall responsibility, with the counts by month and the spread of
//! days to the first meeting that the charts draw. It counts; it never names a person
//! or a case.

use std::collections::BTreeMap;

use serde::Serialize;

use super::facts::CaseFacts;
use crate::case::datetime::CalendarDate;
use crate::case::model::{DeviationKind, Fulfilment, word};

/// The days Halland's routine (and the report's share) allow from initiative to the
/// first meeting.
pub const WITHIN_DAYS: i64 = 30;

/// The word for a goal whose fulfilment is not set.
pub const NOT_ASSESSED: &str = "ej bedömt";

/// The key under `per_organisation` for cases that name no organisation with overall
/// responsibility.
pub const NO_ORGANISATION: &str = "(inte angivet)";

/// How the report names a fulfilment or a kind of deviation (the case file's word) to
/// a reader.
pub fn label(word: &str) -> &str {
    match word {
        "uppfyllt" => "Uppfyllt",
        "delvis uppfyllt" => "Delvis uppfyllt",
        "inte uppfyllt" => "Inte uppfyllt",
        NOT_ASSESSED => "Ej bedömt",
        "initiativ" => "Inget initiativ togs",
        "uteblev" => "Någon uteblev från mötet",
        "bemötande" => "Bemötande",
        "planen-följs-inte" => "Planen följs inte",
        "annat" => "Annat",
        other => other,
    }
}

/// The fulfilment words in the order a reader expects them, "ej bedömt" last.
pub fn goal_words() -> Vec<String> {
    Fulfilment::ALL.iter().map(word).chain([NOT_ASSESSED.to_string()]).collect()
}

/// The deviation kinds' words in the format's order.
pub fn deviation_words() -> Vec<String> {
    DeviationKind::ALL.iter().map(word).collect()
}

/// `counts` in the order of `words`, with the reader's label: what the charts draw.
pub fn in_order<'a>(words: &'a [String], counts: &BTreeMap<String, usize>) -> Vec<(&'a str, usize)> {
    words.iter().map(|w| (label(w), counts.get(w).copied().unwrap_or(0))).collect()
}

/// The period asked for, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub from: CalendarDate,
    /// The last day.
    pub to: CalendarDate,
}

impl Period {
    /// Whether `date` is in the period.
    pub fn holds(&self, date: CalendarDate) -> bool {
        date >= self.from && date <= self.to
    }
}

/// Days from initiative to the first meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DaysToFirst {
    /// How many cases the figure is over.
    pub antal: usize,
    /// The median (the mean of the two middle values of an even count).
    pub median: Option<f64>,
    /// The share (0–1) of at most [`WITHIN_DAYS`] days.
    pub andel_inom_30: Option<f64>,
}

/// The figures of a set of cases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Plan cases.
    pub ärenden: usize,
    /// Begun in the period.
    pub påbörjade: usize,
    /// Closed in the period.
    pub avslutade: usize,
    /// Ongoing.
    pub pågående: usize,
    /// Days from initiative to the first meeting, over the cases begun in the period.
    pub dagar_till_första_mötet: DaysToFirst,
    /// Goals by fulfilment, every word present.
    pub måluppfyllelse: BTreeMap<String, usize>,
    /// Deviation reports in the period by kind, every kind present.
    pub avvikelser: BTreeMap<String, usize>,
    /// Ongoing cases whose follow-up date is before the period's end with no follow-up
    /// meeting on or after it.
    pub uppföljning_sen: usize,
}

/// One month's counts, for the bars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Month {
    /// `YYYY-MM`.
    pub månad: String,
    /// Cases begun that month (within the period).
    pub påbörjade: usize,
    /// Cases closed that month (within the period).
    pub avslutade: usize,
    /// Deviation reports that month (within the period).
    pub avvikelser: usize,
}

/// One bar of the spread of days to the first meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// The first day count of the bar.
    pub från: i64,
    /// The last day count of the bar (`None`: and more).
    pub till: Option<i64>,
    /// How many cases.
    pub antal: usize,
}

/// An organisation's figures, with its name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrganisationFigures {
    /// How the case files name the organisation.
    pub namn: String,
    /// Its figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The first day (ISO).
    pub från: String,
    /// The last day (ISO).
    pub till: String,
    /// The figures over every plan case.
    #[serde(flatten)]
    pub figures: Figures,
    /// The figures per routine.
    pub per_rutin: BTreeMap<String, Figures>,
    /// The figures per organisation with overall responsibility, keyed by its name as
    /// the case files write it.
    pub per_organisation: BTreeMap<String, OrganisationFigures>,
    /// Every month the period touches, oldest first.
    pub per_månad: Vec<Month>,
    /// The spread of days to the first meeting over the cases begun in the period.
    pub fördelning_dagar: Vec<Bucket>,
}

/// The bars of the spread: their first day counts (each goes on to the next one's).
const BUCKET_STARTS: [i64; 7] = [0, 8, 15, 22, 31, 46, 61];

/// The report over `cases` for `period`.
pub fn report(cases: &[CaseFacts], period: Period) -> Report {
    let all: Vec<&CaseFacts> = cases.iter().collect();
    let mut per_routine: BTreeMap<String, Vec<&CaseFacts>> = BTreeMap::new();
    let mut per_organisation: BTreeMap<String, Vec<&CaseFacts>> = BTreeMap::new();
    for case in cases {
        if let Some(routine) = &case.routine {
            per_routine.entry(routine.clone()).or_default().push(case);
        }
        let name = case.responsible_name.clone().or_else(|| case.responsible.clone());
        per_organisation.entry(name.unwrap_or_else(|| NO_ORGANISATION.to_string())).or_default().push(case);
    }
    Report {
        från: period.from.to_string(),
        till: period.to.to_string(),
        figures: figures(&all, period),
        per_rutin: per_routine.into_iter().map(|(k, v)| (k, figures(&v, period))).collect(),
        per_organisation: per_organisation
            .into_iter()
            .map(|(k, v)| (k.clone(), OrganisationFigures { namn: k, figures: figures(&v, period) }))
            .collect(),
        per_månad: months(&all, period),
        fördelning_dagar: buckets(&days_to_first(&all, period)),
    }
}

/// The figures of `cases` for `period`.
pub fn figures(cases: &[&CaseFacts], period: Period) -> Figures {
    let days = days_to_first(cases, period);
    let mut fulfilment: BTreeMap<String, usize> = goal_words().into_iter().map(|w| (w, 0)).collect();
    for case in cases.iter().filter(|c| c.ongoing() || c.status == "avslutad") {
        for goal in &case.goals {
            let key = goal.as_deref().filter(|g| fulfilment.contains_key(*g)).unwrap_or(NOT_ASSESSED);
            *fulfilment.entry(key.to_string()).or_default() += 1;
        }
    }
    let mut deviations: BTreeMap<String, usize> = deviation_words().into_iter().map(|w| (w, 0)).collect();
    for deviation in cases.iter().flat_map(|c| &c.deviations) {
        if deviation.date.is_some_and(|d| period.holds(d))
            && let Some(count) = deviation.kind.as_deref().and_then(|k| deviations.get_mut(k))
        {
            *count += 1;
        }
    }
    Figures {
        ärenden: cases.len(),
        påbörjade: cases.iter().filter(|c| begun_in(c, period)).count(),
        avslutade: cases.iter().filter(|c| closed_in(c, period)).count(),
        pågående: cases.iter().filter(|c| c.ongoing()).count(),
        dagar_till_första_mötet: DaysToFirst {
            antal: days.len(),
            median: median(&days),
            andel_inom_30: (!days.is_empty())
                .then(|| days.iter().filter(|d| **d <= WITHIN_DAYS).count() as f64 / days.len() as f64),
        },
        måluppfyllelse: fulfilment,
        avvikelser: deviations,
        uppföljning_sen: cases
            .iter()
            .filter(|c| c.ongoing() && c.follow_up.is_some_and(|f| f < period.to && !c.follow_up_meeting_from(f)))
            .count(),
    }
}

fn begun_in(case: &CaseFacts, period: Period) -> bool {
    case.initiative.is_some_and(|d| period.holds(d))
}

fn closed_in(case: &CaseFacts, period: Period) -> bool {
    case.status == "avslutad" && case.closed.is_some_and(|d| period.holds(d))
}

/// Days from initiative to first meeting of the cases begun in the period that have
/// a meeting, sorted.
fn days_to_first(cases: &[&CaseFacts], period: Period) -> Vec<i64> {
    let mut days: Vec<i64> = cases
        .iter()
        .filter(|c| begun_in(c, period))
        .filter_map(|c| Some(c.first_meeting()?.days() - c.initiative?.days()))
        .collect();
    days.sort_unstable();
    days
}

/// The median of sorted `values`.
fn median(values: &[i64]) -> Option<f64> {
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0),
    }
}

fn buckets(days: &[i64]) -> Vec<Bucket> {
    BUCKET_STARTS
        .iter()
        .enumerate()
        .map(|(i, from)| {
            let till = BUCKET_STARTS.get(i + 1).map(|next| next - 1);
            // The first bar also holds what a wrongly dated case gives below zero.
            let low = if i == 0 { i64::MIN } else { *from };
            let antal = days.iter().filter(|d| **d >= low && till.is_none_or(|t| **d <= t)).count();
            Bucket { från: *from, till, antal }
        })
        .collect()
}

fn months(cases: &[&CaseFacts], period: Period) -> Vec<Month> {
    let key = |d: CalendarDate| format!("{:04}-{:02}", d.year, d.month);
    let mut out: Vec<Month> = Vec::new();
    let mut month = CalendarDate { day: 1, ..period.from };
    while month <= period.to && out.len() < 1200 {
        out.push(Month { månad: key(month), påbörjade: 0, avslutade: 0, avvikelser: 0 });
        month = month.add_days(32);
        month.day = 1;
    }
    let mut add = |d: CalendarDate, f: fn(&mut Month)| {
        if let Some(m) = out.iter_mut().find(|m| m.månad == key(d)) {
            f(m);
        }
    };
    for case in cases {
        if begun_in(case, period)
            && let Some(d) = case.initiative
        {
            add(d, |m| m.påbörjade += 1);
        }
        if closed_in(case, period)
            && let Some(d) = case.closed
        {
            add(d, |m| m.avslutade += 1);
        }
        for d in case.deviations.iter().filter_map(|d| d.date).filter(|d| period.holds(*d)) {
            add(d, |m| m.avvikelser += 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> CalendarDate {
        CalendarDate::parse(text).unwrap()
    }

    fn case(yaml: &str) -> CaseFacts {
        CaseFacts::read("a.yaml", yaml).unwrap()
    }

    fn period(from: &str, to: &str) -> Period {
        Period { from: date(from), to: date(to) }
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[4]), Some(4.0));
        assert_eq!(median(&[1, 2, 5, 9]), Some(3.5));
    }

    #[test]
    fn figures_of_a_small_folder() {
        let cases = [
            case(
                "rutin: halland\ninitiativ: {datum: 2026-01-01}\nmöten: [{typ: samordningsmöte, datum: 2026-01-21}]\nplan: {mål: [{måluppfyllelse: uppfyllt}, {}], uppföljning: {datum: 2026-02-01}}\navvikelser: [{datum: 2026-01-10, typ: uteblev}, {datum: 2025-12-10, typ: annat}]\növergripande_ansvar: vc\norganisationer: [{id: vc, namn: VC Halmstad}]\n",
            ),
            case(
                "rutin: halland\nstatus: avslutad\navslut: {datum: 2026-03-01}\ninitiativ: {datum: 2026-02-01}\nmöten: [{typ: samordningsmöte, datum: 2026-03-20}]\nplan: {mål: [{måluppfyllelse: inte uppfyllt}]}\n",
            ),
            case(
                "rutin: vgr-2009\nstatus: kallad\ninitiativ: {datum: 2026-02-10}\nplan: {mål: [{måluppfyllelse: uppfyllt}]}\n",
            ),
        ];
        let r = report(&cases, period("2026-01-01", "2026-03-31"));
        let f = &r.figures;
        assert_eq!((f.ärenden, f.påbörjade, f.avslutade, f.pågående, f.uppföljning_sen), (3, 3, 1, 1, 1));
        assert_eq!(f.dagar_till_första_mötet, DaysToFirst { antal: 2, median: Some(33.5), andel_inom_30: Some(0.5) });
        // The called case's goal is not counted: only ongoing and closed cases are.
        assert_eq!(f.måluppfyllelse["uppfyllt"], 1);
        assert_eq!(f.måluppfyllelse["inte uppfyllt"], 1);
        assert_eq!(f.måluppfyllelse[NOT_ASSESSED], 1);
        assert_eq!(f.måluppfyllelse["delvis uppfyllt"], 0);
        assert_eq!(f.avvikelser.len(), 5);
        assert_eq!((f.avvikelser["uteblev"], f.avvikelser["annat"]), (1, 0));
        assert_eq!(r.per_rutin["halland"].ärenden, 2);
        assert_eq!(r.per_rutin["vgr-2009"].påbörjade, 1);
        assert_eq!(r.per_organisation["VC Halmstad"].figures.ärenden, 1);
        assert_eq!(r.per_organisation[NO_ORGANISATION].figures.ärenden, 2);
        let months: Vec<(&str, usize, usize)> =
            r.per_månad.iter().map(|m| (m.månad.as_str(), m.påbörjade, m.avslutade)).collect();
        assert_eq!(months, vec![("2026-01", 1, 0), ("2026-02", 2, 0), ("2026-03", 0, 1)]);
        let spread: Vec<usize> = r.fördelning_dagar.iter().map(|b| b.antal).collect();
        assert_eq!(spread, vec![0, 0, 1, 0, 0, 1, 0]);
    }

    #[test]
    fn nothing_begun_gives_no_median() {
        let r = report(&[case("rutin: halland\n")], period("2026-01-01", "2026-01-31"));
        assert_eq!(r.figures.dagar_till_första_mötet, DaysToFirst { antal: 0, median: None, andel_inom_30: None });
        let json = serde_json::to_value(&r).unwrap();
        assert!(json["dagar_till_första_mötet"]["median"].is_null());
        assert_eq!(json["per_rutin"]["halland"]["ärenden"], 1);
        assert!(json["per_rutin"]["halland"].get("från").is_none());
    }
}
