//! India: Digital Signature Certificates under the Information Technology
//! Act 2000, issued by CAs licensed by the Controller of Certifying
//! Authorities (CCA), in the profile of the CCA "Interoperability Guidelines
//! for Digital Signature Certificates".
//!
//! Assurance: certificate policies 2.16.356.100.2.1/2/3 (Class 1/2/3),
//! 2.16.356.100.2.4.1/2 (Aadhaar eKYC OTP / biometric) and
//! 2.16.356.100.10.1 (organisational document signer). Identity: the PAN is
//! never in clear; serialNumber carries its SHA-256 in hex.

use crate::Oid;
use crate::cert::{AttributeType, Certificate};
use crate::profile::{
    AssuranceLevel, Identifier, IdentifierScheme, Jurisdiction, ProfileReport, RoleKind, SignerKind,
};

const DOCUMENT_SIGNER: &str = "2.16.356.100.10.1";
const LEVELS: [(&str, AssuranceLevel, &str); 5] = [
    (
        "2.16.356.100.2.1",
        AssuranceLevel::InClass(1),
        "CCA Class 1",
    ),
    (
        "2.16.356.100.2.2",
        AssuranceLevel::InClass(2),
        "CCA Class 2",
    ),
    (
        "2.16.356.100.2.3",
        AssuranceLevel::InClass(3),
        "CCA Class 3",
    ),
    (
        "2.16.356.100.2.4.1",
        AssuranceLevel::InAadhaarEkyc(1),
        "Aadhaar eKYC OTP",
    ),
    (
        "2.16.356.100.2.4.2",
        AssuranceLevel::InAadhaarEkyc(2),
        "Aadhaar eKYC biometric",
    ),
];

pub(crate) fn score(cert: &Certificate) -> u32 {
    let mut s = 0;
    if super::policies_under(cert, "2.16.356.100") {
        s += 10;
    }
    if super::subject_country_is(cert, "IN") {
        s += 1;
    }
    s
}

/// Runs the IN profile.
pub fn analyze(cert: &Certificate) -> ProfileReport {
    let mut r = ProfileReport::new("IN", Some(Jurisdiction::IN), cert);
    for (oid, level, name) in LEVELS {
        let oid = Oid::new_unwrap(oid);
        if cert.has_policy(&oid) {
            r.assurance.push_policy_level(level, name, oid);
        }
    }
    let doc_signer = Oid::new_unwrap(DOCUMENT_SIGNER);
    let is_doc_signer = cert.has_policy(&doc_signer);
    if is_doc_signer {
        r.identity
            .push_role(RoleKind::DocumentSigner, Some(doc_signer));
        r.assurance.mark("CCA document signer", doc_signer);
    }
    for v in cert.subject().all(AttributeType::SerialNumber) {
        if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) {
            r.add_identifier(Identifier::new(
                IdentifierScheme::InPanHash,
                &v.to_ascii_lowercase(),
                v,
            ));
        }
    }
    if r.identity.kind != SignerKind::CertificationAuthority {
        let personal = r
            .identity
            .organization
            .as_deref()
            .is_some_and(|o| o.eq_ignore_ascii_case("Personal"));
        r.identity.kind = if is_doc_signer {
            SignerKind::LegalEntity
        } else if personal {
            SignerKind::NaturalPerson
        } else if r.identity.organization.is_some() && r.identity.common_name.is_some() {
            SignerKind::Representative
        } else {
            SignerKind::Unknown
        };
    }
    r
}
