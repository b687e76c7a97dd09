//! National profiles over the generated test PKI (`testdata/pki/`, see its
//! README for every value asserted here): identity, identifiers with their
//! check digits, roles, assurance levels and findings, one module per
//! jurisdiction.

mod common;

use common::{at_2030, fixture};
use sigbridge::profile::{self, CheckDigit, RoleKind};
use sigbridge::{
    AssuranceLevel, IdentifierScheme, Jurisdiction, KeyAlgorithm, NamedCurve, ProfileFinding,
    ProfileReport, RuSignToolClass, SignerKind,
};

fn ids(r: &ProfileReport) -> Vec<(String, String, CheckDigit)> {
    let mut v: Vec<_> = r
        .identity
        .identifiers
        .iter()
        .map(|i| (i.scheme.label(), i.value.clone(), i.check))
        .collect();
    v.sort();
    v
}

fn want(items: &[(&str, &str, CheckDigit)]) -> Vec<(String, String, CheckDigit)> {
    let mut v: Vec<_> = items
        .iter()
        .map(|(s, v, c)| ((*s).to_owned(), (*v).to_owned(), *c))
        .collect();
    v.sort();
    v
}

mod ru {
    use super::*;
    use CheckDigit::Valid;

    #[test]
    fn director_of_a_legal_entity() {
        let cert = fixture("ru/org-ceo.pem");
        assert!(cert.is_valid_at(at_2030()));
        let r = profile::analyze(&cert);
        assert_eq!(r.jurisdiction, Some(Jurisdiction::RU));
        assert_eq!(r.profile, "RU");
        assert_eq!(r.identity.kind, SignerKind::Representative);
        assert_eq!(r.identity.surname.as_deref(), Some("Иванов"));
        assert_eq!(r.identity.given_name.as_deref(), Some("Иван"));
        assert_eq!(r.identity.patronymic.as_deref(), Some("Иванович"));
        assert_eq!(r.identity.organization.as_deref(), Some("ООО \"Ромашка\""));
        assert_eq!(
            ids(&r),
            want(&[
                ("RU-OGRN", "1145000123454", Valid),
                ("RU-INNLE", "5001123452", Valid),
                ("RU-INN", "502912345634", Valid),
                ("RU-SNILS", "11223344595", Valid),
            ])
        );
        assert_eq!(
            r.assurance.levels,
            vec![
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc1),
                AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc2),
            ]
        );
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        let tools = profile::ru::sign_tools(&cert).unwrap();
        assert_eq!(
            tools.subject_sign_tool.as_deref(),
            Some("СКЗИ \"КриптоПро CSP\" (версия 4.0)")
        );
        assert_eq!(
            tools.issuer_sign_tool.unwrap()[1],
            "ПАК \"КриптоПро УЦ\" версии 2.0"
        );
    }

    #[test]
    fn individual_entrepreneur_and_person() {
        let ip = profile::analyze(&fixture("ru/ip.pem"));
        assert_eq!(ip.identity.kind, SignerKind::NaturalPerson);
        assert_eq!(
            ids(&ip),
            want(&[
                ("RU-OGRNIP", "318502900123452", Valid),
                ("RU-INN", "500198765480", Valid),
                ("RU-SNILS", "13456789292", Valid),
            ])
        );
        assert_eq!(
            ip.assurance.levels,
            vec![AssuranceLevel::RuSignToolClass(RuSignToolClass::Kc1)]
        );
        let person = profile::analyze(&fixture("ru/person.pem"));
        assert_eq!(person.identity.kind, SignerKind::NaturalPerson);
        assert_eq!(
            ids(&person),
            want(&[
                ("RU-SNILS", "14567890307", Valid),
                ("RU-INN", "771234567859", Valid),
            ])
        );
    }

    #[test]
    fn bad_check_digits_are_findings_not_errors() {
        let r = profile::analyze(&fixture("ru/bad-checksum.pem"));
        assert_eq!(r.identity.kind, SignerKind::Representative);
        assert_eq!(
            r.findings,
            vec![
                ProfileFinding::InvalidCheckDigit {
                    scheme: IdentifierScheme::RuOgrn,
                    value: "1145000123455".into()
                },
                ProfileFinding::InvalidCheckDigit {
                    scheme: IdentifierScheme::RuInnLe,
                    value: "5001123453".into()
                },
            ]
        );
        let ogrn = r.identity.identifier(IdentifierScheme::RuOgrn).unwrap();
        assert_eq!(ogrn.check, CheckDigit::Invalid);
    }

    #[test]
    fn ca_certificates() {
        let r = profile::analyze(&fixture("ru/ca.pem"));
        assert_eq!(r.identity.kind, SignerKind::CertificationAuthority);
        assert_eq!(
            ids(&r),
            want(&[
                ("RU-OGRN", "1027700987654", Valid),
                ("RU-INNLE", "7709876545", Valid)
            ])
        );
    }
}

