//! `samplan bench`: generates realistic cases and times what samplan does with them.
//! Figures are printed with the machine's core count; compare them as ratios.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use samplan::build::{BuildOptions, Builder, Prepared, case_hash, prepare};
use samplan::case::datetime::CalendarDate;
use samplan::casework::facts::CaseFacts;
use samplan::casework::overview::{self, Window};
use samplan::casework::report::{Period, report};
use samplan::check::check_text;
use samplan::generate::{plan_case, recorded_plan_case};
use samplan::render::TemplateSet;
use samplan::render::world::{builtin_template_files, extra_font_files};
use samplan::routine::Routines;

use crate::samplan_cli::count;

/// What the benchmark generates and builds.
pub struct Sizes {
    /// The first seed.
    pub seed: u64,
    /// How many cases are generated and checked.
    pub cases: u64,
    /// How many of them are built.
    pub render: u64,
    /// The percentage of cases whose person asks for the recorded forms.
    pub recorded_percent: u64,
}

impl Sizes {
    /// Whether the `i`th case asks for the recorded forms: spread evenly, the first
    /// one among them when any do.
    fn recorded(&self, i: u64) -> bool {
        (i * self.recorded_percent) % 100 < self.recorded_percent
    }
}

/// Runs the benchmark: check over `n` cases generated from the `n` seeds that follow
/// `seed` (wrapping at `u64::MAX`), full build over `render` of them.
pub fn run(sizes: Sizes, jobs: usize) -> ExitCode {
    let Sizes { seed, cases: n, render, .. } = sizes;
    let cases: Vec<String> = (0..n)
        .map(|i| {
            let seed = seed.wrapping_add(i);
            if sizes.recorded(i) { recorded_plan_case(seed) } else { plan_case(seed) }
        })
        .collect();
    let bytes: usize = cases.iter().map(String::len).sum();
    say!(
        "samplan bench: {} ({} kB), {}",
        count(n as usize, "genererat ärende", "genererade ärenden"),
        bytes / 1024,
        count(cores(), "kärna", "kärnor")
    );

    let start = Instant::now();
    let errors = cases
        .par_iter()
        .enumerate()
        .filter(|(i, text)| check_text(&format!("gen-{i}.yaml"), text).has_errors())
        .count();
    let took = start.elapsed();
    say!(
        "check:            {:>8.3} s, {:>8.0} ärenden/s, {:>8.1} µs per ärende",
        took.as_secs_f64(),
        n as f64 / took.as_secs_f64(),
        took.as_secs_f64() * 1e6 / n as f64
    );
    if errors > 0 {
        tell!("samplan bench: {} har fel", count(errors, "genererat ärende", "genererade ärenden"));
        return ExitCode::from(1);
    }
    if let Err(e) = casework_bench(seed) {
        tell!("samplan bench: {e}");
        return ExitCode::from(1);
    }
    braille_bench();
    speech_bench(seed);
    if render == 0 {
        return ExitCode::SUCCESS;
    }
    match render_bench(&cases[..render.min(n) as usize], jobs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tell!("samplan bench: {e}");
            ExitCode::from(1)
        }
    }
}

