//! The rules a case is checked against. Each rule has a stable id, a severity, a
//! one-line Swedish explanation and a check function; a routine names which rules apply
//! to it and which fields it requires (see [`crate::routine`]). Rules see only a case
//! that parsed; parse errors are [`crate::case::parse`]'s.

mod easy_read;
mod fields;
mod followthrough;
pub(crate) mod process;
mod refs;
mod regional;
mod shared;

pub use shared::valid_id;

use serde_json::Value;

use crate::case::{InfoCase, PlanCase};
use crate::diagnostic::Severity;
use crate::routine::Routine;

pub use fields::{
    CHARACTER_RULE, PLACEHOLDER_RULE, REQUIRED_FIELD_RULE, TEXT_LENGTH_RULE, overlong_texts, placeholder_findings,
    required_field_findings, unprintable_characters,
};

/// What a rule found: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Key path, as in diagnostics.
    pub path: String,
    /// Where to point when `path` itself is absent from the file (e.g. a missing
    /// top-level key is shown at the key that makes it required).
    pub shown_at: Option<String>,
    /// Swedish message.
    pub message: String,
}

impl Finding {
    /// A finding at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding { path: path.into(), shown_at: None, message: message.into() }
    }

    /// Shows the finding at `other` when `path` is not in the file.
    pub fn shown_at(mut self, other: &str) -> Finding {
        self.shown_at = Some(other.to_string());
        self
    }

    /// The path whose position the diagnostic gets.
    pub fn position_path(&self) -> &str {
        self.shown_at.as_deref().unwrap_or(&self.path)
    }
}

/// What a plan rule can look at.
pub struct PlanCtx<'a> {
    /// The case.
    pub case: &'a PlanCase,
    /// The routine it is checked under.
    pub routine: &'a Routine,
    /// The case as JSON (for path-based checks).
    pub json: &'a Value,
}

/// How a rule checks.
#[derive(Clone, Copy)]
pub enum Check {
    /// A rule on plan cases.
    Plan(fn(&PlanCtx) -> Vec<Finding>),
    /// A rule on information leaflets.
    Information(fn(&InfoCase) -> Vec<Finding>),
    /// Checked elsewhere (routine lookup, required fields); listed for documentation.
    Builtin,
}

/// A rule.
#[derive(Clone, Copy)]
pub struct Rule {
    /// Stable id, e.g. `SIP-SAMTYCKE-FORE-MOTE`.
    pub id: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// One line in Swedish: what the rule requires.
    pub summary: &'static str,
    /// The check.
    pub check: Check,
}

/// Every rule samplan knows.
pub fn all() -> &'static [Rule] {
    RULES
}

