//! Known answers (GOST R 34.10-2012 Appendix A, RFC 7091 §7.1), curve
//! constants, subgroup checks, round trips and hostile input.

use super::*;
use crate::oid::Oid;

fn h(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn flip(v: &[u8], byte: usize, bit: u8) -> Vec<u8> {
    let mut out = v.to_vec();
    out[byte] ^= 1 << bit;
    out
}

/// A small deterministic generator (xorshift64*) for test inputs.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

struct Kat {
    curve: GostCurve,
    d: &'static str,
    e: &'static str,
    k: &'static str,
    r: &'static str,
    s: &'static str,
    qx: &'static str,
    qy: &'static str,
}

/// GOST R 34.10-2012 Appendix A.1 (= RFC 7091 §7.1).
const A1: Kat = Kat {
    curve: GostCurve::Test256,
    d: "7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28",
    e: "2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5",
    k: "77105C9B20BCD3122823C8CF6FCC7B956DE33814E95B7FE64FED924594DCEAB3",
    r: "41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493",
    s: "01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C40",
    qx: "7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B",
    qy: "26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA",
};

/// GOST R 34.10-2012 Appendix A.2.
const A2: Kat = Kat {
    curve: GostCurve::Test512,
    d: "0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B1020
        72E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4",
    e: "3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C591
        7184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C",
    k: "0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F3658
        86748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1",
    r: "2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD3
        5492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36",
    s: "1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5
        823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A",
    qx: "115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD
         5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1",
    qy: "37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61
         EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC",
};

fn run_kat(kat: &Kat) {
    let curve = kat.curve;
    let (e, r, s) = (h(kat.e), h(kat.r), h(kat.s));
    let (qx, qy) = (h(kat.qx), h(kat.qy));
    let key = GostSecretKey::from_be_bytes(curve, &h(kat.d)).expect("d in range");
    let public = key.public_key();
    assert_eq!(public.curve(), curve);
    assert_eq!(public.x_be(), qx, "Q.x = (d·P).x");
    assert_eq!(public.y_be(), qy, "Q.y = (d·P).y");

    let (r2, s2) = key.sign_prehash_with_k(&e, &h(kat.k)).expect("k in range");
    assert_eq!(r2, r, "r");
    assert_eq!(s2, s, "s");

    let q = GostPublicKey::from_affine(curve, &qx, &qy).expect("Q valid");
    assert_eq!(q.verify_prehash(&e, &r, &s), Ok(()));
    let bad = Err(GostError::BadSignature { curve });
    let last = e.len() - 1;
    assert_eq!(q.verify_prehash(&flip(&e, last, 0), &r, &s), bad);
    assert_eq!(q.verify_prehash(&flip(&e, 0, 7), &r, &s), bad);
    assert_eq!(q.verify_prehash(&e, &flip(&r, last, 0), &s), bad);
    assert_eq!(q.verify_prehash(&e, &r, &flip(&s, last, 3)), bad);
    assert_eq!(
        GostPublicKey::from_affine(curve, &flip(&qx, last, 0), &qy).map(|_| ()),
        Err(GostError::PointNotOnCurve { curve })
    );
    // Swapped r and s (the classic byte-order mistake).
    assert_eq!(q.verify_prehash(&e, &s, &r), bad);
    // Leading zeros on e, r and s change nothing.
    let pad = |v: &[u8]| [&[0u8, 0, 0][..], v].concat();
    assert_eq!(q.verify_prehash(&pad(&e), &pad(&r), &pad(&s)), Ok(()));
}

#[test]
fn appendix_a1_256_known_answer() {
    run_kat(&A1);
}

#[test]
fn appendix_a2_512_known_answer() {
    run_kat(&A2);
}

fn check_curve<const L: usize>(ctx: &CurveCtx<L>, rng: &mut Rng) {
    let curve = ctx.curve;
    assert!(ctx.is_on_curve(&ctx.g), "{curve}: G on the curve");
    assert!(
        CurveCtx::is_identity(&ctx.mul_vartime(&ctx.g, &ctx.q)),
        "{curve}: q·G = O"
    );
    // q has (almost) the full size: bits − 2 for cofactor 4 (RFC 7836 A).
    assert!(
        ctx.q.bits_vartime() as usize + 3 > curve.bits(),
        "{curve}: |q|"
    );
    // (q − 1)·G = −G.
    let qm1 = ctx.q.wrapping_sub(&Uint::ONE);
    let neg = ctx
        .to_affine(&ctx.mul_vartime(&ctx.g, &qm1))
        .expect("not O");
    assert!(
        neg.x == ctx.g.x && neg.y == ctx.g.y.neg(),
        "{curve}: (q−1)·G = −G"
    );
    // A random multiple: on the curve, and the constant-time comb agrees
    // with the variable-time w-NAF.
    for _ in 0..3 {
        let k = Uint::<L>::from_be_slice(&rng.bytes(Uint::<L>::BYTES)).shr_vartime(3);
        let a = ctx.to_affine(&ctx.mul_vartime(&ctx.g, &k)).expect("not O");
        assert!(ctx.is_on_curve(&a), "{curve}: k·G on the curve");
        let b = ctx.mul_base_ct(&k).expect("not O");
        assert!(a == b, "{curve}: comb = w-NAF");
    }
    // Montgomery conversion reduces inputs in [q, 2^bits).
    let five = Uint::<L>::from_u8(5);
    let big = ctx.q.wrapping_add(&five);
    assert!(Fe::new(&big, &ctx.fq) == Fe::new(&five, &ctx.fq));
}

#[test]
fn every_curve_constants_check_out() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for curve in GostCurve::ALL {
        if curve.is_512() {
            check_curve(ctx512(curve), &mut rng);
        } else {
            check_curve(ctx256(curve), &mut rng);
        }
        assert_eq!(curve.bits(), if curve.is_512() { 512 } else { 256 });
    }
}

