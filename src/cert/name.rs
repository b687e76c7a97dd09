//! Distinguished names with typed attributes, national attribute OIDs
//! included, and RFC 5280 §7.1 comparison.

use std::fmt;

use crate::Oid;
use crate::asn1::{self, Asn1Error, Reader, tag};
use crate::cert::Deviation;

/// The type of a name attribute. National attributes (RU, UZ) are named so
/// that profiles can read them without OID tables of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AttributeType {
    /// commonName (2.5.4.3).
    CommonName,
    /// surname (2.5.4.4).
    Surname,
    /// serialNumber (2.5.4.5): a national identity or registration number.
    SerialNumber,
    /// countryName (2.5.4.6).
    Country,
    /// localityName (2.5.4.7).
    Locality,
    /// stateOrProvinceName (2.5.4.8).
    State,
    /// streetAddress (2.5.4.9).
    Street,
    /// organizationName (2.5.4.10).
    Organization,
    /// organizationalUnitName (2.5.4.11).
    OrganizationalUnit,
    /// title (2.5.4.12).
    Title,
    /// description (2.5.4.13).
    Description,
    /// businessCategory (2.5.4.15).
    BusinessCategory,
    /// postalAddress (2.5.4.16).
    PostalAddress,
    /// postalCode (2.5.4.17).
    PostalCode,
    /// telephoneNumber (2.5.4.20).
    TelephoneNumber,
    /// name (2.5.4.41).
    Name,
    /// givenName (2.5.4.42).
    GivenName,
    /// initials (2.5.4.43).
    Initials,
    /// generationQualifier (2.5.4.44).
    GenerationQualifier,
    /// x500UniqueIdentifier (2.5.4.45).
    UniqueIdentifier,
    /// dnQualifier (2.5.4.46).
    DnQualifier,
    /// pseudonym (2.5.4.65).
    Pseudonym,
    /// organizationIdentifier (2.5.4.97; ETSI EN 319 412-1 §5.1.4 semantics).
    OrganizationIdentifier,
    /// emailAddress (PKCS#9, 1.2.840.113549.1.9.1).
    EmailAddress,
    /// unstructuredName (PKCS#9, 1.2.840.113549.1.9.2).
    UnstructuredName,
    /// domainComponent (RFC 4519, 0.9.2342.19200300.100.1.25).
    DomainComponent,
    /// userId (RFC 4519, 0.9.2342.19200300.100.1.1).
    UserId,
    /// RU OGRN, primary state registration number of a legal entity (1.2.643.100.1; FSB order 795 §19).
    RuOgrn,
    /// RU SNILS, individual insurance account number (1.2.643.100.3).
    RuSnils,
    /// RU INN of a legal entity (1.2.643.100.4; FSB order 795 as amended 2020).
    RuInnLe,
    /// RU OGRNIP, registration number of an individual entrepreneur (1.2.643.100.5).
    RuOgrnip,
    /// RU INN, taxpayer number (of a person; historically also of legal entities) (1.2.643.3.131.1.1).
    RuInn,
    /// UZ taxpayer identification number (1.2.860.3.16.1.1).
    UzTin,
    /// UZ personal identification number of an individual (1.2.860.3.16.1.2).
    UzPinfl,
    /// Any other attribute, by OID.
    Other(Oid),
}

