//! Realistic generated plan cases (seeded, so the same seed gives the same case) for the
//! benchmark and for tests that need many varied valid cases. Every generated case
//! passes `check` under its routine.

use std::fmt::Write;

use crate::case::datetime::CalendarDate;

/// A small deterministic PRNG (SplitMix64); enough for varied test data.
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() as u64 - 1) as usize]
    }
}

const FIRST: &[&str] = &[
    "Anna", "Erik", "Maria", "Lars", "Fatima", "Johan", "Aisha", "Karl", "Eva", "Omar", "Sara", "Nils", "Leila", "Per",
    "Ingrid", "Ali",
];
const LAST: &[&str] = &[
    "Andersson",
    "Berg",
    "Ek",
    "Lind",
    "Holm",
    "Nyström",
    "Said",
    "Ahmadi",
    "Lundqvist",
    "Sjöberg",
    "Öberg",
    "Åkesson",
];
const TOWNS: &[&str] = &["Kalmar", "Borås", "Halmstad", "Södertälje", "Varberg", "Uddevalla", "Nacka", "Växjö"];
const NEEDS: &[&str] = &[
    "behöver stöd i vardagen efter en stroke",
    "har svårt att klara hushållet och sina läkemedel",
    "behöver hjälp att hitta en sysselsättning som passar",
    "vill kunna bo kvar hemma trots sin demenssjukdom",
    "behöver samordnat stöd kring skola, habilitering och familj",
    "har både missbruk och psykisk ohälsa och behöver hjälp från flera håll",
];
const GOALS: &[&str] = &[
    "ska kunna gå kortare sträckor med rollator",
    "ska ha en egen bostad med det stöd som behövs",
    "ska ta sina läkemedel rätt varje dag",
    "ska ha en meningsfull sysselsättning tre dagar i veckan",
    "ska kunna kommunicera sina behov med bildstöd",
    "ska känna sig trygg hemma på nätterna",
    "ska ha en fungerande ekonomi utan nya skulder",
];
const ACTIONS: &[&str] = &[
    "Gångträning två gånger i veckan",
    "Utreda och besluta om boendestöd",
    "Dosett och läkemedelsgenomgång",
    "Kontakt med daglig verksamhet",
    "Bildstöd och kommunikationsträning",
    "Trygghetslarm och nattpatrull",
    "Budget- och skuldrådgivning",
    "Hemtjänst morgon och kväll",
];

/// A generated plan case as YAML; valid under its routine.
pub fn plan_case(seed: u64) -> String {
    plan_case_with(seed, false)
}

/// [`plan_case`] whose person also asks for the recorded forms (`inläst`).
pub fn recorded_plan_case(seed: u64) -> String {
    plan_case_with(seed, true)
}

