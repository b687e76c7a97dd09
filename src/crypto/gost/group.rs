//! Curve arithmetic for GOST R 34.10, one code path for every parameter set:
//! GF(p) and GF(q) in Montgomery form with run-time moduli
//! (`crypto_bigint::modular::FixedMontyForm`), generic over the limb count
//! (256-bit and 512-bit curves), short Weierstrass y² = x³ + ax + b with a
//! generic `a` (a = −3 gets the cheaper doubling).
//!
//! Two engines:
//! - verification (public data only, variable time): Jacobian coordinates,
//!   interleaved w-NAF double-scalar multiplication with a precomputed
//!   affine table of odd multiples of G;
//! - signing and key derivation (secret scalar, constant time): a fixed-base
//!   comb of 4-bit windows over precomputed affine multiples j·16^i·G,
//!   constant-time table selection and the complete projective formulas of
//!   Renes–Costello–Batina 2016 (eprint 2015/1060, Algorithms 1–3).

use std::sync::OnceLock;

use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Limb, Odd, Uint, Word};
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};

use super::curves::GostCurve;

/// A field element (mod p) or a scalar (mod q), in Montgomery form.
pub(crate) type Fe<const L: usize> = FixedMontyForm<L>;

/// w-NAF windows (fixed base G, variable base Q) by curve size: 256-bit
/// curves 7 and 5 (32 affine points of G, 8 Jacobian points of Q), 512-bit
/// curves 8 and 6 (64 and 16): the wider windows pay for their tables only
/// over 512 doublings (measured in benches/gost.rs).
fn windows(bits: usize) -> (usize, usize) {
    if bits > 256 { (8, 6) } else { (7, 5) }
}

/// w-NAF window for `mul_vartime` (subgroup checks).
const W_Q: usize = 5;

/// An affine point (never the identity).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Affine<const L: usize> {
    pub(crate) x: Fe<L>,
    pub(crate) y: Fe<L>,
}

impl<const L: usize> Affine<L> {
    fn neg(&self) -> Self {
        Affine {
            x: self.x,
            y: self.y.neg(),
        }
    }
}

impl<const L: usize> ConditionallySelectable for Affine<L> {
    fn conditional_select(a: &Self, b: &Self, choice: Choice) -> Self {
        Affine {
            x: Fe::conditional_select(&a.x, &b.x, choice),
            y: Fe::conditional_select(&a.y, &b.y, choice),
        }
    }
}

/// Jacobian coordinates (X/Z², Y/Z³); Z = 0 is the identity. Variable time.
#[derive(Clone, Copy)]
pub(crate) struct Jacobian<const L: usize> {
    x: Fe<L>,
    y: Fe<L>,
    z: Fe<L>,
}

/// Homogeneous projective coordinates (X/Z, Y/Z); (0 : 1 : 0) is the
/// identity. Used with the complete formulas only.
#[derive(Clone, Copy)]
struct Projective<const L: usize> {
    x: Fe<L>,
    y: Fe<L>,
    z: Fe<L>,
}

impl<const L: usize> ConditionallySelectable for Projective<L> {
    fn conditional_select(a: &Self, b: &Self, choice: Choice) -> Self {
        Projective {
            x: Fe::conditional_select(&a.x, &b.x, choice),
            y: Fe::conditional_select(&a.y, &b.y, choice),
            z: Fe::conditional_select(&a.z, &b.z, choice),
        }
    }
}

fn is_zero<const L: usize>(v: &Fe<L>) -> bool {
    v.as_montgomery().is_zero_vartime()
}

/// Big-endian bytes → integer; leading zero bytes allowed, `None` when the
/// value does not fit in `L` limbs.
pub(crate) fn uint_from_be<const L: usize>(bytes: &[u8]) -> Option<Uint<L>> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let digits = bytes.get(start..)?;
    if digits.len() > Uint::<L>::BYTES {
        return None;
    }
    let mut buf = [0u8; 64];
    let padded = buf.get_mut(..Uint::<L>::BYTES)?;
    let tail = padded.get_mut(Uint::<L>::BYTES - digits.len()..)?;
    tail.copy_from_slice(digits);
    Some(Uint::from_be_slice(padded))
}

