//! Jurisdiction policies as data, and their checks as functions returning
//! findings.
//!
//! A [`JurisdictionPolicy`] is a relying jurisdiction's technical rules:
//! which signature schemes and digests it accepts, with minimum key sizes
//! and sunset dates (in the style of ETSI TS 119 312, which sets "until"
//! dates per algorithm and key size); the key usage it requires of a
//! signer (RFC 5280 §4.2.1.3: nonRepudiation / contentCommitment or
//! digitalSignature) and the extended key usages it accepts as document
//! signing (RFC 5280 §4.2.1.12); the CAdES signed attributes it requires (ETSI EN
//! 319 122-1 §5.2); maximum path depth; allowed clock skew; whether
//! revocation information is required; whose time-stamping authorities it
//! accepts ([`TimestampRule`]); and per document type the minimum
//! assurance level, the co-signer roles a document needs and whether its
//! signatures must be time-stamped.
//!
//! Policies load from JSON ([`load_policies`]) and save
//! back canonically ([`save_policies`]); the file format, every field and
//! every check is described in `docs/policy-format.md`. A policy is checked
//! against the registry it is used with when a [`Verifier`](crate::Verifier)
//! is built ([`JurisdictionPolicy::check_against`]).
//!
//! ```
//! use sigbridge::policy::{JurisdictionPolicy, PolicyFinding};
//! use sigbridge::{DocumentType, Time};
//! use sigbridge::crypto::{HashAlgorithm, KeyAlgorithm, SignatureAlgorithm};
//!
//! let policy = JurisdictionPolicy::sample(sigbridge::Jurisdiction::EU).unwrap();
//! let at: Time = "2025-06-01T00:00:00Z".parse().unwrap();
//! let sha1 = SignatureAlgorithm::RsaPkcs1 { hash: HashAlgorithm::Sha1 };
//! let findings = policy.check_algorithm(&sha1, &KeyAlgorithm::Rsa { bits: 2048 }, at);
//! // The sample EU policy accepted SHA-1 until 2013.
//! assert_eq!(
//!     findings,
//!     vec![PolicyFinding::DigestSunset {
//!         digest: "SHA-1".into(),
//!         until: "2013-01-01T00:00:00Z".parse().unwrap(),
//!     }]
//! );
//! ```

mod file;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use crate::registry::TsaAcceptance;
pub use file::{POLICY_FORMAT, PolicyFileError, load_policies, save_policies};

use crate::cert::Certificate;
use crate::cert::extension::oid as ext;
use crate::crypto::{KeyAlgorithm, SignatureAlgorithm};
use crate::path::VerifiedPath;
use crate::profile::{RoleKind, SignerIdentity};
use crate::registry::{DocumentScope, DocumentType};
use crate::{Jurisdiction, Oid, Time};

/// The policy name of a signature scheme (independent of its hash), as
/// used in policy files. `None` for algorithms outside the table.
///
/// ```
/// use sigbridge::crypto::{HashAlgorithm, SignatureAlgorithm};
/// let alg = SignatureAlgorithm::Sm2 { hash: HashAlgorithm::Sm3 };
/// assert_eq!(sigbridge::policy::scheme_name(&alg), Some("sm2"));
/// ```
pub fn scheme_name(alg: &SignatureAlgorithm) -> Option<&'static str> {
    Some(match alg {
        SignatureAlgorithm::RsaPkcs1 { .. } => "rsa-pkcs1",
        SignatureAlgorithm::RsaPss { .. } => "rsa-pss",
        // BSI TR-03111 plain r ‖ s is the same scheme in another encoding.
        SignatureAlgorithm::Ecdsa { .. } | SignatureAlgorithm::EcdsaPlain { .. } => "ecdsa",
        SignatureAlgorithm::Sm2 { .. } => "sm2",
        SignatureAlgorithm::Dsa { .. } => "dsa",
        SignatureAlgorithm::Ed25519 => "ed25519",
        SignatureAlgorithm::Ed448 => "ed448",
        SignatureAlgorithm::GostR3410_2001 => "gost-2001",
        SignatureAlgorithm::GostR3410_2012_256 => "gost-2012-256",
        SignatureAlgorithm::GostR3410_2012_512 => "gost-2012-512",
        SignatureAlgorithm::KzGost34310_2004 => "kz-gost-2004",
        SignatureAlgorithm::KzGost3410_2015 { .. } => "kz-gost-2015",
        SignatureAlgorithm::Bign { .. } => "bign",
        SignatureAlgorithm::UzDst1092 => "uz-dst-1092",
        SignatureAlgorithm::UzMst286 => "uz-mst-286",
        SignatureAlgorithm::MlDsa { .. } => "ml-dsa",
        _ => return None,
    })
}

/// Every scheme name [`scheme_name`] can return.
pub const SCHEME_NAMES: [&str; 16] = [
    "rsa-pkcs1",
    "rsa-pss",
    "ecdsa",
    "sm2",
    "dsa",
    "ed25519",
    "ed448",
    "gost-2001",
    "gost-2012-256",
    "gost-2012-512",
    "kz-gost-2004",
    "kz-gost-2015",
    "bign",
    "uz-dst-1092",
    "uz-mst-286",
    "ml-dsa",
];

