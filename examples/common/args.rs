//! A small command-line parser shared by the examples: `--name value`
//! options (repeatable where the example says so), `--flag` switches,
//! positional files where an example takes them, and `--help`. Every
//! mistake is one line on stderr and exit status 2, as every example
//! documents; `--help` prints the usage.

use std::io::Write as _;
use std::process::ExitCode;

/// Parsed arguments.
pub struct Args {
    values: Vec<(String, String)>,
    flags: Vec<String>,
    positional: Vec<String>,
}

/// What the parse decided.
pub enum Parsed {
    /// Run with these arguments.
    Run(Args),
    /// Stop with this exit code (help printed, or bad usage reported).
    Exit(ExitCode),
}

/// Why an example stops, and so its exit status and its one line on stderr.
pub enum Failure {
    /// Bad usage (unknown option, missing value, contradictory options): exit 2,
    /// with a hint to `--help`.
    Usage(String),
    /// Missing, unreadable or wrong-kind input: exit 2; the message names the file.
    Input(String),
    /// The job itself failed (signing refused, output not written): exit 1.
    Failed(String),
}

impl Failure {
    /// Prints the one line and returns the exit status.
    pub fn exit(self) -> ExitCode {
        let (line, code) = match self {
            Failure::Usage(m) => (format!("error: {m} (see --help)"), 2),
            Failure::Input(m) => (format!("error: {m}"), 2),
            Failure::Failed(m) => (format!("error: {m}"), 1),
        };
        // Even a closed stderr must not become a panic.
        let _ = writeln!(std::io::stderr(), "{line}");
        ExitCode::from(code)
    }
}

/// Parses `std::env::args`: `valued` options take one value each, `flags`
/// take none, and at most `max_positional` bare arguments are allowed.
/// Prints `usage` for `--help` (exit 0); a mistake is one line (exit 2).
pub fn parse(usage: &str, valued: &[&str], flags: &[&str], max_positional: usize) -> Parsed {
    let mut args = Args {
        values: Vec::new(),
        flags: Vec::new(),
        positional: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        if a == "--help" || a == "-h" {
            let mut out = crate::output::Out::new();
            return Parsed::Exit(match out.line(usage) {
                Ok(()) => ExitCode::SUCCESS,
                Err(f) => f.exit(),
            });
        }
        let Some(name) = a.strip_prefix("--") else {
            if a.starts_with('-') && a.len() > 1 {
                return usage_error(&format!("unknown option {a}"));
            }
            if args.positional.len() < max_positional {
                args.positional.push(a);
                continue;
            }
            return usage_error(&format!("unexpected argument '{a}'"));
        };
        if flags.contains(&name) {
            args.flags.push(name.to_owned());
        } else if valued.contains(&name) {
            match it.next() {
                Some(v) => args.values.push((name.to_owned(), v)),
                None => return usage_error(&format!("--{name} needs a value")),
            }
        } else {
            return usage_error(&format!("unknown option --{name}"));
        }
    }
    Parsed::Run(args)
}

/// Reports bad usage: one line on stderr, exit 2.
pub fn usage_error(message: &str) -> Parsed {
    Parsed::Exit(Failure::Usage(message.to_owned()).exit())
}

impl Args {
    /// The last value of `--name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a repeatable `--name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.values
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether `--name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// The bare arguments, in order.
    pub fn positional(&self) -> &[String] {
        &self.positional
    }

    /// The value of a mandatory `--name`.
    pub fn required(&self, name: &str) -> Result<&str, Failure> {
        self.get(name)
            .ok_or_else(|| Failure::Usage(format!("--{name} is required")))
    }
}

/// The system clock, read by the examples (the library never reads it).
pub fn now() -> sigbridge::Time {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    sigbridge::Time::from_unix(secs)
}
