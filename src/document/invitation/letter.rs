//! The invitation to a meeting: one letter per invited participant, representative or
//! relative, and one to the person ("Du är inbjuden…"), each worded for its reader.
//! Staff of the municipality and the region are called and may have a duty to attend;
//! staff of other organisations, representatives and relatives are invited. It carries
//! the meeting, its purpose, the agenda, who is invited and whom to ask — never the
//! plan's health and social details. Words from `texter.yaml` (`kallelse`).

use super::{InvitationData, MeetingData};
use crate::document::outline::{
    Block, Field, Inline, LetterHead, Outline, Span, Texts, contact, given, letter_sender, paragraph, plain,
    postal_lines, swedish, turn_to,
};
use crate::language::SWEDISH;

/// The outline of an invitation.
pub fn outline(t: &Texts, d: &InvitationData) -> Result<Outline, String> {
    let m = &d.meeting;
    let to_person = d.till_personen;
    let person = d.person.namn.as_str();
    let (title, subtitle) = if to_person {
        (t.fill("kallelse.rubrik_personen", &[("typ", &m.typ)])?, None)
    } else {
        let title = if d.reader == "personal" { "kallelse.rubrik" } else { "kallelse.rubrik_inbjudan" };
        (t.fill(title, &[("typ", &m.typ)])?, Some(t.fill("kallelse.undertitel", &[("namn", person)])?))
    };
    let head = letter_head(t, d)?;
    let mut blocks = Vec::new();
    if let Some(moved) = moved(t, m)? {
        blocks.push(Block::Alert { text: plain(moved) });
    }
    let meeting = Block::Notice { blocks: meeting_box(t, d)? };
    if to_person {
        blocks.push(Block::Section {
            symbol: None,
            keep: false,
            heading: t.get("kallelse.när_och_var")?,
            blocks: vec![meeting],
        });
    } else {
        blocks.push(meeting);
    }
    blocks.extend(sections(t, d)?);
    let closing = if to_person {
        t.get("kallelse.sekretess_personen")?
    } else if staff(d) {
        t.get("kallelse.sekretess")?
    } else {
        t.fill("kallelse.sekretess_närstående", &[("namn", person)])?
    };
    Ok(Outline { before: Vec::new(), head: Some(head), title, subtitle, blocks, closing: Some(plain(closing)) })
}

/// The letter's head, for a window envelope: the sender, the recipient with their
/// organisation and postal address, the date and the case id.
pub fn letter_head(t: &Texts, d: &InvitationData) -> Result<LetterHead, String> {
    let recipient = &d.mottagare;
    let mut lines: Vec<String> = given(&recipient.organisation).map(str::to_string).into_iter().collect();
    lines.extend(given(&recipient.adress).map(postal_lines).unwrap_or_default());
    Ok(LetterHead {
        sender: d.sender.as_ref().map(letter_sender),
        name: Some(recipient.namn.clone()),
        lines,
        date: d.dokument.datum_text.clone(),
        case_line: Some(t.fill("brev.ärende", &[("id", &d.dokument.case_id)])?),
        logo: None,
        window: d.med_post,
    })
}

/// Whether the reader is staff (of the municipality and region, or another organisation).
fn staff(d: &InvitationData) -> bool {
    d.reader == "personal" || d.reader == "annan"
}

/// What a moved meeting's letter says first: that it has moved, and from when and where.
fn moved(t: &Texts, m: &MeetingData) -> Result<Option<String>, String> {
    let Some(f) = &m.flyttat else { return Ok(None) };
    let mut line = match given(&f.when) {
        Some(when) => {
            format!("{} {}", t.get("kallelse.flyttat")?, t.fill("kallelse.flyttat_tid", &[("tidpunkt", when)])?)
        }
        None => t.get("kallelse.ny_plats")?,
    };
    if let Some(place) = given(&f.plats) {
        line.push(' ');
        line.push_str(&t.fill("kallelse.flyttat_plats", &[("plats", place)])?);
    }
    Ok(Some(line))
}

/// The meeting and whom to ask, in one box: what a reader looks for first.
fn meeting_box(t: &Texts, d: &InvitationData) -> Result<Vec<Block>, String> {
    let m = &d.meeting;
    let mut rows = Vec::new();
    let when: Vec<&str> = [given(&m.datum), given(&m.tid)].into_iter().flatten().collect();
    if !when.is_empty() {
        rows.push(Field { label: t.get("kallelse.när")?, value: plain(when.join(" ")) });
    }
    let link = given(&m.link);
    if given(&m.plats).is_some() || link.is_none() {
        let place = match given(&m.plats) {
            Some(place) => place.to_string(),
            None => t.get("kallelse.ingen_plats")?,
        };
        rows.push(Field { label: t.get("kallelse.var")?, value: plain(place) });
    }
    if let Some(link) = link {
        let value = vec![Span::Web(link.to_string()), Span::Break, Span::Text(t.get("kallelse.digitalt_text")?)];
        rows.push(Field { label: t.get("kallelse.digitalt")?, value });
    }
    // Whom to ask is often the one who called: then one row says both. The person's
    // letter says who sends it in a sentence below the rows; no one is named when the
    // case does not say.
    let asker = d.kontakt.as_ref();
    let caller = m.kallad_av.as_ref();
    let same = matches!((asker, caller), (Some(a), Some(c)) if a.id == c.id);
    if !d.till_personen
        && let Some(caller) = caller
    {
        let value: Inline = if same { contact(t, caller)? } else { plain(caller.namn.clone()) };
        rows.push(Field { label: t.get("kallelse.kallad_av")?, value });
    }
    if let Some(chair) = &m.chair {
        rows.push(Field { label: t.get("kallelse.ordförande")?, value: plain(chair.namn.clone()) });
    }
    if !d.till_personen
        && !same
        && let Some(asker) = asker
    {
        rows.push(Field { label: t.get("kallelse.frågor")?, value: contact(t, asker)? });
    }
    let mut blocks = vec![Block::Fields { rows }];
    if d.till_personen
        && let Some(caller) = caller
    {
        blocks.push(paragraph(t.fill("kallelse.kallad_av_personen", &[("namn", &caller.namn)])?));
    }
    Ok(blocks)
}

