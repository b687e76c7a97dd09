//! OCSP interoperability with OpenSSL 3.0 (`openssl ocsp`), issue 16's
//! evidence: the responder runs through files (`-index … -reqin … -respout`,
//! no sockets), over `testdata/pki/ocsp/index.txt` for the eu/ca test PKI.
//!
//! 1. Responses from `openssl ocsp` (delegated responder with ocsp-nocheck,
//!    the CA itself, byName and byKey, SHA-1 and SHA-256 CertIDs) are read
//!    and decide good / revoked / unknown, in `check_ocsp` and in the path;
//! 2. tampered, wrong-responder (no OCSPSigning; another CA's responder),
//!    no-nocheck and stale ones are refused with their exact errors;
//! 3. `openssl ocsp -respin` verifies a response of our software responder.
//!
//! `openssl ocsp` stamps producedAt / thisUpdate with the clock, so the
//! validation time is taken from each response. The tests run the
//! `openssl` binary; without it they fail (CI installs it), they never pass
//! silently. The KZ NCA test PKI (`../shared/testdata/kz-nca-test-pki`)
//! holds no OCSP responses, only certificates and a CRL.

mod common;

use std::path::{Path, PathBuf};

use common::scratch::Scratch;
use common::{fixture, local, read};
use sigbridge::path::{
    AnchorSet, CertStatus, Crl, OcspResponse, RequiredSource, ResponderId, ResponderProblem,
    RevocationMode, RevocationSource, RevocationSources, TrustAnchor, ValidationOptions,
    build_path_in, check_ocsp,
};
use sigbridge::{Certificate, OcspError, PathError, Time};

use common::openssl::openssl_ok;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn pki(rel: &str) -> PathBuf {
    local(&format!("pki/{rel}"))
}

/// A request for `leaf` (eu/<leaf>.pem) with `hash`, answered by `openssl
/// ocsp` as `responder` (ocsp/<name> or eu/ca), with `extra` arguments.
fn respond(scratch: &Scratch, leaf: &str, hash: &str, responder: &str, extra: &[&str]) -> Vec<u8> {
    let req = scratch.path(&format!("{leaf}-{hash}.req"));
    let resp = scratch.path(&format!(
        "{leaf}-{hash}-{}.resp",
        responder.replace('/', "_")
    ));
    let ca = pki("eu/ca.pem");
    let cert = pki(&format!("eu/{leaf}.pem"));
    openssl_ok(&[
        "ocsp",
        "-issuer",
        s(&ca),
        hash,
        "-cert",
        s(&cert),
        "-no_nonce",
        "-reqout",
        s(&req),
    ]);
    let rsigner = pki(&format!("{responder}.pem"));
    let rkey = pki(&format!("{responder}.key"));
    let index = pki("ocsp/index.txt");
    let mut args = vec![
        "ocsp",
        "-index",
        s(&index),
        "-rsigner",
        s(&rsigner),
        "-rkey",
        s(&rkey),
        "-CA",
        s(&ca),
        "-reqin",
        s(&req),
        "-respout",
        s(&resp),
    ];
    args.extend_from_slice(extra);
    openssl_ok(&args);
    read(&resp)
}

fn ca() -> Certificate {
    fixture("eu/ca.pem")
}

fn leaf(name: &str) -> Certificate {
    fixture(&format!("eu/{name}.pem"))
}

fn anchors() -> AnchorSet {
    AnchorSet::new(vec![
        TrustAnchor::from_certificate(&fixture("eu/root.pem")).unwrap(),
    ])
}

fn crl(name: &str) -> Crl {
    Crl::from_der(&read(&pki(&format!("eu/{name}.crl")))).unwrap()
}

/// An hour after the response was produced: within `-ndays 1`.
fn after(r: &OcspResponse, seconds: i64) -> Time {
    Time::from_unix(r.produced_at().unix_seconds() + seconds)
}

