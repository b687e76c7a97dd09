//! Jurisdiction policies: every check with its exact finding, sunsets at
//! the second, co-signer roles, and policy-file errors naming the rule.

use sigbridge::crypto::{HashAlgorithm, KeyAlgorithm, SignatureAlgorithm};
use sigbridge::policy::*;
use sigbridge::registry::Registry;
use sigbridge::{
    Certificate, DocumentType, Jurisdiction, NamedCurve, Time, load_certificates, profile,
};

const SAMPLE: &str = include_str!("../src/policy/sample-policies.json");

fn t(s: &str) -> Time {
    s.parse().unwrap()
}

fn cert(path: &str) -> Certificate {
    load_certificates(&std::fs::read(path).unwrap())
        .unwrap()
        .remove(0)
}

fn eu() -> JurisdictionPolicy {
    JurisdictionPolicy::sample(Jurisdiction::EU).unwrap()
}

const RSA2048: KeyAlgorithm = KeyAlgorithm::Rsa { bits: 2048 };

#[test]
fn sample_policies_round_trip_and_match_the_sample_registry() {
    let policies = load_policies(SAMPLE).unwrap();
    assert_eq!(save_policies(&policies), SAMPLE);
    let registry = Registry::sample().unwrap();
    let codes: Vec<_> = policies
        .iter()
        .map(|p| p.jurisdiction.to_string())
        .collect();
    assert_eq!(codes, ["CN", "EU", "IN", "KZ", "RU", "UZ"]);
    for p in &policies {
        p.check_against(&registry).unwrap();
    }
}

#[test]
fn algorithm_sunsets_at_the_second() {
    let p = eu();
    let alg = SignatureAlgorithm::RsaPkcs1 {
        hash: HashAlgorithm::Sha256,
    };
    assert_eq!(
        p.check_algorithm(&alg, &RSA2048, t("2030-12-31T23:59:59Z")),
        vec![]
    );
    assert_eq!(
        p.check_algorithm(&alg, &RSA2048, t("2031-01-01T00:00:00Z")),
        vec![PolicyFinding::AlgorithmSunset {
            scheme: "rsa-pkcs1".into(),
            until: t("2031-01-01T00:00:00Z"),
        }]
    );
}

#[test]
fn digest_sunset_and_refusal() {
    let p = eu();
    let sha1 = SignatureAlgorithm::RsaPkcs1 {
        hash: HashAlgorithm::Sha1,
    };
    assert_eq!(
        p.check_algorithm(&sha1, &RSA2048, t("2012-12-31T23:59:59Z")),
        vec![]
    );
    assert_eq!(
        p.check_algorithm(&sha1, &RSA2048, t("2013-01-01T00:00:00Z")),
        vec![PolicyFinding::DigestSunset {
            digest: "SHA-1".into(),
            until: t("2013-01-01T00:00:00Z"),
        }]
    );
    let sm3 = SignatureAlgorithm::Ecdsa {
        hash: HashAlgorithm::Sm3,
    };
    assert_eq!(
        p.check_algorithm(
            &sm3,
            &KeyAlgorithm::Ec {
                curve: NamedCurve::P256
            },
            t("2025-01-01T00:00:00Z")
        ),
        vec![PolicyFinding::DigestNotAccepted {
            digest: "SM3".into()
        }]
    );
}

