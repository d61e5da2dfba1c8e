//! Shared by the end-to-end tests: the example cases built once per test binary.
//! Not every test binary uses every helper.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository root.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs `samplan build -o OUT CASES`.
pub fn build(cases: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samplan")).args(["build", "-o"]).arg(out).arg(cases).output().unwrap()
}

/// Every example case under `cases/`, built once into a temporary folder that lives for
/// the whole test run.
pub fn built_examples() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let out = build(&Path::new(ROOT).join("cases"), &dir);
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
}
