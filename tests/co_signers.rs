//! Co-signer roles (issue 12, item 9): a document that needs an exporter
//! and an issuing authority needs two signers. One signer never fills two
//! roles — not with two SignerInfos over one certificate, not with a second
//! certificate over the same key — and a countersignature is an
//! endorsement of a signature, never a co-signer of the document.

mod common;

use common::certgen::{self, Key, day};
use common::der::{oid, tlv};
use common::{fixture, local, pki_signer, read};
use sigbridge::crypto::SoftwareSigner;
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Request, Verifier};
use sigbridge::{DocumentType, Jurisdiction, Time, VerificationReport};

const ORIGIN: &[u8] = b"<CertificateOfOrigin number='CO-12'/>";
const BOTH: [&str; 2] = ["exporter", "issuing-authority"];

fn at(minute: u32) -> Time {
    Time::from_ymd_hms(2026, 11, 23, 9, minute, 0).unwrap()
}

fn options(minute: u32) -> SignatureOptions {
    SignatureOptions::new(at(minute))
        .document_type(DocumentType::CERTIFICATE_OF_ORIGIN)
        .include_chain(true)
}

fn verify_cn(envelope: &Envelope) -> VerificationReport {
    let registry = Registry::sample().unwrap();
    Verifier::new(&registry).unwrap().verify(Request::new(
        &envelope.to_der(),
        Content::Detached(ORIGIN),
        Jurisdiction::CN,
        at(59),
    ))
}

fn role_missing(role: &str) -> String {
    format!(
        "UNTDID 1001 code 861 needs a valid signature, at its minimum level, by a signer in the role '{role}'"
    )
}

/// The exporter and the chamber: two signers, both roles filled (the
/// premise of the refusals below).
#[test]
fn exporter_and_chamber_fill_the_two_roles() {
    let signed = Envelope::sign_detached(ORIGIN, &pki_signer("cn", "org-uscc"), &options(0))
        .unwrap()
        .add_signer(Some(ORIGIN), &pki_signer("cn", "chamber"), &options(1))
        .unwrap();
    let report = verify_cn(&signed);
    assert!(report.verdict.accepted, "{report}");
    assert_eq!(report.signatures[0].roles, ["exporter"]);
    assert_eq!(report.signatures[1].roles, BOTH);
}

/// The chamber's certificate names a legal entity under the chamber's
/// anchor, so it can fill either role. Before, two SignerInfos made with it
/// counted as two signers and the certificate of origin was accepted with
/// one party's signature.
#[test]
fn one_certificate_in_two_signer_infos_is_one_signer() {
    let chamber = pki_signer("cn", "chamber");
    let twice = Envelope::sign_detached(ORIGIN, &chamber, &options(0))
        .unwrap()
        .add_signer(Some(ORIGIN), &chamber, &options(1))
        .unwrap();
    let report = verify_cn(&twice);
    assert_eq!(report.signatures.len(), 2);
    for s in &report.signatures {
        assert_eq!(s.roles, BOTH);
        assert_eq!(
            s.recognition.level.as_deref(),
            Some("reliable-electronic-signature")
        );
    }
    assert!(!report.verdict.accepted);
    assert_eq!(
        report.document_findings,
        [role_missing("exporter"), role_missing("issuing-authority")]
    );
}

/// A second certificate over the chamber's key (another subject name, the
/// USCC of another company) from the same CA: whoever holds the key made
/// both signatures, so it is still one signer.
#[test]
fn a_second_certificate_over_the_same_key_is_the_same_signer() {
    let ca = fixture("cn/chamber-ca.pem");
    let ca_key = Key::fixture("cn", "chamber-ca");
    let chamber_key = Key::fixture("cn", "chamber");
    let rdn = |o: &str, tag: u8, v: &str| {
        tlv(0x31, &[&tlv(0x30, &[&oid(o), &tlv(tag, &[v.as_bytes()])])])
    };
    let subject = tlv(
        0x30,
        &[
            &rdn("2.5.4.6", 0x13, "CN"),
            &rdn("2.5.4.10", 0x0c, "Other Trading Co"),
            &rdn("2.5.4.3", 0x0c, "Other Trading Co"),
            &rdn("2.5.4.5", 0x13, "91110108MA01XY3K34"),
        ],
    );
    let other = certgen::end_entity(
        0x5eed,
        &subject,
        &chamber_key,
        ca.subject().raw_der(),
        &ca_key,
        day(-30),
        day(700),
        vec![],
    );
    assert_ne!(other.subject(), fixture("cn/chamber.pem").subject());
    let same_key = SoftwareSigner::from_pkcs8_pem(&read(&local("pki/cn/chamber.key")), other)
        .unwrap()
        .with_chain(vec![ca]);
    let signed = Envelope::sign_detached(ORIGIN, &pki_signer("cn", "chamber"), &options(0))
        .unwrap()
        .add_signer(Some(ORIGIN), &same_key, &options(1))
        .unwrap();
    let report = verify_cn(&signed);
    assert_eq!(report.signatures[1].roles, BOTH, "{report}");
    assert_eq!(
        report.signatures[1].validity.indication,
        sigbridge::verify::Indication::TotalPassed
    );
    assert!(!report.verdict.accepted);
    assert_eq!(
        report.document_findings,
        [role_missing("exporter"), role_missing("issuing-authority")]
    );
}

/// The chamber countersigns the exporter's signature instead of co-signing
/// the document: the countersignature is valid and its signer could be the
/// issuing authority, but it endorses a signature (RFC 5652 §11.4), it
/// does not sign the certificate of origin.
#[test]
fn a_countersignature_fills_no_role() {
    let countersigned = Envelope::sign_detached(ORIGIN, &pki_signer("cn", "org-uscc"), &options(0))
        .unwrap()
        .countersign(
            0,
            &pki_signer("cn", "chamber"),
            &SignatureOptions::new(at(1)).include_chain(true),
        )
        .unwrap();
    let report = verify_cn(&countersigned);
    let counter = &report.signatures[0].countersignatures[0];
    assert_eq!(
        counter.validity.indication,
        sigbridge::verify::Indication::TotalPassed,
        "{report}"
    );
    assert_eq!(counter.roles, BOTH);
    assert!(!report.verdict.accepted);
    assert_eq!(
        report.document_findings,
        [role_missing("issuing-authority")]
    );

    // Nor does a signer's countersignature of its own signature make it two.
    let chamber = pki_signer("cn", "chamber");
    let itself = Envelope::sign_detached(ORIGIN, &chamber, &options(0))
        .unwrap()
        .countersign(
            0,
            &chamber,
            &SignatureOptions::new(at(1)).include_chain(true),
        )
        .unwrap();
    let report = verify_cn(&itself);
    assert!(!report.verdict.accepted);
    assert_eq!(
        report.document_findings,
        [role_missing("exporter"), role_missing("issuing-authority")]
    );
}
