//! Building a `Verifier` (issue 12, items 6 and 10): a policy whose levels
//! its registry does not define is refused at construction, never applied
//! with its minimum-level rule switched off; the verifier owns its registry
//! snapshot and can be rebuilt over a new one.

mod common;

use std::sync::{Arc, RwLock};

use common::pki_signer;
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::policy::{JurisdictionPolicy, PolicyFileError, PolicyFinding, SignerFacts};
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Request, Verifier};
use sigbridge::{DocumentScope, DocumentType, Error, Jurisdiction, Time};

const INVOICE: &[u8] = b"<Invoice number='INV-12'/>";

fn at() -> Time {
    "2026-11-23T09:00:00Z".parse().unwrap()
}

/// A user's own registry: the sample, with CN's vocabulary renamed to
/// `basic` < `qualified` and both CN anchors listed for `basic` only.
fn own_registry() -> Registry {
    let listed_both =
        "\"levels\": [\n            \"basic\",\n            \"qualified\"\n          ]";
    let text = Registry::sample()
        .unwrap()
        .to_json()
        .replace("\"reliable-electronic-signature\"", "\"qualified\"")
        .replace("\"electronic-signature\"", "\"basic\"");
    assert_eq!(text.matches(listed_both).count(), 2);
    let text = text.replace(
        listed_both,
        "\"levels\": [\n            \"basic\"\n          ]",
    );
    Registry::from_json(&text.replace("SAMPLE DATA", "OWN DATA")).unwrap()
}

/// A CN exporter's signature on an invoice (SM2, chain included).
fn cn_invoice() -> Vec<u8> {
    let signer = pki_signer("cn", "org-uscc");
    Envelope::sign_detached(
        INVOICE,
        &signer,
        &SignatureOptions::new(at())
            .document_type(DocumentType::COMMERCIAL_INVOICE)
            .include_chain(true),
    )
    .unwrap()
    .to_der()
}

fn verify(verifier: &Verifier, p7s: &[u8]) -> sigbridge::VerificationReport {
    verifier.verify(Request::new(
        p7s,
        Content::Detached(INVOICE),
        Jurisdiction::CN,
        at(),
    ))
}

/// Item 6. The sample CN policy asks invoices for `electronic-signature`,
/// a name the user's registry does not define. Before, `Verifier::new`
/// applied it anyway and the minimum-level rule compared against nothing:
/// the `basic` signer was accepted. Now construction is refused, naming
/// the sample policy, its rule, the level and the vocabulary.
#[test]
fn a_sample_policy_that_does_not_fit_the_registry_is_refused_at_construction() {
    let mine = own_registry();
    let refused = Verifier::new(&mine).err().expect("refused");
    assert_eq!(
        refused,
        Error::Policy(PolicyFileError::UnknownLevel {
            sample: true,
            jurisdiction: Jurisdiction::CN,
            rule: 0,
            documents: DocumentScope::Only(vec![DocumentType::COMMERCIAL_INVOICE]),
            level: "electronic-signature".into(),
            vocabulary: vec!["basic".into(), "qualified".into()],
            registry: format!("'{}'", mine.label()),
        })
    );
    let message = refused.to_string();
    assert!(
        message.starts_with("the built-in sample policy of CN, rule documents[0] (UNTDID 1001 380): minimum level 'electronic-signature' is not in CN's vocabulary [\"basic\", \"qualified\"]"),
        "{message}"
    );
    assert!(
        message.ends_with("give your own CN policy with Verifier::without_sample_policies(registry).with_policies(...)"),
        "{message}"
    );

    // The policy the user meant (invoices at `qualified`), given as its own:
    // the `basic` signer is refused by the minimum-level rule.
    let mut cn = JurisdictionPolicy::sample(Jurisdiction::CN).unwrap();
    for rule in &mut cn.documents {
        rule.min_level = "qualified".into();
    }
    let verifier = Verifier::without_sample_policies(&mine)
        .with_policies(vec![cn.clone()])
        .unwrap();
    let report = verify(&verifier, &cn_invoice());
    assert_eq!(
        report.signatures[0].recognition.level.as_deref(),
        Some("basic")
    );
    assert!(!report.verdict.accepted);
    assert_eq!(
        report.document_findings,
        ["UNTDID 1001 code 380 needs at least 'qualified', the signer reaches 'basic'"]
    );

    // The same policy with a typo in one level: refused at construction.
    cn.documents[1].min_level = "qualifeid".into();
    assert_eq!(
        Verifier::without_sample_policies(&mine)
            .with_policies(vec![cn])
            .err(),
        Some(Error::Policy(PolicyFileError::UnknownLevel {
            sample: false,
            jurisdiction: Jurisdiction::CN,
            rule: 1,
            documents: DocumentScope::Only(vec![DocumentType::CERTIFICATE_OF_ORIGIN]),
            level: "qualifeid".into(),
            vocabulary: vec!["basic".into(), "qualified".into()],
            registry: format!("'{}'", mine.label()),
        }))
    );
}

/// Item 6, the check itself: a minimum outside the vocabulary is met by no
/// level (before, `Some(rank) >= None` held for every signer).
#[test]
fn a_minimum_outside_the_vocabulary_fails_closed() {
    let sample_cn = JurisdictionPolicy::sample(Jurisdiction::CN).unwrap();
    let basic = SignerFacts {
        level: Some("basic".into()),
        roles: Vec::new(),
        identity: "one".into(),
    };
    assert_eq!(
        sample_cn.check_document(
            DocumentType::COMMERCIAL_INVOICE,
            &[basic],
            &["basic".into(), "qualified".into()]
        ),
        vec![PolicyFinding::LevelTooLow {
            document_type: DocumentType::COMMERCIAL_INVOICE,
            level: "basic".into(),
            minimum: "electronic-signature".into(),
        }]
    );
}

