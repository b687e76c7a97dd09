//! Signed lists: ICAO CSCA master lists (testdata/icao, made by OpenSSL)
//! and registry snapshots published as signed envelopes.

mod common;

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
        kind: ServiceKind::CertificateAuthority,
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

/// The operator as the relying party knows it: the EU root, and the
/// e-seal certificate the operator signs with.
fn listed_operator() -> RegistryOperator {
    RegistryOperator::certificates(
        operator_anchor(),
        vec![Certificate::from_pem(&read("testdata/pki/eu/qseal-legal.pem")).unwrap()],
    )
}

#[test]
fn signed_registry_round_trips_in_der_and_pem() {
    let at = t("2026-11-23T09:00:00Z");
    let sample = Registry::sample().unwrap();
    let env = sample.to_signed_envelope(&operator(), at).unwrap();
    assert!(!env.is_detached());
    for bytes in [env.to_der(), env.to_pem().into_bytes()] {
        let loaded = Registry::from_signed_envelope(&bytes, &listed_operator(), at).unwrap();
        assert_eq!(loaded.snapshot_id(), sample.snapshot_id());
        assert_eq!(loaded.label(), sample.label());
        // The TSA listings come through as TSAs, not as CA anchors.
        assert_eq!(
            loaded.anchor("eu-tsa").unwrap().1.kind,
            ServiceKind::TimeStamping
        );
        assert_eq!(loaded.tsa_anchors().len(), 2);
        assert_eq!(loaded.all_anchors().len(), sample.all_anchors().len());
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
        Registry::from_signed_envelope(&tampered, &listed_operator(), at),
        Err(SignedListError::Signature(
            EnvelopeError::DigestMismatch { .. }
        ))
    ));
    // Signed by someone the caller does not trust as operator.
    assert!(matches!(
        Registry::from_signed_envelope(
            &der,
            &RegistryOperator::certificates(anchor("testdata/pki/cn/root.pem"), Vec::new()),
            at
        ),
        Err(SignedListError::Untrusted(_))
    ));
    // Truncated.
    assert!(matches!(
        Registry::from_signed_envelope(&der[..der.len() - 3], &listed_operator(), at),
        Err(SignedListError::Envelope(EnvelopeError::Malformed { .. }))
    ));
    // A detached signature over the file is not a signed registry.
    let json = Registry::sample().unwrap().to_json();
    let detached =
        Envelope::sign_detached(json.as_bytes(), &operator(), &SignatureOptions::new(at)).unwrap();
    assert_eq!(
        Registry::from_signed_envelope(&detached.to_der(), &listed_operator(), at).unwrap_err(),
        SignedListError::Detached
    );
}

// Issue 12 item 8: a snapshot can add anchors and agreements, so chaining
// to the operator's anchor is not enough — every subscriber of the
// operator's CA chains there. Before, each snapshot below loaded.

use common::certgen::{self, Key, day};

/// A snapshot that adds an agreement letting CN recognise everything RU
/// issues, signed by `signer`.
fn forged_snapshot(signer: &SoftwareSigner, at: Time) -> Vec<u8> {
    let text = Registry::sample().unwrap().to_json().replacen(
        "\"agreements\": [\n",
        "\"agreements\": [\n    {\n      \"id\": \"forged\",\n      \"relying\": \"CN\",\n      \"issuing\": \"RU\",\n      \"documents\": \"all\",\n      \"mapping\": {\n        \"KC1\": \"reliable-electronic-signature\"\n      },\n      \"in_force_from\": \"2020-01-01T00:00:00Z\",\n      \"status\": [\n        {\n          \"status\": \"enacted\",\n          \"from\": \"2020-01-01T00:00:00Z\"\n        }\n      ],\n      \"legal_reference\": \"none\"\n    },\n",
        1,
    );
    let forged = Registry::from_json(&text).unwrap();
    assert!(forged.agreements().iter().any(|a| a.id == "forged"));
    forged.to_signed_envelope(signer, at).unwrap().to_der()
}

