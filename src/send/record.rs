//! `mote-<n>/utskick.json`: every message `samplan skicka` has sent for a meeting, in
//! the order sent. It is written again, atomically, after each message the server
//! accepted, so a run that stops halfway leaves it true to what went out, and the next
//! run sends the rest.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::output::write_atomic;

/// The record's file name in a meeting's folder.
pub const RECORD_FILE: &str = "utskick.json";

/// How a message reached its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    /// By e-mail, over SMTP.
    #[serde(rename = "e-post")]
    Email,
}

/// What a message did to the recipient's calendar (iTIP method, RFC 5546).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// An invitation, or an update of one.
    #[serde(rename = "REQUEST")]
    Request,
    /// The meeting is cancelled for the recipient (no longer invited).
    #[serde(rename = "CANCEL")]
    Cancel,
}

/// One message sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    /// The recipient's id in the case file.
    #[serde(rename = "mottagare")]
    pub recipient: String,
    /// How it was sent.
    #[serde(rename = "kanal")]
    pub channel: Channel,
    /// The address it was sent to.
    #[serde(rename = "adress")]
    pub address: String,
    /// An invitation or a cancellation.
    #[serde(rename = "metod")]
    pub method: Method,
    /// When the server accepted it (UTC, RFC 3339).
    #[serde(rename = "tid")]
    pub time: String,
    /// Its Message-ID, without the angle brackets.
    pub message_id: String,
    /// The letter attached (none with a cancellation).
    #[serde(rename = "brev", default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<String>,
    /// The attached letter's SHA-256.
    #[serde(rename = "brev_sha256", default, skip_serializing_if = "Option::is_none")]
    pub letter_sha256: Option<String>,
    /// The calendar event's SEQUENCE in the message.
    #[serde(rename = "sekvens")]
    pub sequence: u32,
}

/// The whole record of one meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The case.
    #[serde(rename = "ärende")]
    pub case_id: String,
    /// The meeting (its place in `möten`, from 1).
    #[serde(rename = "möte")]
    pub meeting: usize,
    /// Every message sent, oldest first.
    #[serde(rename = "utskick")]
    pub sent: Vec<Sent>,
}

impl Record {
    /// The record in `dir`, or an empty one when none was written; a record that
    /// cannot be read is an error, never taken as empty (that would send everything
    /// again).
    pub fn read(dir: &Path, case_id: &str, meeting: usize) -> Result<Record, String> {
        let path = dir.join(RECORD_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => {
                serde_json::from_slice(&bytes).map_err(|e| format!("{}: går inte att läsa: {e}", path.display()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Record { case_id: case_id.to_string(), meeting, sent: Vec::new() })
            }
            Err(e) => Err(format!("{}: {}", path.display(), crate::check::io_sv(&e))),
        }
    }

    /// The last message sent to `recipient`.
    pub fn last_to(&self, recipient: &str) -> Option<&Sent> {
        self.sent.iter().rev().find(|s| s.recipient == recipient)
    }

    /// Everyone the record has sent to, in the order first sent.
    pub fn recipients(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for s in &self.sent {
            if !ids.contains(&s.recipient.as_str()) {
                ids.push(&s.recipient);
            }
        }
        ids
    }

    /// Adds a message and writes the record atomically.
    pub fn add(&mut self, sent: Sent, dir: &Path) -> Result<PathBuf, String> {
        self.sent.push(sent);
        let path = dir.join(RECORD_FILE);
        let mut json = serde_json::to_vec_pretty(self).map_err(|e| e.to_string())?;
        json.push(b'\n');
        write_atomic(&path, &json).map_err(|e| format!("{}: {}", path.display(), crate::check::io_sv(&e)))?;
        Ok(path)
    }
}
