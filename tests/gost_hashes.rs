//! Known-answer tests of the GOST and Belarusian hashes through the public
//! [`HashAlgorithm::digest`], and of bign (STB 34.101.45) through the public
//! verifier.
//!
//! Byte order: every expected value here is the digest as a *byte string*,
//! in the order the hash outputs it (and the order a CMS message-digest
//! attribute or a signature input carries it). GOST R 34.11-94 (RFC 5831)
//! and GOST R 34.11-2012 (RFC 6986) print messages and digests as
//! big-endian numbers, i.e. with the bytes reversed; where a vector comes
//! from such a printout, the test says so and reverses it explicitly.
//! STB 34.101.31 (belt-hash), STB 34.101.77 (bash) and STB 34.101.45
//! (bign) print octet strings in order, so their values are used as printed.

mod common;

use sigbridge::crypto::{AlgorithmIdentifier, Verifiers};
use sigbridge::{Certificate, HashAlgorithm, KeyAlgorithm, Oid, VerifyError};

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    assert_eq!(s.len() % 2, 0, "odd hex length");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// `hex` of a value printed as a big-endian number (RFC 5831 / RFC 6986):
/// the byte string is the printout reversed.
fn hex_reversed(s: &str) -> Vec<u8> {
    let mut v = hex(s);
    v.reverse();
    v
}

/// Asserts `hash(input) == expected` and that flipping one bit of the input
/// (the last bit of the last octet, or a one-octet input for the empty one)
/// changes the digest.
fn kat(hash: HashAlgorithm, input: &[u8], expected: &[u8]) {
    let got = hash.digest(input).unwrap();
    assert_eq!(got, expected, "{hash} of {} octets", input.len());
    assert_eq!(got.len(), hash.output_len());
    let mut flipped = input.to_vec();
    match flipped.last_mut() {
        Some(b) => *b ^= 0x01,
        None => flipped.push(0x01),
    }
    assert_ne!(
        hash.digest(&flipped).unwrap(),
        expected,
        "{hash}: a one-bit change must change the digest"
    );
}

// ---------------------------------------------------------------------------
// Streebog, GOST R 34.11-2012 (RFC 6986 §10)

/// RFC 6986 §10.1: M1 is printed as the number 0x3231…3130, which as a byte
/// string is the 63 ASCII digits "0123456789…012".
const M1: &[u8] = b"012345678901234567890123456789012345678901234567890123456789012";

/// RFC 6986 §10.2: M2 printed as a number; as a byte string it is the
/// reversed printout (72 octets, CP1251 text).
const M2_PRINTED: &str = "fbe2e5f0eee3c820fbeafaebef20fffbf0e1e0f0f520e0ed20e8ece0ebe5f0f2f120fff0eeec20f120faf2fee5e2202ce8f6f3ede220e8e6eee1e8f0f2d1202ce8f0f2e5e220e5d1";

#[test]
fn streebog_512_rfc6986_examples() {
    // §10.1.1 and §10.2.1 print H as big-endian numbers; the byte string
    // the hash outputs is the printout reversed (it starts 0x1b, 0x54 for M1).
    kat(
        HashAlgorithm::Streebog512,
        M1,
        &hex_reversed(
            "486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00\
             fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b",
        ),
    );
    kat(
        HashAlgorithm::Streebog512,
        &hex_reversed(M2_PRINTED),
        &hex_reversed(
            "28fbc9bada033b1460642bdcddb90c3fb3e56c497ccd0f62b8a2ad4935e85f03\
             7613966de4ee00531ae60f3b5a47f8dae06915d5f2f194996fcabf2622e6881e",
        ),
    );
    assert_eq!(
        HashAlgorithm::Streebog512.digest(M1).unwrap()[..2],
        [0x1b, 0x54]
    );
}