const ATTRIBUTES: &[(&str, AttributeType, &str)] = &[
    ("2.5.4.3", AttributeType::CommonName, "CN"),
    ("2.5.4.4", AttributeType::Surname, "SN"),
    ("2.5.4.5", AttributeType::SerialNumber, "serialNumber"),
    ("2.5.4.6", AttributeType::Country, "C"),
    ("2.5.4.7", AttributeType::Locality, "L"),
    ("2.5.4.8", AttributeType::State, "ST"),
    ("2.5.4.9", AttributeType::Street, "street"),
    ("2.5.4.10", AttributeType::Organization, "O"),
    ("2.5.4.11", AttributeType::OrganizationalUnit, "OU"),
    ("2.5.4.12", AttributeType::Title, "title"),
    ("2.5.4.13", AttributeType::Description, "description"),
    (
        "2.5.4.15",
        AttributeType::BusinessCategory,
        "businessCategory",
    ),
    ("2.5.4.16", AttributeType::PostalAddress, "postalAddress"),
    ("2.5.4.17", AttributeType::PostalCode, "postalCode"),
    (
        "2.5.4.20",
        AttributeType::TelephoneNumber,
        "telephoneNumber",
    ),
    ("2.5.4.41", AttributeType::Name, "name"),
    ("2.5.4.42", AttributeType::GivenName, "GN"),
    ("2.5.4.43", AttributeType::Initials, "initials"),
    (
        "2.5.4.44",
        AttributeType::GenerationQualifier,
        "generationQualifier",
    ),
    (
        "2.5.4.45",
        AttributeType::UniqueIdentifier,
        "x500UniqueIdentifier",
    ),
    ("2.5.4.46", AttributeType::DnQualifier, "dnQualifier"),
    ("2.5.4.65", AttributeType::Pseudonym, "pseudonym"),
    (
        "2.5.4.97",
        AttributeType::OrganizationIdentifier,
        "organizationIdentifier",
    ),
    (
        "1.2.840.113549.1.9.1",
        AttributeType::EmailAddress,
        "emailAddress",
    ),
    (
        "1.2.840.113549.1.9.2",
        AttributeType::UnstructuredName,
        "unstructuredName",
    ),
    (
        "0.9.2342.19200300.100.1.25",
        AttributeType::DomainComponent,
        "DC",
    ),
    ("0.9.2342.19200300.100.1.1", AttributeType::UserId, "UID"),
    ("1.2.643.100.1", AttributeType::RuOgrn, "OGRN"),
    ("1.2.643.100.3", AttributeType::RuSnils, "SNILS"),
    ("1.2.643.100.4", AttributeType::RuInnLe, "INNLE"),
    ("1.2.643.100.5", AttributeType::RuOgrnip, "OGRNIP"),
    ("1.2.643.3.131.1.1", AttributeType::RuInn, "INN"),
    ("1.2.860.3.16.1.1", AttributeType::UzTin, "UZ-TIN"),
    ("1.2.860.3.16.1.2", AttributeType::UzPinfl, "UZ-PINFL"),
];

impl AttributeType {
    /// The type for an attribute OID (unknown OIDs become [`AttributeType::Other`]).
    pub fn from_oid(oid: &Oid) -> AttributeType {
        let dotted = oid.dotted();
        let s = dotted.as_str();
        ATTRIBUTES
            .iter()
            .find(|(o, _, _)| *o == s)
            .map(|(_, t, _)| *t)
            .unwrap_or(AttributeType::Other(*oid))
    }

    /// Short label as used in printed names, e.g. `CN`, `OGRN`; the dotted OID for unknown types.
    pub fn label(&self) -> String {
        match self {
            AttributeType::Other(oid) => oid.to_string(),
            known => ATTRIBUTES
                .iter()
                .find(|(_, t, _)| t == known)
                .map(|(_, _, l)| (*l).to_owned())
                .unwrap_or_default(),
        }
    }

    /// Whether RFC 5280 §4.1.2.4 types this attribute as a DirectoryString
    /// (for which TeletexString / BMPString / UniversalString are legacy choices).
    fn is_directory_string(&self) -> bool {
        !matches!(
            self,
            AttributeType::Country
                | AttributeType::EmailAddress
                | AttributeType::DomainComponent
                | AttributeType::DnQualifier
                | AttributeType::SerialNumber
                | AttributeType::RuOgrn
                | AttributeType::RuSnils
                | AttributeType::RuInnLe
                | AttributeType::RuOgrnip
                | AttributeType::RuInn
                | AttributeType::Other(_)
        )
    }
}

impl fmt::Display for AttributeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// The ASN.1 string type an attribute value was encoded with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StringType {
    /// UTF8String.
    Utf8,
    /// PrintableString.
    Printable,
    /// TeletexString (T61String), read as ISO 8859-1.
    Teletex,
    /// BMPString (UCS-2 / UTF-16BE).
    Bmp,
    /// UniversalString (UCS-4).
    Universal,
    /// IA5String.
    Ia5,
    /// NumericString.
    Numeric,
    /// VisibleString.
    Visible,
    /// Any other tag (not a character string).
    Other(u8),
}

impl StringType {
    /// The universal tag of this string type.
    pub fn tag(&self) -> u8 {
        match self {
            StringType::Utf8 => tag::UTF8_STRING,
            StringType::Printable => tag::PRINTABLE_STRING,
            StringType::Teletex => tag::TELETEX_STRING,
            StringType::Bmp => tag::BMP_STRING,
            StringType::Universal => tag::UNIVERSAL_STRING,
            StringType::Ia5 => tag::IA5_STRING,
            StringType::Numeric => tag::NUMERIC_STRING,
            StringType::Visible => tag::VISIBLE_STRING,
            StringType::Other(t) => *t,
        }
    }

