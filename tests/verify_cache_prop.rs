//! The path cache never changes a verdict (issue 12 item 2): a caching
//! verifier and a cold one give identical reports over random sequences of
//! requests — validation times around every validity and CRL boundary,
//! CRL sets with delegated and foreign CRL signers, intermediates supplied
//! or withheld, relying jurisdictions with and without a revocation
//! requirement and one the registry does not know — and envelopes carrying
//! signature-time-stamps (by a listed TSA unit, a listed one that expires
//! within the time span, and an unlisted one) made at times around the
//! signers' and the TSA's validity windows, the signer's revocation and the
//! TSA listing's withdrawal, with CRLs over the TSA units: so that the TSA
//! path cache, the proofs of existence and the paths judged at a
//! best-signature-time are exercised as well.
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
    Registry, ServiceKind, StatusChange, TsaAcceptance,
};
use sigbridge::tsp::SoftwareTsa;
use sigbridge::verify::{
    Content, Indication, Request, SubIndication, VerificationReport, Verifier,
};
use sigbridge::{Certificate, DocumentType, HashAlgorithm, Jurisdiction, Oid, Time};

const DOCUMENT: &[u8] = b"<CertificateOfOrigin number='CO-7'/>";
const TSA_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1");
/// The default seed of the property (and of the time-stamped envelopes).
const DEFAULT_SEED: u64 = 0x005e_ed12;
/// Time-stamped variants of the four base envelopes in a world.
const STAMPED: usize = 24;
/// The TSA units of `testdata/pki/tsa` that stamp: listed (to 2049), listed
/// and expiring at the end of 2027 (day 730), and one the registry does not list.
const UNITS: [&str; 3] = ["eu-tsu", "eu-tsu-short", "rogue-tsu"];
/// Serial of `tsa/eu-tsu-short.pem` (0x7104), revoked by a CRL of the TSA root.
const SHORT_UNIT_SERIAL: u64 = 0x7104;

/// The PKI, registry and pre-made envelopes and CRLs the requests draw on.
struct World {
    registry: Registry,
    /// Envelopes: s1 with its CA, s2 with its CA, s1 without any chain, s1
    /// and s2 co-signed; then [`STAMPED`] of those with signature-time-stamps.
    envelopes: Vec<Vec<u8>>,
    /// What each time-stamped envelope carries (for a failure message).
    stamps: Vec<String>,
    /// Candidate caller intermediates.
    intermediates: Vec<Certificate>,
    /// Candidate caller CRLs.
    crls: Vec<Crl>,
}

fn world() -> World {
    world_stamped(DEFAULT_SEED)
}

impl World {
    /// Envelope `i` in words (the time-stamps it carries).
    fn describe(&self, i: usize) -> String {
        match i.checked_sub(4).and_then(|k| self.stamps.get(k)) {
            Some(stamps) => format!("{i}: {stamps}"),
            None => format!("{i}: base envelope"),
        }
    }
}

/// A TSA over the test unit `testdata/pki/tsa/<unit>`, answering at `at`.
fn tsa(unit: &str, at: Time) -> SoftwareTsa {
    let cert = Certificate::from_pem(&common::read(&common::local(&format!(
        "pki/tsa/{unit}.pem"
    ))))
    .unwrap();
    let key = common::read(&common::local(&format!("pki/tsa/{unit}.key")));
    SoftwareTsa::new(
        SoftwareSigner::from_pkcs8_pem(&key, cert).unwrap(),
        TSA_POLICY,
        at,
    )
}

/// A time-stamp's genTime: on, just before or just after a boundary of the
/// signers' validity (s1 from day -200 to 300, s2 from -100 to 600), the
/// signing time (15), s2's revocation (10), the short-lived TSA unit's
/// revocation (200) and expiry (day 730, 2028-01-01T00:00:00Z), the TSA
/// listing's withdrawal (500); or anywhere from day -300 to 800.
fn stamp_time(rng: &mut Rng) -> Time {
    const BOUNDARIES: [i64; 10] = [-200, -100, 10, 15, 200, 300, 500, 600, 729, 730];
    let t = match rng.below(3) {
        0 => day(-300 + rng.below(1100) as i64),
        _ => day(BOUNDARIES[rng.below(BOUNDARIES.len())]),
    };
    let nudge = [-1i64, 0, 0, 1][rng.below(4)];
    Time::from_unix(t.unix_seconds() + nudge)
}

