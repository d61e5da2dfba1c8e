//! End-to-end tests of the braille files: every PEF validates against the PEF 2008-1
//! schema (xmllint), fits its page size, and reads back (samplan's reverse table) as
//! the text it was made from; BRF files have the right shape; only people who asked
//! for braille get it.

use std::path::{Path, PathBuf};
use std::process::Command;

use samplan::braille::back::{back_translate, canonical};
use samplan::braille::table::{BLANK, Cell};

mod common;
use common::{ROOT, built_examples};

/// Every example file with extension `ext`, sorted.
fn files_with(ext: &str) -> Vec<PathBuf> {
    common::files_with(built_examples(), ext)
}

struct Pef {
    cols: usize,
    rows: usize,
    pages: Vec<Vec<Vec<Cell>>>,
}

fn attr(tag: &str, name: &str) -> usize {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    tag[start..].split('"').next().unwrap().parse().unwrap()
}

fn read_pef(path: &Path) -> Pef {
    let xml = std::fs::read_to_string(path).unwrap();
    let volume = xml.split("<volume ").nth(1).unwrap();
    let tag = volume.split('>').next().unwrap();
    let pages = xml
        .split("<page>")
        .skip(1)
        .map(|page| {
            let page = page.split("</page>").next().unwrap();
            page.split("<row>")
                .skip(1)
                .map(|row| row.split("</row>").next().unwrap().chars().map(|c| (c as u32 - 0x2800) as Cell).collect())
                .collect()
        })
        .collect();
    Pef { cols: attr(tag, "cols"), rows: attr(tag, "rows"), pages }
}

#[test]
fn every_pef_validates_against_the_schema() {
    let schema = Path::new(ROOT).join("tests/schemas/pef-2008-1-full.rng");
    assert!(schema.is_file(), "the PEF schema is expected at {}", schema.display());
    let pefs = files_with("pef");
    assert!(pefs.len() >= 10, "only {} PEF files", pefs.len());
    for pef in pefs {
        let out = Command::new("xmllint")
            .args(["--noout", "--relaxng"])
            .arg(&schema)
            .arg(&pef)
            .output()
            .expect("xmllint (libxml2-utils) must be installed");
        assert!(out.status.success(), "{}: {}", pef.display(), String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn every_pef_page_fits_its_rows_and_cols() {
    for path in files_with("pef") {
        let pef = read_pef(&path);
        assert_eq!((pef.cols, pef.rows), (32, 27));
        for (n, page) in pef.pages.iter().enumerate() {
            assert!(page.len() <= pef.rows, "{} page {}: {} rows", path.display(), n + 1, page.len());
            for row in page {
                assert!(row.len() <= pef.cols, "{} page {}: a row of {} cells", path.display(), n + 1, row.len());
            }
        }
    }
}

/// The text a braille document was made from, as it reads back: markup dropped.
fn source_text(txt: &Path) -> String {
    let text = std::fs::read_to_string(txt).unwrap();
    let lines: Vec<String> =
        text.lines().map(|l| l.strip_prefix("## ").or_else(|| l.strip_prefix("# ")).unwrap_or(l).to_string()).collect();
    canonical(&lines.join(" ")).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_braille_file_reads_back_as_its_source() {
    for path in files_with("pef") {
        let pef = read_pef(&path);
        let mut cells: Vec<Cell> = Vec::new();
        for (n, page) in pef.pages.iter().enumerate() {
            // The first page is the title page; every other page starts with its number.
            for row in page.iter().skip(usize::from(n > 0)) {
                cells.extend(row);
                cells.push(BLANK);
            }
        }
        // A word longer than a row (a long web address) is split across rows, which
        // reads back as a space; every other character must come back as written.
        let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let back = back_translate(&cells);
        let source = source_text(&path.with_extension("txt"));
        assert_eq!(squeeze(&back), squeeze(&source), "{} does not read back", path.display());
        let words = |t: &str| t.split_whitespace().count();
        assert!(words(&back) >= words(&source), "{}: words were run together", path.display());
    }
}

#[test]
fn brf_files_have_crlf_rows_form_feeds_and_ascii_only() {
    let brfs = files_with("brf");
    assert!(!brfs.is_empty());
    for path in brfs {
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            bytes.iter().all(|&b| b == b'\r' || b == b'\n' || b == 0x0c || (0x20..0x60).contains(&b)),
            "{}",
            path.display()
        );
        let text = String::from_utf8(bytes).unwrap();
        let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.is_empty()).collect();
        let pef = read_pef(&path.with_extension("pef"));
        assert_eq!(pages.len(), pef.pages.len());
        for page in pages {
            assert_eq!(page.matches("\r\n").count(), 27);
            assert!(page.split("\r\n").all(|row| row.len() <= 32));
        }
    }
}

#[test]
fn braille_is_made_exactly_for_those_who_asked() {
    // Peter (lättläst, punktskrift) and Lena (punktskrift, inläst) asked; Viola did not.
    for (case, version, meeting, wants) in [
        ("KLM-2026-0042", "v2", "mote-3", true),
        ("VGR-2026-0114", "v1", "mote-1", true),
        ("KLM-2026-0057", "v1", "mote-1", false),
    ] {
        let dir = built_examples().join(case);
        for (folder, name) in [(version, "plan"), (meeting, "kallelse-person")] {
            for ext in ["pef", "brf", "txt"] {
                let file = dir.join(folder).join(format!("{name}.{ext}"));
                assert_eq!(file.is_file(), wants, "{}", file.display());
            }
        }
        assert!(!dir.join(version).join("plan-kopia-rehab.pef").exists());
    }
    assert!(built_examples().join("information/info-kalmar/information.pef").is_file());
}

#[test]
fn the_braille_command_translates_line_by_line_without_wrapping() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_samplan"))
        .arg("braille")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let long = "ord ".repeat(40);
    child.stdin.take().unwrap().write_all(format!("Hej Peter!\n{long}\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "⠠⠓⠑⠚⠀⠠⠏⠑⠞⠑⠗⠖");
    assert_eq!(lines.len(), 2, "one output line per input line");
    assert!(lines[1].chars().count() > 100, "no wrapping in line mode");
}