/// An accepted signature scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlgorithmRule {
    /// The scheme, one of [`SCHEME_NAMES`].
    pub scheme: String,
    /// The minimum key size in bits (RSA modulus, EC field), if limited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_key_bits: Option<u32>,
    /// Accepted for signatures made before this time only (exclusive).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::opt_time"
    )]
    pub until: Option<Time>,
}

/// An accepted digest algorithm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestRule {
    /// The digest by its name (`SHA-256`, `SM3`, `GOST R 34.11-2012-256` …,
    /// as [`HashAlgorithm::name`](crate::crypto::HashAlgorithm::name)).
    pub digest: String,
    /// Accepted for signatures made before this time only (exclusive).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::opt_time"
    )]
    pub until: Option<Time>,
}

/// The key usage a signer's certificate must assert (RFC 5280 §4.2.1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyUsageRule {
    /// nonRepudiation (contentCommitment): the usual bit for
    /// commitment signatures (ETSI EN 319 412-2 §4.3.2).
    NonRepudiation,
    /// digitalSignature.
    DigitalSignature,
    /// Either bit.
    Either,
}

/// anyExtendedKeyUsage (RFC 5280 §4.2.1.12): the issuer does not restrict the key's purposes.
pub const ANY_EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37.0");
/// id-kp-emailProtection (RFC 5280 §4.2.1.12): S/MIME, i.e. CMS signatures;
/// the purpose most document-signing certificates carry (EU qualified
/// certificates, NCA RK signing certificates, RU qualified certificates).
pub const EMAIL_PROTECTION: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");
/// id-kp-documentSigning (RFC 9336 §3): signing content consumed by people.
pub const DOCUMENT_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.36");

/// The purposes every policy accepts for signing a trade document, whatever
/// it lists in [`JurisdictionPolicy::document_signing_ekus`].
pub const GENERAL_SIGNING_EKUS: [Oid; 3] =
    [ANY_EXTENDED_KEY_USAGE, EMAIL_PROTECTION, DOCUMENT_SIGNING];

/// Purposes that are never document signing and that a policy may not list:
/// serverAuth, clientAuth, codeSigning, timeStamping, OCSPSigning (RFC 5280
/// §4.2.1.12; a TSU key is for time-stamps only, RFC 3161 §2.3).
pub const NOT_DOCUMENT_SIGNING: [(Oid, &str); 5] = [
    (Oid::new_unwrap("1.3.6.1.5.5.7.3.1"), "serverAuth"),
    (Oid::new_unwrap("1.3.6.1.5.5.7.3.2"), "clientAuth"),
    (Oid::new_unwrap("1.3.6.1.5.5.7.3.3"), "codeSigning"),
    (Oid::new_unwrap("1.3.6.1.5.5.7.3.8"), "timeStamping"),
    (Oid::new_unwrap("1.3.6.1.5.5.7.3.9"), "OCSPSigning"),
];

/// An extended key usage a policy accepts as document signing, beside
/// [`GENERAL_SIGNING_EKUS`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EkuRule {
    /// The KeyPurposeId.
    #[serde(with = "crate::serde_util::oid")]
    pub eku: Oid,
    /// Where the rule comes from (the national regulation or profile), for
    /// the reader of the policy file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// Which use of a key a path algorithm finding concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateSignature {
    /// The certificate's signature, made by the next certificate's key.
    ByIssuer,
    /// The certificate's signature, made by the trust anchor's key.
    ByAnchor,
}

/// A CAdES signed attribute a policy may require (ETSI EN 319 122-1 §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignedAttribute {
    /// content-type (RFC 5652 §11.1).
    ContentType,
    /// message-digest (RFC 5652 §11.2).
    MessageDigest,
    /// signing-time (RFC 5652 §11.3).
    SigningTime,
    /// signing-certificate-v2 (RFC 5035).
    SigningCertificateV2,
    /// content-hints (RFC 2634 §2.9): carries the document type.
    ContentHints,
    /// commitment-type-indication (ETSI EN 319 122-1 §5.2.3).
    CommitmentTypeIndication,
    /// signature-policy-identifier (ETSI EN 319 122-1 §5.2.9).
    SignaturePolicyIdentifier,
}

impl fmt::Display for SignedAttribute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignedAttribute::ContentType => "content-type",
            SignedAttribute::MessageDigest => "message-digest",
            SignedAttribute::SigningTime => "signing-time",
            SignedAttribute::SigningCertificateV2 => "signing-certificate-v2",
            SignedAttribute::ContentHints => "content-hints",
            SignedAttribute::CommitmentTypeIndication => "commitment-type-indication",
            SignedAttribute::SignaturePolicyIdentifier => "signature-policy-identifier",
        })
    }
}

