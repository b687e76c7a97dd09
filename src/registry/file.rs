//! The registry file format (`docs/registry-format.md`): JSON, loaded with
//! serde into a file model, checked whole, and saved in one canonical form
//! whose SHA-256 is the snapshot id.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{
    Agreement, AgreementStatus, AnchorListing, DocumentScope, JurisdictionEntry, ListingStatus,
    ServiceKind, StatusChange,
};
use super::{Registry, RegistryError};
use crate::path::TrustAnchor;
use crate::{Certificate, Jurisdiction, Leniency, Time};

/// The format tag every registry file starts with.
pub const FORMAT: &str = "sigbridge-registry/1";

/// Why a registry file was refused. Nothing is loaded when any part is bad.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryFileError {
    /// Not JSON, a missing or unknown field, a wrong type, an unknown
    /// jurisdiction code, a malformed time, or an anchor certificate that
    /// does not parse (the message says which), at `line`:`column`.
    #[error("registry file line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Well-formed but inconsistent: the entry at `path` (and, where it
    /// could be located, `line`) breaks a registry rule.
    #[error("registry file {path}{}: {error}", line.map(|l| format!(" (line {l})")).unwrap_or_default())]
    Inconsistent {
        /// A JSON path such as `jurisdictions[KZ].anchors[kz-root]`.
        path: String,
        /// The line of the entry's id or code, when found.
        line: Option<usize>,
        /// The rule broken.
        error: RegistryError,
    },
    /// An object names the same key twice (e.g. a level mapped twice in an
    /// agreement's `mapping`). RFC 8259 §4 leaves the meaning of such an
    /// object to the reader, so the file has no single meaning and is refused.
    #[error(
        "registry file line {line}, column {column}: key \"{key}\" appears twice in {object}; keep one of the two entries"
    )]
    DuplicateKey {
        /// 1-based line of the second occurrence.
        line: usize,
        /// 1-based column of the second occurrence (its closing quote).
        column: usize,
        /// The key.
        key: String,
        /// The JSON path of the object, e.g. `agreements[2].mapping`
        /// (`the top-level object` for the top level).
        object: String,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileModel {
    format: String,
    label: String,
    jurisdictions: Vec<FileJurisdiction>,
    agreements: Vec<FileAgreement>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileJurisdiction {
    code: Code,
    name: String,
    levels: Vec<String>,
    /// Written only when not empty, so that a registry without TSAs keeps
    /// the canonical text (and snapshot id) it had before time-stamps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    timestamp_levels: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    members: Vec<Code>,
    anchors: Vec<FileAnchor>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileAnchor {
    id: String,
    /// Written only when not the default (a CA), for the same reason.
    #[serde(default, skip_serializing_if = "FileKind::is_default")]
    kind: FileKind,
    service: String,
    levels: Vec<String>,
    status: Vec<FileStatus<FileListingStatus>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    certificate: Option<Pem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name_and_key: Option<NameKey>,
}

/// An anchor given as a name and a key (RFC 5914 §2 style), both base64 DER.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NameKey {
    subject: String,
    public_key: String,
}

impl NameKey {
    fn anchor(&self) -> Result<TrustAnchor, String> {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        let name_der = b64
            .decode(&self.subject)
            .map_err(|e| format!("subject is not base64: {e}"))?;
        let key_der = b64
            .decode(&self.public_key)
            .map_err(|e| format!("public_key is not base64: {e}"))?;
        let name = crate::cert::DistinguishedName::parse(&name_der, &mut Vec::new())
            .map_err(|e| format!("subject is not a DER Name: {e}"))?;
        let key = crate::crypto::PublicKeyInfo::from_der(&key_der)
            .map_err(|e| format!("public_key is not a DER SubjectPublicKeyInfo: {e}"))?;
        Ok(TrustAnchor::new(name, key))
    }

    fn of(anchor: &TrustAnchor) -> NameKey {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        NameKey {
            subject: b64.encode(anchor.name().raw_der()),
            public_key: b64.encode(anchor.key().der()),
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
struct FileStatus<S> {
    status: S,
    from: FileTime,
}

#[derive(Serialize, Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum FileListingStatus {
    Granted,
    Suspended,
    Withdrawn,
}

#[derive(Serialize, Deserialize, Clone, Copy, Default, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum FileKind {
    #[default]
    CertificateAuthority,
    TimeStamping,
}

impl FileKind {
    fn is_default(&self) -> bool {
        *self == FileKind::CertificateAuthority
    }
}

impl From<FileKind> for ServiceKind {
    fn from(k: FileKind) -> ServiceKind {
        match k {
            FileKind::CertificateAuthority => ServiceKind::CertificateAuthority,
            FileKind::TimeStamping => ServiceKind::TimeStamping,
        }
    }
}

impl From<ServiceKind> for FileKind {
    fn from(k: ServiceKind) -> FileKind {
        match k {
            ServiceKind::CertificateAuthority => FileKind::CertificateAuthority,
            ServiceKind::TimeStamping => FileKind::TimeStamping,
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum FileAgreementStatus {
    Enacted,
    Repealed,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileAgreement {
    id: String,
    relying: Code,
    issuing: Code,
    #[serde(with = "crate::serde_util::documents")]
    documents: DocumentScope,
    mapping: BTreeMap<String, String>,
    in_force_from: FileTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    in_force_until: Option<FileTime>,
    status: Vec<FileStatus<FileAgreementStatus>>,
    legal_reference: String,
    #[serde(default)]
    onward: bool,
}

/// A jurisdiction code, checked while parsing so the error has a position.
#[derive(Clone, Copy)]
struct Code(Jurisdiction);

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::serde_util::jurisdiction::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        crate::serde_util::jurisdiction::deserialize(d).map(Code)
    }
}

/// A time, `YYYY-MM-DDThh:mm:ssZ`.
#[derive(Clone, Copy)]
struct FileTime(Time);

impl Serialize for FileTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::serde_util::time::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for FileTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<FileTime, D::Error> {
        crate::serde_util::time::deserialize(d).map(FileTime)
    }
}

/// An anchor certificate as PEM, parsed while reading.
#[derive(Clone)]
struct Pem(Certificate);

impl Serialize for Pem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&to_pem(&self.0))
    }
}

impl<'de> Deserialize<'de> for Pem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Pem, D::Error> {
        let s = String::deserialize(d)?;
        Certificate::from_pem_with(s.as_bytes(), &Leniency::real_world())
            .map(Pem)
            .map_err(|e| {
                serde::de::Error::custom(format!("anchor certificate does not parse: {e}"))
            })
    }
}

