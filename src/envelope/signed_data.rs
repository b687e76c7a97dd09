//! The envelope itself: `ContentInfo` holding `SignedData` (RFC 5652 §3, §5.1).

use std::sync::{Arc, OnceLock};

use super::armour;
use super::attributes::{ID_DATA, ID_SIGNED_DATA};
use super::ber;
use super::signer_info::SignerInfo;
use crate::asn1::{self, Asn1Error, tag};
use crate::cert::{Certificate, Leniency};
use crate::crypto::AlgorithmIdentifier;
use crate::{CertError, EnvelopeError, Oid};

/// GM/T 0010-2012 (SM2 cryptographic message syntax) `data`,
/// 1.2.156.10197.6.1.4.2.1. The standard's table: .1 data, .2 signedData,
/// .3 envelopedData, .4 signedAndEnvelopedData, .5 encryptedData,
/// .6 keyAgreementInfo. Read as id-data, with
/// [`Deviation::Gmt0010ContentType`](super::Deviation::Gmt0010ContentType).
pub const GMT0010_DATA: Oid = Oid::new_unwrap("1.2.156.10197.6.1.4.2.1");

/// GM/T 0010-2012 `signedData`, 1.2.156.10197.6.1.4.2.2 (see [`GMT0010_DATA`]).
pub const GMT0010_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.156.10197.6.1.4.2.2");

/// Whether an eContentType means plain data: id-data (RFC 5652 §4) or its
/// GM/T 0010-2012 counterpart.
pub(crate) fn is_data(oid: &Oid) -> bool {
    *oid == ID_DATA || *oid == GMT0010_DATA
}

/// What reading tolerates beyond the DER and BER that RFC 5652 allows.
///
/// ```
/// use sigbridge::envelope::{Deviation, Envelope, ReadOptions};
///
/// let mut p7s = std::fs::read("../shared/testdata/openssl-cms/rsa/sig-cades.p7s").unwrap();
/// p7s.extend_from_slice(&[0; 512]); // a fixed-size buffer written whole
/// let env = Envelope::parse(&p7s).unwrap();
/// assert_eq!(env.deviations(), &[Deviation::TrailingBytes { count: 512 }]);
/// assert!(Envelope::parse_with(&p7s, &ReadOptions::strict()).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Tolerate padding after a complete ContentInfo (reported as
    /// [`Deviation::TrailingBytes`](super::Deviation::TrailingBytes)).
    /// Padding is all 0x00, all 0xFF, or all ASCII whitespace: what
    /// fixed-size buffers and text tools leave. Anything else after the
    /// ContentInfo may be a second object (a concatenated signature we
    /// would silently not verify) or a damaged file, and is refused
    /// whatever this says.
    pub trailing_padding: bool,
}

impl ReadOptions {
    /// What real producers need: padding after the ContentInfo tolerated.
    pub fn real_world() -> ReadOptions {
        ReadOptions {
            trailing_padding: true,
        }
    }

    /// Nothing after the ContentInfo (X.690 §8.1.1: one encoding, one value).
    pub fn strict() -> ReadOptions {
        ReadOptions {
            trailing_padding: false,
        }
    }

    /// Sets [`ReadOptions::trailing_padding`].
    pub fn trailing_padding(mut self, yes: bool) -> ReadOptions {
        self.trailing_padding = yes;
        self
    }
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions::real_world()
    }
}

/// Whether bytes after the ContentInfo are padding (see [`ReadOptions`]).
fn is_padding(rest: &[u8]) -> bool {
    rest.iter().all(|b| *b == 0x00)
        || rest.iter().all(|b| *b == 0xff)
        || rest
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// How the envelope was encoded on input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// DER (definite lengths throughout).
    Der,
    /// BER with indefinite lengths and/or a chunked encapsulated content, as
    /// streaming producers write it; normalised to DER on reading.
    Ber,
}

/// A certificate carried in the envelope, kept as received and parsed on
/// first use (with [`Leniency::real_world`]), so that one odd certificate
/// never makes the envelope unreadable.
#[derive(Debug, Clone)]
pub struct EmbeddedCertificate {
    der: Vec<u8>,
    parsed: Arc<OnceLock<Result<Certificate, CertError>>>,
}

impl EmbeddedCertificate {
    fn new(der: Vec<u8>) -> EmbeddedCertificate {
        EmbeddedCertificate {
            der,
            parsed: Arc::new(OnceLock::new()),
        }
    }

