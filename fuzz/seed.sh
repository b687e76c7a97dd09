#!/usr/bin/env bash
# Seeds the fuzz corpora from the checked-in fixtures and the shared real
# certificates. Run from anywhere; corpora live in fuzz/corpus/<target>.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
shared="$root/../shared/testdata"
mkdir -p "$here"/corpus/{cert_der,cert_pem_bundle,cert_pkcs7_bundle,profile,verify_signature,path_build,registry_json,policy_json,envelope_parse,envelope_verify,verify_document,verify_cache,pkcs12}
for f in "$root"/testdata/pki/*/*.der "$root"/testdata/pki/deviations/*.der "$shared"/national-certs/*.der; do
  [ -f "$f" ] || continue
  name="$(basename "$(dirname "$f")")-$(basename "$f")"
  cp "$f" "$here/corpus/cert_der/$name"
done
for f in "$root"/testdata/pki/*/*.pem "$root"/testdata/pki/deviations/*.pem "$shared"/national-certs/*.pem; do
  [ -f "$f" ] || continue
  name="$(basename "$(dirname "$f")")-$(basename "$f")"
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
python3 - "$root/testdata/pki" "$here/corpus/verify_signature" <<'PY'
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
n = 0
for chain in sorted(src.glob("*/chain-*.pem")):
    blocks = chain.read_text().split("-----BEGIN CERTIFICATE-----")[1:]
    ders = [base64.b64decode(b.split("-----END")[0]) for b in blocks]
    for child, parent in zip(ders, ders[1:]):
        _, alg, sig, tbs = parts(child)
        spki = parts(parent)[0]
        blob = b"".join(struct.pack(">H", len(x)) + x for x in (spki, alg, sig)) + tbs
        (out / f"{chain.parent.name}-{chain.stem}-{n}").write_bytes(blob); n += 1
PY
# path_build seeds: every test-PKI chain (target, intermediates, root last),
# and a few PKITS paths with their CRLs after the 0xffff marker.
python3 - "$root/testdata/pki" "$shared/pkits" "$here/corpus/path_build" <<'PY'
import base64, json, pathlib, struct, sys
pki, pkits, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
pack = lambda items: b"".join(struct.pack(">H", len(x)) + x for x in items)
for chain in sorted(pki.glob("*/chain-*.pem")):
    blocks = chain.read_text().split("-----BEGIN CERTIFICATE-----")[1:]
    ders = [base64.b64decode(b.split("-----END")[0]) for b in blocks]
    (out / f"{chain.parent.name}-{chain.stem}").write_bytes(pack(ders))
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
echo "seeded: $(ls "$here"/corpus/cert_der | wc -l) der, $(ls "$here"/corpus/cert_pem_bundle | wc -l) pem, $(ls "$here"/corpus/cert_pkcs7_bundle | wc -l) p7b, $(ls "$here"/corpus/registry_json | wc -l) registry, $(ls "$here"/corpus/envelope_parse | wc -l) envelope, $(ls "$here"/corpus/pkcs12 | wc -l) pkcs12"