fn render_bench(cases: &[String], jobs: usize) -> Result<(), String> {
    let dir = tempfile_dir()?;
    let case_dir = dir.join("cases");
    std::fs::create_dir_all(&case_dir).map_err(|e| e.to_string())?;
    let paths: Vec<_> = cases
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let p = case_dir.join(format!("gen-{i:05}.yaml"));
            std::fs::write(&p, text).map(|_| p)
        })
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;

    // The full build first, so the peak memory is the build's own.
    let builder = Builder::new(BuildOptions::into_folder(dir.join("output")));
    let (start, cpu_before) = (Instant::now(), cpu_time());
    let outcomes = builder.build_all(&paths, jobs, |_| {});
    let full = start.elapsed();
    let full_cpu = cpu_since(cpu_before);
    let failed = outcomes.iter().filter(|o| o.failed()).count();
    let docs: usize = outcomes.iter().map(|o| o.written.len().saturating_sub(1)).sum();
    let peak = peak_memory_mib();

    // A no-op rebuild as a user runs it: a fresh process over the same cases.
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let again = std::process::Command::new(&exe)
        .arg("build")
        .arg("-o")
        .arg(dir.join("output"))
        .arg(&case_dir)
        .output()
        .map_err(|e| e.to_string())?;
    let noop = start.elapsed();
    let summary = String::from_utf8_lossy(&again.stdout).lines().last().unwrap_or("").to_string();
    // "15 ärenden: 15 byggda, 0 misslyckade; 0 filer skrivna, 47 oförändrade; 0.1 s"
    let files = summary.split("; ").nth(1).unwrap_or("?").to_string();

    // The floor: typst's own compile + PDF export of the same templates and data,
    // nothing else (no check, no data building, no writing).
    let routines = Routines::builtin();
    let templates = TemplateSet::builtin();
    // Every case's documents, prepared once for the floor and the one-process loops.
    let prepared: Vec<(&PathBuf, Vec<Prepared>)> = paths
        .iter()
        .filter_map(|p| {
            let checked = samplan::check::check_file(p).ok()?;
            let case = checked.valid_case()?.clone();
            let routine = routines.get(case.routine())?;
            Some((p, prepare(&case, routine, &case_hash(&case), None, &Default::default())))
        })
        .collect();
    let full_docs: usize = prepared.iter().map(|(_, docs)| docs.len()).sum();
    typst::comemo::evict(0);
    // As the build does it: cases in parallel, a case's PDFs in order, typst's cache
    // trimmed after each case.
    let (start, cpu_before) = (Instant::now(), cpu_time());
    let floor_docs: Result<Vec<usize>, String> = samplan::parallel::map(&prepared, jobs, |(_, docs)| {
        let mut count = 0;
        for d in docs {
            if d.pdf_template().is_some() {
                d.pdf(&templates, &d.spec.name)?;
                count += 1;
            }
        }
        typst::comemo::evict(samplan::build::EVICT_AFTER_CASES);
        Ok(count)
    })
    .into_iter()
    .collect();
    let floor_docs: usize = floor_docs?.iter().sum();
    let floor = start.elapsed();
    let floor_cpu = cpu_since(cpu_before);
    typst::comemo::evict(0);

    // What a shell loop around a document compiler does: one process per document.
    let sample = &prepared[..prepared.len().min(SAMPLE_CASES)];
    let names: Vec<(&PathBuf, &str)> =
        sample.iter().flat_map(|(p, docs)| docs.iter().map(move |d| (*p, d.spec.name.as_str()))).collect();
    let single = dir.join("one-by-one");
    std::fs::create_dir_all(&single).map_err(|e| e.to_string())?;
    let start = Instant::now();
    for (case, name) in &names {
        let status = std::process::Command::new(&exe)
            .args(["render"])
            .arg(case)
            .arg(name)
            .arg("-o")
            .arg(&single)
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("samplan render {} {name} misslyckades", case.display()));
        }
    }
    let one_by_one = start.elapsed();
    let typst_loop = typst_cli().map(|typst| typst_cli_loop(&typst, sample, &dir));
    if std::env::var_os("SAMPLAN_BENCH_DIR").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    if failed > 0 {
        return Err(format!("{} gick inte att bygga", count(failed, "ärende", "ärenden")));
    }
    let per = |d: Duration, k: usize| d.as_secs_f64() * 1e3 / k.max(1) as f64;
    say!(
        "build (full):     {:>8.3} s, {:>8.1} ärenden/s, {:>8.1} dokument/s, {:>6.2} ms per dokument ({}, {full_docs} dokument, {}){}",
        full.as_secs_f64(),
        cases.len() as f64 / full.as_secs_f64(),
        full_docs as f64 / full.as_secs_f64(),
        per(full, full_docs),
        count(cases.len(), "ärende", "ärenden"),
        count(docs, "fil", "filer"),
        cpu_text(full_cpu)
    );
    say!(
        "typst-golv:       {:>8.3} s, {:>8.1} dokument/s, {:>6.2} ms per dokument (kompilering + PDF-export, inget annat){}",
        floor.as_secs_f64(),
        floor_docs as f64 / floor.as_secs_f64(),
        per(floor, floor_docs),
        cpu_text(floor_cpu)
    );
    // Whole times: both made the same PDFs; the build also made the braille, text and
    // calendar files and wrote everything to disk.
    say!(
        "build / golv:     {:>8.2}× tid{} (samma {floor_docs} PDF:er; build gör också punktskrift, text och kalender och skriver allt till disk)",
        full.as_secs_f64() / floor.as_secs_f64(),
        match (full_cpu, floor_cpu) {
            (Some(b), Some(g)) => format!(", {:.2}× processortid", b.total().as_secs_f64() / g.total().as_secs_f64()),
            _ => String::new(),
        }
    );
    say!(
        "en process per dokument: {:>6.3} s för {} dokument, {:>6.2} ms per dokument; build är {:.1}× snabbare per dokument",
        one_by_one.as_secs_f64(),
        names.len(),
        per(one_by_one, names.len()),
        per(one_by_one, names.len()) / per(full, full_docs)
    );
    match typst_loop {
        // Per PDF on both sides: the build's time is divided by its PDFs only, though it
        // also wrote the braille, text and calendar files.
        Some(Ok((took, pdfs))) => {
            let (cli, build) = (per(took, pdfs), per(full, floor_docs));
            say!(
                "typst-CLI, en process per PDF: {:>6.3} s för {pdfs} PDF:er, {cli:>6.2} ms per PDF; build är {:.1}× snabbare per PDF ({build:.2} ms per PDF, {floor_docs} PDF:er)",
                took.as_secs_f64(),
                cli / build
            );
            // The most any build on this typst can reach here: typst alone, in process.
            say!(
                "typst-golv mot typst-CLI: {:.1}× snabbare per PDF (taket för build på den här datorn: typst utan samplans egen kod)",
                cli / per(floor, floor_docs)
            );
        }
        Some(Err(e)) => say!("typst-CLI, en process per PDF: gick inte att köra: {e}"),
        None => say!("typst-CLI, en process per PDF: ingen typst i PATH (eller SAMPLAN_BENCH_TYPST), hoppas över"),
    }
    say!("minne (topp):     {peak:>8} MiB");
    say!(
        "build (oförändrat): {:>6.3} s för {} i en ny process ({files})",
        noop.as_secs_f64(),
        count(cases.len(), "ärende", "ärenden"),
    );
    Ok(())
}

