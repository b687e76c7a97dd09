//! Loading certificates from the containers CAs publish them in: DER, PEM
//! (one or many blocks, with text around them), bare base64, and certs-only
//! PKCS#7 / `.p7b` bundles (RFC 2315 / RFC 5652 SignedData with no signers),
//! the way the KZ, RU and CN CAs publish their chains.

use base64::Engine as _;

use crate::asn1::{self, Reader, tag};
use crate::cert::{Certificate, Leniency};
use crate::error::CertError;

/// id-signedData (RFC 5652 §5.1).
const ID_SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/// Loads every certificate from DER, PEM (any number of `CERTIFICATE`,
/// `X509 CERTIFICATE`, `TRUSTED CERTIFICATE` or `PKCS7` blocks, other blocks
/// and surrounding text ignored), bare base64 of a DER certificate, or a
/// certs-only PKCS#7 bundle (DER or PEM). Strict DER.
///
/// ```
/// let p7b = std::fs::read("testdata/pki/ru/ca-bundle.p7b").unwrap();
/// let certs = sigbridge::load_certificates(&p7b).unwrap();
/// assert_eq!(certs.len(), 2);
/// ```
pub fn load_certificates(input: &[u8]) -> Result<Vec<Certificate>, CertError> {
    load_certificates_with(input, &Leniency::strict())
}

/// [`load_certificates`] with a [`Leniency`] applied to every certificate.
pub fn load_certificates_with(
    input: &[u8],
    leniency: &Leniency,
) -> Result<Vec<Certificate>, CertError> {
    let certs = if input.first() == Some(&tag::SEQUENCE) {
        from_der_container(input, leniency)?
    } else if memchr(input, b"-----BEGIN") {
        from_pem_blocks(input, leniency)?
    } else {
        from_bare_base64(input, leniency)?
    };
    if certs.is_empty() {
        return Err(CertError::NoCertificate);
    }
    Ok(certs)
}

