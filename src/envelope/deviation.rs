//! Real-world deviations from the CMS / CAdES rules that sigbridge
//! tolerates: each is named, has a stable code, is reported on the
//! signature (or the envelope) it was found in, and has a fixture. A
//! deviation never changes what a signature proves; it says how the
//! producer departed from the standard, so that a relying party can decide
//! whether it cares (and a strict option can refuse it).

use std::fmt;

use crate::Oid;

/// A tolerated deviation, on one signature or on the whole envelope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Deviation {
    /// NCA RK (KZ): the issuing CA asserts only the NCA's CA policy
    /// 1.2.398.3.3.1.1, so RFC 5280 §6.1 would not carry the signer's
    /// subscriber policies; they are carried (see
    /// [`crate::profile::kz::nca_subscriber_policies`]).
    KzNcaSubscriberPolicies {
        /// The subscriber policies carried, dotted.
        policies: Vec<String>,
    },
    // Issue 13 items 1 and 4: Chinese CA SDK output (GM/T 0010-2012) and
    // trailing bytes.
    /// Envelope level: a GM/T 0010-2012 content type (1.2.156.10197.6.1.4.2.x,
    /// as BJCA, CFCA and NETCA SDKs write) where RFC 5652 has id-signedData
    /// or id-data; EN 319 122-1 §4 builds CAdES on the RFC 5652 types.
    Gmt0010ContentType {
        /// Where: `ContentInfo.contentType` or `eContentType`.
        field: &'static str,
        /// The GM/T OID found.
        oid: Oid,
    },
    /// Signature level: the SM2 signature named by the bare SM2-1 OID
    /// (1.2.156.10197.1.301.1, GM/T 0006), the hash taken from
    /// digestAlgorithm, instead of sm2sign-with-sm3 (1.2.156.10197.1.501).
    Sm2BareSignatureOid,
    /// Signature level: the SM2 signature named by the SM2 *encryption* OID
    /// (1.2.156.10197.1.301.3, GM/T 0006 SM2-3), as one SDK writes.
    Sm2EncryptionOid,
    /// Signature level: the SM2 signature is over e = SM3(M), without the
    /// Z value GB/T 32918.2 §6.1 requires (e = SM3(Z ‖ M)); it verified only
    /// that way. Tried only after the GB/T form failed, and only over signed
    /// attributes (over raw content, a GB/T signature on X would pass as a
    /// Z-less one on Z ‖ X).
    Sm2WithoutZ,
    /// Envelope level: padding after a complete ContentInfo (a fixed-size
    /// buffer written whole), never read, hashed or signed over.
    TrailingBytes {
        /// How many bytes followed the ContentInfo.
        count: usize,
    },
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
    /// Signature level: a CRL that decided the revocation status of the
    /// signer's path names its signature algorithm with NULL parameters in
    /// one copy and none in the other (RFC 5280 §5.1.1.2 wants identical
    /// copies), as the NCA RK writes its GOST CRLs; read as the same
    /// algorithm ([`crate::path::CrlDeviation::SignatureParametersNullVsAbsent`]).
    CrlSignatureParametersNullVsAbsent {
        /// The CRL issuer.
        issuer: String,
    },
}

