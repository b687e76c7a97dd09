//! X.509 certificate validation (EN 319 102-1 §5.2.6): the signer's path
//! to an anchor of the registry, its revocation status, and what the path
//! carries (the anchor listing, the policy-borne levels).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use super::Verifier;
use super::cache::PathKey;
use crate::cert::Certificate;
use crate::path::{Budget, Crl, RevocationMode, ValidationOptions, VerifiedPath};
use crate::{PathError, Time};

/// What path building works with for one document.
pub(super) struct Material<'a> {
    /// The envelope's certificates and the caller's intermediates.
    pub(super) intermediates: &'a [Certificate],
    /// A digest of the set of their fingerprints, for the path cache.
    pub(super) pool: [u8; 32],
    /// The caller's CRLs and the envelope's.
    pub(super) crls: &'a [Crl],
    pub(super) at: Time,
    /// Whether some relying policy requires revocation information.
    pub(super) need_revocation: bool,
    /// What the document has left to spend ([`Budget::per_document`]): one
    /// budget for all its SignerInfos and countersignatures.
    pub(super) budget: Cell<Budget>,
    /// Paths already judged in this document, by signer certificate: a
    /// certificate that signs several SignerInfos is judged once.
    pub(super) judged: RefCell<HashMap<[u8; 32], Judged>>,
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
        let mut options = ValidationOptions::new(m.at);
        options.verifiers = self.verifiers.clone();
        if mode != RevocationMode::Off {
            options = options.revocation(mode, m.crls.to_vec());
        }
        options
    }

    /// The path of one signer certificate: from this document's earlier
    /// signatures, from the path cache, or built; all charged to the
    /// document's budget alike (a cache hit costs what the search it saves
    /// cost, so the cache never changes what a later signature can afford).
    pub(super) fn judge_path(&self, cert: &Certificate, m: &Material<'_>) -> Judged {
        let fingerprint = cert.fingerprint_sha256();
        if let Some(j) = m.judged.borrow().get(&fingerprint) {
            return j.clone();
        }
        let mode = if m.crls.is_empty() {
            RevocationMode::Off
        } else {
            RevocationMode::Preferred
        };
        let key = PathKey::new(cert, m.pool, m.crls, mode);
        let mut budget = m.budget.get();
        let per_path = Budget::default().min(budget);
        let built = match self.cache.get(&key, m.at, &per_path) {
            Some((path, cost)) => {
                budget.take(&cost);
                Ok(path)
            }
            None => {
                let mut left = per_path;
                let built = crate::path::build_path_charged(
                    cert,
                    m.intermediates,
                    &self.anchors,
                    &self.validation_options(m, mode),
                    &mut left,
                );
                let cost = left.spent_since(per_path);
                budget.take(&cost);
                // A search that ran out of CRL checks took a route that
                // depends on how much it had: not reusable.
                if let Ok(path) = &built
                    && left.crl_signatures > 0
                {
                    self.cache
                        .put(key, path, cost, m.at, cert, m.intermediates, m.crls, mode);
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
            let mut left = Budget::default().min(budget);
            let start = left;
            revocation_checked = crate::path::check_revocation_charged(
                path,
                m.intermediates,
                &self.validation_options(m, RevocationMode::Required),
                &mut left,
            )
            .is_ok();
            budget.take(&left.spent_since(start));
        }
        m.budget.set(budget);
        let judged = Judged {
            built,
            revocation_checked,
        };
        m.judged.borrow_mut().insert(fingerprint, judged.clone());
        judged
    }
}
