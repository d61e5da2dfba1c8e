//! The whole render of one case: a valid case with fuzzed text in its fields renders
//! every document, or reports an error; typst never panics on case text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use samplan::braille::format::Layout;
use samplan::build::{case_hash, prepare, render_document};
use samplan::check::check_text;
use samplan::render::TemplateSet;
use samplan::routine::Routines;

const BASE: &str = include_str!("../../cases/samir-nationell.yaml");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if text.len() > 2000 {
        return;
    }
    // Put the fuzzed text into free-text fields as a quoted YAML string.
    let quoted = serde_json::to_string(text).unwrap_or_default();
    let case = BASE.replace(
        "  övrigt: Samir vill ha kallelser per e-post.",
        &format!("  övrigt: {quoted}"),
    );
    let checked = check_text("fuzz.yaml", &case);
    let Some(valid) = checked.valid_case() else { return };
    let routine = Routines::builtin().get(valid.routine()).unwrap();
    let templates = TemplateSet::builtin();
    for doc in prepare(valid, routine, &case_hash(valid), None).iter().take(2) {
        let _ = render_document(&templates, doc, "fuzz", Layout::default(), None, None);
    }
});
