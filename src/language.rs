//! The person's language (`person.språk`): the language packs and how a language writes
//! dates and times. A pack is two files of the template folder, `texter.<kod>.yaml` and
//! `lattlast.<kod>.yaml`, holding the same keys as the Swedish `texter.yaml` and
//! `lattlast.yaml` for the parts it translates, and an `om:` part saying what it is:
//! the language's own name and its Swedish name, which of the person's documents it
//! covers, who translated it and who reviewed it when, and for braille and speech the
//! liblouis table and the eSpeak NG voice. Adding a language is adding those two files;
//! no code names a language.
//!
//! Swedish is the pack without a code (`texter.yaml`), so a document in Swedish and one
//! in Finnish are made by the same code from different words ([`Words`]).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::case::datetime::{CalendarDate, ClockTime};
use crate::document::outline::{Texts, fill};

/// Swedish, the language every document is made in.
pub const SWEDISH: &str = "sv";

/// A document of the person's that a pack can cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum Covered {
    /// The person's invitation, in every form.
    #[serde(rename = "kallelse")]
    Invitation,
    /// The plan, in every form the person asked for.
    #[serde(rename = "plan")]
    Plan,
}

/// What a pack says about itself (`om:` in `texter.<kod>.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct About {
    /// The language's name in the language itself (`suomi`).
    pub namn: String,
    /// Its name in Swedish (`finska`), for messages to the coordinator.
    pub svenska: String,
    /// The person's documents the pack has every word for.
    pub omfattar: Vec<Covered>,
    /// Who translated it.
    #[serde(rename = "översatt_av")]
    pub translated_by: String,
    /// Who reviewed the translation (none: not yet reviewed).
    #[serde(rename = "granskad_av", default)]
    pub reviewed_by: Option<String>,
    /// When it was reviewed (`YYYY-MM-DD`).
    #[serde(rename = "granskad", default)]
    pub reviewed: Option<String>,
    /// The liblouis table list braille in the language is made with (`fi.utb`;
    /// `ar-ar-g1.utb,sv-g0.utb`, where a second table gives letters the first lacks);
    /// none: no braille in the language.
    #[serde(rename = "punktskrift", default)]
    pub braille_table: Option<String>,
    /// The language's code in three letters (ISO 639-2, or 639-3 where it has no
    /// other: `fin`, `fit`), as the recorded form's MP3 tag gives it.
    #[serde(rename = "kod3")]
    pub code3: String,
    /// The eSpeak NG voice the recorded forms are read with (none: no recording in the
    /// language).
    #[serde(rename = "röst", default)]
    pub voice: Option<String>,
    /// Which way the language is written (`höger-till-vänster` for Arabic); left to
    /// right when not given.
    #[serde(rename = "riktning", default)]
    pub direction: Direction,
}

/// Which way a language is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Direction {
    /// Left to right.
    #[default]
    #[serde(rename = "vänster-till-höger")]
    LeftToRight,
    /// Right to left.
    #[serde(rename = "höger-till-vänster")]
    RightToLeft,
}

impl Direction {
    /// As typst and HTML name it: `ltr`, `rtl`.
    pub fn code(self) -> &'static str {
        match self {
            Direction::LeftToRight => "ltr",
            Direction::RightToLeft => "rtl",
        }
    }
}

/// What an easy-read pack says about itself (`om:` in `lattlast.<kod>.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EasyAbout {
    /// Who translated it.
    #[serde(rename = "översatt_av")]
    pub translated_by: String,
    /// Who reviewed it (none: not yet reviewed).
    #[serde(rename = "granskad_av", default)]
    pub reviewed_by: Option<String>,
    /// When it was reviewed.
    #[serde(rename = "granskad", default)]
    pub reviewed: Option<String>,
}

/// One language's pack, as built into samplan.
#[derive(Debug, Clone)]
pub struct Pack {
    /// Its ISO 639 code (`fi`).
    pub code: String,
    /// What it says about itself.
    pub about: About,
    /// What its easy-read file says about itself.
    pub easy_about: EasyAbout,
    /// The words of `texter.<kod>.yaml`.
    pub texts: serde_json::Value,
    /// The words of `lattlast.<kod>.yaml`.
    pub easy_texts: serde_json::Value,
}

