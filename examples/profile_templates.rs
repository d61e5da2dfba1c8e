//! Times typst compile and PDF export per template, warm, on one thread.
//! cargo run --release --example profile_templates -- [cases] [template-dir]
use std::time::{Duration, Instant};

use samplan::build::{OutputKind, case_hash, prepare};
use samplan::render::TemplateSet;
use samplan::routine::Routines;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let templates = match args.next() {
        Some(dir) => std::sync::Arc::new(TemplateSet::from_dir(std::path::Path::new(&dir)).unwrap()),
        None => TemplateSet::builtin(),
    };
    let routines = Routines::builtin();
    let mut jobs = Vec::new();
    for seed in 0..n {
        let text = samplan::generate::plan_case(seed);
        let checked = samplan::check::check_text("gen.yaml", &text);
        let case = checked.valid_case().unwrap().clone();
        let routine = routines.get(case.routine()).unwrap();
        for d in prepare(&case, routine, &case_hash(&case), None) {
            for f in d.files.iter().filter(|f| f.kind == OutputKind::Pdf) {
                jobs.push((f.template, d.spec.name.clone(), d.data.clone(), d.date));
            }
        }
    }
    // warm up
    for (t, name, data, date) in jobs.iter().take(20) {
        samplan::render::render_pdf(&templates, t, data, *date, name).unwrap();
    }
    let mut per: std::collections::BTreeMap<String, (usize, Duration, usize)> = Default::default();
    let total = Instant::now();
    let mut export = Duration::ZERO;
    let mut pdf_bytes = 0usize;
    for (i, (t, name, data, date)) in jobs.iter().enumerate() {
        let kind = if name.starts_with("plan-kopia") {
            format!("{t} (kopia)")
        } else {
            format!("{t} {}", if name.contains("storstil") { "storstil" } else { "" })
        };
        let s = Instant::now();
        let json = serde_json::to_vec(data).unwrap();
        let world = samplan::render::DocumentWorld::new(&templates, t, json, *date).unwrap();
        let doc: typst_layout::PagedDocument = typst::compile(&world).output.unwrap();
        let c = s.elapsed();
        let s2 = Instant::now();
        let options = typst_pdf::PdfOptions {
            ident: typst::foundations::Smart::Custom(name.to_string()),
            standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2a, typst_pdf::PdfStandard::Ua_1])
                .unwrap(),
            tagged: true,
            timestamp: Some(typst_pdf::Timestamp::new_utc(typst::foundations::Datetime::from_ymd(2026, 1, 1).unwrap())),
            ..Default::default()
        };
        let bytes = typst_pdf::pdf(&doc, &options).unwrap();
        export += s2.elapsed();
        pdf_bytes += bytes.len();
        let e = per.entry(kind).or_default();
        e.0 += 1;
        e.1 += c;
        e.2 += doc.pages().len();
        if i % 14 == 13 {
            typst::comemo::evict(4);
        }
    }
    let total = total.elapsed();
    for (k, (c, d, p)) in &per {
        println!(
            "{k:40} {c:5} docs {:7.2} ms/doc compile, {:.1} pages",
            d.as_secs_f64() * 1e3 / *c as f64,
            *p as f64 / *c as f64
        );
    }
    println!(
        "export {:.2} ms/doc, {} KiB/doc",
        export.as_secs_f64() * 1e3 / jobs.len() as f64,
        pdf_bytes / 1024 / jobs.len()
    );
    println!(
        "total {} docs {:.3} s, {:.2} ms/doc",
        jobs.len(),
        total.as_secs_f64(),
        total.as_secs_f64() * 1e3 / jobs.len() as f64
    );
}
