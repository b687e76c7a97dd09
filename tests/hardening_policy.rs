//! Policy hardening (issue 12, items 3, 4 and 5): purpose, assurance and
//! algorithm rules that the verifier used to ignore. Each test builds the
//! adversarial certificates at test time (tests/common/certgen.rs) under the
//! sample registry's real test roots, signs a trade document with them, and
//! asserts the exact verdict of `Verifier::verify`; before the fix each of
//! these documents was accepted.

mod common;

use common::certgen::{self, Key, day, dn};
use common::fixture;
use sigbridge::crypto::{HashAlgorithm, SignatureAlgorithm, SoftwareSigner};
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::policy::{CertificateSignature, JurisdictionPolicy, PolicyFinding};
use sigbridge::registry::{NotRecognisedReason, Registry};
use sigbridge::verify::{
    Content, Indication, RecognitionStatus, Request, SubIndication, VerificationReport, Verifier,
};
use sigbridge::{Certificate, DocumentType, Jurisdiction, Time};

const DOC: &[u8] = b"<Invoice number='INV-12'/>";

const SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
const CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
const EMAIL_PROTECTION: &str = "1.3.6.1.5.5.7.3.4";
const TIME_STAMPING: &str = "1.3.6.1.5.5.7.3.8";
const OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";
const DOCUMENT_SIGNING: &str = "1.3.6.1.5.5.7.3.36";
const ANY_EKU: &str = "2.5.29.37.0";
const ANY_POLICY: &str = "2.5.29.32.0";
/// EN 319 411-1 NCP: the EU profile reads it as an advanced-signature level.
const NCP: &str = "0.4.0.2042.1.1";
/// EN 319 411-2 QCP-n (another policy of the same CA family).
const QCP_N: &str = "0.4.0.194112.1.0";
const KC1: &str = "1.2.643.100.113.1";
const KC2: &str = "1.2.643.100.113.2";

/// The validation time: 2026-11-23, when the sample registry's anchors and
/// agreements are in force.
fn at() -> Time {
    day(326)
}

/// An issuing CA under a sample-registry root (`dir`/root), with the
/// certificate policies given (`None`: no certificatePolicies extension).
fn issuing_ca(dir: &str, ca_key: &Key, name: &[u8], policies: Option<&[&str]>) -> Certificate {
    let root = fixture(&format!("{dir}/root.pem"));
    let root_key = Key::fixture(dir, "root");
    let mut extensions = vec![
        certgen::basic_constraints(true, None),
        certgen::key_usage(&[5, 6]),
        certgen::ski(&ca_key.key_id()),
        certgen::aki(&root_key.key_id()),
    ];
    if let Some(p) = policies {
        extensions.push(certgen::certificate_policies(p));
    }
    certgen::Tbs {
        serial: 0x1200,
        issuer: root.subject().raw_der().to_vec(),
        subject: name.to_vec(),
        not_before: day(-300),
        not_after: day(3000),
        spki: ca_key.spki.clone(),
        extensions,
    }
    .sign(&root_key)
}

/// A signer certificate for `key` issued by `ca` (key `ca_key`) with the extra extensions.
fn signer_cert(
    subject: &[u8],
    key: &Key,
    ca: &Certificate,
    ca_key: &Key,
    extra: Vec<Vec<u8>>,
) -> Certificate {
    certgen::end_entity(
        0x1201,
        subject,
        key,
        ca.subject().raw_der(),
        ca_key,
        day(-200),
        day(700),
        extra,
    )
}

/// Signs the invoice with the test key `dir`/`name` under `cert`, shipping `chain`.
fn sign(dir: &str, name: &str, cert: &Certificate, chain: &[Certificate]) -> Vec<u8> {
    let pem = common::read(&common::local(&format!("pki/{dir}/{name}.key")));
    let signer = SoftwareSigner::from_pkcs8_pem(&pem, cert.clone())
        .unwrap()
        .with_chain(chain.to_vec());
    let options = SignatureOptions::new(at())
        .document_type(DocumentType::COMMERCIAL_INVOICE)
        .include_chain(true);
    Envelope::sign_detached(DOC, &signer, &options)
        .unwrap()
        .to_der()
}