#[test]
fn streebog_256_rfc6986_examples() {
    // §10.1.2: H = 0x00557be5…ef1e159d as a number; the byte string is
    // 9d 15 1e ef … e5 7b 55 00.
    kat(
        HashAlgorithm::Streebog256,
        M1,
        &hex_reversed("00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d"),
    );
    assert_eq!(
        HashAlgorithm::Streebog256.digest(M1).unwrap(),
        hex("9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500")
    );
    // §10.2.2.
    kat(
        HashAlgorithm::Streebog256,
        &hex_reversed(M2_PRINTED),
        &hex_reversed("508f7e553c06501d749a66fc28c6cac0b005746d97537fa85d9e40904efed29d"),
    );
}

// ---------------------------------------------------------------------------
// GOST R 34.11-94 (RFC 5831), two S-boxes

/// The two messages of RFC 5831 §7.3 (printed there reversed, as numbers;
/// these are the byte strings). The digests below are the byte strings as
/// well (RFC 5831 prints them reversed: 0xFAFF37A6…D366C4B1 for the first).
const MSG32: &[u8] = b"This is message, length=32 bytes";
const MSG50: &[u8] = b"Suppose the original message has length = 50 bytes";

#[test]
fn kz_gost_34311_95_is_gost94_with_the_test_sbox() {
    let h = HashAlgorithm::KzGost34311_95;
    // RFC 5831 §7.3.1 (id-GostR3411-94-TestParamSet).
    kat(
        h,
        MSG32,
        &hex("b1c466d37519b82e8319819ff32595e047a28cb6f83eff1c6916a815a637fffa"),
    );
    kat(
        h,
        MSG50,
        &hex("471aba57a60a770d3a76130635c1fbea4ef14de51f78b4ae57dd893b62f55208"),
    );
    // The same RFC 5831 §7.3.1 digest printed reversed, as the RFC prints it.
    assert_eq!(
        h.digest(MSG32).unwrap(),
        hex_reversed("faff37a615a816691cff3ef8b68ca247e09525f39f8119832eb81975d366c4b1")
    );
    // The published test-parameter vectors (GOST R 34.11-94 test S-box;
    // the reference set rhash and Wikipedia list).
    kat(
        h,
        b"",
        &hex("ce85b99cc46752fffee35cab9a7b0278abb4c2d2055cff685af4912c49490f8d"),
    );
    kat(
        h,
        b"a",
        &hex("d42c539e367c66e9c88a801f6649349c21871b4344c6a573f849fdce62f314dd"),
    );
    kat(
        h,
        b"abc",
        &hex("f3134348c44fb1b2a277729e2285ebb5cb5e0f29c975bc753b70497c06a4d51d"),
    );
    kat(
        h,
        b"message digest",
        &hex("ad4434ecb18f2c99b60cbe59ec3d2469582b65273f48de72db2fde16a4889a4d"),
    );
    kat(
        h,
        &[b'U'; 128],
        &hex("53a3a3ed25180cef0c1d85a074273e551c25660a87062a52d926a9e8fe5733a4"),
    );
}

#[test]
fn gost_r_3411_94_uses_the_cryptopro_sbox() {
    let h = HashAlgorithm::GostR3411_94;
    // RFC 5831 §7.3.2 (id-GostR3411-94-CryptoProParamSet, RFC 4357 §11.2).
    kat(
        h,
        MSG32,
        &hex("2cefc2f7b7bdc514e18ea57fa74ff357e7fa17d652c75f69cb1be7893ede48eb"),
    );
    kat(
        h,
        MSG50,
        &hex("c3730c5cbccacf915ac292676f21e8bd4ef75331d9405e5f1a61dc3130a65011"),
    );
    kat(
        h,
        b"",
        &hex("981e5f3ca30c841487830f84fb433e13ac1101569b9c13584ac483234cd656c0"),
    );
    kat(
        h,
        b"abc",
        &hex("b285056dbf18d7392d7677369524dd14747459ed8143997e163b2986f92fd42c"),
    );
    // The two S-boxes give different digests of the same message.
    assert_ne!(h.digest(MSG32), HashAlgorithm::KzGost34311_95.digest(MSG32));
}

// ---------------------------------------------------------------------------
// belt-hash (STB 34.101.31) and bash (STB 34.101.77)

