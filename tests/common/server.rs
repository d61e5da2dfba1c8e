//! `samplan serve` on a free loopback port over a copy of the example cases, and a
//! plain HTTP/1.1 client whose every header is the test's own.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::ROOT;

const BIN: &str = env!("CARGO_BIN_EXE_samplan");

/// A server over a copy of the example cases.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub token: String,
    pub cases: PathBuf,
    pub output: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

pub fn start_with(args: &[&str]) -> (Server, std::process::ChildStderr) {
    start_with_env(args, &[])
}

/// [`start_with`], with environment variables set for the server.
pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> (Server, std::process::ChildStderr) {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    copy_dir(&Path::new(ROOT).join("cases"), &cases);
    let output = dir.path().join("out");
    let mut child = Command::new(BIN)
        .arg("serve")
        .arg(&cases)
        .arg("--output")
        .arg(&output)
        .args(["--port", "0"])
        .args(args)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.trim().strip_prefix("samplan serve: ").unwrap_or_else(|| panic!("first line: {line:?}")).to_string();
    let (address, token) = url.split_once("/?token=").unwrap();
    let port = address.rsplit(':').next().unwrap().parse().unwrap();
    let stderr = child.stderr.take().unwrap();
    let cases = std::fs::canonicalize(cases).unwrap();
    let output = std::fs::canonicalize(output).unwrap();
    (Server { child, port, token: token.to_string(), cases, output, _dir: dir }, stderr)
}

pub fn start() -> Server {
    start_with(&[]).0
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

impl Server {
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// A request with exactly these headers (a `Host` is added unless given).
    pub fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: {}\r\n", self.host()));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        // A server refusing a body too large answers before it has read all of it and
        // closes: the rest of the write may fail, and the answer is still there to read.
        let _ = stream.write_all(body);
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        parse(&answer)
    }

    /// A request with the token as a bearer header.
    pub fn call(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let bearer = format!("Bearer {}", self.token);
        let mut all = vec![("Authorization", bearer.as_str())];
        all.extend_from_slice(headers);
        self.raw(method, path, &all, body)
    }

    pub fn get(&self, path: &str) -> Reply {
        self.call("GET", path, &[], b"")
    }
}

/// Reads one answer from `stream`: up to its `Content-Length`, or to the end when it
/// has none (some servers keep the connection open despite `Connection: close`).
pub fn read_answer(stream: &mut TcpStream) -> Vec<u8> {
    let mut answer = Vec::new();
    let mut buffer = [0u8; 65536];
    loop {
        let n = stream.read(&mut buffer).unwrap();
        if n == 0 {
            return answer;
        }
        answer.extend_from_slice(&buffer[..n]);
        if let Some(split) = answer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&answer[..split]).to_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:").and_then(|v| v.trim().parse::<usize>().ok()));
            if let Some(length) = length
                && answer.len() >= split + 4 + length
            {
                return answer;
            }
        }
    }
}

pub fn parse(answer: &[u8]) -> Reply {
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("a whole answer");
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':').map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))).collect();
    let mut body = answer[split + 4..].to_vec();
    if headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked")) {
        body = unchunk(&body);
    }
    Reply { status, headers, body }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 4 + size..];
    }
}
