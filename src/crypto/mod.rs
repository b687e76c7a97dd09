//! Cryptographic algorithms: the closed table of key and signature algorithms
//! that certificates from the national CAs we serve use.
//!
//! Every algorithm that appears in a certificate is *named*, whether or not
//! sigbridge can verify it (GOST, KZ GOST, UzDSt 1092, bign on the 384- and
//! 512-bit curves are named but not verified by the built-in backend); an OID
//! outside the table is reported as
//! [`SignatureAlgorithm::Unknown`] / [`KeyAlgorithm::Unknown`] with its OID.
//!
//! Verification goes through [`Verifiers`]: the built-in backend (RSA PKCS#1
//! v1.5 and PSS, ECDSA P-256/P-384, SM2 with SM3, bign-with-hbelt on
//! bign-curve256v1) plus any
//! [`SignatureVerifier`] the caller plugs in for the others.

mod algorithm;
#[cfg(feature = "aws-lc")]
mod aws_lc;
mod bign;
mod curve;
mod ec_verify;
mod gost;
mod gost_sig;
mod key;
mod rsa_verify;
mod signer;
mod verify;

pub use algorithm::{
    AlgorithmIdentifier, GostParams, HashAlgorithm, KeyAlgorithm, PssParams, SignatureAlgorithm,
};
pub use curve::NamedCurve;
pub use ec_verify::EcdsaSignatureFormat;
pub use gost::GostCurve;
pub use key::PublicKeyInfo;
pub use signer::{Signer, SigningScheme, SoftwareSigner};
pub use verify::{
    SM2_DEFAULT_ID, SignatureVerifier, Tolerance, Verified, Verifiers, VerifyOptions,
    verify_signature,
};
