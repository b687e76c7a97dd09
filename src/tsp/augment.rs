//! Time-stamps inside signatures: B-B → B-T (EN 319 122-1 §5.3) and the
//! reading of signature- and content-time-stamps.

use super::authority::{TimeStampAuthority, timestamp};
use super::token::TimeStampToken;
use super::{CONTENT_TIME_STAMP, SIGNATURE_TIME_STAMP};
use crate::HashAlgorithm;
use crate::envelope::{Attribute, Envelope, SignerInfo};
use crate::error::TspError;

impl Envelope {
    /// CAdES-B-B → B-T (EN 319 122-1 §5.3): a signature-time-stamp over the
    /// signature value of the SignerInfo at `index` (RFC 3161 Appendix A:
    /// the imprint is the hash of the `signature` field's value), added as
    /// the unsigned attribute id-aa-signatureTimeStampToken. No signed byte
    /// changes; other SignerInfos and countersignatures are untouched. The
    /// SignerInfos stay a DER SET OF, so find the signature again by its
    /// signer rather than by `index` in the result.
    ///
    /// ```
    /// use sigbridge::crypto::{SoftwareSigner, Verifiers};
    /// use sigbridge::envelope::{Envelope, SignatureOptions};
    /// use sigbridge::tsp::{self, SoftwareTsa};
    /// use sigbridge::{Certificate, HashAlgorithm, Oid, Time};
    ///
    /// let pem = |p: &str| std::fs::read(format!("testdata/pki/{p}")).unwrap();
    /// let at: Time = "2026-11-23T09:00:00Z".parse().unwrap();
    /// let signer = SoftwareSigner::from_pkcs8_pem(&pem("cn/org-uscc.key"),
    ///     Certificate::from_pem(&pem("cn/org-uscc.pem")).unwrap()).unwrap();
    /// let tsu = SoftwareSigner::from_pkcs8_pem(&pem("tsa/eu-tsu.key"),
    ///     Certificate::from_pem(&pem("tsa/eu-tsu.pem")).unwrap()).unwrap();
    /// let tsa = SoftwareTsa::new(tsu, Oid::new_unwrap("1.3.6.1.4.1.99999.3161.1"), at);
    ///
    /// let signed = Envelope::sign_detached(b"doc", &signer, &SignatureOptions::new(at)).unwrap();
    /// let bt = signed.add_signature_timestamp(0, &tsa, HashAlgorithm::Sha256).unwrap();
    /// let si = &bt.signer_infos()[0];
    /// let tokens = tsp::signature_timestamps(si);
    /// assert_eq!(tokens.len(), 1);
    /// tokens[0].as_ref().unwrap().matches(si.signature()).unwrap();
    /// assert!(bt.verify(Some(b"doc"), &Verifiers::builtin(), &[]).unwrap()[0].is_valid());
    /// ```
    ///
    /// # Errors
    /// [`TspError::NoSuchSigner`], and those of [`timestamp`].
    pub fn add_signature_timestamp(
        &self,
        index: usize,
        tsa: &dyn TimeStampAuthority,
        hash: HashAlgorithm,
    ) -> Result<Envelope, TspError> {
        let count = self.signer_infos().len();
        let si = self
            .signer_infos()
            .get(index)
            .ok_or(TspError::NoSuchSigner { index, count })?;
        let attribute = signature_timestamp_attribute(si, tsa, hash)?;
        self.with_unsigned_attributes(vec![(index, attribute)])
            .map_err(TspError::Envelope)
    }

    /// [`Envelope::add_signature_timestamp`] for every SignerInfo (one
    /// request each), all added at once.
    ///
    /// # Errors
    /// Those of [`timestamp`]; nothing is added unless every signature got its time-stamp.
    pub fn add_signature_timestamps(
        &self,
        tsa: &dyn TimeStampAuthority,
        hash: HashAlgorithm,
    ) -> Result<Envelope, TspError> {
        let additions = self
            .signer_infos()
            .iter()
            .enumerate()
            .map(|(i, si)| signature_timestamp_attribute(si, tsa, hash).map(|a| (i, a)))
            .collect::<Result<Vec<_>, _>>()?;
        self.with_unsigned_attributes(additions)
            .map_err(TspError::Envelope)
    }
}

fn signature_timestamp_attribute(
    si: &SignerInfo,
    tsa: &dyn TimeStampAuthority,
    hash: HashAlgorithm,
) -> Result<Attribute, TspError> {
    let token = timestamp(tsa, hash, si.signature())?;
    Ok(Attribute::new(
        SIGNATURE_TIME_STAMP,
        vec![token.der().to_vec()],
    ))
}

/// The signature-time-stamps on `si` (each value of each
/// id-aa-signatureTimeStampToken unsigned attribute), each read on its own
/// so that one malformed token does not hide the others. Check each with
/// [`TimeStampToken::matches`] over [`SignerInfo::signature`].
pub fn signature_timestamps(si: &SignerInfo) -> Vec<Result<TimeStampToken, TspError>> {
    tokens(si.unsigned_attributes(), &SIGNATURE_TIME_STAMP)
}

/// The content-time-stamps signed into `si` (the id-aa-ets-contentTimestamp
/// signed attribute's values, EN 319 122-1 §5.2.8). Check each with
/// [`TimeStampToken::matches`] over the signed content.
pub fn content_timestamps(si: &SignerInfo) -> Vec<Result<TimeStampToken, TspError>> {
    tokens(
        si.signed_attributes().unwrap_or_default(),
        &CONTENT_TIME_STAMP,
    )
}

fn tokens(attributes: &[Attribute], oid: &crate::Oid) -> Vec<Result<TimeStampToken, TspError>> {
    attributes
        .iter()
        .filter(|a| a.oid() == oid)
        .flat_map(|a| a.values().iter().map(|v| TimeStampToken::from_der(v)))
        .collect()
}
