//! The workbench's pages, in Swedish: the case list and the case editor. The HTML is
//! made here with every case value escaped; the editor's form is made in the browser
//! from the case schema (`assets/app.js`), so a key added to the schema appears in it
//! without a hand-written form. Every asset is inside the binary.

use std::sync::Arc;

use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::AppState;
use super::api::{page_link, percent};
use super::cases::{self, Summary};
use crate::case::datetime::CalendarDate;
use crate::casework::overview::{self, DEFAULT_DAYS, Item, MOST_DAYS, What, Window};

/// The assets: (name, content type, text).
const ASSETS: &[(&str, &str, &str)] = &[
    ("app.css", "text/css; charset=utf-8", include_str!("assets/app.css")),
    ("app.js", "text/javascript; charset=utf-8", include_str!("assets/app.js")),
    ("steps.js", "text/javascript; charset=utf-8", include_str!("assets/steps.js")),
];

/// `GET /static/<name>`.
pub async fn asset(UrlPath(name): UrlPath<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, kind, text)) => ([(header::CONTENT_TYPE, *kind)], *text).into_response(),
        None => super::error_json(StatusCode::NOT_FOUND, "det finns ingen sådan fil"),
    }
}

/// Text as HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page: `title`, the `main` content, and the page kind the script starts.
pub fn page(title: &str, kind: &str, main: &str) -> Html<String> {
    Html(format!(
        r##"<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – samplan</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
<script src="/static/steps.js" defer></script>
</head>
<body data-page="{kind}">
<a class="hoppa" href="#innehall">Hoppa till innehållet</a>
<header class="sidhuvud"><a href="/" class="logga">samplan</a> <span>Arbetsbänk för samordnade individuella planer</span></header>
<main id="innehall" tabindex="-1">
{main}
</main>
</body>
</html>
"##,
        title = escape(title)
    ))
}

fn cell(value: Option<&str>) -> String {
    value.map_or_else(|| "<span class=\"tom\">–</span>".to_string(), escape)
}

fn row(s: &Summary) -> String {
    let who = s.name.as_deref().or(s.id.as_deref()).unwrap_or("(namn saknas)");
    let typ = match s.typ.as_deref() {
        Some("information") => "Informationsfolder",
        _ => "Plan",
    };
    let status = match (s.errors, s.warnings) {
        (0, 0) => "<span class=\"ok\">Inga fel</span>".to_string(),
        (0, w) => format!("<span class=\"varning\">{w} {}</span>", if w == 1 { "varning" } else { "varningar" }),
        (e, w) => format!(
            "<span class=\"fel\">{e} fel</span>{}",
            if w > 0 { format!(", {w} {}", if w == 1 { "varning" } else { "varningar" }) } else { String::new() }
        ),
    };
    format!(
        "<tr><td data-sort=\"{who_sort}\"><a href=\"{link}\">{who}</a><div class=\"fil\">{file}</div></td><td>{typ}</td><td>{id}</td><td>{rutin}</td><td data-sort=\"{version_sort:04}\">{version}</td><td data-sort=\"{errors:04}{warnings:04}\">{status}</td><td>{meeting}</td><td>{follow}</td></tr>",
        who_sort = escape(&who.to_lowercase()),
        link = escape(&page_link(&s.file)),
        who = escape(who),
        file = escape(&s.file),
        id = cell(s.case_id.as_deref().or(s.id.as_deref())),
        rutin = cell(s.rutin.as_deref()),
        version_sort = s.version.unwrap_or(0),
        version = s.version.map_or_else(|| "–".to_string(), |v| v.to_string()),
        errors = s.errors,
        warnings = s.warnings,
        meeting = cell(s.next_meeting.as_deref()),
        follow = cell(s.next_follow_up.as_deref()),
    )
}

fn routine_options() -> String {
    crate::routine::Routines::builtin()
        .ids()
        .iter()
        .filter(|id| **id != "nationell")
        .map(|id| format!("<option value=\"{0}\">{0}</option>", escape(id)))
        .collect()
}

/// The query of the start page: how many days ahead "Att göra" looks.
#[derive(serde::Deserialize)]
pub struct ListQuery {
    /// Days ahead (the overview's default when absent or not a number of days).
    dagar: Option<String>,
}

/// The choices of days ahead on the start page.
const DAY_CHOICES: [u32; 5] = [7, 14, 30, 60, 90];