/// How a co-signer role is recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum RoleMarker {
    /// A role a national profile reads from the certificate
    /// (`first-head`, `signing-authority`, `financial-signer`,
    /// `human-resources`, `employee`, `document-signer`, `information-system`).
    ProfileRole(String),
    /// An extended key usage OID in the certificate.
    Eku(#[serde(with = "crate::serde_util::oid")] Oid),
    /// A certificate policy OID in the certificate.
    Policy(#[serde(with = "crate::serde_util::oid")] Oid),
    /// The service the signer's anchor is listed for in the registry
    /// (e.g. a chamber of commerce that issues certificates of origin).
    AnchorService(String),
    /// The kind of signer the national profile finds (`natural-person`,
    /// `legal-entity`, `representative`): e.g. an exporter's company seal
    /// (CN 公章 certificates name the company, not a person in a role).
    SignerKind(String),
}

/// A purpose by its RFC 5280 name when well known, else dotted.
fn eku_name(p: &Oid) -> String {
    if *p == ANY_EXTENDED_KEY_USAGE {
        return "anyExtendedKeyUsage".into();
    }
    if *p == EMAIL_PROTECTION {
        return "emailProtection".into();
    }
    if *p == DOCUMENT_SIGNING {
        return "documentSigning".into();
    }
    NOT_DOCUMENT_SIGNING
        .iter()
        .find(|(o, _)| o == p)
        .map_or_else(|| p.to_string(), |(_, n)| (*n).to_owned())
}

/// The signer kind names [`RoleMarker::SignerKind`] accepts.
pub const SIGNER_KIND_NAMES: [&str; 3] = ["natural-person", "legal-entity", "representative"];

fn signer_kind_name(kind: crate::profile::SignerKind) -> Option<&'static str> {
    use crate::profile::SignerKind as K;
    match kind {
        K::NaturalPerson => Some("natural-person"),
        K::LegalEntity => Some("legal-entity"),
        K::Representative => Some("representative"),
        K::CertificationAuthority | K::Unknown => None,
    }
}

/// The profile role names [`RoleMarker::ProfileRole`] accepts.
pub const PROFILE_ROLE_NAMES: [&str; 7] = [
    "first-head",
    "signing-authority",
    "financial-signer",
    "human-resources",
    "employee",
    "document-signer",
    "information-system",
];

fn profile_role_name(kind: RoleKind) -> &'static str {
    match kind {
        RoleKind::FirstHead => "first-head",
        RoleKind::SigningAuthority => "signing-authority",
        RoleKind::FinancialSigner => "financial-signer",
        RoleKind::HumanResources => "human-resources",
        RoleKind::Employee => "employee",
        RoleKind::DocumentSigner => "document-signer",
        RoleKind::InformationSystem => "information-system",
    }
}

/// A co-signer role a document type requires, recognised by any of its markers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleRequirement {
    /// The role's name in the policy, e.g. `exporter` or `issuing-authority`.
    pub role: String,
    /// The markers; one suffices.
    pub markers: Vec<RoleMarker>,
}

/// The rule for a set of document types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRule {
    /// The document types (UNTDID 1001 codes) or `"all"`.
    #[serde(with = "crate::serde_util::documents")]
    pub documents: DocumentScope,
    /// The minimum assurance level, in the relying jurisdiction's vocabulary.
    pub min_level: String,
    /// The co-signer roles the document needs, each from a different signer.
    #[serde(default)]
    pub required_roles: Vec<RoleRequirement>,
    /// Whether each signature must carry a time-stamp (CAdES-B-T, ETSI EN
    /// 319 122-1 §5.3: a signature-time-stamp proving it existed then).
    /// Written only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub timestamp_required: bool,
}

/// Whose time-stamps a relying jurisdiction accepts (RFC 3161 tokens on
/// signatures, CAdES-B-T).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimestampRule {
    /// Whose TSAs: its own, also its partners' (the default), or any listed.
    #[serde(default)]
    pub accept: TsaAcceptance,
    /// The lowest time-stamp level accepted, in the relying jurisdiction's
    /// time-stamp vocabulary (e.g. EU `qualified-time-stamp`, eIDAS Art.
    /// 42); `None` accepts any level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_level: Option<String>,
}

impl TimestampRule {
    fn is_default(&self) -> bool {
        *self == TimestampRule::default()
    }
}

/// A relying jurisdiction's technical rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionPolicy {
    /// The jurisdiction whose policy this is.
    #[serde(with = "crate::serde_util::jurisdiction")]
    pub jurisdiction: Jurisdiction,
    /// Accepted signature schemes. A scheme not listed is refused.
    pub algorithms: Vec<AlgorithmRule>,
    /// Accepted digests. A digest not listed is refused.
    pub digests: Vec<DigestRule>,
    /// The key usage a signer's certificate must assert.
    pub key_usage: KeyUsageRule,
    /// The extended key usages accepted as document signing besides
    /// [`GENERAL_SIGNING_EKUS`] (national document-signing purposes). A
    /// signer certificate whose extendedKeyUsage lists none of them is
    /// refused (RFC 5280 §4.2.1.12); one without the extension is not
    /// restricted. Empty by default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub document_signing_ekus: Vec<EkuRule>,
    /// The signed attributes every signature must carry.
    pub required_signed_attributes: Vec<SignedAttribute>,
    /// The maximum number of certificates from signer to anchor (the anchor not counted).
    pub max_path_depth: u8,
    /// Allowed clock skew in seconds when comparing a claimed signing time
    /// with the validation time.
    pub clock_skew_seconds: u32,
    /// Whether revocation information (a CRL or an OCSP response) is
    /// required for every path certificate.
    pub revocation_required: bool,
    /// Which revocation source is consulted first and which must decide
    /// (CRLs first, either deciding, by default); a revocation shown by
    /// either always counts. Written only when not the default.
    #[serde(
        default,
        skip_serializing_if = "crate::path::RevocationSources::is_default"
    )]
    pub revocation_sources: crate::path::RevocationSources,
    /// Whose time-stamps it accepts, and from which level. Written only
    /// when not the default (recognised TSAs, any level).
    #[serde(default, skip_serializing_if = "TimestampRule::is_default")]
    pub timestamps: TimestampRule,
    /// Per document type: minimum level and required roles. The first
    /// rule listing the code wins; a rule for `"all"` applies otherwise.
    pub documents: Vec<DocumentRule>,
}

