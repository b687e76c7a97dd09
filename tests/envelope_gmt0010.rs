//! What Chinese CA SDKs (BJCA, CFCA, NETCA) write — GM/T 0010-2012 SM2
//! PKCS#7 with the Chinese content-type OIDs, SM2 signatures named by
//! sm2sign-with-sm3, bare SM2-1 or the SM2 encryption OID, and the vendor
//! form that signs SM3(M) without Z — and padding after the ContentInfo
//! (issue 13 items 1 and 4). Each form is built here (SoftwareSigner over
//! the SM2 test keys, or hand-made DER where our builder refuses to write
//! it) and read with the exact deviation or error asserted.

mod common;

use common::der::{content_type_attr, digest_attr, ess_v2_attr, oid, tlv};
use sigbridge::crypto::{Signer, SoftwareSigner, Verifiers};
use sigbridge::envelope::{
    Deviation, Envelope, GMT0010_DATA, GMT0010_SIGNED_DATA, ID_DATA, ID_SIGNED_DATA, ReadOptions,
    SignatureOptions,
};
use sigbridge::registry::Registry;
use sigbridge::verify::{Content, Request, Verifier};
use sigbridge::{
    Certificate, EnvelopeError, HashAlgorithm, Jurisdiction, SignError, Time, VerifyError,
};

const DOC: &[u8] = b"<CertificateOfOrigin id='CO-2026-0042'/>";
const SM2_SM3: &str = "1.2.156.10197.1.501";
const SM2_1: &str = "1.2.156.10197.1.301.1";
const SM2_ENCRYPT: &str = "1.2.156.10197.1.301.3";
const SM3: &str = "1.2.156.10197.1.401";
const GMT_SIGNED: &str = "1.2.156.10197.6.1.4.2.2";
const GMT_DATA: &str = "1.2.156.10197.6.1.4.2.1";
const PKCS7_SIGNED: &str = "1.2.840.113549.1.7.2";
const PKCS7_DATA: &str = "1.2.840.113549.1.7.1";

fn at() -> Time {
    "2026-11-23T09:00:00Z".parse().unwrap()
}

fn org() -> SoftwareSigner {
    common::pki_signer("cn", "org-uscc")
}

fn rsa() -> SoftwareSigner {
    common::pki_signer("cn", "org-rsa")
}

/// The raw SM2 key of a test-PKI signer, for the Z-less vendor form.
fn sm2_key(name: &str) -> sm2::dsa::SigningKey {
    use sm2::pkcs8::DecodePrivateKey;
    let pem = common::read(&common::local(&format!("pki/cn/{name}.key")));
    let der = pem::parse(pem).unwrap();
    let secret = sm2::SecretKey::from_pkcs8_der(der.contents()).unwrap();
    sm2::dsa::SigningKey::new(sigbridge::crypto::SM2_DEFAULT_ID, &secret).unwrap()
}

/// SM2 over e = SM3(M), without Z (what the vendor variant does).
fn sign_without_z(key: &sm2::dsa::SigningKey, message: &[u8]) -> Vec<u8> {
    use sm2::dsa::signature::hazmat::PrehashSigner;
    let e = HashAlgorithm::Sm3.digest(message).unwrap();
    let sig: sm2::dsa::Signature = key.sign_prehash(&e).unwrap();
    sig.to_der().to_vec()
}

/// How a hand-made envelope is laid out.
struct Form<'a> {
    content_info: &'a str,
    e_content_type: &'a str,
    signature_algorithm: &'a str,
    /// Signed attributes (content-type with this OID); `None`: none, the
    /// signature is over the content itself.
    attributes_content_type: Option<&'a str>,
    /// Carry the document inside the envelope.
    enveloping: bool,
}

const GMT_SDK: Form<'static> = Form {
    content_info: GMT_SIGNED,
    e_content_type: GMT_DATA,
    signature_algorithm: SM2_SM3,
    attributes_content_type: Some(GMT_DATA),
    enveloping: false,
};

