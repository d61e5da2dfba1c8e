//! Speech as MP3: LAME (Debian: `libmp3lame0`), loaded as a library when first needed,
//! encodes the samples as mono MPEG-2 Layer III at the speech engine's sample rate;
//! an ID3v2.4 tag in front carries the title and language, and a chapter (`CHAP`) per
//! heading with a table of contents (`CTOC`), so a phone or a DAISY player can jump
//! from section to section. LAME's own header frame (Info) says how many samples of
//! delay and padding there are, so players know the exact length.

use std::ffi::{c_char, c_int, c_uchar, c_void};
use std::sync::{Mutex, OnceLock};

use id3::frame::{Chapter as ChapterFrame, Content, Frame, TableOfContents};
use id3::{TagLike, Version};
use libloading::Library;

/// What to install when LAME is missing, in Swedish.
pub const INSTALL_HINT: &str = "installera paketet libmp3lame0 (Debian och Ubuntu: sudo apt-get install libmp3lame0)";

/// The environment variable that names the library file, where it is not in the
/// system's folders.
pub const LIBRARY_VARIABLE: &str = "SAMPLAN_LAME";

/// The names the library goes by.
const LIBRARY_NAMES: &[&str] = &["libmp3lame.so.0", "libmp3lame.so", "libmp3lame.0.dylib", "libmp3lame.dylib"];

/// The bit rate (kbit/s): plenty for one voice at 22 kHz.
pub const BIT_RATE: c_int = 40;
/// LAME's algorithm quality, 0 (best, slowest) to 9: 5 is its default for speed.
const QUALITY: c_int = 5;
/// `MONO` in LAME's `MPEG_mode`.
const MONO: c_int = 3;

type Flags = *mut c_void;

/// The functions of LAME samplan uses.
struct Lame {
    init: unsafe extern "C" fn() -> Flags,
    set_in_samplerate: unsafe extern "C" fn(Flags, c_int) -> c_int,
    set_num_channels: unsafe extern "C" fn(Flags, c_int) -> c_int,
    set_mode: unsafe extern "C" fn(Flags, c_int) -> c_int,
    set_brate: unsafe extern "C" fn(Flags, c_int) -> c_int,
    set_quality: unsafe extern "C" fn(Flags, c_int) -> c_int,
    set_write_vbr_tag: unsafe extern "C" fn(Flags, c_int) -> c_int,
    init_params: unsafe extern "C" fn(Flags) -> c_int,
    encode_buffer: unsafe extern "C" fn(Flags, *const i16, *const i16, c_int, *mut c_uchar, c_int) -> c_int,
    encode_flush: unsafe extern "C" fn(Flags, *mut c_uchar, c_int) -> c_int,
    lametag_frame: unsafe extern "C" fn(Flags, *mut c_uchar, usize) -> usize,
    close: unsafe extern "C" fn(Flags) -> c_int,
    version: String,
    _library: Library,
}

fn lame() -> Result<&'static Mutex<Lame>, String> {
    static LAME: OnceLock<Result<Mutex<Lame>, String>> = OnceLock::new();
    LAME.get_or_init(|| load().map(Mutex::new)).as_ref().map_err(Clone::clone)
}

fn load() -> Result<Lame, String> {
    let library = super::open_library(LIBRARY_VARIABLE, LIBRARY_NAMES)
        .ok_or_else(|| format!("MP3-kodaren LAME finns inte på datorn; {INSTALL_HINT}"))?;
    let missing = |e: libloading::Error| format!("MP3-kodaren LAME är för gammal ({e}); {INSTALL_HINT}");
    // SAFETY: the signatures are those of LAME 3.100's `lame.h`.
    unsafe {
        let get_version =
            *library.get::<unsafe extern "C" fn() -> *const c_char>(b"get_lame_version\0").map_err(missing)?;
        let version = super::c_text(get_version());
        Ok(Lame {
            init: *library.get(b"lame_init\0").map_err(missing)?,
            set_in_samplerate: *library.get(b"lame_set_in_samplerate\0").map_err(missing)?,
            set_num_channels: *library.get(b"lame_set_num_channels\0").map_err(missing)?,
            set_mode: *library.get(b"lame_set_mode\0").map_err(missing)?,
            set_brate: *library.get(b"lame_set_brate\0").map_err(missing)?,
            set_quality: *library.get(b"lame_set_quality\0").map_err(missing)?,
            set_write_vbr_tag: *library.get(b"lame_set_bWriteVbrTag\0").map_err(missing)?,
            init_params: *library.get(b"lame_init_params\0").map_err(missing)?,
            encode_buffer: *library.get(b"lame_encode_buffer\0").map_err(missing)?,
            encode_flush: *library.get(b"lame_encode_flush\0").map_err(missing)?,
            lametag_frame: *library.get(b"lame_get_lametag_frame\0").map_err(missing)?,
            close: *library.get(b"lame_close\0").map_err(missing)?,
            version,
            _library: library,
        })
    }
}

