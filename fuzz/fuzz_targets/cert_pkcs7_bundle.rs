//! Certs-only PKCS#7 / .p7b bundles (DER).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = sigbridge::load_certificates_with(data, &sigbridge::Leniency::all());
});
