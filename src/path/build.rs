//! Path building: a bounded depth-first search from the target towards the
//! trust anchors over a subject index of the intermediates (RFC 4158 §3).

use std::collections::HashMap;

use crate::cert::Certificate;
use crate::error::PathError;
use crate::path::revocation::{self, Context};
use crate::path::{AnchorSet, Budget, TrustAnchor, ValidationOptions, VerifiedPath, validate};

/// Finds and validates a certification path from `target` to one of
/// `anchors`, using `intermediates` (unordered, possibly huge or hostile)
/// as the pool of candidate issuers.
///
/// Candidates come from an index by subject name (never a linear scan),
/// those whose subject key identifier agrees with the child's authority key
/// identifier first; anchors are tried before intermediates at every step.
/// Each complete candidate path is validated (RFC 5280 §6.1); the first
/// valid one is returned. When none is valid, the most specific failure is
/// returned: an error found on a path that reached an anchor outranks
/// "unknown issuer". Running out of [`Budget`] is fatal.
///
/// ```
/// use sigbridge::path::{build_path, TrustAnchor, ValidationOptions};
/// use sigbridge::{load_certificates, Time};
///
/// let chain = load_certificates(&std::fs::read("testdata/pki/kz/chain-ceo.pem").unwrap()).unwrap();
/// let anchor = TrustAnchor::from_certificate(&chain[2]).unwrap();
/// let at = Time::from_ymd_hms(2030, 1, 1, 0, 0, 0).unwrap();
/// let path = build_path(&chain[0], &chain[1..2], &[anchor], &ValidationOptions::new(at)).unwrap();
/// assert_eq!(path.certificates.len(), 2);
/// ```
pub fn build_path(
    target: &Certificate,
    intermediates: &[Certificate],
    anchors: &[TrustAnchor],
    options: &ValidationOptions,
) -> Result<VerifiedPath, PathError> {
    let mut budget = options.budget;
    build_path_nested(
        target,
        intermediates,
        &AnchorSet::new(anchors.to_vec()),
        options,
        0,
        &mut budget,
    )
}

/// [`build_path`] against an [`AnchorSet`] indexed once and reused: the
/// cost per path does not grow with the number of anchors.
pub fn build_path_in(
    target: &Certificate,
    intermediates: &[Certificate],
    anchors: &AnchorSet,
    options: &ValidationOptions,
) -> Result<VerifiedPath, PathError> {
    let mut budget = options.budget;
    build_path_nested(target, intermediates, anchors, options, 0, &mut budget)
}

/// [`build_path_in`] charging `budget` (what one document has left) instead
/// of a fresh `options.budget`.
pub(crate) fn build_path_charged(
    target: &Certificate,
    intermediates: &[Certificate],
    anchors: &AnchorSet,
    options: &ValidationOptions,
    budget: &mut Budget,
) -> Result<VerifiedPath, PathError> {
    build_path_nested(target, intermediates, anchors, options, 0, budget)
}

/// [`build_path`] for a CRL signer at a given nesting depth.
pub(crate) fn build_path_nested(
    target: &Certificate,
    intermediates: &[Certificate],
    anchors: &AnchorSet,
    options: &ValidationOptions,
    nesting: usize,
    budget: &mut Budget,
) -> Result<VerifiedPath, PathError> {
    let mut pool: HashMap<String, Vec<&Certificate>> = HashMap::new();
    for c in intermediates {
        // An anchor's own certificate in the pool would only lengthen paths.
        if anchors.contains_certificate(&c.fingerprint_sha256()) {
            continue;
        }
        pool.entry(c.subject().match_key()).or_default().push(c);
    }
    let flat_pool: Vec<&Certificate> = pool.values().flatten().copied().collect();
    let mut search = Search {
        pool,
        anchors,
        options,
        budget: *budget,
        best: None,
        links: validate::VerifiedLinks::default(),
        ctx: Context {
            options,
            pool: &flat_pool,
            nesting,
        },
    };
    let mut chain = vec![target.clone()];
    let found = search.extend(&mut chain);
    *budget = search.budget;
    match found? {
        Some(path) => Ok(path),
        None => Err(search.best.unwrap_or_else(|| PathError::UnknownIssuer {
            subject: target.subject().to_string(),
            issuer: target.issuer().to_string(),
        })),
    }
}

