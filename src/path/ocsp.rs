//! OCSP responses (RFC 6960), read strictly and judged offline.
//!
//! [`OcspResponse::from_der`] reads a DER `OCSPResponse` (§4.2.1) whose
//! `responseBytes` hold a `BasicOCSPResponse` (§4.2.1, id-pkix-ocsp-basic);
//! the signed `tbsResponseData` bytes are kept exactly as read. Whether a
//! response may decide a certificate's status — who signed it (§4.2.2.2),
//! whether it is current (§4.2.2.1), which `SingleResponse` is about the
//! certificate (§4.1.1 CertID) — is judged by the path's revocation check
//! ([`crate::path::ValidationOptions::ocsp`]) or by [`crate::path::check_ocsp`].
//! Nothing is ever fetched.

use std::sync::Arc;

use crate::asn1::{self, Reader, Tlv, tag};
use crate::cert::{Certificate, DistinguishedName};
use crate::crypto::{AlgorithmIdentifier, HashAlgorithm, PublicKeyInfo, VerifyOptions};
use crate::error::OcspError;
use crate::{Oid, Time};

/// id-pkix-ocsp-basic (RFC 6960 §4.2.1).
pub const ID_PKIX_OCSP_BASIC: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.1");
/// id-pkix-ocsp-nonce (RFC 6960 §4.4.1).
pub const ID_PKIX_OCSP_NONCE: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.2");
/// id-pkix-ocsp-crl, CRL references (RFC 6960 §4.4.2).
const ID_PKIX_OCSP_CRL: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.3");
/// id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1).
pub const ID_PKIX_OCSP_NOCHECK: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.5");
/// id-pkix-ocsp-archive-cutoff (RFC 6960 §4.4.4).
const ID_PKIX_OCSP_ARCHIVE_CUTOFF: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.6");
/// id-pkix-ocsp-extended-revoke (RFC 6960 §4.4.8).
const ID_PKIX_OCSP_EXTENDED_REVOKE: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.9");
/// id-kp-OCSPSigning (RFC 6960 §4.2.2.2).
pub const ID_KP_OCSP_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.9");
/// id-ri-ocsp-response (RFC 5940 §3): an OCSPResponse as a CMS
/// RevocationInfoChoice `other`.
pub const ID_RI_OCSP_RESPONSE: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.16.2");
/// invalidityDate (RFC 5280 §5.3.2), allowed in singleExtensions (RFC 6960 §4.4.5).
const INVALIDITY_DATE: Oid = Oid::new_unwrap("2.5.29.24");
/// certificateIssuer / reasonCode CRL entry extensions (RFC 6960 §4.4.5).
const CERTIFICATE_ISSUER: Oid = Oid::new_unwrap("2.5.29.29");
const REASON_CODE: Oid = Oid::new_unwrap("2.5.29.21");

/// OCSPResponseStatus (RFC 6960 §4.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OcspResponseStatus {
    /// successful (0): the response holds responseBytes.
    Successful,
    /// malformedRequest (1).
    MalformedRequest,
    /// internalError (2).
    InternalError,
    /// tryLater (3).
    TryLater,
    /// sigRequired (5).
    SigRequired,
    /// unauthorized (6).
    Unauthorized,
    /// A value RFC 6960 does not define (4 is unused).
    Other(u8),
}

impl std::fmt::Display for OcspResponseStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OcspResponseStatus::Successful => f.write_str("successful"),
            OcspResponseStatus::MalformedRequest => f.write_str("malformedRequest"),
            OcspResponseStatus::InternalError => f.write_str("internalError"),
            OcspResponseStatus::TryLater => f.write_str("tryLater"),
            OcspResponseStatus::SigRequired => f.write_str("sigRequired"),
            OcspResponseStatus::Unauthorized => f.write_str("unauthorized"),
            OcspResponseStatus::Other(v) => write!(f, "undefined status {v}"),
        }
    }
}

impl OcspResponseStatus {
    fn from_u8(v: u8) -> OcspResponseStatus {
        match v {
            0 => OcspResponseStatus::Successful,
            1 => OcspResponseStatus::MalformedRequest,
            2 => OcspResponseStatus::InternalError,
            3 => OcspResponseStatus::TryLater,
            5 => OcspResponseStatus::SigRequired,
            6 => OcspResponseStatus::Unauthorized,
            v => OcspResponseStatus::Other(v),
        }
    }
}

/// ResponderID (RFC 6960 §4.2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponderId {
    /// byName: the responder certificate's subject.
    ByName(DistinguishedName),
    /// byKey: the SHA-1 hash of the responder's public key (the
    /// subjectPublicKey BIT STRING value, without tag, length and unused bits).
    ByKey(Vec<u8>),
}

impl std::fmt::Display for ResponderId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResponderId::ByName(n) => write!(f, "{n}"),
            ResponderId::ByKey(k) => write!(f, "key hash {}", crate::cert::hex(k)),
        }
    }
}

