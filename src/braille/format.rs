//! Braille layout: a text document (the output of a text template) laid out in pages of
//! a set size, and written as PEF, BRF or Unicode braille text.
//!
//! The text uses a small line-based markup, which also reads well as plain text:
//! `# Rubrik` (main heading, centred), `## Rubrik` (section heading, a blank line
//! before it and kept with what follows), `- punkt` (list item, continuation lines
//! indented), anything else a paragraph; a blank line is a blank line. Everything
//! before the first `##` heading makes the title page.
//!
//! Each page keeps its first row for the page number, in braille, in the top right
//! corner; the title page carries none. Words wrap at spaces and are split only when
//! longer than a line.

use super::table::{BLANK, Cell, to_braille_ascii, to_unicode};
use super::translate;
use crate::breaks::unbreakable_spaces;

/// Page size in cells and rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Cells per row.
    pub cols: usize,
    /// Rows per page.
    pub rows: usize,
}

impl Default for Layout {
    fn default() -> Self {
        Layout { cols: 32, rows: 27 }
    }
}

/// One block of the text markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `# …`
    Title(String),
    /// `## …`
    Heading(String),
    /// `- …`
    Item(String),
    /// Any other non-empty line.
    Paragraph(String),
    /// An empty line.
    Blank,
}

/// Parses the line markup.
pub fn parse_blocks(text: &str) -> Vec<Block> {
    text.lines()
        .map(|line| {
            let line = line.trim_end();
            if let Some(t) = line.strip_prefix("## ") {
                Block::Heading(t.trim().to_string())
            } else if let Some(t) = line.strip_prefix("# ") {
                Block::Title(t.trim().to_string())
            } else if let Some(t) = line.strip_prefix("- ") {
                Block::Item(t.trim().to_string())
            } else if line.trim().is_empty() {
                Block::Blank
            } else {
                Block::Paragraph(line.trim().to_string())
            }
        })
        .collect()
}

/// The text a block stands for, as it reads back from braille (markup kept for items).
pub fn block_text(block: &Block) -> Option<String> {
    match block {
        Block::Title(t) | Block::Heading(t) | Block::Paragraph(t) => Some(t.clone()),
        Block::Item(t) => Some(format!("- {t}")),
        Block::Blank => None,
    }
}

/// Pages of rows of cells.
pub type Pages = Vec<Vec<Vec<Cell>>>;

struct Pager {
    layout: Layout,
    pages: Pages,
    current: Vec<Vec<Cell>>,
}

impl Pager {
    fn new(layout: Layout) -> Pager {
        Pager { layout, pages: Vec::new(), current: Vec::new() }
    }

    fn body_rows(&self) -> usize {
        self.layout.rows.saturating_sub(1).max(1)
    }

    fn room(&self) -> usize {
        self.body_rows().saturating_sub(self.current.len())
    }

    fn push_row(&mut self, row: Vec<Cell>) {
        if self.room() == 0 {
            self.break_page();
        }
        self.current.push(row);
    }

    fn blank(&mut self) {
        if !self.current.is_empty() && self.room() > 0 && self.current.last().is_some_and(|r| !r.is_empty()) {
            self.current.push(Vec::new());
        }
    }

    fn break_page(&mut self) {
        let rows = std::mem::take(&mut self.current);
        self.pages.push(rows);
    }

    fn finish(mut self) -> Pages {
        if !self.current.is_empty() {
            self.break_page();
        }
        self.pages
    }
}

/// How a line of text becomes cells: samplan's own Swedish translator, or a liblouis
/// table for a document in the person's language ([`super::louis`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Translator {
    /// Swedish uncontracted braille ([`super::translate`]).
    Swedish,
    /// A liblouis table (`fi.utb`).
    Louis(String),
}

impl Translator {
    /// One line translated, and the character of `text` each blank cell stands for.
    pub fn translate_with_spaces(&self, text: &str) -> Result<(Vec<Cell>, Vec<usize>), String> {
        match self {
            Translator::Swedish => Ok(translate::translate_with_spaces(text)),
            Translator::Louis(table) => super::louis::translate_with_spaces(table, text),
        }
    }
}

/// Lays out a text document in Swedish braille: a title page, then the body with page
/// numbers.
pub fn layout_document(text: &str, layout: Layout) -> Pages {
    // Samplan's own translator cannot fail.
    layout_document_with(text, layout, &Translator::Swedish).unwrap_or_default()
}