    pub(crate) fn from_tag(t: u8) -> StringType {
        match t {
            tag::UTF8_STRING => StringType::Utf8,
            tag::PRINTABLE_STRING => StringType::Printable,
            tag::TELETEX_STRING => StringType::Teletex,
            tag::BMP_STRING => StringType::Bmp,
            tag::UNIVERSAL_STRING => StringType::Universal,
            tag::IA5_STRING => StringType::Ia5,
            tag::NUMERIC_STRING => StringType::Numeric,
            tag::VISIBLE_STRING => StringType::Visible,
            other => StringType::Other(other),
        }
    }
}

/// One attribute of a name: its type and value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Attribute {
    /// The attribute OID.
    pub oid: Oid,
    /// The typed attribute.
    pub attr_type: AttributeType,
    /// The string type used to encode the value.
    pub string_type: StringType,
    /// The value decoded as text, `None` when it is not a character string or
    /// its bytes are invalid for the type.
    pub text: Option<String>,
    /// The contents octets of the value, as encoded.
    pub raw_value: Vec<u8>,
}

impl Attribute {
    /// The value as text, or a hex dump of the raw value when it is not text.
    pub fn value_lossy(&self) -> String {
        match &self.text {
            Some(t) => t.clone(),
            None => format!(
                "#{}",
                self.raw_value
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>()
            ),
        }
    }
}

/// A relative distinguished name: one or more attributes (usually one).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rdn {
    /// The attributes of this RDN, in encoded order.
    pub attributes: Vec<Attribute>,
}

/// A distinguished name (RFC 5280 §4.1.2.4), in encoded order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DistinguishedName {
    rdns: Vec<Rdn>,
    raw: Vec<u8>,
}

impl DistinguishedName {
    /// Parses a DER `Name`, recording tolerable deviations in `deviations`.
    pub(crate) fn parse(
        der: &[u8],
        deviations: &mut Vec<Deviation>,
    ) -> Result<DistinguishedName, Asn1Error> {
        let seq = asn1::read_single_tag(der, tag::SEQUENCE)?;
        let mut rdns = Vec::new();
        let mut r = seq.reader();
        while !r.is_empty() {
            let set = r.read_tag(tag::SET)?;
            let mut sr = set.reader();
            let mut attributes = Vec::new();
            while !sr.is_empty() {
                attributes.push(parse_attribute(&mut sr, deviations)?);
            }
            if attributes.is_empty() {
                return Err(Asn1Error::BadValue("RelativeDistinguishedName (empty SET)"));
            }
            rdns.push(Rdn { attributes });
        }
        Ok(DistinguishedName {
            rdns,
            raw: der.to_vec(),
        })
    }

    /// The RDNs in encoded order.
    pub fn rdns(&self) -> &[Rdn] {
        &self.rdns
    }

    /// All attributes in encoded order.
    pub fn attributes(&self) -> impl Iterator<Item = &Attribute> {
        self.rdns.iter().flat_map(|r| r.attributes.iter())
    }

    /// The text of every attribute of type `t`, in encoded order.
    pub fn all(&self, t: AttributeType) -> impl Iterator<Item = &str> {
        self.attributes()
            .filter(move |a| a.attr_type == t)
            .filter_map(|a| a.text.as_deref())
    }

    /// The text of the first attribute of type `t`.
    pub fn get(&self, t: AttributeType) -> Option<&str> {
        self.all(t).next()
    }

    /// The first commonName.
    pub fn common_name(&self) -> Option<&str> {
        self.get(AttributeType::CommonName)
    }

    /// The first countryName.
    pub fn country(&self) -> Option<&str> {
        self.get(AttributeType::Country)
    }

    /// The first organizationName.
    pub fn organization(&self) -> Option<&str> {
        self.get(AttributeType::Organization)
    }

    /// Whether the name has no RDNs.
    pub fn is_empty(&self) -> bool {
        self.rdns.is_empty()
    }

    /// The DER encoding of the name, as it appeared in the certificate.
    pub fn raw_der(&self) -> &[u8] {
        &self.raw
    }

    /// A key equal for names that [`DistinguishedName::matches`] calls equal
    /// (used to index certificates by subject).
    pub fn match_key(&self) -> String {
        let mut out = String::new();
        for rdn in &self.rdns {
            let mut parts: Vec<String> = rdn
                .attributes
                .iter()
                .map(|a| match &a.text {
                    Some(t) => format!("{}={}", a.oid, prepare(t)),
                    None => format!(
                        "{}=#{:?}{}",
                        a.oid,
                        a.string_type,
                        crate::cert::hex(&a.raw_value)
                    ),
                })
                .collect();
            parts.sort();
            out.push_str(&parts.join("+"));
            out.push('/');
        }
        out
    }

