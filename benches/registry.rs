//! Registry benchmarks: loading a registry file, and looking anchors up by
//! id, subject and key identifier. The claim measured: lookups go through
//! hash indexes, so their time stays flat from 10 to 10,000 anchors.
//!
//! ```sh
//! cargo bench --bench registry
//! ```
//!
//! The registries are synthetic, generated as registry-file JSON text and
//! loaded with `Registry::from_json` (the public way to build anchors from a
//! raw DER name: `DistinguishedName` has no public constructor). Anchor `i`
//! is listed by `jurisdiction[i % J]`, with `J = min(n, 200)` jurisdictions
//! coded AA, AB, … HR, each with the vocabulary ["basic", "high"], and an
//! agreement from each jurisdiction to the next.
//!
//! Every anchor is in the `name_and_key` form, so no key generation is
//! needed:
//! - the subject is a hand-built DER `Name`, CN = `anchor-<i>`;
//! - anchors 0..7 take the keys of the seven test-PKI roots
//!   (`testdata/pki/*/root.pem`) unchanged; every other anchor takes the KZ
//!   root's RSA key with the low bytes of its modulus replaced by a counter
//!   (still odd, still 2048 bits). `PublicKeyInfo::from_der` checks the
//!   encoding, not the arithmetic, and nothing here verifies a signature.
//!
//! So every anchor has a distinct key and hence a distinct key identifier
//! (anchors without a certificate are indexed by the SHA-1 of their key
//! bits, RFC 5280 §4.2.1.2 method 1): each key-id bucket holds one anchor,
//! as in a real registry. The key-id hit looks up the KZ root's SKI, which
//! the test PKI derives by that same method, and finds `anchor-3`; the miss
//! looks up `b"absent"`.

use std::hint::black_box;

use base64::Engine;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};
use sigbridge::registry::Registry;
use sigbridge::{Certificate, load_certificates};

/// The test-PKI roots, in this order: anchors 0..7 take their keys.
const ROOTS: [&str; 7] = ["cn", "eu", "in", "kz", "pk", "ru", "uz"];
/// The anchor whose key is the KZ root's: the fixed lookup target.
const TARGET: usize = 3;
const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];
const MAX_JURISDICTIONS: usize = 200;

fn root(dir: &str) -> Certificate {
    let pem = std::fs::read(format!("testdata/pki/{dir}/root.pem")).expect("test-PKI root");
    load_certificates(&pem).expect("root parses").remove(0)
}

/// A DER length (short or long form).
fn der_len(n: usize) -> Vec<u8> {
    if n < 0x80 {
        vec![u8::try_from(n).expect("short length")]
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        let mut out = vec![0x80 | u8::try_from(bytes.len()).expect("length of length")];
        out.extend(bytes);
        out
    }
}

fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    out.extend(der_len(value.len()));
    out.extend_from_slice(value);
    out
}

/// `SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, UTF8String cn } } }`.
fn name_der(cn: &str) -> Vec<u8> {
    let oid_cn = tlv(0x06, &[0x55, 0x04, 0x03]);
    let attribute = tlv(0x30, &[oid_cn, tlv(0x0c, cn.as_bytes())].concat());
    tlv(0x30, &tlv(0x31, &attribute))
}

/// The KZ root's SubjectPublicKeyInfo with the last four modulus bytes set
/// to `2 * i + 1`. The RSAPublicKey ends with the modulus and then the
/// exponent INTEGER 65537 (`02 03 01 00 01`), which stays as it is.
fn synthetic_key(kz_spki: &[u8], i: usize) -> Vec<u8> {
    const EXPONENT: [u8; 5] = [0x02, 0x03, 0x01, 0x00, 0x01];
    assert!(
        kz_spki.ends_with(&EXPONENT),
        "KZ root key is RSA, e = 65537"
    );
    let end = kz_spki.len() - EXPONENT.len();
    let mut key = kz_spki.to_vec();
    let counter = u32::try_from(2 * i + 1).expect("small counter");
    key[end - 4..end].copy_from_slice(&counter.to_be_bytes());
    key
}

fn code(k: usize) -> String {
    let letter = |x: usize| char::from(b'A' + u8::try_from(x).expect("letter"));
    format!("{}{}", letter(k / 26), letter(k % 26))
}

/// Registry-file JSON text with `n` anchors. Anchors 0..7 carry the real
/// test-PKI roots' names and keys, so test-PKI documents chain to them.
fn registry_json(n: usize, real: &[(Vec<u8>, Vec<u8>)], kz_spki: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let jurisdictions = n.min(MAX_JURISDICTIONS);
    let mut anchors: Vec<Vec<Value>> = vec![Vec::new(); jurisdictions];
    for (i, bucket) in (0..n).map(|i| (i, i % jurisdictions)) {
        let (name, key) = match real.get(i) {
            Some((name, key)) => (name.clone(), key.clone()),
            None => (name_der(&format!("anchor-{i}")), synthetic_key(kz_spki, i)),
        };
        anchors[bucket].push(json!({
            "id": format!("anchor-{i}"),
            "service": "synthetic benchmark anchor",
            "levels": ["basic", "high"],
            "status": [{"status": "granted", "from": "2020-01-01T00:00:00Z"}],
            "name_and_key": {
                "subject": b64.encode(name),
                "public_key": b64.encode(key),
            },
        }));
    }
    let jurisdiction_entries: Vec<Value> = anchors
        .into_iter()
        .enumerate()
        .map(|(k, anchors)| {
            json!({
                "code": code(k),
                "name": format!("Jurisdiction {}", code(k)),
                "levels": ["basic", "high"],
                "anchors": anchors,
            })
        })
        .collect();
    let agreements: Vec<Value> = (1..jurisdictions)
        .map(|k| {
            json!({
                "id": format!("{}-recognises-{}", code(k), code(k - 1)),
                "relying": code(k),
                "issuing": code(k - 1),
                "documents": "all",
                "mapping": {"basic": "basic", "high": "high"},
                "in_force_from": "2021-01-01T00:00:00Z",
                "status": [{"status": "enacted", "from": "2021-01-01T00:00:00Z"}],
                "legal_reference": "synthetic",
            })
        })
        .collect();
    serde_json::to_string_pretty(&json!({
        "format": sigbridge::registry::FORMAT,
        "label": format!("SYNTHETIC benchmark registry, {n} anchors"),
        "jurisdictions": jurisdiction_entries,
        "agreements": agreements,
    }))
    .expect("JSON")
}

