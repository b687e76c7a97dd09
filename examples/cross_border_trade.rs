//! The main job: a certificate of origin crosses a border.
//!
//! ```text
//! cargo run --example cross_border_trade
//! ```
//!
//! On the built-in sample registry and the test PKIs (testdata/pki), at a
//! fixed time (2026-11-23T09:00:00Z):
//!
//! 1. a Chinese exporter signs a certificate of origin (SM2, CAdES-B-B);
//! 2. the Chinese chamber of commerce co-signs it;
//! 3. Kazakh customs verifies it: recognised, accepted;
//! 4. the EU verifies it: not accepted, and the report says why;
//! 5. a Kazakh invoice, signed under an anchor Kazakhstan's scheme withdrew,
//!    is refused in China;
//! 6. a tampered copy of the certificate of origin fails.
//!
//! It prints each report and exits 0 when every outcome is the expected
//! one, 1 otherwise.

#[path = "common/args.rs"]
#[allow(dead_code)] // each example uses part of it
mod args;

use std::process::ExitCode;

use args::Parsed;
use sigbridge::crypto::SoftwareSigner;
use sigbridge::envelope::{CommitmentType, Envelope, SignatureOptions};
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Indication, Request, SubIndication, Verifier};
use sigbridge::{DocumentType, Jurisdiction, Time, load_certificates};

const USAGE: &str = "usage: cross_border_trade

Signs a certificate of origin in China (exporter + chamber of commerce),
verifies it in Kazakhstan and the EU, refuses an invoice under a withdrawn
Kazakh anchor and a tampered copy; prints the reports. Sample data only.";

const CERTIFICATE_OF_ORIGIN: &[u8] = b"<CertificateOfOrigin number=\"CCPIT-2026-0042\">
  <Exporter uscc=\"91110108MA01XY3K34\">Example Technology Co., Ltd.</Exporter>
  <Consignee country=\"KZ\">Almaty Trading LLP</Consignee>
  <Goods hs=\"8517.62\" origin=\"CN\">Network switches, 400 units</Goods>
</CertificateOfOrigin>
";

const INVOICE: &[u8] = b"<Invoice number=\"KZ-INV-7781\" currency=\"KZT\" total=\"18500000\"/>\n";

fn signer(dir: &str, name: &str) -> Result<SoftwareSigner, String> {
    let chain_path = format!("testdata/pki/{dir}/chain-{name}.pem");
    let chain =
        load_certificates(&args::read(&chain_path)?).map_err(|e| format!("{chain_path}: {e}"))?;
    let (leaf, rest) = chain
        .split_first()
        .ok_or(format!("{chain_path} is empty"))?;
    let key_path = format!("testdata/pki/{dir}/{name}.key");
    Ok(
        SoftwareSigner::from_pkcs8_pem(&args::read(&key_path)?, leaf.clone())
            .map_err(|e| format!("{key_path}: {e}"))?
            // Ship the issuing CA, not the root: the relying party has the root.
            .with_chain(rest.iter().take(1).cloned().collect()),
    )
}

