//! Certificate revocation lists (RFC 5280 §5), parsed strictly and owned.

use std::sync::Arc;

use crate::asn1::{self, Reader, Tlv, tag};
use crate::cert::{Deviation, DistinguishedName, GeneralName, hex};
use crate::crypto::AlgorithmIdentifier;
use crate::error::CertError;
use crate::{Oid, Time};

const CRL_NUMBER: Oid = Oid::new_unwrap("2.5.29.20");
const DELTA_CRL_INDICATOR: Oid = Oid::new_unwrap("2.5.29.27");
const ISSUING_DISTRIBUTION_POINT: Oid = Oid::new_unwrap("2.5.29.28");
const AUTHORITY_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.35");
const ISSUER_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.18");
const FRESHEST_CRL: Oid = Oid::new_unwrap("2.5.29.46");
const REASON_CODE: Oid = Oid::new_unwrap("2.5.29.21");
const INVALIDITY_DATE: Oid = Oid::new_unwrap("2.5.29.24");
const CERTIFICATE_ISSUER: Oid = Oid::new_unwrap("2.5.29.29");
/// expiredCertsOnCRL (ITU-T X.509 (10/2019), the expired-certificates-on-CRL extension; 2.5.29.60):
/// entries of certificates that expired at or after this date are kept on the CRL.
const EXPIRED_CERTS_ON_CRL: Oid = Oid::new_unwrap("2.5.29.60");

/// The issuingDistributionPoint extension (RFC 5280 §5.2.5).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct IssuingDistributionPoint {
    /// distributionPoint fullName.
    pub full_name: Vec<GeneralName>,
    /// Whether a distributionPoint name (of either form) is present.
    pub has_name: bool,
    /// nameRelativeToCRLIssuer, to append to the CRL issuer's name.
    pub relative_name: Option<crate::cert::Rdn>,
    /// onlyContainsUserCerts.
    pub only_user_certs: bool,
    /// onlyContainsCACerts.
    pub only_ca_certs: bool,
    /// onlySomeReasons (bit 0 = unused … bit 8 = aACompromise), when present.
    pub only_some_reasons: Option<u16>,
    /// indirectCRL.
    pub indirect: bool,
    /// onlyContainsAttributeCerts.
    pub only_attribute_certs: bool,
}

/// One revoked certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RevokedCertificate {
    /// The serial number's contents octets.
    pub serial: Vec<u8>,
    /// revocationDate.
    pub date: Time,
    /// The reason code (RFC 5280 §5.3.1), when present.
    pub reason: Option<u8>,
    /// certificateIssuer (indirect CRLs, §5.3.3), when present.
    pub certificate_issuer: Option<Vec<GeneralName>>,
    /// invalidityDate (§5.3.2): when the key is known or suspected to have
    /// been compromised, or the certificate otherwise became invalid.
    pub invalidity_date: Option<Time>,
}

impl RevokedCertificate {
    /// When the revocation took effect for a signature proven to exist at
    /// an earlier time: the invalidityDate when it is earlier than the
    /// revocationDate (RFC 5280 §5.3.2: the certificate may have been
    /// invalid before it was revoked), else the revocationDate.
    pub fn effective_date(&self) -> Time {
        match self.invalidity_date {
            Some(d) if d < self.date => d,
            _ => self.date,
        }
    }
}

#[derive(Debug)]
struct Inner {
    der: Vec<u8>,
    tbs: std::ops::Range<usize>,
    signature_algorithm: AlgorithmIdentifier,
    signature: Vec<u8>,
    signature_unused_bits: u8,
    issuer: DistinguishedName,
    this_update: Time,
    next_update: Option<Time>,
    revoked: Vec<RevokedCertificate>,
    crl_number: Option<Vec<u8>>,
    delta_base: Option<Vec<u8>>,
    idp: Option<IssuingDistributionPoint>,
    authority_key_id: Option<Vec<u8>>,
    unknown_critical: Vec<Oid>,
    deviations: Vec<CrlDeviation>,
    expired_certs_on_crl: Option<Time>,
}

