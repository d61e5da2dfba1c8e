//! End-to-end tests of the recorded forms (inläst), read back with tools that are not
//! samplan's: EPUBCheck validates every EPUB, ffprobe and ffmpeg decode every MP3 and
//! read its chapters. The audio itself is checked: its length against the words said,
//! one chapter per heading in order, and the EPUB's read-along clips covering the audio
//! from start to end. Then what a recording is made from: the same input gives the
//! same bytes, audio is made again only when what is said changes, a missing speech
//! engine leaves the other documents whole, and no personnummer reaches metadata or
//! file names.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{PRINT_ONLY_HEADINGS, ROOT, build, built_examples, files_with, outline, snapshot};

const BIN: &str = env!("CARGO_BIN_EXE_samplan");

/// The recorded documents the examples must give: the cases and the leaflet that ask
/// for `inläst` (`STS-2026-0031` also for `lättläst`).
const EXPECTED: &[&str] = &[
    "STS-2026-0031/mote-1/kallelse-person",
    "STS-2026-0031/mote-1/kallelse-person-lattlast",
    "STS-2026-0031/v1/plan",
    "STS-2026-0031/v1/plan-lattlast",
    "VGR-2026-0114/mote-1/kallelse-person",
    "VGR-2026-0114/v1/plan",
    "information/info-vgr/information",
    "information/info-vgr/information-lattlast",
];

/// `path` relative to `dir`, without its extension.
fn stem_of(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir).unwrap().with_extension("").to_string_lossy().into_owned()
}

/// Every entry of a zip file, by name, in the order stored.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn entry(entries: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, bytes) = entries.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name} in the EPUB"));
    String::from_utf8(bytes.clone()).unwrap()
}

/// What ffprobe reads from an MP3: its duration (s) and chapters (title, start, end).
struct Probe {
    duration: f64,
    chapters: Vec<(String, f64, f64)>,
}

fn probe(mp3: &Path) -> Probe {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-show_entries", "format=duration", "-show_chapters", "-of", "json"])
        .arg(mp3)
        .output()
        .expect("ffprobe (Debian: ffmpeg) must be installed");
    assert!(out.status.success(), "ffprobe failed on {}: {}", mp3.display(), String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let seconds = |v: &serde_json::Value| v.as_str().unwrap().parse::<f64>().unwrap();
    let chapters = json["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["tags"]["title"].as_str().unwrap_or_default().to_string(),
                seconds(&c["start_time"]),
                seconds(&c["end_time"]),
            )
        })
        .collect();
    Probe { duration: seconds(&json["format"]["duration"]), chapters }
}

/// The XML text between `open` (a tag's start, e.g. `<h2`) and `close`, tags removed
/// and entities read.
fn texts_of(xml: &str, open: &str, close: &str) -> Vec<String> {
    xml.split(open)
        .skip(1)
        .map(|rest| {
            let inner = &rest[rest.find('>').unwrap() + 1..rest.find(close).unwrap()];
            unescape(&strip_tags(inner))
        })
        .collect()
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// The values of attribute `name` in `xml`, in order.
fn attributes(xml: &str, name: &str) -> Vec<String> {
    let key = format!(" {name}=\"");
    xml.split(&key).skip(1).map(|rest| rest[..rest.find('"').unwrap()].to_string()).collect()
}

/// `H:MM:SS.mmm` as seconds.
fn clock(value: &str) -> f64 {
    let parts: Vec<f64> = value.split(':').map(|p| p.parse().unwrap()).collect();
    parts.iter().fold(0.0, |acc, p| acc * 60.0 + p)
}

#[test]
fn every_example_that_asks_for_inlast_gets_an_mp3_and_an_epub() {
    let dir = built_examples();
    for ext in ["mp3", "epub"] {
        let mut found: Vec<String> = files_with(dir, ext).iter().map(|p| stem_of(dir, p)).collect();
        found.sort();
        assert_eq!(found, EXPECTED, "the .{ext} files of the examples");
    }
}

#[test]
fn epubcheck_finds_no_error_and_no_warning() {
    let epubs = files_with(built_examples(), "epub");
    assert_eq!(epubs.len(), EXPECTED.len());
    for epub in epubs {
        let out = Command::new("java")
            .args(["-jar", "/usr/share/java/epubcheck.jar"])
            .arg(&epub)
            .output()
            .expect("EPUBCheck (Debian: epubcheck) must be installed");
        let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{}: {report}", epub.display());
        assert!(report.contains("0 fatals / 0 errors / 0 warnings"), "{}: {report}", epub.display());
    }
}

#[test]
fn every_mp3_decodes_without_an_error() {
    for mp3 in files_with(built_examples(), "mp3") {
        let out = Command::new("ffmpeg")
            .args(["-v", "error", "-xerror", "-i"])
            .arg(&mp3)
            .args(["-f", "null", "-"])
            .output()
            .expect("ffmpeg must be installed");
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}: {}",
            mp3.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let probe = probe(&mp3);
        assert!(probe.duration > 20.0, "{}: only {} s", mp3.display(), probe.duration);
    }
}

