//! Rules on easy-read wording (`lättläst:`): readable enough (LIX at most 30, no
//! sentence over 15 words), and present for every goal when the person asked for
//! easy-read documents.

use super::{Finding, PlanCtx};
use crate::case::Format;
use crate::lix::{lix, longest_sentence};

/// Highest LIX an easy-read text may have.
pub const MAX_LIX: f64 = 30.0;
/// Most words in one easy-read sentence.
pub const MAX_SENTENCE_WORDS: usize = 15;

/// Every easy-read text in the case with its key path.
fn easy_read_texts<'a>(ctx: &'a PlanCtx) -> Vec<(String, &'a str)> {
    let mut out = Vec::new();
    for (g, goal) in ctx.case.plan.iter().flat_map(|p| p.goals.iter()).enumerate() {
        if let Some(t) = &goal.easy_read {
            out.push((format!("plan.mål[{g}].lättläst"), t.as_str()));
        }
        for (i, iv) in goal.interventions.iter().enumerate() {
            if let Some(t) = &iv.easy_read {
                out.push((format!("plan.mål[{g}].insatser[{i}].lättläst"), t.as_str()));
            }
        }
    }
    out
}

/// LATTLAST-LIX
pub fn readable(ctx: &PlanCtx) -> Vec<Finding> {
    easy_read_texts(ctx)
        .into_iter()
        .filter_map(|(path, text)| {
            let l = lix(text);
            (l.lix > MAX_LIX).then(|| {
                Finding::new(
                    path,
                    format!(
                        "lättläst text har LIX {:.0} (högst {MAX_LIX:.0}): använd kortare ord och meningar ({} långa ord av {})",
                        l.lix, l.long_words, l.words
                    ),
                )
            })
        })
        .collect()
}

/// LATTLAST-MENING
pub fn short_sentences(ctx: &PlanCtx) -> Vec<Finding> {
    easy_read_texts(ctx)
        .into_iter()
        .filter_map(|(path, text)| {
            let longest = longest_sentence(text);
            (longest > MAX_SENTENCE_WORDS).then(|| {
                Finding::new(
                    path,
                    format!("en mening har {longest} ord; lättläst text har högst {MAX_SENTENCE_WORDS} ord per mening"),
                )
            })
        })
        .collect()
}

/// LATTLAST-SAKNAS
pub fn wording_present(ctx: &PlanCtx) -> Vec<Finding> {
    if !ctx.case.person.formats.contains(&Format::EasyRead) {
        return Vec::new();
    }
    ctx.case
        .plan
        .iter()
        .flat_map(|p| p.goals.iter())
        .enumerate()
        .filter(|(_, g)| g.easy_read.as_deref().is_none_or(|t| t.trim().is_empty()))
        .map(|(g, goal)| {
            Finding::new(
                format!("plan.mål[{g}].lättläst"),
                format!(
                    "personen vill ha lättläst, men målet `{}` saknar `lättläst:`; då står den vanliga texten i den lättlästa planen",
                    goal.id
                ),
            )
            .shown_at(&format!("plan.mål[{g}]"))
        })
        .collect()
}

/// LATTLAST-DU
pub fn speaks_to_the_person(ctx: &PlanCtx) -> Vec<Finding> {
    let name = &ctx.case.person.name;
    let first = name.split_whitespace().next().unwrap_or(name);
    let names = |text: &str| {
        text.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| w == first || w.strip_suffix('s') == Some(first))
    };
    easy_read_texts(ctx)
        .into_iter()
        .filter(|(_, text)| !first.is_empty() && names(text))
        .map(|(path, _)| {
            Finding::new(
                path,
                format!(
                    "den lättlästa texten talar om {first} som \"{first}\"; den läses av {first} själv, så skriv \"du\", \"dig\" eller \"din\" i stället"
                ),
            )
        })
        .collect()
}
