//! RFC 3161 time-stamps: tokens, requests, responses, a software TSA, and
//! CAdES-B-T (EN 319 122-1 §5.3).
//!
//! - **Reading**: [`TimeStampToken::from_der`] takes a token (a CMS
//!   SignedData over a [`TstInfo`]); [`TimeStampToken::matches`] says
//!   whether it stamps given bytes, [`TimeStampToken::verify`] checks its
//!   signature, the ESS signing-certificate binding and the TSA
//!   certificate's extended key usage (RFC 3161 §2.3). The certification
//!   path of the TSA certificate is the verifier's business, as for signers.
//! - **Asking**: [`timestamp`] sends a [`TimeStampRequest`] (random nonce,
//!   certReq) through a [`TimeStampAuthority`] — the caller's transport:
//!   sigbridge never touches the network — and checks the
//!   [`TimeStampResponse`] against it. [`SoftwareTsa`] is a TSA on any
//!   [`Signer`](crate::crypto::Signer), for tests and offline use.
//! - **B-T**: [`Envelope::add_signature_timestamp`](crate::envelope::Envelope::add_signature_timestamp)
//!   adds a signature-time-stamp to a signature without changing a signed
//!   byte; [`signature_timestamps`] and [`content_timestamps`] read them.
//!
//! ```
//! use sigbridge::crypto::{SoftwareSigner, Verifiers};
//! use sigbridge::tsp::{self, SoftwareTsa};
//! use sigbridge::{Certificate, HashAlgorithm, Oid, Time};
//!
//! let pki = "testdata/pki/tsa";
//! let tsu = SoftwareSigner::from_pkcs8_pem(
//!     &std::fs::read(format!("{pki}/eu-tsu.key")).unwrap(),
//!     Certificate::from_pem(&std::fs::read(format!("{pki}/eu-tsu.pem")).unwrap()).unwrap(),
//! ).unwrap();
//! let at: Time = "2026-11-23T09:00:00Z".parse().unwrap();
//! let tsa = SoftwareTsa::new(tsu, Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1"), at);
//!
//! let token = tsp::timestamp(&tsa, HashAlgorithm::Sha256, b"<Invoice no='380-17'/>").unwrap();
//! token.matches(b"<Invoice no='380-17'/>").unwrap();
//! let check = token.verify(&Verifiers::builtin(), &[]).unwrap();
//! assert_eq!(check.info.gen_time, at);
//! assert!(check.certificate.subject().to_string().contains("TSU"));
//! ```

mod augment;
mod authority;
mod request;
mod response;
mod token;
mod tst_info;

use crate::Oid;

pub use crate::error::TspError;
pub use augment::{content_timestamps, signature_timestamps};
pub use authority::{SoftwareTsa, TimeStampAuthority, content_timestamp, timestamp};
pub use request::TimeStampRequest;
pub use response::{FailInfo, PkiStatus, TimeStampResponse};
pub use token::{EkuProblem, TimeStampToken, TokenCheck};
pub use tst_info::{Accuracy, MessageImprint, TstInfo};

/// id-ct-TSTInfo (RFC 3161 §2.4.2): the eContentType of a time-stamp token.
pub const ID_CT_TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");
/// id-aa-signatureTimeStampToken (RFC 3161 Appendix A): the unsigned
/// attribute of a signature-time-stamp (EN 319 122-1 §5.3).
pub const SIGNATURE_TIME_STAMP: Oid = crate::envelope::SIGNATURE_TIME_STAMP;
/// id-aa-ets-contentTimestamp (EN 319 122-1 §5.2.8): the signed attribute
/// of a content-time-stamp.
pub const CONTENT_TIME_STAMP: Oid = crate::envelope::CONTENT_TIME_STAMP;
/// id-kp-timeStamping (RFC 3161 §2.3, RFC 5280 §4.2.1.12): the only
/// extended key usage a TSA certificate may have.
pub const ID_KP_TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");
