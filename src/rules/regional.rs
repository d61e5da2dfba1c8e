//! Rules that only some routines ask for: the child's view (Stockholms län), the
//! coordinator's full contact details (Västra Götaland), written consent covering all
//! and two minute-checkers (Stockholm stad), the 30-day meeting and recorded goal
//! fulfilment (Halland), and a named secretary (Stockholm stad, Halland).

use super::process::held_meetings;
use super::shared::{birth_date, coordinator, first_meeting, is_coordination, real};
use super::{Finding, PlanCtx};
use crate::case::{ConsentForm, Named, PlanCase, Principal, word};

fn participant_index(ctx: &PlanCtx, id: &str) -> usize {
    ctx.case.participants.iter().position(|p| p.id == id).unwrap_or(0)
}

/// SIP-BARNETS-INSTALLNING
pub fn childs_view(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let plan = c.plan.as_ref();
    let on = real(plan.and_then(|p| p.timeline.as_ref()).and_then(|t| t.start.as_ref()))
        .or_else(|| first_meeting(c))
        .or_else(|| real(c.consent.as_ref().and_then(|s| s.date.as_ref())));
    let Some(born) = birth_date(c) else {
        return vec![Finding::new(
            "person.födelsedatum",
            "ange `personnummer` eller `födelsedatum`: rutinen kräver barnets inställning när personen är under 18 år, och samplan kan inte avgöra åldern",
        )];
    };
    let Some(on) = on else {
        return Vec::new();
    };
    let has_view = plan.and_then(|p| p.childs_view.as_deref()).is_some_and(|s| !s.trim().is_empty());
    if born.age_on(on) < 18 && !has_view {
        vec![Finding::new(
            "plan.barnets_inställning",
            format!(
                "personen är {} år när planen börjar; beskriv barnets egen inställning till samordningen i `plan.barnets_inställning`",
                born.age_on(on)
            ),
        )]
    } else {
        Vec::new()
    }
}

/// SIP-MOTE-SEKRETERARE: every meeting that has been held, the first as well as the
/// follow-ups, names who kept its notes.
pub fn secretary_named(ctx: &PlanCtx) -> Vec<Finding> {
    held_meetings(ctx.case)
        .filter(|(_, m)| m.secretary.as_deref().is_none_or(|s| s.trim().is_empty()))
        .map(|(i, m)| {
            Finding::new(
                format!("möten[{i}].sekreterare"),
                format!("{} {} saknar sekreterare; ange deltagaren som för anteckningar", word(&m.kind), m.date.0),
            )
        })
        .collect()
}

/// VGR-SAMORDNARE-KONTAKT
pub fn vgr_coordinator_contact(ctx: &PlanCtx) -> Vec<Finding> {
    let Some((p, org)) = coordinator(ctx.case) else {
        return Vec::new();
    };
    let mut lacking = Vec::new();
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
    if blank(&p.address) && org.is_none_or(|o| blank(&o.address)) {
        lacking.push("adress (egen eller organisationens)");
    }
    if blank(&p.phone) {
        lacking.push("telefon");
    }
    if blank(&p.email) {
        lacking.push("e-post");
    }
    if lacking.is_empty() {
        return Vec::new();
    }
    vec![Finding::new(
        format!("deltagare[{}]", participant_index(ctx, &p.id)),
        format!("planen ska ge samordnarens kontaktuppgifter (punkt 6); för {} saknas: {}", p.name, lacking.join(", ")),
    )]
}

/// VGR-SAMORDNARE-FAX
pub fn vgr_coordinator_fax(ctx: &PlanCtx) -> Vec<Finding> {
    match coordinator(ctx.case) {
        Some((p, _)) if p.fax.as_deref().is_none_or(|s| s.trim().is_empty()) => vec![Finding::new(
            format!("deltagare[{}].fax", participant_index(ctx, &p.id)),
            format!("rutinen räknar upp samordnarens telefax; ange `fax` för {} om det finns", p.name),
        )],
        _ => Vec::new(),
    }
}

