//! What every easy-read document is made of: short lines, one thought each, headings as
//! questions with a drawn symbol beside each, and whom to ask. Words from
//! `lattlast.yaml`; laid out by `lattlast.typ` (`easy-body`). The documents themselves
//! are with their kinds: `plan::easy_read`, `invitation::easy_read` and
//! `information::easy_outline`.

use crate::document::data::PersonCard;
use crate::document::outline::{Block, Inline, Span, Texts, fill_span, given, lines, plain};

/// A section with its symbol, kept on one page.
pub fn section(symbol: &str, heading: String, blocks: Vec<Block>) -> Block {
    Block::Section { symbol: Some(symbol.to_string()), keep: true, heading, blocks }
}

/// The lines of a list of texts in `lattlast.yaml`.
pub fn text_lines(t: &Texts, path: &str) -> Result<Vec<Inline>, String> {
    let items = t.value(path)?.as_array().ok_or_else(|| format!("lattlast.yaml: {path} är ingen lista"))?;
    items
        .iter()
        .map(|v| v.as_str().map(plain).ok_or_else(|| format!("lattlast.yaml: {path} har en rad som inte är text")))
        .collect()
}

/// Whom to ask, with contact details: the coordinator, or while none is chosen the one
/// who called the meeting.
pub fn whom_to_ask(t: &Texts, s: &PersonCard, appointed: bool) -> Result<Block, String> {
    let name = s.namn.as_str();
    let mut out = Vec::new();
    let opening = if appointed { "samordnare.heter" } else { "samordnare.bjöd_in" };
    out.push(plain(t.fill(opening, &[("namn", name)])?));
    if let Some(org) = given(&s.organisation) {
        out.push(plain(t.fill("samordnare.arbetar", &[("namn", name), ("organisation", org)])?));
    }
    if appointed {
        out.push(plain(t.fill("samordnare.hjälper", &[("namn", name)])?));
    }
    if let Some(phone) = given(&s.telefon) {
        out.push(vec![Span::Whole(t.fill("samordnare.ring", &[("telefon", phone)])?)]);
    }
    if let Some(mail) = given(&s.email) {
        out.push(fill_span(&t.get("samordnare.skriv")?, "epost", Span::Email(mail.to_string()), &[]));
    }
    let ask = section("telefon", t.get("samordnare.rubrik")?, vec![lines(out)]);
    Ok(Block::Notice { blocks: vec![ask] })
}
