//! What a YAML syntax error says about indentation. When the parser stops on a line whose
//! key is indented differently from the keys it belongs with, the message names both
//! indentations and says how to fix the line, instead of the parser's guess ("kolon på
//! fel ställe"). Only plain block YAML is read here, the way case files are written.

/// One line that holds a key, as far as indentation goes.
#[derive(Debug, Clone, Copy)]
struct KeyLine {
    /// The column of the key itself (after any `- `), counted from 0.
    key_column: usize,
    /// How far the key is from the line's first character: the width of `- ` (and any
    /// spaces after the dash) on a list item's first line, else 0.
    dash: usize,
    /// Whether the value starts on the following lines (`nyckel:` alone).
    opens_block: bool,
    /// Whether the value is a block text (`|` or `>`): more indented lines are text.
    opens_text: bool,
}

/// A better message for a syntax error on `line` (1-based) of `text`, when the error is
/// a key indented wrongly: the line to point at and what to say.
pub fn indentation_message(text: &str, line: usize) -> Option<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    // The parser reports the error on the wrong line or the line after it.
    [line, line.saturating_sub(1)]
        .into_iter()
        .filter(|&l| l >= 1 && l <= lines.len())
        .find_map(|l| misplaced(&lines, l).map(|m| (l, m)))
}

/// Why the key on `line` (1-based) is not where it can be, if it is not.
fn misplaced(lines: &[&str], line: usize) -> Option<String> {
    let this = key_line(lines[line - 1])?;
    let mut open: Vec<usize> = Vec::new();
    let mut previous: Option<KeyLine> = None;
    let mut text_above: Option<usize> = None;
    for raw in &lines[..line - 1] {
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        if let Some(column) = text_above {
            if raw.trim().is_empty() || indent > column {
                continue;
            }
            text_above = None;
        }
        let Some(key) = key_line(raw) else { continue };
        // Keys at this column close every deeper level.
        while open.last().is_some_and(|&c| c > key.key_column) {
            open.pop();
        }
        if open.last() != Some(&key.key_column) {
            open.push(key.key_column);
        }
        if key.opens_text {
            text_above = Some(key.key_column);
        }
        previous = Some(key);
    }
    let previous = previous?;
    let column = this.key_column;
    if previous.opens_block {
        // A new level may start at any deeper column.
        if column > previous.key_column {
            return None;
        }
    } else if column > previous.key_column && this.dash > 0 {
        // Counted as the user sees the line: the spaces before its dash.
        let extra = column - previous.key_column;
        return Some(format!(
            "indraget är fel: strecket står {} in, så nyckeln efter det börjar {} längre in än nyckeln på raden ovanför. Ta bort {} före strecket",
            spaces(column - this.dash),
            spaces(extra),
            spaces(extra.min(column - this.dash))
        ));
    } else if column > previous.key_column {
        let extra = column - previous.key_column;
        return Some(format!(
            "indraget är fel: nyckeln står {} in, men nyckeln på raden ovanför står {} in. Ta bort {} så att nycklarna börjar i samma kolumn",
            spaces(column),
            spaces(previous.key_column),
            spaces(extra)
        ));
    }
    if open.contains(&column) {
        return None;
    }
    // Any open level can take the key; the nearest is most likely meant. On a list
    // item's first line they are counted as the user sees them: where the dash stands.
    let what = if this.dash > 0 { "strecket" } else { "nyckeln" };
    let shown: Vec<usize> = open.iter().filter(|&&c| c >= this.dash).map(|&c| c - this.dash).collect();
    let here = column - this.dash;
    let levels: Vec<String> = shown.iter().map(|c| c.to_string()).collect();
    let near = shown.iter().copied().min_by_key(|&c| (c.abs_diff(here), c.abs_diff(previous.key_column)))?;
    Some(format!(
        "indraget är fel: {what} står {} in, men {} kan här stå {} blanksteg in. Flytta {what} {} steg {}",
        spaces(here),
        if this.dash > 0 { "strecket" } else { "nycklar" },
        or_list(&levels),
        here.abs_diff(near),
        if near > here { "åt höger" } else { "åt vänster" }
    ))
}

/// "2 blanksteg", "1 blanksteg".
fn spaces(n: usize) -> String {
    format!("{n} blanksteg")
}

/// "0, 2 eller 4".
fn or_list(levels: &[String]) -> String {
    match levels {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} eller {last}", rest.join(", ")),
    }
}

