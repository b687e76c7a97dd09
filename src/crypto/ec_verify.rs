//! Elliptic-curve signature verification: ECDSA on P-256 and P-384 (FIPS
//! 186-5, RFC 5758 §3.2) and SM2 with SM3 (GB/T 32918.2, GM/T 0009).

use p256::ecdsa::signature::Verifier;
use p256::ecdsa::signature::hazmat::PrehashVerifier;

use crate::crypto::{HashAlgorithm, NamedCurve};
use crate::error::VerifyError;

/// How an ECDSA signature value is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum EcdsaSignatureFormat {
    /// `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` in DER, as in
    /// X.509 and CMS (RFC 5480 §2.2 / RFC 5758 §3.2). The default.
    #[default]
    Der,
    /// `r ‖ s`, each left-padded to the field size (IEEE P1363, as in JOSE
    /// and some national formats).
    P1363,
}

/// Verifies ECDSA over a prehash of `message` with `hash`. High-S
/// signatures are accepted, as FIPS 186-5 requires; BER or otherwise
/// non-canonical DER signatures are not.
pub(crate) fn verify_ecdsa(
    curve: NamedCurve,
    point: &[u8],
    hash: HashAlgorithm,
    message: &[u8],
    signature: &[u8],
    format: EcdsaSignatureFormat,
    name: &str,
) -> Result<(), VerifyError> {
    let digest = hash.digest_for(message, name)?;
    // One expansion per curve: the `ecdsa` crate's generic bounds are not
    // worth spelling out for four concrete curves.
    macro_rules! ecdsa_on {
        ($curve:ty) => {{
            let key = ecdsa::VerifyingKey::<$curve>::from_sec1_bytes(point).map_err(|_| {
                VerifyError::MalformedKey {
                    reason: format!("not a point on {curve}"),
                }
            })?;
            let sig = match format {
                EcdsaSignatureFormat::Der => ecdsa::Signature::<$curve>::from_der(signature),
                EcdsaSignatureFormat::P1363 => ecdsa::Signature::<$curve>::from_slice(signature),
            }
            .map_err(|e| VerifyError::MalformedSignature {
                algorithm: name.to_owned(),
                reason: e.to_string(),
            })?;
            key.verify_prehash(&digest, &sig)
                .map_err(|_| VerifyError::BadSignature {
                    algorithm: name.to_owned(),
                })
        }};
    }
    match curve {
        NamedCurve::P256 => ecdsa_on!(p256::NistP256),
        NamedCurve::P384 => ecdsa_on!(p384::NistP384),
        // RFC 5639 brainpool curves, as German and ICAO CSCAs use.
        NamedCurve::BrainpoolP256r1 => ecdsa_on!(bp256::BrainpoolP256r1),
        NamedCurve::BrainpoolP384r1 => ecdsa_on!(bp384::BrainpoolP384r1),
        other => Err(VerifyError::UnsupportedAlgorithm {
            oid: other.oid(),
            name: format!("ECDSA on {other}"),
        }),
    }
}

/// Verifies an SM2 signature (GB/T 32918.2 §7) with the SM3 pre-hash
/// `e = SM3(Z_A ‖ M)`, `Z_A` computed from the distinguishing identifier;
/// `without_z` verifies over `e = SM3(M)` instead (a vendor form that
/// departs from GB/T 32918.2 §6.1; the caller reports it).
pub(crate) fn verify_sm2(
    point: &[u8],
    distinguishing_id: &str,
    without_z: bool,
    message: &[u8],
    signature: &[u8],
    format: EcdsaSignatureFormat,
    name: &str,
) -> Result<(), VerifyError> {
    let key = sm2::dsa::VerifyingKey::from_sec1_bytes(distinguishing_id, point).map_err(|_| {
        VerifyError::MalformedKey {
            reason:
                "not a point on the SM2 curve (or the distinguishing ID is longer than 8191 bytes)"
                    .into(),
        }
    })?;
    let sig = match format {
        EcdsaSignatureFormat::Der => sm2::dsa::Signature::from_der(signature),
        EcdsaSignatureFormat::P1363 => sm2::dsa::Signature::from_slice(signature),
    }
    .map_err(|e| VerifyError::MalformedSignature {
        algorithm: name.to_owned(),
        reason: e.to_string(),
    })?;
    let checked = if without_z {
        use sm3::Digest as _;
        key.verify_prehash(&sm3::Sm3::digest(message), &sig)
    } else {
        key.verify(message, &sig)
    };
    checked.map_err(|_| VerifyError::BadSignature {
        algorithm: name.to_owned(),
    })
}
