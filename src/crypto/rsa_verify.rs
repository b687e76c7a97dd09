//! RSA signature verification over the raw public operation of the `rsa`
//! crate: PKCS#1 v1.5 (RFC 8017 §8.2.2) by encode-and-compare against the
//! fixed DigestInfo encodings, RSASSA-PSS (RFC 8017 §9.1.2) so that the
//! MGF1 hash may differ from the message hash, as RFC 4055 allows.

use ::rsa::traits::PublicKeyParts;
use ::rsa::{BoxedUint, RsaPublicKey};

use crate::asn1::{self, tag};
use crate::crypto::{HashAlgorithm, PssParams};
use crate::error::VerifyError;

/// Smallest and largest moduli accepted. Below 1024 bits RSA is broken
/// (factored RSA-768; NIST SP 800-131A disallows < 2048 for signing since
/// 2014 — policies raise the floor per jurisdiction); the upper bound keeps
/// the arithmetic sane while allowing 8192-bit national roots.
const MODULUS_BITS: std::ops::RangeInclusive<usize> = 1024..=16384;

/// The modulus and exponent of a DER `RSAPublicKey` (RFC 8017 §A.1.1):
/// both INTEGERs minimal and positive, nothing after them, the modulus
/// within [`MODULUS_BITS`].
pub(crate) fn check_public_key(key: &[u8]) -> Result<(&[u8], &[u8]), VerifyError> {
    let bad = |reason: String| VerifyError::MalformedKey { reason };
    let seq = asn1::read_single_tag(key, tag::SEQUENCE).map_err(|e| bad(e.to_string()))?;
    let mut r = seq.reader();
    let n = r.read_tag(tag::INTEGER).map_err(|e| bad(e.to_string()))?;
    let e = r.read_tag(tag::INTEGER).map_err(|e| bad(e.to_string()))?;
    r.finish().map_err(|e| bad(e.to_string()))?;
    for (name, v) in [("modulus", n.value), ("exponent", e.value)] {
        if !asn1::integer_is_minimal(v) || v.first().is_some_and(|b| b & 0x80 != 0) {
            return Err(bad(format!("RSA {name} is not a minimal positive INTEGER")));
        }
    }
    let bits = asn1::bit_length(asn1::unsigned_magnitude(n.value));
    if !MODULUS_BITS.contains(&bits) {
        return Err(bad(format!("RSA key rejected: a {bits}-bit modulus")));
    }
    Ok((n.value, e.value))
}

/// Builds the public key from a DER `RSAPublicKey` checked by [`check_public_key`].
pub(crate) fn public_key(key: &[u8]) -> Result<RsaPublicKey, VerifyError> {
    let bad = |reason: String| VerifyError::MalformedKey { reason };
    let (n_value, e_value) = check_public_key(key)?;
    let uint = |v: &[u8]| -> Result<BoxedUint, VerifyError> {
        let m = asn1::unsigned_magnitude(v);
        let bits = u32::try_from(m.len().div_ceil(8).max(1) * 64)
            .map_err(|_| bad("RSA integer too large".into()))?;
        BoxedUint::from_be_slice(m, bits).map_err(|e| bad(format!("{e:?}")))
    };
    RsaPublicKey::new_with_size_limits(uint(n_value)?, uint(e_value)?, MODULUS_BITS)
        .map_err(|e| bad(format!("RSA key rejected: {e}")))
}

/// Which fixed DigestInfo encoding a PKCS#1 v1.5 signature carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DigestInfoForm {
    /// `AlgorithmIdentifier { hash, NULL }`: RFC 8017 §9.2 Note 1, the form we require.
    WithNull,
    /// `AlgorithmIdentifier { hash }` (parameters absent): the RFC 8017
    /// §9.2 Note 1 "alternative" some producers write; Wycheproof calls it
    /// acceptable, EU DSS accepts it.
    WithoutNull,
}

/// The hashes a PKCS#1 v1.5 DigestInfo may name here. MD5 is refused by
/// name (RFC 6151), SM3-with-RSA is not implemented.
fn pkcs1_hash_allowed(hash: HashAlgorithm) -> bool {
    matches!(
        hash,
        HashAlgorithm::Sha1
            | HashAlgorithm::Sha224
            | HashAlgorithm::Sha256
            | HashAlgorithm::Sha384
            | HashAlgorithm::Sha512
            | HashAlgorithm::Sha3_224
            | HashAlgorithm::Sha3_256
            | HashAlgorithm::Sha3_384
            | HashAlgorithm::Sha3_512
            | HashAlgorithm::Ripemd160
    )
}

