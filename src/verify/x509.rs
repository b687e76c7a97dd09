//! X.509 certificate validation (EN 319 102-1 §5.2.6): the signer's path
//! to an anchor of the registry, its revocation status, and what the path
//! carries (the anchor listing, the policy-borne levels).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use super::Verifier;
use super::cache::PathKey;
use crate::cert::Certificate;
use crate::path::{Budget, Crl, OcspResponse, RevocationMode, ValidationOptions, VerifiedPath};
use crate::{PathError, Time};

/// What path building works with for one document.
pub(super) struct Material<'a> {
    /// The envelope's certificates and the caller's intermediates.
    pub(super) intermediates: &'a [Certificate],
    /// A digest of the set of their fingerprints, for the path cache.
    pub(super) pool: [u8; 32],
    /// The caller's CRLs and the envelope's.
    pub(super) crls: &'a [Crl],
    /// The caller's OCSP responses and the envelope's.
    pub(super) ocsp: &'a [OcspResponse],
    /// Which revocation source the relying policies prefer and require
    /// (their common rule; the default when they differ).
    pub(super) sources: crate::path::RevocationSources,
    pub(super) at: Time,
    /// Whether some relying policy requires revocation information.
    pub(super) need_revocation: bool,
    /// What the document has left to spend ([`Budget::per_document`]): one
    /// budget for all its SignerInfos and countersignatures.
    pub(super) budget: Cell<Budget>,
    /// Paths already judged in this document, by certificate and trust
    /// (signer or TSA): a certificate that signs several SignerInfos, or a
    /// TSA that stamps several, is judged once.
    pub(super) judged: RefCell<HashMap<([u8; 32], Trust), Judged>>,
    /// Paths judged at a proven earlier time, by certificate, trust and time.
    pub(super) judged_past: RefCell<HashMap<([u8; 32], Time), Judged>>,
    /// The signed content, when in memory (content-time-stamp imprints).
    pub(super) content: Option<&'a [u8]>,
}

/// Which anchors a path must end at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Trust {
    /// A signer's: the registry's CA anchors.
    Signer,
    /// A time-stamping unit's: the registry's TSA anchors (ETSI TS 119 612
    /// TSA/QTST services), never a CA anchor.
    TimeStamping,
}

/// The path outcome of one signer certificate in one document.
#[derive(Clone)]
pub(super) struct Judged {
    pub(super) built: Result<VerifiedPath, PathError>,
    pub(super) revocation_checked: bool,
}

impl Verifier {
    pub(super) fn validation_options(
        &self,
        m: &Material<'_>,
        mode: RevocationMode,
    ) -> ValidationOptions {
        self.validation_options_at(m, mode, m.at)
    }

    /// Options for a validation at `proven` (no later than the validation
    /// time; earlier when a proof of existence vouches for it).
    fn validation_options_at(
        &self,
        m: &Material<'_>,
        mode: RevocationMode,
        proven: Time,
    ) -> ValidationOptions {
        let mut options = ValidationOptions::new(m.at).at_proven_time(proven, m.at);
        options.verifiers = self.verifiers.clone();
        if mode != RevocationMode::Off {
            options = options
                .revocation(mode, m.crls.to_vec())
                .ocsp_responses(m.ocsp.to_vec())
                .revocation_sources(m.sources);
        }
        options
    }

