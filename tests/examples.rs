//! Each example run as a user runs it (`cargo run --example …`), checking
//! exit codes and output. The examples are built by this `cargo test` run
//! already, so the nested `cargo run` only links and starts them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
    assert_eq!(stdout.matches("--> as expected").count(), 4, "{stdout}");
    assert!(!stdout.contains("UNEXPECTED"));
    assert!(stdout.contains("VERDICT: ACCEPTED"));
    assert!(stdout.contains("anchor 'kz-root' is withdrawn since 2026-01-01T00:00:00Z"));
    assert!(stdout.contains("TOTAL_FAILED / HASH_FAILURE"));
}

#[test]
fn every_example_has_help() {
    for example in [
        "cross_border_trade",
        "sign_document",
        "verify_document",
        "explain_recognition",
    ] {
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
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--content is required"));
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
    assert_eq!(out.status.code(), Some(2));
}