fn options(r: &OcspResponse, crls: Vec<Crl>) -> ValidationOptions {
    ValidationOptions::new(after(r, 3600))
        .revocation(RevocationMode::Required, crls)
        .ocsp_responses(vec![r.clone()])
        .revocation_sources(RevocationSources::new(
            RevocationSource::Ocsp,
            RequiredSource::Any,
        ))
}

#[test]
fn good_and_revoked_from_a_delegated_responder() {
    let scratch = Scratch::new("ocsp_openssl", "delegated");
    for hash in ["-sha1", "-sha256"] {
        let good = OcspResponse::from_der(&respond(
            &scratch,
            "qes-natural",
            hash,
            "ocsp/eu-responder",
            &["-ndays", "1"],
        ))
        .unwrap();
        assert_eq!(
            *good.responder_id(),
            ResponderId::ByName(fixture("ocsp/eu-responder.pem").subject().clone())
        );
        let s = check_ocsp(
            &good,
            &leaf("qes-natural"),
            &ca(),
            &[],
            &options(&good, vec![]),
        )
        .unwrap();
        assert_eq!(s.status, CertStatus::Good, "{hash}");
        // The whole path, OCSP for the signer, the root's CRL for the CA.
        let p = build_path_in(
            &leaf("qes-natural"),
            &[ca()],
            &anchors(),
            &options(&good, vec![crl("root")]),
        );
        assert!(p.is_ok(), "{hash}: {p:?}");

        let revoked = OcspResponse::from_der(&respond(
            &scratch,
            "revoked",
            hash,
            "ocsp/eu-responder",
            &["-ndays", "1"],
        ))
        .unwrap();
        let s = check_ocsp(
            &revoked,
            &leaf("revoked"),
            &ca(),
            &[],
            &options(&revoked, vec![]),
        )
        .unwrap();
        let when = Time::from_ymd_hms(2026, 3, 1, 0, 0, 0).unwrap();
        assert_eq!(
            s.status,
            CertStatus::Revoked {
                time: when,
                reason: Some(1)
            },
            "{hash}"
        );
        assert_eq!(
            build_path_in(
                &leaf("revoked"),
                &[ca()],
                &anchors(),
                &options(&revoked, vec![crl("root")])
            )
            .map(|_| ()),
            Err(PathError::Revoked {
                subject: leaf("revoked").subject().to_string(),
                reason: Some(1),
                date: when,
            }),
            "{hash}"
        );
    }
}

#[test]
fn signed_by_the_ca_itself_and_by_key() {
    let scratch = Scratch::new("ocsp_openssl", "ca");
    let by_name = OcspResponse::from_der(&respond(
        &scratch,
        "qes-natural",
        "-sha256",
        "eu/ca",
        &["-ndays", "1"],
    ))
    .unwrap();
    let by_key = OcspResponse::from_der(&respond(
        &scratch,
        "revoked",
        "-sha256",
        "eu/ca",
        &["-ndays", "1", "-resp_key_id"],
    ))
    .unwrap();
    assert!(matches!(by_key.responder_id(), ResponderId::ByKey(_)));
    let s = check_ocsp(
        &by_name,
        &leaf("qes-natural"),
        &ca(),
        &[],
        &options(&by_name, vec![]),
    )
    .unwrap();
    assert_eq!(s.status, CertStatus::Good);
    let s = check_ocsp(
        &by_key,
        &leaf("revoked"),
        &ca(),
        &[],
        &options(&by_key, vec![]),
    )
    .unwrap();
    assert!(matches!(
        s.status,
        CertStatus::Revoked {
            reason: Some(1),
            ..
        }
    ));
}