/// The rule with this id.
pub fn get(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The unknown-routine rule's id.
pub const ROUTINE_EXISTS_RULE: &str = "SIP-RUTIN-FINNS";

use Severity::{Error, Warning};

static RULES: &[Rule] = &[
    Rule {
        id: ROUTINE_EXISTS_RULE,
        severity: Error,
        summary: "Rutinen i `rutin:` måste vara en som samplan känner till (se `samplan routines`).",
        check: Check::Builtin,
    },
    Rule {
        id: PLACEHOLDER_RULE,
        severity: Error,
        summary: "Inga platshållare \"<FYLL I: …>\" från `samplan new` står kvar.",
        check: Check::Builtin,
    },
    Rule {
        id: CHARACTER_RULE,
        severity: Error,
        summary: "Texten har bara tecken som dokumentens typsnitt kan visa (inga emojier eller styrtecken).",
        check: Check::Builtin,
    },
    Rule {
        id: TEXT_LENGTH_RULE,
        severity: Error,
        summary: "Inget textfält är längre än 20 000 tecken.",
        check: Check::Builtin,
    },
    Rule {
        id: REQUIRED_FIELD_RULE,
        severity: Error,
        summary: "Ett fält som rutinen kräver måste finnas och inte vara tomt.",
        check: Check::Builtin,
    },
    Rule {
        id: "SIP-ARENDE-ID",
        severity: Error,
        summary: "Ärendets id har 1–64 tecken av A–Z, a–z, 0–9, _ och - och innehåller inget personnummer.",
        check: Check::Plan(shared::case_id),
    },
    Rule {
        id: "SIP-ID-UNIKA",
        severity: Error,
        summary: "Varje id används bara en gång (organisationer, personer, mål).",
        check: Check::Plan(refs::unique_ids),
    },
    Rule {
        id: "SIP-ID-FINNS",
        severity: Error,
        summary: "Varje id som filen hänvisar till finns i filen.",
        check: Check::Plan(refs::references_exist),
    },
    Rule {
        id: "SIP-DATUM-GILTIGT",
        severity: Error,
        summary: "Varje datum är ett riktigt datum skrivet ÅÅÅÅ-MM-DD.",
        check: Check::Plan(shared::dates_real),
    },
    Rule {
        id: "SIP-ID-FORM",
        severity: Error,
        summary: "Verksamheters och personers id har bara A–Z, a–z, 0–9, _ och - och inget personnummer: de blir delar av filnamn.",
        check: Check::Plan(shared::ids_fit_file_names),
    },
    Rule {
        id: "SIP-HSA-ID",
        severity: Error,
        summary: "Ett HSA-id skrivs som SE, 10–12 siffror, bindestreck och enhetens eller personens kod, till exempel SE2321000016-15CQ.",
        check: Check::Plan(shared::hsa_ids_well_formed),
    },
    Rule {
        id: "SIP-SPRAK",
        severity: Error,
        summary: "Personens språk skrivs som en kod enligt ISO 639, till exempel fi, se eller ar.",
        check: Check::Plan(shared::language_code),
    },
    Rule {
        id: "SIP-SPRAK-PAKET",
        severity: Warning,
        summary: "Personens dokument på personens språk: vilka som görs, vilka av planens texter som saknar översättning, och om översättningen är granskad.",
        check: Check::Plan(shared::language_pack),
    },
    Rule {
        id: "SIP-PERSONNUMMER-I-TEXT",
        severity: Warning,
        summary: "Inget personnummer i texter som står i kallelserna, kalenderfilen eller dokumentens metadata.",
        check: Check::Plan(shared::personal_number_in_shared_text),
    },
    Rule {
        id: "SIP-TOM-TEXT",
        severity: Error,
        summary: "Namn, mål, insatser och avvikelsers beskrivning är inte tomma.",
        check: Check::Plan(shared::texts_not_blank),
    },
    Rule {
        id: "SIP-TID-GILTIG",
        severity: Error,
        summary: "Varje klockslag är ett riktigt klockslag skrivet \"TT:MM\".",
        check: Check::Plan(shared::times_real),
    },
    Rule {
        id: "SIP-MOTE-SLUTTID",
        severity: Error,
        summary: "Ett möte slutar efter att det har börjat.",
        check: Check::Plan(shared::meeting_end_after_start),
    },
    Rule {
        id: "SIP-MOTEN-ORDNING",
        severity: Error,
        summary: "Mötena står i tidsordning, äldst först (kallelser görs för det sista).",
        check: Check::Plan(shared::meetings_in_order),
    },
    Rule {
        id: "SIP-PERSONNUMMER",
        severity: Error,
        summary: "Personnummer och samordningsnummer har riktigt datum och rätt kontrollsiffra.",
        check: Check::Plan(shared::personal_number_valid),
    },
    Rule {
        id: "SIP-FODELSEDATUM",
        severity: Error,
        summary: "Födelsedatum stämmer med personnumret.",
        check: Check::Plan(shared::birth_date_matches),
    },
    Rule {
        id: "SIP-SAMTYCKE-FORE-MOTE",
        severity: Error,
        summary: "Samtycket är givet senast samma dag som det första mötet.",
        check: Check::Plan(shared::consent_before_meeting),
    },
    Rule {
        id: "SIP-KOMMUN-OCH-REGION",
        severity: Error,
        summary: "Både en kommunal och en regional verksamhet deltar.",
        check: Check::Plan(shared::municipality_and_region),
    },
    Rule {
        id: "SIP-SAMORDNARE-HUVUDMAN",
        severity: Error,
        summary: "Samordnaren är deltagare från en deltagande verksamhet hos kommunen eller regionen.",
        check: Check::Plan(shared::coordinator_principal),
    },
    Rule {
        id: "SIP-SAMORDNARE-KONTAKT",
        severity: Error,
        summary: "Samordnaren går att nå: telefon eller e-post finns.",
        check: Check::Plan(shared::coordinator_reachable),
    },
    Rule {
        id: "SIP-OVERGRIPANDE-ANSVAR",
        severity: Error,
        summary: "Det övergripande ansvaret ligger hos en verksamhet med kommunen eller regionen som huvudman.",
        check: Check::Plan(shared::overall_responsibility_principal),
    },
    Rule {
        id: "SIP-TIDSPLAN",
        severity: Error,
        summary: "Tidsplanen går i ordning: start, sedan utvärdering, sedan slut.",
        check: Check::Plan(shared::timeline_in_order),
    },
    Rule {
        id: "SIP-UPPFOLJNING",
        severity: Error,
        summary: "Uppföljningen ligger inom planens tid (mellan start och slut).",
        check: Check::Plan(shared::follow_up_within_plan),
    },
    Rule {
        id: "SIP-INSATS-DATUM",
        severity: Error,
        summary: "En insats blir klar tidigast samma dag som den startar.",
        check: Check::Plan(shared::intervention_dates),
    },
    Rule {
        id: "SIP-AVSLUT",
        severity: Error,
        summary: "En avslutad plan har datum och orsak för avslutet.",
        check: Check::Plan(shared::closure_complete),
    },
    Rule {
        id: "SIP-REVISIONER",
        severity: Error,
        summary: "`revisioner` har en rad för varje version 1 till `version`, i ordning.",
        check: Check::Plan(shared::revisions_complete),
    },
    Rule {
        id: "SIP-KOPIA-SAMTYCKE",
        severity: Warning,
        summary: "En verksamhet som samtycket inte omfattar får ingen kopia av planen.",
        check: Check::Plan(shared::copies_need_consent),
    },
    Rule {
        id: "SIP-ANNAN-AKTOR",
        severity: Warning,
        summary: "En annan aktör än kommun och region som deltar har minst en insats i planen.",
        check: Check::Plan(shared::other_actor_has_intervention),
    },
    Rule {
        id: "SIP-STATUS-KALLAD",
        severity: Error,
        summary: "Medan första mötet bara är kallat (`status: kallad`) är versionen 0 och planen saknas; sedan är versionen 1 eller mer.",
        check: Check::Plan(process::called_has_no_plan),
    },
    Rule {
        id: "SIP-KALLADE-NARSTAENDE",
        severity: Error,
        summary: "En närstående kallas bara om personen vill det (`bjuds_in: true`).",
        check: Check::Plan(process::invited_relatives_are_wanted),
    },
    Rule {
        id: "SIP-KALLAD-SAMTYCKE",
        severity: Error,
        summary: "En verksamhet vars personal kallas till ett möte finns i samtycket.",
        check: Check::Plan(process::invited_within_consent),
    },
    Rule {
        id: "SIP-KALLELSEDATUM",
        severity: Warning,
        summary: "Det sista mötet har ett kallelsedatum, före mötet och minst 5 vardagar innan.",
        check: Check::Plan(process::invitations_sent_in_time),
    },
    Rule {
        id: "SIP-LANK",
        severity: Error,
        summary: "Länken till ett digitalt möte är en webbadress som börjar med https://.",
        check: Check::Plan(process::meeting_links_are_https),
    },
    Rule {
        id: "SIP-KALENDER-PERSON",
        severity: Warning,
        summary: "Platsen och länken i kalenderfilen innehåller inte personens namn eller adress.",
        check: Check::Plan(process::calendar_keeps_the_person_out),
    },
    Rule {
        id: "SIP-ADRESS",
        severity: Warning,
        summary: "Varje kallelse som skickas med post har en adress: personens, företrädares och närståendes, och deltagares som får brev med post.",
        check: Check::Plan(process::posted_letters_have_an_address),
    },
    Rule {
        id: "SIP-SAMTYCKE-GIVET-AV",
        severity: Error,
        summary: "Samtycket är givet av personen eller av en av personens företrädare.",
        check: Check::Plan(process::consent_given_by_representative),
    },
    Rule {
        id: "SIP-AVVIKELSE",
        severity: Error,
        summary: "En avvikelserapport säger vad den gäller (`typ`) och vilken organisation den gäller (`gäller`).",
        check: Check::Plan(shared::deviations_complete),
    },
    Rule {
        id: "SIP-AVVIKELSE-SAMTYCKE",
        severity: Warning,
        summary: "En avvikelserapport skickas bara till en organisation som samtycket omfattar.",
        check: Check::Plan(shared::deviation_within_consent),
    },
    Rule {
        id: "SIP-BARNETS-INSTALLNING",
        severity: Error,
        summary: "När personen är under 18 år beskriver planen barnets inställning.",
        check: Check::Plan(regional::childs_view),
    },
    Rule {
        id: "SIP-BARN-DELAKTIGHET",
        severity: Warning,
        summary: "Ett barn får vara med: barnets inställning står i planen och barnet är med på mötena.",
        check: Check::Plan(regional::child_takes_part),
    },
    Rule {
        id: "SIP-MOTE-SEKRETERARE",
        severity: Error,
        summary: "Varje möte som har hållits, också uppföljningsmöten, har en sekreterare.",
        check: Check::Plan(regional::secretary_named),
    },
    Rule {
        id: "VGR-SAMORDNARE-KONTAKT",
        severity: Error,
        summary: "Samordnarens adress, telefonnummer och e-postadress står i planen (punkt 6).",
        check: Check::Plan(regional::vgr_coordinator_contact),
    },
    Rule {
        id: "VGR-SAMORDNARE-FAX",
        severity: Warning,
        summary: "Rutinen nämner samordnarens telefax; ange det om det finns.",
        check: Check::Plan(regional::vgr_coordinator_fax),
    },
    Rule {
        id: "STHLM-LAN-LAKEMEDEL-HJALPMEDEL",
        severity: Warning,
        summary: "Läkemedel och hjälpmedel anges när de behövs (skriv \"Inga\" annars).",
        check: Check::Plan(regional::medicines_and_devices),
    },
    Rule {
        id: "STHLM-STAD-SAMTYCKE-SKRIFTLIGT",
        severity: Error,
        summary: "Samtycket är skriftligt.",
        check: Check::Plan(regional::consent_written),
    },
    Rule {
        id: "STHLM-STAD-SAMTYCKE-ALLA",
        severity: Error,
        summary: "Samtycket omfattar informationsutbyte mellan alla deltagande verksamheter.",
        check: Check::Plan(regional::consent_covers_all),
    },
    Rule {
        id: "STHLM-STAD-JUSTERARE",
        severity: Error,
        summary: "Varje möte som har hållits har två justerare, en från kommunen och en från regionen.",
        check: Check::Plan(regional::two_checkers),
    },
    Rule {
        id: "STHLM-STAD-JUSTERAD",
        severity: Warning,
        summary: "Planen säger när anteckningarna från varje hållet möte justerades.",
        check: Check::Plan(regional::notes_checked),
    },
    Rule {
        id: "STHLM-STAD-JUSTERAD-FORE",
        severity: Error,
        summary: "Anteckningarna justeras inte före mötet (`justerad` är samma dag eller senare).",
        check: Check::Plan(followthrough::notes_checked_before_the_meeting),
    },
    Rule {
        id: "STHLM-STAD-JUSTERAD-SENT",
        severity: Warning,
        summary: "Anteckningarna justeras inom ungefär en vecka (samplan varnar efter 14 dagar).",
        check: Check::Plan(followthrough::notes_checked_late),
    },
    Rule {
        id: "STHLM-STAD-JUSTERARE-NARVARANDE",
        severity: Warning,
        summary: "Den som justerar anteckningarna var med på mötet.",
        check: Check::Plan(followthrough::checkers_were_there),
    },
    Rule {
        id: "HALLAND-UTEBLEV",
        severity: Warning,
        summary: "Den som var kallad men inte kom till ett möte har en avvikelserapport (`typ: uteblev`).",
        check: Check::Plan(followthrough::absent_without_report),
    },
    Rule {
        id: "HALLAND-UTEBLEV-NARVARANDE",
        severity: Warning,
        summary: "En avvikelse om att en verksamhet uteblev gäller inte en verksamhet vars personal var med.",
        check: Check::Plan(followthrough::absence_report_of_someone_present),
    },
    Rule {
        id: "SIP-PERSONENS-ONSKEMAL",
        severity: Warning,
        summary: "Var varken personen eller en företrädare med på mötet, står personens önskemål ändå i planen.",
        check: Check::Plan(followthrough::wishes_when_the_person_is_absent),
    },
    Rule {
        id: "SIP-UPPFOLJNING-SAMORDNARE",
        severity: Warning,
        summary: "Samordnaren kallar till uppföljningsmötena.",
        check: Check::Plan(followthrough::coordinator_calls_follow_ups),
    },
    Rule {
        id: "SIP-AVSLUT-MAL",
        severity: Warning,
        summary: "En plan som avslutas för att målen är uppfyllda har `måluppfyllelse: uppfyllt` för varje mål.",
        check: Check::Plan(followthrough::closed_goals_met),
    },
    Rule {
        id: "SIP-AVSLUT-DATUM",
        severity: Error,
        summary: "Samordningen avslutas inte före ett av ärendets möten eller versioner.",
        check: Check::Plan(followthrough::closed_after_everything),
    },
    Rule {
        id: "STHLM-STAD-VUXEN",
        severity: Warning,
        summary: "Rutinen gäller vuxna, 18 år eller äldre.",
        check: Check::Plan(regional::adults_only),
    },
    Rule {
        id: "HALLAND-OVERGRIPANDE-ANSVAR",
        severity: Error,
        summary: "Samordnarens huvudman har det övergripande ansvaret.",
        check: Check::Plan(regional::coordinators_principal_responsible),
    },
    Rule {
        id: "HALLAND-MOTE-30-DAGAR",
        severity: Error,
        summary: "Samordningsmötet hålls inom 30 dagar från samtycket.",
        check: Check::Plan(regional::meeting_within_30_days),
    },
    Rule {
        id: "HALLAND-MALUPPFYLLELSE",
        severity: Error,
        summary: "Ett mål vars uppföljning har hållits har måluppfyllelse: uppfyllt, delvis uppfyllt eller inte uppfyllt.",
        check: Check::Plan(regional::fulfilment_recorded),
    },
    Rule {
        id: "LATTLAST-LIX",
        severity: Warning,
        summary: "En lättläst text (`lättläst:`) har LIX högst 30.",
        check: Check::Plan(easy_read::readable),
    },
    Rule {
        id: "LATTLAST-MENING",
        severity: Warning,
        summary: "En lättläst text har högst 15 ord per mening.",
        check: Check::Plan(easy_read::short_sentences),
    },
    Rule {
        id: "LATTLAST-DU",
        severity: Warning,
        summary: "En lättläst text talar till personen med du, inte om personen med namn.",
        check: Check::Plan(easy_read::speaks_to_the_person),
    },
    Rule {
        id: "LATTLAST-SAKNAS",
        severity: Warning,
        summary: "När personen vill ha lättläst har varje mål en lättläst formulering.",
        check: Check::Plan(easy_read::wording_present),
    },
    Rule {
        id: "INFO-ID",
        severity: Error,
        summary: "Informationsbladets id har 1–64 tecken av A–Z, a–z, 0–9, _ och -.",
        check: Check::Information(shared::info_id),
    },
    Rule {
        id: "INFO-KONTAKT",
        severity: Error,
        summary: "Informationsbladet har minst ett sätt att kontakta avsändaren.",
        check: Check::Information(shared::info_contact),
    },
    Rule {
        id: "INFO-DATUM",
        severity: Error,
        summary: "Informationsbladets datum är ett riktigt datum skrivet ÅÅÅÅ-MM-DD.",
        check: Check::Information(shared::info_date),
    },
];

/// Rules that apply to every information leaflet.
pub const INFORMATION_RULES: &[&str] =
    &[ROUTINE_EXISTS_RULE, PLACEHOLDER_RULE, "INFO-ID", "INFO-KONTAKT", "INFO-DATUM"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::Routines;

    #[test]
    fn rule_ids_are_unique_and_well_formed() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
        for id in ids {
            assert!(id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'), "{id}");
        }
    }

    #[test]
    fn every_rule_a_routine_names_exists() {
        for routine in Routines::builtin().all() {
            for id in &routine.rules {
                assert!(get(id).is_some(), "{} names unknown rule {id}", routine.id());
            }
        }
    }

    #[test]
    fn every_plan_rule_is_used_by_some_routine() {
        for rule in RULES {
            if let Check::Plan(_) = rule.check {
                assert!(Routines::builtin().all().any(|r| r.has_rule(rule.id)), "{} is used by no routine", rule.id);
            }
        }
    }
}

#[cfg(test)]
mod rule_tests;
