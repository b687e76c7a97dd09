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
//! 6. a tampered copy of the certificate of origin fails;
//! 7. a Russian exporter signs an invoice with GOST R 34.10-2012: Kazakhstan
//!    accepts it, the EU (no agreement with Russia) does not;
//! 8. a Kazakh company director signs an export invoice with the NCA's test key
//!    store (`.p12`, GOST 34.10-2015-512): Russia accepts it;
//! 9. a Belgian carrier signs a bill of lading in March 2025 and has it
//!    time-stamped by the sample EU time-stamping service (CAdES-B-T); EU
//!    customs verifies it in November 2026, after the carrier's certificate
//!    expired (June 2025): accepted, judged at the time-stamp's time; the same
//!    bill of lading without the time-stamp is refused.
//!
//! It prints each report and exits 0 when every outcome is the expected
//! one, 1 otherwise.

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
use output::Out;
use sigbridge::crypto::SoftwareSigner;
use sigbridge::envelope::{CommitmentType, Envelope, SignatureOptions};
use sigbridge::registry::Registry;
use sigbridge::tsp::SoftwareTsa;
use sigbridge::verify::{
    Content, Indication, Request, SubIndication, VerificationReport, Verifier,
};
use sigbridge::{DocumentType, HashAlgorithm, Jurisdiction, Oid, Time};

const USAGE: &str = "usage: cross_border_trade

Signs a certificate of origin in China (exporter + chamber of commerce),
verifies it in Kazakhstan and the EU, refuses an invoice under a withdrawn
Kazakh anchor and a tampered copy; a Russian GOST invoice verified in
Kazakhstan and the EU, a Kazakh director's GOST invoice (NCA key store)
verified in Russia; a time-stamped bill of lading verified after its
signer's certificate expired, accepted, and the same without the
time-stamp, refused; prints the reports. Sample data only.";

const CERTIFICATE_OF_ORIGIN: &[u8] = b"<CertificateOfOrigin number=\"CCPIT-2026-0042\">
  <Exporter uscc=\"91110108MA01XY3K34\">Example Technology Co., Ltd.</Exporter>
  <Consignee country=\"KZ\">Almaty Trading LLP</Consignee>
  <Goods hs=\"8517.62\" origin=\"CN\">Network switches, 400 units</Goods>
</CertificateOfOrigin>
";

const INVOICE: &[u8] = b"<Invoice number=\"KZ-INV-7781\" currency=\"KZT\" total=\"18500000\"/>\n";

const RU_INVOICE: &[u8] = b"<Invoice number=\"RU-2026-1187\" currency=\"RUB\" total=\"4250000\">
  <Seller ogrn=\"1145000123454\">OOO Primer Export</Seller>
  <Buyer country=\"KZ\">Almaty Trading LLP</Buyer>
</Invoice>
";

const BILL_OF_LADING: &[u8] =
    b"<BillOfLading number=\"ANR-2025-0314\" carrier=\"Janssens Shipping\">
  <PortOfLoading>Antwerp</PortOfLoading>
  <PortOfDischarge>Aktau</PortOfDischarge>
  <Goods>Agricultural machinery, 3 containers</Goods>
</BillOfLading>
";

const KZ_EXPORT_INVOICE: &[u8] = b"<Invoice number=\"KZ-RU-2026-031\" seller-bin=\"123456789021\" buyer-ogrn=\"1145000123454\" currency=\"RUB\" total=\"980000\"/>\n";

/// The NCA RK test key store of a company head, shipped in testdata/national.
fn kz_director() -> Result<SoftwareSigner, Failure> {
    let dir = "testdata/national/kz-nca-test";
    let p12 = std::fs::read(format!("{dir}/head.p12"))
        .map_err(|e| Failure::Input(format!("{dir}/head.p12: {e}")))?;
    let ca = input::certificates("NCA test PKI", &format!("{dir}/nca_gost2022_test.cer"))?;
    Ok(SoftwareSigner::from_pkcs12(&p12, "Qwerty12")
        .map_err(|e| Failure::Input(format!("{dir}/head.p12: {e}")))?
        .with_chain(ca))
}

/// The sample EU time-stamping unit (testdata/pki/tsa/eu-tsu), answering at `at`.
fn eu_tsa(at: Time) -> Result<SoftwareTsa, Failure> {
    let cert = input::certificates("test TSA", "testdata/pki/tsa/eu-tsu.pem")?
        .into_iter()
        .next()
        .ok_or_else(|| Failure::Input("testdata/pki/tsa/eu-tsu.pem is empty".into()))?;
    let unit = input::signer("test TSA", "testdata/pki/tsa/eu-tsu.key", cert, None)?;
    Ok(SoftwareTsa::new(unit, TSA_POLICY, at))
}

/// The policy under which the sample TSA issues time-stamps.
const TSA_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1");

