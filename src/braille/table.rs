//! The Swedish six-dot braille character table (Svenska skrivregler för punktskrift,
//! fullskrift): what each character is — letter, digit, space or other sign — and its
//! cells. Cells are bit masks, dot 1 = bit 0 … dot 8 = bit 7 (as in Unicode braille).

use std::collections::HashMap;
use std::sync::LazyLock;

/// A braille cell: dots 1–8 as bits 0–7.
pub type Cell = u8;

/// The capital sign (dot 6).
pub const CAPITAL: Cell = 0b10_0000;
/// The number sign (dots 3456).
pub const NUMBER: Cell = 0b11_1100;
/// The letter sign after numbers, end-of-capitals sign (dots 156).
pub const LETTER: Cell = 0b11_0001;
/// The blank cell.
pub const BLANK: Cell = 0;
/// Dot 3, the period and the group separator inside numbers.
pub const DOT3: Cell = 0b100;
/// Dots 3678: a character the table does not know.
pub const UNKNOWN: Cell = 0b1110_0100;

/// What a character is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A letter with its (lower-case) cells; `upper` when it is a capital.
    Letter { cells: Vec<Cell>, upper: bool },
    /// A digit 0–9.
    Digit(u8),
    /// White space.
    Space,
    /// Punctuation or another sign.
    Sign(Vec<Cell>),
    /// Not in the table.
    Unknown,
}

/// Parses dot notation such as `346-35-1` into cells.
pub fn cells(notation: &str) -> Vec<Cell> {
    notation
        .split('-')
        .map(|cell| {
            cell.chars().fold(0u8, |acc, d| match d.to_digit(10) {
                Some(n @ 1..=8) => acc | (1 << (n - 1)),
                _ => acc,
            })
        })
        .collect()
}

/// The cells of digits 1…9, 0 (the letters a–j).
pub const DIGITS: [&str; 10] = ["245", "1", "12", "14", "145", "15", "124", "1245", "125", "24"];

const LOWER: &[(char, &str)] = &[
    ('a', "1"),
    ('b', "12"),
    ('c', "14"),
    ('d', "145"),
    ('e', "15"),
    ('f', "124"),
    ('g', "1245"),
    ('h', "125"),
    ('i', "24"),
    ('j', "245"),
    ('k', "13"),
    ('l', "123"),
    ('m', "134"),
    ('n', "1345"),
    ('o', "135"),
    ('p', "1234"),
    ('q', "12345"),
    ('r', "1235"),
    ('s', "234"),
    ('t', "2345"),
    ('u', "136"),
    ('v', "1236"),
    ('w', "2456"),
    ('x', "1346"),
    ('y', "13456"),
    ('z', "1356"),
    ('å', "16"),
    ('ä', "345"),
    ('ö', "246"),
    ('é', "123456"),
    ('è', "2346"),
    ('à', "12356"),
    ('ü', "1256"),
    ('š', "156"),
    // Accented letters: an accent sign (346 + accent) before the base letter.
    ('á', "346-35-1"),
    ('â', "346-235-1"),
    ('ã', "346-25-1"),
    ('ā', "346-36-1"),
    ('ǎ', "346-2356-1"),
    ('ć', "346-35-14"),
    ('ç', "126-2-14"),
    ('ĉ', "346-235-14"),
    ('č', "346-2356-14"),
    ('ď', "346-2356-145"),
    ('ë', "346-23-15"),
    ('ê', "346-235-15"),
    ('ẽ', "346-25-15"),
    ('ě', "346-2356-15"),
    ('ė', "346-3-15"),
    ('ē', "346-36-15"),
    ('í', "346-35-24"),
    ('ì', "346-26-24"),
    ('ï', "346-23-24"),
    ('î', "346-235-24"),
    ('ī', "346-36-24"),
    ('ĺ', "346-35-123"),
    ('ñ', "346-25-1345"),
    ('ň', "346-2356-1345"),
    ('ó', "346-35-135"),
    ('ò', "346-26-135"),
    ('ô', "346-235-135"),
    ('õ', "346-25-135"),
    ('ŕ', "346-35-1235"),
    ('ř', "4-1235"),
    ('ť', "346-2356-2345"),
    ('ú', "346-35-136"),
    ('ù', "346-26-136"),
    ('û', "346-235-136"),
    ('ū', "346-36-136"),
    ('ý', "346-35-13456"),
    ('ỳ', "346-26-13456"),
    ('ÿ', "346-23-13456"),
    ('ž', "346-2356-2346"),
    ('ø', "4-135"),
    ('œ', "4-246"),
    ('ß', "4-234"),
    ('ð', "4-145"),
    ('þ', "4-2345"),
];

/// Lower-case letters whose capital the table also knows (the others, such as ø, have
/// no capital form in Swedish braille and are unknown as capitals).
const HAS_CAPITAL: &str = "abcdefghijklmnopqrstuvwxyzåäöéèàüšáâãāǎćçĉčďëêẽěėēíìïîīĺñóòôõřťúùûūýỳÿž";

