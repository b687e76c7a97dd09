//! GOST CMS interoperability with OpenSSL 3.0 and its gost engine (Debian
//! `libengine-gost-openssl`), both ways, on the Russian GOST test PKI of
//! `testdata/pki/ru-gost/` (CryptoPro-A, tc26-256-A, tc26-512-A, tc26-512-C
//! and a 256-bit signer under a 512-bit CA):
//!
//! 1. we verify what `openssl cms -sign -engine gost` made (detached and
//!    attached; the signatureAlgorithm is the key OID with NULL, as the
//!    engine writes it), and refuse a changed document;
//! 2. `openssl cms -verify -engine gost` accepts what we sign.
//!
//! The tests run the `openssl` binary with the engine; without them they
//! fail naming the missing package (CI installs it), never pass silently.

mod common;

use std::path::{Path, PathBuf};

use common::scratch::Scratch;
use std::process::{Command, Output};

use common::{local, read};
use sigbridge::crypto::{Signer, SigningScheme, SoftwareSigner, Verifiers};
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::{
    Certificate, EnvelopeError, HashAlgorithm, SignatureAlgorithm, Time, load_certificates,
};

/// The sets: directory, the scheme its signer uses, and its hash.
const SETS: [(&str, SigningScheme, HashAlgorithm); 5] = [
    (
        "256a",
        SigningScheme::GostR3410_2012_256,
        HashAlgorithm::Streebog256,
    ),
    (
        "256tca",
        SigningScheme::GostR3410_2012_256,
        HashAlgorithm::Streebog256,
    ),
    (
        "512a",
        SigningScheme::GostR3410_2012_512,
        HashAlgorithm::Streebog512,
    ),
    (
        "512c",
        SigningScheme::GostR3410_2012_512,
        HashAlgorithm::Streebog512,
    ),
    (
        "mixed",
        SigningScheme::GostR3410_2012_256,
        HashAlgorithm::Streebog256,
    ),
];

fn pki(rel: &str) -> PathBuf {
    local(&format!("pki/ru-gost/{rel}"))
}

fn cert(rel: &str) -> Certificate {
    load_certificates(&read(&pki(rel))).unwrap().remove(0)
}

fn invoice() -> Vec<u8> {
    read(&pki("invoice.xml"))
}

fn signer(set: &str) -> SoftwareSigner {
    SoftwareSigner::from_pkcs8_pem(
        &read(&pki(&format!("{set}/org-ceo.key"))),
        cert(&format!("{set}/org-ceo.pem")),
    )
    .unwrap_or_else(|e| panic!("{set}/org-ceo.key: {e}"))
    .with_chain(vec![cert(&format!("{set}/ca.pem"))])
}

#[test]
fn we_verify_what_openssl_signs() {
    let doc = invoice();
    for (set, _, hash) in SETS {
        let env = Envelope::from_der(&read(&pki(&format!("{set}/invoice.p7s")))).unwrap();
        let checks = env.verify(Some(&doc), &Verifiers::builtin(), &[]).unwrap();
        assert_eq!(checks.len(), 1, "{set}");
        let v = checks[0]
            .result
            .as_ref()
            .unwrap_or_else(|e| panic!("{set}: {e}"));
        assert_eq!(v.hash, Some(hash), "{set}");
        assert_eq!(v.verifier, "builtin");
        // A changed document is a digest mismatch, not a pass.
        let mut changed = doc.clone();
        changed[10] ^= 0x01;
        let checks = env
            .verify(Some(&changed), &Verifiers::builtin(), &[])
            .unwrap();
        assert!(
            matches!(checks[0].result, Err(EnvelopeError::DigestMismatch { .. })),
            "{set}: {:?}",
            checks[0].result
        );
    }
    let attached = Envelope::from_der(&read(&pki("256a/invoice-attached.p7s"))).unwrap();
    let checks = attached.verify(None, &Verifiers::builtin(), &[]).unwrap();
    assert_eq!(
        checks[0].result.as_ref().map(|v| v.algorithm.clone()),
        Ok(SignatureAlgorithm::GostR3410_2012_256)
    );
}

