//! End-to-end tests of the PDF documents: every example case is built once, and each
//! PDF is read back (pdftotext in content-stream order, pdfinfo, qpdf) and checked for
//! what must be in it, what must not, and the standards it claims.

use std::path::{Path, PathBuf};
use std::process::Command;

use samplan::case::{CaseFile, PlanCase};
use samplan::check::check_file;
use samplan::document::invitation::invited_ids;
use samplan::document::plan::copy_organisations;

mod common;
use common::{PRINT_ONLY_HEADINGS, ROOT, built_examples, outline, pdf_raw_text, snapshot};

/// Every example plan case, the one whose first meeting is only called too.
fn all_plan_cases() -> Vec<PlanCase> {
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(Path::new(ROOT).join("cases")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let checked = check_file(&path).unwrap();
            if let Some(CaseFile::Plan(p)) = checked.valid_case() {
                cases.push((**p).clone());
            }
        }
    }
    assert!(cases.len() >= 9);
    cases
}

/// The example plan cases that have a plan.
fn plan_cases() -> Vec<PlanCase> {
    all_plan_cases().into_iter().filter(|c| c.plan.is_some()).collect()
}

/// The folder of the last meeting's invitations and calendar file.
fn meeting_dir(case: &PlanCase) -> PathBuf {
    built_examples().join(&case.case_id).join(format!("mote-{}", case.meetings.len()))
}

fn case_dir(case: &PlanCase) -> PathBuf {
    built_examples().join(&case.case_id).join(format!("v{}", case.version))
}

/// The text of a PDF in content-stream order, page furniture removed, white space folded.
fn text(pdf: &Path) -> String {
    let raw = pdf_raw_text(pdf);
    let kept: Vec<&str> = raw.lines().filter(|l| !is_page_furniture(l)).collect();
    kept.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Footer ("Ärende … · version … Sida 1 av 3") and the copy mark in the page header.
fn is_page_furniture(line: &str) -> bool {
    let footer = line.contains(" · version ") && line.contains(" Sida ");
    footer || line.starts_with("Kopia för ")
}

fn has(haystack: &str, needle: &str, what: &str) {
    let needle = needle.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(haystack.contains(&needle), "{what}: ”{needle}” is missing");
}

fn all_pdfs() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "pdf") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(built_examples(), &mut out);
    out.sort();
    out
}

#[test]
fn the_plan_and_every_copy_hold_every_goal_intervention_and_participant() {
    for case in plan_cases() {
        let dir = case_dir(&case);
        let mut docs = vec![("plan.pdf".to_string(), None)];
        for org in copy_organisations(&case) {
            docs.push((format!("plan-kopia-{}.pdf", org.id), Some(org.name.clone())));
        }
        assert_eq!(docs.len(), 1 + case.consent.as_ref().unwrap().covers.len());
        for (name, copy_for) in docs {
            let t = text(&dir.join(&name));
            let what = format!("{} {name}", case.case_id);
            has(&t, &case.person.name, &what);
            for goal in &case.plan.as_ref().unwrap().goals {
                has(&t, &goal.text, &what);
                for iv in &goal.interventions {
                    has(&t, &iv.what, &what);
                }
            }
            for p in &case.participants {
                has(&t, &p.name, &what);
            }
            let coordinator = case.participants.iter().find(|p| Some(&p.id) == case.coordinator.as_ref()).unwrap();
            if let Some(phone) = &coordinator.phone {
                has(&t, &format!("Telefon: {phone}"), &what);
            }
            has(&t, &format!("Ärende {}", case.case_id).replace("Ärende ", ""), &what);
            if let Some(org) = copy_for {
                has(&t, &format!("Kopia för {org}"), &what);
            }
        }
    }
}

/// Each page's raw text (pdftotext separates pages with a form feed).
fn pages(pdf: &Path) -> Vec<String> {
    pdf_raw_text(pdf).split('\u{c}').filter(|p| !p.trim().is_empty()).map(str::to_string).collect()
}