/// [`STAMPED`] envelopes: one of the four base ones (`base`), each of its
/// SignerInfos or one of them stamped, once or twice, by random units at
/// random times, with SHA-256 or SHA-384 imprints; and what each carries.
fn stamped_envelopes(base: &[Envelope], rng: &mut Rng) -> (Vec<Vec<u8>>, Vec<String>) {
    let mut envelopes = Vec::new();
    let mut what = Vec::new();
    for _ in 0..STAMPED {
        let b = rng.below(base.len());
        let mut env = base[b].clone();
        let mut text = format!("envelope {b}");
        for _ in 0..1 + rng.below(2) {
            let unit = UNITS[rng.below(UNITS.len())];
            let at = stamp_time(rng);
            let hash = [HashAlgorithm::Sha256, HashAlgorithm::Sha384][rng.below(2)];
            let signers = env.signer_infos().len();
            let on = rng.below(signers + 1);
            env = if on == signers {
                env.add_signature_timestamps(&tsa(unit, at), hash)
            } else {
                env.add_signature_timestamp(on, &tsa(unit, at), hash)
            }
            .unwrap();
            let on = if on == signers {
                "all".to_string()
            } else {
                on.to_string()
            };
            text.push_str(&format!(", {unit} at {at} on {on} ({hash:?})"));
        }
        envelopes.push(env.to_der());
        what.push(text);
    }
    (envelopes, what)
}

/// The world, with the time-stamped envelopes drawn from `seed`.
fn world_stamped(seed: u64) -> World {
    let root_key = Key::fixture("ru", "root");
    let ca_key = Key::fixture("ru", "ca");
    let delegated_key = Key::fixture("kz", "ca");
    let s1_key = Key::fixture("ru", "person");
    let s2_key = Key::fixture("ru", "ip");
    let foreign_key = Key::fixture("kz", "root");
    let lookalike_key = Key::fixture("kz", "employee");
    let tsa_root_key = Key::fixture("tsa", "eu-tsa-root");
    let tsa_root =
        Certificate::from_pem(&common::read(&common::local("pki/tsa/eu-tsa-root.pem"))).unwrap();
    let tsa_root_name = tsa_root.subject().raw_der().to_vec();

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
        // The TSA root's CRLs: clean until day 150; then eu-tsu-short
        // revoked from day 200.
        certgen::crl(&tsa_root_name, &tsa_root_key, day(-30), day(150), &[], 1),
        certgen::crl(
            &tsa_root_name,
            &tsa_root_key,
            day(210),
            day(1000),
            &[(SHORT_UNIT_SERIAL, day(200))],
            2,
        ),
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
    let base = [e1, e2, e3, e4];
    let mut envelopes: Vec<Vec<u8>> = base.iter().map(Envelope::to_der).collect();
    // The stamps from their own stream, so that the requests drawn from
    // `seed` do not depend on how many draws the stamps took.
    let (stamped, stamps) = stamped_envelopes(&base, &mut Rng(seed ^ 0x7157_a3b5));
    envelopes.extend(stamped);

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
        timestamp_levels: vec!["qualified-time-stamp".into()],
        members: vec![],
        anchors: vec![
            AnchorListing {
                id: "uz-root".into(),
                kind: ServiceKind::CertificateAuthority,
                anchor: TrustAnchor::from_certificate(&root).unwrap(),
                service: "test root".into(),
                levels: vec!["basic".into()],
                status: granted(day(-800)),
            },
            // The test TSA root, withdrawn from day 500: a time-stamp made
            // after that is not recognised.
            AnchorListing {
                id: "uz-tsa".into(),
                kind: ServiceKind::TimeStamping,
                anchor: TrustAnchor::from_certificate(&tsa_root).unwrap(),
                service: "test time-stamping".into(),
                levels: vec!["qualified-time-stamp".into()],
                status: vec![
                    StatusChange {
                        status: ListingStatus::Granted,
                        from: day(-800),
                    },
                    StatusChange {
                        status: ListingStatus::Withdrawn,
                        from: day(500),
                    },
                ],
            },
        ],
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
        stamps,
        intermediates: vec![ca, delegated_short, delegated_long, lookalike],
        crls,
    }
}

