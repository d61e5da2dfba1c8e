//! Swedish text made ready to be read aloud: what print shows in figures and short
//! forms, said in words the way a Swede says it. Dates and times, phone numbers and
//! postcodes, e-mail and web addresses, case ids, personnummer (digit by digit),
//! numbers with units and the usual abbreviations. The speech engine then only has to
//! pronounce words.
//!
//! One line goes in, one line comes out; punctuation that ends a clause is kept, so the
//! engine pauses where a reader would.

use crate::case::datetime::{CalendarDate, MONTHS};

/// `text` as it is to be said.
pub fn spoken(text: &str) -> String {
    let prepared = text
        .replace(" · ", ", ")
        .replace(" – ", ", ")
        .replace(" — ", ", ")
        .replace(" & ", " och ")
        .replace('\u{a0}', " ");
    let tokens: Vec<&str> = prepared.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let used = say_at(&tokens, i, &mut out);
        i += used.max(1);
    }
    out.join(" ")
}

/// Says what starts at `tokens[i]` into `out`; returns how many tokens it used.
fn say_at(tokens: &[&str], i: usize, out: &mut Vec<String>) -> usize {
    let (lead, core, trail) = split_punctuation(tokens[i]);
    let push = |out: &mut Vec<String>, words: String| out.push(format!("{lead}{words}{trail}"));
    if let Some(words) = abbreviation(tokens[i].trim_start_matches('(').trim_end_matches([',', ';', ')'])) {
        let trail = tokens[i].len() - tokens[i].trim_end_matches([',', ';', ')']).len();
        let lead = if tokens[i].starts_with('(') { "(" } else { "" };
        out.push(format!("{lead}{words}{}", &tokens[i][tokens[i].len() - trail..]));
        return 1;
    }
    if core.is_empty() {
        out.push(tokens[i].to_string());
        return 1;
    }
    if core.contains('@') {
        push(out, email(core));
        return 1;
    }
    if core.starts_with("http://") || core.starts_with("https://") || core.starts_with("www.") {
        push(out, web_address(core));
        return 1;
    }
    if let Some(words) = personnummer(core) {
        push(out, words);
        return 1;
    }
    if let Some(date) = iso_date(core) {
        push(out, date);
        return 1;
    }
    if let Some(words) = case_id(core) {
        push(out, words);
        return 1;
    }
    if let Some(used) = date_in_words(tokens, i, out) {
        return used;
    }
    if let Some(words) = time_or_span(core) {
        let said_clock = out.last().is_some_and(|w| w == "klockan");
        let words = if said_clock { words } else { format!("klockan {words}") };
        push(out, words);
        return 1;
    }
    if let Some(used) = phone_number(tokens, i, out) {
        return used;
    }
    if let Some(used) = postcode(tokens, i, out) {
        return used;
    }
    if let Some(used) = number_with_unit(tokens, i, out) {
        return used;
    }
    if let Some(words) = number(core) {
        push(out, words);
        return 1;
    }
    if let Some(words) = acronym(core) {
        push(out, words.to_string());
        return 1;
    }
    out.push(tokens[i].to_string());
    1
}

/// A token as (leading punctuation, the word, trailing punctuation). A full stop is
/// trailing punctuation unless it belongs to the word (an abbreviation, a time).
fn split_punctuation(token: &str) -> (&str, &str, &str) {
    let start = token.len() - token.trim_start_matches(['(', '"', '”', '\'']).len();
    let body = &token[start..];
    let core = body.trim_end_matches([',', '.', ';', ':', '!', '?', ')', '"', '”', '\'']);
    (&token[..start], core, &body[core.len()..])
}

/// The usual short forms, said in full.
fn abbreviation(token: &str) -> Option<&'static str> {
    Some(match token {
        "t.ex." | "t ex" => "till exempel",
        "bl.a." => "bland annat",
        "fr.o.m." => "från och med",
        "t.o.m." => "till och med",
        "kl." => "klockan",
        "s.k." => "så kallad",
        "m.m." => "med mera",
        "osv." | "o.s.v." => "och så vidare",
        "dvs." | "d.v.s." => "det vill säga",
        "ca" | "ca." | "c:a" => "cirka",
        "nr" | "nr." => "nummer",
        "tel." => "telefon",
        "resp." => "respektive",
        "enl." => "enligt",
        "inkl." => "inklusive",
        "exkl." => "exklusive",
        "lgh" => "lägenhet",
        "c/o" => "care of",
        "obs." | "OBS" | "OBS!" => "observera",
        _ => return None,
    })
}