#[test]
fn every_page_of_a_copy_says_whose_copy_it_is_and_the_original_says_it_is_the_original() {
    for case in plan_cases() {
        let dir = case_dir(&case);
        let original = pages(&dir.join("plan.pdf"));
        assert!(original[0].contains("Original"), "{}: plan.pdf does not say it is the original", case.case_id);
        assert!(
            original.iter().all(|p| !p.contains("Kopia för")),
            "{}: the original is marked as a copy",
            case.case_id
        );
        for org in copy_organisations(&case) {
            let copy = pages(&dir.join(format!("plan-kopia-{}.pdf", org.id)));
            for (n, page) in copy.iter().enumerate() {
                let folded = page.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    folded.contains(&format!("Kopia för {}", org.name)),
                    "{} {}: page {} lacks the copy mark",
                    case.case_id,
                    org.id,
                    n + 1
                );
            }
            assert!(!copy[0].contains("Original\n"), "{} {}: a copy says it is the original", case.case_id, org.id);
        }
    }
}

#[test]
fn every_invitation_names_its_addressee_the_time_and_the_place() {
    for case in all_plan_cases() {
        let dir = meeting_dir(&case);
        let meeting = case.meetings.last().unwrap();
        let date = meeting.date.parse().unwrap();
        let time = samplan::document::data::time_span_text(meeting.start.as_ref(), meeting.end.as_ref()).unwrap();
        let mut letters: Vec<(String, String)> = invited_ids(&case, meeting)
            .into_iter()
            .map(|id| {
                let name = case
                    .participants
                    .iter()
                    .map(|p| (&p.id, &p.name))
                    .chain(case.person.representatives.iter().map(|r| (&r.id, &r.name)))
                    .chain(case.person.relatives.iter().map(|r| (&r.id, &r.name)))
                    .find(|(i, _)| **i == id)
                    .map(|(_, n)| n.clone())
                    .unwrap();
                (format!("kallelse-{id}.pdf"), name)
            })
            .collect();
        letters.push(("kallelse-person.pdf".into(), case.person.name.clone()));
        for (file, addressee) in letters {
            let t = text(&dir.join(&file));
            let what = format!("{} {file}", case.case_id);
            has(&t, &addressee, &what);
            has(&t, &format!("{} {time}", date.with_weekday_sv()), &what);
            let place = meeting.place.as_deref().or(meeting.link.as_deref()).unwrap();
            // The person's own letter says "du": "Hemma hos Birgitta" is "Hemma hos dig".
            let place = if file == "kallelse-person.pdf" {
                samplan::document::invitation::to_the_person(place, &case)
            } else {
                place.to_string()
            };
            has(&t, &place, &what);
            // No health or social details and no personnummer in an invitation.
            if let Some(plan) = &case.plan {
                let situation: String = plan.present_situation.clone().unwrap().chars().take(40).collect();
                assert!(
                    !t.contains(situation.split_whitespace().collect::<Vec<_>>().join(" ").as_str()),
                    "{what} leaks nuläge"
                );
            }
            if let Some(n) = &case.person.personal_number {
                assert!(!t.contains(n.as_str()), "{what} leaks the personnummer");
            }
        }
        let person_letter = text(&dir.join("kallelse-person.pdf"));
        assert!(person_letter.contains("Du är inbjuden"), "{}", case.case_id);
    }
}

#[test]
fn text_that_means_something_to_typst_appears_literally() {
    let samir = plan_cases().into_iter().find(|c| c.case_id == "NAT-2026-0007").unwrap();
    let plan = text(&case_dir(&samir).join("plan.pdf"));
    for literal in ["#read(\"/etc/passwd\")", "<arbete> @ref \\ {mål}"] {
        has(&plan, literal, "plan");
    }
    assert!(!plan.contains("root:x:0:0"), "a file was read into the plan");
    let letter = text(&meeting_dir(&samir).join("kallelse-ida.pdf"));
    for literal in ["*minst* 50 % – $ i plånboken!", "rum #4 (ingång {B})"] {
        has(&letter, literal, "kallelse");
    }
}

