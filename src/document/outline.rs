//! What a document says, as an outline: a letter head, a title, sections, paragraphs,
//! lists, labelled fields, boxes, tables, goal units, signature lines and a closing
//! note, with runs of plain, bold, never-broken, e-mail and web text. Each kind's module
//! builds its outline from the document's data and the fixed words of `texter.yaml`
//! ([`Texts`]); every form is made from it: the PDF (its typst template only lays the
//! outline out, read at `/innehall.json`) and the text form ([`Outline::text`]), from
//! which braille and the recorded forms are made. So a condition that chooses a
//! sentence is written once, and the forms of a document cannot drift apart.

use serde::Serialize;

use crate::document::data::PersonCard;

/// A document's content, in the order it is read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outline {
    /// A letter's head: to whom, and the date.
    #[serde(rename = "brevhuvud")]
    pub head: Option<LetterHead>,
    /// What stands above the title (the plan's box saying whether it is the original or
    /// whose copy it is); the text form has it after the title.
    #[serde(rename = "före")]
    pub before: Vec<Block>,
    /// The title.
    #[serde(rename = "rubrik")]
    pub title: String,
    /// The line under the title.
    #[serde(rename = "underrubrik")]
    pub subtitle: Option<String>,
    /// What follows the title.
    #[serde(rename = "delar")]
    pub blocks: Vec<Block>,
    /// A note closing the document in small type, kept on the page of the last section.
    #[serde(rename = "slut")]
    pub closing: Option<Inline>,
}

/// Who sends a letter, to whom it goes, and when it was written.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LetterHead {
    /// Who sends it: the organisation and its postal address, as the letterhead shows
    /// them; none for a document that is not a letter.
    #[serde(rename = "avsändare")]
    pub sender: Option<Sender>,
    /// The recipient's name; none for a report to no one in particular.
    #[serde(rename = "namn")]
    pub name: Option<String>,
    /// The lines under the name as the envelope's window shows them: organisation,
    /// street or box, "postnummer ort" ([`postal_lines`]).
    #[serde(rename = "rader")]
    pub lines: Vec<String>,
    /// The letter's date in words.
    #[serde(rename = "datum")]
    pub date: String,
    /// The case line beside the date: `Ärende KLM-2026-0042`.
    #[serde(rename = "ärende")]
    pub case_line: Option<String>,
    /// The organisation's logo above the sender, a file of the template folder
    /// (`logo.svg` or `logo.png`, when there is one).
    #[serde(rename = "logotyp")]
    pub logo: Option<String>,
    /// Whether the letter is laid out for a window envelope: the recipient's name and
    /// address where the window is, the title below it.
    #[serde(rename = "fönster")]
    pub window: bool,
}

/// The sender of a letter.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Sender {
    /// The organisation's name.
    #[serde(rename = "namn")]
    pub name: String,
    /// Its postal address, one line per part ([`postal_lines`]).
    #[serde(rename = "rader")]
    pub lines: Vec<String>,
}

/// An organisation as the sender in a letterhead.
pub fn letter_sender(o: &crate::document::data::OrganisationData) -> Sender {
    Sender { name: o.namn.clone(), lines: given(&o.adress).map(postal_lines).unwrap_or_default() }
}

/// An address written on one line in the case file ("Box 611, 391 26 Kalmar") as the
/// lines of an address block: one per comma-separated part, so that "postnummer ort"
/// stands on its own line as Swedish post wants it.
pub fn postal_lines(address: &str) -> Vec<String> {
    address.split(',').map(str::trim).filter(|part| !part.is_empty()).map(str::to_string).collect()
}