/// Short forms in capitals, said the way Swedes say them.
fn acronym(word: &str) -> Option<&'static str> {
    Some(match word {
        "SIP" => "sipp",
        "LSS" => "ell ess ess",
        "HSL" => "hå ess ell",
        "SoL" => "ess o ell",
        "BUP" => "bupp",
        "BVC" => "be ve se",
        "LVU" => "ell ve u",
        "LVM" => "ell ve em",
        "LPT" => "ell pe te",
        "VGR" => "ve ge ärr",
        "ADHD" => "a de hå de",
        "PEF" => "pe e eff",
        "PDF" => "pe de eff",
        _ => return None,
    })
}

const ONES: [&str; 20] = [
    "noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv", "tretton",
    "fjorton", "femton", "sexton", "sjutton", "arton", "nitton",
];
const TENS: [&str; 10] = ["", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"];

/// A whole number in words: 342 is "trehundrafyrtiotvå", 2026 "tvåtusentjugosex".
pub fn cardinal(n: u64) -> String {
    match n {
        0..=19 => ONES[n as usize].to_string(),
        20..=99 => {
            let unit = if n.is_multiple_of(10) { String::new() } else { ONES[(n % 10) as usize].to_string() };
            format!("{}{unit}", TENS[(n / 10) as usize])
        }
        100..=999 => {
            let head = if n / 100 == 1 { "hundra".to_string() } else { format!("{}hundra", ONES[(n / 100) as usize]) };
            format!("{head}{}", rest(n % 100))
        }
        1_000..=999_999 => {
            let head = if n / 1000 == 1 { "tusen".to_string() } else { format!("{}tusen", cardinal(n / 1000)) };
            format!("{head}{}", rest(n % 1000))
        }
        1_000_000..=999_999_999 => {
            let millions = n / 1_000_000;
            let head = if millions == 1 { "en miljon".to_string() } else { format!("{} miljoner", cardinal(millions)) };
            if n.is_multiple_of(1_000_000) { head } else { format!("{head} {}", cardinal(n % 1_000_000)) }
        }
        _ => digits(&n.to_string()),
    }
}

fn rest(n: u64) -> String {
    if n == 0 { String::new() } else { cardinal(n) }
}

/// A year as Swedes say it: 1971 "nittonhundrasjuttioett", 2005 "tvåtusenfem", 2026
/// "tjugohundratjugosex".
pub fn year(y: i32) -> String {
    match y {
        2000..=2009 => cardinal(y as u64),
        1100..=2099 => format!("{}hundra{}", cardinal((y / 100) as u64), rest((y % 100) as u64)),
        _ => cardinal(y.unsigned_abs() as u64),
    }
}

/// The day of a month as an ordinal: 1 "första", 20 "tjugonde", 31 "trettioförsta".
pub fn ordinal(n: u32) -> String {
    const FIRST: [&str; 20] = [
        "nollte",
        "första",
        "andra",
        "tredje",
        "fjärde",
        "femte",
        "sjätte",
        "sjunde",
        "åttonde",
        "nionde",
        "tionde",
        "elfte",
        "tolfte",
        "trettonde",
        "fjortonde",
        "femtonde",
        "sextonde",
        "sjuttonde",
        "artonde",
        "nittonde",
    ];
    match n {
        0..=19 => FIRST[n as usize].to_string(),
        20..=99 if n.is_multiple_of(10) => format!("{}nde", TENS[(n / 10) as usize]),
        20..=99 => format!("{}{}", TENS[(n / 10) as usize], FIRST[(n % 10) as usize]),
        _ => format!("{}:e", cardinal(n as u64)),
    }
}

/// Figures one by one: "0480" is "noll fyra åtta noll".
pub fn digits(text: &str) -> String {
    text.chars().filter_map(|c| c.to_digit(10)).map(|d| ONES[d as usize]).collect::<Vec<_>>().join(" ")
}

/// `2026-03-20` as "fredag den tjugonde mars tjugohundratjugosex".
fn iso_date(token: &str) -> Option<String> {
    let b = token.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = CalendarDate::parse(token).ok()?;
    Some(format!("{} den {} {} {}", date.weekday_sv(), ordinal(date.day), date.month_sv(), year(date.year)))
}

/// "15 september 2026" (and "15 september") as "den femtonde september
/// tjugohundratjugosex"; "den" is not said twice.
fn date_in_words(tokens: &[&str], i: usize, out: &mut Vec<String>) -> Option<usize> {
    let (lead, day, trail) = split_punctuation(tokens[i]);
    if !trail.is_empty() || day.len() > 2 {
        return None;
    }
    let day: u32 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
    let (_, month, month_trail) = split_punctuation(tokens.get(i + 1)?);
    if !MONTHS.contains(&month) {
        return None;
    }
    let mut words = String::new();
    if out.last().is_none_or(|w| w != "den") {
        words.push_str("den ");
    }
    words.push_str(&format!("{} {month}", ordinal(day)));
    let mut used = 2;
    let mut end = month_trail.to_string();
    if month_trail.is_empty()
        && let Some(next) = tokens.get(i + 2)
    {
        let (_, y, y_trail) = split_punctuation(next);
        if y.len() == 4
            && let Ok(y) = y.parse::<i32>()
        {
            words.push_str(&format!(" {}", year(y)));
            end = y_trail.to_string();
            used = 3;
        }
    }
    out.push(format!("{lead}{words}{end}"));
    Some(used)
}

/// `13.00`, `13:00`, `9.05` or a span `13.00–14.30` in words, without "klockan".
fn time_or_span(token: &str) -> Option<String> {
    if let Some((from, to)) = token.split_once(['–', '-']) {
        return Some(format!("{} till {}", clock(from)?, clock(to)?));
    }
    clock(token)
}

/// `14.30` as "fjorton och trettio", `10.00` as "tio", `9.05` as "nio noll fem".
fn clock(text: &str) -> Option<String> {
    let (h, m) = text.split_once(['.', ':'])?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u64, u64) = (h.parse().ok()?, m.parse().ok()?);
    if h > 24 || m > 59 {
        return None;
    }
    Some(match m {
        0 => cardinal(h),
        1..=9 => format!("{} noll {}", cardinal(h), cardinal(m)),
        _ => format!("{} och {}", cardinal(h), cardinal(m)),
    })
}

