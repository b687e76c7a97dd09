//! OCSP (RFC 6960, issue 16 item 1): responses read strictly, the responder
//! verified (the CA itself or a delegated responder, §4.2.2.2), freshness
//! (§4.2.2.1), good / revoked / unknown in path revocation, and the past-time
//! semantics of `ValidationOptions::validation_time`.

mod common;

use common::certgen::{self, Key, day, dn, ext};
use common::der::tlv;
use common::ocsp::{By, Responder, Single, Status, tamper_signature, wrap_basic};
use sigbridge::path::{
    AnchorSet, CertStatus, OcspResponse, OcspResponseStatus, RequiredSource, ResponderProblem,
    RevocationMode, RevocationSource, RevocationSources, TrustAnchor, ValidationOptions,
    build_path_in, check_ocsp,
};
use sigbridge::{Certificate, Error, HashAlgorithm, OcspError, PathError, Time};

const OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";
const NOCHECK: &str = "1.3.6.1.5.5.7.48.1.5";

struct World {
    root: Certificate,
    root_key: Key,
    ca: Certificate,
    ca_key: Key,
    signer: Certificate,
    /// A delegated responder of `ca` with OCSPSigning and ocsp-nocheck.
    responder: Certificate,
    /// The same without ocsp-nocheck (serial 61).
    responder_check: Certificate,
    responder_key: Key,
    /// A certificate of `ca` without OCSPSigning, over the responder key.
    not_responder: Certificate,
    /// A responder with OCSPSigning issued by another CA (under the same root).
    foreign_responder: Certificate,
}

fn name_root() -> Vec<u8> {
    dn("BE", "OCSP Test PKI", "OCSP Test Root")
}
fn name_ca() -> Vec<u8> {
    dn("BE", "OCSP Test PKI", "OCSP Test Issuing CA")
}

fn world() -> World {
    let root_key = Key::fixture("eu", "root");
    let ca_key = Key::fixture("eu", "ca");
    let other_key = Key::fixture("kz", "ca");
    let signer_key = Key::fixture("eu", "qes-natural");
    let responder_key = Key::fixture("ocsp", "eu-responder");
    let root = certgen::ca(
        1,
        &name_root(),
        &root_key,
        &name_root(),
        &root_key,
        day(-400),
        day(4000),
    );
    let ca = certgen::ca(
        2,
        &name_ca(),
        &ca_key,
        &name_root(),
        &root_key,
        day(-300),
        day(3000),
    );
    let other_name = dn("BE", "OCSP Test PKI", "Other Issuing CA");
    let signer = certgen::end_entity(
        100,
        &dn("BE", "Exporter", "Signer"),
        &signer_key,
        &name_ca(),
        &ca_key,
        day(-200),
        day(700),
        vec![],
    );
    let responder_cert =
        |serial: u64, nocheck: bool, eku: &[&str], issuer_name: &[u8], issuer: &Key| {
            let mut exts = vec![
                certgen::basic_constraints(false, None),
                certgen::key_usage(&[0]),
                certgen::eku(true, eku),
            ];
            if nocheck {
                exts.push(ext(NOCHECK, false, &tlv(0x05, &[])));
            }
            certgen::issue(
                serial,
                &dn("BE", "OCSP Test PKI", &format!("Responder {serial}")),
                &responder_key,
                issuer_name,
                issuer,
                day(-100),
                day(1000),
                exts,
            )
        };
    let responder = responder_cert(60, true, &[OCSP_SIGNING], &name_ca(), &ca_key);
    let responder_check = responder_cert(61, false, &[OCSP_SIGNING], &name_ca(), &ca_key);
    let not_responder = responder_cert(62, true, &["1.3.6.1.5.5.7.3.2"], &name_ca(), &ca_key);
    let foreign_responder = responder_cert(63, true, &[OCSP_SIGNING], &other_name, &other_key);
    World {
        root,
        root_key,
        ca,
        ca_key,
        signer,
        responder,
        responder_check,
        responder_key,
        not_responder,
        foreign_responder,
    }
}

fn anchors(w: &World) -> AnchorSet {
    AnchorSet::new(vec![TrustAnchor::from_certificate(&w.root).unwrap()])
}

fn at() -> Time {
    day(100)
}

/// The root's CRL, so that the issuing CA's own status is known.
fn root_crl(w: &World) -> sigbridge::path::Crl {
    certgen::crl(&name_root(), &w.root_key, day(90), day(120), &[], 1)
}

fn required(w: &World, responses: Vec<OcspResponse>) -> ValidationOptions {
    ValidationOptions::new(at())
        .revocation(RevocationMode::Required, vec![root_crl(w)])
        .ocsp_responses(responses)
}

fn ca_responder(w: &World) -> Responder<'_> {
    Responder::new(&w.ca_key, &w.ca)
}

fn delegated(w: &World) -> Responder<'_> {
    Responder::new(&w.responder_key, &w.responder)
}

fn single(w: &World, status: Status) -> Single {
    Single::new(&w.signer, &w.ca, status, day(99))
}

fn path(w: &World, options: &ValidationOptions) -> Result<(), PathError> {
    build_path_in(&w.signer, std::slice::from_ref(&w.ca), &anchors(w), options).map(|_| ())
}

fn unusable(e: &OcspError) -> String {
    format!("an OCSP response cannot be used: {e}")
}

fn unknown(reason: String) -> Result<(), PathError> {
    Err(PathError::RevocationUnknown {
        subject: "C=BE, O=Exporter, CN=Signer".into(),
        reason,
    })
}