/// Integer → big-endian bytes, exactly `Uint::<L>::BYTES` long.
pub(crate) fn uint_to_be<const L: usize>(v: &Uint<L>) -> Vec<u8> {
    let mut out = Vec::with_capacity(Uint::<L>::BYTES);
    for w in v.as_words().iter().rev() {
        out.extend_from_slice(&w.to_be_bytes());
    }
    out
}

/// The domain parameters of one curve in arithmetic form, and its tables.
pub(crate) struct CurveCtx<const L: usize> {
    pub(crate) curve: GostCurve,
    pub(crate) fp: FixedMontyParams<L>,
    pub(crate) fq: FixedMontyParams<L>,
    pub(crate) p: Uint<L>,
    pub(crate) q: Uint<L>,
    a: Fe<L>,
    b: Fe<L>,
    b3: Fe<L>,
    a_is_minus_3: bool,
    pub(crate) g: Affine<L>,
    /// w-NAF windows for G and Q.
    w_g: usize,
    w_q: usize,
    /// Odd multiples G, 3G, …, (2^(w_g−1) − 1)G.
    g_odd: Vec<Affine<L>>,
    /// Comb table: entry 15·i + (j − 1) is j·16^i·G, j in 1..=15.
    /// Stored as bare Montgomery-form integers (x, y): the constant-time
    /// scan then touches 2·L limbs per entry, not the moduli as well.
    comb: OnceLock<Vec<(Uint<L>, Uint<L>)>>,
}

impl<const L: usize> CurveCtx<L> {
    /// Builds the context from the hex constants of `curves.rs`. The
    /// constants are fixed and checked by unit tests (every curve is built,
    /// G is on the curve and q·G = O), so the `expect`s below cannot fire.
    #[allow(clippy::expect_used)]
    pub(crate) fn new(curve: GostCurve) -> CurveCtx<L> {
        let h = curve.params();
        let hex = |s: &str| Uint::<L>::from_be_hex(s);
        let p = hex(h.p);
        let q = hex(h.q);
        let fp = FixedMontyParams::new_vartime(Odd::new(p).into_option().expect("p is odd"));
        let fq = FixedMontyParams::new_vartime(Odd::new(q).into_option().expect("q is odd"));
        let fe = |s: &str| Fe::new(&hex(s), &fp);
        let a = fe(h.a);
        let b = fe(h.b);
        let three = Fe::new(&Uint::from_u8(3), &fp);
        let b3 = b.mul(&three);
        let a_is_minus_3 = a.add(&three) == Fe::zero(&fp);
        let g = Affine {
            x: fe(h.x),
            y: fe(h.y),
        };
        let mut ctx = CurveCtx {
            curve,
            fp,
            fq,
            p,
            q,
            a,
            b,
            b3,
            a_is_minus_3,
            g,
            w_g: windows(curve.bits()).0,
            w_q: windows(curve.bits()).1,
            g_odd: Vec::new(),
            comb: OnceLock::new(),
        };
        ctx.g_odd = ctx.odd_multiples_affine(&g, 1 << (ctx.w_g - 2));
        ctx
    }

    pub(crate) fn zero(&self) -> Fe<L> {
        Fe::zero(&self.fp)
    }

    /// Is (x, y) on the curve: y² = x³ + ax + b?
    pub(crate) fn is_on_curve(&self, pt: &Affine<L>) -> bool {
        let lhs = pt.y.square();
        let rhs = pt.x.square().add(&self.a).mul(&pt.x).add(&self.b);
        lhs == rhs
    }

    // ---- Jacobian, variable time -------------------------------------

    pub(crate) fn identity(&self) -> Jacobian<L> {
        let one = Fe::one(&self.fp);
        Jacobian {
            x: one,
            y: one,
            z: self.zero(),
        }
    }

