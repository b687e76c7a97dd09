//! Basic path validation (RFC 5280 §6.1) of one candidate path.

use crate::cert::{Certificate, NameConstraints};
use crate::crypto::{PublicKeyInfo, VerifyOptions};
use crate::error::PathError;
use crate::path::policy::{ANY_POLICY, PolicyTree};
use crate::path::{
    Budget, PathCertificate, Role, TrustAnchor, ValidationOptions, VerifiedPath, name_constraints,
};

fn dec(v: usize) -> usize {
    v.saturating_sub(1)
}

/// Validates `path` (the target first, then its issuers, the last one
/// issued by `anchor`) at `options.at`, charging `budget`.
/// Certificate signatures already verified during one path search: (the
/// certificate's fingerprint, the issuer's SubjectPublicKeyInfo) → whether
/// the hash was weak. Only successes are recorded.
#[derive(Debug, Default)]
pub(crate) struct VerifiedLinks(std::collections::HashMap<([u8; 32], Vec<u8>), bool>);

impl VerifiedLinks {
    pub(crate) fn record(&mut self, cert: &Certificate, issuer_spki: &[u8], weak: bool) {
        self.0
            .insert((cert.fingerprint_sha256(), issuer_spki.to_vec()), weak);
    }

    fn get(&self, cert: &Certificate, issuer_spki: &[u8]) -> Option<bool> {
        self.0
            .get(&(cert.fingerprint_sha256(), issuer_spki.to_vec()))
            .copied()
    }
}

