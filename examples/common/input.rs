//! Reading the examples' input files: each read names its option and path
//! in a one-line error, and a file of the wrong kind is named as what it is
//! ("--cert: k.pem is a private key, not a certificate") by sniffing PEM
//! labels and the outer DER shape before the real parser runs.
//!
//! The sniffing only ever names a kind it is sure of (a PEM label, or a
//! top-level structure that only that kind has); anything else goes to the
//! library's parser, whose typed error is reported.

use base64::Engine as _;
use sigbridge::crypto::SoftwareSigner;
use sigbridge::envelope::Envelope;
use sigbridge::path::Crl;
use sigbridge::{Certificate, SignError, load_certificates};

use crate::args::{Args, Failure};

/// Reads a file for `--option` (or a positional argument), naming both on failure.
pub fn read(option: &str, path: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(path)
        .map_err(|e| Failure::Input(format!("{}cannot read {path}: {e}", prefix(option))))
}

/// `"--cert: "`, or nothing for a positional argument (`option` empty).
fn prefix(option: &str) -> String {
    if option.is_empty() {
        String::new()
    } else {
        format!("{option}: ")
    }
}

/// What a file holds, as far as its PEM label or outer DER shape tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An X.509 certificate (RFC 5280 §4.1).
    Certificate,
    /// A certs-only PKCS#7 / CMS SignedData (no signers).
    CertificateBundle,
    /// A CMS SignedData with this many signers (RFC 5652 §5.1).
    Signature(usize),
    /// An X.509 CRL (RFC 5280 §5.1).
    Crl,
    /// A PKCS#10 certificate request (RFC 2986).
    CertificateRequest,
    /// A SubjectPublicKeyInfo (RFC 5280 §4.1.2.7).
    PublicKey,
    /// A PKCS#8 PrivateKeyInfo (RFC 5958 §2).
    PrivateKey,
    /// A PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3).
    EncryptedPrivateKey,
    /// A PKCS#1 RSAPrivateKey (RFC 8017 §A.1.2).
    Pkcs1Key,
    /// A SEC1 ECPrivateKey (RFC 5915 §3).
    Sec1Key,
    /// A PKCS#12 PFX (RFC 7292 §4).
    Pkcs12,
    /// JSON text.
    Json,
    /// Nothing we are sure of.
    Unknown,
}

impl Kind {
    /// "a certificate", "a private key", …
    pub fn describe(self) -> String {
        match self {
            Kind::Certificate => "a certificate".into(),
            Kind::CertificateBundle => "a certificate bundle (certs-only PKCS#7)".into(),
            Kind::Signature(n) => format!("a CMS signature ({n} signer(s))"),
            Kind::Crl => "a CRL".into(),
            Kind::CertificateRequest => "a certificate request (PKCS#10)".into(),
            Kind::PublicKey => "a public key".into(),
            Kind::PrivateKey => "a private key".into(),
            Kind::EncryptedPrivateKey => "an encrypted private key".into(),
            Kind::Pkcs1Key => "a private key in PKCS#1 form (RSA PRIVATE KEY)".into(),
            Kind::Sec1Key => "a private key in SEC1 form (EC PRIVATE KEY)".into(),
            Kind::Pkcs12 => "a PKCS#12 key store (.p12/.pfx)".into(),
            Kind::Json => "a JSON file".into(),
            Kind::Unknown => "not recognised".into(),
        }
    }
}

/// A sniffed file: its kind, and for bare base64 the bytes it decodes to.
pub struct Sniffed {
    /// The kind.
    pub kind: Kind,
    /// The decoded DER when the file was bare base64.
    pub decoded: Option<Vec<u8>>,
}

/// What `bytes` hold (see the module documentation).
pub fn sniff(bytes: &[u8]) -> Sniffed {
    let plain = |kind| Sniffed {
        kind,
        decoded: None,
    };
    if bytes.first() == Some(&0x30) {
        return plain(der_kind(bytes));
    }
    // Before PEM: a registry file embeds PEM certificates in its JSON strings.
    let text = bytes.trim_ascii_start();
    if text.first().is_some_and(|b| matches!(b, b'{' | b'[')) {
        return plain(Kind::Json);
    }
    if let Some(label) = pem_label(bytes) {
        return plain(match label {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => Kind::Certificate,
            "X509 CRL" => Kind::Crl,
            "PRIVATE KEY" => Kind::PrivateKey,
            "ENCRYPTED PRIVATE KEY" => Kind::EncryptedPrivateKey,
            "RSA PRIVATE KEY" => Kind::Pkcs1Key,
            "EC PRIVATE KEY" => Kind::Sec1Key,
            "PUBLIC KEY" => Kind::PublicKey,
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Kind::CertificateRequest,
            // A PEM CMS/PKCS7 block is a bundle or a signature: its DER says which.
            "CMS" | "PKCS7" => pem::parse(bytes)
                .map(|b| der_kind(b.contents()))
                .unwrap_or(Kind::Unknown),
            _ => Kind::Unknown,
        });
    }
    let is_base64 = !text.is_empty()
        && text
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b) || b.is_ascii_whitespace());
    if is_base64 {
        let squeezed: Vec<u8> = text
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(squeezed)
            && der.first() == Some(&0x30)
        {
            return Sniffed {
                kind: der_kind(&der),
                decoded: Some(der),
            };
        }
    }
    plain(Kind::Unknown)
}

