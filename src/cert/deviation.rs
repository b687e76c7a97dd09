//! Named deviations from strict DER (X.690 §10–11) and RFC 5280 that real
//! national CAs produce, and the [`Leniency`] that decides which of them a
//! caller tolerates.
//!
//! sigbridge parses strictly by default. A deviation is never accepted
//! silently: either it is refused with [`crate::CertError::Deviation`], or the
//! caller opted in to it by kind, and the parsed certificate lists it in
//! [`crate::Certificate::deviations`].

use std::fmt;

use crate::asn1::{self, Asn1Error, Tlv, tag};
use crate::cert::StringType;

/// One way in which a certificate departs from strict DER / RFC 5280.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Deviation {
    /// A negative serial number (RFC 5280 §4.1.2.2: MUST be positive).
    NegativeSerial,
    /// A serial number of zero (RFC 5280 §4.1.2.2: MUST be positive).
    ZeroSerial,
    /// A serial number longer than 20 octets (RFC 5280 §4.1.2.2).
    LongSerial {
        /// Number of content octets.
        octets: usize,
    },
    /// An INTEGER not in its shortest two's-complement form (X.690 §8.3.2).
    NonMinimalInteger {
        /// Where, e.g. `serial number`.
        field: &'static str,
    },
    /// A length in long form where short form fits, or with leading zero octets (X.690 §10.1).
    NonMinimalLength,
    /// A country code in lowercase, e.g. `si` (X.520 / ISO 3166-1 alpha-2 are upper case).
    LowercaseCountry {
        /// The value as encoded.
        value: String,
    },
    /// A countryName that is not two letters (RFC 5280 Appendix A: PrintableString SIZE(2)).
    InvalidCountryCode {
        /// The value as encoded.
        value: String,
    },
    /// TeletexString, BMPString or UniversalString in a name (RFC 5280
    /// §4.1.2.4: CAs MUST use PrintableString or UTF8String).
    LegacyStringType {
        /// The attribute, e.g. `CN`.
        attribute: String,
        /// The string type used.
        string_type: StringType,
    },
    /// A restricted-alphabet string (PrintableString, IA5String,
    /// NumericString, VisibleString) holding characters outside its
    /// repertoire (X.680 §41), typically UTF-8 bytes, or `@`, `_`, `&` in a
    /// PrintableString.
    StringCharset {
        /// The attribute, e.g. `O`.
        attribute: String,
        /// The string type used.
        string_type: StringType,
    },
    /// A UTCTime or GeneralizedTime not of the form RFC 5280 §4.1.2.5.1/.2 requires
    /// (seconds missing, fractional seconds, a time-zone offset instead of `Z`).
    NonCanonicalTime {
        /// The time as encoded.
        value: String,
    },
    /// GeneralizedTime for a date before 2050 (RFC 5280 §4.1.2.5: MUST be UTCTime).
    GeneralizedTimeBefore2050 {
        /// The time as encoded.
        value: String,
    },
    /// A BOOLEAN whose TRUE is not 0xFF (X.690 §11.1).
    NonDerBoolean,
    /// A field equal to its DEFAULT encoded anyway (X.690 §11.5), e.g. `critical FALSE`
    /// or `version v1`.
    ExplicitDefault {
        /// Which field.
        field: &'static str,
    },
    /// basicConstraints with `cA FALSE` encoded although FALSE is the DEFAULT
    /// (X.690 §11.5). Common enough that BoringSSL accepts it; kept apart
    /// from [`Deviation::ExplicitDefault`] so it can be tolerated alone.
    ExplicitCaFalse,
    /// The components of a SET OF are not sorted by their encodings (X.690 §11.6).
    UnsortedSet,
    /// A BIT STRING whose unused trailing bits are not zero (X.690 §11.2.1).
    BitStringPadding,
    /// An extension's `critical` flag encoded as FALSE although FALSE is the
    /// DEFAULT (X.690 §11.5, RFC 5280 §4.1). Written by the CA software of
    /// real national roots (RU, CN); OpenSSL accepts it. Kept apart from
    /// [`Deviation::ExplicitDefault`] so it can be tolerated alone.
    ExplicitCriticalFalse,
    /// A length not in its shortest form inside an extension's value (X.690
    /// §10.1), as the extension encoders of real qualified CAs write it
    /// (IT: ArubaPEC NG CA 3 in certificatePolicies). Kept apart from
    /// [`Deviation::NonMinimalLength`] in the certificate's own structure.
    NonMinimalLengthInExtension {
        /// The extension, e.g. `certificatePolicies`.
        extension: &'static str,
    },
    /// A policy user notice's text (RFC 5280 §4.2.1.4 DisplayText) that does
    /// not decode in its declared string type: a VisibleString or IA5String
    /// with 8-bit bytes (IT, ES qualified CAs write ISO 8859-1 there), a
    /// BMPString of odd length, a UTF8String that is not UTF-8. The text is
    /// kept as read: 8-bit strings as ISO 8859-1, the others with U+FFFD for
    /// what does not decode.
    UndecodableNoticeText {
        /// `explicitText` or `noticeRef organization`.
        field: &'static str,
        /// The string type as encoded.
        string_type: StringType,
    },
}

