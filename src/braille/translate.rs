//! Swedish text to uncontracted six-dot braille (fullskrift), by the rules of Svenska
//! skrivregler för punktskrift as liblouis's `sv-g0.utb` (made with the Swedish Braille
//! Authority) applies them:
//!
//! - **Capitals.** One capital letter: the capital sign (6). Two or more capitals in a
//!   row: the capital-word sign (6-6), and if a small letter follows directly, the
//!   end sign (156) before it. Three or more consecutive words written entirely in
//!   capitals: the capital-passage sign (6-6-6) before the first capital and the end
//!   sign (156) after the last word, with no signs inside.
//! - **Numbers.** The number sign (3456) before a run of digits, which are written as
//!   a–j. A period, comma or no-break space between digits keeps the number going
//!   (the no-break space becomes dot 3). A small letter a–j directly after a number
//!   gets the letter sign (156) so it is not read as a digit.
//! - Spaced double hyphen (` -- `) becomes a dash (36-36) without the spaces; a run of
//!   `...`, `---` or `___` repeated a whole number of times is written once.
//!
//! One output cell sequence per input line; no wrapping (see [`super::format`]).

use super::table::{BLANK, CAPITAL, Cell, DOT3, Kind, LETTER, NUMBER, UNKNOWN, kind};

/// Translates one line of text.
pub fn translate(text: &str) -> Vec<Cell> {
    translate_with_spaces(text).0
}

/// Translates one line of text, and says for each blank cell of the result, in order,
/// which character of `text` (its index among the chars) it stands for: the layout
/// uses this to keep words joined by a space that must not break a line.
pub fn translate_with_spaces(text: &str) -> (Vec<Cell>, Vec<usize>) {
    let mut spaces = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let kinds: Vec<Kind> = chars.iter().map(|&c| kind(c)).collect();
    let phrase = capital_passages(&kinds);
    let mut out = Vec::with_capacity(chars.len() * 2);
    let mut numeric = false;
    let mut i = 0;
    while i < chars.len() {
        if chars[i..].starts_with(&[' ', '-', '-', ' ']) {
            out.extend([0b10_0100, 0b10_0100]);
            numeric = false;
            i += 4;
            continue;
        }
        if let Some(pattern) = REPEATED.iter().find(|p| chars[i..].starts_with(&p[..])) {
            // A run of a repeated sign (`...`, `---`, `___`) is written once for every
            // whole number of repetitions.
            let times = chars[i..].chunks(3).take_while(|c| *c == &pattern[..]).count();
            if let Kind::Sign(cells) = &kinds[i] {
                for _ in 0..3 {
                    out.extend_from_slice(cells);
                }
            }
            numeric = numeric && pattern[0] == '.';
            i += 3 * times;
            continue;
        }
        if phrase.starts[i] {
            out.extend([CAPITAL, CAPITAL, CAPITAL]);
        }
        match &kinds[i] {
            Kind::Letter { cells, upper } => {
                if *upper && !phrase.inside[i] && !is_capital(&kinds, i.wrapping_sub(1), &phrase.inside) {
                    let run = (i..chars.len()).take_while(|&j| is_capital(&kinds, j, &phrase.inside)).count();
                    if run == 1 {
                        out.push(CAPITAL);
                    } else {
                        out.extend([CAPITAL, CAPITAL]);
                    }
                }
                if !*upper {
                    let after_number = numeric && ('a'..='j').contains(&chars[i]);
                    let after_capitals = i >= 2
                        && is_capital(&kinds, i - 1, &phrase.inside)
                        && is_capital(&kinds, i - 2, &phrase.inside);
                    if after_number || after_capitals {
                        out.push(LETTER);
                    }
                }
                out.extend_from_slice(cells);
                numeric = false;
            }
            Kind::Digit(d) => {
                if !numeric {
                    out.push(NUMBER);
                }
                out.push(digit_cell(*d));
                numeric = true;
            }
            Kind::Space => {
                if numeric && chars[i] == '\u{a0}' {
                    out.push(DOT3);
                } else {
                    out.push(BLANK);
                    spaces.push(i);
                    numeric = false;
                }
            }
            Kind::Sign(cells) => {
                out.extend_from_slice(cells);
                numeric = numeric && matches!(chars[i], '.' | ',');
            }
            Kind::Unknown => {
                out.push(UNKNOWN);
                numeric = false;
            }
        }
        if phrase.ends[i] {
            out.push(LETTER);
        }
        i += 1;
    }
    (out, spaces)
}

/// Signs whose repetition is written as three, however many there are.
const REPEATED: [[char; 3]; 3] = [['.', '.', '.'], ['-', '-', '-'], ['_', '_', '_']];

/// The cell of digit `d` (1 = a … 9 = i, 0 = j).
pub fn digit_cell(d: u8) -> Cell {
    const CELLS: [Cell; 10] = [0b1_1010, 0b1, 0b11, 0b1001, 0b1_1001, 0b1_0001, 0b1011, 0b1_1011, 0b1_0011, 0b1010];
    CELLS[usize::from(d % 10)]
}

fn is_capital(kinds: &[Kind], i: usize, inside: &[bool]) -> bool {
    matches!(kinds.get(i), Some(Kind::Letter { upper: true, .. })) && !inside[i]
}

/// Where capital passages start and end, and which characters they cover.
struct Passages {
    starts: Vec<bool>,
    ends: Vec<bool>,
    inside: Vec<bool>,
}

