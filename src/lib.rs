//! # sigbridge
//!
//! Cross-border electronic-signature mutual recognition. sigbridge parses
//! certificates from national CAs (China, Russia, Kazakhstan, Uzbekistan,
//! India, Pakistan, the EU …), understands their national profiles
//! (identity numbers, assurance classes, signer roles, SM2 / GOST / RSA /
//! ECDSA keys), signs and verifies trade documents as CAdES-B-B envelopes
//! ([`envelope`]), and decides whether a foreign signature on a trade
//! document is recognised under a relying jurisdiction's law ([`verify`],
//! over the trust [`registry`] and the jurisdiction [`policy`]), explaining
//! every verdict.
//!
//! The layers, bottom up: [`cert`] (certificates), [`crypto`] (algorithms,
//! verification, signing), [`keystore`] (PKCS#12 key stores), [`profile`]
//! (national profiles), [`path`] (certification paths), [`registry`]
//! (anchors and recognition agreements), [`policy`] (jurisdiction rules),
//! [`document`] (document types), [`envelope`] (signed documents), [`tsp`]
//! (RFC 3161 time-stamps and CAdES-B-T) and [`verify`] (the verifier and
//! its report).
//!
//! ```
//! use sigbridge::{load_certificates, profile, Jurisdiction, IdentifierScheme};
//!
//! let pem = std::fs::read("testdata/pki/ru/chain-org-ceo.pem").unwrap();
//! let chain = load_certificates(&pem).unwrap();
//! let report = profile::analyze(&chain[0]);
//! assert_eq!(report.jurisdiction, Some(Jurisdiction::RU));
//! assert!(report.identity.identifier(IdentifierScheme::RuOgrn).is_some());
//! ```
//!
//! Validation time is always a parameter ([`Time`]); the library never reads
//! the clock, never touches the network, and never panics on input.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod asn1;
pub mod cert;
pub mod crypto;
pub mod document;
pub mod envelope;
mod error;
pub mod keystore;
mod oid;
pub mod path;
pub mod policy;
pub mod profile;
pub mod registry;
mod serde_util;
mod time;
pub mod tsp;
pub mod verify;

pub use oid::{Oid, OidError};

// The public API map.
pub use cert::{
    Certificate, Deviation, DeviationKind, DistinguishedName, Leniency, load_certificates,
    load_certificates_with,
};
pub use crypto::{HashAlgorithm, KeyAlgorithm, NamedCurve, SignatureAlgorithm};
pub use document::{DocumentScope, DocumentType};
pub use error::{
    CertError, EnvelopeError, Error, OcspError, PathError, SignError, TspError, VerifyError,
};
pub use keystore::{KeyStoreError, Pkcs12};
pub use profile::{
    AssuranceClaim, AssuranceLevel, CheckDigit, Identifier, IdentifierScheme, Jurisdiction,
    ProfileFinding, ProfileReport, Role, RoleKind, RuSignToolClass, SignerIdentity, SignerKind,
};
pub use time::{Time, TimeParseError};
pub use verify::{Content, Request, VerificationReport, Verifier};
