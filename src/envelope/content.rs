//! Hashing the signed document: every digest algorithm in use, in one pass
//! over bytes or a reader, with a fixed-size buffer.

use std::io::Read;

use crate::{EnvelopeError, HashAlgorithm};

/// Read size for streaming: large enough that per-call overhead vanishes
/// against hashing, small enough to stay in L2.
const CHUNK: usize = 64 * 1024;

/// A running hash (see `HashAlgorithm::hasher`).
type Hasher = Box<dyn digest::DynDigest + Send>;

/// The digests of one document under several algorithms. Algorithms
/// sigbridge cannot compute (MD5) are simply absent.
///
/// ```
/// use sigbridge::envelope::ContentDigests;
/// use sigbridge::HashAlgorithm;
///
/// let mut reader: &[u8] = b"abc";
/// let d = ContentDigests::from_reader(&mut reader, &[HashAlgorithm::Sha256, HashAlgorithm::Sm3]).unwrap();
/// assert_eq!(d.get(HashAlgorithm::Sha256), HashAlgorithm::Sha256.digest(b"abc").as_deref());
/// assert_eq!(d.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContentDigests {
    digests: Vec<(HashAlgorithm, Vec<u8>)>,
    length: u64,
}

impl ContentDigests {
    /// Digests of `content`.
    pub fn from_bytes(content: &[u8], algorithms: &[HashAlgorithm]) -> ContentDigests {
        let mut hashers = hashers(algorithms);
        for (_, h) in &mut hashers {
            h.update(content);
        }
        ContentDigests {
            digests: finish(hashers),
            length: content.len() as u64,
        }
    }

    /// Digests of everything `reader` yields, read once in 64 KiB chunks:
    /// memory does not grow with the document.
    ///
    /// # Errors
    /// [`EnvelopeError::Io`] if reading fails.
    pub fn from_reader(
        reader: &mut dyn Read,
        algorithms: &[HashAlgorithm],
    ) -> Result<ContentDigests, EnvelopeError> {
        let mut hashers = hashers(algorithms);
        let mut buf = vec![0u8; CHUNK];
        let mut length = 0u64;
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(EnvelopeError::Io {
                        reason: e.to_string(),
                    });
                }
            };
            let chunk = buf.get(..n).unwrap_or_default();
            for (_, h) in &mut hashers {
                h.update(chunk);
            }
            length = length.saturating_add(n as u64);
        }
        Ok(ContentDigests {
            digests: finish(hashers),
            length,
        })
    }

    /// The digest under `alg`, if computed.
    pub fn get(&self, alg: HashAlgorithm) -> Option<&[u8]> {
        self.digests
            .iter()
            .find(|(a, _)| *a == alg)
            .map(|(_, d)| d.as_slice())
    }

    /// How many digests were computed.
    pub fn len(&self) -> usize {
        self.digests.len()
    }

    /// Whether no digest was computed.
    pub fn is_empty(&self) -> bool {
        self.digests.is_empty()
    }

    /// The number of content bytes hashed.
    pub fn content_length(&self) -> u64 {
        self.length
    }
}

fn hashers(algorithms: &[HashAlgorithm]) -> Vec<(HashAlgorithm, Hasher)> {
    let mut out: Vec<(HashAlgorithm, Hasher)> = Vec::new();
    for alg in algorithms {
        if out.iter().any(|(a, _)| a == alg) {
            continue;
        }
        if let Some(h) = alg.hasher() {
            out.push((*alg, h));
        }
    }
    out
}

fn finish(hashers: Vec<(HashAlgorithm, Hasher)>) -> Vec<(HashAlgorithm, Vec<u8>)> {
    hashers
        .into_iter()
        .map(|(a, h)| (a, h.finalize().into_vec()))
        .collect()
}
