//! Typed, owned certificate extensions (RFC 5280 §4.2), ETSI QC statements
//! (EN 319 412-5) and the list of critical extensions sigbridge does not
//! understand.

use x509_parser::extensions as xp;
use x509_parser::prelude::FromDer;

use crate::Oid;
use crate::asn1::{self, tag};
use crate::cert::qc::QcStatements;
use crate::cert::{Deviation, DistinguishedName};
use crate::error::CertError;

/// Extension OIDs sigbridge understands, with their names.
pub(crate) mod oid {
    #![allow(dead_code)]
    use crate::Oid;
    pub const SUBJECT_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.14");
    pub const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
    pub const SUBJECT_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.17");
    pub const ISSUER_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.18");
    pub const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
    pub const NAME_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.30");
    pub const CRL_DISTRIBUTION_POINTS: Oid = Oid::new_unwrap("2.5.29.31");
    pub const CERTIFICATE_POLICIES: Oid = Oid::new_unwrap("2.5.29.32");
    pub const POLICY_MAPPINGS: Oid = Oid::new_unwrap("2.5.29.33");
    pub const AUTHORITY_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.35");
    pub const POLICY_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.36");
    pub const EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
    pub const INHIBIT_ANY_POLICY: Oid = Oid::new_unwrap("2.5.29.54");
    pub const AUTHORITY_INFO_ACCESS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.1");
    pub const QC_STATEMENTS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.3");
    /// RU subjectSignTool (FSB order 795; RFC 9215 §5.1).
    pub const RU_SUBJECT_SIGN_TOOL: Oid = Oid::new_unwrap("1.2.643.100.111");
    /// RU issuerSignTool (FSB order 795; RFC 9215 §5.2).
    pub const RU_ISSUER_SIGN_TOOL: Oid = Oid::new_unwrap("1.2.643.100.112");
    /// RU IdentificationKind (RFC 9215 §5.4).
    pub const RU_IDENTIFICATION_KIND: Oid = Oid::new_unwrap("1.2.643.100.114");
}

/// The extensions this crate parses and a path validator can act on. A
/// critical extension outside this list is reported by
/// [`Extensions::unknown_critical`] (RFC 5280 §4.2: a certificate with an
/// unrecognised critical extension MUST be rejected by path validation).
const UNDERSTOOD: &[(Oid, &str)] = &[
    (oid::SUBJECT_KEY_IDENTIFIER, "subjectKeyIdentifier"),
    (oid::KEY_USAGE, "keyUsage"),
    (oid::SUBJECT_ALT_NAME, "subjectAltName"),
    (oid::ISSUER_ALT_NAME, "issuerAltName"),
    (oid::BASIC_CONSTRAINTS, "basicConstraints"),
    (oid::NAME_CONSTRAINTS, "nameConstraints"),
    (oid::CRL_DISTRIBUTION_POINTS, "cRLDistributionPoints"),
    (oid::CERTIFICATE_POLICIES, "certificatePolicies"),
    (oid::POLICY_MAPPINGS, "policyMappings"),
    (oid::AUTHORITY_KEY_IDENTIFIER, "authorityKeyIdentifier"),
    (oid::POLICY_CONSTRAINTS, "policyConstraints"),
    (oid::EXTENDED_KEY_USAGE, "extKeyUsage"),
    (oid::INHIBIT_ANY_POLICY, "inhibitAnyPolicy"),
    (oid::AUTHORITY_INFO_ACCESS, "authorityInfoAccess"),
    (oid::QC_STATEMENTS, "qcStatements"),
    (oid::RU_SUBJECT_SIGN_TOOL, "subjectSignTool"),
    (oid::RU_ISSUER_SIGN_TOOL, "issuerSignTool"),
    (oid::RU_IDENTIFICATION_KIND, "identificationKind"),
];

/// The name of a known extension OID, e.g. `keyUsage`.
pub fn extension_name(o: &Oid) -> Option<&'static str> {
    UNDERSTOOD.iter().find(|(x, _)| x == o).map(|(_, n)| *n)
}

/// One extension exactly as encoded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Extension {
    /// The extension OID.
    pub oid: Oid,
    /// The criticality flag.
    pub critical: bool,
    /// The contents of `extnValue` (the DER of the extension's own value).
    pub value: Vec<u8>,
}

/// basicConstraints (RFC 5280 §4.2.1.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BasicConstraints {
    /// Whether the subject is a CA.
    pub ca: bool,
    /// The maximum number of non-self-issued intermediates that may follow.
    pub path_len: Option<u32>,
}

/// keyUsage bits (RFC 5280 §4.2.1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyUsage {
    bits: u16,
}

