//! Real CAdES / CMS signatures (`../shared/testdata/real-cms`, 81 files made
//! by member-state signing tools and qualified CAs, collected by EU DSS):
//! every file parsed, every SignerInfo (and countersignature) checked
//! cryptographically, and sigbridge's B-level verdict compared with what
//! DSS asserts for the file.
//!
//! Three files hold the test together:
//! - `../shared/testdata/real-cms/README.md` (read here): the list of files,
//!   the detached content of each (`content: …`), and the companion signer
//!   certificates (`signer certificate for …`). A README row without an
//!   expectation line, or an expectation line without a README row, fails.
//! - `tests/real_cms_expected.txt`: one line per file,
//!   `FILE | ref=SOURCE:VERDICT | ENVELOPE | SIGNERS`. `ref` is the
//!   reference B-level verdict, classified by hand from the README's
//!   "Expected verdict" column (prose, not machine-readable: "extension to
//!   LT must fail", "with signCert.cer trusted: TOTAL_PASSED"):
//!   `dss:valid`, `dss:invalid`, `dss:no-content` (DSS's
//!   SIGNED_DATA_NOT_FOUND), `dss:unparsed` (DSS must reject the bytes), or `independent:…` where DSS asserts nothing
//!   about the B level and the README's independent check
//!   (python-cryptography) is the reference. `ENVELOPE` and `SIGNERS` are
//!   sigbridge's exact outcomes today: the input form and encoding with the
//!   envelope-level deviation codes, and per SignerInfo `N: ok ALGORITHM
//!   [+DEVIATION_…]` or `N: ErrorVariant(detail)`, countersignatures as
//!   `N.M`. Any change fails the test.
//! - `tests/real_cms_exceptions.txt`: `FILE: CLASS: reason` for every file
//!   whose verdict differs from the reference. A new difference (a
//!   regression) fails, and so does a listed file that now agrees: the list
//!   stays exact.
//!
//! sigbridge's B-level verdict for a file: `valid` when every top-level
//! SignerInfo verifies (signature value and message digest, RFC 5652 §5.4,
//! §11.2); `no-content` when the envelope is detached and the content is not
//! public (the API has no check that skips the message-digest comparison, by
//! design: such a "valid" would prove nothing about a document); `unparsed`
//! when `Envelope::parse` refuses the bytes; `invalid` otherwise.
//! Countersignatures are asserted one by one but are signatures over a
//! signature value, not over the document, and do not enter the verdict.
//!
//! Re-baselining after a change (e.g. after merging new tolerances):
//!
//! ```text
//! SIGBRIDGE_REAL_CMS_BLESS=1 cargo test --test real_cms
//! git diff tests/real_cms_expected.txt tests/real_cms_exceptions.txt
//! ```
//!
//! rewrites the outcomes of the expectation file (the hand-made `ref`
//! column is kept) and the exceptions file: files that now agree are
//! dropped, the reasons of the others are kept, and a new difference (or a
//! listed one whose outcome no longer fits its class, see `CLASSES`) is
//! written with class `unexplained`, which fails the test until someone
//! writes its class and reason. The summary line (`--nocapture`) gives the
//! counts.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use common::read;
use sigbridge::crypto::Verifiers;
use sigbridge::envelope::{Encoding, Envelope, SignerCheck};
use sigbridge::{Certificate, EnvelopeError, Leniency};

const EXPECTED: &str = "tests/real_cms_expected.txt";
const EXCEPTIONS: &str = "tests/real_cms_exceptions.txt";

fn real_cms(rel: &str) -> PathBuf {
    common::shared("real-cms").join(rel)
}

fn crate_file(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// One signature row of the README table.
struct Row {
    file: String,
    /// The detached content, when the README names one.
    content: Option<String>,
    /// The README's independent check (python-cryptography over the signed
    /// attributes as transmitted), per SignerInfo in depth-first order
    /// (countersignatures after their parent): `md ok, sig ok` or not.
    independent: Vec<bool>,
}

/// The README's signature table and its companion signer certificates
/// (file name → certificate path).
fn readme() -> (Vec<Row>, BTreeMap<String, String>) {
    let text = String::from_utf8(read(&real_cms("README.md"))).unwrap();
    let backticked = |cell: &str| -> Option<String> {
        let start = cell.find('`')? + 1;
        let len = cell.get(start..)?.find('`')?;
        cell.get(start..start + len).map(str::to_owned)
    };
    let mut rows = Vec::new();
    let mut certs = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | # | File | … | Expected verdict + source | … | (11 columns)
        if cells.len() == 13 && cells[1].parse::<u32>().is_ok() {
            let file = backticked(cells[2]).unwrap_or_else(|| panic!("no file in {line}"));
            let content = cells[8]
                .split_once("content: `")
                .and_then(|(_, rest)| rest.split_once('`'))
                .map(|(c, _)| c.to_owned());
            let independent = cells[10]
                .split("<br>")
                .filter(|e| e.starts_with("signer"))
                .map(|e| e.contains(": md ok, sig ok"))
                .collect();
            rows.push(Row {
                file,
                content,
                independent,
            });
        }
        // | File | What | Upstream source | (companion files)
        if cells.len() == 5
            && let Some(target) = cells[2].strip_prefix("signer certificate for ")
        {
            let name = target.split_whitespace().next().unwrap_or_default();
            certs.insert(name.to_owned(), backticked(cells[1]).unwrap());
        }
    }
    (rows, certs)
}

