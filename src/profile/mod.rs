//! National profiles: how each jurisdiction's certificates carry identity
//! and authority. A profile recognises certificates of its scheme and turns
//! one into a normalised [`SignerIdentity`] and an [`AssuranceClaim`] in the
//! scheme's own vocabulary, with [`ProfileFinding`]s for whatever is off
//! (a bad check digit is a finding, never an error).
//!
//! One file per jurisdiction: [`cn`], [`eu`], `in` (India), [`kz`], [`pk`],
//! [`ru`], [`uz`], plus [`generic`] for everything else.
//!
//! ```
//! use sigbridge::{load_certificates, profile, AssuranceLevel, Jurisdiction, SignerKind};
//!
//! let pem = std::fs::read("testdata/pki/eu/qes-natural.pem").unwrap();
//! let cert = &load_certificates(&pem).unwrap()[0];
//! let report = profile::analyze(cert);
//! assert_eq!(report.jurisdiction, Some(Jurisdiction::EU));
//! assert_eq!(report.identity.kind, SignerKind::NaturalPerson);
//! assert!(report.assurance.levels.contains(&AssuranceLevel::EuQualified { qscd: true }));
//! ```

pub mod cn;
pub mod eu;
pub mod generic;
mod identifier;
pub mod r#in;
pub mod kz;
pub mod pk;
pub mod ru;
pub mod uz;

use std::fmt;

pub use identifier::{CheckDigit, Identifier, IdentifierScheme};

use crate::cert::{AttributeType, Certificate};
use crate::{KeyAlgorithm, Oid};

/// A jurisdiction: an ISO 3166-1 alpha-2 code or a union scheme (`EU`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Jurisdiction([u8; 2]);

impl Jurisdiction {
    /// China.
    pub const CN: Jurisdiction = Jurisdiction(*b"CN");
    /// The European Union (eIDAS scheme).
    pub const EU: Jurisdiction = Jurisdiction(*b"EU");
    /// India.
    pub const IN: Jurisdiction = Jurisdiction(*b"IN");
    /// Kazakhstan.
    pub const KZ: Jurisdiction = Jurisdiction(*b"KZ");
    /// Pakistan.
    pub const PK: Jurisdiction = Jurisdiction(*b"PK");
    /// Russia.
    pub const RU: Jurisdiction = Jurisdiction(*b"RU");
    /// Uzbekistan.
    pub const UZ: Jurisdiction = Jurisdiction(*b"UZ");

    /// From a two-letter code (case-insensitive); `None` unless two ASCII letters.
    ///
    /// ```
    /// use sigbridge::Jurisdiction;
    /// assert_eq!(Jurisdiction::from_code("kz"), Some(Jurisdiction::KZ));
    /// assert_eq!(Jurisdiction::from_code("KAZ"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Jurisdiction> {
        match code.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => Some(Jurisdiction([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
            ])),
            _ => None,
        }
    }

    /// The code, e.g. `RU`.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// Whether this is an EU member state (for recognising EU scheme certificates
    /// by country; EL is Greece as in EN 319 412-1).
    pub fn is_eu_member(&self) -> bool {
        const MEMBERS: [&str; 28] = [
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU",
            "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
        ];
        MEMBERS.contains(&self.code())
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Jurisdiction({})", self.code())
    }
}

/// Who the certificate speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SignerKind {
    /// A natural person acting for themselves (including RU/KZ individual entrepreneurs).
    NaturalPerson,
    /// A legal entity itself (electronic seal, organisational document signer).
    LegalEntity,
    /// A natural person acting for a legal entity (director, employee with signing rights).
    Representative,
    /// A certification authority (the certificate issues certificates).
    CertificationAuthority,
    /// The certificate does not say.
    #[default]
    Unknown,
}

/// What a signer may do for the entity it represents, from the scheme's role markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RoleKind {
    /// Head of the legal entity with the right to sign (KZ "first head").
    FirstHead,
    /// A person empowered to sign for the legal entity.
    SigningAuthority,
    /// A person empowered to sign financial documents.
    FinancialSigner,
    /// A human-resources officer.
    HumanResources,
    /// An employee without signing authority of its own.
    Employee,
    /// An organisational document signer (IN CCA).
    DocumentSigner,
    /// An information system of a legal entity (KZ).
    InformationSystem,
}

/// A role, with the marker it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Role {
    /// The role.
    pub kind: RoleKind,
    /// The OID that carried it (EKU or policy), when one did.
    pub oid: Option<Oid>,
}

