//! Revocation status from caller-supplied CRLs (RFC 5280 §6.3; no network).
//!
//! Supported: direct and indirect CRLs (`cRLIssuer` / `indirectCRL` /
//! `certificateIssuer`), issuing-distribution-point scope (names, user / CA
//! / attribute-only, onlySomeReasons), reason codes including
//! removeFromCRL, delta CRLs, and CRLs signed by a separate CRL-signing
//! certificate whose own path is validated (to the same anchors).
//!
//! OCSP responses (RFC 6960, [`crate::path::OcspResponse`]) decide alike;
//! [`RevocationSources`] says which source is tried first and which must
//! decide.

use crate::cert::{Certificate, DistributionPoint, GeneralName};
use crate::crypto::{PublicKeyInfo, VerifyOptions};
use crate::error::OcspError;
use crate::error::PathError;
use crate::path::crl::{Crl, RevokedCertificate};
use crate::path::ocsp::{self, CertStatus, IssuerKey, OcspResponse, SingleResponse};
use crate::path::{AnchorSet, Budget, CrlSignature, TrustAnchor, ValidationOptions, VerifiedPath};

/// Whether revocation is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum RevocationMode {
    /// No revocation checking.
    #[default]
    Off,
    /// Revoked certificates fail; an unknown status is accepted.
    Preferred,
    /// Every certificate must be shown unrevoked by a usable CRL or OCSP
    /// response ([`RevocationSources`] says which may decide).
    Required,
}

/// A source of revocation information (`"crl"` / `"ocsp"` in a policy file).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RevocationSource {
    /// Certificate revocation lists (RFC 5280 §5).
    #[default]
    Crl,
    /// OCSP responses (RFC 6960).
    Ocsp,
}

impl std::fmt::Display for RevocationSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RevocationSource::Crl => "CRL",
            RevocationSource::Ocsp => "OCSP response",
        })
    }
}

/// Which source may show a certificate not revoked (`"any"` / `"crl"` /
/// `"ocsp"` in a policy file).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RequiredSource {
    /// A CRL or an OCSP response.
    #[default]
    Any,
    /// Only a CRL (an OCSP "good" is not enough; a revocation still counts).
    Crl,
    /// Only an OCSP response (a CRL without the entry is not enough; a
    /// revocation still counts).
    Ocsp,
}

impl RequiredSource {
    fn accepts(self, source: RevocationSource) -> bool {
        match self {
            RequiredSource::Any => true,
            RequiredSource::Crl => source == RevocationSource::Crl,
            RequiredSource::Ocsp => source == RevocationSource::Ocsp,
        }
    }
}

/// How CRLs and OCSP responses combine: the preferred source is consulted
/// first and decides when it can; a revocation shown by either source
/// counts; only the required source may show a certificate not revoked.
/// In a policy file: `{"prefer": "ocsp", "require": "any"}`, either key
/// optional.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RevocationSources {
    /// The source tried first.
    #[serde(default)]
    pub prefer: RevocationSource,
    /// The source that may show a certificate not revoked.
    #[serde(default)]
    pub require: RequiredSource,
}

impl RevocationSources {
    /// Whether these are the defaults (CRLs first, either source decides).
    pub fn is_default(&self) -> bool {
        *self == RevocationSources::default()
    }

    /// These preferences.
    pub fn new(prefer: RevocationSource, require: RequiredSource) -> RevocationSources {
        RevocationSources { prefer, require }
    }
}

/// What one source says about a certificate.
enum Decision {
    /// Shown not revoked (at the time judged).
    Good,
    /// Shown revoked (`PathError::Revoked`).
    Revoked(PathError),
    /// Not established, and why.
    Unknown(String),
}

/// All reason flags (RFC 5280 §4.2.1.13 ReasonFlags bits 1–8).
const ALL_REASONS: u16 = 0x1fe;
/// removeFromCRL (RFC 5280 §5.3.1): only meaningful in delta CRLs.
const REMOVE_FROM_CRL: u8 = 8;

