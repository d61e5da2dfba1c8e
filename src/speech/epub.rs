//! The recorded document as an EPUB 3 with Media Overlays: the text as XHTML, each
//! sentence tied to its stretch of the MP3 by a SMIL file, so a reading system reads it
//! aloud and highlights each sentence as it is said. A navigation document lists every
//! heading; the package says, as EPUB Accessibility 1.1 asks, how the book can be
//! taken in. Every timestamp in the ZIP is the document's date, so the same document
//! gives the same file; no personnummer is put in the metadata.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{BlockKind, Recording, Script};
use crate::case::datetime::CalendarDate;

/// What the package says about the book.
pub struct Meta<'a> {
    /// A stable identifier: where the document lies in the output.
    pub identifier: &'a str,
    /// The title.
    pub title: &'a str,
    /// The document's date.
    pub date: CalendarDate,
    /// The name of the MP3 inside the book.
    pub audio_name: &'a str,
    /// The language of the text, as an ISO 639 code (`sv`, `fi` …).
    pub language: &'a str,
}

const TEXT: &str = "text.xhtml";
const NAV: &str = "nav.xhtml";
const SMIL: &str = "text.smil";
const CSS: &str = "stil.css";
/// The class a reading system puts on the sentence being read.
const ACTIVE_CLASS: &str = "-epub-media-overlay-active";

/// The EPUB of `script` read as `recording`, with `mp3` (the same file as the MP3
/// beside it) as its audio.
pub fn package(script: &Script, recording: &Recording, mp3: &[u8], meta: &Meta) -> Result<Vec<u8>, String> {
    let err = |e: zip::result::ZipError| format!("EPUB: {e}");
    let io = |e: std::io::Error| format!("EPUB: {e}");
    let time = DateTime::from_date_and_time(
        meta.date.year.clamp(1980, 2107) as u16,
        meta.date.month as u8,
        meta.date.day as u8,
        0,
        0,
        0,
    )
    .map_err(|e| format!("EPUB: {e}"))?;
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored).last_modified_time(time);
    let deflated =
        SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(time);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // The mimetype comes first, stored, as the OCF container asks.
    zip.start_file("mimetype", stored).map_err(err)?;
    zip.write_all(b"application/epub+zip").map_err(io)?;
    let audio = format!("EPUB/{}", meta.audio_name);
    let files: [(&str, Vec<u8>, bool); 7] = [
        ("META-INF/container.xml", CONTAINER.as_bytes().to_vec(), true),
        ("EPUB/package.opf", package_document(recording, meta).into_bytes(), true),
        ("EPUB/nav.xhtml", navigation(script, meta).into_bytes(), true),
        ("EPUB/text.xhtml", text_document(script, meta).into_bytes(), true),
        ("EPUB/text.smil", overlay(recording, meta).into_bytes(), true),
        ("EPUB/stil.css", STYLE.as_bytes().to_vec(), true),
        (audio.as_str(), mp3.to_vec(), false),
    ];
    for (name, bytes, compress) in files {
        zip.start_file(name, if compress { deflated } else { stored }).map_err(err)?;
        zip.write_all(&bytes).map_err(io)?;
    }
    Ok(zip.finish().map_err(err)?.into_inner())
}

const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"#;

