//! End to end over the sample registry: (issuing jurisdiction, relying
//! jurisdiction, document type, signer) → the exact indication,
//! sub-indication and recognition outcome.

mod common;

use common::der::{attr, content_type_attr, craft_der, digest_attr, oid, tlv};
use sigbridge::path::Crl;
use sigbridge::policy::JurisdictionPolicy;
use sigbridge::registry::Registry;
use sigbridge::verify::{
    Content, Indication, RecognitionStatus, Request, SubIndication, VerificationReport, Verifier,
};
use sigbridge::{Certificate, DocumentType, Jurisdiction, Time};

const DOC: &[u8] = b"<TradeDocument id=\"T-1\">\r\n\0\xff</TradeDocument>";
const INVOICE: DocumentType = DocumentType::COMMERCIAL_INVOICE;
const ORIGIN: DocumentType = DocumentType::CERTIFICATE_OF_ORIGIN;

fn t(s: &str) -> Time {
    s.parse().unwrap()
}

fn now() -> Time {
    t("2026-11-23T09:00:00Z")
}

fn sign(signers: &[(&str, &str)], doc_type: DocumentType, at: Time) -> Vec<u8> {
    common::sign_document(DOC, signers, doc_type, at)
}

fn registry() -> Registry {
    Registry::sample().unwrap()
}

fn verify(p7s: &[u8], relying: Jurisdiction, at: Time) -> VerificationReport {
    let registry = registry();
    Verifier::new(&registry)
        .unwrap()
        .verify(Request::new(p7s, Content::Detached(DOC), relying, at))
}

/// The expected outcome of the (first) signature.
fn assert_signature(
    report: &VerificationReport,
    indication: Indication,
    sub: Option<SubIndication>,
    recognition: RecognitionStatus,
) {
    let s = &report.signatures[0];
    assert_eq!(
        (
            s.validity.indication,
            s.validity.sub_indication,
            s.recognition.status
        ),
        (indication, sub, recognition),
        "\n{report}"
    );
}

fn reasons(report: &VerificationReport) -> String {
    report.signatures[0].recognition.reasons.join("; ")
}

#[test]
fn cn_invoice_in_kz_is_recognised_through_the_agreement() {
    let r = verify(
        &sign(&[("cn", "org-uscc")], INVOICE, now()),
        Jurisdiction::KZ,
        now(),
    );
    assert_signature(
        &r,
        Indication::TotalPassed,
        None,
        RecognitionStatus::Recognised,
    );
    let rec = &r.signatures[0].recognition;
    assert_eq!(rec.level.as_deref(), Some("nca-signing"));
    assert_eq!(rec.agreements[0].agreement, "kz-recognises-cn");
    assert_eq!(
        rec.agreements[0].from_level,
        "reliable-electronic-signature"
    );
    assert!(r.verdict.accepted, "{r}");
    assert_eq!(r.relying, "KZ");
    assert_eq!(r.document_type, Some(380));
    assert_eq!(r.registry_snapshot, registry().snapshot_id());
    assert_eq!(r.signatures[0].signer.jurisdiction.as_deref(), Some("CN"));
    assert_eq!(
        r.signatures[0].signer.identifiers[0].value,
        "91110108MA01XY3K34"
    );
}

#[test]
fn cn_invoice_at_home_is_domestic() {
    let r = verify(
        &sign(&[("cn", "org-uscc")], INVOICE, now()),
        Jurisdiction::CN,
        now(),
    );
    assert_signature(
        &r,
        Indication::TotalPassed,
        None,
        RecognitionStatus::Recognised,
    );
    assert_eq!(
        r.signatures[0].recognition.route.as_deref(),
        Some("domestic")
    );
    assert_eq!(
        r.signatures[0].recognition.level.as_deref(),
        Some("reliable-electronic-signature")
    );
    assert!(r.verdict.accepted);
}