#[test]
fn schemes_and_key_sizes() {
    let p = eu();
    let at = t("2025-01-01T00:00:00Z");
    let sm2 = SignatureAlgorithm::Sm2 {
        hash: HashAlgorithm::Sm3,
    };
    assert_eq!(
        p.check_algorithm(
            &sm2,
            &KeyAlgorithm::Ec {
                curve: NamedCurve::Sm2
            },
            at
        ),
        vec![
            PolicyFinding::AlgorithmNotAccepted {
                scheme: "sm2".into()
            },
            PolicyFinding::DigestNotAccepted {
                digest: "SM3".into()
            },
        ]
    );
    let rsa = SignatureAlgorithm::RsaPkcs1 {
        hash: HashAlgorithm::Sha256,
    };
    assert_eq!(
        p.check_algorithm(&rsa, &KeyAlgorithm::Rsa { bits: 1024 }, at),
        vec![PolicyFinding::KeyTooSmall {
            scheme: "rsa-pkcs1".into(),
            bits: 1024,
            min: 2048
        }]
    );
    // The same SM2 signature is fine in China.
    let cn = JurisdictionPolicy::sample(Jurisdiction::CN).unwrap();
    assert_eq!(
        cn.check_algorithm(
            &sm2,
            &KeyAlgorithm::Ec {
                curve: NamedCurve::Sm2
            },
            at
        ),
        vec![]
    );
    // An algorithm outside the table is named, not accepted.
    let unknown = SignatureAlgorithm::Unknown {
        oid: "1.2.3.4".parse().unwrap(),
    };
    assert!(matches!(
        &p.check_algorithm(&unknown, &RSA2048, at)[..],
        [PolicyFinding::AlgorithmNotAccepted { scheme }] if scheme.contains("1.2.3.4")
    ));
}

#[test]
fn key_usage_rules() {
    let p = eu(); // non-repudiation
    assert_eq!(
        p.check_key_usage(&cert("testdata/pki/eu/qes-natural.pem")),
        vec![]
    );
    assert_eq!(
        p.check_key_usage(&cert("testdata/pki/kz/individual-auth.pem")),
        vec![PolicyFinding::KeyUsageMissing {
            required: KeyUsageRule::NonRepudiation,
            present: vec!["digitalSignature", "keyEncipherment"],
        }]
    );
    let kz = JurisdictionPolicy::sample(Jurisdiction::KZ).unwrap(); // either
    assert_eq!(
        kz.check_key_usage(&cert("testdata/pki/kz/individual-auth.pem")),
        vec![]
    );
    assert_eq!(
        kz.check_key_usage(&cert("testdata/pki/kz/root.pem")),
        vec![PolicyFinding::KeyUsageMissing {
            required: KeyUsageRule::Either,
            present: vec!["keyCertSign", "cRLSign"],
        }]
    );
}

#[test]
fn attributes_depth_revocation_and_clock_skew() {
    let mut p = eu();
    assert_eq!(
        p.check_signed_attributes(&[SignedAttribute::ContentType, SignedAttribute::MessageDigest]),
        vec![PolicyFinding::SignedAttributeMissing(
            SignedAttribute::SigningCertificateV2
        )]
    );
    assert_eq!(p.check_path(4, false), vec![]);
    assert_eq!(
        p.check_path(5, false),
        vec![PolicyFinding::PathTooDeep { depth: 5, max: 4 }]
    );
    p.revocation_required = true;
    assert_eq!(
        p.check_path(2, false),
        vec![PolicyFinding::RevocationNotChecked]
    );
    assert_eq!(p.check_path(2, true), vec![]);
    let at = t("2025-01-01T00:00:00Z");
    assert_eq!(p.check_signing_time(t("2025-01-01T00:05:00Z"), at), vec![]);
    assert_eq!(
        p.check_signing_time(t("2025-01-01T00:05:01Z"), at),
        vec![PolicyFinding::SigningTimeInFuture {
            signing_time: t("2025-01-01T00:05:01Z"),
            at
        }]
    );
}

/// A signer distinct from every other one made here (its identity is its
/// level and roles, and a counter).
fn signer(level: Option<&str>, roles: &[&str]) -> SignerFacts {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    SignerFacts {
        level: level.map(String::from),
        roles: roles.iter().map(|s| s.to_string()).collect(),
        identity: format!("signer-{}", NEXT.fetch_add(1, Ordering::Relaxed)),
    }
}

