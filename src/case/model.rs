//! The case model: the two kinds of case file (`typ: plan`, `typ: information`) as
//! the case-file contract (CASE-FORMAT.md) fixes them. Keys are Swedish (serde renames), identifiers
//! English. Field doc comments are Swedish because they become the JSON Schema
//! descriptions that editors show to the people who write case files.
//!
//! Only what every case needs to make sense is required here (ids, names, the routine);
//! what a routine requires beyond that is checked by the routine's rules, so `check` can
//! report every missing field at once instead of stopping at the first.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::datetime::{Date, Time};

/// The word a case file uses for a value of one of its choices (`region`, `delvis
/// uppfyllt`, `samordningsmöte`, `lättläst` …): its serde name in this model, so that
/// each word is written once, here.
pub fn word<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(word)) => word,
        _ => String::new(),
    }
}

/// The word for the person themself where an id may stand (`utförare`, `ansvarig`,
/// `initiativ.av`).
pub const THE_PERSON: &str = "personen";
/// The word for a relative where an id may stand (`utförare`, `ansvarig`, `initiativ.av`).
pub const A_RELATIVE: &str = "närstående";
/// The word for a representative where an id may stand (`initiativ.av`).
pub const A_REPRESENTATIVE: &str = "företrädare";

/// What a value that is an id, or one of the words for the person, a relative or a
/// representative, names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named<'a> {
    /// The person the plan is about (`personen`).
    ThePerson,
    /// A relative, not named (`närstående`).
    ARelative,
    /// A representative, not named (`företrädare`).
    ARepresentative,
    /// An id of an organisation, participant, representative or relative.
    Id(&'a str),
}

impl<'a> Named<'a> {
    /// What `text` names.
    pub fn of(text: &'a str) -> Named<'a> {
        match text {
            THE_PERSON => Named::ThePerson,
            A_RELATIVE => Named::ARelative,
            A_REPRESENTATIVE => Named::ARepresentative,
            id => Named::Id(id),
        }
    }
}

/// Filtyp: `plan` (standard) eller `information`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum FileKind {
    /// En SIP för en person.
    #[serde(rename = "plan")]
    Plan,
    /// Ett informationsblad om SIP för allmänheten.
    #[serde(rename = "information")]
    Information,
}

/// Ett ärende om en samordnad individuell plan (SIP) för en person.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "SIP-ärende (typ: plan)")]
pub struct PlanCase {
    /// Filtyp: `plan` (standard när nyckeln saknas).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["plan"]))]
    pub typ: Option<FileKind>,
    /// Ärendets id, 1–64 tecken av A–Z, a–z, 0–9, `_` och `-`. Används i sökvägar:
    /// skriv aldrig namn eller personnummer här.
    #[serde(rename = "ärende")]
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub case_id: String,
    /// Rutinen vars regler gäller (se `samplan routines`).
    #[serde(rename = "rutin")]
    pub routine: String,
    /// Planens version, 1, 2, 3 … Höjs vid varje revidering. 0 medan status är
    /// `kallad` (ingen plan ännu).
    #[serde(default = "one")]
    pub version: u32,
    /// `kallad` (första mötet är kallat, ingen plan ännu), `pågående` eller `avslutad`.
    #[serde(default)]
    pub status: Status,
    /// Personen som planen gäller.
    pub person: Person,
    /// Personens samtycke till samordningen.
    #[serde(rename = "samtycke", default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// Vem som tog initiativ till SIP och varför.
    #[serde(rename = "initiativ", default, skip_serializing_if = "Option::is_none")]
    pub initiative: Option<Initiative>,
    /// Verksamheter som deltar i samordningen.
    #[serde(rename = "organisationer", default)]
    pub organisations: Vec<Organisation>,
    /// Personal som deltar i samordningen.
    #[serde(rename = "deltagare", default)]
    pub participants: Vec<Participant>,
    /// Samordnaren: id för en deltagare.
    #[serde(rename = "samordnare", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "deltagare"))]
    pub coordinator: Option<String>,
    /// Organisation (id) med övergripande ansvar för planen.
    #[serde(rename = "övergripande_ansvar", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "organisationer"))]
    pub overall_responsibility: Option<String>,
    /// Möten, äldst först. Kallelser görs för det sista mötet.
    #[serde(rename = "möten", default)]
    pub meetings: Vec<Meeting>,
    /// Själva planen. Krävs när status är `pågående` eller `avslutad`, inte när den är `kallad`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    /// En rad per version, äldst först.
    #[serde(rename = "revisioner", default)]
    pub revisions: Vec<Revision>,
    /// Avslut; krävs när `status: avslutad`.
    #[serde(rename = "avslut", default, skip_serializing_if = "Option::is_none")]
    pub closure: Option<Closure>,
    /// Avvikelserapporter.
    #[serde(rename = "avvikelser", default)]
    pub deviations: Vec<Deviation>,
    /// Mapp med egna mallar (brevhuvud, logotyp) i stället för de inbyggda.
    #[serde(rename = "mallar", default, skip_serializing_if = "Option::is_none")]
    pub templates: Option<String>,
}