fn verify_in(registry: &Registry, p7s: &[u8], relying: Jurisdiction) -> VerificationReport {
    // The sample policies are written for the sample registry's
    // vocabularies; under an ad-hoc registry the baseline applies.
    let verifier = match Verifier::new(registry) {
        Ok(v) => v,
        Err(_) => Verifier::without_sample_policies(registry),
    };
    verifier.verify(Request::new(p7s, Content::Detached(DOC), relying, at()))
}

fn verify(p7s: &[u8], relying: Jurisdiction) -> VerificationReport {
    verify_in(&Registry::sample().unwrap(), p7s, relying)
}

/// The signature's (indication, sub-indication, reasons).
fn validity(r: &VerificationReport) -> (Indication, Option<SubIndication>, Vec<String>) {
    let v = &r.signatures[0].validity;
    (v.indication, v.sub_indication, v.reasons.clone())
}

// ---------------------------------------------------------------- item 3

/// An EU PKI: an issuing CA under the sample `eu-root` asserting NCP, and
/// a signer (DE, NCP: level `advanced`) with the extra extensions.
struct Eu {
    ca: Certificate,
    ca_key: Key,
}

fn eu_pki() -> Eu {
    let ca_key = Key::fixture("eu", "ca");
    let ca = issuing_ca(
        "eu",
        &ca_key,
        &dn("DE", "Hardening QTSP", "Hardening Issuing CA"),
        Some(&[NCP]),
    );
    Eu { ca, ca_key }
}

fn eu_signer(w: &Eu, cn: &str, extra: Vec<Vec<u8>>) -> Vec<u8> {
    let key = Key::fixture("eu", "qes-natural");
    let mut extensions = vec![certgen::certificate_policies(&[NCP])];
    extensions.extend(extra);
    let cert = signer_cert(
        &dn("DE", "Exporter GmbH", cn),
        &key,
        &w.ca,
        &w.ca_key,
        extensions,
    );
    sign("eu", "qes-natural", &cert, std::slice::from_ref(&w.ca))
}

fn eku_refusal(present: &[&str], critical: bool) -> String {
    let finding = PolicyFinding::ExtendedKeyUsageNotForSigning {
        present: present.iter().map(|s| (*s).to_owned()).collect(),
        critical,
    };
    format!("EU policy: {finding}")
}

/// The control: the same PKI, no EKU (unrestricted, RFC 5280 §4.2.1.12) or
/// a document-signing purpose, is accepted at `advanced`.
#[test]
fn signer_without_eku_or_with_a_signing_purpose_is_accepted() {
    let w = eu_pki();
    for (cn, extra) in [
        ("No EKU", vec![]),
        (
            "Email protection",
            vec![certgen::eku(false, &[CLIENT_AUTH, EMAIL_PROTECTION])],
        ),
        (
            "Document signing",
            vec![certgen::eku(true, &[DOCUMENT_SIGNING])],
        ),
        (
            "Any purpose",
            vec![certgen::eku(false, &[SERVER_AUTH, ANY_EKU])],
        ),
    ] {
        let report = verify(&eu_signer(&w, cn, extra), Jurisdiction::EU);
        assert!(report.verdict.accepted, "{cn}: {report}");
        assert_eq!(
            report.signatures[0].recognition.level.as_deref(),
            Some("advanced")
        );
    }
}

/// RFC 5280 §4.2.1.12: a certificate whose EKU lists only other purposes
/// must not sign a trade document — a TLS server certificate, a
/// time-stamping unit (RFC 3161 §2.3: critical timeStamping, for time-stamps
/// only) and an OCSP responder. EN 319 102-1 §5.2.6: INDETERMINATE /
/// CHAIN_CONSTRAINTS_FAILURE.
#[test]
fn signer_restricted_to_other_purposes_is_refused() {
    let w = eu_pki();
    for (cn, purposes, names, critical) in [
        (
            "tls.example.de",
            &[SERVER_AUTH][..],
            &["serverAuth"][..],
            true,
        ),
        ("Hardening TSU", &[TIME_STAMPING], &["timeStamping"], true),
        (
            "Hardening OCSP Responder",
            &[OCSP_SIGNING],
            &["OCSPSigning"],
            false,
        ),
        (
            "TLS client and server",
            &[SERVER_AUTH, CLIENT_AUTH],
            &["serverAuth", "clientAuth"],
            false,
        ),
    ] {
        let p7s = eu_signer(&w, cn, vec![certgen::eku(critical, purposes)]);
        let report = verify(&p7s, Jurisdiction::EU);
        assert!(!report.verdict.accepted, "{cn}: {report}");
        assert_eq!(
            validity(&report),
            (
                Indication::Indeterminate,
                Some(SubIndication::ChainConstraintsFailure),
                vec![eku_refusal(names, critical)]
            ),
            "{cn}"
        );
    }
}

