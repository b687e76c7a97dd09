//! Denial of service (issue 12 item 10): the work a document costs is
//! bounded per document, not per SignerInfo; identical SignerInfos and
//! certificates are checked once; CRLs a third party adds to an envelope
//! (its `crls` field is not signed, RFC 5652 §5.1) can neither starve path
//! building nor cost signature checks when they cannot concern the path.
//!
//! Work is counted, not timed: a plugged signature verifier counts every
//! signature check the verifier asks for and delegates to the built-in
//! backend.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::certgen::{self, Key};
use sigbridge::crypto::{
    AlgorithmIdentifier, PublicKeyInfo, SignatureVerifier, SoftwareSigner, Verifiers, VerifyOptions,
};
use sigbridge::envelope::{Envelope, SignatureOptions};
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Indication, Request, VerificationReport, Verifier};
use sigbridge::{DocumentType, Jurisdiction, Time, VerifyError, load_certificates};

const INVOICE: &[u8] = b"<Invoice number='INV-DOS'/>";

/// Counts signature checks and hands them to the built-in backend.
struct Counting(Arc<AtomicUsize>);

impl SignatureVerifier for Counting {
    fn name(&self) -> &str {
        "counting"
    }
    fn supports(&self, _: &AlgorithmIdentifier, _: &PublicKeyInfo) -> bool {
        true
    }
    fn verify(
        &self,
        key: &PublicKeyInfo,
        algorithm: &AlgorithmIdentifier,
        message: &[u8],
        signature: &[u8],
        options: &VerifyOptions,
    ) -> Result<(), VerifyError> {
        self.0.fetch_add(1, Ordering::Relaxed);
        Verifiers::builtin()
            .verify_with(key, algorithm, message, signature, options)
            .map(|_| ())
    }
}

fn at() -> Time {
    "2026-11-23T09:00:00Z".parse().unwrap()
}

/// The CN exporter of the sample data (accepted in KZ for invoices).
fn exporter() -> SoftwareSigner {
    let chain =
        load_certificates(&common::read(&common::local("pki/cn/chain-org-uscc.pem"))).unwrap();
    let key = common::read(&common::local("pki/cn/org-uscc.key"));
    SoftwareSigner::from_pkcs8_pem(&key, chain[0].clone())
        .unwrap()
        .with_chain(chain[1..2].to_vec())
}

fn signed(signing_time: Time) -> Vec<u8> {
    let options = SignatureOptions::new(signing_time)
        .document_type(DocumentType::COMMERCIAL_INVOICE)
        .include_chain(true);
    Envelope::sign_detached(INVOICE, &exporter(), &options)
        .unwrap()
        .to_der()
}

/// The header length and total length of the TLV at the start of `d`.
fn tlv_len(d: &[u8]) -> (usize, usize) {
    let first = d[1] as usize;
    if first < 0x80 {
        (2, 2 + first)
    } else {
        let n = first & 0x7f;
        let len = d[2..2 + n].iter().fold(0usize, |a, b| a << 8 | *b as usize);
        (2 + n, 2 + n + len)
    }
}

/// The TLVs inside the constructed TLV `d`.
fn children(d: &[u8]) -> Vec<Vec<u8>> {
    let (h, total) = tlv_len(d);
    let mut rest = &d[h..total];
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (_, n) = tlv_len(rest);
        out.push(rest[..n].to_vec());
        rest = &rest[n..];
    }
    out
}

/// Rewrites the SignedData fields of a DER ContentInfo.
fn rewrite(envelope: &[u8], f: impl FnOnce(&mut Vec<Vec<u8>>)) -> Vec<u8> {
    let info = children(envelope);
    let explicit = children(&info[1]);
    let mut fields = children(&explicit[0]);
    f(&mut fields);
    let signed_data = big_tlv(0x30, &fields.concat());
    big_tlv(
        0x30,
        &[info[0].clone(), big_tlv(0xa0, &signed_data)].concat(),
    )
}

/// Wider length support than `common::der::tlv` (a hostile envelope is big).
fn big_tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let n = body.len();
    let mut out = vec![tag];
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(body);
    out
}

fn verify(envelope: &[u8]) -> (VerificationReport, usize) {
    verify_cached(envelope, 4096)
}

/// With a path cache of `capacity` (0: none, so that only what one
/// document shares is shared).
fn verify_cached(envelope: &[u8], capacity: usize) -> (VerificationReport, usize) {
    let registry = Registry::sample().unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let verifier = Verifier::new(&registry)
        .unwrap()
        .with_verifiers(Verifiers::builtin().with(Counting(count.clone())))
        .with_path_cache(capacity);
    let report = verifier.verify(Request::new(
        envelope,
        Content::Detached(INVOICE),
        Jurisdiction::KZ,
        at(),
    ));
    (report, count.load(Ordering::Relaxed))
}

