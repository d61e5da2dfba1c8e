//! The workbench in a real browser: headless Chromium driven over WebDriver. A case is
//! made from a skeleton through the form, a diagnostic appears and goes as a field is
//! filled, a goal with an intervention is added, the plan is previewed and built and
//! the built PDF opened, a file changed on disk while open is caught, and the pages are
//! used with the keyboard alone. axe-core runs in every page and allows no serious or
//! critical violation. Screenshots go to `target/browser/` for a person to look at.

use std::path::PathBuf;

use serde_json::{Value, json};

mod common;
use common::ROOT;
use common::server::{Server, start};
use common::webdriver::{Driver, Session};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";

fn shots() -> PathBuf {
    let dir = PathBuf::from(ROOT).join("target/browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn screenshot(session: &Session, name: &str) {
    std::fs::write(shots().join(format!("{name}.png")), session.screenshot()).unwrap();
}

/// Runs axe-core in the page; panics with every serious or critical violation.
fn axe(session: &Session, page: &str) {
    let source = std::fs::read_to_string(PathBuf::from(ROOT).join("tests/vendor/axe-core/axe.min.js")).unwrap();
    session.run(&source, json!([]));
    let result = session.run_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, { resultTypes: ['violations'] })
           .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                                    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))))
           .catch(e => done([{ id: 'axe-fel', impact: 'critical', help: String(e), nodes: [] }]));",
        json!([]),
    );
    let bad: Vec<&Value> =
        result.as_array().unwrap().iter().filter(|v| v["impact"] == "serious" || v["impact"] == "critical").collect();
    assert!(bad.is_empty(), "axe-core on {page}: {}", serde_json::to_string_pretty(&bad).unwrap());
}

fn open(server: &Server, session: &Session, path: &str) {
    let joiner = if path.contains('?') { '&' } else { '?' };
    session.go(&format!("http://{}{path}{joiner}token={}", server.host(), server.token));
}

/// Waits for the editor to have loaded its case and checked it once.
fn editor_ready(session: &Session) {
    assert!(
        session.until(
            "return !!document.body.dataset.kontrollerad && document.querySelector('#formular fieldset') !== null"
        )
    );
}

/// Shows the tab "Alla uppgifter" (the case opens on its SIP steps).
fn show_form(session: &Session) {
    session.click(&session.find("#flik-formular"));
    assert!(session.until("return !document.querySelector('#panel-formular').hidden"));
}

/// The messages shown at the field with key path `path`.
fn field_messages(session: &Session, path: &str) -> Vec<String> {
    let found = session.run(
        "const box = document.querySelector(`[data-path=\"${CSS.escape(arguments[0])}\"]`);
         return box ? Array.from(box.querySelectorAll(':scope > .falt-fel, :scope > .falt-varning')).map(n => n.textContent) : null;",
        json!([path]),
    );
    found.as_array().map(|a| a.iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()).unwrap_or_default()
}

/// The id attribute selector of a form field (its id holds dots and brackets).
fn field(path: &str) -> String {
    format!("[id=\"f-{path}\"]")
}

#[test]
fn a_coordinator_makes_a_case_from_a_skeleton_through_the_form() {
    let server = start();
    let driver = Driver::start();
    let session = driver.session();
    open(&server, &session, "/");
    assert!(!session.url().contains("token="), "the token leaves the address: {}", session.url());
    session.find("#arenden");
    screenshot(&session, "1-arenden");
    axe(&session, "ärendelistan");

    // Nytt ärende from the Halland skeleton.
    let file = session.find("#ny-fil");
    session.type_text(&file, "alex-ny.yaml");
    session.run("document.querySelector('#ny-rutin').value = 'halland';", json!([]));
    session.click(&session.find("#nytt button[type=submit]"));
    assert!(session.until("return location.pathname === '/arende'"));
    editor_ready(&session);
    show_form(&session);
    assert!(server.cases.join("alex-ny.yaml").is_file());
    screenshot(&session, "2-nytt-arende");
    axe(&session, "ett nytt ärende med fel");

    // A diagnostic appears when the name is emptied, and goes when it is filled.
    let name = session.find(&field("person.namn"));
    session.clear(&name);
    session.type_text(&name, " ");
    session.run("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'));", json!([name.arg()]));
    assert!(
        session
            .until("return Array.from(document.querySelectorAll('[data-path=\"person.namn\"] .falt-fel')).length > 0"),
        "no diagnostic at the emptied name: {:?}",
        field_messages(&session, "person.namn")
    );
    screenshot(&session, "3-fel-vid-faltet");
    session.type_text(&name, "Alex Berg");
    assert!(
        session.until("return document.querySelectorAll('[data-path=\"person.namn\"] .falt-fel').length === 0"),
        "the diagnostic stays: {:?}",
        field_messages(&session, "person.namn")
    );
    assert!(session.until("return document.querySelector('#yaml').value.includes('namn: Alex Berg')"));

    // A goal with an intervention.
    let goals_before =
        session.run("return document.querySelectorAll('[id=\"f-plan.mål\"] > .lista-post').length", json!([]));
    session.click(&session.find(&field("plan.mål-lagg-till")));
    let n = goals_before.as_u64().unwrap();
    let goal = session.find(&field(&format!("plan.mål[{n}].text")));
    session.type_text(&goal, "Alex bor kvar hemma med stöd");
    session.click(&session.find(&field(&format!("plan.mål[{n}].insatser-lagg-till"))));
    let intervention = session.find(&field(&format!("plan.mål[{n}].insatser[0].vad")));
    session.type_text(&intervention, "Hemtjänst varje morgon");
    // An optional yes/no is a choice of three: not said, yes, no.
    let decided = session.find(&field(&format!("plan.mål[{n}].insatser[0].beslutad")));
    session
        .run("arguments[0].value = 'true'; arguments[0].dispatchEvent(new Event('change'));", json!([decided.arg()]));
    assert!(session.until("return document.querySelector('#yaml').value.includes('beslutad: true')"));
    assert!(session.until(
        "const y = document.querySelector('#yaml').value; return y.includes('Alex bor kvar hemma med stöd') && y.includes('Hemtjänst varje morgon');"
    ));
    screenshot(&session, "4-mal-och-insats");

    // Saved as a draft.
    session.click(&session.find("#spara"));
    assert!(session.until("return document.querySelector('#sparstatus').textContent.startsWith('Sparat')"));
    let saved = std::fs::read_to_string(server.cases.join("alex-ny.yaml")).unwrap();
    assert!(saved.contains("Hemtjänst varje morgon") && saved.starts_with("# yaml-language-server:"), "{saved}");
}

