//! The plan as Inera's RIV-TA contract GetCarePlans 2.0 answers for it: per version a
//! `carePlanHeader` (document id, title, time, patient id with its OID, the accountable
//! professional and unit, `approvedForPatient`) and a `carePlanBody` (the plan as a
//! PDF, the participating units' HSA-ids, `typeOfCarePlan: SIP`), as JSON named after
//! the contract's fields. It is read from the version's FHIR bundle, so the two never
//! disagree, and says when the PDF is larger than the 100 KB the contract allows.

use serde_json::{Value, json};

/// The most bytes the contract allows for a body's binary content (100 KB).
pub const MOST_PDF_BYTES: usize = 100 * 1024;

/// The OID of personnummer and samordningsnummer as GetCarePlans writes them.
const OIDS: [(&str, &str); 2] =
    [(super::PERSONNUMMER, "1.2.752.129.2.1.3.1"), (super::SAMORDNINGSNUMMER, "1.2.752.129.2.1.3.3")];

/// One version's `carePlan` element, what in it breaks the contract and what it leaves
/// out because the case does not say it (both in Swedish).
pub struct CarePlan {
    /// The element.
    pub value: Value,
    /// What breaks the contract: the element cannot be delivered as it is.
    pub errors: Vec<String>,
    /// Fields the contract has that the case does not give, left out.
    pub left_out: Vec<String>,
}

/// The `carePlan` element of a bundle (`plan.fhir.json`); `source_system` is the
/// HSA-id of the system that delivers it (`sourceSystemHSAId`), when known.
pub fn care_plan(bundle: &Value, source_system: Option<&str>) -> Result<CarePlan, String> {
    let resources: Vec<&Value> = bundle["entry"]
        .as_array()
        .ok_or("filen är ingen FHIR-bundle med poster")?
        .iter()
        .map(|e| &e["resource"])
        .collect();
    let by_url = |reference: &Value| -> Option<&Value> {
        let url = reference["reference"].as_str()?;
        bundle["entry"].as_array()?.iter().find(|e| e["fullUrl"] == url).map(|e| &e["resource"])
    };
    let of_type = |t: &str| resources.iter().copied().find(|r| r["resourceType"] == t);
    let composition = of_type("Composition").ok_or("bundlen saknar Composition")?;
    let patient = of_type("Patient").ok_or("bundlen saknar Patient")?;
    let document = of_type("DocumentReference").ok_or("bundlen saknar DocumentReference")?;
    let attachment = &document["content"][0]["attachment"];
    let (mut errors, mut left_out) = (Vec::new(), Vec::new());
    if source_system.is_none() {
        left_out.push("sourceSystemHSAId (ange källsystemets HSA-id med --källsystem)".to_string());
    }

    let time = timestamp(composition["date"].as_str().unwrap_or_default());
    let patient_id = patient["identifier"].as_array().and_then(|ids| {
        ids.iter().find_map(|id| {
            let oid = OIDS.iter().find(|(system, _)| id["system"] == *system)?.1;
            Some(json!({ "id": id["value"], "type": oid }))
        })
    });
    if patient_id.is_none() {
        errors.push(
            "personen har inget personnummer eller samordningsnummer, och kontraktet kräver patientId".to_string(),
        );
    }

    // The accountable professional: the Composition's author (the coordinator's role),
    // with their unit.
    let role = composition["author"].as_array().and_then(|a| a.first()).and_then(by_url);
    let practitioner = role.and_then(|r| by_url(&r["practitioner"]));
    let unit =
        role.and_then(|r| by_url(&r["organization"])).or_else(|| role.filter(|r| r["resourceType"] == "Organization"));
    let hsa = |resource: Option<&Value>| -> Value {
        resource
            .and_then(|r| r["identifier"].as_array())
            .and_then(|ids| ids.iter().find(|i| i["system"] == super::HSA_ID))
            .map_or(Value::Null, |i| i["value"].clone())
    };
    let professional = json!({
        "authorTime": time,
        "healthcareProfessionalHSAId": hsa(practitioner),
        "healthcareProfessionalName": practitioner.map_or(Value::Null, |p| p["name"][0]["text"].clone()),
        "healthcareProfessionalOrgUnit": unit.map(|u| json!({
            "orgUnitHSAId": hsa(Some(u)),
            "orgUnitName": u["name"],
            "orgUnitAddress": u["address"][0]["text"],
        })),
    });

    if practitioner.is_none() || hsa(practitioner).is_null() {
        left_out.push("healthcareProfessionalHSAId (samordnarens `hsa_id`)".to_string());
    }
    let units: Vec<Value> = resources
        .iter()
        .filter(|r| r["resourceType"] == "Organization")
        .filter_map(|r| hsa(Some(r)).as_str().map(|id| json!({ "root": "1.2.752.129.2.1.4.1", "extension": id })))
        .collect();
    let size = attachment["size"].as_u64().unwrap_or(0) as usize;
    if size > MOST_PDF_BYTES {
        errors.push(format!("planens PDF är {size} byte; GetCarePlans tar högst {MOST_PDF_BYTES} byte (100 KB)"));
    }
    if attachment["data"].as_str().is_none() {
        errors.push("bundlen saknar planens PDF".to_string());
    }
    let value = json!({
        "carePlanHeader": {
            "documentId": composition["identifier"]["value"],
            "sourceSystemHSAId": source_system,
            "documentTitle": composition["title"],
            "documentTime": time,
            "patientId": patient_id,
            "accountableHealthcareProfessional": professional,
            "approvedForPatient": true,
        },
        "carePlanBody": {
            "content": [{ "mediaType": attachment["contentType"], "value": attachment["data"] }],
            "participatingCareUnitHSAId": units,
            "typeOfCarePlan": "SIP",
        },
    });
    Ok(CarePlan { value: super::pruned(value).unwrap_or_default(), errors, left_out })
}

