//! The cross-recognition trust registry: jurisdictions, their listed trust
//! anchors with status histories, and dated recognition agreements; and the
//! recognition query ("does R recognise this signer for document type D at
//! time T, and at which of R's levels — or why not?").
//!
//! ```
//! use std::collections::BTreeMap;
//! use sigbridge::registry::*;
//! use sigbridge::{Jurisdiction, Time, load_certificates};
//! use sigbridge::path::TrustAnchor;
//!
//! let t = |s: &str| s.parse::<Time>().unwrap();
//! let kz_root = &load_certificates(&std::fs::read("testdata/pki/kz/root.pem").unwrap()).unwrap()[0];
//! let kz = JurisdictionEntry {
//!     code: Jurisdiction::KZ,
//!     name: "Kazakhstan".into(),
//!     levels: vec!["nca-signing".into()],
//!     timestamp_levels: vec![],
//!     members: vec![],
//!     anchors: vec![AnchorListing {
//!         id: "kz-root".into(),
//!         kind: ServiceKind::CertificateAuthority,
//!         anchor: TrustAnchor::from_certificate(kz_root).unwrap(),
//!         service: "NCA RK".into(),
//!         levels: vec!["nca-signing".into()],
//!         status: vec![StatusChange { status: ListingStatus::Granted, from: t("2020-01-01T00:00:00Z") }],
//!     }],
//! };
//! let cn = JurisdictionEntry {
//!     code: Jurisdiction::CN, name: "China".into(),
//!     levels: vec!["electronic-signature".into()], timestamp_levels: vec![],
//!     members: vec![], anchors: vec![],
//! };
//! let agreement = Agreement {
//!     id: "cn-recognises-kz".into(),
//!     relying: Jurisdiction::CN,
//!     issuing: Jurisdiction::KZ,
//!     documents: DocumentScope::Only(vec![DocumentType::CERTIFICATE_OF_ORIGIN]),
//!     mapping: BTreeMap::from([("nca-signing".into(), "electronic-signature".into())]),
//!     in_force_from: t("2024-01-01T00:00:00Z"),
//!     in_force_until: None,
//!     status: vec![StatusChange { status: AgreementStatus::Enacted, from: t("2024-01-01T00:00:00Z") }],
//!     legal_reference: "sample".into(),
//!     onward: false,
//! };
//! let registry = Registry::new(vec![kz, cn], vec![agreement]).unwrap();
//! let query = RecognitionQuery {
//!     relying: Jurisdiction::CN,
//!     document_type: DocumentType::CERTIFICATE_OF_ORIGIN,
//!     at: t("2025-06-01T00:00:00Z"),
//!     anchor_id: "kz-root".into(),
//!     claimed_levels: vec!["nca-signing".into()],
//! };
//! match registry.recognise(&query) {
//!     Recognition::Recognised(r) => assert_eq!(r.level, "electronic-signature"),
//!     other => panic!("{other}"),
//! }
//! ```

mod file;
mod import;
mod model;
mod recognition;
mod signed;
mod timestamp;

use std::collections::{BTreeMap, HashMap};

pub use file::{FORMAT, RegistryFileError};
pub use import::{ImportError, ImportListing, LevelClaim, claimed_levels, level_names};
pub use model::{
    Agreement, AgreementGap, AgreementStatus, AnchorListing, DocumentScope, DocumentType,
    JurisdictionEntry, ListingStatus, ServiceKind, StatusChange,
};
pub use recognition::{
    NotRecognisedReason, Recognised, Recognition, RecognitionQuery, Route, RouteStep,
};
pub use signed::{
    ICAO_MASTER_LIST, ICAO_MASTER_LIST_SIGNER, RegistryOperator, SignedListError, TSL_SIGNING,
};
pub use timestamp::{
    TimestampBasis, TimestampQuery, TimestampRecognition, TimestampRefusal, TsaAcceptance, TsaFacts,
};

use crate::Jurisdiction;
use crate::cert::DistinguishedName;

