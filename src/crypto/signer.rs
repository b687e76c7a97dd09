//! Signing: the [`Signer`] trait (so HSMs and remote signers plug in) and
//! software keys from PKCS#8 (RFC 5958), plain or encrypted (PBES2, RFC 8018).
//!
//! RSA private-key operations go through the `rsa` crate (pinned
//! `=0.10.0-rc.20`): constant-time big-integer arithmetic (`crypto-bigint`)
//! and base blinding on every signature, with randomness from the operating
//! system (`getrandom`). ECDSA and SM2 nonces are derived deterministically
//! (RFC 6979 style) by the RustCrypto curve crates.

use std::fmt;

use ::rsa::pkcs8::DecodePrivateKey;
use ::rsa::traits::PublicKeyParts;
use p256::ecdsa::signature::{RandomizedSigner, SignatureEncoding, Signer as _};
use pkcs8::der::Decode;

use crate::asn1::{self, tag};
use crate::cert::Certificate;
use crate::crypto::verify::SM2_DEFAULT_ID;
use crate::crypto::{
    AlgorithmIdentifier, HashAlgorithm, KeyAlgorithm, NamedCurve, SignatureAlgorithm, gost_sig,
};
use crate::error::SignError;
use crate::{Oid, Time};

/// Something that can make signatures for a certificate: a software key
/// ([`SoftwareSigner`]), an HSM, a remote signing service.
pub trait Signer: Send + Sync {
    /// The signature `AlgorithmIdentifier` this signer produces.
    fn algorithm(&self) -> AlgorithmIdentifier;
    /// The signer's certificate.
    fn certificate(&self) -> &Certificate;
    /// Intermediate certificates to ship along (signer's issuer first); may be empty.
    fn chain(&self) -> &[Certificate];
    /// Signs `message` (the signer hashes it as its algorithm requires).
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignError>;
}

/// The signature schemes a [`SoftwareSigner`] can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SigningScheme {
    /// RSA PKCS#1 v1.5 with the given hash (SHA-256/384/512).
    RsaPkcs1(HashAlgorithm),
    /// RSASSA-PSS with the given hash for message and MGF1, salt = hash length (RFC 4055 §3.1).
    RsaPss(HashAlgorithm),
    /// ECDSA with the given hash.
    Ecdsa(HashAlgorithm),
    /// SM2 with SM3 and the default distinguishing ID.
    Sm2Sm3,
    /// GOST R 34.10-2012 with a 256-bit key and GOST R 34.11-2012-256
    /// (Streebog-256), RFC 9215 encodings.
    GostR3410_2012_256,
    /// GOST R 34.10-2012 with a 512-bit key and GOST R 34.11-2012-512
    /// (Streebog-512), RFC 9215 encodings.
    GostR3410_2012_512,
    /// Kazakhstan GOST 34.310-2004 with GOST 34.311-95 (NCA RK encodings).
    KzGost34310_2004,
    /// Kazakhstan GOST R 34.10-2015 with GOST 34.11-2015 of the same size
    /// (NCA RK encodings).
    KzGost3410_2015 {
        /// Key size in bits: 256 or 512.
        bits: usize,
    },
    /// Belarusian bign-with-hbelt (STB 34.101.45) on bign-curve256v1.
    Bign,
}

enum Key {
    Rsa(Box<::rsa::RsaPrivateKey>),
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    Sm2(Box<sm2::dsa::SigningKey>),
    Gost(Box<GostKey>),
    Bign(Box<super::bign::BignSigningKey>),
}

/// A GOST-family private key with what its certificate says about it.
struct GostKey {
    secret: super::gost::GostSecretKey,
    layout: gost_sig::Layout,
    /// The certificate's key algorithm (curve and digest parameter sets).
    algorithm: KeyAlgorithm,
}

