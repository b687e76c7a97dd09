//! Cryptographic verification of each SignerInfo (RFC 5652 §5.4, §5.6,
//! §11; RFC 5035 §4), and of the countersignatures on it.
//!
//! This layer answers "is this signature, by this certificate, over these
//! bytes?". Whether the certificate chains to a recognised anchor, and
//! what that means in a relying jurisdiction, is the verifier's business.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;

use super::Deviation;
use super::attributes::{
    self, CONTENT_TYPE, MESSAGE_DIGEST, SIGNING_CERTIFICATE, SIGNING_CERTIFICATE_V2, SIGNING_TIME,
};
use super::content::ContentDigests;
use super::signed_data::{Envelope, RawIdentity, is_data};
use super::signer_info::{MAX_COUNTERSIGNATURE_DEPTH, SignerIdentifier, SignerInfo};
use crate::asn1::{self, tag};
use crate::cert::Certificate;
use crate::crypto::{
    AlgorithmIdentifier, SignatureAlgorithm, Tolerance, Verified, Verifiers, VerifyOptions,
};
use crate::{DocumentType, EnvelopeError, HashAlgorithm, Oid, Time, VerifyError};

/// The outcome of checking one SignerInfo (or one countersignature).
#[derive(Debug, Clone)]
pub struct SignerCheck {
    /// Position among the envelope's SignerInfos (or among the countersignatures of its parent).
    pub index: usize,
    /// How the SignerInfo names its certificate; `None` if the SignerInfo itself did not parse.
    pub signer: Option<SignerIdentifier>,
    /// The signer's certificate, when found.
    pub certificate: Option<Certificate>,
    /// The signing-time attribute (the signer's claim, not a proof of time).
    pub signing_time: Option<Time>,
    /// The document type named by content-hints.
    pub document_type: Option<DocumentType>,
    /// The verdict: which algorithm verified, or the first reason it failed.
    pub result: Result<Verified, EnvelopeError>,
    /// The countersignatures on this signature, checked against its signature value.
    pub countersignatures: Vec<SignerCheck>,
    /// The real-world deviations this signature was accepted with (empty
    /// for a signature that follows the rules).
    pub deviations: Vec<super::Deviation>,
}

impl SignerCheck {
    /// Whether this signature verified (countersignatures are judged on their own).
    pub fn is_valid(&self) -> bool {
        self.result.is_ok()
    }
}

/// What a SignerInfo signs: the document, or (for a countersignature) the
/// signature value it endorses.
enum Target<'a> {
    Content {
        digests: &'a ContentDigests,
        bytes: Option<&'a [u8]>,
    },
    Signature(&'a [u8]),
}

impl Envelope {
    /// The digest algorithms the SignerInfos use, in order, without repeats;
    /// a reader is hashed with exactly these.
    pub fn digest_algorithms_in_use(&self) -> Vec<HashAlgorithm> {
        let mut out = Vec::new();
        for si in &self.signer_infos {
            if let Some(h) = HashAlgorithm::from_oid(&si.digest_algorithm.oid)
                && !out.contains(&h)
            {
                out.push(h);
            }
        }
        out
    }

    /// Verifies every signature over `detached` content (or, when `None`,
    /// over the content inside the envelope). `extra_certificates` are
    /// searched after the envelope's own for signer certificates.
    ///
    /// ```
    /// use sigbridge::envelope::Envelope;
    /// use sigbridge::crypto::Verifiers;
    ///
    /// let dir = "../shared/testdata/openssl-cms";
    /// let env = Envelope::from_der(&std::fs::read(format!("{dir}/ec/sig-cades.p7s")).unwrap()).unwrap();
    /// let doc = std::fs::read(format!("{dir}/doc.bin")).unwrap();
    /// let checks = env.verify(Some(&doc), &Verifiers::builtin(), &[]).unwrap();
    /// assert!(checks.iter().all(|c| c.is_valid()));
    /// ```
    ///
    /// # Errors
    /// Envelope-level problems only ([`EnvelopeError::MissingContent`],
    /// [`EnvelopeError::ContentConflict`]); each signature's verdict is in its
    /// [`SignerCheck::result`].
    pub fn verify(
        &self,
        detached: Option<&[u8]>,
        verifiers: &Verifiers,
        extra_certificates: &[Certificate],
    ) -> Result<Vec<SignerCheck>, EnvelopeError> {
        let content = match (detached, &self.content) {
            (Some(_), Some(_)) => return Err(EnvelopeError::ContentConflict),
            (None, None) => return Err(EnvelopeError::MissingContent),
            (Some(c), None) => c,
            (None, Some(c)) => c.as_slice(),
        };
        let digests = ContentDigests::from_bytes(content, &self.digest_algorithms_in_use());
        Ok(self.verify_digests(&digests, Some(content), verifiers, extra_certificates))
    }