/// How deep CRL-signer paths may nest (a CRL signer's own status is
/// checked, but its CRL signer's CRL signer is not searched further).
const MAX_SIGNER_NESTING: usize = 2;

pub(crate) struct Context<'a> {
    pub options: &'a ValidationOptions,
    pub pool: &'a [&'a Certificate],
    pub nesting: usize,
}

/// Checks every certificate of a validated path; the signatures of the
/// CRLs that decided.
pub(crate) fn check_path(
    path: &VerifiedPath,
    ctx: &Context<'_>,
    budget: &mut Budget,
) -> Result<Vec<CrlSignature>, PathError> {
    let mut used = Vec::new();
    if ctx.options.revocation == RevocationMode::Off {
        return Ok(used);
    }
    let certs: Vec<&Certificate> = path.certificates.iter().map(|p| &p.certificate).collect();
    for (k, cert) in certs.iter().enumerate() {
        let issuer_key = match certs.get(k + 1) {
            Some(issuer) => issuer.public_key_info().ok(),
            None => Some(path.anchor.key().clone()),
        };
        let issuer_cert = certs.get(k + 1).copied().or(path.anchor.certificate());
        let issuer = Issuer {
            key: issuer_key.as_ref(),
            certificate: issuer_cert,
            anchor: &path.anchor,
        };
        let required = ctx.options.revocation == RevocationMode::Required;
        status(cert, &issuer, &certs, ctx, budget, &mut used, required)?;
    }
    Ok(used)
}

/// What a certificate's revocation status is checked against: its issuer
/// in the path, and the trust anchor the path ends at.
struct Issuer<'a> {
    key: Option<&'a PublicKeyInfo>,
    certificate: Option<&'a Certificate>,
    /// RFC 5280 §6.3.3 (f): a separate CRL issuer's path must end at this
    /// same anchor.
    anchor: &'a TrustAnchor,
}

/// Whether a CRL was shown to be signed by a key entitled to sign it.
enum Signed {
    Yes,
    No,
    /// The CRL budget ran out before it could be told.
    OutOfBudget,
}

fn names_intersect(a: &[GeneralName], b: &[GeneralName]) -> bool {
    a.iter().any(|x| {
        b.iter().any(|y| match (x, y) {
            (GeneralName::DirectoryName(p), GeneralName::DirectoryName(q)) => p.matches(q),
            (p, q) => p == q,
        })
    })
}

fn names_contain_dn(names: &[GeneralName], dn: &crate::DistinguishedName) -> bool {
    names
        .iter()
        .any(|n| matches!(n, GeneralName::DirectoryName(d) if d.matches(dn)))
}

/// `cert`'s status from the sources [`RevocationSources`] names, in its
/// order; `required`: an unknown status is an error.
fn status(
    cert: &Certificate,
    issuer: &Issuer<'_>,
    path: &[&Certificate],
    ctx: &Context<'_>,
    budget: &mut Budget,
    used: &mut Vec<CrlSignature>,
    required: bool,
) -> Result<(), PathError> {
    let sources = ctx.options.revocation_sources;
    let order = match sources.prefer {
        RevocationSource::Crl => [RevocationSource::Crl, RevocationSource::Ocsp],
        RevocationSource::Ocsp => [RevocationSource::Ocsp, RevocationSource::Crl],
    };
    let mut whys: Vec<String> = Vec::new();
    for source in order {
        let decision = match source {
            RevocationSource::Crl => crl_status(cert, issuer, path, ctx, budget, used)?,
            RevocationSource::Ocsp => {
                // Without OCSP responses, only a policy requiring OCSP
                // needs to hear that none was supplied.
                if ctx.options.ocsp.is_empty() && sources.require != RequiredSource::Ocsp {
                    continue;
                }
                ocsp_status(cert, issuer, path, ctx, budget, used)?
            }
        };
        match decision {
            Decision::Revoked(e) => return Err(e),
            Decision::Good if sources.require.accepts(source) => return Ok(()),
            Decision::Good => whys.push(
                match source {
                    RevocationSource::Crl => {
                        "only a CRL shows it not revoked, and the policy requires an OCSP response"
                    }
                    RevocationSource::Ocsp => {
                        "only an OCSP response shows it not revoked, and the policy requires a CRL"
                    }
                }
                .into(),
            ),
            Decision::Unknown(why) => whys.push(why),
        }
    }
    if required {
        return Err(PathError::RevocationUnknown {
            subject: cert.subject().to_string(),
            reason: whys.join("; "),
        });
    }
    Ok(())
}

