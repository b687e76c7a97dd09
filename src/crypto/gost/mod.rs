//! GOST R 34.10-2001 / 2012 signatures (RFC 7091) on every parameter set in
//! real use: the CryptoPro and TC26 256-bit curves, the TC26 512-bit curves,
//! the twisted Edwards curves tc26-256-A and tc26-512-C (cofactor 4, in
//! Weierstrass form) and the test curves of the standard.
//!
//! The equations (RFC 7091 §6.1 signing, §6.2 verification) work on the
//! digest as an integer `e`; the byte order of the digest in a CMS or X.509
//! structure (little-endian for GOST R 34.11) is the caller's business.
//! Verification runs in variable time (all its inputs are public); signing
//! and key derivation run in constant time in the secrets k and d.

mod curves;
mod group;
#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::OnceLock;

use crypto_bigint::zeroize::Zeroize;
use crypto_bigint::{U256, U512, Uint};
use subtle::{ConstantTimeEq, ConstantTimeLess};

pub use curves::GostCurve;
use group::{Affine, CurveCtx, Fe, uint_from_be, uint_to_be};

const L256: usize = U256::LIMBS;
const L512: usize = U512::LIMBS;

/// The per-curve contexts, built once on first use. Each cell is built for
/// its own curve only; a 512-bit curve never reaches `ctx256` (callers
/// dispatch on `is_512` first).
fn ctx256(curve: GostCurve) -> &'static CurveCtx<L256> {
    static TEST: OnceLock<CurveCtx<L256>> = OnceLock::new();
    static A: OnceLock<CurveCtx<L256>> = OnceLock::new();
    static B: OnceLock<CurveCtx<L256>> = OnceLock::new();
    static C: OnceLock<CurveCtx<L256>> = OnceLock::new();
    static TC26A: OnceLock<CurveCtx<L256>> = OnceLock::new();
    let (cell, curve) = match curve {
        GostCurve::Test256 => (&TEST, GostCurve::Test256),
        GostCurve::CryptoProA => (&A, GostCurve::CryptoProA),
        GostCurve::CryptoProB => (&B, GostCurve::CryptoProB),
        GostCurve::CryptoProC => (&C, GostCurve::CryptoProC),
        _ => (&TC26A, GostCurve::Tc26_256A),
    };
    cell.get_or_init(|| CurveCtx::new(curve))
}

fn ctx512(curve: GostCurve) -> &'static CurveCtx<L512> {
    static TEST: OnceLock<CurveCtx<L512>> = OnceLock::new();
    static A: OnceLock<CurveCtx<L512>> = OnceLock::new();
    static B: OnceLock<CurveCtx<L512>> = OnceLock::new();
    static C: OnceLock<CurveCtx<L512>> = OnceLock::new();
    let (cell, curve) = match curve {
        GostCurve::Test512 => (&TEST, GostCurve::Test512),
        GostCurve::Tc26_512A => (&A, GostCurve::Tc26_512A),
        GostCurve::Tc26_512B => (&B, GostCurve::Tc26_512B),
        _ => (&C, GostCurve::Tc26_512C),
    };
    cell.get_or_init(|| CurveCtx::new(curve))
}

/// Which scalar was out of range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScalarKind {
    /// The signature component r.
    R,
    /// The signature component s.
    S,
    /// The private key d.
    D,
}

impl fmt::Display for ScalarKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ScalarKind::R => "signature component r",
            ScalarKind::S => "signature component s",
            ScalarKind::D => "private key d",
        })
    }
}

/// Why a GOST key or signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub(crate) enum GostError {
    /// The public-key point does not satisfy the curve equation.
    #[error(
        "the GOST public key is not a point of the {curve} curve: the key bytes are damaged or \
         the certificate names the wrong parameter set; check the key's parameter-set OID"
    )]
    PointNotOnCurve {
        /// The curve.
        curve: GostCurve,
    },
    /// The point is on the curve but outside the subgroup of order q.
    #[error(
        "the GOST public key is a point of the {curve} curve outside its subgroup of prime \
         order q (q·P ≠ O, a small-order component): such a key is refused; a genuine CA \
         never issues one"
    )]
    NotInSubgroup {
        /// The curve.
        curve: GostCurve,
    },
    /// A coordinate is not exactly bits/8 bytes, or not below p.
    #[error(
        "a GOST public-key coordinate is not a {len}-byte integer below the field prime of \
         {curve}: the key is truncated, padded, or belongs to a curve of another size"
    )]
    CoordinateOutOfRange {
        /// The curve.
        curve: GostCurve,
        /// The expected length in bytes.
        len: usize,
    },
    /// r, s or d is outside [1, q − 1].
    #[error(
        "the {which} is outside [1, q−1] for {curve} (RFC 7091 §6.1/§6.2): the signature or \
         key is malformed, or encoded for another curve size"
    )]
    ScalarOutOfRange {
        /// The curve.
        curve: GostCurve,
        /// Which scalar.
        which: ScalarKind,
    },
    /// The verification equation does not hold.
    #[error(
        "the GOST R 34.10 signature ({curve}) does not match the digest and public key: the \
         signed data was altered, the wrong key was used, or the digest / signature byte order \
         is reversed (GOST R 34.11 digests are little-endian in CMS)"
    )]
    BadSignature {
        /// The curve.
        curve: GostCurve,
    },
    /// The operating system's random source failed.
    #[error(
        "no random nonce for GOST signing: {0}; signing needs a fresh secret k from the OS \
         random source, retry when it is available"
    )]
    Random(String),
}