/// The first 127 octets of the belt S-box H (STB 34.101.31 Table A.1), the
/// test input of the BY standards: each example hashes a prefix of it.
const BELT_H: &str = "B194BAC80A08F53B366D008E584A5DE4 8504FA9D1BB6C7AC252E72C202FDCE0D
                      5BE3D61217B96181FE6786AD716B890B 5CB0C0FF33C356B835C405AED8E07F99
                      E12BDC1AE28257EC703FCCF095EE8DF1 C1AB76389FE678CAF7C6F860D5BB9C4F
                      F33C657B637C306ADD4EA7799EB23D31 3E98B56E27D3BCCF591E181F4C5AB7";

#[test]
fn belt_hash_stb_34_101_31_annex_a() {
    let x = hex(BELT_H);
    // STB 34.101.31-2011 Table A.25 / -2020 Table A.23: prefixes of 13, 32
    // and 48 octets.
    kat(
        HashAlgorithm::BeltHash,
        &x[..13],
        &hex("ABEF9725D4C5A83597A367D14494CC2542F20F659DDFECC961A3EC550CBA8C75"),
    );
    kat(
        HashAlgorithm::BeltHash,
        &x[..32],
        &hex("749E4C3653AECE5E48DB4761227742EB6DBE13F4A80F7BEFF1A9CF8D10EE7786"),
    );
    kat(
        HashAlgorithm::BeltHash,
        &x[..48],
        &hex("9D02EE446FB6A29FE5C982D4B13AF9D3E90861BC4CEF27CF306BFB0B174A154A"),
    );
    // The first and third are also the H of STB 34.101.45 Annex Г
    // (Tables Г.2 and Г.3): the bign examples hash those messages.
}

#[test]
fn bash_stb_34_101_77_annex_a() {
    let x = hex(BELT_H);
    // STB 34.101.77-2020 Annex A, A.3.1 and A.3.2 (bash256), A.3.5
    // (bash384), A.3.8 (bash512).
    kat(
        HashAlgorithm::Bash256,
        &[],
        &hex("114C3DFAE373D9BCBC3602D6386F2D6A2059BA1BF9048DBAA5146A6CB775709D"),
    );
    kat(
        HashAlgorithm::Bash256,
        &x[..127],
        &hex("3D7F4EFA00E9BA33FEED259986567DCF5C6D12D51057A968F14F06CC0F905961"),
    );
    kat(
        HashAlgorithm::Bash384,
        &x[..95],
        &hex(
            "64334AF830D33F63E9ACDFA184E32522103FFF5C6860110A2CD369EDBC04387C\
             501D8F92F749AE4DE15A8305C353D64D",
        ),
    );
    kat(
        HashAlgorithm::Bash512,
        &x[..63],
        &hex(
            "2A66C87C189C12E255239406123BDEDBF19955EAF0808B2AD705E249220845E2\
             0F4786FB6765D0B5C48984B1B16556EF19EA8192B985E4233D9C09508D6339E7",
        ),
    );
}

#[test]
fn digest_parts_is_the_digest_of_the_concatenation() {
    for h in [
        HashAlgorithm::Streebog256,
        HashAlgorithm::Streebog512,
        HashAlgorithm::GostR3411_94,
        HashAlgorithm::KzGost34311_95,
        HashAlgorithm::BeltHash,
        HashAlgorithm::Bash256,
    ] {
        assert_eq!(
            h.digest_parts(&[&MSG50[..7], &MSG50[7..]]),
            h.digest(MSG50),
            "{h}"
        );
    }
}

// ---------------------------------------------------------------------------
// bign through the public verifier

fn oid(s: &str) -> Oid {
    s.parse().unwrap()
}

/// DER of a bign-pubkey SPKI on `curve` with the raw key octets `q`.
fn bign_spki(curve: &str, q: &[u8]) -> Vec<u8> {
    use common::der::{oid, tlv};
    let alg = tlv(0x30, &[&oid("1.2.112.0.2.0.34.101.45.2.1"), &oid(curve)]);
    tlv(0x30, &[&alg, &tlv(0x03, &[&[0], q])])
}

fn bign_hbelt(parameters: Option<Vec<u8>>) -> AlgorithmIdentifier {
    AlgorithmIdentifier {
        oid: oid("1.2.112.0.2.0.34.101.45.12"),
        parameters,
    }
}

