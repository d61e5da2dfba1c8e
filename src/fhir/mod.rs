//! The plan as data for each organisation's record system: every plan version as a
//! FHIR R4 document `Bundle` (`v<N>/plan.fhir.json`, and `plan-kopia-<org>.fhir.json`
//! for each organisation the consent covers), and the header of Inera's RIV-TA
//! contract GetCarePlans 2.0 made from it ([`getcareplans`]).
//!
//! This module owns the mapping from the case to FHIR; the handbook's table says the
//! same in words. What it holds to:
//!
//! - **Only what consent allows.** An organisation outside `samtycke.gäller` is in no
//!   bundle, nor its staff; a relative is named only when the person agreed that they
//!   may have the plan (`samtycke.närstående`), as in the plan's distribution list.
//! - **The personnummer only as the Patient's identifier.** Every free text goes in
//!   through [`Texts::of`], which masks anything that looks like one.
//! - **Nothing invented.** A key the case lacks (an HSA-id, a meeting's time) leaves its
//!   element out.
//! - **The same bytes for the same case and version.** Ids are name-based UUIDs of the
//!   case id and what the resource is ([`ids`]); no clock is read.

pub mod getcareplans;
mod ids;
mod resources;

use base64::Engine as _;
use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use crate::case::PlanCase;
use crate::case::personnummer;

pub use ids::Ids;

/// The code system of GetCarePlans' `typeOfCarePlan` in Inera's FHIR guide.
pub const TYPE_OF_CARE_PLAN: &str = "https://fhir.inera.se/CodeSystem/typeofcareplan-cs";
/// OID of the Swedish personnummer, as a FHIR identifier system.
pub const PERSONNUMMER: &str = "urn:oid:1.2.752.129.2.1.3.1";
/// OID of the samordningsnummer, as a FHIR identifier system.
pub const SAMORDNINGSNUMMER: &str = "urn:oid:1.2.752.129.2.1.3.3";
/// OID of HSA-ids, as a FHIR identifier system.
pub const HSA_ID: &str = "urn:oid:1.2.752.129.2.1.4.1";
/// The file name ending of a bundle.
pub const EXTENSION: &str = "fhir.json";

/// The plan's human-readable form that travels in the bundle.
#[derive(Debug, Clone, Copy)]
pub struct Pdf<'a> {
    /// Its bytes, exactly as written beside the bundle.
    pub bytes: &'a [u8],
    /// Its file name, e.g. `plan.pdf`.
    pub name: &'a str,
}

/// One version's bundle before the PDF is put in: everything the case says, made when
/// the build plans its documents, completed by [`Draft::with_pdf`] once the PDF exists.
#[derive(Debug, Clone)]
pub struct Draft {
    bundle: Value,
}

impl Draft {
    /// The bundle of the case's current version; for an organisation's copy, `recipient`
    /// is that organisation's id.
    pub fn new(case: &PlanCase, recipient: Option<&str>) -> Draft {
        Draft { bundle: resources::bundle(case, recipient) }
    }

    /// The finished bundle as the bytes of `plan.fhir.json`: the PDF put into the
    /// DocumentReference as base64 with its SHA-1 and size.
    pub fn with_pdf(&self, pdf: Pdf) -> Vec<u8> {
        let mut bundle = self.bundle.clone();
        let attachment = bundle["entry"]
            .as_array_mut()
            .and_then(|entries| entries.iter_mut().find(|e| e["resource"]["resourceType"] == "DocumentReference"))
            .map(|e| &mut e["resource"]["content"][0]["attachment"]);
        if let Some(Value::Object(attachment)) = attachment {
            let b64 = base64::engine::general_purpose::STANDARD;
            attachment.insert("data".into(), json!(b64.encode(pdf.bytes)));
            attachment.insert("size".into(), json!(pdf.bytes.len()));
            attachment.insert("hash".into(), json!(b64.encode(Sha1::digest(pdf.bytes))));
        }
        let mut bytes = serde_json::to_vec_pretty(&bundle).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

/// Free text on its way into a bundle: anything that looks like a personnummer masked
/// (it belongs in the Patient's identifier only).
struct Texts;

impl Texts {
    fn of(text: &str) -> String {
        personnummer::mask_in(text.trim())
    }

    fn opt(text: Option<&String>) -> Option<String> {
        text.map(|t| Texts::of(t)).filter(|t| !t.is_empty())
    }
}

/// Drops what FHIR does not allow to be present and empty: nulls, empty strings, empty
/// lists and objects, recursively.
fn pruned(value: Value) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::Array(items) => {
            let items: Vec<Value> = items.into_iter().filter_map(pruned).collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
        Value::Object(fields) => {
            let fields: serde_json::Map<String, Value> =
                fields.into_iter().filter_map(|(k, v)| pruned(v).map(|v| (k, v))).collect();
            (!fields.is_empty()).then_some(Value::Object(fields))
        }
        other => Some(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_elements_are_left_out() {
        let value = json!({"a": null, "b": "", "c": [], "d": {"e": null}, "f": [null, "x"], "g": false});
        assert_eq!(pruned(value), Some(json!({"f": ["x"], "g": false})));
    }

    #[test]
    fn a_personnummer_in_free_text_is_masked() {
        assert_eq!(Texts::of(" Peter, 19710315-0004 "), "Peter, 19710315-****");
    }
}