/// The canonical PEM: 64-character lines, `\n` endings.
fn to_pem(cert: &Certificate) -> String {
    pem::encode_config(
        &pem::Pem::new("CERTIFICATE", cert.der().to_vec()),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

impl Registry {
    /// Loads a registry file. The file is checked whole: syntax, types,
    /// codes, times and certificates while reading (with line and column),
    /// then every registry rule (with the JSON path of the entry). Nothing
    /// is half-loaded.
    ///
    /// A key named twice in one object, at any depth, refuses the file
    /// ([`RegistryFileError::DuplicateKey`]).
    ///
    /// ```
    /// use sigbridge::registry::{Registry, RegistryFileError};
    ///
    /// let text = Registry::sample().unwrap().to_json();
    /// let registry = Registry::from_json(&text).unwrap();
    /// assert_eq!(registry.snapshot_id(), Registry::sample().unwrap().snapshot_id());
    ///
    /// // The same field twice: which one counts would be the parser's accident.
    /// let twice = text.replacen("\"label\":", "\"label\": \"other\",\n  \"label\":", 1);
    /// match Registry::from_json(&twice) {
    ///     Err(RegistryFileError::DuplicateKey { key, line, .. }) => {
    ///         assert_eq!((key.as_str(), line), ("label", 4));
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    ///
    /// # Errors
    /// [`RegistryFileError`] saying where and what.
    pub fn from_json(text: &str) -> Result<Registry, RegistryFileError> {
        crate::serde_util::unique_keys::check(text).map_err(|d| {
            RegistryFileError::DuplicateKey {
                object: d.object(),
                line: d.line,
                column: d.column,
                key: d.key,
            }
        })?;
        let file: FileModel =
            serde_json::from_str(text).map_err(|e| RegistryFileError::Syntax {
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?;
        if file.format != FORMAT {
            return Err(RegistryFileError::Syntax {
                line: find_line(text, &format!("\"{}\"", file.format), 0).unwrap_or(1),
                column: 1,
                message: format!("format is \"{}\", expected \"{FORMAT}\"", file.format),
            });
        }
        let jurisdictions = file
            .jurisdictions
            .into_iter()
            .map(|j| {
                let anchors = j
                    .anchors
                    .into_iter()
                    .map(|a| {
                        let place = || format!("jurisdictions[{}].anchors[{}]", j.code.0, a.id);
                        let bad = |reason: String| RegistryFileError::Inconsistent {
                            path: place(),
                            line: find_line(text, &format!("\"id\": {}", quoted(&a.id)), 0),
                            error: RegistryError::AnchorKey {
                                id: a.id.clone(),
                                reason,
                            },
                        };
                        let anchor = match (&a.certificate, &a.name_and_key) {
                            (Some(c), None) => TrustAnchor::from_certificate(&c.0)
                                .map_err(|e| bad(e.to_string()))?,
                            (None, Some(nk)) => nk.anchor().map_err(bad)?,
                            _ => {
                                return Err(bad(
                                    "give exactly one of \"certificate\" and \"name_and_key\""
                                        .into(),
                                ));
                            }
                        };
                        Ok(AnchorListing {
                            anchor,
                            id: a.id,
                            kind: a.kind.into(),
                            service: a.service,
                            levels: a.levels,
                            status: a
                                .status
                                .into_iter()
                                .map(|s| StatusChange {
                                    status: match s.status {
                                        FileListingStatus::Granted => ListingStatus::Granted,
                                        FileListingStatus::Suspended => ListingStatus::Suspended,
                                        FileListingStatus::Withdrawn => ListingStatus::Withdrawn,
                                    },
                                    from: s.from.0,
                                })
                                .collect(),
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(JurisdictionEntry {
                    code: j.code.0,
                    name: j.name,
                    levels: j.levels,
                    timestamp_levels: j.timestamp_levels,
                    members: j.members.iter().map(|m| m.0).collect(),
                    anchors,
                })
            })
            .collect::<Result<Vec<_>, RegistryFileError>>()?;
        let agreements = file
            .agreements
            .into_iter()
            .map(|a| Agreement {
                id: a.id,
                relying: a.relying.0,
                issuing: a.issuing.0,
                documents: a.documents,
                mapping: a.mapping,
                in_force_from: a.in_force_from.0,
                in_force_until: a.in_force_until.map(|t| t.0),
                status: a
                    .status
                    .into_iter()
                    .map(|s| StatusChange {
                        status: match s.status {
                            FileAgreementStatus::Enacted => AgreementStatus::Enacted,
                            FileAgreementStatus::Repealed => AgreementStatus::Repealed,
                        },
                        from: s.from.0,
                    })
                    .collect(),
                legal_reference: a.legal_reference,
                onward: a.onward,
            })
            .collect();
        let mut registry = Registry::new(jurisdictions, agreements).map_err(|error| {
            let (path, needle, nth) = locate(&error);
            RegistryFileError::Inconsistent {
                path,
                line: find_line(text, &needle, nth),
                error,
            }
        })?;
        registry.label = file.label;
        Ok(registry)
    }

    /// The canonical file text: two-space-indented JSON, keys in a fixed
    /// order, PEM with 64-character lines, a final newline. Loading it gives
    /// the same registry, and saving that gives the same bytes.
    pub fn to_json(&self) -> String {
        let file = FileModel {
            format: FORMAT.to_owned(),
            label: self.label.clone(),
            jurisdictions: self
                .jurisdictions
                .values()
                .map(|j| FileJurisdiction {
                    code: Code(j.code),
                    name: j.name.clone(),
                    levels: j.levels.clone(),
                    timestamp_levels: j.timestamp_levels.clone(),
                    members: j.members.iter().map(|m| Code(*m)).collect(),
                    anchors: j
                        .anchors
                        .iter()
                        .map(|a| {
                            let certificate = a.anchor.certificate().map(|c| Pem(c.clone()));
                            FileAnchor {
                                id: a.id.clone(),
                                kind: a.kind.into(),
                                service: a.service.clone(),
                                levels: a.levels.clone(),
                                status: a
                                    .status
                                    .iter()
                                    .map(|s| FileStatus {
                                        status: match s.status {
                                            ListingStatus::Granted => FileListingStatus::Granted,
                                            ListingStatus::Suspended => {
                                                FileListingStatus::Suspended
                                            }
                                            ListingStatus::Withdrawn => {
                                                FileListingStatus::Withdrawn
                                            }
                                        },
                                        from: FileTime(s.from),
                                    })
                                    .collect(),
                                name_and_key: certificate.is_none().then(|| NameKey::of(&a.anchor)),
                                certificate,
                            }
                        })
                        .collect(),
                })
                .collect(),
            agreements: self
                .agreements
                .iter()
                .map(|a| FileAgreement {
                    id: a.id.clone(),
                    relying: Code(a.relying),
                    issuing: Code(a.issuing),
                    documents: a.documents.clone(),
                    mapping: a.mapping.clone(),
                    in_force_from: FileTime(a.in_force_from),
                    in_force_until: a.in_force_until.map(FileTime),
                    status: a
                        .status
                        .iter()
                        .map(|s| FileStatus {
                            status: match s.status {
                                AgreementStatus::Enacted => FileAgreementStatus::Enacted,
                                AgreementStatus::Repealed => FileAgreementStatus::Repealed,
                            },
                            from: FileTime(s.from),
                        })
                        .collect(),
                    legal_reference: a.legal_reference.clone(),
                    onward: a.onward,
                })
                .collect(),
        };
        let mut out = serde_json::to_string_pretty(&file).unwrap_or_default();
        out.push('\n');
        out
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The JSON path of the entry an error concerns, the token to find its
/// line by, and which occurrence of it (the second for a duplicate).
fn locate(error: &RegistryError) -> (String, String, usize) {
    match error {
        RegistryError::DuplicateJurisdiction(j) => (
            format!("jurisdictions[{j}]"),
            format!("\"code\": \"{j}\""),
            1,
        ),
        RegistryError::BadMembers { jurisdiction, .. } => (
            format!("jurisdictions[{jurisdiction}].members"),
            format!("\"code\": \"{jurisdiction}\""),
            0,
        ),
        RegistryError::BadVocabulary { jurisdiction, .. } => (
            format!("jurisdictions[{jurisdiction}].levels"),
            format!("\"code\": \"{jurisdiction}\""),
            0,
        ),
        RegistryError::BadTimestampVocabulary { jurisdiction, .. } => (
            format!("jurisdictions[{jurisdiction}].timestamp_levels"),
            format!("\"code\": \"{jurisdiction}\""),
            0,
        ),
        RegistryError::BadAnchor {
            jurisdiction, id, ..
        } => (
            format!("jurisdictions[{jurisdiction}].anchors[{id}]"),
            format!("\"id\": {}", quoted(id)),
            0,
        ),
        RegistryError::DuplicateAnchor {
            jurisdiction,
            id,
            reason,
        } => (
            format!("jurisdictions[{jurisdiction}].anchors[{id}]"),
            format!("\"id\": {}", quoted(id)),
            usize::from(reason.starts_with("another")),
        ),
        RegistryError::UnknownLevel { place, .. } => {
            let (path, id) = place_path(place);
            let field = if place.starts_with("anchor ") {
                "levels"
            } else {
                "mapping"
            };
            (
                format!("{path}.{field}"),
                format!("\"id\": {}", quoted(&id)),
                0,
            )
        }
        RegistryError::BadStatusHistory { place, .. } => {
            let (path, id) = place_path(place);
            (
                format!("{path}.status"),
                format!("\"id\": {}", quoted(&id)),
                0,
            )
        }
        RegistryError::UnknownJurisdiction { agreement, .. } => (
            format!("agreements[{agreement}]"),
            format!("\"id\": {}", quoted(agreement)),
            0,
        ),
        RegistryError::BadAgreement { agreement, reason } => (
            format!("agreements[{agreement}]"),
            format!("\"id\": {}", quoted(agreement)),
            usize::from(reason.starts_with("another")),
        ),
        RegistryError::AnchorKey { id, .. } => (
            format!("anchors[{id}]"),
            format!("\"id\": {}", quoted(id)),
            0,
        ),
    }
}

/// The JSON path and id of a place named as `anchor 'ID' in XX` or
/// `agreement 'ID' …` in a [`RegistryError`].
fn place_path(place: &str) -> (String, String) {
    let id = place
        .split_once('\'')
        .and_then(|(_, rest)| rest.rsplit_once('\''))
        .map(|(id, _)| id.to_owned())
        .unwrap_or_default();
    if place.starts_with("anchor ") {
        let j = place.rsplit(' ').next().unwrap_or_default();
        (format!("jurisdictions[{j}].anchors[{id}]"), id)
    } else {
        (format!("agreements[{id}]"), id)
    }
}

/// The 1-based line of the `nth` occurrence of `needle`.
fn find_line(text: &str, needle: &str, nth: usize) -> Option<usize> {
    let pos = text.match_indices(needle).nth(nth)?.0;
    Some(text.get(..pos)?.matches('\n').count() + 1)
}
