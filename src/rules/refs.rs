//! Rules on identifiers: every id is unique, and every id the file refers to exists.

use std::collections::{BTreeSet, HashMap};

use super::{Finding, PlanCtx};
use crate::case::parse::nearest;
use crate::case::{A_RELATIVE, A_REPRESENTATIVE, Named, THE_PERSON};
use crate::diagnostic::with_suggestion;

/// Words that may stand where a participant or organisation id is expected.
const PERSON_WORDS: &[&str] = &[THE_PERSON, A_RELATIVE, A_REPRESENTATIVE];

/// SIP-ID-UNIKA
pub fn unique_ids(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let mut findings = Vec::new();
    let mut check = |seen: &mut HashMap<String, String>, id: &str, path: String| {
        if PERSON_WORDS.contains(&id) {
            findings
                .push(Finding::new(path.clone(), format!("`{id}` är ett reserverat ord och kan inte användas som id")));
        }
        if let Some(first) = seen.get(id) {
            findings.push(Finding::new(
                path,
                format!("id `{id}` används redan i `{first}`; varje id får bara finnas en gång"),
            ));
        } else {
            seen.insert(id.to_string(), path);
        }
    };
    let mut orgs = HashMap::new();
    for (i, o) in c.organisations.iter().enumerate() {
        check(&mut orgs, &o.id, format!("organisationer[{i}].id"));
    }
    let mut people = HashMap::new();
    for (i, p) in c.participants.iter().enumerate() {
        check(&mut people, &p.id, format!("deltagare[{i}].id"));
    }
    for (i, r) in c.person.representatives.iter().enumerate() {
        check(&mut people, &r.id, format!("person.företrädare[{i}].id"));
    }
    for (i, r) in c.person.relatives.iter().enumerate() {
        check(&mut people, &r.id, format!("person.närstående[{i}].id"));
    }
    if let Some(plan) = &c.plan {
        let mut goals = HashMap::new();
        for (i, g) in plan.goals.iter().enumerate() {
            check(&mut goals, &g.id, format!("plan.mål[{i}].id"));
        }
    }
    findings
}

struct Known {
    organisations: BTreeSet<String>,
    participants: BTreeSet<String>,
    /// Participants, representatives and relatives: who can be invited.
    invitable: BTreeSet<String>,
}

fn missing(path: String, id: &str, what: &str, known: &BTreeSet<String>) -> Finding {
    let list: Vec<String> = known.iter().cloned().collect();
    let first = format!("det finns ingen {what} med id `{id}`");
    let message = if list.is_empty() {
        format!("{first} (filen har inga)")
    } else {
        let shown: Vec<String> = list.iter().take(12).map(|s| format!("`{s}`")).collect();
        with_suggestion(first, nearest(id, &list), &[format!("Finns: {}", shown.join(", "))])
    };
    Finding::new(path, message)
}

