//! Signed lists: a registry snapshot published as a signed envelope, and
//! ICAO CSCA master lists (ICAO Doc 9303 Part 12 §9) imported as anchors.
//! Both are loaded only after their signature verifies, the signer's
//! certificate chains to an anchor the caller trusts for that purpose, and
//! the signer is authorised for that list: the master-list signer EKU, or,
//! for a registry snapshot, the [`RegistryOperator`] the caller names.

use super::{ImportError, ImportListing, Registry, RegistryFileError};
use crate::asn1::{self, tag};
use crate::crypto::{PublicKeyInfo, Signer, Verifiers};
use crate::envelope::{Envelope, ID_DATA, SignatureOptions};
use crate::path::{TrustAnchor, ValidationOptions, build_path};
use crate::{Certificate, EnvelopeError, Jurisdiction, Leniency, Oid, PathError, Time};

/// eContentType of a CSCA master list (ICAO Doc 9303-12 §9, id-icao-cscaMasterList).
pub const ICAO_MASTER_LIST: Oid = Oid::new_unwrap("2.23.136.1.1.2");
/// Extended key usage a master-list signer certificate carries
/// (ICAO Doc 9303-12 §9, id-icao-cscaMasterListSigningKey).
pub const ICAO_MASTER_LIST_SIGNER: Oid = Oid::new_unwrap("2.23.136.1.1.3");

/// Extended key usage of a trusted-list signer, id-tsl-kp-tslSigning
/// (ETSI TS 119 612, ASN.1 module: `{ itu-t(0) identified-organization(4)
/// etsi(0) tsl-specification(2231) id-tsl-kp(3) 0 }`; the clause on the
/// scheme operator's signing certificate requires it). A sigbridge registry
/// snapshot is what a trusted list is — a scheme operator's signed list of
/// the trust anchors it recognises — so its signer carries the same purpose
/// rather than one under an arc sigbridge would have to invent.
pub const TSL_SIGNING: Oid = Oid::new_unwrap("0.4.0.2231.3.0");

/// anyExtendedKeyUsage (RFC 5280 §4.2.1.12).
const ANY_EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37.0");
/// id-kp-emailProtection (RFC 5280 §4.2.1.12): CMS signing (S/MIME).
const EMAIL_PROTECTION: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");
/// id-kp-documentSigning (RFC 9336 §3).
const DOCUMENT_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.36");

/// Who may sign a registry snapshot: the scheme operator, as the caller
/// knows it. Chaining to the operator's anchor is not enough — every
/// subscriber of the operator's CA chains there — so the signer must also
/// be authorised, in one of three ways, and its key usage must permit
/// signing (digitalSignature or nonRepudiation, RFC 5280 §4.2.1.3; the
/// extension must be present, as ETSI TS 119 612 requires of a trusted-list
/// signer).
///
/// ```
/// use sigbridge::path::TrustAnchor;
/// use sigbridge::registry::RegistryOperator;
/// use sigbridge::load_certificates;
///
/// let chain = load_certificates(&std::fs::read("testdata/pki/eu/chain-qseal-legal.pem").unwrap()).unwrap();
/// let root = TrustAnchor::from_certificate(chain.last().unwrap()).unwrap();
/// // The operator's signing certificate, as published out of band:
/// let operator = RegistryOperator::certificates(root.clone(), vec![chain[0].clone()]);
/// // Or any certificate under the root that carries id-tsl-kp-tslSigning:
/// let by_role = RegistryOperator::tsl_signing(root);
/// # let _ = (operator, by_role);
/// ```
#[derive(Debug, Clone)]
pub struct RegistryOperator {
    anchor: TrustAnchor,
    authorised: Authorised,
}

#[derive(Debug, Clone)]
enum Authorised {
    Certificates(Vec<Certificate>),
    Keys(Vec<PublicKeyInfo>),
    TslSigning,
}

impl RegistryOperator {
    /// The signer's certificate must be one of `certificates` (same DER)
    /// and chain to `anchor`. A present extended key usage must allow
    /// signing content (id-tsl-kp-tslSigning, id-kp-documentSigning,
    /// id-kp-emailProtection or anyExtendedKeyUsage; RFC 5280 §4.2.1.12:
    /// "the certificate MUST only be used for one of the purposes indicated").
    pub fn certificates(anchor: TrustAnchor, certificates: Vec<Certificate>) -> RegistryOperator {
        RegistryOperator {
            anchor,
            authorised: Authorised::Certificates(certificates),
        }
    }

    /// The signer's certificate must certify one of `keys` (same
    /// SubjectPublicKeyInfo) and chain to `anchor`: the operator's
    /// certificate may be renewed over the same key. The extended key
    /// usage rule is that of [`RegistryOperator::certificates`].
    pub fn keys(anchor: TrustAnchor, keys: Vec<PublicKeyInfo>) -> RegistryOperator {
        RegistryOperator {
            anchor,
            authorised: Authorised::Keys(keys),
        }
    }

    /// The signer's certificate must chain to `anchor` and carry the
    /// extended key usage [`TSL_SIGNING`] (anyExtendedKeyUsage is not
    /// enough: it names no role).
    pub fn tsl_signing(anchor: TrustAnchor) -> RegistryOperator {
        RegistryOperator {
            anchor,
            authorised: Authorised::TslSigning,
        }
    }

