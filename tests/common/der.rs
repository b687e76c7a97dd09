//! Hand-made CMS structures for tests: a minimal DER writer and a
//! SignerInfo crafter, for envelopes sigbridge's builder refuses to write
//! (missing or repeated attributes, foreign certificates, GOST algorithms).

use sigbridge::crypto::Signer;
use sigbridge::envelope::Envelope;
use sigbridge::{Certificate, HashAlgorithm, Oid};

pub fn tlv(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let body: Vec<u8> = parts.concat();
    let mut out = vec![tag];
    let n = body.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend_from_slice(&[0x81, n as u8]);
    } else {
        out.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(&body);
    out
}

pub fn oid(dotted: &str) -> Vec<u8> {
    tlv(0x06, &[dotted.parse::<Oid>().unwrap().as_bytes()])
}

pub fn attr(type_oid: &str, values: &[Vec<u8>]) -> Vec<u8> {
    let refs: Vec<&[u8]> = values.iter().map(Vec::as_slice).collect();
    tlv(0x30, &[&oid(type_oid), &tlv(0x31, &refs)])
}

pub fn content_type_attr(ct: &str) -> Vec<u8> {
    attr("1.2.840.113549.1.9.3", &[oid(ct)])
}

pub fn digest_attr(digest: &[u8]) -> Vec<u8> {
    attr("1.2.840.113549.1.9.4", &[tlv(0x04, &[digest])])
}

pub fn ess_v2_attr(cert: &Certificate) -> Vec<u8> {
    let hash = HashAlgorithm::Sha256.digest(cert.der()).unwrap();
    let id = tlv(0x30, &[&tlv(0x04, &[&hash])]);
    attr(
        "1.2.840.113549.1.9.16.2.47",
        &[tlv(0x30, &[&tlv(0x30, &[&id])])],
    )
}

/// An envelope with one SignerInfo: `attrs` signed by `key`, the SignerInfo
/// naming `sid_cert`, the digest algorithm `digest_oid`, and `certs` carried.
pub fn craft(
    key: &dyn Signer,
    sid_cert: &Certificate,
    digest_oid: &str,
    attrs: Vec<Vec<u8>>,
    certs: &[&Certificate],
) -> Envelope {
    let alg = key.algorithm();
    let params = alg.parameters.clone().unwrap_or_default();
    let sig_alg = tlv(0x30, &[&oid(&alg.oid.to_string()), &params]);
    Envelope::from_der(&craft_der(
        &sig_alg,
        &|signed| key.sign(signed).unwrap(),
        sid_cert,
        digest_oid,
        attrs,
        certs,
    ))
    .unwrap()
}

/// The DER of such an envelope, with any signature algorithm (DER
/// AlgorithmIdentifier) and any signing function.
pub fn craft_der(
    sig_alg: &[u8],
    sign: &dyn Fn(&[u8]) -> Vec<u8>,
    sid_cert: &Certificate,
    digest_oid: &str,
    mut attrs: Vec<Vec<u8>>,
    certs: &[&Certificate],
) -> Vec<u8> {
    attrs.sort();
    let refs: Vec<&[u8]> = attrs.iter().map(Vec::as_slice).collect();
    let signed = tlv(0x31, &refs);
    let signature = sign(&signed);
    let mut implicit = signed.clone();
    implicit[0] = 0xa0;
    let digest_alg = tlv(0x30, &[&oid(digest_oid)]);
    let sid = tlv(
        0x30,
        &[
            sid_cert.issuer().raw_der(),
            &tlv(0x02, &[sid_cert.serial()]),
        ],
    );
    let si = tlv(
        0x30,
        &[
            &tlv(0x02, &[&[1]]),
            &sid,
            &digest_alg,
            &implicit,
            sig_alg,
            &tlv(0x04, &[&signature]),
        ],
    );
    let cert_refs: Vec<&[u8]> = certs.iter().map(|c| c.der()).collect();
    let sd = tlv(
        0x30,
        &[
            &tlv(0x02, &[&[1]]),
            &tlv(0x31, &[&digest_alg]),
            &tlv(0x30, &[&oid("1.2.840.113549.1.7.1")]),
            &tlv(0xa0, &cert_refs),
            &tlv(0x31, &[&si]),
        ],
    );
    tlv(0x30, &[&oid("1.2.840.113549.1.7.2"), &tlv(0xa0, &[&sd])])
}
