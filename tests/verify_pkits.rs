//! NIST PKITS S/MIME messages through the whole verifier, with an ad-hoc
//! registry trusting the PKITS root: the CRLs the envelopes carry are used
//! for revocation, and path failures map to EN 319 102-1 sub-indications.

mod common;

use sigbridge::registry::Registry;
use sigbridge::verify::{
    Content, Indication, RecognitionStatus, Request, SubIndication, VerificationReport, Verifier,
};
use sigbridge::{Certificate, DocumentType, Jurisdiction, Time};

fn verify(name: &str) -> VerificationReport {
    let dir = common::shared("pkits/smime-extracted");
    let p7s = common::read(&dir.join(format!("{name}.p7s")));
    let content = common::read(&dir.join(format!("{name}.content")));
    let root = Certificate::from_der(&common::read(&common::shared(
        "pkits/certs/TrustAnchorRootCertificate.crt",
    )))
    .unwrap();
    let us = Jurisdiction::from_code("US").unwrap();
    let registry = Registry::ad_hoc(us, &[root], vec!["trusted".into()]).unwrap();
    let at: Time = "2026-11-23T09:00:00Z".parse().unwrap();
    Verifier::new(&registry).unwrap().verify(
        Request::new(&p7s, Content::Detached(&content), us, at)
            .document_type(DocumentType::COMMERCIAL_INVOICE),
    )
}

fn outcome(r: &VerificationReport) -> (Indication, Option<SubIndication>, RecognitionStatus) {
    let s = &r.signatures[0];
    (
        s.validity.indication,
        s.validity.sub_indication,
        s.recognition.status,
    )
}

#[test]
fn valid_pkits_signature_is_smime_not_cades() {
    // Valid path, recognised — but an S/MIME signature without
    // signing-certificate-v2 does not meet a CAdES-B-B policy (EN 319 122-1 §6.3).
    let r = verify("SignedValidSignaturesTest1");
    assert_eq!(
        outcome(&r),
        (
            Indication::Indeterminate,
            Some(SubIndication::SigConstraintsFailure),
            RecognitionStatus::Recognised
        ),
        "{r}"
    );
    assert_eq!(
        r.signatures[0].validity.reasons,
        ["US policy: required signed attribute signing-certificate-v2 is missing"]
    );
    assert_eq!(
        r.signatures[0].recognition.route.as_deref(),
        Some("domestic")
    );
    assert!(!r.verdict.accepted);
}

#[test]
fn revocation_comes_from_the_envelopes_crls() {
    let ee = verify("SignedInvalidRevokedEETest3");
    assert_eq!(
        outcome(&ee),
        (
            Indication::Indeterminate,
            Some(SubIndication::RevokedNoPoe),
            RecognitionStatus::NotAssessed
        ),
        "{ee}"
    );
    let ca = verify("SignedInvalidRevokedCATest2");
    assert_eq!(
        outcome(&ca),
        (
            Indication::Indeterminate,
            Some(SubIndication::RevokedCaNoPoe),
            RecognitionStatus::NotAssessed
        ),
        "{ca}"
    );
}

#[test]
fn bad_certificate_signatures_are_chain_failures() {
    for name in [
        "SignedInvalidEESignatureTest3",
        "SignedInvalidCASignatureTest2",
    ] {
        let r = verify(name);
        assert_eq!(
            outcome(&r),
            (
                Indication::Indeterminate,
                Some(SubIndication::CertificateChainGeneralFailure),
                RecognitionStatus::NotAssessed
            ),
            "{name}: {r}"
        );
    }
}