impl KeyUsage {
    /// The raw bits, bit 0 = digitalSignature … bit 8 = decipherOnly.
    pub fn bits(&self) -> u16 {
        self.bits
    }
    /// digitalSignature (bit 0).
    pub fn digital_signature(&self) -> bool {
        self.bits & 1 != 0
    }
    /// nonRepudiation / contentCommitment (bit 1).
    pub fn non_repudiation(&self) -> bool {
        self.bits & 2 != 0
    }
    /// keyEncipherment (bit 2).
    pub fn key_encipherment(&self) -> bool {
        self.bits & 4 != 0
    }
    /// dataEncipherment (bit 3).
    pub fn data_encipherment(&self) -> bool {
        self.bits & 8 != 0
    }
    /// keyAgreement (bit 4).
    pub fn key_agreement(&self) -> bool {
        self.bits & 16 != 0
    }
    /// keyCertSign (bit 5).
    pub fn key_cert_sign(&self) -> bool {
        self.bits & 32 != 0
    }
    /// cRLSign (bit 6).
    pub fn crl_sign(&self) -> bool {
        self.bits & 64 != 0
    }
    /// encipherOnly (bit 7).
    pub fn encipher_only(&self) -> bool {
        self.bits & 128 != 0
    }
    /// decipherOnly (bit 8).
    pub fn decipher_only(&self) -> bool {
        self.bits & 256 != 0
    }
    /// Names of the bits set, in bit order.
    pub fn names(&self) -> Vec<&'static str> {
        const NAMES: [&str; 9] = [
            "digitalSignature",
            "nonRepudiation",
            "keyEncipherment",
            "dataEncipherment",
            "keyAgreement",
            "keyCertSign",
            "cRLSign",
            "encipherOnly",
            "decipherOnly",
        ];
        NAMES
            .iter()
            .enumerate()
            .filter(|(i, _)| self.bits & (1 << i) != 0)
            .map(|(_, n)| *n)
            .collect()
    }
}

/// A policy qualifier (RFC 5280 §4.2.1.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PolicyQualifier {
    /// A CPS pointer URI (id-qt-cps).
    Cps(String),
    /// A user notice (id-qt-unotice).
    UserNotice {
        /// noticeRef organization, when present.
        organization: Option<String>,
        /// noticeRef noticeNumbers.
        notice_numbers: Vec<u64>,
        /// explicitText, when present.
        explicit_text: Option<String>,
    },
    /// Another qualifier, by OID, with the DER of its value.
    Other {
        /// The qualifier OID.
        oid: Oid,
        /// The DER of the qualifier value.
        value: Vec<u8>,
    },
}

/// One certificate policy with its qualifiers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PolicyInformation {
    /// The policy OID.
    pub oid: Oid,
    /// Its qualifiers, in encoded order.
    pub qualifiers: Vec<PolicyQualifier>,
}

/// A general name (RFC 5280 §4.2.1.6).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GeneralName {
    /// rfc822Name (e-mail address).
    Email(String),
    /// dNSName.
    Dns(String),
    /// uniformResourceIdentifier.
    Uri(String),
    /// directoryName.
    DirectoryName(DistinguishedName),
    /// iPAddress: 4 or 16 octets (8 or 32 in name constraints: address and mask).
    IpAddress(Vec<u8>),
    /// registeredID.
    RegisteredId(Oid),
    /// otherName with its type OID and the DER of its value.
    OtherName {
        /// The type-id.
        type_id: Oid,
        /// The DER of the `[0] EXPLICIT` value.
        value: Vec<u8>,
    },
    /// x400Address, kept as DER.
    X400Address(Vec<u8>),
    /// ediPartyName, kept as DER.
    EdiPartyName(Vec<u8>),
}

/// authorityKeyIdentifier (RFC 5280 §4.2.1.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AuthorityKeyIdentifier {
    /// keyIdentifier.
    pub key_id: Option<Vec<u8>>,
    /// authorityCertIssuer.
    pub issuer: Vec<GeneralName>,
    /// authorityCertSerialNumber (contents octets).
    pub serial: Option<Vec<u8>>,
}

/// One CRL distribution point (RFC 5280 §4.2.1.13).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct DistributionPoint {
    /// fullName general names.
    pub full_name: Vec<GeneralName>,
    /// nameRelativeToCRLIssuer: an RDN to append to the CRL issuer's name
    /// (RFC 5280 §4.2.1.13).
    pub relative_name: Option<crate::cert::Rdn>,
    /// The reason flags, when present.
    pub reasons: Option<u16>,
    /// cRLIssuer.
    pub crl_issuer: Vec<GeneralName>,
}

/// One authority/subject information access entry (RFC 5280 §4.2.2.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AccessDescription {
    /// accessMethod (id-ad-caIssuers 1.3.6.1.5.5.7.48.2, id-ad-ocsp …48.1, …).
    pub method: Oid,
    /// accessLocation.
    pub location: GeneralName,
}

/// One subtree of a name constraint (RFC 5280 §4.2.1.10).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GeneralSubtree {
    /// The base name.
    pub base: GeneralName,
}

/// nameConstraints (RFC 5280 §4.2.1.10).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct NameConstraints {
    /// permittedSubtrees.
    pub permitted: Vec<GeneralSubtree>,
    /// excludedSubtrees.
    pub excluded: Vec<GeneralSubtree>,
}

/// policyConstraints (RFC 5280 §4.2.1.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PolicyConstraints {
    /// requireExplicitPolicy.
    pub require_explicit_policy: Option<u32>,
    /// inhibitPolicyMapping.
    pub inhibit_policy_mapping: Option<u32>,
}

