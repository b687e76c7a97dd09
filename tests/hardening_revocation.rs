//! Revocation hardening (issue 12, items 1 and 10): CRLs that must not
//! count, and CRLs that must not cost a valid signature its verdict.

mod common;

use common::certgen::{self, Key, day, dn};
use sigbridge::path::{AnchorSet, RevocationMode, TrustAnchor, ValidationOptions, build_path_in};
use sigbridge::{Certificate, PathError};

/// Two national PKIs: A (the victim: root, issuing CA, a revoked signer)
/// and B (a foreign root with its own issuing CA).
struct World {
    a_root: Certificate,
    a_ca: Certificate,
    a_ca_key: Key,
    signer: Certificate,
    b_root: Certificate,
    b_root_key: Key,
}

fn world() -> World {
    let a_root_key = Key::fixture("eu", "root");
    let a_ca_key = Key::fixture("eu", "ca");
    let signer_key = Key::fixture("eu", "qes-natural");
    let b_root_key = Key::fixture("kz", "root");
    let a_root_name = dn("AA", "Victim PKI", "Victim Root");
    let a_ca_name = dn("AA", "Victim PKI", "Victim Issuing CA");
    let b_root_name = dn("BB", "Foreign PKI", "Foreign Root");
    let a_root = certgen::ca(
        1,
        &a_root_name,
        &a_root_key,
        &a_root_name,
        &a_root_key,
        day(-400),
        day(4000),
    );
    let a_ca = certgen::ca(
        2,
        &a_ca_name,
        &a_ca_key,
        &a_root_name,
        &a_root_key,
        day(-300),
        day(3000),
    );
    let signer = certgen::end_entity(
        100,
        &dn("AA", "Exporter", "Revoked Signer"),
        &signer_key,
        &a_ca_name,
        &a_ca_key,
        day(-200),
        day(700),
        vec![],
    );
    let b_root = certgen::ca(
        1,
        &b_root_name,
        &b_root_key,
        &b_root_name,
        &b_root_key,
        day(-400),
        day(4000),
    );
    World {
        a_root,
        a_ca,
        a_ca_key,
        signer,
        b_root,
        b_root_key,
    }
}

fn anchors(w: &World) -> AnchorSet {
    AnchorSet::new(vec![
        TrustAnchor::from_certificate(&w.a_root).unwrap(),
        TrustAnchor::from_certificate(&w.b_root).unwrap(),
    ])
}

/// RFC 5280 §6.3.3 (f): a CRL issuer's path must end at the trust anchor
/// of the certificate's own path. A foreign root issues a look-alike of
/// the victim CA's name with cRLSign, and the look-alike signs a clean
/// CRL: it must not vouch for the victim CA's revoked subscriber.
#[test]
fn crl_signer_under_another_anchor_does_not_count() {
    let w = world();
    let b_root_name = dn("BB", "Foreign PKI", "Foreign Root");
    let fake_key = Key::fixture("kz", "ca");
    let look_alike = certgen::ca(
        77,
        w.a_ca.subject().raw_der(),
        &fake_key,
        &b_root_name,
        &w.b_root_key,
        day(-10),
        day(1000),
    );
    let clean = certgen::crl(
        w.a_ca.subject().raw_der(),
        &fake_key,
        day(0),
        day(30),
        &[],
        1,
    );
    let genuine = certgen::crl(
        w.a_ca.subject().raw_der(),
        &w.a_ca_key,
        day(0),
        day(30),
        &[(100, day(-1))],
        1,
    );
    let pool = vec![w.a_ca.clone(), look_alike.clone()];
    let at = day(1);

    // Required mode, only the forged clean CRL: the status is unknown.
    let options =
        ValidationOptions::new(at).revocation(RevocationMode::Required, vec![clean.clone()]);
    match build_path_in(&w.signer, &pool, &anchors(&w), &options) {
        Err(PathError::RevocationUnknown { subject, .. }) => {
            assert!(subject.contains("Revoked Signer"), "{subject}")
        }
        other => panic!("expected RevocationUnknown for the signer, got {other:?}"),
    }
    // The forged clean CRL first, the genuine revoking one second: revoked.
    for mode in [RevocationMode::Preferred, RevocationMode::Required] {
        let options =
            ValidationOptions::new(at).revocation(mode, vec![clean.clone(), genuine.clone()]);
        match build_path_in(&w.signer, &pool, &anchors(&w), &options) {
            Err(PathError::Revoked { subject, .. }) => assert!(subject.contains("Revoked Signer")),
            other => panic!("{mode:?}: expected Revoked, got {other:?}"),
        }
    }
    // The same look-alike issued under the victim's own root is a proper
    // delegated CRL signer (same anchor): its clean CRL is used.
    let a_root_key = Key::fixture("eu", "root");
    let delegated = certgen::ca(
        78,
        w.a_ca.subject().raw_der(),
        &fake_key,
        w.a_root.subject().raw_der(),
        &a_root_key,
        day(-10),
        day(1000),
    );
    let pool = vec![w.a_ca.clone(), delegated];
    let options = ValidationOptions::new(at).revocation(RevocationMode::Preferred, vec![clean]);
    let path = build_path_in(&w.signer, &pool, &anchors(&w), &options).unwrap();
    assert_eq!(path.anchor.name(), w.a_root.subject());
}

/// EN 319 102-1 §5.2.8: the cryptographic constraints reach the CRLs a
/// revocation decision rests on. A delegated CRL signer with a 1024-bit
/// key signs the CA's CRL: the path records that signature, and a policy
/// requiring 2048-bit RSA refuses it.
#[test]
fn a_weak_crl_signature_is_subject_to_the_policy() {
    use sigbridge::policy::{JurisdictionPolicy, PolicyFinding};
    let w = world();
    let a_root_key = Key::fixture("eu", "root");
    let weak = Key::fixture("hardening", "rsa1024");
    let delegated = certgen::ca(
        79,
        w.a_ca.subject().raw_der(),
        &weak,
        w.a_root.subject().raw_der(),
        &a_root_key,
        day(-10),
        day(1000),
    );
    let crl = certgen::crl(w.a_ca.subject().raw_der(), &weak, day(0), day(30), &[], 5);
    let at = day(1);
    let options = ValidationOptions::new(at).revocation(RevocationMode::Preferred, vec![crl]);
    let path = build_path_in(
        &w.signer,
        &[w.a_ca.clone(), delegated],
        &anchors(&w),
        &options,
    )
    .unwrap();
    // The CRL's own signature, then the delegated signer's certificate
    // (signed by the root's P-384 key).
    assert_eq!(path.crl_signatures.len(), 2);
    assert_eq!(path.crl_signatures[0].key.bits(), Some(1024));
    assert_eq!(&path.crl_signatures[1].issuer, w.a_root.subject());
    assert_eq!(path.crl_signatures[1].key.bits(), Some(384));
    let policy = JurisdictionPolicy::baseline(sigbridge::Jurisdiction::EU, &["advanced".into()]);
    assert_eq!(
        policy.check_path_algorithms(&path, at),
        vec![PolicyFinding::CrlAlgorithm {
            issuer: w.a_ca.subject().to_string(),
            finding: Box::new(PolicyFinding::KeyTooSmall {
                scheme: "rsa-pkcs1".into(),
                bits: 1024,
                min: 2048,
            }),
        }]
    );
}
