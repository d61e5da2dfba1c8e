//! The command line in Swedish. clap writes its help and its errors in English; this
//! module gives the parser Swedish headings, flags and value descriptions, and writes
//! every parse error itself from the error's kind and context, so that nothing samplan
//! prints is in English.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// How help is laid out: clap's own template with Swedish headings.
const HELP_TEMPLATE: &str = "{about-with-newline}\nAnvändning: {usage}\n\n{all-args}{after-help}";

/// The parser of `cmd` with every heading, flag and default in Swedish.
pub fn command(cmd: Command) -> Command {
    swedish(cmd, true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Visa samplans version")
            .help_heading("Flaggor"),
    )
}

fn swedish(cmd: Command, root: bool) -> Command {
    let cmd = cmd
        .help_template(HELP_TEMPLATE)
        .subcommand_help_heading("Kommandon")
        .subcommand_value_name("KOMMANDO")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .mut_args(swedish_arg)
        .mut_subcommands(|sub| swedish(sub, false));
    if root {
        let help = Arg::new("hjälp")
            .short('h')
            .long("help")
            .global(true)
            .action(ArgAction::Help)
            .help("Visa den här hjälpen")
            .help_heading("Flaggor");
        cmd.arg(help)
    } else {
        cmd
    }
}

/// One argument under a Swedish heading, its default and its choices said in Swedish.
fn swedish_arg(arg: Arg) -> Arg {
    let heading = if arg.is_positional() { "Argument" } else { "Flaggor" };
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let mut notes = Vec::new();
    let choices: Vec<String> =
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
    if !choices.is_empty() {
        notes.push(format!("möjliga värden: {}", choices.join(", ")));
    }
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && !help.contains("standard:") {
        notes.push(format!("standard: {}", defaults.join(", ")));
    }
    let help = if notes.is_empty() {
        help
    } else {
        format!("{} ({})", help.trim_end().trim_end_matches('.'), notes.join("; "))
    };
    arg.help_heading(heading).help(help).hide_possible_values(true).hide_default_value(true)
}

/// The arguments with `samplan help [kommando]` (or `hjälp`) written as
/// `samplan [kommando] --help`, since clap's own help command speaks English.
pub fn help_as_flag(args: impl IntoIterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = args.into_iter().collect();
    if args.get(1).is_some_and(|a| a == "help" || a == "hjälp") {
        args.remove(1);
        args.push("--help".into());
    }
    args
}

/// The text to print for a parse error (or for `--help` and `--version`), in Swedish.
pub fn error_text(e: &clap::Error) -> String {
    match e.kind() {
        // Help and the version are already in the words given above.
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => words_of_help(&e.to_string()),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            format!("samplan: ange ett kommando.\n\n{}", words_of_help(&e.to_string()))
        }
        _ => {
            let mut text = format!("samplan: {}\n", problem(e));
            if let Some(tip) = tip(e) {
                text.push_str(&format!("  {tip}\n"));
            }
            if let Some(usage) = string(e, ContextKind::Usage) {
                let usage = usage.trim().trim_start_matches("Usage:").trim();
                text.push_str(&format!("\nAnvändning: {}\n", words_of_help(usage).trim_end()));
            }
            text.push_str("\nMer hjälp får du med --help.\n");
            text
        }
    }
}

/// The few words clap puts into help and usage lines by itself, in Swedish.
fn words_of_help(text: &str) -> String {
    text.replace("[OPTIONS]", "[FLAGGOR]")
}

