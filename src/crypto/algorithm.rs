//! The closed table of signature, key and hash algorithms (OID ↔ enum).

use std::fmt;

use crate::asn1::{self, Asn1Error, tag};
use crate::crypto::NamedCurve;
use crate::{Oid, VerifyError};

/// An `AlgorithmIdentifier` (RFC 5280 §4.1.1.2) as encoded: the OID and the
/// raw DER of the parameters, if present. Kept so that later checks (absent
/// vs NULL parameters, RFC 4055 §2.1) can see exactly what was sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AlgorithmIdentifier {
    /// The algorithm OID.
    pub oid: Oid,
    /// The DER of the parameters element, `None` when absent.
    pub parameters: Option<Vec<u8>>,
}

impl AlgorithmIdentifier {
    /// Parses a DER `AlgorithmIdentifier` SEQUENCE.
    pub(crate) fn from_der(der: &[u8]) -> Result<AlgorithmIdentifier, Asn1Error> {
        let seq = asn1::read_single_tag(der, tag::SEQUENCE)?;
        let mut r = seq.reader();
        let oid = asn1::read_oid(&mut r)?;
        let parameters = if r.is_empty() {
            None
        } else {
            Some(r.read()?.raw.to_vec())
        };
        r.finish()?;
        Ok(AlgorithmIdentifier { oid, parameters })
    }

    /// Whether the parameters are exactly an ASN.1 NULL.
    pub fn has_null_parameters(&self) -> bool {
        self.parameters.as_deref() == Some(&[0x05, 0x00])
    }
}

/// A hash (digest) algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HashAlgorithm {
    /// MD5 (broken; named so that it can be refused by name).
    Md5,
    /// SHA-1 (FIPS 180-4; collision-broken, verify-only at most).
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// SM3 (GB/T 32905).
    Sm3,
    /// GOST R 34.11-94 (RU, with the CryptoPro parameters).
    GostR3411_94,
    /// GOST R 34.11-2012 "Streebog", 256-bit output.
    Streebog256,
    /// GOST R 34.11-2012 "Streebog", 512-bit output.
    Streebog512,
    /// GOST 34.311-95 (KZ).
    KzGost34311_95,
    /// belt-hash (STB 34.101.31, BY).
    BeltHash,
    /// bash256 (STB 34.101.77, BY).
    Bash256,
    /// bash384 (STB 34.101.77, BY).
    Bash384,
    /// bash512 (STB 34.101.77, BY).
    Bash512,
    /// SHA3-224 (FIPS 202; ETSI TS 119 312 §6.2 lists the SHA-3 family).
    Sha3_224,
    /// SHA3-256 (FIPS 202).
    Sha3_256,
    /// SHA3-384 (FIPS 202).
    Sha3_384,
    /// SHA3-512 (FIPS 202).
    Sha3_512,
    /// RIPEMD-160 (ISO/IEC 10118-3; TeleTrusT OID): verification of old
    /// signatures only, weak like SHA-1 (160-bit output; ETSI TS 119 312
    /// no longer lists it).
    Ripemd160,
}

impl HashAlgorithm {
    /// The hash for a digest-algorithm OID, if it is in the table.
    pub fn from_oid(oid: &Oid) -> Option<HashAlgorithm> {
        HASHES.iter().find(|(o, _)| o == oid).map(|(_, h)| *h)
    }

    /// The hash's own OID.
    pub fn oid(&self) -> Oid {
        HASHES
            .iter()
            .find(|(_, h)| h == self)
            .map(|(o, _)| *o)
            .unwrap_or(Oid::new_unwrap("0.0"))
    }

    /// Output length in bytes.
    pub fn output_len(&self) -> usize {
        match self {
            HashAlgorithm::Md5 => 16,
            HashAlgorithm::Sha1 | HashAlgorithm::Ripemd160 => 20,
            HashAlgorithm::Sha224 | HashAlgorithm::Sha3_224 => 28,
            HashAlgorithm::Sha256
            | HashAlgorithm::Sm3
            | HashAlgorithm::GostR3411_94
            | HashAlgorithm::Streebog256
            | HashAlgorithm::KzGost34311_95
            | HashAlgorithm::BeltHash
            | HashAlgorithm::Bash256
            | HashAlgorithm::Sha3_256 => 32,
            HashAlgorithm::Sha384 | HashAlgorithm::Bash384 | HashAlgorithm::Sha3_384 => 48,
            HashAlgorithm::Sha512
            | HashAlgorithm::Streebog512
            | HashAlgorithm::Bash512
            | HashAlgorithm::Sha3_512 => 64,
        }
    }

    /// The digest of `data`, for the hashes sigbridge implements (SHA-1,
    /// SHA-2, SHA-3, SM3, RIPEMD-160, Streebog, GOST R 34.11-94 with the
    /// CryptoPro S-box, KZ GOST 34.311-95, belt-hash, bash); `None` for MD5,
    /// which is named only to be refused.
    ///
    /// Digests are byte strings in the order the hash produces them. The
    /// GOST standards (and RFC 5831 / RFC 6986) print a digest as a
    /// big-endian number, which is the same bytes reversed.
    ///
    /// ```
    /// use sigbridge::HashAlgorithm;
    /// let d = HashAlgorithm::Sha256.digest(b"abc").unwrap();
    /// assert_eq!(d[..4], [0xba, 0x78, 0x16, 0xbf]);
    /// // RFC 6986 §10.1 M1 (the 63 digits "0123…012"): the RFC prints
    /// // H = 0x00557be5…ef1e159d, which as a byte string ends in 0x00.
    /// let m1 = b"012345678901234567890123456789012345678901234567890123456789012";
    /// let h = HashAlgorithm::Streebog256.digest(m1).unwrap();
    /// assert_eq!((h[0], h[31]), (0x9d, 0x00));
    /// assert_eq!(HashAlgorithm::Md5.digest(b"abc"), None);
    /// ```
    pub fn digest(&self, data: &[u8]) -> Option<Vec<u8>> {
        self.digest_parts(&[data])
    }

    /// [`HashAlgorithm::digest`] for a verifier: a hash we do not
    /// implement is `BadParameters` of the signature algorithm `name`.
    pub(crate) fn digest_for(&self, data: &[u8], name: &str) -> Result<Vec<u8>, VerifyError> {
        self.digest(data).ok_or_else(|| VerifyError::BadParameters {
            algorithm: name.to_owned(),
            reason: format!("{self} is not available"),
        })
    }

    /// The digest of the concatenation of `parts`.
    pub fn digest_parts(&self, parts: &[&[u8]]) -> Option<Vec<u8>> {
        let mut h = self.hasher()?;
        for p in parts {
            h.update(p);
        }
        Some(h.finalize().into_vec())
    }

