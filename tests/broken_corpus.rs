//! The broken-case corpus: every file under `tests/broken/` must make `samplan check`
//! exit 1 without panicking and produce the diagnostic its `.expect` file names
//! (`RULE LINE PATH`), in both the text and the JSON output.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn expectation(file: &Path) -> (String, usize, String) {
    let text = std::fs::read_to_string(file.with_extension("expect")).unwrap();
    let mut parts = text.trim_end_matches('\n').splitn(3, ' ');
    let rule = parts.next().unwrap().to_string();
    let line = parts.next().unwrap().parse().unwrap();
    let path = parts.next().unwrap_or("").trim().to_string();
    (rule, line, path)
}

#[test]
fn the_corpus_is_large_enough() {
    assert!(corpus().len() >= 40, "only {} broken files", corpus().len());
}

#[test]
fn every_broken_file_gives_its_exact_diagnostic() {
    let mut failures = Vec::new();
    for file in corpus() {
        let (rule, line, path) = expectation(&file);
        let out = Command::new(env!("CARGO_BIN_EXE_samplan"))
            .args(["check", "--format", "json"])
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{}: {stderr}", file.display());
        if out.status.code() != Some(1) {
            failures.push(format!("{}: exit {:?}, expected 1", file.display(), out.status.code()));
            continue;
        }
        let diags: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let found = diags.as_array().unwrap().iter().any(|d| {
            d["rule"] == rule.as_str() && d["line"] == line && d["path"] == path.as_str() && d["severity"] == "fel"
        });
        if !found {
            failures.push(format!("{}: wanted {rule} line {line} `{path}`, got {diags}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn text_output_names_file_line_column_rule_and_path() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/id-saknas-samordnare.yaml");
    let out = Command::new(env!("CARGO_BIN_EXE_samplan")).arg("check").arg(&file).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let (_, line, _) = expectation(&file);
    let header =
        format!("{}:{line}:13: fel [SIP-ID-FINNS] samordnare: det finns ingen deltagare med id `lis`", file.display());
    assert!(text.contains(&header), "{text}");
    assert!(text.contains("menade du `lisa`?"), "{text}");
    assert!(text.contains("| samordnare: lis\n"), "{text}");
}
