//! Signed and unsigned attributes: the CMS (RFC 5652 §11), ESS (RFC 2634,
//! RFC 5035) and CAdES (ETSI EN 319 122-1 §5.2) ones sigbridge writes and
//! checks, with their encoders and decoders.

use std::fmt;

use crate::asn1::{self, Asn1Error, Reader, tag};
use crate::cert::{Certificate, DistinguishedName};
use crate::crypto::AlgorithmIdentifier;
use crate::{DocumentType, HashAlgorithm, Oid, Time};

/// id-data (RFC 5652 §4): the only eContentType sigbridge signs trade documents as.
pub const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
/// id-signedData (RFC 5652 §5.1).
pub const ID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
/// content-type attribute (RFC 5652 §11.1).
pub const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
/// message-digest attribute (RFC 5652 §11.2).
pub const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
/// signing-time attribute (RFC 5652 §11.3).
pub const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
/// countersignature attribute (RFC 5652 §11.4).
pub const COUNTERSIGNATURE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.6");
/// ESS signing-certificate (RFC 2634 §5.4, SHA-1 only).
pub const SIGNING_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.12");
/// ESS signing-certificate-v2 (RFC 5035 §3).
pub const SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// content-hints (RFC 2634 §2.9).
pub const CONTENT_HINTS: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.4");
/// commitment-type-indication (EN 319 122-1 §5.2.3).
pub const COMMITMENT_TYPE_INDICATION: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.16");
/// signature-policy-identifier (EN 319 122-1 §5.2.9.1).
pub const SIGNATURE_POLICY_IDENTIFIER: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.15");

/// id-aa-ets-contentTimestamp (EN 319 122-1 §5.2.8, RFC 5126 §5.11.4): a
/// signed attribute holding a time-stamp token over the content. Public as
/// `sigbridge::tsp::CONTENT_TIME_STAMP`.
pub(crate) const CONTENT_TIME_STAMP: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.20");
/// id-aa-signatureTimeStampToken (RFC 3161 Appendix A, EN 319 122-1 §5.3):
/// an unsigned attribute holding a time-stamp token over the signature
/// value. Public as `sigbridge::tsp::SIGNATURE_TIME_STAMP`.
pub(crate) const SIGNATURE_TIME_STAMP: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// The name of a known attribute, for messages.
pub fn attribute_name(oid: &Oid) -> &'static str {
    const NAMES: [(Oid, &str); 12] = [
        (CONTENT_TYPE, "content-type"),
        (MESSAGE_DIGEST, "message-digest"),
        (SIGNING_TIME, "signing-time"),
        (COUNTERSIGNATURE, "countersignature"),
        (SIGNING_CERTIFICATE, "signing-certificate"),
        (SIGNING_CERTIFICATE_V2, "signing-certificate-v2"),
        (CONTENT_HINTS, "content-hints"),
        (COMMITMENT_TYPE_INDICATION, "commitment-type-indication"),
        (SIGNATURE_POLICY_IDENTIFIER, "signature-policy-identifier"),
        (CONTENT_TIME_STAMP, "content-time-stamp"),
        (SIGNATURE_TIME_STAMP, "signature-time-stamp"),
        (
            Oid::new_unwrap("1.2.840.113549.1.9.15"),
            "smime-capabilities",
        ),
    ];
    NAMES
        .iter()
        .find(|(o, _)| o == oid)
        .map(|(_, n)| *n)
        .unwrap_or("unknown attribute")
}

/// One attribute (RFC 5652 §5.3): a type and its values, each kept as the
/// DER it was received in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    oid: Oid,
    values: Vec<Vec<u8>>,
    raw: Vec<u8>,
}

impl Attribute {
    /// Builds an attribute from a type and DER-encoded values.
    pub(crate) fn new(oid: Oid, values: Vec<Vec<u8>>) -> Attribute {
        let set = asn1::encode_set_of(tag::SET, values.clone());
        let raw = asn1::encode_parts(tag::SEQUENCE, &[&asn1::encode_oid(&oid), &set]);
        Attribute { oid, values, raw }
    }