/// A personnummer or samordningsnummer, figure by figure, the four last apart.
fn personnummer(token: &str) -> Option<String> {
    let (birth, last) = token.split_once(['-', '+']).unwrap_or((token, ""));
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let (birth, last) = match (birth.len(), last.len()) {
        (8 | 6, 4) if all_digits(birth) && all_digits(last) => (birth, last),
        (12, 0) if all_digits(birth) => (&birth[..8], &birth[8..]),
        _ => return None,
    };
    Some(format!("{}, {}", digits(birth), digits(last)))
}

/// A phone number from its area code: `031-342 00 00` is "noll tre ett, tre fyra två,
/// noll noll, noll noll". Groups of two are said as numbers unless they start with 0.
fn phone_number(tokens: &[&str], i: usize, out: &mut Vec<String>) -> Option<usize> {
    let (lead, core, trail) = split_punctuation(tokens[i]);
    let (area, first) = core.split_once('-')?;
    let area_ok = area.starts_with('0') && (2..=4).contains(&area.len()) && area.chars().all(|c| c.is_ascii_digit());
    if !area_ok || first.is_empty() || !first.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut groups = vec![digits(area), group(first)];
    let mut used = 1;
    let mut end = trail.to_string();
    while trail.is_empty() && end.is_empty() {
        let Some(next) = tokens.get(i + used) else { break };
        let (_, g, g_trail) = split_punctuation(next);
        if !(2..=3).contains(&g.len()) || !g.chars().all(|c| c.is_ascii_digit()) {
            break;
        }
        groups.push(group(g));
        used += 1;
        end = g_trail.to_string();
    }
    out.push(format!("{lead}{}{end}", groups.join(", ")));
    Some(used)
}

/// A group of a phone number or a postcode.
fn group(g: &str) -> String {
    if g.len() == 2 && !g.starts_with('0') { cardinal(g.parse().unwrap_or(0)) } else { digits(g) }
}

/// A postcode `392 31` before a town: "tre nio två, trettioett".
fn postcode(tokens: &[&str], i: usize, out: &mut Vec<String>) -> Option<usize> {
    let (lead, first, first_trail) = split_punctuation(tokens[i]);
    let (_, second, trail) = split_punctuation(tokens.get(i + 1)?);
    let town = tokens.get(i + 2)?;
    let is = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    if !first_trail.is_empty() || !is(first, 3) || !is(second, 2) || !town.starts_with(char::is_uppercase) {
        return None;
    }
    out.push(format!("{lead}{}, {}{trail}", digits(first), group(second)));
    Some(2)
}