fn memchr(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A DER input: a certificate or a PKCS#7 ContentInfo.
fn from_der_container(der: &[u8], leniency: &Leniency) -> Result<Vec<Certificate>, CertError> {
    if is_pkcs7(der) {
        return from_pkcs7(der, leniency);
    }
    Ok(vec![Certificate::from_der_with(der, leniency)?])
}

/// Whether `der` starts like `ContentInfo { id-signedData, ... }`. Looks at
/// the first bytes only, so that a truncated bundle is still reported as a
/// bundle.
fn is_pkcs7(der: &[u8]) -> bool {
    let header_len = match der.get(1) {
        Some(l) if *l < 0x80 => 2,
        Some(l) => 2 + usize::from(l & 0x7f),
        None => return false,
    };
    let Some(rest) = der.get(header_len..) else {
        return false;
    };
    rest.first() == Some(&tag::OID)
        && rest.get(1).map(|l| usize::from(*l)) == Some(ID_SIGNED_DATA.len())
        && rest.get(2..2 + ID_SIGNED_DATA.len()) == Some(ID_SIGNED_DATA)
}

/// Extracts the certificates of a certs-only SignedData byte for byte.
///
/// Written against our own reader rather than a CMS crate on purpose: the
/// certificates must come out exactly as encoded (their signatures cover
/// those bytes), and a strict CMS decoder would re-encode or refuse the
/// deviating certificates a [`Leniency`] is meant to admit.
fn from_pkcs7(der: &[u8], leniency: &Leniency) -> Result<Vec<Certificate>, CertError> {
    let err = |e: asn1::Asn1Error| CertError::Pkcs7 {
        reason: e.to_string(),
    };
    let mut top = Reader::new(der);
    let content_info = top.read_tag(tag::SEQUENCE).map_err(err)?;
    if !top.is_empty() {
        return Err(CertError::TrailingData {
            what: "PKCS#7 bundle",
            len: top.remaining().len(),
        });
    }
    let mut r = content_info.reader();
    let _oid = r.read_tag(tag::OID).map_err(err)?;
    let explicit = r.read_tag(0xa0).map_err(err)?;
    r.finish().map_err(err)?;
    let signed_data = asn1::read_single_tag(explicit.value, tag::SEQUENCE).map_err(err)?;
    let mut sd = signed_data.reader();
    let _version = sd.read_tag(tag::INTEGER).map_err(err)?;
    let _digest_algorithms = sd.read_tag(tag::SET).map_err(err)?;
    let _encap = sd.read_tag(tag::SEQUENCE).map_err(err)?;
    let certificates = sd.read_optional(0xa0).map_err(err)?;
    let _crls = sd.read_optional(0xa1).map_err(err)?;
    let _signer_infos = sd.read_tag(tag::SET).map_err(err)?;
    sd.finish().map_err(err)?;
    let mut out = Vec::new();
    if let Some(set) = certificates {
        let mut cr = set.reader();
        while !cr.is_empty() {
            let choice = cr.read().map_err(err)?;
            if choice.tag != tag::SEQUENCE {
                // extendedCertificate [0], v1/v2 attribute certificates [1]/[2],
                // other [3]: not X.509 certificates (RFC 5652 §10.2.2); skip them.
                continue;
            }
            let index = out.len();
            let cert = Certificate::from_der_with(choice.raw, leniency).map_err(|e| {
                CertError::InBundle {
                    index,
                    source: Box::new(e),
                }
            })?;
            out.push(cert);
        }
    }
    Ok(out)
}

/// Labels of PEM blocks that carry certificates (RFC 7468 §5, §9, and
/// OpenSSL's `X509 CERTIFICATE` / `TRUSTED CERTIFICATE`).
const CERT_LABELS: [&str; 3] = ["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"];
const PKCS7_LABELS: [&str; 2] = ["PKCS7", "CMS"];

/// Every certificate in every certificate-bearing PEM block of `input`.
///
/// Blocks are found line by line (an encapsulation boundary must start a
/// line, RFC 7468 §2), so text around and between blocks — including text
/// that merely mentions a boundary — is ignored, and so are blocks with
/// other labels (keys, CRLs, test annotations) even when malformed. A
/// certificate block that does not decode is an error.
pub(crate) fn from_pem_blocks(
    input: &[u8],
    leniency: &Leniency,
) -> Result<Vec<Certificate>, CertError> {
    let text = String::from_utf8_lossy(input);
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(label) = line
            .trim_end()
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        else {
            continue;
        };
        let end = format!("-----END {label}-----");
        let mut block = format!("{}\n", line.trim_end());
        let mut closed = false;
        for body in lines.by_ref() {
            block.push_str(body.trim_end());
            block.push('\n');
            if body.trim_end() == end {
                closed = true;
                break;
            }
        }
        let is_cert = CERT_LABELS.contains(&label);
        let is_pkcs7 = PKCS7_LABELS.contains(&label);
        if !is_cert && !is_pkcs7 {
            continue;
        }
        if !closed {
            return Err(CertError::Pem {
                reason: format!("no '{end}' line after '-----BEGIN {label}-----'"),
            });
        }
        let parsed = pem::parse(block.as_bytes()).map_err(|e| CertError::Pem {
            reason: format!("{label} block: {e}"),
        })?;
        let der = parsed.contents();
        if is_pkcs7 {
            out.extend(from_pkcs7(der, leniency)?);
            continue;
        }
        // OpenSSL's TRUSTED CERTIFICATE appends trust settings after the certificate.
        let der = if label == "TRUSTED CERTIFICATE" {
            Reader::new(der).read().map(|t| t.raw).unwrap_or(der)
        } else {
            der
        };
        let index = out.len();
        let cert = Certificate::from_der_with(der, leniency).map_err(|e| CertError::InBundle {
            index,
            source: Box::new(e),
        })?;
        out.push(cert);
    }
    Ok(out)
}

/// A file holding only base64 of a DER certificate or bundle (common for
/// `.cer` files exported by RU and KZ tools).
fn from_bare_base64(input: &[u8], leniency: &Leniency) -> Result<Vec<Certificate>, CertError> {
    let text: Vec<u8> = input
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if text.is_empty() {
        return Err(CertError::NoCertificate);
    }
    let der = base64::engine::general_purpose::STANDARD
        .decode(&text)
        .map_err(|_| CertError::NoCertificate)?;
    if der.first() != Some(&tag::SEQUENCE) {
        return Err(CertError::NoCertificate);
    }
    from_der_container(&der, leniency)
}