#[test]
fn leaflets_have_every_section_and_the_senders_contacts() {
    for entry in std::fs::read_dir(built_examples().join("information")).unwrap() {
        let dir = entry.unwrap().path();
        let t = text(&dir.join("information.pdf"));
        for heading in [
            "Vad är en SIP?",
            "Vem kan få en SIP?",
            "Hur ber jag om en SIP?",
            "Ditt samtycke",
            "Mötet",
            "Samordnaren",
            "Uppföljning",
            "Om du inte är nöjd",
            "Kontakta oss",
        ] {
            has(&t, heading, &dir.display().to_string());
        }
        has(&t, "Telefon:", &dir.display().to_string());
    }
}

fn pdfinfo(pdf: &Path, meta: bool) -> String {
    let mut cmd = Command::new("pdfinfo");
    if meta {
        cmd.arg("-meta");
    }
    let out = cmd.arg(pdf).output().expect("pdfinfo (poppler-utils) must be installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn every_pdf_passes_qpdf_is_tagged_and_declares_pdfa_2a_and_pdfua_1() {
    // Every PDF that is read: the post room's print file (`utskrift.pdf`) is a print
    // job of letters that are each in their folder as tagged PDFs, and is checked on its
    // own below.
    let pdfs: Vec<PathBuf> = all_pdfs().into_iter().filter(|p| !p.ends_with("utskrift.pdf")).collect();
    assert!(pdfs.len() >= 80, "only {} PDFs", pdfs.len());
    for pdf in pdfs {
        let out = Command::new("qpdf").arg("--check").arg(&pdf).output().expect("qpdf must be installed");
        assert!(out.status.success(), "qpdf --check {}: {}", pdf.display(), String::from_utf8_lossy(&out.stdout));
        let info = pdfinfo(&pdf, false);
        assert!(info.contains("Tagged:          yes"), "{} is not tagged", pdf.display());
        let title = info.lines().find(|l| l.starts_with("Title:")).unwrap_or("");
        assert!(title.len() > "Title:".len() + 5, "{} has no title", pdf.display());
        let xmp = pdfinfo(&pdf, true);
        for claim in [
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>A</pdfaid:conformance>",
            "<pdfuaid:part>1</pdfuaid:part>",
            language_claim(&pdf).as_str(),
        ] {
            assert!(xmp.contains(claim), "{} lacks {claim}", pdf.display());
        }
    }
}

#[test]
fn metadata_never_holds_a_personnummer_and_dates_are_the_documents_own() {
    let peter = plan_cases().into_iter().find(|c| c.case_id == "KLM-2026-0042").unwrap();
    let plan = case_dir(&peter).join("plan.pdf");
    let info = pdfinfo(&plan, false) + &pdfinfo(&plan, true);
    assert!(!info.contains("19710315"), "personnummer in metadata");
    assert!(info.contains("CreationDate:    Mon Jun 15 00:00:00 2026"), "{info}");
}

#[test]
fn two_builds_give_identical_bytes() {
    let second = tempfile::tempdir().unwrap();
    let out = common::build(&Path::new(ROOT).join("cases"), second.path());
    assert!(out.status.success());
    let a = snapshot(built_examples());
    let b = snapshot(second.path());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{} differs between builds", name.display());
    }
}

