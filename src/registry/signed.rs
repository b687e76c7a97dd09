//! Signed lists: a registry snapshot published as a signed envelope, and
//! ICAO CSCA master lists (ICAO Doc 9303 Part 12 §9) imported as anchors.
//! Both are loaded only after their signature verifies and the signer's
//! certificate chains to an anchor the caller trusts for that purpose.

use super::{ImportError, ImportListing, Registry, RegistryFileError};
use crate::asn1::{self, tag};
use crate::crypto::{Signer, Verifiers};
use crate::envelope::{Envelope, ID_DATA, SignatureOptions};
use crate::path::{TrustAnchor, ValidationOptions, build_path};
use crate::{Certificate, EnvelopeError, Jurisdiction, Leniency, Oid, PathError, Time};

/// eContentType of a CSCA master list (ICAO Doc 9303-12 §9, id-icao-cscaMasterList).
pub const ICAO_MASTER_LIST: Oid = Oid::new_unwrap("2.23.136.1.1.2");
/// Extended key usage a master-list signer certificate carries
/// (ICAO Doc 9303-12 §9, id-icao-cscaMasterListSigningKey).
pub const ICAO_MASTER_LIST_SIGNER: Oid = Oid::new_unwrap("2.23.136.1.1.3");

/// Why a signed list was not loaded; nothing is loaded then.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignedListError {
    /// The envelope does not parse.
    #[error("the signed list does not parse: {0}")]
    Envelope(EnvelopeError),
    /// The envelope does not carry its content.
    #[error("the signed list is detached; a signed list must carry its content (enveloping)")]
    Detached,
    /// The envelope carries another content type.
    #[error("the signed list has content type {found}, expected {expected}")]
    ContentType {
        /// What the list must carry, by name and OID.
        expected: &'static str,
        /// What it carries.
        found: Oid,
    },
    /// The envelope has no SignerInfo.
    #[error("the list is not signed")]
    Unsigned,
    /// A signature on the list does not verify.
    #[error("a signature on the list does not verify: {0}")]
    Signature(EnvelopeError),
    /// No signer's certificate chains to the given anchor(s).
    /// (The path error names the certificate where building stopped.)
    #[error("the list's signer does not chain to the anchor trusted for this list: {0}")]
    Untrusted(PathError),
    /// The signer's certificate lacks the extended key usage the list type requires.
    #[error("the list's signer {subject} lacks the extended key usage {required}")]
    SignerRole {
        /// The signer's subject.
        subject: String,
        /// The EKU required.
        required: Oid,
    },
    /// The signed content is not what the list type defines.
    #[error("the signed content is malformed: {reason}")]
    Content {
        /// What was wrong.
        reason: String,
    },
    /// The signed registry file does not load.
    #[error(transparent)]
    Registry(#[from] RegistryFileError),
    /// The master list's certificates cannot be listed.
    #[error(transparent)]
    Import(#[from] ImportError),
}

/// A list whose signatures verified and whose signer chains to a trusted anchor.
struct OpenedList {
    envelope: Envelope,
    signers: Vec<Certificate>,
}

/// Opens a signed list: every signature must verify over the carried
/// content, and at least one signer must chain to `anchors` at `at`.
fn open(
    bytes: &[u8],
    (content_type, expected): (Oid, &'static str),
    anchors: &[TrustAnchor],
    at: Time,
) -> Result<OpenedList, SignedListError> {
    let envelope = Envelope::parse(bytes).map_err(SignedListError::Envelope)?;
    if envelope.is_detached() {
        return Err(SignedListError::Detached);
    }
    if *envelope.content_type() != content_type {
        return Err(SignedListError::ContentType {
            expected,
            found: *envelope.content_type(),
        });
    }
    let checks = envelope
        .verify(None, &Verifiers::builtin(), &[])
        .map_err(SignedListError::Envelope)?;
    if checks.is_empty() {
        return Err(SignedListError::Unsigned);
    }
    let mut signers = Vec::new();
    for check in checks {
        match (check.result, check.certificate) {
            (Ok(_), Some(cert)) => signers.push(cert),
            (Err(e), _) => return Err(SignedListError::Signature(e)),
            (Ok(_), None) => return Err(SignedListError::Unsigned),
        }
    }
    let intermediates: Vec<Certificate> = envelope
        .certificates()
        .iter()
        .filter_map(|c| c.certificate().ok().cloned())
        .collect();
    let options = ValidationOptions::new(at);
    let mut first_failure = None;
    let mut trusted = Vec::new();
    for cert in signers {
        match build_path(&cert, &intermediates, anchors, &options) {
            Ok(_) => trusted.push(cert),
            Err(reason) => {
                first_failure.get_or_insert(SignedListError::Untrusted(reason));
            }
        }
    }
    if trusted.is_empty() {
        return Err(first_failure.unwrap_or(SignedListError::Unsigned));
    }
    Ok(OpenedList {
        envelope,
        signers: trusted,
    })
}

impl Registry {
    /// Publishes this registry as a signed envelope: the registry file
    /// (JSON, [`Registry::to_json`]) carried inside an enveloping CAdES-B-B
    /// signature, so that relying parties can check who published it.
    ///
    /// ```
    /// use sigbridge::crypto::SoftwareSigner;
    /// use sigbridge::path::TrustAnchor;
    /// use sigbridge::registry::Registry;
    /// use sigbridge::{load_certificates, Certificate, Time};
    ///
    /// let chain = load_certificates(&std::fs::read("testdata/pki/eu/chain-qseal-legal.pem").unwrap()).unwrap();
    /// let key = std::fs::read("testdata/pki/eu/qseal-legal.key").unwrap();
    /// let operator = SoftwareSigner::from_pkcs8_pem(&key, chain[0].clone()).unwrap().with_chain(chain[1..].to_vec());
    /// let at: Time = "2026-11-23T09:00:00Z".parse().unwrap();
    ///
    /// let sample = Registry::sample().unwrap();
    /// let signed = sample.to_signed_envelope(&operator, at).unwrap().to_der();
    /// let root = TrustAnchor::from_certificate(chain.last().unwrap()).unwrap();
    /// let loaded = Registry::from_signed_envelope(&signed, &root, at).unwrap();
    /// assert_eq!(loaded.snapshot_id(), sample.snapshot_id());
    /// ```
    ///
    /// # Errors
    /// Those of [`Envelope::sign_enveloping`].
    pub fn to_signed_envelope(
        &self,
        signer: &dyn Signer,
        at: Time,
    ) -> Result<Envelope, EnvelopeError> {
        Envelope::sign_enveloping(
            self.to_json().as_bytes(),
            signer,
            &SignatureOptions::new(at).include_chain(true),
        )
    }

    /// Loads a registry published with [`Registry::to_signed_envelope`]
    /// (DER, BER or PEM), only if every signature verifies and a signer
    /// chains to `operator` (the scheme operator's anchor) at `at`.
    ///
    /// # Errors
    /// [`SignedListError`]: the registry is not loaded.
    pub fn from_signed_envelope(
        bytes: &[u8],
        operator: &TrustAnchor,
        at: Time,
    ) -> Result<Registry, SignedListError> {
        let opened = open(
            bytes,
            (ID_DATA, "id-data (1.2.840.113549.1.7.1)"),
            std::slice::from_ref(operator),
            at,
        )?;
        let content = opened.envelope.content().unwrap_or_default();
        let text = std::str::from_utf8(content).map_err(|e| SignedListError::Content {
            reason: format!("the registry file is not UTF-8: {e}"),
        })?;
        Ok(Registry::from_json(text)?)
    }

    /// Imports an ICAO CSCA master list (ICAO Doc 9303-12 §9: a CMS
    /// SignedData carrying `CscaMasterList ::= SEQUENCE { version, certList
    /// SET OF Certificate }`) into `jurisdiction`'s anchors. The list's
    /// signature is verified first; its signer must carry the EKU
    /// [`ICAO_MASTER_LIST_SIGNER`] and chain to one of `csca` (the
    /// publishing state's CSCA) at `at`. Certificates listed twice are
    /// imported once.
    ///
    /// # Errors
    /// [`SignedListError`]: nothing is imported.
    pub fn import_master_list(
        &self,
        jurisdiction: Jurisdiction,
        bytes: &[u8],
        csca: &[TrustAnchor],
        at: Time,
        listing: &ImportListing,
    ) -> Result<Registry, SignedListError> {
        let opened = open(
            bytes,
            (ICAO_MASTER_LIST, "id-icao-cscaMasterList (2.23.136.1.1.2)"),
            csca,
            at,
        )?;
        for signer in &opened.signers {
            let has_role = signer
                .extended_key_usage()
                .is_some_and(|eku| eku.contains(&ICAO_MASTER_LIST_SIGNER));
            if !has_role {
                return Err(SignedListError::SignerRole {
                    subject: signer.subject().to_string(),
                    required: ICAO_MASTER_LIST_SIGNER,
                });
            }
        }
        let certs = master_list_certificates(opened.envelope.content().unwrap_or_default())?;
        Ok(self.import_certificates(jurisdiction, &certs, listing)?)
    }
}

/// Reads `CscaMasterList` (version 0) and parses its certificates, leaving
/// out repeats.
fn master_list_certificates(content: &[u8]) -> Result<Vec<Certificate>, SignedListError> {
    let bad = |e: asn1::Asn1Error| SignedListError::Content {
        reason: format!("CscaMasterList: {e}"),
    };
    let seq = asn1::read_single_tag(content, tag::SEQUENCE).map_err(bad)?;
    let mut r = seq.reader();
    let version = r
        .read_tag(tag::INTEGER)
        .and_then(|v| asn1::small_uint(v.value))
        .map_err(bad)?;
    if version != 0 {
        return Err(SignedListError::Content {
            reason: format!("CscaMasterList version {version} (Doc 9303-12 §9 defines v0)"),
        });
    }
    let set = r.read_tag(tag::SET).map_err(bad)?;
    r.finish().map_err(bad)?;
    let mut certs: Vec<Certificate> = Vec::new();
    let mut cr = set.reader();
    let mut index = 0usize;
    while !cr.is_empty() {
        let der = cr.read().map_err(bad)?;
        let cert = Certificate::from_der_with(der.raw, &Leniency::real_world()).map_err(|e| {
            SignedListError::Content {
                reason: format!("certificate #{index} of the list: {e}"),
            }
        })?;
        if !certs.iter().any(|c| c.der() == cert.der()) {
            certs.push(cert);
        }
        index += 1;
    }
    Ok(certs)
}
