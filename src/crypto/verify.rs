//! Signature verification and the crypto seam.
//!
//! [`Verifiers`] is an explicit, caller-owned set of verifiers (no global
//! state): the built-in backend (RSA PKCS#1 v1.5 and PSS, ECDSA P-256/P-384,
//! SM2 with SM3, bign-with-hbelt on bign-curve256v1) plus any [`SignatureVerifier`] a user plugs in — a GOST,
//! KZ GOST, UzDSt or bign backend, or an HSM — which is consulted first.

use std::fmt;
use std::sync::Arc;

use crate::crypto::ec_verify::{self, EcdsaSignatureFormat};
use crate::crypto::{
    AlgorithmIdentifier, HashAlgorithm, KeyAlgorithm, NamedCurve, PublicKeyInfo,
    SignatureAlgorithm, gost_sig, rsa_verify,
};
use crate::error::VerifyError;

/// The GM/T 0009-2012 §10 default SM2 distinguishing identifier.
pub const SM2_DEFAULT_ID: &str = "1234567812345678";

/// Options of a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifyOptions {
    /// Encoding of ECDSA and SM2 signature values (DER by default).
    pub ecdsa_format: EcdsaSignatureFormat,
    /// The SM2 signer's distinguishing identifier (default `1234567812345678`).
    pub sm2_id: String,
    /// Verify SM2 over e = SM3(M), without the Z value GB/T 32918.2 §6.1
    /// requires (e = SM3(Z ‖ M)), as some vendor SDKs sign. `false` by
    /// default; a caller that sets it must report the deviation (the
    /// envelope layer tries it only after the GB/T form failed, and reports
    /// `DEVIATION_SM2_WITHOUT_Z`).
    pub sm2_without_z: bool,
    /// Accept an RSA PKCS#1 v1.5 signature whose DigestInfo leaves out the
    /// NULL hash parameters (RFC 8017 §9.2 Note 1 allows it as an
    /// alternative; Wycheproof: "acceptable"; EU DSS accepts it). Off by
    /// default; when on, a signature accepted that way carries
    /// [`Tolerance::DigestInfoWithoutNull`] in [`Verified::tolerances`].
    pub digest_info_without_null: bool,
}

impl Default for VerifyOptions {
    fn default() -> VerifyOptions {
        VerifyOptions {
            ecdsa_format: EcdsaSignatureFormat::Der,
            sm2_id: SM2_DEFAULT_ID.to_owned(),
            sm2_without_z: false,
            digest_info_without_null: false,
        }
    }
}

impl VerifyOptions {
    /// Sets the ECDSA / SM2 signature encoding.
    pub fn ecdsa_format(mut self, format: EcdsaSignatureFormat) -> VerifyOptions {
        self.ecdsa_format = format;
        self
    }

    /// Sets the SM2 distinguishing identifier.
    pub fn sm2_id(mut self, id: impl Into<String>) -> VerifyOptions {
        self.sm2_id = id.into();
        self
    }

    /// Verifies SM2 without the Z value (see [`VerifyOptions::sm2_without_z`]).
    pub fn sm2_without_z(mut self, yes: bool) -> VerifyOptions {
        self.sm2_without_z = yes;
        self
    }
    /// Accepts (or not) a PKCS#1 v1.5 DigestInfo without the NULL
    /// parameters; see [`VerifyOptions::digest_info_without_null`].
    ///
    /// ```
    /// use sigbridge::crypto::VerifyOptions;
    /// assert!(!VerifyOptions::default().digest_info_without_null);
    /// assert!(VerifyOptions::default().accept_digest_info_without_null(true).digest_info_without_null);
    /// ```
    pub fn accept_digest_info_without_null(mut self, yes: bool) -> VerifyOptions {
        self.digest_info_without_null = yes;
        self
    }
}

