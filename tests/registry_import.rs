//! Importing national roots, and the registry joined with path building and
//! national profiles: a KZ signer recognised in CN, end to end.

use sigbridge::path::{ValidationOptions, build_path};
use sigbridge::registry::*;
use sigbridge::{Jurisdiction, PathError, Time, load_certificates, profile};

fn t(s: &str) -> Time {
    s.parse().unwrap()
}

fn without_in_anchors() -> Registry {
    let reg = Registry::sample().unwrap();
    let mut entries: Vec<JurisdictionEntry> = reg.jurisdictions().cloned().collect();
    entries
        .iter_mut()
        .find(|e| e.code == Jurisdiction::IN)
        .unwrap()
        .anchors
        .clear();
    Registry::new(entries, reg.agreements().to_vec())
        .unwrap()
        .with_label(reg.label())
}

fn listing() -> ImportListing {
    ImportListing {
        id_prefix: "in-cca".into(),
        service: "licensed CA".into(),
        kind: ServiceKind::CertificateAuthority,
        levels: vec!["class-2".into(), "class-3".into()],
        granted_from: t("2024-01-01T00:00:00Z"),
    }
}

#[test]
fn imports_a_pkcs7_bundle_and_refuses_it_twice() {
    let reg = without_in_anchors();
    let p7b = std::fs::read("testdata/pki/in/ca-bundle.p7b").unwrap();
    let imported = reg
        .import_bundle(Jurisdiction::IN, &p7b, &listing())
        .unwrap();
    let anchors = &imported.jurisdiction(Jurisdiction::IN).unwrap().anchors;
    assert_eq!(anchors.len(), 2);
    for a in anchors {
        assert!(
            a.id.starts_with("in-cca-") && a.id.len() == "in-cca-".len() + 16,
            "{}",
            a.id
        );
        assert_eq!(imported.anchor(&a.id).unwrap().0, Jurisdiction::IN);
    }
    assert_eq!(imported.label(), reg.label());
    assert_ne!(imported.snapshot_id(), reg.snapshot_id());
    // The imported registry saves and loads like any other.
    assert_eq!(
        Registry::from_json(&imported.to_json()).unwrap().to_json(),
        imported.to_json()
    );
    // Importing the same roots again is a duplicate.
    match imported
        .import_bundle(Jurisdiction::IN, &p7b, &listing())
        .unwrap_err()
    {
        ImportError::Registry(RegistryError::DuplicateAnchor {
            jurisdiction,
            reason,
            ..
        }) => {
            assert_eq!(jurisdiction, Jurisdiction::IN);
            assert_eq!(reason, "another anchor has the same id");
        }
        other => panic!("{other}"),
    }
}

#[test]
fn import_refusals() {
    let reg = without_in_anchors();
    let ceo = std::fs::read("testdata/pki/kz/ceo.pem").unwrap();
    assert!(matches!(
        reg.import_bundle(Jurisdiction::IN, &ceo, &listing()).unwrap_err(),
        ImportError::NotCa { subject } if subject.contains("IIN781105300450")
    ));
    let root = std::fs::read("testdata/pki/in/root.pem").unwrap();
    assert_eq!(
        reg.import_bundle(Jurisdiction::PK, &root, &listing())
            .unwrap_err(),
        ImportError::UnknownJurisdiction(Jurisdiction::PK)
    );
    let mut bad_levels = listing();
    bad_levels.levels.push("class-9".into());
    assert!(matches!(
        reg.import_bundle(Jurisdiction::IN, &root, &bad_levels).unwrap_err(),
        ImportError::Registry(RegistryError::UnknownLevel { level, .. }) if level == "class-9"
    ));
    let e = reg
        .import_bundle(
            Jurisdiction::IN,
            b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            &listing(),
        )
        .unwrap_err();
    assert!(matches!(e, ImportError::Bundle(_)), "{e:?}");
    assert!(
        e.to_string().starts_with("the bundle does not parse: "),
        "{e}"
    );
}

#[test]
fn anchors_without_levels_or_ids_are_refused() {
    let reg = Registry::sample().unwrap();
    let mut entries: Vec<JurisdictionEntry> = reg.jurisdictions().cloned().collect();
    entries[0].anchors[0].levels.clear();
    assert_eq!(
        Registry::new(entries, reg.agreements().to_vec())
            .unwrap_err()
            .to_string(),
        "anchor 'cn-root' in CN: lists no assurance level; name the levels it may issue"
    );
    let mut entries: Vec<JurisdictionEntry> = reg.jurisdictions().cloned().collect();
    entries[0].anchors[0].levels =
        vec!["electronic-signature".into(), "electronic-signature".into()];
    assert_eq!(
        Registry::new(entries, reg.agreements().to_vec())
            .unwrap_err()
            .to_string(),
        "anchor 'cn-root' in CN: lists a level twice"
    );
}

