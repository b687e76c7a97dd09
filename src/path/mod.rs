//! Certification paths: bounded path building and RFC 5280 §6.1 validation.
//!
//! Revocation comes from CRLs and OCSP responses the caller supplies
//! ([`RevocationMode`], [`RevocationSources`]); the library never fetches
//! anything.

mod anchor;
mod anchor_set;
mod budget;
mod build;
mod crl;
mod name_constraints;
mod ocsp;
mod policy;
mod revocation;
mod validate;

pub use anchor::TrustAnchor;
pub use anchor_set::AnchorSet;
pub use budget::Budget;
#[allow(unused_imports)]
pub(crate) use build::build_path_charged;
pub use build::{build_path, build_path_in};
pub use crl::{Crl, CrlDeviation, IssuingDistributionPoint, RevokedCertificate};
pub use ocsp::{
    CertId, CertStatus, ID_KP_OCSP_SIGNING, ID_PKIX_OCSP_BASIC, ID_PKIX_OCSP_NOCHECK,
    ID_PKIX_OCSP_NONCE, ID_RI_OCSP_RESPONSE, OcspResponse, OcspResponseStatus, ResponderId,
    ResponderProblem, SingleResponse,
};
/// anyPolicy (RFC 5280 §4.2.1.4), for the modules that read a path's policy set.
pub(crate) use policy::ANY_POLICY;
pub use revocation::{RequiredSource, RevocationMode, RevocationSource, RevocationSources};

use crate::cert::Certificate;
use crate::crypto::Verifiers;
use crate::{Oid, Time};

/// The inputs of RFC 5280 §6.1.1 besides the path itself.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ValidationOptions {
    /// The validation time (§6.1.1 (b)).
    pub at: Time,
    /// user-initial-policy-set (§6.1.1 (c)); `[anyPolicy]` by default.
    pub initial_policy_set: Vec<Oid>,
    /// initial-explicit-policy (§6.1.1 (g)).
    pub initial_explicit_policy: bool,
    /// initial-policy-mapping-inhibit (§6.1.1 (e)).
    pub initial_policy_mapping_inhibit: bool,
    /// initial-any-policy-inhibit (§6.1.1 (f)).
    pub initial_any_policy_inhibit: bool,
    /// Whether a trust anchor's own certificate must be within its validity
    /// period (off by default: an anchor is a name and a key, RFC 5914).
    pub enforce_anchor_validity: bool,
    /// Work limits.
    pub budget: Budget,
    /// The signature verifiers (the built-in backend by default).
    pub verifiers: Verifiers,
    /// Whether signatures with a broken hash (SHA-1, MD5) are accepted in
    /// the path (off by default: they verify, and are then refused).
    pub allow_weak_signatures: bool,
    /// Whether revocation is checked (off by default).
    pub revocation: RevocationMode,
    /// The CRLs available for revocation checking.
    pub crls: Vec<Crl>,
    /// The time of the validation itself, when `at` is an earlier time that
    /// a proof of existence vouches for (EN 319 102-1 §5.5.4, validation of a
    /// signature at its best-signature-time). Certificates are then judged at
    /// `at`; a CRL may decide when it was issued no later than this time and
    /// is current at or after `at`; and a revocation counts only if it took
    /// effect at or before `at` ([`RevokedCertificate::effective_date`]).
    /// `None` (the default): `at` is the validation time and every listed
    /// revocation counts.
    ///
    /// [`RevokedCertificate::effective_date`]: crate::path::RevokedCertificate::effective_date
    pub validation_time: Option<Time>,
    /// The OCSP responses available for revocation checking (RFC 6960).
    pub ocsp: Vec<OcspResponse>,
    /// Which revocation source is tried first and which must decide
    /// ([`RevocationSources`]; by default CRLs first, either may decide).
    pub revocation_sources: RevocationSources,
    /// How old an OCSP response without nextUpdate may be at the time
    /// judged (RFC 6960 §4.2.2.1: without nextUpdate, newer information is
    /// always available, §2.4, so the relying party bounds the age itself).
    /// [`DEFAULT_OCSP_MAX_AGE`] by default.
    pub ocsp_max_age: std::time::Duration,
}

/// The default [`ValidationOptions::ocsp_max_age`]: one day, the usual
/// update interval of OCSP responders that pre-produce responses (RFC 5019
/// §6 gives an example of a few days at most; a day keeps a response
/// without nextUpdate from standing in for a missing fresh one).
pub const DEFAULT_OCSP_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(86_400);

