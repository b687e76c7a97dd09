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
//! the signer's claim, not a proof of existence (EN 319 102-1 §5.6.2.1):
//! certificate validity, anchor listing status and agreements are judged
//! at the validation time. A relying party holding proof that the document
//! existed earlier (a receipt log, a time-stamp) passes that time instead.
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

mod cache;
mod finding;
mod indication;
mod report;
mod signers;

use std::io::Read;
use std::sync::Arc;

pub use cache::CacheStats;
pub use finding::{ALL_CODES, Finding};
pub use indication::{Indication, SubIndication};
pub use report::{
    AgreementStep, IdentifierReport, REPORT_FORMAT, RecognitionReport, RecognitionStatus,
    SignatureReport, SignerReport, ValidityReport, Verdict, VerificationReport,
};

use crate::cert::Certificate;
use crate::crypto::{Verified, Verifiers};
use crate::envelope::{self, Envelope, SignerCheck, SignerInfo};
use crate::path::{AnchorSet, Budget, Crl, RevocationMode, ValidationOptions, VerifiedPath};
use crate::policy::{JurisdictionPolicy, PolicyFinding, SignedAttribute, SignerFacts};
use crate::profile::{self, CheckDigit, ProfileReport, SignerKind};
use crate::registry::{
    AnchorListing, Recognition, RecognitionQuery, Registry, Route, claimed_levels,
};
use crate::{DocumentType, Error, Jurisdiction, PathError, Time};
use cache::{ParsedCache, PathCache, PathKey, pool_digest};
use indication::Outcome;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

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
    policies: Vec<JurisdictionPolicy>,
    crls: Vec<Crl>,
    intermediates: Vec<Certificate>,
    verifiers: Verifiers,
    cache: PathCache,
    parsed: ParsedCache,
    /// How envelopes are read (padding after the ContentInfo tolerated by default).
    read_options: envelope::ReadOptions,
}

/// Paths kept by default (a few hundred bytes to a few KiB each).
const DEFAULT_PATH_CACHE: usize = 4096;

/// What path building works with for one document.
struct Material<'a> {
    /// The envelope's certificates and the caller's intermediates.
    intermediates: &'a [Certificate],
    /// A digest of the set of their fingerprints, for the path cache.
    pool: [u8; 32],
    /// The caller's CRLs and the envelope's.
    crls: &'a [Crl],
    at: Time,
    /// Whether some relying policy requires revocation information.
    need_revocation: bool,
    /// What the document has left to spend ([`Budget::per_document`]): one
    /// budget for all its SignerInfos and countersignatures.
    budget: Cell<Budget>,
    /// Paths already judged in this document, by signer certificate: a
    /// certificate that signs several SignerInfos is judged once.
    judged: RefCell<HashMap<[u8; 32], Judged>>,
}

/// The path outcome of one signer certificate in one document.
#[derive(Clone)]
struct Judged {
    built: Result<VerifiedPath, PathError>,
    revocation_checked: bool,
}