/// A departure from the strict encoding that a verification was asked to
/// tolerate (through [`VerifyOptions`]) and did: the signature is
/// mathematically sound, its encoding is not the one the standard requires.
/// The envelope layer reports each as a named deviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Tolerance {
    /// The RSA PKCS#1 v1.5 DigestInfo's hash AlgorithmIdentifier has no
    /// parameters instead of NULL (RFC 8017 §9.2 Note 1).
    DigestInfoWithoutNull,
}

/// What a successful verification established.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// The signature algorithm.
    pub algorithm: SignatureAlgorithm,
    /// The key algorithm, with size / curve.
    pub key: KeyAlgorithm,
    /// The hash the signature covers, when known.
    pub hash: Option<HashAlgorithm>,
    /// The hash is broken for signatures (SHA-1, MD5, RIPEMD-160): verified, but a policy
    /// should refuse it for new signatures.
    pub weak: bool,
    /// Which verifier did the work (`builtin` or a plugged verifier's name).
    pub verifier: String,
    /// What the verification tolerated (empty for a strictly encoded signature).
    pub tolerances: Vec<Tolerance>,
}

/// A verifier for one or more signature algorithms: the crypto seam.
///
/// ```
/// use sigbridge::crypto::{AlgorithmIdentifier, PublicKeyInfo, SignatureVerifier, Verifiers, VerifyOptions};
/// use sigbridge::{SignatureAlgorithm, VerifyError};
///
/// /// A stand-in for a GOST backend (e.g. one wrapping a certified CSP).
/// struct MyGost;
/// impl SignatureVerifier for MyGost {
///     fn name(&self) -> &str { "my-gost" }
///     fn supports(&self, alg: &AlgorithmIdentifier, _key: &PublicKeyInfo) -> bool {
///         matches!(SignatureAlgorithm::from_identifier(alg), SignatureAlgorithm::GostR3410_2012_256)
///     }
///     fn verify(&self, _key: &PublicKeyInfo, _alg: &AlgorithmIdentifier, _msg: &[u8],
///               sig: &[u8], _opts: &VerifyOptions) -> Result<(), VerifyError> {
///         if sig.len() == 64 { Ok(()) } else {
///             Err(VerifyError::BadSignature { algorithm: "GOST R 34.10-2012-256".into() })
///         }
///     }
/// }
/// let verifiers = Verifiers::builtin().with(MyGost);
/// assert_eq!(verifiers.names(), vec!["my-gost", "builtin"]);
/// ```
pub trait SignatureVerifier: Send + Sync {
    /// A short name, reported in [`Verified::verifier`].
    fn name(&self) -> &str;
    /// Whether this verifier handles signatures of `algorithm` under `key`.
    fn supports(&self, algorithm: &AlgorithmIdentifier, key: &PublicKeyInfo) -> bool;
    /// Verifies `signature` over `message`.
    fn verify(
        &self,
        key: &PublicKeyInfo,
        algorithm: &AlgorithmIdentifier,
        message: &[u8],
        signature: &[u8],
        options: &VerifyOptions,
    ) -> Result<(), VerifyError>;
}

/// An ordered set of verifiers: plugged ones first (last added first), the
/// built-in backend last. Cheap to clone.
#[derive(Clone)]
pub struct Verifiers {
    plugged: Vec<Arc<dyn SignatureVerifier>>,
    builtin: bool,
}

impl fmt::Debug for Verifiers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

impl Default for Verifiers {
    fn default() -> Verifiers {
        Verifiers::builtin()
    }
}

impl Verifiers {
    /// The built-in backend only.
    pub fn builtin() -> Verifiers {
        Verifiers {
            plugged: Vec::new(),
            builtin: true,
        }
    }

    /// No verifier at all (every algorithm is unsupported until one is added).
    pub fn none() -> Verifiers {
        Verifiers {
            plugged: Vec::new(),
            builtin: false,
        }
    }

    /// Adds a verifier, consulted before the ones already present.
    pub fn with(mut self, verifier: impl SignatureVerifier + 'static) -> Verifiers {
        self.plugged.insert(0, Arc::new(verifier));
        self
    }

