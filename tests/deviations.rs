//! Every named leniency has a fixture (`testdata/pki/deviations/`): under
//! the strict default the certificate is refused with exactly that
//! deviation; tolerating that one kind admits it and lists the deviation
//! on the certificate; `Leniency::real_world()` admits exactly the kinds it
//! documents.

mod common;

use common::{local, read};
use sigbridge::cert::{PolicyQualifier, StringType};
use sigbridge::{CertError, Certificate, Deviation, DeviationKind, Leniency};

fn der(name: &str) -> Vec<u8> {
    read(&local(&format!("pki/deviations/{name}")))
}

fn cases() -> Vec<(&'static str, Deviation, bool)> {
    // (file, the deviation, tolerated by real_world())
    vec![
        ("negative-serial.der", Deviation::NegativeSerial, true),
        ("serial-zero.der", Deviation::ZeroSerial, true),
        (
            "serial-21-octets.der",
            Deviation::LongSerial { octets: 21 },
            true,
        ),
        (
            "serial-non-minimal.der",
            Deviation::NonMinimalInteger {
                field: "serial number",
            },
            false,
        ),
        (
            "lowercase-country.der",
            Deviation::LowercaseCountry { value: "de".into() },
            true,
        ),
        (
            "invalid-country-code.der",
            Deviation::InvalidCountryCode {
                value: "BEL".into(),
            },
            true,
        ),
        (
            "name-t61string.der",
            Deviation::LegacyStringType {
                attribute: "CN".into(),
                string_type: StringType::Teletex,
            },
            true,
        ),
        (
            "name-bmpstring.der",
            Deviation::LegacyStringType {
                attribute: "O".into(),
                string_type: StringType::Bmp,
            },
            true,
        ),
        (
            "name-printable-with-utf8.der",
            Deviation::StringCharset {
                attribute: "O".into(),
                string_type: StringType::Printable,
            },
            true,
        ),
        (
            "utctime-no-seconds.der",
            Deviation::NonCanonicalTime {
                value: "2401010000Z".into(),
            },
            false,
        ),
        (
            "generalizedtime-before-2050.der",
            Deviation::GeneralizedTimeBefore2050 {
                value: "20451231235959Z".into(),
            },
            true,
        ),
        ("long-form-length.der", Deviation::NonMinimalLength, false),
        ("unsorted-rdn-set.der", Deviation::UnsortedSet, true),
        ("bitstring-padding.der", Deviation::BitStringPadding, false),
        (
            "explicit-critical-false.der",
            Deviation::ExplicitCriticalFalse,
            true,
        ),
        ("non-der-boolean.der", Deviation::NonDerBoolean, true),
        (
            "explicit-version-v1.der",
            Deviation::ExplicitDefault {
                field: "version v1",
            },
            false,
        ),
        (
            "non-der-boolean-critical.der",
            Deviation::NonDerBoolean,
            true,
        ),
        (
            "extension-long-form-length.der",
            Deviation::NonMinimalLengthInExtension {
                extension: "subjectKeyIdentifier",
            },
            true,
        ),
        (
            "notice-visiblestring-latin1.der",
            Deviation::UndecodableNoticeText {
                field: "explicitText",
                string_type: StringType::Visible,
            },
            true,
        ),
        (
            "notice-bmpstring-odd.der",
            Deviation::UndecodableNoticeText {
                field: "explicitText",
                string_type: StringType::Bmp,
            },
            true,
        ),
        (
            "notice-utf8-invalid.der",
            Deviation::UndecodableNoticeText {
                field: "explicitText",
                string_type: StringType::Utf8,
            },
            true,
        ),
    ]
}

#[test]
fn every_leniency_has_a_fixture() {
    let covered: Vec<DeviationKind> = cases().iter().map(|(_, d, _)| d.kind()).collect();
    for kind in DeviationKind::ALL {
        // ExplicitCaFalse is covered by BoringSSL's basic_constraints_ca_false.pem
        // (tests/boringssl_parse.rs) and the test below.
        if kind == DeviationKind::ExplicitCaFalse {
            continue;
        }
        assert!(covered.contains(&kind), "{kind:?} has no fixture");
    }
}

#[test]
fn strict_refuses_with_the_named_deviation() {
    for (file, deviation, _) in cases() {
        let err = Certificate::from_der(&der(file)).unwrap_err();
        assert_eq!(
            err,
            CertError::Deviation {
                deviation: deviation.clone()
            },
            "{file}"
        );
        // The message tells the user what to do.
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("tolerates {:?}", deviation.kind())),
            "{file}: {msg}"
        );
    }
}

#[test]
fn tolerating_one_kind_admits_and_reports_it() {
    for (file, deviation, _) in cases() {
        let bytes = der(file);
        let lenient = Leniency::strict().tolerate(deviation.kind());
        let cert =
            Certificate::from_der_with(&bytes, &lenient).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(cert.deviations().contains(&deviation), "{file}");
        assert_eq!(cert.der(), &bytes[..], "{file}: bytes kept exactly");
        // Tolerating some other kind does not help.
        let other = DeviationKind::ALL
            .into_iter()
            .find(|k| *k != deviation.kind())
            .unwrap();
        assert!(
            Certificate::from_der_with(&bytes, &Leniency::strict().tolerate(other)).is_err(),
            "{file}"
        );
    }
}

#[test]
fn real_world_admits_exactly_its_documented_kinds() {
    for (file, deviation, tolerated) in cases() {
        let r = Certificate::from_der_with(&der(file), &Leniency::real_world());
        assert_eq!(r.is_ok(), tolerated, "{file}: {r:?}");
        assert_eq!(
            Leniency::real_world().tolerates(deviation.kind()),
            tolerated,
            "{file}"
        );
    }
}

