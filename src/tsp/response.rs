//! `TimeStampResp` (RFC 3161 §2.4.2) and its checks against the request.

use std::fmt;

use super::request::TimeStampRequest;
use super::token::TimeStampToken;
use super::tst_info::bad;
use crate::asn1::{self, tag};
use crate::error::TspError;

/// `PKIStatus` (RFC 3161 §2.4.2, from RFC 4210).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PkiStatus {
    /// granted (0): the token is there as asked.
    Granted,
    /// grantedWithMods (1): the token is there, with modifications.
    GrantedWithMods,
    /// rejection (2).
    Rejection,
    /// waiting (3): not a time-stamp yet.
    Waiting,
    /// revocationWarning (4): a revocation is imminent.
    RevocationWarning,
    /// revocationNotification (5): a revocation has occurred.
    RevocationNotification,
}

impl PkiStatus {
    /// The status for its INTEGER value.
    pub fn from_value(value: u64) -> Option<PkiStatus> {
        Some(match value {
            0 => PkiStatus::Granted,
            1 => PkiStatus::GrantedWithMods,
            2 => PkiStatus::Rejection,
            3 => PkiStatus::Waiting,
            4 => PkiStatus::RevocationWarning,
            5 => PkiStatus::RevocationNotification,
            _ => return None,
        })
    }

    /// The INTEGER value.
    pub fn value(&self) -> u64 {
        match self {
            PkiStatus::Granted => 0,
            PkiStatus::GrantedWithMods => 1,
            PkiStatus::Rejection => 2,
            PkiStatus::Waiting => 3,
            PkiStatus::RevocationWarning => 4,
            PkiStatus::RevocationNotification => 5,
        }
    }

    /// Whether a token comes with this status (RFC 3161 §2.4.2: "When the
    /// status contains the value zero or one, a TimeStampToken MUST be present").
    pub fn is_granted(&self) -> bool {
        matches!(self, PkiStatus::Granted | PkiStatus::GrantedWithMods)
    }
}

impl fmt::Display for PkiStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PkiStatus::Granted => "granted",
            PkiStatus::GrantedWithMods => "grantedWithMods",
            PkiStatus::Rejection => "rejection",
            PkiStatus::Waiting => "waiting",
            PkiStatus::RevocationWarning => "revocationWarning",
            PkiStatus::RevocationNotification => "revocationNotification",
        })
    }
}

/// `PKIFailureInfo` (RFC 3161 §2.4.2): the named bits of a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FailInfo(u32);

/// The bits RFC 3161 §2.4.2 names, with their names.
const FAIL_BITS: [(u32, &str); 8] = [
    (0, "badAlg"),
    (2, "badRequest"),
    (5, "badDataFormat"),
    (14, "timeNotAvailable"),
    (15, "unacceptedPolicy"),
    (16, "unacceptedExtension"),
    (17, "addInfoNotAvailable"),
    (25, "systemFailure"),
];

impl FailInfo {
    /// badAlg (0): unrecognised or unsupported algorithm identifier.
    pub const BAD_ALG: FailInfo = FailInfo(1 << 0);
    /// badRequest (2): transaction not permitted or supported.
    pub const BAD_REQUEST: FailInfo = FailInfo(1 << 2);
    /// badDataFormat (5): the data submitted has the wrong format.
    pub const BAD_DATA_FORMAT: FailInfo = FailInfo(1 << 5);
    /// timeNotAvailable (14): the TSA's time source is not available.
    pub const TIME_NOT_AVAILABLE: FailInfo = FailInfo(1 << 14);
    /// unacceptedPolicy (15): the requested TSA policy is not supported.
    pub const UNACCEPTED_POLICY: FailInfo = FailInfo(1 << 15);
    /// unacceptedExtension (16): the requested extension is not supported.
    pub const UNACCEPTED_EXTENSION: FailInfo = FailInfo(1 << 16);
    /// addInfoNotAvailable (17): the additional information is not available.
    pub const ADD_INFO_NOT_AVAILABLE: FailInfo = FailInfo(1 << 17);
    /// systemFailure (25): the request cannot be handled due to system failure.
    pub const SYSTEM_FAILURE: FailInfo = FailInfo(1 << 25);

