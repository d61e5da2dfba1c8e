//! Reverse translation: braille cells back to text, with samplan's own reverse table.
//! Used to check that every braille file reads back as its source. Where braille
//! writes several characters the same way (’ and ', — and –), the text comes back in
//! one canonical form; [`canonical`] gives that form of a source text.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::table::{BLANK, CAPITAL, Cell, DOT3, LETTER, NUMBER, cells};
use super::translate::digit_cell;

struct Reverse {
    letters: HashMap<Vec<Cell>, char>,
    signs: HashMap<Vec<Cell>, char>,
    longest: usize,
}

/// Letters and signs in the order they win when they share cells.
const LETTERS: &str = "abcdefghijklmnopqrstuvwxyzåäöéèàüáâãāǎćçĉčďëêẽěėēíìïîīĺñňóòôõŕřťúùûūýỳÿžøœßðþ";
const SIGNS: &str = "!\"'(),-.:;?[]{}«»–#€$%‰&*_@^\\|¢£¥§©®™°²³¹+/<=>~×½¼¾´`¨¸æ→←";

static REVERSE: LazyLock<Reverse> = LazyLock::new(|| {
    let mut letters = HashMap::new();
    let mut signs = HashMap::new();
    for c in LETTERS.chars() {
        if let super::table::Kind::Letter { cells, .. } = super::table::kind(c) {
            letters.entry(cells).or_insert(c);
        }
    }
    for c in SIGNS.chars() {
        if let super::table::Kind::Sign(cells) = super::table::kind(c) {
            signs.entry(cells).or_insert(c);
        }
    }
    let longest = letters.keys().chain(signs.keys()).map(Vec::len).max().unwrap_or(1);
    Reverse { letters, signs, longest }
});

/// The form a text comes back in after a round trip through braille.
pub fn canonical(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut text = text.replace(" -- ", "–").replace("--", "–");
    for pattern in ["...", "---", "___"] {
        // A whole number of repetitions is written as one (see translate).
        let doubled = pattern.repeat(2);
        while text.contains(&doubled) {
            text = text.replace(&doubled, pattern);
        }
    }
    for c in text.chars() {
        match c {
            '—' => out.push('–'),
            '…' => out.push_str("..."),
            '’' | '‘' => out.push('\''),
            '“' | '”' | '„' | '‟' => out.push('"'),
            '÷' => out.push('/'),
            '¤' => out.push('€'),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\t' | '\u{a0}' | '\u{2000}'..='\u{200b}' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Caps {
    None,
    Letter,
    Word,
    Passage,
}

/// Translates one line of cells back to text.
pub fn back_translate(line: &[Cell]) -> String {
    let r = &*REVERSE;
    let digits: HashMap<Cell, char> = (0..10u8).map(|d| (digit_cell(d), char::from(b'0' + d))).collect();
    let mut out = String::new();
    let mut caps = Caps::None;
    let mut numeric = false;
    let mut i = 0;
    while i < line.len() {
        let c = line[i];
        let next = line.get(i + 1).copied();
        if caps == Caps::Passage && c == LETTER && next.is_none_or(|n| n == BLANK) {
            caps = Caps::None;
            numeric = false;
            i += 1;
            continue;
        }
        if c == CAPITAL && next.is_some_and(|n| n == cells("23456")[0]) {
            out.push('}');
            i += 2;
            continue;
        }
        if c == CAPITAL
            && next.is_some_and(|n| n == cells("12356")[0])
            && line[i + 2..].windows(2).any(|w| w == cells("6-23456").as_slice())
        {
            out.push('{');
            i += 2;
            continue;
        }
        if c == CAPITAL {
            let run = line[i..].iter().take_while(|&&x| x == CAPITAL).count().min(3);
            caps = match run {
                3 => Caps::Passage,
                2 => Caps::Word,
                _ => Caps::Letter,
            };
            numeric = false;
            i += run;
            continue;
        }
        if c == NUMBER {
            numeric = true;
            i += 1;
            continue;
        }
        if numeric {
            if let Some(d) = digits.get(&c) {
                out.push(*d);
                i += 1;
                continue;
            }
            if c == DOT3 || c == 0b10 {
                out.push(if c == DOT3 { '.' } else { ',' });
                i += 1;
                continue;
            }
            numeric = false;
            if c == LETTER {
                i += 1;
                continue;
            }
        }
        if c == LETTER && caps == Caps::Word {
            caps = Caps::None;
            i += 1;
            continue;
        }
        if c == BLANK {
            out.push(' ');
            if caps != Caps::Passage {
                caps = Caps::None;
            }
            i += 1;
            continue;
        }
        let after_letter = out.chars().last().is_some_and(char::is_alphabetic);
        let (text, used, is_letter) = longest_match(r, &line[i..], after_letter);
        if is_letter {
            let upper = caps != Caps::None;
            if upper {
                out.extend(text.to_uppercase());
            } else {
                out.push(text);
            }
            if caps == Caps::Letter {
                caps = Caps::None;
            }
        } else {
            out.push(text);
            if caps == Caps::Word || caps == Caps::Letter {
                caps = Caps::None;
            }
        }
        i += used;
    }
    out
}

/// The longest letter or sign at the start of `cells`: (character, cells used, letter?).
/// Braille writes some signs like letters; context decides: `<` and `>` (ö. and o,)
/// only stand where a word does not go on, and `[`/`{` (à, À) only open a bracket that
/// closes later on the line.
fn longest_match(r: &Reverse, cells_left: &[Cell], after_letter: bool) -> (char, usize, bool) {
    let closes_later = |close: &[Cell]| cells_left.windows(close.len()).skip(1).any(|w| w == close);
    for len in (1..=r.longest.min(cells_left.len())).rev() {
        let key = &cells_left[..len];
        if let Some(&c) = r.signs.get(key) {
            let plausible = match c {
                '<' | '>' => !after_letter,
                '[' => closes_later(&cells("23456")),
                '{' => closes_later(&cells("6-23456")),
                _ => true,
            };
            if plausible && (len > 1 || !r.letters.contains_key(key) || matches!(c, '[' | '{')) {
                return (c, len, false);
            }
        }
        if let Some(&c) = r.letters.get(key) {
            return (c, len, true);
        }
    }
    ('\u{fffd}', 1, false)
}

/// Dot notation of the end-of-capitals sign, for documentation.
pub fn letter_sign() -> Vec<Cell> {
    cells("156")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::braille::translate;

    #[test]
    fn round_trips() {
        for text in [
            "Hej Peter, välkommen till mötet fredag 20 mars 2026 kl. 13.00–14.30.",
            "Ring Lisa Lind på 0480-11 11 11 eller skriv till lisa.lind@example.se.",
            "SIP betyder samordnad individuell plan. Ärende KLM-2026-0042, version 2.",
            "DE TRE ORDEN HÄR och ABCdef och (HEJ HEJ HEJ) och A1 B2 C3.",
            "1a 2k 3b, 12,5 %, 3:e plats, 1.000.000 kr, https://example.se/sip?x=1",
            "Åsa Öberg & Émile Müller – 50 € – §3 – \"citat\" – 'enkla'.",
        ] {
            assert_eq!(back_translate(&translate(text)), canonical(text), "{text}");
        }
    }
}
