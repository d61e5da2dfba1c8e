//! `samplan new`: commented skeletons of both kinds of case file, made from the chosen
//! routine's data. One master text below holds every key a skeleton can have, each line
//! tagged with its key path; a routine's skeleton keeps the lines whose keys the file
//! format requires, the routine requires (`obligatoriskt`, with the routine's reason as
//! a comment) or the routine lists for its skeleton (`i_mallen`, commented out when
//! `valfritt`). Every value to fill in is a placeholder `"<FYLL I: what, t.ex. example>"`;
//! `check` reports each one left (rule SIP-PLATSHALLARE), and a skeleton whose
//! placeholders are filled passes `check`.

use crate::case::FileKind;
use crate::routine::Routine;
use crate::schema::{Schema, Step};

/// What every placeholder starts with.
pub const PLACEHOLDER_START: &str = "<FYLL I";

/// Whether `text` is (or contains) an unfilled placeholder.
pub fn is_placeholder(text: &str) -> bool {
    text.contains(PLACEHOLDER_START)
}

/// The file name of the schema beside case files.
pub const SCHEMA_FILE: &str = "samplan.schema.json";

/// Where the `$schema` line of a skeleton points.
#[derive(Debug, Clone)]
pub enum SchemaLink {
    /// Printed to standard out: the line names the schema beside the file and a comment
    /// says how to get it there.
    Printed,
    /// Written to a file: the path of the schema relative to the file's folder.
    Beside(String),
}

/// The kinds of new file `samplan new` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFile {
    /// A plan case as it stands after the first meeting: the plan made, version 1.
    Plan,
    /// A plan case whose first meeting is being called (`status: kallad`, version 0):
    /// only what the invitations need, nothing of the plan.
    Called,
    /// A public information leaflet.
    Information,
}

impl NewFile {
    fn file_kind(self) -> FileKind {
        match self {
            NewFile::Plan | NewFile::Called => FileKind::Plan,
            NewFile::Information => FileKind::Information,
        }
    }
}

/// The skeleton of a new file of `kind` for `routine`.
pub fn skeleton(kind: NewFile, routine: &Routine, schema: &SchemaLink) -> String {
    let mut out = header(routine, schema);
    let file = kind.file_kind();
    let body = match kind {
        NewFile::Plan => tailored(routine, file, PLAN, |_| true),
        NewFile::Called => tailored(routine, file, PLAN, before_the_meeting)
            .replace(VERSION_LINE, "version: 0                     # 0 tills planen är gjord; då blir den 1")
            .replace(STATUS_LINE, "status: kallad                 # byt till pågående när planen är gjord på mötet"),
        NewFile::Information => tailored(routine, file, INFORMATION, |_| true),
    };
    out.push_str(&body.replace("{rutin}", routine.id()));
    out
}

/// The skeleton of a plan case for `routine`.
pub fn plan_skeleton(routine: &Routine, schema: &SchemaLink) -> String {
    skeleton(NewFile::Plan, routine, schema)
}

/// The skeleton of an information leaflet for `routine`.
pub fn information_skeleton(routine: &Routine, schema: &SchemaLink) -> String {
    skeleton(NewFile::Information, routine, schema)
}

/// Whether the key at `path` is known before the first meeting is held: not the plan,
/// the coordinator or the overall responsibility (decided at the meeting), not the
/// versions, and not who took part.
fn before_the_meeting(path: &str) -> bool {
    crate::rules::process::needed_before_the_plan(path) && !path.starts_with("möten[].närvarande")
}

const VERSION_LINE: &str = "version: 1                     # höjs med 1 vid varje ny version av planen";
const STATUS_LINE: &str =
    "status: pågående               # kallad (bara kallelse, ingen plan ännu), pågående eller avslutad";

/// What [`write_new_case`] did about the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaFile {
    /// A schema as new as this samplan was already there.
    Found(std::path::PathBuf),
    /// An older schema was brought up to date.
    Updated(std::path::PathBuf),
    /// There was none; one was written beside the new file.
    Written(std::path::PathBuf),
}