#[test]
fn repealed_agreement_is_named() {
    // RU recognised CN until the agreement was repealed on 2024-07-01.
    let r = verify(
        &sign(&[("cn", "org-uscc")], INVOICE, now()),
        Jurisdiction::RU,
        now(),
    );
    assert_signature(
        &r,
        Indication::TotalPassed,
        None,
        RecognitionStatus::NotRecognised,
    );
    assert_eq!(
        reasons(&r),
        "agreement 'ru-recognises-cn' is repealed since 2024-07-01T00:00:00Z"
    );
    assert!(!r.verdict.accepted);
}

#[test]
fn eu_recognises_cn_invoices_but_not_sm2_nor_certificates_of_origin() {
    let invoice = verify(
        &sign(&[("cn", "org-uscc")], INVOICE, now()),
        Jurisdiction::EU,
        now(),
    );
    // The two axes apart: recognised, yet not valid under the EU's algorithm policy.
    assert_signature(
        &invoice,
        Indication::Indeterminate,
        Some(SubIndication::CryptoConstraintsFailure),
        RecognitionStatus::Recognised,
    );
    assert!(
        invoice.signatures[0]
            .validity
            .reasons
            .iter()
            .any(|r| r.contains("sm2"))
    );
    let origin = verify(
        &sign(&[("cn", "org-uscc")], ORIGIN, now()),
        Jurisdiction::EU,
        now(),
    );
    assert_eq!(
        reasons(&origin),
        "agreement 'eu-recognises-cn' does not cover UNTDID 1001 code 861"
    );
}

#[test]
fn expired_signer_is_out_of_bounds_without_proof_of_existence() {
    // eu/expired.pem is valid until 2025-06-30.
    let p7s = sign(&[("eu", "expired")], INVOICE, t("2025-01-01T00:00:00Z"));
    let late = verify(&p7s, Jurisdiction::EU, now());
    assert_signature(
        &late,
        Indication::Indeterminate,
        Some(SubIndication::OutOfBoundsNoPoe),
        RecognitionStatus::NotAssessed,
    );
    // Validated while it was valid (e.g. at receipt): passed and recognised.
    let timely = verify(&p7s, Jurisdiction::EU, t("2025-01-01T00:00:00Z"));
    assert_signature(
        &timely,
        Indication::TotalPassed,
        None,
        RecognitionStatus::Recognised,
    );
}

#[test]
fn not_yet_valid_signer_fails() {
    // Test PKI certificates are valid from 2024-01-01.
    let at = t("2023-06-01T00:00:00Z");
    let r = verify(
        &sign(&[("cn", "org-uscc")], INVOICE, at),
        Jurisdiction::CN,
        at,
    );
    assert_signature(
        &r,
        Indication::TotalFailed,
        Some(SubIndication::NotYetValid),
        RecognitionStatus::NotAssessed,
    );
}

fn eu_crls() -> Vec<Crl> {
    ["pki/eu/ca.crl", "pki/eu/root.crl"]
        .iter()
        .map(|p| Crl::from_der(&common::read(&common::local(p))).unwrap())
        .collect()
}

#[test]
fn revoked_signer_is_revoked_without_proof_of_existence() {
    // eu/revoked.pem is on eu/ca.crl since 2026-06-01.
    let registry = registry();
    let verifier = Verifier::new(&registry).unwrap().with_crls(eu_crls());
    let p7s = sign(&[("eu", "revoked")], INVOICE, now());
    let r = verifier.verify(Request::new(
        &p7s,
        Content::Detached(DOC),
        Jurisdiction::EU,
        now(),
    ));
    assert_signature(
        &r,
        Indication::Indeterminate,
        Some(SubIndication::RevokedNoPoe),
        RecognitionStatus::NotAssessed,
    );
    // Without the CRL the revocation is unknown to the verifier.
    let blind = Verifier::new(&registry).unwrap().verify(Request::new(
        &p7s,
        Content::Detached(DOC),
        Jurisdiction::EU,
        now(),
    ));
    assert_signature(
        &blind,
        Indication::TotalPassed,
        None,
        RecognitionStatus::Recognised,
    );
}