/// A number and its unit: "5 mg" is "fem milligram", "30 %" "trettio procent".
fn number_with_unit(tokens: &[&str], i: usize, out: &mut Vec<String>) -> Option<usize> {
    let (lead, figure, figure_trail) = split_punctuation(tokens[i]);
    if !figure_trail.is_empty() {
        // "30%" written together.
        return None;
    }
    let (said, glued_unit) = match figure.strip_suffix('%') {
        Some(n) => (number(n)?, Some("procent")),
        None => (number(figure)?, None),
    };
    if let Some(unit) = glued_unit {
        out.push(format!("{lead}{said} {unit}"));
        return Some(1);
    }
    let (_, unit, trail) = split_punctuation(tokens.get(i + 1)?);
    let one = figure == "1";
    let word = match unit {
        "%" => "procent",
        "mg" => "milligram",
        "g" => "gram",
        "kg" => "kilo",
        "ml" => "milliliter",
        "l" => "liter",
        "km" => "kilometer",
        "m" => "meter",
        "cm" => "centimeter",
        "kr" | "kr." | "SEK" => "kronor",
        "ggr" | "gg" => {
            if one {
                "gång"
            } else {
                "gånger"
            }
        }
        "h" | "tim" | "tim." => {
            if one {
                "timme"
            } else {
                "timmar"
            }
        }
        "min" | "min." => {
            if one {
                "minut"
            } else {
                "minuter"
            }
        }
        "st" | "st." => "stycken",
        // "1 gång", "1 vecka": the noun is written out, but one is "en" before it.
        "gång" | "timme" | "minut" | "vecka" | "månad" | "dag" | "natt" if one => unit,
        _ => return None,
    };
    // "1 gång", "1 timme": the common-gender one.
    let said = if one && matches!(word, "gång" | "timme" | "minut" | "vecka" | "månad" | "dag" | "natt") {
        "en".to_string()
    } else {
        said
    };
    out.push(format!("{lead}{said} {word}{trail}"));
    Some(2)
}

/// A number: whole (`42`), with a decimal comma (`1,5`), or a span (`1–3`).
fn number(text: &str) -> Option<String> {
    if let Some((from, to)) = text.split_once('–') {
        return Some(format!("{} till {}", number(from)?, number(to)?));
    }
    if let Some((whole, part)) = text.split_once(',') {
        if part.is_empty() || !part.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some(format!("{} komma {}", number(whole)?, digits(part)));
    }
    if text.is_empty() || text.len() > 9 || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // A number written with a leading zero is a code: said figure by figure.
    if text.len() > 1 && text.starts_with('0') {
        return Some(digits(text));
    }
    text.parse().ok().map(cardinal)
}

/// A case id such as `KLM-2026-0042`: the letters one by one, then each group.
fn case_id(token: &str) -> Option<String> {
    let parts: Vec<&str> = token.split('-').collect();
    if parts.len() < 2 || !parts[0].chars().all(|c| c.is_ascii_uppercase()) || parts[0].is_empty() {
        return None;
    }
    if !parts[1..].iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let letters: Vec<String> = parts[0].chars().map(letter).collect();
    let groups: Vec<String> = parts[1..]
        .iter()
        .map(|p| if p.len() == 4 && !p.starts_with('0') { cardinal(p.parse().unwrap_or(0)) } else { digits(p) })
        .collect();
    Some(format!("{}, {}", letters.join(" "), groups.join(", ")))
}

/// A capital letter's Swedish name.
fn letter(c: char) -> String {
    match c {
        'A' => "a",
        'B' => "be",
        'C' => "se",
        'D' => "de",
        'E' => "e",
        'F' => "eff",
        'G' => "ge",
        'H' => "hå",
        'I' => "i",
        'J' => "ji",
        'K' => "kå",
        'L' => "ell",
        'M' => "em",
        'N' => "en",
        'O' => "o",
        'P' => "pe",
        'Q' => "ku",
        'R' => "ärr",
        'S' => "ess",
        'T' => "te",
        'U' => "u",
        'V' => "ve",
        'W' => "dubbel-ve",
        'X' => "eks",
        'Y' => "y",
        'Z' => "säta",
        _ => return c.to_lowercase().collect(),
    }
    .to_string()
}