/// STB 34.101.45-2013 Annex Г, Tables Г.1 and Г.3.
const Q: &str = "BD1A5650 179D79E0 3FCEE49D 4C2BD5DD F54CE46D 0CF11E4F F87BF7A8 90857FD0
                 7AC6A603 61E8C817 3491686D 461B2826 190C2EDA 5909054A 9AB84D2A B9D99A90";
const S_VERIFY: &str = "47A63C8B 9C936E94 B5FAB3D9 CBD78366 290F3210 E163EEC8 DB4E921E 8479D413
                        8F112CC2 3E6DCE65 EC5FF21D F4231C28";

#[test]
fn bign_annex_g_verifies_through_the_builtin_backend() {
    let spki = bign_spki("1.2.112.0.2.0.34.101.45.3.1", &hex(Q));
    let x = &hex(BELT_H)[..48];
    let v = Verifiers::builtin();
    for params in [Some(vec![0x05, 0x00]), None] {
        let ok = v
            .verify(&spki, &bign_hbelt(params), x, &hex(S_VERIFY))
            .unwrap();
        assert_eq!(ok.hash, Some(HashAlgorithm::BeltHash));
        assert_eq!(ok.verifier, "builtin");
        assert!(!ok.weak);
    }
    let mut s = hex(S_VERIFY);
    s[20] ^= 0x80;
    assert_eq!(
        v.verify(&spki, &bign_hbelt(None), x, &s),
        Err(VerifyError::BadSignature {
            algorithm: "bign with belt-hash".into()
        })
    );
    // Parameters other than NULL: STB 34.101.45 Annex Д.
    assert!(matches!(
        v.verify(&spki, &bign_hbelt(Some(common::der::oid("1.2.3"))), x, &hex(S_VERIFY)),
        Err(VerifyError::BadParameters { algorithm, .. }) if algorithm == "bign with belt-hash"
    ));
    // bign-with-bash256 is named, and refused.
    let bash = AlgorithmIdentifier {
        oid: oid("1.2.112.0.2.0.34.101.45.13"),
        parameters: None,
    };
    assert!(matches!(
        v.verify(&spki, &bash, x, &hex(S_VERIFY)),
        Err(VerifyError::UnsupportedAlgorithm { oid: o, .. }) if o.to_string() == "1.2.112.0.2.0.34.101.45.13"
    ));
}

#[test]
fn bign_key_length_is_checked_when_the_key_is_read() {
    // 65 octets (a SEC1-style 0x04 prefix) on curve256v1.
    let mut sec1 = vec![0x04];
    sec1.extend(hex(Q));
    let spki = bign_spki("1.2.112.0.2.0.34.101.45.3.1", &sec1);
    assert!(matches!(
        Verifiers::builtin().verify(&spki, &bign_hbelt(None), b"x", &hex(S_VERIFY)),
        Err(VerifyError::MalformedKey { reason }) if reason.contains("bign public key length")
    ));
}

#[test]
fn bign_on_curve512_is_refused_as_unsupported() {
    let cert = Certificate::from_der(&common::read(&common::shared(
        "national-certs/by-selfmade-bign-root-ca-curve512.der",
    )))
    .unwrap();
    let key = cert.public_key_info().unwrap();
    assert_eq!(
        key.algorithm(),
        &KeyAlgorithm::Bign {
            curve: Some(oid("1.2.112.0.2.0.34.101.45.3.3"))
        }
    );
    assert_eq!(key.key_bytes().len(), 128);
    // Its own signature is bign-with-bash512 (…45.15).
    let refused = Verifiers::builtin().verify(
        cert.spki_der(),
        cert.signature_algorithm_identifier(),
        cert.tbs_der(),
        cert.signature_value(),
    );
    assert!(
        matches!(
            &refused,
            Err(VerifyError::UnsupportedAlgorithm { oid: o, .. }) if o.to_string() == "1.2.112.0.2.0.34.101.45.15"
        ),
        "{refused:?}"
    );
    // bign-with-hbelt under the same key: refused for the curve, naming it.
    let refused = Verifiers::builtin().verify(
        cert.spki_der(),
        &bign_hbelt(Some(vec![0x05, 0x00])),
        cert.tbs_der(),
        &[0; 96],
    );
    assert!(
        matches!(
            &refused,
            Err(VerifyError::UnsupportedAlgorithm { oid: o, name })
                if o.to_string() == "1.2.112.0.2.0.34.101.45.2.1" && name.contains("bign-curve512v1")
        ),
        "{refused:?}"
    );
}

