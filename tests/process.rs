//! The SIP as a process, end to end: the first invitations before any plan exists,
//! invitations that belong to their meeting and stay as sent once it is held, who gets
//! a letter (the person decides), each letter worded for its reader, and a plan that
//! says who consented, who was there and who checked the notes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{ROOT, built_examples, pdf_raw_text, peter, snapshot};

fn build(cases: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samplan")).args(["build", "-o"]).arg(out).arg(cases).output().unwrap()
}

fn text(pdf: &Path) -> String {
    pdf_raw_text(pdf).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn example(name: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join("cases").join(name)).unwrap()
}

/// A folder with one case file `name` holding `text`, and an empty output folder.
fn setup(name: &str, text: &str) -> (tempfile::TempDir, PathBuf, tempfile::TempDir) {
    let cases = tempfile::tempdir().unwrap();
    let file = cases.path().join(name);
    std::fs::write(&file, text).unwrap();
    (cases, file, tempfile::tempdir().unwrap())
}

fn built_ok(cases: &Path, out: &Path) {
    let run = build(cases, out);
    assert!(run.status.success(), "{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
}

/// Aron's case carried on past his first meeting: the plan was made there, and he chose
/// Maria as his coordinator.
fn aron_version_1() -> String {
    example("aron-vgr-kallad.yaml")
        .replace("version: 0\nstatus: kallad\n", "version: 1\nstatus: pågående\n")
        .replace("\nmöten:\n", "\nsamordnare: maria\növergripande_ansvar: psykos-sahlgrenska\n\nmöten:\n")
        + r#"    närvarande: [personen, maria, jesper, linn, gm-sten, mamma]

plan:
  nuläge: Aron skrivs ut från sjukhuset och har ingen bostad.
  förutsättningar: Aron mår bättre med fasta tider och få personer runt sig.
  intressen: Musik och att laga mat.
  mål:
    - id: bostad
      text: Aron har en egen bostad med stöd.
      lättläst: Du ska få ett eget hem.
      insatser:
        - vad: Ansökan om boende med stöd
          utförare: gbg-soc
          ansvarig: jesper
          beslutad: false
          start: 2026-12-11
          klart: 2027-02-28
        - vad: Utreda sjukpenning
          utförare: fk-goteborg
          ansvarig: linn
          beslutad: true
          start: 2026-12-11
          klart: 2027-01-31
      uppföljning: 2027-03-01
  tidsplan:
    start: 2026-12-10
    utvärdering: 2027-03-01
    slut: 2027-06-30
  uppföljning:
    datum: 2027-03-01
    kallas_av: maria
    vad: Bostad och ekonomi.

revisioner:
  - version: 1
    datum: 2026-12-10
    beskrivning: Planen upprättades vid det första samordningsmötet.
"#
}

#[test]
fn a_called_case_gets_its_invitations_only_and_they_stay_when_the_plan_is_made() {
    let (cases, file, out) = setup("aron.yaml", &example("aron-vgr-kallad.yaml"));
    built_ok(cases.path(), out.path());
    let root = out.path().join("VGR-2026-0231");
    let meeting = root.join("mote-1");
    let mut names: Vec<String> = snapshot(&root).keys().map(|p| p.display().to_string()).collect();
    names.retain(|n| n != ".samplan-lock");
    assert!(names.iter().all(|n| n == "manifest.json" || n.starts_with("mote-1/")), "{names:?}");
    for letter in
        ["kallelse-maria.pdf", "kallelse-jesper.pdf", "kallelse-linn.pdf", "kallelse-gm-sten.pdf", "kallelse-mamma.pdf"]
    {
        assert!(meeting.join(letter).is_file(), "{letter}");
    }
    assert!(!meeting.join("kallelse-bror.pdf").exists(), "Aron does not want his brother invited");
    assert!(meeting.join("mote.ics").is_file() && meeting.join("kallelse-person-lattlast.pdf").is_file());
    // Until a coordinator is chosen, the person asks the one who called the meeting.
    let person = text(&meeting.join("kallelse-person.pdf"));
    assert!(person.contains("Ring eller skriv till den som har kallat till mötet, Maria Holm"), "{person}");
    let before = snapshot(&meeting);

    // The meeting is held: the plan is made and Maria is chosen as coordinator.
    std::fs::write(&file, aron_version_1()).unwrap();
    built_ok(cases.path(), out.path());
    assert!(root.join("v1/plan.pdf").is_file(), "the plan is added");
    assert_eq!(snapshot(&meeting), before, "the first meeting's letters stay as they were sent");
}

#[test]
fn a_new_meeting_gets_its_own_folder_and_earlier_meetings_stay_as_they_were() {
    let (cases, file, out) = setup("peter.yaml", &peter());
    built_ok(cases.path(), out.path());
    let root = out.path().join("KLM-2026-0042");
    let third = snapshot(&root.join("mote-3"));
    // A fourth meeting is called, then moved.
    let fourth = peter().replace(
        "\nplan:\n",
        "  - typ: uppföljningsmöte\n    datum: 2026-11-10\n    tid: \"10:00\"\n    plats: Vårdcentralen Kalmar, rum 3\n    kallad_av: lisa\n    kallelsedatum: 2026-10-20\n\nplan:\n",
    );
    std::fs::write(&file, &fourth).unwrap();
    built_ok(cases.path(), out.path());
    assert!(root.join("mote-4/kallelse-anna.pdf").is_file());
    assert_eq!(snapshot(&root.join("mote-3")), third, "meeting 3's letters are not replaced");
    let fourth_before = snapshot(&root.join("mote-4"));
    std::fs::write(&file, fourth.replace("    datum: 2026-11-10\n", "    datum: 2026-11-17\n")).unwrap();
    built_ok(cases.path(), out.path());
    assert_ne!(snapshot(&root.join("mote-4")), fourth_before, "the moved meeting's letters are renewed");
    assert_eq!(snapshot(&root.join("mote-3")), third, "meeting 3's letters are still not touched");
}

#[test]
fn a_held_meetings_letters_are_history() {
    // Peter's version 2 was made at his second meeting; with no meeting after it, that
    // meeting is the last one, and it has been held.
    let start = peter().find("  - typ: uppföljningsmöte\n    datum: 2026-09-15").unwrap();
    let end = peter().find("\nplan:\n").unwrap();
    let mut held = peter();
    held.replace_range(start..end, "");
    let (cases, file, out) = setup("peter.yaml", &held);
    built_ok(cases.path(), out.path());
    let meeting = out.path().join("KLM-2026-0042/mote-2");
    let before = snapshot(&meeting);
    assert!(before.contains_key(Path::new("kallelse-anna.pdf")));
    // Lisa has a new phone number: letters sent before the meeting are not rewritten.
    std::fs::write(&file, held.replace("0480-11 11 11", "0480-99 99 99")).unwrap();
    built_ok(cases.path(), out.path());
    assert_eq!(snapshot(&meeting), before);
    let forced = Command::new(env!("CARGO_BIN_EXE_samplan"))
        .args(["build", "--force", "-o"])
        .arg(out.path())
        .arg(cases.path())
        .output()
        .unwrap();
    assert!(forced.status.success());
    assert_eq!(snapshot(&meeting), before, "not even with --force");
}

#[test]
fn each_letter_is_worded_for_its_reader() {
    let meeting = built_examples().join("VGR-2026-0231/mote-1");
    let duty = "Den som kallas ska delta i mötet, om det inte finns starka skäl emot.";
    // Staff of the municipality: called, with the routine's duty to attend.
    let staff = text(&meeting.join("kallelse-jesper.pdf"));
    for words in ["Kallelse till samordningsmöte", "Skyldighet att delta", duty, "din verksamhet"] {
        assert!(staff.contains(words), "staff letter lacks ”{words}”: {staff}");
    }
    // Staff of Försäkringskassan, a god man and a mother: invited, with no duty and
    // nothing about "your organisation".
    for (letter, own) in [
        ("kallelse-linn.pdf", "Kan du inte komma, meddela den som kallat så snart som möjligt."),
        ("kallelse-gm-sten.pdf", "Du är välkommen, men du måste inte komma."),
        ("kallelse-mamma.pdf", "Brevet handlar om Aron Lindgren. Visa det inte för andra"),
    ] {
        let t = text(&meeting.join(letter));
        assert!(t.contains("Inbjudan till samordningsmöte"), "{letter}: {t}");
        assert!(t.contains(own), "{letter} lacks ”{own}”: {t}");
        for never in ["Kallelse till", "Skyldighet att delta", duty, "din verksamhet"] {
            assert!(!t.contains(never), "{letter} says ”{never}”");
        }
    }
    // The digital meeting's link, and who leads it.
    for letter in ["kallelse-jesper.pdf", "kallelse-mamma.pdf", "kallelse-person.pdf"] {
        let t = text(&meeting.join(letter));
        assert!(t.contains("https://moten.example.se/sip/vgr-2026-0231"), "{letter}");
        assert!(t.contains("Ordförande Maria Holm"), "{letter}: {t}");
    }
    // The person's own letter has their own preparation, never the staff's.
    let person = text(&meeting.join("kallelse-person.pdf"));
    assert!(person.contains("Tänk på var du vill bo och vad du behöver hjälp med"), "{person}");
    assert!(!person.contains("Ta reda på vilka insatser och beslut Aron har"), "{person}");
    let txt = std::fs::read_to_string(meeting.join("kallelse-person.txt")).unwrap_or_default();
    assert!(txt.is_empty() || !txt.contains("Ta reda på"), "{txt}");
}

#[test]
fn letters_are_dated_the_day_they_are_sent() {
    let meeting = built_examples().join("KLM-2026-0042/mote-3");
    for letter in ["kallelse-anna.pdf", "kallelse-person.pdf"] {
        assert!(text(&meeting.join(letter)).contains("25 augusti 2026"), "{letter}");
    }
}

#[test]
fn a_childs_plan_names_the_guardian_who_consented_and_who_represented_her() {
    let plan = text(&built_examples().join("KLM-2026-0063/v1/plan.pdf"));
    for words in [
        "Amal Hassan har som vårdnadshavare gett skriftligt samtycke till samordningen för Ylva Hassan den 1 september 2026.",
        "Ylva Hassan var inte med på mötet. Planen har upprättats tillsammans med Amal Hassan och Yusuf Hassan, som företrädde Ylva Hassan.",
        "Amal Hassan, vårdnadshavare Datum:",
        "Planen skickas också till Amal Hassan och Yusuf Hassan.",
    ] {
        assert!(plan.contains(words), "”{words}” missing: {plan}");
    }
    assert!(!plan.contains("Ylva Hassan har gett"), "a four-year-old did not consent herself");
    assert!(!plan.contains("Planen har upprättats tillsammans med Ylva Hassan."));
}

#[test]
fn a_plan_says_who_took_the_initiative_who_was_there_and_who_checked_the_notes() {
    let jonas = text(&built_examples().join("STS-2026-0031/v1/plan.pdf"));
    for words in [
        "Vilka som var med",
        "Jonas Berg (personen)",
        "Sekreterare: Fredrik",
        "Justerare: Maria Öberg och Ali Karimi, justerat 4 mars 2026",
        "Ordförande: Maria Öberg",
        "Initiativ",
    ] {
        assert!(jonas.contains(words), "”{words}” missing: {jonas}");
    }
    let peter = text(&built_examples().join("KLM-2026-0042/v2/plan.pdf"));
    assert!(
        peter.contains(
            "Lisa Lind, distriktssköterska, Vårdcentralen Kalmar tog initiativ till planen den 27 februari 2026."
        ),
        "{peter}"
    );
}

#[test]
fn a_leaflet_says_what_its_own_routine_says() {
    let leaflet = |id: &str| text(&built_examples().join("information").join(id).join("information.pdf"));
    let halland = leaflet("info-halland");
    assert!(
        halland.contains("inom 30 dagar") && halland.contains("Det är du som bestämmer vilka som ska bjudas in"),
        "{halland}"
    );
    let stockholm = leaflet("info-stockholm-stad");
    assert!(stockholm.contains("18 år eller äldre") && stockholm.contains("samtycke skriftligt"), "{stockholm}");
    let vgr = leaflet("info-vgr");
    for other in ["30 dagar", "18 år eller äldre"] {
        assert!(!vgr.contains(other), "the VGR leaflet says ”{other}”");
    }
}

#[test]
fn a_home_visit_shows_in_the_letters_but_not_in_the_shared_calendar() {
    let link = "    länk: https://moten.example.se/sip/vgr-2026-0231\n";
    let home = example("aron-vgr-kallad.yaml").replace(
        link,
        "    plats: Hemma hos Aron, c/o Stadsmissionen, Box 1, Göteborg\n    plats_i_kalendern: Hembesök\n",
    );
    let (cases, _, out) = setup("aron.yaml", &home);
    built_ok(cases.path(), out.path());
    let meeting = out.path().join("VGR-2026-0231/mote-1");
    let ics = std::fs::read_to_string(meeting.join("mote.ics")).unwrap();
    assert!(ics.contains("LOCATION:Hembesök"), "{ics}");
    assert!(!ics.contains("Aron") && !ics.contains("Stadsmissionen"), "{ics}");
    let letter = text(&meeting.join("kallelse-jesper.pdf"));
    assert!(letter.contains("Hemma hos Aron, c/o Stadsmissionen, Box 1, Göteborg"), "{letter}");
}

/// Peter's case with a fourth meeting, called for 10 November at 10.00.
fn peter_with_fourth_meeting() -> String {
    peter().replace(
        "\nplan:\n",
        "  - typ: uppföljningsmöte\n    datum: 2026-11-10\n    tid: \"10:00\"\n    plats: Vårdcentralen Kalmar, rum 3\n    kallad_av: lisa\n    kallelsedatum: 2026-10-20\n\nplan:\n",
    )
}

#[test]
fn a_moved_meeting_says_so_in_its_new_letters_and_goes_on_saying_it() {
    let (cases, file, out) = setup("peter.yaml", &peter_with_fourth_meeting());
    built_ok(cases.path(), out.path());
    let meeting = out.path().join("KLM-2026-0042/mote-4");
    for letter in ["kallelse-anna.pdf", "kallelse-person.pdf", "kallelse-person-lattlast.pdf"] {
        assert!(!text(&meeting.join(letter)).contains("flytta"), "{letter}: the first letters are not moved");
    }
    let moved = peter_with_fourth_meeting().replace("    datum: 2026-11-10\n", "    datum: 2026-11-17\n");
    std::fs::write(&file, &moved).unwrap();
    built_ok(cases.path(), out.path());
    let said = "Mötet är flyttat. Den tidigare tiden var tisdag 10 november 2026 kl. 10.00.";
    let check = |meeting: &Path| {
        for letter in ["kallelse-anna.pdf", "kallelse-gm-karin.pdf", "kallelse-person.pdf"] {
            let t = text(&meeting.join(letter));
            assert!(t.contains(said), "{letter}: {t}");
            assert!(t.contains("17 november 2026"), "{letter}: {t}");
        }
        let txt = std::fs::read_to_string(meeting.join("kallelse-person.txt")).unwrap();
        assert!(txt.contains(said), "{txt}");
        let easy = text(&meeting.join("kallelse-person-lattlast.pdf"));
        assert!(
            easy.contains("Vi har flyttat mötet. Den gamla tiden var tisdag den 10 november 2026 klockan 10."),
            "{easy}"
        );
    };
    check(&meeting);
    // The next build for another reason still says the meeting has moved.
    std::fs::write(&file, moved.replace("0480-11 11 11", "0480-99 99 99")).unwrap();
    built_ok(cases.path(), out.path());
    check(&meeting);
    // Moved to another room only: the letters name the earlier place.
    std::fs::write(
        &file,
        moved.replace(
            "Vårdcentralen Kalmar, rum 3\n    kallad_av: lisa\n    kallelsedatum: 2026-10-20",
            "Vårdcentralen Kalmar, rum 5\n    kallad_av: lisa\n    kallelsedatum: 2026-10-20",
        ),
    )
    .unwrap();
    built_ok(cases.path(), out.path());
    let t = text(&meeting.join("kallelse-anna.pdf"));
    assert!(t.contains("Den tidigare platsen var Vårdcentralen Kalmar, rum 3."), "{t}");
    // Moved back to the first day and room: moved again, from what the last letters said.
    std::fs::write(&file, peter_with_fourth_meeting()).unwrap();
    built_ok(cases.path(), out.path());
    let t = text(&meeting.join("kallelse-anna.pdf"));
    assert!(t.contains("Den tidigare tiden var tisdag 17 november 2026 kl. 10.00."), "{t}");
    assert!(t.contains("Den tidigare platsen var Vårdcentralen Kalmar, rum 5."), "{t}");
}

#[test]
fn relatives_and_representatives_get_their_own_preparation_never_the_staffs() {
    let meeting = built_examples().join("VGR-2026-0231/mote-1");
    let staff_only = "Ta reda på vilka insatser och beslut Aron har";
    assert!(text(&meeting.join("kallelse-jesper.pdf")).contains(staff_only));
    for letter in ["kallelse-mamma.pdf", "kallelse-gm-sten.pdf"] {
        let t = text(&meeting.join(letter));
        assert!(!t.contains(staff_only), "{letter}: {t}");
        assert!(t.contains("Fundera på vad du vill berätta och fråga om på mötet."), "{letter}: {t}");
    }
    // Their own text, when the case gives one.
    let own = "Fundera på hur du ser på Arons situation.";
    let aron = example("aron-vgr-kallad.yaml");
    let at = aron.find("    förberedelse:").unwrap();
    let mut with_own = aron.clone();
    with_own.insert_str(at, &format!("    förberedelse_närstående: {own}\n"));
    let (cases, _, out) = setup("aron.yaml", &with_own);
    built_ok(cases.path(), out.path());
    let meeting = out.path().join("VGR-2026-0231/mote-1");
    for letter in ["kallelse-mamma.pdf", "kallelse-gm-sten.pdf"] {
        assert!(text(&meeting.join(letter)).contains(own), "{letter}");
    }
    for letter in ["kallelse-jesper.pdf", "kallelse-person.pdf"] {
        assert!(!text(&meeting.join(letter)).contains(own), "{letter}");
    }
}

#[test]
fn the_plan_goes_to_representatives_and_to_relatives_only_with_the_persons_consent() {
    let version = built_examples().join("KLM-2026-0042/v2");
    let plan = text(&version.join("plan.pdf"));
    assert!(version.join("plan-till-gm-karin.pdf").is_file(), "the god man acts for Peter");
    assert!(!version.join("plan-till-syster.pdf").exists(), "Peter has not agreed that his sister gets the plan");
    assert!(plan.contains("Planen skickas också till Karin Berg."), "{plan}");
    assert!(!plan.contains("Eva Exempel."), "{plan}");
    let copy = text(&version.join("plan-till-gm-karin.pdf"));
    assert!(copy.contains("Till Karin Berg"), "{copy}");
    // With his consent, his sister gets her own exemplar and is on the list.
    let agreed = peter().replacen("  gäller: [", "  närstående: [syster]\n  gäller: [", 1);
    assert_ne!(agreed, peter());
    let (cases, _, out) = setup("peter.yaml", &agreed);
    built_ok(cases.path(), out.path());
    let version = out.path().join("KLM-2026-0042/v2");
    assert!(version.join("plan-till-syster.pdf").is_file());
    let plan = text(&version.join("plan.pdf"));
    assert!(plan.contains("Planen skickas också till Karin Berg och Eva Exempel."), "{plan}");
}

#[test]
fn the_persons_easy_read_plan_says_du_when_the_person_does_something() {
    // Peter does one intervention himself.
    let easy = text(&built_examples().join("KLM-2026-0042/v2/plan-lattlast.pdf"));
    assert!(easy.contains("Du gör det själv."), "{easy}");
    assert!(!easy.contains("Peter Exempel gör det."), "{easy}");
}
