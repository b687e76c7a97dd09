//! A large document produced on the fly: a position-dependent byte pattern,
//! so that gigabytes can be signed and verified without being stored.
//! Shared by `tests/envelope_large.rs` and `benches/verify.rs`.

use std::io::Read;

/// `len` bytes of pattern, read from `offset`.
pub struct Pattern {
    /// Bytes produced so far.
    pub offset: u64,
    /// Total length.
    pub len: u64,
}

impl Pattern {
    /// A fresh reader of `len` bytes.
    pub fn new(len: u64) -> Pattern {
        Pattern { offset: 0, len }
    }
}

impl Read for Pattern {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = usize::try_from(self.len - self.offset).unwrap_or(usize::MAX);
        let n = buf.len().min(left);
        for (i, b) in buf[..n].iter_mut().enumerate() {
            let pos = self.offset + i as u64;
            *b = (pos ^ (pos >> 13)) as u8;
        }
        self.offset += n as u64;
        Ok(n)
    }
}
