//! PKCS#12 (RFC 7292) reading: PFX → MAC check → authenticated safe →
//! safe contents (plain or encrypted) → safe bags (keys, certificates).
//!
//! ```text
//! PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
//! MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
//! AuthenticatedSafe ::= SEQUENCE OF ContentInfo   -- id-data or id-encryptedData
//! SafeContents ::= SEQUENCE OF SafeBag
//! SafeBag ::= SEQUENCE { bagId OID, bagValue [0] EXPLICIT ANY, bagAttributes SET OF PKCS12Attribute OPTIONAL }
//! ```
//!
//! BER: Kalkan (the Kazakh NCA's library), Windows and Java write the
//! authenticated safe and the encrypted contents with indefinite lengths and
//! chunked OCTET STRINGs (X.690 §8.1.3.6, §8.7.3); those elements are turned
//! into DER by [`crate::envelope::ber`] before the strict reader sees them.

use std::borrow::Cow;
use std::fmt;

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockCipherDecrypt, BlockModeDecrypt, InnerIvInit, KeyInit};
use hmac::digest;
use hmac::{Hmac, Mac};
use pkcs12::kdf::Pkcs12KeyType;
use sha1::Sha1;
use sha2::{Sha224, Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use super::KeyStoreError;
use crate::Oid;
use crate::asn1::{self, Asn1Error, Tlv, tag};
use crate::envelope::ber;

/// The largest iteration count accepted for any key derivation (the MAC key,
/// the PKCS#12 PBE keys, PBKDF2). RFC 8018 §4.2 calls 10,000,000 iterations
/// appropriate "for especially critical keys"; real key stores use 1024
/// (Kalkan, `openssl -legacy`), 2048 (OpenSSL 3) or a few hundred thousand.
/// A count chosen by a hostile file would otherwise make us spin for hours.
pub const MAX_ITERATIONS: u64 = 10_000_000;

/// How deeply `safeContentsBag`s may nest (RFC 7292 §4.2.6 allows nesting;
/// no producer nests at all). Bounds the recursion on hostile input.
const MAX_NESTING: usize = 8;

// Object identifiers, RFC 7292 Appendix D unless noted.
const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1"); // RFC 5652 §4
const ID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2"); // RFC 5652 §5
const ID_ENVELOPED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.3"); // RFC 5652 §6
const ID_ENCRYPTED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.6"); // RFC 5652 §8
const KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.1");
const SHROUDED_KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.2");
const CERT_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.3");
const SAFE_CONTENTS_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.6");
const X509_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.22.1"); // RFC 7292 §4.2.3
const FRIENDLY_NAME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.20"); // PKCS#9, RFC 2985 §5.5.1
const LOCAL_KEY_ID: Oid = Oid::new_unwrap("1.2.840.113549.1.9.21"); // PKCS#9, RFC 2985 §5.5.2
const PBE_SHA1_RC4_128: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.1");
const PBE_SHA1_RC4_40: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.2");
const PBE_SHA1_3DES: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.3");
const PBE_SHA1_2DES: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.4");
const PBE_SHA1_RC2_128: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.5");
const PBE_SHA1_RC2_40: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.6");
const PBES2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.13"); // RFC 8018 §6.2, A.4
const PBMAC1: Oid = Oid::new_unwrap("1.2.840.113549.1.5.14"); // RFC 9579
const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
const SHA224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.4");
const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");

/// An opened PKCS#12 key store: its private keys and certificates.
///
/// CRL bags, secret bags and certificate bags of types other than X.509
/// (RFC 7292 §4.2.3–4.2.5) are skipped: nothing in sigbridge uses them.
#[derive(Debug)]
pub struct Pkcs12 {
    keys: Vec<KeyEntry>,
    certificates: Vec<CertEntry>,
}

/// A private key from a key bag or shrouded key bag. The key bytes are
/// wiped from memory when the entry is dropped, and never printed by `Debug`.
pub struct KeyEntry {
    private_key_info: Zeroizing<Vec<u8>>,
    algorithm: Oid,
    local_key_id: Option<Vec<u8>>,
    friendly_name: Option<String>,
}

/// A certificate from a certificate bag (`x509Certificate`).
#[derive(Clone, PartialEq, Eq)]
pub struct CertEntry {
    der: Vec<u8>,
    local_key_id: Option<Vec<u8>>,
    friendly_name: Option<String>,
}

impl KeyEntry {
    /// The decrypted PKCS#8 `PrivateKeyInfo` (RFC 5208 §5 / RFC 5958
    /// `OneAsymmetricKey`), DER, exactly as stored.
    pub fn private_key_info(&self) -> &[u8] {
        &self.private_key_info
    }

    /// The `privateKeyAlgorithm` OID of the `PrivateKeyInfo`
    /// (e.g. `1.2.840.113549.1.1.1` for RSA, `1.2.398.3.10.1.1.2.2` for a
    /// Kazakh GOST 34.10-2015-512 key).
    pub fn algorithm(&self) -> Oid {
        self.algorithm
    }

    /// The `localKeyId` attribute (PKCS#9), which the matching certificate
    /// bag carries too.
    pub fn local_key_id(&self) -> Option<&[u8]> {
        self.local_key_id.as_deref()
    }

    /// The `friendlyName` attribute (PKCS#9), if any.
    pub fn friendly_name(&self) -> Option<&str> {
        self.friendly_name.as_deref()
    }
}

impl fmt::Debug for KeyEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyEntry")
            .field("algorithm", &self.algorithm)
            .field("private_key_info", &"[redacted]")
            .field("local_key_id", &self.local_key_id)
            .field("friendly_name", &self.friendly_name)
            .finish()
    }
}

impl fmt::Debug for CertEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CertEntry")
            .field("der_len", &self.der.len())
            .field("local_key_id", &self.local_key_id)
            .field("friendly_name", &self.friendly_name)
            .finish()
    }
}