/// The Annex Г key as a `SoftwareSigner` (PKCS#8 as STB 34.101.45 Annex Д
/// writes it: privateKey = the 32 octets of d), bound to a self-issued
/// certificate over Q: it signs bign-with-hbelt, its signatures verify
/// under Q, a CMS envelope it makes verifies, and another key is refused.
#[test]
fn bign_signs_through_software_signer() {
    use common::der::{oid, tlv};
    use sigbridge::crypto::{Signer, SigningScheme, SoftwareSigner};
    use sigbridge::envelope::{Envelope, SignatureOptions};
    const D: &str = "1F66B5B8 4B733967 4533F032 9C74F218 34281FED 0732429E 0C79235F C273E269";
    let curve = "1.2.112.0.2.0.34.101.45.3.1";
    let alg = tlv(0x30, &[&oid("1.2.112.0.2.0.34.101.45.2.1"), &oid(curve)]);
    let pkcs8 = tlv(0x30, &[&tlv(0x02, &[&[0]]), &alg, &tlv(0x04, &[&hex(D)])]);
    let cert = |q: &[u8]| {
        let name = tlv(
            0x30,
            &[&tlv(
                0x31,
                &[&tlv(0x30, &[&oid("2.5.4.3"), &tlv(0x0c, &[b"bign test"])])],
            )],
        );
        let sig_alg = tlv(0x30, &[&oid("1.2.112.0.2.0.34.101.45.12"), &[0x05, 0x00]]);
        let validity = tlv(
            0x30,
            &[
                &tlv(0x17, &[b"240101000000Z"]),
                &tlv(0x17, &[b"451231235959Z"]),
            ],
        );
        let tbs = tlv(
            0x30,
            &[
                &tlv(0xa0, &[&tlv(0x02, &[&[2]])]),
                &tlv(0x02, &[&[1]]),
                &sig_alg,
                &name,
                &validity,
                &name,
                &bign_spki(curve, q),
            ],
        );
        // The signature is a placeholder: the signer only reads the key.
        Certificate::from_der(&tlv(0x30, &[&tbs, &sig_alg, &tlv(0x03, &[&[0], &[0; 48]])])).unwrap()
    };
    let signer = SoftwareSigner::from_pkcs8_der(&pkcs8, cert(&hex(Q))).unwrap();
    assert_eq!(signer.scheme(), SigningScheme::Bign);
    assert_eq!(signer.algorithm(), bign_hbelt(Some(vec![0x05, 0x00])));
    let sig = signer.sign(b"invoice 380").unwrap();
    assert_eq!(sig.len(), 48);
    let v = Verifiers::builtin()
        .verify(
            &bign_spki(curve, &hex(Q)),
            &signer.algorithm(),
            b"invoice 380",
            &sig,
        )
        .unwrap();
    assert_eq!(v.hash, Some(HashAlgorithm::BeltHash));
    let env = Envelope::sign_detached(
        b"invoice 380",
        &signer,
        &SignatureOptions::new("2026-11-23T09:00:00Z".parse().unwrap()),
    )
    .unwrap();
    let checks = env
        .verify(Some(b"invoice 380"), &Verifiers::builtin(), &[])
        .unwrap();
    assert!(checks[0].is_valid(), "{:?}", checks[0].result);
    // A certificate over another point is refused.
    let mut other = hex(Q);
    other[0] ^= 1;
    assert!(matches!(
        SoftwareSigner::from_pkcs8_der(&pkcs8, cert(&other)),
        Err(sigbridge::SignError::KeyMismatch { .. })
    ));
}
