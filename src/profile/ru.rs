//! Russia: qualified certificates under Federal Law No. 63-FZ "On Electronic
//! Signature" and the certificate form of FSB order No. 795 (27.12.2011, as
//! amended by FSB order No. 31 of 29.01.2021); attribute syntax as in
//! RFC 9215 (`RuStrongCertsSyntax`).
//!
//! Identity: OGRN / OGRNIP / INNLE / INN / SNILS name attributes.
//! Assurance: the class of the signature tool (КС1 … КА1, FSB order No. 796)
//! as certificate policies 1.2.643.100.113.1–6; subjectSignTool and
//! issuerSignTool extensions name the certified tools.

use crate::Oid;
use crate::asn1::{self, tag};
use crate::cert::extension::oid as ext;
use crate::cert::{AttributeType, Certificate};
use crate::crypto::KeyAlgorithm;
use crate::profile::{
    AssuranceLevel, Identifier, IdentifierScheme, Jurisdiction, ProfileFinding, ProfileReport,
    RuSignToolClass, SignerKind,
};

const CLASSES: [(&str, RuSignToolClass, &str); 6] = [
    ("1.2.643.100.113.1", RuSignToolClass::Kc1, "KC1"),
    ("1.2.643.100.113.2", RuSignToolClass::Kc2, "KC2"),
    ("1.2.643.100.113.3", RuSignToolClass::Kc3, "KC3"),
    ("1.2.643.100.113.4", RuSignToolClass::Kb1, "KB1"),
    ("1.2.643.100.113.5", RuSignToolClass::Kb2, "KB2"),
    ("1.2.643.100.113.6", RuSignToolClass::Ka1, "KA1"),
];

/// The RU sign-tool extensions of a certificate (FSB order No. 795; RFC 9215 §5).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct SignTools {
    /// subjectSignTool: the signature tool the subject uses.
    pub subject_sign_tool: Option<String>,
    /// issuerSignTool: signTool, cATool, signToolCert, cAToolCert.
    pub issuer_sign_tool: Option<[String; 4]>,
    /// IdentificationKind (RFC 9215 §5.4): 0 personal presence, 1 remote with a
    /// qualified certificate, 2 remote with a biometric passport, 3 remote via ESIA/EBS.
    pub identification_kind: Option<u64>,
}

/// Reads the RU sign-tool extensions; malformed ones are reported as `Err` with a reason.
pub fn sign_tools(cert: &Certificate) -> Result<SignTools, String> {
    let mut out = SignTools::default();
    if let Some(e) = cert.extension(&ext::RU_SUBJECT_SIGN_TOOL) {
        let t = asn1::read_single_tag(&e.value, tag::UTF8_STRING)
            .map_err(|e| format!("subjectSignTool: {e}"))?;
        out.subject_sign_tool = asn1::decode_string(t.tag, t.value);
    }
    if let Some(e) = cert.extension(&ext::RU_ISSUER_SIGN_TOOL) {
        let seq = asn1::read_single_tag(&e.value, tag::SEQUENCE)
            .map_err(|e| format!("issuerSignTool: {e}"))?;
        let mut r = seq.reader();
        let mut parts: [String; 4] = Default::default();
        for p in &mut parts {
            let t = r
                .read_tag(tag::UTF8_STRING)
                .map_err(|e| format!("issuerSignTool: {e}"))?;
            *p = asn1::decode_string(t.tag, t.value).unwrap_or_default();
        }
        r.finish().map_err(|e| format!("issuerSignTool: {e}"))?;
        out.issuer_sign_tool = Some(parts);
    }
    if let Some(e) = cert.extension(&ext::RU_IDENTIFICATION_KIND) {
        let t = asn1::read_single_tag(&e.value, tag::INTEGER)
            .map_err(|e| format!("identificationKind: {e}"))?;
        out.identification_kind =
            Some(asn1::small_uint(t.value).map_err(|e| format!("identificationKind: {e}"))?);
    }
    Ok(out)
}

pub(crate) fn score(cert: &Certificate) -> u32 {
    let mut s = 0;
    if super::names_have_arc(cert, "1.2.643") {
        s += 10;
    }
    if cert.extension(&ext::RU_SUBJECT_SIGN_TOOL).is_some()
        || cert.extension(&ext::RU_ISSUER_SIGN_TOOL).is_some()
    {
        s += 10;
    }
    if super::policies_under(cert, "1.2.643.100.113") {
        s += 10;
    }
    if super::key_is(cert, |k| {
        matches!(
            k,
            KeyAlgorithm::GostR3410_2001 { .. }
                | KeyAlgorithm::GostR3410_2012_256 { .. }
                | KeyAlgorithm::GostR3410_2012_512 { .. }
        )
    }) {
        s += 5;
    }
    if super::subject_country_is(cert, "RU") {
        s += 1;
    }
    s
}

