//! Object identifiers.
//!
//! sigbridge has its own small OID type because the common crates refuse
//! valid OIDs that real and test certificates carry (e.g. `2.59.1`: a second
//! arc above 39 under joint-iso-itu-t, allowed by X.660 §A.3).

use std::fmt;

/// Maximum encoded length. X.509 OIDs in the wild are under 40 octets; UUID
/// OIDs (`2.25.<128-bit>`) need about 20.
const MAX_LEN: usize = 63;

/// An ASN.1 OBJECT IDENTIFIER, stored in its DER content encoding
/// (X.690 §8.19). `Copy`, comparable, hashable, printable as dotted decimal.
///
/// ```
/// use sigbridge::Oid;
/// const OGRN: Oid = Oid::new_unwrap("1.2.643.100.1");
/// assert_eq!(OGRN.to_string(), "1.2.643.100.1");
/// assert_eq!(Oid::from_bytes(OGRN.as_bytes()).unwrap(), OGRN);
/// assert_eq!("2.59.1".parse::<Oid>().unwrap().as_bytes(), &[0x81, 0x0b, 0x01]);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Oid {
    len: u8,
    bytes: [u8; MAX_LEN],
}

/// Why bytes or text are not an OID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a valid object identifier: {0}")]
pub struct OidError(&'static str);

impl Oid {
    /// Parses dotted decimal at compile time; for constants. Fails the build
    /// (or panics at run time) on malformed input: use [`str::parse`] for
    /// untrusted text.
    #[allow(clippy::panic)]
    pub const fn new_unwrap(dotted: &str) -> Oid {
        match Oid::from_dotted(dotted) {
            Ok(oid) => oid,
            Err(_) => panic!("malformed OID literal"),
        }
    }

    // `get()` is not available in const fns; every index below is preceded
    // by its bounds check (`i < b.len()`, `arc_index < 2`, and the length
    // check in `push_arc`).
    #[allow(clippy::indexing_slicing)]
    const fn from_dotted(s: &str) -> Result<Oid, OidError> {
        let b = s.as_bytes();
        let mut arcs = [0u128; 2];
        let mut out = Oid {
            len: 0,
            bytes: [0; MAX_LEN],
        };
        let mut i = 0;
        let mut arc_index = 0;
        while i <= b.len() {
            // Read one arc.
            let mut v: u128 = 0;
            let start = i;
            while i < b.len() && b[i] != b'.' {
                let c = b[i];
                if c < b'0' || c > b'9' {
                    return Err(OidError("non-digit in dotted form"));
                }
                v = match v.checked_mul(10) {
                    Some(x) => match x.checked_add((c - b'0') as u128) {
                        Some(y) => y,
                        None => return Err(OidError("arc too large")),
                    },
                    None => return Err(OidError("arc too large")),
                };
                i += 1;
            }
            if i == start {
                return Err(OidError("empty arc"));
            }
            i += 1; // skip the dot (or step past the end)
            if arc_index < 2 {
                arcs[arc_index] = v;
                if arc_index == 1 {
                    if arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39) {
                        return Err(OidError("first arcs out of range"));
                    }
                    let first = match (arcs[0] * 40).checked_add(arcs[1]) {
                        Some(f) => f,
                        None => return Err(OidError("arc too large")),
                    };
                    out = match push_arc(out, first) {
                        Ok(o) => o,
                        Err(e) => return Err(e),
                    };
                }
            } else {
                out = match push_arc(out, v) {
                    Ok(o) => o,
                    Err(e) => return Err(e),
                };
            }
            arc_index += 1;
        }
        if arc_index < 2 {
            return Err(OidError("fewer than two arcs"));
        }
        Ok(out)
    }

    /// From the content octets of a DER OBJECT IDENTIFIER.
    pub fn from_bytes(bytes: &[u8]) -> Result<Oid, OidError> {
        if bytes.is_empty() {
            return Err(OidError("empty"));
        }
        if bytes.len() > MAX_LEN {
            return Err(OidError("longer than 63 octets"));
        }
        if bytes.last().is_some_and(|b| b & 0x80 != 0) {
            return Err(OidError("truncated subidentifier"));
        }
        let mut at_start = true;
        for b in bytes {
            if at_start && *b == 0x80 {
                return Err(OidError("subidentifier with a leading 0x80 octet"));
            }
            at_start = b & 0x80 == 0;
        }
        let mut out = Oid {
            len: 0,
            bytes: [0; MAX_LEN],
        };
        out.bytes
            .get_mut(..bytes.len())
            .ok_or(OidError("longer than 63 octets"))?
            .copy_from_slice(bytes);
        out.len = u8::try_from(bytes.len()).map_err(|_| OidError("longer than 63 octets"))?;
        Ok(out)
    }

    /// The DER content octets.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }
}

