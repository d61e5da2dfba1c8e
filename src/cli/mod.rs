//! Command-line parsing (clap) and the subcommands. Each subcommand is a small function
//! that calls the library; exit codes: 0 ok, 1 a case has errors, 2 usage or I/O error.

/// `println!` that does not panic when standard out is closed early
/// (`samplan build | head -3`): the rest of the output is dropped and the command
/// finishes its work, so a build still writes every document.
macro_rules! say {
    ($($arg:tt)*) => {
        crate::samplan_cli::say_line(format_args!($($arg)*))
    };
}

/// `eprintln!` that does not panic when standard error is closed early
/// (`samplan build 2>&1 >log | head -1`): findings that cannot be shown are dropped,
/// and the command still finishes its work and gives its exit code.
macro_rules! tell {
    ($($arg:tt)*) => {
        crate::samplan_cli::tell_line(format_args!($($arg)*))
    };
}

mod bench;
mod build;
mod casework;
mod fhir;
mod send;
mod swedish;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use samplan::braille::format::Layout;
use samplan::build::BuildOptions;
use samplan::check::{check_file, collect_case_files, io_sv};
use samplan::diagnostic::{Diagnostic, to_json};
use samplan::routine::Routines;
use samplan::rules;

/// samplan – samordnade individuella planer (SIP) från ärendefiler.
#[derive(Parser)]
#[command(
    name = "samplan",
    version,
    about = "samplan gör samordnade individuella planer (SIP) av ärendefiler: kontrollerar dem och skapar dokumenten.",
    long_about = None
)]
struct Cli {
    /// Antal kärnor att arbeta på (standard: alla).
    #[arg(long, short = 'j', global = true, default_value_t = 0, value_name = "ANTAL")]
    jobs: usize,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Kontrollera ärendefiler mot rutinens regler.
    Check {
        /// Filer eller mappar (standard: cases/).
        #[arg(value_name = "SÖKVÄG")]
        paths: Vec<PathBuf>,
        /// Utdataformat.
        #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
        format: OutputFormat,
    },
    /// Lista rutinerna, eller visa en rutins regler och obligatoriska fält.
    Routines {
        /// Rutinens id.
        #[arg(value_name = "RUTIN")]
        id: Option<String>,
    },
    /// Skriv ut JSON Schema för ärendefiler.
    Schema,
    /// Skriv ut en kommenterad mall för en ny ärendefil.
    New {
        /// Vilken sorts fil.
        #[arg(value_enum, value_name = "SORT")]
        kind: NewKind,
        /// Rutinen som gäller.
        #[arg(long, value_name = "RUTIN")]
        rutin: String,
        /// Skriv mallen till en ny fil (och lägg schemat där editorn hittar det) i
        /// stället för till standard ut.
        #[arg(short, long, value_name = "FIL")]
        output: Option<PathBuf>,
    },
    /// Skapa dokumenten för ärendefilerna.
    Build {
        /// Filer eller mappar (standard: cases/).
        #[arg(value_name = "SÖKVÄG")]
        paths: Vec<PathBuf>,
        /// Mapp där dokumenten skrivs.
        #[arg(short, long, default_value = "output", value_name = "MAPP")]
        output: PathBuf,
        /// Mapp med egna mallar (ersätter de inbyggda och `mallar:` i ärendet).
        #[arg(long, value_name = "MAPP")]
        templates: Option<PathBuf>,
        /// Gör om dokument även när inget har ändrats.
        #[arg(long)]
        force: bool,
        /// Punktskrift: tecken per rad.
        #[arg(long, default_value_t = 32, value_name = "ANTAL")]
        braille_cols: usize,
        /// Punktskrift: rader per sida.
        #[arg(long, default_value_t = 27, value_name = "ANTAL")]
        braille_rows: usize,
        /// Inläst: talhastighet i ord per minut (80–450).
        #[arg(long, default_value_t = samplan::speech::DEFAULT_WORDS_PER_MINUTE, value_name = "ORD",
              value_parser = clap::value_parser!(u32).range(80..=450))]
        tal_hastighet: u32,
    },
    /// Skicka ett byggt mötes kallelser med e-post till personal, med mötet som
    /// kalenderinbjudan. Utan --smtp (eller SAMPLAN_SMTP) visas bara vem som skulle få vad.
    Skicka {
        /// Ärendefilen.
        #[arg(value_name = "ÄRENDEFIL")]
        case: PathBuf,
        /// Mötet (dess plats i möten, från 1; standard: det senaste).
        #[arg(long = "möte", value_name = "N")]
        meeting: Option<usize>,
        /// Mappen som mötet byggdes till.
        #[arg(short, long, default_value = "output", value_name = "MAPP")]
        output: PathBuf,
        /// SMTP-servern: smtps://värd[:port] eller smtp://värd[:port] (STARTTLS krävs).
        /// Standard: SAMPLAN_SMTP.
        #[arg(long, value_name = "URL")]
        smtp: Option<String>,
        /// Avsändaren, t.ex. "SIP Kalmar <sip@kalmar.se>". Standard: SAMPLAN_SMTP_FRAN.
        #[arg(long = "från", value_name = "AVSÄNDARE")]
        from: Option<String>,
    },
    /// Skriv ut en byggd version av planen som FHIR-dokument (en Bundle) för
    /// verksamheternas journalsystem, eller med --getcareplans som fälten i Ineras
    /// tjänstekontrakt GetCarePlans.
    Fhir {
        /// Ärendefilen.
        #[arg(value_name = "ÄRENDEFIL")]
        case: PathBuf,
        /// Versionen (standard: den senaste; med --getcareplans: alla).
        #[arg(long, value_name = "N")]
        version: Option<u32>,
        /// En verksamhets kopia (dess id i organisationer) i stället för originalet.
        #[arg(long, value_name = "ID")]
        kopia: Option<String>,
        /// Mappen som planen byggdes till.
        #[arg(short, long, default_value = "output", value_name = "MAPP")]
        output: PathBuf,
        /// Skriv ut varje versions huvud och innehåll som i GetCarePlans, och kontrollera
        /// att PDF-filen ryms i kontraktets 100 kB.
        #[arg(long)]
        getcareplans: bool,
        /// Källsystemets HSA-id (sourceSystemHSAId i GetCarePlans).
        #[arg(long = "källsystem", value_name = "HSA-ID", requires = "getcareplans")]
        source_system: Option<String>,
    },
    /// Översätt text på standard in till punktskrift på standard ut.
    Braille {
        /// Skriv PEF.
        #[arg(long, group = "fmt")]
        pef: bool,
        /// Skriv BRF (Braille ASCII).
        #[arg(long, group = "fmt")]
        brf: bool,
        /// Skriv Unicode-punktskrift i sidor.
        #[arg(long, group = "fmt")]
        unicode: bool,
        /// Tecken per rad (med sidindelning).
        #[arg(long, value_name = "ANTAL")]
        cols: Option<usize>,
        /// Rader per sida (med sidindelning).
        #[arg(long, value_name = "ANTAL")]
        rows: Option<usize>,
    },
    /// Skriv ut den JSON som ett dokument görs från (för mallförfattare).
    Data {
        /// Ärendefilen.
        #[arg(value_name = "ÄRENDEFIL")]
        case: PathBuf,
        /// Dokumentet, t.ex. plan, plan-kopia-rehab, kallelse-lisa, kallelse-person, information.
        #[arg(value_name = "DOKUMENT")]
        document: String,
        /// Mappen som ärendet byggs till (där tidigare versioner ligger).
        #[arg(short, long, default_value = "output", value_name = "MAPP")]
        output: PathBuf,
        /// Skriv ut dokumentets disposition (innehall.json) i stället för dess data.
        #[arg(long = "innehåll")]
        outline: bool,
    },
    /// Gör ett enda dokument ur ett ärende (för mallförfattare och jämförelser).
    Render {
        /// Ärendefilen.
        #[arg(value_name = "ÄRENDEFIL")]
        case: PathBuf,
        /// Dokumentet, t.ex. plan eller kallelse-person.
        #[arg(value_name = "DOKUMENT")]
        document: String,
        /// Mapp där filerna skrivs (och där tidigare versioner av ärendet söks).
        #[arg(short, long, default_value = ".", value_name = "MAPP")]
        output: PathBuf,
    },
    /// Visa vad en PDF från samplan är: dokument, ärende, version, mottagare.
    Inspect {
        /// PDF-filen.
        #[arg(value_name = "PDF")]
        file: PathBuf,
    },
    /// Räkna ut läsbarhetsindex (LIX) för en text.
    Lix {
        /// Textfilen (standard in om den saknas).
        #[arg(value_name = "FIL")]
        file: Option<PathBuf>,
        /// Utdataformat.
        #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
        format: OutputFormat,
    },
    /// Starta arbetsbänken i webbläsaren: redigera, kontrollera, förhandsvisa och bygg ärendena i en mapp.
    Serve {
        /// Mappen med ärendefiler (standard: cases/).
        #[arg(value_name = "MAPP", default_value = "cases")]
        folder: PathBuf,
        /// Mappen som dokumenten byggs till.
        #[arg(long, default_value = "output", value_name = "MAPP")]
        output: PathBuf,
        /// Porten (0 = valfri ledig port).
        #[arg(long, default_value_t = 7070, value_name = "PORT")]
        port: u16,
        /// Adressen att lyssna på (standard: bara den här datorn).
        #[arg(long, default_value = "127.0.0.1", value_name = "ADRESS")]
        listen: std::net::IpAddr,
        /// En fil med nyckeln (token) i stället för en ny slumpad nyckel.
        #[arg(long, value_name = "FIL")]
        token_file: Option<PathBuf>,
        /// Adressen som en omvänd proxy med TLS visar arbetsbänken på, t.ex.
        /// https://sip.example.se.
        #[arg(long, value_name = "URSPRUNG")]
        public_origin: Option<String>,
    },
    /// Visa vad som behöver göras i ärendena: möten, kallelser, uppföljningar,
    /// Hallands 30 dagar, anteckningar att justera.
    Oversikt {
        /// Mappen med ärendefiler.
        #[arg(value_name = "MAPP", default_value = "cases")]
        folder: PathBuf,
        /// Hur många dagar framåt.
        #[arg(long, default_value_t = samplan::casework::overview::DEFAULT_DAYS, value_name = "N",
              value_parser = clap::value_parser!(u32).range(0..=i64::from(samplan::casework::overview::MOST_DAYS)))]
        dagar: u32,
        /// Dagen översikten görs för (standard: i dag), ÅÅÅÅ-MM-DD.
        #[arg(long, value_name = "DATUM")]
        idag: Option<String>,
        /// Mappen som ärendena byggs till (där kallelserna ligger).
        #[arg(short, long, default_value = "output", value_name = "MAPP")]
        output: PathBuf,
        /// Utdataformat.
        #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
        format: casework::OverviewFormat,
    },
    /// Räkna ut periodens siffror: påbörjade och avslutade ärenden, dagar till första
    /// mötet, måluppfyllelse, avvikelser, sena uppföljningar. Ingen person nämns.
    Rapport {
        /// Mappen med ärendefiler.
        #[arg(value_name = "MAPP", default_value = "cases")]
        folder: PathBuf,
        /// Periodens första dag, ÅÅÅÅ-MM-DD.
        #[arg(long = "från", value_name = "DATUM")]
        from: String,
        /// Periodens sista dag, ÅÅÅÅ-MM-DD.
        #[arg(long = "till", value_name = "DATUM")]
        to: String,
        /// Utdataformat.
        #[arg(long, value_enum, default_value = "json", value_name = "FORMAT")]
        format: casework::ReportFormat,
        /// Skriv till en fil (pdf: standard rapport-FRÅN-TILL.pdf).
        #[arg(long = "fil", value_name = "FIL")]
        file: Option<PathBuf>,
    },
    /// Mät hur snabbt samplan arbetar på genererade ärenden.
    Bench {
        /// Antal genererade ärenden som kontrolleras.
        #[arg(long, default_value_t = 1000, value_name = "ANTAL")]
        cases: u64,
        /// Antal av dem som också byggs till dokument (0 = ingen rendering).
        #[arg(long, default_value_t = 100, value_name = "ANTAL")]
        render: u64,
        /// Det första fröet för de genererade ärendena (samma frö ger samma ärenden).
        #[arg(long, default_value_t = 0, value_name = "FRÖ")]
        seed: u64,
        /// Hur många procent av de byggda ärendena som också vill ha planen inläst.
        #[arg(long, default_value_t = 0, value_name = "PROCENT",
              value_parser = clap::value_parser!(u64).range(0..=100))]
        inlast_procent: u64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    /// En plan efter det första mötet.
    Plan,
    /// Ett ärende där det första mötet kallas och planen inte finns än.
    Kallelse,
    /// Ett informationsblad.
    Information,
}

