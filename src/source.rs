//! Reading a case file safely and knowing where things are in it.
//!
//! [`read_case_text`] turns raw bytes into text or a diagnostic (too large, binary, not
//! UTF-8, empty) without ever reading more than the size limit. [`PositionIndex`] maps
//! key paths such as `plan.mål[0].insatser[1].utförare` to line and column, built from
//! the YAML event stream, so every diagnostic can point at its place in the file.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::Read;
use std::path::Path;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Largest case file read, in bytes. A real case is a few kB; 10 000 goals fit.
pub const MAX_CASE_BYTES: u64 = 8 * 1024 * 1024;

/// A line/column pair, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line, 1-based.
    pub line: usize,
    /// Column in characters, 1-based.
    pub column: usize,
}

impl Pos {
    /// The start of the file.
    pub const START: Pos = Pos { line: 1, column: 1 };
}

/// Why a file's bytes are not a readable case file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextProblem {
    /// Larger than [`MAX_CASE_BYTES`].
    TooLarge,
    /// Holds NUL bytes: a binary file.
    Binary,
    /// Not UTF-8; the position of the first bad byte.
    NotUtf8(Pos),
    /// Nothing but white space and comments.
    Empty,
}

impl TextProblem {
    /// Rule id and Swedish message.
    pub fn describe(&self) -> (&'static str, String) {
        match self {
            TextProblem::TooLarge => (
                "FIL-STORLEK",
                format!(
                    "filen är större än {} MB; en ärendefil är normalt några kB — är det rätt fil?",
                    MAX_CASE_BYTES / (1024 * 1024)
                ),
            ),
            TextProblem::Binary => {
                ("FIL-BINAR", "filen innehåller binära data (NUL-tecken) och är ingen YAML-textfil".to_string())
            }
            TextProblem::NotUtf8(_) => (
                "FIL-KODNING",
                "filen är inte sparad som UTF-8; spara den som UTF-8 (å, ä och ö kräver det)".to_string(),
            ),
            TextProblem::Empty => {
                ("FIL-TOM", "filen är tom; en ärendefil börjar med t.ex. `typ: plan` och `ärende:`".to_string())
            }
        }
    }

    /// Where the problem is.
    pub fn pos(&self) -> Pos {
        match self {
            TextProblem::NotUtf8(p) => *p,
            _ => Pos::START,
        }
    }
}

/// Reads at most [`MAX_CASE_BYTES`] + 1 bytes of `path`. I/O errors are the caller's.
pub fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_CASE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens `path` for reading only when it is a regular file (after symbolic links),
/// without ever waiting: a FIFO, socket or device named like a case file is opened
/// non-blocking and refused, so reading it can never stall a build or the server.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, NOT_A_FILE));
    }
    Ok(file)
}

/// What [`open_regular`] says about something that is not a regular file.
pub const NOT_A_FILE: &str = "är ingen vanlig fil (en mapp, FIFO eller enhet); samplan läser bara vanliga filer";

/// Turns bytes into case text: refuses oversized, binary, non-UTF-8 and empty files and
/// drops a UTF-8 byte order mark. CRLF line ends are kept (YAML accepts them).
pub fn read_case_text(bytes: &[u8]) -> Result<String, TextProblem> {
    if bytes.len() as u64 > MAX_CASE_BYTES {
        return Err(TextProblem::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(TextProblem::Binary);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Err(TextProblem::NotUtf8(pos_of_byte(bytes, e.valid_up_to()))),
    };
    let has_content = text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "---" && t != "..."
    });
    if !has_content {
        return Err(TextProblem::Empty);
    }
    Ok(text.to_string())
}

fn pos_of_byte(bytes: &[u8], offset: usize) -> Pos {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    Pos { line, column }
}

/// Deepest nesting a case file may have (a real one has about eight levels).
pub const MAX_DEPTH: usize = 64;
/// Most a case file may grow to when its aliases (`*name`) are expanded, in bytes of
/// text and events: sixteen times the file plus a megabyte, and never over 64 MB.
pub fn expansion_budget(text: &str) -> usize {
    (text.len().saturating_mul(16) + (1 << 20)).min(64 << 20)
}

