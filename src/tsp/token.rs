//! `TimeStampToken` (RFC 3161 §2.4.2): a CMS SignedData over a TSTInfo.

use std::fmt;

use super::tst_info::TstInfo;
use super::{ID_CT_TST_INFO, ID_KP_TIME_STAMPING};
use crate::cert::Certificate;
use crate::crypto::{Verified, Verifiers};
use crate::envelope::{Envelope, SIGNING_CERTIFICATE, SIGNING_CERTIFICATE_V2};
use crate::error::TspError;
use crate::{EnvelopeError, Oid};

/// extKeyUsage (RFC 5280 §4.2.1.12).
const EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");

/// What is wrong with a TSA certificate's extended key usage (RFC 3161 §2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EkuProblem {
    /// No extendedKeyUsage extension at all.
    Missing,
    /// The extension is there but not marked critical.
    NotCritical,
    /// Purposes other than id-kp-timeStamping are listed too.
    NotOnlyTimeStamping,
}

impl fmt::Display for EkuProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EkuProblem::Missing => "it has no extendedKeyUsage extension",
            EkuProblem::NotCritical => "its extendedKeyUsage is not marked critical",
            EkuProblem::NotOnlyTimeStamping => {
                "its extendedKeyUsage lists purposes besides id-kp-timeStamping"
            }
        })
    }
}

/// An RFC 3161 time-stamp token: the SignedData as received and the TSTInfo
/// it encapsulates.
///
/// ```
/// use sigbridge::tsp::TimeStampToken;
///
/// // Not a token: a CMS signature over a document.
/// let p7s = std::fs::read("../shared/testdata/openssl-cms/rsa/sig-cades.p7s").unwrap();
/// assert!(TimeStampToken::from_der(&p7s).is_err());
/// ```
#[derive(Debug, Clone)]
pub struct TimeStampToken {
    der: Vec<u8>,
    envelope: Envelope,
    info: TstInfo,
}

/// What [`TimeStampToken::verify`] established: the TSA certificate that
/// signed (its path is for the caller to validate), how, and what it signed.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TokenCheck {
    /// The TSA certificate the token's signature verifies with.
    pub certificate: Certificate,
    /// The signature check.
    pub verified: Verified,
    /// The token's TSTInfo.
    pub info: TstInfo,
}

impl TimeStampToken {
    /// Reads a token: a ContentInfo holding SignedData whose eContentType is
    /// id-ct-TSTInfo with the eContent present and exactly one SignerInfo
    /// (RFC 3161 §2.4.2), the TSTInfo in strict DER.
    ///
    /// # Errors
    /// [`TspError::Envelope`] when the SignedData does not parse,
    /// [`TspError::NotATimeStampToken`], [`TspError::SignerCount`], and
    /// those of [`TstInfo::from_der`].
    pub fn from_der(der: &[u8]) -> Result<TimeStampToken, TspError> {
        // RFC 3161 Appendix A: the attribute value is the ContentInfo itself.
        // Some producers wrap it in an OCTET STRING; named, and refused.
        if der.first() == Some(&0x04) {
            return Err(TspError::Malformed {
                what: "TimeStampToken",
                reason: "an OCTET STRING where the token's ContentInfo belongs (the producer wrapped the token; RFC 3161 Appendix A puts the ContentInfo itself in the attribute)".into(),
            });
        }
        let envelope = Envelope::from_der(der).map_err(|e| match e {
            EnvelopeError::NotSignedData { content_type } => {
                TspError::NotATimeStampToken { content_type }
            }
            e => TspError::Envelope(e),
        })?;
        if *envelope.content_info_type() != crate::envelope::ID_SIGNED_DATA {
            return Err(TspError::NotATimeStampToken {
                content_type: *envelope.content_info_type(),
            });
        }
        // RFC 3161 §2.4.2: eContentType id-ct-TSTInfo, eContent the DER TSTInfo.
        if *envelope.content_type() != ID_CT_TST_INFO {
            return Err(TspError::NotATimeStampToken {
                content_type: *envelope.content_type(),
            });
        }
        // RFC 3161 §2.4.2: "The time-stamp token MUST NOT contain any
        // signatures other than the signature of the TSA."
        let count = envelope.signer_infos().len();
        if count != 1 {
            return Err(TspError::SignerCount { count });
        }
        let content = envelope.content().ok_or(TspError::Malformed {
            what: "encapContentInfo.eContent",
            reason: "absent: a time-stamp token encapsulates its TSTInfo (RFC 3161 §2.4.2)".into(),
        })?;
        let info = TstInfo::from_der(content)?;
        Ok(TimeStampToken {
            der: der.to_vec(),
            envelope,
            info,
        })
    }