/// The DER `DigestInfo` (RFC 8017 §9.2 step 2) of `digest`, with or without
/// the NULL parameters: a fixed encoding per hash, built, never parsed.
fn digest_info(hash: HashAlgorithm, digest: &[u8], with_null: bool) -> Vec<u8> {
    let oid = asn1::encode_oid(&hash.oid());
    let alg = if with_null {
        asn1::encode_parts(tag::SEQUENCE, &[&oid, &[0x05, 0x00]])
    } else {
        asn1::encode(tag::SEQUENCE, &oid)
    };
    asn1::encode_parts(
        tag::SEQUENCE,
        &[&alg, &asn1::encode(tag::OCTET_STRING, digest)],
    )
}

/// `EM = 0x00 ‖ 0x01 ‖ PS ‖ 0x00 ‖ T` (RFC 8017 §9.2 steps 3–5), or `None`
/// when the modulus is too short for `T` ("intended encoded message length too short").
fn emsa_pkcs1_v15(t: &[u8], em_len: usize) -> Option<Vec<u8>> {
    let ps_len = em_len.checked_sub(t.len())?.checked_sub(3)?;
    if ps_len < 8 {
        return None;
    }
    let mut em = Vec::with_capacity(em_len);
    em.extend_from_slice(&[0x00, 0x01]);
    em.resize(2 + ps_len, 0xff);
    em.push(0x00);
    em.extend_from_slice(t);
    Some(em)
}

/// RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) by encode-and-compare:
/// the recovered encoded message must equal, byte for byte, the encoding
/// of the DigestInfo with NULL parameters — or, when `allow_without_null`,
/// the one with the parameters absent. The DigestInfo is never parsed
/// (parsing it is how Bleichenbacher-style forgeries got in, CVE-2006-4339).
pub(crate) fn verify_pkcs1(
    key: &RsaPublicKey,
    hash: HashAlgorithm,
    message: &[u8],
    signature: &[u8],
    name: &str,
    allow_without_null: bool,
) -> Result<DigestInfoForm, VerifyError> {
    if !pkcs1_hash_allowed(hash) {
        return Err(VerifyError::BadParameters {
            algorithm: name.to_owned(),
            reason: format!("{hash} is not available for RSA PKCS#1 v1.5"),
        });
    }
    let digest = hash.digest_for(message, name)?;
    let fail = || VerifyError::BadSignature {
        algorithm: name.to_owned(),
    };
    let em = rsavp1(key, signature).ok_or_else(fail)?;
    let expected =
        |with_null: bool| emsa_pkcs1_v15(&digest_info(hash, &digest, with_null), em.len());
    if expected(true).is_some_and(|e| e == em) {
        return Ok(DigestInfoForm::WithNull);
    }
    if allow_without_null && expected(false).is_some_and(|e| e == em) {
        return Ok(DigestInfoForm::WithoutNull);
    }
    Err(fail())
}

/// RSAVP1 (RFC 8017 §5.2.2) with I2OSP to the modulus length `k`: the
/// signature must be exactly `k` octets (§8.2.2 step 1) and `s < n`.
fn rsavp1(key: &RsaPublicKey, signature: &[u8]) -> Option<Vec<u8>> {
    let k = key.size();
    if signature.len() != k {
        return None;
    }
    let s = BoxedUint::from_be_slice(signature, key.n_bits_precision()).ok()?;
    if s >= *key.n().as_ref() {
        return None;
    }
    let m = ::rsa::hazmat::rsa_encrypt(key, &s).ok()?;
    let m_bytes = m.to_be_bytes();
    let split = m_bytes.len().checked_sub(k)?;
    let (high, em) = m_bytes.split_at_checked(split)?;
    if high.iter().any(|b| *b != 0) {
        return None;
    }
    Some(em.to_vec())
}

/// RSASSA-PSS verification (RFC 8017 §8.1.2 with EMSA-PSS-VERIFY §9.1.2),
/// honouring the message hash, the MGF1 hash and the salt length of `params`.
pub(crate) fn verify_pss(
    key: &RsaPublicKey,
    params: &PssParams,
    message: &[u8],
    signature: &[u8],
    name: &str,
) -> Result<(), VerifyError> {
    let fail = || VerifyError::BadSignature {
        algorithm: name.to_owned(),
    };
    let mgf_hash = params.mgf1_hash.ok_or_else(|| VerifyError::BadParameters {
        algorithm: name.to_owned(),
        reason: "the mask generation function is not MGF1 with a known hash".into(),
    })?;
    let m_hash = params.hash.digest_for(message, name)?;
    // RSAVP1 (§5.2.2): s < n, m = s^e mod n.
    if signature.len() != key.size() {
        return Err(fail());
    }
    let s = BoxedUint::from_be_slice(signature, key.n_bits_precision()).map_err(|_| fail())?;
    if s >= *key.n().as_ref() {
        return Err(fail());
    }
    let m = ::rsa::hazmat::rsa_encrypt(key, &s).map_err(|_| fail())?;
    let mod_bits = usize::try_from(key.n().bits()).map_err(|_| fail())?;
    let em_bits = mod_bits.checked_sub(1).ok_or_else(fail)?;
    let em_len = em_bits.div_ceil(8);
    let m_bytes = m.to_be_bytes();
    let split = m_bytes.len().checked_sub(em_len).ok_or_else(fail)?;
    let (high, em) = m_bytes.split_at_checked(split).ok_or_else(fail)?;
    if high.iter().any(|b| *b != 0) {
        return Err(fail());
    }
    let s_len = usize::try_from(params.salt_len).map_err(|_| fail())?;
    emsa_pss_verify(&m_hash, em, em_bits, s_len, params.hash, mgf_hash).ok_or_else(fail)
}