/// Writes the skeleton of `kind` for `routine` to the new file `path` (never over an
/// existing one), with its `$schema` line pointing at `samplan.schema.json` in the
/// file's folder or the nearest folder above it; when there is none, the schema is
/// written beside the file, and an older one is brought up to date.
pub fn write_new_case(path: &std::path::Path, kind: NewFile, routine: &Routine) -> std::io::Result<SchemaFile> {
    use crate::output::{write_atomic, write_new};
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if path.exists() {
        return Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, "filen finns redan"));
    }
    if !folder.is_dir() {
        crate::output::create_private_dir(&folder)?;
    }
    let current = format!("{:#}\n", crate::schema::case_schema());
    let absolute = std::path::absolute(&folder)?;
    let found = absolute.ancestors().enumerate().find(|(_, dir)| dir.join(SCHEMA_FILE).is_file());
    let (link, schema) = match found {
        Some((up, dir)) => {
            let file = dir.join(SCHEMA_FILE);
            let schema = if std::fs::read_to_string(&file).is_ok_and(|old| old == current) {
                SchemaFile::Found(file)
            } else {
                write_atomic(&file, current.as_bytes())?;
                SchemaFile::Updated(file)
            };
            (format!("{}{SCHEMA_FILE}", "../".repeat(up)), schema)
        }
        None => {
            let file = folder.join(SCHEMA_FILE);
            write_atomic(&file, current.as_bytes())?;
            (SCHEMA_FILE.to_string(), SchemaFile::Written(file))
        }
    };
    let text = skeleton(kind, routine, &SchemaLink::Beside(link));
    write_new(path, text.as_bytes())?;
    Ok(schema)
}

fn header(routine: &Routine, schema: &SchemaLink) -> String {
    let (path, how) = match schema {
        SchemaLink::Printed => (
            SCHEMA_FILE.to_string(),
            format!(
                "# Schemat hjälper editorn att fylla i och kontrollera filen. Lägg det i samma mapp:\n#   samplan schema > {SCHEMA_FILE}\n# (eller skapa filen med samplan new … -o FIL, som lägger schemat där det behövs)\n"
            ),
        ),
        SchemaLink::Beside(path) => (path.clone(), String::new()),
    };
    format!(
        "# yaml-language-server: $schema={path}\n{how}# Ny ärendefil för rutinen {} – {}\n# Byt ut varje \"<FYLL I: …>\" och kontrollera filen med: samplan check <fil>\n# Rader som börjar med # är kommentarer. Ta bort # framför en valfri del för att använda den.\n\n",
        routine.id(),
        routine.file.title
    )
}

/// How the routine treats the key of one line.
#[derive(Debug, Clone, PartialEq)]
enum Mark {
    /// Not in this routine's skeleton.
    Left,
    /// In the skeleton; `optional` lines are commented out. `why` is the routine's
    /// comment for the key, if it has one.
    Kept { optional: bool, why: Option<String> },
}

/// One line of a master text: the key path it belongs to, and the text.
struct Line<'a> {
    path: &'a str,
    text: &'a str,
}

fn lines(master: &str) -> Vec<Line<'_>> {
    master
        .lines()
        .map(|l| match l.split_once('|') {
            Some((path, text)) => Line { path, text },
            None => Line { path: "", text: l },
        })
        .collect()
}

