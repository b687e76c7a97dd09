//! The validation process for signatures with time (EN 319 102-1 §5.5):
//! the signature's time-stamps checked (the time-stamp validation building
//! block, §5.4: token, imprint, TSA certificate and its path to a TSA
//! anchor of the registry), a proof of existence (POE) from each
//! signature-time-stamp the relying jurisdiction accepts, the
//! best-signature-time, and the signer's path judged again at that time
//! when the validation time alone left it INDETERMINATE.

use super::basic::{Assessed, Carried};
use super::finding::Finding;
use super::indication::{self, Outcome};
use super::x509::{Material, Trust};
use super::{Indication, SubIndication, TimestampReport, Verifier};
use crate::cert::Certificate;
use crate::crypto::Verified;
use crate::envelope::{SignerCheck, SignerInfo};
use crate::path::VerifiedPath;
use crate::policy::JurisdictionPolicy;
use crate::registry::{AnchorListing, TimestampQuery};
use crate::tsp::{self, TimeStampToken, TspError, TstInfo};
use crate::{DocumentType, HashAlgorithm, Jurisdiction, Time};

/// What a time-stamp covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StampKind {
    /// A signature-time-stamp (EN 319 122-1 §5.3): over the signature
    /// value; a proof that the signature existed at its time.
    Signature,
    /// A content-time-stamp (EN 319 122-1 §5.2.8): over the content,
    /// before it was signed.
    Content,
}

impl StampKind {
    /// The name the report uses.
    pub(super) fn name(self) -> &'static str {
        match self {
            StampKind::Signature => "signature-time-stamp",
            StampKind::Content => "content-time-stamp",
        }
    }
}

/// One time-stamp as read from a SignerInfo.
pub(super) struct Stamp {
    pub(super) kind: StampKind,
    pub(super) index: usize,
    pub(super) token: Result<TimeStampToken, TspError>,
}

/// The time-stamps of a SignerInfo: signature-time-stamps (unsigned
/// attribute) then content-time-stamps (signed attribute), in order.
pub(super) fn stamps_of(si: &SignerInfo) -> Vec<Stamp> {
    let signature = tsp::signature_timestamps(si)
        .into_iter()
        .enumerate()
        .map(|(index, token)| Stamp {
            kind: StampKind::Signature,
            index,
            token,
        });
    let content = tsp::content_timestamps(si)
        .into_iter()
        .enumerate()
        .map(|(index, token)| Stamp {
            kind: StampKind::Content,
            index,
            token,
        });
    signature.chain(content).collect()
}

/// A time-stamp checked as far as no relying jurisdiction is involved.
#[derive(Clone)]
pub(super) struct AssessedStamp {
    pub(super) kind: StampKind,
    pub(super) index: usize,
    /// The TSTInfo, when the token could be read.
    pub(super) info: Option<TstInfo>,
    /// The TSA (time-stamping unit) certificate, when found.
    pub(super) tsa: Option<Certificate>,
    /// The algorithm and key of the token's signature, when it verified.
    pub(super) verified: Option<Verified>,
    /// The TSA certificate's path to a TSA anchor.
    pub(super) path: Option<VerifiedPath>,
    /// The TSA listing the path ends at.
    pub(super) listing: Option<(Jurisdiction, AnchorListing)>,
    /// Why it cannot give a proof of existence, whoever relies on it.
    pub(super) reasons: Vec<Finding>,
}

impl AssessedStamp {
    /// The token is intact, its imprint matches, its TSA certificate is
    /// fit for time-stamping and has a path to a TSA anchor.
    pub(super) fn is_valid(&self) -> bool {
        self.reasons.is_empty() && self.path.is_some()
    }

    /// Whether `self` is later than `other` (genTime, with fractions).
    fn later_than(&self, other: &AssessedStamp) -> bool {
        match (&self.info, &other.info) {
            (Some(a), Some(b)) => (a.gen_time, a.gen_time_nanos) > (b.gen_time, b.gen_time_nanos),
            _ => false,
        }
    }
}

