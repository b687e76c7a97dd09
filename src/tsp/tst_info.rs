//! What a time-stamp token says: `TSTInfo` (RFC 3161 §2.4.2), read as
//! strict DER and written by [`super::SoftwareTsa`].

use crate::asn1::{self, Asn1Error, Reader, Tlv, tag};
use crate::cert::{DistinguishedName, Extension};
use crate::crypto::AlgorithmIdentifier;
use crate::error::TspError;
use crate::{HashAlgorithm, Oid, Time};

/// Deepest nesting the strict-DER walk follows; a TSTInfo nests at most
/// about eight levels (a directoryName inside the tsa field), so 32 only
/// bounds recursion on hostile input.
const MAX_DEPTH: usize = 32;

/// `MessageImprint` (RFC 3161 §2.4.1): the hash of the stamped data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageImprint {
    /// The hash algorithm as encoded.
    pub algorithm: AlgorithmIdentifier,
    /// The hash, when sigbridge knows the algorithm.
    pub hash: Option<HashAlgorithm>,
    /// The hashed message.
    pub digest: Vec<u8>,
}

impl MessageImprint {
    /// An imprint of a digest made with `hash` (parameters absent, RFC 5754 §2).
    pub fn new(hash: HashAlgorithm, digest: Vec<u8>) -> MessageImprint {
        MessageImprint {
            algorithm: AlgorithmIdentifier {
                oid: hash.oid(),
                parameters: None,
            },
            hash: Some(hash),
            digest,
        }
    }

    /// The imprint of `data` under `hash`.
    ///
    /// # Errors
    /// [`TspError::UnsupportedImprintHash`] when the hash cannot be computed here.
    pub fn of(hash: HashAlgorithm, data: &[u8]) -> Result<MessageImprint, TspError> {
        let digest = hash
            .digest(data)
            .ok_or(TspError::UnsupportedImprintHash { oid: hash.oid() })?;
        Ok(MessageImprint::new(hash, digest))
    }

    /// Whether this imprint is the hash of `data` under its own algorithm.
    ///
    /// # Errors
    /// [`TspError::ImprintMismatch`], or [`TspError::UnsupportedImprintHash`]
    /// when the algorithm is unknown or cannot be computed here.
    pub fn matches(&self, data: &[u8]) -> Result<(), TspError> {
        let unsupported = TspError::UnsupportedImprintHash {
            oid: self.algorithm.oid,
        };
        let hash = self.hash.ok_or_else(|| unsupported.clone())?;
        let digest = hash.digest(data).ok_or(unsupported)?;
        if digest == self.digest {
            Ok(())
        } else {
            Err(TspError::ImprintMismatch)
        }
    }

    /// Whether two imprints name the same hash algorithm and the same
    /// digest (absent and NULL parameters are the same, RFC 5754 §2).
    pub fn same_as(&self, other: &MessageImprint) -> bool {
        self.algorithm.oid == other.algorithm.oid && self.digest == other.digest
    }

    pub(crate) fn parse(tlv: &Tlv<'_>) -> Result<MessageImprint, TspError> {
        let mut r = tlv.reader();
        let alg = r
            .read_tag(tag::SEQUENCE)
            .and_then(|t| AlgorithmIdentifier::from_der(t.raw))
            .map_err(bad("messageImprint.hashAlgorithm"))?;
        let digest = r
            .read_tag(tag::OCTET_STRING)
            .map_err(bad("messageImprint.hashedMessage"))?
            .value
            .to_vec();
        r.finish().map_err(bad("messageImprint"))?;
        // RFC 5754 §2: the SHA-2 parameters are absent or NULL; nothing else.
        if alg.parameters.is_some() && !alg.has_null_parameters() {
            return Err(TspError::Malformed {
                what: "messageImprint.hashAlgorithm",
                reason: "parameters other than absent or NULL".into(),
            });
        }
        let hash = HashAlgorithm::from_oid(&alg.oid);
        if let Some(h) = hash
            && h.output_len() != digest.len()
        {
            return Err(TspError::Malformed {
                what: "messageImprint.hashedMessage",
                reason: format!(
                    "{} bytes for {}, whose digests are {} bytes",
                    digest.len(),
                    h.name(),
                    h.output_len()
                ),
            });
        }
        Ok(MessageImprint {
            algorithm: alg,
            hash,
            digest,
        })
    }