fn one() -> u32 {
    1
}

/// Planens status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Status {
    /// Första mötet är kallat och planen är inte gjord än: bara det som kallelserna
    /// behöver krävs, och bara kallelserna görs.
    #[serde(rename = "kallad")]
    Called,
    /// Planen gäller.
    #[default]
    #[serde(rename = "pågående")]
    Ongoing,
    /// Samordningen är avslutad.
    #[serde(rename = "avslutad")]
    Closed,
}

/// Format som personen vill få information i.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Format {
    /// Vanlig text (görs alltid).
    #[serde(rename = "standard")]
    Standard,
    /// Lättläst svenska.
    #[serde(rename = "lättläst")]
    EasyRead,
    /// Stor stil.
    #[serde(rename = "storstil")]
    LargePrint,
    /// Punktskrift.
    #[serde(rename = "punktskrift")]
    Braille,
    /// Inläst (talad) text.
    #[serde(rename = "inläst")]
    Recorded,
}

/// Personen som planen gäller.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Personens namn.
    #[serde(rename = "namn")]
    pub name: String,
    /// Personnummer eller samordningsnummer, 12 siffror, med eller utan `-`/`+`.
    #[serde(rename = "personnummer", default, skip_serializing_if = "Option::is_none")]
    pub personal_number: Option<String>,
    /// Födelsedatum (ÅÅÅÅ-MM-DD); behövs inte när personnummer finns.
    #[serde(rename = "födelsedatum", default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<Date>,
    /// Postadress.
    #[serde(rename = "adress", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Telefonnummer.
    #[serde(rename = "telefon", default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-postadress.
    #[serde(rename = "e-post", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Språk som tolken ska tala, om personen behöver tolk.
    #[serde(rename = "tolk", default, skip_serializing_if = "Option::is_none")]
    pub interpreter: Option<String>,
    /// Personens språk som en kod enligt ISO 639 (fi, fit, se, en, ar …). Personens egna
    /// dokument görs då också på det språket, bredvid de svenska, när samplan har ett
    /// språkpaket för det.
    #[serde(rename = "språk", default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Format som personen vill ha informationen i.
    #[serde(rename = "format", default)]
    pub formats: Vec<Format>,
    /// Företrädare: god man, förvaltare, vårdnadshavare …
    #[serde(rename = "företrädare", default)]
    pub representatives: Vec<Representative>,
    /// Närstående.
    #[serde(rename = "närstående", default)]
    pub relatives: Vec<Relative>,
}

