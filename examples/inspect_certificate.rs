//! Prints what sigbridge understands of a certificate file.
//!
//! ```text
//! cargo run --example inspect_certificate -- FILE [--json] [--strict]
//! ```
//!
//! FILE may be DER, PEM (one or many blocks), bare base64, or a certs-only
//! PKCS#7 bundle (`.p7b`). Real-world deviations from DER are tolerated
//! (and listed) unless `--strict` is given. A file of another kind (a
//! private key, a CRL, a CMS signature …) is named as such. Exit status: 0
//! when parsed, 1 with a one-line error when the file holds no certificate,
//! 2 on bad usage or a missing or unreadable file.

#[path = "common/args.rs"]
#[allow(dead_code)] // each example uses part of it
mod args;
#[path = "common/input.rs"]
#[allow(dead_code)]
mod input;
#[path = "common/output.rs"]
#[allow(dead_code)]
mod output;

use std::fmt::Write as _;
use std::process::ExitCode;

use args::{Failure, Parsed};
use input::Kind;
use sigbridge::cert::{GeneralName, QcStatement, QcType};
use sigbridge::profile::{
    self, AssuranceLevel, CheckDigit, Role, RoleKind, RuSignToolClass, SignerKind,
};
use sigbridge::{Certificate, Leniency};

const USAGE: &str = "usage: inspect_certificate FILE [--json] [--strict]

  FILE       DER, PEM (one or many blocks), bare base64, or a certs-only PKCS#7 bundle
  --json     print JSON instead of text
  --strict   refuse every deviation from DER (default: tolerate and list the known ones)

exit status: 0 parsed, 1 no certificate in FILE, 2 bad usage or unreadable FILE";

fn main() -> ExitCode {
    let args = match args::parse(USAGE, &[], &["json", "strict"], 1) {
        Parsed::Run(a) => a,
        Parsed::Exit(code) => return code,
    };
    let [file] = args.positional() else {
        return Failure::Usage("give one certificate FILE".into()).exit();
    };
    let mut out = output::Out::new();
    match run(file, args.flag("json"), args.flag("strict")).and_then(|text| out.text(&text)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.exit(),
    }
}

