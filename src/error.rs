//! Errors: one `#[non_exhaustive]` enum per layer, wrapped by the crate [`Error`].
//!
//! Messages name what was being read and, where the caller can do something
//! about it, what to do.

use crate::cert::Deviation;
use crate::{Oid, Time};

/// Why a certificate (or a bundle of certificates) could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CertError {
    /// The input held no certificate at all.
    #[error(
        "no certificate found: expected DER, PEM (BEGIN CERTIFICATE) or a certs-only PKCS#7 bundle"
    )]
    NoCertificate,
    /// A PEM block could not be decoded.
    #[error("malformed PEM: {reason}")]
    Pem {
        /// What was wrong.
        reason: String,
    },
    /// The bytes are not DER at all (truncated, indefinite length, wrong structure).
    #[error("malformed DER in {what}: {reason}")]
    Der {
        /// The structure being read, e.g. `certificate` or `subject`.
        what: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// Bytes follow the end of the certificate (RFC 5280 §4.1 / X.690 §10: one DER value).
    #[error("{len} byte(s) of trailing data after the {what}; strip them or split the input")]
    TrailingData {
        /// The structure that ended early, e.g. `certificate`.
        what: &'static str,
        /// How many bytes followed it.
        len: usize,
    },
    /// The certificate deviates from strict DER / RFC 5280 in a way that real
    /// CAs sometimes do; it is refused under the strict default.
    #[error("{deviation}; it is refused by default: parse with a Leniency that tolerates {kind:?} to accept it", kind = deviation.kind())]
    Deviation {
        /// The deviation found.
        deviation: Deviation,
    },
    /// The certificate is structurally valid DER but not a valid X.509 certificate.
    #[error("invalid certificate {what}: {reason}")]
    Malformed {
        /// The field, e.g. `version` or `validity`.
        what: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// A version other than v1, v2 or v3 (RFC 5280 §4.1.2.1).
    #[error("unsupported certificate version {version} (RFC 5280 §4.1.2.1 allows v1, v2, v3)")]
    UnsupportedVersion {
        /// The encoded version number (0 = v1).
        version: u64,
    },
    /// A recognised extension whose value is malformed.
    #[error("malformed {name} extension ({oid}): {reason}")]
    Extension {
        /// The extension OID.
        oid: Oid,
        /// The extension's name.
        name: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// The same extension appears twice (RFC 5280 §4.2).
    #[error("extension {oid} appears more than once (RFC 5280 §4.2 forbids it)")]
    DuplicateExtension {
        /// The repeated extension OID.
        oid: Oid,
    },
    /// A known algorithm with malformed parameters or key.
    #[error("malformed {what} for {algorithm}: {reason}")]
    Algorithm {
        /// `signature algorithm` or `subject public key`.
        what: &'static str,
        /// The algorithm OID.
        algorithm: Oid,
        /// What was wrong.
        reason: String,
    },
    /// A PKCS#7 / CMS bundle could not be read.
    #[error("malformed PKCS#7 certificate bundle: {reason}")]
    Pkcs7 {
        /// What was wrong.
        reason: String,
    },
    /// A certificate inside a bundle failed; `index` counts from 0.
    #[error("certificate #{index} in the bundle: {source}")]
    InBundle {
        /// Position of the failing certificate.
        index: usize,
        /// Why it failed.
        source: Box<CertError>,
    },
}

/// Why a signature was not verified. [`VerifyError::BadSignature`] is the
/// only variant that means "cryptographically wrong"; the others mean the
/// inputs could not be checked at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The signature does not verify under the key (EN 319 102-1 SIG_CRYPTO_FAILURE).
    #[error("the {algorithm} signature does not verify under the given key")]
    BadSignature {
        /// The signature algorithm, by name.
        algorithm: String,
    },
    /// No registered verifier handles this algorithm. Register one through
    /// [`crate::crypto::Verifiers::with`] (the crypto seam) to check it.
    #[error(
        "{name} ({oid}) cannot be verified here: no verifier is registered for it; plug one in with Verifiers::with"
    )]
    UnsupportedAlgorithm {
        /// The algorithm OID (signature or key).
        oid: Oid,
        /// Its name, e.g. `GOST R 34.10-2012-256 with GOST R 34.11-2012-256`.
        name: String,
    },
    /// The key cannot make signatures of this algorithm (e.g. an RSA
    /// signature with an EC key, PKCS#1 v1.5 with a PSS-restricted key).
    #[error("a {key} key cannot verify a {signature} signature")]
    KeyMismatch {
        /// The key algorithm, by name.
        key: String,
        /// The signature algorithm, by name.
        signature: String,
    },
    /// The SubjectPublicKeyInfo or the key inside it is malformed.
    #[error("malformed public key: {reason}")]
    MalformedKey {
        /// What was wrong.
        reason: String,
    },
    /// The signature value is malformed (bad DER, wrong length, out of range).
    #[error("malformed {algorithm} signature value: {reason}")]
    MalformedSignature {
        /// The signature algorithm, by name.
        algorithm: String,
        /// What was wrong.
        reason: String,
    },
    /// The algorithm's parameters are malformed or not allowed (RFC 4055, RFC 5758).
    #[error("bad parameters for {algorithm}: {reason}")]
    BadParameters {
        /// The algorithm, by name.
        algorithm: String,
        /// What was wrong.
        reason: String,
    },
}

