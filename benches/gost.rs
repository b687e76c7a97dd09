//! GOST R 34.10 verification and signing against the P-256 baseline
//! (the `p256` crate's `VerifyingKey::verify_prehash`, measured in the same
//! run). The goals: GOST-256 verify ≤ 1.3× P-256 verify, GOST-512 ≤ 5×
//! GOST-256.
//!
//! ```sh
//! cargo bench --bench gost
//! ```

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use sigbridge::crypto::GostCurve;
use sigbridge::crypto::gost_bench_hook::SigningKey;

/// A fixed private key below q on every curve.
fn secret(bytes: usize) -> Vec<u8> {
    (0..bytes)
        .map(|i| if i == 0 { 0x1f } else { (i * 37 + 11) as u8 })
        .collect()
}

fn digest(bytes: usize) -> Vec<u8> {
    (0..bytes).map(|i| (i * 101 + 7) as u8).collect()
}

/// The ratios on a shared machine: the operations are timed interleaved, in
/// rounds, and each keeps its fastest round (the least disturbed by other
/// load), so all see the same machine state. Printed once to stderr.
/// One timed operation.
type Op = (&'static str, Box<dyn Fn()>);

fn interleaved_ratios() {
    use std::time::{Duration, Instant};
    let sk = p256::ecdsa::SigningKey::from_slice(&secret(32)).expect("p256 key");
    let vk = *sk.verifying_key();
    let e32 = digest(32);
    let sig: p256::ecdsa::Signature = sk.sign_prehash(&e32).expect("p256 sign");
    let mut ops: Vec<Op> = vec![(
        "p256-verify",
        Box::new(move || {
            vk.verify_prehash(black_box(&e32), black_box(&sig))
                .expect("valid")
        }),
    )];
    for (label, curve) in [
        ("CryptoPro-A", GostCurve::CryptoProA),
        ("tc26-256-A", GostCurve::Tc26_256A),
        ("tc26-512-A", GostCurve::Tc26_512A),
    ] {
        let n = curve.bits() / 8;
        let key = SigningKey::from_be_bytes(curve, &secret(n)).expect("gost key");
        let public = key.verifying_key();
        let e = digest(n);
        let (r, s) = key.sign_prehash(&e).expect("gost sign");
        ops.push((
            label,
            Box::new(move || assert!(public.verify_prehash(black_box(&e), &r, &s))),
        ));
    }
    let mut best = vec![Duration::MAX; ops.len()];
    for _ in 0..40 {
        for (i, (_, op)) in ops.iter().enumerate() {
            let t = Instant::now();
            for _ in 0..10 {
                op();
            }
            let d = t.elapsed() / 10;
            if let Some(b) = best.get_mut(i) {
                *b = (*b).min(d);
            }
        }
    }
    let base = best.first().copied().unwrap_or(Duration::MAX).as_secs_f64();
    let g256 = best.get(1).copied().unwrap_or(Duration::MAX).as_secs_f64();
    for ((label, _), d) in ops.iter().zip(&best) {
        let d = d.as_secs_f64();
        eprintln!(
            "interleaved min: {label:12} {:8.1} µs  {:.2}× P-256  {:.2}× CryptoPro-A",
            d * 1e6,
            d / base,
            d / g256
        );
    }
}

fn verify(c: &mut Criterion) {
    interleaved_ratios();
    let mut group = c.benchmark_group("gost");

    let sk = p256::ecdsa::SigningKey::from_slice(&secret(32)).expect("p256 key");
    let vk = *sk.verifying_key();
    let e = digest(32);
    let sig: p256::ecdsa::Signature = sk.sign_prehash(&e).expect("p256 sign");
    group.bench_function("p256-verify", |b| {
        b.iter(|| {
            vk.verify_prehash(black_box(&e), black_box(&sig))
                .expect("valid")
        })
    });

    for (label, curve) in [
        ("gost256-cryptopro-a-verify", GostCurve::CryptoProA),
        ("gost256-tc26-256-a-verify", GostCurve::Tc26_256A),
        ("gost512-tc26-512-a-verify", GostCurve::Tc26_512A),
    ] {
        let n = curve.bits() / 8;
        let key = SigningKey::from_be_bytes(curve, &secret(n)).expect("gost key");
        let public = key.verifying_key();
        let e = digest(n);
        let (r, s) = key.sign_prehash(&e).expect("gost sign");
        assert!(public.verify_prehash(&e, &r, &s));
        group.bench_function(label, |b| {
            b.iter(|| assert!(public.verify_prehash(black_box(&e), black_box(&r), black_box(&s))))
        });
    }

    let key = SigningKey::from_be_bytes(GostCurve::CryptoProA, &secret(32)).expect("gost key");
    let e = digest(32);
    group.bench_function("gost256-cryptopro-a-sign", |b| {
        b.iter(|| key.sign_prehash(black_box(&e)).expect("sign"))
    });
    group.bench_function("p256-sign", |b| {
        b.iter(|| {
            let s: p256::ecdsa::Signature = sk.sign_prehash(black_box(&e)).expect("sign");
            s
        })
    });
    group.finish();
}

criterion_group!(benches, verify);
criterion_main!(benches);
