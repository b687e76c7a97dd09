//! NIST PKITS S/MIME messages (`../shared/testdata/pkits/smime-extracted`):
//! 224 detached CMS SignedData, one per PKITS test, each over its `.content`.
//! Every one parses; every one verifies cryptographically except the three
//! signed with DSA keys, which sigbridge does not implement.
//!
//! This is the signature layer only: whether the signer's certificate path
//! is valid (what PKITS is about) is `tests/path_pkits.rs`'s business.

use std::path::{Path, PathBuf};

use sigbridge::crypto::Verifiers;
use sigbridge::envelope::{Encoding, Envelope, SignerIdentifier};
use sigbridge::{EnvelopeError, HashAlgorithm, Oid, SignatureAlgorithm, VerifyError};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/pkits/smime-extracted")
}

/// The messages signed with DSA (PKITS 4.1.4, 4.1.5, 4.1.6): dsaWithSHA1
/// over SHA-1. OpenSSL verifies 4 and 6 and fails 5 (DSA parameter
/// inheritance); sigbridge has no DSA verifier, so all three are unsupported.
const DSA: [&str; 3] = [
    "SignedInvalidDSASignatureTest6",
    "SignedValidDSAParameterInheritanceTest5",
    "SignedValidDSASignaturesTest4",
];

/// How many messages are not strict DER: their certificates SET OF is in
/// path order, not sorted as X.690 §11.6 requires (checked independently
/// of sigbridge); `to_der` sorts it, the signatures are unaffected.
const RESORTED: usize = 91;

#[test]
fn every_pkits_message_parses_and_verifies() {
    let started = std::time::Instant::now();
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap_or_else(|e| panic!("{}: {e}", dir().display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".p7s").map(str::to_owned))
        .collect();
    names.sort();
    assert_eq!(names.len(), 224, "messages");

    let dsa_with_sha1: Oid = "1.2.840.10040.4.3".parse().unwrap();
    let mut parse_failures = Vec::new();
    let mut verified = 0;
    let mut unsupported = Vec::new();
    let mut other_failures = Vec::new();
    let mut resorted = 0;
    for name in &names {
        let p7s = std::fs::read(dir().join(format!("{name}.p7s"))).unwrap();
        let content = std::fs::read(dir().join(format!("{name}.content")))
            .unwrap_or_else(|e| panic!("{name}.content: {e}"));
        let env = match Envelope::from_der(&p7s) {
            Ok(env) => env,
            Err(e) => {
                parse_failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        assert_eq!(env.encoding(), Encoding::Der, "{name}");
        assert!(env.is_detached(), "{name}");
        // Some messages order their certificates as the path goes, not as
        // DER sorts a SET OF, so our DER differs from theirs; it is stable.
        let der = env.to_der();
        if der != p7s {
            resorted += 1;
        }
        let again = Envelope::from_der(&der).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(again.to_der() == der, "{name}: DER round trip not stable");
        assert_eq!(again.signer_infos(), env.signer_infos(), "{name}");
        assert_eq!(env.signer_infos().len(), 1, "{name}");
        let si = &env.signer_infos()[0];
        assert!(
            matches!(
                si.signer_identifier(),
                SignerIdentifier::IssuerAndSerialNumber { .. }
            ),
            "{name}"
        );
        let checks = env
            .verify(Some(&content), &Verifiers::builtin(), &[])
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(checks.len(), 1, "{name}");
        let check = &checks[0];
        // The signer certificate travels in the message, and the signed
        // attributes include signing-time.
        let cert = check
            .certificate
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: signer certificate not found"));
        assert!(si.signer_identifier().matches(cert), "{name}");
        assert!(check.signing_time.is_some(), "{name}");
        assert!(check.countersignatures.is_empty(), "{name}");
        match &check.result {
            Ok(v) => {
                verified += 1;
                assert_eq!(
                    v.algorithm,
                    SignatureAlgorithm::RsaPkcs1 {
                        hash: HashAlgorithm::Sha256
                    },
                    "{name}"
                );
                assert!(!v.weak, "{name}");
            }
            Err(EnvelopeError::Signature {
                source: VerifyError::UnsupportedAlgorithm { oid, .. },
                ..
            }) if *oid == dsa_with_sha1 => unsupported.push(name.clone()),
            Err(e) => other_failures.push(format!("{name}: {e:?}")),
        }
        // The same message with one byte appended no longer verifies.
        let mut tampered = content.clone();
        tampered.push(b'\n');
        let checks = env
            .verify(Some(&tampered), &Verifiers::builtin(), &[])
            .unwrap();
        assert!(
            matches!(checks[0].result, Err(EnvelopeError::DigestMismatch { .. })),
            "{name} tampered: {:?}",
            checks[0].result
        );
    }
    assert!(
        parse_failures.is_empty(),
        "{} of {} do not parse:\n{}",
        parse_failures.len(),
        names.len(),
        parse_failures.join("\n")
    );
    assert!(
        other_failures.is_empty(),
        "unexpected failures:\n{}",
        other_failures.join("\n")
    );
    assert_eq!(unsupported, DSA, "DSA-signed messages");
    assert_eq!(verified, 221);
    assert_eq!(resorted, RESORTED);
    assert_eq!(verified + unsupported.len(), names.len());
    // The whole corpus is small: keep it fast.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

/// The DSA messages also fail by reader (the digest check passes: SHA-1
/// is computed; only the DSA signature cannot be checked).
#[test]
fn dsa_messages_fail_as_unsupported_by_reader_too() {
    for name in DSA {
        let env =
            Envelope::from_der(&std::fs::read(dir().join(format!("{name}.p7s"))).unwrap()).unwrap();
        assert_eq!(
            env.signer_infos()[0].digest_algorithm().oid,
            HashAlgorithm::Sha1.oid(),
            "{name}"
        );
        let content = std::fs::read(dir().join(format!("{name}.content"))).unwrap();
        let mut reader: &[u8] = &content;
        let checks = env
            .verify_reader(&mut reader, &Verifiers::builtin(), &[])
            .unwrap();
        assert!(
            matches!(
                &checks[0].result,
                Err(EnvelopeError::Signature {
                    source: VerifyError::UnsupportedAlgorithm { name: alg, .. },
                    ..
                }) if alg == "DSA with SHA-1"
            ),
            "{name}: {:?}",
            checks[0].result
        );
    }
}