const PKCS7: Form<'static> = Form {
    content_info: PKCS7_SIGNED,
    e_content_type: PKCS7_DATA,
    signature_algorithm: SM2_SM3,
    attributes_content_type: Some(PKCS7_DATA),
    enveloping: false,
};

/// A SignedData in `form`, one SignerInfo by `cert`, signed by `sign`
/// (over the DER signed attributes, or the content when there are none).
fn craft(form: &Form<'_>, cert: &Certificate, sign: &dyn Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    craft_over(DOC, form, cert, sign)
}

/// [`craft`] over another document.
fn craft_over(
    doc: &[u8],
    form: &Form<'_>,
    cert: &Certificate,
    sign: &dyn Fn(&[u8]) -> Vec<u8>,
) -> Vec<u8> {
    let digest = HashAlgorithm::Sm3.digest(doc).unwrap();
    let (signed_attrs, signature) = match form.attributes_content_type {
        Some(ct) => {
            let mut attrs = [
                content_type_attr(ct),
                digest_attr(&digest),
                ess_v2_attr(cert),
            ];
            attrs.sort();
            let refs: Vec<&[u8]> = attrs.iter().map(Vec::as_slice).collect();
            let set = tlv(0x31, &refs);
            let signature = sign(&set);
            let mut implicit = set;
            implicit[0] = 0xa0;
            (implicit, signature)
        }
        None => (Vec::new(), sign(doc)),
    };
    let digest_alg = tlv(0x30, &[&oid(SM3)]);
    let sid = tlv(
        0x30,
        &[cert.issuer().raw_der(), &tlv(0x02, &[cert.serial()])],
    );
    let si = tlv(
        0x30,
        &[
            &tlv(0x02, &[&[1]]),
            &sid,
            &digest_alg,
            &signed_attrs,
            &tlv(0x30, &[&oid(form.signature_algorithm)]),
            &tlv(0x04, &[&signature]),
        ],
    );
    let econtent = if form.enveloping {
        tlv(0xa0, &[&tlv(0x04, &[doc])])
    } else {
        Vec::new()
    };
    let sd = tlv(
        0x30,
        &[
            &tlv(0x02, &[&[1]]),
            &tlv(0x31, &[&digest_alg]),
            &tlv(0x30, &[&oid(form.e_content_type), &econtent]),
            &tlv(0xa0, &[cert.der()]),
            &tlv(0x31, &[&si]),
        ],
    );
    tlv(0x30, &[&oid(form.content_info), &tlv(0xa0, &[&sd])])
}

fn with_z(signer: &SoftwareSigner) -> impl Fn(&[u8]) -> Vec<u8> + '_ {
    move |m| signer.sign(m).unwrap()
}

/// Parses and verifies detached (or enveloped) content; one signature.
fn verify_one(der: &[u8], detached: bool) -> (Envelope, sigbridge::envelope::SignerCheck) {
    let env = Envelope::parse(der).unwrap();
    let content = detached.then_some(DOC);
    let mut checks = env.verify(content, &Verifiers::builtin(), &[]).unwrap();
    assert_eq!(checks.len(), 1);
    (env, checks.remove(0))
}

fn gmt_types() -> Vec<Deviation> {
    vec![
        Deviation::Gmt0010ContentType {
            field: "ContentInfo.contentType",
            oid: GMT0010_SIGNED_DATA,
        },
        Deviation::Gmt0010ContentType {
            field: "eContentType",
            oid: GMT0010_DATA,
        },
    ]
}

#[test]
fn gmt0010_content_types_are_read_as_pkcs7_and_reported_on_the_envelope() {
    let signer = org();
    let der = craft(&GMT_SDK, signer.certificate(), &with_z(&signer));
    let (env, check) = verify_one(&der, true);
    assert_eq!(check.result.as_ref().map(|_| ()), Ok(()));
    assert_eq!(env.deviations(), gmt_types().as_slice());
    assert_eq!(check.deviations, vec![]);
    assert_eq!(*env.content_info_type(), GMT0010_SIGNED_DATA);
    assert_eq!(*env.content_type(), GMT0010_DATA);
    // Written back as read: the Chinese OIDs stay, byte for byte.
    assert_eq!(env.to_der(), der);
}

