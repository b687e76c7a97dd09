#!/usr/bin/env bash
# Seeds the fuzz corpora from the checked-in fixtures and the shared real
# certificates. Run from anywhere; corpora live in fuzz/corpus/<target>.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
shared="$root/../shared/testdata"
mkdir -p "$here"/corpus/{cert_der,cert_pem_bundle,cert_pkcs7_bundle,profile,verify_signature,path_build,registry_json,policy_json,envelope_parse,envelope_verify,verify_document,verify_cache,pkcs12,tsp_token,tsp_response,ocsp_response}
# Seed names: the path under testdata/pki with '/' as '-' (ru-gost-256a-ca.der),
# or the parent directory and the file name for the shared certificates.
shopt -s globstar
seed_name() {
  case "$1" in
  "$root"/testdata/pki/*) local rel="${1#"$root"/testdata/pki/}" && echo "${rel//\//-}" ;;
  *) echo "$(basename "$(dirname "$1")")-$(basename "$1")" ;;
  esac
}
# testdata/pki recursively: the GOST sets live two levels down
# (ru-gost/<set>/, kz-gost/<generation>/).
for f in "$root"/testdata/pki/**/*.der "$shared"/national-certs/*.der "$shared"/kz-nca-test-pki/*.cer; do
  [ -f "$f" ] || continue
  cp "$f" "$here/corpus/cert_der/$(seed_name "$f")"
done
for f in "$root"/testdata/pki/**/*.pem "$shared"/national-certs/*.pem; do
  [ -f "$f" ] || continue
  name="$(seed_name "$f")"
  cp "$f" "$here/corpus/cert_pem_bundle/$name"
  # DER of PEM certificates for the DER targets.
  openssl x509 -in "$f" -outform DER -out "$here/corpus/cert_der/$name.der" 2>/dev/null || true
done
cp "$here"/corpus/cert_der/* "$here/corpus/profile/"
for f in "$root"/testdata/pki/*/*.p7b; do
  cp "$f" "$here/corpus/cert_pkcs7_bundle/$(basename "$(dirname "$f")")-$(basename "$f")"
done
cp "$root"/tests/fuzz_regressions/* "$here/corpus/cert_der/" 2>/dev/null || true
# verify_signature seeds: (issuer SPKI, signature algorithm, signature, TBS) of
# every link of the test-PKI chains, in the target's length-prefixed layout.
python3 - "$root/testdata/pki" "$here/corpus/verify_signature" "$shared" <<'PY'
import base64, pathlib, struct, sys
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def tlv(b, i):
    t, l, h = b[i], b[i + 1], 2
    if l & 0x80:
        n = l & 0x7f; l = int.from_bytes(b[i + 2:i + 2 + n], "big"); h = 2 + n
    return t, b[i:i + h + l], b[i + h:i + h + l], i + h + l
def parts(der):
    _, _, cert, _ = tlv(der, 0)
    _, tbs, tbsv, i = tlv(cert, 0)
    _, _, algv, i = tlv(cert, i)
    _, _, sigv, _ = tlv(cert, i)
    j = 0; fields = []
    while j < len(tbsv):
        t, raw, _, j = tlv(tbsv, j); fields.append((t, raw))
    spki = [r for t, r in fields if t == 0x30][-1]
    _, _, oid, k = tlv(algv, 0)
    return spki, bytes([len(oid)]) + oid + algv[k:], sigv[1:], tbs
def blob(spki, alg, sig, message):
    return b"".join(struct.pack(">H", len(x)) + x for x in (spki, alg, sig)) + message
def link(child, parent):
    _, alg, sig, tbs = parts(child)
    return blob(parts(parent)[0], alg, sig, tbs)
def der(path):
    b = path.read_bytes()
    if b.startswith(b"-----BEGIN"):
        return base64.b64decode(b.decode().split("-----BEGIN CERTIFICATE-----")[1].split("-----END")[0])
    return b
n = 0
# Recursively: the GOST chains are ru-gost/<set>/chain-*.pem, kz-gost/<gen>/chain-*.pem.
for chain in sorted(src.glob("**/chain-*.pem")):
    blocks = chain.read_text().split("-----BEGIN CERTIFICATE-----")[1:]
    ders = [base64.b64decode(b.split("-----END")[0]) for b in blocks]
    prefix = "-".join(chain.parent.relative_to(src).parts)
    for child, parent in zip(ders, ders[1:]):
        (out / f"{prefix}-{chain.stem}-{n}").write_bytes(link(child, parent)); n += 1
# The real GOST links (tests/gost_real.rs): RU GOST 2012-256 (RFC 9215) and
# KZ GOST 34.310-2004 / 34.10-2015 (LE(r) || LE(s)) certificates.
shared = pathlib.Path(sys.argv[3])
nat, kz = shared / "national-certs", shared / "kz-nca-test-pki"
for name, child, parent in [
    ("ru-mincifry-root", nat / "ru-mincifry-root-gost2012-256-2022.pem", nat / "ru-mincifry-root-gost2012-256-2022.pem"),
    ("ru-alfabank-qca", nat / "ru-qca-gost2012-256-alfabank-2024.pem", nat / "ru-mincifry-root-gost2012-256-2022.pem"),
    ("kz-nca-root-2015", nat / "kz-nca-root-gost34310-2015.der", nat / "kz-nca-root-gost34310-2015.der"),
    ("kz-test-root-2022", kz / "root_test_gost_2022.cer", kz / "root_test_gost_2022.cer"),
    ("kz-test-nca-2022", kz / "nca_gost2022_test.cer", kz / "root_test_gost_2022.cer"),
]:
    if child.exists() and parent.exists():
        (out / f"real-{name}").write_bytes(link(der(child), der(parent)))
# bign-with-hbelt (STB 34.101.45-2013 Annex Г, Tables Г.1 and Г.3): the
# bign-curve256v1 key, the signature, and its message (the first 48 octets
# of the belt H table, STB 34.101.31 Table A.1), as tests/gost_hashes.rs.
def oid(dotted):
    a = [int(x) for x in dotted.split(".")]
    body = bytes([40 * a[0] + a[1]])
    for v in a[2:]:
        enc = [v & 0x7f]
        while v > 0x7f:
            v >>= 7; enc.insert(0, 0x80 | (v & 0x7f))
        body += bytes(enc)
    return body
def tlv(tag, body):
    assert len(body) < 0x80
    return bytes([tag, len(body)]) + body
q = bytes.fromhex("BD1A5650179D79E03FCEE49D4C2BD5DDF54CE46D0CF11E4FF87BF7A890857FD0"
                  "7AC6A60361E8C8173491686D461B2826190C2EDA5909054A9AB84D2AB9D99A90")
sig = bytes.fromhex("47A63C8B9C936E94B5FAB3D9CBD78366290F3210E163EEC8DB4E921E8479D413"
                    "8F112CC23E6DCE65EC5FF21DF4231C28")
msg = bytes.fromhex("B194BAC80A08F53B366D008E584A5DE48504FA9D1BB6C7AC252E72C202FDCE0D"
                    "5BE3D61217B96181FE6786AD716B890B")
spki_alg = tlv(0x30, tlv(0x06, oid("1.2.112.0.2.0.34.101.45.2.1")) + tlv(0x06, oid("1.2.112.0.2.0.34.101.45.3.1")))
spki = tlv(0x30, spki_alg + tlv(0x03, b"\0" + q))
hbelt = oid("1.2.112.0.2.0.34.101.45.12")
(out / "bign-annex-g").write_bytes(blob(spki, bytes([len(hbelt)]) + hbelt, sig, msg))
(out / "bign-annex-g-null").write_bytes(blob(spki, bytes([len(hbelt)]) + hbelt + b"\x05\x00", sig, msg))
PY
# path_build seeds: every test-PKI chain (target, intermediates, root last),
# and a few PKITS paths with their CRLs after the 0xffff marker.
python3 - "$root/testdata/pki" "$shared/pkits" "$here/corpus/path_build" <<'PY'
import base64, json, pathlib, struct, sys
pki, pkits, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
pack = lambda items: b"".join(struct.pack(">H", len(x)) + x for x in items)
for chain in sorted(pki.glob("**/chain-*.pem")):
    blocks = chain.read_text().split("-----BEGIN CERTIFICATE-----")[1:]
    ders = [base64.b64decode(b.split("-----END")[0]) for b in blocks]
    prefix = "-".join(chain.parent.relative_to(pki).parts)
    (out / f"{prefix}-{chain.stem}").write_bytes(pack(ders))
# The real GOST chains (target, root): RU GOST 2012-256 and KZ GOST 2015.
def der(path):
    b = path.read_bytes()
    if b.startswith(b"-----BEGIN"):
        return base64.b64decode(b.decode().split("-----BEGIN CERTIFICATE-----")[1].split("-----END")[0])
    return b
nat, kz = pkits.parent / "national-certs", pkits.parent / "kz-nca-test-pki"
for name, target, root in [
    ("ru-alfabank-qca", nat / "ru-qca-gost2012-256-alfabank-2024.pem", nat / "ru-mincifry-root-gost2012-256-2022.pem"),
    ("kz-test-nca-2022", kz / "nca_gost2022_test.cer", kz / "root_test_gost_2022.cer"),
]:
    if target.exists() and root.exists():
        (out / f"real-{name}").write_bytes(pack([der(target), der(root)]))
if (pkits / "pkits.json").exists():
    tests = json.loads((pkits / "pkits.json").read_text())["tests"]
    for t in tests[::8]:
        names = [t["end_entity"], *reversed(t["intermediates"]), t["trust_anchor"]]
        ders = [(pkits / "certs" / f"{n}.crt").read_bytes() for n in names]
        crls = [(pkits / "crls" / f"{n}.crl").read_bytes() for n in t["crls"]]
        (out / f"pkits-{t['key'].replace('/', '_')}").write_bytes(pack(ders) + b"\xff\xff" + pack(crls))
PY
# registry_json seeds: the sample registry (certificate anchors, every status,
# both document scopes), a minimal file, and a small one with name_and_key
# anchors (subject and key of two test-PKI roots) and a dated onward agreement.
cp "$root/src/registry/sample-registry.json" "$here/corpus/registry_json/sample-registry.json"
python3 - "$root/testdata/pki" "$here/corpus/registry_json" <<'PY'
import base64, json, pathlib, sys
pki, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def tlv(b, i):
    t, l, h = b[i], b[i + 1], 2
    if l & 0x80:
        n = l & 0x7f; l = int.from_bytes(b[i + 2:i + 2 + n], "big"); h = 2 + n
    return t, b[i:i + h + l], b[i + h:i + h + l], i + h + l
def name_and_key(pem):
    der = base64.b64decode(pem.read_text().split("-----BEGIN CERTIFICATE-----")[1].split("-----END")[0])
    _, _, cert, _ = tlv(der, 0)
    _, _, tbs, _ = tlv(cert, 0)
    j = 0; seqs = []
    while j < len(tbs):
        t, raw, _, j = tlv(tbs, j)
        if t == 0x30: seqs.append(raw)
    b64 = lambda b: base64.b64encode(b).decode()
    return {"subject": b64(seqs[-2]), "public_key": b64(seqs[-1])}
granted = [{"status": "granted", "from": "2020-01-01T00:00:00Z"}]
def jurisdiction(code, anchors):
    return {"code": code, "name": code, "levels": ["basic", "high"], "anchors": anchors}
def anchor(id, nk, status=granted):
    return {"id": id, "service": "s", "levels": ["high"], "status": status, "name_and_key": nk}
minimal = {"format": "sigbridge-registry/1", "label": "", "agreements": [],
           "jurisdictions": [jurisdiction("AA", [])]}
small = {
    "format": "sigbridge-registry/1", "label": "fuzz seed",
    "jurisdictions": [
        jurisdiction("KZ", [anchor("kz", name_and_key(pki / "kz/root.pem"))]),
        jurisdiction("UZ", [anchor("uz", name_and_key(pki / "uz/root.pem"),
                                   granted + [{"status": "suspended", "from": "2024-02-29T12:00:00Z"}])]),
    ],
    "agreements": [{
        "id": "uz-kz", "relying": "UZ", "issuing": "KZ", "documents": [380, 861],
        "mapping": {"basic": "basic", "high": "high"},
        "in_force_from": "2021-01-01T00:00:00Z", "in_force_until": "2031-01-01T00:00:00Z",
        "status": [{"status": "enacted", "from": "2021-01-01T00:00:00Z"}],
        "legal_reference": "seed", "onward": True,
    }],
}
(out / "minimal.json").write_text(json.dumps(minimal, indent=2) + "\n")
(out / "name-and-key.json").write_text(json.dumps(small, indent=2) + "\n")
PY
# policy_json seeds: the sample policy file and each policy alone.
cp "$root/src/policy/sample-policies.json" "$here/corpus/policy_json/sample-policies.json"
python3 - "$root/src/policy/sample-policies.json" "$here/corpus/policy_json" <<'PY'
import json, pathlib, sys
doc = json.loads(pathlib.Path(sys.argv[1]).read_text())
for i, p in enumerate(doc["policies"]):
    one = {"format": doc["format"], "policies": [p]}
    (pathlib.Path(sys.argv[2]) / f"one-{p['jurisdiction']}.json").write_text(json.dumps(one, indent=2) + "\n")
PY
# envelope seeds: the OpenSSL CMS fixtures (detached over doc.bin, the
# document envelope_verify verifies against), 20 of the PKITS S/MIME
# signatures, the ICAO master lists (enveloping, one BER), and one PEM.
for f in "$shared"/openssl-cms/*/*.p7s; do
  [ -f "$f" ] || continue
  name="$(basename "$(dirname "$f")")-$(basename "$f")"
  cp "$f" "$here/corpus/envelope_parse/$name"
  cp "$f" "$here/corpus/envelope_verify/$name"
done
n=0
for f in "$shared"/pkits/smime-extracted/*.p7s; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  [ $((n % 11)) -eq 1 ] || continue # every 11th: 21 of the 224
  cp "$f" "$here/corpus/envelope_parse/pkits-$(basename "$f")"
  cp "$f" "$here/corpus/envelope_verify/pkits-$(basename "$f")"
done
# GOST CMS made by OpenSSL's gost engine (detached and attached, key OID as
# signatureAlgorithm, every RU parameter set of testdata/pki/ru-gost).
for f in "$root"/testdata/pki/ru-gost/*/*.p7s; do
  [ -f "$f" ] || continue
  name="ru-gost-$(basename "$(dirname "$f")")-$(basename "$f")"
  cp "$f" "$here/corpus/envelope_parse/$name"
  cp "$f" "$here/corpus/envelope_verify/$name"
done
for f in "$root"/testdata/icao/*.cms; do
  cp "$f" "$here/corpus/envelope_parse/icao-$(basename "$f")"
  cp "$f" "$here/corpus/envelope_verify/icao-$(basename "$f")"
done
# The real producers' signatures (real-cms, issue 13): BER, signed attributes
# not in DER order, DigestInfo without NULL, trailing padding, countersignatures
# of countersignatures, SHA-3, RSASSA-PSS, a truncated file. Signature files
# only (the detached contents and the companion certificate are not envelopes);
# they reach verify_document and verify_cache through the copies below.
while IFS= read -r -d '' f; do
  case "$f" in
  *.p7m | *.p7s | *.pkcs7 | *.cms | *.sig | *.csig | *.cades) ;;
  *) continue ;;
  esac
  rel="${f#"$shared"/real-cms/}"
  name="realcms-${rel//\//-}"
  cp "$f" "$here/corpus/envelope_parse/$name"
  cp "$f" "$here/corpus/envelope_verify/$name"
done < <(find "$shared/real-cms" -type f -print0 2>/dev/null)
# verify_document: the envelope seeds, and checked-in envelopes over doc.bin
# by test-PKI signers that chain to the sample registry (made with
# examples/sign_document; see fuzz/README.md).
cp "$here"/corpus/envelope_verify/* "$here/corpus/verify_document/"
cp "$here"/seeds/verify_document/* "$here/corpus/verify_document/"
# The checked-in envelopes are envelope seeds too: the CAdES-B-T ones
# (*-bt.p7s, *-content-timestamp.p7s; tests/timestamp_seeds.rs) carry
# SoftwareTsa-made signature- and content-time-stamp tokens.
cp "$here"/seeds/verify_document/* "$here/corpus/envelope_parse/"
cp "$here"/seeds/verify_document/* "$here/corpus/envelope_verify/"
# verify_cache: the verify_document seeds behind a 7-byte configuration
# (drop no anchor, revocation required everywhere, both CRLs, day 0, KZ, level 0).
for f in "$here"/corpus/verify_document/*; do
  { printf '\x00\xff\x03\x00\x80\x00\x00'; cat "$f"; } >"$here/corpus/verify_cache/$(basename "$f")"
done
{ echo "-----BEGIN CMS-----"; base64 -w 64 "$shared/openssl-cms/rsa/sig-cades.p7s"; echo "-----END CMS-----"; } \
  >"$here/corpus/envelope_parse/rsa-sig-cades.pem"
# pkcs12 seeds: the Kazakh NCA test key stores (Kalkan: BER, 3DES / RC2-40,
# SHA-1 MAC; password Qwerty12) and the RSA fixtures (OpenSSL 3 PBES2, -legacy,
# 2DES / RC2-128 / SHA-512, no MAC; password sigbridge).
while IFS= read -r -d '' f; do
  rel="${f#"$shared"/kz-nca-test-pki/}"
  cp "$f" "$here/corpus/pkcs12/kz-${rel//\//-}"
done < <(find "$shared/kz-nca-test-pki" -name '*.p12' -print0 2>/dev/null)
cp "$root"/testdata/pkcs12/*.p12 "$here/corpus/pkcs12/"
# tsp seeds: OpenSSL-made time-stamps (`openssl ts -query` / `-reply` with
# testdata/pki/tsa/tsa.cnf, eu-tsu: query, reply, -token_out token), the
# SoftwareTsa-made ones checked in under seeds/ (tests/tsp.rs fuzz_seeds_read),
# and the signature-time-stamp tokens inside the real EU DSS files are reached
# through envelope_parse.
tsa_work="$(mktemp -d)"
sed -e "s#\./tsaserial#$tsa_work/tsaserial#" -e "s#\./#$root/testdata/pki/tsa/#g" \
  "$root/testdata/pki/tsa/tsa.cnf" >"$tsa_work/tsa.cnf"
echo 01 >"$tsa_work/tsaserial"
for h in sha256 sha384 sha512; do
  openssl ts -query -data "$shared/openssl-cms/doc.bin" -"$h" -cert -out "$tsa_work/q-$h.tsq" 2>/dev/null
  openssl ts -reply -config "$tsa_work/tsa.cnf" -queryfile "$tsa_work/q-$h.tsq" -out "$tsa_work/r-$h.tsr" 2>/dev/null
  openssl ts -reply -config "$tsa_work/tsa.cnf" -queryfile "$tsa_work/q-$h.tsq" -token_out -out "$tsa_work/t-$h.tst" 2>/dev/null
  cp "$tsa_work/q-$h.tsq" "$here/corpus/tsp_response/openssl-query-$h.tsq"
  cp "$tsa_work/r-$h.tsr" "$here/corpus/tsp_response/openssl-reply-$h.tsr"
  cp "$tsa_work/t-$h.tst" "$here/corpus/tsp_token/openssl-token-$h.tst"
done
rm -rf "$tsa_work"
cp "$here"/seeds/tsp_token/* "$here/corpus/tsp_token/"
cp "$here"/seeds/tsp_response/* "$here/corpus/tsp_response/"
# ocsp seeds: `openssl ocsp` responder-mode responses over
# testdata/pki/ocsp/index.txt (delegated responder, the CA itself, byKey;
# good, revoked, unknown), and the software-responder ones checked in under
# seeds/ocsp_response (tests/ocsp.rs fuzz_seeds_read).
ocsp_work="$(mktemp -d)"
pki="$root/testdata/pki"
for leaf in qes-natural revoked adv-qc; do
  for h in sha1 sha256; do
    openssl ocsp -issuer "$pki/eu/ca.pem" -"$h" -cert "$pki/eu/$leaf.pem" -reqout "$ocsp_work/$leaf-$h.req" 2>/dev/null
    for r in ocsp/eu-responder eu/ca; do
      n="$leaf-$h-${r//\//-}"
      openssl ocsp -index "$pki/ocsp/index.txt" -rsigner "$pki/$r.pem" -rkey "$pki/$r.key" -CA "$pki/eu/ca.pem" \
        -reqin "$ocsp_work/$leaf-$h.req" -respout "$here/corpus/ocsp_response/openssl-$n.der" -ndays 1 2>/dev/null
    done
    openssl ocsp -index "$pki/ocsp/index.txt" -rsigner "$pki/eu/ca.pem" -rkey "$pki/eu/ca.key" -CA "$pki/eu/ca.pem" \
      -reqin "$ocsp_work/$leaf-$h.req" -respout "$here/corpus/ocsp_response/openssl-$leaf-$h-bykey.der" -resp_key_id -ndays 1 2>/dev/null
  done
done
rm -rf "$ocsp_work"
cp "$here"/seeds/ocsp_response/* "$here/corpus/ocsp_response/"
echo "seeded: $(ls "$here"/corpus/cert_der | wc -l) der, $(ls "$here"/corpus/cert_pem_bundle | wc -l) pem, $(ls "$here"/corpus/cert_pkcs7_bundle | wc -l) p7b, $(ls "$here"/corpus/registry_json | wc -l) registry, $(ls "$here"/corpus/envelope_parse | wc -l) envelope, $(ls "$here"/corpus/pkcs12 | wc -l) pkcs12"
