#!/usr/bin/env bash
# Regenerates the sigbridge test PKI under testdata/pki/.
#   bash testdata/pki/gen.sh                 # full run: wipes and rebuilds everything (new keys)
#   bash testdata/pki/gen.sh --only-extras   # only the "extras" (cn chamber-of-commerce chain,
#                                            # eu revoked signer + CRLs), issued with the existing
#                                            # CA keys; no other file is touched
#   bash testdata/pki/gen.sh --only-ru-gost  # only ru-gost/ (GOST R 34.10-2012 chains, CRLs and
#                                            # OpenSSL-made CMS); no file outside ru-gost/ is touched
# Requires: bash >= 4.4, OpenSSL 3.0+ CLI, python3 (stdlib only); for ru-gost/ also the
# OpenSSL GOST engine (Debian/Ubuntu package libengine-gost-openssl).
# Structure, subjects, serials, validity and identifier values are fixed
# constants (see README.md); private keys are freshly generated on each run.
set -euo pipefail

ONLY_EXTRAS=0; ONLY_RU_GOST=0
case "${1:-}" in
  "") ;;
  --only-extras) ONLY_EXTRAS=1 ;;
  --only-ru-gost) ONLY_RU_GOST=1 ;;
  *) echo "usage: $0 [--only-extras|--only-ru-gost]" >&2; exit 2 ;;
esac

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
CONF="$HERE/conf/openssl.cnf"
GENPY=(python3 "$HERE/gen.py")
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export CADB="$WORK/db"
unset OPENSSL_CONF || true

# ------------------------------------------------------------- validity
NB=240101000000Z          # notBefore, all certificates
CA_NA=491231235959Z       # notAfter, roots and intermediates
EE_NA=451231235959Z       # notAfter, signers
EXPIRED_NA=250630235959Z  # notAfter, eu/expired.pem
AT_2030=1893456000        # 2030-01-01T00:00:00Z, verification time used by tests
CRL_THIS=260601000000Z    # extras: thisUpdate of eu/ca.crl and eu/root.crl
CRL_NEXT=360601000000Z    # extras: nextUpdate of both CRLs
REVOKED_AT=260601000000Z  # extras: revocationDate of eu/revoked.pem in eu/ca.crl

# ---------------------------------------------------- fixed identifiers
# cn
CN_USCC=91110108MA01XY3K34            # GB 32100-2015, valid (org code MA01XY3K3 valid)
CN_PERSON_ID=11010819900307122X       # GB 11643 / ISO 7064 MOD 11-2, valid (check char X)
CN_CHAMBER_USCC=1310000050001234XA    # extras; valid (org code 50001234X valid), `gen.py complete`
# ru (CA operator = root + ca)
RU_CA_OGRN=1027700987654
RU_CA_INNLE=7709876545
RU_CEO_OGRN=1145000123454
RU_CEO_INNLE=5001123452
RU_CEO_SNILS=11223344595
RU_CEO_INN=502912345634
RU_IP_OGRNIP=318502900123452
RU_IP_INN=500198765480
RU_IP_SNILS=13456789292
RU_PERSON_SNILS=14567890307
RU_PERSON_INN=771234567859
RU_BAD_OGRN=1145000123455             # INVALID on purpose (correct check digit: 4)
RU_BAD_INNLE=5001123453               # INVALID on purpose (correct check digit: 2)
RU_BAD_SNILS=11223344595
RU_BAD_INN=502912345634
# kz
KZ_INDIVIDUAL_IIN=850315301126
KZ_CEO_IIN=781105300450
KZ_FIN_IIN=900722402343
KZ_EMPLOYEE_IIN=950610301234
KZ_BIN=150540012348
# uz (no check digit validated)
UZ_PERSON_TIN=512345678
UZ_PERSON_PINFL=31503850120017
UZ_ORG_TIN=301234567
# in (serialNumber = lower-case hex SHA-256 of the PAN string)
IN_CLASS3_PAN=BQXPK7421M
IN_CLASS2_PAN=CKRPS3388L
IN_CLASS3_PSEUDONYM=6c8f0e4a2b3d4f1a9e7c5b3d1f2a4c6e
# eu
EU_CA_ORGID=NTRBE-0123456789           # as specified; NOT a valid BE mod-97 number
EU_QSEAL_ORGID=VATBE-0123456749        # valid BE mod-97
EU_QES_PNO=PNOBE-85010112345           # as specified; NOT a valid BE national-number check (87 would be)
EU_ADV_PNO=PNOBE-90020254340           # valid BE mod-97
EU_EXPIRED_PNO=PNOBE-75061512374       # valid BE mod-97
EU_REVOKED_PNO=PNOBE-80041512368       # extras; valid BE mod-97
# pk
PK_CNIC=42101-7654321-5

v() { "${GENPY[@]}" validate "$@"; }
v uscc "$CN_USCC" valid;  v orgcode "${CN_USCC:8:9}" valid;  v cnid "$CN_PERSON_ID" valid
v uscc "$CN_CHAMBER_USCC" valid;  v orgcode "${CN_CHAMBER_USCC:8:9}" valid
for x in "$RU_CA_OGRN" "$RU_CEO_OGRN"; do v ogrn "$x" valid; done
for x in "$RU_CA_INNLE" "$RU_CEO_INNLE"; do v inn10 "$x" valid; done
for x in "$RU_CEO_INN" "$RU_IP_INN" "$RU_PERSON_INN" "$RU_BAD_INN"; do v inn12 "$x" valid; done
for x in "$RU_CEO_SNILS" "$RU_IP_SNILS" "$RU_PERSON_SNILS" "$RU_BAD_SNILS"; do v snils "$x" valid; done
v ogrnip "$RU_IP_OGRNIP" valid; v ogrn "$RU_BAD_OGRN" invalid; v inn10 "$RU_BAD_INNLE" invalid
for x in "$KZ_INDIVIDUAL_IIN" "$KZ_CEO_IIN" "$KZ_FIN_IIN" "$KZ_EMPLOYEE_IIN" "$KZ_BIN"; do v kz "$x" valid; done
v be97 "${EU_CA_ORGID#NTRBE-}" invalid; v be97 "${EU_QSEAL_ORGID#VATBE-}" valid
v be97 "${EU_QES_PNO#PNOBE-}" invalid; v be97 "${EU_ADV_PNO#PNOBE-}" valid; v be97 "${EU_EXPIRED_PNO#PNOBE-}" valid
v be97 "${EU_REVOKED_PNO#PNOBE-}" valid
sha256hex() { printf '%s' "$1" | openssl dgst -sha256 -r | cut -d' ' -f1; }
IN_CLASS3_SN="$(sha256hex "$IN_CLASS3_PAN")"
IN_CLASS2_SN="$(sha256hex "$IN_CLASS2_PAN")"

# serial: <jurisdiction byte> 5EED5EED 00*9 <2-byte index>  (16 octets)
ser() { printf '%s5EED5EED000000000000000000%04X' "$1" "$2"; }

mkkey() {
  case "$1" in
    rsa2048) openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$2" ;;
    rsa3072) openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$2" ;;
    p256) openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$2" ;;
    p384) openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve -out "$2" ;;
    sm2) openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out "$2" ;;
    # GOST R 34.10-2012 (needs the engine: OPENSSL_CONF=conf/gost-engine.cnf, see gen_ru_gost);
    # engine parameter-set names: 256 A = CryptoPro-A (RFC 4357), 256 TCA = tc26-256-A,
    # 512 A / C = tc26-512-A / -C (RFC 7836)
    gost256a) openssl genpkey -quiet -algorithm gost2012_256 -pkeyopt paramset:A -out "$2" ;;
    gost256tca) openssl genpkey -quiet -algorithm gost2012_256 -pkeyopt paramset:TCA -out "$2" ;;
    gost512a) openssl genpkey -quiet -algorithm gost2012_512 -pkeyopt paramset:A -out "$2" ;;
    gost512c) openssl genpkey -quiet -algorithm gost2012_512 -pkeyopt paramset:C -out "$2" ;;
    *) echo "unknown key alg $1" >&2; exit 1 ;;
  esac
}

