//! The verifier a relying party calls: one signed trade document, judged
//! under one (or several) relying jurisdictions' law.
//!
//! For each signature: the cryptographic check ([`crate::envelope`]) →
//! a path to an anchor of the registry (intermediates from the envelope
//! and the caller) → revocation (caller's CRLs) → the national profile →
//! the relying jurisdiction's policy → recognition ([`crate::registry`]).
//! Then the document: its type (from the caller, or the envelope's
//! content-hints), the co-signer roles and minimum level its rule requires.
//! The result is a [`VerificationReport`].
//!
//! The cryptographic and path work does not depend on the relying
//! jurisdiction, so [`Verifier::verify_for`] does it once and loops over
//! the jurisdictions for policy and recognition.
//!
//! Time: the validation time is a parameter. The signing-time attribute is
//! the signer's claim, not a proof of existence (EN 319 102-1 §5.6.2.1).
//! A signature-time-stamp (CAdES-B-T, RFC 3161) by a TSA the relying
//! jurisdiction accepts is one: the signature is then judged at its
//! best-signature-time (EN 319 102-1 §5.5.4) — certificate validity,
//! revocation (a revocation taking effect later does not count), algorithm
//! sunsets, anchor listing status and agreements — and the report says which
//! time-stamp proved it. Without one, everything is judged at the validation
//! time.
//!
//! The building blocks of EN 319 102-1 have one file each: `format.rs`
//! (format checking, cryptographic verification), `identification.rs` (the
//! signer), `x509.rs` (X.509 validation, at the validation time or at a
//! proven earlier time), `basic.rs` (the basic signature validation),
//! `time.rs` (time-stamps and validation with time), `judge.rs` (the relying
//! policy, recognition and the document rule).
//!
//! ```
//! use sigbridge::crypto::SoftwareSigner;
//! use sigbridge::envelope::{Envelope, SignatureOptions};
//! use sigbridge::registry::Registry;
//! use sigbridge::verify::{Content, Request, Verifier};
//! use sigbridge::{load_certificates, DocumentType, Jurisdiction, Time};
//!
//! let chain = load_certificates(&std::fs::read("testdata/pki/cn/chain-org-uscc.pem").unwrap()).unwrap();
//! let key = std::fs::read("testdata/pki/cn/org-uscc.key").unwrap();
//! let exporter = SoftwareSigner::from_pkcs8_pem(&key, chain[0].clone()).unwrap().with_chain(chain[1..2].to_vec());
//! let at: Time = "2026-11-23T09:00:00Z".parse().unwrap();
//! let invoice = b"<Invoice number='INV-1'/>";
//! let p7s = Envelope::sign_detached(invoice, &exporter, &SignatureOptions::new(at)
//!     .document_type(DocumentType::COMMERCIAL_INVOICE).include_chain(true)).unwrap().to_der();
//!
//! let registry = Registry::sample().unwrap();
//! let verifier = Verifier::new(&registry).unwrap();
//! let report = verifier.verify(Request::new(&p7s, Content::Detached(invoice), Jurisdiction::KZ, at));
//! assert!(report.verdict.accepted, "{report}");
//! ```

mod basic;
mod cache;
mod finding;
mod format;
mod identification;
mod indication;
mod judge;
mod report;
mod signers;
mod time;
mod x509;

use std::io::Read;
use std::sync::Arc;

pub use cache::CacheStats;
pub use finding::{ALL_CODES, Finding};
pub use indication::{Indication, SubIndication};
pub use report::{
    AgreementStep, IdentifierReport, REPORT_FORMAT, RecognitionReport, RecognitionStatus,
    SignatureReport, SignerReport, TimestampReport, ValidityReport, Verdict, VerificationReport,
};

use crate::cert::Certificate;
use crate::crypto::Verifiers;
use crate::envelope;
use crate::path::{AnchorSet, Budget, Crl, OcspResponse};
use crate::policy::JurisdictionPolicy;
use crate::registry::Registry;
use crate::{DocumentType, Error, Jurisdiction, Time};
use basic::Assessed;
use cache::{ParsedCache, PathCache, pool_digest};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use x509::Material;

