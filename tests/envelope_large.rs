//! A 1 GiB detached document signed and verified from a reader, with the
//! peak resident memory measured around each pass. Ignored by default (it
//! hashes 2 GiB); run it with
//! `cargo test --release --test envelope_large -- --ignored --nocapture`.

mod common;

use common::pattern::Pattern;

use sigbridge::Certificate;
use sigbridge::crypto::{SoftwareSigner, Verifiers};
use sigbridge::envelope::{Envelope, SignatureOptions};

const GIB: u64 = 1 << 30;

/// Peak resident set size so far (VmHWM), in KiB; Linux only.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
#[ignore = "hashes 2 GiB; run with --release -- --ignored --nocapture"]
fn one_gib_detached_document_streams_with_flat_memory() {
    let dir = "../shared/testdata/openssl-cms/ec";
    let cert = Certificate::from_pem(&std::fs::read(format!("{dir}/signer.pem")).unwrap()).unwrap();
    let signer =
        SoftwareSigner::from_pkcs8_pem(&std::fs::read(format!("{dir}/signer.key")).unwrap(), cert)
            .unwrap();
    let at = "2026-11-23T09:00:00Z".parse().unwrap();
    let before = peak_rss_kib();

    let env = Envelope::sign_detached_reader(
        &mut Pattern {
            offset: 0,
            len: GIB,
        },
        &signer,
        &SignatureOptions::new(at),
    )
    .unwrap();
    let after_sign = peak_rss_kib();
    let checks = env
        .verify_reader(
            &mut Pattern {
                offset: 0,
                len: GIB,
            },
            &Verifiers::builtin(),
            &[],
        )
        .unwrap();
    assert!(checks[0].is_valid(), "{:?}", checks[0].result);
    let after_verify = peak_rss_kib();

    // One byte different at the very end: the digest must differ.
    let mut tampered = Pattern {
        offset: 0,
        len: GIB - 1,
    };
    let checks = env
        .verify_reader(&mut tampered, &Verifiers::builtin(), &[])
        .unwrap();
    assert!(matches!(
        checks[0].result,
        Err(sigbridge::EnvelopeError::DigestMismatch { .. })
    ));

    if let (Some(b), Some(s), Some(v)) = (before, after_sign, after_verify) {
        println!(
            "peak RSS: {b} KiB before, {s} KiB after signing 1 GiB, {v} KiB after verifying it; growth {} KiB",
            v.saturating_sub(b)
        );
        assert!(
            v.saturating_sub(b) <= 16 * 1024,
            "peak memory grew by more than 16 MiB"
        );
    }
}
