//! The verified-path cache never gives an answer a cold verification would
//! not: the same sequences of documents, times and CRLs through a caching
//! verifier and a cold one (cache off) give identical reports.

mod common;

use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::path::Crl;
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Request, VerificationReport, Verifier};
use sigbridge::{DocumentType, Jurisdiction, Time};

const DOC: &[u8] = b"<Invoice number=\"C-1\"/>";

fn t(s: &str) -> Time {
    s.parse().unwrap()
}

fn envelope(dir: &str, name: &str, chain: bool) -> Vec<u8> {
    let options = SignatureOptions::new(t("2025-01-01T00:00:00Z"))
        .document_type(DocumentType::COMMERCIAL_INVOICE)
        .include_chain(chain);
    Envelope::sign_detached(DOC, &common::pki_signer(dir, name), &options)
        .unwrap()
        .to_der()
}

fn crls() -> Vec<Crl> {
    ["pki/eu/ca.crl", "pki/eu/root.crl"]
        .iter()
        .map(|p| Crl::from_der(&common::read(&common::local(p))).unwrap())
        .collect()
}

/// One step: envelope, validation time, relying jurisdiction.
type Step<'a> = (&'a [u8], &'a str, Jurisdiction);

fn run(verifier: &Verifier, steps: &[Step<'_>]) -> Vec<VerificationReport> {
    steps
        .iter()
        .map(|(p7s, at, j)| verifier.verify(Request::new(p7s, Content::Detached(DOC), *j, t(at))))
        .collect()
}

fn same_as_cold(
    registry: &Registry,
    crls: Vec<Crl>,
    steps: &[Step<'_>],
) -> sigbridge::verify::CacheStats {
    let warm = Verifier::new(registry).unwrap().with_crls(crls.clone());
    let cold = Verifier::new(registry)
        .unwrap()
        .with_crls(crls)
        .with_path_cache(0);
    // Twice through, so that the second pass meets every entry the first made.
    for _ in 0..2 {
        let a = run(&warm, steps);
        let b = run(&cold, steps);
        for (i, (x, y)) in a.iter().zip(&b).enumerate() {
            assert_eq!(x, y, "step {i} differs from a cold verification:\n{x}\n{y}");
        }
    }
    assert_eq!(cold.cache_stats().hits, 0);
    warm.cache_stats()
}

#[test]
fn expiry_is_never_hidden_by_the_cache() {
    // eu/expired.pem: valid until 2025-06-30T23:59:59Z.
    let registry = Registry::sample().unwrap();
    let p7s = envelope("eu", "expired", true);
    let stats = same_as_cold(
        &registry,
        Vec::new(),
        &[
            (&p7s, "2025-01-01T00:00:00Z", Jurisdiction::EU),
            (&p7s, "2025-06-30T23:59:59Z", Jurisdiction::EU),
            (&p7s, "2025-07-01T00:00:00Z", Jurisdiction::EU),
            (&p7s, "2023-12-31T23:59:59Z", Jurisdiction::EU),
            (&p7s, "2025-03-01T00:00:00Z", Jurisdiction::IN),
        ],
    );
    // Within the validity period the path is reused; outside it, never.
    assert!(stats.hits >= 4, "{stats:?}");
}

#[test]
fn a_missing_intermediate_is_not_supplied_by_the_cache() {
    let registry = Registry::sample().unwrap();
    let with = envelope("eu", "qes-natural", true);
    let without = envelope("eu", "qes-natural", false);
    let stats = same_as_cold(
        &registry,
        Vec::new(),
        &[
            (&with, "2026-11-23T09:00:00Z", Jurisdiction::EU),
            (&without, "2026-11-23T09:00:00Z", Jurisdiction::EU),
            (&with, "2026-11-23T09:00:01Z", Jurisdiction::EU),
        ],
    );
    assert!(stats.hits >= 2, "{stats:?}");
}

#[test]
fn revocation_data_is_part_of_the_answer() {
    let registry = Registry::sample().unwrap();
    let revoked = envelope("eu", "revoked", true);
    let good = envelope("eu", "qes-natural", true);
    // With the CRLs: before they are current (not cached), while current,
    // and the revoked signer always recomputed.
    same_as_cold(
        &registry,
        crls(),
        &[
            (&good, "2026-05-01T00:00:00Z", Jurisdiction::EU),
            (&revoked, "2026-05-01T00:00:00Z", Jurisdiction::EU),
            (&good, "2026-11-23T09:00:00Z", Jurisdiction::EU),
            (&revoked, "2026-11-23T09:00:00Z", Jurisdiction::EU),
            (&revoked, "2026-05-02T00:00:00Z", Jurisdiction::EU),
            (&good, "2036-06-02T00:00:00Z", Jurisdiction::EU),
        ],
    );
    // Without them, the same revoked signer passes — a different key, not a stale entry.
    same_as_cold(
        &registry,
        Vec::new(),
        &[(&revoked, "2026-11-23T09:00:00Z", Jurisdiction::EU)],
    );
}

#[test]
fn many_documents_from_one_exporter_hit_the_cache() {
    let registry = Registry::sample().unwrap();
    let p7s = envelope("cn", "org-uscc", true);
    let warm = Verifier::new(&registry).unwrap();
    for i in 0..20 {
        let at = Time::from_unix(t("2026-11-23T09:00:00Z").unix_seconds() + i);
        let r = warm.verify(Request::new(
            &p7s,
            Content::Detached(DOC),
            Jurisdiction::KZ,
            at,
        ));
        assert!(r.verdict.accepted, "{r}");
    }
    let stats = warm.cache_stats();
    assert_eq!((stats.hits, stats.misses, stats.entries), (19, 1, 1));
}

#[test]
fn capacity_bounds_the_cache_and_threads_share_it() {
    let registry = Registry::sample().unwrap();
    let signers = [
        ("cn", "org-uscc"),
        ("cn", "chamber"),
        ("eu", "qes-natural"),
        ("eu", "qseal-legal"),
    ];
    let docs: Vec<Vec<u8>> = signers.iter().map(|(d, n)| envelope(d, n, true)).collect();
    let warm = Verifier::new(&registry).unwrap().with_path_cache(2);
    let cold = Verifier::new(&registry).unwrap().with_path_cache(0);
    let at = t("2026-11-23T09:00:00Z");
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for p7s in &docs {
                    let a = warm.verify(Request::new(
                        p7s,
                        Content::Detached(DOC),
                        Jurisdiction::EU,
                        at,
                    ));
                    let b = cold.verify(Request::new(
                        p7s,
                        Content::Detached(DOC),
                        Jurisdiction::EU,
                        at,
                    ));
                    assert_eq!(a, b);
                }
            });
        }
    });
    let stats = warm.cache_stats();
    assert!(stats.entries <= 2, "{stats:?}");
    assert_eq!(stats.capacity, 2);
}

#[test]
fn changing_the_verifiers_forgets_the_paths() {
    // A path cached with the built-in verifiers must not be handed out once
    // the verifier is rebuilt without them.
    let registry = Registry::sample().unwrap();
    let p7s = envelope("eu", "qes-natural", true);
    let at = t("2026-11-23T09:00:00Z");
    let warm = Verifier::new(&registry).unwrap();
    let first = warm.verify(Request::new(
        &p7s,
        Content::Detached(DOC),
        Jurisdiction::EU,
        at,
    ));
    assert!(first.verdict.accepted);
    let none = warm.with_verifiers(sigbridge::crypto::Verifiers::none());
    assert_eq!(none.cache_stats().entries, 0);
    let cold = Verifier::new(&registry)
        .unwrap()
        .with_path_cache(0)
        .with_verifiers(sigbridge::crypto::Verifiers::none());
    let a = none.verify(Request::new(
        &p7s,
        Content::Detached(DOC),
        Jurisdiction::EU,
        at,
    ));
    let b = cold.verify(Request::new(
        &p7s,
        Content::Detached(DOC),
        Jurisdiction::EU,
        at,
    ));
    assert_eq!(a, b);
    assert!(!a.verdict.accepted);
}
