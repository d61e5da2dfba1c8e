//! End-to-end tests of the easy-read (lättläst) and large-print (storstil) documents:
//! read back from the PDFs, every goal appears in its easy-read wording, no
//! abbreviation from the deny-list appears, text is at least 16 pt (18 pt for large
//! print) and no line is longer than 65 characters; the fixed easy-read texts have LIX
//! at most 25; and a person who asks for every form gets them all in one build.

use std::path::{Path, PathBuf};
use std::process::Command;

use samplan::case::{CaseFile, Format, PlanCase};
use samplan::check::check_file;

mod common;
use common::{ROOT, built_examples, pdf_raw_text};

/// Abbreviations that easy-read text must not use.
const DENY: &[&str] = &[
    "t.ex.", "bl.a.", "m.m.", "osv", "o.s.v.", "dvs", "d.v.s.", "kl.", "ca.", "etc.", "resp.", "s.k.", "m.fl.",
    "p.g.a.", "fr.o.m.",
];

/// Atkinson Hyperlegible's glyph box is 1.24 em high, as pdftotext -bbox reports it.
const BOX_PER_POINT: f64 = 1.24;

fn easy_read_cases() -> Vec<PlanCase> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(Path::new(ROOT).join("cases")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml")
            && let Some(CaseFile::Plan(p)) = check_file(&path).unwrap().valid_case()
            && p.person.formats.contains(&Format::EasyRead)
            && p.plan.is_some()
        {
            out.push((**p).clone());
        }
    }
    assert!(out.len() >= 3, "at least three example people ask for easy-read");
    out
}

fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Heights of every word box, in points.
fn word_heights(pdf: &Path) -> Vec<f64> {
    let out = Command::new("pdftotext").args(["-bbox", "-enc", "UTF-8"]).arg(pdf).arg("-").output().expect("pdftotext");
    let html = String::from_utf8(out.stdout).unwrap();
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let num = |key: &str| -> f64 {
                let start = l.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
                l[start..].split('"').next().unwrap().parse().unwrap()
            };
            num("yMax") - num("yMin")
        })
        .collect()
}

fn easy_read_pdfs() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(built_examples())
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().ends_with("-lattlast.pdf")))
        .collect();
    out.sort();
    out
}

#[test]
fn every_goal_appears_in_its_easy_read_wording() {
    for case in easy_read_cases() {
        let pdf = built_examples().join(&case.case_id).join(format!("v{}", case.version)).join("plan-lattlast.pdf");
        let text = folded(&pdf_raw_text(&pdf));
        for goal in &case.plan.as_ref().unwrap().goals {
            let wording = goal.easy_read.as_deref().unwrap_or(&goal.text);
            assert!(text.contains(&folded(wording)), "{}: ”{wording}” missing", case.case_id);
            for iv in &goal.interventions {
                let wording = iv.easy_read.as_deref().unwrap_or(&iv.what);
                assert!(text.contains(&folded(wording)), "{}: ”{wording}” missing", case.case_id);
            }
        }
        let coordinator = case.participants.iter().find(|p| Some(&p.id) == case.coordinator.as_ref()).unwrap();
        let first_page =
            Command::new("pdftotext").args(["-f", "1", "-l", "1", "-raw"]).arg(&pdf).arg("-").output().unwrap();
        let first_page = folded(&String::from_utf8_lossy(&first_page.stdout));
        assert!(first_page.contains(&coordinator.name), "{}: the coordinator is not on page 1", case.case_id);
        if let Some(phone) = &coordinator.phone {
            assert!(first_page.contains(phone.as_str()), "{}: the coordinator's phone is not on page 1", case.case_id);
        }
    }
}

#[test]
fn easy_read_documents_use_no_abbreviations() {
    let pdfs = easy_read_pdfs();
    assert!(pdfs.len() >= 9, "{} easy-read PDFs", pdfs.len());
    for pdf in pdfs {
        let text = pdf_raw_text(&pdf).to_lowercase();
        for word in text.split_whitespace() {
            let word = word.trim_end_matches([',', ';', ')']);
            for abbreviation in DENY {
                assert!(
                    word != *abbreviation && !word.starts_with(&format!("{abbreviation} ")),
                    "{}: ”{abbreviation}”",
                    pdf.display()
                );
            }
        }
    }
}