/// The master text cut to `routine`, with only the keys `wanted` allows.
fn tailored(routine: &Routine, kind: FileKind, master: &str, wanted: impl Fn(&str) -> bool) -> String {
    let lines: Vec<Line> = lines(master).into_iter().filter(|l| l.path.is_empty() || wanted(l.path)).collect();
    let own: Vec<Mark> = lines.iter().map(|l| own_mark(routine, kind, l.path)).collect();
    let mut out = String::new();
    let mut commented_out: Vec<bool> = Vec::with_capacity(lines.len());
    let mut explained: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.path.is_empty() {
            // A blank line between parts, never two in a row.
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
            commented_out.push(false);
            continue;
        }
        let within = |j: usize| is_within(lines[j].path, line.path);
        let below: Vec<usize> = (i + 1..lines.len()).take_while(|&j| lines[j].path.is_empty() || within(j)).collect();
        let below: Vec<usize> = below.into_iter().filter(|&j| within(j)).collect();
        let ancestor_optional = (0..i).rev().any(|j| {
            is_within(line.path, lines[j].path)
                && lines[j].path != line.path
                && matches!(&own[j], Mark::Kept { optional: true, .. })
        });
        let ancestor_listed = (0..i).any(|j| {
            is_within(line.path, lines[j].path)
                && lines[j].path != line.path
                && listed(routine, lines[j].path).is_some()
        });
        let kept_below: Vec<usize> = below.iter().copied().filter(|&j| own[j] != Mark::Left).collect();
        let (keep, optional) = match &own[i] {
            Mark::Kept { optional, .. } => (true, *optional || ancestor_optional),
            Mark::Left if ancestor_listed => (true, ancestor_optional),
            Mark::Left if !kept_below.is_empty() => {
                let all_optional = kept_below.iter().all(|&j| matches!(&own[j], Mark::Kept { optional: true, .. }));
                (true, all_optional || ancestor_optional)
            }
            Mark::Left => (false, false),
        };
        commented_out.push(optional);
        if !keep {
            continue;
        }
        let indent = line.text.len() - line.text.trim_start().len();
        let pad = " ".repeat(indent);
        if let Mark::Kept { why: Some(why), .. } = &own[i]
            && !explained.contains(&line.path)
        {
            explained.push(line.path);
            for comment in wrap(why, 88 - indent.min(40)) {
                out.push_str(&format!("{pad}# {comment}\n"));
            }
        }
        if optional {
            out.push_str(&format!("{pad}# {}\n", line.text.trim_start()));
        } else {
            out.push_str(line.text);
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Whether key path `path` is `parent` or lies below it.
fn is_within(path: &str, parent: &str) -> bool {
    path == parent || path.strip_prefix(parent).is_some_and(|rest| rest.starts_with('.') || rest.starts_with("[]"))
}

/// The routine's own listing of `path` for its skeleton, if it has one.
fn listed<'a>(routine: &'a Routine, path: &str) -> Option<&'a crate::routine::TemplateField> {
    routine.template.iter().find(|f| f.path == path)
}

fn own_mark(routine: &Routine, kind: FileKind, path: &str) -> Mark {
    if path.is_empty() {
        return Mark::Left;
    }
    if let Some(required) = routine.required.iter().find(|f| f.path == path) {
        return Mark::Kept { optional: false, why: Some(format!("Krävs i rutinen: {}", required.reason)) };
    }
    if let Some(field) = listed(routine, path) {
        let why = (!field.reason.is_empty()).then(|| field.reason.clone());
        return Mark::Kept { optional: field.optional, why };
    }
    if format_requires(kind, path) {
        return Mark::Kept { optional: false, why: None };
    }
    Mark::Left
}

/// Whether the file format itself requires the key at `path` (`[]` for any element)
/// wherever its parent is: it is required in its parent, and so is each parent up to
/// the file or to the nearest list element (an element's keys are required in every
/// element there is).
pub fn format_requires(kind: FileKind, path: &str) -> bool {
    let schema = Schema::shared();
    let mut steps: Vec<Step> = Vec::new();
    // For each key on the way: whether it is required in its parent, and whether it
    // is a list whose elements start afresh.
    let mut chain: Vec<(bool, bool)> = Vec::new();
    for part in path.split('.') {
        let (key, lists) = match part.find("[]") {
            Some(at) => (&part[..at], part[at..].matches("[]").count()),
            None => (part, 0),
        };
        let Some(parent) = schema.at(kind, &steps) else { return false };
        chain.push((schema.is_required(schema.resolve(parent), key), lists > 0));
        steps.push(Step::Key(key.to_string()));
        steps.extend(std::iter::repeat_n(Step::Index(0), lists));
    }
    let mut at = chain.len();
    while at > 0 {
        let (required, _) = chain[at - 1];
        if !required {
            return false;
        }
        at -= 1;
        if at > 0 && chain[at - 1].1 {
            return true;
        }
    }
    true
}

/// `text` in lines of at most `width` characters, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Every key a plan skeleton can have: `path|line`. A line with no path is a blank line
/// between parts.
const PLAN: &str = r#"typ|typ: plan
ärende|ärende: "<FYLL I: ärendets id utan namn eller personnummer, t.ex. SIP-2026-0001>"
rutin|rutin: {rutin}
version|version: 1                     # höjs med 1 vid varje ny version av planen
status|status: pågående               # kallad (bara kallelse, ingen plan ännu), pågående eller avslutad