fn main() -> ExitCode {
    if let Parsed::Exit(code) = args::parse(USAGE, &[], &[]) {
        return code;
    }
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("at least one outcome differs from the expected story (see above)");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn section(title: &str) {
    println!("\n=== {title} ===");
}

fn expect(ok: bool, what: &str) -> bool {
    println!(
        "--> {}: {what}",
        if ok { "as expected" } else { "UNEXPECTED" }
    );
    ok
}

fn run() -> Result<bool, String> {
    let at: Time = "2026-11-23T09:00:00Z".parse().map_err(|e| format!("{e}"))?;
    let registry = Registry::sample().map_err(|e| e.to_string())?;
    let verifier = Verifier::new(&registry).map_err(|e| e.to_string())?;
    let mut story_holds = true;

    section("1-2. Exporter signs, chamber of commerce co-signs (China)");
    let exporter = signer("cn", "org-uscc")?;
    let chamber = signer("cn", "chamber")?;
    let signed = Envelope::sign_detached(
        CERTIFICATE_OF_ORIGIN,
        &exporter,
        &SignatureOptions::new(at)
            .document_type(DocumentType::CERTIFICATE_OF_ORIGIN)
            .commitment(CommitmentType::ProofOfOrigin)
            .include_chain(true),
    )
    .map_err(|e| e.to_string())?;
    let later: Time = "2026-11-23T11:30:00Z".parse().map_err(|e| format!("{e}"))?;
    let cosigned = signed
        .add_signer(
            Some(CERTIFICATE_OF_ORIGIN),
            &chamber,
            &SignatureOptions::new(later)
                .document_type(DocumentType::CERTIFICATE_OF_ORIGIN)
                .commitment(CommitmentType::ProofOfApproval)
                .include_chain(true),
        )
        .map_err(|e| e.to_string())?;
    let p7s = cosigned.to_der();
    println!(
        "certificate of origin: {} bytes; envelope: {} bytes, {} signatures, {} certificates",
        CERTIFICATE_OF_ORIGIN.len(),
        p7s.len(),
        cosigned.signer_infos().len(),
        cosigned.certificates().len()
    );
    let verified_at: Time = "2026-11-24T08:00:00Z".parse().map_err(|e| format!("{e}"))?;

    section("3-4. Kazakh customs and the EU verify (one cryptographic pass)");
    let reports = verifier.verify_for(
        Request::new(
            &p7s,
            Content::Detached(CERTIFICATE_OF_ORIGIN),
            Jurisdiction::KZ,
            verified_at,
        ),
        &[Jurisdiction::KZ, Jurisdiction::EU],
    );
    let [kz, eu] = reports.as_slice() else {
        return Err("expected two reports".into());
    };
    println!("{kz}");
    story_holds &= expect(
        kz.verdict.accepted,
        "Kazakhstan accepts the certificate of origin",
    );
    println!("{eu}");
    story_holds &= expect(
        !eu.verdict.accepted
            && eu.signatures.iter().all(|s| {
                s.recognition
                    .reasons
                    .iter()
                    .any(|r| r.contains("does not cover UNTDID 1001 code 861"))
            }),
        "the EU does not recognise Chinese certificates of origin (its agreement covers invoices only)",
    );

    section("5. A Kazakh invoice under a withdrawn anchor, verified in China");
    let kz_signer = signer("kz", "ceo")?;
    let invoice_p7s = Envelope::sign_detached(
        INVOICE,
        &kz_signer,
        &SignatureOptions::new(verified_at)
            .document_type(DocumentType::COMMERCIAL_INVOICE)
            .include_chain(true),
    )
    .map_err(|e| e.to_string())?
    .to_der();
    let cn = verifier.verify(Request::new(
        &invoice_p7s,
        Content::Detached(INVOICE),
        Jurisdiction::CN,
        verified_at,
    ));
    println!("{cn}");
    story_holds &= expect(
        !cn.verdict.accepted
            && cn.signatures.iter().any(|s| {
                s.recognition
                    .reasons
                    .iter()
                    .any(|r| r.contains("withdrawn"))
            }),
        "China refuses it: the anchor was withdrawn",
    );

    section("6. A tampered copy of the certificate of origin");
    let tampered: Vec<u8> = String::from_utf8_lossy(CERTIFICATE_OF_ORIGIN)
        .replace("400 units", "4000 units")
        .into_bytes();
    let report = verifier.verify(Request::new(
        &p7s,
        Content::Detached(&tampered),
        Jurisdiction::KZ,
        verified_at,
    ));
    println!("{report}");
    story_holds &= expect(
        report.signatures.iter().all(|s| {
            s.validity.indication == Indication::TotalFailed
                && s.validity.sub_indication == Some(SubIndication::HashFailure)
        }),
        "every signature fails with TOTAL_FAILED / HASH_FAILURE",
    );
    Ok(story_holds)
}
