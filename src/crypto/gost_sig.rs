//! GOST R 34.10 in certificates, CRLs and CMS: how keys, digests and
//! signature values are written, for the Russian (RFC 4491, RFC 9215) and the
//! Kazakh (NCA RK) families; the arithmetic is in [`super::gost`].
//!
//! | | Russian (RFC 4491 / RFC 9215) | Kazakh (NCA RK) |
//! |---|---|---|
//! | key | BIT STRING ⊃ OCTET STRING `LE(X) ‖ LE(Y)` (RFC 4491 §2.3.2, RFC 9215 §4.3) | the same |
//! | key parameters | `SEQUENCE { curve OID, digest OID?, cipher OID? }` | the same, KZ OIDs |
//! | digest as integer | the hash bytes read little-endian (RFC 4491 §2.2.2 with RFC 7091 §6.1) | the same |
//! | signature value | `BE(s) ‖ BE(r)` (RFC 4491 §2.2.2, RFC 9215 §3.1) | `LE(r) ‖ LE(s)`: the byte reversal |
//!
//! The Kazakh layout was established by verifying the NCA's real GOST
//! certificates (its production root of 2015 and the 2022 test PKI); the
//! tests in `tests/gost_real.rs` pin it.

use crate::crypto::gost::{GostCurve, GostError, GostPublicKey};
use crate::crypto::{GostParams, HashAlgorithm, KeyAlgorithm, SignatureAlgorithm};
use crate::error::VerifyError;

/// The byte layout of a signature value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// RFC 4491 §2.2.2 / RFC 9215 §3.1: `BE(s) ‖ BE(r)`.
    SThenRBigEndian,
    /// NCA RK: `LE(r) ‖ LE(s)`.
    RThenSLittleEndian,
}

/// What a GOST-family key says: its curve and the digest its signatures use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeyFacts {
    pub(crate) curve: GostCurve,
    pub(crate) layout: Layout,
}

/// id-GostR3411-94-TestParamSet (RFC 4357 §10.2) and the Kazakh
/// GOST 34.311-95 parameter set, which is the same S-box.
const GOST94_TEST_SBOX: [&str; 2] = ["1.2.643.2.2.30.0", "1.2.398.3.10.1.3.1.1.0"];

/// The parameter set of a GOST key, or why it cannot be used.
fn curve_of(params: &GostParams, family: &str) -> Result<GostCurve, VerifyError> {
    let oid = params
        .key_param_set
        .ok_or_else(|| VerifyError::MalformedKey {
            reason: format!(
                "the {family} key names no parameter set (RFC 4491 §2.3.1 requires publicKeyParamSet); \
                 a key that inherits its issuer's parameters cannot be checked"
            ),
        })?;
    GostCurve::from_oid(&oid).ok_or_else(|| VerifyError::UnsupportedAlgorithm {
        oid,
        name: format!("{family} on the unknown parameter set {oid}"),
    })
}

/// Curve and layout of a GOST-family key; `None` for other keys.
pub(crate) fn key_facts(key: &KeyAlgorithm) -> Option<Result<KeyFacts, VerifyError>> {
    let (params, family, layout, bits) = match key {
        KeyAlgorithm::GostR3410_2001 { params } => {
            (params, "GOST R 34.10-2001", Layout::SThenRBigEndian, 256)
        }
        KeyAlgorithm::GostR3410_2012_256 { params } => (
            params,
            "GOST R 34.10-2012-256",
            Layout::SThenRBigEndian,
            256,
        ),
        KeyAlgorithm::GostR3410_2012_512 { params } => (
            params,
            "GOST R 34.10-2012-512",
            Layout::SThenRBigEndian,
            512,
        ),
        KeyAlgorithm::KzGost34310_2004 { params } => (
            params,
            "KZ GOST 34.310-2004",
            Layout::RThenSLittleEndian,
            256,
        ),
        KeyAlgorithm::KzGost3410_2015 { params, bits } => (
            params,
            "KZ GOST R 34.10-2015",
            Layout::RThenSLittleEndian,
            *bits,
        ),
        _ => return None,
    };
    Some(curve_of(params, family).and_then(|curve| {
        // RFC 9215 §4.1: a 256-bit key OID names a 256-bit parameter set.
        if curve.bits() != bits {
            return Err(VerifyError::MalformedKey {
                reason: format!(
                    "a {family} key of {bits} bits on the {}-bit parameter set {}",
                    curve.bits(),
                    curve.name()
                ),
            });
        }
        Ok(KeyFacts { curve, layout })
    }))
}

