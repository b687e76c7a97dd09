//! Ad-hoc trust means trust (issue 13 item 8): a certificate carrying
//! another jurisdiction's level markers (KZ NCA policy OIDs) under an
//! ad-hoc anchor trusted as jurisdiction XX is recognised at the level the
//! anchor is listed for, and the report says the KZ claim was not in the
//! anchor's vocabulary. Where the anchor's scheme writes levels into
//! certificates (EU), a foreign claim still reaches nothing (fail closed).

mod common;

use common::kz_nca::kz_nca_certificate;
use common::{at_2030, fixture};
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::registry::Registry;
use sigbridge::verify::RecognitionStatus;
use sigbridge::{Content, DocumentType, Jurisdiction, Request, VerificationReport, Verifier};

const DOC: &[u8] = b"<CertificateOfOrigin number='CO-13'/>";
/// A signature by that certificate over [`DOC`], as a certificate of origin.
fn kz_signature() -> Vec<u8> {
    let options =
        SignatureOptions::new(at_2030()).document_type(DocumentType::CERTIFICATE_OF_ORIGIN);
    Envelope::sign_detached(DOC, &kz_nca_certificate().0, &options)
        .unwrap()
        .to_der()
}

fn verify_under(j: Jurisdiction, levels: &[&str]) -> VerificationReport {
    let registry = Registry::ad_hoc(
        j,
        &[fixture("kz/root.pem")],
        levels.iter().map(|l| (*l).to_owned()).collect(),
    )
    .unwrap();
    let p7s = kz_signature();
    Verifier::new(&registry).unwrap().verify(Request::new(
        &p7s,
        Content::Detached(DOC),
        j,
        at_2030(),
    ))
}

fn xx() -> Jurisdiction {
    Jurisdiction::from_code("XX").unwrap()
}

#[test]
fn foreign_claim_under_ad_hoc_anchor_takes_the_listed_level() {
    let report = verify_under(xx(), &["trusted"]);
    let s = &report.signatures[0];
    assert!(report.verdict.accepted, "{report}");
    assert_eq!(
        s.recognition.status,
        RecognitionStatus::Recognised,
        "{report}"
    );
    assert_eq!(s.recognition.level.as_deref(), Some("trusted"));
    assert_eq!(s.recognition.route.as_deref(), Some("domestic"));
    assert_eq!(s.recognition.anchor.as_deref(), Some("ad-hoc-1"));
    assert_eq!(s.signer.claimed_levels, ["trusted"]);
    assert_eq!(s.signer.foreign_claims, ["nca-signing"]);
    let text = report.to_string();
    assert!(
        text.contains("claims not in the anchor's vocabulary (ignored): nca-signing"),
        "{text}"
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json["signatures"][0]["signer"]["foreign_claims"],
        serde_json::json!(["nca-signing"])
    );
}

/// The same certificate under an ad-hoc KZ anchor with the KZ vocabulary:
/// its claim is in the anchor's vocabulary and decides. (The verdict is the
/// KZ sample policy's: a certificate of origin there needs an
/// issuing-authority co-signer, which this one signer is not.)
#[test]
fn own_claim_under_ad_hoc_anchor_decides() {
    let report = verify_under(Jurisdiction::KZ, &["nca-authentication", "nca-signing"]);
    let s = &report.signatures[0];
    assert_eq!(
        s.recognition.status,
        RecognitionStatus::Recognised,
        "{report}"
    );
    assert_eq!(s.recognition.level.as_deref(), Some("nca-signing"));
    assert_eq!(s.signer.claimed_levels, ["nca-signing"]);
    assert!(s.signer.foreign_claims.is_empty());
    let json = serde_json::to_value(&report).unwrap();
    assert!(
        json["signatures"][0]["signer"]
            .get("foreign_claims")
            .is_none()
    );
}

/// Under an anchor of a scheme that writes levels into certificates (EU:
/// QC statements), a KZ claim is no EU claim: no level, not recognised.
#[test]
fn foreign_claim_under_certificate_borne_scheme_reaches_nothing() {
    let report = verify_under(Jurisdiction::EU, &["advanced", "advanced-with-QC", "QES"]);
    let s = &report.signatures[0];
    assert!(!report.verdict.accepted);
    assert_eq!(s.recognition.status, RecognitionStatus::NotRecognised);
    assert_eq!(
        s.recognition.findings[0].code, "RECOGNITION_LEVEL_NOT_LISTED",
        "{report}"
    );
    assert!(s.signer.claimed_levels.is_empty());
    assert_eq!(s.signer.foreign_claims, ["nca-signing"]);
}
