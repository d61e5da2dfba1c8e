//! `samplan serve`: the coordinator's workbench, a web server inside the binary over one
//! folder of case files. The HTTP contract is `docs/serve-api.md` (routes, token,
//! status codes); this module owns starting and stopping the server and the state its
//! handlers share. The case files on disk stay the source of truth.
//!
//! - [`guard`]: token, `Host` and `Origin` on every request;
//! - [`paths`]: which paths may be read or written;
//! - [`api`]: the JSON routes; [`pages`]: the HTML pages and their assets;
//! - [`cases`]: the case list, the documents of a case, canonical YAML;
//! - [`sending`]: "Skicka", the invitations of the last meeting by e-mail;
//! - [`casework`]: what needs doing across the cases, and the period report;
//!   [`report_page`]: the report as a page.
//!
//! Checking, rendering and building run on blocking threads, never on the async ones;
//! previews share the engine and its template cache with builds.

pub mod api;
pub mod cases;
pub mod casework;
pub mod guard;
pub mod pages;
pub mod paths;
pub mod report_page;
pub mod sending;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

/// The folder under the case folder where deleted case files are moved.
pub const WASTE_FOLDER: &str = ".papperskorg";

/// The largest request body: the size limit of a case file, as in the CLI.
pub const BODY_LIMIT: usize = 8 * 1024 * 1024;

/// How the server is started.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder of case files.
    pub folder: PathBuf,
    /// Where builds write.
    pub output: PathBuf,
    /// The port (0: any free one).
    pub port: u16,
    /// The address to listen on.
    pub listen: IpAddr,
    /// A file holding the token, instead of a new random one.
    pub token_file: Option<PathBuf>,
    /// The origin a TLS reverse proxy serves the workbench at
    /// (`https://sip.example.se`): its host and origin are then allowed too, and the
    /// cookie is sent only over https.
    pub public_origin: Option<String>,
}

/// What every handler shares.
pub struct AppState {
    /// The case folder, canonical.
    pub folder: PathBuf,
    /// The output folder, canonical.
    pub output: PathBuf,
    /// The token every request must carry.
    pub token: String,
    /// The `Host` values the server answers to (`127.0.0.1:7070` …).
    pub hosts: Vec<String>,
    /// The origins its own pages have (`http://127.0.0.1:7070` …, and the public one).
    pub origins: Vec<String>,
    /// Whether the cookie is marked `Secure` (behind a TLS proxy).
    pub secure_cookie: bool,
    /// Held while a case file is compared with its etag and written, so two saves
    /// from the workbench never interleave.
    pub saving: tokio::sync::Mutex<()>,
    /// Previews and builds at the same time: one core fewer than the machine has (at
    /// least one), so checks, which answer each keystroke, always find a free core.
    pub rendering: Arc<tokio::sync::Semaphore>,
    /// How long previews and builds may take.
    pub limits: Limits,
}

/// How many previews and builds run at once on this machine.
fn render_slots() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).saturating_sub(1).max(1)
}

/// `{ "error": message }` with `status`.
pub fn error_json(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
}

/// The address as it stands in a URL and a `Host` header.
fn host_text(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) => format!("{v4}:{port}"),
        IpAddr::V6(v6) => format!("[{v6}]:{port}"),
    }
}

/// The `Host` values the server answers to on `port`.
fn hosts(listen: IpAddr, port: u16) -> Vec<String> {
    let mut out = vec![format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")];
    let own = host_text(listen, port);
    if !out.contains(&own) {
        out.push(own);
    }
    out
}

/// The host (`authority`) of a public origin `https://name[:port]`, or why it is not
/// one: a scheme, a host, no path.
pub fn public_host(origin: &str) -> Result<&str, String> {
    let wrong = || {
        format!(
            "--public-origin {origin}: skriv bara schema och värd, t.ex. https://sip.example.se eller https://sip.example.se:8443"
        )
    };
    let rest = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")).ok_or_else(wrong)?;
    let fine = !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
    if fine { Ok(rest) } else { Err(wrong()) }
}

/// The `Host` values and origins the server answers to: its own addresses on `port`,
/// and the public origin behind a proxy.
fn allowed(listen: IpAddr, port: u16, public: Option<&str>) -> Result<(Vec<String>, Vec<String>), String> {
    let mut hosts = hosts(listen, port);
    let mut origins: Vec<String> = hosts.iter().map(|h| format!("http://{h}")).collect();
    if let Some(origin) = public {
        hosts.push(public_host(origin)?.to_string());
        origins.push(origin.to_string());
    }
    Ok((hosts, origins))
}

/// The routes, behind the guard, with the security headers on every answer.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(pages::list))
        .route("/arende", get(pages::editor))
        .route("/static/{name}", get(pages::asset))
        .route("/api/cases", get(api::list))
        .route("/api/cases/{file}", get(api::read).put(api::save).delete(api::delete))
        .route("/api/cases/{file}/documents", get(api::documents))
        .route("/api/check", post(api::check))
        .route("/api/preview/{name}", post(api::preview))
        .route("/api/build/{file}", post(api::build))
        .route("/api/send/{file}", post(sending::send))
        .route("/api/schema", get(api::schema))
        .route("/api/oversikt", get(casework::overview))
        .route("/rapport", get(report_page::report_page))
        .route("/api/rapport", get(casework::period_report))
        .route("/api/new", post(api::new_case))
        .route("/api/form/json", post(api::yaml_to_json))
        .route("/api/form/yaml", post(api::json_to_yaml))
        .route("/api/form/documents", post(api::documents_of_text))
        .route("/api/form/check", post(api::check_for_form))
        .route("/api/form/changes", post(api::changes_for_form))
        .route("/files/{*path}", get(api::file))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard::guard))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Headers every answer carries: nothing from another origin, no caching of case data,
