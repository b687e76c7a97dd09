//! Importing national roots into a jurisdiction, and joining the registry
//! with path validation and national profiles.

use super::{
    AnchorListing, JurisdictionEntry, ListingStatus, Registry, RegistryError, ServiceKind,
    StatusChange,
};
use crate::path::{TrustAnchor, VerifiedPath};
use crate::profile::{AssuranceClaim, AssuranceLevel, RuSignToolClass};
use crate::{Jurisdiction, Leniency, Oid, Time, load_certificates_with};

/// How imported anchors are listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportListing {
    /// Each anchor's id is this prefix, a dash, and the first 16 hex digits
    /// of its certificate's SHA-256 fingerprint.
    pub id_prefix: String,
    /// The service they are listed for.
    pub service: String,
    /// The kind of service: CA roots (signers' paths) or TSA roots
    /// (time-stamping units' paths).
    pub kind: ServiceKind,
    /// The levels they may give (in the jurisdiction's assurance
    /// vocabulary for a CA, its time-stamp vocabulary for a TSA).
    pub levels: Vec<String>,
    /// Listed (granted) from this time.
    pub granted_from: Time,
}

/// Why an import was refused; nothing is imported then.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The bundle does not parse (PEM, DER, or certs-only PKCS#7).
    #[error("the bundle does not parse: {0}")]
    Bundle(#[from] crate::CertError),
    /// The bundle holds no certificate.
    #[error("the bundle holds no certificate")]
    Empty,
    /// A certificate is not a CA certificate (basicConstraints cA), so it
    /// cannot be a trust anchor (RFC 5280 §4.2.1.9).
    #[error("certificate {subject} is not a CA certificate and cannot be listed as an anchor")]
    NotCa {
        /// Its subject.
        subject: String,
    },
    /// The jurisdiction is not in the registry.
    #[error("jurisdiction {0} is not in the registry; add it first")]
    UnknownJurisdiction(Jurisdiction),
    /// The result breaks a registry rule (e.g. a root already listed).
    #[error(transparent)]
    Registry(#[from] RegistryError),
}

impl AnchorListing {
    /// A listing of one anchor certificate given as PEM (exactly one
    /// certificate, in a `CERTIFICATE`, `TRUSTED CERTIFICATE`, `PKCS7` or
    /// `CMS` block; read with [`Leniency::real_world`], as the registry
    /// file's `certificate` field is read), granted
    /// from `granted_from` for `levels`, as a CA listing (set
    /// [`kind`](AnchorListing::kind) to [`ServiceKind::TimeStamping`] for
    /// a TSA root). Put it in a [`JurisdictionEntry`],
    /// build the [`Registry`], and [`Registry::to_json`] writes the
    /// registry file with the certificate in its canonical PEM form — the
    /// way to put a PEM into a registry file without escaping it by hand.
    ///
    /// ```
    /// use sigbridge::registry::{AnchorListing, JurisdictionEntry, Registry};
    /// use sigbridge::Jurisdiction;
    ///
    /// let pem = std::fs::read("testdata/pki/eu/root.pem").unwrap();
    /// let listing = AnchorListing::from_pem(
    ///     "eu-test-root", &pem, "qualified certificates for signatures",
    ///     vec!["advanced".into()], "2024-01-01T00:00:00Z".parse().unwrap(),
    /// ).unwrap();
    /// let entry = JurisdictionEntry {
    ///     code: Jurisdiction::EU, name: "European Union".into(),
    ///     levels: vec!["advanced".into()], timestamp_levels: vec![],
    ///     members: vec![], anchors: vec![listing],
    /// };
    /// let json = Registry::new(vec![entry], vec![]).unwrap().with_label("mine").to_json();
    /// assert!(json.contains("\"certificate\": \"-----BEGIN CERTIFICATE-----\\nMII"));
    /// assert_eq!(Registry::from_json(&json).unwrap().to_json(), json);
    /// ```
    ///
    /// # Errors
    /// [`ImportError::Bundle`] when the input is not exactly one
    /// certificate, [`ImportError::Registry`] with
    /// [`RegistryError::AnchorKey`] when its key cannot serve as an anchor.
    /// (The levels are checked against the vocabulary by [`Registry::new`].)
    pub fn from_pem(
        id: &str,
        pem: &[u8],
        service: &str,
        levels: Vec<String>,
        granted_from: Time,
    ) -> Result<AnchorListing, ImportError> {
        let cert = crate::Certificate::from_pem_with(pem, &Leniency::real_world())?;
        let anchor =
            TrustAnchor::from_certificate(&cert).map_err(|e| RegistryError::AnchorKey {
                id: id.to_owned(),
                reason: e.to_string(),
            })?;
        Ok(AnchorListing {
            id: id.to_owned(),
            kind: ServiceKind::CertificateAuthority,
            anchor,
            service: service.to_owned(),
            levels,
            status: vec![StatusChange {
                status: ListingStatus::Granted,
                from: granted_from,
            }],
        })
    }
}

impl Registry {
    /// Imports a bundle of national roots (PEM, DER, or certs-only PKCS#7,
    /// as [`load_certificates_with`] reads with [`Leniency::real_world`])
    /// into `jurisdiction`'s anchors, and returns the new registry. The
    /// whole registry is checked again: a root already listed is refused.
    ///
    /// # Errors
    /// [`ImportError`]; the registry is unchanged.
    pub fn import_bundle(
        &self,
        jurisdiction: Jurisdiction,
        bundle: &[u8],
        listing: &ImportListing,
    ) -> Result<Registry, ImportError> {
        let certs = load_certificates_with(bundle, &Leniency::real_world())?;
        self.import_certificates(jurisdiction, &certs, listing)
    }

    /// Lists `certs` as anchors of `jurisdiction` (each must be a CA
    /// certificate) and returns the new registry, checked again as a whole.
    pub(crate) fn import_certificates(
        &self,
        jurisdiction: Jurisdiction,
        certs: &[crate::Certificate],
        listing: &ImportListing,
    ) -> Result<Registry, ImportError> {
        if certs.is_empty() {
            return Err(ImportError::Empty);
        }
        let mut entries: Vec<JurisdictionEntry> = self.jurisdictions().cloned().collect();
        let entry = entries
            .iter_mut()
            .find(|e| e.code == jurisdiction)
            .ok_or(ImportError::UnknownJurisdiction(jurisdiction))?;
        for cert in certs {
            if !cert.is_ca() {
                return Err(ImportError::NotCa {
                    subject: cert.subject().to_string(),
                });
            }
            let anchor =
                TrustAnchor::from_certificate(cert).map_err(|e| RegistryError::AnchorKey {
                    id: cert.subject().to_string(),
                    reason: e.to_string(),
                })?;
            let hex = cert.fingerprint_hex();
            entry.anchors.push(AnchorListing {
                id: format!("{}-{}", listing.id_prefix, hex.get(..16).unwrap_or(&hex)),
                kind: listing.kind,
                anchor,
                service: listing.service.clone(),
                levels: listing.levels.clone(),
                status: vec![StatusChange {
                    status: ListingStatus::Granted,
                    from: listing.granted_from,
                }],
            });
        }
        Ok(Registry::new(entries, self.agreements().to_vec())?.with_label(self.label()))
    }

    /// The CA anchors granted at `at`, for building signers' paths.
    /// Withdrawn, suspended and not-yet-listed anchors are left out, so a
    /// path to them is not built at all; TSA anchors are never included.
    pub fn anchors_at(&self, at: Time) -> Vec<TrustAnchor> {
        self.ca_listings()
            .filter(|a| {
                a.status_at(at)
                    .is_some_and(|s| s.status == ListingStatus::Granted)
            })
            .map(|a| a.anchor.clone())
            .collect()
    }

    /// A one-jurisdiction registry trusting `roots` (each listed as granted
    /// since the epoch for every level of `levels`, the vocabulary lowest
    /// first), with no agreements: a relying party of `jurisdiction` can try
    /// any CA without writing a registry file. Recognition is domestic only.
    ///
    /// ```
    /// use sigbridge::registry::Registry;
    /// use sigbridge::{load_certificates, Jurisdiction};
    ///
    /// let root = load_certificates(&std::fs::read("testdata/pki/eu/root.pem").unwrap()).unwrap();
    /// let reg = Registry::ad_hoc(Jurisdiction::EU, &root, vec!["advanced".into(), "QES".into()]).unwrap();
    /// assert_eq!(reg.jurisdiction(Jurisdiction::EU).unwrap().anchors.len(), 1);
    /// ```
    ///
    /// # Errors
    /// [`RegistryError`] when a root's key cannot be used or `levels` is empty.
    pub fn ad_hoc(
        jurisdiction: Jurisdiction,
        roots: &[crate::Certificate],
        levels: Vec<String>,
    ) -> Result<Registry, RegistryError> {
        let mut anchors = Vec::new();
        for (i, cert) in roots.iter().enumerate() {
            let anchor =
                TrustAnchor::from_certificate(cert).map_err(|e| RegistryError::AnchorKey {
                    id: cert.subject().to_string(),
                    reason: e.to_string(),
                })?;
            anchors.push(AnchorListing {
                id: format!("ad-hoc-{}", i + 1),
                kind: ServiceKind::CertificateAuthority,
                anchor,
                service: "ad-hoc trust anchor".into(),
                levels: levels.clone(),
                status: vec![StatusChange {
                    status: ListingStatus::Granted,
                    from: Time::from_unix(0),
                }],
            });
        }
        let entry = JurisdictionEntry {
            code: jurisdiction,
            name: format!("{jurisdiction} (ad hoc)"),
            levels,
            timestamp_levels: Vec::new(),
            members: Vec::new(),
            anchors,
        };
        Ok(Registry::new(vec![entry], Vec::new())?.with_label(format!(
            "ad hoc: {} root(s) trusted as {jurisdiction}",
            roots.len()
        )))
    }

    /// Every listed CA anchor, whatever its status: signers' paths are
    /// built to all of them, so that a signature under a withdrawn anchor
    /// is reported as "anchor withdrawn" by recognition rather than as "no
    /// chain". TSA anchors are left out: a time-stamping authority's root
    /// certifies time-stamping units (RFC 3161 §2.3), and a TS 119 612
    /// listing is for its service type only (§5.5.1), so it never anchors
    /// a signer ([`Registry::tsa_anchors`]).
    pub fn all_anchors(&self) -> Vec<TrustAnchor> {
        self.ca_listings().map(|a| a.anchor.clone()).collect()
    }

    /// Every listed TSA anchor, whatever its status, for building
    /// time-stamping units' paths (a TSU certificate under a withdrawn TSA
    /// is then refused by [`Registry::recognise_timestamp`], not as "no
    /// chain"). CA anchors are left out.
    pub fn tsa_anchors(&self) -> Vec<TrustAnchor> {
        self.jurisdictions()
            .flat_map(|j| j.anchors.iter())
            .filter(|a| a.is_time_stamping())
            .map(|a| a.anchor.clone())
            .collect()
    }

    /// The CA listing a validated signer path ends at (same anchor name
    /// and key). A path ending at a TSA anchor has none.
    pub fn listing_for_path(&self, path: &VerifiedPath) -> Option<(Jurisdiction, &AnchorListing)> {
        self.anchors_by_subject(path.anchor.name())
            .into_iter()
            .find(|(_, a)| a.anchor.key() == path.anchor.key())
    }

    /// The TSA listing a validated time-stamping unit's path ends at (same
    /// anchor name and key). A path ending at a CA anchor has none.
    pub fn tsa_listing_for_path(
        &self,
        path: &VerifiedPath,
    ) -> Option<(Jurisdiction, &AnchorListing)> {
        self.tsa_anchors_by_subject(path.anchor.name())
            .into_iter()
            .find(|(_, a)| a.anchor.key() == path.anchor.key())
    }

    fn ca_listings(&self) -> impl Iterator<Item = &AnchorListing> {
        self.jurisdictions()
            .flat_map(|j| j.anchors.iter())
            .filter(|a| a.is_certificate_authority())
    }
}

/// What a signer's certificate claims, read against its anchor's
/// jurisdiction ([`claimed_levels`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct LevelClaim {
    /// The levels recognition goes by, in the issuing jurisdiction's
    /// vocabulary.
    pub levels: Vec<String>,
    /// Levels the certificate claims in another jurisdiction's vocabulary
    /// (e.g. KZ NCA policy OIDs in a certificate under an anchor listed for
    /// another jurisdiction): they mean nothing under this anchor and are
    /// not used.
    pub foreign: Vec<String>,
}

