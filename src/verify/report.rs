//! The verification report: plain data (serde JSON, shape documented in
//! `docs/report-format.md`) with a readable `Display`. Two axes are kept
//! apart, as ETSI does: **validity** of each signature (EN 319 102-1
//! indications) and **recognition** of it in the relying jurisdiction.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::finding::Finding;
use super::indication::{Indication, SubIndication};

/// The report's format tag. Version 2 added the coded findings beside
/// every text list (`findings`, `document_coded_findings`); a version 1
/// report reads back with those lists empty.
pub const REPORT_FORMAT: &str = "sigbridge-verification-report/2";

/// What a relying party learns about one signed document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationReport {
    /// [`REPORT_FORMAT`].
    pub format: String,
    /// The registry's label.
    pub registry_label: String,
    /// The registry snapshot id (a content digest) the verdict rests on.
    pub registry_snapshot: String,
    /// The relying jurisdiction whose law and policy were applied.
    pub relying: String,
    /// The document type judged (UNTDID 1001 code), if known.
    pub document_type: Option<u16>,
    /// The validation time (RFC 3339, UTC).
    pub validation_time: String,
    /// One entry per SignerInfo, in envelope order.
    pub signatures: Vec<SignatureReport>,
    /// Findings about the document as a whole (envelope format, document
    /// type, required co-signers, minimum level).
    pub document_findings: Vec<String>,
    /// `document_findings` with their codes and parameters, in the same order.
    #[serde(default)]
    pub document_coded_findings: Vec<Finding>,
    /// Real-world deviations of the envelope as a whole, tolerated and
    /// named (codes `DEVIATION_…`); each signature's are on the signature.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deviations: Vec<Finding>,
    /// The final verdict.
    pub verdict: Verdict,
}

/// The verdict on the document in the relying jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Whether the document is accepted: every signature TOTAL_PASSED and
    /// recognised, every countersignature TOTAL_PASSED, and the document's
    /// rule (co-signer roles, minimum level) met.
    pub accepted: bool,
    /// Why not, one line each (empty when accepted).
    pub reasons: Vec<String>,
    /// `reasons` with their codes and parameters, in the same order.
    #[serde(default)]
    pub findings: Vec<Finding>,
}

/// One signature (or countersignature).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureReport {
    /// Position among the SignerInfos (or the countersignatures of the parent).
    pub index: usize,
    /// Who signed.
    pub signer: SignerReport,
    /// The signing-time attribute (the signer's claim).
    pub signing_time: Option<String>,
    /// The document type the signature's content-hints names.
    pub declared_document_type: Option<u16>,
    /// The signature algorithm, by name.
    pub signature_algorithm: Option<String>,
    /// Validity (EN 319 102-1).
    pub validity: ValidityReport,
    /// Recognition in the relying jurisdiction.
    pub recognition: RecognitionReport,
    /// The co-signer roles of the relying policy this signer fills.
    pub roles: Vec<String>,
    /// Countersignatures on this signature.
    pub countersignatures: Vec<SignatureReport>,
    /// The signature's time-stamps (signature-time-stamps, then
    /// content-time-stamps), as the relying jurisdiction judges them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timestamps: Vec<TimestampReport>,
    /// The best-signature-time (EN 319 102-1 §5.5.4): the earliest time a
    /// recognised signature-time-stamp proves the signature existed at, else
    /// the validation time. Validity and recognition are judged at it.
    #[serde(default)]
    pub best_signature_time: String,
    /// The time-stamp that gave the best-signature-time (e.g.
    /// `signature-time-stamp #1`); `None`: no proof of existence, the
    /// validation time was used.
    #[serde(default)]
    pub proof_of_existence: Option<String>,
    /// Real-world deviations this signature was accepted with, named
    /// (codes `DEVIATION_…`): they do not change the verdict.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deviations: Vec<Finding>,
}

/// One time-stamp of a signature (RFC 3161 token), as the relying
/// jurisdiction judges it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimestampReport {
    /// `signature-time-stamp` or `content-time-stamp`.
    pub kind: String,
    /// Position among the time-stamps of its kind, from 1.
    pub number: usize,
    /// The TSA (time-stamping unit) certificate's subject, when found.
    pub tsa: Option<String>,
    /// The jurisdiction that lists the TSA, when its path reached a TSA anchor.
    pub tsa_jurisdiction: Option<String>,
    /// The registry's TSA anchor id the TSA path ends at.
    pub anchor: Option<String>,
    /// genTime (RFC 3339, UTC, with its fraction when the token has one).
    pub gen_time: Option<String>,
    /// The TSA policy OID the token was issued under.
    pub policy: Option<String>,
    /// The token is intact, its imprint matches, the TSA certificate is a
    /// time-stamping certificate with a valid path to a TSA anchor.
    pub valid: bool,
    /// The relying jurisdiction accepts this TSA (its policy's rule).
    pub recognised: bool,
    /// On what basis it is accepted (`own`, `partner …`, `listed`), when it is.
    pub basis: Option<String>,
    /// Whether this time-stamp gave the best-signature-time.
    pub proof_of_existence: bool,
    /// Why it gives no proof of existence (empty when it may).
    pub reasons: Vec<String>,
    /// The same reasons, with codes and parameters.
    #[serde(default)]
    pub findings: Vec<Finding>,
}

