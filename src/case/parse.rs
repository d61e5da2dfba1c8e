//! From case text to the typed model, with every failure turned into a Swedish
//! diagnostic at the right line, column and key path. The YAML is deserialised by
//! serde_yaml (which refuses alias bombs and over-deep nesting); serde_path_to_error
//! gives the key path; the [`PositionIndex`] gives the position of that path.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use super::model::{CaseFile, FileKind, InfoCase, PlanCase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Pos, PositionIndex};

/// A case file read, ready for the rules. Positions are worked out only when a
/// diagnostic needs one, so a clean case is parsed once.
#[derive(Debug)]
pub struct LoadedCase {
    /// The typed case.
    pub case: CaseFile,
    text: String,
    index: OnceLock<PositionIndex>,
}

impl LoadedCase {
    /// Where each key stands (built on first use).
    pub fn index(&self) -> &PositionIndex {
        self.index.get_or_init(|| PositionIndex::build(&self.text))
    }

    /// The case text.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// The kind a file says it is, from a top-level `typ:` line; block-style files (all
/// real ones) are told apart without a second parse.
fn kind_hint(text: &str) -> Result<FileKind, String> {
    let value = text
        .lines()
        .find_map(|l| l.strip_prefix("typ:"))
        .map(|v| v.split('#').next().unwrap_or("").trim().trim_matches(['"', '\'']));
    match value {
        None | Some("plan") | Some("") => Ok(FileKind::Plan),
        Some("information") => Ok(FileKind::Information),
        Some(other) => Err(other.to_string()),
    }
}

/// Parses case text. `file` names the file in diagnostics.
pub fn parse_case(file: &str, text: &str) -> Result<LoadedCase, Box<Diagnostic>> {
    let unknown_kind = |index: &PositionIndex, other: &str| {
        let message = format!("okänd filtyp \"{}\": tillåtna värden är `plan` och `information`", short(other));
        Diagnostic::new(file, index.locate("typ"), Severity::Error, "YAML-VARDE", "typ", &message).with_source(text)
    };
    let kind = match kind_hint(text) {
        Ok(k) => k,
        Err(other) => return Err(Box::new(unknown_kind(&PositionIndex::build(text), &other))),
    };
    let index = OnceLock::new();
    let located = || index.get_or_init(|| PositionIndex::build(text));
    let result = match kind {
        FileKind::Plan => deserialize::<PlanCase>(file, text, &located).map(|c| CaseFile::Plan(Box::new(c))),
        FileKind::Information => {
            deserialize::<InfoCase>(file, text, &located).map(|c| CaseFile::Information(Box::new(c)))
        }
    };
    let case = match result {
        Ok(case) => case,
        // A flow-style file (`{typ: information, …}`) escapes the line scan: ask the
        // real parser what it is before reporting.
        Err(d) => match (kind, located().top_scalar("typ")) {
            (FileKind::Plan, Some("information")) => {
                deserialize::<InfoCase>(file, text, &located).map(|c| CaseFile::Information(Box::new(c)))?
            }
            (_, Some(other)) if other != "plan" && other != "information" => {
                return Err(Box::new(unknown_kind(located(), other)));
            }
            _ => return Err(d),
        },
    };
    Ok(LoadedCase { case, text: text.to_string(), index })
}

fn deserialize<'i, T: DeserializeOwned>(
    file: &str,
    text: &str,
    located: &dyn Fn() -> &'i PositionIndex,
) -> Result<T, Box<Diagnostic>> {
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de)
        .map_err(|err| {
            let index = located();
            let path = err.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let inner = err.into_inner();
            let yaml_pos = inner.location().map(|l| Pos { line: l.line(), column: l.column() });
            let raw = strip_location(&inner.to_string());
            let translated = translate(&raw, &path);
            let pos = if translated.rule == "YAML-DUBBLETT" {
                index.locate_duplicate(&translated.path)
            } else if translated.rule == "YAML-SYNTAX" {
                yaml_pos.unwrap_or_else(|| index.locate(&translated.path))
            } else if translated.at_key {
                index.locate_key(&translated.path)
            } else if !translated.path.is_empty() && index.contains(&translated.path) {
                index.locate(&translated.path)
            } else {
                yaml_pos.unwrap_or_else(|| index.locate(&translated.path))
            };
            Diagnostic::new(file, pos, Severity::Error, translated.rule, &translated.path, &translated.message)
                .with_source(text)
        })
        .map_err(Box::new)
}

/// serde_yaml appends " at line L column C"; the position is reported separately.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

struct Translated {
    rule: &'static str,
    path: String,
    message: String,
    at_key: bool,
}