    /// Verifies every signature over detached content read once from
    /// `reader`, hashing all digest algorithms in use in the same pass;
    /// memory stays flat whatever the document's size.
    ///
    /// # Errors
    /// [`EnvelopeError::ContentConflict`] for an enveloping signature,
    /// [`EnvelopeError::Io`] when reading fails.
    pub fn verify_reader(
        &self,
        reader: &mut dyn Read,
        verifiers: &Verifiers,
        extra_certificates: &[Certificate],
    ) -> Result<Vec<SignerCheck>, EnvelopeError> {
        if self.content.is_some() {
            return Err(EnvelopeError::ContentConflict);
        }
        let digests = ContentDigests::from_reader(reader, &self.digest_algorithms_in_use())?;
        Ok(self.verify_digests(&digests, None, verifiers, extra_certificates))
    }

    /// Verifies every signature against precomputed content digests (and the
    /// content bytes, needed only by signers without signed attributes).
    pub fn verify_digests(
        &self,
        digests: &ContentDigests,
        content: Option<&[u8]>,
        verifiers: &Verifiers,
        extra_certificates: &[Certificate],
    ) -> Vec<SignerCheck> {
        let ctx = Context {
            envelope: self,
            verifiers,
            extra: extra_certificates,
            seen: RefCell::new(HashMap::new()),
        };
        self.signer_infos
            .iter()
            .enumerate()
            .map(|(i, si)| {
                ctx.check(
                    i,
                    si,
                    &Target::Content {
                        digests,
                        bytes: content,
                    },
                    0,
                )
            })
            .collect()
    }

    /// Why the certificate a SignerInfo names cannot be used although the
    /// envelope carries it: the first embedded certificate that does not
    /// parse and whose issuer and serial (or subjectKeyIdentifier), read
    /// field by field, match `signer`; failing that, the first that does not
    /// parse and is too broken to tell whose it is. `None` when every
    /// embedded certificate parses or none of the broken ones is the
    /// signer's: the certificate is then simply not there.
    pub(crate) fn unreadable_signer_certificate(
        &self,
        signer: &SignerIdentifier,
    ) -> Option<EnvelopeError> {
        let broken: Vec<(usize, RawIdentity, &crate::CertError)> = self
            .certificates
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                c.certificate()
                    .err()
                    .map(|e| (i, RawIdentity::read(c.der()), e))
            })
            .collect();
        let matches = |raw: &RawIdentity| match signer {
            SignerIdentifier::IssuerAndSerialNumber { issuer, serial } => {
                raw.serial.as_deref() == Some(serial.as_slice())
                    && raw.issuer.as_deref().is_some_and(|i| {
                        i == issuer.as_slice()
                            || crate::cert::DistinguishedName::parse(i, &mut Vec::new())
                                .is_ok_and(|n| attributes::names_equal(issuer, &n))
                    })
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                raw.subject_key_id.as_deref() == Some(ski.as_slice())
            }
        };
        let (index, raw, error) = broken
            .iter()
            .find(|(_, raw, _)| matches(raw))
            .or_else(|| broken.iter().find(|(_, raw, _)| raw.issuer.is_none()))?;
        let identified = matches(raw);
        Some(EnvelopeError::SignerCertificateUnreadable {
            signer: signer.to_string(),
            index: *index,
            issuer: raw
                .issuer
                .as_deref()
                .filter(|_| identified)
                .map(describe_name),
            serial: raw
                .serial
                .as_deref()
                .filter(|_| identified)
                .map(crate::cert::hex),
            error: Box::new((*error).clone()),
        })
    }

    /// The certificate a SignerInfo names, from the envelope or `extra`.
    pub fn signer_certificate(
        &self,
        signer: &SignerIdentifier,
        extra: &[Certificate],
    ) -> Option<Certificate> {
        self.certificates
            .iter()
            .filter_map(|c| c.certificate().ok())
            .chain(extra.iter())
            .find(|c| signer.matches(c))
            .cloned()
    }
}

