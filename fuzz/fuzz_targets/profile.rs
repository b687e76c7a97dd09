//! Certificate → national profile (identity, assurance, findings).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(c) = sigbridge::Certificate::from_der_with(data, &sigbridge::Leniency::all()) {
        let report = sigbridge::profile::analyze(&c);
        let _ = report.findings.iter().map(ToString::to_string).count();
        let _ = sigbridge::profile::ru::sign_tools(&c);
    }
});