/// Why a registry was refused. Each variant names the place in the registry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// The same jurisdiction is defined twice.
    #[error("jurisdiction {0} is defined twice; merge the two entries")]
    DuplicateJurisdiction(Jurisdiction),
    /// A jurisdiction's vocabulary names a level twice, or is empty.
    #[error("jurisdiction {jurisdiction}: assurance vocabulary {reason}")]
    BadVocabulary {
        /// Where.
        jurisdiction: Jurisdiction,
        /// What is wrong.
        reason: String,
    },
    /// Two anchors share an id, or the same name and key are listed twice.
    #[error("anchor '{id}' in {jurisdiction}: {reason}")]
    DuplicateAnchor {
        /// The jurisdiction listing it.
        jurisdiction: Jurisdiction,
        /// The anchor id.
        id: String,
        /// Which duplicate.
        reason: String,
    },
    /// A union's member list is inconsistent.
    #[error("jurisdiction {jurisdiction}: members {reason}")]
    BadMembers {
        /// The union.
        jurisdiction: Jurisdiction,
        /// What is wrong.
        reason: String,
    },
    /// A jurisdiction's time-stamp vocabulary names a level twice or an
    /// empty level.
    #[error("jurisdiction {jurisdiction}: time-stamp vocabulary {reason}")]
    BadTimestampVocabulary {
        /// Where.
        jurisdiction: Jurisdiction,
        /// What is wrong.
        reason: String,
    },
    /// An anchor listing is malformed (empty id, no levels, a level twice).
    #[error("anchor '{id}' in {jurisdiction}: {reason}")]
    BadAnchor {
        /// The jurisdiction listing it.
        jurisdiction: Jurisdiction,
        /// The anchor id.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// An anchor or agreement names a level outside the vocabulary (for a
    /// TSA listing: the time-stamp vocabulary).
    #[error(
        "{place}: assurance level '{level}' is not in {jurisdiction}'s vocabulary {vocabulary:?}"
    )]
    UnknownLevel {
        /// Where, e.g. `anchor 'kz-root'` or `agreement 'cn-kz' mapping`.
        place: String,
        /// The level.
        level: String,
        /// The vocabulary's owner.
        jurisdiction: Jurisdiction,
        /// The vocabulary (assurance or time-stamp, as the place takes).
        vocabulary: Vec<String>,
    },
    /// A status history is empty, unsorted or has two entries at the same time.
    #[error("{place}: status history {reason}")]
    BadStatusHistory {
        /// Where.
        place: String,
        /// What is wrong.
        reason: String,
    },
    /// An agreement names a jurisdiction the registry does not define.
    #[error("agreement '{agreement}': jurisdiction {jurisdiction} is not defined in the registry")]
    UnknownJurisdiction {
        /// The agreement id.
        agreement: String,
        /// The unknown code.
        jurisdiction: Jurisdiction,
    },
    /// An anchor's certificate or name-and-key cannot serve as an anchor.
    #[error("anchor '{id}': {reason}")]
    AnchorKey {
        /// The anchor id.
        id: String,
        /// Why.
        reason: String,
    },
    /// An agreement is malformed (duplicate id, domestic, empty scope, bad dates).
    #[error("agreement '{agreement}': {reason}")]
    BadAgreement {
        /// The agreement id.
        agreement: String,
        /// What is wrong.
        reason: String,
    },
}

/// Where an anchor sits: its jurisdiction and index in that entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AnchorRef {
    jurisdiction: Jurisdiction,
    index: usize,
}

/// A validated registry with hash indexes over anchors (by id, by subject
/// name and by key identifier), so lookups do not scan. The subject and
/// key-identifier indexes hold CA listings only; TSA listings have their
/// own subject index, so that no lookup made for a signer's path can
/// return a TSA anchor.
#[derive(Debug, Clone)]
pub struct Registry {
    label: String,
    union_of: HashMap<Jurisdiction, Jurisdiction>,
    jurisdictions: BTreeMap<Jurisdiction, JurisdictionEntry>,
    agreements: Vec<Agreement>,
    by_id: HashMap<String, AnchorRef>,
    by_subject: HashMap<String, Vec<AnchorRef>>,
    by_key_id: HashMap<Vec<u8>, Vec<AnchorRef>>,
    tsa_by_subject: HashMap<String, Vec<AnchorRef>>,
}