/// Why a case file is refused before it is read as YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unbounded {
    /// The alias at `Pos`, named `String`, takes the file past its expansion budget.
    Expansion(String, Pos),
    /// Nesting deeper than [`MAX_DEPTH`] at `Pos`.
    Depth(Pos),
}

/// Checks in one pass, before any tree is built, that `text` stays within bounds:
/// nesting at most [`MAX_DEPTH`] and aliases that expand to at most
/// [`expansion_budget`]. An ordinary file (no anchors, shallow) is judged from its
/// bytes alone; only a suspect one is scanned as YAML events, and the scan stops at
/// the first event past a bound. A syntax error ends the scan: the parser reports it.
pub fn within_bounds(text: &str) -> Result<(), Unbounded> {
    if let Some(pos) = too_deep(text) {
        return Err(Unbounded::Depth(pos));
    }
    if !text.contains('&') {
        return Ok(());
    }
    let budget = expansion_budget(text);
    let mut parser = Parser::new_from_str(text);
    // Weight so far, and the open nodes: (anchor id, weight at their start).
    let mut total: usize = 0;
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut weights: HashMap<usize, usize> = HashMap::new();
    while let Ok((event, mark)) = parser.next_token() {
        match event {
            Event::StreamEnd => break,
            Event::Scalar(value, _, anchor, _) => {
                total += 1 + value.len();
                if anchor > 0 {
                    weights.insert(anchor, 1 + value.len());
                }
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                total += 1;
                open.push((anchor, total));
                if open.len() > MAX_DEPTH {
                    return Err(Unbounded::Depth(to_pos(mark)));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((anchor, start)) = open.pop()
                    && anchor > 0
                {
                    weights.insert(anchor, total - start + 1);
                }
            }
            Event::Alias(anchor) => {
                total = total.saturating_add(weights.get(&anchor).copied().unwrap_or(1));
                if total > budget {
                    return Err(Unbounded::Expansion(alias_name(text, mark), to_pos(mark)));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Where `text` first nests deeper than [`MAX_DEPTH`], found in one pass over its
/// characters (a YAML parser takes quadratic time on deep flow nesting): flow brackets
/// that open a collection, outside quoted scalars and comments, and the block
/// indicators (`- `, `? `) that open several levels on one line.
fn too_deep(text: &str) -> Option<Pos> {
    // Bytes, not characters: every byte YAML's syntax uses is ASCII, and no byte of a
    // multi-byte character is; columns count the first byte of each character.
    let bytes = text.as_bytes();
    let (mut line, mut column) = (1usize, 0usize);
    let mut depth = 0usize;
    // Whether a scalar or collection may start here (line start, after `: `, `- `, `,`, a bracket).
    let mut at_start = true;
    let mut indicators = 0usize;
    let mut i = 0;
    let first_byte = |b: u8| b & 0xC0 != 0x80;
    while i < bytes.len() {
        let c = bytes[i];
        if first_byte(c) {
            column += 1;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(b'\n');
        match c {
            b'\n' => {
                line += 1;
                column = 0;
                at_start = true;
                indicators = 0;
            }
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                while i + 1 < bytes.len() && bytes[i + 1] != b'\n' {
                    i += 1;
                }
            }
            b'"' | b'\'' if at_start => {
                // A quoted scalar: skip to its closing quote, counting lines.
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' if c == b'"' => i += 1,
                        b'\'' if c == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
                        q if q == c => break,
                        b'\n' => {
                            line += 1;
                            column = 0;
                        }
                        _ => {}
                    }
                    i += 1;
                }
                at_start = false;
            }
            b'[' | b'{' if at_start || depth > 0 => {
                depth += 1;
                if depth + indicators > MAX_DEPTH {
                    return Some(Pos { line, column });
                }
                at_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                at_start = false;
            }
            b',' if depth > 0 => at_start = true,
            b'-' | b'?' if at_start && depth == 0 && next.is_ascii_whitespace() => {
                indicators += 1;
                if indicators > MAX_DEPTH {
                    return Some(Pos { line, column });
                }
            }
            b':' if next.is_ascii_whitespace() || depth > 0 => at_start = true,
            b' ' | b'\t' | b'\r' => {}
            _ => at_start = false,
        }
        i += 1;
    }
    None
}

/// The name of the alias (`*name`) the parser found at `mark`.
fn alias_name(text: &str, mark: Marker) -> String {
    let line = text.lines().nth(mark.line().saturating_sub(1)).unwrap_or_default();
    let from = line.chars().skip(mark.col()).collect::<String>();
    let from = from.trim_start().trim_start_matches('*');
    from.chars().take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c)).collect()
}

/// Where each key and value of a YAML document stands.
#[derive(Debug, Default)]
pub struct PositionIndex {
    keys: HashMap<String, Pos>,
    values: HashMap<String, Pos>,
    repeated_keys: HashMap<String, Pos>,
    top_scalars: HashMap<String, String>,
}

impl PositionIndex {
    /// Builds the index; on a YAML syntax error the index holds what came before it.
    pub fn build(text: &str) -> PositionIndex {
        let mut builder = IndexBuilder::default();
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut builder, false);
        builder.index
    }

    /// Position for a diagnostic on `path`: the value if present, else the key, else the
    /// nearest ancestor that exists (a missing key is reported at its parent).
    pub fn locate(&self, path: &str) -> Pos {
        let mut current = path;
        loop {
            if let Some(p) = self.values.get(current).or_else(|| self.keys.get(current)) {
                return *p;
            }
            match parent_path(current) {
                Some(parent) => current = parent,
                None => return self.values.get("").copied().unwrap_or(Pos::START),
            }
        }
    }

    /// Position of the key itself (for unknown or duplicate keys), falling back to
    /// [`PositionIndex::locate`].
    pub fn locate_key(&self, path: &str) -> Pos {
        self.keys.get(path).copied().unwrap_or_else(|| self.locate(path))
    }

    /// Position of the second occurrence of a key that stands twice.
    pub fn locate_duplicate(&self, path: &str) -> Pos {
        self.repeated_keys.get(path).copied().unwrap_or_else(|| self.locate_key(path))
    }

    /// Whether `path` is present in the document.
    pub fn contains(&self, path: &str) -> bool {
        self.values.contains_key(path) || self.keys.contains_key(path)
    }

    /// A scalar value at the top level, e.g. `typ`.
    pub fn top_scalar(&self, key: &str) -> Option<&str> {
        self.top_scalars.get(key).map(String::as_str)
    }
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → None.
pub fn parent_path(path: &str) -> Option<&str> {
    if path.ends_with(']') {
        return path.rfind('[').map(|i| &path[..i]);
    }
    path.rfind('.').map(|i| &path[..i])
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, next: usize },
}

#[derive(Default)]
struct IndexBuilder {
    index: PositionIndex,
    stack: Vec<Frame>,
}

fn to_pos(mark: Marker) -> Pos {
    Pos { line: mark.line().max(1), column: mark.col() + 1 }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_string() } else { format!("{parent}.{key}") }
}

