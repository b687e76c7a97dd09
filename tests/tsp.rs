//! RFC 3161 time-stamps (src/tsp/): SoftwareTsa round trips with the test
//! TSA PKI (testdata/pki/tsa), the token fields and times, every check of a
//! response against its request, the TSA certificate rules of RFC 3161
//! §2.3, altered tokens, B-B → B-T augmentation keeping every signed byte,
//! the content-time-stamp signed attribute, and the signature-time-stamps
//! inside the real EU DSS CAdES files.

mod common;

use common::{fixture, local, read, shared};
use sigbridge::crypto::{SignatureAlgorithm, SoftwareSigner, Verifiers};
use sigbridge::envelope::{Envelope, ID_DATA, SignatureOptions, SignerInfo};
use sigbridge::tsp::{
    self, Accuracy, CONTENT_TIME_STAMP, EkuProblem, FailInfo, ID_CT_TST_INFO, PkiStatus,
    SIGNATURE_TIME_STAMP, SoftwareTsa, TimeStampAuthority, TimeStampRequest, TimeStampResponse,
    TimeStampToken, TspError,
};
use sigbridge::{EnvelopeError, HashAlgorithm, Oid, Time, VerifyError};

const POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1");
const OTHER_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.99999.3161.2");
const DOC: &[u8] = b"<CertificateOfOrigin id='CO-2026-0042'/>";

