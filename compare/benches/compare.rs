//! sigbridge against OpenSSL's `CMS_verify`, side by side in one process,
//! one run, the same documents, interleaved.
//!
//! ```text
//! cargo bench --manifest-path compare/Cargo.toml            # pure Rust sigbridge
//! cargo bench --manifest-path compare/Cargo.toml --features aws-lc
//! ```
//!
//! CAdES-B-B documents (1 KiB) signed by sigbridge with RSA-2048 and P-256
//! keys under a 3-certificate chain (root → intermediate → signer; signer
//! and intermediate in the envelope, the roots trusted by both sides):
//!
//! - **warm**: the same signer chain again and again, as at a customs office
//!   receiving many documents from one exporter (sigbridge's verified-path
//!   cache on);
//! - **cold**: a different chain for every document of a round, and
//!   sigbridge's path cache off, so nothing is reused.
//!
//! sigbridge does the whole job (envelope, path, profile, policy,
//! recognition, report); OpenSSL verifies the CMS signature and the chain.
//! Each round times all documents on one side, then on the other, the order
//! alternating; the figures are medians over rounds. The crypto floor is
//! the time of one document's signature verifications (three cold, with
//! every key parsed; the signer's only warm, with its key prepared once)
//! and its hashing, with sigbridge's own primitives.
//! The last lines are `ratio_warm`, `ratio_cold` (sigbridge throughput ÷
//! OpenSSL throughput, geometric mean over the two key types) and the
//! overheads over the floor.

use std::hint::black_box;
use std::time::{Duration, Instant};

use openssl::asn1::Asn1Time;
use openssl::bn::{BigNum, MsbOption};
use openssl::cms::{CMSOptions, CmsContentInfo};
use openssl::ec::{EcGroup, EcKey};
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Rsa;
use openssl::x509::extension::{
    AuthorityKeyIdentifier, BasicConstraints, KeyUsage, SubjectKeyIdentifier,
};
use openssl::x509::store::{X509Store, X509StoreBuilder};
use openssl::x509::{X509, X509Builder, X509NameBuilder};
use sigbridge::crypto::{SoftwareSigner, Verifiers};
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Request, Verifier};
use sigbridge::{Certificate, DocumentType, HashAlgorithm, Jurisdiction, Time};

/// Distinct chains per key type for the cold case (one per document of a round).
const CHAINS: usize = 24;
/// Documents per round.
const DOCS: usize = 24;
/// Rounds (each side timed once per round).
const ROUNDS: usize = 21;

#[derive(Clone, Copy)]
enum Kind {
    Rsa2048,
    P256,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Rsa2048 => "RSA-2048",
            Kind::P256 => "P-256",
        }
    }

    fn key(self) -> PKey<Private> {
        match self {
            Kind::Rsa2048 => PKey::from_rsa(Rsa::generate(2048).expect("rsa")).expect("pkey"),
            Kind::P256 => {
                let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).expect("curve");
                PKey::from_ec_key(EcKey::generate(&group).expect("ec")).expect("pkey")
            }
        }
    }
}

struct Chain {
    root: X509,
    intermediate: X509,
    signer: SoftwareSigner,
    /// DER of signer and intermediate, for the floor.
    signer_cert: Certificate,
    intermediate_cert: Certificate,
    root_cert: Certificate,
}

fn certificate(
    subject: &str,
    key: &PKey<Private>,
    issuer: Option<(&X509, &PKey<Private>)>,
    ca: bool,
) -> X509 {
    let mut name = X509NameBuilder::new().expect("name");
    name.append_entry_by_text("C", "US").expect("C");
    name.append_entry_by_text("O", "sigbridge benchmark")
        .expect("O");
    name.append_entry_by_text("CN", subject).expect("CN");
    let name = name.build();
    let mut b = X509Builder::new().expect("builder");
    b.set_version(2).expect("version");
    let mut serial = BigNum::new().expect("bn");
    serial
        .rand(120, MsbOption::MAYBE_ZERO, false)
        .expect("rand");
    b.set_serial_number(&serial.to_asn1_integer().expect("serial"))
        .expect("serial");
    b.set_subject_name(&name).expect("subject");
    b.set_pubkey(key).expect("key");
    b.set_not_before(&Asn1Time::from_unix(1_767_225_600).expect("t")) // 2026-01-01
        .expect("nb");
    b.set_not_after(&Asn1Time::from_unix(2_082_758_400).expect("t")) // 2036-01-01
        .expect("na");
    let (issuer_cert, issuer_key) = match issuer {
        Some((c, k)) => (Some(c), k),
        None => (None, key),
    };
    b.set_issuer_name(issuer_cert.map_or(&name, |c| c.subject_name()))
        .expect("issuer");
    let bc = if ca {
        BasicConstraints::new().critical().ca().build()
    } else {
        BasicConstraints::new().critical().build()
    }
    .expect("bc");
    b.append_extension(bc).expect("bc");
    let ku = if ca {
        KeyUsage::new()
            .critical()
            .key_cert_sign()
            .crl_sign()
            .build()
    } else {
        KeyUsage::new()
            .critical()
            .digital_signature()
            .non_repudiation()
            .build()
    }
    .expect("ku");
    b.append_extension(ku).expect("ku");
    let ski = SubjectKeyIdentifier::new()
        .build(&b.x509v3_context(issuer_cert.map(|c| &**c), None))
        .expect("ski");
    b.append_extension(ski).expect("ski");
    if issuer_cert.is_some() {
        let aki = AuthorityKeyIdentifier::new()
            .keyid(true)
            .build(&b.x509v3_context(issuer_cert.map(|c| &**c), None))
            .expect("aki");
        b.append_extension(aki).expect("aki");
    }
    b.sign(issuer_key, MessageDigest::sha256()).expect("sign");
    b.build()
}

