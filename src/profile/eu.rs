//! European Union: certificates under Regulation (EU) No 910/2014 (eIDAS),
//! with the qualified-certificate statements of ETSI EN 319 412-5, the
//! certificate policies of EN 319 411-1 / 411-2, and the identifier
//! semantics of EN 319 412-1 §5.1.3 (natural persons, serialNumber) and
//! §5.1.4 (legal persons, organizationIdentifier).

use crate::Oid;
use crate::cert::qc::oid as qc;
use crate::cert::{AttributeType, Certificate, QcType};
use crate::profile::{
    AssuranceLevel, Identifier, IdentifierScheme, Jurisdiction, ProfileFinding, ProfileReport,
    SignerKind,
};

/// EN 319 411-2 §5.3 qualified policies: (OID, name, natural person, QSCD).
const QCP: [(&str, &str, bool, bool); 4] = [
    ("0.4.0.194112.1.0", "QCP-n", true, false),
    ("0.4.0.194112.1.1", "QCP-l", false, false),
    ("0.4.0.194112.1.2", "QCP-n-qscd", true, true),
    ("0.4.0.194112.1.3", "QCP-l-qscd", false, true),
];
/// EN 319 411-1 §5.3 non-qualified policies.
const NCP: [(&str, &str); 3] = [
    ("0.4.0.2042.1.1", "NCP"),
    ("0.4.0.2042.1.2", "NCP+"),
    ("0.4.0.2042.1.3", "LCP"),
];
const SEMANTICS_NATURAL: [&str; 2] = ["0.4.0.194121.1.1", "0.4.0.194121.1.3"];
const SEMANTICS_LEGAL: [&str; 2] = ["0.4.0.194121.1.2", "0.4.0.194121.1.4"];

pub(crate) fn score(cert: &Certificate) -> u32 {
    let mut s = 0;
    if cert.qc_statements().is_some() {
        s += 10;
    }
    if super::policies_under(cert, "0.4.0.194112") || super::policies_under(cert, "0.4.0.2042") {
        s += 10;
    }
    if cert
        .subject()
        .all(AttributeType::OrganizationIdentifier)
        .any(|v| split_identifier(v).is_some())
    {
        s += 3;
    }
    if cert
        .subject()
        .country()
        .and_then(Jurisdiction::from_code)
        .is_some_and(|j| j.is_eu_member())
    {
        s += 1;
    }
    s
}

/// Splits an EN 319 412-1 identifier `TTTCC-value` into (type, country, value).
fn split_identifier(v: &str) -> Option<(&str, &str, &str)> {
    let t = v.get(0..3)?;
    let cc = v.get(3..5)?;
    let rest = v.get(5..)?.strip_prefix('-')?;
    (t.bytes().all(|b| b.is_ascii_uppercase())
        && cc.bytes().all(|b| b.is_ascii_uppercase())
        && !rest.is_empty())
    .then_some((t, cc, rest))
}

/// Runs the EU profile.
pub fn analyze(cert: &Certificate) -> ProfileReport {
    let mut r = ProfileReport::new("EU", Some(Jurisdiction::EU), cert);
    let subject = cert.subject();
    for v in subject.all(AttributeType::OrganizationIdentifier) {
        if let Some((t, cc, value)) = split_identifier(v) {
            let mut id = Identifier::new(IdentifierScheme::EuLegal(t.to_owned()), value, v);
            id.country = Some(cc.to_owned());
            r.add_identifier(id);
        }
    }
    for v in subject.all(AttributeType::SerialNumber) {
        if let Some((t, cc, value)) = split_identifier(v)
            && matches!(t, "PAS" | "IDC" | "PNO" | "TIN")
        {
            let mut id = Identifier::new(IdentifierScheme::EuNatural(t.to_owned()), value, v);
            id.country = Some(cc.to_owned());
            r.add_identifier(id);
        }
    }

    let mut natural_markers = false;
    let mut legal_markers = false;
    let mut qualified_by_policy: Option<bool> = None;
    for (oid, name, natural, qscd) in QCP {
        let oid = Oid::new_unwrap(oid);
        if cert.has_policy(&oid) {
            r.assurance.mark(name, oid);
            natural_markers |= natural;
            legal_markers |= !natural;
            qualified_by_policy = Some(qualified_by_policy.unwrap_or(false) || qscd);
        }
    }
    for (oid, name) in NCP {
        let oid = Oid::new_unwrap(oid);
        if cert.has_policy(&oid) {
            r.assurance
                .push_policy_level(AssuranceLevel::EuAdvanced, name, oid);
        }
    }

    if let Some(qcs) = cert.qc_statements() {
        let legislation = qcs.cc_legislation();
        if qcs.compliance() {
            r.assurance.mark("QcCompliance", qc::QC_COMPLIANCE);
            if legislation.is_empty() {
                r.assurance
                    .push_level(AssuranceLevel::EuQualified { qscd: qcs.sscd() });
            } else {
                // EN 319 412-5 §4.2.4: qualified under the law of the named
                // non-EU countries, not under eIDAS.
                r.assurance.mark(
                    format!("QcCClegislation {}", legislation.join(",")),
                    qc::QC_CC_LEGISLATION,
                );
                r.jurisdiction = legislation.first().and_then(|c| Jurisdiction::from_code(c));
            }
        } else if qcs.sscd() {
            r.findings.push(ProfileFinding::InconsistentMarkers {
                reason: "QcSSCD without QcCompliance (EN 319 412-5 §4.2.2)".into(),
            });
        }
        if qcs.sscd() {
            r.assurance.mark("QcSSCD", qc::QC_SSCD);
        }
        for t in qcs.types() {
            match t {
                QcType::ESign => {
                    natural_markers = true;
                    r.assurance.mark("QcType esign", qc::QCT_ESIGN);
                }
                QcType::ESeal => {
                    legal_markers = true;
                    r.assurance.mark("QcType eseal", qc::QCT_ESEAL);
                }
                QcType::Web => r.assurance.mark("QcType web", qc::QCT_WEB),
                QcType::Other(o) => r.assurance.mark(format!("QcType {o}"), o),
            }
        }
        if let Some(sem) = qcs.semantics_identifier() {
            let s = sem.to_string();
            natural_markers |= SEMANTICS_NATURAL.contains(&s.as_str());
            legal_markers |= SEMANTICS_LEGAL.contains(&s.as_str());
        }
        if let Some(true) = qualified_by_policy
            && !qcs.sscd()
        {
            r.findings.push(ProfileFinding::InconsistentMarkers {
                reason: "QCP-x-qscd policy without QcSSCD (EN 319 411-2 §5.3)".into(),
            });
        }
    } else if qualified_by_policy.is_some() && r.identity.kind != SignerKind::CertificationAuthority
    {
        // CA certificates list the policies they issue under; only end-entity
        // certificates carry QC statements.
        r.findings.push(ProfileFinding::MissingElement {
            element: "qcStatements with QcCompliance",
            rule: "EN 319 412-5 §4.2.1: required in EU qualified certificates",
        });
    }

    if r.identity.kind != SignerKind::CertificationAuthority {
        let person = natural_markers || r.has_person_name();
        r.identity.kind = if legal_markers && !natural_markers {
            SignerKind::LegalEntity
        } else if person && r.identity.organization.is_some() {
            SignerKind::Representative
        } else if person {
            SignerKind::NaturalPerson
        } else if r.identity.organization.is_some() {
            SignerKind::LegalEntity
        } else {
            SignerKind::Unknown
        };
    }
    r
}