/// The public key: `subjectPublicKey` holds a DER OCTET STRING of
/// `LE(X) ‖ LE(Y)` (RFC 4491 §2.3.2; RFC 9215 §4.3), each half the size of
/// the field; the point is checked on the curve and in the order-q subgroup.
pub(crate) fn public_key(key: &KeyAlgorithm, bits: &[u8]) -> Result<GostPublicKey, VerifyError> {
    let facts = key_facts(key).ok_or_else(|| VerifyError::MalformedKey {
        reason: format!("{key} is not a GOST key"),
    })??;
    let n = facts.curve.bits() / 8;
    let inner = crate::asn1::read_single_tag(bits, crate::asn1::tag::OCTET_STRING).map_err(
        |e| VerifyError::MalformedKey {
            reason: format!(
                "a GOST public key is an OCTET STRING inside the BIT STRING (RFC 4491 §2.3.2): {e}"
            ),
        },
    )?;
    if inner.value.len() != 2 * n {
        return Err(VerifyError::MalformedKey {
            reason: format!(
                "a GOST public key on {} is {} octets, not {}",
                facts.curve.name(),
                2 * n,
                inner.value.len()
            ),
        });
    }
    let (x, y) = inner.value.split_at(n);
    let (x, y) = (reversed(x), reversed(y));
    GostPublicKey::from_affine(facts.curve, &x, &y).map_err(|e| VerifyError::MalformedKey {
        reason: format!("GOST public key on {}: {e}", facts.curve.name()),
    })
}

/// The hash a GOST signature algorithm uses under `key`. GOST R 34.11-94
/// has two S-boxes: CryptoPro (RFC 4357 §11.2, the default) and the Test
/// set, which the key's digestParamSet names (RFC 4491 §2.3.1); the Kazakh
/// GOST 34.311-95 is GOST R 34.11-94 with the Test S-box.
pub(crate) fn hash_for(sig: &SignatureAlgorithm, key: &KeyAlgorithm) -> Option<HashAlgorithm> {
    if !is_gost(sig) {
        return None;
    }
    match (sig, key) {
        (SignatureAlgorithm::GostR3410_2001, KeyAlgorithm::GostR3410_2001 { params })
            if params
                .digest_param_set
                .is_some_and(|o| GOST94_TEST_SBOX.contains(&o.dotted().as_str())) =>
        {
            Some(HashAlgorithm::KzGost34311_95)
        }
        // Otherwise the hash the signature OID names.
        _ => sig.hash(),
    }
}

/// Whether the signature algorithm belongs with the key algorithm
/// (RFC 4491 §2.2.2, RFC 9215 §3: one key OID per signature OID; the
/// Kazakh OIDs likewise).
pub(crate) fn key_matches(sig: &SignatureAlgorithm, key: &KeyAlgorithm) -> bool {
    matches!(
        (sig, key),
        (
            SignatureAlgorithm::GostR3410_2001,
            KeyAlgorithm::GostR3410_2001 { .. }
        ) | (
            SignatureAlgorithm::GostR3410_2012_256,
            KeyAlgorithm::GostR3410_2012_256 { .. }
        ) | (
            SignatureAlgorithm::GostR3410_2012_512,
            KeyAlgorithm::GostR3410_2012_512 { .. }
        ) | (
            SignatureAlgorithm::KzGost34310_2004,
            KeyAlgorithm::KzGost34310_2004 { .. }
        )
    ) || matches!((sig, key),
        (SignatureAlgorithm::KzGost3410_2015 { bits: a }, KeyAlgorithm::KzGost3410_2015 { bits: b, .. }) if a == b)
}

