//! PEM text with any number of blocks (and bare base64).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = sigbridge::load_certificates_with(data, &sigbridge::Leniency::real_world());
});