person|person:
person.namn|  namn: "<FYLL I: personens namn, t.ex. Alex Exempel>"
person.personnummer|  personnummer: "<FYLL I: ÅÅÅÅMMDD-NNNN, t.ex. 19800517-2385>"
person.födelsedatum|  födelsedatum: "<FYLL I: ÅÅÅÅ-MM-DD, t.ex. 1980-05-17>"
person.adress|  adress: "<FYLL I: postadress, t.ex. Storgatan 1, 123 45 Exempelstad>"
person.telefon|  telefon: "<FYLL I: telefonnummer, t.ex. 070-000 00 00>"
person.e-post|  e-post: "<FYLL I: e-post, t.ex. alex@example.se>"
person.tolk|  tolk: "<FYLL I: språk om personen behöver tolk, t.ex. arabiska>"
person.format|  format: [standard]            # lägg till lättläst, storstil, punktskrift eller inläst vid behov
person.företrädare|  företrädare:
person.företrädare[].id|    - id: "<FYLL I: kort id, t.ex. gm-kim>"
person.företrädare[].namn|      namn: "<FYLL I: namn, t.ex. Kim Ek>"
person.företrädare[].roll|      roll: "<FYLL I: roll, t.ex. god man>"
person.företrädare[].adress|      adress: "<FYLL I: postadress, t.ex. Box 3, 123 82 Exempelstad>"
person.företrädare[].telefon|      telefon: "<FYLL I: telefon, t.ex. 070-000 00 03>"
person.närstående|  närstående:
person.närstående[].id|    - id: "<FYLL I: kort id, t.ex. syster>"
person.närstående[].namn|      namn: "<FYLL I: namn, t.ex. Robin Exempel>"
person.närstående[].relation|      relation: "<FYLL I: relation, t.ex. syster>"
person.närstående[].bjuds_in|      bjuds_in: true            # true om personen vill att hen bjuds in till mötena
person.närstående[].adress|      adress: "<FYLL I: postadress, t.ex. Storgatan 2, 123 45 Exempelstad>"
person.närstående[].telefon|      telefon: "<FYLL I: telefon, t.ex. 070-000 00 04>"

samtycke|samtycke:
samtycke.datum|  datum: "<FYLL I: när samtycket gavs, t.ex. 2026-03-02>"
samtycke.form|  form: skriftligt              # skriftligt eller muntligt
samtycke.dokumenterat_av|  dokumenterat_av: samordnaren
samtycke.gäller|  gäller: [kommunen, regionen]  # verksamheter som får utbyta uppgifter och få en kopia
samtycke.givet_av|  givet_av: "<FYLL I: id för företrädaren som gav samtycket för personen, t.ex. gm-kim>"

initiativ|initiativ:
initiativ.datum|  datum: "<FYLL I: när initiativet togs, t.ex. 2026-02-27>"
initiativ.av|  av: samordnaren               # deltagare, eller personen / närstående / företrädare
initiativ.anledning|  anledning: "<FYLL I: varför SIP behövs, t.ex. Behöver stöd från både kommunen och regionen.>"

organisationer|organisationer:
organisationer[].id|  - id: kommunen
organisationer[].namn|    namn: "<FYLL I: kommunens verksamhet, t.ex. Exempelstads kommun, socialförvaltningen>"
organisationer[].huvudman|    huvudman: kommun
organisationer[].verksamhet|    verksamhet: socialtjänst
organisationer[].adress|    adress: "<FYLL I: postadress, t.ex. Box 1, 123 80 Exempelstad>"
organisationer[].id|  - id: regionen
organisationer[].namn|    namn: "<FYLL I: regionens verksamhet, t.ex. Vårdcentralen Exempelstad>"
organisationer[].huvudman|    huvudman: region
organisationer[].verksamhet|    verksamhet: hälso- och sjukvård
organisationer[].adress|    adress: "<FYLL I: postadress, t.ex. Box 2, 123 81 Exempelstad>"

deltagare|deltagare:
deltagare[].id|  - id: samordnaren
deltagare[].namn|    namn: "<FYLL I: namn, t.ex. Kim Lind>"
deltagare[].organisation|    organisation: regionen
deltagare[].roll|    roll: "<FYLL I: yrke, t.ex. distriktssköterska>"
deltagare[].telefon|    telefon: "<FYLL I: telefon, t.ex. 010-000 00 01>"
deltagare[].e-post|    e-post: "<FYLL I: e-post, t.ex. kim.lind@example.se>"
deltagare[].fax|    fax: "<FYLL I: fax, t.ex. 010-000 00 09>"
deltagare[].adress|    adress: "<FYLL I: postadress, t.ex. Box 2, 123 81 Exempelstad>"
deltagare[].id|  - id: handlaggaren
deltagare[].namn|    namn: "<FYLL I: namn, t.ex. Sam Berg>"
deltagare[].organisation|    organisation: kommunen
deltagare[].roll|    roll: "<FYLL I: yrke, t.ex. biståndshandläggare>"
deltagare[].telefon|    telefon: "<FYLL I: telefon, t.ex. 010-000 00 02>"
deltagare[].e-post|    e-post: "<FYLL I: e-post, t.ex. sam.berg@example.se>"