#[test]
fn gmt0010_without_signed_attributes_signs_the_content_itself() {
    // The SDKs' plain PKCS#7 sign: no signed attributes, enveloping.
    let signer = org();
    let form = Form {
        attributes_content_type: None,
        enveloping: true,
        ..GMT_SDK
    };
    let der = craft(&form, signer.certificate(), &with_z(&signer));
    let (env, check) = verify_one(&der, false);
    assert_eq!(check.result.as_ref().map(|_| ()), Ok(()));
    assert_eq!(env.deviations(), gmt_types().as_slice());
    assert_eq!(check.deviations, vec![]);
}

#[test]
fn other_gmt0010_content_info_types_are_not_signed_data() {
    // .3 is GM/T 0010 envelopedData: not a signature, refused by name.
    let signer = org();
    let form = Form {
        content_info: "1.2.156.10197.6.1.4.2.3",
        ..GMT_SDK
    };
    let der = craft(&form, signer.certificate(), &with_z(&signer));
    assert_eq!(
        Envelope::parse(&der).unwrap_err(),
        EnvelopeError::NotSignedData {
            content_type: "1.2.156.10197.6.1.4.2.3".parse().unwrap()
        }
    );
}

#[test]
fn gmt0010_content_type_attribute_must_equal_the_econtent_type() {
    // RFC 5652 §5.6 holds across the two vocabularies: id-data in the
    // attribute with GM/T data as eContentType is a mismatch, not a synonym.
    let signer = org();
    let form = Form {
        attributes_content_type: Some(PKCS7_DATA),
        ..GMT_SDK
    };
    let der = craft(&form, signer.certificate(), &with_z(&signer));
    let (_, check) = verify_one(&der, true);
    assert_eq!(
        check.result.unwrap_err(),
        EnvelopeError::ContentTypeMismatch {
            signer: signer.certificate().subject().to_string(),
            attribute: ID_DATA,
        }
    );
}

#[test]
fn sm2_sign_with_sm3_is_no_deviation() {
    let signer = org();
    let der = craft(&PKCS7, signer.certificate(), &with_z(&signer));
    let (env, check) = verify_one(&der, true);
    assert_eq!(check.result.as_ref().map(|_| ()), Ok(()));
    assert_eq!(env.deviations(), &[]);
    assert_eq!(check.deviations, vec![]);
}

#[test]
fn bare_sm2_1_oid_is_read_and_reported() {
    let signer = org();
    let form = Form {
        signature_algorithm: SM2_1,
        ..GMT_SDK
    };
    let der = craft(&form, signer.certificate(), &with_z(&signer));
    let (_, check) = verify_one(&der, true);
    assert_eq!(check.result.as_ref().map(|_| ()), Ok(()));
    assert_eq!(check.deviations, vec![Deviation::Sm2BareSignatureOid]);
}

#[test]
fn sm2_encryption_oid_is_read_and_reported() {
    let signer = org();
    let form = Form {
        signature_algorithm: SM2_ENCRYPT,
        ..PKCS7
    };
    let der = craft(&form, signer.certificate(), &with_z(&signer));
    let (_, check) = verify_one(&der, true);
    assert_eq!(check.result.as_ref().map(|_| ()), Ok(()));
    assert_eq!(check.deviations, vec![Deviation::Sm2EncryptionOid]);
}

#[test]
fn sm2_encryption_oid_over_an_rsa_key_is_refused() {
    // An RSA signature (sm3WithRSA over the attributes) claiming the SM2
    // encryption OID: the claim is read as SM2 with SM3, and an RSA key
    // cannot make one.
    let signer = rsa();
    let form = Form {
        signature_algorithm: SM2_ENCRYPT,
        ..PKCS7
    };
    let der = craft(&form, signer.certificate(), &with_z(&signer));
    let (_, check) = verify_one(&der, true);
    assert_eq!(
        check.result.unwrap_err(),
        EnvelopeError::Signature {
            signer: signer.certificate().subject().to_string(),
            source: VerifyError::KeyMismatch {
                key: "RSA-2048".into(),
                signature: "SM2 with SM3".into(),
            },
        }
    );
    assert_eq!(check.deviations, vec![]);
}