#[test]
fn a_plan_is_previewed_built_and_opened() {
    let server = start();
    let driver = Driver::start();
    let session = driver.session();
    open(&server, &session, "/arende?fil=lena-vgr.yaml");
    editor_ready(&session);
    show_form(&session);
    screenshot(&session, "5-lena");
    axe(&session, "ärendet Lena");
    // People are chosen by name and role (the schema's x-samplan-ref), the id kept.
    let chosen = session.run(
        "const s = document.querySelector(arguments[0]); return [s.value, s.options[s.selectedIndex].text];",
        json!([field("samordnare")]),
    );
    assert_eq!(chosen[0], "karin");
    assert!(chosen[1].as_str().unwrap().starts_with("Karin Lundqvist – "), "{chosen}");

    session.click(&session.find("#dokument button[aria-label^='Förhandsvisa plan.pdf']"));
    let frame = session.find("#forhandsvisning iframe");
    let src = session.run("return arguments[0].src", json!([frame.arg()]));
    assert!(src.as_str().unwrap().starts_with("blob:"), "{src}");
    let kind = session.run_async(
        "const done = arguments[arguments.length - 1];
         fetch(arguments[0]).then(r => r.blob()).then(b => b.slice(0, 5).text().then(t => done(b.type + ' ' + t)))
           .catch(e => done('fel: ' + e));",
        json!([src]),
    );
    assert_eq!(kind, "application/pdf %PDF-");
    screenshot(&session, "6-forhandsvisning");

    session.click(&session.find("#bygg"));
    let link = session.find("#byggresultat a[href$='/v1/plan.pdf']");
    let href = session.run("return arguments[0].getAttribute('href')", json!([link.arg()]));
    assert_eq!(href, "/files/VGR-2026-0114/v1/plan.pdf");
    assert!(server.output.join("VGR-2026-0114/v1/plan.pdf").is_file());
    screenshot(&session, "7-byggt");
    axe(&session, "ärendet efter bygget");
    let opened = session.run_async(
        "const done = arguments[arguments.length - 1];
         fetch(arguments[0]).then(r => done(r.status + ' ' + r.headers.get('content-type'))).catch(e => done('fel: ' + e));",
        json!([href]),
    );
    assert_eq!(opened, "200 application/pdf");

    // The plan changes after version 1 was built: the build is refused as in the CLI,
    // and the page offers a new version, which raises `version`, adds a `revisioner`
    // row and builds version 2, leaving version 1 as it was sent.
    let sent = std::fs::read(server.output.join("VGR-2026-0114/v1/plan.pdf")).unwrap();
    let wish = session.find(&field("plan.önskemål"));
    session.type_text(&wish, " Hon vill träffa hunden Milo varje dag.");
    assert!(session.until("return document.querySelector('#yaml').value.includes('hunden Milo varje dag')"));
    session.click(&session.find("#spara"));
    assert!(session.until("return document.querySelector('#sparstatus').textContent.startsWith('Sparat')"));
    session.click(&session.find("#bygg"));
    assert!(session.until("return !document.querySelector('#ny-version').hidden"), "no offer of a new version");
    // Only the wishes changed: the goals and interventions are as in version 1, and the
    // box says so before the version is made.
    assert!(session.until(
        "return document.querySelector('#ny-version-andringar').textContent.includes('Målen och insatserna är som i version 1')"
    ));
    screenshot(&session, "7b-ny-version");
    axe(&session, "erbjudandet om ny version");
    // The new version's date is asked for, filled in with the meeting it records (or
    // today), and written as given.
    let date = session.run("return document.querySelector('#ny-version-datum').value", json!([]));
    let date = date.as_str().unwrap().to_string();
    assert!(date.len() == 10 && date.as_bytes()[4] == b'-', "{date}");
    let description = session.find("#ny-version-beskrivning");
    session.type_text(&description, "Lena vill träffa hunden varje dag.");
    session.click(&session.find("#ny-version-knapp"));
    session.find("#byggresultat a[href$='/v2/plan.pdf']");
    assert!(server.output.join("VGR-2026-0114/v2/plan.pdf").is_file());
    assert_eq!(std::fs::read(server.output.join("VGR-2026-0114/v1/plan.pdf")).unwrap(), sent);
    let saved = std::fs::read_to_string(server.cases.join("lena-vgr.yaml")).unwrap();
    assert!(
        saved.contains("version: 2")
            && saved.contains(&format!("datum: {date}\n  beskrivning: Lena vill träffa hunden varje dag.")),
        "{saved}"
    );
}