/// One part of a document.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "slag")]
pub enum Block {
    /// A paragraph.
    #[serde(rename = "stycke")]
    Paragraph {
        /// Its text.
        text: Inline,
    },
    /// Something the reader must see first (a moved meeting), set apart.
    #[serde(rename = "viktigt")]
    Alert {
        /// Its text.
        text: Inline,
    },
    /// A bulleted list.
    #[serde(rename = "lista")]
    List {
        /// Its items.
        #[serde(rename = "punkter")]
        items: Vec<Inline>,
    },
    /// Labelled values, one per line ("När: …").
    #[serde(rename = "fält")]
    Fields {
        /// The lines.
        #[serde(rename = "rader")]
        rows: Vec<Field>,
    },
    /// A shaded box around what it holds.
    #[serde(rename = "ruta")]
    Notice {
        /// What the box holds.
        #[serde(rename = "delar")]
        blocks: Vec<Block>,
    },
    /// A table; the text form has each row as a sentence instead.
    #[serde(rename = "tabell")]
    Table {
        /// The column headings.
        #[serde(rename = "kolumner")]
        columns: Vec<String>,
        /// How the columns share the width.
        #[serde(rename = "vikter")]
        weights: Vec<f64>,
        /// The cells, row by row ("" for an empty cell).
        #[serde(rename = "rader")]
        rows: Vec<Vec<String>>,
        /// Each row as the text form says it.
        #[serde(rename = "som_text")]
        as_text: Vec<Inline>,
        /// What the page header says on every page the table goes on to ("Mål 1
        /// (forts.)"); print only.
        #[serde(rename = "fortsättning")]
        continued: String,
    },
    /// A unit read as one (a goal): its bold title kept with what follows, and its
    /// last blocks kept together on one page.
    #[serde(rename = "enhet")]
    Unit {
        /// The title.
        #[serde(rename = "rubrik")]
        title: String,
        /// What follows the title.
        #[serde(rename = "delar")]
        blocks: Vec<Block>,
        /// What ends it, never split.
        #[serde(rename = "slut")]
        tail: Vec<Block>,
    },
    /// Lines to sign on, one per signer; the text form has no lines to sign on.
    #[serde(rename = "underskrifter")]
    Signatures {
        /// Who signs: name and, when said, in what role.
        #[serde(rename = "namn")]
        signers: Vec<String>,
        /// The label of the date under each line.
        #[serde(rename = "datum")]
        date_label: String,
    },
    /// A section with its heading.
    #[serde(rename = "avsnitt")]
    Section {
        /// The drawn symbol beside an easy-read section's heading (`lattlast.typ`).
        symbol: Option<String>,
        /// Whether the section is never split across pages (the signatures).
        #[serde(rename = "samlad")]
        keep: bool,
        /// The heading.
        #[serde(rename = "rubrik")]
        heading: String,
        /// What the section holds.
        #[serde(rename = "delar")]
        blocks: Vec<Block>,
    },
}

/// A label and its value.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The label, without a colon.
    #[serde(rename = "etikett")]
    pub label: String,
    /// The value.
    #[serde(rename = "värde")]
    pub value: Inline,
}

/// Text whose parts may need care in print: links, and runs that never break.
pub type Inline = Vec<Span>;

/// A run of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "slag", content = "text")]
pub enum Span {
    /// Plain text.
    #[serde(rename = "text")]
    Text(String),
    /// Bold text.
    #[serde(rename = "fet")]
    Strong(String),
    /// Text kept on one line (a phone number with its label).
    #[serde(rename = "hel")]
    Whole(String),
    /// An e-mail address, a link that opens a new message.
    #[serde(rename = "e-post")]
    Email(String),
    /// A web address, a link.
    #[serde(rename = "webb")]
    Web(String),
    /// A line break.
    #[serde(rename = "rad")]
    Break,
    /// Text in Swedish, as staff wrote it, in a document in the person's language: shown
    /// as written after the pack's `dokument.på_svenska` ([`swedish`]), its language
    /// tagged so that a screen reader switches voice.
    #[serde(rename = "svenska")]
    Swedish(String),
}

/// Plain text as an [`Inline`].
pub fn plain(text: impl Into<String>) -> Inline {
    vec![Span::Text(text.into())]
}

/// A text staff wrote in Swedish, as a document in `language` shows it: as it is in a
/// Swedish document; elsewhere after the pack's words saying it is Swedish
/// (`dokument.på_svenska`), never silently mixed with the person's language.
pub fn swedish(t: &Texts, language: &str, text: &str) -> Result<Inline, String> {
    if language == crate::language::SWEDISH {
        return Ok(plain(text));
    }
    Ok(vec![Span::Text(format!("{} ", t.get("dokument.på_svenska")?)), Span::Swedish(text.to_string())])
}

/// A text staff wrote, on one line, as a document in `language` shows it: in that
/// language where the case translates it (`översättning`), else as [`swedish`] does.
pub fn free_inline(t: &Texts, language: &str, text: &str, translation: Option<&str>) -> Result<Inline, String> {
    match own_words(language, translation) {
        Some(own) => Ok(plain(own)),
        None => swedish(t, language, text),
    }
}

