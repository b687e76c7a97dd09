#!/usr/bin/env python3
"""Helper for testdata/pki/gen.sh (python3 stdlib only).

Sub-commands
  validate KIND VALUE valid|invalid      assert the check digit(s) of VALUE
  complete KIND PREFIX                   print PREFIX + correct check digit(s)
  retag-csr IN.pem OUT.pem KEY MD TAG OID [OID...]
                                         re-tag subject attribute values of the
                                         given OIDs in a CSR (e.g. 0x12 =
                                         NumericString) and re-sign the CSR
  deviation NAME BASE.pem CAKEY MD OUTFILE
                                         DER surgery on BASE (an openssl-made
                                         cert), re-sign TBS with CAKEY
  trailing BASE.pem OUTFILE              DER cert followed by 00 00
  der IN.pem OUT.der                     write the PEM's base64 payload as is
                                         (no re-encoding; works for certs
                                         OpenSSL refuses to parse)
  expect-bytes FILE.der HEX [HEX...]     assert FILE contains each HEX string
  verify-sig CERT ISSUER MD [OPTS...]    verify one certificate signature with
                                         `openssl dgst -verify` (used for SM2)

KIND: uscc cnid orgcode inn10 inn12 ogrn ogrnip snils kz be97
"""
import base64
import os
import subprocess
import sys
import tempfile

# ---------------------------------------------------------------- DER utils


def enc_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content):
    return bytes([tag]) + enc_len(len(content)) + content


def read_tlv(buf, off=0):
    """Return (tag, content_start, end) of the TLV at off (single-byte tags)."""
    tag = buf[off]
    l = buf[off + 1]
    if l < 0x80:
        return tag, off + 2, off + 2 + l
    nb = l & 0x7F
    n = int.from_bytes(buf[off + 2:off + 2 + nb], "big")
    start = off + 2 + nb
    return tag, start, start + n


def children(buf):
    """Split the content octets of a constructed value into raw TLVs."""
    out = []
    off = 0
    while off < len(buf):
        _, _, end = read_tlv(buf, off)
        out.append(buf[off:end])
        off = end
    return out


def content(raw):
    _, s, e = read_tlv(raw)
    return raw[s:e]


def pem_to_der(text):
    lines = [l for l in text.strip().splitlines() if not l.startswith("-----")]
    return base64.b64decode("".join(lines))


def der_to_pem(der, label="CERTIFICATE"):
    b = base64.b64encode(der).decode()
    body = "\n".join(b[i:i + 64] for i in range(0, len(b), 64))
    return "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, body, label)


def enc_oid(dotted):
    parts = [int(x) for x in dotted.split(".")]
    out = bytearray()
    first = parts[0] * 40 + parts[1]
    for v in [first] + parts[2:]:
        chunk = [v & 0x7F]
        v >>= 7
        while v:
            chunk.append(0x80 | (v & 0x7F))
            v >>= 7
        out += bytes(reversed(chunk))
    return tlv(0x06, bytes(out))


def sign(data, key, md):
    with tempfile.TemporaryDirectory() as t:
        p = os.path.join(t, "tbs")
        with open(p, "wb") as f:
            f.write(data)
        return subprocess.run(
            ["openssl", "dgst", "-" + md, "-sign", key, p],
            check=True, stdout=subprocess.PIPE).stdout


def resign(tbs, sigalg_raw, key, md):
    sig = sign(tbs, key, md)
    return tlv(0x30, tbs + sigalg_raw + tlv(0x03, b"\x00" + sig))


# ------------------------------------------------------------ check digits

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015 (no I O S V Z)
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_cd(s17):
    s = sum(USCC_CHARS.index(c) * w for c, w in zip(s17, USCC_W))
    return USCC_CHARS[(31 - s % 31) % 31]


def orgcode_cd(s8):  # GB 11714-1997 organization code (USCC chars 9..17)
    w = [3, 7, 9, 10, 5, 8, 4, 2]
    val = lambda c: int(c) if c.isdigit() else ord(c) - 55  # A=10
    c = 11 - sum(val(ch) * wi for ch, wi in zip(s8, w)) % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def cnid_cd(s17):  # GB 11643-1999, ISO 7064 MOD 11-2
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * x for c, x in zip(s17, w)) % 11]


def inn10_cd(s9):
    w = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    return str(sum(int(c) * x for c, x in zip(s9, w)) % 11 % 10)


def inn12_cd(s10):
    w11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
    w12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
    d11 = str(sum(int(c) * x for c, x in zip(s10, w11)) % 11 % 10)
    s11 = s10 + d11
    d12 = str(sum(int(c) * x for c, x in zip(s11, w12)) % 11 % 10)
    return d11 + d12


