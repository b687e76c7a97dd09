#!/usr/bin/env bash
# Regenerates the sigbridge test time-stamping PKI under testdata/pki/tsa/.
#   bash testdata/pki/tsa/gen.sh
# Requires: bash, OpenSSL 3.0+ CLI. New keys on every run (subjects, serials,
# validity and extensions are fixed); the sample registry embeds the two TSA
# roots, so update src/registry/sample-registry.json after a run.
#
# Layout:
#   eu-tsa-root   self-signed root of the EU sample QTSP's time-stamping units (P-256)
#   eu-tsu        TSU under eu-tsa-root: EKU id-kp-timeStamping only, critical (RFC 3161 §2.3)
#   eu-tsu-noncritical  the same EKU, not critical (refused: RFC 3161 §2.3)
#   eu-tsu-multi  EKU timeStamping + clientAuth, critical (refused: "the only" EKU)
#   eu-tsu-short  a TSU whose certificate ends 2027-12-31 (a TSA certificate that expires)
#   kz-tsa-root   self-signed root of the KZ sample TSA (RSA-2048)
#   kz-tsu        TSU under kz-tsa-root (RSA-2048, EKU timeStamping, critical)
#   rogue-tsu     self-signed TSU listed nowhere (P-256, EKU timeStamping, critical)
#   tsa.cnf       an `openssl ts -reply` configuration for eu-tsu (tests copy and adapt it)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
unset OPENSSL_CONF || true
NB=20240101000000Z; NA=20491231235959Z; NA_SHORT=20271231235959Z; NA_TSU=20490630235959Z

cat > "$WORK/ext.cnf" <<'X'
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsu]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 1.3.6.1.4.1.99999.3161.1
[tsu_noncritical]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsu_multi]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[rogue]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
X

key_ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"; }
key_rsa() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null; }
# ca_db SERIAL: a fresh `openssl ca` database and configuration issuing SERIAL next.
ca_db() {
  mkdir -p "$WORK/ca"; : > "$WORK/ca/index.txt"; echo "$1" > "$WORK/ca/serial"
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
organizationalUnitName = optional
commonName = supplied
C
}
# issue NAME SUBJECT SECTION SERIAL ISSUER NOTAFTER
issue() {
  openssl req -new -key "$1.key" -subj "$2" -utf8 -out "$WORK/$1.csr"
  ca_db "$4"
  openssl ca -batch -config "$WORK/ca.cnf" -cert "$5.pem" -keyfile "$5.key" -in "$WORK/$1.csr" \
    -startdate "${NB:2}" -enddate "${6:2}" -extfile "$WORK/ext.cnf" -extensions "$3" \
    -preserveDN -notext -out "$1.pem" 2>/dev/null
}

key_ec eu-tsa-root
key_ec eu-tsu; key_ec eu-tsu-noncritical; key_ec eu-tsu-multi; key_ec eu-tsu-short
key_rsa kz-tsa-root; key_rsa kz-tsu
key_ec rogue-tsu

# The roots: openssl ca signs them too, for explicit dates.
selfsign_ca() {
  openssl req -new -key "$1.key" -subj "$2" -utf8 -out "$WORK/$1.csr"
  ca_db "$4"
  openssl ca -batch -selfsign -config "$WORK/ca.cnf" -keyfile "$1.key" -in "$WORK/$1.csr" \
    -startdate "${NB:2}" -enddate "${NA:2}" -extfile "$WORK/ext.cnf" -extensions "$3" \
    -preserveDN -notext -out "$1.pem" 2>/dev/null
}
selfsign_ca eu-tsa-root "/C=BE/O=SigBridge Test QTSP/CN=SigBridge Test Time-Stamping Root" root 7001
issue eu-tsu "/C=BE/O=SigBridge Test QTSP/CN=SigBridge Test TSU 1" tsu 7101 eu-tsa-root "$NA_TSU"
issue eu-tsu-noncritical "/C=BE/O=SigBridge Test QTSP/CN=SigBridge Test TSU (EKU not critical)" tsu_noncritical 7102 eu-tsa-root "$NA_TSU"
issue eu-tsu-multi "/C=BE/O=SigBridge Test QTSP/CN=SigBridge Test TSU (two EKUs)" tsu_multi 7103 eu-tsa-root "$NA_TSU"
issue eu-tsu-short "/C=BE/O=SigBridge Test QTSP/CN=SigBridge Test TSU 2027" tsu 7104 eu-tsa-root "$NA_SHORT"
selfsign_ca kz-tsa-root "/C=KZ/O=Sample NCA/CN=Sample NCA Time-Stamping Root" root 7201
issue kz-tsu "/C=KZ/O=Sample NCA/CN=Sample NCA TSA" tsu 7202 kz-tsa-root "$NA_TSU"
selfsign_ca rogue-tsu "/C=ZZ/O=Nobody/CN=Unlisted TSA" rogue 7301
for n in eu-tsu eu-tsu-noncritical eu-tsu-multi eu-tsu-short; do cat "$n.pem" eu-tsa-root.pem > "chain-$n.pem"; done
cat kz-tsu.pem kz-tsa-root.pem > chain-kz-tsu.pem

cat > tsa.cnf <<'T'
# `openssl ts -reply -config tsa.cnf` with eu-tsu (paths relative to testdata/pki/tsa).
[tsa]
default_tsa = tsa_config
[tsa_config]
serial = ./tsaserial
crypto_device = builtin
signer_cert = ./eu-tsu.pem
certs = ./eu-tsa-root.pem
signer_key = ./eu-tsu.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.3161.1
other_policies = 1.3.6.1.4.1.99999.3161.2
digests = sha256, sha384, sha512
accuracy = secs:1, millisecs:500
clock_precision_digits = 3
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
T
for n in eu-tsu eu-tsu-noncritical eu-tsu-multi eu-tsu-short kz-tsu rogue-tsu; do
  openssl verify -CAfile "$( [ $n = rogue-tsu ] && echo rogue-tsu.pem || ([ $n = kz-tsu ] && echo kz-tsa-root.pem || echo eu-tsa-root.pem))" -purpose timestampsign "$n.pem" >/dev/null 2>&1 \
    && echo "$n: timestampsign ok" || echo "$n: timestampsign refused"
done
echo "tsa/gen.sh: OK"
