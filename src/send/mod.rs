//! `samplan skicka`: sends the invitations of a built meeting by e-mail to the staff who
//! have an address (and no `utskick: post`), each as an iMIP message with the letter and
//! the calendar event ([`message`]), over SMTP ([`smtp`]), and records every message
//! sent in `mote-<n>/utskick.json` ([`record`]). The person, representatives and
//! relatives are never e-mailed; their letters are in `utskrift.pdf` for the post.
//!
//! A run sends only what is new or changed since the record: a recipient not sent to
//! before, a letter whose bytes changed, an event whose SEQUENCE grew (a moved
//! meeting), a new address; and a cancellation (`METHOD:CANCEL`) to whoever was sent an
//! invitation and is no longer invited. Without a server it only says what it would do.
//! It sends only the letters a build made from the case file as it is now, and holds
//! the case's output folder locked while it runs, as a build does.

pub mod message;
pub mod record;
pub mod smtp;

use std::path::{Path, PathBuf};

use lettre::Transport;
use lettre::message::Mailbox;

use crate::build::{Builder, DocKind, Prepared, case_hash};
use crate::case::{CaseFile, PlanCase};
use crate::document::calendar::{CalendarData, CalendarPerson, cancellation};
use crate::document::data::{TemplateData, invitee_card, participant};
use crate::document::invitation::{InvitationData, by_post, invited_ids};
use crate::document::outline::Texts;
use crate::document::plan::meeting_held;
use crate::output::{FolderLock, Manifest, sha256};
use crate::render::TemplateSet;
use message::{Kind, Parts};
use record::{Channel, Method, Record, Sent};

/// One message to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// The recipient's id in the case file.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their address.
    pub email: String,
    /// What it is.
    pub kind: Kind,
    /// The letter's file name (none with a cancellation).
    pub letter: Option<String>,
    /// The event's SEQUENCE in it.
    pub sequence: u32,
}

/// One message tried: what it was, and what was recorded or why it was not sent.
pub type Outcome = (Outgoing, Result<Sent, String>);

/// What a run of `skicka` does for one meeting.
#[derive(Debug)]
pub struct Plan {
    /// The case.
    pub case_id: String,
    /// The meeting (from 1).
    pub meeting: usize,
    /// Its folder.
    pub dir: PathBuf,
    /// The messages to send, in the order invited (cancellations last).
    pub outgoing: Vec<Outgoing>,
    /// Those invited by e-mail already sent exactly this (id, name).
    pub unchanged: Vec<(String, String)>,
    /// Those invited whose letter goes by post (id, name, file).
    pub by_post: Vec<(String, String, String)>,
}

/// Everything a run needs besides the plan: the case's documents as built.
pub struct Meeting {
    case: PlanCase,
    docs: Vec<Prepared>,
    dir: PathBuf,
    n: usize,
    ics: String,
    sequence: u32,
    _lock: FolderLock,
}

