//! Verifies a signed trade document for a relying jurisdiction and prints
//! the report.
//!
//! ```text
//! cargo run --example verify_document -- [--content FILE] --signature SIG.p7s
//!     (--registry REG.json | --trust-anchor ROOT.pem --jurisdiction XX)
//!     --relying XX [--doc-type CODE] [--at RFC3339] [--crl CRL]... [--intermediate PEM]...
//!     [--policies POLICIES.json] [--json]
//! ```
//!
//! `--content` is the document of a detached signature; an enveloping
//! (attached) signature carries its document and is verified without it.
//! The signature may be DER, BER, PEM or bare base64 (as NCALayer and
//! CryptoPro hand it over).
//!
//! `--trust-anchor` builds an ad-hoc one-jurisdiction registry around that
//! CA, with the jurisdiction's sample policy (or a baseline policy), so any
//! CA can be tried without writing a registry file.
//!
//! Exit status: 0 = every signature TOTAL_PASSED and recognised and the
//! document accepted; 1 = anything else (the report says what); 2 = bad
//! usage or unreadable input (one line naming the option and the file).

#[path = "common/args.rs"]
#[allow(dead_code)] // each example uses part of it
mod args;
#[path = "common/input.rs"]
#[allow(dead_code)]
mod input;
#[path = "common/output.rs"]
#[allow(dead_code)]
mod output;

use std::process::ExitCode;

use args::{Failure, Parsed};
use sigbridge::policy::load_policies;
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Request, Verifier};
use sigbridge::{Certificate, DocumentType, Jurisdiction, Time};

const USAGE: &str = "usage: verify_document [--content FILE] --signature SIG.p7s
    (--registry REG.json | --trust-anchor ROOT.pem --jurisdiction XX)
    --relying XX [--doc-type CODE] [--at RFC3339] [--crl CRL]... [--intermediate PEM]...
    [--policies POLICIES.json] [--json]

  --content        the signed document, for a detached signature (an enveloping one carries it)
  --signature      the envelope (DER, BER, PEM or bare base64)
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
        0,
    ) {
        Parsed::Run(a) => a,
        Parsed::Exit(code) => return code,
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(f) => f.exit(),
    }
}

fn jurisdiction(arg: &str, value: &str) -> Result<Jurisdiction, Failure> {
    Jurisdiction::from_code(value).ok_or_else(|| {
        Failure::Usage(format!(
            "--{arg}: '{value}' is not a two-letter jurisdiction code"
        ))
    })
}

fn run(args: &args::Args) -> Result<bool, Failure> {
    // Check the whole command line before reading any file.
    let signature_path = args.required("signature")?;
    let relying = jurisdiction("relying", args.required("relying")?)?;
    let at: Time = match args.get("at") {
        Some(t) => t
            .parse()
            .map_err(|e| Failure::Usage(format!("--at: {e}")))?,
        None => args::now(),
    };
    let doc_type: Option<DocumentType> = args
        .get("doc-type")
        .map(|code| {
            code.parse()
                .map_err(|e: String| Failure::Usage(format!("--doc-type: {e}")))
        })
        .transpose()?;
    let source = match (args.get("registry"), args.get("trust-anchor")) {
        (Some(path), None) => Source::File(path),
        (None, Some(path)) => Source::Anchor(
            path,
            jurisdiction("jurisdiction", args.required("jurisdiction")?)?,
        ),
        _ => {
            return Err(Failure::Usage(
                "give either --registry or --trust-anchor with --jurisdiction".into(),
            ));
        }
    };

    let (signature, envelope) = input::envelope("--signature", signature_path)?;
    let content = match (args.get("content"), envelope.is_detached()) {
        (Some(path), true) => Some(input::read("--content", path)?),
        (None, false) => None,
        (None, true) => {
            return Err(Failure::Input(format!(
                "--signature: {signature_path} is a detached signature: pass the signed document with --content FILE"
            )));
        }
        (Some(_), false) => {
            return Err(Failure::Usage(format!(
                "--signature: {signature_path} is an enveloping signature that carries its document: drop --content"
            )));
        }
    };
    let registry = match source {
        Source::Anchor(path, j) => ad_hoc_registry(path, j)?,
        Source::File(path) => {
            let text = input::json("--registry", path, "a registry file (JSON)")?;
            Registry::from_json(&text)
                .map_err(|e| Failure::Input(format!("--registry: {path}: {e}")))?
        }
    };
    let mut crls = Vec::new();
    for path in args.all("crl") {
        crls.push(input::crl("--crl", path)?);
    }
    let mut intermediates: Vec<Certificate> = Vec::new();
    for path in args.all("intermediate") {
        intermediates.extend(input::certificates("--intermediate", path)?);
    }
    // With a policy file, the samples are not applied (they are written for
    // the sample registry, and Verifier::new refuses them where they do not fit).
    let base = if args.get("policies").is_some() {
        Verifier::without_sample_policies(&registry)
    } else {
        Verifier::new(&registry)
            .map_err(|e| Failure::Input(format!("the registry and the sample policies: {e}")))?
    };
    let mut verifier = base.with_crls(crls).with_intermediates(intermediates);
    if let Some(path) = args.get("policies") {
        let text = input::json("--policies", path, "a policy file (JSON)")?;
        verifier = verifier
            .with_policies(
                load_policies(&text)
                    .map_err(|e| Failure::Input(format!("--policies: {path}: {e}")))?,
            )
            .map_err(|e| Failure::Input(format!("--policies: {path}: {e}")))?;
    }
    let content = match &content {
        Some(c) => Content::Detached(c),
        None => Content::Enveloped,
    };
    let mut request = Request::new(&signature, content, relying, at);
    if let Some(d) = doc_type {
        request = request.document_type(d);
    }
    let report = verifier.verify(request);
    let mut out = output::Out::new();
    if args.flag("json") {
        let json = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::Failed(format!("cannot serialise the report: {e}")))?;
        out.line(&json)?;
    } else {
        out.text(&report.to_string())?;
    }
    Ok(report.verdict.accepted)
}

/// Where the registry comes from.
enum Source<'a> {
    /// A registry file.
    File(&'a str),
    /// An ad-hoc registry around one trust anchor of one jurisdiction.
    Anchor(&'a str, Jurisdiction),
}

/// One jurisdiction, one anchor, with the vocabulary of the sample
/// registry's entry for `j` if there is one (so that certificate-borne
/// levels such as EU "QES" are understood), else the single level `trusted`.
fn ad_hoc_registry(path: &str, j: Jurisdiction) -> Result<Registry, Failure> {
    let certs = input::certificates("--trust-anchor", path)?;
    let root = certs
        .first()
        .ok_or_else(|| Failure::Input(format!("--trust-anchor: {path}: no certificate")))?;
    let levels = Registry::sample()
        .ok()
        .and_then(|s| s.jurisdiction(j).map(|e| e.levels.clone()))
        .unwrap_or_else(|| vec!["trusted".to_owned()]);
    Registry::ad_hoc(j, std::slice::from_ref(root), levels)
        .map_err(|e| Failure::Input(format!("--trust-anchor: {path}: {e}")))
}
