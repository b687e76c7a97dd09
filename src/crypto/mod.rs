//! Cryptographic algorithms: the closed table of key and signature algorithms
//! that certificates from the national CAs we serve use.
//!
//! Every algorithm that appears in a certificate is *named*, whether or not
//! sigbridge can verify it (GOST, KZ GOST, UzDSt 1092, bign are named but not
//! verified by the built-in backend); an OID outside the table is reported as
//! [`SignatureAlgorithm::Unknown`] / [`KeyAlgorithm::Unknown`] with its OID.

mod algorithm;
mod curve;

pub use algorithm::{
    AlgorithmIdentifier, GostParams, HashAlgorithm, KeyAlgorithm, PssParams, SignatureAlgorithm,
};
pub use curve::NamedCurve;
