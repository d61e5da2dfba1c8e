//! LIX: any text gives a finite, non-negative index.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let l = samplan::lix::lix(text);
    assert!(l.lix.is_finite() && l.lix >= 0.0);
    assert!(l.long_words <= l.words);
});
