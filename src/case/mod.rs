//! The case: its model, dates and identity numbers, and parsing from YAML.

pub mod datetime;
mod indent;
pub mod model;
pub mod parse;
pub mod personnummer;

pub use model::*;