/// An issuer Name for a message: as a distinguished name where it parses
/// (under any leniency: this is only for reading), else its DER in hex.
fn describe_name(der: &[u8]) -> String {
    crate::cert::DistinguishedName::parse(der, &mut Vec::new())
        .map(|n| n.to_string())
        .unwrap_or_else(|_| format!("(undecodable name {})", crate::cert::hex(der)))
}

/// A signature already checked in this envelope: (signer certificate, verdict).
type Checked = (
    Option<Certificate>,
    Result<Verified, EnvelopeError>,
    Vec<Deviation>,
);
/// (a SignerInfo's `signed_part`, the parent signature value or empty).
type SeenKey = (Vec<u8>, Vec<u8>);

struct Context<'a> {
    envelope: &'a Envelope,
    verifiers: &'a Verifiers,
    extra: &'a [Certificate],
    /// Signatures checked so far, by (what the SignerInfo signs and says,
    /// from version through signature; the parent signature for a
    /// countersignature). Identical SignerInfos are checked once: a small
    /// signature repeated many times cannot multiply the work (issue 12
    /// item 10), and the verdict is a function of exactly these bytes.
    seen: RefCell<HashMap<SeenKey, Checked>>,
}

impl Context<'_> {
    fn check(
        &self,
        index: usize,
        si: &SignerInfo,
        target: &Target<'_>,
        depth: usize,
    ) -> SignerCheck {
        let parent = match target {
            Target::Content { .. } => Vec::new(),
            Target::Signature(s) => s.to_vec(),
        };
        let key = (si.signed_part.clone(), parent);
        let known = self.seen.borrow().get(&key).cloned();
        let (certificate, result, deviations) = match known {
            Some(checked) => checked,
            None => {
                let certificate = self.envelope.signer_certificate(&si.sid, self.extra);
                let mut deviations = Vec::new();
                let result = match &certificate {
                    // The signer's certificate may be there but unreadable:
                    // say which and why, not "missing" (issue 13 item 5).
                    None => Err(self
                        .envelope
                        .unreadable_signer_certificate(&si.sid)
                        .unwrap_or_else(|| EnvelopeError::SignerCertificateNotFound {
                            signer: si.sid.to_string(),
                            given: self.extra.len(),
                        })),
                    Some(cert) => self.check_signature(si, cert, target, &mut deviations),
                };
                self.seen.borrow_mut().insert(
                    key,
                    (certificate.clone(), result.clone(), deviations.clone()),
                );
                (certificate, result, deviations)
            }
        };
        let countersignatures = if depth < MAX_COUNTERSIGNATURE_DEPTH {
            si.countersignatures()
                .into_iter()
                .enumerate()
                .map(|(i, parsed)| match parsed {
                    Ok(cs) => self.check(i, &cs, &Target::Signature(&si.signature), depth + 1),
                    Err(e) => SignerCheck {
                        index: i,
                        signer: None,
                        certificate: None,
                        signing_time: None,
                        document_type: None,
                        result: Err(e),
                        countersignatures: Vec::new(),
                        deviations: Vec::new(),
                    },
                })
                .collect()
        } else {
            Vec::new()
        };
        SignerCheck {
            index,
            signer: Some(si.sid.clone()),
            certificate,
            signing_time: si.signing_time(),
            document_type: si.document_type(),
            result,
            countersignatures,
            deviations,
        }
    }

    /// Checks one signature; the real-world deviations it is accepted with
    /// are added to `deviations` (only when it verifies).
    fn check_signature(
        &self,
        si: &SignerInfo,
        cert: &Certificate,
        target: &Target<'_>,
        deviations: &mut Vec<Deviation>,
    ) -> Result<Verified, EnvelopeError> {
        // Named only when something fails: formatting a name is not free.
        let signer = || cert.subject().to_string();
        let digest = HashAlgorithm::from_oid(&si.digest_algorithm.oid).ok_or_else(|| {
            EnvelopeError::UnsupportedDigest {
                oid: si.digest_algorithm.oid,
                name: si.digest_algorithm.oid.to_string(),
            }
        })?;
        let algorithm = effective_algorithm(&si.signature_algorithm, digest);
        // RFC 5652 §5.4 with RFC 5754 §3 and RFC 4056 §3: the signature
        // algorithm's hash is the SignerInfo's digest algorithm.
        if let Some(h) = SignatureAlgorithm::from_identifier(&algorithm).hash()
            && h != digest
        {
            return Err(EnvelopeError::AlgorithmMismatch {
                signer: signer(),
                digest: digest.name().to_owned(),
                signature: SignatureAlgorithm::from_identifier(&algorithm).name(),
            });
        }
        // The DER re-encoding of the signed attributes, when the bytes as
        // received are not in DER order (issue 13 item 2).
        let mut resorted: Option<Vec<u8>> = None;
        let message: &[u8] = match (&si.signed_attributes, &si.signed_attributes_der) {
            (Some(attrs), Some(der)) => {
                self.check_attributes(attrs, cert, digest, target)?;
                let sorted = attributes::der_sorted_set(attrs);
                if sorted != *der {
                    resorted = Some(sorted);
                }
                der
            }
            _ => match target {
                Target::Content { bytes, .. } => {
                    // RFC 5652 §5.3: without signed attributes the content
                    // type must be id-data (or GM/T 0010's data, reported on the envelope).
                    if !is_data(&self.envelope.content_type) {
                        return Err(EnvelopeError::SignedAttributesRequired {
                            signer: signer(),
                            content_type: self.envelope.content_type,
                        });
                    }
                    bytes.ok_or(EnvelopeError::ContentNeededInMemory { signer: signer() })?
                }
                Target::Signature(value) => value,
            },
        };
        let failed = |source| EnvelopeError::Signature {
            signer: signer(),
            source,
        };
        // The certificate's parsed key: prepared once, reused when the same
        // certificate signs again.
        let key = cert.public_key_info().map_err(failed)?;
        // RFC 8017 §9.2 Note 1: a DigestInfo without the NULL parameters is
        // the one alternative encoding accepted (as EU DSS does), reported.
        let options = VerifyOptions::default().accept_digest_info_without_null(true);
        let is_sm2 = matches!(
            SignatureAlgorithm::from_identifier(&algorithm),
            SignatureAlgorithm::Sm2 { .. }
        );
        // One reading of the signed bytes; `true` when it verified only as
        // SM2 without Z. GB/T 32918.2 §6.1 first; only when that fails, the
        // vendor form over SM3(M) without Z, reported. Only over signed
        // attributes: over raw bytes, anyone holding a GB/T signature by the
        // key on X (under any distinguishing ID) would have a "Z-less" one on
        // Z ‖ X; signed attributes are a DER SET we parsed and checked, which
        // a Z value (an SM3 output) does not begin.
        let verify = |message: &[u8]| -> Result<(Verified, bool), VerifyError> {
            match self
                .verifiers
                .verify_with(&key, &algorithm, message, &si.signature, &options)
            {
                Ok(v) => Ok((v, false)),
                Err(first @ VerifyError::BadSignature { .. })
                    if is_sm2 && si.signed_attributes_der.is_some() =>
                {
                    let without_z = options.clone().sm2_without_z(true);
                    self.verifiers
                        .verify_with(&key, &algorithm, message, &si.signature, &without_z)
                        .map(|v| (v, true))
                        .map_err(|_| first)
                }
                Err(e) => Err(e),
            }
        };
        let mut found = Vec::new();
        // RFC 5652 §5.4 says the signature covers the DER encoding of the
        // signed attributes; producers differ on what that means when they
        // transmit another order. Both readings sign the same attribute
        // set, so both are tried: the bytes as received first (what the
        // signer most likely hashed, and what OpenSSL checks), then the DER
        // re-encoding (what Bouncy Castle based producers sign), only when
        // the first is a plain signature mismatch.
        let (verified, without_z) = match (verify(message), &resorted) {
            (Ok(v), None) => v,
            (Ok(v), Some(_)) => {
                found.push(Deviation::SignedAttributesNotDerOrder);
                v
            }
            (Err(first @ VerifyError::BadSignature { .. }), Some(sorted)) => {
                match verify(sorted) {
                    Ok(v) => {
                        found.push(Deviation::SignedAttributesResorted);
                        v
                    }
                    // The first failure is the one to report: it is over
                    // the bytes the envelope actually carries.
                    Err(_) => return Err(failed(first)),
                }
            }
            (Err(e), _) => return Err(failed(e)),
        };
        if without_z {
            found.push(Deviation::Sm2WithoutZ);
        }
        // Each crypto-level tolerance maps to its deviation (a new
        // tolerance fails to compile here until it is named).
        for t in &verified.tolerances {
            found.push(match t {
                Tolerance::DigestInfoWithoutNull => Deviation::DigestInfoWithoutNull,
            });
        }
        self.check_signing_certificate(si, cert)?;
        deviations.extend(sm2_oid_deviation(&si.signature_algorithm, digest));
        deviations.extend(found);
        Ok(verified)
    }

    /// content-type, message-digest and signing-time (RFC 5652 §11.1–11.3).
    fn check_attributes(
        &self,
        attrs: &[super::Attribute],
        cert: &Certificate,
        digest: HashAlgorithm,
        target: &Target<'_>,
    ) -> Result<(), EnvelopeError> {
        let signer = || cert.subject().to_string();
        let one = |oid: &Oid, name: &'static str| {
            attributes::single(attrs, oid).map_err(|()| EnvelopeError::DuplicateAttribute {
                signer: signer(),
                attribute: name,
            })
        };
        let malformed = |name: &'static str, reason: String| EnvelopeError::MalformedAttribute {
            signer: signer(),
            attribute: name,
            reason,
        };
        let content_type = one(&CONTENT_TYPE, "content-type")?;
        let message_digest = one(&MESSAGE_DIGEST, "message-digest")?;
        if let Some(t) = one(&SIGNING_TIME, "signing-time")?
            && attributes::decode_signing_time(t).is_none()
        {
            return Err(malformed(
                "signing-time",
                "not a UTCTime or GeneralizedTime".into(),
            ));
        }
        let expected_digest = match target {
            Target::Content { digests, .. } => {
                // RFC 5652 §11.1: content-type is mandatory with signed attributes …
                let ct = content_type.ok_or_else(|| EnvelopeError::MissingAttribute {
                    signer: signer(),
                    attribute: "content-type",
                })?;
                let ct = asn1::read_single_tag(ct, tag::OID)
                    .and_then(|t| asn1::oid(t.value))
                    .map_err(|e| malformed("content-type", e.to_string()))?;
                // … and equals the eContentType (RFC 5652 §5.6).
                if ct != self.envelope.content_type {
                    return Err(EnvelopeError::ContentTypeMismatch {
                        signer: signer(),
                        attribute: ct,
                    });
                }
                digests
                    .get(digest)
                    .ok_or_else(|| EnvelopeError::UnsupportedDigest {
                        oid: digest.oid(),
                        name: digest.name().to_owned(),
                    })?
                    .to_vec()
            }
            Target::Signature(value) => {
                // RFC 5652 §11.1: a countersignature carries no content-type.
                if content_type.is_some() {
                    return Err(EnvelopeError::ForbiddenAttribute {
                        signer: signer(),
                        attribute: "content-type",
                        reason: "RFC 5652 §11.1 forbids it in a countersignature",
                    });
                }
                digest
                    .digest(value)
                    .ok_or_else(|| EnvelopeError::UnsupportedDigest {
                        oid: digest.oid(),
                        name: digest.name().to_owned(),
                    })?
            }
        };
        let md = message_digest.ok_or_else(|| EnvelopeError::MissingAttribute {
            signer: signer(),
            attribute: "message-digest",
        })?;
        let md = asn1::read_single_tag(md, tag::OCTET_STRING)
            .map_err(|e| malformed("message-digest", e.to_string()))?;
        if md.value != expected_digest.as_slice() {
            return Err(EnvelopeError::DigestMismatch {
                signer: signer(),
                algorithm: digest.name().to_owned(),
            });
        }
        Ok(())
    }

    /// signing-certificate(-v2): the first reference names the certificate
    /// that verified the signature (RFC 5035 §4, RFC 2634 §5.4).
    fn check_signing_certificate(
        &self,
        si: &SignerInfo,
        cert: &Certificate,
    ) -> Result<(), EnvelopeError> {
        let Some(attrs) = si.signed_attributes.as_deref() else {
            return Ok(());
        };
        let signer = || cert.subject().to_string();
        for (oid, v2, name) in [
            (SIGNING_CERTIFICATE_V2, true, "signing-certificate-v2"),
            (SIGNING_CERTIFICATE, false, "signing-certificate"),
        ] {
            let value = attributes::single(attrs, &oid).map_err(|()| {
                EnvelopeError::DuplicateAttribute {
                    signer: signer(),
                    attribute: name,
                }
            })?;
            let Some(value) = value else { continue };
            let refs = attributes::decode_signing_certificate(value, v2).map_err(|e| {
                EnvelopeError::MalformedAttribute {
                    signer: signer(),
                    attribute: name,
                    reason: e.to_string(),
                }
            })?;
            match refs.first() {
                Some(r) if r.matches(cert) => {}
                first => {
                    return Err(EnvelopeError::SigningCertificateMismatch {
                        signer: signer(),
                        referenced: first.map(|r| crate::cert::hex(&r.hash)).unwrap_or_default(),
                    });
                }
            }
        }
        Ok(())
    }
}