/// A private key held in memory, bound to its certificate.
///
/// ```
/// use sigbridge::crypto::{SigningScheme, SoftwareSigner, Signer, Verifiers};
/// use sigbridge::Certificate;
///
/// let cert = Certificate::from_pem(&std::fs::read("testdata/pki/eu/qseal-legal.pem").unwrap()).unwrap();
/// let key = std::fs::read("testdata/pki/eu/qseal-legal.key").unwrap();
/// let signer = SoftwareSigner::from_pkcs8_pem(&key, cert.clone()).unwrap();
/// assert_eq!(signer.scheme(), SigningScheme::Ecdsa(sigbridge::HashAlgorithm::Sha384));
/// let sig = signer.sign(b"invoice 380").unwrap();
/// Verifiers::builtin().verify(cert.spki_der(), &signer.algorithm(), b"invoice 380", &sig).unwrap();
/// ```
pub struct SoftwareSigner {
    key: Key,
    scheme: SigningScheme,
    certificate: Certificate,
    chain: Vec<Certificate>,
}

impl fmt::Debug for SoftwareSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print key material.
        f.debug_struct("SoftwareSigner")
            .field("scheme", &self.scheme)
            .field("certificate", &self.certificate)
            .finish_non_exhaustive()
    }
}

const ID_EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
const SM2_CURVE: Oid = Oid::new_unwrap("1.2.156.10197.1.301");
/// bign-pubkey (STB 34.101.45 Annex Д).
const BIGN_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.112.0.2.0.34.101.45.2.1");

/// The curve OID in a PKCS#8 key's algorithm parameters, when they are one.
fn curve_oid(info: &pkcs8::PrivateKeyInfoRef<'_>) -> Option<Oid> {
    info.algorithm
        .parameters_oid()
        .ok()
        .and_then(|o| Oid::from_bytes(o.as_bytes()).ok())
}

impl SoftwareSigner {
    /// From an unencrypted PKCS#8 `PRIVATE KEY` (PEM) and its certificate.
    pub fn from_pkcs8_pem(
        pem: &[u8],
        certificate: Certificate,
    ) -> Result<SoftwareSigner, SignError> {
        let der = pem_block(pem, "PRIVATE KEY")?;
        SoftwareSigner::from_pkcs8_der(&der, certificate)
    }

    /// From an encrypted PKCS#8 `ENCRYPTED PRIVATE KEY` (PEM), its password and certificate.
    pub fn from_encrypted_pkcs8_pem(
        pem: &[u8],
        password: &[u8],
        certificate: Certificate,
    ) -> Result<SoftwareSigner, SignError> {
        let der = pem_block(pem, "ENCRYPTED PRIVATE KEY")?;
        SoftwareSigner::from_encrypted_pkcs8_der(&der, password, certificate)
    }

    /// From an encrypted PKCS#8 DER `EncryptedPrivateKeyInfo` (PBES2: PBKDF2
    /// or scrypt with AES-CBC), its password and certificate.
    pub fn from_encrypted_pkcs8_der(
        der: &[u8],
        password: &[u8],
        certificate: Certificate,
    ) -> Result<SoftwareSigner, SignError> {
        let info =
            pkcs8::EncryptedPrivateKeyInfoRef::from_der(der).map_err(|e| SignError::Pkcs8 {
                reason: e.to_string(),
            })?;
        let plain = info.decrypt(password).map_err(|_| SignError::Decryption)?;
        SoftwareSigner::from_pkcs8_der(plain.as_bytes(), certificate)
    }