#[test]
fn document_levels_and_co_signer_roles() {
    let p = eu();
    let vocab: Vec<String> = ["advanced", "advanced-with-QC", "QES"]
        .map(String::from)
        .to_vec();
    let coo = DocumentType::CERTIFICATE_OF_ORIGIN;
    // Both roles by distinct signers at the minimum level.
    assert_eq!(
        p.check_document(
            coo,
            &[
                signer(Some("QES"), &["exporter"]),
                signer(Some("advanced-with-QC"), &["issuing-authority"])
            ],
            &vocab
        ),
        vec![]
    );
    // One signer filling both roles is not two co-signers.
    assert_eq!(
        p.check_document(
            coo,
            &[signer(Some("QES"), &["exporter", "issuing-authority"])],
            &vocab
        ),
        vec![
            PolicyFinding::RoleMissing {
                document_type: coo,
                role: "exporter".into()
            },
            PolicyFinding::RoleMissing {
                document_type: coo,
                role: "issuing-authority".into()
            },
        ]
    );
    // A signer below the minimum does not count for a role.
    assert_eq!(
        p.check_document(
            coo,
            &[
                signer(Some("QES"), &["exporter"]),
                signer(Some("advanced"), &["issuing-authority"])
            ],
            &vocab
        ),
        vec![
            PolicyFinding::LevelTooLow {
                document_type: coo,
                level: "advanced".into(),
                minimum: "advanced-with-QC".into()
            },
            PolicyFinding::RoleMissing {
                document_type: coo,
                role: "issuing-authority".into()
            },
        ]
    );
    // Invoices: the specific rule, no roles; bills of lading fall to "all".
    assert_eq!(
        p.check_document(
            DocumentType::COMMERCIAL_INVOICE,
            &[signer(Some("advanced"), &[])],
            &vocab
        ),
        vec![]
    );
    assert_eq!(
        p.check_document(DocumentType::BILL_OF_LADING, &[signer(None, &[])], &vocab),
        vec![PolicyFinding::LevelTooLow {
            document_type: DocumentType::BILL_OF_LADING,
            level: "not recognised".into(),
            minimum: "advanced".into(),
        }]
    );
    let mut narrow = p.clone();
    narrow
        .documents
        .retain(|d| d.documents != sigbridge::DocumentScope::All);
    assert_eq!(
        narrow.check_document(DocumentType::CUSTOMS_DECLARATION, &[], &vocab),
        vec![PolicyFinding::NoDocumentRule(
            DocumentType::CUSTOMS_DECLARATION
        )]
    );
}

#[test]
fn roles_from_certificate_profile_and_anchor_service() {
    let p = JurisdictionPolicy::sample(Jurisdiction::KZ).unwrap();
    let ceo = cert("testdata/pki/kz/ceo.pem");
    let report = profile::analyze(&ceo);
    assert_eq!(
        p.roles_of(&ceo, &report.identity, None, None),
        vec!["exporter".to_string()]
    );
    let employee = cert("testdata/pki/kz/employee.pem");
    let report = profile::analyze(&employee);
    assert_eq!(
        p.roles_of(&employee, &report.identity, None, None),
        Vec::<String>::new()
    );
    assert_eq!(
        p.roles_of(
            &employee,
            &report.identity,
            Some("sample chamber of commerce"),
            None
        ),
        vec!["issuing-authority".to_string()]
    );
    // An organisation's document-signer certificate names the legal entity,
    // so it may sign as exporter (signer-kind legal-entity) or as issuing
    // authority — one role per signer when roles are assigned.
    let in_doc = cert("testdata/pki/in/docsigner.pem");
    let report = profile::analyze(&in_doc);
    assert_eq!(
        p.roles_of(&in_doc, &report.identity, None, None),
        vec!["exporter".to_string(), "issuing-authority".to_string()]
    );
    let cn_org = cert("testdata/pki/cn/org-uscc.pem");
    let report = profile::analyze(&cn_org);
    assert_eq!(
        p.roles_of(&cn_org, &report.identity, None, None),
        vec!["exporter".to_string()]
    );
}

fn invalid(text: &str) -> (String, String) {
    match load_policies(text).unwrap_err() {
        PolicyFileError::Invalid { path, reason } => (path, reason),
        other => panic!("{other}"),
    }
}