impl ResponderId {
    /// Whether `name` / `key` (the subjectPublicKey bits) are this responder.
    pub fn matches(&self, name: &DistinguishedName, key_bits: &[u8]) -> bool {
        match self {
            ResponderId::ByName(n) => n.matches(name),
            ResponderId::ByKey(h) => {
                HashAlgorithm::Sha1.digest(key_bits).as_deref() == Some(h.as_slice())
            }
        }
    }
}

/// CertID (RFC 6960 §4.1.1): which certificate a SingleResponse is about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CertId {
    /// The hash of issuerNameHash and issuerKeyHash.
    pub hash_algorithm: AlgorithmIdentifier,
    /// The hash of the DER of the certificate's issuer field.
    pub issuer_name_hash: Vec<u8>,
    /// The hash of the issuer's subjectPublicKey bits.
    pub issuer_key_hash: Vec<u8>,
    /// The serial number's contents octets.
    pub serial: Vec<u8>,
}

/// Whether a CertID names `cert`, issued under `issuer_key_bits`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdMatch {
    Yes,
    No,
    /// The CertID's hash cannot be computed here.
    UnsupportedHash,
}

impl CertId {
    /// Whether this CertID names `cert`, whose issuer's subjectPublicKey bits
    /// are `issuer_key_bits`: both hashes are recomputed with the CertID's
    /// own hash algorithm (RFC 6960 §4.1.1: SHA-1, SHA-256, … alike).
    pub fn matches(&self, cert: &Certificate, issuer_key_bits: &[u8]) -> bool {
        self.match_cert(cert, issuer_key_bits) == IdMatch::Yes
    }

    pub(crate) fn match_cert(&self, cert: &Certificate, issuer_key_bits: &[u8]) -> IdMatch {
        if asn1::unsigned_magnitude(&self.serial) != asn1::unsigned_magnitude(cert.serial()) {
            return IdMatch::No;
        }
        // The hash parameters must be absent or NULL (RFC 5754 §2, RFC 3370 §2.1).
        let params_ok = matches!(
            self.hash_algorithm.parameters.as_deref(),
            None | Some([0x05, 0x00])
        );
        let Some(hash) = HashAlgorithm::from_oid(&self.hash_algorithm.oid).filter(|_| params_ok)
        else {
            return IdMatch::UnsupportedHash;
        };
        let (Some(name), Some(key)) = (
            hash.digest(cert.issuer().raw_der()),
            hash.digest(issuer_key_bits),
        ) else {
            return IdMatch::UnsupportedHash;
        };
        if name == self.issuer_name_hash && key == self.issuer_key_hash {
            IdMatch::Yes
        } else {
            IdMatch::No
        }
    }
}

/// CertStatus (RFC 6960 §4.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CertStatus {
    /// good: not revoked (at the time of the response).
    Good,
    /// revoked.
    Revoked {
        /// revocationTime.
        time: Time,
        /// revocationReason (the CRLReason code, RFC 5280 §5.3.1), when given.
        reason: Option<u8>,
    },
    /// unknown: the responder does not know the certificate.
    Unknown,
}

/// One SingleResponse (RFC 6960 §4.2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SingleResponse {
    /// The certificate it is about.
    pub cert_id: CertId,
    /// Its status.
    pub status: CertStatus,
    /// thisUpdate: the time at which the status is known to be correct.
    pub this_update: Time,
    /// nextUpdate: the time at or before which newer information will be available.
    pub next_update: Option<Time>,
    /// The invalidityDate singleExtension (RFC 6960 §4.4.5, RFC 5280 §5.3.2), when given.
    pub invalidity_date: Option<Time>,
}

impl SingleResponse {
    /// For a revoked status, when the revocation took effect: the
    /// invalidityDate when earlier than the revocationTime (RFC 5280
    /// §5.3.2), else the revocationTime; `None` for good / unknown.
    pub fn effective_revocation_time(&self) -> Option<Time> {
        match self.status {
            CertStatus::Revoked { time, .. } => Some(match self.invalidity_date {
                Some(d) if d < time => d,
                _ => time,
            }),
            _ => None,
        }
    }
}

#[derive(Debug)]
struct Inner {
    der: Vec<u8>,
    basic: std::ops::Range<usize>,
    tbs: std::ops::Range<usize>,
    responder_id: ResponderId,
    produced_at: Time,
    responses: Vec<SingleResponse>,
    nonce: Option<Vec<u8>>,
    signature_algorithm: AlgorithmIdentifier,
    signature: Vec<u8>,
    signature_unused_bits: u8,
    certs: Vec<Certificate>,
}

/// A successful OCSP response with a BasicOCSPResponse (RFC 6960 §4.2.1),
/// read strictly. Cheap to clone.
///
/// ```
/// use sigbridge::path::OcspResponse;
/// use sigbridge::OcspError;
/// // OCSPResponse { responseStatus tryLater }: no response bytes.
/// let err = OcspResponse::from_der(&[0x30, 0x03, 0x0a, 0x01, 0x03]).unwrap_err();
/// assert_eq!(err.code(), "OCSP_UNSUCCESSFUL");
/// ```
#[derive(Debug, Clone)]
pub struct OcspResponse(Arc<Inner>);

