//! The coordinator's overview (`samplan oversikt`, `GET /api/oversikt`) and the period
//! report (`samplan rapport`, `GET /api/rapport`) against `docs/serve-api.md`: the
//! example cases and hand-written ones covering every kind of item and figure. The
//! expected items and figures are computed here, from the case files' YAML, by code
//! that shares nothing with samplan's; the PDF is read back with pdftotext.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

mod common;
use common::ROOT;
use common::server::start;

const BIN: &str = env!("CARGO_BIN_EXE_samplan");

/// The day the tests are made for.
const TODAY: &str = "2026-04-20";
const DAYS: i64 = 30;

/// Cases beside the examples, each for something the examples lack: a Halland case past
/// 20 days without a meeting, a closed case, deviation reports of several kinds, notes
/// not checked, a plan without a follow-up date, a late follow-up, and a draft with a
/// key the format does not know.
const EXTRA: &[(&str, &str)] = &[
    (
        "extra/halland-utan-mote.yaml",
        "ärende: HAL-X-1\nrutin: halland\nstatus: kallad\nversion: 0\nperson: {namn: Ada Holm, personnummer: '19710315-0004'}\ninitiativ: {datum: 2026-03-25, av: personen}\nmöten:\n  - {typ: samordningsmöte, datum: 2026-04-28, tid: '10:00'}\n",
    ),
    (
        "extra/avslutad.yaml",
        "ärende: KLM-X-2\nrutin: kalmar-2012\nstatus: avslutad\nperson: {namn: Bo Ek}\ninitiativ: {datum: 2026-01-10}\nmöten:\n  - {typ: samordningsmöte, datum: 2026-02-20, justerare: [a], justerad: 2026-02-22}\nplan:\n  mål:\n    - {id: a, text: Ett mål., måluppfyllelse: uppfyllt}\n    - {id: b, text: Ett till., måluppfyllelse: inte uppfyllt}\n  uppföljning: {datum: 2026-03-01}\navslut: {datum: 2026-04-02, orsak: mål uppfyllda}\n",
    ),
    (
        "extra/avvikelser.yaml",
        "ärende: HAL-X-3\nrutin: halland\nperson: {namn: Cecilia Lund}\ninitiativ: {datum: 2026-02-01}\nmöten:\n  - {typ: samordningsmöte, datum: 2026-02-10, justerare: [a]}\nplan:\n  mål: [{id: a, text: Mål., måluppfyllelse: delvis uppfyllt}, {id: b, text: Mål två.}]\n  uppföljning: {datum: 2026-04-01}\navvikelser:\n  - {datum: 2026-02-11, typ: uteblev, gäller: x, beskrivning: Ingen kom., rapporterad_av: a}\n  - {datum: 2026-03-03, typ: uteblev, gäller: x, beskrivning: Igen., rapporterad_av: a}\n  - {datum: 2026-03-04, typ: planen-följs-inte, gäller: x, beskrivning: Ingen insats., rapporterad_av: a}\n  - {datum: 2025-12-01, typ: annat, gäller: x, beskrivning: Före perioden., rapporterad_av: a}\növergripande_ansvar: vc\norganisationer: [{id: vc, namn: Vårdcentralen Exempel}]\n",
    ),
    (
        "extra/utkast.yaml",
        "ärende: VGR-X-4\nrutin: vgr-2009\nokänd_nyckel: ja\nperson: {namn: David Sjö}\ninitiativ: {datum: 2026-03-30}\nmöten:\n  - {typ: samordningsmöte, datum: 2026-04-24}\nplan: {mål: [{id: a, text: Mål.}]}\n",
    ),
];

fn date(text: &str) -> i64 {
    // Days since 1970-01-01 by the civil-from-days formula (Howard Hinnant's).
    let (y, m, d) =
        (text[0..4].parse::<i64>().unwrap(), text[5..7].parse::<i64>().unwrap(), text[8..10].parse::<i64>().unwrap());
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn iso(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn s<'a>(v: &'a Yaml, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Yaml::as_str)
}

fn day(v: &Yaml, key: &str) -> Option<i64> {
    s(v, key).filter(|t| t.len() == 10).map(date)
}

fn list<'a>(v: &'a Yaml, key: &str) -> Vec<&'a Yaml> {
    v.get(key).and_then(Yaml::as_sequence).map(|s| s.iter().collect()).unwrap_or_default()
}

