//! The samordnad individuell plan, each organisation's copy of it and the copy for a
//! representative or relative: what they say, in the routine's order of sections
//! (`rutin.planens_delar`); a section without content is left out. Large print says
//! the same with its tables as lists. Words from `texter.yaml` (`plan`).

use super::{GoalData, InterventionData, PlanData};
use crate::document::outline::{
    Block, Field, Inline, Outline, Span, Texts, capitalised, given, paragraph, plain, section, text_paragraphs, who,
};

/// The outline of a plan or a copy of it; `large` for large print.
pub fn outline(t: &Texts, d: &PlanData, large: bool) -> Result<Outline, String> {
    let person = d.person.namn.as_str();
    let before = copy_mark(t, d, large)?.into_iter().collect();
    let mut blocks = Vec::new();
    let doc = &d.dokument;
    blocks.push(Block::Fields {
        rows: vec![
            field(t.get("plan.version")?, format!("{}, {}", doc.version, doc.datum_text)),
            field(t.get("plan.ärende")?, doc.case_id.clone()),
            field(t.get("plan.rutin")?, d.rutin.titel.clone()),
            field(t.get("plan.status")?, d.status.clone()),
        ],
    });
    for id in &d.rutin.plan_sections {
        let heading = t.fill(&format!("plan.delar.{id}"), &[("namn", person)])?;
        let body = section_body(t, d, id, large)?;
        if !body.is_empty() {
            blocks.push(section(heading, body));
        }
    }
    if let Some(end) = &d.avslut {
        let rows = fields(t, &[("plan.avslut_datum", &end.datum), ("plan.avslut_orsak", &end.orsak)])?;
        if !rows.is_empty() {
            blocks.push(section(t.get("plan.avslut")?, rows));
        }
    }
    blocks.push(section(t.get("plan.versioner")?, vec![versions(t, d)?]));
    if let Some(changes) = &d.changes {
        let heading = t.fill("plan.ändringar", &[("version", &changes.sedan_version.to_string())])?;
        let body = if changes.lista.is_empty() {
            paragraph(t.get("plan.inga_ändringar")?)
        } else {
            Block::List { items: changes.lista.iter().map(|c| plain(c.clone())).collect() }
        };
        blocks.push(section(heading, vec![body]));
    }
    blocks.push(signatures(t, d)?);
    blocks.push(distribution(t, d)?);
    Ok(Outline {
        head: None,
        before,
        title: t.get("plan.rubrik")?,
        subtitle: Some(t.fill("plan.för", &[("namn", person)])?),
        blocks,
        closing: None,
    })
}

fn field(label: String, value: String) -> Field {
    Field { label, value: plain(value) }
}

/// What the original and each copy say they are, in a box of the same shape, so the
/// rest of the plan falls on the same lines and pages in all of them. Large print
/// leaves the original's box out.
fn copy_mark(t: &Texts, d: &PlanData, large: bool) -> Result<Option<Block>, String> {
    let (title, text) = if let Some(org) = &d.copy_for {
        let values = [("organisation", org.namn.as_str())];
        (t.fill("plan.kopia", &values)?, t.fill("plan.kopia_text", &values)?)
    } else if let Some(to) = &d.copy_to {
        let values = [("namn", to.namn.as_str())];
        (t.fill("plan.kopia_till", &values)?, t.fill("plan.kopia_till_text", &values)?)
    } else if d.dokument.typ == "plan" && !large {
        (t.get("plan.original")?, t.get("plan.original_text")?)
    } else {
        return Ok(None);
    };
    let text = vec![Span::Strong(title), Span::Break, Span::Text(text)];
    Ok(Some(Block::Notice { blocks: vec![Block::Paragraph { text }] }))
}

