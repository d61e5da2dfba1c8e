//! From case text to the typed model, with every failure turned into a Swedish
//! diagnostic at the right line, column and key path. The YAML is deserialised by
//! serde_yaml (which refuses alias bombs and over-deep nesting); serde_path_to_error
//! gives the key path; the [`PositionIndex`] gives the position of that path.
//!
//! A file with a structural error (a wrong type, an unknown key or value, a missing
//! key) is read again and again, each time with the part in error taken out or filled
//! with the smallest value the schema allows (see [`recover`]), so that one pass reports
//! every structural error of the file — and the rules can still judge the rest — the
//! way a compiler reports all it can. A syntax error stops reading at once.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde_yaml::Value as Yaml;

use super::model::{CaseFile, FileKind, InfoCase, PlanCase};
use crate::diagnostic::{Diagnostic, Severity, with_suggestion};
use crate::schema::{Schema, Step, path_text};
use crate::source::{MAX_DEPTH, Pos, PositionIndex, Unbounded, expansion_budget, within_bounds};

/// The most structural errors reported for one file; a file with more is far from a
/// case file, and what is shown is enough to see why.
pub const MAX_STRUCTURAL_ERRORS: usize = 100;

/// A case file read, ready for the rules. Positions are worked out only when a
/// diagnostic needs one, so a clean case is parsed once.
#[derive(Debug)]
pub struct LoadedCase {
    /// The typed case (with the parts in error taken out or filled in, when
    /// [`LoadedCase::repaired`] is not empty).
    pub case: CaseFile,
    /// Key paths of the parts that had a structural error and were taken out or filled
    /// in to read the rest; what the rules find there is not reported again.
    pub repaired: Vec<String>,
    /// The same case with other values in the repaired parts (see
    /// [`crate::schema::Schema::other`]): a rule finding that differs between the two
    /// depends on a value the file does not really have, and is not reported.
    pub alternative: Option<CaseFile>,
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

    /// Whether `path` lies in, above or below a part that was repaired: a rule finding
    /// there would speak of a value the file does not have.
    pub fn touches_repair(&self, path: &str) -> bool {
        self.repaired.iter().any(|r| related(path, r))
    }
}

/// Whether one key path lies within the other (or they are the same).
fn related(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.starts_with(short) && matches!(long[short.len()..].chars().next(), None | Some('.') | Some('['))
}

/// What reading a case file gave: the case when it could be read at all, and every
/// structural error found on the way.
#[derive(Debug)]
pub struct Parsed {
    /// The case; `None` when the file cannot be read as a case (syntax, wrong kind).
    pub loaded: Option<LoadedCase>,
    /// Structural errors, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

/// The kind a file says it is, from a top-level `typ:` line; block-style files (all
/// real ones) are told apart without a second parse.
fn kind_hint(text: &str) -> Result<FileKind, String> {
    let value = text
        .lines()
        .find_map(|l| l.strip_prefix("typ:"))
        .map(|v| v.split('#').next().unwrap_or("").trim().trim_matches(['"', '\'']));
    kind_named(value)
}

fn kind_named(value: Option<&str>) -> Result<FileKind, String> {
    match value {
        None | Some("plan") | Some("") => Ok(FileKind::Plan),
        Some("information") => Ok(FileKind::Information),
        Some(other) => Err(other.to_string()),
    }
}

/// Parses case text. `file` names the file in diagnostics.
pub fn parse_case(file: &str, text: &str) -> Parsed {
    let fatal = |d: Diagnostic| Parsed { loaded: None, diagnostics: vec![d] };
    // Bounded work whatever the input: refused before any tree is built.
    if let Err(unbounded) = within_bounds(text) {
        return fatal(unbounded_diagnostic(file, text, &unbounded));
    }
    let index = OnceLock::new();
    let located = || index.get_or_init(|| PositionIndex::build(text));
    let kind = match kind_hint(text) {
        Ok(k) => k,
        Err(other) => return fatal(unknown_kind(file, text, located(), &other)),
    };
    // A correct file is read once, straight from the text.
    let first = match kind {
        FileKind::Plan => from_text::<PlanCase>(text).map(|c| CaseFile::Plan(Box::new(c))),
        FileKind::Information => from_text::<InfoCase>(text).map(|c| CaseFile::Information(Box::new(c))),
    };
    let first = match first {
        Ok(case) => {
            let loaded = LoadedCase { case, repaired: Vec::new(), alternative: None, text: text.to_string(), index };
            return Parsed { loaded: Some(loaded), diagnostics: Vec::new() };
        }
        Err(e) => e,
    };
    if first.0.repair == Repair::Stop {
        return fatal(diagnostic(file, text, located(), &first.0, first.1));
    }
    // Read the file as plain YAML and ask it what it is: a flow-style file
    // (`{typ: information, …}`) escapes the line scan. What stops this (a syntax error,
    // a key written twice) is the one thing to fix first.
    let mut yaml = match serde_yaml::from_str::<Yaml>(text) {
        Ok(yaml) => yaml,
        Err(e) => {
            let pos = e.location().map(|l| Pos { line: l.line(), column: l.column() });
            return fatal(diagnostic(file, text, located(), &translate(&strip_location(&e.to_string()), &[]), pos));
        }
    };
    let kind = match kind_named(yaml.get("typ").and_then(Yaml::as_str)) {
        Ok(k) => k,
        Err(other) => return fatal(unknown_kind(file, text, located(), &other)),
    };
    let recovered = match kind {
        FileKind::Plan => {
            recover::<PlanCase>(file, text, located(), kind, &mut yaml).map_cases(|c| CaseFile::Plan(Box::new(c)))
        }
        FileKind::Information => recover::<InfoCase>(file, text, located(), kind, &mut yaml)
            .map_cases(|c| CaseFile::Information(Box::new(c))),
    };
    let loaded = recovered.case.map(|case| LoadedCase {
        case,
        repaired: recovered.repaired,
        alternative: recovered.alternative,
        text: text.to_string(),
        index,
    });
    Parsed { loaded, diagnostics: recovered.diagnostics }
}

fn unknown_kind(file: &str, text: &str, index: &PositionIndex, other: &str) -> Diagnostic {
    let message = format!("okänd filtyp \"{}\": tillåtna värden är `plan` och `information`", short(other));
    Diagnostic::new(file, index.locate("typ"), Severity::Error, "YAML-VARDE", "typ", &message).with_source(text)
}

/// A structural error: what it says, and where serde_yaml saw it (when reading text).
type Failure = (Translated, Option<Pos>);

/// Deserialises case text; an error comes back translated.
fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text)).map_err(|err| {
        let steps = steps_of(err.path());
        let inner = err.into_inner();
        let pos = inner.location().map(|l| Pos { line: l.line(), column: l.column() });
        (translate(&strip_location(&inner.to_string()), &steps), pos)
    })
}