struct Fixture {
    /// (subject DER, SubjectPublicKeyInfo DER) of the test-PKI roots.
    real: Vec<(Vec<u8>, Vec<u8>)>,
    kz_spki: Vec<u8>,
    kz_ski: Vec<u8>,
}

fn fixture() -> Fixture {
    let roots: Vec<Certificate> = ROOTS.iter().map(|d| root(d)).collect();
    let kz = &roots[TARGET];
    Fixture {
        real: roots
            .iter()
            .map(|c| (c.subject().raw_der().to_vec(), c.spki_der().to_vec()))
            .collect(),
        kz_spki: kz.spki_der().to_vec(),
        kz_ski: kz.subject_key_id().expect("KZ root has an SKI").to_vec(),
    }
}

fn registry_load(c: &mut Criterion) {
    let f = fixture();
    let mut group = c.benchmark_group("registry_load");
    group.sample_size(10);
    for n in [1_000, 10_000] {
        let text = registry_json(n, &f.real, &f.kz_spki);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| Registry::from_json(black_box(text)).expect("loads"));
        });
    }
    group.finish();
}

fn anchor_lookup(c: &mut Criterion) {
    let f = fixture();
    let target_id = format!("anchor-{TARGET}");
    let mut group = c.benchmark_group("anchor_lookup");
    for n in SIZES {
        let registry = Registry::from_json(&registry_json(n, &f.real, &f.kz_spki))
            .expect("synthetic registry loads");
        let (_, listing) = registry.anchor(&target_id).expect("target listed");
        let subject = listing.anchor.name().clone();
        // The set-up is what it claims: one anchor per subject and per key id.
        assert_eq!(registry.anchors_by_subject(&subject).len(), 1);
        let by_key = registry.anchors_by_key_id(&f.kz_ski);
        assert_eq!(by_key.len(), 1, "KZ root SKI finds exactly one anchor");
        assert_eq!(by_key[0].1.id, target_id);
        assert!(registry.anchors_by_key_id(b"absent").is_empty());

        group.bench_with_input(BenchmarkId::new("by_id", n), &target_id, |b, id| {
            b.iter(|| registry.anchor(black_box(id)).map(|(j, _)| j));
        });
        group.bench_with_input(BenchmarkId::new("by_subject", n), &subject, |b, name| {
            b.iter(|| registry.anchors_by_subject(black_box(name)).len());
        });
        group.bench_with_input(BenchmarkId::new("by_key_id_hit", n), &f.kz_ski, |b, k| {
            b.iter(|| registry.anchors_by_key_id(black_box(k)).len());
        });
        group.bench_with_input(BenchmarkId::new("by_key_id_miss", n), b"absent", |b, k| {
            b.iter(|| registry.anchors_by_key_id(black_box(k)).len());
        });
    }
    group.finish();
}

/// One document verified (cold: no path cache) against registries of 10
/// and 10,000 anchors: the anchor index makes the cost independent of size.
fn verify_by_registry_size(c: &mut Criterion) {
    use sigbridge::crypto::SoftwareSigner;
    use sigbridge::envelope::{Envelope, SignatureOptions};
    use sigbridge::verify::{Content, Request, Verifier};
    use sigbridge::{DocumentType, Time};

    let f = fixture();
    let chain = load_certificates(&std::fs::read("testdata/pki/kz/chain-ceo.pem").expect("chain"))
        .expect("chain parses");
    let key = std::fs::read("testdata/pki/kz/ceo.key").expect("key");
    let signer = SoftwareSigner::from_pkcs8_pem(&key, chain[0].clone())
        .expect("signer")
        .with_chain(vec![chain[1].clone()]);
    let at: Time = "2025-06-01T00:00:00Z".parse().expect("time");
    let doc = b"<Invoice/>";
    let p7s = Envelope::sign_detached(
        doc,
        &signer,
        &SignatureOptions::new(at)
            .document_type(DocumentType::COMMERCIAL_INVOICE)
            .include_chain(true),
    )
    .expect("signs")
    .to_der();
    let mut group = c.benchmark_group("verify_by_registry_size");
    for n in [10, 10_000] {
        let registry = Registry::from_json(&registry_json(n, &f.real, &f.kz_spki))
            .expect("synthetic registry loads");
        let relying = sigbridge::Jurisdiction::from_code(&code(TARGET % n.min(MAX_JURISDICTIONS)))
            .expect("code");
        // A synthetic vocabulary: the sample policies do not apply to it.
        let verifier = Verifier::without_sample_policies(&registry).with_path_cache(0);
        let report = verifier.verify(Request::new(&p7s, Content::Detached(doc), relying, at));
        assert_eq!(
            report.signatures[0].validity.indication,
            sigbridge::verify::Indication::TotalPassed,
            "{report}"
        );
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                verifier.verify(Request::new(
                    black_box(&p7s),
                    Content::Detached(doc),
                    relying,
                    at,
                ))
            });
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    registry_load,
    anchor_lookup,
    verify_by_registry_size
);
criterion_main!(benches);