    /// This name with one more RDN appended (how a distribution point named
    /// relative to the CRL issuer becomes a full name, RFC 5280 §4.2.1.13).
    pub fn with_rdn(&self, rdn: &Rdn) -> DistinguishedName {
        let mut set = Vec::new();
        for a in &rdn.attributes {
            let mut atv = vec![tag::OID];
            atv.extend(crate::cert::extension::der_length(a.oid.as_bytes().len()));
            atv.extend_from_slice(a.oid.as_bytes());
            atv.push(a.string_type.tag());
            atv.extend(crate::cert::extension::der_length(a.raw_value.len()));
            atv.extend_from_slice(&a.raw_value);
            set.push(tag::SEQUENCE);
            set.extend(crate::cert::extension::der_length(atv.len()));
            set.extend(atv);
        }
        let mut contents = asn1::read_single(&self.raw)
            .map(|t| t.value.to_vec())
            .unwrap_or_default();
        contents.push(tag::SET);
        contents.extend(crate::cert::extension::der_length(set.len()));
        contents.extend(set);
        let mut raw = vec![tag::SEQUENCE];
        raw.extend(crate::cert::extension::der_length(contents.len()));
        raw.extend(contents);
        let mut rdns = self.rdns.clone();
        rdns.push(rdn.clone());
        DistinguishedName { rdns, raw }
    }

    /// Whether `self` lies within the subtree rooted at `base` (RFC 5280
    /// §4.2.1.10 directoryName constraints: `base`'s RDNs are a prefix of
    /// `self`'s, compared per §7.1).
    pub fn within(&self, base: &DistinguishedName) -> bool {
        base.rdns.len() <= self.rdns.len()
            && base
                .rdns
                .iter()
                .zip(&self.rdns)
                .all(|(a, b)| rdn_matches(a, b))
    }

    /// Name comparison per RFC 5280 §7.1: same number of RDNs, each RDN
    /// matching as a set, attributes of the same type whose values are equal
    /// after RFC 4518 preparation (case folding, insignificant space
    /// handling). Values that are not text are compared byte for byte.
    /// Unicode normalisation (NFKC) is not applied.
    ///
    /// ```
    /// # use sigbridge::Certificate;
    /// # let pem = std::fs::read("testdata/pki/kz/chain-ceo.pem").unwrap();
    /// # let certs = sigbridge::load_certificates(&pem).unwrap();
    /// let (leaf, ca) = (&certs[0], &certs[1]);
    /// assert!(leaf.issuer().matches(ca.subject()));
    /// ```
    pub fn matches(&self, other: &DistinguishedName) -> bool {
        if self.raw == other.raw {
            return true;
        }
        self.rdns.len() == other.rdns.len()
            && self
                .rdns
                .iter()
                .zip(&other.rdns)
                .all(|(a, b)| rdn_matches(a, b))
    }
}

impl fmt::Display for DistinguishedName {
    /// `TYPE=value` pairs in encoded order, separated by `, ` (`+` inside a
    /// multi-valued RDN), like OpenSSL's one-line form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, rdn) in self.rdns.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            for (j, a) in rdn.attributes.iter().enumerate() {
                if j > 0 {
                    f.write_str(" + ")?;
                }
                write!(f, "{}={}", a.attr_type, a.value_lossy())?;
            }
        }
        Ok(())
    }
}

fn rdn_matches(a: &Rdn, b: &Rdn) -> bool {
    if a.attributes.len() != b.attributes.len() {
        return false;
    }
    let mut used = vec![false; b.attributes.len()];
    for x in &a.attributes {
        let found = b
            .attributes
            .iter()
            .enumerate()
            .find(|(i, y)| !used.get(*i).copied().unwrap_or(true) && attribute_matches(x, y));
        match found {
            Some((i, _)) => {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
            }
            None => return false,
        }
    }
    true
}

fn attribute_matches(x: &Attribute, y: &Attribute) -> bool {
    if x.oid != y.oid {
        return false;
    }
    match (&x.text, &y.text) {
        (Some(a), Some(b)) => prepare(a) == prepare(b),
        _ => x.string_type == y.string_type && x.raw_value == y.raw_value,
    }
}

