//! BoringSSL / Chromium `parse_certificate_unittest` (91 files): our accept
//! / reject decision must equal theirs, except for the deliberate
//! differences listed with their reasons in
//! `tests/boringssl_parse_exceptions.txt`. A file whose outcome changes in
//! either direction fails the test; so does a stale exception.
//!
//! Their verdict: an `ERRORS` block containing an `ERROR:` line means
//! "reject"; no block, or only `WARNING:` lines, means "accept". We compare
//! against our parse under `Leniency::real_world()` (the mode for
//! certificates from production CAs), and also check that every file they
//! accept with a warning is one we refuse under the strict default with a
//! named deviation.

mod common;

use std::collections::BTreeMap;

use base64::Engine as _;
use common::{local, read, shared};
use sigbridge::{CertError, Certificate, Leniency};

fn blocks(text: &str) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let Some(label_end) = after.find("-----") else {
            break;
        };
        let label = after[..label_end].to_owned();
        let body_start = &after[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        let Some(end) = body_start.find(&end_marker) else {
            break;
        };
        let b64: String = body_start[..end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let engine = base64::engine::GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
        );
        // Comment text may mention a block header; keep only blocks that decode.
        if let Ok(bytes) = engine.decode(b64) {
            out.insert(label, bytes);
        }
        rest = &body_start[end + end_marker.len()..];
    }
    out
}

fn der_len(n: usize) -> Vec<u8> {
    if n < 0x80 {
        vec![n as u8]
    } else if n < 0x100 {
        vec![0x81, n as u8]
    } else {
        vec![0x82, (n >> 8) as u8, n as u8]
    }
}

/// Wraps a TBSCertificate into a Certificate with a dummy signature.
fn wrap_tbs(tbs: &[u8]) -> Vec<u8> {
    let alg = [
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
    ];
    let sig = [0x03, 0x02, 0x00, 0x00];
    let mut body = tbs.to_vec();
    body.extend_from_slice(&alg);
    body.extend_from_slice(&sig);
    let mut out = vec![0x30];
    out.extend(der_len(body.len()));
    out.extend(body);
    out
}

fn exceptions() -> BTreeMap<String, String> {
    let text = String::from_utf8(read(&local("../tests/boringssl_parse_exceptions.txt"))).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, reason) = l.split_once(':').unwrap();
            (name.trim().to_owned(), reason.trim().to_owned())
        })
        .collect()
}

#[derive(Debug, PartialEq)]
enum Theirs {
    Accept,
    AcceptWithWarning,
    Reject,
}

