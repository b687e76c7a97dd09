//! Validity in the words of ETSI EN 319 102-1 §5.1.3 (Table 5): an
//! indication and, unless it passed, a sub-indication — and the mapping
//! from sigbridge's typed errors and policy findings onto them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::policy::PolicyFinding;
use crate::{EnvelopeError, PathError, VerifyError};

/// The main indication (EN 319 102-1 §5.1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Indication {
    /// Every check passed.
    TotalPassed,
    /// A check failed for good: the signature is not valid.
    TotalFailed,
    /// The checks could not conclude (missing data, unsupported algorithm,
    /// constraint not met).
    Indeterminate,
}

impl fmt::Display for Indication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Indication::TotalPassed => "TOTAL_PASSED",
            Indication::TotalFailed => "TOTAL_FAILED",
            Indication::Indeterminate => "INDETERMINATE",
        })
    }
}

/// The sub-indications sigbridge produces (EN 319 102-1 §5.1.3 Table 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum SubIndication {
    /// TOTAL_FAILED: the envelope or a signed attribute is not well formed.
    FormatFailure,
    /// TOTAL_FAILED: the signed data's digest does not match (content changed).
    HashFailure,
    /// TOTAL_FAILED: the signature value does not verify under the signer's key.
    SigCryptoFailure,
    /// TOTAL_FAILED: the signer's certificate was revoked before the signing time.
    Revoked,
    /// TOTAL_FAILED: the signature claims a time before the certificate's validity.
    NotYetValid,
    /// INDETERMINATE: the signature does not meet the relying policy's signature constraints.
    SigConstraintsFailure,
    /// INDETERMINATE: the chain does not meet the policy's or RFC 5280's constraints.
    ChainConstraintsFailure,
    /// INDETERMINATE: the chain could not be processed (e.g. an invalid CA signature).
    CertificateChainGeneralFailure,
    /// INDETERMINATE: an algorithm is unsupported, or not accepted at the time.
    CryptoConstraintsFailure,
    /// INDETERMINATE: the signer's certificate could not be identified.
    NoSigningCertificateFound,
    /// INDETERMINATE: no path to a trust anchor of the registry.
    NoCertificateChainFound,
    /// INDETERMINATE: the signer's certificate is revoked and nothing proves
    /// the signature existed before.
    RevokedNoPoe,
    /// INDETERMINATE: a CA certificate of the path is revoked, with no proof of existence.
    RevokedCaNoPoe,
    /// INDETERMINATE: the validation time is outside the certificate's
    /// validity and nothing proves the signature existed while it was valid.
    OutOfBoundsNoPoe,
    /// INDETERMINATE: revocation status could not be established; try again with fresh data.
    TryLater,
    /// INDETERMINATE: the validation time is outside the signing
    /// certificate's validity, nothing proves the signature existed while it
    /// was valid, but the certificate is known not to have been revoked (a
    /// CRL keeping expired certificates, expiredCertsOnCRL, does not list it).
    OutOfBoundsNotRevoked,
    /// INDETERMINATE: an algorithm the signature or its chain uses is no
    /// longer accepted (its sunset passed), and nothing proves the signature
    /// existed before the sunset.
    CryptoConstraintsFailureNoPoe,
    /// INDETERMINATE: the time-stamps are not in a coherent order (a
    /// content-time-stamp later than a signature-time-stamp, EN 319 102-1 §5.5.4).
    TimestampOrderFailure,
    /// INDETERMINATE: a proof of existence (a recognised signature-time-stamp)
    /// is required and missing.
    NoPoe,
}

impl fmt::Display for SubIndication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        f.write_str(&s)
    }
}

/// An indication with its sub-indication (none when passed).
pub(crate) type Outcome = (Indication, Option<SubIndication>);

const PASSED: Outcome = (Indication::TotalPassed, None);

fn failed(s: SubIndication) -> Outcome {
    (Indication::TotalFailed, Some(s))
}

fn indeterminate(s: SubIndication) -> Outcome {
    (Indication::Indeterminate, Some(s))
}

/// The verdict for a failed cryptographic check of a SignerInfo.
pub(crate) fn of_envelope_error(e: &EnvelopeError) -> Outcome {
    use SubIndication as S;
    match e {
        EnvelopeError::DigestMismatch { .. } => failed(S::HashFailure),
        EnvelopeError::Signature { source, .. } => match source {
            VerifyError::BadSignature { .. } => failed(S::SigCryptoFailure),
            VerifyError::UnsupportedAlgorithm { .. } | VerifyError::BadParameters { .. } => {
                indeterminate(S::CryptoConstraintsFailure)
            }
            VerifyError::KeyMismatch { .. } => failed(S::SigCryptoFailure),
            _ => failed(S::FormatFailure),
        },
        EnvelopeError::UnsupportedDigest { .. } => indeterminate(S::CryptoConstraintsFailure),
        // EN 319 102-1 §5.2.3: the signing certificate cannot be identified.
        EnvelopeError::SignerCertificateNotFound { .. }
        | EnvelopeError::SignerCertificateUnreadable { .. }
        | EnvelopeError::SigningCertificateMismatch { .. } => {
            indeterminate(S::NoSigningCertificateFound)
        }
        EnvelopeError::ContentNeededInMemory { .. } => indeterminate(S::TryLater),
        _ => failed(S::FormatFailure),
    }
}