// Bounds: the early return guarantees `len + groups <= MAX_LEN`.
#[allow(clippy::indexing_slicing)]
const fn push_arc(mut oid: Oid, v: u128) -> Result<Oid, OidError> {
    // Number of 7-bit groups.
    let mut groups = 1;
    let mut t = v >> 7;
    while t > 0 {
        groups += 1;
        t >>= 7;
    }
    if oid.len as usize + groups > MAX_LEN {
        return Err(OidError("longer than 63 octets"));
    }
    let mut g = groups;
    while g > 0 {
        g -= 1;
        let mut byte = ((v >> (7 * g)) & 0x7f) as u8;
        if g > 0 {
            byte |= 0x80;
        }
        oid.bytes[oid.len as usize] = byte;
        oid.len += 1;
    }
    Ok(oid)
}

impl std::str::FromStr for Oid {
    type Err = OidError;
    fn from_str(s: &str) -> Result<Oid, OidError> {
        Oid::from_dotted(s)
    }
}

/// An OID's dotted form in a stack buffer: formatting without allocation,
/// for matching OIDs against dotted literals on hot paths.
pub(crate) struct Dotted {
    buf: [u8; DOTTED_MAX],
    len: usize,
}

/// 63 content octets hold at most 441 bits: at most 63 arcs and 133 digits.
const DOTTED_MAX: usize = 256;

impl Dotted {
    /// The dotted text (an arc beyond 128 bits reads `<huge>`).
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(self.buf.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }

    fn push(&mut self, bytes: &[u8]) {
        for b in bytes {
            if let Some(slot) = self.buf.get_mut(self.len) {
                *slot = *b;
                self.len += 1;
            }
        }
    }

    fn push_arc(&mut self, arc: Option<u128>) {
        let Some(mut v) = arc else {
            self.push(b"<huge>");
            return;
        };
        let mut digits = [0u8; 40];
        let mut n = 0;
        loop {
            if let Some(d) = digits.get_mut(n) {
                *d = b'0' + (v % 10) as u8;
            }
            n += 1;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        for i in (0..n).rev() {
            if let Some(d) = digits.get(i) {
                self.push(&[*d]);
            }
        }
    }
}

impl Oid {
    /// The dotted form without allocating.
    pub(crate) fn dotted(&self) -> Dotted {
        let mut out = Dotted {
            buf: [0; DOTTED_MAX],
            len: 0,
        };
        let mut v: Option<u128> = Some(0);
        let mut first = true;
        for b in self.as_bytes() {
            v = v
                .and_then(|x| x.checked_mul(128))
                .map(|x| x | u128::from(b & 0x7f));
            if b & 0x80 == 0 {
                if first {
                    let (a, b) = match v {
                        Some(f) if f < 80 => (Some(f / 40), Some(f % 40)),
                        Some(f) => (Some(2), Some(f - 80)),
                        None => (Some(2), None),
                    };
                    out.push_arc(a);
                    out.push(b".");
                    out.push_arc(b);
                    first = false;
                } else {
                    out.push(b".");
                    out.push_arc(v);
                }
                v = Some(0);
            }
        }
        out
    }
}

impl fmt::Display for Oid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.dotted().as_str())
    }
}

impl fmt::Debug for Oid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Oid({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in [
            "1.2.840.113549.1.1.11",
            "2.5.4.3",
            "0.4.0.1862.1.6.1",
            "2.59.1",
            "2.999.3",
            "2.25.329800735698586629295641978511506172918",
            "1.2.643.100.113.1",
        ] {
            let oid: Oid = s.parse().unwrap();
            assert_eq!(oid.to_string(), s);
            assert_eq!(Oid::from_bytes(oid.as_bytes()).unwrap(), oid);
        }
        assert_eq!(
            Oid::new_unwrap("1.2.840.113549").as_bytes(),
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d]
        );
    }

    #[test]
    fn rejects_malformed() {
        assert!("1".parse::<Oid>().is_err());
        assert!("1.40".parse::<Oid>().is_err());
        assert!("3.1".parse::<Oid>().is_err());
        assert!("1..2".parse::<Oid>().is_err());
        assert!("1.2.".parse::<Oid>().is_err());
        assert!(Oid::from_bytes(&[]).is_err());
        assert!(Oid::from_bytes(&[0x2a, 0x86]).is_err());
        assert!(Oid::from_bytes(&[0x80, 0x01]).is_err());
        assert!(Oid::from_bytes(&[0x01; 64]).is_err());
    }
}
