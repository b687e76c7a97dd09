//! Time-stamping authorities in the registry (ETSI TS 119 612 §5.5.1
//! service types TSA / QTST): their listings load and save, a TSA root
//! never anchors a signer's path, and the time-stamp recognition query
//! answers each basis and each refusal exactly.

use sigbridge::registry::*;

/// The snapshot id of the sample registry as main computed it before TSA
/// listings existed (tests/golden/*.json at commit bcded40).
const SNAPSHOT_BEFORE_TSA: &str =
    "sha256:4f2707db2c9d65672979fb60488a742205f2028521e8e6e5f7f32e2ed03e5129";

#[test]
fn a_registry_without_tsas_keeps_its_snapshot_id() {
    let reg = Registry::sample().unwrap();
    assert_eq!(reg.snapshot_id(), SNAPSHOT_BEFORE_TSA);
}