/// The deviation of a SignerInfo naming its SM2 signature by an OID other
/// than sm2sign-with-sm3 (GM/T 0006 / RFC 8998's SM2 with SM3,
/// 1.2.156.10197.1.501), read through [`KEY_ONLY`].
fn sm2_oid_deviation(sig: &AlgorithmIdentifier, digest: HashAlgorithm) -> Option<Deviation> {
    if digest != HashAlgorithm::Sm3 {
        return None;
    }
    if sig.oid == SM2_1 {
        Some(Deviation::Sm2BareSignatureOid)
    } else if sig.oid == SM2_ENCRYPTION {
        Some(Deviation::Sm2EncryptionOid)
    } else {
        None
    }
}

/// GM/T 0006 SM2-1, the SM2 signature scheme without its hash.
const SM2_1: Oid = Oid::new_unwrap("1.2.156.10197.1.301.1");
/// GM/T 0006 SM2-3, SM2 public-key *encryption*; one SDK writes it as the
/// SignerInfo's signatureAlgorithm.
const SM2_ENCRYPTION: Oid = Oid::new_unwrap("1.2.156.10197.1.301.3");

/// The signature AlgorithmIdentifier to verify with. CMS lets the
/// SignerInfo name only the key algorithm, the hash coming from
/// digestAlgorithm: rsaEncryption (RFC 5754 §3.2, what OpenSSL writes),
/// id-ecPublicKey (seen from older Java producers), sm2-1 (GM/T 0010 §7)
/// and the SM2 encryption OID one Chinese SDK writes (both reported, see
/// [`sm2_oid_deviation`]; over a non-SM2 key they are refused as a key
/// mismatch by the SM2 verifier),
/// and the GOST key OIDs (RFC 4490 §3.2 for GOST R 34.10-2001; CryptoPro
/// and the national clients write the GOST R 34.10-2012 key OIDs likewise).
pub(crate) fn effective_algorithm(
    sig: &AlgorithmIdentifier,
    digest: HashAlgorithm,
) -> AlgorithmIdentifier {
    KEY_ONLY
        .iter()
        .find(|(key, hash, _, _)| *key == sig.oid && *hash == digest)
        .map_or_else(
            || sig.clone(),
            |(_, _, oid, null)| AlgorithmIdentifier {
                oid: *oid,
                // RFC 4055 §5: PKCS#1 v1.5 parameters are NULL; ECDSA, SM2 and
                // Russian GOST have none; the Kazakh GOST OIDs are written with NULL.
                parameters: null.then(|| vec![0x05, 0x00]),
            },
        )
}