impl CertEntry {
    /// The certificate, DER, exactly as stored.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The `localKeyId` attribute (PKCS#9), if any.
    pub fn local_key_id(&self) -> Option<&[u8]> {
        self.local_key_id.as_deref()
    }

    /// The `friendlyName` attribute (PKCS#9), if any.
    pub fn friendly_name(&self) -> Option<&str> {
        self.friendly_name.as_deref()
    }
}

impl Pkcs12 {
    /// Opens a DER (or BER) PKCS#12 file with `password`.
    ///
    /// The MAC is checked **before** anything is decrypted; a MAC that does
    /// not verify is [`KeyStoreError::WrongPassword`]. A file without a MAC
    /// is accepted only when nothing in it is encrypted under the password
    /// (a certificate-only store such as Java's password-less trust
    /// stores); otherwise it is [`KeyStoreError::MissingMac`].
    ///
    /// # Errors
    ///
    /// [`KeyStoreError`]: wrong password, malformed structure (naming the
    /// part), unsupported algorithm (naming the OID), too many iterations,
    /// missing MAC.
    pub fn from_der(der: &[u8], password: &str) -> Result<Pkcs12, KeyStoreError> {
        let pfx_der = normalised(der, "PFX")?;
        let pfx = asn1::read_single_tag(&pfx_der, tag::SEQUENCE).map_err(malformed("PFX"))?;
        let mut r = pfx.reader();
        let version = r.read_tag(tag::INTEGER).map_err(malformed("PFX version"))?;
        // RFC 7292 §4: version v3(3), the only one.
        if asn1::small_uint(version.value).ok() != Some(3) {
            return Err(KeyStoreError::Malformed {
                what: "PFX version",
                reason: "not v3 (3), the only version RFC 7292 §4 defines".into(),
            });
        }
        let auth_safe = r.read_tag(tag::SEQUENCE).map_err(malformed("authSafe"))?;
        let mac_data = r
            .read_optional(tag::SEQUENCE)
            .map_err(malformed("MacData"))?;
        r.finish().map_err(malformed("PFX"))?;

        let auth_safe_bytes = auth_safe_content(auth_safe)?;
        let passwords = Passwords::new(password);
        // RFC 7292 §4: in password integrity mode the MAC over the
        // authSafe contents is keyed by the password; checked first, so that
        // nothing is decrypted with a wrong password (§5.1 step 4, reversed).
        let bmp = match mac_data {
            Some(mac) => Some(verify_mac(mac, &auth_safe_bytes, &passwords)?),
            None => None,
        };
        let mut store = Pkcs12 {
            keys: Vec::new(),
            certificates: Vec::new(),
        };
        let ctx = Ctx { bmp, password };
        let safe = normalised(&auth_safe_bytes, "AuthenticatedSafe")?;
        let safe =
            asn1::read_single_tag(&safe, tag::SEQUENCE).map_err(malformed("AuthenticatedSafe"))?;
        let mut contents = safe.reader();
        while !contents.is_empty() {
            let info = contents
                .read_tag(tag::SEQUENCE)
                .map_err(malformed("AuthenticatedSafe ContentInfo"))?;
            store.read_content_info(info, &ctx)?;
        }
        Ok(store)
    }

    /// The private keys, in file order (usually one).
    pub fn keys(&self) -> &[KeyEntry] {
        &self.keys
    }

    /// The certificates, in file order: the user's, and often its CA chain.
    pub fn certificates(&self) -> &[CertEntry] {
        &self.certificates
    }

    /// The certificate whose `localKeyId` equals the key's (RFC 7292 §4.2,
    /// PKCS#9 `localKeyId`: the attribute that pairs a key with its
    /// certificate). `None` when the key has no id or no certificate
    /// carries it; matching by public key is then the caller's job.
    pub fn certificate_for(&self, key: &KeyEntry) -> Option<&CertEntry> {
        let id = key.local_key_id()?;
        self.certificates
            .iter()
            .find(|c| c.local_key_id() == Some(id))
    }

    fn read_content_info(&mut self, info: Tlv<'_>, ctx: &Ctx<'_>) -> Result<(), KeyStoreError> {
        let mut r = info.reader();
        let content_type = asn1::read_oid(&mut r).map_err(malformed("ContentInfo contentType"))?;
        let content = r.read_tag(0xa0).map_err(malformed("ContentInfo content"))?;
        r.finish().map_err(malformed("ContentInfo"))?;
        let content = asn1::read_single(content.value).map_err(malformed("ContentInfo content"))?;
        if content_type == ID_DATA {
            let safe_contents = octets(content, "SafeContents (data)")?;
            self.read_safe_contents(&safe_contents, ctx, 0)
        } else if content_type == ID_ENCRYPTED_DATA {
            let (alg, ciphertext) = encrypted_data(content)?;
            let plain = decrypt(alg, &ciphertext, ctx, "encrypted SafeContents")?;
            self.read_safe_contents(&plain, ctx, 0)
        } else if content_type == ID_ENVELOPED_DATA {
            // RFC 7292 §3.1 public-key privacy mode: needs the recipient's key.
            Err(unsupported(
                "privacy mode",
                content_type,
                "envelopedData (public-key privacy)",
            ))
        } else {
            Err(unsupported(
                "AuthenticatedSafe content type",
                content_type,
                name_of(content_type),
            ))
        }
    }