    /// From an unencrypted PKCS#8 DER `PrivateKeyInfo` and its certificate.
    /// The scheme defaults to what the key and certificate suggest: PKCS#1
    /// v1.5 with SHA-256 for RSA (PSS with SHA-256 for an id-RSASSA-PSS
    /// certificate key), ECDSA with SHA-256 on P-256 and SHA-384 on P-384,
    /// SM2 with SM3. A key that does not match the certificate is refused.
    pub fn from_pkcs8_der(
        der: &[u8],
        certificate: Certificate,
    ) -> Result<SoftwareSigner, SignError> {
        let bad = |reason: String| SignError::Pkcs8 { reason };
        let info = pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|e| bad(e.to_string()))?;
        let alg_oid =
            Oid::from_bytes(info.algorithm.oid.as_bytes()).map_err(|e| bad(e.to_string()))?;
        let curve = curve_oid(&info).map(|o| NamedCurve::from_oid(&o));
        let (key, scheme) = if alg_oid == RSA_ENCRYPTION {
            let k = ::rsa::RsaPrivateKey::from_pkcs8_der(der).map_err(|e| bad(e.to_string()))?;
            let scheme = match certificate.key_algorithm() {
                KeyAlgorithm::RsaPss { .. } => SigningScheme::RsaPss(HashAlgorithm::Sha256),
                _ => SigningScheme::RsaPkcs1(HashAlgorithm::Sha256),
            };
            (Key::Rsa(Box::new(k)), scheme)
        } else if alg_oid == ID_EC_PUBLIC_KEY || alg_oid == SM2_CURVE {
            match curve {
                Some(NamedCurve::P256) => (
                    Key::P256(
                        p256::ecdsa::SigningKey::from_pkcs8_der(der)
                            .map_err(|e| bad(e.to_string()))?,
                    ),
                    SigningScheme::Ecdsa(HashAlgorithm::Sha256),
                ),
                Some(NamedCurve::P384) => (
                    Key::P384(
                        p384::ecdsa::SigningKey::from_pkcs8_der(der)
                            .map_err(|e| bad(e.to_string()))?,
                    ),
                    SigningScheme::Ecdsa(HashAlgorithm::Sha384),
                ),
                Some(NamedCurve::Sm2) => {
                    let secret =
                        sm2::SecretKey::from_pkcs8_der(der).map_err(|e| bad(e.to_string()))?;
                    let key = sm2::dsa::SigningKey::new(SM2_DEFAULT_ID, &secret)
                        .map_err(|e| bad(e.to_string()))?;
                    (Key::Sm2(Box::new(key)), SigningScheme::Sm2Sm3)
                }
                other => {
                    return Err(SignError::UnsupportedKey {
                        algorithm: other.map_or("EC key without a named curve".to_owned(), |c| {
                            format!("EC {c}")
                        }),
                    });
                }
            }
        } else if alg_oid == BIGN_PUBLIC_KEY {
            // STB 34.101.45 §7.2 / Annex Д: privateKey is the 32 octets of d
            // (little-endian), the parameters name the curve.
            if curve_oid(&info) != Some(Oid::new_unwrap(super::bign::CURVE_256V1)) {
                return Err(SignError::UnsupportedKey {
                    algorithm: "bign on a curve other than bign-curve256v1".to_owned(),
                });
            }
            let key = super::bign::BignSigningKey::from_bytes(info.private_key.as_bytes())?;
            (Key::Bign(Box::new(key)), SigningScheme::Bign)
        } else if let Some(scheme) = gost_scheme(&alg_oid) {
            let secret = gost_private_scalar(info.private_key.as_bytes()).map_err(bad)?;
            (gost_key(&secret, scheme, &certificate)?, scheme)
        } else {
            return Err(SignError::UnsupportedKey {
                algorithm: format!("private key algorithm {alg_oid}"),
            });
        };
        let signer = SoftwareSigner {
            key,
            scheme,
            certificate,
            chain: Vec::new(),
        };
        signer.check_matches_certificate()?;
        Ok(signer)
    }

    /// From a PKCS#12 key store (`.p12` / `.pfx`, RFC 7292) and its password,
    /// as national CAs hand them to their subscribers: the NCA RK's legacy
    /// stores (3DES key bag, RC2-40 certificate bag, SHA-1 MAC) as well as
    /// OpenSSL 3's PBES2/AES ones. The key is paired with its certificate by
    /// `localKeyId` (RFC 7292 §4.2, PKCS#9), or else by public key; the
    /// store's other certificates become the chain to ship.
    ///
    /// ```
    /// use sigbridge::crypto::{Signer, SigningScheme, SoftwareSigner};
    ///
    /// let p12 = std::fs::read("testdata/national/kz-nca-test/head.p12").unwrap();
    /// let signer = SoftwareSigner::from_pkcs12(&p12, "Qwerty12").unwrap();
    /// assert_eq!(signer.scheme(), SigningScheme::KzGost3410_2015 { bits: 512 });
    /// assert!(signer.certificate().subject().to_string().contains("IIN123456789011"));
    /// assert!(matches!(
    ///     SoftwareSigner::from_pkcs12(&p12, "qwerty12"),
    ///     Err(sigbridge::SignError::KeyStore(sigbridge::keystore::KeyStoreError::WrongPassword))
    /// ));
    /// ```
    ///
    /// # Errors
    /// [`SignError::KeyStore`] for a wrong password or a damaged store, or
    /// one without a key or without that key's certificate; the
    /// [`SoftwareSigner::from_pkcs8_der`] errors for the key itself.
    pub fn from_pkcs12(der: &[u8], password: &str) -> Result<SoftwareSigner, SignError> {
        use crate::keystore::{KeyStoreError, Pkcs12};
        let store = Pkcs12::from_der(der, password)?;
        let missing = |reason: &str| {
            SignError::KeyStore(KeyStoreError::Malformed {
                what: "key store",
                reason: reason.to_owned(),
            })
        };
        let key = match store.keys() {
            [key] => key,
            [] => return Err(missing("it holds no private key")),
            _ => {
                return Err(missing(
                    "it holds several private keys; open it with keystore::Pkcs12 and choose one",
                ));
            }
        };
        let parse = |der: &[u8]| {
            Certificate::from_der(der).map_err(|e| SignError::Pkcs8 {
                reason: format!("a certificate in the key store: {e}"),
            })
        };
        // By localKeyId, else the first certificate the key matches.
        let (signer, leaf) = match store.certificate_for(key) {
            Some(entry) => (
                SoftwareSigner::from_pkcs8_der(key.private_key_info(), parse(entry.der())?)?,
                entry.der(),
            ),
            None => store
                .certificates()
                .iter()
                .find_map(|entry| {
                    let cert = parse(entry.der()).ok()?;
                    SoftwareSigner::from_pkcs8_der(key.private_key_info(), cert)
                        .ok()
                        .map(|s| (s, entry.der()))
                })
                .ok_or_else(|| missing("no certificate in it belongs to its private key"))?,
        };
        let chain = store
            .certificates()
            .iter()
            .filter(|c| c.der() != leaf)
            .filter_map(|c| Certificate::from_der(c.der()).ok())
            .collect();
        Ok(signer.with_chain(chain))
    }

    /// Adds the intermediates to ship with signatures (the signer's issuer
    /// first). They are shipped in every envelope this signer signs, since
    /// [`SignatureOptions`](crate::envelope::SignatureOptions) ships the
    /// signer's chain by default; a caller who wants the certificate alone
    /// says so with `SignatureOptions::include_chain(false)`.
    pub fn with_chain(mut self, chain: Vec<Certificate>) -> SoftwareSigner {
        self.chain = chain;
        self
    }

    /// Chooses the scheme; refused when the key cannot make it (e.g. ECDSA
    /// with an RSA key, PKCS#1 v1.5 with a PSS-restricted certificate key).
    pub fn with_scheme(mut self, scheme: SigningScheme) -> Result<SoftwareSigner, SignError> {
        let hash_ok = |h: HashAlgorithm| {
            matches!(
                h,
                HashAlgorithm::Sha256 | HashAlgorithm::Sha384 | HashAlgorithm::Sha512
            )
        };
        let ok = match (&self.key, scheme) {
            (Key::Rsa(_), SigningScheme::RsaPkcs1(h)) => {
                hash_ok(h)
                    && !matches!(
                        self.certificate.key_algorithm(),
                        KeyAlgorithm::RsaPss { .. }
                    )
            }
            (Key::Rsa(_), SigningScheme::RsaPss(h)) => hash_ok(h),
            (Key::P256(_) | Key::P384(_), SigningScheme::Ecdsa(h)) => hash_ok(h),
            (Key::Sm2(_), SigningScheme::Sm2Sm3) => true,
            // A GOST key makes the one scheme its certificate names.
            (Key::Gost(_), s) => s == self.scheme,
            (Key::Bign(_), SigningScheme::Bign) => true,
            _ => false,
        };
        if !ok {
            return Err(SignError::UnsupportedKey {
                algorithm: format!("{scheme:?} with a {} key", self.certificate.key_algorithm()),
            });
        }
        self.scheme = scheme;
        Ok(self)
    }

    /// The scheme in use.
    pub fn scheme(&self) -> SigningScheme {
        self.scheme
    }

    /// Whether the certificate is within its validity period at `at`
    /// (signing with an expired certificate is allowed but rarely wanted).
    pub fn certificate_valid_at(&self, at: Time) -> bool {
        self.certificate.is_valid_at(at)
    }

    fn check_matches_certificate(&self) -> Result<(), SignError> {
        let cert_key = self.certificate.public_key_bytes().to_vec();
        let mismatch = || SignError::KeyMismatch {
            subject: self.certificate.subject().to_string(),
        };
        match &self.key {
            Key::Rsa(k) => {
                let (n, e) = rsa_public(&cert_key).ok_or_else(mismatch)?;
                let kn = k.n().to_be_bytes_trimmed_vartime();
                let ke = k.e().to_be_bytes_trimmed_vartime();
                if asn1::unsigned_magnitude(&kn) != n || asn1::unsigned_magnitude(&ke) != e {
                    return Err(mismatch());
                }
            }
            Key::P256(k) => {
                let cert_point = p256::ecdsa::VerifyingKey::from_sec1_bytes(&cert_key)
                    .map_err(|_| mismatch())?;
                if k.verifying_key() != &cert_point {
                    return Err(mismatch());
                }
            }
            Key::P384(k) => {
                let cert_point = p384::ecdsa::VerifyingKey::from_sec1_bytes(&cert_key)
                    .map_err(|_| mismatch())?;
                if k.verifying_key() != &cert_point {
                    return Err(mismatch());
                }
            }
            Key::Sm2(k) => {
                let cert_point =
                    sm2::PublicKey::from_sec1_bytes(&cert_key).map_err(|_| mismatch())?;
                if k.verifying_key().as_affine() != cert_point.as_affine() {
                    return Err(mismatch());
                }
            }
            Key::Bign(k) => {
                if k.public_key_bytes() != cert_key {
                    return Err(mismatch());
                }
            }
            Key::Gost(k) => {
                let cert_point = gost_sig::public_key(self.certificate.key_algorithm(), &cert_key)
                    .map_err(|_| mismatch())?;
                let own = k.secret.public_key();
                if own.x_be() != cert_point.x_be() || own.y_be() != cert_point.y_be() {
                    return Err(mismatch());
                }
            }
        }
        Ok(())
    }
}

