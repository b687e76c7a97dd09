//! What the relying jurisdiction concludes: its policy's constraints on
//! each signature, recognition through the registry, and the document rule
//! (co-signer roles, minimum level) — then the report and its verdict.

use super::basic::Assessed;
use super::finding::Finding;
use super::identification::signer_report;
use super::indication;
use super::signers;
use super::time::{self, StampVerdict};
use super::x509::Material;
use super::{
    AgreementStep, Indication, REPORT_FORMAT, RecognitionReport, RecognitionStatus,
    SignatureReport, ValidityReport, Verdict, VerificationReport, Verifier,
};
use crate::crypto::Verified;
use crate::envelope::{self, SignerInfo};
use crate::policy::{JurisdictionPolicy, PolicyFinding, SignedAttribute, SignerFacts};
use crate::registry::{Recognition, RecognitionQuery, Route};
use crate::{DocumentType, Jurisdiction, Time};

impl Verifier {
    /// Policy, recognition and the document rule for one relying jurisdiction.
    pub(super) fn judge(
        &self,
        relying: Jurisdiction,
        policy: &JurisdictionPolicy,
        expected: Option<DocumentType>,
        m: &Material<'_>,
        assessed: &[Assessed],
    ) -> VerificationReport {
        let at = m.at;
        // Not a jurisdiction of the registry, nor a member of a union in it:
        // there is no law to judge by (a baseline policy would have an empty
        // level vocabulary and refuse with a meaningless minimum level).
        if self.registry.jurisdiction(relying).is_none()
            && self.registry.union_of(relying).is_none()
        {
            let why = Finding::unknown_relying(relying, &self.registry);
            return self.assemble(relying, expected, at, Vec::new(), vec![why]);
        }
        let mut document_findings = Vec::new();
        // The document type: the caller's expectation, else what the envelope declares.
        let mut declared: Vec<DocumentType> = assessed
            .iter()
            .filter_map(|a| a.check.document_type)
            .collect();
        declared.sort();
        declared.dedup();
        let document_type = match (expected, declared.as_slice()) {
            (Some(e), d) => {
                for other in d.iter().filter(|x| **x != e) {
                    document_findings.push(Finding::document_type_mismatch(*other, e));
                }
                Some(e)
            }
            (None, [one]) => Some(*one),
            (None, []) => {
                document_findings.push(Finding::document_type_unknown());
                None
            }
            (None, many) => {
                document_findings.push(Finding::document_types_differ(many));
                None
            }
        };
        let signatures: Vec<SignatureReport> = assessed
            .iter()
            .map(|a| self.signature_report(a, relying, document_type, m, policy))
            .collect();
        if signatures.is_empty() {
            document_findings.push(Finding::no_signature());
        }
        if let Some(d) = document_type {
            // Only the parallel signatures (SignerInfos) fill roles; a
            // countersignature endorses another signature and is not a
            // co-signer of the document (RFC 5652 §11.4).
            let identities = signers::identities(
                &assessed
                    .iter()
                    .map(|a| {
                        (
                            a.check.certificate.as_ref(),
                            a.profile.as_ref().map(|p| &p.identity),
                        )
                    })
                    .collect::<Vec<_>>(),
            );
            let facts: Vec<SignerFacts> = signatures
                .iter()
                .zip(identities)
                .filter(|(s, _)| s.validity.indication == Indication::TotalPassed)
                .map(|(s, identity)| SignerFacts {
                    level: s.recognition.level.clone(),
                    roles: s.roles.clone(),
                    identity,
                })
                .collect();
            document_findings.extend(
                policy
                    .check_document(d, &facts, &self.vocabulary(relying))
                    .iter()
                    .map(Finding::document_rule),
            );
        }
        self.assemble(relying, document_type, at, signatures, document_findings)
    }

    /// The report, with the verdict drawn from the signatures and findings.
    pub(super) fn assemble(
        &self,
        relying: Jurisdiction,
        document_type: Option<DocumentType>,
        at: Time,
        signatures: Vec<SignatureReport>,
        document_findings: Vec<Finding>,
    ) -> VerificationReport {
        let mut reasons = Vec::new();
        for s in &signatures {
            collect_reasons(s, "signature", &mut reasons);
        }
        reasons.extend(document_findings.iter().cloned());
        VerificationReport {
            format: REPORT_FORMAT.to_owned(),
            registry_label: self.registry.label().to_owned(),
            registry_snapshot: self.snapshot.clone(),
            relying: relying.to_string(),
            document_type: document_type.map(|d| d.0),
            validation_time: at.to_string(),
            signatures,
            document_findings: document_findings
                .iter()
                .map(|f| f.message.clone())
                .collect(),
            document_coded_findings: document_findings,
            deviations: Vec::new(),
            verdict: Verdict {
                accepted: reasons.is_empty(),
                reasons: reasons.iter().map(|f| f.message.clone()).collect(),
                findings: reasons,
            },
        }
    }

