//! The registry's data: jurisdictions with their assurance vocabularies and
//! listed anchors, and dated recognition agreements between them.

use std::collections::BTreeMap;
use std::fmt;

pub use crate::document::{DocumentScope, DocumentType};
use crate::path::TrustAnchor;
use crate::{Jurisdiction, Time};

/// A listing status of a trust anchor (ETSI TS 119 612 §5.5.4 service
/// status, simplified to what a relying party acts on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListingStatus {
    /// Listed: signatures anchored here may be recognised.
    Granted,
    /// Suspended: not recognised while suspended.
    Suspended,
    /// Withdrawn: not recognised from this time on.
    Withdrawn,
}

impl fmt::Display for ListingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ListingStatus::Granted => "granted",
            ListingStatus::Suspended => "suspended",
            ListingStatus::Withdrawn => "withdrawn",
        })
    }
}

/// One entry in a status history: the status holds from `from` until the
/// next entry's `from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChange<S> {
    /// The status.
    pub status: S,
    /// When it starts (inclusive).
    pub from: Time,
}

/// The status at `at` in a history sorted by start time; `None` before the
/// first entry.
pub(crate) fn status_at<S: Copy>(history: &[StatusChange<S>], at: Time) -> Option<StatusChange<S>> {
    history.iter().rev().find(|c| c.from <= at).copied()
}

/// What kind of trust service a listed anchor is for (ETSI TS 119 612
/// §5.5.1 service type identifier, simplified to the two kinds a relying
/// party builds paths to).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ServiceKind {
    /// A certification authority issuing signers' certificates: TS 119 612
    /// §5.5.1 `Svctype/CA/QC` (qualified) and `Svctype/CA/PKC`. Its
    /// anchor may end a signer's certification path. The default.
    #[default]
    CertificateAuthority,
    /// A time-stamping authority: TS 119 612 §5.5.1 `Svctype/TSA` and
    /// `Svctype/TSA/QTST` (qualified electronic time-stamps, eIDAS Art.
    /// 42). Its anchor may only end the path of a time-stamping unit's
    /// certificate (RFC 3161 §2.3), never a signer's: its levels are in the
    /// jurisdiction's time-stamp vocabulary
    /// ([`JurisdictionEntry::timestamp_levels`]).
    TimeStamping,
}

impl fmt::Display for ServiceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ServiceKind::CertificateAuthority => "certificate-authority",
            ServiceKind::TimeStamping => "time-stamping",
        })
    }
}

/// A trust anchor as a jurisdiction's scheme operator lists it.
#[derive(Debug, Clone)]
pub struct AnchorListing {
    /// A stable identifier, unique in the registry (e.g. `kz-nca-gost-2015`).
    pub id: String,
    /// The kind of service: a CA (signers' certificates) or a TSA
    /// (time-stamping units' certificates).
    pub kind: ServiceKind,
    /// The anchor (a certificate, or a name and key).
    pub anchor: TrustAnchor,
    /// The service it is listed for (e.g. `qualified certificates for signatures`).
    pub service: String,
    /// The levels, in the jurisdiction's vocabulary, it may give: for a CA
    /// the assurance levels of [`JurisdictionEntry::levels`], for a TSA the
    /// time-stamp levels of [`JurisdictionEntry::timestamp_levels`].
    pub levels: Vec<String>,
    /// The status history, sorted by start time.
    pub status: Vec<StatusChange<ListingStatus>>,
}

impl AnchorListing {
    /// Whether this is a CA listing, one a signer's path may end at.
    pub fn is_certificate_authority(&self) -> bool {
        self.kind == ServiceKind::CertificateAuthority
    }

    /// Whether this is a TSA listing, one only a time-stamping unit's path may end at.
    pub fn is_time_stamping(&self) -> bool {
        self.kind == ServiceKind::TimeStamping
    }

    /// The listing status at `at`; `None` before it was first listed.
    pub fn status_at(&self, at: Time) -> Option<StatusChange<ListingStatus>> {
        status_at(&self.status, at)
    }
}

