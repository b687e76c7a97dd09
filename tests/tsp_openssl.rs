//! RFC 3161 interoperability with OpenSSL 3.0 (`openssl ts`, `openssl cms`):
//!
//! 1. `openssl ts -query` / `-reply` (testdata/pki/tsa/tsa.cnf, eu-tsu):
//!    we read the query and the reply, check the reply against the query
//!    and verify the token; tampered replies are refused with the exact error;
//! 2. `openssl ts -verify` accepts SoftwareTsa tokens and responses
//!    (`-data` and `-digest`, token and reply forms);
//! 3. a B-T envelope made here (sign_detached + add_signature_timestamp)
//!    passes `openssl cms -verify` and still our own verify;
//! 4. `openssl ts -reply -token_out` tokens are read and verified.
//!
//! The tests run the `openssl` binary; without it they fail (CI installs
//! it), they never pass silently.

mod common;

use std::path::{Path, PathBuf};

use common::scratch::Scratch;
use common::{fixture, local, read, shared};
use sigbridge::crypto::{SoftwareSigner, Verifiers};
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::tsp::{
    self, SoftwareTsa, TimeStampRequest, TimeStampResponse, TimeStampToken, TspError,
};
use sigbridge::{EnvelopeError, HashAlgorithm, Oid, Time, VerifyError};

const POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1");
const DOC: &[u8] = b"<Invoice id='380-2026-17'/>\n";

use common::openssl::{openssl, openssl_ok};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn tsa_dir() -> PathBuf {
    local("pki/tsa")
}

/// tsa.cnf with its paths made absolute and the serial file in `scratch`.
fn tsa_config(scratch: &Scratch) -> PathBuf {
    let cnf = String::from_utf8(read(&tsa_dir().join("tsa.cnf"))).unwrap();
    let serial = scratch.write("tsaserial", b"01\n");
    let dir = tsa_dir();
    let cnf = cnf
        .replace("./tsaserial", s(&serial))
        .replace("./", &format!("{}/", s(&dir)));
    assert!(!cnf.contains("./"), "{cnf}");
    scratch.write("tsa.cnf", cnf.as_bytes())
}

