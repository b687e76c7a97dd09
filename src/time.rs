//! Points in time. The library never reads the clock: every check that
//! depends on time takes a [`Time`] from the caller.

use std::fmt;

/// A point in time, as whole seconds since 1970-01-01T00:00:00Z (UTC).
///
/// ```
/// use sigbridge::Time;
/// let t = Time::from_ymd_hms(2030, 1, 1, 0, 0, 0).unwrap();
/// assert_eq!(t.unix_seconds(), 1_893_456_000);
/// assert_eq!(t.to_string(), "2030-01-01T00:00:00Z");
/// assert_eq!("2030-01-01T00:00:00Z".parse::<Time>().unwrap(), t);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(i64);

impl Time {
    /// From seconds since the Unix epoch.
    pub const fn from_unix(seconds: i64) -> Time {
        Time(seconds)
    }

    /// Seconds since the Unix epoch.
    pub const fn unix_seconds(&self) -> i64 {
        self.0
    }

    /// From a proleptic Gregorian UTC date and time; `None` if a field is out of range.
    pub fn from_ymd_hms(year: i64, month: u32, day: u32, h: u32, m: u32, s: u32) -> Option<Time> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if h > 23 || m > 59 || s > 59 {
            return None;
        }
        let days = days_from_civil(year, month, day);
        let secs = days
            .checked_mul(86_400)?
            .checked_add(i64::from(h * 3600 + m * 60 + s))?;
        Some(Time(secs))
    }

    /// The UTC calendar fields `(year, month, day, hour, minute, second)`.
    pub fn to_ymd_hms(&self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, mo, d) = civil_from_days(days);
        // rem_euclid keeps secs in 0..86400, so these fit.
        let secs = u32::try_from(secs).unwrap_or(0);
        (y, mo, d, secs / 3600, secs % 3600 / 60, secs % 60)
    }
}

/// Error returned when a string is not an RFC 3339 UTC time (`YYYY-MM-DDThh:mm:ssZ`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a UTC time of the form YYYY-MM-DDThh:mm:ssZ")]
pub struct TimeParseError(pub String);

impl std::str::FromStr for Time {
    type Err = TimeParseError;

    fn from_str(s: &str) -> Result<Time, TimeParseError> {
        let err = || TimeParseError(s.to_owned());
        let b = s.as_bytes();
        if b.len() != 20
            || b.get(4) != Some(&b'-')
            || b.get(7) != Some(&b'-')
            || b.get(10) != Some(&b'T')
            || b.get(13) != Some(&b':')
            || b.get(16) != Some(&b':')
            || b.get(19) != Some(&b'Z')
        {
            return Err(err());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, TimeParseError> {
            let part = s.get(r).ok_or_else(err)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(err());
            }
            part.parse().map_err(|_| err())
        };
        Time::from_ymd_hms(
            i64::from(num(0..4)?),
            num(5..7)?,
            num(8..10)?,
            num(11..13)?,
            num(14..16)?,
            num(17..19)?,
        )
        .ok_or_else(err)
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, mo, d, h, mi, s) = self.to_ymd_hms();
        write!(f, "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }
}

pub(crate) fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub(crate) fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_calendar() {
        for t in [
            -86_400_i64 * 365 * 100,
            0,
            951_782_400, // 2000-02-29
            1_893_456_000,
            86_400 * 365 * 2800,
        ] {
            let (y, mo, d, h, mi, s) = Time(t).to_ymd_hms();
            assert_eq!(Time::from_ymd_hms(y, mo, d, h, mi, s), Some(Time(t)));
        }
        assert_eq!(
            Time::from_ymd_hms(2000, 2, 29, 0, 0, 0),
            Some(Time(951_782_400))
        );
        assert_eq!(Time::from_ymd_hms(1900, 2, 29, 0, 0, 0), None);
        assert!("2030-13-01T00:00:00Z".parse::<Time>().is_err());
        assert!("2030-01-01 00:00:00Z".parse::<Time>().is_err());
    }
}