    /// The certificate's bytes as they appear in the envelope.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// Sets the parsed form, when the caller already holds the certificate
    /// parsed from these same bytes (with the same real-world leniency).
    pub(crate) fn prime(&self, certificate: Certificate) {
        if certificate.der() == self.der.as_slice() {
            let _ = self.parsed.set(Ok(certificate));
        }
    }

    /// The parsed certificate, or why it does not parse.
    pub fn certificate(&self) -> Result<&Certificate, &CertError> {
        self.parsed
            .get_or_init(|| Certificate::from_der_with(&self.der, &Leniency::real_world()))
            .as_ref()
    }
}

/// What can be read of a certificate that does not parse: its issuer Name
/// (DER), its serial number's contents octets and its subjectKeyIdentifier,
/// read field by field from the TBS (RFC 5280 §4.1) without judging the
/// rest, so that the signer whose certificate it is can be told why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RawIdentity {
    pub(crate) issuer: Option<Vec<u8>>,
    pub(crate) serial: Option<Vec<u8>>,
    pub(crate) subject_key_id: Option<Vec<u8>>,
}

impl RawIdentity {
    pub(crate) fn read(der: &[u8]) -> RawIdentity {
        let mut out = RawIdentity::default();
        let _ = out.fill(der);
        out
    }

    fn fill(&mut self, der: &[u8]) -> Result<(), Asn1Error> {
        const SKI: [u8; 3] = [0x55, 0x1d, 0x0e];
        let cert = asn1::Reader::new(der).read_tag(tag::SEQUENCE)?;
        let tbs = cert.reader().read_tag(tag::SEQUENCE)?;
        let mut r = tbs.reader();
        r.read_optional(0xa0)?;
        self.serial = Some(r.read_tag(tag::INTEGER)?.value.to_vec());
        r.read_tag(tag::SEQUENCE)?;
        self.issuer = Some(r.read_tag(tag::SEQUENCE)?.raw.to_vec());
        // validity, subject, subjectPublicKeyInfo, the unique identifiers,
        // then the extensions [3].
        while !r.is_empty() {
            let t = r.read()?;
            if t.tag != 0xa3 {
                continue;
            }
            let exts = asn1::read_single_tag(t.value, tag::SEQUENCE)?;
            let mut er = exts.reader();
            while !er.is_empty() {
                let ext = er.read_tag(tag::SEQUENCE)?;
                let mut xr = ext.reader();
                if xr.read_tag(tag::OID)?.value != SKI {
                    continue;
                }
                xr.read_optional(tag::BOOLEAN)?;
                let value = xr.read_tag(tag::OCTET_STRING)?;
                let key_id = asn1::read_single_tag(value.value, tag::OCTET_STRING)?;
                self.subject_key_id = Some(key_id.value.to_vec());
            }
        }
        Ok(())
    }
}

/// A CMS SignedData envelope (RFC 5652): the signed trade document's
/// signatures, the certificates that came with them and, for an enveloping
/// signature, the document itself.
///
/// Reading accepts DER and the BER that streaming producers write (see
/// [`Encoding`]); writing is always DER. Existing signatures are kept byte
/// for byte when signatures are added.
///
/// ```
/// use sigbridge::envelope::{Envelope, Encoding};
///
/// let p7s = std::fs::read("../shared/testdata/openssl-cms/rsa/sig-cades.p7s").unwrap();
/// let env = Envelope::from_der(&p7s).unwrap();
/// assert_eq!(env.encoding(), Encoding::Der);
/// assert!(env.is_detached());
/// assert_eq!(env.signer_infos().len(), 1);
/// assert_eq!(env.certificates().len(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct Envelope {
    pub(crate) encoding: Encoding,
    /// The ContentInfo's contentType: id-signedData, or GM/T 0010's.
    pub(crate) content_info_type: Oid,
    pub(crate) digest_algorithms: Vec<AlgorithmIdentifier>,
    pub(crate) content_type: Oid,
    pub(crate) content: Option<Vec<u8>>,
    /// Every CertificateChoices element, as received.
    pub(crate) certificate_choices: Vec<Vec<u8>>,
    /// The plain certificates among them.
    pub(crate) certificates: Vec<EmbeddedCertificate>,
    /// Every RevocationInfoChoice element, as received.
    pub(crate) revocation_choices: Vec<Vec<u8>>,
    pub(crate) signer_infos: Vec<SignerInfo>,
    /// Deviations of the envelope as a whole (not of one signature).
    pub(crate) deviations: Vec<super::Deviation>,
}