/// All extensions of a certificate: the typed view of the ones sigbridge
/// understands, every extension as encoded, and the unknown critical ones.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Extensions {
    /// Every extension, in encoded order.
    pub all: Vec<Extension>,
    /// basicConstraints.
    pub basic_constraints: Option<BasicConstraints>,
    /// keyUsage.
    pub key_usage: Option<KeyUsage>,
    /// extKeyUsage purposes (anyExtendedKeyUsage included as 2.5.29.37.0).
    pub extended_key_usage: Option<Vec<Oid>>,
    /// certificatePolicies.
    pub certificate_policies: Option<Vec<PolicyInformation>>,
    /// qcStatements (ETSI EN 319 412-5).
    pub qc_statements: Option<QcStatements>,
    /// subjectKeyIdentifier.
    pub subject_key_id: Option<Vec<u8>>,
    /// authorityKeyIdentifier.
    pub authority_key_id: Option<AuthorityKeyIdentifier>,
    /// cRLDistributionPoints.
    pub crl_distribution_points: Option<Vec<DistributionPoint>>,
    /// authorityInfoAccess.
    pub authority_info_access: Option<Vec<AccessDescription>>,
    /// nameConstraints.
    pub name_constraints: Option<NameConstraints>,
    /// subjectAltName.
    pub subject_alt_name: Option<Vec<GeneralName>>,
    /// issuerAltName.
    pub issuer_alt_name: Option<Vec<GeneralName>>,
    /// policyMappings as (issuerDomainPolicy, subjectDomainPolicy) pairs.
    pub policy_mappings: Option<Vec<(Oid, Oid)>>,
    /// policyConstraints.
    pub policy_constraints: Option<PolicyConstraints>,
    /// inhibitAnyPolicy skipCerts.
    pub inhibit_any_policy: Option<u32>,
    /// Critical extensions sigbridge does not understand.
    pub unknown_critical: Vec<Oid>,
}

impl Extensions {
    /// The raw extension with this OID.
    pub fn get(&self, oid: &Oid) -> Option<&Extension> {
        self.all.iter().find(|e| &e.oid == oid)
    }

    /// Parses the `extensions` SEQUENCE (the contents of TBS `[3]`).
    pub(crate) fn parse(
        extensions_der: &[u8],
        deviations: &mut Vec<Deviation>,
    ) -> Result<Extensions, CertError> {
        let der = |reason: String| CertError::Der {
            what: "extensions",
            reason,
        };
        let seq =
            asn1::read_single_tag(extensions_der, tag::SEQUENCE).map_err(|e| der(e.to_string()))?;
        let mut out = Extensions::default();
        let mut raws: Vec<&[u8]> = Vec::new();
        let mut r = seq.reader();
        if r.is_empty() {
            // RFC 5280 §4.1: Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension.
            return Err(der("empty extensions SEQUENCE (SIZE (1..MAX))".into()));
        }
        while !r.is_empty() {
            let ext = r.read_tag(tag::SEQUENCE).map_err(|e| der(e.to_string()))?;
            let mut er = ext.reader();
            let oid = asn1::read_oid(&mut er).map_err(|e| der(e.to_string()))?;
            let critical = match er
                .read_optional(tag::BOOLEAN)
                .map_err(|e| der(e.to_string()))?
            {
                Some(b) => {
                    let v = b.value.first().is_some_and(|v| *v != 0);
                    if !v {
                        // X.690 §11.5 with RFC 5280 §4.1 (`critical BOOLEAN DEFAULT FALSE`).
                        deviations.push(Deviation::ExplicitCriticalFalse);
                    }
                    v
                }
                None => false,
            };
            let value = er
                .read_tag(tag::OCTET_STRING)
                .map_err(|e| der(format!("extension {oid}: {e}")))?;
            er.finish()
                .map_err(|e| der(format!("extension {oid}: {e}")))?;
            if out.all.iter().any(|e| e.oid == oid) {
                return Err(CertError::DuplicateExtension { oid });
            }
            out.all.push(Extension {
                oid,
                critical,
                value: value.value.to_vec(),
            });
            raws.push(ext.raw);
        }
        for (i, raw) in raws.into_iter().enumerate() {
            let Some(ext) = out.all.get(i).cloned() else {
                continue;
            };
            out.apply(&ext, raw, deviations)?;
        }
        Ok(out)
    }

