//! Load on `samplan serve`: N clients on loopback, each checking an example case and
//! previewing its plan in turn, for a given time. Prints the check and preview times
//! (median, p99), the errors, and the server's resident memory once a second, so
//! growth after the first minute shows.
//!
//! `cargo run --release --example serve_load -- [SECONDS] [CLIENTS]` (default 90 s,
//! 20 clients), with the release binary built (`cargo build --release`).
//! With `SECONDS` 0, instead: one client previews the first document of every example
//! case 15 times, each after an edit, with nothing else running, and prints each
//! median.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(90);
    let clients: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20);
    let root = env!("CARGO_MANIFEST_DIR");
    let exe = format!("{root}/target/release/samplan");
    let out = std::env::temp_dir().join(format!("samplan-last-{}", std::process::id()));
    let mut server = Command::new(&exe)
        .args(["serve", &format!("{root}/cases"), "--port", "0", "--output"])
        .arg(&out)
        .stdout(Stdio::piped())
        .spawn()
        .expect("build the release binary first: cargo build --release");
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.trim().trim_start_matches("samplan serve: ").to_string();
    let (address, token) = url.split_once("/?token=").unwrap();
    let port: u16 = address.rsplit(':').next().unwrap().parse().unwrap();
    let token = token.to_string();
    let case = std::fs::read_to_string(format!("{root}/cases/lena-vgr.yaml")).unwrap();
    if seconds == 0 {
        previews_alone(root, port, &token);
        let _ = server.kill();
        let _ = server.wait();
        let _ = std::fs::remove_dir_all(&out);
        return;
    }

    let stop = Arc::new(AtomicBool::new(false));
    let checks = Arc::new(Mutex::new(Vec::new()));
    let previews = Arc::new(Mutex::new(Vec::new()));
    let errors = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<_> = (0..clients)
        .map(|i| {
            let (stop, checks, previews, errors) = (stop.clone(), checks.clone(), previews.clone(), errors.clone());
            let (token, case) = (token.clone(), case.clone());
            std::thread::spawn(move || {
                let mut n = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    // Mostly checks, as typing makes them; a preview every tenth request.
                    let preview = (n + i).is_multiple_of(10);
                    let path = if preview { "/api/preview/plan.pdf" } else { "/api/check" };
                    let start = Instant::now();
                    match post(port, &token, path, case.as_bytes()) {
                        Ok(200) => {
                            let took = start.elapsed().as_secs_f64() * 1000.0;
                            if preview {
                                previews.lock().unwrap().push(took)
                            } else {
                                checks.lock().unwrap().push(took)
                            }
                        }
                        Ok(status) => errors.lock().unwrap().push(format!("{path}: {status}")),
                        Err(e) => errors.lock().unwrap().push(format!("{path}: {e}")),
                    }
                    n += 1;
                }
            })
        })
        .collect();
    let start = Instant::now();
    let mut memory = Vec::new();
    while start.elapsed() < Duration::from_secs(seconds) {
        std::thread::sleep(Duration::from_secs(1));
        memory.push(resident_kib(server.id()));
    }
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        let _ = w.join();
    }
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&out);

    let report = |name: &str, times: &mut Vec<f64>| {
        times.sort_by(f64::total_cmp);
        let at = |q: f64| times.get(((times.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(0.0);
        println!(
            "{name}: {} svar, median {:.1} ms, p99 {:.1} ms, störst {:.1} ms",
            times.len(),
            at(0.5),
            at(0.99),
            at(1.0)
        );
    };
    println!("{clients} klienter i {seconds} s mot samplan serve");
    report("POST /api/check", &mut checks.lock().unwrap());
    report("POST /api/preview/plan.pdf", &mut previews.lock().unwrap());
    let errors = errors.lock().unwrap();
    println!("fel: {}{}", errors.len(), errors.first().map(|e| format!(" (först: {e})")).unwrap_or_default());
    let at = |s: usize| memory.get(s.min(memory.len().saturating_sub(1))).copied().unwrap_or(0) / 1024;
    println!(
        "minne (RSS, MiB): efter 10 s {}, 30 s {}, 60 s {}, sist {} (störst efter första minuten {})",
        at(9),
        at(29),
        at(59),
        at(usize::MAX),
        memory.iter().skip(60).max().copied().unwrap_or(0) / 1024
    );
}

fn previews_alone(root: &str, port: u16, token: &str) {
    let mut files: Vec<_> = walkdir::WalkDir::new(format!("{root}/cases"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut all = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = if text.contains("typ: information") {
            "information.pdf"
        } else if text.contains("status: kallad") {
            "kallelse-person.pdf"
        } else {
            "plan.pdf"
        };
        let mut times = Vec::new();
        for i in 0..15 {
            // An edit before each preview, as a coordinator makes them: a name with a
            // new letter, so typst's memo of the last document does not answer.
            let edited = text.replacen("  namn: ", &format!("  namn: {} ", char::from(b'A' + i as u8)), 1);
            let start = Instant::now();
            let status = post(port, token, &format!("/api/preview/{name}"), edited.as_bytes()).unwrap_or(0);
            assert_eq!(status, 200, "{}", file.display());
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:<40} {name:<22} median {:.1} ms",
            file.file_name().unwrap().to_string_lossy(),
            times[times.len() / 2]
        );
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    println!("alla: median {:.1} ms, största {:.1} ms", all[all.len() / 2], all[all.len() - 1]);
}

fn post(port: u16, token: &str, path: &str, body: &[u8]) -> std::io::Result<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer)?;
    let status =
        String::from_utf8_lossy(&answer[..answer.len().min(20)]).split(' ').nth(1).and_then(|s| s.parse().ok());
    status.ok_or_else(|| std::io::Error::other("no status"))
}

fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
