//! Real certificates carried in real signatures (issue 13 item 5): every
//! certificate of every envelope in `../shared/testdata/real-cms` — the
//! SignedData `certificates`, those of the time-stamp tokens in unsigned
//! attributes, and the certificate-values attribute — loads under
//! `Leniency::real_world()`; the strict default refuses exactly the ones
//! listed here, each with its named deviation. And when the signer's
//! certificate is in an envelope but cannot be parsed, the error says which
//! certificate and why.

mod common;

use std::path::{Path, PathBuf};

use common::{at_2030, local, read, shared};
use sigbridge::crypto::{SoftwareSigner, Verifiers};
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::{
    CertError, Certificate, Deviation, EnvelopeError, Leniency, cert::StringType,
    load_certificates_with,
};

/// signature-time-stamp (RFC 3161 App. A), archive-time-stamp v2 / v3
/// (ETSI EN 319 122-1 §5.5), ETSI archive time-stamp v3 (0.4.0.1733.2.4):
/// their values are ContentInfos with certificates of their own.
const TOKEN_ATTRIBUTES: [&str; 4] = [
    "1.2.840.113549.1.9.16.2.14",
    "1.2.840.113549.1.9.16.2.27",
    "1.2.840.113549.1.9.16.2.48",
    "0.4.0.1733.2.4",
];
/// certificate-values (ETSI EN 319 122-1 §5.5.1): SEQUENCE OF Certificate.
const CERTIFICATE_VALUES: &str = "1.2.840.113549.1.9.16.2.23";

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out)
        } else {
            out.push(p)
        }
    }
}

/// The first DER element of `b` (some files carry bytes after the
/// ContentInfo: issue 13 item 4, not this test's subject).
fn first_element(b: &[u8]) -> &[u8] {
    let (len, header) = match b.get(1) {
        Some(&l) if l < 0x80 => (usize::from(l), 2),
        Some(&l) if l > 0x80 && l <= 0x84 => {
            let n = usize::from(l & 0x7f);
            let len = b[2..2 + n]
                .iter()
                .fold(0usize, |a, x| a << 8 | usize::from(*x));
            (len, 2 + n)
        }
        _ => return b,
    };
    &b[..(header + len).min(b.len())]
}

/// Every certificate of one envelope, named by where it is.
fn certificates_of(env: &Envelope, at: &str, out: &mut Vec<(String, Vec<u8>)>, depth: usize) {
    for (i, c) in env.certificates().iter().enumerate() {
        out.push((format!("{at}certificates[{i}]"), c.der().to_vec()));
    }
    for (s, si) in env.signer_infos().iter().enumerate() {
        for a in si.unsigned_attributes() {
            let oid = a.oid().to_string();
            for (v, value) in a.values().iter().enumerate() {
                let here = format!("{at}signer[{s}].{oid}[{v}].");
                if TOKEN_ATTRIBUTES.contains(&oid.as_str()) && depth == 0 {
                    if let Ok(token) = Envelope::from_der(value) {
                        certificates_of(&token, &here, out, depth + 1);
                    }
                } else if oid == CERTIFICATE_VALUES {
                    let mut rest = first_element(value);
                    let header = if rest[1] < 0x80 {
                        2
                    } else {
                        2 + usize::from(rest[1] & 0x7f)
                    };
                    rest = &rest[header..];
                    let mut k = 0;
                    while !rest.is_empty() {
                        let c = first_element(rest);
                        out.push((format!("{here}[{k}]"), c.to_vec()));
                        rest = &rest[c.len()..];
                        k += 1;
                    }
                }
            }
        }
    }
}

