//! Signature verification over the generated test PKI, the GM/T 0003 SM2
//! sample, typed refusals, and the crypto seam with a plugged-in backend.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{fixture, local, read};
use sigbridge::crypto::{
    AlgorithmIdentifier, EcdsaSignatureFormat, PublicKeyInfo, SignatureVerifier, Verifiers,
    VerifyOptions,
};
use sigbridge::{Certificate, HashAlgorithm, KeyAlgorithm, Oid, SignatureAlgorithm, VerifyError};

fn link(
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

#[test]
fn every_test_pki_chain_verifies_link_by_link() {
    let mut links = 0;
    for cc in ["cn", "ru", "kz", "uz", "in", "eu", "pk"] {
        for entry in std::fs::read_dir(local(&format!("pki/{cc}"))).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.starts_with("chain-") {
                continue;
            }
            let chain = sigbridge::load_certificates(&read(&path)).unwrap();
            for pair in chain.windows(2) {
                let v = link(&pair[0], &pair[1]).unwrap_or_else(|e| panic!("{cc}/{name}: {e}"));
                assert!(!v.weak);
                links += 1;
            }
            let root = chain.last().unwrap();
            link(root, root).unwrap_or_else(|e| panic!("{cc}/{name} root: {e}"));
        }
    }
    assert!(links >= 40, "{links} links");
}

#[test]
fn algorithms_of_the_test_pki() {
    let cases = [
        ("cn/chain-person.pem", "SM2 with SM3"),
        (
            "in/chain-class3.pem",
            "RSASSA-PSS with SHA-256 (MGF1 SHA-256, salt 32)",
        ),
        ("eu/chain-qseal-legal.pem", "ECDSA with SHA-384"),
        ("uz/chain-org.pem", "ECDSA with SHA-256"),
        ("kz/chain-ceo.pem", "RSA PKCS#1 v1.5 with SHA-256"),
    ];
    for (file, alg) in cases {
        let chain = sigbridge::load_certificates(&read(&local(&format!("pki/{file}")))).unwrap();
        let v = link(&chain[0], &chain[1]).unwrap();
        assert_eq!(v.algorithm.name(), alg, "{file}");
    }
}

#[test]
fn tampering_is_a_bad_signature() {
    for file in [
        "cn/chain-org-uscc.pem",
        "in/chain-docsigner.pem",
        "eu/chain-adv-qc.pem",
        "ru/chain-ip.pem",
    ] {
        let chain = sigbridge::load_certificates(&read(&local(&format!("pki/{file}")))).unwrap();
        let mut tbs = chain[0].tbs_der().to_vec();
        let last = tbs.len() - 1;
        tbs[last] ^= 1;
        let err = Verifiers::builtin()
            .verify(
                chain[1].spki_der(),
                chain[0].signature_algorithm_identifier(),
                &tbs,
                chain[0].signature_value(),
            )
            .unwrap_err();
        assert!(
            matches!(err, VerifyError::BadSignature { .. }),
            "{file}: {err:?}"
        );
    }
}

