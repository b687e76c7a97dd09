//! What an OCSP responder sends: `OcspResponse::from_der`, every field read,
//! then `check_ocsp` for a fixed certificate of the test PKI (eu/revoked,
//! issued by eu/ca) at a fixed time, with the test PKI's delegated
//! responder in the pool and revocation required. Must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sigbridge::path::{OcspResponse, RevocationMode, ValidationOptions, check_ocsp};
use sigbridge::{Certificate, Time};

fuzz_target!(|data: &[u8]| {
    let Ok(response) = OcspResponse::from_der(data) else {
        return;
    };
    let _ = (
        response.responder_id().to_string(),
        response.produced_at(),
        response.nonce().map(<[u8]>::len),
        response.certificates().len(),
        response.tbs_der().len(),
        response.basic_der().len(),
    );
    for s in response.responses() {
        let _ = (s.status, s.this_update, s.next_update, s.effective_revocation_time());
    }
    let (Ok(ca), Ok(cert), Ok(responder)) = (
        Certificate::from_pem(include_bytes!("../../testdata/pki/eu/ca.pem")),
        Certificate::from_pem(include_bytes!("../../testdata/pki/eu/revoked.pem")),
        Certificate::from_pem(include_bytes!("../../testdata/pki/ocsp/eu-responder-check.pem")),
    ) else {
        return;
    };
    let at = Time::from_ymd_hms(2026, 12, 2, 12, 0, 0).unwrap_or(Time::from_unix(0));
    let options = ValidationOptions::new(at)
        .revocation(RevocationMode::Required, Vec::new())
        .ocsp_responses(vec![response.clone()]);
    let _ = check_ocsp(&response, &cert, &ca, &[responder], &options).map_err(|e| e.to_string());
});
