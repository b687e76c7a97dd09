//! The fallback profile for certificates of schemes without a profile of
//! their own: the jurisdiction is the subject's countryName, the kind is
//! read from the name's shape (person names, organisation), no identifiers
//! or assurance levels are claimed.

use crate::cert::Certificate;
use crate::profile::{Jurisdiction, ProfileReport, SignerKind};

/// Runs the generic profile.
pub fn analyze(cert: &Certificate) -> ProfileReport {
    let jurisdiction = cert.subject().country().and_then(Jurisdiction::from_code);
    let mut r = ProfileReport::new("generic", jurisdiction, cert);
    if r.identity.kind != SignerKind::CertificationAuthority {
        r.identity.kind = match (r.has_person_name(), r.identity.organization.is_some()) {
            (true, true) => SignerKind::Representative,
            (true, false) => SignerKind::NaturalPerson,
            (false, true) => SignerKind::LegalEntity,
            (false, false) => SignerKind::Unknown,
        };
    }
    r
}