/// A departure from RFC 5280 §5 that [`Crl::from_der`] tolerates, listed by
/// [`Crl::deviations`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CrlDeviation {
    /// `tbsCertList.signature` and `signatureAlgorithm` name the same
    /// algorithm, one with absent parameters, the other with NULL (RFC 5280
    /// §5.1.1.2 wants identical copies). Written by the NCA RK for its GOST
    /// CRLs; the signature is verified under the outer `signatureAlgorithm`.
    SignatureParametersNullVsAbsent,
}

impl std::fmt::Display for CrlDeviation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CrlDeviation::SignatureParametersNullVsAbsent => f.write_str(
                "tbsCertList.signature and signatureAlgorithm differ only in NULL versus absent parameters",
            ),
        }
    }
}

/// A certificate revocation list (RFC 5280 §5). Cheap to clone.
#[derive(Debug, Clone)]
pub struct Crl(Arc<Inner>);

fn der_err(what: &'static str) -> impl Fn(asn1::Asn1Error) -> CertError {
    move |e| CertError::Der {
        what,
        reason: e.to_string(),
    }
}

fn time(t: &Tlv<'_>, what: &'static str) -> Result<Time, CertError> {
    let mut devs: Vec<Deviation> = Vec::new();
    crate::cert::validity_decode_time(t, &mut devs).ok_or(CertError::Malformed {
        what,
        reason: "not a valid UTCTime / GeneralizedTime".into(),
    })
}