#[test]
fn inspect_traces_a_pdf_to_its_case_version_and_recipient() {
    let peter = plan_cases().into_iter().find(|c| c.case_id == "KLM-2026-0042").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_samplan"))
        .arg("inspect")
        .arg(case_dir(&peter).join("plan-kopia-rehab.pdf"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}");
    for line in [
        "Dokument:       plan-kopia (plan-kopia-rehab)",
        "Ärende:         KLM-2026-0042",
        "Version:        2",
        "Mottagare:      rehab",
    ] {
        assert!(report.contains(line), "{report}");
    }
    let pages: usize = report.lines().find_map(|l| l.strip_prefix("Sidor:")).unwrap().trim().parse().unwrap();
    assert!(pages >= 2);
}

#[test]
fn the_manifest_lists_every_file_with_its_hash() {
    let peter = plan_cases().into_iter().find(|c| c.case_id == "KLM-2026-0042").unwrap();
    let dir = case_dir(&peter);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let files = manifest["filer"].as_array().unwrap();
    let on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "manifest.json")
        .collect();
    assert_eq!(files.len(), on_disk.len());
    for f in files {
        let name = f["namn"].as_str().unwrap();
        let bytes = std::fs::read(dir.join(name)).unwrap();
        assert_eq!(f["sha256"].as_str().unwrap(), samplan::output::sha256(&bytes), "{name}");
    }
    assert_eq!(manifest["ärende"], "KLM-2026-0042");
    assert!(manifest["motor"].as_str().unwrap().starts_with("samplan "));
    assert_eq!(manifest["innehållshash"].as_str().unwrap().len(), 64);
}

fn build_with_templates(template: &str) -> (bool, String) {
    let tdir = tempfile::tempdir().unwrap();
    std::fs::write(tdir.path().join("plan.typ"), template).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_samplan"))
        .args(["build", "--templates"])
        .arg(tdir.path())
        .arg("-o")
        .arg(out_dir.path())
        .arg(Path::new(ROOT).join("cases/peter-kalmar.yaml"))
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_template_cannot_read_outside_its_folder() {
    for attempt in [
        "#read(\"/etc/passwd\")",
        "#read(\"../../../../etc/passwd\")",
        "#import \"@preview/example:0.1.0\": *",
        "#image(\"/proc/self/environ\")",
    ] {
        let (ok, err) = build_with_templates(attempt);
        assert!(!ok, "{attempt} was allowed");
        assert!(err.contains("plan.typ") && err.contains("mallfel"), "{attempt}: {err}");
        assert!(!err.contains("root:x:0"), "{err}");
    }
}

#[test]
fn an_organisation_can_restyle_with_its_own_template_folder() {
    let (ok, err) = build_with_templates(
        "#let data = json(\"/data.json\")\n#set document(title: \"Egen mall\", date: datetime(year: 2026, month: 1, day: 1))\n#set text(lang: \"sv\")\n= Egen mall för #data.person.namn\n",
    );
    assert!(ok, "{err}");
}

#[test]
fn a_broken_case_is_reported_and_the_others_still_build() {
    let cases = tempfile::tempdir().unwrap();
    std::fs::copy(Path::new(ROOT).join("cases/lena-vgr.yaml"), cases.path().join("lena.yaml")).unwrap();
    std::fs::copy(Path::new(ROOT).join("tests/broken/tid-25.yaml"), cases.path().join("trasig.yaml")).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = common::build(cases.path(), out_dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SIP-TID-GILTIG"), "{err}");
    assert!(out_dir.path().join("VGR-2026-0114/v1/plan.pdf").is_file());
    assert!(!out_dir.path().join("KLM-2026-0042").exists());
}

#[test]
fn the_pdf_and_the_text_of_each_document_have_the_same_headings_in_the_same_order() {
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(built_examples()).into_iter().filter_map(Result::ok) {
        let txt = entry.path();
        if txt.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(txt).unwrap();
        let in_text: Vec<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# ").or_else(|| l.strip_prefix("## ")))
            .map(str::to_string)
            .collect();
        let in_pdf: Vec<String> = outline(&txt.with_extension("pdf"))
            .into_iter()
            .filter(|h| !PRINT_ONLY_HEADINGS.contains(&h.as_str()))
            .collect();
        assert!(in_text.len() >= 3, "{}: {in_text:?}", txt.display());
        assert_eq!(in_pdf, in_text, "{}: the PDF's headings, then the text's", txt.display());
        compared += 1;
    }
    assert!(compared >= 10, "only {compared} documents have both a PDF and a text");
}

#[test]
fn a_deviation_report_goes_to_the_organisation_it_concerns_and_holds_nothing_of_the_plan() {
    let birgitta = plan_cases().into_iter().find(|c| c.case_id == "HAL-2026-0019").unwrap();
    let dir = built_examples().join(&birgitta.case_id);
    let report = text(&dir.join("avvikelse-1.pdf"));
    for words in [
        "Beroendemottagningen, Region Halland",
        "Avvikelserapport",
        "ärende HAL-2026-0019",
        "Någon som var kallad kom inte till mötet.",
        "Samordningsmöte den 2 februari 2026",
        "Beroendemottagningen kom inte till samordningsmötet trots kallelse.",
        "Sven Åkesson, sjuksköterska, Vårdcentralen Varberg",
    ] {
        has(&report, words, "avvikelse-1.pdf");
    }
    let plan = birgitta.plan.as_ref().unwrap();
    let situation: String = plan.present_situation.clone().unwrap().chars().take(30).collect();
    for secret in [situation.as_str(), &plan.goals[0].text, "19600811", &birgitta.person.name] {
        assert!(!report.contains(secret), "the report holds ”{secret}”");
    }
    // Its plain text says the same.
    let txt = std::fs::read_to_string(dir.join("avvikelse-1.txt")).unwrap();
    assert!(txt.contains("Gäller: Samordningsmöte den 2 februari 2026"), "{txt}");
    assert!(!txt.contains(&birgitta.person.name));
    // It belongs to the case, with its own manifest, not to the plan version.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let names: Vec<&str> = manifest["filer"].as_array().unwrap().iter().map(|f| f["namn"].as_str().unwrap()).collect();
    assert_eq!(names, ["avvikelse-1.pdf", "avvikelse-1.txt"]);
    assert!(!dir.join("v2/avvikelse-1.pdf").exists());
}

/// The words of a PDF's first page with their boxes in millimetres from the page's top
/// left corner, read with `pdftotext -bbox`.
fn first_page_words(pdf: &Path) -> Vec<(String, [f64; 4])> {
    let out = Command::new("pdftotext").args(["-bbox", "-f", "1", "-l", "1"]).arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext -bbox {}", pdf.display());
    let html = String::from_utf8(out.stdout).unwrap();
    let mm = |v: &str| v.parse::<f64>().unwrap() * 25.4 / 72.0;
    let attr = |line: &str, name: &str| -> f64 {
        let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        mm(&line[at..at + line[at..].find('"').unwrap()])
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let word = &l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()];
            let word = word.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
            (word, [attr(l, "xMin"), attr(l, "yMin"), attr(l, "xMax"), attr(l, "yMax")])
        })
        .collect()
}

