//! Kazakhstan: certificates of the National Certification Authority (NCA RK)
//! under the Law of the RK "On electronic document and electronic digital
//! signature" (No. 370-II, 2003) and the rules for issuing registration
//! certificates (Order of the Minister of Digital Development, registered
//! as No. 21440, 2020).
//!
//! Identity: IIN in serialNumber (`IIN` + 12 digits), BIN in OU (`BIN` + 12
//! digits); CN is "SURNAME NAME", SN the surname, and — unlike X.520 —
//! givenName the patronymic. Roles: extended key usage OIDs
//! 1.2.398.3.3.4.1.x. Assurance: certificate policies 1.2.398.3.3.2.x
//! distinguish signing from authentication certificates.

use crate::Oid;
use crate::cert::{AttributeType, Certificate};
use crate::crypto::KeyAlgorithm;
use crate::profile::{
    AssuranceLevel, Identifier, IdentifierScheme, Jurisdiction, ProfileFinding, ProfileReport,
    RoleKind, SignerKind,
};

/// EKU role OIDs (NCA RK; the constants of the Kalkan SDK and NCANode).
const INDIVIDUAL: &str = "1.2.398.3.3.4.1.1";
const LEGAL_ENTITY: &str = "1.2.398.3.3.4.1.2";
const ROLES: [(&str, RoleKind); 6] = [
    ("1.2.398.3.3.4.1.2.1", RoleKind::FirstHead),
    ("1.2.398.3.3.4.1.2.2", RoleKind::SigningAuthority),
    ("1.2.398.3.3.4.1.2.3", RoleKind::FinancialSigner),
    ("1.2.398.3.3.4.1.2.4", RoleKind::HumanResources),
    ("1.2.398.3.3.4.1.2.5", RoleKind::Employee),
    ("1.2.398.3.3.4.1.2.6", RoleKind::InformationSystem),
];
/// Certificate policies of NCA RK end-entity certificates.
const POLICIES: [(&str, AssuranceLevel, &str); 4] = [
    (
        "1.2.398.3.3.2.1",
        AssuranceLevel::KzNcaSigning,
        "legal entity signing policy",
    ),
    (
        "1.2.398.3.3.2.2",
        AssuranceLevel::KzNcaAuthentication,
        "legal entity authentication policy",
    ),
    (
        "1.2.398.3.3.2.3",
        AssuranceLevel::KzNcaSigning,
        "individual signing policy",
    ),
    (
        "1.2.398.3.3.2.4",
        AssuranceLevel::KzNcaAuthentication,
        "individual authentication policy",
    ),
];

/// The certificate policy NCA RK's issuing CAs assert (their own CP).
pub const NCA_CA_POLICY: Oid = Oid::new_unwrap("1.2.398.3.3.1.1");

/// The NCA RK subscriber policies a signer's path carries only by a
/// tolerated real-world deviation.
///
/// NCA RK's issuing CAs (RSA and GOST, production and test, e.g. "ҰКО 3.0
/// (RSA TEST)") assert in certificatePolicies only the NCA's CA policy
/// 1.2.398.3.3.1.1 — neither anyPolicy nor the subscriber policies
/// 1.2.398.3.3.2.x under which they issue. RFC 5280 §6.1.3 (d) then leaves
/// the subscriber's policies out of the valid policy tree, and every NCA
/// signer would lose the level its policy names. Tolerated, narrowly: when
/// the signer's direct issuer in the path asserts the NCA CA policy, the
/// signer's policies from the table above (and only those) are carried;
/// the caller reports it on the signature
/// ([`crate::envelope::Deviation::KzNcaSubscriberPolicies`]) and applies
/// it only to paths ending at a KZ anchor. Fixture: the real NCA test
/// chain in `../shared/testdata/national-certs` (`kz-nca-test-*`).
pub fn nca_subscriber_policies(path: &crate::path::VerifiedPath) -> Vec<Oid> {
    let (Some(signer), Some(issuer)) = (path.certificates.first(), path.certificates.get(1)) else {
        return Vec::new();
    };
    let asserts = |c: &Certificate, oid: &Oid| {
        c.certificate_policies()
            .is_some_and(|p| p.iter().any(|p| p.oid == *oid))
    };
    if !asserts(&issuer.certificate, &NCA_CA_POLICY) {
        return Vec::new();
    }
    POLICIES
        .iter()
        .filter_map(|(dotted, _, _)| dotted.parse::<Oid>().ok())
        .filter(|oid| asserts(&signer.certificate, oid))
        .collect()
}

