//! The generated-variant check: every sentence a person receives is whole and true
//! whatever optional keys a case leaves out.
//!
//! From the example plan cases and a few generated ones, [`variants`] makes case files
//! that drop, empty or vary every key and list item — each alone, then in seeded random
//! combinations — and keeps those `samplan check` accepts (no errors; warnings are
//! fine, such cases are built). At least [`WANTED`] of them are built with the real
//! `samplan build`, in every format but speech, and every output is read back:
//!
//! - every text form (`.txt`) — the plain-text letter and the source of braille and
//!   speech — in full;
//! - every braille file (`.pef`) in full, back-translated by liblouis
//!   (`lou_translate --backward`), not by samplan's own table;
//! - the PDFs of a seeded sample of documents (pdftotext is a process per file; all of
//!   them would not fit in CI's time), compared word for word with their text form;
//! - speech (MP3 and EPUB) for a seeded sample of [`SPOKEN`] variants, the EPUB's XHTML
//!   read back.
//!
//! Every language samplan has a pack for is checked too: each variant's text forms are
//! also rendered, in process, with `person.språk` set to one pack's code in turn, and
//! one variant in [`IN_LANGUAGE_EVERY`] is built with it, so its documents in that
//! language are among the PDFs read back.
//!
//! The templates are read from the repository's `templates/` — the files samplan
//! embeds — with `--templates`, so a template can be changed and checked again without
//! compiling samplan. Each fault class is counted and asserted to be zero; the number of variants, of
//! documents read and of PDFs compared is asserted too, so the check cannot pass by
//! reading nothing. `a_broken_template_is_caught` proves the check fails when a template
//! leaves a label without its value.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use samplan::render::TemplateSet;
use serde_yaml::{Mapping, Value};

mod common;
use common::{ROOT, files_with};

/// How many buildable variants the check builds at least.
const WANTED: usize = 2000;
/// How many variants keep the recorded forms (speech is costly).
const SPOKEN: usize = 20;
/// One in this many PDFs that have a text form is read back with pdftotext and compared
/// with it, word for word.
const COMPARE_EVERY: usize = 12;
/// One in this many other PDFs (letters to staff, copies, large print, easy-read) is
/// read back with pdftotext.
const READ_EVERY: usize = 60;
/// One in this many variants is built with the person's language set (in turn, every
/// pack's code), so that documents in every language are built and sampled.
const IN_LANGUAGE_EVERY: usize = 8;
/// Variants per `samplan build` run: the outputs of one batch are read and removed
/// before the next is built, so the disk holds one batch at a time.
const BATCH: usize = 250;

/// A step into a YAML tree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Key(String),
    Item(usize),
}

/// What a variant does at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// Remove the key (or the list item).
    Drop,
    /// Keep the key with an empty value: `""`, `[]` or `{}`.
    Empty,
    /// Another value of the same kind: a yes/no flipped, a time written as Swedes write
    /// it, a long text.
    Vary,
}

/// A tiny deterministic generator (xorshift64*), so the variants are the same on every
/// run and a fault can be found again by its variant's number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The keys whose value names the case rather than describes it: changing them makes
/// another case, not a variant of this one.
const FIXED: &[&str] = &["typ", "ärende", "rutin"];