fn chain(kind: Kind, i: usize) -> Chain {
    let (rk, ik, sk) = (kind.key(), kind.key(), kind.key());
    let root = certificate(&format!("Root {} {i}", kind.name()), &rk, None, true);
    let intermediate = certificate(
        &format!("Intermediate {} {i}", kind.name()),
        &ik,
        Some((&root, &rk)),
        true,
    );
    let signer_x509 = certificate(
        &format!("Exporter {} {i}", kind.name()),
        &sk,
        Some((&intermediate, &ik)),
        false,
    );
    let cert = |x: &X509| Certificate::from_der(&x.to_der().expect("der")).expect("parse");
    let (signer_cert, intermediate_cert, root_cert) =
        (cert(&signer_x509), cert(&intermediate), cert(&root));
    let pkcs8 = sk.private_key_to_pem_pkcs8().expect("pkcs8");
    let signer = SoftwareSigner::from_pkcs8_pem(&pkcs8, signer_cert.clone())
        .expect("signer")
        .with_chain(vec![intermediate_cert.clone()]);
    Chain {
        root,
        intermediate,
        signer,
        signer_cert,
        intermediate_cert,
        root_cert,
    }
}

fn us() -> Jurisdiction {
    Jurisdiction::from_code("US").expect("a jurisdiction code")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn per_doc(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6 / DOCS as f64
}

struct Figures {
    sigbridge: f64,
    openssl: f64,
    floor: f64,
}

/// Times both sides over `docs`, interleaved, and returns medians in µs per document.
fn race(
    verifier: &Verifier,
    store: &X509Store,
    docs: &[Vec<u8>],
    content: &[u8],
    at: Time,
    floor: &dyn Fn(usize),
) -> Figures {
    let ours = |docs: &[Vec<u8>]| {
        let start = Instant::now();
        for p7s in docs {
            let report = verifier.verify(Request::new(p7s, Content::Detached(content), us(), at));
            assert!(report.verdict.accepted, "{report}");
            black_box(report);
        }
        start.elapsed()
    };
    let theirs = |docs: &[Vec<u8>]| {
        let start = Instant::now();
        for p7s in docs {
            let mut cms = CmsContentInfo::from_der(p7s).expect("openssl parses");
            let mut out = Vec::new();
            cms.verify(
                None,
                Some(store),
                Some(content),
                Some(&mut out),
                CMSOptions::BINARY,
            )
            .expect("openssl verifies");
            black_box(out);
        }
        start.elapsed()
    };
    // One untimed pass each (and the cache, when on, filled).
    ours(docs);
    theirs(docs);
    let (mut a, mut b, mut f) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        if round % 2 == 0 {
            a.push(ours(docs));
            b.push(theirs(docs));
        } else {
            b.push(theirs(docs));
            a.push(ours(docs));
        }
        let start = Instant::now();
        for i in 0..docs.len() {
            floor(i);
        }
        f.push(start.elapsed());
    }
    Figures {
        sigbridge: per_doc(median(a)),
        openssl: per_doc(median(b)),
        floor: per_doc(median(f)),
    }
}

