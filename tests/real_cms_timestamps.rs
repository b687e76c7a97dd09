//! The time-stamps of the real CAdES signatures of
//! `../shared/testdata/real-cms/eu-dss` (made by member-state tools and
//! qualified TSAs, collected by EU DSS), each read and checked by
//! `sigbridge::tsp`, and the outcome compared with what DSS's own tests
//! assert about the file's time-stamps.
//!
//! Every file under `eu-dss/` (recursively) that `Envelope::parse` reads is
//! visited; for every SignerInfo and countersignature (named `N`, `N.M`):
//! - each signature-time-stamp (unsigned attribute id-aa-signatureTimeStampToken,
//!   1.2.840.113549.1.9.16.2.14, RFC 3161 Appendix A) is parsed
//!   (`TimeStampToken::from_der`), its imprint checked over the SignerInfo's
//!   signature value (`matches`, RFC 3161 Appendix A / EN 319 122-1 §5.3),
//!   and its signature, ESS signing-certificate binding and TSA extended
//!   key usage checked (`verify`, RFC 3161 §2.3, §2.4.1) with the token's
//!   certificates and then the envelope's;
//! - each content-time-stamp (signed attribute id-aa-ets-contentTimestamp,
//!   1.2.840.113549.1.9.16.2.20, EN 319 122-1 §5.2.8) likewise, its imprint
//!   over the content (the eContent, or the detached content the README
//!   names; `no-content` when it is not public).
//!
//! Archive time-stamps (ATSv2/v3, CAdES-X time-stamps) are out of scope:
//! they are only counted by name, and the totals asserted.
//!
//! Three files hold the test together, as for `tests/real_cms.rs`:
//! - the README (read here for the detached content of each file);
//! - `tests/real_cms_timestamps_expected.txt`: one line per time-stamp,
//!   `FILE | SIGNER | KIND#N | ref=SOURCE:VERDICT | OUTCOME`. `ref` is the
//!   reference verdict, classified by hand from the README's "Expected
//!   verdict" column; OUTCOME is sigbridge's exact outcome today (genTime,
//!   imprint, token check with the error code), and any change fails;
//! - `tests/real_cms_timestamps_exceptions.txt`: `KEY: sigbridge=VERDICT: reason`
//!   for every time-stamp whose sigbridge verdict differs from the
//!   reference. The listed set must be exactly the set of differences, and
//!   the verdict written there must be sigbridge's: no stale exception.
//!
//! Verdicts (sigbridge's and the reference's): `valid` (imprint intact,
//! token signature valid), `invalid` (imprint intact, token refused),
//! `imprint-mismatch`, `no-content` (content-time-stamp, content not
//! public), `unparsed` (sigbridge cannot read the token), `not-found` (DSS
//! does not recognise the attribute as a time-stamp; never a sigbridge
//! verdict).
//!
//! Re-baselining: `SIGBRIDGE_REAL_CMS_TS_BLESS=1 cargo test --test
//! real_cms_timestamps` rewrites the outcomes (the hand-made `ref` is kept;
//! new time-stamps get `ref=unclassified`, which fails until classified).
//!
//! The last test runs `Verifier::verify` with the sample registry on two
//! of these files: the EU DSS test TSAs are in no registry, so no
//! time-stamp may give a proof of existence.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::read;
use sigbridge::crypto::Verifiers;
use sigbridge::envelope::{Envelope, SignerInfo};
use sigbridge::registry::Registry;
use sigbridge::tsp::{self, TimeStampToken, TspError};
use sigbridge::verify::{Content, Request, Verifier};
use sigbridge::{Certificate, Jurisdiction, Oid, Time};

const EXPECTED: &str = "tests/real_cms_timestamps_expected.txt";
const EXCEPTIONS: &str = "tests/real_cms_timestamps_exceptions.txt";