/// What [`recover`] read.
struct Recovered<T> {
    case: Option<T>,
    alternative: Option<T>,
    diagnostics: Vec<Diagnostic>,
    repaired: Vec<String>,
}

impl<T> Recovered<T> {
    fn map_cases<U>(self, f: impl Fn(T) -> U) -> Recovered<U> {
        Recovered {
            case: self.case.map(&f),
            alternative: self.alternative.map(&f),
            diagnostics: self.diagnostics,
            repaired: self.repaired,
        }
    }
}

/// Reads a file with structural errors: each round deserialises the YAML, reports the
/// error it stops at, and takes that part out (an unknown key, an optional value of the
/// wrong kind) or fills it with the smallest value of its kind (a missing or wrong
/// required value, a list item), until the file reads or nothing more can be done.
/// The case is then read once more with other values in the parts filled in or taken
/// out, for the rules to tell what they can judge.
fn recover<T: DeserializeOwned>(
    file: &str,
    text: &str,
    index: &PositionIndex,
    kind: FileKind,
    yaml: &mut Yaml,
) -> Recovered<T> {
    let mut out = Recovered { case: None, alternative: None, diagnostics: Vec::new(), repaired: Vec::new() };
    let mut others: Vec<(Vec<Step>, serde_json::Value)> = Vec::new();
    while out.diagnostics.len() < MAX_STRUCTURAL_ERRORS {
        let error = match serde_path_to_error::deserialize::<_, T>(&*yaml) {
            Ok(case) => {
                out.case = Some(case);
                break;
            }
            Err(err) => {
                let steps = steps_of(err.path());
                translate(&strip_location(&err.into_inner().to_string()), &steps)
            }
        };
        out.diagnostics.push(diagnostic(file, text, index, &error, None));
        let done = path_text(&error.target);
        if out.repaired.contains(&done) {
            break;
        }
        match repair(yaml, kind, &error) {
            Some(other) => {
                out.repaired.push(done);
                others.extend(other.map(|v| (error.target.clone(), v)));
            }
            None => break,
        }
    }
    if out.case.is_some() {
        let mut alternative = yaml.clone();
        let placed = others.iter().all(|(steps, value)| place(&mut alternative, steps, value));
        out.alternative = if placed { serde_yaml::from_value(alternative).ok() } else { None };
    }
    out
}

