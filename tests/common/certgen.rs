//! Certificates and CRLs made at test time, for the adversarial cases a
//! checked-in PKI does not hold (look-alike CAs, delegated CRL signers,
//! purpose-restricted signers, short keys, random validity windows).
//!
//! Keys are the fixed test-PKI keys of `testdata/pki/<dir>/<name>.key`
//! (each paired with its own certificate so that a `SoftwareSigner` can be
//! built); the certificates made here are new TBS structures over those
//! keys, signed with the issuing key. Nothing is random unless the caller
//! chooses it.

use sigbridge::crypto::{Signer, SoftwareSigner};
use sigbridge::path::Crl;
use sigbridge::{Certificate, Time};

use super::der::{oid, tlv};
use super::{local, read};

/// A test key: a signer (for making signatures) and its SubjectPublicKeyInfo.
pub struct Key {
    pub signer: SoftwareSigner,
    pub spki: Vec<u8>,
}

impl Key {
    /// The key of `testdata/pki/<dir>/<name>.key` (its certificate `<name>.pem`).
    pub fn fixture(dir: &str, name: &str) -> Key {
        let cert = Certificate::from_pem(&read(&local(&format!("pki/{dir}/{name}.pem")))).unwrap();
        let key = read(&local(&format!("pki/{dir}/{name}.key")));
        let spki = cert.spki_der().to_vec();
        Key {
            signer: SoftwareSigner::from_pkcs8_pem(&key, cert).unwrap(),
            spki,
        }
    }

    /// The DER AlgorithmIdentifier of the signatures this key makes.
    pub fn algorithm_der(&self) -> Vec<u8> {
        let alg = self.signer.algorithm();
        let params = alg.parameters.clone().unwrap_or_default();
        tlv(0x30, &[&tlv(0x06, &[alg.oid.as_bytes()]), &params])
    }

    /// `SEQUENCE { tbs, algorithm, BIT STRING signature }` over `tbs`.
    pub fn sign_structure(&self, tbs: &[u8]) -> Vec<u8> {
        let sig = self.signer.sign(tbs).unwrap();
        let bits = [&[0u8][..], &sig].concat();
        tlv(0x30, &[tbs, &self.algorithm_der(), &tlv(0x03, &[&bits])])
    }

    /// The SHA-1 key identifier of the public key (RFC 5280 §4.2.1.2 (1)).
    pub fn key_id(&self) -> Vec<u8> {
        let cert = self.signer.certificate();
        cert.subject_key_id()
            .map(<[u8]>::to_vec)
            .unwrap_or_else(|| sigbridge::HashAlgorithm::Sha1.digest(&self.spki).unwrap())
    }
}

/// A Name with one RDN per (attribute OID, UTF8String value).
pub fn name(rdns: &[(&str, &str)]) -> Vec<u8> {
    let parts: Vec<Vec<u8>> = rdns
        .iter()
        .map(|(o, v)| {
            let atv = tlv(0x30, &[&oid(o), &tlv(0x0c, &[v.as_bytes()])]);
            tlv(0x31, &[&atv])
        })
        .collect();
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    tlv(0x30, &refs)
}

/// A Name `C=<c>, O=<o>, CN=<cn>`.
pub fn dn(c: &str, o: &str, cn: &str) -> Vec<u8> {
    let country = tlv(
        0x31,
        &[&tlv(0x30, &[&oid("2.5.4.6"), &tlv(0x13, &[c.as_bytes()])])],
    );
    let rest = name(&[("2.5.4.10", o), ("2.5.4.3", cn)]);
    // Splice the country RDN in front of the others.
    let inner = &rest[header_len(&rest)..];
    tlv(0x30, &[&country, inner])
}

fn header_len(der: &[u8]) -> usize {
    match der.get(1) {
        Some(n) if *n < 0x80 => 2,
        Some(n) => 2 + (*n as usize & 0x7f),
        None => 0,
    }
}

