//! Personal data stays where it belongs. Every example case is built and every output
//! file read back — PDF text and metadata (Info and XMP), PEF, BRF, text, calendar,
//! manifest, file and folder names, and the build's own output: personnummer appear only
//! in the plan and its copies, and the plan's health and social details never in an
//! invitation, the calendar file or the manifest. Output is readable by the owner only.

use std::path::{Path, PathBuf};
use std::process::Command;

use samplan::case::CaseFile;
use samplan::check::check_file;

mod common;
use common::ROOT;

fn read_back(path: &Path) -> String {
    if path.extension().is_some_and(|e| e == "pdf") {
        let mut all = String::new();
        for args in [vec!["-raw"], vec![]] {
            let out = Command::new("pdftotext").args(&args).arg(path).arg("-").output().expect("pdftotext");
            all.push_str(&String::from_utf8_lossy(&out.stdout));
        }
        for meta in [false, true] {
            let mut cmd = Command::new("pdfinfo");
            if meta {
                cmd.arg("-meta");
            }
            all.push_str(&String::from_utf8_lossy(&cmd.arg(path).output().expect("pdfinfo").stdout));
        }
        all
    } else {
        String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()
    }
}

fn numbers_in(n: &str) -> Vec<String> {
    let digits: String = n.chars().filter(char::is_ascii_digit).collect();
    vec![n.to_string(), digits.clone(), format!("{}-{}", &digits[..8], &digits[8..]), digits[2..].to_string()]
}

#[test]
fn personnummer_and_health_details_appear_only_where_allowed() {
    let out_dir = tempfile::tempdir().unwrap();
    let build = common::build(&Path::new(ROOT).join("cases"), out_dir.path());
    assert!(build.status.success());
    let log = format!("{}{}", String::from_utf8_lossy(&build.stdout), String::from_utf8_lossy(&build.stderr));
    let mut checked_numbers = 0;
    for entry in std::fs::read_dir(Path::new(ROOT).join("cases")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let Some(CaseFile::Plan(case)) = check_file(&path).unwrap().valid_case().cloned() else { continue };
        let Some(plan) = case.plan.as_ref() else { continue };
        // Everything the case writes: plan version, meetings, deviation reports.
        let dir = out_dir.path().join(&case.case_id);
        let files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        assert!(files.len() >= 9);
        let situation: String =
            plan.present_situation.as_deref().unwrap().split_whitespace().take(6).collect::<Vec<_>>().join(" ");
        let medicines = plan.medicines.clone();
        for file in &files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let text = read_back(file);
            let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let plan_document = name.starts_with("plan") && name != "plan-innehall.json";
            if let Some(n) = &case.person.personal_number {
                for form in numbers_in(n) {
                    assert!(!file.display().to_string().contains(&form), "personnummer in a path: {}", file.display());
                    assert!(!log.contains(&form), "personnummer in the build log");
                    if !plan_document {
                        assert!(!text.contains(&form), "{}: personnummer in {name}", case.case_id);
                    }
                }
                if name == "plan.pdf" {
                    assert!(folded.contains(n.as_str()), "{}: the plan itself shows the personnummer", case.case_id);
                    // …but never its metadata.
                    let meta = Command::new("pdfinfo").arg("-meta").arg(file).output().unwrap();
                    let info = Command::new("pdfinfo").arg(file).output().unwrap();
                    let meta =
                        format!("{}{}", String::from_utf8_lossy(&meta.stdout), String::from_utf8_lossy(&info.stdout));
                    for form in numbers_in(n) {
                        assert!(!meta.contains(&form), "{}: personnummer in PDF metadata", case.case_id);
                    }
                    checked_numbers += 1;
                }
            }
            if name.starts_with("kallelse")
                || name.starts_with("avvikelse")
                || name == "mote.ics"
                || name == "manifest.json"
            {
                assert!(!folded.contains(&situation), "{}: the present situation leaks into {name}", case.case_id);
                if let Some(m) = &medicines {
                    assert!(!folded.contains(m.as_str()), "{}: medicines leak into {name}", case.case_id);
                }
            }
        }
    }
    assert!(checked_numbers >= 5, "only {checked_numbers} cases with personnummer were checked");
}

#[cfg(unix)]
#[test]
fn output_is_readable_by_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let out_dir = tempfile::tempdir().unwrap();
    let build = common::build(&Path::new(ROOT).join("cases/peter-kalmar.yaml"), out_dir.path());
    assert!(build.status.success());
    for entry in walkdir::WalkDir::new(out_dir.path()).min_depth(1).into_iter().filter_map(Result::ok) {
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        let want = if entry.file_type().is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode, want, "{}", entry.path().display());
    }
}