/// How many cases the one-process-per-document loops render: about 400 PDFs, 15–20 s
/// of the typst CLI on two cores. With 8 cases (108 PDFs, 4–5 s) its time per PDF moved
/// by a third between runs, with the shared host's load rather than with the documents.
const SAMPLE_CASES: usize = 30;

/// The typst command-line compiler: `SAMPLAN_BENCH_TYPST`, else `typst` on the PATH.
fn typst_cli() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SAMPLAN_BENCH_TYPST") {
        return Some(PathBuf::from(path));
    }
    std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join("typst")).find(|p| p.is_file())
}

/// What a shell loop around the typst compiler does: for every PDF of the first cases,
/// write its data beside the same templates and run `typst compile` once, with the same
/// fonts and PDF standards. Returns the time and the number of PDFs.
fn typst_cli_loop(typst: &Path, cases: &[(&PathBuf, Vec<Prepared>)], dir: &Path) -> Result<(Duration, usize), String> {
    let io = |e: std::io::Error| e.to_string();
    let root = dir.join("typst-root");
    let fonts = dir.join("typst-fonts");
    let out = dir.join("typst-out");
    for d in [&root, &fonts, &out] {
        std::fs::create_dir_all(d).map_err(io)?;
    }
    for (name, text) in builtin_template_files() {
        std::fs::write(root.join(name), text).map_err(io)?;
    }
    for (i, font) in extra_font_files().iter().enumerate() {
        std::fs::write(fonts.join(format!("font-{i}.ttf")), font).map_err(io)?;
    }
    let templates = TemplateSet::builtin();
    let mut pdfs = Vec::new();
    for doc in cases.iter().flat_map(|(_, docs)| docs) {
        if let Some(template) = doc.pdf_template() {
            let outline = match doc.outline(&templates) {
                Some(outline) => Some(serde_json::to_vec(&outline?).map_err(|e| e.to_string())?),
                None => None,
            };
            pdfs.push((template, &doc.spec.name, doc.json.clone(), outline));
        }
    }
    let start = Instant::now();
    for (template, name, data, outline) in &pdfs {
        std::fs::write(root.join("data.json"), data).map_err(io)?;
        if let Some(outline) = outline {
            std::fs::write(root.join("innehall.json"), outline).map_err(io)?;
        }
        let output = std::process::Command::new(typst)
            .arg("compile")
            .arg("--root")
            .arg(&root)
            .arg("--font-path")
            .arg(&fonts)
            .args(["--pdf-standard", "a-2a,ua-1"])
            .arg(root.join(template))
            .arg(out.join(format!("{name}.pdf")))
            .output()
            .map_err(io)?;
        if !output.status.success() {
            return Err(format!("{name}: {}", String::from_utf8_lossy(&output.stderr).trim()));
        }
    }
    Ok((start.elapsed(), pdfs.len()))
}

