//! bign (STB 34.101.45-2013, BY): signatures on bign-curve256v1 with
//! belt-hash (`bign-with-hbelt`), through the RustCrypto `bignp256` crate.
//!
//! Byte layouts (STB 34.101.45-2013; the clause names are those of its
//! Annex Д "Модуль АСН.1"):
//! - every integer and field element is written little-endian: ⟨u⟩ is the
//!   octet string with the least significant octet first (§5.2, and Annex Д
//!   "Совместимость" item 2: little-endian instead of X9.62's big-endian);
//! - public key: `SubjectPublicKeyInfo.subjectPublicKey` is
//!   `PublicKey ::= BIT STRING (SIZE(512|768|1024))` holding
//!   ⟨Q⟩ = ⟨x_Q⟩ ‖ ⟨y_Q⟩ — on curve256v1 64 octets, no 0x04 point-format
//!   octet (Annex Д "Описание открытого ключа"); the algorithm is
//!   `bign-pubkey` (1.2.112.0.2.0.34.101.45.2.1) with `DomainParameters`,
//!   here `named` bign-curve256v1 (1.2.112.0.2.0.34.101.45.3.1);
//! - signature: S = S0 ‖ S1, 3l bits = 48 octets at l = 128: S0 the first
//!   16 octets (truncated belt-hash), S1 the next 32 (a scalar mod q,
//!   little-endian) (§7.1); in certificates and CRLs a
//!   `Signature ::= BIT STRING (SIZE(384|576|768))` of those octets, in CMS
//!   (STB 34.101.23) a `SignatureValue ::= OCTET STRING` (Annex Д
//!   "Описание электронной цифровой подписи");
//! - `bign-with-hbelt` (1.2.112.0.2.0.34.101.45.12): the AlgorithmIdentifier
//!   parameters must be NULL (Annex Д "Параметры алгоритмов"; we also accept
//!   them absent, as for the other signature families);
//! - private key: d as ⟨d⟩, 32 octets little-endian; PKCS#8 holds them as
//!   the `privateKey` OCTET STRING itself (no ECPrivateKey wrapper), with
//!   the same AlgorithmIdentifier as the public key (the layout `bignp256`
//!   reads and writes).
//!
//! Signing is deterministic: k comes from bign-genk (§6.3.3, with an empty
//! t), so one key and one message always give the same signature.

use bignp256::ecdsa::signature::{Signer as _, Verifier as _};
use bignp256::ecdsa::{Signature, SigningKey, VerifyingKey};

use crate::error::{SignError, VerifyError};

/// The name signatures of this module carry in errors (the one
/// [`crate::SignatureAlgorithm::name`] gives `bign-with-hbelt`).
const NAME: &str = "bign with belt-hash";

/// bign-curve256v1 (STB 34.101.45-2013 Annex Б, Table Б.1; Annex Д).
pub(crate) const CURVE_256V1: &str = "1.2.112.0.2.0.34.101.45.3.1";
/// bign-curve384v1.
pub(crate) const CURVE_384V1: &str = "1.2.112.0.2.0.34.101.45.3.2";
/// bign-curve512v1.
pub(crate) const CURVE_512V1: &str = "1.2.112.0.2.0.34.101.45.3.3";

/// ⟨Q⟩ on curve256v1: 4l bits = 64 octets.
const PUBLIC_KEY_LEN: usize = 64;
/// S on curve256v1: 3l bits = 48 octets.
const SIGNATURE_LEN: usize = 48;
/// ⟨d⟩ on curve256v1: 2l bits = 32 octets.
const PRIVATE_KEY_LEN: usize = 32;

/// The human name of a bign curve OID, for messages.
pub(crate) fn curve_name(oid: &str) -> &'static str {
    match oid {
        CURVE_256V1 => "bign-curve256v1",
        CURVE_384V1 => "bign-curve384v1",
        CURVE_512V1 => "bign-curve512v1",
        _ => "an unnamed bign curve",
    }
}

/// Verifies a `bign-with-hbelt` signature on bign-curve256v1.
///
/// `key` is the content of the `subjectPublicKey` BIT STRING of a bign key
/// (without the unused-bits octet): the 64 octets ⟨x_Q⟩ ‖ ⟨y_Q⟩,
/// little-endian (STB 34.101.45-2013 Annex Д, "Описание открытого
/// ключа"). `signature` is S0 ‖ S1, 48 octets (§7.1).
pub(crate) fn verify(key: &[u8], message: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
    let vk = verifying_key(key)?;
    if signature.len() != SIGNATURE_LEN {
        return Err(VerifyError::MalformedSignature {
            algorithm: NAME.to_owned(),
            reason: format!(
                "a bign-curve256v1 signature is S0 ‖ S1, {SIGNATURE_LEN} octets (STB 34.101.45 §7.1), not {}",
                signature.len()
            ),
        });
    }
    let bad = || VerifyError::BadSignature {
        algorithm: NAME.to_owned(),
    };
    // STB 34.101.45 §7.1.3 step 3: S1 ≥ q means "return NO", so an
    // out-of-range S1 is a signature that does not verify, not a format error.
    let sig = Signature::from_slice(signature).map_err(|_| bad())?;
    vk.verify(message, &sig).map_err(|_| bad())
}