/// UTCTime before 2050, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5).
pub fn time(t: Time) -> Vec<u8> {
    let (y, mo, d, h, mi, s) = t.to_ymd_hms();
    if (1950..2050).contains(&y) {
        let text = format!("{:02}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z", y % 100);
        tlv(0x17, &[text.as_bytes()])
    } else {
        let text = format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z");
        tlv(0x18, &[text.as_bytes()])
    }
}

/// An Extension.
pub fn ext(oid_s: &str, critical: bool, value: &[u8]) -> Vec<u8> {
    let crit = if critical {
        tlv(0x01, &[&[0xff]])
    } else {
        Vec::new()
    };
    tlv(0x30, &[&oid(oid_s), &crit, &tlv(0x04, &[value])])
}

/// basicConstraints (critical).
pub fn basic_constraints(ca: bool, path_len: Option<u8>) -> Vec<u8> {
    let mut body = Vec::new();
    if ca {
        body.extend(tlv(0x01, &[&[0xff]]));
    }
    if let Some(n) = path_len {
        body.extend(tlv(0x02, &[&[n]]));
    }
    ext("2.5.29.19", true, &tlv(0x30, &[&body]))
}

/// keyUsage bits (critical): digitalSignature 0, nonRepudiation 1,
/// keyEncipherment 2, keyCertSign 5, cRLSign 6.
pub fn key_usage(bits: &[u8]) -> Vec<u8> {
    let mut v: u16 = 0;
    for b in bits {
        v |= 0x8000 >> b;
    }
    let bytes = v.to_be_bytes();
    let (content, used): (Vec<u8>, usize) = if bytes[1] == 0 {
        (vec![bytes[0]], 1)
    } else {
        (bytes.to_vec(), 2)
    };
    let last = content[used - 1];
    let unused = if last == 0 {
        0
    } else {
        last.trailing_zeros() as u8
    };
    ext(
        "2.5.29.15",
        true,
        &tlv(0x03, &[&[unused], &content[..used]]),
    )
}

/// extKeyUsage with these purposes.
pub fn eku(critical: bool, purposes: &[&str]) -> Vec<u8> {
    let oids: Vec<Vec<u8>> = purposes.iter().map(|p| oid(p)).collect();
    let refs: Vec<&[u8]> = oids.iter().map(Vec::as_slice).collect();
    ext("2.5.29.37", critical, &tlv(0x30, &refs))
}

/// certificatePolicies with these policy OIDs (no qualifiers).
pub fn certificate_policies(policies: &[&str]) -> Vec<u8> {
    let infos: Vec<Vec<u8>> = policies.iter().map(|p| tlv(0x30, &[&oid(p)])).collect();
    let refs: Vec<&[u8]> = infos.iter().map(Vec::as_slice).collect();
    ext("2.5.29.32", false, &tlv(0x30, &refs))
}

/// subjectKeyIdentifier.
pub fn ski(id: &[u8]) -> Vec<u8> {
    ext("2.5.29.14", false, &tlv(0x04, &[id]))
}

/// authorityKeyIdentifier with a keyIdentifier.
pub fn aki(id: &[u8]) -> Vec<u8> {
    ext("2.5.29.35", false, &tlv(0x30, &[&tlv(0x80, &[id])]))
}

/// What a certificate says, before it is signed.
pub struct Tbs {
    pub serial: u64,
    pub issuer: Vec<u8>,
    pub subject: Vec<u8>,
    pub not_before: Time,
    pub not_after: Time,
    pub spki: Vec<u8>,
    pub extensions: Vec<Vec<u8>>,
}

fn integer(n: u64) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let skip = bytes.iter().take_while(|b| **b == 0).count().min(7);
    let mut body = bytes[skip..].to_vec();
    if body[0] & 0x80 != 0 {
        body.insert(0, 0);
    }
    tlv(0x02, &[&body])
}