    fn read_safe_contents(
        &mut self,
        bytes: &[u8],
        ctx: &Ctx<'_>,
        depth: usize,
    ) -> Result<(), KeyStoreError> {
        if depth > MAX_NESTING {
            return Err(KeyStoreError::Malformed {
                what: "SafeContents",
                reason: format!("safeContentsBag nested more than {MAX_NESTING} deep"),
            });
        }
        let der = normalised(bytes, "SafeContents")?;
        let seq = asn1::read_single_tag(&der, tag::SEQUENCE).map_err(malformed("SafeContents"))?;
        let mut bags = seq.reader();
        while !bags.is_empty() {
            let bag = bags.read_tag(tag::SEQUENCE).map_err(malformed("SafeBag"))?;
            let mut r = bag.reader();
            let bag_id = asn1::read_oid(&mut r).map_err(malformed("SafeBag bagId"))?;
            let value = r.read_tag(0xa0).map_err(malformed("SafeBag bagValue"))?;
            let value = asn1::read_single(value.value).map_err(malformed("SafeBag bagValue"))?;
            let attributes = match r
                .read_optional(tag::SET)
                .map_err(malformed("SafeBag bagAttributes"))?
            {
                Some(set) => attributes(set)?,
                None => Attributes::default(),
            };
            r.finish().map_err(malformed("SafeBag"))?;
            if bag_id == KEY_BAG {
                // RFC 7292 §4.2.1: a plain PrivateKeyInfo.
                let pki = Zeroizing::new(value.raw.to_vec());
                self.push_key(pki, attributes)?;
            } else if bag_id == SHROUDED_KEY_BAG {
                // RFC 7292 §4.2.2: EncryptedPrivateKeyInfo (RFC 5208 §6).
                let mut e = value.reader();
                let alg = e
                    .read_tag(tag::SEQUENCE)
                    .map_err(malformed("shrouded key bag encryptionAlgorithm"))?;
                let data = e
                    .read_tag(tag::OCTET_STRING)
                    .map_err(malformed("shrouded key bag encryptedData"))?;
                e.finish().map_err(malformed("shrouded key bag"))?;
                let pki = decrypt(alg, data.value, ctx, "shrouded key bag")?;
                self.push_key(pki, attributes)?;
            } else if bag_id == CERT_BAG {
                // RFC 7292 §4.2.3: CertBag { certId, certValue [0] EXPLICIT OCTET STRING }.
                let mut c = value.reader();
                let cert_id =
                    asn1::read_oid(&mut c).map_err(malformed("certificate bag certId"))?;
                let cert_value = c
                    .read_tag(0xa0)
                    .map_err(malformed("certificate bag certValue"))?;
                c.finish().map_err(malformed("certificate bag"))?;
                if cert_id != X509_CERTIFICATE {
                    continue; // sdsiCertificate and others: nothing here uses them.
                }
                let octets = asn1::read_single_tag(cert_value.value, tag::OCTET_STRING)
                    .map_err(malformed("certificate bag certValue"))?;
                // The certificate itself is parsed by the caller; here it must
                // at least be one DER element.
                asn1::read_single_tag(octets.value, tag::SEQUENCE)
                    .map_err(malformed("certificate bag certificate"))?;
                self.certificates.push(CertEntry {
                    der: octets.value.to_vec(),
                    local_key_id: attributes.local_key_id,
                    friendly_name: attributes.friendly_name,
                });
            } else if bag_id == SAFE_CONTENTS_BAG {
                // RFC 7292 §4.2.6: a nested SafeContents.
                self.read_safe_contents(value.raw, ctx, depth + 1)?;
            }
            // crlBag, secretBag and unknown bag types are skipped (RFC 7292
            // §4.2: a reader uses the bag types it needs).
        }
        Ok(())
    }

    fn push_key(
        &mut self,
        pki: Zeroizing<Vec<u8>>,
        attributes: Attributes,
    ) -> Result<(), KeyStoreError> {
        let algorithm = private_key_algorithm(&pki)?;
        self.keys.push(KeyEntry {
            private_key_info: pki,
            algorithm,
            local_key_id: attributes.local_key_id,
            friendly_name: attributes.friendly_name,
        });
        Ok(())
    }
}

/// What decryption needs: the BMPString password whose MAC verified (the
/// PKCS#12 PBE form), and the password as text (the PBES2 form).
struct Ctx<'a> {
    bmp: Option<Zeroizing<Vec<u8>>>,
    password: &'a str,
}

/// The password forms to try on the MAC.
struct Passwords {
    forms: Vec<Zeroizing<Vec<u8>>>,
}

impl Passwords {
    fn new(password: &str) -> Passwords {
        // RFC 7292 Appendix B.1: the password is a BMPString, big-endian,
        // with two trailing zero octets. Characters outside the BMP are
        // written as UTF-16 surrogate pairs, as OpenSSL's OPENSSL_utf82uni does.
        let mut bmp = Zeroizing::new(Vec::new());
        for unit in password.encode_utf16() {
            bmp.extend_from_slice(&unit.to_be_bytes());
        }
        bmp.extend_from_slice(&[0, 0]);
        let mut forms = vec![bmp];
        if password.is_empty() {
            // An empty password is written either as the two zero octets or
            // as no octets at all; OpenSSL (crypto/pkcs12/p12_kiss.c,
            // PKCS12_parse) tries both, and so do we.
            forms.push(Zeroizing::new(Vec::new()));
        }
        Passwords { forms }
    }
}

/// The PKCS#12 key derivation of RFC 7292 Appendix B.2 over hash `D`.
fn kdf<D>(
    password: &[u8],
    salt: &[u8],
    id: Pkcs12KeyType,
    iterations: u32,
    len: usize,
) -> Zeroizing<Vec<u8>>
where
    D: digest::Digest + digest::FixedOutputReset + digest::block_api::BlockSizeUser,
{
    // `iterations` ≤ MAX_ITERATIONS < i32::MAX (checked by the caller).
    let rounds = i32::try_from(iterations).unwrap_or(i32::MAX);
    Zeroizing::new(pkcs12::kdf::derive_key::<D>(
        password, salt, id, rounds, len,
    ))
}

