//! Signs a trade document: a detached CAdES-B-B envelope, B-T with
//! `--timestamp` (or a co-signature added to an existing one).
//!
//! ```text
//! cargo run --example sign_document -- --key KEY.pem --cert CERT.pem [--chain CHAIN.pem]
//! cargo run --example sign_document -- --key STORE.p12 --password P [--chain CHAIN.pem]
//!     [--password P | --password-file F]
//!     --content FILE --doc-type CODE [--commitment KIND] [--policy OID --policy-document FILE]
//!     [--add-to EXISTING.p7s] [--enveloping] [--at RFC3339] [--pem] --out OUT.p7s
//!     [--timestamp [--tsa-key KEY --tsa-cert CERT] [--tsa-at RFC3339]]
//! ```
//!
//! The key is PKCS#8, PEM or DER, plain or encrypted (PBES2; give the
//! password with `--password` or, better, `--password-file`), or a PKCS#12
//! key store (`.p12` / `.pfx`, e.g. as the NCA RK issues them), which holds
//! the certificate too.
//!
//! Exit status: 0 signed, 1 signing failed (the message says why), 2 bad
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
use sigbridge::crypto::Signer;
use sigbridge::envelope::{CommitmentType, Envelope, SignatureOptions, SignaturePolicyRef};
use sigbridge::tsp::{self, SoftwareTsa};
use sigbridge::{DocumentType, Time};

const USAGE: &str =
    "usage: sign_document --key KEY.pem --cert CERT.pem | --key STORE.p12 [--chain CHAIN.pem]
    [--password P | --password-file F]
    --content FILE --doc-type CODE [--commitment KIND] [--policy OID --policy-document FILE]
    [--add-to EXISTING.p7s] [--enveloping] [--at RFC3339] [--pem] --out OUT.p7s

  --key              PKCS#8 private key, PEM or DER, plain or encrypted; or a PKCS#12 key store
  --password         the password of an encrypted key
  --password-file    a file whose first line is that password (keeps it out of the process list)
  --cert             the signer's certificate (PEM or DER); not with a key store
  --chain            intermediate certificates to ship in the envelope
  --content          the trade document (signed as bytes)
  --doc-type         UNTDID 1001 document code, e.g. 380 invoice, 861 certificate of origin
  --commitment       origin | receipt | delivery | sender | approval | creation
  --policy           signature policy OID; needs --policy-document (its SHA-256 is signed)
  --add-to           an existing detached envelope over the same content: add a co-signature
  --enveloping       put the document inside the envelope (default: detached)
  --at               signing time (default: now)
  --pem              write PEM (label CMS) instead of DER
  --out              where to write the envelope
  --timestamp        add a signature-time-stamp (RFC 3161, CAdES-B-T) to the new signature, made
                     by a software TSA; the sample EU unit testdata/pki/tsa/eu-tsu by default
  --tsa-key, --tsa-cert  the time-stamping unit's key and certificate (instead of the sample)
  --tsa-at           the time-stamp's genTime (default: the signing time)

exit status: 0 signed, 1 signing failed, 2 bad usage or unreadable input";

fn main() -> ExitCode {
    let args = match args::parse(
        USAGE,
        &[
            "key",
            "password",
            "password-file",
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
            "tsa-key",
            "tsa-cert",
            "tsa-at",
        ],
        &["pem", "enveloping", "timestamp"],
        0,
    ) {
        Parsed::Run(a) => a,
        Parsed::Exit(code) => return code,
    };
    let mut out = output::Out::new();
    match run(&args).and_then(|message| out.line(&message)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.exit(),
    }
}