impl ValidationOptions {
    /// Defaults of RFC 5280 / PKITS at the given time.
    pub fn new(at: Time) -> ValidationOptions {
        ValidationOptions {
            at,
            initial_policy_set: vec![policy::ANY_POLICY],
            initial_explicit_policy: false,
            initial_policy_mapping_inhibit: false,
            initial_any_policy_inhibit: false,
            enforce_anchor_validity: false,
            budget: Budget::default(),
            verifiers: Verifiers::builtin(),
            allow_weak_signatures: false,
            revocation: RevocationMode::Off,
            crls: Vec::new(),
            validation_time: None,
            ocsp: Vec::new(),
            revocation_sources: RevocationSources::default(),
            ocsp_max_age: DEFAULT_OCSP_MAX_AGE,
        }
    }

    /// Judges certificates at `proven`, an earlier time a proof of existence
    /// vouches for, in a validation made at `now`
    /// ([`ValidationOptions::validation_time`]).
    pub fn at_proven_time(mut self, proven: Time, now: Time) -> ValidationOptions {
        self.at = proven;
        self.validation_time = (proven < now).then_some(now);
        self
    }

    /// Accepts SHA-1 / MD5 signatures in the path (for legacy roots' links).
    pub fn allow_weak_signatures(mut self, allow: bool) -> ValidationOptions {
        self.allow_weak_signatures = allow;
        self
    }

    /// Checks revocation with these CRLs.
    pub fn revocation(mut self, mode: RevocationMode, crls: Vec<Crl>) -> ValidationOptions {
        self.revocation = mode;
        self.crls = crls;
        self
    }

    /// Checks revocation with these OCSP responses as well (RFC 6960), in
    /// the mode set by [`ValidationOptions::revocation`].
    pub fn ocsp_responses(mut self, responses: Vec<OcspResponse>) -> ValidationOptions {
        self.ocsp = responses;
        self
    }

    /// Sets which revocation source is preferred and which is required.
    pub fn revocation_sources(mut self, sources: RevocationSources) -> ValidationOptions {
        self.revocation_sources = sources;
        self
    }

    /// Sets the maximum age of an OCSP response without nextUpdate.
    pub fn ocsp_max_age(mut self, max_age: std::time::Duration) -> ValidationOptions {
        self.ocsp_max_age = max_age;
        self
    }

    /// Sets the user-initial-policy-set.
    pub fn initial_policy_set(mut self, policies: Vec<Oid>) -> ValidationOptions {
        self.initial_policy_set = policies;
        self
    }

    /// Sets initial-explicit-policy.
    pub fn explicit_policy(mut self, on: bool) -> ValidationOptions {
        self.initial_explicit_policy = on;
        self
    }

    /// Sets initial-policy-mapping-inhibit.
    pub fn policy_mapping_inhibit(mut self, on: bool) -> ValidationOptions {
        self.initial_policy_mapping_inhibit = on;
        self
    }

    /// Sets initial-any-policy-inhibit.
    pub fn any_policy_inhibit(mut self, on: bool) -> ValidationOptions {
        self.initial_any_policy_inhibit = on;
        self
    }

    /// Sets the verifiers (to plug in GOST and other backends).
    pub fn verifiers(mut self, verifiers: Verifiers) -> ValidationOptions {
        self.verifiers = verifiers;
        self
    }

    /// Sets the budget.
    pub fn budget(mut self, budget: Budget) -> ValidationOptions {
        self.budget = budget;
        self
    }
}

/// The role of a certificate in a verified path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Role {
    /// The certificate the path was built for (the signer).
    Target,
    /// An intermediate CA.
    Intermediate,
}

/// One certificate of a verified path with its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathCertificate {
    /// The certificate.
    pub certificate: Certificate,
    /// Its role.
    pub role: Role,
}

/// A valid certification path.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedPath {
    /// The target first, then each issuer up to the one the anchor issued.
    pub certificates: Vec<PathCertificate>,
    /// The trust anchor the path ends at.
    pub anchor: TrustAnchor,
    /// The user-constrained-policy-set (RFC 5280 §6.1.5 (g), in the
    /// anchor's policy domain); `[anyPolicy]` when unconstrained, empty when
    /// no policy applies and none was required.
    pub user_constrained_policy_set: Vec<Oid>,
    /// The signatures of the CRLs that decided the path's revocation status
    /// (empty when revocation was not checked), so that a relying policy's
    /// algorithm rules reach them too (EN 319 102-1 §5.2.8).
    pub crl_signatures: Vec<CrlSignature>,
}