/// Where the signed document is.
///
/// ```
/// use sigbridge::verify::Content;
///
/// let invoice = b"<Invoice number='INV-1'/>";
/// // Detached content in memory (a `.p7s` beside the document):
/// let in_memory = Content::Detached(invoice);
/// // A large document read once from a file or socket, never held whole:
/// let mut file = std::fs::File::open("Cargo.toml").unwrap();
/// let streamed = Content::Reader(&mut file);
/// // An enveloping signature carries the document inside the envelope:
/// let inside = Content::Enveloped;
/// # let _ = (in_memory, streamed, inside);
/// ```
pub enum Content<'a> {
    /// Detached content, in memory.
    Detached(&'a [u8]),
    /// Detached content, read once (memory does not grow with its size).
    Reader(&'a mut (dyn Read + Send)),
    /// The content is inside the envelope (enveloping signature).
    Enveloped,
}

/// One verification: the envelope, the document, who relies, what type the
/// relying party expects, and when.
///
/// ```
/// use sigbridge::verify::{Content, Request};
/// use sigbridge::{DocumentType, Jurisdiction, Time};
///
/// # let p7s: Vec<u8> = Vec::new();
/// // `p7s`: the envelope as received (DER, BER or PEM); `document`: the signed bytes.
/// let document = b"<CertificateOfOrigin number='CO-1'/>";
/// // Customs in Kazakhstan verifies at the time the document was received;
/// // it expects a certificate of origin (the envelope's content-hints
/// // would otherwise decide the type).
/// let received: Time = "2026-11-24T08:00:00Z".parse().unwrap();
/// let request = Request::new(&p7s, Content::Detached(document), Jurisdiction::KZ, received)
///     .document_type(DocumentType::CERTIFICATE_OF_ORIGIN);
/// assert_eq!(request.document_type, Some(DocumentType::CERTIFICATE_OF_ORIGIN));
/// ```
#[non_exhaustive]
pub struct Request<'a> {
    /// The envelope: DER, BER or PEM.
    pub envelope: &'a [u8],
    /// The document.
    pub content: Content<'a>,
    /// The relying jurisdiction.
    pub relying: Jurisdiction,
    /// The document type the relying party expects; when `None`, the one the
    /// envelope declares (content-hints) is used.
    pub document_type: Option<DocumentType>,
    /// The validation time.
    pub at: Time,
}

impl<'a> Request<'a> {
    /// A request with no expected document type.
    pub fn new(
        envelope: &'a [u8],
        content: Content<'a>,
        relying: Jurisdiction,
        at: Time,
    ) -> Request<'a> {
        Request {
            envelope,
            content,
            relying,
            document_type: None,
            at,
        }
    }

    /// Sets the document type the relying party expects.
    pub fn document_type(mut self, document_type: DocumentType) -> Request<'a> {
        self.document_type = Some(document_type);
        self
    }
}

/// The verifier: a registry, the relying jurisdictions' policies, and the
/// caller's CRLs, intermediates and signature verifiers. Build it once and
/// verify many documents with it.
///
/// The verifier owns its registry snapshot (an `Arc<Registry>`), so a
/// long-lived service can swap snapshots atomically: build a verifier over
/// the new snapshot and replace the shared one; verifications in flight
/// finish with the snapshot they started with, and every report names it.
///
/// ```
/// use std::sync::{Arc, RwLock};
/// use sigbridge::registry::Registry;
/// use sigbridge::Verifier;
///
/// let first = Arc::new(Registry::sample().unwrap());
/// let service: RwLock<Arc<Verifier>> =
///     RwLock::new(Arc::new(Verifier::new(Arc::clone(&first)).unwrap()));
///
/// // A request takes the current verifier and releases the lock at once.
/// let in_flight: Arc<Verifier> = Arc::clone(&service.read().unwrap());
///
/// // A new snapshot arrives: build its verifier outside the lock (a policy
/// // that does not fit it is refused here, and the old one stays), then swap.
/// let text = first.to_json().replace("\"2025-01-01T00:00:00Z\"", "\"2025-01-02T00:00:00Z\"");
/// let next = Arc::new(Registry::from_json(&text).unwrap());
/// let fresh = Arc::new(Verifier::new(Arc::clone(&next)).unwrap());
/// *service.write().unwrap() = fresh;
///
/// assert_eq!(in_flight.registry().snapshot_id(), first.snapshot_id());
/// assert_eq!(service.read().unwrap().registry().snapshot_id(), next.snapshot_id());
/// ```
pub struct Verifier {
    registry: Arc<Registry>,
    snapshot: String,
    anchors: AnchorSet,
    /// The registry's time-stamping anchors (TSA paths end only here).
    tsa_anchors: AnchorSet,
    policies: Vec<JurisdictionPolicy>,
    crls: Vec<Crl>,
    ocsp: Vec<OcspResponse>,
    intermediates: Vec<Certificate>,
    verifiers: Verifiers,
    cache: PathCache,
    /// Verified TSA paths (kept apart: they end at other anchors).
    tsa_cache: PathCache,
    parsed: ParsedCache,
    /// How envelopes are read (padding after the ContentInfo tolerated by default).
    read_options: envelope::ReadOptions,
}

