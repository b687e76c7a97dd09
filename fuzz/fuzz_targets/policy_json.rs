//! A policy file (JSON text); loaded policies must round-trip through
//! `save_policies`, and their checks must not panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sigbridge::crypto::{HashAlgorithm, KeyAlgorithm, SignatureAlgorithm};
use sigbridge::policy::{SignerFacts, load_policies, save_policies};
use sigbridge::{DocumentType, Time};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(policies) = load_policies(text) else { return };
    let saved = save_policies(&policies);
    let reloaded = load_policies(&saved)
        .unwrap_or_else(|e| panic!("save_policies output does not reload: {e}\n{saved}"));
    assert_eq!(save_policies(&reloaded), saved, "save_policies is not stable");
    // Exercise every check on whatever the file says.
    let at = Time::from_unix(1_750_000_000);
    let alg = SignatureAlgorithm::RsaPkcs1 { hash: HashAlgorithm::Sha256 };
    for p in &policies {
        let _ = p.check_algorithm(&alg, &KeyAlgorithm::Rsa { bits: 2048 }, at);
        let _ = p.check_path(usize::from(p.max_path_depth) + 1, false);
        let _ = p.check_signing_time(Time::from_unix(i64::MAX), at);
        let vocab: Vec<String> = p.documents.iter().map(|d| d.min_level.clone()).collect();
        let signers: Vec<SignerFacts> = p
            .documents
            .iter()
            .flat_map(|d| d.required_roles.iter())
            .enumerate()
            .map(|(i, r)| SignerFacts {
                level: vocab.last().cloned(),
                roles: vec![r.role.clone()],
                identity: i.to_string(),
            })
            .collect();
        for d in [380u16, 861, 705, 0] {
            let _ = p.check_document(DocumentType(d), &signers, &vocab);
        }
    }
});