/// no sniffing, no referrer.
async fn security_headers(response: Response) -> Response {
    // A body over the limit is refused by axum in plain text; the contract answers JSON.
    let json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    let mut response = if response.status() == StatusCode::PAYLOAD_TOO_LARGE && !json {
        error_json(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("begäran är större än {} MB, som är det största samplan tar emot", BODY_LIMIT / (1024 * 1024)),
        )
    } else {
        response
    };
    let headers = response.headers_mut();
    let fixed = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'self' blob:; frame-src 'self' blob:; connect-src 'self' blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// The token: from `--token-file`, or new.
fn token(config: &Config) -> Result<String, String> {
    match &config.token_file {
        Some(file) => {
            let io = |e: std::io::Error| format!("{}: {}", file.display(), crate::check::io_sv(&e));
            readable_only_by_owner(file).map_err(io)?.map_or(Ok(()), Err)?;
            let text = std::fs::read_to_string(file).map_err(io)?;
            let token = text.trim().to_string();
            if token.len() < 16 || token.chars().any(|c| c.is_whitespace() || c == ';' || c == '&') {
                return Err(format!(
                    "{}: nyckeln måste vara minst 16 tecken, utan mellanslag, ; och &",
                    file.display()
                ));
            }
            Ok(token)
        }
        None => guard::new_token().map_err(|e| format!("kunde inte göra en slumpad nyckel: {e}")),
    }
}

/// Why a token file readable by others than its owner is refused, if it is: anyone who
/// can read the token can read and change every case.
#[cfg(unix)]
fn readable_only_by_owner(file: &Path) -> std::io::Result<Option<String>> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(file)?.permissions().mode();
    Ok((mode & 0o077 != 0).then(|| {
        format!(
            "{}: nyckelfilen kan läsas av andra än du (rättigheter {:o}); den som kan läsa nyckeln kan läsa och ändra alla ärenden. Gör den läsbar bara för dig: chmod 600 {}",
            file.display(),
            mode & 0o777,
            file.display()
        )
    }))
}

#[cfg(not(unix))]
fn readable_only_by_owner(_: &Path) -> std::io::Result<Option<String>> {
    Ok(None)
}

/// Starts the server and serves until SIGINT or SIGTERM; requests in flight finish.
/// Prints the address with the token as its first line, and a warning when it listens
/// on more than this computer.
pub fn run(config: Config) -> Result<(), String> {
    let folder = std::fs::canonicalize(&config.folder)
        .map_err(|e| format!("{}: {}", config.folder.display(), crate::check::io_sv(&e)))?;
    if !folder.is_dir() {
        return Err(format!("{}: är ingen mapp", config.folder.display()));
    }
    crate::output::create_private_dir(&config.output)
        .map_err(|e| format!("{}: {}", config.output.display(), crate::check::io_sv(&e)))?;
    let output = std::fs::canonicalize(&config.output).map_err(|e| e.to_string())?;
    let token = token(&config)?;
    if let Some(origin) = &config.public_origin {
        public_host(origin)?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(SocketAddr::new(config.listen, config.port))
            .await
            .map_err(|e| format!("kunde inte lyssna på {}: {e}", host_text(config.listen, config.port)))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let (hosts, origins) = allowed(config.listen, port, config.public_origin.as_deref())?;
        let limits = Limits::from_env();
        let state = Arc::new(AppState {
            folder,
            output,
            hosts,
            origins,
            secure_cookie: config.public_origin.as_deref().is_some_and(|o| o.starts_with("https://")),
            token: token.clone(),
            saving: tokio::sync::Mutex::new(()),
            rendering: Arc::new(tokio::sync::Semaphore::new(render_slots())),
            limits,
        });
        if !config.listen.is_loopback() {
            eprintln!(
                "samplan serve: varning: servern lyssnar på {} och nås från andra datorer. Då skyddar bara nyckeln (token) ärendena, och trafiken är okrypterad: ställ en omvänd proxy med TLS framför.",
                config.listen
            );
        }
        println!("samplan serve: http://{}/?token={token}", host_text(config.listen, port));
        use std::io::Write;
        let _ = std::io::stdout().flush();
        serve_connections(listener, router(state), limits).await;
        Ok(())
    });
    // Previews and builds still running on blocking threads are not waited for: the
    // files they write are written atomically, so stopping mid-way loses nothing.
    runtime.shutdown_timeout(Duration::from_millis(500));
    result
}

