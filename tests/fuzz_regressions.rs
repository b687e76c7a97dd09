//! Replays `tests/fuzz_regressions/` through the entry points of every fuzz
//! target (see `fuzz/fuzz_targets/`), and checks each file's recorded outcome.

mod common;

use common::{local, read};
use sigbridge::{CertError, Certificate, Leniency, load_certificates_with, profile};

/// What the four fuzz targets do with one input; must never panic.
fn run_all_targets(data: &[u8]) -> Result<Vec<Certificate>, CertError> {
    let _ = Certificate::from_der(data);
    if let Ok(c) = Certificate::from_der_with(data, &Leniency::all()) {
        let _ = (c.subject().to_string(), c.key_algorithm().name());
        let report = profile::analyze(&c);
        let _ = report.findings.iter().map(ToString::to_string).count();
        let _ = profile::ru::sign_tools(&c);
    }
    let _ = load_certificates_with(data, &Leniency::real_world());
    load_certificates_with(data, &Leniency::all())
}

fn expected(name: &str, outcome: &Result<Vec<Certificate>, CertError>) -> bool {
    match name {
        "der-nested-100-sequences.der" => matches!(
            outcome,
            Err(CertError::Der { what: "certificate", reason }) if reason.contains("deeper than 64")
        ),
        "der-length-4gib.der" => matches!(
            outcome,
            Err(CertError::Der { what: "certificate", reason }) if reason.contains("ends inside")
        ),
        "der-indefinite-length.der" => matches!(
            outcome,
            Err(CertError::Der { what: "certificate", reason }) if reason.contains("indefinite")
        ),
        "der-high-tag.der" => matches!(
            outcome,
            Err(CertError::Der { what: "certificate", reason }) if reason.contains("high-tag")
        ),
        "pem-unterminated.pem" | "pem-many-begin-lines.pem" => {
            matches!(outcome, Err(CertError::Pem { reason }) if reason.contains("no '-----END"))
        }
        "p7b-certificate-is-garbage.der" => matches!(
            outcome,
            Err(CertError::InBundle { index: 0, source }) if matches!(**source, CertError::Der { .. })
        ),
        _ => false,
    }
}

#[test]
fn every_regression_input_has_its_recorded_outcome() {
    let dir = local("../tests/fuzz_regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "README.md" {
            continue;
        }
        let outcome = run_all_targets(&read(&path));
        assert!(expected(&name, &outcome), "{name}: {outcome:?}");
        seen += 1;
    }
    assert!(seen >= 7, "regression corpus went missing: {seen} files");
}
