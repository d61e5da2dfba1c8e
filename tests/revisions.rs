//! Versions, incremental builds and interrupted builds, end to end: a changed plan
//! without a new version is refused and nothing on disk changes; a contact-detail change
//! renews only the invitations; version 1 is untouched by building version 2, whose plan
//! lists what changed; a build killed with SIGKILL never leaves a truncated file and the
//! next build completes; the calendar file parses with an independent parser.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{ROOT, pdf_raw_text, peter, snapshot};

fn samplan(args: &[&str], cases: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samplan")).args(args).arg("-o").arg(out).arg(cases).output().unwrap()
}

fn setup(text: &str) -> (tempfile::TempDir, PathBuf, tempfile::TempDir) {
    let cases = tempfile::tempdir().unwrap();
    let file = cases.path().join("peter.yaml");
    std::fs::write(&file, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let built = samplan(&["build"], cases.path(), out.path());
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    (cases, file, out)
}

fn pdf_text(pdf: &Path) -> String {
    pdf_raw_text(pdf).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_changed_plan_without_a_new_version_is_refused_and_nothing_changes() {
    let (cases, file, out) = setup(&peter());
    let before = snapshot(out.path());
    std::fs::write(&file, peter().replace("Peter kan gå kortare sträckor med rollator.", "Peter kan gå till affären."))
        .unwrap();
    let second = samplan(&["build"], cases.path(), out.path());
    assert_eq!(second.status.code(), Some(1));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains(
            "planen har ändrats men versionen är fortfarande 2: höj version och lägg till en rad i revisioner"
        ),
        "{err}"
    );
    assert_eq!(snapshot(out.path()), before, "nothing on disk may change");
    // --force does not get round it either.
    assert_eq!(samplan(&["build", "--force"], cases.path(), out.path()).status.code(), Some(1));
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn a_new_phone_number_renews_invitations_but_not_the_plan_version() {
    let (cases, file, out) = setup(&peter());
    let version = out.path().join("KLM-2026-0042/v2");
    let meeting = out.path().join("KLM-2026-0042/mote-3");
    let (plan_before, letters_before) = (snapshot(&version), snapshot(&meeting));
    std::fs::write(&file, peter().replace("0480-11 11 11", "0480-99 99 99")).unwrap();
    let second = samplan(&["build"], cases.path(), out.path());
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    assert_eq!(snapshot(&version), plan_before, "the plan version stays byte for byte, manifest and all");
    let letters_after = snapshot(&meeting);
    assert_ne!(letters_before[Path::new("kallelse-anna.pdf")], letters_after[Path::new("kallelse-anna.pdf")]);
    assert!(pdf_text(&meeting.join("kallelse-anna.pdf")).contains("0480-99 99 99"));
    assert!(pdf_text(&version.join("plan.pdf")).contains("0480-11 11 11"), "the plan as sent keeps its content");
}

#[test]
fn version_1_is_untouched_by_version_2_whose_plan_lists_the_changes() {
    // Version 1 of Peter's plan: no goal fulfilment yet, no economy goal.
    let v1 = peter()
        .replacen("version: 2\n", "version: 1\n", 1)
        .replace("      måluppfyllelse: delvis uppfyllt\n      kommentar: Lägenhet erbjuden från 1 juli.\n", "")
        .replace("      måluppfyllelse: uppfyllt\n", "")
        .replace("          klart: 2026-05-31\n", "          klart: 2026-04-30\n");
    let v1 = {
        let start = v1.find("    - id: ekonomi").unwrap();
        let end = v1.find("  läkemedel:").unwrap();
        let mut s = v1.clone();
        s.replace_range(start..end, "");
        let rev = s.find("  - version: 2\n").unwrap();
        s.truncate(rev);
        s.replace("    datum: 2026-09-15\n    kallas_av: lisa", "    datum: 2026-06-15\n    kallas_av: lisa")
    };
    let (cases, file, out) = setup(&v1);
    let v1_dir = out.path().join("KLM-2026-0042/v1");
    let v1_before = snapshot(&v1_dir);
    assert!(v1_before.contains_key(Path::new("plan.pdf")));
    std::fs::write(&file, peter()).unwrap();
    let second = samplan(&["build"], cases.path(), out.path());
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    assert_eq!(snapshot(&v1_dir), v1_before, "version 1's files must stay byte-identical");
    let plan = pdf_text(&out.path().join("KLM-2026-0042/v2/plan.pdf"));
    // `samplan data` prints the JSON the build rendered, changes included.
    let data = Command::new(env!("CARGO_BIN_EXE_samplan"))
        .args(["data", "-o"])
        .arg(out.path())
        .arg(&file)
        .arg("plan")
        .output()
        .unwrap();
    assert!(data.status.success(), "{}", String::from_utf8_lossy(&data.stderr));
    let data: serde_json::Value = serde_json::from_slice(&data.stdout).unwrap();
    assert_eq!(data["ändringar"]["sedan_version"], 1);
    assert!(
        data["ändringar"]["lista"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "Nytt mål: Peter har en inkomst och en plan för sina skulder.")
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let fresh = Command::new(env!("CARGO_BIN_EXE_samplan"))
        .args(["data", "-o"])
        .arg(elsewhere.path())
        .arg(&file)
        .arg("plan")
        .output()
        .unwrap();
    let fresh: serde_json::Value = serde_json::from_slice(&fresh.stdout).unwrap();
    assert!(fresh["ändringar"].is_null(), "no earlier version in that folder");
    for change in [
        "Ändringar sedan version 1",
        "Måluppfyllelse för ”Peter har en egen bostad med det stöd han behöver.”: delvis uppfyllt",
        "Insatsen ”Utreda och besluta om boendestöd” ändrades: klart senast 2026-04-30 → 2026-05-31",
        "Nytt mål: Peter har en inkomst och en plan för sina skulder.",
    ] {
        assert!(plan.contains(change), "”{change}” missing");
    }
}

#[test]
fn a_no_op_rebuild_writes_nothing() {
    let (cases, _file, out) = setup(&peter());
    let before = snapshot(out.path());
    let again = samplan(&["build"], cases.path(), out.path());
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 filer skrivna"));
    assert_eq!(snapshot(out.path()), before);
}

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

#[test]
fn a_build_killed_at_random_moments_never_leaves_a_truncated_file() {
    let cases = tempfile::tempdir().unwrap();
    for name in ["peter-kalmar", "viola-kalmar", "ylva-kalmar", "lena-vgr", "jonas-stockholm-stad", "birgitta-halland"]
    {
        std::fs::copy(Path::new(ROOT).join(format!("cases/{name}.yaml")), cases.path().join(format!("{name}.yaml")))
            .unwrap();
    }
    // How long a whole build of these cases takes on this machine: the kills are spread
    // over that time, so they land mid-way on a fast machine as on a slow one.
    let timing = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    assert!(samplan(&["build"], cases.path(), timing.path()).status.success());
    let span = (started.elapsed().as_millis() as u64).max(20);
    let out = tempfile::tempdir().unwrap();
    let mut seed: u64 = 0x5eed;
    let mut killed = 0;
    let mut round = 0;
    while killed < 24 && round < 120 {
        // A clean start every few rounds, so kills land early in a build as well as late
        // (a version's plan documents, once written, are not rendered again).
        if round % 4 == 0 {
            for entry in std::fs::read_dir(out.path()).unwrap() {
                std::fs::remove_dir_all(entry.unwrap().path()).unwrap();
            }
        }
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let delay = std::time::Duration::from_millis(1 + (seed >> 33) % span);
        let mut child = Command::new(env!("CARGO_BIN_EXE_samplan"))
            .args(["build", "--force", "-o"])
            .arg(out.path())
            .arg(cases.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
        for entry in walkdir::WalkDir::new(out.path()).into_iter().filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file() && !name.ends_with(".tmp") {
                assert!(complete(entry.path()), "round {round}: {} is truncated", entry.path().display());
            }
        }
        round += 1;
    }
    assert!(killed >= 20, "only {killed} of {round} builds were killed mid-way (a whole build: {span} ms)");
    let finish = samplan(&["build"], cases.path(), out.path());
    assert!(finish.status.success(), "{}", String::from_utf8_lossy(&finish.stderr));
    for entry in walkdir::WalkDir::new(out.path()).into_iter().filter_map(Result::ok) {
        assert!(!entry.file_name().to_string_lossy().ends_with(".tmp"), "a temporary file was left");
        if entry.file_type().is_file() {
            assert!(complete(entry.path()));
        }
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("KLM-2026-0042/v2/manifest.json")).unwrap()).unwrap();
    for f in manifest["filer"].as_array().unwrap() {
        let bytes = std::fs::read(out.path().join("KLM-2026-0042/v2").join(f["namn"].as_str().unwrap())).unwrap();
        assert_eq!(f["sha256"].as_str().unwrap(), samplan::output::sha256(&bytes));
    }
}

#[test]
fn the_calendar_file_parses_with_python_icalendar() {
    let (_cases, _file, out) = setup(&peter());
    let ics = out.path().join("KLM-2026-0042/mote-3/mote.ics");
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = [c for c in cal.walk('VEVENT')]
assert len(events) == 1, events
e = events[0]
start, end = e.decoded('DTSTART'), e.decoded('DTEND')
print(start.isoformat(), end.isoformat(), str(e.get('LOCATION')), str(e.get('ORGANIZER')), len(e.get('ATTENDEE')), str(e.get('UID')))
"#;
    let run = Command::new("python3").arg("-c").arg(script).arg(&ics).output().expect("python3");
    assert!(run.status.success(), "python icalendar failed: {}", String::from_utf8_lossy(&run.stderr));
    let printed = String::from_utf8_lossy(&run.stdout);
    assert!(printed.starts_with("2026-09-15T10:00:00+02:00 2026-09-15T11:00:00+02:00 Vårdcentralen Kalmar, rum 3 mailto:lisa.lind@example.se 3 KLM-2026-0042-mote3@samplan"), "{printed}");
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(!text.contains("19710315"), "no personnummer in the calendar file");
    assert!(!text.contains("Peter"), "the calendar entry does not name the person");
}

/// UID, SEQUENCE, METHOD and start of the one event in a calendar file, read by python's
/// icalendar.
fn calendar_event(ics: &Path) -> String {
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
e = [c for c in cal.walk('VEVENT')][0]
print(str(e.get('UID')), int(e.get('SEQUENCE')), str(cal.get('METHOD')), e.decoded('DTSTART').isoformat())
"#;
    let run = Command::new("python3").arg("-c").arg(script).arg(ics).output().expect("python3");
    assert!(run.status.success(), "python icalendar failed: {}", String::from_utf8_lossy(&run.stderr));
    String::from_utf8_lossy(&run.stdout).trim().to_string()
}

#[test]
fn a_moved_meeting_is_the_same_calendar_event_with_a_higher_sequence() {
    let (cases, file, out) = setup(&peter());
    let ics = out.path().join("KLM-2026-0042/mote-3/mote.ics");
    assert_eq!(calendar_event(&ics), "KLM-2026-0042-mote3@samplan 0 REQUEST 2026-09-15T10:00:00+02:00");
    // Nothing changed: the file, and its sequence, stay.
    assert!(samplan(&["build", "--force"], cases.path(), out.path()).status.success());
    assert_eq!(calendar_event(&ics), "KLM-2026-0042-mote3@samplan 0 REQUEST 2026-09-15T10:00:00+02:00");
    // Moved a week: the same event, one step further on.
    let moved =
        peter().replace("    datum: 2026-09-15\n    tid: \"10:00\"", "    datum: 2026-09-22\n    tid: \"10:00\"");
    assert_ne!(moved, peter());
    std::fs::write(&file, &moved).unwrap();
    assert!(samplan(&["build"], cases.path(), out.path()).status.success());
    assert_eq!(calendar_event(&ics), "KLM-2026-0042-mote3@samplan 1 REQUEST 2026-09-22T10:00:00+02:00");
    // Moved back in time of day: once more.
    std::fs::write(
        &file,
        moved.replace("    datum: 2026-09-22\n    tid: \"10:00\"", "    datum: 2026-09-22\n    tid: \"09:00\""),
    )
    .unwrap();
    assert!(samplan(&["build"], cases.path(), out.path()).status.success());
    assert_eq!(calendar_event(&ics), "KLM-2026-0042-mote3@samplan 2 REQUEST 2026-09-22T09:00:00+02:00");
}

#[test]
fn a_new_deviation_report_needs_no_new_version_and_leaves_the_plan_as_it_was() {
    let (cases, file, out) = setup(&peter());
    let version = out.path().join("KLM-2026-0042/v2");
    let before = snapshot(&version);
    let reported = peter().replace(
        "revisioner:\n",
        "avvikelser:\n  - datum: 2026-06-16\n    typ: planen-följs-inte\n    gäller: soc-kalmar\n    beskrivning: Ansökan om ekonomiskt bistånd har inte skickats.\n    rapporterad_av: lisa\n\nrevisioner:\n",
    );
    assert_ne!(reported, peter());
    std::fs::write(&file, reported).unwrap();
    let second = samplan(&["build"], cases.path(), out.path());
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    let after = snapshot(&version);
    for (name, bytes) in &before {
        if name.to_string_lossy().starts_with("plan") {
            assert!(after[name] == *bytes, "{} was rewritten", name.display());
        }
    }
    let report = pdf_text(&out.path().join("KLM-2026-0042/avvikelse-1.pdf"));
    assert!(report.contains("Kalmar kommun, socialförvaltningen"), "{report}");
    assert!(report.contains("Planen, version 2"), "{report}");
}
