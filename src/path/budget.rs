//! Bounds on the work path building may do on hostile input.

use crate::error::PathError;

/// Work limits for one path-building call. Running out is the fatal
/// [`PathError::BudgetExceeded`]; defaults follow rustls-webpki
/// (`verify_cert.rs`), which chose them to stop pathological pools while
/// never affecting real PKIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Budget {
    /// Signature verifications (webpki: 100).
    pub signatures: usize,
    /// Calls of the path-extension step (webpki: 200,000).
    pub build_calls: usize,
    /// Name-constraint comparisons. BoringSSL / Chromium allow 2^20
    /// (`name_constraints.cc`), which their `many-names` tests pin: a
    /// certificate with every name type under a large constraint set passes,
    /// slightly more fails. (webpki uses 250,000.)
    pub name_constraint_checks: usize,
    /// Certificates in a path, trust anchor excluded (webpki allows 6
    /// intermediates; national PKIs have at most 3: root, sub-CA, issuing CA).
    pub max_depth: usize,
    /// Signature checks of CRLs (and of their separate signers' links) for
    /// revocation. Kept apart from `signatures` so that CRLs a third party
    /// adds to an envelope (its `crls` field is not signed, RFC 5652 §5.1)
    /// can never starve path building; running out is not fatal: the CRLs
    /// not checked leave the status unknown (RFC 5280 §6.3.3 (k)), which a
    /// revocation-requiring policy refuses as INDETERMINATE.
    pub crl_signatures: usize,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            signatures: 100,
            build_calls: 200_000,
            name_constraint_checks: 1 << 20,
            max_depth: 8,
            // Four CRLs per certificate of a full-depth path, each perhaps
            // with a separate CRL signer: far above any real PKI.
            crl_signatures: 64,
        }
    }
}

impl Budget {
    /// The budget of one whole document (all its SignerInfos and
    /// countersignatures, their paths and revocation checks): a few
    /// signers' worth of [`Budget::default`]. One budget per document, not
    /// per SignerInfo, so that repeating a small SignerInfo cannot multiply
    /// the work (issue 12 item 10); the depth limit stays per path.
    pub fn per_document() -> Budget {
        let one = Budget::default();
        Budget {
            signatures: one.signatures * 4,
            build_calls: one.build_calls * 2,
            name_constraint_checks: one.name_constraint_checks * 2,
            max_depth: one.max_depth,
            crl_signatures: one.crl_signatures * 4,
        }
    }

    /// The smaller of each limit (a path's own limit within what a document has left).
    pub(crate) fn min(self, other: Budget) -> Budget {
        Budget {
            signatures: self.signatures.min(other.signatures),
            build_calls: self.build_calls.min(other.build_calls),
            name_constraint_checks: self
                .name_constraint_checks
                .min(other.name_constraint_checks),
            max_depth: self.max_depth.min(other.max_depth),
            crl_signatures: self.crl_signatures.min(other.crl_signatures),
        }
    }

    /// What was spent between `start` and `self` (`self` taken from `start`).
    pub(crate) fn spent_since(self, start: Budget) -> Budget {
        Budget {
            signatures: start.signatures.saturating_sub(self.signatures),
            build_calls: start.build_calls.saturating_sub(self.build_calls),
            name_constraint_checks: start
                .name_constraint_checks
                .saturating_sub(self.name_constraint_checks),
            max_depth: 0,
            crl_signatures: start.crl_signatures.saturating_sub(self.crl_signatures),
        }
    }

    /// Whether every counter has at least `cost` left.
    pub(crate) fn covers(&self, cost: &Budget) -> bool {
        self.signatures >= cost.signatures
            && self.build_calls >= cost.build_calls
            && self.name_constraint_checks >= cost.name_constraint_checks
            && self.crl_signatures >= cost.crl_signatures
    }

    /// Takes `cost` (what [`Budget::spent_since`] measured) from every counter.
    pub(crate) fn take(&mut self, cost: &Budget) {
        self.signatures = self.signatures.saturating_sub(cost.signatures);
        self.build_calls = self.build_calls.saturating_sub(cost.build_calls);
        self.name_constraint_checks = self
            .name_constraint_checks
            .saturating_sub(cost.name_constraint_checks);
        self.crl_signatures = self.crl_signatures.saturating_sub(cost.crl_signatures);
    }

    /// Charges one CRL signature check; `false` when none is left (not fatal).
    pub(crate) fn charge_crl_signature(&mut self) -> bool {
        match self.crl_signatures.checked_sub(1) {
            Some(n) => {
                self.crl_signatures = n;
                true
            }
            None => false,
        }
    }

    pub(crate) fn charge_signature(&mut self) -> Result<(), PathError> {
        self.signatures = self
            .signatures
            .checked_sub(1)
            .ok_or(PathError::BudgetExceeded {
                what: "signature checks",
            })?;
        Ok(())
    }

    pub(crate) fn charge_build_call(&mut self) -> Result<(), PathError> {
        self.build_calls = self
            .build_calls
            .checked_sub(1)
            .ok_or(PathError::BudgetExceeded {
                what: "path-building steps",
            })?;
        Ok(())
    }

    pub(crate) fn charge_name_constraint(&mut self) -> Result<(), PathError> {
        self.name_constraint_checks =
            self.name_constraint_checks
                .checked_sub(1)
                .ok_or(PathError::BudgetExceeded {
                    what: "name-constraint comparisons",
                })?;
        Ok(())
    }
}