impl Crl {
    /// Parses a DER `CertificateList`. Trailing bytes are an error.
    pub fn from_der(der: &[u8]) -> Result<Crl, CertError> {
        let mut top = Reader::new(der);
        let list = top.read_tag(tag::SEQUENCE).map_err(der_err("CRL"))?;
        if !top.is_empty() {
            return Err(CertError::TrailingData {
                what: "CRL",
                len: top.remaining().len(),
            });
        }
        let mut lr = list.reader();
        let tbs = lr.read_tag(tag::SEQUENCE).map_err(der_err("tbsCertList"))?;
        let sig_alg = lr
            .read_tag(tag::SEQUENCE)
            .map_err(der_err("CRL signatureAlgorithm"))?;
        let sig = lr
            .read_tag(tag::BIT_STRING)
            .map_err(der_err("CRL signatureValue"))?;
        lr.finish().map_err(der_err("CRL"))?;
        // A BIT STRING with unused bits is kept (it can never verify) so
        // that such a CRL is reported as badly signed, not as unparseable.
        let (&signature_unused_bits, signature) =
            sig.value.split_first().ok_or(CertError::Malformed {
                what: "CRL signatureValue",
                reason: "empty BIT STRING".into(),
            })?;
        let signature = signature.to_vec();
        let signature_algorithm = AlgorithmIdentifier::from_der(sig_alg.raw)
            .map_err(der_err("CRL signatureAlgorithm"))?;

        let mut r = tbs.reader();
        if r.peek_tag() == Some(tag::INTEGER) {
            let v = r.read_tag(tag::INTEGER).map_err(der_err("CRL version"))?;
            if asn1::small_uint(v.value).map_err(der_err("CRL version"))? != 1 {
                return Err(CertError::UnsupportedVersion {
                    version: asn1::small_uint(v.value).unwrap_or(0),
                });
            }
        }
        let inner_alg = r
            .read_tag(tag::SEQUENCE)
            .map_err(der_err("CRL signature"))?;
        let inner =
            AlgorithmIdentifier::from_der(inner_alg.raw).map_err(der_err("CRL signature"))?;
        let mut deviations = Vec::new();
        if inner != signature_algorithm {
            // The one difference tolerated: the same OID, parameters absent
            // in one copy and NULL in the other. The NCA RK's GOST CRLs are
            // written so (`../shared/testdata/kz-nca-test-pki`); the
            // signature is checked under the outer copy, and for the
            // algorithms that allow both forms the two mean the same.
            let null_vs_absent = inner.oid == signature_algorithm.oid
                && matches!(
                    (
                        inner.parameters.as_deref(),
                        signature_algorithm.parameters.as_deref()
                    ),
                    (None, Some([0x05, 0x00])) | (Some([0x05, 0x00]), None)
                );
            if !null_vs_absent {
                return Err(CertError::Malformed {
                    what: "CRL signature",
                    reason:
                        "tbsCertList.signature differs from signatureAlgorithm (RFC 5280 §5.1.2.2)"
                            .into(),
                });
            }
            deviations.push(CrlDeviation::SignatureParametersNullVsAbsent);
        }
        let issuer_tlv = r.read_tag(tag::SEQUENCE).map_err(der_err("CRL issuer"))?;
        let issuer = DistinguishedName::parse(issuer_tlv.raw, &mut Vec::new())
            .map_err(der_err("CRL issuer"))?;
        let this_update = time(&r.read().map_err(der_err("thisUpdate"))?, "thisUpdate")?;
        let next_update = match r.peek_tag() {
            Some(tag::UTC_TIME) | Some(tag::GENERALIZED_TIME) => Some(time(
                &r.read().map_err(der_err("nextUpdate"))?,
                "nextUpdate",
            )?),
            _ => None,
        };
        let mut revoked = Vec::new();
        let mut unknown_critical = Vec::new();
        if let Some(list) = r
            .read_optional(tag::SEQUENCE)
            .map_err(der_err("revokedCertificates"))?
        {
            let mut er = list.reader();
            while !er.is_empty() {
                revoked.push(entry(
                    &er.read_tag(tag::SEQUENCE).map_err(der_err("CRL entry"))?,
                    &mut unknown_critical,
                )?);
            }
        }
        let mut crl = Inner {
            der: der.to_vec(),
            tbs: 0..0,
            signature_algorithm,
            signature,
            signature_unused_bits,
            issuer,
            this_update,
            next_update,
            revoked,
            crl_number: None,
            delta_base: None,
            idp: None,
            authority_key_id: None,
            unknown_critical,
            deviations,
            expired_certs_on_crl: None,
        };
        if let Some(exts) = r.read_optional(0xa0).map_err(der_err("crlExtensions"))? {
            let seq = asn1::read_single_tag(exts.value, tag::SEQUENCE)
                .map_err(der_err("crlExtensions"))?;
            let mut xr = seq.reader();
            while !xr.is_empty() {
                let (oid, critical, value) = extension(&mut xr)?;
                match oid {
                    CRL_NUMBER => crl.crl_number = Some(integer(value)?),
                    DELTA_CRL_INDICATOR => crl.delta_base = Some(integer(value)?),
                    ISSUING_DISTRIBUTION_POINT => crl.idp = Some(idp(value)?),
                    AUTHORITY_KEY_IDENTIFIER => {
                        let seq = asn1::read_single_tag(value, tag::SEQUENCE)
                            .map_err(der_err("CRL AKI"))?;
                        crl.authority_key_id = seq
                            .reader()
                            .read_optional(0x80)
                            .map_err(der_err("CRL AKI"))?
                            .map(|k| k.value.to_vec());
                    }
                    EXPIRED_CERTS_ON_CRL => {
                        let t = asn1::read_single_tag(value, tag::GENERALIZED_TIME)
                            .map_err(der_err("expiredCertsOnCRL"))?;
                        crl.expired_certs_on_crl = Some(time(&t, "expiredCertsOnCRL")?);
                    }
                    ISSUER_ALT_NAME | FRESHEST_CRL => {}
                    other if critical => crl.unknown_critical.push(other),
                    _ => {}
                }
            }
        }
        r.finish().map_err(der_err("tbsCertList"))?;
        let start = (tbs.raw.as_ptr() as usize).saturating_sub(der.as_ptr() as usize);
        crl.tbs = start..start + tbs.raw.len();
        Ok(Crl(Arc::new(crl)))
    }

    /// The departures from RFC 5280 §5 this CRL was read with (empty for
    /// a strictly encoded one).
    pub fn deviations(&self) -> &[CrlDeviation] {
        &self.0.deviations
    }