impl IndexBuilder {
    /// Handles a node event; returns the node's path when it is a value.
    fn node(&mut self, mark: Marker, scalar: Option<&str>) -> Option<String> {
        let pos = to_pos(mark);
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Map { path, key }) => match key.take() {
                None => {
                    let name = scalar.unwrap_or("?").to_string();
                    let full = join(path, &name);
                    // A block mapping's own mark is unreliable: a mapping that is a list
                    // item is marked by its first key; one that is a key's value, by the key.
                    if !self.index.keys.contains_key(path.as_str()) {
                        self.index.values.entry(path.clone()).or_insert(pos);
                    }
                    match self.index.keys.entry(full) {
                        Entry::Occupied(e) => {
                            self.index.repeated_keys.entry(e.key().clone()).or_insert(pos);
                        }
                        Entry::Vacant(e) => {
                            e.insert(pos);
                        }
                    }
                    *key = Some(name);
                    None
                }
                Some(name) => {
                    let full = join(path, &name);
                    if path.is_empty()
                        && let Some(s) = scalar
                    {
                        self.index.top_scalars.insert(name, s.to_string());
                    }
                    self.index.values.entry(full.clone()).or_insert(pos);
                    Some(full)
                }
            },
            Some(Frame::Seq { path, next }) => {
                let full = format!("{path}[{next}]");
                *next += 1;
                self.index.values.entry(full.clone()).or_insert(pos);
                Some(full)
            }
        }
    }
}