/// Whether `sig` is one of the GOST signature algorithms verified here.
pub(crate) fn is_gost(sig: &SignatureAlgorithm) -> bool {
    matches!(
        sig,
        SignatureAlgorithm::GostR3410_2001
            | SignatureAlgorithm::GostR3410_2012_256
            | SignatureAlgorithm::GostR3410_2012_512
            | SignatureAlgorithm::KzGost34310_2004
            | SignatureAlgorithm::KzGost3410_2015 { .. }
    )
}

/// The digest as the integer e (big-endian bytes for the arithmetic): the
/// hash output read little-endian (RFC 4491 §2.2.2: "the digest … is
/// interpreted as a little-endian integer"; what CryptoPro, the OpenSSL gost
/// engine and the NCA do).
pub(crate) fn digest_integer(digest: &[u8]) -> Vec<u8> {
    reversed(digest)
}

/// Splits a signature value into (r, s), big-endian.
pub(crate) fn split_signature(
    layout: Layout,
    curve: GostCurve,
    signature: &[u8],
    name: &str,
) -> Result<(Vec<u8>, Vec<u8>), VerifyError> {
    let n = curve.bits() / 8;
    if signature.len() != 2 * n {
        return Err(VerifyError::MalformedSignature {
            algorithm: name.to_owned(),
            reason: format!(
                "a signature on {} is {} octets (r and s of {n} each), not {}",
                curve.name(),
                2 * n,
                signature.len()
            ),
        });
    }
    let (a, b) = signature.split_at(n);
    Ok(match layout {
        Layout::SThenRBigEndian => (b.to_vec(), a.to_vec()),
        Layout::RThenSLittleEndian => (reversed(a), reversed(b)),
    })
}

/// Joins (r, s), big-endian of the curve's width, into a signature value.
pub(crate) fn join_signature(layout: Layout, r: &[u8], s: &[u8]) -> Vec<u8> {
    match layout {
        Layout::SThenRBigEndian => [s, r].concat(),
        Layout::RThenSLittleEndian => [reversed(r), reversed(s)].concat(),
    }
}

/// Verifies a GOST signature over `message` (RFC 7091 §6.2).
pub(crate) fn verify(
    key: &GostPublicKey,
    layout: Layout,
    hash: HashAlgorithm,
    message: &[u8],
    signature: &[u8],
    name: &str,
) -> Result<(), VerifyError> {
    let (r, s) = split_signature(layout, key.curve(), signature, name)?;
    let digest = hash.digest_for(message, name)?;
    key.verify_prehash(&digest_integer(&digest), &r, &s)
        .map_err(|e| match e {
            GostError::ScalarOutOfRange { .. } => VerifyError::MalformedSignature {
                algorithm: name.to_owned(),
                reason: format!("{e} (RFC 7091 §6.2 step 1)"),
            },
            _ => VerifyError::BadSignature {
                algorithm: name.to_owned(),
            },
        })
}

fn reversed(b: &[u8]) -> Vec<u8> {
    b.iter().rev().copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_round_trip_and_differ() {
        let r = [1u8; 32];
        let mut s = [2u8; 32];
        s[0] = 9;
        let ru = join_signature(Layout::SThenRBigEndian, &r, &s);
        let kz = join_signature(Layout::RThenSLittleEndian, &r, &s);
        assert_eq!(&ru[..32], &s);
        assert_eq!(kz[31], 1);
        assert_eq!(kz[63], 9);
        for (layout, sig) in [
            (Layout::SThenRBigEndian, &ru),
            (Layout::RThenSLittleEndian, &kz),
        ] {
            let (r2, s2) = split_signature(layout, GostCurve::CryptoProA, sig, "t").unwrap();
            assert_eq!((r2.as_slice(), s2.as_slice()), (&r[..], &s[..]));
        }
        assert!(matches!(
            split_signature(
                Layout::SThenRBigEndian,
                GostCurve::CryptoProA,
                &ru[1..],
                "t"
            ),
            Err(VerifyError::MalformedSignature { .. })
        ));
    }
}
