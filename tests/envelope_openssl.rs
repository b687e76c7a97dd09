//! CMS interoperability with OpenSSL 3.0 (`../shared/testdata/openssl-cms`):
//!
//! 1. our verdict on every OpenSSL-made fixture equals OpenSSL's own
//!    (`openssl-verify-matrix.json`, `-purpose any`), by bytes and by reader;
//! 2. `openssl cms -verify` accepts what we sign (PKCS#1 v1.5, PSS, P-256,
//!    DER and PEM, co-signed, enveloping, countersigned);
//! 3. we verify what `openssl cms -sign` makes (two co-signers, detached,
//!    `-nodetach`, `-stream` BER);
//! 4. fixtures survive a DER round trip.
//!
//! The interop tests run the `openssl` binary; without it they fail (CI
//! installs it), they never pass silently.

mod common;

use std::path::{Path, PathBuf};

use common::scratch::Scratch;
use std::process::{Command, Output};

use serde::Deserialize;
use sigbridge::crypto::{SigningScheme, SoftwareSigner, Verifiers};
use sigbridge::envelope::{
    Attribute, CONTENT_TYPE, Encoding, Envelope, MESSAGE_DIGEST, SignatureOptions, SignerCheck,
    SignerIdentifier,
};
use sigbridge::{
    Certificate, EnvelopeError, HashAlgorithm, SignatureAlgorithm, Time, VerifyError,
    load_certificates,
};

/// `../shared/testdata/openssl-cms/<rel>`.
fn fixture_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/testdata/openssl-cms")
        .join(rel)
}

