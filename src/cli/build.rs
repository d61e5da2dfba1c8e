//! `samplan build`: every case in parallel, with a progress bar on a terminal (plain
//! lines otherwise), findings per case, and a summary at the end.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use samplan::build::{BuildOptions, Builder, CaseOutcome};
use samplan::check::collect_case_files;
use samplan::diagnostic::Diagnostic;

use crate::samplan_cli::count;

/// Builds the cases under `paths`.
pub fn run(paths: Vec<PathBuf>, options: BuildOptions, jobs: usize) -> ExitCode {
    let start = Instant::now();
    let files = match collect_case_files(&paths) {
        Ok(f) => f,
        Err(e) => {
            tell!("samplan: {e}");
            return ExitCode::from(2);
        }
    };
    let terminal = std::io::stderr().is_terminal();
    let bar = if terminal {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} ärende {pos} av {len} {elapsed} {msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let builder = Builder::new(options).on_wait(|notice| tell!("{notice}"));
    let outcomes: Vec<CaseOutcome> = builder.build_all(&files, jobs, |outcome| {
        bar.inc(1);
        if terminal && outcome.failed() {
            bar.println(format!("{}: inte byggd", outcome.file));
        }
    });
    bar.finish_and_clear();
    let mut failed = 0;
    let (mut written, mut unchanged) = (0, 0);
    for outcome in &outcomes {
        let diagnostics: String = outcome.diagnostics.iter().map(Diagnostic::render_text).collect();
        crate::samplan_cli::tell_text(&diagnostics);
        if let Some(e) = &outcome.error {
            tell!("{}: fel: {e}", outcome.file);
        }
        for notice in &outcome.notices {
            tell!("{}: obs: {notice}", outcome.file);
        }
        if outcome.failed() {
            failed += 1;
            tell!("{}: inte byggd", outcome.file);
        } else if !terminal {
            say!("{}: {}", outcome.file, files_written(outcome.written.len(), outcome.unchanged));
        }
        written += outcome.written.len();
        unchanged += outcome.unchanged;
    }
    say!(
        "{}: {}, {}; {}; {:.1} s",
        count(outcomes.len(), "ärende", "ärenden"),
        count(outcomes.len() - failed, "byggt", "byggda"),
        count(failed, "misslyckat", "misslyckade"),
        files_written(written, unchanged),
        start.elapsed().as_secs_f64()
    );
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// "1 fil skriven, 2 oförändrade".
fn files_written(written: usize, unchanged: usize) -> String {
    format!("{}, {}", count(written, "fil skriven", "filer skrivna"), count(unchanged, "oförändrad", "oförändrade"))
}