/// The public key of 64 octets ⟨x_Q⟩ ‖ ⟨y_Q⟩, checked to be a point on
/// bign-curve256v1 with coordinates below p (bign-valpubkey, §6.2.3).
fn verifying_key(key: &[u8]) -> Result<VerifyingKey, VerifyError> {
    if key.len() != PUBLIC_KEY_LEN {
        return Err(VerifyError::MalformedKey {
            reason: format!(
                "a bign-curve256v1 public key is ⟨x_Q⟩ ‖ ⟨y_Q⟩, {PUBLIC_KEY_LEN} octets little-endian (STB 34.101.45 Annex Д), not {}",
                key.len()
            ),
        });
    }
    VerifyingKey::from_bytes(key).map_err(|_| VerifyError::MalformedKey {
        reason: "the bign public key is not a point of bign-curve256v1 (STB 34.101.45 §6.2.3, bign-valpubkey)".into(),
    })
}

/// A bign-curve256v1 private key that signs with `bign-with-hbelt`.
#[derive(Clone)]
pub(crate) struct BignSigningKey(SigningKey);

impl std::fmt::Debug for BignSigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The private key is never printed.
        f.debug_struct("BignSigningKey").finish_non_exhaustive()
    }
}

impl BignSigningKey {
    /// The key from ⟨d⟩, 32 octets little-endian, as the PKCS#8
    /// `privateKey` OCTET STRING holds it; d must lie in 1..q.
    pub(crate) fn from_bytes(d: &[u8]) -> Result<BignSigningKey, SignError> {
        if d.len() != PRIVATE_KEY_LEN {
            return Err(SignError::Pkcs8 {
                reason: format!(
                    "a bign-curve256v1 private key is {PRIVATE_KEY_LEN} octets (STB 34.101.45 §6.2.2), not {}",
                    d.len()
                ),
            });
        }
        SigningKey::from_slice(d)
            .map(BignSigningKey)
            .map_err(|_| SignError::Pkcs8 {
                reason: "the bign private key is not in 1..q (STB 34.101.45 §6.2.2)".into(),
            })
    }

    /// The public key as the SPKI `subjectPublicKey` BIT STRING holds it
    /// (after the unused-bits octet): ⟨x_Q⟩ ‖ ⟨y_Q⟩, 64 octets.
    pub(crate) fn public_key_bytes(&self) -> Vec<u8> {
        self.0.verifying_key().to_bytes().into_vec()
    }

    /// Signs `message` (hashed here with belt-hash): S0 ‖ S1, 48 octets.
    /// Deterministic (bign-genk, §6.3.3).
    pub(crate) fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        let sig: Signature = self.0.try_sign(message).map_err(|e| SignError::Backend {
            reason: format!("bign signing failed: {e}"),
        })?;
        Ok(sig.to_bytes().to_vec())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    // STB 34.101.45-2013 Annex Г (informative test examples), with the
    // curve bign-curve256v1 and h = belt-hash.
    // Table Г.1 (key pair): d, and Q = (x_Q, y_Q).
    const D: &str = "1F66B5B8 4B733967 4533F032 9C74F218 34281FED 0732429E 0C79235F C273E269";
    const Q: &str = "BD1A5650 179D79E0 3FCEE49D 4C2BD5DD F54CE46D 0CF11E4F F87BF7A8 90857FD0
                     7AC6A603 61E8C817 3491686D 461B2826 190C2EDA 5909054A 9AB84D2A B9D99A90";
    // Table Г.2 (signing): X of 13 octets; with the random k of the table
    // the signature is S below.
    const X13: &str = "B194BAC8 0A08F53B 366D008E 58";
    const S_SIGN: &str = "E36B7F03 77AE4C52 4027C387 FADF1B20 CE72F153 0B71F2B5 FD3A8C58 4FE2E1AE
                          D20082E3 0C8AF650 11F4FB54 649DFD3D";
    // Table Г.3 (verification): X of 48 octets and its S.
    const X48: &str = "B194BAC8 0A08F53B 366D008E 584A5DE4 8504FA9D 1BB6C7AC 252E72C2 02FDCE0D
                       5BE3D612 17B96181 FE6786AD 716B890B";
    const S_VERIFY: &str = "47A63C8B 9C936E94 B5FAB3D9 CBD78366 290F3210 E163EEC8 DB4E921E 8479D413
                            8F112CC2 3E6DCE65 EC5FF21D F4231C28";
    // The deterministic signature of X13 under d: k from bign-genk with an
    // empty t (Table Г.4 gives that k = 829614D8…AE97111E). Value from the
    // bign methodology met-10145-10-01 §6.2, as the `bignp256` crate tests it.
    const S_DETERMINISTIC: &str =
        "19D32B7E 01E25BAE 4A70EB6B CA42602C CA6A1394 4451BCC5 D4C54CFD 8737619C
                                   328B8A58 FB9C68FD 17D569F7 D06495FB";