/// Lays out a text document with `translator`: a title page, then the body with page
/// numbers.
pub fn layout_document_with(text: &str, layout: Layout, translator: &Translator) -> Result<Pages, String> {
    let layout = Layout { cols: layout.cols.max(8), rows: layout.rows.max(4) };
    let blocks = parse_blocks(text);
    let split = blocks.iter().position(|b| matches!(b, Block::Heading(_))).unwrap_or(blocks.len());
    let (title, body) = blocks.split_at(split);

    let mut title_rows: Vec<Vec<Cell>> = Vec::new();
    for block in title {
        if let Some(t) = block_text(block) {
            for row in text_rows(translator, &t, layout.cols, 0)? {
                title_rows.push(centre(row, layout.cols));
            }
            title_rows.push(Vec::new());
        }
    }
    while title_rows.last().is_some_and(Vec::is_empty) {
        title_rows.pop();
    }
    let mut pages: Pages = Vec::new();
    if !title_rows.is_empty() {
        let top = layout.rows.saturating_sub(title_rows.len()) / 3;
        let mut page: Vec<Vec<Cell>> = vec![Vec::new(); top];
        for row in title_rows {
            if page.len() == layout.rows {
                pages.push(std::mem::take(&mut page));
            }
            page.push(row);
        }
        pages.push(page);
    }

    let mut pager = Pager::new(layout);
    for (i, block) in body.iter().enumerate() {
        match block {
            Block::Blank => pager.blank(),
            Block::Title(t) | Block::Heading(t) => {
                let rows: Vec<Vec<Cell>> = text_rows(translator, t, layout.cols, 0)?
                    .into_iter()
                    .map(|r| if matches!(block, Block::Title(_)) { centre(r, layout.cols) } else { r })
                    .collect();
                pager.blank();
                // Keep a heading with at least two lines of what follows (one when
                // what follows has only one).
                let following = body.get(i + 1).and_then(|b| block_text(b).map(|t| (b, t)));
                let kept = match following {
                    None => 0,
                    Some((b, t)) => {
                        let indent = if matches!(b, Block::Item(_)) { 2 } else { 0 };
                        let text = if matches!(b, Block::Item(_)) { format!("- {t}") } else { t };
                        text_rows(translator, &text, layout.cols, indent)?.len().min(2)
                    }
                };
                if pager.room() < rows.len() + kept {
                    pager.break_page();
                }
                for row in rows {
                    pager.push_row(row);
                }
            }
            Block::Item(t) => {
                for row in text_rows(translator, &format!("- {t}"), layout.cols, 2)? {
                    pager.push_row(row);
                }
            }
            Block::Paragraph(t) => {
                for row in text_rows(translator, t, layout.cols, 0)? {
                    pager.push_row(row);
                }
            }
        }
    }
    let body_pages = pager.finish();
    let first_number = pages.len() + 1;
    for (n, rows) in body_pages.into_iter().enumerate() {
        let mut page = vec![page_number_row(translator, first_number + n, layout.cols)?];
        page.extend(rows);
        pages.push(page);
    }
    for page in &mut pages {
        for row in page.iter_mut() {
            while row.last() == Some(&BLANK) {
                row.pop();
            }
        }
    }
    Ok(pages)
}

fn page_number_row(translator: &Translator, n: usize, cols: usize) -> Result<Vec<Cell>, String> {
    let (number, _) = translator.translate_with_spaces(&n.to_string())?;
    let mut row = vec![BLANK; cols.saturating_sub(number.len())];
    row.extend(number);
    Ok(row)
}

fn centre(row: Vec<Cell>, cols: usize) -> Vec<Cell> {
    let pad = cols.saturating_sub(row.len()) / 2;
    let mut out = vec![BLANK; pad];
    out.extend(row);
    out
}

