//! Policy files: a format tag and a list of jurisdiction policies, checked
//! whole on load and saved canonically.

use serde::{Deserialize, Serialize};

use super::{
    AlgorithmRule, DigestRule, DocumentRule, JurisdictionPolicy, KeyUsageRule,
    NOT_DOCUMENT_SIGNING, PROFILE_ROLE_NAMES, RoleMarker, SCHEME_NAMES, SIGNER_KIND_NAMES,
    SignedAttribute, TimestampRule,
};
use crate::DocumentScope;
use crate::Jurisdiction;
use crate::crypto::HashAlgorithm;
use crate::registry::Registry;

/// The format tag every policy file starts with.
pub const POLICY_FORMAT: &str = "sigbridge-policy/1";

/// Why a policy file (or a policy against a registry) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyFileError {
    /// Not JSON, an unknown field, a wrong type, a malformed code, time or OID.
    #[error("policy file line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A rule is inconsistent, at a JSON path such as `policies[KZ].algorithms[2]`.
    #[error("policy file {path}: {reason}")]
    Invalid {
        /// Where.
        path: String,
        /// What is wrong and what to do.
        reason: String,
    },
    /// A policy's minimum level is not in its jurisdiction's vocabulary in
    /// the registry it is used with (a typo, or a policy written for
    /// another registry). Left alone, the minimum-level rule would compare
    /// against nothing; the policy is refused where it meets the registry
    /// (at [`Verifier`](crate::Verifier) construction), never per document.
    #[error(
        "{} of {jurisdiction}, rule documents[{rule}] ({}): minimum level '{level}' is not in {jurisdiction}'s vocabulary {vocabulary:?} in registry {registry}; {}",
        if *sample { "the built-in sample policy" } else { "the policy" },
        scope_text(documents),
        if *sample {
            format!("the sample policies are written for Registry::sample(); give your own {jurisdiction} policy with Verifier::without_sample_policies(registry).with_policies(...)")
        } else {
            format!("use one of {jurisdiction}'s levels, or add '{level}' to the registry's vocabulary")
        }
    )]
    UnknownLevel {
        /// Whether the policy is a built-in sample ([`JurisdictionPolicy::sample`]).
        sample: bool,
        /// The policy's jurisdiction.
        jurisdiction: Jurisdiction,
        /// The index of the document rule in the policy's `documents`.
        rule: usize,
        /// The document types the rule covers.
        documents: DocumentScope,
        /// The level named.
        level: String,
        /// The vocabulary that applies (the jurisdiction's, or its union's),
        /// lowest first.
        vocabulary: Vec<String>,
        /// The registry: its label, or its snapshot id when it has none.
        registry: String,
    },
    /// A built-in sample policy used with a registry whose vocabulary for
    /// its jurisdiction is not the sample registry's. Even where the level
    /// names exist, a minimum means its rank in the vocabulary it was
    /// written for: under another order or other levels it would require
    /// something else than it says. The sample is not applied.
    #[error(
        "the built-in sample policy of {jurisdiction} is written for the sample registry's {jurisdiction} vocabulary {sample_vocabulary:?}; registry {registry} defines {vocabulary:?}; give your own {jurisdiction} policy with Verifier::without_sample_policies(registry).with_policies(...)"
    )]
    SampleVocabulary {
        /// The jurisdiction.
        jurisdiction: Jurisdiction,
        /// The vocabulary the sample was written for, lowest first.
        sample_vocabulary: Vec<String>,
        /// The registry's vocabulary for the jurisdiction, lowest first.
        vocabulary: Vec<String>,
        /// The registry: its label, or its snapshot id when it has none.
        registry: String,
    },
    /// A policy for a jurisdiction the registry does not define, neither
    /// as an entry nor as a member of a union: it has no vocabulary to
    /// read its levels in.
    #[error(
        "{} of {jurisdiction}: registry {registry} does not define {jurisdiction} (neither as a jurisdiction nor as a union member); add it to the registry or leave the policy out",
        if *sample { "the built-in sample policy" } else { "the policy" }
    )]
    UnknownJurisdiction {
        /// Whether the policy is a built-in sample.
        sample: bool,
        /// The policy's jurisdiction.
        jurisdiction: Jurisdiction,
        /// The registry: its label, or its snapshot id when it has none.
        registry: String,
    },
    /// A policy's minimum time-stamp level (`timestamps.min_level`) is not
    /// in its jurisdiction's time-stamp vocabulary in the registry it is
    /// used with: the rule would be met by no TSA. Refused where the policy
    /// meets the registry, like [`PolicyFileError::UnknownLevel`].
    #[error(
        "{} of {jurisdiction}, timestamps.min_level: '{level}' is not in {jurisdiction}'s time-stamp vocabulary {vocabulary:?} in registry {registry}; use one of its time-stamp levels, or add '{level}' to the registry's timestamp_levels",
        if *sample { "the built-in sample policy" } else { "the policy" }
    )]
    UnknownTimestampLevel {
        /// Whether the policy is a built-in sample.
        sample: bool,
        /// The policy's jurisdiction.
        jurisdiction: Jurisdiction,
        /// The level named.
        level: String,
        /// The time-stamp vocabulary that applies (the jurisdiction's, or
        /// its union's), lowest first.
        vocabulary: Vec<String>,
        /// The registry: its label, or its snapshot id when it has none.
        registry: String,
    },
    /// An object names the same key twice (e.g. `min_level` written twice
    /// in a document rule). RFC 8259 §4 leaves the meaning of such an
    /// object to the reader, so the file has no single meaning and is refused.
    #[error(
        "policy file line {line}, column {column}: key \"{key}\" appears twice in {object}; keep one of the two entries"
    )]
    DuplicateKey {
        /// 1-based line of the second occurrence.
        line: usize,
        /// 1-based column of the second occurrence (its closing quote).
        column: usize,
        /// The key.
        key: String,
        /// The JSON path of the object, e.g. `policies[0].documents[1]`
        /// (`the top-level object` for the top level).
        object: String,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    format: String,
    policies: Vec<JurisdictionPolicy>,
}