/// The policy's own document-signing purposes: the KZ sample lists the NCA
/// information-system role, which signs without emailProtection (as the
/// NCA's test certificate `treasury_client` does: EKU 1.2.398.3.3.4.1.2 and
/// .2.6 only), while an NCA authentication certificate (clientAuth) may not
/// sign. The other KZ test signers carry emailProtection.
#[test]
fn national_document_signing_purposes() {
    let kz = JurisdictionPolicy::sample(Jurisdiction::KZ).unwrap();
    let eu = JurisdictionPolicy::sample(Jurisdiction::EU).unwrap();
    for name in ["ceo", "employee", "individual", "signer-financial"] {
        let cert = fixture(&format!("kz/{name}.pem"));
        assert_eq!(kz.check_extended_key_usage(&cert), vec![], "{name}");
    }
    let auth = fixture("kz/individual-auth.pem");
    assert_eq!(
        kz.check_extended_key_usage(&auth),
        vec![PolicyFinding::ExtendedKeyUsageNotForSigning {
            present: vec!["clientAuth".into(), "1.2.398.3.3.4.1.1".into()],
            critical: false,
        }]
    );
    // An information system of a legal entity, as NCA RK issues it.
    let w = eu_pki();
    let key = Key::fixture("eu", "qes-natural");
    let infosystem = signer_cert(
        &dn("KZ", "TOO TEST", "Information system"),
        &key,
        &w.ca,
        &w.ca_key,
        vec![certgen::eku(
            false,
            &["1.2.398.3.3.4.1.2", "1.2.398.3.3.4.1.2.6"],
        )],
    );
    assert_eq!(kz.check_extended_key_usage(&infosystem), vec![]);
    // Not a purpose the EU sample lists.
    assert_eq!(
        eu.check_extended_key_usage(&infosystem),
        vec![PolicyFinding::ExtendedKeyUsageNotForSigning {
            present: vec!["1.2.398.3.3.4.1.2".into(), "1.2.398.3.3.4.1.2.6".into()],
            critical: false,
        }]
    );
    // The real EU and IN document signers: emailProtection with Document Signing.
    let be = common::national("eu-be-gov-qualified-seal-ee-lotl-signer.pem");
    assert_eq!(eu.check_extended_key_usage(&be), vec![]);
}

/// A policy file may not call a TLS, time-stamp or OCSP purpose document signing.
#[test]
fn policy_file_refuses_non_signing_purposes_as_document_signing() {
    let mut p = JurisdictionPolicy::sample(Jurisdiction::KZ).unwrap();
    p.document_signing_ekus.push(sigbridge::policy::EkuRule {
        eku: TIME_STAMPING.parse().unwrap(),
        source: String::new(),
    });
    let text = sigbridge::policy::save_policies(&[p]);
    assert_eq!(
        sigbridge::policy::load_policies(&text),
        Err(sigbridge::policy::PolicyFileError::Invalid {
            path: "policies[KZ].document_signing_ekus[1]".into(),
            reason: "1.3.6.1.5.5.7.3.8 (timeStamping) is not a document-signing purpose; remove it"
                .into(),
        })
    );
    // Without the field a policy accepts the general purposes only.
    let p = JurisdictionPolicy::sample(Jurisdiction::RU).unwrap();
    assert!(p.document_signing_ekus.is_empty());
    let text = sigbridge::policy::save_policies(std::slice::from_ref(&p));
    assert!(!text.contains("document_signing_ekus"));
    assert_eq!(sigbridge::policy::load_policies(&text), Ok(vec![p]));
}

// ---------------------------------------------------------------- item 4