fn plan_case_with(seed: u64, recorded: bool) -> String {
    let mut r = Rng::new(seed);
    let routines = crate::routine::Routines::builtin().ids();
    let routine = routines[(seed % routines.len() as u64) as usize];
    let town = r.pick(TOWNS);
    let name = format!("{} {}", r.pick(FIRST), r.pick(LAST));
    let first_name = name.split(' ').next().unwrap_or("Personen").to_string();
    let child = routine == "stockholm-lan-2011" && r.range(0, 2) == 0;
    let birth_year = if child { r.range(2012, 2020) } else { r.range(1935, 2000) };
    let start = CalendarDate::parse("2026-01-05").map(|d| d.add_days(r.range(0, 200) as i64)).unwrap_or(CalendarDate {
        year: 2026,
        month: 1,
        day: 5,
    });
    let consent = start.add_days(-(r.range(1, 20) as i64));
    let initiative = consent.add_days(-(r.range(0, 10) as i64));
    let follow = start.add_days(r.range(60, 100) as i64);
    let evaluation = start.add_days(r.range(120, 180) as i64);
    let end = start.add_days(r.range(200, 330) as i64);
    let version = r.range(1, 3);
    // Every form the person can ask for, so a build makes every kind of document.
    let formats: &[&str] = if recorded {
        &["standard", "lättläst", "storstil", "punktskrift", "inläst"]
    } else {
        &["standard", "lättläst", "storstil", "punktskrift"]
    };
    let n_formats = formats.len();

    let mut y = String::new();
    let _ = writeln!(y, "typ: plan\närende: GEN-{seed:06}\nrutin: {routine}\nversion: {version}\nstatus: pågående\n");
    let _ = writeln!(y, "person:\n  namn: {name}\n  födelsedatum: {birth_year}-0{}-1{}", r.range(1, 9), r.range(0, 9));
    let _ = writeln!(
        y,
        "  adress: Storgatan {}, 123 45 {town}\n  telefon: 070-{:03} {:02} {:02}",
        r.range(1, 90),
        r.range(0, 999),
        r.range(0, 99),
        r.range(0, 99)
    );
    let _ = writeln!(y, "  format: [{}]", formats[..n_formats].join(", "));
    let _ = writeln!(
        y,
        "  närstående:\n    - id: anhorig\n      namn: {} {}\n      relation: {}\n      bjuds_in: true",
        r.pick(FIRST),
        r.pick(LAST),
        r.pick(&["dotter", "son", "make", "syster", "granne"])
    );
    let _ = writeln!(
        y,
        "\nsamtycke:\n  datum: {consent}\n  form: skriftligt\n  dokumenterat_av: p0\n  gäller: [kommun, region, annan]\n"
    );
    let _ = writeln!(y, "initiativ:\n  datum: {initiative}\n  av: p0\n  anledning: {first_name} {}.\n", r.pick(NEEDS));
    let _ = writeln!(
        y,
        "organisationer:\n  - id: kommun\n    namn: {town} kommun, socialförvaltningen\n    huvudman: kommun\n    verksamhet: socialtjänst\n    adress: Box 1, 123 80 {town}"
    );
    let _ = writeln!(
        y,
        "  - id: region\n    namn: Vårdcentralen {town}\n    huvudman: region\n    verksamhet: hälso- och sjukvård\n    adress: Box 2, 123 81 {town}"
    );
    let _ = writeln!(
        y,
        "  - id: annan\n    namn: Försäkringskassan\n    huvudman: annan\n    verksamhet: Försäkringskassan\n"
    );
    let n_people = r.range(3, 6);
    let _ = writeln!(y, "deltagare:");
    for i in 0..n_people {
        let org = match i {
            0 => "region",
            1 => "kommun",
            2 => "annan",
            _ => r.pick(&["kommun", "region"]),
        };
        let role = r.pick(&[
            "distriktssköterska",
            "biståndshandläggare",
            "arbetsterapeut",
            "fysioterapeut",
            "kurator",
            "handläggare",
        ]);
        let (f, l) = (r.pick(FIRST), r.pick(LAST));
        let _ = writeln!(
            y,
            "  - id: p{i}\n    namn: {f} {l}\n    organisation: {org}\n    roll: {role}\n    telefon: 010-{:03} {:02} {:02}\n    e-post: {}.{}@example.se\n    fax: 010-{:03} {:02} 99",
            r.range(100, 999),
            r.range(10, 99),
            r.range(10, 99),
            ascii(f),
            ascii(l),
            r.range(100, 999),
            r.range(10, 99)
        );
    }
    let _ = writeln!(y, "\nsamordnare: p0\növergripande_ansvar: region\n");
    let _ = writeln!(
        y,
        "möten:\n  - typ: samordningsmöte\n    datum: {start}\n    kallelsedatum: {}\n    justerad: {}\n    tid: \"{:02}:00\"\n    sluttid: \"{:02}:30\"",
        start.add_days(-14),
        start.add_days(2),
        9 + r.range(0, 4),
        10 + r.range(4, 5)
    );
    let _ = writeln!(
        y,
        "    plats: {}\n    kallade: [p0, p1, p2, anhorig]\n    kallad_av: p0\n    sekreterare: p1\n    justerare: [p0, p1]",
        r.pick(&["Hemma hos personen", "Vårdcentralen, rum 3", "Socialkontoret, mötesrum Eken"])
    );
    let _ = writeln!(y, "    förberedelse: Ta reda på vilka insatser {first_name} har i dag och hur de fungerar.");
    if version > 1 {
        let _ = writeln!(
            y,
            "  - typ: uppföljningsmöte\n    datum: {follow}\n    kallelsedatum: {}\n    justerad: {}\n    tid: \"10:00\"\n    sluttid: \"11:00\"\n    plats: Vårdcentralen {town}\n    kallad_av: p0\n    sekreterare: p1\n    justerare: [p0, p1]",
            follow.add_days(-14),
            follow.add_days(2)
        );
    }
    let _ =
        writeln!(y, "\nplan:\n  nuläge: >-\n    {first_name} {}. {}", r.pick(NEEDS), long_text(&mut r, &first_name));
    let _ = writeln!(y, "  förutsättningar: {first_name} har ett litet kontaktnät och behöver tid att förbereda sig.");
    let _ = writeln!(
        y,
        "  intressen: {}.",
        r.pick(&["Fiske och musik", "Trädgård och radio", "Fotboll och datorspel", "Stickning och promenader"])
    );
    let _ = writeln!(y, "  önskemål: {first_name} vill klara sig så självständigt som möjligt.");
    if child {
        let _ =
            writeln!(y, "  barnets_inställning: {first_name} vill vara med på mötet en stund och visa sina bilder.");
    }
    let _ = writeln!(y, "  mål:");
    // Plans in the routines' examples have two to four goals; most have two or three.
    let n_goals = r.range(1, 4);
    let orgs = ["kommun", "region", "annan"];
    for g in 0..n_goals {
        let _ = writeln!(
            y,
            "    - id: m{g}\n      text: {first_name} {}.\n      lättläst: Du ska få hjälp med det här.",
            r.pick(GOALS)
        );
        let _ = writeln!(y, "      insatser:");
        let n_iv = if g == 0 { 3 } else { r.range(1, 3) };
        for i in 0..n_iv {
            let org = if g == 0 && i < 3 { orgs[i as usize] } else { r.pick(&orgs) };
            let responsible = match org {
                "region" => "p0",
                "kommun" => "p1",
                _ => "p2",
            };
            let iv_start = start.add_days(r.range(1, 20) as i64);
            let _ = writeln!(
                y,
                "        - vad: {}\n          utförare: {org}\n          ansvarig: {responsible}\n          beslutad: {}\n          start: {iv_start}\n          klart: {}",
                r.pick(ACTIONS),
                r.range(0, 1) == 1,
                iv_start.add_days(r.range(30, 120) as i64)
            );
        }
        let _ = writeln!(y, "      uppföljning: {follow}");
        if version > 1 {
            let _ = writeln!(y, "      måluppfyllelse: {}", r.pick(&["uppfyllt", "delvis uppfyllt", "inte uppfyllt"]));
        }
    }
    let _ = writeln!(
        y,
        "  läkemedel: Se läkemedelslistan från vårdcentralen.\n  hjälpmedel: {}\n  övrigt: {first_name} vill att mötena hålls på förmiddagen.",
        r.pick(&["Rollator.", "Rullstol och rollator.", "Inga."])
    );
    let _ = writeln!(
        y,
        "  tidsplan:\n    start: {start}\n    utvärdering: {evaluation}\n    slut: {end}\n  uppföljning:\n    datum: {follow}\n    kallas_av: p0\n    vad: Hur insatserna fungerar och om målen är nådda.\n"
    );
    let _ = writeln!(y, "revisioner:");
    for v in 1..=version {
        let date = if v == 1 { start } else { follow.add_days(v as i64 - 2) };
        let _ = writeln!(
            y,
            "  - version: {v}\n    datum: {date}\n    beskrivning: {}",
            if v == 1 { "Planen upprättades." } else { "Uppföljning; måluppfyllelse införd." }
        );
    }
    y
}