pub(crate) fn validate(
    path: &[Certificate],
    anchor: &TrustAnchor,
    options: &ValidationOptions,
    budget: &mut Budget,
    links: &VerifiedLinks,
) -> Result<VerifiedPath, PathError> {
    // RFC 5937 §3: with the anchor's certificate constraints enforced, the
    // anchor certificate is processed as the first certificate of the path
    // (its basicConstraints, keyUsage, policies, policy and name
    // constraints apply), without a signature or name-chaining check.
    let anchor_cert = anchor
        .certificate()
        .filter(|_| anchor.enforces_certificate_constraints());
    let full: Vec<&Certificate> = path.iter().chain(anchor_cert).collect();
    let n = full.len();
    if options.enforce_anchor_validity
        && let Some(a) = anchor.certificate()
    {
        check_validity(a, options)?;
    }
    // §6.1.2 initialisation.
    let mut working_key: PublicKeyInfo = anchor.key().clone();
    let mut working_issuer = anchor.name().clone();
    let mut max_path_length = n;
    let mut constraints: Vec<NameConstraints> =
        anchor.name_constraints().cloned().into_iter().collect();
    let mut tree = PolicyTree::new();
    let mut explicit_policy = if options.initial_explicit_policy {
        0
    } else {
        n + 1
    };
    let mut inhibit_any_policy = if options.initial_any_policy_inhibit {
        0
    } else {
        n + 1
    };
    let mut policy_mapping = if options.initial_policy_mapping_inhibit {
        0
    } else {
        n + 1
    };
    let mut user_constrained_policy_set = Vec::new();

    for (idx, cert) in full.iter().rev().enumerate() {
        let cert: &Certificate = cert;
        let i = idx + 1;
        let subject = cert.subject().to_string();
        let self_issued = cert.is_self_issued();
        let is_anchor = i == 1 && anchor_cert.is_some();

        if !is_anchor {
            // §6.1.3 (a)(1): the signature, with the working key. RFC 5280
            // §4.1.1.2: the TBS copy of the algorithm must equal the outer one.
            if cert.tbs_signature_algorithm_identifier() != cert.signature_algorithm_identifier() {
                return Err(PathError::SignatureAlgorithmMismatch { subject });
            }
            budget.charge_signature()?;
            if cert.signature_unused_bits() != 0 {
                return Err(PathError::Malformed {
                    subject,
                    reason: "signature BIT STRING has unused bits".into(),
                });
            }
            // A link path building has just verified is not verified twice.
            let weak = match links.get(cert, working_key.der()) {
                Some(weak) => weak,
                None => {
                    options
                        .verifiers
                        .verify_with(
                            &working_key,
                            cert.signature_algorithm_identifier(),
                            cert.tbs_der(),
                            cert.signature_value(),
                            &VerifyOptions::default(),
                        )
                        .map_err(|error| PathError::Signature {
                            subject: subject.clone(),
                            error,
                        })?
                        .weak
                }
            };
            if weak && !options.allow_weak_signatures {
                return Err(PathError::WeakSignature {
                    subject,
                    algorithm: cert.signature_algorithm().name(),
                });
            }
            check_profile(cert, i < n)?;
            // (a)(2) validity.
            check_validity(cert, options)?;
            // (a)(4) name chaining (§7.1 comparison).
            if !cert.issuer().matches(&working_issuer) {
                return Err(PathError::Malformed {
                    subject,
                    reason: format!("issuer does not chain to {working_issuer}"),
                });
            }
        }
        // (b)–(c) name constraints, except for self-issued intermediates.
        if !(self_issued && i < n) {
            name_constraints::check(cert, &constraints, budget)?;
        }
        // (d)–(f) certificate policies.
        match cert.certificate_policies() {
            Some(policies) => {
                let oids: Vec<_> = policies.iter().map(|p| p.oid).collect();
                tree.process_certificate(
                    i,
                    &oids,
                    inhibit_any_policy > 0 || (i < n && self_issued),
                );
            }
            // RFC 5937 §3.2: an anchor without certificatePolicies places no
            // policy constraint on the path (it is not a null tree).
            None if is_anchor => tree.process_certificate(i, &[ANY_POLICY], true),
            None => tree.set_null(),
        }
        if explicit_policy == 0 && tree.is_null() {
            return Err(PathError::PolicyRequired { subject });
        }

        if i < n {
            // §6.1.4 preparation for certificate i+1.
            if let Some(mappings) = &cert.extensions().policy_mappings {
                // (a): anyPolicy may not be mapped.
                if mappings
                    .iter()
                    .any(|(a, b)| *a == ANY_POLICY || *b == ANY_POLICY)
                {
                    return Err(PathError::Malformed {
                        subject,
                        reason: "policyMappings maps anyPolicy (RFC 5280 §6.1.4 (a))".into(),
                    });
                }
                tree.apply_mappings(i, mappings, policy_mapping > 0);
            }
            // (c)–(f) working issuer and key.
            working_issuer = cert.subject().clone();
            working_key = cert
                .public_key_info()
                .map_err(|error| PathError::Signature {
                    subject: subject.clone(),
                    error,
                })?;
            // (g) name constraints.
            if let Some(nc) = cert.name_constraints() {
                constraints.push(nc.clone());
            }
            // (h) counters.
            if !self_issued {
                explicit_policy = dec(explicit_policy);
                policy_mapping = dec(policy_mapping);
                inhibit_any_policy = dec(inhibit_any_policy);
            }
            // (i) policyConstraints.
            if let Some(pc) = cert.extensions().policy_constraints {
                if let Some(r) = pc.require_explicit_policy {
                    explicit_policy = explicit_policy.min(r as usize);
                }
                if let Some(m) = pc.inhibit_policy_mapping {
                    policy_mapping = policy_mapping.min(m as usize);
                }
            }
            // (j) inhibitAnyPolicy.
            if let Some(skip) = cert.extensions().inhibit_any_policy {
                inhibit_any_policy = inhibit_any_policy.min(skip as usize);
            }
            // (k) a CA: v3 with basicConstraints cA (v1/v2 certificates are refused).
            // RFC 5937 §3.2: an anchor certificate's basicConstraints only
            // constrains when present, but one that says cA FALSE is refused.
            let anchor_without_bc = is_anchor && cert.basic_constraints().is_none();
            if !anchor_without_bc && (cert.version() < 3 || !cert.is_ca()) {
                return Err(PathError::NotCa { subject });
            }
            // (l) path length.
            if !self_issued {
                if max_path_length == 0 {
                    return Err(PathError::PathLengthExceeded { subject });
                }
                max_path_length -= 1;
            }
            // (m) pathLenConstraint.
            if let Some(len) = cert.basic_constraints().and_then(|b| b.path_len) {
                max_path_length = max_path_length.min(len as usize);
            }
            // (n) keyCertSign.
            if cert.key_usage().is_some_and(|ku| !ku.key_cert_sign()) {
                return Err(PathError::KeyCertSignMissing { subject });
            }
        } else {
            // §6.1.5 wrap-up.
            explicit_policy = dec(explicit_policy);
            if cert
                .extensions()
                .policy_constraints
                .and_then(|pc| pc.require_explicit_policy)
                == Some(0)
            {
                explicit_policy = 0;
            }
            user_constrained_policy_set = tree.intersect(n, &options.initial_policy_set);
            if explicit_policy == 0 && tree.is_null() {
                return Err(PathError::PolicyRequired { subject });
            }
        }
        // §6.1.4 (o) / §6.1.5 (f): unknown critical extensions.
        if let Some(oid) = cert.unknown_critical_extensions().first() {
            return Err(PathError::UnknownCriticalExtension { subject, oid: *oid });
        }
    }

    let certificates = path
        .iter()
        .enumerate()
        .map(|(k, c)| PathCertificate {
            certificate: c.clone(),
            role: if k == 0 {
                Role::Target
            } else {
                Role::Intermediate
            },
        })
        .collect();
    Ok(VerifiedPath {
        certificates,
        anchor: anchor.clone(),
        user_constrained_policy_set,
        crl_signatures: Vec::new(),
    })
}

