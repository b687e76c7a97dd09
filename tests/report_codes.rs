//! Machine-readable codes in verification reports (docs/report-format.md,
//! "Codes"): the documented list is the code's list, every text reason has
//! a coded twin with the same message, typical refusals carry their exact
//! codes and parameters, and an unknown relying jurisdiction is refused
//! with its own code.

mod common;

use std::collections::BTreeMap;

use sigbridge::envelope::Envelope;
use sigbridge::path::Crl;
use sigbridge::policy::JurisdictionPolicy;
use sigbridge::registry::Registry;
use sigbridge::verify::{
    ALL_CODES, Content, Finding, Request, SignatureReport, VerificationReport, Verifier,
};
use sigbridge::{DocumentType, Jurisdiction, Time};

const DOC: &[u8] = b"<TradeDocument id=\"T-2\"/>";
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

fn verify_with(
    verifier: &Verifier,
    p7s: &[u8],
    relying: Jurisdiction,
    at: Time,
) -> VerificationReport {
    let report = verifier.verify(Request::new(p7s, Content::Detached(DOC), relying, at));
    assert_twins(&report);
    report
}

fn verify(p7s: &[u8], relying: Jurisdiction, at: Time) -> VerificationReport {
    let registry = Registry::sample().unwrap();
    verify_with(&Verifier::new(&registry).unwrap(), p7s, relying, at)
}

fn codes(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn messages(findings: &[Finding]) -> Vec<String> {
    findings.iter().map(|f| f.message.clone()).collect()
}

/// Every text list has its coded twin: same length, same messages, known codes.
fn assert_twins(r: &VerificationReport) {
    fn signature(s: &SignatureReport) {
        assert_eq!(s.validity.reasons, messages(&s.validity.findings));
        assert_eq!(s.recognition.reasons, messages(&s.recognition.findings));
        for f in s.validity.findings.iter().chain(&s.recognition.findings) {
            assert!(ALL_CODES.contains(&f.code.as_str()), "{}", f.code);
        }
        s.countersignatures.iter().for_each(signature);
    }
    r.signatures.iter().for_each(signature);
    assert_eq!(r.document_findings, messages(&r.document_coded_findings));
    assert_eq!(r.verdict.reasons, messages(&r.verdict.findings));
    for f in r.document_coded_findings.iter().chain(&r.verdict.findings) {
        assert!(ALL_CODES.contains(&f.code.as_str()), "{}", f.code);
    }
}

/// The codes of the tables in the "Codes" section of docs/report-format.md.
fn documented_codes() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report-format.md");
    let text = String::from_utf8(common::read(&path)).unwrap();
    let (_, section) = text.split_once("\n## Codes\n").expect("a Codes section");
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(code, _)| code.to_owned())
        .collect()
}

#[test]
fn documented_codes_are_the_codes() {
    let documented = documented_codes();
    let mut sorted = documented.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), documented.len(), "a code is documented twice");
    let mut all: Vec<String> = ALL_CODES.iter().map(|c| (*c).to_owned()).collect();
    all.sort();
    assert_eq!(sorted, all);
}

#[test]
fn revoked_signer() {
    let crls: Vec<Crl> = ["pki/eu/ca.crl", "pki/eu/root.crl"]
        .iter()
        .map(|p| Crl::from_der(&common::read(&common::local(p))).unwrap())
        .collect();
    let registry = Registry::sample().unwrap();
    let verifier = Verifier::new(&registry).unwrap().with_crls(crls);
    let r = verify_with(
        &verifier,
        &sign(&[("eu", "revoked")], INVOICE, now()),
        Jurisdiction::EU,
        now(),
    );
    let v = &r.signatures[0].validity;
    assert_eq!(codes(&v.findings), ["PATH_REVOKED"]);
    let subject = r.signatures[0].signer.subject.clone();
    let mut p = v.findings[0].params.clone();
    assert_eq!(p.remove("subject").as_deref(), Some(subject.as_str()));
    assert_eq!(p.remove("date").as_deref(), Some("2026-06-01T00:00:00Z"));
    assert!(p.keys().all(|k| k == "reason"), "{p:?}");
    assert_eq!(
        codes(&r.signatures[0].recognition.findings),
        ["RECOGNITION_NOT_ASSESSED_NO_ANCHOR"]
    );
    assert_eq!(codes(&r.verdict.findings), ["VERDICT_SIGNATURE_NOT_VALID"]);
    assert_eq!(
        r.verdict.findings[0].params,
        params(&[
            ("causes", "PATH_REVOKED"),
            ("indication", "INDETERMINATE"),
            ("signature", "1"),
            ("sub_indication", "REVOKED_NO_POE"),
            ("subject", &subject),
        ])
    );
}

