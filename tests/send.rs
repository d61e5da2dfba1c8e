//! `samplan skicka` against a real SMTP server (Python's aiosmtpd, with TLS from a
//! certificate authority made in the test by trustme), its messages read back with
//! Python's own MIME parser and the icalendar package: one iMIP message per staff member
//! with an address, the letter attached byte for byte, the event as `mote.ics`; nothing
//! of the person in the text and no personnummer anywhere; twice sends once; a moved
//! meeting sends updates with the next SEQUENCE and someone no longer invited gets a
//! CANCEL; a server that fails halfway leaves the record true and the next run sends
//! the rest; a certificate nobody trusts sends nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::smtp::Server;
use common::{ROOT, pdf_raw_text};

const FROM: &str = "SIP Kalmar <sip@kalmar.example.se>";
const CASE: &str = "KLM-2026-0042";

/// A copy of the example case in its own folder, built into `out` there.
fn built_case(dir: &Path) -> (PathBuf, PathBuf) {
    let case = dir.join("peter.yaml");
    std::fs::copy(Path::new(ROOT).join("cases/peter-kalmar.yaml"), &case).unwrap();
    let out = dir.join("output");
    build(&case, &out);
    (case, out)
}

fn build(case: &Path, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_samplan")).args(["build", "-o"]).arg(out).arg(case).output().unwrap();
    assert!(o.status.success(), "build: {}", String::from_utf8_lossy(&o.stderr));
}

fn skicka(case: &Path, out: &Path, server: Option<(&Server, &str)>, trust: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_samplan"));
    cmd.arg("skicka").arg(case).arg("-o").arg(out).env_remove("SAMPLAN_SMTP").env_remove("SAMPLAN_SMTP_CA");
    if let Some((s, scheme)) = server {
        cmd.args(["--smtp", &s.url(scheme), "--från", FROM]);
        if trust {
            cmd.env("SAMPLAN_SMTP_CA", &s.ca);
        }
    }
    cmd.output().unwrap()
}

fn meeting_dir(out: &Path) -> PathBuf {
    out.join(CASE).join("mote-3")
}

fn record(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(meeting_dir(out).join("utskick.json")).unwrap()).unwrap()
}

fn sha256_of(path: &Path) -> String {
    samplan::output::sha256(&std::fs::read(path).unwrap())
}

/// The SEQUENCE of the meeting's calendar file.
fn sequence(out: &Path) -> u64 {
    let ics = std::fs::read_to_string(meeting_dir(out).join("mote.ics")).unwrap();
    ics.lines().find_map(|l| l.strip_prefix("SEQUENCE:")).unwrap().trim().parse().unwrap()
}

