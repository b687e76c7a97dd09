//! PKCS#12 key stores (RFC 7292): the Kazakh NCA test key stores (Kalkan's
//! legacy PBE, BER) and RSA stores made by OpenSSL 3 (PBES2/AES and
//! `-legacy`), see testdata/pkcs12/README.md.

use sigbridge::keystore::{KeyStoreError, MAX_ITERATIONS, Pkcs12};
use sigbridge::{Certificate, IdentifierScheme, profile};

const KZ: &str = "../shared/testdata/kz-nca-test-pki";
const KZ_PASSWORD: &str = "Qwerty12";
/// ST RK GOST 34.10-2015, 512-bit key (NCA RK arc 1.2.398.3.10).
const KZ_GOST_512: &str = "1.2.398.3.10.1.1.2.2";
/// Its parameters: curve tc26-512-A (KZ alias) and hash GOST 34.11-2015-512.
const KZ_GOST_512_CURVE: &str = "1.2.398.3.10.1.1.2.2.1";
const KZ_GOST_512_HASH: &str = "1.2.398.3.10.1.3.3";

/// Every KZ test key store, with the subject identifier its certificate must
/// carry (the treasury client is an information system: BIN, no IIN).
const KZ_STORES: [(&str, IdentifierScheme, &str); 12] = [
    (
        "individual/valid/individual_valid.p12",
        IdentifierScheme::KzIin,
        "123456789011",
    ),
    (
        "individual/revoked/individual_revoked.p12",
        IdentifierScheme::KzIin,
        "123456789011",
    ),
    (
        "legal/valid/head.p12",
        IdentifierScheme::KzIin,
        "123456789011",
    ),
    (
        "legal/valid/employee.p12",
        IdentifierScheme::KzIin,
        "123456789012",
    ),
    (
        "legal/valid/employee_signright.p12",
        IdentifierScheme::KzIin,
        "123456789012",
    ),
    (
        "legal/valid/infosystem.p12",
        IdentifierScheme::KzIin,
        "123456789012",
    ),
    (
        "legal/valid/treasury_client.p12",
        IdentifierScheme::KzBin,
        "123456789021",
    ),
    (
        "legal/revoked/head.p12",
        IdentifierScheme::KzIin,
        "123456789011",
    ),
    (
        "legal/revoked/employee.p12",
        IdentifierScheme::KzIin,
        "123456789012",
    ),
    (
        "legal/revoked/employee_signright.p12",
        IdentifierScheme::KzIin,
        "123456789012",
    ),
    (
        "legal/revoked/infosystem.p12",
        IdentifierScheme::KzIin,
        "123456789012",
    ),
    (
        "legal/revoked/treasury_client.p12",
        IdentifierScheme::KzBin,
        "123456789021",
    ),
];

fn kz(path: &str) -> Vec<u8> {
    std::fs::read(format!("{KZ}/{path}")).unwrap()
}

/// The DER of a (definite-length) element at `pos` and the position after it.
fn tlv(b: &[u8], pos: usize) -> (u8, &[u8], usize) {
    let t = b[pos];
    let (len, hl) = match b[pos + 1] {
        l if l < 0x80 => (l as usize, 2),
        0x81 => (b[pos + 2] as usize, 3),
        0x82 => (((b[pos + 2] as usize) << 8) | b[pos + 3] as usize, 4),
        other => panic!("length form {other:#x}"),
    };
    (t, &b[pos + hl..pos + hl + len], pos + hl + len)
}

fn oid_text(value: &[u8]) -> String {
    sigbridge::Oid::from_bytes(value).unwrap().to_string()
}

#[test]
fn every_kz_store_opens_with_its_password() {
    for (path, scheme, id) in KZ_STORES {
        let store = Pkcs12::from_der(&kz(path), KZ_PASSWORD).unwrap();
        assert_eq!(store.keys().len(), 1, "{path}");
        assert_eq!(
            store.certificates().len(),
            1,
            "{path}: only the user's certificate"
        );
        let key = &store.keys()[0];
        assert_eq!(key.algorithm().to_string(), KZ_GOST_512, "{path}");
        // Kalkan writes a 20-byte localKeyId on both bags, and the same id
        // as lowercase hex in friendlyName.
        let key_id = key.local_key_id().unwrap();
        assert_eq!(key_id.len(), 20, "{path}");
        let hex: String = key_id.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(key.friendly_name(), Some(hex.as_str()), "{path}");
        let cert = store.certificate_for(key).unwrap();
        assert_eq!(cert.local_key_id(), Some(key_id), "{path}");
        assert!(std::ptr::eq(cert, &store.certificates()[0]), "{path}");

        let parsed = Certificate::from_der(cert.der()).unwrap();
        let report = profile::analyze(&parsed);
        let found = report.identity.identifier(scheme).unwrap();
        assert_eq!(found.value, id, "{path}");
    }
}