/// (file, where, the deviation the strict default refuses it with).
fn strict_refusals() -> Vec<(&'static str, &'static str, Deviation)> {
    let hu = || Deviation::LowercaseCountry { value: "hu".into() };
    // IT "Servizio di Certificazione per la Firma Digitale - CA2", ES
    // time-stamping CAs: explicitText VisibleString in ISO 8859-1.
    let notice = || Deviation::UndecodableNoticeText {
        field: "explicitText",
        string_type: StringType::Visible,
    };
    // IT ArubaPEC: PolicyInformation with length 81 0e.
    let aruba = || Deviation::NonMinimalLengthInExtension {
        extension: "certificatePolicies",
    };
    vec![
        ("eu-dss/Signature-C-HU_POL-3.p7m", "certificates[0]", hu()),
        ("eu-dss/Signature-C-HU_POL-3.p7m", "certificates[2]", hu()),
        (
            "eu-dss/cades-double-signing-time.p7m",
            "certificates[1]",
            notice(),
        ),
        (
            "eu-dss/cades-dss1956.p7m",
            "certificates[2]",
            Deviation::NegativeSerial,
        ),
        (
            "eu-dss/cades-dss1956.p7m",
            "signer[0].1.2.840.113549.1.9.16.2.14[0].certificates[0]",
            notice(),
        ),
        (
            "eu-dss/cades-dss1956.p7m",
            "signer[0].0.4.0.1733.2.4[0].certificates[0]",
            notice(),
        ),
        (
            "eu-dss/cades-invalid-ocsp-responses-encoding.p7s",
            "certificates[0]",
            hu(),
        ),
        (
            "eu-dss/cades-invalid-ocsp-responses-encoding.p7s",
            "certificates[2]",
            hu(),
        ),
        (
            "eu-dss/dss-646/CAdES_A_DETACHED.csig",
            "signer[0].1.2.840.113549.1.9.16.2.14[0].certificates[0]",
            notice(),
        ),
        (
            "eu-dss/dss-646/CAdES_A_DETACHED.csig",
            "signer[0].1.2.840.113549.1.9.16.2.27[0].certificates[0]",
            notice(),
        ),
        (
            "eu-dss/dss-667/BER_reordered_prova.txt.p7m",
            "certificates[0]",
            aruba(),
        ),
        (
            "eu-dss/dss-667/DER_reordered_prova.txt.p7m",
            "certificates[0]",
            aruba(),
        ),
        (
            "eu-dss/dss-951/NexU-CAdES-B-B-Detached-Sha512.p7m",
            "certificates[0]",
            Deviation::NegativeSerial,
        ),
    ]
}

#[test]
fn every_real_cms_certificate_loads_under_real_world() {
    let root = shared("real-cms");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let mut refused = Vec::new();
    let mut total = 0;
    let mut envelopes = 0;
    for f in files {
        let rel = f.strip_prefix(&root).unwrap().display().to_string();
        let bytes = read(&f);
        let mut certs = Vec::new();
        if rel.ends_with(".cer") {
            for (i, c) in load_certificates_with(&bytes, &Leniency::all())
                .unwrap()
                .iter()
                .enumerate()
            {
                certs.push((format!("[{i}]"), c.der().to_vec()));
            }
        } else {
            let Ok(env) =
                Envelope::parse(&bytes).or_else(|_| Envelope::from_der(first_element(&bytes)))
            else {
                continue; // detached content, README
            };
            envelopes += 1;
            certificates_of(&env, "", &mut certs, 0);
        }
        for (at, der) in certs {
            total += 1;
            let lenient = Certificate::from_der_with(&der, &Leniency::real_world())
                .unwrap_or_else(|e| panic!("{rel} {at}: {e}"));
            match Certificate::from_der(&der) {
                Ok(_) => assert!(lenient.deviations().is_empty(), "{rel} {at}"),
                Err(CertError::Deviation { deviation }) => {
                    assert!(lenient.deviations().contains(&deviation), "{rel} {at}");
                    refused.push((rel.clone(), at, deviation));
                }
                Err(e) => panic!("{rel} {at}: strict refuses without a deviation: {e}"),
            }
        }
    }
    let expected: Vec<(String, String, Deviation)> = strict_refusals()
        .into_iter()
        .map(|(f, a, d)| (f.to_owned(), a.to_owned(), d))
        .collect();
    assert_eq!(refused, expected);
    // The corpus as surveyed for issue 13: 80 of the 81 signature files
    // read as envelopes (malformed-cades.p7m is truncated), and signCert.cer.
    assert_eq!((envelopes, total), (80, 435));
}

/// The deviation fixtures share `leaf.key`: a signer whose certificate is
/// one of them, parsed with `Leniency::all()`.
fn deviating_signer(fixture: &str) -> (SoftwareSigner, Certificate) {
    let cert = Certificate::from_der_with(
        &read(&local(&format!("pki/deviations/{fixture}"))),
        &Leniency::all(),
    )
    .unwrap();
    let key = read(&local("pki/deviations/leaf.key"));
    (
        SoftwareSigner::from_pkcs8_pem(&key, cert.clone()).unwrap(),
        cert,
    )
}

const DOC: &[u8] = b"certificate of origin no. 13";
const ISSUER: &str = "C=BE, O=SigBridge Test QTSP, organizationIdentifier=NTRBE-0123456789, CN=SigBridge Test Qualified CA";

