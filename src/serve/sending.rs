//! `POST /api/send/<file>`: the workbench's "Skicka", the same run as `samplan skicka`
//! for the case's last meeting. Without `?skicka=1` it only says who would get what and
//! how; with it, it sends through the SMTP server the server was started with
//! (`SAMPLAN_SMTP`, `SAMPLAN_SMTP_FRAN`, `SAMPLAN_SMTP_USER`, `SAMPLAN_SMTP_PASSWORD`).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Json;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::api::{coded, limited, named, not_found};
use super::{AppState, cases, paths};
use crate::check::{check_file, io_sv};
use crate::send::{Plan, Report, Via, server_from, templates_of};

/// The query of `POST /api/send/<file>`.
#[derive(Debug, Deserialize)]
pub struct SendQuery {
    /// `1`: send; anything else or absent: only say what would be sent.
    #[serde(default)]
    skicka: Option<String>,
}

/// `POST /api/send/<file>[?skicka=1]`.
pub async fn send(
    State(state): State<Arc<AppState>>,
    UrlPath(file): UrlPath<String>,
    Query(query): Query<SendQuery>,
) -> Response {
    let Some(path) = paths::case_file(&state.folder, &file) else { return not_found() };
    if !path.is_file() {
        return not_found();
    }
    let sending = query.skicka.as_deref() == Some("1");
    let (output, limit) = (state.output.clone(), state.limits.build);
    let result = limited(&state, limit, "Utskicket", move |stop| {
        let give_up = move || stop.load(Ordering::Relaxed);
        run(&path, &output, &file, sending, &give_up)
    })
    .await;
    result.unwrap_or_else(|e| e)
}

/// Checks the case and runs `skicka` for its last meeting.
fn run(path: &Path, output: &Path, file: &str, sending: bool, give_up: &dyn Fn() -> bool) -> Response {
    let checked = match check_file(path) {
        Ok(c) => c,
        Err(e) => return coded(StatusCode::INTERNAL_SERVER_ERROR, "io", &io_sv(&e), &[]),
    };
    let Some(case) = checked.valid_case() else {
        let diagnostics = named(checked.diagnostics, file);
        return coded(
            StatusCode::UNPROCESSABLE_ENTITY,
            "fel-i-ärendet",
            "ärendet har fel; inget skickas",
            &diagnostics,
        );
    };
    let server = match server_from(None, None) {
        Ok(server) => server,
        Err(e) => return coded(StatusCode::INTERNAL_SERVER_ERROR, "smtp-inställning", &e, &[]),
    };
    if sending && server.is_none() {
        return coded(
            StatusCode::CONFLICT,
            "ingen-smtp-server",
            "servern har ingen SMTP-server att skicka genom; starta samplan serve med SAMPLAN_SMTP och SAMPLAN_SMTP_FRAN satta",
            &[],
        );
    }
    let templates = match templates_of(path, case) {
        Ok(t) => t,
        Err(e) => return coded(StatusCode::UNPROCESSABLE_ENTITY, "mall", &e, &[]),
    };
    let via = match (&server, sending) {
        (Some((server, from)), true) => Some(Via { server, from, templates: &templates }),
        _ => None,
    };
    match crate::send::run(case, None, output, via, give_up) {
        Ok(report) => Json(answer(&report, output, server.is_some())).into_response(),
        // Folders are named from the output folder, as the page links them.
        Err(e) => coded(
            StatusCode::UNPROCESSABLE_ENTITY,
            "kan-inte-skickas",
            &e.replace(&format!("{}/", output.display()), ""),
            &[],
        ),
    }
}

/// The answer: the plan, and each message tried.
fn answer(report: &Report, output: &Path, server: bool) -> Value {
    let Plan { meeting, dir, outgoing, unchanged, by_post, .. } = &report.plan;
    let people = |list: &[(String, String)]| -> Vec<Value> {
        list.iter().map(|(id, name)| json!({ "id": id, "namn": name })).collect()
    };
    json!({
        "möte": meeting,
        "mapp": cases::url_path(output, dir),
        "server": server,
        "skickas": outgoing.iter().map(|o| json!({
            "id": o.id, "namn": o.name, "e-post": o.email, "vad": o.kind.swedish(), "brev": o.letter,
        })).collect::<Vec<_>>(),
        "oförändrade": people(unchanged),
        "post": by_post.iter().map(|(id, name, file)| json!({ "id": id, "namn": name, "brev": file })).collect::<Vec<_>>(),
        "utfall": report.outcomes.iter().map(|(o, result)| match result {
            Ok(sent) => json!({ "id": o.id, "namn": o.name, "skickat": true, "message_id": sent.message_id }),
            Err(e) => json!({ "id": o.id, "namn": o.name, "skickat": false, "fel": e }),
        }).collect::<Vec<_>>(),
    })
}
