//! LIX, the Swedish readability index (läsbarhetsindex, Björnsson):
//! words / sentences + 100 × long words / words, where a long word has more than six
//! letters. Also splits text into sentences so `check` can flag long ones.
//!
//! Counting rules: a word is a space-separated token with at least one letter or digit
//! (leading and trailing punctuation ignored; numbers count as words but have no
//! letters, so never as long words). A sentence ends at `.`, `!`, `?` or `:` followed by
//! white space or the end of the text, and at a line break — a heading or list item is
//! a sentence of its own. A full stop that belongs to a known abbreviation (`t.ex.`,
//! `kl.`, `bl.a.` …) ends no sentence unless it ends the text or the line.

use serde::Serialize;

/// The counts and the index.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Lix {
    /// Number of words.
    #[serde(rename = "ord")]
    pub words: usize,
    /// Number of sentences.
    #[serde(rename = "meningar")]
    pub sentences: usize,
    /// Words with more than six letters.
    #[serde(rename = "långa_ord")]
    pub long_words: usize,
    /// The index, rounded to one decimal.
    pub lix: f64,
}

/// Abbreviations whose final full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "t.ex.", "bl.a.", "m.m.", "o.s.v.", "osv.", "dvs.", "d.v.s.", "kl.", "ca.", "resp.", "s.k.", "jfr.", "nr.", "tel.",
    "obs.", "f.d.", "fr.o.m.", "t.o.m.", "p.g.a.", "pga.", "enl.", "st.", "kap.", "tfn.", "m.fl.", "etc.",
];

/// Splits text into sentences, each a list of its words (punctuation trimmed).
pub fn sentences(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current: Vec<String> = Vec::new();
        let tokens: Vec<&str> = line.split_whitespace().collect();
        for (i, token) in tokens.iter().enumerate() {
            let word: String = token.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            if !word.is_empty() {
                current.push(word);
            }
            let last_on_line = i + 1 == tokens.len();
            let ends = token.ends_with(['.', '!', '?', ':']);
            let abbreviation = ABBREVIATIONS.contains(&token.to_lowercase().as_str());
            if ends && (!abbreviation || last_on_line) && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// Whether a word is long: more than six letters.
pub fn is_long(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 6
}

/// LIX of a text.
pub fn lix(text: &str) -> Lix {
    let sentences = sentences(text);
    let words: Vec<&String> = sentences.iter().flatten().collect();
    let long_words = words.iter().filter(|w| is_long(w)).count();
    let (w, s) = (words.len(), sentences.len());
    let index = if w == 0 { 0.0 } else { w as f64 / s as f64 + 100.0 * long_words as f64 / w as f64 };
    Lix { words: w, sentences: s, long_words, lix: (index * 10.0).round() / 10.0 }
}

/// The longest sentence's word count.
pub fn longest_sentence(text: &str) -> usize {
    sentences(text).iter().map(Vec::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_simple_text_counted_by_hand() {
        // 8 words, 2 sentences, long: "lägenhet" (8 letters) → 8/2 + 100·1/8 = 4 + 12.5
        let l = lix("Peter vill ha en lägenhet. Han bor nu.");
        assert_eq!((l.words, l.sentences, l.long_words), (8, 2, 1));
        assert_eq!(l.lix, 16.5);
    }

    #[test]
    fn six_letters_is_not_long_seven_is() {
        assert!(!is_long("möten,"));
        assert!(!is_long("insats"));
        assert!(is_long("insatse"));
        assert!(!is_long("1234567"), "digits are not letters");
        assert!(is_long("e-postadress"));
    }

    #[test]
    fn punctuation_and_numbers() {
        // "Mötet är kl. 13.00 den 20 mars!" — kl. is an abbreviation, 13.00 a number:
        // words: Mötet är kl 13.00 den 20 mars = 7; one sentence; no long word.
        let l = lix("Mötet är kl. 13.00 den 20 mars!");
        assert_eq!((l.words, l.sentences, l.long_words), (7, 1, 0));
        assert_eq!(l.lix, 7.0);
        // Question and exclamation marks and colons end sentences.
        let l = lix("Vem kommer? Alla kommer! Så här: vi ses.");
        assert_eq!((l.words, l.sentences), (8, 4));
    }

    #[test]
    fn abbreviations_with_full_stops_do_not_end_sentences() {
        // 8 words, 1 sentence: "t.ex." and "bl.a." are inside it.
        let l = lix("Ta med t.ex. intyg och bl.a. din läkemedelslista.");
        assert_eq!((l.words, l.sentences), (8, 1));
        // An abbreviation at the end still ends the sentence.
        let l = lix("Vi ses osv.");
        assert_eq!(l.sentences, 1);
    }

    #[test]
    fn line_breaks_without_full_stops_end_sentences() {
        // A heading and two list items: three sentences of 3, 2 and 2 words.
        let l = lix("Vem kommer på\nLisa Lind\nAnna Ek");
        assert_eq!((l.words, l.sentences), (7, 3));
        assert_eq!(longest_sentence("Vem kommer på\nLisa Lind"), 3);
        // 7/3 + 100·0/7 = 2.333… → 2.3
        assert_eq!(l.lix, 2.3);
    }

    #[test]
    fn a_hard_text_scores_high() {
        let l = lix("Samordningsansvarig personal dokumenterar överenskommelsen rörande rehabiliteringsinsatserna.");
        // 6 words, 1 sentence, all 6 long (rörande has 7 letters): 6 + 100·6/6 = 106
        assert_eq!((l.words, l.sentences, l.long_words), (6, 1, 6));
        assert_eq!(l.lix, 106.0);
    }

    #[test]
    fn empty_text_is_zero() {
        assert_eq!(lix("").lix, 0.0);
        assert_eq!(lix("  \n ").words, 0);
    }
}