/// The window of a C5 window envelope (left window: 15 mm from the left edge, 44 mm from
/// the top, 105 × 35 mm), where a posted letter's address must show.
const WINDOW: [f64; 4] = [15.0, 44.0, 120.0, 79.0];

#[test]
fn every_posted_letter_shows_its_address_in_the_envelopes_window() {
    let mut posted = 0;
    for case in all_plan_cases() {
        for (n, deviation) in case.deviations.iter().enumerate() {
            let pdf = built_examples().join(&case.case_id).join(format!("avvikelse-{}.pdf", n + 1));
            let to = case.organisations.iter().find(|o| Some(&o.id) == deviation.concerns.as_ref()).unwrap();
            in_the_window(&pdf, &to.name, "Avvikelserapport");
            posted += 1;
        }
        let dir = meeting_dir(&case);
        let last = case.meetings.last().unwrap();
        // A held meeting's letters are history, written before the check asked for
        // every posted letter's address.
        if samplan::document::plan::meeting_held(&case, case.meetings.len()) {
            continue;
        }
        let mut letters: Vec<(String, String)> = invited_ids(&case, last)
            .into_iter()
            .filter(|id| samplan::document::invitation::by_post(&case, id))
            .map(|id| (format!("kallelse-{id}.pdf"), id))
            .collect();
        for form in ["", "-lattlast", "-storstil"] {
            let file = format!("kallelse-person{form}.pdf");
            if dir.join(&file).exists() {
                letters.push((file, "personen".into()));
            }
        }
        for (file, id) in letters {
            let name = match id.as_str() {
                "personen" => case.person.name.clone(),
                _ => samplan::document::data::invitee_card(&case, &id).namn,
            };
            in_the_window(&dir.join(&file), &name, "Du");
            posted += 1;
        }
    }
    assert!(posted >= 9, "only {posted} posted letters among the examples");
}

