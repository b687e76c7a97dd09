//! A small, bounds-checked DER tag-length-value reader.
//!
//! The certificate parser proper is `x509-parser`; this reader exists for the
//! things it does not do: reporting *how* an encoding deviates from DER
//! (X.690 §10) instead of only failing, and reading the national and ETSI
//! extensions that no general-purpose crate knows (QC statements, RU sign
//! tools, explicit EC parameters, GOST key parameters). It never panics and
//! never allocates per element.

use std::fmt;

/// Universal tags used in certificates (X.680 §8.4).
pub(crate) mod tag {
    pub const BOOLEAN: u8 = 0x01;
    pub const INTEGER: u8 = 0x02;
    pub const BIT_STRING: u8 = 0x03;
    pub const OCTET_STRING: u8 = 0x04;
    pub const NULL: u8 = 0x05;
    pub const OID: u8 = 0x06;
    pub const UTF8_STRING: u8 = 0x0c;
    pub const NUMERIC_STRING: u8 = 0x12;
    pub const PRINTABLE_STRING: u8 = 0x13;
    pub const TELETEX_STRING: u8 = 0x14;
    pub const IA5_STRING: u8 = 0x16;
    pub const UTC_TIME: u8 = 0x17;
    pub const GENERALIZED_TIME: u8 = 0x18;
    pub const VISIBLE_STRING: u8 = 0x1a;
    pub const UNIVERSAL_STRING: u8 = 0x1c;
    pub const BMP_STRING: u8 = 0x1e;
    pub const SEQUENCE: u8 = 0x30;
    pub const SET: u8 = 0x31;
}

/// Why bytes could not be read as DER at all (as opposed to a deviation we can
/// name and, optionally, tolerate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Asn1Error {
    /// The input ended inside a header or a value.
    Truncated,
    /// Indefinite length (0x80): BER only, never valid in DER (X.690 §10.1).
    IndefiniteLength,
    /// A length that does not fit in 32 bits.
    LengthTooLarge,
    /// High-tag-number form (tag number ≥ 31); no certificate structure uses it.
    HighTagNumber,
    /// An element of the wrong type where a specific one was required.
    UnexpectedTag { expected: u8, found: u8 },
    /// Bytes after the end of an element that must be the last.
    TrailingData(usize),
    /// A value malformed for its type (e.g. an empty INTEGER).
    BadValue(&'static str),
}

impl fmt::Display for Asn1Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Asn1Error::Truncated => f.write_str("input ends inside an element"),
            Asn1Error::IndefiniteLength => f.write_str("indefinite length (BER) is not DER"),
            Asn1Error::LengthTooLarge => f.write_str("length does not fit in 32 bits"),
            Asn1Error::HighTagNumber => f.write_str("high-tag-number form is not supported"),
            Asn1Error::UnexpectedTag { expected, found } => {
                write!(f, "expected tag 0x{expected:02x}, found 0x{found:02x}")
            }
            Asn1Error::TrailingData(n) => write!(f, "{n} byte(s) after the end of the element"),
            Asn1Error::BadValue(what) => write!(f, "malformed {what}"),
        }
    }
}

/// One element: its identifier octet, its value bytes and the whole encoding.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tlv<'a> {
    /// The identifier octet (class, constructed bit and tag number < 31).
    pub tag: u8,
    /// The contents octets.
    pub value: &'a [u8],
    /// Header and contents, exactly as encoded.
    pub raw: &'a [u8],
    /// Whether the length was encoded in the shortest form (X.690 §10.1).
    pub minimal_length: bool,
}

impl<'a> Tlv<'a> {
    /// Whether the constructed bit is set.
    pub fn constructed(&self) -> bool {
        self.tag & 0x20 != 0
    }

    /// A reader over the contents of a constructed element.
    pub fn reader(&self) -> Reader<'a> {
        Reader::new(self.value)
    }
}