/// A deviation's kind, without its details: the unit of a [`Leniency`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeviationKind {
    /// See [`Deviation::NegativeSerial`].
    NegativeSerial,
    /// See [`Deviation::ZeroSerial`].
    ZeroSerial,
    /// See [`Deviation::LongSerial`].
    LongSerial,
    /// See [`Deviation::NonMinimalInteger`].
    NonMinimalInteger,
    /// See [`Deviation::NonMinimalLength`].
    NonMinimalLength,
    /// See [`Deviation::LowercaseCountry`].
    LowercaseCountry,
    /// See [`Deviation::InvalidCountryCode`].
    InvalidCountryCode,
    /// See [`Deviation::LegacyStringType`].
    LegacyStringType,
    /// See [`Deviation::StringCharset`].
    StringCharset,
    /// See [`Deviation::NonCanonicalTime`].
    NonCanonicalTime,
    /// See [`Deviation::GeneralizedTimeBefore2050`].
    GeneralizedTimeBefore2050,
    /// See [`Deviation::NonDerBoolean`].
    NonDerBoolean,
    /// See [`Deviation::ExplicitDefault`].
    ExplicitDefault,
    /// See [`Deviation::ExplicitCaFalse`].
    ExplicitCaFalse,
    /// See [`Deviation::UnsortedSet`].
    UnsortedSet,
    /// See [`Deviation::BitStringPadding`].
    BitStringPadding,
    /// See [`Deviation::ExplicitCriticalFalse`].
    ExplicitCriticalFalse,
    /// See [`Deviation::NonMinimalLengthInExtension`].
    NonMinimalLengthInExtension,
    /// See [`Deviation::UndecodableNoticeText`].
    UndecodableNoticeText,
}

impl DeviationKind {
    /// Every kind, in declaration order.
    pub const ALL: [DeviationKind; 19] = [
        DeviationKind::NegativeSerial,
        DeviationKind::ZeroSerial,
        DeviationKind::LongSerial,
        DeviationKind::NonMinimalInteger,
        DeviationKind::NonMinimalLength,
        DeviationKind::LowercaseCountry,
        DeviationKind::InvalidCountryCode,
        DeviationKind::LegacyStringType,
        DeviationKind::StringCharset,
        DeviationKind::NonCanonicalTime,
        DeviationKind::GeneralizedTimeBefore2050,
        DeviationKind::NonDerBoolean,
        DeviationKind::ExplicitDefault,
        DeviationKind::ExplicitCaFalse,
        DeviationKind::UnsortedSet,
        DeviationKind::BitStringPadding,
        DeviationKind::ExplicitCriticalFalse,
        DeviationKind::NonMinimalLengthInExtension,
        DeviationKind::UndecodableNoticeText,
    ];

