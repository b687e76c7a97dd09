//! A CMS SignedData envelope verified (`verify` and `verify_reader`) over
//! the fixed document the seeds sign (`openssl-cms/doc.bin`), with the RSA
//! and EC signer certificates given beside the envelope's own.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sigbridge::crypto::Verifiers;
use sigbridge::envelope::{Envelope, SignerCheck};
use sigbridge::{Certificate, load_certificates};

const DOC: &[u8] = include_bytes!("../../../shared/testdata/openssl-cms/doc.bin");

/// The extra certificates, parsed once per process.
fn extra() -> &'static [Certificate] {
    static EXTRA: OnceLock<Vec<Certificate>> = OnceLock::new();
    EXTRA.get_or_init(|| {
        [
            include_bytes!("../../../shared/testdata/openssl-cms/rsa/signer.pem").as_slice(),
            include_bytes!("../../../shared/testdata/openssl-cms/ec/signer.pem").as_slice(),
        ]
        .iter()
        .flat_map(|pem| load_certificates(pem).expect("fixture signer certificates load"))
        .collect()
    })
}

/// Every verdict, as a user would print it (countersignatures included).
fn report(checks: &[SignerCheck]) {
    for c in checks {
        let _ = (
            c.signer.as_ref().map(ToString::to_string),
            c.result.as_ref().map_err(ToString::to_string),
        );
        report(&c.countersignatures);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(env) = Envelope::parse(data) else {
        return;
    };
    let verifiers = Verifiers::builtin();
    // Detached: over the fixed document; enveloping: over its own content.
    let detached = env.is_detached().then_some(DOC);
    if let Ok(checks) = env.verify(detached, &verifiers, extra()) {
        report(&checks);
    }
    if let Ok(checks) = env.verify_reader(&mut &DOC[..], &verifiers, extra()) {
        report(&checks);
    }
});