/// The main flow: build an EU signer's path to the registry's anchors at
/// the time, find its listing, read its claim through the EU profile, and
/// ask whether IN recognises it for a commercial invoice. (The KZ test PKI
/// carries no NCA policy OIDs, so its certificates claim no level: see the
/// KZ case below.)
#[test]
fn eu_signer_recognised_in_in_end_to_end() {
    let reg = Registry::sample().unwrap();
    let chain = load_certificates(&std::fs::read("testdata/pki/eu/chain-qes-natural.pem").unwrap())
        .unwrap();
    let at = t("2025-06-01T00:00:00Z");
    let path = build_path(
        &chain[0],
        &chain[1..],
        &reg.anchors_at(at),
        &ValidationOptions::new(at),
    )
    .unwrap();
    let (issuing, listing) = reg.listing_for_path(&path).unwrap();
    assert_eq!(
        (issuing, listing.id.as_str()),
        (Jurisdiction::EU, "eu-root")
    );
    let claim = level_names(&profile::analyze(&chain[0]).assurance);
    let query = |document_type, claimed_levels| RecognitionQuery {
        relying: Jurisdiction::IN,
        document_type,
        at,
        anchor_id: listing.id.clone(),
        claimed_levels,
    };
    match reg.recognise(&query(DocumentType::COMMERCIAL_INVOICE, claim.clone())) {
        Recognition::Recognised(r) => {
            assert_eq!(
                (r.level.as_str(), r.issuing_level.as_str()),
                ("class-3", "QES")
            );
        }
        other => panic!("{other}"),
    }
    assert_eq!(
        reg.recognise(&query(DocumentType::CERTIFICATE_OF_ORIGIN, claim)),
        Recognition::NotRecognised(vec![NotRecognisedReason::DocumentTypeNotCovered {
            agreement: "in-recognises-eu".into(),
            document_type: DocumentType::CERTIFICATE_OF_ORIGIN,
        }])
    );
}

/// A KZ signer: the path ends at the KZ root while it is listed, and no
/// path is built to it after its withdrawal.
#[test]
fn kz_path_follows_the_listing() {
    let reg = Registry::sample().unwrap();
    let chain =
        load_certificates(&std::fs::read("testdata/pki/kz/chain-ceo.pem").unwrap()).unwrap();
    let at = t("2025-12-31T23:59:59Z");
    let path = build_path(
        &chain[0],
        &chain[1..],
        &reg.anchors_at(at),
        &ValidationOptions::new(at),
    )
    .unwrap();
    assert_eq!(reg.listing_for_path(&path).unwrap().1.id, "kz-root");
    assert!(level_names(&profile::analyze(&chain[0]).assurance).is_empty());
    let later = t("2026-01-01T00:00:00Z");
    assert!(
        reg.anchors_at(later)
            .iter()
            .all(|a| a.name() != path.anchor.name())
    );
    assert!(matches!(
        build_path(
            &chain[0],
            &chain[1..],
            &reg.anchors_at(later),
            &ValidationOptions::new(later)
        )
        .unwrap_err(),
        PathError::UnknownIssuer { .. }
    ));
}

#[test]
fn level_names_include_implied_levels() {
    let names = |path: &str| {
        let c = load_certificates(&std::fs::read(path).unwrap())
            .unwrap()
            .remove(0);
        level_names(&profile::analyze(&c).assurance)
    };
    assert_eq!(
        names("testdata/pki/eu/qes-natural.pem"),
        ["QES", "advanced-with-QC", "advanced"]
    );
    assert_eq!(
        names("testdata/pki/in/class3.pem"),
        ["class-3", "class-2", "class-1"]
    );
    assert_eq!(names("testdata/pki/in/class2.pem"), ["class-2", "class-1"]);
}

/// Issue 12 (docs): a PEM becomes a registry-file anchor through
/// `AnchorListing::from_pem`; a bundle is not one anchor.
#[test]
fn anchor_listing_from_pem_takes_exactly_one_certificate() {
    let at: sigbridge::Time = "2024-01-01T00:00:00Z".parse().unwrap();
    let one = std::fs::read("testdata/pki/kz/root.pem").unwrap();
    let listing =
        AnchorListing::from_pem("kz", &one, "national CA", vec!["nca-signing".into()], at).unwrap();
    assert_eq!(
        listing.anchor.name().to_string(),
        sigbridge::Certificate::from_pem(&one)
            .unwrap()
            .subject()
            .to_string()
    );
    assert_eq!(
        listing.status_at(at).map(|s| s.status),
        Some(ListingStatus::Granted)
    );
    let two = std::fs::read("testdata/pki/eu/chain-qseal-legal.pem").unwrap();
    match AnchorListing::from_pem("eu", &two, "x", vec!["advanced".into()], at) {
        Err(ImportError::Bundle(sigbridge::CertError::Pem { reason })) => {
            assert!(
                reason.starts_with("3 certificates found where one was expected"),
                "{reason}"
            )
        }
        other => panic!("expected a Pem error, got {other:?}"),
    }
    assert_eq!(
        AnchorListing::from_pem("none", b"no PEM here", "x", vec![], at).unwrap_err(),
        ImportError::Bundle(sigbridge::CertError::NoCertificate)
    );
}
