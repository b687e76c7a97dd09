//! Explains what a relying jurisdiction recognises: its own anchors, and
//! through which agreements which foreign jurisdictions, for which document
//! types, at which levels, and from when.
//!
//! ```text
//! cargo run --example explain_recognition -- --registry REG.json --relying XX [--at RFC3339]
//! ```
//!
//! Without `--registry`, the built-in sample registry is used. Exit status:
//! 0 printed, 2 bad usage or unreadable input.

#[path = "common/args.rs"]
#[allow(dead_code)] // each example uses part of it
mod args;
#[path = "common/input.rs"]
#[allow(dead_code)]
mod input;
#[path = "common/output.rs"]
#[allow(dead_code)]
mod output;

use std::fmt::Write as _;
use std::process::ExitCode;

use args::{Failure, Parsed};
use sigbridge::registry::{AgreementStatus, DocumentScope, Registry};
use sigbridge::{Jurisdiction, Time};

const USAGE: &str = "usage: explain_recognition [--registry REG.json] --relying XX [--at RFC3339]

  --registry   a registry file (default: the built-in sample registry)
  --relying    the relying jurisdiction
  --at         also say what is in force at this time

exit status: 0 printed, 2 bad usage or unreadable input";

fn main() -> ExitCode {
    let args = match args::parse(USAGE, &["registry", "relying", "at"], &[], 0) {
        Parsed::Run(a) => a,
        Parsed::Exit(code) => return code,
    };
    let mut out = output::Out::new();
    match run(&args).and_then(|text| out.text(&text)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.exit(),
    }
}

fn run(args: &args::Args) -> Result<String, Failure> {
    let code = args.required("relying")?;
    let relying = Jurisdiction::from_code(code).ok_or_else(|| {
        Failure::Usage(format!(
            "--relying: '{code}' is not a two-letter jurisdiction code"
        ))
    })?;
    let at: Option<Time> = match args.get("at") {
        Some(t) => Some(
            t.parse()
                .map_err(|e| Failure::Usage(format!("--at: {e}")))?,
        ),
        None => None,
    };
    let registry = match args.get("registry") {
        Some(path) => {
            let text = input::json("--registry", path, "a registry file (JSON)")?;
            Registry::from_json(&text)
                .map_err(|e| Failure::Input(format!("--registry: {path}: {e}")))?
        }
        None => Registry::sample().map_err(|e| Failure::Failed(e.to_string()))?,
    };
    let not_in = || {
        Failure::Input(format!(
            "--relying: no such jurisdiction in the registry: {relying}"
        ))
    };
    let scheme = if registry.jurisdiction(relying).is_some() {
        relying
    } else {
        registry.union_of(relying).ok_or_else(not_in)?
    };
    let mut out = String::new();
    let entry = registry.jurisdiction(scheme).ok_or_else(not_in)?;
    let _ = writeln!(
        out,
        "{} ({}), registry {}",
        relying,
        entry.name,
        registry.snapshot_id()
    );
    if scheme != relying {
        let _ = writeln!(out, "relies through the union {scheme} (eIDAS Art. 25(3))");
    }
    let _ = writeln!(out, "levels, lowest first: {}", entry.levels.join(", "));
    let _ = writeln!(out, "\ndomestic anchors (no agreement needed):");
    for a in &entry.anchors {
        let history: Vec<String> = a
            .status
            .iter()
            .map(|s| format!("{} from {}", s.status, s.from))
            .collect();
        let _ = writeln!(
            out,
            "  {} — {} — levels {} — {}",
            a.id,
            a.service,
            a.levels.join(", "),
            history.join(", then ")
        );
    }
    let _ = writeln!(out, "\nrecognised foreign jurisdictions:");
    let mut any = false;
    for g in registry.agreements().iter().filter(|g| g.relying == scheme) {
        any = true;
        let documents = match &g.documents {
            DocumentScope::All => "all document types".to_owned(),
            DocumentScope::Only(list) => list
                .iter()
                .map(|d| d.0.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        };
        let until = g
            .in_force_until
            .map_or_else(String::new, |u| format!(" until {u}"));
        let _ = writeln!(
            out,
            "  {} — agreement '{}' ({})",
            g.issuing, g.id, g.legal_reference
        );
        let _ = writeln!(out, "    documents: {documents}");
        let _ = writeln!(out, "    in force from {}{until}", g.in_force_from);
        for s in &g.status {
            let word = match s.status {
                AgreementStatus::Enacted => "enacted",
                AgreementStatus::Repealed => "repealed",
            };
            let _ = writeln!(out, "    {word} from {}", s.from);
        }
        for (from, to) in &g.mapping {
            let _ = writeln!(out, "    {}:'{from}' -> {scheme}:'{to}'", g.issuing);
        }
        if g.onward {
            let _ = writeln!(out, "    onward: also what {} itself recognises", g.issuing);
        }
        if let Some(t) = at {
            let state = match g.not_in_force(t) {
                None => "in force".to_owned(),
                Some(gap) => gap.to_string(),
            };
            let _ = writeln!(out, "    at {t}: {state}");
        }
    }
    if !any {
        let _ = writeln!(out, "  none: only domestic signatures are recognised");
    }
    Ok(out)
}
