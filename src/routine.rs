//! Routines as data: each regional routine (and the national legal minimum) is a YAML
//! file in `routines/` naming its required fields, the cross-field rules that apply, the
//! meeting agenda and whether invitees must attend. Every file in the folder is compiled
//! into the binary (the build script lists them) so samplan works anywhere; a routine
//! inherits from the one it builds on.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The routine files shipped with samplan, as (file name, contents): every YAML file in
/// `routines/`.
const BUILTIN: &[(&str, &str)] = crate::embedded::ROUTINE_FILES;

/// A field a routine requires, with the reason shown when it is missing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredField {
    /// Key path; `[]` stands for every element of a list: `plan.mål[].insatser`.
    #[serde(rename = "fält")]
    pub path: String,
    /// Why the routine requires it (Swedish).
    #[serde(rename = "varför")]
    pub reason: String,
}

/// A key the routine's skeleton (`samplan new`) offers beyond the required ones, with
/// everything the master skeleton has below it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateField {
    /// Key path; `[]` stands for every element of a list.
    #[serde(rename = "fält")]
    pub path: String,
    /// The comment above the key in the skeleton (Swedish); may be empty.
    #[serde(rename = "varför", default)]
    pub reason: String,
    /// Whether the key is commented out: used when it applies to the case.
    #[serde(rename = "valfritt", default)]
    pub optional: bool,
}

/// One routine as written in its file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutineFile {
    /// Stable id, used in case files' `rutin:`.
    pub id: String,
    /// Title.
    #[serde(rename = "titel")]
    pub title: String,
    /// Where the routine comes from.
    #[serde(rename = "källa")]
    pub source: String,
    /// Year of the routine.
    #[serde(rename = "år")]
    pub year: u32,
    /// The routine this one adds to.
    #[serde(rename = "bygger_på", default)]
    pub builds_on: Option<String>,
    /// What the routine asks for, in brief.
    #[serde(rename = "beskrivning")]
    pub description: String,
    /// Whether those invited are obliged to attend.
    #[serde(rename = "närvaroplikt")]
    pub duty_to_attend: bool,
    /// The routine's own words on that duty, for the letters to staff of the
    /// municipality and the region (needed when `närvaroplikt` is true).
    #[serde(rename = "närvaroplikt_text", default)]
    pub duty_text: Option<String>,
    /// What the public leaflet says of this routine in particular, after what every
    /// leaflet says.
    #[serde(rename = "informationsblad", default)]
    pub leaflet: Vec<LeafletPart>,
    /// The meeting agenda, as printed in invitations.
    #[serde(rename = "dagordning")]
    pub agenda: Vec<String>,
    /// The order of the plan's sections (every section exactly once; empty ones are
    /// left out of the document). Inherited when absent.
    #[serde(rename = "planens_delar", default)]
    pub plan_sections: Vec<String>,
    /// Fields the routine requires (beyond what it builds on).
    #[serde(rename = "obligatoriskt", default)]
    pub required: Vec<RequiredField>,
    /// Rule ids that apply (beyond what it builds on).
    #[serde(rename = "regler", default)]
    pub rules: Vec<String>,
    /// Keys the skeleton of a new case offers beyond the required ones (beyond, or in
    /// place of, what it builds on).
    #[serde(rename = "i_mallen", default)]
    pub template: Vec<TemplateField>,
}

/// A part of the leaflet that only this routine's leaflets have.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct LeafletPart {
    /// Its heading.
    #[serde(rename = "rubrik")]
    pub heading: String,
    /// Its text.
    pub text: String,
    /// The same in easy-read Swedish: a heading as a question and short lines.
    #[serde(rename = "lättläst")]
    pub easy_read: EasyReadPart,
}

/// A leaflet part in easy-read Swedish.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EasyReadPart {
    /// The heading, as a question.
    #[serde(rename = "rubrik")]
    pub heading: String,
    /// One thought per line.
    pub text: Vec<String>,
}

/// A routine with everything it inherits resolved.
#[derive(Debug, Clone)]
pub struct Routine {
    /// The routine's own file.
    pub file: RoutineFile,
    /// Required fields, inherited first.
    pub required: Vec<RequiredField>,
    /// Rule ids, inherited first, without repeats.
    pub rules: Vec<String>,
    /// Keys of the skeleton beyond the required ones, inherited first; a routine's own
    /// entry for a key replaces the inherited one.
    pub template: Vec<TemplateField>,
}

impl Routine {
    /// The routine's id.
    pub fn id(&self) -> &str {
        &self.file.id
    }

    /// Whether rule `id` applies under this routine.
    pub fn has_rule(&self, id: &str) -> bool {
        self.rules.iter().any(|r| r == id)
    }
}

/// All known routines, by id.
#[derive(Debug)]
pub struct Routines {
    by_id: BTreeMap<String, Routine>,
}

/// The id of the routine every other builds on and that applies when a case names an
/// unknown routine.
pub const BASE_ROUTINE: &str = "nationell";

