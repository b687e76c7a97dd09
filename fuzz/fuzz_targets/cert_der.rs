//! One DER certificate, strict and with every leniency.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = sigbridge::Certificate::from_der(data);
    if let Ok(c) = sigbridge::Certificate::from_der_with(data, &sigbridge::Leniency::all()) {
        // Everything a user reads must be computable without panicking.
        let _ = (c.subject().to_string(), c.issuer().to_string(), c.key_algorithm().name());
        let _ = (c.signature_algorithm().name(), c.crl_urls(), c.ocsp_urls(), c.is_self_issued());
    }
});