impl Covered {
    /// The parts of `texter.yaml` and of `lattlast.yaml` a pack needs, whole, to cover
    /// this document.
    pub fn parts(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Covered::Invitation => (
                &["datum", "möten", "dokument", "kontakt", "brev", "kallelse"],
                &["brev", "dokument", "samordnare", "kallelse"],
            ),
            Covered::Plan => (&["datum", "möten", "dokument", "kontakt", "plan"], &["dokument", "samordnare", "plan"]),
        }
    }
}

impl Pack {
    /// Whether the pack has every word of the person's document `what`.
    pub fn covers(&self, what: Covered) -> bool {
        self.about.omfattar.contains(&what)
    }

    /// Whether both files were reviewed by someone named, on a date.
    pub fn reviewed(&self) -> bool {
        let named = |who: &Option<String>, when: &Option<String>| {
            who.as_deref().is_some_and(|w| !w.trim().is_empty())
                && when.as_deref().is_some_and(|d| CalendarDate::parse(d).is_ok())
        };
        named(&self.about.reviewed_by, &self.about.reviewed)
            && named(&self.easy_about.reviewed_by, &self.easy_about.reviewed)
    }
}

/// The packs built into samplan, read once; a pack that cannot be read is left out and
/// its error kept (the tests read every pack, so none ships broken).
pub struct Packs {
    packs: BTreeMap<String, Pack>,
    /// Packs that could not be read, with why.
    pub errors: Vec<String>,
    swedish: serde_json::Value,
}

/// The name of the standard words' file of a language (`texter.fi.yaml`).
pub fn texts_file(code: &str) -> String {
    format!("texter.{code}.yaml")
}

/// The name of the easy-read words' file of a language (`lattlast.fi.yaml`).
pub fn easy_texts_file(code: &str) -> String {
    format!("lattlast.{code}.yaml")
}

impl Packs {
    /// The packs of the built-in templates.
    pub fn builtin() -> &'static Packs {
        static PACKS: OnceLock<Packs> = OnceLock::new();
        PACKS.get_or_init(|| Packs::from_files(crate::embedded::TEMPLATE_FILES))
    }

    /// The packs among `files` (name, text): every `texter.<kod>.yaml` with its
    /// `lattlast.<kod>.yaml`.
    pub fn from_files(files: &[(&str, &str)]) -> Packs {
        let file = |name: &str| files.iter().find(|(n, _)| *n == name).map(|(_, text)| *text);
        let mut packs = BTreeMap::new();
        let mut errors = Vec::new();
        for (name, _) in files {
            let Some(code) = name.strip_prefix("texter.").and_then(|n| n.strip_suffix(".yaml")) else { continue };
            match read_pack(code, file(name).unwrap_or_default(), file(&easy_texts_file(code))) {
                Ok(pack) => {
                    packs.insert(code.to_string(), pack);
                }
                Err(e) => errors.push(e),
            }
        }
        let swedish = file(crate::render::world::TEXTS_FILE)
            .and_then(|t| serde_yaml::from_str::<serde_json::Value>(t).ok())
            .unwrap_or(serde_json::Value::Null);
        Packs { packs, errors, swedish }
    }

    /// The pack of `code`, if samplan has one.
    pub fn get(&self, code: &str) -> Option<&Pack> {
        self.packs.get(code)
    }

    /// Every pack, by code.
    pub fn all(&self) -> impl Iterator<Item = &Pack> {
        self.packs.values()
    }

    /// The words of `code`, Swedish for [`SWEDISH`] or none.
    pub fn words(&self, code: Option<&str>) -> Words<'_> {
        match code.and_then(|c| self.get(c)) {
            Some(pack) => Words { pack: Some(pack), texts: Texts::new(&pack.texts) },
            None => Words { pack: None, texts: Texts::new(&self.swedish) },
        }
    }
}

