//! Whatever bytes or YAML a case file holds, checking it never panics: property tests
//! over arbitrary bytes, arbitrary YAML-looking text, and mutations of a real case.

use proptest::prelude::*;
use samplan::check::{check_bytes, check_text};

const PETER: &str = include_str!("../cases/peter-kalmar.yaml");

fn yaml_fragment() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("ärende: ".to_string()),
        Just("rutin: nationell\n".to_string()),
        Just("person:\n  namn: x\n".to_string()),
        Just("plan:\n  mål:\n    - id: a\n      text: b\n".to_string()),
        Just("- ".to_string()),
        Just(": ".to_string()),
        Just("\n".to_string()),
        Just("  ".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("!!str ".to_string()),
        Just("2026-02-30".to_string()),
        Just("\"25:00\"".to_string()),
        Just("19710315-0004".to_string()),
        "[a-zåäö0-9 _-]{0,12}".prop_map(|s| s),
    ];
    prop::collection::vec(token, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = check_bytes("x.yaml", &bytes);
    }

    #[test]
    fn arbitrary_yaml_never_panics(text in yaml_fragment()) {
        let _ = check_text("x.yaml", &text);
    }

    #[test]
    fn mutated_real_cases_never_panic(cut in 0usize..PETER.len(), insert in "[\\PC]{0,8}") {
        let mut text = PETER.to_string();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.insert_str(at, &insert);
        let checked = check_text("x.yaml", &text);
        for d in &checked.diagnostics {
            prop_assert!(d.line >= 1 && d.column >= 1);
        }
    }
}