#[test]
fn sm2_without_z_verifies_only_as_a_reported_deviation() {
    let signer = org();
    let key = sm2_key("org-uscc");
    let der = craft(&GMT_SDK, signer.certificate(), &|m| sign_without_z(&key, m));
    let (env, check) = verify_one(&der, true);
    assert_eq!(check.result.as_ref().map(|_| ()), Ok(()));
    assert_eq!(check.deviations, vec![Deviation::Sm2WithoutZ]);
    assert_eq!(env.deviations(), gmt_types().as_slice());
    // Combined with the bare SM2-1 OID, both are named.
    let form = Form {
        signature_algorithm: SM2_1,
        ..GMT_SDK
    };
    let der = craft(&form, signer.certificate(), &|m| sign_without_z(&key, m));
    let (_, check) = verify_one(&der, true);
    assert_eq!(
        check.deviations,
        vec![Deviation::Sm2BareSignatureOid, Deviation::Sm2WithoutZ]
    );
}

#[test]
fn sm2_without_z_that_does_not_verify_either_way_is_refused() {
    // A Z-less signature by another key (person.key) under the
    // organisation's certificate: neither SM3(Z || M) nor SM3(M) verifies,
    // and the error is the GB/T form's.
    let signer = org();
    let other = sm2_key("person");
    let der = craft(&GMT_SDK, signer.certificate(), &|m| {
        sign_without_z(&other, m)
    });
    let (_, check) = verify_one(&der, true);
    assert_eq!(
        check.result.unwrap_err(),
        EnvelopeError::Signature {
            signer: signer.certificate().subject().to_string(),
            source: VerifyError::BadSignature {
                algorithm: "SM2 with SM3".into(),
            },
        }
    );
    assert_eq!(check.deviations, vec![]);
}

/// Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) with the default ID
/// (GB/T 32918.2 §5.5, GM/T 0009).
fn z_value(key: &sm2::dsa::SigningKey) -> Vec<u8> {
    let hex = |s: &str| -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    };
    let point = key.verifying_key().to_sec1_bytes();
    assert_eq!((point.len(), point[0]), (65, 0x04), "an uncompressed point");
    let id = sigbridge::crypto::SM2_DEFAULT_ID.as_bytes();
    let entl = ((id.len() * 8) as u16).to_be_bytes();
    let parts: Vec<Vec<u8>> = vec![
        entl.to_vec(),
        id.to_vec(),
        hex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC"),
        hex("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93"),
        hex("32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7"),
        hex("BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0"),
        point[1..].to_vec(),
    ];
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    HashAlgorithm::Sm3.digest_parts(&refs).unwrap()
}

#[test]
fn sm2_without_z_is_never_tried_over_raw_content() {
    // The signer signed X the GB/T way (e = SM3(Z ‖ X)). Presented as a
    // Z-less signature over the "document" Z ‖ X without signed attributes,
    // it would verify: a document the signer never signed. Refused.
    let signer = org();
    let key = sm2_key("org-uscc");
    let x = b"<Invoice total='100'/>";
    let signature = signer.sign(x).unwrap();
    let forged_doc = [z_value(&key).as_slice(), x.as_slice()].concat();
    // (Sanity: the forged document does verify Z-less by the key.)
    {
        use sm2::dsa::signature::hazmat::PrehashVerifier;
        let e = HashAlgorithm::Sm3.digest(&forged_doc).unwrap();
        let sig = sm2::dsa::Signature::from_der(&signature).unwrap();
        assert!(key.verifying_key().verify_prehash(&e, &sig).is_ok());
    }
    let form = Form {
        attributes_content_type: None,
        ..PKCS7
    };
    let der = craft_over(&forged_doc, &form, signer.certificate(), &|_| {
        signature.clone()
    });
    let env = Envelope::parse(&der).unwrap();
    let checks = env
        .verify(Some(&forged_doc), &Verifiers::builtin(), &[])
        .unwrap();
    assert_eq!(
        checks[0].result.clone().unwrap_err(),
        EnvelopeError::Signature {
            signer: signer.certificate().subject().to_string(),
            source: VerifyError::BadSignature {
                algorithm: "SM2 with SM3".into(),
            },
        }
    );
    assert_eq!(checks[0].deviations, vec![]);
}