/// Item 6: `with_policies` checks the policy whole, and refuses a policy
/// for a jurisdiction the registry does not know, and two for one.
#[test]
fn with_policies_refuses_inconsistent_unknown_and_repeated_policies() {
    let registry = Registry::sample().unwrap();
    let verifier = || Verifier::new(&registry).unwrap();
    let mut bad = JurisdictionPolicy::sample(Jurisdiction::EU).unwrap();
    bad.max_path_depth = 0;
    assert_eq!(
        verifier().with_policies(vec![bad]).err(),
        Some(Error::Policy(PolicyFileError::Invalid {
            path: "policies[EU].max_path_depth".into(),
            reason: "must be at least 1 (the signer's issuer)".into(),
        }))
    );
    let mut elsewhere = JurisdictionPolicy::sample(Jurisdiction::EU).unwrap();
    elsewhere.jurisdiction = Jurisdiction::from_code("XX").unwrap();
    assert_eq!(
        verifier().with_policies(vec![elsewhere]).err(),
        Some(Error::Policy(PolicyFileError::UnknownJurisdiction {
            sample: false,
            jurisdiction: Jurisdiction::from_code("XX").unwrap(),
            registry: format!("'{}'", registry.label()),
        }))
    );
    let eu = JurisdictionPolicy::sample(Jurisdiction::EU).unwrap();
    assert_eq!(
        verifier().with_policies(vec![eu.clone(), eu.clone()]).err(),
        Some(Error::Policy(PolicyFileError::Invalid {
            path: "policies[EU]".into(),
            reason: "a second policy for the same jurisdiction; merge them".into(),
        }))
    );
    // A member state's policy reads its levels in the union's vocabulary.
    let mut de = eu;
    de.jurisdiction = Jurisdiction::from_code("DE").unwrap();
    de.revocation_required = true;
    let verifier = verifier().with_policies(vec![de]).unwrap();
    assert!(
        verifier
            .policy(Jurisdiction::from_code("DE").unwrap())
            .revocation_required
    );
}

/// Item 10: the verifier owns its snapshot. A service swaps verifiers
/// under a lock; a verification holding the old one keeps judging by the
/// old snapshot, and reports name the snapshot they were judged by.
#[test]
fn a_verifier_owns_its_snapshot_and_can_be_swapped() {
    let first = Arc::new(Registry::sample().unwrap());
    let service = RwLock::new(Arc::new(Verifier::new(Arc::clone(&first)).unwrap()));
    let p7s = cn_invoice();
    let held = Arc::clone(&service.read().unwrap());
    // The next snapshot: the CN root withdrawn before the signature.
    let text = first.to_json().replacen(
        "\"from\": \"2019-01-01T00:00:00Z\"\n            }\n          ],",
        "\"from\": \"2019-01-01T00:00:00Z\"\n            },\n            {\n              \"status\": \"withdrawn\",\n              \"from\": \"2026-06-01T00:00:00Z\"\n            }\n          ],",
        1,
    );
    let next = Registry::from_json(&text).unwrap();
    assert_ne!(next.snapshot_id(), first.snapshot_id());
    drop(first);
    *service.write().unwrap() = Arc::new(Verifier::new(next.clone()).unwrap());

    let old = verify(&held, &p7s);
    assert!(old.verdict.accepted, "{old}");
    assert_eq!(
        old.registry_snapshot,
        Registry::sample().unwrap().snapshot_id()
    );
    let current = Arc::clone(&service.read().unwrap());
    let new = verify(&current, &p7s);
    assert!(!new.verdict.accepted);
    assert_eq!(new.registry_snapshot, next.snapshot_id());
    assert_eq!(current.registry().snapshot_id(), next.snapshot_id());
}

/// Item 6: level names that exist but in another order are not the
/// vocabulary the sample was written for. With KZ's two levels swapped, the
/// sample KZ minimum `nca-signing` would become the lowest level and admit
/// `nca-authentication` signers; the sample is refused instead.
#[test]
fn a_sample_policy_over_a_reordered_vocabulary_is_refused() {
    let text = Registry::sample().unwrap().to_json().replacen(
        "\"levels\": [\n        \"nca-authentication\",\n        \"nca-signing\"\n      ]",
        "\"levels\": [\n        \"nca-signing\",\n        \"nca-authentication\"\n      ]",
        1,
    );
    let reordered = Registry::from_json(&text).unwrap();
    let refused = Verifier::new(&reordered).err().expect("refused");
    assert_eq!(
        refused,
        Error::Policy(PolicyFileError::SampleVocabulary {
            jurisdiction: Jurisdiction::KZ,
            sample_vocabulary: vec!["nca-authentication".into(), "nca-signing".into()],
            vocabulary: vec!["nca-signing".into(), "nca-authentication".into()],
            registry: format!("'{}'", reordered.label()),
        })
    );
    // The same policy given as one's own is the caller's decision.
    let kz = JurisdictionPolicy::sample(Jurisdiction::KZ).unwrap();
    let own = Verifier::without_sample_policies(&reordered)
        .with_policies(vec![kz])
        .unwrap();
    assert_eq!(
        own.policy(Jurisdiction::KZ).documents[0].min_level,
        "nca-signing"
    );
}