/// RFC 4518 string preparation, reduced to what §7.1 requires in practice:
/// case folding and insignificant-space handling (§2.6.1: leading and
/// trailing spaces dropped, inner runs collapsed to one).
fn prepare(s: &str) -> String {
    let lower = s.to_lowercase();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parse_attribute(
    r: &mut Reader<'_>,
    deviations: &mut Vec<Deviation>,
) -> Result<Attribute, Asn1Error> {
    let atv = r.read_tag(tag::SEQUENCE)?;
    let mut ar = atv.reader();
    let oid = asn1::read_oid(&mut ar)?;
    let value = ar.read()?;
    ar.finish()?;
    let attr_type = AttributeType::from_oid(&oid);
    let string_type = StringType::from_tag(value.tag);
    let text = asn1::decode_string(value.tag, value.value);
    match string_type {
        StringType::Teletex | StringType::Bmp | StringType::Universal
            if attr_type.is_directory_string() || attr_type == AttributeType::Country =>
        {
            deviations.push(Deviation::LegacyStringType {
                attribute: attr_type.label(),
                string_type,
            });
        }
        StringType::Printable | StringType::Ia5 | StringType::Numeric | StringType::Visible
            if !asn1::in_repertoire(value.tag, value.value) =>
        {
            deviations.push(Deviation::StringCharset {
                attribute: attr_type.label(),
                string_type,
            });
        }
        _ => {}
    }
    if attr_type == AttributeType::Country {
        // X.520 / RFC 5280 Appendix A: PrintableString (SIZE (2)), ISO 3166-1 alpha-2.
        let v = value.value;
        if v.len() == 2 && v.iter().all(u8::is_ascii_uppercase) {
        } else if v.len() == 2 && v.iter().all(u8::is_ascii_alphabetic) {
            deviations.push(Deviation::LowercaseCountry {
                value: text.clone().unwrap_or_default(),
            });
        } else {
            deviations.push(Deviation::InvalidCountryCode {
                value: text.clone().unwrap_or_default(),
            });
        }
    }
    Ok(Attribute {
        oid,
        attr_type,
        string_type,
        text,
        raw_value: value.value.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(parts: &[(&str, u8, &[u8])]) -> Vec<u8> {
        let mut seq = Vec::new();
        for (oid, t, v) in parts {
            let oid = Oid::new_unwrap(oid);
            let ob = oid.as_bytes();
            let mut atv = vec![0x06, ob.len() as u8];
            atv.extend_from_slice(ob);
            atv.push(*t);
            atv.push(v.len() as u8);
            atv.extend_from_slice(v);
            let mut a = vec![0x30, atv.len() as u8];
            a.extend(atv);
            let mut set = vec![0x31, a.len() as u8];
            set.extend(a);
            seq.extend(set);
        }
        let mut out = vec![0x30, seq.len() as u8];
        out.extend(seq);
        out
    }

    #[test]
    fn compares_case_and_space_insensitively() {
        let mut d = Vec::new();
        let a = DistinguishedName::parse(
            &name(&[("2.5.4.6", 0x13, b"KZ"), ("2.5.4.3", 0x0c, b"Test  CA")]),
            &mut d,
        )
        .unwrap();
        let b = DistinguishedName::parse(
            &name(&[("2.5.4.6", 0x13, b"KZ"), ("2.5.4.3", 0x13, b" test ca ")]),
            &mut d,
        )
        .unwrap();
        let c = DistinguishedName::parse(&name(&[("2.5.4.3", 0x0c, b"Test CA")]), &mut d).unwrap();
        assert!(a.matches(&b));
        assert!(!a.matches(&c));
        assert!(d.is_empty());
        assert_eq!(a.to_string(), "C=KZ, CN=Test  CA");
    }

    #[test]
    fn records_name_deviations() {
        let mut d = Vec::new();
        let n = DistinguishedName::parse(
            &name(&[
                ("2.5.4.6", 0x13, b"si"),
                ("2.5.4.3", 0x14, b"T61"),
                ("2.5.4.10", 0x13, b"a@b"),
                ("1.2.643.100.1", 0x12, b"1027700132195"),
            ]),
            &mut d,
        )
        .unwrap();
        assert_eq!(n.get(AttributeType::RuOgrn), Some("1027700132195"));
        assert_eq!(
            d,
            vec![
                Deviation::LowercaseCountry { value: "si".into() },
                Deviation::LegacyStringType {
                    attribute: "CN".into(),
                    string_type: StringType::Teletex
                },
                Deviation::StringCharset {
                    attribute: "O".into(),
                    string_type: StringType::Printable,
                },
            ]
        );
    }
}