/// Turns serde's and serde_yaml's English messages into Swedish ones that say what is
/// wrong and what is allowed.
fn translate(raw: &str, path: &str) -> Translated {
    // serde_yaml puts the key path before the message ("status: unknown variant …").
    let markers = [
        "unknown field `",
        "missing field `",
        "duplicate field `",
        "unknown variant `",
        "invalid type: ",
        "invalid value: ",
    ];
    let raw = markers.iter().filter_map(|m| raw.find(m)).min().map_or(raw, |i| &raw[i..]);
    let plain = |rule, message: String| Translated { rule, path: path.to_string(), message, at_key: false };
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (name, expected) = split_name(rest);
        let allowed = backticked(expected);
        let full = child_path(path, &name);
        let full = if path.ends_with(&name) { path.to_string() } else { full };
        let mut message = format!("okänd nyckel `{}`", short(&name));
        if let Some(best) = nearest(&name, &allowed) {
            message.push_str(&format!(" — menade du `{best}`?"));
        }
        if !allowed.is_empty() {
            message.push_str(&format!(" Tillåtna nycklar här: {}", list(&allowed)));
        }
        return Translated { rule: "YAML-OKAND-NYCKEL", path: full, message, at_key: true };
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let (name, _) = split_name(rest);
        return Translated {
            rule: "YAML-SAKNAS",
            path: child_path(path, &name),
            message: format!("nyckeln `{name}` saknas men måste finnas här"),
            at_key: false,
        };
    }
    if let Some(rest) = raw.strip_prefix("duplicate field `") {
        let (name, _) = split_name(rest);
        let full = child_path(path, &name);
        let full = if path.ends_with(&name) { path.to_string() } else { full };
        return Translated {
            rule: "YAML-DUBBLETT",
            path: full,
            message: format!("nyckeln `{name}` står två gånger; ta bort den ena"),
            at_key: false,
        };
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (name, expected) = split_name(rest);
        let allowed = backticked(expected);
        let mut message = format!("okänt värde \"{}\"", short(&name));
        if let Some(best) = nearest(&name, &allowed) {
            message.push_str(&format!(" — menade du `{best}`?"));
        }
        message.push_str(&format!(" Tillåtna värden: {}", list(&allowed)));
        return plain("YAML-VARDE", message);
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return plain(
            "YAML-TYP",
            format!("fel sorts värde: {} där det ska vara {}", type_sv(found), type_sv(expected)),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return plain(
            "YAML-VARDE",
            format!("ogiltigt värde: {} där det ska vara {}", type_sv(found), type_sv(expected)),
        );
    }
    if raw.contains("repetition limit exceeded") {
        return plain(
            "YAML-ALIAS",
            "filen använder YAML-alias (&/*) som växer till orimlig storlek; skriv ut värdena i stället".to_string(),
        );
    }
    if raw.contains("recursion limit exceeded") {
        return plain("YAML-DJUP", "filen är för djupt nästlad för att vara en ärendefil".to_string());
    }
    if raw.contains("more than one document") {
        return plain("YAML-SYNTAX", "filen innehåller flera YAML-dokument (---); ett ärende per fil".to_string());
    }
    // The key path of a syntax error is where the parser gave up, which can be far
    // from the mistake; the line and column say where it is.
    Translated {
        rule: "YAML-SYNTAX",
        path: String::new(),
        message: format!("YAML-filen går inte att läsa: {}", syntax_sv(raw)),
        at_key: false,
    }
}

fn syntax_sv(raw: &str) -> String {
    let known = [
        (
            "mapping values are not allowed in this context",
            "kolon på fel ställe — saknas ett blanksteg eller citattecken?",
        ),
        ("did not find expected key", "indraget stämmer inte; nycklar på samma nivå ska börja i samma kolumn"),
        (
            "found character that cannot start any token",
            "ett tecken som inte får inleda ett värde (t.ex. tabb, @ eller `); sätt värdet inom citattecken",
        ),
        (
            "did not find expected '-' indicator",
            "listan är felaktigt indragen; varje punkt ska börja med `- ` i samma kolumn",
        ),
        ("found unexpected end of stream", "filen tar slut mitt i ett värde — saknas ett avslutande citattecken?"),
        ("found undefined tag handle", "okänd YAML-tagg (!); ta bort den"),
        ("unknown anchor", "alias (*namn) som inte har något ankare (&namn)"),
        ("did not find expected node content", "ett värde saknas"),
        (
            "block sequence entries are not allowed in this context",
            "en lista står där det ska vara ett enkelt värde; kontrollera indraget",
        ),
        ("found a tab character", "tabbtecken får inte användas för indrag; använd blanksteg"),
        ("invalid trailing UTF-8 octet", "ogiltiga tecken (inte UTF-8)"),
        ("control characters are not allowed", "otillåtna kontrolltecken i filen"),
    ];
    for (en, sv) in known {
        if raw.contains(en) {
            return sv.to_string();
        }
    }
    format!("syntaxfel ({raw})")
}

