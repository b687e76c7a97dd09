//! Validation with time (EN 319 102-1 §5.5): each sub-indication a
//! time-stamp can turn or leave, produced through `Verifier::verify` with
//! the sample registry, the test PKI and its time-stamping units
//! (`testdata/pki/tsa`).

mod common;

use common::certgen::{self, CrlEntry, Key};
use common::{fixture, local, pki_signer, read};
use sigbridge::crypto::SoftwareSigner;
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::path::Crl;
use sigbridge::policy::JurisdictionPolicy;
use sigbridge::registry::{Registry, TsaAcceptance};
use sigbridge::tsp::{self, SoftwareTsa};
use sigbridge::verify::{
    Content, Indication, Request, SubIndication, VerificationReport, Verifier,
};
use sigbridge::{Certificate, DocumentType, HashAlgorithm, Jurisdiction, Oid, Time};

const DOC: &[u8] = b"<BillOfLading number='BL-2025-0042'/>";
const TSA_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1");

fn t(s: &str) -> Time {
    s.parse().unwrap()
}

/// A software TSA over the test unit `testdata/pki/tsa/<name>`, answering at `at`.
fn tsa(name: &str, at: Time) -> SoftwareTsa {
    let cert = Certificate::from_pem(&read(&local(&format!("pki/tsa/{name}.pem")))).unwrap();
    let key = read(&local(&format!("pki/tsa/{name}.key")));
    SoftwareTsa::new(
        SoftwareSigner::from_pkcs8_pem(&key, cert).unwrap(),
        TSA_POLICY,
        at,
    )
}

/// `DOC` signed detached by the test-PKI signer `<dir>/<name>` at `at`.
fn sign(dir: &str, name: &str, doc_type: DocumentType, at: Time) -> Envelope {
    let options = SignatureOptions::new(at)
        .document_type(doc_type)
        .include_chain(true);
    Envelope::sign_detached(DOC, &pki_signer(dir, name), &options).unwrap()
}

/// `env` with a signature-time-stamp on its first signature by `unit` at `at`.
fn stamped(env: &Envelope, unit: &str, at: Time) -> Envelope {
    env.add_signature_timestamp(0, &tsa(unit, at), HashAlgorithm::Sha256)
        .unwrap()
}

fn verify(
    verifier: &Verifier,
    env: &Envelope,
    relying: Jurisdiction,
    at: Time,
) -> VerificationReport {
    let der = env.to_der();
    verifier.verify(Request::new(&der, Content::Detached(DOC), relying, at))
}

fn sample() -> Verifier {
    Verifier::new(Registry::sample().unwrap()).unwrap()
}

fn outcome(r: &VerificationReport) -> (Indication, Option<SubIndication>) {
    let v = &r.signatures[0].validity;
    (v.indication, v.sub_indication)
}

fn passed() -> (Indication, Option<SubIndication>) {
    (Indication::TotalPassed, None)
}

fn indeterminate(s: SubIndication) -> (Indication, Option<SubIndication>) {
    (Indication::Indeterminate, Some(s))
}

/// A CRL of the sample EU CA (or root, `issuer` = "root") made here,
/// current 2026-06-01 to 2027-06-01.
fn made_crl(issuer: &str, entries: &[CrlEntry], keeps_expired_from: Option<Time>) -> Crl {
    let key = Key::fixture("eu", issuer);
    let cert = fixture(&format!("eu/{issuer}.pem"));
    certgen::crl_with(
        cert.subject().raw_der(),
        &key,
        t("2026-06-01T00:00:00Z"),
        t("2027-06-01T00:00:00Z"),
        entries,
        7,
        keeps_expired_from,
    )
}

fn eu_crl(name: &str) -> Crl {
    Crl::from_der(&read(&local(&format!("pki/eu/{name}")))).unwrap()
}

