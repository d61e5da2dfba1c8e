//! `samplan inspect`: what a PDF samplan made is — document kind, case id, version,
//! recipient, content hash, page count — read back with lopdf from the document
//! metadata, so a paper or archived copy can be traced to its case version.

use std::collections::BTreeMap;
use std::path::Path;

use lopdf::{Document, Object};

/// What `inspect` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// The document title.
    pub title: String,
    /// `key=value` pairs samplan put in the keywords.
    pub fields: BTreeMap<String, String>,
    /// Number of pages.
    pub pages: usize,
}

/// Reads a PDF's samplan metadata.
pub fn inspect(path: &Path) -> Result<Inspection, String> {
    let doc = Document::load(path).map_err(|e| format!("{}: kan inte läsas som PDF ({e})", path.display()))?;
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .and_then(|r| doc.get_dictionary(r).ok())
        .ok_or_else(|| format!("{}: PDF:en saknar dokumentinformation", path.display()))?;
    let text = |key: &[u8]| info.get(key).ok().and_then(pdf_string).unwrap_or_default();
    let keywords = text(b"Keywords");
    let fields: BTreeMap<String, String> = keywords
        .split([',', ';'])
        .filter_map(|k| k.trim().split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    if !keywords.contains("samplan") {
        return Err(format!("{}: PDF:en är inte gjord av samplan", path.display()));
    }
    Ok(Inspection { title: text(b"Title"), fields, pages: doc.get_pages().len() })
}

/// A PDF text string: UTF-16BE with a byte order mark, or PDFDocEncoding (read as Latin-1).
fn pdf_string(object: &Object) -> Option<String> {
    let bytes = match object {
        Object::String(bytes, _) => bytes,
        _ => return None,
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return Some(String::from_utf16_lossy(&units));
    }
    Some(bytes.iter().map(|&b| b as char).collect())
}

impl Inspection {
    /// The report `samplan inspect` prints.
    pub fn report(&self) -> String {
        let get = |k: &str| self.fields.get(k).map(String::as_str).filter(|v| !v.is_empty()).unwrap_or("–");
        format!(
            "Titel:          {}\nDokument:       {} ({})\nÄrende:         {}\nVersion:        {}\nMottagare:      {}\nInnehållshash:  {}\nSidor:          {}\n",
            self.title,
            get("dokument"),
            get("namn"),
            get("ärende"),
            get("version"),
            get("mottagare"),
            get("innehållshash"),
            self.pages
        )
    }
}
