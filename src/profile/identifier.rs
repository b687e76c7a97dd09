//! National identifiers and their check digits.
//!
//! Each algorithm cites its source; a value that fails its check is a
//! [`crate::ProfileFinding`], never an error or a panic.

use std::fmt;

/// The scheme an identifier belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IdentifierScheme {
    /// RU OGRN, 13 digits (legal entity state registration number).
    RuOgrn,
    /// RU OGRNIP, 15 digits (individual entrepreneur registration number).
    RuOgrnip,
    /// RU INN of a legal entity, 10 digits.
    RuInnLe,
    /// RU INN of a natural person, 12 digits.
    RuInn,
    /// RU SNILS, 11 digits (individual insurance account number).
    RuSnils,
    /// KZ IIN, 12 digits (individual identification number).
    KzIin,
    /// KZ BIN, 12 digits (business identification number).
    KzBin,
    /// CN unified social credit code, 18 characters (GB 32100-2015).
    CnUscc,
    /// CN resident identity card number, 18 characters (GB 11643-1999).
    CnResidentId,
    /// UZ taxpayer identification number (STIR), 9 digits.
    UzTin,
    /// UZ personal identification number (PINFL / JShShIR), 14 digits.
    UzPinfl,
    /// EU legal-person identifier from organizationIdentifier (ETSI EN 319
    /// 412-1 §5.1.4), by its three-letter type: `VAT`, `NTR`, `PSD`, `LEI`
    /// or a national scheme.
    EuLegal(String),
    /// EU natural-person identifier from serialNumber (ETSI EN 319 412-1
    /// §5.1.3), by its type: `PAS`, `IDC`, `PNO`, `TIN`.
    EuNatural(String),
    /// IN hashed PAN in serialNumber (CCA Interoperability Guidelines), hex SHA-256.
    InPanHash,
    /// PK computerised national identity card number (CNIC), 13 digits.
    PkCnic,
}

impl IdentifierScheme {
    /// Short label, e.g. `RU-OGRN`, `KZ-IIN`, `EU-VAT`.
    pub fn label(&self) -> String {
        match self {
            IdentifierScheme::RuOgrn => "RU-OGRN".into(),
            IdentifierScheme::RuOgrnip => "RU-OGRNIP".into(),
            IdentifierScheme::RuInnLe => "RU-INNLE".into(),
            IdentifierScheme::RuInn => "RU-INN".into(),
            IdentifierScheme::RuSnils => "RU-SNILS".into(),
            IdentifierScheme::KzIin => "KZ-IIN".into(),
            IdentifierScheme::KzBin => "KZ-BIN".into(),
            IdentifierScheme::CnUscc => "CN-USCC".into(),
            IdentifierScheme::CnResidentId => "CN-RID".into(),
            IdentifierScheme::UzTin => "UZ-TIN".into(),
            IdentifierScheme::UzPinfl => "UZ-PINFL".into(),
            IdentifierScheme::EuLegal(t) | IdentifierScheme::EuNatural(t) => format!("EU-{t}"),
            IdentifierScheme::InPanHash => "IN-PAN-SHA256".into(),
            IdentifierScheme::PkCnic => "PK-CNIC".into(),
        }
    }
}

impl fmt::Display for IdentifierScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// Result of checking an identifier's check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckDigit {
    /// The check digit is correct.
    Valid,
    /// The check digit is wrong (or the value is malformed for the scheme).
    Invalid,
    /// The scheme defines no public check digit (UZ TIN and PINFL, EU
    /// identifiers, IN PAN hash); the layout was checked.
    NotDefined,
}

/// A national identifier found in a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identifier {
    /// The scheme.
    pub scheme: IdentifierScheme,
    /// The identifier itself, normalised (prefixes such as `IIN` or `VATBE-` removed,
    /// legacy `00` padding of RU legal-entity INNs removed).
    pub value: String,
    /// The issuing country when the identifier names one (EU identifiers).
    pub country: Option<String>,
    /// The attribute value exactly as found in the certificate.
    pub raw: String,
    /// Check-digit status.
    pub check: CheckDigit,
}

impl Identifier {
    /// Builds an identifier and checks its check digit.
    pub(crate) fn new(scheme: IdentifierScheme, value: &str, raw: &str) -> Identifier {
        let check = check(&scheme, value);
        Identifier {
            scheme,
            value: value.to_owned(),
            country: None,
            raw: raw.to_owned(),
            check,
        }
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.scheme, self.value)
    }
}