impl Tbs {
    /// The DER TBSCertificate, with `algorithm` as its signature field.
    pub fn der(&self, algorithm: &[u8]) -> Vec<u8> {
        let version = tlv(0xa0, &[&tlv(0x02, &[&[2]])]);
        let validity = tlv(0x30, &[&time(self.not_before), &time(self.not_after)]);
        let refs: Vec<&[u8]> = self.extensions.iter().map(Vec::as_slice).collect();
        let exts = if refs.is_empty() {
            Vec::new()
        } else {
            tlv(0xa3, &[&tlv(0x30, &refs)])
        };
        tlv(
            0x30,
            &[
                &version,
                &integer(self.serial),
                algorithm,
                &self.issuer,
                &validity,
                &self.subject,
                &self.spki,
                &exts,
            ],
        )
    }

    /// The certificate, signed by `issuer`.
    pub fn sign(&self, issuer: &Key) -> Certificate {
        let der = issuer.sign_structure(&self.der(&issuer.algorithm_der()));
        Certificate::from_der(&der).unwrap()
    }
}

/// A certificate for `key` named `subject`, issued by `issuer` (named
/// `issuer_name`), valid `from`–`until`, with `extensions` then SKI/AKI.
#[allow(clippy::too_many_arguments)]
pub fn issue(
    serial: u64,
    subject: &[u8],
    key: &Key,
    issuer_name: &[u8],
    issuer: &Key,
    from: Time,
    until: Time,
    mut extensions: Vec<Vec<u8>>,
) -> Certificate {
    extensions.push(ski(&key.key_id()));
    extensions.push(aki(&issuer.key_id()));
    Tbs {
        serial,
        issuer: issuer_name.to_vec(),
        subject: subject.to_vec(),
        not_before: from,
        not_after: until,
        spki: key.spki.clone(),
        extensions,
    }
    .sign(issuer)
}

/// A CA certificate: basicConstraints CA and keyCertSign + cRLSign.
pub fn ca(
    serial: u64,
    subject: &[u8],
    key: &Key,
    issuer_name: &[u8],
    issuer: &Key,
    from: Time,
    until: Time,
) -> Certificate {
    let extensions = vec![basic_constraints(true, None), key_usage(&[5, 6])];
    issue(
        serial,
        subject,
        key,
        issuer_name,
        issuer,
        from,
        until,
        extensions,
    )
}

/// An end-entity certificate for `key`: digitalSignature + nonRepudiation
/// and the `extra` extensions.
#[allow(clippy::too_many_arguments)]
pub fn end_entity(
    serial: u64,
    subject: &[u8],
    key: &Key,
    issuer_name: &[u8],
    issuer: &Key,
    from: Time,
    until: Time,
    extra: Vec<Vec<u8>>,
) -> Certificate {
    let mut extensions = vec![basic_constraints(false, None), key_usage(&[0, 1])];
    extensions.extend(extra);
    issue(
        serial,
        subject,
        key,
        issuer_name,
        issuer,
        from,
        until,
        extensions,
    )
}

/// A CRL v2 issued under `issuer_name`, signed by `key`, listing `revoked`
/// (serial, revocation date), with a cRLNumber and an authorityKeyIdentifier
/// of `key`.
pub fn crl(
    issuer_name: &[u8],
    key: &Key,
    this_update: Time,
    next_update: Time,
    revoked: &[(u64, Time)],
    number: u64,
) -> Crl {
    let entries: Vec<CrlEntry> = revoked
        .iter()
        .map(|(serial, date)| CrlEntry::new(*serial, *date))
        .collect();
    crl_with(
        issuer_name,
        key,
        this_update,
        next_update,
        &entries,
        number,
        None,
    )
}

/// One revoked certificate of [`crl_with`].
pub struct CrlEntry {
    /// The serial number's magnitude, big-endian.
    pub serial: Vec<u8>,
    pub date: Time,
    /// reasonCode (RFC 5280 §5.3.1), e.g. 1 = keyCompromise.
    pub reason: Option<u8>,
    /// invalidityDate (RFC 5280 §5.3.2).
    pub invalidity: Option<Time>,
}