    pub(super) fn signature_report(
        &self,
        a: &Assessed,
        relying: Jurisdiction,
        document_type: Option<DocumentType>,
        m: &Material<'_>,
        policy: &JurisdictionPolicy,
    ) -> SignatureReport {
        let at = m.at;
        // EN 319 102-1 §5.5: the time-stamps this jurisdiction accepts give
        // the best-signature-time; the signature is judged at it.
        let verdicts: Vec<StampVerdict> = a
            .stamps
            .iter()
            .map(|s| self.stamp_verdict(s, relying, document_type, at, policy))
            .collect();
        let (bst, poe) = time::best_signature_time(&a.stamps, &verdicts, at);
        let timed = self.with_time(a, bst, m);
        let mut outcome = timed.outcome;
        let mut reasons = timed.reasons;
        let path = timed.path.as_ref().or(a.path.as_ref());
        let listing = match &timed.carried {
            Some(c) => c.listing.as_ref(),
            None => a.listing.as_ref(),
        };
        let claimed = timed.carried.as_ref().map_or(&a.claimed, |c| &c.claimed);
        let revocation_checked = timed.revocation_checked.unwrap_or(a.revocation_checked);
        let verified: Option<&Verified> = a.check.result.as_ref().ok();
        // The relying policy's constraints, only on what passed so far, at
        // the best-signature-time: an algorithm sunset after a proven time
        // does not count against the signature (§5.5.4 d)).
        if outcome.0 == Indication::TotalPassed
            && let (Some(v), Some(cert)) = (verified, &a.check.certificate)
        {
            let mut findings = policy.check_algorithm(&v.algorithm, &v.key, bst);
            findings.extend(policy.check_key_usage(cert));
            findings.extend(policy.check_extended_key_usage(cert));
            if let Some(si) = &a.signer_info {
                findings.extend(policy.check_signed_attributes(&present_attributes(si)));
            }
            if let Some(path) = path {
                findings.extend(policy.check_path(path.certificates.len(), revocation_checked));
                // A rule the signature itself already breaks is named once.
                let chain: Vec<PolicyFinding> = policy
                    .check_path_algorithms(path, bst)
                    .into_iter()
                    .filter(|f| {
                        !matches!(f, PolicyFinding::PathAlgorithm { finding, .. } if findings.contains(finding))
                    })
                    .collect();
                findings.extend(chain);
            }
            // The claimed signing time may not be after the time proven
            // (EN 319 102-1 §5.5.4: signing-time before best-signature-time).
            if let Some(t) = a.check.signing_time {
                findings.extend(policy.check_signing_time(t, bst));
            }
            if let Some(d) = document_type
                && poe.is_none()
                && policy.timestamp_required(d)
            {
                findings.push(PolicyFinding::TimestampRequired { document_type: d });
            }
            if let Some(first) = findings.first() {
                outcome = indication::of_policy_finding(first);
            }
            reasons.extend(
                findings
                    .iter()
                    .map(|f| Finding::policy(f, policy.jurisdiction)),
            );
        }
        if outcome.0 == Indication::TotalPassed
            && let Some(f) = time::order_failure(&a.stamps)
        {
            outcome = (
                Indication::Indeterminate,
                Some(crate::verify::SubIndication::TimestampOrderFailure),
            );
            reasons.push(f);
        }
        let recognition = match (listing, document_type, &a.check.result) {
            (_, _, Err(_)) => {
                RecognitionReport::not_assessed(Finding::not_assessed_signature_invalid())
            }
            (None, _, _) => RecognitionReport::not_assessed(Finding::not_assessed_no_anchor()),
            (_, None, _) => {
                RecognitionReport::not_assessed(Finding::not_assessed_document_type_unknown())
            }
            (Some((_, listing)), Some(d), Ok(_)) => {
                // The listing and agreements as they stood when the
                // signature is proven to exist (the validation time without
                // a proof of existence).
                recognition_report(self.registry.recognise(&RecognitionQuery {
                    relying,
                    document_type: d,
                    at: bst,
                    anchor_id: listing.id.clone(),
                    claimed_levels: claimed.clone(),
                }))
            }
        };
        let roles = match (&a.check.certificate, &a.profile) {
            (Some(cert), Some(p)) => policy.roles_of(
                cert,
                &p.identity,
                listing.map(|(_, l)| l.service.as_str()),
                // No path, no policy-marked role (RFC 5280 §6.1.5).
                Some(
                    path.map(|path| path.user_constrained_policy_set.as_slice())
                        .unwrap_or_default(),
                ),
            ),
            _ => Vec::new(),
        };
        SignatureReport {
            index: a.check.index,
            signer: signer_report(a),
            signing_time: a.check.signing_time.map(|t| t.to_string()),
            declared_document_type: a.check.document_type.map(|d| d.0),
            signature_algorithm: verified.map(|v| v.algorithm.name()).or_else(|| {
                a.signer_info.as_ref().map(|si| {
                    crate::crypto::SignatureAlgorithm::from_identifier(si.signature_algorithm())
                        .name()
                })
            }),
            validity: ValidityReport {
                indication: outcome.0,
                sub_indication: outcome.1,
                reasons: reasons.iter().map(|f| f.message.clone()).collect(),
                findings: reasons,
                path: path
                    .map(|p| {
                        p.certificates
                            .iter()
                            .map(|c| c.certificate.subject().to_string())
                            .collect()
                    })
                    .unwrap_or_default(),
                anchor: listing.map(|(_, l)| l.id.clone()),
            },
            timestamps: a
                .stamps
                .iter()
                .zip(&verdicts)
                .enumerate()
                .map(|(i, (s, v))| time::stamp_report(s, v, poe == Some(i)))
                .collect(),
            best_signature_time: bst.to_string(),
            proof_of_existence: poe
                .and_then(|i| a.stamps.get(i))
                .map(|s| format!("{} #{}", s.kind.name(), s.index + 1)),
            recognition,
            roles,
            countersignatures: a
                .countersignatures
                .iter()
                .map(|c| self.signature_report(c, relying, document_type, m, policy))
                .collect(),
            deviations: a
                .check
                .deviations
                .iter()
                .chain(&a.deviations)
                .map(Finding::deviation)
                .collect(),
        }
    }
}

