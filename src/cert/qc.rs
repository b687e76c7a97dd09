//! ETSI EN 319 412-5 qualified-certificate statements (and the RFC 3739
//! semantics statement they travel with).

use crate::Oid;
use crate::asn1::{self, Reader, tag};

/// OIDs of ETSI EN 319 412-5 §4 and RFC 3739 §3.2.6.
pub(crate) mod oid {
    use crate::Oid;
    pub const QC_COMPLIANCE: Oid = Oid::new_unwrap("0.4.0.1862.1.1");
    pub const QC_LIMIT_VALUE: Oid = Oid::new_unwrap("0.4.0.1862.1.2");
    pub const QC_RETENTION_PERIOD: Oid = Oid::new_unwrap("0.4.0.1862.1.3");
    pub const QC_SSCD: Oid = Oid::new_unwrap("0.4.0.1862.1.4");
    pub const QC_PDS: Oid = Oid::new_unwrap("0.4.0.1862.1.5");
    pub const QC_TYPE: Oid = Oid::new_unwrap("0.4.0.1862.1.6");
    pub const QC_CC_LEGISLATION: Oid = Oid::new_unwrap("0.4.0.1862.1.7");
    pub const QCT_ESIGN: Oid = Oid::new_unwrap("0.4.0.1862.1.6.1");
    pub const QCT_ESEAL: Oid = Oid::new_unwrap("0.4.0.1862.1.6.2");
    pub const QCT_WEB: Oid = Oid::new_unwrap("0.4.0.1862.1.6.3");
    pub const PKIX_QC_SYNTAX_V1: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.11.1");
    pub const PKIX_QC_SYNTAX_V2: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.11.2");
}

/// The type of a qualified certificate (EN 319 412-5 §4.2.3, QcType).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QcType {
    /// id-etsi-qct-esign: certificate for electronic signatures.
    ESign,
    /// id-etsi-qct-eseal: certificate for electronic seals.
    ESeal,
    /// id-etsi-qct-web: certificate for website authentication.
    Web,
    /// Another type OID.
    Other(Oid),
}

/// A PKI disclosure statement location (EN 319 412-5 §4.3.4, QcPDS).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PdsLocation {
    /// The URL of the PDS.
    pub url: String,
    /// ISO 639-1 language code.
    pub language: String,
}

/// One QC statement.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QcStatement {
    /// QcCompliance: an EU qualified certificate (EN 319 412-5 §4.2.1).
    Compliance,
    /// QcSSCD: the private key is in a qualified signature/seal creation device (§4.2.2).
    Sscd,
    /// QcType (§4.2.3).
    Type(Vec<QcType>),
    /// QcCClegislation: qualified under the law of these non-EU countries (§4.2.4).
    CcLegislation(Vec<String>),
    /// QcLimitValue (§4.3.2).
    LimitValue {
        /// ISO 4217 currency, alphabetic or numeric, as text.
        currency: String,
        /// Amount.
        amount: u64,
        /// Exponent (value = amount × 10^exponent).
        exponent: i64,
    },
    /// QcRetentionPeriod in years (§4.3.3).
    RetentionPeriod(u64),
    /// QcPDS (§4.3.4).
    Pds(Vec<PdsLocation>),
    /// RFC 3739 semantics information (id-qcs-pkixQCSyntax-v1/v2) with the
    /// semantics identifier (EN 319 412-1 §5.1: natural / legal person).
    Semantics {
        /// The semanticsIdentifier, when present.
        identifier: Option<Oid>,
    },
    /// Any other statement, by OID.
    Other {
        /// The statement OID.
        oid: Oid,
    },
}

/// The qcStatements extension (RFC 3739 §3.2.6; EN 319 412-5 §4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct QcStatements {
    /// The statements, in encoded order.
    pub statements: Vec<QcStatement>,
}

impl QcStatements {
    /// Whether QcCompliance is present.
    pub fn compliance(&self) -> bool {
        self.statements.contains(&QcStatement::Compliance)
    }

    /// Whether QcSSCD is present.
    pub fn sscd(&self) -> bool {
        self.statements.contains(&QcStatement::Sscd)
    }

