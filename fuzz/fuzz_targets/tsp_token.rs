//! An RFC 3161 time-stamp token: `TimeStampToken::from_der`, then every
//! TSTInfo field a user reads, the imprint check and `verify` with the
//! built-in verifiers (the token's own certificates only).
#![no_main]
use libfuzzer_sys::fuzz_target;
use sigbridge::crypto::Verifiers;
use sigbridge::tsp::TimeStampToken;

fuzz_target!(|data: &[u8]| {
    let Ok(token) = TimeStampToken::from_der(data) else {
        return;
    };
    let info = token.info();
    let _ = (
        info.latest_time(),
        info.earliest_time(),
        info.gen_time.to_string(),
        info.tsa_name.as_deref(),
        info.message_imprint.hash,
        info.nonce.as_deref(),
        info.extensions.len(),
    );
    let _ = token.matches(data).map_err(|e| e.to_string());
    match token.verify(&Verifiers::builtin(), &[]) {
        Ok(check) => {
            let _ = (check.certificate.subject().to_string(), check.verified.algorithm);
        }
        Err(e) => {
            let _ = (e.to_string(), e.code());
        }
    }
});
