//! The deviation report (Halland): sent to the organisation it concerns, with the case
//! id, what in the SIP it concerns, what happened and who reported it — nothing of the
//! plan's health and social content. Words from `texter.yaml` (`avvikelse`).

use super::{Block, Field, LetterHead, Outline, Texts, given, paragraph, plain, text_paragraphs, turn_to, who};
use crate::render::data::DeviationData;

/// The outline of a deviation report.
pub fn outline(t: &Texts, d: &DeviationData) -> Result<Outline, String> {
    let head = LetterHead {
        name: d.mottagare.as_ref().map(|o| o.namn.clone()),
        lines: d.mottagare.as_ref().and_then(|o| given(&o.adress)).map(str::to_string).into_iter().collect(),
        date: d.dokument.datum_text.clone(),
    };
    let kind = match t.value(&format!("avvikelse.typer.{}", d.typ)).ok().and_then(|v| v.as_str()) {
        Some(text) => text.to_string(),
        None => d.typ.clone(),
    };
    let mut rows = vec![
        Field { label: t.get("avvikelse.typ")?, value: plain(kind) },
        Field { label: t.get("avvikelse.datum")?, value: plain(d.datum.clone()) },
        Field { label: t.get("avvikelse.gäller")?, value: plain(d.concerns.clone()) },
    ];
    if let Some(reporter) = &d.rapporterad_av {
        rows.push(Field { label: t.get("avvikelse.rapporterad_av")?, value: plain(who(reporter)) });
    }
    let mut blocks = vec![
        Block::Notice { blocks: vec![Block::Fields { rows }] },
        Block::Section {
            symbol: None,
            keep: false,
            heading: t.get("avvikelse.vad_hände")?,
            blocks: text_paragraphs(&d.beskrivning),
        },
        Block::Section {
            symbol: None,
            keep: false,
            heading: t.get("avvikelse.vad_nu")?,
            blocks: vec![paragraph(t.get("avvikelse.vad_nu_text")?)],
        },
    ];
    if let Some(coordinator) = &d.samordnare {
        let text = turn_to(t, &t.get("avvikelse.kontakt_text")?, coordinator)?;
        blocks.push(Block::Section {
            symbol: None,
            keep: false,
            heading: t.get("avvikelse.kontakt")?,
            blocks: vec![Block::Paragraph { text }],
        });
    }
    Ok(Outline {
        before: Vec::new(),
        head: Some(head),
        title: t.get("avvikelse.rubrik")?,
        subtitle: Some(t.fill("avvikelse.undertitel", &[("arende", &d.dokument.case_id)])?),
        blocks,
        closing: Some(plain(t.get("avvikelse.sekretess")?)),
    })
}
