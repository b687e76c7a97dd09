//! A small command-line parser shared by the examples: `--name value`
//! options (repeatable where the example says so), `--flag` switches and
//! `--help`. Bad usage is exit status 2, as every example documents.

use std::process::ExitCode;

/// Parsed arguments.
pub struct Args {
    values: Vec<(String, String)>,
    flags: Vec<String>,
}

/// What the parse decided.
pub enum Parsed {
    /// Run with these arguments.
    Run(Args),
    /// Stop with this exit code (help printed, or bad usage reported).
    Exit(ExitCode),
}

/// Parses `std::env::args`: `valued` options take one value each, `flags`
/// take none. Prints `usage` for `--help` (exit 0) or on a mistake (exit 2).
pub fn parse(usage: &str, valued: &[&str], flags: &[&str]) -> Parsed {
    let mut args = Args {
        values: Vec::new(),
        flags: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        if a == "--help" || a == "-h" {
            println!("{usage}");
            return Parsed::Exit(ExitCode::SUCCESS);
        }
        let Some(name) = a.strip_prefix("--") else {
            return usage_error(usage, &format!("unexpected argument '{a}'"));
        };
        if flags.contains(&name) {
            args.flags.push(name.to_owned());
        } else if valued.contains(&name) {
            match it.next() {
                Some(v) => args.values.push((name.to_owned(), v)),
                None => return usage_error(usage, &format!("--{name} needs a value")),
            }
        } else {
            return usage_error(usage, &format!("unknown option --{name}"));
        }
    }
    Parsed::Run(args)
}

/// Reports bad usage: the message and the usage on stderr, exit 2.
pub fn usage_error(usage: &str, message: &str) -> Parsed {
    eprintln!("error: {message}\n\n{usage}");
    Parsed::Exit(ExitCode::from(2))
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

    /// The value of a mandatory `--name`.
    pub fn required(&self, name: &str) -> Result<&str, String> {
        self.get(name)
            .ok_or_else(|| format!("--{name} is required"))
    }
}

/// Reads a file, naming it in the error.
pub fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
}

/// The system clock, read by the examples (the library never reads it).
pub fn now() -> sigbridge::Time {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    sigbridge::Time::from_unix(secs)
}