/// The relying-independent assessment of one SignerInfo.
struct Assessed {
    check: SignerCheck,
    signer_info: Option<SignerInfo>,
    profile: Option<ProfileReport>,
    /// The cryptographic and path outcome.
    outcome: Outcome,
    reasons: Vec<Finding>,
    path: Option<VerifiedPath>,
    listing: Option<(Jurisdiction, AnchorListing)>,
    claimed: Vec<String>,
    /// Deviations the verifier (not the envelope) tolerated for this signature.
    deviations: Vec<envelope::Deviation>,
    /// Claims in another vocabulary than the anchor's jurisdiction's (ignored).
    foreign_claims: Vec<String>,
    revocation_checked: bool,
    countersignatures: Vec<Assessed>,
}

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
            registry,
            policies: Vec::new(),
            crls: Vec::new(),
            intermediates: Vec::new(),
            verifiers: Verifiers::builtin(),
            cache: PathCache::new(DEFAULT_PATH_CACHE),
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
        self.parsed = ParsedCache::new(capacity);
        self
    }

    /// Hits, misses and size of the path cache.
    pub fn cache_stats(&self) -> CacheStats {
        self.cache.stats()
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
        let envelope = match Envelope::parse_with(request.envelope, &self.read_options) {
            Ok(e) => e,
            Err(e) => return unreadable(Finding::unreadable("the envelope", &e)),
        };
        // Certificates seen before are not parsed again.
        for embedded in envelope.certificates() {
            if let Some(hash) = crate::HashAlgorithm::Sha256.digest(embedded.der())
                && let Ok(hash) = <[u8; 32]>::try_from(hash.as_slice())
                && let Some(hit) = self.parsed.get(&hash)
            {
                embedded.prime(hit.certificate);
            }
        }
        let checks = match request.content {
            Content::Detached(bytes) => {
                envelope.verify(Some(bytes), &self.verifiers, &self.intermediates)
            }
            Content::Enveloped => envelope.verify(None, &self.verifiers, &self.intermediates),
            Content::Reader(reader) => {
                envelope.verify_reader(reader, &self.verifiers, &self.intermediates)
            }
        };
        let checks = match checks {
            Ok(c) => c,
            Err(e) => return unreadable(Finding::unreadable("the document", &e)),
        };
        let policies: Vec<JurisdictionPolicy> = relying.iter().map(|r| self.policy(*r)).collect();
        let need_revocation = policies.iter().any(|p| p.revocation_required);
        let embedded: Vec<Certificate> = envelope
            .certificates()
            .iter()
            .filter_map(|c| c.certificate().ok().cloned())
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
        let fingerprints: HashSet<[u8; 32]> = embedded
            .iter()
            .map(Certificate::fingerprint_sha256)
            .collect();
        let material = Material {
            pool: pool_digest(&fingerprints),
            intermediates: &embedded,
            crls: &crls,
            at,
            need_revocation,
            budget: Cell::new(Budget::per_document()),
            judged: RefCell::new(HashMap::new()),
        };
        let assessed: Vec<Assessed> = checks
            .into_iter()
            .map(|c| {
                let si = envelope.signer_infos().get(c.index).cloned();
                self.assess(c, si, &material)
            })
            .collect();
        relying
            .iter()
            .zip(&policies)
            .map(|(r, policy)| {
                let mut report = self.judge(*r, policy, request.document_type, at, &assessed);
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

    fn validation_options(&self, m: &Material<'_>, mode: RevocationMode) -> ValidationOptions {
        let mut options = ValidationOptions::new(m.at);
        options.verifiers = self.verifiers.clone();
        if mode != RevocationMode::Off {
            options = options.revocation(mode, m.crls.to_vec());
        }
        options
    }

    /// Cryptography, path, revocation and profile: what does not depend on the relying jurisdiction.
    fn assess(
        &self,
        check: SignerCheck,
        signer_info: Option<SignerInfo>,
        m: &Material<'_>,
    ) -> Assessed {
        let at = m.at;
        let countersignatures = check
            .countersignatures
            .iter()
            .map(|c| self.assess(c.clone(), None, m))
            .collect();
        let profile = check.certificate.as_ref().map(|cert| {
            let fingerprint = cert.fingerprint_sha256();
            match self.parsed.get(&fingerprint).and_then(|p| p.profile) {
                Some(profile) => profile,
                None => {
                    let profile = profile::analyze(cert);
                    self.parsed.insert(cert, Some(&profile));
                    profile
                }
            }
        });
        let mut a = Assessed {
            check,
            signer_info,
            profile,
            outcome: indication::passed(),
            reasons: Vec::new(),
            path: None,
            listing: None,
            claimed: Vec::new(),
            deviations: Vec::new(),
            foreign_claims: Vec::new(),
            revocation_checked: false,
            countersignatures,
        };
        if let Err(e) = &a.check.result {
            a.outcome = indication::of_envelope_error(e);
            a.reasons.push(Finding::envelope(e));
            return a;
        }
        let Some(cert) = a.check.certificate.clone() else {
            return a;
        };
        // EN 319 102-1 §5.2.6: a signing certificate not yet valid at the
        // validation time (never before the accepted signing time) was not
        // valid when the signature was made.
        let validity = cert.validity();
        if at < validity.not_before {
            a.outcome = (Indication::TotalFailed, Some(SubIndication::NotYetValid));
            a.reasons.push(Finding::signer_not_yet_valid(
                &cert.subject().to_string(),
                validity.not_before,
                at,
            ));
            return a;
        }
        let judged = self.judge_path(&cert, m);
        a.revocation_checked = judged.revocation_checked;
        match judged.built {
            Ok(path) => {
                if let Some((j, listing)) = self.registry.listing_for_path(&path) {
                    if let (Some(p), Some(entry)) = (&a.profile, self.registry.jurisdiction(j)) {
                        // RFC 5280 §6.1.5: policy-borne levels only as far as the path carries them.
                        let mut carried = path.user_constrained_policy_set.clone();
                        if j == Jurisdiction::KZ && !carried.contains(&crate::path::ANY_POLICY) {
                            let nca: Vec<crate::Oid> = profile::kz::nca_subscriber_policies(&path)
                                .into_iter()
                                .filter(|o| !carried.contains(o))
                                .collect();
                            if !nca.is_empty() {
                                a.deviations
                                    .push(envelope::Deviation::KzNcaSubscriberPolicies {
                                        policies: nca.iter().map(ToString::to_string).collect(),
                                    });
                                carried.extend(nca);
                            }
                        }
                        let claim = claimed_levels(&p.assurance, entry, listing, &carried);
                        a.claimed = claim.levels;
                        a.foreign_claims = claim.foreign;
                    }
                    a.listing = Some((j, listing.clone()));
                }
                // The CRLs the revocation status rests on, read with a
                // tolerated deviation: reported, like the envelope's.
                for crl in &path.crl_signatures {
                    if crl
                        .deviations
                        .contains(&crate::path::CrlDeviation::SignatureParametersNullVsAbsent)
                    {
                        let d = envelope::Deviation::CrlSignatureParametersNullVsAbsent {
                            issuer: crl.issuer.to_string(),
                        };
                        if !a.deviations.contains(&d) {
                            a.deviations.push(d);
                        }
                    }
                }
                a.path = Some(path);
            }
            Err(e) => {
                a.outcome = indication::of_path_error(&e, &cert.subject().to_string());
                a.reasons.push(Finding::path(&e));
            }
        }
        a
    }

    /// The path of one signer certificate: from this document's earlier
    /// signatures, from the path cache, or built; all charged to the
    /// document's budget alike (a cache hit costs what the search it saves
    /// cost, so the cache never changes what a later signature can afford).
    fn judge_path(&self, cert: &Certificate, m: &Material<'_>) -> Judged {
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

    /// Policy, recognition and the document rule for one relying jurisdiction.
    fn judge(
        &self,
        relying: Jurisdiction,
        policy: &JurisdictionPolicy,
        expected: Option<DocumentType>,
        at: Time,
        assessed: &[Assessed],
    ) -> VerificationReport {
        // Not a jurisdiction of the registry, nor a member of a union in it:
        // there is no law to judge by (a baseline policy would have an empty
        // level vocabulary and refuse with a meaningless minimum level).
        if self.registry.jurisdiction(relying).is_none()
            && self.registry.union_of(relying).is_none()
        {
            let why = Finding::unknown_relying(relying, &self.registry);
            return self.assemble(relying, expected, at, Vec::new(), vec![why]);
        }
        let mut document_findings = Vec::new();
        // The document type: the caller's expectation, else what the envelope declares.
        let mut declared: Vec<DocumentType> = assessed
            .iter()
            .filter_map(|a| a.check.document_type)
            .collect();
        declared.sort();
        declared.dedup();
        let document_type = match (expected, declared.as_slice()) {
            (Some(e), d) => {
                for other in d.iter().filter(|x| **x != e) {
                    document_findings.push(Finding::document_type_mismatch(*other, e));
                }
                Some(e)
            }
            (None, [one]) => Some(*one),
            (None, []) => {
                document_findings.push(Finding::document_type_unknown());
                None
            }
            (None, many) => {
                document_findings.push(Finding::document_types_differ(many));
                None
            }
        };
        let signatures: Vec<SignatureReport> = assessed
            .iter()
            .map(|a| self.signature_report(a, relying, document_type, at, policy))
            .collect();
        if signatures.is_empty() {
            document_findings.push(Finding::no_signature());
        }
        if let Some(d) = document_type {
            // Only the parallel signatures (SignerInfos) fill roles; a
            // countersignature endorses another signature and is not a
            // co-signer of the document (RFC 5652 §11.4).
            let identities = signers::identities(
                &assessed
                    .iter()
                    .map(|a| {
                        (
                            a.check.certificate.as_ref(),
                            a.profile.as_ref().map(|p| &p.identity),
                        )
                    })
                    .collect::<Vec<_>>(),
            );
            let facts: Vec<SignerFacts> = signatures
                .iter()
                .zip(identities)
                .filter(|(s, _)| s.validity.indication == Indication::TotalPassed)
                .map(|(s, identity)| SignerFacts {
                    level: s.recognition.level.clone(),
                    roles: s.roles.clone(),
                    identity,
                })
                .collect();
            document_findings.extend(
                policy
                    .check_document(d, &facts, &self.vocabulary(relying))
                    .iter()
                    .map(Finding::document_rule),
            );
        }
        self.assemble(relying, document_type, at, signatures, document_findings)
    }

    /// The report, with the verdict drawn from the signatures and findings.
    fn assemble(
        &self,
        relying: Jurisdiction,
        document_type: Option<DocumentType>,
        at: Time,
        signatures: Vec<SignatureReport>,
        document_findings: Vec<Finding>,
    ) -> VerificationReport {
        let mut reasons = Vec::new();
        for s in &signatures {
            collect_reasons(s, "signature", &mut reasons);
        }
        reasons.extend(document_findings.iter().cloned());
        VerificationReport {
            format: REPORT_FORMAT.to_owned(),
            registry_label: self.registry.label().to_owned(),
            registry_snapshot: self.snapshot.clone(),
            relying: relying.to_string(),
            document_type: document_type.map(|d| d.0),
            validation_time: at.to_string(),
            signatures,
            document_findings: document_findings
                .iter()
                .map(|f| f.message.clone())
                .collect(),
            document_coded_findings: document_findings,
            deviations: Vec::new(),
            verdict: Verdict {
                accepted: reasons.is_empty(),
                reasons: reasons.iter().map(|f| f.message.clone()).collect(),
                findings: reasons,
            },
        }
    }

    fn signature_report(
        &self,
        a: &Assessed,
        relying: Jurisdiction,
        document_type: Option<DocumentType>,
        at: Time,
        policy: &JurisdictionPolicy,
    ) -> SignatureReport {
        let mut outcome = a.outcome;
        let mut reasons = a.reasons.clone();
        let verified: Option<&Verified> = a.check.result.as_ref().ok();
        // The relying policy's constraints, only on what passed so far.
        if outcome.0 == Indication::TotalPassed
            && let (Some(v), Some(cert)) = (verified, &a.check.certificate)
        {
            let mut findings = policy.check_algorithm(&v.algorithm, &v.key, at);
            findings.extend(policy.check_key_usage(cert));
            findings.extend(policy.check_extended_key_usage(cert));
            if let Some(si) = &a.signer_info {
                findings.extend(policy.check_signed_attributes(&present_attributes(si)));
            }
            if let Some(path) = &a.path {
                findings.extend(policy.check_path(path.certificates.len(), a.revocation_checked));
                // A rule the signature itself already breaks is named once.
                let chain: Vec<PolicyFinding> = policy
                    .check_path_algorithms(path, at)
                    .into_iter()
                    .filter(|f| {
                        !matches!(f, PolicyFinding::PathAlgorithm { finding, .. } if findings.contains(finding))
                    })
                    .collect();
                findings.extend(chain);
            }
            if let Some(t) = a.check.signing_time {
                findings.extend(policy.check_signing_time(t, at));
            }
            if let Some(first) = findings.first() {
                outcome = indication::of_policy_finding(first);
            }
            reasons.extend(
                findings
                    .iter()
                    .map(|f| Finding::policy(f, policy.jurisdiction)),
            );
        }
        let recognition = match (&a.listing, document_type, &a.check.result) {
            (_, _, Err(_)) => {
                RecognitionReport::not_assessed(Finding::not_assessed_signature_invalid())
            }
            (None, _, _) => RecognitionReport::not_assessed(Finding::not_assessed_no_anchor()),
            (_, None, _) => {
                RecognitionReport::not_assessed(Finding::not_assessed_document_type_unknown())
            }
            (Some((_, listing)), Some(d), Ok(_)) => {
                recognition_report(self.registry.recognise(&RecognitionQuery {
                    relying,
                    document_type: d,
                    at,
                    anchor_id: listing.id.clone(),
                    claimed_levels: a.claimed.clone(),
                }))
            }
        };
        let roles = match (&a.check.certificate, &a.profile) {
            (Some(cert), Some(p)) => policy.roles_of(
                cert,
                &p.identity,
                a.listing.as_ref().map(|(_, l)| l.service.as_str()),
                // No path, no policy-marked role (RFC 5280 §6.1.5).
                Some(
                    a.path
                        .as_ref()
                        .map(|path| path.user_constrained_policy_set.as_slice())
                        .unwrap_or_default(),
                ),
            ),
            _ => Vec::new(),
        };
        SignatureReport {
            index: a.check.index,
            signer: signer_report(a),
            signing_time: a.check.signing_time.map(|t| t.to_string()),
            declared_document_type: a.check.document_type.map(|d| d.0),
            signature_algorithm: verified.map(|v| v.algorithm.name()).or_else(|| {
                a.signer_info.as_ref().map(|si| {
                    crate::crypto::SignatureAlgorithm::from_identifier(si.signature_algorithm())
                        .name()
                })
            }),
            validity: ValidityReport {
                indication: outcome.0,
                sub_indication: outcome.1,
                reasons: reasons.iter().map(|f| f.message.clone()).collect(),
                findings: reasons,
                path: a
                    .path
                    .as_ref()
                    .map(|p| {
                        p.certificates
                            .iter()
                            .map(|c| c.certificate.subject().to_string())
                            .collect()
                    })
                    .unwrap_or_default(),
                anchor: a.listing.as_ref().map(|(_, l)| l.id.clone()),
            },
            recognition,
            roles,
            countersignatures: a
                .countersignatures
                .iter()
                .map(|c| self.signature_report(c, relying, document_type, at, policy))
                .collect(),
            deviations: a
                .check
                .deviations
                .iter()
                .chain(&a.deviations)
                .map(Finding::deviation)
                .collect(),
        }
    }
}

fn collect_reasons(s: &SignatureReport, what: &str, out: &mut Vec<Finding>) {
    let who = &s.signer.subject;
    let n = s.index + 1;
    if s.validity.indication != Indication::TotalPassed {
        out.push(Finding::not_valid(
            what == "countersignature",
            n,
            who,
            s.validity.indication,
            s.validity.sub_indication,
            &s.validity.findings,
        ));
    } else if what == "signature" && s.recognition.status != RecognitionStatus::Recognised {
        out.push(Finding::not_recognised_signature(
            n,
            who,
            &s.recognition.reasons,
            &s.recognition.findings,
        ));
    }
    for c in &s.countersignatures {
        collect_reasons(c, "countersignature", out);
    }
}

/// The CAdES signed attributes present, for the policy check.
fn present_attributes(si: &SignerInfo) -> Vec<SignedAttribute> {
    let Some(attrs) = si.signed_attributes() else {
        return Vec::new();
    };
    attrs
        .iter()
        .filter_map(|a| {
            let oid = a.oid();
            Some(if *oid == envelope::CONTENT_TYPE {
                SignedAttribute::ContentType
            } else if *oid == envelope::MESSAGE_DIGEST {
                SignedAttribute::MessageDigest
            } else if *oid == envelope::SIGNING_TIME {
                SignedAttribute::SigningTime
            } else if *oid == envelope::SIGNING_CERTIFICATE_V2 {
                SignedAttribute::SigningCertificateV2
            } else if *oid == envelope::CONTENT_HINTS {
                SignedAttribute::ContentHints
            } else if *oid == envelope::COMMITMENT_TYPE_INDICATION {
                SignedAttribute::CommitmentTypeIndication
            } else if *oid == envelope::SIGNATURE_POLICY_IDENTIFIER {
                SignedAttribute::SignaturePolicyIdentifier
            } else {
                return None;
            })
        })
        .collect()
}

fn kind_name(k: SignerKind) -> &'static str {
    match k {
        SignerKind::NaturalPerson => "natural person",
        SignerKind::LegalEntity => "legal entity",
        SignerKind::Representative => "representative of a legal entity",
        SignerKind::CertificationAuthority => "certification authority",
        SignerKind::Unknown => "unknown",
    }
}

fn check_name(c: &CheckDigit) -> String {
    match c {
        CheckDigit::Valid => "valid",
        CheckDigit::Invalid => "invalid",
        CheckDigit::NotDefined => "not-defined",
    }
    .to_owned()
}

fn signer_report(a: &Assessed) -> SignerReport {
    let cert = a.check.certificate.as_ref();
    let subject = match (cert, &a.check.signer) {
        (Some(c), _) => c.subject().to_string(),
        (None, Some(sid)) => format!("unknown signer ({sid})"),
        (None, None) => "unreadable SignerInfo".to_owned(),
    };
    let jurisdiction = a.listing.as_ref().map(|(j, _)| j.to_string()).or_else(|| {
        a.profile
            .as_ref()
            .and_then(|p| p.jurisdiction)
            .map(|j| j.to_string())
    });
    SignerReport {
        subject,
        jurisdiction,
        profile: a.profile.as_ref().map(|p| p.profile.to_owned()),
        kind: a
            .profile
            .as_ref()
            .map(|p| kind_name(p.identity.kind).to_owned()),
        identifiers: a
            .profile
            .as_ref()
            .map(|p| {
                p.identity
                    .identifiers
                    .iter()
                    .map(|i| IdentifierReport {
                        scheme: i.scheme.to_string(),
                        value: i.value.clone(),
                        check: check_name(&i.check),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        claimed_levels: a.claimed.clone(),
        foreign_claims: a.foreign_claims.clone(),
        certificate_sha256: cert.map(Certificate::fingerprint_hex),
    }
}

fn recognition_report(r: Recognition) -> RecognitionReport {
    match r {
        Recognition::Recognised(ok) => {
            let (route, agreements) = match ok.route {
                Route::Domestic => ("domestic", Vec::new()),
                Route::Agreements(steps) => (
                    "agreement",
                    steps
                        .into_iter()
                        .map(|s| AgreementStep {
                            agreement: s.agreement,
                            legal_reference: s.legal_reference,
                            from_level: s.from_level,
                            to_level: s.to_level,
                        })
                        .collect(),
                ),
            };
            RecognitionReport {
                status: RecognitionStatus::Recognised,
                level: Some(ok.level),
                scheme: Some(ok.scheme.to_string()),
                issuing: Some(ok.issuing.to_string()),
                issuing_level: Some(ok.issuing_level),
                anchor: Some(ok.anchor_id),
                route: Some(route.to_owned()),
                agreements,
                reasons: Vec::new(),
                findings: Vec::new(),
            }
        }
        Recognition::NotRecognised(reasons) => RecognitionReport::without(
            RecognitionStatus::NotRecognised,
            reasons.iter().map(Finding::not_recognised).collect(),
        ),
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
