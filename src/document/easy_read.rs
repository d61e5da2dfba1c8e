//! The person's easy-read plan and invitation, and the easy-read leaflet: short lines, one
//! thought each, headings as questions with a drawn symbol beside each. Words from
//! `lattlast.yaml` (`kallelse`, `samordnare`, `information`); laid out by
//! `lattlast.typ` (`easy-body`).

use super::{
    Block, Inline, LetterHead, Outline, Span, Texts, capitalised, fill_span, given, joined, lines, paragraph, plain,
};
use crate::render::data::{GoalData, InformationData, InterventionData, InvitationData, PersonCard, PlanData};

/// A section with its symbol, kept on one page.
fn section(symbol: &str, heading: String, blocks: Vec<Block>) -> Block {
    Block::Section { symbol: Some(symbol.to_string()), keep: true, heading, blocks }
}

/// The lines of a list of texts in `lattlast.yaml`.
fn text_lines(t: &Texts, path: &str) -> Result<Vec<Inline>, String> {
    let items = t.value(path)?.as_array().ok_or_else(|| format!("lattlast.yaml: {path} är ingen lista"))?;
    items
        .iter()
        .map(|v| v.as_str().map(plain).ok_or_else(|| format!("lattlast.yaml: {path} har en rad som inte är text")))
        .collect()
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

/// The plan in easy-read Swedish, for the person: "du" where it speaks of them.
pub fn plan(t: &Texts, d: &PlanData) -> Result<Outline, String> {
    let plan = &d.plan;
    let mut blocks = Vec::new();
    if let Some(s) = &d.samordnare {
        blocks.push(whom_to_ask(t, s, true)?);
    }
    blocks.push(section("bok", t.get("plan.om_rubrik")?, vec![lines(text_lines(t, "plan.om")?)]));
    if let Some(wish) = given(&plan.wishes) {
        blocks.push(section("hjärta", t.get("plan.vill_rubrik")?, vec![paragraph(wish)]));
    }
    if !plan.goals.is_empty() {
        let goals = plan.goals.iter().enumerate().map(|(n, g)| goal(t, n + 1, g)).collect::<Result<Vec<_>, _>>()?;
        // The goals may run over pages; each goal stays on one.
        blocks.push(Block::Section {
            symbol: Some("mål".into()),
            keep: false,
            heading: t.get("plan.mål_rubrik")?,
            blocks: goals,
        });
    }
    let follow = &plan.follow_up;
    if let Some(date) = given(&follow.datum) {
        let mut again = vec![plain(t.fill("plan.igen", &[("datum", date)])?)];
        if let Some(by) = given(&follow.kallas_av) {
            again.push(plain(t.fill("plan.bjuder", &[("namn", by)])?));
        }
        blocks.push(section("kalender", t.get("plan.igen_rubrik")?, vec![lines(again)]));
    }
    if !d.deltagare.is_empty() {
        let people = d
            .deltagare
            .iter()
            .map(|p| {
                plain([Some(p.namn.as_str()), given(&p.roll)].into_iter().flatten().collect::<Vec<_>>().join(", "))
            })
            .collect();
        blocks.push(section("grupp", t.get("plan.vilka_rubrik")?, vec![Block::List { items: people }]));
    }
    let tl = &plan.tidsplan;
    let mut how_long = Vec::new();
    let span = match (given(&tl.start), given(&tl.slut)) {
        (Some(start), Some(end)) => Some(t.fill("plan.gäller", &[("start", start), ("slut", end)])?),
        (Some(start), None) => Some(t.fill("plan.gäller_från", &[("start", start)])?),
        (None, Some(end)) => Some(t.fill("plan.gäller_till", &[("slut", end)])?),
        (None, None) => None,
    };
    how_long.extend(span.map(plain));
    if let Some(check) = given(&tl.evaluation) {
        how_long.push(plain(t.fill("plan.kollar", &[("datum", check)])?));
    }
    if !how_long.is_empty() {
        blocks.push(section("klocka", t.get("plan.länge_rubrik")?, vec![lines(how_long)]));
    }
    Ok(Outline {
        before: Vec::new(),
        head: Some(LetterHead { name: None, lines: Vec::new(), date: d.dokument.datum_text.clone() }),
        title: t.fill("plan.rubrik", &[("namn", &d.person.namn)])?,
        subtitle: Some(t.fill("plan.version", &[("version", &d.dokument.version.to_string())])?),
        blocks,
        closing: None,
    })
}

/// A goal said to the person: what it is, what is done for it and by whom, and how it
/// went; kept on one page.
fn goal(t: &Texts, number: usize, g: &GoalData) -> Result<Block, String> {
    let text = given(&g.easy_read).unwrap_or(&g.text).to_string();
    let mut blocks = vec![paragraph(text)];
    let items = g.insatser.iter().map(|i| intervention(t, i)).collect::<Result<Vec<_>, _>>()?;
    if !items.is_empty() {
        blocks.push(Block::List { items });
    }
    let mut tail = Vec::new();
    if let Some(done) = given(&g.fulfilment) {
        let key = match done {
            "uppfyllt" => "plan.uppfyllt",
            "delvis uppfyllt" => "plan.delvis",
            _ => "plan.inte",
        };
        tail.push(Block::Paragraph {
            text: vec![Span::Strong(t.get("plan.hur_gick_det")?), Span::Break, Span::Text(t.get(key)?)],
        });
    }
    Ok(Block::Unit { title: t.fill("plan.mål", &[("nummer", &number.to_string())])?, blocks, tail })
}

/// An intervention said to the person, one thought a line: what, who does it ("Du gör
/// det själv."), who sees to it, when.
fn intervention(t: &Texts, i: &InterventionData) -> Result<Inline, String> {
    let mut out = vec![plain(given(&i.easy_read).unwrap_or(&i.vad))];
    out.push(plain(match i.performer_kind {
        "organisation" => t.fill("plan.insats_gör", &[("vem", &i.performer)])?,
        kind => t.get(&format!("plan.insats_gör_{kind}"))?,
    }));
    match (i.ansvarig_slag, given(&i.ansvarig)) {
        (Some("deltagare"), Some(who)) => out.push(plain(t.fill("plan.insats_ansvarig", &[("vem", who)])?)),
        (Some("deltagare"), None) | (None, _) => {}
        (Some(kind), _) => out.push(plain(t.get(&format!("plan.insats_ansvarig_{kind}"))?)),
    }
    if let Some(start) = given(&i.start) {
        out.push(plain(t.fill("plan.insats_start", &[("datum", start)])?));
    }
    if let Some(end) = given(&i.klart) {
        out.push(plain(t.fill("plan.insats_klart", &[("datum", end)])?));
    }
    Ok(joined(out))
}
