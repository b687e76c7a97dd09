//! BoringSSL / Chromium `verify_signed_data_unittest` (32 cases): SPKI,
//! AlgorithmIdentifier, data and signature BIT STRING; our verdict must
//! equal `expectations.json`, except for the differences listed with their
//! reasons in `tests/boringssl_signed_data_exceptions.txt`.

mod common;

use std::collections::BTreeMap;

use base64::Engine as _;
use common::{local, read, shared};
use sigbridge::crypto::{AlgorithmIdentifier, PublicKeyInfo, Verifiers, VerifyOptions};
use sigbridge::{Oid, VerifyError};

fn blocks(text: &str) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        else {
            continue;
        };
        let end = format!("-----END {label}-----");
        let b64: String = lines
            .by_ref()
            .take_while(|l| *l != end)
            .collect::<Vec<_>>()
            .concat();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64.trim())
            .unwrap();
        out.insert(label.to_owned(), bytes);
    }
    out
}

/// Parses a DER AlgorithmIdentifier the way a CMS or X.509 parser hands it to us.
fn algorithm(der: &[u8]) -> Option<AlgorithmIdentifier> {
    let (&tag, rest) = der.split_first()?;
    if tag != 0x30 {
        return None;
    }
    let (&len, body) = rest.split_first()?;
    if usize::from(len) != body.len() || len >= 0x80 {
        return None;
    }
    let (&otag, rest) = body.split_first()?;
    let (&olen, rest) = rest.split_first()?;
    if otag != 0x06 {
        return None;
    }
    let oid = Oid::from_bytes(rest.get(..usize::from(olen))?).ok()?;
    let params = rest.get(usize::from(olen)..)?;
    Some(AlgorithmIdentifier {
        oid,
        parameters: (!params.is_empty()).then(|| params.to_vec()),
    })
}

/// The contents of a DER BIT STRING with no unused bits.
fn bit_string(der: &[u8]) -> Result<Vec<u8>, String> {
    match der {
        [0x03, len, 0x00, rest @ ..] if usize::from(*len) == rest.len() + 1 => Ok(rest.to_vec()),
        [0x03, 0x81, len, 0x00, rest @ ..] if usize::from(*len) == rest.len() + 1 => {
            Ok(rest.to_vec())
        }
        [0x03, 0x82, hi, lo, 0x00, rest @ ..]
            if (usize::from(*hi) << 8 | usize::from(*lo)) == rest.len() + 1 =>
        {
            Ok(rest.to_vec())
        }
        _ => Err("signature BIT STRING with unused bits or malformed".into()),
    }
}

fn verify(b: &BTreeMap<String, Vec<u8>>) -> Result<(), String> {
    let key = PublicKeyInfo::from_der(&b["PUBLIC KEY"]).map_err(|e| e.to_string())?;
    let alg = algorithm(&b["ALGORITHM"]).ok_or("malformed AlgorithmIdentifier")?;
    let sig = bit_string(&b["SIGNATURE"])?;
    match Verifiers::builtin().verify_with(&key, &alg, &b["DATA"], &sig, &VerifyOptions::default())
    {
        Ok(v) => {
            // SHA-1 verifies, and is reported as weak so that policies can refuse it.
            assert_eq!(v.weak, v.hash == Some(sigbridge::HashAlgorithm::Sha1));
            Ok(())
        }
        Err(e @ VerifyError::UnsupportedAlgorithm { .. }) => Err(format!("unsupported: {e}")),
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn verdicts_match_boringssl() {
    let dir = shared("boringssl-pki/verify_signed_data_unittest");
    let expectations: serde_json::Value =
        serde_json::from_slice(&read(&dir.join("expectations.json"))).unwrap();
    let exceptions: BTreeMap<String, String> = String::from_utf8(read(&local(
        "../tests/boringssl_signed_data_exceptions.txt",
    )))
    .unwrap()
    .lines()
    .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    .map(|l| {
        let (n, r) = l.split_once(':').unwrap();
        (n.trim().to_owned(), r.trim().to_owned())
    })
    .collect();
    let mut agree = 0;
    let mut problems = Vec::new();
    let cases = expectations.as_object().unwrap();
    assert_eq!(cases.len(), 32);
    for (name, want) in cases {
        let text = String::from_utf8(read(&dir.join(name))).unwrap();
        let ours = verify(&blocks(&text));
        let theirs_ok = want == "SUCCESS";
        match (ours.is_ok() == theirs_ok, exceptions.get(name)) {
            (true, None) => agree += 1,
            (false, Some(_)) => {}
            (true, Some(r)) => {
                problems.push(format!("{name}: agrees now; drop the exception ({r})"))
            }
            (false, None) => problems.push(format!("{name}: BoringSSL {want}, sigbridge {ours:?}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(agree + exceptions.len(), 32);
    assert_eq!(agree, 28, "baseline of identical verdicts");
}