#[test]
fn policy_requiring_revocation_needs_crls() {
    let registry = registry();
    let mut strict = JurisdictionPolicy::sample(Jurisdiction::EU).unwrap();
    strict.revocation_required = true;
    let p7s = sign(&[("eu", "qes-natural")], INVOICE, now());
    let request = || Request::new(&p7s, Content::Detached(DOC), Jurisdiction::EU, now());
    let without = Verifier::new(&registry)
        .unwrap()
        .with_policies(vec![strict.clone()])
        .unwrap()
        .verify(request());
    assert_signature(
        &without,
        Indication::Indeterminate,
        Some(SubIndication::TryLater),
        RecognitionStatus::Recognised,
    );
    let with = Verifier::new(&registry)
        .unwrap()
        .with_policies(vec![strict])
        .unwrap()
        .with_crls(eu_crls())
        .verify(request());
    assert_signature(
        &with,
        Indication::TotalPassed,
        None,
        RecognitionStatus::Recognised,
    );
}

#[test]
fn withdrawn_anchor_before_and_after() {
    // kz-root: granted 2020, withdrawn 2026-01-01. KZ test signers claim no
    // NCA level, so before the withdrawal the reason is the level.
    let before = t("2025-06-01T00:00:00Z");
    let p7s = sign(&[("kz", "ceo")], INVOICE, before);
    let r = verify(&p7s, Jurisdiction::CN, before);
    assert_signature(
        &r,
        Indication::TotalPassed,
        None,
        RecognitionStatus::NotRecognised,
    );
    assert!(
        reasons(&r).starts_with("anchor 'kz-root' is listed for"),
        "{r}"
    );
    let after = verify(&p7s, Jurisdiction::CN, now());
    assert_signature(
        &after,
        Indication::TotalPassed,
        None,
        RecognitionStatus::NotRecognised,
    );
    assert_eq!(
        reasons(&after),
        "anchor 'kz-root' is withdrawn since 2026-01-01T00:00:00Z"
    );
}

#[test]
fn suspended_anchor_during_and_after_suspension() {
    // ru-root: suspended 2025-03-01, granted again 2025-04-01.
    let during = t("2025-03-15T00:00:00Z");
    let p7s = sign(&[("ru", "org-ceo")], INVOICE, during);
    let r = verify(&p7s, Jurisdiction::KZ, during);
    assert_eq!(
        reasons(&r),
        "anchor 'ru-root' is suspended since 2025-03-01T00:00:00Z"
    );
    let after = verify(&p7s, Jurisdiction::KZ, t("2025-05-01T00:00:00Z"));
    assert_signature(
        &after,
        Indication::TotalPassed,
        None,
        RecognitionStatus::Recognised,
    );
    assert_eq!(
        after.signatures[0].recognition.agreements[0].agreement,
        "kz-recognises-ru"
    );
}

#[test]
fn algorithm_past_its_sunset_in_the_relying_policy() {
    // The sample CN policy accepts RSA PKCS#1 v1.5 until 2030-01-01. A
    // sunset passed, without a proof of existence before it, is
    // CRYPTO_CONSTRAINTS_FAILURE_NO_POE (EN 319 102-1 Table 5), not the plain
    // CRYPTO_CONSTRAINTS_FAILURE of an algorithm never accepted.
    let at = t("2030-06-01T00:00:00Z");
    let r = verify(&sign(&[("kz", "ceo")], INVOICE, at), Jurisdiction::CN, at);
    assert_eq!(
        (
            r.signatures[0].validity.indication,
            r.signatures[0].validity.sub_indication
        ),
        (
            Indication::Indeterminate,
            Some(SubIndication::CryptoConstraintsFailureNoPoe)
        )
    );
    assert_eq!(
        r.signatures[0].validity.reasons,
        ["CN policy: signature scheme rsa-pkcs1 was accepted until 2030-01-01T00:00:00Z"]
    );
}