    /// A running hash of this algorithm (streamed content, one pass for
    /// several algorithms); `None` for the hashes not implemented here.
    pub(crate) fn hasher(&self) -> Option<Box<dyn digest::DynDigest + Send>> {
        fn run<D: digest::DynDigest + Default + Send + 'static>()
        -> Box<dyn digest::DynDigest + Send> {
            Box::new(D::default())
        }
        Some(match self {
            HashAlgorithm::Sha1 => run::<sha1::Sha1>(),
            HashAlgorithm::Sha224 => run::<sha2::Sha224>(),
            HashAlgorithm::Sha256 => run::<sha2::Sha256>(),
            HashAlgorithm::Sha384 => run::<sha2::Sha384>(),
            HashAlgorithm::Sha512 => run::<sha2::Sha512>(),
            HashAlgorithm::Sm3 => run::<sm3::Sm3>(),
            HashAlgorithm::Sha3_224 => run::<sha3::Sha3_224>(),
            HashAlgorithm::Sha3_256 => run::<sha3::Sha3_256>(),
            HashAlgorithm::Sha3_384 => run::<sha3::Sha3_384>(),
            HashAlgorithm::Sha3_512 => run::<sha3::Sha3_512>(),
            HashAlgorithm::Ripemd160 => run::<ripemd::Ripemd160>(),
            // GOST R 34.11-2012 (RFC 6986). The `streebog` crate returns the
            // digest as the byte string H; RFC 6986 §10 prints H as a
            // big-endian number, i.e. with the bytes in reverse order.
            HashAlgorithm::Streebog256 => run::<streebog::Streebog256>(),
            HashAlgorithm::Streebog512 => run::<streebog::Streebog512>(),
            // GOST R 34.11-94 as RU uses it: the CryptoPro S-box
            // (id-GostR3411-94-CryptoProParamSet, RFC 4357 §11.2), the one
            // RFC 4490 §2.1 names for CMS.
            HashAlgorithm::GostR3411_94 => run::<gost94::Gost94CryptoPro>(),
            // Kazakhstan GOST 34.311-95 is GOST R 34.11-94 with the *Test*
            // S-box (id-GostR3411-94-TestParamSet, RFC 4357 §11.2; the
            // RFC 5831 §7.3.1 examples). Established by verifying real KZ NCA
            // GOST 34.310-2004 certificate signatures; not the S-box gost94
            // calls `Gost94s2015` (GOST R 34.12-2015) nor `Gost94UA` (DSTU).
            HashAlgorithm::KzGost34311_95 => run::<gost94::Gost94Test>(),
            // STB 34.101.31 belt-hash (BY).
            HashAlgorithm::BeltHash => run::<belt_hash::BeltHash>(),
            // STB 34.101.77 bash-hash at the three security levels (BY).
            HashAlgorithm::Bash256 => run::<bash_hash::BashHash256>(),
            HashAlgorithm::Bash384 => run::<bash_hash::BashHash384>(),
            HashAlgorithm::Bash512 => run::<bash_hash::BashHash512>(),
            HashAlgorithm::Md5 => return None,
        })
    }

    /// Whether the hash is considered broken for signatures (MD5, SHA-1,
    /// and RIPEMD-160: its 160-bit output gives the same 80-bit collision
    /// bound as SHA-1, and ETSI TS 119 312 dropped it; verification only).
    pub fn is_weak(&self) -> bool {
        matches!(
            self,
            HashAlgorithm::Md5 | HashAlgorithm::Sha1 | HashAlgorithm::Ripemd160
        )
    }

    /// Human name.
    pub fn name(&self) -> &'static str {
        match self {
            HashAlgorithm::Md5 => "MD5",
            HashAlgorithm::Sha1 => "SHA-1",
            HashAlgorithm::Sha224 => "SHA-224",
            HashAlgorithm::Sha256 => "SHA-256",
            HashAlgorithm::Sha384 => "SHA-384",
            HashAlgorithm::Sha512 => "SHA-512",
            HashAlgorithm::Sm3 => "SM3",
            HashAlgorithm::GostR3411_94 => "GOST R 34.11-94",
            HashAlgorithm::Streebog256 => "GOST R 34.11-2012-256",
            HashAlgorithm::Streebog512 => "GOST R 34.11-2012-512",
            HashAlgorithm::KzGost34311_95 => "GOST 34.311-95",
            HashAlgorithm::BeltHash => "belt-hash",
            HashAlgorithm::Bash256 => "bash256",
            HashAlgorithm::Bash384 => "bash384",
            HashAlgorithm::Bash512 => "bash512",
            HashAlgorithm::Sha3_224 => "SHA3-224",
            HashAlgorithm::Sha3_256 => "SHA3-256",
            HashAlgorithm::Sha3_384 => "SHA3-384",
            HashAlgorithm::Sha3_512 => "SHA3-512",
            HashAlgorithm::Ripemd160 => "RIPEMD-160",
        }
    }
}

impl fmt::Display for HashAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