    fn apply(
        &mut self,
        ext: &Extension,
        raw: &[u8],
        deviations: &mut Vec<Deviation>,
    ) -> Result<(), CertError> {
        let name = extension_name(&ext.oid);
        let bad = |reason: String| CertError::Extension {
            oid: ext.oid,
            name: name.unwrap_or("extension"),
            reason,
        };
        let Some(_) = name else {
            if ext.critical {
                self.unknown_critical.push(ext.oid);
            }
            return Ok(());
        };
        // The extension's own value must be exactly one DER element.
        let tlv = asn1::read_single(&ext.value).map_err(|e| bad(e.to_string()))?;
        let mut scan = Vec::new();
        crate::cert::deviation::scan_encoding(&tlv, &mut scan, 0)
            .map_err(|e| bad(e.to_string()))?;
        // A long-form length inside the value is named with the extension:
        // the CA's extension encoder wrote it, the certificate's own
        // structure is still DER (X.690 §10.1).
        deviations.extend(scan.into_iter().map(|d| match d {
            Deviation::NonMinimalLength => Deviation::NonMinimalLengthInExtension {
                extension: name.unwrap_or("extension"),
            },
            other => other,
        }));

        match ext.oid {
            oid::KEY_USAGE => {
                // Read here rather than by x509-parser, which refuses padding
                // bits outright; padding is a named deviation (scanned above).
                self.key_usage = Some(parse_key_usage(&tlv).map_err(bad)?);
                return Ok(());
            }
            oid::QC_STATEMENTS => {
                self.qc_statements = Some(QcStatements::parse(&ext.value).map_err(bad)?);
                return Ok(());
            }
            oid::RU_SUBJECT_SIGN_TOOL | oid::RU_ISSUER_SIGN_TOOL | oid::RU_IDENTIFICATION_KIND => {
                // Read by the RU profile (profile::ru), which knows their syntax.
                return Ok(());
            }
            _ => {}
        }

        let (rest, parsed) = xp::X509Extension::from_der(raw).map_err(|e| bad(e.to_string()))?;
        if !rest.is_empty() {
            return Err(bad(format!("{} byte(s) of trailing data", rest.len())));
        }
        match parsed.parsed_extension() {
            xp::ParsedExtension::BasicConstraints(bc) => {
                self.basic_constraints = Some(BasicConstraints {
                    ca: bc.ca,
                    path_len: bc.path_len_constraint,
                });
                if tlv.value.starts_with(&[0x01, 0x01, 0x00]) {
                    deviations.push(Deviation::ExplicitCaFalse);
                }
            }
            xp::ParsedExtension::ExtendedKeyUsage(eku) => {
                // Re-read the OIDs in order: x509-parser splits them into flags.
                let mut purposes = Vec::new();
                let mut r = tlv.reader();
                while !r.is_empty() {
                    purposes.push(asn1::read_oid(&mut r).map_err(|e| bad(e.to_string()))?);
                }
                if purposes.is_empty() || (eku.other.is_empty() && purposes.is_empty()) {
                    return Err(bad("empty SEQUENCE (SIZE (1..MAX))".into()));
                }
                self.extended_key_usage = Some(purposes);
            }
            xp::ParsedExtension::CertificatePolicies(cp) => {
                // RFC 5280 §4.2.1.4: policyQualifiers SEQUENCE SIZE (1..MAX);
                // x509-parser does not check it.
                let mut r = tlv.reader();
                while let Ok(info) = r.read() {
                    let mut ir = info.reader();
                    let _ = ir.read();
                    if let Ok(q) = ir.read()
                        && q.value.is_empty()
                    {
                        return Err(bad("empty policyQualifiers SEQUENCE".into()));
                    }
                }
                let mut policies = Vec::new();
                for p in cp.iter() {
                    let oid = convert_oid(&p.policy_id).map_err(&bad)?;
                    if policies.iter().any(|x: &PolicyInformation| x.oid == oid) {
                        // RFC 5280 §4.2.1.4: a policy OID MUST NOT appear more than once.
                        return Err(bad(format!("policy {oid} appears more than once")));
                    }
                    let mut qualifiers = Vec::new();
                    for q in p.policy_qualifiers.iter().flatten() {
                        qualifiers.push(
                            parse_qualifier(
                                &convert_oid(&q.policy_qualifier_id).map_err(&bad)?,
                                q.qualifier,
                                deviations,
                            )
                            .map_err(&bad)?,
                        );
                    }
                    policies.push(PolicyInformation { oid, qualifiers });
                }
                if policies.is_empty() {
                    return Err(bad("empty SEQUENCE (SIZE (1..MAX))".into()));
                }
                self.certificate_policies = Some(policies);
            }
            xp::ParsedExtension::SubjectKeyIdentifier(k) => {
                self.subject_key_id = Some(k.0.to_vec());
            }
            xp::ParsedExtension::AuthorityKeyIdentifier(_) => {
                // Read with our own reader: x509-parser ignores elements after
                // authorityCertSerialNumber.
                self.authority_key_id = Some(parse_aki(&tlv, deviations).map_err(&bad)?);
            }
            xp::ParsedExtension::CRLDistributionPoints(_) => {
                // Read with our own reader: x509-parser drops
                // nameRelativeToCRLIssuer and the cRLIssuer that follows it.
                self.crl_distribution_points = Some(parse_crl_dps(&tlv, deviations).map_err(&bad)?);
            }
            xp::ParsedExtension::AuthorityInfoAccess(aia) => {
                let mut out = Vec::new();
                for d in &aia.accessdescs {
                    out.push(AccessDescription {
                        method: convert_oid(&d.access_method).map_err(&bad)?,
                        location: general_name(&d.access_location, deviations).map_err(&bad)?,
                    });
                }
                self.authority_info_access = Some(out);
            }
            xp::ParsedExtension::NameConstraints(nc) => {
                let conv = |v: &Option<Vec<xp::GeneralSubtree<'_>>>,
                            deviations: &mut Vec<Deviation>|
                 -> Result<Vec<GeneralSubtree>, String> {
                    v.iter()
                        .flatten()
                        .map(|s| {
                            Ok(GeneralSubtree {
                                base: general_name(&s.base, deviations)?,
                            })
                        })
                        .collect()
                };
                let permitted = conv(&nc.permitted_subtrees, deviations).map_err(&bad)?;
                let excluded = conv(&nc.excluded_subtrees, deviations).map_err(&bad)?;
                if permitted.is_empty() && excluded.is_empty() {
                    // RFC 5280 §4.2.1.10: at least one of the two MUST be present.
                    return Err(bad("neither permitted nor excluded subtrees".into()));
                }
                for s in permitted.iter().chain(&excluded) {
                    if let GeneralName::IpAddress(ip) = &s.base
                        && ip.len() != 8
                        && ip.len() != 32
                    {
                        return Err(bad(format!(
                            "iPAddress constraint of {} octets (8 or 32 required)",
                            ip.len()
                        )));
                    }
                }
                self.name_constraints = Some(NameConstraints {
                    permitted,
                    excluded,
                });
            }
            xp::ParsedExtension::SubjectAlternativeName(san) => {
                if san.general_names.is_empty() {
                    return Err(bad("empty SEQUENCE (SIZE (1..MAX))".into()));
                }
                let names = general_names(&san.general_names, deviations).map_err(&bad)?;
                for n in &names {
                    if let GeneralName::IpAddress(ip) = n
                        && ip.len() != 4
                        && ip.len() != 16
                    {
                        return Err(bad(format!(
                            "iPAddress of {} octets (4 or 16 required)",
                            ip.len()
                        )));
                    }
                }
                self.subject_alt_name = Some(names);
            }
            xp::ParsedExtension::IssuerAlternativeName(ian) => {
                self.issuer_alt_name =
                    Some(general_names(&ian.general_names, deviations).map_err(&bad)?);
            }
            xp::ParsedExtension::PolicyMappings(pm) => {
                let mut out = Vec::new();
                for m in &pm.mappings {
                    out.push((
                        convert_oid(&m.issuer_domain_policy).map_err(&bad)?,
                        convert_oid(&m.subject_domain_policy).map_err(&bad)?,
                    ));
                }
                self.policy_mappings = Some(out);
            }
            xp::ParsedExtension::PolicyConstraints(pc) => {
                if pc.require_explicit_policy.is_none() && pc.inhibit_policy_mapping.is_none() {
                    // RFC 5280 §4.2.1.11: the SEQUENCE MUST NOT be empty.
                    return Err(bad("empty policyConstraints".into()));
                }
                self.policy_constraints = Some(PolicyConstraints {
                    require_explicit_policy: pc.require_explicit_policy,
                    inhibit_policy_mapping: pc.inhibit_policy_mapping,
                });
            }
            xp::ParsedExtension::InhibitAnyPolicy(iap) => {
                self.inhibit_any_policy = Some(iap.skip_certs);
            }
            xp::ParsedExtension::ParseError { error } => return Err(bad(error.to_string())),
            other => {
                return Err(bad(format!("unexpected parse result {other:?}")));
            }
        }
        Ok(())
    }
}