    pub(crate) fn encode(&self) -> Vec<u8> {
        asn1::encode_parts(
            tag::SEQUENCE,
            &[
                &crate::envelope::encode_algorithm(&self.algorithm),
                &asn1::encode(tag::OCTET_STRING, &self.digest),
            ],
        )
    }
}

/// `Accuracy` (RFC 3161 §2.4.2): how far the true time may be from genTime,
/// either way. Zero fields were absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Accuracy {
    /// Whole seconds.
    pub seconds: u64,
    /// Milliseconds, 0 to 999.
    pub millis: u16,
    /// Microseconds, 0 to 999.
    pub micros: u16,
}

impl Accuracy {
    /// The accuracy in nanoseconds.
    pub fn nanos(&self) -> i128 {
        i128::from(self.seconds) * 1_000_000_000
            + i128::from(self.millis) * 1_000_000
            + i128::from(self.micros) * 1_000
    }

    fn parse(tlv: &Tlv<'_>) -> Result<Accuracy, TspError> {
        let mut r = tlv.reader();
        let mut out = Accuracy::default();
        if let Some(s) = r
            .read_optional(tag::INTEGER)
            .map_err(bad("accuracy.seconds"))?
        {
            out.seconds = asn1::small_uint(s.value).map_err(bad("accuracy.seconds"))?;
        }
        // RFC 3161 §2.4.2: millis [0] and micros [1] are INTEGER (1..999), IMPLICIT tags.
        for (t, what) in [(0x80u8, "accuracy.millis"), (0x81, "accuracy.micros")] {
            if let Some(v) = r.read_optional(t).map_err(bad(what))? {
                let n = asn1::small_uint(v.value).map_err(bad(what))?;
                let n = u16::try_from(n)
                    .ok()
                    .filter(|n| (1..=999).contains(n))
                    .ok_or_else(|| TspError::Malformed {
                        what,
                        reason: format!("{n} is outside 1..999 (RFC 3161 §2.4.2)"),
                    })?;
                if t == 0x80 {
                    out.millis = n;
                } else {
                    out.micros = n;
                }
            }
        }
        r.finish().map_err(bad("accuracy"))?;
        Ok(out)
    }

    fn encode(&self) -> Vec<u8> {
        let mut parts = Vec::new();
        if self.seconds > 0 {
            parts.push(asn1::encode_uint(self.seconds));
        }
        for (t, v) in [(0x80u8, self.millis), (0x81, self.micros)] {
            if v > 0 {
                let mut e = asn1::encode_uint(u64::from(v));
                if let Some(first) = e.first_mut() {
                    *first = t;
                }
                parts.push(e);
            }
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        asn1::encode_parts(tag::SEQUENCE, &refs)
    }
}

/// `TSTInfo` (RFC 3161 §2.4.2): what the TSA attests — that the data with
/// this imprint existed at this time.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TstInfo {
    /// The version (always 1).
    pub version: u64,
    /// The TSA policy under which the token was issued.
    pub policy: Oid,
    /// The hash of the stamped data.
    pub message_imprint: MessageImprint,
    /// The serial number's contents octets (unique per TSA).
    pub serial: Vec<u8>,
    /// genTime, whole seconds (the fraction rounded down).
    pub gen_time: Time,
    /// The fraction of the second of genTime, in nanoseconds (RFC 3161
    /// §2.4.2 allows fractional seconds, and real TSAs write them).
    pub gen_time_nanos: u32,
    /// The accuracy, when given.
    pub accuracy: Option<Accuracy>,
    /// Whether tokens of this TSA are ordered by genTime alone.
    pub ordering: bool,
    /// The nonce's contents octets, when the request had one.
    pub nonce: Option<Vec<u8>>,
    /// The TSA's name (the tsa field), as text.
    pub tsa_name: Option<String>,
    /// The extensions (none critical: an unknown critical one is refused).
    pub extensions: Vec<Extension>,
}

