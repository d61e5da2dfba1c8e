//! The person's invitation in their own language (`person.språk`), read back from the
//! built examples with poppler and qpdf: Viola's in Finnish (standard, large print and
//! easy-read), Samir's in Arabic, set right to left. Each says what it says in the
//! language, with no Swedish fixed text left in it, tags its language for screen
//! readers, and says that its translation is not reviewed.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{built_examples, pdf_raw_text};

fn meeting_file(case: &str, name: &str) -> PathBuf {
    let dir = built_examples().join(case);
    let meeting = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("mote-")))
        .max()
        .unwrap_or_else(|| panic!("{case} has no meeting folder"));
    let file = meeting.join(name);
    assert!(file.exists(), "{} is missing", file.display());
    file
}

/// The PDF's text in one line per line, without the isolating marks of facts.
fn text(pdf: &Path) -> String {
    pdf_raw_text(pdf).replace(['\u{2066}', '\u{2069}'], "")
}

/// The `/Lang` entries of a PDF: the catalogue's and those of its marked passages.
fn languages(pdf: &Path) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("q.pdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&plain)
        .status()
        .expect("qpdf must be installed");
    assert!(status.success());
    let bytes = std::fs::read(plain).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    raw.split("/Lang")
        .skip(1)
        .filter_map(|rest| rest.trim_start().strip_prefix('(')?.split(')').next())
        .map(String::from)
        .collect()
}

#[test]
fn viola_gets_her_invitation_in_finnish_in_every_form_she_asked_for() {
    for name in ["kallelse-person.fi.pdf", "kallelse-person-storstil.fi.pdf", "kallelse-person-lattlast.fi.pdf"] {
        let pdf = meeting_file("KLM-2026-0057", name);
        let words = text(&pdf);
        let langs = languages(&pdf);
        assert!(langs.iter().any(|l| l == "fi"), "{name}: {langs:?}");
        // Fixed Swedish words of the Swedish letter are not in the Finnish one.
        for swedish in ["Kallelse", "Varför", "Du är", "Sida ", "Kontakt", "Dagordning", "klockan", " kl. "] {
            assert!(!words.contains(swedish), "{name} says {swedish:?}:\n{words}");
        }
        assert!(words.contains("Sivu 1/"), "{name}:\n{words}");
        assert!(words.contains("tarkist"), "{name} does not say its translation is unreviewed:\n{words}");
        assert!(
            ["maanantai", "tiistai", "keskiviikko", "torstai", "perjantai"]
                .iter()
                .any(|d| words.to_lowercase().contains(d)),
            "{name} has no Finnish weekday:\n{words}"
        );
    }
    let easy = text(&meeting_file("KLM-2026-0057", "kallelse-person-lattlast.fi.pdf"));
    assert!(easy.contains("Sinut on kutsuttu kokoukseen"), "{easy}");
}

#[test]
fn samir_gets_his_invitation_in_arabic_with_the_address_left_to_right() {
    let pdf = meeting_file("NAT-2026-0007", "kallelse-person.ar.pdf");
    let langs = languages(&pdf);
    assert_eq!(langs.first().map(String::as_str), Some("ar"), "{langs:?}");
    let words = text(&pdf);
    // poppler gives right-to-left lines word by word in the order they are drawn, so
    // the words are looked for one at a time.
    for word in ["مدعو", "متى", "الخطة", "نلتقي", "من"] {
        assert!(words.contains(word), "{word}: {words}");
    }
    assert!(!words.contains("Kallelse") && !words.contains("Sida "), "{words}");
    // The interpreter's language by its own name, not the case's Swedish word.
    assert!(words.contains("العربية") && !words.contains("arabiska"), "{words}");
    // The address block is left to right: the postcode before the town, as in Sweden.
    assert!(words.contains("701 16 Örebro") && words.contains("702 14 Örebro"), "{words}");
}

/// Rows of a page as gray values, from `pdftoppm -gray` (a binary PGM).
fn gray_page(pdf: &Path) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("p");
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", "50", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&base)
        .status()
        .expect("pdftoppm must be installed");
    assert!(status.success());
    let bytes = std::fs::read(base.with_extension("pgm")).unwrap();
    // P5 header: magic, width, height, maxval, each followed by white space.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).to_string());
    }
    let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (width, height, bytes[at + 1..].to_vec())
}

/// The median of the leftmost and of the rightmost ink of the body's lines (below the
/// address window, above the footer).
fn ink_edges(pdf: &Path) -> (usize, usize) {
    let (width, height, pixels) = gray_page(pdf);
    let (mut lefts, mut rights) = (Vec::new(), Vec::new());
    for y in height * 32 / 100..height * 85 / 100 {
        let row = &pixels[y * width..(y + 1) * width];
        let inked: Vec<usize> = (0..width).filter(|&x| row[x] < 128).collect();
        if let (Some(l), Some(r)) = (inked.first(), inked.last()) {
            lefts.push(*l);
            rights.push(*r);
        }
    }
    lefts.sort();
    rights.sort();
    (lefts[lefts.len() / 2], rights[rights.len() / 2])
}

#[test]
fn the_arabic_page_is_set_right_to_left_as_an_image_shows() {
    let swedish = ink_edges(&meeting_file("NAT-2026-0007", "kallelse-person.pdf"));
    let arabic = ink_edges(&meeting_file("NAT-2026-0007", "kallelse-person.ar.pdf"));
    // Swedish lines start at the left margin and end where they end; Arabic lines end
    // at the right margin and start where they start.
    assert!(arabic.0 > swedish.0 + 10, "left edges: Swedish {swedish:?}, Arabic {arabic:?}");
    assert!(arabic.1 >= swedish.1, "right edges: Swedish {swedish:?}, Arabic {arabic:?}");
}
