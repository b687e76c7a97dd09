//! Findings: every reason and finding of a [`VerificationReport`] as a
//! stable machine-readable code, the English text, and the parameters a
//! translator needs — so that a UI in Chinese or Russian never parses
//! English. The codes and their parameters are listed in
//! `docs/report-format.md` ("Codes"); [`ALL_CODES`] is the same list, and a
//! test holds the two together.
//!
//! A code is the typed value's own (`PathError::code`,
//! `PolicyFinding::code`, `NotRecognisedReason::code`, …) or, for what the
//! verifier itself finds, one of the codes built here.
//!
//! [`VerificationReport`]: super::VerificationReport

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::indication::{Indication, SubIndication};
use crate::policy::{NOT_RECOGNISED_LEVEL, PolicyFinding};
use crate::registry::{AgreementGap, NotRecognisedReason, Registry};
use crate::{DocumentType, EnvelopeError, Jurisdiction, PathError, SignError, Time, VerifyError};

/// One reason or finding: a stable code, the English text, and its parameters.
///
/// `message` is exactly the line in the matching text list (`reasons`,
/// `document_findings`); `params` holds the values the message is made of
/// (subject, level, role, algorithm, time …), as strings. Times are RFC
/// 3339 UTC, jurisdictions ISO 3166-1 alpha-2 (or a union code), document
/// types their UNTDID 1001 number, lists joined with `, `.
///
/// ```
/// use sigbridge::verify::{Finding, ALL_CODES};
/// let json = r#"{"code":"DOCUMENT_ROLE_MISSING",
///   "message":"UNTDID 1001 code 861 needs a valid signature, at its minimum level, by a signer in the role 'exporter'",
///   "params":{"document_type":"861","role":"exporter"}}"#;
/// let f: Finding = serde_json::from_str(json).unwrap();
/// assert!(ALL_CODES.contains(&f.code.as_str()));
/// assert_eq!(f.params["role"], "exporter");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The stable code, one of [`ALL_CODES`].
    pub code: String,
    /// The English text (the same line as in the text list beside it).
    pub message: String,
    /// The parameters of the message, by name (see the code's entry in
    /// `docs/report-format.md`).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
}