/// eu/expired.pem ends 2025-06-30; signed and verified on 2026-12-01.
#[test]
fn an_expired_signer_is_out_of_bounds_no_poe_unless_a_time_stamp_proves_the_signature_earlier() {
    let signed_at = t("2025-03-01T10:00:00Z");
    let now = t("2026-12-01T00:00:00Z");
    let env = sign("eu", "expired", DocumentType::COMMERCIAL_INVOICE, signed_at);
    let v = sample();

    let bare = verify(&v, &env, Jurisdiction::EU, now);
    assert_eq!(
        outcome(&bare),
        indeterminate(SubIndication::OutOfBoundsNoPoe)
    );
    assert_eq!(
        bare.signatures[0].best_signature_time,
        "2026-12-01T00:00:00Z"
    );
    assert_eq!(bare.signatures[0].proof_of_existence, None);

    let bt = stamped(&env, "eu-tsu", signed_at);
    let r = verify(&v, &bt, Jurisdiction::EU, now);
    assert_eq!(outcome(&r), passed(), "{r}");
    let s = &r.signatures[0];
    assert_eq!(s.best_signature_time, "2025-03-01T10:00:00Z");
    assert_eq!(
        s.proof_of_existence.as_deref(),
        Some("signature-time-stamp #1")
    );
    assert_eq!(s.timestamps.len(), 1);
    let ts = &s.timestamps[0];
    assert_eq!(
        (
            ts.kind.as_str(),
            ts.valid,
            ts.recognised,
            ts.proof_of_existence
        ),
        ("signature-time-stamp", true, true, true)
    );
    assert_eq!(ts.anchor.as_deref(), Some("eu-tsa"));
    assert_eq!(ts.tsa_jurisdiction.as_deref(), Some("EU"));
    assert_eq!(ts.gen_time.as_deref(), Some("2025-03-01T10:00:00Z"));
    assert!(r.verdict.accepted, "{r}");
}

/// A time-stamp by a TSA the registry does not list gives no proof of existence.
#[test]
fn a_time_stamp_by_an_unlisted_tsa_gives_no_poe() {
    let signed_at = t("2025-03-01T10:00:00Z");
    let env = stamped(
        &sign("eu", "expired", DocumentType::COMMERCIAL_INVOICE, signed_at),
        "rogue-tsu",
        signed_at,
    );
    let r = verify(&sample(), &env, Jurisdiction::EU, t("2026-12-01T00:00:00Z"));
    assert_eq!(outcome(&r), indeterminate(SubIndication::OutOfBoundsNoPoe));
    let ts = &r.signatures[0].timestamps[0];
    assert_eq!(
        (ts.valid, ts.recognised, ts.proof_of_existence),
        (false, false, false)
    );
    assert_eq!(
        ts.findings[0].code, "PATH_UNKNOWN_ISSUER",
        "{:?}",
        ts.findings
    );
    assert_eq!(r.signatures[0].proof_of_existence, None);
}

/// RFC 3161 §2.3: a TSA certificate whose time-stamping EKU is not critical.
#[test]
fn a_tsa_certificate_without_a_critical_time_stamping_eku_gives_no_poe() {
    let signed_at = t("2025-03-01T10:00:00Z");
    let env = stamped(
        &sign("eu", "expired", DocumentType::COMMERCIAL_INVOICE, signed_at),
        "eu-tsu-noncritical",
        signed_at,
    );
    let r = verify(&sample(), &env, Jurisdiction::EU, t("2026-12-01T00:00:00Z"));
    assert_eq!(outcome(&r), indeterminate(SubIndication::OutOfBoundsNoPoe));
    let ts = &r.signatures[0].timestamps[0];
    assert_eq!(ts.findings[0].code, "TSP_TSA_EXTENDED_KEY_USAGE");
}

/// eu/revoked.pem is revoked on 2026-06-01 (eu/ca.crl).
#[test]
fn a_signer_revoked_after_the_time_stamp_passes_and_before_it_is_revoked_no_poe() {
    let now = t("2026-12-01T00:00:00Z");
    let v = sample().with_crls(vec![eu_crl("ca.crl"), eu_crl("root.crl")]);
    let env = sign(
        "eu",
        "revoked",
        DocumentType::COMMERCIAL_INVOICE,
        t("2026-03-01T00:00:00Z"),
    );

    let bare = verify(&v, &env, Jurisdiction::EU, now);
    assert_eq!(outcome(&bare), indeterminate(SubIndication::RevokedNoPoe));

    let before = verify(
        &v,
        &stamped(&env, "eu-tsu", t("2026-03-01T00:05:00Z")),
        Jurisdiction::EU,
        now,
    );
    assert_eq!(outcome(&before), passed(), "{before}");
    assert_eq!(
        before.signatures[0].best_signature_time,
        "2026-03-01T00:05:00Z"
    );

    let after = verify(
        &v,
        &stamped(&env, "eu-tsu", t("2026-07-01T00:00:00Z")),
        Jurisdiction::EU,
        now,
    );
    assert_eq!(outcome(&after), indeterminate(SubIndication::RevokedNoPoe));
    assert!(after.signatures[0].timestamps[0].proof_of_existence);
}