/// `cert`'s status from OCSP responses (RFC 6960), the most recently
/// produced first.
fn ocsp_status(
    cert: &Certificate,
    issuer: &Issuer<'_>,
    path: &[&Certificate],
    ctx: &Context<'_>,
    budget: &mut Budget,
    used: &mut Vec<CrlSignature>,
) -> Result<Decision, PathError> {
    let Some(key) = issuer.key else {
        return Ok(Decision::Unknown(
            "its issuer's public key cannot be read, so no OCSP CertID can be matched".into(),
        ));
    };
    let mut responses: Vec<&OcspResponse> = ctx
        .options
        .ocsp
        .iter()
        .filter(|r| {
            r.responses().iter().any(|s| {
                crate::asn1::unsigned_magnitude(&s.cert_id.serial)
                    == crate::asn1::unsigned_magnitude(cert.serial())
            })
        })
        .collect();
    responses.sort_by_key(|r| std::cmp::Reverse(r.produced_at()));
    let pool: Vec<&Certificate> = ctx.pool.iter().chain(path.iter()).copied().collect();
    let mut why: Option<String> = None;
    for response in responses {
        match judge_one(response, cert, issuer, key, path, &pool, ctx, budget) {
            Ok((single, signatures)) => {
                used.extend(signatures);
                match decide(&single, cert, ctx) {
                    Decision::Unknown(w) => {
                        why.get_or_insert(w);
                    }
                    d => return Ok(d),
                }
            }
            Err(e) => {
                why.get_or_insert(format!("an OCSP response cannot be used: {e}"));
            }
        }
    }
    Ok(Decision::Unknown(why.unwrap_or_else(|| {
        "no OCSP response about it was supplied".into()
    })))
}

/// What an accepted SingleResponse means at the time judged.
fn decide(single: &SingleResponse, cert: &Certificate, ctx: &Context<'_>) -> Decision {
    match single.status {
        CertStatus::Good => Decision::Good,
        CertStatus::Unknown => Decision::Unknown(
            "the OCSP responder answered unknown: it does not know the certificate (RFC 6960 §2.2)"
                .into(),
        ),
        CertStatus::Revoked { time, reason } => {
            // At a proven earlier time, a revocation that took effect after
            // it does not count (EN 319 102-1 §5.5.4 a), b)), as for CRLs.
            let effective = single.effective_revocation_time().unwrap_or(time);
            if ctx.options.validation_time.is_some() && effective > ctx.options.at {
                Decision::Good
            } else {
                Decision::Revoked(PathError::Revoked {
                    subject: cert.subject().to_string(),
                    reason,
                    date: time,
                })
            }
        }
    }
}