/// Archive and CAdES-X time-stamps, counted by name only (out of scope).
const COUNTED: [(&str, Oid); 5] = [
    // EN 319 122-1 §5.5.3 (id-aa-ets-archiveTimestampV3)
    ("archiveTimeStampV3", Oid::new_unwrap("0.4.0.1733.2.4")),
    // RFC 5126 §6.4.1 (id-aa-ets-archiveTimestampV2)
    (
        "archiveTimeStampV2",
        Oid::new_unwrap("1.2.840.113549.1.9.16.2.48"),
    ),
    // RFC 3126 (id-aa-ets-archiveTimestamp, v1)
    (
        "archiveTimeStamp",
        Oid::new_unwrap("1.2.840.113549.1.9.16.2.27"),
    ),
    // RFC 5126 §6.3.5 (id-aa-ets-escTimeStamp)
    (
        "escTimeStamp",
        Oid::new_unwrap("1.2.840.113549.1.9.16.2.25"),
    ),
    // RFC 5126 §6.3.6 (id-aa-ets-certCRLTimestamp)
    (
        "certCRLTimestamp",
        Oid::new_unwrap("1.2.840.113549.1.9.16.2.26"),
    ),
];

fn real_cms(rel: &str) -> PathBuf {
    common::shared("real-cms").join(rel)
}

fn crate_file(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The README's detached content per signature file.
fn detached_contents() -> BTreeMap<String, String> {
    let text = String::from_utf8(read(&real_cms("README.md"))).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() == 13 && cells[1].parse::<u32>().is_ok() {
            let file = cells[2].trim_matches('`').to_owned();
            if let Some(content) = cells[8]
                .split_once("content: `")
                .and_then(|(_, rest)| rest.split_once('`'))
                .map(|(c, _)| c.to_owned())
            {
                out.insert(file, content);
            }
        }
    }
    out
}

/// Every file under `dir`, as paths relative to `real-cms/`, sorted.
fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, root, out);
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            out.push(rel);
        }
    }
}

/// An error by code and the detail that tells its cause apart.
fn describe(e: &TspError) -> String {
    match e {
        TspError::Signature(inner) | TspError::Envelope(inner) => {
            format!("{}({})", e.code(), inner.code())
        }
        TspError::Malformed { what, .. } => format!("{}({what})", e.code()),
        TspError::TsaExtendedKeyUsage { why, .. } => format!("{}({why:?})", e.code()),
        TspError::UnsupportedImprintHash { oid } => format!("{}({oid})", e.code()),
        TspError::NotATimeStampToken { content_type } => {
            format!("{}({content_type})", e.code())
        }
        other => other.code().to_owned(),
    }
}

fn gen_time(token: &TimeStampToken) -> String {
    let info = token.info();
    let mut s = info.gen_time.to_string();
    if info.gen_time_nanos != 0 {
        let frac = format!("{:09}", info.gen_time_nanos);
        s.truncate(s.len() - 1);
        let _ = write!(s, ".{}Z", frac.trim_end_matches('0'));
    }
    if let Some(a) = &info.accuracy {
        let _ = write!(s, " ±{}ns", a.nanos());
    }
    s
}

/// One time-stamp's outcome: (verdict, outcome text).
fn check(
    token: &Result<TimeStampToken, TspError>,
    stamped: Option<&[u8]>,
    certs: &[Certificate],
) -> (&'static str, String) {
    let token = match token {
        Ok(t) => t,
        Err(e) => return ("unparsed", format!("unparsed {}", describe(e))),
    };
    let time = gen_time(token);
    let imprint = match stamped.map(|s| token.matches(s)) {
        None => Err("no-content".to_owned()),
        Some(Ok(())) => Ok(()),
        Some(Err(TspError::ImprintMismatch)) => Err("mismatch".to_owned()),
        Some(Err(e)) => Err(describe(&e)),
    };
    let checked = token.verify(&Verifiers::builtin(), certs);
    let token_text = match &checked {
        Ok(c) => {
            // The token check carries the TSTInfo it verified: it must be the one read.
            assert_eq!(c.info, *token.info());
            "token=valid".to_owned()
        }
        Err(e) => format!("token=invalid {}", describe(e)),
    };
    let verdict = match (&imprint, &checked) {
        (Err(i), _) if i == "no-content" => "no-content",
        (Err(i), _) if i == "mismatch" => "imprint-mismatch",
        (Err(_), _) => "invalid",
        (Ok(()), Ok(_)) => "valid",
        (Ok(()), Err(_)) => "invalid",
    };
    let imprint_text = match imprint {
        Ok(()) => "ok".to_owned(),
        Err(i) => i,
    };
    (
        verdict,
        format!("{time} | imprint={imprint_text} | {token_text}"),
    )
}