/// One signature a revocation decision rested on: a CRL's, or one on the
/// path of the separate certificate that signed a CRL.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CrlSignature {
    /// Who made the signature: the CRL's issuer, or the issuer of a CRL
    /// signer's path certificate.
    pub issuer: crate::DistinguishedName,
    /// The signature algorithm.
    pub algorithm: crate::crypto::SignatureAlgorithm,
    /// The algorithm of the key that verified it.
    pub key: crate::crypto::KeyAlgorithm,
    /// For a CRL's own signature, the departures the CRL was read with
    /// ([`Crl::deviations`]); empty for the links of a CRL signer's path.
    pub deviations: Vec<CrlDeviation>,
}

/// Checks the revocation status of every certificate of an already
/// validated path with `options.crls` and `options.ocsp` in
/// `options.revocation` mode (RFC 5280 §6.3, RFC 6960), as [`build_path`]
/// does; `pool` serves to validate separate CRL issuers, whose paths must
/// end at the path's own anchor (§6.3.3 (f)), and to find delegated OCSP
/// responders. Used to ask again, with a stricter mode, about a path found once.
///
/// # Errors
/// [`crate::PathError::Revoked`], or [`crate::PathError::RevocationUnknown`] in `Required` mode.
pub fn check_revocation(
    path: &VerifiedPath,
    pool: &[Certificate],
    options: &ValidationOptions,
) -> Result<(), crate::PathError> {
    let mut budget = options.budget;
    check_revocation_charged(path, pool, options, &mut budget)
}

/// [`check_revocation`] charging `budget` (what one document has left).
pub(crate) fn check_revocation_charged(
    path: &VerifiedPath,
    pool: &[Certificate],
    options: &ValidationOptions,
    budget: &mut Budget,
) -> Result<(), crate::PathError> {
    let pool: Vec<&Certificate> = pool.iter().collect();
    let ctx = revocation::Context {
        options,
        pool: &pool,
        nesting: 0,
    };
    revocation::check_path(path, &ctx, budget).map(|_| ())
}

/// What an OCSP response says about `cert`, issued by `issuer`, once it is
/// shown to be entitled to say it: the SingleResponse whose CertID names
/// the certificate (any hash the response uses, RFC 6960 §4.1.1), current
/// under `options` (producedAt and thisUpdate no later than the validation
/// time, nextUpdate not passed, or thisUpdate within
/// [`ValidationOptions::ocsp_max_age`]; §4.2.2.1), signed by `issuer` or
/// by a delegated responder certificate issued by it with
/// id-kp-OCSPSigning, valid at producedAt, whose own status is checked
/// with `options.crls` / `options.ocsp` unless it carries
/// id-pkix-ocsp-nocheck (§4.2.2.2, §4.2.2.2.1). `pool` holds responder
/// certificates the response does not carry.
///
/// The status is returned as the response gives it; how a revocation
/// after a proven earlier time counts is the path check's business
/// ([`ValidationOptions::validation_time`]).
///
/// # Errors
/// The [`OcspError`](crate::OcspError) that makes the response unusable.
pub fn check_ocsp(
    response: &OcspResponse,
    cert: &Certificate,
    issuer: &Certificate,
    pool: &[Certificate],
    options: &ValidationOptions,
) -> Result<SingleResponse, crate::OcspError> {
    let key = issuer
        .public_key_info()
        .map_err(|_| crate::OcspError::Signature {
            responder: issuer.subject().to_string(),
        })?;
    let anchor = TrustAnchor::new(issuer.subject().clone(), key.clone());
    let pool: Vec<&Certificate> = pool.iter().collect();
    let mut budget = options.budget;
    revocation::check_ocsp(
        response,
        cert,
        issuer,
        &key,
        &anchor,
        &pool,
        options,
        &mut budget,
    )
}

/// Validates a given path (target first) against an anchor, without
/// searching for alternatives.
pub fn validate_path(
    path: &[Certificate],
    anchor: &TrustAnchor,
    options: &ValidationOptions,
) -> Result<VerifiedPath, crate::PathError> {
    let mut budget = options.budget;
    validate::validate(
        path,
        anchor,
        options,
        &mut budget,
        &validate::VerifiedLinks::default(),
    )
}