/// One thing a policy refuses or requires, naming the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolicyFinding {
    /// The signature scheme is not in the policy.
    AlgorithmNotAccepted {
        /// The scheme name, or the algorithm's name when outside the table.
        scheme: String,
    },
    /// The scheme was accepted only until a time that has passed.
    AlgorithmSunset {
        /// The scheme.
        scheme: String,
        /// Its sunset.
        until: Time,
    },
    /// The key is smaller than the scheme's minimum.
    KeyTooSmall {
        /// The scheme.
        scheme: String,
        /// The key's size.
        bits: usize,
        /// The minimum.
        min: u32,
    },
    /// The digest is not in the policy.
    DigestNotAccepted {
        /// The digest name.
        digest: String,
    },
    /// The digest was accepted only until a time that has passed.
    DigestSunset {
        /// The digest.
        digest: String,
        /// Its sunset.
        until: Time,
    },
    /// The signer's certificate lacks the required key usage.
    KeyUsageMissing {
        /// What the policy requires.
        required: KeyUsageRule,
        /// The bits present (empty when the extension is absent).
        present: Vec<&'static str>,
    },
    /// The signer certificate's extended key usage restricts it to other
    /// purposes than signing documents (RFC 5280 §4.2.1.12).
    ExtendedKeyUsageNotForSigning {
        /// The purposes present, dotted (names for the well-known ones).
        present: Vec<String>,
        /// Whether the extension is critical.
        critical: bool,
    },
    /// A certificate of the path is signed with an algorithm, or by a key,
    /// that the policy does not accept.
    PathAlgorithm {
        /// The subject of the certificate whose signature it is.
        subject: String,
        /// Who made the signature.
        signed: CertificateSignature,
        /// The rule broken (an algorithm, key-size or digest finding).
        finding: Box<PolicyFinding>,
    },
    /// A CRL that decided a revocation status is signed with an algorithm,
    /// or by a key, that the policy does not accept.
    CrlAlgorithm {
        /// The CRL's issuer.
        issuer: String,
        /// The rule broken (an algorithm, key-size or digest finding).
        finding: Box<PolicyFinding>,
    },
    /// A required signed attribute is missing.
    SignedAttributeMissing(SignedAttribute),
    /// The path is longer than allowed.
    PathTooDeep {
        /// Its depth.
        depth: usize,
        /// The maximum.
        max: u8,
    },
    /// Revocation information is required but was not checked.
    RevocationNotChecked,
    /// The claimed signing time is later than the validation time plus the skew.
    SigningTimeInFuture {
        /// The claimed signing time.
        signing_time: Time,
        /// The validation time.
        at: Time,
    },
    /// No document rule covers the document type.
    NoDocumentRule(DocumentType),
    /// A signer's recognised level is below the document's minimum.
    LevelTooLow {
        /// The document type.
        document_type: DocumentType,
        /// The level reached.
        level: String,
        /// The minimum.
        minimum: String,
    },
    /// No signer (with the minimum level) fills a required role.
    RoleMissing {
        /// The document type.
        document_type: DocumentType,
        /// The role.
        role: String,
    },
    /// The document type's rule requires a time-stamp on the signature
    /// (CAdES-B-T), and it has none the policy accepts (a valid signature-time-stamp by a TSA it recognises).
    TimestampRequired {
        /// The document type.
        document_type: DocumentType,
    },
}