const SIGNS: &[(char, &str)] = &[
    ('!', "235"),
    ('"', "56"),
    ('\'', "5"),
    ('(', "236"),
    (')', "356"),
    (',', "2"),
    ('-', "36"),
    ('.', "3"),
    (':', "25"),
    (';', "23"),
    ('?', "26"),
    ('[', "12356"),
    (']', "23456"),
    ('{', "6-12356"),
    ('}', "6-23456"),
    ('«', "45-2356"),
    ('»', "2356-12"),
    ('\u{2010}', "46"),
    ('\u{2011}', "46"),
    ('–', "36-36"),
    ('—', "36-36"),
    ('‘', "5"),
    ('’', "5"),
    ('“', "56"),
    ('”', "56"),
    ('„', "56"),
    ('‟', "56"),
    ('…', "3-3-3"),
    ('#', "45-3456"),
    ('€', "45-15"),
    ('$', "45-234"),
    ('%', "1456"),
    ('‰', "1456-1456"),
    ('&', "12346"),
    ('*', "35"),
    ('_', "45-36"),
    ('@', "45-12356"),
    ('^', "4"),
    ('\\', "45-34"),
    ('|', "456"),
    ('¢', "45-14"),
    ('£', "45-123"),
    ('¤', "45-15"),
    ('¥', "45-13456"),
    ('§', "346"),
    ('©', "236-14-356"),
    ('®', "236-1235-356"),
    ('™', "236-2345-134-356"),
    ('°', "4-356"),
    ('²', "4-6-126"),
    ('³', "4-6-146"),
    ('¹', "4-6-16"),
    ('+', "256"),
    ('/', "34"),
    ('<', "246-3"),
    ('=', "2356"),
    ('>', "135-2"),
    ('~', "45-25"),
    ('×', "12456-1346"),
    ('÷', "34"),
    ('½', "3456-1-34-3456-12"),
    ('¼', "3456-1-34-3456-145"),
    ('¾', "3456-14-34-3456-145"),
    ('•', "123456"),
    ('´', "45-35"),
    ('`', "45-26"),
    ('¨', "45-23"),
    ('¸', "45-2"),
    ('æ', "4-345"),
    ('→', "25-135"),
    ('←', "246-25"),
    ('○', "12456-1245"),
];

struct Table {
    ascii: Vec<Kind>,
    other: HashMap<char, Kind>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut map: HashMap<char, Kind> = HashMap::new();
    for (c, dots) in LOWER {
        map.insert(*c, Kind::Letter { cells: cells(dots), upper: false });
        if HAS_CAPITAL.contains(*c) {
            for upper in c.to_uppercase() {
                map.insert(upper, Kind::Letter { cells: cells(dots), upper: true });
            }
        }
    }
    for (c, dots) in SIGNS {
        map.insert(*c, Kind::Sign(cells(dots)));
    }
    for d in 0..10u8 {
        map.insert(char::from(b'0' + d), Kind::Digit(d));
    }
    for c in [' ', '\t', '\n', '\r', '\u{0b}', '\u{0c}', '\u{a0}'] {
        map.insert(c, Kind::Space);
    }
    for c in '\u{2000}'..='\u{200b}' {
        map.insert(c, Kind::Space);
    }
    let ascii = (0u8..128).map(|b| map.get(&char::from(b)).cloned().unwrap_or(Kind::Unknown)).collect();
    Table { ascii, other: map }
});

/// What `c` is in Swedish braille.
pub fn kind(c: char) -> Kind {
    let t = &*TABLE;
    if (c as u32) < 128 {
        return t.ascii[c as usize].clone();
    }
    if let Some(k) = t.other.get(&c) {
        return k.clone();
    }
    if ('\u{2800}'..='\u{28ff}').contains(&c) {
        // Braille patterns stand for themselves.
        return Kind::Sign(vec![(c as u32 - 0x2800) as u8]);
    }
    Kind::Unknown
}

/// A cell as a Unicode braille character.
pub fn to_unicode(cell: Cell) -> char {
    char::from_u32(0x2800 + u32::from(cell)).unwrap_or('\u{2800}')
}

/// Cells as Unicode braille text.
pub fn unicode_string(cells: &[Cell]) -> String {
    cells.iter().map(|&c| to_unicode(c)).collect()
}

/// North American Braille ASCII, indexed by the six-dot pattern (the BRF encoding).
const BRAILLE_ASCII: &[u8; 64] = b" A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)=";

/// A cell in Braille ASCII; dots 7 and 8 cannot be shown there and are dropped.
pub fn to_braille_ascii(cell: Cell) -> char {
    char::from(BRAILLE_ASCII[usize::from(cell & 0x3f)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_notation_parses() {
        assert_eq!(cells("1"), vec![0x01]);
        assert_eq!(cells("3456"), vec![NUMBER]);
        assert_eq!(cells("346-35-1"), vec![0b10_1100, 0b1_0100, 1]);
        assert_eq!(cells("3678"), vec![UNKNOWN]);
    }

    #[test]
    fn letters_and_capitals() {
        assert_eq!(kind('å'), Kind::Letter { cells: vec![0b10_0001], upper: false });
        assert_eq!(kind('Ö'), Kind::Letter { cells: cells("246"), upper: true });
        assert_eq!(kind('Ø'), Kind::Unknown, "ø has no capital form in the table");
        assert_eq!(kind('7'), Kind::Digit(7));
        assert_eq!(kind('😀'), Kind::Unknown);
    }

    #[test]
    fn braille_ascii_matches_the_standard() {
        assert_eq!(to_braille_ascii(cells("1")[0]), 'A');
        assert_eq!(to_braille_ascii(NUMBER), '#');
        assert_eq!(to_braille_ascii(BLANK), ' ');
        assert_eq!(to_braille_ascii(cells("123456")[0]), '=');
    }
}