fn run(args: &args::Args) -> Result<String, Failure> {
    // Check the whole command line before reading any file.
    let key_path = args.required("key")?;
    let cert_path = args.get("cert");
    let content_path = args.required("content")?;
    let out = args.required("out")?;
    let doc_type: DocumentType = args
        .required("doc-type")?
        .parse()
        .map_err(|e: String| Failure::Usage(format!("--doc-type: {e}")))?;
    if args.flag("enveloping") && args.get("add-to").is_some() {
        return Err(Failure::Usage(
            "--enveloping makes a new envelope; --add-to co-signs an existing one: give one".into(),
        ));
    }
    let at: Time = match args.get("at") {
        Some(t) => t
            .parse()
            .map_err(|e| Failure::Usage(format!("--at: {e}")))?,
        None => args::now(),
    };
    let commitment = args.get("commitment").map(commitment).transpose()?;
    let password = input::password(args)?;

    let chain = match args.get("chain") {
        Some(p) => Some(input::certificates("--chain", p)?),
        None => None,
    };
    // The chain given to the signer is shipped (SignatureOptions ships the
    // signer's chain by default); a key store's own certificates unless
    // --chain says otherwise.
    let signer = if input::is_key_store("--key", key_path)? {
        if cert_path.is_some() {
            return Err(Failure::Usage(
                "--key is a PKCS#12 key store, which holds the certificate: leave out --cert"
                    .into(),
            ));
        }
        let signer = input::key_store_signer("--key", key_path, password.as_deref())?;
        match chain {
            Some(chain) => signer.with_chain(chain),
            None => signer,
        }
    } else {
        let cert_path = cert_path.ok_or_else(|| {
            Failure::Usage("--cert is required (unless --key is a PKCS#12 key store)".into())
        })?;
        let cert = input::certificate("--cert", cert_path)?;
        input::signer("--key", key_path, cert, password.as_deref())?
            .with_chain(chain.unwrap_or_default())
    };
    let content = input::read("--content", content_path)?;
    let mut options = SignatureOptions::new(at).document_type(doc_type);
    if let Some(c) = commitment {
        options = options.commitment(c);
    }
    match (args.get("policy"), args.get("policy-document")) {
        (Some(oid), Some(doc)) => {
            let oid = oid
                .parse()
                .map_err(|e| Failure::Usage(format!("--policy: {e}")))?;
            let document = input::read("--policy-document", doc)?;
            options = options.policy(SignaturePolicyRef::new(oid, &document));
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
        Some(existing) => {
            let (_, envelope) = input::envelope("--add-to", existing)?;
            envelope.add_signer(Some(&content), &signer, &options)
        }
        None if args.flag("enveloping") => Envelope::sign_enveloping(&content, &signer, &options),
        None => Envelope::sign_detached(&content, &signer, &options),
    }
    .map_err(|e| Failure::Failed(e.to_string()))?;
    let envelope = if args.flag("timestamp") {
        timestamp(args, envelope, signer.certificate(), at)?
    } else {
        envelope
    };
    let bytes = if args.flag("pem") {
        envelope.to_pem().into_bytes()
    } else {
        envelope.to_der()
    };
    std::fs::write(out, bytes)
        .map_err(|e| Failure::Input(format!("--out: cannot write {out}: {e}")))?;
    Ok(format!(
        "{out}: {} signature(s) over {} bytes, document type {}{}{}",
        envelope.signer_infos().len(),
        content.len(),
        doc_type.0,
        if envelope.is_detached() {
            ""
        } else {
            ", enveloping"
        },
        if args.flag("timestamp") {
            ", time-stamped (CAdES-B-T)"
        } else {
            ""
        }
    ))
}

/// The new signature (the one by `cert` without a signature-time-stamp
/// yet) time-stamped by the software TSA the command line names.
fn timestamp(
    args: &args::Args,
    envelope: Envelope,
    cert: &sigbridge::Certificate,
    signed_at: Time,
) -> Result<Envelope, Failure> {
    let key = args.get("tsa-key").unwrap_or("testdata/pki/tsa/eu-tsu.key");
    let cert_path = args
        .get("tsa-cert")
        .unwrap_or("testdata/pki/tsa/eu-tsu.pem");
    let gen_time: Time = match args.get("tsa-at") {
        Some(t) => t
            .parse()
            .map_err(|e| Failure::Usage(format!("--tsa-at: {e}")))?,
        None => signed_at,
    };
    let unit = input::certificate("--tsa-cert", cert_path)?;
    let unit = input::signer("--tsa-key", key, unit, None)?;
    // The sample TSA's policy (testdata/pki/tsa/tsa.cnf).
    let policy = sigbridge::Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1");
    let tsa = SoftwareTsa::new(unit, policy, gen_time);
    let index = envelope
        .signer_infos()
        .iter()
        .position(|si| {
            si.signer_identifier().matches(cert) && tsp::signature_timestamps(si).is_empty()
        })
        .ok_or_else(|| Failure::Failed("the new signature is not in the envelope".into()))?;
    envelope
        .add_signature_timestamp(index, &tsa, sigbridge::HashAlgorithm::Sha256)
        .map_err(|e| Failure::Failed(format!("time-stamping: {e}")))
}

fn commitment(name: &str) -> Result<CommitmentType, Failure> {
    Ok(match name {
        "origin" => CommitmentType::ProofOfOrigin,
        "receipt" => CommitmentType::ProofOfReceipt,
        "delivery" => CommitmentType::ProofOfDelivery,
        "sender" => CommitmentType::ProofOfSender,
        "approval" => CommitmentType::ProofOfApproval,
        "creation" => CommitmentType::ProofOfCreation,
        other => {
            return Err(Failure::Usage(format!(
                "--commitment: unknown kind '{other}' (origin, receipt, delivery, sender, approval, creation)"
            )));
        }
    })
}
