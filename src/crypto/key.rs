//! Subject public keys (RFC 5280 §4.1.2.7), parsed strictly for verification.

use std::sync::{Arc, OnceLock};

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
    prepared: Prepared,
}

/// The key ready for arithmetic, made on first use and shared by the clones
/// of this key — e.g. a signer certificate seen in many documents: for RSA
/// its Montgomery parameters (about a tenth of a verification to compute),
/// for GOST the point checked on the curve and in the subgroup (a scalar
/// multiplication on the cofactor-4 curves). Derived from `key` alone, so it
/// takes no part in equality or hashing.
#[derive(Clone, Default)]
struct Prepared(Arc<PreparedKeys>);

#[derive(Default)]
struct PreparedKeys {
    rsa: OnceLock<Result<::rsa::RsaPublicKey, VerifyError>>,
    gost: OnceLock<Result<super::gost::GostPublicKey, VerifyError>>,
}

impl PartialEq for Prepared {
    fn eq(&self, _: &Prepared) -> bool {
        true
    }
}

impl Eq for Prepared {}

impl std::hash::Hash for Prepared {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("..")
    }
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
            prepared: Prepared::default(),
        })
    }

    /// The RSA public key for arithmetic, built once per key (RFC 8017 §A.1.1 checks included).
    pub(crate) fn rsa_public_key(&self) -> Result<&::rsa::RsaPublicKey, VerifyError> {
        self.prepared
            .0
            .rsa
            .get_or_init(|| super::rsa_verify::public_key(&self.key))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The GOST public key for arithmetic (RFC 4491 §2.3.2 decoding, curve
    /// and subgroup checks), built once per key.
    pub(crate) fn gost_public_key(&self) -> Result<&super::gost::GostPublicKey, VerifyError> {
        self.prepared
            .0
            .gost
            .get_or_init(|| super::gost_sig::public_key(&self.algorithm, &self.key))
            .as_ref()
            .map_err(Clone::clone)
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
