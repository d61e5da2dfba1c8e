//! The plan as FHIR, read back independently: every example case's version bundle and
//! its organisation copies are validated as a whole and resource by resource with the
//! Python package fhir.resources (R4B models), written back from those models without a
//! change, and carry the PDF beside them byte for byte with its SHA-1
//! (`tests/fhir/validate.py`). Here, from the case files with this test's own reading:
//! every reference resolves inside the bundle, goals and activities are as many as the
//! plan's, achievement statuses are as mapped, only organisations the consent covers are
//! named and get a copy, the personnummer stands only in the Patient's identifier, the
//! bytes are the same on every build, a version written before keeps its PDF in the
//! bundle, and `samplan fhir` (with `--getcareplans`) says the same as the files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use serde_yaml::Value as Yaml;

mod common;
use common::{ROOT, build, built_examples};

/// Every example plan case that has a built version: (its YAML, the version folder).
fn built_versions(out: &Path) -> Vec<(Yaml, PathBuf)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(Path::new(ROOT).join("cases")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let case: Yaml = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if case["typ"].as_str().unwrap_or("plan") != "plan" || case["status"] == "kallad" {
            continue;
        }
        let folder = out.join(case["ärende"].as_str().unwrap()).join(format!("v{}", case["version"].as_u64().unwrap()));
        found.push((case, folder));
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    assert!(found.len() >= 7, "too few example plans: {}", found.len());
    found
}

/// The organisation ids the consent covers, in the case's order.
fn covered(case: &Yaml) -> Vec<String> {
    let consent: Vec<&str> =
        case["samtycke"]["gäller"].as_sequence().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    case["organisationer"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .filter(|id| consent.contains(&id.as_str()))
        .collect()
}

/// Validates (bundle, PDF) pairs with fhir.resources; panics with every problem.
fn validate(pairs: &[(PathBuf, PathBuf)]) {
    let mut command = Command::new("python3");
    command.arg(Path::new(ROOT).join("tests/fhir/validate.py"));
    for (bundle, pdf) in pairs {
        command.arg(bundle).arg(pdf);
    }
    let run = command.output().expect("python3 with fhir.resources: run tools/test.sh");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    let bad: Vec<(&String, &Value)> =
        report.as_object().unwrap().iter().filter(|(_, p)| !p.as_array().unwrap().is_empty()).collect();
    assert!(bad.is_empty(), "{bad:#?}");
    assert_eq!(report.as_object().unwrap().len(), pairs.len());
}

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"].as_array().unwrap().iter().map(|e| &e["resource"]).filter(|r| r["resourceType"] == kind).collect()
}

/// Every `reference` anywhere under `value`.
fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            if let Some(Value::String(r)) = fields.get("reference") {
                out.push(r.clone());
            }
            fields.values().for_each(|v| references(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

#[test]
fn every_version_and_copy_is_valid_fhir_and_carries_the_pdf_beside_it() {
    let out = built_examples();
    let mut pairs = Vec::new();
    for (case, folder) in built_versions(out) {
        let mut expected: BTreeSet<String> = BTreeSet::from(["plan.fhir.json".to_string()]);
        expected.extend(covered(&case).iter().map(|id| format!("plan-kopia-{id}.fhir.json")));
        let present: BTreeSet<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".fhir.json"))
            .collect();
        assert_eq!(present, expected, "{}", folder.display());
        for name in &expected {
            let pdf = name.replace(".fhir.json", ".pdf");
            pairs.push((folder.join(name), folder.join(pdf)));
        }
    }
    validate(&pairs);
}

