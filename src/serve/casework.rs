//! `GET /api/oversikt` and `GET /api/rapport`: what needs doing across the folder's
//! cases and the period report, as `samplan oversikt` and `samplan rapport` print them.
//! A parameter that is not what the contract says is a `400` naming it.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::{AppState, error_json};
use crate::case::datetime::CalendarDate;
use crate::casework::facts::CaseFacts;
use crate::casework::overview::{self, DEFAULT_DAYS, MOST_DAYS, Window};
use crate::casework::report::{Period, report};
use crate::casework::{print, table};
use crate::render::TemplateSet;

type Params = Query<BTreeMap<String, String>>;

/// The date in the parameter `name`, if given; what is wrong with it, if it is not one.
pub fn date_param(params: &BTreeMap<String, String>, name: &str) -> Result<Option<CalendarDate>, String> {
    params
        .get(name)
        .map(|text| CalendarDate::parse(text).map_err(|e| format!("{name}={text}: {e} (skriv datumet som ÅÅÅÅ-MM-DD)")))
        .transpose()
}

fn bad_request(message: String) -> Response {
    error_json(StatusCode::BAD_REQUEST, &message)
}

fn window(params: &BTreeMap<String, String>) -> Result<Window, String> {
    let days = match params.get("dagar") {
        None => DEFAULT_DAYS,
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|d| *d <= MOST_DAYS)
            .ok_or_else(|| format!("dagar={text}: skriv ett helt antal dagar från 0 till {MOST_DAYS}"))?,
    };
    let today = date_param(params, "idag")?.unwrap_or_else(super::cases::today);
    Ok(Window { today, days })
}

/// `GET /api/oversikt?dagar=N&idag=YYYY-MM-DD`.
pub async fn overview(State(state): State<Arc<AppState>>, Query(params): Params) -> Response {
    let window = match window(&params) {
        Ok(w) => w,
        Err(e) => return bad_request(e),
    };
    let (folder, output) = (state.folder.clone(), state.output.clone());
    match super::api::blocking(move || overview::folder(&folder, &output, window)).await {
        Ok(items) => Json(items).into_response(),
        Err(e) => e,
    }
}

/// The period asked for in `från` and `till`.
pub fn period(params: &BTreeMap<String, String>) -> Result<Period, String> {
    match (date_param(params, "från")?, date_param(params, "till")?) {
        (Some(from), Some(to)) if from <= to => Ok(Period { from, to }),
        (Some(_), Some(_)) => Err("från är efter till".to_string()),
        _ => Err("ange både från och till (ÅÅÅÅ-MM-DD)".to_string()),
    }
}

/// `GET /api/rapport?från=YYYY-MM-DD&till=YYYY-MM-DD[&format=csv|pdf]`: the report's
/// JSON, or with `format` the same figures as CSV or as the PDF with charts.
pub async fn period_report(State(state): State<Arc<AppState>>, Query(params): Params) -> Response {
    let period = match period(&params) {
        Ok(p) => p,
        Err(e) => return bad_request(e),
    };
    let folder = state.folder.clone();
    let report = match super::api::blocking(move || report(&CaseFacts::folder(&folder), period)).await {
        Ok(report) => report,
        Err(e) => return e,
    };
    let name = format!("rapport-{}-{}", report.från, report.till);
    match params.get("format").map(String::as_str) {
        None | Some("json") => Json(report).into_response(),
        Some("csv") => download(&format!("{name}.csv"), "text/csv; charset=utf-8", table::csv(&report).into_bytes()),
        Some("pdf") => {
            let limit = state.limits.preview;
            let made = super::api::limited(&state, limit, "Rapporten", move |_| {
                print::pdf(&report, &TemplateSet::builtin(), super::cases::today())
            })
            .await;
            match made {
                Ok(Ok(pdf)) => download(&format!("{name}.pdf"), "application/pdf", pdf),
                Ok(Err(e)) => error_json(StatusCode::INTERNAL_SERVER_ERROR, &e),
                Err(e) => e,
            }
        }
        Some(other) => bad_request(format!("format={other}: välj json, csv eller pdf")),
    }
}

/// A file to save, named `name`.
fn download(name: &str, kind: &'static str, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    let mut response = ([(header::CONTENT_TYPE, kind)], bytes).into_response();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
