//! GOST signatures through the whole verifier, over the sample registry:
//! Russian GOST R 34.10-2012 signers (`testdata/pki/ru-gost`, every
//! parameter set) and Kazakh GOST 34.310-2004 / 34.10-2015-512 signers
//! (`testdata/pki/kz-gost`, Kazakh OIDs) are valid at home and recognised
//! across the RU–KZ agreements, with the assurance level each reaches;
//! revoked GOST signers are refused on the CAs' GOST-signed CRLs.

mod common;

use sigbridge::path::Crl;
use sigbridge::registry::Registry;
use sigbridge::verify::{
    Content, Indication, RecognitionStatus, Request, SubIndication, VerificationReport, Verifier,
};
use sigbridge::{DocumentType, Jurisdiction, SignatureAlgorithm, Time};

const DOC: &[u8] = b"<Invoice number=\"RU-KZ-77\" currency=\"RUB\" total=\"125000\"/>";

fn now() -> Time {
    "2026-11-23T09:00:00Z".parse().unwrap()
}

fn verify(p7s: &[u8], relying: Jurisdiction, crls: Vec<Crl>) -> VerificationReport {
    let registry = Registry::sample().unwrap();
    Verifier::new(&registry)
        .unwrap()
        .with_crls(crls)
        .verify(Request::new(p7s, Content::Detached(DOC), relying, now()))
}

fn sign(dir: &str, name: &str) -> Vec<u8> {
    common::sign_document(DOC, &[(dir, name)], DocumentType::COMMERCIAL_INVOICE, now())
}

fn crl(rel: &str) -> Crl {
    Crl::from_der(&common::read(&common::local(rel))).unwrap()
}

/// (indication, recognition, level) of the first signature, and its algorithm name.
fn outcome(
    r: &VerificationReport,
) -> (
    Indication,
    Option<SubIndication>,
    RecognitionStatus,
    Option<String>,
) {
    let s = &r.signatures[0];
    (
        s.validity.indication,
        s.validity.sub_indication,
        s.recognition.status,
        s.recognition.level.clone(),
    )
}

#[test]
fn russian_gost_signers_are_valid_at_home_and_recognised_in_kazakhstan() {
    let sets = [
        ("256a", SignatureAlgorithm::GostR3410_2012_256),
        ("256tca", SignatureAlgorithm::GostR3410_2012_256),
        ("512a", SignatureAlgorithm::GostR3410_2012_512),
        ("512c", SignatureAlgorithm::GostR3410_2012_512),
        ("mixed", SignatureAlgorithm::GostR3410_2012_256),
    ];
    for (set, alg) in sets {
        let p7s = sign(&format!("ru-gost/{set}"), "org-ceo");
        let home = verify(&p7s, Jurisdiction::RU, Vec::new());
        assert_eq!(
            outcome(&home),
            (
                Indication::TotalPassed,
                None,
                RecognitionStatus::Recognised,
                Some("KC2".into())
            ),
            "{set} in RU:\n{home}"
        );
        assert!(home.verdict.accepted, "{set}:\n{home}");
        assert_eq!(
            home.signatures[0].signature_algorithm.as_deref(),
            Some(alg.name().as_str()),
            "{set}"
        );
        let kz = verify(&p7s, Jurisdiction::KZ, Vec::new());
        assert_eq!(
            outcome(&kz),
            (
                Indication::TotalPassed,
                None,
                RecognitionStatus::Recognised,
                Some("nca-signing".into())
            ),
            "{set} in KZ:\n{kz}"
        );
        assert_eq!(
            kz.signatures[0].recognition.agreements[0].agreement,
            "kz-recognises-ru"
        );
        assert!(kz.verdict.accepted, "{set}:\n{kz}");
    }
}