    pub(crate) fn to_jacobian(&self, pt: &Affine<L>) -> Jacobian<L> {
        Jacobian {
            x: pt.x,
            y: pt.y,
            z: Fe::one(&self.fp),
        }
    }

    pub(crate) fn is_identity(pt: &Jacobian<L>) -> bool {
        is_zero(&pt.z)
    }

    /// Affine form, `None` for the identity.
    #[cfg(test)]
    pub(crate) fn to_affine(&self, pt: &Jacobian<L>) -> Option<Affine<L>> {
        let zinv = pt.z.invert_vartime().into_option()?;
        let zinv2 = zinv.square();
        Some(Affine {
            x: pt.x.mul(&zinv2),
            y: pt.y.mul(&zinv2).mul(&zinv),
        })
    }

    fn double(&self, p: &Jacobian<L>) -> Jacobian<L> {
        if self.a_is_minus_3 {
            // dbl-2001-b (Bernstein–Lange EFD, a = −3): 3M + 5S.
            let delta = p.z.square();
            let gamma = p.y.square();
            let beta = p.x.mul(&gamma);
            let t = p.x.sub(&delta).mul(&p.x.add(&delta));
            let alpha = t.double().add(&t);
            let beta4 = beta.double().double();
            let x3 = alpha.square().sub(&beta4.double());
            let z3 = p.y.add(&p.z).square().sub(&gamma).sub(&delta);
            let g2 = gamma.square();
            let y3 = alpha
                .mul(&beta4.sub(&x3))
                .sub(&g2.double().double().double());
            Jacobian {
                x: x3,
                y: y3,
                z: z3,
            }
        } else {
            // dbl-2007-bl (EFD, generic a): 1M + 8S + 1·a.
            let xx = p.x.square();
            let yy = p.y.square();
            let yyyy = yy.square();
            let zz = p.z.square();
            let s = p.x.add(&yy).square().sub(&xx).sub(&yyyy).double();
            let m = xx.double().add(&xx).add(&self.a.mul(&zz.square()));
            let t = m.square().sub(&s.double());
            let y3 = m.mul(&s.sub(&t)).sub(&yyyy.double().double().double());
            let z3 = p.y.add(&p.z).square().sub(&yy).sub(&zz);
            Jacobian { x: t, y: y3, z: z3 }
        }
    }