/// A folder with the example plan cases and [`EXTRA`].
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(Path::new(ROOT).join("cases")).unwrap().map(Result::unwrap) {
        if e.path().extension().is_some_and(|x| x == "yaml") {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
        }
    }
    add_extra(dir.path());
    dir
}

fn add_extra(dir: &Path) {
    for (file, text) in EXTRA {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Every plan case of `dir`: (relative file, YAML).
fn cases(dir: &Path) -> Vec<(String, Yaml)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).into_iter().map(Result::unwrap) {
        if e.path().extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        let v: Yaml = serde_yaml::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        if s(&v, "typ").is_none_or(|t| t == "plan") {
            let file = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            out.push((file, v));
        }
    }
    out
}

/// The contract's `vad` table, over the YAML, with no letters built: (file, vad, datum).
fn expected_items(dir: &Path, today: i64, days: i64) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    for (file, v) in cases(dir) {
        let status = s(&v, "status").unwrap_or("pågående");
        let meetings = list(&v, "möten");
        let mut add = |vad: &str, d: i64| out.insert((file.clone(), vad.to_string(), iso(d)));
        for m in &meetings {
            let Some(d) = day(m, "datum") else { continue };
            if d >= today && d <= today + days {
                add("möte", d);
                // samplan's own: an interpreter to book for the person.
                let interpreter = v.get("person").and_then(|p| s(p, "tolk")).is_some_and(|t| !t.trim().is_empty());
                if interpreter && m.get("tolk_bokad").and_then(Yaml::as_bool) != Some(true) {
                    add("tolk", d);
                }
            }
            let checkers = m.get("justerare").and_then(Yaml::as_sequence).is_some_and(|j| !j.is_empty());
            if d < today && checkers && m.get("justerad").is_none() {
                add("ej-justerad", d);
            }
        }
        if let Some(d) = meetings.last().and_then(|m| day(m, "datum")).filter(|d| *d > today) {
            add("kallelser-ej-byggda", d);
        }
        let follow = v.get("plan").and_then(|p| p.get("uppföljning")).and_then(|u| day(u, "datum"));
        if status == "pågående" {
            match follow {
                Some(f) => {
                    let met = meetings
                        .iter()
                        .any(|m| s(m, "typ") == Some("uppföljningsmöte") && day(m, "datum").is_some_and(|d| d >= f));
                    if !met && f < today {
                        add("uppföljning-sen", f);
                    } else if !met && f <= today + days {
                        add("uppföljning", f);
                    }
                }
                None => {
                    add("ingen-uppföljning", today);
                }
            }
        }
        if s(&v, "rutin") == Some("halland")
            && let Some(i) = v.get("initiativ").and_then(|i| day(i, "datum"))
            && i + 20 <= today
            && !meetings.iter().any(|m| day(m, "datum").is_some_and(|d| d <= today))
        {
            add("30-dagar", i + 30);
        }
    }
    out
}

fn run(args: &[&str]) -> Vec<u8> {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn items_of(json: &Json) -> BTreeSet<(String, String, String)> {
    json.as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (i["file"].as_str().unwrap().into(), i["vad"].as_str().unwrap().into(), i["datum"].as_str().unwrap().into())
        })
        .collect()
}

