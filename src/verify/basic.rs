//! The validation process for basic signatures (EN 319 102-1 §5.3): format
//! and cryptographic verification (from the envelope), identification of
//! the signing certificate, X.509 validation and the national profile —
//! everything that does not depend on the relying jurisdiction.

use super::finding::Finding;
use super::indication::{self, Outcome};
use super::time::{AssessedStamp, Stamp};
use super::x509::{Material, Trust};
use super::{Indication, SubIndication, Verifier};
use crate::envelope::{self, SignerCheck, SignerInfo};
use crate::path::VerifiedPath;
use crate::profile::{self, ProfileReport};
use crate::registry::{AnchorListing, claimed_levels};
use crate::{Jurisdiction, PathError};

/// The relying-independent assessment of one SignerInfo.
pub(super) struct Assessed {
    pub(super) check: SignerCheck,
    pub(super) signer_info: Option<SignerInfo>,
    pub(super) profile: Option<ProfileReport>,
    /// The cryptographic and path outcome.
    pub(super) outcome: Outcome,
    pub(super) reasons: Vec<Finding>,
    pub(super) path: Option<VerifiedPath>,
    pub(super) listing: Option<(Jurisdiction, AnchorListing)>,
    pub(super) claimed: Vec<String>,
    /// Deviations the verifier (not the envelope) tolerated for this signature.
    pub(super) deviations: Vec<envelope::Deviation>,
    /// Claims in another vocabulary than the anchor's jurisdiction's (ignored).
    pub(super) foreign_claims: Vec<String>,
    pub(super) revocation_checked: bool,
    pub(super) countersignatures: Vec<Assessed>,
    /// The signature's time-stamps (signature- and content-time-stamps),
    /// checked as far as no relying jurisdiction is involved.
    pub(super) stamps: Vec<AssessedStamp>,
}

/// What a verified path carries for its signer: the anchor listing, the
/// levels claimed through it, and the deviations tolerated on the way.
#[derive(Default)]
pub(super) struct Carried {
    pub(super) listing: Option<(Jurisdiction, AnchorListing)>,
    pub(super) claimed: Vec<String>,
    pub(super) foreign_claims: Vec<String>,
    pub(super) deviations: Vec<envelope::Deviation>,
}

impl Verifier {
    /// Cryptography, path, revocation and profile: what does not depend on the relying jurisdiction.
    pub(super) fn assess(
        &self,
        check: SignerCheck,
        signer_info: Option<SignerInfo>,
        stamps: Vec<Stamp>,
        m: &Material<'_>,
    ) -> Assessed {
        let at = m.at;
        let countersignatures = check
            .countersignatures
            .iter()
            .map(|c| self.assess(c.clone(), None, Vec::new(), m))
            .collect();
        let profile = check.certificate.as_ref().map(|cert| {
            let fingerprint = cert.fingerprint_sha256();
            match self.parsed.get(&fingerprint).and_then(|p| p.profile) {
                Some(profile) => profile,
                None => {
                    let profile = profile::analyze(cert);
                    self.parsed.insert(cert, Some(&profile));
                    profile
                }
            }
        });
        let mut a = Assessed {
            check,
            signer_info,
            profile,
            outcome: indication::passed(),
            reasons: Vec::new(),
            path: None,
            listing: None,
            claimed: Vec::new(),
            deviations: Vec::new(),
            foreign_claims: Vec::new(),
            revocation_checked: false,
            countersignatures,
            stamps: Vec::new(),
        };
        if let Some(si) = &a.signer_info {
            a.stamps = stamps
                .into_iter()
                .map(|s| self.assess_stamp(s, si, &a.check, m))
                .collect();
        }
        if let Err(e) = &a.check.result {
            a.outcome = indication::of_envelope_error(e);
            a.reasons.push(Finding::envelope(e));
            return a;
        }
        let Some(cert) = a.check.certificate.clone() else {
            return a;
        };
        // EN 319 102-1 §5.2.6: a signing certificate not yet valid at the
        // validation time (never before the accepted signing time) was not
        // valid when the signature was made.
        let validity = cert.validity();
        if at < validity.not_before {
            a.outcome = (Indication::TotalFailed, Some(SubIndication::NotYetValid));
            a.reasons.push(Finding::signer_not_yet_valid(
                &cert.subject().to_string(),
                validity.not_before,
                at,
            ));
            return a;
        }
        let judged = self.judge_path(&cert, m, Trust::Signer);
        a.revocation_checked = judged.revocation_checked;
        match judged.built {
            Ok(path) => {
                let carried = self.carried(a.profile.as_ref(), &path);
                a.listing = carried.listing;
                a.claimed = carried.claimed;
                a.foreign_claims = carried.foreign_claims;
                a.deviations.extend(carried.deviations);
                a.path = Some(path);
            }
            Err(e) => {
                let subject = cert.subject().to_string();
                a.outcome = indication::of_path_error(&e, &subject);
                // EN 319 102-1 §5.2.6 / Table 5: an expired signing
                // certificate that a CRL keeping expired certificates
                // (expiredCertsOnCRL) shows unrevoked up to its expiry is
                // OUT_OF_BOUNDS_NOT_REVOKED rather than OUT_OF_BOUNDS_NO_POE.
                if let PathError::Expired {
                    subject: expired,
                    not_after,
                    ..
                } = &e
                    && *expired == subject
                    && (!m.crls.is_empty() || !m.ocsp.is_empty())
                {
                    let then = self.judge_path_at(&cert, m, *not_after);
                    if then.built.is_ok() && then.revocation_checked {
                        a.outcome = (
                            Indication::Indeterminate,
                            Some(SubIndication::OutOfBoundsNotRevoked),
                        );
                    }
                }
                a.reasons.push(Finding::path(&e));
            }
        }
        a
    }

    /// The anchor listing a path ends at, the levels the signer claims
    /// through it, and the deviations tolerated on the way.
    pub(super) fn carried(&self, profile: Option<&ProfileReport>, path: &VerifiedPath) -> Carried {
        let mut out = Carried::default();
        if let Some((j, listing)) = self.registry.listing_for_path(path) {
            if let (Some(p), Some(entry)) = (profile, self.registry.jurisdiction(j)) {
                // RFC 5280 §6.1.5: policy-borne levels only as far as the path carries them.
                let mut carried = path.user_constrained_policy_set.clone();
                if j == Jurisdiction::KZ && !carried.contains(&crate::path::ANY_POLICY) {
                    let nca: Vec<crate::Oid> = profile::kz::nca_subscriber_policies(path)
                        .into_iter()
                        .filter(|o| !carried.contains(o))
                        .collect();
                    if !nca.is_empty() {
                        out.deviations
                            .push(envelope::Deviation::KzNcaSubscriberPolicies {
                                policies: nca.iter().map(ToString::to_string).collect(),
                            });
                        carried.extend(nca);
                    }
                }
                let claim = claimed_levels(&p.assurance, entry, listing, &carried);
                out.claimed = claim.levels;
                out.foreign_claims = claim.foreign;
            }
            out.listing = Some((j, listing.clone()));
        }
        // The CRLs the revocation status rests on, read with a tolerated
        // deviation: reported, like the envelope's.
        for crl in &path.crl_signatures {
            if crl
                .deviations
                .contains(&crate::path::CrlDeviation::SignatureParametersNullVsAbsent)
            {
                let d = envelope::Deviation::CrlSignatureParametersNullVsAbsent {
                    issuer: crl.issuer.to_string(),
                };
                if !out.deviations.contains(&d) {
                    out.deviations.push(d);
                }
            }
        }
        out
    }
}
