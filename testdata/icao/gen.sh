#!/usr/bin/env bash
# Regenerates the ICAO CSCA master list fixtures under testdata/icao/.
#   bash testdata/icao/gen.sh            (from any cwd)
# Requires: bash, OpenSSL 3.0+ CLI, python3 (stdlib only; helper gen.py).
# File names, subjects, serials, validity and extensions are fixed; keys,
# signatures and the CMS signingTime are new on every run (see README.md).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
GENPY=(python3 "$HERE/gen.py")
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export CADB="$WORK/db"
unset OPENSSL_CONF || true
CONF="$WORK/openssl.cnf"

# ------------------------------------------------------------- constants
# OpenSSL 3.0 has no -not_before/-not_after in x509/req (added in 3.4), so
# certificates are issued with `openssl ca -startdate/-enddate`.
NB=20260101000000Z          # notBefore (encoded as UTCTime 260101000000Z)
NA=20560101000000Z          # notAfter, 30 years (GeneralizedTime: year >= 2050)
AT_2030=1893456000          # 2030-01-01T00:00:00Z, verification time used below
EXPECT_ORDER="listed-bb.pem listed-aa.pem listed-cc.pem"
EXPECT_ORDER_EE="listed-ee.pem listed-bb.pem listed-aa.pem listed-cc.pem"
TAMPER_BACK=5               # flip the 5th-last byte of listed-bb's DER (its RSA signature)
EXPECT_TAMPER="cert_offset=72 cert_len=788 offset=855"   # structural, hence fixed (README)

# 16-octet serials: 1CA0 5EED 00.. <2-byte index>
ser() { printf '1CA05EED00000000000000000000%04X' "$1"; }

cat >"$CONF" <<'EOF'
[req]
distinguished_name = req_dn
string_mask = utf8only
utf8 = yes
prompt = no
[req_dn]
CN = unused

[ca]
default_ca = CA_default
[CA_default]
database = $ENV::CADB/index.txt
new_certs_dir = $ENV::CADB
serial = $ENV::CADB/serial
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
preserve = yes
[policy_any]
countryName = optional
organizationName = optional
commonName = optional

# ---- extension profiles (-extensions)
[v3_csca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[v3_mlsigner]
keyUsage = critical, digitalSignature
# id-icao-cscaMasterListSigningKey
extendedKeyUsage = 2.23.136.1.1.3
authorityKeyIdentifier = keyid:always
subjectKeyIdentifier = hash

[v3_mlsigner_noeku]
keyUsage = critical, digitalSignature
authorityKeyIdentifier = keyid:always
subjectKeyIdentifier = hash

[v3_listed]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[v3_ee]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
EOF

mkkey() { # ALG OUT
  case "$1" in
    p256) openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
            -pkeyopt ec_param_enc:named_curve -out "$2" ;;
    rsa2048) openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$2" ;;
    *) echo "unknown key alg $1" >&2; exit 1 ;;
  esac
}

# issue NAME KEYALG ISSUER(name|self) SERIAL-INDEX EXT-SECTION SUBJECT
issue() {
  local out=$1 alg=$2 issuer=$3 idx=$4 sect=$5 subj=$6 csr="$WORK/req.csr" signer
  mkkey "$alg" "$out.key"
  openssl req -new -config "$CONF" -utf8 -key "$out.key" -subj "$subj" -sha256 -out "$csr"
  rm -rf "$CADB"; mkdir -p "$CADB"; : >"$CADB/index.txt"; ser "$idx" >"$CADB/serial"
  if [ "$issuer" = self ]; then signer=(-selfsign -keyfile "$out.key")
  else signer=(-cert "$issuer.pem" -keyfile "$issuer.key"); fi
  if ! openssl ca -batch -config "$CONF" -notext -preserveDN "${signer[@]}" -in "$csr" \
      -out "$out.pem" -startdate "$NB" -enddate "$NA" -md sha256 \
      -extfile "$CONF" -extensions "$sect" >"$WORK/ca.log" 2>&1; then
    cat "$WORK/ca.log" >&2; exit 1
  fi
}

# ---------------------------------------------------------- certificates
issue csca-ut        p256    self    1  v3_csca           "/C=UT/O=Utopia Passport Office/CN=CSCA Utopia"
issue mlsigner-ut    p256    csca-ut 2  v3_mlsigner       "/C=UT/CN=Master List Signer Utopia"
issue mlsigner-noeku p256    csca-ut 3  v3_mlsigner_noeku "/C=UT/CN=Master List Signer Utopia"
issue listed-aa      rsa2048 self    10 v3_listed         "/C=AA/CN=CSCA Alpha"
issue listed-bb      rsa2048 self    11 v3_listed         "/C=BB/CN=CSCA Beta"
issue listed-cc      rsa2048 self    12 v3_listed         "/C=CC/CN=CSCA Gamma"
issue listed-ee      p256    self    14 v3_ee             "/C=ZZ/CN=Not A CSCA"

# ------------------------------------------------------- master list content
"${GENPY[@]}" masterlist masterlist-content.der listed-aa.pem listed-bb.pem listed-cc.pem
"${GENPY[@]}" masterlist masterlist-content-with-ee.der listed-aa.pem listed-bb.pem listed-cc.pem listed-ee.pem