/// The verdict for a path that could not be built or validated. Without a
/// proof of existence (CAdES-B-B carries none; the signing-time attribute is
/// a claim), time-related failures are INDETERMINATE (EN 319 102-1 §5.2.6).
pub(crate) fn of_path_error(e: &PathError, target_subject: &str) -> Outcome {
    use SubIndication as S;
    match e {
        PathError::UnknownIssuer { .. } => indeterminate(S::NoCertificateChainFound),
        PathError::Expired { .. } => indeterminate(S::OutOfBoundsNoPoe),
        // The validation time is never before the signing time the policy
        // accepts, so a certificate not yet valid then was not valid when signing.
        PathError::NotYetValid { subject, .. } if subject == target_subject => {
            failed(S::NotYetValid)
        }
        PathError::NotYetValid { .. } => indeterminate(S::OutOfBoundsNoPoe),
        PathError::Revoked { subject, .. } if subject == target_subject => {
            indeterminate(S::RevokedNoPoe)
        }
        PathError::Revoked { .. } => indeterminate(S::RevokedCaNoPoe),
        PathError::RevocationUnknown { .. } => indeterminate(S::TryLater),
        PathError::WeakSignature { .. } => indeterminate(S::CryptoConstraintsFailure),
        PathError::Signature { .. }
        | PathError::BudgetExceeded { .. }
        | PathError::Malformed { .. } => indeterminate(S::CertificateChainGeneralFailure),
        _ => indeterminate(S::ChainConstraintsFailure),
    }
}

/// The verdict for a relying policy finding about one signature.
pub(crate) fn of_policy_finding(f: &PolicyFinding) -> Outcome {
    use SubIndication as S;
    match f {
        // EN 319 102-1 §5.2.8 / Table 5: an algorithm that was reliable and
        // is no longer (its sunset passed) leaves room for a proof of
        // existence before the sunset: CRYPTO_CONSTRAINTS_FAILURE_NO_POE.
        PolicyFinding::AlgorithmSunset { .. } | PolicyFinding::DigestSunset { .. } => {
            indeterminate(S::CryptoConstraintsFailureNoPoe)
        }
        // The cryptographic constraints cover the certificates of the chain
        // as well as the signature.
        PolicyFinding::PathAlgorithm { finding, .. } => match of_policy_finding(finding) {
            (Indication::Indeterminate, Some(S::CryptoConstraintsFailureNoPoe)) => {
                indeterminate(S::CryptoConstraintsFailureNoPoe)
            }
            _ => indeterminate(S::CryptoConstraintsFailure),
        },
        PolicyFinding::AlgorithmNotAccepted { .. }
        | PolicyFinding::KeyTooSmall { .. }
        | PolicyFinding::DigestNotAccepted { .. } => indeterminate(S::CryptoConstraintsFailure),
        // EN 319 102-1 §5.2.6: the signing certificate does not meet the
        // X.509 validation constraints (key usage, extended key usage, path
        // length): INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE. Not TOTAL_FAILED:
        // §5.1.3 keeps that for a signature proven invalid (format, hash,
        // signature value, revocation or expiry before the signing time).
        PolicyFinding::KeyUsageMissing { .. }
        | PolicyFinding::ExtendedKeyUsageNotForSigning { .. }
        | PolicyFinding::PathTooDeep { .. } => indeterminate(S::ChainConstraintsFailure),
        PolicyFinding::RevocationNotChecked => indeterminate(S::TryLater),
        // A time-stamp the relying policy requires for the document type is
        // missing (or none it accepts): no proof of existence.
        PolicyFinding::TimestampRequired { .. } => indeterminate(S::NoPoe),
        _ => indeterminate(S::SigConstraintsFailure),
    }
}

pub(crate) fn passed() -> Outcome {
    PASSED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_etsi_tokens() {
        assert_eq!(Indication::TotalPassed.to_string(), "TOTAL_PASSED");
        assert_eq!(
            SubIndication::NoCertificateChainFound.to_string(),
            "NO_CERTIFICATE_CHAIN_FOUND"
        );
        assert_eq!(
            serde_json::to_string(&SubIndication::OutOfBoundsNoPoe).unwrap(),
            "\"OUT_OF_BOUNDS_NO_POE\""
        );
    }
}
