//! Making CAdES-BASELINE-B signatures (ETSI EN 319 122-1 §5, §6.3): new
//! envelopes, co-signatures added to existing ones, and countersignatures.

use std::io::Read;

use super::attributes::{
    self, Attribute, COMMITMENT_TYPE_INDICATION, CONTENT_HINTS, CONTENT_TIME_STAMP, CONTENT_TYPE,
    COUNTERSIGNATURE, CommitmentType, ContentHints, ID_DATA, ID_SIGNED_DATA, MESSAGE_DIGEST,
    SIGNATURE_POLICY_IDENTIFIER, SIGNING_CERTIFICATE_V2, SIGNING_TIME, SignaturePolicyRef,
};
use super::content::ContentDigests;
use super::signed_data::{Encoding, Envelope, GMT0010_DATA, GMT0010_SIGNED_DATA, encode_algorithm};
use super::signer_info::{SignerIdentifier, SignerInfo};
use crate::asn1::{self, tag};
use crate::crypto::{AlgorithmIdentifier, SignatureAlgorithm, Signer, Verifiers};
use crate::{DocumentType, EnvelopeError, HashAlgorithm, Oid, SignError, Time, VerifyError};

/// What goes into one signature besides the signer: the signing time (a
/// parameter, never the clock), the document type, the commitment, the
/// policy, and what certificates to ship.
///
/// ```
/// use sigbridge::envelope::{CommitmentType, SignatureOptions};
/// use sigbridge::{DocumentType, Time};
///
/// let at: Time = "2026-11-23T09:00:00Z".parse().unwrap();
/// let options = SignatureOptions::new(at)
///     .document_type(DocumentType::CERTIFICATE_OF_ORIGIN)
///     .commitment(CommitmentType::ProofOfOrigin)
///     .include_chain(true);
/// assert_eq!(options.signing_time, at);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignatureOptions {
    /// The signing-time attribute's value.
    pub signing_time: Time,
    /// The trade document type, written into content-hints.
    pub document_type: Option<DocumentType>,
    /// The commitment-type-indication.
    pub commitment: Option<CommitmentType>,
    /// The signature-policy-identifier.
    pub policy: Option<SignaturePolicyRef>,
    /// Ship the signer's chain ([`Signer::chain`]) as well as its
    /// certificate. `true` by default: a chain given to the signer (e.g.
    /// [`SoftwareSigner::with_chain`](crate::crypto::SoftwareSigner::with_chain))
    /// is what the signer says to ship, and an empty chain ships nothing
    /// more. Set it to `false` only to leave out a chain the signer carries
    /// (the relying party has the intermediates); only the signer's
    /// certificate is then shipped (CAdES-B-B needs no more, EN 319 122-1 §5.2.2).
    pub include_chain: bool,
    /// Name the signer by subjectKeyIdentifier (SignerInfo v3) instead of issuer and serial.
    pub identify_by_key_id: bool,
    /// Write a new envelope in the GM/T 0010-2012 form (see
    /// [`SignatureOptions::gmt0010`]). `false` by default.
    pub gmt0010: bool,
    /// A time-stamp token (DER) over the content, written as the signed
    /// attribute content-time-stamp (see [`SignatureOptions::content_timestamp`]).
    pub content_timestamp: Option<Vec<u8>>,
}

impl SignatureOptions {
    /// Options with the signing time set, no document type, commitment or
    /// policy, the signer named by issuer and serial, and the signer's chain
    /// shipped (whatever [`Signer::chain`] holds; see
    /// [`SignatureOptions::include_chain`]).
    pub fn new(signing_time: Time) -> SignatureOptions {
        SignatureOptions {
            signing_time,
            document_type: None,
            commitment: None,
            policy: None,
            // The signer's chain is shipped unless the caller says otherwise:
            // a chain given to the signer is never dropped silently (issue 12).
            include_chain: true,
            identify_by_key_id: false,
            gmt0010: false,
            content_timestamp: None,
        }
    }

    /// Sets the document type (content-hints).
    pub fn document_type(mut self, document_type: DocumentType) -> SignatureOptions {
        self.document_type = Some(document_type);
        self
    }

    /// Sets the commitment type.
    pub fn commitment(mut self, commitment: CommitmentType) -> SignatureOptions {
        self.commitment = Some(commitment);
        self
    }

    /// Sets the signature policy.
    pub fn policy(mut self, policy: SignaturePolicyRef) -> SignatureOptions {
        self.policy = Some(policy);
        self
    }