/// That the first page of `pdf` shows `name` and an address ending in "postnummer ort"
/// in the envelope's window, nothing beside or below it until the title (whose first
/// word is `title` or, for staff, "Kallelse"/"Inbjudan"), and no word across its edge.
fn in_the_window(pdf: &Path, name: &str, title: &str) {
    let what = pdf.display().to_string();
    let words = first_page_words(pdf);
    let inside = |b: &[f64; 4]| b[0] >= WINDOW[0] && b[1] >= WINDOW[1] && b[2] <= WINDOW[2] && b[3] <= WINDOW[3];
    let shown: Vec<&str> = words.iter().filter(|(_, b)| inside(b)).map(|(w, _)| w.as_str()).collect();
    let window_text = shown.join(" ");
    assert!(window_text.starts_with(name), "{what}: the window shows {window_text:?}, not {name}");
    assert!(has_postcode_and_town(&window_text), "{what}: no \"postnummer ort\" in the window: {window_text:?}");
    let crossing = words.iter().filter(|(_, b)| {
        let overlaps = b[2] > WINDOW[0] && b[0] < WINDOW[2] && b[3] > WINDOW[1] && b[1] < WINDOW[3];
        overlaps && !inside(b)
    });
    assert_eq!(crossing.count(), 0, "{what}: a word crosses the window's edge");
    // Above the window only the letterhead, date and case line; beside and below it
    // nothing until the title, which starts below the window.
    let misplaced: Vec<&str> = words
        .iter()
        .filter(|(_, b)| !(b[3] < WINDOW[1] || inside(b) || b[1] > WINDOW[3]))
        .map(|(w, _)| w.as_str())
        .collect();
    assert!(misplaced.is_empty(), "{what}: beside the window: {misplaced:?}");
    let first = words.iter().find(|(_, b)| b[1] > WINDOW[3]).map(|(w, _)| w.as_str());
    assert!(
        first == Some(title) || matches!(first, Some("Kallelse" | "Inbjudan")),
        "{what}: {first:?} first below the window"
    );
}

/// Whether `text` ends with a Swedish postcode and town: `392 31 Kalmar`.
fn has_postcode_and_town(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(3).any(|w| {
        w[0].len() == 3
            && w[0].chars().all(|c| c.is_ascii_digit())
            && w[1].len() == 2
            && w[1].chars().all(|c| c.is_ascii_digit())
    })
}

/// Whom a letter goes to by post, read from the case file as the issue states it: the
/// person, representatives and relatives always; staff without an e-mail address or
/// with `utskick: post`.
fn goes_by_post(case: &PlanCase, id: &str) -> bool {
    match case.participants.iter().find(|p| p.id == id) {
        Some(p) => {
            p.delivery == Some(samplan::case::Delivery::Post) || p.email.as_deref().is_none_or(|e| e.trim().is_empty())
        }
        None => true,
    }
}

/// One page of a PDF as text.
fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    let out = Command::new("pdftotext").args(["-layout", "-f", &n, "-l", &n]).arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext {} page {page}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

/// The language a PDF's metadata should declare: the code before `.pdf` of a document in
/// the person's language (`kallelse-person.fi.pdf`), else Swedish.
fn language_claim(pdf: &Path) -> String {
    let stem = pdf.file_stem().unwrap_or_default().to_string_lossy().to_string();
    let code = stem.rsplit_once('.').map(|(_, code)| code.to_string());
    format!("<rdf:li>{}</rdf:li>", code.unwrap_or_else(|| "sv-SE".to_string()))
}