#[test]
fn certificate_of_origin_needs_exporter_and_chamber() {
    let both = verify(
        &sign(&[("cn", "org-uscc"), ("cn", "chamber")], ORIGIN, now()),
        Jurisdiction::KZ,
        now(),
    );
    assert!(both.verdict.accepted, "{both}");
    // Missing co-signer.
    let alone = verify(
        &sign(&[("cn", "org-uscc")], ORIGIN, now()),
        Jurisdiction::KZ,
        now(),
    );
    assert_signature(
        &alone,
        Indication::TotalPassed,
        None,
        RecognitionStatus::Recognised,
    );
    assert_eq!(
        alone.document_findings,
        [
            "UNTDID 1001 code 861 needs a valid signature, at its minimum level, by a signer in the role 'issuing-authority'"
        ]
    );
    assert!(!alone.verdict.accepted);
    // A co-signer in the wrong role: a natural person, not the chamber.
    let wrong = verify(
        &sign(&[("cn", "org-uscc"), ("cn", "person")], ORIGIN, now()),
        Jurisdiction::KZ,
        now(),
    );
    assert!(wrong.signatures.iter().all(|s| s.is_accepted()), "{wrong}");
    assert_eq!(alone.document_findings, wrong.document_findings);
    assert!(!wrong.verdict.accepted);
}

#[test]
fn unknown_anchor_has_no_chain() {
    let dir = "openssl-cms/rsa";
    let p7s = common::read(&common::shared(&format!("{dir}/sig-cades.p7s")));
    let doc = common::read(&common::shared("openssl-cms/doc.bin"));
    let registry = registry();
    let r = Verifier::new(&registry).unwrap().verify(
        Request::new(&p7s, Content::Detached(&doc), Jurisdiction::EU, now()).document_type(INVOICE),
    );
    assert_signature(
        &r,
        Indication::Indeterminate,
        Some(SubIndication::NoCertificateChainFound),
        RecognitionStatus::NotAssessed,
    );
}

#[test]
fn gost_signature_under_a_key_of_another_gost_family_is_refused() {
    // A SignerInfo naming GOST R 34.10-2012-256 (Russian OIDs) over a real
    // KZ GOST 34.310-2004 certificate: the message digest is right, but a
    // Kazakh 2004 key does not make Russian 2012 signatures (RFC 9215 §3:
    // one key OID per signature OID): SIG_CRYPTO_FAILURE naming both.
    let cert = Certificate::from_pem(&common::read(&common::local(
        "national/kz-test-ee-ceo-iin-bin-gost34310-2022.pem",
    )))
    .unwrap();
    let streebog = "1.2.643.7.1.1.2.2";
    let digest = sigbridge::HashAlgorithm::Streebog256.digest(DOC).unwrap();
    let attrs = vec![
        content_type_attr("1.2.840.113549.1.7.1"),
        digest_attr(&digest),
        attr(
            "1.2.840.113549.1.9.16.2.4",
            &[tlv(
                0x30,
                &[
                    &tlv(0x0c, &[b"UNTDID-1001:380"]),
                    &oid("1.2.840.113549.1.7.1"),
                ],
            )],
        ),
    ];
    let sig_alg = tlv(0x30, &[&oid("1.2.643.7.1.1.3.2")]);
    let p7s = craft_der(
        &sig_alg,
        &|_| vec![0x5a; 64],
        &cert,
        streebog,
        attrs,
        &[&cert],
    );
    let r = verify(&p7s, Jurisdiction::KZ, now());
    assert_signature(
        &r,
        Indication::TotalFailed,
        Some(SubIndication::SigCryptoFailure),
        RecognitionStatus::NotAssessed,
    );
    assert!(
        r.signatures[0].validity.reasons[0].contains(
            "a KZ GOST 34.310-2004 (CryptoPro-A) key cannot verify a GOST R 34.10-2012-256"
        ),
        "{r}"
    );
    assert_eq!(r.document_type, Some(380));
}

#[test]
fn tampered_content_fails_hash() {
    let p7s = sign(&[("cn", "org-uscc")], INVOICE, now());
    let registry = registry();
    let r = Verifier::new(&registry).unwrap().verify(Request::new(
        &p7s,
        Content::Detached(b"another document"),
        Jurisdiction::KZ,
        now(),
    ));
    assert_signature(
        &r,
        Indication::TotalFailed,
        Some(SubIndication::HashFailure),
        RecognitionStatus::NotAssessed,
    );
}