fn malformed(what: &'static str) -> impl Fn(asn1::Asn1Error) -> OcspError {
    move |e| OcspError::Malformed {
        what,
        reason: e.to_string(),
    }
}

fn bad(what: &'static str, reason: &str) -> OcspError {
    OcspError::Malformed {
        what,
        reason: reason.to_owned(),
    }
}

/// A GeneralizedTime in DER (X.690 §11.7): `YYYYMMDDHHMMSSZ`, optionally
/// with a fraction of the second without trailing zeros
/// (`YYYYMMDDHHMMSS.fffZ`). RFC 6960 §4.2.2.1 uses GeneralizedTime
/// throughout and, unlike RFC 5280 §4.1.2.5.2 for certificates and CRLs,
/// does not forbid the fraction; real responders write it. The fraction is
/// dropped (whole seconds, rounded down).
fn gtime(t: &Tlv<'_>, what: &'static str) -> Result<Time, OcspError> {
    if t.tag != tag::GENERALIZED_TIME {
        return Err(bad(what, "not a GeneralizedTime"));
    }
    let v = t.value;
    let not_der = || {
        bad(
            what,
            "GeneralizedTime not in the DER form YYYYMMDDHHMMSS[.fff]Z",
        )
    };
    let (whole, fraction) = match v.iter().position(|b| *b == b'.') {
        Some(dot) => {
            let (whole, rest) = v.split_at(dot);
            (whole, Some(rest.get(1..).unwrap_or_default()))
        }
        None => (v.strip_suffix(b"Z").ok_or_else(not_der)?, None),
    };
    if let Some(f) = fraction {
        // The fraction: one or more digits, no trailing zero, then Z.
        let digits = f.strip_suffix(b"Z").ok_or_else(not_der)?;
        if digits.is_empty()
            || !digits.iter().all(u8::is_ascii_digit)
            || digits.last() == Some(&b'0')
        {
            return Err(not_der());
        }
    }
    if whole.len() != 14 || !whole.iter().all(u8::is_ascii_digit) {
        return Err(not_der());
    }
    let n = |r: std::ops::Range<usize>| -> u32 {
        whole
            .get(r)
            .unwrap_or_default()
            .iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
    };
    Time::from_ymd_hms(
        i64::from(n(0..4)),
        n(4..6),
        n(6..8),
        n(8..10),
        n(10..12),
        n(12..14),
    )
    .ok_or_else(|| bad(what, "not a valid GeneralizedTime"))
}

fn range_of(outer: &[u8], inner: &[u8]) -> std::ops::Range<usize> {
    let start = (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize);
    start..start + inner.len()
}

/// One Extension: (OID, critical, extnValue contents).
type Ext<'a> = (Oid, bool, &'a [u8]);

fn extension<'a>(r: &mut Reader<'a>, what: &'static str) -> Result<Ext<'a>, OcspError> {
    let ext = r.read_tag(tag::SEQUENCE).map_err(malformed(what))?;
    let mut er = ext.reader();
    let oid = asn1::read_oid(&mut er).map_err(malformed(what))?;
    let critical = match er.read_optional(tag::BOOLEAN).map_err(malformed(what))? {
        // DER (X.690 §11.5): a DEFAULT FALSE is never encoded, TRUE is 0xff.
        Some(b) if b.value == [0xff] => true,
        Some(_) => return Err(bad(what, "critical is encoded but not DER TRUE")),
        None => false,
    };
    let value = er.read_tag(tag::OCTET_STRING).map_err(malformed(what))?;
    er.finish().map_err(malformed(what))?;
    Ok((oid, critical, value.value))
}

fn extensions<'a>(wrapper: &Tlv<'a>, what: &'static str) -> Result<Vec<Ext<'a>>, OcspError> {
    let seq = asn1::read_single_tag(wrapper.value, tag::SEQUENCE).map_err(malformed(what))?;
    let mut r = seq.reader();
    let mut out: Vec<Ext<'a>> = Vec::new();
    while !r.is_empty() {
        let e = extension(&mut r, what)?;
        if out.iter().any(|(o, _, _)| *o == e.0) {
            return Err(bad(what, "an extension appears twice (RFC 5280 §4.2)"));
        }
        out.push(e);
    }
    Ok(out)
}