/// The signer claims `advanced` by the NCP policy; the CA above it asserts
/// `ca_policies`.
fn eu_policy_case(ca_policies: Option<&[&str]>) -> VerificationReport {
    let ca_key = Key::fixture("eu", "ca");
    let ca = issuing_ca(
        "eu",
        &ca_key,
        &dn("DE", "Hardening QTSP", "Hardening Policy CA"),
        ca_policies,
    );
    let key = Key::fixture("eu", "qes-natural");
    let cert = signer_cert(
        &dn("DE", "Exporter GmbH", "Policy Claimant"),
        &key,
        &ca,
        &ca_key,
        vec![certgen::certificate_policies(&[NCP])],
    );
    verify(
        &sign("eu", "qes-natural", &cert, std::slice::from_ref(&ca)),
        Jurisdiction::EU,
    )
}

/// RFC 5280 §6.1.5: a level claimed by a certificate policy counts only if
/// the policy is in the path's valid policy tree. A CA asserting another
/// policy (not anyPolicy), or no certificatePolicies at all (§6.1.3 (e):
/// the tree becomes NULL), never passed NCP on to its subscriber.
#[test]
fn level_claimed_by_a_policy_the_path_does_not_carry_is_not_believed() {
    for (what, ca_policies) in [
        ("NCP", Some(&[NCP][..])),
        ("anyPolicy", Some(&[ANY_POLICY][..])),
    ] {
        let report = eu_policy_case(ca_policies);
        assert!(report.verdict.accepted, "CA asserting {what}: {report}");
        assert_eq!(report.signatures[0].signer.claimed_levels, ["advanced"]);
    }
    for (what, ca_policies) in [("QCP-n only", Some(&[QCP_N][..])), ("no policies", None)] {
        let report = eu_policy_case(ca_policies);
        assert!(!report.verdict.accepted, "CA with {what}: {report}");
        let s = &report.signatures[0];
        // Valid, but not at the level the certificate claims.
        assert_eq!(
            (s.validity.indication, s.validity.sub_indication),
            (Indication::TotalPassed, None),
            "{what}"
        );
        assert!(s.signer.claimed_levels.is_empty(), "{what}");
        assert_eq!(s.recognition.status, RecognitionStatus::NotRecognised);
        assert_eq!(
            s.recognition.reasons,
            vec![
                NotRecognisedReason::LevelNotListed {
                    anchor_id: "eu-root".into(),
                    claimed: vec![],
                    listed: vec!["advanced".into(), "advanced-with-QC".into(), "QES".into()],
                }
                .to_string()
            ],
            "{what}"
        );
        assert_eq!(
            report.document_findings,
            vec![
                PolicyFinding::LevelTooLow {
                    document_type: DocumentType::COMMERCIAL_INVOICE,
                    level: "not recognised".into(),
                    minimum: "advanced".into(),
                }
                .to_string()
            ],
            "{what}"
        );
    }
}

/// Cross-border: an RU CA authorised for KC1 only, whose subscriber claims
/// KC1 and KC2. KZ recognises RU signatures from KC2 (agreement
/// `kz-recognises-ru`): the KC2 claim must not carry the document.
#[test]
fn higher_class_than_the_ca_was_authorised_for_is_not_recognised_abroad() {
    let ca_key = Key::fixture("ru", "ca");
    let signer_key = Key::fixture("ru", "person");
    let report_with = |ca_policies: &[&str]| {
        let ca = issuing_ca(
            "ru",
            &ca_key,
            &dn("RU", "Hardening UC", "Hardening Accredited CA"),
            Some(ca_policies),
        );
        let cert = signer_cert(
            &dn("RU", "OOO Exporter", "Ivanov Ivan"),
            &signer_key,
            &ca,
            &ca_key,
            vec![certgen::certificate_policies(&[KC1, KC2])],
        );
        verify(
            &sign("ru", "person", &cert, std::slice::from_ref(&ca)),
            Jurisdiction::KZ,
        )
    };
    let authorised = report_with(&[KC1, KC2]);
    assert!(authorised.verdict.accepted, "{authorised}");
    assert_eq!(
        authorised.signatures[0].recognition.level.as_deref(),
        Some("nca-signing")
    );
    let kc1_only = report_with(&[KC1]);
    assert!(!kc1_only.verdict.accepted, "{kc1_only}");
    let s = &kc1_only.signatures[0];
    assert_eq!(s.validity.indication, Indication::TotalPassed);
    assert_eq!(s.signer.claimed_levels, ["KC1"]);
    assert_eq!(
        s.recognition.reasons,
        vec![
            NotRecognisedReason::LevelNotMapped {
                agreement: "kz-recognises-ru".into(),
                levels: vec!["KC1".into()],
            }
            .to_string()
        ]
    );
}