#[test]
fn a_certificate_not_in_the_index_is_unknown() {
    let scratch = Scratch::new("ocsp_openssl", "unknown");
    let r = OcspResponse::from_der(&respond(
        &scratch,
        "adv-qc",
        "-sha256",
        "ocsp/eu-responder",
        &["-ndays", "1"],
    ))
    .unwrap();
    let s = check_ocsp(&r, &leaf("adv-qc"), &ca(), &[], &options(&r, vec![])).unwrap();
    assert_eq!(s.status, CertStatus::Unknown);
    assert_eq!(
        build_path_in(&leaf("adv-qc"), &[ca()], &anchors(), &options(&r, vec![crl("root")])).map(|_| ()),
        Err(PathError::RevocationUnknown {
            subject: leaf("adv-qc").subject().to_string(),
            reason: "the OCSP responder answered unknown: it does not know the certificate (RFC 6960 §2.2); no CRL from its issuer was supplied".into(),
        })
    );
}

#[test]
fn tampered_response_is_refused() {
    let scratch = Scratch::new("ocsp_openssl", "tampered");
    let der = respond(
        &scratch,
        "revoked",
        "-sha256",
        "ocsp/eu-responder",
        &["-ndays", "1"],
    );
    let sig = OcspResponse::from_der(&der).unwrap().signature().to_vec();
    let at = der
        .windows(sig.len())
        .position(|w| w == sig.as_slice())
        .unwrap();
    let mut bad_sig = der.clone();
    bad_sig[at + sig.len() / 2] ^= 0x04;
    let r = OcspResponse::from_der(&bad_sig).unwrap();
    let err = OcspError::Signature {
        responder: fixture("ocsp/eu-responder.pem").subject().to_string(),
    };
    assert_eq!(
        check_ocsp(&r, &leaf("revoked"), &ca(), &[], &options(&r, vec![])),
        Err(err)
    );
    // The status byte turned from revoked into something else: unparseable
    // or, where it still parses, badly signed. Here: the reason code changed.
    let good = OcspResponse::from_der(&der).unwrap();
    let reason_at = der
        .windows(5)
        .position(|w| w == [0xa0, 0x03, 0x0a, 0x01, 0x01])
        .unwrap();
    let mut other_reason = der.clone();
    other_reason[reason_at + 4] = 0x04;
    let r = OcspResponse::from_der(&other_reason).unwrap();
    assert_eq!(
        check_ocsp(&r, &leaf("revoked"), &ca(), &[], &options(&good, vec![])),
        Err(OcspError::Signature {
            responder: fixture("ocsp/eu-responder.pem").subject().to_string(),
        })
    );
}

#[test]
fn wrong_responders_are_refused() {
    let scratch = Scratch::new("ocsp_openssl", "wrong");
    let r = OcspResponse::from_der(&respond(
        &scratch,
        "qes-natural",
        "-sha256",
        "ocsp/eu-not-responder",
        &["-ndays", "1"],
    ))
    .unwrap();
    assert_eq!(
        check_ocsp(&r, &leaf("qes-natural"), &ca(), &[], &options(&r, vec![])),
        Err(OcspError::ResponderNotAuthorized {
            responder: fixture("ocsp/eu-not-responder.pem").subject().to_string(),
            why: ResponderProblem::MissingOcspSigning,
        })
    );
    let r = OcspResponse::from_der(&respond(
        &scratch,
        "qes-natural",
        "-sha256",
        "ocsp/kz-responder",
        &["-ndays", "1"],
    ))
    .unwrap();
    let err = OcspError::ResponderNotAuthorized {
        responder: fixture("ocsp/kz-responder.pem").subject().to_string(),
        why: ResponderProblem::NotIssuedByIssuer,
    };
    assert_eq!(
        check_ocsp(&r, &leaf("qes-natural"), &ca(), &[], &options(&r, vec![])),
        Err(err.clone())
    );
    assert_eq!(
        build_path_in(
            &leaf("qes-natural"),
            &[ca()],
            &anchors(),
            &options(&r, vec![crl("root")])
        )
        .map(|_| ()),
        Err(PathError::RevocationUnknown {
            subject: leaf("qes-natural").subject().to_string(),
            reason: format!(
                "an OCSP response cannot be used: {err}; no CRL from its issuer was supplied"
            ),
        })
    );
}