    /// Parses one `Attribute ::= SEQUENCE { attrType, attrValues SET OF }`.
    pub(crate) fn parse(raw: &[u8]) -> Result<Attribute, Asn1Error> {
        let seq = asn1::read_single_tag(raw, tag::SEQUENCE)?;
        let mut r = seq.reader();
        let oid = asn1::read_oid(&mut r)?;
        let set = r.read_tag(tag::SET)?;
        r.finish()?;
        let mut values = Vec::new();
        let mut vr = set.reader();
        while !vr.is_empty() {
            values.push(vr.read()?.raw.to_vec());
        }
        if values.is_empty() {
            // RFC 5652 §5.3: attrValues is SET OF AttributeValue with at least one value.
            return Err(Asn1Error::BadValue("attribute with no value"));
        }
        Ok(Attribute {
            oid,
            values,
            raw: raw.to_vec(),
        })
    }

    /// The attribute type.
    pub fn oid(&self) -> &Oid {
        &self.oid
    }

    /// The attribute's name if sigbridge knows it, e.g. `message-digest`.
    pub fn name(&self) -> &'static str {
        attribute_name(&self.oid)
    }

    /// The DER of each value.
    pub fn values(&self) -> &[Vec<u8>] {
        &self.values
    }

    /// The attribute's DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.raw
    }
}

/// The DER encoding of a set of signed attributes, with the SET tag
/// (0x31): X.690 §11.6 orders the components of a SET OF by their
/// encodings, both the attributes and each attribute's values. What a
/// signer that re-encodes before signing (RFC 5652 §5.4: "the DER
/// encoding of the SignedAttributes") actually signed.
pub(crate) fn der_sorted_set(attributes: &[Attribute]) -> Vec<u8> {
    asn1::encode_set_of(
        tag::SET,
        attributes
            .iter()
            .map(|a| Attribute::new(a.oid, a.values.clone()).raw)
            .collect(),
    )
}

/// An attribute that must occur once with one value (RFC 5652 §5.3, §11):
/// `Ok(None)` when absent, `Err(())` when repeated.
pub(crate) fn single<'a>(attributes: &'a [Attribute], oid: &Oid) -> Result<Option<&'a [u8]>, ()> {
    let mut found = attributes.iter().filter(|a| a.oid == *oid);
    match (found.next(), found.next()) {
        (None, _) => Ok(None),
        (Some(a), None) => match a.values.as_slice() {
            [v] => Ok(Some(v.as_slice())),
            _ => Err(()),
        },
        (Some(_), Some(_)) => Err(()),
    }
}

/// Why an envelope was signed (EN 319 122-1 §5.2.3; the commitment types
/// of ETSI TS 119 172-1 Annex B, arc 1.2.840.113549.1.9.16.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CommitmentType {
    /// The signer created, approved and sent the document (an exporter signing its invoice).
    ProofOfOrigin,
    /// The signer received the document.
    ProofOfReceipt,
    /// A trusted service delivered the document.
    ProofOfDelivery,
    /// The signer sent the document, without having created it.
    ProofOfSender,
    /// The signer approves the content (a chamber of commerce certifying an origin).
    ProofOfApproval,
    /// The signer created the document, without necessarily approving it.
    ProofOfCreation,
    /// Another commitment type, by OID.
    Other(Oid),
}