/// The SM2 sample of GM/T 0003.5 (recommended curve, ID "1234567812345678",
/// message "message digest"), as also used by OpenSSL's SM2 tests.
#[test]
fn gmt_0003_sm2_sample_signature() {
    let x = "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020";
    let y = "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13";
    let r = "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3";
    let s = "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA";
    let hex = |h: &str| -> Vec<u8> {
        (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
            .collect()
    };
    // SubjectPublicKeyInfo { id-ecPublicKey, sm2p256v1 } with the point.
    let mut spki = hex("3059301306072a8648ce3d020106082a811ccf5501822d03420004");
    spki.extend(hex(x));
    spki.extend(hex(y));
    let key = PublicKeyInfo::from_der(&spki).unwrap();
    let alg = AlgorithmIdentifier {
        oid: Oid::new_unwrap("1.2.156.10197.1.501"),
        parameters: None,
    };
    let mut rs = hex(r);
    rs.extend(hex(s));
    let p1363 = VerifyOptions::default().ecdsa_format(EcdsaSignatureFormat::P1363);
    let v = Verifiers::builtin()
        .verify_with(&key, &alg, b"message digest", &rs, &p1363)
        .unwrap();
    assert_eq!(v.hash, Some(HashAlgorithm::Sm3));
    // Another distinguishing ID gives another Z_A: the signature fails.
    let other_id = p1363.clone().sm2_id("ALICE123@YAHOO.COM");
    assert!(matches!(
        Verifiers::builtin().verify_with(&key, &alg, b"message digest", &rs, &other_id),
        Err(VerifyError::BadSignature { .. })
    ));
    assert!(matches!(
        Verifiers::builtin().verify_with(&key, &alg, b"message digesT", &rs, &p1363),
        Err(VerifyError::BadSignature { .. })
    ));
}

#[test]
fn key_and_algorithm_mismatches_are_typed() {
    let rsa = fixture("kz/ceo.pem");
    let ec = fixture("eu/qes-natural.pem");
    let sm2 = fixture("cn/person.pem");
    // An RSA signature algorithm with an EC key.
    let err = link(&rsa, &ec).unwrap_err();
    assert_eq!(
        err,
        VerifyError::KeyMismatch {
            key: "EC P-384".into(),
            signature: "RSA PKCS#1 v1.5 with SHA-256".into()
        }
    );
    // ECDSA with an SM2 key.
    assert!(matches!(
        link(&ec, &sm2),
        Err(VerifyError::KeyMismatch { .. })
    ));
    // SM2 with an RSA key.
    assert!(matches!(
        link(&sm2, &rsa),
        Err(VerifyError::KeyMismatch { .. })
    ));
    // PKCS#1 v1.5 parameters must be NULL.
    let mut alg = rsa.signature_algorithm_identifier().clone();
    alg.parameters = None;
    let err = Verifiers::builtin()
        .verify(rsa.spki_der(), &alg, rsa.tbs_der(), rsa.signature_value())
        .unwrap_err();
    assert!(matches!(err, VerifyError::BadParameters { .. }), "{err:?}");
    // A truncated key.
    let spki = rsa.spki_der();
    assert!(matches!(
        PublicKeyInfo::from_der(&spki[..spki.len() - 1]),
        Err(VerifyError::MalformedKey { .. })
    ));
    // A mangled ECDSA signature value.
    let chain =
        sigbridge::load_certificates(&read(&local("pki/eu/chain-qes-natural.pem"))).unwrap();
    let err = Verifiers::builtin()
        .verify(
            chain[1].spki_der(),
            chain[0].signature_algorithm_identifier(),
            chain[0].tbs_der(),
            &chain[0].signature_value()[1..],
        )
        .unwrap_err();
    assert!(
        matches!(err, VerifyError::MalformedSignature { .. }),
        "{err:?}"
    );
}

/// A fake GOST backend: counts its calls, accepts one particular signature.
struct FakeGost {
    calls: Arc<AtomicUsize>,
}

impl SignatureVerifier for FakeGost {
    fn name(&self) -> &str {
        "fake-gost"
    }
    fn supports(&self, algorithm: &AlgorithmIdentifier, key: &PublicKeyInfo) -> bool {
        matches!(
            SignatureAlgorithm::from_identifier(algorithm),
            SignatureAlgorithm::GostR3410_2012_256
        ) && matches!(key.algorithm(), KeyAlgorithm::GostR3410_2012_256 { .. })
    }
    fn verify(
        &self,
        _key: &PublicKeyInfo,
        _algorithm: &AlgorithmIdentifier,
        message: &[u8],
        signature: &[u8],
        _options: &VerifyOptions,
    ) -> Result<(), VerifyError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        if signature.len() == 64 && !message.is_empty() {
            Ok(())
        } else {
            Err(VerifyError::BadSignature {
                algorithm: "GOST R 34.10-2012-256".into(),
            })
        }
    }
}

#[test]
fn a_plugged_backend_is_used_for_its_algorithms_only() {
    let root = common::national("ru-mincifry-root-gost2012-256-2022.pem");
    let verify = |v: &Verifiers| {
        v.verify(
            root.spki_der(),
            root.signature_algorithm_identifier(),
            root.tbs_der(),
            root.signature_value(),
        )
    };
    // The built-in backend verifies GOST itself …
    assert_eq!(verify(&Verifiers::builtin()).unwrap().verifier, "builtin");
    // … and without any backend it is refused by name.
    assert!(matches!(
        verify(&Verifiers::none()),
        Err(VerifyError::UnsupportedAlgorithm { .. })
    ));
    let calls = Arc::new(AtomicUsize::new(0));
    let verifiers = Verifiers::builtin().with(FakeGost {
        calls: Arc::clone(&calls),
    });
    let v = verify(&verifiers).unwrap();
    assert_eq!(v.verifier, "fake-gost");
    assert_eq!(v.algorithm, SignatureAlgorithm::GostR3410_2012_256);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    // Its verdicts are passed on unchanged.
    let err = verifiers
        .verify(
            root.spki_der(),
            root.signature_algorithm_identifier(),
            root.tbs_der(),
            &root.signature_value()[..10],
        )
        .unwrap_err();
    assert!(matches!(err, VerifyError::BadSignature { .. }));
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    // Other algorithms still go to the built-in backend.
    let chain = sigbridge::load_certificates(&read(&local("pki/kz/chain-ceo.pem"))).unwrap();
    let v = verifiers
        .verify(
            chain[1].spki_der(),
            chain[0].signature_algorithm_identifier(),
            chain[0].tbs_der(),
            chain[0].signature_value(),
        )
        .unwrap();
    assert_eq!(v.verifier, "builtin");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    // With no verifier at all, even RSA is unsupported.
    assert!(matches!(
        Verifiers::none().verify(
            chain[1].spki_der(),
            chain[0].signature_algorithm_identifier(),
            chain[0].tbs_der(),
            chain[0].signature_value(),
        ),
        Err(VerifyError::UnsupportedAlgorithm { .. })
    ));
}