/// UZ requires revocation information and takes only its own TSAs; PK
/// takes those of its partners (UZ, through the agreement; the default).
fn policies() -> Vec<JurisdictionPolicy> {
    let mut uz = JurisdictionPolicy::baseline(Jurisdiction::UZ, &["basic".into()]);
    uz.revocation_required = true;
    uz.timestamps.accept = TsaAcceptance::Own;
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

/// A validation time: on, just before or just after a boundary (the
/// signers', CA's, CRL signers' and CRLs' validity, the TSA CRLs', the TSA
/// listing's withdrawal at 500, the short-lived TSA unit's expiry at day
/// 730), or anywhere.
fn time(rng: &mut Rng) -> Time {
    const BOUNDARIES: [i64; 19] = [
        -500, -200, -100, -30, -10, 10, 12, 20, 40, 100, 150, 200, 210, 300, 400, 500, 600, 730,
        900,
    ];
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

/// What a run saw: cache use, verdicts, and how far the time-stamps went.
#[derive(Debug, Default)]
struct Tally {
    hits: u64,
    accepted: usize,
    refused: usize,
    /// Signature reports with at least one time-stamp.
    stamped: usize,
    /// Time-stamps valid (token, imprint, TSA path to a TSA anchor).
    valid_stamps: usize,
    /// Time-stamps not valid (unlisted, revoked or expired unit, …).
    invalid_stamps: usize,
    /// Signatures whose best-signature-time came from a proof of existence.
    with_poe: usize,
    /// Of those, signatures that passed.
    passed_with_poe: usize,
}

impl Tally {
    fn count(&mut self, reports: &[VerificationReport]) {
        for r in reports {
            if r.verdict.accepted {
                self.accepted += 1;
            } else {
                self.refused += 1;
            }
            for s in &r.signatures {
                if !s.timestamps.is_empty() {
                    self.stamped += 1;
                }
                let valid = s.timestamps.iter().filter(|t| t.valid).count();
                self.valid_stamps += valid;
                self.invalid_stamps += s.timestamps.len() - valid;
                if s.proof_of_existence.is_some() {
                    self.with_poe += 1;
                    if s.validity.indication == Indication::TotalPassed {
                        self.passed_with_poe += 1;
                    }
                }
            }
        }
    }
}

fn run(w: &World, seed: u64, sequences: usize) -> Tally {
    let mut rng = Rng(seed);
    let mut tally = Tally::default();
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
                "seed {seed}, sequence {n}, step {k} diverged.\nsteps: {:#?}\nenvelopes: {:#?}\ncached: {}\ncold: {}",
                &steps[..=k],
                steps[..=k]
                    .iter()
                    .map(|s| w.describe(s.envelope))
                    .collect::<Vec<_>>(),
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
            tally.count(&cold);
        }
        tally.hits += cached.cache_stats().hits;
    }
    tally
}

#[test]
fn caching_and_cold_verifiers_agree_on_random_request_sequences() {
    let seed = std::env::var("SIGBRIDGE_CACHE_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_SEED);
    let w = world_stamped(seed);
    let sequences = std::env::var("SIGBRIDGE_CACHE_SEQUENCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let t = run(&w, seed, sequences);
    eprintln!("{sequences} sequences: {t:?}");
    // The property is only worth something if the cache was used, both
    // verdicts occurred, and time-stamps were valid and not, gave proofs
    // of existence, and such signatures both passed and did not.
    assert!(t.hits > sequences as u64 / 4, "{t:?}");
    assert!(t.accepted > 0 && t.refused > 0, "{t:?}");
    if sequences >= 100 {
        assert!(t.valid_stamps > 0 && t.invalid_stamps > 0, "{t:?}");
        assert!(
            t.passed_with_poe > 0 && t.with_poe > t.passed_with_poe,
            "{t:?}"
        );
    }
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