impl Registry {
    /// Builds and checks a registry. Nothing is half-built: any error refuses
    /// the whole registry.
    ///
    /// # Errors
    /// A [`RegistryError`] naming the first inconsistency found.
    pub fn new(
        jurisdictions: Vec<JurisdictionEntry>,
        agreements: Vec<Agreement>,
    ) -> Result<Registry, RegistryError> {
        let mut map = BTreeMap::new();
        for j in jurisdictions {
            check_vocabulary(&j)?;
            let code = j.code;
            if map.insert(code, j).is_some() {
                return Err(RegistryError::DuplicateJurisdiction(code));
            }
        }
        let mut union_of: HashMap<Jurisdiction, Jurisdiction> = HashMap::new();
        for entry in map.values() {
            for m in &entry.members {
                let bad = |reason: String| RegistryError::BadMembers {
                    jurisdiction: entry.code,
                    reason,
                };
                if map.contains_key(m) {
                    return Err(bad(format!(
                        "include {m}, which has an entry of its own; a member relies through its union"
                    )));
                }
                if let Some(other) = union_of.insert(*m, entry.code) {
                    return Err(bad(format!("include {m}, already a member of {other}")));
                }
            }
        }
        let mut by_id: HashMap<String, AnchorRef> = HashMap::new();
        let mut by_subject: HashMap<String, Vec<AnchorRef>> = HashMap::new();
        let mut by_key_id: HashMap<Vec<u8>, Vec<AnchorRef>> = HashMap::new();
        let mut tsa_by_subject: HashMap<String, Vec<AnchorRef>> = HashMap::new();
        let mut by_name_key: HashMap<(ServiceKind, String, Vec<u8>), String> = HashMap::new();
        for entry in map.values() {
            for (index, listing) in entry.anchors.iter().enumerate() {
                let place = format!("anchor '{}' in {}", listing.id, entry.code);
                let dup = |reason: String| RegistryError::DuplicateAnchor {
                    jurisdiction: entry.code,
                    id: listing.id.clone(),
                    reason,
                };
                let bad = |reason: &str| RegistryError::BadAnchor {
                    jurisdiction: entry.code,
                    id: listing.id.clone(),
                    reason: reason.to_owned(),
                };
                if listing.id.trim().is_empty() {
                    return Err(bad("the id is empty; give each anchor a stable id"));
                }
                if listing.levels.is_empty() {
                    return Err(bad(
                        "lists no assurance level; name the levels it may issue",
                    ));
                }
                for (i, level) in listing.levels.iter().enumerate() {
                    if listing.levels.iter().skip(i + 1).any(|l| l == level) {
                        return Err(bad("lists a level twice"));
                    }
                    // A CA's levels are assurance levels, a TSA's are
                    // time-stamp levels (eIDAS Art. 41–42): two vocabularies.
                    if !entry.vocabulary(listing.kind).contains(level) {
                        return Err(unknown_level(&place, level, entry, listing.kind));
                    }
                }
                check_history(&place, &listing.status)?;
                let r = AnchorRef {
                    jurisdiction: entry.code,
                    index,
                };
                if by_id.insert(listing.id.clone(), r).is_some() {
                    return Err(dup("another anchor has the same id".into()));
                }
                // One name and key may be listed once per kind: a root that
                // is both a CA and a TSA is two services in TS 119 612
                // (§5.5.1, one TSPService per service type).
                let name_key = (
                    listing.kind,
                    listing.anchor.name().match_key(),
                    listing.anchor.key().der().to_vec(),
                );
                if let Some(other) = by_name_key.insert(name_key, listing.id.clone()) {
                    return Err(dup(format!(
                        "same subject and key as anchor '{other}'; list it once"
                    )));
                }
                match listing.kind {
                    ServiceKind::CertificateAuthority => {
                        by_subject
                            .entry(listing.anchor.name().match_key())
                            .or_default()
                            .push(r);
                        by_key_id
                            .entry(key_identifier(&listing.anchor))
                            .or_default()
                            .push(r);
                    }
                    ServiceKind::TimeStamping => {
                        tsa_by_subject
                            .entry(listing.anchor.name().match_key())
                            .or_default()
                            .push(r);
                    }
                }
            }
        }
        let mut ids = HashMap::new();
        for a in &agreements {
            check_agreement(a, &map)?;
            if ids.insert(a.id.clone(), ()).is_some() {
                return Err(RegistryError::BadAgreement {
                    agreement: a.id.clone(),
                    reason: "another agreement has the same id".into(),
                });
            }
        }
        Ok(Registry {
            label: String::new(),
            union_of,
            jurisdictions: map,
            agreements,
            by_id,
            by_subject,
            by_key_id,
            tsa_by_subject,
        })
    }

