//! Versions of a plan: what counts as plan content (a change to it needs a new
//! version), the plan content stored beside each version's documents
//! (`plan-innehall.json`), and what changed since the previous version, worked out from
//! that stored file rather than from memory.
//!
//! **Needs a new version:** anything the plan itself says — the person's name and
//! identity, consent, organisations and participants (names, roles, where they work),
//! the coordinator, overall responsibility, every part of `plan:` (goals, interventions,
//! dates, needs, wishes, time plan, follow-up), status, closure and the revision list.
//!
//! **Does not:** meetings (a new or moved meeting), contact details (`telefon`,
//! `e-post`, `adress`, `fax`), which formats the person wants, `bjuds_in`, deviation
//! reports and templates. These renew the invitations and the calendar file at once and
//! reach the plan with its next version; the plan documents already written stay as
//! they were sent.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::case::{PlanCase, word};
use crate::output::sha256;

/// File name of the stored plan content.
pub const CONTENT_FILE: &str = "plan-innehall.json";

/// SHA-256 of the plan content that needs a new version when it changes.
pub fn plan_hash(case: &PlanCase) -> String {
    let mut v = serde_json::to_value(case).unwrap_or_default();
    if let Value::Object(top) = &mut v {
        for key in ["möten", "avvikelser", "mallar"] {
            top.remove(key);
        }
        if let Some(Value::Object(person)) = top.get_mut("person") {
            for key in ["telefon", "e-post", "adress", "format"] {
                person.remove(key);
            }
            for list in ["företrädare", "närstående"] {
                strip_each(person.get_mut(list), &["telefon", "e-post", "adress", "bjuds_in"]);
            }
        }
        strip_each(top.get_mut("deltagare"), &["telefon", "e-post", "adress", "fax"]);
        strip_each(top.get_mut("organisationer"), &["adress"]);
    }
    sha256(&serde_json::to_vec(&v).unwrap_or_default())
}

fn strip_each(list: Option<&mut Value>, keys: &[&str]) {
    if let Some(Value::Array(items)) = list {
        for item in items {
            if let Value::Object(map) = item {
                for key in keys {
                    map.remove(*key);
                }
            }
        }
    }
}

/// The goals and interventions of one plan version, as stored beside its documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanContent {
    /// Plan version.
    pub version: u32,
    /// Goals in order.
    #[serde(rename = "mål")]
    pub goals: Vec<GoalContent>,
}

/// One goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalContent {
    /// Goal id.
    pub id: String,
    /// Goal text.
    pub text: String,
    /// Follow-up date.
    #[serde(rename = "uppföljning")]
    pub follow_up: Option<String>,
    /// Goal fulfilment.
    #[serde(rename = "måluppfyllelse")]
    pub fulfilment: Option<String>,
    /// Interventions.
    #[serde(rename = "insatser")]
    pub interventions: Vec<InterventionContent>,
}

/// One intervention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterventionContent {
    /// What is done.
    pub vad: String,
    /// Who performs it (organisation id, `personen` or `närstående`).
    #[serde(rename = "utförare")]
    pub performer: String,
    /// Responsible participant id.
    pub ansvarig: Option<String>,
    /// Decided (true) or planned (false).
    pub beslutad: Option<bool>,
    /// Start date.
    pub start: Option<String>,
    /// Done by.
    pub klart: Option<String>,
}

/// The plan content stored beside a plan version; a leaflet has none.
pub fn content_of_case(case: &crate::case::CaseFile) -> Option<PlanContent> {
    match case {
        crate::case::CaseFile::Plan(p) => Some(content_of(p)),
        crate::case::CaseFile::Information(_) => None,
    }
}

/// The plan content of a case.
pub fn content_of(case: &PlanCase) -> PlanContent {
    let goals = case
        .plan
        .iter()
        .flat_map(|p| p.goals.iter())
        .map(|g| GoalContent {
            id: g.id.clone(),
            text: g.text.clone(),
            follow_up: g.follow_up.as_ref().map(|d| d.0.clone()),
            fulfilment: g.fulfilment.as_ref().map(word),
            interventions: g
                .interventions
                .iter()
                .map(|i| InterventionContent {
                    vad: i.what.clone(),
                    performer: i.performer.clone(),
                    ansvarig: i.responsible.clone(),
                    beslutad: i.decided,
                    start: i.start.as_ref().map(|d| d.0.clone()),
                    klart: i.done_by.as_ref().map(|d| d.0.clone()),
                })
                .collect(),
        })
        .collect();
    PlanContent { version: case.version, goals }
}

fn show(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "–".to_string())
}

fn decided(v: Option<bool>) -> String {
    match v {
        Some(true) => "beslutad".into(),
        Some(false) => "planerad".into(),
        None => "–".into(),
    }
}