    fn bit(self) -> u32 {
        let i = DeviationKind::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(0);
        1u32 << i
    }
}

impl Deviation {
    /// The kind of this deviation.
    pub fn kind(&self) -> DeviationKind {
        match self {
            Deviation::NegativeSerial => DeviationKind::NegativeSerial,
            Deviation::ZeroSerial => DeviationKind::ZeroSerial,
            Deviation::LongSerial { .. } => DeviationKind::LongSerial,
            Deviation::NonMinimalInteger { .. } => DeviationKind::NonMinimalInteger,
            Deviation::NonMinimalLength => DeviationKind::NonMinimalLength,
            Deviation::LowercaseCountry { .. } => DeviationKind::LowercaseCountry,
            Deviation::InvalidCountryCode { .. } => DeviationKind::InvalidCountryCode,
            Deviation::LegacyStringType { .. } => DeviationKind::LegacyStringType,
            Deviation::StringCharset { .. } => DeviationKind::StringCharset,
            Deviation::NonCanonicalTime { .. } => DeviationKind::NonCanonicalTime,
            Deviation::GeneralizedTimeBefore2050 { .. } => DeviationKind::GeneralizedTimeBefore2050,
            Deviation::NonDerBoolean => DeviationKind::NonDerBoolean,
            Deviation::ExplicitDefault { .. } => DeviationKind::ExplicitDefault,
            Deviation::ExplicitCaFalse => DeviationKind::ExplicitCaFalse,
            Deviation::UnsortedSet => DeviationKind::UnsortedSet,
            Deviation::BitStringPadding => DeviationKind::BitStringPadding,
            Deviation::ExplicitCriticalFalse => DeviationKind::ExplicitCriticalFalse,
            Deviation::NonMinimalLengthInExtension { .. } => {
                DeviationKind::NonMinimalLengthInExtension
            }
            Deviation::UndecodableNoticeText { .. } => DeviationKind::UndecodableNoticeText,
        }
    }
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Deviation::NegativeSerial => {
                f.write_str("negative serial number (RFC 5280 §4.1.2.2 requires a positive one)")
            }
            Deviation::ZeroSerial => {
                f.write_str("serial number zero (RFC 5280 §4.1.2.2 requires a positive one)")
            }
            Deviation::LongSerial { octets } => write!(
                f,
                "serial number of {octets} octets (RFC 5280 §4.1.2.2 allows at most 20)"
            ),
            Deviation::NonMinimalInteger { field } => {
                write!(f, "{field} INTEGER not minimally encoded (X.690 §8.3.2)")
            }
            Deviation::NonMinimalLength => {
                f.write_str("length not in its shortest form (X.690 §10.1)")
            }
            Deviation::LowercaseCountry { value } => {
                write!(
                    f,
                    "lowercase country code '{value}' (ISO 3166-1 alpha-2 is upper case)"
                )
            }
            Deviation::InvalidCountryCode { value } => write!(
                f,
                "country code '{value}' is not two letters (RFC 5280 Appendix A)"
            ),
            Deviation::LegacyStringType {
                attribute,
                string_type,
            } => write!(
                f,
                "{attribute} encoded as {string_type:?}String (RFC 5280 §4.1.2.4: PrintableString or UTF8String)"
            ),
            Deviation::StringCharset {
                attribute,
                string_type,
            } => write!(
                f,
                "{attribute} {string_type:?}String holds characters outside its repertoire (X.680 §41)"
            ),
            Deviation::NonCanonicalTime { value } => write!(
                f,
                "time '{value}' is not YYMMDDHHMMSSZ / YYYYMMDDHHMMSSZ (RFC 5280 §4.1.2.5)"
            ),
            Deviation::GeneralizedTimeBefore2050 { value } => write!(
                f,
                "GeneralizedTime '{value}' for a date before 2050 (RFC 5280 §4.1.2.5 requires UTCTime)"
            ),
            Deviation::NonDerBoolean => {
                f.write_str("BOOLEAN TRUE not encoded as 0xFF (X.690 §11.1)")
            }
            Deviation::ExplicitDefault { field } => write!(
                f,
                "{field} encoded although equal to its DEFAULT (X.690 §11.5)"
            ),
            Deviation::ExplicitCaFalse => f.write_str(
                "basicConstraints cA FALSE encoded although equal to its DEFAULT (X.690 §11.5)",
            ),
            Deviation::UnsortedSet => {
                f.write_str("SET OF components not in sorted order (X.690 §11.6)")
            }
            Deviation::BitStringPadding => {
                f.write_str("BIT STRING unused bits are not zero (X.690 §11.2.1)")
            }
            Deviation::ExplicitCriticalFalse => f.write_str(
                "extension critical FALSE encoded although equal to its DEFAULT (X.690 §11.5)",
            ),
            Deviation::NonMinimalLengthInExtension { extension } => write!(
                f,
                "{extension} extension value has a length not in its shortest form (X.690 §10.1)"
            ),
            Deviation::UndecodableNoticeText { field, string_type } => write!(
                f,
                "user notice {field} is not valid {string_type:?}String (RFC 5280 §4.2.1.4 DisplayText)"
            ),
        }
    }
}

