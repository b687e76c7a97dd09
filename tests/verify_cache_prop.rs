//! The path cache never changes a verdict (issue 12 item 2): a caching
//! verifier and a cold one give identical reports over random sequences of
//! requests — validation times around every validity and CRL boundary,
//! CRL sets with delegated and foreign CRL signers, intermediates supplied
//! or withheld, relying jurisdictions with and without a revocation
//! requirement and one the registry does not know.
//!
//! `SIGBRIDGE_CACHE_SEQUENCES` sets the number of sequences (default 1000;
//! CI runs 10,000 in the release profile), `SIGBRIDGE_CACHE_SEED` the seed.
//! A failure prints the seed and the sequence that diverged.

mod common;

use std::collections::BTreeMap;

use common::certgen::{self, Key, day, dn};
use sigbridge::crypto::SoftwareSigner;
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::path::{Crl, TrustAnchor};
use sigbridge::policy::JurisdictionPolicy;
use sigbridge::registry::{
    Agreement, AgreementStatus, AnchorListing, DocumentScope, JurisdictionEntry, ListingStatus,
    Registry, ServiceKind, StatusChange,
};
use sigbridge::verify::{Content, Request, SubIndication, Verifier};
use sigbridge::{Certificate, DocumentType, Jurisdiction, Time};

const DOCUMENT: &[u8] = b"<CertificateOfOrigin number='CO-7'/>";

/// The PKI, registry and pre-made envelopes and CRLs the requests draw on.
struct World {
    registry: Registry,
    /// Envelopes: s1 with its CA, s2 with its CA, s1 without any chain, s1 and s2 co-signed.
    envelopes: Vec<Vec<u8>>,
    /// Candidate caller intermediates.
    intermediates: Vec<Certificate>,
    /// Candidate caller CRLs.
    crls: Vec<Crl>,
}

