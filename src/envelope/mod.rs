//! Signed trade documents: CMS SignedData envelopes (RFC 5652) meeting
//! CAdES-BASELINE-B (ETSI EN 319 122-1).
//!
//! - **Making**: [`Envelope::sign_detached`] (the default: the document
//!   travels beside its signature) or [`Envelope::sign_enveloping`], with
//!   the signed attributes content-type, message-digest, signing-time and
//!   signing-certificate-v2, plus the document type in content-hints, a
//!   commitment-type-indication and a signature-policy-identifier when
//!   asked ([`SignatureOptions`]). Any [`crate::crypto::Signer`] signs, so
//!   an HSM can.
//! - **Co-signing**: [`Envelope::add_signer`] adds a parallel signature to an
//!   existing envelope without touching the others (an exporter signs today,
//!   its chamber of commerce tomorrow); [`Envelope::countersign`] endorses one
//!   specific signature.
//! - **Reading**: [`Envelope::parse`] takes DER, the BER streaming producers
//!   write (indefinite lengths, chunked content), bare base64 (NCALayer,
//!   CryptoPro) and PEM, padding after the ContentInfo tolerated and
//!   reported ([`ReadOptions`]), and the GM/T 0010-2012 SM2 PKCS#7 that
//!   Chinese CA SDKs write (reported as [`Deviation`]s). Embedded
//!   certificates are kept as bytes and parsed on first use.
//! - **Verifying**: [`Envelope::verify`] / [`Envelope::verify_reader`] check
//!   every SignerInfo cryptographically — the signer certificate by issuer
//!   and serial or key id, the message digest, content-type, the
//!   signing-certificate(-v2) binding, algorithm consistency, single-valued
//!   attributes — and every countersignature against the signature it
//!   endorses. A reader is hashed in one pass for all digest algorithms.
//!
//! ```
//! use sigbridge::crypto::{SoftwareSigner, Verifiers};
//! use sigbridge::envelope::{CommitmentType, Envelope, SignatureOptions};
//! use sigbridge::{load_certificates, Certificate, DocumentType, Time};
//!
//! let pki = "testdata/pki";
//! let exporter = SoftwareSigner::from_pkcs8_pem(
//!     &std::fs::read(format!("{pki}/cn/org-uscc.key")).unwrap(),
//!     Certificate::from_pem(&std::fs::read(format!("{pki}/cn/org-uscc.pem")).unwrap()).unwrap(),
//! ).unwrap();
//! let chamber = SoftwareSigner::from_pkcs8_pem(
//!     &std::fs::read(format!("{pki}/cn/org-rsa.key")).unwrap(),
//!     Certificate::from_pem(&std::fs::read(format!("{pki}/cn/org-rsa.pem")).unwrap()).unwrap(),
//! ).unwrap();
//! let at: Time = "2026-11-23T09:00:00Z".parse().unwrap();
//! let doc = b"<CertificateOfOrigin id='CO-2026-0042'/>";
//!
//! let signed = Envelope::sign_detached(doc, &exporter, &SignatureOptions::new(at)
//!     .document_type(DocumentType::CERTIFICATE_OF_ORIGIN)
//!     .commitment(CommitmentType::ProofOfOrigin)).unwrap();
//! let cosigned = signed.add_signer(Some(doc), &chamber, &SignatureOptions::new(at)
//!     .document_type(DocumentType::CERTIFICATE_OF_ORIGIN)
//!     .commitment(CommitmentType::ProofOfApproval)).unwrap();
//!
//! let der = cosigned.to_der();
//! let checks = Envelope::parse(&der).unwrap().verify(Some(doc), &Verifiers::builtin(), &[]).unwrap();
//! assert_eq!(checks.len(), 2);
//! assert!(checks.iter().all(|c| c.is_valid()));
//! ```

mod armour;
mod attributes;
pub(crate) mod ber; // also read by keystore::pkcs12 (BER key stores)
mod content;
mod deviation;
mod sign;
mod signed_data;
mod signer_info;
mod verify;

pub use attributes::{
    Attribute, COMMITMENT_TYPE_INDICATION, CONTENT_HINTS, CONTENT_TYPE, COUNTERSIGNATURE,
    CertificateRef, CommitmentType, ContentHints, ID_DATA, ID_SIGNED_DATA, MESSAGE_DIGEST,
    SIGNATURE_POLICY_IDENTIFIER, SIGNING_CERTIFICATE, SIGNING_CERTIFICATE_V2, SIGNING_TIME,
    SignaturePolicyRef, attribute_name,
};
pub(crate) use attributes::{CONTENT_TIME_STAMP, SIGNATURE_TIME_STAMP};
pub use content::ContentDigests;
pub use deviation::Deviation;
pub use sign::SignatureOptions;
pub(crate) use signed_data::encode_algorithm;
pub use signed_data::{
    EmbeddedCertificate, Encoding, Envelope, GMT0010_DATA, GMT0010_SIGNED_DATA, ReadOptions,
};
pub use signer_info::{SignerIdentifier, SignerInfo};
pub use verify::SignerCheck;
