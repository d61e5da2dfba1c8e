//! The plan in easy-read Swedish, for the person: short lines, one thought each, "du"
//! where it speaks of them. Words from `lattlast.yaml` (`plan`, `samordnare`); laid out
//! by `lattlast.typ` (`easy-body`).

use super::{GoalData, InterventionData, PlanData};
use crate::document::easy_read::{section, text_lines, whom_to_ask};
use crate::document::outline::{
    Block, Inline, LetterHead, Outline, Span, Texts, free_inline, given, joined, lines, plain,
};

/// The plan in easy-read Swedish, for the person: "du" where it speaks of them.
pub fn outline(t: &Texts, d: &PlanData) -> Result<Outline, String> {
    let plan = &d.plan;
    let mut blocks = Vec::new();
    if let Some(s) = &d.samordnare {
        blocks.push(whom_to_ask(t, s, true)?);
    }
    blocks.push(section("plan", t.get("plan.om_rubrik")?, vec![lines(text_lines(t, "plan.om")?)]));
    let language = d.dokument.language.as_str();
    if let Some(wish) = given(&plan.wishes) {
        let text = free_inline(t, language, wish, plan.translation.wishes.as_deref())?;
        blocks.push(section("hjärta", t.get("plan.vill_rubrik")?, vec![Block::Paragraph { text }]));
    }
    if !plan.goals.is_empty() {
        let goals =
            plan.goals.iter().enumerate().map(|(n, g)| goal(t, language, n + 1, g)).collect::<Result<Vec<_>, _>>()?;
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
        head: Some(LetterHead { date: d.dokument.datum_text.clone(), ..LetterHead::default() }),
        title: t.fill("plan.rubrik", &[("namn", &d.person.namn)])?,
        subtitle: Some(t.fill("plan.version", &[("version", &d.dokument.version.to_string())])?),
        blocks,
        closing: None,
    })
}

/// A goal said to the person: what it is, what is done for it and by whom, and how it
/// went; kept on one page. In the person's language, the goal as the case translates
/// it, else its Swedish words, marked.
fn goal(t: &Texts, language: &str, number: usize, g: &GoalData) -> Result<Block, String> {
    let text = free_inline(t, language, given(&g.easy_read).unwrap_or(&g.text), g.translation.as_deref())?;
    let mut blocks = vec![Block::Paragraph { text }];
    let items = g.insatser.iter().map(|i| intervention(t, language, i)).collect::<Result<Vec<_>, _>>()?;
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
fn intervention(t: &Texts, language: &str, i: &InterventionData) -> Result<Inline, String> {
    let mut out = vec![free_inline(t, language, given(&i.easy_read).unwrap_or(&i.vad), i.translation.as_deref())?];
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