#[test]
fn the_overview_gives_the_contracts_items_for_every_case() {
    let dir = folder();
    let out = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    let json: Json = serde_json::from_slice(&run(&[
        "oversikt",
        path,
        "--idag",
        TODAY,
        "--dagar",
        &DAYS.to_string(),
        "--format",
        "json",
        "-o",
        out.path().to_str().unwrap(),
    ]))
    .unwrap();
    let found = items_of(&json);
    let expected = expected_items(dir.path(), date(TODAY), DAYS);
    assert_eq!(found, expected);
    // Every kind of item is in this folder, so every rule was compared above.
    let kinds: BTreeSet<&str> = expected.iter().map(|(_, v, _)| v.as_str()).collect();
    for kind in ["möte", "kallelser-ej-byggda", "uppföljning-sen", "30-dagar", "ingen-uppföljning", "ej-justerad"] {
        assert!(kinds.contains(kind), "no {kind} among {kinds:?}");
    }
    let dates: Vec<&str> = json.as_array().unwrap().iter().map(|i| i["datum"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    for item in json.as_array().unwrap() {
        for key in ["file", "ärende", "namn", "vad", "datum", "text"] {
            assert!(item[key].is_string(), "{key} in {item}");
        }
        let text = item["text"].as_str().unwrap();
        assert!(!text.contains('\n') && text.ends_with('.'), "{text}");
    }
    let text = json.to_string();
    assert!(!text.contains("19710315") && !text.contains("0004\""), "a personnummer in {text}");
}

#[test]
fn built_letters_leave_the_list_and_sent_ones_too() {
    let dir = tempfile::tempdir().unwrap();
    add_extra(dir.path());
    let out = tempfile::tempdir().unwrap();
    let args = |o: &Path| {
        run(&["oversikt", dir.path().to_str().unwrap(), "--idag", TODAY, "--format", "json", "-o", o.to_str().unwrap()])
    };
    let vad = |bytes: Vec<u8>| -> BTreeSet<(String, String)> {
        let json: Json = serde_json::from_slice(&bytes).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .map(|i| (i["ärende"].as_str().unwrap().into(), i["vad"].as_str().unwrap().into()))
            .collect()
    };
    assert!(vad(args(out.path())).contains(&("HAL-X-1".into(), "kallelser-ej-byggda".into())));
    let meeting = out.path().join("HAL-X-1/mote-1");
    std::fs::create_dir_all(&meeting).unwrap();
    std::fs::write(meeting.join("manifest.json"), "{}").unwrap();
    let built = vad(args(out.path()));
    assert!(!built.contains(&("HAL-X-1".into(), "kallelser-ej-byggda".into())), "{built:?}");
    assert!(built.contains(&("HAL-X-1".into(), "kallelser-ej-skickade".into())), "{built:?}");
    std::fs::write(meeting.join("utskick.json"), "{}").unwrap();
    let sent = vad(args(out.path()));
    assert!(!sent.iter().any(|(c, v)| c == "HAL-X-1" && v.starts_with("kallelser")), "{sent:?}");
}

/// The report's figures over `cases`, computed from the YAML.
fn expected_figures(cases: &[&(String, Yaml)], from: i64, to: i64) -> Json {
    let within = |d: i64| d >= from && d <= to;
    let status = |v: &Yaml| s(v, "status").unwrap_or("pågående").to_string();
    let initiative = |v: &Yaml| v.get("initiativ").and_then(|i| day(i, "datum"));
    let begun: Vec<&Yaml> = cases.iter().map(|(_, v)| v).filter(|v| initiative(v).is_some_and(within)).collect();
    let mut days: Vec<i64> = begun
        .iter()
        .filter_map(|v| Some(list(v, "möten").iter().filter_map(|m| day(m, "datum")).min()? - initiative(v)?))
        .collect();
    days.sort();
    let median = match days.len() {
        0 => Json::Null,
        n if n % 2 == 1 => Json::from(days[n / 2] as f64),
        n => Json::from((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    };
    let share = if days.is_empty() {
        Json::Null
    } else {
        Json::from(days.iter().filter(|d| **d <= 30).count() as f64 / days.len() as f64)
    };
    let mut goals: BTreeMap<String, usize> =
        ["uppfyllt", "delvis uppfyllt", "inte uppfyllt", "ej bedömt"].iter().map(|k| (k.to_string(), 0)).collect();
    let mut deviations: BTreeMap<String, usize> = ["initiativ", "uteblev", "bemötande", "planen-följs-inte", "annat"]
        .iter()
        .map(|k| (k.to_string(), 0))
        .collect();
    let mut late = 0;
    for (_, v) in cases {
        let st = status(v);
        if st == "pågående" || st == "avslutad" {
            for goal in v.get("plan").map(|p| list(p, "mål")).unwrap_or_default() {
                *goals.get_mut(s(goal, "måluppfyllelse").unwrap_or("ej bedömt")).unwrap() += 1;
            }
        }
        for d in list(v, "avvikelser") {
            if day(d, "datum").is_some_and(within) {
                *deviations.get_mut(s(d, "typ").unwrap()).unwrap() += 1;
            }
        }
        let follow = v.get("plan").and_then(|p| p.get("uppföljning")).and_then(|u| day(u, "datum"));
        if st == "pågående"
            && let Some(f) = follow
            && f < to
            && !list(v, "möten")
                .iter()
                .any(|m| s(m, "typ") == Some("uppföljningsmöte") && day(m, "datum").is_some_and(|d| d >= f))
        {
            late += 1;
        }
    }
    serde_json::json!({
        "ärenden": cases.len(),
        "påbörjade": begun.len(),
        "avslutade": cases.iter().filter(|(_, v)| status(v) == "avslutad" && v.get("avslut").and_then(|a| day(a, "datum")).is_some_and(within)).count(),
        "pågående": cases.iter().filter(|(_, v)| status(v) == "pågående").count(),
        "dagar_till_första_mötet": { "antal": days.len(), "median": median, "andel_inom_30": share },
        "måluppfyllelse": goals,
        "avvikelser": deviations,
        "uppföljning_sen": late,
    })
}

fn close(found: &Json, expected: &Json, at: &str) {
    match (found, expected) {
        (Json::Number(a), Json::Number(b)) => {
            assert!((a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 1e-9, "{at}: {a} != {b}")
        }
        (Json::Object(a), Json::Object(b)) => {
            for (k, v) in b {
                close(&a[k], v, &format!("{at}.{k}"));
            }
        }
        _ => assert_eq!(found, expected, "{at}"),
    }
}

#[test]
fn the_report_gives_the_figures_computed_from_the_case_files() {
    let dir = folder();
    let (from, to) = ("2026-01-01", "2026-04-30");
    let json: Json =
        serde_json::from_slice(&run(&["rapport", dir.path().to_str().unwrap(), "--från", from, "--till", to])).unwrap();
    let all = cases(dir.path());
    let refs: Vec<&(String, Yaml)> = all.iter().collect();
    close(&json, &expected_figures(&refs, date(from), date(to)), "rapport");
    assert_eq!((json["från"].as_str(), json["till"].as_str()), (Some(from), Some(to)));
    let routines: BTreeSet<&str> = all.iter().filter_map(|(_, v)| s(v, "rutin")).collect();
    let per: BTreeSet<&str> = json["per_rutin"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(per, routines);
    for routine in routines {
        let these: Vec<&(String, Yaml)> = all.iter().filter(|(_, v)| s(v, "rutin") == Some(routine)).collect();
        let found = &json["per_rutin"][routine];
        close(found, &expected_figures(&these, date(from), date(to)), routine);
        assert!(found.get("från").is_none() && found.get("per_rutin").is_none());
    }
    // Something to compare in each figure: the folder is not a set of zeros.
    assert!(json["avslutade"].as_u64().unwrap() > 0 && json["avvikelser"]["uteblev"].as_u64().unwrap() >= 2);
    assert!(json["dagar_till_första_mötet"]["antal"].as_u64().unwrap() >= 3);
    let per_org = json["per_organisation"].as_object().unwrap();
    let summed: u64 = per_org.values().map(|o| o["ärenden"].as_u64().unwrap()).sum();
    assert_eq!(summed, json["ärenden"].as_u64().unwrap());
    // No person is named anywhere in the report.
    let text = json.to_string();
    for (_, v) in &all {
        let name = v.get("person").and_then(|p| s(p, "namn")).unwrap();
        assert!(!text.contains(name), "{name} in the report");
    }
}

#[test]
fn the_report_as_csv_and_as_pdf_says_the_same() {
    let dir = folder();
    let path = dir.path().to_str().unwrap();
    let (from, to) = ("2026-01-01", "2026-04-30");
    let json: Json = serde_json::from_slice(&run(&["rapport", path, "--från", from, "--till", to])).unwrap();
    let csv = String::from_utf8(run(&["rapport", path, "--från", from, "--till", to, "--format", "csv"])).unwrap();
    let rows: Vec<Vec<&str>> = csv.trim_start_matches('\u{feff}').lines().map(|l| l.split(';').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 4), "{csv}");
    let value = |group: &str, measure: &str| rows.iter().find(|r| r[0] == group && r[2] == measure).map(|r| r[3]);
    assert_eq!(value("alla", "ärenden"), Some(json["ärenden"].to_string().as_str()));
    assert_eq!(value("alla", "avvikelser, uteblev"), Some(json["avvikelser"]["uteblev"].to_string().as_str()));
    let median = json["dagar_till_första_mötet"]["median"].as_f64().unwrap();
    assert_eq!(
        value("alla", "dagar till första mötet, median").unwrap().replace(',', ".").parse::<f64>().unwrap(),
        median
    );

    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("rapport.pdf");
    run(&["rapport", path, "--från", from, "--till", to, "--format", "pdf", "--fil", pdf.to_str().unwrap()]);
    let text =
        String::from_utf8(Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap().stdout)
            .unwrap();
    let squeezed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeezed.contains("SIP-rapport 1 januari 2026 – 30 april 2026"), "{squeezed}");
    assert!(squeezed.contains(&format!("Ärenden {}", json["ärenden"])), "{squeezed}");
    assert!(squeezed.contains(&format!("Någon uteblev från mötet {}", json["avvikelser"]["uteblev"])), "{squeezed}");
    assert!(squeezed.contains("30 dagar"), "{squeezed}");
    for (_, v) in cases(dir.path()) {
        let name = v.get("person").and_then(|p| s(p, "namn")).unwrap();
        assert!(!squeezed.contains(name), "{name} in the PDF");
    }
    let info = String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    assert!(info.contains("Tagged:          yes"), "{info}");
    // PDF/UA like every document: the accessibility checker finds no error.
    let out = Command::new("outloud")
        .args(["--json", "-", "--fail-on", "never"])
        .arg(&pdf)
        .output()
        .expect("outloud (PyPI) must be installed: run tools/test.sh");
    let checked: Json = serde_json::from_slice(&out.stdout).unwrap();
    let findings = checked["results"][0]["findings"].as_array().unwrap();
    let errors: Vec<&Json> = findings.iter().filter(|f| f["severity"] == "error").collect();
    assert!(errors.is_empty() && checked["results"][0]["error"].is_null(), "{errors:?}");
}

#[test]
fn the_server_answers_as_the_command_line_does() {
    let server = start();
    add_extra(&server.cases);
    let cases = server.cases.to_str().unwrap().to_string();
    let output = server.output.to_str().unwrap().to_string();
    let cli: Json = serde_json::from_slice(&run(&[
        "oversikt", &cases, "--idag", TODAY, "--dagar", "30", "--format", "json", "-o", &output,
    ]))
    .unwrap();
    let reply = server.get(&format!("/api/oversikt?dagar=30&idag={TODAY}"));
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json(), cli);
    assert_eq!(items_of(&cli), expected_items(&server.cases, date(TODAY), 30));
    let from = "fr%C3%A5n";
    let report = server.get(&format!("/api/rapport?{from}=2026-01-01&till=2026-04-30"));
    assert_eq!(report.status, 200);
    let cli: Json =
        serde_json::from_slice(&run(&["rapport", &cases, "--från", "2026-01-01", "--till", "2026-04-30"])).unwrap();
    assert_eq!(report.json(), cli);
    for bad in [
        "/api/oversikt?dagar=-1",
        "/api/oversikt?idag=2026-02-30",
        "/api/rapport?till=2026-01-01",
        &format!("/api/rapport?{from}=2026-05-01&till=2026-01-01"),
    ] {
        let reply = server.get(bad);
        assert_eq!(reply.status, 400, "{bad}");
        assert!(reply.json()["error"].is_string(), "{bad}");
    }
    let csv = server.get(&format!("/api/rapport?{from}=2026-01-01&till=2026-04-30&format=csv"));
    assert_eq!((csv.status, csv.header("content-type")), (200, Some("text/csv; charset=utf-8")));
    // The pages: the start page lists what needs doing (for today, so only its frame is
    // certain), the report page the figures with a bar for each.
    let page = server.get("/?dagar=30").text();
    assert!(page.contains("Att göra") && page.contains("Cecilia Lund") && !page.contains("19710315"), "{page}");
    let page = server.get(&format!("/rapport?{from}=2026-01-01&till=2026-04-30")).text();
    assert!(
        page.contains("Per organisation med övergripande ansvar") && page.contains("Vårdcentralen Exempel"),
        "{page}"
    );
    assert!(!page.contains("Ada Holm") && !page.contains("Cecilia Lund"), "{page}");
}
