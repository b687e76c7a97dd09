//! Owned X.509 certificates: loading (DER, PEM, PEM bundles, certs-only
//! PKCS#7), strict DER with named leniencies, and typed access to names,
//! algorithms and extensions.

mod bundle;
pub(crate) mod deviation;
pub(crate) mod extension;
mod name;
pub(crate) mod qc;
mod validity;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use sha2::{Digest, Sha256};

pub use bundle::{load_certificates, load_certificates_with};
pub use deviation::{Deviation, DeviationKind, Leniency};
pub use extension::{
    AccessDescription, AuthorityKeyIdentifier, BasicConstraints, DistributionPoint, Extension,
    Extensions, GeneralName, GeneralSubtree, KeyUsage, NameConstraints, PolicyConstraints,
    PolicyInformation, PolicyQualifier, extension_name,
};
pub use name::{Attribute, AttributeType, DistinguishedName, Rdn, StringType};
pub use qc::{PdsLocation, QcStatement, QcStatements, QcType};
pub use validity::Validity;
pub(crate) use validity::decode_time as validity_decode_time;

use crate::asn1::{self, Asn1Error, Reader, Tlv, tag};
use crate::crypto::{AlgorithmIdentifier, KeyAlgorithm, SignatureAlgorithm};
use crate::error::CertError;
use crate::{Oid, Time};

/// An X.509 certificate: the exact DER it was read from plus an owned,
/// typed view of it. Cloning is cheap (reference-counted).
///
/// ```
/// use sigbridge::{Certificate, KeyAlgorithm, Time};
///
/// let pem = std::fs::read("testdata/pki/kz/ceo.pem").unwrap();
/// let cert = Certificate::from_pem(&pem).unwrap();
/// assert_eq!(cert.subject().country(), Some("KZ"));
/// assert_eq!(cert.key_algorithm(), &KeyAlgorithm::Rsa { bits: 2048 });
/// assert!(cert.is_valid_at(Time::from_ymd_hms(2030, 1, 1, 0, 0, 0).unwrap()));
/// ```
#[derive(Clone)]
pub struct Certificate(Arc<Inner>);

struct Inner {
    der: Vec<u8>,
    tbs: Range<usize>,
    spki: Range<usize>,
    public_key: Range<usize>,
    version: u8,
    serial: Vec<u8>,
    tbs_signature_algorithm: AlgorithmIdentifier,
    signature_algorithm_id: AlgorithmIdentifier,
    signature_algorithm: SignatureAlgorithm,
    signature: Vec<u8>,
    signature_unused_bits: u8,
    issuer: DistinguishedName,
    subject: DistinguishedName,
    validity: Validity,
    spki_algorithm: AlgorithmIdentifier,
    key_algorithm: KeyAlgorithm,
    extensions: Extensions,
    deviations: Vec<Deviation>,
    fingerprint: [u8; 32],
    /// The parsed key, made on first use and shared by clones.
    public_key_info: std::sync::OnceLock<Result<crate::crypto::PublicKeyInfo, crate::VerifyError>>,
}

impl Certificate {
    /// Parses one DER certificate strictly. Trailing bytes are an error.
    pub fn from_der(der: &[u8]) -> Result<Certificate, CertError> {
        Certificate::from_der_with(der, &Leniency::strict())
    }

    /// Parses one DER certificate, tolerating the deviations `leniency` names.
    pub fn from_der_with(der: &[u8], leniency: &Leniency) -> Result<Certificate, CertError> {
        parse(der, leniency)
    }

    /// Parses a PEM input holding exactly one certificate (text around the block is ignored).
    pub fn from_pem(pem: &[u8]) -> Result<Certificate, CertError> {
        Certificate::from_pem_with(pem, &Leniency::strict())
    }

    /// Parses a PEM input holding exactly one certificate, with a leniency.
    pub fn from_pem_with(pem: &[u8], leniency: &Leniency) -> Result<Certificate, CertError> {
        let mut certs = bundle::from_pem_blocks(pem, leniency).map_err(|e| match e {
            // One certificate expected: report its error directly.
            CertError::InBundle { index: 0, source } => *source,
            other => other,
        })?;
        match certs.len() {
            1 => certs.pop().ok_or(CertError::NoCertificate),
            0 => Err(CertError::NoCertificate),
            n => Err(CertError::Pem {
                reason: format!(
                    "{n} certificates found where one was expected; use load_certificates for bundles"
                ),
            }),
        }
    }