/// Translating 1 MB of Swedish text to braille, against liblouis's `lou_translate`
/// on the same text when it is installed. Both run on one core.
fn braille_bench() {
    const CORPUS: &str = include_str!("../../tests/braille/corpus.txt");
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str(CORPUS);
    }
    let lines: Vec<&str> = text.lines().collect();
    let start = Instant::now();
    let cells: usize = lines.iter().map(|l| samplan::braille::translate(l).len()).sum();
    let ours = start.elapsed();
    say!(
        "punktskrift:      {:>8.3} s för {:.1} MB text ({} rader, {cells} celler), {:.1} MB/s",
        ours.as_secs_f64(),
        text.len() as f64 / 1e6,
        lines.len(),
        text.len() as f64 / 1e6 / ours.as_secs_f64()
    );
    let Ok(dir) = tempfile_dir() else { return };
    let input = dir.join("text.txt");
    if std::fs::write(&input, &text).is_err() {
        return;
    }
    let start = Instant::now();
    let louis = std::fs::File::open(&input).ok().and_then(|stdin| {
        std::process::Command::new("lou_translate")
            .args(["--forward", "unicode.dis,sv-g0.utb"])
            .stdin(stdin)
            .stdout(std::process::Stdio::null())
            .status()
            .ok()
    });
    let theirs = start.elapsed();
    let _ = std::fs::remove_dir_all(&dir);
    match louis {
        Some(status) if status.success() => say!(
            "lou_translate:    {:>8.3} s för samma text; samplan / liblouis: {:.2}× tiden ({:.1}× snabbare)",
            theirs.as_secs_f64(),
            ours.as_secs_f64() / theirs.as_secs_f64(),
            theirs.as_secs_f64() / ours.as_secs_f64()
        ),
        _ => say!("lou_translate:    finns inte på den här datorn (apt-get install liblouis-bin)"),
    }
}