/// The test PKI is read relative to the crate root, where `cargo run` starts.
fn signer(dir: &str, name: &str) -> Result<SoftwareSigner, Failure> {
    let chain_path = format!("testdata/pki/{dir}/chain-{name}.pem");
    let chain = input::certificates("test PKI", &chain_path)?;
    let (leaf, rest) = chain
        .split_first()
        .ok_or_else(|| Failure::Input(format!("test PKI: {chain_path} is empty")))?;
    let key_path = format!("testdata/pki/{dir}/{name}.key");
    Ok(input::signer("test PKI", &key_path, leaf.clone(), None)?
        // Ship the issuing CA, not the root: the relying party has the root.
        .with_chain(rest.iter().take(1).cloned().collect()))
}

fn main() -> ExitCode {
    if let Parsed::Exit(code) = args::parse(USAGE, &[], &[], 0) {
        return code;
    }
    match run(&mut Out::new()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => Failure::Failed(
            "at least one outcome differs from the expected story (see above)".into(),
        )
        .exit(),
        Err(f) => f.exit(),
    }
}

fn section(out: &mut Out, title: &str) -> Result<(), Failure> {
    out.line(&format!("\n=== {title} ==="))
}

fn expect(out: &mut Out, ok: bool, what: &str) -> Result<bool, Failure> {
    out.line(&format!(
        "--> {}: {what}",
        if ok { "as expected" } else { "UNEXPECTED" }
    ))?;
    Ok(ok)
}

/// The reports of Kazakhstan and the EU on one detached envelope (one
/// cryptographic pass, two relying jurisdictions).
fn in_kz_and_eu(
    verifier: &Verifier,
    p7s: &[u8],
    content: &[u8],
    at: Time,
) -> Result<[VerificationReport; 2], Failure> {
    let reports = verifier.verify_for(
        Request::new(p7s, Content::Detached(content), Jurisdiction::KZ, at),
        &[Jurisdiction::KZ, Jurisdiction::EU],
    );
    <[VerificationReport; 2]>::try_from(reports)
        .map_err(|_| Failure::Failed("expected two reports".into()))
}

/// `content` signed detached as a commercial invoice, shipping the chain.
fn sign_invoice(content: &[u8], signer: &SoftwareSigner, at: Time) -> Result<Vec<u8>, Failure> {
    Ok(Envelope::sign_detached(
        content,
        signer,
        &SignatureOptions::new(at)
            .document_type(DocumentType::COMMERCIAL_INVOICE)
            .include_chain(true),
    )
    .map_err(failed)?
    .to_der())
}

/// A failure of the library on the built-in sample data.
fn failed(e: impl std::fmt::Display) -> Failure {
    Failure::Failed(e.to_string())
}

