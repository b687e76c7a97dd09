//! Registry files: the sample loads and saves back byte for byte, and every
//! kind of bad input is refused with the place named.

use sigbridge::Jurisdiction;
use sigbridge::registry::*;

const SAMPLE: &str = include_str!("../src/registry/sample-registry.json");

fn load_err(text: &str) -> RegistryFileError {
    Registry::from_json(text).unwrap_err()
}

#[test]
fn sample_round_trips_byte_for_byte() {
    let reg = Registry::sample().unwrap();
    assert_eq!(reg.to_json(), SAMPLE);
    let again = Registry::from_json(&reg.to_json()).unwrap();
    assert_eq!(again.to_json(), SAMPLE);
    assert_eq!(again.snapshot_id(), reg.snapshot_id());
    let id = reg.snapshot_id();
    assert!(id.starts_with("sha256:") && id.len() == 7 + 64, "{id}");
    let codes: Vec<_> = reg.jurisdictions().map(|j| j.code.to_string()).collect();
    assert_eq!(codes, ["CN", "EU", "IN", "KZ", "RU", "UZ"]);
    assert_eq!(reg.agreements().len(), 9);
}

#[test]
fn snapshot_id_changes_with_content() {
    let changed = SAMPLE.replace("\"2025-01-01T00:00:00Z\"", "\"2025-01-02T00:00:00Z\"");
    let a = Registry::sample().unwrap().snapshot_id();
    let b = Registry::from_json(&changed).unwrap().snapshot_id();
    assert_ne!(a, b);
}

#[test]
fn sample_answers() {
    let reg = Registry::sample().unwrap();
    let q = |relying, anchor: &str, level: &str, doc, at: &str| RecognitionQuery {
        relying,
        document_type: DocumentType(doc),
        at: at.parse().unwrap(),
        anchor_id: anchor.into(),
        claimed_levels: vec![level.into()],
    };
    let level = |r: Recognition| match r {
        Recognition::Recognised(r) => r.level,
        other => panic!("{other}"),
    };
    // UZ recognises CN certificates of origin only onward through KZ.
    let r = reg.recognise(&q(
        Jurisdiction::UZ,
        "cn-root",
        "reliable-electronic-signature",
        861,
        "2025-06-01T00:00:00Z",
    ));
    assert_eq!(
        r.to_string(),
        "recognised at level 'e-signature' (issuing CN level 'reliable-electronic-signature', anchor 'cn-root' granted since 2019-01-01T00:00:00Z), via agreement 'uz-recognises-kz' (SAMPLE DATA, NOT LEGAL FACT: uz-recognises-kz) mapping 'nca-signing' to 'e-signature', via agreement 'kz-recognises-cn' (SAMPLE DATA, NOT LEGAL FACT: kz-recognises-cn) mapping 'reliable-electronic-signature' to 'nca-signing'"
    );
    // …but not for bills of lading: KZ's agreement with CN does not cover them.
    assert_eq!(
        reg.recognise(&q(
            Jurisdiction::UZ,
            "cn-root",
            "reliable-electronic-signature",
            705,
            "2025-06-01T00:00:00Z"
        )),
        Recognition::NotRecognised(vec![
            NotRecognisedReason::DocumentTypeNotCovered {
                agreement: "kz-recognises-cn".into(),
                document_type: DocumentType::BILL_OF_LADING,
            },
            NotRecognisedReason::NoAgreement {
                relying: Jurisdiction::UZ,
                issuing: Jurisdiction::CN,
            }
        ])
    );
    // IN recognises EU QES as class 3 until 2029-04-01 (exclusive).
    assert_eq!(
        level(reg.recognise(&q(
            Jurisdiction::IN,
            "eu-root",
            "QES",
            380,
            "2029-03-31T23:59:59Z"
        ))),
        "class-3"
    );
    assert_eq!(
        reg.recognise(&q(
            Jurisdiction::IN,
            "eu-root",
            "QES",
            380,
            "2029-04-01T00:00:00Z"
        )),
        Recognition::NotRecognised(vec![NotRecognisedReason::AgreementNotInForce {
            agreement: "in-recognises-eu".into(),
            gap: AgreementGap::Expired {
                until: "2029-04-01T00:00:00Z".parse().unwrap()
            },
        }])
    );
}