/// Speech made per second of processor time, synthesis and MP3 encoding together, on
/// one core: the person's recorded documents of a generated case (the plan and the
/// invitation, standard and easy-read), one after the other. The speech engine runs
/// in a child process per document, so its time is the children's.
fn speech_bench(seed: u64) {
    if let Err(why) = samplan::speech::available() {
        say!("inläsning:        {why}");
        return;
    }
    let texts = match recorded_texts(seed) {
        Ok(texts) => texts,
        Err(e) => {
            say!("inläsning:        gick inte att förbereda: {e}");
            return;
        }
    };
    let (mut speech, mut synthesis, mut encoding) = (0.0, Duration::ZERO, Duration::ZERO);
    let start = Instant::now();
    for text in &texts {
        let script = samplan::speech::Script::of(text);
        let before = cpu_time_with_children();
        let Ok(recording) = samplan::speech::record(
            &script,
            samplan::speech::DEFAULT_WORDS_PER_MINUTE,
            &samplan::speech::Voice::swedish(),
        ) else {
            say!("inläsning:        talsyntesen misslyckades");
            return;
        };
        let between = cpu_time_with_children();
        if samplan::speech::mp3_file(&script, &recording, "bench", &samplan::speech::Voice::swedish()).is_err() {
            say!("inläsning:        MP3-kodningen misslyckades");
            return;
        }
        let after = cpu_time_with_children();
        speech += recording.seconds(recording.samples.len());
        if let (Some(b), Some(m), Some(a)) = (before, between, after) {
            synthesis += m.saturating_sub(b);
            encoding += a.saturating_sub(m);
        }
    }
    let wall = start.elapsed();
    let cpu = synthesis + encoding;
    let times = |d: Duration| speech / d.as_secs_f64().max(1e-9);
    say!(
        "inläsning:        {speech:>8.1} s tal ({}) på {:.2} s processortid: {:.0}× realtid (syntes {:.0}×, MP3 {:.0}×; {:.0}× på klockan), en kärna",
        count(texts.len(), "dokument", "dokument"),
        cpu.as_secs_f64(),
        times(cpu),
        times(synthesis),
        times(encoding),
        times(wall)
    );
}

/// The text forms of the recorded documents of the case generated from `seed`.
fn recorded_texts(seed: u64) -> Result<Vec<String>, String> {
    let dir = tempfile_dir()?;
    let path = dir.join("inläst.yaml");
    std::fs::write(&path, recorded_plan_case(seed)).map_err(|e| e.to_string())?;
    let checked = samplan::check::check_file(&path).map_err(|e| e.to_string());
    let _ = std::fs::remove_dir_all(&dir);
    let case = checked?.valid_case().cloned().ok_or("det genererade ärendet har fel")?;
    let routine = Routines::builtin().get(case.routine()).ok_or("okänd rutin")?.clone();
    let templates = TemplateSet::builtin();
    prepare(&case, &routine, &case_hash(&case), None, &Default::default())
        .iter()
        .filter(|d| d.is_recorded())
        .filter_map(|d| d.text(&templates))
        .collect()
}

/// Processor time of the process and of its children that have ended, together.
fn cpu_time_with_children() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let own = parse_cpu_time(&stat)?.total();
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |field: usize| fields.get(field - 3)?.parse::<u64>().ok();
    Some(own + Duration::from_millis(10 * (ticks(16)? + ticks(17)?)))
}

/// The process's peak resident memory (VmHWM), in MiB; 0 where /proc is missing.
fn peak_memory_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        .map_or(0, |kb| kb / 1024)
}

/// Processor time the process has used, on all its threads.
#[derive(Clone, Copy)]
struct CpuTime {
    user: Duration,
    system: Duration,
}

impl CpuTime {
    fn total(self) -> Duration {
        self.user + self.system
    }
}

/// The process's processor time so far, from /proc/self/stat (`utime` and `stime`, in
/// Linux's fixed USER_HZ of 100 ticks a second); `None` where /proc is missing.
fn cpu_time() -> Option<CpuTime> {
    parse_cpu_time(&std::fs::read_to_string("/proc/self/stat").ok()?)
}

/// `utime` and `stime` (fields 14 and 15) of a /proc/PID/stat line.
fn parse_cpu_time(stat: &str) -> Option<CpuTime> {
    // The command name (field 2) may hold spaces and parentheses; the fields after its
    // last ')' start at field 3.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |field: usize| fields.get(field - 3)?.parse::<u64>().ok();
    let time = |field: usize| ticks(field).map(|t| Duration::from_millis(10 * t));
    Some(CpuTime { user: time(14)?, system: time(15)? })
}

/// The processor time used since `before`.
fn cpu_since(before: Option<CpuTime>) -> Option<CpuTime> {
    let (before, now) = (before?, cpu_time()?);
    Some(CpuTime { user: now.user.saturating_sub(before.user), system: now.system.saturating_sub(before.system) })
}