/// Every place in `v` a variant can change, below `at`.
fn places(v: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match v {
        Value::Mapping(m) => {
            for (k, child) in m {
                let Some(k) = k.as_str() else { continue };
                if at.is_empty() && FIXED.contains(&k) {
                    continue;
                }
                at.push(Step::Key(k.to_string()));
                out.push(at.clone());
                places(child, at, out);
                at.pop();
            }
        }
        Value::Sequence(items) => {
            for (n, child) in items.iter().enumerate() {
                at.push(Step::Item(n));
                out.push(at.clone());
                places(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// The parent of the place `path` in `v`, and the last step to it.
fn parent_mut<'a>(v: &'a mut Value, path: &'a [Step]) -> Option<(&'a mut Value, &'a Step)> {
    let (last, rest) = path.split_last()?;
    let mut node = v;
    for step in rest {
        node = match (step, node) {
            (Step::Key(k), Value::Mapping(m)) => m.get_mut(k.as_str())?,
            (Step::Item(n), Value::Sequence(s)) => s.get_mut(*n)?,
            _ => return None,
        };
    }
    Some((node, last))
}

/// Another value of the same kind as `v`, as a coordinator might write it: a yes/no
/// flipped, a long name, a long role, a text twice as long that ends as it did.
fn varied(key: Option<&str>, v: &Value) -> Option<Value> {
    let text = |s: &str| Some(Value::String(s.to_string()));
    match (key, v) {
        (_, Value::Bool(b)) => Some(Value::Bool(!b)),
        (Some("namn"), Value::String(_)) => text("Anna-Karin Lindqvist Öberg"),
        (Some("roll" | "relation"), Value::String(_)) => text("biträdande enhetschef för hemtjänsten"),
        (Some("telefon"), Value::String(_)) => text("+46 70-123 45 67"),
        (Some("adress"), Value::String(_)) => text("c/o Lindqvist, Storgatan 12 B lgh 1102, 392 31 Kalmar"),
        (Some("plats"), Value::String(_)) => text("Vårdcentralen Norra, ingång C, plan 3, rum 312"),
        (Some("id" | "e-post" | "länk" | "tid" | "sluttid"), _) => None,
        (_, Value::String(s)) if s.len() > 3 && !s.contains(['@', '/']) && !s.starts_with(char::is_numeric) => {
            let (body, end) = match s.trim_end().strip_suffix('.') {
                Some(body) => (body, "."),
                None => (s.trim_end(), ""),
            };
            Some(Value::String(format!("{body}, och det som behövs för att det ska fungera i vardagen{end}")))
        }
        _ => None,
    }
}

/// `v` with `change` made at `path`; `None` when it cannot be made there.
fn changed(v: &Value, path: &[Step], change: Change) -> Option<Value> {
    let mut out = v.clone();
    let (parent, last) = parent_mut(&mut out, path)?;
    match (parent, last, change) {
        (Value::Mapping(m), Step::Key(k), Change::Drop) => {
            m.remove(k.as_str())?;
        }
        (Value::Sequence(s), Step::Item(n), Change::Drop) => {
            if *n >= s.len() {
                return None;
            }
            s.remove(*n);
        }
        (Value::Mapping(m), Step::Key(k), Change::Empty) => {
            let slot = m.get_mut(k.as_str())?;
            *slot = match slot {
                Value::String(_) => Value::String(String::new()),
                Value::Sequence(_) => Value::Sequence(Vec::new()),
                Value::Mapping(_) => Value::Mapping(Mapping::new()),
                _ => return None,
            };
        }
        (Value::Mapping(m), Step::Key(k), Change::Vary) => {
            let slot = m.get_mut(k.as_str())?;
            *slot = varied(Some(k), slot)?;
        }
        (Value::Sequence(s), Step::Item(n), Change::Vary) => {
            let slot = s.get_mut(*n)?;
            *slot = varied(None, slot)?;
        }
        _ => return None,
    }
    Some(out)
}

/// Asks for every form of the person's documents, so that every document is built in
/// every format; `inläst` only when `spoken` (speech is costly). A variant that changed
/// `person.format` itself keeps its formats, less `inläst` unless spoken.
fn set_formats(case: &mut Value, spoken: bool, keep: bool) {
    let Some(person) = case.get_mut("person").and_then(Value::as_mapping_mut) else { return };
    let every = ["standard", "lättläst", "storstil", "punktskrift"];
    let mut formats: Vec<Value> = if keep {
        person.get("format").and_then(Value::as_sequence).cloned().unwrap_or_default()
    } else {
        every.iter().map(|f| Value::String(f.to_string())).collect()
    };
    formats.retain(|f| f.as_str() != Some("inläst"));
    if spoken {
        formats.push(Value::String("inläst".to_string()));
    }
    if keep && formats.is_empty() && person.get("format").is_none() {
        return;
    }
    person.insert(Value::String("format".into()), Value::Sequence(formats));
}

/// A variant: its number, the case it was made from and what was changed.
struct Variant {
    name: String,
    text: String,
    /// The faults of its text forms rendered in process, every variant of every
    /// document (the easy-read texts are otherwise only written for speech).
    text_faults: Vec<(&'static str, String)>,
    /// How many text forms were rendered.
    texts: usize,
}

/// The codes of every language samplan has a pack for.
fn languages() -> Vec<String> {
    samplan::language::Packs::builtin().all().map(|p| p.code.clone()).collect()
}

/// `case` with the person's language set to `code`; none when the variant has no
/// person to set it on, or changed the language itself.
fn with_language(case: &Value, code: &str, what: &[(Vec<Step>, Change)]) -> Option<Value> {
    if what.iter().any(|(p, _)| describe(p).starts_with("person.språk")) {
        return None;
    }
    let mut case = case.clone();
    let person = case.get_mut("person")?.as_mapping_mut()?;
    person.insert(Value::String("språk".into()), Value::String(code.into()));
    Some(case)
}

/// The text forms of the documents in `code` that `case` yields, as [`text_forms`],
/// when check accepts the case.
fn text_forms_in(id: &str, case: &Value, code: &str, templates: &TemplateSet) -> Vec<(String, String)> {
    let checked = samplan::check::check_text(id, &serde_yaml::to_string(case).unwrap());
    let Some(valid) = checked.valid_case().filter(|_| !checked.has_errors()) else { return Vec::new() };
    let suffix = format!(".{code}");
    text_forms(valid, templates).into_iter().filter(|(name, _)| name.ends_with(&suffix)).collect()
}

/// Every text form of every document of `case` (standard and easy-read), as samplan
/// writes it from the document's outline or its text template: what braille and speech
/// are made from. The staff's invitations, sent as PDF only, are read from their
/// outlines too.
fn text_forms(case: &samplan::case::CaseFile, templates: &TemplateSet) -> Vec<(String, String)> {
    let routine = samplan::routine::Routines::builtin().get(case.routine()).expect("routine");
    let hash = samplan::build::case_hash(case);
    samplan::build::prepare(case, routine, &hash, None, &Default::default())
        .into_iter()
        .filter_map(|doc| {
            let text = doc.text(templates)?.unwrap_or_else(|e| format!("{{{{ mallfel: {e} }}}}"));
            Some((doc.spec.name.clone(), text))
        })
        .collect()
}

/// The plan cases variants are made from: every example and a few generated ones.
fn bases() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        out.push((f.file_stem().unwrap().to_string_lossy().into_owned(), serde_yaml::from_str(&text).unwrap()));
    }
    for seed in [3, 8, 14] {
        out.push((format!("generated-{seed}"), serde_yaml::from_str(&samplan::generate::plan_case(seed)).unwrap()));
    }
    out
}

/// What the variants were made of: how many were tried, refused by check, and built,
/// and which places were changed in a built variant.
struct Made {
    /// The templates the text forms are rendered with.
    templates: std::sync::Arc<TemplateSet>,
    variants: Vec<Variant>,
    tried: usize,
    refused: usize,
    places_changed: BTreeSet<String>,
    places_tried: BTreeSet<String>,
    /// Text forms rendered in each person's language, by code.
    language_texts: BTreeMap<String, usize>,
}

impl Made {
    /// Nothing made yet; text forms rendered with the templates in `templates`.
    fn new(templates: &Path) -> Made {
        Made {
            templates: std::sync::Arc::new(TemplateSet::from_dir(templates).unwrap()),
            variants: Vec::new(),
            tried: 0,
            refused: 0,
            places_changed: BTreeSet::new(),
            places_tried: BTreeSet::new(),
            language_texts: BTreeMap::new(),
        }
    }
}

fn describe(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => k.clone(),
            Step::Item(_) => "[]".to_string(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Keeps `case` as a variant when check accepts it.
fn keep(made: &mut Made, base: &str, mut case: Value, what: &[(Vec<Step>, Change)], spoken: bool) {
    let templates = made.templates.clone();
    made.tried += 1;
    for (path, _) in what {
        made.places_tried.insert(describe(path));
    }
    let n = made.variants.len() + 1;
    let id = format!("VAR-2026-{n:04}");
    if let Some(m) = case.as_mapping_mut() {
        m.insert(Value::String("ärende".into()), Value::String(id.clone()));
    }
    let format_changed = what.iter().any(|(p, _)| describe(p).starts_with("person.format"));
    set_formats(&mut case, spoken, format_changed);
    let codes = languages();
    let code = codes[n % codes.len()].as_str();
    if n.is_multiple_of(IN_LANGUAGE_EVERY)
        && let Some(in_language) = with_language(&case, code, what)
    {
        case = in_language;
    }
    let text = serde_yaml::to_string(&case).unwrap();
    let checked = samplan::check::check_text(&id, &text);
    if checked.has_errors() {
        made.refused += 1;
        return;
    }
    for (path, _) in what {
        made.places_changed.insert(describe(path));
    }
    let name = format!(
        "{id} {base}: {}",
        what.iter().map(|(p, c)| format!("{c:?} {}", describe(p))).collect::<Vec<_>>().join(", ")
    );
    let mut forms = checked.valid_case().map(|c| text_forms(c, &templates)).unwrap_or_default();
    if let Some(in_language) = with_language(&case, code, what) {
        let translated = text_forms_in(&id, &in_language, code, &templates);
        *made.language_texts.entry(code.to_string()).or_default() += translated.len();
        let seen: BTreeSet<String> = forms.iter().map(|(name, _)| name.clone()).collect();
        forms.extend(translated.into_iter().filter(|(name, _)| !seen.contains(name)));
    }
    let text_faults = forms
        .iter()
        .flat_map(|(doc, text)| {
            faults_of_text(text).into_iter().map(move |(c, line)| (c, format!("{doc}.txt: {line:?}")))
        })
        .collect();
    made.variants.push(Variant { name, text, text_faults, texts: forms.len() });
}

/// Every single change at every place of every base, then seeded random combinations
/// of 2 to 8 changes, until `wanted` variants pass check.
fn variants(wanted: usize, seed: u64, templates: &Path) -> Made {
    let mut rng = Rng(seed | 1);
    let bases = bases();
    let mut made = Made::new(templates);
    let spoken: BTreeSet<usize> = {
        let mut s = BTreeSet::new();
        while s.len() < SPOKEN {
            s.insert(rng.below(wanted));
        }
        s
    };
    let mut all: Vec<(usize, Vec<Step>)> = Vec::new();
    for (b, (_, case)) in bases.iter().enumerate() {
        let mut at = Vec::new();
        let mut ps = Vec::new();
        places(case, &mut at, &mut ps);
        all.extend(ps.into_iter().map(|p| (b, p)));
    }
    // Alone: each place once, the change chosen in turn so every kind is made.
    for (i, (b, path)) in all.iter().enumerate() {
        let change = [Change::Drop, Change::Empty, Change::Vary][i % 3];
        let change = if changed(&bases[*b].1, path, change).is_some() { change } else { Change::Drop };
        if let Some(case) = changed(&bases[*b].1, path, change) {
            let is_spoken = spoken.contains(&made.variants.len());
            keep(&mut made, &bases[*b].0, case, &[(path.clone(), change)], is_spoken);
        }
        if made.variants.len() >= wanted * 3 / 5 {
            break;
        }
    }
    // In combinations, within one base.
    while made.variants.len() < wanted {
        let b = rng.below(bases.len());
        let mut case = bases[b].1.clone();
        let mut at = Vec::new();
        let mut ps = Vec::new();
        places(&case, &mut at, &mut ps);
        let mut what = Vec::new();
        for _ in 0..2 + rng.below(7) {
            let path = ps[rng.below(ps.len())].clone();
            let change = [Change::Drop, Change::Drop, Change::Empty, Change::Vary][rng.below(4)];
            if let Some(next) = changed(&case, &path, change) {
                case = next;
                what.push((path, change));
                // Places below a dropped one are gone; find them again.
                ps.clear();
                places(&case, &mut at, &mut ps);
            }
        }
        let is_spoken = spoken.contains(&made.variants.len());
        keep(&mut made, &bases[b].0, case, &what, is_spoken);
    }
    made
}

// ---------------------------------------------------------------------------------
// Reading the outputs back.

/// What is wrong with a line of a document, as fault classes.
fn faults_of_line(line: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let words: Vec<&str> = line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.iter().any(|w| matches!(*w, "None" | "null" | "undefined" | "NaN" | "none")) {
        out.push("tomt värde (None/null/undefined)");
    }
    if ["{{", "}}", "{%", "%}", "<FYLL", "FYLL I"].iter().any(|m| line.contains(m)) {
        out.push("mallkod eller platshållare");
    }
    let trimmed = line.trim_start_matches(['#', '-', ' ']);
    if trimmed.contains("  ") {
        out.push("dubbla blanksteg");
    }
    if line != line.trim_end() {
        out.push("blanksteg i radslut");
    }
    for pair in ["..", ",,", ",.", ".,", ":.", ":,", ";;", "::", ". .", ", ,", ", .", ". ,"] {
        if trimmed.contains(pair) && !trimmed.contains("...") {
            out.push("dubbla skiljetecken");
            break;
        }
    }
    for p in [" .", " ,", " :", " ;", "( ", " )"] {
        if trimmed.contains(p) {
            out.push("blanksteg före skiljetecken");
            break;
        }
    }
    const LEFT_OPEN: &[&str] = &[
        "till", "från", "av", "med", "för", "om", "på", "i", "hos", "kl", "den", "och", "eller", "vid", "under",
        "efter", "före", "mellan", "är", "heter", "Till", "Från",
    ];
    let toks: Vec<&str> = trimmed.split(' ').collect();
    for (n, tok) in toks.iter().enumerate() {
        let next = toks.get(n + 1).copied();
        let bare = tok.trim_end_matches('.');
        let punct_next = next.is_some_and(|t| t.starts_with([',', '.', ':', ';', ')']));
        // "kl." wants its time; a preposition wants its value: one that ends a line with
        // no full stop of its own, or stands before punctuation, lost it ("till .").
        // A sentence may end in a preposition ("som du litar på.").
        // A heading may end in a preposition ("Vilka som var med").
        let heading = line.starts_with('#');
        let open = if bare == "kl" {
            tok.ends_with('.') && (next.is_none() || punct_next)
        } else {
            LEFT_OPEN.contains(&bare) && ((*tok == bare && next.is_none() && !heading) || punct_next)
        };
        if open {
            out.push("ord utan sitt värde (\"till .\", \"från ,\")");
            break;
        }
    }
    if trimmed.ends_with(':') && !trimmed.is_empty() {
        // A lead-in before a list is fine; whether one follows is judged per document.
        out.push("etikett med kolon");
    }
    out
}

/// Faults in a document's text, line by line; a line ending in a colon is a fault only
/// when no list item follows it.
fn faults_of_text(text: &str) -> Vec<(&'static str, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        for f in faults_of_line(line) {
            if f == "etikett med kolon" {
                let next = lines[n + 1..].iter().find(|l| !l.trim().is_empty());
                if next.is_some_and(|l| l.starts_with("- ") || !l.starts_with('#')) {
                    continue;
                }
                out.push(("etikett utan värde (\"Kallad av:\")", line.to_string()));
                continue;
            }
            out.push((f, line.to_string()));
        }
    }
    out
}

/// Lowercase words of at least two letters, as a set.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && w.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
        .collect()
}

/// The words of a document's PDF as pdftotext (poppler, an independent reader) gives
/// them, less what only paper has: the running foot ("… Sida 1 av 2"), the running
/// head of a copy, the notice saying which exemplar it is, the signature lines and the
/// tables' header rows (the text form says the same with each value). A date a table
/// gives as 2026-04-01 is read as "1 april 2026", as the text form writes it.
fn pdf_words(text: &str, print_only: &[Vec<String>]) -> BTreeSet<String> {
    let body: Vec<&str> = text.lines().filter(|l| !is_running_foot(l)).collect();
    let mut flat = body.join(" ").replace("- ", "-").split_whitespace().collect::<Vec<_>>().join(" ");
    for pieces in print_only {
        for piece in pieces {
            flat = without(&flat, piece);
        }
    }
    words(&long_dates(&flat))
}

/// `text` without `piece`; a label (ending in a colon) only where no value follows it,
/// so that the signature lines' "Datum:" goes and "Datum: 15 juni 2026" stays.
fn without(text: &str, piece: &str) -> String {
    if !piece.ends_with(':') {
        return text.replace(piece, " ");
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(piece) {
        let after = &rest[at + piece.len()..];
        let valued = after.trim_start().starts_with(|c: char| c.is_ascii_digit());
        out.push_str(&rest[..at]);
        out.push_str(if valued { piece } else { " " });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether a line of pdftotext's output is the running foot: it ends "Sida N av M".
fn is_running_foot(line: &str) -> bool {
    let w: Vec<&str> = line.split_whitespace().collect();
    w.len() >= 4 && w[w.len() - 4] == "Sida" && w[w.len() - 2] == "av"
}

/// ISO dates written as the documents write dates in sentences: `1 april 2026`.
fn long_dates(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let core = w.trim_end_matches([',', '.', ')']);
            match samplan::case::datetime::CalendarDate::parse(core) {
                Ok(day) => format!("{}{}", day.long_sv(), &w[core.len()..]),
                Err(_) => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The fixed texts only paper has, from `texter.yaml`, each as the literal pieces
/// between its placeholders (the values in them are in the text form too).
fn print_only_texts(templates: &Path) -> Vec<Vec<String>> {
    let texts: Value = serde_yaml::from_str(&std::fs::read_to_string(templates.join("texter.yaml")).unwrap()).unwrap();
    let plan = &texts["plan"];
    // The box saying whether a plan is the original or a copy is in the text form too.
    let mut out: Vec<Vec<String>> =
        ["underskrifter", "underskrift_datum"].iter().map(|k| pieces(plan[*k].as_str().unwrap())).collect();
    // The running head of a copy (samplan.typ) and the tables' header rows (plan.typ).
    out.push(vec!["Kopia för".to_string()]);
    let header = |keys: &[&str]| vec![keys.iter().map(|k| plan[*k].as_str().unwrap()).collect::<Vec<_>>().join(" ")];
    out.push(vec![format!(
        "{} {}",
        header(&["deltagare_namn", "deltagare_roll", "deltagare_verksamhet"])[0],
        texts["kontakt"]["telefon"].as_str().unwrap()
    )]);
    out
}

/// The literal pieces of a fixed text around its `{placeholders}`.
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (n, part) in text.split('{').enumerate() {
        let literal = if n == 0 { part } else { part.split_once('}').map_or("", |(_, rest)| rest) };
        let literal = literal.trim();
        if literal.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            out.push(literal.to_string());
        }
    }
    out
}

/// The faults of the outputs under `out`, by class, with up to a few examples each.
#[derive(Default)]
struct Findings {
    by_class: BTreeMap<&'static str, Vec<String>>,
    texts: usize,
    texts_in_process: usize,
    pefs: usize,
    pdfs_compared: usize,
    pdfs_read: usize,
    epubs: usize,
}

impl Findings {
    fn add(&mut self, class: &'static str, at: String) {
        self.by_class.entry(class).or_default().push(at);
    }
    fn count(&self) -> usize {
        self.by_class.values().map(Vec::len).sum()
    }
    fn report(&self) -> String {
        let mut s = String::new();
        for (class, places) in &self.by_class {
            s.push_str(&format!("{class}: {} fel\n", places.len()));
            for p in places.iter().take(6) {
                s.push_str(&format!("    {p}\n"));
            }
        }
        s
    }
}

/// Back-translates every line of every PEF's rows with liblouis in one process.
/// The language of an output file named `<name>.<kod>.<ext>` (`plan.fi.pef`); none
/// for a Swedish one.
fn language_of(path: &Path) -> Option<String> {
    let stem = Path::new(path.file_stem()?);
    let code = stem.extension()?.to_string_lossy().into_owned();
    samplan::language::Packs::builtin().get(&code).map(|_| code)
}

/// The liblouis table braille in `language` reads back with: Swedish's `sv-g0.utb`
/// (the table samplan's own translator follows), else the one the pack names.
fn back_table(language: Option<&str>) -> String {
    let pack = language.and_then(|code| samplan::language::Packs::builtin().get(code));
    pack.and_then(|p| p.about.braille_table.clone()).unwrap_or_else(|| "sv-g0.utb".to_string())
}

/// The rows of a PEF file, each a line of Unicode braille.
fn pef_rows(path: &Path) -> Vec<String> {
    let xml = std::fs::read_to_string(path).unwrap();
    xml.split("<row>").skip(1).map(|r| r.split("</row>").next().unwrap().to_string()).collect()
}

/// The XHTML text of an EPUB's content documents, markup removed.
fn epub_text(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if !name.ends_with(".xhtml") || name.ends_with("nav.xhtml") {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut entry, &mut xml).unwrap();
        let body = xml.split("<body").nth(1).unwrap_or("");
        let mut text = String::new();
        let mut in_tag = false;
        for c in body.chars() {
            match c {
                '<' => {
                    in_tag = true;
                    text.push('\n');
                }
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            out.push_str(&line.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"));
            out.push('\n');
        }
    }
    out
}

/// Reads back every output under `out`: every text form and braille file, a seeded sample of the PDFs.
fn read_back(out: &Path, findings: &mut Findings, rng: &mut Rng, print_only: &[Vec<String>]) {
    for txt in files_with(out, "txt") {
        let text = std::fs::read_to_string(&txt).unwrap();
        findings.texts += 1;
        let at = txt.strip_prefix(out).unwrap().display().to_string();
        for (class, line) in faults_of_text(&text) {
            findings.add(class, format!("{at}: {line:?}"));
        }
        let pdf = txt.with_extension("pdf");
        // A document in the person's language is not compared word for word: the
        // comparison knows the Swedish page words and dates. Its PDF is read below.
        if pdf.is_file() && language_of(&txt).is_none() && rng.below(COMPARE_EVERY) == 0 {
            findings.pdfs_compared += 1;
            let raw = common::pdf_raw_text(&pdf);
            let in_pdf = pdf_words(&raw, print_only);
            let in_text = words(&text.replace("- ", "-"));
            // A word of the text form is also in the PDF when it is in a table's header
            // row there ("Telefon" over the column, "telefon 0480-…" in the text's list).
            let in_whole_pdf = &in_pdf | &words(&raw.replace("- ", "-"));
            let only_text: Vec<_> = in_text.difference(&in_whole_pdf).cloned().collect();
            let only_pdf: Vec<_> = in_pdf.difference(&in_text).cloned().collect();
            if !only_text.is_empty() {
                findings.add("ord bara i textformen", format!("{at}: {only_text:?}"));
            }
            if !only_pdf.is_empty() {
                findings.add("ord bara i PDF:en", format!("{at}: {only_pdf:?}"));
            }
        }
    }
    // PDFs without a text form (the staff's letters, the copies, large print): the
    // sampled ones read with pdftotext. Its lines are the page's lines, so a line may
    // end anywhere: only faults inside a line count.
    for pdf in files_with(out, "pdf") {
        let compared = pdf.with_extension("txt").is_file() && language_of(&pdf).is_none();
        if compared || rng.below(READ_EVERY) != 0 {
            continue;
        }
        findings.pdfs_read += 1;
        let at = pdf.strip_prefix(out).unwrap().display().to_string();
        for line in common::pdf_raw_text(&pdf).lines() {
            // poppler gives a right-to-left line (Arabic) in the order it is drawn, so
            // a full stop that ends a sentence stands before its last word: the spacing
            // of punctuation is not judged there; everything else is.
            let drawn_right_to_left = line.chars().any(|c| ('\u{0590}'..='\u{08FF}').contains(&c));
            for f in faults_of_line(line) {
                if drawn_right_to_left && f == "blanksteg före skiljetecken" {
                    continue;
                }
                if matches!(
                    f,
                    "etikett med kolon" | "blanksteg i radslut" | "ord utan sitt värde (\"till .\", \"från ,\")"
                ) {
                    if f.starts_with("ord") && (line.contains(" .") || line.contains(" ,")) {
                        findings.add(f, format!("{at} (PDF): {line:?}"));
                    }
                    continue;
                }
                findings.add(f, format!("{at} (PDF): {line:?}"));
            }
        }
    }
    let pefs = files_with(out, "pef");
    findings.pefs += pefs.len();
    // Each language's braille read back with its own table.
    let mut by_table: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for pef in &pefs {
        let (rows, owner) = by_table.entry(back_table(language_of(pef).as_deref())).or_default();
        for row in pef_rows(pef) {
            rows.push(row);
            owner.push(pef.strip_prefix(out).unwrap().display().to_string());
        }
    }
    for (table, (rows, owner)) in by_table.iter().filter(|(_, (rows, _))| !rows.is_empty()) {
        for (line, at) in common::lou_translate("--backward", table, rows).iter().zip(owner) {
            for f in faults_of_line(line) {
                // Braille rows are wrapped: a row may end anywhere, and end in a colon.
                if matches!(f, "etikett med kolon" | "ord utan sitt värde (\"till .\", \"från ,\")") {
                    if line.contains(" .") || line.contains(" ,") {
                        findings.add("ord utan sitt värde i punktskrift", format!("{at}: {line:?}"));
                    }
                    continue;
                }
                // Rows are padded and liblouis writes a dash back as " -- ".
                if matches!(f, "blanksteg i radslut" | "dubbla blanksteg") {
                    continue;
                }
                findings.add(f, format!("{at} (punktskrift): {line:?}"));
            }
        }
    }
    for epub in files_with(out, "epub") {
        findings.epubs += 1;
        let at = epub.strip_prefix(out).unwrap().display().to_string();
        for (class, line) in faults_of_text(&epub_text(&epub)) {
            // The XHTML's headings have no "#": a line may end as a heading does.
            let dangling = class.starts_with("ord utan") && !line.contains(" .") && !line.contains(" ,");
            if class.starts_with("etikett") || dangling {
                continue;
            }
            findings.add(class, format!("{at} (EPUB): {line:?}"));
        }
    }
}

/// Builds `variants` batch by batch and reads every output back.
fn build_and_read(variants: &[Variant], templates: &Path) -> (Findings, Vec<String>) {
    let mut findings = Findings::default();
    let mut failed = Vec::new();
    let mut rng = Rng(0x5eed);
    let print_only = print_only_texts(templates);
    for v in variants {
        findings.texts_in_process += v.texts;
        for (class, at) in &v.text_faults {
            findings.add(class, format!("{} — {at}", v.name));
        }
    }
    for batch in variants.chunks(BATCH) {
        let dir = tempfile::tempdir().unwrap();
        let cases = dir.path().join("ärenden");
        let out = dir.path().join("ut");
        std::fs::create_dir(&cases).unwrap();
        for v in batch {
            let id = v.name.split(' ').next().unwrap();
            std::fs::write(cases.join(format!("{id}.yaml")), &v.text).unwrap();
        }
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_samplan"));
        cmd.args(["build", "-o"]).arg(&out).arg(&cases).arg("--templates").arg(templates);
        let run = cmd.output().unwrap();
        if !run.status.success() {
            let stderr = String::from_utf8_lossy(&run.stderr);
            for v in batch {
                let id = v.name.split(' ').next().unwrap();
                let failure = |l: &&str| l.contains(id) && (l.contains(": fel") || l.contains("inte byggd"));
                if let Some(line) = stderr.lines().find(failure) {
                    failed.push(format!("{}: {line}", v.name));
                }
            }
            if failed.is_empty() {
                failed.push(format!("samplan build: {stderr}"));
            }
        }
        let before: BTreeMap<&'static str, usize> = findings.by_class.iter().map(|(k, v)| (*k, v.len())).collect();
        read_back(&out, &mut findings, &mut rng, &print_only);
        // Name each file's variant, so a fault can be made again.
        for (class, places) in findings.by_class.iter_mut() {
            for place in places.iter_mut().skip(before.get(class).copied().unwrap_or(0)) {
                if let Some(v) = batch.iter().find(|v| place.starts_with(v.name.split(' ').next().unwrap())) {
                    *place = format!("{} — {place}", v.name);
                }
            }
        }
    }
    (findings, failed)
}

#[test]
fn every_optional_key_absent_still_gives_whole_sentences() {
    let templates = Path::new(ROOT).join("templates");
    let made = variants(WANTED, 0x5a3d, &templates);
    assert!(made.variants.len() >= WANTED, "only {} variants", made.variants.len());
    // Variants check refused are not documents; but most changes must be buildable, or
    // the check would only be reading the examples again.
    let never: Vec<_> = made.places_tried.difference(&made.places_changed).collect();
    eprintln!("{} platser ändrade i byggda varianter; aldrig byggda: {never:?}", made.places_changed.len());
    assert!(made.places_changed.len() >= 90, "only {} places changed in built variants", made.places_changed.len());
    let (findings, failed) = build_and_read(&made.variants, &templates);
    eprintln!(
        "{} varianter (av {} prövade; {} stoppades av check), {} textformer i processen, {} textfiler, {} PEF, {} PDF jämförda med sin text, {} andra PDF lästa, {} EPUB",
        made.variants.len(),
        made.tried,
        made.refused,
        findings.texts_in_process,
        findings.texts,
        findings.pefs,
        findings.pdfs_compared,
        findings.pdfs_read,
        findings.epubs
    );
    eprintln!("{}", findings.report());
    assert!(failed.is_empty(), "variants check accepted but build refused:\n{}", failed.join("\n"));
    assert!(findings.texts_in_process >= WANTED * 3, "only {} text forms rendered", findings.texts_in_process);
    assert!(findings.texts >= WANTED * 3 / 2, "only {} text forms read", findings.texts);
    assert!(findings.pefs >= 500, "only {} braille files read", findings.pefs);
    assert!(findings.pdfs_compared >= 200, "only {} PDFs compared with their text", findings.pdfs_compared);
    assert!(findings.pdfs_read >= 300, "only {} other PDFs read", findings.pdfs_read);
    assert!(findings.epubs >= SPOKEN, "only {} EPUBs read", findings.epubs);
    eprintln!("textformer på personens språk: {:?}", made.language_texts);
    for code in languages() {
        let rendered = made.language_texts.get(&code).copied().unwrap_or(0);
        assert!(rendered >= 300, "only {rendered} text forms in {code}");
    }
    assert_eq!(
        findings.count(),
        0,
        "{} fel i {} varianter:\n{}",
        findings.count(),
        made.variants.len(),
        findings.report()
    );
}

/// Copies `templates/` into a new folder, with `old` replaced by `new` in `file`.
fn broken_templates(file: &str, old: &str, new: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(Path::new(ROOT).join("templates")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(old), "{file} no longer has the text this test breaks");
    std::fs::write(&path, text.replacen(old, new, 1)).unwrap();
    dir
}

#[test]
fn a_broken_template_is_caught() {
    // Every document's words come from its outline (src/document/), built from the
    // fixed words of the template set: one of them broken as a template author might
    // break it, the name's placeholder deleted ("Planen skickas till ."), must be
    // caught in the text form of every plan and in its braille, and the same variants
    // with the set as it is give nothing.
    let broken = broken_templates(
        "texter.yaml",
        "sändlista_text: \"Planen skickas till {namn}.",
        "sändlista_text: \"Planen skickas till .",
    );
    let slut = [Step::Key("plan".into()), Step::Key("tidsplan".into()), Step::Key("slut".into())];
    let run = |templates: &Path| {
        let mut made = Made::new(templates);
        for (name, case) in bases() {
            if let Some(case) = changed(&case, &slut, Change::Drop) {
                keep(&mut made, &name, case, &[(slut.to_vec(), Change::Drop)], false);
            }
        }
        assert!(made.variants.len() >= 2, "only {} cases build without `slut`", made.variants.len());
        let (findings, failed) = build_and_read(&made.variants, templates);
        assert!(failed.is_empty(), "{failed:?}");
        findings
    };
    let caught = run(broken.path());
    let dangling = caught.by_class.get("ord utan sitt värde (\"till .\", \"från ,\")").cloned().unwrap_or_default();
    assert!(
        dangling.iter().any(|f| f.contains("plan.txt") && f.contains("till .")),
        "not caught:\n{}",
        caught.report()
    );
    let in_braille = caught.by_class.get("ord utan sitt värde i punktskrift").cloned().unwrap_or_default();
    assert!(in_braille.iter().any(|f| f.contains("plan.pef")), "not caught in braille:\n{}", caught.report());
    let clean = run(&Path::new(ROOT).join("templates"));
    assert_eq!(clean.count(), 0, "{}", clean.report());
}
