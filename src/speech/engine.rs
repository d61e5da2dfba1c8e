//! eSpeak NG with its Swedish voice, loaded as a library when samplan first needs it
//! (Debian: the `espeak-ng` package, which brings `libespeak-ng1` and the voice data).
//! Loading at run time rather than linking means samplan builds and runs on a machine
//! without it: only the recorded forms are then left out, and the build says which
//! package to install.
//!
//! eSpeak NG keeps its state in globals, and not only its settings: the pitch flutter,
//! the gain control, the echo buffer and the noise generator run on from one utterance
//! into the next. What it says therefore depends on everything it said before in the
//! same process, and two builds that speak their documents in a different order (on
//! two cores, or with some documents unchanged) would give different files. So each
//! document is spoken by a fresh process: the `samplan` program itself, started with
//! [`CHILD_VARIABLE`] set, which speaks what it reads on standard input and exits
//! ([`serve_child`]). The program registers itself with [`speak_in_child_processes`];
//! without that (the library used on its own) documents are spoken here, one at a time
//! behind a lock, the same words but not always the same samples.
//!
//! In the process that speaks, samples arrive through a callback into a buffer behind a
//! second lock.

use std::ffi::{CString, c_char, c_int, c_long, c_uint, c_void};
use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::sync::{Mutex, OnceLock};

use libloading::Library;

/// What to install when the engine is missing, in Swedish.
pub const INSTALL_HINT: &str = "installera paketet espeak-ng (Debian och Ubuntu: sudo apt-get install espeak-ng)";

/// The environment variable that names the library file, where it is not in the
/// system's folders.
pub const LIBRARY_VARIABLE: &str = "SAMPLAN_ESPEAK_NG";

/// The names the library goes by.
const LIBRARY_NAMES: &[&str] = &["libespeak-ng.so.1", "libespeak-ng.so", "libespeak-ng.1.dylib", "libespeak-ng.dylib"];

/// `AUDIO_OUTPUT_SYNCHRONOUS`: samples go to the callback, `espeak_Synth` returns when done.
const AUDIO_OUTPUT_SYNCHRONOUS: c_int = 2;
/// `POS_CHARACTER`.
const POS_CHARACTER: c_int = 1;
/// `espeakCHARS_UTF8`.
const CHARS_UTF8: c_uint = 1;
/// `espeakRATE`: words per minute.
const PARAMETER_RATE: c_int = 1;

type Callback = extern "C" fn(*mut i16, c_int, *mut c_void) -> c_int;

/// The functions of the library samplan uses.
struct Engine {
    synth: unsafe extern "C" fn(*const c_void, usize, c_uint, c_int, c_uint, c_uint, *mut c_uint, *mut c_void) -> c_int,
    synchronize: unsafe extern "C" fn() -> c_int,
    set_parameter: unsafe extern "C" fn(c_int, c_int, c_int) -> c_int,
    set_voice: unsafe extern "C" fn(*const c_char) -> c_int,
    /// The voice set now.
    voice: String,
    sample_rate: u32,
    version: String,
    /// Kept loaded for as long as the process runs.
    _library: Library,
}

/// The samples of the utterance being spoken.
static SAMPLES: Mutex<Vec<i16>> = Mutex::new(Vec::new());

extern "C" fn collect(wav: *mut i16, count: c_int, _events: *mut c_void) -> c_int {
    if !wav.is_null() && count > 0 {
        // SAFETY: eSpeak NG hands over `count` samples at `wav`, valid for this call.
        let samples = unsafe { std::slice::from_raw_parts(wav, count as usize) };
        if let Ok(mut buffer) = SAMPLES.lock() {
            buffer.extend_from_slice(samples);
        }
    }
    0
}

fn engine() -> Result<&'static Mutex<Engine>, String> {
    static ENGINE: OnceLock<Result<Mutex<Engine>, String>> = OnceLock::new();
    ENGINE.get_or_init(|| load().map(Mutex::new)).as_ref().map_err(Clone::clone)
}

