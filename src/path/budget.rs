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
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            signatures: 100,
            build_calls: 200_000,
            name_constraint_checks: 1 << 20,
            max_depth: 8,
        }
    }
}

impl Budget {
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
