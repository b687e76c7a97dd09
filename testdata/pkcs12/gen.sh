#!/usr/bin/env bash
# Regenerates the RSA PKCS#12 fixtures from the KZ test-PKI individual signer
# (testdata/pki/kz/individual.{key,pem}, its CA certificate as chain).
# Re-run after testdata/pki/gen.sh (which gives the signer a new key).
# Needs OpenSSL 3 (the default PBES2 output, and -legacy for the old one).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kz="$here/../pki/kz"
pass=sigbridge
# OpenSSL 3 default: key and certificates PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC),
# MAC HMAC-SHA-256, 2048 iterations.
openssl pkcs12 -export -inkey "$kz/individual.key" -in "$kz/individual.pem" \
  -certfile "$kz/ca.pem" -name "kz individual" -passout "pass:$pass" \
  -out "$here/rsa-pbes2.p12"
# Legacy (what Kalkan and OpenSSL 1.x write): key pbeWithSHA1And3-KeyTripleDES-CBC,
# certificates pbeWithSHA1And40BitRC2-CBC, MAC HMAC-SHA-1.
openssl pkcs12 -export -legacy -inkey "$kz/individual.key" -in "$kz/individual.pem" \
  -certfile "$kz/ca.pem" -name "kz individual" -passout "pass:$pass" \
  -out "$here/rsa-legacy.p12"
openssl pkcs12 -info -noout -in "$here/rsa-pbes2.p12" -passin "pass:$pass"
openssl pkcs12 -info -noout -legacy -in "$here/rsa-legacy.p12" -passin "pass:$pass"
# The other legacy ciphers and a SHA-512 MAC: key pbeWithSHA1And2-KeyTripleDES-CBC,
# certificates pbeWithSHA1And128BitRC2-CBC, 1000 iterations.
openssl pkcs12 -export -legacy -inkey "$kz/individual.key" -in "$kz/individual.pem" \
  -keypbe PBE-SHA1-2DES -certpbe PBE-SHA1-RC2-128 -macalg sha512 -iter 1000 \
  -name "kz individual" -passout "pass:$pass" -out "$here/rsa-2des-rc2-128-sha512.p12"
# Certificates only, no encryption and no MAC (as Java writes password-less
# trust stores): accepted, since nothing in it is protected by the password.
openssl pkcs12 -export -nokeys -in "$kz/individual.pem" -certfile "$kz/ca.pem" \
  -certpbe NONE -nomac -passout "pass:" -out "$here/certs-nomac.p12"
# A key with no MAC: refused (KeyStoreError::MissingMac).
openssl pkcs12 -export -inkey "$kz/individual.key" -in "$kz/individual.pem" \
  -nomac -passout "pass:$pass" -out "$here/rsa-nomac.p12"
chmod 644 "$here"/*.p12