/// The blocks of the plan's section `id`; empty when it has nothing to say.
fn section_body(t: &Texts, d: &PlanData, id: &str, large: bool) -> Result<Vec<Block>, String> {
    let plan = &d.plan;
    let person = d.person.namn.as_str();
    let text_of = |value: &Option<String>| given(value).map(text_paragraphs).unwrap_or_default();
    Ok(match id {
        "person" => vec![person_fields(t, d)?],
        "samtycke" => match &d.samtycke {
            Some(s) => {
                let how = if given(&Some(s.form.clone())).is_some() { "" } else { "_utan_form" };
                let date = s.datum.as_deref().unwrap_or_default();
                let said = match &s.givet_av {
                    None => {
                        t.fill(&format!("plan.samtycke{how}"), &[("namn", person), ("form", &s.form), ("datum", date)])?
                    }
                    Some(r) => {
                        let role = match given(&r.roll) {
                            Some(role) => role.to_string(),
                            None => t.get("plan.person.företrädare")?,
                        };
                        let values = [
                            ("ombud", r.namn.as_str()),
                            ("roll", &role),
                            ("namn", person),
                            ("form", &s.form),
                            ("datum", date),
                        ];
                        t.fill(&format!("plan.samtycke_företrädare{how}"), &values)?
                    }
                };
                let covers = t.fill("plan.samtycke_gäller", &[("organisationer", &och(&s.covers))])?;
                vec![paragraph(format!("{said} {covers}"))]
            }
            None => vec![],
        },
        "initiativ" => match &d.initiativ {
            Some(i) => {
                let mut words = Vec::new();
                if let Some(by) = given(&i.av) {
                    let key = if given(&i.datum).is_some() { "plan.initiativ" } else { "plan.initiativ_utan_datum" };
                    words.push(t.fill(key, &[("av", by), ("datum", i.datum.as_deref().unwrap_or_default())])?);
                }
                if let Some(why) = given(&i.anledning) {
                    words.push(why.to_string());
                }
                if words.is_empty() { vec![] } else { vec![paragraph(words.join(" "))] }
            }
            None => vec![],
        },
        "närvarande" => match &d.present {
            Some(n) => {
                let mut items = Vec::new();
                if n.personen {
                    items.push(plain(t.fill("plan.närvarande_personen", &[("namn", person)])?));
                }
                items.extend(n.representatives.iter().chain(&n.andra).map(|c| plain(who(c))));
                if items.is_empty() { vec![] } else { vec![Block::List { items }] }
            }
            None => vec![],
        },
        "nuläge" => text_of(&plan.present_situation),
        "förutsättningar" => text_of(&plan.prerequisites),
        "intressen" => text_of(&plan.intressen),
        "önskemål" => text_of(&plan.wishes),
        "barnets_inställning" => text_of(&plan.childs_view),
        "läkemedel" => text_of(&plan.medicines),
        "hjälpmedel" => text_of(&plan.assistive_devices),
        "övrigt" => text_of(&plan.other),
        "mål" => {
            let goals: Result<Vec<Block>, String> =
                plan.goals.iter().enumerate().map(|(n, goal)| goal_unit(t, n + 1, goal, large)).collect();
            goals?
        }
        "andra_planer" => {
            if plan.andra_planer.is_empty() {
                vec![]
            } else {
                vec![paragraph(plan.andra_planer.join(", "))]
            }
        }
        "tidsplan" => {
            let tl = &plan.tidsplan;
            fields(
                t,
                &[
                    ("plan.tidsplan_start", &tl.start),
                    ("plan.tidsplan_utvärdering", &tl.evaluation),
                    ("plan.tidsplan_slut", &tl.slut),
                ],
            )?
        }
        "uppföljning" => {
            let f = &plan.follow_up;
            fields(
                t,
                &[
                    ("plan.uppföljning_datum", &f.datum),
                    ("plan.uppföljning_vad", &f.vad),
                    ("plan.uppföljning_kallar", &f.kallas_av),
                ],
            )?
        }
        "samordnare" => match &d.samordnare {
            Some(s) => {
                let mut text = vec![Span::Strong(s.namn.clone())];
                for line in [&s.roll, &s.organisation, &s.adress].into_iter().filter_map(given) {
                    text.extend([Span::Break, Span::Text(line.to_string())]);
                }
                for (key, value) in [("kontakt.telefon", &s.telefon), ("kontakt.fax", &s.fax)] {
                    if let Some(v) = given(value) {
                        text.extend([Span::Break, Span::Whole(format!("{}: {v}", t.get(key)?))]);
                    }
                }
                if let Some(mail) = given(&s.email) {
                    text.extend([
                        Span::Break,
                        Span::Text(format!("{}: ", t.get("kontakt.e-post")?)),
                        Span::Email(mail.to_string()),
                    ]);
                }
                vec![Block::Paragraph { text }]
            }
            None => vec![],
        },
        "ansvar" => match &d.overall_responsibility {
            Some(o) => {
                let values = [("organisation", o.namn.as_str()), ("huvudman", o.huvudman.as_str())];
                vec![paragraph(t.fill("plan.ansvar", &values)?)]
            }
            None => vec![],
        },
        "deltagare" => participants(t, d, large)?,
        "möten" => {
            let items: Result<Vec<Inline>, String> = d
                .meetings
                .iter()
                .map(|m| {
                    let mut line = capitalised(&m.typ);
                    for part in [&m.datum].into_iter().filter_map(given) {
                        line.push_str(&format!(" {part}"));
                    }
                    for part in [&m.tid, &m.plats].into_iter().filter_map(given) {
                        line.push_str(&format!(", {part}"));
                    }
                    for (key, value) in [("plan.ordförande", &m.chair), ("plan.sekreterare", &m.sekreterare)] {
                        if let Some(v) = given(value) {
                            line.push_str(&format!(". {}: {v}", t.get(key)?));
                        }
                    }
                    if !m.justerare.is_empty() {
                        line.push_str(&format!(". {}: {}", t.get("plan.justerare")?, och(&m.justerare)));
                        if let Some(date) = given(&m.justerad) {
                            line.push_str(&format!(", {}", t.fill("plan.justerad", &[("datum", date)])?));
                        }
                    }
                    Ok(plain(line))
                })
                .collect();
            let items = items?;
            if items.is_empty() { vec![] } else { vec![Block::List { items }] }
        }
        other => return Err(format!("planen har ingen del som heter {other}")),
    })
}

