#!/usr/bin/env bash
# Regenerates the sigbridge test OCSP responders under testdata/pki/ocsp/.
#   bash testdata/pki/ocsp/gen.sh
# Requires: bash, OpenSSL 3.0+ CLI. New keys on every run (subjects, serials,
# validity and extensions are fixed). The CAs are the checked-in eu/ca and
# kz/ca of testdata/pki (their keys are not regenerated).
#
# Layout:
#   eu-responder          delegated responder of eu/ca (P-256): EKU id-kp-OCSPSigning
#                         (critical) and id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2, §4.2.2.2.1)
#   eu-responder-check    the same without ocsp-nocheck: its own status must be checked
#   eu-not-responder      issued by eu/ca with EKU clientAuth only (refused: no OCSPSigning)
#   kz-responder          a delegated responder of kz/ca (another CA: refused for eu certificates)
#   index.txt             an `openssl ocsp -index` database for eu/ca: qes-natural valid,
#                         revoked revoked 2026-03-01 (keyCompromise)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
unset OPENSSL_CONF || true
NB=20240101000000Z; NA=20451231235959Z

cat > "$WORK/ext.cnf" <<'X'
[responder]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[responder_check]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, OCSPSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[not_responder]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
X

key_ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"; }
# issue NAME SUBJECT SECTION SERIAL ISSUER(path without .pem/.key)
issue() {
  openssl req -new -key "$1.key" -subj "$2" -utf8 -out "$WORK/$1.csr"
  mkdir -p "$WORK/ca"; : > "$WORK/ca/index.txt"; echo "$4" > "$WORK/ca/serial"
  cat > "$WORK/ca.cnf" <<C
[ca]
default_ca = d
[d]
database = $WORK/ca/index.txt
serial = $WORK/ca/serial
new_certs_dir = $WORK/ca
default_md = sha256
policy = p
unique_subject = no
copy_extensions = none
[p]
countryName = optional
organizationName = optional
commonName = supplied
C
  openssl ca -batch -config "$WORK/ca.cnf" -cert "$5.pem" -keyfile "$5.key" -in "$WORK/$1.csr" \
    -startdate "${NB:2}" -enddate "${NA:2}" -extfile "$WORK/ext.cnf" -extensions "$3" \
    -preserveDN -notext -out "$1.pem" 2>/dev/null
}

key_ec eu-responder; key_ec eu-responder-check; key_ec eu-not-responder; key_ec kz-responder
issue eu-responder "/C=BE/O=SigBridge Test QTSP/CN=SigBridge Test OCSP Responder" responder 5001 ../eu/ca
issue eu-responder-check "/C=BE/O=SigBridge Test QTSP/CN=SigBridge Test OCSP Responder (no nocheck)" responder_check 5002 ../eu/ca
issue eu-not-responder "/C=BE/O=SigBridge Test QTSP/CN=SigBridge Test Client (not a responder)" not_responder 5003 ../eu/ca
issue kz-responder "/C=KZ/O=Sample NCA/CN=Sample NCA OCSP Responder" responder 5004 ../kz/ca

# The openssl ocsp index (ca(1) database format): status, expiry, revocation
# date[,reason], serial, file, subject.
line() {
  local cert="../eu/$1.pem"
  local serial; serial="$(openssl x509 -in "$cert" -noout -serial | cut -d= -f2)"
  local subject; subject="$(openssl x509 -in "$cert" -noout -subject -nameopt compat | sed 's/^subject=//')"
  printf '%s\t%s\t%s\t%s\tunknown\t%s\n' "$2" 451231235959Z "$3" "$serial" "$subject"
}
{
  line qes-natural V ""
  line revoked R 260301000000Z,keyCompromise
} > index.txt
echo "unique_subject = no" > index.txt.attr