    /// The complete DER encoding, exactly as read.
    pub fn der(&self) -> &[u8] {
        &self.0.der
    }

    /// The DER of the `tbsCertificate` (the signed bytes).
    pub fn tbs_der(&self) -> &[u8] {
        self.0.der.get(self.0.tbs.clone()).unwrap_or_default()
    }

    /// The DER of the `subjectPublicKeyInfo`.
    pub fn spki_der(&self) -> &[u8] {
        self.0.der.get(self.0.spki.clone()).unwrap_or_default()
    }

    /// The `subjectPublicKey` bits (without the unused-bits octet).
    pub fn public_key_bytes(&self) -> &[u8] {
        self.0
            .der
            .get(self.0.public_key.clone())
            .unwrap_or_default()
    }

    /// The version: 1, 2 or 3.
    pub fn version(&self) -> u8 {
        self.0.version
    }

    /// The serial number's contents octets (two's complement, as encoded).
    pub fn serial(&self) -> &[u8] {
        &self.0.serial
    }

    /// The serial number in lowercase hex, as encoded (a negative serial keeps its sign octets).
    pub fn serial_hex(&self) -> String {
        hex(&self.0.serial)
    }

    /// The issuer name.
    pub fn issuer(&self) -> &DistinguishedName {
        &self.0.issuer
    }

    /// The subject name.
    pub fn subject(&self) -> &DistinguishedName {
        &self.0.subject
    }

    /// The validity period.
    pub fn validity(&self) -> Validity {
        self.0.validity
    }

    /// Whether `at` is within the validity period (bounds inclusive).
    pub fn is_valid_at(&self, at: Time) -> bool {
        self.0.validity.contains(at)
    }

    /// SHA-256 of the DER encoding.
    pub fn fingerprint_sha256(&self) -> [u8; 32] {
        self.0.fingerprint
    }

    /// SHA-256 fingerprint in lowercase hex.
    pub fn fingerprint_hex(&self) -> String {
        hex(&self.0.fingerprint)
    }

    /// The algorithm the issuer signed this certificate with (the outer
    /// `signatureAlgorithm`, classified).
    pub fn signature_algorithm(&self) -> &SignatureAlgorithm {
        &self.0.signature_algorithm
    }

    /// The outer `signatureAlgorithm` as encoded.
    pub fn signature_algorithm_identifier(&self) -> &AlgorithmIdentifier {
        &self.0.signature_algorithm_id
    }

    /// The `signature` field inside the TBS as encoded (RFC 5280 §4.1.2.3
    /// requires it to equal the outer one; path validation checks that).
    pub fn tbs_signature_algorithm_identifier(&self) -> &AlgorithmIdentifier {
        &self.0.tbs_signature_algorithm
    }

    /// The signature value bits (without the unused-bits octet).
    pub fn signature_value(&self) -> &[u8] {
        &self.0.signature
    }

    /// The number of unused bits declared in the signature BIT STRING (0 for any real signature).
    pub fn signature_unused_bits(&self) -> u8 {
        self.0.signature_unused_bits
    }

    /// The subject public key, parsed strictly for verification (a key
    /// whose bits do not parse is an error here even though the certificate
    /// loaded).
    pub fn public_key_info(&self) -> Result<crate::crypto::PublicKeyInfo, crate::VerifyError> {
        self.0
            .public_key_info
            .get_or_init(|| crate::crypto::PublicKeyInfo::from_der(self.spki_der()))
            .clone()
    }

    /// The subject public-key algorithm, classified, with size / curve / parameters.
    pub fn key_algorithm(&self) -> &KeyAlgorithm {
        &self.0.key_algorithm
    }

    /// The `subjectPublicKeyInfo` algorithm as encoded.
    pub fn spki_algorithm_identifier(&self) -> &AlgorithmIdentifier {
        &self.0.spki_algorithm
    }

    /// All extensions, typed where understood.
    pub fn extensions(&self) -> &Extensions {
        &self.0.extensions
    }

    /// The raw extension with this OID.
    pub fn extension(&self, oid: &Oid) -> Option<&Extension> {
        self.0.extensions.get(oid)
    }

    /// basicConstraints.
    pub fn basic_constraints(&self) -> Option<BasicConstraints> {
        self.0.extensions.basic_constraints
    }

    /// Whether basicConstraints marks the subject as a CA.
    pub fn is_ca(&self) -> bool {
        self.0.extensions.basic_constraints.is_some_and(|b| b.ca)
    }

