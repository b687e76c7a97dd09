//! Path building over the test PKIs and the real national chains: every
//! chain validates, failures are the most specific ones, budgets bound the
//! work.

mod common;

use common::{at_2030, local, national, read};
use sigbridge::path::{Budget, Role, TrustAnchor, ValidationOptions, build_path};
use sigbridge::{Certificate, PathError, Time};

fn chain(file: &str) -> Vec<Certificate> {
    sigbridge::load_certificates(&read(&local(&format!("pki/{file}")))).unwrap()
}

/// All CA certificates of all test PKIs: a shared, unordered pool.
fn big_pool() -> Vec<Certificate> {
    let mut pool = Vec::new();
    for cc in ["cn", "ru", "kz", "uz", "in", "eu", "pk"] {
        for f in ["ca.pem", "root.pem"] {
            pool.extend(chain(&format!("{cc}/{f}")));
        }
    }
    pool.extend(chain("cn/rsa-ca.pem"));
    pool.extend(chain("cn/chamber-ca.pem"));
    pool
}

fn all_roots() -> Vec<TrustAnchor> {
    ["cn", "ru", "kz", "uz", "in", "eu", "pk"]
        .iter()
        .map(|cc| TrustAnchor::from_certificate(&chain(&format!("{cc}/root.pem"))[0]).unwrap())
        .chain(std::iter::once(
            TrustAnchor::from_certificate(&chain("cn/rsa-root.pem")[0]).unwrap(),
        ))
        .collect()
}

#[test]
fn every_test_pki_signer_validates_against_all_roots() {
    let pool = big_pool();
    let anchors = all_roots();
    let opts = ValidationOptions::new(at_2030());
    let mut n = 0;
    for cc in ["cn", "ru", "kz", "uz", "in", "eu", "pk"] {
        for entry in std::fs::read_dir(local(&format!("pki/{cc}"))).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if !name.starts_with("chain-") || name == "chain-expired.pem" {
                continue;
            }
            let c = chain(&format!("{cc}/{name}"));
            let path = build_path(&c[0], &pool, &anchors, &opts)
                .unwrap_or_else(|e| panic!("{cc}/{name}: {e}"));
            assert_eq!(path.certificates.len(), 2, "{cc}/{name}");
            assert_eq!(path.certificates[0].role, Role::Target);
            assert_eq!(path.certificates[1].role, Role::Intermediate);
            assert!(path.anchor.name().matches(c[2].subject()), "{cc}/{name}");
            n += 1;
        }
    }
    assert!(n >= 20, "{n} signers");
}

#[test]
fn expiry_is_reported_rather_than_unknown_issuer() {
    let c = chain("eu/chain-expired.pem");
    let err = build_path(
        &c[0],
        &big_pool(),
        &all_roots(),
        &ValidationOptions::new(at_2030()),
    )
    .unwrap_err();
    match err {
        PathError::Expired {
            subject,
            not_after,
            at,
        } => {
            assert!(subject.contains("Piet Janssens"));
            assert_eq!(not_after.to_string(), "2025-06-30T23:59:59Z");
            assert_eq!(at, at_2030());
        }
        other => panic!("{other:?}"),
    }
    let at_2025 = Time::from_ymd_hms(2025, 1, 1, 0, 0, 0).unwrap();
    build_path(
        &c[0],
        &big_pool(),
        &all_roots(),
        &ValidationOptions::new(at_2025),
    )
    .unwrap();
}

