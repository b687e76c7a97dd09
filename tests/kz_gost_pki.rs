//! The Kazakh GOST test PKI of `testdata/pki/kz-gost/`: its generator and
//! its checks.
//!
//! OpenSSL (even with the gost engine) knows no Kazakh OIDs and no NCA
//! signature layout, so these chains are made by sigbridge's own signer:
//! the engine only generates the key pairs, on the curves the NCA uses
//! (CryptoPro-A for GOST 34.310-2004, tc26-512-A for GOST 34.10-2015-512);
//! the generator re-labels them with the Kazakh OIDs and issues root → CA →
//! signer under NCA-style profiles: IIN / BIN in the subject, NCA role EKUs,
//! the NCA subscriber policy 1.2.398.3.3.2.1 (legal entity, signing) under a
//! CA asserting anyPolicy, so that the signer reaches `nca-signing`.
//!
//! Regenerate (new keys; needs `openssl` and `libengine-gost-openssl`):
//! `SIGBRIDGE_GEN_KZ_GOST=1 cargo test --test kz_gost_pki generate -- --ignored`.

mod common;

use std::process::Command;

use common::certgen::{self, Key};
use common::der::{oid, tlv};
use common::{local, read};
use sigbridge::crypto::{SigningScheme, SoftwareSigner, Verifiers};
use sigbridge::path::Crl;
use sigbridge::profile::{self, RoleKind};
use sigbridge::{AssuranceLevel, Certificate, IdentifierScheme, KeyAlgorithm, Time};

/// One generation: directory, engine algorithm and parameter set, the
/// Kazakh key OID and its parameters, the scheme it signs with.
struct Generation {
    dir: &'static str,
    engine_algorithm: &'static str,
    engine_paramset: &'static str,
    key_oid: &'static str,
    curve_oid: &'static str,
    digest_oid: &'static str,
    scheme: SigningScheme,
    serial_base: u64,
}

const GENERATIONS: [Generation; 2] = [
    Generation {
        dir: "2004",
        engine_algorithm: "gost2012_256",
        engine_paramset: "A",
        key_oid: "1.2.398.3.10.1.1.1.1",
        curve_oid: "1.2.398.3.10.1.1.1.1.1",
        // GOST 34.311-95 parameter set, as the NCA's real 2004 root writes it.
        digest_oid: "1.2.398.3.10.1.3.1.1.0",
        scheme: SigningScheme::KzGost34310_2004,
        serial_base: 0x2004_0000,
    },
    Generation {
        dir: "2015",
        engine_algorithm: "gost2012_512",
        engine_paramset: "A",
        key_oid: "1.2.398.3.10.1.1.2.2",
        curve_oid: "1.2.398.3.10.1.1.2.2.1",
        digest_oid: "1.2.398.3.10.1.3.3",
        scheme: SigningScheme::KzGost3410_2015 { bits: 512 },
        serial_base: 0x2015_0000,
    },
];

const CEO_IIN: &str = "781105300450";
const BIN: &str = "150540012348";

fn path(g: &Generation, file: &str) -> std::path::PathBuf {
    local(&format!("pki/kz-gost/{}/{file}", g.dir))
}

fn utc(s: &str) -> Time {
    s.parse().unwrap()
}

fn cert(g: &Generation, name: &str) -> Certificate {
    Certificate::from_pem(&read(&path(g, &format!("{name}.pem")))).unwrap()
}

fn signer(g: &Generation, name: &str) -> SoftwareSigner {
    SoftwareSigner::from_pkcs8_pem(&read(&path(g, &format!("{name}.key"))), cert(g, name))
        .unwrap_or_else(|e| panic!("kz-gost/{}/{name}: {e}", g.dir))
}

// ---------------------------------------------------------------------------
// The checks (run in every `cargo test`).
// ---------------------------------------------------------------------------