#[test]
fn good_from_the_ca_itself() {
    let w = world();
    let r = ca_responder(&w).respond(day(99), &[single(&w, Status::Good)]);
    assert_eq!(path(&w, &required(&w, vec![r.clone()])), Ok(()));
    let s = check_ocsp(&r, &w.signer, &w.ca, &[], &required(&w, vec![])).unwrap();
    assert_eq!(s.status, CertStatus::Good);
    assert_eq!(s.this_update, day(99));
    // The decision's signature is recorded for the policy's algorithm rules.
    let p = build_path_in(
        &w.signer,
        std::slice::from_ref(&w.ca),
        &anchors(&w),
        &required(&w, vec![r]),
    )
    .unwrap();
    assert!(p.crl_signatures.iter().any(|s| s.issuer == *w.ca.subject()));
}

#[test]
fn revoked_with_reason_and_time() {
    let w = world();
    let r = ca_responder(&w).respond(day(99), &[single(&w, Status::Revoked(day(50), Some(1)))]);
    let expected = Err(PathError::Revoked {
        subject: w.signer.subject().to_string(),
        reason: Some(1),
        date: day(50),
    });
    assert_eq!(path(&w, &required(&w, vec![r.clone()])), expected);
    // Preferred mode: a revocation is still a revocation.
    let options = required(&w, vec![r]).revocation(RevocationMode::Preferred, vec![]);
    assert_eq!(path(&w, &options), expected);
}

#[test]
fn revoked_without_reason() {
    let w = world();
    let r = delegated(&w).respond(day(99), &[single(&w, Status::Revoked(day(98), None))]);
    assert_eq!(
        path(&w, &required(&w, vec![r])),
        Err(PathError::Revoked {
            subject: w.signer.subject().to_string(),
            reason: None,
            date: day(98),
        })
    );
}

#[test]
fn unknown_status_is_unknown() {
    let w = world();
    let r = ca_responder(&w).respond(day(99), &[single(&w, Status::Unknown)]);
    assert_eq!(
        path(&w, &required(&w, vec![r.clone()])),
        unknown(
            "no CRL from its issuer was supplied; the OCSP responder answered unknown: it does not know the certificate (RFC 6960 §2.2)".into()
        )
    );
    let preferred = required(&w, vec![r]).revocation(RevocationMode::Preferred, vec![root_crl(&w)]);
    assert_eq!(path(&w, &preferred), Ok(()));
}

#[test]
fn delegated_responder_by_name_and_by_key() {
    let w = world();
    for by in [By::Name, By::Key] {
        let mut responder = delegated(&w);
        responder.by = by;
        let r = responder.respond(day(99), &[single(&w, Status::Good)]);
        assert_eq!(path(&w, &required(&w, vec![r])), Ok(()), "{by:?}");
    }
}

#[test]
fn delegated_responder_certificate_from_the_pool() {
    let w = world();
    let mut responder = delegated(&w);
    responder.certs.clear();
    let r = responder.respond(day(99), &[single(&w, Status::Good)]);
    let options = required(&w, vec![r.clone()]);
    let err = OcspError::ResponderNotFound {
        responder: w.responder.subject().to_string(),
    };
    assert_eq!(check_ocsp(&r, &w.signer, &w.ca, &[], &options), Err(err));
    let s = check_ocsp(
        &r,
        &w.signer,
        &w.ca,
        std::slice::from_ref(&w.responder),
        &options,
    )
    .unwrap();
    assert_eq!(s.status, CertStatus::Good);
    let p = build_path_in(
        &w.signer,
        &[w.ca.clone(), w.responder.clone()],
        &anchors(&w),
        &options,
    );
    assert!(p.is_ok(), "{p:?}");
}

#[test]
fn responder_without_ocsp_signing_is_refused() {
    let w = world();
    let r = Responder::new(&w.responder_key, &w.not_responder)
        .respond(day(99), &[single(&w, Status::Good)]);
    let options = required(&w, vec![r.clone()]);
    let err = OcspError::ResponderNotAuthorized {
        responder: w.not_responder.subject().to_string(),
        why: ResponderProblem::MissingOcspSigning,
    };
    assert_eq!(
        check_ocsp(&r, &w.signer, &w.ca, &[], &options),
        Err(err.clone())
    );
    assert_eq!(
        path(&w, &options),
        unknown(format!(
            "no CRL from its issuer was supplied; {}",
            unusable(&err)
        ))
    );
}

#[test]
fn responder_of_another_ca_is_refused() {
    let w = world();
    let r = Responder::new(&w.responder_key, &w.foreign_responder)
        .respond(day(99), &[single(&w, Status::Revoked(day(1), None))]);
    let options = required(&w, vec![r.clone()]);
    let err = OcspError::ResponderNotAuthorized {
        responder: w.foreign_responder.subject().to_string(),
        why: ResponderProblem::NotIssuedByIssuer,
    };
    assert_eq!(
        check_ocsp(&r, &w.signer, &w.ca, &[], &options),
        Err(err.clone())
    );
    // Not even its "revoked" counts.
    let preferred = options
        .clone()
        .revocation(RevocationMode::Preferred, vec![]);
    assert_eq!(path(&w, &preferred), Ok(()));
    assert_eq!(
        path(&w, &options),
        unknown(format!(
            "no CRL from its issuer was supplied; {}",
            unusable(&err)
        ))
    );
}