#[test]
fn easy_read_text_is_at_least_16_pt_and_lines_are_short() {
    for pdf in easy_read_pdfs() {
        let heights = word_heights(&pdf);
        assert!(!heights.is_empty());
        let smallest = heights.iter().cloned().fold(f64::MAX, f64::min) / BOX_PER_POINT;
        assert!(smallest >= 15.95, "{}: text at {smallest:.1} pt", pdf.display());
        for line in pdf_raw_text(&pdf).lines() {
            assert!(
                line.chars().count() <= 65,
                "{}: a line of {} characters: {line}",
                pdf.display(),
                line.chars().count()
            );
        }
    }
}

/// Each word of a PDF as (page from 1, top in millimetres, size in points), read with
/// `pdftotext -bbox`.
fn word_sizes(pdf: &Path) -> Vec<(usize, f64, f64)> {
    let out = Command::new("pdftotext").args(["-bbox", "-enc", "UTF-8"]).arg(pdf).arg("-").output().expect("pdftotext");
    let html = String::from_utf8(out.stdout).unwrap();
    let mut page = 0;
    let mut words = Vec::new();
    for l in html.lines().map(str::trim_start) {
        if l.starts_with("<page") {
            page += 1;
        } else if l.starts_with("<word") {
            let num = |key: &str| -> f64 {
                let start = l.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
                l[start..].split('"').next().unwrap().parse().unwrap()
            };
            words.push((page, num("yMin") * 25.4 / 72.0, (num("yMax") - num("yMin")) / BOX_PER_POINT));
        }
    }
    words
}

#[test]
fn large_print_is_at_least_18_pt_with_tables_as_lists() {
    let viola = built_examples().join("KLM-2026-0057");
    for name in ["v1/plan-storstil.pdf", "mote-1/kallelse-person-storstil.pdf"] {
        let pdf = viola.join(name);
        let words = word_sizes(&pdf);
        // Nothing under 16 pt, footer and letter head included; the text itself is
        // 18 pt. A letter's head (above the title, 82 mm from the top of its first
        // page) and the footer (below 273 mm) are 16 pt, so that the address fits the
        // envelope's window.
        let smallest = words.iter().map(|w| w.2).fold(f64::MAX, f64::min);
        assert!(smallest >= 15.9, "{name}: {smallest:.1} pt");
        let furniture = |(page, top, _): &(usize, f64, f64)| (*page == 1 && *top < 80.0) || *top > 272.0;
        let body: Vec<f64> = words.iter().filter(|w| !furniture(w)).map(|w| w.2).collect();
        assert!(body.len() > 100, "{name}");
        assert!(body.iter().all(|s| *s >= 17.95), "{name}: body text under 18 pt");
    }
    let plan = folded(&pdf_raw_text(&viola.join("v1/plan-storstil.pdf")));
    assert!(plan.contains("Insats: Hemtjänst morgon och kväll samt trygghetslarm"), "interventions as list items");
    assert!(!plan.contains("Insats Utförs av Ansvarig"), "no table header in large print");
}