/// What changed from `before` to `after`, in Swedish, one line each.
pub fn changes(before: &PlanContent, after: &PlanContent) -> Vec<String> {
    let mut out = Vec::new();
    for goal in &after.goals {
        let Some(old) = before.goals.iter().find(|g| g.id == goal.id) else {
            out.push(format!("Nytt mål: {}", goal.text));
            for i in &goal.interventions {
                out.push(format!("Ny insats för målet ”{}”: {}", goal.text, i.vad));
            }
            continue;
        };
        if old.text != goal.text {
            out.push(format!("Målet ändrades från ”{}” till ”{}”", old.text, goal.text));
        }
        if old.follow_up != goal.follow_up {
            out.push(format!(
                "Uppföljningen av ”{}” flyttades från {} till {}",
                goal.text,
                show(&old.follow_up),
                show(&goal.follow_up)
            ));
        }
        if old.fulfilment != goal.fulfilment
            && let Some(f) = &goal.fulfilment
        {
            out.push(format!("Måluppfyllelse för ”{}”: {f}", goal.text));
        }
        for i in &goal.interventions {
            match old.interventions.iter().find(|o| o.vad == i.vad) {
                None => out.push(format!("Ny insats för målet ”{}”: {}", goal.text, i.vad)),
                Some(o) if o != i => {
                    let mut what = Vec::new();
                    if o.performer != i.performer {
                        what.push(format!("utförare {} → {}", o.performer, i.performer));
                    }
                    if o.ansvarig != i.ansvarig {
                        what.push(format!("ansvarig {} → {}", show(&o.ansvarig), show(&i.ansvarig)));
                    }
                    if o.beslutad != i.beslutad {
                        what.push(format!("{} → {}", decided(o.beslutad), decided(i.beslutad)));
                    }
                    if o.start != i.start {
                        what.push(format!("start {} → {}", show(&o.start), show(&i.start)));
                    }
                    if o.klart != i.klart {
                        what.push(format!("klart senast {} → {}", show(&o.klart), show(&i.klart)));
                    }
                    out.push(format!("Insatsen ”{}” ändrades: {}", i.vad, what.join(", ")));
                }
                Some(_) => {}
            }
        }
        for o in &old.interventions {
            if !goal.interventions.iter().any(|i| i.vad == o.vad) {
                out.push(format!("Insatsen ”{}” togs bort", o.vad));
            }
        }
    }
    for old in &before.goals {
        if !after.goals.iter().any(|g| g.id == old.id) {
            out.push(format!("Målet ”{}” togs bort", old.text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(id: &str, text: &str, ivs: &[(&str, &str)]) -> GoalContent {
        GoalContent {
            id: id.into(),
            text: text.into(),
            follow_up: Some("2026-06-15".into()),
            fulfilment: None,
            interventions: ivs
                .iter()
                .map(|(vad, klart)| InterventionContent {
                    vad: (*vad).into(),
                    performer: "soc".into(),
                    ansvarig: Some("anna".into()),
                    beslutad: Some(true),
                    start: Some("2026-03-25".into()),
                    klart: Some((*klart).into()),
                })
                .collect(),
        }
    }

    #[test]
    fn every_kind_of_change_is_named() {
        let before = PlanContent {
            version: 1,
            goals: vec![
                goal("bostad", "Eget hem", &[("Boendestöd", "2026-05-31"), ("Hemtjänst", "2026-06-30")]),
                goal("gå", "Gå med rollator", &[("Gångträning", "2026-06-15")]),
            ],
        };
        let mut after = before.clone();
        after.version = 2;
        after.goals[0].fulfilment = Some("delvis uppfyllt".into());
        after.goals[0].interventions[0].klart = Some("2026-06-30".into());
        after.goals[0].interventions.remove(1);
        after.goals[0]
            .interventions
            .push(goal("x", "x", &[("Budgetrådgivning", "2026-08-31")]).interventions[0].clone());
        after.goals.remove(1);
        after.goals.push(goal("ekonomi", "Egen inkomst", &[("Ansökan", "2026-09-01")]));
        let c = changes(&before, &after);
        let want = [
            "Måluppfyllelse för ”Eget hem”: delvis uppfyllt",
            "Insatsen ”Boendestöd” ändrades: klart senast 2026-05-31 → 2026-06-30",
            "Ny insats för målet ”Eget hem”: Budgetrådgivning",
            "Insatsen ”Hemtjänst” togs bort",
            "Nytt mål: Egen inkomst",
            "Ny insats för målet ”Egen inkomst”: Ansökan",
            "Målet ”Gå med rollator” togs bort",
        ];
        assert_eq!(c, want);
        assert!(changes(&after, &after).is_empty());
    }
}
