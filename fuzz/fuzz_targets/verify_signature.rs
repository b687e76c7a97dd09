//! Arbitrary SPKI, signature AlgorithmIdentifier, signature and message
//! through the built-in verifier (DER and P1363 signature formats).
//! Input layout: u16 BE length + SPKI, u16 + AlgorithmIdentifier,
//! u16 + signature, then the message (fuzz/seed.sh writes seeds so).
#![no_main]
use libfuzzer_sys::fuzz_target;
use sigbridge::crypto::{AlgorithmIdentifier, EcdsaSignatureFormat, PublicKeyInfo, Verifiers, VerifyOptions};

fn take<'a>(data: &mut &'a [u8]) -> Option<&'a [u8]> {
    let (len, rest) = data.split_first_chunk::<2>()?;
    let len = usize::from(u16::from_be_bytes(*len));
    let (part, rest) = rest.split_at_checked(len)?;
    *data = rest;
    Some(part)
}

fuzz_target!(|data: &[u8]| {
    let mut d = data;
    let (Some(spki), Some(alg), Some(sig)) = (take(&mut d), take(&mut d), take(&mut d)) else {
        return;
    };
    let Ok(key) = PublicKeyInfo::from_der(spki) else { return };
    // The AlgorithmIdentifier as a certificate or CMS parser would hand it over.
    let Some((oid_len, rest)) = alg.split_first() else { return };
    let Some((oid, params)) = rest.split_at_checked(usize::from(*oid_len)) else { return };
    let Ok(oid) = sigbridge::Oid::from_bytes(oid) else { return };
    let alg = AlgorithmIdentifier { oid, parameters: (!params.is_empty()).then(|| params.to_vec()) };
    for format in [EcdsaSignatureFormat::Der, EcdsaSignatureFormat::P1363] {
        let opts = VerifyOptions::default().ecdsa_format(format);
        let _ = Verifiers::builtin().verify_with(&key, &alg, d, sig, &opts);
    }
});