#[test]
fn chains_verify_under_kazakh_oids() {
    for g in &GENERATIONS {
        let (root, ca, ceo) = (cert(g, "root"), cert(g, "ca"), cert(g, "ceo"));
        for (c, issuer, what) in [
            (&root, &root, "root"),
            (&ca, &root, "ca"),
            (&ceo, &ca, "ceo"),
        ] {
            let v = Verifiers::builtin()
                .verify(
                    issuer.spki_der(),
                    c.signature_algorithm_identifier(),
                    c.tbs_der(),
                    c.signature_value(),
                )
                .unwrap_or_else(|e| panic!("{}/{what}: {e}", g.dir));
            assert_eq!(
                sigbridge::SignatureAlgorithm::from_identifier(c.signature_algorithm_identifier()),
                v.algorithm
            );
        }
        assert_eq!(
            ceo.key_algorithm().clone(),
            match g.scheme {
                SigningScheme::KzGost34310_2004 => KeyAlgorithm::KzGost34310_2004 {
                    params: ceo_params(&ceo),
                },
                _ => KeyAlgorithm::KzGost3410_2015 {
                    bits: 512,
                    params: ceo_params(&ceo),
                },
            }
        );
        let crl = Crl::from_der(&read(&path(g, "ca.crl"))).unwrap();
        Verifiers::builtin()
            .verify(
                ca.spki_der(),
                crl.signature_algorithm(),
                crl.tbs_der(),
                crl.signature(),
            )
            .unwrap_or_else(|e| panic!("{}/ca.crl: {e}", g.dir));
        assert_eq!(crl.revoked().len(), 1);
        // The keys sign with the scheme of their generation.
        assert_eq!(signer(g, "ceo").scheme(), g.scheme);
    }
}

fn ceo_params(c: &Certificate) -> sigbridge::crypto::GostParams {
    match c.key_algorithm() {
        KeyAlgorithm::KzGost34310_2004 { params }
        | KeyAlgorithm::KzGost3410_2015 { params, .. } => params.clone(),
        other => panic!("not a KZ GOST key: {other}"),
    }
}

/// The KZ profile reads the signer as the NCA does: IIN, BIN, first head,
/// and the signing level from the subscriber policy.
#[test]
fn signers_have_the_nca_profile() {
    for g in &GENERATIONS {
        let r = profile::analyze(&cert(g, "ceo"));
        assert_eq!(
            r.identity
                .identifier(IdentifierScheme::KzIin)
                .map(|i| i.value.as_str()),
            Some(CEO_IIN)
        );
        assert_eq!(
            r.identity
                .identifier(IdentifierScheme::KzBin)
                .map(|i| i.value.as_str()),
            Some(BIN)
        );
        assert!(
            r.identity
                .roles
                .iter()
                .any(|x| x.kind == RoleKind::FirstHead),
            "{}",
            g.dir
        );
        assert_eq!(
            r.assurance.levels,
            vec![AssuranceLevel::KzNcaSigning],
            "{}",
            g.dir
        );
    }
}

// ---------------------------------------------------------------------------
// The generator.
// ---------------------------------------------------------------------------