/// Why a signer could not be built or could not sign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The private key does not belong to the certificate's public key.
    #[error(
        "the private key does not match the certificate of {subject}; load the key that was certified"
    )]
    KeyMismatch {
        /// The certificate subject.
        subject: String,
    },
    /// A key type or scheme this crate cannot sign with.
    #[error(
        "cannot sign with {algorithm}: supported are RSA (PKCS#1 v1.5, PSS), ECDSA P-256/P-384, SM2, GOST R 34.10-2012 (256, 512), KZ GOST 34.310-2004 and 34.10-2015, bign-256"
    )]
    UnsupportedKey {
        /// What was asked for.
        algorithm: String,
    },
    /// The PKCS#8 structure could not be read.
    #[error("malformed PKCS#8 private key: {reason}")]
    Pkcs8 {
        /// What was wrong.
        reason: String,
    },
    /// An encrypted PKCS#8 key did not decrypt (wrong password or unsupported cipher).
    #[error(
        "the encrypted private key did not decrypt: wrong password, or a cipher other than PBES2 (PBKDF2/scrypt, AES-CBC)"
    )]
    Decryption,
    /// The signing operation itself failed (e.g. no system randomness, an HSM error).
    #[error("signing failed: {reason}")]
    Backend {
        /// What the backend said.
        reason: String,
    },
    /// A PKCS#12 key store could not be opened (wrong password, damaged or
    /// unsupported file) or holds no usable key and certificate.
    #[error(transparent)]
    KeyStore(#[from] crate::keystore::KeyStoreError),
}