const HASHES: &[(Oid, HashAlgorithm)] = &[
    (Oid::new_unwrap("1.2.840.113549.2.5"), HashAlgorithm::Md5),
    (Oid::new_unwrap("1.3.14.3.2.26"), HashAlgorithm::Sha1),
    (
        Oid::new_unwrap("2.16.840.1.101.3.4.2.4"),
        HashAlgorithm::Sha224,
    ),
    (
        Oid::new_unwrap("2.16.840.1.101.3.4.2.1"),
        HashAlgorithm::Sha256,
    ),
    (
        Oid::new_unwrap("2.16.840.1.101.3.4.2.2"),
        HashAlgorithm::Sha384,
    ),
    (
        Oid::new_unwrap("2.16.840.1.101.3.4.2.3"),
        HashAlgorithm::Sha512,
    ),
    (Oid::new_unwrap("1.2.156.10197.1.401"), HashAlgorithm::Sm3),
    (
        Oid::new_unwrap("1.2.643.2.2.9"),
        HashAlgorithm::GostR3411_94,
    ),
    (
        Oid::new_unwrap("1.2.643.7.1.1.2.2"),
        HashAlgorithm::Streebog256,
    ),
    (
        Oid::new_unwrap("1.2.643.7.1.1.2.3"),
        HashAlgorithm::Streebog512,
    ),
    (
        Oid::new_unwrap("1.2.398.3.10.1.3.1"),
        HashAlgorithm::KzGost34311_95,
    ),
    // NCA RK's own OIDs for GOST 34.11-2015 (Streebog), as Kalkan writes
    // them in CMS digestAlgorithm; after the Russian ones, so that
    // `HashAlgorithm::oid` gives the RFC 6986 / RFC 9215 OID.
    (
        Oid::new_unwrap("1.2.398.3.10.1.3.2"),
        HashAlgorithm::Streebog256,
    ),
    (
        Oid::new_unwrap("1.2.398.3.10.1.3.3"),
        HashAlgorithm::Streebog512,
    ),
    (
        Oid::new_unwrap("1.2.112.0.2.0.34.101.31.81"),
        HashAlgorithm::BeltHash,
    ),
    (
        Oid::new_unwrap("1.2.112.0.2.0.34.101.77.11"),
        HashAlgorithm::Bash256,
    ),
    (
        Oid::new_unwrap("1.2.112.0.2.0.34.101.77.12"),
        HashAlgorithm::Bash384,
    ),
    (
        Oid::new_unwrap("1.2.112.0.2.0.34.101.77.13"),
        HashAlgorithm::Bash512,
    ),
    // FIPS 202 / NIST CSOR hashAlgs 7–10 (as RFC 9688 uses them in CMS).
    (
        Oid::new_unwrap("2.16.840.1.101.3.4.2.7"),
        HashAlgorithm::Sha3_224,
    ),
    (
        Oid::new_unwrap("2.16.840.1.101.3.4.2.8"),
        HashAlgorithm::Sha3_256,
    ),
    (
        Oid::new_unwrap("2.16.840.1.101.3.4.2.9"),
        HashAlgorithm::Sha3_384,
    ),
    (
        Oid::new_unwrap("2.16.840.1.101.3.4.2.10"),
        HashAlgorithm::Sha3_512,
    ),
    // TeleTrusT ripemd160 (1.3.36.3.2.1).
    (Oid::new_unwrap("1.3.36.3.2.1"), HashAlgorithm::Ripemd160),
];

/// RSASSA-PSS parameters (RFC 4055 §3.1), with the RFC's defaults filled in
/// for absent fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PssParams {
    /// The message hash (default SHA-1).
    pub hash: HashAlgorithm,
    /// The MGF1 hash (default SHA-1); `None` if the mask generation function is not MGF1
    /// or its hash is not in the table.
    pub mgf1_hash: Option<HashAlgorithm>,
    /// The salt length in bytes (default 20).
    pub salt_len: u32,
    /// The trailer field (default 1, the only value RFC 4055 allows).
    pub trailer_field: u32,
}

impl PssParams {
    /// Parses `RSASSA-PSS-params` (RFC 4055 §3.1). Unknown hash OIDs are an error.
    pub(crate) fn from_der(der: &[u8]) -> Result<PssParams, Asn1Error> {
        let seq = asn1::read_single_tag(der, tag::SEQUENCE)?;
        let mut r = seq.reader();
        let mut params = PssParams {
            hash: HashAlgorithm::Sha1,
            mgf1_hash: Some(HashAlgorithm::Sha1),
            salt_len: 20,
            trailer_field: 1,
        };
        // RFC 4055 §2.1: the hash AlgorithmIdentifier parameters are absent or NULL.
        let hash_only = |alg: &AlgorithmIdentifier| -> Result<HashAlgorithm, Asn1Error> {
            if alg.parameters.is_some() && !alg.has_null_parameters() {
                return Err(Asn1Error::BadValue(
                    "hash parameters (must be absent or NULL)",
                ));
            }
            HashAlgorithm::from_oid(&alg.oid)
                .ok_or(Asn1Error::BadValue("RSASSA-PSS hash algorithm"))
        };
        if let Some(t) = r.read_optional(0xa0)? {
            let alg = AlgorithmIdentifier::from_der(asn1::read_single(t.value)?.raw)?;
            params.hash = hash_only(&alg)?;
        }
        if let Some(t) = r.read_optional(0xa1)? {
            let mgf = AlgorithmIdentifier::from_der(asn1::read_single(t.value)?.raw)?;
            params.mgf1_hash = if mgf.oid == Oid::new_unwrap("1.2.840.113549.1.1.8") {
                let inner = mgf
                    .parameters
                    .as_deref()
                    .ok_or(Asn1Error::BadValue("MGF1 parameters"))?;
                let hash = AlgorithmIdentifier::from_der(inner)?;
                if hash.parameters.is_some() && !hash.has_null_parameters() {
                    return Err(Asn1Error::BadValue(
                        "MGF1 hash parameters (must be absent or NULL)",
                    ));
                }
                HashAlgorithm::from_oid(&hash.oid)
            } else {
                None
            };
        }
        if let Some(t) = r.read_optional(0xa2)? {
            let n = asn1::read_single_tag(t.value, tag::INTEGER)?;
            params.salt_len = u32::try_from(asn1::small_uint(n.value)?)
                .map_err(|_| Asn1Error::BadValue("RSASSA-PSS salt length"))?;
        }
        if let Some(t) = r.read_optional(0xa3)? {
            let n = asn1::read_single_tag(t.value, tag::INTEGER)?;
            params.trailer_field = u32::try_from(asn1::small_uint(n.value)?)
                .map_err(|_| Asn1Error::BadValue("RSASSA-PSS trailer field"))?;
        }
        r.finish()?;
        Ok(params)
    }
}