/// Paths kept by default (a few hundred bytes to a few KiB each).
const DEFAULT_PATH_CACHE: usize = 4096;

impl Verifier {
    /// A verifier over `registry` (a `&Registry` is cloned, an
    /// `Arc<Registry>` is shared) with the built-in sample policies of its
    /// jurisdictions ([`JurisdictionPolicy::sample`]), no CRLs and the
    /// built-in signature verifiers. Jurisdictions without a sample get
    /// [`JurisdictionPolicy::baseline`].
    ///
    /// The samples are written for [`Registry::sample`]. Each is checked
    /// against `registry` ([`JurisdictionPolicy::check_against`]): a sample
    /// naming a level that `registry` does not define is refused rather
    /// than applied (its minimum-level rule would compare against nothing),
    /// and so is a sample whose jurisdiction's vocabulary in `registry` is
    /// not the sample registry's (a minimum is a rank in the vocabulary it
    /// was written for; in another order it would require something else).
    /// For your own registry, give your own policies:
    /// [`Verifier::without_sample_policies`] then [`Verifier::with_policies`].
    ///
    /// ```
    /// use sigbridge::policy::PolicyFileError;
    /// use sigbridge::registry::Registry;
    /// use sigbridge::{Error, Jurisdiction, Verifier};
    ///
    /// let verifier = Verifier::new(&Registry::sample().unwrap()).unwrap();
    /// assert_eq!(verifier.policy(Jurisdiction::KZ).documents[0].min_level, "nca-signing");
    ///
    /// // A registry of one's own whose KZ vocabulary differs from the sample's.
    /// let text = Registry::sample().unwrap().to_json()
    ///     .replace("\"nca-authentication\"", "\"basic\"")
    ///     .replace("\"nca-signing\"", "\"qualified\"");
    /// let mine = Registry::from_json(&text).unwrap();
    /// match Verifier::new(&mine) {
    ///     Err(Error::Policy(PolicyFileError::UnknownLevel { jurisdiction, level, sample, .. })) => {
    ///         assert_eq!((jurisdiction, level.as_str(), sample), (Jurisdiction::KZ, "nca-signing", true));
    ///     }
    ///     other => panic!("{:?}", other.err()),
    /// }
    /// ```
    ///
    /// # Errors
    /// [`Error::Policy`] with [`PolicyFileError::UnknownLevel`](crate::policy::PolicyFileError::UnknownLevel)
    /// naming the sample policy, the document rule, the level and the
    /// vocabulary, or [`PolicyFileError::SampleVocabulary`](crate::policy::PolicyFileError::SampleVocabulary)
    /// naming both vocabularies.
    pub fn new(registry: impl Into<Arc<Registry>>) -> Result<Verifier, Error> {
        let registry = registry.into();
        let samples: Vec<JurisdictionPolicy> = registry
            .jurisdictions()
            .filter_map(|j| JurisdictionPolicy::sample(j.code))
            .collect();
        for p in &samples {
            p.sample_fits(&registry)?;
        }
        let mut verifier = Verifier::without_sample_policies(registry);
        verifier.policies = samples;
        Ok(verifier)
    }