fn read(rel: &str) -> Vec<u8> {
    let path = fixture_path(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn cert(rel: &str) -> Certificate {
    let mut certs = load_certificates(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert_eq!(certs.len(), 1, "{rel}");
    certs.remove(0)
}

fn doc() -> Vec<u8> {
    read("doc.bin")
}

fn signing_time() -> Time {
    Time::from_ymd_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

/// `rsa` or `ec` signer, with its intermediate as chain.
fn signer(alg: &str) -> SoftwareSigner {
    SoftwareSigner::from_pkcs8_pem(
        &read(&format!("{alg}/signer.key")),
        cert(&format!("{alg}/signer.pem")),
    )
    .unwrap_or_else(|e| panic!("{alg}/signer.key: {e}"))
    .with_chain(vec![cert(&format!("{alg}/inter.pem"))])
}

fn options() -> SignatureOptions {
    SignatureOptions::new(signing_time()).include_chain(true)
}

/// Every fixture signature, e.g. `rsa/sig-basic.p7s`, sorted.
fn fixture_signatures() -> Vec<String> {
    let mut out = Vec::new();
    for alg in ["rsa", "ec"] {
        for entry in std::fs::read_dir(fixture_path(alg)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".p7s") {
                out.push(format!("{alg}/{name}"));
            }
        }
    }
    out.sort();
    out
}

/// `sig-basic` of `rsa/sig-basic.p7s`.
fn stem(signature: &str) -> &str {
    signature
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".p7s")
}

/// The certificate each fixture is signed with.
fn expected_signer_cert(signature: &str) -> Certificate {
    let alg = signature.split('/').next().unwrap();
    let file = match stem(signature) {
        "sig-docsign-eku" => "signer-docsign.pem",
        "sig-bad-keyusage" => "signer-badku.pem",
        _ => "signer.pem",
    };
    cert(&format!("{alg}/{file}"))
}

/// The certificates the caller must supply: only `sig-nocerts` carries none.
fn extra_for(signature: &str) -> Vec<Certificate> {
    if stem(signature) == "sig-nocerts" {
        let alg = signature.split('/').next().unwrap();
        vec![
            cert(&format!("{alg}/signer.pem")),
            cert(&format!("{alg}/inter.pem")),
        ]
    } else {
        Vec::new()
    }
}

fn all_valid(checks: &[SignerCheck]) -> bool {
    !checks.is_empty() && checks.iter().all(SignerCheck::is_valid)
}

#[derive(Debug, Deserialize)]
struct MatrixEntry {
    alg: String,
    signature: String,
    content: String,
    openssl_mode: String,
    openssl_ok: bool,
    openssl_error: String,
}

fn matrix() -> Vec<MatrixEntry> {
    serde_json::from_slice(&read("openssl-verify-matrix.json")).unwrap()
}

// ---------------------------------------------------------------------------
// 1. OpenSSL's fixtures: our verdict agrees with OpenSSL's on every one.
// ---------------------------------------------------------------------------

#[test]
fn verdicts_agree_with_openssl_purpose_any() {
    let entries = matrix();
    assert_eq!(entries.len(), 76, "matrix size");
    let mut count = 0;
    let mut valid = 0;
    for e in entries.iter().filter(|e| e.openssl_mode == "any") {
        count += 1;
        let what = format!("{} over {}", e.signature, e.content);
        assert!(e.signature.starts_with(&format!("{}/", e.alg)), "{what}");
        let env =
            Envelope::from_der(&read(&e.signature)).unwrap_or_else(|err| panic!("{what}: {err}"));
        assert_eq!(env.encoding(), Encoding::Der, "{what}");
        assert!(env.is_detached(), "{what}");
        // Signer and intermediate in every one (sig-noattr too, whatever the
        // fixtures' README says), none in sig-nocerts.
        let carried = if stem(&e.signature) == "sig-nocerts" {
            0
        } else {
            2
        };
        assert_eq!(env.certificates().len(), carried, "{what}");
        let content = read(&e.content);
        let extra = extra_for(&e.signature);
        let checks = env
            .verify(Some(&content), &Verifiers::builtin(), &extra)
            .unwrap_or_else(|err| panic!("{what}: {err}"));
        assert_eq!(checks.len(), 1, "{what}");
        let ours = all_valid(&checks);
        assert_eq!(
            ours, e.openssl_ok,
            "{what}: ours {:?}, OpenSSL {:?} {}",
            checks[0].result, e.openssl_ok, e.openssl_error
        );
        let check = &checks[0];
        let noattr = stem(&e.signature) == "sig-noattr";
        match e.content.as_str() {
            "doc.bin" => {
                assert!(e.openssl_ok, "{what}: OpenSSL accepts every signature");
                valid += 1;
                let found = check.certificate.as_ref().expect("signer certificate");
                let expected = expected_signer_cert(&e.signature);
                assert_eq!(found.subject(), expected.subject(), "{what}");
                assert_eq!(found.der(), expected.der(), "{what}");
                assert_eq!(check.signing_time.is_some(), !noattr, "{what}");
                if !noattr {
                    // The fixtures were made on 2026-11-22 (certificates' notBefore).
                    let t = check.signing_time.unwrap();
                    assert!(
                        t >= Time::from_ymd_hms(2026, 11, 22, 0, 0, 0).unwrap(),
                        "{what}"
                    );
                }
            }
            "doc-tampered.bin" => {
                assert!(
                    e.openssl_error.contains("content verify error"),
                    "{what}: {}",
                    e.openssl_error
                );
                if noattr {
                    // No signed attributes: the signature covers the content
                    // itself, so tampering breaks the signature value.
                    assert!(
                        matches!(
                            check.result,
                            Err(EnvelopeError::Signature {
                                source: VerifyError::BadSignature { .. },
                                ..
                            })
                        ),
                        "{what}: {:?}",
                        check.result
                    );
                } else {
                    assert!(
                        matches!(check.result, Err(EnvelopeError::DigestMismatch { .. })),
                        "{what}: {:?}",
                        check.result
                    );
                }
            }
            other => panic!("unexpected content {other}"),
        }
    }
    // 19 signatures (10 RSA incl. PSS, 9 EC) × 2 contents.
    assert_eq!(count, 38);
    assert_eq!(valid, 19);
    assert_eq!(fixture_signatures().len(), 19);
}

#[test]
fn reader_verdicts_agree_with_openssl_purpose_any() {
    let mut count = 0;
    for e in matrix().iter().filter(|e| e.openssl_mode == "any") {
        count += 1;
        let what = format!("{} over {} (reader)", e.signature, e.content);
        let env = Envelope::from_der(&read(&e.signature)).unwrap();
        let content = read(&e.content);
        let mut reader: &[u8] = &content;
        let checks = env
            .verify_reader(&mut reader, &Verifiers::builtin(), &extra_for(&e.signature))
            .unwrap_or_else(|err| panic!("{what}: {err}"));
        assert_eq!(checks.len(), 1, "{what}");
        if stem(&e.signature) == "sig-noattr" {
            assert!(
                matches!(
                    checks[0].result,
                    Err(EnvelopeError::ContentNeededInMemory { .. })
                ),
                "{what}: {:?}",
                checks[0].result
            );
            continue;
        }
        assert_eq!(
            all_valid(&checks),
            e.openssl_ok,
            "{what}: ours {:?}, OpenSSL {}",
            checks[0].result,
            e.openssl_error
        );
        if !e.openssl_ok {
            assert!(
                matches!(checks[0].result, Err(EnvelopeError::DigestMismatch { .. })),
                "{what}: {:?}",
                checks[0].result
            );
        }
        // Same answer as from bytes.
        let from_bytes = env
            .verify(
                Some(&content),
                &Verifiers::builtin(),
                &extra_for(&e.signature),
            )
            .unwrap();
        assert_eq!(
            format!("{:?}", checks[0].result),
            format!("{:?}", from_bytes[0].result),
            "{what}"
        );
    }
    assert_eq!(count, 38);
}

#[test]
fn cades_mode_signing_certificate_attribute() {
    let mut count = 0;
    for e in matrix().iter().filter(|e| e.openssl_mode == "cades") {
        count += 1;
        let what = format!("{} (-cades)", e.signature);
        assert_eq!(e.content, "doc.bin", "{what}");
        let env = Envelope::from_der(&read(&e.signature)).unwrap();
        let si = &env.signer_infos()[0];
        let name = stem(&e.signature);
        let has_attribute = name.starts_with("sig-cades") || name == "sig-pss";
        let refs = si.signing_certificate_refs();
        assert_eq!(refs.is_some(), has_attribute, "{what}");
        if let Some(refs) = refs {
            assert!(!refs.is_empty(), "{what}");
            assert!(
                refs[0].matches(&expected_signer_cert(&e.signature)),
                "{what}"
            );
        }
        let checks = env
            .verify(
                Some(&doc()),
                &Verifiers::builtin(),
                &extra_for(&e.signature),
            )
            .unwrap();
        let ours = all_valid(&checks) && has_attribute;
        if name == "sig-noattr" {
            // Deliberate divergence: OpenSSL's -cades skips the ESS check when
            // there are no signed attributes at all and accepts sig-noattr; a
            // CAdES verifier needs the signing-certificate(-v2) attribute
            // (EN 319 122-1 §5.2.2), which sig-noattr cannot carry.
            assert!(e.openssl_ok, "{what}: the OpenSSL quirk is recorded");
            assert!(!ours, "{what}");
        } else {
            assert_eq!(ours, e.openssl_ok, "{what}: {}", e.openssl_error);
        }
    }
    assert_eq!(count, 19);
}

#[test]
fn pss_and_key_id_fixtures() {
    let env = Envelope::from_der(&read("rsa/sig-pss.p7s")).unwrap();
    let checks = env
        .verify(Some(&doc()), &Verifiers::builtin(), &[])
        .unwrap();
    let verified = checks[0].result.as_ref().unwrap();
    assert!(
        matches!(
            verified.algorithm,
            SignatureAlgorithm::RsaPss { params: Some(_) }
        ),
        "{:?}",
        verified.algorithm
    );
    assert_eq!(verified.hash, Some(HashAlgorithm::Sha256));

    for alg in ["rsa", "ec"] {
        let rel = format!("{alg}/sig-keyid.p7s");
        let env = Envelope::from_der(&read(&rel)).unwrap();
        let si = &env.signer_infos()[0];
        assert_eq!(si.version(), 3, "{rel}");
        let SignerIdentifier::SubjectKeyIdentifier(ski) = si.signer_identifier() else {
            panic!("{rel}: {:?}", si.signer_identifier());
        };
        let signer = cert(&format!("{alg}/signer.pem"));
        assert_eq!(signer.subject_key_id(), Some(ski.as_slice()), "{rel}");
        // SignedData version 3 follows from a version-3 SignerInfo (RFC 5652 §5.1).
        assert_eq!(env.version(), 3, "{rel}");
        let checks = env
            .verify(Some(&doc()), &Verifiers::builtin(), &[])
            .unwrap();
        assert!(all_valid(&checks), "{rel}: {:?}", checks[0].result);
    }
}

// ---------------------------------------------------------------------------
// 4. Round trip.
// ---------------------------------------------------------------------------

#[test]
fn fixtures_round_trip_through_der() {
    let sigs = fixture_signatures();
    assert_eq!(sigs.len(), 19);
    for rel in &sigs {
        let original = read(rel);
        let env = Envelope::from_der(&original).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let der = env.to_der();
        let again = Envelope::from_der(&der).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(again.to_der() == der, "{rel}: re-encoding is not stable");
        // OpenSSL writes DER, so re-encoding gives back its exact bytes.
        assert!(der == original, "{rel}: re-encoding changed OpenSSL's DER");
    }
}

// ---------------------------------------------------------------------------
// Running openssl.
// ---------------------------------------------------------------------------

fn openssl(args: &[&str]) -> Output {
    match Command::new("openssl").args(args).output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "the `openssl` binary is not on PATH: the CMS interop tests need it \
             (CI installs it; locally: apt-get install openssl)"
        ),
        Err(e) => panic!("cannot run openssl: {e}"),
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `openssl cms -verify … -cades -purpose any`; panics with OpenSSL's stderr on failure.
fn openssl_verifies(
    what: &str,
    sig: &Path,
    inform: &str,
    content: Option<&Path>,
    ca: &Path,
    out: &Path,
) {
    let mut args = vec![
        "cms",
        "-verify",
        "-binary",
        "-inform",
        inform,
        "-in",
        s(sig),
    ];
    if let Some(c) = content {
        args.extend(["-content", s(c)]);
    }
    args.extend([
        "-CAfile",
        s(ca),
        "-cades",
        "-purpose",
        "any",
        "-out",
        s(out),
    ]);
    let result = openssl(&args);
    assert!(
        result.status.success(),
        "{what}: openssl {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&result.stderr)
    );
}

// ---------------------------------------------------------------------------
// 2. We sign, OpenSSL verifies.
// ---------------------------------------------------------------------------

#[test]
fn openssl_verifies_our_detached_signatures() {
    let scratch = Scratch::new("envelope-openssl", "detached");
    let doc_path = fixture_path("doc.bin");
    let cases = [
        ("rsa", "RSA PKCS#1 v1.5", signer("rsa")),
        (
            "rsa",
            "RSA-PSS",
            signer("rsa")
                .with_scheme(SigningScheme::RsaPss(HashAlgorithm::Sha256))
                .unwrap(),
        ),
        ("ec", "ECDSA P-256", signer("ec")),
    ];
    for (i, (alg, what, signer)) in cases.iter().enumerate() {
        let env = Envelope::sign_detached(&doc(), signer, &options()).unwrap();
        assert_eq!(
            env.certificates().len(),
            2,
            "{what}: signer and intermediate"
        );
        let ca = fixture_path(&format!("{alg}/root.pem"));
        let der = scratch.write(&format!("{i}.der"), &env.to_der());
        openssl_verifies(
            what,
            &der,
            "DER",
            Some(&doc_path),
            &ca,
            &scratch.path("out"),
        );
        let pem = scratch.write(&format!("{i}.pem"), env.to_pem().as_bytes());
        openssl_verifies(
            what,
            &pem,
            "PEM",
            Some(&doc_path),
            &ca,
            &scratch.path("out"),
        );
        // And OpenSSL rejects the same signature over another document.
        let tampered = openssl(&[
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            s(&der),
            "-content",
            s(&fixture_path("doc-tampered.bin")),
            "-CAfile",
            s(&ca),
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ]);
        assert!(
            !tampered.status.success(),
            "{what}: tampered content accepted"
        );
        // Ours agrees.
        let checks = env
            .verify(Some(&doc()), &Verifiers::builtin(), &[])
            .unwrap();
        assert!(all_valid(&checks), "{what}: {:?}", checks[0].result);
        assert_eq!(checks[0].signing_time, Some(signing_time()), "{what}");
    }
}

/// Beyond the three required signers: subjectKeyIdentifier signers (v3),
/// other hashes, and a signature shipping only the signer certificate.
#[test]
fn openssl_verifies_our_other_variants() {
    let scratch = Scratch::new("envelope-openssl", "variants");
    let doc_path = fixture_path("doc.bin");
    let cases = [
        (
            "rsa/root.pem",
            "RSA, signer by key id",
            signer("rsa"),
            options().identify_by_key_id(true),
        ),
        (
            "ec/root.pem",
            "P-256, signer by key id",
            signer("ec"),
            options().identify_by_key_id(true),
        ),
        (
            "ec/root.pem",
            "P-256 with SHA-384",
            signer("ec")
                .with_scheme(SigningScheme::Ecdsa(HashAlgorithm::Sha384))
                .unwrap(),
            options(),
        ),
        (
            "rsa/root.pem",
            "RSA PKCS#1 v1.5 with SHA-512",
            signer("rsa")
                .with_scheme(SigningScheme::RsaPkcs1(HashAlgorithm::Sha512))
                .unwrap(),
            options(),
        ),
        (
            "rsa/root.pem",
            "RSA-PSS with SHA-512",
            signer("rsa")
                .with_scheme(SigningScheme::RsaPss(HashAlgorithm::Sha512))
                .unwrap(),
            options(),
        ),
        (
            // Only the signer certificate inside: the CA file brings the intermediate.
            "rsa/root+inter.pem",
            "RSA without chain",
            signer("rsa"),
            SignatureOptions::new(signing_time()).include_chain(false),
        ),
    ];
    for (i, (ca, what, signer, options)) in cases.iter().enumerate() {
        let env = Envelope::sign_detached(&doc(), signer, options).unwrap();
        let by_key_id = options.identify_by_key_id;
        let version = if by_key_id { 3 } else { 1 };
        assert_eq!(env.signer_infos()[0].version(), version, "{what}");
        assert_eq!(env.version(), version, "{what}");
        let shipped = if options.include_chain { 2 } else { 1 };
        assert_eq!(env.certificates().len(), shipped, "{what}");
        let der = scratch.write(&format!("{i}.der"), &env.to_der());
        openssl_verifies(
            what,
            &der,
            "DER",
            Some(&doc_path),
            &fixture_path(ca),
            &scratch.path("out"),
        );
        let checks = env
            .verify(Some(&doc()), &Verifiers::builtin(), &[])
            .unwrap();
        assert!(all_valid(&checks), "{what}: {:?}", checks[0].result);
    }
}

#[test]
fn openssl_verifies_our_cosigned_envelope() {
    let scratch = Scratch::new("envelope-openssl", "cosigned");
    let doc = doc();
    let rsa = signer("rsa");
    let ec = signer("ec");
    let first = Envelope::sign_detached(&doc, &rsa, &options()).unwrap();
    // Never co-sign another document.
    assert!(matches!(
        first.add_signer(Some(&read("doc-tampered.bin")), &ec, &options()),
        Err(EnvelopeError::DigestMismatch { .. })
    ));
    let env = first.add_signer(Some(&doc), &ec, &options()).unwrap();
    assert_eq!(env.signer_infos().len(), 2);
    // The first signature is kept as it was (SignerInfos are a DER SET OF,
    // so its position may change).
    assert!(env.signer_infos().contains(&first.signer_infos()[0]));
    assert_eq!(env.certificates().len(), 4);
    let roots = [read("rsa/root.pem"), read("ec/root.pem")].concat();
    let ca = scratch.write("roots.pem", &roots);
    let der = scratch.write("cosigned.der", &env.to_der());
    openssl_verifies(
        "co-signed",
        &der,
        "DER",
        Some(&fixture_path("doc.bin")),
        &ca,
        &scratch.path("out"),
    );

    let checks = env.verify(Some(&doc), &Verifiers::builtin(), &[]).unwrap();
    assert_eq!(checks.len(), 2);
    assert!(all_valid(&checks), "{checks:?}");
    let mut subjects: Vec<String> = checks
        .iter()
        .map(|c| c.certificate.as_ref().unwrap().subject().to_string())
        .collect();
    subjects.sort();
    let mut expected = vec![
        cert("rsa/signer.pem").subject().to_string(),
        cert("ec/signer.pem").subject().to_string(),
    ];
    expected.sort();
    assert_eq!(subjects, expected);
}

#[test]
fn openssl_verifies_our_enveloping_signature() {
    let scratch = Scratch::new("envelope-openssl", "enveloping");
    let doc = doc();
    let env = Envelope::sign_enveloping(&doc, &signer("ec"), &options()).unwrap();
    assert_eq!(env.content(), Some(doc.as_slice()));
    let der = scratch.write("enveloping.der", &env.to_der());
    let out = scratch.path("content.out");
    openssl_verifies(
        "enveloping",
        &der,
        "DER",
        None,
        &fixture_path("ec/root.pem"),
        &out,
    );
    assert_eq!(std::fs::read(&out).unwrap(), doc);
    let checks = env.verify(None, &Verifiers::builtin(), &[]).unwrap();
    assert!(all_valid(&checks), "{checks:?}");
}

#[test]
fn openssl_accepts_our_countersigned_envelope() {
    let scratch = Scratch::new("envelope-openssl", "countersigned");
    let doc = doc();
    let env = Envelope::sign_detached(&doc, &signer("rsa"), &options()).unwrap();
    let env = env.countersign(0, &signer("ec"), &options()).unwrap();
    assert_eq!(env.signer_infos().len(), 1);
    assert_eq!(env.signer_infos()[0].countersignatures().len(), 1);
    // OpenSSL ignores countersignatures, but must still accept the envelope
    // (the signer's CA suffices; the EC chain is not needed).
    let der = scratch.write("countersigned.der", &env.to_der());
    openssl_verifies(
        "countersigned",
        &der,
        "DER",
        Some(&fixture_path("doc.bin")),
        &fixture_path("rsa/root.pem"),
        &scratch.path("out"),
    );

    let checks = env.verify(Some(&doc), &Verifiers::builtin(), &[]).unwrap();
    assert_eq!(checks.len(), 1);
    assert!(checks[0].is_valid(), "{:?}", checks[0].result);
    assert_eq!(checks[0].countersignatures.len(), 1);
    let cs = &checks[0].countersignatures[0];
    assert!(cs.is_valid(), "{:?}", cs.result);
    assert_eq!(
        cs.certificate.as_ref().unwrap().der(),
        cert("ec/signer.pem").der()
    );
    assert_eq!(cs.signing_time, Some(signing_time()));

    // OpenSSL cannot check a countersignature, so check it with OpenSSL by
    // hand (RFC 5652 §11.4): its message-digest is the SHA-256 of the
    // endorsed signature value, and its signature verifies over the DER of
    // its signed attributes under the countersigner's key.
    let endorsed = &env.signer_infos()[0];
    let cs_info = endorsed.countersignatures().remove(0).unwrap();
    let value = scratch.write("endorsed.sig", endorsed.signature());
    let digest = openssl(&["dgst", "-sha256", "-binary", s(&value)]);
    assert!(digest.status.success());
    assert_eq!(digest.stdout.len(), 32);
    let attrs = cs_info
        .signed_attributes()
        .expect("countersignature signed attributes");
    assert!(
        !attrs.iter().any(|a| *a.oid() == CONTENT_TYPE),
        "RFC 5652 §11.4: no content-type in a countersignature"
    );
    let md: Vec<&Attribute> = attrs
        .iter()
        .filter(|a| *a.oid() == MESSAGE_DIGEST)
        .collect();
    assert_eq!(md.len(), 1);
    assert_eq!(
        md[0].values(),
        [[&[0x04, 0x20][..], &digest.stdout].concat()]
    );
    // SignedAttributes are DER (RFC 5652 §5.4): a SET OF in sorted order.
    let mut parts: Vec<&[u8]> = attrs.iter().map(Attribute::der).collect();
    parts.sort();
    let signed = scratch.write("cs-attrs.der", &der_tlv(0x31, &parts.concat()));
    let cs_sig = scratch.write("cs.sig", cs_info.signature());
    let pubkey = openssl(&[
        "x509",
        "-in",
        s(&fixture_path("ec/signer.pem")),
        "-pubkey",
        "-noout",
    ]);
    assert!(pubkey.status.success());
    let pubkey = scratch.write("ec-pub.pem", &pubkey.stdout);
    let verified = openssl(&[
        "dgst",
        "-sha256",
        "-verify",
        s(&pubkey),
        "-signature",
        s(&cs_sig),
        s(&signed),
    ]);
    assert!(
        verified.status.success(),
        "openssl dgst -verify of the countersignature: {}{}",
        String::from_utf8_lossy(&verified.stdout),
        String::from_utf8_lossy(&verified.stderr)
    );
}

/// A DER TLV with a definite length.
fn der_tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match u8::try_from(value.len()) {
        Ok(short) if short < 0x80 => out.push(short),
        _ => {
            let len = value.len().to_be_bytes();
            let significant: Vec<u8> = len.into_iter().skip_while(|b| *b == 0).collect();
            out.push(0x80 | u8::try_from(significant.len()).unwrap());
            out.extend(significant);
        }
    }
    out.extend_from_slice(value);
    out
}

// ---------------------------------------------------------------------------
// 3. OpenSSL signs, we verify.
// ---------------------------------------------------------------------------

fn openssl_signs(scratch: &Scratch, name: &str, extra_flags: &[&str]) -> Vec<u8> {
    let out = scratch.path(name);
    let f = |rel: &str| fixture_path(rel).to_str().unwrap().to_owned();
    let (doc, rsa_pem, rsa_key, ec_pem, ec_key, inter) = (
        f("doc.bin"),
        f("rsa/signer.pem"),
        f("rsa/signer.key"),
        f("ec/signer.pem"),
        f("ec/signer.key"),
        f("rsa/inter.pem"),
    );
    let mut args = vec!["cms", "-sign", "-binary", "-cades", "-md", "sha256"];
    args.extend_from_slice(extra_flags);
    args.extend([
        "-outform",
        "DER",
        "-in",
        &doc,
        "-signer",
        &rsa_pem,
        "-inkey",
        &rsa_key,
        "-signer",
        &ec_pem,
        "-inkey",
        &ec_key,
        "-certfile",
        &inter,
        "-out",
        s(&out),
    ]);
    let result = openssl(&args);
    assert!(
        result.status.success(),
        "openssl {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&result.stderr)
    );
    std::fs::read(&out).unwrap()
}

fn assert_two_valid_signers(what: &str, env: &Envelope, content: Option<&[u8]>) {
    assert_eq!(env.signer_infos().len(), 2, "{what}");
    // signer (RSA), intermediate (RSA), signer (EC).
    assert_eq!(env.certificates().len(), 3, "{what}");
    let checks = env.verify(content, &Verifiers::builtin(), &[]).unwrap();
    assert_eq!(checks.len(), 2, "{what}");
    for c in &checks {
        assert!(c.is_valid(), "{what}: {:?}", c.result);
        assert!(c.signing_time.is_some(), "{what}");
    }
    for si in env.signer_infos() {
        assert!(si.signing_certificate_refs().is_some(), "{what}: -cades");
    }
    let algorithms: Vec<String> = checks
        .iter()
        .map(|c| c.result.as_ref().unwrap().algorithm.name())
        .collect();
    assert!(
        algorithms.contains(&"RSA PKCS#1 v1.5 with SHA-256".to_owned()),
        "{what}: {algorithms:?}"
    );
    assert!(
        algorithms.contains(&"ECDSA with SHA-256".to_owned()),
        "{what}: {algorithms:?}"
    );
}

#[test]
fn we_verify_openssl_cosigned_detached() {
    let scratch = Scratch::new("envelope-openssl", "openssl-detached");
    let bytes = openssl_signs(&scratch, "two.der", &[]);
    let env = Envelope::from_der(&bytes).unwrap();
    assert_eq!(env.encoding(), Encoding::Der);
    assert!(env.is_detached());
    assert_two_valid_signers("detached", &env, Some(&doc()));
    assert!(matches!(
        env.verify(None, &Verifiers::builtin(), &[]),
        Err(EnvelopeError::MissingContent)
    ));
    // The reader path agrees.
    let doc = doc();
    let mut reader: &[u8] = &doc;
    let checks = env
        .verify_reader(&mut reader, &Verifiers::builtin(), &[])
        .unwrap();
    assert!(all_valid(&checks) && checks.len() == 2, "{checks:?}");
    // OpenSSL's DER survives our round trip byte for byte.
    assert_eq!(env.to_der(), bytes);
}

#[test]
fn we_verify_openssl_cosigned_nodetach() {
    let scratch = Scratch::new("envelope-openssl", "openssl-nodetach");
    let bytes = openssl_signs(&scratch, "nodetach.der", &["-nodetach"]);
    let env = Envelope::from_der(&bytes).unwrap();
    assert_eq!(env.encoding(), Encoding::Der);
    assert_eq!(env.content(), Some(doc().as_slice()));
    assert_two_valid_signers("nodetach", &env, None);
    assert!(matches!(
        env.verify(Some(&doc()), &Verifiers::builtin(), &[]),
        Err(EnvelopeError::ContentConflict)
    ));
}

#[test]
fn we_verify_openssl_cosigned_stream_ber() {
    let scratch = Scratch::new("envelope-openssl", "openssl-stream");
    let bytes = openssl_signs(&scratch, "stream.der", &["-stream"]);
    // Indefinite lengths from the outermost ContentInfo on.
    assert_eq!(&bytes[..2], &[0x30, 0x80]);
    let env = Envelope::from_der(&bytes).unwrap();
    assert_eq!(env.encoding(), Encoding::Ber);
    // OpenSSL 3.0 embeds the content when streaming to DER (as -nodetach),
    // as a constructed OCTET STRING.
    assert_eq!(env.content(), Some(doc().as_slice()));
    assert_two_valid_signers("stream", &env, None);
    // Our DER re-encoding is what OpenSSL's -nodetach would write, and is stable.
    let der = env.to_der();
    let again = Envelope::from_der(&der).unwrap();
    assert_eq!(again.encoding(), Encoding::Der);
    assert_eq!(again.to_der(), der);
    assert_two_valid_signers("stream re-encoded", &again, None);
}
