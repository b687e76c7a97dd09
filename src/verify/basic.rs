//! The validation process for basic signatures (EN 319 102-1 §5.3): format
//! and cryptographic verification (from the envelope), identification of
//! the signing certificate, X.509 validation and the national profile —
//! everything that does not depend on the relying jurisdiction.

use super::finding::Finding;
use super::indication::{self, Outcome};
use super::x509::Material;
use super::{Indication, SubIndication, Verifier};
use crate::Jurisdiction;
use crate::envelope::{self, SignerCheck, SignerInfo};
use crate::path::VerifiedPath;
use crate::profile::{self, ProfileReport};
use crate::registry::{AnchorListing, claimed_levels};

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
}

impl Verifier {
    /// Cryptography, path, revocation and profile: what does not depend on the relying jurisdiction.
    pub(super) fn assess(
        &self,
        check: SignerCheck,
        signer_info: Option<SignerInfo>,
        m: &Material<'_>,
    ) -> Assessed {
        let at = m.at;
        let countersignatures = check
            .countersignatures
            .iter()
            .map(|c| self.assess(c.clone(), None, m))
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
        };
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
        let judged = self.judge_path(&cert, m);
        a.revocation_checked = judged.revocation_checked;
        match judged.built {
            Ok(path) => {
                if let Some((j, listing)) = self.registry.listing_for_path(&path) {
                    if let (Some(p), Some(entry)) = (&a.profile, self.registry.jurisdiction(j)) {
                        // RFC 5280 §6.1.5: policy-borne levels only as far as the path carries them.
                        let mut carried = path.user_constrained_policy_set.clone();
                        if j == Jurisdiction::KZ && !carried.contains(&crate::path::ANY_POLICY) {
                            let nca: Vec<crate::Oid> = profile::kz::nca_subscriber_policies(&path)
                                .into_iter()
                                .filter(|o| !carried.contains(o))
                                .collect();
                            if !nca.is_empty() {
                                a.deviations
                                    .push(envelope::Deviation::KzNcaSubscriberPolicies {
                                        policies: nca.iter().map(ToString::to_string).collect(),
                                    });
                                carried.extend(nca);
                            }
                        }
                        let claim = claimed_levels(&p.assurance, entry, listing, &carried);
                        a.claimed = claim.levels;
                        a.foreign_claims = claim.foreign;
                    }
                    a.listing = Some((j, listing.clone()));
                }
                // The CRLs the revocation status rests on, read with a
                // tolerated deviation: reported, like the envelope's.
                for crl in &path.crl_signatures {
                    if crl
                        .deviations
                        .contains(&crate::path::CrlDeviation::SignatureParametersNullVsAbsent)
                    {
                        let d = envelope::Deviation::CrlSignatureParametersNullVsAbsent {
                            issuer: crl.issuer.to_string(),
                        };
                        if !a.deviations.contains(&d) {
                            a.deviations.push(d);
                        }
                    }
                }
                a.path = Some(path);
            }
            Err(e) => {
                a.outcome = indication::of_path_error(&e, &cert.subject().to_string());
                a.reasons.push(Finding::path(&e));
            }
        }
        a
    }
}