/// Which [`DeviationKind`]s a parse tolerates. The default is strict.
///
/// ```
/// use sigbridge::{Certificate, DeviationKind, Leniency};
///
/// let der = std::fs::read("testdata/pki/deviations/lowercase-country.der").unwrap();
/// // Refused by default...
/// assert!(Certificate::from_der(&der).is_err());
/// // ...accepted when the caller names the deviation, and then reported.
/// let lenient = Leniency::strict().tolerate(DeviationKind::LowercaseCountry);
/// let cert = Certificate::from_der_with(&der, &lenient).unwrap();
/// assert_eq!(cert.deviations()[0].kind(), DeviationKind::LowercaseCountry);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Leniency {
    bits: u32,
}

impl Leniency {
    /// Tolerates nothing: strict DER and RFC 5280 (the default).
    pub const fn strict() -> Leniency {
        Leniency { bits: 0 }
    }

    /// Tolerates the deviations production national and government CAs are
    /// seen to issue, with the values of the serial, names and validity
    /// still decodable: negative, zero and over-long serials (seen in the CN
    /// corpus; BoringSSL and OpenSSL accept them with a warning), lowercase
    /// or malformed country codes (SI government CA), legacy string types
    /// and charset violations in names (T61String in EU CAs, UTF-8 in
    /// PrintableString, which BoringSSL accepts for client certificates),
    /// GeneralizedTime before 2050 (EE ESTEID CAs), unsorted RDN sets,
    /// basicConstraints `cA FALSE` spelled out (BoringSSL accepts it), and
    /// the encodings real national and qualified CAs put into the signed
    /// extensions, where they are read one way only and covered by the CA's
    /// signature: `critical FALSE` spelled out and BOOLEAN TRUE as a byte
    /// other than 0xFF (RU, CN national roots; X.690 §8.2.2 reads any
    /// non-zero byte as TRUE), long-form lengths inside an extension value
    /// (IT ArubaPEC), and policy user-notice text that does not decode in
    /// its declared string type (IT, ES qualified CAs; the text is only for
    /// display, RFC 5280 §4.2.1.4). OpenSSL and BouncyCastle (the EU DSS
    /// validator) load all of these.
    ///
    /// It does not tolerate what changes how the certificate itself is
    /// framed or read — non-minimal lengths in its own structure and
    /// non-minimal INTEGERs, BIT STRING padding, other explicit DEFAULT
    /// values, relaxed time formats: BoringSSL and OpenSSL refuse these
    /// too, and they only serve to give one certificate several encodings.
    /// Name them one by one with [`Leniency::tolerate`] if a partner's CA
    /// needs them.
    pub fn real_world() -> Leniency {
        [
            DeviationKind::NegativeSerial,
            DeviationKind::ZeroSerial,
            DeviationKind::LongSerial,
            DeviationKind::LowercaseCountry,
            DeviationKind::InvalidCountryCode,
            DeviationKind::LegacyStringType,
            DeviationKind::StringCharset,
            DeviationKind::GeneralizedTimeBefore2050,
            DeviationKind::UnsortedSet,
            DeviationKind::ExplicitCaFalse,
            DeviationKind::ExplicitCriticalFalse,
            DeviationKind::NonDerBoolean,
            DeviationKind::NonMinimalLengthInExtension,
            DeviationKind::UndecodableNoticeText,
        ]
        .into_iter()
        .fold(Leniency::strict(), Leniency::tolerate)
    }

