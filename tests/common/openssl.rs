//! The `openssl` command-line tool as an interop peer: run it, and fail the
//! test with a message that names what is missing when it is absent (CI
//! installs it; the tests install nothing).

use std::process::{Command, Output};

/// Runs `openssl args…`; panics naming the missing package when the binary
/// is not on PATH.
pub fn openssl(args: &[&str]) -> Output {
    match Command::new("openssl").args(args).output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "the `openssl` binary is not on PATH: these interop tests need it \
             (CI installs it; locally: apt-get install openssl)"
        ),
        Err(e) => panic!("cannot run openssl: {e}"),
    }
}

/// Runs openssl and fails the test with its output unless it succeeds.
pub fn openssl_ok(args: &[&str]) -> Output {
    let out = openssl(args);
    assert!(
        out.status.success(),
        "openssl {} failed: {}{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