#[test]
fn invitations_go_to_staff_as_calendar_invitations_with_the_letter_and_twice_sends_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (case, out) = built_case(tmp.path());
    // Without a server: who would get what, and nothing sent.
    let dry = skicka(&case, &out, None, false);
    let said = String::from_utf8_lossy(&dry.stdout);
    assert!(dry.status.success(), "{said}{}", String::from_utf8_lossy(&dry.stderr));
    assert!(said.contains("Inget skickades") && said.contains("lisa") && said.contains("post"), "{said}");
    assert!(!meeting_dir(&out).join("utskick.json").exists());

    let server = Server::start(tmp.path(), "smtps", None);
    let sent = skicka(&case, &out, Some((&server, "smtps")), true);
    assert!(
        sent.status.success(),
        "{}{}",
        String::from_utf8_lossy(&sent.stdout),
        String::from_utf8_lossy(&sent.stderr)
    );
    let messages = server.messages();
    // Staff with an address and no `utskick: post`: Lisa, Anna and Omar. Karin (a
    // representative) and Eva (a relative) go by post, as does the person.
    let to: Vec<&str> = messages.iter().map(|m| m["to"].as_str().unwrap()).collect();
    assert_eq!(
        to,
        ["Lisa Lind <lisa.lind@example.se>", "Anna Ek <anna.ek@example.se>", "Omar Said <omar.said@example.se>"]
    );
    let dir = meeting_dir(&out);
    let ics = std::fs::read_to_string(dir.join("mote.ics")).unwrap();
    let uid = ics.lines().find_map(|l| l.strip_prefix("UID:")).unwrap().trim();
    let record = record(&out);
    for (m, id) in messages.iter().zip(["lisa", "anna", "omar"]) {
        assert_eq!(m["from"], FROM);
        assert_eq!(m["content_type"], "multipart/mixed");
        let cal = &m["calendar"];
        assert_eq!(
            (cal["method_parameter"].as_str(), cal["method"].as_str()),
            (Some("REQUEST"), Some("REQUEST")),
            "{m}"
        );
        assert_eq!((cal["uid"].as_str(), cal["sequence"].as_u64()), (Some(uid), Some(sequence(&out))));
        assert_eq!(cal["start"], "2026-09-15T10:00:00+02:00");
        let letter = format!("kallelse-{id}.pdf");
        let attachment = &m["attachments"][0];
        assert_eq!(
            (attachment["name"].as_str(), attachment["type"].as_str()),
            (Some(letter.as_str()), Some("application/pdf"))
        );
        assert_eq!(
            attachment["sha256"].as_str().unwrap(),
            sha256_of(&dir.join(&letter)),
            "{letter} attached as it was built"
        );
        // The text names the meeting and whom to ask, nothing of the person.
        let text = m["text"].as_str().unwrap();
        assert!(text.contains("15 september 2026") && text.contains("kl. 10.00–11.00"), "{text}");
        for word in ["Peter", "Exempel"] {
            assert!(!text.contains(word) && !m["subject"].as_str().unwrap().contains(word), "{text}");
        }
        let entry = record["utskick"].as_array().unwrap().iter().find(|e| e["mottagare"] == id).unwrap();
        assert_eq!(format!("<{}>", entry["message_id"].as_str().unwrap()), m["message_id"].as_str().unwrap());
        assert_eq!((entry["kanal"].as_str(), entry["metod"].as_str()), (Some("e-post"), Some("REQUEST")));
        assert_eq!(entry["brev_sha256"].as_str().unwrap(), sha256_of(&dir.join(&letter)));
    }
    // No personnummer in any message, nor in the letters they carry.
    let raw = server.raw();
    for pnr in ["19710315-0004", "197103150004", "710315-0004"] {
        assert!(!raw.contains(pnr), "a personnummer in a message");
        for id in ["lisa", "anna", "omar"] {
            assert!(
                !pdf_raw_text(&dir.join(format!("kallelse-{id}.pdf"))).contains(pnr),
                "a personnummer in {id}'s letter"
            );
        }
    }
    // Twice sends once.
    let again = skicka(&case, &out, Some((&server, "smtps")), true);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("Inget nytt att skicka"));
    assert_eq!(server.messages().len(), 3, "the second run sent again");

    // The meeting moves and Omar is no longer invited: Lisa and Anna get the changed
    // letter with the event's next SEQUENCE, Omar a cancellation.
    let before = sequence(&out);
    let text = std::fs::read_to_string(&case).unwrap();
    let moved = text.replacen(
        "    datum: 2026-09-15\n    tid: \"10:00\"\n    sluttid: \"11:00\"\n",
        "    datum: 2026-09-15\n    tid: \"13:00\"\n    sluttid: \"14:00\"\n    kallade: [lisa, anna, gm-karin, syster]\n",
        1,
    );
    assert_ne!(moved, text);
    std::fs::write(&case, moved).unwrap();
    // Letters not built from the case as it is are never sent.
    let stale = skicka(&case, &out, Some((&server, "smtps")), true);
    assert_eq!(stale.status.code(), Some(1), "{}", String::from_utf8_lossy(&stale.stdout));
    assert!(String::from_utf8_lossy(&stale.stderr).contains("samplan build"));
    build(&case, &out);
    assert_eq!(sequence(&out), before + 1);
    let update = skicka(&case, &out, Some((&server, "smtps")), true);
    assert!(update.status.success(), "{}", String::from_utf8_lossy(&update.stderr));
    let messages = server.messages();
    assert_eq!(messages.len(), 6);
    for m in &messages[3..5] {
        assert!(m["subject"].as_str().unwrap().starts_with("Ändrad"), "{m}");
        assert_eq!(m["calendar"]["sequence"].as_u64(), Some(before + 1));
        assert_eq!(m["calendar"]["start"], "2026-09-15T13:00:00+02:00");
    }
    let cancel = &messages[5];
    assert_eq!(cancel["to"], "Omar Said <omar.said@example.se>");
    let cal = &cancel["calendar"];
    assert_eq!((cal["method_parameter"].as_str(), cal["method"].as_str()), (Some("CANCEL"), Some("CANCEL")));
    assert_eq!((cal["uid"].as_str(), cal["status"].as_str()), (Some(uid), Some("CANCELLED")));
    assert_eq!(cal["attendees"], serde_json::json!(["mailto:omar.said@example.se"]));
    assert!(cal["sequence"].as_u64().unwrap() > 0);
    assert!(cancel["attachments"].as_array().unwrap().is_empty());
    let again = skicka(&case, &out, Some((&server, "smtps")), true);
    assert!(String::from_utf8_lossy(&again.stdout).contains("Inget nytt att skicka"));
    assert_eq!(server.messages().len(), 6);
}