#[test]
fn the_audio_is_as_long_as_its_words_at_the_default_rate() {
    let rate = f64::from(samplan::speech::DEFAULT_WORDS_PER_MINUTE);
    for epub in files_with(built_examples(), "epub") {
        let entries = unzip(&epub);
        let sentences = texts_of(&entry(&entries, "EPUB/text.xhtml"), "<span id=", "</span>");
        let words: usize =
            sentences.iter().map(|s| samplan::speech::normalise::spoken(s).split_whitespace().count()).sum();
        let expected = words as f64 * 60.0 / rate;
        let duration = probe(&epub.with_extension("mp3")).duration;
        let ratio = duration / expected;
        assert!(
            (0.7..=1.3).contains(&ratio),
            "{}: {words} words at {rate} a minute is {expected:.0} s, the audio is {duration:.0} s",
            epub.display()
        );
    }
}

#[test]
fn there_is_one_chapter_per_heading_in_order_from_start_to_end() {
    for epub in files_with(built_examples(), "epub") {
        let entries = unzip(&epub);
        let xhtml = entry(&entries, "EPUB/text.xhtml");
        let headings: Vec<String> = xhtml
            .lines()
            .filter(|l| l.trim_start().starts_with("<h1") || l.trim_start().starts_with("<h2"))
            .map(|l| unescape(&strip_tags(l)).trim().to_string())
            .collect();
        assert!(headings.len() >= 3, "{}: {headings:?}", epub.display());
        let probe = probe(&epub.with_extension("mp3"));
        let titles: Vec<&str> = probe.chapters.iter().map(|(t, _, _)| t.as_str()).collect();
        assert_eq!(titles, headings, "{}: chapters", epub.display());
        assert_eq!(probe.chapters[0].1, 0.0, "{}: the first chapter starts at the start", epub.display());
        for pair in probe.chapters.windows(2) {
            assert!(pair[0].1 < pair[0].2, "{}: {pair:?}", epub.display());
            assert!((pair[0].2 - pair[1].1).abs() < 0.002, "{}: a gap between chapters {pair:?}", epub.display());
        }
        let last = probe.chapters.last().unwrap().2;
        assert!(
            (last - probe.duration).abs() < 0.1,
            "{}: the last chapter ends at {last}, the audio at {}",
            epub.display(),
            probe.duration
        );
        // The navigation document lists the same headings, and so does the printed
        // document the recording was read from (the easy-read ones too).
        let nav = texts_of(&entry(&entries, "EPUB/nav.xhtml"), "<a ", "</a>");
        assert_eq!(nav, headings, "{}: nav.xhtml", epub.display());
        let printed: Vec<String> = outline(&epub.with_extension("pdf"))
            .into_iter()
            .filter(|h| !PRINT_ONLY_HEADINGS.contains(&h.as_str()))
            .collect();
        assert_eq!(printed, headings, "{}: the PDF's headings, then the recording's", epub.display());
    }
}

