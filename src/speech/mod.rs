//! Recorded versions (inläst): a document's text read aloud in Swedish, as an MP3 with
//! a chapter per heading and as an EPUB 3 whose text is highlighted sentence by
//! sentence as it is read.
//!
//! What is read is the document's text form (written from its outline, the same words
//! braille is made from), in four steps:
//!
//! 1. [`Script`]: the text's line markup (`# ` title, `## ` heading, `- ` item) as
//!    blocks of sentences;
//! 2. [`normalise`]: each sentence as it is said (dates, numbers, addresses …);
//! 3. [`record`]: each sentence spoken by eSpeak NG ([`engine`]) with a pause after it
//!    that fits where it stands, every sentence's place in the audio kept;
//! 4. [`mp3`] and [`epub`]: the files.
//!
//! The speech engine and the MP3 encoder are system libraries loaded when first
//! needed; without them [`available`] says, in Swedish, what to install, and the build
//! leaves the recorded forms out.

pub mod engine;
pub mod epub;
pub mod mp3;
pub mod normalise;

/// The speaking rate samplan uses unless told otherwise: a calm pace.
pub const DEFAULT_WORDS_PER_MINUTE: u32 = 150;

/// The slowest and fastest rates eSpeak NG speaks at.
pub const WORDS_PER_MINUTE: std::ops::RangeInclusive<u32> = 80..=450;

/// Who reads a document aloud: eSpeak NG's voice, and the language it reads for the
/// files' metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    /// eSpeak NG's name for the voice (`sv`, `fi`, `en`, `ar`): the name of its voice file.
    pub name: String,
    /// The language as an ISO 639 code, as the EPUB gives it (`sv`, `fi` …).
    pub language: String,
    /// The language in three letters (ISO 639-2 or -3), as the MP3's tag gives it
    /// (`swe`, `fin` …).
    pub language3: String,
}

impl Voice {
    /// The Swedish voice every Swedish document is read with.
    pub fn swedish() -> Voice {
        Voice { name: "sv".into(), language: "sv".into(), language3: "swe".into() }
    }

    /// Whether it reads Swedish, whose numbers, dates and short forms samplan writes
    /// out as words first ([`normalise`]); eSpeak NG reads another language's itself.
    pub fn is_swedish(&self) -> bool {
        self.language == crate::language::SWEDISH
    }

    /// What is said for a sentence as printed.
    fn said(&self, sentence: &str) -> String {
        if self.is_swedish() { normalise::spoken(sentence) } else { sentence.to_string() }
    }
}

/// What kind of block a line of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The document's title (`# `).
    Title,
    /// A section heading (`## `): a chapter starts here.
    Heading,
    /// A line of running text.
    Paragraph,
    /// A list item (`- `).
    Item,
}

/// One block of a document: its kind and its sentences as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Title, heading, paragraph or list item.
    pub kind: BlockKind,
    /// Its sentences, as the text has them.
    pub sentences: Vec<String>,
}

/// A document's text as blocks of sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Script {
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
}

impl Script {
    /// The blocks of a text in samplan's line markup.
    pub fn of(text: &str) -> Script {
        let mut blocks = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (kind, rest) = if let Some(rest) = line.strip_prefix("## ") {
                (BlockKind::Heading, rest)
            } else if let Some(rest) = line.strip_prefix("# ") {
                (BlockKind::Title, rest)
            } else if let Some(rest) = line.strip_prefix("- ") {
                (BlockKind::Item, rest)
            } else {
                (BlockKind::Paragraph, line)
            };
            let sentences = match kind {
                BlockKind::Title | BlockKind::Heading => vec![rest.trim().to_string()],
                BlockKind::Paragraph | BlockKind::Item => sentences(rest),
            };
            if !sentences.is_empty() {
                blocks.push(Block { kind, sentences });
            }
        }
        Script { blocks }
    }

    /// Every sentence with its block, in reading order.
    pub fn sentences(&self) -> impl Iterator<Item = (usize, &str)> {
        self.blocks.iter().enumerate().flat_map(|(b, block)| block.sentences.iter().map(move |s| (b, s.as_str())))
    }

    /// The words that are said, counted after normalisation.
    pub fn spoken_words(&self) -> usize {
        self.sentences().map(|(_, s)| normalise::spoken(s).split_whitespace().count()).sum()
    }
}