fn run(file: &str, json: bool, strict: bool) -> Result<String, Failure> {
    let bytes = input::read("", file)?;
    // Not a certificate file, and surely something else: say what it is (exit 1).
    let kind = input::sniff(&bytes).kind;
    if !matches!(
        kind,
        Kind::Certificate | Kind::CertificateBundle | Kind::Unknown
    ) {
        return Err(Failure::Failed(format!(
            "{file} is {}, not a certificate",
            kind.describe()
        )));
    }
    let leniency = if strict {
        Leniency::strict()
    } else {
        Leniency::real_world()
    };
    let certs = sigbridge::load_certificates_with(&bytes, &leniency)
        .map_err(|e| Failure::Failed(format!("{file}: {e}")))?;
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
    Ok(out)
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
        (
            "signer_kind",
            vec![signer_kind(report.identity.kind).to_owned()],
        ),
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
    f.push(("roles", id.roles.iter().map(role).collect()));
    f.push((
        "assurance",
        report.assurance.levels.iter().map(level).collect(),
    ));
    // The names the registry uses for these levels (docs/registry-format.md).
    f.push((
        "registry_levels",
        sigbridge::registry::level_names(&report.assurance),
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
            qc.statements.iter().map(qc_statement).collect(),
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
            GeneralName::IpAddress(ip) => format!("ip:{}", ip_address(ip)),
            GeneralName::RegisteredId(oid) => format!("rid:{oid}"),
            GeneralName::OtherName { type_id, .. } => format!("othername:{type_id}"),
            GeneralName::X400Address(_) => "x400Address".to_owned(),
            GeneralName::EdiPartyName(_) => "ediPartyName".to_owned(),
            _ => "another kind of name".to_owned(),
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

fn signer_kind(kind: SignerKind) -> &'static str {
    match kind {
        SignerKind::NaturalPerson => "natural person",
        SignerKind::LegalEntity => "legal entity",
        SignerKind::Representative => "natural person acting for a legal entity",
        SignerKind::CertificationAuthority => "certification authority",
        SignerKind::Unknown => "not stated",
        _ => "another kind of signer",
    }
}

fn role(r: &Role) -> String {
    let name = match r.kind {
        RoleKind::FirstHead => "first head of the legal entity",
        RoleKind::SigningAuthority => "signing authority",
        RoleKind::FinancialSigner => "signer of financial documents",
        RoleKind::HumanResources => "human-resources officer",
        RoleKind::Employee => "employee (no signing authority of its own)",
        RoleKind::DocumentSigner => "organisational document signer",
        RoleKind::InformationSystem => "information system of a legal entity",
        _ => "another role",
    };
    match &r.oid {
        Some(oid) => format!("{name} ({oid})"),
        None => name.to_owned(),
    }
}

fn level(l: &AssuranceLevel) -> String {
    match l {
        AssuranceLevel::EuQualified { qscd: true } => {
            "EU qualified, key in a qualified device (QES / QSeal)".to_owned()
        }
        AssuranceLevel::EuQualified { qscd: false } => {
            "EU qualified, key not in a qualified device (advanced with a qualified certificate)"
                .to_owned()
        }
        AssuranceLevel::EuAdvanced => "EU advanced (EN 319 411-1 policy)".to_owned(),
        AssuranceLevel::RuSignToolClass(c) => {
            let class = match c {
                RuSignToolClass::Kc1 => "KC1 (КС1)",
                RuSignToolClass::Kc2 => "KC2 (КС2)",
                RuSignToolClass::Kc3 => "KC3 (КС3)",
                RuSignToolClass::Kb1 => "KB1 (КВ1)",
                RuSignToolClass::Kb2 => "KB2 (КВ2)",
                RuSignToolClass::Ka1 => "KA1 (КА1)",
            };
            format!("RU qualified, signature tool class {class}")
        }
        AssuranceLevel::InClass(n) => format!("IN CCA class {n}"),
        AssuranceLevel::InAadhaarEkyc(1) => "IN Aadhaar eKYC, OTP".to_owned(),
        AssuranceLevel::InAadhaarEkyc(2) => "IN Aadhaar eKYC, biometric".to_owned(),
        AssuranceLevel::InAadhaarEkyc(n) => format!("IN Aadhaar eKYC, method {n}"),
        AssuranceLevel::KzNcaSigning => "KZ NCA signing (electronic digital signature)".to_owned(),
        AssuranceLevel::KzNcaAuthentication => {
            "KZ NCA authentication (not for signing documents)".to_owned()
        }
        _ => "another level (see registry_levels)".to_owned(),
    }
}

fn qc_type(t: &QcType) -> String {
    match t {
        QcType::ESign => "esign".to_owned(),
        QcType::ESeal => "eseal".to_owned(),
        QcType::Web => "web".to_owned(),
        QcType::Other(oid) => oid.to_string(),
        _ => "another type".to_owned(),
    }
}

fn qc_statement(s: &QcStatement) -> String {
    match s {
        QcStatement::Compliance => "QcCompliance (EU qualified certificate)".to_owned(),
        QcStatement::Sscd => "QcSSCD (key in a qualified device)".to_owned(),
        QcStatement::Type(types) => format!(
            "QcType {}",
            types.iter().map(qc_type).collect::<Vec<_>>().join(", ")
        ),
        QcStatement::CcLegislation(countries) => {
            format!("QcCClegislation {}", countries.join(", "))
        }
        QcStatement::LimitValue {
            currency,
            amount,
            exponent,
        } => format!("QcLimitValue {amount}e{exponent} {currency}"),
        QcStatement::RetentionPeriod(years) => format!("QcRetentionPeriod {years} years"),
        QcStatement::Pds(locations) => format!(
            "QcPDS {}",
            locations
                .iter()
                .map(|l| format!("{} ({})", l.url, l.language))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        QcStatement::Semantics {
            identifier: Some(oid),
        } => format!("semantics identifier {oid}"),
        QcStatement::Semantics { identifier: None } => "semantics information".to_owned(),
        QcStatement::Other { oid } => format!("statement {oid}"),
        _ => "another statement".to_owned(),
    }
}

fn ip_address(ip: &[u8]) -> String {
    match ip {
        [a, b, c, d] => format!("{a}.{b}.{c}.{d}"),
        _ => ip
            .chunks(2)
            .map(|pair| pair.iter().map(|b| format!("{b:02x}")).collect::<String>())
            .collect::<Vec<_>>()
            .join(":"),
    }
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
