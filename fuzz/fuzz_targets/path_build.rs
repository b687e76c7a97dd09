//! A bundle of arbitrary certificates as anchors, intermediates and target:
//! path building and validation must end (budget) without panicking.
//! Input: u16 BE length-prefixed DER certificates; the first is the target,
//! the last the anchor, the rest the pool; optionally CRLs after a 0xffff marker.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sigbridge::path::{Crl, RevocationMode, TrustAnchor, ValidationOptions, build_path};
use sigbridge::{Certificate, Leniency, Time};

fuzz_target!(|data: &[u8]| {
    let mut d = data;
    let mut certs = Vec::new();
    let mut crls = Vec::new();
    let mut in_crls = false;
    while let Some((len, rest)) = d.split_first_chunk::<2>() {
        let len = u16::from_be_bytes(*len);
        if len == 0xffff {
            in_crls = true;
            d = rest;
            continue;
        }
        let Some((part, rest)) = rest.split_at_checked(usize::from(len)) else { break };
        d = rest;
        if in_crls {
            if let Ok(c) = Crl::from_der(part) {
                crls.push(c);
            }
        } else if let Ok(c) = Certificate::from_der_with(part, &Leniency::all()) {
            certs.push(c);
        }
    }
    let (Some(target), Some(anchor_cert)) = (certs.first(), certs.last()) else { return };
    let Ok(anchor) = TrustAnchor::from_certificate(anchor_cert) else { return };
    let pool = certs.get(1..certs.len().saturating_sub(1)).unwrap_or_default();
    let at = Time::from_ymd_hms(2030, 1, 1, 0, 0, 0).unwrap_or(Time::from_unix(0));
    let opts = ValidationOptions::new(at).revocation(RevocationMode::Preferred, crls);
    let _ = build_path(target, pool, &[anchor], &opts);
});