fn malformed(part: &'static str) -> impl Fn(Asn1Error) -> EnvelopeError {
    move |e| EnvelopeError::Malformed {
        part,
        reason: e.to_string(),
    }
}

impl Envelope {
    /// The deviations of the envelope as a whole (each signature's are on
    /// its [`super::SignerCheck`]).
    pub fn deviations(&self) -> &[super::Deviation] {
        &self.deviations
    }

    /// Reads a DER or BER `ContentInfo` holding SignedData, strictly:
    /// trailing bytes are an error ([`ReadOptions::strict`]; see
    /// [`Envelope::parse`] for the tolerant reader).
    ///
    /// # Errors
    /// [`EnvelopeError::Malformed`] naming the part that could not be read,
    /// [`EnvelopeError::NotSignedData`] for another content type.
    pub fn from_der(bytes: &[u8]) -> Result<Envelope, EnvelopeError> {
        Envelope::from_der_with(bytes, &ReadOptions::strict())
    }

    /// Reads a DER or BER `ContentInfo` holding SignedData with `options`.
    ///
    /// # Errors
    /// Those of [`Envelope::from_der`]; bytes after the ContentInfo that
    /// are not padding, or any under [`ReadOptions::strict`], are
    /// [`EnvelopeError::Malformed`] (`ContentInfo`).
    pub fn from_der_with(bytes: &[u8], options: &ReadOptions) -> Result<Envelope, EnvelopeError> {
        // The first element's extent: a definite length read as it is, an
        // indefinite one (BER) normalised to DER on the way.
        let (normalised, used) = if ber::is_indefinite(bytes) {
            let (der, used) = ber::normalise_prefix(bytes).map_err(malformed("BER encoding"))?;
            (Some(der), used)
        } else {
            let first = asn1::Reader::new(bytes)
                .read()
                .map_err(malformed("ContentInfo"))?;
            (None, first.raw.len())
        };
        let mut deviations = Vec::new();
        // Only after a complete ContentInfo: a truncated one is never
        // "padded" (the split above failed on it).
        let rest = bytes.get(used..).unwrap_or_default();
        if !rest.is_empty() {
            if !options.trailing_padding {
                return Err(malformed("ContentInfo")(Asn1Error::TrailingData(
                    rest.len(),
                )));
            }
            if !is_padding(rest) {
                return Err(EnvelopeError::Malformed {
                    part: "ContentInfo",
                    reason: format!(
                        "{} byte(s) after the ContentInfo that are not padding (all 0x00, all 0xFF or whitespace): \
                         a second object or a damaged file; send the envelope alone",
                        rest.len()
                    ),
                });
            }
            deviations.push(super::Deviation::TrailingBytes { count: rest.len() });
        }
        let (der, encoding) = match &normalised {
            Some(d) => (d.as_slice(), Encoding::Ber),
            None => (bytes.get(..used).unwrap_or_default(), Encoding::Der),
        };
        let ci = asn1::read_single_tag(der, tag::SEQUENCE).map_err(malformed("ContentInfo"))?;
        let mut r = ci.reader();
        let content_info_type =
            asn1::read_oid(&mut r).map_err(malformed("ContentInfo.contentType"))?;
        if content_info_type == GMT0010_SIGNED_DATA {
            // GM/T 0010-2012's own signedData type: the same SignedData
            // structure; a deviation for a CAdES verifier (EN 319 122-1 §4
            // and RFC 5652 §5.1 name id-signedData).
            deviations.push(super::Deviation::Gmt0010ContentType {
                field: "ContentInfo.contentType",
                oid: content_info_type,
            });
        } else if content_info_type != ID_SIGNED_DATA {
            return Err(EnvelopeError::NotSignedData {
                content_type: content_info_type,
            });
        }
        let explicit = r.read_tag(0xa0).map_err(malformed("ContentInfo.content"))?;
        r.finish().map_err(malformed("ContentInfo"))?;
        let sd = asn1::read_single_tag(explicit.value, tag::SEQUENCE)
            .map_err(malformed("SignedData"))?;
        let mut r = sd.reader();
        let version = r
            .read_tag(tag::INTEGER)
            .and_then(|v| asn1::small_uint(v.value))
            .map_err(malformed("SignedData.version"))?;
        if !matches!(version, 1 | 3 | 4 | 5) {
            return Err(EnvelopeError::Malformed {
                part: "SignedData.version",
                reason: format!("version {version} (RFC 5652 §5.1 allows 1, 3, 4, 5)"),
            });
        }
        let digest_set = r
            .read_tag(tag::SET)
            .map_err(malformed("SignedData.digestAlgorithms"))?;
        let mut digest_algorithms = Vec::new();
        let mut dr = digest_set.reader();
        while !dr.is_empty() {
            let alg = dr
                .read_tag(tag::SEQUENCE)
                .and_then(|t| AlgorithmIdentifier::from_der(t.raw))
                .map_err(malformed("SignedData.digestAlgorithms"))?;
            digest_algorithms.push(alg);
        }
        let (content_type, content) = parse_encap(&mut r)?;
        if content_type == GMT0010_DATA {
            // GM/T 0010-2012 data: read as id-data (RFC 5652 §4), reported.
            deviations.push(super::Deviation::Gmt0010ContentType {
                field: "eContentType",
                oid: content_type,
            });
        }
        let mut certificate_choices = Vec::new();
        if let Some(set) = r
            .read_optional(0xa0)
            .map_err(malformed("SignedData.certificates"))?
        {
            let mut cr = set.reader();
            while !cr.is_empty() {
                let c = cr.read().map_err(malformed("SignedData.certificates"))?;
                certificate_choices.push(c.raw.to_vec());
            }
        }
        let mut revocation_choices = Vec::new();
        if let Some(set) = r
            .read_optional(0xa1)
            .map_err(malformed("SignedData.crls"))?
        {
            let mut cr = set.reader();
            while !cr.is_empty() {
                let c = cr.read().map_err(malformed("SignedData.crls"))?;
                revocation_choices.push(c.raw.to_vec());
            }
        }
        let signer_set = r
            .read_tag(tag::SET)
            .map_err(malformed("SignedData.signerInfos"))?;
        r.finish().map_err(malformed("SignedData"))?;
        let mut signer_infos = Vec::new();
        let mut sr = signer_set.reader();
        while !sr.is_empty() {
            let si = sr.read().map_err(malformed("SignedData.signerInfos"))?;
            signer_infos.push(SignerInfo::parse(si.raw)?);
        }
        let certificates = certificate_choices
            .iter()
            .filter(|c| c.first() == Some(&tag::SEQUENCE))
            .map(|c| EmbeddedCertificate::new(c.clone()))
            .collect();
        Ok(Envelope {
            encoding,
            content_info_type,
            digest_algorithms,
            content_type,
            content,
            certificate_choices,
            certificates,
            revocation_choices,
            signer_infos,
            deviations,
        })
    }