/// The levels a signer anchored at `listing` in `issuing` claims, in the
/// issuing vocabulary. Where the scheme writes the level into the
/// certificate (EU QC statements, EN 319 412-5; RU sign-tool classes, FSB
/// order 795; IN CCA class policy OIDs; KZ NCA policy OIDs), it is what the
/// certificate claims ([`level_names`]) as far as its path supports it: a
/// level claimed by a certificate policy counts only when the policy is in
/// `validated_policies`, the path's validated policy set
/// ([`VerifiedPath::user_constrained_policy_set`], RFC 5280 §6.1.5 (g)) —
/// a CA that was never authorised for a policy cannot pass it on
/// ([`AssuranceClaim::within_policies`]). Where the scheme does not write
/// the level — CN (Electronic Signature Law 2019 Art. 13, 16–17:
/// reliability follows from the CA's licence), UZ, PK, and ad-hoc
/// jurisdictions — the levels the anchor is listed for stand, because the
/// listing is the record of that licence. Either way recognition then keeps
/// only the levels the anchor is listed for ([`Registry::recognise`]), so a
/// QC statement under an anchor not listed for qualified certificates
/// reaches no qualified level.
///
/// A claim counts only in the vocabulary of the anchor's jurisdiction
/// (`issuing.levels`): a level is a term of one scheme's law, and a
/// certificate carrying another scheme's markers under this anchor (KZ NCA
/// policy OIDs under an ad-hoc anchor trusted as another jurisdiction)
/// claims nothing here. Such claims are returned in
/// [`LevelClaim::foreign`], for the report, and are otherwise treated as no
/// claim: the listing's levels stand where the scheme does not write levels
/// into certificates, and none where it does (fail closed).
///
/// ```
/// use sigbridge::profile::{AssuranceClaim, AssuranceLevel};
/// use sigbridge::registry::{claimed_levels, Registry};
/// use sigbridge::{Certificate, Jurisdiction};
///
/// let root = Certificate::from_pem(&std::fs::read("testdata/pki/kz/root.pem").unwrap()).unwrap();
/// let registry = Registry::ad_hoc(Jurisdiction::UZ, &[root], vec!["trusted".into()]).unwrap();
/// let (_, listing) = registry.anchor("ad-hoc-1").unwrap();
/// let mut claim = AssuranceClaim::default();
/// claim.levels.push(AssuranceLevel::KzNcaSigning);
/// let c = claimed_levels(&claim, registry.jurisdiction(Jurisdiction::UZ).unwrap(), listing, &[]);
/// assert_eq!(c.levels, ["trusted"]);
/// assert_eq!(c.foreign, ["nca-signing"]);
/// ```
pub fn claimed_levels(
    claim: &AssuranceClaim,
    issuing: &JurisdictionEntry,
    listing: &AnchorListing,
    validated_policies: &[Oid],
) -> LevelClaim {
    let in_certificate = [
        Jurisdiction::EU,
        Jurisdiction::RU,
        Jurisdiction::IN,
        Jurisdiction::KZ,
    ];
    let (own, foreign): (Vec<String>, Vec<String>) =
        level_names(&claim.within_policies(validated_policies))
            .into_iter()
            .partition(|l| issuing.levels.contains(l));
    let levels = if in_certificate.contains(&issuing.code) || !own.is_empty() {
        own
    } else {
        listing.levels.clone()
    };
    LevelClaim { levels, foreign }
}

