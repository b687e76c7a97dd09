//! Real-world deviations from the CMS / CAdES rules that sigbridge
//! tolerates: each is named, has a stable code, is reported on the
//! signature (or the envelope) it was found in, and has a fixture. A
//! deviation never changes what a signature proves; it says how the
//! producer departed from the standard, so that a relying party can decide
//! whether it cares (and a strict option can refuse it).

use std::fmt;

/// A tolerated deviation, on one signature or on the whole envelope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Deviation {
    // Signature forms (issue 13 items 2 and 3).
    /// The signature covers the DER encoding of the signed attributes (the
    /// SET OF sorted, X.690 §11.6, as RFC 5652 §5.4 requires) but the
    /// envelope transmits them in another order: the producer (typically
    /// Bouncy Castle based) re-encoded before signing and wrote the
    /// original order. The bytes as received did not verify; the DER
    /// re-encoding did.
    SignedAttributesResorted,
    /// The signed attributes are not in DER order (X.690 §11.6) and the
    /// signature covers them as transmitted. Verified as received (what
    /// OpenSSL does); validators that re-encode to DER before verifying
    /// (Bouncy Castle, EU DSS) refuse such a signature, so a relying party
    /// passing it on should know.
    SignedAttributesNotDerOrder,
    /// The RSA PKCS#1 v1.5 DigestInfo names its hash without the NULL
    /// parameters (RFC 8017 §9.2 Note 1: the NULL form is the one to
    /// write; Wycheproof rates the other "acceptable", EU DSS accepts it).
    /// Matched against the fixed encoding, never parsed.
    DigestInfoWithoutNull,
}

impl Deviation {
    /// The stable code (`DEVIATION_…`), listed in docs/report-format.md.
    pub fn code(&self) -> &'static str {
        match self {
            Deviation::SignedAttributesResorted => "DEVIATION_SIGNED_ATTRIBUTES_RESORTED",
            Deviation::SignedAttributesNotDerOrder => "DEVIATION_SIGNED_ATTRIBUTES_NOT_DER_ORDER",
            Deviation::DigestInfoWithoutNull => "DEVIATION_DIGEST_INFO_WITHOUT_NULL",
        }
    }

    /// The parameters of the message, by name, for a translator.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            Deviation::SignedAttributesResorted
            | Deviation::SignedAttributesNotDerOrder
            | Deviation::DigestInfoWithoutNull => Vec::new(),
        }
    }
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Deviation::SignedAttributesResorted => f.write_str(
                "the signed attributes are transmitted out of DER order but were signed in DER order (RFC 5652 §5.4, X.690 §11.6): verified over the DER re-encoding",
            ),
            Deviation::SignedAttributesNotDerOrder => f.write_str(
                "the signed attributes are not in DER order (X.690 §11.6) and were signed as transmitted: verified as received; validators that re-encode to DER (Bouncy Castle, EU DSS) will refuse this signature",
            ),
            Deviation::DigestInfoWithoutNull => f.write_str(
                "the RSA PKCS#1 v1.5 DigestInfo omits the NULL hash parameters (RFC 8017 §9.2 Note 1 asks for NULL): accepted as the fixed alternative encoding",
            ),
        }
    }
}