/// RFC 5280 §5.3.2: with keyCompromise and an invalidityDate before the
/// time-stamp, a revocation dated after it still counts.
#[test]
fn a_key_compromised_before_the_time_stamp_is_revoked_no_poe() {
    let revoked = fixture("eu/revoked.pem");
    let crl = |invalidity: Option<Time>| {
        made_crl(
            "ca",
            &[CrlEntry::of(&revoked, t("2026-06-01T00:00:00Z")).because(1, invalidity)],
            None,
        )
    };
    let now = t("2026-12-01T00:00:00Z");
    let env = stamped(
        &sign(
            "eu",
            "revoked",
            DocumentType::COMMERCIAL_INVOICE,
            t("2026-03-01T00:00:00Z"),
        ),
        "eu-tsu",
        t("2026-03-01T00:05:00Z"),
    );
    let compromised_before = sample().with_crls(vec![crl(Some(t("2026-02-01T00:00:00Z")))]);
    let r = verify(&compromised_before, &env, Jurisdiction::EU, now);
    assert_eq!(outcome(&r), indeterminate(SubIndication::RevokedNoPoe));

    let compromised_after = sample().with_crls(vec![crl(Some(t("2026-05-01T00:00:00Z")))]);
    let r = verify(&compromised_after, &env, Jurisdiction::EU, now);
    assert_eq!(outcome(&r), passed(), "{r}");
}

/// eu/root revokes eu/ca on 2026-06-01 (a CRL made here).
#[test]
fn a_ca_revoked_after_the_time_stamp_passes_and_without_one_is_revoked_ca_no_poe() {
    let ca_cert = fixture("eu/ca.pem");
    let root_crl = made_crl(
        "root",
        &[CrlEntry::of(&ca_cert, t("2026-06-01T00:00:00Z"))],
        None,
    );
    let v = sample().with_crls(vec![root_crl]);
    let now = t("2026-12-01T00:00:00Z");
    let env = sign(
        "eu",
        "qes-natural",
        DocumentType::COMMERCIAL_INVOICE,
        t("2026-03-01T00:00:00Z"),
    );
    let bare = verify(&v, &env, Jurisdiction::EU, now);
    assert_eq!(outcome(&bare), indeterminate(SubIndication::RevokedCaNoPoe));
    let bt = verify(
        &v,
        &stamped(&env, "eu-tsu", t("2026-03-01T00:05:00Z")),
        Jurisdiction::EU,
        now,
    );
    assert_eq!(outcome(&bt), passed(), "{bt}");
}

/// An expired signer that a CRL keeping expired certificates
/// (expiredCertsOnCRL) does not list: known not revoked.
#[test]
fn an_expired_signer_known_not_revoked_is_out_of_bounds_not_revoked() {
    let crl = |keeps: Option<Time>| made_crl("ca", &[], keeps);
    let now = t("2026-12-01T00:00:00Z");
    let env = sign(
        "eu",
        "expired",
        DocumentType::COMMERCIAL_INVOICE,
        t("2025-03-01T10:00:00Z"),
    );
    let keeps = sample().with_crls(vec![
        crl(Some(t("2024-01-01T00:00:00Z"))),
        eu_crl("root.crl"),
    ]);
    let r = verify(&keeps, &env, Jurisdiction::EU, now);
    assert_eq!(
        outcome(&r),
        indeterminate(SubIndication::OutOfBoundsNotRevoked)
    );
    // Without expiredCertsOnCRL the CRL, issued after the expiry, may have
    // dropped the entry (RFC 5280 §3.3): nothing is known.
    let drops = sample().with_crls(vec![crl(None), eu_crl("root.crl")]);
    let r = verify(&drops, &env, Jurisdiction::EU, now);
    assert_eq!(outcome(&r), indeterminate(SubIndication::OutOfBoundsNoPoe));
}