/// Why an envelope (CMS SignedData, RFC 5652) could not be read, made, or
/// why one of its signatures does not verify. The per-signature variants
/// name the signer; [`EnvelopeError::DigestMismatch`] is EN 319 102-1
/// HASH_FAILURE and [`EnvelopeError::Signature`] with
/// [`VerifyError::BadSignature`] is SIG_CRYPTO_FAILURE.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// The bytes are not a well-formed envelope; `part` says what was being read.
    #[error("malformed envelope ({part}): {reason}")]
    Malformed {
        /// The structure being read, e.g. `SignerInfo.signedAttrs`.
        part: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// The ContentInfo holds something other than SignedData.
    #[error("the ContentInfo holds {content_type}, not SignedData (1.2.840.113549.1.7.2)")]
    NotSignedData {
        /// The content type found.
        content_type: Oid,
    },
    /// PEM input without a CMS / PKCS7 block.
    #[error("no 'CMS' or 'PKCS7' PEM block: {reason}")]
    Pem {
        /// What was wrong.
        reason: String,
    },
    /// Bare base64 input (no PEM armour) that does not decode to a CMS
    /// ContentInfo: bad padding or symbols, or not a SEQUENCE.
    #[error("bare base64 input is not a CMS envelope: {reason}")]
    Base64 {
        /// What was wrong.
        reason: String,
    },
    /// The envelope is detached and no content was given.
    #[error("the envelope is detached: pass the signed document as content")]
    MissingContent,
    /// Content was given for an envelope that already carries its content.
    #[error("the envelope already encapsulates its content; do not pass detached content")]
    ContentConflict,
    /// Reading the detached content failed.
    #[error("reading the content failed: {reason}")]
    Io {
        /// The I/O error.
        reason: String,
    },
    /// A signer without signed attributes signs the content itself, which
    /// the one-pass reader cannot give to the verifier.
    #[error(
        "signer {signer} has no signed attributes, so its signature covers the raw content: verify from bytes, not from a reader"
    )]
    ContentNeededInMemory {
        /// The signer.
        signer: String,
    },
    /// No certificate (in the envelope or given by the caller) matches the SignerIdentifier.
    #[error(
        "no certificate for signer {signer} in the envelope or among the {given} given; pass the signer's certificate"
    )]
    SignerCertificateNotFound {
        /// The SignerIdentifier, described.
        signer: String,
        /// How many certificates the caller passed.
        given: usize,
    },
    /// A certificate the envelope carries is the signer's (its issuer and
    /// serial, or its subjectKeyIdentifier, match the SignerIdentifier) but
    /// does not parse; or, when `issuer` and `serial` are `None`, no
    /// certificate matches and this one is too broken to tell whose it is.
    #[error(
        "signer {signer}: {} certificates[{index}] of the envelope{} does not parse: {error}; \
         if it is a deviation, parse it with a Leniency that tolerates it and pass it among the extra certificates",
        if issuer.is_some() { "its certificate is there, but" } else { "no certificate matches, and" },
        match (issuer, serial) {
            (Some(i), Some(s)) => format!(" (issuer {i}, serial {s})"),
            _ => " (issuer and serial unreadable)".to_owned(),
        }
    )]
    SignerCertificateUnreadable {
        /// The SignerIdentifier, described.
        signer: String,
        /// The certificate's position in [`crate::envelope::Envelope::certificates`].
        index: usize,
        /// Its issuer, as far as it can be read.
        issuer: Option<String>,
        /// Its serial number in hex, as far as it can be read.
        serial: Option<String>,
        /// Why it does not parse.
        error: Box<CertError>,
    },
    /// A digest algorithm outside what sigbridge can compute.
    #[error("digest algorithm {name} ({oid}) cannot be computed here")]
    UnsupportedDigest {
        /// The digest OID.
        oid: Oid,
        /// Its name.
        name: String,
    },
    /// The digest algorithm and the signature algorithm name different hashes
    /// (RFC 5652 §5.4, RFC 5754 §3). Kept strict on purpose: which hash the
    /// signer applied to the signed attributes is ambiguous (OpenSSL uses
    /// the digestAlgorithm, EU DSS the signature algorithm and refuses),
    /// and a policy judges the signature algorithm's hash only.
    #[error(
        "signer {signer}: the SignerInfo's digestAlgorithm is {digest} but its signature algorithm is {signature}, which hashes with another algorithm; RFC 5652 §5.4 and RFC 5754 §3 require the two to name the same hash. The producer mixed them, so which hash was signed is ambiguous (EU DSS refuses such signatures too): re-sign with a signature algorithm that matches the digest algorithm"
    )]
    AlgorithmMismatch {
        /// The signer.
        signer: String,
        /// The SignerInfo digest algorithm.
        digest: String,
        /// The signature algorithm.
        signature: String,
    },
    /// The message-digest attribute differs from the digest of the content
    /// (EN 319 102-1 HASH_FAILURE): the document is not the one signed.
    #[error(
        "signer {signer}: the {algorithm} digest of the content does not match the signed message-digest (the document was changed or is not the one signed)"
    )]
    DigestMismatch {
        /// The signer.
        signer: String,
        /// The digest algorithm.
        algorithm: String,
    },
    /// The signature value does not verify, or cannot be checked.
    #[error("signer {signer}: {source}")]
    Signature {
        /// The signer.
        signer: String,
        /// What the signature check said.
        source: VerifyError,
    },
    /// A mandatory signed attribute is absent (RFC 5652 §5.3, EN 319 122-1 §5.2).
    /// Kept strict on purpose: without content-type the signature is not
    /// bound to what kind of content it signs (RFC 5652 §5.3: it MUST be
    /// present whenever signed attributes are), without message-digest not
    /// to the content at all.
    #[error(
        "signer {signer}: the {attribute} signed attribute is missing; RFC 5652 §5.3 and §11 require content-type and message-digest whenever there are signed attributes (content-type binds the signature to the kind of content, message-digest to the content itself). The producer left it out, and the signature cannot be accepted without it: re-sign with a CMS / CAdES tool that writes it"
    )]
    MissingAttribute {
        /// The signer.
        signer: String,
        /// The attribute name.
        attribute: &'static str,
    },
    /// An attribute that must occur once occurs more than once, or has more
    /// than one value (RFC 5652 §5.3, §11).
    #[error(
        "signer {signer}: the {attribute} attribute occurs more than once or has several values"
    )]
    DuplicateAttribute {
        /// The signer.
        signer: String,
        /// The attribute name.
        attribute: &'static str,
    },
    /// An attribute is not allowed where it is (RFC 5652 §11.1: no
    /// content-type in a countersignature).
    #[error("signer {signer}: the {attribute} attribute is not allowed here ({reason})")]
    ForbiddenAttribute {
        /// The signer.
        signer: String,
        /// The attribute name.
        attribute: &'static str,
        /// The rule.
        reason: &'static str,
    },
    /// An attribute value does not parse.
    #[error("signer {signer}: malformed {attribute} attribute: {reason}")]
    MalformedAttribute {
        /// The signer.
        signer: String,
        /// The attribute name.
        attribute: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// The content-type attribute differs from the eContentType (RFC 5652 §11.1).
    #[error(
        "signer {signer}: the signed content-type {attribute} differs from the envelope's encapsulated content type"
    )]
    ContentTypeMismatch {
        /// The signer.
        signer: String,
        /// The signed content-type (the envelope's is [`crate::envelope::Envelope::content_type`]).
        attribute: Oid,
    },
    /// The content type is not id-data but there are no signed attributes
    /// (RFC 5652 §5.3 requires them then).
    #[error(
        "signer {signer}: content type {content_type} requires signed attributes (RFC 5652 §5.3)"
    )]
    SignedAttributesRequired {
        /// The signer.
        signer: String,
        /// The eContentType.
        content_type: Oid,
    },
    /// The signing-certificate(-v2) attribute names another certificate than
    /// the one the signature verifies with (RFC 5035 §3, EN 319 122-1 §5.2.2).
    #[error(
        "signer {signer}: the signing-certificate attribute names another certificate (hash {referenced}) than the one the signature verifies with"
    )]
    SigningCertificateMismatch {
        /// The signer (subject of the certificate the signature verifies with).
        signer: String,
        /// The certificate hash the attribute holds, in hex.
        referenced: String,
    },
    /// A SignerInfo index that does not exist.
    #[error("the envelope has {count} signer(s); there is no signer #{index}")]
    NoSuchSigner {
        /// The index asked for.
        index: usize,
        /// How many there are.
        count: usize,
    },
    /// The signer is to be named by subjectKeyIdentifier but its certificate has none.
    #[error(
        "the certificate of {subject} has no subjectKeyIdentifier; identify the signer by issuer and serial"
    )]
    MissingKeyIdentifier {
        /// The certificate subject.
        subject: String,
    },
    /// Making a signature failed.
    #[error(transparent)]
    Sign(#[from] SignError),
}

