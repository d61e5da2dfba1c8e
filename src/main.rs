//! The `samplan` command line.

use std::process::ExitCode;

fn main() -> ExitCode {
    samplan_cli::run()
}

#[path = "cli/mod.rs"]
mod samplan_cli;
