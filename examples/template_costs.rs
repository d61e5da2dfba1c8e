//! What each template costs: typst compile time per document kind and PDF export time,
//! warm, on one thread, over generated cases. For template authors and for finding
//! where a build spends its time.
//!
//! cargo run --release --example template_costs -- [cases] [template-folder]
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use samplan::build::{EVICT_AFTER_CASES, case_hash, prepare};
use samplan::case::word;
use samplan::render::{DocumentWorld, TemplateSet, pdf_options};
use samplan::routine::Routines;
use typst_layout::PagedDocument;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let templates = match args.next() {
        Some(dir) => std::sync::Arc::new(TemplateSet::from_dir(std::path::Path::new(&dir)).expect("template folder")),
        None => TemplateSet::builtin(),
    };
    let routines = Routines::builtin();
    let mut jobs = Vec::new();
    for seed in 0..n {
        let checked = samplan::check::check_text("gen.yaml", &samplan::generate::plan_case(seed));
        let case = checked.valid_case().expect("generated cases are valid").clone();
        let routine = routines.get(case.routine()).expect("known routine");
        for doc in prepare(&case, routine, &case_hash(&case), None, &Default::default()) {
            if let Some(template) = doc.pdf_template() {
                let kind = match doc.spec.kind.word() {
                    "plan-kopia" => format!("{template} (kopia)"),
                    _ => format!("{template} ({})", word(&doc.spec.variant.format())),
                };
                jobs.push(Some((kind, template, doc.json.clone(), doc.date)));
            }
        }
        jobs.push(None); // the end of a case
    }
    let mut compile: BTreeMap<String, (usize, Duration)> = BTreeMap::new();
    let mut export = Duration::ZERO;
    let mut docs = 0;
    let total = Instant::now();
    for job in jobs {
        let Some((kind, template, data, date)) = job else {
            typst::comemo::evict(EVICT_AFTER_CASES); // as a build does after each case
            continue;
        };
        let start = Instant::now();
        let world = DocumentWorld::new(&templates, template, data, date).expect("world");
        let document: PagedDocument = typst::compile(&world).output.expect("compiles");
        let entry = compile.entry(kind).or_default();
        entry.0 += 1;
        entry.1 += start.elapsed();
        let options = pdf_options(date, "template-costs").expect("export settings");
        let start = Instant::now();
        typst_pdf::pdf(&document, &options).expect("exports");
        export += start.elapsed();
        docs += 1;
    }
    let ms = |d: Duration, k: usize| d.as_secs_f64() * 1e3 / k.max(1) as f64;
    for (kind, (count, took)) in &compile {
        println!("{kind:40} {count:5} st  kompilering {:6.2} ms", ms(*took, *count));
    }
    println!("{:40} {docs:5} st  PDF-export   {:6.2} ms", "alla", ms(export, docs));
    println!("totalt {:.2} s, {:.2} ms per dokument", total.elapsed().as_secs_f64(), ms(total.elapsed(), docs));
}