# Signature profile: MD, SIGOPT (signing), VFYOPT (CSR / chain verification)
profile() {
  SIGOPT=(); VFYOPT=()
  case "$1" in
    sm2) MD=sm3; SIGOPT=(-sigopt distid:1234567812345678); VFYOPT=(-vfyopt distid:1234567812345678) ;;
    pss) MD=sha256; SIGOPT=(-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256) ;;
    sha256) MD=sha256 ;;
    sha384) MD=sha384 ;;
    gost256) MD=md_gost12_256 ;;   # Streebog-256 (GOST R 34.11-2012), with a 256-bit GOST key
    gost512) MD=md_gost12_512 ;;   # Streebog-512, with a 512-bit GOST key
    *) echo "unknown profile $1" >&2; exit 1 ;;
  esac
}

# issue OUT(prefix, no ext) KEYALG ISSUER(prefix|self) SERIAL NOTAFTER EXTFILE SECTION SUBJECT [OID to re-tag as NumericString ...]
# Uses $KEY (if set and the file exists) instead of generating OUT.key. $REQ_MD (if set)
# is the CSR's digest, for a subject key that needs another digest than its issuer's ($MD).
issue() {
  local out=$1 alg=$2 issuer=$3 serial=$4 na=$5 extfile=$6 sect=$7 subj=$8
  shift 8
  local key="${KEY:-$out.key}" csr="$WORK/req.csr"
  [ -f "$key" ] || mkkey "$alg" "$key"
  openssl req -new -config "$CONF" -utf8 -key "$key" -subj "$subj" -"${REQ_MD:-$MD}" "${SIGOPT[@]}" -out "$csr"
  if [ $# -gt 0 ]; then
    # OpenSSL only emits NumericString for attributes in its built-in string table
    # (OGRN, SNILS, INN); re-tag the others and re-sign the CSR.
    "${GENPY[@]}" retag-csr "$csr" "$csr" "$key" "${REQ_MD:-$MD}" 0x12 "$@"
  fi
  rm -rf "$CADB"; mkdir -p "$CADB"; : > "$CADB/index.txt"; echo "$serial" > "$CADB/serial"
  local signer
  if [ "$issuer" = self ]; then signer=(-selfsign -keyfile "$key"); else signer=(-cert "$issuer.pem" -keyfile "$issuer.key"); fi
  if ! openssl ca -batch -config "$CONF" -notext -preserveDN "${signer[@]}" -in "$csr" -out "$out.pem" \
      -startdate "$NB" -enddate "$na" -md "$MD" "${SIGOPT[@]}" "${VFYOPT[@]}" \
      -extfile "$extfile" -extensions "$sect" >"$WORK/ca.log" 2>&1; then
    cat "$WORK/ca.log" >&2; exit 1
  fi
}

# finish_signer DIR NAME CA ROOT : .der copy and chain file
finish_signer() {
  local d=$1 n=$2 ca=${3:-ca} root=${4:-root}
  openssl x509 -in "$d/$n.pem" -outform DER -out "$d/$n.der"
  cat "$d/$n.pem" "$d/$ca.pem" "$d/$root.pem" > "$d/chain-$n.pem"
}

bundle() { # DIR OUT ROOT CA
  openssl crl2pkcs7 -nocrl -certfile "$1/$3.pem" -certfile "$1/$4.pem" -outform DER -out "$1/$2"
}

# ------------------------------------------------------- verification helpers
fail=0
is_sm2() { openssl x509 -in "$1" -noout -text 2>/dev/null | grep -q 'Signature Algorithm: SM2-with-SM3'; }
check_chain() { # DIR SIGNER CA ROOT [expect=ok|fail]
  local d=$1 n=$2 ca=$3 root=$4 expect=${5:-ok} r=ok
  if is_sm2 "$d/$n.pem"; then
    # SM2: `openssl verify -vfyopt distid:...` only applies the ID to the target
    # certificate, so check each link separately (signatures via gen.py verify-sig).
    local sm2=(-vfyopt distid:1234567812345678)
    { "${GENPY[@]}" verify-sig "$d/$root.pem" "$d/$root.pem" sm3 -sigopt distid:1234567812345678 &&
      "${GENPY[@]}" verify-sig "$d/$ca.pem" "$d/$root.pem" sm3 -sigopt distid:1234567812345678 &&
      "${GENPY[@]}" verify-sig "$d/$n.pem" "$d/$ca.pem" sm3 -sigopt distid:1234567812345678 &&
      openssl verify "${sm2[@]}" -x509_strict -CAfile "$d/$root.pem" -attime "$AT_2030" "$d/$ca.pem" &&
      openssl verify "${sm2[@]}" -x509_strict -partial_chain -CAfile "$d/$ca.pem" -attime "$AT_2030" "$d/$n.pem"
    } >"$WORK/v.log" 2>&1 || r=fail
  elif ! openssl verify -check_ss_sig -x509_strict -CAfile "$d/$root.pem" -untrusted "$d/$ca.pem" \
       -attime "$AT_2030" "$d/$n.pem" >"$WORK/v.log" 2>&1; then r=fail; fi
  printf '  %-6s %-28s %s\n' "$r" "${d#$HERE/}/$n.pem" "$(tail -n 3 "$WORK/v.log" | tr '\n' ' ' | cut -c1-110)"
  if [ "$r" != "$expect" ]; then fail=1; fi
}
expect_text() { # FILE STRING...
  local f=$1; shift
  local t; t="$(OPENSSL_CONF="${DISPLAY_CNF:-$HERE/conf/display.cnf}" openssl x509 -in "$f" -noout -text -nameopt RFC2253,utf8,-esc_msb)"
  for s in "$@"; do
    if ! grep -qF -- "$s" <<<"$t"; then echo "  MISSING in ${f#$HERE/}: $s" >&2; fail=1; fi
  done
}

# --------------------------------------------------------------- extras
# Fixtures added after the original set, issued by the existing CAs. A full run
# generates them after everything else (gen_extras); `gen.sh --only-extras`
# deletes and regenerates exactly the files in EXTRAS_FILES (new keys for them,
# existing CA keys/certificates only read) and runs their checks (verify_extras).
EXTRAS_FILES=(
  cn/chamber-ca.pem cn/chamber-ca.der cn/chamber-ca.key
  cn/chamber.pem cn/chamber.der cn/chamber.key cn/chain-chamber.pem
  eu/revoked.pem eu/revoked.der eu/revoked.key eu/chain-revoked.pem
  eu/ca.crl eu/ca.crl.pem eu/root.crl
)
CN_CHAMBER_CA_DN="/C=CN/O=示例国际贸易促进委员会/CN=示例贸促会电子认证中心"
CN_CHAMBER_DN="/C=CN/O=示例贸促会/CN=示例贸促会原产地证书签发/serialNumber=$CN_CHAMBER_USCC"
EU_REVOKED_DN="/C=BE/GN=Revoked/SN=Testperson/serialNumber=$EU_REVOKED_PNO/CN=Revoked Testperson"

# cn: chamber of commerce (CCPIT-style certificate-of-origin issuer) with its own
# SM2 issuing CA under cn/root (same [ca] profile as cn/ca).
gen_extras_cn_chamber() {
  local D="$HERE/cn" X="$HERE/conf/cn.cnf"
  profile sm2
  issue "$D/chamber-ca" sm2 "$D/root" "$(ser 11 5)" "$CA_NA" "$X" ca "$CN_CHAMBER_CA_DN"
  openssl x509 -in "$D/chamber-ca.pem" -outform DER -out "$D/chamber-ca.der"
  issue "$D/chamber" sm2 "$D/chamber-ca" "$(ser 11 19)" "$EE_NA" "$X" chamber "$CN_CHAMBER_DN"
  finish_signer "$D" chamber chamber-ca root
}

# eu: qualified natural-person signer (qes-natural profile), revoked in eu/ca.crl
gen_extras_eu_revoked() {
  local D="$HERE/eu" X="$HERE/conf/eu.cnf"
  profile sha384
  issue "$D/revoked" p384 "$D/ca" "$(ser 16 21)" "$EE_NA" "$X" revoked "$EU_REVOKED_DN"
  finish_signer "$D" revoked
}

# gencrl ISSUER(prefix) OUT(prefix) [REVOKED.pem REASON]...
# CRL v2 (AKI + cRLNumber 1, conf/crl.cnf) with thisUpdate $CRL_THIS, nextUpdate
# $CRL_NEXT; each revoked entry gets revocationDate $REVOKED_AT and a reasonCode.
# `openssl ca -gencrl` reads the entries from a scratch index.txt written here
# (`openssl ca -revoke` would stamp the current time). Writes OUT.crl (DER) and,
# with PEM=1, OUT.crl.pem (the same CRL).
gencrl() {
  local issuer=$1 out=$2; shift 2
  rm -rf "$CADB"; mkdir -p "$CADB"; : > "$CADB/index.txt"; echo 01 > "$CADB/crlnumber"
  while [ $# -gt 0 ]; do
    local s; s=$(openssl x509 -in "$1" -noout -serial); s=${s#serial=}
    # index.txt: status, expiry, revocationDate[,reason], serial (hex), file, subject
    printf 'R\t%s\t%s,%s\t%s\tunknown\t%s\n' "$EE_NA" "$REVOKED_AT" "$2" "$s" \
      "$(openssl x509 -in "$1" -noout -subject -nameopt compat | sed 's/^subject=//')" >> "$CADB/index.txt"
    shift 2
  done
  if ! openssl ca -gencrl -batch -config "$HERE/conf/crl.cnf" -cert "$issuer.pem" -keyfile "$issuer.key" \
      -md "$MD" -crl_lastupdate "$CRL_THIS" -crl_nextupdate "$CRL_NEXT" -out "$WORK/crl.pem" >"$WORK/ca.log" 2>&1; then
    cat "$WORK/ca.log" >&2; exit 1
  fi
  openssl crl -in "$WORK/crl.pem" -outform DER -out "$out.crl"
  if [ "${PEM:-0}" = 1 ]; then openssl crl -in "$out.crl" -inform DER -out "$out.crl.pem"; fi
}

gen_extras_eu_crls() {
  local D="$HERE/eu"
  profile sha384
  PEM=1 gencrl "$D/ca" "$D/ca" "$D/revoked.pem" keyCompromise
  gencrl "$D/root" "$D/root"
}

gen_extras() {
  gen_extras_cn_chamber
  gen_extras_eu_revoked
  gen_extras_eu_crls
}

# expect_crl FILE.der ISSUER.pem NENTRIES STRING... : signature, AKI, entry count, text
expect_crl() {
  local f=$1 iss=$2 n=$3 before=$fail; shift 3
  fail=0
  local t; t="$(openssl crl -in "$f" -inform DER -noout -text)"
  if ! openssl crl -in "$f" -inform DER -CAfile "$iss" -noout >/dev/null 2>&1; then
    echo "  CRL signature of ${f#$HERE/} does not verify with ${iss#$HERE/}" >&2; fail=1
  fi
  local ski; ski="$(openssl x509 -in "$iss" -noout -ext subjectKeyIdentifier | sed -n 2p | tr -d ' ')"
  if [ "$(grep -A1 'Authority Key Identifier' <<<"$t" | sed -n 2p | tr -d ' ')" != "$ski" ]; then
    echo "  CRL AKI of ${f#$HERE/} is not the SKI of ${iss#$HERE/}" >&2; fail=1
  fi
  if [ "$(grep -c '^ *Serial Number:' <<<"$t" || true)" -ne "$n" ]; then
    echo "  ${f#$HERE/}: expected $n revoked entries" >&2; fail=1
  fi
  for s in "$@"; do
    if ! grep -qF -- "$s" <<<"$t"; then echo "  MISSING in ${f#$HERE/}: $s" >&2; fail=1; fi
  done
  local enc; enc="$(openssl asn1parse -in "$f" -inform DER | sed -n '/prim: UTCTIME/p;/GENERALIZEDTIME/p' | head -2 | sed 's/.*://' | tr '\n' ' ')"
  if [ "$enc" != "$CRL_THIS $CRL_NEXT " ]; then echo "  ${f#$HERE/}: thisUpdate/nextUpdate encoded as '$enc'" >&2; fail=1; fi
  local r=ok; if [ "$fail" -ne 0 ]; then r=fail; fi
  printf '  %-6s %-28s %s\n' "$r" "${f#$HERE/}" "$(grep -E 'Last Update|Next Update' <<<"$t" | sed 's/^ *//' | tr '\n' ' ')"
  if [ "$before" -ne 0 ]; then fail=1; fi
}

# check_crl SIGNER ok|revoked VERIFY-OPTIONS... : eu chain at 2030-01-01 with CRL checking
check_crl() {
  local n=$1 expect=$2 r=ok; shift 2
  if ! openssl verify -x509_strict -CAfile eu/root.pem -untrusted eu/ca.pem -attime "$AT_2030" \
       "$@" "eu/$n.pem" >"$WORK/v.log" 2>&1; then
    r=fail; if grep -q '^error 23 at 0 depth lookup: certificate revoked' "$WORK/v.log"; then r=revoked; fi
  fi
  printf '  %-7s %-27s %s\n' "$r" "eu/$n.pem $1" "$(grep -m1 -E '^error|OK$' "$WORK/v.log")"
  if [ "$r" != "$expect" ]; then fail=1; fi
}

verify_extras() {
  echo "== extras: chains at 2030-01-01 (attime $AT_2030)"
  check_chain "$HERE/cn" chamber chamber-ca root
  check_chain "$HERE/eu" revoked ca root   # fine without revocation checking
  expect_text cn/chamber-ca.pem "SM2-with-SM3" "CA:TRUE, pathlen:0" "Certificate Sign, CRL Sign" "URI:http://crl.cn.example/root.crl"
  expect_text cn/chamber.pem "SM2-with-SM3" "serialNumber=$CN_CHAMBER_USCC" "Digital Signature, Non Repudiation" \
    "URI:http://crl.cn.example/chamber-ca.crl" "CA Issuers - URI:http://pki.cn.example/chamber-ca.cer"
  expect_text eu/revoked.pem "ecdsa-with-SHA384" "qcStatements" "0.4.0.194112.1.2" "serialNumber=$EU_REVOKED_PNO" \
    "email:revoked.testperson@eu.example"
  if ! cmp -s <(openssl x509 -in eu/revoked.pem -noout -ext qcStatements) <(openssl x509 -in eu/qes-natural.pem -noout -ext qcStatements); then
    echo "  eu/revoked.pem: qcStatements differ from eu/qes-natural.pem" >&2; fail=1
  fi

  echo "== extras: CRLs"
  expect_crl "$HERE/eu/ca.crl" "$HERE/eu/ca.pem" 1 "Version 2 (0x1)" "Signature Algorithm: ecdsa-with-SHA384" \
    "X509v3 CRL Number: " "Serial Number: $(ser 16 21)" "Revocation Date: Jun  1 00:00:00 2026 GMT" "Key Compromise"
  expect_crl "$HERE/eu/root.crl" "$HERE/eu/root.pem" 0 "Version 2 (0x1)" "Signature Algorithm: ecdsa-with-SHA384" \
    "X509v3 CRL Number: " "No Revoked Certificates."
  for f in eu/ca.crl eu/root.crl; do
    if [ "$(openssl crl -in "$f" -inform DER -noout -crlnumber)" != "crlNumber=0x01" ]; then echo "  $f: cRLNumber is not 1" >&2; fail=1; fi
  done
  if ! cmp -s eu/ca.crl <(openssl crl -in eu/ca.crl.pem -outform DER); then echo "  eu/ca.crl.pem is not eu/ca.crl" >&2; fail=1; fi

  echo "== extras: revocation checking at 2030-01-01 (expect: eu/revoked.pem revoked, others ok)"
  check_crl revoked revoked -crl_check -CRLfile eu/ca.crl.pem
  check_crl revoked revoked -crl_check_all -CRLfile eu/ca.crl -CRLfile eu/root.crl
  check_crl qes-natural ok -crl_check -CRLfile eu/ca.crl.pem
  for n in qes-natural qseal-legal; do check_crl "$n" ok -crl_check_all -CRLfile eu/ca.crl -CRLfile eu/root.crl; done
}

# ------------------------------------------------------------- ru-gost
# GOST R 34.10-2012 chains (root -> CA -> signers) with the RU profile of ru/ (conf/ru-gost.cnf
# = conf/ru.cnf with per-set URLs), a CRL of each CA, and CMS SignedData made by
# `openssl cms` with the GOST engine. Everything lives in ru-gost/ and nothing else is
# read or written, so `gen.sh --only-ru-gost` leaves every other root key alone.
# The engine is loaded through OPENSSL_CONF=conf/gost-engine.cnf, exported only
# inside gen_ru_gost / verify_ru_gost (and the gen.py calls they make); the rest of
# gen.sh runs with OPENSSL_CONF unset.
RU_GOST_SETS=(256a 256tca 512a 512c mixed)
RU_GOST_CNF="$HERE/conf/gost-engine.cnf"
# The fixed trade document signed by every set's org-ceo (ru-gost/invoice.xml).
RU_GOST_INVOICE='<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:sigbridge:test:invoice" documentType="380">
  <ID>RU-GOST-2026-0001</ID>
  <IssueDate>2026-06-01</IssueDate>
  <Seller inn="5001123452" ogrn="1145000123454">ООО "Ромашка"</Seller>
  <Buyer country="KZ">ТОО "ТЕСТОВАЯ КОМПАНИЯ"</Buyer>
  <Line quantity="10" unitCode="H87" hs="940360">Стол письменный</Line>
  <Total currency="RUB">125000.00</Total>
</Invoice>
'

ru_gost_engine_check() {
  if ! OPENSSL_CONF="$RU_GOST_CNF" openssl list -digest-algorithms 2>/dev/null | grep -q md_gost12_256; then
    echo "gen.sh: the OpenSSL GOST engine does not load (conf/gost-engine.cnf);" \
      "install libengine-gost-openssl (Debian/Ubuntu) or run without ru-gost" >&2
    exit 1
  fi
}

# gen_ru_gost_set SET CA-KEYALG SIGNER-KEYALG CA-PROFILE SIGNER-PROFILE INDEX LABEL
# Serials: 19 5EED5EED 00*9 <INDEX><nn>, nn = 01 root, 02 CA, 10 org-ceo, 11 revoked.
gen_ru_gost_set() {
  local set=$1 calg=$2 ealg=$3 cprof=$4 eprof=$5 i=$6 label=$7
  local D="$HERE/ru-gost/$set" X="$HERE/conf/ru-gost.cnf" innle=1.2.643.100.4
  local dn="/C=RU/ST=77 г. Москва/L=г. Москва/street=ул. Тестовая, д. 1/O=АО \"СигБридж Тест\"/OGRN=$RU_CA_OGRN/INNLE=$RU_CA_INNLE"
  mkdir -p "$D"; export GOST_SET=$set
  profile "$cprof"
  issue "$D/root" "$calg" self "$(ser 19 $((i * 256 + 1)))" "$CA_NA" "$X" root "$dn/CN=Тестовый головной УЦ СигБридж ($label)" $innle
  issue "$D/ca" "$calg" "$D/root" "$(ser 19 $((i * 256 + 2)))" "$CA_NA" "$X" ca "$dn/CN=Тестовый УЦ СигБридж ($label)" $innle
  # signers: the CSR is signed with the signer's own digest, the certificate with the CA's
  profile "$eprof"; local req_md=$MD; profile "$cprof"
  REQ_MD=$req_md issue "$D/org-ceo" "$ealg" "$D/ca" "$(ser 19 $((i * 256 + 16)))" "$EE_NA" "$X" org_ceo \
    "/C=RU/ST=50 Московская область/L=г. Химки/street=ул. Лесная, д. 5/O=ООО \"Ромашка\"/title=Генеральный директор/SN=Иванов/GN=Иван Иванович/CN=ООО \"Ромашка\"/OGRN=$RU_CEO_OGRN/INNLE=$RU_CEO_INNLE/SNILS=$RU_CEO_SNILS/INN=$RU_CEO_INN" $innle
  REQ_MD=$req_md issue "$D/revoked" "$ealg" "$D/ca" "$(ser 19 $((i * 256 + 17)))" "$EE_NA" "$X" person \
    "/C=RU/ST=77 г. Москва/L=г. Москва/SN=Сидорова/GN=Анна Сергеевна/CN=Сидорова Анна Сергеевна/SNILS=$RU_PERSON_SNILS/INN=$RU_PERSON_INN"
  for n in org-ceo revoked; do finish_signer "$D" "$n"; done
  gencrl "$D/ca" "$D/ca" "$D/revoked.pem" keyCompromise
  gencrl "$D/root" "$D/root"
  # CMS SignedData made by OpenSSL (interop: OpenSSL signs, sigbridge verifies); the
  # signer's digest (GOST R 34.10-2012 pairs each key size with its Streebog, RFC 7091 / RFC 9215)
  profile "$eprof"
  local cms=(-sign -binary -in "$HERE/ru-gost/invoice.xml" -signer "$D/org-ceo.pem" -inkey "$D/org-ceo.key"
             -certfile "$D/ca.pem" -outform DER -md "$MD" -nosmimecap)
  openssl cms "${cms[@]}" -out "$D/invoice.p7s"
  if [ "$set" = 256a ]; then openssl cms "${cms[@]}" -nodetach -out "$D/invoice-attached.p7s"; fi
  unset GOST_SET
}

gen_ru_gost() {
  ru_gost_engine_check
  export OPENSSL_CONF="$RU_GOST_CNF"
  rm -rf "${HERE:?}/ru-gost"; mkdir -p "$HERE/ru-gost"
  printf '%s' "$RU_GOST_INVOICE" > "$HERE/ru-gost/invoice.xml"
  gen_ru_gost_set 256a gost256a gost256a gost256 gost256 1 "ГОСТ 256 A"
  gen_ru_gost_set 256tca gost256tca gost256tca gost256 gost256 2 "ГОСТ 256 TC26-A"
  gen_ru_gost_set 512a gost512a gost512a gost512 gost512 3 "ГОСТ 512 A"
  gen_ru_gost_set 512c gost512c gost512c gost512 gost512 4 "ГОСТ 512 C"
  # a 256-bit signer (CryptoPro-A) under a 512-bit CA (tc26-512-A), as many real chains are
  gen_ru_gost_set mixed gost512a gost256a gost512 gost256 5 "ГОСТ 512 A, 256 A"
  unset OPENSSL_CONF
}

# spki_alg KEYSET (256a|256tca|512a|512c): hex DER of the SubjectPublicKeyInfo
# AlgorithmIdentifier the engine writes for that parameter set: id-tc26-gost3410-12-256 / -512 (RFC 9215, R 1323565.1.023-2018)
# with GostR3410-2012-PublicKeyParameters { publicKeyParamSet, digestParamSet (only for
# the CryptoPro-A and tc26-512-A sets, as the engine writes them) }.
spki_alg() {
  local k=$1
  case "$k" in
    256a) echo 301f06082a85030701010101301306072a85030202230106082a85030701010202 ;;
    256tca) echo 301706082a85030701010101300b06092a8503070102010101 ;;
    512a) echo 302106082a85030701010102301506092a850307010201020106082a85030701010203 ;;
    512c) echo 301706082a85030701010102300b06092a8503070102010203 ;;
  esac
}