fn ascii(s: &str) -> String {
    s.to_lowercase().replace(['å', 'ä'], "a").replace('ö', "o")
}

fn long_text(r: &mut Rng, name: &str) -> String {
    let sentences = [
        "Hen vill själv vara med och bestämma.",
        "Familjen är viktig och vill hjälpa till.",
        "Det har varit svårt att veta vem man ska ringa.",
        "Flera verksamheter är inblandade och behöver samordna sig.",
        "Vardagen fungerar bättre när det finns tydliga tider.",
    ];
    let n = r.range(1, 5) as usize;
    let mut out = format!("{name} berättar själv om sin situation.");
    for _ in 0..n {
        out.push(' ');
        out.push_str(sentences[r.range(0, sentences.len() as u64 - 1) as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_text;

    #[test]
    fn generated_cases_are_clean_and_stable() {
        // Not even a warning: a case with a diagnostic costs `check` and a no-op build
        // its key positions and the printed finding, which is not what a benchmark of
        // finished cases should time.
        for seed in 0..120 {
            for text in [plan_case(seed), recorded_plan_case(seed)] {
                let checked = check_text("gen.yaml", &text);
                let found: Vec<String> = checked.diagnostics.iter().map(|d| d.render_text()).collect();
                assert!(found.is_empty(), "seed {seed}:\n{}\n{text}", found.join(""));
            }
        }
        assert_eq!(plan_case(7), plan_case(7));
        assert_ne!(plan_case(7), plan_case(8));
    }
}