    /// Reads DER or BER (input starting with a SEQUENCE tag), bare base64 of
    /// the DER/BER with or without line breaks (as Kazakh NCALayer and
    /// CryptoPro tools hand it over; nothing but base64 alphabet and
    /// whitespace, see [`EnvelopeError::Base64`]), or else PEM (`CMS` or
    /// `PKCS7` label, RFC 7468 §9).
    ///
    /// ```
    /// use base64::Engine as _;
    /// use sigbridge::envelope::Envelope;
    ///
    /// let der = std::fs::read("testdata/icao/masterlist.cms").unwrap();
    /// let text = base64::engine::general_purpose::STANDARD.encode(&der);
    /// let lines: Vec<&str> = text.as_bytes().chunks(76).map(|l| std::str::from_utf8(l).unwrap()).collect();
    /// let from_text = Envelope::parse(lines.join("\r\n").as_bytes()).unwrap();
    /// assert_eq!(from_text.to_der(), Envelope::parse(&der).unwrap().to_der());
    /// ```
    ///
    /// Padding after the ContentInfo is tolerated and reported
    /// ([`ReadOptions::real_world`]); [`Envelope::parse_with`] takes other options.
    pub fn parse(bytes: &[u8]) -> Result<Envelope, EnvelopeError> {
        Envelope::parse_with(bytes, &ReadOptions::real_world())
    }

    /// [`Envelope::parse`] with explicit [`ReadOptions`].
    pub fn parse_with(bytes: &[u8], options: &ReadOptions) -> Result<Envelope, EnvelopeError> {
        if bytes.first() == Some(&tag::SEQUENCE) {
            return Envelope::from_der_with(bytes, options);
        }
        if armour::is_bare_base64(bytes) {
            return Envelope::from_der_with(&armour::decode_bare_base64(bytes)?, options);
        }
        Envelope::from_pem_with(bytes, options)
    }