#[test]
fn policy_file_errors_name_the_rule() {
    let (path, reason) = invalid(&SAMPLE.replacen("\"scheme\": \"sm2\"", "\"scheme\": \"sm9\"", 1));
    assert_eq!(path, "policies[CN].algorithms[0]");
    assert!(
        reason.starts_with("unknown scheme \"sm9\"; use one of [\"rsa-pkcs1\""),
        "{reason}"
    );

    let (path, reason) =
        invalid(&SAMPLE.replacen("\"digest\": \"SM3\"", "\"digest\": \"SHA-256\"", 1));
    assert_eq!(
        (path.as_str(), reason.as_str()),
        ("policies[CN].digests[1]", "digest \"SHA-256\" listed twice")
    );

    let (path, reason) = invalid(&SAMPLE.replacen(
        "\"profile-role\": \"first-head\"",
        "\"profile-role\": \"boss\"",
        1,
    ));
    assert_eq!(path, "policies[CN].documents[1].required_roles[0]");
    assert!(
        reason.starts_with("unknown profile role \"boss\""),
        "{reason}"
    );

    let (path, reason) =
        invalid(&SAMPLE.replacen("\"max_path_depth\": 4", "\"max_path_depth\": 0", 1));
    assert_eq!(
        (path.as_str(), reason.as_str()),
        (
            "policies[CN].max_path_depth",
            "must be at least 1 (the signer's issuer)"
        )
    );

    let (path, reason) =
        invalid(&SAMPLE.replacen("\"jurisdiction\": \"EU\"", "\"jurisdiction\": \"CN\"", 1));
    assert_eq!(
        (path.as_str(), reason.as_str()),
        (
            "policies[CN]",
            "a second policy for the same jurisdiction; merge them"
        )
    );

    match load_policies(&SAMPLE.replacen("\"key_usage\": \"either\"", "\"key_usage\": \"any\"", 1))
        .unwrap_err()
    {
        PolicyFileError::Syntax { line, message, .. } => {
            assert_eq!(
                line,
                SAMPLE[..SAMPLE.find("\"key_usage\": \"either\"").unwrap()]
                    .matches('\n')
                    .count()
                    + 1
            );
            assert!(message.starts_with("unknown variant `any`"), "{message}");
        }
        other => panic!("{other}"),
    }
    match load_policies(&SAMPLE.replacen("\"documents\": \"all\"", "\"documents\": []", 1))
        .unwrap_err()
    {
        PolicyFileError::Syntax { message, .. } => {
            assert!(
                message.starts_with("documents must be \"all\" or a non-empty list"),
                "{message}"
            )
        }
        other => panic!("{other}"),
    }

    let mut p = eu();
    p.documents[0].min_level = "qualified".into();
    let registry = Registry::sample().unwrap();
    let refused = p.check_against(&registry).unwrap_err();
    assert_eq!(
        refused,
        PolicyFileError::UnknownLevel {
            sample: false,
            jurisdiction: Jurisdiction::EU,
            rule: 0,
            documents: sigbridge::DocumentScope::Only(vec![DocumentType::COMMERCIAL_INVOICE]),
            level: "qualified".into(),
            vocabulary: vec!["advanced".into(), "advanced-with-QC".into(), "QES".into()],
            registry: format!("'{}'", registry.label()),
        }
    );
    assert_eq!(
        refused.to_string(),
        format!(
            "the policy of EU, rule documents[0] (UNTDID 1001 380): minimum level 'qualified' is not in EU's vocabulary [\"advanced\", \"advanced-with-QC\", \"QES\"] in registry '{}'; use one of EU's levels, or add 'qualified' to the registry's vocabulary",
            registry.label()
        )
    );
    // A policy for a jurisdiction the registry does not define at all.
    let mut de = eu();
    de.jurisdiction = Jurisdiction::from_code("XX").unwrap();
    assert_eq!(
        de.check_against(&registry).unwrap_err(),
        PolicyFileError::UnknownJurisdiction {
            sample: false,
            jurisdiction: Jurisdiction::from_code("XX").unwrap(),
            registry: format!("'{}'", registry.label()),
        }
    );
}