impl TstInfo {
    /// The latest time the stamped data may have existed from, rounded up to
    /// the second: genTime plus the accuracy. A proof of existence claims
    /// this (conservative) time. Without an accuracy field genTime alone is
    /// taken (RFC 3161 §2.4.2 leaves the accuracy then to "other means",
    /// such as the TSA's policy; a policy may require one).
    pub fn latest_time(&self) -> Time {
        let total = self.total_nanos() + self.accuracy.map_or(0, |a| a.nanos());
        Time::from_unix(ceil_seconds(total))
    }

    /// The earliest the time-stamp may have been made: genTime minus the
    /// accuracy, rounded down to the second.
    pub fn earliest_time(&self) -> Time {
        let total = self.total_nanos() - self.accuracy.map_or(0, |a| a.nanos());
        Time::from_unix(floor_seconds(total))
    }

    fn total_nanos(&self) -> i128 {
        i128::from(self.gen_time.unix_seconds()) * 1_000_000_000 + i128::from(self.gen_time_nanos)
    }

    /// Parses a DER `TSTInfo`, strictly (RFC 3161 §2.4.2 requires DER).
    ///
    /// # Errors
    /// [`TspError::Malformed`] naming the field, [`TspError::UnknownCriticalExtension`].
    pub fn from_der(der: &[u8]) -> Result<TstInfo, TspError> {
        let seq = asn1::read_single_tag(der, tag::SEQUENCE).map_err(bad("TSTInfo"))?;
        check_der(&seq, 0, "TSTInfo")?;
        let mut r = seq.reader();
        let version = r
            .read_tag(tag::INTEGER)
            .and_then(|v| asn1::small_uint(v.value))
            .map_err(bad("TSTInfo.version"))?;
        if version != 1 {
            return Err(TspError::Malformed {
                what: "TSTInfo.version",
                reason: format!("version {version} (RFC 3161 §2.4.2 defines v1 only)"),
            });
        }
        let policy = asn1::read_oid(&mut r).map_err(bad("TSTInfo.policy"))?;
        let imprint = r
            .read_tag(tag::SEQUENCE)
            .map_err(bad("TSTInfo.messageImprint"))?;
        let message_imprint = MessageImprint::parse(&imprint)?;
        let serial = read_integer(&mut r, "TSTInfo.serialNumber")?;
        let gen_tlv = r
            .read_tag(tag::GENERALIZED_TIME)
            .map_err(bad("TSTInfo.genTime"))?;
        let (gen_time, gen_time_nanos) = parse_generalized_time(gen_tlv.value)?;
        let accuracy = match r
            .read_optional(tag::SEQUENCE)
            .map_err(bad("TSTInfo.accuracy"))?
        {
            Some(t) => Some(Accuracy::parse(&t)?),
            None => None,
        };
        let ordering = match r
            .read_optional(tag::BOOLEAN)
            .map_err(bad("TSTInfo.ordering"))?
        {
            None => false,
            // X.690 §11.1 and §11.5: TRUE is 0xFF, and a DEFAULT FALSE value is left out.
            Some(b) if b.value == [0xff] => true,
            Some(_) => {
                return Err(TspError::Malformed {
                    what: "TSTInfo.ordering",
                    reason: "an explicit FALSE or a non-DER BOOLEAN (DER leaves the default out)"
                        .into(),
                });
            }
        };
        let nonce = if r.peek_tag() == Some(tag::INTEGER) {
            Some(read_integer(&mut r, "TSTInfo.nonce")?)
        } else {
            None
        };
        let tsa_name = match r.read_optional(0xa0).map_err(bad("TSTInfo.tsa"))? {
            Some(t) => Some(general_name(t.value)?),
            None => None,
        };
        let extensions = match r.read_optional(0xa1).map_err(bad("TSTInfo.extensions"))? {
            Some(t) => parse_extensions(t.value, "TSTInfo.extensions")?,
            None => Vec::new(),
        };
        r.finish().map_err(bad("TSTInfo"))?;
        Ok(TstInfo {
            version,
            policy,
            message_imprint,
            serial,
            gen_time,
            gen_time_nanos,
            accuracy,
            ordering,
            nonce,
            tsa_name,
            extensions,
        })
    }
}

