//! `samplan new`: commented skeletons of both kinds of case file. Every value to fill in
//! is a placeholder `"<FYLL I: what, t.ex. example>"`; `check` reports each one left
//! (rule SIP-PLATSHALLARE), and a skeleton whose placeholders are filled passes `check`.

use crate::routine::Routine;

/// What every placeholder starts with.
pub const PLACEHOLDER_START: &str = "<FYLL I";

/// Whether `text` is (or contains) an unfilled placeholder.
pub fn is_placeholder(text: &str) -> bool {
    text.contains(PLACEHOLDER_START)
}

/// The skeleton of a plan case for `routine`.
pub fn plan_skeleton(routine: &Routine) -> String {
    let mut out = header(routine);
    out.push_str(&PLAN.replace("{rutin}", routine.id()));
    out
}

/// The skeleton of an information leaflet for `routine`.
pub fn information_skeleton(routine: &Routine) -> String {
    let mut out = header(routine);
    out.push_str(&INFORMATION.replace("{rutin}", routine.id()));
    out
}

fn header(routine: &Routine) -> String {
    let mut out = format!(
        "# yaml-language-server: $schema=../samplan.schema.json\n# Ny ärendefil för rutinen {} – {}\n# Byt ut varje \"<FYLL I: …>\" och kontrollera med: samplan check <fil>\n# Rutinen kräver de här fälten:\n",
        routine.id(),
        routine.file.title
    );
    for f in &routine.required {
        out.push_str(&format!("#   {}\n", f.path));
    }
    out.push('\n');
    out
}

const PLAN: &str = r#"typ: plan
ärende: "<FYLL I: ärendets id utan namn eller personnummer, t.ex. SIP-2026-0001>"
rutin: {rutin}
version: 1
status: pågående

person:
  namn: "<FYLL I: personens namn, t.ex. Alex Exempel>"
  # personnummer eller födelsedatum behövs när rutinen frågar efter barnets inställning
  födelsedatum: "<FYLL I: ÅÅÅÅ-MM-DD, t.ex. 1980-05-17>"
  adress: "<FYLL I: postadress, t.ex. Storgatan 1, 123 45 Exempelstad>"
  telefon: "<FYLL I: telefonnummer, t.ex. 070-000 00 00>"
  format: [standard]            # lägg till lättläst, storstil, punktskrift eller inläst vid behov

samtycke:
  datum: "<FYLL I: när samtycket gavs, t.ex. 2026-03-02>"
  form: skriftligt              # skriftligt eller muntligt
  dokumenterat_av: samordnaren
  # givet_av: id för en företrädare som gav samtycket för personen (annars personen själv)
  gäller: [kommunen, regionen]  # verksamheter som får utbyta uppgifter och få en kopia

initiativ:
  datum: "<FYLL I: när initiativet togs, t.ex. 2026-02-27>"
  av: samordnaren               # deltagare, eller personen / närstående / företrädare
  anledning: "<FYLL I: varför SIP behövs, t.ex. Behöver stöd från både kommunen och regionen.>"

organisationer:
  - id: kommunen
    namn: "<FYLL I: kommunens verksamhet, t.ex. Exempelstads kommun, socialförvaltningen>"
    huvudman: kommun
    verksamhet: socialtjänst
    adress: "<FYLL I: postadress, t.ex. Box 1, 123 80 Exempelstad>"
  - id: regionen
    namn: "<FYLL I: regionens verksamhet, t.ex. Vårdcentralen Exempelstad>"
    huvudman: region
    verksamhet: hälso- och sjukvård
    adress: "<FYLL I: postadress, t.ex. Box 2, 123 81 Exempelstad>"

deltagare:
  - id: samordnaren
    namn: "<FYLL I: namn, t.ex. Kim Lind>"
    organisation: regionen
    roll: "<FYLL I: yrke, t.ex. distriktssköterska>"
    telefon: "<FYLL I: telefon, t.ex. 010-000 00 01>"
    e-post: "<FYLL I: e-post, t.ex. kim.lind@example.se>"
    fax: "<FYLL I: fax om det finns, t.ex. 010-000 00 09>"
  - id: handlaggaren
    namn: "<FYLL I: namn, t.ex. Sam Berg>"
    organisation: kommunen
    roll: "<FYLL I: yrke, t.ex. biståndshandläggare>"
    telefon: "<FYLL I: telefon, t.ex. 010-000 00 02>"
    e-post: "<FYLL I: e-post, t.ex. sam.berg@example.se>"

samordnare: samordnaren
övergripande_ansvar: regionen