#[test]
fn gmt0010_output_on_request_round_trips() {
    let options = SignatureOptions::new(at()).gmt0010(true);
    let env = Envelope::sign_detached(DOC, &org(), &options).unwrap();
    let der = env.to_der();
    let read = Envelope::parse(&der).unwrap();
    assert_eq!(*read.content_info_type(), GMT0010_SIGNED_DATA);
    assert_eq!(*read.content_type(), GMT0010_DATA);
    assert_eq!(read.version(), 1);
    assert_eq!(
        read.signer_infos()[0].signature_algorithm().oid.to_string(),
        SM2_SM3
    );
    assert_eq!(read.deviations(), gmt_types().as_slice());
    let checks = read.verify(Some(DOC), &Verifiers::builtin(), &[]).unwrap();
    assert_eq!(checks[0].result.as_ref().map(|_| ()), Ok(()));
    assert_eq!(checks[0].deviations, vec![]);
    // A co-signer keeps the envelope's form (the content-type attribute
    // must equal the eContentType, RFC 5652 §5.6).
    let person = common::pki_signer("cn", "person");
    let cosigned = read
        .add_signer(Some(DOC), &person, &SignatureOptions::new(at()))
        .unwrap();
    assert_eq!(*cosigned.content_info_type(), GMT0010_SIGNED_DATA);
    let checks = cosigned
        .verify(Some(DOC), &Verifiers::builtin(), &[])
        .unwrap();
    assert_eq!(checks.len(), 2);
    assert!(checks.iter().all(|c| c.is_valid()), "{checks:?}");
    // Without the option, the PKCS#7 types as ever.
    let plain = Envelope::sign_detached(DOC, &org(), &SignatureOptions::new(at())).unwrap();
    assert_eq!(*plain.content_info_type(), ID_SIGNED_DATA);
    assert_eq!(*plain.content_type(), ID_DATA);
    assert_eq!(plain.deviations(), &[]);
}

#[test]
fn gmt0010_output_refuses_a_non_sm2_signer() {
    let options = SignatureOptions::new(at()).gmt0010(true);
    assert_eq!(
        Envelope::sign_detached(DOC, &rsa(), &options).unwrap_err(),
        EnvelopeError::Sign(SignError::UnsupportedKey {
            algorithm: "RSA PKCS#1 v1.5 with SHA-256 in GM/T 0010-2012 form (only SM2 with SM3 is written in it; drop .gmt0010(true) for this signer)".into(),
        })
    );
}

fn signed() -> Vec<u8> {
    Envelope::sign_detached(DOC, &org(), &SignatureOptions::new(at()))
        .unwrap()
        .to_der()
}

#[test]
fn padding_after_the_content_info_is_tolerated_and_counted() {
    let der = signed();
    for (fill, count) in [(0x00u8, 1000usize), (0xff, 7), (b'\n', 1)] {
        let mut padded = der.clone();
        padded.extend(std::iter::repeat_n(fill, count));
        let (env, check) = verify_one(&padded, true);
        assert_eq!(env.deviations(), &[Deviation::TrailingBytes { count }]);
        assert_eq!(check.result.as_ref().map(|_| ()), Ok(()));
        // Never part of the envelope: written back without them.
        assert_eq!(env.to_der(), der);
    }
    // CRLF after base64 and in PEM are the armour's; in the DER they are padding.
    let mut crlf = der.clone();
    crlf.extend_from_slice(b"\r\n");
    assert_eq!(
        Envelope::parse(&crlf).unwrap().deviations(),
        &[Deviation::TrailingBytes { count: 2 }]
    );
}