fn collect_reasons(s: &SignatureReport, what: &str, out: &mut Vec<Finding>) {
    let who = &s.signer.subject;
    let n = s.index + 1;
    if s.validity.indication != Indication::TotalPassed {
        out.push(Finding::not_valid(
            what == "countersignature",
            n,
            who,
            s.validity.indication,
            s.validity.sub_indication,
            &s.validity.findings,
        ));
    } else if what == "signature" && s.recognition.status != RecognitionStatus::Recognised {
        out.push(Finding::not_recognised_signature(
            n,
            who,
            &s.recognition.reasons,
            &s.recognition.findings,
        ));
    }
    for c in &s.countersignatures {
        collect_reasons(c, "countersignature", out);
    }
}

/// The CAdES signed attributes present, for the policy check.
fn present_attributes(si: &SignerInfo) -> Vec<SignedAttribute> {
    let Some(attrs) = si.signed_attributes() else {
        return Vec::new();
    };
    attrs
        .iter()
        .filter_map(|a| {
            let oid = a.oid();
            Some(if *oid == envelope::CONTENT_TYPE {
                SignedAttribute::ContentType
            } else if *oid == envelope::MESSAGE_DIGEST {
                SignedAttribute::MessageDigest
            } else if *oid == envelope::SIGNING_TIME {
                SignedAttribute::SigningTime
            } else if *oid == envelope::SIGNING_CERTIFICATE_V2 {
                SignedAttribute::SigningCertificateV2
            } else if *oid == envelope::CONTENT_HINTS {
                SignedAttribute::ContentHints
            } else if *oid == envelope::COMMITMENT_TYPE_INDICATION {
                SignedAttribute::CommitmentTypeIndication
            } else if *oid == envelope::SIGNATURE_POLICY_IDENTIFIER {
                SignedAttribute::SignaturePolicyIdentifier
            } else {
                return None;
            })
        })
        .collect()
}

fn recognition_report(r: Recognition) -> RecognitionReport {
    match r {
        Recognition::Recognised(ok) => {
            let (route, agreements) = match ok.route {
                Route::Domestic => ("domestic", Vec::new()),
                Route::Agreements(steps) => (
                    "agreement",
                    steps
                        .into_iter()
                        .map(|s| AgreementStep {
                            agreement: s.agreement,
                            legal_reference: s.legal_reference,
                            from_level: s.from_level,
                            to_level: s.to_level,
                        })
                        .collect(),
                ),
            };
            RecognitionReport {
                status: RecognitionStatus::Recognised,
                level: Some(ok.level),
                scheme: Some(ok.scheme.to_string()),
                issuing: Some(ok.issuing.to_string()),
                issuing_level: Some(ok.issuing_level),
                anchor: Some(ok.anchor_id),
                route: Some(route.to_owned()),
                agreements,
                reasons: Vec::new(),
                findings: Vec::new(),
            }
        }
        Recognition::NotRecognised(reasons) => RecognitionReport::without(
            RecognitionStatus::NotRecognised,
            reasons.iter().map(Finding::not_recognised).collect(),
        ),
    }
}