impl IndexBuilder {
    /// The path of a mapping that starts here, without recording a position for it.
    fn container_path(&mut self) -> String {
        match self.stack.last_mut() {
            None => String::new(),
            Some(Frame::Map { path, key }) => match key.take() {
                Some(name) => join(path, &name),
                None => "?".to_string(),
            },
            Some(Frame::Seq { path, next }) => {
                let full = format!("{path}[{next}]");
                *next += 1;
                full
            }
        }
    }
}

impl MarkedEventReceiver for IndexBuilder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) => {
                self.node(mark, Some(&value));
            }
            Event::Alias(_) => {
                self.node(mark, None);
            }
            Event::MappingStart(..) => {
                let path = self.container_path();
                self.stack.push(Frame::Map { path, key: None });
            }
            Event::SequenceStart(..) => {
                let in_list = matches!(self.stack.last(), Some(Frame::Seq { .. }) | None);
                let path = if in_list {
                    self.node(mark, None).unwrap_or_else(|| "?".to_string())
                } else {
                    self.container_path()
                };
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "typ: plan\nperson:\n  namn: Peter\nplan:\n  mål:\n    - id: a\n      text: x\n    - id: b\n      insatser:\n        - vad: y\n";

    #[test]
    fn nesting_is_bounded_but_brackets_in_text_quotes_and_comments_are_not_nesting() {
        let deep = format!("a: {}{}\n", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(within_bounds(&deep), Err(Unbounded::Depth(Pos { line: 1, column: 4 + MAX_DEPTH })));
        let fine = format!("a: {}{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(within_bounds(&fine), Ok(()));
        let text = format!("a: \"{0}\"\nb: '{0}'\nc: text [{0}\n# {0}\nd: [x, \"{0}\"]\n", "[".repeat(MAX_DEPTH * 2));
        assert_eq!(within_bounds(&text), Ok(()));
        let dashes = format!("a:\n{}x\n", "- ".repeat(MAX_DEPTH + 1));
        assert!(matches!(within_bounds(&dashes), Err(Unbounded::Depth(_))));
    }

    #[test]
    fn aliases_are_counted_as_what_they_expand_to() {
        let few = "a: &x [1, 2, 3]\nb: *x\nc: *x\n";
        assert_eq!(within_bounds(few), Ok(()));
        let mut many = format!("a: &stor {}\nb:\n", "x".repeat(10_000));
        many.push_str(&"  - *stor\n".repeat(2_000));
        match within_bounds(&many) {
            Err(Unbounded::Expansion(name, pos)) => {
                assert_eq!(name, "stor");
                assert!(pos.line > 3, "{pos:?}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn paths_map_to_lines_and_columns() {
        let idx = PositionIndex::build(DOC);
        assert_eq!(idx.locate("person.namn"), Pos { line: 3, column: 9 });
        assert_eq!(idx.locate_key("person.namn"), Pos { line: 3, column: 3 });
        assert_eq!(idx.locate("plan.mål[1].id"), Pos { line: 8, column: 11 });
        assert_eq!(idx.locate("plan.mål[1].insatser[0].vad"), Pos { line: 10, column: 16 });
        assert_eq!(idx.top_scalar("typ"), Some("plan"));
    }

    #[test]
    fn missing_paths_fall_back_to_the_nearest_parent() {
        let idx = PositionIndex::build(DOC);
        assert_eq!(idx.locate("plan.mål[0].uppföljning"), idx.locate("plan.mål[0]"));
        assert_eq!(idx.locate("samtycke.datum"), Pos::START);
    }

    #[test]
    fn unreadable_bytes_are_named() {
        assert_eq!(read_case_text(b""), Err(TextProblem::Empty));
        assert_eq!(read_case_text(b"# bara kommentar\n\n"), Err(TextProblem::Empty));
        assert_eq!(read_case_text(b"a: \x00"), Err(TextProblem::Binary));
        assert_eq!(read_case_text(b"a: 1\nb: \xff"), Err(TextProblem::NotUtf8(Pos { line: 2, column: 4 })));
        assert_eq!(read_case_text(b"\xEF\xBB\xBFa: 1\n").unwrap(), "a: 1\n");
    }
}