#[test]
fn co_signer_roles_are_matched_not_greedily_assigned() {
    let p = eu();
    let vocab: Vec<String> = ["advanced", "advanced-with-QC", "QES"]
        .map(String::from)
        .to_vec();
    let coo = DocumentType::CERTIFICATE_OF_ORIGIN;
    // The first signer could take either role; only giving it
    // "issuing-authority" lets the second fill "exporter".
    let signers = [
        signer(Some("QES"), &["exporter", "issuing-authority"]),
        signer(Some("QES"), &["exporter"]),
    ];
    assert_eq!(p.check_document(coo, &signers, &vocab), vec![]);
    // A thousand signers who can all be exporters, none an issuing authority.
    let many: Vec<SignerFacts> = (0..1000)
        .map(|_| signer(Some("QES"), &["exporter"]))
        .collect();
    assert_eq!(
        p.check_document(coo, &many, &vocab),
        vec![PolicyFinding::RoleMissing {
            document_type: coo,
            role: "issuing-authority".into()
        }]
    );
}

/// Issue 12 item 7: a policy file whose document rule names `min_level`
/// twice has two meanings; it is refused with the second key's place.
#[test]
fn a_key_repeated_in_a_policy_file_refuses_it() {
    let text = save_policies(&[eu()]);
    let first = text.find("\"min_level\":").unwrap();
    let line = text[..first].matches('\n').count() + 1;
    let twice = text.replacen(
        "\"min_level\":",
        "\"min_level\": \"advanced\", \"min_level\":",
        1,
    );
    let column = twice
        .lines()
        .nth(line - 1)
        .unwrap()
        .rfind("\"min_level\"")
        .unwrap()
        + 11;
    assert_eq!(
        load_policies(&twice).unwrap_err(),
        PolicyFileError::DuplicateKey {
            line,
            column,
            key: "min_level".into(),
            object: "policies[0].documents[0]".into(),
        }
    );
}

/// Issue 12 item 9: two signatures by one signer (equal identity) fill at
/// most one role between them, whatever roles each could fill.
#[test]
fn one_signer_with_two_signatures_fills_one_role() {
    let p = eu();
    let vocab: Vec<String> = ["advanced", "advanced-with-QC", "QES"]
        .map(String::from)
        .to_vec();
    let coo = DocumentType::CERTIFICATE_OF_ORIGIN;
    let mut first = signer(Some("QES"), &["exporter"]);
    let mut second = signer(Some("QES"), &["issuing-authority"]);
    assert_eq!(
        p.check_document(coo, &[first.clone(), second.clone()], &vocab),
        vec![]
    );
    first.identity = "same".into();
    second.identity = "same".into();
    assert_eq!(
        p.check_document(coo, &[first, second], &vocab),
        vec![
            PolicyFinding::RoleMissing {
                document_type: coo,
                role: "exporter".into()
            },
            PolicyFinding::RoleMissing {
                document_type: coo,
                role: "issuing-authority".into()
            },
        ]
    );
}

/// docs/policy-format.md: the example loads and fits the sample registry.
#[test]
fn the_policy_format_example_loads() {
    let doc = include_str!("../docs/policy-format.md");
    let start = doc.rfind("```json\n").unwrap() + "```json\n".len();
    let json = &doc[start..start + doc[start..].find("```").unwrap()];
    let policies = load_policies(json).unwrap();
    assert_eq!(policies.len(), 1);
    assert_eq!(policies[0].documents[0].required_roles.len(), 2);
    assert_eq!(
        policies[0].check_against(&Registry::sample().unwrap()),
        Ok(())
    );
}

// --- time-stamps ----------------------------------------------------------