#[test]
fn a_server_failing_halfway_leaves_the_record_true_and_the_next_run_sends_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let (case, out) = built_case(tmp.path());
    // A certificate nobody trusts: nothing is sent, nothing recorded.
    let server = Server::start(tmp.path(), "smtps", Some(1));
    let untrusted = skicka(&case, &out, Some((&server, "smtps")), false);
    assert_eq!(untrusted.status.code(), Some(1));
    assert!(server.messages().is_empty());
    assert!(!meeting_dir(&out).join("utskick.json").exists());
    // One message accepted, then the server fails.
    let halfway = skicka(&case, &out, Some((&server, "smtps")), true);
    assert_eq!(halfway.status.code(), Some(1), "{}", String::from_utf8_lossy(&halfway.stdout));
    assert!(String::from_utf8_lossy(&halfway.stderr).contains("inte skickat"));
    assert_eq!(server.messages().len(), 1);
    let sent: Vec<String> = record(&out)["utskick"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["mottagare"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sent, ["lisa"]);
    drop(server);
    // The next run, over STARTTLS, sends only the two not sent.
    let server = Server::start(tmp.path(), "starttls", None);
    let rest = skicka(&case, &out, Some((&server, "smtp")), true);
    assert!(rest.status.success(), "{}", String::from_utf8_lossy(&rest.stderr));
    let to: Vec<String> = server.messages().iter().map(|m| m["to"].as_str().unwrap().to_string()).collect();
    assert_eq!(to, ["Anna Ek <anna.ek@example.se>", "Omar Said <omar.said@example.se>"]);
    assert_eq!(record(&out)["utskick"].as_array().unwrap().len(), 3);
}

#[test]
fn the_person_representatives_and_relatives_are_never_emailed() {
    // Karin (a representative) and Eva (a relative) have no e-mail in the example; give
    // them one, and they still go by post.
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("peter.yaml");
    let text = std::fs::read_to_string(Path::new(ROOT).join("cases/peter-kalmar.yaml")).unwrap();
    let with_email =
        text.replace("      namn: Karin Berg\n", "      namn: Karin Berg\n      e-post: karin@example.se\n");
    assert_ne!(with_email, text);
    std::fs::write(&case, with_email).unwrap();
    let out = tmp.path().join("output");
    build(&case, &out);
    let server = Server::start(tmp.path(), "smtps", None);
    let sent = skicka(&case, &out, Some((&server, "smtps")), true);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    let to: Vec<String> = server.messages().iter().map(|m| m["to"].as_str().unwrap().to_string()).collect();
    assert!(!to.iter().any(|t| t.contains("karin")), "{to:?}");
    assert_eq!(to.len(), 3);
}

