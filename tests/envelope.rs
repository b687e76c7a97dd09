//! Envelopes made and checked by sigbridge: what is written, what a
//! co-signature and a countersignature do, and one test per way a
//! signature can be wrong, each asserting the exact error.

mod common;

use common::der::{attr, content_type_attr, craft, digest_attr, ess_v2_attr, tlv};
use sigbridge::crypto::{Signer, SoftwareSigner, Verifiers};
use sigbridge::envelope::*;
use sigbridge::{
    Certificate, DocumentType, EnvelopeError, HashAlgorithm, Time, VerifyError, load_certificates,
};

const DOC: &[u8] = b"<CertificateOfOrigin number=\"CO-2026-0042\">\r\n\0\xff</CertificateOfOrigin>";

fn at() -> Time {
    "2026-11-23T09:00:00Z".parse().unwrap()
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn signer(dir: &str, name: &str) -> SoftwareSigner {
    let chain = load_certificates(&read(&format!("testdata/pki/{dir}/chain-{name}.pem")))
        .unwrap_or_else(|_| {
            load_certificates(&read(&format!("testdata/pki/{dir}/{name}.pem"))).unwrap()
        });
    SoftwareSigner::from_pkcs8_pem(
        &read(&format!("testdata/pki/{dir}/{name}.key")),
        chain[0].clone(),
    )
    .unwrap()
    .with_chain(chain[1..].to_vec())
}

fn qes() -> SoftwareSigner {
    signer("eu", "qes-natural")
}

fn qseal() -> SoftwareSigner {
    signer("eu", "qseal-legal")
}

fn verify(env: &Envelope, content: Option<&[u8]>) -> Vec<SignerCheck> {
    env.verify(content, &Verifiers::builtin(), &[]).unwrap()
}

fn only_error(checks: &[SignerCheck]) -> &EnvelopeError {
    assert_eq!(checks.len(), 1);
    checks[0].result.as_ref().unwrap_err()
}

#[test]
fn cades_b_b_attributes_are_written_and_read_back() {
    let policy = SignaturePolicyRef::new("1.2.398.3.3.4.1".parse().unwrap(), b"KZ policy 2026");
    let options = SignatureOptions::new(at())
        .document_type(DocumentType::CERTIFICATE_OF_ORIGIN)
        .commitment(CommitmentType::ProofOfOrigin)
        .policy(policy.clone())
        .include_chain(true);
    let env = Envelope::sign_detached(DOC, &qes(), &options).unwrap();
    assert!(env.is_detached());
    assert_eq!(*env.content_type(), ID_DATA);
    // Signer plus its issuing CA (the chain file holds the root too).
    assert_eq!(env.certificates().len(), qes().chain().len() + 1);
    let si = &env.signer_infos()[0];
    assert_eq!(si.version(), 1);
    let names: Vec<&str> = si
        .signed_attributes()
        .unwrap()
        .iter()
        .map(|a| a.name())
        .collect();
    for required in [
        "content-type",
        "message-digest",
        "signing-time",
        "signing-certificate-v2",
        "content-hints",
        "commitment-type-indication",
        "signature-policy-identifier",
    ] {
        assert!(
            names.contains(&required),
            "{required} missing from {names:?}"
        );
    }
    assert_eq!(si.signing_time(), Some(at()));
    assert_eq!(
        si.document_type(),
        Some(DocumentType::CERTIFICATE_OF_ORIGIN)
    );
    assert_eq!(si.commitment_type(), Some(CommitmentType::ProofOfOrigin));
    assert_eq!(si.signature_policy(), Some(policy));
    let refs = si.signing_certificate_refs().unwrap();
    assert_eq!(refs[0].hash_algorithm, HashAlgorithm::Sha256);
    assert!(refs[0].matches(qes().certificate()));
    let checks = verify(&env, Some(DOC));
    assert!(checks[0].is_valid(), "{:?}", checks[0].result);
    assert_eq!(
        checks[0].certificate.as_ref().unwrap().der(),
        qes().certificate().der()
    );
    // DER in, same DER out.
    let der = env.to_der();
    assert_eq!(Envelope::from_der(&der).unwrap().to_der(), der);
    assert_eq!(
        Envelope::parse(env.to_pem().as_bytes()).unwrap().to_der(),
        der
    );
}

#[test]
fn every_key_type_signs_and_verifies() {
    for (dir, name) in [
        ("eu", "qes-natural"),
        ("eu", "qseal-legal"),
        ("cn", "org-uscc"),
        ("cn", "org-rsa"),
        ("kz", "ceo"),
    ] {
        let s = signer(dir, name);
        for env in [
            Envelope::sign_detached(DOC, &s, &SignatureOptions::new(at())).unwrap(),
            Envelope::sign_detached_reader(&mut &DOC[..], &s, &SignatureOptions::new(at()))
                .unwrap(),
        ] {
            let checks = verify(&env, Some(DOC));
            assert!(checks[0].is_valid(), "{dir}/{name}: {:?}", checks[0].result);
        }
        let enveloping = Envelope::sign_enveloping(DOC, &s, &SignatureOptions::new(at())).unwrap();
        assert_eq!(enveloping.content(), Some(DOC));
        assert!(
            verify(&enveloping, None)[0].is_valid(),
            "{dir}/{name} enveloping"
        );
    }
}

#[test]
fn signer_named_by_key_id_gives_version_3() {
    let env = Envelope::sign_detached(
        DOC,
        &qes(),
        &SignatureOptions::new(at()).identify_by_key_id(true),
    )
    .unwrap();
    let si = &env.signer_infos()[0];
    assert_eq!(si.version(), 3);
    assert!(matches!(
        si.signer_identifier(),
        SignerIdentifier::SubjectKeyIdentifier(_)
    ));
    assert_eq!(env.version(), 3);
    assert!(verify(&env, Some(DOC))[0].is_valid());
}

#[test]
fn co_signers_are_added_one_at_a_time_without_breaking_the_first() {
    let first = Envelope::sign_detached(
        DOC,
        &qes(),
        &SignatureOptions::new(at()).document_type(DocumentType::CERTIFICATE_OF_ORIGIN),
    )
    .unwrap();
    let first_si = first.signer_infos()[0].clone();
    let tomorrow: Time = "2026-11-24T09:00:00Z".parse().unwrap();
    let both = Envelope::from_der(
        &first
            .add_signer(
                Some(DOC),
                &signer("cn", "org-uscc"),
                &SignatureOptions::new(tomorrow).commitment(CommitmentType::ProofOfApproval),
            )
            .unwrap()
            .to_der(),
    )
    .unwrap();
    assert_eq!(both.signer_infos().len(), 2);
    // The first signature is carried unchanged.
    assert!(both.signer_infos().contains(&first_si));
    // SHA-256 and SM3 both in digestAlgorithms.
    assert_eq!(both.digest_algorithms().len(), 2);
    let checks = verify(&both, Some(DOC));
    assert!(checks.iter().all(SignerCheck::is_valid), "{checks:?}");
    let mut times: Vec<Time> = checks.iter().filter_map(|c| c.signing_time).collect();
    times.sort();
    assert_eq!(times, [at(), tomorrow]);
    // Streaming verification hashes SHA-256 and SM3 in the one pass.
    let streamed = both
        .verify_reader(&mut &DOC[..], &Verifiers::builtin(), &[])
        .unwrap();
    assert!(streamed.iter().all(SignerCheck::is_valid));
}

#[test]
fn co_signing_another_document_is_refused() {
    let first = Envelope::sign_detached(DOC, &qes(), &SignatureOptions::new(at())).unwrap();
    assert!(matches!(
        first.add_signer(
            Some(b"another document"),
            &qseal(),
            &SignatureOptions::new(at())
        ),
        Err(EnvelopeError::DigestMismatch { .. })
    ));
    assert_eq!(
        first
            .add_signer(None, &qseal(), &SignatureOptions::new(at()))
            .unwrap_err(),
        EnvelopeError::MissingContent
    );
}

#[test]
fn countersignature_endorses_one_signature() {
    let env = Envelope::sign_detached(DOC, &qes(), &SignatureOptions::new(at()))
        .unwrap()
        .add_signer(Some(DOC), &qseal(), &SignatureOptions::new(at()))
        .unwrap();
    let endorsed_index = 1;
    let endorsed_der_signature = env.signer_infos()[endorsed_index].signature().to_vec();
    let authority = signer("cn", "org-rsa");
    let countersigned = env
        .countersign(
            endorsed_index,
            &authority,
            &SignatureOptions::new(at()).commitment(CommitmentType::ProofOfApproval),
        )
        .unwrap();
    let checks = verify(&countersigned, Some(DOC));
    assert!(checks.iter().all(SignerCheck::is_valid));
    let endorsed = checks
        .iter()
        .find(|c| !c.countersignatures.is_empty())
        .expect("one signature carries the countersignature");
    assert_eq!(
        countersigned.signer_infos()[endorsed.index].signature(),
        endorsed_der_signature
    );
    let cs = &endorsed.countersignatures[0];
    assert!(cs.is_valid(), "{:?}", cs.result);
    assert_eq!(
        cs.certificate.as_ref().unwrap().der(),
        authority.certificate().der()
    );
    // A second countersignature joins the same attribute.
    let twice = countersigned
        .countersign(endorsed.index, &qes(), &SignatureOptions::new(at()))
        .unwrap();
    let checks = verify(&twice, Some(DOC));
    let endorsed = &checks[endorsed.index];
    assert_eq!(endorsed.countersignatures.len(), 2);
    assert!(endorsed.countersignatures.iter().all(SignerCheck::is_valid));
    assert_eq!(
        env.countersign(5, &qes(), &SignatureOptions::new(at()))
            .unwrap_err(),
        EnvelopeError::NoSuchSigner { index: 5, count: 2 }
    );
}

// ---- Each way a signature can be wrong ----

#[test]
fn tampered_content_is_a_digest_mismatch() {
    let env = Envelope::sign_detached(DOC, &qes(), &SignatureOptions::new(at())).unwrap();
    let mut tampered = DOC.to_vec();
    tampered[5] ^= 0x20;
    assert!(matches!(
        only_error(&verify(&env, Some(&tampered))),
        EnvelopeError::DigestMismatch { algorithm, .. } if algorithm == "SHA-384"
    ));
    assert!(matches!(
        only_error(
            &env.verify_reader(&mut &tampered[..], &Verifiers::builtin(), &[])
                .unwrap()
        ),
        EnvelopeError::DigestMismatch { .. }
    ));
}

#[test]
fn tampered_signed_attribute_breaks_the_signature() {
    let env = Envelope::sign_detached(DOC, &qseal(), &SignatureOptions::new(at())).unwrap();
    let mut der = env.to_der();
    let when = b"261123090000Z";
    let pos = der.windows(when.len()).position(|w| w == when).unwrap();
    der[pos + 11] = b'1'; // one second later
    let tampered = Envelope::from_der(&der).unwrap();
    assert!(matches!(
        only_error(&verify(&tampered, Some(DOC))),
        EnvelopeError::Signature {
            source: VerifyError::BadSignature { .. },
            ..
        }
    ));
}

#[test]
fn truncated_and_trailing_bytes_are_malformed() {
    let der = Envelope::sign_detached(DOC, &qes(), &SignatureOptions::new(at()))
        .unwrap()
        .to_der();
    for cut in [1, 10, der.len() / 2, der.len() - 1] {
        assert!(
            matches!(
                Envelope::from_der(&der[..cut]),
                Err(EnvelopeError::Malformed {
                    part: "ContentInfo",
                    ..
                })
            ),
            "cut at {cut}"
        );
    }
    let mut trailing = der.clone();
    trailing.extend_from_slice(b"garbage");
    assert!(matches!(
        Envelope::from_der(&trailing),
        Err(EnvelopeError::Malformed { part: "ContentInfo", reason }) if reason.contains("7 byte")
    ));
    assert!(matches!(
        Envelope::parse(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
        Err(EnvelopeError::Pem { .. })
    ));
}

#[test]
fn content_is_needed_once() {
    let detached = Envelope::sign_detached(DOC, &qes(), &SignatureOptions::new(at())).unwrap();
    assert_eq!(
        detached
            .verify(None, &Verifiers::builtin(), &[])
            .unwrap_err(),
        EnvelopeError::MissingContent
    );
    let enveloping = Envelope::sign_enveloping(DOC, &qes(), &SignatureOptions::new(at())).unwrap();
    assert_eq!(
        enveloping
            .verify(Some(DOC), &Verifiers::builtin(), &[])
            .unwrap_err(),
        EnvelopeError::ContentConflict
    );
}

#[test]
fn signer_certificate_must_be_found() {
    let dir = "../shared/testdata/openssl-cms/rsa";
    let env = Envelope::from_der(&read(&format!("{dir}/sig-nocerts.p7s"))).unwrap();
    let doc = read("../shared/testdata/openssl-cms/doc.bin");
    assert!(matches!(
        only_error(&env.verify(Some(&doc), &Verifiers::builtin(), &[]).unwrap()),
        EnvelopeError::SignerCertificateNotFound { given: 0, .. }
    ));
    let extra = load_certificates(&read(&format!("{dir}/signer.pem"))).unwrap();
    assert!(
        env.verify(Some(&doc), &Verifiers::builtin(), &extra)
            .unwrap()[0]
            .is_valid()
    );
}

// ---- Hand-made SignerInfos, for what our builder refuses to write ----

fn sha256_doc() -> Vec<u8> {
    HashAlgorithm::Sha256.digest(DOC).unwrap()
}

fn standard_attrs(cert: &Certificate) -> Vec<Vec<u8>> {
    vec![
        content_type_attr("1.2.840.113549.1.7.1"),
        digest_attr(&sha256_doc()),
        ess_v2_attr(cert),
    ]
}

fn rsa_pair() -> (SoftwareSigner, Certificate, Certificate) {
    // Two certificates for one key: the OpenSSL fixtures' signer and signer-docsign.
    let dir = "../shared/testdata/openssl-cms/rsa";
    let cert = Certificate::from_pem(&read(&format!("{dir}/signer.pem"))).unwrap();
    let docsign = Certificate::from_pem(&read(&format!("{dir}/signer-docsign.pem"))).unwrap();
    let key =
        SoftwareSigner::from_pkcs8_pem(&read(&format!("{dir}/signer.key")), cert.clone()).unwrap();
    (key, cert, docsign)
}

#[test]
fn crafted_envelope_with_standard_attributes_verifies() {
    // The control for the crafted negatives below.
    let (key, cert, _) = rsa_pair();
    let env = craft(
        &key,
        &cert,
        "2.16.840.1.101.3.4.2.1",
        standard_attrs(&cert),
        &[&cert],
    );
    assert!(verify(&env, Some(DOC))[0].is_valid());
}

#[test]
fn an_odd_certificate_does_not_spoil_the_envelope() {
    // A CertificateChoices entry that is a SEQUENCE but no certificate,
    // beside the real signer certificate: the envelope parses, the odd entry
    // reports its own error, and the signature verifies.
    let (key, cert, _) = rsa_pair();
    let odd = Certificate::from_pem(&read("testdata/pki/eu/root.pem")).unwrap();
    let mut env_der = craft(
        &key,
        &cert,
        "2.16.840.1.101.3.4.2.1",
        standard_attrs(&cert),
        &[&odd, &cert],
    )
    .to_der();
    // Corrupt the first byte inside the root's TBS (its version tag) without changing lengths.
    let pos = env_der
        .windows(odd.der().len())
        .position(|w| w == odd.der())
        .unwrap();
    let tbs_start = pos + 4; // SEQUENCE header of the certificate (long form, 2 length octets)
    assert_eq!(env_der[tbs_start], 0x30);
    env_der[tbs_start] = 0x31;
    let env = Envelope::from_der(&env_der).unwrap();
    assert_eq!(env.certificates().len(), 2);
    let broken = env
        .certificates()
        .iter()
        .filter(|c| c.certificate().is_err())
        .count();
    assert_eq!(broken, 1);
    assert!(verify(&env, Some(DOC))[0].is_valid());
}

#[test]
fn signature_moved_to_another_signers_certificate() {
    // qes-natural's signature, with a SignerInfo naming qseal-legal (same CA).
    let (a, b) = (qes(), qseal());
    let env = craft(
        &a,
        b.certificate(),
        "2.16.840.1.101.3.4.2.2",
        vec![
            content_type_attr("1.2.840.113549.1.7.1"),
            digest_attr(&HashAlgorithm::Sha384.digest(DOC).unwrap()),
            ess_v2_attr(a.certificate()),
        ],
        &[a.certificate(), b.certificate()],
    );
    match only_error(&verify(&env, Some(DOC))) {
        EnvelopeError::Signature {
            signer,
            source: VerifyError::BadSignature { .. },
        } => assert_eq!(*signer, b.certificate().subject().to_string()),
        other => panic!("expected BadSignature, got {other:?}"),
    }
}

#[test]
fn signing_certificate_v2_of_another_certificate() {
    // Same key, so the signature verifies; the ESS attribute names the other certificate.
    let (key, cert, docsign) = rsa_pair();
    let mut attrs = standard_attrs(&cert);
    attrs[2] = ess_v2_attr(&docsign);
    let env = craft(
        &key,
        &cert,
        "2.16.840.1.101.3.4.2.1",
        attrs,
        &[&cert, &docsign],
    );
    assert!(matches!(
        only_error(&verify(&env, Some(DOC))),
        EnvelopeError::SigningCertificateMismatch { .. }
    ));
}

#[test]
fn missing_and_repeated_message_digest() {
    let (key, cert, _) = rsa_pair();
    let sha = "2.16.840.1.101.3.4.2.1";
    let missing = craft(
        &key,
        &cert,
        sha,
        vec![
            content_type_attr("1.2.840.113549.1.7.1"),
            ess_v2_attr(&cert),
        ],
        &[&cert],
    );
    assert!(matches!(
        only_error(&verify(&missing, Some(DOC))),
        EnvelopeError::MissingAttribute {
            attribute: "message-digest",
            ..
        }
    ));
    let mut two = standard_attrs(&cert);
    two.push(digest_attr(&sha256_doc()[..31]));
    let two_attributes = craft(&key, &cert, sha, two, &[&cert]);
    assert!(matches!(
        only_error(&verify(&two_attributes, Some(DOC))),
        EnvelopeError::DuplicateAttribute {
            attribute: "message-digest",
            ..
        }
    ));
    let mut two_values = standard_attrs(&cert);
    two_values[1] = attr(
        "1.2.840.113549.1.9.4",
        &[tlv(0x04, &[&sha256_doc()]), tlv(0x04, &[&[0u8; 32]])],
    );
    let two_values = craft(&key, &cert, sha, two_values, &[&cert]);
    assert!(matches!(
        only_error(&verify(&two_values, Some(DOC))),
        EnvelopeError::DuplicateAttribute {
            attribute: "message-digest",
            ..
        }
    ));
}

#[test]
fn content_type_attribute_must_match_and_be_present() {
    let (key, cert, _) = rsa_pair();
    let sha = "2.16.840.1.101.3.4.2.1";
    let mut attrs = standard_attrs(&cert);
    attrs[0] = content_type_attr("1.2.840.113549.1.7.2");
    match only_error(&verify(
        &craft(&key, &cert, sha, attrs, &[&cert]),
        Some(DOC),
    )) {
        EnvelopeError::ContentTypeMismatch { attribute, .. } => {
            assert_eq!(attribute.to_string(), "1.2.840.113549.1.7.2")
        }
        other => panic!("expected ContentTypeMismatch, got {other:?}"),
    }
    let attrs = vec![digest_attr(&sha256_doc()), ess_v2_attr(&cert)];
    assert!(matches!(
        only_error(&verify(
            &craft(&key, &cert, sha, attrs, &[&cert]),
            Some(DOC)
        )),
        EnvelopeError::MissingAttribute {
            attribute: "content-type",
            ..
        }
    ));
}

#[test]
fn digest_and_signature_algorithms_must_agree() {
    // digestAlgorithm SHA-384, signature sha256WithRSAEncryption.
    let (key, cert, _) = rsa_pair();
    let attrs = vec![
        content_type_attr("1.2.840.113549.1.7.1"),
        digest_attr(&HashAlgorithm::Sha384.digest(DOC).unwrap()),
    ];
    assert!(matches!(
        only_error(&verify(
            &craft(&key, &cert, "2.16.840.1.101.3.4.2.2", attrs, &[&cert]),
            Some(DOC)
        )),
        EnvelopeError::AlgorithmMismatch { digest, .. } if digest == "SHA-384"
    ));
}

#[test]
fn unknown_digest_algorithm_is_named() {
    let (key, cert, _) = rsa_pair();
    // A digest OID outside the table. (RFC 5652 leaves the hash to the
    // signer; we can only say which one we cannot compute.)
    let env = craft(&key, &cert, "1.2.3.4", standard_attrs(&cert), &[&cert]);
    match only_error(&verify(&env, Some(DOC))) {
        EnvelopeError::UnsupportedDigest { oid, .. } => assert_eq!(oid.to_string(), "1.2.3.4"),
        other => panic!("expected UnsupportedDigest, got {other:?}"),
    }
    // Streebog (GOST R 34.11-2012) is known by name but inconsistent with an RSA/SHA-256 signature.
    let env = craft(
        &key,
        &cert,
        "1.2.643.7.1.1.2.2",
        standard_attrs(&cert),
        &[&cert],
    );
    assert!(matches!(
        only_error(&verify(&env, Some(DOC))),
        EnvelopeError::AlgorithmMismatch { digest, .. } if digest.contains("34.11-2012")
    ));
}

/// Bare base64 of the DER, as NCALayer and CryptoPro hand signatures over:
/// 64- or 76-character lines, CRLF or LF, trailing whitespace.
#[test]
fn bare_base64_envelopes_are_read() {
    use base64::Engine as _;
    let env = Envelope::sign_enveloping(DOC, &qes(), &SignatureOptions::new(at())).unwrap();
    let der = env.to_der();
    let text = base64::engine::general_purpose::STANDARD.encode(&der);
    let lines = |width: usize, eol: &str| -> String {
        let mut out: Vec<String> = text
            .as_bytes()
            .chunks(width)
            .map(|l| String::from_utf8(l.to_vec()).unwrap())
            .collect();
        out.push(String::new());
        out.join(eol) + " \t"
    };
    for input in [text.clone(), lines(64, "\r\n"), lines(76, "\n")] {
        let parsed = Envelope::parse(input.as_bytes()).unwrap();
        assert_eq!(parsed.to_der(), der);
        assert_eq!(parsed.content(), Some(DOC));
        assert!(verify(&parsed, None)[0].is_valid());
    }
    // All base64 alphabet, but not a ContentInfo: the exact typed error.
    let integer = base64::engine::general_purpose::STANDARD.encode([0x02, 0x01, 0x07]);
    assert_eq!(
        Envelope::parse(integer.as_bytes()).unwrap_err(),
        EnvelopeError::Base64 {
            reason: "it decodes to 3 bytes starting with 0x02, not a SEQUENCE (0x30) as a CMS ContentInfo starts".into()
        }
    );
    // Truncated base64 (a lost last line breaks the padding): a Base64 error, not a panic.
    assert!(matches!(
        Envelope::parse(&text.as_bytes()[..text.len() - 3]),
        Err(EnvelopeError::Base64 { .. })
    ));
    // Base64 of a certificate is read as DER and refused as what it is.
    let cert = std::fs::read("testdata/pki/eu/qes-natural.der").unwrap();
    let cert_text = base64::engine::general_purpose::STANDARD.encode(&cert);
    assert_eq!(
        Envelope::parse(cert_text.as_bytes()).unwrap_err(),
        EnvelopeError::Malformed {
            part: "ContentInfo.contentType",
            reason: "expected tag 0x06, found 0x30".into()
        }
    );
    // One character outside the alphabet: not bare base64, so read as PEM and refused.
    let stray = format!("{text}!");
    assert!(matches!(
        Envelope::parse(stray.as_bytes()),
        Err(EnvelopeError::Pem { .. })
    ));
}

/// A chain given to the signer (`with_chain`) is shipped unless the options
/// leave it out explicitly; it is never dropped because `include_chain` was
/// not called.
#[test]
fn the_signers_chain_is_shipped_unless_left_out() {
    let signer = qseal();
    let chain_len = signer.chain().len();
    assert_eq!(
        chain_len, 2,
        "eu/chain-qseal-legal.pem: issuing CA and root"
    );
    let fingerprints = |env: &Envelope| -> Vec<String> {
        env.certificates()
            .iter()
            .map(|c| c.certificate().unwrap().fingerprint_hex())
            .collect()
    };
    let mut expected: Vec<String> = std::iter::once(signer.certificate())
        .chain(signer.chain())
        .map(|c| c.fingerprint_hex())
        .collect();
    expected.sort();
    for env in [
        Envelope::sign_detached(DOC, &signer, &SignatureOptions::new(at())).unwrap(),
        Envelope::sign_enveloping(DOC, &signer, &SignatureOptions::new(at())).unwrap(),
        Envelope::sign_detached(
            DOC,
            &qes(),
            &SignatureOptions::new(at()).include_chain(false),
        )
        .unwrap()
        .add_signer(Some(DOC), &signer, &SignatureOptions::new(at()))
        .unwrap(),
    ] {
        let mut got = fingerprints(&env);
        got.retain(|f| expected.contains(f));
        got.sort();
        got.dedup();
        assert_eq!(got, expected);
    }
    let alone = Envelope::sign_detached(
        DOC,
        &signer,
        &SignatureOptions::new(at()).include_chain(false),
    )
    .unwrap();
    assert_eq!(
        fingerprints(&alone),
        vec![signer.certificate().fingerprint_hex()]
    );
    // A signer without a chain ships its certificate alone either way.
    let bare = SoftwareSigner::from_pkcs8_pem(
        &read("testdata/pki/eu/qseal-legal.key"),
        signer.certificate().clone(),
    )
    .unwrap();
    let env = Envelope::sign_detached(DOC, &bare, &SignatureOptions::new(at())).unwrap();
    assert_eq!(
        fingerprints(&env),
        vec![signer.certificate().fingerprint_hex()]
    );
}