/// The name of an enum variant from its `Debug` text.
fn variant(debug: &str) -> String {
    debug
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

/// An error, by variant name and the detail that tells its class apart.
fn describe_error(e: &EnvelopeError) -> String {
    match e {
        EnvelopeError::Signature { source, .. } => {
            format!("Signature({})", variant(&format!("{source:?}")))
        }
        EnvelopeError::Malformed { part, .. } => format!("Malformed({part})"),
        EnvelopeError::MissingAttribute { attribute, .. }
        | EnvelopeError::DuplicateAttribute { attribute, .. }
        | EnvelopeError::ForbiddenAttribute { attribute, .. }
        | EnvelopeError::MalformedAttribute { attribute, .. } => {
            format!("{}({attribute})", variant(&format!("{e:?}")))
        }
        EnvelopeError::AlgorithmMismatch {
            digest, signature, ..
        } => format!("AlgorithmMismatch({digest} vs {signature})"),
        EnvelopeError::UnsupportedDigest { name, .. } => format!("UnsupportedDigest({name})"),
        other => variant(&format!("{other:?}")),
    }
}

fn describe_check(prefix: &str, c: &SignerCheck, out: &mut Vec<String>) {
    let at = format!("{prefix}{}", c.index + 1);
    let mut s = match &c.result {
        Ok(v) => format!(
            "ok {}{}",
            v.algorithm.name(),
            if v.weak { " (weak)" } else { "" }
        ),
        Err(e) => describe_error(e),
    };
    for d in &c.deviations {
        let _ = write!(s, " +{}", d.code());
    }
    out.push(format!("{at}: {s}"));
    for cs in &c.countersignatures {
        describe_check(&format!("{at}."), cs, out);
    }
}

/// What sigbridge makes of one file: (envelope outcome, per-signer outcomes, B verdict).
fn run(row: &Row, certs: &BTreeMap<String, String>) -> (String, String, &'static str) {
    let bytes = read(&real_cms(&row.file));
    let form = match bytes.first() {
        Some(0x30) => "",
        _ if bytes.starts_with(b"-----") => "pem ",
        _ => "base64 ",
    };
    let env = match Envelope::parse(&bytes) {
        Ok(env) => env,
        Err(e) => {
            return (
                format!("unparsed {}", describe_error(&e)),
                "-".into(),
                "unparsed",
            );
        }
    };
    let mut envelope = format!(
        "{form}{}",
        match env.encoding() {
            Encoding::Der => "der",
            Encoding::Ber => "ber",
        }
    );
    for d in env.deviations() {
        let _ = write!(envelope, " +{}", d.code());
    }
    let name = row.file.rsplit('/').next().unwrap_or_default();
    let extra: Vec<Certificate> = certs
        .get(name)
        .map(|c| {
            sigbridge::load_certificates_with(&read(&real_cms(c)), &Leniency::real_world())
                .unwrap_or_else(|e| panic!("{c}: {e}"))
        })
        .unwrap_or_default();
    let content = row.content.as_ref().map(|c| read(&real_cms(c)));
    let checks = match env.verify(content.as_deref(), &Verifiers::builtin(), &extra) {
        Ok(checks) => checks,
        Err(EnvelopeError::MissingContent) => {
            let n = env.signer_infos().len();
            let signers = (1..=n)
                .map(|i| format!("{i}: no-content"))
                .collect::<Vec<_>>();
            return (envelope, signers.join("; "), "no-content");
        }
        Err(e) => return (envelope, describe_error(&e), "invalid"),
    };
    let mut signers = Vec::new();
    for c in &checks {
        describe_check("", c, &mut signers);
    }
    let verdict = if !checks.is_empty() && checks.iter().all(SignerCheck::is_valid) {
        "valid"
    } else {
        "invalid"
    };
    (envelope, signers.join("; "), verdict)
}

/// One line of the expectation file.
struct Expected {
    reference: String,
    envelope: String,
    signers: String,
}

fn comments(text: &str) -> String {
    text.lines()
        .take_while(|l| l.starts_with('#') || l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect()
}

fn expectations(text: &str) -> BTreeMap<String, Expected> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split(" | ").map(str::trim).collect();
            assert_eq!(
                f.len(),
                4,
                "{EXPECTED}: not FILE | ref | ENVELOPE | SIGNERS: {l}"
            );
            let reference = f[1]
                .strip_prefix("ref=")
                .unwrap_or_else(|| panic!("{EXPECTED}: no ref= in {l}"));
            (
                f[0].to_owned(),
                Expected {
                    reference: reference.to_owned(),
                    envelope: f[2].to_owned(),
                    signers: f[3].to_owned(),
                },
            )
        })
        .collect()
}