/// A FHIR date (`2026-03-20`) as the contract's time stamp (`20260320000000`).
fn timestamp(date: &str) -> String {
    let digits: String = date.chars().filter(char::is_ascii_digit).take(8).collect();
    format!("{digits:0<14}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(size: usize, identifier: bool) -> Value {
        let patient = if identifier {
            json!({ "resourceType": "Patient", "identifier": [{ "system": super::super::PERSONNUMMER, "value": "197103150004" }] })
        } else {
            json!({ "resourceType": "Patient" })
        };
        json!({ "entry": [
            { "fullUrl": "urn:uuid:1", "resource": { "resourceType": "Composition", "identifier": { "value": "urn:uuid:9" }, "title": "T", "date": "2026-03-20" } },
            { "fullUrl": "urn:uuid:2", "resource": patient },
            { "fullUrl": "urn:uuid:3", "resource": { "resourceType": "DocumentReference", "content": [{ "attachment": { "contentType": "application/pdf", "data": "JVBERi0=", "size": size } }] } },
        ] })
    }

    #[test]
    fn a_pdf_over_100_kb_or_no_personnummer_breaks_the_contract() {
        let within = care_plan(&bundle(MOST_PDF_BYTES, true), Some("SE2321000065-S1")).unwrap();
        assert!(within.errors.is_empty(), "{:?}", within.errors);
        assert_eq!(within.value["carePlanHeader"]["patientId"]["type"], "1.2.752.129.2.1.3.1");
        let over = care_plan(&bundle(MOST_PDF_BYTES + 1, true), None).unwrap();
        assert!(over.errors.iter().any(|e| e.contains("100 KB")), "{:?}", over.errors);
        assert!(over.left_out.iter().any(|e| e.starts_with("sourceSystemHSAId")));
        let anonymous = care_plan(&bundle(10, false), None).unwrap();
        assert!(anonymous.errors.iter().any(|e| e.contains("patientId")), "{:?}", anonymous.errors);
    }

    #[test]
    fn a_date_is_written_as_the_contracts_time_stamp() {
        assert_eq!(timestamp("2026-03-20"), "20260320000000");
    }
}