/// The case's translation of a text into `language`, when the document is not Swedish
/// and the case gives one.
pub fn own_words<'a>(language: &str, translation: Option<&'a str>) -> Option<&'a str> {
    translation.map(str::trim).filter(|own| !own.is_empty() && language != crate::language::SWEDISH)
}

/// A text staff wrote as paragraphs ([`text_paragraphs`]), as a document in `language`
/// shows it: in that language where the case translates it; else as written, and in a
/// document in another language marked Swedish ([`swedish`]) — the first paragraph
/// led by the pack's words, every line tagged.
pub fn free_text(t: &Texts, language: &str, text: &str, translation: Option<&str>) -> Result<Vec<Block>, String> {
    if let Some(own) = own_words(language, translation) {
        return Ok(text_paragraphs(own));
    }
    let mut blocks = text_paragraphs(text);
    if language == crate::language::SWEDISH {
        return Ok(blocks);
    }
    for (n, block) in blocks.iter_mut().enumerate() {
        if let Block::Paragraph { text } = block {
            let mut marked: Inline = text
                .drain(..)
                .map(|span| match span {
                    Span::Text(line) => Span::Swedish(line),
                    other => other,
                })
                .collect();
            if n == 0 {
                marked.insert(0, Span::Text(format!("{} ", t.get("dokument.på_svenska")?)));
            }
            *text = marked;
        }
    }
    Ok(blocks)
}

/// `inline` led by `lead`, joined to its first plain run so that a Swedish line stays
/// one run.
pub fn led_by(lead: &str, mut inline: Inline) -> Inline {
    match inline.first_mut() {
        Some(Span::Text(first)) => first.insert_str(0, lead),
        _ => inline.insert(0, Span::Text(lead.to_string())),
    }
    inline
}

/// A section without a symbol.
pub fn section(heading: String, blocks: Vec<Block>) -> Block {
    Block::Section { symbol: None, keep: false, heading, blocks }
}

/// Lines as one run of text, a break between each.
pub fn joined(lines: impl IntoIterator<Item = Inline>) -> Inline {
    let mut text = Vec::new();
    for line in lines {
        if !text.is_empty() {
            text.push(Span::Break);
        }
        text.extend(line);
    }
    text
}

/// Lines, one thought each, as one paragraph with a break after each line.
pub fn lines(lines: impl IntoIterator<Item = Inline>) -> Block {
    Block::Paragraph { text: joined(lines) }
}

/// A text with its first letter capitalised ("måndag den 15 juni" → "Måndag …").
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` with `{name}` replaced by `span` (a link, say) and every other `{key}` by its
/// value.
pub fn fill_span(text: &str, name: &str, span: Span, values: &[(&str, &str)]) -> Inline {
    let text = fill(text, values);
    match text.split_once(&format!("{{{name}}}")) {
        Some((before, after)) => {
            let mut out = Vec::new();
            if !before.is_empty() {
                out.push(Span::Text(before.to_string()));
            }
            out.push(span);
            if !after.is_empty() {
                out.push(Span::Text(after.to_string()));
            }
            out
        }
        None => plain(text),
    }
}

/// A paragraph of plain text.
pub fn paragraph(text: impl Into<String>) -> Block {
    Block::Paragraph { text: plain(text) }
}

/// A text written in a case file as paragraphs: a blank line between paragraphs, and
/// a line break kept where the writer made one.
pub fn text_paragraphs(text: &str) -> Vec<Block> {
    text.trim()
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut inline = Vec::new();
            for (n, line) in p.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
                if n > 0 {
                    inline.push(Span::Break);
                }
                inline.push(Span::Text(line.to_string()));
            }
            Block::Paragraph { text: inline }
        })
        .collect()
}

/// The text of an inline run as the text form writes it.
pub fn inline_text(inline: &[Span]) -> String {
    inline
        .iter()
        .map(|span| match span {
            Span::Text(t) | Span::Strong(t) | Span::Whole(t) | Span::Email(t) | Span::Web(t) | Span::Swedish(t) => {
                t.as_str()
            }
            Span::Break => "\n",
        })
        .collect()
}

impl Outline {
    /// The text form: `# ` before the title, `## ` before each section's heading, `- `
    /// before each list item, `Label: value` for fields, a blank line between sections.
    /// Braille and the recorded forms are made from it.
    pub fn text(&self) -> String {
        let mut out = Vec::new();
        out.push(format!("# {}", self.title));
        if let Some(subtitle) = &self.subtitle {
            out.push(subtitle.clone());
        }
        if let Some(head) = &self.head {
            if let Some(sender) = &head.sender {
                out.push(sender.name.clone());
                out.extend(sender.lines.iter().cloned());
            }
            if let Some(name) = &head.name {
                out.push(format!("Till {name}"));
            }
            out.extend(head.lines.iter().cloned());
            out.push(head.date.clone());
            out.extend(head.case_line.clone());
        }
        for block in &self.before {
            write_block(block, &mut out);
        }
        for block in &self.blocks {
            write_block(block, &mut out);
        }
        if let Some(closing) = &self.closing {
            out.push(String::new());
            out.push(inline_text(closing));
        }
        crate::render::world::tidy_text(&out.join("\n"))
    }
}