/// Whether LAME can be used; the reason, in Swedish, when it cannot.
pub fn available() -> Result<(), String> {
    lame().map(|_| ())
}

/// LAME's version, for what a recording is made from ("" when it is missing).
pub fn version() -> String {
    lame().ok().and_then(|l| l.lock().ok().map(|l| l.version.clone())).unwrap_or_default()
}

/// `samples` (mono, 16 bit, `sample_rate` Hz) as MP3 frames.
pub fn encode(samples: &[i16], sample_rate: u32) -> Result<Vec<u8>, String> {
    let lame = lame()?.lock().map_err(|_| "MP3-kodaren är trasig".to_string())?;
    let mut out = vec![0u8; samples.len() * 5 / 4 + 7200];
    // SAFETY: every pointer handed to LAME points into `samples` or `out`, with the
    // lengths given; the flags live from `init` to `close` within this block.
    unsafe {
        let flags = (lame.init)();
        if flags.is_null() {
            return Err("MP3-kodaren kunde inte starta".to_string());
        }
        (lame.set_in_samplerate)(flags, sample_rate as c_int);
        (lame.set_num_channels)(flags, 1);
        (lame.set_mode)(flags, MONO);
        (lame.set_brate)(flags, BIT_RATE);
        (lame.set_quality)(flags, QUALITY);
        (lame.set_write_vbr_tag)(flags, 1);
        if (lame.init_params)(flags) < 0 {
            (lame.close)(flags);
            return Err("MP3-kodaren godtog inte inställningarna".to_string());
        }
        let mut used = 0usize;
        for chunk in samples.chunks(1 << 16) {
            let room = (out.len() - used) as c_int;
            let n = (lame.encode_buffer)(
                flags,
                chunk.as_ptr(),
                chunk.as_ptr(),
                chunk.len() as c_int,
                out.as_mut_ptr().add(used),
                room,
            );
            if n < 0 {
                (lame.close)(flags);
                return Err(format!("MP3-kodningen misslyckades (fel {n})"));
            }
            used += n as usize;
        }
        let n = (lame.encode_flush)(flags, out.as_mut_ptr().add(used), (out.len() - used) as c_int);
        if n < 0 {
            (lame.close)(flags);
            return Err(format!("MP3-kodningen misslyckades (fel {n})"));
        }
        used += n.max(0) as usize;
        out.truncate(used);
        // The first frame LAME wrote is a placeholder for its Info frame.
        let mut tag = vec![0u8; 2880];
        let size = (lame.lametag_frame)(flags, tag.as_mut_ptr(), tag.len());
        if size > 0 && size <= out.len() {
            out[..size].copy_from_slice(&tag[..size]);
        }
        (lame.close)(flags);
    }
    Ok(out)
}

/// A chapter: its title and where it starts and ends (milliseconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// The heading.
    pub title: String,
    /// Start, ms.
    pub start_ms: u32,
    /// End, ms.
    pub end_ms: u32,
}

/// The ID3v2.4 tag put before the MP3 frames: title, language, and the chapters with
/// their table of contents. Nothing in it changes between two builds of the same text.
pub fn id3_tag(title: &str, chapters: &[Chapter], language3: &str) -> Result<Vec<u8>, String> {
    let mut tag = id3::Tag::new();
    tag.set_title(title);
    tag.add_frame(Frame::text("TLAN", language3));
    tag.add_frame(Frame::text("TSSE", "samplan"));
    let ids: Vec<String> = (1..=chapters.len()).map(|n| format!("kap{n}")).collect();
    for (id, chapter) in ids.iter().zip(chapters) {
        tag.add_frame(Frame::with_content(
            "CHAP",
            Content::Chapter(ChapterFrame {
                element_id: id.clone(),
                start_time: chapter.start_ms,
                end_time: chapter.end_ms,
                start_offset: u32::MAX,
                end_offset: u32::MAX,
                frames: vec![Frame::text("TIT2", chapter.title.as_str())],
            }),
        ));
    }
    if !chapters.is_empty() {
        tag.add_frame(Frame::with_content(
            "CTOC",
            Content::TableOfContents(TableOfContents {
                element_id: "innehall".to_string(),
                top_level: true,
                ordered: true,
                elements: ids,
                frames: vec![Frame::text("TIT2", "Innehåll")],
            }),
        ));
    }
    let mut out = Vec::new();
    tag.write_to(&mut out, Version::Id3v24).map_err(|e| e.to_string())?;
    Ok(out)
}
