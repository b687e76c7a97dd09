//! Which signatures of a document are by the same signer, for the
//! co-signer rule: a document that needs an exporter *and* an issuing
//! authority needs two signers, not two SignerInfos.
//!
//! Two signatures are by the same signer when their certificates share
//! (transitively) any of:
//! - the subject public key: whoever holds the private key made both
//!   signatures, however many certificates certify that key (a renewed
//!   certificate over the same key, or the same certificate in two
//!   SignerInfos);
//! - a non-empty subject name under the same issuer name: RFC 5280
//!   §4.1.2.6 requires a DN to be "unique for each subject entity certified
//!   by the one CA as defined by the issuer field", so one CA's two
//!   certificates with one subject name certify one entity (a new key for
//!   the same person is still that person);
//! - a national identifier of a natural person that the profile read from
//!   the certificate (RU INN and SNILS, KZ IIN, CN resident identity card
//!   number, UZ PINFL, EU natural-person serialNumber identifiers, ETSI
//!   EN 319 412-1 §5.1.3, IN hashed PAN, PK CNIC): the same person with
//!   certificates from two CAs is one signer. Legal-entity identifiers
//!   (BIN, OGRN, USCC, organizationIdentifier) are not used: two employees
//!   of one company are two signers.
//!
//! A signature without a certificate is a signer of its own (it is not
//! valid, so it fills no role anyway).

use std::collections::HashMap;

use crate::cert::Certificate;
use crate::profile::{IdentifierScheme, SignerIdentity};

/// One identity label per signer: equal labels mean the same signer.
pub(super) fn identities(
    signers: &[(Option<&Certificate>, Option<&SignerIdentity>)],
) -> Vec<String> {
    let mut parent: Vec<usize> = (0..signers.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        // Bounded by the number of signers: each step moves to a smaller index.
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            i = p;
        }
        i
    }
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (i, (cert, identity)) in signers.iter().enumerate() {
        for key in keys(*cert, *identity) {
            match owner.get(&key) {
                None => {
                    owner.insert(key, i);
                }
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    // Point the later root at the earlier one.
                    let (low, high) = if a < b { (a, b) } else { (b, a) };
                    if let Some(p) = parent.get_mut(high) {
                        *p = low;
                    }
                }
            }
        }
    }
    (0..signers.len())
        .map(|i| format!("signer-{}", root(&mut parent, i)))
        .collect()
}

/// The facts by which one signer is recognised in another signature.
fn keys(cert: Option<&Certificate>, identity: Option<&SignerIdentity>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(cert) = cert {
        out.push(format!("key:{}", crate::cert::hex(cert.spki_der())));
        if !cert.subject().is_empty() {
            out.push(format!(
                "name:{}|{}",
                cert.issuer().match_key(),
                cert.subject().match_key()
            ));
        }
    }
    if let Some(identity) = identity {
        for id in &identity.identifiers {
            if is_natural_person(&id.scheme) {
                out.push(format!(
                    "person:{}:{}:{}",
                    id.scheme.label(),
                    id.country.as_deref().unwrap_or_default(),
                    id.value
                ));
            }
        }
    }
    out
}

fn is_natural_person(scheme: &IdentifierScheme) -> bool {
    use IdentifierScheme as S;
    matches!(
        scheme,
        S::RuInn
            | S::RuSnils
            | S::KzIin
            | S::CnResidentId
            | S::UzPinfl
            | S::EuNatural(_)
            | S::InPanHash
            | S::PkCnic
    )
}

#[cfg(test)]
mod tests {
    use super::identities;
    use crate::Certificate;
    use crate::profile::{CheckDigit, Identifier, IdentifierScheme, SignerIdentity};

    fn cert(path: &str) -> Certificate {
        let pem = std::fs::read(path).unwrap_or_default();
        Certificate::from_pem(&pem).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn person(scheme: IdentifierScheme, value: &str) -> SignerIdentity {
        SignerIdentity {
            identifiers: vec![Identifier {
                scheme,
                value: value.into(),
                country: None,
                raw: value.into(),
                check: CheckDigit::Valid,
            }],
            ..SignerIdentity::default()
        }
    }

    #[test]
    fn same_key_or_name_or_person_is_one_signer_and_an_organisation_is_not() {
        let chamber = cert("testdata/pki/cn/chamber.pem");
        let org = cert("testdata/pki/cn/org-uscc.pem");
        let person_cert = cert("testdata/pki/cn/person.pem");
        let kz = cert("testdata/pki/kz/root.pem");
        let iin = person(IdentifierScheme::KzIin, "900101300123");
        let bin = person(IdentifierScheme::KzBin, "100140011059");
        assert_eq!(
            identities(&[
                (Some(&chamber), None),
                (Some(&org), Some(&bin)),
                (Some(&chamber), None),
                (Some(&person_cert), Some(&iin)),
                (Some(&kz), Some(&bin)),
                (None, Some(&iin)),
                (None, None),
            ]),
            [
                "signer-0", "signer-1", "signer-0", "signer-3", "signer-4", "signer-3", "signer-6"
            ]
        );
    }
}
