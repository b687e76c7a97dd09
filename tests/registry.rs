//! The registry model and the recognition query: every rule, with the exact
//! answer and reasons, and every consistency error with the place it names.

use std::collections::BTreeMap;

use sigbridge::path::TrustAnchor;
use sigbridge::registry::*;
use sigbridge::{Jurisdiction, Time, load_certificates};

fn t(s: &str) -> Time {
    s.parse().unwrap()
}

fn anchor(dir: &str) -> TrustAnchor {
    let pem = std::fs::read(format!("testdata/pki/{dir}/root.pem")).unwrap();
    TrustAnchor::from_certificate(&load_certificates(&pem).unwrap()[0]).unwrap()
}

fn granted(from: &str) -> Vec<StatusChange<ListingStatus>> {
    vec![StatusChange {
        status: ListingStatus::Granted,
        from: t(from),
    }]
}

fn jurisdiction(
    code: Jurisdiction,
    levels: &[&str],
    anchors: Vec<AnchorListing>,
) -> JurisdictionEntry {
    JurisdictionEntry {
        code,
        name: code.to_string(),
        levels: levels.iter().map(|s| s.to_string()).collect(),
        timestamp_levels: vec![],
        members: vec![],
        anchors,
    }
}

fn listing(
    id: &str,
    dir: &str,
    levels: &[&str],
    status: Vec<StatusChange<ListingStatus>>,
) -> AnchorListing {
    AnchorListing {
        id: id.into(),
        kind: ServiceKind::CertificateAuthority,
        anchor: anchor(dir),
        service: format!("{dir} national root"),
        levels: levels.iter().map(|s| s.to_string()).collect(),
        status,
    }
}

fn agreement(
    id: &str,
    relying: Jurisdiction,
    issuing: Jurisdiction,
    documents: DocumentScope,
    mapping: &[(&str, &str)],
    from: &str,
) -> Agreement {
    Agreement {
        id: id.into(),
        relying,
        issuing,
        documents,
        mapping: mapping
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<BTreeMap<_, _>>(),
        in_force_from: t(from),
        in_force_until: None,
        status: vec![StatusChange {
            status: AgreementStatus::Enacted,
            from: t(from),
        }],
        legal_reference: format!("sample {id}"),
        onward: false,
    }
}

const COO: DocumentType = DocumentType::CERTIFICATE_OF_ORIGIN;
const INVOICE: DocumentType = DocumentType::COMMERCIAL_INVOICE;
const BOL: DocumentType = DocumentType::BILL_OF_LADING;