    /// Names of the verifiers, in the order they are consulted.
    pub fn names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.plugged.iter().map(|p| p.name()).collect();
        if self.builtin {
            v.push("builtin");
        }
        v
    }

    /// Verifies `signature` over `message` with the key of a DER
    /// SubjectPublicKeyInfo and a signature AlgorithmIdentifier, default options.
    ///
    /// ```
    /// use sigbridge::crypto::Verifiers;
    /// use sigbridge::load_certificates;
    ///
    /// let chain = load_certificates(&std::fs::read("testdata/pki/eu/chain-qes-natural.pem").unwrap()).unwrap();
    /// let (leaf, ca) = (&chain[0], &chain[1]);
    /// let ok = Verifiers::builtin().verify(
    ///     ca.spki_der(), leaf.signature_algorithm_identifier(), leaf.tbs_der(), leaf.signature_value(),
    /// ).unwrap();
    /// assert!(!ok.weak);
    /// ```
    pub fn verify(
        &self,
        spki_der: &[u8],
        algorithm: &AlgorithmIdentifier,
        message: &[u8],
        signature: &[u8],
    ) -> Result<Verified, VerifyError> {
        let key = PublicKeyInfo::from_der(spki_der)?;
        self.verify_with(
            &key,
            algorithm,
            message,
            signature,
            &VerifyOptions::default(),
        )
    }

    /// Verifies with a parsed key and explicit options.
    pub fn verify_with(
        &self,
        key: &PublicKeyInfo,
        algorithm: &AlgorithmIdentifier,
        message: &[u8],
        signature: &[u8],
        options: &VerifyOptions,
    ) -> Result<Verified, VerifyError> {
        let sig_alg = SignatureAlgorithm::from_identifier(algorithm);
        let done = |verifier: &str, tolerances: Vec<Tolerance>| Verified {
            hash: sig_alg.hash(),
            weak: sig_alg.hash().is_some_and(|h| h.is_weak()),
            algorithm: sig_alg.clone(),
            key: key.algorithm().clone(),
            verifier: verifier.to_owned(),
            tolerances,
        };
        for v in &self.plugged {
            if v.supports(algorithm, key) {
                v.verify(key, algorithm, message, signature, options)?;
                return Ok(done(v.name(), Vec::new()));
            }
        }
        if !self.builtin {
            return Err(VerifyError::UnsupportedAlgorithm {
                oid: algorithm.oid,
                name: sig_alg.name(),
            });
        }
        let tolerances = builtin(key, algorithm, &sig_alg, message, signature, options)?;
        Ok(done("builtin", tolerances))
    }
}

/// Verifies with the built-in backend only; see [`Verifiers::verify`].
pub fn verify_signature(
    spki_der: &[u8],
    algorithm: &AlgorithmIdentifier,
    message: &[u8],
    signature: &[u8],
) -> Result<Verified, VerifyError> {
    Verifiers::builtin().verify(spki_der, algorithm, message, signature)
}