#[test]
fn a_look_alike_of_the_ca_name_signed_by_another_key_is_refused() {
    let w = world();
    // The other CA's key signs a response naming the real CA as responder.
    let other = Key::fixture("kz", "ca");
    let mut responder = Responder::new(&other, &w.ca);
    responder.certs.clear();
    let r = responder.respond(day(99), &[single(&w, Status::Good)]);
    assert_eq!(
        check_ocsp(&r, &w.signer, &w.ca, &[], &required(&w, vec![])),
        Err(OcspError::Signature {
            responder: w.ca.subject().to_string()
        })
    );
}

#[test]
fn tampered_signature_is_refused() {
    let w = world();
    for responder in [ca_responder(&w), delegated(&w)] {
        let der = responder.respond_der(day(99), &[single(&w, Status::Good)]);
        let r = OcspResponse::from_der(&tamper_signature(&der)).unwrap();
        let who = responder.certificate.subject().to_string();
        let err = OcspError::Signature { responder: who };
        assert_eq!(
            check_ocsp(&r, &w.signer, &w.ca, &[], &required(&w, vec![])),
            Err(err.clone())
        );
        assert_eq!(
            path(&w, &required(&w, vec![r])),
            unknown(format!(
                "no CRL from its issuer was supplied; {}",
                unusable(&err)
            ))
        );
    }
}

#[test]
fn stale_and_premature_responses_are_refused() {
    let w = world();
    let options = required(&w, vec![]);
    // nextUpdate passed.
    let s = Single::new(&w.signer, &w.ca, Status::Good, day(80)).next_update(Some(day(90)));
    let r = ca_responder(&w).respond(day(80), &[s]);
    assert_eq!(
        check_ocsp(&r, &w.signer, &w.ca, &[], &options),
        Err(OcspError::Stale {
            next_update: day(90),
            at: at()
        })
    );
    // thisUpdate after the validation time.
    let s = Single::new(&w.signer, &w.ca, Status::Good, day(101));
    let r = ca_responder(&w).respond(day(99), &[s]);
    assert_eq!(
        check_ocsp(&r, &w.signer, &w.ca, &[], &options),
        Err(OcspError::Premature {
            what: "thisUpdate",
            time: day(101),
            validation_time: at()
        })
    );
    // producedAt after the validation time.
    let r = ca_responder(&w).respond(day(102), &[single(&w, Status::Good)]);
    let err = OcspError::Premature {
        what: "producedAt",
        time: day(102),
        validation_time: at(),
    };
    assert_eq!(
        check_ocsp(&r, &w.signer, &w.ca, &[], &options),
        Err(err.clone())
    );
    assert_eq!(
        path(&w, &required(&w, vec![r])),
        unknown(format!(
            "no CRL from its issuer was supplied; {}",
            unusable(&err)
        ))
    );
}

#[test]
fn without_next_update_the_max_age_applies() {
    let w = world();
    let s = Single::new(&w.signer, &w.ca, Status::Good, day(98)).next_update(None);
    let r = ca_responder(&w).respond(day(98), &[s]);
    // Two days before: too old under the default one-day max age.
    assert_eq!(
        check_ocsp(&r, &w.signer, &w.ca, &[], &required(&w, vec![])),
        Err(OcspError::TooOld {
            this_update: day(98),
            max_age_seconds: 86_400,
            at: at()
        })
    );
    let options =
        required(&w, vec![r.clone()]).ocsp_max_age(std::time::Duration::from_secs(3 * 86_400));
    assert_eq!(path(&w, &options), Ok(()));
    // Exactly the max age: still current; a second less: too old.
    let options =
        required(&w, vec![r.clone()]).ocsp_max_age(std::time::Duration::from_secs(2 * 86_400));
    assert_eq!(path(&w, &options), Ok(()));
    let options =
        required(&w, vec![r]).ocsp_max_age(std::time::Duration::from_secs(2 * 86_400 - 1));
    assert_eq!(
        path(&w, &options),
        unknown(format!(
            "no CRL from its issuer was supplied; {}",
            unusable(&OcspError::TooOld {
                this_update: day(98),
                max_age_seconds: 2 * 86_400 - 1,
                at: at()
            })
        ))
    );
}

#[test]
fn cert_id_by_sha1_sha256_and_sha384() {
    let w = world();
    for hash in [
        HashAlgorithm::Sha1,
        HashAlgorithm::Sha256,
        HashAlgorithm::Sha384,
    ] {
        let s = single(&w, Status::Revoked(day(10), Some(4))).hash(hash);
        let r = delegated(&w).respond(day(99), &[s]);
        assert_eq!(r.responses()[0].cert_id.hash_algorithm.oid, hash.oid());
        assert_eq!(
            path(&w, &required(&w, vec![r])),
            Err(PathError::Revoked {
                subject: w.signer.subject().to_string(),
                reason: Some(4),
                date: day(10),
            }),
            "{hash:?}"
        );
    }
}

#[test]
fn cert_id_for_another_certificate_or_issuer_does_not_match() {
    let w = world();
    // Right serial, issuer key hash of another key.
    let mut s = single(&w, Status::Good);
    s.issuer_key = w.root.public_key_bytes().to_vec();
    let r = ca_responder(&w).respond(day(99), &[s]);
    let err = OcspError::NoMatchingResponse {
        subject: w.signer.subject().to_string(),
    };
    assert_eq!(
        check_ocsp(&r, &w.signer, &w.ca, &[], &required(&w, vec![])),
        Err(err.clone())
    );
    assert_eq!(
        path(&w, &required(&w, vec![r])),
        unknown(format!(
            "no CRL from its issuer was supplied; {}",
            unusable(&err)
        ))
    );
    // Another serial: the response is not about the signer at all.
    let other = Single::new(&w.responder, &w.ca, Status::Revoked(day(1), None), day(99));
    let r = ca_responder(&w).respond(day(99), &[other]);
    assert_eq!(
        path(&w, &required(&w, vec![r])),
        unknown(
            "no CRL from its issuer was supplied; no OCSP response about it was supplied".into()
        )
    );
}

