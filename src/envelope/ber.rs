//! The BER that CMS producers emit, turned into DER before parsing.
//!
//! What is accepted, and why: RFC 5652 §1.1 lets SignedData be BER-encoded
//! (only signed attributes are DER, §5.4), and streaming producers use it —
//! `openssl cms -stream`, BouncyCastle's `CMSSignedDataStreamGenerator`
//! and the Java and .NET national clients write **indefinite lengths** on
//! the ContentInfo, SignedData and encapsulated-content wrappers, and the
//! encapsulated content as a **constructed OCTET STRING** in chunks. Both
//! are normalised here: indefinite-length elements get definite lengths,
//! and constructed OCTET STRINGs reached through them are joined into one
//! primitive OCTET STRING.
//!
//! Elements with a definite length are copied byte for byte without
//! descending into them, so certificates and signed attributes keep their
//! exact encoding (a certificate's signature is over its own bytes). Other
//! BER forms (non-minimal lengths, constructed strings elsewhere) are left
//! to the DER parser, which rejects what it cannot read.

use crate::asn1::{self, Asn1Error, Reader, tag};

/// How deeply indefinite-length elements may nest. OpenSSL's streamed
/// SignedData nests them 6 deep; 32 is generous and bounds the recursion on
/// hostile input.
const MAX_DEPTH: usize = 32;

/// The constructed form of OCTET STRING (X.690 §8.7.3).
const CONSTRUCTED_OCTET_STRING: u8 = 0x24;

/// Returns the DER form of `input` when it uses indefinite lengths, `None`
/// when the outermost element has a definite length (then `input` is
/// parsed as it is). The whole-input form; the reader uses
/// [`normalise_prefix`] and judges what follows itself.
#[cfg(test)]
pub(crate) fn normalise(input: &[u8]) -> Result<Option<Vec<u8>>, Asn1Error> {
    if !is_indefinite(input) {
        return Ok(None);
    }
    let (out, used) = normalise_prefix(input)?;
    if used != input.len() {
        return Err(Asn1Error::TrailingData(input.len() - used));
    }
    Ok(Some(out))
}

/// Whether the outermost element of `input` has an indefinite length.
pub(crate) fn is_indefinite(input: &[u8]) -> bool {
    input.get(1) == Some(&0x80)
}

/// The DER form of the first element of `input` and the number of input
/// bytes it used (what follows is the caller's to judge).
pub(crate) fn normalise_prefix(input: &[u8]) -> Result<(Vec<u8>, usize), Asn1Error> {
    let mut out = Vec::with_capacity(input.len());
    let used = element(input, 0, &mut out)?;
    Ok((out, used))
}

/// Reads a BER header: identifier, header length, and the length (`None` = indefinite).
fn header(input: &[u8]) -> Result<(u8, usize, Option<usize>), Asn1Error> {
    let (&t, rest) = input.split_first().ok_or(Asn1Error::Truncated)?;
    if t & 0x1f == 0x1f {
        return Err(Asn1Error::HighTagNumber);
    }
    let (&first, rest) = rest.split_first().ok_or(Asn1Error::Truncated)?;
    if first < 0x80 {
        return Ok((t, 2, Some(usize::from(first))));
    }
    if first == 0x80 {
        if t & 0x20 == 0 {
            // X.690 §8.1.3.2: the indefinite form is for constructed encodings only.
            return Err(Asn1Error::BadValue(
                "indefinite length on a primitive element",
            ));
        }
        return Ok((t, 2, None));
    }
    let n = usize::from(first & 0x7f);
    if n > 4 {
        return Err(Asn1Error::LengthTooLarge);
    }
    let bytes = rest.get(..n).ok_or(Asn1Error::Truncated)?;
    let len = bytes
        .iter()
        .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
    Ok((t, 2 + n, Some(len)))
}