#[test]
fn the_read_along_clips_cover_the_audio_without_gaps_or_overlaps() {
    for epub in files_with(built_examples(), "epub") {
        let entries = unzip(&epub);
        let smil = entry(&entries, "EPUB/text.smil");
        let xhtml = entry(&entries, "EPUB/text.xhtml");
        let begins: Vec<f64> = attributes(&smil, "clipBegin").iter().map(|v| clock(v)).collect();
        let ends: Vec<f64> = attributes(&smil, "clipEnd").iter().map(|v| clock(v)).collect();
        assert_eq!(begins.len(), ends.len());
        assert_eq!(begins.first(), Some(&0.0), "{}", epub.display());
        for i in 0..begins.len() {
            assert!(begins[i] < ends[i], "{}: clip {i} is empty", epub.display());
            if i > 0 {
                assert_eq!(begins[i], ends[i - 1], "{}: clip {i} does not start where {} ends", epub.display(), i - 1);
            }
        }
        let duration = probe(&epub.with_extension("mp3")).duration;
        let end = *ends.last().unwrap();
        assert!((end - duration).abs() < 0.1, "{}: the clips end at {end}, the audio at {duration}", epub.display());
        // Every sentence of the text is read, once, in the text's order.
        let spans: Vec<String> = attributes(&xhtml, "id").into_iter().filter(|id| id.contains('s')).collect();
        let targets: Vec<String> = attributes(&smil, "src")
            .into_iter()
            .filter_map(|s| s.strip_prefix("text.xhtml#").map(str::to_string))
            .collect();
        assert_eq!(targets, spans, "{}: the clips' sentences", epub.display());
    }
}

/// Every case and leaflet file under `cases/` that asks for `inläst`, with its
/// personnummer ("" when it has none).
fn cases_asking_for_recording() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(Path::new(ROOT).join("cases")).into_iter().filter_map(Result::ok) {
        if e.path().extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        let value: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        let formats = value.get("person").and_then(|p| p.get("format")).or_else(|| value.get("format"));
        let asks =
            formats.and_then(|f| f.as_sequence()).is_some_and(|f| f.iter().any(|x| x.as_str() == Some("inläst")));
        if asks {
            let pnr =
                value.get("person").and_then(|p| p.get("personnummer")).and_then(|p| p.as_str()).unwrap_or_default();
            out.push((e.into_path(), pnr.to_string()));
        }
    }
    out.sort();
    out
}

#[test]
fn the_examples_ask_for_inlast_in_two_cases_and_a_leaflet() {
    let asking = cases_asking_for_recording();
    let names: Vec<String> = asking.iter().map(|(p, _)| p.strip_prefix(ROOT).unwrap().display().to_string()).collect();
    assert_eq!(names, ["cases/information/info-vgr.yaml", "cases/jonas-stockholm-stad.yaml", "cases/lena-vgr.yaml"]);
    assert!(asking.iter().any(|(_, pnr)| !pnr.is_empty()), "one of them has a personnummer, to test it is kept out");
}

#[test]
fn a_personnummer_is_read_in_the_text_but_never_in_metadata_or_names() {
    let dir = built_examples();
    for (_, pnr) in cases_asking_for_recording().into_iter().filter(|(_, p)| !p.is_empty()) {
        let digits: String = pnr.chars().filter(char::is_ascii_digit).collect();
        let forms = [pnr.clone(), digits.clone(), digits[2..].to_string()];
        let mut read_in_text = false;
        for epub in files_with(dir, "epub") {
            for (name, bytes) in unzip(&epub) {
                let text = String::from_utf8_lossy(&bytes);
                for form in &forms {
                    assert!(!name.contains(form.as_str()), "{}: entry {name}", epub.display());
                    if name != "EPUB/text.xhtml" {
                        assert!(!text.contains(form.as_str()), "{}: {name} holds the personnummer", epub.display());
                    }
                }
                read_in_text |= name == "EPUB/text.xhtml" && text.contains(&pnr);
            }
        }
        assert!(read_in_text, "the person's own plan gives the personnummer {pnr}");
        for file in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
            let name = file.file_name().to_string_lossy();
            assert!(forms.iter().all(|f| !name.contains(f.as_str())), "a file is named {name}");
        }
        // Read aloud, digit by digit.
        let spoken = samplan::speech::normalise::spoken(&format!("Personnummer: {pnr}"));
        assert!(!spoken.chars().any(|c| c.is_ascii_digit()), "{spoken}");
        assert_eq!(spoken.split([' ', ',']).filter(|w| !w.is_empty()).count(), 1 + digits.len(), "{spoken}");
    }
}