    /// A verifier over `registry` with no policies of its own: every
    /// relying jurisdiction gets [`JurisdictionPolicy::baseline`] (whose
    /// minimum is the lowest level of its vocabulary, so it always fits)
    /// until [`Verifier::with_policies`] gives it one.
    ///
    /// ```
    /// use sigbridge::policy::load_policies;
    /// use sigbridge::registry::Registry;
    /// use sigbridge::{Jurisdiction, Verifier};
    ///
    /// let registry = Registry::sample().unwrap();
    /// let kz = load_policies(&std::fs::read_to_string("src/policy/sample-policies.json").unwrap())
    ///     .unwrap()
    ///     .into_iter()
    ///     .filter(|p| p.jurisdiction == Jurisdiction::KZ)
    ///     .collect();
    /// let verifier = Verifier::without_sample_policies(&registry).with_policies(kz).unwrap();
    /// assert_eq!(verifier.policy(Jurisdiction::KZ).documents[0].min_level, "nca-signing");
    /// // EU has no policy given: the baseline, at EU's lowest level.
    /// assert_eq!(verifier.policy(Jurisdiction::EU).documents[0].min_level, "advanced");
    /// ```
    pub fn without_sample_policies(registry: impl Into<Arc<Registry>>) -> Verifier {
        let registry: Arc<Registry> = registry.into();
        Verifier {
            snapshot: registry.snapshot_id(),
            anchors: AnchorSet::new(registry.all_anchors()),
            tsa_anchors: AnchorSet::new(registry.tsa_anchors()),
            registry,
            policies: Vec::new(),
            crls: Vec::new(),
            ocsp: Vec::new(),
            intermediates: Vec::new(),
            verifiers: Verifiers::builtin(),
            cache: PathCache::new(DEFAULT_PATH_CACHE),
            tsa_cache: PathCache::new(DEFAULT_PATH_CACHE),
            parsed: ParsedCache::new(DEFAULT_PATH_CACHE),
            read_options: envelope::ReadOptions::real_world(),
        }
    }

    /// Keeps at most `capacity` verified paths (0 turns the cache off).
    /// The cache never changes a verdict (see the `cache` module notes in
    /// the source): an entry is used only at validation times and with
    /// certificates and CRLs for which a cold validation answers the same.
    pub fn with_path_cache(mut self, capacity: usize) -> Verifier {
        self.cache = PathCache::new(capacity);
        self.tsa_cache = PathCache::new(capacity);
        self.parsed = ParsedCache::new(capacity);
        self
    }

    /// Hits, misses and size of the path cache (signers' paths).
    pub fn cache_stats(&self) -> CacheStats {
        self.cache.stats()
    }

    /// Hits, misses and size of the cache of time-stamping units' paths
    /// (kept apart from signers': they end at TSA anchors).
    pub fn tsa_cache_stats(&self) -> CacheStats {
        self.tsa_cache.stats()
    }

    /// The registry snapshot this verifier judges by.
    pub fn registry(&self) -> &Arc<Registry> {
        &self.registry
    }

    /// Uses these policies (one per jurisdiction; they replace the samples
    /// or earlier policies for the jurisdictions they name). Each is
    /// checked whole ([`JurisdictionPolicy::check`]) and against the
    /// registry ([`JurisdictionPolicy::check_against`]): a minimum level
    /// that the registry's vocabulary does not define is refused here,
    /// not per document.
    ///
    /// ```
    /// use sigbridge::policy::{JurisdictionPolicy, PolicyFileError};
    /// use sigbridge::registry::Registry;
    /// use sigbridge::{Error, Jurisdiction, Verifier};
    ///
    /// let registry = Registry::sample().unwrap();
    /// let mut strict = JurisdictionPolicy::sample(Jurisdiction::KZ).unwrap();
    /// strict.revocation_required = true;
    /// let verifier = Verifier::new(&registry).unwrap().with_policies(vec![strict.clone()]).unwrap();
    /// assert!(verifier.policy(Jurisdiction::KZ).revocation_required);
    ///
    /// strict.documents[0].min_level = "nca-signnig".into(); // a typo
    /// let refused = Verifier::new(&registry).unwrap().with_policies(vec![strict]);
    /// assert!(matches!(refused, Err(Error::Policy(PolicyFileError::UnknownLevel { rule: 0, .. }))));
    /// ```
    ///
    /// # Errors
    /// [`Error::Policy`]: [`PolicyFileError::Invalid`](crate::policy::PolicyFileError::Invalid)
    /// for an inconsistent policy or two policies for one jurisdiction,
    /// [`PolicyFileError::UnknownLevel`](crate::policy::PolicyFileError::UnknownLevel) or
    /// [`PolicyFileError::UnknownJurisdiction`](crate::policy::PolicyFileError::UnknownJurisdiction)
    /// for one that does not fit the registry.
    pub fn with_policies(mut self, policies: Vec<JurisdictionPolicy>) -> Result<Verifier, Error> {
        for (i, p) in policies.iter().enumerate() {
            if policies
                .iter()
                .take(i)
                .any(|q| q.jurisdiction == p.jurisdiction)
            {
                return Err(crate::policy::PolicyFileError::Invalid {
                    path: format!("policies[{}]", p.jurisdiction),
                    reason: "a second policy for the same jurisdiction; merge them".into(),
                }
                .into());
            }
            p.check()?;
            p.fits(&self.registry, false)?;
        }
        self.policies
            .retain(|p| !policies.iter().any(|q| q.jurisdiction == p.jurisdiction));
        self.policies.extend(policies);
        Ok(self)
    }