impl CommitmentType {
    const TABLE: [(CommitmentType, Oid, &'static str); 6] = [
        (
            CommitmentType::ProofOfOrigin,
            Oid::new_unwrap("1.2.840.113549.1.9.16.6.1"),
            "proof of origin",
        ),
        (
            CommitmentType::ProofOfReceipt,
            Oid::new_unwrap("1.2.840.113549.1.9.16.6.2"),
            "proof of receipt",
        ),
        (
            CommitmentType::ProofOfDelivery,
            Oid::new_unwrap("1.2.840.113549.1.9.16.6.3"),
            "proof of delivery",
        ),
        (
            CommitmentType::ProofOfSender,
            Oid::new_unwrap("1.2.840.113549.1.9.16.6.4"),
            "proof of sender",
        ),
        (
            CommitmentType::ProofOfApproval,
            Oid::new_unwrap("1.2.840.113549.1.9.16.6.5"),
            "proof of approval",
        ),
        (
            CommitmentType::ProofOfCreation,
            Oid::new_unwrap("1.2.840.113549.1.9.16.6.6"),
            "proof of creation",
        ),
    ];

    /// The commitment type's OID.
    pub fn oid(&self) -> Oid {
        match self {
            CommitmentType::Other(oid) => *oid,
            known => Self::TABLE
                .iter()
                .find(|(c, _, _)| c == known)
                .map(|(_, o, _)| *o)
                .unwrap_or(Oid::new_unwrap("1.2.840.113549.1.9.16.6")),
        }
    }

    /// The commitment type for an OID.
    pub fn from_oid(oid: &Oid) -> CommitmentType {
        Self::TABLE
            .iter()
            .find(|(_, o, _)| o == oid)
            .map(|(c, _, _)| *c)
            .unwrap_or(CommitmentType::Other(*oid))
    }
}

impl fmt::Display for CommitmentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommitmentType::Other(oid) => write!(f, "commitment {oid}"),
            known => {
                let name = Self::TABLE
                    .iter()
                    .find(|(c, _, _)| c == known)
                    .map(|(_, _, n)| *n)
                    .unwrap_or("commitment");
                f.write_str(name)
            }
        }
    }
}

/// The signature policy a signature claims to follow (EN 319 122-1
/// §5.2.9.1): its identifier and the hash of the policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignaturePolicyRef {
    /// The policy's OID.
    pub id: Oid,
    /// The hash algorithm of `hash`.
    pub hash_algorithm: HashAlgorithm,
    /// The hash of the policy document.
    pub hash: Vec<u8>,
}

impl SignaturePolicyRef {
    /// A reference to the policy `id` whose document is `document` (hashed
    /// with SHA-256), e.g. the relying jurisdiction's policy file.
    ///
    /// ```
    /// use sigbridge::envelope::SignaturePolicyRef;
    /// let p = SignaturePolicyRef::new("1.2.398.3.3.4.1".parse().unwrap(), b"policy text");
    /// assert_eq!(p.hash.len(), 32);
    /// ```
    pub fn new(id: Oid, document: &[u8]) -> SignaturePolicyRef {
        SignaturePolicyRef {
            id,
            hash_algorithm: HashAlgorithm::Sha256,
            hash: HashAlgorithm::Sha256.digest(document).unwrap_or_default(),
        }
    }

    pub(crate) fn encode(&self) -> Vec<u8> {
        // SignaturePolicyId ::= SEQUENCE { sigPolicyId, sigPolicyHash OtherHashAlgAndValue }
        let alg = asn1::encode(tag::SEQUENCE, &asn1::encode_oid(&self.hash_algorithm.oid()));
        let hash = asn1::encode_parts(
            tag::SEQUENCE,
            &[&alg, &asn1::encode(tag::OCTET_STRING, &self.hash)],
        );
        asn1::encode_parts(tag::SEQUENCE, &[&asn1::encode_oid(&self.id), &hash])
    }