/// Labelled values, those the case gives; nothing when it gives none.
fn fields(t: &Texts, rows: &[(&str, &Option<String>)]) -> Result<Vec<Block>, String> {
    let rows: Vec<Field> = rows
        .iter()
        .filter_map(|(key, value)| Some((key, given(value)?)))
        .map(|(key, value)| Ok(field(t.get(key)?, value.to_string())))
        .collect::<Result<_, String>>()?;
    Ok(if rows.is_empty() { vec![] } else { vec![Block::Fields { rows }] })
}

/// The person's details.
fn person_fields(t: &Texts, d: &PlanData) -> Result<Block, String> {
    let p = &d.person;
    let mut rows = vec![field(t.get("plan.person.namn")?, p.namn.clone())];
    for (key, value) in [
        ("plan.person.personnummer", &p.personnummer),
        ("plan.person.födelsedatum", &p.birth_date),
        ("plan.person.adress", &p.adress),
        ("kontakt.telefon", &p.telefon),
    ] {
        if let Some(v) = given(value) {
            rows.push(field(t.get(key)?, v.to_string()));
        }
    }
    if let Some(mail) = given(&p.email) {
        rows.push(Field { label: t.get("kontakt.e-post")?, value: vec![Span::Email(mail.to_string())] });
    }
    if let Some(language) = given(&p.tolk) {
        rows.push(field(t.get("plan.person.tolk")?, language.to_string()));
    }
    for r in &p.representatives {
        let label = match given(&r.roll) {
            Some(role) => capitalised(role),
            None => t.get("plan.person.företrädare")?,
        };
        let value = match given(&r.telefon) {
            Some(phone) => format!("{}, {phone}", r.namn),
            None => r.namn.clone(),
        };
        rows.push(field(label, value));
    }
    for r in &p.relatives {
        let value = match given(&r.roll) {
            Some(relation) => format!("{} ({relation})", r.namn),
            None => r.namn.clone(),
        };
        rows.push(field(t.get("plan.person.närstående")?, value));
    }
    Ok(Block::Fields { rows })
}