/// A time-stamp judged for one relying jurisdiction.
#[derive(Clone)]
pub(super) struct StampVerdict {
    /// Valid, accepted by the relying policy, and a signature-time-stamp:
    /// it proves the signature existed at [`TstInfo::latest_time`].
    pub(super) poe: bool,
    /// The TSA is recognised by the relying jurisdiction.
    pub(super) recognised: bool,
    /// How it is recognised (own, partner agreement, listed), when it is.
    pub(super) basis: Option<String>,
    /// Everything that keeps it from giving a proof of existence.
    pub(super) reasons: Vec<Finding>,
}

/// The signer's validation with time, for one relying jurisdiction.
pub(super) struct Timed {
    pub(super) outcome: Outcome,
    pub(super) reasons: Vec<Finding>,
    /// The path, when judged again at the best-signature-time.
    pub(super) path: Option<VerifiedPath>,
    pub(super) carried: Option<Carried>,
    pub(super) revocation_checked: Option<bool>,
}

impl Verifier {
    /// EN 319 102-1 §5.4: a time-stamp's token, imprint, signature, TSA
    /// certificate and its path to a TSA anchor (at the validation time:
    /// without a later POE, CAdES-B-T judges the TSA now).
    pub(super) fn assess_stamp(
        &self,
        stamp: Stamp,
        si: &SignerInfo,
        check: &SignerCheck,
        m: &Material<'_>,
    ) -> AssessedStamp {
        let what = format!("{} #{}", stamp.kind.name(), stamp.index + 1);
        let mut out = AssessedStamp {
            kind: stamp.kind,
            index: stamp.index,
            info: None,
            tsa: None,
            verified: None,
            path: None,
            listing: None,
            reasons: Vec::new(),
        };
        let token = match stamp.token {
            Ok(t) => t,
            Err(e) => {
                out.reasons.push(Finding::timestamp(&what, &e));
                return out;
            }
        };
        out.info = Some(token.info().clone());
        let imprint = match stamp.kind {
            StampKind::Signature => token.matches(si.signature()).map_err(Some),
            StampKind::Content => content_imprint(&token, si, check, m.content),
        };
        match imprint {
            Ok(()) => {}
            Err(Some(e)) => {
                out.reasons.push(Finding::timestamp(&what, &e));
                return out;
            }
            Err(None) => {
                out.reasons
                    .push(Finding::timestamp_imprint_unchecked(&what));
                return out;
            }
        }
        let tsa = match token.verify(&self.verifiers, m.intermediates) {
            Ok(c) => c,
            Err(e) => {
                out.reasons.push(Finding::timestamp(&what, &e));
                return out;
            }
        };
        out.verified = Some(tsa.verified);
        // A token dated outside its unit's certificate was not made under
        // that certificate (RFC 3161 §2.3: the TSA signs with a key whose
        // certificate is valid when it time-stamps).
        let validity = tsa.certificate.validity();
        if let Some(info) = &out.info
            && (info.gen_time < validity.not_before || info.gen_time > validity.not_after)
        {
            out.reasons.push(Finding::timestamp_outside_tsa_validity(
                &what,
                info.gen_time,
                &tsa.certificate.subject().to_string(),
                validity.not_before,
                validity.not_after,
            ));
        }
        let judged = self.judge_path(&tsa.certificate, m, Trust::TimeStamping);
        match judged.built {
            Ok(path) => {
                match self.registry.tsa_listing_for_path(&path) {
                    Some((j, l)) => out.listing = Some((j, l.clone())),
                    None => out.reasons.push(Finding::timestamp_tsa_not_listed(
                        &what,
                        &tsa.certificate.subject().to_string(),
                    )),
                }
                out.path = Some(path);
            }
            Err(e) => out.reasons.push(Finding::timestamp_path(&what, &e)),
        }
        out.tsa = Some(tsa.certificate);
        out
    }