#[test]
fn each_bundle_says_what_its_case_says_and_resolves_inside_itself() {
    let out = built_examples();
    for (case, folder) in built_versions(out) {
        let goals = case["plan"]["mål"].as_sequence().unwrap();
        let interventions: usize = goals.iter().map(|g| g["insatser"].as_sequence().map_or(0, |s| s.len())).sum();
        let covered = covered(&case);
        let covered_names: BTreeSet<&str> = case["organisationer"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter(|o| covered.iter().any(|c| o["id"] == c.as_str()))
            .map(|o| o["namn"].as_str().unwrap())
            .collect();
        let mut names = vec![("plan.fhir.json".to_string(), None)];
        names.extend(covered.iter().map(|id| (format!("plan-kopia-{id}.fhir.json"), Some(id.clone()))));
        for (name, recipient) in names {
            let file = folder.join(&name);
            let bundle = read(&file);
            let at = file.display().to_string();
            assert_eq!(bundle["type"], "document", "{at}");
            assert_eq!(bundle["entry"][0]["resource"]["resourceType"], "Composition", "{at}");
            let urls: Vec<&str> =
                bundle["entry"].as_array().unwrap().iter().map(|e| e["fullUrl"].as_str().unwrap()).collect();
            assert_eq!(urls.len(), urls.iter().collect::<BTreeSet<_>>().len(), "{at}: a fullUrl twice");
            let mut refs = Vec::new();
            references(&bundle, &mut refs);
            for r in &refs {
                assert!(urls.contains(&r.as_str()), "{at}: {r} does not resolve");
            }

            // Goals and interventions, as many as the plan's, in its order.
            let goal_resources = resources(&bundle, "Goal");
            assert_eq!(goal_resources.len(), goals.len(), "{at}");
            let plan = resources(&bundle, "CarePlan");
            assert_eq!(plan.len(), 1);
            assert_eq!(plan[0]["activity"].as_array().map_or(0, Vec::len), interventions, "{at}");
            assert_eq!(plan[0]["goal"].as_array().unwrap().len(), goals.len());
            assert_eq!(plan[0]["category"][0]["coding"][0]["code"], "SIP");
            for (goal, resource) in goals.iter().zip(&goal_resources) {
                assert_eq!(resource["description"]["text"], goal["text"].as_str().unwrap().trim(), "{at}");
                let expected = match goal["måluppfyllelse"].as_str() {
                    Some("uppfyllt") => Some("achieved"),
                    Some("delvis uppfyllt") => Some("improving"),
                    Some("inte uppfyllt") => Some("not-achieved"),
                    None => None,
                    Some(other) => panic!("{other}"),
                };
                assert_eq!(resource["achievementStatus"]["coding"][0]["code"].as_str(), expected, "{at}");
                assert_eq!(resource["target"][0]["dueDate"].as_str(), goal["uppföljning"].as_str(), "{at}");
            }
            // Each activity's status says decided or planned.
            let decided: Vec<Option<bool>> = goals
                .iter()
                .flat_map(|g| g["insatser"].as_sequence().cloned().unwrap_or_default())
                .map(|x| x["beslutad"].as_bool())
                .collect();
            for (x, activity) in decided.iter().zip(plan[0]["activity"].as_array().unwrap()) {
                let status = match x {
                    Some(true) => "scheduled",
                    Some(false) => "not-started",
                    None => "unknown",
                };
                assert_eq!(activity["detail"]["status"], status, "{at}");
            }

            // Only organisations the consent covers are named.
            let named: BTreeSet<&str> =
                resources(&bundle, "Organization").iter().map(|o| o["name"].as_str().unwrap()).collect();
            assert_eq!(named, covered_names, "{at}");
            // A copy names its recipient.
            if let Some(id) = &recipient {
                let composition = &bundle["entry"][0]["resource"];
                let to = composition["section"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|s| s["title"] == "Kopia till")
                    .unwrap_or_else(|| panic!("{at}: no recipient"));
                let org = bundle["entry"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|e| e["fullUrl"] == to["entry"][0]["reference"])
                    .unwrap();
                let case_org =
                    case["organisationer"].as_sequence().unwrap().iter().find(|o| o["id"] == id.as_str()).unwrap();
                assert_eq!(org["resource"]["name"].as_str(), case_org["namn"].as_str(), "{at}");
            }
            personnummer_only_in_the_identifier(&case, &bundle, &at);
        }
    }
}

/// The case's personnummer (in any of its written forms) appears once in the bundle:
/// as the Patient's identifier, under the OID of its kind.
fn personnummer_only_in_the_identifier(case: &Yaml, bundle: &Value, at: &str) {
    let Some(number) = case["person"]["personnummer"].as_str() else { return };
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let mut without_pdf = bundle.clone();
    for entry in without_pdf["entry"].as_array_mut().unwrap() {
        if entry["resource"]["resourceType"] == "DocumentReference" {
            entry["resource"]["content"][0]["attachment"]["data"] = Value::Null;
        }
    }
    let text = without_pdf.to_string();
    // Every place the date part (YYMMDD) is followed by the last four digits, with or
    // without a separator: 19710315-0004, 197103150004, 710315-0004, 7103150004.
    let (date, last) = (&digits[2..8], &digits[8..]);
    let count = text
        .match_indices(date)
        .filter(|(i, _)| {
            let rest = &text[i + date.len()..];
            rest.strip_prefix(['-', '+']).unwrap_or(rest).starts_with(last)
        })
        .count();
    assert_eq!(count, 1, "{at}: the personnummer appears {count} times");
    let patient = resources(bundle, "Patient")[0];
    assert_eq!(patient["identifier"][0]["value"], digits.as_str(), "{at}");
    let day: u32 = digits[6..8].parse().unwrap();
    let oid = if day > 60 { "urn:oid:1.2.752.129.2.1.3.3" } else { "urn:oid:1.2.752.129.2.1.3.1" };
    assert_eq!(patient["identifier"][0]["system"], oid, "{at}");
}

/// Peter's case with an organisation the consent does not cover, and his personnummer
/// typed into a free text.
fn peter_with_more(dir: &Path) -> PathBuf {
    let text = common::peter()
        .replacen(
            "deltagare:\n",
            "  - id: fk-kalmar\n    namn: Försäkringskassan Kalmar\n    huvudman: annan\n    verksamhet: Försäkringskassan\n    adress: Box 9, 391 20 Kalmar\n\ndeltagare:\n",
            1,
        )
        .replacen("  övrigt: ", "  övrigt: Gäller 19710315-0004. ", 1);
    assert!(text.contains("fk-kalmar") && text.contains("Gäller 19710315-0004"), "the edits did not apply");
    let cases = dir.join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    std::fs::write(cases.join("peter.yaml"), text).unwrap();
    cases
}

#[test]
fn an_organisation_outside_the_consent_is_in_no_bundle_and_a_typed_personnummer_is_masked() {
    let dir = tempfile::tempdir().unwrap();
    let cases = peter_with_more(dir.path());
    let out = dir.path().join("out");
    let run = build(&cases, &out);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let folder = out.join("KLM-2026-0042/v2");
    assert!(!folder.join("plan-kopia-fk-kalmar.fhir.json").exists());
    let case: Yaml = serde_yaml::from_str(&std::fs::read_to_string(cases.join("peter.yaml")).unwrap()).unwrap();
    for name in ["plan.fhir.json", "plan-kopia-rehab.fhir.json"] {
        let bundle = read(&folder.join(name));
        let text = bundle.to_string();
        assert!(!text.contains("Försäkringskassan") && !text.contains("fk-kalmar"), "{name} names it");
        assert!(text.contains("Gäller 19710315-****."), "{name}: the typed number is not masked");
        personnummer_only_in_the_identifier(&case, &bundle, name);
    }
    validate(&[(folder.join("plan.fhir.json"), folder.join("plan.pdf"))]);
}

#[test]
fn the_same_case_gives_the_same_bytes_and_a_version_written_before_keeps_its_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    std::fs::write(cases.join("peter.yaml"), common::peter()).unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        assert!(build(&cases, out).status.success());
    }
    let version = "KLM-2026-0042/v2";
    for name in ["plan.fhir.json", "plan-kopia-soc-kalmar.fhir.json"] {
        assert_eq!(
            std::fs::read(a.join(version).join(name)).unwrap(),
            std::fs::read(b.join(version).join(name)).unwrap(),
            "{name}"
        );
    }

    // A version written by an earlier samplan: its PDF differs from what samplan makes
    // now, and it has no bundle yet. The next build adds the bundle, with that PDF.
    let folder = a.join(version);
    let mut pdf = std::fs::read(folder.join("plan.pdf")).unwrap();
    pdf.extend_from_slice(b"\n% skriven av en tidigare samplan\n");
    std::fs::write(folder.join("plan.pdf"), &pdf).unwrap();
    let manifest_path = folder.join("manifest.json");
    let mut manifest = read(&manifest_path);
    let files = manifest["filer"].as_array_mut().expect("manifest files");
    files.retain(|f| !f["namn"].as_str().unwrap().ends_with(".fhir.json"));
    for f in files.iter_mut() {
        if f["namn"] == "plan.pdf" {
            use sha2::Digest;
            let hex: String = sha2::Sha256::digest(&pdf).iter().map(|b| format!("{b:02x}")).collect();
            f["sha256"] = Value::String(hex);
        }
    }
    std::fs::write(&manifest_path, serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();
    for f in std::fs::read_dir(&folder).unwrap() {
        let path = f.unwrap().path();
        if path.to_string_lossy().ends_with(".fhir.json") {
            std::fs::remove_file(path).unwrap();
        }
    }
    // That samplan made fewer kinds of file, so what the case was built from differs.
    let case_manifest = a.join("KLM-2026-0042/manifest.json");
    let mut written = read(&case_manifest);
    written["indata"] = Value::String("från en tidigare samplan".into());
    std::fs::write(&case_manifest, serde_json::to_vec_pretty(&written).unwrap()).unwrap();
    let run = build(&cases, &a);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(std::fs::read(folder.join("plan.pdf")).unwrap(), pdf, "the PDF sent was rewritten");
    validate(&[(folder.join("plan.fhir.json"), folder.join("plan.pdf"))]);
}

