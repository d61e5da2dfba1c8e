//! Prints `templates/DATA.md`, the reference of the data templates read, generated from
//! the typed data structs: `cargo run --release --example data_reference > templates/DATA.md`.

fn main() {
    print!("{}", samplan::render::reference::data_markdown());
}
