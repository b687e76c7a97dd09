//! A KZ certificate carrying NCA RK level markers, made at test time (the
//! checked-in KZ test PKI has no certificatePolicies).

use sigbridge::crypto::SoftwareSigner;
use sigbridge::{Certificate, Time};

use super::certgen::{Key, certificate_policies, eku, end_entity};
use super::{fixture, local};

/// NCA RK signing policy for legal entities (profile::kz).
const NCA_SIGNING_POLICY: &str = "1.2.398.3.3.2.1";

/// A KZ company head's certificate as NCA RK issues it: the KZ test CEO's
/// subject and key, EKU e-mail protection and the CEO role, and the NCA
/// signing policy OID, issued directly by the KZ test root (so that the
/// policy is in the path's validated policy set).
pub fn kz_nca_certificate() -> (SoftwareSigner, Certificate) {
    let ceo = fixture("kz/ceo.pem");
    let key = Key::fixture("kz", "ceo");
    let root = Key::fixture("kz", "root");
    let cert = end_entity(
        0x13_08,
        ceo.subject().raw_der(),
        &key,
        fixture("kz/root.pem").subject().raw_der(),
        &root,
        Time::from_ymd_hms(2025, 1, 1, 0, 0, 0).unwrap(),
        Time::from_ymd_hms(2035, 1, 1, 0, 0, 0).unwrap(),
        vec![
            eku(
                false,
                &[
                    "1.3.6.1.5.5.7.3.4",
                    "1.2.398.3.3.4.1.2",
                    "1.2.398.3.3.4.1.2.1",
                ],
            ),
            certificate_policies(&[NCA_SIGNING_POLICY]),
        ],
    );
    let pem = std::fs::read(local("pki/kz/ceo.key")).unwrap();
    (
        SoftwareSigner::from_pkcs8_pem(&pem, cert.clone()).unwrap(),
        cert,
    )
}