use HashAlgorithm as H;

/// (key algorithm written as signatureAlgorithm, digest algorithm) → the
/// signature algorithm meant, and whether its parameters are NULL.
const KEY_ONLY: &[(Oid, HashAlgorithm, Oid, bool)] = &[
    (
        Oid::new_unwrap("1.2.840.113549.1.1.1"),
        H::Md5,
        Oid::new_unwrap("1.2.840.113549.1.1.4"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.840.113549.1.1.1"),
        H::Sha1,
        Oid::new_unwrap("1.2.840.113549.1.1.5"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.840.113549.1.1.1"),
        H::Sha224,
        Oid::new_unwrap("1.2.840.113549.1.1.14"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.840.113549.1.1.1"),
        H::Sha256,
        Oid::new_unwrap("1.2.840.113549.1.1.11"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.840.113549.1.1.1"),
        H::Sha384,
        Oid::new_unwrap("1.2.840.113549.1.1.12"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.840.113549.1.1.1"),
        H::Sha512,
        Oid::new_unwrap("1.2.840.113549.1.1.13"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.840.113549.1.1.1"),
        H::Sm3,
        Oid::new_unwrap("1.2.156.10197.1.504"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.840.10045.2.1"),
        H::Sha1,
        Oid::new_unwrap("1.2.840.10045.4.1"),
        false,
    ),
    (
        Oid::new_unwrap("1.2.840.10045.2.1"),
        H::Sha224,
        Oid::new_unwrap("1.2.840.10045.4.3.1"),
        false,
    ),
    (
        Oid::new_unwrap("1.2.840.10045.2.1"),
        H::Sha256,
        Oid::new_unwrap("1.2.840.10045.4.3.2"),
        false,
    ),
    (
        Oid::new_unwrap("1.2.840.10045.2.1"),
        H::Sha384,
        Oid::new_unwrap("1.2.840.10045.4.3.3"),
        false,
    ),
    (
        Oid::new_unwrap("1.2.840.10045.2.1"),
        H::Sha512,
        Oid::new_unwrap("1.2.840.10045.4.3.4"),
        false,
    ),
    (SM2_1, H::Sm3, Oid::new_unwrap("1.2.156.10197.1.501"), false),
    // SHA-3 and RIPEMD-160 under the bare key OIDs (OpenSSL 3 `cms -sign
    // -md sha3-256` writes rsaEncryption with a SHA-3 digestAlgorithm).
    (
        Oid::new_unwrap("1.2.840.113549.1.1.1"),
        H::Sha3_224,
        Oid::new_unwrap("2.16.840.1.101.3.4.3.13"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.840.113549.1.1.1"),
        H::Sha3_256,
        Oid::new_unwrap("2.16.840.1.101.3.4.3.14"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.840.113549.1.1.1"),
        H::Sha3_384,
        Oid::new_unwrap("2.16.840.1.101.3.4.3.15"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.840.113549.1.1.1"),
        H::Sha3_512,
        Oid::new_unwrap("2.16.840.1.101.3.4.3.16"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.840.113549.1.1.1"),
        H::Ripemd160,
        Oid::new_unwrap("1.3.36.3.3.1.2"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.840.10045.2.1"),
        H::Sha3_224,
        Oid::new_unwrap("2.16.840.1.101.3.4.3.9"),
        false,
    ),
    (
        Oid::new_unwrap("1.2.840.10045.2.1"),
        H::Sha3_256,
        Oid::new_unwrap("2.16.840.1.101.3.4.3.10"),
        false,
    ),
    (
        Oid::new_unwrap("1.2.840.10045.2.1"),
        H::Sha3_384,
        Oid::new_unwrap("2.16.840.1.101.3.4.3.11"),
        false,
    ),
    (
        Oid::new_unwrap("1.2.840.10045.2.1"),
        H::Sha3_512,
        Oid::new_unwrap("2.16.840.1.101.3.4.3.12"),
        false,
    ),
    (
        SM2_ENCRYPTION,
        H::Sm3,
        Oid::new_unwrap("1.2.156.10197.1.501"),
        false,
    ),
    (
        Oid::new_unwrap("1.2.643.2.2.19"),
        H::GostR3411_94,
        Oid::new_unwrap("1.2.643.2.2.3"),
        false,
    ),
    (
        Oid::new_unwrap("1.2.643.7.1.1.1.1"),
        H::Streebog256,
        Oid::new_unwrap("1.2.643.7.1.1.3.2"),
        false,
    ),
    (
        Oid::new_unwrap("1.2.643.7.1.1.1.2"),
        H::Streebog512,
        Oid::new_unwrap("1.2.643.7.1.1.3.3"),
        false,
    ),
    // The Kazakh key OIDs, written the same way by NCA-based clients
    // (their signature OIDs carry NULL parameters).
    (
        Oid::new_unwrap("1.2.398.3.10.1.1.1.1"),
        H::KzGost34311_95,
        Oid::new_unwrap("1.2.398.3.10.1.1.1.2"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.398.3.10.1.1.2.1"),
        H::Streebog256,
        Oid::new_unwrap("1.2.398.3.10.1.1.2.3.1"),
        true,
    ),
    (
        Oid::new_unwrap("1.2.398.3.10.1.1.2.2"),
        H::Streebog512,
        Oid::new_unwrap("1.2.398.3.10.1.1.2.3.2"),
        true,
    ),
];