#[test]
fn a_repeated_signer_info_is_checked_once() {
    let one = signed(at());
    let (report, single) = verify(&one);
    assert!(report.verdict.accepted, "{report}");
    // The same SignerInfo 200 times over.
    let repeated = rewrite(&one, |fields| {
        let set = fields.pop().unwrap();
        let si = children(&set).remove(0);
        fields.push(big_tlv(0x31, &si.repeat(200)));
    });
    let (report, many) = verify(&repeated);
    assert_eq!(report.signatures.len(), 200);
    assert!(
        report
            .signatures
            .iter()
            .all(|s| s.validity.indication == Indication::TotalPassed)
    );
    assert_eq!(
        many, single,
        "200 identical SignerInfos cost as many signature checks as one"
    );
}

#[test]
fn many_signer_infos_of_one_certificate_share_one_path() {
    // 40 distinct SignerInfos (different signing times) by one certificate.
    let base = signed(at());
    let infos: Vec<Vec<u8>> = (0..40)
        .map(|i| {
            let t = Time::from_unix(at().unix_seconds() - i * 60);
            let e = signed(t);
            let fields = children(&children(&children(&e)[1])[0]);
            children(fields.last().unwrap()).remove(0)
        })
        .collect();
    let mut sorted = infos.clone();
    sorted.sort();
    let envelope = rewrite(&base, |fields| {
        fields.pop();
        fields.push(big_tlv(0x31, &sorted.concat()));
    });
    let (_, single) = verify_cached(&base, 0);
    let (report, many) = verify_cached(&envelope, 0);
    assert!(report.verdict.accepted, "{report}");
    assert_eq!(report.signatures.len(), 40);
    // One signature check per SignerInfo; the path (and its links) once.
    assert_eq!(many, single + 39);
}

/// Junk CRLs under the issuing CA's name, signed by a key that is not the
/// CA's: each may cost one CRL signature check, never the path's budget.
fn junk_crls(n: u64) -> Vec<Vec<u8>> {
    let chain =
        load_certificates(&common::read(&common::local("pki/cn/chain-org-uscc.pem"))).unwrap();
    let junk_key = Key::fixture("cn", "person");
    (0..n)
        .map(|i| {
            certgen::crl(
                chain[1].subject().raw_der(),
                &junk_key,
                certgen::day(0),
                certgen::day(365 * 3),
                &[],
                i + 1,
            )
            .der()
            .to_vec()
        })
        .collect()
}

fn with_crls(envelope: &[u8], crls: &[Vec<u8>]) -> Vec<u8> {
    rewrite(envelope, |fields| {
        let at = fields.len() - 1;
        fields.insert(at, big_tlv(0xa1, &crls.concat()));
    })
}

#[test]
fn junk_crls_in_the_envelope_do_not_refuse_a_valid_signature() {
    let envelope = with_crls(&signed(at()), &junk_crls(300));
    let (report, checks) = verify(&envelope);
    // Before: the junk exhausted the path's 100 signature checks and the
    // signature was INDETERMINATE / CERTIFICATE_CHAIN_GENERAL_FAILURE.
    assert!(report.verdict.accepted, "{report}");
    assert_eq!(
        report.signatures[0].validity.indication,
        Indication::TotalPassed
    );
    // The CRL checks stop at the CRL budget of the path.
    let limit = sigbridge::path::Budget::default().crl_signatures;
    assert!(
        checks <= limit + 8,
        "{checks} signature checks for 300 junk CRLs"
    );
}

#[test]
fn crls_of_other_issuers_cost_no_signature_check() {
    let other = Key::fixture("cn", "person");
    let stranger = certgen::dn("CN", "Nobody", "Unrelated CA");
    let unrelated: Vec<Vec<u8>> = (0..50)
        .map(|i| {
            certgen::crl(
                &stranger,
                &other,
                certgen::day(0),
                certgen::day(1000),
                &[],
                i + 1,
            )
            .der()
            .to_vec()
        })
        .collect();
    let base = signed(at());
    let (_, without) = verify(&base);
    let (report, with) = verify(&with_crls(&base, &unrelated));
    assert!(report.verdict.accepted, "{report}");
    assert_eq!(
        with, without,
        "CRLs of other issuers were signature-checked"
    );
    // The same junk CRL 300 times is one CRL.
    let one = junk_crls(1);
    let (_, once) = verify(&with_crls(&base, &one));
    let (_, repeated) = verify(&with_crls(&base, &vec![one[0].clone(); 300]));
    assert_eq!(repeated, once);
}