#[test]
fn sample_timestamp_rules() {
    let bol = DocumentType::BILL_OF_LADING;
    let eu = eu();
    assert_eq!(
        eu.timestamps,
        TimestampRule {
            accept: TsaAcceptance::Recognised,
            min_level: None
        }
    );
    assert!(eu.timestamp_required(bol));
    assert!(!eu.timestamp_required(DocumentType::COMMERCIAL_INVOICE));
    assert!(!eu.timestamp_required(DocumentType::CERTIFICATE_OF_ORIGIN));
    assert!(!eu.timestamp_required(DocumentType::CUSTOMS_DECLARATION));
    let kz = JurisdictionPolicy::sample(Jurisdiction::KZ).unwrap();
    assert_eq!(kz.timestamps.accept, TsaAcceptance::AnyListed);
    assert_eq!(kz.timestamps.min_level, None);
    assert!(!kz.timestamp_required(bol));
    for j in [
        Jurisdiction::CN,
        Jurisdiction::IN,
        Jurisdiction::RU,
        Jurisdiction::UZ,
    ] {
        let p = JurisdictionPolicy::sample(j).unwrap();
        assert_eq!(p.timestamps, TimestampRule::default(), "{j}");
        assert_eq!(p.timestamps.accept, TsaAcceptance::Recognised, "{j}");
        assert!(!p.timestamp_required(bol), "{j}");
        assert!(p.documents.iter().all(|d| !d.timestamp_required), "{j}");
    }
    let base = JurisdictionPolicy::baseline(Jurisdiction::EU, &["advanced".into()]);
    assert_eq!(base.timestamps, TimestampRule::default());
    assert!(!base.timestamp_required(bol));
}

#[test]
fn a_required_timestamp_is_a_finding_when_missing() {
    let p = eu();
    let bol = DocumentType::BILL_OF_LADING;
    assert_eq!(p.check_timestamp(bol, true), vec![]);
    let findings = p.check_timestamp(bol, false);
    assert_eq!(
        findings,
        vec![PolicyFinding::TimestampRequired { document_type: bol }]
    );
    assert_eq!(findings[0].code(), "POLICY_TIMESTAMP_REQUIRED");
    assert_eq!(
        findings[0].to_string(),
        format!(
            "{bol} requires a time-stamp on the signature (CAdES-B-T), and it has none the policy accepts"
        )
    );
    assert_eq!(
        p.check_timestamp(DocumentType::COMMERCIAL_INVOICE, false),
        vec![]
    );
}

fn eu_text() -> String {
    save_policies(&[eu()])
}

#[test]
fn timestamp_fields_parse_and_save() {
    let text = eu_text().replacen(
        "\"revocation_required\": false,",
        "\"revocation_required\": false,\n      \"timestamps\": {\n        \"accept\": \"own\",\n        \"min_level\": \"qualified-time-stamp\"\n      },",
        1,
    );
    let p = load_policies(&text).unwrap().remove(0);
    assert_eq!(
        p.timestamps,
        TimestampRule {
            accept: TsaAcceptance::Own,
            min_level: Some("qualified-time-stamp".into())
        }
    );
    assert_eq!(save_policies(std::slice::from_ref(&p)), text);
    p.check_against(&Registry::sample().unwrap()).unwrap();

    // Each acceptance by its file name; `accept` alone, min_level absent.
    for (name, accept) in [
        ("own", TsaAcceptance::Own),
        ("recognised", TsaAcceptance::Recognised),
        ("any-listed", TsaAcceptance::AnyListed),
    ] {
        let text = eu_text().replacen(
            "\"revocation_required\": false,",
            &format!("\"revocation_required\": false, \"timestamps\": {{\"accept\": \"{name}\"}},"),
            1,
        );
        let p = load_policies(&text).unwrap().remove(0);
        assert_eq!(p.timestamps.accept, accept, "{name}");
        assert_eq!(p.timestamps.min_level, None);
        assert_eq!(accept.to_string(), name);
    }
    // An empty object is the default, and is not written back.
    let text = eu_text().replacen(
        "\"revocation_required\": false,",
        "\"revocation_required\": false, \"timestamps\": {},",
        1,
    );
    let p = load_policies(&text).unwrap().remove(0);
    assert_eq!(p.timestamps, TimestampRule::default());
    assert_eq!(save_policies(&[p]), eu_text());

    // timestamp_required is written only when true.
    let mut p = eu();
    assert_eq!(eu_text().matches("\"timestamp_required\": true").count(), 1);
    assert!(!eu_text().contains("\"timestamp_required\": false"));
    p.documents[0].timestamp_required = true;
    let again = load_policies(&save_policies(&[p])).unwrap().remove(0);
    assert!(again.timestamp_required(DocumentType::COMMERCIAL_INVOICE));
}

