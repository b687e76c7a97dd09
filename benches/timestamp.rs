//! CAdES-B-T verification against CAdES-B-B, measured in the same run: the
//! same document signed by one EU signer (`eu/qes-natural`, P-384 with its
//! issuing CA in the envelope), once as it is (B-B) and once with a
//! signature-time-stamp by the test TSA unit `tsa/eu-tsu` (P-256, listed in
//! the sample registry as `eu-tsa`) added (B-T), each verified through
//! `Verifier::verify` with the sample registry, relying jurisdiction EU.
//!
//! Both go through one verifier whose caches are warm (the signer's path,
//! and for B-T the TSA's path, are cache hits), so what B-T adds is the
//! time-stamp token's CMS parse, its imprint, its signature and the TSA
//! listing's recognition. The goal: B-T ≤ 2.2× B-B. The interleaved ratio
//! (and the cold-verifier times, for comparison) is printed to stderr
//! before the criterion groups run.
//!
//! ```sh
//! cargo bench --bench timestamp
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use sigbridge::crypto::SoftwareSigner;
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::registry::Registry;
use sigbridge::tsp::SoftwareTsa;
use sigbridge::verify::{Content, Indication, Request, Verifier};
use sigbridge::{Certificate, DocumentType, HashAlgorithm, Jurisdiction, Oid, Time};

const DOC: &[u8] = b"<Invoice number='INV-2026-0042'/>";
const TSA_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1");

fn t(s: &str) -> Time {
    s.parse().expect("time")
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The test-PKI signer `eu/qes-natural` shipping its issuing CA.
fn signer() -> SoftwareSigner {
    let chain = sigbridge::load_certificates(&read("testdata/pki/eu/chain-qes-natural.pem"))
        .expect("chain parses");
    SoftwareSigner::from_pkcs8_pem(&read("testdata/pki/eu/qes-natural.key"), chain[0].clone())
        .expect("signer")
        .with_chain(chain[1..2].to_vec())
}

/// The test TSA unit `tsa/eu-tsu` answering at `at`.
fn tsa(at: Time) -> SoftwareTsa {
    let cert = Certificate::from_pem(&read("testdata/pki/tsa/eu-tsu.pem")).expect("TSA cert");
    let key = read("testdata/pki/tsa/eu-tsu.key");
    SoftwareTsa::new(
        SoftwareSigner::from_pkcs8_pem(&key, cert).expect("TSA signer"),
        TSA_POLICY,
        at,
    )
}

/// The B-B and B-T forms of one signed document (DER).
fn documents() -> (Vec<u8>, Vec<u8>) {
    let signed_at = t("2026-03-01T10:00:00Z");
    let options = SignatureOptions::new(signed_at)
        .document_type(DocumentType::COMMERCIAL_INVOICE)
        .include_chain(true);
    let bb = Envelope::sign_detached(DOC, &signer(), &options).expect("signs");
    let bt = bb
        .add_signature_timestamp(0, &tsa(t("2026-03-01T10:00:05Z")), HashAlgorithm::Sha256)
        .expect("time-stamps");
    (bb.to_der(), bt.to_der())
}

fn at() -> Time {
    t("2026-11-23T09:00:00Z")
}

/// One verification, checked: both forms pass, and the B-T one with its
/// time-stamp valid and recognised.
fn verify(verifier: &Verifier, der: &[u8], stamps: usize) {
    let r = verifier.verify(Request::new(
        black_box(der),
        Content::Detached(DOC),
        Jurisdiction::EU,
        at(),
    ));
    let s = &r.signatures[0];
    assert!(
        r.verdict.accepted && s.validity.indication == Indication::TotalPassed,
        "{r}"
    );
    assert_eq!(s.timestamps.len(), stamps, "{r}");
    assert!(
        s.timestamps.iter().all(|ts| ts.valid && ts.recognised),
        "{r}"
    );
}

/// Fastest-round times of the operations, timed interleaved in rounds (see
/// benches/gost.rs): all see the same machine state.
fn interleaved(ops: &[(&str, &dyn Fn())]) -> Vec<Duration> {
    let mut best = vec![Duration::MAX; ops.len()];
    for _ in 0..40 {
        for ((_, op), b) in ops.iter().zip(best.iter_mut()) {
            let start = Instant::now();
            for _ in 0..10 {
                op();
            }
            *b = (*b).min(start.elapsed() / 10);
        }
    }
    best
}

fn interleaved_ratio(bb: &[u8], bt: &[u8]) {
    let registry = Registry::sample().expect("sample registry");
    let warm = Verifier::new(&registry).expect("sample policies fit");
    let cold = Verifier::new(&registry)
        .expect("sample policies fit")
        .with_path_cache(0);
    // Warm the caches: the signer's path, then the TSA's.
    verify(&warm, bb, 0);
    verify(&warm, bt, 1);
    let before = warm.cache_stats();
    let ops: [(&str, &dyn Fn()); 4] = [
        ("B-B warm", &|| verify(&warm, bb, 0)),
        ("B-T warm", &|| verify(&warm, bt, 1)),
        ("B-B cold", &|| verify(&cold, bb, 0)),
        ("B-T cold", &|| verify(&cold, bt, 1)),
    ];
    let best = interleaved(&ops);
    let after = warm.cache_stats();
    for ((label, _), d) in ops.iter().zip(&best) {
        eprintln!(
            "interleaved min: {label:9} {:8.1} µs  {:.2}× B-B warm",
            d.as_secs_f64() * 1e6,
            d.as_secs_f64() / best[0].as_secs_f64()
        );
    }
    eprintln!(
        "signer path cache over the rounds: {} hits, {} misses",
        after.hits - before.hits,
        after.misses - before.misses
    );
    eprintln!(
        "ratio B-T / B-B (warm verifier): {:.2} (goal ≤ 2.2)",
        best[1].as_secs_f64() / best[0].as_secs_f64()
    );
    eprintln!(
        "ratio B-T / B-B (cold verifier): {:.2}",
        best[3].as_secs_f64() / best[2].as_secs_f64()
    );
}

fn bench(c: &mut Criterion) {
    let (bb, bt) = documents();
    interleaved_ratio(&bb, &bt);
    let registry = Registry::sample().expect("sample registry");
    let warm = Verifier::new(&registry).expect("sample policies fit");
    verify(&warm, &bb, 0);
    verify(&warm, &bt, 1);
    let mut group = c.benchmark_group("timestamp_verify");
    for (label, der, stamps) in [("B-B", &bb, 0), ("B-T", &bt, 1)] {
        group.bench_function(BenchmarkId::new("warm", label), |b| {
            b.iter(|| verify(&warm, der, stamps))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
