//! Prints what sigbridge understands of a certificate file.
//!
//! ```text
//! cargo run --example inspect_certificate -- FILE [--json] [--strict]
//! ```
//!
//! FILE may be DER, PEM (one or many blocks), bare base64, or a certs-only
//! PKCS#7 bundle (`.p7b`). Real-world deviations from DER are tolerated
//! (and listed) unless `--strict` is given. Exit status: 0 when parsed, 1
//! with a one-line error otherwise, 2 on bad usage.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use sigbridge::cert::{GeneralName, QcStatement};
use sigbridge::profile::{self, CheckDigit};
use sigbridge::{Certificate, Leniency};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let strict = args.iter().any(|a| a == "--strict");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [file] = files.as_slice() else {
        eprintln!("usage: inspect_certificate FILE [--json] [--strict]");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {file}: {e}");
            return ExitCode::from(1);
        }
    };
    let leniency = if strict {
        Leniency::strict()
    } else {
        Leniency::real_world()
    };
    let certs = match sigbridge::load_certificates_with(&bytes, &leniency) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {file}: {e}");
            return ExitCode::from(1);
        }
    };
    let mut out = String::new();
    if json {
        let items: Vec<String> = certs.iter().map(to_json).collect();
        let _ = writeln!(out, "[{}]", items.join(",\n"));
    } else {
        let _ = writeln!(out, "{file}: {} certificate(s)", certs.len());
        for (i, c) in certs.iter().enumerate() {
            print_text(&mut out, i, c);
        }
    }
    // A closed pipe (`| head`) is not an error worth a panic.
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

/// Everything printed, as (label, values) pairs, shared by both output forms.
fn facts(c: &Certificate) -> Vec<(&'static str, Vec<String>)> {
    let report = profile::analyze(c);
    let mut f: Vec<(&'static str, Vec<String>)> = vec![
        ("subject", vec![c.subject().to_string()]),
        ("issuer", vec![c.issuer().to_string()]),
        ("serial", vec![c.serial_hex()]),
        (
            "validity",
            vec![
                c.validity().not_before.to_string(),
                c.validity().not_after.to_string(),
            ],
        ),
        ("sha256", vec![c.fingerprint_hex()]),
        (
            "signature_algorithm",
            vec![c.signature_algorithm().to_string()],
        ),
        ("key_algorithm", vec![c.key_algorithm().to_string()]),
        (
            "jurisdiction",
            vec![
                report
                    .jurisdiction
                    .map_or("unknown".to_owned(), |j| j.to_string()),
            ],
        ),
        ("profile", vec![report.profile.to_owned()]),
        ("signer_kind", vec![format!("{:?}", report.identity.kind)]),
    ];
    let id = &report.identity;
    let names: Vec<String> = [
        ("surname", &id.surname),
        ("given_name", &id.given_name),
        ("patronymic", &id.patronymic),
        ("organization", &id.organization),
    ]
    .iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")))
    .collect();
    f.push(("names", names));
    f.push((
        "identifiers",
        id.identifiers
            .iter()
            .map(|i| {
                let check = match i.check {
                    CheckDigit::Valid => "check digit valid",
                    CheckDigit::Invalid => "CHECK DIGIT INVALID",
                    CheckDigit::NotDefined => "no check digit",
                };
                format!("{} ({check})", i)
            })
            .collect(),
    ));
    f.push((
        "roles",
        id.roles.iter().map(|r| format!("{:?}", r.kind)).collect(),
    ));
    f.push((
        "assurance",
        report
            .assurance
            .levels
            .iter()
            .map(|l| format!("{l:?}"))
            .collect(),
    ));
    f.push((
        "assurance_markers",
        report
            .assurance
            .markers
            .iter()
            .map(|m| format!("{} ({})", m.name, m.oid))
            .collect(),
    ));
    f.push((
        "findings",
        report.findings.iter().map(ToString::to_string).collect(),
    ));
    if let Some(bc) = c.basic_constraints() {
        f.push((
            "basic_constraints",
            vec![format!(
                "CA={}{}",
                bc.ca,
                bc.path_len
                    .map_or(String::new(), |p| format!(", pathlen={p}"))
            )],
        ));
    }
    if let Some(ku) = c.key_usage() {
        f.push((
            "key_usage",
            ku.names().into_iter().map(str::to_owned).collect(),
        ));
    }
    if let Some(eku) = c.extended_key_usage() {
        f.push((
            "extended_key_usage",
            eku.iter().map(ToString::to_string).collect(),
        ));
    }
    if let Some(p) = c.certificate_policies() {
        f.push(("policies", p.iter().map(|p| p.oid.to_string()).collect()));
    }
    if let Some(qc) = c.qc_statements() {
        f.push((
            "qc_statements",
            qc.statements
                .iter()
                .map(|s| match s {
                    QcStatement::Other { oid } => format!("Other({oid})"),
                    other => format!("{other:?}"),
                })
                .collect(),
        ));
    }
    let san: Vec<String> = c
        .subject_alt_names()
        .iter()
        .map(|n| match n {
            GeneralName::Email(e) => format!("email:{e}"),
            GeneralName::Dns(d) => format!("dns:{d}"),
            GeneralName::Uri(u) => format!("uri:{u}"),
            GeneralName::DirectoryName(d) => format!("dirname:{d}"),
            other => format!("{other:?}"),
        })
        .collect();
    if !san.is_empty() {
        f.push(("subject_alt_names", san));
    }
    f.push((
        "crl_urls",
        c.crl_urls().into_iter().map(str::to_owned).collect(),
    ));
    f.push((
        "ocsp_urls",
        c.ocsp_urls().into_iter().map(str::to_owned).collect(),
    ));
    f.push((
        "unknown_critical_extensions",
        c.unknown_critical_extensions()
            .iter()
            .map(ToString::to_string)
            .collect(),
    ));
    f.push((
        "tolerated_deviations",
        c.deviations().iter().map(ToString::to_string).collect(),
    ));
    f
}

fn print_text(out: &mut String, i: usize, c: &Certificate) {
    let _ = writeln!(out, "[{i}]");
    for (label, values) in facts(c) {
        if values.is_empty() {
            continue;
        }
        let _ = writeln!(out, "    {label:<28} {}", values.join("; "));
    }
}

fn to_json(c: &Certificate) -> String {
    let fields: Vec<String> = facts(c)
        .into_iter()
        .map(|(k, v)| {
            let items: Vec<String> = v.iter().map(|s| json_string(s)).collect();
            format!("  \"{k}\": [{}]", items.join(", "))
        })
        .collect();
    format!("{{\n{}\n}}", fields.join(",\n"))
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