#[test]
fn nocheck_absent_makes_the_responders_own_status_matter() {
    let w = world();
    let r = Responder::new(&w.responder_key, &w.responder_check)
        .respond(day(99), &[single(&w, Status::Good)]);
    // No CRL or OCSP response for the responder: its status is not established.
    let options = required(&w, vec![r.clone()]);
    let err = OcspError::ResponderStatus {
        responder: w.responder_check.subject().to_string(),
        reason: "no CRL from its issuer was supplied; no OCSP response about it was supplied"
            .into(),
    };
    assert_eq!(
        check_ocsp(&r, &w.signer, &w.ca, &[], &options),
        Err(err.clone())
    );
    assert_eq!(
        path(&w, &options),
        unknown(format!(
            "no CRL from its issuer was supplied; {}",
            unusable(&err)
        ))
    );
    // The CA's CRL shows the responder not revoked: the response decides
    // (OCSP preferred, so that it is the response that decides the signer).
    let ca_crl = certgen::crl(&name_ca(), &w.ca_key, day(90), day(120), &[], 1);
    let with_crl = |crl| {
        ValidationOptions::new(at())
            .revocation(RevocationMode::Required, vec![root_crl(&w), crl])
            .ocsp_responses(vec![r.clone()])
            .revocation_sources(RevocationSources::new(
                RevocationSource::Ocsp,
                RequiredSource::Ocsp,
            ))
    };
    let s = check_ocsp(
        &r,
        &w.signer,
        &w.ca,
        &[],
        &with_crl(ca_crl.clone()).revocation_sources(RevocationSources::default()),
    );
    assert_eq!(s.map(|s| s.status), Ok(CertStatus::Good));
    // With OCSP required for every certificate, the CRL does not establish
    // the responder's own status.
    let nested = OcspError::ResponderStatus {
        responder: w.responder_check.subject().to_string(),
        reason: "no OCSP response about it was supplied; only a CRL shows it not revoked, and the policy requires an OCSP response".into(),
    };
    assert_eq!(
        path(&w, &with_crl(ca_crl.clone())),
        unknown(format!(
            "{}; only a CRL shows it not revoked, and the policy requires an OCSP response",
            unusable(&nested)
        ))
    );
    let any = with_crl(ca_crl).revocation_sources(RevocationSources::new(
        RevocationSource::Ocsp,
        RequiredSource::Any,
    ));
    assert_eq!(path(&w, &any), Ok(()));
    // The CA's CRL lists the responder: its responses no longer count.
    let revoking = certgen::crl(
        &name_ca(),
        &w.ca_key,
        day(90),
        day(120),
        &[(61, day(95))],
        1,
    );
    let options = with_crl(revoking).revocation_sources(RevocationSources::default());
    let err = OcspError::ResponderStatus {
        responder: w.responder_check.subject().to_string(),
        reason: PathError::Revoked {
            subject: w.responder_check.subject().to_string(),
            reason: None,
            date: day(95),
        }
        .to_string(),
    };
    assert_eq!(check_ocsp(&r, &w.signer, &w.ca, &[], &options), Err(err));
    // The CRL decides the signer good first (prefer CRL), so the path stands;
    // with OCSP required the revoked responder leaves it unknown.
    assert_eq!(path(&w, &options), Ok(()));
    // The nocheck responder is not checked even when listed on the CA's CRL.
    let revoking = certgen::crl(
        &name_ca(),
        &w.ca_key,
        day(90),
        day(120),
        &[(60, day(95))],
        1,
    );
    let r = delegated(&w).respond(day(99), &[single(&w, Status::Good)]);
    let options = ValidationOptions::new(at())
        .revocation(RevocationMode::Required, vec![root_crl(&w), revoking])
        .ocsp_responses(vec![r.clone()]);
    assert_eq!(
        check_ocsp(&r, &w.signer, &w.ca, &[], &options).map(|s| s.status),
        Ok(CertStatus::Good)
    );
}

#[test]
fn responder_status_from_an_ocsp_response_of_the_ca() {
    let w = world();
    let r = Responder::new(&w.responder_key, &w.responder_check)
        .respond(day(99), &[single(&w, Status::Good)]);
    // The CA itself vouches for the responder by OCSP.
    let for_responder = ca_responder(&w).respond(
        day(99),
        &[Single::new(
            &w.responder_check,
            &w.ca,
            Status::Good,
            day(99),
        )],
    );
    let options = required(&w, vec![r.clone(), for_responder]);
    assert_eq!(path(&w, &options), Ok(()));
    // A responder cannot vouch for itself.
    let self_vouch = Responder::new(&w.responder_key, &w.responder_check).respond(
        day(99),
        &[Single::new(
            &w.responder_check,
            &w.ca,
            Status::Good,
            day(99),
        )],
    );
    let options = required(&w, vec![r.clone(), self_vouch]);
    match check_ocsp(&r, &w.signer, &w.ca, &[], &options) {
        Err(OcspError::ResponderStatus { responder, .. }) => {
            assert_eq!(responder, w.responder_check.subject().to_string())
        }
        other => panic!("expected ResponderStatus, got {other:?}"),
    }
}