/// A KZ policy that accepts RSA PKCS#1 v1.5 for signatures made before
/// 2030-01-01: a signature time-stamped before the sunset stays valid after it.
#[test]
fn an_algorithm_sunset_after_the_time_stamp_passes_and_without_one_is_crypto_constraints_failure_no_poe()
 {
    let registry = Registry::sample().unwrap();
    let mut kz = JurisdictionPolicy::sample(Jurisdiction::KZ).unwrap();
    for rule in kz.algorithms.iter_mut().filter(|a| a.scheme == "rsa-pkcs1") {
        rule.until = Some(t("2030-01-01T00:00:00Z"));
    }
    assert_eq!(kz.timestamps.accept, TsaAcceptance::AnyListed);
    let v = Verifier::new(&registry)
        .unwrap()
        .with_policies(vec![kz])
        .unwrap();
    let signed_at = t("2029-06-01T00:00:00Z");
    let now = t("2030-06-01T00:00:00Z");
    let env = sign("kz", "ceo", DocumentType::COMMERCIAL_INVOICE, signed_at);
    let bare = verify(&v, &env, Jurisdiction::KZ, now);
    assert_eq!(
        outcome(&bare),
        indeterminate(SubIndication::CryptoConstraintsFailureNoPoe)
    );
    let bt = verify(
        &v,
        &stamped(&env, "eu-tsu", signed_at),
        Jurisdiction::KZ,
        now,
    );
    assert_eq!(outcome(&bt), passed(), "{bt}");
    assert_eq!(
        bt.signatures[0].timestamps[0].basis.as_deref(),
        Some("listed in the registry")
    );
}

/// EN 319 102-1 §5.5.4: a content-time-stamp later than the
/// signature-time-stamp.
#[test]
fn a_content_time_stamp_after_the_signature_time_stamp_is_timestamp_order_failure() {
    let at = t("2026-05-01T00:00:00Z");
    let content_ts = tsp::content_timestamp(
        &tsa("eu-tsu", t("2026-05-02T00:00:00Z")),
        HashAlgorithm::Sha256,
        DOC,
    )
    .unwrap();
    let options = SignatureOptions::new(at)
        .document_type(DocumentType::COMMERCIAL_INVOICE)
        .include_chain(true)
        .content_timestamp(content_ts.der().to_vec());
    let env = Envelope::sign_detached(DOC, &pki_signer("eu", "qes-natural"), &options).unwrap();
    let bt = stamped(&env, "eu-tsu", t("2026-05-01T00:10:00Z"));
    let r = verify(&sample(), &bt, Jurisdiction::EU, t("2026-12-01T00:00:00Z"));
    assert_eq!(
        outcome(&r),
        indeterminate(SubIndication::TimestampOrderFailure)
    );
    assert_eq!(r.signatures[0].timestamps.len(), 2);
    assert_eq!(r.signatures[0].timestamps[1].kind, "content-time-stamp");
    assert!(r.signatures[0].timestamps[1].valid);
    assert!(
        r.signatures[0]
            .validity
            .findings
            .iter()
            .any(|f| f.code == "TIMESTAMP_ORDER"),
        "{r}"
    );

    // In the right order it passes.
    let early_content = tsp::content_timestamp(
        &tsa("eu-tsu", t("2026-04-30T00:00:00Z")),
        HashAlgorithm::Sha256,
        DOC,
    )
    .unwrap();
    let options = SignatureOptions::new(at)
        .document_type(DocumentType::COMMERCIAL_INVOICE)
        .include_chain(true)
        .content_timestamp(early_content.der().to_vec());
    let env = Envelope::sign_detached(DOC, &pki_signer("eu", "qes-natural"), &options).unwrap();
    let r = verify(
        &sample(),
        &stamped(&env, "eu-tsu", t("2026-05-01T00:10:00Z")),
        Jurisdiction::EU,
        t("2026-12-01T00:00:00Z"),
    );
    assert_eq!(outcome(&r), passed(), "{r}");
}