/// Normalises one element at the start of `input` into `out`; returns the
/// number of input bytes it used.
fn element(input: &[u8], depth: usize, out: &mut Vec<u8>) -> Result<usize, Asn1Error> {
    let (t, header_len, len) = header(input)?;
    let Some(len) = len else {
        if depth >= MAX_DEPTH {
            return Err(Asn1Error::BadValue(
                "indefinite-length elements nested more than 32 deep",
            ));
        }
        let mut contents = Vec::new();
        let mut pos = header_len;
        loop {
            let rest = input.get(pos..).ok_or(Asn1Error::Truncated)?;
            match rest {
                [0, 0, ..] => {
                    pos += 2;
                    break;
                }
                [] => return Err(Asn1Error::Truncated),
                _ => pos += element(rest, depth + 1, &mut contents)?,
            }
        }
        if t == CONSTRUCTED_OCTET_STRING {
            let mut joined = Vec::with_capacity(contents.len());
            join_octet_string(&contents, depth, &mut joined)?;
            out.extend_from_slice(&asn1::encode(tag::OCTET_STRING, &joined));
        } else {
            out.extend_from_slice(&asn1::encode(t, &contents));
        }
        return Ok(pos);
    };
    let total = header_len
        .checked_add(len)
        .ok_or(Asn1Error::LengthTooLarge)?;
    let raw = input.get(..total).ok_or(Asn1Error::Truncated)?;
    if t == CONSTRUCTED_OCTET_STRING && depth > 0 {
        // A chunked OCTET STRING inside an indefinite-length wrapper.
        let mut joined = Vec::with_capacity(len);
        join_octet_string(
            raw.get(header_len..).unwrap_or_default(),
            depth,
            &mut joined,
        )?;
        out.extend_from_slice(&asn1::encode(tag::OCTET_STRING, &joined));
    } else {
        out.extend_from_slice(raw);
    }
    Ok(total)
}

/// Appends the contents of the (DER-framed) segments of a constructed
/// OCTET STRING to `out` (X.690 §8.7.3.2: segments are OCTET STRINGs,
/// themselves primitive or constructed).
pub(crate) fn join_octet_string(
    segments: &[u8],
    depth: usize,
    out: &mut Vec<u8>,
) -> Result<(), Asn1Error> {
    if depth > MAX_DEPTH {
        return Err(Asn1Error::BadValue(
            "constructed OCTET STRING nested more than 32 deep",
        ));
    }
    let mut r = Reader::new(segments);
    while !r.is_empty() {
        let seg = r.read()?;
        match seg.tag {
            tag::OCTET_STRING => out.extend_from_slice(seg.value),
            CONSTRUCTED_OCTET_STRING => join_octet_string(seg.value, depth + 1, out)?,
            found => {
                return Err(Asn1Error::UnexpectedTag {
                    expected: tag::OCTET_STRING,
                    found,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definite_input_is_left_alone() {
        assert_eq!(normalise(&[0x30, 0x03, 0x02, 0x01, 0x05]).unwrap(), None);
    }

    #[test]
    fn indefinite_lengths_and_chunks_become_der() {
        // SEQUENCE(indef) { [0](indef) { OCTET STRING(constructed, indef) { "ab", "c" } }, INTEGER 5 }
        let ber = [
            0x30, 0x80, 0xa0, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00,
            0x00, 0x00, 0x00, 0x02, 0x01, 0x05, 0x00, 0x00,
        ];
        let der = normalise(&ber).unwrap().unwrap();
        assert_eq!(
            der,
            [
                0x30, 0x0a, 0xa0, 0x05, 0x04, 0x03, b'a', b'b', b'c', 0x02, 0x01, 0x05
            ]
        );
    }

    #[test]
    fn hostile_forms_are_errors() {
        // Missing end-of-contents.
        assert_eq!(
            normalise(&[0x30, 0x80, 0x02, 0x01, 0x05]),
            Err(Asn1Error::Truncated)
        );
        // Indefinite length on a primitive.
        assert!(matches!(
            normalise(&[0x30, 0x80, 0x04, 0x80, 0x00, 0x00, 0x00, 0x00]),
            Err(Asn1Error::BadValue(_))
        ));
        // Deep nesting is bounded, not a stack overflow.
        let mut deep = Vec::new();
        for _ in 0..10_000 {
            deep.extend_from_slice(&[0x30, 0x80]);
        }
        assert!(matches!(normalise(&deep), Err(Asn1Error::BadValue(_))));
        // A chunk of the wrong type inside a constructed OCTET STRING.
        assert!(matches!(
            normalise(&[0x24, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00]),
            Err(Asn1Error::UnexpectedTag { .. })
        ));
        // Trailing bytes after the outer element.
        assert_eq!(
            normalise(&[0x30, 0x80, 0x00, 0x00, 0xff]),
            Err(Asn1Error::TrailingData(1))
        );
    }
}