/// The signer, named by subject, jurisdiction and normalised identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignerReport {
    /// The certificate subject (RFC 4514 style); the SignerIdentifier when no certificate was found.
    pub subject: String,
    /// The issuing jurisdiction (the registry's, when the path reached an anchor; else the profile's).
    pub jurisdiction: Option<String>,
    /// The national profile applied.
    pub profile: Option<String>,
    /// Natural person, legal entity, representative …
    pub kind: Option<String>,
    /// National identifiers, normalised.
    pub identifiers: Vec<IdentifierReport>,
    /// The assurance levels claimed, in the issuing jurisdiction's vocabulary.
    pub claimed_levels: Vec<String>,
    /// Levels the certificate claims in another vocabulary than its
    /// anchor's jurisdiction's (e.g. KZ NCA policy OIDs under an ad-hoc
    /// anchor of another jurisdiction): not in the anchor's vocabulary, so
    /// ignored (see [`crate::registry::claimed_levels`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_claims: Vec<String>,
    /// SHA-256 of the signer certificate, hex.
    pub certificate_sha256: Option<String>,
}

/// One national identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentifierReport {
    /// The scheme, e.g. `KZ IIN`.
    pub scheme: String,
    /// The normalised value.
    pub value: String,
    /// Check-digit status.
    pub check: String,
}

/// Validity of one signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidityReport {
    /// The main indication.
    pub indication: Indication,
    /// The sub-indication (absent when passed).
    pub sub_indication: Option<SubIndication>,
    /// Why, one line each, naming certificates by subject.
    pub reasons: Vec<String>,
    /// `reasons` with their codes and parameters, in the same order.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// The certification path, signer first, each by subject.
    pub path: Vec<String>,
    /// The registry anchor id the path ends at.
    pub anchor: Option<String>,
}

/// Whether recognition was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecognitionStatus {
    /// Recognised in the relying jurisdiction.
    Recognised,
    /// Not recognised; `reasons` says why.
    NotRecognised,
    /// Not assessed (no path to a registry anchor, or the document type is unknown).
    NotAssessed,
}

/// Recognition of one signature in the relying jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecognitionReport {
    /// The outcome.
    pub status: RecognitionStatus,
    /// The level in the relying scheme's vocabulary.
    pub level: Option<String>,
    /// The scheme whose vocabulary `level` is in (the relying jurisdiction or its union).
    pub scheme: Option<String>,
    /// The issuing jurisdiction.
    pub issuing: Option<String>,
    /// The issuing level that was mapped.
    pub issuing_level: Option<String>,
    /// The anchor id.
    pub anchor: Option<String>,
    /// `domestic` or `agreement`.
    pub route: Option<String>,
    /// The agreements used, relying side first.
    pub agreements: Vec<AgreementStep>,
    /// Why not (every reason found).
    pub reasons: Vec<String>,
    /// `reasons` with their codes and parameters, in the same order.
    #[serde(default)]
    pub findings: Vec<Finding>,
}

/// One agreement on a recognition route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementStep {
    /// The agreement id.
    pub agreement: String,
    /// Its legal reference.
    pub legal_reference: String,
    /// The level mapped from (issuing vocabulary).
    pub from_level: String,
    /// The level mapped to (relying vocabulary).
    pub to_level: String,
}

impl RecognitionReport {
    /// A report with no route: not recognised or not assessed, with the reasons.
    pub(crate) fn without(status: RecognitionStatus, findings: Vec<Finding>) -> RecognitionReport {
        RecognitionReport {
            status,
            level: None,
            scheme: None,
            issuing: None,
            issuing_level: None,
            anchor: None,
            route: None,
            agreements: Vec::new(),
            reasons: findings.iter().map(|f| f.message.clone()).collect(),
            findings,
        }
    }

    pub(crate) fn not_assessed(finding: Finding) -> RecognitionReport {
        RecognitionReport::without(RecognitionStatus::NotAssessed, vec![finding])
    }
}