/// A GOST R 34.10 public key: a point of the order-q subgroup.
#[derive(Clone)]
pub(crate) struct GostPublicKey {
    curve: GostCurve,
    point: Point,
}

// Both variants are plain stack values (an affine point each); boxing the
// larger one would only add an allocation per key.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Copy)]
enum Point {
    W256(Affine<L256>),
    W512(Affine<L512>),
}

impl fmt::Debug for GostPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = |b: Vec<u8>| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        f.debug_struct("GostPublicKey")
            .field("curve", &self.curve)
            .field("x", &hex(self.x_be()))
            .field("y", &hex(self.y_be()))
            .finish()
    }
}

impl GostPublicKey {
    /// x, y as big-endian integers of exactly `curve.bits()/8` bytes.
    /// Refuses coordinates ≥ p, a point not on the curve, and (cofactor-4
    /// curves) a point outside the order-q subgroup (q·P ≠ O). The identity
    /// has no affine form, so it cannot be given here.
    pub(crate) fn from_affine(
        curve: GostCurve,
        x: &[u8],
        y: &[u8],
    ) -> Result<GostPublicKey, GostError> {
        let point = if curve.is_512() {
            Point::W512(point_from_affine(ctx512(curve), x, y)?)
        } else {
            Point::W256(point_from_affine(ctx256(curve), x, y)?)
        };
        Ok(GostPublicKey { curve, point })
    }

    /// The curve of the key.
    pub(crate) fn curve(&self) -> GostCurve {
        self.curve
    }

    /// x as big-endian bytes, exactly `bits/8` long.
    pub(crate) fn x_be(&self) -> Vec<u8> {
        match &self.point {
            Point::W256(p) => uint_to_be(&p.x.retrieve()),
            Point::W512(p) => uint_to_be(&p.x.retrieve()),
        }
    }

    /// y as big-endian bytes, exactly `bits/8` long.
    pub(crate) fn y_be(&self) -> Vec<u8> {
        match &self.point {
            Point::W256(p) => uint_to_be(&p.y.retrieve()),
            Point::W512(p) => uint_to_be(&p.y.retrieve()),
        }
    }

    /// RFC 7091 §6.2: e = the digest *as an integer given big-endian* (the
    /// caller does the byte order), any length; r, s big-endian, any length
    /// (leading zeros allowed). Refuses r or s outside [1, q−1];
    /// e mod q = 0 ⇒ e = 1.
    pub(crate) fn verify_prehash(&self, e: &[u8], r: &[u8], s: &[u8]) -> Result<(), GostError> {
        let ok = match &self.point {
            Point::W256(q) => verify_g(ctx256(self.curve), q, e, r, s)?,
            Point::W512(q) => verify_g(ctx512(self.curve), q, e, r, s)?,
        };
        if ok {
            Ok(())
        } else {
            Err(GostError::BadSignature { curve: self.curve })
        }
    }
}

/// A GOST R 34.10 private key d, 1 ≤ d ≤ q − 1, with its public key.
/// The scalar is wiped when the key is dropped.
pub(crate) struct GostSecretKey {
    secret: Secret,
    public: GostPublicKey,
}

enum Secret {
    W256(Uint<L256>),
    W512(Uint<L512>),
}

impl Drop for GostSecretKey {
    fn drop(&mut self) {
        match &mut self.secret {
            Secret::W256(d) => d.zeroize(),
            Secret::W512(d) => d.zeroize(),
        }
    }
}

impl fmt::Debug for GostSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GostSecretKey")
            .field("curve", &self.public.curve)
            .field("d", &"<secret>")
            .finish()
    }
}