/// The step of the case page that deals with `item` (`steg=` in its link), if one does.
fn step_for(item: &Item) -> Option<String> {
    match (item.vad, item.meeting) {
        (What::NotChecked, Some(n)) => Some(format!("efter-mote-{n}")),
        (What::FollowUp | What::FollowUpLate | What::ThirtyDays, _) => Some("kalla".to_string()),
        (What::NoFollowUp, _) => Some("plan".to_string()),
        (What::Interpreter, Some(n)) => Some(format!("tolk-mote-{n}")),
        (What::Meeting | What::LettersNotBuilt | What::LettersNotSent | What::NotChecked | What::Interpreter, _) => {
            None
        }
    }
}

/// One thing to do as a table row: its date, the person (a link to the case, or to the
/// step that deals with it) and what.
fn todo_row(item: &Item, today: CalendarDate) -> String {
    let late = item.date < today;
    format!(
        "<tr class=\"{class}\"><td data-sort=\"{iso}\"><time datetime=\"{iso}\">{date}</time>{late}</td><td><a href=\"{link}\">{name}</a><div class=\"fil\">{case}</div></td><td>{text}</td></tr>",
        class = if late { "sen" } else { "kommande" },
        iso = item.date,
        date = escape(&format!("{} {} {}", item.date.weekday_sv(), item.date.day, item.date.month_sv())),
        late = if late { " <strong class=\"fel\">Sen</strong>" } else { "" },
        link = escape(&match step_for(item) {
            Some(step) => format!("{}&steg={step}", page_link(&item.file)),
            None => page_link(&item.file),
        }),
        name = escape(if item.name.is_empty() { "(namn saknas)" } else { &item.name }),
        case = escape(&item.case_id),
        text = escape(&item.text),
    )
}

/// The start page's "Att göra": the overview of the folder for `days` ahead.
fn todo_section(items: &[Item], window: Window) -> String {
    let options: String = DAY_CHOICES
        .iter()
        .map(|d| {
            format!("<option value=\"{d}\"{}>{d} dagar</option>", if *d == window.days { " selected" } else { "" })
        })
        .collect();
    let body = if items.is_empty() {
        "<p>Inget att göra just nu.</p>".to_string()
    } else {
        format!(
            "<table class=\"lista\" id=\"att-gora\"><caption class=\"dold\">Att göra, äldst först</caption><thead><tr><th scope=\"col\">Datum</th><th scope=\"col\">Person</th><th scope=\"col\">Vad</th></tr></thead><tbody>{}</tbody></table>",
            items.iter().map(|i| todo_row(i, window.today)).collect::<String>()
        )
    };
    format!(
        r#"<section aria-labelledby="att-gora-rubrik" class="att-gora">
<h2 id="att-gora-rubrik">Att göra</h2>
<form method="get" action="/" class="verktyg">
  <label for="dagar">Visa det som ska göras inom</label>
  <select id="dagar" name="dagar">{options}</select>
  <button type="submit">Visa</button>
</form>
<p class="hjalp">Möten, kallelser som inte är gjorda eller skickade, uppföljningar, Hallands 30 dagar och anteckningar som inte är justerade, från {today}. Det som är sent står först.</p>
{body}
<p><a href="/rapport">Rapport för en period</a></p>
</section>"#,
        today = escape(&window.today.long_sv()),
    )
}