/// Why an RFC 3161 time-stamp token, request or response could not be read,
/// made or accepted ([`crate::tsp`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TspError {
    /// The bytes are not a well-formed time-stamp structure; `what` names the field being read.
    #[error("malformed time-stamp structure ({what}): {reason}")]
    Malformed {
        /// The structure being read, e.g. `TSTInfo.genTime`.
        what: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// The SignedData does not encapsulate a TSTInfo (RFC 3161 §2.4.2: eContentType id-ct-TSTInfo).
    #[error(
        "not a time-stamp token: the envelope holds {content_type}, not id-ct-TSTInfo (1.2.840.113549.1.9.16.1.4); pass the token itself, not the signed document"
    )]
    NotATimeStampToken {
        /// The content type found.
        content_type: Oid,
    },
    /// A time-stamp token must have exactly one signer (RFC 3161 §2.4.2).
    #[error(
        "a time-stamp token has exactly one SignerInfo (RFC 3161 §2.4.2); this one has {count}"
    )]
    SignerCount {
        /// How many SignerInfos the token has.
        count: usize,
    },
    /// A critical extension in a TSTInfo or request that this crate does not process.
    #[error(
        "the time-stamp carries the critical extension {oid}, which sigbridge does not process; it cannot be accepted"
    )]
    UnknownCriticalExtension {
        /// The extension OID.
        oid: Oid,
    },
    /// The token's message imprint is not the hash of the data it is said to stamp.
    #[error(
        "the time-stamp's message imprint does not match the data: the token stamps other bytes (or the data was changed)"
    )]
    ImprintMismatch,
    /// The message imprint's hash algorithm cannot be computed here.
    #[error(
        "the time-stamp's imprint hash {oid} cannot be computed here; ask the TSA for SHA-256 or SHA-384"
    )]
    UnsupportedImprintHash {
        /// The hash algorithm OID.
        oid: Oid,
    },
    /// The token's signature (its SignedData) does not verify.
    #[error("the time-stamp token's signature does not verify: {0}")]
    Signature(EnvelopeError),
    /// No ESS signing-certificate(-v2) attribute: RFC 3161 §2.4.1 and RFC 5816 §2.2.1 require one.
    #[error(
        "the time-stamp token has no signing-certificate or signing-certificate-v2 attribute, which RFC 3161 §2.4.1 / RFC 5816 §2.2.1 require; the TSA is not conformant"
    )]
    MissingSigningCertificate,
    /// The TSA certificate's extended key usage breaks RFC 3161 §2.3.
    #[error(
        "the TSA certificate of {subject} cannot sign time-stamps: {why} (RFC 3161 §2.3 requires extendedKeyUsage with id-kp-timeStamping as its only purpose, marked critical)"
    )]
    TsaExtendedKeyUsage {
        /// The TSA certificate's subject.
        subject: String,
        /// What is wrong with its extendedKeyUsage.
        why: crate::tsp::EkuProblem,
    },
    /// The TSA refused the request (RFC 3161 §2.4.2 PKIStatusInfo).
    #[error(
        "the TSA answered {status}{}{}",
        if strings.is_empty() { String::new() } else { format!(": {}", strings.join("; ")) },
        fail_info.map(|f| format!(" (failInfo {f})")).unwrap_or_default()
    )]
    Rejected {
        /// The status.
        status: crate::tsp::PkiStatus,
        /// The TSA's free text.
        strings: Vec<String>,
        /// The failure bits, when given.
        fail_info: Option<crate::tsp::FailInfo>,
    },
    /// The response's nonce is not the request's (RFC 3161 §2.4.2): a replayed or misrouted response.
    #[error(
        "the time-stamp's nonce differs from the request's (or is missing): the response is replayed or answers another request"
    )]
    NonceMismatch,
    /// The token's policy is not the one requested (RFC 3161 §2.4.2).
    #[error(
        "the time-stamp was issued under another policy than the one requested; ask the TSA for a policy it supports"
    )]
    PolicyMismatch,
    /// A granted response without a token.
    #[error("the TSA granted the request but sent no time-stamp token")]
    NoToken,
    /// certReq was set but the token does not carry the TSA certificate (RFC 3161 §2.4.1).
    #[error(
        "the request asked for the TSA certificate (certReq) but the token does not carry it (RFC 3161 §2.4.1)"
    )]
    MissingCertificate,
    /// The caller's transport to the TSA failed.
    #[error("the time-stamp request could not be delivered: {0}")]
    Transport(String),
    /// A SignerInfo index that does not exist.
    #[error("the envelope has {count} signer(s); there is no signer #{index}")]
    NoSuchSigner {
        /// The index asked for.
        index: usize,
        /// How many there are.
        count: usize,
    },
    /// The token's SignedData could not be read, or the augmented envelope could not be made.
    #[error(transparent)]
    Envelope(EnvelopeError),
}