fn syntax(text: &str) -> (usize, usize, String) {
    match load_err(text) {
        RegistryFileError::Syntax {
            line,
            column,
            message,
        } => (line, column, message),
        other => panic!("{other}"),
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn syntax_errors_name_line_and_column() {
    let (line, column, message) =
        syntax("{\n  \"format\": \"sigbridge-registry/1\",\n  \"label\": 5\n}");
    assert_eq!((line, column), (3, 12));
    assert!(
        message.starts_with("invalid type: integer `5`, expected a string"),
        "{message}"
    );

    let (line, _, message) = syntax(&SAMPLE.replacen("\"code\": \"KZ\"", "\"code\": \"KAZ\"", 1));
    assert_eq!(line, line_of(SAMPLE, "\"code\": \"KZ\""));
    assert!(
        message.starts_with(
            "unknown jurisdiction code \"KAZ\": use an upper-case ISO 3166-1 alpha-2 code or EU"
        ),
        "{message}"
    );

    let (line, _, message) =
        syntax(&SAMPLE.replacen("\"2024-04-01T00:00:00Z\"", "\"2024-04-01\"", 1));
    assert_eq!(line, line_of(SAMPLE, "\"2024-04-01T00:00:00Z\""));
    assert!(
        message.starts_with("'2024-04-01' is not a UTC time of the form YYYY-MM-DDThh:mm:ssZ"),
        "{message}"
    );

    let (line, _, message) = syntax(&SAMPLE.replacen("\"legal_reference\"", "\"legal_ref\"", 1));
    assert_eq!(line, line_of(SAMPLE, "\"legal_reference\""));
    assert!(
        message.starts_with("unknown field `legal_ref`"),
        "{message}"
    );

    let (line, _, message) = syntax(&SAMPLE.replacen("MII", "MIX", 1));
    // serde_json places errors raised by a field's own parser at the end of
    // the enclosing object: the line after the certificate.
    assert_eq!(line, line_of(SAMPLE, "MII") + 1);
    assert!(
        message.starts_with("anchor certificate does not parse"),
        "{message}"
    );

    let (_, _, message) =
        syntax(&SAMPLE.replacen("\"documents\": \"all\"", "\"documents\": \"some\"", 1));
    assert!(
        message.starts_with("documents must be \"all\" or a non-empty list of UNTDID 1001 codes"),
        "{message}"
    );

    let (line, _, message) =
        syntax(&SAMPLE.replacen("sigbridge-registry/1", "sigbridge-registry/9", 1));
    assert_eq!(
        (line, message.as_str()),
        (
            2,
            "format is \"sigbridge-registry/9\", expected \"sigbridge-registry/1\""
        )
    );

    let (line, column, _) = syntax(&SAMPLE[..200]);
    assert_eq!(
        (line, column),
        (
            SAMPLE[..200].matches('\n').count() + 1,
            SAMPLE[..200].rsplit('\n').next().unwrap().len()
        )
    );
}

fn inconsistent(text: &str) -> (String, Option<usize>, RegistryError) {
    match load_err(text) {
        RegistryFileError::Inconsistent { path, line, error } => (path, line, error),
        other => panic!("{other}"),
    }
}

#[test]
fn rule_errors_name_the_entry() {
    // A level outside the vocabulary.
    let text = SAMPLE.replacen("\"KC3\": \"nca-signing\"", "\"KC3\": \"nca-qualified\"", 1);
    let (path, line, error) = inconsistent(&text);
    assert_eq!(path, "agreements[kz-recognises-ru].mapping");
    assert_eq!(line, Some(line_of(SAMPLE, "\"id\": \"kz-recognises-ru\"")));
    assert!(
        matches!(error, RegistryError::UnknownLevel { ref level, jurisdiction: Jurisdiction::KZ, .. } if level == "nca-qualified")
    );
    assert_eq!(
        load_err(&text).to_string(),
        format!(
            "registry file agreements[kz-recognises-ru].mapping (line {}): agreement 'kz-recognises-ru' mapping: assurance level 'nca-qualified' is not in KZ's vocabulary [\"nca-authentication\", \"nca-signing\"]",
            line_of(SAMPLE, "\"id\": \"kz-recognises-ru\"")
        )
    );

    // Overlapping status periods.
    let text = SAMPLE.replacen("\"2025-04-01T00:00:00Z\"", "\"2025-03-01T00:00:00Z\"", 1);
    let (path, line, error) = inconsistent(&text);
    assert_eq!(path, "jurisdictions[RU].anchors[ru-root].status");
    assert_eq!(line, Some(line_of(SAMPLE, "\"id\": \"ru-root\"")));
    assert!(matches!(error, RegistryError::BadStatusHistory { .. }));

    // A duplicate anchor id: the second occurrence's line.
    let text = SAMPLE.replacen("\"id\": \"uz-root\"", "\"id\": \"cn-root\"", 1);
    let (path, line, error) = inconsistent(&text);
    assert_eq!(path, "jurisdictions[UZ].anchors[cn-root]");
    assert_eq!(line, Some(line_of(SAMPLE, "\"id\": \"uz-root\"")));
    assert_eq!(
        error,
        RegistryError::DuplicateAnchor {
            jurisdiction: Jurisdiction::UZ,
            id: "cn-root".into(),
            reason: "another anchor has the same id".into(),
        }
    );

    // An agreement naming a jurisdiction that is not defined.
    let text = SAMPLE.replacen("\"relying\": \"IN\"", "\"relying\": \"PK\"", 1);
    let (path, line, error) = inconsistent(&text);
    assert_eq!(path, "agreements[in-recognises-eu]");
    assert_eq!(line, Some(line_of(SAMPLE, "\"id\": \"in-recognises-eu\"")));
    assert_eq!(
        error,
        RegistryError::UnknownJurisdiction {
            agreement: "in-recognises-eu".into(),
            jurisdiction: Jurisdiction::PK,
        }
    );

    // A duplicate jurisdiction.
    let text = SAMPLE.replacen("\"code\": \"UZ\"", "\"code\": \"CN\"", 1);
    let (path, line, error) = inconsistent(&text);
    assert_eq!(path, "jurisdictions[CN]");
    assert_eq!(line, Some(line_of(SAMPLE, "\"code\": \"UZ\"")));
    assert_eq!(
        error,
        RegistryError::DuplicateJurisdiction(Jurisdiction::CN)
    );
}

#[test]
fn anchors_by_name_and_key_round_trip() {
    let reg = Registry::sample().unwrap();
    let (_, listing) = reg.anchor("kz-root").unwrap();
    let name_key = sigbridge::path::TrustAnchor::new(
        listing.anchor.name().clone(),
        listing.anchor.key().clone(),
    );
    let mut entries: Vec<JurisdictionEntry> = reg.jurisdictions().cloned().collect();
    entries[3].anchors[0].anchor = name_key;
    let reg2 = Registry::new(entries, reg.agreements().to_vec()).unwrap();
    let text = reg2.to_json();
    assert!(text.contains("\"name_and_key\": {"));
    let reg3 = Registry::from_json(&text).unwrap();
    assert_eq!(reg3.to_json(), text);
    assert_eq!(
        reg3.anchor("kz-root").unwrap().1.anchor.name(),
        listing.anchor.name()
    );

    let both = text.replacen(
        "\"name_and_key\": {",
        "\"certificate\": \"x\",\n        \"name_and_key\": {",
        1,
    );
    assert!(
        matches!(load_err(&both), RegistryFileError::Syntax { ref message, .. } if message.starts_with("anchor certificate does not parse"))
    );
}

#[test]
fn member_states_rely_through_their_union() {
    let reg = Registry::sample().unwrap();
    let de = Jurisdiction::from_code("DE").unwrap();
    assert_eq!(reg.union_of(de), Some(Jurisdiction::EU));
    let q = |relying, anchor: &str, level: &str, doc| RecognitionQuery {
        relying,
        document_type: DocumentType(doc),
        at: "2025-06-01T00:00:00Z".parse().unwrap(),
        anchor_id: anchor.into(),
        claimed_levels: vec![level.into()],
    };
    // The union's own anchor is domestic to a member.
    match reg.recognise(&q(de, "eu-root", "QES", 705)) {
        Recognition::Recognised(r) => {
            assert_eq!(
                (r.scheme, r.level.as_str(), r.route),
                (Jurisdiction::EU, "QES", Route::Domestic)
            )
        }
        other => panic!("{other}"),
    }
    // The union's agreements apply to a member: DE recognises KZ invoices.
    match reg.recognise(&q(de, "kz-root", "nca-signing", 380)) {
        Recognition::Recognised(r) => {
            assert_eq!((r.scheme, r.level.as_str()), (Jurisdiction::EU, "advanced"))
        }
        other => panic!("{other}"),
    }
    // A code that is neither an entry nor a member is unknown.
    let us = Jurisdiction::from_code("US").unwrap();
    assert_eq!(
        reg.recognise(&q(us, "eu-root", "QES", 705)),
        Recognition::NotRecognised(vec![NotRecognisedReason::UnknownRelyingJurisdiction(us)])
    );
    // A member with an entry of its own, or in two unions, is refused.
    let text = SAMPLE.replacen("\"AT\",", "\"KZ\",", 1);
    let (path, _, error) = inconsistent(&text);
    assert_eq!(path, "jurisdictions[EU].members");
    assert_eq!(
        error.to_string(),
        "jurisdiction EU: members include KZ, which has an entry of its own; a member relies through its union"
    );
}

/// Issue 12 item 7: a level mapped twice in one agreement. Before, the file
/// loaded and serde kept the later value, so a CN `electronic-signature`
/// signer reached KZ `nca-signing`; a reader keeping the first value would
/// say `nca-authentication`. The file has no single meaning: refused, with
/// the place of the second key.
#[test]
fn a_key_repeated_in_any_object_refuses_the_file() {
    let first = "        \"electronic-signature\": \"nca-authentication\",\n";
    assert_eq!(SAMPLE.matches(first).count(), 1);
    let twice = SAMPLE.replacen(
        first,
        &format!("{first}        \"electronic-signature\": \"nca-signing\",\n"),
        1,
    );
    // The repeated key is on the line after the first one.
    let line = SAMPLE[..SAMPLE.find(first).unwrap()].matches('\n').count() + 2;
    assert_eq!(
        load_err(&twice),
        RegistryFileError::DuplicateKey {
            line,
            column: 30,
            key: "electronic-signature".into(),
            object: "agreements[1].mapping".into(),
        }
    );
    // A struct field repeated deeper down (an anchor's `service`) is the
    // same error, not serde's "duplicate field" from inside the typed parse.
    let service = SAMPLE.replacen("\"service\":", "\"service\": \"x\", \"service\":", 1);
    match load_err(&service) {
        RegistryFileError::DuplicateKey { key, object, .. } => {
            assert_eq!(
                (key.as_str(), object.as_str()),
                ("service", "jurisdictions[0].anchors[0]")
            )
        }
        other => panic!("expected DuplicateKey, got {other:?}"),
    }
    assert_eq!(
        load_err(&twice).to_string(),
        format!(
            "registry file line {line}, column 30: key \"electronic-signature\" appears twice in agreements[1].mapping; keep one of the two entries"
        )
    );
}