/// The sample EU policy requires a time-stamp on a bill of lading.
#[test]
fn a_bill_of_lading_without_a_time_stamp_in_the_eu_is_no_poe() {
    let at = t("2026-05-01T00:00:00Z");
    let env = sign("eu", "qes-natural", DocumentType::BILL_OF_LADING, at);
    let r = verify(&sample(), &env, Jurisdiction::EU, t("2026-06-01T00:00:00Z"));
    assert_eq!(outcome(&r), indeterminate(SubIndication::NoPoe));
    assert_eq!(
        r.signatures[0].validity.findings[0].code,
        "POLICY_TIMESTAMP_REQUIRED"
    );
    let r = verify(
        &sample(),
        &stamped(&env, "eu-tsu", at),
        Jurisdiction::EU,
        t("2026-06-01T00:00:00Z"),
    );
    assert_eq!(outcome(&r), passed(), "{r}");
}

/// A relying policy that takes only its own TSAs: a partner's gives no POE.
#[test]
fn a_partner_tsa_under_an_own_only_policy_gives_no_poe() {
    let registry = Registry::sample().unwrap();
    let mut eu = JurisdictionPolicy::sample(Jurisdiction::EU).unwrap();
    eu.timestamps.accept = TsaAcceptance::Own;
    let v = Verifier::new(&registry)
        .unwrap()
        .with_policies(vec![eu])
        .unwrap();
    let signed_at = t("2025-03-01T10:00:00Z");
    let env = stamped(
        &sign("eu", "expired", DocumentType::COMMERCIAL_INVOICE, signed_at),
        "kz-tsu",
        signed_at,
    );
    let r = verify(&v, &env, Jurisdiction::EU, t("2026-12-01T00:00:00Z"));
    assert_eq!(outcome(&r), indeterminate(SubIndication::OutOfBoundsNoPoe));
    let ts = &r.signatures[0].timestamps[0];
    assert_eq!((ts.valid, ts.recognised), (true, false));
    assert_eq!(
        ts.findings[0].code, "TIMESTAMP_TSA_NOT_OWN",
        "{:?}",
        ts.findings
    );
}

/// CAdES-B-T judges the TSA at the validation time (EN 319 102-1 §5.4): once
/// the unit's certificate has expired, its time-stamp proves nothing more
/// (keeping the proof is B-LTA's archive time-stamp).
#[test]
fn a_time_stamp_whose_tsa_certificate_expired_gives_no_poe() {
    let signed_at = t("2025-03-01T10:00:00Z");
    let env = stamped(
        &sign("eu", "expired", DocumentType::COMMERCIAL_INVOICE, signed_at),
        "eu-tsu-short",
        signed_at,
    );
    let v = sample();
    // eu-tsu-short ends 2027-12-31.
    let r = verify(&v, &env, Jurisdiction::EU, t("2026-12-01T00:00:00Z"));
    assert_eq!(outcome(&r), passed(), "{r}");
    let r = verify(&v, &env, Jurisdiction::EU, t("2028-06-01T00:00:00Z"));
    assert_eq!(outcome(&r), indeterminate(SubIndication::OutOfBoundsNoPoe));
    let ts = &r.signatures[0].timestamps[0];
    assert!(!ts.valid);
    assert_eq!(ts.findings[0].code, "PATH_EXPIRED", "{:?}", ts.findings);
}

/// A token dated after its unit's certificate ended was not made under it
/// (eu-tsu-short ends 2027-12-31; the software TSA signs whatever time it is given).
#[test]
fn a_time_stamp_dated_outside_its_tsa_certificate_gives_no_poe() {
    let env = stamped(
        &sign(
            "eu",
            "qes-natural",
            DocumentType::BILL_OF_LADING,
            t("2026-05-01T00:00:00Z"),
        ),
        "eu-tsu-short",
        t("2028-03-01T00:00:00Z"),
    );
    let r = verify(&sample(), &env, Jurisdiction::EU, t("2026-06-01T00:00:00Z"));
    // The bill of lading needs a proof of existence in the EU.
    assert_eq!(outcome(&r), indeterminate(SubIndication::NoPoe));
    let ts = &r.signatures[0].timestamps[0];
    assert_eq!(
        ts.findings[0].code, "TIMESTAMP_OUTSIDE_TSA_VALIDITY",
        "{:?}",
        ts.findings
    );
}
