//! One signature inside an envelope: `SignerInfo` (RFC 5652 §5.3).

use std::fmt;

use super::attributes::{
    self, Attribute, COMMITMENT_TYPE_INDICATION, CONTENT_HINTS, COUNTERSIGNATURE, CertificateRef,
    CommitmentType, ContentHints, MESSAGE_DIGEST, SIGNATURE_POLICY_IDENTIFIER, SIGNING_CERTIFICATE,
    SIGNING_CERTIFICATE_V2, SIGNING_TIME, SignaturePolicyRef,
};
use crate::asn1::{self, Asn1Error, tag};
use crate::cert::{Certificate, DistinguishedName};
use crate::crypto::AlgorithmIdentifier;
use crate::{DocumentType, EnvelopeError, Time};

/// How a SignerInfo names its certificate (RFC 5652 §5.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SignerIdentifier {
    /// issuerAndSerialNumber (SignerInfo version 1).
    IssuerAndSerialNumber {
        /// The issuer Name, DER.
        issuer: Vec<u8>,
        /// The serial number's contents octets.
        serial: Vec<u8>,
    },
    /// subjectKeyIdentifier (SignerInfo version 3).
    SubjectKeyIdentifier(Vec<u8>),
}

impl SignerIdentifier {
    /// Whether `cert` is the certificate this identifier names.
    pub fn matches(&self, cert: &Certificate) -> bool {
        match self {
            SignerIdentifier::IssuerAndSerialNumber { issuer, serial } => {
                serial.as_slice() == cert.serial() && attributes::names_equal(issuer, cert.issuer())
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                cert.subject_key_id() == Some(ski.as_slice())
            }
        }
    }

    /// The identifier of `cert` in the given form.
    pub(crate) fn of(cert: &Certificate, by_key_id: bool) -> Option<SignerIdentifier> {
        if by_key_id {
            cert.subject_key_id()
                .map(|k| SignerIdentifier::SubjectKeyIdentifier(k.to_vec()))
        } else {
            Some(SignerIdentifier::IssuerAndSerialNumber {
                issuer: cert.issuer().raw_der().to_vec(),
                serial: cert.serial().to_vec(),
            })
        }
    }

    pub(crate) fn encode(&self) -> Vec<u8> {
        match self {
            SignerIdentifier::IssuerAndSerialNumber { issuer, serial } => asn1::encode_parts(
                tag::SEQUENCE,
                &[issuer, &asn1::encode(tag::INTEGER, serial)],
            ),
            SignerIdentifier::SubjectKeyIdentifier(k) => asn1::encode(0x80, k),
        }
    }
}

impl fmt::Display for SignerIdentifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignerIdentifier::IssuerAndSerialNumber { issuer, serial } => {
                let mut deviations = Vec::new();
                match DistinguishedName::parse(issuer, &mut deviations) {
                    Ok(name) => write!(f, "serial {} issued by {name}", crate::cert::hex(serial)),
                    Err(_) => write!(f, "serial {} (unreadable issuer)", crate::cert::hex(serial)),
                }
            }
            SignerIdentifier::SubjectKeyIdentifier(k) => {
                write!(f, "key id {}", crate::cert::hex(k))
            }
        }
    }
}

/// One signature: a signer's identifier, algorithms, signed attributes and
/// signature value, plus unsigned attributes such as countersignatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerInfo {
    pub(crate) version: u64,
    pub(crate) sid: SignerIdentifier,
    pub(crate) digest_algorithm: AlgorithmIdentifier,
    pub(crate) signed_attributes: Option<Vec<Attribute>>,
    /// The signed attributes with the SET OF identifier (0x31): the bytes
    /// the signature covers (RFC 5652 §5.4).
    pub(crate) signed_attributes_der: Option<Vec<u8>>,
    pub(crate) signature_algorithm: AlgorithmIdentifier,
    pub(crate) signature: Vec<u8>,
    pub(crate) unsigned_attributes: Vec<Attribute>,
    /// The encoding from `version` through `signature`, reused verbatim when
    /// the envelope is written again (only unsigned attributes change).
    pub(crate) signed_part: Vec<u8>,
}

/// Deepest countersignature chain read (a countersignature of a
/// countersignature …); bounds recursion on hostile input. Real chains
/// have one level (an authority endorsing a signature, RFC 5652 §11.4);
/// four leaves room for endorsements of endorsements.
pub(crate) const MAX_COUNTERSIGNATURE_DEPTH: usize = 4;