# check_gost_key SET NAME KEYSET: SPKI algorithm bytes, key/certificate match, PKCS#8 layout
check_gost_key() {
  local d="$HERE/ru-gost/$1" n=$2 ks=$3 r=ok
  "${GENPY[@]}" der "$d/$n.pem" "$WORK/c.der"
  "${GENPY[@]}" expect-bytes "$WORK/c.der" "$(spki_alg "$ks")" 2>"$WORK/k.log" || r=fail
  if ! cmp -s <(openssl x509 -in "$d/$n.pem" -noout -pubkey) <(openssl pkey -in "$d/$n.key" -pubout); then
    echo "  ru-gost/$1/$n.key does not match $n.pem" >>"$WORK/k.log"; r=fail
  fi
  # PKCS#8 PrivateKeyInfo { 0, AlgorithmIdentifier (same as the SPKI's), OCTET STRING
  # (32 or 64 octets: the private key, little-endian, no inner ASN.1) }
  local len=32; case $ks in 512*) len=64 ;; esac
  if ! openssl asn1parse -in "$d/$n.key" | tail -n 1 | grep -qE "d=1 +hl=2 l= *$len prim: OCTET STRING"; then
    echo "  ru-gost/$1/$n.key: private key is not a $len-octet OCTET STRING" >>"$WORK/k.log"; r=fail
  fi
  printf '  %-6s %-28s %s\n' "$r" "ru-gost/$1/$n (key $ks)" "$(tr '\n' ' ' <"$WORK/k.log" | cut -c1-100)"
  if [ "$r" != ok ]; then fail=1; fi
}