/// QC statements: a qualified claim counts only where the anchor is listed
/// for the level. The sample's EU QES signer under an `eu-root` listed for
/// `advanced` only reaches `advanced`, so a certificate of origin (EU:
/// `advanced-with-QC`) is refused.
#[test]
fn qc_statement_under_an_anchor_not_listed_for_qualified_reaches_advanced_only() {
    let mut json: serde_json::Value =
        serde_json::from_str(include_str!("../src/registry/sample-registry.json")).unwrap();
    for j in json["jurisdictions"].as_array_mut().unwrap() {
        for a in j["anchors"].as_array_mut().unwrap() {
            if a["id"] == "eu-root" {
                a["levels"] = serde_json::json!(["advanced"]);
            }
        }
    }
    let registry = Registry::from_json(&json.to_string()).unwrap();
    let signer = common::pki_signer("eu", "qes-natural");
    let options = |d| {
        SignatureOptions::new(at())
            .document_type(d)
            .include_chain(true)
    };
    let invoice = Envelope::sign_detached(DOC, &signer, &options(DocumentType::COMMERCIAL_INVOICE))
        .unwrap()
        .to_der();
    let report = verify_in(&registry, &invoice, Jurisdiction::EU);
    assert!(report.verdict.accepted, "{report}");
    let s = &report.signatures[0];
    assert_eq!(
        s.signer.claimed_levels,
        ["QES", "advanced-with-QC", "advanced"]
    );
    assert_eq!(s.recognition.level.as_deref(), Some("advanced"));
    let origin =
        Envelope::sign_detached(DOC, &signer, &options(DocumentType::CERTIFICATE_OF_ORIGIN))
            .unwrap()
            .to_der();
    let report = verify_in(&registry, &origin, Jurisdiction::EU);
    assert!(!report.verdict.accepted);
    assert!(
        report.document_findings.contains(
            &PolicyFinding::LevelTooLow {
                document_type: DocumentType::CERTIFICATE_OF_ORIGIN,
                level: "advanced".into(),
                minimum: "advanced-with-QC".into(),
            }
            .to_string()
        ),
        "{report}"
    );
}

// ---------------------------------------------------------------- item 5

/// ETSI TS 119 312 / EN 319 102-1 §5.2.8: the policy's key sizes apply to
/// every key of the path. A 1024-bit RSA issuing CA under `eu-root` (EU
/// sample: RSA from 2048) signs a P-384 signer: INDETERMINATE /
/// CRYPTO_CONSTRAINTS_FAILURE, naming the certificate the weak key signed.
#[test]
fn weak_intermediate_key_is_refused() {
    let weak = Key::fixture("hardening", "rsa1024");
    let ca = issuing_ca(
        "eu",
        &weak,
        &dn("DE", "Hardening QTSP", "Weak Issuing CA"),
        Some(&[NCP]),
    );
    let key = Key::fixture("eu", "qes-natural");
    let subject = dn("DE", "Exporter GmbH", "Signer Under A Weak CA");
    let cert = signer_cert(
        &subject,
        &key,
        &ca,
        &weak,
        vec![certgen::certificate_policies(&[NCP])],
    );
    let report = verify(
        &sign("eu", "qes-natural", &cert, std::slice::from_ref(&ca)),
        Jurisdiction::EU,
    );
    assert!(!report.verdict.accepted, "{report}");
    let finding = PolicyFinding::PathAlgorithm {
        subject: cert.subject().to_string(),
        signed: CertificateSignature::ByIssuer,
        finding: Box::new(PolicyFinding::KeyTooSmall {
            scheme: "rsa-pkcs1".into(),
            bits: 1024,
            min: 2048,
        }),
    };
    assert_eq!(
        validity(&report),
        (
            Indication::Indeterminate,
            Some(SubIndication::CryptoConstraintsFailure),
            vec![format!("EU policy: {finding}")]
        )
    );
}