impl Signer for SoftwareSigner {
    fn algorithm(&self) -> AlgorithmIdentifier {
        match self.scheme {
            SigningScheme::RsaPkcs1(h) => AlgorithmIdentifier {
                oid: match h {
                    HashAlgorithm::Sha384 => Oid::new_unwrap("1.2.840.113549.1.1.12"),
                    HashAlgorithm::Sha512 => Oid::new_unwrap("1.2.840.113549.1.1.13"),
                    _ => Oid::new_unwrap("1.2.840.113549.1.1.11"),
                },
                // RFC 4055 §5: NULL parameters.
                parameters: Some(vec![0x05, 0x00]),
            },
            SigningScheme::RsaPss(h) => AlgorithmIdentifier {
                oid: Oid::new_unwrap("1.2.840.113549.1.1.10"),
                parameters: Some(pss_params_der(h)),
            },
            SigningScheme::Ecdsa(h) => AlgorithmIdentifier {
                oid: match h {
                    HashAlgorithm::Sha384 => Oid::new_unwrap("1.2.840.10045.4.3.3"),
                    HashAlgorithm::Sha512 => Oid::new_unwrap("1.2.840.10045.4.3.4"),
                    _ => Oid::new_unwrap("1.2.840.10045.4.3.2"),
                },
                // RFC 5758 §3.2: absent.
                parameters: None,
            },
            SigningScheme::Sm2Sm3 => AlgorithmIdentifier {
                oid: Oid::new_unwrap("1.2.156.10197.1.501"),
                parameters: None,
            },
            // RFC 9215 §3.1: the parameters are absent.
            SigningScheme::GostR3410_2012_256 => AlgorithmIdentifier {
                oid: Oid::new_unwrap("1.2.643.7.1.1.3.2"),
                parameters: None,
            },
            SigningScheme::GostR3410_2012_512 => AlgorithmIdentifier {
                oid: Oid::new_unwrap("1.2.643.7.1.1.3.3"),
                parameters: None,
            },
            // NULL, as the NCA RK writes its own certificates and CMS.
            SigningScheme::KzGost34310_2004 => AlgorithmIdentifier {
                oid: Oid::new_unwrap("1.2.398.3.10.1.1.1.2"),
                parameters: Some(vec![0x05, 0x00]),
            },
            // STB 34.101.45 Annex Д: bign-with-hbelt parameters are NULL.
            SigningScheme::Bign => AlgorithmIdentifier {
                oid: Oid::new_unwrap("1.2.112.0.2.0.34.101.45.12"),
                parameters: Some(vec![0x05, 0x00]),
            },
            SigningScheme::KzGost3410_2015 { bits } => AlgorithmIdentifier {
                oid: if bits == 256 {
                    Oid::new_unwrap("1.2.398.3.10.1.1.2.3.1")
                } else {
                    Oid::new_unwrap("1.2.398.3.10.1.1.2.3.2")
                },
                parameters: Some(vec![0x05, 0x00]),
            },
        }
    }

    fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        let failed = |e: p256::ecdsa::signature::Error| SignError::Backend {
            reason: e.to_string(),
        };
        let mut rng = getrandom::SysRng;
        match (&self.key, self.scheme) {
            (Key::Rsa(k), SigningScheme::RsaPkcs1(h)) => {
                let k = (**k).clone();
                let sig = match h {
                    HashAlgorithm::Sha384 => ::rsa::pkcs1v15::SigningKey::<sha2::Sha384>::new(k)
                        .try_sign_with_rng(&mut rng, message)
                        .map(|s| s.to_vec()),
                    HashAlgorithm::Sha512 => ::rsa::pkcs1v15::SigningKey::<sha2::Sha512>::new(k)
                        .try_sign_with_rng(&mut rng, message)
                        .map(|s| s.to_vec()),
                    _ => ::rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(k)
                        .try_sign_with_rng(&mut rng, message)
                        .map(|s| s.to_vec()),
                };
                sig.map_err(failed)
            }
            (Key::Rsa(k), SigningScheme::RsaPss(h)) => {
                let k = (**k).clone();
                let sig = match h {
                    HashAlgorithm::Sha384 => ::rsa::pss::SigningKey::<sha2::Sha384>::new(k)
                        .try_sign_with_rng(&mut rng, message)
                        .map(|s| s.to_vec()),
                    HashAlgorithm::Sha512 => ::rsa::pss::SigningKey::<sha2::Sha512>::new(k)
                        .try_sign_with_rng(&mut rng, message)
                        .map(|s| s.to_vec()),
                    _ => ::rsa::pss::SigningKey::<sha2::Sha256>::new(k)
                        .try_sign_with_rng(&mut rng, message)
                        .map(|s| s.to_vec()),
                };
                sig.map_err(failed)
            }
            (Key::P256(k), SigningScheme::Ecdsa(h)) => {
                let digest = h.digest(message).ok_or(SignError::UnsupportedKey {
                    algorithm: format!("ECDSA with {h}"),
                })?;
                let sig: p256::ecdsa::Signature =
                    p256::ecdsa::signature::hazmat::PrehashSigner::sign_prehash(k, &digest)
                        .map_err(failed)?;
                Ok(sig.to_der().to_vec())
            }
            (Key::P384(k), SigningScheme::Ecdsa(h)) => {
                let digest = h.digest(message).ok_or(SignError::UnsupportedKey {
                    algorithm: format!("ECDSA with {h}"),
                })?;
                let sig: p384::ecdsa::Signature =
                    p256::ecdsa::signature::hazmat::PrehashSigner::sign_prehash(k, &digest)
                        .map_err(failed)?;
                Ok(sig.to_der().to_vec())
            }
            (Key::Sm2(k), SigningScheme::Sm2Sm3) => {
                let sig: sm2::dsa::Signature = k.try_sign(message).map_err(failed)?;
                Ok(sig.to_der().to_vec())
            }
            (Key::Bign(k), SigningScheme::Bign) => k.sign(message),
            (Key::Gost(k), scheme) => {
                let alg = SignatureAlgorithm::from_identifier(&self.algorithm());
                let hash = gost_sig::hash_for(&alg, &k.algorithm).ok_or_else(|| {
                    SignError::UnsupportedKey {
                        algorithm: format!("{scheme:?}"),
                    }
                })?;
                let digest = hash
                    .digest(message)
                    .ok_or_else(|| SignError::UnsupportedKey {
                        algorithm: format!("{scheme:?} with {hash}"),
                    })?;
                // RFC 7091 §6.1 with the digest read little-endian (RFC 4491 §2.2.2).
                let (r, s) = k
                    .secret
                    .sign_prehash(&gost_sig::digest_integer(&digest))
                    .map_err(|e| SignError::Backend {
                        reason: e.to_string(),
                    })?;
                Ok(gost_sig::join_signature(k.layout, r.as_ref(), s.as_ref()))
            }
            _ => Err(SignError::UnsupportedKey {
                algorithm: format!("{:?}", self.scheme),
            }),
        }
    }
}