/// [`ocsp::judge`] with a delegated responder's own status checked like
/// any certificate's issued by the same CA (RFC 6960 §4.2.2.2.1), one
/// level deeper, as CRL signers are.
#[allow(clippy::too_many_arguments)]
fn judge_one(
    response: &OcspResponse,
    cert: &Certificate,
    issuer: &Issuer<'_>,
    key: &PublicKeyInfo,
    path: &[&Certificate],
    pool: &[&Certificate],
    ctx: &Context<'_>,
    budget: &mut Budget,
) -> Result<(SingleResponse, Vec<CrlSignature>), OcspError> {
    let mut extra = Vec::new();
    let judged = {
        let mut responder_status = |responder: &Certificate, b: &mut Budget| {
            if ctx.nesting >= MAX_SIGNER_NESTING {
                return Err(format!(
                    "its own status would rest on revocation data nested deeper than {MAX_SIGNER_NESTING} levels"
                ));
            }
            let nested = Context {
                options: ctx.options,
                pool: ctx.pool,
                nesting: ctx.nesting + 1,
            };
            status(responder, issuer, path, &nested, b, &mut extra, true).map_err(|e| match e {
                PathError::RevocationUnknown { reason, .. } => reason,
                e => e.to_string(),
            })
        };
        ocsp::judge(
            response,
            cert,
            &IssuerKey {
                name: cert.issuer(),
                key,
            },
            pool,
            ctx.options,
            budget,
            &mut responder_status,
        )?
    };
    let mut signatures = judged.signatures;
    signatures.extend(extra);
    Ok((judged.single, signatures))
}

/// [`crate::path::check_ocsp`]: `issuer_cert` issued `cert`; a delegated
/// responder's CRL signers must chain to `anchor`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn check_ocsp(
    response: &OcspResponse,
    cert: &Certificate,
    issuer_cert: &Certificate,
    key: &PublicKeyInfo,
    anchor: &TrustAnchor,
    pool: &[&Certificate],
    options: &ValidationOptions,
    budget: &mut Budget,
) -> Result<SingleResponse, OcspError> {
    let ctx = Context {
        options,
        pool,
        nesting: 0,
    };
    let issuer = Issuer {
        key: Some(key),
        certificate: Some(issuer_cert),
        anchor,
    };
    let path = [issuer_cert];
    let all: Vec<&Certificate> = pool.iter().copied().chain(path).collect();
    judge_one(response, cert, &issuer, key, &path, &all, &ctx, budget).map(|(s, _)| s)
}