impl fmt::Display for PolicyFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PolicyFinding as P;
        match self {
            P::AlgorithmNotAccepted { scheme } => {
                write!(f, "signature scheme {scheme} is not accepted")
            }
            P::AlgorithmSunset { scheme, until } => {
                write!(f, "signature scheme {scheme} was accepted until {until}")
            }
            P::KeyTooSmall { scheme, bits, min } => {
                write!(
                    f,
                    "{scheme} key of {bits} bits is below the minimum of {min}"
                )
            }
            P::DigestNotAccepted { digest } => write!(f, "digest {digest} is not accepted"),
            P::DigestSunset { digest, until } => {
                write!(f, "digest {digest} was accepted until {until}")
            }
            P::KeyUsageMissing { required, present } => write!(
                f,
                "the signer certificate's key usage ({}) lacks the required {}",
                if present.is_empty() {
                    "none".to_owned()
                } else {
                    present.join(", ")
                },
                required.name()
            ),
            P::ExtendedKeyUsageNotForSigning { present, critical } => write!(
                f,
                "the signer certificate's {}extended key usage ({}) does not allow signing documents; the policy accepts emailProtection, anyExtendedKeyUsage, documentSigning and the purposes it lists",
                if *critical { "critical " } else { "" },
                present.join(", ")
            ),
            P::PathAlgorithm {
                subject,
                signed,
                finding,
            } => write!(
                f,
                "the certificate of {subject}, signed by {}: {finding}",
                match signed {
                    CertificateSignature::ByIssuer => "its issuer",
                    CertificateSignature::ByAnchor => "the trust anchor",
                }
            ),
            P::CrlAlgorithm { issuer, finding } => {
                write!(
                    f,
                    "the CRL of {issuer} that decided a revocation status: {finding}"
                )
            }
            P::SignedAttributeMissing(a) => write!(f, "required signed attribute {a} is missing"),
            P::PathTooDeep { depth, max } => {
                write!(
                    f,
                    "certification path of {depth} certificates exceeds {max}"
                )
            }
            P::RevocationNotChecked => {
                f.write_str("revocation information is required but was not checked")
            }
            P::SigningTimeInFuture { signing_time, at } => write!(
                f,
                "claimed signing time {signing_time} is after the validation time {at} beyond the allowed skew"
            ),
            P::NoDocumentRule(d) => write!(f, "no rule covers {d}"),
            P::LevelTooLow {
                document_type,
                level,
                minimum,
            } => write!(
                f,
                "{document_type} needs at least '{minimum}', the signer reaches '{level}'"
            ),
            P::RoleMissing {
                document_type,
                role,
            } => write!(
                f,
                "{document_type} needs a valid signature, at its minimum level, by a signer in the role '{role}'"
            ),
            P::TimestampRequired { document_type } => write!(
                f,
                "{document_type} requires a time-stamp on the signature (CAdES-B-T), and it has none the policy accepts"
            ),
        }
    }
}

impl PolicyFinding {
    /// The stable code of this finding (docs/report-format.md, "Codes"):
    /// `POLICY_…` for a rule on one signature, `DOCUMENT_…` for the
    /// document rule (minimum level, co-signer roles).
    pub fn code(&self) -> &'static str {
        use PolicyFinding as P;
        match self {
            P::AlgorithmNotAccepted { .. } => "POLICY_ALGORITHM_NOT_ACCEPTED",
            P::AlgorithmSunset { .. } => "POLICY_ALGORITHM_SUNSET",
            P::KeyTooSmall { .. } => "POLICY_KEY_TOO_SMALL",
            P::DigestNotAccepted { .. } => "POLICY_DIGEST_NOT_ACCEPTED",
            P::DigestSunset { .. } => "POLICY_DIGEST_SUNSET",
            P::KeyUsageMissing { .. } => "POLICY_KEY_USAGE_MISSING",
            P::ExtendedKeyUsageNotForSigning { .. } => "POLICY_EXTENDED_KEY_USAGE_NOT_FOR_SIGNING",
            P::PathAlgorithm { .. } => "POLICY_PATH_ALGORITHM",
            P::CrlAlgorithm { .. } => "POLICY_CRL_ALGORITHM",
            P::SignedAttributeMissing(_) => "POLICY_SIGNED_ATTRIBUTE_MISSING",
            P::PathTooDeep { .. } => "POLICY_PATH_TOO_DEEP",
            P::RevocationNotChecked => "POLICY_REVOCATION_NOT_CHECKED",
            P::SigningTimeInFuture { .. } => "POLICY_SIGNING_TIME_IN_FUTURE",
            P::NoDocumentRule(_) => "DOCUMENT_NO_RULE",
            P::LevelTooLow { .. } => "DOCUMENT_LEVEL_TOO_LOW",
            P::RoleMissing { .. } => "DOCUMENT_ROLE_MISSING",
            P::TimestampRequired { .. } => "POLICY_TIMESTAMP_REQUIRED",
        }
    }
}

impl KeyUsageRule {
    /// The rule's name in policy files: `non-repudiation`,
    /// `digital-signature` or `either`.
    pub fn name(self) -> &'static str {
        match self {
            KeyUsageRule::NonRepudiation => "non-repudiation",
            KeyUsageRule::DigitalSignature => "digital-signature",
            KeyUsageRule::Either => "either",
        }
    }
}

/// What [`PolicyFinding::LevelTooLow`] names as the level of a signer
/// that is not recognised at all.
pub(crate) const NOT_RECOGNISED_LEVEL: &str = "not recognised";

/// What the policy needs to know of one signer of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerFacts {
    /// The level the registry recognised, in the relying vocabulary (`None`
    /// when not recognised).
    pub level: Option<String>,
    /// The policy role names the signer fills ([`JurisdictionPolicy::roles_of`]).
    pub roles: Vec<String>,
    /// Who signed: facts with equal `identity` are signatures by one signer
    /// and fill at most one required role between them. The verifier gives
    /// signatures by the same key, the same subject name under one issuer
    /// (RFC 5280 §4.1.2.6) or the same natural-person identifier the same
    /// identity; a caller of [`JurisdictionPolicy::check_document`] gives
    /// each distinct signer a distinct value.
    pub identity: String,
}

