//! `GET /rapport`: the period report as a page — the key figures, bars a manager reads
//! at a glance with the number written beside each bar (the bars themselves are hidden
//! from screen readers, the numbers are not), the figures per routine and per
//! organisation, and the report to save as PDF, CSV or JSON.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::api::percent as url_text;
use super::pages::{escape, page};
use crate::casework::facts::CaseFacts;
use crate::casework::print::{month_name, number, organisation_rows, percent, routine_rows};
use crate::casework::report::{Figures, Period, Report, WITHIN_DAYS, deviation_words, goal_words, in_order, report};

/// One bar: its label, its count, and its colour's class (`inom`, `sen`, `avslutade`).
struct Bar {
    label: String,
    count: usize,
    class: &'static str,
}

/// Bars as a list: label, bar (an SVG, hidden from screen readers) and the number.
/// `mark` draws a dashed line after the bar with that index, with its words.
fn bars(caption: &str, rows: &[Bar], mark: Option<(usize, &str)>) -> String {
    let top = rows.iter().map(|r| r.count).max().unwrap_or(0).max(1);
    let mut out = format!("<figure class=\"diagram\"><figcaption>{}</figcaption><ul>", escape(caption));
    for (i, row) in rows.iter().enumerate() {
        let width = 100.0 * row.count as f64 / top as f64;
        out.push_str(&format!(
            "<li><span class=\"etikett\">{label}</span><svg class=\"stapel\" aria-hidden=\"true\" focusable=\"false\" width=\"100%\" height=\"18\"><rect x=\"0\" y=\"1\" height=\"16\" width=\"{width:.1}%\" class=\"{class}\"></rect></svg><span class=\"tal\">{count}</span></li>",
            label = escape(&row.label),
            class = row.class,
            count = row.count,
        ));
        if let Some((_, words)) = mark.filter(|(at, _)| *at == i) {
            out.push_str(&format!("<li class=\"grans\">{}</li>", escape(words)));
        }
    }
    out.push_str("</ul></figure>");
    out
}

fn key_figures(f: &Figures) -> String {
    let days = &f.dagar_till_första_mötet;
    let rows = [
        ("Ärenden", f.ärenden.to_string()),
        ("Påbörjade under perioden", f.påbörjade.to_string()),
        ("Avslutade under perioden", f.avslutade.to_string()),
        ("Pågående", f.pågående.to_string()),
        ("Dagar från initiativ till första mötet, median", days.median.map_or("–".into(), number)),
        ("Andel första möten inom 30 dagar", days.andel_inom_30.map_or("–".into(), percent)),
        ("Ärenden med sen uppföljning", f.uppföljning_sen.to_string()),
    ];
    let body: String = rows
        .iter()
        .map(|(k, v)| format!("<tr><th scope=\"row\">{}</th><td>{}</td></tr>", escape(k), escape(v)))
        .collect();
    format!(
        "<table class=\"lista nyckeltal\"><caption class=\"dold\">Det viktigaste</caption><tbody>{body}</tbody></table>"
    )
}

fn group_table(caption: &str, first: &str, rows: &[Vec<String>]) -> String {
    let head = ["Ärenden", "Påbörjade", "Avslutade", "Pågående", "Median dagar", "Inom 30 dagar", "Sen uppföljning"];
    let head: String =
        std::iter::once(first).chain(head).map(|h| format!("<th scope=\"col\">{}</th>", escape(h))).collect();
    let body: String = rows
        .iter()
        .map(|row| {
            let (name, figures) = row.split_first().map_or(("", &[][..]), |(n, f)| (n.as_str(), f));
            let figures: String = figures.iter().map(|c| format!("<td>{}</td>", escape(c))).collect();
            format!("<tr><th scope=\"row\">{}</th>{figures}</tr>", escape(name))
        })
        .collect();
    format!(
        "<table class=\"lista\"><caption>{}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>",
        escape(caption)
    )
}