/// STHLM-LAN-LAKEMEDEL-HJALPMEDEL
pub fn medicines_and_devices(ctx: &PlanCtx) -> Vec<Finding> {
    let Some(plan) = &ctx.case.plan else {
        return Vec::new();
    };
    let given = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    let mut f = Vec::new();
    if !given(&plan.medicines) {
        f.push(Finding::new(
            "plan.läkemedel",
            "ange personens läkemedel om det behövs för samordningen (skriv \"Inga\" annars)",
        ));
    }
    if !given(&plan.assistive_devices) {
        f.push(Finding::new(
            "plan.hjälpmedel",
            "ange personens hjälpmedel om det behövs för samordningen (skriv \"Inga\" annars)",
        ));
    }
    f
}

/// STHLM-STAD-SAMTYCKE-SKRIFTLIGT
pub fn consent_written(ctx: &PlanCtx) -> Vec<Finding> {
    match ctx.case.consent.as_ref().and_then(|s| s.form) {
        Some(ConsentForm::Oral) => vec![Finding::new(
            "samtycke.form",
            "samtycket är muntligt; rutinen kräver skriftligt samtycke (`form: skriftligt`)",
        )],
        _ => Vec::new(),
    }
}

/// STHLM-STAD-SAMTYCKE-ALLA
pub fn consent_covers_all(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let Some(consent) = &c.consent else {
        return Vec::new();
    };
    let outside: Vec<&str> =
        c.organisations.iter().filter(|o| !consent.covers.contains(&o.id)).map(|o| o.id.as_str()).collect();
    if outside.is_empty() {
        return Vec::new();
    }
    vec![Finding::new(
        "samtycke.gäller",
        format!(
            "samtycket ska omfatta informationsutbyte mellan alla deltagande verksamheter; lägg till {}",
            outside.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
        ),
    )]
}

/// STHLM-STAD-JUSTERARE
pub fn two_checkers(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let principal_of = |id: &str| {
        let p = c.participants.iter().find(|p| p.id == id)?;
        c.organisations.iter().find(|o| o.id == p.organisation).map(|o| o.principal)
    };
    let mut f = Vec::new();
    for (i, m) in held_meetings(c) {
        let principals: Vec<Option<Principal>> = m.checkers.iter().map(|id| principal_of(id)).collect();
        let ok = m.checkers.len() == 2
            && principals.contains(&Some(Principal::Municipality))
            && principals.contains(&Some(Principal::Region));
        if !ok {
            f.push(Finding::new(
                format!("möten[{i}].justerare"),
                format!(
                    "{} {} ska ha två justerare, en från kommunen och en från regionen (nu {})",
                    word(&m.kind),
                    m.date.0,
                    m.checkers.len()
                ),
            ));
        }
    }
    f
}

/// STHLM-STAD-JUSTERAD: the notes of every meeting held are checked, and the plan says
/// when: the checked notes are the plan.
pub fn notes_checked(ctx: &PlanCtx) -> Vec<Finding> {
    held_meetings(ctx.case)
        .filter(|(_, m)| m.checked_on.is_none())
        .map(|(i, m)| {
            Finding::new(
                format!("möten[{i}].justerad"),
                format!(
                    "ange `justerad`: dagen då justerarna godkände anteckningarna från {} {}",
                    word(&m.kind),
                    m.date.0
                ),
            )
            .shown_at(&format!("möten[{i}]"))
        })
        .collect()
}

/// STHLM-STAD-VUXEN: Stockholm stad's policy is for adults.
pub fn adults_only(ctx: &PlanCtx) -> Vec<Finding> {
    match age_when_the_plan_starts(ctx.case) {
        Some(age) if age < 18 => vec![Finding::new(
            "rutin",
            format!(
                "personen är {age} år, men Stockholms stads rutin gäller vuxna (18 år eller äldre); för ett barn i Stockholms län passar `stockholm-lan-2011`"
            ),
        )],
        _ => Vec::new(),
    }
}

