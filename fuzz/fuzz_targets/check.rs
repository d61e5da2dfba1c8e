//! Case parsing and checking: any bytes must give diagnostics, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let checked = samplan::check::check_bytes("fuzz.yaml", data);
    for d in &checked.diagnostics {
        assert!(d.line >= 1 && d.column >= 1);
        let _ = d.render_text();
    }
});