/// Runs the RU profile.
pub fn analyze(cert: &Certificate) -> ProfileReport {
    let mut r = ProfileReport::new("RU", Some(Jurisdiction::RU), cert);
    let subject = cert.subject();
    let numeric = |t: AttributeType| subject.get(t).map(str::trim);

    if let Some(v) = numeric(AttributeType::RuOgrn) {
        add(&mut r, IdentifierScheme::RuOgrn, v, v, 13);
    }
    if let Some(v) = numeric(AttributeType::RuOgrnip) {
        add(&mut r, IdentifierScheme::RuOgrnip, v, v, 15);
    }
    if let Some(v) = numeric(AttributeType::RuInnLe) {
        add(&mut r, IdentifierScheme::RuInnLe, v, v, 10);
    }
    if let Some(v) = numeric(AttributeType::RuInn) {
        // Before FSB order No. 31 (2021) a legal entity's 10-digit INN was
        // carried here left-padded with "00" (RFC 9215 §4, INN note).
        match v.strip_prefix("00") {
            Some(inn10) if subject.get(AttributeType::RuOgrn).is_some() && inn10.len() == 10 => {
                add(&mut r, IdentifierScheme::RuInnLe, inn10, v, 10);
            }
            _ => add(&mut r, IdentifierScheme::RuInn, v, v, 12),
        }
    }
    if let Some(v) = numeric(AttributeType::RuSnils) {
        add(&mut r, IdentifierScheme::RuSnils, v, v, 11);
    }

    // RU givenName carries "given name + patronymic" (FSB order No. 795).
    if let Some(gn) = r.identity.given_name.clone() {
        let mut parts = gn.splitn(2, char::is_whitespace);
        r.identity.given_name = parts.next().map(str::to_owned);
        r.identity.patronymic = parts
            .next()
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty());
    }

    let has = |s: IdentifierScheme| r.identity.identifier(s).is_some();
    if r.identity.kind != SignerKind::CertificationAuthority {
        r.identity.kind = if has(IdentifierScheme::RuOgrnip) {
            SignerKind::NaturalPerson
        } else if has(IdentifierScheme::RuOgrn) || has(IdentifierScheme::RuInnLe) {
            if r.has_person_name() || has(IdentifierScheme::RuSnils) {
                SignerKind::Representative
            } else {
                SignerKind::LegalEntity
            }
        } else if has(IdentifierScheme::RuSnils)
            || has(IdentifierScheme::RuInn)
            || r.has_person_name()
        {
            SignerKind::NaturalPerson
        } else {
            SignerKind::Unknown
        };
    }

    for (oid, class, name) in CLASSES {
        let oid = Oid::new_unwrap(oid);
        if cert.has_policy(&oid) {
            r.assurance.push_policy_level(
                AssuranceLevel::RuSignToolClass(class),
                format!("policy {name}"),
                oid,
            );
        }
    }
    match sign_tools(cert) {
        Ok(tools) => {
            if let Some(t) = tools.subject_sign_tool {
                r.assurance
                    .mark(format!("subjectSignTool: {t}"), ext::RU_SUBJECT_SIGN_TOOL);
            }
            if let Some(t) = tools.issuer_sign_tool {
                r.assurance.mark(
                    format!("issuerSignTool: {}", t[0]),
                    ext::RU_ISSUER_SIGN_TOOL,
                );
            }
            let end_entity = r.identity.kind != SignerKind::CertificationAuthority;
            if end_entity
                && !r.assurance.levels.is_empty()
                && cert.extension(&ext::RU_SUBJECT_SIGN_TOOL).is_none()
            {
                r.findings.push(ProfileFinding::MissingElement {
                    element: "subjectSignTool extension",
                    rule: "FSB order No. 795: mandatory in a qualified certificate",
                });
            }
        }
        Err(reason) => r
            .findings
            .push(ProfileFinding::InconsistentMarkers { reason }),
    }
    r
}

fn add(r: &mut ProfileReport, scheme: IdentifierScheme, value: &str, raw: &str, len: usize) {
    if value.len() != len || !value.bytes().all(|b| b.is_ascii_digit()) {
        r.findings.push(ProfileFinding::MalformedIdentifier {
            scheme,
            value: raw.to_owned(),
            expected: match len {
                10 => "10 digits",
                11 => "11 digits",
                12 => "12 digits",
                13 => "13 digits",
                _ => "15 digits",
            },
        });
        return;
    }
    r.add_identifier(Identifier::new(scheme, value, raw));
}
