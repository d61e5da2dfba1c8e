//! A real SMTP server for the tests: Python's aiosmtpd (`tests/smtp/server.py`), with
//! TLS from a certificate authority made in the test by trustme, and the messages it
//! kept read back with Python's own MIME parser and the icalendar package
//! (`tests/smtp/read.py`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::ROOT;

/// A running test server; stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    pub mail: PathBuf,
    /// The certificate authority that signed the server's certificate.
    pub ca: PathBuf,
}

impl Server {
    /// Starts a server in `mode` (`smtps`, `starttls`, `plain`) keeping its messages
    /// under `dir`; with `fail_after`, it refuses every message after that many.
    pub fn start(dir: &Path, mode: &str, fail_after: Option<usize>) -> Server {
        let mail = dir.join(format!("mail-{mode}-{}", fail_after.map_or("alla".into(), |n| n.to_string())));
        let ca = dir.join(format!("ca-{mode}.pem"));
        let mut cmd = Command::new("python3");
        cmd.arg(Path::new(ROOT).join("tests/smtp/server.py")).arg("--dir").arg(&mail).arg("--ca").arg(&ca);
        cmd.args(["--mode", mode]);
        if let Some(n) = fail_after {
            cmd.args(["--fail-after", &n.to_string()]);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 with aiosmtpd and trustme must be installed: run tools/test.sh");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.strip_prefix("READY ").unwrap_or_else(|| panic!("the SMTP server did not start: {line:?}"));
        Server { child, port: port.trim().parse().unwrap(), mail, ca }
    }

    pub fn url(&self, scheme: &str) -> String {
        format!("{scheme}://localhost:{}", self.port)
    }

    /// The messages kept so far, as read.py gives them.
    pub fn messages(&self) -> Vec<serde_json::Value> {
        let out =
            Command::new("python3").arg(Path::new(ROOT).join("tests/smtp/read.py")).arg(&self.mail).output().unwrap();
        assert!(out.status.success(), "read.py: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Every message kept, as raw text.
    pub fn raw(&self) -> String {
        let mut all = String::new();
        for e in std::fs::read_dir(&self.mail).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "eml") {
                all.push_str(&String::from_utf8_lossy(&std::fs::read(p).unwrap()));
            }
        }
        all
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}