/// The label of the first `-----BEGIN …-----` line.
fn pem_label(bytes: &[u8]) -> Option<&str> {
    const BEGIN: &[u8] = b"-----BEGIN ";
    let start = bytes.windows(BEGIN.len()).position(|w| w == BEGIN)? + BEGIN.len();
    let rest = bytes.get(start..)?;
    let end = rest.windows(5).position(|w| w == b"-----")?;
    std::str::from_utf8(rest.get(..end)?).ok()
}

/// One TLV: (tag, contents, what follows). Single-byte tags and definite
/// lengths only (up to 4 length octets); anything else is `None`.
fn tlv(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = b.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let octets = rest.get(..n)?;
        let len = octets
            .iter()
            .fold(0usize, |acc, &o| (acc << 8) | usize::from(o));
        (len, rest.get(n..)?)
    };
    Some((tag, rest.get(..len)?, rest.get(len..)?))
}

/// The tags of the elements inside `contents` (at most `max`), with the
/// contents of each.
fn children(mut contents: &[u8], max: usize) -> Vec<(u8, &[u8])> {
    let mut out = Vec::new();
    while out.len() < max {
        let Some((tag, inner, rest)) = tlv(contents) else {
            break;
        };
        out.push((tag, inner));
        contents = rest;
    }
    out
}

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const CONTEXT_0: u8 = 0xa0;
/// id-signedData, 1.2.840.113549.1.7.2 (RFC 5652 §5.1), contents octets.
const ID_SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/// The kind of a DER object from the shape of its top levels.
fn der_kind(der: &[u8]) -> Kind {
    let Some((SEQUENCE, outer, _)) = tlv(der) else {
        return Kind::Unknown;
    };
    let items = children(outer, 4);
    let tags: Vec<u8> = items.iter().map(|(t, _)| *t).collect();
    match tags.as_slice() {
        // ContentInfo { contentType, [0] content } (RFC 5652 §3).
        [OID, CONTEXT_0, ..] => match items.first() {
            Some((_, oid)) if *oid == ID_SIGNED_DATA => match Envelope::parse(der) {
                Ok(env) if env.signer_infos().is_empty() => Kind::CertificateBundle,
                Ok(env) => Kind::Signature(env.signer_infos().len()),
                Err(_) => Kind::Unknown,
            },
            _ => Kind::Unknown,
        },
        // Certificate, CertificateList, CertificationRequest:
        // SEQUENCE { tbs, signatureAlgorithm, signature BIT STRING }.
        [SEQUENCE, SEQUENCE, BIT_STRING] => {
            let Some((_, tbs)) = items.first() else {
                return Kind::Unknown;
            };
            let inner = children(tbs, 8);
            // Skip the version ([0] in a certificate) and the INTEGERs
            // (serial; CRL and CSR versions).
            let rest: Vec<u8> = inner
                .iter()
                .map(|(t, _)| *t)
                .skip_while(|t| *t == CONTEXT_0 || *t == INTEGER)
                .take(3)
                .collect();
            match rest.as_slice() {
                // signature, issuer, validity (RFC 5280 §4.1.2).
                [SEQUENCE, SEQUENCE, SEQUENCE] => Kind::Certificate,
                // signature, issuer, thisUpdate (RFC 5280 §5.1.2).
                [SEQUENCE, SEQUENCE, UTC_TIME | GENERALIZED_TIME] => Kind::Crl,
                // subject, subjectPKInfo, [0] attributes (RFC 2986 §4.1).
                [SEQUENCE, SEQUENCE, CONTEXT_0] => Kind::CertificateRequest,
                _ => Kind::Unknown,
            }
        }
        // SubjectPublicKeyInfo { algorithm, subjectPublicKey }.
        [SEQUENCE, BIT_STRING] => Kind::PublicKey,
        // PrivateKeyInfo { version, algorithm, privateKey, ... }.
        [INTEGER, SEQUENCE, OCTET_STRING, ..] => Kind::PrivateKey,
        // EncryptedPrivateKeyInfo { encryptionAlgorithm, encryptedData }.
        [SEQUENCE, OCTET_STRING] => Kind::EncryptedPrivateKey,
        // RSAPrivateKey { version, modulus, publicExponent, privateExponent, ... }.
        [INTEGER, INTEGER, INTEGER, INTEGER] => Kind::Pkcs1Key,
        // ECPrivateKey { version 1, privateKey, [0] parameters, [1] publicKey }.
        [INTEGER, OCTET_STRING, ..] => Kind::Sec1Key,
        // PFX { version 3, authSafe ContentInfo, macData }.
        [INTEGER, SEQUENCE, SEQUENCE] => Kind::Pkcs12,
        _ => Kind::Unknown,
    }
}