#[test]
fn expired_signer() {
    // eu/expired.pem is valid until 2025-06-30.
    let r = verify(
        &sign(&[("eu", "expired")], INVOICE, t("2025-01-01T00:00:00Z")),
        Jurisdiction::EU,
        now(),
    );
    let v = &r.signatures[0].validity;
    assert_eq!(codes(&v.findings), ["PATH_EXPIRED"]);
    let p = &v.findings[0].params;
    assert_eq!(p["subject"], r.signatures[0].signer.subject);
    assert!(p["not_after"].starts_with("2025-06-30T"), "{p:?}");
    assert_eq!(p["at"], "2026-11-23T09:00:00Z");
    assert_eq!(
        r.verdict.findings[0].params["sub_indication"],
        "OUT_OF_BOUNDS_NO_POE"
    );
}

#[test]
fn bad_signature_value() {
    let mut p7s = sign(&[("cn", "org-rsa")], INVOICE, now());
    let value = Envelope::from_der(&p7s).unwrap().signer_infos()[0]
        .signature()
        .to_vec();
    let at = p7s
        .windows(value.len())
        .position(|w| w == value.as_slice())
        .unwrap();
    p7s[at + value.len() - 1] ^= 0x01;
    let r = verify(&p7s, Jurisdiction::CN, now());
    let v = &r.signatures[0].validity;
    assert_eq!(codes(&v.findings), ["VERIFY_BAD_SIGNATURE"]);
    assert_eq!(
        v.findings[0].params.keys().collect::<Vec<_>>(),
        ["algorithm", "signer"]
    );
    assert_eq!(
        codes(&r.signatures[0].recognition.findings),
        ["RECOGNITION_NOT_ASSESSED_SIGNATURE_INVALID"]
    );
    assert_eq!(
        r.verdict.findings[0].params["sub_indication"],
        "SIG_CRYPTO_FAILURE"
    );
    assert_eq!(
        r.verdict.findings[0].params["causes"],
        "VERIFY_BAD_SIGNATURE"
    );
}

#[test]
fn tampered_document() {
    let p7s = sign(&[("cn", "org-uscc")], INVOICE, now());
    let registry = Registry::sample().unwrap();
    let r = Verifier::new(&registry).unwrap().verify(Request::new(
        &p7s,
        Content::Detached(b"another document"),
        Jurisdiction::KZ,
        now(),
    ));
    assert_twins(&r);
    assert_eq!(
        codes(&r.signatures[0].validity.findings),
        ["ENVELOPE_DIGEST_MISMATCH"]
    );
}

#[test]
fn not_recognised_after_repeal() {
    // RU recognised CN until the agreement was repealed on 2024-07-01.
    let r = verify(
        &sign(&[("cn", "org-uscc")], INVOICE, now()),
        Jurisdiction::RU,
        now(),
    );
    assert!(r.signatures[0].validity.findings.is_empty());
    let rec = &r.signatures[0].recognition.findings;
    assert_eq!(codes(rec), ["RECOGNITION_AGREEMENT_NOT_IN_FORCE"]);
    assert_eq!(
        rec[0].params,
        params(&[
            ("agreement", "ru-recognises-cn"),
            ("gap", "repealed"),
            ("since", "2024-07-01T00:00:00Z"),
        ])
    );
    assert_eq!(
        codes(&r.verdict.findings)[0],
        "VERDICT_SIGNATURE_NOT_RECOGNISED"
    );
    assert_eq!(
        r.verdict.findings[0].params["causes"],
        "RECOGNITION_AGREEMENT_NOT_IN_FORCE"
    );
}

#[test]
fn document_type_not_covered_and_algorithm_refused() {
    let r = verify(
        &sign(&[("cn", "org-uscc")], ORIGIN, now()),
        Jurisdiction::EU,
        now(),
    );
    assert_eq!(
        codes(&r.signatures[0].validity.findings),
        [
            "POLICY_ALGORITHM_NOT_ACCEPTED",
            "POLICY_DIGEST_NOT_ACCEPTED"
        ]
    );
    assert_eq!(
        r.signatures[0].validity.findings[0].params,
        params(&[("jurisdiction", "EU"), ("scheme", "sm2")])
    );
    assert_eq!(
        r.signatures[0].recognition.findings[0].params,
        params(&[("agreement", "eu-recognises-cn"), ("document_type", "861")])
    );
}