/// En företrädare för personen.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Representative {
    /// Id som används i `kallade`.
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    /// Namn.
    #[serde(rename = "namn")]
    pub name: String,
    /// Roll, t.ex. god man, förvaltare, vårdnadshavare.
    #[serde(rename = "roll", default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Postadress.
    #[serde(rename = "adress", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Telefonnummer.
    #[serde(rename = "telefon", default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-postadress.
    #[serde(rename = "e-post", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// En närstående till personen.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relative {
    /// Id som används i `kallade`.
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    /// Namn.
    #[serde(rename = "namn")]
    pub name: String,
    /// Relation till personen, t.ex. syster, son, granne.
    #[serde(rename = "relation", default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    /// Bjuds in till möten när personen vill det.
    #[serde(rename = "bjuds_in", default)]
    pub invited: bool,
    /// Postadress.
    #[serde(rename = "adress", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Telefonnummer.
    #[serde(rename = "telefon", default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-postadress.
    #[serde(rename = "e-post", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// Samtycke till samordningen.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// Datum då personen samtyckte.
    #[serde(rename = "datum", default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// `skriftligt` eller `muntligt`.
    #[serde(rename = "form", default, skip_serializing_if = "Option::is_none")]
    pub form: Option<ConsentForm>,
    /// Deltagare (id) som dokumenterade samtycket.
    #[serde(rename = "dokumenterat_av", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "deltagare"))]
    pub documented_by: Option<String>,
    /// Organisationer (id) som får utbyta information om personen.
    #[serde(rename = "gäller", default)]
    #[schemars(extend("x-samplan-ref" = "organisationer"))]
    pub covers: Vec<String>,
    /// Vem som gav samtycket: `personen` (standard) eller id för en företrädare
    /// (vårdnadshavare, god man) som samtyckte för personen.
    #[serde(rename = "givet_av", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "företrädare", "x-samplan-ord" = ["personen"]))]
    pub given_by: Option<String>,
    /// Närstående (id) som personen har sagt får planen. En närstående som inte står
    /// här får ingen plan och står inte i sändlistan.
    #[serde(rename = "närstående", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("x-samplan-ref" = "närstående"))]
    pub relatives: Vec<String>,
}

/// Hur samtycket gavs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ConsentForm {
    /// Skriftligt samtycke.
    #[serde(rename = "skriftligt")]
    Written,
    /// Muntligt samtycke.
    #[serde(rename = "muntligt")]
    Oral,
}

/// Initiativet till SIP.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    /// Datum för initiativet.
    #[serde(rename = "datum", default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Deltagare (id), eller `personen`, `närstående`, `företrädare`.
    #[serde(rename = "av", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "personer", "x-samplan-ord" = ["personen", "närstående", "företrädare"]))]
    pub by: Option<String>,
    /// Varför SIP behövs.
    #[serde(rename = "anledning", default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Huvudman för en organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Principal {
    /// Regionen (hälso- och sjukvård, tandvård …).
    #[serde(rename = "region")]
    Region,
    /// Kommunen (socialtjänst, LSS, skola, kommunal hälso- och sjukvård …).
    #[serde(rename = "kommun")]
    Municipality,
    /// Annan aktör, t.ex. Försäkringskassan, Arbetsförmedlingen, en privat utförare.
    #[serde(rename = "annan")]
    Other,
}

/// En verksamhet som deltar.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Id som används i resten av filen och i filnamn för kopior.
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    /// Organisationens namn.
    #[serde(rename = "namn")]
    pub name: String,
    /// `region`, `kommun` eller `annan`.
    #[serde(rename = "huvudman")]
    pub principal: Principal,
    /// Verksamhet, t.ex. hälso- och sjukvård, socialtjänst, LSS, tandvård, skola.
    #[serde(rename = "verksamhet", default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// Postadress.
    #[serde(rename = "adress", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Enhetens HSA-id, t.ex. `SE2321000016-15CQ`. Används i FHIR-exporten; utan det
    /// står verksamheten där med namn.
    #[serde(rename = "hsa_id", default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^SE[0-9]{10,12}-[A-Za-z0-9]{1,18}$"))]
    pub hsa_id: Option<String>,
}