/// A block as lines of the text form.
fn write_block(block: &Block, out: &mut Vec<String>) {
    match block {
        Block::Paragraph { text } | Block::Alert { text } => out.push(inline_text(text)),
        Block::List { items } => out.extend(items.iter().map(|item| format!("- {}", inline_text(item)))),
        Block::Fields { rows } => {
            out.extend(rows.iter().map(|row| format!("{}: {}", row.label, inline_text(&row.value))));
        }
        Block::Notice { blocks } => {
            out.push(String::new());
            blocks.iter().for_each(|b| write_block(b, out));
        }
        Block::Table { as_text, .. } => out.extend(as_text.iter().map(|row| format!("- {}", inline_text(row)))),
        Block::Unit { title, blocks, tail } => {
            out.push(String::new());
            out.push(title.clone());
            blocks.iter().chain(tail).for_each(|b| write_block(b, out));
        }
        Block::Signatures { .. } => {}
        // The lines to sign on are for paper: their section's heading is too, and the
        // sentence above them stays as part of what comes before.
        Block::Section { blocks, .. } if blocks.iter().any(|b| matches!(b, Block::Signatures { .. })) => {
            out.push(String::new());
            blocks.iter().for_each(|b| write_block(b, out));
        }
        Block::Section { heading, blocks, .. } => {
            out.push(String::new());
            out.push(format!("## {heading}"));
            blocks.iter().for_each(|b| write_block(b, out));
        }
    }
}

/// The fixed words of the standard documents (`texter.yaml` of the template set),
/// looked up by their path; a missing key is an error naming it, so a misspelt key
/// never silently disappears from a document.
pub struct Texts<'a> {
    root: &'a serde_json::Value,
}

impl<'a> Texts<'a> {
    /// The texts in `root` (texter.yaml as JSON).
    pub fn new(root: &'a serde_json::Value) -> Texts<'a> {
        Texts { root }
    }

    /// The value at `path` (`kallelse.rubrik`).
    pub fn value(&self, path: &str) -> Result<&'a serde_json::Value, String> {
        path.split('.')
            .try_fold(self.root, |v, key| v.get(key))
            .ok_or_else(|| format!("texter.yaml saknar texten {path}"))
    }

    /// The text at `path`.
    pub fn get(&self, path: &str) -> Result<String, String> {
        self.value(path)?.as_str().map(str::to_string).ok_or_else(|| format!("texter.yaml: {path} är ingen text"))
    }