/// Parses the command line and runs it.
pub fn run() -> ExitCode {
    if let Some(code) = samplan::speech::engine::serve_child() {
        return code;
    }
    if let Ok(program) = std::env::current_exe() {
        samplan::speech::engine::speak_in_child_processes(program);
    }
    let parsed = swedish::command(Cli::command())
        .try_get_matches_from(swedish::help_as_flag(std::env::args_os()))
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let text = swedish::error_text(&e);
            return if e.use_stderr() {
                tell_text(&text);
                ExitCode::from(2)
            } else {
                print(&text)
            };
        }
    };
    samplan::init_workers(cli.jobs);
    match cli.command {
        Command::Check { paths, format } => check(paths, format),
        Command::Routines { id } => routines(id.as_deref()),
        Command::Schema => print(&format!("{:#}\n", samplan::schema::case_schema())),
        Command::New { kind, rutin, output } => new(kind, &rutin, output.as_deref()),
        Command::Serve { folder, output, port, listen, token_file, public_origin } => {
            let config = samplan::serve::Config { folder, output, port, listen, token_file, public_origin };
            match samplan::serve::run(config) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    tell!("samplan serve: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Oversikt { folder, dagar, idag, output, format } => {
            casework::overview(&folder, &output, dagar, idag.as_deref(), format)
        }
        Command::Rapport { folder, from, to, format, file } => {
            casework::report_command(&folder, &from, &to, format, file)
        }
        Command::Bench { cases, render, seed, inlast_procent } => {
            bench::run(bench::Sizes { seed, cases, render, recorded_percent: inlast_procent }, cli.jobs)
        }
        Command::Build { paths, output, templates, force, braille_cols, braille_rows, tal_hastighet } => {
            let braille = Layout { cols: braille_cols, rows: braille_rows };
            let options = BuildOptions {
                out: output,
                templates,
                force,
                braille,
                speech_rate: tal_hastighet,
                stop: None,
                longest_wait: None,
            };
            build::run(default_paths(paths), options, cli.jobs)
        }
        Command::Skicka { case, meeting, output, smtp, from } => send::run(&case, meeting, &output, smtp, from),
        Command::Fhir { case, version, kopia, output, getcareplans, source_system } => fhir::run(&fhir::Asked {
            case: &case,
            version,
            copy: kopia.as_deref(),
            output: &output,
            getcareplans,
            source_system: source_system.as_deref(),
        }),
        Command::Braille { pef, brf, unicode, cols, rows } => braille(pef, brf, unicode, cols, rows),
        Command::Data { case, document, output, outline } => data(&case, &document, &output, outline),
        Command::Render { case, document, output } => render_one(&case, &document, &output),
        Command::Lix { file, format } => lix(file.as_deref(), format),
        Command::Inspect { file } => match samplan::inspect::inspect(&file) {
            Ok(i) => print(&i.report()),
            Err(e) => {
                tell!("samplan: {e}");
                ExitCode::from(2)
            }
        },
    }
}