    /// Whether to ship the signer's chain ([`Signer::chain`]) besides its
    /// certificate: `true` (the default) ships whatever chain the signer
    /// carries; `false` deliberately ships the signer's certificate alone,
    /// even when the signer was given a chain.
    ///
    /// ```
    /// use sigbridge::crypto::SoftwareSigner;
    /// use sigbridge::envelope::{Envelope, SignatureOptions};
    /// use sigbridge::load_certificates;
    ///
    /// let chain = load_certificates(&std::fs::read("testdata/pki/cn/chain-org-uscc.pem").unwrap()).unwrap();
    /// let key = std::fs::read("testdata/pki/cn/org-uscc.key").unwrap();
    /// let signer = SoftwareSigner::from_pkcs8_pem(&key, chain[0].clone()).unwrap()
    ///     .with_chain(chain[1..2].to_vec());
    /// let at = "2026-11-23T09:00:00Z".parse().unwrap();
    /// // The chain given to the signer is shipped by default ...
    /// let env = Envelope::sign_detached(b"doc", &signer, &SignatureOptions::new(at)).unwrap();
    /// assert_eq!(env.certificates().len(), 2);
    /// // ... and left out only when asked.
    /// let options = SignatureOptions::new(at).include_chain(false);
    /// let env = Envelope::sign_detached(b"doc", &signer, &options).unwrap();
    /// assert_eq!(env.certificates().len(), 1);
    /// ```
    pub fn include_chain(mut self, yes: bool) -> SignatureOptions {
        self.include_chain = yes;
        self
    }

    /// Names the signer by subjectKeyIdentifier.
    pub fn identify_by_key_id(mut self, yes: bool) -> SignatureOptions {
        self.identify_by_key_id = yes;
        self
    }

    /// Writes a new envelope as GM/T 0010-2012 SM2 PKCS#7, for Chinese
    /// relying systems that expect it: ContentInfo type
    /// [`GMT0010_SIGNED_DATA`](super::GMT0010_SIGNED_DATA), eContentType
    /// and content-type attribute [`GMT0010_DATA`](super::GMT0010_DATA),
    /// sm2sign-with-sm3 (1.2.156.10197.1.501). Only an SM2-with-SM3 signer
    /// can; the CAdES attributes are written as usual. Not CAdES (EN 319
    /// 122-1 builds on id-signedData and id-data), so readers report it as
    /// [`Deviation::Gmt0010ContentType`](super::Deviation::Gmt0010ContentType);
    /// OpenSSL does not read it (its ContentInfo knows only the PKCS#7
    /// types). Co-signatures added later keep the envelope's types.
    ///
    /// ```
    /// use sigbridge::crypto::{SoftwareSigner, Verifiers};
    /// use sigbridge::envelope::{Envelope, SignatureOptions, GMT0010_SIGNED_DATA};
    /// use sigbridge::Certificate;
    ///
    /// let cert = Certificate::from_pem(&std::fs::read("testdata/pki/cn/org-uscc.pem").unwrap()).unwrap();
    /// let key = std::fs::read("testdata/pki/cn/org-uscc.key").unwrap();
    /// let signer = SoftwareSigner::from_pkcs8_pem(&key, cert).unwrap();
    /// let options = SignatureOptions::new("2026-11-23T09:00:00Z".parse().unwrap()).gmt0010(true);
    /// let env = Envelope::sign_detached(b"doc", &signer, &options).unwrap();
    /// let read = Envelope::parse(&env.to_der()).unwrap();
    /// assert_eq!(*read.content_info_type(), GMT0010_SIGNED_DATA);
    /// assert!(read.verify(Some(b"doc"), &Verifiers::builtin(), &[]).unwrap()[0].is_valid());
    /// ```
    pub fn gmt0010(mut self, yes: bool) -> SignatureOptions {
        self.gmt0010 = yes;
        self
    }

    /// Writes `token_der`, an RFC 3161 time-stamp token over the content,
    /// as the signed attribute content-time-stamp
    /// (id-aa-ets-contentTimestamp, EN 319 122-1 §5.2.8): proof that the
    /// document existed before it was signed. Get one with
    /// `sigbridge::tsp::content_timestamp`. The token is written as given;
    /// only new signatures over content carry it (not countersignatures).
    pub fn content_timestamp(mut self, token_der: Vec<u8>) -> SignatureOptions {
        self.content_timestamp = Some(token_der);
        self
    }
}