    /// A time-stamp for `relying`: its policy's cryptographic constraints on
    /// the TSA's signature at the validation time, and whether it accepts
    /// the TSA (the registry's recognition of time-stamping services).
    pub(super) fn stamp_verdict(
        &self,
        s: &AssessedStamp,
        relying: Jurisdiction,
        document_type: Option<DocumentType>,
        at: Time,
        policy: &JurisdictionPolicy,
    ) -> StampVerdict {
        let what = format!("{} #{}", s.kind.name(), s.index + 1);
        let mut reasons = s.reasons.clone();
        if let Some(v) = &s.verified {
            let mut findings = policy.check_algorithm(&v.algorithm, &v.key, at);
            if let Some(path) = &s.path {
                findings.extend(policy.check_path_algorithms(path, at));
            }
            reasons.extend(
                findings
                    .iter()
                    .map(|f| Finding::timestamp_policy(&what, f, policy.jurisdiction)),
            );
        }
        let mut recognised = false;
        let mut basis = None;
        if let (Some((_, listing)), Some(info)) = (&s.listing, &s.info) {
            match self.recognise_tsa(relying, document_type, info.gen_time, listing, policy) {
                Ok(b) => {
                    recognised = true;
                    basis = Some(b);
                }
                Err(why) => reasons.extend(why.into_iter().map(|f| f.prefixed(&what))),
            }
        }
        StampVerdict {
            poe: s.kind == StampKind::Signature && s.is_valid() && recognised && reasons.is_empty(),
            recognised,
            basis,
            reasons,
        }
    }

    /// Whether `relying` accepts the TSA listed as `listing` for a
    /// time-stamp made at `gen_time` (its listing status then, and the
    /// policy's rule on whose TSAs count): the basis, or every failing rule.
    fn recognise_tsa(
        &self,
        relying: Jurisdiction,
        document_type: Option<DocumentType>,
        gen_time: Time,
        listing: &AnchorListing,
        policy: &JurisdictionPolicy,
    ) -> Result<String, Vec<Finding>> {
        let Some(document_type) = document_type else {
            return Err(vec![Finding::not_assessed_document_type_unknown()]);
        };
        let r = self.registry.recognise_timestamp(&TimestampQuery {
            relying,
            document_type,
            at: gen_time,
            anchor_id: listing.id.clone(),
            acceptance: policy.timestamps.accept,
            min_level: policy.timestamps.min_level.clone(),
        });
        match (&r.tsa, r.is_recognised()) {
            (Some(facts), true) => Ok(facts.basis.to_string()),
            _ => Err(r.refusals.iter().map(Finding::timestamp_refused).collect()),
        }
    }

    /// EN 319 102-1 §5.5.4 on the basic outcome: with a best-signature-time
    /// before the validation time, an INDETERMINATE that only the time left
    /// open is decided at that time — the signer's path judged at `bst`
    /// (certificates valid then, revocations taking effect after it not
    /// counting). Passing, failing and the other INDETERMINATE outcomes
    /// stand.
    pub(super) fn with_time(&self, a: &Assessed, bst: Time, m: &Material<'_>) -> Timed {
        let unchanged = Timed {
            outcome: a.outcome,
            reasons: a.reasons.clone(),
            path: None,
            carried: None,
            revocation_checked: None,
        };
        let (Indication::Indeterminate, Some(sub)) = a.outcome else {
            return unchanged;
        };
        let time_bound = matches!(
            sub,
            SubIndication::OutOfBoundsNoPoe
                | SubIndication::OutOfBoundsNotRevoked
                | SubIndication::RevokedNoPoe
                | SubIndication::RevokedCaNoPoe
        );
        let Some(cert) = a.check.certificate.as_ref() else {
            return unchanged;
        };
        if !time_bound || bst >= m.at {
            return unchanged;
        }
        // §5.5.4 c): a signature proven to exist before its certificate was
        // issued is FAILED / NOT_YET_VALID.
        let validity = cert.validity();
        if bst < validity.not_before {
            return Timed {
                outcome: (Indication::TotalFailed, Some(SubIndication::NotYetValid)),
                reasons: vec![Finding::signer_not_yet_valid(
                    &cert.subject().to_string(),
                    validity.not_before,
                    bst,
                )],
                path: None,
                carried: None,
                revocation_checked: None,
            };
        }
        let judged = self.judge_path_at(cert, m, bst);
        match judged.built {
            Ok(path) => Timed {
                outcome: indication::passed(),
                reasons: Vec::new(),
                carried: Some(self.carried(a.profile.as_ref(), &path)),
                path: Some(path),
                revocation_checked: Some(judged.revocation_checked),
            },
            Err(e) => Timed {
                outcome: indication::of_path_error(&e, &cert.subject().to_string()),
                reasons: vec![Finding::path(&e)],
                path: None,
                carried: None,
                revocation_checked: None,
            },
        }
    }
}