    /// The bits, bit n of the BIT STRING as `1 << n`.
    pub fn bits(&self) -> u32 {
        self.0
    }

    /// Whether every bit of `other` is set.
    pub fn contains(&self, other: FailInfo) -> bool {
        self.0 & other.0 == other.0
    }

    /// The names of the bits set (unnamed ones as `bit<n>`).
    pub fn names(&self) -> Vec<String> {
        (0..32)
            .filter(|n| self.0 & (1 << n) != 0)
            .map(|n| {
                FAIL_BITS
                    .iter()
                    .find(|(b, _)| *b == n)
                    .map_or_else(|| format!("bit{n}"), |(_, name)| (*name).to_owned())
            })
            .collect()
    }

    /// Reads the BIT STRING contents (unused-bits octet first).
    fn decode(value: &[u8]) -> Result<FailInfo, TspError> {
        let malformed = |reason: &str| TspError::Malformed {
            what: "PKIStatusInfo.failInfo",
            reason: reason.to_owned(),
        };
        let (unused, bytes) = value
            .split_first()
            .ok_or_else(|| malformed("an empty BIT STRING"))?;
        if *unused > 7 || (bytes.is_empty() && *unused != 0) {
            return Err(malformed("a bad unused-bits count"));
        }
        let mut bits = 0u32;
        for (i, byte) in bytes.iter().enumerate() {
            for j in 0..8 {
                if byte & (0x80 >> j) != 0 {
                    let n = i * 8 + j;
                    // Bits past 31 are named nowhere; they are refused, not dropped.
                    let bit = u32::try_from(n)
                        .ok()
                        .and_then(|n| 1u32.checked_shl(n))
                        .ok_or_else(|| malformed("a bit beyond those RFC 3161 names"))?;
                    bits |= bit;
                }
            }
        }
        Ok(FailInfo(bits))
    }

    /// The DER BIT STRING (named bits: trailing zero bits removed, X.690 §11.2.2).
    fn encode(&self) -> Vec<u8> {
        let highest = 32 - self.0.leading_zeros();
        if highest == 0 {
            return vec![tag::BIT_STRING, 0x01, 0x00];
        }
        let len = highest.div_ceil(8) as usize;
        let mut bytes = vec![0u8; len];
        for n in 0..highest {
            if self.0 & (1 << n) != 0
                && let Some(b) = bytes.get_mut((n / 8) as usize)
            {
                *b |= 0x80 >> (n % 8);
            }
        }
        let unused = (len as u32 * 8 - highest) as u8;
        let mut value = vec![unused];
        value.extend(bytes);
        asn1::encode(tag::BIT_STRING, &value)
    }
}

impl std::ops::BitOr for FailInfo {
    type Output = FailInfo;
    fn bitor(self, rhs: FailInfo) -> FailInfo {
        FailInfo(self.0 | rhs.0)
    }
}

impl fmt::Display for FailInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.names().join(", "))
    }
}

/// A TSA's answer: the status and, when granted, the token.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TimeStampResponse {
    /// The status.
    pub status: PkiStatus,
    /// The TSA's free text (statusString).
    pub status_strings: Vec<String>,
    /// The failure bits, when given.
    pub fail_info: Option<FailInfo>,
    token: Option<TimeStampToken>,
}