/// `cert`'s status from the CRLs (RFC 5280 §6.3.3).
fn crl_status(
    cert: &Certificate,
    issuer: &Issuer<'_>,
    path: &[&Certificate],
    ctx: &Context<'_>,
    budget: &mut Budget,
    used: &mut Vec<CrlSignature>,
) -> Result<Decision, PathError> {
    let subject = cert.subject().to_string();
    let at = ctx.options.at;
    // A CRL issued up to the validation time may decide; at a proven
    // earlier time (EN 319 102-1 §5.5.4) a later CRL is better evidence.
    let issued_by = ctx.options.validation_time.unwrap_or(at);
    // At a proven earlier time, a revocation that took effect after it does
    // not count: the signature existed before (EN 319 102-1 §5.5.4 a), b)).
    let counts = |e: &RevokedCertificate| {
        e.reason != Some(REMOVE_FROM_CRL)
            && (ctx.options.validation_time.is_none() || e.effective_date() <= at)
    };
    let default_dp = [DistributionPoint::default()];
    let dps: &[DistributionPoint] = match cert.crl_distribution_points() {
        Some(d) if !d.is_empty() => d,
        _ => &default_dp,
    };
    let mut reasons_mask: u16 = 0;
    let mut why_unknown = String::from("no CRL from its issuer was supplied");

    // §6.3.3: for each distribution point, each complete CRL that is in
    // its scope; the most recent first (§6.3.3 (a): the local cache holds
    // the most recent CRL), so that an older CRL issued before a
    // revocation never decides alone when a newer one is at hand. Stable:
    // at equal thisUpdate the caller's order holds.
    let mut complete: Vec<&Crl> = ctx
        .options
        .crls
        .iter()
        .filter(|c| c.delta_base().is_none())
        .collect();
    complete.sort_by_key(|c| std::cmp::Reverse(c.this_update()));
    let pairs: Vec<(&DistributionPoint, &Crl)> = dps
        .iter()
        .flat_map(|dp| complete.iter().map(move |c| (dp, *c)))
        .collect();
    for (dp, crl) in pairs {
        let idp = crl.issuing_distribution_point();
        let indirect = idp.is_some_and(|i| i.indirect);
        // §6.3.3 (b)(1): the CRL issuer is the certificate issuer, or the
        // DP's cRLIssuer of an indirect CRL.
        let issuer_ok = if dp.crl_issuer.is_empty() {
            crl.issuer().matches(cert.issuer())
        } else {
            indirect && names_contain_dn(&dp.crl_issuer, crl.issuer())
        };
        if !issuer_ok {
            continue;
        }
        // §6.3.3 (b)(2): issuing distribution point scope.
        if let Some(idp) = idp {
            if idp.has_name {
                let idp_names: Vec<GeneralName> = match &idp.relative_name {
                    Some(rdn) => vec![GeneralName::DirectoryName(crl.issuer().with_rdn(rdn))],
                    None => idp.full_name.clone(),
                };
                let dp_names = dp_full_names(dp, cert);
                let in_scope = if !dp_names.is_empty() {
                    names_intersect(&idp_names, &dp_names)
                } else if !dp.crl_issuer.is_empty() {
                    names_intersect(&idp_names, &dp.crl_issuer)
                } else {
                    names_contain_dn(&idp_names, crl.issuer())
                };
                if !in_scope {
                    continue;
                }
            }
            if (idp.only_user_certs && cert.is_ca())
                || (idp.only_ca_certs && !cert.is_ca())
                || idp.only_attribute_certs
            {
                continue;
            }
        }
        if !crl.unknown_critical_extensions().is_empty() {
            why_unknown = "a CRL carries an unrecognised critical extension".into();
            continue;
        }
        // Freshness at the validation time.
        if crl.this_update() > issued_by || crl.next_update().is_some_and(|n| n < at) {
            why_unknown = "the CRL is not current at the validation time".into();
            continue;
        }
        // RFC 5280 §3.3: an entry may leave the CRL once the certificate has
        // expired, so a CRL issued after the expiry decides only if it keeps
        // expired certificates (expiredCertsOnCRL at or before the expiry,
        // ITU-T X.509 (10/2019)).
        let not_after = cert.validity().not_after;
        if crl.this_update() > not_after && crl.expired_certs_on_crl().is_none_or(|e| e > not_after)
        {
            why_unknown = "the CRL was issued after the certificate expired and does not keep \
                           expired certificates (no expiredCertsOnCRL covering it)"
                .into();
            continue;
        }
        // §6.3.3 (d): reasons this CRL can decide.
        let interim = idp.and_then(|i| i.only_some_reasons).unwrap_or(ALL_REASONS)
            & dp.reasons.unwrap_or(ALL_REASONS);
        if interim & !reasons_mask == 0 {
            continue;
        }
        // §6.3.3 (f)–(g): a key that signed the CRL, for a CA entitled to sign CRLs.
        match crl_signed(crl, cert, issuer, path, ctx, budget, used)? {
            Signed::Yes => {}
            Signed::No => {
                why_unknown = "no CRL verifies under a key entitled to sign it (signature, cRLSign or a signer path to the same trust anchor)".into();
                continue;
            }
            Signed::OutOfBudget => {
                why_unknown = format!(
                    "the revocation budget ({} CRL signature checks per document) ran out before a CRL could be checked",
                    crate::path::Budget::per_document().crl_signatures
                );
                continue;
            }
        }
        // Delta CRLs for this complete CRL (§6.3.3 (c), (i)).
        for delta in ctx.options.crls.iter().filter(|d| {
            d.delta_base().is_some()
                && d.issuer().matches(crl.issuer())
                && d.issuing_distribution_point() == crl.issuing_distribution_point()
                && d.this_update() <= issued_by
                && d.next_update().is_none_or(|n| n >= at)
                && d.unknown_critical_extensions().is_empty()
        }) {
            let base_ok = match (delta.delta_base(), crl.crl_number()) {
                (Some(base), Some(num)) => cmp_uint(base, num) != std::cmp::Ordering::Greater,
                _ => false,
            };
            if !base_ok
                || !matches!(
                    crl_signed(delta, cert, issuer, path, ctx, budget, used)?,
                    Signed::Yes
                )
            {
                continue;
            }
            if let Some(r) = listed(delta, cert) {
                if !counts(r) {
                    return Ok(Decision::Good);
                }
                return Ok(Decision::Revoked(PathError::Revoked {
                    subject,
                    reason: r.reason,
                    date: r.date,
                }));
            }
        }
        if let Some(r) = listed(crl, cert)
            && counts(r)
        {
            return Ok(Decision::Revoked(PathError::Revoked {
                subject,
                reason: r.reason,
                date: r.date,
            }));
        }
        reasons_mask |= interim;
        if reasons_mask & ALL_REASONS == ALL_REASONS {
            return Ok(Decision::Good);
        }
    }
    Ok(Decision::Unknown(why_unknown))
}