samordnare|samordnare: samordnaren
övergripande_ansvar|övergripande_ansvar: regionen

möten|möten:
möten[].typ|  - typ: samordningsmöte
möten[].datum|    datum: "<FYLL I: mötesdag, t.ex. 2026-03-20>"
möten[].tid|    tid: "<FYLL I: starttid, t.ex. 13:00>"
möten[].sluttid|    sluttid: "<FYLL I: sluttid, t.ex. 14:30>"
möten[].plats|    plats: "<FYLL I: plats som personen har valt, t.ex. Vårdcentralen Exempelstad, rum 2>"
möten[].plats_i_kalendern|    plats_i_kalendern: Hembesök     # står i kalenderfilen i stället för plats, om mötet är hemma hos personen
möten[].länk|    länk: "<FYLL I: länk om mötet är digitalt, t.ex. https://moten.example.se/sip-0001>"
möten[].kallade|    kallade: [samordnaren, handlaggaren]   # utan listan kallas alla deltagare, företrädare och närstående med bjuds_in: true
möten[].kallad_av|    kallad_av: samordnaren
möten[].kallelsedatum|    kallelsedatum: "<FYLL I: dagen kallelserna skickas, t.ex. 2026-03-05>"
möten[].ordförande|    ordförande: samordnaren
möten[].sekreterare|    sekreterare: handlaggaren
möten[].justerare|    justerare: [samordnaren, handlaggaren]
möten[].justerad|    justerad: "<FYLL I: dagen anteckningarna justerades, t.ex. 2026-03-24>"
möten[].förberedelse|    förberedelse: "<FYLL I: vad de kallade ska förbereda, t.ex. Ta med vilka insatser Alex har i dag.>"
möten[].förberedelse_personen|    förberedelse_personen: "<FYLL I: vad personen kan tänka på, t.ex. Tänk på vad som är viktigast för dig.>"
möten[].närvarande|    närvarande: [personen, samordnaren, handlaggaren]   # fylls i efter mötet: vilka som var med

plan|plan:
plan.nuläge|  nuläge: "<FYLL I: behov, så som personen beskriver dem, t.ex. Alex behöver stöd i vardagen.>"
plan.förutsättningar|  förutsättningar: "<FYLL I: förutsättningar, t.ex. Alex har svårt att gå långa sträckor.>"
plan.intressen|  intressen: "<FYLL I: intressen, t.ex. Musik och promenader.>"
plan.önskemål|  önskemål: "<FYLL I: så skulle personen vilja ha det, t.ex. Alex vill bo kvar hemma.>"
plan.barnets_inställning|  barnets_inställning: "<FYLL I: barnets egen inställning, t.ex. Gäller inte, Alex är vuxen.>"
plan.mål|  mål:
plan.mål[].id|    - id: mal1
plan.mål[].text|      text: "<FYLL I: målet, t.ex. Alex klarar vardagen hemma med stöd.>"
plan.mål[].lättläst|      lättläst: "<FYLL I: målet med enkla ord, sagt till personen, t.ex. Du klarar dig hemma.>"
plan.mål[].insatser|      insatser:
plan.mål[].insatser[].vad|        - vad: "<FYLL I: insatsen, t.ex. Hemtjänst två gånger per dag>"
plan.mål[].insatser[].utförare|          utförare: kommunen
plan.mål[].insatser[].ansvarig|          ansvarig: handlaggaren
plan.mål[].insatser[].beslutad|          beslutad: true          # true = beslutad, false = planerad
plan.mål[].insatser[].start|          start: "<FYLL I: start, t.ex. 2026-03-25>"
plan.mål[].insatser[].klart|          klart: "<FYLL I: klart senast, t.ex. 2026-06-30>"
plan.mål[].uppföljning|      uppföljning: "<FYLL I: när målet följs upp, t.ex. 2026-06-15>"
plan.mål[].måluppfyllelse|      måluppfyllelse: delvis uppfyllt   # uppfyllt, delvis uppfyllt eller inte uppfyllt
plan.läkemedel|  läkemedel: "<FYLL I: läkemedel, t.ex. Inga.>"
plan.hjälpmedel|  hjälpmedel: "<FYLL I: hjälpmedel, t.ex. Rollator.>"
plan.övrigt|  övrigt: "<FYLL I: annat som togs upp, t.ex. Inget annat.>"
plan.andra_planer|  andra_planer: ["<FYLL I: en annan plan som den här bygger på, t.ex. Vårdplan från vårdcentralen>"]
plan.tidsplan|  tidsplan:
plan.tidsplan.start|    start: "<FYLL I: start, t.ex. 2026-03-20>"
plan.tidsplan.utvärdering|    utvärdering: "<FYLL I: utvärdering, t.ex. 2026-09-15>"
plan.tidsplan.slut|    slut: "<FYLL I: slut, t.ex. 2026-12-31>"
plan.uppföljning|  uppföljning:
plan.uppföljning.datum|    datum: "<FYLL I: uppföljningsmöte, t.ex. 2026-06-15>"
plan.uppföljning.kallas_av|    kallas_av: samordnaren
plan.uppföljning.vad|    vad: "<FYLL I: vad som följs upp, t.ex. Hur hemtjänsten fungerar.>"