    /// The built-in sample registry over the generated test PKIs
    /// (`testdata/pki`): CN, EU, IN, KZ, RU and UZ with invented levels,
    /// listings and agreements. **Sample data, not legal fact**: it exists
    /// for examples and tests, and its label says so.
    ///
    /// ```
    /// let registry = sigbridge::registry::Registry::sample().unwrap();
    /// assert!(registry.label().starts_with("SAMPLE DATA, NOT LEGAL FACT"));
    /// ```
    ///
    /// # Errors
    /// None in practice: the embedded file is checked by the test suite.
    pub fn sample() -> Result<Registry, RegistryFileError> {
        Registry::from_json(include_str!("sample-registry.json"))
    }

    /// Sets the label (what this registry is, e.g. "sample data, not legal fact").
    pub fn with_label(mut self, label: impl Into<String>) -> Registry {
        self.label = label.into();
        self
    }

    /// The label.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The snapshot id: `sha256:` and the hex SHA-256 of the canonical file
    /// text ([`Registry::to_json`]). Two registries with the same content
    /// have the same id; every report names it.
    pub fn snapshot_id(&self) -> String {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(self.to_json().as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("sha256:{hex}")
    }

    /// The jurisdictions, by code.
    pub fn jurisdictions(&self) -> impl Iterator<Item = &JurisdictionEntry> {
        self.jurisdictions.values()
    }

    /// One jurisdiction.
    pub fn jurisdiction(&self, code: Jurisdiction) -> Option<&JurisdictionEntry> {
        self.jurisdictions.get(&code)
    }

    /// The union a member state relies through, if it is listed as a
    /// member and has no entry of its own.
    pub fn union_of(&self, member: Jurisdiction) -> Option<Jurisdiction> {
        self.union_of.get(&member).copied()
    }

    /// The agreements, in file order.
    pub fn agreements(&self) -> &[Agreement] {
        &self.agreements
    }

    /// An anchor listing by id, with its jurisdiction.
    pub fn anchor(&self, id: &str) -> Option<(Jurisdiction, &AnchorListing)> {
        self.by_id.get(id).and_then(|r| self.resolve(*r))
    }

    /// CA anchors whose subject matches `name` (RFC 5280 §7.1 comparison),
    /// by index. TSA listings are never returned: they cannot anchor a
    /// signer ([`Registry::tsa_anchors_by_subject`]).
    pub fn anchors_by_subject(
        &self,
        name: &DistinguishedName,
    ) -> Vec<(Jurisdiction, &AnchorListing)> {
        self.by_subject
            .get(&name.match_key())
            .map(|v| v.iter().filter_map(|r| self.resolve(*r)).collect())
            .unwrap_or_default()
    }

    /// CA anchors with this key identifier (the certificate's SKI, or the
    /// SHA-1 of the key bits, RFC 5280 §4.2.1.2 method 1), by index. TSA
    /// listings are never returned.
    pub fn anchors_by_key_id(&self, key_id: &[u8]) -> Vec<(Jurisdiction, &AnchorListing)> {
        self.by_key_id
            .get(key_id)
            .map(|v| v.iter().filter_map(|r| self.resolve(*r)).collect())
            .unwrap_or_default()
    }

    /// TSA anchors whose subject matches `name` (RFC 5280 §7.1 comparison), by index.
    pub fn tsa_anchors_by_subject(
        &self,
        name: &DistinguishedName,
    ) -> Vec<(Jurisdiction, &AnchorListing)> {
        self.tsa_by_subject
            .get(&name.match_key())
            .map(|v| v.iter().filter_map(|r| self.resolve(*r)).collect())
            .unwrap_or_default()
    }

    fn resolve(&self, r: AnchorRef) -> Option<(Jurisdiction, &AnchorListing)> {
        self.jurisdictions
            .get(&r.jurisdiction)
            .and_then(|j| j.anchors.get(r.index))
            .map(|a| (r.jurisdiction, a))
    }
}

/// A registry by reference is cloned into a new `Arc`, so that
/// [`Verifier::new`](crate::Verifier::new) takes `&Registry`,
/// `Registry` and `Arc<Registry>` alike.
impl From<&Registry> for std::sync::Arc<Registry> {
    fn from(registry: &Registry) -> std::sync::Arc<Registry> {
        std::sync::Arc::new(registry.clone())
    }
}

/// The anchor's key identifier: its certificate's SKI when it has one, else
/// the SHA-1 of the subjectPublicKey bits (RFC 5280 §4.2.1.2 method 1).
fn key_identifier(anchor: &crate::path::TrustAnchor) -> Vec<u8> {
    use sha1::Digest;
    if let Some(ski) = anchor.certificate().and_then(|c| c.subject_key_id()) {
        return ski.to_vec();
    }
    sha1::Sha1::digest(anchor.key().key_bytes()).to_vec()
}

fn unknown_level(
    place: &str,
    level: &str,
    j: &JurisdictionEntry,
    kind: ServiceKind,
) -> RegistryError {
    RegistryError::UnknownLevel {
        place: place.to_owned(),
        level: level.to_owned(),
        jurisdiction: j.code,
        vocabulary: j.vocabulary(kind).to_vec(),
    }
}

fn check_vocabulary(j: &JurisdictionEntry) -> Result<(), RegistryError> {
    let bad = |reason: String| RegistryError::BadVocabulary {
        jurisdiction: j.code,
        reason,
    };
    if j.levels.is_empty() {
        return Err(bad("is empty; name at least one level".into()));
    }
    for (i, l) in j.levels.iter().enumerate() {
        if l.trim().is_empty() {
            return Err(bad(format!("has an empty level name at position {i}")));
        }
        if j.levels.iter().skip(i + 1).any(|m| m == l) {
            return Err(bad(format!("names '{l}' twice")));
        }
    }
    // The time-stamp vocabulary may be empty (no TSA listed).
    let bad = |reason: String| RegistryError::BadTimestampVocabulary {
        jurisdiction: j.code,
        reason,
    };
    for (i, l) in j.timestamp_levels.iter().enumerate() {
        if l.trim().is_empty() {
            return Err(bad(format!("has an empty level name at position {i}")));
        }
        if j.timestamp_levels.iter().skip(i + 1).any(|m| m == l) {
            return Err(bad(format!("names '{l}' twice")));
        }
    }
    Ok(())
}

fn check_history<S>(place: &str, history: &[StatusChange<S>]) -> Result<(), RegistryError> {
    let bad = |reason: &str| RegistryError::BadStatusHistory {
        place: place.to_owned(),
        reason: reason.to_owned(),
    };
    if history.is_empty() {
        return Err(bad("is empty; give at least the first status and its date"));
    }
    if history.windows(2).any(|w| match w {
        [a, b] => a.from >= b.from,
        _ => false,
    }) {
        return Err(bad(
            "has overlapping periods: start times must be strictly increasing",
        ));
    }
    Ok(())
}

fn check_agreement(
    a: &Agreement,
    map: &BTreeMap<Jurisdiction, JurisdictionEntry>,
) -> Result<(), RegistryError> {
    let bad = |reason: String| RegistryError::BadAgreement {
        agreement: a.id.clone(),
        reason,
    };
    let get = |j: Jurisdiction| {
        map.get(&j).ok_or(RegistryError::UnknownJurisdiction {
            agreement: a.id.clone(),
            jurisdiction: j,
        })
    };
    let relying = get(a.relying)?;
    let issuing = get(a.issuing)?;
    if a.relying == a.issuing {
        return Err(bad(
            "relying and issuing jurisdictions are the same; domestic recognition needs no agreement"
                .into(),
        ));
    }
    if matches!(&a.documents, DocumentScope::Only(d) if d.is_empty()) {
        return Err(bad(
            "covers no document type; list codes or use \"all\"".into()
        ));
    }
    if a.in_force_until.is_some_and(|u| u <= a.in_force_from) {
        return Err(bad("in force until a time not after its start".into()));
    }
    if a.mapping.is_empty() {
        return Err(bad("maps no assurance level".into()));
    }
    let place = format!("agreement '{}' mapping", a.id);
    for (from, to) in &a.mapping {
        if issuing.rank(from).is_none() {
            return Err(unknown_level(
                &place,
                from,
                issuing,
                ServiceKind::CertificateAuthority,
            ));
        }
        if relying.rank(to).is_none() {
            return Err(unknown_level(
                &place,
                to,
                relying,
                ServiceKind::CertificateAuthority,
            ));
        }
    }
    check_history(&format!("agreement '{}'", a.id), &a.status)
}
