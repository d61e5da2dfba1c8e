//! samplan's Swedish braille against liblouis sv-g0 on the corpus in `tests/braille/`:
//! every line must agree cell for cell. (`.ci/run` also re-runs liblouis over the corpus
//! and fails if its stored output is out of date.) Where samplan deliberately differs,
//! the line would be listed in `exceptions.txt` with the rule that backs the difference;
//! there are none.

use std::path::Path;

use samplan::braille::back::{back_translate, canonical};
use samplan::braille::table::unicode_string;
use samplan::braille::translate;

fn read(name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/braille").join(name);
    std::fs::read_to_string(path).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn the_corpus_has_at_least_500_lines() {
    assert!(read("corpus.txt").len() >= 500);
    assert_eq!(read("corpus.txt").len(), read("corpus.sv-g0.txt").len());
}

#[test]
fn every_line_agrees_with_liblouis_cell_for_cell() {
    let exceptions: Vec<usize> = read("exceptions.txt")
        .iter()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    let mut differ = Vec::new();
    for (n, (text, louis)) in read("corpus.txt").iter().zip(read("corpus.sv-g0.txt")).enumerate() {
        let ours = unicode_string(&translate(text));
        if ours != louis && !exceptions.contains(&(n + 1)) {
            differ.push(format!("line {}: {text}\n  liblouis: {louis}\n  samplan:  {ours}", n + 1));
        }
    }
    assert!(differ.is_empty(), "{} lines differ:\n{}", differ.len(), differ.join("\n"));
}

#[test]
fn every_line_reads_back_as_written() {
    let mut differ = Vec::new();
    for (n, text) in read("corpus.txt").iter().enumerate() {
        let back = back_translate(&translate(text));
        if back != canonical(text) {
            differ.push(format!("line {}: {text}\n  back: {back}", n + 1));
        }
    }
    assert!(differ.is_empty(), "{} lines do not read back:\n{}", differ.len(), differ.join("\n"));
}
