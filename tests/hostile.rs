//! Hostile and broken input: every file in `tests/hostile/fel-*` and every generated
//! monster below gets a clear error with a position, exit 1, no panic, within seconds;
//! `ok-*` files (BOM and CRLF, right-to-left scripts, combining characters) build. Also
//! symbolic links out of the case folder, an output folder that cannot be written, and
//! a full disk (a file-size limit makes writes fail).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

mod common;
use common::{ROOT, peter};

fn run(args: &[&str], paths: &[&Path]) -> (Output, Duration) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_samplan")).args(args).args(paths).output().unwrap();
    (out, start.elapsed())
}

fn assert_clear_error(file: &Path) {
    let (out, took) = run(&["check", "--format", "json"], &[file]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{}: {stderr}", file.display());
    assert_eq!(out.status.code(), Some(1), "{}: {}", file.display(), String::from_utf8_lossy(&out.stdout));
    assert!(took < Duration::from_secs(10), "{} took {took:?}", file.display());
    let diags: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = diags.as_array().unwrap().iter().find(|d| d["severity"] == "fel").expect("an error");
    assert!(first["line"].as_u64().unwrap() >= 1 && first["column"].as_u64().unwrap() >= 1);
    assert!(first["message"].as_str().unwrap().len() > 10);
}

fn corpus(prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("tests/hostile"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    files.sort();
    files
}

#[test]
fn every_hostile_file_gets_a_clear_error() {
    let files = corpus("fel-");
    assert!(files.len() >= 14);
    for file in files {
        assert_clear_error(&file);
    }
}

#[test]
fn odd_but_valid_files_build() {
    for file in corpus("ok-") {
        let out_dir = tempfile::tempdir().unwrap();
        let (out, _) = run(&["build", "-o", out_dir.path().to_str().unwrap()], &[&file]);
        assert!(out.status.success(), "{}: {}", file.display(), String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn generated_monsters_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let huge_string =
        peter().replace("  intressen: Fiske, musik.", &format!("  intressen: \"{}\"", "ord ".repeat(250_000)));
    let mut goals = String::from("  mål:\n");
    for _ in 0..10_000 {
        goals.push_str(
            "    - id: samma\n      text: Ett mål.\n      insatser:\n        - vad: Något\n          utförare: rehab\n",
        );
    }
    let ten_thousand = peter().replacen("  mål:\n", &goals, 1);
    let fifty_mb = "a: b\n".repeat(10_500_000);
    let deep = format!("{}övrigt: {}{}\n", peter(), "{a: ".repeat(5000), "}".repeat(5000));
    for (name, text, rule) in [
        ("stor-text.yaml", huge_string, "SIP-TEXTLANGD"),
        ("tiotusen-mal.yaml", ten_thousand, "SIP-ID-UNIKA"),
        ("femtio-mb.yaml", fifty_mb, "FIL-STORLEK"),
        ("djup.yaml", deep, ""),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        assert_clear_error(&path);
        if !rule.is_empty() {
            let (out, _) = run(&["check", "--format", "json"], &[&path]);
            assert!(String::from_utf8_lossy(&out.stdout).contains(rule), "{name}: no {rule}");
        }
    }
}

#[test]
fn a_diagnostic_never_echoes_a_whole_long_line() {
    let dir = tempfile::tempdir().unwrap();
    let brackets = format!("ärende: A-1\nrutin: nationell\nperson:\n  namn: P\nplan: {}\n", "[".repeat(40_000));
    // Just under the 8 MB limit, on one line.
    let one_line =
        format!("{{ärende: A-1, rutin: nationell, person: {{namn: P}}, okänd: \"{}\"}}", "x".repeat(8_000_000));
    for (name, text) in [("hakar.yaml", brackets), ("en-rad.yaml", one_line)] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let (out, _) = run(&["check"], &[&path]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let shown = String::from_utf8_lossy(&out.stdout);
        // The source lines: "    5 | plan: [[[…".
        let sources: Vec<&str> = shown
            .lines()
            .filter(|l| l.trim_start().split_once(" | ").is_some_and(|(n, _)| n.parse::<usize>().is_ok()))
            .collect();
        assert!(!sources.is_empty(), "{name}: no source line shown");
        for line in sources {
            assert!(line.chars().count() <= 8 + 120 + 2, "{name}: {} characters shown", line.chars().count());
            assert!(line.ends_with('…'), "{name}: the cut is not marked: {line}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_case_folder_is_refused_and_the_rest_is_checked() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("hemlig.yaml"), peter()).unwrap();
    let cases = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path().join("hemlig.yaml"), cases.path().join("länk.yaml")).unwrap();
    std::fs::write(cases.path().join("peter.yaml"), peter()).unwrap();
    let (out, _) = run(&["check"], &[cases.path()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("länk.yaml:1:1: fel [FIL-LANK]"), "{text}");
    assert!(!text.contains(&outside.path().display().to_string()), "the target is not named");
    assert!(text.contains("2 filer kontrollerade: 1 med fel"), "{text}");
}

#[test]
fn an_output_folder_that_cannot_be_written_is_a_clear_error() {
    let cases = tempfile::tempdir().unwrap();
    std::fs::write(cases.path().join("peter.yaml"), peter()).unwrap();
    // A file where the output folder should be: nothing can be created below it (this
    // holds for root too, unlike permission bits).
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let (out, _) = run(&["build", "-o", blocker.path().to_str().unwrap()], &[cases.path()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("inte byggd") && !err.contains("panicked"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_full_disk_leaves_no_partial_file() {
    let cases = tempfile::tempdir().unwrap();
    std::fs::write(cases.path().join("peter.yaml"), peter()).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    // ulimit -f makes every write past 40 kB fail, as a full disk does; SIGXFSZ is
    // ignored so the write returns an error instead of killing the process.
    let script = format!(
        "trap '' XFSZ; ulimit -f 40; exec '{}' build -o '{}' '{}'",
        env!("CARGO_BIN_EXE_samplan"),
        out_dir.path().display(),
        cases.path().display()
    );
    let out = Command::new("bash").arg("-c").arg(&script).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    for entry in walkdir::WalkDir::new(out_dir.path()).into_iter().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "a temporary file was left: {name}");
        if name.ends_with(".pdf") {
            assert!(std::fs::read(entry.path()).unwrap().ends_with(b"%%EOF"), "{name} is truncated");
        }
    }
}

/// Runs `samplan check FILE` and gives its exit code, its time and its peak memory in
/// kB (the child's own `ru_maxrss`, read with wait4).
#[cfg(target_os = "linux")]
#[allow(clippy::zombie_processes, reason = "the child is reaped by wait4, which also gives its peak memory")]
fn check_measured(file: &Path) -> (Option<i32>, Duration, i64, String) {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_samplan"))
        .args(["check"])
        .arg(file)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut stdout = child.stdout.unwrap();
    let mut said = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut said).unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child with valid pointers to locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, start.elapsed(), usage.ru_maxrss, said)
}

/// The probes of the hostile report: an anchor of 100 kB repeated by 50,000 and by
/// 200,000 aliases, and flow nesting 10,000, 30,000 and 100,000 deep. Each must be
/// refused in under 2 s and 300 MB, naming the alias or the depth.
#[cfg(target_os = "linux")]
#[test]
fn alias_fan_out_and_deep_nesting_are_refused_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let head = "typ: plan\närende: A-1\nrutin: nationell\nperson:\n  namn: P\n";
    let mut probes: Vec<(String, String, &str)> = Vec::new();
    for aliases in [50_000, 200_000] {
        let mut text = format!("{head}a: &stor {}\nb:\n", "x".repeat(100_000));
        text.push_str(&"  - *stor\n".repeat(aliases));
        probes.push((format!("alias-{aliases}.yaml"), text, "`*stor`"));
    }
    for depth in [10_000, 30_000, 100_000] {
        let text = format!("{head}a: {}{}\n", "[".repeat(depth), "]".repeat(depth));
        probes.push((format!("djup-{depth}.yaml"), text, "djupare än"));
    }
    let block = format!("{head}a:\n{}x\n", "- ".repeat(50_000));
    probes.push(("djup-block.yaml".into(), block, "djupare än"));
    for (name, text, named) in probes {
        let file = dir.path().join(&name);
        std::fs::write(&file, text).unwrap();
        let (code, took, peak_kb, said) = check_measured(&file);
        assert_eq!(code, Some(1), "{name}: {said}");
        assert!(said.contains(named), "{name}: {said}");
        assert!(took < Duration::from_secs(2), "{name} took {took:?}");
        assert!(peak_kb < 300 * 1024, "{name} peaked at {peak_kb} kB");
    }
}
