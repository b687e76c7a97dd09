//! The 43 real national and government certificates of
//! `../shared/testdata/national-certs/`: every one loads (or fails with a
//! typed error naming the deviation), every algorithm is named, and for 28
//! of them the fields a relying party relies on are asserted exactly.

mod common;

use common::{national, read, shared};
use sigbridge::profile::{self, CheckDigit, RoleKind};
use sigbridge::{
    AssuranceLevel, CertError, Deviation, HashAlgorithm, IdentifierScheme, Jurisdiction,
    KeyAlgorithm, Leniency, NamedCurve, RuSignToolClass, SignatureAlgorithm, SignerKind,
};

fn all_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(shared("national-certs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".der") || n.ends_with(".pem"))
        .collect();
    names.sort();
    names
}

#[test]
fn corpus_has_43_certificates() {
    assert_eq!(all_files().len(), 43);
}

/// Under the strict default, exactly these four are refused, each with the
/// named deviation; under `Leniency::real_world()` all 43 load.
#[test]
fn every_certificate_loads_or_names_its_deviation() {
    let expected_strict_failures = [
        (
            "cn-selfmade-tjfoc-sm2-with-sha256-1970.pem",
            Deviation::NegativeSerial,
        ),
        (
            "eu-ee-esteid-sk-2015-rsa4096-sha384.pem",
            Deviation::GeneralizedTimeBefore2050 {
                value: "20301217235959Z".into(),
            },
        ),
        (
            "eu-ee-test-qualified-ee-unicode-rsa2048.pem",
            Deviation::GeneralizedTimeBefore2050 {
                value: "20301217235959Z".into(),
            },
        ),
        (
            "eu-si-sigov-ca-lowercase-c-rsa2048.der",
            Deviation::LowercaseCountry { value: "si".into() },
        ),
    ];
    for name in all_files() {
        let bytes = read(&shared(&format!("national-certs/{name}")));
        let strict = sigbridge::load_certificates(&bytes);
        match expected_strict_failures.iter().find(|(n, _)| *n == name) {
            Some((_, deviation)) => {
                let err = strict.expect_err(&name);
                let inner = match err {
                    CertError::InBundle { source, .. } => *source,
                    other => other,
                };
                assert_eq!(
                    inner,
                    CertError::Deviation {
                        deviation: deviation.clone()
                    },
                    "{name}"
                );
            }
            None => {
                let certs = strict.unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(certs.len(), 1, "{name}");
                assert!(certs[0].deviations().is_empty(), "{name}");
            }
        }
        let lenient = sigbridge::load_certificates_with(&bytes, &Leniency::real_world())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(lenient.len(), 1);
        let cert = &lenient[0];
        // Every algorithm is in the closed table: none is reported as unknown.
        assert!(
            !matches!(cert.key_algorithm(), KeyAlgorithm::Unknown { .. }),
            "{name}: {}",
            cert.key_algorithm()
        );
        assert!(
            !matches!(
                cert.signature_algorithm(),
                SignatureAlgorithm::Unknown { .. }
            ),
            "{name}: {}",
            cert.signature_algorithm()
        );
        assert!(cert.unknown_critical_extensions().is_empty(), "{name}");
    }
}

struct Expect {
    file: &'static str,
    jurisdiction: &'static str,
    key: &'static str,
    key_bits: usize,
    signature: SignatureAlgorithm,
    kind: SignerKind,
    identifiers: Vec<(IdentifierScheme, &'static str, CheckDigit)>,
    levels: &'static [AssuranceLevel],
}

const RSA256: SignatureAlgorithm = SignatureAlgorithm::RsaPkcs1 {
    hash: HashAlgorithm::Sha256,
};

fn expectations() -> Vec<Expect> {
    use CheckDigit::*;
    use IdentifierScheme as S;
    vec![
        Expect {
            file: "kz-nca-root-rsa4096-2015.der",
            jurisdiction: "KZ",
            key: "RSA-4096",
            key_bits: 4096,
            signature: RSA256,
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "kz-nca-root-gost34310-2015.der",
            jurisdiction: "KZ",
            key: "KZ GOST 34.310-2004 (CryptoPro-A)",
            key_bits: 256,
            signature: SignatureAlgorithm::KzGost34310_2004,
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "kz-nca-intermediate-rsa4096-2018.der",
            jurisdiction: "KZ",
            key: "RSA-4096",
            key_bits: 4096,
            signature: RSA256,
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "kz-test-ee-ceo-iin-bin-gost34310-2022.pem",
            jurisdiction: "KZ",
            key: "KZ GOST 34.310-2004 (CryptoPro-A)",
            key_bits: 256,
            signature: SignatureAlgorithm::KzGost34310_2004,
            kind: SignerKind::Representative,
            // The operator's test certificates use dummy numbers.
            identifiers: vec![
                (S::KzIin, "123456789011", Invalid),
                (S::KzBin, "123456789021", Invalid),
            ],
            levels: &[AssuranceLevel::KzNcaSigning],
        },
        Expect {
            file: "kz-test-ee-individual-iin-rsa2048-2020.der",
            jurisdiction: "KZ",
            key: "RSA-2048",
            key_bits: 2048,
            signature: RSA256,
            kind: SignerKind::NaturalPerson,
            identifiers: vec![(S::KzIin, "123456789011", Invalid)],
            levels: &[AssuranceLevel::KzNcaAuthentication],
        },
        Expect {
            file: "ru-mincifry-root-gost2012-256-2022.pem",
            jurisdiction: "RU",
            key: "GOST R 34.10-2012-256 (CryptoPro-A)",
            key_bits: 256,
            signature: SignatureAlgorithm::GostR3410_2012_256,
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![
                (S::RuOgrn, "1047702026701", Valid),
                (S::RuInnLe, "7710474375", Valid),
            ],
            levels: &[
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc1),
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc2),
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc3),
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kb1),
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kb2),
            ],
        },
        Expect {
            file: "ru-qca-gost2012-256-alfabank-2024.pem",
            jurisdiction: "RU",
            key: "GOST R 34.10-2012-256 (CryptoPro-A)",
            key_bits: 256,
            signature: SignatureAlgorithm::GostR3410_2012_256,
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![
                (S::RuOgrn, "1027700067328", Valid),
                (S::RuInnLe, "7728168971", Valid),
            ],
            levels: &[
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc1),
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc2),
            ],
        },
        Expect {
            file: "ru-qca-gost2012-512-key-mfc-2018.pem",
            jurisdiction: "RU",
            key: "GOST R 34.10-2012-512 (tc26-512-A)",
            key_bits: 512,
            // The issuer signed with a 256-bit key.
            signature: SignatureAlgorithm::GostR3410_2012_256,
            kind: SignerKind::CertificationAuthority,
            // Pre-2021 form: the 10-digit INN padded with "00" in the INN attribute.
            identifiers: vec![
                (S::RuInnLe, "4501165240", Valid),
                (S::RuOgrn, "1114501001394", Valid),
            ],
            levels: &[
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc1),
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc2),
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc3),
            ],
        },
        Expect {
            file: "ru-qca-gost2001-odd-name-encoding-2016.pem",
            jurisdiction: "RU",
            key: "GOST R 34.10-2001 (CryptoPro-A)",
            key_bits: 256,
            signature: SignatureAlgorithm::GostR3410_2001,
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![
                (S::RuOgrn, "1087604007435", Valid),
                (S::RuInnLe, "7604131520", Valid),
            ],
            levels: &[
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc1),
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc2),
            ],
        },
        Expect {
            file: "ru-esia-prod-ee-gost2012-256-treasury-2025.pem",
            jurisdiction: "RU",
            key: "GOST R 34.10-2012-256 (CryptoPro-XchA)",
            key_bits: 256,
            signature: SignatureAlgorithm::GostR3410_2012_256,
            kind: SignerKind::LegalEntity,
            identifiers: vec![
                (S::RuOgrn, "1047702026701", Valid),
                (S::RuInnLe, "7710474375", Valid),
            ],
            levels: &[
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc1),
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc2),
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc3),
            ],
        },
        Expect {
            file: "ru-cryptopro-test-ca-root-gost2012-256-2018.der",
            jurisdiction: "RU",
            key: "GOST R 34.10-2012-256 (CryptoPro-A)",
            key_bits: 256,
            signature: SignatureAlgorithm::GostR3410_2012_256,
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![
                (S::RuOgrn, "1234567890123", Invalid),
                (S::RuInnLe, "1234567890", Invalid),
            ],
            levels: &[
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc1),
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc2),
            ],
        },
        Expect {
            file: "ru-russian-trusted-root-ca-rsa4096-2022.pem",
            jurisdiction: "RU",
            key: "RSA-4096",
            key_bits: 4096,
            signature: RSA256,
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "cn-nrcac-rootca-sm2-2012.pem",
            jurisdiction: "CN",
            key: "EC SM2 (sm2p256v1)",
            key_bits: 256,
            signature: SignatureAlgorithm::Sm2 {
                hash: HashAlgorithm::Sm3,
            },
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "cn-cfca-cs-sm2-ca-under-rootca-2015.der",
            jurisdiction: "CN",
            key: "EC SM2 (sm2p256v1)",
            key_bits: 256,
            signature: SignatureAlgorithm::Sm2 {
                hash: HashAlgorithm::Sm3,
            },
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "cn-selfmade-tjfoc-sm2-with-sha256-1970.pem",
            jurisdiction: "CN",
            key: "EC SM2 (sm2p256v1)",
            key_bits: 256,
            signature: SignatureAlgorithm::Sm2 {
                hash: HashAlgorithm::Sha256,
            },
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "cn-bjca-global-root-ca2-ecdsa-p384-2019.der",
            jurisdiction: "CN",
            key: "EC P-384",
            key_bits: 384,
            signature: SignatureAlgorithm::Ecdsa {
                hash: HashAlgorithm::Sha384,
            },
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "cn-cfca-root-rsa2048-notafter-year4749.pem",
            jurisdiction: "CN",
            key: "RSA-2048",
            key_bits: 2048,
            signature: SignatureAlgorithm::RsaPkcs1 {
                hash: HashAlgorithm::Sha1,
            },
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "eu-be-gov-qualified-seal-ee-lotl-signer.pem",
            jurisdiction: "EU",
            key: "RSA-2048",
            key_bits: 2048,
            signature: RSA256,
            kind: SignerKind::LegalEntity,
            identifiers: vec![(S::EuLegal(String::new()), "0949383342", NotDefined)],
            levels: &[AssuranceLevel::EuQualified { qscd: true }],
        },
        Expect {
            file: "eu-ee-test-qualified-ee-unicode-rsa2048.pem",
            jurisdiction: "EU",
            key: "RSA-2048",
            key_bits: 2048,
            signature: RSA256,
            kind: SignerKind::NaturalPerson,
            identifiers: vec![],
            levels: &[AssuranceLevel::EuQualified { qscd: true }],
        },
        Expect {
            file: "eu-de-d-trust-ca-3-1-2016-rsassa-pss-key.pem",
            jurisdiction: "EU",
            key: "RSASSA-PSS RSA-4096",
            key_bits: 4096,
            signature: SignatureAlgorithm::RsaPss {
                params: Some(sigbridge::crypto::PssParams {
                    hash: HashAlgorithm::Sha512,
                    mgf1_hash: Some(HashAlgorithm::Sha512),
                    salt_len: 64,
                    trailer_field: 1,
                }),
            },
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![(S::EuLegal(String::new()), "HRB74346", NotDefined)],
            levels: &[],
        },
        Expect {
            file: "eu-hu-e-szigno-root-ca-2017-ecdsa-p256.der",
            jurisdiction: "EU",
            key: "EC P-256",
            key_bits: 256,
            signature: SignatureAlgorithm::Ecdsa {
                hash: HashAlgorithm::Sha256,
            },
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![(S::EuLegal(String::new()), "23584497", NotDefined)],
            levels: &[],
        },
        Expect {
            file: "eu-ee-esteid-sk-2015-rsa4096-sha384.pem",
            jurisdiction: "EU",
            key: "RSA-4096",
            key_bits: 4096,
            signature: SignatureAlgorithm::RsaPkcs1 {
                hash: HashAlgorithm::Sha384,
            },
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![(S::EuLegal(String::new()), "10747013", NotDefined)],
            levels: &[AssuranceLevel::EuAdvanced],
        },
        Expect {
            file: "icao-de-csca-ecdsa-sha1-brainpool-explicit.der",
            jurisdiction: "EU",
            key: "EC brainpoolP256r1 (explicit parameters)",
            key_bits: 256,
            signature: SignatureAlgorithm::Ecdsa {
                hash: HashAlgorithm::Sha1,
            },
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "icao-cn-hk-link-rsassa-pss-over-ec-key.der",
            jurisdiction: "CN",
            key: "EC brainpoolP384r1 (explicit parameters)",
            key_bits: 384,
            signature: SignatureAlgorithm::RsaPss {
                params: Some(sigbridge::crypto::PssParams {
                    hash: HashAlgorithm::Sha256,
                    mgf1_hash: Some(HashAlgorithm::Sha256),
                    salt_len: 64,
                    trailer_field: 1,
                }),
            },
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "in-cca-india-2022-root-rsa4096.pem",
            jurisdiction: "IN",
            key: "RSA-4096",
            key_bits: 4096,
            signature: RSA256,
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "in-emsign-ecc-root-ca-g3-p384-2018.der",
            jurisdiction: "IN",
            key: "EC P-384",
            key_bits: 384,
            signature: SignatureAlgorithm::Ecdsa {
                hash: HashAlgorithm::Sha384,
            },
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "icao-uz-csca-uzbekistan-rsa4096.der",
            jurisdiction: "UZ",
            key: "RSA-4096",
            key_bits: 4096,
            signature: RSA256,
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
        Expect {
            file: "by-selfmade-bign-root-ca-curve512.der",
            jurisdiction: "BY",
            key: "bign-512",
            key_bits: 512,
            signature: SignatureAlgorithm::Bign {
                hash: HashAlgorithm::Bash512,
            },
            kind: SignerKind::CertificationAuthority,
            identifiers: vec![],
            levels: &[],
        },
    ]
}