/// En deltagare (personal) i samordningen.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Id som används i resten av filen.
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    /// Namn.
    #[serde(rename = "namn")]
    pub name: String,
    /// Organisation (id) där deltagaren arbetar.
    #[serde(rename = "organisation")]
    #[schemars(extend("x-samplan-ref" = "organisationer"))]
    pub organisation: String,
    /// Yrke eller roll.
    #[serde(rename = "roll", default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Telefonnummer.
    #[serde(rename = "telefon", default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-postadress.
    #[serde(rename = "e-post", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Postadress; annars organisationens.
    #[serde(rename = "adress", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Faxnummer.
    #[serde(rename = "fax", default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<String>,
    /// Personens HSA-id, t.ex. `SE2321000016-1A2B`. Används i FHIR-exporten; utan det
    /// står personen där med namn och roll.
    #[serde(rename = "hsa_id", default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^SE[0-9]{10,12}-[A-Za-z0-9]{1,18}$"))]
    pub hsa_id: Option<String>,
    /// Hur deltagaren får sina brev: `post` (även med e-post) eller `e-post`. Utan
    /// nyckeln: med e-post när deltagaren har en e-postadress, annars med post.
    #[serde(rename = "utskick", default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
}

/// Hur en deltagare får sina brev.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Delivery {
    /// Med post, utskrivet.
    #[serde(rename = "post")]
    Post,
    /// Med e-post.
    #[serde(rename = "e-post")]
    Email,
}

/// Typ av möte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum MeetingKind {
    /// Första mötet, där planen upprättas.
    #[serde(rename = "samordningsmöte")]
    Coordination,
    /// Möte där planen följs upp.
    #[serde(rename = "uppföljningsmöte")]
    FollowUp,
}

/// Ett möte.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// `samordningsmöte` eller `uppföljningsmöte`.
    #[serde(rename = "typ")]
    pub kind: MeetingKind,
    /// Datum.
    #[serde(rename = "datum")]
    pub date: Date,
    /// Starttid, "TT:MM".
    #[serde(rename = "tid", default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Time>,
    /// Sluttid, "TT:MM".
    #[serde(rename = "sluttid", default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Time>,
    /// Plats.
    #[serde(rename = "plats", default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Det som står som plats i kalenderfilen (mote.ics) i stället för `plats`, t.ex.
    /// Hembesök. Kalendrar delas: personens namn och adress ska inte stå där.
    #[serde(rename = "plats_i_kalendern", default, skip_serializing_if = "Option::is_none")]
    pub calendar_place: Option<String>,
    /// Id för kallade deltagare, företrädare och närstående. Saknas = alla deltagare,
    /// alla företrädare och de närstående som har `bjuds_in: true`. Personen bestämmer:
    /// en närstående med `bjuds_in: false` får inte stå här.
    #[serde(rename = "kallade", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "personer"))]
    pub invited: Option<Vec<String>>,
    /// Deltagare (id) som kallar.
    #[serde(rename = "kallad_av", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "deltagare"))]
    pub called_by: Option<String>,
    /// Dagen då kallelserna skickas; breven dateras med den.
    #[serde(rename = "kallelsedatum", default, skip_serializing_if = "Option::is_none")]
    pub invitation_date: Option<Date>,
    /// Länk till ett digitalt möte (https://…); står i kallelserna och kalenderfilen.
    #[serde(rename = "länk", default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Deltagare (id) som leder mötet.
    #[serde(rename = "ordförande", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "deltagare"))]
    pub chair: Option<String>,
    /// Deltagare (id) som för anteckningar.
    #[serde(rename = "sekreterare", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "deltagare"))]
    pub secretary: Option<String>,
    /// Deltagare (id) som justerar anteckningarna.
    #[serde(rename = "justerare", default)]
    #[schemars(extend("x-samplan-ref" = "deltagare"))]
    pub checkers: Vec<String>,
    /// Dagen då justerarna godkände anteckningarna.
    #[serde(rename = "justerad", default, skip_serializing_if = "Option::is_none")]
    pub checked_on: Option<Date>,
    /// Vad personalen ska förbereda (står bara i personalens brev).
    #[serde(rename = "förberedelse", default, skip_serializing_if = "Option::is_none")]
    pub preparation: Option<String>,
    /// Vad personen kan förbereda (står i personens eget brev).
    #[serde(rename = "förberedelse_personen", default, skip_serializing_if = "Option::is_none")]
    pub preparation_person: Option<String>,
    /// Vad närstående och företrädare kan förbereda (står i deras brev; saknas den står
    /// en allmän text där).
    #[serde(rename = "förberedelse_närstående", default, skip_serializing_if = "Option::is_none")]
    pub preparation_relatives: Option<String>,
    /// Efter mötet: vilka som var med (id; `personen` för personen själv).
    #[serde(rename = "närvarande", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "personer", "x-samplan-ord" = ["personen"]))]
    pub present: Option<Vec<String>>,
    /// När personen behöver tolk (`person.tolk`): `true` när tolken är bokad till mötet.
    /// Översikten påminner om att boka tolk tills dess.
    #[serde(rename = "tolk_bokad", default, skip_serializing_if = "Option::is_none")]
    pub interpreter_booked: Option<bool>,
}