#[test]
fn a_file_changed_on_disk_while_open_is_never_overwritten() {
    let server = start();
    let driver = Driver::start();
    let session = driver.session();
    open(&server, &session, "/arende?fil=lena-vgr.yaml");
    editor_ready(&session);
    show_form(&session);
    let phone = session.find(&field("person.telefon"));
    session.clear(&phone);
    session.type_text(&phone, "033-99 99 99");
    assert!(session.until("return document.querySelector('#yaml').value.includes('033-99 99 99')"));
    // A colleague saves the file meanwhile.
    let path = server.cases.join("lena-vgr.yaml");
    let theirs = std::fs::read_to_string(&path).unwrap().replace("Allégatan 14", "Allégatan 20");
    std::fs::write(&path, &theirs).unwrap();
    session.click(&session.find("#spara"));
    assert!(session.until("return !document.querySelector('#konflikt').hidden"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs, "their change stays");
    session.click(&session.find("#visa-skillnad"));
    assert!(session.until("return document.querySelector('#skillnad').textContent.includes('Allégatan 20')"));
    // Only what differs shows: the two addresses and the two phone numbers.
    let lines = session.run(
        "return document.querySelector('#skillnad').textContent.split('\\n').filter(l => /^[-+] /.test(l))",
        json!([]),
    );
    let lines: Vec<&str> = lines.as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    screenshot(&session, "8-konflikt");
    axe(&session, "konflikten");
    session.click(&session.find("#ladda-om"));
    assert!(session.until("return document.querySelector('#yaml').value.includes('Allégatan 20')"));
}

#[test]
fn the_pages_work_with_the_keyboard_alone_and_show_where_focus_is() {
    let server = start();
    let driver = Driver::start();
    let session = driver.session();
    open(&server, &session, "/");
    session.find("#arenden");
    let focus = "const e = document.activeElement; const s = getComputedStyle(e);
                 return { tag: e.tagName, id: e.id, text: (e.textContent || '').trim().slice(0, 40),
                          outline: s.outlineStyle, width: s.outlineWidth };";
    // The first Tab reaches the skip link, visibly focused.
    session.press(TAB);
    let first = session.run(focus, json!([]));
    assert_eq!(first["text"], "Hoppa till innehållet", "{first}");
    assert_ne!(first["outline"], "none", "{first}");
    // Tab on, past "Att göra" and its links, to the filter; type, and the list narrows.
    let mut reached_filter = false;
    for _ in 0..80 {
        session.press(TAB);
        if session.run(focus, json!([]))["id"] == "filter" {
            reached_filter = true;
            break;
        }
    }
    assert!(reached_filter, "the filter is reachable by Tab");
    session.press("Lena");
    assert!(session.until(
        "return Array.from(document.querySelectorAll('#arenden tbody tr')).filter(r => !r.hidden).length === 1"
    ));
    // Tab to the first column's sort button and sort with Enter.
    session.press(TAB);
    let button = session.run(focus, json!([]));
    assert_eq!(button["tag"], "BUTTON", "{button}");
    assert_ne!(button["outline"], "none");
    session.press(ENTER);
    assert!(session.until("return document.querySelector('#arenden th').getAttribute('aria-sort') === 'descending'"));
    // Tab on to the case link and open it with Enter.
    session.press(TAB);
    session.press(TAB);
    let mut on_link = false;
    for _ in 0..12 {
        let now = session.run(focus, json!([]));
        if now["tag"] == "A" && now["text"] == "Lena Sjöberg" {
            on_link = true;
            break;
        }
        session.press(TAB);
    }
    assert!(on_link, "the case link is reachable by Tab");
    session.press(ENTER);
    assert!(session.until("return location.pathname === '/arende'"));
    editor_ready(&session);
    // In the editor: every form control has a name a screen reader reads.
    let unnamed = session.run(
        "return Array.from(document.querySelectorAll('input, select, textarea, button'))
           .filter(e => !e.closest('[hidden]'))
           .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !(e.textContent || '').trim())
           .map(e => e.id || e.outerHTML.slice(0, 80));",
        json!([]),
    );
    assert_eq!(unnamed, json!([]), "controls without a name");
    // The tabs switch with the arrow keys, and the YAML text is reachable.
    session.click(&session.find("#flik-formular"));
    session.press("\u{E014}");
    assert!(
        session
            .until("return document.activeElement.id === 'flik-yaml' && !document.querySelector('#panel-yaml').hidden")
    );
    screenshot(&session, "9-yaml-flik");
    axe(&session, "YAML-fliken");
}