/// Every code sigbridge gives: those of the verifier's reports (validity,
/// recognition, document, verdict) and those of its error enums. The same
/// list, with meanings and parameters, is in `docs/report-format.md`.
pub const ALL_CODES: &[&str] = &[
    // Tolerated deviations (envelope::Deviation).
    "DEVIATION_KZ_NCA_SUBSCRIBER_POLICIES",
    "DEVIATION_CRL_SIGNATURE_PARAMETERS",
    // Request.
    REQUEST_UNKNOWN_RELYING_JURISDICTION,
    // Envelope (EnvelopeError).
    "ENVELOPE_MALFORMED",
    "ENVELOPE_NOT_SIGNED_DATA",
    "ENVELOPE_PEM",
    "ENVELOPE_BASE64",
    "ENVELOPE_MISSING_CONTENT",
    "ENVELOPE_CONTENT_CONFLICT",
    "ENVELOPE_IO",
    "ENVELOPE_CONTENT_NEEDED_IN_MEMORY",
    "ENVELOPE_SIGNER_CERTIFICATE_NOT_FOUND",
    "ENVELOPE_SIGNER_CERTIFICATE_UNREADABLE",
    "ENVELOPE_UNSUPPORTED_DIGEST",
    "ENVELOPE_ALGORITHM_MISMATCH",
    "ENVELOPE_DIGEST_MISMATCH",
    "ENVELOPE_MISSING_ATTRIBUTE",
    "ENVELOPE_DUPLICATE_ATTRIBUTE",
    "ENVELOPE_FORBIDDEN_ATTRIBUTE",
    "ENVELOPE_MALFORMED_ATTRIBUTE",
    "ENVELOPE_CONTENT_TYPE_MISMATCH",
    "ENVELOPE_SIGNED_ATTRIBUTES_REQUIRED",
    "ENVELOPE_SIGNING_CERTIFICATE_MISMATCH",
    "ENVELOPE_NO_SUCH_SIGNER",
    "ENVELOPE_MISSING_KEY_IDENTIFIER",
    // Signature value (VerifyError).
    "VERIFY_BAD_SIGNATURE",
    "VERIFY_UNSUPPORTED_ALGORITHM",
    "VERIFY_KEY_MISMATCH",
    "VERIFY_MALFORMED_KEY",
    "VERIFY_MALFORMED_SIGNATURE",
    "VERIFY_BAD_PARAMETERS",
    // The verifier's own validity check.
    VALIDITY_SIGNER_NOT_YET_VALID,
    // Certification path (PathError).
    "PATH_UNKNOWN_ISSUER",
    "PATH_NOT_YET_VALID",
    "PATH_EXPIRED",
    "PATH_SIGNATURE",
    "PATH_WEAK_SIGNATURE",
    "PATH_SIGNATURE_ALGORITHM_MISMATCH",
    "PATH_NOT_CA",
    "PATH_LENGTH_EXCEEDED",
    "PATH_KEY_CERT_SIGN_MISSING",
    "PATH_UNKNOWN_CRITICAL_EXTENSION",
    "PATH_NAME_CONSTRAINT_VIOLATION",
    "PATH_UNSUPPORTED_NAME_CONSTRAINT",
    "PATH_POLICY_REQUIRED",
    "PATH_REVOKED",
    "PATH_REVOCATION_UNKNOWN",
    "PATH_TOO_LONG",
    "PATH_MALFORMED",
    "PATH_BUDGET_EXCEEDED",
    // Relying policy, per signature (PolicyFinding).
    "POLICY_ALGORITHM_NOT_ACCEPTED",
    "POLICY_ALGORITHM_SUNSET",
    "POLICY_KEY_TOO_SMALL",
    "POLICY_DIGEST_NOT_ACCEPTED",
    "POLICY_DIGEST_SUNSET",
    "POLICY_KEY_USAGE_MISSING",
    "POLICY_EXTENDED_KEY_USAGE_NOT_FOR_SIGNING",
    "POLICY_PATH_ALGORITHM",
    "POLICY_CRL_ALGORITHM",
    "POLICY_SIGNED_ATTRIBUTE_MISSING",
    "POLICY_PATH_TOO_DEEP",
    "POLICY_REVOCATION_NOT_CHECKED",
    "POLICY_SIGNING_TIME_IN_FUTURE",
    "POLICY_TIMESTAMP_REQUIRED",
    // Recognition: not assessed.
    RECOGNITION_NOT_ASSESSED_SIGNATURE_INVALID,
    RECOGNITION_NOT_ASSESSED_NO_ANCHOR,
    RECOGNITION_NOT_ASSESSED_DOCUMENT_TYPE_UNKNOWN,
    // Recognition: not recognised (NotRecognisedReason).
    "RECOGNITION_UNKNOWN_ANCHOR",
    "RECOGNITION_UNKNOWN_RELYING_JURISDICTION",
    "RECOGNITION_ANCHOR_NOT_A_CA",
    "RECOGNITION_ANCHOR_NOT_YET_LISTED",
    "RECOGNITION_ANCHOR_NOT_GRANTED",
    "RECOGNITION_LEVEL_NOT_LISTED",
    "RECOGNITION_NO_AGREEMENT",
    "RECOGNITION_AGREEMENT_NOT_IN_FORCE",
    "RECOGNITION_DOCUMENT_TYPE_NOT_COVERED",
    "RECOGNITION_LEVEL_NOT_MAPPED",
    // Document.
    DOCUMENT_TYPE_MISMATCH,
    DOCUMENT_TYPE_UNKNOWN,
    DOCUMENT_TYPES_DIFFER,
    DOCUMENT_NO_SIGNATURE,
    "DOCUMENT_NO_RULE",
    "DOCUMENT_LEVEL_TOO_LOW",
    "DOCUMENT_ROLE_MISSING",
    // Verdict.
    VERDICT_SIGNATURE_NOT_VALID,
    VERDICT_COUNTERSIGNATURE_NOT_VALID,
    VERDICT_SIGNATURE_NOT_RECOGNISED,
    INTERNAL_NO_REPORT,
    // Time-stamps (the verifier's own).
    TIMESTAMP_IMPRINT_UNCHECKED,
    TIMESTAMP_TSA_NOT_LISTED,
    TIMESTAMP_ORDER,
    TIMESTAMP_OUTSIDE_TSA_VALIDITY,
    // Time-stamp tokens, requests and responses (TspError).
    "TSP_MALFORMED",
    "TSP_NOT_A_TIME_STAMP_TOKEN",
    "TSP_SIGNER_COUNT",
    "TSP_UNKNOWN_CRITICAL_EXTENSION",
    "TSP_IMPRINT_MISMATCH",
    "TSP_UNSUPPORTED_IMPRINT_HASH",
    "TSP_SIGNATURE",
    "TSP_MISSING_SIGNING_CERTIFICATE",
    "TSP_TSA_EXTENDED_KEY_USAGE",
    "TSP_REJECTED",
    "TSP_NONCE_MISMATCH",
    "TSP_POLICY_MISMATCH",
    "TSP_NO_TOKEN",
    "TSP_MISSING_CERTIFICATE",
    "TSP_TRANSPORT",
    "TSP_NO_SUCH_SIGNER",
    "TSP_ENVELOPE",
    // OCSP responses (OcspError).
    "OCSP_MALFORMED",
    "OCSP_UNSUCCESSFUL",
    "OCSP_UNSUPPORTED_RESPONSE_TYPE",
    "OCSP_UNKNOWN_CRITICAL_EXTENSION",
    "OCSP_NO_MATCHING_RESPONSE",
    "OCSP_UNSUPPORTED_CERT_ID_HASH",
    "OCSP_RESPONDER_NOT_FOUND",
    "OCSP_RESPONDER_NOT_AUTHORIZED",
    "OCSP_SIGNATURE",
    "OCSP_RESPONDER_STATUS",
    "OCSP_PREMATURE",
    "OCSP_STALE",
    "OCSP_TOO_OLD",
    "OCSP_BUDGET_EXCEEDED",
    // Time-stamp recognition (TimestampRefusal).
    "TIMESTAMP_UNKNOWN_TSA",
    "TIMESTAMP_ANCHOR_NOT_A_TSA",
    "TIMESTAMP_UNKNOWN_RELYING_JURISDICTION",
    "TIMESTAMP_TSA_NOT_YET_LISTED",
    "TIMESTAMP_TSA_NOT_GRANTED",
    "TIMESTAMP_TSA_NOT_OWN",
    "TIMESTAMP_NO_AGREEMENT",
    "TIMESTAMP_AGREEMENT_NOT_IN_FORCE",
    "TIMESTAMP_DOCUMENT_TYPE_NOT_COVERED",
    "TIMESTAMP_LEVEL_TOO_LOW",
    // Tolerated deviations (envelope::Deviation), issue 13 items 1 and 4.
    "DEVIATION_GMT0010_CONTENT_TYPE",
    "DEVIATION_SM2_BARE_SIGNATURE_OID",
    "DEVIATION_SM2_ENCRYPTION_OID",
    "DEVIATION_SM2_WITHOUT_Z",
    "DEVIATION_TRAILING_BYTES",
    // Deviations (envelope::Deviation): signature forms, issue 13 items 2 and 3.
    "DEVIATION_SIGNED_ATTRIBUTES_RESORTED",
    "DEVIATION_SIGNED_ATTRIBUTES_NOT_DER_ORDER",
    "DEVIATION_DIGEST_INFO_WITHOUT_NULL",
    // Errors outside reports (loading certificates, signing, times).
    "CERT_NO_CERTIFICATE",
    "CERT_PEM",
    "CERT_DER",
    "CERT_TRAILING_DATA",
    "CERT_DEVIATION",
    "CERT_MALFORMED",
    "CERT_UNSUPPORTED_VERSION",
    "CERT_EXTENSION",
    "CERT_DUPLICATE_EXTENSION",
    "CERT_ALGORITHM",
    "CERT_PKCS7",
    "SIGN_KEY_MISMATCH",
    "SIGN_UNSUPPORTED_KEY",
    "SIGN_PKCS8",
    "SIGN_DECRYPTION",
    "SIGN_BACKEND",
    "SIGN_KEY_STORE",
    "TIME_INVALID",
];

const REQUEST_UNKNOWN_RELYING_JURISDICTION: &str = "REQUEST_UNKNOWN_RELYING_JURISDICTION";
const VALIDITY_SIGNER_NOT_YET_VALID: &str = "VALIDITY_SIGNER_NOT_YET_VALID";
const RECOGNITION_NOT_ASSESSED_SIGNATURE_INVALID: &str =
    "RECOGNITION_NOT_ASSESSED_SIGNATURE_INVALID";
const RECOGNITION_NOT_ASSESSED_NO_ANCHOR: &str = "RECOGNITION_NOT_ASSESSED_NO_ANCHOR";
const RECOGNITION_NOT_ASSESSED_DOCUMENT_TYPE_UNKNOWN: &str =
    "RECOGNITION_NOT_ASSESSED_DOCUMENT_TYPE_UNKNOWN";
const DOCUMENT_TYPE_MISMATCH: &str = "DOCUMENT_TYPE_MISMATCH";
const DOCUMENT_TYPE_UNKNOWN: &str = "DOCUMENT_TYPE_UNKNOWN";
const DOCUMENT_TYPES_DIFFER: &str = "DOCUMENT_TYPES_DIFFER";
const DOCUMENT_NO_SIGNATURE: &str = "DOCUMENT_NO_SIGNATURE";
const VERDICT_SIGNATURE_NOT_VALID: &str = "VERDICT_SIGNATURE_NOT_VALID";
const VERDICT_COUNTERSIGNATURE_NOT_VALID: &str = "VERDICT_COUNTERSIGNATURE_NOT_VALID";
const VERDICT_SIGNATURE_NOT_RECOGNISED: &str = "VERDICT_SIGNATURE_NOT_RECOGNISED";
const INTERNAL_NO_REPORT: &str = "INTERNAL_NO_REPORT";
const TIMESTAMP_IMPRINT_UNCHECKED: &str = "TIMESTAMP_IMPRINT_UNCHECKED";
const TIMESTAMP_TSA_NOT_LISTED: &str = "TIMESTAMP_TSA_NOT_LISTED";
const TIMESTAMP_ORDER: &str = "TIMESTAMP_ORDER";
const TIMESTAMP_OUTSIDE_TSA_VALIDITY: &str = "TIMESTAMP_OUTSIDE_TSA_VALIDITY";