/// The case and the leaflet that ask for `inläst` in a folder of their own.
fn recorded_cases() -> tempfile::TempDir {
    let cases = tempfile::tempdir().unwrap();
    for (path, _) in cases_asking_for_recording() {
        std::fs::copy(&path, cases.path().join(path.file_name().unwrap())).unwrap();
    }
    cases
}

fn build_with(cases: &Path, out: &Path, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let output = Command::new(BIN)
        .arg("build")
        .args(args)
        .arg("-o")
        .arg(out)
        .arg(cases)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

#[test]
fn the_same_input_gives_the_same_recordings_whatever_else_is_built() {
    // Built alone and one document at a time, the recordings are byte for byte those of
    // the examples' build, where every case was spoken side by side on all cores.
    let cases = recorded_cases();
    let out = tempfile::tempdir().unwrap();
    let (ok, text) = build_with(cases.path(), out.path(), &["-j", "1"], &[]);
    assert!(ok, "{text}");
    let alone = snapshot(out.path());
    let all = snapshot(built_examples());
    let mut compared = 0;
    for (name, bytes) in &alone {
        if name.extension().is_some_and(|e| e == "mp3" || e == "epub") {
            assert!(all.get(name) == Some(bytes), "{} differs between two builds", name.display());
            compared += 1;
        }
    }
    assert_eq!(compared, 2 * EXPECTED.len());
}

/// The files of `snapshot` whose bytes differ in `after`.
fn changed(before: &BTreeMap<PathBuf, Vec<u8>>, after: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    after.iter().filter(|(n, b)| before.get(*n) != Some(*b)).map(|(n, _)| n.display().to_string()).collect()
}

fn modified(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn audio_is_made_again_only_when_what_is_said_changes() {
    let cases = recorded_cases();
    let leaflet = cases.path().join("info-vgr.yaml");
    let cases_dir = tempfile::tempdir().unwrap();
    std::fs::copy(&leaflet, cases_dir.path().join("info-vgr.yaml")).unwrap();
    let templates = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(Path::new(ROOT).join("templates")).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), templates.path().join(e.file_name())).unwrap();
        }
    }
    let tpl = templates.path().to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mp3 = out.path().join("information/info-vgr/information.mp3");
    let (ok, text) = build_with(cases_dir.path(), out.path(), &["--templates", tpl], &[]);
    assert!(ok, "{text}");
    let first = snapshot(out.path());
    let made = modified(&mp3);

    // Nothing changed: nothing is written.
    let (ok, text) = build_with(cases_dir.path(), out.path(), &["--templates", tpl], &[]);
    assert!(ok && text.contains("0 filer skrivna"), "{text}");
    assert_eq!(modified(&mp3), made);

    // The printed leaflet's template changes: its PDF is made again, what is said is
    // the same, so the recordings are kept as they are.
    let typ = templates.path().join("information.typ");
    let mut source = std::fs::read_to_string(&typ).unwrap();
    source.push_str("\n// en ändring som bara gäller den tryckta foldern\n");
    std::fs::write(&typ, source).unwrap();
    let (ok, text) = build_with(cases_dir.path(), out.path(), &["--templates", tpl], &[]);
    assert!(ok, "{text}");
    assert_eq!(modified(&mp3), made, "the MP3 was written again: {text}");
    let after = snapshot(out.path());
    for name in changed(&first, &after) {
        assert!(!name.ends_with(".mp3") && !name.ends_with(".epub"), "{name} changed");
    }

    // The words change: the recordings are made again.
    let yaml = std::fs::read_to_string(&leaflet).unwrap();
    let edited = yaml.replacen("och kommunerna i Västra Götaland", "och Borås stad", 1);
    assert_ne!(edited, yaml);
    std::fs::write(cases_dir.path().join("info-vgr.yaml"), edited).unwrap();
    let (ok, text) = build_with(cases_dir.path(), out.path(), &["--templates", tpl], &[]);
    assert!(ok, "{text}");
    let edited_words = snapshot(out.path());
    let recorded = changed(&after, &edited_words);
    assert!(recorded.iter().any(|n| n.ends_with("information.mp3")), "{recorded:?}");
    assert!(recorded.iter().any(|n| n.ends_with("information.epub")), "{recorded:?}");

    // Another rate: made again, and longer when slower.
    let before = probe(&mp3).duration;
    let (ok, text) = build_with(cases_dir.path(), out.path(), &["--templates", tpl, "--tal-hastighet", "110"], &[]);
    assert!(ok, "{text}");
    let slower = probe(&mp3).duration;
    assert!(slower > before * 1.15, "at 110 words a minute {slower} s, at 150 {before} s");
}