fn split_name(rest: &str) -> (String, &str) {
    match rest.split_once('`') {
        Some((name, tail)) => (name.to_string(), tail),
        None => (rest.to_string(), ""),
    }
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

fn list(items: &[String]) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

fn child_path(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_string() } else { format!("{parent}.{key}") }
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        s.push('…');
    }
    s
}

fn type_sv(text: &str) -> String {
    let t = text.trim();
    match t {
        "a string" => "text".to_string(),
        "a boolean" => "true eller false".to_string(),
        "u32" | "u64" => "ett heltal som inte är negativt".to_string(),
        "i64" | "a number" => "ett heltal".to_string(),
        "a sequence" => "en lista (rader som börjar med `- `)".to_string(),
        "a map" => "en mappning (nycklar med värden)".to_string(),
        "unit value" | "null" => "ett tomt värde (null)".to_string(),
        "sequence" => "en lista".to_string(),
        "map" => "en mappning (nycklar med värden)".to_string(),
        _ => {
            if let Some(v) = t.strip_prefix("string ") {
                format!("texten {}", short(v))
            } else if let Some(v) = t.strip_prefix("integer ") {
                format!("talet {v}")
            } else if let Some(v) = t.strip_prefix("boolean ") {
                format!("sanningsvärdet {v}")
            } else if let Some(v) = t.strip_prefix("floating point ") {
                format!("decimaltalet {v}")
            } else if t.starts_with("struct ") || t.starts_with("enum ") {
                "en mappning (nycklar med värden)".to_string()
            } else {
                t.to_string()
            }
        }
    }
}

/// The allowed name nearest to `name`, ignoring case and å/ä/ö diacritics.
pub fn nearest(name: &str, allowed: &[String]) -> Option<String> {
    let folded = fold(name);
    allowed
        .iter()
        .map(|a| (levenshtein(&folded, &fold(a)), a))
        .filter(|(d, a)| *d <= (a.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a.clone())
}

fn fold(s: &str) -> Vec<char> {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            '_' | ' ' => '-',
            other => other,
        })
        .collect()
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> Diagnostic {
        *parse_case("f.yaml", text).unwrap_err()
    }

    const MIN: &str = "ärende: A-1\nrutin: nationell\nperson:\n  namn: P\n";

    #[test]
    fn a_minimal_plan_parses() {
        let c = parse_case("f.yaml", MIN).unwrap();
        assert!(matches!(c.case, CaseFile::Plan(_)));
    }

    #[test]
    fn unknown_key_suggests_the_nearest_known_key() {
        let d = err(&format!("{MIN}plan:\n  mal: []\n"));
        assert_eq!(d.rule, "YAML-OKAND-NYCKEL");
        assert_eq!(d.path, "plan.mal");
        assert_eq!((d.line, d.column), (6, 3));
        assert!(d.message.contains("menade du `mål`?"), "{}", d.message);
    }

    #[test]
    fn wrong_type_names_path_and_position() {
        let d = err(&format!("{MIN}version: två\n"));
        assert_eq!(d.rule, "YAML-TYP");
        assert_eq!(d.path, "version");
        assert_eq!(d.line, 5);
        assert!(d.message.contains("heltal"), "{}", d.message);
    }

    #[test]
    fn missing_required_key_is_named() {
        let d = err("ärende: A-1\nperson:\n  namn: P\n");
        assert_eq!(d.rule, "YAML-SAKNAS");
        assert_eq!(d.path, "rutin");
    }

    #[test]
    fn bad_enum_value_lists_the_allowed_ones() {
        let d = err(&format!("{MIN}status: pagaende\n"));
        assert_eq!(d.rule, "YAML-VARDE");
        assert!(d.message.contains("menade du `pågående`?"), "{}", d.message);
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let d = err("ärende: A-1\nperson:\n  namn: P\n   roll: x: y\n");
        assert_eq!(d.rule, "YAML-SYNTAX");
        assert_eq!(d.line, 4);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut bomb =
            String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (i, prev) in ["a", "b", "c", "d", "e", "f", "g", "h"].iter().enumerate() {
            let name = (b'b' + i as u8) as char;
            bomb.push_str(&format!(
                "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        let start = std::time::Instant::now();
        let d = err(&format!("{MIN}{bomb}"));
        assert!(start.elapsed().as_secs() < 2);
        assert!(d.is_error());
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let d = err(&format!("{MIN}version: 1\nversion: 2\n"));
        assert!(d.rule == "YAML-DUBBLETT" || d.rule == "YAML-SYNTAX", "{d:?}");
    }

    #[test]
    fn nearest_folds_swedish_letters() {
        let allowed = vec!["mål".to_string(), "nuläge".to_string(), "övrigt".to_string()];
        assert_eq!(nearest("mal", &allowed).as_deref(), Some("mål"));
        assert_eq!(nearest("nulage", &allowed).as_deref(), Some("nuläge"));
        assert_eq!(nearest("xyzzy", &allowed), None);
    }
}