/// The GOST scheme a PKCS#8 key algorithm OID signs with (the key OIDs of
/// RFC 9215 §4 and the NCA RK). GOST R 34.10-2001 is verified but not used
/// to sign: Russia withdrew it for new signatures from 1 January 2019
/// (GOST R 34.10-2012 transition, FSB notice 149/7/1/3-58 of 31.01.2014).
fn gost_scheme(oid: &Oid) -> Option<SigningScheme> {
    Some(match oid.dotted().as_str() {
        "1.2.643.7.1.1.1.1" => SigningScheme::GostR3410_2012_256,
        "1.2.643.7.1.1.1.2" => SigningScheme::GostR3410_2012_512,
        "1.2.398.3.10.1.1.1.1" => SigningScheme::KzGost34310_2004,
        "1.2.398.3.10.1.1.2.1" => SigningScheme::KzGost3410_2015 { bits: 256 },
        "1.2.398.3.10.1.1.2.2" => SigningScheme::KzGost3410_2015 { bits: 512 },
        _ => return None,
    })
}

/// The private scalar of a GOST PKCS#8 key, big-endian. `privateKey`
/// holds, depending on the producer: the bare little-endian octets, 32 or
/// 64 of them (what the OpenSSL gost engine 3.0 writes: see
/// `testdata/pki/ru-gost`), an OCTET STRING of them, or an INTEGER (older
/// engine versions).
/// The bare form is tried first: its first octets could read as a TLV by chance.
fn gost_private_scalar(private_key: &[u8]) -> Result<Vec<u8>, String> {
    if matches!(private_key.len(), 32 | 64) {
        return Ok(private_key.iter().rev().copied().collect());
    }
    match asn1::read_single(private_key) {
        Ok(t) if t.tag == tag::OCTET_STRING => Ok(t.value.iter().rev().copied().collect()),
        Ok(t) if t.tag == tag::INTEGER => {
            if t.value.first().is_some_and(|b| b & 0x80 != 0) {
                return Err("negative GOST private key".to_owned());
            }
            Ok(asn1::unsigned_magnitude(t.value).to_vec())
        }
        _ => Err(format!(
            "a GOST private key of {} octets is neither 32 or 64 raw octets, an OCTET STRING nor an INTEGER",
            private_key.len()
        )),
    }
}

