//! Subject public keys (RFC 5280 §4.1.2.7), parsed strictly for verification.

use crate::asn1::{self, tag};
use crate::cert::deviation::scan_encoding;
use crate::crypto::{AlgorithmIdentifier, KeyAlgorithm};
use crate::error::VerifyError;

/// A `SubjectPublicKeyInfo`: the algorithm as encoded, its classification
/// (size, curve, parameter set) and the key bits.
///
/// ```
/// use sigbridge::crypto::PublicKeyInfo;
/// use sigbridge::{Certificate, KeyAlgorithm, NamedCurve};
///
/// let cert = Certificate::from_pem(&std::fs::read("testdata/pki/uz/person.pem").unwrap()).unwrap();
/// let key = cert.public_key_info().unwrap();
/// assert_eq!(key.algorithm(), &KeyAlgorithm::Ec { curve: NamedCurve::P256 });
/// assert_eq!(key.key_bytes().len(), 65);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PublicKeyInfo {
    der: Vec<u8>,
    identifier: AlgorithmIdentifier,
    algorithm: KeyAlgorithm,
    key: Vec<u8>,
}

impl PublicKeyInfo {
    /// Parses a DER `SubjectPublicKeyInfo`. Strict DER: BER encodings,
    /// trailing bytes and a BIT STRING with unused bits are refused, as
    /// are malformed parameters or key bits of a known algorithm.
    pub fn from_der(der: &[u8]) -> Result<PublicKeyInfo, VerifyError> {
        let bad = |reason: String| VerifyError::MalformedKey { reason };
        let spki = asn1::read_single_tag(der, tag::SEQUENCE).map_err(|e| bad(e.to_string()))?;
        let mut deviations = Vec::new();
        scan_encoding(&spki, &mut deviations, 0).map_err(|e| bad(e.to_string()))?;
        if let Some(d) = deviations.first() {
            // A key has exactly one encoding (X.690 §10); the certificate
            // leniencies do not apply here.
            return Err(bad(d.to_string()));
        }
        let mut r = spki.reader();
        let alg = r.read_tag(tag::SEQUENCE).map_err(|e| bad(e.to_string()))?;
        let bits = r
            .read_tag(tag::BIT_STRING)
            .map_err(|e| bad(e.to_string()))?;
        r.finish().map_err(|e| bad(e.to_string()))?;
        let identifier = AlgorithmIdentifier::from_der(alg.raw).map_err(|e| bad(e.to_string()))?;
        let key = match bits.value.split_first() {
            Some((0, key)) => key,
            _ => return Err(bad("subjectPublicKey BIT STRING with unused bits".into())),
        };
        let algorithm = KeyAlgorithm::from_spki(&identifier, key)
            .map_err(|e| bad(format!("{}: {e}", identifier.oid)))?;
        Ok(PublicKeyInfo {
            der: der.to_vec(),
            identifier,
            algorithm,
            key: key.to_vec(),
        })
    }

    /// The key algorithm, classified.
    pub fn algorithm(&self) -> &KeyAlgorithm {
        &self.algorithm
    }

    /// The algorithm identifier as encoded.
    pub fn algorithm_identifier(&self) -> &AlgorithmIdentifier {
        &self.identifier
    }

    /// The `subjectPublicKey` bits (for EC keys the SEC1 point, for RSA the
    /// DER `RSAPublicKey`).
    pub fn key_bytes(&self) -> &[u8] {
        &self.key
    }

    /// The DER of the whole `SubjectPublicKeyInfo`.
    pub fn der(&self) -> &[u8] {
        &self.der
    }
}
