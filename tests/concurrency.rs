//! Builds that run at the same time on one output folder (two coordinators, a
//! scheduled job, the workbench and the command line) take turns per case: each
//! completes, none removes another's temporary files, and no file is ever torn.

use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::ROOT;

/// Whether a finished file is whole, by its kind's own ending.
fn complete(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("pdf") => bytes.ends_with(b"%%EOF") || bytes.ends_with(b"%%EOF\n"),
        Some("json") => serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
        Some("pef") => bytes.ends_with(b"</pef>\n"),
        Some("ics") => bytes.ends_with(b"END:VCALENDAR\r\n"),
        _ => true,
    }
}

fn spawn_build(out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_samplan"))
        .args(["build", "--force", "-o"])
        .arg(out)
        .arg(Path::new(ROOT).join("cases"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// How many `manifest.json` files lie under `dir`.
fn manifests(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_name() == "manifest.json").count()
}

#[test]
fn four_builds_at_once_into_one_folder_all_complete_ten_times_over() {
    // What one build alone writes: a manifest per folder.
    let alone = tempfile::tempdir().unwrap();
    assert!(spawn_build(alone.path()).wait().unwrap().success());
    let expected = manifests(alone.path());
    for round in 0..10 {
        let out = tempfile::tempdir().unwrap();
        let builds: Vec<_> = (0..4).map(|_| spawn_build(out.path())).collect();
        for build in builds {
            let done = build.wait_with_output().unwrap();
            assert!(done.status.success(), "round {round}: a build failed: {}", String::from_utf8_lossy(&done.stderr));
        }
        for entry in walkdir::WalkDir::new(out.path()).into_iter().filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(!name.ends_with(".tmp"), "round {round}: {} was left", entry.path().display());
            if !entry.file_type().is_file() {
                continue;
            }
            assert!(complete(entry.path()), "round {round}: {} is torn", entry.path().display());
            if name == "manifest.json" {
                let dir = entry.path().parent().unwrap();
                let manifest: serde_json::Value =
                    serde_json::from_slice(&std::fs::read(entry.path()).unwrap()).unwrap();
                for f in manifest["filer"].as_array().unwrap() {
                    let bytes = std::fs::read(dir.join(f["namn"].as_str().unwrap())).unwrap();
                    assert_eq!(f["sha256"].as_str().unwrap(), samplan::output::sha256(&bytes), "round {round}");
                }
            }
        }
        assert_eq!(manifests(out.path()), expected, "round {round}: every folder has its manifest");
    }
}

#[test]
fn a_build_waits_for_the_case_another_build_holds_and_says_so() {
    let out = tempfile::tempdir().unwrap();
    let case_dir = out.path().join("KLM-2026-0042");
    // Hold the case's lock as another build would.
    let held = samplan::output::FolderLock::acquire(&case_dir, || panic!("free at first")).unwrap();
    let build = Command::new(env!("CARGO_BIN_EXE_samplan"))
        .args(["build", "-o"])
        .arg(out.path())
        .arg(Path::new(ROOT).join("cases/peter-kalmar.yaml"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(!case_dir.join("v2/manifest.json").exists(), "the build did not wait for the lock");
    drop(held);
    let done = build.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{stderr}");
    assert!(stderr.contains("väntar – en annan körning av samplan bygger samma ärende"), "{stderr}");
    assert!(case_dir.join("v2/manifest.json").is_file());
}