/// The RFC 5280 certificate-profile rules a verifier can check and that
/// path construction relies on: key identifiers present and non-critical
/// (§4.2.1.1, §4.2.1.2), name constraints only in CA certificates
/// (§4.2.1.10), keyCertSign only with cA
/// (§4.2.1.3), authorityInfoAccess non-critical (§4.2.2.1). (A non-critical
/// policyConstraints is accepted: PKITS' valid policy paths use one.)
fn check_profile(cert: &Certificate, issuing: bool) -> Result<(), PathError> {
    use crate::cert::extension::oid;
    let subject = || cert.subject().to_string();
    let malformed = |reason: &str| PathError::Malformed {
        subject: subject(),
        reason: reason.to_owned(),
    };
    let ext = |o| cert.extension(&o);
    if ext(oid::AUTHORITY_KEY_IDENTIFIER).is_some_and(|e| e.critical) {
        return Err(malformed(
            "authorityKeyIdentifier must be non-critical (RFC 5280 §4.2.1.1)",
        ));
    }
    if ext(oid::SUBJECT_KEY_IDENTIFIER).is_some_and(|e| e.critical) {
        return Err(malformed(
            "subjectKeyIdentifier must be non-critical (RFC 5280 §4.2.1.2)",
        ));
    }
    if cert
        .authority_key_id()
        .and_then(|a| a.key_id.as_ref())
        .is_none()
    {
        return Err(malformed(
            "authorityKeyIdentifier keyIdentifier missing (RFC 5280 §4.2.1.1: MUST in all but self-signed certificates)",
        ));
    }
    if issuing && cert.subject_key_id().is_none() {
        return Err(malformed(
            "subjectKeyIdentifier missing in a CA certificate (RFC 5280 §4.2.1.2)",
        ));
    }
    if !cert.is_ca() {
        if ext(oid::NAME_CONSTRAINTS).is_some() {
            return Err(malformed(
                "nameConstraints in an end-entity certificate (RFC 5280 §4.2.1.10)",
            ));
        }
        if cert.key_usage().is_some_and(|ku| ku.key_cert_sign()) {
            return Err(malformed(
                "keyCertSign without basicConstraints cA (RFC 5280 §4.2.1.3)",
            ));
        }
    }
    // RFC 5280 §4.2.1.4: a critical certificatePolicies with a qualifier we
    // cannot interpret is refused (as BoringSSL does).
    if ext(oid::CERTIFICATE_POLICIES).is_some_and(|e| e.critical)
        && cert.certificate_policies().is_some_and(|ps| {
            ps.iter().any(|p| {
                p.qualifiers
                    .iter()
                    .any(|q| matches!(q, crate::cert::PolicyQualifier::Other { .. }))
            })
        })
    {
        return Err(malformed(
            "critical certificatePolicies with an unrecognised policy qualifier",
        ));
    }
    if ext(oid::AUTHORITY_INFO_ACCESS).is_some_and(|e| e.critical) {
        return Err(malformed(
            "authorityInfoAccess must be non-critical (RFC 5280 §4.2.2.1)",
        ));
    }
    Ok(())
}

fn check_validity(cert: &Certificate, options: &ValidationOptions) -> Result<(), PathError> {
    let v = cert.validity();
    if options.at < v.not_before {
        return Err(PathError::NotYetValid {
            subject: cert.subject().to_string(),
            not_before: v.not_before,
            at: options.at,
        });
    }
    if options.at > v.not_after {
        return Err(PathError::Expired {
            subject: cert.subject().to_string(),
            not_after: v.not_after,
            at: options.at,
        });
    }
    Ok(())
}
