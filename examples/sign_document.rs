//! Signs a trade document: a detached CAdES-B-B envelope (or a co-signature
//! added to an existing one).
//!
//! ```text
//! cargo run --example sign_document -- --key KEY.pem --cert CERT.pem [--chain CHAIN.pem]
//!     --content FILE --doc-type CODE [--commitment KIND] [--policy OID --policy-document FILE]
//!     [--add-to EXISTING.p7s] [--at RFC3339] [--pem] --out OUT.p7s
//! ```
//!
//! Exit status: 0 signed, 1 signing failed (the message says why), 2 bad
//! usage or unreadable input.

#[path = "common/args.rs"]
#[allow(dead_code)] // each example uses part of it
mod args;

use std::process::ExitCode;

use args::{Parsed, read};
use sigbridge::crypto::SoftwareSigner;
use sigbridge::envelope::{CommitmentType, Envelope, SignatureOptions, SignaturePolicyRef};
use sigbridge::{Certificate, DocumentType, Time, load_certificates};

const USAGE: &str = "usage: sign_document --key KEY.pem --cert CERT.pem [--chain CHAIN.pem]
    --content FILE --doc-type CODE [--commitment KIND] [--policy OID --policy-document FILE]
    [--add-to EXISTING.p7s] [--at RFC3339] [--pem] --out OUT.p7s

  --key              PKCS#8 private key (PEM, unencrypted)
  --cert             the signer's certificate (PEM or DER)
  --chain            intermediate certificates to ship in the envelope
  --content          the trade document (signed as bytes, detached)
  --doc-type         UNTDID 1001 document code, e.g. 380 invoice, 861 certificate of origin
  --commitment       origin | receipt | delivery | sender | approval | creation
  --policy           signature policy OID; needs --policy-document (its SHA-256 is signed)
  --add-to           an existing detached envelope over the same content: add a co-signature
  --at               signing time (default: now)
  --pem              write PEM (label CMS) instead of DER
  --out              where to write the envelope";

fn main() -> ExitCode {
    let args = match args::parse(
        USAGE,
        &[
            "key",
            "cert",
            "chain",
            "content",
            "doc-type",
            "commitment",
            "policy",
            "policy-document",
            "add-to",
            "at",
            "out",
        ],
        &["pem"],
    ) {
        Parsed::Run(a) => a,
        Parsed::Exit(code) => return code,
    };
    match run(&args) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(m)) => match args::usage_error(USAGE, &m) {
            Parsed::Exit(code) => code,
            Parsed::Run(_) => ExitCode::from(2),
        },
        Err(Failure::Signing(m)) => {
            eprintln!("error: {m}");
            ExitCode::from(1)
        }
    }
}

enum Failure {
    Usage(String),
    Signing(String),
}

fn run(args: &args::Args) -> Result<String, Failure> {
    let usage = Failure::Usage;
    let cert = Certificate::from_pem(&read(args.required("cert").map_err(usage)?).map_err(usage)?)
        .or_else(|_| {
            Certificate::from_der(&read(args.required("cert").map_err(usage)?).map_err(usage)?)
                .map_err(|e| Failure::Usage(format!("--cert: {e}")))
        })?;
    let chain = match args.get("chain") {
        Some(p) => load_certificates(&read(p).map_err(usage)?)
            .map_err(|e| Failure::Usage(format!("--chain: {e}")))?,
        None => Vec::new(),
    };
    let key = read(args.required("key").map_err(usage)?).map_err(usage)?;
    let signer = SoftwareSigner::from_pkcs8_pem(&key, cert)
        .map_err(|e| Failure::Usage(format!("--key: {e}")))?
        .with_chain(chain.clone());
    let content = read(args.required("content").map_err(usage)?).map_err(usage)?;
    let doc_type: DocumentType = args
        .required("doc-type")
        .map_err(usage)?
        .parse()
        .map_err(Failure::Usage)?;
    let at: Time = match args.get("at") {
        Some(t) => t
            .parse()
            .map_err(|e| Failure::Usage(format!("--at: {e}")))?,
        None => args::now(),
    };
    let mut options = SignatureOptions::new(at)
        .document_type(doc_type)
        .include_chain(!chain.is_empty());
    if let Some(c) = args.get("commitment") {
        options = options.commitment(commitment(c).map_err(usage)?);
    }
    match (args.get("policy"), args.get("policy-document")) {
        (Some(oid), Some(doc)) => {
            let oid = oid
                .parse()
                .map_err(|e| Failure::Usage(format!("--policy: {e}")))?;
            options = options.policy(SignaturePolicyRef::new(oid, &read(doc).map_err(usage)?));
        }
        (Some(_), None) => {
            return Err(Failure::Usage(
                "--policy needs --policy-document: the policy's hash is part of the signed attribute (EN 319 122-1 §5.2.9.1)".into(),
            ));
        }
        (None, Some(_)) => return Err(Failure::Usage("--policy-document needs --policy".into())),
        (None, None) => {}
    }
    let envelope = match args.get("add-to") {
        Some(existing) => Envelope::parse(&read(existing).map_err(usage)?)
            .map_err(|e| Failure::Usage(format!("--add-to: {e}")))?
            .add_signer(Some(&content), &signer, &options),
        None => Envelope::sign_detached(&content, &signer, &options),
    }
    .map_err(|e| Failure::Signing(e.to_string()))?;
    let out = args.required("out").map_err(usage)?;
    let bytes = if args.flag("pem") {
        envelope.to_pem().into_bytes()
    } else {
        envelope.to_der()
    };
    std::fs::write(out, bytes).map_err(|e| Failure::Usage(format!("cannot write {out}: {e}")))?;
    Ok(format!(
        "{out}: {} signature(s) over {} bytes, document type {}",
        envelope.signer_infos().len(),
        content.len(),
        doc_type.0
    ))
}

fn commitment(name: &str) -> Result<CommitmentType, String> {
    Ok(match name {
        "origin" => CommitmentType::ProofOfOrigin,
        "receipt" => CommitmentType::ProofOfReceipt,
        "delivery" => CommitmentType::ProofOfDelivery,
        "sender" => CommitmentType::ProofOfSender,
        "approval" => CommitmentType::ProofOfApproval,
        "creation" => CommitmentType::ProofOfCreation,
        other => return Err(format!("--commitment: unknown kind '{other}'")),
    })
}