#[test]
fn past_time_semantics() {
    let w = world();
    // Proven to exist at day 100, validated at day 400; the certificates
    // are judged at day 100.
    let now = day(400);
    let options = |r: OcspResponse| {
        ValidationOptions::new(at())
            .revocation(
                RevocationMode::Required,
                vec![certgen::crl(
                    &name_root(),
                    &w.root_key,
                    day(390),
                    day(420),
                    &[],
                    2,
                )],
            )
            .ocsp_responses(vec![r])
            .at_proven_time(at(), now)
    };
    // Good, produced long after the proven time: decides.
    let good = delegated(&w).respond(
        day(390),
        &[Single::new(&w.signer, &w.ca, Status::Good, day(390))],
    );
    assert_eq!(path(&w, &options(good)), Ok(()));
    // Revoked after the proven time: does not count.
    let late = delegated(&w).respond(
        day(390),
        &[Single::new(
            &w.signer,
            &w.ca,
            Status::Revoked(day(200), Some(1)),
            day(390),
        )],
    );
    assert_eq!(path(&w, &options(late.clone())), Ok(()));
    // The same response in a validation at day 390 itself: revoked.
    let plain = ValidationOptions::new(day(391))
        .revocation(
            RevocationMode::Required,
            vec![certgen::crl(
                &name_root(),
                &w.root_key,
                day(390),
                day(420),
                &[],
                2,
            )],
        )
        .ocsp_responses(vec![late]);
    assert_eq!(
        path(&w, &plain),
        Err(PathError::Revoked {
            subject: w.signer.subject().to_string(),
            reason: Some(1),
            date: day(200),
        })
    );
    // Revoked before the proven time: counts.
    let early = delegated(&w).respond(
        day(390),
        &[Single::new(
            &w.signer,
            &w.ca,
            Status::Revoked(day(50), Some(1)),
            day(390),
        )],
    );
    assert_eq!(
        path(&w, &options(early)),
        Err(PathError::Revoked {
            subject: w.signer.subject().to_string(),
            reason: Some(1),
            date: day(50),
        })
    );
    // Produced after the validation time itself: premature.
    let future = delegated(&w).respond(
        day(401),
        &[Single::new(&w.signer, &w.ca, Status::Good, day(390))],
    );
    assert_eq!(
        check_ocsp(&future, &w.signer, &w.ca, &[], &options(future.clone())),
        Err(OcspError::Premature {
            what: "producedAt",
            time: day(401),
            validation_time: now
        })
    );
}

#[test]
fn sources_prefer_and_require() {
    let w = world();
    let ca_good = certgen::crl(&name_ca(), &w.ca_key, day(90), day(120), &[], 1);
    let ocsp_revoked =
        ca_responder(&w).respond(day(99), &[single(&w, Status::Revoked(day(97), None))]);
    let base = ValidationOptions::new(at())
        .revocation(RevocationMode::Required, vec![root_crl(&w), ca_good])
        .ocsp_responses(vec![ocsp_revoked]);
    let revoked = Err(PathError::Revoked {
        subject: w.signer.subject().to_string(),
        reason: None,
        date: day(97),
    });
    // CRL first: the CRL shows the signer good and decides.
    assert_eq!(path(&w, &base), Ok(()));
    // OCSP first: the response shows it revoked.
    let ocsp_first = base.clone().revocation_sources(RevocationSources::new(
        RevocationSource::Ocsp,
        RequiredSource::Any,
    ));
    assert_eq!(path(&w, &ocsp_first), revoked);
    // CRL first but CRL not enough: the OCSP revocation is reached.
    let need_ocsp = base.clone().revocation_sources(RevocationSources::new(
        RevocationSource::Crl,
        RequiredSource::Ocsp,
    ));
    assert_eq!(path(&w, &need_ocsp), revoked);
    // OCSP required, the signer shown good by OCSP: the issuing CA, with only
    // the root's CRL, is then the certificate whose status is not established.
    let ocsp_good = ca_responder(&w).respond(day(99), &[single(&w, Status::Good)]);
    let need_ocsp = ValidationOptions::new(at())
        .revocation(RevocationMode::Required, vec![root_crl(&w)])
        .ocsp_responses(vec![ocsp_good])
        .revocation_sources(RevocationSources::new(
            RevocationSource::Crl,
            RequiredSource::Ocsp,
        ));
    assert_eq!(
        path(&w, &need_ocsp),
        Err(PathError::RevocationUnknown {
            subject: w.ca.subject().to_string(),
            reason: "only a CRL shows it not revoked, and the policy requires an OCSP response; no OCSP response about it was supplied".into(),
        })
    );
    // Only a CRL may show a certificate good: an OCSP good is not enough.
    let ocsp_good = ca_responder(&w).respond(day(99), &[single(&w, Status::Good)]);
    let need_crl = ValidationOptions::new(at())
        .revocation(RevocationMode::Required, vec![root_crl(&w)])
        .ocsp_responses(vec![ocsp_good])
        .revocation_sources(RevocationSources::new(
            RevocationSource::Ocsp,
            RequiredSource::Crl,
        ));
    assert_eq!(
        path(&w, &need_crl),
        unknown("only an OCSP response shows it not revoked, and the policy requires a CRL; no CRL from its issuer was supplied".into())
    );
}

