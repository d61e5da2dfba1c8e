//! `samplan oversikt` and `samplan rapport`: what needs doing across a folder of cases,
//! and the period report, printed as the workbench's `/api/oversikt` and
//! `/api/rapport` answer them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use samplan::case::datetime::CalendarDate;
use samplan::casework::facts::CaseFacts;
use samplan::casework::overview::{self, Window};
use samplan::casework::report::{Period, report};
use samplan::casework::{print, table};

use super::print as print_text;

/// How the overview is printed.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum OverviewFormat {
    /// One line per thing to do.
    Text,
    /// The JSON of `/api/oversikt`.
    Json,
}

/// How the report is written.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    /// The JSON of `/api/rapport`.
    Json,
    /// A table for a spreadsheet.
    Csv,
    /// A PDF with charts.
    Pdf,
}

/// A date given on the command line, or today's when none was.
pub fn date_or_today(text: Option<&str>, option: &str) -> Result<CalendarDate, String> {
    match text {
        None => Ok(samplan::serve::cases::today()),
        Some(text) => date(text, option),
    }
}

fn date(text: &str, option: &str) -> Result<CalendarDate, String> {
    CalendarDate::parse(text).map_err(|e| format!("{option} {text}: {e} (skriv datumet som ÅÅÅÅ-MM-DD)"))
}

fn folder_exists(folder: &Path) -> Result<(), String> {
    if folder.is_dir() { Ok(()) } else { Err(format!("{}: mappen finns inte", folder.display())) }
}

/// `samplan oversikt`.
pub fn overview(folder: &Path, output: &Path, days: u32, today: Option<&str>, format: OverviewFormat) -> ExitCode {
    let window = match folder_exists(folder).and_then(|()| date_or_today(today, "--idag")) {
        Ok(today) => Window { today, days },
        Err(e) => return usage(&e),
    };
    let items = overview::folder(folder, output, window);
    match format {
        OverviewFormat::Json => print_text(&format!("{}\n", serde_json::to_string_pretty(&items).unwrap_or_default())),
        OverviewFormat::Text => {
            let mut text = String::new();
            for item in &items {
                text.push_str(&format!("{}  {:<14} {:<22} {}\n", item.date, item.case_id, item.name, item.text));
            }
            let ahead = match days {
                0 => "i dag".to_string(),
                1 => format!("i dag och i morgon, från {}", window.today.long_sv()),
                n => format!("de närmaste {n} dagarna från {}", window.today.long_sv()),
            };
            text.push_str(&format!("{} {ahead}.\n", super::count(items.len(), "sak att göra", "saker att göra")));
            print_text(&text)
        }
    }
}

/// `samplan rapport`.
pub fn report_command(folder: &Path, from: &str, to: &str, format: ReportFormat, file: Option<PathBuf>) -> ExitCode {
    let period = match folder_exists(folder)
        .and_then(|()| Ok(Period { from: date(from, "--från")?, to: date(to, "--till")? }))
    {
        Ok(p) if p.from > p.to => return usage(&format!("--från {from} är efter --till {to}")),
        Ok(p) => p,
        Err(e) => return usage(&e),
    };
    let report = report(&CaseFacts::folder(folder), period);
    let bytes = match format {
        ReportFormat::Json => format!("{}\n", serde_json::to_string_pretty(&report).unwrap_or_default()).into_bytes(),
        ReportFormat::Csv => table::csv(&report).into_bytes(),
        ReportFormat::Pdf => {
            let templates = samplan::render::TemplateSet::builtin();
            match print::pdf(&report, &templates, samplan::serve::cases::today()) {
                Ok(pdf) => pdf,
                Err(e) => {
                    tell!("samplan rapport: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    };
    let file = file.or_else(|| {
        matches!(format, ReportFormat::Pdf)
            .then(|| PathBuf::from(format!("rapport-{}-{}.pdf", report.från, report.till)))
    });
    match file {
        None => print_text(&String::from_utf8_lossy(&bytes)),
        Some(file) => match samplan::output::write_atomic(&file, &bytes) {
            Ok(()) => {
                say!("{}", file.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                tell!("samplan rapport: {}: {}", file.display(), samplan::check::io_sv(&e));
                ExitCode::from(2)
            }
        },
    }
}

fn usage(message: &str) -> ExitCode {
    tell!("samplan: {message}");
    ExitCode::from(2)
}
