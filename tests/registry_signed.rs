//! Signed lists: ICAO CSCA master lists (testdata/icao, made by OpenSSL)
//! and registry snapshots published as signed envelopes.

use sigbridge::crypto::SoftwareSigner;
use sigbridge::envelope::{Envelope, ID_DATA, SignatureOptions};
use sigbridge::path::TrustAnchor;
use sigbridge::registry::*;
use sigbridge::{Certificate, EnvelopeError, Jurisdiction, PathError, Time, load_certificates};

const ICAO: &str = "testdata/icao";

fn t(s: &str) -> Time {
    s.parse().unwrap()
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn anchor(path: &str) -> TrustAnchor {
    TrustAnchor::from_certificate(&Certificate::from_pem(&read(path)).unwrap()).unwrap()
}

fn listing() -> ImportListing {
    ImportListing {
        id_prefix: "icao-csca".into(),
        service: "CSCA (ICAO master list)".into(),
        levels: vec!["e-signature".into()],
        granted_from: t("2026-01-01T00:00:00Z"),
    }
}

fn import(file: &str, csca: &str, at: &str) -> Result<Registry, SignedListError> {
    Registry::sample().unwrap().import_master_list(
        Jurisdiction::UZ,
        &read(&format!("{ICAO}/{file}")),
        &[anchor(&format!("{ICAO}/{csca}"))],
        t(at),
        &listing(),
    )
}

#[test]
fn master_list_imports_its_three_cscas() {
    for file in ["masterlist.cms", "masterlist-ber.cms"] {
        let reg = import(file, "csca-ut.pem", "2030-01-01T00:00:00Z").unwrap();
        let uz = reg
            .jurisdictions()
            .find(|j| j.code == Jurisdiction::UZ)
            .unwrap();
        let before = Registry::sample()
            .unwrap()
            .jurisdictions()
            .find(|j| j.code == Jurisdiction::UZ)
            .unwrap()
            .anchors
            .len();
        assert_eq!(uz.anchors.len(), before + 3, "{file}");
        let mut names: Vec<String> = uz
            .anchors
            .iter()
            .skip(before)
            .map(|a| a.anchor.name().to_string())
            .collect();
        names.sort();
        assert_eq!(names.len(), 3);
        for (name, cn) in names.iter().zip(["CSCA Alpha", "CSCA Beta", "CSCA Gamma"]) {
            assert!(name.contains(cn), "{name} should name {cn}");
        }
        assert!(
            uz.anchors
                .iter()
                .skip(before)
                .all(|a| a.id.starts_with("icao-csca-"))
        );
    }
}

#[test]
fn master_list_signer_needs_the_icao_eku() {
    assert_eq!(
        import(
            "masterlist-noeku.cms",
            "csca-ut.pem",
            "2030-01-01T00:00:00Z"
        )
        .unwrap_err(),
        SignedListError::SignerRole {
            subject: load_certificates(&read(&format!("{ICAO}/mlsigner-noeku.pem"))).unwrap()[0]
                .subject()
                .to_string(),
            required: ICAO_MASTER_LIST_SIGNER,
        }
    );
}

#[test]
fn master_list_with_an_end_entity_is_refused_whole() {
    match import(
        "masterlist-with-ee.cms",
        "csca-ut.pem",
        "2030-01-01T00:00:00Z",
    ) {
        Err(SignedListError::Import(ImportError::NotCa { subject })) => {
            assert!(subject.contains("Not A CSCA"), "{subject}")
        }
        other => panic!("expected NotCa, got {other:?}"),
    }
}

#[test]
fn tampered_master_list_fails_its_digest() {
    match import(
        "masterlist-tampered.cms",
        "csca-ut.pem",
        "2030-01-01T00:00:00Z",
    ) {
        Err(SignedListError::Signature(EnvelopeError::DigestMismatch { algorithm, .. })) => {
            assert_eq!(algorithm, "SHA-256")
        }
        other => panic!("expected DigestMismatch, got {other:?}"),
    }
}

#[test]
fn master_list_from_another_csca_is_untrusted() {
    // The list verifies, but its signer does not chain to the anchor given.
    assert!(matches!(
        import("masterlist.cms", "listed-aa.pem", "2030-01-01T00:00:00Z"),
        Err(SignedListError::Untrusted(PathError::UnknownIssuer { .. }))
    ));
    // Before the certificates are valid.
    assert!(matches!(
        import("masterlist.cms", "csca-ut.pem", "2025-06-01T00:00:00Z"),
        Err(SignedListError::Untrusted(PathError::NotYetValid { .. }))
    ));
}

#[test]
fn a_trade_document_envelope_is_not_a_master_list() {
    let detached = "../shared/testdata/openssl-cms/rsa/sig-cades.p7s";
    assert_eq!(
        Registry::sample()
            .unwrap()
            .import_master_list(
                Jurisdiction::UZ,
                &read(detached),
                &[anchor(&format!("{ICAO}/csca-ut.pem"))],
                t("2030-01-01T00:00:00Z"),
                &listing(),
            )
            .unwrap_err(),
        SignedListError::Detached
    );
    let signer = operator();
    let data = Envelope::sign_enveloping(
        b"not a list",
        &signer,
        &SignatureOptions::new(t("2026-11-23T09:00:00Z")),
    )
    .unwrap();
    match Registry::sample().unwrap().import_master_list(
        Jurisdiction::UZ,
        &data.to_der(),
        &[anchor(&format!("{ICAO}/csca-ut.pem"))],
        t("2030-01-01T00:00:00Z"),
        &listing(),
    ) {
        Err(SignedListError::ContentType { found, .. }) => assert_eq!(found, ID_DATA),
        other => panic!("expected ContentType, got {other:?}"),
    }
}

fn operator() -> SoftwareSigner {
    let chain = load_certificates(&read("testdata/pki/eu/chain-qseal-legal.pem")).unwrap();
    SoftwareSigner::from_pkcs8_pem(&read("testdata/pki/eu/qseal-legal.key"), chain[0].clone())
        .unwrap()
        .with_chain(chain[1..].to_vec())
}

fn operator_anchor() -> TrustAnchor {
    anchor("testdata/pki/eu/root.pem")
}

#[test]
fn signed_registry_round_trips_in_der_and_pem() {
    let at = t("2026-11-23T09:00:00Z");
    let sample = Registry::sample().unwrap();
    let env = sample.to_signed_envelope(&operator(), at).unwrap();
    assert!(!env.is_detached());
    for bytes in [env.to_der(), env.to_pem().into_bytes()] {
        let loaded = Registry::from_signed_envelope(&bytes, &operator_anchor(), at).unwrap();
        assert_eq!(loaded.snapshot_id(), sample.snapshot_id());
        assert_eq!(loaded.label(), sample.label());
    }
}

#[test]
fn signed_registry_is_refused_when_tampered_or_untrusted() {
    let at = t("2026-11-23T09:00:00Z");
    let der = Registry::sample()
        .unwrap()
        .to_signed_envelope(&operator(), at)
        .unwrap()
        .to_der();
    // One byte of the registry file changed.
    let needle = b"\"format\"";
    let pos = der
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the registry JSON is inside the envelope");
    let mut tampered = der.clone();
    tampered[pos + 1] ^= 0x01;
    assert!(matches!(
        Registry::from_signed_envelope(&tampered, &operator_anchor(), at),
        Err(SignedListError::Signature(
            EnvelopeError::DigestMismatch { .. }
        ))
    ));
    // Signed by someone the caller does not trust as operator.
    assert!(matches!(
        Registry::from_signed_envelope(&der, &anchor("testdata/pki/cn/root.pem"), at),
        Err(SignedListError::Untrusted(_))
    ));
    // Truncated.
    assert!(matches!(
        Registry::from_signed_envelope(&der[..der.len() - 3], &operator_anchor(), at),
        Err(SignedListError::Envelope(EnvelopeError::Malformed { .. }))
    ));
    // A detached signature over the file is not a signed registry.
    let json = Registry::sample().unwrap().to_json();
    let detached =
        Envelope::sign_detached(json.as_bytes(), &operator(), &SignatureOptions::new(at)).unwrap();
    assert_eq!(
        Registry::from_signed_envelope(&detached.to_der(), &operator_anchor(), at).unwrap_err(),
        SignedListError::Detached
    );
}
