//! What a TSA sends and what it reads: `TimeStampResponse::from_der` (then
//! the token checked against a fixed request) and `TimeStampRequest::from_der`;
//! a request read must re-read from its `to_der` as the same request.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sigbridge::HashAlgorithm;
use sigbridge::tsp::{TimeStampRequest, TimeStampResponse};

fuzz_target!(|data: &[u8]| {
    if let Ok(response) = TimeStampResponse::from_der(data) {
        let _ = (
            response.status.to_string(),
            response.status_strings.len(),
            response.fail_info.map(|f| f.to_string()),
            response.token().map(|t| t.info().gen_time),
        );
        let request = TimeStampRequest::new(HashAlgorithm::Sha256, vec![0; 32]).cert_req(true);
        let _ = response.into_token_for(&request).map_err(|e| e.to_string());
    }
    if let Ok(request) = TimeStampRequest::from_der(data) {
        let der = request.to_der();
        let again = TimeStampRequest::from_der(&der).expect("a request re-reads from its to_der");
        assert_eq!(again, request);
    }
});
