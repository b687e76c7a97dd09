//! `TimeStampReq` (RFC 3161 §2.4.1).

use super::tst_info::{MessageImprint, bad, parse_extensions, positive_integer, read_integer};
use crate::asn1::{self, tag};
use crate::cert::Extension;
use crate::error::TspError;
use crate::{HashAlgorithm, Oid};

/// Length of [`TimeStampRequest::random_nonce`]: 64 bits, as OpenSSL and
/// most clients send (RFC 3161 §2.4.1 asks for "a large random number").
const NONCE_LEN: usize = 8;

/// A time-stamp request: the imprint of the data to stamp, with an optional
/// policy, nonce and certReq (RFC 3161 §2.4.1). Builders take `self`.
///
/// ```
/// use sigbridge::tsp::TimeStampRequest;
/// use sigbridge::HashAlgorithm;
///
/// let req = TimeStampRequest::for_data(HashAlgorithm::Sha256, b"invoice")
///     .unwrap()
///     .nonce(vec![0x01, 0x02])
///     .cert_req(true);
/// let again = TimeStampRequest::from_der(&req.to_der()).unwrap();
/// assert_eq!(again, req);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeStampRequest {
    imprint: MessageImprint,
    policy: Option<Oid>,
    nonce: Option<Vec<u8>>,
    cert_req: bool,
    extensions: Vec<Extension>,
}

impl TimeStampRequest {
    /// A request for a digest already made with `hash`.
    pub fn new(hash: HashAlgorithm, digest: Vec<u8>) -> TimeStampRequest {
        TimeStampRequest {
            imprint: MessageImprint::new(hash, digest),
            policy: None,
            nonce: None,
            cert_req: false,
            extensions: Vec::new(),
        }
    }

    /// A request for `data`, hashed here with `hash`.
    ///
    /// # Errors
    /// [`TspError::UnsupportedImprintHash`] when `hash` cannot be computed here.
    pub fn for_data(hash: HashAlgorithm, data: &[u8]) -> Result<TimeStampRequest, TspError> {
        let imprint = MessageImprint::of(hash, data)?;
        Ok(TimeStampRequest::new(hash, imprint.digest))
    }

    /// Sets the nonce, a big-endian number (written as a positive INTEGER).
    pub fn nonce(mut self, nonce: Vec<u8>) -> TimeStampRequest {
        self.nonce = Some(positive_integer(&nonce));
        self
    }

    /// Sets a random 64-bit nonce from the operating system (RFC 3161
    /// §2.4.1: the nonce lets the requester detect a replayed response).
    ///
    /// # Errors
    /// [`TspError::Transport`] when the system has no randomness to give.
    pub fn random_nonce(self) -> Result<TimeStampRequest, TspError> {
        let mut bytes = [0u8; NONCE_LEN];
        getrandom::fill(&mut bytes)
            .map_err(|e| TspError::Transport(format!("no system randomness for the nonce: {e}")))?;
        Ok(self.nonce(bytes.to_vec()))
    }

    /// Asks for a TSA policy (reqPolicy).
    pub fn policy(mut self, policy: Oid) -> TimeStampRequest {
        self.policy = Some(policy);
        self
    }

    /// Asks for the TSA certificate in the token (certReq).
    pub fn cert_req(mut self, yes: bool) -> TimeStampRequest {
        self.cert_req = yes;
        self
    }

    /// The imprint of the data to stamp.
    pub fn message_imprint(&self) -> &MessageImprint {
        &self.imprint
    }

    /// The policy asked for.
    pub fn requested_policy(&self) -> Option<&Oid> {
        self.policy.as_ref()
    }

    /// The nonce's INTEGER contents octets.
    pub fn requested_nonce(&self) -> Option<&[u8]> {
        self.nonce.as_deref()
    }

    /// Whether the TSA certificate is asked for.
    pub fn certificate_requested(&self) -> bool {
        self.cert_req
    }

    /// The request's extensions (none critical).
    pub fn extensions(&self) -> &[Extension] {
        &self.extensions
    }

    /// The DER `TimeStampReq`.
    pub fn to_der(&self) -> Vec<u8> {
        let mut parts = vec![asn1::encode_uint(1), self.imprint.encode()];
        if let Some(p) = &self.policy {
            parts.push(asn1::encode_oid(p));
        }
        if let Some(n) = &self.nonce {
            parts.push(asn1::encode(tag::INTEGER, n));
        }
        if self.cert_req {
            // DER: certReq DEFAULT FALSE is written only when TRUE (X.690 §11.5).
            parts.push(vec![tag::BOOLEAN, 0x01, 0xff]);
        }
        if !self.extensions.is_empty() {
            let exts: Vec<Vec<u8>> = self
                .extensions
                .iter()
                .map(|e| {
                    asn1::encode_parts(
                        tag::SEQUENCE,
                        &[
                            &asn1::encode_oid(&e.oid),
                            &asn1::encode(tag::OCTET_STRING, &e.value),
                        ],
                    )
                })
                .collect();
            let refs: Vec<&[u8]> = exts.iter().map(Vec::as_slice).collect();
            parts.push(asn1::encode_parts(0xa0, &refs));
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        asn1::encode_parts(tag::SEQUENCE, &refs)
    }

    /// Reads a DER `TimeStampReq` (as a TSA does).
    ///
    /// # Errors
    /// [`TspError::Malformed`] naming the field, [`TspError::UnknownCriticalExtension`].
    pub fn from_der(der: &[u8]) -> Result<TimeStampRequest, TspError> {
        let seq = asn1::read_single_tag(der, tag::SEQUENCE).map_err(bad("TimeStampReq"))?;
        let mut r = seq.reader();
        let version = r
            .read_tag(tag::INTEGER)
            .and_then(|v| asn1::small_uint(v.value))
            .map_err(bad("TimeStampReq.version"))?;
        if version != 1 {
            return Err(TspError::Malformed {
                what: "TimeStampReq.version",
                reason: format!("version {version} (RFC 3161 §2.4.1 defines v1 only)"),
            });
        }
        let imprint = r
            .read_tag(tag::SEQUENCE)
            .map_err(bad("TimeStampReq.messageImprint"))?;
        let imprint = MessageImprint::parse(&imprint)?;
        let policy = match r.peek_tag() {
            Some(tag::OID) => Some(asn1::read_oid(&mut r).map_err(bad("TimeStampReq.reqPolicy"))?),
            _ => None,
        };
        let nonce = match r.peek_tag() {
            Some(tag::INTEGER) => Some(read_integer(&mut r, "TimeStampReq.nonce")?),
            _ => None,
        };
        let cert_req = match r
            .read_optional(tag::BOOLEAN)
            .map_err(bad("TimeStampReq.certReq"))?
        {
            None => false,
            Some(b) if b.value == [0xff] => true,
            Some(_) => {
                return Err(TspError::Malformed {
                    what: "TimeStampReq.certReq",
                    reason: "an explicit FALSE or a non-DER BOOLEAN".into(),
                });
            }
        };
        let extensions = match r
            .read_optional(0xa0)
            .map_err(bad("TimeStampReq.extensions"))?
        {
            Some(t) => parse_extensions(t.value, "TimeStampReq.extensions")?,
            None => Vec::new(),
        };
        r.finish().map_err(bad("TimeStampReq"))?;
        Ok(TimeStampRequest {
            imprint,
            policy,
            nonce,
            cert_req,
            extensions,
        })
    }
}
