#!/usr/bin/env python3
"""DER helpers for testdata/icao/gen.sh (python3 standard library only).

Subcommands:
  masterlist OUT CERT.pem...        write DER CscaMasterList (version 0, SET OF sorted)
  order CONTENT.der CERT.pem...     print the names of CERT files in their order in
                                    CONTENT's certList; fails if the list is not a
                                    correctly sorted DER SET OF exactly these certs
  econtent CMS.der                  print eContentType OID and write nothing; fails if
                                    the CMS is not a DER ContentInfo/SignedData with
                                    embedded content
  tamper IN.cms OUT.cms CERT.pem N  copy IN to OUT with the byte N bytes before the end
                                    of CERT's DER (found once in IN) XOR 0xFF; prints
                                    "offset=<absolute offset> old=<hex> new=<hex>"
"""
import base64
import re
import sys

# ---------------------------------------------------------------- encoding


def der_len(n: int) -> bytes:
    """X.690 §8.1.3 definite length, minimal (DER §10.1)."""
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def tlv(tag: int, content: bytes) -> bytes:
    return bytes([tag]) + der_len(len(content)) + content


# ---------------------------------------------------------------- decoding


def read_tlv(buf: bytes, off: int):
    """Return (tag, content_start, content_end) of the DER TLV at off.
    Single-byte tags and definite lengths only (enough for these fixtures)."""
    tag = buf[off]
    if tag & 0x1F == 0x1F:
        raise ValueError(f"multi-byte tag at {off}")
    first = buf[off + 1]
    if first < 0x80:
        length, hdr = first, 2
    elif first == 0x80:
        raise ValueError(f"indefinite length at {off}")
    else:
        k = first & 0x7F
        length = int.from_bytes(buf[off + 2:off + 2 + k], "big")
        if der_len(length) != buf[off + 1:off + 2 + k]:
            raise ValueError(f"non-minimal length at {off}")
        hdr = 2 + k
    start = off + hdr
    end = start + length
    if end > len(buf):
        raise ValueError(f"TLV at {off} overruns buffer")
    return tag, start, end


def children(buf: bytes, start: int, end: int):
    out, off = [], start
    while off < end:
        t, s, e = read_tlv(buf, off)
        out.append((t, off, s, e))
        off = e
    if off != end:
        raise ValueError("children overrun parent")
    return out


def decode_oid(b: bytes) -> str:
    arcs, v = [], 0
    for x in b:
        v = (v << 7) | (x & 0x7F)
        if not x & 0x80:
            arcs.append(v)
            v = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(str(a) for a in [first, arcs[0] - 40 * first] + arcs[1:])


def pem_cert(path: str) -> bytes:
    text = open(path, encoding="ascii").read()
    m = re.findall(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", text, re.S)
    if len(m) != 1:
        raise SystemExit(f"{path}: expected exactly one CERTIFICATE block, found {len(m)}")
    der = base64.b64decode("".join(m[0].split()))
    t, _, e = read_tlv(der, 0)
    if t != 0x30 or e != len(der):
        raise SystemExit(f"{path}: not a single DER SEQUENCE")
    return der


# ---------------------------------------------------------------- commands


def cmd_masterlist(out: str, *certs: str) -> None:
    ders = [pem_cert(c) for c in certs]
    # X.690 §11.6: SET OF components in ascending order of their encodings,
    # shorter one padded with trailing 0x00. Python's bytes ordering (a proper
    # prefix sorts first) gives the same order for distinct complete TLVs.
    ders.sort()
    content = tlv(0x30, tlv(0x02, b"\x00") + tlv(0x31, b"".join(ders)))
    with open(out, "wb") as f:
        f.write(content)


def cmd_order(content_path: str, *certs: str) -> None:
    buf = open(content_path, "rb").read()
    t, s, e = read_tlv(buf, 0)
    if t != 0x30 or e != len(buf):
        raise SystemExit("CscaMasterList is not a single SEQUENCE")
    kids = children(buf, s, e)
    if len(kids) != 2 or kids[0][0] != 0x02 or buf[kids[0][2]:kids[0][3]] != b"\x00":
        raise SystemExit("expected SEQUENCE { version INTEGER 0, certList SET }")
    if kids[1][0] != 0x31:
        raise SystemExit("certList is not a SET")
    elems = [buf[o:ce] for (_, o, _, ce) in children(buf, kids[1][2], kids[1][3])]
    if elems != sorted(elems):
        raise SystemExit("certList is not in DER SET OF order")
    byder = {pem_cert(c): c for c in certs}
    if sorted(elems) != sorted(byder):
        raise SystemExit("certList does not hold exactly the given certificates")
    print(" ".join(byder[d] for d in elems))


def cmd_econtent(cms_path: str) -> None:
    buf = open(cms_path, "rb").read()
    t, s, e = read_tlv(buf, 0)
    if t != 0x30 or e != len(buf):
        raise SystemExit("ContentInfo is not a single DER SEQUENCE")
    ci = children(buf, s, e)
    if decode_oid(buf[ci[0][2]:ci[0][3]]) != "1.2.840.113549.1.7.2":
        raise SystemExit("not id-signedData")
    sd_t, sd_s, sd_e = read_tlv(buf, ci[1][2])  # [0] EXPLICIT SignedData
    sd = children(buf, sd_s, sd_e)
    eci = children(buf, sd[2][2], sd[2][3])  # version, digestAlgorithms, encapContentInfo
    oid = decode_oid(buf[eci[0][2]:eci[0][3]])
    if len(eci) != 2 or eci[1][0] != 0xA0:
        raise SystemExit("eContent is not embedded")
    octets = children(buf, eci[1][2], eci[1][3])
    if len(octets) != 1 or octets[0][0] != 0x04:
        raise SystemExit("eContent is not a single primitive OCTET STRING")
    print(f"version={buf[sd[0][2]]} eContentType={oid} eContent_offset={octets[0][2]} "
          f"eContent_len={octets[0][3] - octets[0][2]}")


def cmd_tamper(inp: str, out: str, cert: str, back: str) -> None:
    buf = bytearray(open(inp, "rb").read())
    der = pem_cert(cert)
    pos = buf.find(der)
    if pos < 0 or buf.find(der, pos + 1) >= 0:
        raise SystemExit("certificate DER not found exactly once")
    back = int(back)
    if not 1 <= back <= 10:
        raise SystemExit("N must be 1..10 (one of the last 10 bytes)")
    # Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
    _, s, e = read_tlv(der, 0)
    kids = children(der, s, e)
    if len(kids) != 3 or kids[2][0] != 0x03:
        raise SystemExit("unexpected Certificate structure")
    sig_start = kids[2][2] + 1  # skip the unused-bits octet
    rel = len(der) - back
    if rel < sig_start:
        raise SystemExit("target byte is not inside the signature value")
    off = pos + rel
    old = buf[off]
    buf[off] ^= 0xFF
    with open(out, "wb") as f:
        f.write(buf)
    print(f"cert_offset={pos} cert_len={len(der)} offset={off} old={old:02x} new={buf[off]:02x}")


if __name__ == "__main__":
    cmds = {"masterlist": cmd_masterlist, "order": cmd_order,
            "econtent": cmd_econtent, "tamper": cmd_tamper}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        raise SystemExit(__doc__)
    cmds[sys.argv[1]](*sys.argv[2:])