#[test]
fn key_too_small_for_the_relying_policy() {
    let registry = Registry::sample().unwrap();
    let mut cn = JurisdictionPolicy::sample(Jurisdiction::CN).unwrap();
    for rule in &mut cn.algorithms {
        rule.min_key_bits = Some(4096);
    }
    let verifier = Verifier::new(&registry)
        .unwrap()
        .with_policies(vec![cn])
        .unwrap();
    let r = verify_with(
        &verifier,
        &sign(&[("kz", "ceo")], INVOICE, now()),
        Jurisdiction::CN,
        now(),
    );
    let v = &r.signatures[0].validity;
    assert_eq!(codes(&v.findings), ["POLICY_KEY_TOO_SMALL"]);
    assert_eq!(v.findings[0].params["jurisdiction"], "CN");
    assert_eq!(v.findings[0].params["min"], "4096");
    assert_eq!(v.findings[0].params["bits"], "2048");
}

#[test]
fn missing_co_signer() {
    let r = verify(
        &sign(&[("cn", "org-uscc")], ORIGIN, now()),
        Jurisdiction::KZ,
        now(),
    );
    assert!(r.signatures[0].is_accepted(), "{r}");
    assert_eq!(codes(&r.document_coded_findings), ["DOCUMENT_ROLE_MISSING"]);
    assert_eq!(
        r.document_coded_findings[0].params,
        params(&[("document_type", "861"), ("role", "issuing-authority")])
    );
    // The verdict repeats the document's findings.
    assert_eq!(r.verdict.findings, r.document_coded_findings);
}

#[test]
fn accepted_report_has_no_findings() {
    let r = verify(
        &sign(&[("cn", "org-uscc"), ("cn", "chamber")], ORIGIN, now()),
        Jurisdiction::KZ,
        now(),
    );
    assert!(r.verdict.accepted, "{r}");
    assert!(r.verdict.findings.is_empty());
    assert!(r.document_coded_findings.is_empty());
    assert!(
        r.signatures
            .iter()
            .all(|s| s.validity.findings.is_empty() && s.recognition.findings.is_empty())
    );
}

#[test]
fn unreadable_envelope() {
    let registry = Registry::sample().unwrap();
    let r = Verifier::new(&registry).unwrap().verify(Request::new(
        b"not an envelope",
        Content::Detached(DOC),
        Jurisdiction::KZ,
        now(),
    ));
    assert_twins(&r);
    let f = &r.document_coded_findings;
    assert_eq!(f.len(), 1);
    assert!(f[0].code.starts_with("ENVELOPE_"), "{f:?}");
    assert!(
        f[0].message
            .starts_with("TOTAL_FAILED / FORMAT_FAILURE: the envelope: ")
    );
}

#[test]
fn unknown_relying_jurisdiction_is_refused_by_name() {
    let p7s = sign(&[("cn", "org-uscc")], INVOICE, now());
    // PK is not in the sample registry, nor a member of its union.
    let r = verify(&p7s, Jurisdiction::PK, now());
    assert!(!r.verdict.accepted);
    assert!(r.signatures.is_empty());
    assert_eq!(
        codes(&r.document_coded_findings),
        ["REQUEST_UNKNOWN_RELYING_JURISDICTION"]
    );
    let f = &r.document_coded_findings[0];
    assert!(
        f.message.starts_with(
            "no such jurisdiction in the registry: PK (the registry knows: CN, EU (members AT, BE,"
        ),
        "{}",
        f.message
    );
    assert_eq!(
        f.params,
        params(&[("jurisdiction", "PK"), ("known", "CN, EU, IN, KZ, RU, UZ")])
    );
    // Before: a baseline policy with no vocabulary refused with "needs at least ''".
    assert!(
        r.verdict
            .reasons
            .iter()
            .all(|m| !m.contains("needs at least"))
    );
    assert_eq!(r.verdict.findings, r.document_coded_findings);
    // A member of a union in the registry relies through it: not refused.
    let de = Jurisdiction::from_code("DE").unwrap();
    let member = verify(&sign(&[("eu", "qes-natural")], INVOICE, now()), de, now());
    assert!(member.verdict.accepted, "{member}");
    // One pass for several: only the unknown one is refused.
    let registry = Registry::sample().unwrap();
    let both = Verifier::new(&registry).unwrap().verify_for(
        Request::new(&p7s, Content::Detached(DOC), Jurisdiction::KZ, now()),
        &[Jurisdiction::PK, Jurisdiction::KZ],
    );
    assert!(!both[0].verdict.accepted);
    assert!(both[1].verdict.accepted, "{}", both[1]);
}
