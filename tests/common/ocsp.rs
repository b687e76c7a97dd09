//! A software OCSP responder (RFC 6960) for tests: it signs BasicOCSPResponses
//! for a CA or a delegated responder with a test-PKI key. Never networked:
//! the responses are bytes, handed to the validation as caller-supplied
//! material.

use sigbridge::path::OcspResponse;
use sigbridge::{Certificate, HashAlgorithm, Time};

use super::certgen::{Key, generalized_time};
use super::der::{oid, tlv};

/// What a SingleResponse says.
#[derive(Debug, Clone, Copy)]
pub enum Status {
    Good,
    /// Revoked at this time, with this CRLReason when given.
    Revoked(Time, Option<u8>),
    Unknown,
}

/// One SingleResponse to write.
#[derive(Debug, Clone)]
pub struct Single {
    /// The certificate's serial number (contents octets, as in the certificate).
    pub serial: Vec<u8>,
    /// The DER of the certificate's issuer field.
    pub issuer_name: Vec<u8>,
    /// The issuer's subjectPublicKey bits.
    pub issuer_key: Vec<u8>,
    /// The CertID hash.
    pub hash: HashAlgorithm,
    pub status: Status,
    pub this_update: Time,
    pub next_update: Option<Time>,
}

impl Single {
    /// A SHA-256 CertID for `cert` issued by `issuer`, fresh for a week from `this_update`.
    pub fn new(
        cert: &Certificate,
        issuer: &Certificate,
        status: Status,
        this_update: Time,
    ) -> Single {
        Single {
            serial: cert.serial().to_vec(),
            issuer_name: cert.issuer().raw_der().to_vec(),
            issuer_key: issuer.public_key_bytes().to_vec(),
            hash: HashAlgorithm::Sha256,
            status,
            this_update,
            next_update: Some(Time::from_unix(this_update.unix_seconds() + 7 * 86_400)),
        }
    }

    pub fn hash(mut self, hash: HashAlgorithm) -> Single {
        self.hash = hash;
        self
    }

    pub fn next_update(mut self, next: Option<Time>) -> Single {
        self.next_update = next;
        self
    }

    fn der(&self) -> Vec<u8> {
        let alg = tlv(0x30, &[&oid(&self.hash.oid().to_string()), &tlv(0x05, &[])]);
        let name_hash = self.hash.digest(&self.issuer_name).unwrap();
        let key_hash = self.hash.digest(&self.issuer_key).unwrap();
        let cert_id = tlv(
            0x30,
            &[
                &alg,
                &tlv(0x04, &[&name_hash]),
                &tlv(0x04, &[&key_hash]),
                &tlv(0x02, &[&self.serial]),
            ],
        );
        let status = match self.status {
            Status::Good => tlv(0x80, &[]),
            Status::Unknown => tlv(0x82, &[]),
            Status::Revoked(t, reason) => {
                let reason = reason
                    .map(|r| tlv(0xa0, &[&tlv(0x0a, &[&[r]])]))
                    .unwrap_or_default();
                tlv(0xa1, &[&generalized_time(t), &reason])
            }
        };
        let next = self
            .next_update
            .map(|n| tlv(0xa0, &[&generalized_time(n)]))
            .unwrap_or_default();
        tlv(
            0x30,
            &[
                &cert_id,
                &status,
                &generalized_time(self.this_update),
                &next,
            ],
        )
    }
}

/// How the response names its responder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Name,
    Key,
}

/// A responder: a key and the certificate (the CA's own, or a delegated
/// responder's) it answers under.
pub struct Responder<'a> {
    pub key: &'a Key,
    pub certificate: Certificate,
    pub by: By,
    /// Certificates to ship in `certs`.
    pub certs: Vec<Certificate>,
    /// responseExtensions, DER Extension each.
    pub extensions: Vec<Vec<u8>>,
}

impl<'a> Responder<'a> {
    /// A responder answering under `certificate` (whose key is `key`),
    /// naming itself by name and shipping its certificate.
    pub fn new(key: &'a Key, certificate: &Certificate) -> Responder<'a> {
        Responder {
            key,
            certificate: certificate.clone(),
            by: By::Name,
            certs: vec![certificate.clone()],
            extensions: Vec::new(),
        }
    }

    /// The DER OCSPResponse for `singles`, produced at `produced_at`.
    pub fn respond_der(&self, produced_at: Time, singles: &[Single]) -> Vec<u8> {
        let rid = match self.by {
            By::Name => tlv(0xa1, &[self.certificate.subject().raw_der()]),
            By::Key => tlv(
                0xa2,
                &[&tlv(
                    0x04,
                    &[&HashAlgorithm::Sha1
                        .digest(self.certificate.public_key_bytes())
                        .unwrap()],
                )],
            ),
        };
        let singles: Vec<Vec<u8>> = singles.iter().map(Single::der).collect();
        let refs: Vec<&[u8]> = singles.iter().map(Vec::as_slice).collect();
        let exts = if self.extensions.is_empty() {
            Vec::new()
        } else {
            let refs: Vec<&[u8]> = self.extensions.iter().map(Vec::as_slice).collect();
            tlv(0xa1, &[&tlv(0x30, &refs)])
        };
        let tbs = tlv(
            0x30,
            &[
                &rid,
                &generalized_time(produced_at),
                &tlv(0x30, &refs),
                &exts,
            ],
        );
        let signed = self.key.sign_structure(&tbs);
        // sign_structure gives SEQUENCE { tbs, alg, sig }; add certs [0].
        let certs = if self.certs.is_empty() {
            Vec::new()
        } else {
            let ders: Vec<&[u8]> = self.certs.iter().map(Certificate::der).collect();
            tlv(0xa0, &[&tlv(0x30, &ders)])
        };
        let inner = &signed[header_len(&signed)..];
        let basic = tlv(0x30, &[inner, &certs]);
        wrap_basic(&basic)
    }

    /// [`Responder::respond_der`], parsed.
    pub fn respond(&self, produced_at: Time, singles: &[Single]) -> OcspResponse {
        OcspResponse::from_der(&self.respond_der(produced_at, singles)).unwrap()
    }
}

/// OCSPResponse { successful, responseBytes { id-pkix-ocsp-basic, basic } }.
pub fn wrap_basic(basic: &[u8]) -> Vec<u8> {
    let bytes = tlv(0x30, &[&oid("1.3.6.1.5.5.7.48.1.1"), &tlv(0x04, &[basic])]);
    tlv(0x30, &[&tlv(0x0a, &[&[0]]), &tlv(0xa0, &[&bytes])])
}

fn header_len(der: &[u8]) -> usize {
    match der.get(1) {
        Some(n) if *n < 0x80 => 2,
        Some(n) => 2 + (*n as usize & 0x7f),
        None => 0,
    }
}

/// `der` with one bit of the response's signature value flipped.
pub fn tamper_signature(der: &[u8]) -> Vec<u8> {
    let sig = OcspResponse::from_der(der).unwrap().signature().to_vec();
    let at = der
        .windows(sig.len())
        .position(|w| w == sig.as_slice())
        .unwrap();
    let mut out = der.to_vec();
    out[at + sig.len() - 1] ^= 0x01;
    out
}
