//! The samordnad individuell plan, each organisation's copy of it and the copy for a
//! representative or relative: what they say, in the routine's order of sections
//! (`rutin.planens_delar`); a section without content is left out. Large print says
//! the same with its tables as lists. Words from `texter.yaml` (`plan`).

use super::{GoalData, InterventionData, PlanData};
use crate::document::outline::{
    Block, Field, Inline, Outline, Span, Texts, capitalised, free_inline, free_text, given, led_by, own_words,
    paragraph, plain, section, swedish, who,
};
use crate::language::SWEDISH;

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
            field(t.get("plan.status")?, case_word(t, &d.status)?),
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
            let items = changes.lista.iter().map(|c| swedish(t, language(d), c)).collect::<Result<_, _>>()?;
            Block::List { items }
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

/// The language the document is written in.
fn language(d: &PlanData) -> &str {
    &d.dokument.language
}

/// A word of the case (status, decision, fulfilment, form of consent, principal) as
/// the document's language writes it (`plan.ord`); an empty word stays empty.
fn case_word(t: &Texts, word: &str) -> Result<String, String> {
    if word.trim().is_empty() {
        return Ok(String::new());
    }
    t.get(&format!("plan.ord.{}", word.trim().replace(' ', "_")))
}

/// What the original and each copy say they are, in a box of the same shape, so the
/// rest of the plan falls on the same lines and pages in all of them. Large print
/// leaves the original's box out.
fn copy_mark(t: &Texts, d: &PlanData, large: bool) -> Result<Option<Block>, String> {
    let (title, text) = if language(d) != SWEDISH {
        (t.get("plan.översättning")?, t.get("plan.översättning_text")?)
    } else if let Some(org) = &d.copy_for {
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
    let own = &plan.translation;
    let text_of = |value: &Option<String>, translation: &Option<String>| match given(value) {
        Some(text) => free_text(t, language(d), text, translation.as_deref()),
        None => Ok(vec![]),
    };
    Ok(match id {
        "person" => vec![person_fields(t, d)?],
        "samtycke" => match &d.samtycke {
            Some(s) => {
                let how = if given(&Some(s.form.clone())).is_some() { "" } else { "_utan_form" };
                let date = s.datum.as_deref().unwrap_or_default();
                let form = case_word(t, &s.form)?;
                let said = match &s.givet_av {
                    None => {
                        t.fill(&format!("plan.samtycke{how}"), &[("namn", person), ("form", &form), ("datum", date)])?
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
                            ("form", &form),
                            ("datum", date),
                        ];
                        t.fill(&format!("plan.samtycke_företrädare{how}"), &values)?
                    }
                };
                let covers = t.fill("plan.samtycke_gäller", &[("organisationer", &och(t, &s.covers)?)])?;
                vec![paragraph(format!("{said} {covers}"))]
            }
            None => vec![],
        },
        "initiativ" => match &d.initiativ {
            Some(i) => {
                let said = match given(&i.av) {
                    Some(by) => {
                        let key =
                            if given(&i.datum).is_some() { "plan.initiativ" } else { "plan.initiativ_utan_datum" };
                        Some(t.fill(key, &[("av", by), ("datum", i.datum.as_deref().unwrap_or_default())])?)
                    }
                    None => None,
                };
                let text = match (said, given(&i.anledning)) {
                    (Some(said), Some(why)) => led_by(&format!("{said} "), swedish(t, language(d), why)?),
                    (None, Some(why)) => swedish(t, language(d), why)?,
                    (Some(said), None) => plain(said),
                    (None, None) => vec![],
                };
                if text.is_empty() { vec![] } else { vec![Block::Paragraph { text }] }
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
        "nuläge" => text_of(&plan.present_situation, &own.present_situation)?,
        "förutsättningar" => text_of(&plan.prerequisites, &own.prerequisites)?,
        "intressen" => text_of(&plan.intressen, &own.interests)?,
        "önskemål" => text_of(&plan.wishes, &own.wishes)?,
        "barnets_inställning" => text_of(&plan.childs_view, &own.childs_view)?,
        "läkemedel" => text_of(&plan.medicines, &own.medicines)?,
        "hjälpmedel" => text_of(&plan.assistive_devices, &own.assistive_devices)?,
        "övrigt" => text_of(&plan.other, &own.other)?,
        "mål" => {
            let goals: Result<Vec<Block>, String> =
                plan.goals.iter().enumerate().map(|(n, goal)| goal_unit(t, d, n + 1, goal, large)).collect();
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
            let mut rows = field_rows(t, &[("plan.uppföljning_datum", &f.datum)])?;
            if let Some(what) = given(&f.vad) {
                let value = free_inline(t, language(d), what, own.follow_up_what.as_deref())?;
                rows.push(Field { label: t.get("plan.uppföljning_vad")?, value });
            }
            rows.extend(field_rows(t, &[("plan.uppföljning_kallar", &f.kallas_av)])?);
            if rows.is_empty() { vec![] } else { vec![Block::Fields { rows }] }
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
                let values = [values[0], ("huvudman", &case_word(t, &o.huvudman)?)];
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
                    let mut line = capitalised(&t.get(&format!("möten.{}", m.typ))?);
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
                        line.push_str(&format!(". {}: {}", t.get("plan.justerare")?, och(t, &m.justerare)?));
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
    let rows = field_rows(t, rows)?;
    Ok(if rows.is_empty() { vec![] } else { vec![Block::Fields { rows }] })
}

/// The rows of [`fields`].
fn field_rows(t: &Texts, rows: &[(&str, &Option<String>)]) -> Result<Vec<Field>, String> {
    rows.iter()
        .filter_map(|(key, value)| Some((key, given(value)?)))
        .map(|(key, value)| Ok(field(t.get(key)?, value.to_string())))
        .collect()
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

/// A goal with its interventions and its follow-up, read as one. In a document in the
/// person's language a goal the case does not translate is headed by its number, its
/// Swedish text under it, marked; the interventions are then labelled lines, since a
/// table cell holds no marked text.
fn goal_unit(t: &Texts, d: &PlanData, number: usize, goal: &GoalData, large: bool) -> Result<Block, String> {
    let nummer = number.to_string();
    let swedish_doc = language(d) == SWEDISH;
    let own = own_words(language(d), goal.translation.as_deref());
    let (title, lead) = match own {
        Some(own) => (t.fill("plan.mål", &[("nummer", &nummer), ("text", own)])?, None),
        None if swedish_doc => (t.fill("plan.mål", &[("nummer", &nummer), ("text", &goal.text)])?, None),
        None => {
            let text = swedish(t, language(d), &goal.text)?;
            (t.fill("plan.mål_nummer", &[("nummer", &nummer)])?, Some(Block::Paragraph { text }))
        }
    };
    let interventions = if large || !swedish_doc {
        goal.insatser.iter().map(|i| intervention_fields(t, d, i)).collect::<Result<_, _>>()?
    } else if goal.insatser.is_empty() {
        vec![]
    } else {
        let continued = t.fill("plan.mål_fortsätter", &[("nummer", &nummer)])?;
        vec![intervention_table(t, &goal.insatser, continued)?]
    };
    let blocks = lead.into_iter().chain(interventions).collect();
    let fulfilment = goal.fulfilment.as_deref().map(|f| case_word(t, f)).transpose()?;
    let mut rows = field_rows(t, &[("plan.mål_uppföljning", &goal.follow_up), ("plan.måluppfyllelse", &fulfilment)])?;
    if let Some(comment) = given(&goal.kommentar) {
        rows.push(Field { label: t.get("plan.kommentar")?, value: swedish(t, language(d), comment)? });
    }
    let tail = if rows.is_empty() { vec![] } else { vec![Block::Fields { rows }] };
    Ok(Block::Unit { title, blocks, tail })
}

/// The decision word of an intervention in the document's language, when it has one.
fn decision(t: &Texts, i: &InterventionData) -> Result<Option<String>, String> {
    given(&Some(i.status.clone())).map(|status| case_word(t, status)).transpose()
}

/// One intervention as labelled lines (large print, and the person's language).
fn intervention_fields(t: &Texts, d: &PlanData, i: &InterventionData) -> Result<Block, String> {
    let what = free_inline(t, language(d), &i.vad, i.translation.as_deref())?;
    let mut rows =
        vec![Field { label: t.get("plan.insats")?, value: what }, field(t.get("plan.utförs_av")?, i.performer.clone())];
    let decided = decision(t, i)?;
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
    let decisions = interventions.iter().map(|i| decision(t, i)).collect::<Result<Vec<_>, _>>()?;
    let rows = interventions
        .iter()
        .zip(&decisions)
        .map(|(i, decided)| {
            vec![
                i.vad.clone(),
                i.performer.clone(),
                cell(given(&i.ansvarig)),
                cell(decided.as_deref()),
                cell(given(&i.start_kort)),
                cell(given(&i.klart_kort)),
            ]
        })
        .collect();
    let as_text = interventions
        .iter()
        .zip(&decisions)
        .map(|(i, decided)| {
            let mut line = format!("{}: {}. {}: {}.", columns[0], i.vad, columns[1], i.performer);
            if let Some(v) = given(&i.ansvarig) {
                line.push_str(&format!(" {}: {v}.", columns[2]));
            }
            if let Some(v) = given(decided) {
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
            let rest = match given(&r.beskrivning) {
                Some(what) => led_by(&format!("{rest}: "), swedish(t, language(d), what)?),
                None if rest.is_empty() => vec![],
                None => plain(rest),
            };
            let mut line = vec![Span::Strong(t.fill("plan.revision", &[("version", &r.version.to_string())])?)];
            line.extend(rest);
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
            let said = t.fill("plan.upprättad_företrädare", &[("namn", person), ("ombud", &och(t, &names)?)])?;
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
        let people = och(t, &d.distribution_people)?;
        blocks.push(paragraph(t.fill("plan.sändlista_personer", &[("personer", &people)])?));
    }
    Ok(Block::Section { symbol: None, keep: true, heading: t.get("plan.sändlista")?, blocks })
}

/// A list as the document's language writes it: "A, B och C" (`plan.och`).
fn och(t: &Texts, items: &[String]) -> Result<String, String> {
    Ok(match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {} {last}", rest.join(", "), t.get("plan.och")?),
        Some((last, _)) => last.clone(),
        None => String::new(),
    })
}