fn world() -> World {
    let root_key = Key::fixture("ru", "root");
    let ca_key = Key::fixture("ru", "ca");
    let delegated_key = Key::fixture("kz", "ca");
    let s1_key = Key::fixture("ru", "person");
    let s2_key = Key::fixture("ru", "ip");
    let foreign_key = Key::fixture("kz", "root");
    let lookalike_key = Key::fixture("kz", "employee");

    let root_name = dn("UZ", "Sample PKI", "Sample Root");
    let ca_name = dn("UZ", "Sample PKI", "Sample Issuing CA");
    let foreign_name = dn("PK", "Foreign PKI", "Foreign Root");
    let root = certgen::ca(
        1,
        &root_name,
        &root_key,
        &root_name,
        &root_key,
        day(-800),
        day(3000),
    );
    let ca = certgen::ca(
        2,
        &ca_name,
        &ca_key,
        &root_name,
        &root_key,
        day(-500),
        day(900),
    );
    // Two delegated CRL signers with the CA's name (RFC 5280 §6.3.3 (f)):
    // one short-lived, one long-lived.
    let delegated_short = certgen::ca(
        3,
        &ca_name,
        &delegated_key,
        &root_name,
        &root_key,
        day(-10),
        day(40),
    );
    let delegated_long = certgen::ca(
        4,
        &ca_name,
        &delegated_key,
        &root_name,
        &root_key,
        day(-10),
        day(400),
    );
    let foreign = certgen::ca(
        1,
        &foreign_name,
        &foreign_key,
        &foreign_name,
        &foreign_key,
        day(-800),
        day(3000),
    );
    let lookalike = certgen::ca(
        9,
        &ca_name,
        &lookalike_key,
        &foreign_name,
        &foreign_key,
        day(-10),
        day(400),
    );
    let s1 = certgen::end_entity(
        100,
        &dn("UZ", "Exporter", "Signer One"),
        &s1_key,
        &ca_name,
        &ca_key,
        day(-200),
        day(300),
        vec![],
    );
    let s2 = certgen::end_entity(
        101,
        &dn("UZ", "Chamber", "Signer Two"),
        &s2_key,
        &ca_name,
        &ca_key,
        day(-100),
        day(600),
        vec![],
    );

    let crls = vec![
        // The CA's own CRL revoking s2 from day 10.
        certgen::crl(&ca_name, &ca_key, day(12), day(100), &[(101, day(10))], 1),
        // A newer clean CRL from the short-lived delegated signer.
        certgen::crl(&ca_name, &delegated_key, day(13), day(100), &[], 2),
        // An old clean CRL of the CA, current before the revocation.
        certgen::crl(&ca_name, &ca_key, day(-30), day(20), &[], 0),
        // The root's CRL over the CA.
        certgen::crl(&root_name, &root_key, day(-30), day(500), &[], 1),
        // A clean CRL from the foreign look-alike (never counts).
        certgen::crl(&ca_name, &lookalike_key, day(14), day(100), &[], 3),
    ];

    let signing_time = day(15);
    let options =
        SignatureOptions::new(signing_time).document_type(DocumentType::CERTIFICATE_OF_ORIGIN);
    let signer = |cert: &Certificate, who: &str, chain: bool| {
        let key = common::read(&common::local(&format!("pki/ru/{who}.key")));
        let s = SoftwareSigner::from_pkcs8_pem(&key, cert.clone()).unwrap();
        if chain {
            s.with_chain(vec![ca.clone()])
        } else {
            s
        }
    };
    let with_chain = options.clone().include_chain(true);
    let e1 = Envelope::sign_detached(DOCUMENT, &signer(&s1, "person", true), &with_chain).unwrap();
    let e2 = Envelope::sign_detached(DOCUMENT, &signer(&s2, "ip", true), &with_chain).unwrap();
    let e3 = Envelope::sign_detached(DOCUMENT, &signer(&s1, "person", false), &options).unwrap();
    let e4 = e1
        .add_signer(Some(DOCUMENT), &signer(&s2, "ip", true), &with_chain)
        .unwrap();
    let envelopes = [e1, e2, e3, e4].iter().map(Envelope::to_der).collect();

    let granted = |from: Time| {
        vec![StatusChange {
            status: ListingStatus::Granted,
            from,
        }]
    };
    let uz = JurisdictionEntry {
        code: Jurisdiction::UZ,
        name: "issuing (test)".into(),
        levels: vec!["basic".into()],
        timestamp_levels: vec![],
        members: vec![],
        anchors: vec![AnchorListing {
            id: "uz-root".into(),
            kind: ServiceKind::CertificateAuthority,
            anchor: TrustAnchor::from_certificate(&root).unwrap(),
            service: "test root".into(),
            levels: vec!["basic".into()],
            status: granted(day(-800)),
        }],
    };
    let pk = JurisdictionEntry {
        code: Jurisdiction::PK,
        name: "relying (test)".into(),
        levels: vec!["basic".into()],
        timestamp_levels: vec![],
        members: vec![],
        anchors: vec![AnchorListing {
            id: "pk-root".into(),
            kind: ServiceKind::CertificateAuthority,
            anchor: TrustAnchor::from_certificate(&foreign).unwrap(),
            service: "foreign root".into(),
            levels: vec!["basic".into()],
            status: granted(day(-800)),
        }],
    };
    let agreement = Agreement {
        id: "pk-recognises-uz".into(),
        relying: Jurisdiction::PK,
        issuing: Jurisdiction::UZ,
        documents: DocumentScope::All,
        mapping: BTreeMap::from([("basic".into(), "basic".into())]),
        in_force_from: day(-800),
        in_force_until: None,
        status: vec![StatusChange {
            status: AgreementStatus::Enacted,
            from: day(-800),
        }],
        legal_reference: "test".into(),
        onward: false,
    };
    let registry = Registry::new(vec![uz, pk], vec![agreement]).unwrap();
    World {
        registry,
        envelopes,
        intermediates: vec![ca, delegated_short, delegated_long, lookalike],
        crls,
    }
}

fn policies() -> Vec<JurisdictionPolicy> {
    let mut uz = JurisdictionPolicy::baseline(Jurisdiction::UZ, &["basic".into()]);
    uz.revocation_required = true;
    let pk = JurisdictionPolicy::baseline(Jurisdiction::PK, &["basic".into()]);
    vec![uz, pk]
}