#[test]
fn deviating_values_are_still_decoded() {
    let all = Leniency::all();
    let neg = Certificate::from_der_with(&der("negative-serial.der"), &all).unwrap();
    assert_eq!(neg.serial_hex(), "8001020304050607");
    let t61 = Certificate::from_der_with(&der("name-t61string.der"), &all).unwrap();
    assert_eq!(t61.subject().common_name(), Some("Test T61"));
    let bmp = Certificate::from_der_with(&der("name-bmpstring.der"), &all).unwrap();
    assert_eq!(bmp.subject().organization(), Some("SigBridge Test BMP"));
    let utf8 = Certificate::from_der_with(&der("name-printable-with-utf8.der"), &all).unwrap();
    assert_eq!(utf8.subject().organization(), Some("Müller GmbH"));
    let utc = Certificate::from_der_with(&der("utctime-no-seconds.der"), &all).unwrap();
    assert_eq!(
        utc.validity().not_before.to_string(),
        "2024-01-01T00:00:00Z"
    );
    let gtime = Certificate::from_der_with(&der("generalizedtime-before-2050.der"), &all).unwrap();
    assert_eq!(
        gtime.validity().not_after.to_string(),
        "2045-12-31T23:59:59Z"
    );
    let bool01 = Certificate::from_der_with(&der("non-der-boolean.der"), &all).unwrap();
    assert!(bool01.is_ca());
    let crit01 = Certificate::from_der_with(&der("non-der-boolean-critical.der"), &all).unwrap();
    let bc = sigbridge::Oid::new_unwrap("2.5.29.19");
    assert!(crit01.extension(&bc).unwrap().critical);
    assert!(!crit01.is_ca());
    let critical_false =
        Certificate::from_der_with(&der("explicit-critical-false.der"), &all).unwrap();
    let ski = sigbridge::Oid::new_unwrap("2.5.29.14");
    assert!(!critical_false.extension(&ski).unwrap().critical);
    let long = Certificate::from_der_with(&der("extension-long-form-length.der"), &all).unwrap();
    assert_eq!(long.subject_key_id().map(<[u8]>::len), Some(20));
    let v1 = Certificate::from_der_with(&der("explicit-version-v1.der"), &all).unwrap();
    assert_eq!(v1.version(), 1);
    // The notice text is kept as read: 8-bit strings as ISO 8859-1, the
    // others with U+FFFD where they do not decode.
    for (file, text) in [
        ("notice-visiblestring-latin1.der", "finalità è"),
        ("notice-bmpstring-odd.der", "Test\u{fffd}"),
        ("notice-utf8-invalid.der", "Pol\u{fffd}tica"),
    ] {
        let cert = Certificate::from_der_with(&der(file), &Leniency::real_world()).unwrap();
        let policies = cert.certificate_policies().unwrap();
        assert_eq!(policies.len(), 1, "{file}");
        assert_eq!(policies[0].oid.to_string(), "1.3.6.1.4.1.55555.2", "{file}");
        assert_eq!(
            policies[0].qualifiers,
            vec![PolicyQualifier::UserNotice {
                organization: None,
                notice_numbers: Vec::new(),
                explicit_text: Some(text.to_owned()),
            }],
            "{file}"
        );
    }
}

/// Each class the real-world leniency admits is listed on the certificate
/// with its deviation, and with nothing of another kind.
#[test]
fn real_world_lists_each_admitted_deviation() {
    for (file, deviation, tolerated) in cases() {
        if !tolerated {
            continue;
        }
        let cert = Certificate::from_der_with(&der(file), &Leniency::real_world()).unwrap();
        assert!(cert.deviations().contains(&deviation), "{file}");
        assert!(
            cert.deviations()
                .iter()
                .all(|d| d.kind() == deviation.kind()),
            "{file}: {:?}",
            cert.deviations()
        );
    }
}

#[test]
fn trailing_bytes_are_never_tolerated() {
    let bytes = der("trailing-bytes.der");
    assert_eq!(
        Certificate::from_der_with(&bytes, &Leniency::all()).unwrap_err(),
        CertError::TrailingData {
            what: "certificate",
            len: 2
        }
    );
}

#[test]
fn unknown_critical_extension_is_listed_not_refused() {
    let cert = Certificate::from_der(&der("unknown-critical-ext.der")).unwrap();
    let unknown: Vec<String> = cert
        .unknown_critical_extensions()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(unknown, vec!["1.3.6.1.4.1.55555.1"]);
    let baseline = Certificate::from_der(&der("baseline.der")).unwrap();
    assert!(baseline.unknown_critical_extensions().is_empty());
    assert!(baseline.deviations().is_empty());
}

#[test]
fn explicit_ca_false_is_its_own_kind() {
    // BoringSSL's basic_constraints_ca_false.pem: `cA BOOLEAN FALSE` spelled out.
    let text = std::fs::read_to_string(common::shared(
        "boringssl-pki/parse_certificate_unittest/basic_constraints_ca_false.pem",
    ))
    .unwrap();
    let certs =
        sigbridge::load_certificates_with(text.as_bytes(), &Leniency::real_world()).unwrap();
    assert_eq!(certs[0].deviations(), &[Deviation::ExplicitCaFalse]);
    assert!(!certs[0].is_ca());
    let strict = Certificate::from_pem(text.as_bytes()).unwrap_err();
    assert_eq!(
        strict,
        CertError::Deviation {
            deviation: Deviation::ExplicitCaFalse
        }
    );
}
