//! The deviation report (Halland): sent to the organisation it concerns, with the case
//! id, what in the SIP it concerns, what happened and who reported it — nothing of the
//! plan's health and social content. Words from `texter.yaml` (`avvikelse`).

use crate::document::outline::{
    Block, Field, LetterHead, Outline, Texts, given, letter_sender, paragraph, plain, postal_lines, text_paragraphs,
    turn_to, who,
};
use schemars::JsonSchema;
use serde::Serialize;

use crate::build::{DocKind, DocSpec, Variant};
use crate::case::datetime::CalendarDate;
use crate::case::{PlanCase, word};
use crate::document::data::{
    DocumentInfo, OrganisationData, PersonCard, RoutineData, Source, coordinator_card, date as date_of, document_info,
    org, organisation_data, participant, participant_card, routine_data,
};
use crate::document::invitation::sender;
use crate::document::outline::capitalised;
use crate::document::plan::plan_date;

/// The typst template of a deviation report.
pub const TEMPLATE: &str = "avvikelse.typ";

/// Whether a variant of a report has a text form: the standard one is also sent as
/// text; reports have no other forms.
pub fn has_text(variant: Variant) -> bool {
    variant == Variant::Standard
}

/// The day report `n` (from 1) carries: the day it happened, else the plan's date.
pub fn date(case: &PlanCase, n: usize) -> CalendarDate {
    case.deviations.get(n.wrapping_sub(1)).and_then(|d| date_of(&d.date)).unwrap_or_else(|| plan_date(case))
}

/// One report per deviation, in their order.
pub fn documents(case: &PlanCase) -> Vec<DocSpec> {
    (1..=case.deviations.len())
        .map(|n| DocSpec {
            kind: DocKind::Deviation(n),
            name: format!("avvikelse-{n}"),
            variant: Variant::Standard,
            language: None,
        })
        .collect()
}

/// The data of a deviation report: addressed to the organisation it concerns, with what
/// happened and who reported it, and nothing of the plan's health and social content.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DeviationData {
    /// What the document says about itself.
    pub dokument: DocumentInfo,
    /// The report's number: its place in `avvikelser`, from 1.
    pub nummer: usize,
    /// The kind: `initiativ`, `uteblev`, `bemötande`, `planen-följs-inte` or `annat`.
    pub typ: String,
    /// The day it happened, in words.
    pub datum: String,
    /// The organisation it concerns, and to which it is sent.
    pub mottagare: Option<OrganisationData>,
    /// What it concerns in the SIP: a meeting, the plan, or the initiative.
    #[serde(rename = "gäller")]
    pub concerns: String,
    /// What happened.
    pub beskrivning: String,
    /// Who reported it.
    pub rapporterad_av: Option<PersonCard>,
    /// Who sends the report: the organisation of whoever reported it, else the
    /// coordinator's, else the one with overall responsibility.
    #[serde(rename = "avsändare")]
    pub sender: Option<OrganisationData>,
    /// The coordinator, to whom questions go.
    pub samordnare: Option<PersonCard>,
    /// The routine.
    pub rutin: RoutineData,
}

/// The data of deviation report `n` (from 1).
pub fn data(case: &PlanCase, n: usize, spec: &DocSpec, source: &Source) -> DeviationData {
    let deviation = case.deviations.get(n.wrapping_sub(1));
    let kind = deviation.and_then(|d| d.kind.as_ref()).map(word).unwrap_or_default();
    let concerns = deviation.map(|d| deviation_concerns(case, d)).unwrap_or_default();
    let to = deviation.and_then(|d| d.concerns.as_deref()).and_then(|id| org(case, id)).map(organisation_data);
    let reporter = deviation
        .and_then(|d| d.reported_by.as_deref())
        .and_then(|id| participant(case, id))
        .map(|p| participant_card(case, p, None));
    let title = format!("Avvikelserapport {n}");
    let date = date(case, n);
    let mut dokument = document_info(spec, title, date, case, to.as_ref().map(|o| o.id.as_str()), source);
    // A report belongs to the case, not to a version of the plan.
    dokument.sidfot = format!("Ärende {} · avvikelserapport {n}", case.case_id);
    DeviationData {
        dokument,
        nummer: n,
        typ: kind,
        datum: date.long_sv(),
        mottagare: to,
        concerns,
        beskrivning: deviation.map(|d| d.description.clone()).unwrap_or_default(),
        sender: sender(case, deviation.and_then(|d| d.reported_by.as_deref())),
        rapporterad_av: reporter,
        samordnare: coordinator_card(case),
        rutin: routine_data(source.routine),
    }
}