fn page_count(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line["Pages:".len()..].trim().parse().unwrap()
}

#[test]
fn each_meeting_has_a_print_file_of_its_posted_letters_each_starting_on_a_front_side() {
    let mut checked = 0;
    for case in all_plan_cases() {
        let dir = meeting_dir(&case);
        let last = case.meetings.last().unwrap();
        // The person's letter in each of its printed forms first, then the others in
        // the order they are invited.
        let mut expected: Vec<(String, String)> = Vec::new();
        // The person's letter in each of its printed forms, then the same in the
        // person's language (`person.språk`), when it has one.
        let languages = [String::new()].into_iter().chain(case.person.language.iter().map(|code| format!(".{code}")));
        for language in languages {
            for form in ["", "-lattlast", "-storstil"] {
                let file = format!("kallelse-person{form}{language}.pdf");
                if dir.join(&file).exists() {
                    expected.push((file, case.person.name.clone()));
                }
            }
        }
        for id in invited_ids(&case, last).into_iter().filter(|id| goes_by_post(&case, id)) {
            expected.push((format!("kallelse-{id}.pdf"), samplan::document::data::invitee_card(&case, &id).namn));
        }
        let print = dir.join("utskrift.pdf");
        let what = print.display().to_string();
        let qpdf = Command::new("qpdf").arg("--check").arg(&print).output().unwrap();
        assert!(qpdf.status.success(), "{what}: {}", String::from_utf8_lossy(&qpdf.stdout));
        // The cover in reading order, cell after cell, a file name broken at its hyphen
        // joined again.
        let cover = page_text(&print, 1);
        assert!(cover.contains("Utskrift till posten"), "{what}: no cover sheet");
        let raw = Command::new("pdftotext").args(["-raw", "-f", "1", "-l", "1"]).arg(&print).arg("-").output().unwrap();
        let raw = String::from_utf8(raw.stdout).unwrap().replace("-\n", "-").replace('\n', " ");
        // Each letter in its place: the cover names it with its recipient and the page
        // it starts on, which is a front side whose text is the letter's first page.
        let mut page = 3;
        let mut rest = raw.split_once("Börjar på sida").unwrap_or_else(|| panic!("{what}: no table:\n{cover}")).1;
        for (i, (file, name)) in expected.iter().enumerate() {
            let letter = dir.join(file);
            let pages = page_count(&letter);
            let row = format!("{name} ");
            let at = rest.find(&row).unwrap_or_else(|| panic!("{what}: no row for {name} ({file}) in order: {raw}"));
            rest = &rest[at + row.len()..];
            let at = rest.find(file.as_str()).unwrap_or_else(|| panic!("{what}: {name}'s row does not name {file}"));
            rest = &rest[at + file.len()..];
            let numbers: Vec<&str> = rest.split_whitespace().take(2).collect();
            let want = [pages.to_string(), page.to_string()];
            assert_eq!(numbers, want, "{what}: {file} should be {pages} pages from page {page}");
            assert_eq!(page % 2, 1, "{what}: {file} starts on a back side");
            for p in 0..pages {
                assert_eq!(
                    page_text(&print, page + p),
                    page_text(&letter, p + 1),
                    "{what}: page {} is not {file}",
                    page + p
                );
            }
            if pages % 2 == 1 && i + 1 < expected.len() {
                assert_eq!(page_text(&print, page + pages).trim(), "", "{what}: the back of {file} is not blank");
            }
            page += pages.next_multiple_of(2);
            checked += 1;
        }
        let (file, _) = expected.last().unwrap();
        let last_pages = page_count(&dir.join(file));
        assert_eq!(
            page_count(&print),
            page - last_pages.next_multiple_of(2) + last_pages - 1,
            "{what}: pages beyond the letters"
        );
    }
    assert!(checked >= 30, "only {checked} posted letters in the examples' print files");
}