    /// Decodes a SignaturePolicyIdentifier; `Ok(None)` for signaturePolicyImplied.
    pub(crate) fn decode(der: &[u8]) -> Result<Option<SignaturePolicyRef>, Asn1Error> {
        let t = asn1::read_single(der)?;
        if t.tag == tag::NULL {
            return Ok(None);
        }
        if t.tag != tag::SEQUENCE {
            return Err(Asn1Error::UnexpectedTag {
                expected: tag::SEQUENCE,
                found: t.tag,
            });
        }
        let mut r = t.reader();
        let id = asn1::read_oid(&mut r)?;
        let hash_seq = r.read_tag(tag::SEQUENCE)?;
        // sigPolicyQualifiers may follow; they are informative.
        let mut hr = hash_seq.reader();
        let alg = AlgorithmIdentifier::from_der(hr.read_tag(tag::SEQUENCE)?.raw)?;
        let hash = hr.read_tag(tag::OCTET_STRING)?.value.to_vec();
        hr.finish()?;
        let hash_algorithm = HashAlgorithm::from_oid(&alg.oid)
            .ok_or(Asn1Error::BadValue("signature policy hash algorithm"))?;
        Ok(Some(SignaturePolicyRef {
            id,
            hash_algorithm,
            hash,
        }))
    }
}

/// The content-hints attribute (RFC 2634 §2.9): a description and the inner content type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentHints {
    /// The description, e.g. `UNTDID-1001:861`.
    pub description: Option<String>,
    /// The content type described.
    pub content_type: Oid,
}

impl ContentHints {
    /// The trade document type the description names (`UNTDID-1001:<code>`), if any.
    pub fn document_type(&self) -> Option<DocumentType> {
        let d = self.description.as_deref()?;
        d.strip_prefix(crate::document::CONTENT_HINT_PREFIX)?;
        d.parse().ok()
    }

    pub(crate) fn encode(document_type: DocumentType, content_type: &Oid) -> Vec<u8> {
        asn1::encode_parts(
            tag::SEQUENCE,
            &[
                &asn1::encode(tag::UTF8_STRING, document_type.content_hint().as_bytes()),
                &asn1::encode_oid(content_type),
            ],
        )
    }

    pub(crate) fn decode(der: &[u8]) -> Result<ContentHints, Asn1Error> {
        let seq = asn1::read_single_tag(der, tag::SEQUENCE)?;
        let mut r = seq.reader();
        let description = match r.read_optional(tag::UTF8_STRING)? {
            Some(t) => Some(
                std::str::from_utf8(t.value)
                    .map_err(|_| Asn1Error::BadValue("UTF8String"))?
                    .to_owned(),
            ),
            None => None,
        };
        let content_type = asn1::read_oid(&mut r)?;
        r.finish()?;
        Ok(ContentHints {
            description,
            content_type,
        })
    }
}

/// Encodes a CommitmentTypeIndication without qualifiers.
pub(crate) fn encode_commitment(c: &CommitmentType) -> Vec<u8> {
    asn1::encode(tag::SEQUENCE, &asn1::encode_oid(&c.oid()))
}

/// Decodes a CommitmentTypeIndication (qualifiers are informative and skipped).
pub(crate) fn decode_commitment(der: &[u8]) -> Result<CommitmentType, Asn1Error> {
    let seq = asn1::read_single_tag(der, tag::SEQUENCE)?;
    let mut r = seq.reader();
    let oid = asn1::read_oid(&mut r)?;
    if !r.is_empty() {
        r.read_tag(tag::SEQUENCE)?;
    }
    r.finish()?;
    Ok(CommitmentType::from_oid(&oid))
}

/// Encodes signing-time: UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5652 §11.3).
pub(crate) fn encode_signing_time(t: Time) -> Vec<u8> {
    let (y, mo, d, h, mi, s) = t.to_ymd_hms();
    if (1950..2050).contains(&y) {
        let text = format!("{:02}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z", y % 100);
        asn1::encode(tag::UTC_TIME, text.as_bytes())
    } else {
        let text = format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z");
        asn1::encode(tag::GENERALIZED_TIME, text.as_bytes())
    }
}

/// Decodes signing-time.
pub(crate) fn decode_signing_time(der: &[u8]) -> Option<Time> {
    let t = asn1::read_single(der).ok()?;
    let mut deviations = Vec::new();
    crate::cert::validity_decode_time(&t, &mut deviations)
}