/// What [`super::SoftwareTsa`] writes into a TSTInfo.
pub(crate) struct TstInfoFields<'a> {
    pub policy: &'a Oid,
    pub imprint: &'a MessageImprint,
    pub serial: &'a [u8],
    pub gen_time: Time,
    pub gen_time_nanos: u32,
    pub accuracy: Option<Accuracy>,
    pub nonce: Option<&'a [u8]>,
    /// The TSA's directoryName, DER.
    pub tsa: Option<&'a [u8]>,
}

impl TstInfoFields<'_> {
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut parts = vec![
            asn1::encode_uint(1),
            asn1::encode_oid(self.policy),
            self.imprint.encode(),
            asn1::encode(tag::INTEGER, self.serial),
            asn1::encode(
                tag::GENERALIZED_TIME,
                encode_generalized_time(self.gen_time, self.gen_time_nanos).as_bytes(),
            ),
        ];
        if let Some(a) = self.accuracy {
            parts.push(a.encode());
        }
        if let Some(n) = self.nonce {
            parts.push(asn1::encode(tag::INTEGER, n));
        }
        if let Some(name) = self.tsa {
            // tsa [0] GeneralName: EXPLICIT (a CHOICE), directoryName [4] EXPLICIT (a CHOICE).
            parts.push(asn1::encode(0xa0, &asn1::encode(0xa4, name)));
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        asn1::encode_parts(tag::SEQUENCE, &refs)
    }
}

pub(crate) fn bad(what: &'static str) -> impl Fn(Asn1Error) -> TspError {
    move |e| TspError::Malformed {
        what,
        reason: e.to_string(),
    }
}

/// An INTEGER's contents octets, minimally encoded (X.690 §8.3.2).
pub(crate) fn read_integer(r: &mut Reader<'_>, what: &'static str) -> Result<Vec<u8>, TspError> {
    let v = r.read_tag(tag::INTEGER).map_err(bad(what))?;
    if !asn1::integer_is_minimal(v.value) {
        return Err(TspError::Malformed {
            what,
            reason: "INTEGER not minimally encoded (X.690 §8.3.2)".into(),
        });
    }
    Ok(v.value.to_vec())
}

/// The contents octets of a non-negative INTEGER holding `bytes` as a
/// big-endian number: leading zeros dropped, one 0x00 added when the high
/// bit is set (X.690 §8.3).
pub(crate) fn positive_integer(bytes: &[u8]) -> Vec<u8> {
    let m = asn1::unsigned_magnitude(bytes);
    let mut out = Vec::with_capacity(m.len() + 1);
    if m.first().is_none_or(|b| b & 0x80 != 0) {
        out.push(0);
    }
    out.extend_from_slice(m);
    out
}

/// Extensions (RFC 5280 §4.1 syntax); a critical one is refused, as no
/// TSTInfo or request extension is processed here (RFC 3161 §2.4.2 / §2.4.1
/// leave extensions to be defined; an unknown critical one cannot be honoured).
pub(crate) fn parse_extensions(
    contents: &[u8],
    what: &'static str,
) -> Result<Vec<Extension>, TspError> {
    let mut r = Reader::new(contents);
    let mut out: Vec<Extension> = Vec::new();
    while !r.is_empty() {
        let ext = r.read_tag(tag::SEQUENCE).map_err(bad(what))?;
        let mut er = ext.reader();
        let oid = asn1::read_oid(&mut er).map_err(bad(what))?;
        let critical = match er.read_optional(tag::BOOLEAN).map_err(bad(what))? {
            None => false,
            Some(b) if b.value == [0xff] => true,
            Some(_) => {
                return Err(TspError::Malformed {
                    what,
                    reason: "critical is an explicit FALSE or not DER".into(),
                });
            }
        };
        let value = er.read_tag(tag::OCTET_STRING).map_err(bad(what))?;
        er.finish().map_err(bad(what))?;
        if out.iter().any(|e| e.oid == oid) {
            return Err(TspError::Malformed {
                what,
                reason: format!("extension {oid} appears twice"),
            });
        }
        if critical {
            return Err(TspError::UnknownCriticalExtension { oid });
        }
        out.push(Extension {
            oid,
            critical,
            value: value.value.to_vec(),
        });
    }
    Ok(out)
}