    /// Reads a PEM `CMS` or `PKCS7` block (strictly, as [`Envelope::from_der`]).
    pub fn from_pem(pem: &[u8]) -> Result<Envelope, EnvelopeError> {
        Envelope::from_pem_with(pem, &ReadOptions::strict())
    }

    /// [`Envelope::from_pem`] with explicit [`ReadOptions`].
    pub fn from_pem_with(pem: &[u8], options: &ReadOptions) -> Result<Envelope, EnvelopeError> {
        let blocks = pem::parse_many(pem).map_err(|e| EnvelopeError::Pem {
            reason: e.to_string(),
        })?;
        let block = blocks
            .iter()
            .find(|b| matches!(b.tag(), "CMS" | "PKCS7"))
            .ok_or_else(|| EnvelopeError::Pem {
                reason: format!("{} block(s), none labelled CMS or PKCS7", blocks.len()),
            })?;
        Envelope::from_der_with(block.contents(), options)
    }

    /// The DER encoding (RFC 5652 §5.1, version computed as §5.1 requires).
    pub fn to_der(&self) -> Vec<u8> {
        let digests = asn1::encode_set_of(
            tag::SET,
            self.digest_algorithms
                .iter()
                .map(encode_algorithm)
                .collect(),
        );
        let econtent = match &self.content {
            Some(c) => asn1::encode(0xa0, &asn1::encode(tag::OCTET_STRING, c)),
            None => Vec::new(),
        };
        let encap = asn1::encode_parts(
            tag::SEQUENCE,
            &[&asn1::encode_oid(&self.content_type), &econtent],
        );
        let certs = if self.certificate_choices.is_empty() {
            Vec::new()
        } else {
            asn1::encode_set_of(0xa0, self.certificate_choices.clone())
        };
        let crls = if self.revocation_choices.is_empty() {
            Vec::new()
        } else {
            asn1::encode_set_of(0xa1, self.revocation_choices.clone())
        };
        let signers = asn1::encode_set_of(
            tag::SET,
            self.signer_infos.iter().map(SignerInfo::encode).collect(),
        );
        let sd = asn1::encode_parts(
            tag::SEQUENCE,
            &[
                &asn1::encode_uint(self.version()),
                &digests,
                &encap,
                &certs,
                &crls,
                &signers,
            ],
        );
        asn1::encode_parts(
            tag::SEQUENCE,
            &[
                &asn1::encode_oid(&self.content_info_type),
                &asn1::encode(0xa0, &sd),
            ],
        )
    }

    /// PEM with the `CMS` label (RFC 7468 §9).
    pub fn to_pem(&self) -> String {
        pem::encode_config(
            &pem::Pem::new("CMS", self.to_der()),
            pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
        )
    }

    /// The SignedData version RFC 5652 §5.1 prescribes for this content.
    pub fn version(&self) -> u64 {
        let cert_tags = || self.certificate_choices.iter().filter_map(|c| c.first());
        if cert_tags().any(|t| *t == 0xa3)
            || self
                .revocation_choices
                .iter()
                .any(|c| c.first() == Some(&0xa1))
        {
            5
        } else if cert_tags().any(|t| *t == 0xa2) {
            4
        } else if cert_tags().any(|t| *t == 0xa1)
            || self.signer_infos.iter().any(|s| s.version == 3)
            || !is_data(&self.content_type)
        {
            3
        } else {
            1
        }
    }

    /// How the input was encoded.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The ContentInfo's contentType: id-signedData, or GM/T 0010-2012's
    /// signedData ([`GMT0010_SIGNED_DATA`]).
    pub fn content_info_type(&self) -> &Oid {
        &self.content_info_type
    }

    /// The eContentType (id-data for trade documents; [`GMT0010_DATA`] from GM/T 0010 producers).
    pub fn content_type(&self) -> &Oid {
        &self.content_type
    }

    /// The encapsulated content of an enveloping signature.
    pub fn content(&self) -> Option<&[u8]> {
        self.content.as_deref()
    }

    /// Whether the content is detached (not inside the envelope).
    pub fn is_detached(&self) -> bool {
        self.content.is_none()
    }

