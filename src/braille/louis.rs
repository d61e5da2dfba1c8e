//! Braille in the person's language (`person.språk`) through liblouis's own tables,
//! loaded as a library when samplan first needs it, as eSpeak NG is (Debian: the
//! packages `liblouis20` and `liblouis-data`). Swedish keeps samplan's own translator
//! ([`super::translate`]); a language pack names the table for its language
//! (`punktskrift: fi.utb`). Without the library the braille of a document in another
//! language is left out, and the build says which packages to install.
//!
//! liblouis keeps its tables and buffers in globals, so every call goes through one
//! lock. Cells come back as dot patterns (`dotsIO`) with, for each cell, the character
//! of the input it stands for: the layout uses that to keep words joined by a space
//! that must not break a line, as with the Swedish translator.

use std::ffi::{CString, c_char, c_int, c_void};
use std::sync::{Mutex, OnceLock};

use libloading::Library;

use super::table::Cell;

/// What to install when the library is missing, in Swedish.
pub const INSTALL_HINT: &str = "installera paketen liblouis20 och liblouis-data (Debian och Ubuntu: sudo apt-get install liblouis20 liblouis-data)";

/// The environment variable that names the library file, where it is not in the
/// system's folders.
pub const LIBRARY_VARIABLE: &str = "SAMPLAN_LIBLOUIS";

/// The names the library goes by.
const LIBRARY_NAMES: &[&str] = &["liblouis.so.20", "liblouis.so", "liblouis.20.dylib", "liblouis.dylib"];

/// `dotsIO`: the output is dot patterns, `0x8000` with dot 1 … dot 8 as bits 0 … 7.
const DOTS_IO: c_int = 4;

type Translate = unsafe extern "C" fn(
    *const c_char,
    *const c_void,
    *mut c_int,
    *mut c_void,
    *mut c_int,
    *mut c_void,
    *mut c_char,
    *mut c_int,
    *mut c_int,
    *mut c_int,
    c_int,
) -> c_int;

/// The functions of the library samplan uses.
struct Louis {
    translate: Translate,
    /// The size of liblouis's `widechar`: 2 or 4 bytes, as it was built.
    char_size: usize,
    version: String,
    /// Kept loaded for as long as the process runs.
    _library: Library,
}

fn louis() -> Result<&'static Mutex<Louis>, String> {
    static LOUIS: OnceLock<Result<Mutex<Louis>, String>> = OnceLock::new();
    LOUIS.get_or_init(|| load().map(Mutex::new)).as_ref().map_err(Clone::clone)
}

fn load() -> Result<Louis, String> {
    let library = crate::speech::open_library(LIBRARY_VARIABLE, LIBRARY_NAMES)
        .ok_or_else(|| format!("punktskriftsbiblioteket liblouis finns inte på datorn; {INSTALL_HINT}"))?;
    // SAFETY: the signatures are those of liblouis's `liblouis.h`, stable since 2.6.
    unsafe {
        let translate = *library.get::<Translate>(b"lou_translate\0").map_err(|e| e.to_string())?;
        let char_size =
            *library.get::<unsafe extern "C" fn() -> c_int>(b"lou_charSize\0").map_err(|e| e.to_string())?;
        let version =
            *library.get::<unsafe extern "C" fn() -> *const c_char>(b"lou_version\0").map_err(|e| e.to_string())?;
        let char_size = match char_size() {
            2 => 2,
            4 => 4,
            other => return Err(format!("liblouis har en okänd teckenstorlek ({other} byte)")),
        };
        let version = crate::speech::c_text(version());
        Ok(Louis { translate, char_size, version, _library: library })
    }
}

/// Whether liblouis can be used; the reason, in Swedish, when it cannot.
pub fn available() -> Result<(), String> {
    louis().map(|_| ())
}

/// liblouis's version (`3.24.0`), when it is there.
pub fn version() -> Option<String> {
    louis().ok().and_then(|l| l.lock().ok().map(|l| l.version.clone()))
}

/// Translates one line of text with the liblouis table `table`, and says for each
/// blank cell of the result, in order, which character of `text` (its index among the
/// chars) it stands for, as [`super::translate::translate_with_spaces`] does.
pub fn translate_with_spaces(table: &str, text: &str) -> Result<(Vec<Cell>, Vec<usize>), String> {
    if text.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let louis = louis()?.lock().map_err(|_| "liblouis kunde inte användas".to_string())?;
    let table_name =
        CString::new(table).map_err(|_| format!("punktskriftstabellen {table:?} har ett ogiltigt namn"))?;
    // Characters as wide as liblouis's `widechar`; one beyond 16 bits where it has 16 is
    // the replacement character.
    let (dots, input_at) = match louis.char_size {
        4 => louis.translate_line::<u32>(&table_name, text.chars().map(u32::from).collect())?,
        _ => {
            let narrow = text.chars().map(|c| u16::try_from(u32::from(c)).unwrap_or(0xFFFD)).collect();
            louis.translate_line::<u16>(&table_name, narrow)?
        }
    };
    let cells: Vec<Cell> = dots.iter().map(|&d| (d & 0xFF) as Cell).collect();
    let spaces =
        cells.iter().zip(&input_at).filter(|(cell, _)| **cell == super::table::BLANK).map(|(_, at)| *at).collect();
    Ok((cells, spaces))
}

impl Louis {
    /// A line of characters of liblouis's width translated whole: its dot patterns and
    /// the input character of each, with room made for as many cells as it needs.
    fn translate_line<W>(&self, table: &CString, input: Vec<W>) -> Result<(Vec<u32>, Vec<usize>), String>
    where
        W: Copy + Default + Into<u32>,
    {
        let mut room = input.len() * 4 + 64;
        loop {
            let (dots, input_at, whole) = self.run(table, &input, room)?;
            if whole || room >= input.len() * 64 {
                return Ok((dots.into_iter().map(Into::into).collect(), input_at));
            }
            room *= 4;
        }
    }

    /// One call of `lou_translate` with room for `room` cells: the dot patterns, the
    /// input character of each, and whether all of the input was translated.
    fn run<W: Copy + Default>(
        &self,
        table: &CString,
        input: &[W],
        room: usize,
    ) -> Result<(Vec<W>, Vec<usize>, bool), String> {
        let length = c_int::try_from(input.len()).map_err(|_| "raden är för lång för punktskrift".to_string())?;
        let mut in_length = length;
        let mut out_length = c_int::try_from(room).map_err(|_| "raden är för lång för punktskrift".to_string())?;
        let mut input_at: Vec<c_int> = vec![0; room];
        let mut output: Vec<W> = vec![W::default(); room];
        // SAFETY: `W` is as wide as liblouis's `widechar` (the caller chose it by
        // `lou_charSize`); the buffers hold `in_length` input and `room` output
        // characters, and `input_at` `room` positions; liblouis writes no further.
        let done = unsafe {
            (self.translate)(
                table.as_ptr(),
                input.as_ptr().cast::<c_void>(),
                &mut in_length,
                output.as_mut_ptr().cast::<c_void>(),
                &mut out_length,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                input_at.as_mut_ptr(),
                std::ptr::null_mut(),
                DOTS_IO,
            )
        };
        if done == 0 {
            return Err(format!(
                "liblouis kan inte översätta med tabellen {}; finns den? {INSTALL_HINT}",
                table.to_string_lossy()
            ));
        }
        let n = usize::try_from(out_length).unwrap_or(0).min(room);
        output.truncate(n);
        let input_at = input_at[..n].iter().map(|&at| usize::try_from(at).unwrap_or(0)).collect();
        Ok((output, input_at, in_length == length))
    }
}