/// What in the SIP a deviation concerns, in words: the meeting it happened at (the last
/// one on or before its day), the plan version in force, or the initiative.
fn deviation_concerns(case: &PlanCase, deviation: &crate::case::Deviation) -> String {
    use crate::case::DeviationKind;
    let on = date_of(&deviation.date);
    let meeting = || {
        case.meetings
            .iter()
            .rfind(|m| date_of(&m.date).is_some_and(|d| on.is_none_or(|on| d <= on)))
            .and_then(|m| Some(format!("{} den {}", capitalised(&word(&m.kind)), date_of(&m.date)?.long_sv())))
    };
    let plan = || format!("Planen, version {}", case.version);
    match deviation.kind {
        Some(DeviationKind::Initiative) => "Initiativet till en SIP".to_string(),
        Some(DeviationKind::Absent) | Some(DeviationKind::Treatment) => meeting().unwrap_or_else(plan),
        Some(DeviationKind::PlanNotFollowed) | Some(DeviationKind::Other) | None => plan(),
    }
}

/// The outline of a deviation report.
pub fn outline(t: &Texts, d: &DeviationData) -> Result<Outline, String> {
    let head = LetterHead {
        sender: d.sender.as_ref().map(letter_sender),
        name: d.mottagare.as_ref().map(|o| o.namn.clone()),
        lines: d.mottagare.as_ref().and_then(|o| given(&o.adress)).map(postal_lines).unwrap_or_default(),
        date: d.dokument.datum_text.clone(),
        case_line: Some(t.fill("brev.ärende", &[("id", &d.dokument.case_id)])?),
        logo: None,
        window: true,
    };
    let kind = match t.value(&format!("avvikelse.typer.{}", d.typ)).ok().and_then(|v| v.as_str()) {
        Some(text) => text.to_string(),
        None => d.typ.clone(),
    };
    let mut rows = vec![
        Field { label: t.get("avvikelse.typ")?, value: plain(kind) },
        Field { label: t.get("avvikelse.datum")?, value: plain(d.datum.clone()) },
        Field { label: t.get("avvikelse.gäller")?, value: plain(d.concerns.clone()) },
    ];
    if let Some(reporter) = &d.rapporterad_av {
        rows.push(Field { label: t.get("avvikelse.rapporterad_av")?, value: plain(who(reporter)) });
    }
    let mut blocks = vec![
        Block::Notice { blocks: vec![Block::Fields { rows }] },
        Block::Section {
            symbol: None,
            keep: false,
            heading: t.get("avvikelse.vad_hände")?,
            blocks: text_paragraphs(&d.beskrivning),
        },
        Block::Section {
            symbol: None,
            keep: false,
            heading: t.get("avvikelse.vad_nu")?,
            blocks: vec![paragraph(t.get("avvikelse.vad_nu_text")?)],
        },
    ];
    if let Some(coordinator) = &d.samordnare {
        let text = turn_to(t, &t.get("avvikelse.kontakt_text")?, coordinator)?;
        blocks.push(Block::Section {
            symbol: None,
            keep: false,
            heading: t.get("avvikelse.kontakt")?,
            blocks: vec![Block::Paragraph { text }],
        });
    }
    Ok(Outline {
        before: Vec::new(),
        head: Some(head),
        title: t.get("avvikelse.rubrik")?,
        subtitle: Some(t.fill("avvikelse.undertitel", &[("arende", &d.dokument.case_id)])?),
        blocks,
        closing: Some(plain(t.get("avvikelse.sekretess")?)),
    })
}