#[test]
fn a_keystroke_reaches_the_diagnostics_on_screen_quickly() {
    let server = start();
    let driver = Driver::start();
    let session = driver.session();
    open(&server, &session, "/arende?fil=lena-vgr.yaml");
    editor_ready(&session);
    show_form(&session);
    // Type in the form; time from the input event to the diagnostics shown for it.
    let mut times: Vec<f64> = Vec::new();
    for i in 0..9 {
        let value = if i % 2 == 0 { "" } else { "Lena Sjöberg" };
        let took = session.run_async(
            "const [id, value, done] = arguments;
             const input = document.getElementById(id);
             const before = document.body.dataset.kontrollerad;
             const start = performance.now();
             input.value = value;
             input.dispatchEvent(new Event('input'));
             const wait = () => {
               if (document.body.dataset.kontrollerad !== before) requestAnimationFrame(() => done(performance.now() - start));
               else setTimeout(wait, 5);
             };
             wait();",
            json!(["f-person.namn", value]),
        );
        times.push(took.as_f64().unwrap());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    std::fs::write(shots().join("tangent-till-kontroll-ms.txt"), format!("{times:?}\nmedian {median:.0} ms\n"))
        .unwrap();
    assert!(median <= 300.0, "keystroke to diagnostics: median {median:.0} ms ({times:?})");
}

/// "Skicka" on the case page: first who gets what and how, with the letters linked and
/// the post room's print file named; then, when the coordinator presses the button the
/// page offers, the e-mails go through the server's SMTP server and the page says so.
#[test]
fn the_invitations_are_sent_from_the_case_page() {
    let tmp = tempfile::tempdir().unwrap();
    let smtp = common::smtp::Server::start(tmp.path(), "smtps", None);
    let (url, ca) = (smtp.url("smtps"), smtp.ca.to_string_lossy().to_string());
    let env = [
        ("SAMPLAN_SMTP", url.as_str()),
        ("SAMPLAN_SMTP_FRAN", "SIP Kalmar <sip@kalmar.example.se>"),
        ("SAMPLAN_SMTP_CA", ca.as_str()),
    ];
    let (server, _stderr) = common::server::start_with_env(&[], &env);
    let driver = Driver::start();
    let session = driver.session();
    open(&server, &session, "/arende?fil=peter-kalmar.yaml");
    editor_ready(&session);
    session.click(&session.find("#bygg"));
    session.find("#byggresultat a[href$='/mote-3/utskrift.pdf']");

    session.click(&session.find("#skicka"));
    let button = session.find("#skickaresultat button");
    let said = session.run("return document.querySelector('#skickaresultat').innerText", json!([]));
    let said = said.as_str().unwrap();
    for expected in ["Lisa Lind <lisa.lind@example.se>", "kallelse-lisa.pdf", "Karin Berg", "utskrift.pdf"] {
        assert!(said.contains(expected), "{expected:?} not in {said}");
    }
    assert!(smtp.messages().is_empty(), "nothing is sent before the button is pressed");
    screenshot(&session, "10-skicka-plan");
    axe(&session, "vem som får vad");

    session.click(&button);
    assert!(
        session.until(
            "return document.querySelector('#skickaresultat').innerText.includes('3 e-postmeddelanden skickade')"
        )
    );
    assert_eq!(smtp.messages().len(), 3);
    screenshot(&session, "11-skickat");
    axe(&session, "efter utskicket");
}

#[test]
fn the_start_page_shows_what_needs_doing_and_the_report_page_its_figures() {
    let server = start();
    let driver = Driver::start();
    let session = driver.session();
    // The examples hold late follow-ups whatever day the test runs, so the list has rows.
    open(&server, &session, "/?dagar=90");
    session.find(".att-gora");
    screenshot(&session, "10-att-gora");
    axe(&session, "startsidan med att göra");
    // A late follow-up links to the step that deals with it: calling a meeting.
    session.click(&session.find("#att-gora a[href*='steg=kalla']"));
    assert!(session.until("return location.pathname === '/arende'"));
    editor_ready(&session);
    assert!(session.until(
        "return !document.querySelector('#panel-steg').hidden && document.activeElement.id === 'steg-mote-typ'"
    ));
    screenshot(&session, "10b-steg-fran-att-gora");
    open(&server, &session, "/?dagar=90");
    session.click(&session.find(".att-gora a[href='/rapport']"));
    assert!(session.until("return location.pathname === '/rapport'"));
    let from = session.find("#fran");
    session.run("arguments[0].value = '2026-01-01';", json!([from.arg()]));
    let to = session.find("#till");
    session.run("arguments[0].value = '2026-12-31';", json!([to.arg()]));
    session.click(&session.find("form.verktyg button[type=submit]"));
    assert!(session.until("return document.querySelectorAll('.diagram').length === 4"));
    // Each bar's number is text beside it; the bars themselves are hidden.
    let bars = session.run(
        "return Array.from(document.querySelectorAll('.diagram li:not(.grans)')).map(li =>
           [li.querySelector('svg').getAttribute('aria-hidden'), li.querySelector('.tal').textContent]);",
        json!([]),
    );
    assert!(
        bars.as_array().unwrap().iter().all(|b| b[0] == "true" && b[1].as_str().unwrap().parse::<u32>().is_ok()),
        "{bars}"
    );
    screenshot(&session, "11-rapport");
    axe(&session, "rapporten");
}

#[test]
fn who_took_part_is_chosen_among_everyone_invited_and_consent_among_representatives() {
    let server = start();
    let driver = Driver::start();
    let session = driver.session();
    open(&server, &session, "/arende?fil=peter-kalmar.yaml");
    editor_ready(&session);
    show_form(&session);
    let values = |selector: &str| {
        session.run("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.value);", json!([selector]))
    };
    // Attendance: staff, the representative, the relative and the person themself.
    let present = values(&format!("{} input[type=checkbox]", field("möten[0].närvarande")));
    for id in ["lisa", "anna", "omar", "gm-karin", "syster", "personen"] {
        assert!(present.as_array().unwrap().iter().any(|v| v == id), "{id} not offered: {present}");
    }
    // Consent is given by the person or a representative, never by staff.
    let given = values(&format!("{} option", field("samtycke.givet_av")));
    assert_eq!(given, json!(["", "gm-karin", "personen"]));
}