impl SignatureReport {
    /// Whether the signature is TOTAL_PASSED and recognised.
    pub fn is_accepted(&self) -> bool {
        self.validity.indication == Indication::TotalPassed
            && self.recognition.status == RecognitionStatus::Recognised
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, indent: &str, label: &str) -> fmt::Result {
        let s = &self.signer;
        write!(f, "{indent}{label} #{}: {}", self.index + 1, s.subject)?;
        let mut about = Vec::new();
        if let Some(j) = &s.jurisdiction {
            about.push(j.clone());
        }
        if let Some(k) = &s.kind {
            about.push(k.clone());
        }
        for id in &s.identifiers {
            about.push(format!("{} {}", id.scheme, id.value));
        }
        if !about.is_empty() {
            write!(f, " ({})", about.join(", "))?;
        }
        writeln!(f)?;
        if let Some(t) = &self.signing_time {
            writeln!(f, "{indent}  signing time (claimed): {t}")?;
        }
        if let Some(a) = &self.signature_algorithm {
            writeln!(f, "{indent}  algorithm: {a}")?;
        }
        // Time-stamps: one line each, then what the validity was judged at.
        for t in &self.timestamps {
            write!(
                f,
                "{indent}  {} #{}: {} by {}",
                t.kind,
                t.number,
                t.gen_time.as_deref().unwrap_or("(unreadable)"),
                t.tsa.as_deref().unwrap_or("(unknown TSA)"),
            )?;
            if let Some(j) = &t.tsa_jurisdiction {
                write!(f, " ({j})")?;
            }
            let state = match (t.valid, t.recognised) {
                (true, true) => "valid, recognised",
                (true, false) => "valid, not recognised",
                (false, _) => "not valid",
            };
            writeln!(f, ": {state}")?;
            for r in &t.reasons {
                writeln!(f, "{indent}    - {r}")?;
            }
        }
        if let Some(poe) = &self.proof_of_existence {
            writeln!(
                f,
                "{indent}  judged at {} (proof of existence: {poe})",
                self.best_signature_time
            )?;
        }
        let v = &self.validity;
        match v.sub_indication {
            Some(sub) => writeln!(f, "{indent}  validity: {} / {sub}", v.indication)?,
            None => writeln!(f, "{indent}  validity: {}", v.indication)?,
        }
        for r in &v.reasons {
            writeln!(f, "{indent}    - {r}")?;
        }
        for d in &self.deviations {
            writeln!(f, "{indent}  deviation (tolerated): {}", d.message)?;
        }
        if !v.path.is_empty() {
            write!(f, "{indent}  path: {}", v.path.join(" <- "))?;
            match &v.anchor {
                Some(a) => writeln!(f, " <- anchor '{a}'")?,
                None => writeln!(f)?,
            }
        }
        if !s.claimed_levels.is_empty() {
            writeln!(
                f,
                "{indent}  claimed levels: {}",
                s.claimed_levels.join(", ")
            )?;
        }
        if !s.foreign_claims.is_empty() {
            writeln!(
                f,
                "{indent}  claims not in the anchor's vocabulary (ignored): {}",
                s.foreign_claims.join(", ")
            )?;
        }
        let r = &self.recognition;
        match r.status {
            RecognitionStatus::Recognised => {
                write!(
                    f,
                    "{indent}  recognition: RECOGNISED at '{}' ({})",
                    r.level.as_deref().unwrap_or_default(),
                    r.scheme.as_deref().unwrap_or_default()
                )?;
                if r.route.as_deref() == Some("domestic") {
                    writeln!(
                        f,
                        ", domestic anchor '{}'",
                        r.anchor.as_deref().unwrap_or_default()
                    )?;
                } else {
                    writeln!(f)?;
                    for step in &r.agreements {
                        writeln!(
                            f,
                            "{indent}    via agreement '{}' ({}): '{}' -> '{}'",
                            step.agreement, step.legal_reference, step.from_level, step.to_level
                        )?;
                    }
                }
            }
            RecognitionStatus::NotRecognised => {
                writeln!(f, "{indent}  recognition: NOT RECOGNISED")?;
                for reason in &r.reasons {
                    writeln!(f, "{indent}    - {reason}")?;
                }
            }
            RecognitionStatus::NotAssessed => {
                writeln!(f, "{indent}  recognition: not assessed")?;
                for reason in &r.reasons {
                    writeln!(f, "{indent}    - {reason}")?;
                }
            }
        }
        if !self.roles.is_empty() {
            writeln!(f, "{indent}  roles: {}", self.roles.join(", "))?;
        }
        let inner = format!("{indent}  ");
        for c in &self.countersignatures {
            c.write(f, &inner, "countersignature")?;
        }
        Ok(())
    }
}

impl fmt::Display for VerificationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let doc = self.document_type.map_or_else(
            || "unknown document type".to_owned(),
            |d| format!("UNTDID 1001 code {d}"),
        );
        writeln!(
            f,
            "Relying jurisdiction {} | {doc} | validation time {}",
            self.relying, self.validation_time
        )?;
        writeln!(
            f,
            "Registry '{}' snapshot {}",
            self.registry_label, self.registry_snapshot
        )?;
        for s in &self.signatures {
            s.write(f, "", "Signature")?;
        }
        for d in &self.deviations {
            writeln!(f, "Envelope deviation (tolerated): {}", d.message)?;
        }
        for finding in &self.document_findings {
            writeln!(f, "Document: {finding}")?;
        }
        if self.verdict.accepted {
            writeln!(f, "VERDICT: ACCEPTED")
        } else {
            writeln!(f, "VERDICT: NOT ACCEPTED")?;
            for r in &self.verdict.reasons {
                writeln!(f, "  - {r}")?;
            }
            Ok(())
        }
    }
}