/// A signer under the EU issuing CA with a certificate made here: the
/// qes-natural key, `extensions` besides basicConstraints, SKI and AKI.
fn subscriber(extensions: Vec<Vec<u8>>) -> SoftwareSigner {
    let ca = Certificate::from_pem(&read("testdata/pki/eu/ca.pem")).unwrap();
    let ca_key = Key::fixture("eu", "ca");
    let key = Key::fixture("eu", "qes-natural");
    let mut exts = vec![
        certgen::basic_constraints(false, None),
        certgen::ski(&key.key_id()),
        certgen::aki(&ca_key.key_id()),
    ];
    exts.extend(extensions);
    let cert = certgen::Tbs {
        serial: 0x0bad,
        issuer: ca.subject().raw_der().to_vec(),
        subject: certgen::dn("BE", "Some Subscriber", "Not The Operator"),
        not_before: day(-30),
        not_after: day(700),
        spki: key.spki.clone(),
        extensions: exts,
    }
    .sign(&ca_key);
    SoftwareSigner::from_pkcs8_pem(&read("testdata/pki/eu/qes-natural.key"), cert)
        .unwrap()
        .with_chain(vec![ca])
}

fn subject_of(signer: &SoftwareSigner) -> String {
    use sigbridge::crypto::Signer;
    signer.certificate().subject().to_string()
}

fn at_signing() -> Time {
    t("2026-11-23T09:00:00Z")
}

#[test]
fn a_snapshot_from_another_subscriber_of_the_operator_ca_is_refused() {
    let at = at_signing();
    // Another EU subscriber with an ordinary signing certificate.
    let other = common::pki_signer("eu", "qes-natural");
    let bytes = forged_snapshot(&other, at);
    let fingerprint = {
        use sigbridge::crypto::Signer;
        other.certificate().fingerprint_hex()
    };
    assert_eq!(
        Registry::from_signed_envelope(&bytes, &listed_operator(), at).unwrap_err(),
        SignedListError::NotOperator {
            subject: subject_of(&other),
            certificate_sha256: fingerprint.clone(),
        }
    );
    // By key: the operator's key, not this one.
    let operator_key = Certificate::from_pem(&read("testdata/pki/eu/qseal-legal.pem"))
        .unwrap()
        .public_key_info()
        .unwrap();
    let by_key = RegistryOperator::keys(operator_anchor(), vec![operator_key]);
    assert_eq!(
        Registry::from_signed_envelope(&bytes, &by_key, at).unwrap_err(),
        SignedListError::NotOperator {
            subject: subject_of(&other),
            certificate_sha256: fingerprint,
        }
    );
    // By role: it does not carry id-tsl-kp-tslSigning.
    assert_eq!(
        Registry::from_signed_envelope(
            &bytes,
            &RegistryOperator::tsl_signing(operator_anchor()),
            at
        )
        .unwrap_err(),
        SignedListError::SignerRole {
            subject: subject_of(&other),
            required: TSL_SIGNING,
        }
    );
    // The operator's own snapshot loads by key as well as by certificate.
    let genuine = Registry::sample()
        .unwrap()
        .to_signed_envelope(&operator(), at)
        .unwrap()
        .to_der();
    let loaded = Registry::from_signed_envelope(&genuine, &by_key, at).unwrap();
    assert_eq!(
        loaded.snapshot_id(),
        Registry::sample().unwrap().snapshot_id()
    );
}

#[test]
fn a_snapshot_signer_needs_a_key_usage_that_permits_signing() {
    let at = at_signing();
    // Key encipherment only, with the trusted-list signer EKU.
    let encipher = subscriber(vec![
        certgen::key_usage(&[2]),
        certgen::eku(false, &["0.4.0.2231.3.0"]),
    ]);
    let bytes = forged_snapshot(&encipher, at);
    let by_role = RegistryOperator::tsl_signing(operator_anchor());
    assert_eq!(
        Registry::from_signed_envelope(&bytes, &by_role, at).unwrap_err(),
        SignedListError::SignerKeyUsage {
            subject: subject_of(&encipher),
            present: vec!["keyEncipherment"],
        }
    );
    // Listing that certificate does not make key encipherment a signature.
    let listed = {
        use sigbridge::crypto::Signer;
        RegistryOperator::certificates(operator_anchor(), vec![encipher.certificate().clone()])
    };
    assert_eq!(
        Registry::from_signed_envelope(&bytes, &listed, at).unwrap_err(),
        SignedListError::SignerKeyUsage {
            subject: subject_of(&encipher),
            present: vec!["keyEncipherment"],
        }
    );
    // No key usage extension at all.
    let unrestricted = subscriber(vec![certgen::eku(false, &["0.4.0.2231.3.0"])]);
    assert_eq!(
        Registry::from_signed_envelope(&forged_snapshot(&unrestricted, at), &by_role, at)
            .unwrap_err(),
        SignedListError::SignerKeyUsage {
            subject: subject_of(&unrestricted),
            present: vec![],
        }
    );
}