/// A signature algorithm, from the closed table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// RSA PKCS#1 v1.5 (RFC 8017 §8.2) with the given hash.
    RsaPkcs1 {
        /// The message hash.
        hash: HashAlgorithm,
    },
    /// RSASSA-PSS (RFC 4055); `params` is `None` when the mandatory parameters
    /// are absent or malformed (such a signature can never be verified).
    RsaPss {
        /// The parsed parameters.
        params: Option<PssParams>,
    },
    /// ECDSA (RFC 5758 §3.2, RFC 3279 §2.2.3) with the given hash.
    Ecdsa {
        /// The message hash.
        hash: HashAlgorithm,
    },
    /// ECDSA in the BSI TR-03111 §5.2.1 "plain" format (ecdsa-plain-*,
    /// 0.4.0.127.0.7.1.1.4.1.x): the signature value is `r ‖ s`, each the
    /// width of the curve order, not a DER SEQUENCE. German and ICAO
    /// producers write it.
    EcdsaPlain {
        /// The message hash.
        hash: HashAlgorithm,
    },
    /// SM2 digital signature (GB/T 32918.2) with SM3 (1.2.156.10197.1.501) or
    /// SHA-256 (1.2.156.10197.1.503).
    Sm2 {
        /// The message hash.
        hash: HashAlgorithm,
    },
    /// DSA (FIPS 186) with the given hash.
    Dsa {
        /// The message hash.
        hash: HashAlgorithm,
    },
    /// Ed25519 (RFC 8410).
    Ed25519,
    /// Ed448 (RFC 8410).
    Ed448,
    /// GOST R 34.10-2001 with GOST R 34.11-94 (RFC 4491 §2.2.2; 1.2.643.2.2.3).
    GostR3410_2001,
    /// GOST R 34.10-2012 with Streebog-256 (RFC 9215; 1.2.643.7.1.1.3.2).
    GostR3410_2012_256,
    /// GOST R 34.10-2012 with Streebog-512 (RFC 9215; 1.2.643.7.1.1.3.3).
    GostR3410_2012_512,
    /// Kazakhstan GOST 34.310-2004 with GOST 34.311-95 (1.2.398.3.10.1.1.1.2).
    KzGost34310_2004,
    /// Kazakhstan GOST R 34.10-2015 (the 2015 national standard, 1.2.398.3.10.1.1.2.3.x).
    KzGost3410_2015 {
        /// Key size in bits of the parameter set the OID names (256 or 512).
        bits: usize,
    },
    /// Belarusian bign (STB 34.101.45) with the given hash.
    Bign {
        /// The message hash.
        hash: HashAlgorithm,
    },
    /// Uzbekistan O'z DSt 1092:2009 signature (with O'z DSt 1106:2009 hash).
    UzDst1092,
    /// Uzbekistan O'zMSt 286:2024 signature (with O'zMSt 285:2024 hash).
    UzMst286,
    /// ML-DSA (FIPS 204; RFC 9881) at security level 44, 65 or 87.
    MlDsa {
        /// The parameter set: 44, 65 or 87.
        level: u16,
    },
    /// An algorithm outside the table, reported by OID.
    Unknown {
        /// The algorithm OID.
        oid: Oid,
    },
}

impl SignatureAlgorithm {
    /// Classifies a signature `AlgorithmIdentifier`.
    pub fn from_identifier(alg: &AlgorithmIdentifier) -> SignatureAlgorithm {
        use HashAlgorithm as H;
        use SignatureAlgorithm as S;
        let dotted = alg.oid.dotted();
        let s = dotted.as_str();
        match s {
            "1.2.840.113549.1.1.4" => S::RsaPkcs1 { hash: H::Md5 },
            "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => S::RsaPkcs1 { hash: H::Sha1 },
            "1.2.840.113549.1.1.14" => S::RsaPkcs1 { hash: H::Sha224 },
            "1.2.840.113549.1.1.11" => S::RsaPkcs1 { hash: H::Sha256 },
            "1.2.840.113549.1.1.12" => S::RsaPkcs1 { hash: H::Sha384 },
            "1.2.840.113549.1.1.13" => S::RsaPkcs1 { hash: H::Sha512 },
            "1.2.840.113549.1.1.10" => S::RsaPss {
                params: alg
                    .parameters
                    .as_deref()
                    .and_then(|p| PssParams::from_der(p).ok()),
            },
            "1.2.840.10045.4.1" => S::Ecdsa { hash: H::Sha1 },
            "1.2.840.10045.4.3.1" => S::Ecdsa { hash: H::Sha224 },
            "1.2.840.10045.4.3.2" => S::Ecdsa { hash: H::Sha256 },
            "1.2.840.10045.4.3.3" => S::Ecdsa { hash: H::Sha384 },
            "1.2.840.10045.4.3.4" => S::Ecdsa { hash: H::Sha512 },
            // NIST CSOR sigAlgs 9–16 (RFC 9688 for CMS): id-ecdsa-with-sha3-*
            // (parameters absent) and id-rsassa-pkcs1-v1_5-with-sha3-* (NULL).
            "2.16.840.1.101.3.4.3.9" => S::Ecdsa { hash: H::Sha3_224 },
            "2.16.840.1.101.3.4.3.10" => S::Ecdsa { hash: H::Sha3_256 },
            "2.16.840.1.101.3.4.3.11" => S::Ecdsa { hash: H::Sha3_384 },
            "2.16.840.1.101.3.4.3.12" => S::Ecdsa { hash: H::Sha3_512 },
            "2.16.840.1.101.3.4.3.13" => S::RsaPkcs1 { hash: H::Sha3_224 },
            "2.16.840.1.101.3.4.3.14" => S::RsaPkcs1 { hash: H::Sha3_256 },
            "2.16.840.1.101.3.4.3.15" => S::RsaPkcs1 { hash: H::Sha3_384 },
            "2.16.840.1.101.3.4.3.16" => S::RsaPkcs1 { hash: H::Sha3_512 },
            // TeleTrusT rsaSignatureWithripemd160 (verification only, weak).
            "1.3.36.3.3.1.2" => S::RsaPkcs1 { hash: H::Ripemd160 },
            // BSI TR-03111 §5.2.1 ecdsa-plain-signatures (r ‖ s).
            "0.4.0.127.0.7.1.1.4.1.1" => S::EcdsaPlain { hash: H::Sha1 },
            "0.4.0.127.0.7.1.1.4.1.2" => S::EcdsaPlain { hash: H::Sha224 },
            "0.4.0.127.0.7.1.1.4.1.3" => S::EcdsaPlain { hash: H::Sha256 },
            "0.4.0.127.0.7.1.1.4.1.4" => S::EcdsaPlain { hash: H::Sha384 },
            "0.4.0.127.0.7.1.1.4.1.5" => S::EcdsaPlain { hash: H::Sha512 },
            "0.4.0.127.0.7.1.1.4.1.6" => S::EcdsaPlain { hash: H::Ripemd160 },
            "0.4.0.127.0.7.1.1.4.1.8" => S::EcdsaPlain { hash: H::Sha3_224 },
            "0.4.0.127.0.7.1.1.4.1.9" => S::EcdsaPlain { hash: H::Sha3_256 },
            "0.4.0.127.0.7.1.1.4.1.10" => S::EcdsaPlain { hash: H::Sha3_384 },
            "0.4.0.127.0.7.1.1.4.1.11" => S::EcdsaPlain { hash: H::Sha3_512 },
            "1.2.156.10197.1.501" => S::Sm2 { hash: H::Sm3 },
            "1.2.156.10197.1.502" => S::Sm2 { hash: H::Sha1 },
            "1.2.156.10197.1.503" => S::Sm2 { hash: H::Sha256 },
            // GM/T 0006 sm3WithRSAEncryption (not an SM2 variant).
            "1.2.156.10197.1.504" => S::RsaPkcs1 { hash: H::Sm3 },
            "1.2.840.10040.4.3" => S::Dsa { hash: H::Sha1 },
            "2.16.840.1.101.3.4.3.1" => S::Dsa { hash: H::Sha224 },
            "2.16.840.1.101.3.4.3.2" => S::Dsa { hash: H::Sha256 },
            "1.3.101.112" => S::Ed25519,
            "1.3.101.113" => S::Ed448,
            "1.2.643.2.2.3" => S::GostR3410_2001,
            "1.2.643.7.1.1.3.2" => S::GostR3410_2012_256,
            "1.2.643.7.1.1.3.3" => S::GostR3410_2012_512,
            "1.2.398.3.10.1.1.1.2" => S::KzGost34310_2004,
            // NCA RK GOST R 34.10-2015 (Kalkan / NCANode `KalkanUtil` tables).
            "1.2.398.3.10.1.1.2.3.1" => S::KzGost3410_2015 { bits: 256 },
            "1.2.398.3.10.1.1.2.3.2" => S::KzGost3410_2015 { bits: 512 },
            "1.2.112.0.2.0.34.101.45.12" => S::Bign { hash: H::BeltHash },
            "1.2.112.0.2.0.34.101.45.13" => S::Bign { hash: H::Bash256 },
            "1.2.112.0.2.0.34.101.45.14" => S::Bign { hash: H::Bash384 },
            "1.2.112.0.2.0.34.101.45.15" => S::Bign { hash: H::Bash512 },
            // O'z DSt 1106:2009 hash with O'z DSt 1092:2009 algorithms 1 and 2 (E-IMZO provider names).
            "1.2.860.3.15.1.1.1.2.2.2" | "1.2.860.3.15.1.1.2.2.2.2" => S::UzDst1092,
            // O'zMSt 285:2024 hash with O'zMSt 286:2024.
            "1.2.860.3.15.2.1.2.2.2.2" => S::UzMst286,
            "2.16.840.1.101.3.4.3.17" => S::MlDsa { level: 44 },
            "2.16.840.1.101.3.4.3.18" => S::MlDsa { level: 65 },
            "2.16.840.1.101.3.4.3.19" => S::MlDsa { level: 87 },
            _ => S::Unknown { oid: alg.oid },
        }
    }