/// The workbench's "Skicka" (`POST /api/send/<file>`) runs the same: first who would
/// get what, nothing sent; then, asked to, the e-mails; then nothing new. A server
/// started without an SMTP server refuses to send and says how to give it one.
#[test]
fn the_workbench_sends_the_same_way_and_twice_sends_once() {
    let tmp = tempfile::tempdir().unwrap();
    let smtp = Server::start(tmp.path(), "smtps", None);
    let (url, ca) = (smtp.url("smtps"), smtp.ca.to_string_lossy().to_string());
    let env = [("SAMPLAN_SMTP", url.as_str()), ("SAMPLAN_SMTP_FRAN", FROM), ("SAMPLAN_SMTP_CA", ca.as_str())];
    let (serve, _stderr) = common::server::start_with_env(&[], &env);
    let send = |query: &str| serve.call("POST", &format!("/api/send/peter-kalmar.yaml{query}"), &[], b"");

    // Not built yet: refused with the reason, nothing sent.
    let unbuilt = send("?skicka=1");
    assert_eq!((unbuilt.status, unbuilt.json()["kod"].as_str()), (422, Some("kan-inte-skickas")), "{}", unbuilt.text());
    assert!(!unbuilt.text().contains(&serve.output.display().to_string()), "{}", unbuilt.text());

    assert_eq!(serve.call("POST", "/api/build/peter-kalmar.yaml", &[], b"").status, 200);
    let plan = send("");
    assert_eq!(plan.status, 200, "{}", plan.text());
    let plan = plan.json();
    let ids = |list: &serde_json::Value| -> Vec<String> {
        list.as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&plan["skickas"]), ["lisa", "anna", "omar"]);
    assert_eq!((plan["mapp"].as_str(), plan["server"].as_bool()), (Some("KLM-2026-0042/mote-3"), Some(true)));
    assert!(ids(&plan["post"]).contains(&"gm-karin".to_string()), "{plan}");
    assert!(plan["utfall"].as_array().unwrap().is_empty() && smtp.messages().is_empty());

    let sent = send("?skicka=1").json();
    let done: Vec<bool> = sent["utfall"].as_array().unwrap().iter().map(|u| u["skickat"].as_bool().unwrap()).collect();
    assert_eq!(done, [true, true, true], "{sent}");
    assert_eq!(smtp.messages().len(), 3);
    let record = record(&serve.output);
    assert_eq!(record["utskick"].as_array().unwrap().len(), 3);

    let again = send("?skicka=1").json();
    assert!(again["skickas"].as_array().unwrap().is_empty() && again["utfall"].as_array().unwrap().is_empty());
    assert_eq!(ids(&again["oförändrade"]), ["lisa", "anna", "omar"]);
    assert_eq!(smtp.messages().len(), 3, "twice sends once");

    let (plain, _stderr) = common::server::start_with_env(&[], &[("SAMPLAN_SMTP", "")]);
    assert_eq!(plain.call("POST", "/api/build/peter-kalmar.yaml", &[], b"").status, 200);
    let refused = plain.call("POST", "/api/send/peter-kalmar.yaml?skicka=1", &[], b"");
    assert_eq!((refused.status, refused.json()["kod"].as_str()), (409, Some("ingen-smtp-server")));
    assert_eq!(plain.call("POST", "/api/send/peter-kalmar.yaml", &[], b"").json()["server"], false);
    assert_eq!(plain.call("POST", "/api/send/..%2Fpeter-kalmar.yaml", &[], b"").status, 404);
}
