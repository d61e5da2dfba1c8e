//! Shared by the end-to-end tests: the example cases built once per test binary.
//! Not every test binary uses every helper.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub mod server;
pub mod smtp;
pub mod webdriver;

/// The repository root.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The example case `cases/peter-kalmar.yaml`, as text (tests edit and copy it).
pub fn peter() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("cases/peter-kalmar.yaml")).unwrap()
}

/// Every file under `dir` (path relative to `dir`) with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            out.insert(e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap());
        }
    }
    out
}

/// Every file under `dir` with extension `ext`, sorted.
pub fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

/// Runs `samplan build -o OUT CASES`.
pub fn build(cases: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samplan")).args(["build", "-o"]).arg(out).arg(cases).output().unwrap()
}

/// A PDF's text as `pdftotext -raw` gives it: content-stream order, pages separated by
/// a form feed.
pub fn pdf_raw_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(out.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

/// Every example case under `cases/`, built once into a temporary folder that lives for
/// the whole test run.
pub fn built_examples() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let out = build(&Path::new(ROOT).join("cases"), &dir);
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
}

/// The headings of a PDF, from its outline (bookmarks), depth first, read with lopdf.
pub fn outline(pdf: &Path) -> Vec<String> {
    use lopdf::{Document, Object};
    fn walk(doc: &Document, first: Option<&Object>, out: &mut Vec<String>) {
        let mut next = first.and_then(|o| o.as_reference().ok());
        while let Some(id) = next {
            let Ok(item) = doc.get_dictionary(id) else { break };
            if let Ok(title) = item.get(b"Title") {
                out.push(lopdf::decode_text_string(title).unwrap_or_default());
            }
            walk(doc, item.get(b"First").ok(), out);
            next = item.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
    }
    let doc = Document::load(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let mut out = Vec::new();
    if let Ok(outlines) = catalog.get(b"Outlines").and_then(|o| o.as_reference()).and_then(|id| doc.get_dictionary(id))
    {
        walk(&doc, outlines.get(b"First").ok(), &mut out);
    }
    out
}

/// Headings only the printed plan has: the signature lines are for paper.
pub const PRINT_ONLY_HEADINGS: &[&str] = &["Underskrifter"];

/// `lines` through liblouis's own `lou_translate` program with the table list `table`:
/// `--forward` (text to Unicode braille) or `--backward` (Unicode braille to text).
pub fn lou_translate(direction: &str, table: &str, lines: &[String]) -> Vec<String> {
    use std::io::Write;
    let mut child = Command::new("lou_translate")
        .args([direction, &format!("unicode.dis,{table}")])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("lou_translate (liblouis-bin) must be installed");
    let mut stdin = child.stdin.take().unwrap();
    let input = lines.join("\n") + "\n";
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "lou_translate: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect()
}