    /// The digestAlgorithms set.
    pub fn digest_algorithms(&self) -> &[AlgorithmIdentifier] {
        &self.digest_algorithms
    }

    /// The certificates carried in the envelope (other CertificateChoices,
    /// such as attribute certificates, are kept but not listed here).
    pub fn certificates(&self) -> &[EmbeddedCertificate] {
        &self.certificates
    }

    /// The CRLs carried in the envelope (DER CertificateList, RFC 5652 §10.2.1).
    pub fn crls(&self) -> Vec<&[u8]> {
        self.revocation_choices
            .iter()
            .filter(|c| c.first() == Some(&tag::SEQUENCE))
            .map(Vec::as_slice)
            .collect()
    }

    /// The OCSP responses carried in the envelope: RevocationInfoChoice
    /// `other` (`[1] IMPLICIT OtherRevocationInfoFormat`) with
    /// id-ri-ocsp-response (RFC 5940 §3), each the DER OCSPResponse. Other
    /// `other` formats, and malformed ones, are skipped.
    pub fn ocsp_responses(&self) -> Vec<&[u8]> {
        self.revocation_choices
            .iter()
            .filter(|c| c.first() == Some(&0xa1))
            .filter_map(|c| {
                let other = asn1::read_single_tag(c, 0xa1).ok()?;
                let mut r = other.reader();
                let format = asn1::read_oid(&mut r).ok()?;
                let info = r.read().ok()?;
                r.finish().ok()?;
                (format == crate::path::ID_RI_OCSP_RESPONSE).then_some(info.raw)
            })
            .collect()
    }

    /// The signatures.
    pub fn signer_infos(&self) -> &[SignerInfo] {
        &self.signer_infos
    }

    /// Adds certificates not already carried (compared byte for byte).
    pub(crate) fn add_certificates<'a>(
        &mut self,
        certs: impl IntoIterator<Item = &'a Certificate>,
    ) {
        for cert in certs {
            if !self
                .certificate_choices
                .iter()
                .any(|c| c.as_slice() == cert.der())
            {
                self.certificate_choices.push(cert.der().to_vec());
                self.certificates
                    .push(EmbeddedCertificate::new(cert.der().to_vec()));
            }
        }
    }

    /// Adds a digest algorithm to digestAlgorithms if it is not there.
    pub(crate) fn add_digest_algorithm(&mut self, alg: AlgorithmIdentifier) {
        if !self.digest_algorithms.iter().any(|a| a.oid == alg.oid) {
            self.digest_algorithms.push(alg);
        }
    }
}

/// Encodes an AlgorithmIdentifier.
pub(crate) fn encode_algorithm(alg: &AlgorithmIdentifier) -> Vec<u8> {
    asn1::encode_parts(
        tag::SEQUENCE,
        &[
            &asn1::encode_oid(&alg.oid),
            alg.parameters.as_deref().unwrap_or_default(),
        ],
    )
}

/// Reads `EncapsulatedContentInfo` (RFC 5652 §5.2). The content may be a
/// constructed OCTET STRING (BER producers chunk it).
fn parse_encap(r: &mut asn1::Reader<'_>) -> Result<(Oid, Option<Vec<u8>>), EnvelopeError> {
    let encap = r
        .read_tag(tag::SEQUENCE)
        .map_err(malformed("SignedData.encapContentInfo"))?;
    let mut er = encap.reader();
    let content_type =
        asn1::read_oid(&mut er).map_err(malformed("encapContentInfo.eContentType"))?;
    let content = match er
        .read_optional(0xa0)
        .map_err(malformed("encapContentInfo.eContent"))?
    {
        None => None,
        Some(explicit) => {
            let os = asn1::read_single(explicit.value)
                .map_err(malformed("encapContentInfo.eContent"))?;
            match os.tag {
                tag::OCTET_STRING => Some(os.value.to_vec()),
                0x24 => {
                    let mut joined = Vec::new();
                    ber::join_octet_string(os.value, 0, &mut joined)
                        .map_err(malformed("encapContentInfo.eContent"))?;
                    Some(joined)
                }
                found => {
                    return Err(EnvelopeError::Malformed {
                        part: "encapContentInfo.eContent",
                        reason: format!("tag 0x{found:02x} where an OCTET STRING belongs"),
                    });
                }
            }
        }
    };
    er.finish()
        .map_err(malformed("SignedData.encapContentInfo"))?;
    Ok((content_type, content))
}
