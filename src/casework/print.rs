//! The period report as a PDF (`samplan rapport --format pdf`): the figures and their
//! charts laid out by `templates/rapport.typ`, tagged PDF/UA like every document. The
//! words and labels are decided here and handed to the template as data.

use serde_json::{Value, json};

use super::report::{Figures, NO_ORGANISATION, Report, deviation_words, goal_words, in_order};
use crate::case::datetime::CalendarDate;
use crate::render::{TemplateSet, render_pdf};
use crate::routine::Routines;

/// The template that lays the report out.
pub const TEMPLATE: &str = "rapport.typ";

/// The report as PDF bytes, dated `today`.
pub fn pdf(report: &Report, templates: &TemplateSet, today: CalendarDate) -> Result<Vec<u8>, String> {
    let data = serde_json::to_vec(&data(report, today)).map_err(|e| e.to_string())?;
    let ident = format!("samplan/rapport/{}/{}", report.från, report.till);
    render_pdf(templates, TEMPLATE, &data, None, today, &ident)
}

/// The template's data: the report, the period in words, month names, routine names.
pub fn data(report: &Report, today: CalendarDate) -> Value {
    let period = format!("{} – {}", long(&report.från), long(&report.till));
    let title = format!("SIP-rapport {period}");
    let hash = crate::output::sha256(serde_json::to_string(report).unwrap_or_default().as_bytes());
    json!({
        "dokument": {
            "titel": title,
            "typ": "rapport",
            "namn": "",
            "ärende": "",
            "version": 0,
            "mottagare_id": null,
            "innehållshash": hash,
            "sidfot": format!("SIP-rapport {period} · gjord {}", today.long_sv()),
        },
        "period": period,
        "rapport": report,
        "månader": report.per_månad.iter().map(|m| json!({
            "namn": month_name(&m.månad),
            "påbörjade": m.påbörjade,
            "avslutade": m.avslutade,
            "avvikelser": m.avvikelser,
        })).collect::<Vec<_>>(),
        "rutiner": routine_rows(report),
        "mål": in_order(&goal_words(), &report.figures.måluppfyllelse),
        "avvikelser": in_order(&deviation_words(), &report.figures.avvikelser),
        "organisationer": organisation_rows(report),
    })
}

/// The rows of the table per routine: each routine's title, then its [`cells`].
pub fn routine_rows(report: &Report) -> Vec<Vec<String>> {
    let routines = Routines::builtin();
    report
        .per_rutin
        .iter()
        .map(|(id, f)| cells(routines.get(id).map_or(id.as_str(), |r| r.file.title.as_str()), f))
        .collect()
}

/// The rows of the table per organisation with overall responsibility.
pub fn organisation_rows(report: &Report) -> Vec<Vec<String>> {
    report
        .per_organisation
        .iter()
        .map(|(name, f)| cells(if name == NO_ORGANISATION { "Ingen angiven" } else { name }, &f.figures))
        .collect()
}

/// A table row of figures: name, cases, begun, closed, ongoing, median days, share
/// within 30 days, late follow-ups.
fn cells(name: &str, f: &Figures) -> Vec<String> {
    let days = &f.dagar_till_första_mötet;
    vec![
        name.to_string(),
        f.ärenden.to_string(),
        f.påbörjade.to_string(),
        f.avslutade.to_string(),
        f.pågående.to_string(),
        days.median.map_or("–".to_string(), number),
        days.andel_inom_30.map_or("–".to_string(), percent),
        f.uppföljning_sen.to_string(),
    ]
}

/// A number as Swedish writes it: decimal comma, one decimal when it has one.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value:.1}").replace('.', ",") }
}

/// A share as a whole percentage.
pub fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

fn long(iso: &str) -> String {
    CalendarDate::parse(iso).map_or(iso.to_string(), CalendarDate::long_sv)
}

/// A month key (`2026-01`) as words: `januari 2026`.
pub fn month_name(key: &str) -> String {
    CalendarDate::parse(&format!("{key}-01")).map_or(key.to_string(), |d| format!("{} {}", d.month_sv(), d.year))
}