/// `GET /`: what needs doing, and the case list.
pub async fn list(State(state): State<Arc<AppState>>, Query(query): Query<ListQuery>) -> Response {
    let days = query.dagar.and_then(|d| d.parse::<u32>().ok()).filter(|d| *d <= MOST_DAYS).unwrap_or(DEFAULT_DAYS);
    let window = Window { today: cases::today(), days };
    let (root, output) = (state.folder.clone(), state.output.clone());
    let (rows, todo) =
        tokio::task::spawn_blocking(move || (cases::summaries(&root), overview::folder(&root, &output, window)))
            .await
            .unwrap_or_default();
    let body: String = rows.iter().map(row).collect();
    let empty = if rows.is_empty() { "<p>Det finns inga ärendefiler i mappen ännu.</p>" } else { "" };
    let main = format!(
        r#"<h1>Ärenden</h1>
{todo}
<h2>Alla ärendefiler</h2>
<p class="mapp">Mapp: <code>{folder}</code></p>
<div class="verktyg">
  <label for="filter">Sök bland ärendena</label>
  <input id="filter" type="search" autocomplete="off" aria-describedby="antal">
  <span id="antal" role="status" aria-live="polite"></span>
</div>
{empty}
<table id="arenden" class="lista">
<caption class="dold">Ärendefiler. Välj en kolumnrubrik för att sortera.</caption>
<thead><tr>
<th scope="col" aria-sort="ascending"><button type="button" data-kolumn="0">Namn</button></th>
<th scope="col"><button type="button" data-kolumn="1">Typ</button></th>
<th scope="col"><button type="button" data-kolumn="2">Ärende</button></th>
<th scope="col"><button type="button" data-kolumn="3">Rutin</button></th>
<th scope="col"><button type="button" data-kolumn="4">Version</button></th>
<th scope="col"><button type="button" data-kolumn="5">Kontroll</button></th>
<th scope="col"><button type="button" data-kolumn="6">Nästa möte</button></th>
<th scope="col"><button type="button" data-kolumn="7">Nästa uppföljning</button></th>
</tr></thead>
<tbody>{body}</tbody>
</table>
<section class="nytt" aria-labelledby="nytt-rubrik">
<h2 id="nytt-rubrik">Nytt</h2>
<form id="nytt">
  <div class="falt"><label for="ny-typ">Vad vill du göra?</label>
  <select id="ny-typ" name="kind">
    <option value="plan">Nytt ärende med plan</option>
    <option value="kallelse">Nytt ärende: kalla till första mötet</option>
    <option value="information">Ny informationsfolder</option>
  </select></div>
  <div class="falt"><label for="ny-rutin">Rutin</label>
  <select id="ny-rutin" name="rutin">{routines}</select></div>
  <div class="falt"><label for="ny-fil">Filnamn</label>
  <input id="ny-fil" name="file" required pattern="[A-Za-z0-9_./-]+\.ya?ml" aria-describedby="ny-fil-hjalp">
  <p id="ny-fil-hjalp" class="hjalp">Till exempel <code>alex-halland.yaml</code>. Skriv inte personnummer i filnamnet.</p></div>
  <button type="submit">Skapa</button>
  <p id="ny-fel" class="fel" role="alert"></p>
</form>
</section>"#,
        todo = todo_section(&todo, window),
        folder = escape(&state.folder.display().to_string()),
        routines = routine_options(),
    );
    page("Ärenden", "lista", &main).into_response()
}

/// The query of the editor page.
#[derive(serde::Deserialize)]
pub struct EditorQuery {
    /// The case file, relative to the case folder.
    fil: String,
}