/// A goal with its interventions and its follow-up, read as one.
fn goal_unit(t: &Texts, number: usize, goal: &GoalData, large: bool) -> Result<Block, String> {
    let title = t.fill("plan.mål", &[("nummer", &number.to_string()), ("text", &goal.text)])?;
    let blocks = if large {
        goal.insatser.iter().map(|i| intervention_fields(t, i)).collect::<Result<_, _>>()?
    } else if goal.insatser.is_empty() {
        vec![]
    } else {
        let continued = t.fill("plan.mål_fortsätter", &[("nummer", &number.to_string())])?;
        vec![intervention_table(t, &goal.insatser, continued)?]
    };
    let tail = fields(
        t,
        &[
            ("plan.mål_uppföljning", &goal.follow_up),
            ("plan.måluppfyllelse", &goal.fulfilment),
            ("plan.kommentar", &goal.kommentar),
        ],
    )?;
    Ok(Block::Unit { title, blocks, tail })
}

/// The decision word of an intervention, when it has one.
fn decision(i: &InterventionData) -> Option<&str> {
    given(&Some(i.status.clone())).map(|_| i.status.as_str())
}

/// One intervention as labelled lines (large print).
fn intervention_fields(t: &Texts, i: &InterventionData) -> Result<Block, String> {
    let mut rows =
        vec![field(t.get("plan.insats")?, i.vad.clone()), field(t.get("plan.utförs_av")?, i.performer.clone())];
    let decided = decision(i).map(str::to_string);
    for (key, value) in
        [("plan.ansvarig", &i.ansvarig), ("plan.beslut", &decided), ("plan.start", &i.start), ("plan.klart", &i.klart)]
    {
        if let Some(v) = given(value) {
            rows.push(field(t.get(key)?, v.to_string()));
        }
    }
    Ok(Block::Fields { rows })
}

/// A goal's interventions as a table, and each as a sentence for the text form.
fn intervention_table(t: &Texts, interventions: &[InterventionData], continued: String) -> Result<Block, String> {
    let columns = ["plan.insats", "plan.utförs_av", "plan.ansvarig", "plan.beslut", "plan.start", "plan.klart"]
        .iter()
        .map(|k| t.get(k))
        .collect::<Result<Vec<_>, _>>()?;
    let cell = |v: Option<&str>| v.unwrap_or("").to_string();
    let rows = interventions
        .iter()
        .map(|i| {
            vec![
                i.vad.clone(),
                i.performer.clone(),
                cell(given(&i.ansvarig)),
                cell(decision(i)),
                cell(given(&i.start_kort)),
                cell(given(&i.klart_kort)),
            ]
        })
        .collect();
    let as_text = interventions
        .iter()
        .map(|i| {
            let mut line = format!("{}: {}. {}: {}.", columns[0], i.vad, columns[1], i.performer);
            if let Some(v) = given(&i.ansvarig) {
                line.push_str(&format!(" {}: {v}.", columns[2]));
            }
            if let Some(v) = decision(i) {
                line.push_str(&format!(" {}: {v}.", columns[3]));
            }
            if let Some(v) = given(&i.start) {
                line.push_str(&format!(" {} {v}.", columns[4]));
            }
            if let Some(v) = given(&i.klart) {
                line.push_str(&format!(" {} {v}.", columns[5]));
            }
            plain(line)
        })
        .collect();
    Ok(Block::Table { columns, weights: vec![2.3, 1.9, 1.3, 1.0, 1.15, 1.15], rows, as_text, continued })
}