/// A GOST signing key for `certificate`, whose key algorithm must be the
/// family `scheme` names; the curve comes from the certificate.
fn gost_key(
    secret: &[u8],
    scheme: SigningScheme,
    certificate: &Certificate,
) -> Result<Key, SignError> {
    let algorithm = certificate.key_algorithm().clone();
    // The certificate's key OID names the same scheme as the PKCS#8 one.
    let cert_scheme = certificate
        .public_key_info()
        .ok()
        .and_then(|k| gost_scheme(&k.algorithm_identifier().oid));
    if cert_scheme != Some(scheme) {
        return Err(SignError::KeyMismatch {
            subject: certificate.subject().to_string(),
        });
    }
    let facts = gost_sig::key_facts(&algorithm)
        .ok_or_else(|| SignError::KeyMismatch {
            subject: certificate.subject().to_string(),
        })?
        .map_err(|e| SignError::UnsupportedKey {
            algorithm: e.to_string(),
        })?;
    let secret = super::gost::GostSecretKey::from_be_bytes(facts.curve, secret).map_err(|e| {
        SignError::Pkcs8 {
            reason: e.to_string(),
        }
    })?;
    Ok(Key::Gost(Box::new(GostKey {
        secret,
        layout: facts.layout,
        algorithm,
    })))
}