/// Lists in parameters.
fn join<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Finding {
    /// A tolerated real-world deviation ([`crate::envelope::Deviation`]).
    pub fn deviation(d: &crate::envelope::Deviation) -> Finding {
        d.params()
            .into_iter()
            .fold(Finding::new(d.code(), d.to_string()), |f, (k, v)| {
                f.with(k, v)
            })
    }

    fn new(code: &str, message: impl Into<String>) -> Finding {
        Finding {
            code: code.to_owned(),
            message: message.into(),
            params: BTreeMap::new(),
        }
    }

    fn with(mut self, key: &str, value: impl ToString) -> Finding {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }

    fn with_all(mut self, params: Vec<(&'static str, String)>) -> Finding {
        for (k, v) in params {
            self.params.insert(k.to_owned(), v);
        }
        self
    }

    /// A failed cryptographic check of a SignerInfo (the error's own text).
    pub(crate) fn envelope(e: &EnvelopeError) -> Finding {
        Finding::new(e.code(), e.to_string()).with_all(envelope_params(e))
    }

    /// An envelope or document that could not be read at all.
    pub(crate) fn unreadable(what: &str, e: &EnvelopeError) -> Finding {
        Finding::new(
            e.code(),
            format!("TOTAL_FAILED / FORMAT_FAILURE: {what}: {e}"),
        )
        .with_all(envelope_params(e))
    }

    /// No report was made (cannot happen: a bug to report).
    pub(crate) fn no_report() -> Finding {
        Finding::new(
            INTERNAL_NO_REPORT,
            "TOTAL_FAILED / FORMAT_FAILURE: no report",
        )
    }

    /// A time-stamp that cannot be used: its token, imprint or signature
    /// (the error's own code).
    pub(crate) fn timestamp(what: &str, e: &crate::TspError) -> Finding {
        Finding::new(e.code(), format!("{what}: {e}")).with("timestamp", what)
    }

    /// A content-time-stamp whose imprint cannot be checked: the content
    /// was streamed and hashed with other algorithms only.
    pub(crate) fn timestamp_imprint_unchecked(what: &str) -> Finding {
        Finding::new(
            TIMESTAMP_IMPRINT_UNCHECKED,
            format!(
                "{what}: its imprint cannot be checked: the content was read as a stream and hashed \
                 with the signer's digest algorithm only; pass the content in memory"
            ),
        )
        .with("timestamp", what)
    }

    /// A time-stamp whose TSA path ends at no TSA listing of the registry.
    pub(crate) fn timestamp_tsa_not_listed(what: &str, subject: &str) -> Finding {
        Finding::new(
            TIMESTAMP_TSA_NOT_LISTED,
            format!("{what}: the TSA {subject} is not a time-stamping service of the registry"),
        )
        .with("timestamp", what)
        .with("subject", subject)
    }

    /// A time-stamp whose genTime is outside its TSA certificate's validity.
    pub(crate) fn timestamp_outside_tsa_validity(
        what: &str,
        gen_time: Time,
        subject: &str,
        not_before: Time,
        not_after: Time,
    ) -> Finding {
        Finding::new(
            TIMESTAMP_OUTSIDE_TSA_VALIDITY,
            format!(
                "{what}: its time {gen_time} is outside the validity of the TSA certificate {subject} \
                 ({not_before} to {not_after})"
            ),
        )
        .with("timestamp", what)
        .with("gen_time", gen_time)
        .with("subject", subject)
        .with("not_before", not_before)
        .with("not_after", not_after)
    }

    /// A time-stamp whose TSA certificate has no valid path to a TSA anchor.
    pub(crate) fn timestamp_path(what: &str, e: &PathError) -> Finding {
        Finding::new(e.code(), format!("{what}: TSA path: {e}"))
            .with("timestamp", what)
            .with_all(path_params(e))
    }

    /// A relying policy's finding about a time-stamp's signature or path.
    pub(crate) fn timestamp_policy(
        what: &str,
        f: &PolicyFinding,
        jurisdiction: Jurisdiction,
    ) -> Finding {
        Finding::new(f.code(), format!("{what}: {jurisdiction} policy: {f}"))
            .with("timestamp", what)
            .with("jurisdiction", jurisdiction)
            .with_all(policy_params(f))
    }

    /// EN 319 102-1 §5.5.4: a content-time-stamp later than a
    /// signature-time-stamp.
    pub(crate) fn timestamp_order(
        content: usize,
        content_time: Time,
        signature: usize,
        signature_time: Time,
    ) -> Finding {
        Finding::new(
            TIMESTAMP_ORDER,
            format!(
                "content-time-stamp #{content} ({content_time}) is later than \
                 signature-time-stamp #{signature} ({signature_time})"
            ),
        )
        .with("content_timestamp", content)
        .with("content_time", content_time)
        .with("signature_timestamp", signature)
        .with("signature_time", signature_time)
    }

    /// Why the relying jurisdiction does not accept a time-stamp's TSA.
    pub(crate) fn timestamp_refused(r: &crate::registry::TimestampRefusal) -> Finding {
        Finding::new(r.code(), r.to_string())
    }

    /// The same finding about a time-stamp (`what`).
    pub(crate) fn prefixed(mut self, what: &str) -> Finding {
        self.message = format!("{what}: {}", self.message);
        self.params.insert("timestamp".to_owned(), what.to_owned());
        self
    }

    /// A path that could not be built or validated.
    pub(crate) fn path(e: &PathError) -> Finding {
        Finding::new(e.code(), format!("path: {e}")).with_all(path_params(e))
    }

    /// EN 319 102-1 §5.2.6: the signer certificate is not yet valid.
    pub(crate) fn signer_not_yet_valid(subject: &str, not_before: Time, at: Time) -> Finding {
        Finding::new(
            VALIDITY_SIGNER_NOT_YET_VALID,
            format!(
                "the signer certificate of {subject} is not valid before {not_before} (validation time {at})"
            ),
        )
        .with("subject", subject)
        .with("not_before", not_before)
        .with("at", at)
    }

    /// A relying policy's finding about one signature.
    pub(crate) fn policy(f: &PolicyFinding, jurisdiction: Jurisdiction) -> Finding {
        Finding::new(f.code(), format!("{jurisdiction} policy: {f}"))
            .with("jurisdiction", jurisdiction)
            .with_all(policy_params(f))
    }

    /// A finding of the document rule (minimum level, co-signer roles).
    pub(crate) fn document_rule(f: &PolicyFinding) -> Finding {
        Finding::new(f.code(), f.to_string()).with_all(policy_params(f))
    }

    /// Why the registry does not recognise a signer.
    pub(crate) fn not_recognised(r: &NotRecognisedReason) -> Finding {
        Finding::new(r.code(), r.to_string()).with_all(recognition_params(r))
    }

    /// Recognition not assessed: the signature is not valid cryptographically.
    pub(crate) fn not_assessed_signature_invalid() -> Finding {
        Finding::new(
            RECOGNITION_NOT_ASSESSED_SIGNATURE_INVALID,
            "the signature is not valid cryptographically",
        )
    }

    /// Recognition not assessed: the path reached no anchor of the registry.
    pub(crate) fn not_assessed_no_anchor() -> Finding {
        Finding::new(
            RECOGNITION_NOT_ASSESSED_NO_ANCHOR,
            "no path to an anchor of the registry",
        )
    }

    /// Recognition not assessed: the document type is unknown.
    pub(crate) fn not_assessed_document_type_unknown() -> Finding {
        Finding::new(
            RECOGNITION_NOT_ASSESSED_DOCUMENT_TYPE_UNKNOWN,
            "the document type is unknown",
        )
    }

    /// The envelope declares another document type than the relying party expects.
    pub(crate) fn document_type_mismatch(
        declared: DocumentType,
        expected: DocumentType,
    ) -> Finding {
        Finding::new(
            DOCUMENT_TYPE_MISMATCH,
            format!("the envelope declares {declared}, the relying party expects {expected}"),
        )
        .with("declared", declared.0)
        .with("expected", expected.0)
    }

    /// Neither the caller nor the envelope names the document type.
    pub(crate) fn document_type_unknown() -> Finding {
        Finding::new(
            DOCUMENT_TYPE_UNKNOWN,
            "the document type is unknown: the envelope declares none (content-hints); pass the expected type",
        )
    }

    /// The signatures declare different document types.
    pub(crate) fn document_types_differ(types: &[DocumentType]) -> Finding {
        let codes: Vec<u16> = types.iter().map(|d| d.0).collect();
        Finding::new(
            DOCUMENT_TYPES_DIFFER,
            format!(
                "the signatures declare different document types: {}",
                join(&codes)
            ),
        )
        .with("types", join(&codes))
    }

    /// The envelope holds no SignerInfo.
    pub(crate) fn no_signature() -> Finding {
        Finding::new(DOCUMENT_NO_SIGNATURE, "the envelope holds no signature")
    }

    /// The relying jurisdiction is neither in the registry nor a member of
    /// a union in it: no law to judge by.
    pub(crate) fn unknown_relying(relying: Jurisdiction, registry: &Registry) -> Finding {
        let known: Vec<String> = registry
            .jurisdictions()
            .map(|j| {
                if j.members.is_empty() {
                    j.code.to_string()
                } else {
                    format!("{} (members {})", j.code, join(&j.members))
                }
            })
            .collect();
        let codes: Vec<String> = registry
            .jurisdictions()
            .map(|j| j.code.to_string())
            .collect();
        Finding::new(
            REQUEST_UNKNOWN_RELYING_JURISDICTION,
            format!(
                "no such jurisdiction in the registry: {relying} (the registry knows: {}); verify for one of these, or load a registry that lists {relying}",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ),
        )
        .with("jurisdiction", relying)
        .with("known", join(&codes))
    }

    /// The verdict's line for a signature (or countersignature) that did not pass.
    pub(crate) fn not_valid(
        countersignature: bool,
        number: usize,
        subject: &str,
        indication: Indication,
        sub: Option<SubIndication>,
        causes: &[Finding],
    ) -> Finding {
        let (code, what) = if countersignature {
            (VERDICT_COUNTERSIGNATURE_NOT_VALID, "countersignature")
        } else {
            (VERDICT_SIGNATURE_NOT_VALID, "signature")
        };
        let sub = sub.map(|s| s.to_string()).unwrap_or_default();
        Finding::new(
            code,
            format!("{what} #{number} by {subject}: {indication} / {sub}"),
        )
        .with("signature", number)
        .with("subject", subject)
        .with("indication", indication)
        .with("sub_indication", sub)
        .with("causes", causes_of(causes))
    }

    /// The verdict's line for a valid signature that is not recognised.
    pub(crate) fn not_recognised_signature(
        number: usize,
        subject: &str,
        reasons: &[String],
        causes: &[Finding],
    ) -> Finding {
        Finding::new(
            VERDICT_SIGNATURE_NOT_RECOGNISED,
            format!(
                "signature #{number} by {subject} is not recognised: {}",
                reasons.join("; ")
            ),
        )
        .with("signature", number)
        .with("subject", subject)
        .with("causes", causes_of(causes))
    }
}

/// The distinct codes of the findings a verdict line sums up, in order.
fn causes_of(findings: &[Finding]) -> String {
    let mut codes: Vec<&str> = Vec::new();
    for f in findings {
        if !codes.contains(&f.code.as_str()) {
            codes.push(&f.code);
        }
    }
    codes.join(", ")
}

type Params = Vec<(&'static str, String)>;

fn verify_params(e: &VerifyError) -> Params {
    match e {
        VerifyError::BadSignature { algorithm } => vec![("algorithm", algorithm.clone())],
        VerifyError::UnsupportedAlgorithm { oid, name } => {
            vec![("oid", oid.to_string()), ("name", name.clone())]
        }
        VerifyError::KeyMismatch { key, signature } => {
            vec![("key", key.clone()), ("signature", signature.clone())]
        }
        VerifyError::MalformedKey { reason } => vec![("reason", reason.clone())],
        VerifyError::MalformedSignature { algorithm, reason }
        | VerifyError::BadParameters { algorithm, reason } => {
            vec![("algorithm", algorithm.clone()), ("reason", reason.clone())]
        }
    }
}

fn sign_params(e: &SignError) -> Params {
    match e {
        SignError::KeyMismatch { subject } => vec![("subject", subject.clone())],
        SignError::UnsupportedKey { algorithm } => vec![("algorithm", algorithm.clone())],
        SignError::Pkcs8 { reason } | SignError::Backend { reason } => {
            vec![("reason", reason.clone())]
        }
        SignError::Decryption => Vec::new(),
        SignError::KeyStore(e) => vec![("reason", e.to_string())],
    }
}

fn envelope_params(e: &EnvelopeError) -> Params {
    use EnvelopeError as E;
    let s = |signer: &String| ("signer", signer.clone());
    match e {
        E::Malformed { part, reason } => {
            vec![("part", (*part).to_owned()), ("reason", reason.clone())]
        }
        E::NotSignedData { content_type } => vec![("content_type", content_type.to_string())],
        E::Pem { reason } | E::Io { reason } | E::Base64 { reason } => {
            vec![("reason", reason.clone())]
        }
        E::MissingContent | E::ContentConflict => Vec::new(),
        E::ContentNeededInMemory { signer } => vec![s(signer)],
        E::SignerCertificateNotFound { signer, given } => {
            vec![s(signer), ("given", given.to_string())]
        }
        E::SignerCertificateUnreadable {
            signer,
            index,
            issuer,
            serial,
            error,
        } => {
            let mut p = vec![s(signer), ("index", index.to_string())];
            if let Some(i) = issuer {
                p.push(("issuer", i.clone()));
            }
            if let Some(n) = serial {
                p.push(("serial", n.clone()));
            }
            p.push(("error", error.to_string()));
            p
        }
        E::UnsupportedDigest { oid, name } => {
            vec![("oid", oid.to_string()), ("name", name.clone())]
        }
        E::AlgorithmMismatch {
            signer,
            digest,
            signature,
        } => vec![
            s(signer),
            ("digest", digest.clone()),
            ("signature", signature.clone()),
        ],
        E::DigestMismatch { signer, algorithm } => {
            vec![s(signer), ("algorithm", algorithm.clone())]
        }
        E::Signature { signer, source } => {
            let mut p = vec![s(signer)];
            p.extend(verify_params(source));
            p
        }
        E::MissingAttribute { signer, attribute } | E::DuplicateAttribute { signer, attribute } => {
            vec![s(signer), ("attribute", (*attribute).to_owned())]
        }
        E::ForbiddenAttribute {
            signer,
            attribute,
            reason,
        } => vec![
            s(signer),
            ("attribute", (*attribute).to_owned()),
            ("reason", (*reason).to_owned()),
        ],
        E::MalformedAttribute {
            signer,
            attribute,
            reason,
        } => vec![
            s(signer),
            ("attribute", (*attribute).to_owned()),
            ("reason", reason.clone()),
        ],
        E::ContentTypeMismatch { signer, attribute } => {
            vec![s(signer), ("attribute", attribute.to_string())]
        }
        E::SignedAttributesRequired {
            signer,
            content_type,
        } => vec![s(signer), ("content_type", content_type.to_string())],
        E::SigningCertificateMismatch { signer, referenced } => {
            vec![s(signer), ("referenced", referenced.clone())]
        }
        E::NoSuchSigner { index, count } => {
            vec![("index", index.to_string()), ("count", count.to_string())]
        }
        E::MissingKeyIdentifier { subject } => vec![("subject", subject.clone())],
        E::Sign(e) => sign_params(e),
    }
}

fn path_params(e: &PathError) -> Params {
    use PathError as P;
    let s = |subject: &String| ("subject", subject.clone());
    match e {
        P::UnknownIssuer { subject, issuer } => vec![s(subject), ("issuer", issuer.clone())],
        P::NotYetValid {
            subject,
            not_before,
            at,
        } => vec![
            s(subject),
            ("not_before", not_before.to_string()),
            ("at", at.to_string()),
        ],
        P::Expired {
            subject,
            not_after,
            at,
        } => vec![
            s(subject),
            ("not_after", not_after.to_string()),
            ("at", at.to_string()),
        ],
        P::Signature { subject, error } => {
            let mut p = vec![s(subject), ("cause", error.code().to_owned())];
            p.extend(verify_params(error));
            p
        }
        P::WeakSignature { subject, algorithm } => {
            vec![s(subject), ("algorithm", algorithm.clone())]
        }
        P::SignatureAlgorithmMismatch { subject }
        | P::NotCa { subject }
        | P::PathLengthExceeded { subject }
        | P::KeyCertSignMissing { subject }
        | P::PolicyRequired { subject } => vec![s(subject)],
        P::UnknownCriticalExtension { subject, oid } => {
            vec![s(subject), ("oid", oid.to_string())]
        }
        P::NameConstraintViolation { subject, name } => vec![s(subject), ("name", name.clone())],
        P::UnsupportedNameConstraint { subject, form } => {
            vec![s(subject), ("form", (*form).to_owned())]
        }
        P::Revoked {
            subject,
            reason,
            date,
        } => {
            let mut p = vec![s(subject), ("date", date.to_string())];
            if let Some(r) = reason {
                p.push(("reason", r.to_string()));
            }
            p
        }
        P::RevocationUnknown { subject, reason } | P::Malformed { subject, reason } => {
            vec![s(subject), ("reason", reason.clone())]
        }
        P::PathTooLong { subject, limit } => vec![s(subject), ("limit", limit.to_string())],
        P::BudgetExceeded { what } => vec![("what", (*what).to_owned())],
    }
}

fn policy_params(f: &PolicyFinding) -> Params {
    use PolicyFinding as P;
    match f {
        P::AlgorithmNotAccepted { scheme } => vec![("scheme", scheme.clone())],
        P::AlgorithmSunset { scheme, until } => {
            vec![("scheme", scheme.clone()), ("until", until.to_string())]
        }
        P::KeyTooSmall { scheme, bits, min } => vec![
            ("scheme", scheme.clone()),
            ("bits", bits.to_string()),
            ("min", min.to_string()),
        ],
        P::DigestNotAccepted { digest } => vec![("digest", digest.clone())],
        P::DigestSunset { digest, until } => {
            vec![("digest", digest.clone()), ("until", until.to_string())]
        }
        P::KeyUsageMissing { required, present } => vec![
            ("required", required.name().to_owned()),
            ("present", join(present)),
        ],
        P::ExtendedKeyUsageNotForSigning { present, critical } => vec![
            ("present", join(present)),
            ("critical", critical.to_string()),
        ],
        P::PathAlgorithm {
            subject,
            signed,
            finding,
        } => {
            let mut p = vec![
                ("subject", subject.clone()),
                (
                    "signed_by",
                    match signed {
                        crate::policy::CertificateSignature::ByIssuer => "issuer",
                        crate::policy::CertificateSignature::ByAnchor => "anchor",
                    }
                    .to_owned(),
                ),
                ("cause", finding.code().to_owned()),
            ];
            p.extend(policy_params(finding));
            p
        }
        P::CrlAlgorithm { issuer, finding } => {
            let mut p = vec![
                ("issuer", issuer.clone()),
                ("cause", finding.code().to_owned()),
            ];
            p.extend(policy_params(finding));
            p
        }
        P::SignedAttributeMissing(a) => vec![("attribute", a.to_string())],
        P::PathTooDeep { depth, max } => {
            vec![("depth", depth.to_string()), ("max", max.to_string())]
        }
        P::RevocationNotChecked => Vec::new(),
        P::SigningTimeInFuture { signing_time, at } => vec![
            ("signing_time", signing_time.to_string()),
            ("at", at.to_string()),
        ],
        P::NoDocumentRule(d) | P::TimestampRequired { document_type: d } => {
            vec![("document_type", d.0.to_string())]
        }
        P::LevelTooLow {
            document_type,
            level,
            minimum,
        } => {
            let mut p = vec![
                ("document_type", document_type.0.to_string()),
                ("minimum", minimum.clone()),
            ];
            // The English placeholder for "no level" is not a level name.
            if level != NOT_RECOGNISED_LEVEL {
                p.push(("level", level.clone()));
            }
            p
        }
        P::RoleMissing {
            document_type,
            role,
        } => vec![
            ("document_type", document_type.0.to_string()),
            ("role", role.clone()),
        ],
    }
}

fn recognition_params(r: &NotRecognisedReason) -> Params {
    use NotRecognisedReason as R;
    let a = |id: &String| ("anchor", id.clone());
    match r {
        R::UnknownAnchor { anchor_id } => vec![a(anchor_id)],
        R::UnknownRelyingJurisdiction(j) => vec![("jurisdiction", j.to_string())],
        R::AnchorNotCertificateAuthority { anchor_id } => vec![a(anchor_id)],
        R::AnchorNotYetListed {
            anchor_id,
            first_listed,
        } => vec![a(anchor_id), ("first_listed", first_listed.to_string())],
        R::AnchorNotGranted {
            anchor_id,
            status,
            since,
        } => vec![
            a(anchor_id),
            ("status", status.to_string()),
            ("since", since.to_string()),
        ],
        R::LevelNotListed {
            anchor_id,
            claimed,
            listed,
        } => vec![
            a(anchor_id),
            ("claimed", join(claimed)),
            ("listed", join(listed)),
        ],
        R::NoAgreement { relying, issuing } => vec![
            ("relying", relying.to_string()),
            ("issuing", issuing.to_string()),
        ],
        R::AgreementNotInForce { agreement, gap } => {
            let mut p = vec![("agreement", agreement.clone())];
            match gap {
                AgreementGap::NotYet { from } => {
                    p.push(("gap", "not-yet".to_owned()));
                    p.push(("from", from.to_string()));
                }
                AgreementGap::Expired { until } => {
                    p.push(("gap", "expired".to_owned()));
                    p.push(("until", until.to_string()));
                }
                AgreementGap::Repealed { since } => {
                    p.push(("gap", "repealed".to_owned()));
                    p.push(("since", since.to_string()));
                }
                AgreementGap::NotEnacted => p.push(("gap", "not-enacted".to_owned())),
            }
            p
        }
        R::DocumentTypeNotCovered {
            agreement,
            document_type,
        } => vec![
            ("agreement", agreement.clone()),
            ("document_type", document_type.0.to_string()),
        ],
        R::LevelNotMapped { agreement, levels } => {
            vec![("agreement", agreement.clone()), ("levels", join(levels))]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::Deviation;
    use crate::policy::{KeyUsageRule, SignedAttribute};
    use crate::registry::ListingStatus;
    use crate::{CertError, Error, Oid};
    use std::collections::BTreeSet;

    const OID: Oid = Oid::new_unwrap("1.2.3.4");

    fn t() -> Time {
        Time::from_unix(0)
    }

    fn s() -> String {
        "x".to_owned()
    }

    fn verify_errors() -> Vec<VerifyError> {
        vec![
            VerifyError::BadSignature { algorithm: s() },
            VerifyError::UnsupportedAlgorithm {
                oid: OID,
                name: s(),
            },
            VerifyError::KeyMismatch {
                key: s(),
                signature: s(),
            },
            VerifyError::MalformedKey { reason: s() },
            VerifyError::MalformedSignature {
                algorithm: s(),
                reason: s(),
            },
            VerifyError::BadParameters {
                algorithm: s(),
                reason: s(),
            },
        ]
    }

    fn sigbridge_keystore_error() -> crate::keystore::KeyStoreError {
        crate::keystore::KeyStoreError::WrongPassword
    }

    fn sign_errors() -> Vec<SignError> {
        vec![
            SignError::KeyMismatch { subject: s() },
            SignError::UnsupportedKey { algorithm: s() },
            SignError::Pkcs8 { reason: s() },
            SignError::Decryption,
            SignError::Backend { reason: s() },
            SignError::KeyStore(sigbridge_keystore_error()),
        ]
    }

    fn envelope_errors() -> Vec<EnvelopeError> {
        let mut out = vec![
            EnvelopeError::Malformed {
                part: "p",
                reason: s(),
            },
            EnvelopeError::NotSignedData { content_type: OID },
            EnvelopeError::Pem { reason: s() },
            EnvelopeError::Base64 { reason: s() },
            EnvelopeError::MissingContent,
            EnvelopeError::ContentConflict,
            EnvelopeError::Io { reason: s() },
            EnvelopeError::ContentNeededInMemory { signer: s() },
            EnvelopeError::SignerCertificateNotFound {
                signer: s(),
                given: 0,
            },
            EnvelopeError::SignerCertificateUnreadable {
                signer: s(),
                index: 0,
                issuer: Some(s()),
                serial: Some(s()),
                error: Box::new(CertError::NoCertificate),
            },
            EnvelopeError::UnsupportedDigest {
                oid: OID,
                name: s(),
            },
            EnvelopeError::AlgorithmMismatch {
                signer: s(),
                digest: s(),
                signature: s(),
            },
            EnvelopeError::DigestMismatch {
                signer: s(),
                algorithm: s(),
            },
            EnvelopeError::MissingAttribute {
                signer: s(),
                attribute: "a",
            },
            EnvelopeError::DuplicateAttribute {
                signer: s(),
                attribute: "a",
            },
            EnvelopeError::ForbiddenAttribute {
                signer: s(),
                attribute: "a",
                reason: "r",
            },
            EnvelopeError::MalformedAttribute {
                signer: s(),
                attribute: "a",
                reason: s(),
            },
            EnvelopeError::ContentTypeMismatch {
                signer: s(),
                attribute: OID,
            },
            EnvelopeError::SignedAttributesRequired {
                signer: s(),
                content_type: OID,
            },
            EnvelopeError::SigningCertificateMismatch {
                signer: s(),
                referenced: s(),
            },
            EnvelopeError::NoSuchSigner { index: 1, count: 1 },
            EnvelopeError::MissingKeyIdentifier { subject: s() },
        ];
        out.extend(
            verify_errors()
                .into_iter()
                .map(|e| EnvelopeError::Signature {
                    signer: s(),
                    source: e,
                }),
        );
        out.extend(sign_errors().into_iter().map(EnvelopeError::Sign));
        out
    }

    fn path_errors() -> Vec<PathError> {
        vec![
            PathError::UnknownIssuer {
                subject: s(),
                issuer: s(),
            },
            PathError::NotYetValid {
                subject: s(),
                not_before: t(),
                at: t(),
            },
            PathError::Expired {
                subject: s(),
                not_after: t(),
                at: t(),
            },
            PathError::Signature {
                subject: s(),
                error: VerifyError::BadSignature { algorithm: s() },
            },
            PathError::WeakSignature {
                subject: s(),
                algorithm: s(),
            },
            PathError::SignatureAlgorithmMismatch { subject: s() },
            PathError::NotCa { subject: s() },
            PathError::PathLengthExceeded { subject: s() },
            PathError::KeyCertSignMissing { subject: s() },
            PathError::UnknownCriticalExtension {
                subject: s(),
                oid: OID,
            },
            PathError::NameConstraintViolation {
                subject: s(),
                name: s(),
            },
            PathError::UnsupportedNameConstraint {
                subject: s(),
                form: "f",
            },
            PathError::PolicyRequired { subject: s() },
            PathError::Revoked {
                subject: s(),
                reason: Some(1),
                date: t(),
            },
            PathError::RevocationUnknown {
                subject: s(),
                reason: s(),
            },
            PathError::PathTooLong {
                subject: s(),
                limit: 1,
            },
            PathError::Malformed {
                subject: s(),
                reason: s(),
            },
            PathError::BudgetExceeded { what: "w" },
        ]
    }

    fn cert_errors() -> Vec<CertError> {
        vec![
            CertError::NoCertificate,
            CertError::Pem { reason: s() },
            CertError::Der {
                what: "w",
                reason: s(),
            },
            CertError::TrailingData { what: "w", len: 1 },
            CertError::Deviation {
                deviation: Deviation::NegativeSerial,
            },
            CertError::Malformed {
                what: "w",
                reason: s(),
            },
            CertError::UnsupportedVersion { version: 9 },
            CertError::Extension {
                oid: OID,
                name: "n",
                reason: s(),
            },
            CertError::DuplicateExtension { oid: OID },
            CertError::Algorithm {
                what: "w",
                algorithm: OID,
                reason: s(),
            },
            CertError::Pkcs7 { reason: s() },
            CertError::InBundle {
                index: 0,
                source: Box::new(CertError::NoCertificate),
            },
        ]
    }

    fn policy_findings() -> Vec<PolicyFinding> {
        let d = DocumentType::COMMERCIAL_INVOICE;
        vec![
            PolicyFinding::AlgorithmNotAccepted { scheme: s() },
            PolicyFinding::AlgorithmSunset {
                scheme: s(),
                until: t(),
            },
            PolicyFinding::KeyTooSmall {
                scheme: s(),
                bits: 1024,
                min: 2048,
            },
            PolicyFinding::DigestNotAccepted { digest: s() },
            PolicyFinding::DigestSunset {
                digest: s(),
                until: t(),
            },
            PolicyFinding::KeyUsageMissing {
                required: KeyUsageRule::NonRepudiation,
                present: vec!["keyEncipherment"],
            },
            PolicyFinding::ExtendedKeyUsageNotForSigning {
                present: vec![s()],
                critical: true,
            },
            PolicyFinding::PathAlgorithm {
                subject: s(),
                signed: crate::policy::CertificateSignature::ByIssuer,
                finding: Box::new(PolicyFinding::AlgorithmNotAccepted { scheme: s() }),
            },
            PolicyFinding::CrlAlgorithm {
                issuer: s(),
                finding: Box::new(PolicyFinding::AlgorithmNotAccepted { scheme: s() }),
            },
            PolicyFinding::SignedAttributeMissing(SignedAttribute::SigningTime),
            PolicyFinding::PathTooDeep { depth: 9, max: 3 },
            PolicyFinding::RevocationNotChecked,
            PolicyFinding::SigningTimeInFuture {
                signing_time: t(),
                at: t(),
            },
            PolicyFinding::NoDocumentRule(d),
            PolicyFinding::TimestampRequired { document_type: d },
            PolicyFinding::LevelTooLow {
                document_type: d,
                level: s(),
                minimum: s(),
            },
            PolicyFinding::RoleMissing {
                document_type: d,
                role: s(),
            },
        ]
    }

    fn not_recognised() -> Vec<NotRecognisedReason> {
        let mut out = vec![
            NotRecognisedReason::UnknownAnchor { anchor_id: s() },
            NotRecognisedReason::UnknownRelyingJurisdiction(Jurisdiction::CN),
            NotRecognisedReason::AnchorNotCertificateAuthority { anchor_id: s() },
            NotRecognisedReason::AnchorNotYetListed {
                anchor_id: s(),
                first_listed: t(),
            },
            NotRecognisedReason::AnchorNotGranted {
                anchor_id: s(),
                status: ListingStatus::Withdrawn,
                since: t(),
            },
            NotRecognisedReason::LevelNotListed {
                anchor_id: s(),
                claimed: vec![s()],
                listed: vec![s()],
            },
            NotRecognisedReason::NoAgreement {
                relying: Jurisdiction::KZ,
                issuing: Jurisdiction::CN,
            },
            NotRecognisedReason::DocumentTypeNotCovered {
                agreement: s(),
                document_type: DocumentType::COMMERCIAL_INVOICE,
            },
            NotRecognisedReason::LevelNotMapped {
                agreement: s(),
                levels: vec![s()],
            },
        ];
        for gap in [
            AgreementGap::NotYet { from: t() },
            AgreementGap::Expired { until: t() },
            AgreementGap::Repealed { since: t() },
            AgreementGap::NotEnacted,
        ] {
            out.push(NotRecognisedReason::AgreementNotInForce {
                agreement: s(),
                gap,
            });
        }
        out
    }

    /// One of each tolerated deviation.
    fn deviations() -> Vec<crate::envelope::Deviation> {
        use crate::envelope::Deviation as D;
        vec![
            D::KzNcaSubscriberPolicies {
                policies: vec![s()],
            },
            D::CrlSignatureParametersNullVsAbsent { issuer: s() },
            // Signature forms (issue 13 items 2 and 3).
            D::SignedAttributesResorted,
            D::SignedAttributesNotDerOrder,
            D::DigestInfoWithoutNull,
        ]
    }

    /// Every finding the verifier can put in a report, one per variant.
    fn report_findings() -> Vec<Finding> {
        let registry = Registry::sample().unwrap();
        let d = DocumentType::COMMERCIAL_INVOICE;
        let mut out: Vec<Finding> = Vec::new();
        out.extend(envelope_errors().iter().map(Finding::envelope));
        out.extend(
            envelope_errors()
                .iter()
                .map(|e| Finding::unreadable("the envelope", e)),
        );
        out.extend(path_errors().iter().map(Finding::path));
        out.extend(
            policy_findings()
                .iter()
                .map(|f| Finding::policy(f, Jurisdiction::EU)),
        );
        out.extend(policy_findings().iter().map(Finding::document_rule));
        out.extend(not_recognised().iter().map(Finding::not_recognised));
        out.extend(deviations().iter().map(Finding::deviation));
        out.extend([
            Finding::no_report(),
            Finding::signer_not_yet_valid("x", t(), t()),
            Finding::not_assessed_signature_invalid(),
            Finding::not_assessed_no_anchor(),
            Finding::not_assessed_document_type_unknown(),
            Finding::document_type_mismatch(d, DocumentType::CERTIFICATE_OF_ORIGIN),
            Finding::document_type_unknown(),
            Finding::document_types_differ(&[d, DocumentType::CERTIFICATE_OF_ORIGIN]),
            Finding::no_signature(),
            Finding::unknown_relying(Jurisdiction::PK, &registry),
            Finding::not_valid(false, 1, "x", Indication::TotalFailed, None, &[]),
            Finding::not_valid(true, 1, "x", Indication::TotalFailed, None, &[]),
            Finding::not_recognised_signature(1, "x", &[], &[]),
            Finding::timestamp_imprint_unchecked("content-time-stamp #1"),
            Finding::timestamp_tsa_not_listed("signature-time-stamp #1", "x"),
            Finding::timestamp_order(1, t(), 1, t()),
            Finding::timestamp_outside_tsa_validity("signature-time-stamp #1", t(), "x", t(), t()),
        ]);
        // Every TspError variant, as a time-stamp finding.
        {
            use crate::TspError as T;
            let env = || EnvelopeError::MissingContent;
            out.extend(
                [
                    T::Malformed {
                        what: "TSTInfo",
                        reason: s(),
                    },
                    T::NotATimeStampToken {
                        content_type: crate::envelope::ID_DATA,
                    },
                    T::SignerCount { count: 2 },
                    T::UnknownCriticalExtension {
                        oid: crate::envelope::ID_DATA,
                    },
                    T::ImprintMismatch,
                    T::UnsupportedImprintHash {
                        oid: crate::envelope::ID_DATA,
                    },
                    T::Signature(env()),
                    T::MissingSigningCertificate,
                    T::TsaExtendedKeyUsage {
                        subject: s(),
                        why: crate::tsp::EkuProblem::NotCritical,
                    },
                    T::Rejected {
                        status: crate::tsp::PkiStatus::Rejection,
                        strings: vec![s()],
                        fail_info: None,
                    },
                    T::NonceMismatch,
                    T::PolicyMismatch,
                    T::NoToken,
                    T::MissingCertificate,
                    T::Transport(s()),
                    T::NoSuchSigner { index: 1, count: 1 },
                    T::Envelope(env()),
                ]
                .iter()
                .map(|e| Finding::timestamp("signature-time-stamp #1", e)),
            );
        }
        // Every TimestampRefusal variant.
        {
            use crate::registry::{AgreementGap, ServiceKind, TimestampRefusal as R};
            let j = Jurisdiction::KZ;
            out.extend(
                [
                    R::UnknownAnchor { anchor_id: s() },
                    R::NotTimeStamping {
                        anchor_id: s(),
                        kind: ServiceKind::CertificateAuthority,
                    },
                    R::UnknownRelyingJurisdiction(j),
                    R::NotYetListed {
                        anchor_id: s(),
                        first_listed: t(),
                    },
                    R::NotGranted {
                        anchor_id: s(),
                        status: ListingStatus::Withdrawn,
                        since: t(),
                    },
                    R::NotOwn {
                        anchor_id: s(),
                        jurisdiction: j,
                        relying: Jurisdiction::EU,
                    },
                    R::NoAgreement {
                        relying: Jurisdiction::EU,
                        issuing: j,
                    },
                    R::AgreementNotInForce {
                        agreement: s(),
                        gap: AgreementGap::NotEnacted,
                    },
                    R::DocumentTypeNotCovered {
                        agreement: s(),
                        document_type: d,
                    },
                    R::LevelTooLow {
                        anchor_id: s(),
                        levels: vec![s()],
                        minimum: s(),
                        vocabulary_of: j,
                    },
                ]
                .iter()
                .map(Finding::timestamp_refused),
            );
        }
        // Every envelope::Deviation variant (issue 13 items 1 and 4).
        {
            use crate::envelope::Deviation as D;
            out.extend(
                [
                    D::Gmt0010ContentType {
                        field: "eContentType",
                        oid: crate::envelope::GMT0010_DATA,
                    },
                    D::Sm2BareSignatureOid,
                    D::Sm2EncryptionOid,
                    D::Sm2WithoutZ,
                    D::TrailingBytes { count: 512 },
                ]
                .iter()
                .map(Finding::deviation),
            );
        }
        out
    }

    /// Every OcspError variant.
    fn ocsp_errors() -> Vec<crate::OcspError> {
        use crate::OcspError as O;
        let t = Time::from_unix(0);
        let oid = crate::Oid::new_unwrap("1.2.3");
        vec![
            O::Malformed {
                what: "x",
                reason: s(),
            },
            O::Unsuccessful {
                status: crate::path::OcspResponseStatus::TryLater,
            },
            O::UnsupportedResponseType { oid },
            O::UnknownCriticalExtension { oid },
            O::NoMatchingResponse { subject: s() },
            O::UnsupportedCertIdHash { oid },
            O::ResponderNotFound { responder: s() },
            O::ResponderNotAuthorized {
                responder: s(),
                why: crate::path::ResponderProblem::KeyUsage,
            },
            O::Signature { responder: s() },
            O::ResponderStatus {
                responder: s(),
                reason: s(),
            },
            O::Premature {
                what: "producedAt",
                time: t,
                validation_time: t,
            },
            O::Stale {
                next_update: t,
                at: t,
            },
            O::TooOld {
                this_update: t,
                max_age_seconds: 0,
                at: t,
            },
            O::BudgetExceeded,
        ]
    }

    #[test]
    fn every_code_is_listed_once_and_every_listed_code_is_produced() {
        let listed: BTreeSet<&str> = ALL_CODES.iter().copied().collect();
        assert_eq!(listed.len(), ALL_CODES.len(), "a code is listed twice");
        let mut produced: BTreeSet<String> =
            report_findings().into_iter().map(|f| f.code).collect();
        produced.extend(cert_errors().iter().map(|e| e.code().to_owned()));
        produced.extend(
            [
                Error::Time(crate::time::TimeParseError(s())),
                Error::Cert(CertError::NoCertificate),
            ]
            .iter()
            .map(|e| e.code().to_owned()),
        );
        // OCSP errors: crate errors of `OcspResponse::from_der` and
        // `check_ocsp`; in a report, the reason of PATH_REVOCATION_UNKNOWN.
        produced.extend(
            ocsp_errors()
                .into_iter()
                .map(|e| Error::Ocsp(e).code().to_owned()),
        );
        let produced: BTreeSet<&str> = produced.iter().map(String::as_str).collect();
        assert_eq!(produced, listed);
    }

    #[test]
    fn codes_are_screaming_snake() {
        for code in ALL_CODES {
            assert!(
                code.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
                "{code}"
            );
        }
    }

    #[test]
    fn parameters_carry_what_the_message_names() {
        // Every parameter value (but codes and selectors)
        // appears in the message, so a translator loses nothing.
        for f in report_findings() {
            for (k, v) in &f.params {
                if matches!(
                    k.as_str(),
                    "causes" | "cause" | "gap" | "critical" | "signed_by"
                ) || v.is_empty()
                {
                    continue;
                }
                let in_message = f.message.contains(v.as_str())
                    || v.split(", ").all(|part| f.message.contains(part));
                assert!(in_message, "{}: {k}={v} not in {:?}", f.code, f.message);
            }
        }
    }

    #[test]
    fn wrappers_give_the_inner_code() {
        let e = EnvelopeError::Signature {
            signer: s(),
            source: VerifyError::BadSignature { algorithm: s() },
        };
        assert_eq!(e.code(), "VERIFY_BAD_SIGNATURE");
        assert_eq!(Error::Envelope(e).code(), "VERIFY_BAD_SIGNATURE");
        let f = Finding::path(&PathError::Signature {
            subject: s(),
            error: VerifyError::BadSignature { algorithm: s() },
        });
        assert_eq!(f.code, "PATH_SIGNATURE");
        assert_eq!(f.params["cause"], "VERIFY_BAD_SIGNATURE");
    }

    #[test]
    fn level_of_an_unrecognised_signer_is_no_parameter() {
        let f = Finding::document_rule(&PolicyFinding::LevelTooLow {
            document_type: DocumentType::COMMERCIAL_INVOICE,
            level: NOT_RECOGNISED_LEVEL.into(),
            minimum: "nca-signing".into(),
        });
        assert_eq!(f.code, "DOCUMENT_LEVEL_TOO_LOW");
        assert_eq!(
            f.params,
            BTreeMap::from([
                ("document_type".to_owned(), "380".to_owned()),
                ("minimum".to_owned(), "nca-signing".to_owned()),
            ])
        );
    }
}
