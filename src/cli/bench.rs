//! `samplan bench`: generates realistic cases and times what samplan does with them.
//! Figures are printed with the machine's core count; compare them as ratios.

use std::process::ExitCode;

use rayon::prelude::*;
use std::time::Instant;

use samplan::check::check_text;
use samplan::generate::plan_case;

/// Runs the benchmark over `n` generated cases.
pub fn run(n: u64) -> ExitCode {
    let cases: Vec<String> = (0..n).map(plan_case).collect();
    let bytes: usize = cases.iter().map(String::len).sum();
    let start = Instant::now();
    let errors = cases
        .par_iter()
        .enumerate()
        .filter(|(i, text)| check_text(&format!("gen-{i}.yaml"), text).has_errors())
        .count();
    let took = start.elapsed();
    println!(
        "samplan bench: {n} genererade ärenden ({} kB), {} kärnor",
        bytes / 1024,
        cores()
    );
    println!(
        "check: {:.3} s totalt, {:.0} ärenden/s, {:.1} µs per ärende{}",
        took.as_secs_f64(),
        n as f64 / took.as_secs_f64(),
        took.as_secs_f64() * 1e6 / n as f64,
        if errors > 0 {
            format!(" ({errors} med fel!)")
        } else {
            String::new()
        }
    );
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