impl CrlEntry {
    pub fn new(serial: u64, date: Time) -> CrlEntry {
        let bytes = serial.to_be_bytes();
        let first = bytes.iter().position(|b| *b != 0).unwrap_or(7);
        CrlEntry {
            serial: bytes[first..].to_vec(),
            date,
            reason: None,
            invalidity: None,
        }
    }

    /// `cert` revoked at `date`.
    pub fn of(cert: &Certificate, date: Time) -> CrlEntry {
        CrlEntry {
            serial: cert.serial().to_vec(),
            date,
            reason: None,
            invalidity: None,
        }
    }

    /// With reasonCode `reason` and invalidityDate `invalidity`.
    pub fn because(mut self, reason: u8, invalidity: Option<Time>) -> CrlEntry {
        self.reason = Some(reason);
        self.invalidity = invalidity;
        self
    }
}

/// An INTEGER of a non-negative magnitude.
fn integer_magnitude(magnitude: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(magnitude.len() + 1);
    if magnitude.first().is_none_or(|b| b & 0x80 != 0) {
        v.push(0);
    }
    v.extend_from_slice(magnitude);
    tlv(0x02, &[&v])
}

/// GeneralizedTime, always (invalidityDate, expiredCertsOnCRL).
pub fn generalized_time(t: Time) -> Vec<u8> {
    let (y, mo, d, h, mi, s) = t.to_ymd_hms();
    let text = format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z");
    tlv(0x18, &[text.as_bytes()])
}

/// [`crl`] with entry extensions (reason, invalidityDate) and, when given,
/// an expiredCertsOnCRL extension (ITU-T X.509, 2.5.29.60).
pub fn crl_with(
    issuer_name: &[u8],
    key: &Key,
    this_update: Time,
    next_update: Time,
    revoked: &[CrlEntry],
    number: u64,
    expired_certs_on_crl: Option<Time>,
) -> Crl {
    let alg = key.algorithm_der();
    let entries: Vec<Vec<u8>> = revoked
        .iter()
        .map(|e| {
            let mut exts = Vec::new();
            if let Some(r) = e.reason {
                exts.push(ext("2.5.29.21", false, &tlv(0x0a, &[&[r]])));
            }
            if let Some(t) = e.invalidity {
                exts.push(ext("2.5.29.24", false, &generalized_time(t)));
            }
            let refs: Vec<&[u8]> = exts.iter().map(Vec::as_slice).collect();
            let exts = if refs.is_empty() {
                Vec::new()
            } else {
                tlv(0x30, &refs)
            };
            tlv(0x30, &[&integer_magnitude(&e.serial), &time(e.date), &exts])
        })
        .collect();
    let refs: Vec<&[u8]> = entries.iter().map(Vec::as_slice).collect();
    let list = if refs.is_empty() {
        Vec::new()
    } else {
        tlv(0x30, &refs)
    };
    let mut crl_exts = vec![
        ext("2.5.29.20", false, &integer(number)),
        ext(
            "2.5.29.35",
            false,
            &tlv(0x30, &[&tlv(0x80, &[&key.key_id()])]),
        ),
    ];
    if let Some(t) = expired_certs_on_crl {
        crl_exts.push(ext("2.5.29.60", false, &generalized_time(t)));
    }
    let crl_refs: Vec<&[u8]> = crl_exts.iter().map(Vec::as_slice).collect();
    let exts = tlv(0xa0, &[&tlv(0x30, &crl_refs)]);
    let tbs = tlv(
        0x30,
        &[
            &tlv(0x02, &[&[1]]),
            &alg,
            issuer_name,
            &time(this_update),
            &time(next_update),
            &list,
            &exts,
        ],
    );
    Crl::from_der(&key.sign_structure(&tbs)).unwrap()
}

/// A time `days` days after 2026-01-01T00:00:00Z (negative: before).
pub fn day(days: i64) -> Time {
    Time::from_unix(1_767_225_600 + days * 86_400)
}