/// A jurisdiction's entry: its assurance vocabulary and anchors.
#[derive(Debug, Clone)]
pub struct JurisdictionEntry {
    /// The code.
    pub code: Jurisdiction,
    /// A human name, e.g. `Kazakhstan`.
    pub name: String,
    /// The assurance levels the scheme defines, lowest first.
    pub levels: Vec<String>,
    /// The time-stamp levels the scheme defines, lowest first (e.g. EU
    /// `time-stamp`, `qualified-time-stamp`: eIDAS Art. 41–42); empty when
    /// it lists no TSA. A TSA listing's levels must be in it.
    pub timestamp_levels: Vec<String>,
    /// For a union scheme (EU): its member states. A member without an
    /// entry of its own relies through the union: its relying parties
    /// recognise what the union recognises, at the union's levels, and
    /// the union's own anchors are domestic to it (eIDAS Art. 25(3)).
    pub members: Vec<Jurisdiction>,
    /// The anchors it lists.
    pub anchors: Vec<AnchorListing>,
}

impl JurisdictionEntry {
    /// The rank of `level` in the vocabulary (0 = lowest), if defined.
    pub fn rank(&self, level: &str) -> Option<usize> {
        self.levels.iter().position(|l| l == level)
    }

    /// The rank of a time-stamp `level` in the time-stamp vocabulary
    /// (0 = lowest), if defined.
    pub fn timestamp_rank(&self, level: &str) -> Option<usize> {
        self.timestamp_levels.iter().position(|l| l == level)
    }

    /// The vocabulary a listing of `kind` takes its levels from.
    pub fn vocabulary(&self, kind: ServiceKind) -> &[String] {
        match kind {
            ServiceKind::CertificateAuthority => &self.levels,
            ServiceKind::TimeStamping => &self.timestamp_levels,
        }
    }
}

/// An agreement's legal status (ETSI-neutral: enacted or repealed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgreementStatus {
    /// In force (within its from–until dates).
    Enacted,
    /// Repealed: no longer a basis for recognition.
    Repealed,
}

impl fmt::Display for AgreementStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AgreementStatus::Enacted => "enacted",
            AgreementStatus::Repealed => "repealed",
        })
    }
}

/// A directed recognition agreement: `relying` recognises signatures
/// anchored in `issuing`. A bilateral arrangement is two agreements.
#[derive(Debug, Clone)]
pub struct Agreement {
    /// A stable identifier, unique in the registry.
    pub id: String,
    /// The jurisdiction whose relying parties recognise.
    pub relying: Jurisdiction,
    /// The jurisdiction whose signatures are recognised.
    pub issuing: Jurisdiction,
    /// The document types covered.
    pub documents: DocumentScope,
    /// Issuing level → relying level. An issuing level not in the map is not recognised.
    pub mapping: BTreeMap<String, String>,
    /// In force from (inclusive).
    pub in_force_from: Time,
    /// In force until (exclusive), if limited.
    pub in_force_until: Option<Time>,
    /// The status history, sorted by start time.
    pub status: Vec<StatusChange<AgreementStatus>>,
    /// The legal instrument, e.g. a treaty or decree reference.
    pub legal_reference: String,
    /// Whether `relying` also recognises what `issuing` itself recognises
    /// through its own agreements (onward recognition). Off unless said:
    /// recognition is not transitive by default.
    pub onward: bool,
}

impl Agreement {
    /// Why the agreement is not in force at `at`, or `None` when it is.
    pub fn not_in_force(&self, at: Time) -> Option<AgreementGap> {
        if at < self.in_force_from {
            return Some(AgreementGap::NotYet {
                from: self.in_force_from,
            });
        }
        if let Some(until) = self.in_force_until
            && at >= until
        {
            return Some(AgreementGap::Expired { until });
        }
        match status_at(&self.status, at) {
            Some(StatusChange {
                status: AgreementStatus::Enacted,
                ..
            }) => None,
            Some(StatusChange {
                status: AgreementStatus::Repealed,
                from,
            }) => Some(AgreementGap::Repealed { since: from }),
            None => Some(AgreementGap::NotEnacted),
        }
    }
}

/// Why an agreement is not in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementGap {
    /// Its in-force period has not started.
    NotYet {
        /// When it starts.
        from: Time,
    },
    /// Its in-force period ended.
    Expired {
        /// When it ended.
        until: Time,
    },
    /// Repealed.
    Repealed {
        /// Since when.
        since: Time,
    },
    /// No enactment recorded at that time.
    NotEnacted,
}

impl fmt::Display for AgreementGap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AgreementGap::NotYet { from } => write!(f, "not in force before {from}"),
            AgreementGap::Expired { until } => write!(f, "expired at {until}"),
            AgreementGap::Repealed { since } => write!(f, "repealed since {since}"),
            AgreementGap::NotEnacted => f.write_str("not enacted at that time"),
        }
    }
}