/// EMSA-PSS-VERIFY (RFC 8017 §9.1.2); `None` means "inconsistent".
fn emsa_pss_verify(
    m_hash: &[u8],
    em: &[u8],
    em_bits: usize,
    s_len: usize,
    hash: HashAlgorithm,
    mgf_hash: HashAlgorithm,
) -> Option<()> {
    let h_len = m_hash.len();
    let em_len = em.len();
    // Step 3.
    if em_len < h_len.checked_add(s_len)?.checked_add(2)? {
        return None;
    }
    // Step 4.
    let (&last, rest) = em.split_last()?;
    if last != 0xbc {
        return None;
    }
    // Step 5.
    let db_len = em_len - h_len - 1;
    let (masked_db, h) = rest.split_at_checked(db_len)?;
    // Step 6: the leftmost 8·emLen − emBits bits must be zero.
    let zero_bits = 8 * em_len - em_bits;
    let top_mask: u8 = if zero_bits >= 8 { 0 } else { 0xff >> zero_bits };
    if masked_db.first()? & !top_mask != 0 {
        return None;
    }
    // Steps 7–9.
    let mask = mgf1(mgf_hash, h, db_len)?;
    let mut db: Vec<u8> = masked_db.iter().zip(&mask).map(|(a, b)| a ^ b).collect();
    if let Some(first) = db.first_mut() {
        *first &= top_mask;
    }
    // Step 10: PS zeros, then 0x01.
    let ps_len = em_len - h_len - s_len - 2;
    if db.get(..ps_len)?.iter().any(|b| *b != 0) || *db.get(ps_len)? != 0x01 {
        return None;
    }
    // Steps 11–14.
    let salt = db.get(db_len - s_len..)?;
    let h2 = hash.digest_parts(&[&[0u8; 8], m_hash, salt])?;
    (h2 == h).then_some(())
}

/// MGF1 (RFC 8017 §B.2.1).
fn mgf1(hash: HashAlgorithm, seed: &[u8], len: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(len + 64);
    let mut counter: u32 = 0;
    while out.len() < len {
        out.extend(hash.digest_parts(&[seed, &counter.to_be_bytes()])?);
        counter = counter.checked_add(1)?;
    }
    out.truncate(len);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The DigestInfo prefixes of RFC 8017 §9.2 Note 1 (SHA-1, SHA-256,
    /// SHA-512), the SHA3-256 one OpenSSL writes, and the NULL-less
    /// SHA-256 one real EU signatures carry (`30 2f 30 0b …`).
    #[test]
    fn digest_info_encodings_are_the_fixed_ones() {
        let hex = |s: &str| -> Vec<u8> {
            (0..s.len())
                .step_by(2)
                .filter_map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
                .collect()
        };
        let prefix = |h: HashAlgorithm, null: bool| {
            let d = vec![0u8; h.output_len()];
            let t = digest_info(h, &d, null);
            t.get(..t.len() - d.len()).unwrap_or_default().to_vec()
        };
        assert_eq!(
            prefix(HashAlgorithm::Sha1, true),
            hex("3021300906052b0e03021a05000414")
        );
        assert_eq!(
            prefix(HashAlgorithm::Sha256, true),
            hex("3031300d060960864801650304020105000420")
        );
        assert_eq!(
            prefix(HashAlgorithm::Sha512, true),
            hex("3051300d060960864801650304020305000440")
        );
        assert_eq!(
            prefix(HashAlgorithm::Sha3_256, true),
            hex("3031300d060960864801650304020805000420")
        );
        assert_eq!(
            prefix(HashAlgorithm::Sha256, false),
            hex("302f300b06096086480165030402010420")
        );
    }

    #[test]
    fn encoded_message_needs_eight_octets_of_padding() {
        let t = [0u8; 10];
        assert_eq!(emsa_pkcs1_v15(&t, 20), None);
        let em = emsa_pkcs1_v15(&t, 21).unwrap_or_default();
        assert_eq!(em.len(), 21);
        assert_eq!(em.get(..3), Some(&[0x00, 0x01, 0xff][..]));
        assert_eq!(em.get(10), Some(&0x00));
    }
}