/// The best-signature-time (EN 319 102-1 §5.5.4): the earliest time a
/// proof of existence gives (the latest instant each token's genTime and
/// accuracy allow), else the validation time; with the time-stamp that
/// gave it.
pub(super) fn best_signature_time(
    stamps: &[AssessedStamp],
    verdicts: &[StampVerdict],
    at: Time,
) -> (Time, Option<usize>) {
    let mut best = (at, None);
    for (i, (s, v)) in stamps.iter().zip(verdicts).enumerate() {
        if let (true, Some(info)) = (v.poe, &s.info) {
            let t = info.latest_time();
            if t < best.0 {
                best = (t, Some(i));
            }
        }
    }
    best
}

/// EN 319 102-1 §5.5.4: a content-time-stamp is no later than every
/// signature-time-stamp (both valid), else TIMESTAMP_ORDER_FAILURE.
pub(super) fn order_failure(stamps: &[AssessedStamp]) -> Option<Finding> {
    let valid = |k: StampKind| stamps.iter().filter(move |s| s.kind == k && s.is_valid());
    for c in valid(StampKind::Content) {
        for s in valid(StampKind::Signature) {
            if c.later_than(s)
                && let (Some(ci), Some(si)) = (&c.info, &s.info)
            {
                return Some(Finding::timestamp_order(
                    c.index + 1,
                    ci.gen_time,
                    s.index + 1,
                    si.gen_time,
                ));
            }
        }
    }
    None
}

/// A content-time-stamp's imprint. When the time-stamp used the signer's
/// digest algorithm and the signature verified, the signed message-digest
/// is the content's digest already computed (the envelope check bound it
/// to the content): compare with it rather than hash the content again.
/// Otherwise hash the content when it is in memory; `Err(None)` when
/// neither is possible (streamed content hashed only with other algorithms).
fn content_imprint(
    token: &TimeStampToken,
    si: &SignerInfo,
    check: &SignerCheck,
    content: Option<&[u8]>,
) -> Result<(), Option<TspError>> {
    let imprint = &token.info().message_imprint;
    let signer_hash = HashAlgorithm::from_oid(&si.digest_algorithm().oid);
    if let (Some(h), Some(s), Some(md), Ok(_)) = (
        imprint.hash,
        signer_hash,
        si.message_digest(),
        &check.result,
    ) && h == s
    {
        return if imprint.digest == md {
            Ok(())
        } else {
            Err(Some(TspError::ImprintMismatch))
        };
    }
    match content {
        Some(bytes) => token.matches(bytes).map_err(Some),
        None => Err(None),
    }
}

/// The report of one time-stamp.
pub(super) fn stamp_report(s: &AssessedStamp, v: &StampVerdict, gave_poe: bool) -> TimestampReport {
    TimestampReport {
        kind: s.kind.name().to_owned(),
        number: s.index + 1,
        tsa: s.tsa.as_ref().map(|c| c.subject().to_string()),
        tsa_jurisdiction: s.listing.as_ref().map(|(j, _)| j.to_string()),
        anchor: s.listing.as_ref().map(|(_, l)| l.id.clone()),
        gen_time: s.info.as_ref().map(gen_time_text),
        policy: s.info.as_ref().map(|i| i.policy.to_string()),
        valid: s.is_valid(),
        recognised: v.recognised,
        basis: v.basis.clone(),
        proof_of_existence: gave_poe,
        reasons: v.reasons.iter().map(|f| f.message.clone()).collect(),
        findings: v.reasons.clone(),
    }
}

/// genTime as RFC 3339, its fraction kept (without trailing zeros).
fn gen_time_text(info: &TstInfo) -> String {
    let whole = info.gen_time.to_string();
    if info.gen_time_nanos == 0 {
        return whole;
    }
    let fraction = format!("{:09}", info.gen_time_nanos);
    let fraction = fraction.trim_end_matches('0');
    match whole.strip_suffix('Z') {
        Some(base) => format!("{base}.{fraction}Z"),
        None => whole,
    }
}
