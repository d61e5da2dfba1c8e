//! Where typst's time goes, phase by phase (evaluation, realisation, layout, shaping,
//! PDF conversion, the PDF library's serialisation), read from typst's own timing
//! scopes over generated cases, for every document or for one kind of document.
//!
//! cargo run --release --example typst_phases -- [cases] [kind]
//!
//! `kind` picks documents whose kind contains it, e.g. `plan-kopia` (the copies) or
//! `kallelse/kallelse.typ/standard`; without it every PDF counts. The times include
//! the timing's own overhead, so compare shares rather than absolute figures.
use std::collections::BTreeMap;

use samplan::build::{EVICT_AFTER_CASES, case_hash, prepare};
use samplan::case::datetime::CalendarDate;
use samplan::case::word;
use samplan::render::{DocumentWorld, TemplateSet, pdf_options};
use samplan::routine::Routines;
use typst_layout::PagedDocument;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let wanted = args.next().unwrap_or_default();
    let templates = TemplateSet::builtin();
    let routines = Routines::builtin();
    let mut documents = 0;
    for seed in 0..n {
        let checked = samplan::check::check_text("gen.yaml", &samplan::generate::plan_case(seed));
        let case = checked.valid_case().expect("generated cases are valid").clone();
        let routine = routines.get(case.routine()).expect("known routine");
        for doc in prepare(&case, routine, &case_hash(&case), None, &Default::default()) {
            let Some(template) = doc.pdf_template() else { continue };
            let kind = format!("{}/{template}/{}", doc.spec.kind.word(), word(&doc.spec.variant.format()));
            let timed = kind.contains(&wanted);
            if timed {
                typst_timing::enable();
                documents += 1;
            }
            let world = DocumentWorld::new(&templates, template, doc.json.clone(), doc.date).expect("world");
            let document: PagedDocument = typst::compile(&world).output.expect("compiles");
            let options = pdf_options(doc.date, "typst-phases").expect("export settings");
            typst_pdf::pdf(&document, &options).expect("exports");
            typst_timing::disable();
        }
        typst::comemo::evict(EVICT_AFTER_CASES); // as a build does after each case
    }
    // Any world of the set resolves a span to its template and line.
    let world =
        DocumentWorld::new(&templates, "plan.typ", b"{}".to_vec(), CalendarDate { year: 2026, month: 1, day: 1 })
            .expect("world");
    let mut json = Vec::new();
    typst_timing::export_json(&mut json, |span| template_line(&world, span)).expect("timing events");
    let events: Vec<serde_json::Value> = serde_json::from_slice(&json).expect("timing json");
    let (phases, calls) = phase_times(&events);
    let total: f64 = phases.values().map(|p| p.own).sum();
    println!("{documents} dokument; tid i egen fas (utan underfaser) och med underfaser, ms per dokument");
    let mut rows: Vec<_> = phases.iter().collect();
    rows.sort_by(|a, b| b.1.own.total_cmp(&a.1.own));
    for (name, p) in rows.iter().take(30) {
        let per_doc = |us: f64| us / 1e3 / documents.max(1) as f64;
        println!(
            "{name:24} {:6.3} ms ({:4.1} %)   med underfaser {:6.3} ms",
            per_doc(p.own),
            100.0 * p.own / total,
            per_doc(p.inclusive)
        );
    }
    println!("\nfunktionsanrop (\"func call\") efter rad i mallen, egen tid, ms per dokument:");
    let mut lines: Vec<_> = calls.iter().collect();
    lines.sort_by(|a, b| b.1.total_cmp(a.1));
    for (place, us) in lines.iter().take(15) {
        println!("{place:40} {:6.3} ms", *us / 1e3 / documents.max(1) as f64);
    }
}

/// The template and line a timing span points at (`plan.typ:57`), or "?".
fn template_line(world: &DocumentWorld, span: std::num::NonZeroU64) -> (String, u32) {
    use typst::World;
    use typst::syntax::{Span, SpanKind};
    let SpanKind::Number { id, num } = Span::from_raw(span).get() else {
        return ("?".to_string(), 0);
    };
    let Ok(source) = world.source(id) else { return ("?".to_string(), 0) };
    let line = source.range(num, None).and_then(|r| source.lines().byte_to_line(r.start)).unwrap_or(0);
    let name = id.get().vpath().get_without_slash().to_string();
    (name, line as u32 + 1)
}

/// A phase's time in microseconds: in the phase itself, and including what it called.
#[derive(Default)]
struct Phase {
    own: f64,
    inclusive: f64,
}

/// Sums begin/end events (Chrome trace format, one thread) into time per phase name,
/// and the own time of function calls per template line. A phase that calls itself
/// counts once in `inclusive`.
fn phase_times(events: &[serde_json::Value]) -> (BTreeMap<String, Phase>, BTreeMap<String, f64>) {
    let mut phases: BTreeMap<String, Phase> = BTreeMap::new();
    let mut calls: BTreeMap<String, f64> = BTreeMap::new();
    // (name, start, time spent in children, template line)
    let mut open: Vec<(String, f64, f64, String)> = Vec::new();
    for event in events {
        let name = event["name"].as_str().unwrap_or("?").to_string();
        let at = event["ts"].as_f64().unwrap_or(0.0);
        if event["ph"] == "B" {
            let place = match (&event["args"]["file"], &event["args"]["line"]) {
                (serde_json::Value::String(file), line) if file != "?" => format!("{file}:{line}"),
                _ => String::new(),
            };
            open.push((name, at, 0.0, place));
            continue;
        }
        let Some((name, start, children, place)) = open.pop() else { continue };
        let took = at - start;
        if name == "func call" && !place.is_empty() {
            *calls.entry(place).or_default() += took - children;
        }
        let phase = phases.entry(name.clone()).or_default();
        phase.own += took - children;
        if !open.iter().any(|(outer, ..)| *outer == name) {
            phase.inclusive += took;
        }
        if let Some(parent) = open.last_mut() {
            parent.2 += took;
        }
    }
    (phases, calls)
}
