//! Diagnostics: what is wrong in a case file, where, and how it is shown — as
//! `file:line:column: fel [RULE] plats: message` with the source line, or as JSON.
//! The text form names places the way the plan does, counting from 1
//! (`plan.mål[0].insatser[1]` is "plan, mål 1, insats 2"); the JSON form keeps the key
//! path as it is, counting from 0, for programs.
//! Every line shown passes through personnummer masking, so an identity number never
//! reaches a terminal, a log or a CI report through a diagnostic.

use serde::Serialize;

use crate::case::personnummer::mask_in;
use crate::source::Pos;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Severity {
    /// The case cannot be used as it is: `check` fails, `build` renders nothing for it.
    #[serde(rename = "fel")]
    Error,
    /// Worth fixing; the case still builds.
    #[serde(rename = "varning")]
    Warning,
}

impl Severity {
    /// `fel` or `varning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "fel",
            Severity::Warning => "varning",
        }
    }
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, as given on the command line.
    pub file: String,
    /// Line, 1-based.
    pub line: usize,
    /// Column, 1-based.
    pub column: usize,
    /// `fel` or `varning`.
    pub severity: Severity,
    /// Stable rule id, e.g. `SIP-SAMTYCKE-FORE-MOTE`.
    pub rule: String,
    /// Key path, e.g. `plan.mål[0].insatser[1].utförare` (empty for the whole file).
    pub path: String,
    /// What is wrong and what is allowed, in Swedish.
    pub message: String,
    /// The source line the position points into (masked), at most
    /// [`SOURCE_WIDTH`] characters of it around the column.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// The column of the position within `source_line`, 1-based.
    #[serde(skip)]
    pub source_column: usize,
}

/// How many characters of a source line a diagnostic shows, around its column.
pub const SOURCE_WIDTH: usize = 120;

/// At most [`SOURCE_WIDTH`] characters of `line` around `column` (1-based), with `…`
/// where it is cut, and the column within what is shown.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= SOURCE_WIDTH {
        return (line.to_string(), column);
    }
    let at = column.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(SOURCE_WIDTH / 2).min(chars.len() - SOURCE_WIDTH);
    let end = start + SOURCE_WIDTH;
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, at - start + 1 + usize::from(start > 0))
}

impl Diagnostic {
    /// A diagnostic at `pos`; personnummer in the message and the file's name are
    /// masked.
    pub fn new(file: &str, pos: Pos, severity: Severity, rule: &str, path: &str, message: &str) -> Diagnostic {
        Diagnostic {
            file: mask_in(file),
            line: pos.line,
            column: pos.column,
            severity,
            rule: rule.to_string(),
            path: path.to_string(),
            message: mask_in(message),
            source_line: None,
            source_column: pos.column,
        }
    }

    /// Attaches the (masked) source line the position points into.
    pub fn with_source(mut self, text: &str) -> Diagnostic {
        self.attach_source(text);
        self
    }

    /// Attaches the (masked) source line the position points into, in place.
    pub fn attach_source(&mut self, text: &str) {
        self.attach_line(text.lines().nth(self.line.saturating_sub(1)));
    }

    /// Attaches `line` (already picked out) as the source line: masked first, then cut
    /// to the part around the column, so a personnummer is never half shown.
    pub fn attach_line(&mut self, line: Option<&str>) {
        let Some(line) = line else {
            self.source_line = None;
            return;
        };
        let (shown, column) = excerpt(&mask_in(line.trim_end_matches('\r')), self.column);
        self.source_line = Some(shown);
        self.source_column = column;
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The human form: header line, then the source line with a caret under the column.
    pub fn render_text(&self) -> String {
        let path = if self.path.is_empty() { String::new() } else { format!(" {}:", human_path(&self.path)) };
        let mut out = format!(
            "{}:{}:{}: {} [{}]{} {}\n",
            self.file,
            self.line,
            self.column,
            self.severity.as_str(),
            self.rule,
            path,
            human_paths_in(&self.message)
        );
        if let Some(src) = &self.source_line {
            let gutter = format!("{:>5} | ", self.line);
            let pad: String = src
                .chars()
                .take(self.source_column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("{gutter}{src}\n{:>5} | {pad}^\n", ""));
        }
        out
    }
}

/// What one element of a list is called in the text form, for the lists of the case
/// format; any other list is counted as "nr".
fn element_name(list: &str) -> Option<&'static str> {
    Some(match list {
        "mål" => "mål",
        "insatser" => "insats",
        "möten" => "möte",
        "deltagare" => "deltagare",
        "organisationer" => "organisation",
        "närstående" => "närstående",
        "företrädare" => "företrädare",
        "revisioner" => "revision",
        "avvikelser" => "avvikelse",
        "andra_planer" => "annan plan",
        "justerare" => "justerare",
        _ => return None,
    })
}

