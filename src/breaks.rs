//! Where a line must not break, in print and in braille alike: after "kl." before its
//! time, inside a date ("15 juni 2026"), and between the groups of digits of a phone
//! number or a postcode. The PDF gets a no-break space there ([`keep_together`]); the
//! braille layout keeps the words on one row.

/// The spaces of `text` (indices among its chars) a line must not break at: after
/// "kl." before its time, inside a date ("15 juni 2026"), and between groups of digits
/// (a phone number "0480-11 11 11", a postcode "392 31").
pub fn unbreakable_spaces(text: &str) -> Vec<usize> {
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let chars: Vec<char> = text.chars().collect();
    // Each word with the index of the space after it.
    let mut words: Vec<(String, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in chars.iter().enumerate().chain([(chars.len(), &' ')]) {
        if c.is_whitespace() {
            if i > start {
                words.push((chars[start..i].iter().collect(), i));
            }
            start = i + 1;
        }
    }
    let digits = |w: &str| w.chars().next().is_some_and(|c| c.is_ascii_digit());
    let ends_digit = |w: &str| w.chars().last().is_some_and(|c| c.is_ascii_digit());
    let month = |w: &str| MONTHS.contains(&w.trim_end_matches([',', '.', ';', ':']).to_lowercase().as_str());
    let mut keep = Vec::new();
    for pair in words.windows(2) {
        let ((a, space), (b, _)) = (&pair[0], &pair[1]);
        let after_kl = a.eq_ignore_ascii_case("kl.") && digits(b);
        let day_month = a.chars().all(|c| c.is_ascii_digit()) && a.len() <= 2 && month(b);
        let month_year = month(a) && b.len() >= 4 && b.chars().take(4).all(|c| c.is_ascii_digit());
        let number = ends_digit(a) && b.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'));
        if after_kl || day_month || month_year || (number && digits(b)) {
            keep.push(*space);
        }
    }
    keep
}

/// `text` with each space a line must not break at made a no-break space (U+00A0).
pub fn keep_together(text: &str) -> String {
    let keep = unbreakable_spaces(text);
    if keep.is_empty() {
        return text.to_string();
    }
    text.chars().enumerate().map(|(i, c)| if keep.contains(&i) { '\u{a0}' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_times_and_numbers_are_kept_together() {
        assert_eq!(unbreakable_spaces("kl. 9 och 3 maj 2026, tel 08-123 400 00"), vec![3, 11, 15, 32, 36]);
        assert_eq!(keep_together("den 6 april 2026 kl. 13.00"), "den 6\u{a0}april\u{a0}2026 kl.\u{a0}13.00");
        assert_eq!(keep_together("ett två tre"), "ett två tre");
    }
}