const STYLE: &str = "body { font-family: sans-serif; line-height: 1.5; margin: 1em; }
h1, h2 { line-height: 1.2; }
.-epub-media-overlay-active { background-color: #fff0a0; color: #000; }
";

/// `text` safe inside XML.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A duration as a SMIL clock value: `0:01:02.345`.
fn clock(seconds: f64) -> String {
    let ms = (seconds * 1000.0).round() as u64;
    format!("{}:{:02}:{:02}.{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
}

fn package_document(recording: &Recording, meta: &Meta) -> String {
    let duration = clock(recording.seconds(recording.samples.len()));
    let date = format!("{:04}-{:02}-{:02}", meta.date.year, meta.date.month, meta.date.day);
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="{language}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">{identifier}</dc:identifier>
    <dc:title>{title}</dc:title>
    <dc:language>{language}</dc:language>
    <dc:creator>samplan</dc:creator>
    <dc:date>{date}</dc:date>
    <meta property="dcterms:modified">{date}T00:00:00Z</meta>
    <meta property="media:duration" refines="#overlay">{duration}</meta>
    <meta property="media:duration">{duration}</meta>
    <meta property="media:active-class">{ACTIVE_CLASS}</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessMode">auditory</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessModeSufficient">auditory</meta>
    <meta property="schema:accessibilityFeature">synchronizedAudioText</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityFeature">readingOrder</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">Texten är uppläst med talsyntes. Varje mening markeras medan den läses. Rubrikerna finns i innehållsförteckningen. Boken kan både läsas och lyssnas på.</meta>
    <meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>
    <meta property="a11y:certifiedBy">samplan</meta>
  </metadata>
  <manifest>
    <item id="nav" href="{NAV}" media-type="application/xhtml+xml" properties="nav"/>
    <item id="text" href="{TEXT}" media-type="application/xhtml+xml" media-overlay="overlay"/>
    <item id="overlay" href="{SMIL}" media-type="application/smil+xml"/>
    <item id="css" href="{CSS}" media-type="text/css"/>
    <item id="audio" href="{audio}" media-type="audio/mpeg"/>
  </manifest>
  <spine>
    <itemref idref="text"/>
  </spine>
</package>
"##,
        identifier = xml(meta.identifier),
        language = xml(meta.language),
        title = xml(meta.title),
        audio = xml(meta.audio_name),
    )
}

/// The id of sentence `s` of block `b`, and of block `b`.
fn sentence_id(b: usize, s: usize) -> String {
    format!("b{b}s{s}")
}

fn block_id(b: usize) -> String {
    format!("b{b}")
}

fn head(title: &str, language: &str) -> String {
    // A right-to-left language says so; Swedish and the others are as they were.
    let direction = match crate::language::direction_of(Some(language)) {
        crate::language::Direction::RightToLeft => " dir=\"rtl\"",
        crate::language::Direction::LeftToRight => "",
    };
    let language = xml(language);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="{language}" lang="{language}"{direction}>
<head>
  <meta charset="UTF-8"/>
  <title>{}</title>
  <link rel="stylesheet" type="text/css" href="{CSS}"/>
</head>
"#,
        xml(title)
    )
}

fn text_document(script: &Script, meta: &Meta) -> String {
    let mut body = String::new();
    let mut in_list = false;
    for (b, block) in script.blocks.iter().enumerate() {
        let spans: Vec<String> = block
            .sentences
            .iter()
            .enumerate()
            .map(|(s, text)| format!(r#"<span id="{}">{}</span>"#, sentence_id(b, s), xml(text)))
            .collect();
        let spans = spans.join(" ");
        let is_item = block.kind == BlockKind::Item;
        if in_list && !is_item {
            body.push_str("  </ul>\n");
        }
        if is_item && !in_list {
            body.push_str("  <ul>\n");
        }
        in_list = is_item;
        let id = block_id(b);
        body.push_str(&match block.kind {
            BlockKind::Title => format!("  <h1 id=\"{id}\">{spans}</h1>\n"),
            BlockKind::Heading => format!("  <h2 id=\"{id}\">{spans}</h2>\n"),
            BlockKind::Paragraph => format!("  <p id=\"{id}\">{spans}</p>\n"),
            BlockKind::Item => format!("    <li id=\"{id}\">{spans}</li>\n"),
        });
    }
    if in_list {
        body.push_str("  </ul>\n");
    }
    format!(
        "{}<body>\n<section epub:type=\"bodymatter\" aria-label=\"{}\">\n{body}</section>\n</body>\n</html>\n",
        head(meta.title, meta.language),
        xml(meta.title)
    )
}

fn navigation(script: &Script, meta: &Meta) -> String {
    let mut items = String::new();
    for (b, block) in script.blocks.iter().enumerate() {
        if matches!(block.kind, BlockKind::Title | BlockKind::Heading) {
            items.push_str(&format!(
                "      <li><a href=\"{TEXT}#{}\">{}</a></li>\n",
                block_id(b),
                xml(&block.sentences.join(" "))
            ));
        }
    }
    format!(
        "{}<body>\n  <nav epub:type=\"toc\" id=\"toc\">\n    <h1>Innehåll</h1>\n    <ol>\n{items}    </ol>\n  </nav>\n</body>\n</html>\n",
        head(meta.title, meta.language)
    )
}

fn overlay(recording: &Recording, meta: &Meta) -> String {
    let mut pars = String::new();
    for (n, clip) in recording.clips.iter().enumerate() {
        pars.push_str(&format!(
            "    <par id=\"p{n}\"><text src=\"{TEXT}#{}\"/><audio src=\"{}\" clipBegin=\"{}\" clipEnd=\"{}\"/></par>\n",
            sentence_id(clip.block, clip.sentence),
            xml(meta.audio_name),
            clock(recording.seconds(clip.start)),
            clock(recording.seconds(clip.end)),
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<smil xmlns=\"http://www.w3.org/ns/SMIL\" xmlns:epub=\"http://www.idpf.org/2007/ops\" version=\"3.0\">\n  <body>\n{pars}  </body>\n</smil>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_values() {
        assert_eq!(clock(0.0), "0:00:00.000");
        assert_eq!(clock(62.3456), "0:01:02.346");
        assert_eq!(clock(3725.5), "1:02:05.500");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(xml("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
    }
}
