//! Cargo build script: lists the routine files in `routines/` and the template files in
//! `templates/` for samplan to embed, so that adding a routine or a template is adding a
//! file, and no list in the code has to be kept in step by hand.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut code = String::new();
    embed(&mut code, &root, "ROUTINE_FILES", "routines", |name| name.ends_with(".yaml"));
    // Documentation beside the templates (DATA.md) is not a template.
    embed(&mut code, &root, "TEMPLATE_FILES", "templates", |name| !name.ends_with(".md"));
    std::fs::write(Path::new(&out).join("embedded.rs"), code).expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=routines");
    println!("cargo::rerun-if-changed=templates");
}

/// Writes `pub const NAME: &[(&str, &str)]`: every file in `dir` that `keep` accepts,
/// by name, with its text embedded, sorted by name.
fn embed(code: &mut String, root: &str, name: &str, dir: &str, keep: fn(&str) -> bool) {
    let mut files: Vec<String> = std::fs::read_dir(Path::new(root).join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| keep(n) && !n.starts_with('.'))
        .collect();
    files.sort();
    writeln!(code, "/// Every file in `{dir}/` that samplan embeds, by name.").unwrap();
    writeln!(code, "pub const {name}: &[(&str, &str)] = &[").unwrap();
    for file in files {
        writeln!(code, "    ({file:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{dir}/{file}\"))),")
            .unwrap();
    }
    writeln!(code, "];").unwrap();
}
