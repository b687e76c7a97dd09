//! Time-stamping authorities in the registry (ETSI TS 119 612 §5.5.1
//! service types TSA / QTST): their listings load and save, a TSA root
//! never anchors a signer's path, and the time-stamp recognition query
//! answers each basis and each refusal exactly.

use std::collections::BTreeMap;

use sigbridge::path::{TrustAnchor, ValidationOptions, build_path};
use sigbridge::registry::*;
use sigbridge::{Certificate, Jurisdiction, PathError, Time, load_certificates};

const SAMPLE: &str = include_str!("../src/registry/sample-registry.json");

/// The snapshot id of the sample registry as main computed it before TSA
/// listings existed (tests/golden/*.json at commit bcded40; checked against
/// that commit's code by this test before the change).
const SNAPSHOT_BEFORE_TSA: &str =
    "sha256:4f2707db2c9d65672979fb60488a742205f2028521e8e6e5f7f32e2ed03e5129";

fn t(s: &str) -> Time {
    s.parse().unwrap()
}

fn cert(path: &str) -> Certificate {
    load_certificates(&std::fs::read(path).unwrap()).unwrap()[0].clone()
}

fn anchor(path: &str) -> TrustAnchor {
    TrustAnchor::from_certificate(&cert(path)).unwrap()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn history(changes: &[(ListingStatus, &str)]) -> Vec<StatusChange<ListingStatus>> {
    changes
        .iter()
        .map(|(status, from)| StatusChange {
            status: *status,
            from: t(from),
        })
        .collect()
}

fn listing(
    id: &str,
    kind: ServiceKind,
    pem: &str,
    levels: &[&str],
    status: &[(ListingStatus, &str)],
) -> AnchorListing {
    AnchorListing {
        id: id.into(),
        kind,
        anchor: anchor(pem),
        service: format!("{id} service"),
        levels: strings(levels),
        status: history(status),
    }
}

const TSA: ServiceKind = ServiceKind::TimeStamping;
const CA: ServiceKind = ServiceKind::CertificateAuthority;
const GRANTED: ListingStatus = ListingStatus::Granted;
const WITHDRAWN: ListingStatus = ListingStatus::Withdrawn;

fn entry(
    code: Jurisdiction,
    levels: &[&str],
    timestamp_levels: &[&str],
    members: Vec<Jurisdiction>,
    anchors: Vec<AnchorListing>,
) -> JurisdictionEntry {
    JurisdictionEntry {
        code,
        name: code.to_string(),
        levels: strings(levels),
        timestamp_levels: strings(timestamp_levels),
        members,
        anchors,
    }
}

fn agreement(
    id: &str,
    issuing: Jurisdiction,
    documents: DocumentScope,
    from: &str,
    level: &str,
) -> Agreement {
    Agreement {
        id: id.into(),
        relying: Jurisdiction::CN,
        issuing,
        documents,
        mapping: BTreeMap::from([(level.to_owned(), "electronic-signature".to_owned())]),
        in_force_from: t(from),
        in_force_until: None,
        status: vec![StatusChange {
            status: AgreementStatus::Enacted,
            from: t(from),
        }],
        legal_reference: format!("test: {id}"),
        onward: false,
    }
}

fn of(entries: &mut [JurisdictionEntry], code: Jurisdiction) -> &mut JurisdictionEntry {
    entries.iter_mut().find(|e| e.code == code).unwrap()
}

fn de() -> Jurisdiction {
    Jurisdiction::from_code("DE").unwrap()
}

/// EU (union with DE) lists a qualified TSA and a CA; KZ a TSA withdrawn
/// in 2026; UZ a TSA at its lower time-stamp level; CN lists none and has
/// an agreement with EU for certificates of origin and one with KZ not in
/// force before 2027.
fn registry() -> Registry {
    let eu = entry(
        Jurisdiction::EU,
        &["advanced"],
        &["time-stamp", "qualified-time-stamp"],
        vec![de()],
        vec![
            listing(
                "eu-tsa",
                TSA,
                "testdata/pki/tsa/eu-tsa-root.pem",
                &["qualified-time-stamp"],
                &[(GRANTED, "2024-01-01T00:00:00Z")],
            ),
            listing(
                "eu-ca",
                CA,
                "testdata/pki/eu/root.pem",
                &["advanced"],
                &[(GRANTED, "2024-01-01T00:00:00Z")],
            ),
        ],
    );
    let kz = entry(
        Jurisdiction::KZ,
        &["nca-signing"],
        &["nca-time-stamp"],
        vec![],
        vec![listing(
            "kz-tsa",
            TSA,
            "testdata/pki/tsa/kz-tsa-root.pem",
            &["nca-time-stamp"],
            &[
                (GRANTED, "2024-01-01T00:00:00Z"),
                (WITHDRAWN, "2026-01-01T00:00:00Z"),
            ],
        )],
    );
    let uz = entry(
        Jurisdiction::UZ,
        &["e-signature"],
        &["time-stamp", "qualified-time-stamp"],
        vec![],
        vec![listing(
            "uz-tsa",
            TSA,
            "testdata/pki/uz/root.pem",
            &["time-stamp"],
            &[(GRANTED, "2024-01-01T00:00:00Z")],
        )],
    );
    let cn = entry(
        Jurisdiction::CN,
        &["electronic-signature"],
        &[],
        vec![],
        vec![],
    );
    Registry::new(
        vec![eu, kz, uz, cn],
        vec![
            agreement(
                "cn-recognises-eu",
                Jurisdiction::EU,
                DocumentScope::Only(vec![DocumentType::CERTIFICATE_OF_ORIGIN]),
                "2024-01-01T00:00:00Z",
                "advanced",
            ),
            agreement(
                "cn-recognises-kz",
                Jurisdiction::KZ,
                DocumentScope::All,
                "2027-01-01T00:00:00Z",
                "nca-signing",
            ),
        ],
    )
    .unwrap()
}

fn query(relying: Jurisdiction, anchor_id: &str, acceptance: TsaAcceptance) -> TimestampQuery {
    TimestampQuery {
        relying,
        document_type: DocumentType::CERTIFICATE_OF_ORIGIN,
        at: t("2025-06-01T00:00:00Z"),
        anchor_id: anchor_id.into(),
        acceptance,
        min_level: None,
    }
}

fn granted_since(from: &str) -> Option<StatusChange<ListingStatus>> {
    Some(StatusChange {
        status: GRANTED,
        from: t(from),
    })
}

// --- the snapshot id ----------------------------------------------------

#[test]
fn a_registry_without_tsas_keeps_its_snapshot_id() {
    // The sample without its two TSA listings and time-stamp vocabularies
    // is the sample as it was before: same canonical text, same id.
    let sample = Registry::sample().unwrap();
    assert_ne!(sample.snapshot_id(), SNAPSHOT_BEFORE_TSA);
    let entries: Vec<JurisdictionEntry> = sample
        .jurisdictions()
        .cloned()
        .map(|mut j| {
            j.anchors.retain(|a| a.kind == CA);
            j.timestamp_levels.clear();
            j
        })
        .collect();
    let stripped = Registry::new(entries, sample.agreements().to_vec())
        .unwrap()
        .with_label(sample.label());
    assert_eq!(stripped.snapshot_id(), SNAPSHOT_BEFORE_TSA);
    let text = stripped.to_json();
    assert!(!text.contains("\"kind\""));
    assert!(!text.contains("\"timestamp_levels\""));
}

// --- file load and save -------------------------------------------------

#[test]
fn sample_tsa_listings_load_and_save() {
    let reg = Registry::sample().unwrap();
    assert_eq!(reg.to_json(), SAMPLE);
    assert_eq!(SAMPLE.matches("\"kind\": \"time-stamping\"").count(), 2);
    assert!(!SAMPLE.contains("certificate-authority"));
    let eu = reg.jurisdiction(Jurisdiction::EU).unwrap();
    assert_eq!(eu.timestamp_levels, ["time-stamp", "qualified-time-stamp"]);
    let (j, tsa) = reg.anchor("eu-tsa").unwrap();
    assert_eq!(j, Jurisdiction::EU);
    assert_eq!(tsa.kind, TSA);
    assert_eq!(tsa.service, "sample qualified time-stamping service");
    assert_eq!(tsa.levels, ["qualified-time-stamp"]);
    assert_eq!(tsa.status, history(&[(GRANTED, "2024-01-01T00:00:00Z")]));
    assert!(
        tsa.anchor
            .name()
            .matches(cert("testdata/pki/tsa/eu-tsa-root.pem").subject())
    );
    let kz = reg.jurisdiction(Jurisdiction::KZ).unwrap();
    assert_eq!(kz.timestamp_levels, ["nca-time-stamp"]);
    let (j, tsa) = reg.anchor("kz-tsa").unwrap();
    assert_eq!((j, tsa.kind), (Jurisdiction::KZ, TSA));
    assert_eq!(tsa.levels, ["nca-time-stamp"]);
    // Every other listing is a CA.
    let kinds: Vec<(String, ServiceKind)> = reg
        .jurisdictions()
        .flat_map(|j| j.anchors.iter())
        .filter(|a| a.kind == TSA)
        .map(|a| (a.id.clone(), a.kind))
        .collect();
    assert_eq!(
        kinds,
        [("eu-tsa".to_owned(), TSA), ("kz-tsa".to_owned(), TSA)]
    );
}

#[test]
fn a_built_tsa_listing_round_trips_through_the_file() {
    let reg = registry().with_label("tsa test");
    let text = reg.to_json();
    let again = Registry::from_json(&text).unwrap();
    assert_eq!(again.to_json(), text);
    assert_eq!(again.snapshot_id(), reg.snapshot_id());
    let (_, kz) = again.anchor("kz-tsa").unwrap();
    assert_eq!(kz.kind, TSA);
    assert_eq!(
        kz.status,
        history(&[
            (GRANTED, "2024-01-01T00:00:00Z"),
            (WITHDRAWN, "2026-01-01T00:00:00Z")
        ])
    );
    assert_eq!(again.anchor("eu-ca").unwrap().1.kind, CA);
    // CN has no time-stamp vocabulary: the field is not written for it.
    assert_eq!(text.matches("\"timestamp_levels\"").count(), 3);
}

#[test]
fn an_explicit_certificate_authority_kind_is_the_default_and_not_written() {
    let text = SAMPLE.replacen(
        "\"id\": \"cn-root\",",
        "\"id\": \"cn-root\",\n          \"kind\": \"certificate-authority\",",
        1,
    );
    let reg = Registry::from_json(&text).unwrap();
    assert_eq!(reg.anchor("cn-root").unwrap().1.kind, CA);
    assert_eq!(reg.to_json(), SAMPLE);
}

#[test]
fn bad_kinds_and_time_stamp_levels_are_refused_naming_the_place() {
    // An unknown kind: a syntax error at its line.
    let text = SAMPLE.replacen("\"kind\": \"time-stamping\"", "\"kind\": \"ocsp\"", 1);
    let line = text
        .lines()
        .position(|l| l.contains("\"kind\": \"ocsp\""))
        .unwrap()
        + 1;
    match Registry::from_json(&text) {
        Err(RegistryFileError::Syntax {
            line: l, message, ..
        }) => {
            assert_eq!(l, line);
            assert!(
                message.starts_with(
                    "unknown variant `ocsp`, expected `certificate-authority` or `time-stamping`"
                ),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }

    // A TSA listing's level must be in the time-stamp vocabulary, not the
    // assurance one.
    let text = SAMPLE.replacen(
        "\"levels\": [\n            \"qualified-time-stamp\"\n          ]",
        "\"levels\": [\n            \"QES\"\n          ]",
        1,
    );
    match Registry::from_json(&text) {
        Err(RegistryFileError::Inconsistent { path, line, error }) => {
            assert_eq!(path, "jurisdictions[EU].anchors[eu-tsa].levels");
            let id_line = text
                .lines()
                .position(|l| l.contains("\"id\": \"eu-tsa\""))
                .unwrap()
                + 1;
            assert_eq!(line, Some(id_line));
            assert_eq!(
                error,
                RegistryError::UnknownLevel {
                    place: "anchor 'eu-tsa' in EU".into(),
                    level: "QES".into(),
                    jurisdiction: Jurisdiction::EU,
                    vocabulary: strings(&["time-stamp", "qualified-time-stamp"]),
                }
            );
        }
        other => panic!("{other:?}"),
    }

    // A duplicate time-stamp level.
    let text = SAMPLE.replacen(
        "\"timestamp_levels\": [\n        \"time-stamp\",",
        "\"timestamp_levels\": [\n        \"qualified-time-stamp\",",
        1,
    );
    match Registry::from_json(&text) {
        Err(RegistryFileError::Inconsistent { path, error, .. }) => {
            assert_eq!(path, "jurisdictions[EU].timestamp_levels");
            assert_eq!(
                error,
                RegistryError::BadTimestampVocabulary {
                    jurisdiction: Jurisdiction::EU,
                    reason: "names 'qualified-time-stamp' twice".into(),
                }
            );
            assert_eq!(
                error.to_string(),
                "jurisdiction EU: time-stamp vocabulary names 'qualified-time-stamp' twice"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_ca_level_on_a_tsa_and_a_time_stamp_level_on_a_ca_are_refused() {
    let mut entries: Vec<JurisdictionEntry> = registry().jurisdictions().cloned().collect();
    of(&mut entries, Jurisdiction::EU).anchors[0].levels = strings(&["advanced"]);
    let err = Registry::new(entries, vec![]).unwrap_err();
    assert_eq!(
        err,
        RegistryError::UnknownLevel {
            place: "anchor 'eu-tsa' in EU".into(),
            level: "advanced".into(),
            jurisdiction: Jurisdiction::EU,
            vocabulary: strings(&["time-stamp", "qualified-time-stamp"]),
        }
    );
    let mut entries: Vec<JurisdictionEntry> = registry().jurisdictions().cloned().collect();
    of(&mut entries, Jurisdiction::EU).anchors[1].levels = strings(&["time-stamp"]);
    let err = Registry::new(entries, vec![]).unwrap_err();
    assert_eq!(
        err,
        RegistryError::UnknownLevel {
            place: "anchor 'eu-ca' in EU".into(),
            level: "time-stamp".into(),
            jurisdiction: Jurisdiction::EU,
            vocabulary: strings(&["advanced"]),
        }
    );
    // A TSA in a jurisdiction without a time-stamp vocabulary.
    let mut entries: Vec<JurisdictionEntry> = registry().jurisdictions().cloned().collect();
    of(&mut entries, Jurisdiction::KZ).timestamp_levels.clear();
    let err = Registry::new(entries, vec![]).unwrap_err();
    assert_eq!(
        err,
        RegistryError::UnknownLevel {
            place: "anchor 'kz-tsa' in KZ".into(),
            level: "nca-time-stamp".into(),
            jurisdiction: Jurisdiction::KZ,
            vocabulary: vec![],
        }
    );
}

#[test]
fn one_root_may_be_listed_once_as_a_ca_and_once_as_a_tsa() {
    let mut entries: Vec<JurisdictionEntry> = registry().jurisdictions().cloned().collect();
    // The EU CA root listed as a TSA as well: two services (TS 119 612 §5.5.1).
    of(&mut entries, Jurisdiction::EU).anchors.push(listing(
        "eu-ca-as-tsa",
        TSA,
        "testdata/pki/eu/root.pem",
        &["time-stamp"],
        &[(GRANTED, "2024-01-01T00:00:00Z")],
    ));
    let both = Registry::new(entries.clone(), vec![]).unwrap();
    assert_eq!(both.all_anchors().len(), 1);
    assert_eq!(both.tsa_anchors().len(), 4);
    // Twice as a TSA is one listing too many.
    of(&mut entries, Jurisdiction::EU).anchors.push(listing(
        "eu-ca-as-tsa-again",
        TSA,
        "testdata/pki/eu/root.pem",
        &["time-stamp"],
        &[(GRANTED, "2024-01-01T00:00:00Z")],
    ));
    assert_eq!(
        Registry::new(entries, vec![]).unwrap_err(),
        RegistryError::DuplicateAnchor {
            jurisdiction: Jurisdiction::EU,
            id: "eu-ca-as-tsa-again".into(),
            reason: "same subject and key as anchor 'eu-ca-as-tsa'; list it once".into(),
        }
    );
}

// --- a TSA root never anchors a signer ---------------------------------

#[test]
fn a_tsa_root_never_anchors_a_signers_path() {
    let reg = Registry::sample().unwrap();
    let tsa_roots = [
        anchor("testdata/pki/tsa/eu-tsa-root.pem"),
        anchor("testdata/pki/tsa/kz-tsa-root.pem"),
    ];
    let ca = reg.all_anchors();
    for root in &tsa_roots {
        assert!(!ca.iter().any(|a| a.name().matches(root.name())));
    }
    let tsa = reg.tsa_anchors();
    assert_eq!(tsa.len(), 2);
    for root in &tsa_roots {
        assert!(tsa.iter().any(|a| a.name().matches(root.name())));
    }
    let ca_count = reg.jurisdictions().map(|j| j.anchors.len()).sum::<usize>() - 2;
    assert_eq!(ca.len(), ca_count);
    let at = t("2025-06-01T00:00:00Z");
    assert_eq!(
        reg.anchors_at(at).len(),
        ca.len() - withdrawn_or_later(&reg, at)
    );

    // A certificate issued under the EU TSA root (its TSU) has no path to
    // the CA anchors the verifier builds signers' paths to.
    let tsu = cert("testdata/pki/tsa/eu-tsu.pem");
    let opts = ValidationOptions::new(at);
    match build_path(&tsu, &[], &ca, &opts) {
        Err(PathError::UnknownIssuer { subject, issuer }) => {
            assert_eq!(subject, tsu.subject().to_string());
            assert_eq!(issuer, tsu.issuer().to_string());
        }
        other => panic!("{other:?}"),
    }
    // Built to the TSA anchors, the path has a TSA listing and no CA listing.
    let path = build_path(&tsu, &[], &tsa, &opts).unwrap();
    assert!(reg.listing_for_path(&path).is_none());
    let (j, listing) = reg.tsa_listing_for_path(&path).unwrap();
    assert_eq!((j, listing.id.as_str()), (Jurisdiction::EU, "eu-tsa"));
    assert!(reg.anchors_by_subject(path.anchor.name()).is_empty());
    assert_eq!(reg.tsa_anchors_by_subject(path.anchor.name()).len(), 1);

    // And a signer's path to a CA anchor has a CA listing and no TSA one.
    let chain =
        load_certificates(&std::fs::read("testdata/pki/kz/chain-ceo.pem").unwrap()).unwrap();
    let path = build_path(
        &chain[0],
        &chain[1..2],
        &ca,
        &ValidationOptions::new(t("2030-01-01T00:00:00Z")),
    )
    .unwrap();
    let (j, listing) = reg.listing_for_path(&path).unwrap();
    assert_eq!((j, listing.kind), (Jurisdiction::KZ, CA));
    assert!(reg.tsa_listing_for_path(&path).is_none());
}

/// CA listings not granted at `at`.
fn withdrawn_or_later(reg: &Registry, at: Time) -> usize {
    reg.jurisdictions()
        .flat_map(|j| j.anchors.iter())
        .filter(|a| a.kind == CA)
        .filter(|a| a.status_at(at).is_none_or(|s| s.status != GRANTED))
        .count()
}

#[test]
fn an_ad_hoc_registry_and_an_import_keep_their_kinds() {
    let eu_tsa = cert("testdata/pki/tsa/eu-tsa-root.pem");
    // Ad-hoc trust lists CAs: a TSA root given there is a CA by the caller's choice.
    let ad_hoc = Registry::ad_hoc(Jurisdiction::EU, &[eu_tsa], strings(&["advanced"])).unwrap();
    assert_eq!(ad_hoc.anchor("ad-hoc-1").unwrap().1.kind, CA);
    assert!(ad_hoc.tsa_anchors().is_empty());

    // An import as TSA roots lists them as TSAs: not among the CA anchors.
    let sample = Registry::sample().unwrap();
    let entries: Vec<JurisdictionEntry> = sample
        .jurisdictions()
        .cloned()
        .map(|mut j| {
            j.anchors.retain(|a| a.id != "eu-tsa");
            j
        })
        .collect();
    let without = Registry::new(entries, sample.agreements().to_vec()).unwrap();
    let imported = without
        .import_bundle(
            Jurisdiction::EU,
            &std::fs::read("testdata/pki/tsa/eu-tsa-root.pem").unwrap(),
            &ImportListing {
                id_prefix: "eu-qtsa".into(),
                service: "imported QTST".into(),
                kind: TSA,
                levels: strings(&["qualified-time-stamp"]),
                granted_from: t("2024-01-01T00:00:00Z"),
            },
        )
        .unwrap();
    let eu = imported.jurisdiction(Jurisdiction::EU).unwrap();
    let new = eu
        .anchors
        .iter()
        .find(|a| a.id.starts_with("eu-qtsa-"))
        .unwrap();
    assert_eq!(new.kind, TSA);
    assert_eq!(imported.all_anchors().len(), without.all_anchors().len());
    assert_eq!(
        imported.tsa_anchors().len(),
        without.tsa_anchors().len() + 1
    );
    // Imported as CA roots at a time-stamp level: refused by the vocabulary.
    let err = without
        .import_bundle(
            Jurisdiction::EU,
            &std::fs::read("testdata/pki/tsa/eu-tsa-root.pem").unwrap(),
            &ImportListing {
                id_prefix: "eu-qtsa".into(),
                service: "imported QTST".into(),
                kind: CA,
                levels: strings(&["qualified-time-stamp"]),
                granted_from: t("2024-01-01T00:00:00Z"),
            },
        )
        .unwrap_err();
    match err {
        ImportError::Registry(RegistryError::UnknownLevel {
            level, vocabulary, ..
        }) => {
            assert_eq!(level, "qualified-time-stamp");
            assert_eq!(
                vocabulary,
                strings(&["advanced", "advanced-with-QC", "QES"])
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn signature_recognition_refuses_a_tsa_anchor() {
    let reg = registry();
    let r = reg.recognise(&RecognitionQuery {
        relying: Jurisdiction::EU,
        document_type: DocumentType::CERTIFICATE_OF_ORIGIN,
        at: t("2025-06-01T00:00:00Z"),
        anchor_id: "eu-tsa".into(),
        claimed_levels: strings(&["qualified-time-stamp"]),
    });
    let reason = NotRecognisedReason::AnchorNotCertificateAuthority {
        anchor_id: "eu-tsa".into(),
    };
    assert_eq!(reason.code(), "RECOGNITION_ANCHOR_NOT_A_CA");
    assert_eq!(
        r.to_string(),
        "not recognised: anchor 'eu-tsa' is listed as a time-stamping authority, not as a certification authority for signers"
    );
    assert_eq!(r, Recognition::NotRecognised(vec![reason]));
}

// --- recognise_timestamp: each basis ------------------------------------

#[test]
fn own_tsa_is_recognised_also_for_a_union_member() {
    let reg = registry();
    for relying in [Jurisdiction::EU, de()] {
        let mut q = query(relying, "eu-tsa", TsaAcceptance::Own);
        q.min_level = Some("qualified-time-stamp".into());
        let r = reg.recognise_timestamp(&q);
        assert_eq!(
            r,
            TimestampRecognition {
                anchor_id: "eu-tsa".into(),
                tsa: Some(TsaFacts {
                    jurisdiction: Jurisdiction::EU,
                    service: "eu-tsa service".into(),
                    listing: granted_since("2024-01-01T00:00:00Z"),
                    basis: TimestampBasis::Own,
                    levels: strings(&["qualified-time-stamp"]),
                }),
                refusals: vec![],
            },
            "{relying}"
        );
        assert!(r.is_recognised());
        assert_eq!(
            r.to_string(),
            "time-stamp recognised: TSA 'eu-tsa' of EU granted since 2024-01-01T00:00:00Z, listed by the relying jurisdiction, levels [\"qualified-time-stamp\"]"
        );
    }
}

#[test]
fn a_partners_tsa_is_recognised_for_the_documents_of_the_agreement() {
    let reg = registry();
    let r = reg.recognise_timestamp(&query(
        Jurisdiction::CN,
        "eu-tsa",
        TsaAcceptance::Recognised,
    ));
    assert_eq!(r.refusals, []);
    let tsa = r.tsa.unwrap();
    assert_eq!(
        tsa.basis,
        TimestampBasis::Partner {
            agreement: "cn-recognises-eu".into()
        }
    );
    assert_eq!(tsa.listing, granted_since("2024-01-01T00:00:00Z"));
    // Under AnyListed the basis reported is still the partner one.
    let r = reg.recognise_timestamp(&query(Jurisdiction::CN, "eu-tsa", TsaAcceptance::AnyListed));
    assert!(r.is_recognised());
    assert_eq!(
        r.tsa.unwrap().basis,
        TimestampBasis::Partner {
            agreement: "cn-recognises-eu".into()
        }
    );
}

#[test]
fn any_listed_tsa_is_recognised_under_any_listed() {
    let reg = registry();
    let r = reg.recognise_timestamp(&query(Jurisdiction::CN, "uz-tsa", TsaAcceptance::AnyListed));
    assert_eq!(r.refusals, []);
    let tsa = r.tsa.clone().unwrap();
    assert_eq!(tsa.basis, TimestampBasis::Listed);
    assert_eq!(tsa.jurisdiction, Jurisdiction::UZ);
    assert_eq!(tsa.levels, ["time-stamp"]);
    assert_eq!(
        r.to_string(),
        "time-stamp recognised: TSA 'uz-tsa' of UZ granted since 2024-01-01T00:00:00Z, listed in the registry, levels [\"time-stamp\"]"
    );
}

// --- recognise_timestamp: each refusal ----------------------------------

#[test]
fn an_unlisted_anchor_or_a_ca_anchor_is_refused() {
    let reg = registry();
    let r = reg.recognise_timestamp(&query(Jurisdiction::EU, "nope", TsaAcceptance::AnyListed));
    assert_eq!(
        r,
        TimestampRecognition {
            anchor_id: "nope".into(),
            tsa: None,
            refusals: vec![TimestampRefusal::UnknownAnchor {
                anchor_id: "nope".into()
            }],
        }
    );
    assert_eq!(r.refusals[0].code(), "TIMESTAMP_UNKNOWN_TSA");
    assert_eq!(
        r.to_string(),
        "time-stamp not recognised: TSA anchor 'nope' is not in the registry"
    );
    let r = reg.recognise_timestamp(&query(Jurisdiction::EU, "eu-ca", TsaAcceptance::AnyListed));
    assert_eq!(r.tsa, None);
    assert_eq!(
        r.refusals,
        [TimestampRefusal::NotTimeStamping {
            anchor_id: "eu-ca".into(),
            kind: CA
        }]
    );
    assert_eq!(r.refusals[0].code(), "TIMESTAMP_ANCHOR_NOT_A_TSA");
    assert_eq!(
        r.to_string(),
        "time-stamp not recognised: anchor 'eu-ca' is listed as a certificate-authority service, not as a time-stamping authority"
    );
    let r = reg.recognise_timestamp(&query(
        Jurisdiction::from_code("BR").unwrap(),
        "eu-tsa",
        TsaAcceptance::AnyListed,
    ));
    assert_eq!(
        r.refusals,
        [TimestampRefusal::UnknownRelyingJurisdiction(
            Jurisdiction::from_code("BR").unwrap()
        )]
    );
}

#[test]
fn a_tsa_not_yet_listed_or_withdrawn_at_the_time_is_refused() {
    let reg = registry();
    let mut q = query(Jurisdiction::EU, "eu-tsa", TsaAcceptance::Own);
    q.at = t("2023-06-01T00:00:00Z");
    let r = reg.recognise_timestamp(&q);
    assert_eq!(
        r.refusals,
        [TimestampRefusal::NotYetListed {
            anchor_id: "eu-tsa".into(),
            first_listed: t("2024-01-01T00:00:00Z"),
        }]
    );
    assert_eq!(r.tsa.unwrap().listing, None);

    // KZ's TSA is granted in 2025 and withdrawn from 2026.
    let mut q = query(Jurisdiction::KZ, "kz-tsa", TsaAcceptance::Own);
    assert!(reg.recognise_timestamp(&q).is_recognised());
    q.at = t("2026-06-01T00:00:00Z");
    let r = reg.recognise_timestamp(&q);
    let withdrawn = TimestampRefusal::NotGranted {
        anchor_id: "kz-tsa".into(),
        status: WITHDRAWN,
        since: t("2026-01-01T00:00:00Z"),
    };
    assert_eq!(r.refusals, std::slice::from_ref(&withdrawn));
    assert_eq!(withdrawn.code(), "TIMESTAMP_TSA_NOT_GRANTED");
    let tsa = r.tsa.clone().unwrap();
    assert_eq!(tsa.basis, TimestampBasis::Own);
    assert_eq!(
        tsa.listing,
        Some(StatusChange {
            status: WITHDRAWN,
            from: t("2026-01-01T00:00:00Z")
        })
    );
    assert_eq!(
        r.to_string(),
        "time-stamp not recognised: TSA 'kz-tsa' is withdrawn since 2026-01-01T00:00:00Z"
    );
}

#[test]
fn a_tsa_listed_only_by_a_non_partner_is_refused_under_recognised() {
    let reg = registry();
    let r = reg.recognise_timestamp(&query(
        Jurisdiction::CN,
        "uz-tsa",
        TsaAcceptance::Recognised,
    ));
    let reason = TimestampRefusal::NoAgreement {
        relying: Jurisdiction::CN,
        issuing: Jurisdiction::UZ,
    };
    assert_eq!(r.refusals, std::slice::from_ref(&reason));
    assert_eq!(reason.code(), "TIMESTAMP_NO_AGREEMENT");
    assert_eq!(r.tsa.unwrap().basis, TimestampBasis::Listed);
    assert_eq!(
        reason.to_string(),
        "CN has no recognition agreement for UZ, whose TSA issued the time-stamp"
    );
}

#[test]
fn a_partner_without_an_agreement_for_the_document_type_or_in_force_is_refused() {
    let reg = registry();
    let mut q = query(Jurisdiction::CN, "eu-tsa", TsaAcceptance::Recognised);
    q.document_type = DocumentType::COMMERCIAL_INVOICE;
    let r = reg.recognise_timestamp(&q);
    let reason = TimestampRefusal::DocumentTypeNotCovered {
        agreement: "cn-recognises-eu".into(),
        document_type: DocumentType::COMMERCIAL_INVOICE,
    };
    assert_eq!(r.refusals, std::slice::from_ref(&reason));
    assert_eq!(reason.code(), "TIMESTAMP_DOCUMENT_TYPE_NOT_COVERED");
    assert_eq!(r.tsa.unwrap().basis, TimestampBasis::Listed);

    // KZ's agreement is in force from 2027 only.
    let r = reg.recognise_timestamp(&query(
        Jurisdiction::CN,
        "kz-tsa",
        TsaAcceptance::Recognised,
    ));
    let reason = TimestampRefusal::AgreementNotInForce {
        agreement: "cn-recognises-kz".into(),
        gap: AgreementGap::NotYet {
            from: t("2027-01-01T00:00:00Z"),
        },
    };
    assert_eq!(r.refusals, std::slice::from_ref(&reason));
    assert_eq!(reason.code(), "TIMESTAMP_AGREEMENT_NOT_IN_FORCE");
    assert_eq!(
        reason.to_string(),
        "agreement 'cn-recognises-kz' is not in force before 2027-01-01T00:00:00Z"
    );

    // In 2027 the agreement is in force but the TSA is withdrawn: one rule broken.
    let mut q = query(Jurisdiction::CN, "kz-tsa", TsaAcceptance::Recognised);
    q.at = t("2027-06-01T00:00:00Z");
    let r = reg.recognise_timestamp(&q);
    assert_eq!(
        r.refusals,
        [TimestampRefusal::NotGranted {
            anchor_id: "kz-tsa".into(),
            status: WITHDRAWN,
            since: t("2026-01-01T00:00:00Z"),
        }]
    );
    assert_eq!(
        r.tsa.unwrap().basis,
        TimestampBasis::Partner {
            agreement: "cn-recognises-kz".into()
        }
    );

    // In 2026 both: withdrawn, and the agreement not yet in force.
    let mut q = query(Jurisdiction::CN, "kz-tsa", TsaAcceptance::Recognised);
    q.at = t("2026-06-01T00:00:00Z");
    let r = reg.recognise_timestamp(&q);
    assert_eq!(
        r.to_string(),
        "time-stamp not recognised: TSA 'kz-tsa' is withdrawn since 2026-01-01T00:00:00Z; agreement 'cn-recognises-kz' is not in force before 2027-01-01T00:00:00Z"
    );
}

#[test]
fn a_foreign_tsa_is_refused_under_own() {
    let reg = registry();
    let r = reg.recognise_timestamp(&query(Jurisdiction::CN, "eu-tsa", TsaAcceptance::Own));
    let reason = TimestampRefusal::NotOwn {
        anchor_id: "eu-tsa".into(),
        jurisdiction: Jurisdiction::EU,
        relying: Jurisdiction::CN,
    };
    assert_eq!(r.refusals, std::slice::from_ref(&reason));
    assert_eq!(reason.code(), "TIMESTAMP_TSA_NOT_OWN");
    // The partner basis is still said, for the report.
    assert_eq!(
        r.tsa.unwrap().basis,
        TimestampBasis::Partner {
            agreement: "cn-recognises-eu".into()
        }
    );
    assert_eq!(
        reason.to_string(),
        "TSA 'eu-tsa' is listed by EU; CN accepts only its own TSAs"
    );
}

#[test]
fn a_tsa_below_the_minimum_level_is_refused() {
    let reg = registry();
    let mut q = query(Jurisdiction::CN, "uz-tsa", TsaAcceptance::AnyListed);
    q.min_level = Some("time-stamp".into());
    assert!(reg.recognise_timestamp(&q).is_recognised());
    q.min_level = Some("qualified-time-stamp".into());
    let r = reg.recognise_timestamp(&q);
    let reason = TimestampRefusal::LevelTooLow {
        anchor_id: "uz-tsa".into(),
        levels: strings(&["time-stamp"]),
        minimum: "qualified-time-stamp".into(),
        vocabulary_of: Jurisdiction::UZ,
    };
    assert_eq!(r.refusals, std::slice::from_ref(&reason));
    assert_eq!(reason.code(), "TIMESTAMP_LEVEL_TOO_LOW");
    assert_eq!(
        reason.to_string(),
        "TSA 'uz-tsa' gives [\"time-stamp\"], below the minimum time-stamp level 'qualified-time-stamp' in UZ's vocabulary"
    );
    // A minimum the TSA's vocabulary does not define is met by none.
    q.min_level = Some("nca-time-stamp".into());
    let r = reg.recognise_timestamp(&q);
    assert_eq!(
        r.refusals,
        [TimestampRefusal::LevelTooLow {
            anchor_id: "uz-tsa".into(),
            levels: strings(&["time-stamp"]),
            minimum: "nca-time-stamp".into(),
            vocabulary_of: Jurisdiction::UZ,
        }]
    );
}

#[test]
fn the_sample_registry_answers_its_tsas() {
    let reg = Registry::sample().unwrap();
    let mut q = TimestampQuery {
        relying: Jurisdiction::EU,
        document_type: DocumentType::BILL_OF_LADING,
        at: t("2025-06-01T00:00:00Z"),
        anchor_id: "eu-tsa".into(),
        acceptance: TsaAcceptance::Recognised,
        min_level: Some("qualified-time-stamp".into()),
    };
    let r = reg.recognise_timestamp(&q);
    assert_eq!(r.refusals, []);
    assert_eq!(r.tsa.unwrap().basis, TimestampBasis::Own);
    // KZ accepts any listed TSA (its sample policy): the EU TSA too.
    q.relying = Jurisdiction::KZ;
    q.acceptance = TsaAcceptance::AnyListed;
    q.min_level = None;
    let r = reg.recognise_timestamp(&q);
    assert!(r.is_recognised(), "{r}");
    q.anchor_id = "kz-tsa".into();
    let r = reg.recognise_timestamp(&q);
    assert_eq!(r.tsa.unwrap().basis, TimestampBasis::Own);
}