#[test]
fn unknown_issuer_names_what_is_missing() {
    let c = chain("kz/chain-ceo.pem");
    let eu_root = TrustAnchor::from_certificate(&chain("eu/root.pem")[0]).unwrap();
    let err = build_path(&c[0], &[], &[eu_root], &ValidationOptions::new(at_2030())).unwrap_err();
    match err {
        PathError::UnknownIssuer { subject, issuer } => {
            assert!(subject.contains("АХМЕТОВ"));
            assert!(issuer.contains("ҰЛТТЫҚ"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_wrong_key_under_the_right_name_is_a_signature_failure() {
    // The KZ leaf with the right issuer name but the anchor made from the
    // CN SM2 root's key under... the KZ CA's own name: build an anchor by name + foreign key.
    let c = chain("kz/chain-ceo.pem");
    let foreign = chain("uz/ca.pem")[0].public_key_info().unwrap();
    let anchor = TrustAnchor::new(c[1].subject().clone(), foreign);
    let err = build_path(&c[0], &[], &[anchor], &ValidationOptions::new(at_2030())).unwrap_err();
    assert!(matches!(err, PathError::Signature { .. }), "{err:?}");
}

#[test]
fn budgets_bound_the_work() {
    let c = chain("ru/chain-org-ceo.pem");
    let root = TrustAnchor::from_certificate(&c[2]).unwrap();
    let mut shallow = Budget::default();
    shallow.max_depth = 1;
    let err = build_path(
        &c[0],
        &c[1..2],
        std::slice::from_ref(&root),
        &ValidationOptions::new(at_2030()).budget(shallow),
    )
    .unwrap_err();
    assert!(
        matches!(err, PathError::PathTooLong { limit: 1, .. }),
        "{err:?}"
    );
    let mut no_signatures = Budget::default();
    no_signatures.signatures = 1;
    let err = build_path(
        &c[0],
        &c[1..2],
        &[root],
        &ValidationOptions::new(at_2030()).budget(no_signatures),
    )
    .unwrap_err();
    assert_eq!(
        err,
        PathError::BudgetExceeded {
            what: "signature checks"
        }
    );
}

#[test]
fn a_hostile_pool_of_look_alikes_ends_within_budget() {
    // 300 copies of unrelated CA certificates plus the real issuer: the
    // index keeps this cheap and the right path is still found.
    let c = chain("uz/chain-person.pem");
    let mut pool: Vec<Certificate> = Vec::new();
    for _ in 0..50 {
        pool.extend(big_pool());
    }
    pool.push(c[1].clone());
    let anchor = TrustAnchor::from_certificate(&c[2]).unwrap();
    let path = build_path(&c[0], &pool, &[anchor], &ValidationOptions::new(at_2030())).unwrap();
    assert_eq!(path.certificates.len(), 2);
}

/// Real chains of the national corpus, at a time inside their validity.
#[test]
fn real_national_chains_validate() {
    let cases = [
        (
            "kz-nca-intermediate-rsa4096-2018.der",
            "kz-nca-root-rsa4096-2015.der",
            "2020-01-01T00:00:00Z",
        ),
        (
            "kz-nca-test-intermediate-rsa-2019.pem",
            "kz-nca-test-root-rsa4096-2018.pem",
            "2020-01-01T00:00:00Z",
        ),
        (
            "ru-russian-trusted-sub-ca-rsa4096-2022.pem",
            "ru-russian-trusted-root-ca-rsa4096-2022.pem",
            "2025-01-01T00:00:00Z",
        ),
        (
            "cn-cfca-cs-sm2-ca-under-rootca-2015.der",
            "cn-nrcac-rootca-sm2-2012.pem",
            "2020-01-01T00:00:00Z",
        ),
        (
            "cn-sheca-sm2-under-rootca-2013.pem",
            "cn-nrcac-rootca-sm2-2012.pem",
            "2020-01-01T00:00:00Z",
        ),
    ];
    for (child, root, at) in cases {
        let target = national(child);
        let anchor = TrustAnchor::from_certificate(&national(root)).unwrap();
        let opts = ValidationOptions::new(at.parse().unwrap());
        let path = build_path(&target, &[], std::slice::from_ref(&anchor), &opts)
            .unwrap_or_else(|e| panic!("{child}: {e}"));
        assert_eq!(path.certificates.len(), 1);
        // After the sub-CA expired, the expiry is what fails.
        let late = ValidationOptions::new("2045-01-01T00:00:00Z".parse().unwrap());
        assert!(
            matches!(
                build_path(&target, &[], &[anchor], &late),
                Err(PathError::Expired { .. })
            ),
            "{child}"
        );
    }
}