/// The report's figures as the page shows them.
fn report_html(r: &Report) -> String {
    let f = &r.figures;
    let mut month_bars = Vec::new();
    for m in &r.per_månad {
        let name = month_name(&m.månad);
        month_bars.push(Bar { label: format!("{name}, påbörjade"), count: m.påbörjade, class: "inom" });
        month_bars.push(Bar { label: format!("{name}, avslutade"), count: m.avslutade, class: "avslutade" });
    }
    let spread: Vec<Bar> = r
        .fördelning_dagar
        .iter()
        .map(|b| Bar {
            label: match b.till {
                Some(till) => format!("{}–{till} dagar", b.från),
                None => format!("{} dagar eller fler", b.från),
            },
            count: b.antal,
            class: if b.till.is_none_or(|t| t > WITHIN_DAYS) { "sen" } else { "inom" },
        })
        .collect();
    let within = r.fördelning_dagar.iter().filter(|b| b.till.is_some_and(|t| t <= WITHIN_DAYS)).count();
    let goals: Vec<Bar> = in_order(&goal_words(), &f.måluppfyllelse)
        .into_iter()
        .map(|(k, v)| Bar { label: k.to_string(), count: v, class: "inom" })
        .collect();
    let deviations: Vec<Bar> = in_order(&deviation_words(), &f.avvikelser)
        .into_iter()
        .map(|(k, v)| Bar { label: k.to_string(), count: v, class: "inom" })
        .collect();
    format!(
        r#"<h2>Det viktigaste</h2>
{key}
<h2>Påbörjade och avslutade per månad</h2>
{months}
<h2>Dagar från initiativ till första mötet</h2>
<p>{days_text}</p>
{spread}
<h2>Måluppfyllelse</h2>
<p>Alla mål i pågående och avslutade ärenden.</p>
{goals}
<h2>Avvikelser under perioden</h2>
{deviations}
<h2>Per rutin och per organisation</h2>
{routines}
{organisations}"#,
        key = key_figures(f),
        months = bars("Antal ärenden per månad", &month_bars, None),
        days_text = escape(&match (f.dagar_till_första_mötet.median, f.dagar_till_första_mötet.andel_inom_30) {
            (Some(m), Some(share)) => format!(
                "{} ärenden påbörjades under perioden och har haft ett möte. Medianen är {} dagar. {} hade sitt första möte inom 30 dagar.",
                f.dagar_till_första_mötet.antal,
                number(m),
                percent(share)
            ),
            _ => "Inget ärende som påbörjades under perioden har haft något möte ännu.".to_string(),
        }),
        spread = bars(
            "Antal ärenden efter dagar till första mötet",
            &spread,
            within.checked_sub(1).map(|i| (i, "Gränsen 30 dagar"))
        ),
        goals = bars("Antal mål efter måluppfyllelse", &goals, None),
        deviations = bars("Antal avvikelser efter typ", &deviations, None),
        routines = group_table("Per rutin", "Rutin", &routine_rows(r)),
        organisations = group_table("Per organisation med övergripande ansvar", "Organisation", &organisation_rows(r)),
    )
}

/// `GET /rapport?från=…&till=…`: the report page (the year so far when no period is
/// given).
pub async fn report_page(
    State(state): State<Arc<AppState>>,
    Query(params): Query<BTreeMap<String, String>>,
) -> Response {
    let today = super::cases::today();
    let mut params = params;
    params.entry("från".into()).or_insert_with(|| format!("{:04}-01-01", today.year));
    params.entry("till".into()).or_insert_with(|| today.to_string());
    let (from, to) = (params["från"].clone(), params["till"].clone());
    let figures = match super::casework::period(&params) {
        Ok(period) => {
            let folder = state.folder.clone();
            let made: Option<Report> =
                tokio::task::spawn_blocking(move || report(&CaseFacts::folder(&folder), period)).await.ok();
            made.map_or_else(
                || "<p class=\"fel\">Rapporten kunde inte göras.</p>".to_string(),
                |r| saved_as(period) + &report_html(&r),
            )
        }
        Err(e) => format!("<p class=\"fel\" role=\"alert\">Rapporten kan inte göras: {}.</p>", escape(&e)),
    };
    let main = format!(
        r#"<p><a href="/">← Ärenden och att göra</a></p>
<h1>Rapport för en period</h1>
<p>Rapporten räknar alla SIP-ärenden i mappen, också utkast. Den nämner ingen person.</p>
<form method="get" action="/rapport" class="verktyg">
  <label for="fran">Från</label> <input id="fran" name="från" type="date" value="{from}" required>
  <label for="till">Till</label> <input id="till" name="till" type="date" value="{to}" required>
  <button type="submit">Visa</button>
</form>
{figures}"#,
        from = escape(&from),
        to = escape(&to),
    );
    page("Rapport", "rapport", &main).into_response()
}

/// Links to the same report as PDF, CSV and JSON.
fn saved_as(period: Period) -> String {
    let query = format!("{}={}&till={}", url_text("från"), period.from, period.to);
    format!(
        "<p class=\"spara-som\">Spara rapporten som <a href=\"/api/rapport?{q}&amp;format=pdf\">PDF</a>, <a href=\"/api/rapport?{q}&amp;format=csv\">CSV (kalkylblad)</a> eller <a href=\"/api/rapport?{q}\">JSON</a>.</p>",
        q = escape(&query)
    )
}