    /// The text at `path` with each `{name}` replaced by its value.
    pub fn fill(&self, path: &str, values: &[(&str, &str)]) -> Result<String, String> {
        Ok(fill(&self.get(path)?, values))
    }
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

/// A text that says something: none when absent or blank.
pub fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// "Name, role, organisation" of a person, the parts they have.
pub fn who(p: &PersonCard) -> String {
    [Some(p.namn.as_str()), given(&p.roll), given(&p.organisation)].into_iter().flatten().collect::<Vec<_>>().join(", ")
}

/// How to reach a person: `Telefon: …` and `E-post: …`, each whole on its line; empty
/// when neither is known.
pub fn reach(t: &Texts, p: &PersonCard) -> Result<Inline, String> {
    let mut out = Vec::new();
    if let Some(phone) = given(&p.telefon) {
        out.push(Span::Whole(format!("{}: {phone}", t.get("kontakt.telefon")?)));
    }
    if let Some(mail) = given(&p.email) {
        if !out.is_empty() {
            out.push(Span::Break);
        }
        out.push(Span::Text(format!("{}: ", t.get("kontakt.e-post")?)));
        out.push(Span::Email(mail.to_string()));
    }
    Ok(out)
}

/// A sentence naming whom to turn to ("Ring … till din samordnare, Karin Lund,
/// arbetsterapeut.") and, on the lines below, how to reach them.
pub fn turn_to(t: &Texts, lead: &str, p: &PersonCard) -> Result<Inline, String> {
    let mut out = plain(format!("{lead}, {}.", who(p)));
    let ways = reach(t, p)?;
    if !ways.is_empty() {
        out.push(Span::Break);
        out.extend(ways);
    }
    Ok(out)
}

/// A person and, on the lines below, how to reach them.
pub fn contact(t: &Texts, p: &PersonCard) -> Result<Inline, String> {
    let mut out = plain(who(p));
    let ways = reach(t, p)?;
    if !ways.is_empty() {
        out.push(Span::Break);
        out.extend(ways);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_form_marks_headings_lists_and_fields_and_keeps_breaks() {
        let outline = Outline {
            before: Vec::new(),
            head: Some(LetterHead {
                name: Some("Anna".into()),
                lines: vec!["Gatan 1".into()],
                date: "1 maj 2026".into(),
                ..LetterHead::default()
            }),
            title: "Rubrik".into(),
            subtitle: None,
            blocks: vec![
                Block::Notice {
                    blocks: vec![Block::Fields {
                        rows: vec![Field {
                            label: "Frågor".into(),
                            value: vec![Span::Text("Eva".into()), Span::Break, Span::Whole("Telefon: 1".into())],
                        }],
                    }],
                },
                Block::Section {
                    symbol: None,
                    keep: false,
                    heading: "Lista".into(),
                    blocks: vec![Block::List { items: vec![plain("ett")] }],
                },
            ],
            closing: Some(plain("Slut.")),
        };
        assert_eq!(
            outline.text(),
            "# Rubrik\nTill Anna\nGatan 1\n1 maj 2026\n\nFrågor: Eva\nTelefon: 1\n\n## Lista\n- ett\n\nSlut.\n"
        );
    }

    #[test]
    fn a_missing_text_is_an_error_naming_it() {
        let root = serde_json::json!({ "kallelse": { "rubrik": "Kallelse till {typ}" } });
        let t = Texts::new(&root);
        assert_eq!(t.fill("kallelse.rubrik", &[("typ", "möte")]).unwrap(), "Kallelse till möte");
        assert!(t.get("kallelse.saknas").unwrap_err().contains("kallelse.saknas"));
    }
}

#[cfg(test)]
mod reference_tests {
    use super::*;

    /// Every kind of block and run is described in `templates/DATA.md`, where an
    /// organisation writing its own template looks for them.
    #[test]
    fn every_block_and_run_kind_is_in_the_data_reference() {
        let reference = include_str!("../../templates/DATA.md");
        let blocks = [
            Block::Paragraph { text: plain("a") },
            Block::Alert { text: plain("a") },
            Block::List { items: vec![] },
            Block::Fields { rows: vec![] },
            Block::Notice { blocks: vec![] },
            Block::Section { symbol: None, keep: false, heading: "a".into(), blocks: vec![] },
            Block::Table { columns: vec![], weights: vec![], rows: vec![], as_text: vec![], continued: String::new() },
            Block::Unit { title: "a".into(), blocks: vec![], tail: vec![] },
            Block::Signatures { signers: vec![], date_label: "a".into() },
        ];
        let spans = [
            Span::Text("a".into()),
            Span::Strong("a".into()),
            Span::Whole("a".into()),
            Span::Email("a".into()),
            Span::Web("a".into()),
            Span::Break,
        ];
        let kinds = blocks
            .iter()
            .map(|b| serde_json::to_value(b).unwrap())
            .chain(spans.iter().map(|s| serde_json::to_value(s).unwrap()));
        for kind in kinds {
            let slag = kind["slag"].as_str().unwrap().to_string();
            assert!(reference.contains(&format!("`{slag}`")), "DATA.md does not describe `{slag}`");
        }
    }
}