    #[test]
    fn annex_g_key_pair() {
        let key = BignSigningKey::from_bytes(&hex(D)).unwrap();
        assert_eq!(key.public_key_bytes(), hex(Q));
    }

    #[test]
    fn annex_g_signatures_verify() {
        assert_eq!(verify(&hex(Q), &hex(X13), &hex(S_SIGN)), Ok(()));
        assert_eq!(verify(&hex(Q), &hex(X48), &hex(S_VERIFY)), Ok(()));
    }

    #[test]
    fn one_bit_changes_fail_with_bad_signature() {
        let bad = Err(VerifyError::BadSignature {
            algorithm: NAME.to_owned(),
        });
        // A bit of the message.
        let mut x = hex(X48);
        x[0] ^= 0x01;
        assert_eq!(verify(&hex(Q), &x, &hex(S_VERIFY)), bad);
        // A bit of S0 and a bit of S1.
        for i in [0, 16, 47] {
            let mut s = hex(S_VERIFY);
            s[i] ^= 0x01;
            assert_eq!(verify(&hex(Q), &hex(X48), &s), bad, "octet {i}");
        }
        // The other Annex Г signature does not cover this message.
        assert_eq!(verify(&hex(Q), &hex(X48), &hex(S_SIGN)), bad);
    }

    #[test]
    fn out_of_range_s1_is_a_bad_signature() {
        // S1 = 2^256 - 1 ≥ q: STB 34.101.45 §7.1.3 step 3 returns NO.
        let mut s = hex(S_VERIFY);
        s[16..].fill(0xff);
        assert_eq!(
            verify(&hex(Q), &hex(X48), &s),
            Err(VerifyError::BadSignature {
                algorithm: NAME.to_owned()
            })
        );
    }

    #[test]
    fn deterministic_signature_matches_and_round_trips() {
        let key = BignSigningKey::from_bytes(&hex(D)).unwrap();
        let s = key.sign(&hex(X13)).unwrap();
        assert_eq!(s, hex(S_DETERMINISTIC));
        assert_eq!(verify(&key.public_key_bytes(), &hex(X13), &s), Ok(()));
        // A fresh key and message round-trip as well.
        let mut d = hex(D);
        d[0] ^= 0x5a;
        let other = BignSigningKey::from_bytes(&d).unwrap();
        let msg = b"commercial invoice 380";
        let s = other.sign(msg).unwrap();
        assert_eq!(s.len(), SIGNATURE_LEN);
        assert_eq!(verify(&other.public_key_bytes(), msg, &s), Ok(()));
        assert_eq!(
            verify(&key.public_key_bytes(), msg, &s),
            Err(VerifyError::BadSignature {
                algorithm: NAME.to_owned()
            })
        );
    }

    #[test]
    fn malformed_keys_and_signatures_are_named() {
        // 65 octets: the SEC1 form with 0x04 is not the bign encoding.
        let mut sec1 = vec![0x04];
        sec1.extend(hex(Q));
        assert!(matches!(
            verify(&sec1, &hex(X48), &hex(S_VERIFY)),
            Err(VerifyError::MalformedKey { reason }) if reason.contains("64 octets")
        ));
        // 64 octets that are not a curve point.
        let mut q = hex(Q);
        q[63] ^= 0x01;
        assert!(matches!(
            verify(&q, &hex(X48), &hex(S_VERIFY)),
            Err(VerifyError::MalformedKey { reason }) if reason.contains("not a point")
        ));
        // A signature of the wrong length.
        assert!(matches!(
            verify(&hex(Q), &hex(X48), &hex(S_VERIFY)[..47]),
            Err(VerifyError::MalformedSignature { reason, .. }) if reason.contains("48 octets")
        ));
        // Private keys: wrong length, zero, and q itself.
        assert!(matches!(
            BignSigningKey::from_bytes(&[1; 31]),
            Err(SignError::Pkcs8 { reason }) if reason.contains("32 octets")
        ));
        assert!(matches!(
            BignSigningKey::from_bytes(&[0; 32]),
            Err(SignError::Pkcs8 { reason }) if reason.contains("1..q")
        ));
        let q_le = hex("07663D26 99BF5A7E FC4DFB0D D68E5CD9 FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF");
        assert!(matches!(
            BignSigningKey::from_bytes(&q_le),
            Err(SignError::Pkcs8 { reason }) if reason.contains("1..q")
        ));
    }
}