impl JurisdictionPolicy {
    /// Checks a signature's scheme, digest and key size at `at` (the
    /// signing time the relying party accepts).
    pub fn check_algorithm(
        &self,
        alg: &SignatureAlgorithm,
        key: &KeyAlgorithm,
        at: Time,
    ) -> Vec<PolicyFinding> {
        let mut out = Vec::new();
        match scheme_name(alg) {
            None => out.push(PolicyFinding::AlgorithmNotAccepted { scheme: alg.name() }),
            Some(scheme) => match self.algorithms.iter().find(|r| r.scheme == scheme) {
                None => out.push(PolicyFinding::AlgorithmNotAccepted {
                    scheme: scheme.into(),
                }),
                Some(rule) => {
                    if let Some(until) = rule.until
                        && at >= until
                    {
                        out.push(PolicyFinding::AlgorithmSunset {
                            scheme: scheme.into(),
                            until,
                        });
                    }
                    if let (Some(min), Some(bits)) = (rule.min_key_bits, key.bits())
                        && bits < min as usize
                    {
                        out.push(PolicyFinding::KeyTooSmall {
                            scheme: scheme.into(),
                            bits,
                            min,
                        });
                    }
                }
            },
        }
        if let Some(hash) = alg.hash() {
            let digest = hash.name();
            match self.digests.iter().find(|r| r.digest == digest) {
                None => out.push(PolicyFinding::DigestNotAccepted {
                    digest: digest.into(),
                }),
                Some(DigestRule {
                    until: Some(until), ..
                }) if at >= *until => out.push(PolicyFinding::DigestSunset {
                    digest: digest.into(),
                    until: *until,
                }),
                Some(_) => {}
            }
        }
        out
    }

    /// Checks the signer certificate's key usage (RFC 5280 §4.2.1.3). A
    /// certificate without the extension has no restriction in RFC 5280,
    /// but a policy that requires a bit requires the extension to assert it.
    pub fn check_key_usage(&self, cert: &Certificate) -> Vec<PolicyFinding> {
        let ku = cert.key_usage();
        let (nr, ds) = ku.map_or((false, false), |k| {
            (k.non_repudiation(), k.digital_signature())
        });
        let ok = match self.key_usage {
            KeyUsageRule::NonRepudiation => nr,
            KeyUsageRule::DigitalSignature => ds,
            KeyUsageRule::Either => nr || ds,
        };
        if ok {
            Vec::new()
        } else {
            vec![PolicyFinding::KeyUsageMissing {
                required: self.key_usage,
                present: ku.map(|k| k.names()).unwrap_or_default(),
            }]
        }
    }

    /// Checks that the signer certificate may sign documents: RFC 5280
    /// §4.2.1.12 — "if the extension is present, then the certificate MUST
    /// only be used for one of the purposes indicated", critical or not. A
    /// certificate without the extension is not restricted. Accepted:
    /// [`GENERAL_SIGNING_EKUS`] and the policy's
    /// [`document_signing_ekus`](JurisdictionPolicy::document_signing_ekus).
    /// So a TLS server certificate (serverAuth), a time-stamping unit
    /// (timeStamping, RFC 3161 §2.3) or an OCSP responder (OCSPSigning,
    /// RFC 6960 §4.2.2.2) cannot sign a trade document.
    pub fn check_extended_key_usage(&self, cert: &Certificate) -> Vec<PolicyFinding> {
        let Some(purposes) = cert.extended_key_usage() else {
            return Vec::new();
        };
        let allowed = |p: &Oid| {
            GENERAL_SIGNING_EKUS.contains(p)
                || self.document_signing_ekus.iter().any(|r| r.eku == *p)
        };
        if purposes.iter().any(allowed) {
            return Vec::new();
        }
        vec![PolicyFinding::ExtendedKeyUsageNotForSigning {
            present: purposes.iter().map(eku_name).collect(),
            critical: cert
                .extension(&ext::EXTENDED_KEY_USAGE)
                .is_some_and(|e| e.critical),
        }]
    }

    /// Checks the algorithm rules ([`check_algorithm`](Self::check_algorithm))
    /// on every certificate of a validated path: each certificate's
    /// signature algorithm with the key that made it — the next
    /// certificate's, and the trust anchor's for the last one. Every CA key
    /// of the path and the anchor's are so checked for their size; the
    /// signer's own key is checked with the document signature. ETSI EN 319
    /// 102-1 §5.2.8 and TS 119 312: the cryptographic constraints apply to
    /// the signature and to the certificates of its chain, not to the
    /// signature alone (a 1024-bit intermediate is as weak a link as a
    /// 1024-bit signer).
    pub fn check_path_algorithms(&self, path: &VerifiedPath, at: Time) -> Vec<PolicyFinding> {
        let mut out = Vec::new();
        let certs = &path.certificates;
        for (i, c) in certs.iter().enumerate() {
            let cert = &c.certificate;
            let (key, signed) = match certs.get(i + 1) {
                Some(issuer) => (
                    issuer.certificate.key_algorithm(),
                    CertificateSignature::ByIssuer,
                ),
                None => (
                    path.anchor.key().algorithm(),
                    CertificateSignature::ByAnchor,
                ),
            };
            for finding in self.check_algorithm(cert.signature_algorithm(), key, at) {
                out.push(PolicyFinding::PathAlgorithm {
                    subject: cert.subject().to_string(),
                    signed,
                    finding: Box::new(finding),
                });
            }
        }
        // The CRLs the revocation decision rested on are as much part of
        // the chain's trust (EN 319 102-1 §5.2.8; RFC 5280 §6.3.3 (f)-(g)).
        for crl in &path.crl_signatures {
            for finding in self.check_algorithm(&crl.algorithm, &crl.key, at) {
                out.push(PolicyFinding::CrlAlgorithm {
                    issuer: crl.issuer.to_string(),
                    finding: Box::new(finding),
                });
            }
        }
        out.dedup();
        out
    }