/// A line of text translated and wrapped into rows of at most `cols` cells, never
/// breaking at a space `breaks::unbreakable_spaces` names (unless the words it joins are
/// longer than a row together).
fn text_rows(translator: &Translator, text: &str, cols: usize, indent: usize) -> Result<Vec<Vec<Cell>>, String> {
    let (cells, spaces) = translator.translate_with_spaces(text)?;
    let keep = unbreakable_spaces(text);
    let glued: Vec<bool> = spaces.iter().map(|i| keep.contains(i)).collect();
    let mut words: Vec<Vec<Cell>> = Vec::new();
    let mut word: Vec<Cell> = Vec::new();
    let mut blank = 0;
    for &c in &cells {
        if c == BLANK {
            let joined = glued.get(blank).copied().unwrap_or(false);
            blank += 1;
            if joined && !word.is_empty() {
                word.push(GLUE);
                continue;
            }
            words.push(std::mem::take(&mut word));
        } else {
            word.push(c);
        }
    }
    words.push(word);
    let mut joined: Vec<Cell> = Vec::new();
    for w in words.into_iter().filter(|w| !w.is_empty()) {
        if !joined.is_empty() {
            joined.push(BLANK);
        }
        // A group longer than a row is not kept together.
        if w.len() > cols.saturating_sub(indent) {
            joined.extend(w.into_iter().map(|c| if c == GLUE { BLANK } else { c }));
        } else {
            joined.extend(w);
        }
    }
    Ok(wrap(&joined, cols, indent).into_iter().map(|row| row.into_iter().map(unglue).collect()).collect())
}

/// A stand-in for a blank cell that joins two words, while wrapping only: dots 7 and 8
/// alone, which the translator writes for no character (its only cell with those dots
/// is the unknown sign, dots 3678).
const GLUE: Cell = 0b1100_0000;

fn unglue(c: Cell) -> Cell {
    if c == GLUE { BLANK } else { c }
}

/// Wraps cells at blank cells into rows of at most `cols`; continuation rows are
/// indented by `indent`. A word longer than a row is split.
pub fn wrap(cells: &[Cell], cols: usize, indent: usize) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    for word in cells.split(|&c| c == BLANK).filter(|w| !w.is_empty()) {
        let needed = if row.is_empty() { word.len() } else { row.len() + 1 + word.len() };
        if needed <= cols {
            if !row.is_empty() {
                row.push(BLANK);
            }
            row.extend_from_slice(word);
            continue;
        }
        if !row.is_empty() {
            rows.push(std::mem::take(&mut row));
            row = vec![BLANK; indent];
        }
        let mut rest = word;
        while row.len() + rest.len() > cols {
            let take = cols - row.len();
            row.extend_from_slice(&rest[..take]);
            rows.push(std::mem::take(&mut row));
            row = vec![BLANK; indent];
            rest = &rest[take..];
        }
        row.extend_from_slice(rest);
    }
    if row.iter().any(|&c| c != BLANK) {
        rows.push(row);
    }
    rows
}

/// Pages as Unicode braille: rows on lines, pages separated by a form feed.
pub fn to_unicode_text(pages: &Pages) -> String {
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            out.push('\u{c}');
        }
        for row in page {
            out.extend(row.iter().map(|&c| to_unicode(c)));
            out.push('\n');
        }
    }
    out
}

/// Pages as BRF (Braille ASCII): every page has exactly `rows` lines ending in CR LF,
/// and a form feed follows each page.
pub fn to_brf(pages: &Pages, layout: Layout) -> Vec<u8> {
    let mut out = String::new();
    for page in pages {
        for r in 0..layout.rows {
            if let Some(row) = page.get(r) {
                out.extend(row.iter().map(|&c| to_braille_ascii(c)));
            }
            out.push_str("\r\n");
        }
        out.push('\u{c}');
    }
    out.into_bytes()
}