const DIGEST_NAMES: [HashAlgorithm; 20] = [
    HashAlgorithm::Md5,
    HashAlgorithm::Sha1,
    HashAlgorithm::Sha224,
    HashAlgorithm::Sha256,
    HashAlgorithm::Sha384,
    HashAlgorithm::Sha512,
    HashAlgorithm::Sm3,
    HashAlgorithm::GostR3411_94,
    HashAlgorithm::Streebog256,
    HashAlgorithm::Streebog512,
    HashAlgorithm::KzGost34311_95,
    HashAlgorithm::BeltHash,
    HashAlgorithm::Bash256,
    HashAlgorithm::Bash384,
    HashAlgorithm::Bash512,
    HashAlgorithm::Sha3_224,
    HashAlgorithm::Sha3_256,
    HashAlgorithm::Sha3_384,
    HashAlgorithm::Sha3_512,
    HashAlgorithm::Ripemd160,
];

/// Loads a policy file: `{"format": "sigbridge-policy/1", "policies": [...]}`.
/// Nothing is half-loaded.
///
/// A key named twice in one object, at any depth, refuses the file
/// ([`PolicyFileError::DuplicateKey`]).
///
/// # Errors
/// [`PolicyFileError`] with line and column, or the JSON path of the bad rule.
pub fn load_policies(text: &str) -> Result<Vec<JurisdictionPolicy>, PolicyFileError> {
    crate::serde_util::unique_keys::check(text).map_err(|d| PolicyFileError::DuplicateKey {
        object: d.object(),
        line: d.line,
        column: d.column,
        key: d.key,
    })?;
    let file: PolicyFile = serde_json::from_str(text).map_err(|e| PolicyFileError::Syntax {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    if file.format != POLICY_FORMAT {
        return Err(PolicyFileError::Invalid {
            path: "format".into(),
            reason: format!("is \"{}\", expected \"{POLICY_FORMAT}\"", file.format),
        });
    }
    let mut seen: Vec<Jurisdiction> = Vec::new();
    for p in &file.policies {
        if seen.contains(&p.jurisdiction) {
            return Err(PolicyFileError::Invalid {
                path: format!("policies[{}]", p.jurisdiction),
                reason: "a second policy for the same jurisdiction; merge them".into(),
            });
        }
        seen.push(p.jurisdiction);
        p.check()?;
    }
    Ok(file.policies)
}

/// The canonical text of a policy file (two-space-indented JSON, final newline).
pub fn save_policies(policies: &[JurisdictionPolicy]) -> String {
    let file = PolicyFile {
        format: POLICY_FORMAT.into(),
        policies: policies.to_vec(),
    };
    let mut out = serde_json::to_string_pretty(&file).unwrap_or_default();
    out.push('\n');
    out
}

impl JurisdictionPolicy {
    /// The built-in sample policy of a jurisdiction (CN, EU, IN, KZ, RU,
    /// UZ), matching the sample registry's vocabularies. **Sample data, not
    /// legal fact.**
    pub fn sample(jurisdiction: Jurisdiction) -> Option<JurisdictionPolicy> {
        load_policies(include_str!("sample-policies.json"))
            .ok()?
            .into_iter()
            .find(|p| p.jurisdiction == jurisdiction)
    }

    /// A conservative policy for a jurisdiction that has none of its own
    /// (e.g. an ad-hoc one-jurisdiction registry): RSA PKCS#1 v1.5 and PSS
    /// from 2048 bits and ECDSA from 256 bits (ETSI TS 119 312 §6.2, 2023:
    /// RSA below 1900 bits is no longer recommended), SM2; SHA-256/384/512,
    /// SHA3-256/384/512 (TS 119 312 §6.2.2 lists both families) and SM3
    /// (no SHA-1, no RIPEMD-160: TS 119 312 lists neither); digitalSignature or
    /// nonRepudiation; the CAdES-B-B attributes (EN 319 122-1 §6.3);
    /// depth 4; recognised TSAs at any level; one rule for every document
    /// at the lowest level of `vocabulary`, with no required co-signers
    /// and no required time-stamp.
    ///
    /// ```
    /// use sigbridge::policy::JurisdictionPolicy;
    /// let p = JurisdictionPolicy::baseline(sigbridge::Jurisdiction::from_code("DE").unwrap(), &["advanced".into()]);
    /// assert!(p.check().is_ok());
    /// assert_eq!(p.documents[0].min_level, "advanced");
    /// ```
    pub fn baseline(jurisdiction: Jurisdiction, vocabulary: &[String]) -> JurisdictionPolicy {
        let rule = |scheme: &str, min: Option<u32>| AlgorithmRule {
            scheme: scheme.into(),
            min_key_bits: min,
            until: None,
        };
        let digest = |d: &str| DigestRule {
            digest: d.into(),
            until: None,
        };
        JurisdictionPolicy {
            jurisdiction,
            algorithms: vec![
                rule("rsa-pkcs1", Some(2048)),
                rule("rsa-pss", Some(2048)),
                rule("ecdsa", Some(256)),
                rule("sm2", None),
            ],
            digests: vec![
                digest("SHA-256"),
                digest("SHA-384"),
                digest("SHA-512"),
                digest("SHA3-256"),
                digest("SHA3-384"),
                digest("SHA3-512"),
                digest("SM3"),
            ],
            key_usage: KeyUsageRule::Either,
            document_signing_ekus: Vec::new(),
            required_signed_attributes: vec![
                SignedAttribute::ContentType,
                SignedAttribute::MessageDigest,
                SignedAttribute::SigningCertificateV2,
            ],
            max_path_depth: 4,
            clock_skew_seconds: 300,
            revocation_required: false,
            revocation_sources: crate::path::RevocationSources::default(),
            timestamps: TimestampRule::default(),
            documents: vec![DocumentRule {
                documents: DocumentScope::All,
                min_level: vocabulary.first().cloned().unwrap_or_default(),
                required_roles: Vec::new(),
                timestamp_required: false,
            }],
        }
    }

    /// Checks the policy's own consistency: known scheme and digest names,
    /// no rule listed twice, no TLS / code / time-stamp / OCSP purpose among
    /// the document-signing EKUs, known profile roles, non-empty role markers,
    /// a path depth of at least 1.
    ///
    /// # Errors
    /// [`PolicyFileError::Invalid`] naming the rule.
    pub fn check(&self) -> Result<(), PolicyFileError> {
        let at = |path: String, reason: String| PolicyFileError::Invalid {
            path: format!("policies[{}].{path}", self.jurisdiction),
            reason,
        };
        for (i, r) in self.algorithms.iter().enumerate() {
            if !SCHEME_NAMES.contains(&r.scheme.as_str()) {
                return Err(at(
                    format!("algorithms[{i}]"),
                    format!(
                        "unknown scheme \"{}\"; use one of {SCHEME_NAMES:?}",
                        r.scheme
                    ),
                ));
            }
            if self.algorithms.iter().take(i).any(|o| o.scheme == r.scheme) {
                return Err(at(
                    format!("algorithms[{i}]"),
                    format!("scheme \"{}\" listed twice", r.scheme),
                ));
            }
        }
        let names: Vec<&str> = DIGEST_NAMES.iter().map(|h| h.name()).collect();
        for (i, r) in self.digests.iter().enumerate() {
            if !names.contains(&r.digest.as_str()) {
                return Err(at(
                    format!("digests[{i}]"),
                    format!("unknown digest \"{}\"; use one of {names:?}", r.digest),
                ));
            }
            if self.digests.iter().take(i).any(|o| o.digest == r.digest) {
                return Err(at(
                    format!("digests[{i}]"),
                    format!("digest \"{}\" listed twice", r.digest),
                ));
            }
        }
        for (i, r) in self.document_signing_ekus.iter().enumerate() {
            // RFC 5280 §4.2.1.12 / RFC 3161 §2.3: these purposes are for TLS,
            // code, time-stamps and OCSP responses, never for documents.
            if let Some((_, name)) = NOT_DOCUMENT_SIGNING.iter().find(|(o, _)| *o == r.eku) {
                return Err(at(
                    format!("document_signing_ekus[{i}]"),
                    format!(
                        "{} ({name}) is not a document-signing purpose; remove it",
                        r.eku
                    ),
                ));
            }
            if self
                .document_signing_ekus
                .iter()
                .take(i)
                .any(|o| o.eku == r.eku)
            {
                return Err(at(
                    format!("document_signing_ekus[{i}]"),
                    format!("{} listed twice", r.eku),
                ));
            }
        }
        if let Some(min) = &self.timestamps.min_level
            && min.trim().is_empty()
        {
            return Err(at(
                "timestamps.min_level".into(),
                "is empty; name a time-stamp level or leave it out".into(),
            ));
        }
        if self.max_path_depth == 0 {
            return Err(at(
                "max_path_depth".into(),
                "must be at least 1 (the signer's issuer)".into(),
            ));
        }
        for (i, d) in self.documents.iter().enumerate() {
            if d.min_level.trim().is_empty() {
                return Err(at(format!("documents[{i}].min_level"), "is empty".into()));
            }
            for (k, r) in d.required_roles.iter().enumerate() {
                let place = format!("documents[{i}].required_roles[{k}]");
                if r.markers.is_empty() {
                    return Err(at(
                        place,
                        format!("role \"{}\" has no markers to recognise it by", r.role),
                    ));
                }
                for m in &r.markers {
                    if let RoleMarker::ProfileRole(name) = m
                        && !PROFILE_ROLE_NAMES.contains(&name.as_str())
                    {
                        return Err(at(
                            place,
                            format!(
                                "unknown profile role \"{name}\"; use one of {PROFILE_ROLE_NAMES:?}"
                            ),
                        ));
                    }
                    if let RoleMarker::SignerKind(name) = m
                        && !SIGNER_KIND_NAMES.contains(&name.as_str())
                    {
                        return Err(at(
                            place,
                            format!(
                                "unknown signer kind \"{name}\"; use one of {SIGNER_KIND_NAMES:?}"
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks the policy against a registry: its jurisdiction is defined
    /// there (as an entry, or as a member of a union, whose vocabulary it
    /// then uses) and every level it names is in that vocabulary: each
    /// document rule's `min_level` in the assurance vocabulary, and
    /// `timestamps.min_level` in the time-stamp vocabulary — the only level
    /// names a policy holds (role markers name profile roles, EKUs, policy
    /// OIDs, anchor services and signer kinds, not levels).
    ///
    /// [`Verifier::new`](crate::Verifier::new) and
    /// [`Verifier::with_policies`](crate::Verifier::with_policies) call it,
    /// so that a policy that does not fit its registry is refused once, at
    /// construction.
    ///
    /// ```
    /// use sigbridge::policy::{JurisdictionPolicy, PolicyFileError};
    /// use sigbridge::registry::Registry;
    /// use sigbridge::Jurisdiction;
    ///
    /// let registry = Registry::sample().unwrap();
    /// let mut kz = JurisdictionPolicy::sample(Jurisdiction::KZ).unwrap();
    /// assert!(kz.check_against(&registry).is_ok());
    /// kz.documents[0].min_level = "nca-signnig".into(); // a typo
    /// assert!(matches!(
    ///     kz.check_against(&registry),
    ///     Err(PolicyFileError::UnknownLevel { rule: 0, .. })
    /// ));
    /// ```
    ///
    /// # Errors
    /// [`PolicyFileError::UnknownJurisdiction`],
    /// [`PolicyFileError::UnknownLevel`] naming the rule, or
    /// [`PolicyFileError::UnknownTimestampLevel`].
    pub fn check_against(&self, registry: &Registry) -> Result<(), PolicyFileError> {
        self.fits(registry, false)
    }

    /// Whether this built-in sample policy may be applied to `registry`:
    /// its levels are there ([`JurisdictionPolicy::check_against`]) and the
    /// jurisdiction's vocabulary is the one the sample registry defines,
    /// names and order.
    pub(crate) fn sample_fits(&self, registry: &Registry) -> Result<(), PolicyFileError> {
        self.fits(registry, true)?;
        let ours = vocabulary_of(registry, self.jurisdiction).unwrap_or_default();
        let written_for = sample_vocabulary(self.jurisdiction);
        if ours != written_for.as_slice() {
            return Err(PolicyFileError::SampleVocabulary {
                jurisdiction: self.jurisdiction,
                sample_vocabulary: written_for,
                vocabulary: ours.to_vec(),
                registry: registry_name(registry),
            });
        }
        Ok(())
    }

    /// [`JurisdictionPolicy::check_against`], saying whether the policy is
    /// a built-in sample (the error's advice differs).
    pub(crate) fn fits(&self, registry: &Registry, sample: bool) -> Result<(), PolicyFileError> {
        let name = || registry_name(registry);
        let entry = registry.jurisdiction(self.jurisdiction).or_else(|| {
            registry
                .union_of(self.jurisdiction)
                .and_then(|u| registry.jurisdiction(u))
        });
        let Some(entry) = entry else {
            return Err(PolicyFileError::UnknownJurisdiction {
                sample,
                jurisdiction: self.jurisdiction,
                registry: name(),
            });
        };
        for (i, d) in self.documents.iter().enumerate() {
            if entry.rank(&d.min_level).is_none() {
                return Err(PolicyFileError::UnknownLevel {
                    sample,
                    jurisdiction: self.jurisdiction,
                    rule: i,
                    documents: d.documents.clone(),
                    level: d.min_level.clone(),
                    vocabulary: entry.levels.clone(),
                    registry: name(),
                });
            }
        }
        if let Some(min) = &self.timestamps.min_level
            && entry.timestamp_rank(min).is_none()
        {
            return Err(PolicyFileError::UnknownTimestampLevel {
                sample,
                jurisdiction: self.jurisdiction,
                level: min.clone(),
                vocabulary: entry.timestamp_levels.clone(),
                registry: name(),
            });
        }
        Ok(())
    }
}

/// The vocabulary of `j` in the embedded sample registry (read without
/// parsing its certificates); empty when it has none.
fn sample_vocabulary(j: Jurisdiction) -> Vec<String> {
    #[derive(Deserialize)]
    struct Sample {
        jurisdictions: Vec<Entry>,
    }
    #[derive(Deserialize)]
    struct Entry {
        code: String,
        levels: Vec<String>,
    }
    serde_json::from_str::<Sample>(include_str!("../registry/sample-registry.json"))
        .map(|s| {
            s.jurisdictions
                .into_iter()
                .find(|e| e.code == j.to_string())
                .map(|e| e.levels)
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

/// The vocabulary that applies to `j` in `registry`: its own, or its union's.
fn vocabulary_of(registry: &Registry, j: Jurisdiction) -> Option<&[String]> {
    registry
        .jurisdiction(j)
        .or_else(|| registry.union_of(j).and_then(|u| registry.jurisdiction(u)))
        .map(|e| e.levels.as_slice())
}

/// A registry named in messages: its label, or its snapshot id.
fn registry_name(registry: &Registry) -> String {
    if registry.label().is_empty() {
        registry.snapshot_id()
    } else {
        format!("'{}'", registry.label())
    }
}

/// `all`, or the UNTDID 1001 codes of a rule.
fn scope_text(scope: &DocumentScope) -> String {
    match scope {
        DocumentScope::All => "all documents".to_owned(),
        DocumentScope::Only(list) => format!(
            "UNTDID 1001 {}",
            list.iter()
                .map(|d| d.0.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