fn convert_oid(o: &x509_parser::der_parser::oid::Oid<'_>) -> Result<Oid, String> {
    Oid::from_bytes(o.as_bytes())
        .map_err(|_| format!("object identifier {o} cannot be represented"))
}

fn general_names(
    names: &[xp::GeneralName<'_>],
    deviations: &mut Vec<Deviation>,
) -> Result<Vec<GeneralName>, String> {
    names.iter().map(|n| general_name(n, deviations)).collect()
}

fn general_name(
    n: &xp::GeneralName<'_>,
    deviations: &mut Vec<Deviation>,
) -> Result<GeneralName, String> {
    Ok(match n {
        xp::GeneralName::RFC822Name(s) => GeneralName::Email((*s).to_owned()),
        xp::GeneralName::DNSName(s) => {
            if !s.is_ascii() {
                // RFC 5280 §4.2.1.6: dNSName is an IA5String.
                return Err("dNSName is not ASCII".into());
            }
            GeneralName::Dns((*s).to_owned())
        }
        xp::GeneralName::URI(s) => GeneralName::Uri((*s).to_owned()),
        xp::GeneralName::DirectoryName(name) => GeneralName::DirectoryName(
            DistinguishedName::parse(name.as_raw(), deviations).map_err(|e| e.to_string())?,
        ),
        xp::GeneralName::IPAddress(ip) => GeneralName::IpAddress(ip.to_vec()),
        xp::GeneralName::RegisteredID(o) => GeneralName::RegisteredId(convert_oid(o)?),
        xp::GeneralName::OtherName(o, v) => GeneralName::OtherName {
            type_id: convert_oid(o)?,
            value: v.to_vec(),
        },
        xp::GeneralName::X400Address(a) => GeneralName::X400Address(a.data.to_vec()),
        xp::GeneralName::EDIPartyName(a) => GeneralName::EdiPartyName(a.data.to_vec()),
        xp::GeneralName::Invalid(t, _) => {
            return Err(format!("invalid general name with tag {}", t.0));
        }
    })
}

/// keyUsage (RFC 5280 §4.2.1.3): a named BIT STRING, bit 0 = digitalSignature
/// in the most significant bit of the first octet.
fn parse_key_usage(tlv: &asn1::Tlv<'_>) -> Result<KeyUsage, String> {
    if tlv.tag != tag::BIT_STRING {
        return Err("not a BIT STRING".into());
    }
    let (&unused, bytes) = tlv.value.split_first().ok_or("empty BIT STRING")?;
    // Only the named bits count; unused trailing bits are ignored (X.690 §8.6.2).
    let significant = (bytes.len() * 8).saturating_sub(usize::from(unused));
    let bit =
        |i: usize| i < significant && bytes.get(i / 8).is_some_and(|b| b & (0x80 >> (i % 8)) != 0);
    let mut bits = 0u16;
    for i in 0..9usize {
        if bit(i) {
            bits |= 1 << i;
        }
    }
    let any_set = (0..significant).any(bit);
    if !any_set {
        // RFC 5280 §4.2.1.3: at least one bit MUST be set.
        return Err("no key usage bit is set".into());
    }
    Ok(KeyUsage { bits })
}

/// cRLDistributionPoints (RFC 5280 §4.2.1.13).
fn parse_crl_dps(
    tlv: &asn1::Tlv<'_>,
    deviations: &mut Vec<Deviation>,
) -> Result<Vec<DistributionPoint>, String> {
    let e = |e: asn1::Asn1Error| e.to_string();
    if tlv.tag != tag::SEQUENCE {
        return Err("not a SEQUENCE".into());
    }
    let mut points = Vec::new();
    let mut r = tlv.reader();
    while !r.is_empty() {
        let point = r.read_tag(tag::SEQUENCE).map_err(e)?;
        let mut pr = point.reader();
        let mut dp = DistributionPoint::default();
        if let Some(name) = pr.read_optional(0xa0).map_err(e)? {
            let inner = asn1::read_single(name.value).map_err(e)?;
            match inner.tag {
                0xa0 => {
                    let mut nr = inner.reader();
                    while !nr.is_empty() {
                        dp.full_name
                            .push(parse_general_name(&nr.read().map_err(e)?, deviations)?);
                    }
                }
                0xa1 => {
                    let mut set = vec![tag::SET];
                    set.extend_from_slice(inner.raw.get(1..).unwrap_or_default());
                    let mut seq = vec![tag::SEQUENCE];
                    seq.extend(der_length(set.len()));
                    seq.extend(set);
                    dp.relative_name = DistinguishedName::parse(&seq, deviations)
                        .map_err(e)?
                        .rdns()
                        .first()
                        .cloned();
                }
                other => return Err(format!("distributionPoint with tag 0x{other:02x}")),
            }
        }
        if let Some(reasons) = pr.read_optional(0x81).map_err(e)? {
            let bytes = reasons.value.get(1..).unwrap_or_default();
            let mut flags = 0u16;
            for i in 0..9usize {
                if bytes.get(i / 8).is_some_and(|b| b & (0x80 >> (i % 8)) != 0) {
                    flags |= 1 << i;
                }
            }
            dp.reasons = Some(flags);
        }
        if let Some(issuer) = pr.read_optional(0xa2).map_err(e)? {
            let mut ir = issuer.reader();
            while !ir.is_empty() {
                dp.crl_issuer
                    .push(parse_general_name(&ir.read().map_err(e)?, deviations)?);
            }
        }
        pr.finish().map_err(e)?;
        if dp.full_name.is_empty() && dp.relative_name.is_none() && dp.crl_issuer.is_empty() {
            // RFC 5280 §4.2.1.13: distributionPoint or cRLIssuer MUST be present.
            return Err("a distribution point with neither name nor cRLIssuer".into());
        }
        points.push(dp);
    }
    if points.is_empty() {
        return Err("empty SEQUENCE (SIZE (1..MAX))".into());
    }
    Ok(points)
}

/// A DER length field.
pub(crate) fn der_length(n: usize) -> Vec<u8> {
    if n < 0x80 {
        vec![n as u8]
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        let mut v = vec![0x80 | bytes.len() as u8];
        v.extend(bytes);
        v
    }
}

/// authorityKeyIdentifier (RFC 5280 §4.2.1.1).
fn parse_aki(
    tlv: &asn1::Tlv<'_>,
    deviations: &mut Vec<Deviation>,
) -> Result<AuthorityKeyIdentifier, String> {
    let e = |e: asn1::Asn1Error| e.to_string();
    if tlv.tag != tag::SEQUENCE {
        return Err("not a SEQUENCE".into());
    }
    let mut r = tlv.reader();
    let key_id = r.read_optional(0x80).map_err(e)?.map(|t| t.value.to_vec());
    let issuer = match r.read_optional(0xa1).map_err(e)? {
        Some(t) => {
            let mut names = Vec::new();
            let mut nr = t.reader();
            while !nr.is_empty() {
                names.push(parse_general_name(&nr.read().map_err(e)?, deviations)?);
            }
            if names.is_empty() {
                return Err("empty authorityCertIssuer".into());
            }
            Some(names)
        }
        None => None,
    };
    let serial = match r.read_optional(0x82).map_err(e)? {
        Some(t) => {
            if !asn1::integer_is_minimal(t.value) {
                return Err("authorityCertSerialNumber is not a valid INTEGER".into());
            }
            Some(t.value.to_vec())
        }
        None => None,
    };
    r.finish().map_err(e)?;
    if issuer.is_some() != serial.is_some() {
        // RFC 5280 §4.2.1.1: both present or both absent.
        return Err("authorityCertIssuer and authorityCertSerialNumber must come together".into());
    }
    Ok(AuthorityKeyIdentifier {
        key_id,
        issuer: issuer.unwrap_or_default(),
        serial,
    })
}

/// One GeneralName (RFC 5280 §4.2.1.6), implicit tags.
pub(crate) fn parse_general_name(
    t: &asn1::Tlv<'_>,
    deviations: &mut Vec<Deviation>,
) -> Result<GeneralName, String> {
    let e = |e: asn1::Asn1Error| e.to_string();
    let ia5 = |v: &[u8]| -> Result<String, String> {
        if !v.is_ascii() {
            return Err("IA5String is not ASCII".into());
        }
        Ok(String::from_utf8_lossy(v).into_owned())
    };
    Ok(match t.tag {
        0xa0 => {
            let mut r = t.reader();
            let type_id = asn1::read_oid(&mut r).map_err(e)?;
            let value = r.read_tag(0xa0).map_err(e)?;
            r.finish().map_err(e)?;
            GeneralName::OtherName {
                type_id,
                value: value.value.to_vec(),
            }
        }
        0x81 => GeneralName::Email(ia5(t.value)?),
        0x82 => GeneralName::Dns(ia5(t.value)?),
        0xa3 => GeneralName::X400Address(t.value.to_vec()),
        0xa4 => GeneralName::DirectoryName(
            DistinguishedName::parse(asn1::read_single(t.value).map_err(e)?.raw, deviations)
                .map_err(e)?,
        ),
        0xa5 => GeneralName::EdiPartyName(t.value.to_vec()),
        0x86 => GeneralName::Uri(ia5(t.value)?),
        0x87 => GeneralName::IpAddress(t.value.to_vec()),
        0x88 => GeneralName::RegisteredId(asn1::oid(t.value).map_err(e)?),
        other => return Err(format!("unknown GeneralName tag 0x{other:02x}")),
    })
}

/// Reads a user notice's DisplayText (RFC 5280 §4.2.1.4: IA5String,
/// VisibleString, BMPString or UTF8String; real CAs also write
/// PrintableString and TeletexString there). Text that does not decode in
/// its declared type is kept as [`lenient_text`] reads it and reported as
/// [`Deviation::UndecodableNoticeText`]; another tag is an error.
fn display_text(
    t: &asn1::Tlv<'_>,
    field: &'static str,
    deviations: &mut Vec<Deviation>,
) -> Result<String, String> {
    if let Some(s) = asn1::decode_string(t.tag, t.value) {
        return Ok(s);
    }
    let text = lenient_text(t.tag, t.value)
        .ok_or_else(|| format!("{field} with tag 0x{:02x} is not a DisplayText", t.tag))?;
    deviations.push(Deviation::UndecodableNoticeText {
        field,
        string_type: crate::cert::StringType::from_tag(t.tag),
    });
    Ok(text)
}

/// A best reading of a string that does not decode in its declared type:
/// 8-bit types byte by byte as ISO 8859-1 (what IT and ES CAs put into
/// VisibleString; lossless), BMPString and UniversalString by code unit
/// with U+FFFD for a unit that is not a character and for an odd tail,
/// UTF8String with U+FFFD for invalid sequences. `None` for a tag that is
/// not a character string.
fn lenient_text(t: u8, value: &[u8]) -> Option<String> {
    const REPLACEMENT: char = char::REPLACEMENT_CHARACTER;
    match t {
        tag::UTF8_STRING => Some(String::from_utf8_lossy(value).into_owned()),
        tag::PRINTABLE_STRING
        | tag::IA5_STRING
        | tag::NUMERIC_STRING
        | tag::VISIBLE_STRING
        | tag::TELETEX_STRING => Some(value.iter().map(|b| char::from(*b)).collect()),
        tag::BMP_STRING => {
            let chunks = value.chunks_exact(2);
            let odd = !chunks.remainder().is_empty();
            let units = chunks
                .filter_map(|c| <[u8; 2]>::try_from(c).ok())
                .map(u16::from_be_bytes);
            let mut s: String = char::decode_utf16(units)
                .map(|c| c.unwrap_or(REPLACEMENT))
                .collect();
            if odd {
                s.push(REPLACEMENT);
            }
            Some(s)
        }
        tag::UNIVERSAL_STRING => {
            let chunks = value.chunks_exact(4);
            let odd = !chunks.remainder().is_empty();
            let mut s: String = chunks
                .map(|c| {
                    <[u8; 4]>::try_from(c)
                        .ok()
                        .and_then(|q| char::from_u32(u32::from_be_bytes(q)))
                        .unwrap_or(REPLACEMENT)
                })
                .collect();
            if odd {
                s.push(REPLACEMENT);
            }
            Some(s)
        }
        _ => None,
    }
}

fn parse_qualifier(
    id: &Oid,
    der: &[u8],
    deviations: &mut Vec<Deviation>,
) -> Result<PolicyQualifier, String> {
    const CPS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.2.1");
    const UNOTICE: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.2.2");
    let tlv = asn1::read_single(der).map_err(|e| e.to_string())?;
    if *id == CPS {
        // RFC 5280 §4.2.1.4: CPSuri ::= IA5String (a URI: not read leniently).
        if tlv.tag != tag::IA5_STRING {
            return Err("CPS pointer is not an IA5String".into());
        }
        return asn1::decode_string(tlv.tag, tlv.value)
            .map(PolicyQualifier::Cps)
            .ok_or_else(|| "undecodable CPS pointer".to_owned());
    }
    if *id == UNOTICE {
        if tlv.tag != tag::SEQUENCE {
            return Err("UserNotice is not a SEQUENCE".into());
        }
        let mut r = tlv.reader();
        let mut organization = None;
        let mut notice_numbers = Vec::new();
        if let Some(nr) = r.read_optional(tag::SEQUENCE).map_err(|e| e.to_string())? {
            let mut nrr = nr.reader();
            let org = nrr.read().map_err(|e| e.to_string())?;
            organization = Some(display_text(&org, "noticeRef organization", deviations)?);
            let nums = nrr.read_tag(tag::SEQUENCE).map_err(|e| e.to_string())?;
            let mut numr = nums.reader();
            while !numr.is_empty() {
                let n = numr.read_tag(tag::INTEGER).map_err(|e| e.to_string())?;
                notice_numbers.push(asn1::small_uint(n.value).map_err(|e| e.to_string())?);
            }
        }
        let explicit_text = if r.is_empty() {
            None
        } else {
            Some(display_text(
                &r.read().map_err(|e| e.to_string())?,
                "explicitText",
                deviations,
            )?)
        };
        r.finish().map_err(|e| e.to_string())?;
        return Ok(PolicyQualifier::UserNotice {
            organization,
            notice_numbers,
            explicit_text,
        });
    }
    Ok(PolicyQualifier::Other {
        oid: *id,
        value: der.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_aki(value: &[u8]) -> Vec<u8> {
        // SEQUENCE { SEQUENCE { OID 2.5.29.35, OCTET STRING value } }
        let mut ext = vec![0x06, 0x03, 0x55, 0x1d, 0x23, 0x04, value.len() as u8];
        ext.extend_from_slice(value);
        let mut seq = vec![0x30, ext.len() as u8];
        seq.extend(ext);
        let mut out = vec![0x30, seq.len() as u8];
        out.extend(seq);
        out
    }

    /// BoringSSL's authority_key_identifier/ fixtures with the verdicts of
    /// `ParseAuthorityKeyIdentifierTest` (parse_certificate_unittest.cc).
    #[test]
    fn boringssl_authority_key_identifier_cases() {
        use base64::Engine as _;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
            "../shared/testdata/boringssl-pki/parse_certificate_unittest/authority_key_identifier",
        );
        let cases = [
            ("empty_sequence.pem", true),
            ("key_identifier.pem", true),
            ("issuer_and_serial.pem", true),
            ("key_identifier_and_issuer_and_serial.pem", true),
            // Not in the upstream unit test we compared with; a URI is a valid GeneralName.
            ("url_issuer_and_serial.pem", true),
            ("issuer_only.pem", false),
            ("serial_only.pem", false),
            ("invalid_contents.pem", false),
            ("invalid_key_identifier.pem", false),
            ("invalid_issuer.pem", false),
            ("invalid_serial.pem", false),
            ("extra_contents_after_issuer_and_serial.pem", false),
            ("extra_contents_after_extension_sequence.pem", false),
        ];
        for (file, ok) in cases {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let start = text
                .find("-----BEGIN AUTHORITY_KEY_IDENTIFIER-----")
                .unwrap()
                + 40;
            let end = text.find("-----END AUTHORITY_KEY_IDENTIFIER-----").unwrap();
            let b64: String = text[start..end].split_whitespace().collect();
            let value = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .unwrap();
            let parsed = Extensions::parse(&with_aki(&value), &mut Vec::new());
            assert_eq!(parsed.is_ok(), ok, "{file}: {parsed:?}");
            if !ok {
                assert!(
                    matches!(
                        parsed,
                        Err(CertError::Extension {
                            name: "authorityKeyIdentifier",
                            ..
                        })
                    ),
                    "{file}: {parsed:?}"
                );
            }
        }
    }
}