#[test]
fn fields_a_relying_party_uses() {
    let table = expectations();
    assert!(table.len() >= 20);
    for e in table {
        let cert = national(e.file);
        let report = profile::analyze(&cert);
        let f = e.file;
        assert_eq!(
            report.jurisdiction,
            Jurisdiction::from_code(e.jurisdiction),
            "{f}"
        );
        assert_eq!(cert.key_algorithm().name(), e.key, "{f}");
        assert_eq!(cert.key_algorithm().bits(), Some(e.key_bits), "{f}");
        assert_eq!(cert.signature_algorithm(), &e.signature, "{f}");
        assert_eq!(report.identity.kind, e.kind, "{f}");
        let ids: Vec<(String, String, CheckDigit)> = report
            .identity
            .identifiers
            .iter()
            .map(|i| (i.scheme.label(), i.value.clone(), i.check))
            .collect();
        let want: Vec<(String, String, CheckDigit)> = e
            .identifiers
            .iter()
            .map(|(s, v, c)| {
                // EU legal identifiers: the type is taken from the certificate.
                let label = match s {
                    IdentifierScheme::EuLegal(_) => ids
                        .iter()
                        .find(|(_, value, _)| value == v)
                        .map(|(l, _, _)| l.clone())
                        .unwrap_or_default(),
                    other => other.label(),
                };
                (label, (*v).to_owned(), *c)
            })
            .collect();
        let mut ids_sorted = ids.clone();
        ids_sorted.sort();
        let mut want_sorted = want;
        want_sorted.sort();
        assert_eq!(ids_sorted, want_sorted, "{f}");
        assert_eq!(report.assurance.levels, e.levels, "{f}");
    }
}

