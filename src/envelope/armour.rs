//! Envelopes handed over as text without PEM armour: bare base64 of the
//! DER (or BER), possibly broken into lines. Kazakh NCALayer
//! (`createCMSSignatureFromBase64` returns the CMS as base64) and CryptoPro
//! CSP tools (`cryptcp`, CAdESCOM `SignCades` with `CADESCOM_BASE64_TO_BINARY`)
//! hand signatures over this way.
//!
//! Recognised strictly, so that no other text is ever mistaken for an
//! envelope: every byte is in the RFC 4648 §4 alphabet (`A–Z a–z 0–9 + /`,
//! `=` padding) or ASCII whitespace, the padding is canonical (RFC 4648
//! §3.5), and the decoded bytes start with a SEQUENCE tag, as a ContentInfo
//! must (RFC 5652 §3). Work and memory are one pass over the input and at
//! most its size.

use base64::Engine as _;

use crate::EnvelopeError;
use crate::asn1::tag;

/// Whether `input` is nothing but base64 alphabet and whitespace, with at
/// least one base64 character. A PEM file never is (its `-----BEGIN` line is
/// outside the alphabet).
pub(super) fn is_bare_base64(input: &[u8]) -> bool {
    let mut any = false;
    for &b in input {
        if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=') {
            any = true;
        } else if !b.is_ascii_whitespace() {
            return false;
        }
    }
    any
}

/// Decodes bare base64 (see the module documentation) into the DER/BER it
/// carries. The caller has checked [`is_bare_base64`].
pub(super) fn decode_bare_base64(input: &[u8]) -> Result<Vec<u8>, EnvelopeError> {
    let text: Vec<u8> = input
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(&text)
        .map_err(|e| EnvelopeError::Base64 {
            reason: e.to_string(),
        })?;
    match der.first() {
        Some(&tag::SEQUENCE) => Ok(der),
        Some(first) => Err(EnvelopeError::Base64 {
            reason: format!(
                "it decodes to {} bytes starting with 0x{first:02x}, not a SEQUENCE (0x30) as a CMS ContentInfo starts",
                der.len()
            ),
        }),
        None => Err(EnvelopeError::Base64 {
            reason: "it decodes to nothing".to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn only_alphabet_and_whitespace_is_bare_base64() {
        assert!(is_bare_base64(b"MIIB\r\n  AAAA==\n"));
        assert!(is_bare_base64(b"\tMA==\x0c"));
        assert!(!is_bare_base64(b""));
        assert!(!is_bare_base64(b" \r\n\t"));
        assert!(!is_bare_base64(
            b"-----BEGIN CMS-----\nMA==\n-----END CMS-----\n"
        ));
        assert!(!is_bare_base64(b"MA==\0"));
        assert!(!is_bare_base64("MA==\u{a0}".as_bytes()));
        // URL-safe base64 (RFC 4648 §5) is not what these tools write.
        assert!(!is_bare_base64(b"MA-_"));
    }

    #[test]
    fn line_broken_base64_decodes_to_the_same_bytes() {
        let der = [0x30, 0x03, 0x02, 0x01, 0x05];
        let text = b64(&der);
        let broken: String = text
            .chars()
            .flat_map(|c| [c, '\r', '\n'])
            .chain("  \t".chars())
            .collect();
        assert_eq!(decode_bare_base64(broken.as_bytes()).unwrap(), der);
    }

    #[test]
    fn what_is_not_a_sequence_or_not_canonical_is_a_base64_error() {
        // Decodes to an INTEGER, not a ContentInfo.
        let e = decode_bare_base64(b64(&[0x02, 0x01, 0x05]).as_bytes()).unwrap_err();
        assert_eq!(
            e,
            EnvelopeError::Base64 {
                reason: "it decodes to 3 bytes starting with 0x02, not a SEQUENCE (0x30) as a CMS ContentInfo starts".into()
            }
        );
        // Missing padding, padding in the middle, a lone symbol: refused.
        for bad in [&b"MAM"[..], b"MA==MA==", b"M"] {
            assert!(
                matches!(decode_bare_base64(bad), Err(EnvelopeError::Base64 { .. })),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        // Only padding, or nothing once whitespace is gone: refused, not read as empty.
        for bad in [&b"===="[..], b" \n"] {
            assert!(
                matches!(decode_bare_base64(bad), Err(EnvelopeError::Base64 { .. })),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