/// The normalised identity of the certificate subject.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct SignerIdentity {
    /// Who the certificate speaks for.
    pub kind: SignerKind,
    /// commonName.
    pub common_name: Option<String>,
    /// The person's given name(s) (for KZ: the given name parsed from CN; the
    /// patronymic, which KZ carries in givenName, is in `patronymic`).
    pub given_name: Option<String>,
    /// The person's surname.
    pub surname: Option<String>,
    /// The patronymic, where the scheme carries one.
    pub patronymic: Option<String>,
    /// The organisation.
    pub organization: Option<String>,
    /// The country of the subject (countryName).
    pub country: Option<String>,
    /// National identifiers.
    pub identifiers: Vec<Identifier>,
    /// Roles the scheme marks.
    pub roles: Vec<Role>,
}

impl SignerIdentity {
    /// The first identifier of a scheme.
    pub fn identifier(&self, scheme: IdentifierScheme) -> Option<&Identifier> {
        self.identifiers.iter().find(|i| i.scheme == scheme)
    }

    /// Whether the identity carries a role.
    pub fn has_role(&self, kind: RoleKind) -> bool {
        self.roles.iter().any(|r| r.kind == kind)
    }

    pub(crate) fn push_identifier(&mut self, id: Identifier) {
        if !self.identifiers.contains(&id) {
            self.identifiers.push(id);
        }
    }

    pub(crate) fn push_role(&mut self, kind: RoleKind, oid: Option<Oid>) {
        if !self.has_role(kind) {
            self.roles.push(Role { kind, oid });
        }
    }
}

/// RU classes of electronic signature tools (FSB order No. 796 of
/// 27.12.2011), marked by certificate policies 1.2.643.100.113.1–6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuSignToolClass {
    /// КС1.
    Kc1,
    /// КС2.
    Kc2,
    /// КС3.
    Kc3,
    /// КВ1.
    Kb1,
    /// КВ2.
    Kb2,
    /// КА1.
    Ka1,
}

/// An assurance level in a jurisdiction's own vocabulary. Never invented:
/// each variant is a level the scheme's law or standard defines.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AssuranceLevel {
    /// EU qualified certificate (QcCompliance, EN 319 412-5 §4.2.1); with
    /// `qscd` the key is in a qualified device (QcSSCD), i.e. the
    /// certificate supports qualified electronic signatures / seals (eIDAS Art. 3(12), 3(27)).
    EuQualified {
        /// QcSSCD present.
        qscd: bool,
    },
    /// EU non-qualified certificate under an EN 319 411-1 policy (NCP, NCP+, LCP):
    /// supports advanced electronic signatures.
    EuAdvanced,
    /// RU qualified certificate with this class of signature tool (FSB order 796).
    RuSignToolClass(RuSignToolClass),
    /// IN CCA assurance class 1, 2 or 3 (CCA Interoperability Guidelines;
    /// policy OIDs 2.16.356.100.2.x).
    InClass(u8),
    /// IN Aadhaar eKYC-based certificate (2.16.356.100.2.4.x): OTP (1) or biometric (2).
    InAadhaarEkyc(u8),
    /// KZ NCA RK signing certificate (policy 1.2.398.3.3.2.1 legal entities /
    /// 1.2.398.3.3.2.3 individuals): for electronic digital signatures.
    KzNcaSigning,
    /// KZ NCA RK authentication certificate (1.2.398.3.3.2.2 / .2.4): not for signing documents.
    KzNcaAuthentication,
}

/// One piece of evidence behind an assurance claim.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AssuranceMarker {
    /// What it is, e.g. `QcCompliance` or `policy KC2`.
    pub name: String,
    /// The OID that carried it.
    pub oid: Oid,
}

/// What the certificate itself claims about assurance, in the issuing
/// scheme's vocabulary. The registry later confirms the claim against the
/// anchor's listing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct AssuranceClaim {
    /// The levels claimed.
    pub levels: Vec<AssuranceLevel>,
    /// The markers they were derived from.
    pub markers: Vec<AssuranceMarker>,
    /// The levels claimed by a certificate policy, each with the policy OID
    /// claiming it. Such a level stands only where the policy is valid for
    /// the certification path ([`AssuranceClaim::within_policies`]); levels
    /// not listed here come from other markers (EU QC statements).
    pub by_policy: Vec<(AssuranceLevel, Oid)>,
}

impl AssuranceClaim {
    pub(crate) fn push_level(&mut self, level: AssuranceLevel) {
        if !self.levels.contains(&level) {
            self.levels.push(level);
        }
    }

    /// A level claimed by certificate policy `oid` (marked as `name`).
    pub(crate) fn push_policy_level(
        &mut self,
        level: AssuranceLevel,
        name: impl Into<String>,
        oid: Oid,
    ) {
        self.push_level(level.clone());
        self.mark(name, oid);
        if !self.by_policy.contains(&(level.clone(), oid)) {
            self.by_policy.push((level, oid));
        }
    }