def ogrn_cd(s12):
    return str(int(s12) % 11 % 10)


def ogrnip_cd(s14):
    return str(int(s14) % 13 % 10)


def snils_cd(s9):
    s = sum(int(c) * (9 - i) for i, c in enumerate(s9))
    if s < 100:
        c = s
    elif s in (100, 101):
        c = 0
    else:
        c = s % 101
        if c == 100:
            c = 0
    return "%02d" % c


def kz_cd(s11):
    d = sum(int(c) * w for c, w in zip(s11, range(1, 12))) % 11
    if d == 10:
        w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
        d = sum(int(c) * w for c, w in zip(s11, w2)) % 11
        if d == 10:
            return None
    return str(d)


def be97_cd(s):  # Belgian enterprise/VAT number (8+2) and national number (9+2, born < 2000)
    return "%02d" % (97 - int(s) % 97)


KINDS = {
    # kind: (total length, length of payload, function)
    "uscc": (18, 17, uscc_cd),
    "orgcode": (9, 8, orgcode_cd),
    "cnid": (18, 17, cnid_cd),
    "inn10": (10, 9, inn10_cd),
    "inn12": (12, 10, inn12_cd),
    "ogrn": (13, 12, ogrn_cd),
    "ogrnip": (15, 14, ogrnip_cd),
    "snils": (11, 9, snils_cd),
    "kz": (12, 11, kz_cd),
    "be97": (None, -2, be97_cd),
}


def is_valid(kind, value):
    total, n, fn = KINDS[kind]
    if total is not None and len(value) != total:
        return False
    cd = fn(value[:n])
    return cd is not None and value[n:] == cd


# ------------------------------------------------------------- CSR retag


def retag_csr(inp, outp, key, md, tag, oids):
    der = pem_to_der(open(inp).read())
    csr = children(content(der))
    cri = children(content(csr[0]))
    want = {enc_oid(o) for o in oids}
    found = set()
    rdns = []
    for rdn in children(content(cri[1])):
        atvs = []
        for atv in children(content(rdn)):
            oid, val = children(content(atv))
            if oid in want:
                val = tlv(tag, content(val))
                found.add(oid)
            atvs.append(tlv(0x30, oid + val))
        rdns.append(tlv(0x31, b"".join(atvs)))
    if found != want:
        sys.exit("retag-csr: OIDs not found in subject: %r" % (want - found))
    cri[1] = tlv(0x30, b"".join(rdns))
    new_cri = tlv(0x30, b"".join(cri))
    open(outp, "w").write(der_to_pem(resign(new_cri, csr[1], key, md),
                                      "CERTIFICATE REQUEST"))


# -------------------------------------------------------------- deviations


def name(*atvs):
    """atvs: (oid, tag, bytes) -> Name DER (one ATV per RDN)."""
    return tlv(0x30, b"".join(
        tlv(0x31, tlv(0x30, enc_oid(o) + tlv(t, v))) for o, t, v in atvs))


C, O, CN = "2.5.4.6", "2.5.4.10", "2.5.4.3"
PS, UTF8, T61, BMP = 0x13, 0x0C, 0x14, 0x1E
SKI, KU, BC = "2.5.29.14", "2.5.29.15", "2.5.29.19"


def atv(oid, tag, val):
    return tlv(0x30, enc_oid(oid) + tlv(tag, val))


def edit_ext(tbs, oid, fn):
    """Replace extension OID in tbs[7] ([3] EXPLICIT Extensions) by
    fn([extnID, (critical,) extnValue]) -> list of raw TLVs."""
    assert tbs[7][0] == 0xA3
    exts = children(content(content(tbs[7])))
    want = enc_oid(oid)
    hits = [i for i, e in enumerate(exts) if children(content(e))[0] == want]
    assert len(hits) == 1, "extension %s not found exactly once" % oid
    exts[hits[0]] = tlv(0x30, b"".join(fn(children(content(exts[hits[0]])))))
    tbs[7] = tlv(0xA3, tlv(0x30, b"".join(exts)))


CP, UNOTICE, TEST_POLICY = "2.5.29.32", "1.3.6.1.5.5.7.2.2", "1.3.6.1.4.1.55555.2"
# explicitText (tag, bytes) that does not decode in its declared type, as
# IT and ES qualified CAs write it (RFC 5280 4.2.1.4 DisplayText)
NOTICE_TEXTS = {
    # VisibleString (0x1A) with ISO 8859-1 bytes e0, e8 ("finalità è")
    "notice-visiblestring-latin1": (0x1A, "finalità è".encode("latin-1")),
    # BMPString (0x1E) of odd length: "Test" UTF-16BE plus one octet
    "notice-bmpstring-odd": (0x1E, "Test".encode("utf-16-be") + b"\x00"),
    # UTF8String (0x0C) holding ISO 8859-1 "Política" (ed is not UTF-8)
    "notice-utf8-invalid": (0x0C, "Política".encode("latin-1")),
}


