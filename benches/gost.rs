//! GOST R 34.10 and bign verification, and GOST signing, through the public
//! API, against P-256 ECDSA-SHA-256 measured in the same run: each key is
//! parsed once (`PublicKeyInfo::from_der`), then
//! `Verifiers::builtin().verify_with` checks a signature over a 100-byte
//! TBS-like message (hashing included: SHA-256, Streebog, GOST 34.311-95 or
//! belt-hash, each a small part of the total at this length).
//!
//! Keys: the test PKIs' `uz/person` (P-256), `ru-gost/256a` (GOST-256 on
//! CryptoPro-A), `ru-gost/256tca` (tc26-256-A, twisted Edwards),
//! `ru-gost/512a` (GOST-512 on tc26-512-A), `kz-gost/2015/ceo` (KZ GOST
//! 34.10-2015-512, little-endian signature encoding), each signing the
//! message with `SoftwareSigner`; and the bign-256 example of STB
//! 34.101.45-2013 Annex Г (Tables Г.1 and Г.3: key and signature over the
//! first 48 octets of the belt H table).
//!
//! The goals (from the issue): GOST-256 verify ≤ 1.3× P-256 verify,
//! GOST-512 ≤ 5× GOST-256. The interleaved ratios are printed to stderr
//! before the criterion groups run.
//!
//! ```sh
//! cargo bench --bench gost
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use sigbridge::Oid;
use sigbridge::crypto::{
    AlgorithmIdentifier, PublicKeyInfo, Signer, SoftwareSigner, Verifiers, VerifyOptions,
};

/// A TBS-like message: 100 octets, the size of a short certificate body's
/// opening or a CMS signed-attributes set.
fn message() -> Vec<u8> {
    (0..100).map(|i| (i * 101 + 7) as u8).collect()
}

/// (label, test-PKI directory, signer name): one per key type signed with
/// `SoftwareSigner`.
const SIGNERS: [(&str, &str, &str); 5] = [
    ("p256-sha256", "uz", "person"),
    ("gost256-cryptopro-a", "ru-gost/256a", "org-ceo"),
    ("gost256-tc26-256-a", "ru-gost/256tca", "org-ceo"),
    ("gost512-tc26-512-a", "ru-gost/512a", "org-ceo"),
    ("kz-gost512-2015", "kz-gost/2015", "ceo"),
];

fn signer(dir: &str, name: &str) -> SoftwareSigner {
    let pem = std::fs::read(format!("testdata/pki/{dir}/{name}.pem")).expect("certificate");
    let cert = sigbridge::load_certificates(&pem)
        .expect("certificate parses")
        .remove(0);
    let key = std::fs::read(format!("testdata/pki/{dir}/{name}.key")).expect("key");
    SoftwareSigner::from_pkcs8_pem(&key, cert).expect("signer")
}

/// One verification to time: a parsed key, the algorithm, message and
/// signature.
struct Case {
    label: &'static str,
    key: PublicKeyInfo,
    alg: AlgorithmIdentifier,
    message: Vec<u8>,
    signature: Vec<u8>,
}

impl Case {
    fn verify(&self, verifiers: &Verifiers, options: &VerifyOptions) {
        verifiers
            .verify_with(
                black_box(&self.key),
                &self.alg,
                black_box(&self.message),
                black_box(&self.signature),
                options,
            )
            .expect("valid signature");
    }
}

fn hex(s: &str) -> Vec<u8> {
    let s: Vec<u8> = s.bytes().filter(u8::is_ascii_hexdigit).collect();
    s.chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).expect("ascii"), 16).expect("hex"))
        .collect()
}

fn tlv(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let body = parts.concat();
    let mut out = vec![tag];
    match body.len() {
        n if n < 0x80 => out.push(n as u8),
        n => out.extend_from_slice(&[0x81, n as u8]),
    }
    out.extend_from_slice(&body);
    out
}

fn oid(dotted: &str) -> Oid {
    dotted.parse().expect("oid")
}

/// STB 34.101.45-2013 Annex Г: the bign-256 public key (Table Г.1), the
/// signature of Table Г.3 and its message, the first 48 octets of the belt
/// H table (STB 34.101.31 Table A.1) — the vector `tests/gost_hashes.rs`
/// checks.
fn bign_case() -> Case {
    const Q: &str = "BD1A5650 179D79E0 3FCEE49D 4C2BD5DD F54CE46D 0CF11E4F F87BF7A8 90857FD0
                     7AC6A603 61E8C817 3491686D 461B2826 190C2EDA 5909054A 9AB84D2A B9D99A90";
    const S: &str = "47A63C8B 9C936E94 B5FAB3D9 CBD78366 290F3210 E163EEC8 DB4E921E 8479D413
                     8F112CC2 3E6DCE65 EC5FF21D F4231C28";
    const BELT_H_48: &str = "B194BAC80A08F53B366D008E584A5DE4 8504FA9D1BB6C7AC252E72C202FDCE0D
                             5BE3D61217B96181FE6786AD716B890B";
    // bign-pubkey with bign-curve256v1 (STB 34.101.45 Annex Е).
    let alg = tlv(
        0x30,
        &[
            &tlv(0x06, &[oid("1.2.112.0.2.0.34.101.45.2.1").as_bytes()]),
            &tlv(0x06, &[oid("1.2.112.0.2.0.34.101.45.3.1").as_bytes()]),
        ],
    );
    let spki = tlv(0x30, &[&alg, &tlv(0x03, &[&[0], &hex(Q)])]);
    Case {
        label: "bign256-hbelt",
        key: PublicKeyInfo::from_der(&spki).expect("bign key"),
        // bign-with-hbelt, parameters absent (STB 34.101.45 Annex Д).
        alg: AlgorithmIdentifier {
            oid: oid("1.2.112.0.2.0.34.101.45.12"),
            parameters: None,
        },
        message: hex(BELT_H_48),
        signature: hex(S),
    }
}