impl GostSecretKey {
    /// d big-endian (leading zeros allowed), 1 ≤ d ≤ q−1 (refused otherwise).
    pub(crate) fn from_be_bytes(curve: GostCurve, d: &[u8]) -> Result<GostSecretKey, GostError> {
        let bad = GostError::ScalarOutOfRange {
            curve,
            which: ScalarKind::D,
        };
        if curve.is_512() {
            let ctx = ctx512(curve);
            let d = secret_scalar(ctx, d).ok_or(bad.clone())?;
            let q = ctx.mul_base_ct(&d).ok_or(bad)?;
            Ok(GostSecretKey {
                secret: Secret::W512(d),
                public: GostPublicKey {
                    curve,
                    point: Point::W512(q),
                },
            })
        } else {
            let ctx = ctx256(curve);
            let d = secret_scalar(ctx, d).ok_or(bad.clone())?;
            let q = ctx.mul_base_ct(&d).ok_or(bad)?;
            Ok(GostSecretKey {
                secret: Secret::W256(d),
                public: GostPublicKey {
                    curve,
                    point: Point::W256(q),
                },
            })
        }
    }

    /// The public key Q = d·G.
    pub(crate) fn public_key(&self) -> GostPublicKey {
        self.public.clone()
    }

    /// RFC 7091 §6.1. Returns (r, s), each exactly bits/8 bytes big-endian;
    /// `e` is the digest as a big-endian integer (any length). k comes from
    /// the OS random source (getrandom) and is drawn again when r = 0 or
    /// s = 0.
    pub(crate) fn sign_prehash(&self, e: &[u8]) -> Result<(Vec<u8>, Vec<u8>), GostError> {
        // Each attempt fails with probability < 2^-128 (r or s = 0) except
        // for the rejection of k ≥ q, which is at most 1/2 per draw; 128
        // draws in a row mean the random source is broken.
        for _ in 0..128 {
            let signed = match &self.secret {
                Secret::W256(d) => {
                    let ctx = ctx256(self.public.curve);
                    let k = random_scalar(ctx)?;
                    k.and_then(|k| sign_g(ctx, d, e, &k))
                }
                Secret::W512(d) => {
                    let ctx = ctx512(self.public.curve);
                    let k = random_scalar(ctx)?;
                    k.and_then(|k| sign_g(ctx, d, e, &k))
                }
            };
            if let Some(rs) = signed {
                return Ok(rs);
            }
        }
        Err(GostError::Random(
            "128 nonce candidates in a row were rejected, the random source looks broken".into(),
        ))
    }

    /// RFC 7091 §6.1 with a given k (known-answer tests only): `None` when
    /// k is outside [1, q−1] or r = 0 or s = 0.
    #[cfg(test)]
    pub(crate) fn sign_prehash_with_k(&self, e: &[u8], k: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
        match &self.secret {
            Secret::W256(d) => {
                let ctx = ctx256(self.public.curve);
                sign_g(ctx, d, e, &secret_scalar(ctx, k)?)
            }
            Secret::W512(d) => {
                let ctx = ctx512(self.public.curve);
                sign_g(ctx, d, e, &secret_scalar(ctx, k)?)
            }
        }
    }
}

fn point_from_affine<const L: usize>(
    ctx: &CurveCtx<L>,
    x: &[u8],
    y: &[u8],
) -> Result<Affine<L>, GostError> {
    let curve = ctx.curve;
    let len = curve.bits() / 8;
    let range = GostError::CoordinateOutOfRange { curve, len };
    if x.len() != len || y.len() != len {
        return Err(range);
    }
    let coord = |b: &[u8]| uint_from_be::<L>(b).filter(|v| *v < ctx.p);
    let (Some(xi), Some(yi)) = (coord(x), coord(y)) else {
        return Err(range);
    };
    let pt = Affine {
        x: Fe::new(&xi, &ctx.fp),
        y: Fe::new(&yi, &ctx.fp),
    };
    if !ctx.is_on_curve(&pt) {
        return Err(GostError::PointNotOnCurve { curve });
    }
    // RFC 7836 §2 / R 1323565.1.024-2019: keys on the cofactor-4 curves
    // must lie in the subgroup of order q, or a small-order component
    // leaks through (and verification no longer binds the key).
    if curve.cofactor() != 1 && !CurveCtx::is_identity(&ctx.mul_vartime(&pt, &ctx.q)) {
        return Err(GostError::NotInSubgroup { curve });
    }
    Ok(pt)
}

/// e mod q as a GF(q) element, for a big-endian integer of any length
/// (Horner over limb-sized chunks: acc·2^(64·L) + chunk); 0 becomes 1
/// (RFC 7091 §6.1 step 2, §6.2 step 2).
fn digest_scalar<const L: usize>(ctx: &CurveCtx<L>, e: &[u8]) -> Fe<L> {
    let n = Uint::<L>::BYTES;
    // R mod q (the Montgomery form of 1 is R mod q).
    let radix = Fe::new(ctx.fq.one(), &ctx.fq);
    let mut acc = Fe::zero(&ctx.fq);
    let head = e.len() % n;
    let (first, rest) = e.split_at(head);
    let mut chunks: Vec<&[u8]> = Vec::with_capacity(e.len() / n + 1);
    if !first.is_empty() {
        chunks.push(first);
    }
    chunks.extend(rest.chunks(n));
    for chunk in chunks {
        // A chunk of at most n bytes always fits.
        let v = uint_from_be::<L>(chunk).unwrap_or(Uint::ZERO);
        acc = acc.mul(&radix).add(&Fe::new(&v, &ctx.fq));
    }
    if acc == Fe::zero(&ctx.fq) {
        Fe::one(&ctx.fq)
    } else {
        acc
    }
}

