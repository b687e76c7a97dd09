//! A CMS SignedData envelope (DER, BER or PEM); a parsed one must re-read
//! from its `to_der` and encode to the same bytes again, and every accessor
//! a user reads must be computable without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sigbridge::envelope::{Envelope, SignerInfo};

/// Every accessor of a SignerInfo, then of its countersignatures (a
/// countersignature of a countersignature …, followed 8 levels deep).
fn read_signer(si: &SignerInfo, depth: usize) {
    let _ = (
        si.signing_time(),
        si.content_hints(),
        si.document_type(),
        si.commitment_type(),
    );
    let _ = (
        si.signature_policy(),
        si.signing_certificate_refs(),
        si.signer_identifier().to_string(),
    );
    for cs in si.countersignatures() {
        match cs {
            Ok(cs) if depth < 8 => read_signer(&cs, depth + 1),
            Ok(_) => {}
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let env = match Envelope::parse(data) {
        Ok(env) => env,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    // The DER written reads again, and writing that gives the same bytes.
    let der = env.to_der();
    let reparsed =
        Envelope::parse(&der).unwrap_or_else(|e| panic!("to_der output does not re-parse: {e}"));
    assert_eq!(reparsed.to_der(), der, "to_der is not a fixed point");
    for c in env.certificates() {
        let _ = c
            .certificate()
            .map(|c| c.subject().to_string())
            .map_err(ToString::to_string);
    }
    let _ = env.crls();
    for si in env.signer_infos() {
        read_signer(si, 0);
    }
    let _ = env.to_pem();
});