fn builtin(
    key: &PublicKeyInfo,
    algorithm: &AlgorithmIdentifier,
    sig_alg: &SignatureAlgorithm,
    message: &[u8],
    signature: &[u8],
    options: &VerifyOptions,
) -> Result<Vec<Tolerance>, VerifyError> {
    let name = sig_alg.name();
    let mismatch = || VerifyError::KeyMismatch {
        key: key.algorithm().name(),
        signature: name.clone(),
    };
    let params = |reason: &str| VerifyError::BadParameters {
        algorithm: name.clone(),
        reason: reason.to_owned(),
    };
    let key_params = key.algorithm_identifier();
    match sig_alg {
        SignatureAlgorithm::RsaPkcs1 { hash } => {
            // RFC 4055 §5 / RFC 8017 §A.2.4: the parameters MUST be NULL. The
            // SHA-3 OIDs (NIST CSOR sigAlgs 13–16) came after RFC 4055 and
            // are written both ways (NULL by OpenSSL and Bouncy Castle,
            // absent by others; RFC 4055 §5 itself tells verifiers to accept
            // absent), so for them absent is read as NULL.
            let sha3 = matches!(
                hash,
                HashAlgorithm::Sha3_224
                    | HashAlgorithm::Sha3_256
                    | HashAlgorithm::Sha3_384
                    | HashAlgorithm::Sha3_512
            );
            let absent_ok = sha3 && algorithm.parameters.is_none();
            if !(algorithm.has_null_parameters() || absent_ok) {
                return Err(params("PKCS#1 v1.5 parameters must be NULL (RFC 4055 §5)"));
            }
            // RFC 4055 §1.2: an id-RSASSA-PSS key must not make PKCS#1 v1.5 signatures.
            if !matches!(key.algorithm(), KeyAlgorithm::Rsa { .. }) {
                return Err(mismatch());
            }
            // RFC 3279 §2.3.1: rsaEncryption parameters MUST be NULL.
            if !key_params.has_null_parameters() {
                return Err(VerifyError::MalformedKey {
                    reason: "rsaEncryption parameters must be NULL (RFC 3279 §2.3.1)".into(),
                });
            }
            #[cfg(feature = "aws-lc")]
            if super::aws_lc::rsa_pkcs1_ok(key.key_bytes(), *hash, message, signature)
                && rsa_verify::check_public_key(key.key_bytes()).is_ok()
            {
                return Ok(Vec::new());
            }
            let rsa = key.rsa_public_key()?;
            let form = rsa_verify::verify_pkcs1(
                rsa,
                *hash,
                message,
                signature,
                &name,
                options.digest_info_without_null,
            )?;
            Ok(match form {
                rsa_verify::DigestInfoForm::WithNull => Vec::new(),
                rsa_verify::DigestInfoForm::WithoutNull => vec![Tolerance::DigestInfoWithoutNull],
            })
        }
        SignatureAlgorithm::RsaPss { params: sig_params } => {
            let p = sig_params.ok_or_else(|| {
                params("RSASSA-PSS parameters missing or malformed (RFC 4055 §3.1)")
            })?;
            if p.trailer_field != 1 {
                return Err(params("trailerField must be 1 (RFC 4055 §3.1)"));
            }
            match key.algorithm() {
                KeyAlgorithm::Rsa { .. } => {
                    if !key_params.has_null_parameters() {
                        return Err(VerifyError::MalformedKey {
                            reason: "rsaEncryption parameters must be NULL (RFC 3279 §2.3.1)"
                                .into(),
                        });
                    }
                }
                KeyAlgorithm::RsaPss {
                    params: restriction,
                    ..
                } => {
                    // RFC 4055 §3.3: a restricted key fixes hash and MGF, and a
                    // minimum salt length.
                    if let Some(r) = restriction
                        && (r.hash != p.hash
                            || r.mgf1_hash != p.mgf1_hash
                            || p.salt_len < r.salt_len)
                    {
                        return Err(params(
                            "parameters do not meet the key's RSASSA-PSS restriction (RFC 4055 §3.3)",
                        ));
                    }
                }
                _ => return Err(mismatch()),
            }
            let rsa = key.rsa_public_key()?;
            rsa_verify::verify_pss(rsa, &p, message, signature, &name)?;
            Ok(Vec::new())
        }
        SignatureAlgorithm::Ecdsa { hash } | SignatureAlgorithm::EcdsaPlain { hash } => {
            // BSI TR-03111 §5.2.1: the ecdsa-plain-* OIDs carry r ‖ s,
            // whatever the caller's default encoding.
            let format = if matches!(sig_alg, SignatureAlgorithm::EcdsaPlain { .. }) {
                EcdsaSignatureFormat::P1363
            } else {
                options.ecdsa_format
            };
            // RFC 5758 §3.2 / RFC 3279 §2.2.3: the parameters MUST be absent.
            // An explicit NULL (the German CSCA of 2005 in our corpus; OpenSSL
            // accepts it) is read as absent; anything else is refused.
            if algorithm.parameters.is_some() && !algorithm.has_null_parameters() {
                return Err(params("ECDSA parameters must be absent (RFC 5758 §3.2)"));
            }
            let curve = match key.algorithm() {
                KeyAlgorithm::Ec { curve } => *curve,
                KeyAlgorithm::EcExplicit {
                    curve: Some(curve), ..
                } => *curve,
                KeyAlgorithm::EcExplicit { curve: None, .. } => {
                    return Err(VerifyError::UnsupportedAlgorithm {
                        oid: key_params.oid,
                        name: "ECDSA on an unnamed curve".into(),
                    });
                }
                _ => return Err(mismatch()),
            };
            if curve == NamedCurve::Sm2 {
                return Err(mismatch());
            }
            #[cfg(feature = "aws-lc")]
            if super::aws_lc::ecdsa_ok(curve, key.key_bytes(), *hash, format, message, signature) {
                return Ok(Vec::new());
            }
            ec_verify::verify_ecdsa(
                curve,
                key.key_bytes(),
                *hash,
                message,
                signature,
                format,
                &name,
            )?;
            Ok(Vec::new())
        }
        SignatureAlgorithm::Sm2 {
            hash: HashAlgorithm::Sm3,
        } => {
            // GM/T 0006 / GB/T 35275: NULL or absent parameters are both in use.
            if algorithm.parameters.is_some() && !algorithm.has_null_parameters() {
                return Err(params("SM2 parameters must be NULL or absent"));
            }
            if key.algorithm().curve() != Some(NamedCurve::Sm2) {
                return Err(mismatch());
            }
            ec_verify::verify_sm2(
                key.key_bytes(),
                &options.sm2_id,
                options.sm2_without_z,
                message,
                signature,
                options.ecdsa_format,
                &name,
            )?;
            Ok(Vec::new())
        }
        gost if gost_sig::is_gost(gost) => {
            // RFC 4491 §2.2.2 and RFC 9215 §3.1 say the parameters are
            // absent; NULL is what the NCA RK and some Russian CAs write
            // (both in our real corpus), read as absent. Anything else is refused.
            if algorithm.parameters.is_some() && !algorithm.has_null_parameters() {
                return Err(params("GOST signature parameters must be absent or NULL"));
            }
            if !gost_sig::key_matches(gost, key.algorithm()) {
                return Err(mismatch());
            }
            let facts = gost_sig::key_facts(key.algorithm()).ok_or_else(mismatch)??;
            let hash = gost_sig::hash_for(gost, key.algorithm()).ok_or_else(mismatch)?;
            let public = key.gost_public_key()?;
            gost_sig::verify(public, facts.layout, hash, message, signature, &name)?;
            Ok(Vec::new())
        }
        SignatureAlgorithm::Bign {
            hash: HashAlgorithm::BeltHash,
        } => {
            // STB 34.101.45-2013 Annex Д: bign-with-hbelt parameters must be
            // NULL; absent is read as NULL, like ECDSA's and SM2's.
            if algorithm.parameters.is_some() && !algorithm.has_null_parameters() {
                return Err(params(
                    "bign-with-hbelt parameters must be NULL (STB 34.101.45 Annex Д)",
                ));
            }
            let KeyAlgorithm::Bign { curve } = key.algorithm() else {
                return Err(mismatch());
            };
            let curve = curve.as_ref().map(|c| c.to_string()).unwrap_or_default();
            if curve != super::bign::CURVE_256V1 {
                // Only bign-curve256v1 is built in (the `bignp256` crate);
                // the 384- and 512-bit curves are named and refused.
                return Err(VerifyError::UnsupportedAlgorithm {
                    oid: key_params.oid,
                    name: format!("{name} on {}", super::bign::curve_name(&curve)),
                });
            }
            super::bign::verify(key.key_bytes(), message, signature)?;
            Ok(Vec::new())
        }
        other => Err(VerifyError::UnsupportedAlgorithm {
            oid: algorithm.oid,
            name: other.name(),
        }),
    }
}
