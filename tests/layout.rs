//! What a reader notices at a glance, checked on every example document: no word runs
//! into another (word boxes from `pdftotext -bbox`), the signature block of a plan is
//! whole on one page, a staff invitation is one page, and an independent PDF/UA-1 and
//! WCAG checker (`outloud`) finds no error and no address that cannot be clicked.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::built_examples;

/// Every PDF the examples build, sorted.
fn pdfs() -> Vec<PathBuf> {
    let out = common::files_with(built_examples(), "pdf");
    assert!(out.len() >= 80, "only {} PDFs", out.len());
    out
}

/// The example PDFs whose file name `wanted` accepts.
fn pdfs_named(wanted: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    pdfs().into_iter().filter(|p| wanted(&p.file_name().unwrap().to_string_lossy())).collect()
}

/// One word on a page: its text and box (points, from the top left).
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// The words of each page, as `pdftotext -bbox` finds them.
fn words_by_page(pdf: &Path) -> Vec<Vec<Word>> {
    let out = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed: run tools/test.sh");
    assert!(out.status.success(), "pdftotext -bbox failed on {}", pdf.display());
    let html = String::from_utf8(out.stdout).unwrap();
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut words = Vec::new();
        for part in page.split("<word ").skip(1) {
            let attr = |name: &str| -> f64 {
                let start = part.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                let end = part[start..].find('"').unwrap() + start;
                part[start..end].parse().unwrap()
            };
            let text_start = part.find('>').unwrap() + 1;
            let text_end = part.find("</word>").unwrap();
            words.push(Word {
                text: part[text_start..text_end].to_string(),
                x0: attr("xMin"),
                y0: attr("yMin"),
                x1: attr("xMax"),
                y1: attr("yMax"),
            });
        }
        pages.push(words);
    }
    pages
}

/// How far two boxes overlap in both directions (negative when apart).
fn overlap(a: &Word, b: &Word) -> (f64, f64) {
    (a.x1.min(b.x1) - a.x0.max(b.x0), a.y1.min(b.y1) - a.y0.max(b.y0))
}

#[test]
fn no_word_runs_into_another_in_any_example_document() {
    // Boxes of neighbouring words on a line may touch, and the boxes of lines set close
    // together (a grid's rows) overlap a little from above and below. A word that runs
    // into the next one on its line overlaps it sideways and over most of its height.
    const TOLERANCE: f64 = 0.5;
    let mut faults = Vec::new();
    for pdf in pdfs() {
        for (n, words) in words_by_page(&pdf).iter().enumerate() {
            for (i, a) in words.iter().enumerate() {
                for b in &words[i + 1..] {
                    let (dx, dy) = overlap(a, b);
                    let height = (a.y1 - a.y0).min(b.y1 - b.y0);
                    if dx > TOLERANCE && dy > height / 2.0 {
                        faults.push(format!("{} page {}: ”{}” overlaps ”{}”", pdf.display(), n + 1, a.text, b.text));
                    }
                }
            }
        }
    }
    assert!(faults.is_empty(), "{} overlapping words:\n{}", faults.len(), faults.join("\n"));
}

#[test]
fn the_signature_block_of_every_plan_is_on_one_page() {
    let plans = pdfs_named(|name| name == "plan.pdf" || name == "plan-storstil.pdf" || name.starts_with("plan-kopia-"));
    assert!(plans.len() >= 30, "only {} plans", plans.len());
    for pdf in plans {
        let pages = words_by_page(&pdf);
        let on = |word: &str| -> Vec<usize> {
            pages.iter().enumerate().filter(|(_, ws)| ws.iter().any(|w| w.text == word)).map(|(n, _)| n).collect()
        };
        let heading = on("Underskrifter");
        assert_eq!(heading.len(), 1, "{}: the heading ”Underskrifter” on pages {heading:?}", pdf.display());
        // Below the heading, on its page: a "Datum:" under each signature line, the
        // coordinator's among them.
        let page = &pages[heading[0]];
        let top = page.iter().find(|w| w.text == "Underskrifter").unwrap().y1;
        let below: Vec<&str> = page.iter().filter(|w| w.y0 > top).map(|w| w.text.as_str()).collect();
        let dates = below.iter().filter(|w| **w == "Datum:").count();
        assert!(dates >= 2, "{}: {dates} ”Datum:” under the heading, the signature block is split", pdf.display());
        assert!(below.contains(&"samordnare"), "{}: the coordinator's line is not under the heading", pdf.display());
        // Every "Datum:" of the signatures is on that page: none on the next.
        if let Some(next) = pages.get(heading[0] + 1) {
            let before_next_heading: Vec<&Word> = next.iter().take_while(|w| w.text != "Sändlista").collect();
            assert!(
                !before_next_heading.iter().any(|w| w.text == "Datum:"),
                "{}: a signature line is on the next page",
                pdf.display()
            );
        }
    }
}