fn fixed_texts(value: &serde_yaml::Value, path: String, out: &mut Vec<(String, String)>) {
    match value {
        serde_yaml::Value::String(s) => out.push((path, s.clone())),
        serde_yaml::Value::Sequence(items) => {
            if items.iter().all(|i| i.is_string()) {
                let joined: Vec<String> = items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect();
                out.push((path, joined.join("\n")));
            } else {
                for (n, item) in items.iter().enumerate() {
                    fixed_texts(item, format!("{path}[{n}]"), out);
                }
            }
        }
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                fixed_texts(v, format!("{path}.{}", k.as_str().unwrap_or("?")), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_fixed_easy_read_text_has_lix_at_most_25() {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(Path::new(ROOT).join("templates/lattlast.yaml")).unwrap())
            .unwrap();
    let mut texts = Vec::new();
    fixed_texts(&yaml, String::new(), &mut texts);
    assert!(texts.len() > 40);
    // Placeholders stand for short names, dates and numbers.
    let fill = |t: &str| {
        let mut t = t.to_string();
        for (k, v) in [
            ("{namn}", "Kim"),
            ("{organisation}", "Vården"),
            ("{telefon}", "010-10 10 10"),
            ("{epost}", "kim@x.se"),
            ("{version}", "2"),
            ("{nummer}", "1"),
            ("{vem}", "Kim"),
            ("{datum}", "20 mars"),
            ("{start}", "20 mars"),
            ("{slut}", "20 maj"),
            ("{tid}", "klockan 13"),
            ("{språk}", "arabiska"),
            ("{avsändare}", "Kommunen"),
            ("{webb}", "x.se"),
        ] {
            t = t.replace(k, v);
        }
        t
    };
    // A one-line frame ("Din samordnare heter Kim.") is too short for LIX to mean
    // anything on its own; it is measured with the rest of its document's texts. Every
    // multi-line block is measured by itself too.
    for (path, text) in &texts {
        if text.contains('\n') {
            let l = samplan::lix::lix(&fill(text));
            assert!(l.lix <= 25.0, "{path}: LIX {} for ”{text}”", l.lix);
        }
        let lower = text.to_lowercase();
        for abbreviation in DENY {
            assert!(!lower.split_whitespace().any(|w| w == *abbreviation), "{path}: ”{abbreviation}”");
        }
    }
    for group in ["samordnare", "plan", "kallelse", "information"] {
        let joined: Vec<String> =
            texts.iter().filter(|(p, _)| p.starts_with(&format!(".{group}"))).map(|(_, t)| fill(t)).collect();
        assert!(joined.len() >= 3, "{group}");
        let l = samplan::lix::lix(&joined.join("\n"));
        assert!(l.lix <= 25.0, "the {group} texts together have LIX {}", l.lix);
    }
    // All the running text together is easy too.
    let all: Vec<String> = texts.iter().map(|(_, t)| fill(t)).collect();
    assert!(samplan::lix::lix(&all.join("\n")).lix <= 25.0);
}

#[test]
fn a_person_who_asks_for_every_form_gets_them_all_in_one_build() {
    let cases = tempfile::tempdir().unwrap();
    let peter = std::fs::read_to_string(Path::new(ROOT).join("cases/peter-kalmar.yaml"))
        .unwrap()
        .replace("format: [lättläst, punktskrift]", "format: [lättläst, storstil, punktskrift]");
    std::fs::write(cases.path().join("peter.yaml"), peter).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = common::build(cases.path(), out_dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = out_dir.path().join("KLM-2026-0042");
    for name in [
        "v2/plan.pdf",
        "v2/plan-lattlast.pdf",
        "v2/plan-storstil.pdf",
        "v2/plan.pef",
        "v2/plan.brf",
        "v2/plan.txt",
        "mote-3/kallelse-person.pdf",
        "mote-3/kallelse-person-lattlast.pdf",
        "mote-3/kallelse-person-storstil.pdf",
        "mote-3/kallelse-person.pef",
        "mote-3/kallelse-person.brf",
        "mote-3/kallelse-person.txt",
    ] {
        assert!(dir.join(name).is_file(), "{name} missing");
    }
}

/// Every (symbol, heading) of an outline's sections, boxes included.
fn symbols_of(value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(fields) => {
            if let (Some(symbol), Some(heading)) =
                (fields.get("symbol").and_then(|s| s.as_str()), fields.get("rubrik").and_then(|s| s.as_str()))
            {
                out.push((symbol.to_string(), heading.to_string()));
            }
            fields.values().for_each(|v| symbols_of(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| symbols_of(v, out)),
        _ => {}
    }
}

#[test]
fn each_easy_read_pictogram_has_one_meaning_and_is_drawn() {
    let typst = std::fs::read_to_string(Path::new(ROOT).join("templates/lattlast.typ")).unwrap();
    let mut read = 0;
    let cases = walkdir::WalkDir::new(Path::new(ROOT).join("cases"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"));
    for case in cases {
        for doc in ["plan-lattlast", "kallelse-person-lattlast", "information-lattlast"] {
            let out = Command::new(env!("CARGO_BIN_EXE_samplan"))
                .args(["data"])
                .arg(case.path())
                .args([doc, "--innehåll"])
                .output()
                .unwrap();
            if !out.status.success() {
                continue; // the case has no such document
            }
            let outline: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let mut symbols = Vec::new();
            symbols_of(&outline, &mut symbols);
            let what = format!("{} {doc}", case.path().display());
            assert!(symbols.len() >= 3, "{what}: {symbols:?}");
            for (symbol, heading) in &symbols {
                assert!(typst.contains(&format!("  {symbol}: box(")), "{what}: no drawing for {symbol}");
                let other = symbols.iter().find(|(s, h)| s == symbol && h != heading);
                assert!(other.is_none(), "{what}: {symbol} stands for {heading:?} and {:?}", other.unwrap().1);
            }
            read += 1;
        }
    }
    assert!(read >= 10, "only {read} easy-read outlines");
}
