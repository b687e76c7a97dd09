//! Replays `tests/fuzz_regressions/` through the entry points of every fuzz
//! target (see `fuzz/fuzz_targets/`), and checks each file's recorded outcome.

mod common;

use common::{local, read};
use sigbridge::crypto::Verifiers;
use sigbridge::envelope::Envelope;
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Request, Verifier};
use sigbridge::{
    CertError, Certificate, EnvelopeError, Jurisdiction, Leniency, Time, load_certificates_with,
    profile,
};

/// What the envelope and verifier targets do with one input; must never panic.
fn run_envelope_targets(data: &[u8]) -> Result<Envelope, EnvelopeError> {
    let registry = Registry::sample().unwrap();
    let reports = Verifier::new(&registry).unwrap().verify_for(
        Request::new(
            data,
            Content::Detached(b"doc"),
            Jurisdiction::KZ,
            Time::from_unix(0),
        ),
        &[Jurisdiction::KZ, Jurisdiction::EU],
    );
    let _ = reports.iter().map(ToString::to_string).count();
    let env = Envelope::parse(data)?;
    let _ = Envelope::from_der(&env.to_der());
    let _ = env.verify(Some(b"doc"), &Verifiers::builtin(), &[]);
    Ok(env)
}

fn expected_envelope(name: &str, outcome: &Result<Envelope, EnvelopeError>) -> bool {
    match name {
        "env-indefinite-nesting.der" => matches!(
            outcome,
            Err(EnvelopeError::Malformed { part: "BER encoding", reason }) if reason.contains("nested more than 32")
        ),
        _ => false,
    }
}

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
        let data = read(&path);
        // Every input goes through every entry point; the outcome recorded
        // is the one of the family its name says (env-*: envelopes).
        let envelope = run_envelope_targets(&data);
        let outcome = run_all_targets(&data);
        if name.starts_with("env-") {
            assert!(expected_envelope(&name, &envelope), "{name}: {envelope:?}");
        } else {
            assert!(expected(&name, &outcome), "{name}: {outcome:?}");
        }
        seen += 1;
    }
    assert!(seen >= 8, "regression corpus went missing: {seen} files");
}