# gost_sig_alg BITS: hex DER of the certificate / CRL signatureAlgorithm the engine writes:
# id-tc26-signwithdigest-gost3410-12-256 / -512 (1.2.643.7.1.1.3.2 / .3) with NULL
# parameters (RFC 9215 wants them absent; the engine writes NULL)
gost_sig_alg() { case $1 in 256) echo 300c06082a850307010103020500 ;; 512) echo 300c06082a850307010103030500 ;; esac; }

# check_gost_cms SET BITS: the OpenSSL-made SignedData verifies (detached, and attached for
# 256a), fails on changed content, and has the expected algorithm identifiers
check_gost_cms() {
  local set=$1 bits=$2 d="$HERE/ru-gost/$1" r=ok doc="$HERE/ru-gost/invoice.xml"
  local vfy=(-verify -CAfile "$d/root.pem" -purpose any -binary -inform DER)
  : >"$WORK/m.log"
  if ! openssl cms "${vfy[@]}" -content "$doc" -in "$d/invoice.p7s" -out "$WORK/out" >>"$WORK/m.log" 2>&1 ||
     ! cmp -s "$WORK/out" "$doc"; then r=fail; fi
  { cat "$doc"; echo changed; } > "$WORK/changed.xml"
  if openssl cms "${vfy[@]}" -content "$WORK/changed.xml" -in "$d/invoice.p7s" -out /dev/null >/dev/null 2>&1; then
    echo "changed content verifies" >>"$WORK/m.log"; r=fail
  fi
  if ! openssl cms -cmsout -print -inform DER -in "$d/invoice.p7s" | grep -q 'eContent: <ABSENT>'; then
    echo "not detached" >>"$WORK/m.log"; r=fail
  fi
  # digestAlgorithm id-tc26-gost3411-12-256 / -512 with NULL; signatureAlgorithm = the
  # key's OID id-tc26-gost3410-12-256 / -512 (not the signature OID) with NULL
  local key=01 md=02; if [ "$bits" = 512 ]; then key=02; md=03; fi
  "${GENPY[@]}" expect-bytes "$d/invoice.p7s" "300c06082a850307010102${md}0500" "300c06082a850307010101${key}0500" \
    >>"$WORK/m.log" 2>&1 || r=fail
  if [ "$set" = 256a ]; then
    if ! openssl cms "${vfy[@]}" -in "$d/invoice-attached.p7s" -out "$WORK/out" >>"$WORK/m.log" 2>&1 ||
       ! cmp -s "$WORK/out" "$doc"; then echo "attached: failed" >>"$WORK/m.log"; r=fail; fi
    # the command line given in README.md, with the engine on the command line instead of OPENSSL_CONF
    if ! (cd "$d" && env -u OPENSSL_CONF openssl cms -verify -engine gost -CAfile root.pem -purpose any \
          -binary -inform DER -content ../invoice.xml -in invoice.p7s -out /dev/null) >>"$WORK/m.log" 2>&1; then
      echo "-engine gost command line failed" >>"$WORK/m.log"; r=fail
    fi
  fi
  printf '  %-6s %-28s %s\n' "$r" "ru-gost/$set/invoice.p7s" "$(grep -v '^Engine' "$WORK/m.log" | tr '\n' ' ' | cut -c1-100)"
  if [ "$r" != ok ]; then fail=1; fi
}

