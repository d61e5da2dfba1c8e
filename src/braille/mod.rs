//! Braille (punktskrift): Swedish uncontracted six-dot braille, laid out in pages and
//! written as PEF, BRF and Unicode braille text, with a reverse translation to check
//! that what was written reads back as the source.

pub mod back;
pub mod format;
pub mod louis;
pub mod table;
pub mod translate;

pub use translate::translate;