/// r or s in [1, q−1] (public values: variable time).
fn signature_scalar<const L: usize>(
    ctx: &CurveCtx<L>,
    bytes: &[u8],
    which: ScalarKind,
) -> Result<Uint<L>, GostError> {
    uint_from_be::<L>(bytes)
        .filter(|v| *v != Uint::ZERO && *v < ctx.q)
        .ok_or(GostError::ScalarOutOfRange {
            curve: ctx.curve,
            which,
        })
}

/// A secret scalar in [1, q−1]; the range check is constant time.
fn secret_scalar<const L: usize>(ctx: &CurveCtx<L>, bytes: &[u8]) -> Option<Uint<L>> {
    let v = uint_from_be::<L>(bytes)?;
    let ok = v.ct_lt(&ctx.q) & !v.ct_eq(&Uint::ZERO);
    bool::from(ok).then_some(v)
}

/// A uniformly random k in [1, q−1] by rejection sampling on bitlen(q)
/// bits; `Ok(None)` when the draw is rejected.
fn random_scalar<const L: usize>(ctx: &CurveCtx<L>) -> Result<Option<Uint<L>>, GostError> {
    let mut buf = [0u8; 64];
    let n = Uint::<L>::BYTES;
    let Some(bytes) = buf.get_mut(..n) else {
        return Err(GostError::Random("internal buffer too small".into()));
    };
    getrandom::fill(bytes).map_err(|e| GostError::Random(e.to_string()))?;
    let mut k = Uint::<L>::from_be_slice(bytes);
    bytes.zeroize();
    // Keep bitlen(q) bits: the shift amount is public.
    k = k.shr_vartime(Uint::<L>::BITS - ctx.q.bits_vartime());
    let ok = k.ct_lt(&ctx.q) & !k.ct_eq(&Uint::ZERO);
    let out = bool::from(ok).then_some(k);
    k.zeroize();
    Ok(out)
}

/// RFC 7091 §6.1 steps 2–5 for a given k in [1, q−1]; `None` when r = 0
/// or s = 0 (the caller draws another k). Constant time in d and k.
fn sign_g<const L: usize>(
    ctx: &CurveCtx<L>,
    d: &Uint<L>,
    e: &[u8],
    k: &Uint<L>,
) -> Option<(Vec<u8>, Vec<u8>)> {
    let e = digest_scalar(ctx, e);
    // Step 3: C = kP; step 4: r = x_C mod q. x_C < p < 2^(64·L), so the
    // Montgomery conversion mod q reduces it (in constant time).
    let c = ctx.mul_base_ct(k)?;
    let r = Fe::new(&c.x.retrieve(), &ctx.fq);
    let zero = Fe::zero(&ctx.fq);
    if r == zero {
        return None;
    }
    // Step 5: s = (r·d + k·e) mod q.
    let mut dq = Fe::new(d, &ctx.fq);
    let mut kq = Fe::new(k, &ctx.fq);
    let s = r.mul(&dq).add(&kq.mul(&e));
    dq.zeroize();
    kq.zeroize();
    if s == zero {
        return None;
    }
    Some((uint_to_be(&r.retrieve()), uint_to_be(&s.retrieve())))
}

/// RFC 7091 §6.2; `Ok(false)` when the equation fails.
fn verify_g<const L: usize>(
    ctx: &CurveCtx<L>,
    q: &Affine<L>,
    e: &[u8],
    r: &[u8],
    s: &[u8],
) -> Result<bool, GostError> {
    // Step 1: 0 < r < q, 0 < s < q.
    let r = signature_scalar(ctx, r, ScalarKind::R)?;
    let s = signature_scalar(ctx, s, ScalarKind::S)?;
    // Step 2: e = α mod q, 0 ⇒ 1; step 3: v = e⁻¹ mod q.
    let Some(v) = digest_scalar(ctx, e).invert_vartime().into_option() else {
        return Ok(false);
    };
    // Step 4: z1 = s·v, z2 = −r·v (mod q).
    let z1 = Fe::new(&s, &ctx.fq).mul(&v).retrieve();
    let z2 = Fe::new(&r, &ctx.fq).mul(&v).neg().retrieve();
    // Step 5: C = z1·P + z2·Q, R = x_C mod q; step 6: R = r.
    let c = ctx.mul_double_vartime(&z1, q, &z2);
    Ok(ctx.x_matches_mod_q(&c, &r))
}