/// `line` cut into sentences: after `.`, `?` or `!` followed by a space and a capital
/// letter or a figure, unless the full stop ends a short form ("t.ex.", "kl.").
pub fn sentences(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = line.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        let next_starts = words.get(i + 1).and_then(|w| w.chars().next()).is_some_and(|c| c.is_uppercase());
        let ends = word.ends_with(['.', '?', '!']) && !is_short_form(word);
        if ends && next_starts {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whether a word ending in a full stop is a short form rather than a sentence's end.
fn is_short_form(word: &str) -> bool {
    let bare = word.trim_start_matches('(');
    matches!(
        bare,
        "t.ex."
            | "bl.a."
            | "fr.o.m."
            | "t.o.m."
            | "kl."
            | "s.k."
            | "m.m."
            | "d.v.s."
            | "dvs."
            | "o.s.v."
            | "ca."
            | "nr."
            | "tel."
            | "resp."
            | "enl."
            | "inkl."
            | "exkl."
            | "obs."
            | "st."
            | "tim."
            | "min."
    )
}

/// One sentence's place in the audio, in samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clip {
    /// The block it belongs to.
    pub block: usize,
    /// Its position among the block's sentences.
    pub sentence: usize,
    /// The first sample of its speech.
    pub start: usize,
    /// The first sample of the pause after it.
    pub speech_end: usize,
    /// The sample after its pause: where the next clip starts.
    pub end: usize,
}

/// A document read aloud: the samples, and where each sentence is.
#[derive(Debug, Clone, Default)]
pub struct Recording {
    /// Samples per second.
    pub sample_rate: u32,
    /// Mono, 16 bit.
    pub samples: Vec<i16>,
    /// One per sentence, in order; together they cover every sample.
    pub clips: Vec<Clip>,
}

impl Recording {
    /// Milliseconds from the start at sample `n`.
    pub fn ms(&self, n: usize) -> u32 {
        (n as u64 * 1000 / u64::from(self.sample_rate.max(1))) as u32
    }

    /// How many samples are speech rather than the pauses between sentences.
    pub fn speech_samples(&self) -> usize {
        self.clips.iter().map(|c| c.speech_end - c.start).sum()
    }

    /// Seconds from the start at sample `n`.
    pub fn seconds(&self, n: usize) -> f64 {
        n as f64 / f64::from(self.sample_rate.max(1))
    }

    /// The chapters: one per title or heading, from its first sample to the next's.
    pub fn chapters(&self, script: &Script) -> Vec<mp3::Chapter> {
        let starts: Vec<(usize, usize)> = self
            .clips
            .iter()
            .filter(|c| c.sentence == 0 && matches!(script.blocks[c.block].kind, BlockKind::Title | BlockKind::Heading))
            .map(|c| (c.block, c.start))
            .collect();
        starts
            .iter()
            .enumerate()
            .map(|(i, &(block, start))| {
                let end = starts.get(i + 1).map_or(self.samples.len(), |&(_, s)| s);
                let start = if i == 0 { 0 } else { start };
                mp3::Chapter {
                    title: script.blocks[block].sentences[0].clone(),
                    start_ms: self.ms(start),
                    end_ms: self.ms(end),
                }
            })
            .collect()
    }
}

/// How long the pause after a sentence is (ms), by where it stands.
fn pause_ms(kind: BlockKind, last_in_block: bool) -> u32 {
    match (kind, last_in_block) {
        (BlockKind::Title | BlockKind::Heading, _) => 700,
        (BlockKind::Item, true) => 450,
        (BlockKind::Paragraph, true) => 550,
        (BlockKind::Item | BlockKind::Paragraph, false) => 300,
    }
}

/// The first of `names` the system can load, or the file named by the environment
/// variable `variable` instead (for a library outside the system's folders).
pub(crate) fn open_library(variable: &str, names: &[&str]) -> Option<libloading::Library> {
    let chosen = std::env::var_os(variable);
    let names: Vec<std::ffi::OsString> = match chosen {
        Some(path) => vec![path],
        None => names.iter().map(std::ffi::OsString::from).collect(),
    };
    // SAFETY: eSpeak NG, LAME and liblouis run only their own initialisers when loaded.
    names.iter().find_map(|name| unsafe { libloading::Library::new(name) }.ok())
}

/// The text of a C string a library returns ("" for a null pointer).
///
/// # Safety
/// `text` is null or points to a NUL-terminated string that lives for this call.
pub(crate) unsafe fn c_text(text: *const std::ffi::c_char) -> String {
    if text.is_null() {
        String::new()
    } else {
        // SAFETY: as the caller promises.
        unsafe { std::ffi::CStr::from_ptr(text) }.to_string_lossy().into_owned()
    }
}

/// Whether the speech engine and the MP3 encoder are there; what to install if not.
pub fn available() -> Result<(), String> {
    match (engine::available(), mp3::available()) {
        (Ok(()), Ok(())) => Ok(()),
        (Err(e), _) | (_, Err(e)) => Err(format!("de inlästa filerna (mp3 och epub) görs inte: {e}")),
    }
}

/// What a recording is made from besides its text: the engine and encoder versions.
pub fn tools_version() -> String {
    format!("espeak-ng {} / lame {} / {} kbit/s", engine::version(), mp3::version(), mp3::BIT_RATE)
}

/// Every sentence of `script` spoken with its pause, at `words_per_minute` over the
/// whole recording.
///
/// eSpeak NG's rate counts words of English length, and a Swedish document has long
/// compounds ("tjugohundratjugosex") and many short lines with a pause after each. So
/// the document is spoken once at the asked rate, timed, and, if the whole recording is
/// off by more than a tenth, spoken again with the engine's rate set so that speech and
/// pauses together come to the asked rate. The engine is never asked to go more than
/// half again as fast as the rate asked for, or slower than its slowest.
pub fn record(script: &Script, words_per_minute: u32, voice: &Voice) -> Result<Recording, String> {
    let texts: Vec<String> = script.sentences().map(|(_, s)| voice.said(s)).collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let first = speak(script, &texts, words_per_minute, voice)?;
    let target = words as f64 * 60.0 / f64::from(words_per_minute.max(1));
    let actual = first.seconds(first.samples.len());
    if target <= 0.0 || (actual / target - 1.0).abs() <= 0.1 {
        return Ok(first);
    }
    let speech = first.seconds(first.speech_samples());
    let pauses = actual - speech;
    let needed = (target - pauses).max(speech / 1.5);
    let fastest = (f64::from(words_per_minute) * 1.5).min(f64::from(*WORDS_PER_MINUTE.end()));
    let engine_rate =
        (f64::from(words_per_minute) * speech / needed).clamp(f64::from(*WORDS_PER_MINUTE.start()), fastest);
    speak(script, &texts, engine_rate.round() as u32, voice)
}

/// `texts` (the sentences of `script`, as said) spoken by `voice` at the engine's
/// `rate`, with the pauses.
fn speak(script: &Script, texts: &[String], rate: u32, voice: &Voice) -> Result<Recording, String> {
    let (sample_rate, spoken) = engine::speak_all(texts, rate, &voice.name)?;
    let mut spoken = spoken.into_iter();
    let mut recording = Recording { sample_rate, ..Default::default() };
    for (b, block) in script.blocks.iter().enumerate() {
        for (s, _) in block.sentences.iter().enumerate() {
            let start = recording.samples.len();
            let speech = spoken.next().unwrap_or_default();
            recording.samples.extend_from_slice(trim_silence(&speech));
            let pause = pause_ms(block.kind, s + 1 == block.sentences.len());
            let silence = (u64::from(pause) * u64::from(sample_rate) / 1000) as usize;
            let speech_end = recording.samples.len();
            recording.samples.resize(recording.samples.len() + silence, 0);
            recording.clips.push(Clip { block: b, sentence: s, start, speech_end, end: recording.samples.len() });
        }
    }
    Ok(recording)
}

/// Speech without the silence eSpeak NG puts before and after it (a little is kept, so
/// no sound is cut).
fn trim_silence(samples: &[i16]) -> &[i16] {
    const QUIET: i16 = 200;
    const KEEP: usize = 220; // 10 ms at 22 kHz
    let loud = |x: &i16| x.unsigned_abs() > QUIET as u16;
    let Some(first) = samples.iter().position(loud) else { return &[] };
    let last = samples.iter().rposition(loud).unwrap_or(first);
    &samples[first.saturating_sub(KEEP)..(last + KEEP).min(samples.len())]
}

/// A recording as MP3 with its ID3 tag: title, language and chapters.
pub fn mp3_file(script: &Script, recording: &Recording, title: &str, voice: &Voice) -> Result<Vec<u8>, String> {
    let mut out = mp3::id3_tag(title, &recording.chapters(script), &voice.language3)?;
    out.extend(mp3::encode(&recording.samples, recording.sample_rate)?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_markup_gives_blocks() {
        let script = Script::of(
            "# Planen\nför Alex\n\n## Mål\nAlex vill bo hemma. Det går bra.\n- Hemtjänst, t.ex. på morgonen. Kl. 8.\n",
        );
        let kinds: Vec<BlockKind> = script.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [BlockKind::Title, BlockKind::Paragraph, BlockKind::Heading, BlockKind::Paragraph, BlockKind::Item]
        );
        assert_eq!(script.blocks[3].sentences, ["Alex vill bo hemma.", "Det går bra."]);
        assert_eq!(script.blocks[4].sentences, ["Hemtjänst, t.ex. på morgonen.", "Kl. 8."]);
    }

    #[test]
    fn short_forms_and_times_do_not_end_sentences() {
        assert_eq!(
            sentences("Vi ses kl. 13.00 på torsdag. Välkommen!"),
            ["Vi ses kl. 13.00 på torsdag.", "Välkommen!"]
        );
        assert_eq!(sentences("Ta med t.ex. Läkemedelslistan."), ["Ta med t.ex. Läkemedelslistan."]);
        assert_eq!(
            sentences("Diabetes typ 1. I april opererades hon."),
            ["Diabetes typ 1.", "I april opererades hon."]
        );
        assert_eq!(sentences("Hur går det? Bra."), ["Hur går det?", "Bra."]);
    }

    #[test]
    fn silence_is_trimmed_but_speech_is_kept() {
        let mut samples = vec![0i16; 1000];
        samples.extend([3000, -3000, 2500]);
        samples.extend(vec![10; 1000]);
        let trimmed = trim_silence(&samples);
        assert!(trimmed.len() < 500 && trimmed.contains(&3000) && trimmed.contains(&2500));
        assert!(trim_silence(&[0; 100]).is_empty());
    }

    #[test]
    fn chapters_cover_the_recording_from_start_to_end() {
        let script = Script::of("# A\ntext\n## B\nmer\n");
        let recording = Recording {
            sample_rate: 1000,
            samples: vec![0; 400],
            clips: vec![
                Clip { block: 0, sentence: 0, start: 0, speech_end: 80, end: 100 },
                Clip { block: 1, sentence: 0, start: 100, speech_end: 180, end: 200 },
                Clip { block: 2, sentence: 0, start: 200, speech_end: 280, end: 300 },
                Clip { block: 3, sentence: 0, start: 300, speech_end: 380, end: 400 },
            ],
        };
        let chapters = recording.chapters(&script);
        assert_eq!(
            chapters,
            [
                mp3::Chapter { title: "A".into(), start_ms: 0, end_ms: 200 },
                mp3::Chapter { title: "B".into(), start_ms: 200, end_ms: 400 }
            ]
        );
    }
}