impl OcspResponse {
    /// Parses a DER `OCSPResponse` (RFC 6960 §4.2.1). Trailing bytes, a
    /// status other than successful, a response type other than
    /// id-pkix-ocsp-basic and a critical extension this crate does not
    /// process are errors.
    ///
    /// # Errors
    /// [`OcspError::Malformed`], [`OcspError::Unsuccessful`],
    /// [`OcspError::UnsupportedResponseType`], [`OcspError::UnknownCriticalExtension`].
    pub fn from_der(der: &[u8]) -> Result<OcspResponse, OcspError> {
        let mut top = Reader::new(der);
        let resp = top
            .read_tag(tag::SEQUENCE)
            .map_err(malformed("OCSPResponse"))?;
        if !top.is_empty() {
            return Err(bad("OCSPResponse", "trailing bytes after the response"));
        }
        let mut r = resp.reader();
        let status = r.read_tag(0x0a).map_err(malformed("responseStatus"))?;
        let status = match status.value {
            [v] if *v < 0x80 => OcspResponseStatus::from_u8(*v),
            _ => return Err(bad("responseStatus", "not a one-octet ENUMERATED")),
        };
        if status != OcspResponseStatus::Successful {
            return Err(OcspError::Unsuccessful { status });
        }
        let bytes = r.read_tag(0xa0).map_err(malformed("responseBytes"))?;
        r.finish().map_err(malformed("OCSPResponse"))?;
        let rb = asn1::read_single_tag(bytes.value, tag::SEQUENCE)
            .map_err(malformed("responseBytes"))?;
        let mut rbr = rb.reader();
        let rtype = asn1::read_oid(&mut rbr).map_err(malformed("responseType"))?;
        let basic = rbr
            .read_tag(tag::OCTET_STRING)
            .map_err(malformed("response"))?;
        rbr.finish().map_err(malformed("responseBytes"))?;
        if rtype != ID_PKIX_OCSP_BASIC {
            return Err(OcspError::UnsupportedResponseType { oid: rtype });
        }
        let basic_range = range_of(der, basic.value);
        let b = asn1::read_single_tag(basic.value, tag::SEQUENCE)
            .map_err(malformed("BasicOCSPResponse"))?;
        let mut br = b.reader();
        let tbs = br
            .read_tag(tag::SEQUENCE)
            .map_err(malformed("tbsResponseData"))?;
        let sig_alg = br
            .read_tag(tag::SEQUENCE)
            .map_err(malformed("signatureAlgorithm"))?;
        let signature_algorithm =
            AlgorithmIdentifier::from_der(sig_alg.raw).map_err(malformed("signatureAlgorithm"))?;
        let sig = br
            .read_tag(tag::BIT_STRING)
            .map_err(malformed("signature"))?;
        // A BIT STRING with unused bits is kept (it never verifies) so that
        // such a response is reported as badly signed, not unparseable.
        let (&signature_unused_bits, signature) = sig
            .value
            .split_first()
            .ok_or_else(|| bad("signature", "empty BIT STRING"))?;
        let mut certs = Vec::new();
        if let Some(c) = br.read_optional(0xa0).map_err(malformed("certs"))? {
            let seq = asn1::read_single_tag(c.value, tag::SEQUENCE).map_err(malformed("certs"))?;
            let mut cr = seq.reader();
            while !cr.is_empty() {
                let t = cr.read_tag(tag::SEQUENCE).map_err(malformed("certs"))?;
                certs.push(
                    Certificate::from_der(t.raw).map_err(|e| OcspError::Malformed {
                        what: "certs",
                        reason: e.to_string(),
                    })?,
                );
            }
        }
        br.finish().map_err(malformed("BasicOCSPResponse"))?;

        let mut tr = tbs.reader();
        if let Some(v) = tr.read_optional(0xa0).map_err(malformed("version"))? {
            let n = asn1::read_single_tag(v.value, tag::INTEGER).map_err(malformed("version"))?;
            return Err(if n.value == [0] {
                // DER (X.690 §11.5): the DEFAULT v1 is never encoded.
                bad("version", "the DEFAULT v1 is encoded, which DER forbids")
            } else {
                bad("version", "only v1 responses are defined (RFC 6960 §4.2.1)")
            });
        }
        let rid = tr.read().map_err(malformed("responderID"))?;
        let responder_id = match rid.tag {
            0xa1 => {
                let name = asn1::read_single_tag(rid.value, tag::SEQUENCE)
                    .map_err(malformed("responderID byName"))?;
                ResponderId::ByName(
                    DistinguishedName::parse(name.raw, &mut Vec::new())
                        .map_err(malformed("responderID byName"))?,
                )
            }
            0xa2 => {
                let k = asn1::read_single_tag(rid.value, tag::OCTET_STRING)
                    .map_err(malformed("responderID byKey"))?;
                if k.value.len() != 20 {
                    return Err(bad(
                        "responderID byKey",
                        "KeyHash is not a 20-octet SHA-1 hash (RFC 6960 §4.2.1)",
                    ));
                }
                ResponderId::ByKey(k.value.to_vec())
            }
            _ => return Err(bad("responderID", "neither byName [1] nor byKey [2]")),
        };
        let produced_at = gtime(&tr.read().map_err(malformed("producedAt"))?, "producedAt")?;
        let list = tr.read_tag(tag::SEQUENCE).map_err(malformed("responses"))?;
        let mut lr = list.reader();
        let mut responses = Vec::new();
        while !lr.is_empty() {
            responses.push(single(
                &lr.read_tag(tag::SEQUENCE)
                    .map_err(malformed("SingleResponse"))?,
            )?);
        }
        let mut nonce = None;
        if let Some(x) = tr
            .read_optional(0xa1)
            .map_err(malformed("responseExtensions"))?
        {
            for (oid, critical, value) in extensions(&x, "responseExtensions")? {
                match oid {
                    ID_PKIX_OCSP_NONCE => {
                        // RFC 8954 §2.1: the nonce is an OCTET STRING in extnValue.
                        let n = asn1::read_single_tag(value, tag::OCTET_STRING)
                            .map_err(malformed("nonce"))?;
                        nonce = Some(n.value.to_vec());
                    }
                    ID_PKIX_OCSP_EXTENDED_REVOKE
                    | ID_PKIX_OCSP_ARCHIVE_CUTOFF
                    | ID_PKIX_OCSP_CRL => {}
                    // RFC 6960 §4.4 / RFC 5280 §4.2: a critical extension that
                    // is not understood makes the response unusable.
                    other if critical => {
                        return Err(OcspError::UnknownCriticalExtension { oid: other });
                    }
                    _ => {}
                }
            }
        }
        tr.finish().map_err(malformed("tbsResponseData"))?;
        Ok(OcspResponse(Arc::new(Inner {
            der: der.to_vec(),
            basic: basic_range,
            tbs: range_of(der, tbs.raw),
            responder_id,
            produced_at,
            responses,
            nonce,
            signature_algorithm,
            signature: signature.to_vec(),
            signature_unused_bits,
            certs,
        })))
    }