#[test]
fn padding_is_refused_by_the_strict_reader() {
    let mut padded = signed();
    padded.extend_from_slice(&[0; 512]);
    let strict = EnvelopeError::Malformed {
        part: "ContentInfo",
        reason: "512 byte(s) after the end of the element".into(),
    };
    assert_eq!(Envelope::from_der(&padded).unwrap_err(), strict);
    assert_eq!(
        Envelope::parse_with(&padded, &ReadOptions::strict()).unwrap_err(),
        strict
    );
    assert_eq!(
        Envelope::from_der_with(&padded, &ReadOptions::strict().trailing_padding(true))
            .unwrap()
            .deviations(),
        &[Deviation::TrailingBytes { count: 512 }]
    );
}

#[test]
fn bytes_after_the_content_info_that_are_not_padding_are_refused() {
    // Two envelopes concatenated: the second would go unverified.
    let der = signed();
    let twice = [der.as_slice(), der.as_slice()].concat();
    let refused = EnvelopeError::Malformed {
        part: "ContentInfo",
        reason: format!(
            "{} byte(s) after the ContentInfo that are not padding (all 0x00, all 0xFF or whitespace): \
             a second object or a damaged file; send the envelope alone",
            der.len()
        ),
    };
    assert_eq!(Envelope::parse(&twice).unwrap_err(), refused);
    // Mixed fill is not padding either.
    let mut mixed = der.clone();
    mixed.extend_from_slice(&[0, 0, 0xff]);
    assert!(matches!(
        Envelope::parse(&mixed).unwrap_err(),
        EnvelopeError::Malformed { part: "ContentInfo", reason } if reason.starts_with("3 byte(s) after the ContentInfo that are not padding")
    ));
}

#[test]
fn padding_after_a_ber_content_info_is_counted_too() {
    // An indefinite-length ContentInfo: its end is its end-of-contents.
    let der = signed();
    let body = &der[4..]; // the ContentInfo's value (its length takes 0x82 xx xx)
    assert_eq!(&der[..2], &[0x30, 0x82]);
    let mut ber = vec![0x30, 0x80];
    ber.extend_from_slice(body);
    ber.extend_from_slice(&[0, 0]);
    let mut padded = ber.clone();
    padded.extend_from_slice(&[0; 64]);
    let (env, check) = verify_one(&padded, true);
    assert_eq!(env.deviations(), &[Deviation::TrailingBytes { count: 64 }]);
    assert_eq!(check.result.as_ref().map(|_| ()), Ok(()));
    assert_eq!(
        Envelope::from_der(&padded).unwrap_err(),
        EnvelopeError::Malformed {
            part: "ContentInfo",
            reason: "64 byte(s) after the end of the element".into(),
        }
    );
}

#[test]
fn the_verifier_reports_padding_and_refuses_it_when_strict() {
    let registry = Registry::sample().unwrap();
    let mut padded = signed();
    padded.extend_from_slice(&[0; 16]);
    let request = || Request::new(&padded, Content::Detached(DOC), Jurisdiction::CN, at());
    let report = Verifier::new(&registry).unwrap().verify(request());
    let codes: Vec<(&str, &str)> = report
        .deviations
        .iter()
        .map(|f| (f.code.as_str(), f.params["count"].as_str()))
        .collect();
    assert_eq!(codes, vec![("DEVIATION_TRAILING_BYTES", "16")]);
    let strict = Verifier::new(&registry)
        .unwrap()
        .with_read_options(ReadOptions::strict())
        .verify(request());
    let codes: Vec<&str> = strict
        .document_coded_findings
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(codes, vec!["ENVELOPE_MALFORMED"]);
    assert!(strict.deviations.is_empty());
}

