//! One e-mail of `samplan skicka`, as an iMIP message (RFC 6047): a short Swedish text,
//! the meeting as `text/calendar; method=REQUEST` (or `CANCEL`) beside it in a
//! `multipart/alternative`, and the letter's PDF attached. The words are the
//! `e-post` texts of `texter.yaml`; nothing in the text names the person the meeting is
//! about or says anything of their health or situation — that is only in the letter.

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use crate::document::invitation::InvitationData;
use crate::document::outline::{Texts, given};

/// What a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The first invitation to this recipient.
    New,
    /// The letter or the event changed since the last one sent.
    Changed,
    /// The recipient is no longer invited.
    Cancelled,
}

impl Kind {
    /// What it is, in a few Swedish words (for `skicka`'s report and the workbench).
    pub fn swedish(self) -> &'static str {
        match self {
            Kind::New => "ny kallelse",
            Kind::Changed => "ändrad kallelse",
            Kind::Cancelled => "inte längre kallad: mötet tas bort ur kalendern",
        }
    }
}

/// Everything one message is made from.
pub struct Parts<'a> {
    /// What it is.
    pub kind: Kind,
    /// The sender.
    pub from: &'a Mailbox,
    /// The recipient.
    pub to: Mailbox,
    /// The recipient's invitation (for a cancellation, the words of any invitation of
    /// the meeting: only the meeting's time, the title and the contact are used).
    pub letter: &'a InvitationData,
    /// The letter's file name and bytes (none with a cancellation).
    pub pdf: Option<(&'a str, Vec<u8>)>,
    /// The calendar object.
    pub ics: &'a str,
    /// The Message-ID, with its angle brackets.
    pub message_id: String,
}

/// The message.
pub fn message(t: &Texts, parts: Parts) -> Result<Message, String> {
    let d = parts.letter;
    let title = d.dokument.titel.as_str();
    let case = d.dokument.case_id.as_str();
    let subject_key = match parts.kind {
        Kind::New => "e-post.ämne",
        Kind::Changed => "e-post.ämne_ändrad",
        Kind::Cancelled => "e-post.ämne_inställt",
    };
    let subject = t.fill(subject_key, &[("titel", title), ("ärende", case)])?;
    let body = body(t, &parts)?;
    let method = if parts.kind == Kind::Cancelled { "CANCEL" } else { "REQUEST" };
    let calendar_type = ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
        .map_err(|e| format!("kalenderdelens typ: {e}"))?;
    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(body))
        .singlepart(SinglePart::builder().header(calendar_type).body(parts.ics.to_string()));
    let mut mixed = MultiPart::mixed().multipart(alternative);
    if let Some((name, bytes)) = parts.pdf {
        let pdf = ContentType::parse("application/pdf").map_err(|e| e.to_string())?;
        mixed = mixed.singlepart(Attachment::new(name.to_string()).body(bytes, pdf));
    }
    Message::builder()
        .from(parts.from.clone())
        .to(parts.to)
        .subject(subject)
        .message_id(Some(parts.message_id))
        .date_now()
        .multipart(mixed)
        .map_err(|e| format!("meddelandet kan inte göras: {e}"))
}

/// The text: greeting, what happened, where the letter is, whom to ask, sign-off.
fn body(t: &Texts, parts: &Parts) -> Result<String, String> {
    let d = parts.letter;
    let m = &d.meeting;
    let when: Vec<&str> = [given(&m.datum), given(&m.tid)].into_iter().flatten().collect();
    let when = when.join(" ");
    let name = parts.to.name.as_deref().unwrap_or_default();
    let mut paragraphs = vec![t.fill("e-post.hälsning", &[("namn", name)])?];
    match parts.kind {
        Kind::New => {
            paragraphs.push(t.fill("e-post.ny", &[("när", &when)])?);
            paragraphs.push(t.get("e-post.bilaga")?);
        }
        Kind::Changed => {
            paragraphs.push(t.fill("e-post.ändrad", &[("när", &when)])?);
            paragraphs.push(t.get("e-post.bilaga")?);
        }
        Kind::Cancelled => paragraphs.push(t.fill("e-post.inställt", &[("när", &when)])?),
    }
    if let Some(contact) = &d.kontakt {
        let reach: Vec<&str> = [Some(contact.namn.as_str()), given(&contact.telefon), given(&contact.email)]
            .into_iter()
            .flatten()
            .collect();
        paragraphs.push(t.fill("e-post.frågor", &[("kontakt", &reach.join(", "))])?);
    }
    let mut sign = t.get("e-post.avslut")?;
    if let Some(sender) = &d.sender {
        sign.push('\n');
        sign.push_str(&sender.namn);
    }
    paragraphs.push(sign);
    Ok(paragraphs.join("\n\n") + "\n")
}