/// Metadata of a PEF file.
pub struct PefMeta<'a> {
    /// Stable identifier.
    pub identifier: &'a str,
    /// Title.
    pub title: &'a str,
    /// Date (YYYY-MM-DD).
    pub date: &'a str,
    /// The language of the text, as an ISO 639 code (`sv`, `fi` …).
    pub language: &'a str,
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Pages as PEF 2008-1.
pub fn to_pef(pages: &Pages, layout: Layout, meta: &PefMeta) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<pef xmlns=\"http://www.daisy.org/ns/2008/pef\" version=\"2008-1\">\n");
    out.push_str("  <head>\n    <meta xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
    out.push_str("      <dc:format>application/x-pef+xml</dc:format>\n");
    out.push_str(&format!("      <dc:identifier>{}</dc:identifier>\n", xml_escape(meta.identifier)));
    out.push_str(&format!("      <dc:title>{}</dc:title>\n", xml_escape(meta.title)));
    out.push_str(&format!("      <dc:language>{}</dc:language>\n", xml_escape(meta.language)));
    out.push_str(&format!("      <dc:date>{}</dc:date>\n", xml_escape(meta.date)));
    out.push_str("    </meta>\n  </head>\n  <body>\n");
    out.push_str(&format!(
        "    <volume cols=\"{}\" rows=\"{}\" rowgap=\"0\" duplex=\"false\">\n      <section>\n",
        layout.cols, layout.rows
    ));
    for page in pages {
        out.push_str("        <page>\n");
        for row in page {
            out.push_str("          <row>");
            out.extend(row.iter().map(|&c| to_unicode(c)));
            out.push_str("</row>\n");
        }
        out.push_str("        </page>\n");
    }
    out.push_str("      </section>\n    </volume>\n  </body>\n</pef>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_spaces_and_long_words_split() {
        let cells = translate("ett två tre fyra");
        let rows = wrap(&cells, 8, 0);
        assert!(rows.iter().all(|r| r.len() <= 8));
        assert_eq!(rows.len(), 2, "«ett två» and «tre fyra» fill 7 and 8 cells");
        let long = translate("abcdefghijklmnopqrstu");
        let rows = wrap(&long, 8, 2);
        assert_eq!(rows[0].len(), 8);
        assert!(rows[1].starts_with(&[BLANK, BLANK]));
    }

    #[test]
    fn pages_respect_size_and_carry_numbers() {
        let mut text = String::from("# Titel\nför någon\n\n");
        for i in 0..40 {
            text.push_str(&format!("## Rubrik {i}\nEn mening som är lagom lång för att brytas över rader.\n"));
        }
        let layout = Layout { cols: 20, rows: 10 };
        let pages = layout_document(&text, layout);
        assert!(pages.len() > 5);
        for page in &pages {
            assert!(page.len() <= layout.rows);
            assert!(page.iter().all(|r| r.len() <= layout.cols));
        }
        // Page 2 has its number at the right end of the first row.
        assert!(pages[1][0].ends_with(&translate("2")));
        assert_eq!(pages[1][0].len(), layout.cols);
    }

    #[test]
    fn brf_has_crlf_rows_and_form_feeds() {
        let layout = Layout { cols: 20, rows: 5 };
        let pages = layout_document("# T\n\n## R\nabc\n", layout);
        let brf = String::from_utf8(to_brf(&pages, layout)).unwrap();
        assert_eq!(brf.matches('\u{c}').count(), pages.len());
        assert_eq!(brf.matches("\r\n").count(), pages.len() * layout.rows);
    }

    #[test]
    fn a_time_a_date_and_a_phone_number_stay_on_one_row() {
        let unicode = |row: &Vec<Cell>| row.iter().map(|&c| to_unicode(c)).collect::<String>();
        let whole = |text: &str, part: &str| {
            let part = unicode(&translate(part));
            // Every width from the shortest that holds the part to one that holds all.
            for cols in part.chars().count()..40 {
                let rows: Vec<String> =
                    text_rows(&Translator::Swedish, text, cols, 0).unwrap().iter().map(unicode).collect();
                assert!(rows.iter().any(|r| r.contains(&part)), "{part} broken at {cols}: {rows:?}");
            }
        };
        whole("Mötet börjar kl. 10.00 i rum 3.", "kl. 10.00");
        whole("Vi ses fredag 15 september 2026 på vårdcentralen.", "15 september 2026");
        whole("Ring 0480-11 11 11 om du har frågor.", "0480-11 11 11");
        // Ordinary words still break at any space.
        let rows = text_rows(&Translator::Swedish, "ett två tre fyra", 8, 0).unwrap();
        assert_eq!(rows.len(), 2, "{rows:?}");
    }

    #[test]
    fn a_heading_keeps_two_lines_of_its_section_on_its_page() {
        let layout = Layout { cols: 20, rows: 8 };
        // Body page: the number row, heading A and three rows of text; a heading with
        // a blank before it then has room for itself and one line only.
        let mut text = String::from("# T\n\n## A\n");
        for _ in 0..3 {
            text.push_str("rad\n");
        }
        text.push_str("## Rubrik\nett två tre fyra fem sex sju åtta nio tio elva tolv\n");
        let pages = layout_document(&text, layout);
        let heading = translate("Rubrik");
        let page = pages.iter().position(|p| p.iter().any(|r| r.starts_with(&heading))).unwrap();
        let at = pages[page].iter().position(|r| r.starts_with(&heading)).unwrap();
        assert!(pages[page].len() >= at + 3, "the heading is not followed by two lines: {:?}", pages[page]);
    }
}
