//! Prints what samplan says when it reads a text aloud, sentence by sentence: the text
//! form of a document on standard in, e.g.
//! `cargo run --release --example spoken < output/<ärende>/v1/plan.txt`.

use std::io::Read;

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("kunde inte läsa standard in");
        std::process::exit(2);
    }
    let script = samplan::speech::Script::of(&text);
    for (_, sentence) in script.sentences() {
        println!("{sentence}\n  → {}", samplan::speech::normalise::spoken(sentence));
    }
}