fn at() -> Time {
    Time::from_ymd_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn signer(rel: &str) -> SoftwareSigner {
    SoftwareSigner::from_pkcs8_pem(
        &read(&local(&format!("pki/{rel}.key"))),
        fixture(&format!("{rel}.pem")),
    )
    .unwrap()
}

fn tsa(unit: &str) -> SoftwareTsa {
    SoftwareTsa::new(signer(&format!("tsa/{unit}")), POLICY, at())
}

/// A transport that answers every request with the same bytes.
struct Fixed(Vec<u8>);

impl TimeStampAuthority for Fixed {
    fn respond(&self, _: &[u8]) -> Result<Vec<u8>, TspError> {
        Ok(self.0.clone())
    }
}

fn respond(tsa: &SoftwareTsa, req: &TimeStampRequest) -> TimeStampResponse {
    TimeStampResponse::from_der(&tsa.respond(&req.to_der()).unwrap()).unwrap()
}

#[test]
fn software_tsa_round_trip_p256() {
    let tsa = tsa("eu-tsu").with_chain(vec![fixture("tsa/eu-tsa-root.pem")]);
    let req = TimeStampRequest::for_data(HashAlgorithm::Sha256, DOC)
        .unwrap()
        .nonce(vec![0x00, 0x9a, 0xbc])
        .policy(POLICY)
        .cert_req(true);
    let token = respond(&tsa, &req).into_token_for(&req).unwrap();
    let info = token.info();
    assert_eq!(info.version, 1);
    assert_eq!(info.policy, POLICY);
    assert_eq!(info.gen_time, at());
    assert_eq!(info.gen_time_nanos, 0);
    assert_eq!(info.accuracy, None);
    assert!(!info.ordering);
    // The leading zero octet dropped, one added for the high bit: 0x00 0x9a 0xbc.
    assert_eq!(info.nonce.as_deref(), Some(&[0x00, 0x9a, 0xbc][..]));
    assert_eq!(info.serial.len(), 16);
    assert_eq!(
        info.tsa_name.as_deref(),
        Some("C=BE, O=SigBridge Test QTSP, CN=SigBridge Test TSU 1")
    );
    assert_eq!(info.message_imprint.hash, Some(HashAlgorithm::Sha256));
    assert_eq!(
        info.message_imprint.digest,
        HashAlgorithm::Sha256.digest(DOC).unwrap()
    );
    token.matches(DOC).unwrap();
    assert_eq!(*token.envelope().content_type(), ID_CT_TST_INFO);
    // certReq with a chain: the TSU and its root.
    assert_eq!(token.envelope().certificates().len(), 2);
    let check = token.verify(&Verifiers::builtin(), &[]).unwrap();
    assert_eq!(check.certificate, fixture("tsa/eu-tsu.pem"));
    assert_eq!(
        check.verified.algorithm,
        SignatureAlgorithm::Ecdsa {
            hash: HashAlgorithm::Sha256
        }
    );
    assert_eq!(check.info, *info);
    // The token read back from its bytes is the same token.
    let again = TimeStampToken::from_der(token.der()).unwrap();
    assert_eq!(again.info(), info);
    // Two tokens for the same request have different serials.
    let second = respond(&tsa, &req).into_token_for(&req).unwrap();
    assert_ne!(second.info().serial, info.serial);
}

#[test]
fn software_tsa_round_trip_rsa() {
    let tsa = tsa("kz-tsu");
    let token = tsp::timestamp(&tsa, HashAlgorithm::Sha384, DOC).unwrap();
    assert_eq!(
        token.info().message_imprint.hash,
        Some(HashAlgorithm::Sha384)
    );
    assert_eq!(
        token.info().nonce.as_ref().map(Vec::len).map(|n| n >= 8),
        Some(true)
    );
    token.matches(DOC).unwrap();
    let check = token.verify(&Verifiers::builtin(), &[]).unwrap();
    assert_eq!(check.certificate, fixture("tsa/kz-tsu.pem"));
    assert_eq!(check.verified.key.bits(), Some(2048));
    assert_eq!(
        token.info().tsa_name.as_deref(),
        Some("C=KZ, O=Sample NCA, CN=Sample NCA TSA")
    );
}

#[test]
fn without_cert_req_the_token_carries_no_certificate() {
    let tsa = tsa("eu-tsu");
    let req = TimeStampRequest::for_data(HashAlgorithm::Sha256, DOC).unwrap();
    let token = respond(&tsa, &req).into_token_for(&req).unwrap();
    assert!(token.envelope().certificates().is_empty());
    let tsu = fixture("tsa/eu-tsu.pem");
    match token.verify(&Verifiers::builtin(), &[]) {
        Err(TspError::Signature(EnvelopeError::SignerCertificateNotFound { given: 0, .. })) => {}
        other => panic!("{other:?}"),
    }
    let check = token
        .verify(&Verifiers::builtin(), std::slice::from_ref(&tsu))
        .unwrap();
    assert_eq!(check.certificate, tsu);
    // Checked against a request that asked for the certificate: refused.
    let with_cert = req.clone().cert_req(true);
    assert_eq!(
        respond(&tsa, &req).into_token_for(&with_cert).unwrap_err(),
        TspError::MissingCertificate
    );
}

#[test]
fn gen_time_fraction_and_accuracy_bound_the_time() {
    let nanos = 250_000_000;
    let plain = tsa("eu-tsu").at_precise(at(), nanos);
    let token = tsp::timestamp(&plain, HashAlgorithm::Sha256, DOC).unwrap();
    assert_eq!(token.info().gen_time, at());
    assert_eq!(token.info().gen_time_nanos, nanos);
    // No accuracy: genTime itself, rounded outwards to whole seconds.
    assert_eq!(
        token.info().latest_time(),
        Time::from_unix(at().unix_seconds() + 1)
    );
    assert_eq!(token.info().earliest_time(), at());

    let accuracy = Accuracy {
        seconds: 1,
        millis: 500,
        micros: 0,
    };
    let precise = tsa("eu-tsu").at_precise(at(), nanos).accuracy(accuracy);
    let token = tsp::timestamp(&precise, HashAlgorithm::Sha256, DOC).unwrap();
    assert_eq!(token.info().accuracy, Some(accuracy));
    // 09:00:00.25 ± 1.5 s: from 08:59:58.75 to 09:00:01.75.
    assert_eq!(
        token.info().latest_time(),
        Time::from_unix(at().unix_seconds() + 2)
    );
    assert_eq!(
        token.info().earliest_time(),
        Time::from_unix(at().unix_seconds() - 2)
    );
    token.verify(&Verifiers::builtin(), &[]).unwrap();

    // Whole seconds and an accuracy of exactly one second: no rounding.
    let whole = tsa("eu-tsu").accuracy(Accuracy {
        seconds: 1,
        millis: 0,
        micros: 0,
    });
    let token = tsp::timestamp(&whole, HashAlgorithm::Sha256, DOC).unwrap();
    assert_eq!(
        token.info().latest_time(),
        Time::from_unix(at().unix_seconds() + 1)
    );
    assert_eq!(
        token.info().earliest_time(),
        Time::from_unix(at().unix_seconds() - 1)
    );
}

#[test]
fn imprint_mismatch() {
    let tsa = tsa("eu-tsu");
    let token = tsp::timestamp(&tsa, HashAlgorithm::Sha256, DOC).unwrap();
    assert_eq!(
        token.matches(b"another document"),
        Err(TspError::ImprintMismatch)
    );
    // A response for other data, checked against our request.
    let req = TimeStampRequest::for_data(HashAlgorithm::Sha256, b"another document").unwrap();
    let other = TimeStampRequest::for_data(HashAlgorithm::Sha256, DOC).unwrap();
    assert_eq!(
        respond(&tsa, &other).into_token_for(&req).unwrap_err(),
        TspError::ImprintMismatch
    );
    // The same bytes under another hash are another imprint.
    let sha384 = TimeStampRequest::for_data(HashAlgorithm::Sha384, DOC).unwrap();
    assert_eq!(
        respond(&tsa, &other).into_token_for(&sha384).unwrap_err(),
        TspError::ImprintMismatch
    );
}

#[test]
fn nonce_mismatch() {
    let tsa = tsa("eu-tsu");
    let sent = TimeStampRequest::for_data(HashAlgorithm::Sha256, DOC)
        .unwrap()
        .nonce(vec![1, 2, 3]);
    let response = tsa.respond(&sent.to_der()).unwrap();
    let expected = sent.clone().nonce(vec![1, 2, 4]);
    assert_eq!(
        TimeStampResponse::from_der(&response)
            .unwrap()
            .into_token_for(&expected)
            .unwrap_err(),
        TspError::NonceMismatch
    );
    // A response without a nonce to a request with one: a replay.
    let no_nonce = TimeStampRequest::for_data(HashAlgorithm::Sha256, DOC).unwrap();
    assert_eq!(
        respond(&tsa, &no_nonce).into_token_for(&sent).unwrap_err(),
        TspError::NonceMismatch
    );
    // Through `timestamp`: the replayed response never matches the random nonce.
    assert_eq!(
        tsp::timestamp(&Fixed(response), HashAlgorithm::Sha256, DOC).unwrap_err(),
        TspError::NonceMismatch
    );
}

#[test]
fn policy_mismatch() {
    let tsa = tsa("eu-tsu");
    let sent = TimeStampRequest::for_data(HashAlgorithm::Sha256, DOC).unwrap();
    let asked = sent.clone().policy(OTHER_POLICY);
    assert_eq!(
        respond(&tsa, &sent).into_token_for(&asked).unwrap_err(),
        TspError::PolicyMismatch
    );
    // The policy the TSA issues under is accepted when asked for.
    let ours = sent.policy(POLICY);
    assert_eq!(
        respond(&tsa, &ours)
            .into_token_for(&ours)
            .unwrap()
            .info()
            .policy,
        POLICY
    );
}

#[test]
fn rejections_carry_status_text_and_fail_info() {
    let tsa = tsa("eu-tsu");
    let rejected = |req_der: &[u8], req: &TimeStampRequest| {
        TimeStampResponse::from_der(&tsa.respond(req_der).unwrap())
            .unwrap()
            .into_token_for(req)
            .unwrap_err()
    };
    let other_policy = TimeStampRequest::for_data(HashAlgorithm::Sha256, DOC)
        .unwrap()
        .policy(OTHER_POLICY);
    assert_eq!(
        rejected(&other_policy.to_der(), &other_policy),
        TspError::Rejected {
            status: PkiStatus::Rejection,
            strings: vec![
                "policy 1.3.6.1.4.1.99999.3161.2 is not supported; this TSA issues under 1.3.6.1.4.1.99999.3161.1"
                    .to_owned()
            ],
            fail_info: Some(FailInfo::UNACCEPTED_POLICY),
        }
    );
    let sha1 = TimeStampRequest::for_data(HashAlgorithm::Sha1, DOC).unwrap();
    match rejected(&sha1.to_der(), &sha1) {
        TspError::Rejected {
            status: PkiStatus::Rejection,
            fail_info: Some(f),
            ..
        } => assert_eq!(f, FailInfo::BAD_ALG),
        other => panic!("{other:?}"),
    }
    match rejected(b"\x30\x03\x02\x01\x01", &sha1) {
        TspError::Rejected {
            status: PkiStatus::Rejection,
            fail_info: Some(f),
            ..
        } => {
            assert_eq!(f, FailInfo::BAD_DATA_FORMAT);
            assert_eq!(f.names(), ["badDataFormat"]);
        }
        other => panic!("{other:?}"),
    }
    // A version-2 request: badRequest.
    let mut v2 = sha1.to_der();
    v2[4] = 2;
    match rejected(&v2, &sha1) {
        TspError::Rejected { fail_info, .. } => assert_eq!(fail_info, Some(FailInfo::BAD_REQUEST)),
        other => panic!("{other:?}"),
    }
    // The error's code and message name the refusal.
    let e = rejected(&other_policy.to_der(), &other_policy);
    assert_eq!(e.code(), "TSP_REJECTED");
    assert!(e.to_string().contains("unacceptedPolicy"), "{e}");
}

#[test]
fn tsa_certificate_extended_key_usage() {
    let refused = |unit: &str| {
        let token = tsp::timestamp(&tsa(unit), HashAlgorithm::Sha256, DOC).unwrap();
        token.verify(&Verifiers::builtin(), &[]).unwrap_err()
    };
    assert_eq!(
        refused("eu-tsu-noncritical"),
        TspError::TsaExtendedKeyUsage {
            subject: "C=BE, O=SigBridge Test QTSP, CN=SigBridge Test TSU (EKU not critical)"
                .to_owned(),
            why: EkuProblem::NotCritical,
        }
    );
    match refused("eu-tsu-multi") {
        TspError::TsaExtendedKeyUsage { why, .. } => {
            assert_eq!(why, EkuProblem::NotOnlyTimeStamping)
        }
        other => panic!("{other:?}"),
    }
    // A document signer's certificate (no extendedKeyUsage) is no TSA certificate.
    let not_a_tsu = SoftwareTsa::new(signer("cn/org-uscc"), POLICY, at());
    let token = tsp::timestamp(&not_a_tsu, HashAlgorithm::Sha256, DOC).unwrap();
    match token.verify(&Verifiers::builtin(), &[]).unwrap_err() {
        TspError::TsaExtendedKeyUsage { why, .. } => assert_eq!(why, EkuProblem::Missing),
        other => panic!("{other:?}"),
    }
}

/// The position of `needle` in `haystack` (exactly once).
fn find(haystack: &[u8], needle: &[u8]) -> usize {
    let hits: Vec<usize> = haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(hits.len(), 1, "needle found {} times", hits.len());
    hits[0]
}

#[test]
fn altered_tokens_fail_their_signature_check() {
    let token = tsp::timestamp(&tsa("eu-tsu"), HashAlgorithm::Sha256, DOC).unwrap();
    // One bit of the serial number inside the TSTInfo.
    let mut der = token.der().to_vec();
    let serial = find(&der, &token.info().serial);
    der[serial + 5] ^= 0x01;
    let altered = TimeStampToken::from_der(&der).unwrap();
    assert_ne!(altered.info().serial, token.info().serial);
    match altered.verify(&Verifiers::builtin(), &[]).unwrap_err() {
        TspError::Signature(EnvelopeError::DigestMismatch { algorithm, .. }) => {
            assert_eq!(algorithm, "SHA-256")
        }
        other => panic!("{other:?}"),
    }
    // One bit of the signature value.
    let si = &token.envelope().signer_infos()[0];
    let mut der = token.der().to_vec();
    let sig = find(&der, si.signature());
    der[sig + 10] ^= 0x01;
    let altered = TimeStampToken::from_der(&der).unwrap();
    match altered.verify(&Verifiers::builtin(), &[]).unwrap_err() {
        TspError::Signature(EnvelopeError::Signature {
            source: VerifyError::BadSignature { .. },
            ..
        }) => {}
        // An ECDSA signature with a flipped bit may no longer be DER.
        TspError::Signature(EnvelopeError::Signature {
            source: VerifyError::MalformedSignature { .. },
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(
        TspError::Signature(EnvelopeError::MissingContent).code(),
        "TSP_SIGNATURE"
    );
}

#[test]
fn what_is_not_a_token() {
    let p7s = read(&shared("openssl-cms/rsa/sig-cades.p7s"));
    assert_eq!(
        TimeStampToken::from_der(&p7s).unwrap_err(),
        TspError::NotATimeStampToken {
            content_type: ID_DATA
        }
    );
    // An enveloping signature over a TSTInfo-typed content by two signers.
    let token = tsp::timestamp(&tsa("eu-tsu"), HashAlgorithm::Sha256, DOC).unwrap();
    let two = token
        .envelope()
        .add_signer(None, &signer("tsa/kz-tsu"), &SignatureOptions::new(at()))
        .unwrap();
    assert_eq!(
        TimeStampToken::from_der(&two.to_der()).unwrap_err(),
        TspError::SignerCount { count: 2 }
    );
    match TimeStampToken::from_der(b"\x30\x00") {
        Err(TspError::Envelope(EnvelopeError::Malformed { .. })) => {}
        other => panic!("{other:?}"),
    }
}

/// One SignerInfo's signer, signed attributes, signature, and other unsigned
/// attributes (countersignatures).
type SignedBytes = (String, Vec<u8>, Vec<u8>, Vec<Vec<u8>>);

/// Everything signed in each SignerInfo, sorted by signer.
fn signed_bytes(env: &Envelope) -> Vec<SignedBytes> {
    let mut out: Vec<_> = env
        .signer_infos()
        .iter()
        .map(|si| {
            (
                si.signer_identifier().to_string(),
                si.signed_attributes_der().unwrap().to_vec(),
                si.signature().to_vec(),
                si.unsigned_attributes()
                    .iter()
                    .filter(|a| *a.oid() != SIGNATURE_TIME_STAMP)
                    .map(|a| a.der().to_vec())
                    .collect(),
            )
        })
        .collect();
    out.sort();
    out
}

fn timestamps_of(si: &SignerInfo) -> Vec<TimeStampToken> {
    tsp::signature_timestamps(si)
        .into_iter()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn add_signature_timestamp_keeps_every_signed_byte() {
    let exporter = signer("cn/org-uscc");
    let chamber = signer("cn/org-rsa");
    let notary = signer("eu/qseal-legal");
    let options = SignatureOptions::new(at());
    let signed = Envelope::sign_detached(DOC, &exporter, &options).unwrap();
    let cosigned = signed.add_signer(Some(DOC), &chamber, &options).unwrap();
    let countersigned = cosigned.countersign(0, &notary, &options).unwrap();
    let before = Envelope::parse(&countersigned.to_der()).unwrap();
    let unit = tsa("eu-tsu");

    // One signature.
    let one = before
        .add_signature_timestamp(1, &unit, HashAlgorithm::Sha256)
        .unwrap();
    assert_eq!(signed_bytes(&one), signed_bytes(&before));
    let stamped: Vec<usize> = one
        .signer_infos()
        .iter()
        .map(|si| timestamps_of(si).len())
        .collect();
    assert_eq!(stamped.iter().sum::<usize>(), 1);
    let target = &before.signer_infos()[1];
    let si = one
        .signer_infos()
        .iter()
        .find(|si| si.signer_identifier() == target.signer_identifier())
        .unwrap();
    let token = &timestamps_of(si)[0];
    token.matches(si.signature()).unwrap();
    token.verify(&Verifiers::builtin(), &[]).unwrap();

    // Every signature, then a second time-stamp on each.
    let all = before
        .add_signature_timestamps(&unit, HashAlgorithm::Sha256)
        .unwrap();
    let twice = Envelope::parse(&all.to_der())
        .unwrap()
        .add_signature_timestamps(
            &tsa("eu-tsu").at(Time::from_unix(at().unix_seconds() + 60)),
            HashAlgorithm::Sha384,
        )
        .unwrap();
    assert_eq!(signed_bytes(&twice), signed_bytes(&before));
    for si in twice.signer_infos() {
        let tokens = timestamps_of(si);
        assert_eq!(tokens.len(), 2);
        for t in &tokens {
            t.matches(si.signature()).unwrap();
        }
        let mut hashes: Vec<_> = tokens
            .iter()
            .map(|t| t.info().message_imprint.hash.unwrap())
            .collect();
        hashes.sort_by_key(|h| h.output_len());
        assert_eq!(hashes, [HashAlgorithm::Sha256, HashAlgorithm::Sha384]);
    }
    // The countersignature is still there and still verifies.
    let checks = Envelope::parse(&twice.to_der())
        .unwrap()
        .verify(Some(DOC), &Verifiers::builtin(), &[])
        .unwrap();
    assert_eq!(checks.len(), 2);
    assert!(checks.iter().all(|c| c.is_valid()));
    assert_eq!(
        checks
            .iter()
            .map(|c| c.countersignatures.len())
            .sum::<usize>(),
        1
    );
    assert!(
        checks
            .iter()
            .flat_map(|c| &c.countersignatures)
            .all(|c| c.is_valid())
    );

    assert_eq!(
        before
            .add_signature_timestamp(2, &tsa("eu-tsu"), HashAlgorithm::Sha256)
            .unwrap_err(),
        TspError::NoSuchSigner { index: 2, count: 2 }
    );
}

#[test]
fn a_refusing_tsa_leaves_the_envelope_alone() {
    let signed =
        Envelope::sign_detached(DOC, &signer("cn/org-uscc"), &SignatureOptions::new(at())).unwrap();
    match signed
        .add_signature_timestamp(0, &tsa("eu-tsu"), HashAlgorithm::Sha1)
        .unwrap_err()
    {
        TspError::Rejected { fail_info, .. } => assert_eq!(fail_info, Some(FailInfo::BAD_ALG)),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        signed
            .add_signature_timestamp(0, &Fixed(b"garbage".to_vec()), HashAlgorithm::Sha256)
            .unwrap_err()
            .code(),
        "TSP_MALFORMED"
    );
}

#[test]
fn content_timestamp_is_a_signed_attribute_over_the_content() {
    let tsa = tsa("eu-tsu");
    let token = tsp::content_timestamp(&tsa, HashAlgorithm::Sha256, DOC).unwrap();
    let options = SignatureOptions::new(at()).content_timestamp(token.der().to_vec());
    let env = Envelope::sign_detached(DOC, &signer("eu/qseal-legal"), &options).unwrap();
    let env = Envelope::parse(&env.to_der()).unwrap();
    let si = &env.signer_infos()[0];
    assert_eq!(
        si.signed_attributes()
            .unwrap()
            .iter()
            .filter(|a| *a.oid() == CONTENT_TIME_STAMP)
            .count(),
        1
    );
    let tokens: Vec<TimeStampToken> = tsp::content_timestamps(si)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].der(), token.der());
    tokens[0].matches(DOC).unwrap();
    tokens[0].verify(&Verifiers::builtin(), &[]).unwrap();
    assert!(tsp::signature_timestamps(si).is_empty());
    assert!(env.verify(Some(DOC), &Verifiers::builtin(), &[]).unwrap()[0].is_valid());
    // Not one DER element: refused before signing.
    let bad = SignatureOptions::new(at()).content_timestamp(b"\x30\x00\x00".to_vec());
    match Envelope::sign_detached(DOC, &signer("eu/qseal-legal"), &bad).unwrap_err() {
        EnvelopeError::MalformedAttribute { attribute, .. } => {
            assert_eq!(attribute, "content-time-stamp")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn requests_round_trip() {
    let req = TimeStampRequest::new(HashAlgorithm::Sha512, vec![7; 64])
        .policy(POLICY)
        .nonce(vec![0xff, 0x01])
        .cert_req(true);
    let again = TimeStampRequest::from_der(&req.to_der()).unwrap();
    assert_eq!(again, req);
    assert_eq!(again.requested_nonce(), Some(&[0x00, 0xff, 0x01][..]));
    assert_eq!(again.requested_policy(), Some(&POLICY));
    assert!(again.certificate_requested());
    // A digest of the wrong length for its hash.
    let short = TimeStampRequest::new(HashAlgorithm::Sha256, vec![1; 20]);
    match TimeStampRequest::from_der(&short.to_der()).unwrap_err() {
        TspError::Malformed { what, .. } => assert_eq!(what, "messageImprint.hashedMessage"),
        other => panic!("{other:?}"),
    }
    let a = TimeStampRequest::for_data(HashAlgorithm::Sha256, DOC)
        .unwrap()
        .random_nonce()
        .unwrap();
    let b = TimeStampRequest::for_data(HashAlgorithm::Sha256, DOC)
        .unwrap()
        .random_nonce()
        .unwrap();
    assert_ne!(a.requested_nonce(), b.requested_nonce());
    assert_eq!(
        TimeStampRequest::for_data(HashAlgorithm::Md5, DOC).unwrap_err(),
        TspError::UnsupportedImprintHash {
            oid: HashAlgorithm::Md5.oid()
        }
    );
}

/// Every signature-time-stamp in the real EU DSS CAdES files: each parses
/// and stamps its SignerInfo's signature value.
#[test]
fn real_signature_timestamps_match_their_signatures() {
    let dir = shared("real-cms/eu-dss");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "p7m"))
        .collect();
    names.sort();
    let (mut matched, mut mismatched, mut unreadable) = (0, Vec::new(), Vec::new());
    for path in &names {
        let Ok(env) = Envelope::parse(&read(path)) else {
            continue;
        };
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        for si in env.signer_infos() {
            for token in tsp::signature_timestamps(si) {
                match token {
                    Ok(t) => match t.matches(si.signature()) {
                        Ok(()) => matched += 1,
                        Err(e) => mismatched.push((file.clone(), e)),
                    },
                    Err(TspError::Malformed { what, .. }) => unreadable.push((file.clone(), what)),
                    Err(e) => panic!("{file}: {e}"),
                }
            }
        }
    }
    assert_eq!(matched, 21, "signature-time-stamps in {}", dir.display());
    // A token copied from another signature (the fixture's point).
    assert_eq!(
        mismatched,
        [(
            "cades-t-copied-sigtst.p7m".to_owned(),
            TspError::ImprintMismatch
        )]
    );
    // D-Trust wraps the token in an OCTET STRING: named and refused.
    assert_eq!(
        unreadable,
        [
            ("Signature-C-DE_CRY-3.p7m".to_owned(), "TimeStampToken"),
            ("Signature-C-DE_CRY-4.p7m".to_owned(), "TimeStampToken"),
        ]
    );
}

/// SoftwareTsa-made fuzz seeds (`fuzz/seeds/tsp_token`, `fuzz/seeds/tsp_response`):
/// each checked-in seed must still read as what it is; `SIGBRIDGE_WRITE_SEEDS=1`
/// rewrites them.
#[test]
fn fuzz_seeds_read() {
    let precise = tsa("eu-tsu")
        .at_precise(at(), 125_000_000)
        .accuracy(Accuracy {
            seconds: 1,
            millis: 0,
            micros: 500,
        });
    let request = TimeStampRequest::for_data(HashAlgorithm::Sha256, DOC)
        .unwrap()
        .nonce(vec![0x5a; 8])
        .policy(POLICY)
        .cert_req(true);
    let granted = precise.respond(&request.to_der()).unwrap();
    let refused = precise
        .respond(&request.clone().policy(OTHER_POLICY).to_der())
        .unwrap();
    let eu = TimeStampResponse::from_der(&granted)
        .unwrap()
        .token()
        .unwrap()
        .der()
        .to_vec();
    let kz = tsp::timestamp(&tsa("kz-tsu"), HashAlgorithm::Sha384, DOC)
        .unwrap()
        .der()
        .to_vec();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let seeds: [(&str, &[u8]); 5] = [
        ("tsp_token/softwaretsa-eu-p256.tst", &eu),
        ("tsp_token/softwaretsa-kz-rsa.tst", &kz),
        ("tsp_response/softwaretsa-granted.tsr", &granted),
        ("tsp_response/softwaretsa-rejection.tsr", &refused),
        ("tsp_response/request.tsq", &request.to_der()),
    ];
    for (name, fresh) in seeds {
        let path = root.join(name);
        if std::env::var_os("SIGBRIDGE_WRITE_SEEDS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, fresh).unwrap();
        }
        let seed = read(&path);
        if name.starts_with("tsp_token/") {
            let token = TimeStampToken::from_der(&seed).unwrap();
            token.matches(DOC).unwrap();
            token.verify(&Verifiers::builtin(), &[]).unwrap();
        } else if name.ends_with(".tsq") {
            assert_eq!(TimeStampRequest::from_der(&seed).unwrap(), request);
        } else {
            let response = TimeStampResponse::from_der(&seed).unwrap();
            assert_eq!(
                response.status.is_granted(),
                name.contains("granted"),
                "{name}"
            );
        }
    }
}

#[test]
fn error_codes_are_distinct_and_wrapped() {
    let e = || EnvelopeError::MissingContent;
    let errors = [
        TspError::Malformed {
            what: "x",
            reason: String::new(),
        },
        TspError::NotATimeStampToken {
            content_type: ID_DATA,
        },
        TspError::SignerCount { count: 2 },
        TspError::UnknownCriticalExtension { oid: POLICY },
        TspError::ImprintMismatch,
        TspError::UnsupportedImprintHash { oid: POLICY },
        TspError::Signature(e()),
        TspError::MissingSigningCertificate,
        TspError::TsaExtendedKeyUsage {
            subject: String::new(),
            why: EkuProblem::Missing,
        },
        TspError::Rejected {
            status: PkiStatus::Waiting,
            strings: vec![],
            fail_info: None,
        },
        TspError::NonceMismatch,
        TspError::PolicyMismatch,
        TspError::NoToken,
        TspError::MissingCertificate,
        TspError::Transport(String::new()),
        TspError::NoSuchSigner { index: 1, count: 1 },
        TspError::Envelope(e()),
    ];
    let mut codes: Vec<&str> = errors.iter().map(TspError::code).collect();
    assert!(codes.iter().all(|c| c.starts_with("TSP_")), "{codes:?}");
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), errors.len());
    assert_eq!(
        sigbridge::Error::from(TspError::NoToken).code(),
        "TSP_NO_TOKEN"
    );
}
