//! The public leaflet about SIP for one routine and sender: whom to contact first,
//! then what every leaflet says and what the routine says of itself. Words from
//! `texter.yaml` (`information`).

use crate::document::outline::{
    Block, Inline, LetterHead, Outline, Span, Texts, fill_span, given, lines, paragraph, plain,
};
use schemars::JsonSchema;
use serde::Serialize;

use crate::build::{DocKind, DocSpec, Variant};
use crate::case::datetime::CalendarDate;
use crate::case::{Format, InfoCase, word};
use crate::document::data::{DocumentInfo, EDITION_DATE, RoutineData, Source, routine_data};
use crate::document::easy_read::section;

/// The typst template a variant of the leaflet is laid out with.
pub fn template(variant: Variant) -> &'static str {
    match variant {
        Variant::EasyRead => "information-lattlast.typ",
        Variant::Standard | Variant::LargePrint => "information.typ",
    }
}

/// Whether a variant of the leaflet has a text form: standard and easy-read.
pub fn has_text(variant: Variant) -> bool {
    variant != Variant::LargePrint
}

/// The leaflet's date: its own (`datum`), else the day samplan's texts were written.
pub fn date(info: &InfoCase) -> CalendarDate {
    info.date.as_ref().and_then(|d| d.parse().ok()).unwrap_or(EDITION_DATE)
}

/// The documents of a leaflet: the leaflet, and its easy-read form when asked for.
pub fn documents(info: &InfoCase) -> Vec<DocSpec> {
    let mut docs = vec![DocSpec {
        kind: DocKind::Information,
        name: "information".into(),
        variant: Variant::Standard,
        language: None,
    }];
    if info.formats.contains(&Format::EasyRead) {
        let name = "information-lattlast".into();
        docs.push(DocSpec { kind: DocKind::Information, name, variant: Variant::EasyRead, language: None });
    }
    docs
}

/// How to reach the sender of a leaflet.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ContactData {
    /// Phone number.
    pub telefon: Option<String>,
    /// E-mail address.
    #[serde(rename = "e-post")]
    pub email: Option<String>,
    /// Web address.
    pub webb: Option<String>,
}

/// The data of a leaflet.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InformationData {
    /// What the document says about itself.
    pub dokument: DocumentInfo,
    /// The routine the leaflet describes.
    pub rutin: RoutineData,
    /// Who sends it.
    #[serde(rename = "avsändare")]
    pub sender: String,
    /// How to reach the sender.
    pub kontakt: ContactData,
}

/// The data of a leaflet.
pub fn data(info: &InfoCase, spec: &DocSpec, source: &Source) -> InformationData {
    let date = date(info);
    InformationData {
        dokument: DocumentInfo {
            typ: spec.kind.word().to_string(),
            format: word(&spec.variant.format()),
            namn: spec.name.clone(),
            titel: match spec.variant {
                Variant::EasyRead => "Vad är en SIP?",
                Variant::Standard | Variant::LargePrint => "Samordnad individuell plan – SIP",
            }
            .to_string(),
            datum: date.to_string(),
            datum_text: date.long_sv(),
            case_id: info.id.clone(),
            version: 1,
            sidfot: format!("{} · {}", info.sender, date.long_sv()),
            mottagare_id: None,
            content_hash: source.case_hash.to_string(),
            language: crate::language::SWEDISH.to_string(),
            direction: crate::language::Direction::LeftToRight.code().to_string(),
        },
        rutin: routine_data(source.routine),
        sender: info.sender.clone(),
        kontakt: ContactData {
            telefon: info.contact.phone.clone(),
            email: info.contact.email.clone(),
            webb: info.contact.web.clone(),
        },
    }
}

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
        head: Some(LetterHead { date: d.dokument.datum_text.clone(), ..LetterHead::default() }),
        title: t.get("information.rubrik")?,
        subtitle: Some(t.fill("information.från", &[("namn", &d.sender)])?),
        blocks,
        closing: Some(plain(t.fill("information.rutin", &[("rutin", &d.rutin.titel)])?)),
    })
}

/// The symbol of what a routine says of itself in the easy-read leaflet.
const ROUTINE_SYMBOL: &str = "plats";

/// The public leaflet in easy-read Swedish.
pub fn easy_outline(t: &Texts, d: &InformationData) -> Result<Outline, String> {
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
    // Each part with the symbol lattlast.yaml gives it, one per meaning; what the
    // routine says of itself ("Hur gör vi i …?") is about the place: the map pin.
    let common = t.value("information.delar")?.as_array().ok_or("lattlast.yaml: information.delar är ingen lista")?;
    for part in common {
        let field =
            |key: &str| part.get(key).ok_or_else(|| format!("lattlast.yaml: en del i information.delar saknar {key}"));
        let heading = field("rubrik")?.as_str().ok_or("lattlast.yaml: en rubrik är ingen text")?;
        let symbol = field("symbol")?.as_str().ok_or("lattlast.yaml: en symbol är ingen text")?;
        let text = field("text")?.as_array().ok_or("lattlast.yaml: en text är ingen lista")?;
        let text: Vec<Inline> = text.iter().filter_map(|l| l.as_str()).map(plain).collect();
        blocks.push(section(symbol, heading.to_string(), vec![lines(text)]));
    }
    for part in &d.rutin.leaflet {
        let easy = &part.easy_read;
        let text: Vec<Inline> = easy.text.iter().map(|l| plain(l.clone())).collect();
        blocks.push(section(ROUTINE_SYMBOL, easy.rubrik.clone(), vec![lines(text)]));
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