#[test]
fn every_oid_alias_maps() {
    let cases = [
        ("1.2.643.2.2.35.0", GostCurve::Test256),
        ("1.2.643.2.2.35.1", GostCurve::CryptoProA),
        ("1.2.643.2.2.36.0", GostCurve::CryptoProA),
        ("1.2.643.7.1.2.1.1.2", GostCurve::CryptoProA),
        ("1.2.398.3.10.1.1.1.1.1", GostCurve::CryptoProA),
        ("1.2.643.2.2.35.2", GostCurve::CryptoProB),
        ("1.2.643.7.1.2.1.1.3", GostCurve::CryptoProB),
        ("1.2.643.2.2.35.3", GostCurve::CryptoProC),
        ("1.2.643.2.2.36.1", GostCurve::CryptoProC),
        ("1.2.643.7.1.2.1.1.4", GostCurve::CryptoProC),
        ("1.2.643.7.1.2.1.1.1", GostCurve::Tc26_256A),
        ("1.2.398.3.10.1.1.2.1.1", GostCurve::Tc26_256A),
        ("1.2.643.7.1.2.1.2.0", GostCurve::Test512),
        ("1.2.643.7.1.2.1.2.1", GostCurve::Tc26_512A),
        ("1.2.398.3.10.1.1.2.2.1", GostCurve::Tc26_512A),
        ("1.2.643.7.1.2.1.2.2", GostCurve::Tc26_512B),
        ("1.2.643.7.1.2.1.2.3", GostCurve::Tc26_512C),
    ];
    for (dotted, curve) in cases {
        let oid: Oid = dotted.parse().expect("oid");
        assert_eq!(GostCurve::from_oid(&oid), Some(curve), "{dotted}");
    }
    for curve in GostCurve::ALL {
        assert_eq!(GostCurve::from_oid(&curve.oid()), Some(curve));
    }
    let other: Oid = "1.2.643.7.1.2.1.2.4".parse().expect("oid");
    assert_eq!(GostCurve::from_oid(&other), None);
    assert_eq!(GostCurve::Tc26_256A.name(), "tc26-256-A");
    assert_eq!(GostCurve::Tc26_256A.cofactor(), 4);
    assert_eq!(GostCurve::Tc26_512C.cofactor(), 4);
    assert_eq!(GostCurve::Tc26_512A.cofactor(), 1);
}

