//! NIST PKITS 1.0.1 (`../shared/testdata/pkits/pkits.json`, 249
//! validations) through `build_path`, with each test's own initial policy
//! settings and the intermediates as an unordered pool. Our verdict must
//! equal PKITS' except for the keys in `tests/path_pkits_exceptions.txt`,
//! each with its reason; for valid paths the user-constrained-policy-set is
//! compared too.

mod common;

use std::collections::BTreeMap;

use common::{local, read, shared};
use serde_json::Value;
use sigbridge::path::{Crl, RevocationMode, TrustAnchor, ValidationOptions, build_path};
use sigbridge::{Certificate, Leniency, Oid, Time};

fn cert(name: &str) -> Certificate {
    let der = read(&shared(&format!("pkits/certs/{name}.crt")));
    Certificate::from_der_with(&der, &Leniency::real_world())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn pkits() {
    let doc: Value = serde_json::from_slice(&read(&shared("pkits/pkits.json"))).unwrap();
    let oids: BTreeMap<String, Oid> = doc["policy_oids"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().parse().unwrap()))
        .collect();
    let at: Time = doc["defaults"]["validation_time"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let exceptions: BTreeMap<String, String> =
        String::from_utf8(read(&local("../tests/path_pkits_exceptions.txt")))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (k, r) = l.split_once(':').unwrap();
                (k.trim().to_owned(), r.trim().to_owned())
            })
            .collect();
    let tests = doc["tests"].as_array().unwrap();
    assert_eq!(tests.len(), 249);
    let mut agree = 0;
    let mut problems = Vec::new();
    for t in tests {
        let key = t["key"].as_str().unwrap();
        let anchor_cert = cert(t["trust_anchor"].as_str().unwrap());
        let anchor = TrustAnchor::from_certificate(&anchor_cert).unwrap();
        let pool: Vec<Certificate> = t["intermediates"]
            .as_array()
            .unwrap()
            .iter()
            .rev() // unordered pool: present them bottom-up
            .map(|n| cert(n.as_str().unwrap()))
            .collect();
        let ee = cert(t["end_entity"].as_str().unwrap());
        let policy_set: Vec<Oid> = t["initial_policy_set"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| oids[p.as_str().unwrap()])
            .collect();
        let crls: Vec<Crl> = t["crls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                let name = n.as_str().unwrap();
                Crl::from_der(&read(&shared(&format!("pkits/crls/{name}.crl"))))
                    .unwrap_or_else(|e| panic!("{name}: {e}"))
            })
            .collect();
        let opts = ValidationOptions::new(at)
            .revocation(RevocationMode::Required, crls)
            .initial_policy_set(policy_set)
            .explicit_policy(t["initial_explicit_policy"].as_bool().unwrap())
            .policy_mapping_inhibit(t["initial_policy_mapping_inhibit"].as_bool().unwrap())
            .any_policy_inhibit(t["initial_inhibit_any_policy"].as_bool().unwrap());
        let result = build_path(&ee, &pool, &[anchor], &opts);
        let expected_valid = t["expected"] == "valid";
        let mut ok = result.is_ok() == expected_valid;
        if let (Ok(path), true) = (&result, expected_valid) {
            let mut want: Vec<Oid> = t["expected_user_constrained_policy_set"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| oids[p.as_str().unwrap()])
                .collect();
            want.sort();
            if path.user_constrained_policy_set != want {
                ok = false;
            }
        }
        match (ok, exceptions.get(key)) {
            (true, None) => agree += 1,
            (false, Some(_)) => {}
            (true, Some(r)) => {
                problems.push(format!("{key}: agrees now; drop the exception ({r})"))
            }
            (false, None) => problems.push(format!(
                "{key} {}: expected {}, got {}",
                t["title"].as_str().unwrap(),
                t["expected"],
                match &result {
                    Ok(p) => format!("valid (policies {:?})", p.user_constrained_policy_set),
                    Err(e) => format!("invalid: {e}"),
                }
            )),
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(agree + exceptions.len(), 249);
    assert_eq!(agree, BASELINE, "PKITS agreements (baseline)");
}

const BASELINE: usize = 247;
