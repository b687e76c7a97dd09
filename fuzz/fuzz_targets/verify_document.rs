//! An arbitrary envelope verified end to end against the sample registry:
//! envelope, path, profile, policy, recognition and the document rule, for
//! three relying jurisdictions in one pass, then the report printed and
//! serialised as a user would.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Request, Verifier};
use sigbridge::{Jurisdiction, Time};


const DOC: &[u8] = include_bytes!("../../../shared/testdata/openssl-cms/doc.bin");

fn verifier() -> &'static Verifier {
    static VERIFIER: OnceLock<Verifier> = OnceLock::new();
    VERIFIER.get_or_init(|| {
        let registry = Registry::sample().expect("sample registry loads");
        Verifier::new(registry).expect("sample policies fit the sample registry")
    })
}

fuzz_target!(|data: &[u8]| {
    let at = Time::from_unix(1_795_424_400); // 2026-11-23T09:00:00Z
    // Detached envelopes are verified over the document the seeds sign.
    let enveloping = sigbridge::envelope::Envelope::parse(data).is_ok_and(|e| !e.is_detached());
    let content = if enveloping {
        Content::Enveloped
    } else {
        Content::Detached(DOC)
    };
    let reports = verifier().verify_for(
        Request::new(data, content, Jurisdiction::KZ, at),
        &[Jurisdiction::KZ, Jurisdiction::EU, Jurisdiction::CN],
    );
    for r in reports {
        let _ = r.to_string();
        let _ = serde_json::to_string(&r);
    }
});