/// Clicks the `n`th button of the SIP steps whose text is `text`.
fn click_step(session: &Session, text: &str, n: usize) {
    let clicked = session.run(
        "const b = Array.from(document.querySelectorAll('#steg button')).filter(b => b.textContent === arguments[0]);
         if (b.length <= arguments[1]) return false; b[arguments[1]].click(); return true;",
        json!([text, n]),
    );
    assert_eq!(clicked, json!(true), "no step button {text} #{n}");
}

/// Saves the open step and waits until the file on disk has been written.
fn save_step(server: &Server, session: &Session, file: &str) -> serde_yaml::Value {
    let before = std::fs::read_to_string(server.cases.join(file)).unwrap();
    session.click(&session.find(".steg-formular button[type=submit]"));
    assert!(session.until("return document.querySelector('#sparstatus').textContent.startsWith('Sparat')"));
    let after = std::fs::read_to_string(server.cases.join(file)).unwrap();
    assert_ne!(before, after, "the step wrote nothing");
    serde_yaml::from_str(&after).unwrap()
}

#[test]
fn a_held_case_is_carried_through_its_sip_steps_without_the_form_or_the_yaml() {
    let server = start();
    let driver = Driver::start();
    let session = driver.session();
    let file = "peter-kalmar.yaml";
    open(&server, &session, &format!("/arende?fil={file}"));
    editor_ready(&session);
    session.click(&session.find("#flik-steg"));
    session.find("#steg-lista");
    screenshot(&session, "12-steg");
    axe(&session, "SIP-stegen");

    // After the third meeting (not called with a list, so everyone the person wants
    // is invited): who took part, the relative and the person among them.
    click_step(&session, "Efter mötet", 2);
    let offered = session
        .run("return Array.from(document.querySelectorAll('#steg-narvarande input')).map(i => i.value);", json!([]));
    assert_eq!(offered, json!(["lisa", "anna", "omar", "gm-karin", "syster", "personen"]));
    for id in ["lisa", "syster", "personen"] {
        session.run(
            "document.querySelector(`#steg-narvarande input[value='${arguments[0]}']`).checked = true;",
            json!([id]),
        );
    }
    session.run("document.querySelector(\"#steg-justerare input[value='lisa']\").checked = true;", json!([]));
    screenshot(&session, "13-efter-motet");
    axe(&session, "steget efter mötet");
    let saved = save_step(&server, &session, file);
    let meeting = &saved["möten"][2];
    assert_eq!(meeting["närvarande"], serde_yaml::from_str::<serde_yaml::Value>("[lisa, syster, personen]").unwrap());
    assert_eq!(meeting["justerare"], serde_yaml::from_str::<serde_yaml::Value>("[lisa]").unwrap());

    // Follow-up: each goal's fulfilment.
    click_step(&session, "Följ upp målen", 0);
    session.run("document.querySelector('#steg-mal-0').value = 'uppfyllt';", json!([]));
    session.run("document.querySelector('#steg-kommentar-0').value = 'Peter har flyttat in.';", json!([]));
    axe(&session, "uppföljningen");
    let saved = save_step(&server, &session, file);
    assert_eq!(saved["plan"]["mål"][0]["måluppfyllelse"], "uppfyllt");
    assert_eq!(saved["plan"]["mål"][0]["kommentar"], "Peter har flyttat in.");

    // A new version of the plan: its date is filled in, its description asked for.
    let version = saved["version"].as_u64().unwrap();
    click_step(&session, "Ny version av planen", 0);
    let date = session.run("return document.querySelector('#steg-version-datum').value", json!([]));
    assert!(date.as_str().is_some_and(|d| d.len() == 10), "{date}");
    session.click(&session.find(".steg-formular button[type=submit]"));
    assert!(session.until("return document.querySelector('#steg-status').textContent.includes('Skriv kort')"));
    session.type_text(&session.find("#steg-version-beskrivning"), "Målet om bostad är uppfyllt.");
    axe(&session, "steget ny version");
    let saved = save_step(&server, &session, file);
    assert_eq!(saved["version"].as_u64(), Some(version + 1));
    let last = saved["revisioner"].as_sequence().unwrap().last().unwrap().clone();
    assert_eq!(last["version"].as_u64(), Some(version + 1));
    assert_eq!(
        (last["datum"].as_str(), last["beskrivning"].as_str()),
        (date.as_str(), Some("Målet om bostad är uppfyllt."))
    );

    // A deviation report.
    click_step(&session, "Rapportera avvikelse", 0);
    session.run("document.querySelector('#steg-avvikelse-typ').value = 'uteblev';", json!([]));
    session.run("document.querySelector('#steg-avvikelse-galler').value = 'soc-kalmar';", json!([]));
    session.run(
        "document.querySelector('#steg-avvikelse-beskrivning').value = 'Ingen från socialtjänsten kom.';",
        json!([]),
    );
    axe(&session, "avvikelsen");
    let saved = save_step(&server, &session, file);
    let deviation = saved["avvikelser"].as_sequence().unwrap().last().unwrap().clone();
    assert_eq!(deviation["typ"], "uteblev");
    assert_eq!(deviation["gäller"], "soc-kalmar");
    assert_eq!(deviation["rapporterad_av"], "lisa");

    // Calling the next meeting: everyone the person wants is ticked, a relative the
    // person does not want invited cannot be.
    click_step(&session, "Kalla till möte", 0);
    for (id, value) in
        [("#steg-mote-datum", "2027-01-20"), ("#steg-mote-tid", "09:30"), ("#steg-mote-sluttid", "10:30")]
    {
        session.run("document.querySelector(arguments[0]).value = arguments[1];", json!([id, value]));
    }
    session.type_text(&session.find("#steg-mote-plats"), "Vårdcentralen Kalmar, rum 3");
    let ticked = session.run(
        "return Array.from(document.querySelectorAll('#steg-mote-kallade input:checked')).map(i => i.value);",
        json!([]),
    );
    assert_eq!(ticked, json!(["lisa", "anna", "omar", "gm-karin", "syster"]));
    axe(&session, "kallelsesteget");
    let saved = save_step(&server, &session, file);
    let called = saved["möten"].as_sequence().unwrap().last().unwrap().clone();
    assert_eq!((called["typ"].as_str(), called["datum"].as_str()), (Some("uppföljningsmöte"), Some("2027-01-20")));
    assert_eq!((called["tid"].as_str(), called["kallad_av"].as_str()), (Some("09:30"), Some("lisa")));
    assert!(called.get("kallade").is_none(), "the default invitees are not listed: {called:?}");

    // Closing the case.
    click_step(&session, "Avsluta ärendet", 0);
    session.run("const s = document.querySelector('#steg-avslut-orsak'); s.value = s.options[1].value;", json!([]));
    let saved = save_step(&server, &session, file);
    assert_eq!(saved["status"], "avslutad");
    assert!(saved["avslut"]["orsak"].is_string() && saved["avslut"]["datum"].is_string());
    assert!(session.until("return document.querySelector('#steg-lista').textContent.includes('Avslutat')"));
    screenshot(&session, "14-avslutat");
    axe(&session, "det avslutade ärendet");
}