/// The value at `steps` in `yaml`, to change it.
fn at_mut<'a>(yaml: &'a mut Yaml, steps: &[Step]) -> Option<&'a mut Yaml> {
    steps.iter().try_fold(yaml, |node, step| match step {
        Step::Key(k) => node.get_mut(k.as_str()),
        Step::Index(i) => node.get_mut(*i),
    })
}

/// Puts `value` at `steps` in `yaml` (a key is added, a list item replaced).
fn place(yaml: &mut Yaml, steps: &[Step], value: &serde_json::Value) -> bool {
    let Some((last, parents)) = steps.split_last() else {
        return false;
    };
    let Ok(value) = serde_yaml::to_value(value) else {
        return false;
    };
    let Some(container) = at_mut(yaml, parents) else {
        return false;
    };
    match last {
        Step::Key(k) => container.as_mapping_mut().map(|m| m.insert(Yaml::from(k.clone()), value)).is_some(),
        Step::Index(i) => match container.get_mut(*i) {
            Some(item) => {
                *item = value;
                true
            }
            None => false,
        },
    }
}

/// Takes out or fills in the part of `yaml` an error is about. Returns `None` when it
/// cannot, else the other value for that part (see [`Recovered::alternative`]): none
/// for an unknown key, which the case never reads.
fn repair(yaml: &mut Yaml, kind: FileKind, error: &Translated) -> Option<Option<serde_json::Value>> {
    let schema = Schema::shared();
    let (last, parents) = error.target.split_last()?;
    let parent_schema = schema.at(kind, parents)?;
    let node = schema.child(parent_schema, last);
    match (error.repair, last) {
        (Repair::Remove, Step::Key(k)) => {
            at_mut(yaml, parents)?.as_mapping_mut()?.remove(k.as_str())?;
            Some(None)
        }
        (Repair::Replace, Step::Key(k)) if !schema.is_required(parent_schema, k) => {
            at_mut(yaml, parents)?.as_mapping_mut()?.remove(k.as_str())?;
            // Taken out, the key reads as its default; the other reading must differ.
            let node = node?;
            let other = schema.other(node);
            Some(Some(if node.get("default") == Some(&other) { schema.smallest(node) } else { other }))
        }
        (Repair::Replace | Repair::Fill, _) => {
            let node = node?;
            place(yaml, &error.target, &schema.smallest(node)).then(|| Some(schema.other(node)))
        }
        _ => None,
    }
}

fn steps_of(path: &serde_path_to_error::Path) -> Vec<Step> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(Step::Index(*index)),
            Segment::Map { key } => Some(Step::Key(key.clone())),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

/// The diagnostic for a structural error, at the key or value it is about.
fn diagnostic(file: &str, text: &str, index: &PositionIndex, error: &Translated, yaml_pos: Option<Pos>) -> Diagnostic {
    let path = path_text(&error.target);
    let shown = if error.rule == "YAML-SYNTAX" { String::new() } else { path.clone() };
    let pos = if error.rule == "YAML-DUBBLETT" {
        index.locate_duplicate(&path)
    } else if error.rule == "YAML-SYNTAX" {
        yaml_pos.unwrap_or_else(|| index.locate(&path))
    } else if error.at_key {
        index.locate_key(&path)
    } else if error.repair == Repair::Fill {
        // A missing key is shown at the mapping it is missing from.
        index.locate(crate::source::parent_path(&path).unwrap_or(""))
    } else if !path.is_empty() && index.contains(&path) {
        index.locate(&path)
    } else {
        yaml_pos.unwrap_or_else(|| index.locate(&path))
    };
    if error.rule == "YAML-SYNTAX"
        && let Some((line, message)) = super::indent::indentation_message(text, pos.line)
    {
        let at = Pos { line, column: 1 + text.lines().nth(line - 1).map_or(0, |l| l.len() - l.trim_start().len()) };
        return Diagnostic::new(file, at, Severity::Error, "YAML-INDRAG", "", &message).with_source(text);
    }
    Diagnostic::new(file, pos, Severity::Error, error.rule, &shown, &error.message).with_source(text)
}

/// serde_yaml appends " at line L column C"; the position is reported separately.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// How to go on reading past a structural error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repair {
    /// Take out the unknown key.
    Remove,
    /// Add the missing key with the smallest value of its kind.
    Fill,
    /// A value of the wrong kind: take it out if it may be absent, else fill it.
    Replace,
    /// Stop reading (syntax, alias bombs, nesting, duplicate keys).
    Stop,
}

#[derive(Debug)]
struct Translated {
    rule: &'static str,
    /// The key path the error is about (for an unknown or missing key, that key).
    target: Vec<Step>,
    message: String,
    at_key: bool,
    repair: Repair,
}