/// Writes one line to standard out for [`say!`]. A closed pipe is not an error for a
/// command's result; any other write error is reported once per line on standard error.
pub(crate) fn say_line(args: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{args}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => tell!("samplan: kunde inte skriva: {e}"),
        _ => {}
    }
}

/// Writes one line to standard error for [`tell!`]. Standard error is where a write
/// error would be reported, so one that fails is dropped.
pub(crate) fn tell_line(args: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr().lock(), "{args}");
}

/// Writes findings, already ending in a newline, to standard error, as [`tell_line`].
pub(crate) fn tell_text(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// `n` and the word for one or for many: "1 fil", "2 filer", "0 filer".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            tell!("samplan: kunde inte skriva: {e}");
            ExitCode::from(2)
        }
    }
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() { vec![PathBuf::from("cases")] } else { paths }
}

fn check(paths: Vec<PathBuf>, format: OutputFormat) -> ExitCode {
    let files = match collect_case_files(&default_paths(paths)) {
        Ok(f) => f,
        Err(e) => {
            tell!("samplan: {e}");
            return ExitCode::from(2);
        }
    };
    let mut all: Vec<Diagnostic> = Vec::new();
    let mut failed_files = 0;
    let mut io_failed = false;
    // Files are checked in parallel; results are reported in file order.
    let results: Vec<_> = files.par_iter().map(|f| check_file(f)).collect();
    for (file, result) in files.iter().zip(results) {
        match result {
            Ok(checked) => {
                if checked.has_errors() {
                    failed_files += 1;
                }
                all.extend(checked.diagnostics);
            }
            Err(e) => {
                tell!("samplan: {}: {}", file.display(), io_sv(&e));
                io_failed = true;
            }
        }
    }
    let status = match format {
        OutputFormat::Json => print(&format!("{}\n", to_json(&all))),
        OutputFormat::Text => {
            let mut text: String = all.iter().map(Diagnostic::render_text).collect();
            let errors = all.iter().filter(|d| d.is_error()).count();
            text.push_str(&format!(
                "{}: {} med fel, {} fel, {}\n",
                count(files.len(), "fil kontrollerad", "filer kontrollerade"),
                failed_files,
                errors,
                count(all.len() - errors, "varning", "varningar")
            ));
            print(&text)
        }
    };
    if io_failed || status != ExitCode::SUCCESS {
        ExitCode::from(2)
    } else if failed_files > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn routines(id: Option<&str>) -> ExitCode {
    let all = Routines::builtin();
    let Some(id) = id else {
        let mut text = String::new();
        for r in all.all() {
            text.push_str(&format!("{:<22} {}\n", r.id(), r.file.title));
        }
        return print(&text);
    };
    let Some(r) = all.get(id) else {
        tell!("samplan: okänd rutin `{id}`; kända rutiner: {}", all.ids().join(", "));
        return ExitCode::from(2);
    };
    let mut text = format!("{} – {}\nKälla: {}\n\n{}\n\n", r.id(), r.file.title, r.file.source, r.file.description);
    if let Some(base) = &r.file.builds_on {
        text.push_str(&format!("Bygger på: {base}\n\n"));
    }
    text.push_str("Obligatoriska fält:\n");
    for f in &r.required {
        text.push_str(&format!("  {:<36} {}\n", f.path, f.reason));
    }
    text.push_str("\nRegler:\n");
    for rule in r.rules.iter().filter_map(|id| rules::get(id)) {
        text.push_str(&format!("  {:<32} {:<7} {}\n", rule.id, rule.severity.as_str(), rule.summary));
    }
    text.push_str("\nDagordning i kallelsen:\n");
    for item in &r.file.agenda {
        text.push_str(&format!("  - {item}\n"));
    }
    text.push_str(&format!(
        "\nDe kallade är skyldiga att komma: {}\n",
        if r.file.duty_to_attend { "ja" } else { "nej (det står inte i rutinen)" }
    ));
    print(&text)
}

fn new(kind: NewKind, routine: &str, output: Option<&std::path::Path>) -> ExitCode {
    use samplan::skeleton::{NewFile, SchemaFile, SchemaLink, skeleton, write_new_case};
    let all = Routines::builtin();
    let Some(r) = all.get(routine) else {
        tell!("samplan: okänd rutin `{routine}`; kända rutiner: {}", all.ids().join(", "));
        return ExitCode::from(2);
    };
    let file_kind = match kind {
        NewKind::Plan => NewFile::Plan,
        NewKind::Kallelse => NewFile::Called,
        NewKind::Information => NewFile::Information,
    };
    let Some(path) = output else {
        return print(&skeleton(file_kind, r, &SchemaLink::Printed));
    };
    match write_new_case(path, file_kind, r) {
        Ok(schema) => {
            say!("{} skapad. Fyll i den och kontrollera den med: samplan check {}", path.display(), path.display());
            match schema {
                SchemaFile::Found(_) => {}
                SchemaFile::Updated(s) => say!("{} uppdaterades till den här versionen av samplan.", s.display()),
                SchemaFile::Written(s) => say!("{} skrevs: editorn använder schemat för att hjälpa till.", s.display()),
            }
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            tell!(
                "samplan: {} finns redan; samplan skriver inte över en ärendefil. Välj ett annat namn.",
                path.display()
            );
            ExitCode::from(2)
        }
        Err(e) => {
            tell!("samplan: {}: {}", path.display(), io_sv(&e));
            ExitCode::from(2)
        }
    }
}

/// A case checked and its documents prepared as a build into `output` would;
/// diagnostics printed and an exit code (1: the case has errors, 2: it cannot be read)
/// when that fails.
fn prepared_documents(
    case: &std::path::Path,
    output: &std::path::Path,
) -> Result<(samplan::case::CaseFile, Vec<samplan::build::Prepared>), ExitCode> {
    let checked = check_file(case).map_err(|e| {
        tell!("samplan: {}: {}", case.display(), io_sv(&e));
        ExitCode::from(2)
    })?;
    let Some(valid) = checked.valid_case() else {
        let text: String = checked.diagnostics.iter().map(Diagnostic::render_text).collect();
        tell_text(&text);
        return Err(ExitCode::from(1));
    };
    let options = BuildOptions::into_folder(output.to_path_buf());
    let docs = samplan::build::Builder::new(options).documents(valid).map_err(|e| {
        tell!("samplan: {e}");
        ExitCode::from(1)
    })?;
    Ok((valid.clone(), docs))
}

fn data(case: &std::path::Path, document: &str, output: &std::path::Path, outline: bool) -> ExitCode {
    let (_, docs) = match prepared_documents(case, output) {
        Ok(found) => found,
        Err(code) => return code,
    };
    match docs.iter().find(|d| d.spec.name == document) {
        Some(doc) if outline => match doc.outline(&samplan::render::TemplateSet::builtin()) {
            Some(Ok(outline)) => print(&format!("{}\n", serde_json::to_string_pretty(&outline).unwrap_or_default())),
            Some(Err(e)) => {
                tell!("samplan: {e}");
                ExitCode::from(1)
            }
            None => {
                tell!("samplan: `{document}` har ingen disposition; dess mallar läser bara data.json");
                ExitCode::from(2)
            }
        },
        Some(doc) => print(&format!("{}\n", serde_json::to_string_pretty(&doc.data).unwrap_or_default())),
        None => {
            let names: Vec<&str> = docs.iter().map(|d| d.spec.name.as_str()).collect();
            tell!("samplan: ärendet har inget dokument `{document}`; det har: {}", names.join(", "));
            ExitCode::from(2)
        }
    }
}

/// `samplan braille`: stdin to braille. With no layout option, line by line with no
/// wrapping (the mode compared with liblouis); otherwise laid out in pages.
fn braille(pef: bool, brf: bool, unicode: bool, cols: Option<usize>, rows: Option<usize>) -> ExitCode {
    use std::io::Read;
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        tell!("samplan: kunde inte läsa standard in: {e}");
        return ExitCode::from(2);
    }
    let paged = pef || brf || unicode || cols.is_some() || rows.is_some();
    if !paged {
        let mut out = String::with_capacity(input.len() * 3);
        for line in input.lines() {
            out.push_str(&samplan::braille::table::unicode_string(&samplan::braille::translate(line)));
            out.push('\n');
        }
        return print(&out);
    }
    let defaults = Layout::default();
    let layout = Layout { cols: cols.unwrap_or(defaults.cols), rows: rows.unwrap_or(defaults.rows) };
    let pages = samplan::braille::format::layout_document(&input, layout);
    if pef {
        let meta = samplan::braille::format::PefMeta {
            identifier: "samplan-stdin",
            title: "Text",
            date: "2026-01-01",
            language: samplan::language::SWEDISH,
        };
        print(&samplan::braille::format::to_pef(&pages, layout, &meta))
    } else if brf {
        let bytes = samplan::braille::format::to_brf(&pages, layout);
        print(&String::from_utf8_lossy(&bytes))
    } else {
        print(&samplan::braille::format::to_unicode_text(&pages))
    }
}