#[test]
fn a_listed_snapshot_signer_restricted_to_other_purposes_is_refused() {
    let at = at_signing();
    // A TLS server certificate (critical serverAuth) that the caller listed.
    let tls = subscriber(vec![
        certgen::key_usage(&[0]),
        certgen::eku(true, &["1.3.6.1.5.5.7.3.1"]),
    ]);
    let listed = {
        use sigbridge::crypto::Signer;
        RegistryOperator::certificates(operator_anchor(), vec![tls.certificate().clone()])
    };
    assert_eq!(
        Registry::from_signed_envelope(&forged_snapshot(&tls, at), &listed, at).unwrap_err(),
        SignedListError::SignerPurpose {
            subject: subject_of(&tls),
            purposes: vec![sigbridge::Oid::new_unwrap("1.3.6.1.5.5.7.3.1")],
        }
    );
}

#[test]
fn a_snapshot_signer_with_the_trusted_list_role_and_signing_key_usage_loads() {
    let at = at_signing();
    let signer = subscriber(vec![
        certgen::key_usage(&[1]),
        certgen::eku(false, &["0.4.0.2231.3.0"]),
    ]);
    let loaded = Registry::from_signed_envelope(
        &forged_snapshot(&signer, at),
        &RegistryOperator::tsl_signing(operator_anchor()),
        at,
    )
    .unwrap();
    assert!(loaded.agreements().iter().any(|a| a.id == "forged"));
}

/// Registry snapshots signed by a Russian (GOST R 34.10-2012-512, tc26-512-C)
/// and a Kazakh (GOST 34.10-2015-512, NCA layout) operator load, and a changed
/// signature value is refused as a bad signature.
#[test]
fn gost_signed_registry_snapshots_load() {
    let at = t("2026-11-23T09:00:00Z");
    for (dir, name) in [("ru-gost/512c", "org-ceo"), ("kz-gost/2015", "ceo")] {
        let chain =
            load_certificates(&read(&format!("testdata/pki/{dir}/chain-{name}.pem"))).unwrap();
        let signer = SoftwareSigner::from_pkcs8_pem(
            &read(&format!("testdata/pki/{dir}/{name}.key")),
            chain[0].clone(),
        )
        .unwrap()
        .with_chain(chain[1..2].to_vec());
        let operator = RegistryOperator::certificates(
            anchor(&format!("testdata/pki/{dir}/root.pem")),
            vec![chain[0].clone()],
        );
        let sample = Registry::sample().unwrap();
        let der = sample.to_signed_envelope(&signer, at).unwrap().to_der();
        let loaded = Registry::from_signed_envelope(&der, &operator, at)
            .unwrap_or_else(|e| panic!("{dir}: {e}"));
        assert_eq!(loaded.snapshot_id(), sample.snapshot_id());
        let env = Envelope::from_der(&der).unwrap();
        let sig = env.signer_infos()[0].signature().to_vec();
        let pos = der
            .windows(sig.len())
            .position(|w| w == sig.as_slice())
            .unwrap();
        let mut bad = der.clone();
        bad[pos + 9] ^= 0x04;
        assert!(
            matches!(
                Registry::from_signed_envelope(&bad, &operator, at),
                Err(SignedListError::Signature(EnvelopeError::Signature {
                    source: sigbridge::VerifyError::BadSignature { .. },
                    ..
                }))
            ),
            "{dir}"
        );
    }
}
