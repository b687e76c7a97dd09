//! CAdES-B-T fuzz seeds (`fuzz/seeds/verify_document`, copied by
//! `fuzz/seed.sh` into the `envelope_parse`, `envelope_verify`,
//! `verify_document` and `verify_cache` corpora): envelopes over
//! `openssl-cms/doc.bin` (the document those targets verify detached
//! envelopes against) with SoftwareTsa-made signature- and
//! content-time-stamps by the test TSA units.
//!
//! Each checked-in seed must still parse, verify cryptographically, and —
//! verified as `fuzz/fuzz_targets/verify_document.rs` verifies (sample
//! registry, 2026-11-23T09:00:00Z, relying KZ, EU and CN) — reach the
//! time-stamp validation with the outcome written here, so that the target
//! starts from inputs that exercise `tsp` and `verify/time.rs`.
//! `SIGBRIDGE_WRITE_SEEDS=1` rewrites them.

mod common;

use common::{local, pki_signer, read, shared};
use sigbridge::crypto::{SoftwareSigner, Verifiers};
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::registry::Registry;
use sigbridge::tsp::{self, SoftwareTsa};
use sigbridge::verify::{Content, Indication, Request, SubIndication, Verifier};
use sigbridge::{Certificate, DocumentType, HashAlgorithm, Jurisdiction, Oid, Time};

const TSA_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1");

fn t(s: &str) -> Time {
    s.parse().unwrap()
}

/// A software TSA over the test unit `testdata/pki/tsa/<name>`, answering at `at`.
fn tsa(name: &str, at: Time) -> SoftwareTsa {
    let cert = Certificate::from_pem(&read(&local(&format!("pki/tsa/{name}.pem")))).unwrap();
    let key = read(&local(&format!("pki/tsa/{name}.key")));
    SoftwareTsa::new(
        SoftwareSigner::from_pkcs8_pem(&key, cert).unwrap(),
        TSA_POLICY,
        at,
    )
}

/// `doc` signed detached by `<dir>/<name>` at `at` as a commercial invoice,
/// with a content-time-stamp when given.
fn sign(doc: &[u8], dir: &str, name: &str, at: Time, content_ts: Option<Vec<u8>>) -> Envelope {
    let mut options = SignatureOptions::new(at)
        .document_type(DocumentType::COMMERCIAL_INVOICE)
        .include_chain(true);
    if let Some(ts) = content_ts {
        options = options.content_timestamp(ts);
    }
    Envelope::sign_detached(doc, &pki_signer(dir, name), &options).unwrap()
}

/// The subject of `tsa/eu-tsu.pem`, listed in the sample registry (`eu-tsa`).
const EU_TSU: &str = "C=BE, O=SigBridge Test QTSP, CN=SigBridge Test TSU 1";

/// What the fuzz target's verification must find in a seed's first
/// signature: the time-stamp kinds in every relying jurisdiction's report
/// (each by eu-tsu valid, each by another unit not) and, for EU, the
/// indication with the proof of existence from the eu-tsu
/// signature-time-stamp.
struct Expected {
    kinds: &'static [&'static str],
    outcome: (Indication, Option<SubIndication>),
}

