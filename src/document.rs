//! Trade documents: what was signed, and which kind of document it is.
//!
//! A document type is a UN/CEFACT UNTDID 1001 "document name code"; the
//! registry's agreements and the jurisdiction policies are scoped by it, and
//! an envelope carries it in its content-hints attribute (RFC 2634 §2.9).

use std::fmt;
use std::str::FromStr;

/// A UN/CEFACT UNTDID 1001 document name code, e.g. 380 (commercial invoice),
/// 861 (certificate of origin), 705 (bill of lading), 830 (customs declaration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentType(pub u16);

impl DocumentType {
    /// 380: commercial invoice.
    pub const COMMERCIAL_INVOICE: DocumentType = DocumentType(380);
    /// 861: certificate of origin.
    pub const CERTIFICATE_OF_ORIGIN: DocumentType = DocumentType(861);
    /// 705: bill of lading.
    pub const BILL_OF_LADING: DocumentType = DocumentType(705);
    /// 830: goods declaration for exportation (customs declaration).
    pub const CUSTOMS_DECLARATION: DocumentType = DocumentType(830);
}

impl fmt::Display for DocumentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UNTDID 1001 code {}", self.0)
    }
}

/// The document types an agreement covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentScope {
    /// Every document type.
    All,
    /// Only these.
    Only(Vec<DocumentType>),
}

impl DocumentScope {
    /// Whether `d` is in scope.
    pub fn covers(&self, d: DocumentType) -> bool {
        match self {
            DocumentScope::All => true,
            DocumentScope::Only(list) => list.contains(&d),
        }
    }
}

impl FromStr for DocumentType {
    type Err = String;

    /// Parses a bare code (`861`) or the content-hints form (`UNTDID-1001:861`).
    fn from_str(s: &str) -> Result<DocumentType, String> {
        let code = s.trim();
        let code = code.strip_prefix(CONTENT_HINT_PREFIX).unwrap_or(code);
        code.parse::<u16>().map(DocumentType).map_err(|_| {
            format!("'{s}' is not a UNTDID 1001 document code (a number such as 380 or 861)")
        })
    }
}

/// The prefix of a document type in a content-hints description, e.g. `UNTDID-1001:861`.
pub(crate) const CONTENT_HINT_PREFIX: &str = "UNTDID-1001:";

impl DocumentType {
    /// The content-hints description sigbridge writes for this type: `UNTDID-1001:<code>`.
    ///
    /// ```
    /// use sigbridge::DocumentType;
    /// assert_eq!(DocumentType::CERTIFICATE_OF_ORIGIN.content_hint(), "UNTDID-1001:861");
    /// assert_eq!("UNTDID-1001:861".parse(), Ok(DocumentType::CERTIFICATE_OF_ORIGIN));
    /// ```
    pub fn content_hint(&self) -> String {
        format!("{CONTENT_HINT_PREFIX}{}", self.0)
    }
}
