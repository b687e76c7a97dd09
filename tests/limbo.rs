//! x509-limbo (`../shared/testdata/x509-limbo/`): every testcase of category
//! `core` (3,128: path processing without hostname, EKU or Web-PKI profile
//! semantics) through `build_path`. Results are written in the upstream
//! harness format to `target/limbo-results.json` (summarise with
//! `tools/limbo_classify.py summary`); the test fails when a case changes
//! outcome from the recorded baseline in `tests/limbo_exceptions.txt`.

mod common;

use std::collections::BTreeMap;

use common::{local, read, shared};
use serde_json::{Value, json};
use sigbridge::path::{Budget, TrustAnchor, ValidationOptions, build_path};
use sigbridge::{Certificate, Time};

/// `validation_time: null` means "now"; those certificates are valid from
/// 1970 for 1,000 years, so any fixed time inside works (the library never
/// reads the clock).
fn now() -> Time {
    Time::from_ymd_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

fn certs(v: &Value) -> Result<Vec<Certificate>, String> {
    let mut out = Vec::new();
    for pem in v.as_array().unwrap() {
        let c = sigbridge::load_certificates(pem.as_str().unwrap().as_bytes())
            .map_err(|e| e.to_string())?;
        out.extend(c);
    }
    Ok(out)
}

fn run(t: &Value) -> (bool, String) {
    let (anchors, pool, leaf) = match (
        certs(&t["trusted_certs"]),
        certs(&t["untrusted_intermediates"]),
        sigbridge::load_certificates(t["peer_certificate"].as_str().unwrap().as_bytes()),
    ) {
        (Ok(a), Ok(p), Ok(l)) => (a, p, l),
        (a, p, l) => {
            let why = [a.err(), p.err(), l.err().map(|e| e.to_string())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; ");
            return (false, format!("parse: {why}"));
        }
    };
    let anchors: Vec<TrustAnchor> = anchors
        .iter()
        .filter_map(|c| TrustAnchor::from_certificate_with_constraints(c).ok())
        .collect();
    let at = match t["validation_time"].as_str() {
        Some(s) => match s.get(..19).map(|p| format!("{p}Z").parse::<Time>()) {
            Some(Ok(t)) => t,
            _ => return (false, format!("unreadable validation_time {s}")),
        },
        None => now(),
    };
    let mut opts = ValidationOptions::new(at);
    if let Some(depth) = t["max_chain_depth"].as_u64() {
        let mut b = Budget::default();
        // limbo counts intermediates; our depth counts the target too.
        b.max_depth = depth as usize + 1;
        opts = opts.budget(b);
    }
    match build_path(&leaf[0], &pool, &anchors, &opts) {
        Ok(p) => (
            true,
            format!("path of {} certificates", p.certificates.len()),
        ),
        Err(e) => (false, e.to_string()),
    }
}

#[test]
fn limbo_core() {
    let doc: Value = serde_json::from_slice(&read(&shared("x509-limbo/limbo.json"))).unwrap();
    let relevance: Value =
        serde_json::from_slice(&read(&shared("x509-limbo/limbo-relevance.json"))).unwrap();
    let accepted: BTreeMap<String, String> =
        String::from_utf8(read(&local("../tests/limbo_exceptions.txt")))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (k, r) = l.split_once(": ").unwrap_or((l, ""));
                (k.trim().to_owned(), r.trim().to_owned())
            })
            .collect();
    let mut results = Vec::new();
    let mut pass = 0;
    let mut problems = Vec::new();
    let mut core = 0;
    for t in doc["testcases"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        if relevance[id]["category"] != "core" {
            continue;
        }
        core += 1;
        let started = std::time::Instant::now();
        let (ok, context) = run(t);
        // Pathological inputs must end quickly (budgets, not luck).
        assert!(
            started.elapsed().as_secs() < 5,
            "{id} took {:?}",
            started.elapsed()
        );
        let expected_ok = t["expected_result"] == "SUCCESS";
        results.push(json!({
            "id": id,
            "actual_result": if ok { "SUCCESS" } else { "FAILURE" },
            "context": context,
        }));
        match (ok == expected_ok, accepted.get(id)) {
            (true, None) => pass += 1,
            (false, Some(_)) => {}
            (true, Some(r)) => problems.push(format!("{id}: passes now; drop the exception ({r})")),
            (false, None) => problems.push(format!(
                "{id}: expected {}, got {} ({context})",
                t["expected_result"],
                if ok { "SUCCESS" } else { "FAILURE" }
            )),
        }
    }
    let out = local("../target/limbo-results.json");
    std::fs::write(
        &out,
        serde_json::to_vec_pretty(
            &json!({"version": 1, "harness": "sigbridge", "results": results}),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(core, 3128);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(pass + accepted.len(), core);
    assert_eq!(pass, BASELINE, "limbo core passes (baseline)");
}

const BASELINE: usize = 3118;