/// Why an OCSP response (RFC 6960) could not be read, or may not decide a
/// certificate's revocation status ([`crate::path::OcspResponse`],
/// [`crate::path::check_ocsp`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OcspError {
    /// The bytes are not a well-formed DER OCSP response; `what` names the field being read.
    #[error(
        "malformed OCSP response ({what}): {reason}; supply the DER OCSPResponse exactly as the responder sent it"
    )]
    Malformed {
        /// The structure being read, e.g. `producedAt`.
        what: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// The responder did not answer with a response (RFC 6960 §4.2.1 responseStatus).
    #[error("the OCSP responder answered {status}, not a response; ask it again or use a CRL")]
    Unsuccessful {
        /// The responseStatus.
        status: crate::path::OcspResponseStatus,
    },
    /// responseBytes of a type other than id-pkix-ocsp-basic.
    #[error(
        "the OCSP response is of type {oid}; only id-pkix-ocsp-basic (1.3.6.1.5.5.7.48.1.1, RFC 6960 §4.2.1) is read"
    )]
    UnsupportedResponseType {
        /// The responseType.
        oid: Oid,
    },
    /// A critical extension this crate does not process.
    #[error(
        "the OCSP response carries the critical extension {oid}, which sigbridge does not process; it cannot be used"
    )]
    UnknownCriticalExtension {
        /// The extension OID.
        oid: Oid,
    },
    /// No SingleResponse names the certificate (CertID, RFC 6960 §4.1.1).
    #[error(
        "the OCSP response says nothing about {subject} (no CertID matches its issuer and serial number); supply the response for this certificate"
    )]
    NoMatchingResponse {
        /// The certificate.
        subject: String,
    },
    /// The CertID hash cannot be computed here.
    #[error(
        "the OCSP response identifies certificates with the hash {oid}, which sigbridge cannot compute; ask for SHA-1 or SHA-256 CertIDs"
    )]
    UnsupportedCertIdHash {
        /// The hash algorithm OID.
        oid: Oid,
    },
    /// No certificate matches the responderID.
    #[error(
        "the OCSP responder ({responder}) is neither the certificate's CA nor a certificate in the response or the pool; supply the responder's certificate"
    )]
    ResponderNotFound {
        /// The responderID.
        responder: String,
    },
    /// The responder may not answer for this certificate (RFC 6960 §4.2.2.2).
    #[error(
        "the OCSP responder {responder} is not authorised for this certificate: {why} (RFC 6960 §4.2.2.2)"
    )]
    ResponderNotAuthorized {
        /// The responder certificate's subject.
        responder: String,
        /// What is wrong.
        why: crate::path::ResponderProblem,
    },
    /// The response's signature does not verify under the responder's key.
    #[error(
        "the OCSP response's signature does not verify under the key of {responder}: the response was altered or signed by another key"
    )]
    Signature {
        /// The responder.
        responder: String,
    },
    /// A delegated responder without id-pkix-ocsp-nocheck whose own status could not be shown good (RFC 6960 §4.2.2.2.1).
    #[error(
        "the OCSP responder {responder} has no id-pkix-ocsp-nocheck and its own revocation status is not established: {reason}; supply a CRL or OCSP response for it from its CA"
    )]
    ResponderStatus {
        /// The responder certificate's subject.
        responder: String,
        /// Why its status is not established.
        reason: String,
    },
    /// producedAt or thisUpdate is after the validation time.
    #[error(
        "the OCSP response's {what} ({time}) is after the validation time ({validation_time}); it cannot speak for that time"
    )]
    Premature {
        /// `producedAt` or `thisUpdate`.
        what: &'static str,
        /// The time in the response.
        time: Time,
        /// The validation time.
        validation_time: Time,
    },
    /// nextUpdate has passed at the time judged (RFC 6960 §4.2.2.1).
    #[error(
        "the OCSP response is stale: its nextUpdate ({next_update}) is before {at}; supply a newer response"
    )]
    Stale {
        /// nextUpdate.
        next_update: Time,
        /// The time judged.
        at: Time,
    },
    /// No nextUpdate, and thisUpdate is older than the maximum age (RFC 6960 §4.2.2.1, §2.4).
    #[error(
        "the OCSP response has no nextUpdate and its thisUpdate ({this_update}) is more than {max_age_seconds} s before {at}; supply a newer response"
    )]
    TooOld {
        /// thisUpdate.
        this_update: Time,
        /// The maximum age allowed.
        max_age_seconds: u64,
        /// The time judged.
        at: Time,
    },
    /// The revocation budget ran out before the response could be checked.
    #[error(
        "the revocation budget of signature checks ran out before the OCSP response could be checked"
    )]
    BudgetExceeded,
}