/// The full names of a distribution point, resolving a name relative to
/// the CRL issuer (the DP's cRLIssuer, else the certificate issuer).
fn dp_full_names(dp: &DistributionPoint, cert: &Certificate) -> Vec<GeneralName> {
    match &dp.relative_name {
        Some(rdn) => {
            let base = dp
                .crl_issuer
                .iter()
                .find_map(|n| match n {
                    GeneralName::DirectoryName(d) => Some(d.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| cert.issuer().clone());
            vec![GeneralName::DirectoryName(base.with_rdn(rdn))]
        }
        None => dp.full_name.clone(),
    }
}

fn cmp_uint(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// `cert`'s entry on `crl`, if any. For indirect CRLs
/// the certificateIssuer entry extension (carried forward, §5.3.3) must
/// name the certificate's issuer.
fn listed<'c>(crl: &'c Crl, cert: &Certificate) -> Option<&'c RevokedCertificate> {
    let indirect = crl.issuing_distribution_point().is_some_and(|i| i.indirect);
    let mut entry_issuer_is_cert_issuer = crl.issuer().matches(cert.issuer());
    for e in crl.revoked() {
        if indirect && let Some(names) = &e.certificate_issuer {
            entry_issuer_is_cert_issuer = names_contain_dn(names, cert.issuer());
        }
        if e.serial == cert.serial() && entry_issuer_is_cert_issuer {
            return Some(e);
        }
    }
    None
}

/// Whether `crl` verifies under the certificate issuer's key (for a direct
/// CRL whose issuer may sign CRLs) or under a CRL-signing certificate from
/// the pool or path whose own path validates to the same trust anchor as
/// the certificate's (RFC 5280 §6.3.3 (f)). CRL signature checks, and the
/// path links of separate CRL signers, are charged to
/// [`Budget::crl_signatures`]; running out is [`Signed::OutOfBudget`], not fatal.
fn crl_signed(
    crl: &Crl,
    cert: &Certificate,
    issuer: &Issuer<'_>,
    path: &[&Certificate],
    ctx: &Context<'_>,
    budget: &mut Budget,
    used: &mut Vec<CrlSignature>,
) -> Result<Signed, PathError> {
    // Some(verified), or None when the budget is spent.
    let verify = |key: &PublicKeyInfo, budget: &mut Budget| -> Option<bool> {
        if !budget.charge_crl_signature() {
            return None;
        }
        if crl.signature_unused_bits() != 0 {
            return Some(false);
        }
        Some(
            ctx.options
                .verifiers
                .verify_with(
                    key,
                    crl.signature_algorithm(),
                    crl.tbs_der(),
                    crl.signature(),
                    &VerifyOptions::default(),
                )
                .is_ok(),
        )
    };
    // The signature a decision rests on, for the relying policy's
    // algorithm rules; with a separate CRL signer, its path's signatures too.
    let mut decided = |key: &PublicKeyInfo, signer_path: Vec<CrlSignature>| {
        used.push(CrlSignature {
            issuer: crl.issuer().clone(),
            algorithm: crate::crypto::SignatureAlgorithm::from_identifier(
                crl.signature_algorithm(),
            ),
            key: key.algorithm().clone(),
            deviations: crl.deviations().to_vec(),
        });
        used.extend(signer_path);
        Ok(Signed::Yes)
    };
    let may_sign = |c: &Certificate| c.key_usage().is_none_or(|ku| ku.crl_sign());
    if crl.issuer().matches(cert.issuer())
        && let Some(key) = issuer.key
        && issuer.certificate.is_none_or(may_sign)
    {
        match verify(key, budget) {
            Some(true) => return decided(key, Vec::new()),
            Some(false) => {}
            None => return Ok(Signed::OutOfBudget),
        }
    }
    // A CRL signer's own status may come from the CRL it signs (PKITS
    // 4.14.30): its path is the one being validated, so its key suffices.
    if ctx.nesting > 0
        && crl.issuer().matches(cert.subject())
        && may_sign(cert)
        && let Ok(key) = cert.public_key_info()
    {
        match verify(&key, budget) {
            Some(true) => return decided(&key, Vec::new()),
            Some(false) => {}
            None => return Ok(Signed::OutOfBudget),
        }
    }
    if ctx.nesting >= MAX_SIGNER_NESTING {
        return Ok(Signed::No);
    }
    // A separate CRL signer with the CRL issuer's name.
    let candidates: Vec<&Certificate> = ctx
        .pool
        .iter()
        .copied()
        .chain(path.iter().copied())
        .filter(|c| c.subject().matches(crl.issuer()) && may_sign(c) && *c != cert)
        .collect();
    // §6.3.3 (f): the CRL issuer's path must end at the certificate's own anchor.
    let same_anchor = AnchorSet::new(vec![issuer.anchor.clone()]);
    for signer in candidates {
        let Ok(key) = signer.public_key_info() else {
            continue;
        };
        match verify(&key, budget) {
            Some(true) => {}
            Some(false) => continue,
            None => return Ok(Signed::OutOfBudget),
        }
        let pool: Vec<Certificate> = ctx.pool.iter().map(|c| (*c).clone()).collect();
        // The signer's path links are revocation work: they are paid from
        // the CRL counter, so that look-alike signers cannot exhaust the
        // path budget.
        let mut nested_budget = *budget;
        nested_budget.signatures = budget.crl_signatures;
        let start = nested_budget;
        let built = crate::path::build::build_path_nested(
            signer,
            &pool,
            &same_anchor,
            ctx.options,
            ctx.nesting + 1,
            &mut nested_budget,
        );
        let spent = nested_budget.spent_since(start);
        budget.build_calls = budget.build_calls.saturating_sub(spent.build_calls);
        budget.name_constraint_checks = budget
            .name_constraint_checks
            .saturating_sub(spent.name_constraint_checks);
        budget.crl_signatures = budget
            .crl_signatures
            .saturating_sub(spent.crl_signatures + spent.signatures);
        match built {
            Ok(signer_path) => return decided(&key, path_signatures(&signer_path)),
            Err(PathError::BudgetExceeded {
                what: "signature checks",
            }) => return Ok(Signed::OutOfBudget),
            Err(e @ PathError::BudgetExceeded { .. }) => return Err(e),
            Err(_) => continue,
        }
    }
    Ok(Signed::No)
}

/// The signatures of a separate CRL signer's path: each certificate's, with
/// the key that made it, and the CRLs its own status rested on.
fn path_signatures(path: &VerifiedPath) -> Vec<CrlSignature> {
    let certs = &path.certificates;
    let mut out: Vec<CrlSignature> = certs
        .iter()
        .enumerate()
        .map(|(i, c)| CrlSignature {
            issuer: c.certificate.issuer().clone(),
            algorithm: c.certificate.signature_algorithm().clone(),
            key: match certs.get(i + 1) {
                Some(issuer) => issuer.certificate.key_algorithm().clone(),
                None => path.anchor.key().algorithm().clone(),
            },
            deviations: Vec::new(),
        })
        .collect();
    out.extend(path.crl_signatures.iter().cloned());
    out
}