    /// The anchor the signer must chain to.
    pub fn anchor(&self) -> &TrustAnchor {
        &self.anchor
    }

    /// Why `signer` may not sign the registry, or `None` when it may.
    fn refuse(&self, signer: &Certificate) -> Option<SignedListError> {
        let subject = || signer.subject().to_string();
        let ekus = signer.extended_key_usage();
        match &self.authorised {
            Authorised::Certificates(list) if !list.iter().any(|c| c.der() == signer.der()) => {
                return Some(SignedListError::NotOperator {
                    subject: subject(),
                    certificate_sha256: signer.fingerprint_hex(),
                });
            }
            Authorised::Keys(list) if !list.iter().any(|k| k.der() == signer.spki_der()) => {
                return Some(SignedListError::NotOperator {
                    subject: subject(),
                    certificate_sha256: signer.fingerprint_hex(),
                });
            }
            Authorised::TslSigning if !ekus.is_some_and(|e| e.contains(&TSL_SIGNING)) => {
                return Some(SignedListError::SignerRole {
                    subject: subject(),
                    required: TSL_SIGNING,
                });
            }
            _ => {}
        }
        if let Some(ekus) = ekus {
            let allowed = [
                TSL_SIGNING,
                DOCUMENT_SIGNING,
                EMAIL_PROTECTION,
                ANY_EXTENDED_KEY_USAGE,
            ];
            if !ekus.iter().any(|e| allowed.contains(e)) {
                return Some(SignedListError::SignerPurpose {
                    subject: subject(),
                    purposes: ekus.to_vec(),
                });
            }
        }
        let ku = signer.key_usage();
        if !ku.is_some_and(|k| k.digital_signature() || k.non_repudiation()) {
            return Some(SignedListError::SignerKeyUsage {
                subject: subject(),
                present: ku.map(|k| k.names()).unwrap_or_default(),
            });
        }
        None
    }
}

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
    /// The registry snapshot's signer chains to the operator's anchor but is
    /// not the operator the caller named (another certificate or key).
    #[error(
        "the registry's signer {subject} (certificate SHA-256 {certificate_sha256}) is not the operator's listed certificate or key; any subscriber of the operator's CA chains to its anchor, so only the listed signer is trusted"
    )]
    NotOperator {
        /// The signer's subject.
        subject: String,
        /// Its certificate's SHA-256 fingerprint, hex.
        certificate_sha256: String,
    },
    /// The signer's key usage does not permit signing (RFC 5280 §4.2.1.3:
    /// digitalSignature or nonRepudiation), or the extension is absent.
    #[error(
        "the list's signer {subject} has key usage {present:?}, which does not permit signing (digitalSignature or nonRepudiation)"
    )]
    SignerKeyUsage {
        /// The signer's subject.
        subject: String,
        /// The key usage bits present (empty when the extension is absent).
        present: Vec<&'static str>,
    },
    /// The signer's extended key usage restricts it to other purposes
    /// (RFC 5280 §4.2.1.12).
    #[error(
        "the list's signer {subject} is restricted by its extended key usage to {purposes:?}, none of which is signing a trusted list or a document"
    )]
    SignerPurpose {
        /// The signer's subject.
        subject: String,
        /// The purposes its certificate lists.
        purposes: Vec<Oid>,
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
    // Strict: a signed trust list comes from its operator's own tool, and
    // padding would be a deviation with nowhere to be reported.
    let envelope = Envelope::parse_with(bytes, &crate::envelope::ReadOptions::strict())
        .map_err(SignedListError::Envelope)?;
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
    /// use sigbridge::registry::{Registry, RegistryOperator};
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
    /// let operator = RegistryOperator::certificates(root, vec![chain[0].clone()]);
    /// let loaded = Registry::from_signed_envelope(&signed, &operator, at).unwrap();
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
    /// (DER, BER or PEM), only if every signature verifies and a signer is
    /// the `operator`: it chains to the operator's anchor at `at`, it is
    /// authorised as [`RegistryOperator`] says (a listed certificate or
    /// key, or the id-tsl-kp-tslSigning EKU), and its key usage permits
    /// signing. A snapshot can add anchors and agreements, so a signature
    /// by any other subscriber of the operator's CA is refused.
    ///
    /// # Errors
    /// [`SignedListError`]: the registry is not loaded. When no signer
    /// qualifies, the first signer's reason ([`SignedListError::Untrusted`],
    /// [`SignedListError::NotOperator`], [`SignedListError::SignerRole`],
    /// [`SignedListError::SignerPurpose`] or [`SignedListError::SignerKeyUsage`]).
    pub fn from_signed_envelope(
        bytes: &[u8],
        operator: &RegistryOperator,
        at: Time,
    ) -> Result<Registry, SignedListError> {
        let opened = open(
            bytes,
            (ID_DATA, "id-data (1.2.840.113549.1.7.1)"),
            std::slice::from_ref(&operator.anchor),
            at,
        )?;
        let mut refusals = opened.signers.iter().map(|s| operator.refuse(s));
        if let Some(first) = refusals.next().flatten()
            && refusals.all(|r| r.is_some())
        {
            return Err(first);
        }
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
