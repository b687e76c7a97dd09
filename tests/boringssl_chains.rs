//! BoringSSL / Chromium `verify_certificate_chain_unittest` cases that apply
//! to a document-signing verifier: the last certificate is a trust anchor
//! (plain, with expiration, or with constraints), the key purpose is
//! ANY_EKU, SERVER_AUTH or CLIENT_AUTH (their EKU-only errors are out of
//! scope and count as success). Verdicts must equal theirs, except for the
//! differences in `tests/boringssl_chains_exceptions.txt`.

mod common;

use std::collections::BTreeMap;

use common::{local, read, shared};
use sigbridge::path::{TrustAnchor, ValidationOptions, build_path};
use sigbridge::{Leniency, Time};

/// BoringSSL's "DEFAULT" time: inside the validity (2021-10-05 … 2022-10-05)
/// of the generated chains.
fn default_time() -> Time {
    Time::from_ymd_hms(2022, 1, 1, 0, 0, 0).unwrap()
}

fn utc_time(s: &str) -> Time {
    let y: i64 = s[0..2].parse().unwrap();
    let year = if y >= 50 { 1900 + y } else { 2000 + y };
    Time::from_ymd_hms(
        year,
        s[2..4].parse().unwrap(),
        s[4..6].parse().unwrap(),
        s[6..8].parse().unwrap(),
        s[8..10].parse().unwrap(),
        s[10..12].parse().unwrap(),
    )
    .unwrap()
}

#[test]
fn applicable_cases_agree() {
    let dir = shared("boringssl-pki/verify_certificate_chain_unittest");
    let exceptions: BTreeMap<String, String> =
        String::from_utf8(read(&local("../tests/boringssl_chains_exceptions.txt")))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (k, r) = l.split_once(": ").unwrap();
                (k.trim().to_owned(), r.trim().to_owned())
            })
            .collect();
    let mut tests = Vec::new();
    for d in std::fs::read_dir(&dir).unwrap() {
        let d = d.unwrap().path();
        if !d.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&d).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "test") {
                tests.push(f);
            }
        }
    }
    tests.sort();
    assert_eq!(tests.len(), 197);
    let (mut agree, mut skipped) = (0, 0);
    let mut problems = Vec::new();
    for t in &tests {
        let name = t.strip_prefix(&dir).unwrap().to_string_lossy().into_owned();
        let text = String::from_utf8(read(t)).unwrap();
        let (head, errors) = text.split_once("expected_errors:").unwrap();
        let kv: BTreeMap<&str, &str> = head
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(": "))
            .collect();
        let trust = kv["last_cert_trust"];
        let purpose = kv["key_purpose"];
        let applicable = matches!(
            trust,
            "TRUSTED_ANCHOR" | "TRUSTED_ANCHOR_WITH_EXPIRATION" | "TRUSTED_ANCHOR_WITH_CONSTRAINTS"
        ) && matches!(purpose, "ANY_EKU" | "SERVER_AUTH" | "CLIENT_AUTH");
        if !applicable {
            skipped += 1;
            continue;
        }
        let pem = read(&t.parent().unwrap().join(kv["chain"]));
        let chain = match sigbridge::load_certificates_with(&pem, &Leniency::real_world()) {
            Ok(c) => c,
            Err(e) => {
                problems.push(format!("{name}: cannot load the chain: {e}"));
                continue;
            }
        };
        let at = match kv["utc_time"] {
            "DEFAULT" => default_time(),
            s => utc_time(s),
        };
        // EKU errors are out of scope (SERVER_AUTH / CLIENT_AUTH only).
        let real_errors = errors
            .lines()
            .filter(|l| l.starts_with("ERROR:"))
            .filter(|l| !l.contains("extended key usage") && !l.contains("EKU"))
            .count();
        let expected_ok = real_errors == 0;
        let mut opts = ValidationOptions::new(at);
        opts.enforce_anchor_validity = trust.contains("EXPIRATION");
        let anchor = if trust.contains("CONSTRAINTS") {
            TrustAnchor::from_certificate_with_constraints(chain.last().unwrap())
        } else {
            TrustAnchor::from_certificate(chain.last().unwrap())
        };
        let ours = match anchor {
            Ok(anchor) => build_path(
                &chain[0],
                chain
                    .get(1..chain.len().saturating_sub(1))
                    .unwrap_or_default(),
                &[anchor],
                &opts,
            )
            .map(|_| ())
            .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match (ours.is_ok() == expected_ok, exceptions.get(&name)) {
            (true, None) => agree += 1,
            (false, Some(_)) => {}
            (true, Some(r)) => {
                problems.push(format!("{name}: agrees now; drop the exception ({r})"))
            }
            (false, None) => problems.push(format!(
                "{name}: BoringSSL {}, sigbridge {ours:?}",
                if expected_ok { "accepts" } else { "rejects" }
            )),
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(
        (agree, exceptions.len(), skipped),
        (BASELINE.0, BASELINE.1, BASELINE.2),
        "(agree, exceptions, not applicable)"
    );
}

const BASELINE: (usize, usize, usize) = (124, 9, 64);