#[test]
fn out_of_range_r_s_refused() {
    let curve = A1.curve;
    let q = GostPublicKey::from_affine(curve, &h(A1.qx), &h(A1.qy)).expect("Q");
    let (e, r, s) = (h(A1.e), h(A1.r), h(A1.s));
    let order = uint_to_be(&ctx256(curve).q);
    let out = |which| Err(GostError::ScalarOutOfRange { curve, which });
    assert_eq!(q.verify_prehash(&e, &[0u8; 32], &s), out(ScalarKind::R));
    assert_eq!(q.verify_prehash(&e, &[], &s), out(ScalarKind::R));
    assert_eq!(q.verify_prehash(&e, &order, &s), out(ScalarKind::R));
    assert_eq!(q.verify_prehash(&e, &r, &order), out(ScalarKind::S));
    assert_eq!(q.verify_prehash(&e, &r, &[0u8; 32]), out(ScalarKind::S));
    assert_eq!(q.verify_prehash(&e, &r, &[0xff; 33]), out(ScalarKind::S));
    // d = 0, d = q and a too-long d.
    let bad_d = Err(GostError::ScalarOutOfRange {
        curve,
        which: ScalarKind::D,
    });
    assert_eq!(
        GostSecretKey::from_be_bytes(curve, &[0; 32]).map(|_| ()),
        bad_d
    );
    assert_eq!(
        GostSecretKey::from_be_bytes(curve, &order).map(|_| ()),
        bad_d
    );
    assert_eq!(
        GostSecretKey::from_be_bytes(curve, &[1; 33]).map(|_| ()),
        bad_d
    );
}

#[test]
fn coordinates_out_of_range_refused() {
    let curve = A1.curve;
    let (qx, qy) = (h(A1.qx), h(A1.qy));
    let range = Err(GostError::CoordinateOutOfRange { curve, len: 32 });
    let p = uint_to_be(&ctx256(curve).p);
    assert_eq!(
        GostPublicKey::from_affine(curve, &p, &qy).map(|_| ()),
        range
    );
    assert_eq!(
        GostPublicKey::from_affine(curve, &qx, &p).map(|_| ()),
        range
    );
    assert_eq!(
        GostPublicKey::from_affine(curve, &qx[1..], &qy).map(|_| ()),
        range
    );
    let long = [&[0u8][..], &qx].concat();
    assert_eq!(
        GostPublicKey::from_affine(curve, &long, &qy).map(|_| ()),
        range
    );
    // A 256-bit key given to a 512-bit curve.
    assert_eq!(
        GostPublicKey::from_affine(GostCurve::Tc26_512A, &qx, &qy).map(|_| ()),
        Err(GostError::CoordinateOutOfRange {
            curve: GostCurve::Tc26_512A,
            len: 64
        })
    );
    // (0, 0) is not on the curve (b ≠ 0).
    assert_eq!(
        GostPublicKey::from_affine(curve, &[0; 32], &[0; 32]).map(|_| ()),
        Err(GostError::PointNotOnCurve { curve })
    );
}

/// A point of order dividing 4 on a cofactor-4 curve: q·P for a random
/// curve point P (p ≡ 3 mod 4, so √z = z^((p+1)/4)).
fn small_order_points<const L: usize>(ctx: &CurveCtx<L>) -> (Affine<L>, Affine<L>) {
    let exp = ctx.p.wrapping_add(&Uint::ONE).shr_vartime(2);
    let h = ctx.curve.params();
    let a = Fe::new(&Uint::<L>::from_be_hex(h.a), &ctx.fp);
    let b = Fe::new(&Uint::<L>::from_be_hex(h.b), &ctx.fp);
    for i in 1u64..1000 {
        let x = Fe::new(&Uint::from_u64(i), &ctx.fp);
        let rhs = x.square().add(&a).mul(&x).add(&b);
        let y = rhs.pow_vartime(&exp);
        if y.square() != rhs {
            continue;
        }
        let p = Affine { x, y };
        assert!(ctx.is_on_curve(&p));
        let t = ctx.mul_vartime(&p, &ctx.q);
        if let Some(t) = ctx.to_affine(&t) {
            let four = Uint::<L>::from_u8(4);
            assert!(
                CurveCtx::is_identity(&ctx.mul_vartime(&t, &four)),
                "order | 4"
            );
            return (p, t);
        }
    }
    panic!("no point outside the subgroup found");
}

