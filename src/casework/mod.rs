//! The coordinator's view across cases: what needs doing ([`overview`]) and the period
//! report ([`report`], as JSON, CSV or a PDF with charts: [`table`], [`print`]), both from the dated facts of every plan case
//! in a folder ([`facts`]), drafts with errors included.

pub mod facts;
pub mod overview;
pub mod print;
pub mod report;
pub mod table;