/// Opens the meeting `n` (default: the last) of a checked case as built into `out`:
/// locks the case's folder, and refuses when the meeting has been held, is not the
/// last one (only the last meeting's letters are made), or its letters were not built
/// from the case file as it is now. While another run holds the folder it waits, unless
/// `give_up` says so.
pub fn open(whole: &CaseFile, n: Option<usize>, out: &Path, give_up: &dyn Fn() -> bool) -> Result<Meeting, String> {
    let CaseFile::Plan(case) = whole else {
        return Err("ett informationsblad har inga kallelser att skicka".into());
    };
    let last = case.meetings.len();
    if last == 0 {
        return Err("ärendet har inget möte; lägg till ett under möten".into());
    }
    let n = n.unwrap_or(last);
    if n != last {
        return Err(format!(
            "bara det senaste mötets kallelser görs och kan skickas; möte {n} finns, men det senaste är möte {last}"
        ));
    }
    if meeting_held(case, n) {
        return Err(format!("möte {n} är redan hållet; dess kallelser skickas inte igen"));
    }
    let builder = Builder::new(crate::build::BuildOptions::into_folder(out.to_path_buf()));
    let root = builder.case_root(whole);
    let lock = FolderLock::acquire_unless(
        &root,
        || eprintln!("samplan: väntar – en annan körning av samplan håller {} just nu", root.display()),
        give_up,
    )
    .map_err(|e| format!("{}: {}", root.display(), crate::check::io_sv(&e)))?
    .ok_or_else(|| format!("en annan körning av samplan håller {} just nu; försök igen om en stund", root.display()))?;
    let dir = builder.folder(whole, crate::build::Place::Meeting(n));
    let built = Manifest::read(&root).filter(|m| m.case_hash == case_hash(whole));
    if built.is_none() || Manifest::read(&dir).is_none() {
        return Err(format!(
            "kallelserna i {} är inte byggda från ärendefilen som den ser ut nu; kör samplan build först",
            dir.display()
        ));
    }
    let docs = builder.documents(whole)?;
    let ics_path = dir.join("mote.ics");
    let ics = std::fs::read_to_string(&ics_path)
        .map_err(|e| format!("{}: {}", ics_path.display(), crate::check::io_sv(&e)))?;
    let sequence = ics
        .lines()
        .find_map(|l| l.strip_prefix("SEQUENCE:"))
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| format!("{}: ingen SEQUENCE", ics_path.display()))?;
    Ok(Meeting { case: (**case).clone(), docs, dir, n, ics, sequence, _lock: lock })
}

impl Meeting {
    /// What a run sends, given what the record says was sent.
    pub fn plan(&self, record: &Record) -> Result<Plan, String> {
        let case = &self.case;
        let meeting = &case.meetings[self.n - 1];
        let invited = invited_ids(case, meeting);
        let mut plan = Plan {
            case_id: case.case_id.clone(),
            meeting: self.n,
            dir: self.dir.clone(),
            outgoing: Vec::new(),
            unchanged: Vec::new(),
            by_post: Vec::new(),
        };
        for id in &invited {
            let card = invitee_card(case, id);
            let file = format!("kallelse-{id}.pdf");
            let email = card.email.clone().filter(|e| !e.trim().is_empty());
            let (Some(_), Some(email), false) = (participant(case, id), email, by_post(case, id)) else {
                plan.by_post.push((id.clone(), card.namn, file));
                continue;
            };
            let letter = self.letter_bytes(&file)?;
            let kind = match record.last_to(id) {
                Some(last)
                    if last.method == Method::Request
                        && last.address == email
                        && last.letter_sha256.as_deref() == Some(sha256(&letter).as_str())
                        && last.sequence == self.sequence =>
                {
                    plan.unchanged.push((id.clone(), card.namn));
                    continue;
                }
                Some(last) if last.method == Method::Request => Kind::Changed,
                _ => Kind::New,
            };
            plan.outgoing.push(Outgoing {
                id: id.clone(),
                name: card.namn,
                email,
                kind,
                letter: Some(file),
                sequence: self.sequence,
            });
        }
        for id in record.recipients() {
            let Some(last) = record.last_to(id) else { continue };
            if last.method == Method::Request && !invited.iter().any(|i| i == id) {
                let name = invitee_card(case, id).namn;
                plan.outgoing.push(Outgoing {
                    id: id.to_string(),
                    name,
                    email: last.address.clone(),
                    kind: Kind::Cancelled,
                    letter: None,
                    sequence: self.sequence.max(last.sequence + 1),
                });
            }
        }
        Ok(plan)
    }

    /// A letter of the meeting's folder, checked against the folder's manifest.
    fn letter_bytes(&self, file: &str) -> Result<Vec<u8>, String> {
        let path = self.dir.join(file);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {}", path.display(), crate::check::io_sv(&e)))?;
        let manifest =
            Manifest::read(&self.dir).ok_or_else(|| format!("{}: manifest.json saknas", self.dir.display()))?;
        match manifest.files.iter().find(|f| f.name == file) {
            Some(f) if f.sha256 == sha256(&bytes) => Ok(bytes),
            _ => Err(format!("{} är inte det brev som bygget skrev; kör samplan build igen", path.display())),
        }
    }