/// The anchor's key too: a 1024-bit root trusted ad hoc signs the signer's certificate.
#[test]
fn weak_anchor_key_is_refused() {
    let weak = Key::fixture("hardening", "rsa1024");
    let root = fixture("hardening/rsa1024.pem");
    let key = Key::fixture("eu", "qes-natural");
    let cert = certgen::end_entity(
        0x1202,
        &dn("DE", "Exporter GmbH", "Signer Under A Weak Root"),
        &key,
        root.subject().raw_der(),
        &weak,
        day(-200),
        day(700),
        vec![],
    );
    let registry = Registry::ad_hoc(
        Jurisdiction::EU,
        std::slice::from_ref(&root),
        vec!["advanced".into()],
    )
    .unwrap();
    let report = verify_in(
        &registry,
        &sign("eu", "qes-natural", &cert, &[]),
        Jurisdiction::EU,
    );
    let finding = PolicyFinding::PathAlgorithm {
        subject: cert.subject().to_string(),
        signed: CertificateSignature::ByAnchor,
        finding: Box::new(PolicyFinding::KeyTooSmall {
            scheme: "rsa-pkcs1".into(),
            bits: 1024,
            min: 2048,
        }),
    };
    assert_eq!(
        validity(&report),
        (
            Indication::Indeterminate,
            Some(SubIndication::CryptoConstraintsFailure),
            vec![format!("EU policy: {finding}")]
        )
    );
}

/// Schemes and digests of the chain: the CN sample chain (SM2 with SM3) is
/// named link by link under a policy without SM2, and passes under one with it.
#[test]
fn chain_schemes_and_digests_are_checked_link_by_link() {
    let chain =
        sigbridge::load_certificates(&common::read(&common::local("pki/cn/chain-org-uscc.pem")))
            .unwrap();
    let anchors = sigbridge::path::AnchorSet::new(vec![
        sigbridge::path::TrustAnchor::from_certificate(&chain[2]).unwrap(),
    ]);
    let path = sigbridge::path::build_path_in(
        &chain[0],
        &chain[1..2],
        &anchors,
        &sigbridge::path::ValidationOptions::new(at()),
    )
    .unwrap();
    let cn = JurisdictionPolicy::sample(Jurisdiction::CN).unwrap();
    assert_eq!(cn.check_path_algorithms(&path, at()), vec![]);
    let eu = JurisdictionPolicy::sample(Jurisdiction::EU).unwrap();
    let link = |c: &Certificate, signed, finding| PolicyFinding::PathAlgorithm {
        subject: c.subject().to_string(),
        signed,
        finding: Box::new(finding),
    };
    let sm2 = || PolicyFinding::AlgorithmNotAccepted {
        scheme: "sm2".into(),
    };
    let sm3 = || PolicyFinding::DigestNotAccepted {
        digest: "SM3".into(),
    };
    assert_eq!(
        eu.check_path_algorithms(&path, at()),
        vec![
            link(&chain[0], CertificateSignature::ByIssuer, sm2()),
            link(&chain[0], CertificateSignature::ByIssuer, sm3()),
            link(&chain[1], CertificateSignature::ByAnchor, sm2()),
            link(&chain[1], CertificateSignature::ByAnchor, sm3()),
        ]
    );
    assert_eq!(
        chain[0].signature_algorithm(),
        &SignatureAlgorithm::Sm2 {
            hash: HashAlgorithm::Sm3
        }
    );
}

/// The sample registry's RU signers keep their classes: their issuing CA
/// (testdata/pki/ru/ca.pem) lists the KC policies it issues under, so the
/// KC2 claim is in the path's valid policy tree and KZ recognises it.
#[test]
fn sample_ru_signer_keeps_its_class_through_its_ca() {
    let options = SignatureOptions::new(at())
        .document_type(DocumentType::COMMERCIAL_INVOICE)
        .include_chain(true);
    let p7s = Envelope::sign_detached(DOC, &common::pki_signer("ru", "org-ceo"), &options)
        .unwrap()
        .to_der();
    let report = verify(&p7s, Jurisdiction::KZ);
    assert!(report.verdict.accepted, "{report}");
    let s = &report.signatures[0];
    assert_eq!(s.signer.claimed_levels, ["KC1", "KC2"]);
    assert_eq!(s.recognition.level.as_deref(), Some("nca-signing"));
    assert_eq!(s.recognition.issuing_level.as_deref(), Some("KC2"));
}