#[test]
fn responder_without_nocheck_needs_its_own_status() {
    let scratch = Scratch::new("ocsp_openssl", "nocheck");
    let r = OcspResponse::from_der(&respond(
        &scratch,
        "qes-natural",
        "-sha256",
        "ocsp/eu-responder-check",
        &["-ndays", "1"],
    ))
    .unwrap();
    let responder = fixture("ocsp/eu-responder-check.pem").subject().to_string();
    assert_eq!(
        check_ocsp(&r, &leaf("qes-natural"), &ca(), &[], &options(&r, vec![])),
        Err(OcspError::ResponderStatus {
            responder,
            reason: "no OCSP response about it was supplied; no CRL from its issuer was supplied"
                .into(),
        })
    );
    // The CA's CRL does not list the responder: the response decides.
    let s = check_ocsp(
        &r,
        &leaf("qes-natural"),
        &ca(),
        &[],
        &options(&r, vec![crl("ca")]),
    )
    .unwrap();
    assert_eq!(s.status, CertStatus::Good);
}

#[test]
fn stale_response_is_refused() {
    let scratch = Scratch::new("ocsp_openssl", "stale");
    let r = OcspResponse::from_der(&respond(
        &scratch,
        "qes-natural",
        "-sha256",
        "ocsp/eu-responder",
        &["-nmin", "10"],
    ))
    .unwrap();
    let next = r.responses()[0].next_update.unwrap();
    assert_eq!(
        next.unix_seconds() - r.responses()[0].this_update.unix_seconds(),
        600
    );
    let late = ValidationOptions::new(after(&r, 601)).revocation(RevocationMode::Required, vec![]);
    assert_eq!(
        check_ocsp(&r, &leaf("qes-natural"), &ca(), &[], &late),
        Err(OcspError::Stale {
            next_update: next,
            at: after(&r, 601)
        })
    );
    // Within the ten minutes: current.
    let on_time =
        ValidationOptions::new(after(&r, 599)).revocation(RevocationMode::Required, vec![]);
    assert_eq!(
        check_ocsp(&r, &leaf("qes-natural"), &ca(), &[], &on_time).map(|s| s.status),
        Ok(CertStatus::Good)
    );
    // Judged before it was produced: premature.
    let early = ValidationOptions::new(after(&r, -1)).revocation(RevocationMode::Required, vec![]);
    assert_eq!(
        check_ocsp(&r, &leaf("qes-natural"), &ca(), &[], &early),
        Err(OcspError::Premature {
            what: "producedAt",
            time: r.produced_at(),
            validation_time: after(&r, -1)
        })
    );
}

#[test]
fn openssl_verifies_our_software_responder() {
    use common::certgen::Key;
    use common::ocsp::{Responder, Single, Status};
    let scratch = Scratch::new("ocsp_openssl", "ours");
    let key = Key::fixture("ocsp", "eu-responder");
    let cert = fixture("ocsp/eu-responder.pem");
    let now = Time::from_ymd_hms(2026, 12, 1, 0, 0, 0).unwrap();
    let der = Responder::new(&key, &cert).respond_der(
        now,
        &[Single::new(
            &leaf("revoked"),
            &ca(),
            Status::Revoked(Time::from_ymd_hms(2026, 3, 1, 0, 0, 0).unwrap(), Some(1)),
            now,
        )],
    );
    let resp = scratch.write("ours.resp", &der);
    let chain = scratch.write(
        "chain.pem",
        &[read(&pki("eu/root.pem")), read(&pki("eu/ca.pem"))].concat(),
    );
    let out = openssl_ok(&[
        "ocsp",
        "-respin",
        s(&resp),
        "-CAfile",
        s(&chain),
        "-issuer",
        s(&pki("eu/ca.pem")),
        "-sha256",
        "-cert",
        s(&pki("eu/revoked.pem")),
        "-attime",
        &now.unix_seconds().saturating_add(60).to_string(),
        "-no_nonce",
    ]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Response verify OK"), "{text}");
    assert!(text.contains("revoked"), "{text}");
    assert!(text.contains("Reason: keyCompromise"), "{text}");
}