/// `GET /arende?fil=<file>`: the editor of one case file.
pub async fn editor(State(state): State<Arc<AppState>>, Query(query): Query<EditorQuery>) -> Response {
    if super::paths::case_file(&state.folder, &query.fil).is_none_or(|p| !p.is_file()) {
        return (
            StatusCode::NOT_FOUND,
            page("Finns inte", "fel", "<h1>Filen finns inte</h1><p><a href=\"/\">Tillbaka till ärendena</a></p>"),
        )
            .into_response();
    }
    let file = escape(&query.fil);
    let main = format!(
        r#"<p><a href="/">← Alla ärenden</a></p>
<h1>Ärende <span id="rubrik-fil">{file}</span></h1>
<div id="redigerare" data-fil="{file}" data-url="{url}" data-rutiner="{routines}">
<div class="knappar">
  <button type="button" id="spara">Spara</button>
  <button type="button" id="bygg">Bygg dokumenten</button>
  <button type="button" id="skicka">Skicka kallelserna</button>
  <span id="sparstatus" role="status" aria-live="polite"></span>
</div>
<div id="konflikt" class="ruta fel" hidden role="alert">
  <p>Filen har ändrats på disken sedan du öppnade den (i en annan flik, av en kollega, i git eller med samplan på kommandoraden). Inget sparades.</p>
  <button type="button" id="ladda-om">Läs in filen från disken (dina ändringar försvinner)</button>
  <button type="button" id="visa-skillnad">Visa skillnaden</button>
  <pre id="skillnad" hidden tabindex="0" role="region" aria-label="Skillnaden mellan filen på disken och din text"></pre>
</div>
<div id="byggresultat" role="status" aria-live="polite"></div>
<div id="skickaresultat" role="status" aria-live="polite"></div>
<div id="ny-version" class="ruta" hidden>
  <p id="ny-version-text"></p>
  <label for="ny-version-datum">Den nya versionens datum</label>
  <input id="ny-version-datum" type="date" aria-describedby="ny-version-datum-hjalp">
  <p id="ny-version-datum-hjalp" class="hjalp">Förvalt är dagen för mötet som versionen gäller. Ändra om planen ändrades en annan dag.</p>
  <div id="ny-version-andringar" aria-live="polite"></div>
  <label for="ny-version-beskrivning">Vad har ändrats i den nya versionen?</label>
  <input id="ny-version-beskrivning" type="text">
  <button type="button" id="ny-version-knapp">Ny version</button>
</div>
<div class="delar">
<section class="redigera" aria-labelledby="redigera-rubrik">
<h2 id="redigera-rubrik" class="dold">Redigera</h2>
<div role="tablist" aria-label="Visa ärendet som">
  <button type="button" role="tab" id="flik-steg" aria-controls="panel-steg" aria-selected="true">SIP-steg</button>
  <button type="button" role="tab" id="flik-formular" aria-controls="panel-formular" aria-selected="false" tabindex="-1">Alla uppgifter</button>
  <button type="button" role="tab" id="flik-yaml" aria-controls="panel-yaml" aria-selected="false" tabindex="-1">YAML</button>
</div>
<div role="tabpanel" id="panel-steg" aria-labelledby="flik-steg">
  <p class="hjalp">Ärendet steg för steg: det som har hänt, och nästa steg som korta formulär. Varje steg sparas i ärendefilen.</p>
  <div id="steg"></div>
</div>
<div role="tabpanel" id="panel-formular" aria-labelledby="flik-formular" hidden>
  <p class="hjalp">Formuläret sparar filen i samplans ordning. Kommentarer (rader som börjar med #) sparas inte när du ändrar i formuläret. Vill du behålla dem, ändra under fliken YAML.</p>
  <form id="formular" novalidate></form>
</div>
<div role="tabpanel" id="panel-yaml" aria-labelledby="flik-yaml" hidden>
  <label for="yaml">Ärendefilen som text (YAML)</label>
  <textarea id="yaml" spellcheck="false" rows="30" aria-describedby="yaml-rad"></textarea>
  <p id="yaml-rad" class="hjalp"></p>
</div>
</section>
<aside aria-labelledby="kontroll-rubrik">
<h2 id="kontroll-rubrik">Kontroll</h2>
<div id="diagnoser" role="status" aria-live="polite"></div>
<h2 id="dokument-rubrik">Dokument</h2>
<p class="hjalp">Välj ett dokument för att se hur det blir. Inget sparas eller skickas.</p>
<ul id="dokument" aria-labelledby="dokument-rubrik"></ul>
<div id="forhandsvisning"></div>
</aside>
</div>
</div>"#,
        url = escape(&percent(&query.fil)),
        routines = escape(&crate::routine::Routines::builtin().ids().join(",")),
    );
    page(&format!("Ärende {}", query.fil), "arende", &main).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_text_is_escaped_in_the_list() {
        let s = Summary {
            file: "a.yaml".into(),
            typ: Some("plan".into()),
            case_id: Some("X".into()),
            id: None,
            name: Some("<script>alert(1)</script>".into()),
            rutin: Some("halland".into()),
            version: Some(1),
            errors: 0,
            warnings: 1,
            next_meeting: None,
            next_follow_up: None,
        };
        let html = row(&s);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("1 varning"));
    }

    /// Every step a link from "Att göra" names is one the case page can open: a key of
    /// `STEPS` in steps.js, or the after-meeting step of a meeting.
    #[test]
    fn every_linked_step_is_one_the_page_opens() {
        let script = include_str!("assets/steps.js");
        let table = &script[script.find("const STEPS = {").expect("STEPS in steps.js")..];
        let table = &table[..table.find("};").unwrap()];
        let all = [
            What::Meeting,
            What::LettersNotBuilt,
            What::LettersNotSent,
            What::FollowUp,
            What::FollowUpLate,
            What::ThirtyDays,
            What::NoFollowUp,
            What::NotChecked,
            What::Interpreter,
        ];
        for vad in all {
            let item = Item { vad, meeting: Some(2), ..item_for_test() };
            let Some(step) = step_for(&item) else { continue };
            // A meeting's step (`efter-mote-2`) is matched by its pattern in runStep.
            let prefix = step.trim_end_matches(|c: char| c.is_ascii_digit());
            let known = (prefix != step && script.contains(&format!("/^{prefix}(\\d+)$/")))
                || table.contains(&format!("\n  {step}: {{"))
                || table.contains(&format!("\n  '{step}': {{"));
            assert!(known, "{vad:?} links to the step {step}, which steps.js does not have");
        }
        assert_eq!(
            step_for(&Item { vad: What::NoFollowUp, meeting: None, ..item_for_test() }).as_deref(),
            Some("plan")
        );
    }

    fn item_for_test() -> Item {
        Item {
            file: "a.yaml".into(),
            case_id: "X".into(),
            name: "N".into(),
            vad: What::Meeting,
            date: CalendarDate { year: 2026, month: 12, day: 4 },
            text: String::new(),
            meeting: None,
        }
    }
}