    /// keyUsage.
    pub fn key_usage(&self) -> Option<KeyUsage> {
        self.0.extensions.key_usage
    }

    /// extKeyUsage purposes.
    pub fn extended_key_usage(&self) -> Option<&[Oid]> {
        self.0.extensions.extended_key_usage.as_deref()
    }

    /// certificatePolicies.
    pub fn certificate_policies(&self) -> Option<&[PolicyInformation]> {
        self.0.extensions.certificate_policies.as_deref()
    }

    /// Whether certificatePolicies lists `policy`.
    pub fn has_policy(&self, policy: &Oid) -> bool {
        self.certificate_policies()
            .is_some_and(|p| p.iter().any(|x| &x.oid == policy))
    }

    /// ETSI EN 319 412-5 QC statements.
    pub fn qc_statements(&self) -> Option<&QcStatements> {
        self.0.extensions.qc_statements.as_ref()
    }

    /// subjectKeyIdentifier.
    pub fn subject_key_id(&self) -> Option<&[u8]> {
        self.0.extensions.subject_key_id.as_deref()
    }

    /// authorityKeyIdentifier.
    pub fn authority_key_id(&self) -> Option<&AuthorityKeyIdentifier> {
        self.0.extensions.authority_key_id.as_ref()
    }

    /// cRLDistributionPoints.
    pub fn crl_distribution_points(&self) -> Option<&[DistributionPoint]> {
        self.0.extensions.crl_distribution_points.as_deref()
    }

    /// The URIs of all CRL distribution points.
    pub fn crl_urls(&self) -> Vec<&str> {
        self.crl_distribution_points()
            .unwrap_or_default()
            .iter()
            .flat_map(|d| d.full_name.iter())
            .filter_map(|n| match n {
                GeneralName::Uri(u) => Some(u.as_str()),
                _ => None,
            })
            .collect()
    }

    /// authorityInfoAccess.
    pub fn authority_info_access(&self) -> Option<&[AccessDescription]> {
        self.0.extensions.authority_info_access.as_deref()
    }

    /// AIA caIssuers URIs (id-ad-caIssuers, RFC 5280 §4.2.2.1).
    pub fn ca_issuers_urls(&self) -> Vec<&str> {
        self.aia_urls(&Oid::new_unwrap("1.3.6.1.5.5.7.48.2"))
    }

    /// AIA OCSP URIs (id-ad-ocsp, RFC 5280 §4.2.2.1).
    pub fn ocsp_urls(&self) -> Vec<&str> {
        self.aia_urls(&Oid::new_unwrap("1.3.6.1.5.5.7.48.1"))
    }

    fn aia_urls(&self, method: &Oid) -> Vec<&str> {
        self.authority_info_access()
            .unwrap_or_default()
            .iter()
            .filter(|a| &a.method == method)
            .filter_map(|a| match &a.location {
                GeneralName::Uri(u) => Some(u.as_str()),
                _ => None,
            })
            .collect()
    }

    /// nameConstraints.
    pub fn name_constraints(&self) -> Option<&NameConstraints> {
        self.0.extensions.name_constraints.as_ref()
    }

    /// subjectAltName entries.
    pub fn subject_alt_names(&self) -> &[GeneralName] {
        self.0
            .extensions
            .subject_alt_name
            .as_deref()
            .unwrap_or_default()
    }

    /// Critical extensions sigbridge does not understand (RFC 5280 §4.2).
    pub fn unknown_critical_extensions(&self) -> &[Oid] {
        &self.0.extensions.unknown_critical
    }

    /// The deviations from strict DER / RFC 5280 that were tolerated when
    /// this certificate was parsed (always empty under the strict default).
    pub fn deviations(&self) -> &[Deviation] {
        &self.0.deviations
    }

    /// Whether subject and issuer are the same name (RFC 5280 §6.1: self-issued).
    pub fn is_self_issued(&self) -> bool {
        self.0.subject.matches(&self.0.issuer)
    }
}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificate")
            .field("subject", &self.0.subject.to_string())
            .field("issuer", &self.0.issuer.to_string())
            .field("serial", &self.serial_hex())
            .field("sha256", &self.fingerprint_hex())
            .finish()
    }
}

impl fmt::Display for Certificate {
    /// The subject name, e.g. `C=KZ, CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.subject)
    }
}

impl PartialEq for Certificate {
    fn eq(&self, other: &Certificate) -> bool {
        self.0.der == other.0.der
    }
}