/// `steps` with `key` below it, unless the path already ends in that key.
fn with_key(steps: &[Step], key: &str) -> Vec<Step> {
    let mut out = steps.to_vec();
    if out.last() != Some(&Step::Key(key.to_string())) {
        out.push(Step::Key(key.to_string()));
    }
    out
}

/// What a file past a bound ([`within_bounds`]) is told.
pub fn unbounded_diagnostic(file: &str, text: &str, unbounded: &Unbounded) -> Diagnostic {
    let (pos, rule, message) = match unbounded {
        Unbounded::Expansion(name, pos) => (
            *pos,
            "YAML-ALIAS",
            format!(
                "aliaset `*{name}` gör att filen växer till mer än {} MB när aliasen skrivs ut; skriv ut värdena i stället för att upprepa dem med alias (&/*)",
                expansion_budget(text).div_ceil(1 << 20)
            ),
        ),
        Unbounded::Depth(pos) => (
            *pos,
            "YAML-DJUP",
            format!("filen är nästlad djupare än {MAX_DEPTH} nivåer; en ärendefil har ungefär åtta"),
        ),
    };
    let mut d = Diagnostic::new(file, pos, Severity::Error, rule, "", &message);
    d.attach_line(text.lines().nth(pos.line.saturating_sub(1)));
    d
}

