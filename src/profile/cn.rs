//! China: certificates under the Electronic Signature Law of the PRC (2004,
//! amended 2019) from licensed CAs, in the format of GB/T 20518-2018 (SM2
//! keys, SM2-with-SM3 signatures).
//!
//! Identity: the unified social credit code of a legal entity (GB 32100-2015,
//! 18 characters with a check character) and the resident identity number of
//! a person (GB 11643-1999), found in serialNumber, organizationIdentifier,
//! OU, CN, or the GB/T 20518 identity extensions 1.2.156.10260.4.1.x. The
//! certificate itself carries no assurance level: reliability follows from
//! the issuing CA's licence, which the registry records.

use crate::Oid;
use crate::asn1;
use crate::cert::{AttributeType, Certificate};
use crate::crypto::{KeyAlgorithm, NamedCurve, SignatureAlgorithm};
use crate::profile::{
    CheckDigit, Identifier, IdentifierScheme, Jurisdiction, ProfileFinding, ProfileReport,
    SignerKind,
};

/// GB/T 20518 identity extensions: personal ID number, social insurance
/// number, business registration number, organisation code, tax number.
const ID_EXTENSIONS: [&str; 5] = [
    "1.2.156.10260.4.1.1",
    "1.2.156.10260.4.1.2",
    "1.2.156.10260.4.1.3",
    "1.2.156.10260.4.1.4",
    "1.2.156.10260.4.1.5",
];

pub(crate) fn score(cert: &Certificate) -> u32 {
    let mut s = 0;
    if ID_EXTENSIONS
        .iter()
        .any(|o| cert.extension(&Oid::new_unwrap(o)).is_some())
    {
        s += 10;
    }
    if matches!(cert.key_algorithm().curve(), Some(NamedCurve::Sm2))
        || matches!(cert.signature_algorithm(), SignatureAlgorithm::Sm2 { .. })
    {
        s += 5;
    }
    if candidates(cert).any(|t| looks_like_uscc(&t)) {
        s += 5;
    }
    if super::subject_country_is(cert, "CN") {
        s += 1;
    }
    s
}

/// Text that may carry an identifier: subject attributes and the GB/T 20518 extensions.
fn candidates(cert: &Certificate) -> impl Iterator<Item = String> + '_ {
    let s = cert.subject();
    let attrs = [
        AttributeType::SerialNumber,
        AttributeType::OrganizationIdentifier,
        AttributeType::OrganizationalUnit,
        AttributeType::CommonName,
    ]
    .into_iter()
    .flat_map(move |t| s.all(t).map(str::to_owned).collect::<Vec<_>>());
    let exts = ID_EXTENSIONS.iter().filter_map(|o| {
        let e = cert.extension(&Oid::new_unwrap(o))?;
        let t = asn1::read_single(&e.value).ok()?;
        asn1::decode_string(t.tag, t.value)
    });
    attrs.chain(exts)
}

fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| t.len() == 18)
}

fn looks_like_uscc(text: &str) -> bool {
    tokens(text).any(|t| uscc_shape(t) && !looks_like_resident_id(t))
}

/// GB 32100-2015 §4 layout: registration authority and entity type (2
/// characters), administrative division code (6 digits), organisation code
/// and check (10 characters), over the 31-character alphabet.
fn uscc_shape(t: &str) -> bool {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    t.len() == 18
        && t.bytes().all(|b| ALPHABET.contains(&b))
        && t.bytes().skip(2).take(6).all(|b| b.is_ascii_digit())
}

fn looks_like_resident_id(t: &str) -> bool {
    t.len() == 18
        && t.bytes().take(17).all(|b| b.is_ascii_digit())
        && t.as_bytes()
            .get(17)
            .is_some_and(|b| b.is_ascii_digit() || *b == b'X' || *b == b'x')
}

/// Runs the CN profile.
pub fn analyze(cert: &Certificate) -> ProfileReport {
    let mut r = ProfileReport::new("CN", Some(Jurisdiction::CN), cert);
    let texts: Vec<String> = candidates(cert).collect();
    for text in &texts {
        for t in tokens(text) {
            if looks_like_resident_id(t) {
                let id = Identifier::new(IdentifierScheme::CnResidentId, t, text);
                if id.check == CheckDigit::Valid || !super::identifier::uscc_valid(t) {
                    r.add_identifier(id);
                    continue;
                }
            }
            if uscc_shape(t) {
                r.add_identifier(Identifier::new(IdentifierScheme::CnUscc, t, text));
            }
        }
    }
    let uscc = r.identity.identifier(IdentifierScheme::CnUscc).is_some();
    let rid = r
        .identity
        .identifier(IdentifierScheme::CnResidentId)
        .is_some();
    if r.identity.kind != SignerKind::CertificationAuthority {
        r.identity.kind = match (uscc, rid) {
            (true, true) => SignerKind::Representative,
            (true, false) => SignerKind::LegalEntity,
            (false, true) => SignerKind::NaturalPerson,
            (false, false) if r.has_person_name() => SignerKind::NaturalPerson,
            _ => SignerKind::Unknown,
        };
        if !matches!(
            cert.key_algorithm(),
            KeyAlgorithm::Ec {
                curve: NamedCurve::Sm2
            }
        ) && matches!(cert.signature_algorithm(), SignatureAlgorithm::Sm2 { .. })
        {
            r.findings.push(ProfileFinding::InconsistentMarkers {
                reason: "SM2-signed certificate for a non-SM2 key".into(),
            });
        }
    }
    r
}