    /// The token's bytes as read (or as made).
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The TSTInfo.
    pub fn info(&self) -> &TstInfo {
        &self.info
    }

    /// The token's SignedData.
    pub fn envelope(&self) -> &Envelope {
        &self.envelope
    }

    /// Whether the token stamps `stamped`: its message imprint is the hash
    /// of these bytes under the imprint's algorithm (for a
    /// signature-time-stamp, the SignerInfo's signature value).
    ///
    /// # Errors
    /// [`TspError::ImprintMismatch`], [`TspError::UnsupportedImprintHash`].
    pub fn matches(&self, stamped: &[u8]) -> Result<(), TspError> {
        self.info.message_imprint.matches(stamped)
    }

    /// Checks the token's signature and what RFC 3161 requires of the
    /// signer; the TSA certificate is searched in the token and then in
    /// `extra_certificates`. The certification path of the TSA certificate
    /// is *not* validated here (see [`TokenCheck::certificate`]).
    ///
    /// # Errors
    /// [`TspError::Signature`] when the SignedData does not verify (bad
    /// signature, altered TSTInfo, content-type or signing-certificate
    /// mismatch, certificate not found), [`TspError::MissingSigningCertificate`],
    /// [`TspError::TsaExtendedKeyUsage`].
    pub fn verify(
        &self,
        verifiers: &Verifiers,
        extra_certificates: &[Certificate],
    ) -> Result<TokenCheck, TspError> {
        // The SignedData signature, content-type = eContentType = id-ct-TSTInfo
        // (checked at parse), message-digest over the TSTInfo, and the ESS
        // signing-certificate(-v2) binding when present (RFC 5035 §4).
        let mut checks = self
            .envelope
            .verify(None, verifiers, extra_certificates)
            .map_err(TspError::Signature)?;
        let count = checks.len();
        let check = checks.pop().ok_or(TspError::SignerCount { count })?;
        let si = self
            .envelope
            .signer_infos()
            .first()
            .ok_or(TspError::SignerCount { count: 0 })?;
        let verified = check.result.map_err(TspError::Signature)?;
        let certificate = check.certificate.ok_or_else(|| {
            TspError::Signature(EnvelopeError::SignerCertificateNotFound {
                signer: si.signer_identifier().to_string(),
                given: extra_certificates.len(),
            })
        })?;
        // RFC 3161 §2.4.1 and RFC 5816 §2.2.1: the ESS signing-certificate
        // or signing-certificate-v2 attribute MUST be present (it binds
        // the token to the TSA certificate; the envelope checked it matches).
        let has_ess = si.signed_attributes().is_some_and(|attrs| {
            attrs
                .iter()
                .any(|a| *a.oid() == SIGNING_CERTIFICATE || *a.oid() == SIGNING_CERTIFICATE_V2)
        });
        if !has_ess {
            return Err(TspError::MissingSigningCertificate);
        }
        check_tsa_eku(&certificate)?;
        Ok(TokenCheck {
            certificate,
            verified,
            info: self.info.clone(),
        })
    }

    /// The certificate the token's SignerInfo names, when the token carries it.
    pub(crate) fn carries_signer_certificate(&self) -> bool {
        self.envelope.signer_infos().first().is_some_and(|si| {
            self.envelope
                .signer_certificate(si.signer_identifier(), &[])
                .is_some()
        })
    }
}