/// The signer's certificate is in the envelope but even the real-world
/// leniency refuses it (a non-minimal serial INTEGER): the error names it
/// by position, issuer and serial, with the parse error — not "no
/// certificate for signer". Given leniently parsed, it verifies.
#[test]
fn unreadable_signer_certificate_is_named() {
    let (signer, cert) = deviating_signer("serial-non-minimal.der");
    for by_key_id in [false, true] {
        let options = SignatureOptions::new(at_2030()).identify_by_key_id(by_key_id);
        let env = Envelope::sign_detached(DOC, &signer, &options).unwrap();
        let env = Envelope::from_der(&env.to_der()).unwrap();
        let checks = env.verify(Some(DOC), &Verifiers::builtin(), &[]).unwrap();
        let err = checks[0].result.clone().unwrap_err();
        assert_eq!(
            err,
            EnvelopeError::SignerCertificateUnreadable {
                signer: env.signer_infos()[0].signer_identifier().to_string(),
                index: 0,
                issuer: Some(ISSUER.to_owned()),
                serial: Some("001234".to_owned()),
                error: Box::new(CertError::Deviation {
                    deviation: Deviation::NonMinimalInteger {
                        field: "serial number"
                    }
                }),
            },
            "by key id: {by_key_id}"
        );
        assert_eq!(err.code(), "ENVELOPE_SIGNER_CERTIFICATE_UNREADABLE");
        let msg = err.to_string();
        assert!(
            msg.contains("its certificate is there, but certificates[0]"),
            "{msg}"
        );
        assert!(msg.contains("serial 001234"), "{msg}");
        assert!(msg.contains("tolerates NonMinimalInteger"), "{msg}");
        assert!(checks[0].certificate.is_none());
        // The remedy the message gives works: the certificate, parsed with
        // a leniency that tolerates it, among the extra certificates.
        let checks = env
            .verify(
                Some(DOC),
                &Verifiers::builtin(),
                std::slice::from_ref(&cert),
            )
            .unwrap();
        assert!(checks[0].is_valid(), "{:?}", checks[0].result);
    }
}

/// An embedded certificate so broken that its issuer and serial cannot be
/// read, and no certificate matching the signer: the error says a
/// certificate could not be read, without claiming it is the signer's.
#[test]
fn unidentifiable_broken_certificate_is_reported() {
    let (signer, cert) = deviating_signer("baseline.der");
    let env = Envelope::sign_detached(DOC, &signer, &SignatureOptions::new(at_2030())).unwrap();
    let mut der = env.to_der();
    let at = der
        .windows(cert.der().len())
        .position(|w| w == cert.der())
        .unwrap();
    // The TBS SEQUENCE tag (after the 4-octet Certificate header) made a SET.
    assert_eq!(der[at + 4], 0x30);
    der[at + 4] = 0x31;
    let env = Envelope::from_der(&der).unwrap();
    let checks = env.verify(Some(DOC), &Verifiers::builtin(), &[]).unwrap();
    match checks[0].result.clone().unwrap_err() {
        EnvelopeError::SignerCertificateUnreadable {
            index: 0,
            issuer: None,
            serial: None,
            error,
            ..
        } => assert!(
            matches!(
                *error,
                CertError::Der {
                    what: "tbsCertificate",
                    ..
                }
            ),
            "{error:?}"
        ),
        other => panic!("{other:?}"),
    }
    let msg = checks[0].result.clone().unwrap_err().to_string();
    assert!(
        msg.contains("no certificate matches, and certificates[0]"),
        "{msg}"
    );
    assert!(msg.contains("issuer and serial unreadable"), "{msg}");
}

/// Through the verifier: INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND (EN
/// 319 102-1 §5.2.3: the signing certificate cannot be used), with the code
/// and the certificate's position, issuer and serial as parameters.
#[test]
fn unreadable_signer_certificate_in_the_report() {
    use sigbridge::registry::Registry;
    use sigbridge::verify::{Indication, SubIndication};
    use sigbridge::{Content, Jurisdiction, Request, Verifier};

    let (signer, _) = deviating_signer("serial-non-minimal.der");
    let p7s = Envelope::sign_detached(DOC, &signer, &SignatureOptions::new(at_2030()))
        .unwrap()
        .to_der();
    let root = common::fixture("eu/root.pem");
    let registry = Registry::ad_hoc(Jurisdiction::EU, &[root], vec!["advanced".into()]).unwrap();
    let report = Verifier::without_sample_policies(&registry).verify(Request::new(
        &p7s,
        Content::Detached(DOC),
        Jurisdiction::EU,
        at_2030(),
    ));
    let v = &report.signatures[0].validity;
    assert_eq!(
        (v.indication, v.sub_indication),
        (
            Indication::Indeterminate,
            Some(SubIndication::NoSigningCertificateFound)
        )
    );
    let f = &v.findings[0];
    assert_eq!(f.code, "ENVELOPE_SIGNER_CERTIFICATE_UNREADABLE");
    assert_eq!(f.params["index"], "0");
    assert_eq!(f.params["issuer"], ISSUER);
    assert_eq!(f.params["serial"], "001234");
    assert!(f.params["error"].contains("serial number INTEGER not minimally encoded"));
    assert!(!report.verdict.accepted);
}