/// Själva planen.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Nuläge: personens behov, så som personen beskriver dem.
    #[serde(rename = "nuläge", default, skip_serializing_if = "Option::is_none")]
    pub present_situation: Option<String>,
    /// Personens förutsättningar.
    #[serde(rename = "förutsättningar", default, skip_serializing_if = "Option::is_none")]
    pub prerequisites: Option<String>,
    /// Personens intressen.
    #[serde(rename = "intressen", default, skip_serializing_if = "Option::is_none")]
    pub interests: Option<String>,
    /// Så skulle personen vilja ha det.
    #[serde(rename = "önskemål", default, skip_serializing_if = "Option::is_none")]
    pub wishes: Option<String>,
    /// Barnets inställning, när personen är under 18 år.
    #[serde(rename = "barnets_inställning", default, skip_serializing_if = "Option::is_none")]
    pub childs_view: Option<String>,
    /// Mål för de samordnade insatserna.
    #[serde(rename = "mål", default)]
    pub goals: Vec<Goal>,
    /// Läkemedel, vid behov.
    #[serde(rename = "läkemedel", default, skip_serializing_if = "Option::is_none")]
    pub medicines: Option<String>,
    /// Hjälpmedel, vid behov.
    #[serde(rename = "hjälpmedel", default, skip_serializing_if = "Option::is_none")]
    pub assistive_devices: Option<String>,
    /// Förutom målen talade vi om …
    #[serde(rename = "övrigt", default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    /// Andra planer som den här bygger på.
    #[serde(rename = "andra_planer", default)]
    pub other_plans: Vec<String>,
    /// Tidsplan: start, utvärdering och slut.
    #[serde(rename = "tidsplan", default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Timeline>,
    /// Uppföljning av planen.
    #[serde(rename = "uppföljning", default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUp>,
    /// Planens fria texter på personens språk (`person.språk`), per språkkod: `{fi:
    /// {nuläge: …, önskemål: …}}`. En text som inte är översatt visas på svenska och
    /// märks så.
    #[serde(rename = "översättning", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translation: BTreeMap<String, PlanTranslation>,
}

/// Planens fria texter på ett annat språk än svenska, med samma namn som i `plan`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanTranslation {
    /// Nuläge och behov.
    #[serde(rename = "nuläge", default, skip_serializing_if = "Option::is_none")]
    pub present_situation: Option<String>,
    /// Förutsättningar.
    #[serde(rename = "förutsättningar", default, skip_serializing_if = "Option::is_none")]
    pub prerequisites: Option<String>,
    /// Intressen.
    #[serde(rename = "intressen", default, skip_serializing_if = "Option::is_none")]
    pub interests: Option<String>,
    /// Så skulle personen vilja ha det.
    #[serde(rename = "önskemål", default, skip_serializing_if = "Option::is_none")]
    pub wishes: Option<String>,
    /// Barnets inställning.
    #[serde(rename = "barnets_inställning", default, skip_serializing_if = "Option::is_none")]
    pub childs_view: Option<String>,
    /// Läkemedel.
    #[serde(rename = "läkemedel", default, skip_serializing_if = "Option::is_none")]
    pub medicines: Option<String>,
    /// Hjälpmedel.
    #[serde(rename = "hjälpmedel", default, skip_serializing_if = "Option::is_none")]
    pub assistive_devices: Option<String>,
    /// Förutom målen talade vi om …
    #[serde(rename = "övrigt", default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    /// Vad som följs upp (`uppföljning.vad`).
    #[serde(rename = "uppföljning_vad", default, skip_serializing_if = "Option::is_none")]
    pub follow_up_what: Option<String>,
}