impl Routines {
    /// The routines compiled into samplan (parsed once per process).
    pub fn builtin() -> &'static Routines {
        static ROUTINES: OnceLock<Routines> = OnceLock::new();
        ROUTINES
            .get_or_init(|| Routines::from_files(BUILTIN).unwrap_or_else(|e| panic!("inbyggd rutin är felaktig: {e}")))
    }

    /// Parses and resolves routine files; errors name the file.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Routines, String> {
        let mut raw = BTreeMap::new();
        for (name, text) in files {
            let file: RoutineFile = serde_yaml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
            raw.insert(file.id.clone(), file);
        }
        let mut by_id = BTreeMap::new();
        for id in raw.keys() {
            by_id.insert(id.clone(), resolve(&raw, id, 0)?);
        }
        Ok(Routines { by_id })
    }

    /// The routine with this id.
    pub fn get(&self, id: &str) -> Option<&Routine> {
        self.by_id.get(id)
    }

    /// The base routine.
    pub fn base(&self) -> &Routine {
        &self.by_id[BASE_ROUTINE]
    }

    /// All routines, by id.
    pub fn all(&self) -> impl Iterator<Item = &Routine> {
        self.by_id.values()
    }

    /// All ids, sorted.
    pub fn ids(&self) -> Vec<&str> {
        self.by_id.keys().map(String::as_str).collect()
    }
}

fn resolve(raw: &BTreeMap<String, RoutineFile>, id: &str, depth: usize) -> Result<Routine, String> {
    let file = raw.get(id).ok_or_else(|| format!("rutinen `{id}` finns inte"))?;
    if depth > 8 {
        return Err(format!("rutinen `{id}` bygger på sig själv"));
    }
    let (mut required, mut rules, mut template) = match &file.builds_on {
        Some(parent) => {
            let p = resolve(raw, parent, depth + 1)?;
            (p.required, p.rules, p.template)
        }
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    for field in &file.required {
        required.retain(|f: &RequiredField| f.path != field.path);
        required.push(field.clone());
    }
    for field in &file.template {
        match template.iter_mut().find(|f| f.path == field.path) {
            Some(inherited) => *inherited = field.clone(),
            None => template.push(field.clone()),
        }
    }
    for rule in &file.rules {
        if !rules.contains(rule) {
            rules.push(rule.clone());
        }
    }
    Ok(Routine { file: file.clone(), required, rules, template })
}

/// Every section a plan document can have; each routine orders all of them.
pub const PLAN_SECTIONS: &[&str] = &[
    "person",
    "samtycke",
    "initiativ",
    "nuläge",
    "förutsättningar",
    "intressen",
    "önskemål",
    "barnets_inställning",
    "mål",
    "läkemedel",
    "hjälpmedel",
    "övrigt",
    "andra_planer",
    "tidsplan",
    "uppföljning",
    "samordnare",
    "ansvar",
    "deltagare",
    "närvarande",
    "möten",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_routine_orders_every_plan_section_exactly_once() {
        for routine in Routines::builtin().all() {
            let mut got = routine.file.plan_sections.clone();
            got.sort();
            let mut want: Vec<String> = PLAN_SECTIONS.iter().map(|s| s.to_string()).collect();
            want.sort();
            assert_eq!(got, want, "{}", routine.id());
        }
    }

    /// The same agenda goes to the person, to staff and to relatives, so no item may
    /// address its reader as "du".
    #[test]
    fn agendas_speak_to_every_reader() {
        let you = ["du", "dig", "din", "ditt", "dina"];
        for routine in Routines::builtin().all() {
            for item in &routine.file.agenda {
                let words = item.split(|c: char| !c.is_alphabetic()).map(str::to_lowercase);
                for word in words {
                    assert!(!you.contains(&word.as_str()), "{}: {item}", routine.id());
                }
            }
        }
    }

    #[test]
    fn every_routine_file_is_built_in() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("routines");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml"))
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        built_in.sort();
        assert_eq!(on_disk, built_in);
    }

    #[test]
    fn the_six_routines_exist_and_inherit_the_base() {
        let r = Routines::builtin();
        for id in ["halland", "kalmar-2012", "nationell", "stockholm-lan-2011", "stockholm-stad-2009", "vgr-2009"] {
            assert!(r.get(id).is_some(), "{id} is missing");
        }
        let base_rules = &r.base().rules;
        for routine in r.all() {
            for rule in base_rules {
                assert!(routine.has_rule(rule), "{} lacks {rule}", routine.id());
            }
            assert!(!routine.file.agenda.is_empty());
        }
        assert!(r.get("halland").unwrap().has_rule("HALLAND-MOTE-30-DAGAR"));
        assert!(!r.get("vgr-2009").unwrap().has_rule("HALLAND-MOTE-30-DAGAR"));
    }

    #[test]
    fn a_routine_with_a_duty_to_attend_says_it_in_its_own_words() {
        for routine in Routines::builtin().all() {
            if routine.file.duty_to_attend {
                assert!(routine.file.duty_text.as_deref().is_some_and(|t| t.ends_with('.')), "{}", routine.id());
            }
        }
    }

    #[test]
    fn a_routine_s_own_leaflet_words_are_easy_to_read_in_their_easy_read_form() {
        for routine in Routines::builtin().all() {
            for part in &routine.file.leaflet {
                let lines = part.easy_read.text.join("\n");
                let l = crate::lix::lix(&lines);
                assert!(l.lix <= 25.0, "{}: LIX {} for ”{lines}”", routine.id(), l.lix);
                assert!(crate::lix::longest_sentence(&lines) <= 8, "{}: ”{lines}”", routine.id());
                assert!(part.easy_read.heading.ends_with('?'), "{}: an easy-read heading is a question", routine.id());
            }
        }
    }

    #[test]
    fn a_routine_building_on_a_missing_one_is_refused() {
        let bad = "id: x\ntitel: t\nkälla: k\når: 2020\nbygger_på: saknas\nbeskrivning: b\nnärvaroplikt: false\ndagordning: []\n";
        assert!(Routines::from_files(&[("x.yaml", bad)]).is_err());
    }
}
