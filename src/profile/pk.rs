//! Pakistan: certificates under the Electronic Transactions Ordinance 2002,
//! from certification service providers accredited by the Electronic
//! Certification Accreditation Council (ECAC). No national policy or
//! attribute OIDs are published; identity is the CNIC (13 digits, printed
//! `NNNNN-NNNNNNN-N`) in serialNumber.

use crate::cert::{AttributeType, Certificate};
use crate::profile::{Identifier, IdentifierScheme, Jurisdiction, ProfileReport, SignerKind};

pub(crate) fn score(cert: &Certificate) -> u32 {
    u32::from(super::subject_country_is(cert, "PK"))
}

/// Runs the PK profile.
pub fn analyze(cert: &Certificate) -> ProfileReport {
    let mut r = ProfileReport::new("PK", Some(Jurisdiction::PK), cert);
    for v in cert.subject().all(AttributeType::SerialNumber) {
        let digits: String = v.chars().filter(|c| *c != '-').collect();
        let dashed_ok = !v.contains('-')
            || (v.len() == 15 && v.get(5..6) == Some("-") && v.get(13..14) == Some("-"));
        if digits.len() == 13 && digits.bytes().all(|b| b.is_ascii_digit()) && dashed_ok {
            r.add_identifier(Identifier::new(IdentifierScheme::PkCnic, &digits, v));
        }
    }
    if r.identity.kind != SignerKind::CertificationAuthority {
        let person =
            r.identity.identifier(IdentifierScheme::PkCnic).is_some() || r.has_person_name();
        r.identity.kind = match (person, r.identity.organization.is_some()) {
            (true, true) => SignerKind::Representative,
            (true, false) => SignerKind::NaturalPerson,
            (false, true) => SignerKind::LegalEntity,
            (false, false) => SignerKind::Unknown,
        };
    }
    r
}
