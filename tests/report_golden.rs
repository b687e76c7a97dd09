//! The report's JSON shape is a contract (docs/report-format.md): two
//! reports of the main job, compared byte for byte with checked-in golden
//! files. Regenerate after a deliberate change with
//! `UPDATE_GOLDEN=1 cargo test --test report_golden` and review the diff.

mod common;

use sigbridge::crypto::SoftwareSigner;
use sigbridge::envelope::{CommitmentType, Envelope, SignatureOptions};
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Request, VerificationReport, Verifier};
use sigbridge::{DocumentType, Jurisdiction, Time};

const DOC: &[u8] = b"<CertificateOfOrigin number=\"CCPIT-2026-0042\"/>\n";

fn signer(dir: &str, name: &str) -> SoftwareSigner {
    common::pki_signer(dir, name)
}

fn reports() -> Vec<VerificationReport> {
    let at: Time = "2026-11-23T09:00:00Z".parse().unwrap();
    let options = |c| {
        SignatureOptions::new(at)
            .document_type(DocumentType::CERTIFICATE_OF_ORIGIN)
            .commitment(c)
            .include_chain(true)
    };
    let p7s = Envelope::sign_detached(
        DOC,
        &signer("cn", "org-uscc"),
        &options(CommitmentType::ProofOfOrigin),
    )
    .unwrap()
    .add_signer(
        Some(DOC),
        &signer("cn", "chamber"),
        &options(CommitmentType::ProofOfApproval),
    )
    .unwrap()
    .to_der();
    let registry = Registry::sample().unwrap();
    Verifier::new(&registry).unwrap().verify_for(
        Request::new(&p7s, Content::Detached(DOC), Jurisdiction::KZ, at),
        &[Jurisdiction::KZ, Jurisdiction::EU],
    )
}

fn golden(name: &str, report: &VerificationReport) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let json = serde_json::to_string_pretty(report).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &json).unwrap();
    }
    let expected = String::from_utf8(common::read(&path)).unwrap();
    assert_eq!(
        json, expected,
        "{name} differs; if deliberate, UPDATE_GOLDEN=1 and review"
    );
    // Plain data: the JSON reads back into the same report.
    let back: VerificationReport = serde_json::from_str(&expected).unwrap();
    assert_eq!(&back, report);
}

#[test]
fn accepted_report_matches_golden() {
    let reports = reports();
    assert!(reports[0].verdict.accepted);
    golden("report-kz-certificate-of-origin.json", &reports[0]);
}

#[test]
fn refused_report_matches_golden() {
    let reports = reports();
    assert!(!reports[1].verdict.accepted);
    golden("report-eu-certificate-of-origin.json", &reports[1]);
}

#[test]
fn display_names_both_axes() {
    let text = reports()[1].to_string();
    for needle in [
        "Relying jurisdiction EU",
        "validity: INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE",
        "recognition: NOT RECOGNISED",
        "agreement 'eu-recognises-cn' does not cover UNTDID 1001 code 861",
        "VERDICT: NOT ACCEPTED",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

/// A CAdES-B-T bill of lading verified in the EU after its signer's
/// certificate expired: the time-stamp, the best-signature-time and the
/// proof of existence in the report.
#[test]
fn timestamped_report_matches_golden() {
    use sigbridge::tsp::SoftwareTsa;
    let doc: &[u8] = b"<BillOfLading number=\"ANR-2025-0314\"/>\n";
    let signed_at: Time = "2025-03-14T08:40:00Z".parse().unwrap();
    let unit =
        sigbridge::Certificate::from_pem(&common::read(&common::local("pki/tsa/eu-tsu.pem")))
            .unwrap();
    let key = common::read(&common::local("pki/tsa/eu-tsu.key"));
    let tsa = SoftwareTsa::new(
        SoftwareSigner::from_pkcs8_pem(&key, unit).unwrap(),
        sigbridge::Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1"),
        "2025-03-14T08:41:07Z".parse().unwrap(),
    )
    .at_precise("2025-03-14T08:41:07Z".parse().unwrap(), 250_000_000);
    let p7s = Envelope::sign_detached(
        doc,
        &signer("eu", "expired"),
        &SignatureOptions::new(signed_at)
            .document_type(DocumentType::BILL_OF_LADING)
            .include_chain(true),
    )
    .unwrap()
    .add_signature_timestamp(0, &tsa, sigbridge::HashAlgorithm::Sha256)
    .unwrap()
    .to_der();
    let at: Time = "2026-11-24T08:00:00Z".parse().unwrap();
    let report = Verifier::new(Registry::sample().unwrap())
        .unwrap()
        .verify(Request::new(
            &p7s,
            Content::Detached(doc),
            Jurisdiction::EU,
            at,
        ));
    assert!(report.verdict.accepted, "{report}");
    assert_eq!(
        report.signatures[0].timestamps[0].gen_time.as_deref(),
        Some("2025-03-14T08:41:07.25Z")
    );
    // genTime 08:41:07.25 without accuracy: the proof holds from 08:41:08.
    assert_eq!(
        report.signatures[0].best_signature_time,
        "2025-03-14T08:41:08Z"
    );
    golden("report-eu-bill-of-lading-b-t.json", &report);
    // Display: the time-stamp in one line, what it proved in another.
    let text = report.to_string();
    for needle in [
        "signature-time-stamp #1: 2025-03-14T08:41:07.25Z by C=BE, O=SigBridge Test QTSP, CN=SigBridge Test TSU 1 (EU): valid, recognised",
        "judged at 2025-03-14T08:41:08Z (proof of existence: signature-time-stamp #1)",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}
