//! Swedish personal identity numbers (personnummer) and coordination numbers
//! (samordningsnummer): validation (date and Luhn check digit), the birth date they
//! carry, and masking, so a number is never shown whole outside the plan itself.

use super::datetime::CalendarDate;

/// A checked personal identity or coordination number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonalNumber {
    /// The birth date the number encodes.
    pub birth_date: CalendarDate,
    /// Whether it is a samordningsnummer (day + 60).
    pub coordination_number: bool,
}

/// Checks a personnummer or samordningsnummer written with 12 digits, optionally with
/// `-` or `+` before the last four. Errors are in Swedish and never quote the number.
pub fn parse(text: &str) -> Result<PersonalNumber, String> {
    let trimmed = text.trim();
    let digits: String = trimmed.chars().filter(|c| c.is_ascii_digit()).collect();
    let separators_ok = match trimmed.len() {
        12 => trimmed.chars().all(|c| c.is_ascii_digit()),
        13 => {
            let sep = trimmed.as_bytes()[8];
            (sep == b'-' || sep == b'+') && digits.len() == 12
        }
        _ => false,
    };
    if !separators_ok || digits.len() != 12 {
        return Err("personnumret ska ha 12 siffror, ÅÅÅÅMMDD-NNNN (bindestreck eller + får stå före de fyra sista)"
            .to_string());
    }
    let year: i32 = digits[0..4].parse().unwrap_or(0);
    let month: u32 = digits[4..6].parse().unwrap_or(0);
    let raw_day: u32 = digits[6..8].parse().unwrap_or(0);
    let (day, coordination_number) = if raw_day > 60 { (raw_day - 60, true) } else { (raw_day, false) };
    let date_text = format!("{year:04}-{month:02}-{day:02}");
    let birth_date = CalendarDate::parse(&date_text).map_err(|_| {
        if coordination_number {
            "samordningsnumrets datumdel (dag + 60) är inget riktigt datum".to_string()
        } else {
            "personnumrets datumdel är inget riktigt datum".to_string()
        }
    })?;
    if !luhn_ok(&digits[2..]) {
        return Err("personnumrets kontrollsiffra (den sista siffran) stämmer inte".to_string());
    }
    Ok(PersonalNumber { birth_date, coordination_number })
}

/// The Luhn check over the ten digits YYMMDDNNNC.
fn luhn_ok(ten: &str) -> bool {
    let sum: u32 = ten
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Masks every run that looks like a personal identity number (8 digits, optional
/// `-`/`+`, 4 digits; or 6+4) in `text`: `19710315-0004` becomes `19710315-****`.
pub fn mask_in(text: &str) -> String {
    // Over bytes: digits, `-` and `+` are ASCII and never part of a multi-byte
    // character, so every byte copied keeps the text valid UTF-8.
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some((head, tail_len)) = match_number_at(bytes, i) {
            out.extend_from_slice(&bytes[i..i + head]);
            out.extend_from_slice(b"****");
            i += head + tail_len;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Whether `text` holds something [`mask_in`] would mask, found without allocating:
/// the rules ask this of every name and text of a case.
pub fn contains_number_like(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|i| match_number_at(bytes, i).is_some())
}

/// If a number-like run starts at `i` (and is not part of a longer digit run), returns
/// the length of the part kept (date digits and separator) and of the masked tail.
fn match_number_at(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    if i > 0 && bytes[i - 1].is_ascii_digit() {
        return None;
    }
    let run = |from: usize| bytes[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let first = run(i);
    match first {
        12 | 10 => Some((first - 4, 4)),
        8 | 6 => {
            let sep = *bytes.get(i + first)?;
            if (sep == b'-' || sep == b'+') && run(i + first + 1) == 4 { Some((first + 1, 4)) } else { None }
        }
        _ => None,
    }
}

/// A number as shown in messages: the date part kept, the last four masked.
pub fn masked(text: &str) -> String {
    let m = mask_in(text);
    if m == text && !text.is_empty() { "****".to_string() } else { m }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_test_finds_what_masking_masks() {
        for text in [
            "19710315-0004",
            "710315-0004",
            "197103150004",
            "7103150004",
            "id 19710315+0004 här",
            "lisa",
            "0480-11 11 11",
            "12345678901234",
            "1971031-0004",
            "19710315-00045",
            "x19710315-0004",
            "",
        ] {
            assert_eq!(contains_number_like(text), mask_in(text) != text, "{text:?}");
        }
    }

    #[test]
    fn valid_numbers_pass() {
        let p = parse("19710315-0004").unwrap();
        assert_eq!(p.birth_date.to_string(), "1971-03-15");
        assert!(!p.coordination_number);
        assert!(parse("197103150004").is_ok());
        assert!(parse("19121212+1212").is_ok());
    }

    #[test]
    fn coordination_numbers_pass_with_day_plus_sixty() {
        // 1971-03-15 as samordningsnummer: day 75; check digit recomputed for 7103750001.
        let p = parse("19710375-0001").unwrap();
        assert!(p.coordination_number);
        assert_eq!(p.birth_date.to_string(), "1971-03-15");
    }

    #[test]
    fn bad_numbers_fail_without_quoting_them() {
        for bad in ["19710315-0005", "19710230-0004", "7103150004", "19710315_0004", "abc", ""] {
            let err = parse(bad).unwrap_err();
            assert!(!err.contains("0004") && !err.contains("0005"), "{err}");
        }
    }

    #[test]
    fn masking_hides_the_last_four_digits() {
        assert_eq!(mask_in("pnr 19710315-0004 här"), "pnr 19710315-**** här");
        assert_eq!(mask_in("197103150004"), "19710315****");
        assert_eq!(mask_in("710315-0004"), "710315-****");
        assert_eq!(mask_in("tel 070-000 00 00"), "tel 070-000 00 00");
        assert_eq!(mask_in("KLM-2026-0042"), "KLM-2026-0042");
        assert_eq!(masked("19710315-0004"), "19710315-****");
    }
}
