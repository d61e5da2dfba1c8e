//! Every kind of document samplan makes, one module per kind, each owning what is
//! particular to it: its data (what its templates read at `/data.json`, as typed
//! structs), how that data is made from the case, its template and text form, its date,
//! and what it says ([`outline::Outline`]). Adding or changing a kind of document
//! touches its module; the exhaustive matches on [`crate::build::DocKind`]
//! (`build/profile.rs`, [`data::template_data`], [`outline`]) then name every place
//! that must hand it on.
//!
//! - [`plan`]: the plan, each organisation's copy, the copy for a representative or
//!   relative, large print and the person's easy-read plan.
//! - [`invitation`]: the invitations to staff, representatives, relatives and the
//!   person, and the person's easy-read invitation.
//! - [`calendar`]: the meeting as a calendar event (`mote.ics`), which has no outline.
//! - [`information`]: the public leaflet and its easy-read form.
//! - [`deviation`]: the deviation report.
//!
//! Shared by all: [`data`] (what every document says about itself, people and
//! organisations as documents show them, the dispatch from a document to its data),
//! [`outline`] (the outline's parts and the one text writer) and [`easy_read`] (the
//! parts every easy-read document has).

pub mod calendar;
pub mod data;
pub mod deviation;
pub mod easy_read;
pub mod information;
pub mod invitation;
pub mod outline;
pub mod plan;

use crate::build::{DocSpec, Variant};
use data::TemplateData;
use outline::{Outline, Texts};

/// The outline of a document: every kind but the calendar file, which
/// [`calendar::meeting_ics_after`] writes. Standard and large print take their words
/// from `texter.yaml`, easy-read from `lattlast.yaml`.
pub fn outline(
    spec: &DocSpec,
    data: &TemplateData,
    texts: &serde_json::Value,
    easy_texts: &serde_json::Value,
) -> Result<Outline, String> {
    let none = || Err(format!("{}: dokumentet har ingen disposition i samplan", spec.name));
    match spec.variant {
        Variant::EasyRead => {
            let t = Texts::new(easy_texts);
            match data {
                TemplateData::Invitation(d) => invitation::easy_read::outline(&t, d),
                TemplateData::Information(d) => information::easy_outline(&t, d),
                TemplateData::Plan(d) => plan::easy_read::outline(&t, d),
                TemplateData::Deviation(_) | TemplateData::Calendar(_) => none(),
            }
        }
        Variant::Standard | Variant::LargePrint => {
            let t = Texts::new(texts);
            match data {
                TemplateData::Invitation(d) => invitation::letter::outline(&t, d),
                TemplateData::Deviation(d) => deviation::outline(&t, d),
                TemplateData::Information(d) => information::outline(&t, d),
                TemplateData::Plan(d) => plan::outline::outline(&t, d, spec.variant == Variant::LargePrint),
                TemplateData::Calendar(_) => none(),
            }
        }
    }
}