    /// The invitation data of a recipient, or for a cancellation any staff letter's.
    fn letter_data(&self, id: &str) -> Result<&InvitationData, String> {
        let of = |want: Option<&str>| {
            self.docs.iter().find_map(|d| match (&d.spec.kind, &d.data) {
                (DocKind::Invitation(_, who), TemplateData::Invitation(data)) if want.is_none_or(|w| w == who) => {
                    Some(data.as_ref())
                }
                _ => None,
            })
        };
        of(Some(id)).or_else(|| of(None)).ok_or_else(|| "mötet har ingen kallelse att skicka".to_string())
    }

    fn calendar_data(&self) -> Result<&CalendarData, String> {
        self.docs
            .iter()
            .find_map(|d| match &d.data {
                TemplateData::Calendar(c) => Some(c.as_ref()),
                _ => None,
            })
            .ok_or_else(|| "mötet har ingen kalenderhändelse".to_string())
    }

    /// Sends the plan's messages through `transport`, recording each one the server
    /// accepted before the next is tried; one the server refuses is reported and the
    /// rest still tried. Gives each message's outcome; when `give_up` says so, the
    /// messages not yet tried are left for the next run.
    pub fn send(
        &self,
        plan: &Plan,
        record: &mut Record,
        transport: &impl Transport<Error = lettre::transport::smtp::Error>,
        via: &Via,
        give_up: &dyn Fn() -> bool,
    ) -> Result<Vec<Outcome>, String> {
        let (from, templates) = (via.from, via.templates);
        let texts = Texts::new(templates.fixed_texts()?);
        let mut outcomes = Vec::new();
        for out in &plan.outgoing {
            if give_up() {
                break;
            }
            let result = self.send_one(out, record, transport, from, &texts);
            outcomes.push((out.clone(), result));
        }
        Ok(outcomes)
    }

    fn send_one(
        &self,
        out: &Outgoing,
        record: &mut Record,
        transport: &impl Transport<Error = lettre::transport::smtp::Error>,
        from: &Mailbox,
        texts: &Texts,
    ) -> Result<Sent, String> {
        let to: Mailbox = format!("{} <{}>", out.name, out.email)
            .parse()
            .or_else(|_| out.email.parse().map(|a| Mailbox::new(Some(out.name.clone()), a)))
            .map_err(|e| format!("adressen {:?} går inte att använda: {e}", out.email))?;
        let letter = self.letter_data(&out.id)?;
        let pdf = match &out.letter {
            Some(file) => Some((file.as_str(), self.letter_bytes(file)?)),
            None => None,
        };
        let letter_sha256 = pdf.as_ref().map(|(_, b)| sha256(b));
        let ics = match out.kind {
            Kind::Cancelled => {
                let person = CalendarPerson { namn: out.name.clone(), email: Some(out.email.clone()) };
                cancellation(self.calendar_data()?, &person, out.sequence)?
            }
            Kind::New | Kind::Changed => self.ics.clone(),
        };
        let time = now_rfc3339();
        let message_id = message_id(&self.case.case_id, self.n, &out.id, &time, from);
        let email = message::message(
            texts,
            Parts { kind: out.kind, from, to, letter, pdf, ics: &ics, message_id: format!("<{message_id}>") },
        )?;
        transport.send(&email).map_err(|e| format!("servern tog inte emot meddelandet: {e}"))?;
        let sent = Sent {
            recipient: out.id.clone(),
            channel: Channel::Email,
            address: out.email.clone(),
            method: if out.kind == Kind::Cancelled { Method::Cancel } else { Method::Request },
            time,
            message_id,
            letter: out.letter.clone(),
            letter_sha256,
            sequence: out.sequence,
        };
        record.add(sent.clone(), &self.dir)?;
        Ok(sent)
    }