/// RSASSA-PSS-params with the same hash for message and MGF1 and salt = hash length.
fn pss_params_der(h: HashAlgorithm) -> Vec<u8> {
    let hash_alg = {
        let mut v = Vec::new();
        let o = h.oid();
        v.push(tag::OID);
        v.push(u8::try_from(o.as_bytes().len()).unwrap_or(0));
        v.extend_from_slice(o.as_bytes());
        v.extend_from_slice(&[tag::NULL, 0x00]);
        wrap(tag::SEQUENCE, &v)
    };
    let mgf = {
        let mut v = vec![
            tag::OID,
            0x09,
            0x2a,
            0x86,
            0x48,
            0x86,
            0xf7,
            0x0d,
            0x01,
            0x01,
            0x08,
        ];
        v.extend_from_slice(&hash_alg);
        wrap(tag::SEQUENCE, &v)
    };
    let salt = u8::try_from(h.output_len()).unwrap_or(32);
    let mut body = wrap(0xa0, &hash_alg);
    body.extend(wrap(0xa1, &mgf));
    body.extend(wrap(0xa2, &[tag::INTEGER, 0x01, salt]));
    wrap(tag::SEQUENCE, &body)
}

/// A short-form DER TLV (all the PSS parameter parts are < 128 octets).
fn wrap(t: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![t, u8::try_from(body.len()).unwrap_or(0)];
    v.extend_from_slice(body);
    v
}

fn rsa_public(key: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let seq = asn1::read_single_tag(key, tag::SEQUENCE).ok()?;
    let mut r = seq.reader();
    let n = r.read_tag(tag::INTEGER).ok()?;
    let e = r.read_tag(tag::INTEGER).ok()?;
    Some((
        asn1::unsigned_magnitude(n.value).to_vec(),
        asn1::unsigned_magnitude(e.value).to_vec(),
    ))
}

fn pem_block(pem: &[u8], label: &str) -> Result<Vec<u8>, SignError> {
    let blocks = pem::parse_many(pem).map_err(|e| SignError::Pkcs8 {
        reason: e.to_string(),
    })?;
    blocks
        .into_iter()
        .find(|b| b.tag() == label)
        .map(|b| b.contents().to_vec())
        .ok_or_else(|| SignError::Pkcs8 {
            reason: format!("no '{label}' PEM block"),
        })
}