    /// The DER of the `tbsCertList` (the signed bytes).
    pub fn tbs_der(&self) -> &[u8] {
        self.0.der.get(self.0.tbs.clone()).unwrap_or_default()
    }
    /// The signature algorithm.
    pub fn signature_algorithm(&self) -> &AlgorithmIdentifier {
        &self.0.signature_algorithm
    }
    /// The signature value.
    pub fn signature(&self) -> &[u8] {
        &self.0.signature
    }
    /// The CRL's DER encoding, as given.
    pub fn der(&self) -> &[u8] {
        &self.0.der
    }
    /// Unused bits declared in the signature BIT STRING (0 for any real signature).
    pub fn signature_unused_bits(&self) -> u8 {
        self.0.signature_unused_bits
    }
    /// The CRL issuer.
    pub fn issuer(&self) -> &DistinguishedName {
        &self.0.issuer
    }
    /// thisUpdate.
    pub fn this_update(&self) -> Time {
        self.0.this_update
    }
    /// nextUpdate, when present.
    pub fn next_update(&self) -> Option<Time> {
        self.0.next_update
    }
    /// The revoked certificates.
    pub fn revoked(&self) -> &[RevokedCertificate] {
        &self.0.revoked
    }
    /// cRLNumber contents octets.
    pub fn crl_number(&self) -> Option<&[u8]> {
        self.0.crl_number.as_deref()
    }
    /// For a delta CRL, the BaseCRLNumber (deltaCRLIndicator, §5.2.4).
    pub fn delta_base(&self) -> Option<&[u8]> {
        self.0.delta_base.as_deref()
    }
    /// issuingDistributionPoint.
    pub fn issuing_distribution_point(&self) -> Option<&IssuingDistributionPoint> {
        self.0.idp.as_ref()
    }
    /// The AKI key identifier.
    pub fn authority_key_id(&self) -> Option<&[u8]> {
        self.0.authority_key_id.as_deref()
    }
    /// Critical CRL or entry extensions this crate does not process: such a
    /// CRL must not be used (RFC 5280 §5.2, §5.3).
    pub fn unknown_critical_extensions(&self) -> &[Oid] {
        &self.0.unknown_critical
    }
    /// expiredCertsOnCRL: the CRL keeps the entries of certificates that
    /// expired at or after this date, so it can also tell that an expired
    /// certificate was not revoked.
    pub fn expired_certs_on_crl(&self) -> Option<Time> {
        self.0.expired_certs_on_crl
    }
    /// The CRL number in hex, for messages.
    pub fn number_hex(&self) -> String {
        self.0.crl_number.as_deref().map(hex).unwrap_or_default()
    }
}

fn extension<'a>(r: &mut Reader<'a>) -> Result<(Oid, bool, &'a [u8]), CertError> {
    let ext = r
        .read_tag(tag::SEQUENCE)
        .map_err(der_err("CRL extension"))?;
    let mut er = ext.reader();
    let oid = asn1::read_oid(&mut er).map_err(der_err("CRL extension"))?;
    let critical = er
        .read_optional(tag::BOOLEAN)
        .map_err(der_err("CRL extension"))?
        .is_some_and(|b| b.value.first().is_some_and(|v| *v != 0));
    let value = er
        .read_tag(tag::OCTET_STRING)
        .map_err(der_err("CRL extension"))?;
    er.finish().map_err(der_err("CRL extension"))?;
    Ok((oid, critical, value.value))
}

fn integer(value: &[u8]) -> Result<Vec<u8>, CertError> {
    let t = asn1::read_single_tag(value, tag::INTEGER).map_err(der_err("CRL number"))?;
    Ok(asn1::unsigned_magnitude(t.value).to_vec())
}

