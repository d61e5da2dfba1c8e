//! The Swedish that samplan writes, checked for the mistakes that once got through:
//! French quotation marks where Swedish uses ”…”, a full stop after a question mark,
//! a sentence run on after a code word without its full stop, a count with the wrong
//! number of its noun, and a role written with a capital letter in the middle of a line.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{ROOT, built_examples, pdf_raw_text};

/// The French quotation marks, written so that this file holds none.
const FRENCH: [char; 2] = ['\u{ab}', '\u{bb}'];

/// Every file under the repository's `dirs` whose name ends in one of `endings`.
fn files(dirs: &[&str], endings: &[&str]) -> Vec<PathBuf> {
    dirs.iter()
        .flat_map(|d| walkdir::WalkDir::new(Path::new(ROOT).join(d)))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| endings.iter().any(|end| p.to_string_lossy().ends_with(end)))
        .collect()
}

/// The places in `text` where a question mark is followed by a full stop, or a code
/// word in backticks runs straight into a new sentence ("`x` Tillåtna").
fn punctuation_faults(text: &str) -> Vec<String> {
    let mut faults = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len().saturating_sub(2) {
        let next_is_capital = chars.get(i + 2).is_some_and(|c| c.is_uppercase());
        if chars[i] == '?' && chars[i + 1] == '.' && (i == 0 || chars[i - 1] == '`' || chars[i - 1] == ' ') {
            faults.push(chars[i.saturating_sub(30)..(i + 10).min(chars.len())].iter().collect());
        }
        if chars[i] == '`' && chars[i + 1] == ' ' && next_is_capital {
            // An opening backtick is followed by the code word, not by a space.
            let opened = chars[..i].iter().filter(|&&c| c == '`').count() % 2 == 1;
            if opened {
                faults.push(chars[i.saturating_sub(30)..(i + 15).min(chars.len())].iter().collect());
            }
        }
    }
    faults
}

#[test]
fn no_french_quotation_marks_in_what_samplan_writes() {
    let sources = files(&["src", "templates", "routines", "docs", "tests"], &[".rs", ".typ", ".jinja", ".yaml", ".md"]);
    assert!(sources.len() > 50);
    for path in sources {
        if path.to_string_lossy().contains("/braille/") {
            continue; // the braille tables translate these characters
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(!text.contains(FRENCH), "{}: use ”…” in Swedish", path.display());
    }
}

#[test]
fn messages_are_punctuated() {
    let out =
        Command::new(env!("CARGO_BIN_EXE_samplan")).args(["check", "tests/broken"]).current_dir(ROOT).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("menade du"), "the corpus has suggestions: {text}");
    let messages: String =
        text.lines().filter(|l| l.contains(": fel [") || l.contains(": varning [")).map(|l| format!("{l}\n")).collect();
    assert_eq!(punctuation_faults(&messages), Vec::<String>::new());
    for path in files(&["src", "templates", "routines"], &[".rs", ".typ", ".jinja", ".yaml"]) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for fault in punctuation_faults(&text) {
            assert!(fault.contains("r#\"") || !fault.contains('"'), "{}: {fault}", path.display());
        }
    }
}

#[test]
fn counts_in_the_command_line_agree_with_their_nouns() {
    // A number put straight before a plural noun reads "1 filer"; the command line
    // writes counts with `count(n, "fil", "filer")`.
    let nouns = ["ärenden", "filer", "varningar", "meningar", "kärnor", "dokumenten"];
    for path in files(&["src/cli"], &[".rs"]) {
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().filter(|l| l.contains('"') && !l.trim_start().starts_with("//")) {
            for noun in nouns {
                for (at, _) in line.match_indices(&format!("}} {noun}")) {
                    let before = &line[..at];
                    let placeholder = &before[before.rfind('{').unwrap_or(0)..];
                    // "{:>8.1} ärenden/s" is a rate, not a count.
                    let rate = line[at..].starts_with(&format!("}} {noun}/"));
                    assert!(
                        rate || placeholder.contains(':'),
                        "{}: ”{}” puts a count before ”{noun}”",
                        path.display(),
                        line.trim()
                    );
                }
            }
        }
    }
}

#[test]
fn roles_are_written_in_small_letters_in_the_middle_of_a_line() {
    let roles = ["Personen", "Närstående", "Företrädare", "God man", "Vårdnadshavare", "Mamma", "Pappa", "Syster"];
    let mut texts = Vec::new();
    for e in walkdir::WalkDir::new(built_examples()).into_iter().filter_map(Result::ok) {
        let path = e.path();
        match path.extension().and_then(|x| x.to_str()) {
            Some("pdf") => texts.push((path.to_path_buf(), pdf_raw_text(path))),
            Some("txt") => texts.push((path.to_path_buf(), std::fs::read_to_string(path).unwrap())),
            _ => {}
        }
    }
    assert!(texts.len() > 100);
    for (path, text) in texts {
        for role in roles {
            assert!(!text.contains(&format!(", {role}")), "{}: ”, {role}”", path.display());
        }
        assert!(!text.contains(FRENCH), "{}", path.display());
    }
}