/// KZ, CN, EU, RU: KZ↔CN for certificates of origin and invoices; EU
/// recognises KZ for invoices only; RU recognised CN until a repeal; the KZ
/// root withdrawn on 2026-01-01, the RU root suspended for March 2025.
fn sample() -> (Vec<JurisdictionEntry>, Vec<Agreement>) {
    let kz = jurisdiction(
        Jurisdiction::KZ,
        &["nca-authentication", "nca-signing"],
        vec![listing(
            "kz-root",
            "kz",
            &["nca-authentication", "nca-signing"],
            vec![
                StatusChange {
                    status: ListingStatus::Granted,
                    from: t("2020-01-01T00:00:00Z"),
                },
                StatusChange {
                    status: ListingStatus::Withdrawn,
                    from: t("2026-01-01T00:00:00Z"),
                },
            ],
        )],
    );
    let cn = jurisdiction(
        Jurisdiction::CN,
        &["electronic-signature", "reliable-electronic-signature"],
        vec![listing(
            "cn-root",
            "cn",
            &["electronic-signature", "reliable-electronic-signature"],
            granted("2019-01-01T00:00:00Z"),
        )],
    );
    let eu = jurisdiction(
        Jurisdiction::EU,
        &["advanced", "advanced-with-QC", "QES"],
        vec![listing(
            "eu-root",
            "eu",
            &["advanced", "advanced-with-QC", "QES"],
            granted("2016-07-01T00:00:00Z"),
        )],
    );
    let ru = jurisdiction(
        Jurisdiction::RU,
        &["KC1", "KC2", "KC3"],
        vec![listing(
            "ru-root",
            "ru",
            &["KC1", "KC2", "KC3"],
            vec![
                StatusChange {
                    status: ListingStatus::Granted,
                    from: t("2018-01-01T00:00:00Z"),
                },
                StatusChange {
                    status: ListingStatus::Suspended,
                    from: t("2025-03-01T00:00:00Z"),
                },
                StatusChange {
                    status: ListingStatus::Granted,
                    from: t("2025-04-01T00:00:00Z"),
                },
            ],
        )],
    );
    let both = DocumentScope::Only(vec![COO, INVOICE]);
    let mut cn_ru = agreement(
        "ru-recognises-cn",
        Jurisdiction::RU,
        Jurisdiction::CN,
        DocumentScope::All,
        &[("reliable-electronic-signature", "KC2")],
        "2021-01-01T00:00:00Z",
    );
    cn_ru.status.push(StatusChange {
        status: AgreementStatus::Repealed,
        from: t("2024-07-01T00:00:00Z"),
    });
    let agreements = vec![
        agreement(
            "cn-recognises-kz",
            Jurisdiction::CN,
            Jurisdiction::KZ,
            both.clone(),
            &[("nca-signing", "reliable-electronic-signature")],
            "2024-01-01T00:00:00Z",
        ),
        agreement(
            "kz-recognises-cn",
            Jurisdiction::KZ,
            Jurisdiction::CN,
            both,
            &[
                ("reliable-electronic-signature", "nca-signing"),
                ("electronic-signature", "nca-authentication"),
            ],
            "2024-01-01T00:00:00Z",
        ),
        agreement(
            "eu-recognises-kz",
            Jurisdiction::EU,
            Jurisdiction::KZ,
            DocumentScope::Only(vec![INVOICE]),
            &[("nca-signing", "advanced")],
            "2025-01-01T00:00:00Z",
        ),
        cn_ru,
    ];
    (vec![kz, cn, eu, ru], agreements)
}

fn registry() -> Registry {
    let (j, a) = sample();
    Registry::new(j, a).unwrap()
}

fn query(
    relying: Jurisdiction,
    anchor: &str,
    levels: &[&str],
    d: DocumentType,
    at: &str,
) -> RecognitionQuery {
    RecognitionQuery {
        relying,
        document_type: d,
        at: t(at),
        anchor_id: anchor.into(),
        claimed_levels: levels.iter().map(|s| s.to_string()).collect(),
    }
}

fn recognised(r: Recognition) -> Recognised {
    match r {
        Recognition::Recognised(r) => r,
        other => panic!("expected recognition, got {other}"),
    }
}

fn reasons(r: Recognition) -> Vec<NotRecognisedReason> {
    match r {
        Recognition::NotRecognised(v) => v,
        other => panic!("expected no recognition, got {other}"),
    }
}

#[test]
fn domestic_needs_no_agreement_and_takes_the_highest_listed_claim() {
    let r = recognised(registry().recognise(&query(
        Jurisdiction::EU,
        "eu-root",
        &["advanced", "QES"],
        BOL,
        "2025-06-01T00:00:00Z",
    )));
    assert_eq!(r.level, "QES");
    assert_eq!(r.issuing_level, "QES");
    assert_eq!(r.route, Route::Domestic);
    assert_eq!(r.listing.status, ListingStatus::Granted);
}

#[test]
fn level_mapping_through_the_agreement() {
    let r = recognised(registry().recognise(&query(
        Jurisdiction::KZ,
        "cn-root",
        &["electronic-signature", "reliable-electronic-signature"],
        COO,
        "2025-06-01T00:00:00Z",
    )));
    assert_eq!(r.level, "nca-signing");
    assert_eq!(r.issuing, Jurisdiction::CN);
    assert_eq!(r.issuing_level, "reliable-electronic-signature");
    assert_eq!(
        r.route,
        Route::Agreements(vec![RouteStep {
            agreement: "kz-recognises-cn".into(),
            legal_reference: "sample kz-recognises-cn".into(),
            from_level: "reliable-electronic-signature".into(),
            to_level: "nca-signing".into(),
        }])
    );
    // A lower claim maps to the lower level.
    let answer = registry().recognise(&query(
        Jurisdiction::KZ,
        "cn-root",
        &["electronic-signature"],
        INVOICE,
        "2025-06-01T00:00:00Z",
    ));
    assert_eq!(recognised(answer.clone()).level, "nca-authentication");
    assert_eq!(
        answer.to_string(),
        "recognised at level 'nca-authentication' (issuing CN level 'electronic-signature', anchor 'cn-root' granted since 2019-01-01T00:00:00Z), via agreement 'kz-recognises-cn' (sample kz-recognises-cn) mapping 'electronic-signature' to 'nca-authentication'"
    );
}