#[test]
fn points_outside_the_subgroup_refused() {
    let curve = GostCurve::Tc26_256A;
    let (mixed, small) = small_order_points(ctx256(curve));
    for pt in [mixed, small] {
        assert_eq!(
            GostPublicKey::from_affine(
                curve,
                &uint_to_be(&pt.x.retrieve()),
                &uint_to_be(&pt.y.retrieve())
            )
            .map(|_| ()),
            Err(GostError::NotInSubgroup { curve })
        );
    }
    let curve = GostCurve::Tc26_512C;
    let (mixed, small) = small_order_points(ctx512(curve));
    for pt in [mixed, small] {
        assert_eq!(
            GostPublicKey::from_affine(
                curve,
                &uint_to_be(&pt.x.retrieve()),
                &uint_to_be(&pt.y.retrieve())
            )
            .map(|_| ()),
            Err(GostError::NotInSubgroup { curve })
        );
    }
}

#[test]
fn sign_then_verify_on_every_curve() {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    for curve in GostCurve::ALL {
        let n = curve.bits() / 8;
        let mut d = rng.bytes(n);
        d[0] &= 0x1f; // below q on every curve
        let key = GostSecretKey::from_be_bytes(curve, &d).expect("d");
        let public = key.public_key();
        let q = GostPublicKey::from_affine(curve, &public.x_be(), &public.y_be()).expect("Q");
        for _ in 0..3 {
            let e = rng.bytes(n);
            let (r, s) = key.sign_prehash(&e).expect("sign");
            assert_eq!((r.len(), s.len()), (n, n));
            assert_eq!(q.verify_prehash(&e, &r, &s), Ok(()), "{curve}");
            assert_eq!(
                q.verify_prehash(&flip(&e, 5, 1), &r, &s),
                Err(GostError::BadSignature { curve }),
                "{curve}"
            );
        }
    }
}

#[test]
fn digest_zero_mod_q_counts_as_one_and_long_digests_reduce() {
    let curve = A1.curve;
    let key = GostSecretKey::from_be_bytes(curve, &h(A1.d)).expect("d");
    let k = h(A1.k);
    let q = uint_to_be(&ctx256(curve).q);
    let one = key.sign_prehash_with_k(&[1], &k);
    assert_eq!(key.sign_prehash_with_k(&q, &k), one, "e = q ⇒ e = 1");
    assert_eq!(key.sign_prehash_with_k(&[], &k), one, "e = 0 ⇒ e = 1");
    // e + q·2^256 ≡ e (mod q) through the chunked reduction.
    let e = h(A1.e);
    let long = [&q[..], &[0u8; 32][..]].concat();
    let mut sum = long.clone();
    let mut carry = 0u16;
    for i in (0..sum.len()).rev() {
        let add = if i >= 32 { u16::from(e[i - 32]) } else { 0 };
        let v = u16::from(sum[i]) + add + carry;
        sum[i] = v as u8;
        carry = v >> 8;
    }
    assert_eq!(
        key.sign_prehash_with_k(&sum, &k),
        key.sign_prehash_with_k(&e, &k)
    );
    let public = key.public_key();
    let (r, s) = key.sign_prehash_with_k(&e, &k).expect("sig");
    assert_eq!(public.verify_prehash(&sum, &r, &s), Ok(()));
}

#[test]
fn hostile_lengths_never_panic() {
    let mut rng = Rng(42);
    let key = GostPublicKey::from_affine(A1.curve, &h(A1.qx), &h(A1.qy)).expect("Q");
    let key512 = GostPublicKey::from_affine(A2.curve, &h(A2.qx), &h(A2.qy)).expect("Q");
    for i in 0..300 {
        let len = |r: &mut Rng| (r.next() % 140) as usize;
        let (a, b, c) = (len(&mut rng), len(&mut rng), len(&mut rng));
        let (x, y, z) = (rng.bytes(a), rng.bytes(b), rng.bytes(c));
        let curve = GostCurve::ALL[i % GostCurve::ALL.len()];
        assert!(GostPublicKey::from_affine(curve, &x, &y).is_err());
        let _ = GostSecretKey::from_be_bytes(curve, &x);
        assert!(key.verify_prehash(&x, &y, &z).is_err());
        assert!(key512.verify_prehash(&x, &y, &z).is_err());
    }
}