/// `FILE: CLASS: reason` lines.
fn exceptions(text: &str) -> BTreeMap<String, (String, String)> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            // File names hold no ": " (they do hold '&').
            let (file, rest) = l.split_once(": ").unwrap_or((l, ""));
            let (class, reason) = rest.split_once(": ").unwrap_or((rest, ""));
            (
                file.trim().to_owned(),
                (class.trim().to_owned(), reason.trim().to_owned()),
            )
        })
        .collect()
}

/// The classes of difference, each with what the outcome must show for a
/// file to stay in it (so that a class cannot go stale after a change:
/// a file whose padding is now tolerated but whose content is not public
/// must move from `trailing-bytes` to `content-not-available`).
/// Arguments: (verdict, envelope outcome, signer outcomes).
type ClassCheck = fn(&str, &str, &str) -> bool;
const CLASSES: [(&str, ClassCheck); 7] = [
    ("trailing-bytes", |_, env, _| {
        env.starts_with("unparsed Malformed(ContentInfo)")
    }),
    ("digestinfo-no-null", |_, _, signers| {
        signers.contains("Signature(BadSignature)")
    }),
    ("certificate-unparsed", |_, _, signers| {
        signers.contains("SignerCertificateNotFound")
    }),
    ("sha3", |_, _, signers| {
        [
            "UnsupportedDigest",
            "Signature(BadParameters)",
            "Signature(UnsupportedAlgorithm)",
        ]
        .iter()
        .any(|e| signers.contains(e))
    }),
    ("content-not-available", |verdict, _, _| {
        verdict == "no-content"
    }),
    ("dss-der-sorts-attrs", |verdict, _, _| verdict == "valid"),
    // Deliberate: a digestAlgorithm other than the signature algorithm's
    // hash stays refused (RFC 5652 §5.4, RFC 4056 §3), where DSS accepts.
    ("digest-algorithm-mismatch", |_, _, signers| {
        signers.contains("AlgorithmMismatch")
    }),
];

/// Whether a verdict agrees with the reference. The four verdicts are kept
/// apart (a file refused as unparsable does not "agree" with DSS finding its
/// signature broken): agreement for the wrong reason would hide a gap.
fn agrees(verdict: &str, reference: &str) -> bool {
    reference.split_once(':').map_or(reference, |(_, v)| v) == verdict
}