/// A GeneralName (RFC 5280 §4.2.1.6) as text: a directoryName as a
/// distinguished name, the IA5String forms as they are, others in hex.
fn general_name(explicit: &[u8]) -> Result<String, TspError> {
    let gn = asn1::read_single(explicit).map_err(bad("TSTInfo.tsa"))?;
    Ok(match gn.tag {
        0xa4 => {
            let name = DistinguishedName::parse(gn.value, &mut Vec::new())
                .map_err(bad("TSTInfo.tsa.directoryName"))?;
            name.to_string()
        }
        0x81 | 0x82 | 0x86 => String::from_utf8_lossy(gn.value).into_owned(),
        t => format!("[{}] {}", t & 0x1f, crate::cert::hex(gn.value)),
    })
}

/// Walks every constructed element and requires minimal lengths (X.690
/// §10.1); primitive values are checked by their own readers.
fn check_der(tlv: &Tlv<'_>, depth: usize, what: &'static str) -> Result<(), TspError> {
    if !tlv.minimal_length {
        return Err(TspError::Malformed {
            what,
            reason: "a length not in the shortest form (X.690 §10.1: not DER)".into(),
        });
    }
    if !tlv.constructed() {
        return Ok(());
    }
    if depth >= MAX_DEPTH {
        return Err(TspError::Malformed {
            what,
            reason: format!("nested deeper than {MAX_DEPTH} levels"),
        });
    }
    let mut r = tlv.reader();
    while !r.is_empty() {
        let inner = r.read().map_err(bad(what))?;
        check_der(&inner, depth + 1, what)?;
    }
    Ok(())
}

/// GeneralizedTime as RFC 3161 §2.4.2 restricts it: `YYYYMMDDhhmmss[.s...]Z`,
/// the fraction without trailing zeros. Returns whole seconds and nanoseconds
/// (digits beyond the ninth are dropped: the time rounds down).
pub(crate) fn parse_generalized_time(v: &[u8]) -> Result<(Time, u32), TspError> {
    let err = |reason: &str| TspError::Malformed {
        what: "TSTInfo.genTime",
        reason: format!(
            "{reason} in '{}' (RFC 3161 §2.4.2: YYYYMMDDhhmmss[.s...]Z)",
            String::from_utf8_lossy(v)
        ),
    };
    let (body, rest) = v.split_at_checked(14).ok_or_else(|| err("too short"))?;
    if !body.iter().all(u8::is_ascii_digit) {
        return Err(err("not digits"));
    }
    let num = |range: std::ops::Range<usize>| -> u32 {
        body.get(range)
            .unwrap_or_default()
            .iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
    };
    let rest = rest.strip_suffix(b"Z").ok_or_else(|| err("no final Z"))?;
    let nanos = match rest {
        [] => 0,
        [b'.', digits @ ..] => {
            if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                return Err(err("a malformed fraction"));
            }
            if digits.last() == Some(&b'0') {
                return Err(err("trailing zeros in the fraction"));
            }
            let mut n = 0u32;
            for i in 0..9 {
                n = n * 10 + digits.get(i).map_or(0, |d| u32::from(d - b'0'));
            }
            n
        }
        _ => return Err(err("unexpected characters")),
    };
    let time = Time::from_ymd_hms(
        i64::from(num(0..4)),
        num(4..6),
        num(6..8),
        num(8..10),
        num(10..12),
        num(12..14),
    )
    .ok_or_else(|| err("a date or time out of range"))?;
    Ok((time, nanos))
}

/// GeneralizedTime text for `time` plus `nanos`, fraction without trailing zeros.
pub(crate) fn encode_generalized_time(time: Time, nanos: u32) -> String {
    let (y, mo, d, h, mi, s) = time.to_ymd_hms();
    let mut out = format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}");
    if nanos > 0 && nanos < 1_000_000_000 {
        let frac = format!("{nanos:09}");
        out.push('.');
        out.push_str(frac.trim_end_matches('0'));
    }
    out.push('Z');
    out
}

fn floor_seconds(nanos: i128) -> i64 {
    i64::try_from(nanos.div_euclid(1_000_000_000)).unwrap_or(i64::MAX)
}