/// What a new SignerInfo signs.
enum Subject<'a> {
    /// The document, through its digest, with its content type.
    Content { digest: &'a [u8], content_type: Oid },
    /// Another signature's value (countersignature, RFC 5652 §11.4).
    Signature(&'a [u8]),
}

impl Envelope {
    /// Signs `content` and returns a detached envelope (the content travels
    /// separately; RFC 5652 §5.2 with eContent absent).
    ///
    /// ```
    /// use sigbridge::crypto::{SoftwareSigner, Verifiers};
    /// use sigbridge::envelope::{Envelope, SignatureOptions};
    /// use sigbridge::{Certificate, DocumentType};
    ///
    /// let cert = Certificate::from_pem(&std::fs::read("testdata/pki/cn/org-uscc.pem").unwrap()).unwrap();
    /// let key = std::fs::read("testdata/pki/cn/org-uscc.key").unwrap();
    /// let signer = SoftwareSigner::from_pkcs8_pem(&key, cert).unwrap();
    /// let options = SignatureOptions::new("2026-11-23T09:00:00Z".parse().unwrap())
    ///     .document_type(DocumentType::CERTIFICATE_OF_ORIGIN);
    /// let env = Envelope::sign_detached(b"<CertificateOfOrigin/>", &signer, &options).unwrap();
    /// let checks = env.verify(Some(b"<CertificateOfOrigin/>"), &Verifiers::builtin(), &[]).unwrap();
    /// assert!(checks[0].is_valid());
    /// assert_eq!(checks[0].document_type, Some(DocumentType::CERTIFICATE_OF_ORIGIN));
    /// ```
    ///
    /// # Errors
    /// [`EnvelopeError::Sign`] when the signer fails or its signature does
    /// not verify under its certificate, [`EnvelopeError::UnsupportedDigest`]
    /// when its hash cannot be computed here.
    pub fn sign_detached(
        content: &[u8],
        signer: &dyn Signer,
        options: &SignatureOptions,
    ) -> Result<Envelope, EnvelopeError> {
        let hash = signer_hash(signer)?;
        let digests = ContentDigests::from_bytes(content, &[hash]);
        Envelope::empty(ID_DATA, None, signer, options)?.add(&digests, signer, options)
    }

    /// [`Envelope::sign_detached`] over content read once from `reader`.
    pub fn sign_detached_reader(
        reader: &mut dyn Read,
        signer: &dyn Signer,
        options: &SignatureOptions,
    ) -> Result<Envelope, EnvelopeError> {
        let hash = signer_hash(signer)?;
        let digests = ContentDigests::from_reader(reader, &[hash])?;
        Envelope::empty(ID_DATA, None, signer, options)?.add(&digests, signer, options)
    }

    /// Signs `content` and carries it inside the envelope (enveloping, id-data).
    pub fn sign_enveloping(
        content: &[u8],
        signer: &dyn Signer,
        options: &SignatureOptions,
    ) -> Result<Envelope, EnvelopeError> {
        Envelope::sign_encapsulated(ID_DATA, content, signer, options)
    }

    /// Signs `content` of a registered content type other than id-data and
    /// carries it inside the envelope (e.g. an ICAO CSCA master list,
    /// 2.23.136.1.1.2). Signed attributes are always written, as RFC 5652
    /// §5.3 requires for such content.
    pub fn sign_encapsulated(
        content_type: Oid,
        content: &[u8],
        signer: &dyn Signer,
        options: &SignatureOptions,
    ) -> Result<Envelope, EnvelopeError> {
        let hash = signer_hash(signer)?;
        let digests = ContentDigests::from_bytes(content, &[hash]);
        Envelope::empty(content_type, Some(content.to_vec()), signer, options)?
            .add(&digests, signer, options)
    }

    /// Adds a parallel signature over the same document (a co-signer),
    /// keeping the existing signatures byte for byte. `detached` is the
    /// document for a detached envelope, `None` for an enveloping one.
    ///
    /// The document is checked against the existing signatures' message
    /// digests first, so a co-signature is never added to the wrong file.
    ///
    /// The SignerInfos are written as a DER SET OF (X.690 §11.6: sorted by
    /// encoding), so the new signature's index is not necessarily the last;
    /// find a signature by its signer, not by position, before
    /// [`Envelope::countersign`].
    ///
    /// # Errors
    /// [`EnvelopeError::DigestMismatch`] naming the existing signer whose
    /// digest the content does not match, and those of [`Envelope::sign_detached`].
    pub fn add_signer(
        &self,
        detached: Option<&[u8]>,
        signer: &dyn Signer,
        options: &SignatureOptions,
    ) -> Result<Envelope, EnvelopeError> {
        let content = match (detached, &self.content) {
            (Some(_), Some(_)) => return Err(EnvelopeError::ContentConflict),
            (None, None) => return Err(EnvelopeError::MissingContent),
            (Some(c), None) => c,
            (None, Some(c)) => c.as_slice(),
        };
        let digests = ContentDigests::from_bytes(content, &self.hashes_with(signer)?);
        self.add(&digests, signer, options)
    }

    /// [`Envelope::add_signer`] for a detached document read once from `reader`.
    pub fn add_signer_reader(
        &self,
        reader: &mut dyn Read,
        signer: &dyn Signer,
        options: &SignatureOptions,
    ) -> Result<Envelope, EnvelopeError> {
        if self.content.is_some() {
            return Err(EnvelopeError::ContentConflict);
        }
        let digests = ContentDigests::from_reader(reader, &self.hashes_with(signer)?)?;
        self.add(&digests, signer, options)
    }

    /// Countersigns the signature at `index` (RFC 5652 §11.4): the new
    /// SignerInfo signs that signature's value, as an authority endorsing a
    /// specific signature does. Options' document type is not written (a
    /// countersignature covers a signature, not the document).
    ///
    /// # Errors
    /// [`EnvelopeError::NoSuchSigner`], and those of [`Envelope::sign_detached`].
    pub fn countersign(
        &self,
        index: usize,
        signer: &dyn Signer,
        options: &SignatureOptions,
    ) -> Result<Envelope, EnvelopeError> {
        let count = self.signer_infos.len();
        let target = self
            .signer_infos
            .get(index)
            .ok_or(EnvelopeError::NoSuchSigner { index, count })?;
        let hash = signer_hash(signer)?;
        let digest = hash.digest(&target.signature).ok_or(unsupported(hash))?;
        let cs = make_signer_info(signer, options, hash, Subject::Signature(&digest))?;
        let mut out = self.clone();
        let endorsed = out
            .signer_infos
            .get_mut(index)
            .ok_or(EnvelopeError::NoSuchSigner { index, count })?;
        let cs_der = cs.encode();
        let mut attrs = std::mem::take(&mut endorsed.unsigned_attributes);
        match attrs.iter_mut().find(|a| *a.oid() == COUNTERSIGNATURE) {
            // RFC 5652 §11.4: the countersignature attribute may have several values.
            Some(existing) => {
                let mut values = existing.values().to_vec();
                values.push(cs_der);
                *existing = Attribute::new(COUNTERSIGNATURE, values);
            }
            None => attrs.push(Attribute::new(COUNTERSIGNATURE, vec![cs_der])),
        }
        endorsed.unsigned_attributes = attrs;
        out.add_certificates(shipped(signer, options));
        out.normalised()
    }

    /// A new envelope without signers, in the GM/T 0010-2012 form when asked.
    fn empty(
        content_type: Oid,
        content: Option<Vec<u8>>,
        signer: &dyn Signer,
        options: &SignatureOptions,
    ) -> Result<Envelope, EnvelopeError> {
        let (content_info_type, content_type) = if options.gmt0010 {
            // GM/T 0010-2012 is the SM2 message syntax: an RSA or ECDSA
            // signature in it would be a form nobody reads.
            let alg = SignatureAlgorithm::from_identifier(&signer.algorithm());
            if alg
                != (SignatureAlgorithm::Sm2 {
                    hash: HashAlgorithm::Sm3,
                })
            {
                return Err(EnvelopeError::Sign(SignError::UnsupportedKey {
                    algorithm: format!(
                        "{} in GM/T 0010-2012 form (only SM2 with SM3 is written in it; drop .gmt0010(true) for this signer)",
                        alg.name()
                    ),
                }));
            }
            let data = if content_type == ID_DATA {
                GMT0010_DATA
            } else {
                content_type
            };
            (GMT0010_SIGNED_DATA, data)
        } else {
            (ID_SIGNED_DATA, content_type)
        };
        Ok(Envelope {
            encoding: Encoding::Der,
            content_info_type,
            digest_algorithms: Vec::new(),
            content_type,
            content,
            certificate_choices: Vec::new(),
            certificates: Vec::new(),
            revocation_choices: Vec::new(),
            signer_infos: Vec::new(),
            deviations: Vec::new(),
        })
    }

    /// The hashes to compute when adding `signer`: its own and those of the existing signers.
    fn hashes_with(&self, signer: &dyn Signer) -> Result<Vec<HashAlgorithm>, EnvelopeError> {
        let mut hashes = self.digest_algorithms_in_use();
        hashes.push(signer_hash(signer)?);
        Ok(hashes)
    }

    fn add(
        &self,
        digests: &ContentDigests,
        signer: &dyn Signer,
        options: &SignatureOptions,
    ) -> Result<Envelope, EnvelopeError> {
        // Never co-sign another document: the existing message digests must match.
        for si in &self.signer_infos {
            let Some(h) = HashAlgorithm::from_oid(&si.digest_algorithm.oid) else {
                continue;
            };
            let Some(attrs) = si.signed_attributes.as_deref() else {
                continue;
            };
            let Ok(Some(md)) = attributes::single(attrs, &MESSAGE_DIGEST) else {
                continue;
            };
            let existing = asn1::read_single_tag(md, tag::OCTET_STRING).map(|t| t.value);
            if let (Ok(existing), Some(ours)) = (existing, digests.get(h))
                && existing != ours
            {
                return Err(EnvelopeError::DigestMismatch {
                    signer: si.sid.to_string(),
                    algorithm: h.name().to_owned(),
                });
            }
        }
        let hash = signer_hash(signer)?;
        let digest = digests.get(hash).ok_or(unsupported(hash))?;
        let si = make_signer_info(
            signer,
            options,
            hash,
            Subject::Content {
                digest,
                content_type: self.content_type,
            },
        )?;
        let mut out = self.clone();
        out.add_digest_algorithm(AlgorithmIdentifier {
            oid: hash.oid(),
            parameters: None,
        });
        out.add_certificates(shipped(signer, options));
        out.signer_infos.push(si);
        out.normalised()
    }

    /// Adds each `(index, attribute)` to the unsigned attributes of the
    /// SignerInfo at `index` of `self` (after those it has, as a new
    /// attribute: EN 319 122-1 §5.3 lets a signature carry several
    /// signature-time-stamps). All indices refer to `self`: the SignerInfos
    /// are re-sorted (DER SET OF) only once, at the end. No signed byte
    /// changes: each SignerInfo's version-through-signature encoding is kept
    /// verbatim, other SignerInfos and countersignatures untouched.
    pub(crate) fn with_unsigned_attributes(
        &self,
        additions: Vec<(usize, Attribute)>,
    ) -> Result<Envelope, EnvelopeError> {
        let count = self.signer_infos.len();
        let mut out = self.clone();
        for (index, attribute) in additions {
            out.signer_infos
                .get_mut(index)
                .ok_or(EnvelopeError::NoSuchSigner { index, count })?
                .unsigned_attributes
                .push(attribute);
        }
        out.normalised()
    }

    /// Leaves out every certificate (a time-stamp token answering a request
    /// without certReq, RFC 3161 §2.4.1), then adds `certificates`.
    pub(crate) fn with_certificates_only(
        &self,
        certificates: &[crate::Certificate],
    ) -> Result<Envelope, EnvelopeError> {
        let mut out = self.clone();
        out.certificate_choices.clear();
        out.certificates.clear();
        out.add_certificates(certificates);
        out.normalised()
    }

    /// Re-reads the DER encoding, so that the value returned equals what a
    /// recipient parses (SET OF order included).
    fn normalised(&self) -> Result<Envelope, EnvelopeError> {
        Envelope::from_der(&self.to_der())
    }
}

fn shipped<'a>(
    signer: &'a dyn Signer,
    options: &SignatureOptions,
) -> impl Iterator<Item = &'a crate::Certificate> {
    let chain = if options.include_chain {
        signer.chain()
    } else {
        &[]
    };
    std::iter::once(signer.certificate()).chain(chain.iter())
}