/// `lisa.lind@example.se` as "lisa punkt lind snabel-a example punkt se".
fn email(address: &str) -> String {
    let (user, domain) = address.split_once('@').unwrap_or((address, ""));
    format!("{} snabel-a {}", address_words(user), address_words(domain))
}

/// A web address without its `https://`: "moten punkt example punkt se snedstreck sip".
fn web_address(address: &str) -> String {
    let bare = address.trim_start_matches("https://").trim_start_matches("http://");
    let bare = bare.trim_end_matches('/');
    match bare.strip_prefix("www.") {
        Some(rest) => format!("www punkt {}", address_words(rest)),
        None => address_words(bare),
    }
}

/// The parts of an address with their signs said: ".", "/", "-", "_".
fn address_words(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut part = String::new();
    let flush = |part: &mut String, words: &mut Vec<String>| {
        if !part.is_empty() {
            let said = if part.chars().all(|c| c.is_ascii_digit()) { digits(part) } else { part.to_lowercase() };
            words.push(said);
            part.clear();
        }
    };
    for c in text.chars() {
        let sign = match c {
            '.' => Some("punkt"),
            '/' => Some("snedstreck"),
            '-' => Some("bindestreck"),
            '_' => Some("understreck"),
            '?' => Some("frågetecken"),
            '=' => Some("lika med"),
            '&' => Some("och"),
            _ => None,
        };
        match sign {
            Some(sign) => {
                flush(&mut part, &mut words);
                words.push(sign.to_string());
            }
            None => part.push(c),
        }
    }
    flush(&mut part, &mut words);
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn says(text: &str, expected: &str) {
        assert_eq!(spoken(text), expected, "{text}");
    }

    #[test]
    fn numbers() {
        assert_eq!(cardinal(0), "noll");
        assert_eq!(cardinal(7), "sju");
        assert_eq!(cardinal(18), "arton");
        assert_eq!(cardinal(21), "tjugoett");
        assert_eq!(cardinal(40), "fyrtio");
        assert_eq!(cardinal(100), "hundra");
        assert_eq!(cardinal(342), "trehundrafyrtiotvå");
        assert_eq!(cardinal(1000), "tusen");
        assert_eq!(cardinal(2026), "tvåtusentjugosex");
        assert_eq!(cardinal(15_000), "femtontusen");
        assert_eq!(cardinal(2_500_000), "två miljoner femhundratusen");
    }

    #[test]
    fn years_and_ordinals() {
        assert_eq!(year(2026), "tjugohundratjugosex");
        assert_eq!(year(1971), "nittonhundrasjuttioett");
        assert_eq!(year(2005), "tvåtusenfem");
        assert_eq!(year(2000), "tvåtusen");
        assert_eq!(ordinal(1), "första");
        assert_eq!(ordinal(2), "andra");
        assert_eq!(ordinal(20), "tjugonde");
        assert_eq!(ordinal(22), "tjugoandra");
        assert_eq!(ordinal(31), "trettioförsta");
    }

    #[test]
    fn iso_dates_are_said_with_their_weekday() {
        says("2026-03-20", "fredag den tjugonde mars tjugohundratjugosex");
        says("Mötet är 2026-12-10.", "Mötet är torsdag den tionde december tjugohundratjugosex.");
        says("2024-02-29", "torsdag den tjugonionde februari tjugohundratjugofyra");
    }

    #[test]
    fn dates_in_words() {
        says("den 2 mars 2026", "den andra mars tjugohundratjugosex");
        says("Start 25 mars 2026.", "Start den tjugofemte mars tjugohundratjugosex.");
        says("tisdag 15 september 2026", "tisdag den femtonde september tjugohundratjugosex");
        says("från 1 juli.", "från den första juli.");
        says("Uppföljning: 15 juni 2026", "Uppföljning: den femtonde juni tjugohundratjugosex");
    }

    #[test]
    fn times_and_spans() {
        says("kl. 13.00–14.30", "klockan tretton till fjorton och trettio");
        says("13:00", "klockan tretton");
        says("Vi ses 9.05.", "Vi ses klockan nio noll fem.");
        says(
            "torsdag 10 december 2026 kl. 13.00–14.30",
            "torsdag den tionde december tjugohundratjugosex klockan tretton till fjorton och trettio",
        );
        says("klockan 10.15", "klockan tio och femton");
    }

    #[test]
    fn phone_numbers_in_their_groups() {
        says("031-342 00 00", "noll tre ett, tre fyra två, noll noll, noll noll");
        says("Telefon: 0480-11 11 11", "Telefon: noll fyra åtta noll, elva, elva, elva");
        says("070-123 45 67.", "noll sju noll, ett två tre, fyrtiofem, sextiosju.");
        says("Ring 08-123 456 78 i dag", "Ring noll åtta, ett två tre, fyra fem sex, sjuttioåtta i dag");
    }

    #[test]
    fn addresses() {
        says("Storgatan 1, 392 31 Kalmar", "Storgatan ett, tre nio två, trettioett Kalmar");
        says("Box 22, 411 02 Göteborg", "Box tjugotvå, fyra ett ett, noll två Göteborg");
        says("Vintergatan 5 lgh 1102", "Vintergatan fem lägenhet tusenhundratvå");
        says("c/o Stadsmissionen", "care of Stadsmissionen");
    }

    #[test]
    fn email_and_web_addresses_are_spelled_out() {
        says("E-post: lisa.lind@example.se", "E-post: lisa punkt lind snabel-a example punkt se");
        says(
            "https://moten.example.se/sip/vgr-2026-0231",
            "moten punkt example punkt se snedstreck sip snedstreck vgr bindestreck två noll två sex bindestreck noll två tre ett",
        );
        says("www.example.se/sip.", "www punkt example punkt se snedstreck sip.");
        says("maria_holm@region.example.se,", "maria understreck holm snabel-a region punkt example punkt se,");
    }

    #[test]
    fn abbreviations() {
        says("t.ex. en rollator", "till exempel en rollator");
        says("bl.a. boende", "bland annat boende");
        says("fr.o.m. 1 april", "från och med den första april");
        says("t.o.m. maj", "till och med maj");
        says("kl. 10", "klockan tio");
        says("(t.ex. hemtjänst)", "(till exempel hemtjänst)");
        says("ca 20 minuter", "cirka tjugo minuter");
        says("osv.", "och så vidare");
        says("rum nr 3", "rum nummer tre");
    }

    #[test]
    fn short_forms_in_capitals() {
        says("Samordnad individuell plan (SIP)", "Samordnad individuell plan (sipp)");
        says("insatser enligt LSS.", "insatser enligt ell ess ess.");
        says("HSL och SoL", "hå ess ell och ess o ell");
    }

    #[test]
    fn numbers_with_units() {
        says("5 mg", "fem milligram");
        says("30 %", "trettio procent");
        says("30%", "trettio procent");
        says("1,5 km", "ett komma fem kilometer");
        says("2 ggr i veckan", "två gånger i veckan");
        says("1 gång", "en gång");
        says("1 vecka.", "en vecka.");
        says("1 år", "ett år");
        says("1 tim.", "en timme.");
        says("200 kr", "tvåhundra kronor");
        says("3 st.", "tre stycken.");
    }

    #[test]
    fn ranges_and_plain_numbers() {
        says("1–3 veckor", "ett till tre veckor");
        says("Mål 2:", "Mål två:");
        says("Version 12,", "Version tolv,");
    }

    #[test]
    fn a_personnummer_is_read_figure_by_figure() {
        says("Personnummer: 19710315-0004", "Personnummer: ett nio sju ett noll tre ett fem, noll noll noll fyra");
        says("710315-0004", "sju ett noll tre ett fem, noll noll noll fyra");
        says("197103150004", "ett nio sju ett noll tre ett fem, noll noll noll fyra");
    }

    #[test]
    fn case_ids() {
        says("Ärende KLM-2026-0042", "Ärende kå ell em, tvåtusentjugosex, noll noll fyra två");
        says("VGR-2026-0231.", "ve ge ärr, tvåtusentjugosex, noll två tre ett.");
    }

    #[test]
    fn separators_become_pauses() {
        says(
            "Telefon 031-342 00 00 · E-post a@b.se",
            "Telefon noll tre ett, tre fyra två, noll noll, noll noll, E-post a snabel-a b punkt se",
        );
        says("Aron & Greta", "Aron och Greta");
    }

    #[test]
    fn plain_text_is_left_alone() {
        says("Peter vill bo i en egen lägenhet i Kalmar.", "Peter vill bo i en egen lägenhet i Kalmar.");
        says("Kan du inte komma?", "Kan du inte komma?");
    }
}