impl Eq for Certificate {}

impl std::hash::Hash for Certificate {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.fingerprint.hash(state);
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn range_of(base: &[u8], part: &[u8]) -> Range<usize> {
    // Both slices come from the same allocation: `part` was read out of `base`.
    let start = (part.as_ptr() as usize).saturating_sub(base.as_ptr() as usize);
    start..start.saturating_add(part.len())
}

fn der_err(what: &'static str) -> impl Fn(Asn1Error) -> CertError {
    move |e| CertError::Der {
        what,
        reason: e.to_string(),
    }
}

fn parse(der: &[u8], leniency: &Leniency) -> Result<Certificate, CertError> {
    let mut top = Reader::new(der);
    let cert = top.read().map_err(der_err("certificate"))?;
    if !top.is_empty() {
        return Err(CertError::TrailingData {
            what: "certificate",
            len: top.remaining().len(),
        });
    }
    if cert.tag != tag::SEQUENCE {
        return Err(CertError::Der {
            what: "certificate",
            reason: format!("expected a SEQUENCE, found tag 0x{:02x}", cert.tag),
        });
    }
    let mut deviations = Vec::new();
    deviation::scan_encoding(&cert, &mut deviations, 0).map_err(der_err("certificate"))?;

    let mut cr = cert.reader();
    let tbs = cr
        .read_tag(tag::SEQUENCE)
        .map_err(der_err("tbsCertificate"))?;
    let sig_alg = cr
        .read_tag(tag::SEQUENCE)
        .map_err(der_err("signatureAlgorithm"))?;
    let sig = cr
        .read_tag(tag::BIT_STRING)
        .map_err(der_err("signatureValue"))?;
    cr.finish().map_err(der_err("certificate"))?;
    let (&signature_unused_bits, signature) = sig.value.split_first().ok_or(CertError::Der {
        what: "signatureValue",
        reason: "empty BIT STRING".into(),
    })?;

    let mut r = tbs.reader();
    let version = match r.read_optional(0xa0).map_err(der_err("version"))? {
        None => 1,
        Some(v) => {
            let int = asn1::read_single_tag(v.value, tag::INTEGER).map_err(der_err("version"))?;
            let n = asn1::small_uint(int.value).map_err(der_err("version"))?;
            match n {
                0 => {
                    deviations.push(Deviation::ExplicitDefault {
                        field: "version v1",
                    });
                    1
                }
                1 => 2,
                2 => 3,
                other => return Err(CertError::UnsupportedVersion { version: other }),
            }
        }
    };
    let serial = r.read_tag(tag::INTEGER).map_err(der_err("serialNumber"))?;
    deviation::check_serial(serial.value, &mut deviations);
    let tbs_sig = r.read_tag(tag::SEQUENCE).map_err(der_err("signature"))?;
    let issuer_tlv = r.read_tag(tag::SEQUENCE).map_err(der_err("issuer"))?;
    let validity_tlv = r.read_tag(tag::SEQUENCE).map_err(der_err("validity"))?;
    let subject_tlv = r.read_tag(tag::SEQUENCE).map_err(der_err("subject"))?;
    let spki = r
        .read_tag(tag::SEQUENCE)
        .map_err(der_err("subjectPublicKeyInfo"))?;
    let issuer_uid = r.read_optional(0x81).map_err(der_err("issuerUniqueID"))?;
    let subject_uid = r.read_optional(0x82).map_err(der_err("subjectUniqueID"))?;
    let extensions_tlv = r.read_optional(0xa3).map_err(der_err("extensions"))?;
    r.finish().map_err(der_err("tbsCertificate"))?;
    if (issuer_uid.is_some() || subject_uid.is_some()) && version < 2 {
        // RFC 5280 §4.1.2.8: unique identifiers only in v2 and v3.
        return Err(CertError::Malformed {
            what: "version",
            reason: "unique identifiers present in a v1 certificate".into(),
        });
    }
    if extensions_tlv.is_some() && version < 3 {
        // RFC 5280 §4.1.2.9: extensions only in v3.
        return Err(CertError::Malformed {
            what: "version",
            reason: format!("extensions present in a v{version} certificate"),
        });
    }

    let algorithm = |t: &Tlv<'_>, what: &'static str| {
        AlgorithmIdentifier::from_der(t.raw).map_err(der_err(what))
    };
    let tbs_signature_algorithm = algorithm(&tbs_sig, "signature")?;
    let signature_algorithm_id = algorithm(&sig_alg, "signatureAlgorithm")?;
    let signature_algorithm = SignatureAlgorithm::from_identifier(&signature_algorithm_id);

    let issuer =
        DistinguishedName::parse(issuer_tlv.raw, &mut deviations).map_err(der_err("issuer"))?;
    let subject =
        DistinguishedName::parse(subject_tlv.raw, &mut deviations).map_err(der_err("subject"))?;
    if issuer.is_empty() {
        // RFC 5280 §4.1.2.4: the issuer MUST be a non-empty name.
        return Err(CertError::Malformed {
            what: "issuer",
            reason: "empty issuer name".into(),
        });
    }

    let mut vr = validity_tlv.reader();
    let nb = vr.read().map_err(der_err("validity"))?;
    let na = vr.read().map_err(der_err("validity"))?;
    vr.finish().map_err(der_err("validity"))?;
    let bad_time = |t: &Tlv<'_>| CertError::Malformed {
        what: "validity",
        reason: format!(
            "'{}' is not a valid UTCTime / GeneralizedTime",
            String::from_utf8_lossy(t.value)
        ),
    };
    let not_before = validity::decode_time(&nb, &mut deviations).ok_or_else(|| bad_time(&nb))?;
    let not_after = validity::decode_time(&na, &mut deviations).ok_or_else(|| bad_time(&na))?;