# ------------------------------------------------------------------- CMS
# -binary is essential: without it `openssl cms -sign` canonicalises the input
# as MIME text (LF -> CRLF), which would corrupt the DER content.
cms_sign() { # IN OUT SIGNER [extra flags...]
  local in=$1 out=$2 signer=$3; shift 3
  openssl cms -sign "$@" -nodetach -binary -outform DER -econtent_type 2.23.136.1.1.2 \
    -in "$in" -signer "$signer.pem" -inkey "$signer.key" -md sha256 -nosmimecap -out "$out"
}
cms_sign masterlist-content.der         masterlist.cms         mlsigner-ut
cms_sign masterlist-content.der         masterlist-noeku.cms   mlsigner-noeku
cms_sign masterlist-content-with-ee.der masterlist-with-ee.cms mlsigner-ut
cms_sign masterlist-content.der         masterlist-ber.cms     mlsigner-ut -stream
TAMPER_INFO="$("${GENPY[@]}" tamper masterlist.cms masterlist-tampered.cms listed-bb.pem "$TAMPER_BACK")"

# ---------------------------------------------------------------- checks
fail=0
bad() { echo "  CHECK FAILED: $*" >&2; fail=1; }

for c in csca-ut listed-aa listed-bb listed-cc listed-ee; do
  openssl verify -check_ss_sig -x509_strict -attime "$AT_2030" -CAfile "$c.pem" "$c.pem" >/dev/null 2>&1 ||
    bad "$c.pem does not verify as self-signed"
done
for c in mlsigner-ut mlsigner-noeku; do
  openssl verify -x509_strict -attime "$AT_2030" -CAfile csca-ut.pem "$c.pem" >/dev/null 2>&1 ||
    bad "$c.pem does not chain to csca-ut.pem"
done
grep -q '2\.23\.136\.1\.1\.3' <<<"$(openssl x509 -in mlsigner-ut.pem -noout -ext extendedKeyUsage)" ||
  bad "mlsigner-ut.pem lacks EKU 2.23.136.1.1.3"
if grep -q 'Extended Key Usage' <<<"$(openssl x509 -in mlsigner-noeku.pem -noout -text)"; then
  bad "mlsigner-noeku.pem has an EKU"; fi
for c in *.pem; do
  d="$(openssl x509 -in "$c" -noout -dates)"
  [ "$d" = $'notBefore=Jan  1 00:00:00 2026 GMT\nnotAfter=Jan  1 00:00:00 2056 GMT' ] || bad "$c validity: $d"
done

o="$("${GENPY[@]}" order masterlist-content.der listed-aa.pem listed-bb.pem listed-cc.pem)" || bad "masterlist-content.der"
[ "$o" = "$EXPECT_ORDER" ] || bad "masterlist-content.der order: $o"
o="$("${GENPY[@]}" order masterlist-content-with-ee.der listed-aa.pem listed-bb.pem listed-cc.pem listed-ee.pem)" ||
  bad "masterlist-content-with-ee.der"
[ "$o" = "$EXPECT_ORDER_EE" ] || bad "masterlist-content-with-ee.der order: $o"

for m in masterlist masterlist-noeku masterlist-with-ee; do
  e="$("${GENPY[@]}" econtent "$m.cms")" || bad "$m.cms structure"
  case "$e" in "version=3 eContentType=2.23.136.1.1.2 "*) ;; *) bad "$m.cms: $e" ;; esac
done
# (capture first: `asn1parse | grep -q` would SIGPIPE asn1parse and trip pipefail)
a="$(openssl asn1parse -inform DER -in masterlist-ber.cms)"
grep -q 'l=inf' <<<"$a" || bad "masterlist-ber.cms has no indefinite length"
if "${GENPY[@]}" econtent masterlist-ber.cms >/dev/null 2>&1; then bad "masterlist-ber.cms parses as DER"; fi

# verify CMS and check the embedded content is returned byte for byte
vcms() { # CMS CONTENT -> 0 if verifies and content matches
  openssl cms -verify -inform DER -in "$1" -CAfile csca-ut.pem -purpose any -attime "$AT_2030" \
    -out "$WORK/out.der" >"$WORK/v.log" 2>&1 && cmp -s "$WORK/out.der" "$2"
}
vcms masterlist.cms         masterlist-content.der         || bad "masterlist.cms does not verify"
vcms masterlist-ber.cms     masterlist-content.der         || bad "masterlist-ber.cms does not verify"
vcms masterlist-noeku.cms   masterlist-content.der         || bad "masterlist-noeku.cms does not verify (-purpose any)"
vcms masterlist-with-ee.cms masterlist-content-with-ee.der || bad "masterlist-with-ee.cms does not verify"
if vcms masterlist-tampered.cms masterlist-content.der; then bad "masterlist-tampered.cms verifies"; fi
grep -q 'CMS_SignerInfo_verify_content:verification failure' "$WORK/v.log" || bad "masterlist-tampered.cms: unexpected error: $(cat "$WORK/v.log")"
# without -purpose any the default (smimesign) purpose rejects both signers
if openssl cms -verify -inform DER -in masterlist.cms -CAfile csca-ut.pem -attime "$AT_2030" \
    -out /dev/null >/dev/null 2>&1; then bad "masterlist.cms verifies without -purpose any"; fi

case "$TAMPER_INFO" in "$EXPECT_TAMPER "*) ;; *) bad "tamper position: $TAMPER_INFO" ;; esac
echo "tamper: $TAMPER_INFO"
if [ "$fail" -ne 0 ]; then echo "gen.sh: FAILED checks" >&2; exit 1; fi
echo "gen.sh: OK"