/// Ett mål.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Målets id.
    #[schemars(regex(pattern = r"^[A-Za-z0-9_À-ÖØ-öø-ſ-]{1,64}$"))]
    pub id: String,
    /// Målet.
    pub text: String,
    /// Målet i lättläst form.
    #[serde(rename = "lättläst", default, skip_serializing_if = "Option::is_none")]
    pub easy_read: Option<String>,
    /// Insatser för att nå målet.
    #[serde(rename = "insatser", default)]
    pub interventions: Vec<Intervention>,
    /// Datum då målet följs upp.
    #[serde(rename = "uppföljning", default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<Date>,
    /// Måluppfyllelse vid uppföljning.
    #[serde(rename = "måluppfyllelse", default, skip_serializing_if = "Option::is_none")]
    pub fulfilment: Option<Fulfilment>,
    /// Kommentar.
    #[serde(rename = "kommentar", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Målet (`text`) på personens språk, per språkkod: `{fi: …}`.
    #[serde(rename = "översättning", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translation: BTreeMap<String, String>,
}

/// Hur väl ett mål har nåtts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Fulfilment {
    /// Målet är nått.
    #[serde(rename = "uppfyllt")]
    Met,
    /// Målet är delvis nått.
    #[serde(rename = "delvis uppfyllt")]
    PartlyMet,
    /// Målet är inte nått.
    #[serde(rename = "inte uppfyllt")]
    NotMet,
}

impl Fulfilment {
    /// Every fulfilment, in the order the documents and the report give them.
    pub const ALL: [Fulfilment; 3] = [Fulfilment::Met, Fulfilment::PartlyMet, Fulfilment::NotMet];
}

/// En insats.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    /// Vad som ska göras.
    #[serde(rename = "vad")]
    pub what: String,
    /// Organisation (id) som utför insatsen, eller `personen` / `närstående`.
    #[serde(rename = "utförare")]
    #[schemars(extend("x-samplan-ref" = "organisationer", "x-samplan-ord" = ["personen", "närstående"]))]
    pub performer: String,
    /// Ansvarig deltagare (id), eller `personen` / `närstående` när de själva ansvarar.
    #[serde(rename = "ansvarig", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "deltagare", "x-samplan-ord" = ["personen", "närstående"]))]
    pub responsible: Option<String>,
    /// `true` = beslutad, `false` = planerad.
    #[serde(rename = "beslutad", default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<bool>,
    /// Startdatum.
    #[serde(rename = "start", default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// Klart senast.
    #[serde(rename = "klart", default, skip_serializing_if = "Option::is_none")]
    pub done_by: Option<Date>,
    /// Insatsen i lättläst form.
    #[serde(rename = "lättläst", default, skip_serializing_if = "Option::is_none")]
    pub easy_read: Option<String>,
    /// Insatsen (`vad`) på personens språk, per språkkod: `{fi: …}`.
    #[serde(rename = "översättning", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translation: BTreeMap<String, String>,
}

/// Tidsplan för samordningen.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    /// Start.
    #[serde(rename = "start", default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// Utvärdering mot målen.
    #[serde(rename = "utvärdering", default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<Date>,
    /// Slut.
    #[serde(rename = "slut", default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
}

/// Uppföljning av planen.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// Datum för uppföljningen.
    #[serde(rename = "datum", default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Deltagare (id) som kallar till uppföljningen.
    #[serde(rename = "kallas_av", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "deltagare"))]
    pub called_by: Option<String>,
    /// Vad som följs upp.
    #[serde(rename = "vad", default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
}

/// En version av planen.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// Versionsnummer.
    pub version: u32,
    /// Datum.
    #[serde(rename = "datum")]
    pub date: Date,
    /// Vad som ändrades.
    #[serde(rename = "beskrivning", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Avslut av samordningen.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    /// Datum för avslut.
    #[serde(rename = "datum", default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Orsak till avslut.
    #[serde(rename = "orsak", default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<ClosureReason>,
}

