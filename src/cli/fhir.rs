//! `samplan fhir`: a built plan version as the FHIR bundle a record system imports, or
//! as the fields of Inera's GetCarePlans contract ([`samplan::fhir`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use samplan::case::{CaseFile, PlanCase};
use samplan::check::{check_file, io_sv};
use samplan::diagnostic::Diagnostic;
use samplan::document::plan::copy_organisations;
use samplan::fhir::{Draft, Pdf, getcareplans};

use super::tell_text;

/// What `samplan fhir` was asked for.
pub struct Asked<'a> {
    pub case: &'a Path,
    pub version: Option<u32>,
    pub copy: Option<&'a str>,
    pub output: &'a Path,
    pub getcareplans: bool,
    pub source_system: Option<&'a str>,
}

pub fn run(asked: &Asked) -> ExitCode {
    let checked = match check_file(asked.case) {
        Ok(c) => c,
        Err(e) => {
            tell!("samplan: {}: {}", asked.case.display(), io_sv(&e));
            return ExitCode::from(2);
        }
    };
    let Some(case) = checked.valid_case().and_then(|c| match c {
        CaseFile::Plan(p) => Some(p),
        CaseFile::Information(_) => None,
    }) else {
        let text: String = checked.diagnostics.iter().map(Diagnostic::render_text).collect();
        tell_text(&text);
        tell!("samplan: {}: ärendet har fel eller är ingen plan; ingen FHIR-fil gjordes", asked.case.display());
        return ExitCode::from(1);
    };
    if let Some(org) = asked.copy
        && !copy_organisations(case).iter().any(|o| o.id == org)
    {
        tell!("samplan: {org} omfattas inte av samtycket (samtycke.gäller) och får ingen kopia");
        return ExitCode::from(1);
    }
    if case.version == 0 {
        tell!("samplan: planen är inte gjord än (version 0); det finns ingen version att exportera");
        return ExitCode::from(1);
    }
    let versions: Vec<u32> = match asked.version {
        Some(n) if n == 0 || n > case.version => {
            tell!("samplan: planen har version 1–{}; version {n} finns inte", case.version);
            return ExitCode::from(2);
        }
        Some(n) => vec![n],
        None if asked.getcareplans => (1..=case.version).collect(),
        None => vec![case.version],
    };
    // Every version asked for by number must be built; of all versions, those built
    // are taken and the others named.
    let every = asked.version.is_none() && versions.len() > 1;
    let mut bundles = Vec::new();
    for n in &versions {
        match bundle(case, *n, asked) {
            Ok(b) => bundles.push((*n, b)),
            Err(e) if every => tell!("samplan: {}: {e}; den tas inte med", asked.case.display()),
            Err(e) => {
                tell!("samplan: {}: {e}", asked.case.display());
                return ExitCode::from(1);
            }
        }
    }
    if bundles.is_empty() {
        tell!("samplan: {}: ingen version av planen är byggd i {}", asked.case.display(), asked.output.display());
        return ExitCode::from(1);
    }
    if !asked.getcareplans {
        let (_, bytes) = &bundles[0];
        say!("{}", String::from_utf8_lossy(bytes).trim_end());
        return ExitCode::SUCCESS;
    }
    care_plans(&bundles, asked.source_system)
}

/// The version folder `v<n>` of `case` under `output`.
fn version_folder(output: &Path, case: &PlanCase, n: u32) -> PathBuf {
    output.join(&case.case_id).join(format!("v{n}"))
}

/// Version `n`'s bundle: as the build wrote it, or, for the current version built
/// before samplan wrote bundles, made now from the case and the PDF beside it.
fn bundle(case: &PlanCase, n: u32, asked: &Asked) -> Result<Vec<u8>, String> {
    let folder = version_folder(asked.output, case, n);
    let stem = asked.copy.map_or_else(|| "plan".to_string(), |org| format!("plan-kopia-{org}"));
    let written = folder.join(format!("{stem}.{}", samplan::fhir::EXTENSION));
    if let Ok(bytes) = std::fs::read(&written) {
        return Ok(bytes);
    }
    let pdf_name = format!("{stem}.pdf");
    let built = (n == case.version).then(|| std::fs::read(folder.join(&pdf_name)).ok()).flatten();
    match built {
        Some(pdf) => Ok(Draft::new(case, asked.copy).with_pdf(Pdf { bytes: &pdf, name: &pdf_name })),
        None => Err(format!(
            "version {n} är inte byggd i {} (där finns ingen {}); bygg först med samplan build",
            folder.display(),
            written.file_name().unwrap_or_default().to_string_lossy()
        )),
    }
}

/// Prints every version's GetCarePlans element; exit 1 when one breaks the contract.
fn care_plans(bundles: &[(u32, Vec<u8>)], source_system: Option<&str>) -> ExitCode {
    let mut plans = Vec::new();
    let mut broken = false;
    for (n, bytes) in bundles {
        let made = serde_json::from_slice(bytes)
            .map_err(|e| e.to_string())
            .and_then(|b| getcareplans::care_plan(&b, source_system));
        let plan = match made {
            Ok(p) => p,
            Err(e) => {
                tell!("samplan: version {n}: {e}");
                return ExitCode::from(1);
            }
        };
        for e in &plan.errors {
            tell!("samplan: version {n}: {e}");
        }
        if !plan.left_out.is_empty() {
            tell!("samplan: version {n}: utelämnat, ärendet anger det inte: {}", plan.left_out.join("; "));
        }
        broken |= !plan.errors.is_empty();
        plans.push(plan.value);
    }
    let json = serde_json::json!({ "carePlan": plans });
    say!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
    if broken { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