fn unsupported(hash: HashAlgorithm) -> EnvelopeError {
    EnvelopeError::UnsupportedDigest {
        oid: hash.oid(),
        name: hash.name().to_owned(),
    }
}

/// The hash the signer's algorithm uses, which becomes the SignerInfo's
/// digestAlgorithm (RFC 5652 §5.4: one hash for content and signature).
fn signer_hash(signer: &dyn Signer) -> Result<HashAlgorithm, EnvelopeError> {
    let alg = SignatureAlgorithm::from_identifier(&signer.algorithm());
    let hash = alg.hash().ok_or_else(|| {
        EnvelopeError::Sign(SignError::UnsupportedKey {
            algorithm: alg.name(),
        })
    })?;
    if hash.digest(b"").is_none() {
        return Err(unsupported(hash));
    }
    Ok(hash)
}

fn make_signer_info(
    signer: &dyn Signer,
    options: &SignatureOptions,
    hash: HashAlgorithm,
    subject: Subject<'_>,
) -> Result<SignerInfo, EnvelopeError> {
    let cert = signer.certificate();
    let sid = SignerIdentifier::of(cert, options.identify_by_key_id).ok_or_else(|| {
        EnvelopeError::MissingKeyIdentifier {
            subject: cert.subject().to_string(),
        }
    })?;
    let mut attrs = Vec::new();
    let digest = match &subject {
        Subject::Content {
            digest,
            content_type,
        } => {
            attrs.push(Attribute::new(
                CONTENT_TYPE,
                vec![asn1::encode_oid(content_type)],
            ));
            if let Some(d) = options.document_type {
                attrs.push(Attribute::new(
                    CONTENT_HINTS,
                    vec![ContentHints::encode(d, content_type)],
                ));
            }
            // EN 319 122-1 §5.2.8: the content-time-stamp is a signed
            // attribute over the signed data object's content.
            if let Some(token) = &options.content_timestamp {
                // A value must be one DER element, or the SET OF would be garbage.
                if asn1::read_single(token).is_err() {
                    return Err(EnvelopeError::MalformedAttribute {
                        signer: cert.subject().to_string(),
                        attribute: "content-time-stamp",
                        reason: "the token given is not one DER element".into(),
                    });
                }
                attrs.push(Attribute::new(CONTENT_TIME_STAMP, vec![token.clone()]));
            }
            *digest
        }
        Subject::Signature(digest) => digest,
    };
    attrs.push(Attribute::new(
        MESSAGE_DIGEST,
        vec![asn1::encode(tag::OCTET_STRING, digest)],
    ));
    attrs.push(Attribute::new(
        SIGNING_TIME,
        vec![attributes::encode_signing_time(options.signing_time)],
    ));
    // EN 319 122-1 §5.2.2.3 / §6.3: signing-certificate-v2 is mandatory in CAdES-B-B.
    attrs.push(Attribute::new(
        SIGNING_CERTIFICATE_V2,
        vec![attributes::encode_signing_certificate_v2(cert)],
    ));
    if let Some(c) = &options.commitment {
        attrs.push(Attribute::new(
            COMMITMENT_TYPE_INDICATION,
            vec![attributes::encode_commitment(c)],
        ));
    }
    if let Some(p) = &options.policy {
        attrs.push(Attribute::new(
            SIGNATURE_POLICY_IDENTIFIER,
            vec![p.encode()],
        ));
    }
    let signed = asn1::encode_set_of(tag::SET, attrs.iter().map(|a| a.der().to_vec()).collect());
    let algorithm = signer.algorithm();
    let signature = signer.sign(&signed)?;
    // Check our own output before anyone relies on it: an HSM with the
    // wrong key, or a fault during an RSA-CRT signature (Boneh, DeMillo,
    // Lipton 1997), must not leave here as a signature.
    match Verifiers::builtin().verify(cert.spki_der(), &algorithm, &signed, &signature) {
        Ok(_) | Err(VerifyError::UnsupportedAlgorithm { .. }) => {}
        Err(e) => {
            return Err(EnvelopeError::Sign(SignError::Backend {
                reason: format!(
                    "the signature made does not verify under the certificate of {}: {e}",
                    cert.subject()
                ),
            }));
        }
    }
    let version: u64 = if options.identify_by_key_id { 3 } else { 1 };
    let signed_attrs_implicit = implicit(&signed);
    let der = asn1::encode_parts(
        tag::SEQUENCE,
        &[
            &asn1::encode_uint(version),
            &sid.encode(),
            &encode_algorithm(&AlgorithmIdentifier {
                oid: hash.oid(),
                parameters: None,
            }),
            &signed_attrs_implicit,
            &encode_algorithm(&algorithm),
            &asn1::encode(tag::OCTET_STRING, &signature),
        ],
    );
    SignerInfo::parse(&der)
}

/// The signed attributes with the `[0] IMPLICIT` identifier (0xA0) in place of SET (0x31).
fn implicit(set: &[u8]) -> Vec<u8> {
    let mut out = set.to_vec();
    if let Some(first) = out.first_mut() {
        *first = 0xa0;
    }
    out
}