    /// The QcType entries (empty when absent; EN 319 412-5 §4.2.3 then implies esign).
    pub fn types(&self) -> Vec<QcType> {
        self.statements
            .iter()
            .filter_map(|s| match s {
                QcStatement::Type(t) => Some(t.clone()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// The QcCClegislation countries (empty when absent: an EU qualified certificate).
    pub fn cc_legislation(&self) -> Vec<String> {
        self.statements
            .iter()
            .filter_map(|s| match s {
                QcStatement::CcLegislation(c) => Some(c.clone()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// The PDS locations.
    pub fn pds(&self) -> Vec<PdsLocation> {
        self.statements
            .iter()
            .filter_map(|s| match s {
                QcStatement::Pds(p) => Some(p.clone()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// The semantics identifier, if any.
    pub fn semantics_identifier(&self) -> Option<Oid> {
        self.statements.iter().find_map(|s| match s {
            QcStatement::Semantics { identifier } => *identifier,
            _ => None,
        })
    }

    /// Parses the extension value `QCStatements ::= SEQUENCE OF QCStatement`.
    pub(crate) fn parse(der: &[u8]) -> Result<QcStatements, String> {
        let e = |e: asn1::Asn1Error| e.to_string();
        let seq = asn1::read_single_tag(der, tag::SEQUENCE).map_err(e)?;
        let mut r = seq.reader();
        let mut statements = Vec::new();
        while !r.is_empty() {
            let st = r.read_tag(tag::SEQUENCE).map_err(e)?;
            let mut sr = st.reader();
            let id = asn1::read_oid(&mut sr).map_err(e)?;
            let info = if sr.is_empty() {
                None
            } else {
                Some(sr.read().map_err(e)?)
            };
            sr.finish().map_err(e)?;
            statements.push(statement(id, info).map_err(|m| format!("QC statement {id}: {m}"))?);
        }
        Ok(QcStatements { statements })
    }
}

fn statement(id: Oid, info: Option<asn1::Tlv<'_>>) -> Result<QcStatement, String> {
    let e = |e: asn1::Asn1Error| e.to_string();
    Ok(match id {
        oid::QC_COMPLIANCE => QcStatement::Compliance,
        oid::QC_SSCD => QcStatement::Sscd,
        oid::QC_TYPE => {
            let mut r = need(info, tag::SEQUENCE)?;
            let mut types = Vec::new();
            while !r.is_empty() {
                let t = asn1::read_oid(&mut r).map_err(e)?;
                types.push(match t {
                    oid::QCT_ESIGN => QcType::ESign,
                    oid::QCT_ESEAL => QcType::ESeal,
                    oid::QCT_WEB => QcType::Web,
                    other => QcType::Other(other),
                });
            }
            QcStatement::Type(types)
        }
        oid::QC_CC_LEGISLATION => {
            let mut r = need(info, tag::SEQUENCE)?;
            let mut cc = Vec::new();
            while !r.is_empty() {
                let c = r.read_tag(tag::PRINTABLE_STRING).map_err(e)?;
                cc.push(asn1::decode_string(c.tag, c.value).ok_or("undecodable country code")?);
            }
            QcStatement::CcLegislation(cc)
        }
        oid::QC_PDS => {
            let mut r = need(info, tag::SEQUENCE)?;
            let mut locations = Vec::new();
            while !r.is_empty() {
                let loc = r.read_tag(tag::SEQUENCE).map_err(e)?;
                let mut lr = loc.reader();
                let url = lr.read_tag(tag::IA5_STRING).map_err(e)?;
                let lang = lr.read_tag(tag::PRINTABLE_STRING).map_err(e)?;
                lr.finish().map_err(e)?;
                locations.push(PdsLocation {
                    url: asn1::decode_string(url.tag, url.value).ok_or("undecodable PDS URL")?,
                    language: asn1::decode_string(lang.tag, lang.value)
                        .ok_or("undecodable PDS language")?,
                });
            }
            QcStatement::Pds(locations)
        }
        oid::QC_RETENTION_PERIOD => match info {
            Some(i) if i.tag == tag::INTEGER => {
                QcStatement::RetentionPeriod(asn1::small_uint(i.value).map_err(e)?)
            }
            _ => return Err("retention period is not an INTEGER".into()),
        },
        oid::QC_LIMIT_VALUE => {
            // MonetaryValue ::= SEQUENCE { currency Iso4217CurrencyCode, amount INTEGER, exponent INTEGER }
            let mut r = need(info, tag::SEQUENCE)?;
            let cur = r.read().map_err(e)?;
            let currency = match cur.tag {
                tag::PRINTABLE_STRING => {
                    asn1::decode_string(cur.tag, cur.value).ok_or("undecodable currency")?
                }
                tag::INTEGER => asn1::small_uint(cur.value).map_err(e)?.to_string(),
                _ => return Err("currency is neither PrintableString nor INTEGER".into()),
            };
            let amount = asn1::small_uint(r.read_tag(tag::INTEGER).map_err(e)?.value).map_err(e)?;
            let exp = r.read_tag(tag::INTEGER).map_err(e)?;
            r.finish().map_err(e)?;
            QcStatement::LimitValue {
                currency,
                amount,
                exponent: signed_small(exp.value)?,
            }
        }
        oid::PKIX_QC_SYNTAX_V1 | oid::PKIX_QC_SYNTAX_V2 => {
            // SemanticsInformation ::= SEQUENCE { semanticsIdentifier OID OPTIONAL,
            //   nameRegistrationAuthorities NameRegistrationAuthorities OPTIONAL }
            let identifier = match info {
                None => None,
                Some(i) if i.tag == tag::SEQUENCE => {
                    let mut r = i.reader();
                    match r.peek_tag() {
                        Some(tag::OID) => Some(asn1::read_oid(&mut r).map_err(e)?),
                        _ => None,
                    }
                }
                Some(_) => return Err("SemanticsInformation is not a SEQUENCE".into()),
            };
            QcStatement::Semantics { identifier }
        }
        other => QcStatement::Other { oid: other },
    })
}

fn need(info: Option<asn1::Tlv<'_>>, t: u8) -> Result<Reader<'_>, String> {
    match info {
        Some(i) if i.tag == t => Ok(i.reader()),
        Some(i) => Err(format!("statementInfo has tag 0x{:02x}", i.tag)),
        None => Err("statementInfo missing".into()),
    }
}

fn signed_small(v: &[u8]) -> Result<i64, String> {
    if v.is_empty() || v.len() > 8 {
        return Err("INTEGER out of range".into());
    }
    let neg = v.first().is_some_and(|b| b & 0x80 != 0);
    let mut acc: i64 = if neg { -1 } else { 0 };
    for b in v {
        acc = (acc << 8) | i64::from(*b);
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_compliance_type_and_pds() {
        // SEQUENCE { {QcCompliance}, {QcType {esign}}, {QcPDS {{"https://x","en"}}} }
        let der = [
            0x30, 0x3a, 0x30, 0x08, 0x06, 0x06, 0x04, 0x00, 0x8e, 0x46, 0x01, 0x01, 0x30, 0x13,
            0x06, 0x06, 0x04, 0x00, 0x8e, 0x46, 0x01, 0x06, 0x30, 0x09, 0x06, 0x07, 0x04, 0x00,
            0x8e, 0x46, 0x01, 0x06, 0x01, 0x30, 0x19, 0x06, 0x06, 0x04, 0x00, 0x8e, 0x46, 0x01,
            0x05, 0x30, 0x0f, 0x30, 0x0d, 0x16, 0x07, b'h', b't', b't', b'p', b's', b':', b'x',
            0x13, 0x02, b'e', b'n',
        ];
        let qc = QcStatements::parse(&der).unwrap();
        assert!(qc.compliance());
        assert!(!qc.sscd());
        assert_eq!(qc.types(), vec![QcType::ESign]);
        assert_eq!(
            qc.pds(),
            vec![PdsLocation {
                url: "https:x".into(),
                language: "en".into()
            }]
        );
        assert!(QcStatements::parse(&der[..der.len() - 1]).is_err());
    }
}
