//! The repository stands on its own: a clone has nothing beside it, so no code, test,
//! CI or tool script may read a file from outside the repository.

use std::path::Path;

#[test]
fn nothing_reads_from_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Written in two halves so that this file does not find itself.
    let sibling = format!("{}{}", "../", "shared");
    let mut found = Vec::new();
    for dir in ["src", "tests", ".ci", "tools", "fuzz", "examples"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok) {
            let path = entry.path();
            if path.components().any(|c| c.as_os_str() == "target") || !entry.file_type().is_file() {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(path)
                && text.contains(&sibling)
            {
                found.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    assert!(found.is_empty(), "these files refer to {sibling}: {found:?}");
}