/// Runs openssl with the gost engine; panics with its stderr.
fn openssl(args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
    use std::io::Write;
    let mut child = Command::new("openssl")
        .args(args)
        .env_remove("OPENSSL_CONF")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("openssl (with libengine-gost-openssl) is needed to generate");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn pem_body(pem: &[u8], label: &str) -> Vec<u8> {
    pem::parse_many(pem)
        .unwrap()
        .into_iter()
        .find(|b| b.tag() == label)
        .unwrap()
        .contents()
        .to_vec()
}

fn to_pem(label: &str, der: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(label, der.to_vec()),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

/// The (header length, value length) of the DER TLV at the start of `der`.
fn header(der: &[u8]) -> (usize, usize) {
    match der[1] {
        n if n < 0x80 => (2, n as usize),
        0x81 => (3, der[2] as usize),
        0x82 => (4, ((der[2] as usize) << 8) | der[3] as usize),
        _ => panic!("long length"),
    }
}

/// The value of the DER TLV at the start of `der`.
fn tlv_value(der: &[u8]) -> &[u8] {
    let (h, n) = header(der);
    &der[h..h + n]
}

/// Splits a SEQUENCE's content into its elements (whole TLVs).
fn elements(mut body: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while !body.is_empty() {
        let (h, n) = header(body);
        out.push(&body[..h + n]);
        body = &body[h + n..];
    }
    out
}

/// A fresh engine key pair: (the private scalar as the engine writes it,
/// the public-key OCTET STRING `LE(X) ‖ LE(Y)` with its tag).
fn engine_key(g: &Generation) -> (Vec<u8>, Vec<u8>) {
    let key_pem = openssl(
        &[
            "genpkey",
            "-engine",
            "gost",
            "-algorithm",
            g.engine_algorithm,
            "-pkeyopt",
            &format!("paramset:{}", g.engine_paramset),
        ],
        None,
    );
    let spki_pem = openssl(&["pkey", "-engine", "gost", "-pubout"], Some(&key_pem));
    // PrivateKeyInfo { version, algorithm, privateKey OCTET STRING }.
    let pkcs8 = pem_body(&key_pem, "PRIVATE KEY");
    let parts = elements(tlv_value(&pkcs8));
    let private = tlv_value(parts[2]).to_vec();
    // SubjectPublicKeyInfo { algorithm, BIT STRING { 00, OCTET STRING } }.
    let spki = pem_body(&spki_pem, "PUBLIC KEY");
    let parts = elements(tlv_value(&spki));
    let public = tlv_value(parts[1])[1..].to_vec();
    (private, public)
}

fn algorithm_der(g: &Generation) -> Vec<u8> {
    tlv(
        0x30,
        &[
            &oid(g.key_oid),
            &tlv(0x30, &[&oid(g.curve_oid), &oid(g.digest_oid)]),
        ],
    )
}

/// A key under the Kazakh OIDs: its signer (bootstrapped on a placeholder
/// certificate for `subject`) and SPKI.
fn kz_key(g: &Generation, private: &[u8], public: &[u8], subject: &[u8]) -> (Key, Vec<u8>) {
    let spki = tlv(0x30, &[&algorithm_der(g), &tlv(0x03, &[&[0], public])]);
    let pkcs8 = tlv(
        0x30,
        &[
            &tlv(0x02, &[&[0]]),
            &algorithm_der(g),
            &tlv(0x04, &[private]),
        ],
    );
    // A certificate whose signature is a placeholder: only its key is read
    // by the signer, which needs one to know its curve and scheme.
    let tbs = certgen::Tbs {
        serial: 1,
        issuer: subject.to_vec(),
        subject: subject.to_vec(),
        not_before: utc("2024-01-01T00:00:00Z"),
        not_after: utc("2049-12-31T23:59:59Z"),
        spki: spki.clone(),
        extensions: Vec::new(),
    };
    let alg = tlv(0x30, &[&oid("1.2.398.3.10.1.1.1.2"), &[0x05, 0x00]]);
    let placeholder = tlv(0x30, &[&tbs.der(&alg), &alg, &tlv(0x03, &[&[0, 0]])]);
    let signer =
        SoftwareSigner::from_pkcs8_der(&pkcs8, Certificate::from_der(&placeholder).unwrap())
            .unwrap();
    (Key { signer, spki }, pkcs8)
}

/// A Name, one RDN per attribute: countryName and serialNumber as
/// PrintableString (X.520), the others UTF8String.
fn dn(rdns: &[(&str, &str)]) -> Vec<u8> {
    let parts: Vec<Vec<u8>> = rdns
        .iter()
        .map(|(o, v)| {
            let t = if matches!(*o, "2.5.4.6" | "2.5.4.5") {
                0x13
            } else {
                0x0c
            };
            tlv(0x31, &[&tlv(0x30, &[&oid(o), &tlv(t, &[v.as_bytes()])])])
        })
        .collect();
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    tlv(0x30, &refs)
}

fn kz_dn(cn: &str) -> Vec<u8> {
    dn(&[("2.5.4.6", "KZ"), ("2.5.4.3", cn)])
}

#[test]
#[ignore = "regenerates testdata/pki/kz-gost (needs openssl and its gost engine)"]
fn generate() {
    if std::env::var_os("SIGBRIDGE_GEN_KZ_GOST").is_none() {
        panic!("set SIGBRIDGE_GEN_KZ_GOST=1 to overwrite testdata/pki/kz-gost");
    }
    let from = utc("2024-01-01T00:00:00Z");
    let ca_until = utc("2049-12-31T23:59:59Z");
    let ee_until = utc("2045-12-31T23:59:59Z");
    for g in &GENERATIONS {
        std::fs::create_dir_all(path(g, "")).unwrap();
        let label = if g.dir == "2004" {
            "GOST 34.310-2004"
        } else {
            "GOST 34.10-2015-512"
        };
        let root_dn = kz_dn(&format!(
            "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ SIGBRIDGE TEST ROOT ({label})"
        ));
        let ca_dn = kz_dn(&format!("ҰКО SIGBRIDGE TEST ({label})"));
        let ceo_dn = dn(&[
            ("2.5.4.3", "ТЕСТОВ ТЕСТ"),
            ("2.5.4.4", "ТЕСТОВ"),
            ("2.5.4.5", &format!("IIN{CEO_IIN}")),
            ("2.5.4.6", "KZ"),
            ("2.5.4.10", "ТОО \"ТЕСТОВАЯ КОМПАНИЯ\""),
            ("2.5.4.11", &format!("BIN{BIN}")),
            ("2.5.4.42", "ТЕСТОВИЧ"),
        ]);
        let mut made = Vec::new();
        for (file, dn) in [
            ("root", &root_dn),
            ("ca", &ca_dn),
            ("ceo", &ceo_dn),
            ("revoked", &ceo_dn),
        ] {
            let (private, public) = engine_key(g);
            let (key, pkcs8) = kz_key(g, &private, &public, dn);
            std::fs::write(
                path(g, &format!("{file}.key")),
                to_pem("PRIVATE KEY", &pkcs8),
            )
            .unwrap();
            made.push(key);
        }
        let [root_key, ca_key, ceo_key, revoked_key] = <[Key; 4]>::try_from(made).ok().unwrap();
        let root = {
            let exts = vec![
                certgen::basic_constraints(true, None),
                certgen::key_usage(&[5, 6]),
                certgen::ski(&root_key.key_id()),
            ];
            certgen::Tbs {
                serial: g.serial_base + 1,
                issuer: root_dn.clone(),
                subject: root_dn.clone(),
                not_before: from,
                not_after: ca_until,
                spki: root_key.spki.clone(),
                extensions: exts,
            }
            .sign(&root_key)
        };
        let ca = certgen::issue(
            g.serial_base + 2,
            &ca_dn,
            &ca_key,
            &root_dn,
            &root_key,
            from,
            ca_until,
            vec![
                certgen::basic_constraints(true, Some(0)),
                certgen::key_usage(&[5, 6]),
                certgen::certificate_policies(&["2.5.29.32.0"]),
            ],
        );
        let ee_exts = || {
            vec![
                // NCA RK: e-mail protection, legal entity, first head.
                certgen::eku(
                    false,
                    &[
                        "1.3.6.1.5.5.7.3.4",
                        "1.2.398.3.3.4.1.2",
                        "1.2.398.3.3.4.1.2.1",
                    ],
                ),
                certgen::certificate_policies(&["1.2.398.3.3.2.1"]),
            ]
        };
        let ceo = certgen::end_entity(
            g.serial_base + 3,
            &ceo_dn,
            &ceo_key,
            &ca_dn,
            &ca_key,
            from,
            ee_until,
            ee_exts(),
        );
        let revoked = certgen::end_entity(
            g.serial_base + 4,
            &ceo_dn,
            &revoked_key,
            &ca_dn,
            &ca_key,
            from,
            ee_until,
            ee_exts(),
        );
        let crl = certgen::crl(
            &ca_dn,
            &ca_key,
            utc("2026-06-01T00:00:00Z"),
            utc("2036-06-01T00:00:00Z"),
            &[(g.serial_base + 4, utc("2026-06-01T00:00:00Z"))],
            1,
        );
        for (file, c) in [
            ("root", &root),
            ("ca", &ca),
            ("ceo", &ceo),
            ("revoked", &revoked),
        ] {
            std::fs::write(
                path(g, &format!("{file}.pem")),
                to_pem("CERTIFICATE", c.der()),
            )
            .unwrap();
        }
        std::fs::write(
            path(g, "chain-ceo.pem"),
            [
                to_pem("CERTIFICATE", ceo.der()),
                to_pem("CERTIFICATE", ca.der()),
                to_pem("CERTIFICATE", root.der()),
            ]
            .concat(),
        )
        .unwrap();
        std::fs::write(
            path(g, "chain-revoked.pem"),
            [
                to_pem("CERTIFICATE", revoked.der()),
                to_pem("CERTIFICATE", ca.der()),
                to_pem("CERTIFICATE", root.der()),
            ]
            .concat(),
        )
        .unwrap();
        std::fs::write(path(g, "ca.crl"), crl.der()).unwrap();
    }
}
