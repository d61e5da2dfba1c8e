//! The person's easy-read invitation and the easy-read leaflet: short lines, one
//! thought each, headings as questions with a drawn symbol beside each. Words from
//! `lattlast.yaml` (`kallelse`, `samordnare`, `information`); laid out by
//! `lattlast.typ` (`easy-body`).

use super::{Block, Inline, Outline, Span, Texts, fill_span, given, lines, paragraph, plain};
use crate::render::data::{InformationData, InvitationData, PersonCard};

/// A section with its symbol.
fn section(symbol: &str, heading: String, blocks: Vec<Block>) -> Block {
    Block::Section { symbol: Some(symbol.to_string()), keep: false, heading, blocks }
}

/// The lines of a list of texts in `lattlast.yaml`.
fn text_lines(t: &Texts, path: &str) -> Result<Vec<Inline>, String> {
    let items = t.value(path)?.as_array().ok_or_else(|| format!("lattlast.yaml: {path} är ingen lista"))?;
    items
        .iter()
        .map(|v| v.as_str().map(plain).ok_or_else(|| format!("lattlast.yaml: {path} har en rad som inte är text")))
        .collect()
}

/// A text with its first letter capitalised ("måndag den 15 juni" → "Måndag …").
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whom to ask, with contact details: the coordinator, or while none is chosen the one
/// who called the meeting.
fn whom_to_ask(t: &Texts, s: &PersonCard, appointed: bool) -> Result<Block, String> {
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

/// The person's invitation in easy-read Swedish.
pub fn invitation(t: &Texts, d: &InvitationData) -> Result<Outline, String> {
    let m = &d.meeting;
    let mut blocks = Vec::new();
    // A meeting moved after the first letters says so first.
    if let Some(f) = &m.flyttat {
        let mut moved = Vec::new();
        match given(&f.when_easy) {
            Some(when) => {
                moved.push(plain(t.get("kallelse.flyttat")?));
                moved.push(plain(t.fill("kallelse.flyttat_tid", &[("tidpunkt", when)])?));
            }
            None => moved.push(plain(t.get("kallelse.ny_plats")?)),
        }
        if let Some(place) = given(&f.plats) {
            moved.push(plain(t.fill("kallelse.flyttat_plats", &[("plats", place)])?));
        }
        let Block::Paragraph { text } = lines(moved) else { unreachable!("lines makes a paragraph") };
        blocks.push(Block::Notice { blocks: vec![Block::Alert { text }] });
    }
    if let Some(asker) = &d.kontakt {
        blocks.push(whom_to_ask(t, asker, d.samordnare.is_some())?);
    }
    let mut when = Vec::new();
    if let Some(day) = given(&m.easy_date) {
        when.push(plain(format!("{}.", capitalised(day))));
    }
    if let Some(start) = given(&m.starts) {
        when.push(plain(t.fill("kallelse.börjar", &[("tid", start)])?));
    }
    if let Some(end) = given(&m.slutar) {
        when.push(plain(t.fill("kallelse.slutar", &[("tid", end)])?));
    }
    if !when.is_empty() {
        blocks.push(section("kalender", t.get("kallelse.när_rubrik")?, vec![lines(when)]));
    }
    let mut place = Vec::new();
    match (given(&m.plats), given(&m.link)) {
        (Some(p), _) => place.push(plain(p)),
        (None, None) => place.push(plain(t.get("kallelse.ingen_plats")?)),
        (None, Some(_)) => {}
    }
    if let Some(link) = given(&m.link) {
        place.push(plain(t.get("kallelse.digitalt")?));
        place.push(plain(t.get("kallelse.länk")?));
        place.push(vec![Span::Web(link.to_string())]);
    }
    blocks.push(section("plats", t.get("kallelse.var_rubrik")?, vec![lines(place)]));
    let why = if m.first { "kallelse.första" } else { "kallelse.uppföljning" };
    blocks.push(section("hjärta", t.get("kallelse.varför_rubrik")?, vec![lines(text_lines(t, why)?)]));
    if !m.kallade.is_empty() {
        let people = m
            .kallade
            .iter()
            .map(|k| {
                plain([Some(k.namn.as_str()), given(&k.roll)].into_iter().flatten().collect::<Vec<_>>().join(", "))
            })
            .collect();
        let blocks_of = vec![paragraph(t.get("kallelse.du_och")?), Block::List { items: people }];
        blocks.push(section("grupp", t.get("kallelse.vilka_rubrik")?, blocks_of));
    }
    let mut before = Vec::new();
    if let Some(own) = given(&m.preparation) {
        before.push(plain(own));
    }
    before.extend(text_lines(t, "kallelse.före")?);
    if let Some(language) = given(&d.person.tolk) {
        before.push(plain(t.fill("kallelse.tolk", &[("sprak", language)])?));
    }
    blocks.push(section("bok", t.get("kallelse.före_rubrik")?, vec![lines(before)]));
    Ok(Outline {
        before: Vec::new(),
        head: None,
        title: t.get("kallelse.rubrik")?,
        subtitle: Some(d.mottagare.namn.clone()),
        blocks,
        closing: Some(plain(t.get("kallelse.hemligt")?)),
    })
}

/// The symbols of the leaflet's parts, in turn.
const LEAFLET_SYMBOLS: [&str; 8] = ["bok", "grupp", "person", "hjärta", "plats", "telefon", "kalender", "mål"];

/// The public leaflet in easy-read Swedish.
pub fn leaflet(t: &Texts, d: &InformationData) -> Result<Outline, String> {
    let k = &d.kontakt;
    let mut ask = vec![plain(d.sender.clone())];
    if let Some(phone) = given(&k.telefon) {
        ask.push(vec![Span::Whole(t.fill("information.ring", &[("telefon", phone)])?)]);
    }
    if let Some(mail) = given(&k.email) {
        ask.push(fill_span(&t.get("information.skriv")?, "epost", Span::Email(mail.to_string()), &[]));
    }
    if let Some(web) = given(&k.webb) {
        ask.push(fill_span(&t.get("information.webb")?, "webb", Span::Web(web.to_string()), &[]));
    }
    let mut blocks =
        vec![Block::Notice { blocks: vec![section("telefon", t.get("information.fråga_rubrik")?, vec![lines(ask)])] }];
    // What every leaflet says, then what this routine says of itself.
    let mut parts: Vec<(String, Vec<Inline>)> = Vec::new();
    let common = t.value("information.delar")?.as_array().ok_or("lattlast.yaml: information.delar är ingen lista")?;
    for part in common {
        let heading = part.get("rubrik").and_then(|v| v.as_str()).ok_or("lattlast.yaml: en del saknar rubrik")?;
        let text = part.get("text").and_then(|v| v.as_array()).ok_or("lattlast.yaml: en del saknar text")?;
        parts.push((heading.to_string(), text.iter().filter_map(|l| l.as_str()).map(plain).collect()));
    }
    for part in &d.rutin.leaflet {
        let easy = &part.easy_read;
        parts.push((easy.rubrik.clone(), easy.text.iter().map(|l| plain(l.clone())).collect()));
    }
    for (n, (heading, text)) in parts.into_iter().enumerate() {
        blocks.push(section(LEAFLET_SYMBOLS[n % LEAFLET_SYMBOLS.len()], heading, vec![lines(text)]));
    }
    Ok(Outline {
        before: Vec::new(),
        head: None,
        title: t.get("information.rubrik")?,
        subtitle: Some(t.fill("information.från", &[("avsandare", &d.sender)])?),
        blocks,
        closing: None,
    })
}
