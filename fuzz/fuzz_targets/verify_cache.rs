//! Caching never changes a verdict: an arbitrary envelope is verified under
//! a registry and policies derived from the input (the sample registry with
//! some anchors removed, the sample policies with revocation required or
//! not and a random minimum level), at a time and with CRLs the input
//! chooses, by a caching verifier (twice: the second answer may come from
//! its caches) and by a cold one; the reports must be equal.
//!
//! Input: `[anchors-to-drop mask][revocation mask][crl mask][day offset
//! (2 bytes)][relying][min-level pick]` then the envelope.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sigbridge::path::Crl;
use sigbridge::policy::JurisdictionPolicy;
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Request, Verifier};
use sigbridge::{Jurisdiction, Time};

const DOC: &[u8] = include_bytes!("../../../shared/testdata/openssl-cms/doc.bin");
const SAMPLE: &str = include_str!("../../src/registry/sample-registry.json");
const CRLS: [&[u8]; 2] = [
    include_bytes!("../../testdata/pki/eu/ca.crl"),
    include_bytes!("../../testdata/pki/eu/root.crl"),
];
const RELYING: [Jurisdiction; 5] = [
    Jurisdiction::KZ,
    Jurisdiction::EU,
    Jurisdiction::CN,
    Jurisdiction::RU,
    Jurisdiction::IN,
];

fn registry(drop_mask: u8) -> Option<Registry> {
    let mut value: serde_json::Value = serde_json::from_str(SAMPLE).ok()?;
    let mut n = 0u32;
    for j in value.get_mut("jurisdictions")?.as_array_mut()? {
        if let Some(anchors) = j.get_mut("anchors").and_then(|a| a.as_array_mut()) {
            anchors.retain(|_| {
                n += 1;
                drop_mask >> (n % 8) & 1 == 0
            });
        }
    }
    Registry::from_json(&value.to_string()).ok()
}

fuzz_target!(|data: &[u8]| {
    let [drop, revocation, crl_mask, d0, d1, relying, level, envelope @ ..] = data else {
        return;
    };
    let Some(registry) = registry(*drop) else {
        return;
    };
    let days = i64::from(u16::from_le_bytes([*d0, *d1])) - 32_768;
    let at = Time::from_unix(1_795_424_400 + days * 86_400);
    let policies: Vec<JurisdictionPolicy> = registry
        .jurisdictions()
        .enumerate()
        .filter_map(|(i, j)| {
            let mut p = JurisdictionPolicy::sample(j.code)?;
            p.revocation_required = revocation >> (i % 8) & 1 == 1;
            let vocabulary = &j.levels;
            if !vocabulary.is_empty() {
                for rule in &mut p.documents {
                    rule.min_level = vocabulary[usize::from(*level) % vocabulary.len()].clone();
                }
            }
            Some(p)
        })
        .collect();
    let crls: Vec<Crl> = CRLS
        .iter()
        .enumerate()
        .filter(|(i, _)| crl_mask >> i & 1 == 1)
        .filter_map(|(_, d)| Crl::from_der(d).ok())
        .collect();
    let relying = RELYING[usize::from(*relying) % RELYING.len()];
    let content = if sigbridge::envelope::Envelope::parse(envelope).is_ok_and(|e| !e.is_detached()) {
        || Content::Enveloped
    } else {
        || Content::Detached(DOC)
    };
    let registry = std::sync::Arc::new(registry);
    let make = |cache: usize| {
        Verifier::without_sample_policies(registry.clone())
            .with_path_cache(cache)
            .with_policies(policies.clone())
            .map(|v| v.with_crls(crls.clone()))
    };
    // Policies that do not fit the registry are refused at construction,
    // by both alike.
    let (Ok(cached), Ok(cold)) = (make(64), make(0)) else {
        return;
    };
    let request = || Request::new(envelope, content(), relying, at);
    let first = cached.verify(request());
    let second = cached.verify(request());
    let fresh = cold.verify(request());
    assert_eq!(first, fresh, "the caching verifier's first answer differs");
    assert_eq!(second, fresh, "the caching verifier's second answer differs");
});