#[test]
fn time_stamped_fuzz_seeds_reach_the_time_stamp_validation() {
    let doc = read(&shared("openssl-cms/doc.bin"));
    let signed_at = t("2026-03-01T10:00:00Z");
    // B-T: a valid signer, a signature-time-stamp by eu-tsu.
    let bt = sign(&doc, "eu", "qes-natural", signed_at, None)
        .add_signature_timestamp(
            0,
            &tsa("eu-tsu", t("2026-03-01T10:00:05Z")),
            HashAlgorithm::Sha256,
        )
        .unwrap();
    // A content-time-stamp (before signing, SHA-384) and a signature-time-stamp.
    let content_ts = tsp::content_timestamp(
        &tsa("eu-tsu", t("2026-03-01T09:59:00Z")),
        HashAlgorithm::Sha384,
        &doc,
    )
    .unwrap();
    let content = sign(
        &doc,
        "eu",
        "qes-natural",
        signed_at,
        Some(content_ts.der().to_vec()),
    )
    .add_signature_timestamp(
        0,
        &tsa("eu-tsu", t("2026-03-01T10:00:05Z")),
        HashAlgorithm::Sha256,
    )
    .unwrap();
    // eu/expired (ends 2025-06-30), stamped while valid: only the proof of
    // existence makes it pass (its path judged at the best-signature-time);
    // a second stamp by the unlisted rogue unit gives none.
    let early = t("2025-03-01T10:00:00Z");
    let expired = sign(&doc, "eu", "expired", early, None)
        .add_signature_timestamp(
            0,
            &tsa("eu-tsu", t("2025-03-01T10:00:05Z")),
            HashAlgorithm::Sha256,
        )
        .unwrap()
        .add_signature_timestamp(0, &tsa("rogue-tsu", early), HashAlgorithm::Sha512)
        .unwrap();
    let passed = (Indication::TotalPassed, None);
    let seeds = [
        (
            "eu-invoice-bt.p7s",
            bt.to_der(),
            Expected {
                kinds: &["signature-time-stamp"],
                outcome: passed,
            },
        ),
        (
            "eu-invoice-content-timestamp.p7s",
            content.to_der(),
            Expected {
                kinds: &["signature-time-stamp", "content-time-stamp"],
                outcome: passed,
            },
        ),
        (
            "eu-expired-bt.p7s",
            expired.to_der(),
            Expected {
                kinds: &["signature-time-stamp", "signature-time-stamp"],
                outcome: passed,
            },
        ),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/verify_document");
    // As fuzz/fuzz_targets/verify_document.rs verifies.
    let verifier = Verifier::new(Registry::sample().unwrap()).unwrap();
    let at = Time::from_unix(1_795_424_400);
    assert_eq!(at, t("2026-11-23T09:00:00Z"));
    for (name, fresh, expected) in seeds {
        let path = dir.join(name);
        if std::env::var_os("SIGBRIDGE_WRITE_SEEDS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        let seed = read(&path);
        // envelope_parse: parses and re-encodes to itself.
        let env = Envelope::parse(&seed).unwrap();
        assert_eq!(env.to_der(), seed, "{name}");
        assert!(env.is_detached(), "{name}");
        // envelope_verify: the signature over doc.bin holds.
        let checks = env.verify(Some(&doc), &Verifiers::builtin(), &[]).unwrap();
        assert_eq!(checks[0].result.as_ref().map(|_| ()), Ok(()), "{name}");
        // verify_document: every relying jurisdiction's report goes through
        // the time-stamp validation.
        let reports = verifier.verify_for(
            Request::new(&seed, Content::Detached(&doc), Jurisdiction::KZ, at),
            &[Jurisdiction::KZ, Jurisdiction::EU, Jurisdiction::CN],
        );
        assert_eq!(reports.len(), 3, "{name}");
        // The stamps of a SignerInfo come in the order of their encodings
        // (a DER SET OF): found by TSA, not by position.
        for r in &reports {
            let stamps = &r.signatures[0].timestamps;
            let kinds: Vec<&str> = stamps.iter().map(|ts| ts.kind.as_str()).collect();
            assert_eq!(kinds, expected.kinds, "{name}: {r}");
            for ts in stamps {
                let listed = ts.tsa.as_deref() == Some(EU_TSU);
                assert_eq!(ts.valid, listed, "{name}: {r}\n{ts:#?}");
            }
        }
        let eu = reports
            .iter()
            .find(|r| r.relying == "EU")
            .unwrap_or_else(|| panic!("{name}: no EU report"));
        let s = &eu.signatures[0];
        let poe = s
            .timestamps
            .iter()
            .find(|ts| ts.kind == "signature-time-stamp" && ts.tsa.as_deref() == Some(EU_TSU))
            .map(|ts| format!("signature-time-stamp #{}", ts.number));
        assert!(poe.is_some(), "{name}: {eu}");
        assert_eq!(s.proof_of_existence, poe, "{name}: {eu}");
        assert_eq!(
            (s.validity.indication, s.validity.sub_indication),
            expected.outcome,
            "{name}: {eu}"
        );
        if name == "eu-expired-bt.p7s" {
            assert_eq!(s.best_signature_time, "2025-03-01T10:00:05Z", "{eu}");
            let rogue = s
                .timestamps
                .iter()
                .find(|ts| ts.tsa.as_deref() == Some("C=ZZ, O=Nobody, CN=Unlisted TSA"))
                .unwrap_or_else(|| panic!("{eu}"));
            assert_eq!(
                (rogue.valid, rogue.findings[0].code.as_str()),
                (false, "PATH_UNKNOWN_ISSUER"),
                "{eu}"
            );
        }
    }
}