/// Why no valid certification path was found (RFC 5280 §6). Every
/// variant names the certificate it is about by subject.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PathError {
    /// No issuer for this certificate among the intermediates and anchors.
    #[error(
        "no issuer found for {subject}: supply its CA certificate or a trust anchor for {issuer}"
    )]
    UnknownIssuer {
        /// The certificate without issuer.
        subject: String,
        /// The issuer name it asks for.
        issuer: String,
    },
    /// The certificate was not yet valid at the validation time.
    #[error("{subject} is not valid before {not_before} (validation time {at})")]
    NotYetValid {
        /// The certificate.
        subject: String,
        /// Its notBefore.
        not_before: Time,
        /// The validation time.
        at: Time,
    },
    /// The certificate had expired at the validation time.
    #[error("{subject} expired at {not_after} (validation time {at})")]
    Expired {
        /// The certificate.
        subject: String,
        /// Its notAfter.
        not_after: Time,
        /// The validation time.
        at: Time,
    },
    /// The issuer's signature on the certificate does not verify, or cannot be checked.
    #[error("signature on {subject}: {error}")]
    Signature {
        /// The certificate.
        subject: String,
        /// What the verifier said.
        error: VerifyError,
    },
    /// A signature with a broken hash (SHA-1, MD5) in the path, refused
    /// unless `ValidationOptions::allow_weak_signatures` is set.
    #[error(
        "{subject} is signed with {algorithm}, a broken hash; refused unless weak signatures are allowed"
    )]
    WeakSignature {
        /// The certificate.
        subject: String,
        /// The signature algorithm.
        algorithm: String,
    },
    /// The TBS `signature` field differs from the outer `signatureAlgorithm` (RFC 5280 §4.1.1.2).
    #[error(
        "{subject}: tbsCertificate.signature differs from signatureAlgorithm (RFC 5280 §4.1.1.2)"
    )]
    SignatureAlgorithmMismatch {
        /// The certificate.
        subject: String,
    },
    /// An issuing certificate that is not a CA (RFC 5280 §6.1.4 (k)).
    #[error("{subject} issues certificates but is not a CA (basicConstraints cA missing or false)")]
    NotCa {
        /// The certificate.
        subject: String,
    },
    /// Too many intermediates below this CA (pathLenConstraint, RFC 5280 §6.1.4 (l)).
    #[error("path length constraint exceeded at {subject}")]
    PathLengthExceeded {
        /// The certificate.
        subject: String,
    },
    /// An issuing CA whose keyUsage lacks keyCertSign (RFC 5280 §6.1.4 (n)).
    #[error("{subject} issues certificates but its keyUsage lacks keyCertSign")]
    KeyCertSignMissing {
        /// The certificate.
        subject: String,
    },
    /// A critical extension this crate does not process (RFC 5280 §4.2).
    #[error("{subject} has an unrecognised critical extension {oid}")]
    UnknownCriticalExtension {
        /// The certificate.
        subject: String,
        /// The extension OID.
        oid: Oid,
    },
    /// A name outside the permitted or inside the excluded subtrees (RFC 5280 §6.1.3 (b), (c)).
    #[error("{subject}: name {name} violates the name constraints of the path")]
    NameConstraintViolation {
        /// The certificate.
        subject: String,
        /// The offending name.
        name: String,
    },
    /// A name form the constraints cover but this crate cannot evaluate — a
    /// rejection, never a silent pass.
    #[error("{subject}: cannot evaluate a {form} name against the path's name constraints")]
    UnsupportedNameConstraint {
        /// The certificate.
        subject: String,
        /// The name form.
        form: &'static str,
    },
    /// Certificate-policy processing left no acceptable policy where one is required (RFC 5280 §6.1.5 (g)).
    #[error("no acceptable certificate policy on the path ending at {subject}")]
    PolicyRequired {
        /// The certificate where processing failed.
        subject: String,
    },
    /// A CRL lists the certificate as revoked (EN 319 102-1 REVOKED).
    #[error("{subject} is revoked since {date} (reason code {reason:?})")]
    Revoked {
        /// The certificate.
        subject: String,
        /// The CRL reason code (RFC 5280 §5.3.1), when given.
        reason: Option<u8>,
        /// The revocation date.
        date: Time,
    },
    /// Revocation checking was required and no usable CRL decided the status.
    #[error(
        "revocation status of {subject} is unknown: {reason}; supply a current CRL from its issuer"
    )]
    RevocationUnknown {
        /// The certificate.
        subject: String,
        /// Why no CRL could be used.
        reason: String,
    },
    /// A certificate in the path appears twice or the path exceeds the depth limit.
    #[error("path through {subject} is longer than the limit of {limit} certificates")]
    PathTooLong {
        /// The certificate where the limit was hit.
        subject: String,
        /// The limit.
        limit: usize,
    },
    /// A structural problem that makes the certificate unusable in a path.
    #[error("{subject}: {reason}")]
    Malformed {
        /// The certificate.
        subject: String,
        /// What is wrong.
        reason: String,
    },
    /// The work budget ran out (hostile or pathological input). Fatal: no
    /// other path is tried.
    #[error("path building gave up: the budget of {what} is exhausted")]
    BudgetExceeded {
        /// Which budget.
        what: &'static str,
    },
}