    /// The path of one signer certificate: from this document's earlier
    /// signatures, from the path cache, or built; all charged to the
    /// document's budget alike (a cache hit costs what the search it saves
    /// cost, so the cache never changes what a later signature can afford).
    pub(super) fn judge_path(&self, cert: &Certificate, m: &Material<'_>, trust: Trust) -> Judged {
        let fingerprint = cert.fingerprint_sha256();
        if let Some(j) = m.judged.borrow().get(&(fingerprint, trust)) {
            return j.clone();
        }
        let (anchors, cache) = match trust {
            Trust::Signer => (&self.anchors, &self.cache),
            Trust::TimeStamping => (&self.tsa_anchors, &self.tsa_cache),
        };
        let mode = revocation_mode(m);
        let key = PathKey::new(cert, m.pool, m.crls, mode);
        let mut budget = m.budget.get();
        let per_path = Budget::default().min(budget);
        // The path cache keys and bounds its entries by the CRLs only: with
        // OCSP responses at hand, paths are built afresh.
        let cached = if m.ocsp.is_empty() {
            cache.get(&key, m.at, &per_path)
        } else {
            None
        };
        let built = match cached {
            Some((path, cost)) => {
                budget.take(&cost);
                Ok(path)
            }
            None => {
                let mut left = per_path;
                let built = crate::path::build_path_charged(
                    cert,
                    m.intermediates,
                    anchors,
                    &self.validation_options(m, mode),
                    &mut left,
                );
                let cost = left.spent_since(per_path);
                budget.take(&cost);
                // A search that ran out of CRL checks took a route that
                // depends on how much it had: not reusable.
                if let Ok(path) = &built
                    && left.crl_signatures > 0
                    && m.ocsp.is_empty()
                {
                    cache.put(key, path, cost, m.at, cert, m.intermediates, m.crls, mode);
                    for c in path.certificates.iter().skip(1) {
                        if self
                            .parsed
                            .get(&c.certificate.fingerprint_sha256())
                            .is_none()
                        {
                            self.parsed.insert(&c.certificate, None);
                        }
                    }
                }
                built
            }
        };
        let mut revocation_checked = false;
        if let Ok(path) = &built
            && m.need_revocation
        {
            revocation_checked = self.revocation_established(path, m, m.at, &mut budget);
        }
        m.budget.set(budget);
        let judged = Judged {
            built,
            revocation_checked,
        };
        m.judged
            .borrow_mut()
            .insert((fingerprint, trust), judged.clone());
        judged
    }

    /// A signer's path judged at `proven`, an earlier time a proof of
    /// existence vouches for (EN 319 102-1 §5.5.4): certificate validity at
    /// that time, revocation data issued up to the validation time, and only
    /// revocations that took effect by `proven`. Not cached across documents
    /// (the path cache holds validations at the validation time only);
    /// charged to the document's budget like any search.
    pub(super) fn judge_path_at(
        &self,
        cert: &Certificate,
        m: &Material<'_>,
        proven: Time,
    ) -> Judged {
        let fingerprint = cert.fingerprint_sha256();
        if let Some(j) = m.judged_past.borrow().get(&(fingerprint, proven)) {
            return j.clone();
        }
        let mut budget = m.budget.get();
        let per_path = Budget::default().min(budget);
        let mut left = per_path;
        let built = crate::path::build_path_charged(
            cert,
            m.intermediates,
            &self.anchors,
            &self.validation_options_at(m, revocation_mode(m), proven),
            &mut left,
        );
        budget.take(&left.spent_since(per_path));
        let mut revocation_checked = false;
        // Whether revocation data shows the path unrevoked at `proven` (the
        // OUT_OF_BOUNDS_NOT_REVOKED question, and a policy requiring it).
        if let Ok(path) = &built
            && (!m.crls.is_empty() || !m.ocsp.is_empty())
        {
            revocation_checked = self.revocation_established(path, m, proven, &mut budget);
        }
        m.budget.set(budget);
        let judged = Judged {
            built,
            revocation_checked,
        };
        m.judged_past
            .borrow_mut()
            .insert((fingerprint, proven), judged.clone());
        judged
    }
}

impl Verifier {
    /// Whether every certificate of `path` is shown unrevoked at `proven`
    /// by a usable CRL or OCSP response (RevocationMode::Required), charged
    /// to `budget`.
    fn revocation_established(
        &self,
        path: &VerifiedPath,
        m: &Material<'_>,
        proven: Time,
        budget: &mut Budget,
    ) -> bool {
        let mut left = Budget::default().min(*budget);
        let start = left;
        let ok = crate::path::check_revocation_charged(
            path,
            m.intermediates,
            &self.validation_options_at(m, RevocationMode::Required, proven),
            &mut left,
        )
        .is_ok();
        budget.take(&left.spent_since(start));
        ok
    }
}

/// Revocation is checked wherever CRLs or OCSP responses are at hand
/// (RFC 5280 §6.3, RFC 6960).
fn revocation_mode(m: &Material<'_>) -> RevocationMode {
    if m.crls.is_empty() && m.ocsp.is_empty() {
        RevocationMode::Off
    } else {
        RevocationMode::Preferred
    }
}