    /// Checks revocation with these CRLs (revoked certificates fail; a
    /// policy that requires revocation also requires a CRL for every certificate).
    pub fn with_crls(mut self, crls: Vec<Crl>) -> Verifier {
        self.crls = crls;
        self
    }

    /// Checks revocation with these OCSP responses (RFC 6960) as well,
    /// beside those the envelope carries (RFC 5940 §3): revoked
    /// certificates fail, and a response that shows a certificate good
    /// serves a policy that requires revocation as a CRL does.
    pub fn with_ocsp_responses(mut self, responses: Vec<OcspResponse>) -> Verifier {
        self.ocsp = responses;
        self
    }

    /// Offers these intermediate certificates for path building, beside the envelope's.
    pub fn with_intermediates(mut self, certificates: Vec<Certificate>) -> Verifier {
        self.intermediates = certificates;
        self
    }

    /// Reads envelopes with `options` ([`envelope::ReadOptions::real_world`]
    /// by default); [`envelope::ReadOptions::strict`] refuses padding after
    /// the ContentInfo, as `ENVELOPE_MALFORMED`.
    pub fn with_read_options(mut self, options: envelope::ReadOptions) -> Verifier {
        self.read_options = options;
        self
    }

    /// Uses these signature verifiers (e.g. with a GOST plug-in).
    pub fn with_verifiers(mut self, verifiers: Verifiers) -> Verifier {
        self.verifiers = verifiers;
        // Paths were verified with the previous verifiers: forget them.
        let capacity = self.cache_stats().capacity;
        self.cache = PathCache::new(capacity);
        self.tsa_cache = PathCache::new(capacity);
        self.parsed = ParsedCache::new(capacity);
        self
    }

    /// The policy applied for `relying`: the one given, else a baseline.
    pub fn policy(&self, relying: Jurisdiction) -> JurisdictionPolicy {
        let scheme = if self.registry.jurisdiction(relying).is_some() {
            relying
        } else {
            self.registry.union_of(relying).unwrap_or(relying)
        };
        self.policies
            .iter()
            .find(|p| p.jurisdiction == relying)
            .or_else(|| self.policies.iter().find(|p| p.jurisdiction == scheme))
            .cloned()
            .unwrap_or_else(|| JurisdictionPolicy::baseline(relying, &self.vocabulary(relying)))
    }

    fn vocabulary(&self, relying: Jurisdiction) -> Vec<String> {
        self.registry
            .jurisdiction(relying)
            .or_else(|| {
                self.registry
                    .union_of(relying)
                    .and_then(|u| self.registry.jurisdiction(u))
            })
            .map(|e| e.levels.clone())
            .unwrap_or_default()
    }

    /// Verifies one document for the request's relying jurisdiction.
    pub fn verify(&self, request: Request<'_>) -> VerificationReport {
        let relying = request.relying;
        self.verify_for(request, &[relying])
            .pop()
            .unwrap_or_else(|| {
                self.unreadable(relying, None, Time::from_unix(0), Finding::no_report())
            })
    }