/// What was found: one entry per time-stamp, and the counts by name.
#[derive(Default)]
struct Found {
    /// key (`FILE | SIGNER | KIND#N`) → (verdict, outcome).
    stamps: Vec<(String, &'static str, String)>,
    counted: BTreeMap<&'static str, usize>,
    /// Files `Envelope::parse` read, and of those the ones with a time-stamp.
    envelopes: usize,
    stamped_files: usize,
}

fn visit(
    file: &str,
    signer: &str,
    si: &SignerInfo,
    content: Option<&[u8]>,
    certs: &[Certificate],
    found: &mut Found,
) {
    for (i, token) in tsp::signature_timestamps(si).iter().enumerate() {
        let (verdict, outcome) = check(token, Some(si.signature()), certs);
        found.stamps.push((
            format!("{file} | {signer} | sig-tst#{}", i + 1),
            verdict,
            outcome,
        ));
    }
    for (i, token) in tsp::content_timestamps(si).iter().enumerate() {
        let (verdict, outcome) = check(token, content, certs);
        found.stamps.push((
            format!("{file} | {signer} | content-tst#{}", i + 1),
            verdict,
            outcome,
        ));
    }
    for (name, oid) in &COUNTED {
        let n: usize = si
            .unsigned_attributes()
            .iter()
            .filter(|a| a.oid() == oid)
            .map(|a| a.values().len())
            .sum();
        *found.counted.entry(name).or_default() += n;
    }
    for (j, cs) in si.countersignatures().iter().enumerate() {
        let at = format!("{signer}.{}", j + 1);
        match cs {
            Ok(cs) => visit(file, &at, cs, Some(si.signature()), certs, found),
            Err(e) => found.stamps.push((
                format!("{file} | {at} | countersignature"),
                "unparsed",
                format!("unparsed {}", e.code()),
            )),
        }
    }
}

fn scan() -> Found {
    let contents = detached_contents();
    let root = real_cms("");
    let mut files = Vec::new();
    walk(&real_cms("eu-dss"), &root, &mut files);
    let mut found = Found::default();
    for file in &files {
        let bytes = read(&real_cms(file));
        // Companion files (detached content, certificates) and the
        // truncated malformed-cades.p7m are not envelopes; the count of
        // those that are is asserted.
        let Ok(env) = Envelope::parse(&bytes) else {
            continue;
        };
        found.envelopes += 1;
        let before = found.stamps.len();
        let detached = contents.get(file).map(|c| read(&real_cms(c)));
        let content = env.content().or(detached.as_deref());
        let certs: Vec<Certificate> = env
            .certificates()
            .iter()
            .filter_map(|c| c.certificate().ok().cloned())
            .collect();
        for (i, si) in env.signer_infos().iter().enumerate() {
            visit(file, &(i + 1).to_string(), si, content, &certs, &mut found);
        }
        if found.stamps.len() > before {
            found.stamped_files += 1;
        }
    }
    found
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// key → (reference, outcome).
fn expectations(text: &str) -> BTreeMap<String, (String, String)> {
    data_lines(text)
        .map(|l| {
            let f: Vec<&str> = l.splitn(5, " | ").collect();
            assert_eq!(f.len(), 5, "{EXPECTED}: not KEY | ref | OUTCOME: {l}");
            let reference = f[3]
                .strip_prefix("ref=")
                .unwrap_or_else(|| panic!("{EXPECTED}: no ref= in {l}"));
            (
                format!("{} | {} | {}", f[0], f[1], f[2]),
                (reference.to_owned(), f[4].to_owned()),
            )
        })
        .collect()
}

/// key → (sigbridge's verdict as written, reason).
fn exceptions(text: &str) -> BTreeMap<String, (String, String)> {
    data_lines(text)
        .map(|l| {
            let (key, rest) = l
                .split_once(": ")
                .unwrap_or_else(|| panic!("{EXCEPTIONS}: not KEY: sigbridge=V: reason: {l}"));
            let (verdict, reason) = rest.split_once(": ").unwrap_or((rest, ""));
            let verdict = verdict
                .strip_prefix("sigbridge=")
                .unwrap_or_else(|| panic!("{EXCEPTIONS}: no sigbridge= in {l}"));
            assert!(!reason.trim().is_empty(), "{EXCEPTIONS}: no reason in {l}");
            (key.to_owned(), (verdict.to_owned(), reason.to_owned()))
        })
        .collect()
}

fn reference_verdict(reference: &str) -> &str {
    reference.split_once(':').map_or(reference, |(_, v)| v)
}

#[test]
fn real_cms_timestamps_against_dss() {
    let bless = std::env::var_os("SIGBRIDGE_REAL_CMS_TS_BLESS").is_some_and(|v| v == "1");
    let expected_text = String::from_utf8(read(&crate_file(EXPECTED))).unwrap();
    let exceptions_text = String::from_utf8(read(&crate_file(EXCEPTIONS))).unwrap();
    let expected = expectations(&expected_text);
    let listed = exceptions(&exceptions_text);
    let found = scan();

    let mut problems = Vec::new();
    let mut new_expected: String = expected_text
        .lines()
        .take_while(|l| l.starts_with('#') || l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    let mut differing = BTreeMap::new();
    let mut by_verdict = BTreeMap::<&str, usize>::new();
    for (key, verdict, outcome) in &found.stamps {
        *by_verdict.entry(verdict).or_default() += 1;
        let reference = match expected.get(key) {
            Some((r, o)) => {
                if o != outcome {
                    problems.push(format!(
                        "{key}: outcome changed\n  was: {o}\n  now: {outcome}"
                    ));
                }
                r.clone()
            }
            None => {
                problems.push(format!(
                    "{key}: no line in {EXPECTED}; classify DSS's assertion by hand"
                ));
                "unclassified".to_owned()
            }
        };
        let _ = writeln!(new_expected, "{key} | ref={reference} | {outcome}");
        if reference_verdict(&reference) != *verdict {
            differing.insert(key.clone(), (*verdict, reference.clone()));
        }
    }
    for key in expected.keys().chain(listed.keys()) {
        if !found.stamps.iter().any(|(k, _, _)| k == key) {
            problems.push(format!("{key}: listed, but no such time-stamp was found"));
        }
    }
    for (key, (verdict, reference)) in &differing {
        match listed.get(key) {
            None => problems.push(format!(
                "{key}: sigbridge says {verdict}, the reference {reference}: a regression, or explain it in {EXCEPTIONS}"
            )),
            Some((written, _)) if written != verdict => problems.push(format!(
                "{key}: listed as sigbridge={written}, but sigbridge now says {verdict} (reference {reference}); update {EXCEPTIONS}"
            )),
            Some(_) => {}
        }
    }
    for key in listed.keys() {
        if !differing.contains_key(key) && found.stamps.iter().any(|(k, _, _)| k == key) {
            problems.push(format!(
                "{key}: agrees with the reference now; drop it from {EXCEPTIONS}"
            ));
        }
    }
    if bless {
        std::fs::write(crate_file(EXPECTED), &new_expected).unwrap();
        problems.retain(|p| !p.contains("outcome changed"));
    }
    println!(
        "real-cms time-stamps: {} found ({}), {} differ from the reference; counted by name: {:?}",
        found.stamps.len(),
        by_verdict
            .iter()
            .map(|(v, n)| format!("{n} {v}"))
            .collect::<Vec<_>>()
            .join(", "),
        differing.len(),
        found.counted
    );
    assert!(
        problems.is_empty(),
        "{} problems (see the top of tests/real_cms_timestamps.rs):\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The exact totals: a time-stamp lost or gained by the reading (an
    // attribute no longer found, a countersignature no longer walked) fails
    // here even when blessed.
    assert_eq!(
        (found.envelopes, found.stamped_files),
        (80, 49),
        "files read as envelopes, and of those with a time-stamp"
    );
    assert_eq!(found.stamps.len(), 59, "time-stamps found");
    let intact = found
        .stamps
        .iter()
        .filter(|(_, _, outcome)| outcome.contains(" | imprint=ok | "))
        .count();
    assert_eq!(intact, 53, "intact imprints");
    assert_eq!(
        by_verdict,
        BTreeMap::from([
            ("imprint-mismatch", 2),
            ("invalid", 1),
            ("no-content", 2),
            ("unparsed", 2),
            ("valid", 52),
        ])
    );
    assert_eq!(differing.len(), 2, "differences from the reference");
    assert_eq!(
        found.counted,
        BTreeMap::from([
            ("archiveTimeStamp", 1),
            ("archiveTimeStampV2", 15),
            ("archiveTimeStampV3", 22),
            ("certCRLTimestamp", 0),
            ("escTimeStamp", 5),
        ]),
        "archive / CAdES-X time-stamps, counted by name"
    );
}

/// `Verifier::verify` with the sample registry on two real files: the
/// EU DSS test TSAs (good-tsa of the DSS/Nowina test PKI) are listed in no
/// registry, so each time-stamp is reported, not valid, not recognised,
/// with the finding that says why, and none gives a proof of existence
/// (EN 319 102-1 §5.6.2.2: only a time-stamp that passes validation
/// against trusted TSA anchors gives a POE).
#[test]
fn verifier_reports_the_real_time_stamps_without_proof_of_existence() {
    let verifier = Verifier::new(Registry::sample().unwrap()).unwrap();
    let at: Time = "2026-12-01T00:00:00Z".parse().unwrap();
    for (file, expected) in [
        (
            "eu-dss/cades-t-duplicated-sigtst.p7m",
            vec![("signature-time-stamp", 1), ("signature-time-stamp", 2)],
        ),
        (
            "eu-dss/cades-b-copied-cnttst.p7m",
            vec![("content-time-stamp", 1), ("content-time-stamp", 2)],
        ),
    ] {
        let der = read(&real_cms(file));
        let report = verifier.verify(Request::new(&der, Content::Enveloped, Jurisdiction::EU, at));
        assert_eq!(report.signatures.len(), 1, "{file}: {report}");
        let s = &report.signatures[0];
        let got: Vec<(&str, usize)> = s
            .timestamps
            .iter()
            .map(|t| (t.kind.as_str(), t.number))
            .collect();
        assert_eq!(got, expected, "{file}");
        let tsa = "CN=good-tsa, O=Nowina Solutions, OU=PKI-TEST, C=LU";
        let root = "CN=root-ca, O=Nowina Solutions, OU=PKI-TEST, C=LU";
        for t in &s.timestamps {
            let name = format!("{} #{}", t.kind, t.number);
            assert_eq!(t.tsa.as_deref(), Some(tsa), "{file} {name}");
            assert_eq!(t.policy.as_deref(), Some("1.2.3.4"), "{file} {name}");
            assert_eq!(
                (t.valid, t.recognised, t.proof_of_existence),
                (false, false, false),
                "{file} {name}"
            );
            assert_eq!(
                (&t.anchor, &t.tsa_jurisdiction, &t.basis),
                (&None, &None, &None)
            );
            // The TSA path ends at the DSS test root, which no registry lists.
            let codes: Vec<&str> = t.findings.iter().map(|f| f.code.as_str()).collect();
            assert_eq!(codes, ["PATH_UNKNOWN_ISSUER"], "{file} {name}");
            let params = &t.findings[0].params;
            assert_eq!(params.get("timestamp"), Some(&name));
            assert_eq!(params.get("issuer").map(String::as_str), Some(root));
            assert_eq!(t.reasons.len(), 1);
        }
        let times: Vec<&str> = s
            .timestamps
            .iter()
            .filter_map(|t| t.gen_time.as_deref())
            .collect();
        let gen_time = if file.contains("cnttst") {
            "2023-12-07T12:29:56Z"
        } else {
            "2023-12-07T11:40:41Z"
        };
        assert_eq!(times, [gen_time, gen_time], "{file}");
        assert_eq!(s.proof_of_existence, None, "{file}");
        // No proof of existence: the best-signature-time is the validation time.
        assert_eq!(s.best_signature_time, "2026-12-01T00:00:00Z", "{file}");
    }
}