/// One certificate reference of a signing-certificate(-v2) attribute
/// (ESSCertID / ESSCertIDv2, RFC 2634 §5.4.1, RFC 5035 §4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRef {
    /// The hash algorithm (SHA-1 for v1; SHA-256 when v2 omits it).
    pub hash_algorithm: HashAlgorithm,
    /// The certificate hash.
    pub hash: Vec<u8>,
    /// issuerSerial: the issuer's names (DER of each directoryName) and the serial contents octets.
    pub issuer_serial: Option<(Vec<Vec<u8>>, Vec<u8>)>,
}

impl CertificateRef {
    /// Whether this reference identifies `cert` (hash, and issuer and serial when present).
    pub fn matches(&self, cert: &Certificate) -> bool {
        let Some(h) = self.hash_algorithm.digest(cert.der()) else {
            return false;
        };
        if h != self.hash {
            return false;
        }
        match &self.issuer_serial {
            None => true,
            Some((names, serial)) => {
                serial.as_slice() == cert.serial()
                    && names.iter().any(|n| names_equal(n, cert.issuer()))
            }
        }
    }
}

/// Whether a DER Name equals `name` (bytewise, else by RFC 5280 §7.1 comparison).
pub(crate) fn names_equal(der: &[u8], name: &DistinguishedName) -> bool {
    if der == name.raw_der() {
        return true;
    }
    let mut deviations = Vec::new();
    DistinguishedName::parse(der, &mut deviations).is_ok_and(|n| n.match_key() == name.match_key())
}

/// Encodes SigningCertificateV2 for `cert` with SHA-256 (the DEFAULT, so the
/// hashAlgorithm is omitted as DER requires) and issuerSerial.
pub(crate) fn encode_signing_certificate_v2(cert: &Certificate) -> Vec<u8> {
    let hash = HashAlgorithm::Sha256.digest(cert.der()).unwrap_or_default();
    let directory_name = asn1::encode(0xa4, cert.issuer().raw_der());
    let general_names = asn1::encode(tag::SEQUENCE, &directory_name);
    let serial = asn1::encode(tag::INTEGER, cert.serial());
    let issuer_serial = asn1::encode_parts(tag::SEQUENCE, &[&general_names, &serial]);
    let ess_cert_id = asn1::encode_parts(
        tag::SEQUENCE,
        &[&asn1::encode(tag::OCTET_STRING, &hash), &issuer_serial],
    );
    asn1::encode(tag::SEQUENCE, &asn1::encode(tag::SEQUENCE, &ess_cert_id))
}

/// Decodes SigningCertificate (v1, `v2 == false`) or SigningCertificateV2:
/// the list of certificate references (policies are skipped).
pub(crate) fn decode_signing_certificate(
    der: &[u8],
    v2: bool,
) -> Result<Vec<CertificateRef>, Asn1Error> {
    let seq = asn1::read_single_tag(der, tag::SEQUENCE)?;
    let mut r = seq.reader();
    let certs = r.read_tag(tag::SEQUENCE)?;
    if !r.is_empty() {
        r.read_tag(tag::SEQUENCE)?; // policies
    }
    r.finish()?;
    let mut out = Vec::new();
    let mut cr = certs.reader();
    while !cr.is_empty() {
        let id = cr.read_tag(tag::SEQUENCE)?;
        let mut ir = id.reader();
        let hash_algorithm = if !v2 {
            HashAlgorithm::Sha1
        } else if ir.peek_tag() == Some(tag::SEQUENCE) {
            let alg = AlgorithmIdentifier::from_der(ir.read()?.raw)?;
            HashAlgorithm::from_oid(&alg.oid)
                .ok_or(Asn1Error::BadValue("ESSCertIDv2 hash algorithm"))?
        } else {
            HashAlgorithm::Sha256
        };
        let hash = ir.read_tag(tag::OCTET_STRING)?.value.to_vec();
        let issuer_serial = match ir.read_optional(tag::SEQUENCE)? {
            None => None,
            Some(is) => Some(decode_issuer_serial(is.reader())?),
        };
        ir.finish()?;
        out.push(CertificateRef {
            hash_algorithm,
            hash,
            issuer_serial,
        });
    }
    if out.is_empty() {
        return Err(Asn1Error::BadValue(
            "signing-certificate with no certificate",
        ));
    }
    Ok(out)
}