    /// Verifies many documents, each for its request's relying
    /// jurisdiction, in order. With the `rayon` feature the documents are
    /// verified in parallel on every core (the verifier and its path cache
    /// are shared); without it, one after the other.
    pub fn verify_many(&self, requests: Vec<Request<'_>>) -> Vec<VerificationReport> {
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            requests.into_par_iter().map(|r| self.verify(r)).collect()
        }
        #[cfg(not(feature = "rayon"))]
        {
            requests.into_iter().map(|r| self.verify(r)).collect()
        }
    }

    /// Verifies one document once and judges it for each of `relying`
    /// (the request's own relying jurisdiction is ignored). One report per
    /// jurisdiction, in order.
    pub fn verify_for(
        &self,
        request: Request<'_>,
        relying: &[Jurisdiction],
    ) -> Vec<VerificationReport> {
        let at = request.at;
        let expected = request.document_type;
        let unreadable = |why: Finding| -> Vec<VerificationReport> {
            relying
                .iter()
                .map(|r| self.unreadable(*r, expected, at, why.clone()))
                .collect()
        };
        let detached = match &request.content {
            Content::Detached(bytes) => Some(*bytes),
            _ => None,
        };
        let (envelope, checks) = match self.read(request.envelope, request.content) {
            Ok(read) => read,
            Err(why) => return unreadable(why),
        };
        let policies: Vec<JurisdictionPolicy> = relying.iter().map(|r| self.policy(*r)).collect();
        let need_revocation = policies.iter().any(|p| p.revocation_required);
        // Each SignerInfo's time-stamps, read once; their certificates (the
        // TSA's and its chain) join the pool for path building.
        let mut stamps: Vec<Vec<time::Stamp>> = envelope
            .signer_infos()
            .iter()
            .map(time::stamps_of)
            .collect();
        let embedded: Vec<Certificate> = envelope
            .certificates()
            .iter()
            .filter_map(|c| c.certificate().ok().cloned())
            .chain(
                stamps
                    .iter()
                    .flatten()
                    .filter_map(|s| s.token.as_ref().ok())
                    .flat_map(|t| t.envelope().certificates())
                    .filter_map(|c| c.certificate().ok().cloned()),
            )
            .chain(self.intermediates.iter().cloned())
            .collect();
        // CRLs: the caller's, and those the envelope carries (RFC 5652
        // §10.2.1), each distinct encoding once (a CRL repeated is one CRL).
        let mut seen_crls: HashSet<&[u8]> = self.crls.iter().map(Crl::der).collect();
        let crls: Vec<Crl> = self
            .crls
            .iter()
            .cloned()
            .chain(
                envelope
                    .crls()
                    .into_iter()
                    .filter(|d| seen_crls.insert(d))
                    .filter_map(|d| Crl::from_der(d).ok()),
            )
            .collect();
        // OCSP responses: the caller's, and those the envelope carries as
        // RevocationInfoChoice `other` (RFC 5940 §3), each encoding once.
        let mut seen_ocsp: HashSet<&[u8]> = self.ocsp.iter().map(OcspResponse::der).collect();
        let ocsp: Vec<OcspResponse> = self
            .ocsp
            .iter()
            .cloned()
            .chain(
                envelope
                    .ocsp_responses()
                    .into_iter()
                    .filter(|d| seen_ocsp.insert(d))
                    .filter_map(|d| OcspResponse::from_der(d).ok()),
            )
            .collect();
        let fingerprints: HashSet<[u8; 32]> = embedded
            .iter()
            .map(Certificate::fingerprint_sha256)
            .collect();
        let material = Material {
            pool: pool_digest(&fingerprints),
            intermediates: &embedded,
            crls: &crls,
            ocsp: &ocsp,
            sources: common_sources(&policies),
            at,
            need_revocation,
            budget: Cell::new(Budget::per_document()),
            judged: RefCell::new(HashMap::new()),
            judged_past: RefCell::new(HashMap::new()),
            content: detached.or_else(|| envelope.content()),
        };
        let assessed: Vec<Assessed> = checks
            .into_iter()
            .map(|c| {
                let si = envelope.signer_infos().get(c.index).cloned();
                let own = stamps
                    .get_mut(c.index)
                    .map(std::mem::take)
                    .unwrap_or_default();
                self.assess(c, si, own, &material)
            })
            .collect();
        relying
            .iter()
            .zip(&policies)
            .map(|(r, policy)| {
                let mut report =
                    self.judge(*r, policy, request.document_type, &material, &assessed);
                report.deviations = envelope
                    .deviations()
                    .iter()
                    .map(Finding::deviation)
                    .collect();
                report
            })
            .collect()
    }

    fn unreadable(
        &self,
        relying: Jurisdiction,
        document_type: Option<DocumentType>,
        at: Time,
        why: Finding,
    ) -> VerificationReport {
        self.assemble(relying, document_type, at, Vec::new(), vec![why])
    }
}

/// The revocation sources the relying policies agree on; when they differ,
/// the default (CRLs first, either source deciding), under which each
/// policy's own requirement is not yet applied separately.
fn common_sources(policies: &[JurisdictionPolicy]) -> crate::path::RevocationSources {
    match policies.split_first() {
        Some((first, rest))
            if rest
                .iter()
                .all(|p| p.revocation_sources == first.revocation_sources) =>
        {
            first.revocation_sources
        }
        _ => crate::path::RevocationSources::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifier_and_report_can_be_shared_across_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Verifier>();
        shared::<VerificationReport>();
    }
}