    /// Tolerates every kind of deviation.
    pub fn all() -> Leniency {
        DeviationKind::ALL
            .into_iter()
            .fold(Leniency::strict(), Leniency::tolerate)
    }

    /// Also tolerates `kind`.
    pub fn tolerate(self, kind: DeviationKind) -> Leniency {
        Leniency {
            bits: self.bits | kind.bit(),
        }
    }

    /// Whether `kind` is tolerated.
    pub fn tolerates(&self, kind: DeviationKind) -> bool {
        self.bits & kind.bit() != 0
    }
}

/// Walks a whole DER structure and records the generic encoding deviations
/// (length forms, BOOLEAN, INTEGER, BIT STRING, SET OF order, time formats).
/// Hard errors (truncation, indefinite length) end the walk.
pub(crate) fn scan_encoding(
    tlv: &Tlv<'_>,
    out: &mut Vec<Deviation>,
    depth: usize,
) -> Result<(), Asn1Error> {
    // Certificates nest about 10 deep; 64 bounds recursion on hostile input.
    if depth > 64 {
        return Err(Asn1Error::BadValue(
            "structure nested deeper than 64 levels",
        ));
    }
    if !tlv.minimal_length {
        push_once(out, Deviation::NonMinimalLength);
    }
    if tlv.constructed() {
        // Constructed forms of primitive universal types (0x23 BIT STRING, 0x24
        // OCTET STRING, 0x2c UTF8String …) are BER only (X.690 §10.2).
        if tlv.tag & 0xc0 == 0 && tlv.tag != tag::SEQUENCE && tlv.tag != tag::SET {
            return Err(Asn1Error::BadValue("constructed string (BER only)"));
        }
        let mut r = tlv.reader();
        let mut prev: Option<&[u8]> = None;
        while !r.is_empty() {
            let child = r.read()?;
            if tlv.tag == tag::SET {
                if let Some(p) = prev
                    && p > child.raw
                {
                    push_once(out, Deviation::UnsortedSet);
                }
                prev = Some(child.raw);
            }
            scan_encoding(&child, out, depth + 1)?;
        }
        return Ok(());
    }
    match tlv.tag {
        tag::BOOLEAN => match tlv.value {
            [0x00] | [0xff] => {}
            [_] => push_once(out, Deviation::NonDerBoolean),
            _ => return Err(Asn1Error::BadValue("BOOLEAN (length is not 1)")),
        },
        tag::INTEGER if tlv.value.is_empty() => {
            return Err(Asn1Error::BadValue("INTEGER (empty)"));
        }
        // The serial number is reported by its own, more specific check.
        tag::BIT_STRING => match tlv.value.split_first() {
            None => return Err(Asn1Error::BadValue("BIT STRING (empty)")),
            Some((&unused, rest)) => {
                if unused > 7 || (rest.is_empty() && unused != 0) {
                    return Err(Asn1Error::BadValue("BIT STRING (unused-bits octet)"));
                }
                if let Some(last) = rest.last() {
                    let mask = (1u16 << unused) as u8;
                    if unused > 0 && last & mask.wrapping_sub(1) != 0 {
                        push_once(out, Deviation::BitStringPadding);
                    }
                }
            }
        },
        tag::NULL if !tlv.value.is_empty() => {
            return Err(Asn1Error::BadValue("NULL (non-empty)"));
        }
        tag::OID => {
            // X.690 §8.19.2: no 0x80 leading octet in any subidentifier.
            let mut start = true;
            for b in tlv.value {
                if start && *b == 0x80 {
                    return Err(Asn1Error::BadValue(
                        "OBJECT IDENTIFIER (non-minimal subidentifier)",
                    ));
                }
                start = b & 0x80 == 0;
            }
            if tlv.value.is_empty() || !start {
                return Err(Asn1Error::BadValue("OBJECT IDENTIFIER"));
            }
        }
        _ => {}
    }
    Ok(())
}