    /// The meeting's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The case.
    pub fn case(&self) -> &PlanCase {
        &self.case
    }

    /// The meeting's place in `möten`, from 1.
    pub fn number(&self) -> usize {
        self.n
    }
}

/// Now, in UTC, as RFC 3339 to the second.
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    chrono::DateTime::from_timestamp(secs as i64, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// A Message-ID that names nothing: a hash of the case, meeting, recipient and time,
/// at the sender's domain.
fn message_id(case_id: &str, n: usize, id: &str, time: &str, from: &Mailbox) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let hash = sha256(format!("{case_id}\n{n}\n{id}\n{time}\n{nanos}").as_bytes());
    format!("{}@{}", &hash[..32], from.email.domain())
}

/// What one run did: its plan, and each message tried (none without a server).
#[derive(Debug)]
pub struct Report {
    /// Who gets what and how.
    pub plan: Plan,
    /// Each message tried.
    pub outcomes: Vec<Outcome>,
}

/// The server and sender a run sends through.
pub struct Via<'a> {
    /// The SMTP server.
    pub server: &'a smtp::Server,
    /// The sender.
    pub from: &'a Mailbox,
    /// The template set whose `texter.yaml` words the messages.
    pub templates: &'a TemplateSet,
}

/// One run of `skicka` for meeting `n` (default: the last) of a checked case built into
/// `out`: what it would send, and with `via` sends it. `give_up` (a stopped request of
/// the workbench) ends a wait for the folder, and the sending before the next message.
pub fn run(
    case: &CaseFile,
    n: Option<usize>,
    out: &Path,
    via: Option<Via>,
    give_up: &dyn Fn() -> bool,
) -> Result<Report, String> {
    let meeting = open(case, n, out, give_up)?;
    let mut record = Record::read(meeting.dir(), &meeting.case().case_id, meeting.number())?;
    let plan = meeting.plan(&record)?;
    let outcomes = match via {
        Some(via) if !plan.outgoing.is_empty() => {
            let transport = via.server.transport()?;
            meeting.send(&plan, &mut record, &transport, &via, give_up)?
        }
        _ => Vec::new(),
    };
    Ok(Report { plan, outcomes })
}

/// The server and sender from the environment (`SAMPLAN_SMTP`, `SAMPLAN_SMTP_FRAN`), or
/// from `smtp` and `from` when given; none when no server is set. An unusable URL or
/// sender, or a server without a sender, is an error.
pub fn server_from(smtp: Option<String>, from: Option<String>) -> Result<Option<(smtp::Server, Mailbox)>, String> {
    let smtp = smtp.or_else(|| std::env::var("SAMPLAN_SMTP").ok()).filter(|s| !s.trim().is_empty());
    let from = from.or_else(|| std::env::var("SAMPLAN_SMTP_FRAN").ok()).filter(|s| !s.trim().is_empty());
    let Some(smtp) = smtp else { return Ok(None) };
    let server = smtp::Server::parse(&smtp)?;
    let from =
        from.ok_or("ange avsändaren med --från eller SAMPLAN_SMTP_FRAN, t.ex. \"SIP Kalmar <sip@kalmar.se>\"")?;
    let from = from.parse::<Mailbox>().map_err(|e| format!("avsändaren {from:?} är ingen e-postadress: {e}"))?;
    Ok(Some((server, from)))
}

/// The case's template set (for the messages' words): its `mallar:` folder (relative to
/// the case file), else the built-in set, as a build takes it.
pub fn templates_of(case_path: &Path, case: &CaseFile) -> Result<std::sync::Arc<TemplateSet>, String> {
    match crate::build::case_template_dir(case_path, case) {
        Some(dir) => TemplateSet::from_dir(&dir).map(std::sync::Arc::new),
        None => Ok(TemplateSet::builtin()),
    }
}