/// Checks the MacData against `content` with each password form; returns
/// the form that verified.
fn verify_mac(
    mac_data: Tlv<'_>,
    content: &[u8],
    passwords: &Passwords,
) -> Result<Zeroizing<Vec<u8>>, KeyStoreError> {
    let mut r = mac_data.reader();
    let digest_info = r
        .read_tag(tag::SEQUENCE)
        .map_err(malformed("MacData mac"))?;
    let salt = r
        .read_tag(tag::OCTET_STRING)
        .map_err(malformed("MacData macSalt"))?;
    // RFC 7292 §4: iterations INTEGER DEFAULT 1.
    let iterations = match r
        .read_optional(tag::INTEGER)
        .map_err(malformed("MacData iterations"))?
    {
        Some(i) => iteration_count(i.value, "MAC key derivation")?,
        None => 1,
    };
    r.finish().map_err(malformed("MacData"))?;
    let mut d = digest_info.reader();
    let alg = d
        .read_tag(tag::SEQUENCE)
        .map_err(malformed("MacData digestAlgorithm"))?;
    let expected = d
        .read_tag(tag::OCTET_STRING)
        .map_err(malformed("MacData digest"))?;
    d.finish().map_err(malformed("MacData mac"))?;
    let (digest_oid, _) = algorithm_identifier(alg, "MacData digestAlgorithm")?;
    if digest_oid == PBMAC1 {
        return Err(unsupported("MAC", digest_oid, "PBMAC1 (RFC 9579)"));
    }
    // A MAC value of the wrong length is damage, not a wrong password.
    let output_len = match digest_oid {
        d if d == SHA1 => Some(20),
        d if d == SHA224 => Some(28),
        d if d == SHA256 => Some(32),
        d if d == SHA384 => Some(48),
        d if d == SHA512 => Some(64),
        _ => None,
    };
    if let Some(n) = output_len
        && expected.value.len() != n
    {
        return Err(KeyStoreError::Malformed {
            what: "MacData digest",
            reason: format!("{} bytes for a {n}-byte hash", expected.value.len()),
        });
    }
    for form in &passwords.forms {
        // RFC 7292 Appendix B.4: the MAC key is derived with ID 3 and the
        // MAC's own hash, as long as that hash's output; the MAC is HMAC
        // over the contents octets of authSafe's content.
        let ok = match digest_oid {
            d if d == SHA1 => {
                hmac_ok::<Sha1>(form, salt.value, iterations, content, expected.value)
            }
            d if d == SHA224 => {
                hmac_ok::<Sha224>(form, salt.value, iterations, content, expected.value)
            }
            d if d == SHA256 => {
                hmac_ok::<Sha256>(form, salt.value, iterations, content, expected.value)
            }
            d if d == SHA384 => {
                hmac_ok::<Sha384>(form, salt.value, iterations, content, expected.value)
            }
            d if d == SHA512 => {
                hmac_ok::<Sha512>(form, salt.value, iterations, content, expected.value)
            }
            other => return Err(unsupported("MAC digest", other, name_of(other))),
        };
        if ok {
            return Ok(form.clone());
        }
    }
    Err(KeyStoreError::WrongPassword)
}

fn hmac_ok<D>(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    content: &[u8],
    expected: &[u8],
) -> bool
where
    D: digest::Digest
        + digest::FixedOutputReset
        + digest::block_api::BlockSizeUser
        + hmac::EagerHash,
    Hmac<D>: KeyInit + Mac,
{
    let key = kdf::<D>(
        password,
        salt,
        Pkcs12KeyType::Mac,
        iterations,
        <D as digest::OutputSizeUser>::output_size(),
    );
    let Ok(mut mac) = <Hmac<D> as KeyInit>::new_from_slice(&key) else {
        return false;
    };
    Mac::update(&mut mac, content);
    // Constant-time comparison (digest's CtOutput).
    mac.verify_slice(expected).is_ok()
}