fn ceil_seconds(nanos: i128) -> i64 {
    let floor = nanos.div_euclid(1_000_000_000);
    let up = if nanos.rem_euclid(1_000_000_000) > 0 {
        floor + 1
    } else {
        floor
    };
    i64::try_from(up).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generalized_time_fraction() {
        let (t, n) = parse_generalized_time(b"20261123090000.25Z").unwrap();
        assert_eq!(t, Time::from_ymd_hms(2026, 11, 23, 9, 0, 0).unwrap());
        assert_eq!(n, 250_000_000);
        assert_eq!(encode_generalized_time(t, n), "20261123090000.25Z");
        assert_eq!(encode_generalized_time(t, 0), "20261123090000Z");
        assert!(parse_generalized_time(b"20261123090000.250Z").is_err());
        assert!(parse_generalized_time(b"20261123090000.Z").is_err());
        assert!(parse_generalized_time(b"20261123090000").is_err());
        assert!(parse_generalized_time(b"20261123090000+0100").is_err());
        assert!(parse_generalized_time(b"20261323090000Z").is_err());
        // Ten digits: the tenth is dropped (rounded down).
        let (_, n) = parse_generalized_time(b"20261123090000.1234567891Z").unwrap();
        assert_eq!(n, 123_456_789);
    }

    #[test]
    fn rounding_is_conservative() {
        assert_eq!(ceil_seconds(1_000_000_001), 2);
        assert_eq!(ceil_seconds(1_000_000_000), 1);
        assert_eq!(floor_seconds(-1), -1);
        assert_eq!(floor_seconds(999_999_999), 0);
    }

    /// A TSTInfo with `extra` appended inside its SEQUENCE.
    fn tst_info_with(extra: &[u8], ordering: Option<u8>) -> Vec<u8> {
        let imprint = MessageImprint::of(HashAlgorithm::Sha256, b"doc").unwrap();
        let policy = Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1");
        let der = TstInfoFields {
            policy: &policy,
            imprint: &imprint,
            serial: &[0x01],
            gen_time: Time::from_unix(1_800_000_000),
            gen_time_nanos: 0,
            accuracy: None,
            nonce: None,
            tsa: None,
        }
        .encode();
        let seq = asn1::read_single(&der).unwrap();
        let mut body = seq.value.to_vec();
        if let Some(b) = ordering {
            body.extend([tag::BOOLEAN, 0x01, b]);
        }
        body.extend_from_slice(extra);
        asn1::encode(tag::SEQUENCE, &body)
    }

    #[test]
    fn extensions_and_ordering() {
        let ext = |critical: bool| {
            let mut e = asn1::encode_oid(&Oid::new_unwrap("1.2.3.4"));
            if critical {
                e.extend([tag::BOOLEAN, 0x01, 0xff]);
            }
            e.extend(asn1::encode(tag::OCTET_STRING, &[0x05, 0x00]));
            asn1::encode(0xa1, &asn1::encode(tag::SEQUENCE, &e))
        };
        let info = TstInfo::from_der(&tst_info_with(&ext(false), None)).unwrap();
        assert_eq!(info.extensions.len(), 1);
        assert!(!info.ordering);
        assert_eq!(
            TstInfo::from_der(&tst_info_with(&ext(true), None)).unwrap_err(),
            TspError::UnknownCriticalExtension {
                oid: Oid::new_unwrap("1.2.3.4")
            }
        );
        assert!(
            TstInfo::from_der(&tst_info_with(&[], Some(0xff)))
                .unwrap()
                .ordering
        );
        // X.690 §11.5: DEFAULT FALSE is left out in DER.
        match TstInfo::from_der(&tst_info_with(&[], Some(0x00))).unwrap_err() {
            TspError::Malformed { what, .. } => assert_eq!(what, "TSTInfo.ordering"),
            other => panic!("{other:?}"),
        }
        // A non-minimal length anywhere is not DER.
        let der = tst_info_with(&[], None);
        let mut long = vec![tag::SEQUENCE, 0x81, der[1]];
        long.extend_from_slice(&der[2..]);
        match TstInfo::from_der(&long).unwrap_err() {
            TspError::Malformed { what, .. } => assert_eq!(what, "TSTInfo"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn positive_integers() {
        assert_eq!(positive_integer(&[0x00, 0x00, 0x80]), [0x00, 0x80]);
        assert_eq!(positive_integer(&[0x01]), [0x01]);
        assert_eq!(positive_integer(&[]), [0x00]);
    }
}
