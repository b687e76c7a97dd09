#!/usr/bin/env bash
# Seeds the fuzz corpora from the checked-in fixtures and the shared real
# certificates. Run from anywhere; corpora live in fuzz/corpus/<target>.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
shared="$root/../shared/testdata"
mkdir -p "$here"/corpus/{cert_der,cert_pem_bundle,cert_pkcs7_bundle,profile}
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
echo "seeded: $(ls "$here"/corpus/cert_der | wc -l) der, $(ls "$here"/corpus/cert_pem_bundle | wc -l) pem, $(ls "$here"/corpus/cert_pkcs7_bundle | wc -l) p7b"