#[test]
fn agreement_start_edges() {
    let reg = registry();
    let before = reasons(reg.recognise(&query(
        Jurisdiction::CN,
        "kz-root",
        &["nca-signing"],
        COO,
        "2023-12-31T23:59:59Z",
    )));
    assert_eq!(
        before,
        vec![NotRecognisedReason::AgreementNotInForce {
            agreement: "cn-recognises-kz".into(),
            gap: AgreementGap::NotYet {
                from: t("2024-01-01T00:00:00Z")
            },
        }]
    );
    let at = recognised(reg.recognise(&query(
        Jurisdiction::CN,
        "kz-root",
        &["nca-signing"],
        COO,
        "2024-01-01T00:00:00Z",
    )));
    assert_eq!(at.level, "reliable-electronic-signature");
}

#[test]
fn agreement_end_date_is_exclusive() {
    let (j, mut a) = sample();
    a[0].in_force_until = Some(t("2025-01-01T00:00:00Z"));
    let reg = Registry::new(j, a).unwrap();
    let last = recognised(reg.recognise(&query(
        Jurisdiction::CN,
        "kz-root",
        &["nca-signing"],
        COO,
        "2024-12-31T23:59:59Z",
    )));
    assert_eq!(last.level, "reliable-electronic-signature");
    assert_eq!(
        reasons(reg.recognise(&query(
            Jurisdiction::CN,
            "kz-root",
            &["nca-signing"],
            COO,
            "2025-01-01T00:00:00Z"
        ))),
        vec![NotRecognisedReason::AgreementNotInForce {
            agreement: "cn-recognises-kz".into(),
            gap: AgreementGap::Expired {
                until: t("2025-01-01T00:00:00Z")
            },
        }]
    );
}

#[test]
fn repealed_agreement_edges() {
    let reg = registry();
    let q = |at| {
        query(
            Jurisdiction::RU,
            "cn-root",
            &["reliable-electronic-signature"],
            BOL,
            at,
        )
    };
    assert_eq!(
        recognised(reg.recognise(&q("2024-06-30T23:59:59Z"))).level,
        "KC2"
    );
    assert_eq!(
        reasons(reg.recognise(&q("2024-07-01T00:00:00Z"))),
        vec![NotRecognisedReason::AgreementNotInForce {
            agreement: "ru-recognises-cn".into(),
            gap: AgreementGap::Repealed {
                since: t("2024-07-01T00:00:00Z")
            },
        }]
    );
}

#[test]
fn document_type_outside_scope() {
    let reg = registry();
    assert_eq!(
        reasons(reg.recognise(&query(
            Jurisdiction::EU,
            "kz-root",
            &["nca-signing"],
            COO,
            "2025-06-01T00:00:00Z"
        ))),
        vec![NotRecognisedReason::DocumentTypeNotCovered {
            agreement: "eu-recognises-kz".into(),
            document_type: COO,
        }]
    );
    assert_eq!(
        recognised(reg.recognise(&query(
            Jurisdiction::EU,
            "kz-root",
            &["nca-signing"],
            INVOICE,
            "2025-06-01T00:00:00Z"
        )))
        .level,
        "advanced"
    );
}

