//! Replays `tests/fuzz_regressions/` through the entry points of every fuzz
//! target (see `fuzz/fuzz_targets/`), and checks each file's recorded outcome.

mod common;

use common::{local, read, shared};
use sigbridge::crypto::{Verified, Verifiers};
use sigbridge::envelope::{Encoding, Envelope, SignerCheck};
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

/// Every verdict of a check tree, countersignatures included, in order.
fn verdicts(checks: &[SignerCheck]) -> Vec<Result<Verified, EnvelopeError>> {
    checks
        .iter()
        .flat_map(|c| std::iter::once(c.result.clone()).chain(verdicts(&c.countersignatures)))
        .collect()
}

/// Real producers' forms (`../shared/testdata/real-cms`, issue 13) replayed
/// through the entry points of the envelope and verifier targets (the whole
/// verifier pipeline, which `tests/real_cms.rs` does not run), by
/// reference rather than copied here: those files are DSS's (LGPL-2.1) and
/// the shared suite is their one home. For each parsed one, the DER
/// re-encoding (`to_der`) must parse and give every signature the verdict
/// the original gets: re-encoding BER or out-of-order signed attributes must
/// never change what was signed. The fuzz corpora hold all 81 (fuzz/seed.sh).
#[test]
fn real_producer_forms_replay_through_the_envelope_targets() {
    type Check = fn(&Result<Envelope, EnvelopeError>) -> bool;
    let cases: [(&str, &str, Check); 7] = [
        (
            "dss-667/DER_reordered_prova.txt.p7m",
            "BER, signed attributes not in DER order (signed DER-sorted)",
            |o| matches!(o, Ok(e) if e.encoding() == Encoding::Ber && e.signer_infos().len() == 1),
        ),
        (
            "Signature-C-DE_CRY-4.p7m",
            "signed attributes not in DER order (signed as sent)",
            |o| matches!(o, Ok(e) if e.encoding() == Encoding::Der && e.signer_infos().len() == 1),
        ),
        (
            "cades-broken-sig-tst.p7m",
            "RSA DigestInfo without the NULL parameter",
            |o| matches!(o, Ok(e) if e.encoding() == Encoding::Der && e.signer_infos().len() == 1),
        ),
        (
            "signedFile.pdf.p7s",
            "3 signers, a countersignature of a countersignature",
            |o| {
                matches!(o, Ok(e) if e.signer_infos().len() == 3
                    && e.signer_infos()[2].countersignatures().len() == 1)
            },
        ),
        (
            "dss-768/FD1&FD2&FEA.pdf.p7m",
            "BER, 3 parallel signers",
            |o| matches!(o, Ok(e) if e.encoding() == Encoding::Ber && e.signer_infos().len() == 3),
        ),
        (
            "cades-double-signing-certificate.p7m",
            "2,048 zero bytes after the ContentInfo",
            |o| {
                matches!(o, Ok(e) if e.deviations()
                    == [sigbridge::envelope::Deviation::TrailingBytes { count: 2048 }])
            },
        ),
        (
            "malformed-cades.p7m",
            "truncated, and its first byte is not a SEQUENCE tag",
            |o| matches!(o, Err(EnvelopeError::Pem { .. })),
        ),
    ];
    for (file, what, check) in cases {
        let data = read(&shared(&format!("real-cms/eu-dss/{file}")));
        let outcome = run_envelope_targets(&data);
        let _ = run_all_targets(&data);
        assert!(check(&outcome), "{file} ({what}): {outcome:?}");
        let Ok(env) = outcome else { continue };
        let again = Envelope::from_der(&env.to_der())
            .unwrap_or_else(|e| panic!("{file}: the re-encoding does not parse: {e}"));
        if env.is_detached() {
            // Its content is not public: only the parse and re-encoding are replayed.
            continue;
        }
        let verifiers = Verifiers::builtin();
        let original = env.verify(None, &verifiers, &[]).unwrap();
        let reencoded = again.verify(None, &verifiers, &[]).unwrap();
        assert!(!original.is_empty(), "{file}: no SignerInfo checked");
        assert_eq!(
            verdicts(&original),
            verdicts(&reencoded),
            "{file} ({what}): the re-encoding changed a verdict"
        );
    }
}
