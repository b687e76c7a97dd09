//! Real-world deviations from the CMS / CAdES rules that sigbridge
//! tolerates: each is named, has a stable code, is reported on the
//! signature (or the envelope) it was found in, and has a fixture. A
//! deviation never changes what a signature proves; it says how the
//! producer departed from the standard, so that a relying party can decide
//! whether it cares (and a strict option can refuse it).

use std::fmt;

/// A tolerated deviation, on one signature or on the whole envelope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Deviation {}

impl Deviation {
    /// The stable code (`DEVIATION_…`), listed in docs/report-format.md.
    pub fn code(&self) -> &'static str {
        match *self {}
    }

    /// The parameters of the message, by name, for a translator.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match *self {}
    }
}

impl fmt::Display for Deviation {
    fn fmt(&self, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}
