//! Real Russian and Kazakh GOST material verifies with the built-in
//! backend: every GOST link of `../shared/testdata/national-certs` whose
//! issuer is in the corpus, and the NCA RK test PKI of
//! `../shared/testdata/kz-nca-test-pki` (root, issuing CA, CRL). One changed
//! bit in the signed bytes, or in the signature, fails each with
//! `BadSignature`. These pin the encodings: RFC 4491 / RFC 9215 for the
//! Russian certificates, and for the Kazakh ones the signature value
//! `LE(r) ‖ LE(s)` with the digest read little-endian.

mod common;

use common::{national, read, shared};
use sigbridge::crypto::Verifiers;
use sigbridge::path::{Crl, CrlDeviation};
use sigbridge::{Certificate, HashAlgorithm, SignatureAlgorithm, VerifyError};

fn signed_by(
    tbs: &[u8],
    alg: &sigbridge::crypto::AlgorithmIdentifier,
    sig: &[u8],
    issuer: &Certificate,
) -> Result<sigbridge::crypto::Verified, VerifyError> {
    Verifiers::builtin().verify(issuer.spki_der(), alg, tbs, sig)
}

fn cert_signed_by(
    c: &Certificate,
    issuer: &Certificate,
) -> Result<sigbridge::crypto::Verified, VerifyError> {
    signed_by(
        c.tbs_der(),
        c.signature_algorithm_identifier(),
        c.signature_value(),
        issuer,
    )
}

/// Flips one bit of the signed bytes and, separately, of the signature:
/// both must be `BadSignature`.
fn one_bit_fails(
    tbs: &[u8],
    alg: &sigbridge::crypto::AlgorithmIdentifier,
    sig: &[u8],
    issuer: &Certificate,
    what: &str,
) {
    let mut t = tbs.to_vec();
    let i = t.len() / 2;
    t[i] ^= 0x01;
    assert!(
        matches!(
            signed_by(&t, alg, sig, issuer),
            Err(VerifyError::BadSignature { .. })
        ),
        "{what}: a changed bit in the signed bytes"
    );
    let mut s = sig.to_vec();
    s[3] ^= 0x80;
    assert!(
        matches!(
            signed_by(tbs, alg, &s, issuer),
            Err(VerifyError::BadSignature { .. })
        ),
        "{what}: a changed bit in the signature"
    );
}

fn kz_test(name: &str) -> Certificate {
    Certificate::from_der(&read(&shared(&format!("kz-nca-test-pki/{name}")))).unwrap()
}

#[test]
fn russian_gost_links_in_the_corpus_verify() {
    let links = [
        (
            "ru-mincifry-root-gost2012-256-2022.pem",
            "ru-mincifry-root-gost2012-256-2022.pem",
            SignatureAlgorithm::GostR3410_2012_256,
        ),
        (
            "ru-cryptopro-test-ca-root-gost2012-256-2018.der",
            "ru-cryptopro-test-ca-root-gost2012-256-2018.der",
            SignatureAlgorithm::GostR3410_2012_256,
        ),
        (
            "ru-qca-gost2012-256-alfabank-2024.pem",
            "ru-mincifry-root-gost2012-256-2022.pem",
            SignatureAlgorithm::GostR3410_2012_256,
        ),
    ];
    for (child, parent, alg) in links {
        let (c, p) = (national(child), national(parent));
        assert!(c.issuer().matches(p.subject()), "{child} ← {parent}");
        let v = cert_signed_by(&c, &p).unwrap_or_else(|e| panic!("{child} ← {parent}: {e}"));
        assert_eq!(v.algorithm, alg, "{child}");
        assert_eq!(v.hash, Some(HashAlgorithm::Streebog256), "{child}");
        assert_eq!(v.verifier, "builtin");
        assert!(!v.weak);
        one_bit_fails(
            c.tbs_der(),
            c.signature_algorithm_identifier(),
            c.signature_value(),
            &p,
            child,
        );
    }
    // Not by another GOST key.
    let alfa = national("ru-qca-gost2012-256-alfabank-2024.pem");
    let other = national("ru-cryptopro-test-ca-root-gost2012-256-2018.der");
    assert!(matches!(
        cert_signed_by(&alfa, &other),
        Err(VerifyError::BadSignature { .. })
    ));
}