    /// The claim as far as the certification path supports it. A level
    /// claimed by a certificate policy stands only when one of the OIDs
    /// claiming it is in `validated`, the path's validated policy set (the
    /// authorities-constrained set of RFC 5280 §6.1.5 (g) with
    /// user-initial-policy-set `{anyPolicy}`: the policies every CA of the
    /// path was authorised for). A policy a CA above the certificate does
    /// not assert (nor anyPolicy) is not in that set: the certificate's
    /// claim to it is not believed. `[anyPolicy]` in `validated` means the
    /// path asserts anyPolicy throughout, so any policy of the certificate
    /// is valid. Levels from other markers are kept.
    ///
    /// ```
    /// use sigbridge::profile::{AssuranceClaim, AssuranceLevel};
    /// use sigbridge::{load_certificates, profile, Oid};
    ///
    /// let pem = std::fs::read("testdata/pki/in/class3.pem").unwrap();
    /// let claim = profile::analyze(&load_certificates(&pem).unwrap()[0]).assurance;
    /// let class3: Oid = "2.16.356.100.2.3".parse().unwrap();
    /// assert_eq!(claim.within_policies(&[class3]).levels, [AssuranceLevel::InClass(3)]);
    /// // The issuing CA was authorised for class 2 only.
    /// let class2: Oid = "2.16.356.100.2.2".parse().unwrap();
    /// assert!(claim.within_policies(&[class2]).levels.is_empty());
    /// ```
    pub fn within_policies(&self, validated: &[Oid]) -> AssuranceClaim {
        let unconstrained = validated.contains(&crate::path::ANY_POLICY);
        let mut out = self.clone();
        out.levels.retain(|level| {
            let mut sources = self.by_policy.iter().filter(|(l, _)| l == level).peekable();
            sources.peek().is_none()
                || unconstrained
                || sources.any(|(_, oid)| validated.contains(oid))
        });
        out.by_policy.retain(|(l, _)| out.levels.contains(l));
        out
    }

    pub(crate) fn mark(&mut self, name: impl Into<String>, oid: Oid) {
        let m = AssuranceMarker {
            name: name.into(),
            oid,
        };
        if !self.markers.contains(&m) {
            self.markers.push(m);
        }
    }
}

/// Something a profile noticed that a relying party should know.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProfileFinding {
    /// An identifier whose check digit is wrong.
    InvalidCheckDigit {
        /// The scheme.
        scheme: IdentifierScheme,
        /// The value as found.
        value: String,
    },
    /// An identifier attribute whose value does not have the scheme's format.
    MalformedIdentifier {
        /// The scheme.
        scheme: IdentifierScheme,
        /// The value as found.
        value: String,
        /// What the scheme requires.
        expected: &'static str,
    },
    /// Markers that contradict each other (e.g. QcSSCD without QcCompliance).
    InconsistentMarkers {
        /// What contradicts what.
        reason: String,
    },
    /// A required national element is missing (with the rule that requires it).
    MissingElement {
        /// What is missing.
        element: &'static str,
        /// The rule requiring it.
        rule: &'static str,
    },
}

impl fmt::Display for ProfileFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileFinding::InvalidCheckDigit { scheme, value } => {
                write!(f, "{scheme} '{value}' has an invalid check digit")
            }
            ProfileFinding::MalformedIdentifier {
                scheme,
                value,
                expected,
            } => write!(f, "{scheme} '{value}' is malformed: expected {expected}"),
            ProfileFinding::InconsistentMarkers { reason } => {
                write!(f, "inconsistent markers: {reason}")
            }
            ProfileFinding::MissingElement { element, rule } => {
                write!(f, "{element} is missing ({rule})")
            }
        }
    }
}

/// What a national profile understood of one certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProfileReport {
    /// The scheme the certificate belongs to, when recognised.
    pub jurisdiction: Option<Jurisdiction>,
    /// The profile that produced this report (`RU`, `KZ`, …, or `generic`).
    pub profile: &'static str,
    /// Who the certificate speaks for.
    pub identity: SignerIdentity,
    /// What it claims about assurance.
    pub assurance: AssuranceClaim,
    /// What is off.
    pub findings: Vec<ProfileFinding>,
}