/// A key path as people read it: `plan.mål[0].insatser[1].ansvarig` is
/// "plan, mål 1, insats 2, ansvarig"; `möten[0].kallade[2]` is "möte 1, kallade nr 3".
/// Anything that is not a key path is returned as it is.
pub fn human_path(path: &str) -> String {
    counted_from_one(path).unwrap_or_else(|| path.to_string())
}

fn counted_from_one(path: &str) -> Option<String> {
    let is_key = |k: &str| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let mut parts = Vec::new();
    for step in path.split('.') {
        let Some((key, rest)) = step.split_once('[') else {
            if !is_key(step) {
                return None;
            }
            parts.push(step.to_string());
            continue;
        };
        if !is_key(key) {
            return None;
        }
        let mut key = key.to_string();
        for index in rest.split('[') {
            let n: usize = index.strip_suffix(']')?.parse().ok()?;
            key = match element_name(&key) {
                Some(one) if !key.contains(' ') => format!("{one} {}", n + 1),
                _ => format!("{key} nr {}", n + 1),
            };
        }
        parts.push(key);
    }
    Some(parts.join(", "))
}

/// `message` with every key path in backticks that counts from 0 (`` `deltagare[1].id` ``)
/// written as [`human_path`] does.
fn human_paths_in(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(start) = rest.find('`') {
        let Some(len) = rest[start + 1..].find('`') else { break };
        let inner = &rest[start + 1..start + 1 + len];
        out.push_str(&rest[..start]);
        match counted_from_one(inner) {
            Some(human) if inner.contains('[') => out.push_str(&human),
            _ => {
                out.push('`');
                out.push_str(inner);
                out.push('`');
            }
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// A message of sentences put together with the right punctuation: `first`, then
/// "— menade du `best`?" when a known value is close, then each of `more`.
pub fn with_suggestion(first: String, best: Option<String>, more: &[String]) -> String {
    let mut out = first;
    if let Some(best) = best {
        out.push_str(&format!(" — menade du `{best}`?"));
    }
    for sentence in more {
        if !out.ends_with(['.', '?', '!', ':']) {
            out.push('.');
        }
        out.push(' ');
        out.push_str(sentence);
    }
    out
}

/// Renders diagnostics as the JSON array `--format json` prints.
pub fn to_json(diagnostics: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_has_location_rule_path_and_caret() {
        let d = Diagnostic::new(
            "cases/a.yaml",
            Pos { line: 2, column: 13 },
            Severity::Error,
            "SIP-ID-FINNS",
            "samordnare",
            "det finns ingen deltagare med id `lis`",
        )
        .with_source("typ: plan\nsamordnare: lis\n");
        let text = d.render_text();
        assert!(text.starts_with("cases/a.yaml:2:13: fel [SIP-ID-FINNS] samordnare: det finns ingen deltagare"));
        assert!(text.contains("    2 | samordnare: lis\n"));
        assert!(text.ends_with("      |             ^\n"));
    }

    #[test]
    fn a_long_line_is_shown_around_the_column_only() {
        let line = format!("plan: {}x{}", "[".repeat(20_000), "]".repeat(20_000));
        let column = 6 + 20_000 + 1;
        let d =
            Diagnostic::new("f", Pos { line: 1, column }, Severity::Error, "YAML-SYNTAX", "", "m").with_source(&line);
        let text = d.render_text();
        let shown = text.lines().nth(1).unwrap();
        assert!(shown.chars().count() <= SOURCE_WIDTH + 12, "{} characters shown", shown.chars().count());
        assert!(shown.starts_with("    1 | …[") && shown.ends_with("]…"), "{shown}");
        let caret = text.lines().nth(2).unwrap();
        let under = shown.chars().nth(caret.chars().count() - 1);
        assert_eq!(under, Some('x'), "the caret points at the column:\n{shown}\n{caret}");
        // Short lines and a column near either end are shown as before.
        let start = Diagnostic::new("f", Pos { line: 1, column: 1 }, Severity::Error, "R", "", "m").with_source(&line);
        assert!(start.render_text().lines().nth(1).unwrap().starts_with("    1 | plan: [[["));
        let short =
            Diagnostic::new("f", Pos { line: 1, column: 3 }, Severity::Error, "R", "", "m").with_source("ab cd");
        assert!(short.render_text().ends_with("    1 | ab cd\n      |   ^\n"), "{}", short.render_text());
    }

    #[test]
    fn a_personnummer_in_a_long_line_is_masked_before_the_line_is_cut() {
        let line = format!("{}19710315-0004{}", "a".repeat(55), "b".repeat(200));
        let d = Diagnostic::new("f", Pos { line: 1, column: 120 }, Severity::Error, "R", "", "m").with_source(&line);
        assert!(!d.render_text().contains("0004"), "{}", d.render_text());
    }

    #[test]
    fn personnummer_never_reach_output() {
        let d = Diagnostic::new("f", Pos::START, Severity::Error, "X", "p", "värdet 19710315-0004")
            .with_source("personnummer: \"19710315-0004\"\n");
        let text = d.render_text();
        assert!(!text.contains("0004"), "{text}");
        assert!(!to_json(&[d]).contains("0004"));
    }

    #[test]
    fn places_count_from_one_in_the_text_form_and_from_zero_in_json() {
        assert_eq!(human_path("plan.mål[0].insatser[0].ansvarig"), "plan, mål 1, insats 1, ansvarig");
        assert_eq!(human_path("möten[1].kallade[2]"), "möte 2, kallade nr 3");
        assert_eq!(human_path("person.närstående[0].bjuds_in"), "person, närstående 1, bjuds_in");
        assert_eq!(human_path("samordnare"), "samordnare");
        let d = Diagnostic::new(
            "f",
            Pos { line: 9, column: 5 },
            Severity::Error,
            "SIP-ID-DUBBLETT",
            "deltagare[2].id",
            "id `anna` används redan i `deltagare[1].id`",
        );
        assert_eq!(
            d.render_text(),
            "f:9:5: fel [SIP-ID-DUBBLETT] deltagare 3, id: id `anna` används redan i deltagare 2, id\n"
        );
        assert!(to_json(&[d]).contains("\"path\": \"deltagare[2].id\""));
    }

    #[test]
    fn a_suggestion_and_what_follows_are_punctuated() {
        let more = ["Finns: `a`, `b`".to_string()];
        assert_eq!(
            with_suggestion("okänt id `c`".into(), Some("a".into()), &more),
            "okänt id `c` — menade du `a`? Finns: `a`, `b`"
        );
        assert_eq!(with_suggestion("okänt id `x`".into(), None, &more), "okänt id `x`. Finns: `a`, `b`");
    }

    #[test]
    fn json_has_the_documented_fields() {
        let d = Diagnostic::new("f", Pos { line: 3, column: 4 }, Severity::Warning, "R", "a.b", "m");
        let v: serde_json::Value = serde_json::from_str(&to_json(&[d])).unwrap();
        let o = &v[0];
        assert_eq!(o["file"], "f");
        assert_eq!(o["line"], 3);
        assert_eq!(o["column"], 4);
        assert_eq!(o["severity"], "varning");
        assert_eq!(o["rule"], "R");
        assert_eq!(o["path"], "a.b");
        assert_eq!(o["message"], "m");
    }
}