    /// The OCSPResponse DER, as given.
    pub fn der(&self) -> &[u8] {
        &self.0.der
    }
    /// The DER of the BasicOCSPResponse inside it.
    pub fn basic_der(&self) -> &[u8] {
        self.0.der.get(self.0.basic.clone()).unwrap_or_default()
    }
    /// The DER of `tbsResponseData` (the signed bytes), exactly as read.
    pub fn tbs_der(&self) -> &[u8] {
        self.0.der.get(self.0.tbs.clone()).unwrap_or_default()
    }
    /// responderID.
    pub fn responder_id(&self) -> &ResponderId {
        &self.0.responder_id
    }
    /// producedAt: when the responder signed the response.
    pub fn produced_at(&self) -> Time {
        self.0.produced_at
    }
    /// The SingleResponses.
    pub fn responses(&self) -> &[SingleResponse] {
        &self.0.responses
    }
    /// The nonce extension's value (RFC 8954), when present.
    pub fn nonce(&self) -> Option<&[u8]> {
        self.0.nonce.as_deref()
    }
    /// signatureAlgorithm.
    pub fn signature_algorithm(&self) -> &AlgorithmIdentifier {
        &self.0.signature_algorithm
    }
    /// The signature value (without the unused-bits octet).
    pub fn signature(&self) -> &[u8] {
        &self.0.signature
    }
    /// Unused bits declared in the signature BIT STRING (0 for any real signature).
    pub fn signature_unused_bits(&self) -> u8 {
        self.0.signature_unused_bits
    }
    /// The certificates the responder sent (`certs`), to help find its own.
    pub fn certificates(&self) -> &[Certificate] {
        &self.0.certs
    }

    /// Whether the response verifies under `key`.
    pub(crate) fn verifies_under(
        &self,
        key: &PublicKeyInfo,
        verifiers: &crate::crypto::Verifiers,
    ) -> bool {
        self.0.signature_unused_bits == 0
            && verifiers
                .verify_with(
                    key,
                    &self.0.signature_algorithm,
                    self.tbs_der(),
                    &self.0.signature,
                    &VerifyOptions::default(),
                )
                .is_ok()
    }
}