/// Refuses a file that is surely of another kind than `wanted` (one of
/// `accepted`), naming both.
fn check_kind(
    option: &str,
    path: &str,
    sniffed: &Sniffed,
    wanted: &str,
    accepted: &[Kind],
) -> Result<(), Failure> {
    let kind = sniffed.kind;
    let accepted_signature = matches!(kind, Kind::Signature(_))
        && accepted.iter().any(|k| matches!(k, Kind::Signature(_)));
    if kind == Kind::Unknown || accepted.contains(&kind) || accepted_signature {
        return Ok(());
    }
    Err(Failure::Input(format!(
        "{option}: {path} is {}, not {wanted}",
        kind.describe()
    )))
}

/// One certificate (PEM, DER or bare base64).
pub fn certificate(option: &str, path: &str) -> Result<Certificate, Failure> {
    let bytes = read(option, path)?;
    let sniffed = sniff(&bytes);
    check_kind(
        option,
        path,
        &sniffed,
        "a certificate",
        &[Kind::Certificate],
    )?;
    let mut certs =
        load_certificates(&bytes).map_err(|e| Failure::Input(format!("{option}: {path}: {e}")))?;
    if certs.len() != 1 {
        return Err(Failure::Input(format!(
            "{option}: {path} holds {} certificates; give the signer's alone (and the others with --chain)",
            certs.len()
        )));
    }
    certs
        .pop()
        .ok_or_else(|| Failure::Input(format!("{option}: {path}: no certificate")))
}

/// Every certificate of a file (PEM blocks, DER, bare base64, `.p7b`).
pub fn certificates(option: &str, path: &str) -> Result<Vec<Certificate>, Failure> {
    let bytes = read(option, path)?;
    let sniffed = sniff(&bytes);
    check_kind(
        option,
        path,
        &sniffed,
        "a certificate",
        &[Kind::Certificate, Kind::CertificateBundle],
    )?;
    load_certificates(&bytes).map_err(|e| Failure::Input(format!("{option}: {path}: {e}")))
}

/// A CRL (DER, PEM `X509 CRL` or bare base64).
pub fn crl(option: &str, path: &str) -> Result<Crl, Failure> {
    let bytes = read(option, path)?;
    let sniffed = sniff(&bytes);
    check_kind(option, path, &sniffed, "a CRL", &[Kind::Crl])?;
    let der = match (&sniffed.decoded, pem::parse(&bytes)) {
        (Some(der), _) => der.clone(),
        (None, Ok(block)) => block.contents().to_vec(),
        (None, Err(_)) => bytes,
    };
    Crl::from_der(&der).map_err(|e| Failure::Input(format!("{option}: {path}: {e}")))
}

/// A CMS signature (DER, BER, PEM or bare base64): its bytes and the parsed envelope.
pub fn envelope(option: &str, path: &str) -> Result<(Vec<u8>, Envelope), Failure> {
    let bytes = read(option, path)?;
    let sniffed = sniff(&bytes);
    check_kind(
        option,
        path,
        &sniffed,
        "a CMS signature",
        &[Kind::Signature(1)],
    )?;
    let envelope =
        Envelope::parse(&bytes).map_err(|e| Failure::Input(format!("{option}: {path}: {e}")))?;
    if envelope.signer_infos().is_empty() {
        return Err(Failure::Input(format!(
            "{option}: {path} is {}, not a CMS signature",
            Kind::CertificateBundle.describe()
        )));
    }
    Ok((bytes, envelope))
}

