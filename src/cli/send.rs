//! `samplan skicka`: the command around [`samplan::send`] — reads and checks the case,
//! says what it would send, and with a server sends it and says what happened.

use std::path::Path;
use std::process::ExitCode;

use samplan::case::CaseFile;
use samplan::check::{check_file, io_sv};
use samplan::diagnostic::Diagnostic;
use samplan::render::TemplateSet;
use samplan::send::message::Kind;
use samplan::send::record::Record;
use samplan::send::smtp::Server;
use samplan::send::{Plan, open};

use super::tell_text;

pub fn run(
    case_path: &Path,
    meeting: Option<usize>,
    out: &Path,
    smtp: Option<String>,
    from: Option<String>,
) -> ExitCode {
    let checked = match check_file(case_path) {
        Ok(c) => c,
        Err(e) => {
            tell!("samplan: {}: {}", case_path.display(), io_sv(&e));
            return ExitCode::from(2);
        }
    };
    let Some(case) = checked.valid_case() else {
        let text: String = checked.diagnostics.iter().map(Diagnostic::render_text).collect();
        tell_text(&text);
        tell!("samplan: ärendet har fel; inget skickades");
        return ExitCode::from(1);
    };
    let smtp = smtp.or_else(|| std::env::var("SAMPLAN_SMTP").ok()).filter(|s| !s.trim().is_empty());
    let from = from.or_else(|| std::env::var("SAMPLAN_SMTP_FRAN").ok()).filter(|s| !s.trim().is_empty());
    // Everything that can be wrong with the server or sender is found before a message
    // is sent.
    let server = match smtp.as_deref().map(Server::parse).transpose() {
        Ok(s) => s,
        Err(e) => return usage(&e),
    };
    let sender = match (&server, from) {
        (Some(_), None) => {
            return usage("ange avsändaren med --från eller SAMPLAN_SMTP_FRAN, t.ex. \"SIP Kalmar <sip@kalmar.se>\"");
        }
        (Some(_), Some(f)) => match f.parse::<lettre::message::Mailbox>() {
            Ok(m) => Some(m),
            Err(e) => return usage(&format!("avsändaren {f:?} är ingen e-postadress: {e}")),
        },
        (None, _) => None,
    };
    let meeting = match open(case, meeting, out) {
        Ok(m) => m,
        Err(e) => {
            tell!("samplan: {}: {e}", case_path.display());
            return ExitCode::from(1);
        }
    };
    let mut record = match Record::read(meeting.dir(), &meeting.case().case_id, meeting.number()) {
        Ok(r) => r,
        Err(e) => {
            tell!("samplan: {e}");
            return ExitCode::from(1);
        }
    };
    let plan = match meeting.plan(&record) {
        Ok(p) => p,
        Err(e) => {
            tell!("samplan: {e}");
            return ExitCode::from(1);
        }
    };
    show(&plan);
    let (Some(server), Some(sender)) = (server, sender) else {
        if !plan.outgoing.is_empty() {
            say!("Inget skickades: ange SMTP-servern med --smtp eller SAMPLAN_SMTP för att skicka.");
        }
        return ExitCode::SUCCESS;
    };
    if plan.outgoing.is_empty() {
        say!("Inget nytt att skicka.");
        return ExitCode::SUCCESS;
    }
    let templates = match templates_of(case_path, case) {
        Ok(t) => t,
        Err(e) => return usage(&e),
    };
    let transport = match server.transport() {
        Ok(t) => t,
        Err(e) => return usage(&e),
    };
    let outcomes = match meeting.send(&plan, &mut record, &transport, &sender, &templates) {
        Ok(o) => o,
        Err(e) => {
            tell!("samplan: {e}");
            return ExitCode::from(1);
        }
    };
    let mut failed = 0;
    for (out, result) in &outcomes {
        match result {
            Ok(sent) => {
                say!("skickat: {} <{}> ({}), Message-ID {}", out.id, out.email, what(out.kind), sent.message_id)
            }
            Err(e) => {
                failed += 1;
                tell!("inte skickat: {} <{}>: {e}", out.id, out.email);
            }
        }
    }
    let sent = outcomes.len() - failed;
    say!(
        "{sent} skickade, {failed} inte skickade; {} visar vad som har skickats.",
        meeting.dir().join(samplan::send::record::RECORD_FILE).display()
    );
    if failed > 0 {
        tell!("samplan: kör samplan skicka igen när felet är åtgärdat; det som redan skickats skickas inte igen.");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// Who gets what and how.
fn show(plan: &Plan) {
    say!("Möte {} i {} ({}):", plan.meeting, plan.case_id, plan.dir.display());
    for out in &plan.outgoing {
        let letter = out.letter.as_deref().unwrap_or("ingen bilaga");
        say!("  e-post  {:<12} {} <{}>: {letter} ({})", out.id, out.name, out.email, what(out.kind));
    }
    for (id, name) in &plan.unchanged {
        say!("  e-post  {id:<12} {name}: redan skickad, oförändrad");
    }
    for (id, name, file) in &plan.by_post {
        say!("  post    {id:<12} {name}: {file} (i utskrift.pdf)");
    }
    say!("  post    {:<12} personen: kallelse-person.pdf och personens former (i utskrift.pdf)", "personen");
}

fn what(kind: Kind) -> &'static str {
    match kind {
        Kind::New => "ny kallelse",
        Kind::Changed => "ändrad kallelse",
        Kind::Cancelled => "inte längre kallad: mötet tas bort ur kalendern",
    }
}

fn usage(message: &str) -> ExitCode {
    tell!("samplan skicka: {message}");
    ExitCode::from(2)
}

/// The case's template set (for the e-mail's words): its `mallar:`, else the built-in.
fn templates_of(case_path: &Path, case: &CaseFile) -> Result<std::sync::Arc<TemplateSet>, String> {
    match case {
        CaseFile::Plan(p) if p.templates.is_some() => {
            let rel = p.templates.as_deref().unwrap_or_default();
            let dir = case_path.parent().unwrap_or(Path::new(".")).join(rel);
            TemplateSet::from_dir(&dir).map(std::sync::Arc::new)
        }
        _ => Ok(TemplateSet::builtin()),
    }
}