    let mut sr = spki.reader();
    let spki_alg_tlv = sr
        .read_tag(tag::SEQUENCE)
        .map_err(der_err("subjectPublicKeyInfo"))?;
    let key_bits = sr
        .read_tag(tag::BIT_STRING)
        .map_err(der_err("subjectPublicKey"))?;
    sr.finish().map_err(der_err("subjectPublicKeyInfo"))?;
    let spki_algorithm = algorithm(&spki_alg_tlv, "subjectPublicKeyInfo algorithm")?;
    let key = match key_bits.value.split_first() {
        Some((0, key)) => key,
        _ => {
            return Err(CertError::Der {
                what: "subjectPublicKey",
                reason: "BIT STRING with unused bits".into(),
            });
        }
    };
    let key_algorithm =
        KeyAlgorithm::from_spki(&spki_algorithm, key).map_err(|e| CertError::Algorithm {
            what: "subject public key",
            algorithm: spki_algorithm.oid,
            reason: e.to_string(),
        })?;
    if let SignatureAlgorithm::RsaPss { params: None } = signature_algorithm
        && signature_algorithm_id.parameters.is_some()
    {
        return Err(CertError::Algorithm {
            what: "signature algorithm",
            algorithm: signature_algorithm_id.oid,
            reason: "RSASSA-PSS parameters do not parse (RFC 4055 §3.1)".into(),
        });
    }

    let extensions = match extensions_tlv {
        Some(t) => Extensions::parse(t.value, &mut deviations)?,
        None => Extensions::default(),
    };

    if subject.is_empty() {
        // RFC 5280 §4.1.2.6 / §4.2.1.6: an empty subject requires a critical subjectAltName.
        let san_critical = extensions
            .get(&extension::oid::SUBJECT_ALT_NAME)
            .is_some_and(|e| e.critical);
        if !san_critical {
            return Err(CertError::Malformed {
                what: "subject",
                reason: "empty subject without a critical subjectAltName (RFC 5280 §4.2.1.6)"
                    .into(),
            });
        }
    }

    if let Some(d) = deviations.iter().find(|d| !leniency.tolerates(d.kind())) {
        return Err(CertError::Deviation {
            deviation: d.clone(),
        });
    }
    deviations.dedup();

    let fingerprint: [u8; 32] = Sha256::digest(cert.raw).into();
    Ok(Certificate(Arc::new(Inner {
        der: cert.raw.to_vec(),
        tbs: range_of(der, tbs.raw),
        spki: range_of(der, spki.raw),
        public_key: range_of(der, key),
        version,
        serial: serial.value.to_vec(),
        tbs_signature_algorithm,
        signature_algorithm_id,
        signature_algorithm,
        signature: signature.to_vec(),
        signature_unused_bits,
        issuer,
        subject,
        validity: Validity {
            not_before,
            not_after,
        },
        spki_algorithm,
        key_algorithm,
        extensions,
        deviations,
        fingerprint,
        public_key_info: std::sync::OnceLock::new(),
    })))
}
