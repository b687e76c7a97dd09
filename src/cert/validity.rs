//! The validity period (RFC 5280 §4.1.2.5) and certificate time decoding.

use crate::Time;
use crate::asn1::{Tlv, tag};
use crate::cert::Deviation;

/// The validity period of a certificate. Both bounds are inclusive
/// (RFC 5280 §4.1.2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Validity {
    /// notBefore.
    pub not_before: Time,
    /// notAfter.
    pub not_after: Time,
}

impl Validity {
    /// Whether `at` lies within the period.
    pub fn contains(&self, at: Time) -> bool {
        self.not_before <= at && at <= self.not_after
    }
}

/// Decodes a UTCTime or GeneralizedTime element. The canonical forms of
/// RFC 5280 §4.1.2.5.1/.2 (`YYMMDDHHMMSSZ`, `YYYYMMDDHHMMSSZ`) are accepted
/// silently; omitted seconds, fractional seconds and `+hhmm`/`-hhmm`
/// offsets are decoded and recorded as [`Deviation::NonCanonicalTime`].
/// Returns `None` for anything else.
pub(crate) fn decode_time(t: &Tlv<'_>, out: &mut Vec<Deviation>) -> Option<Time> {
    let s = std::str::from_utf8(t.value).ok()?;
    if !s.is_ascii() {
        return None;
    }
    let (year, rest) = match t.tag {
        tag::UTC_TIME => {
            let yy: i64 = digits(s.get(0..2)?)?;
            // RFC 5280 §4.1.2.5.1: YY ≥ 50 is 19YY, otherwise 20YY.
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, s.get(2..)?)
        }
        tag::GENERALIZED_TIME => (digits(s.get(0..4)?)?, s.get(4..)?),
        _ => return None,
    };
    let month = digits(rest.get(0..2)?)?;
    let day = digits(rest.get(2..4)?)?;
    let hour = digits(rest.get(4..6)?)?;
    let minute = digits(rest.get(6..8)?)?;
    let mut rest = rest.get(8..)?;
    let mut canonical = true;
    let second = match rest.get(0..2).and_then(digits) {
        Some(sec) => {
            rest = rest.get(2..)?;
            sec
        }
        None => {
            canonical = false;
            0
        }
    };
    if t.tag == tag::GENERALIZED_TIME
        && let Some(frac) = rest.strip_prefix('.')
    {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        canonical = false;
        rest = frac.get(n..)?;
    }
    let offset_secs: i64 = match rest {
        "Z" => 0,
        _ => {
            let (sign, hhmm) = match rest.split_at_checked(1)? {
                ("+", r) => (1, r),
                ("-", r) => (-1, r),
                _ => return None,
            };
            if hhmm.len() != 4 {
                return None;
            }
            canonical = false;
            let h: i64 = digits(hhmm.get(0..2)?)?;
            let m: i64 = digits(hhmm.get(2..4)?)?;
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
    };
    let local = Time::from_ymd_hms(year, month, day, hour, minute, second)?;
    if !canonical {
        out.push(Deviation::NonCanonicalTime {
            value: s.to_owned(),
        });
    }
    if t.tag == tag::GENERALIZED_TIME && year < 2050 {
        out.push(Deviation::GeneralizedTimeBefore2050 {
            value: s.to_owned(),
        });
    }
    Some(Time::from_unix(
        local.unix_seconds().checked_sub(offset_secs)?,
    ))
}

fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asn1::read_single;

    fn t(tag: u8, s: &str) -> (Option<Time>, Vec<Deviation>) {
        let mut der = vec![tag, s.len() as u8];
        der.extend_from_slice(s.as_bytes());
        let tlv = read_single(&der).unwrap();
        let mut d = Vec::new();
        (decode_time(&tlv, &mut d), d)
    }

    #[test]
    fn canonical_times() {
        assert_eq!(
            t(0x17, "300101000000Z").0,
            Some(Time::from_unix(1_893_456_000))
        );
        assert_eq!(
            t(0x17, "500101000000Z").0,
            Some(Time::from_unix(-631_152_000))
        );
        assert_eq!(
            t(0x18, "20500101000000Z"),
            (Some(Time::from_unix(2_524_608_000)), vec![])
        );
    }

    #[test]
    fn deviating_times() {
        let (time, d) = t(0x17, "3001010000Z");
        assert_eq!(time, Some(Time::from_unix(1_893_456_000)));
        assert_eq!(
            d,
            vec![Deviation::NonCanonicalTime {
                value: "3001010000Z".into()
            }]
        );
        let (time, _) = t(0x17, "300101010000+0100");
        assert_eq!(time, Some(Time::from_unix(1_893_456_000)));
        let (_, d) = t(0x18, "20300101000000Z");
        assert_eq!(
            d,
            vec![Deviation::GeneralizedTimeBefore2050 {
                value: "20300101000000Z".into()
            }]
        );
        assert_eq!(t(0x17, "301301000000Z").0, None);
        assert_eq!(t(0x17, "30010100000Z").0, None);
        assert_eq!(t(0x17, "300101000000").0, None);
    }
}