/// Those who take part: a table (a list in large print), each as a sentence in the
/// text form.
fn participants(t: &Texts, d: &PlanData, large: bool) -> Result<Vec<Block>, String> {
    if d.deltagare.is_empty() {
        return Ok(vec![]);
    }
    let sentences = d
        .deltagare
        .iter()
        .map(|p| {
            let mut line = who(p);
            if let Some(phone) = given(&p.telefon) {
                line.push_str(&format!(", {}", t.fill("plan.deltagare_telefon", &[("telefon", phone)])?));
            }
            Ok(plain(line))
        })
        .collect::<Result<Vec<_>, String>>()?;
    if large {
        return Ok(vec![Block::List { items: sentences }]);
    }
    let columns = vec![
        t.get("plan.deltagare_namn")?,
        t.get("plan.deltagare_roll")?,
        t.get("plan.deltagare_verksamhet")?,
        t.get("kontakt.telefon")?,
    ];
    let rows = d
        .deltagare
        .iter()
        .map(|p| {
            vec![
                p.namn.clone(),
                given(&p.roll).unwrap_or("").to_string(),
                given(&p.organisation).unwrap_or("").to_string(),
                // A phone number is never broken across lines.
                given(&p.telefon).unwrap_or("").replace(' ', "\u{a0}"),
            ]
        })
        .collect();
    let continued = t.fill("plan.fortsätter", &[("rubrik", &t.get("plan.delar.deltagare")?)])?;
    Ok(vec![Block::Table { columns, weights: vec![1.3, 1.2, 1.8, 1.3], rows, as_text: sentences, continued }])
}

/// Every version with its date and what it changed.
fn versions(t: &Texts, d: &PlanData) -> Result<Block, String> {
    let items = d
        .revisioner
        .iter()
        .map(|r| {
            let mut rest = String::new();
            if let Some(date) = given(&r.datum) {
                rest.push_str(&format!(", {date}"));
            }
            if let Some(what) = given(&r.beskrivning) {
                rest.push_str(&format!(": {what}"));
            }
            let mut line = vec![Span::Strong(t.fill("plan.revision", &[("version", &r.version.to_string())])?)];
            if !rest.is_empty() {
                line.push(Span::Text(rest));
            }
            Ok(line)
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Block::List { items })
}

/// Who made the plan, and the lines to sign on: the person when they took part (or
/// the case does not say), else the representatives who took part for them; and the
/// coordinator. Never split across pages.
fn signatures(t: &Texts, d: &PlanData) -> Result<Block, String> {
    let person = d.person.namn.as_str();
    let (said, signers) = match &d.present {
        None => (t.fill("plan.upprättad", &[("namn", person)])?, vec![person.to_string()]),
        Some(n) if n.personen => (t.fill("plan.upprättad", &[("namn", person)])?, vec![person.to_string()]),
        Some(n) if !n.representatives.is_empty() => {
            let names: Vec<String> = n.representatives.iter().map(|r| r.namn.clone()).collect();
            let said = t.fill("plan.upprättad_företrädare", &[("namn", person), ("ombud", &names.join(" och "))])?;
            let signers = n
                .representatives
                .iter()
                .map(|r| {
                    let role = match given(&r.roll) {
                        Some(role) => role.to_string(),
                        None => t.get("plan.underskrift_företrädare")?,
                    };
                    Ok(format!("{}, {role}", r.namn))
                })
                .collect::<Result<Vec<_>, String>>()?;
            (said, signers)
        }
        Some(_) => (t.fill("plan.upprättad_utan", &[("namn", person)])?, vec![]),
    };
    let mut signers = signers;
    if let Some(s) = &d.samordnare {
        signers.push(format!("{}, {}", s.namn, t.get("plan.underskrift_samordnare")?));
    }
    let blocks = vec![paragraph(said), Block::Signatures { signers, date_label: t.get("plan.underskrift_datum")? }];
    Ok(Block::Section { symbol: None, keep: true, heading: t.get("plan.underskrifter")?, blocks })
}

/// Where the plan goes. Never split across pages.
fn distribution(t: &Texts, d: &PlanData) -> Result<Block, String> {
    let person = d.person.namn.as_str();
    let mut blocks = vec![paragraph(t.fill("plan.sändlista_text", &[("namn", person)])?)];
    if !d.distribution.is_empty() {
        blocks.push(Block::List { items: d.distribution.iter().map(|c| plain(c.organisation.clone())).collect() });
    }
    if !d.distribution_people.is_empty() {
        blocks.push(paragraph(t.fill("plan.sändlista_personer", &[("personer", &och(&d.distribution_people))])?));
    }
    Ok(Block::Section { symbol: None, keep: true, heading: t.get("plan.sändlista")?, blocks })
}

/// A list as Swedish writes it: "A, B och C".
fn och(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} och {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