/// SIP-ID-FINNS
pub fn references_exist(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let known = Known {
        organisations: c.organisations.iter().map(|o| o.id.clone()).collect(),
        participants: c.participants.iter().map(|p| p.id.clone()).collect(),
        invitable: c
            .participants
            .iter()
            .map(|p| p.id.clone())
            .chain(c.person.representatives.iter().map(|r| r.id.clone()))
            .chain(c.person.relatives.iter().map(|r| r.id.clone()))
            .collect(),
    };
    let mut f = Vec::new();
    let org = |f: &mut Vec<Finding>, path: String, id: &str| {
        if !known.organisations.contains(id) {
            f.push(missing(path, id, "organisation", &known.organisations));
        }
    };
    let participant = |f: &mut Vec<Finding>, path: String, id: &str| {
        if !known.participants.contains(id) {
            f.push(missing(path, id, "deltagare", &known.participants));
        }
    };
    for (i, p) in c.participants.iter().enumerate() {
        org(&mut f, format!("deltagare[{i}].organisation"), &p.organisation);
    }
    if let Some(id) = &c.coordinator {
        participant(&mut f, "samordnare".into(), id);
    }
    if let Some(id) = &c.overall_responsibility {
        org(&mut f, "övergripande_ansvar".into(), id);
    }
    if let Some(consent) = &c.consent {
        if let Some(id) = &consent.documented_by {
            participant(&mut f, "samtycke.dokumenterat_av".into(), id);
        }
        for (i, id) in consent.covers.iter().enumerate() {
            org(&mut f, format!("samtycke.gäller[{i}]"), id);
        }
        let relatives: BTreeSet<String> = c.person.relatives.iter().map(|r| r.id.clone()).collect();
        for (i, id) in consent.relatives.iter().enumerate() {
            if !relatives.contains(id) {
                f.push(missing(format!("samtycke.närstående[{i}]"), id, "närstående", &relatives));
            }
        }
    }
    if let Some(by) = c.initiative.as_ref().and_then(|i| i.by.as_deref())
        && !PERSON_WORDS.contains(&by)
        && !known.invitable.contains(by)
    {
        let mut all = known.invitable.clone();
        all.extend(PERSON_WORDS.iter().map(|s| s.to_string()));
        f.push(missing("initiativ.av".into(), by, "deltagare", &all));
    }
    for (m, meeting) in c.meetings.iter().enumerate() {
        for (i, id) in meeting.invited.iter().flatten().enumerate() {
            if !known.invitable.contains(id) {
                f.push(missing(
                    format!("möten[{m}].kallade[{i}]"),
                    id,
                    "deltagare, företrädare eller närstående",
                    &known.invitable,
                ));
            }
        }
        if let Some(id) = &meeting.called_by {
            participant(&mut f, format!("möten[{m}].kallad_av"), id);
        }
        if let Some(id) = &meeting.secretary {
            participant(&mut f, format!("möten[{m}].sekreterare"), id);
        }
        if let Some(id) = &meeting.chair {
            participant(&mut f, format!("möten[{m}].ordförande"), id);
        }
        for (i, id) in meeting.present.iter().flatten().enumerate() {
            if Named::of(id) != Named::ThePerson && !known.invitable.contains(id) {
                let mut all = known.invitable.clone();
                all.insert(THE_PERSON.to_string());
                f.push(missing(
                    format!("möten[{m}].närvarande[{i}]"),
                    id,
                    "deltagare, företrädare eller närstående",
                    &all,
                ));
            }
        }
        for (i, id) in meeting.checkers.iter().enumerate() {
            participant(&mut f, format!("möten[{m}].justerare[{i}]"), id);
        }
    }
    for (d, deviation) in c.deviations.iter().enumerate() {
        if let Some(id) = &deviation.concerns {
            org(&mut f, format!("avvikelser[{d}].gäller"), id);
        }
        if let Some(id) = &deviation.reported_by {
            participant(&mut f, format!("avvikelser[{d}].rapporterad_av"), id);
        }
    }
    if let Some(plan) = &c.plan {
        for (g, goal) in plan.goals.iter().enumerate() {
            for (i, iv) in goal.interventions.iter().enumerate() {
                // The person or a relative may perform an intervention or answer for it.
                let by_person = |text: &str| matches!(Named::of(text), Named::ThePerson | Named::ARelative);
                let performer = iv.performer.as_str();
                if !by_person(performer) && !known.organisations.contains(performer) {
                    let mut all = known.organisations.clone();
                    all.extend([THE_PERSON.to_string(), A_RELATIVE.to_string()]);
                    f.push(missing(format!("plan.mål[{g}].insatser[{i}].utförare"), performer, "organisation", &all));
                }
                if let Some(id) = iv.responsible.as_deref().filter(|id| !by_person(id)) {
                    participant(&mut f, format!("plan.mål[{g}].insatser[{i}].ansvarig"), id);
                }
            }
        }
        if let Some(id) = plan.follow_up.as_ref().and_then(|u| u.called_by.as_deref()) {
            participant(&mut f, "plan.uppföljning.kallas_av".into(), id);
        }
    }
    f
}