#[test]
fn real_cms_signatures_against_dss() {
    let bless = std::env::var_os("SIGBRIDGE_REAL_CMS_BLESS").is_some_and(|v| v == "1");
    let (rows, certs) = readme();
    assert_eq!(rows.len(), 81, "the README's table lost or gained rows");
    let expected_text = String::from_utf8(read(&crate_file(EXPECTED))).unwrap();
    let exceptions_text = String::from_utf8(read(&crate_file(EXCEPTIONS))).unwrap();
    let expected = expectations(&expected_text);
    let listed = exceptions(&exceptions_text);

    let mut problems = Vec::new();
    let mut new_expected = comments(&expected_text);
    // Blessing keeps the exceptions file's layout (class blocks and their
    // comments): lines of files that now agree are dropped, new differences
    // appended.
    let mut differing = Vec::new();
    let mut unexplained = String::new();
    let mut stale = BTreeMap::<String, String>::new();
    let (mut independent_same, mut independent_total) = (0, 0);
    let (mut agree, mut by_source) = (0, BTreeMap::<String, usize>::new());
    let mut classes = BTreeMap::<String, usize>::new();
    for row in &rows {
        let started = std::time::Instant::now();
        let (envelope, signers, verdict) = run(row, &certs);
        // Measured, not asserted (the DSS comparison is the assertion): how
        // often sigbridge and the independent check agree per SignerInfo.
        let ours: Vec<bool> = signers.split("; ").map(|s| s.contains(": ok ")).collect();
        if ours.len() == row.independent.len() {
            independent_same += ours
                .iter()
                .zip(&row.independent)
                .filter(|(a, b)| a == b)
                .count();
        }
        independent_total += row.independent.len();
        assert!(
            started.elapsed().as_secs() < 10,
            "{}: took {:?}",
            row.file,
            started.elapsed()
        );
        let reference = match expected.get(&row.file) {
            Some(e) => e.reference.clone(),
            None => {
                problems.push(format!(
                    "{}: no line in {EXPECTED}; classify DSS's B-level assertion by hand (ref=dss:valid …)",
                    row.file
                ));
                "unclassified".to_owned()
            }
        };
        let _ = writeln!(
            new_expected,
            "{} | ref={reference} | {envelope} | {signers}",
            row.file
        );
        if let Some(e) = expected.get(&row.file)
            && (e.envelope != envelope || e.signers != signers)
        {
            problems.push(format!(
                "{}: outcome changed\n  was: {} | {}\n  now: {envelope} | {signers}",
                row.file, e.envelope, e.signers
            ));
        }
        let source = reference.split(':').next().unwrap_or_default().to_owned();
        match (agrees(verdict, &reference), listed.get(&row.file)) {
            (true, None) => {
                agree += 1;
                *by_source.entry(source).or_default() += 1;
            }
            (true, Some((class, _))) => problems.push(format!(
                "{}: agrees with {reference} now; drop it from {EXCEPTIONS} ({class})",
                row.file
            )),
            (false, listed_as) => {
                let (class, reason) = listed_as.cloned().unwrap_or_else(|| {
                    (
                        "unexplained".to_owned(),
                        format!(
                            "sigbridge {verdict} ({envelope} | {signers}), reference {reference}"
                        ),
                    )
                });
                let fits = CLASSES.iter().find(|(c, _)| *c == class).map(|(_, f)| f);
                if class == "unexplained" {
                    problems.push(format!(
                        "{}: sigbridge says {verdict}, the reference {reference}: {envelope} | {signers} (a regression, or write its class and reason in {EXCEPTIONS})",
                        row.file
                    ));
                } else if fits.is_none() {
                    problems.push(format!(
                        "{}: class {class} is not one of CLASSES in tests/real_cms.rs",
                        row.file
                    ));
                } else if fits.is_some_and(|f| !f(verdict, &envelope, &signers)) {
                    problems.push(format!(
                        "{}: listed as {class}, but the outcome no longer shows it ({verdict}: {envelope} | {signers}); reclassify it in {EXCEPTIONS}",
                        row.file
                    ));
                    stale.insert(
                        row.file.clone(),
                        format!(
                            "{}: unexplained: was {class} ({reason}); now sigbridge {verdict} ({envelope} | {signers}), reference {reference}",
                            row.file
                        ),
                    );
                }
                if !listed.contains_key(&row.file) {
                    let _ = writeln!(unexplained, "{}: {class}: {reason}", row.file);
                }
                differing.push(row.file.clone());
                *classes.entry(class).or_default() += 1;
            }
        }
    }
    for file in expected.keys().chain(listed.keys()) {
        if !rows.iter().any(|r| &r.file == file) {
            problems.push(format!(
                "{file}: listed, but not a file of the README's table"
            ));
        }
    }
    if bless {
        let mut new_exceptions: String = exceptions_text
            .lines()
            .filter(|l| {
                l.starts_with('#')
                    || l.trim().is_empty()
                    || differing.iter().any(|f| exceptions(l).contains_key(f))
            })
            .map(|l| {
                let stale_line = exceptions(l).keys().next().and_then(|f| stale.get(f));
                format!("{}\n", stale_line.map_or(l, String::as_str))
            })
            .collect();
        new_exceptions.push_str(&unexplained);
        std::fs::write(crate_file(EXPECTED), &new_expected).unwrap();
        std::fs::write(crate_file(EXCEPTIONS), &new_exceptions).unwrap();
        problems.retain(|p| !p.contains("outcome changed") && !p.contains("drop it from"));
    }
    let exceptions_total: usize = classes.values().sum();
    println!(
        "real-cms: {} files, {agree} agree with the reference ({}), {exceptions_total} exceptions ({}); per SignerInfo, {independent_same} of {independent_total} verdicts as the independent check's",
        rows.len(),
        by_source
            .iter()
            .map(|(s, n)| format!("{n} {s}"))
            .collect::<Vec<_>>()
            .join(", "),
        classes
            .iter()
            .map(|(c, n)| format!("{n} {c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert!(
        problems.is_empty(),
        "{} problems (re-baseline with SIGBRIDGE_REAL_CMS_BLESS=1, see the top of tests/real_cms.rs):\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(agree + exceptions_total, rows.len());
}