/// The layout the GOST signer is written against: a PKCS#8 v1
/// PrivateKeyInfo, algorithm 1.2.398.3.10.1.1.2.2 with parameters
/// SEQUENCE { curve 1.2.398.3.10.1.1.2.2.1, digest 1.2.398.3.10.1.3.3 },
/// privateKey = OCTET STRING { OCTET STRING (64 bytes) }: the secret scalar,
/// little-endian (d·G on tc26-512-A equals the certificate's little-endian
/// X‖Y for all twelve stores; checked outside this crate, see the README).
#[test]
fn kz_private_key_layout() {
    for (path, _, _) in KZ_STORES {
        let store = Pkcs12::from_der(&kz(path), KZ_PASSWORD).unwrap();
        let pki = store.keys()[0].private_key_info();
        assert_eq!(pki.len(), 110, "{path}");
        let (t, body, end) = tlv(pki, 0);
        assert_eq!((t, end), (0x30, pki.len()));
        let (t, version, p) = tlv(body, 0);
        assert_eq!(
            (t, version),
            (0x02, &[0u8][..]),
            "{path}: PKCS#8 v1, no public key"
        );
        let (t, alg, p) = tlv(body, p);
        assert_eq!(t, 0x30);
        let (t, oid, q) = tlv(alg, 0);
        assert_eq!((t, oid_text(oid).as_str()), (0x06, KZ_GOST_512));
        let (t, params, q) = tlv(alg, q);
        assert_eq!((t, q), (0x30, alg.len()));
        let (t, curve, r) = tlv(params, 0);
        assert_eq!((t, oid_text(curve).as_str()), (0x06, KZ_GOST_512_CURVE));
        let (t, hash, r) = tlv(params, r);
        assert_eq!(
            (t, oid_text(hash).as_str(), r),
            (0x06, KZ_GOST_512_HASH, params.len())
        );
        let (t, private_key, p) = tlv(body, p);
        assert_eq!(
            (t, p),
            (0x04, body.len()),
            "{path}: no attributes after privateKey"
        );
        let (t, scalar, s) = tlv(private_key, 0);
        assert_eq!(
            (t, scalar.len(), s),
            (0x04, 64, private_key.len()),
            "{path}"
        );
    }
}

#[test]
fn kz_stores_refuse_wrong_and_empty_passwords() {
    for (path, _, _) in KZ_STORES {
        let der = kz(path);
        for wrong in ["Qwerty13", ""] {
            assert_eq!(
                Pkcs12::from_der(&der, wrong).unwrap_err(),
                KeyStoreError::WrongPassword,
                "{path} with {wrong:?}"
            );
        }
    }
}

#[test]
fn the_wrong_password_message_says_what_happened() {
    let err = Pkcs12::from_der(&kz(KZ_STORES[0].0), "Qwerty13").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the password does not open this key store (MAC check failed)"),
        "{err}"
    );
}

/// One changed byte in the shrouded key bag's ciphertext: the MAC (over the
/// whole authenticated safe, keyed by the password) no longer verifies, and
/// since the MAC is checked before anything is decrypted the error is
/// `WrongPassword`. A password-keyed MAC cannot tell a wrong password from
/// an altered file (RFC 7292 §4); the message names both.
#[test]
fn a_changed_byte_in_the_key_bag_fails_the_mac() {
    let der = kz(KZ_STORES[0].0);
    // The shrouded key bag's encryptedData: OCTET STRING of 0x70 bytes
    // after the PBE parameters (salt 20 bytes, iterations 1024).
    let marker = [0x02, 0x02, 0x04, 0x00, 0x04, 0x70];
    let at = der.windows(marker.len()).position(|w| w == marker).unwrap() + marker.len() + 10;
    let mut changed = der.clone();
    changed[at] ^= 0x01;
    assert_eq!(
        Pkcs12::from_der(&changed, KZ_PASSWORD).unwrap_err(),
        KeyStoreError::WrongPassword
    );
    // And a changed MAC value itself, likewise.
    let mut changed = der.clone();
    // ... 04 14 <MAC> 04 14 <salt> 02 02 04 00: the MAC's last byte.
    let mac_at = der.len() - 4 - 22 - 1;
    changed[mac_at] ^= 0x80;
    assert_eq!(
        Pkcs12::from_der(&changed, KZ_PASSWORD).unwrap_err(),
        KeyStoreError::WrongPassword
    );
}