/// Orsak till avslut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ClosureReason {
    /// Målen är uppfyllda.
    #[serde(rename = "mål uppfyllda")]
    GoalsMet,
    /// Samordningen behövs inte längre.
    #[serde(rename = "samordning inte längre aktuell")]
    NoLongerNeeded,
    /// Annan orsak.
    #[serde(rename = "annat")]
    Other,
}

impl DeviationKind {
    /// Every kind of deviation, in the format's order.
    pub const ALL: [DeviationKind; 5] = [
        DeviationKind::Initiative,
        DeviationKind::Absent,
        DeviationKind::Treatment,
        DeviationKind::PlanNotFollowed,
        DeviationKind::Other,
    ];
}

/// En avvikelserapport (Halland): när arbetet med en SIP inte fungerar.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deviation {
    /// Dagen då det hände.
    #[serde(rename = "datum")]
    pub date: Date,
    /// Vad avvikelsen gäller: `initiativ`, `uteblev`, `bemötande`, `planen-följs-inte`
    /// eller `annat`.
    #[serde(rename = "typ", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DeviationKind>,
    /// Organisationen (id) som avvikelsen gäller och som rapporten skickas till.
    #[serde(rename = "gäller", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "organisationer"))]
    pub concerns: Option<String>,
    /// Vad som hände.
    #[serde(rename = "beskrivning")]
    pub description: String,
    /// Deltagaren (id) som rapporterar avvikelsen.
    #[serde(rename = "rapporterad_av", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-samplan-ref" = "deltagare"))]
    pub reported_by: Option<String>,
}

/// Vad en avvikelse gäller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum DeviationKind {
    /// Ingen tog initiativ till en SIP fast personen tydligt behövde en.
    #[serde(rename = "initiativ")]
    Initiative,
    /// Någon som kallades kom inte till mötet.
    #[serde(rename = "uteblev")]
    Absent,
    /// Personen blev illa bemött på mötet.
    #[serde(rename = "bemötande")]
    Treatment,
    /// En del av planen följdes inte.
    #[serde(rename = "planen-följs-inte")]
    PlanNotFollowed,
    /// Något annat.
    #[serde(rename = "annat")]
    Other,
}

/// Ett informationsblad om SIP för allmänheten.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Informationsblad (typ: information)")]
pub struct InfoCase {
    /// Filtyp: `information`.
    #[schemars(extend("enum" = ["information"]))]
    pub typ: FileKind,
    /// Bladets id, 1–64 tecken av A–Z, a–z, 0–9, `_` och `-`.
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub id: String,
    /// Rutinen som bladet beskriver.
    #[serde(rename = "rutin")]
    pub routine: String,
    /// Avsändare, t.ex. kommunen och regionen.
    #[serde(rename = "avsändare")]
    pub sender: String,
    /// Kontaktuppgifter.
    #[serde(rename = "kontakt")]
    pub contact: Contact,
    /// Format som bladet görs i.
    #[serde(rename = "format", default)]
    pub formats: Vec<Format>,
    /// Bladets datum (ÅÅÅÅ-MM-DD); annars datumet för samplans texter.
    #[serde(rename = "datum", default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Mapp med egna mallar i stället för de inbyggda.
    #[serde(rename = "mallar", default, skip_serializing_if = "Option::is_none")]
    pub templates: Option<String>,
}

/// Kontaktuppgifter i ett informationsblad.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Telefonnummer.
    #[serde(rename = "telefon", default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-postadress.
    #[serde(rename = "e-post", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Webbadress.
    #[serde(rename = "webb", default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
}

/// A parsed case file of either kind.
#[derive(Debug, Clone)]
pub enum CaseFile {
    /// `typ: plan`
    Plan(Box<PlanCase>),
    /// `typ: information`
    Information(Box<InfoCase>),
}

impl CaseFile {
    /// The routine id the file names.
    pub fn routine(&self) -> &str {
        match self {
            CaseFile::Plan(p) => &p.routine,
            CaseFile::Information(i) => &i.routine,
        }
    }
}