/// RFC 3161 §2.3: "The TSA MUST sign each time-stamp message with a key
/// reserved specifically for that purpose. ... The corresponding
/// certificate MUST contain only one instance of the extended key usage
/// field extension ... with KeyPurposeID having value id-kp-timeStamping.
/// This extension MUST be critical."
pub(crate) fn check_tsa_eku(cert: &Certificate) -> Result<(), TspError> {
    let problem = |why| TspError::TsaExtendedKeyUsage {
        subject: cert.subject().to_string(),
        why,
    };
    let ext = cert
        .extension(&EXTENDED_KEY_USAGE)
        .ok_or(problem(EkuProblem::Missing))?;
    let purposes = cert.extended_key_usage().unwrap_or_default();
    if purposes != [ID_KP_TIME_STAMPING] {
        return Err(problem(EkuProblem::NotOnlyTimeStamping));
    }
    if !ext.critical {
        return Err(problem(EkuProblem::NotCritical));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asn1::{self, tag};
    use crate::crypto::{Signer, SoftwareSigner};
    use crate::envelope::SignerInfo;
    use crate::tsp::{SoftwareTsa, timestamp};
    use crate::{HashAlgorithm, Time};

    fn tsu() -> SoftwareSigner {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/pki/tsa");
        let read = |f: &str| std::fs::read(format!("{dir}/{f}")).unwrap();
        SoftwareSigner::from_pkcs8_pem(
            &read("eu-tsu.key"),
            Certificate::from_pem(&read("eu-tsu.pem")).unwrap(),
        )
        .unwrap()
    }

    /// A token re-signed without its ESS signing-certificate-v2: the
    /// signature verifies, RFC 3161 §2.4.1 refuses it.
    #[test]
    fn a_token_without_ess_signing_certificate_is_refused() {
        let at = Time::from_ymd_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let tsa = SoftwareTsa::new(tsu(), Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1"), at);
        let token = timestamp(&tsa, HashAlgorithm::Sha256, b"doc").unwrap();
        let signer = tsu();
        let si = token.envelope().signer_infos().first().unwrap();
        let attrs: Vec<Vec<u8>> = si
            .signed_attributes()
            .unwrap()
            .iter()
            .filter(|a| *a.oid() != SIGNING_CERTIFICATE_V2)
            .map(|a| a.der().to_vec())
            .collect();
        assert_eq!(attrs.len(), si.signed_attributes().unwrap().len() - 1);
        let signed = asn1::encode_set_of(tag::SET, attrs);
        let signature = signer.sign(&signed).unwrap();
        let mut implicit = signed.clone();
        implicit[0] = 0xa0;
        let der = asn1::encode_parts(
            tag::SEQUENCE,
            &[
                &asn1::encode_uint(1),
                &si.signer_identifier().encode(),
                &crate::envelope::encode_algorithm(si.digest_algorithm()),
                &implicit,
                &crate::envelope::encode_algorithm(&signer.algorithm()),
                &asn1::encode(tag::OCTET_STRING, &signature),
            ],
        );
        let mut env = token.envelope().clone();
        env.signer_infos = vec![SignerInfo::parse(&der).unwrap()];
        let resigned = TimeStampToken::from_der(&env.to_der()).unwrap();
        // The SignedData itself verifies ...
        let checks = resigned
            .envelope()
            .verify(None, &Verifiers::builtin(), &[])
            .unwrap();
        assert!(checks[0].is_valid());
        // ... but a time-stamp token needs the ESS binding.
        assert_eq!(
            resigned.verify(&Verifiers::builtin(), &[]).unwrap_err(),
            TspError::MissingSigningCertificate
        );
        assert_eq!(
            TspError::MissingSigningCertificate.code(),
            "TSP_MISSING_SIGNING_CERTIFICATE"
        );
    }
}