/// A cursor over a byte slice that reads consecutive elements.
#[derive(Debug, Clone)]
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader over `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    /// Whether all bytes were consumed.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The bytes not read yet.
    pub fn remaining(&self) -> &'a [u8] {
        self.rest
    }

    /// Reads the next element of any type.
    pub fn read(&mut self) -> Result<Tlv<'a>, Asn1Error> {
        let input = self.rest;
        let (&tag, after_tag) = input.split_first().ok_or(Asn1Error::Truncated)?;
        if tag & 0x1f == 0x1f {
            return Err(Asn1Error::HighTagNumber);
        }
        let (&first, after_len0) = after_tag.split_first().ok_or(Asn1Error::Truncated)?;
        let (len, header_len, minimal) = if first < 0x80 {
            (usize::from(first), 2usize, true)
        } else if first == 0x80 {
            return Err(Asn1Error::IndefiniteLength);
        } else {
            let n = usize::from(first & 0x7f);
            if n > 4 {
                return Err(Asn1Error::LengthTooLarge);
            }
            let len_bytes = after_len0.get(..n).ok_or(Asn1Error::Truncated)?;
            let mut len = 0usize;
            for b in len_bytes {
                len = (len << 8) | usize::from(*b);
            }
            // DER: long form only for lengths ≥ 128, and with no leading zero octet.
            let minimal = len >= 0x80 && len_bytes.first().is_some_and(|b| *b != 0);
            (len, 2 + n, minimal)
        };
        let total = header_len
            .checked_add(len)
            .ok_or(Asn1Error::LengthTooLarge)?;
        let raw = input.get(..total).ok_or(Asn1Error::Truncated)?;
        let value = raw.get(header_len..).ok_or(Asn1Error::Truncated)?;
        self.rest = input.get(total..).ok_or(Asn1Error::Truncated)?;
        Ok(Tlv {
            tag,
            value,
            raw,
            minimal_length: minimal,
        })
    }

    /// Reads the next element and requires its identifier octet to be `expected`.
    pub fn read_tag(&mut self, expected: u8) -> Result<Tlv<'a>, Asn1Error> {
        let tlv = self.read()?;
        if tlv.tag != expected {
            return Err(Asn1Error::UnexpectedTag {
                expected,
                found: tlv.tag,
            });
        }
        Ok(tlv)
    }

    /// Reads the next element if its identifier octet is `expected`.
    pub fn read_optional(&mut self, expected: u8) -> Result<Option<Tlv<'a>>, Asn1Error> {
        match self.rest.first() {
            Some(t) if *t == expected => self.read().map(Some),
            _ => Ok(None),
        }
    }

    /// The identifier octet of the next element, if any.
    pub fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Fails if bytes remain.
    pub fn finish(&self) -> Result<(), Asn1Error> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(Asn1Error::TrailingData(self.rest.len()))
        }
    }
}

/// Reads exactly one element from `bytes`, rejecting trailing bytes.
pub(crate) fn read_single(bytes: &[u8]) -> Result<Tlv<'_>, Asn1Error> {
    let mut r = Reader::new(bytes);
    let tlv = r.read()?;
    r.finish()?;
    Ok(tlv)
}

/// Reads exactly one element with identifier `expected` from `bytes`.
pub(crate) fn read_single_tag(bytes: &[u8], expected: u8) -> Result<Tlv<'_>, Asn1Error> {
    let tlv = read_single(bytes)?;
    if tlv.tag != expected {
        return Err(Asn1Error::UnexpectedTag {
            expected,
            found: tlv.tag,
        });
    }
    Ok(tlv)
}

/// The minimal two's-complement form of an INTEGER's contents (X.690 §8.3.2).
pub(crate) fn integer_is_minimal(value: &[u8]) -> bool {
    match value {
        [] => false,
        [0x00, next, ..] => *next & 0x80 != 0,
        [0xff, next, ..] => *next & 0x80 == 0,
        _ => true,
    }
}

/// Unsigned magnitude of a non-negative INTEGER, without leading zero octets.
pub(crate) fn unsigned_magnitude(value: &[u8]) -> &[u8] {
    let start = value.iter().position(|b| *b != 0).unwrap_or(value.len());
    value.get(start..).unwrap_or_default()
}

/// Bit length of a big-endian unsigned magnitude.
pub(crate) fn bit_length(magnitude: &[u8]) -> usize {
    let m = unsigned_magnitude(magnitude);
    match m.first() {
        None => 0,
        Some(first) => (m.len() - 1) * 8 + (8 - first.leading_zeros() as usize),
    }
}

/// A small non-negative INTEGER (for versions, path lengths, retention periods).
pub(crate) fn small_uint(value: &[u8]) -> Result<u64, Asn1Error> {
    if !integer_is_minimal(value) {
        return Err(Asn1Error::BadValue("INTEGER (not minimally encoded)"));
    }
    if value.first().is_some_and(|b| *b & 0x80 != 0) {
        return Err(Asn1Error::BadValue("INTEGER (negative)"));
    }
    let m = unsigned_magnitude(value);
    if m.len() > 8 {
        return Err(Asn1Error::BadValue("INTEGER (too large)"));
    }
    Ok(m.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
}

/// Decodes an OBJECT IDENTIFIER's contents into an [`crate::Oid`].
pub(crate) fn oid(value: &[u8]) -> Result<crate::Oid, Asn1Error> {
    crate::Oid::from_bytes(value).map_err(|_| Asn1Error::BadValue("OBJECT IDENTIFIER"))
}

/// Reads one OBJECT IDENTIFIER element.
pub(crate) fn read_oid(r: &mut Reader<'_>) -> Result<crate::Oid, Asn1Error> {
    oid(r.read_tag(tag::OID)?.value)
}

/// Decodes the contents of a character string of the given universal tag
/// into Rust text. Returns `None` when the bytes are not valid for the type's
/// character encoding. TeletexString is read as ISO 8859-1, as the
/// certificates that use it in practice mean (RFC 5280 §4.1.2.4 notes).
pub(crate) fn decode_string(tag: u8, value: &[u8]) -> Option<String> {
    match tag {
        tag::UTF8_STRING => std::str::from_utf8(value).ok().map(str::to_owned),
        // Real CAs put UTF-8 into PrintableString (a named deviation); reading
        // these as UTF-8 (a superset of ASCII) keeps the text usable.
        tag::PRINTABLE_STRING | tag::IA5_STRING | tag::NUMERIC_STRING | tag::VISIBLE_STRING => {
            std::str::from_utf8(value).ok().map(str::to_owned)
        }
        tag::TELETEX_STRING => Some(value.iter().map(|b| char::from(*b)).collect()),
        tag::BMP_STRING => {
            if !value.len().is_multiple_of(2) {
                return None;
            }
            let units = value
                .chunks_exact(2)
                .filter_map(|c| <[u8; 2]>::try_from(c).ok())
                .map(u16::from_be_bytes);
            char::decode_utf16(units)
                .collect::<Result<String, _>>()
                .ok()
        }
        tag::UNIVERSAL_STRING => {
            if !value.len().is_multiple_of(4) {
                return None;
            }
            value
                .chunks_exact(4)
                .map(|c| {
                    <[u8; 4]>::try_from(c)
                        .ok()
                        .and_then(|q| char::from_u32(u32::from_be_bytes(q)))
                })
                .collect()
        }
        _ => None,
    }
}

/// Whether the contents are within the repertoire of a restricted string
/// type (X.680 §41: PrintableString, IA5String, NumericString,
/// VisibleString); other types are always "in repertoire" here.
pub(crate) fn in_repertoire(t: u8, value: &[u8]) -> bool {
    match t {
        tag::PRINTABLE_STRING => is_printable(value),
        tag::IA5_STRING => value.is_ascii(),
        tag::NUMERIC_STRING => value.iter().all(|b| b.is_ascii_digit() || *b == b' '),
        tag::VISIBLE_STRING => value.iter().all(|b| (0x20..0x7f).contains(b)),
        _ => true,
    }
}

/// Whether every byte is in the PrintableString repertoire (X.680 §41.4).
pub(crate) fn is_printable(value: &[u8]) -> bool {
    value.iter().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(
                *b,
                b' ' | b'\'' | b'(' | b')' | b'+' | b',' | b'-' | b'.' | b'/' | b':' | b'=' | b'?'
            )
    })
}

// ---- Writing (DER, X.690 §10) ----

/// Appends a DER length (short form below 128, else the minimal long form).
pub(crate) fn push_length(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        let significant = bytes.get(skip..).unwrap_or(&[]);
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
}

/// One DER element: identifier octet `tag`, minimal length, `value`.
pub(crate) fn encode(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 6);
    out.push(tag);
    push_length(&mut out, value.len());
    out.extend_from_slice(value);
    out
}

/// An element whose contents are the concatenation of `parts`.
pub(crate) fn encode_parts(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let len = parts.iter().map(|p| p.len()).sum();
    let mut out = Vec::with_capacity(len + 6);
    out.push(tag);
    push_length(&mut out, len);
    for p in parts {
        out.extend_from_slice(p);
    }
    out
}

/// A DER `SET OF` (or an IMPLICIT-tagged one) of already-encoded elements,
/// sorted by their encodings as X.690 §11.6 requires.
pub(crate) fn encode_set_of(tag: u8, mut elements: Vec<Vec<u8>>) -> Vec<u8> {
    elements.sort();
    let parts: Vec<&[u8]> = elements.iter().map(Vec::as_slice).collect();
    encode_parts(tag, &parts)
}

/// A DER OBJECT IDENTIFIER.
pub(crate) fn encode_oid(oid: &crate::Oid) -> Vec<u8> {
    encode(tag::OID, oid.as_bytes())
}

/// A DER INTEGER of a non-negative number.
pub(crate) fn encode_uint(n: u64) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let skip = bytes.iter().take_while(|b| **b == 0).count().min(7);
    let mut value: Vec<u8> = bytes.get(skip..).unwrap_or(&[0]).to_vec();
    if value.first().is_some_and(|b| b & 0x80 != 0) {
        value.insert(0, 0);
    }
    encode(tag::INTEGER, &value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_minimal_der() {
        assert_eq!(encode(0x04, &[0xaa]), [0x04, 0x01, 0xaa]);
        let long = encode(0x04, &[0u8; 300]);
        assert_eq!(long.get(..4), Some(&[0x04, 0x82, 0x01, 0x2c][..]));
        assert_eq!(encode_uint(0), [0x02, 0x01, 0x00]);
        assert_eq!(encode_uint(128), [0x02, 0x02, 0x00, 0x80]);
        assert_eq!(encode_uint(3), [0x02, 0x01, 0x03]);
        // X.690 §11.6: SET OF elements sorted by encoding.
        let set = encode_set_of(0x31, vec![vec![0x04, 0x01, 0x02], vec![0x02, 0x01, 0x05]]);
        assert_eq!(set, [0x31, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0x02]);
        let mut r = Reader::new(&long);
        assert_eq!(r.read().unwrap().value.len(), 300);
    }

    #[test]
    fn reads_short_and_long_lengths() {
        let mut r = Reader::new(&[0x04, 0x01, 0xaa, 0x04, 0x81, 0x01, 0xbb]);
        let a = r.read().unwrap();
        assert_eq!(a.value, &[0xaa]);
        assert!(a.minimal_length);
        let b = r.read().unwrap();
        assert_eq!(b.value, &[0xbb]);
        assert!(!b.minimal_length, "0x81 0x01 is a non-minimal length");
        assert!(r.is_empty());
    }

    #[test]
    fn rejects_indefinite_truncated_and_trailing() {
        assert_eq!(
            Reader::new(&[0x30, 0x80, 0, 0]).read().unwrap_err(),
            Asn1Error::IndefiniteLength
        );
        assert_eq!(
            Reader::new(&[0x30, 0x05, 0]).read().unwrap_err(),
            Asn1Error::Truncated
        );
        assert_eq!(
            read_single(&[0x05, 0x00, 0x00]).unwrap_err(),
            Asn1Error::TrailingData(1)
        );
        assert_eq!(
            Reader::new(&[0x1f, 0x01, 0x00]).read().unwrap_err(),
            Asn1Error::HighTagNumber
        );
        assert_eq!(
            Reader::new(&[0x04, 0x85, 1, 1, 1, 1, 1])
                .read()
                .unwrap_err(),
            Asn1Error::LengthTooLarge
        );
    }

    #[test]
    fn integer_minimality() {
        assert!(integer_is_minimal(&[0x00, 0x80]));
        assert!(!integer_is_minimal(&[0x00, 0x7f]));
        assert!(!integer_is_minimal(&[0xff, 0x80]));
        assert!(integer_is_minimal(&[0xff, 0x7f]));
        assert!(!integer_is_minimal(&[]));
        assert_eq!(bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(small_uint(&[0x01, 0x00]).unwrap(), 256);
        assert!(small_uint(&[0x80]).is_err());
    }

    #[test]
    fn decodes_string_types() {
        assert_eq!(
            decode_string(tag::BMP_STRING, &[0x04, 0x1f, 0x00, 0x41]).as_deref(),
            Some("ПA")
        );
        assert_eq!(
            decode_string(tag::TELETEX_STRING, &[0xe9]).as_deref(),
            Some("é")
        );
        assert_eq!(decode_string(tag::BMP_STRING, &[0x00]), None);
        assert!(is_printable(b"Test CA (1)"));
        assert!(!is_printable(b"a@b"));
    }
}
