//! `samplan build`: every case in parallel, a line per case, a summary at the end.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

use samplan::build::{BuildOptions, Builder};
use samplan::check::collect_case_files;
use samplan::diagnostic::Diagnostic;

/// Builds the cases under `paths`.
pub fn run(paths: Vec<PathBuf>, options: BuildOptions) -> ExitCode {
    let start = Instant::now();
    let files = match collect_case_files(&paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("samplan: {e}");
            return ExitCode::from(2);
        }
    };
    let builder = Builder::new(options);
    let outcomes: Vec<_> = files.par_iter().map(|f| builder.build_file(f)).collect();
    let mut failed = 0;
    let mut written = 0;
    let mut unchanged = 0;
    for outcome in &outcomes {
        let diagnostics: String = outcome.diagnostics.iter().map(Diagnostic::render_text).collect();
        eprint!("{diagnostics}");
        if let Some(e) = &outcome.error {
            eprintln!("{}: fel: {e}", outcome.file);
        }
        if outcome.failed() {
            failed += 1;
            eprintln!("{}: inte byggd", outcome.file);
        } else {
            println!("{}: {} filer skrivna, {} oförändrade", outcome.file, outcome.written.len(), outcome.unchanged);
        }
        written += outcome.written.len();
        unchanged += outcome.unchanged;
    }
    println!(
        "{} ärenden: {} byggda, {} misslyckade; {} filer skrivna, {} oförändrade; {:.1} s",
        outcomes.len(),
        outcomes.len() - failed,
        failed,
        written,
        unchanged,
        start.elapsed().as_secs_f64()
    );
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