/// The level names a profile's assurance claim stands for, in the
/// vocabularies of the sample registry, including the levels a higher one
/// implies: a qualified signature is also an advanced one (eIDAS Art.
/// 3(12) with 3(11)); an RU class-KC3 tool meets KC2 and KC1 (FSB order
/// 796 builds the classes cumulatively); IN class 3 meets class 2 (CCA
/// Interoperability Guidelines, assurance classes in increasing order).
///
/// These names are fixed (the table is in `docs/registry-format.md` §5.1):
/// EU `QES`, `advanced-with-QC`, `advanced`; RU `KC1`, `KC2`, `KC3`; IN
/// `class-1`, `class-2`, `class-3`, `aadhaar-ekyc`; KZ `nca-signing`,
/// `nca-authentication`. A registry whose EU, RU, IN or KZ vocabulary uses
/// other names recognises no certificate-borne claim of that jurisdiction
/// (a claim outside the vocabulary is ignored: the check fails closed).
///
/// ```
/// use sigbridge::profile::{AssuranceClaim, AssuranceLevel};
/// let mut claim = AssuranceClaim::default();
/// claim.levels.push(AssuranceLevel::EuQualified { qscd: true });
/// assert_eq!(sigbridge::registry::level_names(&claim), ["QES", "advanced-with-QC", "advanced"]);
/// ```
pub fn level_names(claim: &AssuranceClaim) -> Vec<String> {
    let mut out: Vec<&str> = Vec::new();
    let mut push = |names: &[&'static str]| {
        for n in names {
            if !out.contains(n) {
                out.push(n);
            }
        }
    };
    for level in &claim.levels {
        match level {
            AssuranceLevel::EuQualified { qscd: true } => {
                push(&["QES", "advanced-with-QC", "advanced"])
            }
            AssuranceLevel::EuQualified { qscd: false } => push(&["advanced-with-QC", "advanced"]),
            AssuranceLevel::EuAdvanced => push(&["advanced"]),
            AssuranceLevel::RuSignToolClass(c) => match c {
                RuSignToolClass::Kc1 => push(&["KC1"]),
                RuSignToolClass::Kc2 => push(&["KC2", "KC1"]),
                _ => push(&["KC3", "KC2", "KC1"]),
            },
            AssuranceLevel::InClass(3) => push(&["class-3", "class-2", "class-1"]),
            AssuranceLevel::InClass(2) => push(&["class-2", "class-1"]),
            AssuranceLevel::InClass(_) => push(&["class-1"]),
            AssuranceLevel::InAadhaarEkyc(_) => push(&["aadhaar-ekyc"]),
            AssuranceLevel::KzNcaSigning => push(&["nca-signing"]),
            AssuranceLevel::KzNcaAuthentication => push(&["nca-authentication"]),
        }
    }
    out.into_iter().map(String::from).collect()
}
