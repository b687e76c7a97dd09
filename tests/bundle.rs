//! Loading certificates from every container CAs publish them in: DER, PEM,
//! PEM bundles with text around the blocks, bare base64, certs-only PKCS#7
//! (DER and PEM). Each failure is a specific typed error.

mod common;

use base64::Engine as _;
use common::{local, read};
use sigbridge::{CertError, Certificate, Leniency, load_certificates, load_certificates_with};

fn subjects(certs: &[Certificate]) -> Vec<String> {
    certs
        .iter()
        .map(|c| c.subject().common_name().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn der_and_pem_give_the_same_certificate() {
    let der = read(&local("pki/kz/ceo.der"));
    let pem = read(&local("pki/kz/ceo.pem"));
    let a = Certificate::from_der(&der).unwrap();
    let b = Certificate::from_pem(&pem).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.fingerprint_sha256(), b.fingerprint_sha256());
    assert_eq!(load_certificates(&der).unwrap(), vec![a.clone()]);
    assert_eq!(load_certificates(&pem).unwrap(), vec![a]);
}

#[test]
fn pem_chain_in_order() {
    let certs = load_certificates(&read(&local("pki/ru/chain-org-ceo.pem"))).unwrap();
    assert_eq!(
        subjects(&certs),
        vec![
            "ООО \"Ромашка\"",
            "Тестовый УЦ СигБридж",
            "Тестовый головной УЦ СигБридж"
        ]
    );
    assert!(certs[0].issuer().matches(certs[1].subject()));
    assert!(certs[1].issuer().matches(certs[2].subject()));
    assert!(certs[2].is_self_issued());
}

#[test]
fn pem_bundle_with_text_keys_and_other_blocks_around() {
    let ca = String::from_utf8(read(&local("pki/eu/ca.pem"))).unwrap();
    let root = String::from_utf8(read(&local("pki/eu/root.pem"))).unwrap();
    let key = String::from_utf8(read(&local("pki/eu/qes-natural.key"))).unwrap();
    let text = format!(
        "Bundle exported 2024-01-01\nsubject=...\n{ca}\n# a comment that mentions -----BEGIN CERTIFICATE----- inline\n{key}\n-----BEGIN SOMETHING ELSE-----\nnot base64 {{}}\n-----END SOMETHING ELSE-----\n{root}trailing words\n"
    );
    let certs = load_certificates(text.as_bytes()).unwrap();
    assert_eq!(
        subjects(&certs),
        vec!["SigBridge Test Qualified CA", "SigBridge Test EU Root CA"]
    );
}

#[test]
fn crlf_pem_and_x509_certificate_label() {
    let pem = String::from_utf8(read(&local("pki/uz/org.pem"))).unwrap();
    let crlf = pem.replace('\n', "\r\n");
    assert_eq!(load_certificates(crlf.as_bytes()).unwrap().len(), 1);
    let x509 = pem.replace("CERTIFICATE-----", "X509 CERTIFICATE-----");
    assert_eq!(load_certificates(x509.as_bytes()).unwrap().len(), 1);
}

#[test]
fn pkcs7_bundles_der_and_pem() {
    for cc in ["cn", "ru", "kz", "uz", "in", "eu", "pk"] {
        let p7b = read(&local(&format!("pki/{cc}/ca-bundle.p7b")));
        let certs = load_certificates(&p7b).unwrap_or_else(|e| panic!("{cc}: {e}"));
        assert_eq!(certs.len(), 2, "{cc}");
        assert!(certs.iter().all(Certificate::is_ca), "{cc}");
        // The same bundle armoured as PEM (`openssl crl2pkcs7` default output).
        let b64 = base64::engine::general_purpose::STANDARD.encode(&p7b);
        let pem = format!("-----BEGIN PKCS7-----\n{b64}\n-----END PKCS7-----\n");
        assert_eq!(load_certificates(pem.as_bytes()).unwrap(), certs, "{cc}");
    }
}

#[test]
fn bare_base64_certificate_file() {
    let der = read(&local("pki/kz/individual.der"));
    let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
    let wrapped: String = b64
        .as_bytes()
        .chunks(76)
        .map(|c| format!("{}\n", std::str::from_utf8(c).unwrap()))
        .collect();
    let certs = load_certificates(wrapped.as_bytes()).unwrap();
    assert_eq!(certs[0].der(), &der[..]);
}

#[test]
fn leniency_applies_to_every_certificate_of_a_bundle() {
    let mut text = String::from_utf8(read(&local("pki/eu/ca.pem"))).unwrap();
    text.push_str(
        &String::from_utf8(read(&local("pki/deviations/lowercase-country.pem"))).unwrap(),
    );
    let err = load_certificates(text.as_bytes()).unwrap_err();
    match err {
        CertError::InBundle { index, source } => {
            assert_eq!(index, 1);
            assert!(matches!(*source, CertError::Deviation { .. }));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        load_certificates_with(text.as_bytes(), &Leniency::real_world())
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn typed_errors_for_bad_inputs() {
    assert_eq!(
        load_certificates(b"").unwrap_err(),
        CertError::NoCertificate
    );
    assert_eq!(
        load_certificates(b"hello world, no certificate here").unwrap_err(),
        CertError::NoCertificate
    );
    assert_eq!(
        load_certificates(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
            .unwrap_err(),
        CertError::NoCertificate
    );
    let broken = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
    assert!(matches!(
        load_certificates(broken.as_bytes()).unwrap_err(),
        CertError::Pem { .. }
    ));
    let unterminated = "-----BEGIN CERTIFICATE-----\nMIIB\n";
    assert!(matches!(
        load_certificates(unterminated.as_bytes()).unwrap_err(),
        CertError::Pem { .. }
    ));
    // A truncated DER certificate.
    let der = read(&local("pki/pk/org.der"));
    assert!(matches!(
        load_certificates(&der[..der.len() - 10]).unwrap_err(),
        CertError::Der {
            what: "certificate",
            ..
        }
    ));
    // A truncated PKCS#7 bundle.
    let p7b = read(&local("pki/pk/ca-bundle.p7b"));
    assert!(matches!(
        load_certificates(&p7b[..p7b.len() - 3]).unwrap_err(),
        CertError::Pkcs7 { .. }
    ));
    // Two certificates where one is expected.
    let chain = read(&local("pki/pk/chain-org.pem"));
    assert!(matches!(
        Certificate::from_pem(&chain).unwrap_err(),
        CertError::Pem { .. }
    ));
}

#[test]
fn raw_der_views_are_exact() {
    let cert = Certificate::from_der(&read(&local("pki/in/class3.der"))).unwrap();
    let der = cert.der();
    let find = |part: &[u8]| der.windows(part.len()).position(|w| w == part);
    assert!(find(cert.tbs_der()).is_some());
    assert!(find(cert.spki_der()).is_some());
    assert!(find(cert.subject().raw_der()).is_some());
    assert_eq!(cert.tbs_der()[0], 0x30);
    assert!(cert.spki_der().ends_with(cert.public_key_bytes()));
    assert_eq!(cert.version(), 3);
    assert_eq!(cert.serial_hex(), "155eed5eed0000000000000000000010");
    assert_eq!(cert.signature_unused_bits(), 0);
    assert_eq!(cert.signature_value().len(), 384);
    assert_eq!(cert.crl_urls(), vec!["http://crl.in.example/ca.crl"]);
    assert_eq!(cert.ca_issuers_urls(), vec!["http://pki.in.example/ca.cer"]);
    assert_eq!(cert.ocsp_urls(), vec!["http://ocsp.in.example"]);
    let ku = cert.key_usage().unwrap();
    assert_eq!(ku.names(), vec!["digitalSignature", "nonRepudiation"]);
    assert_eq!(cert.basic_constraints().map(|b| b.ca), Some(false));
    assert!(cert.authority_key_id().unwrap().key_id.is_some());
    assert!(cert.subject_key_id().is_some());
    // Clones share the parsed view.
    let clone = cert.clone();
    assert_eq!(clone.der().as_ptr(), cert.der().as_ptr());
}
