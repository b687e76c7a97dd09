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
pub enum Deviation {
    /// NCA RK (KZ): the issuing CA asserts only the NCA's CA policy
    /// 1.2.398.3.3.1.1, so RFC 5280 §6.1 would not carry the signer's
    /// subscriber policies; they are carried (see
    /// [`crate::profile::kz::nca_subscriber_policies`]).
    KzNcaSubscriberPolicies {
        /// The subscriber policies carried, dotted.
        policies: Vec<String>,
    },
}

impl Deviation {
    /// The stable code (`DEVIATION_…`), listed in docs/report-format.md.
    pub fn code(&self) -> &'static str {
        match self {
            Deviation::KzNcaSubscriberPolicies { .. } => "DEVIATION_KZ_NCA_SUBSCRIBER_POLICIES",
        }
    }

    /// The parameters of the message, by name, for a translator.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            Deviation::KzNcaSubscriberPolicies { policies } => {
                vec![("policies", policies.join(", "))]
            }
        }
    }
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Deviation::KzNcaSubscriberPolicies { policies } => write!(
                f,
                "the NCA RK issuing CA asserts only the NCA CA policy 1.2.398.3.3.1.1; the signer's subscriber policies ({}) are carried as NCA RK issues them, although RFC 5280 §6.1 would not carry them",
                policies.join(", ")
            ),
        }
    }
}