#[test]
fn the_rate_is_checked_and_explained_in_swedish() {
    let cases = recorded_cases();
    let out = tempfile::tempdir().unwrap();
    let (ok, text) = build_with(cases.path(), out.path(), &["--tal-hastighet", "1000"], &[]);
    assert!(!ok);
    assert!(text.contains("80") && text.contains("450") && text.contains("--tal-hastighet"), "{text}");
    assert!(!out.path().join("information").exists(), "nothing is built on a wrong option");
}

#[test]
fn without_the_speech_engine_every_other_document_is_written_and_the_package_named() {
    let cases = recorded_cases();
    let out = tempfile::tempdir().unwrap();
    let missing = [("SAMPLAN_ESPEAK_NG", "/finns/inte/libespeak-ng.so.1")];
    let (ok, text) = build_with(cases.path(), out.path(), &[], &missing);
    assert!(ok, "{text}");
    assert!(text.contains("installera paketet espeak-ng"), "{text}");
    assert!(text.contains("obs:"), "{text}");
    assert!(files_with(out.path(), "mp3").is_empty() && files_with(out.path(), "epub").is_empty());
    let plan = out.path().join("VGR-2026-0114/v1/plan.pdf");
    assert!(plan.is_file() && out.path().join("VGR-2026-0114/v1/plan.pef").is_file());
    assert!(out.path().join("information/info-vgr/information.pdf").is_file());

    // `check` has nothing to say about it.
    let check = Command::new(BIN).arg("check").arg(cases.path()).envs(missing).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));

    // Once it is installed, the next build adds the recordings and leaves the plan
    // version that was already sent exactly as it was.
    let sent = std::fs::read(&plan).unwrap();
    let sent_at = modified(&plan);
    let (ok, text) = build_with(cases.path(), out.path(), &[], &[]);
    assert!(ok, "{text}");
    assert!(!text.contains("installera"), "{text}");
    let mut stems: Vec<String> = files_with(out.path(), "mp3").iter().map(|p| stem_of(out.path(), p)).collect();
    stems.sort();
    assert_eq!(stems, EXPECTED);
    assert_eq!(std::fs::read(&plan).unwrap(), sent);
    assert_eq!(modified(&plan), sent_at);
}

#[test]
fn recorded_files_are_private() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for ext in ["mp3", "epub"] {
            for file in files_with(built_examples(), ext) {
                let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{}", file.display());
            }
        }
    }
}

#[test]
fn a_case_built_again_writes_no_recording() {
    let cases = recorded_cases();
    let out = tempfile::tempdir().unwrap();
    assert!(build(cases.path(), out.path()).status.success());
    let (ok, text) = build_with(cases.path(), out.path(), &[], &[]);
    assert!(ok && text.contains("0 filer skrivna"), "{text}");
}