fn at() -> Time {
    Time::from_ymd_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn software_tsa() -> SoftwareTsa {
    let dir = tsa_dir();
    let signer =
        SoftwareSigner::from_pkcs8_pem(&read(&dir.join("eu-tsu.key")), fixture("tsa/eu-tsu.pem"))
            .unwrap();
    SoftwareTsa::new(signer, POLICY, at())
}

/// `openssl ts -reply` for `query` (a file), the reply's bytes.
fn openssl_reply(scratch: &Scratch, query: &Path, name: &str, token_out: bool) -> Vec<u8> {
    let config = tsa_config(scratch);
    let out = scratch.path(name);
    let mut args = vec![
        "ts",
        "-reply",
        "-config",
        s(&config),
        "-queryfile",
        s(query),
        "-out",
        s(&out),
    ];
    if token_out {
        args.push("-token_out");
    }
    openssl_ok(&args);
    std::fs::read(&out).unwrap()
}

#[test]
fn openssl_query_and_reply_are_read_checked_and_verified() {
    let scratch = Scratch::new("tsp-openssl", "reply");
    let doc = scratch.write("doc", DOC);
    let query = scratch.path("q.tsq");
    openssl_ok(&[
        "ts",
        "-query",
        "-data",
        s(&doc),
        "-sha256",
        "-cert",
        "-out",
        s(&query),
    ]);
    let request = TimeStampRequest::from_der(&std::fs::read(&query).unwrap()).unwrap();
    assert!(request.certificate_requested());
    assert!(request.requested_nonce().is_some());
    assert_eq!(request.message_imprint().hash, Some(HashAlgorithm::Sha256));
    request.message_imprint().matches(DOC).unwrap();

    let reply = openssl_reply(&scratch, &query, "r.tsr", false);
    let response = TimeStampResponse::from_der(&reply).unwrap();
    let token = response.clone().into_token_for(&request).unwrap();
    token.matches(DOC).unwrap();
    let info = token.info();
    assert_eq!(info.policy, POLICY);
    // The serial file said 01: OpenSSL issues the next one.
    assert_eq!(info.serial, [0x02]);
    assert_eq!(
        info.tsa_name.as_deref(),
        Some("C=BE, O=SigBridge Test QTSP, CN=SigBridge Test TSU 1")
    );
    // tsa.cnf: accuracy secs:1, millisecs:500; three fraction digits at most.
    assert_eq!(
        info.accuracy,
        Some(tsp::Accuracy {
            seconds: 1,
            millis: 500,
            micros: 0
        })
    );
    assert_eq!(info.gen_time_nanos % 1_000_000, 0);
    let check = token.verify(&Verifiers::builtin(), &[]).unwrap();
    assert_eq!(check.certificate, fixture("tsa/eu-tsu.pem"));

    // Our own request, answered by OpenSSL.
    let ours = TimeStampRequest::for_data(HashAlgorithm::Sha384, DOC)
        .unwrap()
        .random_nonce()
        .unwrap()
        .policy(Oid::new_unwrap("1.3.6.1.4.1.99999.3161.2"))
        .cert_req(true);
    let our_query = scratch.write("ours.tsq", &ours.to_der());
    let reply = openssl_reply(&scratch, &our_query, "ours.tsr", false);
    let token = TimeStampResponse::from_der(&reply)
        .unwrap()
        .into_token_for(&ours)
        .unwrap();
    assert_eq!(
        token.info().policy,
        Oid::new_unwrap("1.3.6.1.4.1.99999.3161.2")
    );
    token.verify(&Verifiers::builtin(), &[]).unwrap();

    // The reply checked against another request: refused.
    assert_eq!(
        response.into_token_for(&ours).unwrap_err(),
        TspError::ImprintMismatch
    );
}

/// The position of `needle` in `haystack` (exactly once).
fn find(haystack: &[u8], needle: &[u8]) -> usize {
    let hits: Vec<usize> = haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(hits.len(), 1, "found {} times", hits.len());
    hits[0]
}

#[test]
fn tampered_openssl_replies_are_refused() {
    let scratch = Scratch::new("tsp-openssl", "tampered");
    let doc = scratch.write("doc", DOC);
    let query = scratch.path("q.tsq");
    openssl_ok(&[
        "ts",
        "-query",
        "-data",
        s(&doc),
        "-sha256",
        "-cert",
        "-out",
        s(&query),
    ]);
    let request = TimeStampRequest::from_der(&std::fs::read(&query).unwrap()).unwrap();
    let reply = openssl_reply(&scratch, &query, "r.tsr", false);
    let token = TimeStampResponse::from_der(&reply)
        .unwrap()
        .into_token_for(&request)
        .unwrap();

    // A byte of the TSA name inside the TSTInfo ("TSU 1" → "TSU 0").
    let mut altered = reply.clone();
    let name = find(&altered, b"SigBridge Test TSU 1\xa0");
    altered[name + 19] = b'0';
    let token_altered = TimeStampResponse::from_der(&altered)
        .unwrap()
        .into_token_for(&request)
        .unwrap();
    assert_eq!(
        token_altered.info().tsa_name.as_deref(),
        Some("C=BE, O=SigBridge Test QTSP, CN=SigBridge Test TSU 0")
    );
    match token_altered
        .verify(&Verifiers::builtin(), &[])
        .unwrap_err()
    {
        TspError::Signature(EnvelopeError::DigestMismatch { algorithm, .. }) => {
            assert_eq!(algorithm, "SHA-256")
        }
        other => panic!("{other:?}"),
    }

    // A byte of the signature value: the last byte of s in the ECDSA signature.
    let sig = token.envelope().signer_infos()[0].signature().to_vec();
    let mut altered = reply.clone();
    let at_sig = find(&altered, &sig);
    altered[at_sig + sig.len() - 1] ^= 0x01;
    let token_altered = TimeStampResponse::from_der(&altered)
        .unwrap()
        .into_token_for(&request)
        .unwrap();
    assert_eq!(
        token_altered
            .verify(&Verifiers::builtin(), &[])
            .unwrap_err(),
        TspError::Signature(EnvelopeError::Signature {
            signer: "C=BE, O=SigBridge Test QTSP, CN=SigBridge Test TSU 1".to_owned(),
            source: VerifyError::BadSignature {
                algorithm: "ECDSA with SHA-256".to_owned()
            },
        })
    );

    // The imprint itself: the token no longer stamps the document.
    let mut altered = reply;
    let imprint = find(&altered, &HashAlgorithm::Sha256.digest(DOC).unwrap());
    altered[imprint] ^= 0x01;
    assert_eq!(
        TimeStampResponse::from_der(&altered)
            .unwrap()
            .into_token_for(&request)
            .unwrap_err(),
        TspError::ImprintMismatch
    );
}

#[test]
fn openssl_token_out_is_a_token() {
    let scratch = Scratch::new("tsp-openssl", "token-out");
    let doc = scratch.write("doc", DOC);
    let query = scratch.path("q.tsq");
    openssl_ok(&[
        "ts",
        "-query",
        "-data",
        s(&doc),
        "-sha512",
        "-cert",
        "-out",
        s(&query),
    ]);
    let der = openssl_reply(&scratch, &query, "t.tst", true);
    let token = TimeStampToken::from_der(&der).unwrap();
    assert_eq!(token.der(), der.as_slice());
    assert_eq!(
        token.info().message_imprint.hash,
        Some(HashAlgorithm::Sha512)
    );
    token.matches(DOC).unwrap();
    assert_eq!(
        token
            .verify(&Verifiers::builtin(), &[])
            .unwrap()
            .certificate,
        fixture("tsa/eu-tsu.pem")
    );
    // A token is not a response.
    match TimeStampResponse::from_der(&der).unwrap_err() {
        TspError::Malformed { .. } => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn openssl_verifies_software_tsa_tokens_and_responses() {
    let scratch = Scratch::new("tsp-openssl", "verify");
    let doc = scratch.write("doc", DOC);
    let ca = tsa_dir().join("eu-tsa-root.pem");
    let tsa = software_tsa()
        .at_precise(at(), 125_000_000)
        .accuracy(tsp::Accuracy {
            seconds: 0,
            millis: 10,
            micros: 0,
        });
    let request = TimeStampRequest::for_data(HashAlgorithm::Sha256, DOC)
        .unwrap()
        .nonce(vec![0x42; 8])
        .cert_req(true);
    let response = sigbridge::tsp::TimeStampAuthority::respond(&tsa, &request.to_der()).unwrap();
    let token = TimeStampResponse::from_der(&response)
        .unwrap()
        .into_token_for(&request)
        .unwrap();
    let reply_file = scratch.write("r.tsr", &response);
    let token_file = scratch.write("t.tst", token.der());
    let digest_hex: String = HashAlgorithm::Sha256
        .digest(DOC)
        .unwrap()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    for (input, token_in) in [(&reply_file, false), (&token_file, true)] {
        for by_digest in [false, true] {
            let mut args = vec!["ts", "-verify", "-in", s(input)];
            if token_in {
                args.push("-token_in");
            }
            if by_digest {
                args.extend(["-digest", &digest_hex]);
            } else {
                args.extend(["-data", s(&doc)]);
            }
            args.extend(["-CAfile", s(&ca)]);
            let out = openssl_ok(&args);
            assert!(
                String::from_utf8_lossy(&out.stdout).contains("Verification: OK"),
                "{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
    // OpenSSL reads our fields as we wrote them.
    let text = openssl_ok(&["ts", "-reply", "-in", s(&reply_file), "-text"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Time stamp: Nov 23 09:00:00.125 2026 GMT"),
        "{text}"
    );
    assert!(text.contains("Nonce: 0x4242424242424242"), "{text}");
    assert!(
        text.contains("Policy OID: 1.3.6.1.4.1.99999.3161.1"),
        "{text}"
    );
    // And refuses other data.
    let other = scratch.write("other", b"another document");
    let out = openssl(&[
        "ts",
        "-verify",
        "-in",
        s(&token_file),
        "-token_in",
        "-data",
        s(&other),
        "-CAfile",
        s(&ca),
    ]);
    assert!(!out.status.success());
}

#[test]
fn openssl_verifies_our_b_t_envelope() {
    let scratch = Scratch::new("tsp-openssl", "b-t");
    let cms = |rel: &str| shared(&format!("openssl-cms/{rel}"));
    let signer = SoftwareSigner::from_pkcs8_pem(
        &read(&cms("ec/signer.key")),
        sigbridge::load_certificates(&read(&cms("ec/signer.pem")))
            .unwrap()
            .remove(0),
    )
    .unwrap()
    .with_chain(sigbridge::load_certificates(&read(&cms("ec/inter.pem"))).unwrap());
    let signed = Envelope::sign_detached(DOC, &signer, &SignatureOptions::new(at())).unwrap();
    let bt = signed
        .add_signature_timestamp(0, &software_tsa(), HashAlgorithm::Sha256)
        .unwrap();
    let si = &bt.signer_infos()[0];
    assert_eq!(
        si.signed_attributes_der(),
        signed.signer_infos()[0].signed_attributes_der()
    );
    let tokens = tsp::signature_timestamps(si);
    assert_eq!(tokens.len(), 1);
    tokens[0].as_ref().unwrap().matches(si.signature()).unwrap();

    let sig = scratch.write("bt.p7s", &bt.to_der());
    let doc = scratch.write("doc", DOC);
    let out = scratch.path("out");
    openssl_ok(&[
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        s(&sig),
        "-content",
        s(&doc),
        "-CAfile",
        s(&cms("ec/root.pem")),
        "-purpose",
        "any",
        "-out",
        s(&out),
    ]);
    assert_eq!(std::fs::read(&out).unwrap(), DOC);
    // OpenSSL sees the unsigned attribute.
    let parsed = openssl_ok(&["cms", "-cmsout", "-print", "-inform", "DER", "-in", s(&sig)]);
    assert!(
        String::from_utf8_lossy(&parsed.stdout).contains("id-smime-aa-timeStampToken"),
        "the signature-time-stamp attribute is not in OpenSSL's view"
    );
    let checks = Envelope::parse(&bt.to_der())
        .unwrap()
        .verify(Some(DOC), &Verifiers::builtin(), &[])
        .unwrap();
    assert!(checks[0].is_valid(), "{:?}", checks[0].result);
}
