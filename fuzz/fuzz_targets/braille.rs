//! The braille translator, layout and reverse table: any text, no panic, pages in size.
#![no_main]
use libfuzzer_sys::fuzz_target;
use samplan::braille::format::{layout_document, to_brf, Layout};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let cells = samplan::braille::translate(text);
    let _ = samplan::braille::back::back_translate(&cells);
    let layout = Layout { cols: 20, rows: 8 };
    let pages = layout_document(text, layout);
    for page in &pages {
        assert!(page.len() <= layout.rows);
        assert!(page.iter().all(|row| row.len() <= layout.cols));
    }
    let _ = to_brf(&pages, layout);
});