#[test]
fn reader_is_strict() {
    let w = world();
    let der = ca_responder(&w).respond_der(day(99), &[single(&w, Status::Good)]);
    let mut trailing = der.clone();
    trailing.push(0);
    assert_eq!(
        OcspResponse::from_der(&trailing).unwrap_err(),
        OcspError::Malformed {
            what: "OCSPResponse",
            reason: "trailing bytes after the response".into()
        }
    );
    for (status, expected) in [
        (1u8, OcspResponseStatus::MalformedRequest),
        (2, OcspResponseStatus::InternalError),
        (3, OcspResponseStatus::TryLater),
        (5, OcspResponseStatus::SigRequired),
        (6, OcspResponseStatus::Unauthorized),
    ] {
        let der = tlv(0x30, &[&tlv(0x0a, &[&[status]])]);
        assert_eq!(
            OcspResponse::from_der(&der).unwrap_err(),
            OcspError::Unsuccessful { status: expected }
        );
    }
    // Another response type.
    let bytes = tlv(
        0x30,
        &[
            &common::der::oid("1.3.6.1.5.5.7.48.1.99"),
            &tlv(0x04, &[&[0x30, 0x00]]),
        ],
    );
    let other = tlv(0x30, &[&tlv(0x0a, &[&[0]]), &tlv(0xa0, &[&bytes])]);
    assert_eq!(
        OcspResponse::from_der(&other).unwrap_err(),
        OcspError::UnsupportedResponseType {
            oid: "1.3.6.1.5.5.7.48.1.99".parse().unwrap()
        }
    );
    // Garbage inside the basic response.
    assert_eq!(
        OcspResponse::from_der(&wrap_basic(&[0x30, 0x00]))
            .unwrap_err()
            .code(),
        "OCSP_MALFORMED"
    );
    // Every truncation is refused, never a panic.
    for n in 0..der.len() {
        assert!(OcspResponse::from_der(&der[..n]).is_err(), "prefix {n}");
    }
}

#[test]
fn extensions_nonce_kept_unknown_critical_refused() {
    let w = world();
    let mut responder = ca_responder(&w);
    responder.extensions = vec![ext(
        "1.3.6.1.5.5.7.48.1.2",
        false,
        &tlv(0x04, &[b"0123456789abcdef"]),
    )];
    let r = responder.respond(day(99), &[single(&w, Status::Good)]);
    assert_eq!(r.nonce(), Some(&b"0123456789abcdef"[..]));
    responder.extensions = vec![ext("1.2.3.4.5", true, &tlv(0x05, &[]))];
    let der = responder.respond_der(day(99), &[single(&w, Status::Good)]);
    assert_eq!(
        OcspResponse::from_der(&der).unwrap_err(),
        OcspError::UnknownCriticalExtension {
            oid: "1.2.3.4.5".parse().unwrap()
        }
    );
    // Not critical: ignored.
    responder.extensions = vec![ext("1.2.3.4.5", false, &tlv(0x05, &[]))];
    let r = responder.respond(day(99), &[single(&w, Status::Good)]);
    assert_eq!(r.nonce(), None);
}

#[test]
fn codes_are_distinct_and_pass_through_the_crate_error() {
    let errors = [
        OcspError::Malformed {
            what: "x",
            reason: String::new(),
        },
        OcspError::Unsuccessful {
            status: OcspResponseStatus::TryLater,
        },
        OcspError::UnsupportedResponseType {
            oid: "1.2.3".parse().unwrap(),
        },
        OcspError::UnknownCriticalExtension {
            oid: "1.2.3".parse().unwrap(),
        },
        OcspError::NoMatchingResponse {
            subject: String::new(),
        },
        OcspError::UnsupportedCertIdHash {
            oid: "1.2.3".parse().unwrap(),
        },
        OcspError::ResponderNotFound {
            responder: String::new(),
        },
        OcspError::ResponderNotAuthorized {
            responder: String::new(),
            why: ResponderProblem::KeyUsage,
        },
        OcspError::Signature {
            responder: String::new(),
        },
        OcspError::ResponderStatus {
            responder: String::new(),
            reason: String::new(),
        },
        OcspError::Premature {
            what: "producedAt",
            time: day(0),
            validation_time: day(0),
        },
        OcspError::Stale {
            next_update: day(0),
            at: day(0),
        },
        OcspError::TooOld {
            this_update: day(0),
            max_age_seconds: 0,
            at: day(0),
        },
        OcspError::BudgetExceeded,
    ];
    let codes: Vec<&str> = errors.iter().map(OcspError::code).collect();
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), codes.len());
    for e in errors {
        assert!(e.code().starts_with("OCSP_"));
        assert!(
            sigbridge::verify::ALL_CODES.contains(&e.code()),
            "{} not in ALL_CODES",
            e.code()
        );
        let code = e.code();
        assert_eq!(Error::from(e).code(), code);
    }
}