    /// Checks the signed attributes present against those required.
    pub fn check_signed_attributes(&self, present: &[SignedAttribute]) -> Vec<PolicyFinding> {
        self.required_signed_attributes
            .iter()
            .filter(|a| !present.contains(a))
            .map(|a| PolicyFinding::SignedAttributeMissing(*a))
            .collect()
    }

    /// Checks path depth (certificates from signer to anchor, anchor not
    /// counted) and whether revocation was checked.
    pub fn check_path(&self, depth: usize, revocation_checked: bool) -> Vec<PolicyFinding> {
        let mut out = Vec::new();
        if depth > usize::from(self.max_path_depth) {
            out.push(PolicyFinding::PathTooDeep {
                depth,
                max: self.max_path_depth,
            });
        }
        if self.revocation_required && !revocation_checked {
            out.push(PolicyFinding::RevocationNotChecked);
        }
        out
    }

    /// Checks a claimed signing time against the validation time with the
    /// allowed skew.
    pub fn check_signing_time(&self, signing_time: Time, at: Time) -> Vec<PolicyFinding> {
        let limit = at
            .unix_seconds()
            .saturating_add(i64::from(self.clock_skew_seconds));
        if signing_time.unix_seconds() > limit {
            vec![PolicyFinding::SigningTimeInFuture { signing_time, at }]
        } else {
            Vec::new()
        }
    }

    /// The rule for a document type: the first rule listing its code, else
    /// the first rule for all documents.
    pub fn document_rule(&self, d: DocumentType) -> Option<&DocumentRule> {
        self.documents
            .iter()
            .find(|r| matches!(&r.documents, DocumentScope::Only(list) if list.contains(&d)))
            .or_else(|| {
                self.documents
                    .iter()
                    .find(|r| r.documents == DocumentScope::All)
            })
    }

    /// Whether the rule for document type `d` requires each signature to
    /// be time-stamped (CAdES-B-T). No rule: not required.
    ///
    /// ```
    /// use sigbridge::policy::JurisdictionPolicy;
    /// use sigbridge::{DocumentType, Jurisdiction};
    ///
    /// let eu = JurisdictionPolicy::sample(Jurisdiction::EU).unwrap();
    /// assert!(eu.timestamp_required(DocumentType::BILL_OF_LADING));
    /// assert!(!eu.timestamp_required(DocumentType::COMMERCIAL_INVOICE));
    /// ```
    pub fn timestamp_required(&self, d: DocumentType) -> bool {
        self.document_rule(d).is_some_and(|r| r.timestamp_required)
    }

    /// Checks a signature on a document of type `d` for the time-stamp its
    /// rule may require: [`PolicyFinding::TimestampRequired`] when required
    /// and `timestamped` is false.
    pub fn check_timestamp(&self, d: DocumentType, timestamped: bool) -> Vec<PolicyFinding> {
        if self.timestamp_required(d) && !timestamped {
            vec![PolicyFinding::TimestampRequired { document_type: d }]
        } else {
            Vec::new()
        }
    }