/// A JSON file (`what`: "a registry file (JSON)", …) as text.
pub fn json(option: &str, path: &str, what: &str) -> Result<String, Failure> {
    let bytes = read(option, path)?;
    check_kind(option, path, &sniff(&bytes), what, &[Kind::Json])?;
    String::from_utf8(bytes).map_err(|_| Failure::Input(format!("{option}: {path} is not UTF-8")))
}

/// The password from `--password` or `--password-file` (its first line).
pub fn password(args: &Args) -> Result<Option<Vec<u8>>, Failure> {
    match (args.get("password"), args.get("password-file")) {
        (Some(_), Some(_)) => Err(Failure::Usage(
            "give --password or --password-file, not both".into(),
        )),
        (Some(p), None) => Ok(Some(p.as_bytes().to_vec())),
        (None, Some(path)) => {
            let bytes = read("--password-file", path)?;
            let line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
            Ok(Some(line.strip_suffix(b"\r").unwrap_or(line).to_vec()))
        }
        (None, None) => Ok(None),
    }
}

/// Whether the key file is a PKCS#12 key store (the certificate is then in it).
pub fn is_key_store(option: &str, path: &str) -> Result<bool, Failure> {
    Ok(sniff(&read(option, path)?).kind == Kind::Pkcs12)
}

/// A software signer from a PKCS#12 key store (`.p12` / `.pfx`) and its
/// password: its key, its certificate, and its other certificates as chain.
pub fn key_store_signer(
    option: &str,
    path: &str,
    password: Option<&[u8]>,
) -> Result<SoftwareSigner, Failure> {
    let bytes = read(option, path)?;
    let der = sniff(&bytes).decoded.unwrap_or(bytes);
    let Some(password) = password else {
        return Err(Failure::Input(format!(
            "{option}: {path} is a PKCS#12 key store: pass --password <p> or --password-file <f>"
        )));
    };
    let password = std::str::from_utf8(password)
        .map_err(|_| Failure::Input(format!("{option}: the key store password is not UTF-8")))?;
    SoftwareSigner::from_pkcs12(&der, password)
        .map_err(|e| Failure::Input(format!("{option}: {path}: {e}")))
}

/// A software signer from a PKCS#8 key file (PEM, DER or bare base64;
/// encrypted with PBES2 when `password` is given) for `certificate`.
pub fn signer(
    option: &str,
    path: &str,
    certificate: Certificate,
    password: Option<&[u8]>,
) -> Result<SoftwareSigner, Failure> {
    let bytes = read(option, path)?;
    let sniffed = sniff(&bytes);
    let der = sniffed.decoded.as_deref();
    let is_pem = pem_label(&bytes).is_some();
    let failed = |e: SignError| Failure::Input(format!("{option}: {path}: {e}"));
    match sniffed.kind {
        Kind::PrivateKey => match (is_pem, der) {
            (true, _) => SoftwareSigner::from_pkcs8_pem(&bytes, certificate),
            (false, Some(der)) => SoftwareSigner::from_pkcs8_der(der, certificate),
            (false, None) => SoftwareSigner::from_pkcs8_der(&bytes, certificate),
        }
        .map_err(failed),
        Kind::EncryptedPrivateKey => {
            let Some(password) = password else {
                return Err(Failure::Input(format!(
                    "{option}: {path} is an encrypted private key: pass --password <p> or --password-file <f>"
                )));
            };
            match (is_pem, der) {
                (true, _) => {
                    SoftwareSigner::from_encrypted_pkcs8_pem(&bytes, password, certificate)
                }
                (false, Some(der)) => {
                    SoftwareSigner::from_encrypted_pkcs8_der(der, password, certificate)
                }
                (false, None) => {
                    SoftwareSigner::from_encrypted_pkcs8_der(&bytes, password, certificate)
                }
            }
            .map_err(failed)
        }
        Kind::Pkcs1Key | Kind::Sec1Key => Err(Failure::Input(format!(
            "{option}: {path} is {}; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in {path} -out key.p8",
            sniffed.kind.describe()
        ))),
        Kind::Pkcs12 => Err(Failure::Input(format!(
            "{option}: {path} is {}: give it as --key without --cert (the certificate is in it)",
            sniffed.kind.describe()
        ))),
        Kind::Unknown => SoftwareSigner::from_pkcs8_pem(&bytes, certificate.clone())
            .or_else(|_| SoftwareSigner::from_pkcs8_der(&bytes, certificate))
            .map_err(|_| {
                Failure::Input(format!(
                    "{option}: {path} is not a PKCS#8 private key (PEM or DER)"
                ))
            }),
        other => Err(Failure::Input(format!(
            "{option}: {path} is {}, not a private key",
            other.describe()
        ))),
    }
}
