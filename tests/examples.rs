//! Each example run as a user runs it (`cargo run --example …`), checking
//! exit codes and output. The examples are built by this `cargo test` run
//! already, so the nested `cargo run` only links and starts them.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Every example (examples/*.rs).
const EXAMPLES: [&str; 5] = [
    "cross_border_trade",
    "sign_document",
    "verify_document",
    "explain_recognition",
    "inspect_certificate",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cargo_run(example: &str, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["run", "-q", "--example", example, "--"])
        .args(args)
        .output()
        .expect("cargo runs");
    // A panic is never an acceptable outcome (exit 101).
    assert_ne!(
        out.status.code(),
        Some(101),
        "{example} panicked:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The example exited with `code` and wrote exactly `stderr`.
#[track_caller]
fn fails_with(out: &std::process::Output, code: i32, stderr: impl AsRef<str>) {
    assert_eq!(out.status.code(), Some(code), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), stderr.as_ref());
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("sigbridge-examples-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn cross_border_trade_tells_its_story() {
    let out = cargo_run("cross_border_trade", &[]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert_eq!(stdout.matches("--> as expected").count(), 9, "{stdout}");
    assert!(!stdout.contains("UNEXPECTED"));
    assert!(stdout.contains("VERDICT: ACCEPTED"));
    assert!(stdout.contains("anchor 'kz-root' is withdrawn since 2026-01-01T00:00:00Z"));
    assert!(stdout.contains("TOTAL_FAILED / HASH_FAILURE"));
}

#[test]
fn every_example_has_help() {
    for example in EXAMPLES {
        let out = cargo_run(example, &["--help"]);
        assert_eq!(out.status.code(), Some(0), "{example}");
        assert!(text(&out.stdout).starts_with("usage: "), "{example}");
    }
}

#[test]
fn sign_then_verify_from_the_command_line() {
    let dir = scratch("cli");
    let doc = dir.join("invoice.xml");
    std::fs::write(&doc, b"<Invoice number='INV-1'/>\n").unwrap();
    let p7s = dir.join("invoice.p7s");
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    let pki = |f: &str| s(&root().join("testdata/pki").join(f));
    let out = cargo_run(
        "sign_document",
        &[
            "--key",
            &pki("cn/org-uscc.key"),
            "--cert",
            &pki("cn/org-uscc.pem"),
            "--chain",
            &pki("cn/ca.pem"),
            "--content",
            &s(&doc),
            "--doc-type",
            "380",
            "--commitment",
            "origin",
            "--at",
            "2026-11-23T09:00:00Z",
            "--out",
            &s(&p7s),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("1 signature(s)"));

    // Accepted in KZ with the sample registry file: exit 0.
    let registry = s(&root().join("src/registry/sample-registry.json"));
    let p7s_s = s(&p7s);
    let verify = |relying: &str, content: &str, extra: &[&str]| {
        let mut args = vec![
            "--content",
            content,
            "--signature",
            &p7s_s,
            "--registry",
            &registry,
            "--relying",
            relying,
            "--at",
            "2026-11-23T10:00:00Z",
        ];
        args.extend_from_slice(extra);
        cargo_run("verify_document", &args)
    };
    let doc_s = s(&doc);
    let kz = verify("KZ", &doc_s, &["--json"]);
    assert_eq!(kz.status.code(), Some(0), "{}", text(&kz.stdout));
    let report: serde_json::Value = serde_json::from_slice(&kz.stdout).unwrap();
    assert_eq!(report["verdict"]["accepted"], true);
    assert_eq!(
        report["signatures"][0]["recognition"]["level"],
        "nca-signing"
    );

    // Refused in RU (agreement repealed): exit 1, the report says why.
    let ru = verify("RU", &doc_s, &[]);
    assert_eq!(ru.status.code(), Some(1));
    assert!(text(&ru.stdout).contains("agreement 'ru-recognises-cn' is repealed"));

    // Tampered content: exit 1, HASH_FAILURE.
    let tampered = dir.join("tampered.xml");
    std::fs::write(&tampered, b"<Invoice number='INV-2'/>\n").unwrap();
    let bad = verify("KZ", &s(&tampered), &[]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stdout).contains("TOTAL_FAILED / HASH_FAILURE"));

    // A co-signature added on the command line.
    let both = dir.join("both.p7s");
    let out = cargo_run(
        "sign_document",
        &[
            "--key",
            &pki("cn/chamber.key"),
            "--cert",
            &pki("cn/chamber.pem"),
            "--content",
            &s(&doc),
            "--doc-type",
            "380",
            "--add-to",
            &s(&p7s),
            "--at",
            "2026-11-23T09:30:00Z",
            "--pem",
            "--out",
            &s(&both),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("2 signature(s)"));
    assert!(
        std::fs::read_to_string(&both)
            .unwrap()
            .starts_with("-----BEGIN CMS-----")
    );

    // Ad-hoc registry from a trust anchor: domestic recognition.
    let adhoc = cargo_run(
        "verify_document",
        &[
            "--content",
            &doc_s,
            "--signature",
            &s(&p7s),
            "--trust-anchor",
            &pki("cn/root.pem"),
            "--jurisdiction",
            "CN",
            "--relying",
            "CN",
            "--at",
            "2026-11-23T10:00:00Z",
        ],
    );
    assert_eq!(adhoc.status.code(), Some(0), "{}", text(&adhoc.stdout));
    assert!(text(&adhoc.stdout).contains("domestic anchor 'ad-hoc-1'"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_usage_and_unreadable_input_exit_2() {
    let out = cargo_run("verify_document", &["--relying", "KZ"]);
    fails_with(&out, 2, "error: --signature is required (see --help)\n");
    let out = cargo_run("sign_document", &["--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cargo_run(
        "verify_document",
        &[
            "--content",
            "/nonexistent",
            "--signature",
            "/nonexistent",
            "--registry",
            "/nonexistent",
            "--relying",
            "KZ",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read /nonexistent"));
    let out = cargo_run("explain_recognition", &["--relying", "KZ"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("agreement 'kz-recognises-cn'"));
    let out = cargo_run("explain_recognition", &["--relying", "K1"]);
    fails_with(
        &out,
        2,
        "error: --relying: 'K1' is not a two-letter jurisdiction code (see --help)\n",
    );
    let out = cargo_run("explain_recognition", &["--relying", "JP"]);
    fails_with(
        &out,
        2,
        "error: --relying: no such jurisdiction in the registry: JP\n",
    );
}

// ---------------------------------------------------------------------------
// Bad input, one case per way a user gets it wrong (sigbridge issue 12).

fn s(p: &Path) -> String {
    p.to_str().unwrap().to_owned()
}

fn pki(f: &str) -> String {
    s(&root().join("testdata/pki").join(f))
}

/// Signs `doc` with the CN exporter; `extra` adds options (e.g. `--enveloping`).
fn sign_invoice(dir: &Path, doc: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let mut args = vec![
        "--key".to_owned(),
        pki("cn/org-uscc.key"),
        "--cert".into(),
        pki("cn/org-uscc.pem"),
        "--chain".into(),
        pki("cn/ca.pem"),
        "--content".into(),
        s(doc),
        "--doc-type".into(),
        "380".into(),
        "--at".into(),
        "2026-11-23T09:00:00Z".into(),
        "--out".into(),
        s(&out),
    ];
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = cargo_run("sign_document", &args);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    out
}

/// verify_document in KZ with the sample registry file, `--content` only when given.
fn verify_kz(signature: &Path, content: Option<&Path>) -> Output {
    let registry = s(&root().join("src/registry/sample-registry.json"));
    let sig = s(signature);
    let content = content.map(s);
    let mut args = vec![
        "--signature",
        &sig,
        "--registry",
        &registry,
        "--relying",
        "KZ",
        "--at",
        "2026-11-23T10:00:00Z",
    ];
    if let Some(c) = &content {
        args.extend(["--content", c.as_str()]);
    }
    cargo_run("verify_document", &args)
}

fn invoice(dir: &Path) -> PathBuf {
    let doc = dir.join("invoice.xml");
    std::fs::write(&doc, b"<Invoice number='INV-9'/>\n").unwrap();
    doc
}

/// The arguments that make each example print something and exit 0.
fn working_args(example: &str, dir: &Path) -> Vec<String> {
    let doc = invoice(dir);
    match example {
        "cross_border_trade" => vec![],
        "sign_document" => vec![
            "--key".into(),
            pki("cn/org-uscc.key"),
            "--cert".into(),
            pki("cn/org-uscc.pem"),
            "--content".into(),
            s(&doc),
            "--doc-type".into(),
            "380".into(),
            "--out".into(),
            s(&dir.join("pipe.p7s")),
        ],
        "verify_document" => {
            let sig = sign_invoice(dir, &doc, "piped.p7s", &[]);
            vec![
                "--content".into(),
                s(&doc),
                "--signature".into(),
                s(&sig),
                "--registry".into(),
                s(&root().join("src/registry/sample-registry.json")),
                "--relying".into(),
                "KZ".into(),
                "--at".into(),
                "2026-11-23T10:00:00Z".into(),
            ]
        }
        "explain_recognition" => vec!["--relying".into(), "KZ".into()],
        "inspect_certificate" => vec![pki("eu/qes-natural.pem")],
        other => panic!("no arguments for {other}"),
    }
}

/// `… | head -1` where the reader has gone before the first write: the
/// example's writes fail with EPIPE. That is a clean exit (the example's own
/// status, nothing on stderr), never a panic (101).
#[test]
fn a_closed_pipe_is_a_clean_exit() {
    let dir = scratch("pipe");
    for example in EXAMPLES {
        for help in [false, true] {
            let args = if help {
                vec!["--help".to_owned()]
            } else {
                working_args(example, &dir)
            };
            let mut child = Command::new(env!("CARGO"))
                .current_dir(root())
                .args(["run", "-q", "--example", example, "--"])
                .args(&args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            // Close the read end at once, as `head` does after its line.
            drop(child.stdout.take());
            let out = child.wait_with_output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{example} {args:?}: {}",
                text(&out.stderr)
            );
            assert_eq!(text(&out.stderr), "", "{example} {args:?}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_unknown_flag_is_one_usage_line() {
    for example in EXAMPLES {
        for flag in ["--bogus", "-x"] {
            let out = cargo_run(example, &[flag]);
            assert_eq!(out.status.code(), Some(2), "{example}");
            assert_eq!(
                text(&out.stderr),
                format!("error: unknown option {flag} (see --help)\n"),
                "{example}"
            );
            assert_eq!(text(&out.stdout), "", "{example}");
        }
    }
}

/// A missing file: exit 2, one line naming the option and the path.
#[test]
fn a_missing_file_is_one_line_naming_it() {
    let dir = scratch("missing");
    let doc = invoice(&dir);
    let gone = s(&dir.join("gone.p7s"));
    let enoent = "No such file or directory (os error 2)";
    let out = verify_kz(Path::new(&gone), Some(&doc));
    fails_with(
        &out,
        2,
        format!("error: --signature: cannot read {gone}: {enoent}\n"),
    );
    let out = cargo_run(
        "sign_document",
        &[
            "--key",
            &gone,
            "--cert",
            &pki("cn/org-uscc.pem"),
            "--content",
            &s(&doc),
            "--doc-type",
            "380",
            "--out",
            &s(&dir.join("x.p7s")),
        ],
    );
    fails_with(
        &out,
        2,
        format!("error: --key: cannot read {gone}: {enoent}\n"),
    );
    let out = cargo_run("inspect_certificate", &[&gone]);
    fails_with(&out, 2, format!("error: cannot read {gone}: {enoent}\n"));
    let out = cargo_run(
        "explain_recognition",
        &["--registry", &gone, "--relying", "KZ"],
    );
    fails_with(
        &out,
        2,
        format!("error: --registry: cannot read {gone}: {enoent}\n"),
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// An unreadable file (here a directory, unreadable as a file even for
/// root, who can read a mode-000 file): exit 2, one line naming it.
#[test]
fn an_unreadable_file_is_one_line_naming_it() {
    let dir = scratch("unreadable");
    let doc = invoice(&dir);
    let sig = sign_invoice(&dir, &doc, "ok.p7s", &[]);
    let folder = dir.join("a-directory");
    std::fs::create_dir_all(&folder).unwrap();
    let out = verify_kz(&sig, Some(&folder));
    fails_with(
        &out,
        2,
        format!(
            "error: --content: cannot read {}: Is a directory (os error 21)\n",
            s(&folder)
        ),
    );
    let out = cargo_run("inspect_certificate", &[&s(&folder)]);
    fails_with(
        &out,
        2,
        format!(
            "error: cannot read {}: Is a directory (os error 21)\n",
            s(&folder)
        ),
    );
    std::fs::remove_dir_all(&dir).ok();
}

fn sign_with_key(dir: &Path, key: &str, cert: &str, extra: &[&str]) -> Output {
    let doc = invoice(dir);
    let out = s(&dir.join("keyed.p7s"));
    let docs = s(&doc);
    let mut args = vec![
        "--key",
        key,
        "--cert",
        cert,
        "--content",
        &docs,
        "--doc-type",
        "380",
        "--at",
        "2026-11-23T09:00:00Z",
        "--out",
        &out,
    ];
    args.extend_from_slice(extra);
    cargo_run("sign_document", &args)
}

/// testdata/pki/cn/person.enc.key: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC),
/// password `sigbridge-test` (testdata/pki/README.md).
#[test]
fn an_encrypted_key_needs_its_password() {
    let dir = scratch("encrypted");
    let key = pki("cn/person.enc.key");
    let cert = pki("cn/person.pem");
    let out = sign_with_key(&dir, &key, &cert, &[]);
    fails_with(
        &out,
        2,
        format!(
            "error: --key: {key} is an encrypted private key: pass --password <p> or --password-file <f>\n"
        ),
    );
    let out = sign_with_key(&dir, &key, &cert, &["--password", "sigbridge-test"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("1 signature(s)"));
    let file = dir.join("password.txt");
    std::fs::write(&file, b"sigbridge-test\n").unwrap();
    let out = sign_with_key(&dir, &key, &cert, &["--password-file", &s(&file)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = sign_with_key(&dir, &key, &cert, &["--password", "wrong"]);
    fails_with(
        &out,
        2,
        format!(
            "error: --key: {key}: the encrypted private key did not decrypt: wrong password, or a cipher other than PBES2 (PBKDF2/scrypt, AES-CBC)\n"
        ),
    );
    // The same key as DER (EncryptedPrivateKeyInfo).
    let der = pem::parse(std::fs::read(&key).unwrap()).unwrap();
    let der_key = dir.join("person.enc.der");
    std::fs::write(&der_key, der.contents()).unwrap();
    let out = sign_with_key(&dir, &s(&der_key), &cert, &["--password", "sigbridge-test"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::remove_dir_all(&dir).ok();
}

/// A DER PKCS#8 key signs like its PEM twin, and the signature verifies.
#[test]
fn a_der_key_signs() {
    let dir = scratch("der-key");
    let block = pem::parse(std::fs::read(pki("cn/org-uscc.key")).unwrap()).unwrap();
    let der_key = dir.join("org-uscc.key.der");
    std::fs::write(&der_key, block.contents()).unwrap();
    let chain = pki("cn/ca.pem");
    let out = sign_with_key(
        &dir,
        &s(&der_key),
        &pki("cn/org-uscc.pem"),
        &["--chain", &chain],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let verified = verify_kz(&dir.join("keyed.p7s"), Some(&dir.join("invoice.xml")));
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}",
        text(&verified.stdout)
    );
    assert!(text(&verified.stdout).contains("VERDICT: ACCEPTED"));
    std::fs::remove_dir_all(&dir).ok();
}

/// An enveloping signature carries its document: verified without --content.
/// A detached one without --content is one line saying what to pass.
#[test]
fn an_attached_signature_needs_no_content() {
    let dir = scratch("attached");
    let doc = invoice(&dir);
    let attached = sign_invoice(&dir, &doc, "attached.p7s", &["--enveloping"]);
    let out = verify_kz(&attached, None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("VERDICT: ACCEPTED"));
    let out = verify_kz(&attached, Some(&doc));
    fails_with(
        &out,
        2,
        format!(
            "error: --signature: {} is an enveloping signature that carries its document: drop --content (see --help)\n",
            s(&attached)
        ),
    );
    let detached = sign_invoice(&dir, &doc, "detached.p7s", &[]);
    let out = verify_kz(&detached, None);
    fails_with(
        &out,
        2,
        format!(
            "error: --signature: {} is a detached signature: pass the signed document with --content FILE\n",
            s(&detached)
        ),
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Bare base64 of the DER, in 64-character CRLF lines (as NCALayer and
/// CryptoPro hand it over), verifies like the DER.
#[test]
fn a_bare_base64_signature_verifies() {
    use base64::Engine as _;
    let dir = scratch("base64");
    let doc = invoice(&dir);
    let der = std::fs::read(sign_invoice(&dir, &doc, "der.p7s", &[])).unwrap();
    let text64 = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = text64
        .as_bytes()
        .chunks(64)
        .map(|l| std::str::from_utf8(l).unwrap())
        .collect();
    let b64 = dir.join("signature.b64");
    std::fs::write(&b64, lines.join("\r\n") + "\r\n").unwrap();
    let out = verify_kz(&b64, Some(&doc));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("VERDICT: ACCEPTED"));
    std::fs::remove_dir_all(&dir).ok();
}

/// A file of the wrong kind is named as what it is.
#[test]
fn a_file_of_the_wrong_kind_is_named() {
    let dir = scratch("kinds");
    let doc = invoice(&dir);
    // A private key given as the certificate.
    let key = pki("cn/org-uscc.key");
    let out = sign_with_key(&dir, &key, &key, &[]);
    fails_with(
        &out,
        2,
        format!("error: --cert: {key} is a private key, not a certificate\n"),
    );
    let out = cargo_run("inspect_certificate", &[&key]);
    fails_with(
        &out,
        1,
        format!("error: {key} is a private key, not a certificate\n"),
    );
    // A CMS signature given as the certificate.
    let sig = sign_invoice(&dir, &doc, "signed.p7s", &[]);
    let out = sign_with_key(&dir, &key, &s(&sig), &[]);
    fails_with(
        &out,
        2,
        format!(
            "error: --cert: {} is a CMS signature (1 signer(s)), not a certificate\n",
            s(&sig)
        ),
    );
    // A certificate given as the key.
    let cert = pki("cn/org-uscc.pem");
    let out = sign_with_key(&dir, &cert, &cert, &[]);
    fails_with(
        &out,
        2,
        format!("error: --key: {cert} is a certificate, not a private key\n"),
    );
    // A certificate given as a CRL, PEM and DER.
    let registry = s(&root().join("src/registry/sample-registry.json"));
    for crl in [pki("eu/qes-natural.pem"), pki("eu/qes-natural.der")] {
        let out = cargo_run(
            "verify_document",
            &[
                "--content",
                &s(&doc),
                "--signature",
                &s(&sig),
                "--registry",
                &registry,
                "--relying",
                "KZ",
                "--crl",
                &crl,
            ],
        );
        fails_with(
            &out,
            2,
            format!("error: --crl: {crl} is a certificate, not a CRL\n"),
        );
    }
    // A CRL given as the registry file, and a certificate as the signature.
    let crl = pki("eu/ca.crl");
    let out = cargo_run(
        "explain_recognition",
        &["--registry", &crl, "--relying", "KZ"],
    );
    fails_with(
        &out,
        2,
        format!("error: --registry: {crl} is a CRL, not a registry file (JSON)\n"),
    );
    let out = verify_kz(Path::new(&cert), Some(&doc));
    fails_with(
        &out,
        2,
        format!("error: --signature: {cert} is a certificate, not a CMS signature\n"),
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// inspect_certificate prints levels, kinds, roles and QC statements in
/// words, never Rust debug text.
#[test]
fn inspect_certificate_prints_words_not_debug_text() {
    let out = cargo_run("inspect_certificate", &[&pki("eu/qes-natural.pem")]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    for line in [
        "    signer_kind                  natural person\n",
        "    assurance                    EU qualified, key in a qualified device (QES / QSeal)\n",
        "    registry_levels              QES; advanced-with-QC; advanced\n",
        "    qc_statements                QcCompliance (EU qualified certificate); QcSSCD (key in a qualified device); QcType esign; QcPDS https://pki.example.eu/pds_en.pdf (en); semantics identifier 0.4.0.194121.1.1\n",
    ] {
        assert!(stdout.contains(line), "{line}\n{stdout}");
    }
    let kz = cargo_run(
        "inspect_certificate",
        &[&s(&root().join(
            "testdata/national/kz-test-ee-ceo-iin-bin-gost34310-2022.pem",
        ))],
    );
    let kz = text(&kz.stdout);
    assert!(kz.contains("    roles                        first head of the legal entity (1.2.398.3.3.4.1.2.1)\n"), "{kz}");
    assert!(
        kz.contains(
            "    assurance                    KZ NCA signing (electronic digital signature)\n"
        ),
        "{kz}"
    );
    for debug in [
        "{",
        "Some(",
        "EuQualified",
        "NaturalPerson",
        "FirstHead",
        "KzNca",
    ] {
        assert!(!stdout.contains(debug) && !kz.contains(debug), "{debug}");
    }
}

/// Ad-hoc trust means trust (issue 13 item 8): a KZ certificate with the
/// NCA signing policy OID, under `--trust-anchor` of its root trusted as
/// XX, is recognised at XX's level `trusted`; the report says the KZ claim
/// is not in the anchor's vocabulary.
#[test]
fn ad_hoc_anchor_of_another_jurisdiction_recognises_a_foreign_claim() {
    let dir = scratch("adhoc-foreign");
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    let (_, cert) = common::kz_nca::kz_nca_certificate();
    let cert_path = dir.join("kz-nca.der");
    std::fs::write(&cert_path, cert.der()).unwrap();
    let doc = dir.join("origin.xml");
    std::fs::write(&doc, b"<CertificateOfOrigin number='CO-13'/>\n").unwrap();
    let p7s = dir.join("origin.p7s");
    let key = s(&root().join("testdata/pki/kz/ceo.key"));
    let out = cargo_run(
        "sign_document",
        &[
            "--key",
            &key,
            "--cert",
            &s(&cert_path),
            "--content",
            &s(&doc),
            "--doc-type",
            "861",
            "--at",
            "2026-11-23T09:00:00Z",
            "--out",
            &s(&p7s),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let anchor = s(&root().join("testdata/pki/kz/root.pem"));
    let verify = |extra: &[&str]| {
        let mut args = vec![
            "--content",
            &s(&doc),
            "--signature",
            &s(&p7s),
            "--trust-anchor",
            &anchor,
            "--jurisdiction",
            "XX",
            "--relying",
            "XX",
            "--at",
            "2026-11-23T10:00:00Z",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<String>>();
        args.extend(extra.iter().map(|e| (*e).to_owned()));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        cargo_run("verify_document", &refs)
    };
    let out = verify(&[]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("RECOGNISED at 'trusted' (XX), domestic anchor 'ad-hoc-1'"),
        "{stdout}"
    );
    assert!(
        stdout.contains("claims not in the anchor's vocabulary (ignored): nca-signing"),
        "{stdout}"
    );
    assert!(!stdout.contains("the certificate claims"), "{stdout}");
    let json = verify(&["--json"]);
    assert_eq!(json.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["verdict"]["accepted"], true);
    let signer = &report["signatures"][0]["signer"];
    assert_eq!(signer["claimed_levels"], serde_json::json!(["trusted"]));
    assert_eq!(signer["foreign_claims"], serde_json::json!(["nca-signing"]));
    std::fs::remove_dir_all(&dir).ok();
}

/// A Kazakh user signs with the NCA key store they were issued (`--key
/// head.p12 --password`, no `--cert`); Russia accepts it through the
/// agreement; a wrong password is a one-line typed error, and `--cert` with
/// a key store is a usage error.
#[test]
fn sign_with_a_pkcs12_key_store_from_the_command_line() {
    let dir = scratch("p12");
    let doc = dir.join("invoice.xml");
    std::fs::write(&doc, b"<Invoice number='KZ-1'/>\n").unwrap();
    let p7s = dir.join("invoice.p7s");
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    let kz = |f: &str| s(&root().join("testdata/national/kz-nca-test").join(f));
    let (store, ca, doc_s, p7s_s) = (
        kz("head.p12"),
        kz("nca_gost2022_test.cer"),
        s(&doc),
        s(&p7s),
    );
    let sign = |password: &str, extra: &[&str]| {
        let mut args = vec![
            "--key",
            &store,
            "--password",
            password,
            "--chain",
            &ca,
            "--content",
            &doc_s,
            "--doc-type",
            "380",
            "--at",
            "2026-11-23T09:00:00Z",
            "--out",
            &p7s_s,
        ];
        args.extend_from_slice(extra);
        cargo_run("sign_document", &args)
    };
    let out = sign("Qwerty12", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let registry = s(&root().join("src/registry/sample-registry.json"));
    let ru = cargo_run(
        "verify_document",
        &[
            "--content",
            &doc_s,
            "--signature",
            &p7s_s,
            "--registry",
            &registry,
            "--relying",
            "RU",
            "--at",
            "2026-11-23T10:00:00Z",
            "--json",
        ],
    );
    assert_eq!(ru.status.code(), Some(0), "{}", text(&ru.stdout));
    let report: serde_json::Value = serde_json::from_slice(&ru.stdout).unwrap();
    assert_eq!(
        report["signatures"][0]["signature_algorithm"],
        "KZ GOST R 34.10-2015-512"
    );
    assert_eq!(report["signatures"][0]["recognition"]["level"], "KC2");
    fails_with(
        &sign("Qwerty13", &[]),
        2,
        format!(
            "error: --key: {store}: the password does not open this key store (MAC check failed); check the password (or whether the file was altered)\n"
        ),
    );
    let with_cert = sign("Qwerty12", &["--cert", &ca]);
    assert_eq!(
        with_cert.status.code(),
        Some(2),
        "{}",
        text(&with_cert.stderr)
    );
    assert!(text(&with_cert.stderr).contains("leave out --cert"));
}

/// `sign_document --timestamp` makes a B-T envelope; `verify_document` shows
/// the time-stamp and judges the bill of lading (the EU requires one) at it.
#[test]
fn sign_document_timestamp_makes_b_t_and_verify_document_shows_it() {
    let dir = scratch("timestamp");
    let doc = dir.join("bl.xml");
    std::fs::write(&doc, b"<BillOfLading number='BL-1'/>").unwrap();
    let p7s = dir.join("bl.p7s");
    let signed = cargo_run(
        "sign_document",
        &[
            "--key",
            &pki("eu/qes-natural.key"),
            "--cert",
            &pki("eu/qes-natural.pem"),
            "--chain",
            &pki("eu/ca.pem"),
            "--content",
            &s(&doc),
            "--doc-type",
            "705",
            "--at",
            "2026-05-01T10:00:00Z",
            "--timestamp",
            "--tsa-at",
            "2026-05-01T10:00:30Z",
            "--out",
            &s(&p7s),
        ],
    );
    assert_eq!(signed.status.code(), Some(0), "{}", text(&signed.stderr));
    assert!(
        text(&signed.stdout).ends_with("time-stamped (CAdES-B-T)\n"),
        "{}",
        text(&signed.stdout)
    );
    let verified = cargo_run(
        "verify_document",
        &[
            "--content",
            &s(&doc),
            "--signature",
            &s(&p7s),
            "--registry",
            "src/registry/sample-registry.json",
            "--relying",
            "EU",
            "--at",
            "2026-11-01T00:00:00Z",
        ],
    );
    let out = text(&verified.stdout);
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{out}{}",
        text(&verified.stderr)
    );
    assert!(out.contains("signature-time-stamp #1: 2026-05-01T10:00:30Z by C=BE, O=SigBridge Test QTSP, CN=SigBridge Test TSU 1 (EU): valid, recognised"), "{out}");
    assert!(
        out.contains(
            "judged at 2026-05-01T10:00:30Z (proof of existence: signature-time-stamp #1)"
        ),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
