//! The period report as CSV, for a spreadsheet: one row per figure, with the group it
//! is for. Written for Swedish spreadsheets: `;` between fields, decimal comma, UTF-8
//! with a byte-order mark so that the å, ä and ö are read right.

use std::fmt::Write;

use super::report::{Figures, Report};

/// The report as CSV text.
pub fn csv(report: &Report) -> String {
    let mut out = String::from("\u{feff}grupp;namn;mått;värde\r\n");
    let mut row = |group: &str, name: &str, measure: &str, value: String| {
        let _ = write!(out, "{};{};{};{}\r\n", field(group), field(name), field(measure), value);
    };
    row("period", "", "från", report.från.clone());
    row("period", "", "till", report.till.clone());
    let mut groups: Vec<(&str, &str, &Figures)> = vec![("alla", "", &report.figures)];
    groups.extend(report.per_rutin.iter().map(|(k, f)| ("rutin", k.as_str(), f)));
    groups.extend(report.per_organisation.iter().map(|(k, f)| ("organisation", k.as_str(), &f.figures)));
    for (group, name, figures) in groups {
        for (measure, value) in measures(figures) {
            row(group, name, &measure, value);
        }
    }
    for month in &report.per_månad {
        row("månad", &month.månad, "påbörjade", month.påbörjade.to_string());
        row("månad", &month.månad, "avslutade", month.avslutade.to_string());
        row("månad", &month.månad, "avvikelser", month.avvikelser.to_string());
    }
    for bucket in &report.fördelning_dagar {
        let name = match bucket.till {
            Some(till) => format!("{}–{} dagar", bucket.från, till),
            None => format!("{} dagar eller fler", bucket.från),
        };
        row("dagar till första mötet", &name, "ärenden", bucket.antal.to_string());
    }
    out
}

/// Every figure of `figures` as (measure, value), in the report's order.
fn measures(figures: &Figures) -> Vec<(String, String)> {
    let days = &figures.dagar_till_första_mötet;
    let mut out = vec![
        ("ärenden".to_string(), figures.ärenden.to_string()),
        ("påbörjade".to_string(), figures.påbörjade.to_string()),
        ("avslutade".to_string(), figures.avslutade.to_string()),
        ("pågående".to_string(), figures.pågående.to_string()),
        ("dagar till första mötet, antal".to_string(), days.antal.to_string()),
        ("dagar till första mötet, median".to_string(), decimal(days.median)),
        ("dagar till första mötet, andel inom 30".to_string(), decimal(days.andel_inom_30)),
    ];
    out.extend(figures.måluppfyllelse.iter().map(|(k, v)| (format!("måluppfyllelse, {k}"), v.to_string())));
    out.extend(figures.avvikelser.iter().map(|(k, v)| (format!("avvikelser, {k}"), v.to_string())));
    out.push(("uppföljning sen".to_string(), figures.uppföljning_sen.to_string()));
    out
}

/// A number with a decimal comma, at most four decimals; empty when there is none.
fn decimal(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| {
        let text = format!("{v:.4}");
        text.trim_end_matches('0').trim_end_matches('.').replace('.', ",")
    })
}

/// A field quoted when it holds `;`, `"` or a line break.
fn field(text: &str) -> String {
    if text.contains([';', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::datetime::CalendarDate;
    use crate::casework::facts::CaseFacts;
    use crate::casework::report::{Period, report};

    #[test]
    fn every_row_has_four_fields_and_numbers_use_a_decimal_comma() {
        let case = CaseFacts::read(
            "a.yaml",
            "rutin: halland\ninitiativ: {datum: 2026-01-01}\nmöten: [{datum: 2026-01-21}]\növergripande_ansvar: vc\norganisationer: [{id: vc, namn: 'VC; \"Halmstad\"'}]\n",
        )
        .unwrap();
        let other = CaseFacts { initiative: CalendarDate::parse("2026-01-02").ok(), ..case.clone() };
        let period =
            Period { from: CalendarDate::parse("2026-01-01").unwrap(), to: CalendarDate::parse("2026-01-31").unwrap() };
        let text = csv(&report(&[case, other], period));
        assert!(text.starts_with("\u{feff}grupp;namn;mått;värde\r\n"));
        assert!(text.contains("alla;;dagar till första mötet, median;19,5\r\n"), "{text}");
        assert!(text.contains("organisation;\"VC; \"\"Halmstad\"\"\";ärenden;2\r\n"), "{text}");
        assert_eq!(decimal(Some(2.0 / 3.0)), "0,6667");
        assert_eq!(decimal(Some(1.0)), "1");
        assert_eq!(decimal(None), "");
    }
}
