//! The public leaflet about SIP for one routine and sender: whom to contact first,
//! then what every leaflet says and what the routine says of itself. Words from
//! `texter.yaml` (`information`).

use super::{Block, LetterHead, Outline, Span, Texts, given, paragraph, plain};
use crate::render::data::InformationData;

/// The outline of a leaflet.
pub fn outline(t: &Texts, d: &InformationData) -> Result<Outline, String> {
    let k = &d.kontakt;
    let mut reach = plain(d.sender.clone());
    if let Some(phone) = given(&k.telefon) {
        reach.extend([Span::Break, Span::Whole(format!("{}: {phone}", t.get("kontakt.telefon")?))]);
    }
    if let Some(mail) = given(&k.email) {
        reach.extend([
            Span::Break,
            Span::Text(format!("{}: ", t.get("kontakt.e-post")?)),
            Span::Email(mail.to_string()),
        ]);
    }
    if let Some(web) = given(&k.webb) {
        reach.extend([Span::Break, Span::Text(format!("{}: ", t.get("kontakt.webb")?)), Span::Web(web.to_string())]);
    }
    // Whom to ask comes first, where a reader looks for it.
    let contact = Block::Section {
        symbol: None,
        keep: false,
        heading: t.get("information.kontakta_oss")?,
        blocks: vec![Block::Paragraph { text: reach }],
    };
    let mut blocks = vec![Block::Notice { blocks: vec![contact] }];
    // What every leaflet says, then what this routine says of itself.
    let common = t.value("information.delar")?.as_array().ok_or("texter.yaml: information.delar är ingen lista")?;
    for part in common {
        let text = |key: &str| part.get(key).and_then(|v| v.as_str()).map(str::to_string);
        let (Some(heading), Some(body)) = (text("rubrik"), text("text")) else {
            return Err("texter.yaml: varje del i information.delar behöver rubrik och text".to_string());
        };
        blocks.push(Block::Section { symbol: None, keep: false, heading, blocks: vec![paragraph(body)] });
    }
    for part in &d.rutin.leaflet {
        blocks.push(Block::Section {
            symbol: None,
            keep: false,
            heading: part.rubrik.clone(),
            blocks: vec![paragraph(part.text.clone())],
        });
    }
    Ok(Outline {
        before: Vec::new(),
        head: Some(LetterHead { name: None, lines: Vec::new(), date: d.dokument.datum_text.clone() }),
        title: t.get("information.rubrik")?,
        subtitle: Some(t.fill("information.från", &[("namn", &d.sender)])?),
        blocks,
        closing: Some(plain(t.fill("information.rutin", &[("rutin", &d.rutin.titel)])?)),
    })
}
