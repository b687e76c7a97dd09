//! Asking a TSA: the transport seam ([`TimeStampAuthority`]), the request /
//! response round ([`timestamp`]), and a software TSA ([`SoftwareTsa`]).

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use super::ID_CT_TST_INFO;
use super::request::TimeStampRequest;
use super::response::{FailInfo, PkiStatus, TimeStampResponse};
use super::token::TimeStampToken;
use super::tst_info::{Accuracy, TstInfoFields, positive_integer};
use crate::cert::Certificate;
use crate::crypto::Signer;
use crate::envelope::{Envelope, SignatureOptions};
use crate::error::TspError;
use crate::{HashAlgorithm, Oid, Time};

/// A time-stamping authority as the caller reaches it: HTTP POST of
/// `application/timestamp-query` (RFC 3161 §3.4), a queue, an HSM, or
/// [`SoftwareTsa`]. The library never touches the network: the caller's
/// implementation carries the bytes.
pub trait TimeStampAuthority {
    /// Sends a DER `TimeStampReq` and returns the DER `TimeStampResp`.
    ///
    /// # Errors
    /// [`TspError::Transport`] when the request could not be delivered or
    /// no answer came back.
    fn respond(&self, request_der: &[u8]) -> Result<Vec<u8>, TspError>;
}

/// Time-stamps `data`: a request for its `hash` with a random nonce and
/// certReq, sent to `tsa`, and the response checked against the request
/// ([`TimeStampResponse::into_token_for`]). The token's signature is checked
/// by [`TimeStampToken::verify`].
///
/// # Errors
/// Those of [`TimeStampRequest::for_data`], of the TSA, of
/// [`TimeStampResponse::from_der`] and of [`TimeStampResponse::into_token_for`].
pub fn timestamp(
    tsa: &dyn TimeStampAuthority,
    hash: HashAlgorithm,
    data: &[u8],
) -> Result<TimeStampToken, TspError> {
    let request = TimeStampRequest::for_data(hash, data)?
        .random_nonce()?
        .cert_req(true);
    let response = tsa.respond(&request.to_der())?;
    TimeStampResponse::from_der(&response)?.into_token_for(&request)
}

/// A time-stamp token over a document's content, to be signed in as the
/// content-time-stamp attribute (EN 319 122-1 §5.2.8) with
/// [`SignatureOptions::content_timestamp`]: the imprint is the hash of the
/// content itself.
///
/// # Errors
/// Those of [`timestamp`].
pub fn content_timestamp(
    tsa: &dyn TimeStampAuthority,
    hash: HashAlgorithm,
    content: &[u8],
) -> Result<TimeStampToken, TspError> {
    timestamp(tsa, hash, content)
}

/// A software TSA for tests, examples and offline use, built on any
/// [`Signer`]: it answers requests with tokens dated at the time it was
/// given (never the clock), under its one policy.
///
/// It refuses (status rejection, RFC 3161 §2.4.2) what it cannot honour:
/// a malformed request (badDataFormat), a version other than 1
/// (badRequest), an unknown or broken hash (badAlg), another policy
/// (unacceptedPolicy), any extension (unacceptedExtension, RFC 3161 §2.4.1).
/// Tokens carry the TSA certificate (and the chain) only when certReq asks.
pub struct SoftwareTsa {
    signer: Box<dyn Signer>,
    policy: Oid,
    time: Time,
    nanos: u32,
    accuracy: Option<Accuracy>,
    chain: Vec<Certificate>,
    issued: AtomicU64,
}

impl fmt::Debug for SoftwareTsa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoftwareTsa")
            .field(
                "certificate",
                &self.signer.certificate().subject().to_string(),
            )
            .field("policy", &self.policy)
            .field("time", &self.time)
            .field("nanos", &self.nanos)
            .field("accuracy", &self.accuracy)
            .finish_non_exhaustive()
    }
}

impl SoftwareTsa {
    /// A TSA signing with `signer` under `policy`, dating tokens `time`.
    pub fn new(signer: impl Signer + 'static, policy: Oid, time: Time) -> SoftwareTsa {
        SoftwareTsa {
            signer: Box::new(signer),
            policy,
            time,
            nanos: 0,
            accuracy: None,
            chain: Vec::new(),
            issued: AtomicU64::new(0),
        }
    }

    /// Dates tokens `time` from now on (whole seconds).
    pub fn at(mut self, time: Time) -> SoftwareTsa {
        self.time = time;
        self.nanos = 0;
        self
    }

    /// Dates tokens `time` plus `nanos` nanoseconds (a genTime with a
    /// fraction, as real TSAs write; values of a second or more are capped).
    pub fn at_precise(mut self, time: Time, nanos: u32) -> SoftwareTsa {
        self.time = time;
        self.nanos = nanos.min(999_999_999);
        self
    }