fn entry(seq: &Tlv<'_>, unknown: &mut Vec<Oid>) -> Result<RevokedCertificate, CertError> {
    let mut r = seq.reader();
    let serial = r
        .read_tag(tag::INTEGER)
        .map_err(der_err("CRL entry serial"))?
        .value
        .to_vec();
    let date = time(
        &r.read().map_err(der_err("revocationDate"))?,
        "revocationDate",
    )?;
    let mut out = RevokedCertificate {
        serial,
        date,
        reason: None,
        certificate_issuer: None,
        invalidity_date: None,
    };
    if let Some(exts) = r
        .read_optional(tag::SEQUENCE)
        .map_err(der_err("crlEntryExtensions"))?
    {
        let mut xr = exts.reader();
        while !xr.is_empty() {
            let (oid, critical, value) = extension(&mut xr)?;
            match oid {
                REASON_CODE => {
                    let e = asn1::read_single_tag(value, 0x0a).map_err(der_err("reasonCode"))?;
                    out.reason = e.value.first().copied();
                }
                CERTIFICATE_ISSUER => {
                    let t = asn1::read_single_tag(value, tag::SEQUENCE)
                        .map_err(der_err("certificateIssuer"))?;
                    out.certificate_issuer = Some(general_names(t.value)?);
                }
                INVALIDITY_DATE => {
                    let t = asn1::read_single_tag(value, tag::GENERALIZED_TIME)
                        .map_err(der_err("invalidityDate"))?;
                    out.invalidity_date = Some(time(&t, "invalidityDate")?);
                }
                other if critical => unknown.push(other),
                _ => {}
            }
        }
    }
    r.finish().map_err(der_err("CRL entry"))?;
    Ok(out)
}

fn general_names(contents: &[u8]) -> Result<Vec<GeneralName>, CertError> {
    let mut r = Reader::new(contents);
    let mut out = Vec::new();
    while !r.is_empty() {
        let t = r.read().map_err(der_err("GeneralName"))?;
        out.push(
            crate::cert::extension::parse_general_name(&t, &mut Vec::new()).map_err(|reason| {
                CertError::Malformed {
                    what: "GeneralName",
                    reason,
                }
            })?,
        );
    }
    Ok(out)
}

/// The RDN of a `[1] IMPLICIT RelativeDistinguishedName`.
fn relative_rdn(raw: &[u8]) -> Result<crate::cert::Rdn, CertError> {
    let mut set = vec![tag::SET];
    set.extend_from_slice(raw.get(1..).unwrap_or_default());
    let mut seq = vec![tag::SEQUENCE];
    seq.extend(crate::cert::extension::der_length(set.len()));
    seq.extend(set);
    DistinguishedName::parse(&seq, &mut Vec::new())
        .map_err(der_err("nameRelativeToCRLIssuer"))?
        .rdns()
        .first()
        .cloned()
        .ok_or(CertError::Malformed {
            what: "nameRelativeToCRLIssuer",
            reason: "empty RDN".into(),
        })
}

fn reason_flags(t: &Tlv<'_>) -> u16 {
    let bytes = t.value.get(1..).unwrap_or_default();
    let mut flags = 0u16;
    for i in 0..9usize {
        if bytes.get(i / 8).is_some_and(|b| b & (0x80 >> (i % 8)) != 0) {
            flags |= 1 << i;
        }
    }
    flags
}

fn idp(value: &[u8]) -> Result<IssuingDistributionPoint, CertError> {
    let seq =
        asn1::read_single_tag(value, tag::SEQUENCE).map_err(der_err("issuingDistributionPoint"))?;
    let mut r = seq.reader();
    let mut out = IssuingDistributionPoint::default();
    let flag = |t: &Tlv<'_>| t.value.first().is_some_and(|v| *v != 0);
    while !r.is_empty() {
        let t = r.read().map_err(der_err("issuingDistributionPoint"))?;
        match t.tag {
            0xa0 => {
                out.has_name = true;
                let name = asn1::read_single(t.value).map_err(der_err("distributionPoint"))?;
                if name.tag == 0xa0 {
                    out.full_name = general_names(name.value)?;
                } else if name.tag == 0xa1 {
                    out.relative_name = Some(relative_rdn(name.raw)?);
                }
            }
            0x81 => out.only_user_certs = flag(&t),
            0x82 => out.only_ca_certs = flag(&t),
            0x83 => out.only_some_reasons = Some(reason_flags(&t)),
            0x84 => out.indirect = flag(&t),
            0x85 => out.only_attribute_certs = flag(&t),
            other => {
                return Err(CertError::Malformed {
                    what: "issuingDistributionPoint",
                    reason: format!("unexpected tag 0x{other:02x}"),
                });
            }
        }
    }
    Ok(out)
}