impl SignerInfo {
    /// Parses a DER `SignerInfo`.
    pub(crate) fn parse(der: &[u8]) -> Result<SignerInfo, EnvelopeError> {
        let bad = |part: &'static str| {
            move |e: Asn1Error| EnvelopeError::Malformed {
                part,
                reason: e.to_string(),
            }
        };
        let seq = asn1::read_single_tag(der, tag::SEQUENCE).map_err(bad("SignerInfo"))?;
        let mut r = seq.reader();
        let start = r.remaining();
        let version = r
            .read_tag(tag::INTEGER)
            .and_then(|v| asn1::small_uint(v.value))
            .map_err(bad("SignerInfo.version"))?;
        let sid_tlv = r.read().map_err(bad("SignerInfo.sid"))?;
        let sid = match sid_tlv.tag {
            tag::SEQUENCE => {
                let mut sr = sid_tlv.reader();
                let issuer = sr
                    .read_tag(tag::SEQUENCE)
                    .map_err(bad("SignerInfo.sid.issuer"))?;
                let serial = sr
                    .read_tag(tag::INTEGER)
                    .map_err(bad("SignerInfo.sid.serialNumber"))?;
                sr.finish().map_err(bad("SignerInfo.sid"))?;
                SignerIdentifier::IssuerAndSerialNumber {
                    issuer: issuer.raw.to_vec(),
                    serial: serial.value.to_vec(),
                }
            }
            0x80 => SignerIdentifier::SubjectKeyIdentifier(sid_tlv.value.to_vec()),
            found => {
                return Err(EnvelopeError::Malformed {
                    part: "SignerInfo.sid",
                    reason: format!(
                        "tag 0x{found:02x} is neither issuerAndSerialNumber nor [0] subjectKeyIdentifier"
                    ),
                });
            }
        };
        // RFC 5652 §5.3: version 1 with issuerAndSerialNumber, 3 with subjectKeyIdentifier.
        let expected_version = match sid {
            SignerIdentifier::IssuerAndSerialNumber { .. } => 1,
            SignerIdentifier::SubjectKeyIdentifier(_) => 3,
        };
        if version != expected_version {
            return Err(EnvelopeError::Malformed {
                part: "SignerInfo.version",
                reason: format!(
                    "version {version} with this SignerIdentifier (RFC 5652 §5.3 requires {expected_version})"
                ),
            });
        }
        let digest_algorithm = r
            .read_tag(tag::SEQUENCE)
            .and_then(|t| AlgorithmIdentifier::from_der(t.raw))
            .map_err(bad("SignerInfo.digestAlgorithm"))?;
        let (signed_attributes, signed_attributes_der) = match r
            .read_optional(0xa0)
            .map_err(bad("SignerInfo.signedAttrs"))?
        {
            None => (None, None),
            Some(t) => {
                let attrs = parse_attributes(t.value).map_err(bad("SignerInfo.signedAttrs"))?;
                if attrs.is_empty() {
                    // RFC 5652 §5.3: SignedAttributes ::= SET SIZE (1..MAX).
                    return Err(EnvelopeError::Malformed {
                        part: "SignerInfo.signedAttrs",
                        reason: "an empty set (RFC 5652 §5.3 requires at least one)".into(),
                    });
                }
                (Some(attrs), Some(asn1::encode(tag::SET, t.value)))
            }
        };
        let signature_algorithm = r
            .read_tag(tag::SEQUENCE)
            .and_then(|t| AlgorithmIdentifier::from_der(t.raw))
            .map_err(bad("SignerInfo.signatureAlgorithm"))?;
        let signature = r
            .read_tag(tag::OCTET_STRING)
            .map_err(bad("SignerInfo.signature"))?
            .value
            .to_vec();
        let signed_len = start.len() - r.remaining().len();
        let signed_part = start.get(..signed_len).unwrap_or_default().to_vec();
        let unsigned_attributes = match r
            .read_optional(0xa1)
            .map_err(bad("SignerInfo.unsignedAttrs"))?
        {
            None => Vec::new(),
            Some(t) => parse_attributes(t.value).map_err(bad("SignerInfo.unsignedAttrs"))?,
        };
        r.finish().map_err(bad("SignerInfo"))?;
        Ok(SignerInfo {
            version,
            sid,
            digest_algorithm,
            signed_attributes,
            signed_attributes_der,
            signature_algorithm,
            signature,
            unsigned_attributes,
            signed_part,
        })
    }

    /// The DER encoding of this SignerInfo.
    pub(crate) fn encode(&self) -> Vec<u8> {
        if self.unsigned_attributes.is_empty() {
            asn1::encode(tag::SEQUENCE, &self.signed_part)
        } else {
            let unsigned = asn1::encode_set_of(
                0xa1,
                self.unsigned_attributes
                    .iter()
                    .map(|a| a.der().to_vec())
                    .collect(),
            );
            asn1::encode_parts(tag::SEQUENCE, &[&self.signed_part, &unsigned])
        }
    }

    /// The SignerInfo version (1 or 3).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// How the signer's certificate is named.
    pub fn signer_identifier(&self) -> &SignerIdentifier {
        &self.sid
    }

    /// The digest algorithm.
    pub fn digest_algorithm(&self) -> &AlgorithmIdentifier {
        &self.digest_algorithm
    }

    /// The signature algorithm as written (may be a bare key algorithm such as rsaEncryption).
    pub fn signature_algorithm(&self) -> &AlgorithmIdentifier {
        &self.signature_algorithm
    }

    /// The signature value.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The signed attributes; `None` when the signature covers the content directly.
    pub fn signed_attributes(&self) -> Option<&[Attribute]> {
        self.signed_attributes.as_deref()
    }

    /// The bytes the signature covers when there are signed attributes:
    /// their DER with the SET OF identifier (RFC 5652 §5.4).
    pub fn signed_attributes_der(&self) -> Option<&[u8]> {
        self.signed_attributes_der.as_deref()
    }

    /// The unsigned attributes.
    pub fn unsigned_attributes(&self) -> &[Attribute] {
        &self.unsigned_attributes
    }

    fn signed_value(&self, oid: &crate::Oid) -> Option<&[u8]> {
        attributes::single(self.signed_attributes.as_deref()?, oid)
            .ok()
            .flatten()
    }

    /// The message-digest attribute's value (RFC 5652 §11.2), when present
    /// once and readable.
    pub fn message_digest(&self) -> Option<Vec<u8>> {
        let v = self.signed_value(&MESSAGE_DIGEST)?;
        asn1::read_single_tag(v, tag::OCTET_STRING)
            .ok()
            .map(|t| t.value.to_vec())
    }

    /// The signing-time attribute, when present once and readable.
    pub fn signing_time(&self) -> Option<Time> {
        attributes::decode_signing_time(self.signed_value(&SIGNING_TIME)?)
    }

    /// The content-hints attribute, when present once and readable.
    pub fn content_hints(&self) -> Option<ContentHints> {
        ContentHints::decode(self.signed_value(&CONTENT_HINTS)?).ok()
    }

    /// The trade document type named by content-hints (`UNTDID-1001:<code>`).
    pub fn document_type(&self) -> Option<DocumentType> {
        self.content_hints()?.document_type()
    }

    /// The commitment-type-indication attribute, when present once and readable.
    pub fn commitment_type(&self) -> Option<CommitmentType> {
        attributes::decode_commitment(self.signed_value(&COMMITMENT_TYPE_INDICATION)?).ok()
    }

    /// The signature-policy-identifier attribute (`None` when absent, implied or unreadable).
    pub fn signature_policy(&self) -> Option<SignaturePolicyRef> {
        SignaturePolicyRef::decode(self.signed_value(&SIGNATURE_POLICY_IDENTIFIER)?)
            .ok()
            .flatten()
    }

    /// The certificate references of signing-certificate-v2 (or, failing
    /// that, of the SHA-1 signing-certificate), when present once and readable.
    pub fn signing_certificate_refs(&self) -> Option<Vec<CertificateRef>> {
        if let Some(v) = self.signed_value(&SIGNING_CERTIFICATE_V2) {
            return attributes::decode_signing_certificate(v, true).ok();
        }
        attributes::decode_signing_certificate(self.signed_value(&SIGNING_CERTIFICATE)?, false).ok()
    }

    /// The countersignatures on this signature (RFC 5652 §11.4), each parsed
    /// on its own so that one malformed value does not hide the others.
    pub fn countersignatures(&self) -> Vec<Result<SignerInfo, EnvelopeError>> {
        self.unsigned_attributes
            .iter()
            .filter(|a| *a.oid() == COUNTERSIGNATURE)
            .flat_map(|a| a.values().iter().map(|v| SignerInfo::parse(v)))
            .collect()
    }
}

/// Parses the contents of a SET OF Attribute.
pub(crate) fn parse_attributes(contents: &[u8]) -> Result<Vec<Attribute>, Asn1Error> {
    let mut r = asn1::Reader::new(contents);
    let mut out = Vec::new();
    while !r.is_empty() {
        let a = r.read_tag(tag::SEQUENCE)?;
        out.push(Attribute::parse(a.raw)?);
    }
    Ok(out)
}