    /// The hash the algorithm signs with, when known.
    pub fn hash(&self) -> Option<HashAlgorithm> {
        match self {
            SignatureAlgorithm::RsaPkcs1 { hash }
            | SignatureAlgorithm::Ecdsa { hash }
            | SignatureAlgorithm::EcdsaPlain { hash }
            | SignatureAlgorithm::Sm2 { hash }
            | SignatureAlgorithm::Dsa { hash }
            | SignatureAlgorithm::Bign { hash } => Some(*hash),
            SignatureAlgorithm::RsaPss { params } => params.map(|p| p.hash),
            SignatureAlgorithm::GostR3410_2001 => Some(HashAlgorithm::GostR3411_94),
            SignatureAlgorithm::GostR3410_2012_256 => Some(HashAlgorithm::Streebog256),
            SignatureAlgorithm::GostR3410_2012_512 => Some(HashAlgorithm::Streebog512),
            SignatureAlgorithm::KzGost34310_2004 => Some(HashAlgorithm::KzGost34311_95),
            // NCA RK: 34.10-2015-256 signs with 34.11-2015-256, -512 with -512
            // (Streebog, the same function as GOST R 34.11-2012).
            SignatureAlgorithm::KzGost3410_2015 { bits: 256 } => Some(HashAlgorithm::Streebog256),
            SignatureAlgorithm::KzGost3410_2015 { .. } => Some(HashAlgorithm::Streebog512),
            _ => None,
        }
    }

    /// Human name, e.g. `RSA PKCS#1 v1.5 with SHA-256` or `GOST R 34.10-2012-256`.
    pub fn name(&self) -> String {
        match self {
            SignatureAlgorithm::RsaPkcs1 { hash } => format!("RSA PKCS#1 v1.5 with {hash}"),
            SignatureAlgorithm::RsaPss { params: Some(p) } => format!(
                "RSASSA-PSS with {} (MGF1 {}, salt {})",
                p.hash,
                p.mgf1_hash.map_or("unknown", |h| h.name()),
                p.salt_len
            ),
            SignatureAlgorithm::RsaPss { params: None } => {
                "RSASSA-PSS (missing or malformed parameters)".to_owned()
            }
            SignatureAlgorithm::Ecdsa { hash } => format!("ECDSA with {hash}"),
            SignatureAlgorithm::EcdsaPlain { hash } => {
                format!("ECDSA with {hash} (BSI TR-03111 plain r||s)")
            }
            SignatureAlgorithm::Sm2 { hash } => format!("SM2 with {hash}"),
            SignatureAlgorithm::Dsa { hash } => format!("DSA with {hash}"),
            SignatureAlgorithm::Ed25519 => "Ed25519".to_owned(),
            SignatureAlgorithm::Ed448 => "Ed448".to_owned(),
            SignatureAlgorithm::GostR3410_2001 => {
                "GOST R 34.10-2001 with GOST R 34.11-94".to_owned()
            }
            SignatureAlgorithm::GostR3410_2012_256 => {
                "GOST R 34.10-2012-256 with GOST R 34.11-2012-256".to_owned()
            }
            SignatureAlgorithm::GostR3410_2012_512 => {
                "GOST R 34.10-2012-512 with GOST R 34.11-2012-512".to_owned()
            }
            SignatureAlgorithm::KzGost34310_2004 => {
                "KZ GOST 34.310-2004 with GOST 34.311-95".to_owned()
            }
            SignatureAlgorithm::KzGost3410_2015 { bits } => {
                format!("KZ GOST R 34.10-2015-{bits}")
            }
            SignatureAlgorithm::Bign { hash } => format!("bign with {hash}"),
            SignatureAlgorithm::UzDst1092 => "O'z DSt 1092:2009".to_owned(),
            SignatureAlgorithm::UzMst286 => "O'zMSt 286:2024".to_owned(),
            SignatureAlgorithm::MlDsa { level } => format!("ML-DSA-{level}"),
            SignatureAlgorithm::Unknown { oid } => format!("unknown signature algorithm {oid}"),
        }
    }
}

impl fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// GOST-family public-key parameters (RFC 4491 §2.3.1, RFC 9215 §4):
/// `SEQUENCE { publicKeyParamSet OID, digestParamSet OID OPTIONAL,
/// encryptionParamSet OID OPTIONAL }` — one to three OIDs, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct GostParams {
    /// The public-key (curve) parameter set.
    pub key_param_set: Option<Oid>,
    /// The digest parameter set.
    pub digest_param_set: Option<Oid>,
    /// The GOST 28147-89 encryption parameter set (RFC 4491 §2.3.1; key
    /// transport only, not used for signatures).
    pub encryption_param_set: Option<Oid>,
}

