//! Signatures of the real national certificates
//! (`../shared/testdata/national-certs/`): every self-signed root verifies
//! or fails exactly where OpenSSL 3.0's `verify` does (its verdicts are in
//! the corpus README), SM2 roots verify (where OpenSSL 3.0 cannot), the
//! algorithms we do not implement are refused by name, and issuer → subject
//! links inside the corpus verify.

mod common;

use common::national;
use sigbridge::crypto::Verifiers;
use sigbridge::{Certificate, HashAlgorithm, VerifyError};

fn self_signature(cert: &Certificate) -> Result<sigbridge::crypto::Verified, VerifyError> {
    signed_by(cert, cert)
}

fn signed_by(
    cert: &Certificate,
    issuer: &Certificate,
) -> Result<sigbridge::crypto::Verified, VerifyError> {
    Verifiers::builtin().verify(
        issuer.spki_der(),
        cert.signature_algorithm_identifier(),
        cert.tbs_der(),
        cert.signature_value(),
    )
}

/// Roots whose self-signature OpenSSL 3.0.19 verifies (corpus README).
const OPENSSL_VERIFIES: [&str; 16] = [
    "kz-nca-root-rsa4096-2015.der",
    "kz-nca-test-root-rsa4096-2018.pem",
    "ru-russian-trusted-root-ca-rsa4096-2022.pem",
    "cn-cfca-root-rsa2048-notafter-year4749.pem",
    "cn-cfca-ev-root-rsa4096-2012.der",
    "cn-bjca-global-root-ca2-ecdsa-p384-2019.der",
    "cn-hk-hongkong-post-root-ca3-rsa4096-2017.der",
    "in-cca-india-2014-root-rsa2048.der",
    "in-cca-india-2022-root-rsa4096.pem",
    "in-emsign-ecc-root-ca-g3-p384-2018.der",
    "eu-hu-e-szigno-root-ca-2017-ecdsa-p256.der",
    "eu-fr-anssi-igca-racine-etat-rsa4096-2011.der",
    "eu-si-sigov-ca-lowercase-c-rsa2048.der",
    "icao-uz-csca-uzbekistan-rsa4096.der",
    "icao-ir-csca-iran-rsa4096-sha256.der",
    "icao-de-csca-ecdsa-sha1-brainpool-explicit.der",
];

#[test]
fn roots_verify_where_openssl_verifies() {
    for f in OPENSSL_VERIFIES
        .iter()
        .chain(["tr-tubitak-kamu-sm-ssl-root-rsa2048-2013.der"].iter())
    {
        let cert = national(f);
        assert!(cert.is_self_issued(), "{f}");
        let v = self_signature(&cert).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert_eq!(v.verifier, "builtin");
        assert_eq!(v.weak, v.hash == Some(HashAlgorithm::Sha1), "{f}");
    }
}

/// The broken one: OpenSSL reports "certificate signature failure" for the
/// CCA India 2015 SPL root; so do we.
#[test]
fn the_broken_root_fails_like_openssl() {
    let cert = national("in-cca-india-2015-spl-root-rsa2048.der");
    assert!(cert.is_self_issued());
    assert_eq!(
        self_signature(&cert).unwrap_err(),
        VerifyError::BadSignature {
            algorithm: "RSA PKCS#1 v1.5 with SHA-256".into()
        }
    );
}

#[test]
fn sha1_roots_are_verified_and_flagged_weak() {
    for f in [
        "cn-cfca-root-rsa2048-notafter-year4749.pem",
        "eu-si-sigov-ca-lowercase-c-rsa2048.der",
        "icao-de-csca-ecdsa-sha1-brainpool-explicit.der",
    ] {
        let v = self_signature(&national(f)).unwrap();
        assert!(v.weak, "{f}");
        assert_eq!(v.hash, Some(HashAlgorithm::Sha1), "{f}");
    }
}

/// OpenSSL 3.0.19 fails these SM2 self-signatures for a tooling reason (it
/// does not apply the default distinguishing ID to certificates); with the
/// GM/T 0009 default ID `1234567812345678` they verify.
#[test]
fn sm2_roots_verify() {
    for f in ["cn-nrcac-rootca-sm2-2012.pem", "cn-cfca-sm2-rca-2012.pem"] {
        let cert = national(f);
        assert!(cert.is_self_issued(), "{f}");
        let v = self_signature(&cert).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert_eq!(v.hash, Some(HashAlgorithm::Sm3));
    }
}

/// SM2 sub-CAs issued by the NRCAC root (`C=CN, O=NRCAC, CN=ROOTCA`), and
/// RSA intermediates under their roots: the links inside the corpus verify.
#[test]
fn issuer_links_inside_the_corpus_verify() {
    let links = [
        (
            "cn-cfca-cs-sm2-ca-under-rootca-2015.der",
            "cn-nrcac-rootca-sm2-2012.pem",
        ),
        (
            "cn-sheca-sm2-under-rootca-2013.pem",
            "cn-nrcac-rootca-sm2-2012.pem",
        ),
        (
            "kz-nca-intermediate-rsa4096-2018.der",
            "kz-nca-root-rsa4096-2015.der",
        ),
        (
            "kz-nca-test-intermediate-rsa-2019.pem",
            "kz-nca-test-root-rsa4096-2018.pem",
        ),
        (
            "ru-russian-trusted-sub-ca-rsa4096-2022.pem",
            "ru-russian-trusted-root-ca-rsa4096-2022.pem",
        ),
    ];
    for (child, parent) in links {
        let (c, p) = (national(child), national(parent));
        assert!(c.issuer().matches(p.subject()), "{child} ← {parent}");
        signed_by(&c, &p).unwrap_or_else(|e| panic!("{child} ← {parent}: {e}"));
        // And not by someone else.
        assert!(signed_by(&c, &c).is_err(), "{child}");
    }
}

/// Algorithms without a built-in verifier are refused by name, never passed.
#[test]
fn national_algorithms_without_a_backend_are_named() {
    let cases = [
        // GOST and KZ GOST are verified (tests/gost_real.rs); bign only
        // with belt-hash on bign-curve256v1.
        ("by-selfmade-bign-root-ca-curve512.der", "bign with bash512"),
        // SM2 over a SHA-256 digest (tjfoc/gmsm convention), not GB/T 32918 with SM3.
        (
            "cn-selfmade-tjfoc-sm2-with-sha256-1970.pem",
            "SM2 with SHA-256",
        ),
    ];
    for (f, name) in cases {
        match self_signature(&national(f)) {
            Err(VerifyError::UnsupportedAlgorithm { name: n, .. }) => assert_eq!(n, name, "{f}"),
            other => panic!("{f}: {other:?}"),
        }
    }
}

/// The HK link certificate is self-issued but signed by the previous
/// (RSA) key with RSASSA-PSS; its own key is EC, so a self-check is a key
/// mismatch, as the corpus README says ("not applicable").
#[test]
fn link_certificate_is_not_self_signed() {
    let cert = national("icao-cn-hk-link-rsassa-pss-over-ec-key.der");
    assert!(cert.is_self_issued());
    assert!(matches!(
        self_signature(&cert),
        Err(VerifyError::KeyMismatch { .. })
    ));
}
