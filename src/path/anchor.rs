//! Trust anchors: a CA name and key (RFC 5914 §1, RFC 5280 §6.1.1 (d)).

use crate::cert::{Certificate, DistinguishedName, NameConstraints};
use crate::crypto::PublicKeyInfo;
use crate::error::VerifyError;

/// A trust anchor: a name and a public key, optionally with the name
/// constraints and the certificate it came from. An anchor does not expire
/// with its certificate: it is trusted for as long as the caller lists it
/// (the registry records listing periods).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustAnchor {
    name: DistinguishedName,
    key: PublicKeyInfo,
    name_constraints: Option<NameConstraints>,
    certificate: Option<Certificate>,
    enforce_certificate: bool,
}

impl TrustAnchor {
    /// An anchor from a (usually self-signed) CA certificate: its subject,
    /// its key, and its name constraints (RFC 5937 §3: constraints in the
    /// anchor certificate are enforced).
    pub fn from_certificate(cert: &Certificate) -> Result<TrustAnchor, VerifyError> {
        Ok(TrustAnchor {
            name: cert.subject().clone(),
            key: cert.public_key_info()?,
            name_constraints: cert.name_constraints().cloned(),
            certificate: Some(cert.clone()),
            enforce_certificate: false,
        })
    }

    /// An anchor whose certificate's own constraints are enforced (RFC 5937
    /// §3): it is processed as the first certificate of every path, so its
    /// basicConstraints (cA, pathLenConstraint), keyUsage, certificate
    /// policies, policy mappings, policy constraints, inhibitAnyPolicy and
    /// name constraints apply — as BoringSSL's
    /// `TRUSTED_ANCHOR_WITH_CONSTRAINTS`. Extensions the anchor lacks place no
    /// constraint: no certificatePolicies means any policy, no
    /// basicConstraints means no path-length limit (an explicit cA FALSE is
    /// refused with [`PathError::NotCa`](crate::PathError::NotCa)).
    ///
    /// # Errors
    /// [`VerifyError`] when the certificate's public key cannot be read.
    pub fn from_certificate_with_constraints(
        cert: &Certificate,
    ) -> Result<TrustAnchor, VerifyError> {
        let mut anchor = TrustAnchor::from_certificate(cert)?;
        anchor.enforce_certificate = true;
        anchor.name_constraints = None; // applied through the certificate itself
        Ok(anchor)
    }

    /// Whether the anchor certificate's constraints are enforced.
    pub fn enforces_certificate_constraints(&self) -> bool {
        self.enforce_certificate && self.certificate.is_some()
    }

    /// An anchor from a name and a key alone.
    pub fn new(name: DistinguishedName, key: PublicKeyInfo) -> TrustAnchor {
        TrustAnchor {
            name,
            key,
            name_constraints: None,
            certificate: None,
            enforce_certificate: false,
        }
    }

    /// The anchor's name.
    pub fn name(&self) -> &DistinguishedName {
        &self.name
    }

    /// The anchor's key.
    pub fn key(&self) -> &PublicKeyInfo {
        &self.key
    }

    /// The anchor's name constraints, if any.
    pub fn name_constraints(&self) -> Option<&NameConstraints> {
        self.name_constraints.as_ref()
    }

    /// The certificate the anchor was made from, if any.
    pub fn certificate(&self) -> Option<&Certificate> {
        self.certificate.as_ref()
    }

    /// The anchor's subject key identifier, if its certificate has one.
    pub(crate) fn subject_key_id(&self) -> Option<&[u8]> {
        self.certificate
            .as_ref()
            .and_then(Certificate::subject_key_id)
    }
}