pub(crate) fn score(cert: &Certificate) -> u32 {
    let mut s = 0;
    if cert
        .extended_key_usage()
        .unwrap_or_default()
        .iter()
        .any(|o| super::oid_under(o, "1.2.398.3.3.4"))
    {
        s += 10;
    }
    if super::policies_under(cert, "1.2.398.3") {
        s += 10;
    }
    if super::key_is(cert, |k| {
        matches!(
            k,
            KeyAlgorithm::KzGost34310_2004 { .. } | KeyAlgorithm::KzGost3410_2015 { .. }
        )
    }) {
        s += 5;
    }
    let subject = cert.subject();
    if subject
        .all(AttributeType::SerialNumber)
        .any(|v| v.starts_with("IIN"))
    {
        s += 5;
    }
    if subject
        .all(AttributeType::OrganizationalUnit)
        .any(|v| v.starts_with("BIN"))
    {
        s += 5;
    }
    if super::subject_country_is(cert, "KZ") {
        s += 1;
    }
    s
}

/// Runs the KZ profile.
pub fn analyze(cert: &Certificate) -> ProfileReport {
    let mut r = ProfileReport::new("KZ", Some(Jurisdiction::KZ), cert);
    let subject = cert.subject();
    for v in subject.all(AttributeType::SerialNumber) {
        if let Some(iin) = v.strip_prefix("IIN") {
            add(&mut r, IdentifierScheme::KzIin, iin, v);
        } else if let Some(bin) = v.strip_prefix("BIN") {
            add(&mut r, IdentifierScheme::KzBin, bin, v);
        }
    }
    for v in subject.all(AttributeType::OrganizationalUnit) {
        if let Some(bin) = v.strip_prefix("BIN") {
            add(&mut r, IdentifierScheme::KzBin, bin, v);
        }
    }
    // givenName holds the patronymic; the given name is CN minus the surname.
    r.identity.patronymic = r.identity.given_name.take();
    if let (Some(cn), Some(sn)) = (subject.common_name(), subject.get(AttributeType::Surname)) {
        r.identity.given_name = cn
            .strip_prefix(sn)
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_owned);
    }

    let eku = cert.extended_key_usage().unwrap_or_default();
    let has_eku = |o: &str| eku.iter().any(|x| x.to_string() == o);
    for (oid, role) in ROLES {
        if has_eku(oid) {
            r.identity.push_role(role, Some(Oid::new_unwrap(oid)));
        }
    }
    let has_iin = r.identity.identifier(IdentifierScheme::KzIin).is_some();
    let has_bin = r.identity.identifier(IdentifierScheme::KzBin).is_some();
    if r.identity.kind != SignerKind::CertificationAuthority {
        r.identity.kind = if has_eku(LEGAL_ENTITY) || has_bin {
            if has_iin {
                SignerKind::Representative
            } else {
                SignerKind::LegalEntity
            }
        } else if has_eku(INDIVIDUAL) || has_iin {
            SignerKind::NaturalPerson
        } else {
            SignerKind::Unknown
        };
        if has_eku(LEGAL_ENTITY) && !has_bin {
            r.findings.push(ProfileFinding::MissingElement {
                element: "BIN of the legal entity",
                rule: "NCA RK profile: legal-entity certificates carry the BIN in OU",
            });
        }
    }
    for (oid, level, name) in POLICIES {
        let oid = Oid::new_unwrap(oid);
        if cert.has_policy(&oid) {
            r.assurance.push_policy_level(level, name, oid);
        }
    }
    // The NCA's GOST 34.10-2015 PKI of 2022 issues one certificate per
    // subscriber under its certificate policy 1.2.398.3.3.2 itself, for
    // signing and authentication alike (`../shared/testdata/kz-nca-test-pki`:
    // CA and subscribers assert 1.2.398.3.3.2, keyUsage digitalSignature,
    // nonRepudiation, keyAgreement). nonRepudiation (RFC 5280 §4.2.1.3
    // contentCommitment) is what makes it a signing certificate.
    if cert.has_policy(&NCA_2022_POLICY) && r.assurance.levels.is_empty() {
        let signing = cert.key_usage().is_some_and(|k| k.non_repudiation());
        let (level, name) = if signing {
            (
                AssuranceLevel::KzNcaSigning,
                "NCA RK certificate policy (2022 PKI), nonRepudiation",
            )
        } else {
            (
                AssuranceLevel::KzNcaAuthentication,
                "NCA RK certificate policy (2022 PKI)",
            )
        };
        r.assurance.push_policy_level(level, name, NCA_2022_POLICY);
    }
    r
}

/// The certificate policy of the NCA RK's 2022 GOST PKI (see [`analyze`]).
const NCA_2022_POLICY: Oid = Oid::new_unwrap("1.2.398.3.3.2");

fn add(r: &mut ProfileReport, scheme: IdentifierScheme, value: &str, raw: &str) {
    if value.len() != 12 || !value.bytes().all(|b| b.is_ascii_digit()) {
        r.findings.push(ProfileFinding::MalformedIdentifier {
            scheme,
            value: raw.to_owned(),
            expected: "12 digits",
        });
        return;
    }
    r.add_identifier(Identifier::new(scheme, value, raw));
}