impl TimeStampResponse {
    /// Reads a DER `TimeStampResp`.
    ///
    /// # Errors
    /// [`TspError::Malformed`], and those of [`TimeStampToken::from_der`].
    pub fn from_der(der: &[u8]) -> Result<TimeStampResponse, TspError> {
        let seq = asn1::read_single_tag(der, tag::SEQUENCE).map_err(bad("TimeStampResp"))?;
        let mut r = seq.reader();
        let info = r
            .read_tag(tag::SEQUENCE)
            .map_err(bad("TimeStampResp.status"))?;
        let mut ir = info.reader();
        let value = ir
            .read_tag(tag::INTEGER)
            .and_then(|v| asn1::small_uint(v.value))
            .map_err(bad("PKIStatusInfo.status"))?;
        let status = PkiStatus::from_value(value).ok_or_else(|| TspError::Malformed {
            what: "PKIStatusInfo.status",
            reason: format!("status {value} (RFC 3161 §2.4.2 defines 0 to 5)"),
        })?;
        let mut status_strings = Vec::new();
        if let Some(text) = ir
            .read_optional(tag::SEQUENCE)
            .map_err(bad("PKIStatusInfo.statusString"))?
        {
            let mut tr = text.reader();
            while !tr.is_empty() {
                let s = tr
                    .read_tag(tag::UTF8_STRING)
                    .map_err(bad("PKIStatusInfo.statusString"))?;
                status_strings.push(String::from_utf8_lossy(s.value).into_owned());
            }
        }
        let fail_info = match ir
            .read_optional(tag::BIT_STRING)
            .map_err(bad("PKIStatusInfo.failInfo"))?
        {
            Some(b) => Some(FailInfo::decode(b.value)?),
            None => None,
        };
        ir.finish().map_err(bad("PKIStatusInfo"))?;
        let token = if r.is_empty() {
            None
        } else {
            let t = r
                .read_tag(tag::SEQUENCE)
                .map_err(bad("TimeStampResp.timeStampToken"))?;
            Some(TimeStampToken::from_der(t.raw)?)
        };
        r.finish().map_err(bad("TimeStampResp"))?;
        Ok(TimeStampResponse {
            status,
            status_strings,
            fail_info,
            token,
        })
    }

    /// A response with `status` and no token (a refusal).
    pub(crate) fn refusal(status: PkiStatus, text: &str, fail_info: FailInfo) -> Vec<u8> {
        let text = asn1::encode(
            tag::SEQUENCE,
            &asn1::encode(tag::UTF8_STRING, text.as_bytes()),
        );
        let info = asn1::encode_parts(
            tag::SEQUENCE,
            &[
                &asn1::encode_uint(status.value()),
                &text,
                &fail_info.encode(),
            ],
        );
        asn1::encode(tag::SEQUENCE, &info)
    }

    /// A granted response carrying `token_der`.
    pub(crate) fn granted(token_der: &[u8]) -> Vec<u8> {
        let info = asn1::encode(tag::SEQUENCE, &asn1::encode_uint(0));
        asn1::encode_parts(tag::SEQUENCE, &[&info, token_der])
    }

    /// The token, when there is one.
    pub fn token(&self) -> Option<&TimeStampToken> {
        self.token.as_ref()
    }

    /// The token, checked against the request it answers (RFC 3161 §2.4.2):
    /// status granted or grantedWithMods, token present, the same imprint,
    /// the same nonce, the policy asked for (when one was), and the TSA
    /// certificate included when certReq was set. The token's signature is
    /// checked by [`TimeStampToken::verify`].
    ///
    /// # Errors
    /// [`TspError::Rejected`], [`TspError::NoToken`],
    /// [`TspError::ImprintMismatch`], [`TspError::NonceMismatch`],
    /// [`TspError::PolicyMismatch`], [`TspError::MissingCertificate`].
    pub fn into_token_for(self, request: &TimeStampRequest) -> Result<TimeStampToken, TspError> {
        if !self.status.is_granted() {
            return Err(TspError::Rejected {
                status: self.status,
                strings: self.status_strings,
                fail_info: self.fail_info,
            });
        }
        // RFC 3161 §2.4.2: with status 0 or 1 a token MUST be present.
        let token = self.token.ok_or(TspError::NoToken)?;
        let info = token.info();
        // RFC 3161 §2.4.2: the imprint MUST be the request's.
        if !info.message_imprint.same_as(request.message_imprint()) {
            return Err(TspError::ImprintMismatch);
        }
        // RFC 3161 §2.4.2: the nonce MUST be present and equal when the request had one.
        if let Some(nonce) = request.requested_nonce()
            && info.nonce.as_deref() != Some(nonce)
        {
            return Err(TspError::NonceMismatch);
        }
        // RFC 3161 §2.4.2: the policy is the requested one when reqPolicy was given.
        if let Some(policy) = request.requested_policy()
            && info.policy != *policy
        {
            return Err(TspError::PolicyMismatch);
        }
        // RFC 3161 §2.4.1: with certReq TRUE the TSA's certificate MUST be in the token.
        if request.certificate_requested() && !token.carries_signer_certificate() {
            return Err(TspError::MissingCertificate);
        }
        Ok(token)
    }
}