fn push_once(out: &mut Vec<Deviation>, d: Deviation) {
    if !out.contains(&d) {
        out.push(d);
    }
}

/// Checks the serial number's contents (RFC 5280 §4.1.2.2).
pub(crate) fn check_serial(value: &[u8], out: &mut Vec<Deviation>) {
    if !asn1::integer_is_minimal(value) {
        out.push(Deviation::NonMinimalInteger {
            field: "serial number",
        });
    }
    if value.first().is_some_and(|b| b & 0x80 != 0) {
        out.push(Deviation::NegativeSerial);
    } else if asn1::unsigned_magnitude(value).is_empty() {
        out.push(Deviation::ZeroSerial);
    }
    if value.len() > 20 {
        out.push(Deviation::LongSerial {
            octets: value.len(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leniency_sets() {
        let l = Leniency::strict().tolerate(DeviationKind::UnsortedSet);
        assert!(l.tolerates(DeviationKind::UnsortedSet));
        assert!(!l.tolerates(DeviationKind::NegativeSerial));
        assert!(Leniency::real_world().tolerates(DeviationKind::NegativeSerial));
        assert!(!Leniency::real_world().tolerates(DeviationKind::NonMinimalLength));
        assert!(!Leniency::real_world().tolerates(DeviationKind::NonCanonicalTime));
        assert!(!Leniency::real_world().tolerates(DeviationKind::ExplicitDefault));
        for k in DeviationKind::ALL {
            assert!(Leniency::all().tolerates(k));
            assert!(!Leniency::strict().tolerates(k));
        }
    }

    #[test]
    fn serial_checks() {
        let mut d = Vec::new();
        check_serial(&[0xff, 0x01], &mut d);
        assert_eq!(d, vec![Deviation::NegativeSerial]);
        d.clear();
        check_serial(&[0x00], &mut d);
        assert_eq!(d, vec![Deviation::ZeroSerial]);
        d.clear();
        check_serial(&[0x00, 0x01], &mut d);
        assert_eq!(
            d,
            vec![Deviation::NonMinimalInteger {
                field: "serial number"
            }]
        );
        d.clear();
        check_serial(&[0x01; 21], &mut d);
        assert_eq!(d, vec![Deviation::LongSerial { octets: 21 }]);
    }

    #[test]
    fn scan_finds_encoding_deviations() {
        // SEQUENCE { NULL, BOOLEAN 0x01 } with a non-minimal length on the BOOLEAN.
        let der = [0x30, 0x06, 0x05, 0x00, 0x01, 0x81, 0x01, 0x01];
        let tlv = asn1::read_single(&der).unwrap();
        let mut d = Vec::new();
        scan_encoding(&tlv, &mut d, 0).unwrap();
        assert_eq!(
            d,
            vec![Deviation::NonMinimalLength, Deviation::NonDerBoolean]
        );
        let der = [0x31, 0x05, 0x05, 0x00, 0x01, 0x01, 0x00];
        let mut d = Vec::new();
        scan_encoding(&asn1::read_single(&der).unwrap(), &mut d, 0).unwrap();
        assert_eq!(d, vec![Deviation::UnsortedSet]);
        let der = [0x24, 0x02, 0x04, 0x00];
        assert!(scan_encoding(&asn1::read_single(&der).unwrap(), &mut Vec::new(), 0).is_err());
    }
}