#[test]
fn a_truncated_file_is_malformed() {
    let der = kz(KZ_STORES[0].0);
    for cut in [1, 2, 100, der.len() / 2, der.len() - 1] {
        match Pkcs12::from_der(&der[..cut], KZ_PASSWORD).unwrap_err() {
            KeyStoreError::Malformed {
                what: "PFX",
                reason,
            } => {
                assert_eq!(reason, "input ends inside an element", "cut at {cut}")
            }
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    assert_eq!(
        Pkcs12::from_der(&[], KZ_PASSWORD).unwrap_err(),
        KeyStoreError::Malformed {
            what: "PFX",
            reason: "input ends inside an element".into()
        }
    );
}

#[test]
fn trailing_bytes_are_malformed() {
    let mut der = kz(KZ_STORES[0].0);
    der.push(0);
    assert_eq!(
        Pkcs12::from_der(&der, KZ_PASSWORD).unwrap_err(),
        KeyStoreError::Malformed {
            what: "PFX",
            reason: "1 byte(s) after the end of the element".into()
        }
    );
}

/// The MAC iteration count is bounded before any work is done.
#[test]
fn a_huge_mac_iteration_count_is_refused() {
    let der = kz(KZ_STORES[0].0);
    // MacData ends with `02 02 04 00` (1024); make it 0x7fffffff, fixing the
    // enclosing lengths (MacData, PFX), all short or two-byte forms.
    assert_eq!(&der[der.len() - 4..], &[0x02, 0x02, 0x04, 0x00]);
    let mut changed = der[..der.len() - 4].to_vec();
    changed.extend_from_slice(&[0x02, 0x04, 0x7f, 0xff, 0xff, 0xff]);
    // MacData header: 30 3d → 30 3f.
    let mac_header = der.len() - 2 - 0x3d;
    assert_eq!(&changed[mac_header..mac_header + 2], &[0x30, 0x3d]);
    changed[mac_header + 1] = 0x3f;
    // PFX header: 30 82 07 07 → 07 09.
    assert_eq!(&changed[..4], &[0x30, 0x82, 0x07, 0x07]);
    changed[3] = 0x09;
    assert_eq!(
        Pkcs12::from_der(&changed, KZ_PASSWORD).unwrap_err(),
        KeyStoreError::TooManyIterations {
            what: "MAC key derivation",
            count: 0x7fff_ffff,
            max: MAX_ITERATIONS
        }
    );
}

const RSA_PASSWORD: &str = "sigbridge";

fn rsa_source_key() -> Vec<u8> {
    pem_to_der(std::fs::read("testdata/pki/kz/individual.key").unwrap())
}

fn rsa_source_cert() -> Vec<u8> {
    std::fs::read("testdata/pki/kz/individual.der").unwrap()
}

#[test]
fn rsa_stores_open_and_hold_the_source_key() {
    for file in [
        "rsa-pbes2.p12",
        "rsa-legacy.p12",
        "rsa-2des-rc2-128-sha512.p12",
    ] {
        let der = std::fs::read(format!("testdata/pkcs12/{file}")).unwrap();
        let store = Pkcs12::from_der(&der, RSA_PASSWORD).unwrap();
        assert_eq!(store.keys().len(), 1, "{file}");
        let key = &store.keys()[0];
        assert_eq!(
            key.algorithm().to_string(),
            "1.2.840.113549.1.1.1",
            "{file}"
        );
        assert_eq!(
            key.private_key_info(),
            rsa_source_key().as_slice(),
            "{file}"
        );
        assert_eq!(key.friendly_name(), Some("kz individual"), "{file}");
        // The user's certificate (with the key's localKeyId) and its CA
        // (the third store has no chain).
        let cert = store.certificate_for(key).unwrap();
        assert_eq!(cert.der(), rsa_source_cert().as_slice(), "{file}");
        let chain: Vec<_> = store
            .certificates()
            .iter()
            .filter(|c| c.local_key_id().is_none())
            .collect();
        if file.starts_with("rsa-2des") {
            assert_eq!((store.certificates().len(), chain.len()), (1, 0), "{file}");
        } else {
            assert_eq!((store.certificates().len(), chain.len()), (2, 1), "{file}");
            let ca_pem = std::fs::read("testdata/pki/kz/ca.pem").unwrap();
            assert_eq!(chain[0].der(), pem_to_der(ca_pem).as_slice(), "{file}");
        }
        assert_eq!(
            Pkcs12::from_der(&der, "sigbridgE").unwrap_err(),
            KeyStoreError::WrongPassword,
            "{file}"
        );
        assert_eq!(
            Pkcs12::from_der(&der, "").unwrap_err(),
            KeyStoreError::WrongPassword,
            "{file}"
        );
    }
}

fn pem_to_der(pem: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8(pem).unwrap();
    let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap()
}

/// A key's `Debug` never prints the key.
#[test]
fn key_debug_is_redacted() {
    let store = Pkcs12::from_der(&kz(KZ_STORES[0].0), KZ_PASSWORD).unwrap();
    let text = format!("{:?}", store.keys()[0]);
    assert!(text.contains("[redacted]"), "{text}");
    let pki = store.keys()[0].private_key_info();
    let scalar_hex: String = pki[pki.len() - 64..pki.len() - 48]
        .iter()
        .map(|b| format!("{b}"))
        .collect::<Vec<_>>()
        .join(", ");
    assert!(!text.contains(&scalar_hex), "{text}");
}

/// RFC 7292 §4: a store without `macData` is accepted only when nothing in
/// it is encrypted under the password (then there is nothing a wrong
/// password could open); with encrypted contents it is refused, since a
/// wrong password could not be told from a damaged file.
#[test]
fn a_missing_mac_is_accepted_only_without_encrypted_contents() {
    let certs = std::fs::read("testdata/pkcs12/certs-nomac.p12").unwrap();
    for password in ["", "anything"] {
        let store = Pkcs12::from_der(&certs, password).unwrap();
        assert_eq!(store.keys().len(), 0);
        assert_eq!(store.certificates().len(), 2);
        assert_eq!(store.certificates()[0].der(), rsa_source_cert().as_slice());
    }
    let key = std::fs::read("testdata/pkcs12/rsa-nomac.p12").unwrap();
    assert_eq!(
        Pkcs12::from_der(&key, RSA_PASSWORD).unwrap_err(),
        KeyStoreError::MissingMac
    );
}

/// The KZ store with its MacData cut off (PFX length fixed): the key bag is
/// encrypted, so this is `MissingMac`, never a decryption attempt.
#[test]
fn a_kz_store_without_its_mac_is_refused() {
    let der = kz(KZ_STORES[0].0);
    let mut cut = der[..der.len() - 63].to_vec();
    let len = u16::from_be_bytes([cut[2], cut[3]]) - 63;
    cut[2..4].copy_from_slice(&len.to_be_bytes());
    assert_eq!(
        Pkcs12::from_der(&cut, KZ_PASSWORD).unwrap_err(),
        KeyStoreError::MissingMac
    );
}

#[test]
fn not_a_key_store_is_malformed() {
    let cert = rsa_source_cert();
    match Pkcs12::from_der(&cert, KZ_PASSWORD).unwrap_err() {
        KeyStoreError::Malformed {
            what: "PFX version",
            reason,
        } => {
            assert_eq!(reason, "expected tag 0x02, found 0x30")
        }
        other => panic!("{other:?}"),
    }
}

/// A MAC value of the wrong length is damage, not a wrong password.
#[test]
fn a_mac_of_the_wrong_length_is_malformed() {
    let der = kz(KZ_STORES[0].0);
    // ... 04 14 <MAC 20> 04 14 <salt 20> 02 02 04 00: shorten the MAC to
    // 19 bytes, fixing DigestInfo (30 21), MacData (30 3d), PFX (07 07).
    let mac = der.len() - 4 - 22 - 22;
    assert_eq!(&der[mac..mac + 2], &[0x04, 0x14]);
    let mut changed = der[..mac].to_vec();
    changed.extend_from_slice(&[0x04, 0x13]);
    changed.extend_from_slice(&der[mac + 2..mac + 21]);
    changed.extend_from_slice(&der[mac + 22..]);
    let (digest_info, mac_data) = (mac - 11 - 2, mac - 11 - 2 - 2);
    assert_eq!(&changed[digest_info..digest_info + 2], &[0x30, 0x21]);
    assert_eq!(&changed[mac_data..mac_data + 2], &[0x30, 0x3d]);
    changed[digest_info + 1] = 0x20;
    changed[mac_data + 1] = 0x3c;
    changed[3] = 0x06;
    assert_eq!(
        Pkcs12::from_der(&changed, KZ_PASSWORD).unwrap_err(),
        KeyStoreError::Malformed {
            what: "MacData digest",
            reason: "19 bytes for a 20-byte hash".into()
        }
    );
}

/// Every KZ test key store signs a document through
/// `SoftwareSigner::from_pkcs12` (GOST 34.10-2015-512, NCA layout), and the
/// signature verifies through the whole verifier in Kazakhstan, on the NCA
/// test root of the sample registry with the issuing CA shipped; with the
/// NCA's own CRL, the `revoked/` stores are refused as revoked (the CRL lists
/// them) and the `valid/` ones pass.
#[test]
fn every_kz_store_signs_a_document_that_verifies() {
    use sigbridge::crypto::{Signer, SigningScheme, SoftwareSigner};
    use sigbridge::envelope::{Envelope, SignatureOptions};
    use sigbridge::path::Crl;
    use sigbridge::registry::Registry;
    use sigbridge::verify::{Content, Indication, Request, SubIndication, Verifier};
    use sigbridge::{DocumentType, Jurisdiction, Time};
    let at: Time = "2026-11-23T09:00:00Z".parse().unwrap();
    let ca = Certificate::from_der(&kz("nca_gost2022_test.cer")).unwrap();
    let crl = Crl::from_der(&kz("nca_gost2022_test.crl")).unwrap();
    let listed = |c: &Certificate| crl.revoked().iter().any(|r| r.serial == c.serial());
    let registry = Registry::sample().unwrap();
    let verifier = Verifier::new(&registry).unwrap();
    let with_crl = Verifier::new(&registry)
        .unwrap()
        .with_crls(vec![crl.clone()]);
    let mut revoked = Vec::new();
    let doc = b"<Invoice number=\"KZ-77\" currency=\"KZT\" total=\"1000\"/>";
    for (path, _, _) in KZ_STORES {
        let signer = SoftwareSigner::from_pkcs12(&kz(path), KZ_PASSWORD)
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .with_chain(vec![ca.clone()]);
        assert_eq!(
            signer.scheme(),
            SigningScheme::KzGost3410_2015 { bits: 512 },
            "{path}"
        );
        let p7s = Envelope::sign_detached(
            doc,
            &signer,
            &SignatureOptions::new(at)
                .document_type(DocumentType::COMMERCIAL_INVOICE)
                .include_chain(true),
        )
        .unwrap()
        .to_der();
        let request = || Request::new(&p7s, Content::Detached(doc), Jurisdiction::KZ, at);
        let r = verifier.verify(request());
        assert_eq!(
            r.signatures[0].validity.indication,
            Indication::TotalPassed,
            "{path}:\n{r}"
        );
        let crl_deviation = |r: &sigbridge::VerificationReport| {
            r.signatures[0]
                .deviations
                .iter()
                .any(|f| f.code == "DEVIATION_CRL_SIGNATURE_PARAMETERS")
        };
        assert!(!crl_deviation(&r), "{path}: no CRL, no CRL deviation");
        let r = with_crl.verify(request());
        let v = &r.signatures[0].validity;
        if listed(signer.certificate()) {
            revoked.push(path);
            assert_eq!(
                (v.indication, v.sub_indication),
                (Indication::Indeterminate, Some(SubIndication::RevokedNoPoe)),
                "{path}:\n{r}"
            );
        } else {
            assert_eq!(v.indication, Indication::TotalPassed, "{path}:\n{r}");
            // The NCA's CRL decided; its NULL-vs-absent algorithm copies are reported.
            assert!(crl_deviation(&r), "{path}:\n{r}");
        }
        // The wrong password never gets as far as a key.
        assert!(matches!(
            SoftwareSigner::from_pkcs12(&kz(path), "Qwerty13"),
            Err(sigbridge::SignError::KeyStore(KeyStoreError::WrongPassword))
        ));
    }
    assert_eq!(
        revoked,
        [
            "individual/revoked/individual_revoked.p12",
            "legal/valid/employee.p12",
            "legal/valid/infosystem.p12",
            "legal/revoked/head.p12",
            "legal/revoked/employee.p12",
            "legal/revoked/employee_signright.p12",
            "legal/revoked/infosystem.p12",
            "legal/revoked/treasury_client.p12",
        ]
    );
}
