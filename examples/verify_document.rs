//! Verifies a signed trade document for a relying jurisdiction and prints
//! the report.
//!
//! ```text
//! cargo run --example verify_document -- --content FILE --signature SIG.p7s
//!     (--registry REG.json | --trust-anchor ROOT.pem --jurisdiction XX)
//!     --relying XX [--doc-type CODE] [--at RFC3339] [--crl CRL]... [--intermediate PEM]...
//!     [--policies POLICIES.json] [--json]
//! ```
//!
//! `--trust-anchor` builds an ad-hoc one-jurisdiction registry around that
//! CA, with the jurisdiction's sample policy (or a baseline policy), so any
//! CA can be tried without writing a registry file.
//!
//! Exit status: 0 = every signature TOTAL_PASSED and recognised and the
//! document accepted; 1 = anything else (the report says what); 2 = bad
//! usage or unreadable input.

#[path = "common/args.rs"]
#[allow(dead_code)] // each example uses part of it
mod args;

use std::process::ExitCode;

use args::{Parsed, read};
use sigbridge::path::Crl;
use sigbridge::policy::load_policies;
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Request, Verifier};
use sigbridge::{Certificate, DocumentType, Jurisdiction, Time, load_certificates};

const USAGE: &str = "usage: verify_document --content FILE --signature SIG.p7s
    (--registry REG.json | --trust-anchor ROOT.pem --jurisdiction XX)
    --relying XX [--doc-type CODE] [--at RFC3339] [--crl CRL]... [--intermediate PEM]...
    [--policies POLICIES.json] [--json]

  --content        the signed document (detached content)
  --signature      the envelope (DER, BER or PEM)
  --registry       a registry file (JSON, docs/registry-format.md)
  --trust-anchor   a root certificate: an ad-hoc registry of one jurisdiction
  --jurisdiction   the jurisdiction of --trust-anchor
  --relying        the relying jurisdiction (whose law and policy apply)
  --doc-type       the UNTDID 1001 code the relying party expects (default: the envelope's)
  --at             validation time (default: now)
  --crl            a CRL (DER or PEM) for revocation checking; repeatable
  --intermediate   extra CA certificates for path building; repeatable
  --policies       jurisdiction policies (JSON) replacing the samples
  --json           print the report as JSON

exit status: 0 accepted, 1 not accepted (see the report), 2 bad usage or unreadable input";

fn main() -> ExitCode {
    let args = match args::parse(
        USAGE,
        &[
            "content",
            "signature",
            "registry",
            "trust-anchor",
            "jurisdiction",
            "relying",
            "doc-type",
            "at",
            "crl",
            "intermediate",
            "policies",
        ],
        &["json"],
    ) {
        Parsed::Run(a) => a,
        Parsed::Exit(code) => return code,
    };
    match run(&args) {
        Ok(accepted) => {
            if accepted {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(message) => match args::usage_error(USAGE, &message) {
            Parsed::Exit(code) => code,
            Parsed::Run(_) => ExitCode::from(2),
        },
    }
}

fn jurisdiction(arg: &str, value: &str) -> Result<Jurisdiction, String> {
    Jurisdiction::from_code(value)
        .ok_or_else(|| format!("--{arg}: '{value}' is not a two-letter jurisdiction code"))
}

fn run(args: &args::Args) -> Result<bool, String> {
    let content = read(args.required("content")?)?;
    let signature = read(args.required("signature")?)?;
    let relying = jurisdiction("relying", args.required("relying")?)?;
    let at: Time = match args.get("at") {
        Some(t) => t.parse().map_err(|e| format!("--at: {e}"))?,
        None => args::now(),
    };
    let registry = match (args.get("registry"), args.get("trust-anchor")) {
        (Some(path), None) => {
            let text =
                String::from_utf8(read(path)?).map_err(|_| format!("{path} is not UTF-8"))?;
            Registry::from_json(&text).map_err(|e| format!("{path}: {e}"))?
        }
        (None, Some(path)) => {
            let j = jurisdiction("jurisdiction", args.required("jurisdiction")?)?;
            ad_hoc_registry(path, j)?
        }
        _ => return Err("give either --registry or --trust-anchor with --jurisdiction".into()),
    };
    let mut crls = Vec::new();
    for path in args.all("crl") {
        let bytes = read(path)?;
        let der = match pem::parse(&bytes) {
            Ok(block) => block.contents().to_vec(),
            Err(_) => bytes,
        };
        crls.push(Crl::from_der(&der).map_err(|e| format!("{path}: {e}"))?);
    }
    let mut intermediates: Vec<Certificate> = Vec::new();
    for path in args.all("intermediate") {
        intermediates.extend(load_certificates(&read(path)?).map_err(|e| format!("{path}: {e}"))?);
    }
    // With a policy file, the samples are not applied (they are written for
    // the sample registry, and Verifier::new refuses them where they do not fit).
    let base = if args.get("policies").is_some() {
        Verifier::without_sample_policies(&registry)
    } else {
        Verifier::new(&registry).map_err(|e| e.to_string())?
    };
    let mut verifier = base.with_crls(crls).with_intermediates(intermediates);
    if let Some(path) = args.get("policies") {
        let text = String::from_utf8(read(path)?).map_err(|_| format!("{path} is not UTF-8"))?;
        verifier = verifier
            .with_policies(load_policies(&text).map_err(|e| format!("{path}: {e}"))?)
            .map_err(|e| format!("{path}: {e}"))?;
    }
    let mut request = Request::new(&signature, Content::Detached(&content), relying, at);
    if let Some(code) = args.get("doc-type") {
        let d: DocumentType = code.parse().map_err(|e| format!("--doc-type: {e}"))?;
        request = request.document_type(d);
    }
    let report = verifier.verify(request);
    if args.flag("json") {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        );
    } else {
        print!("{report}");
    }
    Ok(report.verdict.accepted)
}

/// One jurisdiction, one anchor, with the vocabulary of the sample
/// registry's entry for `j` if there is one (so that certificate-borne
/// levels such as EU "QES" are understood), else the single level `trusted`.
fn ad_hoc_registry(path: &str, j: Jurisdiction) -> Result<Registry, String> {
    let certs = load_certificates(&read(path)?).map_err(|e| format!("{path}: {e}"))?;
    let root = certs
        .first()
        .ok_or_else(|| format!("{path}: no certificate"))?;
    let levels = Registry::sample()
        .ok()
        .and_then(|s| s.jurisdiction(j).map(|e| e.levels.clone()))
        .unwrap_or_else(|| vec!["trusted".to_owned()]);
    Registry::ad_hoc(j, std::slice::from_ref(root), levels).map_err(|e| format!("{path}: {e}"))
}