/// What is wrong, in one sentence.
fn problem(e: &clap::Error) -> String {
    let arg = string(e, ContextKind::InvalidArg).map(|a| name_of(&a));
    let value = string(e, ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::InvalidSubcommand => {
            format!("det finns inget kommando `{}`.", string(e, ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::UnknownArgument => format!("okänd flagga eller okänt argument {}.", arg.unwrap_or_default()),
        ErrorKind::InvalidValue => {
            let allowed = strings(e, ContextKind::ValidValue);
            let mut text = match (value.as_deref(), arg) {
                (Some(""), Some(arg)) => format!("{arg} behöver ett värde."),
                (Some(value), Some(arg)) => format!("värdet `{value}` går inte att använda för {arg}."),
                _ => "ett värde går inte att använda.".to_string(),
            };
            if !allowed.is_empty() {
                text.push_str(&format!(" Möjliga värden: {}.", allowed.join(", ")));
            }
            text
        }
        ErrorKind::ValueValidation => {
            let what = match allowed_range(e) {
                Some((low, high)) => format!("Det ska vara ett tal från {low} till {high}."),
                None if is_number_error(e) => "Det ska vara ett heltal, t.ex. 32.".to_string(),
                None => String::new(),
            };
            format!(
                "värdet `{}` går inte att använda för {}. {what}",
                value.unwrap_or_default(),
                arg.unwrap_or_else(|| "argumentet".into())
            )
            .trim_end()
            .to_string()
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = strings(e, ContextKind::InvalidArg).iter().map(|a| name_of(a)).collect();
            match missing.as_slice() {
                [one] => format!("{one} saknas."),
                many => format!("{} saknas.", och(many)),
            }
        }
        ErrorKind::ArgumentConflict => format!(
            "{} kan inte användas tillsammans med {}.",
            arg.unwrap_or_default(),
            string(e, ContextKind::PriorArg).map(|a| name_of(&a)).unwrap_or_else(|| "ett annat argument".into())
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("fel antal värden för {}.", arg.unwrap_or_else(|| "argumentet".into()))
        }
        ErrorKind::NoEquals => format!("{} ska skrivas med likhetstecken: flagga=värde.", arg.unwrap_or_default()),
        ErrorKind::InvalidUtf8 => "ett argument är inte giltig text (UTF-8).".to_string(),
        _ => "kommandoraden går inte att tolka.".to_string(),
    }
}

/// A suggestion ("menade du …?"), when clap has one.
fn tip(e: &clap::Error) -> Option<String> {
    let suggested = strings(e, ContextKind::SuggestedSubcommand)
        .into_iter()
        .chain(strings(e, ContextKind::SuggestedArg))
        .chain(strings(e, ContextKind::SuggestedValue))
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>();
    if !suggested.is_empty() {
        return Some(format!("Menade du {}?", eller(&suggested)));
    }
    strings(e, ContextKind::TrailingArg).first().map(|_| "Ett argument som börjar med - skrivs efter `--`.".to_string())
}

/// The range a number must lie in, from clap's own message ("500 is not in 80..=450").
fn allowed_range(e: &clap::Error) -> Option<(String, String)> {
    use std::error::Error as _;
    let said = e.source()?.to_string();
    let range = said.rsplit(' ').next()?;
    let (low, high) = range.split_once("..=")?;
    let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    (number(low) && number(high)).then(|| (low.to_string(), high.to_string()))
}

/// Whether the value failed because it is not a whole number.
fn is_number_error(e: &clap::Error) -> bool {
    use std::error::Error as _;
    e.source().is_some_and(|s| s.downcast_ref::<std::num::ParseIntError>().is_some())
}

/// `--braille-cols <BRAILLE_COLS>` as `--braille-cols`; `<FIL>` as `FIL`.
fn name_of(arg: &str) -> String {
    let name = arg.split_whitespace().next().unwrap_or(arg);
    if name.starts_with('-') { format!("`{name}`") } else { format!("`{}`", name.trim_matches(['<', '>'])) }
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Strings(v) => v.first().cloned(),
        _ => None,
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        _ => Vec::new(),
    }
}

fn och(items: &[String]) -> String {
    join_last(items, "och")
}

fn eller(items: &[String]) -> String {
    join_last(items, "eller")
}

fn join_last(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}