fn read_pack(code: &str, texts: &str, easy: Option<&str>) -> Result<Pack, String> {
    let file = texts_file(code);
    let easy_file = easy_texts_file(code);
    if !code_well_formed(code) {
        return Err(format!("{file}: \"{code}\" är ingen språkkod enligt ISO 639 (två eller tre små bokstäver)"));
    }
    let texts: serde_json::Value = serde_yaml::from_str(texts).map_err(|e| format!("{file}: {e}"))?;
    let about = texts.get("om").ok_or_else(|| format!("{file} saknar om:"))?;
    let about: About = serde_json::from_value(about.clone()).map_err(|e| format!("{file}, om: {e}"))?;
    let easy = easy.ok_or_else(|| format!("{file} har ingen {easy_file} bredvid sig"))?;
    let easy: serde_json::Value = serde_yaml::from_str(easy).map_err(|e| format!("{easy_file}: {e}"))?;
    let easy_about = easy.get("om").ok_or_else(|| format!("{easy_file} saknar om:"))?;
    let easy_about: EasyAbout =
        serde_json::from_value(easy_about.clone()).map_err(|e| format!("{easy_file}, om: {e}"))?;
    Ok(Pack { code: code.to_string(), about, easy_about, texts, easy_texts: easy })
}

/// Which way the language of `code` is written (Swedish for none).
pub fn direction_of(code: Option<&str>) -> Direction {
    code.and_then(|c| Packs::builtin().get(c)).map(|p| p.about.direction).unwrap_or_default()
}

/// Unicode's left-to-right isolate and its end (LRI, PDI).
const LRI: char = '\u{2066}';
const PDI: char = '\u{2069}';