mod kz {
    use super::*;
    use CheckDigit::Valid;

    #[test]
    fn first_head_of_a_legal_entity() {
        let cert = fixture("kz/ceo.pem");
        let r = profile::analyze(&cert);
        assert_eq!(r.jurisdiction, Some(Jurisdiction::KZ));
        assert_eq!(r.identity.kind, SignerKind::Representative);
        assert_eq!(
            ids(&r),
            want(&[
                ("KZ-IIN", "781105300450", Valid),
                ("KZ-BIN", "150540012348", Valid)
            ])
        );
        assert_eq!(r.identity.roles.len(), 1);
        assert!(r.identity.has_role(RoleKind::FirstHead));
        assert_eq!(
            r.identity.roles[0].oid.unwrap().to_string(),
            "1.2.398.3.3.4.1.2.1"
        );
        assert_eq!(r.identity.surname.as_deref(), Some("АХМЕТОВ"));
        assert_eq!(r.identity.given_name.as_deref(), Some("ЕРЛАН"));
        assert_eq!(r.identity.patronymic.as_deref(), Some("СЕРИКОВИЧ"));
        assert!(r.findings.is_empty());
    }

    #[test]
    fn signing_rights_and_employees() {
        let fin = profile::analyze(&fixture("kz/signer-financial.pem"));
        assert_eq!(fin.identity.kind, SignerKind::Representative);
        assert!(fin.identity.has_role(RoleKind::SigningAuthority));
        assert!(fin.identity.has_role(RoleKind::FinancialSigner));
        assert!(!fin.identity.has_role(RoleKind::FirstHead));
        let emp = profile::analyze(&fixture("kz/employee.pem"));
        assert_eq!(
            emp.identity
                .roles
                .iter()
                .map(|r| r.kind)
                .collect::<Vec<_>>(),
            vec![RoleKind::Employee]
        );
    }

    #[test]
    fn individuals() {
        for file in ["kz/individual.pem", "kz/individual-auth.pem"] {
            let r = profile::analyze(&fixture(file));
            assert_eq!(r.identity.kind, SignerKind::NaturalPerson, "{file}");
            assert_eq!(ids(&r), want(&[("KZ-IIN", "850315301126", Valid)]));
            assert!(r.identity.roles.is_empty());
        }
        let auth = fixture("kz/individual-auth.pem");
        let ku = auth.key_usage().unwrap();
        assert!(ku.key_encipherment() && !ku.non_repudiation());
    }
}

mod cn {
    use super::*;
    use CheckDigit::Valid;

    #[test]
    fn legal_entity_with_uscc_on_sm2() {
        let cert = fixture("cn/org-uscc.pem");
        assert_eq!(
            cert.key_algorithm(),
            &KeyAlgorithm::Ec {
                curve: NamedCurve::Sm2
            }
        );
        let r = profile::analyze(&cert);
        assert_eq!(r.jurisdiction, Some(Jurisdiction::CN));
        assert_eq!(r.identity.kind, SignerKind::LegalEntity);
        assert_eq!(ids(&r), want(&[("CN-USCC", "91110108MA01XY3K34", Valid)]));
        assert!(r.assurance.levels.is_empty());
    }