#[test]
fn recognition_is_not_transitive_unless_onward() {
    // EU recognises KZ, KZ recognises CN: EU does not recognise CN.
    let reg = registry();
    let q = query(
        Jurisdiction::EU,
        "cn-root",
        &["reliable-electronic-signature"],
        INVOICE,
        "2025-06-01T00:00:00Z",
    );
    assert_eq!(
        reasons(reg.recognise(&q)),
        vec![NotRecognisedReason::NoAgreement {
            relying: Jurisdiction::EU,
            issuing: Jurisdiction::CN,
        }]
    );
    // With onward recognition on EU→KZ, it does, mapping level through level.
    let (j, mut a) = sample();
    a[2].onward = true;
    let reg = Registry::new(j, a).unwrap();
    let r = recognised(reg.recognise(&q));
    assert_eq!(r.level, "advanced");
    assert_eq!(r.issuing_level, "reliable-electronic-signature");
    let Route::Agreements(steps) = r.route else {
        panic!("not via agreements")
    };
    let ids: Vec<_> = steps
        .iter()
        .map(|s| {
            (
                s.agreement.as_str(),
                s.from_level.as_str(),
                s.to_level.as_str(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        vec![
            ("eu-recognises-kz", "nca-signing", "advanced"),
            (
                "kz-recognises-cn",
                "reliable-electronic-signature",
                "nca-signing"
            ),
        ]
    );
}

#[test]
fn withdrawn_anchor_edges() {
    let reg = registry();
    let q = |at| query(Jurisdiction::KZ, "kz-root", &["nca-signing"], COO, at);
    assert_eq!(
        recognised(reg.recognise(&q("2025-12-31T23:59:59Z"))).level,
        "nca-signing"
    );
    assert_eq!(
        reasons(reg.recognise(&q("2026-01-01T00:00:00Z"))),
        vec![NotRecognisedReason::AnchorNotGranted {
            anchor_id: "kz-root".into(),
            status: ListingStatus::Withdrawn,
            since: t("2026-01-01T00:00:00Z"),
        }]
    );
    assert_eq!(
        reasons(reg.recognise(&q("2019-12-31T23:59:59Z"))),
        vec![NotRecognisedReason::AnchorNotYetListed {
            anchor_id: "kz-root".into(),
            first_listed: t("2020-01-01T00:00:00Z"),
        }]
    );
}

#[test]
fn suspension_ends_when_granted_again() {
    let reg = registry();
    let q = |at| query(Jurisdiction::RU, "ru-root", &["KC3"], COO, at);
    assert_eq!(
        reasons(reg.recognise(&q("2025-03-31T23:59:59Z"))),
        vec![NotRecognisedReason::AnchorNotGranted {
            anchor_id: "ru-root".into(),
            status: ListingStatus::Suspended,
            since: t("2025-03-01T00:00:00Z"),
        }]
    );
    let r = recognised(reg.recognise(&q("2025-04-01T00:00:00Z")));
    assert_eq!(
        (r.level.as_str(), r.listing.from),
        ("KC3", t("2025-04-01T00:00:00Z"))
    );
}

#[test]
fn claims_outside_the_listing_or_mapping() {
    let reg = registry();
    assert_eq!(
        reasons(reg.recognise(&query(
            Jurisdiction::KZ,
            "kz-root",
            &["QES"],
            COO,
            "2025-06-01T00:00:00Z"
        ))),
        vec![NotRecognisedReason::LevelNotListed {
            anchor_id: "kz-root".into(),
            claimed: vec!["QES".into()],
            listed: vec!["nca-authentication".into(), "nca-signing".into()],
        }]
    );
    assert_eq!(
        reasons(reg.recognise(&query(
            Jurisdiction::EU,
            "kz-root",
            &["nca-authentication"],
            INVOICE,
            "2025-06-01T00:00:00Z"
        ))),
        vec![NotRecognisedReason::LevelNotMapped {
            agreement: "eu-recognises-kz".into(),
            levels: vec!["nca-authentication".into()],
        }]
    );
    assert_eq!(
        reasons(reg.recognise(&query(
            Jurisdiction::EU,
            "nope",
            &["x"],
            INVOICE,
            "2025-06-01T00:00:00Z"
        ))),
        vec![NotRecognisedReason::UnknownAnchor {
            anchor_id: "nope".into()
        }]
    );
    assert_eq!(
        reasons(reg.recognise(&query(
            Jurisdiction::UZ,
            "kz-root",
            &["nca-signing"],
            INVOICE,
            "2025-06-01T00:00:00Z"
        ))),
        vec![NotRecognisedReason::UnknownRelyingJurisdiction(
            Jurisdiction::UZ
        )]
    );
}

#[test]
fn anchor_lookup_by_subject_and_key_id() {
    let reg = registry();
    let kz = anchor("kz");
    let found = reg.anchors_by_subject(kz.name());
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].0, found[0].1.id.as_str()),
        (Jurisdiction::KZ, "kz-root")
    );
    let ski = kz.certificate().unwrap().subject_key_id().unwrap().to_vec();
    assert_eq!(reg.anchors_by_key_id(&ski)[0].1.id, "kz-root");
    assert!(reg.anchors_by_key_id(b"nothing").is_empty());
}