/// The letter's sections after the box.
fn sections(t: &Texts, d: &InvitationData) -> Result<Vec<Block>, String> {
    let m = &d.meeting;
    let to_person = d.till_personen;
    let person = d.person.namn.as_str();
    let mut out = Vec::new();
    let why = match (m.first, to_person) {
        (true, true) => "kallelse.varför_första_personen",
        (true, false) => "kallelse.varför_första",
        (false, true) => "kallelse.varför_uppföljning_personen",
        (false, false) => "kallelse.varför_uppföljning",
    };
    out.push(section(t.get("kallelse.varför")?, vec![paragraph(t.fill(why, &[("namn", person)])?)]));
    if !d.rutin.dagordning.is_empty() {
        let items = d.rutin.dagordning.iter().map(|item| plain(item.clone())).collect();
        out.push(section(t.get("kallelse.dagordning")?, vec![Block::List { items }]));
    }
    // Each reader's own preparation (`super::data` chooses it); the person, relatives and
    // representatives get a kind default when the case gives none.
    let preparation = match given(&m.preparation) {
        Some(text) => Some(swedish(t, &d.dokument.language, text)?),
        None if to_person => Some(plain(t.get("kallelse.förbered_personen_text")?)),
        None if !staff(d) => Some(plain(t.get("kallelse.förbered_närstående_text")?)),
        None => None,
    };
    let interpreter = match given(&d.person.tolk) {
        Some(language) => {
            let key = if to_person { "kallelse.tolk_personen" } else { "kallelse.tolk" };
            Some(plain(t.fill(key, &[("tolk", language)])?))
        }
        None => None,
    };
    if preparation.is_some() || interpreter.is_some() {
        let title = if to_person { "kallelse.förbered_personen" } else { "kallelse.förbered" };
        let blocks = [preparation, interpreter].into_iter().flatten().map(|text| Block::Paragraph { text }).collect();
        out.push(section(t.get(title)?, blocks));
    }
    // The duty to attend is the routine's, for staff of the municipality and the region.
    let duty = match given(&d.rutin.duty_text) {
        Some(text) if d.reader == "personal" && d.rutin.duty_to_attend => Some(text),
        _ => None,
    };
    if !m.kallade.is_empty() {
        let intro = if to_person {
            t.get("kallelse.inbjudna_och_personen")?
        } else {
            t.fill("kallelse.inbjudna_och", &[("namn", person)])?
        };
        let items = m.kallade.iter().map(|k| invitee(k, given(&k.organisation), &d.dokument.language)).collect();
        let mut blocks = vec![paragraph(intro), Block::List { items }];
        if !to_person && duty.is_none() {
            let unable = if staff(d) { "kallelse.om_förhinder" } else { "kallelse.om_förhinder_närstående" };
            blocks.push(paragraph(t.get(unable)?));
        }
        out.push(section(t.get("kallelse.inbjudna")?, blocks));
    }
    if let Some(duty) = duty {
        let text = format!("{duty} {}", t.get("kallelse.närvaroplikt_meddela")?);
        out.push(section(t.get("kallelse.närvaroplikt")?, vec![paragraph(text)]));
    }
    if to_person && let Some(asker) = &d.kontakt {
        let ask = if d.samordnare.is_some() { "kallelse.kontakt_personen" } else { "kallelse.kontakt_personen_kallad" };
        let blocks = vec![Block::Paragraph { text: turn_to(t, &t.get(ask)?, asker)? }];
        out.push(section(t.get("kallelse.kontakt")?, blocks));
    }
    Ok(out)
}

/// "Name, role, organisation" of someone invited. In a letter in the person's
/// language the role is as staff wrote it, in Swedish, and tagged so.
pub fn invitee(k: &super::InviteeLine, organisation: Option<&str>, language: &str) -> Inline {
    let tail = organisation.map(|o| format!(", {o}")).unwrap_or_default();
    match given(&k.roll) {
        Some(role) if language != SWEDISH => {
            let mut line = vec![Span::Text(format!("{}, ", k.namn)), Span::Swedish(role.into())];
            line.extend((!tail.is_empty()).then_some(Span::Text(tail)));
            line
        }
        role => plain(format!("{}{}{tail}", k.namn, role.map(|r| format!(", {r}")).unwrap_or_default())),
    }
}

fn section(heading: String, blocks: Vec<Block>) -> Block {
    Block::Section { symbol: None, keep: false, heading, blocks }
}