fn single(seq: &Tlv<'_>) -> Result<SingleResponse, OcspError> {
    let mut r = seq.reader();
    let id = r.read_tag(tag::SEQUENCE).map_err(malformed("CertID"))?;
    let mut ir = id.reader();
    let alg = ir
        .read_tag(tag::SEQUENCE)
        .map_err(malformed("CertID hashAlgorithm"))?;
    let hash_algorithm =
        AlgorithmIdentifier::from_der(alg.raw).map_err(malformed("CertID hashAlgorithm"))?;
    let issuer_name_hash = ir
        .read_tag(tag::OCTET_STRING)
        .map_err(malformed("issuerNameHash"))?
        .value
        .to_vec();
    let issuer_key_hash = ir
        .read_tag(tag::OCTET_STRING)
        .map_err(malformed("issuerKeyHash"))?
        .value
        .to_vec();
    let serial = ir
        .read_tag(tag::INTEGER)
        .map_err(malformed("CertID serialNumber"))?;
    if !asn1::integer_is_minimal(serial.value) {
        return Err(bad(
            "CertID serialNumber",
            "INTEGER not minimally encoded (DER)",
        ));
    }
    ir.finish().map_err(malformed("CertID"))?;
    let st = r.read().map_err(malformed("certStatus"))?;
    let status = match st.tag {
        0x80 if st.value.is_empty() => CertStatus::Good,
        0x82 if st.value.is_empty() => CertStatus::Unknown,
        0xa1 => {
            let mut rr = st.reader();
            let time = gtime(
                &rr.read().map_err(malformed("revocationTime"))?,
                "revocationTime",
            )?;
            let reason = match rr
                .read_optional(0xa0)
                .map_err(malformed("revocationReason"))?
            {
                Some(w) => {
                    let e = asn1::read_single_tag(w.value, 0x0a)
                        .map_err(malformed("revocationReason"))?;
                    match e.value {
                        // CRLReason 0–10 (RFC 5280 §5.3.1; 7 is unused).
                        [v] if *v <= 10 && *v != 7 => Some(*v),
                        _ => {
                            return Err(bad(
                                "revocationReason",
                                "not a CRLReason of RFC 5280 §5.3.1",
                            ));
                        }
                    }
                }
                None => None,
            };
            rr.finish().map_err(malformed("RevokedInfo"))?;
            CertStatus::Revoked { time, reason }
        }
        _ => {
            return Err(bad(
                "certStatus",
                "neither good [0], revoked [1] nor unknown [2]",
            ));
        }
    };
    let this_update = gtime(
        &r.read_tag(tag::GENERALIZED_TIME)
            .map_err(malformed("thisUpdate"))?,
        "thisUpdate",
    )?;
    let next_update = match r.read_optional(0xa0).map_err(malformed("nextUpdate"))? {
        Some(w) => Some(gtime(
            &asn1::read_single(w.value).map_err(malformed("nextUpdate"))?,
            "nextUpdate",
        )?),
        None => None,
    };
    let mut invalidity_date = None;
    if let Some(x) = r
        .read_optional(0xa1)
        .map_err(malformed("singleExtensions"))?
    {
        for (oid, critical, value) in extensions(&x, "singleExtensions")? {
            match oid {
                INVALIDITY_DATE => {
                    let t = asn1::read_single_tag(value, tag::GENERALIZED_TIME)
                        .map_err(malformed("invalidityDate"))?;
                    invalidity_date = Some(gtime(&t, "invalidityDate")?);
                }
                ID_PKIX_OCSP_CRL | ID_PKIX_OCSP_ARCHIVE_CUTOFF | REASON_CODE => {}
                // certificateIssuer (RFC 6960 §4.4.5) would name another
                // issuer than the CertID's: not processed, so it must not be
                // critical.
                CERTIFICATE_ISSUER if !critical => {}
                other if critical => {
                    return Err(OcspError::UnknownCriticalExtension { oid: other });
                }
                _ => {}
            }
        }
    }
    r.finish().map_err(malformed("SingleResponse"))?;
    if next_update.is_some_and(|n| n < this_update) {
        return Err(bad("nextUpdate", "earlier than thisUpdate"));
    }
    Ok(SingleResponse {
        cert_id: CertId {
            hash_algorithm,
            issuer_name_hash,
            issuer_key_hash,
            serial: serial.value.to_vec(),
        },
        status,
        this_update,
        next_update,
        invalidity_date,
    })
}

/// Why a certificate that the responderID names may not sign responses
/// for the certificate in question (RFC 6960 §4.2.2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponderProblem {
    /// It was not issued (signed) by the CA that issued the certificate in question.
    NotIssuedByIssuer,
    /// Its extendedKeyUsage lacks id-kp-OCSPSigning (1.3.6.1.5.5.7.3.9).
    MissingOcspSigning,
    /// Its keyUsage forbids digitalSignature.
    KeyUsage,
    /// It was not within its validity period when the response was produced.
    NotValidAtProducedAt,
    /// It carries a critical extension this crate does not process.
    UnknownCriticalExtension(Oid),
}

impl std::fmt::Display for ResponderProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResponderProblem::NotIssuedByIssuer => f.write_str(
                "its certificate was not issued by the CA that issued the certificate in question",
            ),
            ResponderProblem::MissingOcspSigning => f.write_str(
                "its certificate's extendedKeyUsage does not include id-kp-OCSPSigning (1.3.6.1.5.5.7.3.9)",
            ),
            ResponderProblem::KeyUsage => {
                f.write_str("its certificate's keyUsage does not allow digitalSignature")
            }
            ResponderProblem::NotValidAtProducedAt => {
                f.write_str("its certificate was not valid when the response was produced")
            }
            ResponderProblem::UnknownCriticalExtension(oid) => write!(
                f,
                "its certificate carries the critical extension {oid}, which sigbridge does not process"
            ),
        }
    }
}

/// What decided, once a response was accepted for a certificate.
#[derive(Debug, Clone)]
pub(crate) struct Judged {
    /// The SingleResponse about the certificate.
    pub single: SingleResponse,
    /// The signature the decision rests on (the response's, and for a
    /// delegated responder its certificate's).
    pub signatures: Vec<crate::path::CrlSignature>,
}

