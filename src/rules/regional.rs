//! Rules that only some routines ask for: the child's view (Stockholms län), the
//! coordinator's full contact details (Västra Götaland), written consent covering all
//! and two minute-checkers (Stockholm stad), the 30-day meeting and recorded goal
//! fulfilment (Halland), and a named secretary (Stockholm stad, Halland).

use super::shared::{birth_date, coordinator, first_meeting, is_coordination, real};
use super::{Finding, PlanCtx};
use crate::case::{ConsentForm, Principal};

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

/// SIP-MOTE-SEKRETERARE
pub fn secretary_named(ctx: &PlanCtx) -> Vec<Finding> {
    ctx.case
        .meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| is_coordination(m.kind) && m.secretary.as_deref().is_none_or(|s| s.trim().is_empty()))
        .map(|(i, m)| {
            Finding::new(
                format!("möten[{i}].sekreterare"),
                format!("samordningsmötet {} saknar sekreterare; ange deltagaren som för anteckningar", m.date.0),
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
    for (i, m) in c.meetings.iter().enumerate().filter(|(_, m)| is_coordination(m.kind)) {
        let principals: Vec<Option<Principal>> = m.checkers.iter().map(|id| principal_of(id)).collect();
        let ok = m.checkers.len() == 2
            && principals.contains(&Some(Principal::Municipality))
            && principals.contains(&Some(Principal::Region));
        if !ok {
            f.push(Finding::new(
                format!("möten[{i}].justerare"),
                format!(
                    "samordningsmötet {} ska ha två justerare, en från kommunen och en från regionen (nu {})",
                    m.date.0,
                    m.checkers.len()
                ),
            ));
        }
    }
    f
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