/// Finds runs of three or more consecutive space-separated words that have capitals
/// and no small letters.
fn capital_passages(kinds: &[Kind]) -> Passages {
    let n = kinds.len();
    let mut p = Passages { starts: vec![false; n], ends: vec![false; n], inside: vec![false; n] };
    let mut words: Vec<(usize, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < n {
        if kinds[i] == Kind::Space {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && kinds[i] != Kind::Space {
            i += 1;
        }
        let word = &kinds[start..i];
        let has_upper = word.iter().any(|k| matches!(k, Kind::Letter { upper: true, .. }));
        let has_lower = word.iter().any(|k| matches!(k, Kind::Letter { upper: false, .. }));
        words.push((start, i, has_upper && !has_lower));
    }
    let mut w = 0;
    while w < words.len() {
        if !words[w].2 {
            w += 1;
            continue;
        }
        let first = w;
        while w < words.len() && words[w].2 {
            w += 1;
        }
        if w - first >= 3 {
            let (start, _, _) = words[first];
            let (_, end, _) = words[w - 1];
            let first_capital =
                (start..end).find(|&j| matches!(kinds[j], Kind::Letter { upper: true, .. })).unwrap_or(start);
            p.starts[first_capital] = true;
            p.ends[end - 1] = true;
            for flag in &mut p.inside[start..end] {
                *flag = true;
            }
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::braille::table::unicode_string;

    fn t(text: &str) -> String {
        unicode_string(&translate(text))
    }

    /// Each pair was checked against liblouis sv-g0.utb.
    #[test]
    fn agrees_with_the_swedish_rules() {
        let cases = [
            ("Hej", "⠠⠓⠑⠚"),
            ("HEJ då", "⠠⠠⠓⠑⠚⠀⠙⠡"),
            ("ABCdef", "⠠⠠⠁⠃⠉⠱⠙⠑⠋"),
            ("EU och FN och USA", "⠠⠠⠑⠥⠀⠕⠉⠓⠀⠠⠠⠋⠝⠀⠕⠉⠓⠀⠠⠠⠥⠎⠁"),
            ("DE TRE ORDEN HÄR", "⠠⠠⠠⠙⠑⠀⠞⠗⠑⠀⠕⠗⠙⠑⠝⠀⠓⠜⠗⠱"),
            ("kl. 13.00–14.30", "⠅⠇⠄⠀⠼⠁⠉⠄⠚⠚⠤⠤⠼⠁⠙⠄⠉⠚"),
            ("070-123 45 67", "⠼⠚⠛⠚⠤⠼⠁⠃⠉⠀⠼⠙⠑⠀⠼⠋⠛"),
            ("1a 2k 3b", "⠼⠁⠱⠁⠀⠼⠃⠅⠀⠼⠉⠱⠃"),
            ("12,5 %", "⠼⠁⠃⠂⠑⠀⠹"),
            ("3:e", "⠼⠉⠒⠑"),
            ("anna.ek@example.se", "⠁⠝⠝⠁⠄⠑⠅⠘⠷⠑⠭⠁⠍⠏⠇⠑⠄⠎⠑"),
            ("Peter (55)", "⠠⠏⠑⠞⠑⠗⠀⠦⠼⠑⠑⠴"),
            ("\"citat\"", "⠰⠉⠊⠞⠁⠞⠰"),
            ("A4", "⠠⠁⠼⠙"),
            ("ÅÄÖ åäö é ü", "⠠⠠⠡⠜⠪⠀⠡⠜⠪⠀⠿⠀⠳"),
            ("KLM-2026-0042", "⠠⠠⠅⠇⠍⠤⠼⠃⠚⠃⠋⠤⠼⠚⠚⠙⠃"),
            ("A B C", "⠠⠠⠠⠁⠀⠃⠀⠉⠱"),
            ("TVÅ TRE FYRA.", "⠠⠠⠠⠞⠧⠡⠀⠞⠗⠑⠀⠋⠽⠗⠁⠄⠱"),
            ("HEJ-HEJ-HEJ", "⠠⠠⠓⠑⠚⠤⠠⠠⠓⠑⠚⠤⠠⠠⠓⠑⠚"),
            ("abc123def", "⠁⠃⠉⠼⠁⠃⠉⠱⠙⠑⠋"),
            ("1.a", "⠼⠁⠄⠱⠁"),
            ("SoL", "⠠⠎⠕⠠⠇"),
            ("(HEJ HEJ HEJ)", "⠦⠠⠠⠠⠓⠑⠚⠀⠓⠑⠚⠀⠓⠑⠚⠴⠱"),
            ("A1 B2 C3", "⠠⠠⠠⠁⠼⠁⠀⠃⠼⠃⠀⠉⠼⠉⠱"),
            ("HEJ'S", "⠠⠠⠓⠑⠚⠐⠠⠎"),
            ("1..2", "⠼⠁⠄⠄⠃"),
            ("1’a", "⠼⠁⠐⠁"),
            ("a -- b", "⠁⠤⠤⠃"),
            ("5\u{a0}000", "⠼⠑⠄⠚⠚⠚"),
            ("x 😀 y", "⠭⠀⣤⠀⠽"),
            ("ŠA", "⠠⠠⠱⠁"),
            ("«citat»", "⠘⠶⠉⠊⠞⠁⠞⠶⠃"),
            ("#1", "⠘⠼⠼⠁"),
            ("____", "⠘⠤⠘⠤⠘⠤⠘⠤"),
            ("______", "⠘⠤⠘⠤⠘⠤"),
            ("......", "⠄⠄⠄"),
            ("a.....", "⠁⠄⠄⠄⠄⠄"),
            ("1...2", "⠼⠁⠄⠄⠄⠃"),
        ];
        for (text, want) in cases {
            assert_eq!(t(text), want, "{text}");
        }
    }
}