/// The NCA's production GOST 34.310-2004 root (CryptoPro-A curve under
/// the KZ OID, GOST 34.311-95 = GOST R 34.11-94 with the Test S-box).
#[test]
fn kazakh_gost_2004_root_verifies() {
    let root = national("kz-nca-root-gost34310-2015.der");
    let v = cert_signed_by(&root, &root).unwrap();
    assert_eq!(v.algorithm, SignatureAlgorithm::KzGost34310_2004);
    assert_eq!(v.hash, Some(HashAlgorithm::KzGost34311_95));
    one_bit_fails(
        root.tbs_der(),
        root.signature_algorithm_identifier(),
        root.signature_value(),
        &root,
        "kz root 2004",
    );
}

/// The NCA test PKI of 2022: GOST 34.10-2015-512 (tc26-512-A under the KZ
/// OID, Streebog-512): root self-signature, the issuing CA and its CRL.
#[test]
fn kazakh_gost_2015_test_pki_verifies() {
    let root = kz_test("root_test_gost_2022.cer");
    let ca = kz_test("nca_gost2022_test.cer");
    for (c, p, what) in [(&root, &root, "root"), (&ca, &root, "issuing CA")] {
        let v = cert_signed_by(c, p).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(
            v.algorithm,
            SignatureAlgorithm::KzGost3410_2015 { bits: 512 }
        );
        assert_eq!(v.hash, Some(HashAlgorithm::Streebog512));
        one_bit_fails(
            c.tbs_der(),
            c.signature_algorithm_identifier(),
            c.signature_value(),
            p,
            what,
        );
    }
    // The CA did not sign the root.
    assert!(matches!(
        cert_signed_by(&root, &ca),
        Err(VerifyError::BadSignature { .. })
    ));
    let crl = Crl::from_der(&read(&shared("kz-nca-test-pki/nca_gost2022_test.crl"))).unwrap();
    assert!(crl.issuer().matches(ca.subject()));
    // The NCA writes the inner algorithm without parameters, the outer with NULL.
    assert_eq!(
        crl.deviations(),
        &[CrlDeviation::SignatureParametersNullVsAbsent]
    );
    let v = signed_by(
        crl.tbs_der(),
        crl.signature_algorithm(),
        crl.signature(),
        &ca,
    )
    .unwrap();
    assert_eq!(
        v.algorithm,
        SignatureAlgorithm::KzGost3410_2015 { bits: 512 }
    );
    one_bit_fails(
        crl.tbs_der(),
        crl.signature_algorithm(),
        crl.signature(),
        &ca,
        "CRL",
    );
}

/// The certificate in each of the NCA's 12 test key stores was signed by
/// the issuing CA (GOST 34.10-2015-512), and not by the root.
#[test]
fn kazakh_key_store_certificates_verify_under_the_issuing_ca() {
    let (root, ca) = (
        kz_test("root_test_gost_2022.cer"),
        kz_test("nca_gost2022_test.cer"),
    );
    let mut n = 0;
    for dir in [
        "individual/valid",
        "individual/revoked",
        "legal/valid",
        "legal/revoked",
    ] {
        for entry in std::fs::read_dir(shared(&format!("kz-nca-test-pki/{dir}"))).unwrap() {
            let path = entry.unwrap().path();
            let store = sigbridge::keystore::Pkcs12::from_der(&read(&path), "Qwerty12").unwrap();
            let cert = Certificate::from_der(store.certificates()[0].der()).unwrap();
            let v =
                cert_signed_by(&cert, &ca).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(
                v.algorithm,
                SignatureAlgorithm::KzGost3410_2015 { bits: 512 }
            );
            one_bit_fails(
                cert.tbs_der(),
                cert.signature_algorithm_identifier(),
                cert.signature_value(),
                &ca,
                "key store certificate",
            );
            assert!(matches!(
                cert_signed_by(&cert, &root),
                Err(VerifyError::BadSignature { .. })
            ));
            n += 1;
        }
    }
    assert_eq!(n, 12);
}

/// The Kazakh layout is the byte reversal of the RFC one: read the RFC way,
/// a real NCA signature does not verify (so the layouts cannot be confused).
#[test]
fn kazakh_signature_is_not_the_rfc_layout() {
    let root = kz_test("root_test_gost_2022.cer");
    let sig: Vec<u8> = root.signature_value().iter().rev().copied().collect();
    assert!(matches!(
        signed_by(
            root.tbs_der(),
            root.signature_algorithm_identifier(),
            &sig,
            &root
        ),
        Err(VerifyError::BadSignature { .. })
    ));
}