fn check(scheme: &IdentifierScheme, v: &str) -> CheckDigit {
    let ok = match scheme {
        IdentifierScheme::RuOgrn => ogrn_valid(v),
        IdentifierScheme::RuOgrnip => ogrnip_valid(v),
        IdentifierScheme::RuInnLe => inn10_valid(v),
        IdentifierScheme::RuInn => inn12_valid(v),
        IdentifierScheme::RuSnils => snils_valid(v),
        IdentifierScheme::KzIin | IdentifierScheme::KzBin => kz_iin_bin_valid(v),
        IdentifierScheme::CnUscc => uscc_valid(v),
        IdentifierScheme::CnResidentId => cn_resident_id_valid(v),
        IdentifierScheme::UzPinfl => {
            // No published check-digit algorithm: the weights 7,3,1 used by
            // several open-source validators reject a real E-IMZO sample
            // (37357422485008), so only the layout is checked: 14 digits, the
            // first (century and sex) 1–6.
            if v.len() == 14
                && v.bytes().all(|b| b.is_ascii_digit())
                && matches!(v.as_bytes().first(), Some(b'1'..=b'6'))
            {
                return CheckDigit::NotDefined;
            }
            false
        }
        IdentifierScheme::PkCnic => v.len() == 13 && v.bytes().all(|b| b.is_ascii_digit()),
        IdentifierScheme::UzTin => {
            // No public check-digit algorithm; the format is 9 digits, first digit 2–7.
            if v.len() == 9
                && v.bytes().all(|b| b.is_ascii_digit())
                && matches!(v.as_bytes().first(), Some(b'2'..=b'7'))
            {
                return CheckDigit::NotDefined;
            }
            false
        }
        IdentifierScheme::InPanHash => {
            if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) {
                return CheckDigit::NotDefined;
            }
            false
        }
        IdentifierScheme::EuLegal(_) | IdentifierScheme::EuNatural(_) => {
            return CheckDigit::NotDefined;
        }
    };
    if ok {
        CheckDigit::Valid
    } else {
        CheckDigit::Invalid
    }
}

fn digits(s: &str, n: usize) -> Option<Vec<u32>> {
    if s.len() != n {
        return None;
    }
    s.chars().map(|c| c.to_digit(10)).collect()
}

fn weighted(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(a, b)| a * b).sum()
}

