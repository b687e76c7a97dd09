//! Identification of the signer (EN 319 102-1 §5.2.3 gives the signing
//! certificate; the national profile turns it into a normalised identity):
//! who signed, as the report names them.

use super::basic::Assessed;
use super::{IdentifierReport, SignerReport};
use crate::cert::Certificate;
use crate::profile::{CheckDigit, SignerKind};

fn kind_name(k: SignerKind) -> &'static str {
    match k {
        SignerKind::NaturalPerson => "natural person",
        SignerKind::LegalEntity => "legal entity",
        SignerKind::Representative => "representative of a legal entity",
        SignerKind::CertificationAuthority => "certification authority",
        SignerKind::Unknown => "unknown",
    }
}

fn check_name(c: &CheckDigit) -> String {
    match c {
        CheckDigit::Valid => "valid",
        CheckDigit::Invalid => "invalid",
        CheckDigit::NotDefined => "not-defined",
    }
    .to_owned()
}

pub(super) fn signer_report(a: &Assessed) -> SignerReport {
    let cert = a.check.certificate.as_ref();
    let subject = match (cert, &a.check.signer) {
        (Some(c), _) => c.subject().to_string(),
        (None, Some(sid)) => format!("unknown signer ({sid})"),
        (None, None) => "unreadable SignerInfo".to_owned(),
    };
    let jurisdiction = a.listing.as_ref().map(|(j, _)| j.to_string()).or_else(|| {
        a.profile
            .as_ref()
            .and_then(|p| p.jurisdiction)
            .map(|j| j.to_string())
    });
    SignerReport {
        subject,
        jurisdiction,
        profile: a.profile.as_ref().map(|p| p.profile.to_owned()),
        kind: a
            .profile
            .as_ref()
            .map(|p| kind_name(p.identity.kind).to_owned()),
        identifiers: a
            .profile
            .as_ref()
            .map(|p| {
                p.identity
                    .identifiers
                    .iter()
                    .map(|i| IdentifierReport {
                        scheme: i.scheme.to_string(),
                        value: i.value.clone(),
                        check: check_name(&i.check),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        claimed_levels: a.claimed.clone(),
        foreign_claims: a.foreign_claims.clone(),
        certificate_sha256: cert.map(Certificate::fingerprint_hex),
    }
}
