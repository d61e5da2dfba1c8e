//! The JSON routes of `SERVE-API.md`, and the few the workbench's pages use beside
//! them (the schema, new files, the form's YAML). Checking, rendering and building run
//! on blocking threads.

// A refusal is the HTTP answer itself, made once per request and returned at once; a
// boxed error would only add an allocation and a dereference.
#![allow(clippy::result_large_err)]

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::Json;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::cases::{self, canonical_yaml, depth, schema_line};
use super::{AppState, error_json, paths};
use crate::build::{BuildOptions, Builder, Earlier, Forms, Refusal, render_document};
use crate::case::CaseFile;
use crate::check::{check_file, check_text, io_sv};
use crate::diagnostic::Diagnostic;
use crate::output::sha256;
use crate::source::{MAX_CASE_BYTES, read_limited};

type Shared = State<Arc<AppState>>;

/// A case file's etag: the SHA-256 of its bytes, quoted as HTTP writes entity tags.
pub fn etag(bytes: &[u8]) -> String {
    format!("\"{}\"", sha256(bytes))
}

/// An etag as a client sent it, compared without quotes or a weak prefix.
fn bare(tag: &str) -> &str {
    tag.trim().trim_start_matches("W/").trim_matches('"')
}

pub(super) fn not_found() -> Response {
    error_json(StatusCode::NOT_FOUND, "filen finns inte, eller ligger utanför ärendemappen")
}

fn io_error(e: &std::io::Error) -> Response {
    error_json(StatusCode::INTERNAL_SERVER_ERROR, &io_sv(e))
}

fn with_etag(status: StatusCode, tag: &str, body: Value) -> Response {
    let mut response = (status, Json(body)).into_response();
    if let Ok(value) = HeaderValue::from_str(tag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
}

/// An error with the diagnostics beside it.
fn refused(status: StatusCode, message: &str, diagnostics: &[Diagnostic]) -> Response {
    (status, Json(json!({ "error": message, "diagnostics": diagnostics }))).into_response()
}

/// Runs `work` on a blocking thread; a panic there is a 500, never a dead server.
pub(super) async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Response> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| error_json(StatusCode::INTERNAL_SERVER_ERROR, "ett internt fel inträffade; inget skrevs"))
}

/// Sets its flag when dropped: when a handler's future is dropped (its client went) or
/// returns (its time ran out), the work it started is told to stop.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Runs a preview's or a build's `work` on a blocking thread, holding a rendering slot
/// for as long as the work runs. The answer waits at most `limit` (the wait for a slot
/// included); then, or when the client goes, the flag given to `work` is set, and a
/// build stops before its next document and before it writes. A document typst is
/// rendering at that moment is finished first, in its slot, so stopped work never
/// takes more cores than the slots allow.
pub(super) async fn limited<T: Send + 'static>(
    state: &AppState,
    limit: Duration,
    what: &str,
    work: impl FnOnce(Arc<AtomicBool>) -> T + Send + 'static,
) -> Result<T, Response> {
    let stop = Arc::new(AtomicBool::new(false));
    let _stop_when_left = StopOnDrop(stop.clone());
    let slots = state.rendering.clone();
    let run = async move {
        let Ok(slot) = slots.acquire_owned().await else {
            return Err(error_json(StatusCode::SERVICE_UNAVAILABLE, "servern stängs"));
        };
        blocking(move || {
            let _slot = slot;
            work(stop)
        })
        .await
    };
    tokio::time::timeout(limit, run).await.unwrap_or_else(|_| {
        Err(coded(
            StatusCode::SERVICE_UNAVAILABLE,
            "tidsgräns",
            &format!(
                "{what} tog längre tid än {} s och avbröts. Inget halvfärdigt skrivs; försök igen om en stund.",
                limit.as_secs_f64().round()
            ),
            &[],
        ))
    })
}

/// An error with a `kod` programs can match, and the diagnostics beside it.
pub(super) fn coded(status: StatusCode, code: &str, message: &str, diagnostics: &[Diagnostic]) -> Response {
    (status, Json(json!({ "error": message, "kod": code, "diagnostics": diagnostics }))).into_response()
}

/// A case file larger than samplan reads, as the CLI refuses it too.
fn too_large() -> Response {
    error_json(
        StatusCode::PAYLOAD_TOO_LARGE,
        &format!("filen är större än {} MB, som är det största samplan läser", MAX_CASE_BYTES / (1024 * 1024)),
    )
}

/// `GET /api/cases`.
pub async fn list(State(state): Shared) -> Response {
    let root = state.folder.clone();
    match blocking(move || cases::summaries(&root)).await {
        Ok(rows) => Json(rows).into_response(),
        Err(e) => e,
    }
}