/// Turns serde's and serde_yaml's English messages into Swedish ones that say what is
/// wrong and what is allowed.
fn translate(raw: &str, steps: &[Step]) -> Translated {
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
    let plain =
        |rule, message: String, repair| Translated { rule, target: steps.to_vec(), message, at_key: false, repair };
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (name, expected) = split_name(rest);
        let allowed = backticked(expected);
        let more: Vec<String> =
            if allowed.is_empty() { Vec::new() } else { vec![format!("Tillåtna nycklar här: {}", list(&allowed))] };
        let message = with_suggestion(format!("okänd nyckel `{}`", short(&name)), nearest(&name, &allowed), &more);
        let target = with_key(steps, &name);
        return Translated { rule: "YAML-OKAND-NYCKEL", target, message, at_key: true, repair: Repair::Remove };
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let (name, _) = split_name(rest);
        return Translated {
            rule: "YAML-SAKNAS",
            target: with_key(steps, &name),
            message: format!("nyckeln `{name}` saknas men måste finnas här"),
            at_key: false,
            repair: Repair::Fill,
        };
    }
    if let Some(at) = raw.find("duplicate entry with key \"") {
        // serde_yaml names the mapping before the message: `b.c: duplicate entry …`.
        let mapping = raw[..at].trim_end().trim_end_matches(':');
        let name = raw[at + "duplicate entry with key \"".len()..].trim_end_matches('"');
        let mut target: Vec<Step> = mapping
            .split('.')
            .filter(|p| !p.is_empty())
            .flat_map(|part| {
                let mut pieces = part.split('[');
                let key = pieces.next().map(|k| Step::Key(k.to_string()));
                key.into_iter().chain(pieces.filter_map(|i| i.trim_end_matches(']').parse().ok().map(Step::Index)))
            })
            .collect();
        target.push(Step::Key(name.to_string()));
        return Translated {
            rule: "YAML-DUBBLETT",
            target,
            message: format!("nyckeln `{name}` står två gånger; ta bort den ena"),
            at_key: false,
            repair: Repair::Stop,
        };
    }
    if let Some(rest) = raw.strip_prefix("duplicate field `") {
        let (name, _) = split_name(rest);
        return Translated {
            rule: "YAML-DUBBLETT",
            target: with_key(steps, &name),
            message: format!("nyckeln `{name}` står två gånger; ta bort den ena"),
            at_key: false,
            repair: Repair::Stop,
        };
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (name, expected) = split_name(rest);
        let allowed = backticked(expected);
        let message = with_suggestion(
            format!("okänt värde \"{}\"", short(&name)),
            nearest(&name, &allowed),
            &[format!("Tillåtna värden: {}", list(&allowed))],
        );
        return plain("YAML-VARDE", message, Repair::Replace);
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return plain(
            "YAML-TYP",
            format!("fel sorts värde: {} där det ska vara {}", type_sv(found), type_sv(expected)),
            Repair::Replace,
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return plain(
            "YAML-VARDE",
            format!("ogiltigt värde: {} där det ska vara {}", type_sv(found), type_sv(expected)),
            Repair::Replace,
        );
    }
    if raw.contains("repetition limit exceeded") {
        return plain(
            "YAML-ALIAS",
            "filen använder YAML-alias (&/*) som växer till orimlig storlek; skriv ut värdena i stället".to_string(),
            Repair::Stop,
        );
    }
    if raw.contains("recursion limit exceeded") {
        return plain("YAML-DJUP", "filen är för djupt nästlad för att vara en ärendefil".to_string(), Repair::Stop);
    }
    if raw.contains("more than one document") {
        return plain(
            "YAML-SYNTAX",
            "filen innehåller flera YAML-dokument (---); ett ärende per fil".to_string(),
            Repair::Stop,
        );
    }
    // The key path of a syntax error is where the parser gave up, which can be far
    // from the mistake; the line and column say where it is.
    Translated {
        rule: "YAML-SYNTAX",
        target: Vec::new(),
        message: format!("YAML-filen går inte att läsa: {}", syntax_sv(raw)),
        at_key: false,
        repair: Repair::Stop,
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
        parse_case("f.yaml", text).diagnostics.into_iter().next().expect("a diagnostic")
    }

    const MIN: &str = "ärende: A-1\nrutin: nationell\nperson:\n  namn: P\n";

    #[test]
    fn a_minimal_plan_parses() {
        let c = parse_case("f.yaml", MIN).loaded.unwrap();
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
        let d = err("ärende: A-1\nperson:\n  namn: P\n  roll: x: y\n");
        assert_eq!(d.rule, "YAML-SYNTAX");
        assert_eq!(d.line, 4);
    }

    #[test]
    fn a_key_indented_one_space_too_far_is_called_an_indentation_fault() {
        let d = err("ärende: A-1\nperson:\n  namn: P\n   roll: x\n");
        assert_eq!((d.rule.as_str(), d.line, d.column), ("YAML-INDRAG", 4, 4));
        assert!(d.message.starts_with("indraget är fel: nyckeln står 3 blanksteg in"), "{}", d.message);
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
    fn every_structural_error_is_reported_in_one_pass() {
        let text = format!(
            "{MIN}version: två\nstatus: klar\norganisationer:\n  - id: k\n    namn: K\n    huvudman: komun\n  - id: r\n    namm: R\n    huvudman: region\nplan:\n  mal: []\n  mål:\n    - id: m\n      text: [x]\n"
        );
        let parsed = parse_case("f.yaml", &text);
        let mut got: Vec<(&str, &str, usize, usize)> =
            parsed.diagnostics.iter().map(|d| (d.rule.as_str(), d.path.as_str(), d.line, d.column)).collect();
        got.sort_by_key(|(_, _, line, column)| (*line, *column));
        assert_eq!(
            got,
            [
                ("YAML-TYP", "version", 5, 10),
                ("YAML-VARDE", "status", 6, 9),
                ("YAML-VARDE", "organisationer[0].huvudman", 10, 15),
                ("YAML-SAKNAS", "organisationer[1].namn", 11, 5),
                ("YAML-OKAND-NYCKEL", "organisationer[1].namm", 12, 5),
                ("YAML-OKAND-NYCKEL", "plan.mal", 15, 3),
                ("YAML-TYP", "plan.mål[0].text", 18, 7),
            ]
        );
        let loaded = parsed.loaded.expect("the rest of the file is read");
        assert!(loaded.touches_repair("organisationer[0]"));
        assert!(loaded.touches_repair("organisationer[0].huvudman"));
        assert!(!loaded.touches_repair("organisationer[1].id"));
        assert!(loaded.alternative.is_some());
    }

    #[test]
    fn a_syntax_error_stops_reading_with_one_diagnostic() {
        let parsed = parse_case("f.yaml", &format!("{MIN}version: två\nplan: [\n"));
        assert_eq!(parsed.diagnostics.len(), 1, "{:?}", parsed.diagnostics);
        assert_eq!(parsed.diagnostics[0].rule, "YAML-SYNTAX");
        assert!(parsed.loaded.is_none());
    }

    #[test]
    fn a_key_written_twice_is_found_even_after_another_error() {
        let d = err(&format!("{MIN}version: två\nplan:\n  nuläge: a\n  nuläge: b\n"));
        assert_eq!((d.rule.as_str(), d.path.as_str(), d.line), ("YAML-DUBBLETT", "plan.nuläge", 8), "{d:?}");
    }

    #[test]
    fn nearest_folds_swedish_letters() {
        let allowed = vec!["mål".to_string(), "nuläge".to_string(), "övrigt".to_string()];
        assert_eq!(nearest("mal", &allowed).as_deref(), Some("mål"));
        assert_eq!(nearest("nulage", &allowed).as_deref(), Some("nuläge"));
        assert_eq!(nearest("xyzzy", &allowed), None);
    }
}