impl GostParams {
    fn from_der(der: &[u8]) -> Result<GostParams, Asn1Error> {
        let seq = asn1::read_single_tag(der, tag::SEQUENCE)?;
        let mut r = seq.reader();
        let key_param_set = Some(asn1::read_oid(&mut r)?);
        let mut optional = || match r.peek_tag() {
            Some(tag::OID) => asn1::read_oid(&mut r).map(Some),
            _ => Ok(None),
        };
        let digest_param_set = optional()?;
        let encryption_param_set = optional()?;
        r.finish()?;
        Ok(GostParams {
            key_param_set,
            digest_param_set,
            encryption_param_set,
        })
    }

    /// Name of the key parameter set, e.g. `CryptoPro-A` or `tc26-512-A`
    /// (the Kazakh aliases by the curve they name); the dotted OID when unknown.
    pub fn key_param_set_name(&self) -> Option<String> {
        let oid = self.key_param_set?;
        let name = match oid.dotted().as_str() {
            "1.2.643.2.2.35.0" => "CryptoPro-Test",
            "1.2.643.2.2.35.1" => "CryptoPro-A",
            "1.2.643.2.2.35.2" => "CryptoPro-B",
            "1.2.643.2.2.35.3" => "CryptoPro-C",
            "1.2.643.2.2.36.0" => "CryptoPro-XchA",
            "1.2.643.2.2.36.1" => "CryptoPro-XchB",
            "1.2.643.7.1.2.1.1.1" => "tc26-256-A",
            "1.2.643.7.1.2.1.1.2" => "tc26-256-B",
            "1.2.643.7.1.2.1.1.3" => "tc26-256-C",
            "1.2.643.7.1.2.1.1.4" => "tc26-256-D",
            "1.2.643.7.1.2.1.2.0" => "tc26-512-Test",
            "1.2.643.7.1.2.1.2.1" => "tc26-512-A",
            "1.2.643.7.1.2.1.2.2" => "tc26-512-B",
            "1.2.643.7.1.2.1.2.3" => "tc26-512-C",
            "1.2.112.0.2.0.34.101.45.3.1" => "bign-curve256v1",
            "1.2.112.0.2.0.34.101.45.3.2" => "bign-curve384v1",
            "1.2.112.0.2.0.34.101.45.3.3" => "bign-curve512v1",
            // The Kazakh aliases: named by the curve they are.
            other => {
                return Some(
                    super::GostCurve::from_oid(&oid)
                        .map_or_else(|| other.to_owned(), |c| c.name().to_owned()),
                );
            }
        };
        Some(name.to_owned())
    }
}

/// A subject public-key algorithm, from the closed table, with the facts
/// policies need (size, curve, parameter set).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyAlgorithm {
    /// RSA (rsaEncryption, RFC 8017).
    Rsa {
        /// Modulus size in bits.
        bits: usize,
    },
    /// RSA key restricted to RSASSA-PSS (id-RSASSA-PSS, RFC 4055 §1.2).
    RsaPss {
        /// Modulus size in bits.
        bits: usize,
        /// The restriction parameters, when present.
        params: Option<PssParams>,
    },
    /// Elliptic-curve key on a named curve (RFC 5480), including SM2.
    Ec {
        /// The curve.
        curve: NamedCurve,
    },
    /// Elliptic-curve key with explicit domain parameters (RFC 3279 §2.3.5);
    /// `curve` is set when the parameters equal those of a named curve.
    EcExplicit {
        /// The named curve the parameters equal, if any.
        curve: Option<NamedCurve>,
        /// The size of the prime field in bits (0 for non-prime fields).
        field_bits: usize,
    },
    /// DSA (FIPS 186).
    Dsa {
        /// Size of the prime p in bits (0 when the parameters are inherited).
        bits: usize,
    },
    /// Ed25519 (RFC 8410).
    Ed25519,
    /// Ed448 (RFC 8410).
    Ed448,
    /// GOST R 34.10-2001 (RFC 4491; 1.2.643.2.2.19).
    GostR3410_2001 {
        /// Parameter sets.
        params: GostParams,
    },
    /// GOST R 34.10-2012 with a 256-bit key (RFC 9215; 1.2.643.7.1.1.1.1).
    GostR3410_2012_256 {
        /// Parameter sets.
        params: GostParams,
    },
    /// GOST R 34.10-2012 with a 512-bit key (RFC 9215; 1.2.643.7.1.1.1.2).
    GostR3410_2012_512 {
        /// Parameter sets.
        params: GostParams,
    },
    /// Kazakhstan GOST 34.310-2004 key (1.2.398.3.10.1.1.1.1).
    KzGost34310_2004 {
        /// Parameter sets.
        params: GostParams,
    },
    /// Kazakhstan GOST R 34.10-2015 key (1.2.398.3.10.1.1.2.x).
    KzGost3410_2015 {
        /// Key size in bits (256 or 512).
        bits: usize,
        /// Parameter sets.
        params: GostParams,
    },
    /// Belarusian bign key (STB 34.101.45; 1.2.112.0.2.0.34.101.45.2.1).
    Bign {
        /// The curve parameter set (bign-curve256v1/384v1/512v1).
        curve: Option<Oid>,
    },
    /// Uzbekistan O'z DSt 1092:2009 key.
    UzDst1092,
    /// Uzbekistan O'zMSt 286:2024 key.
    UzMst286,
    /// ML-DSA key (FIPS 204; RFC 9881) at level 44, 65 or 87.
    MlDsa {
        /// The parameter set: 44, 65 or 87.
        level: u16,
    },
    /// An algorithm outside the table, reported by OID.
    Unknown {
        /// The algorithm OID.
        oid: Oid,
    },
}