/// How much one client may hold: connections at once, how long a request's head may
/// take to arrive (also how long an idle kept-alive connection stays open), and how long
/// a preview or a build may work.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections served at once; beyond it a connection gets `503` and is closed.
    pub connections: usize,
    /// Longest wait for a request's head, and for the next request on a kept-alive
    /// connection.
    pub head: Duration,
    /// Longest time a preview may take, waiting for a free slot included.
    pub preview: Duration,
    /// Longest time a build may take, waiting for a free slot included; a build waits
    /// for another build of the same case a third of it at most.
    pub build: Duration,
}

impl Limits {
    /// At most 256 connections, 30 s for a request's head, 60 s for a preview and
    /// 300 s for a build (recorded speech for every document of a large case takes a
    /// minute or two on two cores). The tests shorten them with
    /// `SAMPLAN_SERVE_MAX_CONNECTIONS`, `SAMPLAN_SERVE_HEAD_SECONDS` and
    /// `SAMPLAN_SERVE_WORK_SECONDS` (previews and builds alike).
    pub fn from_env() -> Limits {
        let number = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f64>().ok()).filter(|n| *n > 0.0);
        let work = number("SAMPLAN_SERVE_WORK_SECONDS").map(Duration::from_secs_f64);
        Limits {
            connections: number("SAMPLAN_SERVE_MAX_CONNECTIONS").map_or(256, |n| n as usize),
            head: Duration::from_secs_f64(number("SAMPLAN_SERVE_HEAD_SECONDS").unwrap_or(30.0)),
            preview: work.unwrap_or(Duration::from_secs(60)),
            build: work.unwrap_or(Duration::from_secs(300)),
        }
    }
}

/// How long connections get to finish their answers once the server is told to stop.
const GRACE: Duration = Duration::from_secs(3);

/// Accepts connections until SIGINT or SIGTERM and serves each over HTTP/1 with a head
/// timeout; beyond `limits.connections` open at once, a new one is told `503` and
/// closed. On a stop signal no new connection is accepted, open ones finish the answer
/// they are writing (at most [`GRACE`]) and are closed.
async fn serve_connections(listener: tokio::net::TcpListener, app: Router, limits: Limits) {
    let open = Arc::new(tokio::sync::Semaphore::new(limits.connections));
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let mut connections = tokio::task::JoinSet::new();
    let signal = stopped();
    tokio::pin!(signal);
    loop {
        let accepted = tokio::select! {
            _ = &mut signal => break,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, _)) = accepted else { continue };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            connections.spawn(too_many(stream));
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut stopping = stopping.clone();
        connections.spawn(async move {
            let _permit = permit;
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(limits.head);
            let connection = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = stopping.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(GRACE, connection).await;
                }
            }
        });
        // Connections that ended are forgotten as the loop goes.
        while connections.try_join_next().is_some() {}
    }
    let _ = stop.send(true);
    let _ = tokio::time::timeout(GRACE + Duration::from_millis(500), async {
        while connections.join_next().await.is_some() {}
    })
    .await;
}

/// Tells a connection beyond the cap that the server is busy, and closes it.
async fn too_many(mut stream: tokio::net::TcpStream) {
    use tokio::io::AsyncWriteExt;
    let body = r#"{"error":"servern har för många öppna anslutningar just nu; försök igen om en stund"}"#;
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\nretry-after: 5\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(2), stream.write_all(answer.as_bytes())).await;
    let _ = stream.shutdown().await;
}

/// Resolves on SIGINT or SIGTERM.
async fn stopped() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => {
                let _ = interrupt.await;
                return;
            }
        };
        tokio::select! {
            _ = interrupt => {},
            _ = terminate.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_answers_to_loopback_names_and_its_own_address() {
        let h = hosts("127.0.0.1".parse().unwrap(), 7070);
        assert_eq!(h, ["127.0.0.1:7070", "localhost:7070", "[::1]:7070"]);
        let h = hosts("192.168.1.5".parse().unwrap(), 80);
        assert!(h.contains(&"192.168.1.5:80".to_string()));
        assert_eq!(host_text("::1".parse().unwrap(), 1), "[::1]:1");
    }
}