/// The checked-in seeds of the `ocsp_response` fuzz target, made by the
/// software responder for the target's fixed certificate and time (eu/revoked
/// issued by eu/ca, 2026-12-02T12:00Z): each reads and decides as named.
/// `SIGBRIDGE_WRITE_SEEDS=1` rewrites them.
#[test]
fn fuzz_seeds_read() {
    let ca = common::fixture("eu/ca.pem");
    let cert = common::fixture("eu/revoked.pem");
    let responder = common::fixture("ocsp/eu-responder-check.pem");
    let ca_key = Key::fixture("eu", "ca");
    let responder_key = Key::fixture("ocsp", "eu-responder-check");
    let at = Time::from_ymd_hms(2026, 12, 2, 12, 0, 0).unwrap();
    let produced = Time::from_ymd_hms(2026, 12, 2, 0, 0, 0).unwrap();
    let revoked_at = Time::from_ymd_hms(2026, 3, 1, 0, 0, 0).unwrap();
    let by_ca = Responder::new(&ca_key, &ca);
    let mut by_key = Responder::new(&ca_key, &ca);
    by_key.by = By::Key;
    by_key.certs.clear();
    by_key.extensions = vec![ext("1.3.6.1.5.5.7.48.1.2", false, &tlv(0x04, &[&[7; 16]]))];
    let mut delegated = Responder::new(&responder_key, &responder);
    delegated.certs.clear();
    let seeds: [(&str, Vec<u8>, Result<CertStatus, &str>); 4] = [
        (
            "ca-good-sha256.der",
            by_ca.respond_der(produced, &[Single::new(&cert, &ca, Status::Good, produced)]),
            Ok(CertStatus::Good),
        ),
        (
            "ca-bykey-revoked-sha1-nonce.der",
            by_key.respond_der(
                produced,
                &[
                    Single::new(&cert, &ca, Status::Revoked(revoked_at, Some(1)), produced)
                        .hash(HashAlgorithm::Sha1),
                ],
            ),
            Ok(CertStatus::Revoked {
                time: revoked_at,
                reason: Some(1),
            }),
        ),
        (
            "ca-unknown-no-next-update.der",
            by_ca.respond_der(
                produced,
                &[Single::new(&cert, &ca, Status::Unknown, produced).next_update(None)],
            ),
            Ok(CertStatus::Unknown),
        ),
        (
            "delegated-no-nocheck.der",
            delegated.respond_der(produced, &[Single::new(&cert, &ca, Status::Good, produced)]),
            Err("OCSP_RESPONDER_STATUS"),
        ),
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/ocsp_response");
    for (name, fresh, expected) in seeds {
        let path = root.join(name);
        if std::env::var_os("SIGBRIDGE_WRITE_SEEDS").is_some() {
            std::fs::create_dir_all(&root).unwrap();
            std::fs::write(&path, fresh).unwrap();
        }
        let r = OcspResponse::from_der(&common::read(&path)).unwrap();
        let options = ValidationOptions::new(at)
            .revocation(RevocationMode::Required, vec![])
            .ocsp_responses(vec![r.clone()]);
        let got = check_ocsp(&r, &cert, &ca, std::slice::from_ref(&responder), &options);
        assert_eq!(
            got.as_ref().map(|s| s.status).map_err(OcspError::code),
            expected,
            "{name}"
        );
    }
}

/// The TLVs inside a constructed DER value (its header skipped).
fn children(der: &[u8]) -> Vec<&[u8]> {
    let header = |d: &[u8]| -> (usize, usize) {
        match d[1] {
            n if n < 0x80 => (2, n as usize),
            0x81 => (3, d[2] as usize),
            0x82 => (4, (d[2] as usize) << 8 | d[3] as usize),
            0x83 => (
                5,
                (d[2] as usize) << 16 | (d[3] as usize) << 8 | d[4] as usize,
            ),
            _ => panic!("length form"),
        }
    };
    let (h, len) = header(der);
    let mut body = &der[h..h + len];
    let mut out = Vec::new();
    while !body.is_empty() {
        let (h, len) = header(body);
        out.push(&body[..h + len]);
        body = &body[h + len..];
    }
    out
}

/// `p7s` (ContentInfo with SignedData) with `responses` added to
/// SignedData.crls as RevocationInfoChoice `other` / id-ri-ocsp-response
/// (RFC 5940 §3).
fn embed_ocsp(p7s: &[u8], responses: &[Vec<u8>]) -> Vec<u8> {
    let ci = children(p7s);
    let sd_der = children(ci[1])[0];
    let sd = children(sd_der);
    let others: Vec<Vec<u8>> = responses
        .iter()
        .map(|r| tlv(0xa1, &[&common::der::oid("1.3.6.1.5.5.7.16.2"), r]))
        .collect();
    let refs: Vec<&[u8]> = others.iter().map(Vec::as_slice).collect();
    let crls = tlv(0xa1, &refs);
    let (last, rest) = sd.split_last().unwrap();
    assert!(
        rest.iter().all(|c| c[0] != 0xa1),
        "the envelope already has crls"
    );
    let mut parts: Vec<&[u8]> = rest.to_vec();
    parts.push(&crls);
    parts.push(last);
    let sd = tlv(0x30, &parts);
    tlv(0x30, &[ci[0], &tlv(0xa0, &[&sd])])
}

/// The verifier takes OCSP responses from the caller
/// (`Verifier::with_ocsp_responses`) and from the envelope
/// (SignedData.crls, RFC 5940 §3): eu/revoked is shown revoked by the test
/// PKI's delegated responder.
#[test]
fn verifier_takes_ocsp_responses_from_the_caller_and_the_envelope() {
    use sigbridge::envelope::Envelope;
    use sigbridge::registry::Registry;
    use sigbridge::verify::{Content, Request, Verifier};
    let doc = b"<TradeDocument id=\"T-OCSP\"/>";
    let now: Time = "2026-11-23T09:00:00Z".parse().unwrap();
    let p7s = common::sign_document(
        doc,
        &[("eu", "revoked")],
        sigbridge::DocumentType::COMMERCIAL_INVOICE,
        now,
    );
    let ca = common::fixture("eu/ca.pem");
    let cert = common::fixture("eu/revoked.pem");
    let key = Key::fixture("ocsp", "eu-responder");
    let responder = common::fixture("ocsp/eu-responder.pem");
    let produced: Time = "2026-11-23T08:00:00Z".parse().unwrap();
    let revoked_at: Time = "2026-03-01T00:00:00Z".parse().unwrap();
    let der = Responder::new(&key, &responder).respond_der(
        produced,
        &[Single::new(
            &cert,
            &ca,
            Status::Revoked(revoked_at, Some(1)),
            produced,
        )],
    );
    let registry = Registry::sample().unwrap();
    let codes = |verifier: &Verifier, p7s: &[u8]| -> Vec<(String, Option<String>)> {
        let r = verifier.verify(Request::new(
            p7s,
            Content::Detached(doc),
            sigbridge::Jurisdiction::EU,
            now,
        ));
        r.signatures[0]
            .validity
            .findings
            .iter()
            .map(|f| (f.code.clone(), f.params.get("date").cloned()))
            .collect()
    };
    let revoked = vec![(
        "PATH_REVOKED".to_owned(),
        Some("2026-03-01T00:00:00Z".to_owned()),
    )];
    // Without revocation data: no finding about revocation.
    assert!(
        codes(&Verifier::new(&registry).unwrap(), &p7s)
            .iter()
            .all(|(c, _)| c != "PATH_REVOKED")
    );
    let from_caller = Verifier::new(&registry)
        .unwrap()
        .with_ocsp_responses(vec![OcspResponse::from_der(&der).unwrap()]);
    assert_eq!(codes(&from_caller, &p7s), revoked);
    let embedded = embed_ocsp(&p7s, std::slice::from_ref(&der));
    let env = Envelope::from_der(&embedded).unwrap();
    assert_eq!(env.ocsp_responses(), vec![der.as_slice()]);
    assert!(env.crls().is_empty());
    assert_eq!(
        codes(&Verifier::new(&registry).unwrap(), &embedded),
        revoked
    );
}

/// The policy file's `revocation_sources` (docs/policy-format.md): read,
/// written only when not the default, and strict about its values.
#[test]
fn policy_revocation_sources() {
    use sigbridge::policy::{JurisdictionPolicy, load_policies, save_policies};
    let eu = JurisdictionPolicy::sample(sigbridge::Jurisdiction::EU).unwrap();
    assert_eq!(eu.revocation_sources, RevocationSources::default());
    let text = save_policies(std::slice::from_ref(&eu));
    assert!(!text.contains("revocation_sources"), "{text}");
    let mut ocsp = eu.clone();
    ocsp.revocation_sources = RevocationSources::new(RevocationSource::Ocsp, RequiredSource::Ocsp);
    let text = save_policies(std::slice::from_ref(&ocsp));
    assert!(text.contains(r#""revocation_sources": {"#), "{text}");
    assert!(text.contains(r#""prefer": "ocsp""#), "{text}");
    assert_eq!(load_policies(&text).unwrap(), vec![ocsp.clone()]);
    // One key alone: the other takes its default.
    let only_prefer = text.replace(r#""require": "ocsp""#, r#""require": "any""#);
    assert_eq!(
        load_policies(&only_prefer).unwrap()[0].revocation_sources,
        RevocationSources::new(RevocationSource::Ocsp, RequiredSource::Any)
    );
    let bad = text.replace(r#""prefer": "ocsp""#, r#""prefer": "fax""#);
    match load_policies(&bad) {
        Err(sigbridge::policy::PolicyFileError::Syntax { message, .. }) => {
            assert!(message.contains("unknown variant `fax`"), "{message}")
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

/// The relying policy's `revocation_sources` reach the verifier: a policy
/// that requires revocation by OCSP is not satisfied by a CRL alone.
#[test]
fn the_relying_policys_required_source_decides_whether_revocation_was_checked() {
    use sigbridge::policy::JurisdictionPolicy;
    use sigbridge::registry::Registry;
    use sigbridge::verify::{Content, Indication, Request, SubIndication, Verifier};
    let doc = b"<TradeDocument id=\"T-SOURCES\"/>";
    let now: Time = "2026-11-23T09:00:00Z".parse().unwrap();
    let p7s = common::sign_document(
        doc,
        &[("eu", "qes-natural")],
        sigbridge::DocumentType::COMMERCIAL_INVOICE,
        now,
    );
    let crls: Vec<sigbridge::path::Crl> = ["ca.crl", "root.crl"]
        .iter()
        .map(|f| {
            sigbridge::path::Crl::from_der(&common::read(&common::local(&format!("pki/eu/{f}"))))
                .unwrap()
        })
        .collect();
    let outcome = |require: RequiredSource| {
        let mut eu = JurisdictionPolicy::sample(sigbridge::Jurisdiction::EU).unwrap();
        eu.revocation_required = true;
        eu.revocation_sources = RevocationSources::new(RevocationSource::Crl, require);
        let v = Verifier::new(Registry::sample().unwrap())
            .unwrap()
            .with_policies(vec![eu])
            .unwrap()
            .with_crls(crls.clone());
        let r = v.verify(Request::new(
            &p7s,
            Content::Detached(doc),
            sigbridge::Jurisdiction::EU,
            now,
        ));
        let s = &r.signatures[0].validity;
        (
            s.indication,
            s.sub_indication,
            s.findings.first().map(|f| f.code.clone()),
        )
    };
    assert_eq!(
        outcome(RequiredSource::Any),
        (Indication::TotalPassed, None, None)
    );
    assert_eq!(
        outcome(RequiredSource::Crl),
        (Indication::TotalPassed, None, None)
    );
    assert_eq!(
        outcome(RequiredSource::Ocsp),
        (
            Indication::Indeterminate,
            Some(SubIndication::TryLater),
            Some("POLICY_REVOCATION_NOT_CHECKED".to_owned())
        )
    );
}