impl KeyAlgorithm {
    /// Classifies a `SubjectPublicKeyInfo` from its algorithm identifier and
    /// the contents of its `subjectPublicKey` BIT STRING (without the
    /// unused-bits octet). Malformed parameters or keys of a known algorithm
    /// are an error.
    pub(crate) fn from_spki(
        alg: &AlgorithmIdentifier,
        key: &[u8],
    ) -> Result<KeyAlgorithm, Asn1Error> {
        let params = alg.parameters.as_deref();
        Ok(match alg.oid.dotted().as_str() {
            "1.2.840.113549.1.1.1" => KeyAlgorithm::Rsa {
                bits: rsa_modulus_bits(key)?,
            },
            "1.2.840.113549.1.1.10" => KeyAlgorithm::RsaPss {
                bits: rsa_modulus_bits(key)?,
                params: match params {
                    None => None,
                    Some(p) => Some(PssParams::from_der(p)?),
                },
            },
            "1.2.840.10045.2.1" => {
                let p = params.ok_or(Asn1Error::BadValue("EC parameters (absent)"))?;
                let tlv = asn1::read_single(p)?;
                match tlv.tag {
                    tag::OID => KeyAlgorithm::Ec {
                        curve: NamedCurve::from_oid(&asn1::oid(tlv.value)?),
                    },
                    tag::SEQUENCE => {
                        let (curve, field_bits) = NamedCurve::from_explicit(p)?;
                        KeyAlgorithm::EcExplicit { curve, field_bits }
                    }
                    // implicitlyCA (NULL) is forbidden by RFC 5480 §2.1.1.
                    _ => return Err(Asn1Error::BadValue("EC parameters (implicitlyCA)")),
                }
            }
            // Some CN CAs put the SM2 curve OID as the key algorithm itself.
            "1.2.156.10197.1.301" => KeyAlgorithm::Ec {
                curve: NamedCurve::Sm2,
            },
            "1.2.840.10040.4.1" => KeyAlgorithm::Dsa {
                bits: match params {
                    Some(p) => {
                        let seq = asn1::read_single_tag(p, tag::SEQUENCE)?;
                        asn1::bit_length(seq.reader().read_tag(tag::INTEGER)?.value)
                    }
                    None => 0,
                },
            },
            "1.3.101.112" => KeyAlgorithm::Ed25519,
            "1.3.101.113" => KeyAlgorithm::Ed448,
            "1.2.643.2.2.19" => KeyAlgorithm::GostR3410_2001 {
                params: gost_params(params)?,
            },
            "1.2.643.7.1.1.1.1" => KeyAlgorithm::GostR3410_2012_256 {
                params: gost_params(params)?,
            },
            "1.2.643.7.1.1.1.2" => KeyAlgorithm::GostR3410_2012_512 {
                params: gost_params(params)?,
            },
            "1.2.398.3.10.1.1.1.1" => KeyAlgorithm::KzGost34310_2004 {
                params: gost_params(params)?,
            },
            "1.2.398.3.10.1.1.2.1" => KeyAlgorithm::KzGost3410_2015 {
                bits: 256,
                params: gost_params(params)?,
            },
            "1.2.398.3.10.1.1.2.2" => KeyAlgorithm::KzGost3410_2015 {
                bits: 512,
                params: gost_params(params)?,
            },
            "1.2.112.0.2.0.34.101.45.2.1" => {
                // DomainParameters ::= CHOICE { specified, named OID,
                // implicit NULL } (STB 34.101.45-2013 Annex Д); only a named
                // curve is classified.
                let curve = match params {
                    Some(p) => {
                        let t = asn1::read_single(p)?;
                        if t.tag == tag::OID {
                            Some(asn1::oid(t.value)?)
                        } else {
                            None
                        }
                    }
                    None => None,
                };
                // PublicKey ::= BIT STRING (SIZE(512|768|1024)): ⟨Q⟩ of 4l
                // bits, 64 / 96 / 128 octets on the three standard curves
                // (STB 34.101.45-2013 Annex Д).
                let expected = curve.as_ref().and_then(|c| match c.to_string().as_str() {
                    "1.2.112.0.2.0.34.101.45.3.1" => Some(64),
                    "1.2.112.0.2.0.34.101.45.3.2" => Some(96),
                    "1.2.112.0.2.0.34.101.45.3.3" => Some(128),
                    _ => None,
                });
                if expected.is_some_and(|n| n != key.len()) {
                    return Err(Asn1Error::BadValue(
                        "bign public key length (⟨Q⟩ is 64, 96 or 128 octets for curve256v1, 384v1, 512v1; STB 34.101.45 Annex Д)",
                    ));
                }
                KeyAlgorithm::Bign { curve }
            }
            // O'z DSt 1092:2009 algorithms 1 and 2 (E-IMZO provider names).
            "1.2.860.3.15.1.1.1.1" | "1.2.860.3.15.1.1.2.1" => KeyAlgorithm::UzDst1092,
            "1.2.860.3.15.2.1.2.1" => KeyAlgorithm::UzMst286,
            // RFC 9881 §2: the parameters MUST be absent.
            "2.16.840.1.101.3.4.3.17" | "2.16.840.1.101.3.4.3.18" | "2.16.840.1.101.3.4.3.19" => {
                if params.is_some() {
                    return Err(Asn1Error::BadValue("ML-DSA parameters (must be absent)"));
                }
                KeyAlgorithm::MlDsa {
                    level: match alg.oid.dotted().as_str() {
                        "2.16.840.1.101.3.4.3.17" => 44,
                        "2.16.840.1.101.3.4.3.18" => 65,
                        _ => 87,
                    },
                }
            }
            _ => KeyAlgorithm::Unknown { oid: alg.oid },
        })
    }

    /// Key size in bits, when meaningful and known.
    pub fn bits(&self) -> Option<usize> {
        match self {
            KeyAlgorithm::Rsa { bits } | KeyAlgorithm::RsaPss { bits, .. } => Some(*bits),
            KeyAlgorithm::Ec { curve } => curve.bits(),
            KeyAlgorithm::EcExplicit { field_bits, .. } => Some(*field_bits),
            KeyAlgorithm::Dsa { bits } => Some(*bits),
            KeyAlgorithm::Ed25519 => Some(256),
            KeyAlgorithm::Ed448 => Some(456),
            KeyAlgorithm::GostR3410_2001 { .. } | KeyAlgorithm::GostR3410_2012_256 { .. } => {
                Some(256)
            }
            KeyAlgorithm::GostR3410_2012_512 { .. } => Some(512),
            KeyAlgorithm::KzGost34310_2004 { .. } => Some(256),
            KeyAlgorithm::KzGost3410_2015 { bits, .. } => Some(*bits),
            KeyAlgorithm::Bign { curve } => {
                curve.as_ref().and_then(|c| match c.to_string().as_str() {
                    "1.2.112.0.2.0.34.101.45.3.1" => Some(256),
                    "1.2.112.0.2.0.34.101.45.3.2" => Some(384),
                    "1.2.112.0.2.0.34.101.45.3.3" => Some(512),
                    _ => None,
                })
            }
            KeyAlgorithm::UzDst1092
            | KeyAlgorithm::UzMst286
            | KeyAlgorithm::MlDsa { .. }
            | KeyAlgorithm::Unknown { .. } => None,
        }
    }

    /// The curve, for elliptic-curve keys in the table.
    pub fn curve(&self) -> Option<NamedCurve> {
        match self {
            KeyAlgorithm::Ec { curve } => Some(*curve),
            KeyAlgorithm::EcExplicit { curve, .. } => *curve,
            _ => None,
        }
    }