fn decode_issuer_serial(mut r: Reader<'_>) -> Result<(Vec<Vec<u8>>, Vec<u8>), Asn1Error> {
    let names = r.read_tag(tag::SEQUENCE)?;
    let serial = r.read_tag(tag::INTEGER)?.value.to_vec();
    r.finish()?;
    let mut directory_names = Vec::new();
    let mut nr = names.reader();
    while !nr.is_empty() {
        let gn = nr.read()?;
        if gn.tag == 0xa4 {
            directory_names.push(asn1::read_single_tag(gn.value, tag::SEQUENCE)?.raw.to_vec());
        }
    }
    Ok((directory_names, serial))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_time_encoding_follows_rfc5652() {
        let t: Time = "2026-11-23T10:00:00Z".parse().unwrap();
        assert_eq!(
            encode_signing_time(t),
            asn1::encode(tag::UTC_TIME, b"261123100000Z")
        );
        assert_eq!(decode_signing_time(&encode_signing_time(t)), Some(t));
        let far: Time = "2051-01-01T00:00:00Z".parse().unwrap();
        assert_eq!(
            encode_signing_time(far),
            asn1::encode(tag::GENERALIZED_TIME, b"20510101000000Z")
        );
        assert_eq!(decode_signing_time(&encode_signing_time(far)), Some(far));
    }

    #[test]
    fn commitment_types_round_trip() {
        for c in [
            CommitmentType::ProofOfOrigin,
            CommitmentType::ProofOfApproval,
        ] {
            assert_eq!(decode_commitment(&encode_commitment(&c)).unwrap(), c);
        }
        assert_eq!(
            CommitmentType::ProofOfApproval.oid().to_string(),
            "1.2.840.113549.1.9.16.6.5"
        );
        let other: Oid = "1.2.3.4".parse().unwrap();
        assert_eq!(
            CommitmentType::from_oid(&other),
            CommitmentType::Other(other)
        );
    }

    #[test]
    fn content_hints_carry_the_document_type() {
        let der = ContentHints::encode(DocumentType::BILL_OF_LADING, &ID_DATA);
        let hints = ContentHints::decode(&der).unwrap();
        assert_eq!(hints.document_type(), Some(DocumentType::BILL_OF_LADING));
        assert_eq!(hints.content_type, ID_DATA);
    }

    #[test]
    fn policy_reference_round_trips() {
        let p = SignaturePolicyRef::new("1.2.3.4.5".parse().unwrap(), b"rules");
        assert_eq!(SignaturePolicyRef::decode(&p.encode()).unwrap(), Some(p));
        assert_eq!(SignaturePolicyRef::decode(&[0x05, 0x00]).unwrap(), None);
    }

    #[test]
    fn single_valued_attributes() {
        let a = Attribute::new(MESSAGE_DIGEST, vec![vec![0x04, 0x00]]);
        let two_values = Attribute::new(
            MESSAGE_DIGEST,
            vec![vec![0x04, 0x00], vec![0x04, 0x01, 0x01]],
        );
        assert_eq!(
            single(std::slice::from_ref(&a), &MESSAGE_DIGEST),
            Ok(Some(&[0x04, 0x00][..]))
        );
        assert_eq!(single(&[a.clone(), a.clone()], &MESSAGE_DIGEST), Err(()));
        assert_eq!(single(&[two_values], &MESSAGE_DIGEST), Err(()));
        assert_eq!(single(std::slice::from_ref(&a), &CONTENT_TYPE), Ok(None));
        assert_eq!(Attribute::parse(a.der()).unwrap(), a);
    }
}