    #[test]
    fn natural_person_with_resident_id() {
        let r = profile::analyze(&fixture("cn/person.pem"));
        assert_eq!(r.identity.kind, SignerKind::NaturalPerson);
        assert_eq!(ids(&r), want(&[("CN-RID", "11010819900307122X", Valid)]));
    }

    #[test]
    fn rsa_signer_is_still_chinese() {
        let r = profile::analyze(&fixture("cn/org-rsa.pem"));
        assert_eq!(r.jurisdiction, Some(Jurisdiction::CN));
        assert_eq!(r.identity.kind, SignerKind::LegalEntity);
    }
}

mod uz {
    use super::*;
    use CheckDigit::NotDefined;

    #[test]
    fn person_with_tin_and_pinfl() {
        let cert = fixture("uz/person.pem");
        assert_eq!(
            cert.key_algorithm(),
            &KeyAlgorithm::Ec {
                curve: NamedCurve::P256
            }
        );
        let r = profile::analyze(&cert);
        assert_eq!(r.jurisdiction, Some(Jurisdiction::UZ));
        assert_eq!(r.identity.kind, SignerKind::NaturalPerson);
        assert_eq!(
            ids(&r),
            want(&[
                ("UZ-TIN", "512345678", NotDefined),
                ("UZ-PINFL", "31503850120017", NotDefined),
            ])
        );
    }

    #[test]
    fn organisation() {
        let r = profile::analyze(&fixture("uz/org.pem"));
        assert_eq!(r.identity.kind, SignerKind::LegalEntity);
        assert_eq!(ids(&r), want(&[("UZ-TIN", "301234567", NotDefined)]));
    }
}

mod india {
    use super::*;

    #[test]
    fn class3_natural_person() {
        let cert = fixture("in/class3.pem");
        assert_eq!(cert.key_algorithm(), &KeyAlgorithm::Rsa { bits: 3072 });
        let r = profile::analyze(&cert);
        assert_eq!(r.jurisdiction, Some(Jurisdiction::IN));
        assert_eq!(r.identity.kind, SignerKind::NaturalPerson);
        assert_eq!(r.assurance.levels, vec![AssuranceLevel::InClass(3)]);
        assert_eq!(
            ids(&r),
            want(&[(
                "IN-PAN-SHA256",
                "b04a11fb11ef702d03ef5f23e09637f4ac0d356b89534e509fd4a7bea4a74b73",
                CheckDigit::NotDefined
            )])
        );
    }

    #[test]
    fn document_signer_and_class2() {
        let ds = profile::analyze(&fixture("in/docsigner.pem"));
        assert_eq!(ds.identity.kind, SignerKind::LegalEntity);
        assert!(ds.identity.has_role(RoleKind::DocumentSigner));
        assert!(ds.assurance.levels.is_empty());
        let c2 = profile::analyze(&fixture("in/class2.pem"));
        assert_eq!(c2.assurance.levels, vec![AssuranceLevel::InClass(2)]);
        // The PAN itself never appears: only its hash.
        assert!(!format!("{c2:?}").contains("CKRPS3388L"));
    }
}

mod eu {
    use super::*;
    use sigbridge::cert::{PdsLocation, QcType};

    #[test]
    fn qualified_signature_natural_person() {
        let cert = fixture("eu/qes-natural.pem");
        let qc = cert.qc_statements().unwrap();
        assert!(qc.compliance() && qc.sscd());
        assert_eq!(qc.types(), vec![QcType::ESign]);
        assert_eq!(
            qc.pds(),
            vec![PdsLocation {
                url: "https://pki.example.eu/pds_en.pdf".into(),
                language: "en".into()
            }]
        );
        assert_eq!(
            qc.semantics_identifier().unwrap().to_string(),
            "0.4.0.194121.1.1"
        );
        let r = profile::analyze(&cert);
        assert_eq!(r.jurisdiction, Some(Jurisdiction::EU));
        assert_eq!(r.identity.kind, SignerKind::NaturalPerson);
        assert_eq!(
            r.assurance.levels,
            vec![AssuranceLevel::EuQualified { qscd: true }]
        );
        let id = &r.identity.identifiers[0];
        assert_eq!(id.scheme, IdentifierScheme::EuNatural("PNO".into()));
        assert_eq!(id.value, "85010112345");
        assert_eq!(id.country.as_deref(), Some("BE"));
        assert!(r.findings.is_empty());
    }

