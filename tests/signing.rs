//! Software signers from PKCS#8 (plain and encrypted) for every key type of
//! the test PKI: they sign, our verifier accepts, OpenSSL-compatible
//! algorithm identifiers are produced, and wrong keys are refused.

mod common;

use common::{fixture, local, read};
use sigbridge::crypto::{Signer, SigningScheme, SoftwareSigner, Verifiers};
use sigbridge::{HashAlgorithm, SignError, SignatureAlgorithm};

fn signer(name: &str) -> SoftwareSigner {
    let cert = fixture(&format!("{name}.pem"));
    SoftwareSigner::from_pkcs8_pem(&read(&local(&format!("pki/{name}.key"))), cert)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn round_trip(s: &SoftwareSigner, message: &[u8]) -> sigbridge::crypto::Verified {
    let sig = s.sign(message).unwrap();
    Verifiers::builtin()
        .verify(s.certificate().spki_der(), &s.algorithm(), message, &sig)
        .unwrap_or_else(|e| panic!("{:?}: {e}", s.scheme()))
}

#[test]
fn every_key_type_signs_and_verifies() {
    let cases = [
        (
            "ru/org-ceo",
            SigningScheme::RsaPkcs1(HashAlgorithm::Sha256),
            "RSA PKCS#1 v1.5 with SHA-256",
        ),
        (
            "kz/ceo",
            SigningScheme::RsaPkcs1(HashAlgorithm::Sha256),
            "RSA PKCS#1 v1.5 with SHA-256",
        ),
        (
            "in/class3",
            SigningScheme::RsaPkcs1(HashAlgorithm::Sha256),
            "RSA PKCS#1 v1.5 with SHA-256",
        ),
        (
            "uz/person",
            SigningScheme::Ecdsa(HashAlgorithm::Sha256),
            "ECDSA with SHA-256",
        ),
        (
            "eu/qes-natural",
            SigningScheme::Ecdsa(HashAlgorithm::Sha384),
            "ECDSA with SHA-384",
        ),
        ("cn/person", SigningScheme::Sm2Sm3, "SM2 with SM3"),
        (
            "cn/org-rsa",
            SigningScheme::RsaPkcs1(HashAlgorithm::Sha256),
            "RSA PKCS#1 v1.5 with SHA-256",
        ),
    ];
    for (name, scheme, alg) in cases {
        let s = signer(name);
        assert_eq!(s.scheme(), scheme, "{name}");
        let v = round_trip(&s, b"Commercial invoice 380, 2030-01-01");
        assert_eq!(v.algorithm.name(), alg, "{name}");
        // Another message does not verify with the same signature.
        let sig = s.sign(b"one").unwrap();
        assert!(
            Verifiers::builtin()
                .verify(s.certificate().spki_der(), &s.algorithm(), b"two", &sig)
                .is_err(),
            "{name}"
        );
    }
}

#[test]
fn rsa_schemes_can_be_chosen() {
    for scheme in [
        SigningScheme::RsaPss(HashAlgorithm::Sha256),
        SigningScheme::RsaPss(HashAlgorithm::Sha384),
        SigningScheme::RsaPss(HashAlgorithm::Sha512),
        SigningScheme::RsaPkcs1(HashAlgorithm::Sha384),
        SigningScheme::RsaPkcs1(HashAlgorithm::Sha512),
    ] {
        let s = signer("in/class3").with_scheme(scheme).unwrap();
        let v = round_trip(&s, b"certificate of origin 861");
        match (scheme, &v.algorithm) {
            (SigningScheme::RsaPss(h), SignatureAlgorithm::RsaPss { params: Some(p) }) => {
                assert_eq!(p.hash, h);
                assert_eq!(p.mgf1_hash, Some(h));
                assert_eq!(p.salt_len as usize, h.output_len());
            }
            (SigningScheme::RsaPkcs1(h), SignatureAlgorithm::RsaPkcs1 { hash }) => {
                assert_eq!(*hash, h)
            }
            other => panic!("{other:?}"),
        }
    }
    // Schemes the key cannot make are refused.
    assert!(matches!(
        signer("in/class3").with_scheme(SigningScheme::Sm2Sm3),
        Err(SignError::UnsupportedKey { .. })
    ));
    assert!(matches!(
        signer("eu/qseal-legal").with_scheme(SigningScheme::RsaPss(HashAlgorithm::Sha256)),
        Err(SignError::UnsupportedKey { .. })
    ));
    assert!(matches!(
        signer("uz/org").with_scheme(SigningScheme::Ecdsa(HashAlgorithm::Sha1)),
        Err(SignError::UnsupportedKey { .. })
    ));
}

#[test]
fn sm2_signatures_round_trip_and_differ_from_ecdsa() {
    let s = signer("cn/org-uscc");
    let v = round_trip(&s, "发票 380".as_bytes());
    assert_eq!(
        v.algorithm,
        SignatureAlgorithm::Sm2 {
            hash: HashAlgorithm::Sm3
        }
    );
    assert_eq!(s.algorithm().parameters, None);
}

#[test]
fn encrypted_pkcs8_keys() {
    for name in [
        "eu/qseal-legal",
        "ru/org-ceo",
        "cn/person",
        "uz/person",
        "in/class3",
    ] {
        let cert = fixture(&format!("{name}.pem"));
        let pem = read(&local(&format!("pki/{name}.enc.key")));
        let s = SoftwareSigner::from_encrypted_pkcs8_pem(&pem, b"sigbridge-test", cert.clone())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        round_trip(&s, b"bill of lading 705");
        assert_eq!(
            SoftwareSigner::from_encrypted_pkcs8_pem(&pem, b"wrong", cert).unwrap_err(),
            SignError::Decryption,
            "{name}"
        );
    }
}

#[test]
fn a_key_for_another_certificate_is_refused() {
    let cert = fixture("kz/employee.pem");
    let err = SoftwareSigner::from_pkcs8_pem(&read(&local("pki/kz/ceo.key")), cert).unwrap_err();
    match err {
        SignError::KeyMismatch { subject } => assert!(subject.contains("НУРЛАНОВ"), "{subject}"),
        other => panic!("{other:?}"),
    }
    // Across key types too.
    let err = SoftwareSigner::from_pkcs8_pem(
        &read(&local("pki/uz/person.key")),
        fixture("eu/adv-qc.pem"),
    )
    .unwrap_err();
    assert!(matches!(err, SignError::KeyMismatch { .. }), "{err:?}");
    let err = SoftwareSigner::from_pkcs8_pem(
        &read(&local("pki/cn/person.key")),
        fixture("cn/org-uscc.pem"),
    )
    .unwrap_err();
    assert!(matches!(err, SignError::KeyMismatch { .. }), "{err:?}");
    // Not a key at all.
    assert!(matches!(
        SoftwareSigner::from_pkcs8_pem(&read(&local("pki/kz/ceo.pem")), fixture("kz/ceo.pem")),
        Err(SignError::Pkcs8 { .. })
    ));
}

#[test]
fn chain_and_debug_never_show_the_key() {
    let chain =
        sigbridge::load_certificates(&read(&local("pki/eu/chain-qseal-legal.pem"))).unwrap();
    let s = signer("eu/qseal-legal").with_chain(chain[1..].to_vec());
    assert_eq!(s.chain().len(), 2);
    let dbg = format!("{s:?}");
    assert!(dbg.contains("SoftwareSigner") && !dbg.contains("PRIVATE"));
}

#[test]
fn pkcs8_der_plain_and_encrypted() {
    let der_of = |pem: &[u8]| pem::parse(pem).unwrap().contents().to_vec();
    let cert = fixture("uz/person.pem");
    let plain = der_of(&read(&local("pki/uz/person.key")));
    let s = SoftwareSigner::from_pkcs8_der(&plain, cert.clone()).unwrap();
    round_trip(&s, b"customs declaration");
    let enc = der_of(&read(&local("pki/uz/person.enc.key")));
    let s =
        SoftwareSigner::from_encrypted_pkcs8_der(&enc, b"sigbridge-test", cert.clone()).unwrap();
    round_trip(&s, b"customs declaration");
    // An encrypted key handed to the plain loader is a typed error, not a panic.
    assert!(matches!(
        SoftwareSigner::from_pkcs8_der(&enc, cert),
        Err(SignError::Pkcs8 { .. })
    ));
}
