//! samplan: a document engine for Swedish coordinated individual plans (SIP,
//! *samordnad individuell plan*). One YAML case file per person is checked against a
//! routine's rules and turned into the documents the routine calls for.
//!
//! Modules, one concern each: [`case`] (the case model and parsing), [`source`]
//! (reading files safely, positions), [`diagnostic`] (how findings are shown),
//! [`routine`] (routines as data), [`rules`] (the checks), [`check`] (running them),
//! [`schema`] (JSON Schema), [`skeleton`] (`samplan new`), [`generate`] (realistic
//! generated cases for benchmarks and tests), [`render`] (documents through typst),
//! [`output`] (atomic writes, manifests), [`build`] (the build pipeline), [`casework`]
//! (what needs doing across cases, the period report), [`inspect`]
//! (reading a PDF's provenance back).

pub mod braille;
pub mod breaks;
pub mod build;
pub mod case;
pub mod casework;
pub mod check;
pub mod diagnostic;
pub mod document;
pub mod fhir;
pub mod generate;
pub mod inspect;
pub mod language;
pub mod lix;
pub mod output;
pub mod parallel;
pub mod reference;
pub mod render;
pub mod revision;
pub mod routine;
pub mod rules;
pub mod schema;
pub mod send;
pub mod serve;
pub mod skeleton;
pub mod source;
pub mod speech;

/// The routine and template files compiled into samplan, listed by the build script
/// (`build.rs`) from `routines/` and `templates/`.
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Stack size for worker threads: typst's layout recurses deeply on long documents.
pub const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Sets up the global rayon pool with `jobs` threads (0 = all cores) and stacks large
/// enough for typst. Call once, before rendering in parallel.
pub fn init_workers(jobs: usize) {
    let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs).stack_size(WORKER_STACK).build_global();
}