impl Deviation {
    /// The stable code (`DEVIATION_…`), listed in docs/report-format.md.
    pub fn code(&self) -> &'static str {
        match self {
            Deviation::KzNcaSubscriberPolicies { .. } => "DEVIATION_KZ_NCA_SUBSCRIBER_POLICIES",
            Deviation::Gmt0010ContentType { .. } => "DEVIATION_GMT0010_CONTENT_TYPE",
            Deviation::Sm2BareSignatureOid => "DEVIATION_SM2_BARE_SIGNATURE_OID",
            Deviation::Sm2EncryptionOid => "DEVIATION_SM2_ENCRYPTION_OID",
            Deviation::Sm2WithoutZ => "DEVIATION_SM2_WITHOUT_Z",
            Deviation::TrailingBytes { .. } => "DEVIATION_TRAILING_BYTES",
            Deviation::SignedAttributesResorted => "DEVIATION_SIGNED_ATTRIBUTES_RESORTED",
            Deviation::SignedAttributesNotDerOrder => "DEVIATION_SIGNED_ATTRIBUTES_NOT_DER_ORDER",
            Deviation::DigestInfoWithoutNull => "DEVIATION_DIGEST_INFO_WITHOUT_NULL",
            Deviation::CrlSignatureParametersNullVsAbsent { .. } => {
                "DEVIATION_CRL_SIGNATURE_PARAMETERS"
            }
        }
    }

    /// The parameters of the message, by name, for a translator.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            Deviation::KzNcaSubscriberPolicies { policies } => {
                vec![("policies", policies.join(", "))]
            }
            Deviation::Gmt0010ContentType { field, oid } => {
                vec![("field", (*field).to_owned()), ("oid", oid.to_string())]
            }
            Deviation::Sm2BareSignatureOid
            | Deviation::Sm2EncryptionOid
            | Deviation::Sm2WithoutZ => Vec::new(),
            Deviation::TrailingBytes { count } => vec![("count", count.to_string())],
            Deviation::SignedAttributesResorted
            | Deviation::SignedAttributesNotDerOrder
            | Deviation::DigestInfoWithoutNull => Vec::new(),
            Deviation::CrlSignatureParametersNullVsAbsent { issuer } => {
                vec![("issuer", issuer.clone())]
            }
        }
    }
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Deviation::KzNcaSubscriberPolicies { policies } => write!(
                f,
                "the NCA RK issuing CA asserts only the NCA CA policy 1.2.398.3.3.1.1; the signer's subscriber policies ({}) are carried as NCA RK issues them, although RFC 5280 §6.1 would not carry them",
                policies.join(", ")
            ),
            Deviation::Gmt0010ContentType { field, oid } => write!(
                f,
                "{field} is the GM/T 0010-2012 OID {oid}, not the RFC 5652 one (read as its RFC 5652 counterpart)"
            ),
            Deviation::Sm2BareSignatureOid => f.write_str(
                "the SM2 signature is named by the bare SM2-1 OID 1.2.156.10197.1.301.1, not sm2sign-with-sm3 (1.2.156.10197.1.501)",
            ),
            Deviation::Sm2EncryptionOid => f.write_str(
                "the SM2 signature is named by the SM2 encryption OID 1.2.156.10197.1.301.3, not sm2sign-with-sm3 (1.2.156.10197.1.501)",
            ),
            Deviation::Sm2WithoutZ => f.write_str(
                "the SM2 signature covers SM3(M) without the signer's Z value (GB/T 32918.2 §6.1 requires SM3(Z || M)); it does not bind the signer's identity",
            ),
            Deviation::TrailingBytes { count } => write!(
                f,
                "{count} byte(s) of padding after the ContentInfo, ignored (not part of the signed data)"
            ),
            Deviation::SignedAttributesResorted => f.write_str(
                "the signed attributes are transmitted out of DER order but were signed in DER order (RFC 5652 §5.4, X.690 §11.6): verified over the DER re-encoding",
            ),
            Deviation::SignedAttributesNotDerOrder => f.write_str(
                "the signed attributes are not in DER order (X.690 §11.6) and were signed as transmitted: verified as received; validators that re-encode to DER (Bouncy Castle, EU DSS) will refuse this signature",
            ),
            Deviation::DigestInfoWithoutNull => f.write_str(
                "the RSA PKCS#1 v1.5 DigestInfo omits the NULL hash parameters (RFC 8017 §9.2 Note 1 asks for NULL): accepted as the fixed alternative encoding",
            ),
            Deviation::CrlSignatureParametersNullVsAbsent { issuer } => write!(
                f,
                "the CRL of {issuer} that decided revocation names its signature algorithm with NULL parameters in one copy and none in the other (RFC 5280 §5.1.1.2 wants identical copies): read as the same algorithm"
            ),
        }
    }
}