# check_gost_crl SET SIGNER ok|revoked : chain at 2030-01-01 with both CRLs of the set
check_gost_crl() {
  local d="ru-gost/$1" n=$2 expect=$3 r=ok
  if ! openssl verify -x509_strict -crl_check_all -CRLfile "$d/ca.crl" -CRLfile "$d/root.crl" -CAfile "$d/root.pem" \
       -untrusted "$d/ca.pem" -attime "$AT_2030" "$d/$n.pem" >"$WORK/v.log" 2>&1; then
    r=fail; if grep -q '^error 23 at 0 depth lookup: certificate revoked' "$WORK/v.log"; then r=revoked; fi
  fi
  printf '  %-7s %-27s %s\n' "$r" "$d/$n.pem" "$(grep -m1 -E '^error|OK$' "$WORK/v.log")"
  if [ "$r" != "$expect" ]; then fail=1; fi
}

verify_ru_gost() {
  export OPENSSL_CONF="$RU_GOST_CNF"
  local set cks eks cb eb
  echo "== ru-gost: chains at 2030-01-01 (attime $AT_2030)"
  for set in "${RU_GOST_SETS[@]}"; do
    for n in org-ceo revoked; do check_chain "$HERE/ru-gost/$set" "$n" ca root; done
  done
  echo "== ru-gost: keys (SPKI parameters, key matches certificate, PKCS#8 layout)"
  for set in "${RU_GOST_SETS[@]}"; do
    cks=$set; eks=$set; if [ "$set" = mixed ]; then cks=512a; eks=256a; fi
    for n in root ca; do check_gost_key "$set" "$n" "$cks"; done
    for n in org-ceo revoked; do check_gost_key "$set" "$n" "$eks"; done
  done
  echo "== ru-gost: signature algorithms and RU profile"
  for set in "${RU_GOST_SETS[@]}"; do
    cb=${set:0:3}; eb=$cb; if [ "$set" = mixed ]; then cb=512; eb=256; fi
    local sig="GOST R 34.10-2012 with GOST R 34.11-2012 ($cb bit)"
    for n in root ca org-ceo revoked; do
      "${GENPY[@]}" der "ru-gost/$set/$n.pem" "$WORK/c.der"
      "${GENPY[@]}" expect-bytes "$WORK/c.der" "$(gost_sig_alg "$cb")" || fail=1
    done
    DISPLAY_CNF="$HERE/conf/gost-display.cnf" expect_text "ru-gost/$set/root.pem" "$sig" "Signing Tool of Subject" \
      "Signing Tool of Issuer" "OGRN=$RU_CA_OGRN" "INNLE=$RU_CA_INNLE" "CA:TRUE" "Certificate Sign, CRL Sign"
    DISPLAY_CNF="$HERE/conf/gost-display.cnf" expect_text "ru-gost/$set/ca.pem" "$sig" "CA:TRUE, pathlen:0" \
      "Class of Signing Tool KC3" "URI:http://crl.ru.example/gost/$set/root.crl"
    DISPLAY_CNF="$HERE/conf/gost-display.cnf" expect_text "ru-gost/$set/org-ceo.pem" "$sig" \
      "GOST R 34.10-2012 with $eb bit modulus" "Class of Signing Tool KC1" "Class of Signing Tool KC2" \
      "OGRN=$RU_CEO_OGRN" "INNLE=$RU_CEO_INNLE" "SNILS=$RU_CEO_SNILS" "INN=$RU_CEO_INN" \
      "Digital Signature, Non Repudiation" "TLS Web Client Authentication, E-mail Protection" \
      "Signing Tool of Subject" "Signing Tool of Issuer" "URI:http://crl.ru.example/gost/$set/ca.crl" \
      "email:ivanov@romashka.ru.example"
    DISPLAY_CNF="$HERE/conf/gost-display.cnf" expect_text "ru-gost/$set/revoked.pem" "$sig" \
      "SNILS=$RU_PERSON_SNILS" "INN=$RU_PERSON_INN" "Class of Signing Tool KC1" "Digital Signature, Non Repudiation"
    for n in root ca org-ceo; do  # the NumericString re-tagging must be in place
      if openssl asn1parse -in "ru-gost/$set/$n.pem" | grep -A1 -E 'OBJECT +:(OGRN|SNILS|INN|INNLE|1\.2\.643\.100\.4)$' | grep -E 'prim:' | grep -vE 'OBJECT|NUMERICSTRING' >/dev/null; then
        echo "  non-NumericString RU identifier in ru-gost/$set/$n.pem" >&2; fail=1
      fi
    done
  done
  echo "== ru-gost: CRLs"
  for set in "${RU_GOST_SETS[@]}"; do
    cb=${set:0:3}; if [ "$set" = mixed ]; then cb=512; fi
    local cs="Signature Algorithm: GOST R 34.10-2012 with GOST R 34.11-2012 ($cb bit)"
    local i; i=$(openssl x509 -in "ru-gost/$set/revoked.pem" -noout -serial); i=${i#serial=}
    expect_crl "$HERE/ru-gost/$set/ca.crl" "$HERE/ru-gost/$set/ca.pem" 1 "Version 2 (0x1)" "$cs" \
      "X509v3 CRL Number: " "Serial Number: $i" "Revocation Date: Jun  1 00:00:00 2026 GMT" "Key Compromise"
    expect_crl "$HERE/ru-gost/$set/root.crl" "$HERE/ru-gost/$set/root.pem" 0 "Version 2 (0x1)" "$cs" "No Revoked Certificates."
    check_gost_crl "$set" revoked revoked
    check_gost_crl "$set" org-ceo ok
  done
  echo "== ru-gost: CMS made by openssl cms -sign (verified with openssl cms -verify)"
  for set in "${RU_GOST_SETS[@]}"; do
    eb=${set:0:3}; if [ "$set" = mixed ]; then eb=256; fi
    check_gost_cms "$set" "$eb"
  done
  unset OPENSSL_CONF
}

if [ "$ONLY_RU_GOST" = 1 ]; then
  gen_ru_gost
  verify_ru_gost
  if [ "$fail" -ne 0 ]; then echo "gen.sh --only-ru-gost: FAILED checks" >&2; exit 1; fi
  echo "gen.sh --only-ru-gost: OK"
  exit 0
fi

if [ "$ONLY_EXTRAS" = 1 ]; then
  for f in "${EXTRAS_FILES[@]}"; do rm -f "${HERE:?}/$f"; done
  gen_extras
  verify_extras
  if [ "$fail" -ne 0 ]; then echo "gen.sh --only-extras: FAILED checks" >&2; exit 1; fi
  echo "gen.sh --only-extras: OK"
  exit 0
fi

# ---------------------------------------------------------------- clean
ru_gost_engine_check   # before anything is wiped
for cc in cn ru kz uz in eu pk; do rm -rf "${HERE:?}/$cc"; mkdir -p "$HERE/$cc"; done
mkdir -p "$HERE/deviations"
find "$HERE/deviations" -type f ! -name README.md -delete

# ----------------------------------------------------------------- cn
D="$HERE/cn"; X="$HERE/conf/cn.cnf"; profile sm2
CN_CA_O="示例电子认证服务有限公司"
issue "$D/root" sm2 self "$(ser 11 1)" "$CA_NA" "$X" root "/C=CN/O=$CN_CA_O/CN=SigBridge Test SM2 Root CA"
issue "$D/ca" sm2 "$D/root" "$(ser 11 2)" "$CA_NA" "$X" ca "/C=CN/O=$CN_CA_O/CN=SigBridge Test SM2 Issuing CA"
issue "$D/org-uscc" sm2 "$D/ca" "$(ser 11 16)" "$EE_NA" "$X" org_uscc "/C=CN/O=示例科技有限公司/CN=示例科技有限公司/serialNumber=$CN_USCC"
issue "$D/person" sm2 "$D/ca" "$(ser 11 17)" "$EE_NA" "$X" person "/C=CN/CN=李娜/serialNumber=$CN_PERSON_ID"
profile sha256
issue "$D/rsa-root" rsa2048 self "$(ser 11 3)" "$CA_NA" "$X" root "/C=CN/O=$CN_CA_O/CN=SigBridge Test RSA Root CA"
issue "$D/rsa-ca" rsa2048 "$D/rsa-root" "$(ser 11 4)" "$CA_NA" "$X" ca "/C=CN/O=$CN_CA_O/CN=SigBridge Test RSA Issuing CA"
issue "$D/org-rsa" rsa2048 "$D/rsa-ca" "$(ser 11 18)" "$EE_NA" "$X" org_rsa "/C=CN/O=示例科技有限公司/CN=示例科技有限公司/serialNumber=$CN_USCC"
for n in org-uscc person; do finish_signer "$D" "$n"; done
finish_signer "$D" org-rsa rsa-ca rsa-root
bundle "$D" ca-bundle.p7b root ca
bundle "$D" rsa-ca-bundle.p7b rsa-root rsa-ca

# ----------------------------------------------------------------- ru
D="$HERE/ru"; X="$HERE/conf/ru.cnf"; profile sha256
INNLE_OID=1.2.643.100.4; OGRNIP_OID=1.2.643.100.5
RU_CA_DN="/C=RU/ST=77 г. Москва/L=г. Москва/street=ул. Тестовая, д. 1/O=АО \"СигБридж Тест\"/OGRN=$RU_CA_OGRN/INNLE=$RU_CA_INNLE"
issue "$D/root" rsa2048 self "$(ser 12 1)" "$CA_NA" "$X" root "$RU_CA_DN/CN=Тестовый головной УЦ СигБридж" $INNLE_OID
issue "$D/ca" rsa2048 "$D/root" "$(ser 12 2)" "$CA_NA" "$X" ca "$RU_CA_DN/CN=Тестовый УЦ СигБридж" $INNLE_OID
issue "$D/org-ceo" rsa2048 "$D/ca" "$(ser 12 16)" "$EE_NA" "$X" org_ceo \
  "/C=RU/ST=50 Московская область/L=г. Химки/street=ул. Лесная, д. 5/O=ООО \"Ромашка\"/title=Генеральный директор/SN=Иванов/GN=Иван Иванович/CN=ООО \"Ромашка\"/OGRN=$RU_CEO_OGRN/INNLE=$RU_CEO_INNLE/SNILS=$RU_CEO_SNILS/INN=$RU_CEO_INN" $INNLE_OID
issue "$D/ip" rsa2048 "$D/ca" "$(ser 12 17)" "$EE_NA" "$X" ip \
  "/C=RU/ST=50 Московская область/L=г. Подольск/SN=Петров/GN=Пётр Петрович/CN=Петров Пётр Петрович/OGRNIP=$RU_IP_OGRNIP/INN=$RU_IP_INN/SNILS=$RU_IP_SNILS" $OGRNIP_OID
issue "$D/person" rsa2048 "$D/ca" "$(ser 12 18)" "$EE_NA" "$X" person \
  "/C=RU/ST=77 г. Москва/L=г. Москва/SN=Сидорова/GN=Анна Сергеевна/CN=Сидорова Анна Сергеевна/SNILS=$RU_PERSON_SNILS/INN=$RU_PERSON_INN"
issue "$D/bad-checksum" rsa2048 "$D/ca" "$(ser 12 19)" "$EE_NA" "$X" org_ceo \
  "/C=RU/ST=50 Московская область/L=г. Химки/street=ул. Лесная, д. 7/O=ООО \"Лютик\"/title=Генеральный директор/SN=Иванов/GN=Иван Иванович/CN=ООО \"Лютик\"/OGRN=$RU_BAD_OGRN/INNLE=$RU_BAD_INNLE/SNILS=$RU_BAD_SNILS/INN=$RU_BAD_INN" $INNLE_OID
for n in org-ceo ip person bad-checksum; do finish_signer "$D" "$n"; done
bundle "$D" ca-bundle.p7b root ca

# ----------------------------------------------------------------- kz
D="$HERE/kz"; X="$HERE/conf/kz.cnf"; profile sha256
KZ_ORG="ТОО \"ТЕСТОВАЯ КОМПАНИЯ\""
issue "$D/root" rsa2048 self "$(ser 13 1)" "$CA_NA" "$X" root "/C=KZ/CN=ТЕСТ ТҮБІРЛІК КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)"
issue "$D/ca" rsa2048 "$D/root" "$(ser 13 2)" "$CA_NA" "$X" ca "/C=KZ/CN=ТЕСТ ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)"
issue "$D/individual" rsa2048 "$D/ca" "$(ser 13 16)" "$EE_NA" "$X" individual \
  "/CN=ТЕСТОВ ТЕСТ/SN=ТЕСТОВ/serialNumber=IIN$KZ_INDIVIDUAL_IIN/C=KZ/GN=ТЕСТОВИЧ"
KEY="$D/individual.key" issue "$D/individual-auth" rsa2048 "$D/ca" "$(ser 13 17)" "$EE_NA" "$X" individual_auth \
  "/CN=ТЕСТОВ ТЕСТ/SN=ТЕСТОВ/serialNumber=IIN$KZ_INDIVIDUAL_IIN/C=KZ/GN=ТЕСТОВИЧ"
cp "$D/individual.key" "$D/individual-auth.key"
issue "$D/ceo" rsa2048 "$D/ca" "$(ser 13 18)" "$EE_NA" "$X" ceo \
  "/CN=АХМЕТОВ ЕРЛАН/SN=АХМЕТОВ/serialNumber=IIN$KZ_CEO_IIN/C=KZ/O=$KZ_ORG/OU=BIN$KZ_BIN/GN=СЕРИКОВИЧ"
issue "$D/signer-financial" rsa2048 "$D/ca" "$(ser 13 19)" "$EE_NA" "$X" signer_financial \
  "/CN=СЕРИКОВА АЙГУЛЬ/SN=СЕРИКОВА/serialNumber=IIN$KZ_FIN_IIN/C=KZ/O=$KZ_ORG/OU=BIN$KZ_BIN/GN=МАРАТОВНА"
issue "$D/employee" rsa2048 "$D/ca" "$(ser 13 20)" "$EE_NA" "$X" employee \
  "/CN=НУРЛАНОВ АСХАТ/SN=НУРЛАНОВ/serialNumber=IIN$KZ_EMPLOYEE_IIN/C=KZ/O=$KZ_ORG/OU=BIN$KZ_BIN/GN=БОЛАТОВИЧ"
for n in individual individual-auth ceo signer-financial employee; do finish_signer "$D" "$n"; done
bundle "$D" ca-bundle.p7b root ca

# ----------------------------------------------------------------- uz
D="$HERE/uz"; X="$HERE/conf/uz.cnf"; profile sha256
issue "$D/root" p256 self "$(ser 14 1)" "$CA_NA" "$X" root "/C=UZ/O=SigBridge Test UZ/CN=SigBridge Test UZ Root CA"
issue "$D/ca" p256 "$D/root" "$(ser 14 2)" "$CA_NA" "$X" ca "/C=UZ/O=SigBridge Test UZ/CN=SigBridge Test UZ Issuing CA"
issue "$D/person" p256 "$D/ca" "$(ser 14 16)" "$EE_NA" "$X" person \
  "/C=UZ/L=TOSHKENT SHAHRI/SN=ALIYEV/GN=VALI/CN=ALIYEV VALI/UID=$UZ_PERSON_TIN/uzTIN=$UZ_PERSON_TIN/uzPINFL=$UZ_PERSON_PINFL"
issue "$D/org" p256 "$D/ca" "$(ser 14 17)" "$EE_NA" "$X" org \
  "/C=UZ/L=TOSHKENT SHAHRI/O=NAMUNA SAVDO MCHJ/CN=NAMUNA SAVDO MCHJ/uzTIN=$UZ_ORG_TIN"
for n in person org; do finish_signer "$D" "$n"; done
bundle "$D" ca-bundle.p7b root ca

# ----------------------------------------------------------------- in
D="$HERE/in"; X="$HERE/conf/in.cnf"; profile pss
issue "$D/root" rsa3072 self "$(ser 15 1)" "$CA_NA" "$X" root "/C=IN/O=SigBridge Test CCA/CN=SigBridge Test CCA India Root 2024"
issue "$D/ca" rsa3072 "$D/root" "$(ser 15 2)" "$CA_NA" "$X" ca "/C=IN/O=SigBridge Test CA Pvt Ltd/OU=Certifying Authority/CN=SigBridge Test Sub-CA 2024"
issue "$D/class3" rsa3072 "$D/ca" "$(ser 15 16)" "$EE_NA" "$X" class3 \
  "/C=IN/O=Personal/ST=Karnataka/postalCode=560001/pseudonym=$IN_CLASS3_PSEUDONYM/serialNumber=$IN_CLASS3_SN/CN=RAVI KUMAR"
issue "$D/docsigner" rsa3072 "$D/ca" "$(ser 15 17)" "$EE_NA" "$X" docsigner \
  "/C=IN/O=SigBridge Test Pvt Ltd/OU=Finance/ST=Maharashtra/postalCode=400001/CN=SigBridge Test Pvt Ltd Document Signer"
issue "$D/class2" rsa3072 "$D/ca" "$(ser 15 18)" "$EE_NA" "$X" class2 \
  "/C=IN/O=Personal/ST=Delhi/postalCode=110001/serialNumber=$IN_CLASS2_SN/CN=PRIYA SHARMA"
for n in class3 docsigner class2; do finish_signer "$D" "$n"; done
bundle "$D" ca-bundle.p7b root ca

# ----------------------------------------------------------------- eu
D="$HERE/eu"; X="$HERE/conf/eu.cnf"; profile sha384
issue "$D/root" p384 self "$(ser 16 1)" "$CA_NA" "$X" root "/C=BE/O=SigBridge Test QTSP/CN=SigBridge Test EU Root CA"
issue "$D/ca" p384 "$D/root" "$(ser 16 2)" "$CA_NA" "$X" ca "/C=BE/O=SigBridge Test QTSP/organizationIdentifier=$EU_CA_ORGID/CN=SigBridge Test Qualified CA"
issue "$D/qes-natural" p384 "$D/ca" "$(ser 16 16)" "$EE_NA" "$X" qes_natural \
  "/C=BE/GN=Jan/SN=Peeters/serialNumber=$EU_QES_PNO/CN=Jan Peeters"
issue "$D/qseal-legal" p384 "$D/ca" "$(ser 16 17)" "$EE_NA" "$X" qseal_legal \
  "/C=BE/O=SigBridge Test NV/organizationIdentifier=$EU_QSEAL_ORGID/CN=SigBridge Test NV e-Seal"
issue "$D/adv-qc" p384 "$D/ca" "$(ser 16 18)" "$EE_NA" "$X" adv_qc \
  "/C=BE/GN=Marie/SN=Dubois/serialNumber=$EU_ADV_PNO/CN=Marie Dubois"
issue "$D/cclegislation" p384 "$D/ca" "$(ser 16 19)" "$EE_NA" "$X" cclegislation \
  "/C=CH/GN=Lukas/SN=Meier/CN=Lukas Meier"
issue "$D/expired" p384 "$D/ca" "$(ser 16 20)" "$EXPIRED_NA" "$X" expired \
  "/C=BE/GN=Piet/SN=Janssens/serialNumber=$EU_EXPIRED_PNO/CN=Piet Janssens"
for n in qes-natural qseal-legal adv-qc cclegislation expired; do finish_signer "$D" "$n"; done
bundle "$D" ca-bundle.p7b root ca

# ----------------------------------------------------------------- pk
D="$HERE/pk"; X="$HERE/conf/pk.cnf"; profile sha256
issue "$D/root" rsa2048 self "$(ser 17 1)" "$CA_NA" "$X" root "/C=PK/O=SigBridge Test PK/CN=SigBridge Test PK Root CA"
issue "$D/ca" rsa2048 "$D/root" "$(ser 17 2)" "$CA_NA" "$X" ca "/C=PK/O=SigBridge Test PK/CN=SigBridge Test PK Issuing CA"
issue "$D/org" rsa2048 "$D/ca" "$(ser 17 16)" "$EE_NA" "$X" org \
  "/C=PK/O=SigBridge Test (Pvt) Ltd/CN=Ali Raza/serialNumber=$PK_CNIC"
finish_signer "$D" org
bundle "$D" ca-bundle.p7b root ca

# ---------------------------------------------------------- deviations
DV="$HERE/deviations"; X="$HERE/conf/deviations.cnf"; profile sha384
mkkey p384 "$DV/leaf.key"
dev_subj() { echo "/C=BE/O=SigBridge Test Deviations/CN=$1"; }
KEY="$DV/leaf.key" issue "$DV/baseline" p384 "$HERE/eu/ca" "$(ser 18 1)" "$EE_NA" "$X" base "$(dev_subj Baseline)"
KEY="$DV/leaf.key" issue "$DV/unknown-critical-ext" p384 "$HERE/eu/ca" "$(ser 18 2)" "$EE_NA" "$X" unknown_critical_ext "$(dev_subj "Unknown Critical Extension")"
"${GENPY[@]}" trailing "$DV/baseline.pem" "$DV/trailing-bytes.der"
i=16
for dev in negative-serial serial-21-octets serial-zero serial-non-minimal lowercase-country \
           name-t61string name-bmpstring name-printable-with-utf8 utctime-no-seconds \
           generalizedtime-before-2050 long-form-length invalid-country-code \
           unsorted-rdn-set bitstring-padding explicit-critical-false non-der-boolean \
           explicit-version-v1 non-der-boolean-critical extension-long-form-length \
           notice-visiblestring-latin1 notice-bmpstring-odd notice-utf8-invalid; do
  KEY="$DV/leaf.key" issue "$WORK/base-$dev" p384 "$HERE/eu/ca" "$(ser 18 $i)" "$EE_NA" "$X" base "$(dev_subj "$dev")"
  "${GENPY[@]}" deviation "$dev" "$WORK/base-$dev.pem" "$HERE/eu/ca.key" sha384 "$DV/$dev.pem"
  i=$((i + 1))
done
rm -f "$WORK"/base-*
# .der copy of every deviation PEM, written byte-for-byte by gen.py
# (`openssl x509 -outform DER` refuses serial-non-minimal.pem)
for f in "$DV"/*.pem; do "${GENPY[@]}" der "$f" "${f%.pem}.der"; done

# -------------------------------------------------------------- extras
gen_extras   # cn chamber-of-commerce chain, eu revoked signer + CRLs (see above)
gen_ru_gost  # ru-gost/: GOST R 34.10-2012 chains, CRLs, OpenSSL-made CMS (see above)

# -------------------------------------------------------------- verify
echo "== chain verification at 2030-01-01 (attime $AT_2030)"
for n in org-uscc person; do check_chain "$HERE/cn" "$n" ca root; done
check_chain "$HERE/cn" org-rsa rsa-ca rsa-root
for n in org-ceo ip person bad-checksum; do check_chain "$HERE/ru" "$n" ca root; done
for n in individual individual-auth ceo signer-financial employee; do check_chain "$HERE/kz" "$n" ca root; done
for n in person org; do check_chain "$HERE/uz" "$n" ca root; done
for n in class3 docsigner class2; do check_chain "$HERE/in" "$n" ca root; done
for n in qes-natural qseal-legal adv-qc cclegislation; do check_chain "$HERE/eu" "$n" ca root; done
check_chain "$HERE/eu" expired ca root fail
check_chain "$HERE/pk" org ca root
if ! openssl verify -CAfile "$HERE/eu/root.pem" -untrusted "$HERE/eu/ca.pem" -attime 1735689600 "$HERE/eu/expired.pem" >/dev/null 2>&1; then
  echo "  eu/expired.pem does not verify at 2025-01-01" >&2; fail=1
fi

echo "== extension / attribute spot checks"
expect_text cn/org-uscc.pem "SM2-with-SM3" "serialNumber=$CN_USCC"
expect_text cn/person.pem "serialNumber=$CN_PERSON_ID" "email:li.na@cn.example"
expect_text ru/ca.pem "Signing Tool of Subject" "Signing Tool of Issuer" "OGRN=$RU_CA_OGRN" "INNLE=$RU_CA_INNLE"
expect_text ru/org-ceo.pem "Class of Signing Tool KC1" "Class of Signing Tool KC2" "OGRN=$RU_CEO_OGRN" "INNLE=$RU_CEO_INNLE" "SNILS=$RU_CEO_SNILS" "INN=$RU_CEO_INN"
expect_text ru/ip.pem "OGRNIP=$RU_IP_OGRNIP" "Class of Signing Tool KC1"
expect_text kz/ceo.pem "1.2.398.3.3.4.1.2.1" "OU=BIN$KZ_BIN" "serialNumber=IIN$KZ_CEO_IIN" "E-mail Protection"
expect_text kz/signer-financial.pem "1.2.398.3.3.4.1.2.2" "1.2.398.3.3.4.1.2.3"
expect_text kz/employee.pem "1.2.398.3.3.4.1.2.5"
expect_text kz/individual.pem "1.2.398.3.3.4.1.1"
expect_text kz/individual-auth.pem "TLS Web Client Authentication" "1.2.398.3.3.4.1.1"
expect_text uz/person.pem "uzPINFL=$UZ_PERSON_PINFL" "uzTIN=$UZ_PERSON_TIN" "ecdsa-with-SHA256"
expect_text in/class3.pem "rsassaPss" "Mask Algorithm: mgf1 with sha256" "Salt Length: 0x20" "2.16.356.100.2.3" "serialNumber=$IN_CLASS3_SN"
expect_text in/ca.pem "2.16.356.100.2.2" "2.16.356.100.2.3" "2.16.356.100.10.1"
expect_text eu/ca.pem "organizationIdentifier=$EU_CA_ORGID" "ecdsa-with-SHA384"
expect_text eu/qes-natural.pem "qcStatements" "0.4.0.194112.1.2" "serialNumber=$EU_QES_PNO"
expect_text eu/qseal-legal.pem "qcStatements" "organizationIdentifier=$EU_QSEAL_ORGID" "0.4.0.194112.1.3"
expect_text pk/org.pem "serialNumber=$PK_CNIC"
expect_text deviations/unknown-critical-ext.pem "1.3.6.1.4.1.55555.1: critical"

# ru: the NumericString re-tagging must be in place
for f in ru/root.pem ru/org-ceo.pem ru/ip.pem; do
  if openssl asn1parse -in "$f" | grep -A1 -E 'OBJECT +:(OGRN|SNILS|INN|OGRNIP|INNLE|1\.2\.643\.100\.4)$' | grep -E 'prim:' | grep -vE 'OBJECT|NUMERICSTRING' >/dev/null; then
    echo "  non-NumericString RU identifier in $f" >&2; fail=1
  fi
done

echo "== deviation bytes present"
devbytes() { # STEM HEX...
  "${GENPY[@]}" expect-bytes "$DV/$1.der" "${@:2}" || fail=1
}
devbytes invalid-country-code 0603550406130342454c
devbytes unsorted-rdn-set 311b300c060355040a0c05416c706861300b06035504030c045a657461
devbytes bitstring-padding 0603551d0f0101ff0404030206c1
devbytes explicit-critical-false 0603551d0e010100
devbytes non-der-boolean 300f0603551d130101ff04053003010101
for f in "$DV"/*.pem; do
  if ! cmp -s "${f%.pem}.der" <("${GENPY[@]}" der "$f" /dev/stdout); then
    echo "  ${f%.pem}.der is not the DER of $f" >&2; fail=1
  fi
done

echo "== deviations (informational: openssl's opinion)"
for f in "$DV"/*.pem "$DV"/*.der; do
  b=$(basename "$f"); inform=PEM; case $b in *.der) inform=DER ;; esac
  if [ "$inform" = DER ] && [ -f "${f%.der}.pem" ]; then continue; fi  # same bytes as the .pem
  if openssl x509 -inform "$inform" -in "$f" -noout >/dev/null 2>&1; then p=parses; else p=rejected; fi
  if openssl verify -CAfile "$HERE/eu/root.pem" -untrusted "$HERE/eu/ca.pem" -attime "$AT_2030" "$f" >/dev/null 2>&1; then vr=verifies; else vr=no-verify; fi
  printf '  %-38s %-9s %s\n' "$b" "$p" "$vr"
done
openssl verify -CAfile "$HERE/eu/root.pem" -untrusted "$HERE/eu/ca.pem" -attime "$AT_2030" "$DV/baseline.pem" >/dev/null || fail=1

verify_extras
verify_ru_gost

echo "== encrypted PKCS#8 copies (password sigbridge-test; PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC)"
for k in eu/qseal-legal ru/org-ceo cn/person uz/person in/class3; do
  openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256 -passout pass:sigbridge-test \
    -in "$HERE/$k.key" -out "$HERE/$k.enc.key" || fail=1
done

echo "== size: $(du -sh "$HERE" | cut -f1)"
if [ "$fail" -ne 0 ]; then echo "gen.sh: FAILED checks" >&2; exit 1; fi
echo "gen.sh: OK"