    /// add-2007-bl (EFD), with the exceptional cases (either input the
    /// identity, P = ±Q) handled by branches: public data only.
    fn add(&self, p: &Jacobian<L>, q: &Jacobian<L>) -> Jacobian<L> {
        if Self::is_identity(p) {
            return *q;
        }
        if Self::is_identity(q) {
            return *p;
        }
        let z1z1 = p.z.square();
        let z2z2 = q.z.square();
        let u1 = p.x.mul(&z2z2);
        let u2 = q.x.mul(&z1z1);
        let s1 = p.y.mul(&q.z).mul(&z2z2);
        let s2 = q.y.mul(&p.z).mul(&z1z1);
        let h = u2.sub(&u1);
        let r = s2.sub(&s1).double();
        if is_zero(&h) {
            return if is_zero(&r) {
                self.double(p)
            } else {
                self.identity()
            };
        }
        let i = h.double().square();
        let j = h.mul(&i);
        let v = u1.mul(&i);
        let x3 = r.square().sub(&j).sub(&v.double());
        let y3 = r.mul(&v.sub(&x3)).sub(&s1.mul(&j).double());
        let z3 = p.z.add(&q.z).square().sub(&z1z1).sub(&z2z2).mul(&h);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// madd-2007-bl (EFD): P + Q with Q affine; exceptional cases branch.
    fn add_affine(&self, p: &Jacobian<L>, q: &Affine<L>) -> Jacobian<L> {
        if Self::is_identity(p) {
            return self.to_jacobian(q);
        }
        let z1z1 = p.z.square();
        let u2 = q.x.mul(&z1z1);
        let s2 = q.y.mul(&p.z).mul(&z1z1);
        let h = u2.sub(&p.x);
        let r = s2.sub(&p.y).double();
        if is_zero(&h) {
            return if is_zero(&r) {
                self.double(p)
            } else {
                self.identity()
            };
        }
        let hh = h.square();
        let i = hh.double().double();
        let j = h.mul(&i);
        let v = p.x.mul(&i);
        let x3 = r.square().sub(&j).sub(&v.double());
        let y3 = r.mul(&v.sub(&x3)).sub(&p.y.mul(&j).double());
        let z3 = p.z.add(&h).square().sub(&z1z1).sub(&hh);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    fn odd_multiples(&self, p: &Jacobian<L>, n: usize) -> Vec<Jacobian<L>> {
        let p2 = self.double(p);
        let mut out = Vec::with_capacity(n);
        let mut cur = *p;
        out.push(cur);
        for _ in 1..n {
            cur = self.add(&cur, &p2);
            out.push(cur);
        }
        out
    }

    fn odd_multiples_affine(&self, p: &Affine<L>, n: usize) -> Vec<Affine<L>> {
        let jac = self.odd_multiples(&self.to_jacobian(p), n);
        self.batch_to_affine(&jac)
    }

    /// Affine forms of non-identity points with one inversion (Montgomery's
    /// trick). Identities (impossible for the tables built here) are left out.
    fn batch_to_affine(&self, pts: &[Jacobian<L>]) -> Vec<Affine<L>> {
        let pts: Vec<&Jacobian<L>> = pts.iter().filter(|p| !Self::is_identity(p)).collect();
        let mut prefix = Vec::with_capacity(pts.len());
        let mut acc = Fe::one(&self.fp);
        for p in &pts {
            prefix.push(acc);
            acc = acc.mul(&p.z);
        }
        let Some(mut inv) = acc.invert_vartime().into_option() else {
            return Vec::new();
        };
        let mut out = vec![self.g; pts.len()];
        for (idx, p) in pts.iter().enumerate().rev() {
            let (Some(pre), Some(slot)) = (prefix.get(idx), out.get_mut(idx)) else {
                continue;
            };
            let zinv = inv.mul(pre);
            inv = inv.mul(&p.z);
            let zinv2 = zinv.square();
            *slot = Affine {
                x: p.x.mul(&zinv2),
                y: p.y.mul(&zinv2).mul(&zinv),
            };
        }
        out
    }

    /// k·P for any integer k, variable time (public k and P only: the
    /// subgroup check q·P and the tests).
    pub(crate) fn mul_vartime(&self, p: &Affine<L>, k: &Uint<L>) -> Jacobian<L> {
        let table = self.odd_multiples(&self.to_jacobian(p), 1 << (W_Q - 2));
        let naf = wnaf(k, W_Q);
        let mut acc = self.identity();
        for &d in naf.iter().rev() {
            acc = self.double(&acc);
            if let Some(t) = digit_entry(&table, d) {
                if d > 0 {
                    acc = self.add(&acc, t);
                } else {
                    acc = self.add(&acc, &self.neg_jac(t));
                }
            }
        }
        acc
    }

    fn neg_jac(&self, p: &Jacobian<L>) -> Jacobian<L> {
        Jacobian {
            x: p.x,
            y: p.y.neg(),
            z: p.z,
        }
    }

    /// u1·G + u2·Q (interleaved w-NAF, Shamir's trick), variable time.
    pub(crate) fn mul_double_vartime(
        &self,
        u1: &Uint<L>,
        q: &Affine<L>,
        u2: &Uint<L>,
    ) -> Jacobian<L> {
        let q_table = self.odd_multiples(&self.to_jacobian(q), 1 << (self.w_q - 2));
        let n1 = wnaf(u1, self.w_g);
        let n2 = wnaf(u2, self.w_q);
        let len = n1.len().max(n2.len());
        let mut acc = self.identity();
        for i in (0..len).rev() {
            acc = self.double(&acc);
            let d1 = n1.get(i).copied().unwrap_or(0);
            if let Some(t) = digit_entry(&self.g_odd, d1) {
                acc = if d1 > 0 {
                    self.add_affine(&acc, t)
                } else {
                    self.add_affine(&acc, &t.neg())
                };
            }
            let d2 = n2.get(i).copied().unwrap_or(0);
            if let Some(t) = digit_entry(&q_table, d2) {
                acc = if d2 > 0 {
                    self.add(&acc, t)
                } else {
                    self.add(&acc, &self.neg_jac(t))
                };
            }
        }
        acc
    }

    /// RFC 7091 §6.2 step 6 without an inversion: does x(C) ≡ r (mod q)?
    /// x(C) = X/Z² is in [0, p), so the candidates are r, r + q, r + 2q, …
    /// below p; each is compared as X = cand·Z².
    pub(crate) fn x_matches_mod_q(&self, c: &Jacobian<L>, r: &Uint<L>) -> bool {
        if Self::is_identity(c) {
            return false;
        }
        let zz = c.z.square();
        let mut cand = *r;
        while cand < self.p {
            if Fe::new(&cand, &self.fp).mul(&zz) == c.x {
                return true;
            }
            let (next, carry) = cand.carrying_add(&self.q, Limb::ZERO);
            if carry != Limb::ZERO {
                break;
            }
            cand = next;
        }
        false
    }

    // ---- constant time, complete formulas ----------------------------

    /// The comb table, built on first use (signing only).
    fn comb(&self) -> &[(Uint<L>, Uint<L>)] {
        self.comb.get_or_init(|| {
            let windows = self.curve.bits() / 4;
            let mut jac = Vec::with_capacity(windows * 15);
            let mut base = self.to_jacobian(&self.g);
            for _ in 0..windows {
                let mut cur = base;
                for _ in 1..=15 {
                    jac.push(cur);
                    cur = self.add(&cur, &base);
                }
                // cur = 16·base
                base = cur;
            }
            self.batch_to_affine(&jac)
                .iter()
                .map(|a| (a.x.to_montgomery(), a.y.to_montgomery()))
                .collect()
        })
    }

    /// k·G in constant time (k secret, 0 ≤ k < 2^bits): one complete mixed
    /// addition per 4-bit window of k, with the table entry chosen by a
    /// constant-time scan of all 15 candidates.
    ///
    /// The RCB formulas are complete on curves without points of order 2;
    /// on the cofactor-4 curves (tc26-256-A, tc26-512-C) every operand here
    /// is a multiple of G, of odd prime order q, and the only exceptional
    /// pairs of these formulas differ by a point of order 2 (RCB 2016 §3,
    /// after Bosma–Lenstra 1995 Theorem 2), so no exception can arise.
    /// Returns the affine x coordinate, or `None` if k·G = O (k = 0).
    pub(crate) fn mul_base_ct(&self, k: &Uint<L>) -> Option<Affine<L>> {
        let comb = self.comb();
        let windows = self.curve.bits() / 4;
        let one = Fe::one(&self.fp);
        let mut acc = Projective {
            x: self.zero(),
            y: one,
            z: self.zero(),
        };
        let words = k.as_words();
        let per_word = Limb::BITS as usize / 4;
        for i in 0..windows {
            let word: Word = words.get(i / per_word).copied().unwrap_or(0);
            let nibble = ((word >> (4 * (i % per_word))) & 0xf) as u8;
            let (mut sx, mut sy) = (self.g.x.to_montgomery(), self.g.y.to_montgomery());
            for j in 1..=15u8 {
                if let Some((ex, ey)) = comb.get(15 * i + usize::from(j) - 1) {
                    let hit = nibble.ct_eq(&j);
                    sx.conditional_assign(ex, hit);
                    sy.conditional_assign(ey, hit);
                }
            }
            let sel = Affine {
                x: Fe::from_montgomery(sx, &self.fp),
                y: Fe::from_montgomery(sy, &self.fp),
            };
            let sum = self.add_mixed_complete(&acc, &sel);
            acc = Projective::conditional_select(&acc, &sum, !nibble.ct_eq(&0));
        }
        // Constant-time inversion of Z (Z depends on the secret k).
        let zinv = acc.z.invert().into_option()?;
        Some(Affine {
            x: acc.x.mul(&zinv),
            y: acc.y.mul(&zinv),
        })
    }

    /// RCB 2016 Algorithm 2: complete mixed addition, generic a.
    fn add_mixed_complete(&self, p: &Projective<L>, q: &Affine<L>) -> Projective<L> {
        let (a, b3) = (&self.a, &self.b3);
        let t0 = p.x.mul(&q.x); // 1
        let t1 = p.y.mul(&q.y); // 2
        let t3 = q.x.add(&q.y); // 3
        let t4 = p.x.add(&p.y); // 4
        let t3 = t3.mul(&t4); // 5
        let t4 = t0.add(&t1); // 6
        let t3 = t3.sub(&t4); // 7
        let t4 = q.x.mul(&p.z); // 8
        let t4 = t4.add(&p.x); // 9
        let t5 = q.y.mul(&p.z); // 10
        let t5 = t5.add(&p.y); // 11
        let z3 = a.mul(&t4); // 12
        let x3 = b3.mul(&p.z); // 13
        let z3 = x3.add(&z3); // 14
        let x3 = t1.sub(&z3); // 15
        let z3 = t1.add(&z3); // 16
        let y3 = x3.mul(&z3); // 17
        let t1 = t0.add(&t0); // 18
        let t1 = t1.add(&t0); // 19
        let t2 = a.mul(&p.z); // 20
        let t4 = b3.mul(&t4); // 21
        let t1 = t1.add(&t2); // 22
        let t2 = t0.sub(&t2); // 23
        let t2 = a.mul(&t2); // 24
        let t4 = t4.add(&t2); // 25
        let t0 = t1.mul(&t4); // 26
        let y3 = y3.add(&t0); // 27
        let t0 = t5.mul(&t4); // 28
        let x3 = t3.mul(&x3); // 29
        let x3 = x3.sub(&t0); // 30
        let t0 = t3.mul(&t1); // 31
        let z3 = t5.mul(&z3); // 32
        let z3 = z3.add(&t0); // 33
        Projective {
            x: x3,
            y: y3,
            z: z3,
        }
    }
}

fn digit_entry<T>(table: &[T], d: i8) -> Option<&T> {
    if d == 0 {
        return None;
    }
    table.get(usize::from(d.unsigned_abs()) / 2)
}

/// Width-w non-adjacent form of k, least significant digit first; digits
/// are 0 or odd in (−2^(w−1), 2^(w−1)). Variable time (public scalars only).
fn wnaf<const L: usize>(k: &Uint<L>, w: usize) -> Vec<i8> {
    let words = k.as_words();
    let wb = Limb::BITS as usize;
    let nbits = L * wb;
    let bit = |i: usize| -> u32 {
        words
            .get(i / wb)
            .map_or(0, |x| ((x >> (i % wb)) & 1) as u32)
    };
    let width = 1u32 << w;
    let mut naf = vec![0i8; nbits + 1];
    let mut pos = 0;
    let mut carry = 0u32;
    while pos < naf.len() {
        let mut window = 0u32;
        for j in 0..w {
            window |= bit(pos + j) << j;
        }
        let window = window + carry;
        if window & 1 == 0 {
            // Even: no digit at this position; the carry is preserved (if
            // it is 1, the bit here was 1 and the carry moves on).
            pos += 1;
            continue;
        }
        let digit = if window < width / 2 {
            carry = 0;
            window as i32
        } else {
            carry = 1;
            window as i32 - width as i32
        };
        if let Some(slot) = naf.get_mut(pos) {
            *slot = digit as i8;
        }
        pos += w;
    }
    naf
}
