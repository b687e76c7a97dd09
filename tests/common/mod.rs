//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod certgen;
pub mod der;
pub mod kz_nca;
pub mod ocsp;
pub mod openssl;
pub mod pattern;
pub mod scratch;

use std::path::{Path, PathBuf};

use sigbridge::{Certificate, Leniency, Time};

/// `../shared/testdata/<rel>` from the crate root.
pub fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/testdata")
        .join(rel)
}

/// `testdata/<rel>` from the crate root.
pub fn local(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(rel)
}

/// Reads a file or fails the test with its path.
pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The first certificate of a fixture under `testdata/pki/`.
pub fn fixture(rel: &str) -> Certificate {
    let certs = sigbridge::load_certificates(&read(&local(&format!("pki/{rel}"))))
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    certs.into_iter().next().unwrap()
}

/// The first certificate of a shared national certificate, real-world leniency.
pub fn national(name: &str) -> Certificate {
    let certs = sigbridge::load_certificates_with(
        &read(&shared(&format!("national-certs/{name}"))),
        &Leniency::real_world(),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    certs.into_iter().next().unwrap()
}

/// The fixed validation time of the test PKI: 2030-01-01T00:00:00Z.
pub fn at_2030() -> Time {
    Time::from_ymd_hms(2030, 1, 1, 0, 0, 0).unwrap()
}

/// A software signer for a test-PKI signer `testdata/pki/<dir>/<name>`,
/// shipping its issuing CA (from `chain-<name>.pem`) but not the root.
pub fn pki_signer(dir: &str, name: &str) -> sigbridge::crypto::SoftwareSigner {
    let chain = sigbridge::load_certificates(&read(&local(&format!("pki/{dir}/chain-{name}.pem"))))
        .unwrap();
    let key = read(&local(&format!("pki/{dir}/{name}.key")));
    sigbridge::crypto::SoftwareSigner::from_pkcs8_pem(&key, chain[0].clone())
        .unwrap()
        .with_chain(chain[1..2].to_vec())
}

/// `doc` signed detached by test-PKI signers `(dir, name)` in turn (the
/// first makes the envelope, the others co-sign), each shipping its
/// issuing CA, with the document type declared; DER.
pub fn sign_document(
    doc: &[u8],
    signers: &[(&str, &str)],
    doc_type: sigbridge::DocumentType,
    at: Time,
) -> Vec<u8> {
    use sigbridge::envelope::{Envelope, SignatureOptions};
    let options = SignatureOptions::new(at)
        .document_type(doc_type)
        .include_chain(true);
    let (first, rest) = signers.split_first().unwrap();
    let mut env = Envelope::sign_detached(doc, &pki_signer(first.0, first.1), &options).unwrap();
    for (dir, name) in rest {
        env = env
            .add_signer(Some(doc), &pki_signer(dir, name), &options)
            .unwrap();
    }
    env.to_der()
}