/// SIP-BARN-DELAKTIGHET: a child is given the chance to take part: their own view is in
/// the plan, and they are at the meetings (as far as the case tells).
pub fn child_takes_part(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    if age_when_the_plan_starts(c).is_none_or(|age| age >= 18) {
        return Vec::new();
    }
    let mut f = Vec::new();
    let has_view = c.plan.as_ref().and_then(|p| p.childs_view.as_deref()).is_some_and(|s| !s.trim().is_empty());
    if c.plan.is_some() && !has_view {
        f.push(Finding::new(
            "plan.barnets_inställning",
            "personen är ett barn; skriv barnets egen syn på samordningen i `plan.barnets_inställning`",
        ));
    }
    for (i, m) in held_meetings(c) {
        if let Some(present) = &m.present
            && !present.iter().any(|id| Named::of(id) == Named::ThePerson)
        {
            f.push(Finding::new(
                format!("möten[{i}].närvarande"),
                format!(
                    "barnet var inte med på {} {}; ett barn ska få vara med i planeringen så långt ålder och mognad tillåter (skriv `personen` i `närvarande` om barnet var med)",
                    word(&m.kind),
                    m.date.0
                ),
            ));
        }
    }
    f
}

/// How old the person is when the plan starts (or at the first meeting, or the consent).
fn age_when_the_plan_starts(c: &PlanCase) -> Option<i32> {
    let on = real(c.plan.as_ref().and_then(|p| p.timeline.as_ref()).and_then(|t| t.start.as_ref()))
        .or_else(|| first_meeting(c))
        .or_else(|| real(c.consent.as_ref().and_then(|s| s.date.as_ref())))?;
    Some(birth_date(c)?.age_on(on))
}

/// HALLAND-OVERGRIPANDE-ANSVAR: the coordinator's principal has the overall
/// responsibility for the plan.
pub fn coordinators_principal_responsible(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let Some((p, Some(works_at))) = coordinator(c) else { return Vec::new() };
    let Some(responsible) =
        c.overall_responsibility.as_deref().and_then(|id| c.organisations.iter().find(|o| o.id == id))
    else {
        return Vec::new();
    };
    if responsible.principal == works_at.principal {
        return Vec::new();
    }
    vec![Finding::new(
        "övergripande_ansvar",
        format!(
            "samordnaren {} arbetar hos {} ({}), men det övergripande ansvaret ligger hos {} ({}); enligt rutinen har samordnarens huvudman det övergripande ansvaret",
            p.name,
            works_at.name,
            word(&works_at.principal),
            responsible.name,
            word(&responsible.principal)
        ),
    )]
}

/// HALLAND-MOTE-30-DAGAR
pub fn meeting_within_30_days(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let consent = real(c.consent.as_ref().and_then(|s| s.date.as_ref()));
    let first = c
        .meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| is_coordination(m.kind))
        .filter_map(|(i, m)| m.date.parse().ok().map(|d| (i, d)))
        .min_by_key(|(_, d)| *d);
    match (consent, first) {
        (Some(s), Some((i, d))) if d.days() - s.days() > 30 => vec![Finding::new(
            format!("möten[{i}].datum"),
            format!(
                "samordningsmötet hålls {} dagar efter samtycket ({s}); rutinen säger inom 30 dagar",
                d.days() - s.days()
            ),
        )],
        _ => Vec::new(),
    }
}

/// HALLAND-MALUPPFYLLELSE
pub fn fulfilment_recorded(ctx: &PlanCtx) -> Vec<Finding> {
    let c = ctx.case;
    let last_revision = c.revisions.iter().filter(|r| r.version >= 2).filter_map(|r| r.date.parse().ok()).max();
    let Some(revised) = last_revision else {
        return Vec::new();
    };
    let mut f = Vec::new();
    for (g, goal) in c.plan.iter().flat_map(|p| p.goals.iter()).enumerate() {
        if let Some(due) = real(goal.follow_up.as_ref())
            && due <= revised
            && goal.fulfilment.is_none()
        {
            f.push(Finding::new(
                format!("plan.mål[{g}].måluppfyllelse"),
                format!(
                    "målet `{}` följdes upp {due}; skriv in måluppfyllelsen: `uppfyllt`, `delvis uppfyllt` eller `inte uppfyllt`",
                    goal.id
                ),
            ));
        }
    }
    f
}