/// Who the certificate in question was issued by.
pub(crate) struct IssuerKey<'a> {
    /// The issuing CA's name (the certificate's issuer field).
    pub name: &'a DistinguishedName,
    /// The issuing CA's key.
    pub key: &'a PublicKeyInfo,
}

/// Whether `response` may decide the status of `cert` (issued by
/// `issuer`) under `options`, and what it says. `pool` holds further
/// candidate responder certificates; `responder_status` checks a delegated
/// responder's own revocation status when it lacks id-pkix-ocsp-nocheck.
/// Signature checks are charged to [`crate::path::Budget::crl_signatures`].
pub(crate) fn judge(
    response: &OcspResponse,
    cert: &Certificate,
    issuer: &IssuerKey<'_>,
    pool: &[&Certificate],
    options: &crate::path::ValidationOptions,
    budget: &mut crate::path::Budget,
    responder_status: &mut dyn FnMut(&Certificate, &mut crate::path::Budget) -> Result<(), String>,
) -> Result<Judged, OcspError> {
    let subject = cert.subject().to_string();
    let at = options.at;
    // Data issued up to the validation time may decide; at a proven earlier
    // time a later response is better evidence (EN 319 102-1 §5.5.4), as
    // for CRLs.
    let issued_by = options.validation_time.unwrap_or(at);

    // RFC 6960 §4.1.1 / §3.2 (1): the SingleResponse whose CertID names the
    // certificate, both hashes recomputed with the CertID's own hash.
    let mut unsupported = None;
    let matching: Vec<&SingleResponse> = response
        .responses()
        .iter()
        .filter(
            |s| match s.cert_id.match_cert(cert, issuer.key.key_bytes()) {
                IdMatch::Yes => true,
                IdMatch::No => false,
                IdMatch::UnsupportedHash => {
                    unsupported.get_or_insert(s.cert_id.hash_algorithm.oid);
                    false
                }
            },
        )
        .collect();
    if matching.is_empty() {
        return Err(match unsupported {
            Some(oid) => OcspError::UnsupportedCertIdHash { oid },
            None => OcspError::NoMatchingResponse { subject },
        });
    }
    // RFC 6960 §4.2.2.1 / §3.2 (5): producedAt and thisUpdate no later than
    // the validation time; nextUpdate, when given, not passed at the time
    // judged; without nextUpdate, thisUpdate within the caller's max age
    // (§2.4: "newer information is always available", so the relying party
    // bounds the age itself).
    if response.produced_at() > issued_by {
        return Err(OcspError::Premature {
            what: "producedAt",
            time: response.produced_at(),
            validation_time: issued_by,
        });
    }
    let max_age = i64::try_from(options.ocsp_max_age.as_secs()).unwrap_or(i64::MAX);
    let fresh = |s: &SingleResponse| -> Result<(), OcspError> {
        if s.this_update > issued_by {
            return Err(OcspError::Premature {
                what: "thisUpdate",
                time: s.this_update,
                validation_time: issued_by,
            });
        }
        match s.next_update {
            Some(n) if n < at => Err(OcspError::Stale { next_update: n, at }),
            Some(_) => Ok(()),
            None if s.this_update.unix_seconds().saturating_add(max_age) < at.unix_seconds() => {
                Err(OcspError::TooOld {
                    this_update: s.this_update,
                    max_age_seconds: options.ocsp_max_age.as_secs(),
                    at,
                })
            }
            None => Ok(()),
        }
    };
    let mut first_err = None;
    let mut single = None;
    for s in &matching {
        match fresh(s) {
            Ok(()) => {
                single = Some((*s).clone());
                break;
            }
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    let Some(single) = single else {
        return Err(first_err.unwrap_or(OcspError::NoMatchingResponse { subject }));
    };

    let record = |issuer_name: &DistinguishedName, key: &PublicKeyInfo| crate::path::CrlSignature {
        issuer: issuer_name.clone(),
        algorithm: crate::crypto::SignatureAlgorithm::from_identifier(
            response.signature_algorithm(),
        ),
        key: key.algorithm().clone(),
        deviations: Vec::new(),
    };
    let rid = response.responder_id();
    // RFC 6960 §4.2.2.2: signed by the CA that issued the certificate …
    if rid.matches(issuer.name, issuer.key.key_bytes()) {
        if !budget.charge_crl_signature() {
            return Err(OcspError::BudgetExceeded);
        }
        if response.verifies_under(issuer.key, &options.verifiers) {
            return Ok(Judged {
                single,
                signatures: vec![record(issuer.name, issuer.key)],
            });
        }
        return Err(OcspError::Signature {
            responder: rid.to_string(),
        });
    }
    // … or by a delegated responder whose certificate that CA issued
    // directly, with id-kp-OCSPSigning in its extendedKeyUsage.
    let candidates: Vec<&Certificate> = response
        .certificates()
        .iter()
        .chain(pool.iter().copied())
        .filter(|c| rid.matches(c.subject(), c.public_key_bytes()))
        .collect();
    let mut first_err = None;
    for responder in candidates {
        match delegated(
            response,
            responder,
            issuer,
            options,
            budget,
            responder_status,
        ) {
            Ok(key) => {
                let mut signatures = vec![record(responder.subject(), &key)];
                signatures.push(crate::path::CrlSignature {
                    issuer: responder.issuer().clone(),
                    algorithm: responder.signature_algorithm().clone(),
                    key: issuer.key.algorithm().clone(),
                    deviations: Vec::new(),
                });
                return Ok(Judged { single, signatures });
            }
            Err(OcspError::BudgetExceeded) => return Err(OcspError::BudgetExceeded),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    Err(first_err.unwrap_or(OcspError::ResponderNotFound {
        responder: rid.to_string(),
    }))
}

/// A delegated responder's authority (RFC 6960 §4.2.2.2, §4.2.2.2.1); its key.
fn delegated(
    response: &OcspResponse,
    responder: &Certificate,
    issuer: &IssuerKey<'_>,
    options: &crate::path::ValidationOptions,
    budget: &mut crate::path::Budget,
    responder_status: &mut dyn FnMut(&Certificate, &mut crate::path::Budget) -> Result<(), String>,
) -> Result<PublicKeyInfo, OcspError> {
    let name = responder.subject().to_string();
    let refuse = |why: ResponderProblem| OcspError::ResponderNotAuthorized {
        responder: name.clone(),
        why,
    };
    if let Some(oid) = responder.unknown_critical_extensions().first() {
        return Err(refuse(ResponderProblem::UnknownCriticalExtension(*oid)));
    }
    if !responder
        .extended_key_usage()
        .is_some_and(|eku| eku.contains(&ID_KP_OCSP_SIGNING))
    {
        return Err(refuse(ResponderProblem::MissingOcspSigning));
    }
    if responder
        .key_usage()
        .is_some_and(|ku| !ku.digital_signature())
    {
        return Err(refuse(ResponderProblem::KeyUsage));
    }
    // Issued directly by the certificate's CA: its name, and its signature
    // under the CA's key.
    if !responder.issuer().matches(issuer.name) {
        return Err(refuse(ResponderProblem::NotIssuedByIssuer));
    }
    if !budget.charge_crl_signature() {
        return Err(OcspError::BudgetExceeded);
    }
    let issued = responder.signature_unused_bits() == 0
        && options
            .verifiers
            .verify_with(
                issuer.key,
                responder.signature_algorithm_identifier(),
                responder.tbs_der(),
                responder.signature_value(),
                &VerifyOptions::default(),
            )
            .is_ok();
    if !issued {
        return Err(refuse(ResponderProblem::NotIssuedByIssuer));
    }
    // The responder's certificate must be valid when it signed (RFC 6960
    // §3.2 (4): "currently authorized").
    if !responder.is_valid_at(response.produced_at()) {
        return Err(refuse(ResponderProblem::NotValidAtProducedAt));
    }
    let key = responder
        .public_key_info()
        .map_err(|_| OcspError::Signature {
            responder: name.clone(),
        })?;
    if !budget.charge_crl_signature() {
        return Err(OcspError::BudgetExceeded);
    }
    if !response.verifies_under(&key, &options.verifiers) {
        return Err(OcspError::Signature { responder: name });
    }
    // RFC 6960 §4.2.2.2.1: with id-pkix-ocsp-nocheck the responder's own
    // status is not checked; without it, it is checked like any other
    // certificate's (CRLs or OCSP).
    if responder.extension(&ID_PKIX_OCSP_NOCHECK).is_none() {
        responder_status(responder, budget).map_err(|reason| OcspError::ResponderStatus {
            responder: name,
            reason,
        })?;
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Time, OcspError> {
        let mut der = vec![tag::GENERALIZED_TIME, text.len() as u8];
        der.extend_from_slice(text.as_bytes());
        let t = asn1::read_single_tag(&der, tag::GENERALIZED_TIME).unwrap();
        gtime(&t, "producedAt")
    }

    #[test]
    fn generalized_time_with_and_without_a_fraction() {
        let at = Time::from_ymd_hms(2026, 11, 23, 9, 0, 7).unwrap();
        assert_eq!(read("20261123090007Z").unwrap(), at);
        // X.690 §11.7: a fraction without trailing zeros is DER; rounded down.
        assert_eq!(read("20261123090007.5Z").unwrap(), at);
        assert_eq!(read("20261123090007.999Z").unwrap(), at);
        for not_der in [
            "20261123090007.50Z",
            "20261123090007.Z",
            "20261123090007,5Z",
            "20261123090007.5",
            "202611230900Z",
            "20261123090007+0100",
        ] {
            assert!(
                matches!(
                    read(not_der),
                    Err(OcspError::Malformed {
                        what: "producedAt",
                        ..
                    })
                ),
                "{not_der}"
            );
        }
        assert!(matches!(
            read("20261323090007Z"),
            Err(OcspError::Malformed {
                what: "producedAt",
                ..
            })
        ));
    }
}