fn samplan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_samplan")).args(args).output().unwrap()
}

#[test]
fn samplan_fhir_prints_the_bundle_and_the_getcareplans_header() {
    let out = built_examples();
    let case = Path::new(ROOT).join("cases/peter-kalmar.yaml");
    let (case, out_arg) = (case.to_str().unwrap(), out.to_str().unwrap());
    let folder = out.join("KLM-2026-0042/v2");
    let printed = samplan(&["fhir", case, "-o", out_arg]);
    assert!(printed.status.success(), "{}", String::from_utf8_lossy(&printed.stderr));
    assert_eq!(printed.stdout, std::fs::read(folder.join("plan.fhir.json")).unwrap());
    let copy = samplan(&["fhir", case, "-o", out_arg, "--kopia", "rehab"]);
    assert_eq!(copy.stdout, std::fs::read(folder.join("plan-kopia-rehab.fhir.json")).unwrap());
    let outside = samplan(&["fhir", case, "-o", out_arg, "--kopia", "finns-inte"]);
    assert_eq!(outside.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&outside.stderr).contains("samtycket"),
        "{}",
        String::from_utf8_lossy(&outside.stderr)
    );

    let header = samplan(&["fhir", case, "-o", out_arg, "--getcareplans", "--källsystem", "SE2321000065-SYS1"]);
    assert!(header.status.success(), "{}", String::from_utf8_lossy(&header.stderr));
    let json: Value = serde_json::from_slice(&header.stdout).unwrap();
    let plans = json["carePlan"].as_array().unwrap();
    // Only version 2 is built in the examples' folder; version 1 is named as left out.
    assert_eq!(plans.len(), 1);
    assert!(String::from_utf8_lossy(&header.stderr).contains("version 1"));
    let bundle = read(&folder.join("plan.fhir.json"));
    let composition = &bundle["entry"][0]["resource"];
    let h = &plans[0]["carePlanHeader"];
    assert_eq!(h["documentId"], composition["identifier"]["value"]);
    assert_eq!(h["documentTitle"], composition["title"]);
    assert_eq!(h["documentTime"], "20260615000000");
    assert_eq!(h["sourceSystemHSAId"], "SE2321000065-SYS1");
    assert_eq!(h["patientId"]["id"], "197103150004");
    assert_eq!(h["patientId"]["type"], "1.2.752.129.2.1.3.1");
    assert_eq!(h["approvedForPatient"], true);
    let professional = &h["accountableHealthcareProfessional"];
    assert_eq!(professional["healthcareProfessionalName"], "Lisa Lind");
    assert_eq!(professional["healthcareProfessionalHSAId"], "SE2321000065-T4L1");
    assert_eq!(professional["healthcareProfessionalOrgUnit"]["orgUnitHSAId"], "SE2321000065-7VC1");
    let body = &plans[0]["carePlanBody"];
    assert_eq!(body["typeOfCarePlan"], "SIP");
    assert_eq!(body["content"][0]["mediaType"], "application/pdf");
    let units: Vec<&str> = body["participatingCareUnitHSAId"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["extension"].as_str().unwrap())
        .collect();
    assert_eq!(units, ["SE2321000065-7VC1", "SE2321000065-7RH3"]);
    // The body's PDF is the plan's, read back with Python's base64.
    let decoded = Command::new("python3")
        .args(["-c", "import base64,sys; sys.stdout.buffer.write(base64.b64decode(sys.stdin.read()))"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(body["content"][0]["value"].as_str().unwrap().as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(decoded.stdout, std::fs::read(folder.join("plan.pdf")).unwrap());
    assert!(decoded.stdout.len() <= 100 * 1024);
}