fn syntax(text: &str) -> (usize, String) {
    match load_policies(text).unwrap_err() {
        PolicyFileError::Syntax { line, message, .. } => (line, message),
        other => panic!("{other:?}"),
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn bad_timestamp_fields_are_refused_naming_the_place() {
    let with = |timestamps: &str| {
        eu_text().replacen(
            "\"revocation_required\": false,",
            &format!("\"revocation_required\": false,\n      \"timestamps\": {timestamps},"),
            1,
        )
    };
    let text = with("{\"accept\": \"everyone\"}");
    let (line, message) = syntax(&text);
    assert_eq!(line, line_of(&text, "\"everyone\""));
    assert!(
        message.starts_with(
            "unknown variant `everyone`, expected one of `own`, `recognised`, `any-listed`"
        ),
        "{message}"
    );
    let text = with("{\"accept\": \"own\", \"minimum\": \"x\"}");
    let (line, message) = syntax(&text);
    assert_eq!(line, line_of(&text, "\"minimum\""));
    assert!(message.starts_with("unknown field `minimum`"), "{message}");
    let text = with("{\"accept\": \"own\", \"min_level\": 3}");
    let (_, message) = syntax(&text);
    assert!(
        message.starts_with("invalid type: integer `3`"),
        "{message}"
    );

    let text = eu_text().replacen(
        "\"required_roles\": [],\n          \"timestamp_required\": true",
        "\"required_roles\": [],\n          \"timestamp_required\": \"yes\"",
        1,
    );
    let (line, message) = syntax(&text);
    assert_eq!(line, line_of(&text, "\"yes\""));
    assert!(
        message.starts_with("invalid type: string \"yes\", expected a boolean"),
        "{message}"
    );

    let text = with("{\"accept\": \"own\", \"min_level\": \" \"}");
    assert_eq!(
        load_policies(&text).unwrap_err(),
        PolicyFileError::Invalid {
            path: "policies[EU].timestamps.min_level".into(),
            reason: "is empty; name a time-stamp level or leave it out".into(),
        }
    );
}

#[test]
fn a_timestamp_minimum_outside_the_registry_vocabulary_is_refused() {
    let registry = Registry::sample().unwrap();
    let mut p = eu();
    // An assurance level is not a time-stamp level.
    p.timestamps.min_level = Some("QES".into());
    let err = p.check_against(&registry).unwrap_err();
    assert_eq!(
        err,
        PolicyFileError::UnknownTimestampLevel {
            sample: false,
            jurisdiction: Jurisdiction::EU,
            level: "QES".into(),
            vocabulary: vec!["time-stamp".into(), "qualified-time-stamp".into()],
            registry: format!("'{}'", registry.label()),
        }
    );
    assert_eq!(
        err.to_string(),
        format!(
            "the policy of EU, timestamps.min_level: 'QES' is not in EU's time-stamp vocabulary [\"time-stamp\", \"qualified-time-stamp\"] in registry '{}'; use one of its time-stamp levels, or add 'QES' to the registry's timestamp_levels",
            registry.label()
        )
    );
    // CN defines no time-stamp vocabulary: any minimum is unknown there.
    let mut cn = JurisdictionPolicy::sample(Jurisdiction::CN).unwrap();
    cn.timestamps.min_level = Some("time-stamp".into());
    assert!(matches!(
        cn.check_against(&registry),
        Err(PolicyFileError::UnknownTimestampLevel { jurisdiction: Jurisdiction::CN, ref vocabulary, .. }) if vocabulary.is_empty()
    ));
    // A member state reads its union's vocabulary.
    let mut de =
        JurisdictionPolicy::baseline(Jurisdiction::from_code("DE").unwrap(), &["advanced".into()]);
    de.timestamps.min_level = Some("qualified-time-stamp".into());
    de.check_against(&registry).unwrap();
}