struct Search<'a> {
    pool: HashMap<String, Vec<&'a Certificate>>,
    anchors: &'a AnchorSet,
    options: &'a ValidationOptions,
    budget: Budget,
    best: Option<PathError>,
    ctx: Context<'a>,
    /// Links verified while pruning, so that validation does not verify them again.
    links: validate::VerifiedLinks,
}

/// How specific a failure is: a path that reached an anchor and failed says
/// more than a missing issuer.
fn rank(e: &PathError) -> u8 {
    match e {
        PathError::UnknownIssuer { .. } => 0,
        PathError::PathTooLong { .. } => 1,
        _ => 2,
    }
}

impl<'a> Search<'a> {
    fn record(&mut self, e: PathError) {
        if self.best.as_ref().is_none_or(|b| rank(&e) > rank(b)) {
            self.best = Some(e);
        }
    }

    /// Tries to complete `chain` (target first). `Ok(None)`: no valid path
    /// below this point; `Err`: fatal.
    fn extend(&mut self, chain: &mut Vec<Certificate>) -> Result<Option<VerifiedPath>, PathError> {
        self.budget.charge_build_call()?;
        let Some(current) = chain.last().cloned() else {
            return Ok(None);
        };
        let key = current.issuer().match_key();
        let aki = current.authority_key_id().and_then(|a| a.key_id.clone());
        let agrees = |ski: Option<&[u8]>| match (&aki, ski) {
            (Some(a), Some(s)) => a.as_slice() == s,
            _ => false,
        };

        let mut anchors: Vec<&TrustAnchor> = self.anchors.by_subject_key(&key);
        anchors.sort_by_key(|a| !agrees(a.subject_key_id()));
        let mut found_issuer = !anchors.is_empty();
        for anchor in anchors {
            let checked =
                validate::validate(chain, anchor, self.options, &mut self.budget, &self.links)
                    .and_then(|mut path| {
                        path.crl_signatures =
                            revocation::check_path(&path, &self.ctx, &mut self.budget)?;
                        Ok(path)
                    });
            match checked {
                Ok(path) => return Ok(Some(path)),
                Err(e @ PathError::BudgetExceeded { .. }) => return Err(e),
                Err(e) => self.record(e),
            }
        }

        let mut candidates: Vec<&Certificate> = self.pool.get(&key).cloned().unwrap_or_default();
        candidates.sort_by_key(|c| !agrees(c.subject_key_id()));
        for cand in candidates {
            // RFC 4158 §2.4.2: no (name, key) pair twice in a path.
            if chain
                .iter()
                .any(|c| c.spki_der() == cand.spki_der() && c.subject().matches(cand.subject()))
            {
                continue;
            }
            found_issuer = true;
            // Prune by signature before descending (as rustls-webpki does): a
            // pool of same-name look-alikes then costs one check each, not a
            // combinatorial search. Charged to the signature budget.
            self.budget.charge_signature()?;
            let Ok(key) = cand.public_key_info() else {
                continue;
            };
            let verified = self.options.verifiers.verify_with(
                &key,
                current.signature_algorithm_identifier(),
                current.tbs_der(),
                current.signature_value(),
                &crate::crypto::VerifyOptions::default(),
            );
            if let Ok(v) = &verified {
                self.links.record(&current, cand.spki_der(), v.weak);
            } else {
                self.record(PathError::Signature {
                    subject: current.subject().to_string(),
                    error: crate::VerifyError::BadSignature {
                        algorithm: current.signature_algorithm().name(),
                    },
                });
                continue;
            }
            if chain.len() >= self.options.budget.max_depth {
                self.record(PathError::PathTooLong {
                    subject: current.subject().to_string(),
                    limit: self.options.budget.max_depth,
                });
                continue;
            }
            chain.push(cand.clone());
            let found = self.extend(chain)?;
            chain.pop();
            if found.is_some() {
                return Ok(found);
            }
        }
        if !found_issuer {
            self.record(PathError::UnknownIssuer {
                subject: current.subject().to_string(),
                issuer: current.issuer().to_string(),
            });
        }
        Ok(None)
    }
}