#[test]
fn the_report_names_gmt0010_and_z_less_deviations_where_they_were_found() {
    let registry = Registry::sample().unwrap();
    let signer = org();
    let key = sm2_key("org-uscc");
    let form = Form {
        signature_algorithm: SM2_1,
        ..GMT_SDK
    };
    let der = craft(&form, signer.certificate(), &|m| sign_without_z(&key, m));
    // The SDK ships the signer's certificate alone; the CA comes from the relying party.
    let verifier = Verifier::new(&registry)
        .unwrap()
        .with_intermediates(signer.chain().to_vec());
    let report = verifier.verify(Request::new(
        &der,
        Content::Detached(DOC),
        Jurisdiction::CN,
        at(),
    ));
    let codes = |fs: &[sigbridge::verify::Finding]| -> Vec<String> {
        fs.iter().map(|f| f.code.clone()).collect()
    };
    assert_eq!(
        codes(&report.deviations),
        [
            "DEVIATION_GMT0010_CONTENT_TYPE",
            "DEVIATION_GMT0010_CONTENT_TYPE"
        ]
    );
    assert_eq!(
        report.deviations[0].params["field"],
        "ContentInfo.contentType"
    );
    assert_eq!(report.deviations[1].params["oid"], GMT_DATA);
    assert_eq!(report.signatures.len(), 1);
    let signature = &report.signatures[0];
    assert_eq!(
        codes(&signature.deviations),
        [
            "DEVIATION_SM2_BARE_SIGNATURE_OID",
            "DEVIATION_SM2_WITHOUT_Z"
        ]
    );
    assert_eq!(
        signature.validity.indication,
        sigbridge::verify::Indication::TotalPassed,
        "{report}"
    );
}

/// The GM/T 0010 and padded forms are fuzz seeds (`fuzz/seeds/verify_document`,
/// over `openssl-cms/doc.bin` as that target verifies). Each checked-in seed
/// must still read with its deviations; `SIGBRIDGE_WRITE_SEEDS=1` rewrites them.
#[test]
fn fuzz_seeds_read_with_their_deviations() {
    let doc = common::read(&common::shared("openssl-cms/doc.bin"));
    let signer = org();
    let key = sm2_key("org-uscc");
    let gmt = Envelope::sign_detached(&doc, &signer, &SignatureOptions::new(at()).gmt0010(true))
        .unwrap()
        .to_der();
    let mut padded = Envelope::sign_detached(&doc, &signer, &SignatureOptions::new(at()))
        .unwrap()
        .to_der();
    padded.extend_from_slice(&[0; 100]);
    // The Z-less vendor form over doc.bin, hand-made.
    let form = Form {
        signature_algorithm: SM2_1,
        ..GMT_SDK
    };
    let zless = craft_over(&doc, &form, signer.certificate(), &|m| {
        sign_without_z(&key, m)
    });
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/verify_document");
    // (file, envelope, its deviations, its signature's deviations)
    type Seed<'a> = (&'a str, &'a Vec<u8>, Vec<Deviation>, Vec<Deviation>);
    let seeds: [Seed<'_>; 3] = [
        ("cn-gmt0010.p7s", &gmt, gmt_types(), vec![]),
        (
            "cn-gmt0010-sm2-without-z.p7s",
            &zless,
            gmt_types(),
            vec![Deviation::Sm2BareSignatureOid, Deviation::Sm2WithoutZ],
        ),
        (
            "cn-padded.p7s",
            &padded,
            vec![Deviation::TrailingBytes { count: 100 }],
            vec![],
        ),
    ];
    for (name, fresh, envelope_level, signature_level) in seeds {
        let path = dir.join(name);
        if std::env::var_os("SIGBRIDGE_WRITE_SEEDS").is_some() {
            std::fs::write(&path, fresh).unwrap();
        }
        let seed = common::read(&path);
        let env = Envelope::parse(&seed).unwrap();
        assert_eq!(env.deviations(), envelope_level.as_slice(), "{name}");
        let checks = env.verify(Some(&doc), &Verifiers::builtin(), &[]).unwrap();
        assert_eq!(checks[0].result.as_ref().map(|_| ()), Ok(()), "{name}");
        assert_eq!(checks[0].deviations, signature_level, "{name}");
    }
}