/// The line as a key line: `nyckel: värde`, `nyckel:` or `- nyckel: värde`.
fn key_line(raw: &str) -> Option<KeyLine> {
    let indent = raw.len() - raw.trim_start_matches(' ').len();
    let rest = &raw[indent..];
    let (dash, rest) = match rest.strip_prefix("- ") {
        Some(after) => (2 + after.len() - after.trim_start_matches(' ').len(), after.trim_start_matches(' ')),
        None => (0, rest),
    };
    let first = rest.chars().next()?;
    if matches!(first, '#' | '"' | '\'' | '[' | '{' | '-' | '|' | '>') {
        return None;
    }
    let colon = rest.find(": ").or_else(|| rest.strip_suffix(':').map(|r| r.len()))?;
    let key = &rest[..colon];
    if key.contains(['#', '"', '\'']) {
        return None;
    }
    let value = rest[colon + 1..].split(" #").next().unwrap_or("").trim();
    Some(KeyLine {
        key_column: indent + dash,
        dash,
        opens_block: value.is_empty(),
        opens_text: value.starts_with(['|', '>']),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE: &str = "typ: plan\nperson:\n  namn: Lena\n  adress: Gatan 1\norganisationer:\n  - id: kommunen\n    namn: Kommunen\nbeskrivning: >-\n  En lång\n    text\nplan:\n  nuläge: Bra\n";

    fn with_line(n: usize, new: &str) -> String {
        let mut lines: Vec<&str> = CASE.lines().collect();
        lines[n - 1] = new;
        lines.join("\n") + "\n"
    }

    #[test]
    fn a_correct_file_has_no_indentation_fault() {
        for line in 1..=CASE.lines().count() {
            assert_eq!(indentation_message(CASE, line), None, "line {line}");
        }
    }

    #[test]
    fn one_space_too_many_is_named() {
        let text = with_line(4, "   adress: Gatan 1");
        let (line, message) = indentation_message(&text, 4).unwrap();
        assert_eq!(line, 4);
        assert!(message.contains("står 3 blanksteg in, men nyckeln på raden ovanför står 2 blanksteg in"), "{message}");
        assert!(message.contains("Ta bort 1 blanksteg"), "{message}");
    }

    #[test]
    fn one_space_too_few_is_named() {
        let text = with_line(4, " adress: Gatan 1");
        let (_, message) = indentation_message(&text, 4).unwrap();
        assert!(message.contains("står 1 blanksteg in"), "{message}");
        assert!(message.contains("Flytta nyckeln 1 steg åt höger"), "{message}");
    }

    #[test]
    fn keys_in_a_list_item_line_up_after_the_dash() {
        let text = with_line(7, "     namn: Kommunen");
        let (_, message) = indentation_message(&text, 7).unwrap();
        assert!(message.contains("står 5 blanksteg in, men nyckeln på raden ovanför står 4 blanksteg in"), "{message}");
        let text = with_line(7, "   namn: Kommunen");
        let (_, message) = indentation_message(&text, 7).unwrap();
        assert!(message.contains("står 3 blanksteg in"), "{message}");
    }

    /// A list item's first line is counted where its dash stands, as the user sees it.
    fn with_second_item(item: &str) -> String {
        let mut lines: Vec<&str> = CASE.lines().collect();
        lines.insert(7, item);
        lines.insert(8, "    namn: Regionen");
        lines.join("\n") + "\n"
    }

    #[test]
    fn a_list_item_indented_too_far_counts_the_spaces_before_its_dash() {
        let text = with_second_item("   - id: regionen");
        let (line, message) = indentation_message(&text, 8).unwrap();
        assert_eq!(line, 8);
        assert!(message.contains("strecket står 3 blanksteg in"), "{message}");
        assert!(message.contains("Ta bort 1 blanksteg före strecket"), "{message}");
        assert!(!message.contains("5 blanksteg"), "{message}");
    }

    #[test]
    fn a_list_item_indented_too_little_counts_the_spaces_before_its_dash() {
        let text = with_second_item(" - id: regionen");
        let (_, message) = indentation_message(&text, 8).unwrap();
        assert!(message.contains("strecket står 1 blanksteg in, men strecket kan här stå 2 blanksteg in"), "{message}");
        assert!(message.contains("Flytta strecket 1 steg åt höger"), "{message}");
    }

    #[test]
    fn a_top_level_key_indented_is_named() {
        let text = with_line(11, " plan:");
        let (line, message) = indentation_message(&text, 11).unwrap();
        assert_eq!(line, 11);
        assert!(
            message.contains("Flytta nyckeln 1 steg åt vänster") || message.contains("Ta bort 1 blanksteg"),
            "{message}"
        );
    }
}