#[test]
fn kazakh_gost_signers_are_valid_at_home_and_recognised_in_russia() {
    for (generation, alg) in [
        ("2004", SignatureAlgorithm::KzGost34310_2004),
        ("2015", SignatureAlgorithm::KzGost3410_2015 { bits: 512 }),
    ] {
        let p7s = sign(&format!("kz-gost/{generation}"), "ceo");
        let home = verify(&p7s, Jurisdiction::KZ, Vec::new());
        assert_eq!(
            outcome(&home),
            (
                Indication::TotalPassed,
                None,
                RecognitionStatus::Recognised,
                Some("nca-signing".into())
            ),
            "{generation} in KZ:\n{home}"
        );
        assert_eq!(
            home.signatures[0].signature_algorithm.as_deref(),
            Some(alg.name().as_str())
        );
        let ru = verify(&p7s, Jurisdiction::RU, Vec::new());
        if generation == "2015" {
            assert_eq!(
                outcome(&ru),
                (
                    Indication::TotalPassed,
                    None,
                    RecognitionStatus::Recognised,
                    Some("KC2".into())
                ),
                "{generation} in RU:\n{ru}"
            );
            assert_eq!(
                ru.signatures[0].recognition.agreements[0].agreement,
                "ru-recognises-kz"
            );
            assert!(ru.verdict.accepted, "{generation}:\n{ru}");
        } else {
            // The sample RU policy, like Russia since 2019, takes no GOST R
            // 34.11-94 family digest (GOST 34.311-95 is one).
            let s = &ru.signatures[0].validity;
            assert_eq!(
                (s.indication, s.sub_indication),
                (
                    Indication::Indeterminate,
                    Some(SubIndication::CryptoConstraintsFailure)
                ),
                "{generation} in RU:\n{ru}"
            );
            assert!(
                s.reasons.iter().any(|r| r.contains("GOST 34.311-95")),
                "{ru}"
            );
            assert!(!ru.verdict.accepted);
        }
    }
}

#[test]
fn revoked_gost_signers_are_refused_on_gost_signed_crls() {
    let cases = [
        ("ru-gost/256a", "pki/ru-gost/256a/ca.crl", Jurisdiction::RU),
        ("ru-gost/512c", "pki/ru-gost/512c/ca.crl", Jurisdiction::KZ),
        ("kz-gost/2004", "pki/kz-gost/2004/ca.crl", Jurisdiction::KZ),
        ("kz-gost/2015", "pki/kz-gost/2015/ca.crl", Jurisdiction::RU),
    ];
    for (dir, crl_path, relying) in cases {
        let p7s = sign(dir, "revoked");
        let r = verify(&p7s, relying, vec![crl(crl_path)]);
        assert_eq!(
            (
                r.signatures[0].validity.indication,
                r.signatures[0].validity.sub_indication
            ),
            (Indication::Indeterminate, Some(SubIndication::RevokedNoPoe)),
            "{dir}:\n{r}"
        );
        // The same CRL leaves the other signer alone.
        let good = sign(
            dir,
            if dir.starts_with("ru") {
                "org-ceo"
            } else {
                "ceo"
            },
        );
        let r = verify(&good, relying, vec![crl(crl_path)]);
        assert_eq!(
            r.signatures[0].validity.indication,
            Indication::TotalPassed,
            "{dir}:\n{r}"
        );
    }
}

/// A GOST signature whose value was changed is SIG_CRYPTO_FAILURE, and
/// the EU (no GOST in its policy, no agreement with RU) does not accept a
/// valid one.
#[test]
fn a_changed_gost_signature_fails_and_the_eu_does_not_accept() {
    let p7s = sign("ru-gost/512a", "org-ceo");
    let env = sigbridge::envelope::Envelope::from_der(&p7s).unwrap();
    let sig = env.signer_infos()[0].signature().to_vec();
    let at = p7s
        .windows(sig.len())
        .position(|w| w == sig.as_slice())
        .unwrap();
    let mut bad = p7s.clone();
    bad[at + 7] ^= 0x01;
    let r = verify(&bad, Jurisdiction::RU, Vec::new());
    assert_eq!(
        (
            r.signatures[0].validity.indication,
            r.signatures[0].validity.sub_indication
        ),
        (
            Indication::TotalFailed,
            Some(SubIndication::SigCryptoFailure)
        ),
        "\n{r}"
    );
    let eu = verify(&p7s, Jurisdiction::EU, Vec::new());
    assert!(!eu.verdict.accepted, "\n{eu}");
}