/// The crate's error: one variant per layer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Loading or parsing a certificate failed.
    #[error(transparent)]
    Cert(#[from] CertError),
    /// A signature could not be verified.
    #[error(transparent)]
    Verify(#[from] VerifyError),
    /// A signature could not be made.
    #[error(transparent)]
    Sign(#[from] SignError),
    /// No valid certification path.
    #[error(transparent)]
    Path(#[from] PathError),
    /// An envelope could not be read or made, or a signature in it failed.
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    /// A time string could not be parsed.
    #[error(transparent)]
    Time(#[from] crate::time::TimeParseError),
    /// A policy does not fit the registry it is used with, or is
    /// inconsistent ([`Verifier::new`](crate::Verifier::new),
    /// [`Verifier::with_policies`](crate::Verifier::with_policies)).
    #[error(transparent)]
    Policy(#[from] crate::policy::PolicyFileError),
    /// A time-stamp could not be read, made or accepted.
    #[error(transparent)]
    Tsp(#[from] TspError),
    /// An OCSP response could not be read or used.
    #[error(transparent)]
    Ocsp(#[from] OcspError),
}

// Stable machine-readable codes (docs/report-format.md, "Codes"). A code
// never changes once published: a UI translates by code, never by parsing
// the English message. Every code returned here is listed in
// `crate::verify::ALL_CODES`; a test holds the list, the docs and these
// matches together.

impl CertError {
    /// The stable code of this error, e.g. `CERT_DER`; a bundle error
    /// gives the code of the failing certificate's error.
    pub fn code(&self) -> &'static str {
        match self {
            CertError::NoCertificate => "CERT_NO_CERTIFICATE",
            CertError::Pem { .. } => "CERT_PEM",
            CertError::Der { .. } => "CERT_DER",
            CertError::TrailingData { .. } => "CERT_TRAILING_DATA",
            CertError::Deviation { .. } => "CERT_DEVIATION",
            CertError::Malformed { .. } => "CERT_MALFORMED",
            CertError::UnsupportedVersion { .. } => "CERT_UNSUPPORTED_VERSION",
            CertError::Extension { .. } => "CERT_EXTENSION",
            CertError::DuplicateExtension { .. } => "CERT_DUPLICATE_EXTENSION",
            CertError::Algorithm { .. } => "CERT_ALGORITHM",
            CertError::Pkcs7 { .. } => "CERT_PKCS7",
            CertError::InBundle { source, .. } => source.code(),
        }
    }
}

impl VerifyError {
    /// The stable code of this error, e.g. `VERIFY_BAD_SIGNATURE`.
    pub fn code(&self) -> &'static str {
        match self {
            VerifyError::BadSignature { .. } => "VERIFY_BAD_SIGNATURE",
            VerifyError::UnsupportedAlgorithm { .. } => "VERIFY_UNSUPPORTED_ALGORITHM",
            VerifyError::KeyMismatch { .. } => "VERIFY_KEY_MISMATCH",
            VerifyError::MalformedKey { .. } => "VERIFY_MALFORMED_KEY",
            VerifyError::MalformedSignature { .. } => "VERIFY_MALFORMED_SIGNATURE",
            VerifyError::BadParameters { .. } => "VERIFY_BAD_PARAMETERS",
        }
    }
}

impl SignError {
    /// The stable code of this error, e.g. `SIGN_DECRYPTION`.
    pub fn code(&self) -> &'static str {
        match self {
            SignError::KeyMismatch { .. } => "SIGN_KEY_MISMATCH",
            SignError::UnsupportedKey { .. } => "SIGN_UNSUPPORTED_KEY",
            SignError::Pkcs8 { .. } => "SIGN_PKCS8",
            SignError::Decryption => "SIGN_DECRYPTION",
            SignError::Backend { .. } => "SIGN_BACKEND",
            SignError::KeyStore(_) => "SIGN_KEY_STORE",
        }
    }
}

impl EnvelopeError {
    /// The stable code of this error, e.g. `ENVELOPE_DIGEST_MISMATCH`. A
    /// failed signature check gives the signature verifier's code (e.g.
    /// `VERIFY_BAD_SIGNATURE`), a failed signing the signer's.
    pub fn code(&self) -> &'static str {
        match self {
            EnvelopeError::Malformed { .. } => "ENVELOPE_MALFORMED",
            EnvelopeError::NotSignedData { .. } => "ENVELOPE_NOT_SIGNED_DATA",
            EnvelopeError::Pem { .. } => "ENVELOPE_PEM",
            EnvelopeError::Base64 { .. } => "ENVELOPE_BASE64",
            EnvelopeError::MissingContent => "ENVELOPE_MISSING_CONTENT",
            EnvelopeError::ContentConflict => "ENVELOPE_CONTENT_CONFLICT",
            EnvelopeError::Io { .. } => "ENVELOPE_IO",
            EnvelopeError::ContentNeededInMemory { .. } => "ENVELOPE_CONTENT_NEEDED_IN_MEMORY",
            EnvelopeError::SignerCertificateNotFound { .. } => {
                "ENVELOPE_SIGNER_CERTIFICATE_NOT_FOUND"
            }
            EnvelopeError::SignerCertificateUnreadable { .. } => {
                "ENVELOPE_SIGNER_CERTIFICATE_UNREADABLE"
            }
            EnvelopeError::UnsupportedDigest { .. } => "ENVELOPE_UNSUPPORTED_DIGEST",
            EnvelopeError::AlgorithmMismatch { .. } => "ENVELOPE_ALGORITHM_MISMATCH",
            EnvelopeError::DigestMismatch { .. } => "ENVELOPE_DIGEST_MISMATCH",
            EnvelopeError::Signature { source, .. } => source.code(),
            EnvelopeError::MissingAttribute { .. } => "ENVELOPE_MISSING_ATTRIBUTE",
            EnvelopeError::DuplicateAttribute { .. } => "ENVELOPE_DUPLICATE_ATTRIBUTE",
            EnvelopeError::ForbiddenAttribute { .. } => "ENVELOPE_FORBIDDEN_ATTRIBUTE",
            EnvelopeError::MalformedAttribute { .. } => "ENVELOPE_MALFORMED_ATTRIBUTE",
            EnvelopeError::ContentTypeMismatch { .. } => "ENVELOPE_CONTENT_TYPE_MISMATCH",
            EnvelopeError::SignedAttributesRequired { .. } => "ENVELOPE_SIGNED_ATTRIBUTES_REQUIRED",
            EnvelopeError::SigningCertificateMismatch { .. } => {
                "ENVELOPE_SIGNING_CERTIFICATE_MISMATCH"
            }
            EnvelopeError::NoSuchSigner { .. } => "ENVELOPE_NO_SUCH_SIGNER",
            EnvelopeError::MissingKeyIdentifier { .. } => "ENVELOPE_MISSING_KEY_IDENTIFIER",
            EnvelopeError::Sign(e) => e.code(),
        }
    }
}

impl TspError {
    /// The stable code of this error, e.g. `TSP_IMPRINT_MISMATCH`.
    pub fn code(&self) -> &'static str {
        match self {
            TspError::Malformed { .. } => "TSP_MALFORMED",
            TspError::NotATimeStampToken { .. } => "TSP_NOT_A_TIME_STAMP_TOKEN",
            TspError::SignerCount { .. } => "TSP_SIGNER_COUNT",
            TspError::UnknownCriticalExtension { .. } => "TSP_UNKNOWN_CRITICAL_EXTENSION",
            TspError::ImprintMismatch => "TSP_IMPRINT_MISMATCH",
            TspError::UnsupportedImprintHash { .. } => "TSP_UNSUPPORTED_IMPRINT_HASH",
            TspError::Signature(_) => "TSP_SIGNATURE",
            TspError::MissingSigningCertificate => "TSP_MISSING_SIGNING_CERTIFICATE",
            TspError::TsaExtendedKeyUsage { .. } => "TSP_TSA_EXTENDED_KEY_USAGE",
            TspError::Rejected { .. } => "TSP_REJECTED",
            TspError::NonceMismatch => "TSP_NONCE_MISMATCH",
            TspError::PolicyMismatch => "TSP_POLICY_MISMATCH",
            TspError::NoToken => "TSP_NO_TOKEN",
            TspError::MissingCertificate => "TSP_MISSING_CERTIFICATE",
            TspError::Transport(_) => "TSP_TRANSPORT",
            TspError::NoSuchSigner { .. } => "TSP_NO_SUCH_SIGNER",
            TspError::Envelope(_) => "TSP_ENVELOPE",
        }
    }
}

impl OcspError {
    /// The stable code of this error, e.g. `OCSP_STALE`.
    pub fn code(&self) -> &'static str {
        match self {
            OcspError::Malformed { .. } => "OCSP_MALFORMED",
            OcspError::Unsuccessful { .. } => "OCSP_UNSUCCESSFUL",
            OcspError::UnsupportedResponseType { .. } => "OCSP_UNSUPPORTED_RESPONSE_TYPE",
            OcspError::UnknownCriticalExtension { .. } => "OCSP_UNKNOWN_CRITICAL_EXTENSION",
            OcspError::NoMatchingResponse { .. } => "OCSP_NO_MATCHING_RESPONSE",
            OcspError::UnsupportedCertIdHash { .. } => "OCSP_UNSUPPORTED_CERT_ID_HASH",
            OcspError::ResponderNotFound { .. } => "OCSP_RESPONDER_NOT_FOUND",
            OcspError::ResponderNotAuthorized { .. } => "OCSP_RESPONDER_NOT_AUTHORIZED",
            OcspError::Signature { .. } => "OCSP_SIGNATURE",
            OcspError::ResponderStatus { .. } => "OCSP_RESPONDER_STATUS",
            OcspError::Premature { .. } => "OCSP_PREMATURE",
            OcspError::Stale { .. } => "OCSP_STALE",
            OcspError::TooOld { .. } => "OCSP_TOO_OLD",
            OcspError::BudgetExceeded => "OCSP_BUDGET_EXCEEDED",
        }
    }
}

impl PathError {
    /// The stable code of this error, e.g. `PATH_REVOKED`.
    pub fn code(&self) -> &'static str {
        match self {
            PathError::UnknownIssuer { .. } => "PATH_UNKNOWN_ISSUER",
            PathError::NotYetValid { .. } => "PATH_NOT_YET_VALID",
            PathError::Expired { .. } => "PATH_EXPIRED",
            PathError::Signature { .. } => "PATH_SIGNATURE",
            PathError::WeakSignature { .. } => "PATH_WEAK_SIGNATURE",
            PathError::SignatureAlgorithmMismatch { .. } => "PATH_SIGNATURE_ALGORITHM_MISMATCH",
            PathError::NotCa { .. } => "PATH_NOT_CA",
            PathError::PathLengthExceeded { .. } => "PATH_LENGTH_EXCEEDED",
            PathError::KeyCertSignMissing { .. } => "PATH_KEY_CERT_SIGN_MISSING",
            PathError::UnknownCriticalExtension { .. } => "PATH_UNKNOWN_CRITICAL_EXTENSION",
            PathError::NameConstraintViolation { .. } => "PATH_NAME_CONSTRAINT_VIOLATION",
            PathError::UnsupportedNameConstraint { .. } => "PATH_UNSUPPORTED_NAME_CONSTRAINT",
            PathError::PolicyRequired { .. } => "PATH_POLICY_REQUIRED",
            PathError::Revoked { .. } => "PATH_REVOKED",
            PathError::RevocationUnknown { .. } => "PATH_REVOCATION_UNKNOWN",
            PathError::PathTooLong { .. } => "PATH_TOO_LONG",
            PathError::Malformed { .. } => "PATH_MALFORMED",
            PathError::BudgetExceeded { .. } => "PATH_BUDGET_EXCEEDED",
        }
    }
}

impl Error {
    /// The stable code of the wrapped error; `TIME_INVALID` for a time
    /// string that does not parse; `POLICY_CONFIGURATION` for policies that
    /// do not fit the registry (a construction error, never in a report).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Cert(e) => e.code(),
            Error::Verify(e) => e.code(),
            Error::Sign(e) => e.code(),
            Error::Path(e) => e.code(),
            Error::Envelope(e) => e.code(),
            Error::Time(_) => "TIME_INVALID",
            Error::Policy(_) => "POLICY_CONFIGURATION",
            Error::Tsp(e) => e.code(),
            Error::Ocsp(e) => e.code(),
        }
    }
}
