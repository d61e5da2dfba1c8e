//! `samplan skicka`: the command around [`samplan::send`] — reads and checks the case,
//! says what it would send, and with a server sends it and says what happened.

use std::path::Path;
use std::process::ExitCode;

use samplan::check::{check_file, io_sv};
use samplan::diagnostic::Diagnostic;
use samplan::send::record::RECORD_FILE;
use samplan::send::{Plan, Via, server_from, templates_of};

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
    // Everything that can be wrong with the server or sender is found before a message
    // is sent.
    let server = match server_from(smtp, from) {
        Ok(s) => s,
        Err(e) => return usage(&e),
    };
    let templates = match templates_of(case_path, case) {
        Ok(t) => t,
        Err(e) => return usage(&e),
    };
    let via = server.as_ref().map(|(server, from)| Via { server, from, templates: &templates });
    let sending = via.is_some();
    let report = match samplan::send::run(case, meeting, out, via, &|| false) {
        Ok(r) => r,
        Err(e) => {
            tell!("samplan: {}: {e}", case_path.display());
            return ExitCode::from(1);
        }
    };
    show(&report.plan);
    if report.plan.outgoing.is_empty() {
        say!("Inget nytt att skicka.");
        return ExitCode::SUCCESS;
    }
    if !sending {
        say!("Inget skickades: ange SMTP-servern med --smtp eller SAMPLAN_SMTP för att skicka.");
        return ExitCode::SUCCESS;
    }
    let mut failed = 0;
    for (out, result) in &report.outcomes {
        match result {
            Ok(sent) => {
                say!("skickat: {} <{}> ({}), Message-ID {}", out.id, out.email, out.kind.swedish(), sent.message_id)
            }
            Err(e) => {
                failed += 1;
                tell!("inte skickat: {} <{}>: {e}", out.id, out.email);
            }
        }
    }
    let sent = report.outcomes.len() - failed;
    say!(
        "{sent} skickade, {failed} inte skickade; {} visar vad som har skickats.",
        report.plan.dir.join(RECORD_FILE).display()
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
        say!("  e-post  {:<12} {} <{}>: {letter} ({})", out.id, out.name, out.email, out.kind.swedish());
    }
    for (id, name) in &plan.unchanged {
        say!("  e-post  {id:<12} {name}: redan skickad, oförändrad");
    }
    for (id, name, file) in &plan.by_post {
        say!("  post    {id:<12} {name}: {file} (i utskrift.pdf)");
    }
    say!("  post    {:<12} kallelse-person.pdf och personens former (i utskrift.pdf)", "personen");
}

fn usage(message: &str) -> ExitCode {
    tell!("samplan skicka: {message}");
    ExitCode::from(2)
}