#[test]
fn unparseable_envelope_is_a_format_failure() {
    let registry = registry();
    let r = Verifier::new(&registry).unwrap().verify(Request::new(
        b"not an envelope",
        Content::Detached(DOC),
        Jurisdiction::KZ,
        now(),
    ));
    assert!(r.signatures.is_empty());
    assert!(!r.verdict.accepted);
    assert!(r.document_findings[0].starts_with("TOTAL_FAILED / FORMAT_FAILURE: the envelope:"));
}

#[test]
fn document_type_mismatch_is_a_finding() {
    let p7s = sign(&[("cn", "org-uscc")], INVOICE, now());
    let registry = registry();
    let r = Verifier::new(&registry).unwrap().verify(
        Request::new(&p7s, Content::Detached(DOC), Jurisdiction::KZ, now()).document_type(ORIGIN),
    );
    assert_eq!(r.document_type, Some(861));
    assert!(
        r.document_findings
            .contains(&"the envelope declares UNTDID 1001 code 380, the relying party expects UNTDID 1001 code 861".to_owned()),
        "{r}"
    );
    assert!(!r.verdict.accepted);
}

#[test]
fn several_relying_jurisdictions_share_one_pass() {
    let p7s = sign(&[("cn", "org-uscc")], INVOICE, now());
    let registry = registry();
    let verifier = Verifier::new(&registry).unwrap();
    let all = [
        Jurisdiction::KZ,
        Jurisdiction::CN,
        Jurisdiction::RU,
        Jurisdiction::EU,
    ];
    let together = verifier.verify_for(
        Request::new(&p7s, Content::Detached(DOC), Jurisdiction::KZ, now()),
        &all,
    );
    for (j, report) in all.iter().zip(&together) {
        let alone = verifier.verify(Request::new(&p7s, Content::Detached(DOC), *j, now()));
        assert_eq!(*report, alone);
    }
    let accepted: Vec<bool> = together.iter().map(|r| r.verdict.accepted).collect();
    assert_eq!(accepted, [true, true, false, false]);
}

#[test]
fn reader_content_gives_the_same_report() {
    let p7s = sign(&[("cn", "org-uscc"), ("cn", "chamber")], ORIGIN, now());
    let registry = registry();
    let verifier = Verifier::new(&registry).unwrap();
    let mut reader: &[u8] = DOC;
    let streamed = verifier.verify(Request::new(
        &p7s,
        Content::Reader(&mut reader),
        Jurisdiction::KZ,
        now(),
    ));
    let bytes = verifier.verify(Request::new(
        &p7s,
        Content::Detached(DOC),
        Jurisdiction::KZ,
        now(),
    ));
    assert_eq!(streamed, bytes);
    assert!(streamed.verdict.accepted);
}

#[test]
fn verify_many_answers_each_request_in_order() {
    // Sequential without the `rayon` feature, parallel with it: same reports.
    let docs = [
        sign(&[("cn", "org-uscc")], INVOICE, now()),
        sign(&[("eu", "qes-natural")], INVOICE, now()),
        sign(&[("kz", "ceo")], INVOICE, now()),
    ];
    let registry = registry();
    let verifier = Verifier::new(&registry).unwrap();
    let relying = [Jurisdiction::KZ, Jurisdiction::EU, Jurisdiction::CN];
    let requests = docs
        .iter()
        .cycle()
        .zip(relying.iter().cycle())
        .take(12)
        .map(|(d, j)| Request::new(d, Content::Detached(DOC), *j, now()))
        .collect();
    let many = verifier.verify_many(requests);
    assert_eq!(many.len(), 12);
    for (i, report) in many.iter().enumerate() {
        let alone = verifier.verify(Request::new(
            &docs[i % 3],
            Content::Detached(DOC),
            relying[i % 3],
            now(),
        ));
        assert_eq!(*report, alone, "request {i}");
    }
    let accepted: Vec<bool> = many.iter().take(3).map(|r| r.verdict.accepted).collect();
    assert_eq!(accepted, [true, true, false]);
}