#[test]
fn every_staff_invitation_of_the_examples_is_one_page() {
    let letters = pdfs_named(|name| name.starts_with("kallelse-") && !name.starts_with("kallelse-person"));
    assert!(letters.len() >= 30, "only {} invitations", letters.len());
    let long: Vec<String> = letters
        .iter()
        .filter_map(|p| {
            let pages = words_by_page(p).len();
            (pages != 1).then(|| format!("{} has {pages} pages", p.display()))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}

#[test]
fn an_accessibility_checker_finds_no_error_and_every_address_is_a_link() {
    // Not the post room's print file (`utskrift.pdf`): it is for the printer, its
    // letters are each beside it as accessible PDFs.
    let pdfs: Vec<PathBuf> = pdfs().into_iter().filter(|p| !p.ends_with("utskrift.pdf")).collect();
    // Among them the documents in the person's language, with Swedish passages tagged
    // in them: the plan in Finnish, the invitation in Arabic.
    for mixed in ["plan.fi.pdf", "plan-lattlast.fi.pdf", "kallelse-person.ar.pdf"] {
        assert!(pdfs.iter().any(|p| p.ends_with(mixed)), "{mixed} is not checked");
    }
    let out = Command::new("outloud")
        .args(["--json", "-", "--fail-on", "never"])
        .args(&pdfs)
        .output()
        .expect("outloud (PyPI) must be installed: run tools/test.sh");
    assert!(out.status.success(), "outloud failed: {}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), pdfs.len(), "outloud did not read every PDF");
    let mut faults = Vec::new();
    for result in results {
        let path = result["path"].as_str().unwrap_or("?");
        if !result["error"].is_null() {
            faults.push(format!("{path}: unreadable: {}", result["error"]));
        }
        for f in result["findings"].as_array().unwrap() {
            // LNK-010 is a warning in outloud; a printed address that a screen-reader
            // user cannot follow is a fault here.
            if f["severity"] == "error" || f["rule"] == "LNK-010" {
                faults.push(format!("{path}: {} {} ({})", f["rule"], f["message"], f["evidence"]));
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

/// The lines of a PDF's text as laid out, each page's lines in reading order
/// (`pdftotext -layout` would join columns; the default keeps each line of a block).
fn laid_out_lines(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().unwrap();
    String::from_utf8_lossy(&out.stdout).lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
}

#[test]
fn no_line_breaks_inside_a_date_a_time_a_phone_number_or_an_address() {
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let mut faults = Vec::new();
    let mut read = 0;
    for pdf in pdfs() {
        let lines = laid_out_lines(&pdf);
        for pair in lines.windows(2) {
            let last = pair[0].split_whitespace().last().unwrap_or_default();
            let next = pair[1].split_whitespace().next().unwrap_or_default();
            let next_word = next.trim_end_matches([',', '.', ';', ':', ')']);
            let broken = (last.eq_ignore_ascii_case("kl.") && next.starts_with(|c: char| c.is_ascii_digit()))
                || (number(last) && last.len() <= 2 && MONTHS.contains(&next_word))
                || (MONTHS.contains(&last) && number(next_word) && next_word.len() == 4)
                || (last.ends_with(|c: char| c.is_ascii_digit())
                    && last.chars().any(|c| c == '-')
                    && number(next_word)
                    && (2..=3).contains(&next_word.len()))
                || (last.contains('@') && last.ends_with('-'));
            if broken {
                faults.push(format!("{}: {:?} ⏎ {:?}", pdf.display(), pair[0], pair[1]));
            }
        }
        read += 1;
    }
    assert!(read >= 80);
    assert!(faults.is_empty(), "{} breaks:\n{}", faults.len(), faults.join("\n"));
}

/// The body lines of each page (`pdftotext -layout`, which ends every page with a form
/// feed), trimmed, without the copy mark at the top and the footer at the bottom.
fn body_lines_by_page(pdf: &Path) -> Vec<Vec<String>> {
    let out = Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext -layout failed on {}", pdf.display());
    let text = String::from_utf8_lossy(&out.stdout);
    text.strip_suffix('\u{c}')
        .unwrap_or(&text)
        .split('\u{c}')
        .map(|page| {
            page.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("Kopia för") && !l.starts_with("Kopia till"))
                // The running foot, in any language: "Ärende … · version 1   Sida 2 av 4",
                // "Asia … · versio 1   Sivu 2/4".
                .filter(|l| !(l.contains(" · ") && l.ends_with(|c: char| c.is_ascii_digit())))
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// A goal's title line: "Mål 3: …".
fn is_goal_title(line: &str) -> bool {
    line.strip_prefix("Mål ").and_then(|r| r.split_once(':')).is_some_and(|(n, _)| n.parse::<u32>().is_ok())
}

/// Short blocks hold together: in every example plan and copy, a section of at most
/// eight lines (the coordinator's contact block, the time plan, the consent …) is
/// whole on one page; no page ends with a heading or a goal's title; no page begins
/// with a goal's follow-up line, parted from the goal it closes.
#[test]
fn no_short_section_contact_block_or_goal_is_torn_across_pages() {
    let plans = pdfs_named(|name| name.starts_with("plan") && !name.contains("lattlast"));
    assert!(plans.len() >= 40, "only {} plans", plans.len());
    let mut faults = Vec::new();
    for pdf in &plans {
        let name = pdf.strip_prefix(built_examples()).unwrap().display().to_string();
        let pages = body_lines_by_page(pdf);
        let headings: Vec<String> = common::outline(pdf);
        // A heading, or the first line of one that large print wraps over two lines.
        let is_heading = |l: &str| {
            headings
                .iter()
                .any(|h| h == l || (l.len() >= 12 && h.strip_prefix(l).is_some_and(|rest| rest.starts_with(' '))))
        };
        for (n, page) in pages.iter().enumerate() {
            if let Some(last) = page.last()
                && (is_heading(last) || is_goal_title(last))
                && n + 1 < pages.len()
            {
                faults.push(format!("{name}: page {} ends with {last:?}", n + 1));
            }
            if n > 0
                && let Some(first) = page.first()
                && ["Uppföljning:", "Måluppfyllelse:", "Kommentar:"].iter().any(|t| first.starts_with(t))
            {
                faults.push(format!("{name}: page {} begins with a goal's {first:?}", n + 1));
            }
        }
        // Every section: from its heading to the next heading (or the end).
        let flat: Vec<(usize, &str)> =
            pages.iter().enumerate().flat_map(|(n, p)| p.iter().map(move |l| (n, l.as_str()))).collect();
        for (i, (page, line)) in flat.iter().enumerate() {
            if !is_heading(line) || i == 0 {
                continue;
            }
            let section: Vec<&(usize, &str)> = flat[i + 1..].iter().take_while(|(_, l)| !is_heading(l)).collect();
            if section.len() <= 8 && section.iter().any(|(p, _)| p != page) {
                let lines: Vec<&str> = section.iter().map(|(_, l)| *l).collect();
                faults.push(format!("{name}: the section {line:?} is split over two pages: {lines:?}"));
            }
        }
    }
    assert!(faults.is_empty(), "{} faults:\n{}", faults.len(), faults.join("\n"));
}

/// A goal table too long for one page: every page it goes on to repeats its header
/// under "Mål 1 (forts.)", and the page it begins on does not say so.
#[test]
fn a_table_continued_on_the_next_page_repeats_its_header_and_says_so() {
    use serde_yaml::Value;
    let mut case: Value = serde_yaml::from_str(&common::peter()).unwrap();
    let goal = &mut case["plan"]["mål"][0];
    let first = goal["insatser"][0].clone();
    let many: Vec<Value> = (1..=30)
        .map(|n| {
            let mut i = first.clone();
            i["vad"] = Value::from(format!("Insats nummer {n} i en lång plan"));
            i
        })
        .collect();
    goal["insatser"] = Value::Sequence(many);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lang.yaml"), serde_yaml::to_string(&case).unwrap()).unwrap();
    let out = common::build(&dir.path().join("lang.yaml"), &dir.path().join("ut"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let plan = common::files_with(&dir.path().join("ut"), "pdf")
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n == "plan.pdf"))
        .unwrap();
    let pages = body_lines_by_page(&plan);
    let on = |row: &str| pages.iter().position(|p| p.iter().any(|l| l.starts_with(row))).unwrap();
    let (begins, ends) = (on("Insats nummer 1 i"), on("Insats nummer 30 i"));
    assert!(ends > begins, "30 interventions fit on one page; the test needs a longer table");
    assert!(!pages[begins].iter().any(|l| l.contains("(forts.)")), "{:?}", pages[begins]);
    for page in &pages[begins + 1..=ends] {
        let at = page.iter().position(|l| l == "Mål 1 (forts.)");
        assert_eq!(at, Some(0), "a continued page without \"Mål 1 (forts.)\" at its top: {page:?}");
        assert!(page[1].starts_with("Insats") && page[1].contains("Utförs av"), "no repeated header: {page:?}");
    }
}

/// Points per millimetre.
const MM: f64 = 72.0 / 25.4;

/// The top and bottom of a page's text area (points from the top of an A4 page): the
/// margins of `page-margin` in samplan.typ, or of `easy-margin` in lattlast.typ.
fn text_area(pdf: &Path) -> (f64, f64) {
    let bottom = if pdf.to_string_lossy().contains("lattlast") { 26.0 } else { 24.0 };
    (22.0 * MM, 297.0 * MM - bottom * MM)
}

/// The top and bottom of the text on a page of `pdf`, within the text area (no copy
/// mark, no footer); `None` for a page without text.
fn text_extent(pdf: &Path, words: &[Word]) -> Option<(f64, f64)> {
    let (top, bottom) = text_area(pdf);
    let inside: Vec<&Word> = words.iter().filter(|w| w.y0 >= top - 2.0 && w.y1 <= bottom).collect();
    let first = inside.iter().map(|w| w.y0).reduce(f64::min)?;
    Some((first, inside.iter().map(|w| w.y1).reduce(f64::max)?))
}

/// [`text_extent`] of every page.
fn text_extent_by_page(pdf: &Path) -> Vec<Option<(f64, f64)>> {
    words_by_page(pdf).iter().map(|words| text_extent(pdf, words)).collect()
}

/// No document ends on a page less than a quarter full when its content could have
/// moved back: where a last page is that empty, what is on it (the last section, kept
/// whole with the closing note) with the space above its heading is taller than the
/// room left at the foot of the page before. samplan lays such a document out a second
/// time, tighter, and keeps that layout when it saves the page; this checks the outcome
/// on every example document but the post room's print file (its pages are the
/// letters' own).
#[test]
fn no_last_page_is_under_a_quarter_full_when_its_content_could_move_back() {
    let mut faults = Vec::new();
    let mut short = 0;
    for pdf in pdfs().into_iter().filter(|p| !p.ends_with("utskrift.pdf")) {
        let words = words_by_page(&pdf);
        let [.., page_before, last_page] = words.as_slice() else { continue };
        let (top, bottom) = text_area(&pdf);
        let name = pdf.strip_prefix(built_examples()).unwrap().display().to_string();
        let (Some((first, last)), Some((_, before))) = (text_extent(&pdf, last_page), text_extent(&pdf, page_before))
        else {
            faults.push(format!("{name}: a page without text at the end"));
            continue;
        };
        let used = (last - top) / (bottom - top);
        if used >= 0.25 {
            continue;
        }
        short += 1;
        // The room the text would need there: its own height and the space above
        // a section's heading, about a line and a half of its type.
        let line = last_page.iter().map(|w| w.y1 - w.y0).fold(0.0, f64::max);
        let room = bottom - before;
        if last - first + 1.5 * line <= room {
            faults.push(format!(
                "{name}: the last page is {:.0} % full, and its {:.0} pt of text would fit in the {:.0} pt left on the page before",
                used * 100.0,
                last - first,
                room
            ));
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    assert!(short <= 3, "{short} documents end on a nearly empty page");
}

/// The public leaflet is one page, or two full ones (the second at least half full).
#[test]
fn every_leaflet_is_one_page_or_two_full_ones() {
    let leaflets = pdfs_named(|name| name.starts_with("information"));
    assert!(leaflets.len() >= 12, "only {} leaflets", leaflets.len());
    let mut faults = Vec::new();
    for pdf in &leaflets {
        let pages = text_extent_by_page(pdf);
        let (top, bottom) = text_area(pdf);
        let name = pdf.strip_prefix(built_examples()).unwrap().display().to_string();
        match pages.as_slice() {
            [_] => {}
            [_, Some((_, last))] if (last - top) / (bottom - top) >= 0.5 => {}
            _ => faults.push(format!("{name}: {} pages, the last {:?}", pages.len(), pages.last())),
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

/// The web addresses a PDF links to (`/URI` actions, read with lopdf), each as it may
/// be printed: whole, and without its `https://` (an address given without one).
fn linked_urls(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut out = Vec::new();
    for object in doc.objects.values() {
        // A link annotation holds its action (`/A << /S /URI /URI (…) >>`) inline.
        let Ok(action) = object.as_dict().and_then(|d| d.get(b"A")).and_then(|a| a.as_dict()) else { continue };
        let Ok(uri) = action.get(b"URI").and_then(|u| u.as_str()) else { continue };
        let uri = String::from_utf8_lossy(uri).to_string();
        if uri.starts_with("http") {
            out.push(uri.split_once("://").map(|(_, rest)| rest.to_string()).unwrap_or_default());
            out.push(uri);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A web address shorter than this many characters is never broken.
const SHORT_URL: usize = 40;

/// The breaks inside a web address in `pdf` that are not allowed, and whether it links
/// to one.
fn bad_url_breaks(pdf: &Path) -> (bool, Vec<String>) {
    let urls = linked_urls(pdf);
    let mut faults = Vec::new();
    let lines = laid_out_lines(pdf);
    for pair in lines.windows(2) {
        let broken = urls.iter().find_map(|url| {
            let at = (2..url.len())
                .filter(|&i| url.is_char_boundary(i))
                .find(|&i| pair[0].ends_with(&url[..i]) && pair[1].starts_with(&url[i..]))?;
            Some((url, at))
        });
        if let Some((url, at)) = broken {
            let own = url[..at].ends_with(['/', '?', '&', '#']) || url[at..].starts_with('.');
            if url.chars().count() < SHORT_URL || !own {
                faults.push(format!("{}: {:?} ⏎ {:?}", pdf.display(), pair[0], pair[1]));
            }
        }
        if pair[0].contains("://") && pair[0].ends_with('-') {
            faults.push(format!("{}: a hyphen at a broken address: {:?}", pdf.display(), pair[0]));
        }
    }
    (!urls.is_empty(), faults)
}

/// A web address is broken over two lines only when it is long, and then only after its
/// own "/", "?", "&" or "#" or before its own ".", never inside a word of it and never
/// with a hyphen added. The examples' addresses are short, except one meeting link; a
/// made-up case adds a link too long for any line, broken in every letter.
#[test]
fn a_web_address_breaks_only_when_long_and_only_after_its_own_punctuation() {
    // The examples, and a meeting whose link is longer than any line.
    let long =
        "https://moten.vastragotaland-kommunerna.example.se/sip/digitala-moten/vgr-2026-0231?rum=samordning&kod=48213";
    let case = std::fs::read_to_string(Path::new(common::ROOT).join("cases/aron-vgr-kallad.yaml")).unwrap();
    assert!(case.contains("länk: https://moten.example.se/sip/vgr-2026-0231"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lang-lank.yaml"), case.replace("https://moten.example.se/sip/vgr-2026-0231", long))
        .unwrap();
    let out = common::build(&dir.path().join("lang-lank.yaml"), &dir.path().join("ut"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let made: Vec<PathBuf> = common::files_with(&dir.path().join("ut"), "pdf");
    let mut faults = Vec::new();
    let mut linked = 0;
    let mut long_broken = 0;
    for pdf in pdfs().into_iter().chain(made.iter().cloned()).filter(|p| !p.ends_with("utskrift.pdf")) {
        let (links, bad) = bad_url_breaks(&pdf);
        linked += usize::from(links);
        faults.extend(bad);
        if made.contains(&pdf)
            && laid_out_lines(&pdf).iter().any(|l| l.starts_with("https://moten.") && !l.contains("kod="))
        {
            long_broken += 1;
        }
    }
    assert!(linked >= 12, "only {linked} documents with a web address");
    assert!(long_broken >= 5, "the long link was broken in only {long_broken} letters");
    assert!(faults.is_empty(), "{} breaks:\n{}", faults.len(), faults.join("\n"));
}