/// `samplan lix`: the LIX of a file or of stdin.
fn lix(file: Option<&std::path::Path>, format: OutputFormat) -> ExitCode {
    use std::io::Read;
    let text = match file {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                tell!("samplan: {}: {}", path.display(), io_sv(&e));
                return ExitCode::from(2);
            }
        },
        None => {
            let mut t = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut t) {
                tell!("samplan: kunde inte läsa standard in: {e}");
                return ExitCode::from(2);
            }
            t
        }
    };
    let l = samplan::lix::lix(&text);
    match format {
        OutputFormat::Json => print(&format!("{}\n", serde_json::to_string_pretty(&l).unwrap_or_default())),
        OutputFormat::Text => {
            let level = match l.lix {
                x if x < 25.0 => "mycket lätt (barnböcker, lättläst)",
                x if x < 30.0 => "lätt (skönlitteratur, populärtidningar)",
                x if x < 40.0 => "medelsvår (tidningstext)",
                x if x < 50.0 => "svår (facktext)",
                _ => "mycket svår (byråkratsvenska)",
            };
            print(&format!(
                "LIX {:.1}: {level}\n{} ord, {}, {} långa ord (fler än 6 bokstäver)\n",
                l.lix,
                l.words,
                count(l.sentences, "mening", "meningar"),
                l.long_words
            ))
        }
    }
}

/// `samplan render`: one document of one case, written to `output`.
fn render_one(case: &std::path::Path, document: &str, output: &std::path::Path) -> ExitCode {
    let (valid, docs) = match prepared_documents(case, output) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let Some(doc) = docs.iter().find(|d| d.spec.name == document) else {
        tell!("samplan: ärendet har inget dokument `{document}`");
        return ExitCode::from(2);
    };
    let templates = samplan::render::TemplateSet::builtin();
    let content = samplan::revision::content_of_case(&valid);
    let forms = samplan::build::Forms::default();
    match samplan::build::render_document(&templates, doc, document, forms, content.as_ref(), Default::default()) {
        Ok(files) => {
            if let Err(e) = samplan::output::create_private_dir(output) {
                tell!("samplan: {}: {}", output.display(), io_sv(&e));
                return ExitCode::from(2);
            }
            for file in files {
                let path = output.join(&file.name);
                if let Err(e) = samplan::output::write_atomic(&path, &file.bytes) {
                    tell!("samplan: {}: {}", path.display(), io_sv(&e));
                    return ExitCode::from(2);
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            tell!("samplan: {e}");
            ExitCode::from(1)
        }
    }
}