/// A verifier over the test registry with the test policies (the sample
/// policies are written for the sample registry's vocabularies).
fn verifier(w: &World) -> Verifier {
    Verifier::without_sample_policies(&w.registry)
        .with_policies(policies())
        .unwrap()
}

/// splitmix64: a small, seedable, dependency-free generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// A random subset in random order (the caller's order of CRLs and
    /// intermediates is part of the input).
    fn subset<T: Clone>(&mut self, items: &[T]) -> Vec<T> {
        let mask = self.next();
        let mut out: Vec<T> = items
            .iter()
            .enumerate()
            .filter(|(i, _)| mask >> i & 1 == 1)
            .map(|(_, x)| x.clone())
            .collect();
        for i in (1..out.len()).rev() {
            out.swap(i, self.below(i + 1));
        }
        out
    }
}

/// A validation time: on, just before or just after a boundary, or anywhere.
fn time(rng: &mut Rng) -> Time {
    const BOUNDARIES: [i64; 12] = [-500, -200, -100, -30, -10, 10, 12, 20, 40, 100, 300, 400];
    let t = match rng.below(4) {
        0 => day(-600 + rng.below(1700) as i64),
        _ => day(BOUNDARIES[rng.below(BOUNDARIES.len())]),
    };
    let nudge = [-1i64, 0, 0, 1][rng.below(4)];
    Time::from_unix(t.unix_seconds() + nudge)
}

#[derive(Debug, Clone)]
struct Step {
    envelope: usize,
    at: Time,
    crls: Vec<usize>,
    intermediates: Vec<usize>,
    relying: Vec<Jurisdiction>,
}

/// The next request: each part changes with some probability and is
/// otherwise the previous request's, so that a sequence revisits what the
/// cache holds as well as moving away from it.
fn step(rng: &mut Rng, w: &World, previous: Option<&Step>) -> Step {
    let relying_all = [Jurisdiction::UZ, Jurisdiction::PK, Jurisdiction::CN];
    let mut relying = rng.subset(&relying_all);
    if relying.is_empty() {
        relying.push(relying_all[rng.below(3)]);
    }
    let fresh = Step {
        envelope: rng.below(w.envelopes.len()),
        at: time(rng),
        crls: rng.subset(&(0..w.crls.len()).collect::<Vec<_>>()),
        intermediates: rng.subset(&(0..w.intermediates.len()).collect::<Vec<_>>()),
        relying,
    };
    let Some(p) = previous else {
        return fresh;
    };
    let mut keep = || rng.below(3) != 0;
    Step {
        envelope: if keep() { p.envelope } else { fresh.envelope },
        at: if keep() { p.at } else { fresh.at },
        crls: if keep() { p.crls.clone() } else { fresh.crls },
        intermediates: if keep() {
            p.intermediates.clone()
        } else {
            fresh.intermediates
        },
        relying: if keep() {
            p.relying.clone()
        } else {
            fresh.relying
        },
    }
}

fn configure(v: Verifier, w: &World, s: &Step) -> Verifier {
    v.with_crls(s.crls.iter().map(|i| w.crls[*i].clone()).collect())
        .with_intermediates(
            s.intermediates
                .iter()
                .map(|i| w.intermediates[*i].clone())
                .collect(),
        )
}

