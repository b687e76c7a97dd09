//! Primitive and pipeline benchmarks: signature verification and signing per
//! algorithm, certificate parsing, path building, envelope verification at
//! 1 KiB and 1 MiB, and streaming a 1 GiB detached document against raw
//! SHA-256 over the same bytes (the baseline, measured in the same run).
//!
//! ```sh
//! cargo bench --bench verify
//! cargo bench --bench verify --features aws-lc   # the AWS-LC fast path
//! ```

#[path = "../tests/common/pattern.rs"]
mod pattern;

use pattern::Pattern;
use std::hint::black_box;
use std::io::Read;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sha2::Digest;
use sigbridge::crypto::{Signer, SigningScheme, SoftwareSigner, Verifiers};
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::path::{TrustAnchor, ValidationOptions, build_path};
use sigbridge::{Certificate, Time, load_certificates};

/// (label, test-PKI directory, signer): one per key type.
const SIGNERS: [(&str, &str, &str); 5] = [
    ("rsa2048-pkcs1-sha256", "kz", "ceo"),
    ("rsa3072-pss-sha256", "in", "class3"),
    ("p256-sha256", "uz", "person"),
    ("p384-sha384", "eu", "qes-natural"),
    ("sm2-sm3", "cn", "org-uscc"),
];

fn chain(dir: &str, name: &str) -> Vec<Certificate> {
    load_certificates(
        &std::fs::read(format!("testdata/pki/{dir}/chain-{name}.pem")).expect("chain"),
    )
    .expect("chain parses")
}

fn signer(dir: &str, name: &str) -> SoftwareSigner {
    let c = chain(dir, name);
    let key = std::fs::read(format!("testdata/pki/{dir}/{name}.key")).expect("key");
    SoftwareSigner::from_pkcs8_pem(&key, c[0].clone())
        .expect("signer")
        .with_chain(vec![c[1].clone()])
}

fn at() -> Time {
    "2026-11-23T09:00:00Z".parse().expect("time")
}

fn primitives(c: &mut Criterion) {
    let mut group = c.benchmark_group("signature");
    let message = [0x42u8; 256];
    for (label, dir, name) in SIGNERS {
        let mut s = signer(dir, name);
        if label.contains("pss") {
            s = s
                .with_scheme(SigningScheme::RsaPss(sigbridge::HashAlgorithm::Sha256))
                .expect("PSS");
        }
        let sig = s.sign(&message).expect("signs");
        let alg = s.algorithm();
        let spki = s.certificate().spki_der().to_vec();
        let verifiers = Verifiers::builtin();
        verifiers
            .verify(&spki, &alg, &message, &sig)
            .expect("verifies");
        group.bench_function(BenchmarkId::new("verify", label), |b| {
            b.iter(|| verifiers.verify(black_box(&spki), &alg, black_box(&message), &sig))
        });
        group.bench_function(BenchmarkId::new("sign", label), |b| {
            b.iter(|| s.sign(black_box(&message)))
        });
    }
    group.finish();
}

fn parse_and_path(c: &mut Criterion) {
    let mut group = c.benchmark_group("certificate");
    let kz = chain("kz", "ceo");
    let der = kz[0].der().to_vec();
    group.bench_function("parse", |b| {
        b.iter(|| Certificate::from_der(black_box(&der)))
    });
    let anchor = TrustAnchor::from_certificate(&kz[2]).expect("anchor");
    let options = ValidationOptions::new(at());
    group.bench_function("path_build_rsa2048", |b| {
        b.iter(|| {
            build_path(
                black_box(&kz[0]),
                &kz[1..2],
                std::slice::from_ref(&anchor),
                &options,
            )
        })
    });
    group.finish();
}

fn envelopes(c: &mut Criterion) {
    let mut group = c.benchmark_group("envelope_verify");
    let s = signer("kz", "ceo");
    let verifiers = Verifiers::builtin();
    for (label, size) in [("1KiB", 1usize << 10), ("1MiB", 1 << 20)] {
        let content: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
        let der = Envelope::sign_detached(
            &content,
            &s,
            &SignatureOptions::new(at()).include_chain(true),
        )
        .expect("signs")
        .to_der();
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_function(BenchmarkId::new("rsa2048", label), |b| {
            b.iter(|| {
                let env = Envelope::from_der(black_box(&der)).expect("parses");
                let checks = env
                    .verify(Some(&content), &verifiers, &[])
                    .expect("verifies");
                assert!(checks[0].is_valid());
            })
        });
    }
    group.finish();
}

const GIB: u64 = 1 << 30;

fn streaming(c: &mut Criterion) {
    let mut group = c.benchmark_group("stream_1GiB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(GIB));
    let s = signer("uz", "person"); // P-256 with SHA-256: the content hash is SHA-256
    let env =
        Envelope::sign_detached_reader(&mut Pattern::new(GIB), &s, &SignatureOptions::new(at()))
            .expect("signs");
    let verifiers = Verifiers::builtin();
    // The baseline: the same bytes, the same 64 KiB reads, SHA-256 alone.
    group.bench_function("sha256_raw", |b| {
        b.iter(|| {
            let mut reader = Pattern::new(GIB);
            let mut buf = vec![0u8; 64 * 1024];
            let mut h = sha2::Sha256::new();
            loop {
                let n = reader.read(&mut buf).expect("reads");
                if n == 0 {
                    break;
                }
                h.update(&buf[..n]);
            }
            black_box(h.finalize())
        })
    });
    group.bench_function("verify_reader", |b| {
        b.iter(|| {
            let checks = env
                .verify_reader(&mut Pattern::new(GIB), &verifiers, &[])
                .expect("reads");
            assert!(checks[0].is_valid());
        })
    });
    group.finish();
}

/// Many documents: one after the other, and through `Verifier::verify_many`
/// (parallel with `--features rayon`; the same loop without it).
fn many(c: &mut Criterion) {
    use sigbridge::registry::Registry;
    use sigbridge::verify::{Content, Request, Verifier};
    let s = signer("cn", "org-uscc");
    let content = b"<Invoice/>".to_vec();
    let options = SignatureOptions::new(at())
        .document_type(sigbridge::DocumentType::COMMERCIAL_INVOICE)
        .include_chain(true);
    let docs: Vec<Vec<u8>> = (0..32)
        .map(|_| {
            Envelope::sign_detached(&content, &s, &options)
                .expect("signs")
                .to_der()
        })
        .collect();
    let registry = Registry::sample().expect("sample");
    let verifier = Verifier::new(&registry).expect("sample policies fit");
    let kz = sigbridge::Jurisdiction::KZ;
    let requests = || {
        docs.iter()
            .map(|d| Request::new(d, Content::Detached(&content), kz, at()))
            .collect::<Vec<_>>()
    };
    let mut group = c.benchmark_group("many_32_documents");
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("sequential", |b| {
        b.iter(|| {
            for r in requests() {
                assert!(verifier.verify(r).verdict.accepted);
            }
        })
    });
    let label = if cfg!(feature = "rayon") {
        "verify_many_rayon"
    } else {
        "verify_many_sequential"
    };
    group.bench_function(label, |b| {
        b.iter(|| {
            let reports = verifier.verify_many(requests());
            assert!(reports.iter().all(|r| r.verdict.accepted));
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    primitives,
    parse_and_path,
    envelopes,
    streaming,
    many
);
criterion_main!(benches);