#[test]
fn accept_reject_matches_boringssl() {
    let dir = shared("boringssl-pki/parse_certificate_unittest");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pem"))
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        90,
        "plus the authority_key_identifier/ directory"
    );

    let exceptions = exceptions();
    let mut agree = 0;
    let mut differ = Vec::new();
    let mut unexpected = Vec::new();
    for name in &names {
        let text = String::from_utf8_lossy(&read(&dir.join(name))).into_owned();
        let b = blocks(&text);
        let der = match (b.get("CERTIFICATE"), b.get("TBS CERTIFICATE")) {
            (Some(c), _) => c.clone(),
            (None, Some(t)) => wrap_tbs(t),
            _ => panic!("{name}: no certificate"),
        };
        // parse_certificate_unittest.cc: RunCertificateTest (cert_*) expects
        // success iff a TBS CERTIFICATE block is present, RunTbsCertificateTest
        // (tbs_*) iff an SPKI block is present; the other files are read by
        // ParsedCertificate::Create, whose expectation is the ERRORS block.
        let warned = b
            .get("ERRORS")
            .is_some_and(|e| !String::from_utf8_lossy(e).contains("ERROR:"));
        let accept = if name.starts_with("cert_") {
            b.contains_key("TBS CERTIFICATE")
        } else if name.starts_with("tbs_") {
            b.contains_key("SPKI")
        } else {
            b.get("ERRORS")
                .is_none_or(|e| !String::from_utf8_lossy(e).contains("ERROR:"))
        };
        let theirs = match (accept, warned) {
            (false, _) => Theirs::Reject,
            (true, true) => Theirs::AcceptWithWarning,
            (true, false) => Theirs::Accept,
        };
        let lenient = Certificate::from_der_with(&der, &Leniency::real_world());
        let strict = Certificate::from_der(&der);
        if theirs == Theirs::AcceptWithWarning {
            // What BoringSSL warns about, we name as a deviation.
            assert!(
                matches!(strict, Err(CertError::Deviation { .. })),
                "{name}: {strict:?}"
            );
        }
        let ours_accept = lenient.is_ok();
        let theirs_accept = theirs != Theirs::Reject;
        match (ours_accept == theirs_accept, exceptions.get(name)) {
            (true, None) => agree += 1,
            (false, Some(_)) => differ.push(name.clone()),
            (true, Some(reason)) => unexpected.push(format!(
                "{name}: now agrees, remove the exception ({reason})"
            )),
            (false, None) => unexpected.push(format!(
                "{name}: BoringSSL {theirs:?}, sigbridge {}",
                match &lenient {
                    Ok(_) => "accepts".to_owned(),
                    Err(e) => format!("rejects: {e}"),
                }
            )),
        }
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
    for name in exceptions.keys() {
        assert!(names.contains(name), "exception for unknown file {name}");
    }
    assert_eq!(agree + differ.len(), names.len());
    // Record the baseline: a change in either number is a behaviour change.
    assert_eq!((agree, differ.len()), (BASELINE_AGREE, BASELINE_DIFFER));
}

const BASELINE_AGREE: usize = 70;
const BASELINE_DIFFER: usize = 20;

/// Under the strict default the three name-charset exceptions agree with
/// BoringSSL: refused, with the named deviation.
#[test]
fn strict_refuses_what_real_world_tolerates_in_names() {
    let dir = shared("boringssl-pki/parse_certificate_unittest");
    for name in [
        "issuer_bad_printable_string.pem",
        "subject_not_printable_string.pem",
        "subject_not_ascii.pem",
    ] {
        let text = String::from_utf8_lossy(&read(&dir.join(name))).into_owned();
        let der = blocks(&text).remove("CERTIFICATE").unwrap();
        match Certificate::from_der(&der) {
            Err(CertError::Deviation {
                deviation: sigbridge::Deviation::StringCharset { .. },
            }) => {}
            other => panic!("{name}: {other:?}"),
        }
        let lenient = Certificate::from_der_with(&der, &Leniency::real_world()).unwrap();
        assert_eq!(
            lenient.deviations()[0].kind(),
            sigbridge::DeviationKind::StringCharset
        );
    }
}

/// The two extension-encoding exceptions (issue 13 item 5) agree with
/// BoringSSL under the strict default: refused, each with its deviation.
#[test]
fn strict_refuses_what_real_world_tolerates_in_extensions() {
    let dir = shared("boringssl-pki/parse_certificate_unittest");
    for (name, deviation) in [
        (
            "extension_critical_0.pem",
            sigbridge::Deviation::ExplicitCriticalFalse,
        ),
        (
            "extension_critical_3.pem",
            sigbridge::Deviation::NonDerBoolean,
        ),
    ] {
        let text = String::from_utf8_lossy(&read(&dir.join(name))).into_owned();
        let der = blocks(&text).remove("CERTIFICATE").unwrap();
        assert_eq!(
            Certificate::from_der(&der).unwrap_err(),
            CertError::Deviation {
                deviation: deviation.clone()
            },
            "{name}"
        );
        let lenient = Certificate::from_der_with(&der, &Leniency::real_world()).unwrap();
        assert_eq!(lenient.deviations(), &[deviation][..], "{name}");
    }
}