/// `GET /api/cases/<file>`.
pub async fn read(State(state): Shared, UrlPath(file): UrlPath<String>) -> Response {
    let Some(path) = paths::case_file(&state.folder, &file) else { return not_found() };
    match read_limited(&path) {
        Ok(bytes) if bytes.len() as u64 > MAX_CASE_BYTES => too_large(),
        Ok(bytes) => {
            let tag = etag(&bytes);
            let yaml = String::from_utf8_lossy(&bytes).into_owned();
            with_etag(StatusCode::OK, &tag, json!({ "file": file, "yaml": yaml, "etag": tag }))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => not_found(),
        Err(e) => io_error(&e),
    }
}

/// What a request to change a file says it expects.
enum Precondition {
    /// `If-Match`: the file as it was when read.
    Matches(String),
    /// `If-None-Match: *`: no file yet.
    Absent,
}

fn precondition(headers: &HeaderMap) -> Option<Precondition> {
    if let Some(tag) = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()) {
        return Some(Precondition::Matches(bare(tag).to_string()));
    }
    let none = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok())?;
    (none.trim() == "*").then_some(Precondition::Absent)
}

/// The current etag of `path`, or None when there is no file.
fn current(path: &Path) -> Result<Option<String>, std::io::Error> {
    match read_limited(path) {
        Ok(bytes) => Ok(Some(etag(&bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn conflict(now: Option<String>) -> Response {
    let message = match now {
        Some(_) => "filen har ändrats sedan du öppnade den; inget sparades",
        None => "filen finns inte längre; inget sparades",
    };
    (StatusCode::CONFLICT, Json(json!({ "error": message, "etag": now }))).into_response()
}

/// `PUT /api/cases/<file>`: saved whole and atomically, a draft with errors too.
pub async fn save(State(state): Shared, UrlPath(file): UrlPath<String>, headers: HeaderMap, body: String) -> Response {
    let Some(path) = paths::case_file(&state.folder, &file) else { return not_found() };
    let Some(expected) = precondition(&headers) else {
        return error_json(
            StatusCode::PRECONDITION_REQUIRED,
            "ange If-Match med filens etag (eller If-None-Match: * för en ny fil), så att ingen annans ändring skrivs över",
        );
    };
    let _saving = state.saving.lock().await;
    let now = match current(&path) {
        Ok(now) => now,
        Err(e) => return io_error(&e),
    };
    let created = match (&expected, &now) {
        (Precondition::Absent, None) => true,
        (Precondition::Matches(tag), Some(now)) if bare(now) == tag => false,
        _ => return conflict(now),
    };
    let bytes = body.into_bytes();
    if let Err(e) = paths::write_inside(&state.folder, &path, &bytes) {
        return io_error(&e);
    }
    let tag = etag(&bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let name = file.clone();
    let diagnostics = blocking(move || check_text(&name, &text).diagnostics).await.unwrap_or_default();
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    with_etag(status, &tag, json!({ "etag": tag, "diagnostics": diagnostics }))
}

/// `DELETE /api/cases/<file>`: moved to the waste-paper basket, never deleted.
pub async fn delete(State(state): Shared, UrlPath(file): UrlPath<String>, headers: HeaderMap) -> Response {
    let Some(path) = paths::case_file(&state.folder, &file) else { return not_found() };
    let Some(Precondition::Matches(tag)) = precondition(&headers) else {
        return error_json(StatusCode::PRECONDITION_REQUIRED, "ange If-Match med filens etag");
    };
    let _saving = state.saving.lock().await;
    match current(&path) {
        Ok(Some(now)) if bare(&now) == tag => {}
        Ok(None) => return not_found(),
        Ok(now) => return conflict(now),
        Err(e) => return io_error(&e),
    }
    match cases::move_to_trash(&state.folder, &file, &path) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => io_error(&e),
    }
}

/// `POST /api/check`: the diagnostics `samplan check --format json` gives.
pub async fn check(body: String) -> Response {
    match blocking(move || check_text("-", &body).diagnostics).await {
        Ok(diagnostics) => Json(diagnostics).into_response(),
        Err(e) => e,
    }
}

/// `POST /api/form/changes`: what the plan's "Ändringar sedan version N" would list if
/// the case in the body became a new version now: its goals and interventions against
/// those stored with the latest version built into `--output` (`sedan` null when none
/// was built). A case with errors: `422` with the diagnostics.
pub async fn changes_for_form(State(state): Shared, body: String) -> Response {
    let output = state.output.clone();
    let answer = blocking(move || -> Result<Value, Response> {
        let (case, _) = valid_case("-", &body)?;
        let CaseFile::Plan(plan) = &case else {
            return Ok(json!({ "sedan": null, "ändringar": [] }));
        };
        let now = crate::revision::content_of(plan);
        let stored = (1..=plan.version).rev().find_map(|v| {
            let file = output.join(&plan.case_id).join(format!("v{v}")).join(crate::revision::CONTENT_FILE);
            let content: crate::revision::PlanContent = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
            Some((v, content))
        });
        Ok(match stored {
            Some((v, before)) => json!({ "sedan": v, "ändringar": crate::revision::changes(&before, &now) }),
            None => json!({ "sedan": null, "ändringar": [] }),
        })
    })
    .await;
    match answer {
        Ok(Ok(body)) => Json(body).into_response(),
        Ok(Err(e)) | Err(e) => e,
    }
}

/// `POST /api/form/check`: as `/api/check`, each diagnostic with `plats`, its key path
/// as the CLI's text form says it (positions from 1: "plan, mål 1, insats 1").
pub async fn check_for_form(body: String) -> Response {
    let found = blocking(move || {
        check_text("-", &body)
            .diagnostics
            .iter()
            .map(|d| {
                let mut value = serde_json::to_value(d).unwrap_or(Value::Null);
                value["plats"] = json!(crate::diagnostic::human_path(&d.path));
                value
            })
            .collect::<Vec<_>>()
    })
    .await;
    match found {
        Ok(diagnostics) => Json(diagnostics).into_response(),
        Err(e) => e,
    }
}

/// The valid case in `text`, or the answer that says why there is none.
fn valid_case(file: &str, text: &str) -> Result<(CaseFile, Vec<Diagnostic>), Response> {
    let checked = check_text(file, text);
    match checked.valid_case() {
        Some(case) => Ok((case.clone(), checked.diagnostics)),
        None => {
            Err(refused(StatusCode::UNPROCESSABLE_ENTITY, "ärendet har fel; rätta dem först", &checked.diagnostics))
        }
    }
}

/// `GET /api/cases/<file>/documents`.
pub async fn documents(State(state): Shared, UrlPath(file): UrlPath<String>) -> Response {
    let Some(path) = paths::case_file(&state.folder, &file) else { return not_found() };
    let Ok(bytes) = read_limited(&path) else { return not_found() };
    if bytes.len() as u64 > MAX_CASE_BYTES {
        return too_large();
    }
    let output = state.output.clone();
    let result = blocking(move || {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        valid_case(&file, &text).map(|(case, _)| cases::documents(&case, &output))
    })
    .await;
    match result {
        Ok(Ok(docs)) => Json(docs).into_response(),
        Ok(Err(e)) | Err(e) => e,
    }
}

/// `POST /api/form/documents`: the documents of the case in the body (the editor's
/// text, saved or not).
pub async fn documents_of_text(State(state): Shared, body: String) -> Response {
    let output = state.output.clone();
    let result = blocking(move || valid_case("-", &body).map(|(case, _)| cases::documents(&case, &output))).await;
    match result {
        Ok(Ok(docs)) => Json(docs).into_response(),
        Ok(Err(e)) | Err(e) => e,
    }
}

/// The content type of a file samplan writes, by its extension.
pub fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "pdf" => "application/pdf",
        "txt" | "brf" => "text/plain; charset=utf-8",
        "pef" => "application/x-pef+xml",
        "ics" => "text/calendar; charset=utf-8",
        "json" => "application/json",
        "mp3" => "audio/mpeg",
        "epub" => "application/epub+zip",
        "yaml" | "yml" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn bytes_response(name: &str, bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, content_type(name))], bytes).into_response()
}

/// `POST /api/preview/<name>`: one document of the case in the body, nothing written.
pub async fn preview(State(state): Shared, UrlPath(name): UrlPath<String>, body: String) -> Response {
    let limit = state.limits.preview;
    let result = limited(&state, limit, "Förhandsvisningen", move |_| -> Result<(String, Vec<u8>), Response> {
        let (case, _) = valid_case("-", &body)?;
        let docs = cases::prepared(&case);
        let found = docs.into_iter().find_map(|mut doc| {
            let file = doc.files.iter().find(|f| f.name == name)?.clone();
            doc.files = vec![file];
            Some(doc)
        });
        let Some(doc) = found else {
            return Err(error_json(StatusCode::NOT_FOUND, "ärendet har inget dokument med det namnet"));
        };
        let templates = crate::render::TemplateSet::builtin();
        let content = crate::revision::content_of_case(&case);
        let ident = format!("samplan/förhandsvisning/{}", doc.spec.name);
        let rendered =
            render_document(&templates, &doc, &ident, Forms::default(), content.as_ref(), Earlier::default());
        // As the build does after each case: what typst memoised and has not used for a
        // while is dropped, so a server that previews all day keeps its size.
        typst::comemo::evict(crate::build::EVICT_AFTER_CASES);
        let mut files = rendered.map_err(|e| error_json(StatusCode::UNPROCESSABLE_ENTITY, &e))?;
        let file = files.pop().ok_or_else(|| error_json(StatusCode::INTERNAL_SERVER_ERROR, "inget gjordes"))?;
        Ok((file.name, file.bytes))
    })
    .await;
    match result {
        Ok(Ok((name, bytes))) => bytes_response(&name, bytes),
        Ok(Err(e)) | Err(e) => e,
    }
}

/// `POST /api/build/<file>`: as `samplan build` builds it.
pub async fn build(State(state): Shared, UrlPath(file): UrlPath<String>) -> Response {
    let Some(path) = paths::case_file(&state.folder, &file) else { return not_found() };
    if !path.is_file() {
        return not_found();
    }
    let (output, folder, limit) = (state.output.clone(), state.folder.clone(), state.limits.build);
    let result = limited(&state, limit, "Bygget", move |stop| {
        let mut options = BuildOptions::into_folder(output.clone());
        options.stop = Some(stop);
        options.longest_wait = Some(limit / 3);
        build_case(&path, options, &folder, &file)
    })
    .await;
    match result {
        Ok(answer) => answer,
        Err(e) => e,
    }
}

/// Diagnostics as the page names files: by their path in the case folder, never the
/// server's own absolute path.
pub(super) fn named(
    mut diagnostics: Vec<crate::diagnostic::Diagnostic>,
    file: &str,
) -> Vec<crate::diagnostic::Diagnostic> {
    for d in &mut diagnostics {
        d.file = crate::case::personnummer::mask_in(file);
    }
    diagnostics
}

/// The status a refused build is answered with.
fn refusal_status(refusal: Refusal) -> StatusCode {
    match refusal {
        Refusal::CaseErrors | Refusal::VersionNeeded | Refusal::Template => StatusCode::UNPROCESSABLE_ENTITY,
        Refusal::Busy => StatusCode::CONFLICT,
        Refusal::Stopped => StatusCode::SERVICE_UNAVAILABLE,
        Refusal::Io | Refusal::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn build_case(path: &Path, options: BuildOptions, folder: &Path, file: &str) -> Response {
    let output = options.out.clone();
    let checked = match check_file(path) {
        Ok(c) => c,
        Err(e) => return coded(StatusCode::INTERNAL_SERVER_ERROR, Refusal::Io.code(), &io_sv(&e), &[]),
    };
    let Some(case) = checked.valid_case().cloned() else {
        let diagnostics = named(checked.diagnostics, file);
        let refusal = Refusal::CaseErrors;
        return coded(refusal_status(refusal), refusal.code(), "ärendet har fel och byggs inte", &diagnostics);
    };
    let builder = Builder::new(options);
    let mut outcome = builder.build_all(&[path.to_path_buf()], 0, |_| {}).pop().unwrap_or_default();
    outcome.diagnostics = named(std::mem::take(&mut outcome.diagnostics), file);
    if let Some(refusal) = outcome.refusal {
        // Folders are named from the output folder, as the page links them; the case
        // folder by the case's own name.
        let reason = outcome.error.as_deref().unwrap_or("ärendet har fel och byggs inte");
        let reason =
            reason.replace(&format!("{}/", output.display()), "").replace(&format!("{}/", folder.display()), "");
        return coded(refusal_status(refusal), refusal.code(), &reason, &outcome.diagnostics);
    }
    let written: Vec<String> = outcome.written.iter().filter_map(|p| cases::url_path(&output, p)).collect();
    let mut unchanged: Vec<String> = Vec::new();
    for folder in builder.case_folders(&case) {
        let Some(manifest) = crate::output::Manifest::read(&folder) else { continue };
        for f in manifest.files {
            if let Some(p) = cases::url_path(&output, &folder.join(&f.name))
                && !written.contains(&p)
            {
                unchanged.push(p);
            }
        }
    }
    unchanged.sort();
    unchanged.dedup();
    Json(json!({ "written": written, "unchanged": unchanged, "diagnostics": outcome.diagnostics, "notices": outcome.notices }))
        .into_response()
}

/// `GET /files/<path>`: a file the build wrote.
pub async fn file(State(state): Shared, UrlPath(relative): UrlPath<String>) -> Response {
    let Some(path) = paths::output_file(&state.output, &relative) else {
        return error_json(StatusCode::NOT_FOUND, "filen finns inte i utmappen");
    };
    match std::fs::read(&path) {
        Ok(bytes) => bytes_response(&relative, bytes),
        Err(_) => error_json(StatusCode::NOT_FOUND, "filen finns inte i utmappen"),
    }
}

/// `GET /api/schema`: the case schema the form is made from.
pub async fn schema() -> Response {
    Json(crate::schema::case_schema()).into_response()
}

/// `POST /api/form/json`: YAML text as the JSON value the form edits.
pub async fn yaml_to_json(body: String) -> Response {
    // Bounded as every case text is, before a tree is built: an alias bomb or deep
    // nesting is refused with the check's own message.
    let value = blocking(move || {
        if let Err(unbounded) = crate::source::within_bounds(&body) {
            return Err(crate::case::parse::unbounded_diagnostic("-", &body, &unbounded).message);
        }
        serde_yaml::from_str::<Value>(&body).map_err(|e| format!("texten är inte giltig YAML: {e}"))
    })
    .await;
    match value {
        Ok(Ok(value)) => Json(value).into_response(),
        Ok(Err(message)) => error_json(StatusCode::UNPROCESSABLE_ENTITY, &message),
        Err(e) => e,
    }
}

/// The body of `POST /api/form/yaml`.
#[derive(serde::Deserialize)]
pub struct FormValue {
    /// The case as the form holds it.
    value: Value,
    /// The case file it belongs to, for its `$schema` line.
    file: String,
    /// The text it had, whose first line is kept when it is the `$schema` line.
    #[serde(default)]
    yaml: String,
}

/// `POST /api/form/yaml`: the form's value as canonical YAML.
pub async fn json_to_yaml(Json(form): Json<FormValue>) -> Response {
    let line = schema_line(&form.yaml, depth(&form.file));
    match canonical_yaml(&form.value, &line) {
        Ok(yaml) => ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], yaml).into_response(),
        Err(e) => error_json(StatusCode::UNPROCESSABLE_ENTITY, &e),
    }
}

/// The body of `POST /api/new`.
#[derive(serde::Deserialize)]
pub struct NewCase {
    /// `plan`, `kallelse` or `information`.
    kind: String,
    /// The routine's id.
    rutin: String,
    /// The new file, relative to the case folder.
    file: String,
}

/// `POST /api/new`: a new case file from a routine's skeleton, as `samplan new -o`.
pub async fn new_case(State(state): Shared, Json(new): Json<NewCase>) -> Response {
    use crate::skeleton::NewFile;
    let kind = match new.kind.as_str() {
        "plan" => NewFile::Plan,
        "kallelse" => NewFile::Called,
        "information" => NewFile::Information,
        _ => return error_json(StatusCode::UNPROCESSABLE_ENTITY, "välj plan, kallelse eller information"),
    };
    let Some(routine) = crate::routine::Routines::builtin().get(&new.rutin) else {
        return error_json(StatusCode::UNPROCESSABLE_ENTITY, "det finns ingen sådan rutin");
    };
    let Some(path) = paths::case_file(&state.folder, &new.file) else {
        return error_json(StatusCode::NOT_FOUND, "filnamnet måste sluta på .yaml och ligga i ärendemappen");
    };
    let _saving = state.saving.lock().await;
    match crate::skeleton::write_new_case(&path, kind, routine) {
        Ok(_) => {
            let bytes = std::fs::read(&path).unwrap_or_default();
            let tag = etag(&bytes);
            with_etag(StatusCode::CREATED, &tag, json!({ "file": new.file, "etag": tag }))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let now = current(&path).ok().flatten();
            (StatusCode::CONFLICT, Json(json!({ "error": "det finns redan en fil med det namnet", "etag": now })))
                .into_response()
        }
        Err(e) => io_error(&e),
    }
}

/// The case file's path for a page link (`a.yaml` → `/arende?fil=a.yaml`).
pub fn page_link(file: &str) -> String {
    format!("/arende?fil={}", percent(file))
}

/// `text` percent-encoded for a URL path segment or query value.
pub fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_compare_without_quotes() {
        let tag = etag(b"typ: plan\n");
        assert!(tag.starts_with('"') && tag.ends_with('"'));
        assert_eq!(bare(&tag), bare(&format!("W/{tag}")));
        assert_eq!(bare(&tag), bare(tag.trim_matches('"')));
    }

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(percent("information/info-vgr.yaml"), "information%2Finfo-vgr.yaml");
        assert_eq!(percent("åsa.yaml"), "%C3%A5sa.yaml");
    }
}