/// "; processortid 95.1 s (användare 86.0, system 9.1)", or nothing without /proc.
fn cpu_text(cpu: Option<CpuTime>) -> String {
    cpu.map_or(String::new(), |c| {
        format!(
            "; processortid {:.1} s (användare {:.1}, system {:.1})",
            c.total().as_secs_f64(),
            c.user.as_secs_f64(),
            c.system.as_secs_f64()
        )
    })
}

/// How many cases the overview is timed over, and the report.
const OVERVIEW_CASES: u64 = 1_000;
const REPORT_CASES: u64 = 10_000;

/// The median of `times`.
fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Writes `n` generated cases (seeds from `seed`) to `dir`.
fn write_cases(dir: &Path, seed: u64, n: u64) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    (0..n).into_par_iter().try_for_each(|i| {
        std::fs::write(dir.join(format!("gen-{i:05}.yaml")), plan_case(seed.wrapping_add(i))).map_err(|e| e.to_string())
    })
}

/// The overview over 1,000 generated cases in a folder (median of 15 calls after the
/// first, as the workbench's start page and `/api/oversikt` call it) and the period
/// report over 10,000 on one core, each read from the files.
fn casework_bench(seed: u64) -> Result<(), String> {
    let dir = tempfile_dir()?.join("oversikt");
    let (small, large) = (dir.join("1000"), dir.join("10000"));
    write_cases(&small, seed, OVERVIEW_CASES)?;
    write_cases(&large, seed, REPORT_CASES)?;
    let window = Window { today: samplan::serve::cases::today(), days: 14 };
    let output = dir.join("output");
    let mut items = overview::folder(&small, &output, window).len();
    let times: Vec<Duration> = (0..15)
        .map(|_| {
            let start = Instant::now();
            items = overview::folder(&small, &output, window).len();
            start.elapsed()
        })
        .collect();
    say!(
        "översikt:         {:>8.3} s median över {} ({} att göra), {}",
        median(times).as_secs_f64(),
        count(OVERVIEW_CASES as usize, "ärende", "ärenden"),
        items,
        count(cores(), "kärna", "kärnor")
    );
    let one_core = rayon::ThreadPoolBuilder::new().num_threads(1).build().map_err(|e| e.to_string())?;
    let period = Period {
        from: CalendarDate { year: 2026, month: 1, day: 1 },
        to: CalendarDate { year: 2026, month: 12, day: 31 },
    };
    let times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let report = one_core.install(|| report(&CaseFacts::folder(&large), period));
            debug_assert_eq!(report.figures.ärenden as u64, REPORT_CASES);
            start.elapsed()
        })
        .collect();
    say!(
        "rapport:          {:>8.3} s median över {}, 1 kärna",
        median(times).as_secs_f64(),
        count(REPORT_CASES as usize, "ärende", "ärenden")
    );
    if std::env::var_os("SAMPLAN_BENCH_DIR").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

fn tempfile_dir() -> Result<std::path::PathBuf, String> {
    // SAMPLAN_BENCH_DIR keeps the generated cases and output for a closer look.
    let dir = std::env::var_os("SAMPLAN_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("samplan-bench-{}", std::process::id())));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    Ok(dir)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn processor_time_is_read_after_a_command_name_with_spaces_and_parentheses() {
        let stat = "4242 (a (b) c) R 1 4242 4242 0 -1 4194304 120 0 0 0 1234 56 0 0 20 0 3 0 99 1000 200";
        let cpu = parse_cpu_time(stat).expect("parses");
        assert_eq!(cpu.user, Duration::from_millis(12_340));
        assert_eq!(cpu.system, Duration::from_millis(560));
        assert_eq!(cpu.total(), Duration::from_millis(12_900));
    }

    #[test]
    fn a_cut_off_stat_line_gives_no_processor_time() {
        assert!(parse_cpu_time("4242 (samplan) R 1 2 3").is_none());
        assert!(parse_cpu_time("no parenthesis here").is_none());
    }

    #[test]
    fn this_process_s_own_stat_line_parses() {
        // The real line, where there is one: a change in its layout shows up here.
        if std::path::Path::new("/proc/self/stat").exists() {
            assert!(cpu_time().is_some());
        }
    }
}
