//! The SMTP server `samplan skicka` sends through, from `--smtp URL` or `SAMPLAN_SMTP`:
//! `smtps://host[:port]` (TLS from the first byte, port 465 by default) or
//! `smtp://host[:port]` (STARTTLS required, port 587 by default). Only to a loopback
//! address (a relay on the same machine) may `smtp://` go on without TLS when the
//! server offers none. The user and password come from `SAMPLAN_SMTP_USER` and
//! `SAMPLAN_SMTP_PASSWORD`, never from the URL (a command line is seen by every user
//! of the machine). Certificates are checked against the system's store, and also
//! against the CA in the PEM file `SAMPLAN_SMTP_CA` when it is set (an organisation's
//! own CA, or a test's).

use std::net::IpAddr;
use std::time::Duration;

use lettre::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};

/// How long one SMTP exchange may take before the message counts as not sent.
const TIMEOUT: Duration = Duration::from_secs(30);

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// TLS from the start (`smtps://`).
    Tls,
    /// STARTTLS, required.
    StartTls,
    /// STARTTLS when offered, plain otherwise: only to a loopback address.
    LoopbackPlain,
}

/// A server to send through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// How the connection is protected.
    pub security: Security,
}

impl Server {
    /// Reads an `smtps://` or `smtp://` URL.
    pub fn parse(url: &str) -> Result<Server, String> {
        let allowed = "tillåtet är smtps://värd[:port] eller smtp://värd[:port]";
        let (scheme, rest) =
            url.split_once("://").ok_or_else(|| format!("SMTP-adressen {url:?} saknar schema; {allowed}"))?;
        let security = match scheme.to_ascii_lowercase().as_str() {
            "smtps" => Security::Tls,
            "smtp" => Security::StartTls,
            other => return Err(format!("SMTP-adressen har schemat {other:?}; {allowed}")),
        };
        let authority = rest.trim_end_matches('/');
        if authority.contains('@') {
            return Err("SMTP-adressen får inte innehålla användare eller lösenord; använd SAMPLAN_SMTP_USER och SAMPLAN_SMTP_PASSWORD".into());
        }
        if authority.contains(['/', '?', '#']) {
            return Err(format!("SMTP-adressen {url:?} har mer än värd och port; {allowed}"));
        }
        let (host, port) = split_host_port(authority)?;
        if host.is_empty() {
            return Err(format!("SMTP-adressen {url:?} saknar värd; {allowed}"));
        }
        let default_port = if security == Security::Tls { 465 } else { 587 };
        let security =
            if security == Security::StartTls && is_loopback(&host) { Security::LoopbackPlain } else { security };
        Ok(Server { host, port: port.unwrap_or(default_port), security })
    }

    /// The transport to this server, with the credentials from the environment.
    pub fn transport(&self) -> Result<SmtpTransport, String> {
        let tls = self.tls_parameters()?;
        let tls = match self.security {
            Security::Tls => Tls::Wrapper(tls),
            Security::StartTls => Tls::Required(tls),
            Security::LoopbackPlain => Tls::Opportunistic(tls),
        };
        let mut builder = SmtpTransport::builder_dangerous(&self.host).port(self.port).tls(tls).timeout(Some(TIMEOUT));
        let user = std::env::var("SAMPLAN_SMTP_USER").ok().filter(|u| !u.is_empty());
        let password = std::env::var("SAMPLAN_SMTP_PASSWORD").ok();
        match (user, password) {
            (Some(user), Some(password)) => builder = builder.credentials(Credentials::new(user, password)),
            (Some(_), None) => return Err("SAMPLAN_SMTP_USER är satt men inte SAMPLAN_SMTP_PASSWORD".into()),
            (None, _) => {}
        }
        Ok(builder.build())
    }

    fn tls_parameters(&self) -> Result<TlsParameters, String> {
        let mut tls = TlsParameters::builder(self.host.clone());
        if let Some(path) = std::env::var_os("SAMPLAN_SMTP_CA").filter(|p| !p.is_empty()) {
            let shown = std::path::Path::new(&path).display().to_string();
            let pem =
                std::fs::read(&path).map_err(|e| format!("SAMPLAN_SMTP_CA {shown}: {}", crate::check::io_sv(&e)))?;
            let cert = Certificate::from_pem(&pem)
                .map_err(|e| format!("SAMPLAN_SMTP_CA {shown}: inget certifikat i PEM-form: {e}"))?;
            tls = tls.add_root_certificate(cert);
        }
        tls.build_rustls().map_err(|e| format!("TLS kan inte ställas in: {e}"))
    }
}

/// `host[:port]`, the host possibly an IPv6 address in brackets.
fn split_host_port(authority: &str) -> Result<(String, Option<u16>), String> {
    let port = |p: &str| p.parse::<u16>().map_err(|_| format!("porten {p:?} är inget portnummer (1–65535)"));
    if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']').ok_or("IPv6-adressen saknar ]")?;
        let p = after.strip_prefix(':').map(port).transpose()?;
        return Ok((host.to_string(), p));
    }
    match authority.rsplit_once(':') {
        Some((host, p)) => Ok((host.to_string(), Some(port(p)?))),
        None => Ok((authority.to_string(), None)),
    }
}

/// Whether `host` is this machine: `localhost` or a loopback address.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_give_host_port_and_protection() {
        let s = Server::parse("smtps://mail.region.se").unwrap();
        assert_eq!((s.host.as_str(), s.port, s.security), ("mail.region.se", 465, Security::Tls));
        let s = Server::parse("smtp://mail.region.se:2587/").unwrap();
        assert_eq!((s.port, s.security), (2587, Security::StartTls));
        assert_eq!(Server::parse("smtp://127.0.0.1:2525").unwrap().security, Security::LoopbackPlain);
        assert_eq!(Server::parse("smtp://[::1]:25").unwrap().security, Security::LoopbackPlain);
        assert_eq!(Server::parse("smtps://localhost:4650").unwrap().security, Security::Tls);
    }

    #[test]
    fn bad_urls_say_what_is_allowed() {
        for bad in
            ["mail.region.se", "http://mail.region.se", "smtp://u:p@mail.region.se", "smtp://mail:99999", "smtp://"]
        {
            let e = Server::parse(bad).unwrap_err();
            assert!(!e.is_empty(), "{bad}");
        }
        assert!(Server::parse("smtp://u:p@x").unwrap_err().contains("SAMPLAN_SMTP_PASSWORD"));
    }
}