fn load() -> Result<Engine, String> {
    let library = super::open_library(LIBRARY_VARIABLE, LIBRARY_NAMES)
        .ok_or_else(|| format!("talsyntesen eSpeak NG finns inte på datorn; {INSTALL_HINT}"))?;
    // SAFETY: the signatures are those of eSpeak NG's `speak_lib.h`, stable since 2010.
    unsafe {
        let initialize = *library
            .get::<unsafe extern "C" fn(c_int, c_int, *const c_char, c_int) -> c_int>(b"espeak_Initialize\0")
            .map_err(|e| e.to_string())?;
        let set_callback =
            *library.get::<unsafe extern "C" fn(Callback)>(b"espeak_SetSynthCallback\0").map_err(|e| e.to_string())?;
        let set_voice = *library
            .get::<unsafe extern "C" fn(*const c_char) -> c_int>(b"espeak_SetVoiceByName\0")
            .map_err(|e| e.to_string())?;
        let info = *library
            .get::<unsafe extern "C" fn(*mut *const c_char) -> *const c_char>(b"espeak_Info\0")
            .map_err(|e| e.to_string())?;
        let synth = *library.get(b"espeak_Synth\0").map_err(|e: libloading::Error| e.to_string())?;
        let synchronize = *library.get(b"espeak_Synchronize\0").map_err(|e: libloading::Error| e.to_string())?;
        let set_parameter = *library.get(b"espeak_SetParameter\0").map_err(|e: libloading::Error| e.to_string())?;
        let rate = initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, std::ptr::null(), 0);
        if rate <= 0 {
            return Err(format!("talsyntesen eSpeak NG kunde inte starta (saknas dess data?); {INSTALL_HINT}"));
        }
        // eSpeak NG 1.52 and later seed their noise generator from the clock; earlier
        // ones use the C library's, which starts from the same seed in every process.
        if let Ok(seed) = library.get::<unsafe extern "C" fn(c_long)>(b"espeak_ng_SetRandSeed\0") {
            seed(1);
        }
        set_callback(collect);
        let voice = CString::new("sv").unwrap_or_default();
        if set_voice(voice.as_ptr()) != 0 {
            return Err(format!("eSpeak NG har ingen svensk röst; {INSTALL_HINT}"));
        }
        let version = super::c_text(info(std::ptr::null_mut()));
        Ok(Engine {
            synth,
            synchronize,
            set_parameter,
            set_voice,
            voice: "sv".to_string(),
            sample_rate: rate as u32,
            version,
            _library: library,
        })
    }
}

/// Whether the engine can be used; the reason, in Swedish, when it cannot.
pub fn available() -> Result<(), String> {
    engine().map(|_| ())
}

/// The engine's version, for what a recording is made from ("" when it is missing).
pub fn version() -> String {
    engine().ok().and_then(|e| e.lock().ok().map(|e| e.version.clone())).unwrap_or_default()
}

/// The sample rate of what [`speak`] returns (Hz, mono, 16 bit).
pub fn sample_rate() -> Result<u32, String> {
    let engine = engine()?.lock().map_err(|_| "talsyntesen är trasig".to_string())?;
    Ok(engine.sample_rate)
}

/// `text` (in Swedish, words as [`super::normalise`] writes them) spoken by `voice` at
/// `words_per_minute`, in this process.
fn speak_here(text: &str, words_per_minute: u32, voice: &str) -> Result<Vec<i16>, String> {
    let mut engine = engine()?.lock().map_err(|_| "talsyntesen är trasig".to_string())?;
    if engine.voice != voice {
        let name = CString::new(voice).map_err(|e| e.to_string())?;
        // SAFETY: a NUL-terminated voice name that outlives the call.
        if unsafe { (engine.set_voice)(name.as_ptr()) } != 0 {
            return Err(format!("eSpeak NG har ingen röst som heter {voice}; {INSTALL_HINT}"));
        }
        engine.voice = voice.to_string();
    }
    let text = CString::new(text.replace('\0', " ")).map_err(|e| e.to_string())?;
    SAMPLES.lock().map_err(|_| "talsyntesen är trasig".to_string())?.clear();
    // SAFETY: the text is a NUL-terminated UTF-8 string that outlives the call; in
    // synchronous mode eSpeak NG is done with it when `espeak_Synth` returns.
    let status = unsafe {
        (engine.set_parameter)(PARAMETER_RATE, words_per_minute as c_int, 0);
        let status = (engine.synth)(
            text.as_ptr().cast(),
            text.as_bytes_with_nul().len(),
            0,
            POS_CHARACTER,
            0,
            CHARS_UTF8,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        );
        (engine.synchronize)();
        status
    };
    if status != 0 {
        return Err(format!("talsyntesen kunde inte läsa texten (fel {status})"));
    }
    let samples = std::mem::take(&mut *SAMPLES.lock().map_err(|_| "talsyntesen är trasig".to_string())?);
    Ok(samples)
}

/// The environment variable that makes `samplan` a speaking child process.
pub const CHILD_VARIABLE: &str = "SAMPLAN_TALSYNTES_BARN";

/// The program to start for each document, once registered.
static CHILD_PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// Speak each document in a fresh process of `program`, which must call
/// [`serve_child`] first thing (the `samplan` program does).
pub fn speak_in_child_processes(program: PathBuf) {
    let _ = CHILD_PROGRAM.set(program);
}