def policy_with_notice(text):
    """certificatePolicies (not critical) = one policy TEST_POLICY with a
    userNotice { explicitText }."""
    t, v = text
    qualifier = tlv(0x30, enc_oid(UNOTICE) + tlv(0x30, tlv(t, v)))
    info = tlv(0x30, enc_oid(TEST_POLICY) + tlv(0x30, qualifier))
    return tlv(0x30, enc_oid(CP) + tlv(0x04, tlv(0x30, info)))


def add_ext(tbs, ext):
    """Append one raw Extension to tbs[7]."""
    assert tbs[7][0] == 0xA3
    exts = children(content(content(tbs[7])))
    tbs[7] = tlv(0xA3, tlv(0x30, b"".join(exts + [ext])))


def deviation(kind, base, cakey, md, outp):
    der = pem_to_der(open(base).read())
    cert = children(content(der))
    tbs = children(content(cert[0]))
    # tbs: [0]version, serial, sigalg, issuer, validity, subject, spki, [3]exts
    assert tbs[0][0] == 0xA0 and tbs[1][0] == 0x02
    std_subject = lambda cn: name((C, PS, b"BE"),
                                  (O, UTF8, b"SigBridge Test Deviations"),
                                  (CN, UTF8, cn.encode()))
    if kind == "negative-serial":
        tbs[1] = tlv(0x02, bytes([0x80, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]))
    elif kind == "serial-21-octets":
        tbs[1] = tlv(0x02, bytes([0x01]) + bytes(range(0x10, 0x24)))
    elif kind == "serial-zero":
        tbs[1] = tlv(0x02, b"\x00")
    elif kind == "serial-non-minimal":
        tbs[1] = tlv(0x02, b"\x00\x12\x34")
    elif kind == "lowercase-country":
        tbs[5] = name((C, PS, b"de"), (O, UTF8, b"SigBridge Test Deviations"),
                      (CN, UTF8, b"Lowercase Country"))
    elif kind == "name-t61string":
        tbs[5] = name((C, PS, b"BE"), (O, UTF8, b"SigBridge Test Deviations"),
                      (CN, T61, b"Test T61"))
    elif kind == "name-bmpstring":
        tbs[5] = name((C, PS, b"BE"),
                      (O, BMP, "SigBridge Test BMP".encode("utf-16-be")),
                      (CN, UTF8, b"BMPString Organization"))
    elif kind == "name-printable-with-utf8":
        tbs[5] = name((C, PS, b"DE"), (O, PS, "Müller GmbH".encode("utf-8")),
                      (CN, PS, b"test_user@example"))
    elif kind == "utctime-no-seconds":
        nb, na = children(content(tbs[4]))
        tbs[4] = tlv(0x30, tlv(0x17, b"2401010000Z") + na)
    elif kind == "generalizedtime-before-2050":
        nb, na = children(content(tbs[4]))
        tbs[4] = tlv(0x30, nb + tlv(0x18, b"20451231235959Z"))
    elif kind == "long-form-length":
        # countryName value PrintableString "BE" encoded 13 81 02 42 45
        c_atv = tlv(0x30, enc_oid(C) + b"\x13\x81\x02BE")
        rest = content(std_subject("Long Form Length"))
        rest = b"".join(children(rest)[1:])
        tbs[5] = tlv(0x30, tlv(0x31, c_atv) + rest)
    elif kind == "invalid-country-code":
        tbs[5] = name((C, PS, b"BEL"), (O, UTF8, b"SigBridge Test Deviations"),
                      (CN, UTF8, b"Invalid Country Code"))
    elif kind == "unsorted-rdn-set":
        # last RDN = SET { O "Alpha", CN "Zeta" }: 30 0c 06 03 55 04 0a .. sorts
        # AFTER 30 0b 06 03 55 04 03 .. (second octet 0c > 0b), so the SET OF
        # is in descending order; DER (X.690 11.6) requires CN first.
        first, second = atv(O, UTF8, b"Alpha"), atv(CN, UTF8, b"Zeta")
        assert first > second  # byte-wise (equal-length prefix decides)
        tbs[5] = tlv(0x30, tlv(0x31, atv(C, PS, b"BE")) +
                     tlv(0x31, atv(O, UTF8, b"SigBridge Test Deviations")) +
                     tlv(0x31, first + second))
    elif kind == "bitstring-padding":
        # keyUsage digitalSignature,nonRepudiation: DER 03 02 06 c0 -> 03 02 06 c1
        # (same two named bits, but the lowest of the 6 unused bits is 1)
        def f(parts):
            oid, crit, val = parts
            assert content(val) == b"\x03\x02\x06\xc0", content(val).hex()
            return [oid, crit, tlv(0x04, b"\x03\x02\x06\xc1")]
        edit_ext(tbs, KU, f)
    elif kind == "explicit-critical-false":
        # subjectKeyIdentifier with critical DEFAULT FALSE encoded: 01 01 00
        def f(parts):
            oid, val = parts
            return [oid, b"\x01\x01\x00", val]
        edit_ext(tbs, SKI, f)
    elif kind == "non-der-boolean":
        # basicConstraints (critical, 01 01 ff) = SEQUENCE { cA BOOLEAN 01 01 01 }
        def f(parts):
            oid, crit, val = parts
            assert crit == b"\x01\x01\xff" and content(val) == b"\x30\x00"
            return [oid, crit, tlv(0x04, tlv(0x30, b"\x01\x01\x01"))]
        edit_ext(tbs, BC, f)
    elif kind == "explicit-version-v1":
        # version [0] INTEGER 0 (v1, the DEFAULT) spelled out; a v1
        # certificate has no extensions (RFC 5280 4.1.2.9), so they go
        tbs[0] = b"\xa0\x03\x02\x01\x00"
        del tbs[7]
    elif kind == "non-der-boolean-critical":
        # basicConstraints critical flag 01 01 01 (TRUE, not 0xFF)
        def f(parts):
            oid, crit, val = parts
            assert crit == b"\x01\x01\xff"
            return [oid, b"\x01\x01\x01", val]
        edit_ext(tbs, BC, f)
    elif kind == "extension-long-form-length":
        # subjectKeyIdentifier extnValue 04 14 <keyid> written 04 81 14 <keyid>
        def f(parts):
            oid, val = parts
            inner = content(val)
            assert inner[:2] == b"\x04\x14", inner.hex()
            return [oid, tlv(0x04, b"\x04\x81\x14" + inner[2:])]
        edit_ext(tbs, SKI, f)
    elif kind in NOTICE_TEXTS:
        add_ext(tbs, policy_with_notice(NOTICE_TEXTS[kind]))
    else:
        sys.exit("unknown deviation " + kind)
    new_tbs = tlv(0x30, b"".join(tbs))
    out = resign(new_tbs, cert[1], cakey, md)
    open(outp, "w").write(der_to_pem(out))