    #[test]
    fn qualified_seal_legal_person() {
        let r = profile::analyze(&fixture("eu/qseal-legal.pem"));
        assert_eq!(r.identity.kind, SignerKind::LegalEntity);
        assert_eq!(
            r.assurance.levels,
            vec![AssuranceLevel::EuQualified { qscd: true }]
        );
        let id = &r.identity.identifiers[0];
        assert_eq!(id.scheme, IdentifierScheme::EuLegal("VAT".into()));
        assert_eq!(id.value, "0123456749");
    }

    #[test]
    fn advanced_with_qualified_certificate() {
        let r = profile::analyze(&fixture("eu/adv-qc.pem"));
        assert_eq!(
            r.assurance.levels,
            vec![AssuranceLevel::EuQualified { qscd: false }]
        );
        assert!(r.findings.is_empty());
    }

    #[test]
    fn non_eu_legislation_is_not_eu_qualified() {
        let r = profile::analyze(&fixture("eu/cclegislation.pem"));
        assert_eq!(r.jurisdiction, Jurisdiction::from_code("CH"));
        assert!(r.assurance.levels.is_empty());
        assert!(
            r.assurance
                .markers
                .iter()
                .any(|m| m.name == "QcCClegislation CH")
        );
    }

    #[test]
    fn expired_certificate_is_still_profiled() {
        let cert = fixture("eu/expired.pem");
        assert!(!cert.is_valid_at(at_2030()));
        assert!(cert.is_valid_at(sigbridge::Time::from_ymd_hms(2025, 1, 1, 0, 0, 0).unwrap()));
        assert_eq!(profile::analyze(&cert).profile, "EU");
    }
}

mod pk {
    use super::*;

    #[test]
    fn cnic_of_a_representative() {
        let r = profile::analyze(&fixture("pk/org.pem"));
        assert_eq!(r.jurisdiction, Some(Jurisdiction::PK));
        assert_eq!(r.identity.kind, SignerKind::Representative);
        assert_eq!(
            ids(&r),
            want(&[("PK-CNIC", "4210176543215", CheckDigit::Valid)])
        );
        assert_eq!(r.identity.identifiers[0].raw, "42101-7654321-5");
    }
}

#[test]
fn analyze_as_overrides_recognition() {
    let cert = fixture("kz/ceo.pem");
    let as_ru = profile::analyze_as(&cert, Jurisdiction::RU);
    assert_eq!(as_ru.profile, "RU");
    assert!(as_ru.identity.identifiers.is_empty());
    let other = profile::analyze_as(&cert, Jurisdiction::from_code("TR").unwrap());
    assert_eq!(other.profile, "generic");
    assert_eq!(other.jurisdiction, Jurisdiction::from_code("TR"));
}

#[test]
fn every_fixture_signer_is_recognised_as_its_directory() {
    for (dir, j) in [
        ("cn", "CN"),
        ("ru", "RU"),
        ("kz", "KZ"),
        ("uz", "UZ"),
        ("in", "IN"),
        ("eu", "EU"),
        ("pk", "PK"),
    ] {
        let path = common::local(&format!("pki/{dir}"));
        for entry in std::fs::read_dir(path).unwrap() {
            let p = entry.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".pem")
                || name.ends_with(".crl.pem")
                || name.starts_with("chain-")
                || name == "cclegislation.pem"
            {
                continue;
            }
            let cert = fixture(&format!("{dir}/{name}"));
            assert_eq!(
                profile::recognise(&cert),
                Jurisdiction::from_code(j),
                "{dir}/{name}"
            );
        }
    }
}
