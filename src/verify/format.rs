//! Format checking and cryptographic verification (EN 319 102-1 §5.2.2,
//! §5.2.7): the envelope read, every SignerInfo's signature and message
//! digest checked (by [`crate::envelope`]).

use super::finding::Finding;
use super::{Content, Verifier};
use crate::envelope::{Envelope, SignerCheck};

impl Verifier {
    /// The envelope and the cryptographic check of each of its SignerInfos,
    /// or why the document cannot be read at all.
    pub(super) fn read(
        &self,
        bytes: &[u8],
        content: Content<'_>,
    ) -> Result<(Envelope, Vec<SignerCheck>), Finding> {
        let envelope = Envelope::parse_with(bytes, &self.read_options)
            .map_err(|e| Finding::unreadable("the envelope", &e))?;
        // Certificates seen before are not parsed again.
        for embedded in envelope.certificates() {
            if let Some(hash) = crate::HashAlgorithm::Sha256.digest(embedded.der())
                && let Ok(hash) = <[u8; 32]>::try_from(hash.as_slice())
                && let Some(hit) = self.parsed.get(&hash)
            {
                embedded.prime(hit.certificate);
            }
        }
        let checks = match content {
            Content::Detached(bytes) => {
                envelope.verify(Some(bytes), &self.verifiers, &self.intermediates)
            }
            Content::Enveloped => envelope.verify(None, &self.verifiers, &self.intermediates),
            Content::Reader(reader) => {
                envelope.verify_reader(reader, &self.verifiers, &self.intermediates)
            }
        }
        .map_err(|e| Finding::unreadable("the document", &e))?;
        Ok((envelope, checks))
    }
}