# -------------------------------------------------------------------- main


def main(argv):
    cmd = argv[1]
    if cmd == "validate":
        kind, value, expect = argv[2:5]
        got = is_valid(kind, value)
        if got != (expect == "valid"):
            sys.exit("check digit of %s %s: expected %s, got %s" %
                     (kind, value, expect, "valid" if got else "invalid"))
    elif cmd == "complete":
        kind, prefix = argv[2:4]
        cd = KINDS[kind][2](prefix)
        if cd is None:
            sys.exit("no valid check digit for " + prefix)
        print(prefix + cd)
    elif cmd == "retag-csr":
        retag_csr(argv[2], argv[3], argv[4], argv[5], int(argv[6], 0), argv[7:])
    elif cmd == "deviation":
        deviation(*argv[2:7])
    elif cmd == "verify-sig":
        # verify-sig CERT ISSUER_CERT MD [dgst options...]: check one signature with openssl dgst
        cert, issuer, md = argv[2:5]
        der = pem_to_der(open(cert).read())
        tbs, _, sig = children(content(der))
        with tempfile.TemporaryDirectory() as t:
            open(os.path.join(t, "tbs"), "wb").write(tbs)
            open(os.path.join(t, "sig"), "wb").write(content(sig)[1:])
            pub = subprocess.run(["openssl", "x509", "-in", issuer, "-noout", "-pubkey"],
                                 check=True, stdout=subprocess.PIPE).stdout
            open(os.path.join(t, "pub"), "wb").write(pub)
            r = subprocess.run(["openssl", "dgst", "-" + md, "-verify", os.path.join(t, "pub"),
                                "-signature", os.path.join(t, "sig")] + argv[5:] +
                               [os.path.join(t, "tbs")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if r.returncode != 0:
                sys.exit("signature of %s by %s: %s" % (cert, issuer, r.stdout.decode().strip()))
    elif cmd == "der":
        open(argv[3], "wb").write(pem_to_der(open(argv[2]).read()))
    elif cmd == "expect-bytes":
        der = open(argv[2], "rb").read()
        for h in argv[3:]:
            if bytes.fromhex(h) not in der:
                sys.exit("%s: bytes %s not found" % (argv[2], h))
    elif cmd == "trailing":
        der = pem_to_der(open(argv[2]).read())
        open(argv[3], "wb").write(der + b"\x00\x00")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