    /// Human name, e.g. `RSA-4096`, `EC P-384`, `GOST R 34.10-2012-256 (CryptoPro-A)`.
    pub fn name(&self) -> String {
        let gost = |base: &str, p: &GostParams| match p.key_param_set_name() {
            Some(set) => format!("{base} ({set})"),
            None => base.to_owned(),
        };
        match self {
            KeyAlgorithm::Rsa { bits } => format!("RSA-{bits}"),
            KeyAlgorithm::RsaPss { bits, .. } => format!("RSASSA-PSS RSA-{bits}"),
            KeyAlgorithm::Ec { curve } => format!("EC {curve}"),
            KeyAlgorithm::EcExplicit {
                curve: Some(curve), ..
            } => format!("EC {curve} (explicit parameters)"),
            KeyAlgorithm::EcExplicit {
                curve: None,
                field_bits,
            } => format!("EC unnamed {field_bits}-bit curve (explicit parameters)"),
            KeyAlgorithm::Dsa { bits } => format!("DSA-{bits}"),
            KeyAlgorithm::Ed25519 => "Ed25519".to_owned(),
            KeyAlgorithm::Ed448 => "Ed448".to_owned(),
            KeyAlgorithm::GostR3410_2001 { params } => gost("GOST R 34.10-2001", params),
            KeyAlgorithm::GostR3410_2012_256 { params } => gost("GOST R 34.10-2012-256", params),
            KeyAlgorithm::GostR3410_2012_512 { params } => gost("GOST R 34.10-2012-512", params),
            KeyAlgorithm::KzGost34310_2004 { params } => gost("KZ GOST 34.310-2004", params),
            KeyAlgorithm::KzGost3410_2015 { bits, params } => {
                gost(&format!("KZ GOST R 34.10-2015-{bits}"), params)
            }
            KeyAlgorithm::Bign { curve } => match self.bits() {
                Some(b) => format!("bign-{b}"),
                None => match curve {
                    Some(c) => format!("bign ({c})"),
                    None => "bign".to_owned(),
                },
            },
            KeyAlgorithm::UzDst1092 => "O'z DSt 1092:2009".to_owned(),
            KeyAlgorithm::UzMst286 => "O'zMSt 286:2024".to_owned(),
            KeyAlgorithm::MlDsa { level } => format!("ML-DSA-{level}"),
            KeyAlgorithm::Unknown { oid } => format!("unknown key algorithm {oid}"),
        }
    }
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

fn gost_params(params: Option<&[u8]>) -> Result<GostParams, Asn1Error> {
    match params {
        None => Ok(GostParams::default()),
        // Some producers send NULL; the parameter set is then implied by the issuer.
        Some([0x05, 0x00]) => Ok(GostParams::default()),
        Some(p) => GostParams::from_der(p),
    }
}

/// Modulus size of a PKCS#1 `RSAPublicKey` (RFC 8017 §A.1.1).
fn rsa_modulus_bits(key: &[u8]) -> Result<usize, Asn1Error> {
    let seq = asn1::read_single_tag(key, tag::SEQUENCE)?;
    let mut r = seq.reader();
    let n = r.read_tag(tag::INTEGER)?;
    let e = r.read_tag(tag::INTEGER)?;
    r.finish()?;
    if n.value.first().is_some_and(|b| *b & 0x80 != 0) || e.value.is_empty() {
        return Err(Asn1Error::BadValue("RSA public key (negative modulus)"));
    }
    Ok(asn1::bit_length(n.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_oids_are_named_by_oid() {
        let alg = AlgorithmIdentifier {
            oid: Oid::new_unwrap("1.3.6.1.4.1.99999.1"),
            parameters: None,
        };
        assert_eq!(
            SignatureAlgorithm::from_identifier(&alg),
            SignatureAlgorithm::Unknown { oid: alg.oid }
        );
        assert_eq!(
            KeyAlgorithm::from_spki(&alg, &[]).unwrap(),
            KeyAlgorithm::Unknown { oid: alg.oid }
        );
    }

    #[test]
    fn pss_defaults_when_fields_absent() {
        let p = PssParams::from_der(&[0x30, 0x00]).unwrap();
        assert_eq!(p.hash, HashAlgorithm::Sha1);
        assert_eq!(p.mgf1_hash, Some(HashAlgorithm::Sha1));
        assert_eq!(p.salt_len, 20);
        assert_eq!(p.trailer_field, 1);
    }

    #[test]
    fn gost_parameters_are_one_to_three_oids() {
        let oid = |d: &str| {
            let o = Oid::new_unwrap(d);
            [&[tag::OID, o.as_bytes().len() as u8][..], o.as_bytes()].concat()
        };
        let seq = |parts: &[Vec<u8>]| {
            let body = parts.concat();
            [&[tag::SEQUENCE, body.len() as u8][..], &body].concat()
        };
        let (curve, digest, cipher) = (
            oid("1.2.643.2.2.35.1"),
            oid("1.2.643.7.1.1.2.2"),
            oid("1.2.643.2.2.31.1"),
        );
        let p = GostParams::from_der(&seq(std::slice::from_ref(&curve))).unwrap();
        assert_eq!(p.key_param_set, Some(Oid::new_unwrap("1.2.643.2.2.35.1")));
        assert_eq!(p.digest_param_set, None);
        let p =
            GostParams::from_der(&seq(&[curve.clone(), digest.clone(), cipher.clone()])).unwrap();
        assert_eq!(
            p.digest_param_set,
            Some(Oid::new_unwrap("1.2.643.7.1.1.2.2"))
        );
        assert_eq!(
            p.encryption_param_set,
            Some(Oid::new_unwrap("1.2.643.2.2.31.1"))
        );
        // A fourth element, or something other than an OID, is malformed.
        assert!(
            GostParams::from_der(&seq(&[curve.clone(), digest, cipher.clone(), cipher])).is_err()
        );
        assert!(GostParams::from_der(&seq(&[curve, vec![tag::NULL, 0]])).is_err());
        assert!(GostParams::from_der(&seq(&[])).is_err());
    }

    #[test]
    fn hash_table_round_trips() {
        for (oid, h) in HASHES {
            assert_eq!(HashAlgorithm::from_oid(oid), Some(*h));
            // Aliases (the NCA's Streebog OIDs) give the first OID listed.
            let first = HASHES.iter().find(|(_, x)| x == h).map(|(o, _)| *o);
            assert_eq!(Some(h.oid()), first);
        }
        assert_eq!(
            HashAlgorithm::from_oid(&Oid::new_unwrap("1.2.398.3.10.1.3.3")),
            Some(HashAlgorithm::Streebog512)
        );
        assert_eq!(
            HashAlgorithm::Streebog512.oid(),
            Oid::new_unwrap("1.2.643.7.1.1.2.3")
        );
    }
}