/// Decrypts `ciphertext` under the encryption AlgorithmIdentifier `alg`.
fn decrypt(
    alg: Tlv<'_>,
    ciphertext: &[u8],
    ctx: &Ctx<'_>,
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>, KeyStoreError> {
    let (oid, params) = algorithm_identifier(alg, what)?;
    // Without a verified MAC there is no password form to decrypt with
    // (see `Pkcs12::from_der`: encrypted contents need a MAC).
    let Some(bmp) = ctx.bmp.as_ref() else {
        return Err(KeyStoreError::MissingMac);
    };
    if oid == PBES2 {
        return decrypt_pbes2(alg.raw, ciphertext, ctx.password, what);
    }
    let cipher = match oid {
        o if o == PBE_SHA1_3DES => LegacyCipher::TripleDes3,
        o if o == PBE_SHA1_2DES => LegacyCipher::TripleDes2,
        o if o == PBE_SHA1_RC2_128 => LegacyCipher::Rc2 { key_len: 16 },
        o if o == PBE_SHA1_RC2_40 => LegacyCipher::Rc2 { key_len: 5 },
        other => return Err(unsupported("encryption", other, name_of(other))),
    };
    // RFC 7292 Appendix C: pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }.
    let params = params.ok_or_else(|| KeyStoreError::Malformed {
        what,
        reason: "PKCS#12 PBE parameters are missing".into(),
    })?;
    if params.tag != tag::SEQUENCE {
        return Err(KeyStoreError::Malformed {
            what,
            reason: "PKCS#12 PBE parameters are not a SEQUENCE".into(),
        });
    }
    let mut p = params.reader();
    let salt = p.read_tag(tag::OCTET_STRING).map_err(malformed(what))?;
    let iterations = p.read_tag(tag::INTEGER).map_err(malformed(what))?;
    p.finish().map_err(malformed(what))?;
    let iterations = iteration_count(iterations.value, "PBE key derivation")?;
    // RFC 7292 Appendix B.2/C: key with ID 1, IV with ID 2, SHA-1 for all
    // six PKCS#12 PBE schemes.
    let key_len = cipher.key_len();
    let key = kdf::<Sha1>(
        bmp,
        salt.value,
        Pkcs12KeyType::EncryptionKey,
        iterations,
        key_len,
    );
    let iv = kdf::<Sha1>(bmp, salt.value, Pkcs12KeyType::Iv, iterations, 8);
    let mut buf = Zeroizing::new(ciphertext.to_vec());
    let plain_len = cipher
        .decrypt(&key, &iv, &mut buf)
        .map_err(|reason| KeyStoreError::Malformed { what, reason })?;
    buf.truncate(plain_len);
    Ok(buf)
}

#[derive(Clone, Copy)]
enum LegacyCipher {
    TripleDes3,
    TripleDes2,
    Rc2 { key_len: usize },
}

impl LegacyCipher {
    fn key_len(self) -> usize {
        match self {
            LegacyCipher::TripleDes3 => 24,
            LegacyCipher::TripleDes2 => 16,
            LegacyCipher::Rc2 { key_len } => key_len,
        }
    }

    /// CBC decryption with PKCS#7 padding (RFC 7292 Appendix C refers to
    /// RFC 8018 §6.1.1 step 4 for the padding) in place; the plaintext length.
    fn decrypt(self, key: &[u8], iv: &[u8], buf: &mut [u8]) -> Result<usize, String> {
        let bad_key = |_| "derived key of the wrong length".to_string();
        match self {
            LegacyCipher::TripleDes3 => {
                let c = des::TdesEde3::new_from_slice(key).map_err(bad_key)?;
                cbc_decrypt(c, iv, buf)
            }
            LegacyCipher::TripleDes2 => {
                let c = des::TdesEde2::new_from_slice(key).map_err(bad_key)?;
                cbc_decrypt(c, iv, buf)
            }
            LegacyCipher::Rc2 { key_len } => {
                // RFC 7292 Appendix C: RC2 with an effective key length equal
                // to the key length (40 or 128 bits).
                let c = rc2::Rc2::new_with_eff_key_len(key, key_len * 8);
                cbc_decrypt(c, iv, buf)
            }
        }
    }
}

fn cbc_decrypt<C>(cipher: C, iv: &[u8], buf: &mut [u8]) -> Result<usize, String>
where
    C: BlockCipherDecrypt,
{
    let dec = cbc::Decryptor::<C>::inner_iv_slice_init(cipher, iv)
        .map_err(|_| "derived IV of the wrong length".to_string())?;
    dec.decrypt_padded::<Pkcs7>(buf)
        .map(|plain| plain.len())
        .map_err(|_| {
            "decryption padding is wrong although the MAC verified (the contents were written damaged)"
                .to_string()
        })
}

/// PBES2 (RFC 8018 §6.2) through the `pkcs5` crate, after bounding its cost.
fn decrypt_pbes2(
    alg_der: &[u8],
    ciphertext: &[u8],
    password: &str,
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>, KeyStoreError> {
    use pkcs8::pkcs5::{self, EncryptionScheme};
    let scheme = EncryptionScheme::try_from(alg_der).map_err(|e| KeyStoreError::Malformed {
        what,
        reason: format!("PBES2 parameters: {e}"),
    })?;
    let Some(params) = scheme.pbes2() else {
        return Err(KeyStoreError::Malformed {
            what,
            reason: "PBES2 parameters are not PBES2".into(),
        });
    };
    match params.kdf.pbkdf2() {
        Some(pbkdf2) => {
            let count = u64::from(pbkdf2.iteration_count);
            if count > MAX_ITERATIONS {
                return Err(KeyStoreError::TooManyIterations {
                    what: "PBKDF2",
                    count,
                    max: MAX_ITERATIONS,
                });
            }
        }
        None => {
            // scrypt: its memory cost is chosen by the file; no PKCS#12
            // producer writes it, so it is refused rather than bounded.
            return Err(KeyStoreError::Unsupported {
                what: "PBES2 key derivation",
                oid: params.kdf.oid().to_string(),
                name: "scrypt",
            });
        }
    }
    // PBES2 inside PKCS#12 takes the password as its UTF-8 octets, not the
    // BMPString of Appendix B (OpenSSL crypto/pkcs12/p12_decr.c hands the
    // password unchanged to PKCS5_v2_PBE_keyivgen; RFC 9579 §5 likewise).
    scheme
        .decrypt(password.as_bytes(), ciphertext)
        .map(Zeroizing::new)
        .map_err(|e| match e {
            pkcs5::Error::UnsupportedAlgorithm { oid } => KeyStoreError::Unsupported {
                what: "PBES2 cipher",
                oid: oid.to_string(),
                name: "unknown",
            },
            pkcs5::Error::DecryptFailed => KeyStoreError::Malformed {
                what,
                reason: "PBES2 decryption padding is wrong although the MAC verified".into(),
            },
            other => KeyStoreError::Malformed {
                what,
                reason: format!("PBES2: {other}"),
            },
        })
}

/// The `privateKeyAlgorithm` of a PrivateKeyInfo / OneAsymmetricKey
/// (RFC 5958 §2: version, privateKeyAlgorithm, privateKey, …).
fn private_key_algorithm(pki: &[u8]) -> Result<Oid, KeyStoreError> {
    const WHAT: &str = "PrivateKeyInfo";
    let seq = asn1::read_single_tag(pki, tag::SEQUENCE).map_err(malformed(WHAT))?;
    let mut r = seq.reader();
    r.read_tag(tag::INTEGER).map_err(malformed(WHAT))?;
    let alg = r.read_tag(tag::SEQUENCE).map_err(malformed(WHAT))?;
    r.read_tag(tag::OCTET_STRING).map_err(malformed(WHAT))?;
    let (oid, _) = algorithm_identifier(alg, WHAT)?;
    Ok(oid)
}

#[derive(Default)]
struct Attributes {
    local_key_id: Option<Vec<u8>>,
    friendly_name: Option<String>,
}

/// PKCS12Attribute ::= SEQUENCE { attrId OID, attrValues SET OF ANY }.
fn attributes(set: Tlv<'_>) -> Result<Attributes, KeyStoreError> {
    let mut out = Attributes::default();
    let mut r = set.reader();
    while !r.is_empty() {
        let attr = r
            .read_tag(tag::SEQUENCE)
            .map_err(malformed("bag attribute"))?;
        let mut a = attr.reader();
        let id = asn1::read_oid(&mut a).map_err(malformed("bag attribute attrId"))?;
        let values = a
            .read_tag(tag::SET)
            .map_err(malformed("bag attribute attrValues"))?;
        a.finish().map_err(malformed("bag attribute"))?;
        // PKCS#9 (RFC 2985 §5.5.1, §5.5.2): both single-valued.
        let first = values.reader().read().ok();
        if id == LOCAL_KEY_ID {
            let v = first
                .filter(|v| v.tag == tag::OCTET_STRING)
                .ok_or_else(|| KeyStoreError::Malformed {
                    what: "localKeyId attribute",
                    reason: "not an OCTET STRING".into(),
                })?;
            out.local_key_id = Some(v.value.to_vec());
        } else if id == FRIENDLY_NAME {
            let v = first.filter(|v| v.tag == tag::BMP_STRING).ok_or_else(|| {
                KeyStoreError::Malformed {
                    what: "friendlyName attribute",
                    reason: "not a BMPString".into(),
                }
            })?;
            out.friendly_name = Some(bmp_text(v.value)?);
        }
        // Other attributes (Microsoft CSP name, Java trusted key usage) are
        // not needed here.
    }
    Ok(out)
}

fn bmp_text(value: &[u8]) -> Result<String, KeyStoreError> {
    let units: Vec<u16> = value
        .chunks(2)
        .map(|c| match c {
            [hi, lo] => Ok(u16::from_be_bytes([*hi, *lo])),
            _ => Err(KeyStoreError::Malformed {
                what: "friendlyName attribute",
                reason: "BMPString of odd length".into(),
            }),
        })
        .collect::<Result<_, _>>()?;
    String::from_utf16(&units).map_err(|_| KeyStoreError::Malformed {
        what: "friendlyName attribute",
        reason: "not valid UTF-16".into(),
    })
}

/// AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }.
fn algorithm_identifier<'a>(
    alg: Tlv<'a>,
    what: &'static str,
) -> Result<(Oid, Option<Tlv<'a>>), KeyStoreError> {
    let mut r = alg.reader();
    let oid = asn1::read_oid(&mut r).map_err(malformed(what))?;
    let params = if r.is_empty() {
        None
    } else {
        Some(r.read().map_err(malformed(what))?)
    };
    r.finish().map_err(malformed(what))?;
    Ok((oid, params))
}

/// EncryptedData ::= SEQUENCE { version, EncryptedContentInfo { contentType,
/// contentEncryptionAlgorithm, encryptedContent [0] IMPLICIT OCTET STRING } }
/// (RFC 5652 §8, §6.1).
fn encrypted_data(content: Tlv<'_>) -> Result<(Tlv<'_>, Cow<'_, [u8]>), KeyStoreError> {
    const WHAT: &str = "EncryptedData";
    if content.tag != tag::SEQUENCE {
        return Err(KeyStoreError::Malformed {
            what: WHAT,
            reason: "not a SEQUENCE".into(),
        });
    }
    let mut r = content.reader();
    r.read_tag(tag::INTEGER).map_err(malformed(WHAT))?;
    let eci = r
        .read_tag(tag::SEQUENCE)
        .map_err(malformed("EncryptedContentInfo"))?;
    r.read_optional(0xa1).map_err(malformed(WHAT))?; // unprotectedAttrs, ignored
    r.finish().map_err(malformed(WHAT))?;
    let mut e = eci.reader();
    let content_type = asn1::read_oid(&mut e).map_err(malformed("EncryptedContentInfo"))?;
    if content_type != ID_DATA {
        return Err(KeyStoreError::Malformed {
            what: "EncryptedContentInfo",
            reason: format!("content type {content_type} is not id-data (RFC 7292 §4.1)"),
        });
    }
    let alg = e
        .read_tag(tag::SEQUENCE)
        .map_err(malformed("EncryptedContentInfo contentEncryptionAlgorithm"))?;
    let ciphertext = e
        .read()
        .map_err(malformed("EncryptedContentInfo encryptedContent"))?;
    e.finish().map_err(malformed("EncryptedContentInfo"))?;
    let bytes = match ciphertext.tag {
        0x80 => Cow::Borrowed(ciphertext.value),
        // The constructed form, in chunks (BER; Kalkan, Windows).
        0xa0 => {
            let mut joined = Vec::with_capacity(ciphertext.value.len());
            ber::join_octet_string(ciphertext.value, 0, &mut joined)
                .map_err(malformed("EncryptedContentInfo encryptedContent"))?;
            Cow::Owned(joined)
        }
        found => {
            return Err(KeyStoreError::Malformed {
                what: "EncryptedContentInfo encryptedContent",
                reason: format!("expected [0], found tag 0x{found:02x}"),
            });
        }
    };
    Ok((alg, bytes))
}

/// The contents octets of authSafe's `content [0] EXPLICIT OCTET STRING`:
/// what the MAC is computed over (RFC 7292 §4).
fn auth_safe_content(auth_safe: Tlv<'_>) -> Result<Vec<u8>, KeyStoreError> {
    let mut r = auth_safe.reader();
    let content_type = asn1::read_oid(&mut r).map_err(malformed("authSafe contentType"))?;
    if content_type == ID_SIGNED_DATA {
        // RFC 7292 §3.1 public-key integrity mode.
        return Err(unsupported(
            "integrity mode",
            content_type,
            "signedData (public-key integrity)",
        ));
    }
    if content_type != ID_DATA {
        return Err(KeyStoreError::Malformed {
            what: "authSafe contentType",
            reason: format!("{content_type} is neither id-data nor id-signedData (RFC 7292 §4)"),
        });
    }
    let content = r.read_tag(0xa0).map_err(malformed("authSafe content"))?;
    r.finish().map_err(malformed("authSafe"))?;
    let octets_tlv = asn1::read_single(content.value).map_err(malformed("authSafe content"))?;
    Ok(octets(octets_tlv, "authSafe content")?.into_owned())
}

/// The value of an OCTET STRING, primitive or constructed (X.690 §8.7.3).
fn octets<'a>(tlv: Tlv<'a>, what: &'static str) -> Result<Cow<'a, [u8]>, KeyStoreError> {
    match tlv.tag {
        tag::OCTET_STRING => Ok(Cow::Borrowed(tlv.value)),
        0x24 => {
            let mut joined = Vec::with_capacity(tlv.value.len());
            ber::join_octet_string(tlv.value, 0, &mut joined).map_err(malformed(what))?;
            Ok(Cow::Owned(joined))
        }
        found => Err(KeyStoreError::Malformed {
            what,
            reason: format!("expected an OCTET STRING, found tag 0x{found:02x}"),
        }),
    }
}

/// `bytes` as DER: unchanged when the outer element has a definite length,
/// normalised when it is indefinite (BER, X.690 §8.1.3.6). Bytes after the
/// element are an error.
fn normalised<'a>(bytes: &'a [u8], what: &'static str) -> Result<Cow<'a, [u8]>, KeyStoreError> {
    if !ber::is_indefinite(bytes) {
        return Ok(Cow::Borrowed(bytes));
    }
    let (der, used) = ber::normalise_prefix(bytes).map_err(malformed(what))?;
    if used != bytes.len() {
        return Err(KeyStoreError::Malformed {
            what,
            reason: format!("{} byte(s) after the end", bytes.len() - used),
        });
    }
    Ok(Cow::Owned(der))
}

/// An iteration count: a positive INTEGER no larger than [`MAX_ITERATIONS`].
fn iteration_count(value: &[u8], what: &'static str) -> Result<u32, KeyStoreError> {
    let count = asn1::small_uint(value).map_err(|e| KeyStoreError::Malformed {
        what,
        reason: format!("iteration count: {e}"),
    })?;
    if count == 0 {
        return Err(KeyStoreError::Malformed {
            what,
            reason: "iteration count 0".into(),
        });
    }
    if count > MAX_ITERATIONS {
        return Err(KeyStoreError::TooManyIterations {
            what,
            count,
            max: MAX_ITERATIONS,
        });
    }
    u32::try_from(count).map_err(|_| KeyStoreError::TooManyIterations {
        what,
        count,
        max: MAX_ITERATIONS,
    })
}

fn malformed(what: &'static str) -> impl Fn(Asn1Error) -> KeyStoreError {
    move |e| KeyStoreError::Malformed {
        what,
        reason: e.to_string(),
    }
}

fn unsupported(what: &'static str, oid: Oid, name: &'static str) -> KeyStoreError {
    KeyStoreError::Unsupported {
        what,
        oid: oid.to_string(),
        name,
    }
}

fn name_of(oid: Oid) -> &'static str {
    match oid {
        o if o == PBE_SHA1_RC4_128 => "pbeWithSHAAnd128BitRC4",
        o if o == PBE_SHA1_RC4_40 => "pbeWithSHAAnd40BitRC4",
        o if o == PBMAC1 => "PBMAC1",
        o if o == Oid::new_unwrap("1.2.643.7.1.1.2.2") => "GOST R 34.11-2012-256",
        o if o == Oid::new_unwrap("1.2.643.7.1.1.2.3") => "GOST R 34.11-2012-512",
        o if o == Oid::new_unwrap("1.2.840.113549.2.5") => "MD5",
        o if o.to_string().starts_with("1.2.840.113549.1.5.") => "PBES1 (PKCS#5 v1.5)",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bmp_password_has_two_trailing_zeros() {
        // RFC 7292 Appendix B.1.
        let p = Passwords::new("Qw");
        assert_eq!(p.forms.len(), 1);
        assert_eq!(p.forms[0].as_slice(), &[0, b'Q', 0, b'w', 0, 0]);
        let empty = Passwords::new("");
        assert_eq!(empty.forms.len(), 2);
        assert_eq!(empty.forms[0].as_slice(), &[0, 0]);
        assert!(empty.forms[1].is_empty());
    }

    #[test]
    fn iteration_counts_are_bounded() {
        assert_eq!(iteration_count(&[0x04, 0x00], "x"), Ok(1024));
        assert_eq!(
            iteration_count(&[0x00], "x"),
            Err(KeyStoreError::Malformed {
                what: "x",
                reason: "iteration count 0".into()
            })
        );
        // 10,000,001
        assert_eq!(
            iteration_count(&[0x00, 0x98, 0x96, 0x81], "x"),
            Err(KeyStoreError::TooManyIterations {
                what: "x",
                count: 10_000_001,
                max: MAX_ITERATIONS
            })
        );
        assert_eq!(
            iteration_count(&[0x00, 0x98, 0x96, 0x80], "x"),
            Ok(10_000_000)
        );
    }

    #[test]
    fn kdf_matches_openssl() {
        // `openssl kdf -keylen 24 -kdfopt digest:SHA1
        //  -kdfopt hexpass:005100770065007200740079003100320000
        //  -kdfopt hexsalt:0001020304050607 -kdfopt iter:1024 -kdfopt id:1 PKCS12KDF`
        // (OpenSSL's KDF takes the password already in BMPString form).
        let p = Passwords::new("Qwerty12");
        let key = kdf::<Sha1>(
            &p.forms[0],
            &[0, 1, 2, 3, 4, 5, 6, 7],
            Pkcs12KeyType::EncryptionKey,
            1024,
            24,
        );
        assert_eq!(hex(&key), OPENSSL_KDF_ID1);
    }

    /// A PFX with one 3DES shrouded key bag over `plaintext` (a whole
    /// number of 8-byte blocks, encrypted without adding padding) and a
    /// correct HMAC-SHA-1 MAC: what a writer that got the padding wrong
    /// would produce.
    fn pfx_with_key_plaintext(password: &str, plaintext: &[u8]) -> Vec<u8> {
        use cbc::cipher::block_padding::NoPadding;
        use cbc::cipher::{BlockModeEncrypt, KeyIvInit};
        let bmp = Passwords::new(password).forms.remove(0);
        let salt = [7u8; 8];
        let key = kdf::<Sha1>(&bmp, &salt, Pkcs12KeyType::EncryptionKey, 16, 24);
        let iv = kdf::<Sha1>(&bmp, &salt, Pkcs12KeyType::Iv, 16, 8);
        let enc = cbc::Encryptor::<des::TdesEde3>::new_from_slices(&key, &iv).unwrap();
        let mut ct = plaintext.to_vec();
        enc.encrypt_padded::<NoPadding>(&mut ct, plaintext.len())
            .unwrap();
        let seq = |parts: &[&[u8]]| asn1::encode_parts(tag::SEQUENCE, parts);
        let explicit0 = |v: &[u8]| asn1::encode(0xa0, v);
        let oid = |o: Oid| asn1::encode_oid(&o);
        let pbe_params = seq(&[
            &asn1::encode(tag::OCTET_STRING, &salt),
            &asn1::encode(tag::INTEGER, &[16]),
        ]);
        let alg = seq(&[&oid(PBE_SHA1_3DES), &pbe_params]);
        let epki = seq(&[&alg, &asn1::encode(tag::OCTET_STRING, &ct)]);
        let bag = seq(&[&oid(SHROUDED_KEY_BAG), &explicit0(&epki)]);
        let safe_contents = seq(&[&bag]);
        let data = seq(&[
            &oid(ID_DATA),
            &explicit0(&asn1::encode(tag::OCTET_STRING, &safe_contents)),
        ]);
        let auth_safe_content = seq(&[&data]);
        let mac_key = kdf::<Sha1>(&bmp, &salt, Pkcs12KeyType::Mac, 16, 20);
        let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(&mac_key).unwrap();
        Mac::update(&mut mac, &auth_safe_content);
        let digest = mac.finalize().into_bytes();
        let sha1_alg = seq(&[&oid(SHA1), &asn1::encode(tag::NULL, &[])]);
        let mac_data = seq(&[
            &seq(&[&sha1_alg, &asn1::encode(tag::OCTET_STRING, &digest)]),
            &asn1::encode(tag::OCTET_STRING, &salt),
            &asn1::encode(tag::INTEGER, &[16]),
        ]);
        let auth_safe = seq(&[
            &oid(ID_DATA),
            &explicit0(&asn1::encode(tag::OCTET_STRING, &auth_safe_content)),
        ]);
        seq(&[&asn1::encode(tag::INTEGER, &[3]), &auth_safe, &mac_data])
    }

    #[test]
    fn built_store_round_trips() {
        // A minimal PrivateKeyInfo (version 0, rsaEncryption, empty key)
        // with correct PKCS#7 padding: 19 bytes + 5 × 0x05.
        let mut pki = vec![0x30, 0x11, 0x02, 0x01, 0x00, 0x30, 0x0a, 0x06, 0x08];
        pki.extend_from_slice(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01]);
        pki.extend_from_slice(&[0x04, 0x00]);
        assert_eq!(pki.len(), 19);
        let mut padded = pki.clone();
        padded.extend_from_slice(&[5; 5]);
        let store = Pkcs12::from_der(&pfx_with_key_plaintext("pw", &padded), "pw").unwrap();
        assert_eq!(store.keys()[0].private_key_info(), pki.as_slice());
        assert_eq!(
            store.keys()[0].algorithm(),
            Oid::new_unwrap("1.2.840.113549.1.1")
        );
        assert_eq!(
            Pkcs12::from_der(&pfx_with_key_plaintext("pw", &padded), "pW").unwrap_err(),
            KeyStoreError::WrongPassword
        );
    }

    #[test]
    fn bad_padding_after_a_good_mac_is_malformed() {
        // Last byte 0x00: never valid PKCS#7 padding (RFC 8018 §6.1.1 step 4).
        let der = pfx_with_key_plaintext("pw", &[0u8; 16]);
        assert_eq!(
            Pkcs12::from_der(&der, "pw").unwrap_err(),
            KeyStoreError::Malformed {
                what: "shrouded key bag",
                reason: "decryption padding is wrong although the MAC verified (the contents were written damaged)".into()
            }
        );
        // Good padding, but the plaintext is no PrivateKeyInfo.
        let der = pfx_with_key_plaintext("pw", &[0x04, 0x00, 6, 6, 6, 6, 6, 6]);
        assert_eq!(
            Pkcs12::from_der(&der, "pw").unwrap_err(),
            KeyStoreError::Malformed {
                what: "PrivateKeyInfo",
                reason: "expected tag 0x30, found 0x04".into()
            }
        );
    }

    const OPENSSL_KDF_ID1: &str = "00AFD26FFF8FB223CF8E5E41FE6F8DA8F208CE6EFF99A338";

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02X}")).collect()
    }
}