/// Every verification case, each key parsed once and each signature checked.
fn cases() -> Vec<Case> {
    let m = message();
    let verifiers = Verifiers::builtin();
    let options = VerifyOptions::default();
    let mut cases: Vec<Case> = SIGNERS
        .iter()
        .map(|&(label, dir, name)| {
            let s = signer(dir, name);
            Case {
                label,
                key: PublicKeyInfo::from_der(s.certificate().spki_der()).expect("key parses"),
                alg: s.algorithm(),
                message: m.clone(),
                signature: s.sign(&m).expect("signs"),
            }
        })
        .collect();
    cases.push(bign_case());
    for c in &cases {
        c.verify(&verifiers, &options);
    }
    cases
}

/// The ratios on a shared machine: the operations are timed interleaved, in
/// rounds, and each keeps its fastest round (the least disturbed by other
/// load), so all see the same machine state. Printed once to stderr.
fn interleaved_ratios(cases: &[Case]) {
    let verifiers = Verifiers::builtin();
    let options = VerifyOptions::default();
    let m = message();
    let g256 = signer("ru-gost/256a", "org-ceo");
    let g512 = signer("ru-gost/512a", "org-ceo");
    type Op<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let mut ops: Vec<Op> = cases
        .iter()
        .map(|c| -> Op { (c.label, Box::new(|| c.verify(&verifiers, &options))) })
        .collect();
    ops.push((
        "gost256-sign",
        Box::new(|| {
            g256.sign(black_box(&m)).expect("signs");
        }),
    ));
    ops.push((
        "gost512-sign",
        Box::new(|| {
            g512.sign(black_box(&m)).expect("signs");
        }),
    ));
    let mut best = vec![Duration::MAX; ops.len()];
    for _ in 0..40 {
        for ((_, op), b) in ops.iter().zip(best.iter_mut()) {
            let t = Instant::now();
            for _ in 0..10 {
                op();
            }
            *b = (*b).min(t.elapsed() / 10);
        }
    }
    let time = |label: &str| {
        ops.iter()
            .zip(&best)
            .find(|((l, _), _)| *l == label)
            .map_or(f64::NAN, |(_, d)| d.as_secs_f64())
    };
    let p256 = time("p256-sha256");
    for ((label, _), d) in ops.iter().zip(&best) {
        eprintln!(
            "interleaved min: {label:20} {:8.1} µs  {:.2}× P-256",
            d.as_secs_f64() * 1e6,
            d.as_secs_f64() / p256
        );
    }
    let ratio = |a: &str, b: &str| time(a) / time(b);
    eprintln!(
        "ratio GOST-256 (CryptoPro-A) / P-256: {:.2} (goal ≤ 1.3)",
        ratio("gost256-cryptopro-a", "p256-sha256")
    );
    eprintln!(
        "ratio GOST-256 (tc26-256-A) / P-256:  {:.2} (goal ≤ 1.3)",
        ratio("gost256-tc26-256-a", "p256-sha256")
    );
    eprintln!(
        "ratio GOST-512 / GOST-256 (tc26-512-A / CryptoPro-A): {:.2} (goal ≤ 5)",
        ratio("gost512-tc26-512-a", "gost256-cryptopro-a")
    );
    eprintln!(
        "ratio KZ GOST-512 / GOST-256 (CryptoPro-A): {:.2}",
        ratio("kz-gost512-2015", "gost256-cryptopro-a")
    );
    eprintln!(
        "ratio bign-256 / P-256: {:.2}",
        ratio("bign256-hbelt", "p256-sha256")
    );
}

fn bench(c: &mut Criterion) {
    let cases = cases();
    interleaved_ratios(&cases);
    let verifiers = Verifiers::builtin();
    let options = VerifyOptions::default();
    let mut group = c.benchmark_group("gost");
    for case in &cases {
        group.bench_function(BenchmarkId::new("verify", case.label), |b| {
            b.iter(|| case.verify(&verifiers, &options))
        });
    }
    let m = message();
    for (label, dir, name) in [
        ("p256-sha256", "uz", "person"),
        ("gost256-cryptopro-a", "ru-gost/256a", "org-ceo"),
        ("gost512-tc26-512-a", "ru-gost/512a", "org-ceo"),
    ] {
        let s = signer(dir, name);
        group.bench_function(BenchmarkId::new("sign", label), |b| {
            b.iter(|| s.sign(black_box(&m)).expect("signs"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