/// RFC 5280 §6.1.5 for roles too: a co-signer role marked by a certificate
/// policy is filled only if the path carries that policy. The signer's
/// certificate asserts NCP and the relying policy's `exporter` role is
/// marked by NCP; under a CA that asserts NCP (or anyPolicy) the role is
/// filled, under a CA that asserts only QCP-n it is not.
#[test]
fn role_marked_by_a_policy_the_path_does_not_carry_is_not_filled() {
    use sigbridge::policy::{RoleMarker, RoleRequirement};
    let registry = Registry::sample().unwrap();
    let mut eu = JurisdictionPolicy::sample(Jurisdiction::EU).unwrap();
    for rule in &mut eu.documents {
        rule.required_roles = vec![RoleRequirement {
            role: "exporter".into(),
            markers: vec![RoleMarker::Policy(NCP.parse().unwrap())],
        }];
    }
    let verifier = Verifier::new(&registry)
        .unwrap()
        .with_policies(vec![eu])
        .unwrap();
    let case = |ca_policies: &[&str]| {
        let ca_key = Key::fixture("eu", "ca");
        let ca = issuing_ca(
            "eu",
            &ca_key,
            &dn("DE", "Hardening QTSP", "Hardening Role CA"),
            Some(ca_policies),
        );
        let key = Key::fixture("eu", "qes-natural");
        let cert = signer_cert(
            &dn("DE", "Exporter GmbH", "Role Claimant"),
            &key,
            &ca,
            &ca_key,
            vec![certgen::certificate_policies(&[NCP])],
        );
        let p7s = sign("eu", "qes-natural", &cert, std::slice::from_ref(&ca));
        verifier.verify(Request::new(
            &p7s,
            Content::Detached(DOC),
            Jurisdiction::EU,
            at(),
        ))
    };
    for carried in [&[NCP][..], &[ANY_POLICY][..]] {
        let report = case(carried);
        assert_eq!(report.signatures[0].roles, ["exporter"], "{report}");
    }
    let report = case(&[QCP_N]);
    assert!(report.signatures[0].roles.is_empty(), "{report}");
    assert!(
        report
            .document_coded_findings
            .iter()
            .any(|f| f.code == "DOCUMENT_ROLE_MISSING"
                && f.params.get("role").map(String::as_str) == Some("exporter")),
        "{report}"
    );
}

/// The NCA RK deviation end to end: an issuing CA under the KZ anchor that
/// asserts only the NCA CA policy 1.2.398.3.3.1.1, and its subscriber with
/// the legal-entity signing policy 1.2.398.3.3.2.1. The level is claimed,
/// and the deviation is reported on the signature with its code; a CA that
/// asserts another policy gives neither.
#[test]
fn kz_nca_ca_policy_carries_the_subscriber_policy_as_a_reported_deviation() {
    const NCA_CA: &str = "1.2.398.3.3.1.1";
    const NCA_LEGAL_SIGNING: &str = "1.2.398.3.3.2.1";
    let case = |ca_policy: &str| {
        let ca_key = Key::fixture("kz", "ca");
        let ca = issuing_ca(
            "kz",
            &ca_key,
            &dn("KZ", "NCA RK", "NCA Hardening CA"),
            Some(&[ca_policy]),
        );
        let key = Key::fixture("kz", "ceo");
        let cert = signer_cert(
            &certgen::name(&[
                ("2.5.4.3", "TESTOV TEST"),
                ("2.5.4.5", "IIN123456789011"),
                ("2.5.4.6", "KZ"),
                ("2.5.4.11", "BIN123456789021"),
            ]),
            &key,
            &ca,
            &ca_key,
            vec![certgen::certificate_policies(&[NCA_LEGAL_SIGNING])],
        );
        verify(
            &sign("kz", "ceo", &cert, std::slice::from_ref(&ca)),
            Jurisdiction::KZ,
        )
    };
    let report = case(NCA_CA);
    let s = &report.signatures[0];
    assert_eq!(s.signer.claimed_levels, ["nca-signing"], "{report}");
    assert_eq!(
        s.deviations
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>(),
        ["DEVIATION_KZ_NCA_SUBSCRIBER_POLICIES"],
        "{report}"
    );
    assert_eq!(s.deviations[0].params["policies"], NCA_LEGAL_SIGNING);

    let report = case("1.2.398.3.3.9.9");
    let s = &report.signatures[0];
    assert!(s.signer.claimed_levels.is_empty(), "{report}");
    assert!(s.deviations.is_empty(), "{report}");
}