#[test]
fn eu_identifier_types_and_countries() {
    let be = profile::analyze(&national("eu-be-gov-qualified-seal-ee-lotl-signer.pem"));
    let id = &be.identity.identifiers[0];
    assert_eq!(id.scheme, IdentifierScheme::EuLegal("NTR".into()));
    assert_eq!(id.country.as_deref(), Some("BE"));
    let hu = profile::analyze(&national("eu-hu-e-szigno-root-ca-2017-ecdsa-p256.der"));
    assert_eq!(
        hu.identity.identifiers[0].scheme,
        IdentifierScheme::EuLegal("VAT".into())
    );
}

#[test]
fn kz_ceo_role_names_and_patronymic() {
    let r = profile::analyze(&national("kz-test-ee-ceo-iin-bin-gost34310-2022.pem"));
    assert!(r.identity.has_role(RoleKind::FirstHead));
    assert_eq!(r.identity.surname.as_deref(), Some("ТЕСТОВ"));
    assert_eq!(r.identity.given_name.as_deref(), Some("ТЕСТ"));
    assert_eq!(r.identity.patronymic.as_deref(), Some("ТЕСТОВИЧ"));
    assert_eq!(r.identity.organization.as_deref(), Some("АО \"ТЕСТ\""));
    assert_eq!(r.findings.len(), 2, "{:?}", r.findings);
}