impl ProfileReport {
    pub(crate) fn new(
        profile: &'static str,
        jurisdiction: Option<Jurisdiction>,
        cert: &Certificate,
    ) -> ProfileReport {
        let s = cert.subject();
        let identity = SignerIdentity {
            kind: if cert.is_ca() {
                SignerKind::CertificationAuthority
            } else {
                SignerKind::Unknown
            },
            common_name: s.common_name().map(str::to_owned),
            given_name: s.get(AttributeType::GivenName).map(str::to_owned),
            surname: s.get(AttributeType::Surname).map(str::to_owned),
            patronymic: None,
            organization: s.organization().map(str::to_owned),
            country: s.country().map(str::to_owned),
            identifiers: Vec::new(),
            roles: Vec::new(),
        };
        ProfileReport {
            jurisdiction,
            profile,
            identity,
            assurance: AssuranceClaim::default(),
            findings: Vec::new(),
        }
    }

    /// Adds an identifier, recording a finding when its check fails.
    pub(crate) fn add_identifier(&mut self, id: Identifier) {
        if id.check == CheckDigit::Invalid {
            let f = ProfileFinding::InvalidCheckDigit {
                scheme: id.scheme.clone(),
                value: id.raw.clone(),
            };
            if !self.findings.contains(&f) {
                self.findings.push(f);
            }
        }
        self.identity.push_identifier(id);
    }

    /// Person-like names present (surname or given name).
    pub(crate) fn has_person_name(&self) -> bool {
        self.identity.surname.is_some() || self.identity.given_name.is_some()
    }
}

/// How strongly a certificate shows the markers of each scheme.
fn score(cert: &Certificate) -> Vec<(u32, Jurisdiction)> {
    let mut scores = vec![
        (ru::score(cert), Jurisdiction::RU),
        (kz::score(cert), Jurisdiction::KZ),
        (cn::score(cert), Jurisdiction::CN),
        (uz::score(cert), Jurisdiction::UZ),
        (r#in::score(cert), Jurisdiction::IN),
        (pk::score(cert), Jurisdiction::PK),
        (eu::score(cert), Jurisdiction::EU),
    ];
    scores.sort_by_key(|s| std::cmp::Reverse(s.0));
    scores
}

/// Which national scheme a certificate belongs to, from its markers (national
/// attribute OIDs, policy and role OIDs, QC statements, national algorithms,
/// and last the subject's country); `None` when nothing points anywhere.
pub fn recognise(cert: &Certificate) -> Option<Jurisdiction> {
    score(cert)
        .into_iter()
        .find(|(s, _)| *s > 0)
        .map(|(_, j)| j)
}

/// Runs the profile of the scheme the certificate belongs to (or the generic one).
pub fn analyze(cert: &Certificate) -> ProfileReport {
    match recognise(cert) {
        Some(j) => analyze_as(cert, j),
        None => generic::analyze(cert),
    }
}

/// Runs the profile of a given jurisdiction, whatever the certificate's own
/// markers say (the generic profile for jurisdictions without one).
pub fn analyze_as(cert: &Certificate, jurisdiction: Jurisdiction) -> ProfileReport {
    match jurisdiction {
        Jurisdiction::RU => ru::analyze(cert),
        Jurisdiction::KZ => kz::analyze(cert),
        Jurisdiction::CN => cn::analyze(cert),
        Jurisdiction::UZ => uz::analyze(cert),
        Jurisdiction::IN => r#in::analyze(cert),
        Jurisdiction::PK => pk::analyze(cert),
        Jurisdiction::EU => eu::analyze(cert),
        other => {
            let mut r = generic::analyze(cert);
            r.jurisdiction = Some(other);
            r
        }
    }
}

/// Whether the subject's countryName is `code`.
pub(crate) fn subject_country_is(cert: &Certificate, code: &str) -> bool {
    cert.subject()
        .country()
        .is_some_and(|c| c.eq_ignore_ascii_case(code))
}

/// Whether any name attribute of subject or issuer has an OID under `arc`.
pub(crate) fn names_have_arc(cert: &Certificate, arc: &str) -> bool {
    cert.subject()
        .attributes()
        .chain(cert.issuer().attributes())
        .any(|a| oid_under(&a.oid, arc))
}

/// Whether `oid` is `arc` or under it.
pub(crate) fn oid_under(oid: &Oid, arc: &str) -> bool {
    let dotted = oid.dotted();
    let s = dotted.as_str();
    s == arc
        || s.strip_prefix(arc)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// Whether any certificate policy is under `arc`.
pub(crate) fn policies_under(cert: &Certificate, arc: &str) -> bool {
    cert.certificate_policies()
        .unwrap_or_default()
        .iter()
        .any(|p| oid_under(&p.oid, arc))
}

/// Whether the key is of one of the national algorithm families given.
pub(crate) fn key_is(cert: &Certificate, pred: fn(&KeyAlgorithm) -> bool) -> bool {
    pred(cert.key_algorithm())
}