    /// Writes this accuracy into the tokens.
    pub fn accuracy(mut self, accuracy: Accuracy) -> SoftwareTsa {
        self.accuracy = Some(accuracy);
        self
    }

    /// Ships these certificates too (the TSA's CA chain) when certReq asks.
    pub fn with_chain(mut self, chain: Vec<Certificate>) -> SoftwareTsa {
        self.chain = chain;
        self
    }

    /// The TSA certificate.
    pub fn certificate(&self) -> &Certificate {
        self.signer.certificate()
    }

    /// A serial unique per token (RFC 3161 §2.4.2: "unique for each
    /// TimeStampToken issued by a given TSA"): a hash of the TSA
    /// certificate, the time, a per-TSA counter and the request, so two
    /// software TSAs sharing a key and a time still differ by request.
    fn serial(&self, request_der: &[u8]) -> Vec<u8> {
        let n = self.issued.fetch_add(1, Ordering::Relaxed);
        let digest = HashAlgorithm::Sha256
            .digest_parts(&[
                &self.signer.certificate().fingerprint_sha256(),
                &self.time.unix_seconds().to_be_bytes(),
                &self.nanos.to_be_bytes(),
                &n.to_be_bytes(),
                request_der,
            ])
            .unwrap_or_else(|| n.to_be_bytes().to_vec());
        let mut serial: Vec<u8> = digest.into_iter().take(16).collect();
        // Positive and 16 bytes long: the top bit clear, the next one set.
        if let Some(first) = serial.first_mut() {
            *first = (*first & 0x7f) | 0x40;
        }
        positive_integer(&serial)
    }

    fn answer(&self, request_der: &[u8]) -> Result<Vec<u8>, (FailInfo, String)> {
        let request = TimeStampRequest::from_der(request_der).map_err(|e| match e {
            TspError::UnknownCriticalExtension { .. } => {
                (FailInfo::UNACCEPTED_EXTENSION, e.to_string())
            }
            TspError::Malformed {
                what: "TimeStampReq.version",
                ..
            } => (FailInfo::BAD_REQUEST, e.to_string()),
            _ => (FailInfo::BAD_DATA_FORMAT, e.to_string()),
        })?;
        let imprint = request.message_imprint();
        match imprint.hash {
            // ETSI TS 119 312: SHA-1 and MD5 are no longer fit for time-stamp imprints.
            Some(h) if !h.is_weak() && h.digest(b"").is_some() => {}
            _ => {
                return Err((
                    FailInfo::BAD_ALG,
                    format!(
                        "the hash algorithm {} is not accepted",
                        imprint.algorithm.oid
                    ),
                ));
            }
        }
        if let Some(p) = request.requested_policy()
            && *p != self.policy
        {
            return Err((
                FailInfo::UNACCEPTED_POLICY,
                format!(
                    "policy {p} is not supported; this TSA issues under {}",
                    self.policy
                ),
            ));
        }
        // RFC 3161 §2.4.1: an extension the server does not recognise, critical
        // or not, is refused with unacceptedExtension.
        if let Some(e) = request.extensions().first() {
            return Err((
                FailInfo::UNACCEPTED_EXTENSION,
                format!("the extension {} is not supported", e.oid),
            ));
        }
        let cert = self.signer.certificate();
        let tst = TstInfoFields {
            policy: &self.policy,
            imprint,
            serial: &self.serial(request_der),
            gen_time: self.time,
            gen_time_nanos: self.nanos,
            accuracy: self.accuracy,
            nonce: request.requested_nonce(),
            tsa: Some(cert.subject().raw_der()),
        }
        .encode();
        let system = |e: crate::EnvelopeError| (FailInfo::SYSTEM_FAILURE, e.to_string());
        let options = SignatureOptions::new(self.time).include_chain(true);
        let env = Envelope::sign_encapsulated(ID_CT_TST_INFO, &tst, self.signer.as_ref(), &options)
            .map_err(system)?;
        // RFC 3161 §2.4.1: the TSA certificate MUST be there with certReq,
        // and MUST NOT be without it.
        let certificates: Vec<Certificate> = if request.certificate_requested() {
            std::iter::once(cert)
                .chain(self.signer.chain())
                .chain(&self.chain)
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        let env = env.with_certificates_only(&certificates).map_err(system)?;
        Ok(TimeStampResponse::granted(&env.to_der()))
    }
}

impl TimeStampAuthority for SoftwareTsa {
    fn respond(&self, request_der: &[u8]) -> Result<Vec<u8>, TspError> {
        Ok(match self.answer(request_der) {
            Ok(response) => response,
            Err((fail, text)) => TimeStampResponse::refusal(PkiStatus::Rejection, &text, fail),
        })
    }
}