fn run(out: &mut Out) -> Result<bool, Failure> {
    let at: Time = "2026-11-23T09:00:00Z".parse().map_err(failed)?;
    let registry = Registry::sample().map_err(failed)?;
    let verifier = Verifier::new(&registry).map_err(failed)?;
    let mut story_holds = true;

    section(
        out,
        "1-2. Exporter signs, chamber of commerce co-signs (China)",
    )?;
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
    .map_err(failed)?;
    let later: Time = "2026-11-23T11:30:00Z".parse().map_err(failed)?;
    let cosigned = signed
        .add_signer(
            Some(CERTIFICATE_OF_ORIGIN),
            &chamber,
            &SignatureOptions::new(later)
                .document_type(DocumentType::CERTIFICATE_OF_ORIGIN)
                .commitment(CommitmentType::ProofOfApproval)
                .include_chain(true),
        )
        .map_err(failed)?;
    let p7s = cosigned.to_der();
    out.line(&format!(
        "certificate of origin: {} bytes; envelope: {} bytes, {} signatures, {} certificates",
        CERTIFICATE_OF_ORIGIN.len(),
        p7s.len(),
        cosigned.signer_infos().len(),
        cosigned.certificates().len()
    ))?;
    let verified_at: Time = "2026-11-24T08:00:00Z".parse().map_err(failed)?;

    section(
        out,
        "3-4. Kazakh customs and the EU verify (one cryptographic pass)",
    )?;
    let [kz, eu] = in_kz_and_eu(&verifier, &p7s, CERTIFICATE_OF_ORIGIN, verified_at)?;
    out.line(&kz.to_string())?;
    story_holds &= expect(
        out,
        kz.verdict.accepted,
        "Kazakhstan accepts the certificate of origin",
    )?;
    out.line(&eu.to_string())?;
    story_holds &= expect(
        out,
        !eu.verdict.accepted
            && eu.signatures.iter().all(|s| {
                s.recognition
                    .reasons
                    .iter()
                    .any(|r| r.contains("does not cover UNTDID 1001 code 861"))
            }),
        "the EU does not recognise Chinese certificates of origin (its agreement covers invoices only)",
    )?;

    section(
        out,
        "5. A Kazakh invoice under a withdrawn anchor, verified in China",
    )?;
    let kz_signer = signer("kz", "ceo")?;
    let invoice_p7s = sign_invoice(INVOICE, &kz_signer, verified_at)?;
    let cn = verifier.verify(Request::new(
        &invoice_p7s,
        Content::Detached(INVOICE),
        Jurisdiction::CN,
        verified_at,
    ));
    out.line(&cn.to_string())?;
    story_holds &= expect(
        out,
        !cn.verdict.accepted
            && cn.signatures.iter().any(|s| {
                s.recognition
                    .reasons
                    .iter()
                    .any(|r| r.contains("withdrawn"))
            }),
        "China refuses it: the anchor was withdrawn",
    )?;

    section(out, "6. A tampered copy of the certificate of origin")?;
    let tampered: Vec<u8> = String::from_utf8_lossy(CERTIFICATE_OF_ORIGIN)
        .replace("400 units", "4000 units")
        .into_bytes();
    let report = verifier.verify(Request::new(
        &p7s,
        Content::Detached(&tampered),
        Jurisdiction::KZ,
        verified_at,
    ));
    out.line(&report.to_string())?;
    story_holds &= expect(
        out,
        report.signatures.iter().all(|s| {
            s.validity.indication == Indication::TotalFailed
                && s.validity.sub_indication == Some(SubIndication::HashFailure)
        }),
        "every signature fails with TOTAL_FAILED / HASH_FAILURE",
    )?;

    section(
        out,
        "7. A Russian exporter's invoice (GOST R 34.10-2012), verified in Kazakhstan and the EU",
    )?;
    let ru_signer = signer("ru-gost/256a", "org-ceo")?;
    let ru_p7s = sign_invoice(RU_INVOICE, &ru_signer, verified_at)?;
    let [kz, eu] = in_kz_and_eu(&verifier, &ru_p7s, RU_INVOICE, verified_at)?;
    out.line(&kz.to_string())?;
    story_holds &= expect(
        out,
        kz.verdict.accepted,
        "Kazakhstan accepts the Russian GOST invoice (agreement kz-recognises-ru, KC2 → nca-signing)",
    )?;
    out.line(&eu.to_string())?;
    story_holds &= expect(
        out,
        !eu.verdict.accepted
            && eu.signatures.iter().all(|s| {
                s.validity
                    .reasons
                    .iter()
                    .any(|r| r.contains("gost-2012-256 is not accepted"))
                    && s.recognition
                        .reasons
                        .iter()
                        .any(|r| r.contains("no recognition agreement for RU"))
            }),
        "the EU refuses it: its policy takes no GOST, and it has no agreement with Russia",
    )?;

    section(
        out,
        "8. A Kazakh director signs with the NCA test key store (.p12), verified in Russia",
    )?;
    let director = kz_director()?;
    let kz_p7s = sign_invoice(KZ_EXPORT_INVOICE, &director, verified_at)?;
    let ru = verifier.verify(Request::new(
        &kz_p7s,
        Content::Detached(KZ_EXPORT_INVOICE),
        Jurisdiction::RU,
        verified_at,
    ));
    out.line(&ru.to_string())?;
    story_holds &= expect(
        out,
        ru.verdict.accepted,
        "Russia accepts the Kazakh director's GOST 34.10-2015 signature (agreement ru-recognises-kz)",
    )?;

    section(
        out,
        "9. A time-stamped bill of lading (CAdES-B-T), verified after its signer's certificate expired",
    )?;
    // Signed on 2025-03-14 with a certificate valid until 2025-06-30, then
    // time-stamped by the EU TSA a few minutes later (B-B → B-T: the
    // signed bytes do not change).
    let carrier = signer("eu", "expired")?;
    let signed_at: Time = "2025-03-14T08:40:00Z".parse().map_err(failed)?;
    let stamped_at: Time = "2025-03-14T08:41:07Z".parse().map_err(failed)?;
    let bare = Envelope::sign_detached(
        BILL_OF_LADING,
        &carrier,
        &SignatureOptions::new(signed_at)
            .document_type(DocumentType::BILL_OF_LADING)
            .commitment(CommitmentType::ProofOfOrigin)
            .include_chain(true),
    )
    .map_err(failed)?;
    let timestamped = bare
        .add_signature_timestamp(0, &eu_tsa(stamped_at)?, HashAlgorithm::Sha256)
        .map_err(failed)?;
    let eu_bt = verifier.verify(Request::new(
        &timestamped.to_der(),
        Content::Detached(BILL_OF_LADING),
        Jurisdiction::EU,
        verified_at,
    ));
    out.line(&eu_bt.to_string())?;
    story_holds &= expect(
        out,
        eu_bt.verdict.accepted
            && eu_bt.signatures.iter().all(|s| {
                s.proof_of_existence.as_deref() == Some("signature-time-stamp #1")
                    && s.best_signature_time == "2025-03-14T08:41:07Z"
            }),
        "the EU accepts it: the time-stamp proves it was signed while the certificate was valid",
    )?;
    let eu_bb = verifier.verify(Request::new(
        &bare.to_der(),
        Content::Detached(BILL_OF_LADING),
        Jurisdiction::EU,
        verified_at,
    ));
    out.line(&eu_bb.to_string())?;
    story_holds &= expect(
        out,
        !eu_bb.verdict.accepted
            && eu_bb
                .signatures
                .iter()
                .all(|s| s.validity.sub_indication == Some(SubIndication::OutOfBoundsNoPoe)),
        "without the time-stamp it is refused: INDETERMINATE / OUT_OF_BOUNDS_NO_POE",
    )?;
    Ok(story_holds)
}