/// Sets the value of the field `selector` as a person choosing or typing it would, and
/// tells the page so.
fn set(session: &Session, selector: &str, value: &str) {
    let found = session.run(
        "const f = document.querySelector(arguments[0]); if (!f) return false;
         f.value = arguments[1]; f.dispatchEvent(new Event('input')); f.dispatchEvent(new Event('change'));
         return f.value === arguments[1];",
        json!([selector, value]),
    );
    assert_eq!(found, json!(true), "no field {selector} taking {value}");
}

/// Ticks the boxes of `ids` in the group `group`, and unticks the others.
fn tick(session: &Session, group: &str, ids: &[&str]) {
    session.run(
        "document.querySelectorAll(`${arguments[0]} input[type=checkbox]`).forEach(c => { if (!c.disabled) c.checked = arguments[1].includes(c.value); });",
        json!([group, ids]),
    );
}

/// The text of the step the page offers as next.
fn suggested(session: &Session) -> Value {
    session
        .run("const b = document.querySelector('#steg button.foreslaget'); return b ? b.textContent : null;", json!([]))
}

/// Opens the step the page offers as next, after checking it is `expected`, and
/// checks the open step with axe-core.
fn take_suggested(session: &Session, expected: &str, shot: &str) {
    let offered = suggested(session);
    assert!(offered.as_str().is_some_and(|t| t.starts_with(expected)), "offered {offered}, not {expected}");
    session.click(&session.find("#steg button.foreslaget"));
    session.find(".steg-formular");
    screenshot(session, shot);
    axe(session, expected);
}

/// A date `days` from today in the browser's calendar (negative: before).
fn day(session: &Session, days: i64) -> String {
    session
        .run(
            "const d = new Date(); d.setDate(d.getDate() + arguments[0]);
             return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;",
            json!([days]),
        )
        .as_str()
        .unwrap()
        .to_string()
}

fn yaml(text: &str) -> serde_yaml::Value {
    serde_yaml::from_str(text).unwrap()
}