    /// The policy roles a signer fills, from its certificate, the profile's
    /// identity and the service its anchor is listed for.
    ///
    /// `validated_policies` is the path's validated policy set
    /// ([`crate::path::VerifiedPath::user_constrained_policy_set`]): a role
    /// marked by a certificate policy counts only if the path carries that
    /// policy (RFC 5280 §6.1.5; the CA above may not have been authorised
    /// for it), `anyPolicy` in the set carrying every policy. `None` reads
    /// the certificate alone — for inspecting a certificate, never for a
    /// verdict.
    pub fn roles_of(
        &self,
        cert: &Certificate,
        identity: &SignerIdentity,
        anchor_service: Option<&str>,
        validated_policies: Option<&[Oid]>,
    ) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let ekus = cert.extended_key_usage().unwrap_or_default();
        let policies: Vec<Oid> = cert
            .certificate_policies()
            .map(|p| p.iter().map(|p| p.oid).collect::<Vec<Oid>>())
            .unwrap_or_default()
            .into_iter()
            .filter(|oid| {
                validated_policies
                    .is_none_or(|set| set.contains(&crate::path::ANY_POLICY) || set.contains(oid))
            })
            .collect();
        for rule in &self.documents {
            for req in &rule.required_roles {
                let fills = req.markers.iter().any(|m| match m {
                    RoleMarker::ProfileRole(name) => identity
                        .roles
                        .iter()
                        .any(|r| profile_role_name(r.kind) == name),
                    RoleMarker::Eku(oid) => ekus.contains(oid),
                    RoleMarker::Policy(oid) => policies.contains(oid),
                    RoleMarker::AnchorService(s) => anchor_service == Some(s.as_str()),
                    RoleMarker::SignerKind(k) => {
                        signer_kind_name(identity.kind) == Some(k.as_str())
                    }
                });
                if fills && !out.contains(&req.role) {
                    out.push(req.role.clone());
                }
            }
        }
        out
    }

    /// Checks a document's signers against its rule: each signer's level
    /// against the minimum (`vocabulary` is the relying jurisdiction's,
    /// lowest first; a minimum outside it is met by no level), and each
    /// required role filled by a distinct signer that reaches the minimum.
    /// Signatures with the same [`SignerFacts::identity`] are one signer:
    /// two SignerInfos by one certificate (or one key, or one person) never
    /// fill two roles. Co-signing roles exist so that several parties
    /// commit to the document (e.g. the exporter and the chamber of
    /// commerce that certifies the origin); one party signing twice is
    /// still one party.
    pub fn check_document(
        &self,
        d: DocumentType,
        signers: &[SignerFacts],
        vocabulary: &[String],
    ) -> Vec<PolicyFinding> {
        let Some(rule) = self.document_rule(d) else {
            return vec![PolicyFinding::NoDocumentRule(d)];
        };
        let rank = |l: &str| vocabulary.iter().position(|v| v == l);
        let min = rank(&rule.min_level);
        let mut out = Vec::new();
        let mut qualified = Vec::new();
        for s in signers {
            let level = s.level.clone().unwrap_or_default();
            // A minimum outside the vocabulary is met by no level: the rule
            // fails closed (issue 12 item 6; `Verifier` refuses such a
            // policy at construction, `check_against`).
            if matches!((rank(&level), min), (Some(l), Some(m)) if l >= m) {
                qualified.push(s);
            } else {
                out.push(PolicyFinding::LevelTooLow {
                    document_type: d,
                    level: if level.is_empty() {
                        NOT_RECOGNISED_LEVEL.into()
                    } else {
                        level
                    },
                    minimum: rule.min_level.clone(),
                });
            }
        }
        // One entry per distinct signer, with the roles of all its qualified signatures.
        let mut signers: Vec<SignerFacts> = Vec::new();
        for s in qualified {
            match signers.iter_mut().find(|g| g.identity == s.identity) {
                Some(g) => {
                    for r in &s.roles {
                        if !g.roles.contains(r) {
                            g.roles.push(r.clone());
                        }
                    }
                }
                None => signers.push(s.clone()),
            }
        }
        let qualified: Vec<&SignerFacts> = signers.iter().collect();
        // Assign roles to distinct signers (bipartite matching, below).
        let roles: Vec<&str> = rule
            .required_roles
            .iter()
            .map(|r| r.role.as_str())
            .collect();
        let mut missing = Vec::new();
        if !assign(&roles, &qualified) {
            // Report the roles no qualified signer fills at all, or, when each
            // is fillable but not by distinct signers, all of them.
            for r in &roles {
                if !qualified.iter().any(|s| s.roles.iter().any(|x| x == r)) {
                    missing.push(*r);
                }
            }
            if missing.is_empty() {
                missing = roles.clone();
            }
        }
        out.extend(missing.into_iter().map(|r| PolicyFinding::RoleMissing {
            document_type: d,
            role: r.to_owned(),
        }));
        out
    }
}

/// Whether every role can be filled by a distinct signer: bipartite
/// matching by augmenting paths (Kuhn), O(roles × signers × roles) — no
/// exponential search however many signers an envelope carries.
fn assign(roles: &[&str], signers: &[&SignerFacts]) -> bool {
    // owner[s] = the role index signer s currently fills.
    let mut owner: Vec<Option<usize>> = vec![None; signers.len()];
    let fills = |s: usize, r: usize| {
        signers.get(s).is_some_and(|f| {
            roles
                .get(r)
                .is_some_and(|role| f.roles.iter().any(|x| x == role))
        })
    };
    fn augment(
        r: usize,
        seen: &mut [bool],
        owner: &mut [Option<usize>],
        fills: &dyn Fn(usize, usize) -> bool,
    ) -> bool {
        for s in 0..owner.len() {
            if !fills(s, r) || seen.get(s) != Some(&false) {
                continue;
            }
            if let Some(v) = seen.get_mut(s) {
                *v = true;
            }
            let current = owner.get(s).copied().flatten();
            let free = match current {
                None => true,
                Some(other) => augment(other, seen, owner, fills),
            };
            if free {
                if let Some(o) = owner.get_mut(s) {
                    *o = Some(r);
                }
                return true;
            }
        }
        false
    }
    (0..roles.len()).all(|r| {
        let mut seen = vec![false; signers.len()];
        augment(r, &mut seen, &mut owner, &fills)
    })
}
