//! Standard output for the examples, written through one writer so that a
//! closed pipe (`… | head -1`) ends the output quietly instead of a panic:
//! `println!` panics on EPIPE (Rust ignores SIGPIPE, so the write returns
//! `BrokenPipe`). Once the reader has gone, the rest of the output is
//! dropped and the example finishes with its usual exit status.

use std::io::Write as _;

use crate::args::Failure;

/// The examples' stdout.
pub struct Out {
    stdout: std::io::Stdout,
    closed: bool,
}

impl Out {
    /// Standard output.
    pub fn new() -> Out {
        Out {
            stdout: std::io::stdout(),
            closed: false,
        }
    }

    /// Writes `text` as it is.
    pub fn text(&mut self, text: &str) -> Result<(), Failure> {
        if self.closed {
            return Ok(());
        }
        let mut lock = self.stdout.lock();
        match lock.write_all(text.as_bytes()).and_then(|()| lock.flush()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(Failure::Failed(format!("cannot write output: {e}"))),
        }
    }

    /// Writes `text` and a line break.
    pub fn line(&mut self, text: &str) -> Result<(), Failure> {
        self.text(text)?;
        self.text("\n")
    }
}