/// The whole SIP through its steps, from a file holding only who is involved: the
/// initiative, consent, the meeting called and held with a relative, the plan with its
/// goals and interventions, version 1 (built, without errors), the follow-up, version 2,
/// a deviation and the closure. Neither the form "Alla uppgifter" nor the YAML tab is
/// opened; each step is the one the page offers next where the SIP has a next step.
#[test]
fn the_whole_sip_is_walked_through_its_steps_from_a_file_of_only_the_people() {
    let server = start();
    let mut case: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(server.cases.join("aron-vgr-kallad.yaml")).unwrap()).unwrap();
    let map = case.as_mapping_mut().unwrap();
    for key in ["samtycke", "initiativ", "möten"] {
        map.remove(key);
    }
    let file = "aron-ny.yaml";
    std::fs::write(server.cases.join(file), serde_yaml::to_string(&case).unwrap()).unwrap();

    let driver = Driver::start();
    let session = driver.session();
    open(&server, &session, &format!("/arende?fil={file}"));
    editor_ready(&session);
    assert!(session.until("return !document.querySelector('#panel-steg').hidden"), "the case opens on its steps");
    screenshot(&session, "15-ny-steg");
    axe(&session, "stegen i ett nytt ärende");

    // The initiative.
    take_suggested(&session, "Initiativ", "16-initiativ");
    set(&session, "#steg-initiativ-datum", &day(&session, -14));
    set(&session, "#steg-initiativ-av", "maria");
    set(&session, "#steg-initiativ-anledning", "Aron behöver stöd från flera håll när han skrivs ut.");
    let saved = save_step(&server, &session, file);
    assert_eq!(saved["initiativ"]["av"], "maria");

    // Consent: nothing is ticked for the person; the relative who gets the plan is.
    take_suggested(&session, "Samtycke", "17-samtycke");
    let ticked =
        session.run("return document.querySelectorAll('#steg-samtycke-galler input:checked').length", json!([]));
    assert_eq!(ticked, json!(0), "consent covers nothing until it is ticked");
    set(&session, "#steg-samtycke-datum", &day(&session, -10));
    set(&session, "#steg-samtycke-form", "skriftligt");
    tick(&session, "#steg-samtycke-galler", &["psykos-sahlgrenska", "gbg-soc", "fk-goteborg"]);
    tick(&session, "#steg-samtycke-narstaende", &["mamma"]);
    set(&session, "#steg-samtycke-dokumenterat-av", "maria");
    let saved = save_step(&server, &session, file);
    assert_eq!(saved["samtycke"]["gäller"], yaml("[psykos-sahlgrenska, gbg-soc, fk-goteborg]"));
    assert_eq!(saved["samtycke"]["närstående"], yaml("[mamma]"));
    assert!(saved["samtycke"].get("givet_av").is_none(), "the person gave it: {:?}", saved["samtycke"]);

    // The meeting is called for today; the brother Aron does not want invited cannot be.
    take_suggested(&session, "Kalla till möte", "18-kalla");
    let today = day(&session, 0);
    set(&session, "#steg-mote-datum", &today);
    set(&session, "#steg-mote-tid", "13:00");
    set(&session, "#steg-mote-sluttid", "14:30");
    set(&session, "#steg-mote-plats", "Psykosmottagningen, rum 12");
    let offered = session.run(
        "return Array.from(document.querySelectorAll('#steg-mote-kallade input')).map(i => [i.value, i.checked, i.disabled]);",
        json!([]),
    );
    assert_eq!(
        offered,
        json!([
            ["maria", true, false],
            ["jesper", true, false],
            ["linn", true, false],
            ["gm-sten", true, false],
            ["mamma", true, false],
            ["bror", false, true]
        ])
    );
    let saved = save_step(&server, &session, file);
    assert_eq!(saved["möten"][0]["typ"], "samordningsmöte");
    assert_eq!(saved["möten"][0]["datum"].as_str(), Some(today.as_str()));

    // After the meeting: who took part, the mother and Aron among them.
    take_suggested(&session, "Efter mötet: SIP-möte 1", "19-efter-motet");
    tick(&session, "#steg-narvarande", &["maria", "jesper", "mamma", "personen"]);
    set(&session, "#steg-sekreterare", "jesper");
    tick(&session, "#steg-justerare", &["linn"]);
    let saved = save_step(&server, &session, file);
    assert_eq!(saved["möten"][0]["närvarande"], yaml("[maria, jesper, mamma, personen]"));
    assert_eq!(saved["möten"][0]["justerare"], yaml("[linn]"));

    // The plan: two goals, three interventions; a third goal added and removed again.
    take_suggested(&session, "Planen", "20-planen-tom");
    set(&session, "#steg-plan-samordnare", "maria");
    set(&session, "#steg-plan-ansvar", "gbg-soc");
    set(&session, "#steg-plan-nulage", "Aron bor på sjukhuset och har ingen bostad att flytta till.");
    set(&session, "#steg-plan-forutsattningar", "Aron mår bättre nu och tar sina läkemedel själv.");
    set(&session, "#steg-plan-intressen", "Aron tycker om att laga mat och gå i skogen.");
    set(&session, "#steg-plan-onskemal", "Aron vill bo i en egen lägenhet i Göteborg.");
    session.click(&session.find("#steg-plan-nytt-mal"));
    assert!(
        session.until("return document.activeElement.id === 'steg-plan-mal-0-text'"),
        "the new goal's text has focus"
    );
    set(&session, "#steg-plan-mal-0-text", "Aron har en egen bostad.");
    set(&session, "#steg-plan-mal-0-lattlast", "Du ska få ett eget hem.");
    set(&session, "#steg-plan-mal-0-uppfoljning", &today);
    set(&session, "#steg-plan-mal-0-insats-0-vad", "Ansöka om boende med stöd");
    set(&session, "#steg-plan-mal-0-insats-0-utforare", "gbg-soc");
    set(&session, "#steg-plan-mal-0-insats-0-ansvarig", "jesper");
    set(&session, "#steg-plan-mal-0-insats-0-beslutad", "true");
    set(&session, "#steg-plan-mal-0-insats-0-start", &today);
    session.click(&session.find("#steg-plan-mal-0-ny-insats"));
    // What was typed in the first intervention stays when one is added.
    assert_eq!(
        session.run("return document.querySelector('#steg-plan-mal-0-insats-0-vad').value", json!([])),
        "Ansöka om boende med stöd"
    );
    set(&session, "#steg-plan-mal-0-insats-1-vad", "Samtal om läkemedel inför utskrivningen");
    set(&session, "#steg-plan-mal-0-insats-1-utforare", "psykos-sahlgrenska");
    set(&session, "#steg-plan-mal-0-insats-1-ansvarig", "maria");
    set(&session, "#steg-plan-mal-0-insats-1-beslutad", "true");
    session.click(&session.find("#steg-plan-nytt-mal"));
    set(&session, "#steg-plan-mal-1-text", "Aron har pengar att leva på.");
    set(&session, "#steg-plan-mal-1-lattlast", "Du ska ha pengar till mat och hyra.");
    set(&session, "#steg-plan-mal-1-insats-0-vad", "Ansöka om sjukersättning");
    set(&session, "#steg-plan-mal-1-insats-0-utforare", "personen");
    set(&session, "#steg-plan-mal-1-insats-0-ansvarig", "linn");
    set(&session, "#steg-plan-mal-1-insats-0-beslutad", "false");
    session.click(&session.find("#steg-plan-nytt-mal"));
    click_step(&session, "Ta bort mål 3", 0);
    assert_eq!(session.run("return document.querySelectorAll('#steg-plan-malen fieldset.mal').length", json!([])), 2);
    set(&session, "#steg-plan-start", &today);
    set(&session, "#steg-plan-utvardering", &day(&session, 90));
    set(&session, "#steg-plan-slut", &day(&session, 180));
    set(&session, "#steg-plan-uppfoljning-datum", &today);
    set(&session, "#steg-plan-uppfoljning-vad", "Om Aron har fått en bostad och pengar att leva på.");
    set(&session, "#steg-plan-uppfoljning-kallas-av", "maria");
    screenshot(&session, "21-planen");
    axe(&session, "planen ifylld");
    let saved = save_step(&server, &session, file);
    assert_eq!((saved["samordnare"].as_str(), saved["övergripande_ansvar"].as_str()), (Some("maria"), Some("gbg-soc")));
    let goals = saved["plan"]["mål"].as_sequence().unwrap();
    assert_eq!(goals.len(), 2);
    assert_eq!((goals[0]["id"].as_str(), goals[1]["id"].as_str()), (Some("mal-1"), Some("mal-2")));
    assert_eq!(goals[0]["insatser"].as_sequence().unwrap().len(), 2);
    assert_eq!(goals[0]["insatser"][0]["beslutad"], serde_yaml::Value::Bool(true));
    assert_eq!(goals[1]["insatser"][0]["beslutad"], serde_yaml::Value::Bool(false));
    assert_eq!(goals[1]["insatser"][0]["utförare"], "personen");
    assert_eq!(goals[0]["lättläst"], "Du ska få ett eget hem.");
    assert!(goals[0]["insatser"][0].get("lättläst").is_none(), "left empty: {:?}", goals[0]["insatser"][0]);

    // Version 1: the case is no longer only called, has no errors, and builds.
    take_suggested(&session, "Ny version av planen", "22-version-1");
    set(&session, "#steg-version-beskrivning", "Planen är gjord på det första mötet.");
    let saved = save_step(&server, &session, file);
    assert_eq!((saved["version"].as_u64(), saved["status"].as_str()), (Some(1), Some("pågående")));
    assert!(
        session.until("return /^(Inga fel|0 fel)/.test(document.querySelector('#diagnoser p').textContent)"),
        "the walked case has findings: {}",
        session.run("return document.querySelector('#diagnoser').textContent", json!([]))
    );
    session.click(&session.find("#bygg"));
    session.find("#byggresultat a[href$='/v1/plan.pdf']");
    assert!(server.output.join("VGR-2026-0231/v1/plan.pdf").is_file());

    // The follow-up is due today: each goal's fulfilment.
    take_suggested(&session, "Följ upp målen", "23-uppfoljning");
    set(&session, "#steg-mal-0", "delvis uppfyllt");
    set(&session, "#steg-kommentar-0", "Aron har fått ett korttidsboende.");
    set(&session, "#steg-mal-1", "uppfyllt");
    let saved = save_step(&server, &session, file);
    assert_eq!(saved["plan"]["mål"][0]["måluppfyllelse"], "delvis uppfyllt");
    assert_eq!(saved["plan"]["mål"][1]["måluppfyllelse"], "uppfyllt");
    assert_eq!(suggested(&session), Value::Null, "nothing is due once the follow-up is done");

    // Version 2.
    click_step(&session, "Ny version av planen", 0);
    set(&session, "#steg-version-beskrivning", "Målen är följda upp.");
    screenshot(&session, "24-version-2");
    let saved = save_step(&server, &session, file);
    assert_eq!(saved["version"].as_u64(), Some(2));
    assert_eq!(saved["revisioner"].as_sequence().unwrap().len(), 2);

    // A deviation, then the closure.
    click_step(&session, "Rapportera avvikelse", 0);
    set(&session, "#steg-avvikelse-typ", "uteblev");
    set(&session, "#steg-avvikelse-galler", "fk-goteborg");
    set(&session, "#steg-avvikelse-beskrivning", "Ingen från Försäkringskassan kom till mötet.");
    axe(&session, "avvikelsen i det nya ärendet");
    let saved = save_step(&server, &session, file);
    assert_eq!(saved["avvikelser"][0]["gäller"], "fk-goteborg");
    click_step(&session, "Avsluta ärendet", 0);
    set(&session, "#steg-avslut-orsak", "mål uppfyllda");
    let saved = save_step(&server, &session, file);
    assert_eq!(
        (saved["status"].as_str(), saved["avslut"]["orsak"].as_str()),
        (Some("avslutad"), Some("mål uppfyllda"))
    );

    // The timeline tells the whole SIP, in order; neither the form nor the YAML was shown.
    let timeline = session.run(
        "return Array.from(document.querySelectorAll('#steg-lista li strong')).map(s => s.textContent);",
        json!([]),
    );
    for title in [
        "Initiativ",
        "Samtycke",
        "SIP-möte 1",
        "Planen",
        "Planens version 1",
        "Planens version 2",
        "Avvikelse 1",
        "Avslutat",
    ] {
        assert!(
            timeline.as_array().unwrap().iter().any(|t| t.as_str().unwrap().starts_with(title)),
            "{title} missing: {timeline}"
        );
    }
    let shown = session.run(
        "return ['formular', 'yaml'].filter(t => document.querySelector(`#flik-${t}`).getAttribute('aria-selected') === 'true');",
        json!([]),
    );
    assert_eq!(shown, json!([]));
    screenshot(&session, "25-hela-sip");
    axe(&session, "hela SIP:en");
}