/// Whether `c` is written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms).
fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// A text of a right-to-left document with each run of left-to-right facts in it (a
/// phone number, an address, a name, a time) isolated as left to right, so that the
/// bidirectional algorithm keeps its own order: `019-602 00 00` is not shown as
/// `00 00 019-602`, nor `701 16 Örebro` as `Örebro 701 16`. Spaces and closing
/// punctuation at a run's ends stay outside it, in the sentence.
pub fn isolate_ltr_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().any(|c| c.is_alphanumeric()) {
            let start = run.len() - run.trim_start().len();
            let core = run.trim_start().trim_end_matches(|c: char| c.is_whitespace() || ".,:;!?".contains(c));
            let end = start + core.len();
            out.push_str(&run[..start]);
            out.push(LRI);
            out.push_str(core);
            out.push(PDI);
            out.push_str(&run[end..]);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if is_rtl(c) {
            flush(&mut run, &mut out);
            out.push(c);
        } else {
            run.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Whether `code` has the form of an ISO 639-1 or 639-3 code.
pub fn code_well_formed(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// A language's words for what a document's data says: dates, times, the kinds of
/// meeting, titles and footers, from the `datum`, `möten` and `dokument` parts of its
/// pack.
pub struct Words<'a> {
    /// The language's pack; none for Swedish.
    pub pack: Option<&'a Pack>,
    /// Its standard words.
    pub texts: Texts<'a>,
}

impl Words<'_> {
    fn month(&self, d: CalendarDate) -> String {
        self.nth("datum.månader", d.month as usize - 1)
    }

    fn weekday(&self, d: CalendarDate) -> String {
        self.nth("datum.veckodagar", d.weekday_index())
    }

    fn nth(&self, path: &str, i: usize) -> String {
        self.list(path).into_iter().nth(i).unwrap_or_default()
    }

    fn date_in(&self, path: &str, d: CalendarDate) -> String {
        let (day, year) = (d.day.to_string(), d.year.to_string());
        let (month, weekday) = (self.month(d), self.weekday(d));
        let form = self.texts.get(path).unwrap_or_default();
        fill(&form, &[("veckodag", &weekday), ("dag", &day), ("månad", &month), ("år", &year)])
    }

    /// `20 mars 2026`.
    pub fn long(&self, d: CalendarDate) -> String {
        self.date_in("datum.lång", d)
    }

    /// `fredag 20 mars 2026`.
    pub fn with_weekday(&self, d: CalendarDate) -> String {
        self.date_in("datum.med_veckodag", d)
    }

    /// Easy-read: `fredag den 20 mars 2026`.
    pub fn easy_date(&self, d: CalendarDate) -> String {
        self.date_in("datum.lättläst", d)
    }

    /// `10.00`.
    pub fn clock(&self, t: ClockTime) -> String {
        let form = self.texts.get("datum.klockslag").unwrap_or_default();
        fill(&form, &[("timme", &format!("{:02}", t.hour)), ("minut", &format!("{:02}", t.minute))])
    }

    /// `kl. 10.00` or `kl. 10.00–11.00`.
    pub fn time_span(&self, start: ClockTime, end: Option<ClockTime>) -> String {
        match end {
            Some(end) => self.fill("datum.tidsspann", &[("från", &self.clock(start)), ("till", &self.clock(end))]),
            None => self.fill("datum.tid", &[("tid", &self.clock(start))]),
        }
    }

    /// Easy-read: `klockan 10`, `klockan 10.30`.
    pub fn easy_time(&self, t: ClockTime) -> String {
        let (hour, minute) = (t.hour.to_string(), format!("{:02}", t.minute));
        let path = if t.minute == 0 { "datum.lättläst_klockan" } else { "datum.lättläst_klockan_minuter" };
        self.fill(path, &[("timme", &hour), ("minut", &minute)])
    }

    /// The word for a kind of meeting (`samordningsmöte`).
    pub fn meeting_kind(&self, word: &str) -> String {
        self.texts.get(&format!("möten.{word}")).unwrap_or_else(|_| word.to_string())
    }

    /// A text of the pack with its placeholders filled; empty when the pack lacks it
    /// (the tests hold every pack to every key).
    pub fn fill(&self, path: &str, values: &[(&str, &str)]) -> String {
        self.texts.fill(path, values).unwrap_or_default()
    }

    /// Whether this is Swedish.
    pub fn is_swedish(&self) -> bool {
        self.pack.is_none()
    }

    /// A list of texts of the pack (`kallelse.dagordning_allmän`).
    pub fn list(&self, path: &str) -> Vec<String> {
        let items = self.texts.value(path).ok().and_then(|v| v.as_array());
        items.map(|l| l.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default()
    }

    /// The interpreter's language as the letter names it: a language written in Swedish
    /// in the case (`finska`) is called by its own name in a letter in that language
    /// (`suomi`); any other stays as the case writes it.
    pub fn language_name(&self, swedish_name: &str) -> String {
        match self.pack {
            Some(pack) if pack.about.svenska.eq_ignore_ascii_case(swedish_name.trim()) => pack.about.namn.clone(),
            _ => swedish_name.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::datetime::CalendarDate;

    #[test]
    fn swedish_words_write_dates_and_times_as_samplan_always_has() {
        let words = Packs::builtin().words(None);
        let mut day = CalendarDate { year: 2026, month: 1, day: 1 };
        for _ in 0..400 {
            assert_eq!(words.long(day), day.long_sv());
            assert_eq!(words.with_weekday(day), day.with_weekday_sv());
            assert_eq!(words.easy_date(day), crate::document::data::easy_date(day));
            day = day.add_days(1);
        }
        for (hour, minute) in [(8, 0), (9, 5), (13, 30), (0, 0), (23, 59)] {
            let t = ClockTime { hour, minute };
            assert_eq!(words.clock(t), t.sv());
            assert_eq!(words.easy_time(t), crate::document::data::easy_time(t));
        }
        let (a, b) = (ClockTime { hour: 10, minute: 0 }, ClockTime { hour: 11, minute: 30 });
        assert_eq!(words.time_span(a, Some(b)), "kl. 10.00–11.30");
        assert_eq!(words.time_span(a, None), "kl. 10.00");
    }

    #[test]
    fn every_built_in_pack_reads() {
        let packs = Packs::builtin();
        assert!(packs.errors.is_empty(), "{:?}", packs.errors);
        assert!(packs.get("fi").is_some() && packs.get("ar").is_some(), "packs: {:?}", packs.packs.keys());
    }

    #[test]
    fn facts_in_a_right_to_left_text_keep_their_own_order() {
        assert_eq!(isolate_ltr_runs("اتصل بالرقم 019-602 00 00."), "اتصل بالرقم \u{2066}019-602 00 00\u{2069}.");
        assert_eq!(isolate_ltr_runs("701 16 Örebro"), "\u{2066}701 16 Örebro\u{2069}");
        assert_eq!(isolate_ltr_runs("الملف"), "الملف");
        assert_eq!(isolate_ltr_runs("أنت و (المسميات):"), "أنت و (المسميات):");
    }

    /// Every key path of `value` with its placeholders (`{namn}`), lists as one entry.
    fn keys(value: &serde_json::Value, path: &str, out: &mut BTreeMap<String, Vec<String>>) {
        match value {
            serde_json::Value::Object(fields) => {
                for (key, field) in fields {
                    keys(field, &format!("{path}.{key}"), out);
                }
            }
            other => {
                let text = other.to_string();
                let mut holders: Vec<String> = text
                    .split('{')
                    .skip(1)
                    .filter_map(|rest| rest.split_once('}').map(|(n, _)| n.to_string()))
                    .collect();
                holders.sort();
                holders.dedup();
                out.insert(path.to_string(), holders);
            }
        }
    }

    fn swedish(file: &str) -> serde_json::Value {
        let text = crate::embedded::TEMPLATE_FILES.iter().find(|(n, _)| *n == file).map(|(_, t)| *t).unwrap();
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn every_pack_has_every_key_of_the_swedish_parts_it_translates_with_the_same_placeholders() {
        let (standard, easy) = (swedish("texter.yaml"), swedish("lattlast.yaml"));
        for pack in Packs::builtin().all() {
            for (own, theirs, file) in [(&pack.texts, &standard, "texter"), (&pack.easy_texts, &easy, "lattlast")] {
                let parts = own.as_object().unwrap().keys().filter(|k| *k != "om");
                for part in parts {
                    let swedish_part = theirs.get(part);
                    assert!(swedish_part.is_some(), "{file}.{}.yaml: {part} finns inte på svenska", pack.code);
                    let (mut want, mut got) = (BTreeMap::new(), BTreeMap::new());
                    keys(swedish_part.unwrap(), part, &mut want);
                    keys(&own[part], part, &mut got);
                    assert_eq!(
                        want.keys().collect::<Vec<_>>(),
                        got.keys().collect::<Vec<_>>(),
                        "{file}.{}.yaml: {part} har andra nycklar än på svenska",
                        pack.code
                    );
                    for (key, holders) in &want {
                        assert_eq!(holders, &got[key], "{file}.{}.yaml: {key} har andra {{platshållare}}", pack.code);
                    }
                }
            }
            for covered in &pack.about.omfattar {
                let (standard_parts, easy_parts) = covered.parts();
                for part in standard_parts {
                    assert!(
                        pack.texts.get(part).is_some(),
                        "texter.{}.yaml omfattar {covered:?} men saknar {part}",
                        pack.code
                    );
                }
                for part in easy_parts {
                    assert!(
                        pack.easy_texts.get(part).is_some(),
                        "lattlast.{}.yaml omfattar {covered:?} men saknar {part}",
                        pack.code
                    );
                }
            }
        }
    }

    #[test]
    fn every_letter_of_every_pack_has_a_glyph() {
        fn letters(value: &serde_json::Value, out: &mut String) {
            match value {
                serde_json::Value::String(s) => out.push_str(s),
                serde_json::Value::Array(items) => items.iter().for_each(|v| letters(v, out)),
                serde_json::Value::Object(fields) => fields.values().for_each(|v| letters(v, out)),
                _ => {}
            }
        }
        let fonts = crate::render::world::Fonts::shared();
        for pack in Packs::builtin().all() {
            let mut all = String::new();
            letters(&pack.texts, &mut all);
            letters(&pack.easy_texts, &mut all);
            let missing: String = all.chars().filter(|c| !fonts.covers(*c)).collect();
            assert!(missing.is_empty(), "{}: inget typsnitt har {missing:?}", pack.code);
        }
        // Every letter of North Sami and meänkieli, as staff may write a name or a place.
        let sami = "áčđŋšŧžÁČĐŊŠŦŽäöåÄÖÅ";
        assert!(sami.chars().all(|c| fonts.covers(c)), "{sami}");
    }

    #[test]
    fn a_code_is_two_or_three_small_letters() {
        for good in ["fi", "fit", "se", "ar", "smj"] {
            assert!(code_well_formed(good), "{good}");
        }
        for bad in ["", "f", "FI", "finska", "f1", "sv-SE"] {
            assert!(!code_well_formed(bad), "{bad}");
        }
    }
}
