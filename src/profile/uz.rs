//! Uzbekistan: certificates under the Law of the RUz "On electronic digital
//! signature" (No. ZRU-793, 2022) issued through the E-IMZO infrastructure.
//!
//! Identity: TIN (STIR, 1.2.860.3.16.1.1; of the organisation in legal-entity
//! certificates) and PINFL (JShShIR, 1.2.860.3.16.1.2) as name attributes,
//! the person's own TIN in UID. The certificates carry no assurance markers.

use crate::cert::{AttributeType, Certificate};
use crate::crypto::KeyAlgorithm;
use crate::profile::{
    Identifier, IdentifierScheme, Jurisdiction, ProfileFinding, ProfileReport, SignerKind,
};

pub(crate) fn score(cert: &Certificate) -> u32 {
    let mut s = 0;
    if super::names_have_arc(cert, "1.2.860") {
        s += 10;
    }
    if super::key_is(cert, |k| {
        matches!(k, KeyAlgorithm::UzDst1092 | KeyAlgorithm::UzMst286)
    }) {
        s += 5;
    }
    if super::subject_country_is(cert, "UZ") {
        s += 1;
    }
    s
}

/// Runs the UZ profile.
pub fn analyze(cert: &Certificate) -> ProfileReport {
    let mut r = ProfileReport::new("UZ", Some(Jurisdiction::UZ), cert);
    let subject = cert.subject();
    for v in subject.all(AttributeType::UzTin) {
        add(&mut r, IdentifierScheme::UzTin, v.trim(), 9);
    }
    for v in subject.all(AttributeType::UzPinfl) {
        add(&mut r, IdentifierScheme::UzPinfl, v.trim(), 14);
    }
    for v in subject.all(AttributeType::UserId) {
        if v.len() == 9 && v.bytes().all(|b| b.is_ascii_digit()) {
            add(&mut r, IdentifierScheme::UzTin, v, 9);
        }
    }
    let pinfl = r.identity.identifier(IdentifierScheme::UzPinfl).is_some();
    let tin = r.identity.identifier(IdentifierScheme::UzTin).is_some();
    let org = r.identity.organization.is_some();
    if r.identity.kind != SignerKind::CertificationAuthority {
        r.identity.kind = match (pinfl || r.has_person_name(), org, tin) {
            (true, true, _) => SignerKind::Representative,
            (true, false, _) => SignerKind::NaturalPerson,
            (false, true, true) => SignerKind::LegalEntity,
            _ => SignerKind::Unknown,
        };
    }
    r
}

fn add(r: &mut ProfileReport, scheme: IdentifierScheme, value: &str, len: usize) {
    if value.len() != len || !value.bytes().all(|b| b.is_ascii_digit()) {
        r.findings.push(ProfileFinding::MalformedIdentifier {
            scheme,
            value: value.to_owned(),
            expected: if len == 9 { "9 digits" } else { "14 digits" },
        });
        return;
    }
    r.add_identifier(Identifier::new(scheme, value, value));
}