fn run(w: &World, seed: u64, sequences: usize) -> (u64, usize, usize) {
    let mut rng = Rng(seed);
    let mut hits = 0;
    let (mut accepted, mut refused) = (0, 0);
    for n in 0..sequences {
        let mut cached = verifier(w);
        let len = 1 + rng.below(8);
        let mut steps: Vec<Step> = Vec::new();
        for _ in 0..len {
            let next = step(&mut rng, w, steps.last());
            steps.push(next);
        }
        for (k, s) in steps.iter().enumerate() {
            cached = configure(cached, w, s);
            let fresh = configure(verifier(w).with_path_cache(0), w, s);
            let request = || {
                Request::new(
                    &w.envelopes[s.envelope],
                    Content::Detached(DOCUMENT),
                    s.relying[0],
                    s.at,
                )
            };
            let from_cache = cached.verify_for(request(), &s.relying);
            let cold = fresh.verify_for(request(), &s.relying);
            assert!(
                from_cache == cold,
                "seed {seed}, sequence {n}, step {k} diverged.\nsteps: {:#?}\ncached: {}\ncold: {}",
                &steps[..=k],
                from_cache
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
                cold.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            for r in &cold {
                if r.verdict.accepted {
                    accepted += 1;
                } else {
                    refused += 1;
                }
            }
        }
        hits += cached.cache_stats().hits;
    }
    (hits, accepted, refused)
}

#[test]
fn caching_and_cold_verifiers_agree_on_random_request_sequences() {
    let w = world();
    let sequences = std::env::var("SIGBRIDGE_CACHE_SEQUENCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let seed = std::env::var("SIGBRIDGE_CACHE_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x005e_ed12);
    let (hits, accepted, refused) = run(&w, seed, sequences);
    eprintln!(
        "{sequences} sequences: {hits} cache hits, {accepted} accepted and {refused} refused reports"
    );
    // The property is only worth something if the cache was used and both
    // verdicts occurred.
    assert!(hits > sequences as u64 / 4, "only {hits} cache hits");
    assert!(
        accepted > 0 && refused > 0,
        "accepted {accepted}, refused {refused}"
    );
}

/// The reproduction of item 2: a path found while a delegated CRL signer's
/// clean CRL hid the CA's revoking one is not reused once that CRL signer's
/// certificate has expired (or is no longer supplied).
#[test]
fn a_path_resting_on_an_expired_crl_signer_is_not_reused() {
    let w = world();
    // The delegated signer's clean CRL first, as a caller may well list it.
    let crls = vec![w.crls[1].clone(), w.crls[0].clone(), w.crls[3].clone()];
    // The CA and the short-lived delegated signer (valid to day 40).
    let verifier = verifier(&w)
        .with_crls(crls.clone())
        .with_intermediates(vec![w.intermediates[0].clone(), w.intermediates[1].clone()]);
    let request = |at: Time| {
        Request::new(
            &w.envelopes[1],
            Content::Detached(DOCUMENT),
            Jurisdiction::PK,
            at,
        )
    };
    // Day 30: the delegated clean CRL (newest) decides: accepted.
    let first = verifier.verify(request(day(30)));
    assert!(first.verdict.accepted, "{first}");
    // Day 50: the delegated signer has expired; its CRL no longer counts and
    // the CA's own CRL shows s2 revoked.
    let later = verifier.verify(request(day(50)));
    assert_eq!(
        later.signatures[0].validity.sub_indication,
        Some(SubIndication::RevokedNoPoe),
        "{later}"
    );
    // The delegated signer withdrawn from the pool at day 30: same refusal.
    let without = verifier
        .with_intermediates(vec![w.intermediates[0].clone()])
        .verify(request(day(30)));
    assert_eq!(
        without.signatures[0].validity.sub_indication,
        Some(SubIndication::RevokedNoPoe),
        "{without}"
    );
}

/// Item 1 end to end: a foreign root's look-alike of the issuing CA signs a
/// clean CRL; through `Verifier::verify` the revoked signer stays revoked
/// (RFC 5280 §6.3.3 (f)), whatever the order the CRLs come in.
#[test]
fn a_foreign_lookalike_crl_does_not_hide_a_revocation() {
    let w = world();
    for crls in [
        vec![w.crls[4].clone(), w.crls[0].clone()],
        vec![w.crls[0].clone(), w.crls[4].clone()],
    ] {
        let verifier = verifier(&w)
            .with_crls(crls)
            .with_intermediates(vec![w.intermediates[0].clone(), w.intermediates[3].clone()]);
        let report = verifier.verify(Request::new(
            &w.envelopes[1],
            Content::Detached(DOCUMENT),
            Jurisdiction::PK,
            day(30),
        ));
        assert!(!report.verdict.accepted, "{report}");
        assert_eq!(
            report.signatures[0].validity.sub_indication,
            Some(SubIndication::RevokedNoPoe),
            "{report}"
        );
    }
}