fn refused(j: Vec<JurisdictionEntry>, a: Vec<Agreement>) -> String {
    Registry::new(j, a).unwrap_err().to_string()
}

#[test]
fn inconsistent_registries_are_refused_naming_the_place() {
    let (mut j, a) = sample();
    j.push(j[1].clone());
    assert_eq!(
        refused(j, a),
        "jurisdiction CN is defined twice; merge the two entries"
    );

    let (mut j, a) = sample();
    j[0].anchors[0].levels.push("QES".into());
    assert_eq!(
        refused(j, a),
        "anchor 'kz-root' in KZ: assurance level 'QES' is not in KZ's vocabulary [\"nca-authentication\", \"nca-signing\"]"
    );

    let (mut j, a) = sample();
    j[0].levels.push("nca-signing".into());
    assert_eq!(
        refused(j, a),
        "jurisdiction KZ: assurance vocabulary names 'nca-signing' twice"
    );

    let (mut j, a) = sample();
    j[3].anchors[0].status[2].from = t("2025-03-01T00:00:00Z");
    assert_eq!(
        refused(j, a),
        "anchor 'ru-root' in RU: status history has overlapping periods: start times must be strictly increasing"
    );

    let (mut j, a) = sample();
    let mut dup = j[1].anchors[0].clone();
    dup.id = "cn-root-again".into();
    j[1].anchors.push(dup);
    assert_eq!(
        refused(j, a),
        "anchor 'cn-root-again' in CN: same subject and key as anchor 'cn-root'; list it once"
    );

    let (mut j, a) = sample();
    let mut dup = j[2].anchors[0].clone();
    dup.anchor = anchor("uz");
    dup.levels = vec!["electronic-signature".into()];
    j[1].anchors.push(dup);
    assert_eq!(
        refused(j, a),
        "anchor 'eu-root' in EU: another anchor has the same id"
    );

    let (j, mut a) = sample();
    a[2].mapping
        .insert("nca-signing".into(), "qualified".into());
    assert_eq!(
        refused(j, a),
        "agreement 'eu-recognises-kz' mapping: assurance level 'qualified' is not in EU's vocabulary [\"advanced\", \"advanced-with-QC\", \"QES\"]"
    );

    let (j, mut a) = sample();
    a[0].issuing = Jurisdiction::UZ;
    assert_eq!(
        refused(j, a),
        "agreement 'cn-recognises-kz': jurisdiction UZ is not defined in the registry"
    );

    let (j, mut a) = sample();
    a[0].issuing = Jurisdiction::CN;
    assert_eq!(
        refused(j, a),
        "agreement 'cn-recognises-kz': relying and issuing jurisdictions are the same; domestic recognition needs no agreement"
    );

    let (j, mut a) = sample();
    a[1].id = "cn-recognises-kz".into();
    assert_eq!(
        refused(j, a),
        "agreement 'cn-recognises-kz': another agreement has the same id"
    );

    let (j, mut a) = sample();
    a[0].documents = DocumentScope::Only(vec![]);
    assert_eq!(
        refused(j, a),
        "agreement 'cn-recognises-kz': covers no document type; list codes or use \"all\""
    );

    let (j, mut a) = sample();
    a[0].in_force_until = Some(a[0].in_force_from);
    assert_eq!(
        refused(j, a),
        "agreement 'cn-recognises-kz': in force until a time not after its start"
    );

    let (j, mut a) = sample();
    a[0].status.clear();
    assert_eq!(
        refused(j, a),
        "agreement 'cn-recognises-kz': status history is empty; give at least the first status and its date"
    );
}
