//! Who may talk to the server: every request carries the token (query, cookie or
//! bearer header), names the server itself as `Host` (against DNS rebinding), and a
//! request that changes something comes from the server's own pages when it says
//! where it comes from (`Origin`).

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{AppState, error_json};

/// The cookie that holds the token once a page was opened with `?token=`.
pub const COOKIE: &str = "samplan_token";

/// A random token of 256 bits, as hex, from the operating system's generator.
pub fn new_token() -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Equal in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The token of `?token=` in a query string.
fn query_token(query: &str) -> Option<&str> {
    query.split('&').find_map(|pair| pair.strip_prefix("token="))
}

/// The query string without its `token=` pair.
fn without_token(query: &str) -> String {
    query.split('&').filter(|p| !p.starts_with("token=") && !p.is_empty()).collect::<Vec<_>>().join("&")
}

fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(COOKIE).and_then(|rest| rest.strip_prefix('=')))
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")
}

/// The one `Host` of a request, when it has exactly one and it names the server byte
/// for byte, and an absolute-form target (`GET http://host/…`) names the same.
fn the_host<'a>(state: &AppState, request: &'a Request) -> Option<&'a str> {
    let mut all = request.headers().get_all(header::HOST).iter();
    let host = all.next()?.to_str().ok()?;
    if all.next().is_some() || !state.hosts.iter().any(|h| h == host) {
        return None;
    }
    match request.uri().authority() {
        Some(authority) if authority.as_str() != host => None,
        _ => Some(host),
    }
}

/// Where a request says it comes from: its `Origin`, else the origin of its `Referer`
/// (`scheme://authority`).
fn comes_from(headers: &HeaderMap) -> Option<String> {
    if let Some(origin) = headers.get(header::ORIGIN) {
        return Some(origin.to_str().unwrap_or("?").to_string());
    }
    let referer = headers.get(header::REFERER)?.to_str().unwrap_or("?");
    let (scheme, rest) = referer.split_once("://").unwrap_or(("?", ""));
    Some(format!("{scheme}://{}", rest.split(['/', '?', '#']).next().unwrap_or_default()))
}

/// The checks, in order: Host, token, Origin. A page opened with `?token=` gets the
/// cookie and is sent to the same address without the token, so it never stays in the
/// address bar, the history or a log.
pub async fn guard(State(state): State<std::sync::Arc<AppState>>, request: Request, next: Next) -> Response {
    if the_host(&state, &request).is_none() {
        return error_json(StatusCode::FORBIDDEN, "okänd värd i begäran (Host): den ska vara en, och namnge servern");
    }
    let headers = request.headers();
    let query = request.uri().query().unwrap_or_default();
    if let Some(token) = query_token(query) {
        if !same(token, &state.token) {
            return error_json(StatusCode::UNAUTHORIZED, "fel nyckel (token)");
        }
        let rest = without_token(query);
        let target =
            if rest.is_empty() { request.uri().path().to_string() } else { format!("{}?{rest}", request.uri().path()) };
        let secure = if state.secure_cookie { "; Secure" } else { "" };
        let cookie = format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/{secure}", state.token);
        let mut response = StatusCode::SEE_OTHER.into_response();
        if let (Ok(location), Ok(cookie)) = (HeaderValue::from_str(&target), HeaderValue::from_str(&cookie)) {
            response.headers_mut().insert(header::LOCATION, location);
            response.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        return response;
    }
    let bearer = bearer_token(headers);
    let given = bearer.or_else(|| cookie_token(headers));
    if !given.is_some_and(|t| same(t, &state.token)) {
        return error_json(
            StatusCode::UNAUTHORIZED,
            "nyckeln (token) saknas eller är fel; öppna adressen som samplan serve skrev ut",
        );
    }
    let changes = matches!(*request.method(), Method::POST | Method::PUT | Method::DELETE | Method::PATCH);
    if changes {
        match comes_from(headers) {
            Some(origin) if !state.origins.contains(&origin) => {
                return error_json(StatusCode::FORBIDDEN, "begäran kommer från en annan webbplats (Origin)");
            }
            // A browser sends the cookie by itself, so a change it carries must say it
            // comes from the server's own pages. A program with the bearer token need not.
            None if bearer.is_none() => {
                return error_json(
                    StatusCode::FORBIDDEN,
                    "begäran säger inte varifrån den kommer (Origin eller Referer saknas); ändringar görs från arbetsbänkens egna sidor",
                );
            }
            _ => {}
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_compared_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
        assert!(!same("", "a"));
    }

    #[test]
    fn the_token_is_taken_out_of_the_query() {
        assert_eq!(query_token("a=1&token=xyz&b=2"), Some("xyz"));
        assert_eq!(without_token("a=1&token=xyz&b=2"), "a=1&b=2");
        assert_eq!(without_token("token=xyz"), "");
    }

    #[test]
    fn a_new_token_is_long_and_different_each_time() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }
}
