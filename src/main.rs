//! The `samplan` command line.

use std::process::ExitCode;

/// mimalloc: typst allocates and frees many small objects from two threads at once,
/// where glibc's allocator spends much of the build in the kernel and in locks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    samplan_cli::run()
}

#[path = "cli/mod.rs"]
mod samplan_cli;
