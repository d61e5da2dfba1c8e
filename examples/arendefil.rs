//! Prints `docs/arendefil.md`, the Swedish reference of the case file format, generated
//! from the case model and the routines: `cargo run --release --example arendefil > docs/arendefil.md`.

fn main() {
    print!("{}", samplan::reference::case_format_markdown());
}
