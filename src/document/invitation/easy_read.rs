//! The person's invitation in easy-read Swedish: short lines, one thought each, headings
//! as questions with a drawn symbol beside each. Words from `lattlast.yaml`
//! (`kallelse`, `samordnare`); laid out by `lattlast.typ` (`easy-body`).

use super::InvitationData;
use crate::document::easy_read::{section, text_lines, whom_to_ask};
use crate::document::outline::{
    Block, Outline, Span, Texts, capitalised, given, joined, lines, paragraph, plain, swedish,
};

/// The person's invitation in easy-read Swedish.
pub fn outline(t: &Texts, d: &InvitationData) -> Result<Outline, String> {
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
        blocks.push(Block::Notice { blocks: vec![Block::Alert { text: joined(moved) }] });
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
    blocks.push(section("prat", t.get("kallelse.varför_rubrik")?, vec![lines(text_lines(t, why)?)]));
    if !m.kallade.is_empty() {
        let people = m.kallade.iter().map(|k| super::letter::invitee(k, None, &d.dokument.language)).collect();
        let blocks_of = vec![paragraph(t.get("kallelse.du_och")?), Block::List { items: people }];
        blocks.push(section("grupp", t.get("kallelse.vilka_rubrik")?, blocks_of));
    }
    let mut before = Vec::new();
    if let Some(own) = given(&m.preparation) {
        before.push(swedish(t, &d.dokument.language, own)?);
    }
    before.extend(text_lines(t, "kallelse.före")?);
    if let Some(language) = given(&d.person.tolk) {
        before.push(plain(t.fill("kallelse.tolk", &[("sprak", language)])?));
    }
    blocks.push(section("penna", t.get("kallelse.före_rubrik")?, vec![lines(before)]));
    Ok(Outline {
        before: Vec::new(),
        head: Some(super::letter::letter_head(t, d)?),
        title: t.get("kallelse.rubrik")?,
        subtitle: Some(d.mottagare.namn.clone()),
        blocks,
        closing: Some(plain(t.get("kallelse.hemligt")?)),
    })
}
