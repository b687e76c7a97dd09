//! The optional AWS-LC backend (feature `aws-lc`): a fast path for the
//! signatures a relying party checks most — RSA PKCS#1 v1.5 with SHA-256,
//! SHA-384 and SHA-512 on 2048–8192-bit keys, and ECDSA on P-256 and P-384
//! with SHA-256 or SHA-384 (DER or P1363).
//!
//! It only ever says "valid": when AWS-LC does not accept a signature (or
//! does not cover the combination), the pure-Rust backend decides and
//! gives the typed error. So the verdicts are the pure-Rust backend's by
//! construction — AWS-LC's signature checks are at least as strict (full
//! EMSA-PKCS1-v1_5 encode-and-compare; DER-only ECDSA signatures) — and
//! only successes get faster. Key and parameter checks (RFC 3279, RFC 4055,
//! RFC 5758) run before, in `verify.rs`, exactly as without the feature.

use aws_lc_rs::signature::{self, UnparsedPublicKey, VerificationAlgorithm};

use crate::crypto::{EcdsaSignatureFormat, HashAlgorithm, NamedCurve};

/// Whether AWS-LC verifies an RSA PKCS#1 v1.5 signature under the DER
/// `RSAPublicKey` `key`; `false` also when it does not cover the case.
pub(crate) fn rsa_pkcs1_ok(
    key: &[u8],
    hash: HashAlgorithm,
    message: &[u8],
    signature: &[u8],
) -> bool {
    let alg: &dyn VerificationAlgorithm = match hash {
        HashAlgorithm::Sha256 => &signature::RSA_PKCS1_2048_8192_SHA256,
        HashAlgorithm::Sha384 => &signature::RSA_PKCS1_2048_8192_SHA384,
        HashAlgorithm::Sha512 => &signature::RSA_PKCS1_2048_8192_SHA512,
        _ => return false,
    };
    UnparsedPublicKey::new(alg, key)
        .verify(message, signature)
        .is_ok()
}

/// Whether AWS-LC verifies an ECDSA signature under the SEC1 point `point`.
pub(crate) fn ecdsa_ok(
    curve: NamedCurve,
    point: &[u8],
    hash: HashAlgorithm,
    format: EcdsaSignatureFormat,
    message: &[u8],
    signature: &[u8],
) -> bool {
    use EcdsaSignatureFormat::{Der, P1363};
    use HashAlgorithm::{Sha256, Sha384};
    let alg: &dyn VerificationAlgorithm = match (curve, hash, format) {
        (NamedCurve::P256, Sha256, Der) => &signature::ECDSA_P256_SHA256_ASN1,
        (NamedCurve::P256, Sha384, Der) => &signature::ECDSA_P256_SHA384_ASN1,
        (NamedCurve::P384, Sha256, Der) => &signature::ECDSA_P384_SHA256_ASN1,
        (NamedCurve::P384, Sha384, Der) => &signature::ECDSA_P384_SHA384_ASN1,
        (NamedCurve::P256, Sha256, P1363) => &signature::ECDSA_P256_SHA256_FIXED,
        (NamedCurve::P384, Sha384, P1363) => &signature::ECDSA_P384_SHA384_FIXED,
        _ => return false,
    };
    UnparsedPublicKey::new(alg, point)
        .verify(message, signature)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load_certificates;

    fn link(chain: &str) -> (crate::Certificate, crate::Certificate) {
        let pem = std::fs::read(chain).unwrap();
        let c = load_certificates(&pem).unwrap();
        (c[0].clone(), c[1].clone())
    }

    #[test]
    fn the_fast_path_is_taken_for_valid_signatures() {
        // RSA-2048 / SHA-256 (KZ test PKI) and P-384 / SHA-384 (EU test PKI).
        let (leaf, ca) = link("testdata/pki/kz/chain-ceo.pem");
        let key = ca.public_key_info().unwrap();
        assert!(rsa_pkcs1_ok(
            key.key_bytes(),
            HashAlgorithm::Sha256,
            leaf.tbs_der(),
            leaf.signature_value()
        ));
        let mut tampered = leaf.signature_value().to_vec();
        tampered[10] ^= 1;
        assert!(!rsa_pkcs1_ok(
            key.key_bytes(),
            HashAlgorithm::Sha256,
            leaf.tbs_der(),
            &tampered
        ));
        let (leaf, ca) = link("testdata/pki/eu/chain-qes-natural.pem");
        let key = ca.public_key_info().unwrap();
        assert!(ecdsa_ok(
            NamedCurve::P384,
            key.key_bytes(),
            HashAlgorithm::Sha384,
            EcdsaSignatureFormat::Der,
            leaf.tbs_der(),
            leaf.signature_value()
        ));
        // Not covered: the pure-Rust backend decides.
        assert!(!ecdsa_ok(
            NamedCurve::BrainpoolP256r1,
            key.key_bytes(),
            HashAlgorithm::Sha256,
            EcdsaSignatureFormat::Der,
            leaf.tbs_der(),
            leaf.signature_value()
        ));
    }
}