/// The cryptographic work of one document: its signer's signature over the
/// signed attributes, the content hash, and (cold) the two certificate signatures.
fn crypto_floor(env: &Envelope, content: &[u8], chain: &Chain, with_chain: bool) {
    let si = &env.signer_infos()[0];
    let digest = HashAlgorithm::from_oid(&si.digest_algorithm().oid).expect("digest");
    black_box(digest.digest(content));
    let v = Verifiers::builtin();
    let cert = &chain.signer_cert;
    let signed = si.signed_attributes_der().expect("signed attributes");
    if with_chain {
        // Cold: every key is new, so it is parsed and prepared here.
        black_box(
            v.verify(cert.spki_der(), &cert_alg(env), signed, si.signature())
                .expect("signer signature"),
        );
    } else {
        // Warm: the signer's key is parsed and prepared once, as a warm
        // verifier may (its certificate caches it).
        let key = cert.public_key_info().expect("key");
        black_box(
            v.verify_with(
                &key,
                &cert_alg(env),
                signed,
                si.signature(),
                &sigbridge::crypto::VerifyOptions::default(),
            )
            .expect("signer signature"),
        );
    }
    if with_chain {
        for (child, parent) in [
            (&chain.signer_cert, &chain.intermediate_cert),
            (&chain.intermediate_cert, &chain.root_cert),
        ] {
            black_box(
                v.verify(
                    parent.spki_der(),
                    child.signature_algorithm_identifier(),
                    child.tbs_der(),
                    child.signature_value(),
                )
                .expect("certificate signature"),
            );
        }
    }
}

/// The signature algorithm the SignerInfo declares (sigbridge writes full ones).
fn cert_alg(env: &Envelope) -> sigbridge::crypto::AlgorithmIdentifier {
    env.signer_infos()[0].signature_algorithm().clone()
}

fn main() {
    let at = Time::from_unix(1_795_424_400); // 2026-11-23T09:00:00Z
    let content: Vec<u8> = (0..1024u32).map(|i| (i * 31 % 251) as u8).collect();
    let options = SignatureOptions::new(at)
        .document_type(DocumentType::COMMERCIAL_INVOICE)
        .include_chain(true);
    let mut ratios_warm = Vec::new();
    let mut ratios_cold = Vec::new();
    let mut overhead_warm = Vec::new();
    let mut overhead_cold = Vec::new();
    println!(
        "sigbridge vs OpenSSL {} CMS_verify; {DOCS} documents of 1 KiB per round, {ROUNDS} rounds, medians in µs per document",
        openssl::version::version()
    );
    for kind in [Kind::Rsa2048, Kind::P256] {
        let chains: Vec<Chain> = (0..CHAINS).map(|i| chain(kind, i)).collect();
        let roots: Vec<Certificate> = chains.iter().map(|c| c.root_cert.clone()).collect();
        let registry = Registry::ad_hoc(us(), &roots, vec!["trusted".into()]).expect("registry");
        let mut store = X509StoreBuilder::new().expect("store");
        for c in &chains {
            store.add_cert(c.root.clone()).expect("root");
            let _ = &c.intermediate;
        }
        let store = store.build();
        let sign =
            |c: &Chain| Envelope::sign_detached(&content, &c.signer, &options).expect("sign");
        let warm_env: Vec<Envelope> = (0..DOCS).map(|_| sign(&chains[0])).collect();
        let cold_env: Vec<Envelope> = (0..DOCS).map(|i| sign(&chains[i % CHAINS])).collect();
        let warm_docs: Vec<Vec<u8>> = warm_env.iter().map(Envelope::to_der).collect();
        let cold_docs: Vec<Vec<u8>> = cold_env.iter().map(Envelope::to_der).collect();

        let cached = Verifier::new(&registry).expect("sample policies fit");
        let uncached = Verifier::new(&registry)
            .expect("sample policies fit")
            .with_path_cache(0);
        let warm = race(&cached, &store, &warm_docs, &content, at, &|i| {
            crypto_floor(&warm_env[i], &content, &chains[0], false)
        });
        let cold = race(&uncached, &store, &cold_docs, &content, at, &|i| {
            crypto_floor(&cold_env[i], &content, &chains[i % CHAINS], true)
        });
        for (case, f) in [("warm", &warm), ("cold", &cold)] {
            println!(
                "{:>8} {case}: sigbridge {:8.1} µs  OpenSSL {:8.1} µs  ratio {:5.2}  crypto floor {:8.1} µs  overhead {:5.2}",
                kind.name(),
                f.sigbridge,
                f.openssl,
                f.openssl / f.sigbridge,
                f.floor,
                f.sigbridge / f.floor
            );
        }
        ratios_warm.push(warm.openssl / warm.sigbridge);
        ratios_cold.push(cold.openssl / cold.sigbridge);
        overhead_warm.push(warm.sigbridge / warm.floor);
        overhead_cold.push(cold.sigbridge / cold.floor);
        println!("         path cache: {:?}", cached.cache_stats());
    }
    let geo = |v: &[f64]| v.iter().product::<f64>().powf(1.0 / v.len() as f64);
    println!("overhead_warm={:.2}", geo(&overhead_warm));
    println!("overhead_cold={:.2}", geo(&overhead_cold));
    println!("ratio_warm={:.2}", geo(&ratios_warm));
    println!("ratio_cold={:.2}", geo(&ratios_cold));
}