möten:
  - typ: samordningsmöte
    datum: "<FYLL I: mötesdag, t.ex. 2026-03-20>"
    tid: "<FYLL I: starttid, t.ex. 13:00>"
    sluttid: "<FYLL I: sluttid, t.ex. 14:30>"
    plats: "<FYLL I: plats som personen valt, t.ex. Hemma hos Alex>"
    kallad_av: samordnaren
    kallelsedatum: "<FYLL I: dagen kallelserna skickas, t.ex. 2026-03-05>"
    # länk: https://… om mötet är digitalt
    ordförande: samordnaren
    sekreterare: handlaggaren
    justerare: [samordnaren, handlaggaren]   # en från kommunen och en från regionen
    förberedelse: "<FYLL I: vad de kallade ska förbereda, t.ex. Ta med vilka insatser Alex har i dag.>"
    förberedelse_personen: "<FYLL I: vad personen kan tänka på, t.ex. Tänk på vad som är viktigast för dig.>"
    # efter mötet: vilka som var med (personen, deltagare, företrädare, närstående)
    närvarande: [personen, samordnaren, handlaggaren]

plan:
  nuläge: "<FYLL I: behov, så som personen beskriver dem, t.ex. Alex behöver stöd i vardagen.>"
  förutsättningar: "<FYLL I: förutsättningar, t.ex. Alex har svårt att gå långa sträckor.>"
  intressen: "<FYLL I: intressen, t.ex. Musik och promenader.>"
  önskemål: "<FYLL I: så skulle personen vilja ha det, t.ex. Alex vill bo kvar hemma.>"
  # krävs när personen är under 18 år (Stockholms län)
  barnets_inställning: "<FYLL I: barnets egen inställning, t.ex. Gäller inte, Alex är vuxen.>"
  mål:
    - id: mal1
      text: "<FYLL I: målet, t.ex. Alex klarar vardagen hemma med stöd.>"
      insatser:
        - vad: "<FYLL I: insatsen, t.ex. Hemtjänst två gånger per dag>"
          utförare: kommunen
          ansvarig: handlaggaren
          beslutad: true          # true = beslutad, false = planerad
          start: "<FYLL I: start, t.ex. 2026-03-25>"
          klart: "<FYLL I: klart senast, t.ex. 2026-06-30>"
      uppföljning: "<FYLL I: när målet följs upp, t.ex. 2026-06-15>"
  läkemedel: "<FYLL I: läkemedel vid behov, t.ex. Inga.>"
  hjälpmedel: "<FYLL I: hjälpmedel vid behov, t.ex. Rollator.>"
  övrigt: "<FYLL I: annat som togs upp, t.ex. Inget annat.>"
  tidsplan:
    start: "<FYLL I: start, t.ex. 2026-03-20>"
    utvärdering: "<FYLL I: utvärdering, t.ex. 2026-09-15>"
    slut: "<FYLL I: slut, t.ex. 2026-12-31>"
  uppföljning:
    datum: "<FYLL I: uppföljningsmöte, t.ex. 2026-06-15>"
    kallas_av: samordnaren
    vad: "<FYLL I: vad som följs upp, t.ex. Hur hemtjänsten fungerar.>"

revisioner:
  - version: 1
    datum: "<FYLL I: när planen upprättades, t.ex. 2026-03-20>"
    beskrivning: Planen upprättades vid samordningsmötet.
"#;

const INFORMATION: &str = r#"typ: information
id: "<FYLL I: bladets id, t.ex. info-exempelstad>"
rutin: {rutin}
avsändare: "<FYLL I: avsändare, t.ex. Exempelstads kommun och Region Exempel>"
kontakt:
  telefon: "<FYLL I: telefon, t.ex. 010-000 00 00>"
  e-post: "<FYLL I: e-post, t.ex. sip@example.se>"
  webb: "<FYLL I: webbadress, t.ex. https://example.se/sip>"
format: [standard]
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_text;
    use crate::routine::Routines;

    /// Fills every placeholder with its example value.
    fn fill(text: &str) -> String {
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

    #[test]
    fn unfilled_skeletons_fail_only_on_placeholders() {
        for routine in Routines::builtin().all() {
            for text in [plan_skeleton(routine), information_skeleton(routine)] {
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
            for text in [plan_skeleton(routine), information_skeleton(routine)] {
                let checked = check_text("ny.yaml", &fill(&text));
                let errors: Vec<String> =
                    checked.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.render_text()).collect();
                assert!(errors.is_empty(), "{}:\n{}", routine.id(), errors.join(""));
            }
        }
    }
}