/// A document's utterances spoken by `voice` at `words_per_minute`: the sample rate
/// and the samples of each, in order.
pub fn speak_all(texts: &[String], words_per_minute: u32, voice: &str) -> Result<(u32, Vec<Vec<i16>>), String> {
    match CHILD_PROGRAM.get() {
        Some(program) => speak_in_child(program, texts, words_per_minute, voice),
        None => {
            let rate = sample_rate()?;
            let spoken = texts.iter().map(|t| speak_here(t, words_per_minute, voice)).collect::<Result<_, _>>()?;
            Ok((rate, spoken))
        }
    }
}

/// The request a child reads: the rate and the voice on the first line, then one
/// utterance a line.
fn request(texts: &[String], words_per_minute: u32, voice: &str) -> String {
    let mut out = format!("{words_per_minute} {voice}\n");
    for text in texts {
        out.push_str(&text.replace(['\n', '\r'], " "));
        out.push('\n');
    }
    out
}

fn speak_in_child(
    program: &PathBuf,
    texts: &[String],
    words_per_minute: u32,
    voice: &str,
) -> Result<(u32, Vec<Vec<i16>>), String> {
    let broken = |e: std::io::Error| format!("talsyntesen kunde inte startas: {e}");
    let mut child = Command::new(program)
        .env(CHILD_VARIABLE, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(broken)?;
    let input = request(texts, words_per_minute, voice);
    let mut stdin = child.stdin.take().ok_or("talsyntesen tog inte emot texten")?;
    // Written from a thread, so a child that answers while it still reads never waits
    // on a full pipe.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(broken)?;
    let _ = writer.join();
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(if why.is_empty() { format!("talsyntesen avbröts ({})", output.status) } else { why });
    }
    answer(&output.stdout, texts.len())
}

/// The child's answer: the sample rate, then each utterance's sample count and samples
/// (all little-endian).
fn answer(bytes: &[u8], expected: usize) -> Result<(u32, Vec<Vec<i16>>), String> {
    let short = || "talsyntesens svar tog slut för tidigt".to_string();
    let mut rest = bytes;
    let word = |rest: &mut &[u8]| -> Result<u32, String> {
        let (head, tail) = rest.split_first_chunk::<4>().ok_or_else(short)?;
        *rest = tail;
        Ok(u32::from_le_bytes(*head))
    };
    let rate = word(&mut rest)?;
    let mut spoken = Vec::with_capacity(expected);
    for _ in 0..expected {
        let count = word(&mut rest)? as usize;
        let (samples, tail) = rest.split_at_checked(count * 2).ok_or_else(short)?;
        spoken.push(samples.chunks_exact(2).map(|b| i16::from_le_bytes([b[0], b[1]])).collect());
        rest = tail;
    }
    if rest.is_empty() { Ok((rate, spoken)) } else { Err("talsyntesen svarade med mer än väntat".to_string()) }
}

/// When this process was started as a speaking child ([`CHILD_VARIABLE`] set): read the
/// request on standard input, speak it, write the answer, and give the exit code.
/// `None` in every other process.
pub fn serve_child() -> Option<ExitCode> {
    std::env::var_os(CHILD_VARIABLE)?;
    Some(match serve(std::io::stdin().lock(), std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("{why}");
            ExitCode::from(2)
        }
    })
}

fn serve(input: impl BufRead, mut output: impl Write) -> Result<(), String> {
    let mut text = String::new();
    input.take(64 << 20).read_to_string(&mut text).map_err(|e| e.to_string())?;
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let mut head = first.split_whitespace();
    let words_per_minute: u32 = head.next().and_then(|w| w.parse().ok()).ok_or("talsyntesen fick ingen hastighet")?;
    let voice = head.next().unwrap_or("sv");
    let rate = sample_rate()?;
    let mut out = rate.to_le_bytes().to_vec();
    for line in lines {
        let samples = speak_here(line, words_per_minute, voice)?;
        out.extend((samples.len() as u32).to_le_bytes());
        out.extend(samples.iter().flat_map(|s| s.to_le_bytes()));
    }
    output.write_all(&out).and_then(|()| output.flush()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_has_one_line_per_utterance() {
        let texts = vec!["Hej Alex.".to_string(), "Två\nrader".to_string()];
        assert_eq!(request(&texts, 150, "sv"), "150 sv\nHej Alex.\nTvå rader\n");
    }

    #[test]
    fn an_answer_is_read_back_whole_or_refused() {
        let mut bytes = 22050u32.to_le_bytes().to_vec();
        bytes.extend(2u32.to_le_bytes());
        bytes.extend([1i16, -2].iter().flat_map(|s| s.to_le_bytes()));
        bytes.extend(0u32.to_le_bytes());
        assert_eq!(answer(&bytes, 2), Ok((22050, vec![vec![1, -2], vec![]])));
        assert!(answer(&bytes, 3).is_err());
        assert!(answer(&bytes[..bytes.len() - 5], 2).is_err());
        assert!(answer(&bytes, 1).is_err());
    }
}