revisioner|revisioner:
revisioner[].version|  - version: 1
revisioner[].datum|    datum: "<FYLL I: när planen upprättades, t.ex. 2026-03-20>"
revisioner[].beskrivning|    beskrivning: Planen upprättades vid samordningsmötet.
"#;

/// Every key an information skeleton can have, as [`PLAN`].
const INFORMATION: &str = r#"typ|typ: information
id|id: "<FYLL I: bladets id, t.ex. info-exempelstad>"
rutin|rutin: {rutin}
avsändare|avsändare: "<FYLL I: avsändare, t.ex. Exempelstads kommun och Region Exempel>"
datum|datum: "<FYLL I: bladets datum, t.ex. 2026-03-01>"
kontakt|kontakt:
kontakt.telefon|  telefon: "<FYLL I: telefon, t.ex. 010-000 00 00>"
kontakt.e-post|  e-post: "<FYLL I: e-post, t.ex. sip@example.se>"
kontakt.webb|  webb: "<FYLL I: webbadress, t.ex. https://example.se/sip>"
format|format: [standard]            # lägg till lättläst, storstil, punktskrift eller inläst vid behov
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_text;
    use crate::routine::Routines;

    const KINDS: [NewFile; 3] = [NewFile::Plan, NewFile::Called, NewFile::Information];

    fn skeletons(routine: &Routine) -> [String; 3] {
        KINDS.map(|kind| skeleton(kind, routine, &SchemaLink::Printed))
    }

    /// Fills every placeholder with its example value.
    pub(crate) fn fill(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("\"<FYLL I") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find(">\"").expect("placeholder closes") + start;
            let inner = &rest[start..end];
            let example = inner.rsplit("t.ex. ").next().unwrap();
            out.push('"');
            out.push_str(example);
            out.push('"');
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    /// The skeleton with every commented-out key taken into use.
    fn everything_used(text: &str) -> String {
        text.lines()
            .map(|line| {
                let indent = line.len() - line.trim_start().len();
                let Some(rest) = line.trim_start().strip_prefix("# ") else { return line.to_string() };
                let key = rest.strip_prefix("- ").unwrap_or(rest);
                let name = key.split(':').next().unwrap_or("");
                let is_key = key.contains(':')
                    && !name.is_empty()
                    && name.chars().all(|c| c.is_alphabetic() || c == '_' || c == '-');
                if is_key && !line.contains("$schema") {
                    format!("{}{rest}", " ".repeat(indent))
                } else {
                    line.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Every key path in `yaml`, lists as `[]`.
    fn key_paths(yaml: &serde_yaml::Value, prefix: &str, out: &mut Vec<String>) {
        match yaml {
            serde_yaml::Value::Mapping(m) => {
                for (k, v) in m {
                    let key = k.as_str().unwrap_or_default();
                    let path = if prefix.is_empty() { key.to_string() } else { format!("{prefix}.{key}") };
                    out.push(path.clone());
                    key_paths(v, &path, out);
                }
            }
            serde_yaml::Value::Sequence(items) => {
                for item in items.iter().filter(|i| i.is_mapping()) {
                    key_paths(item, &format!("{prefix}[]"), out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn a_skeleton_holds_only_what_its_routine_requires_or_lists() {
        for routine in Routines::builtin().all() {
            for (kind, text) in KINDS.map(NewFile::file_kind).into_iter().zip(skeletons(routine)) {
                let yaml: serde_yaml::Value = serde_yaml::from_str(&everything_used(&fill(&text))).unwrap();
                let mut paths = Vec::new();
                key_paths(&yaml, "", &mut paths);
                for path in paths {
                    let below = |p: &str| is_within(&path, p) || is_within(p, &path);
                    let accounted = format_requires(kind, &path)
                        || routine.required.iter().any(|f| below(&f.path))
                        || routine.template.iter().any(|f| is_within(&path, &f.path) || is_within(&f.path, &path));
                    assert!(accounted, "{}: `{path}` is neither required nor listed", routine.id());
                }
            }
        }
    }

    #[test]
    fn the_skeletons_differ_by_routine() {
        let all = Routines::builtin();
        let of = |id: &str| plan_skeleton(all.get(id).unwrap(), &SchemaLink::Printed);
        let (halland, stockholm_lan, stockholm_stad, vgr) =
            (of("halland"), of("stockholm-lan-2011"), of("stockholm-stad-2009"), of("vgr-2009"));
        assert!(!halland.contains("barnets_inställning") && !halland.contains("justerare"), "{halland}");
        assert!(halland.contains("\n    sekreterare: handlaggaren"), "{halland}");
        assert!(halland.contains("  # närstående:") && halland.contains("Närstående är med om personen vill det"));
        assert!(stockholm_lan.contains("  # barnets_inställning:") && stockholm_lan.contains("\n  läkemedel:"));
        assert!(stockholm_stad.contains("\n    justerare: [samordnaren, handlaggaren]"), "{stockholm_stad}");
        assert!(vgr.contains("\n    fax:") && !halland.contains("fax:"));
        for text in [&halland, &vgr] {
            assert!(!text.contains("Hemma hos"), "the example place names no one's home");
        }
    }

    #[test]
    fn a_called_case_has_what_the_invitations_need_and_nothing_of_the_plan() {
        let all = Routines::builtin();
        let text = skeleton(NewFile::Called, all.get("vgr-2009").unwrap(), &SchemaLink::Printed);
        assert!(text.contains("\nstatus: kallad ") && text.contains("\nversion: 0 "), "{text}");
        for absent in ["\nplan:", "\nsamordnare:", "\nrevisioner:", "närvarande:"] {
            assert!(!text.contains(absent), "{absent}: {text}");
        }
        for present in ["\nmöten:", "    kallelsedatum:", "\nsamtycke:", "förberedelse_personen:"] {
            assert!(text.contains(present), "{present}: {text}");
        }
    }

    #[test]
    fn taking_every_optional_part_into_use_still_passes_check() {
        for routine in Routines::builtin().all() {
            for text in skeletons(routine) {
                let used = everything_used(&fill(&text));
                let checked = check_text("ny.yaml", &used);
                let errors: Vec<String> =
                    checked.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.render_text()).collect();
                assert!(errors.is_empty(), "{}:\n{}\n{used}", routine.id(), errors.join(""));
            }
        }
    }

    #[test]
    fn unfilled_skeletons_fail_only_on_placeholders() {
        for routine in Routines::builtin().all() {
            for text in skeletons(routine) {
                let checked = check_text("ny.yaml", &text);
                assert!(checked.has_errors());
                for d in checked.diagnostics.iter().filter(|d| d.is_error()) {
                    assert_eq!(d.rule, "SIP-PLATSHALLARE", "{}: {}", routine.id(), d.render_text());
                }
            }
        }
    }

    #[test]
    fn filled_skeletons_pass_check_for_every_routine() {
        for routine in Routines::builtin().all() {
            for text in skeletons(routine) {
                let checked = check_text("ny.yaml", &fill(&text));
                let errors: Vec<String> =
                    checked.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.render_text()).collect();
                assert!(errors.is_empty(), "{}:\n{}\n{}", routine.id(), errors.join(""), fill(&text));
            }
        }
    }
}