#[test]
fn ru_sign_tools_and_identification_kind() {
    let esia = national("ru-esia-prod-ee-gost2012-256-treasury-2025.pem");
    let tools = profile::ru::sign_tools(&esia).unwrap();
    assert_eq!(
        tools.subject_sign_tool.as_deref(),
        Some("КриптоПро CSP (5.0.13000)")
    );
    assert_eq!(tools.identification_kind, Some(1));
    assert!(tools.issuer_sign_tool.is_some());
    let root = national("ru-mincifry-root-gost2012-256-2022.pem");
    assert_eq!(
        profile::ru::sign_tools(&root).unwrap().identification_kind,
        Some(0)
    );
}

#[test]
fn explicit_curve_parameters_are_recognised() {
    let de = national("icao-de-csca-ecdsa-sha1-brainpool-explicit.der");
    assert_eq!(
        de.key_algorithm(),
        &KeyAlgorithm::EcExplicit {
            curve: Some(NamedCurve::BrainpoolP256r1),
            field_bits: 256
        }
    );
    assert_eq!(
        de.key_algorithm().curve(),
        Some(NamedCurve::BrainpoolP256r1)
    );
}

#[test]
fn gost_parameter_sets_are_named() {
    let mfc = national("ru-qca-gost2012-512-key-mfc-2018.pem");
    match mfc.key_algorithm() {
        KeyAlgorithm::GostR3410_2012_512 { params } => {
            assert_eq!(params.key_param_set_name().as_deref(), Some("tc26-512-A"));
            assert_eq!(
                params.digest_param_set.map(|o| o.to_string()).as_deref(),
                Some("1.2.643.7.1.1.2.3")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn validity_and_fingerprint_match_the_readme() {
    let kz = national("kz-nca-root-rsa4096-2015.der");
    assert_eq!(
        kz.fingerprint_hex(),
        "a7064abc5699827f370c67b09f1a1bfd7ad5e1514d471223df209c08300ea972"
    );
    assert_eq!(kz.serial_hex(), "54a51869ef8b3f15fdeaadbd47e094816b066a3b");
    assert_eq!(kz.validity().not_before.to_string(), "2015-07-27T05:22:53Z");
    assert_eq!(kz.validity().not_after.to_string(), "2025-07-27T05:22:53Z");
    let cfca = national("cn-cfca-root-rsa2048-notafter-year4749.pem");
    assert_eq!(cfca.validity().not_after.to_ymd_hms().0, 4749);
    let tjfoc = national("cn-selfmade-tjfoc-sm2-with-sha256-1970.pem");
    assert_eq!(tjfoc.deviations(), &[Deviation::NegativeSerial]);
    // OpenSSL prints notBefore=Jan  1 00:16:40 1970 GMT.
    assert_eq!(tjfoc.validity().not_before.unix_seconds(), 1000);
}

/// The NCA RK deviation, on the real NCA test chain: "ҰКО 3.0 (RSA TEST)"
/// asserts only the NCA CA policy 1.2.398.3.3.1.1, its subscriber
/// 1.2.398.3.3.2.4 (individual authentication). RFC 5280 policy processing
/// does not carry the subscriber policy; `nca_subscriber_policies` does,
/// and the level it names is then claimed. A chain whose CA does not assert
/// the NCA CA policy gets nothing from it.
#[test]
fn kz_nca_subscriber_policies_are_carried_as_the_nca_issues_them() {
    use sigbridge::path::{TrustAnchor, ValidationOptions, build_path};
    use sigbridge::registry::{
        AnchorListing, ListingStatus, ServiceKind, StatusChange, claimed_levels,
    };
    let root = national("kz-nca-test-root-rsa4096-2018.pem");
    let ca = national("kz-nca-test-intermediate-rsa-2019.pem");
    let ee = national("kz-test-ee-individual-iin-rsa2048-2020.der");
    let at = sigbridge::Time::from_ymd_hms(2020, 6, 1, 0, 0, 0).unwrap();
    let anchor = TrustAnchor::from_certificate(&root).unwrap();
    let path = build_path(
        &ee,
        &[ca],
        std::slice::from_ref(&anchor),
        &ValidationOptions::new(at),
    )
    .unwrap();
    let subscriber: sigbridge::Oid = "1.2.398.3.3.2.4".parse().unwrap();
    assert!(!path.user_constrained_policy_set.contains(&subscriber));
    let carried = profile::kz::nca_subscriber_policies(&path);
    assert_eq!(carried, vec![subscriber]);

    let listing = AnchorListing {
        id: "kz-nca-test".into(),
        kind: ServiceKind::CertificateAuthority,
        anchor,
        service: "NCA RK (test)".into(),
        levels: vec!["nca-signing".into(), "nca-authentication".into()],
        status: vec![StatusChange {
            status: ListingStatus::Granted,
            from: at,
        }],
    };
    let kz = sigbridge::registry::JurisdictionEntry {
        code: Jurisdiction::KZ,
        name: "Kazakhstan (test)".into(),
        levels: vec!["nca-authentication".into(), "nca-signing".into()],
        timestamp_levels: vec![],
        members: vec![],
        anchors: vec![listing.clone()],
    };
    let assurance = profile::analyze(&ee).assurance;
    let strict = claimed_levels(&assurance, &kz, &listing, &path.user_constrained_policy_set);
    assert!(strict.levels.is_empty(), "{strict:?}");
    let mut with_nca = path.user_constrained_policy_set.clone();
    with_nca.extend(carried);
    assert_eq!(
        claimed_levels(&assurance, &kz, &listing, &with_nca).levels,
        ["nca-authentication"]
    );

    // The test PKI's KZ CA asserts no NCA CA policy: nothing is carried.
    let chain =
        sigbridge::load_certificates(&read(&common::local("pki/kz/chain-ceo.pem"))).unwrap();
    let kz_anchor = TrustAnchor::from_certificate(&chain[2]).unwrap();
    let at = common::at_2030();
    let test_path = build_path(
        &chain[0],
        &chain[1..2],
        &[kz_anchor],
        &ValidationOptions::new(at),
    )
    .unwrap();
    assert!(profile::kz::nca_subscriber_policies(&test_path).is_empty());
}