/// A one-bit change in the signature value is `BadSignature` (the
/// signed attributes are intact, so only the GOST arithmetic can catch it).
#[test]
fn a_changed_openssl_signature_is_refused() {
    let doc = invoice();
    for (set, _, _) in SETS {
        let mut der = read(&pki(&format!("{set}/invoice.p7s")));
        let env = Envelope::from_der(&der).unwrap();
        let sig = env.signer_infos()[0].signature().to_vec();
        let at = der
            .windows(sig.len())
            .position(|w| w == sig.as_slice())
            .unwrap();
        der[at + 5] ^= 0x10;
        let env = Envelope::from_der(&der).unwrap();
        let checks = env.verify(Some(&doc), &Verifiers::builtin(), &[]).unwrap();
        assert!(
            matches!(
                &checks[0].result,
                Err(EnvelopeError::Signature {
                    source: sigbridge::VerifyError::BadSignature { .. },
                    ..
                })
            ),
            "{set}: {:?}",
            checks[0].result
        );
    }
}

#[test]
fn openssl_verifies_what_we_sign() {
    let scratch = Scratch::new("gost-openssl", "sign");
    let doc = scratch.write("invoice.xml", &invoice());
    for (set, scheme, _) in SETS {
        let signer = signer(set);
        assert_eq!(signer.scheme(), scheme, "{set}");
        let opts = SignatureOptions::new(Time::from_ymd_hms(2026, 11, 23, 9, 0, 0).unwrap())
            .include_chain(true);
        let env = Envelope::sign_detached(&invoice(), &signer, &opts).unwrap();
        assert_eq!(
            env.signer_infos()[0].signature_algorithm(),
            &signer.algorithm()
        );
        let sig = scratch.write(&format!("{set}.p7s"), &env.to_der());
        let root = pki(&format!("{set}/root.pem"));
        let out = openssl_cms_verify(&sig, &doc, &root, &scratch.path("out.xml"));
        assert!(
            out.status.success(),
            "{set}: openssl cms -verify refused our signature: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(std::fs::read(scratch.path("out.xml")).unwrap(), invoice());
        // And the same OpenSSL refuses a signature of ours over another document.
        let other = scratch.write("other.xml", b"<Invoice/>");
        let out = openssl_cms_verify(&sig, &other, &root, &scratch.path("out2.xml"));
        assert!(
            !out.status.success(),
            "{set}: OpenSSL accepted a changed document"
        );
    }
}

// ---------------------------------------------------------------------------
// Running openssl with the gost engine.
// ---------------------------------------------------------------------------

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `openssl cms -verify -engine gost` of a detached DER signature.
fn openssl_cms_verify(sig: &Path, content: &Path, root: &Path, out: &Path) -> Output {
    openssl_gost(&[
        "cms",
        "-verify",
        "-engine",
        "gost",
        "-binary",
        "-inform",
        "DER",
        "-in",
        s(sig),
        "-content",
        s(content),
        "-CAfile",
        s(root),
        "-purpose",
        "any",
        "-out",
        s(out),
    ])
}

/// Runs `openssl` (without a configuration file, the engine named on the
/// command line); panics naming the package when the engine is missing.
fn openssl_gost(args: &[&str]) -> Output {
    let run = |args: &[&str]| match Command::new("openssl")
        .args(args)
        .env_remove("OPENSSL_CONF")
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "the `openssl` binary is not on PATH: the GOST interop tests need it \
             and its gost engine (CI installs them; locally: apt-get install openssl libengine-gost-openssl)"
        ),
        Err(e) => panic!("cannot run openssl: {e}"),
    };
    let probe = run(&["engine", "-t", "gost"]);
    assert!(
        probe.status.success() && String::from_utf8_lossy(&probe.stdout).contains("available"),
        "OpenSSL's gost engine is missing: apt-get install libengine-gost-openssl ({})",
        String::from_utf8_lossy(&probe.stderr)
    );
    run(args)
}
