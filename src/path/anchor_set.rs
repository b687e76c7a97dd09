//! A set of trust anchors indexed by subject, built once and shared by
//! every path built against it: with a registry of 10,000 anchors, each
//! path then costs a hash lookup, not a scan.

use std::collections::{HashMap, HashSet};

use crate::path::TrustAnchor;

/// Trust anchors with their subject index (RFC 5280 §7.1 name matching)
/// and the fingerprints of the anchors' own certificates.
///
/// ```
/// use sigbridge::path::{build_path_in, AnchorSet, TrustAnchor, ValidationOptions};
/// use sigbridge::{load_certificates, Time};
///
/// let chain = load_certificates(&std::fs::read("testdata/pki/kz/chain-ceo.pem").unwrap()).unwrap();
/// let anchors = AnchorSet::new(vec![TrustAnchor::from_certificate(&chain[2]).unwrap()]);
/// let at = Time::from_ymd_hms(2030, 1, 1, 0, 0, 0).unwrap();
/// let path = build_path_in(&chain[0], &chain[1..2], &anchors, &ValidationOptions::new(at)).unwrap();
/// assert_eq!(path.certificates.len(), 2);
/// ```
#[derive(Debug, Clone, Default)]
pub struct AnchorSet {
    anchors: Vec<TrustAnchor>,
    by_subject: HashMap<String, Vec<usize>>,
    certificates: HashSet<[u8; 32]>,
}

impl AnchorSet {
    /// Indexes `anchors`.
    pub fn new(anchors: Vec<TrustAnchor>) -> AnchorSet {
        let mut by_subject: HashMap<String, Vec<usize>> = HashMap::new();
        let mut certificates = HashSet::new();
        for (i, a) in anchors.iter().enumerate() {
            by_subject.entry(a.name().match_key()).or_default().push(i);
            if let Some(c) = a.certificate() {
                certificates.insert(c.fingerprint_sha256());
            }
        }
        AnchorSet {
            anchors,
            by_subject,
            certificates,
        }
    }

    /// All anchors, in the order given.
    pub fn anchors(&self) -> &[TrustAnchor] {
        &self.anchors
    }

    /// The anchors whose name matches the name with this
    /// [`crate::DistinguishedName::match_key`].
    pub fn by_subject_key(&self, key: &str) -> Vec<&TrustAnchor> {
        self.by_subject
            .get(key)
            .map(|ids| ids.iter().filter_map(|i| self.anchors.get(*i)).collect())
            .unwrap_or_default()
    }

    /// Whether a certificate with this SHA-256 fingerprint is an anchor's own certificate.
    pub fn contains_certificate(&self, fingerprint: &[u8; 32]) -> bool {
        self.certificates.contains(fingerprint)
    }

    /// How many anchors.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }
}