/// RU INN of a legal entity (10 digits): weights 2,4,10,3,5,9,4,6,8 over
/// the first nine digits, sum mod 11 mod 10 (Order of the Ministry of Taxes
/// No. BG-3-12/309, 2003).
pub fn inn10_valid(s: &str) -> bool {
    let Some(d) = digits(s, 10) else { return false };
    let (body, last) = d.split_at(9);
    weighted(body, &[2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10 == last.first().copied().unwrap_or(99)
}

/// RU INN of a natural person (12 digits): two check digits, weights
/// 7,2,4,10,3,5,9,4,6,8 and 3,7,2,4,10,3,5,9,4,6,8, each mod 11 mod 10.
pub fn inn12_valid(s: &str) -> bool {
    let Some(d) = digits(s, 12) else { return false };
    let c11 = weighted(&d, &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10;
    let c12 = weighted(&d, &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10;
    d.get(10) == Some(&c11) && d.get(11) == Some(&c12)
}

/// RU OGRN (13 digits): the first twelve as a number mod 11, then mod 10,
/// equals the last digit (Government Decree No. 438 of 19.06.2002).
pub fn ogrn_valid(s: &str) -> bool {
    mod_check(s, 13, 11)
}

/// RU OGRNIP (15 digits): the first fourteen as a number mod 13, then mod 10.
pub fn ogrnip_valid(s: &str) -> bool {
    mod_check(s, 15, 13)
}

fn mod_check(s: &str, len: usize, m: u64) -> bool {
    if digits(s, len).is_none() {
        return false;
    }
    let (body, last) = s.split_at(len - 1);
    let Ok(n) = body.parse::<u64>() else {
        return false;
    };
    let Ok(c) = last.parse::<u64>() else {
        return false;
    };
    n % m % 10 == c
}

/// RU SNILS (11 digits): Σ dᵢ·(9−i) over the first nine; < 100 → itself,
/// 100 or 101 → 00, otherwise mod 101 (100 → 00). Numbers up to
/// 001-001-998 carry no check (Pension Fund regulation on personal accounts).
pub fn snils_valid(s: &str) -> bool {
    let Some(d) = digits(s, 11) else { return false };
    let body = d.get(..9).unwrap_or_default();
    let number: u64 = body.iter().fold(0, |acc, x| acc * 10 + u64::from(*x));
    if number <= 1_001_998 {
        return true;
    }
    let sum: u32 = body.iter().zip((1..=9).rev()).map(|(a, w)| a * w).sum();
    let c = match sum {
        0..=99 => sum,
        100 | 101 => 0,
        _ => {
            let r = sum % 101;
            if r == 100 { 0 } else { r }
        }
    };
    let given = d.get(9).copied().unwrap_or(99) * 10 + d.get(10).copied().unwrap_or(99);
    c == given
}

/// KZ IIN / BIN (12 digits): Σ dᵢ·i (i = 1..11) mod 11; if 10, weights
/// 3..11,1,2; if 10 again the number is invalid (Law of the RK "On National
/// Registers of Identification Numbers" No. 223-III, 2007; NCA RK practice).
pub fn kz_iin_bin_valid(s: &str) -> bool {
    let Some(d) = digits(s, 12) else { return false };
    let body = d.get(..11).unwrap_or_default();
    let mut c = weighted(body, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
    if c == 10 {
        c = weighted(body, &[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
        if c == 10 {
            return false;
        }
    }
    d.get(11) == Some(&c)
}

/// CN unified social credit code (GB 32100-2015 §4): 18 characters over
/// `0-9A-HJ-NPQRTUWXY`, weights 3^(i-1) mod 31, check = 31 − (Σ mod 31), 31 → 0.
pub fn uscc_valid(s: &str) -> bool {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const W: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    if s.len() != 18 {
        return false;
    }
    let vals: Option<Vec<u32>> = s
        .bytes()
        .map(|c| {
            ALPHABET
                .iter()
                .position(|a| *a == c)
                .and_then(|p| u32::try_from(p).ok())
        })
        .collect();
    let Some(vals) = vals else { return false };
    let sum = weighted(vals.get(..17).unwrap_or_default(), &W);
    let c = (31 - sum % 31) % 31;
    vals.get(17) == Some(&c)
}

/// CN resident identity number (GB 11643-1999): ISO 7064 MOD 11-2 over 17
/// digits, check character `10X98765432`[Σ mod 11].
pub fn cn_resident_id_valid(s: &str) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8] = b"10X98765432";
    if s.len() != 18 {
        return false;
    }
    let Some(body) = digits(s.get(..17).unwrap_or_default(), 17) else {
        return false;
    };
    let idx = usize::try_from(weighted(&body, &W) % 11).unwrap_or(0);
    CHECK.get(idx).copied() == s.as_bytes().get(17).map(u8::to_ascii_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ru_identifiers() {
        assert!(inn10_valid("7710474375"));
        assert!(!inn10_valid("7710474376"));
        assert!(inn12_valid("500100732259"));
        assert!(!inn12_valid("500100732258"));
        assert!(ogrn_valid("1047702026701"));
        assert!(!ogrn_valid("1047702026702"));
        assert!(ogrnip_valid("304500116000157"));
        assert!(!ogrnip_valid("304500116000158"));
        assert!(snils_valid("11223344595"));
        assert!(!snils_valid("11223344594"));
        assert!(!snils_valid("1122334459"));
    }

    #[test]
    fn kz_cn_uz_identifiers() {
        assert!(kz_iin_bin_valid("900101300126"));
        assert!(kz_iin_bin_valid("900101300811")); // needs the second pass
        assert!(!kz_iin_bin_valid("900101300127"));
        assert!(!kz_iin_bin_valid("123456789011"));
        assert!(uscc_valid("91350100M000100Y43"));
        assert!(!uscc_valid("91350100M000100Y44"));
        assert!(!uscc_valid("91350100M000100Y4I"));
        assert!(cn_resident_id_valid("11010519491231002X"));
        assert!(!cn_resident_id_valid("110105194912310021"));
        assert_eq!(
            Identifier::new(IdentifierScheme::UzPinfl, "37357422485008", "").check,
            CheckDigit::NotDefined
        );
        assert_eq!(
            Identifier::new(IdentifierScheme::UzPinfl, "97357422485008", "").check,
            CheckDigit::Invalid
        );
    }

    #[test]
    fn check_statuses() {
        assert_eq!(
            Identifier::new(IdentifierScheme::UzTin, "301234567", "301234567").check,
            CheckDigit::NotDefined
        );
        assert_eq!(
            Identifier::new(IdentifierScheme::UzTin, "12", "12").check,
            CheckDigit::Invalid
        );
        assert_eq!(
            Identifier::new(IdentifierScheme::RuOgrn, "abc", "abc").check,
            CheckDigit::Invalid
        );
    }
}
