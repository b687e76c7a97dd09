//! The GOST R 34.10 parameter sets in real use, with every OID alias that
//! certificates carry (Russian CryptoPro and TC26 arcs, the Kazakh arc).

use crate::oid::Oid;

/// A GOST R 34.10-2001 / 2012 elliptic-curve parameter set.
///
/// Each variant is one curve; several OIDs name the same curve (CryptoPro-A
/// is also CryptoPro-XchA, tc26-256-B and the Kazakh 1.2.398.3.10.1.1.1.1.1),
/// and [`GostCurve::from_oid`] maps every alias.
///
/// ```
/// use sigbridge::Oid;
/// use sigbridge::crypto::GostCurve;
///
/// let kz: Oid = "1.2.398.3.10.1.1.1.1.1".parse().unwrap();
/// let curve = GostCurve::from_oid(&kz).unwrap();
/// assert_eq!(curve, GostCurve::CryptoProA);
/// assert_eq!(curve.name(), "CryptoPro-A");
/// assert_eq!(curve.oid().to_string(), "1.2.643.2.2.35.1");
/// assert_eq!((curve.bits(), curve.cofactor()), (256, 1));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GostCurve {
    /// The 256-bit test curve of GOST R 34.10-2001/2012 (RFC 4357 §11.4,
    /// id-GostR3410-2001-TestParamSet, 1.2.643.2.2.35.0); for test vectors only.
    Test256,
    /// CryptoPro-A (RFC 4357 §11.4; = XchA = tc26-256-B = KZ 256).
    CryptoProA,
    /// CryptoPro-B (RFC 4357 §11.4; = tc26-256-C).
    CryptoProB,
    /// CryptoPro-C (RFC 4357 §11.4; = XchB = tc26-256-D).
    CryptoProC,
    /// tc26-256-A, a twisted Edwards curve in Weierstrass form, cofactor 4
    /// (RFC 7836 Appendix A.1, Edwards form in A.2; = KZ 1.2.398.3.10.1.1.2.1.1).
    Tc26_256A,
    /// The 512-bit test curve of GOST R 34.10-2012 Appendix A.2
    /// (1.2.643.7.1.2.1.2.0); for test vectors only.
    Test512,
    /// tc26-512-A (R 1323565.1.024-2019; = KZ 1.2.398.3.10.1.1.2.2.1).
    Tc26_512A,
    /// tc26-512-B (R 1323565.1.024-2019).
    Tc26_512B,
    /// tc26-512-C, a twisted Edwards curve in Weierstrass form, cofactor 4
    /// (RFC 7836 Appendix A.1, Edwards form in A.2).
    Tc26_512C,
}

/// Every OID that names a curve, canonical first for each curve.
const ALIASES: [(&str, GostCurve); 17] = [
    ("1.2.643.2.2.35.0", GostCurve::Test256),
    ("1.2.643.2.2.35.1", GostCurve::CryptoProA),
    ("1.2.643.2.2.36.0", GostCurve::CryptoProA),
    ("1.2.643.7.1.2.1.1.2", GostCurve::CryptoProA),
    // Kazakhstan, ST RK GOST R 34.10-2015 (NCA RK arc 1.2.398.3.10).
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

impl GostCurve {
    /// Every curve, 256-bit ones first.
    #[cfg(test)]
    pub(crate) const ALL: [GostCurve; 9] = [
        GostCurve::Test256,
        GostCurve::CryptoProA,
        GostCurve::CryptoProB,
        GostCurve::CryptoProC,
        GostCurve::Tc26_256A,
        GostCurve::Test512,
        GostCurve::Tc26_512A,
        GostCurve::Tc26_512B,
        GostCurve::Tc26_512C,
    ];

    /// The curve a parameter-set OID names (any alias), or `None`.
    pub fn from_oid(oid: &Oid) -> Option<GostCurve> {
        let dotted = oid.dotted();
        ALIASES
            .iter()
            .find(|(s, _)| *s == dotted.as_str())
            .map(|&(_, c)| c)
    }

    /// The canonical OID (CryptoPro arc for the 2001 curves, TC26 arc for the
    /// 2012 ones).
    pub fn oid(&self) -> Oid {
        match self {
            GostCurve::Test256 => Oid::new_unwrap("1.2.643.2.2.35.0"),
            GostCurve::CryptoProA => Oid::new_unwrap("1.2.643.2.2.35.1"),
            GostCurve::CryptoProB => Oid::new_unwrap("1.2.643.2.2.35.2"),
            GostCurve::CryptoProC => Oid::new_unwrap("1.2.643.2.2.35.3"),
            GostCurve::Tc26_256A => Oid::new_unwrap("1.2.643.7.1.2.1.1.1"),
            GostCurve::Test512 => Oid::new_unwrap("1.2.643.7.1.2.1.2.0"),
            GostCurve::Tc26_512A => Oid::new_unwrap("1.2.643.7.1.2.1.2.1"),
            GostCurve::Tc26_512B => Oid::new_unwrap("1.2.643.7.1.2.1.2.2"),
            GostCurve::Tc26_512C => Oid::new_unwrap("1.2.643.7.1.2.1.2.3"),
        }
    }

    /// A short human name: `CryptoPro-A`, `tc26-256-A`, `tc26-512-C`, …
    pub fn name(&self) -> &'static str {
        match self {
            GostCurve::Test256 => "GOST-256-Test",
            GostCurve::CryptoProA => "CryptoPro-A",
            GostCurve::CryptoProB => "CryptoPro-B",
            GostCurve::CryptoProC => "CryptoPro-C",
            GostCurve::Tc26_256A => "tc26-256-A",
            GostCurve::Test512 => "tc26-512-Test",
            GostCurve::Tc26_512A => "tc26-512-A",
            GostCurve::Tc26_512B => "tc26-512-B",
            GostCurve::Tc26_512C => "tc26-512-C",
        }
    }

    /// The size of p and q in bits as the standard counts it: 256 or 512
    /// (coordinates, r and s are `bits() / 8` bytes).
    pub fn bits(&self) -> usize {
        if self.is_512() { 512 } else { 256 }
    }

    /// The cofactor h = #E / q: 4 for the twisted Edwards curves tc26-256-A
    /// and tc26-512-C (RFC 7836 Appendix A: m = 4q), 1 for the others.
    pub fn cofactor(&self) -> u32 {
        match self {
            GostCurve::Tc26_256A | GostCurve::Tc26_512C => 4,
            _ => 1,
        }
    }

    pub(crate) fn is_512(&self) -> bool {
        matches!(
            self,
            GostCurve::Test512 | GostCurve::Tc26_512A | GostCurve::Tc26_512B | GostCurve::Tc26_512C
        )
    }

    /// The domain parameters as big-endian hex.
    pub(crate) fn params(&self) -> &'static CurveHex {
        match self {
            GostCurve::Test256 => &TEST_256,
            GostCurve::CryptoProA => &CRYPTOPRO_A,
            GostCurve::CryptoProB => &CRYPTOPRO_B,
            GostCurve::CryptoProC => &CRYPTOPRO_C,
            GostCurve::Tc26_256A => &TC26_256_A,
            GostCurve::Test512 => &TEST_512,
            GostCurve::Tc26_512A => &TC26_512_A,
            GostCurve::Tc26_512B => &TC26_512_B,
            GostCurve::Tc26_512C => &TC26_512_C,
        }
    }
}

impl std::fmt::Display for GostCurve {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Short Weierstrass domain parameters y² = x³ + ax + b over GF(p), base
/// point (x, y) of prime order q; big-endian hex of exactly bits/4 digits.
pub(crate) struct CurveHex {
    pub(crate) p: &'static str,
    pub(crate) a: &'static str,
    pub(crate) b: &'static str,
    pub(crate) q: &'static str,
    pub(crate) x: &'static str,
    pub(crate) y: &'static str,
}

/// RFC 4357 §11.4 id-GostR3410-2001-TestParamSet (= GOST R 34.10-2012
/// Appendix A.1, RFC 7091 §7.1).
const TEST_256: CurveHex = CurveHex {
    p: "8000000000000000000000000000000000000000000000000000000000000431",
    a: "0000000000000000000000000000000000000000000000000000000000000007",
    b: "5FBFF498AA938CE739B8E022FBAFEF40563F6E6A3472FC2A514C0CE9DAE23B7E",
    q: "8000000000000000000000000000000150FE8A1892976154C59CFC193ACCF5B3",
    x: "0000000000000000000000000000000000000000000000000000000000000002",
    y: "08E2A8A0E65147D4BD6316030E16D19C85C97F0A9CA267122B96ABBCEA7E8FC8",
};

/// RFC 4357 §11.4 id-GostR3410-2001-CryptoPro-A-ParamSet.
const CRYPTOPRO_A: CurveHex = CurveHex {
    p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
    a: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD94",
    b: "00000000000000000000000000000000000000000000000000000000000000A6",
    q: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893",
    x: "0000000000000000000000000000000000000000000000000000000000000001",
    y: "8D91E471E0989CDA27DF505A453F2B7635294F2DDF23E3B122ACC99C9E9F1E14",
};

/// RFC 4357 §11.4 id-GostR3410-2001-CryptoPro-B-ParamSet.
const CRYPTOPRO_B: CurveHex = CurveHex {
    p: "8000000000000000000000000000000000000000000000000000000000000C99",
    a: "8000000000000000000000000000000000000000000000000000000000000C96",
    b: "3E1AF419A269A5F866A7D3C25C3DF80AE979259373FF2B182F49D4CE7E1BBC8B",
    q: "800000000000000000000000000000015F700CFFF1A624E5E497161BCC8A198F",
    x: "0000000000000000000000000000000000000000000000000000000000000001",
    y: "3FA8124359F96680B83D1C3EB2C070E5C545C9858D03ECFB744BF8D717717EFC",
};

/// RFC 4357 §11.4 id-GostR3410-2001-CryptoPro-C-ParamSet.
const CRYPTOPRO_C: CurveHex = CurveHex {
    p: "9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D759B",
    a: "9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D7598",
    b: "000000000000000000000000000000000000000000000000000000000000805A",
    q: "9B9F605F5A858107AB1EC85E6B41C8AA582CA3511EDDFB74F02F3A6598980BB9",
    x: "0000000000000000000000000000000000000000000000000000000000000000",
    y: "41ECE55743711A8C3CBF3783CD08C0EE4D4DC440D4641A8F366E550DFDB3BB67",
};

/// RFC 7836 Appendix A.1 id-tc26-gost-3410-2012-256-paramSetA, canonical
/// (Weierstrass) form; A.2 gives the twisted Edwards form e = 1,
/// d = 0605F6B7…BFFB. Group order m = 4q.
const TC26_256_A: CurveHex = CurveHex {
    p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
    a: "C2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335",
    b: "295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513",
    q: "400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67",
    x: "91E38443A5E82C0D880923425712B2BB658B9196932E02C78B2582FE742DAA28",
    y: "32879423AB1A0375895786C4BB46E9565FDE0B5344766740AF268ADB32322E5C",
};

/// GOST R 34.10-2012 Appendix A.2 (example 2) test curve,
/// id-tc26-gost-3410-2012-512-paramSetTest.
const TEST_512: CurveHex = CurveHex {
    p: "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15D\
        F1D852741AF4704A0458047E80E4546D35B8336FAC224DD81664BBF528BE6373",
    a: "0000000000000000000000000000000000000000000000000000000000000000\
        0000000000000000000000000000000000000000000000000000000000000007",
    b: "1CFF0806A31116DA29D8CFA54E57EB748BC5F377E49400FDD788B649ECA1AC43\
        61834013B2AD7322480A89CA58E0CF74BC9E540C2ADD6897FAD0A3084F302ADC",
    q: "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15D\
        A82F2D7ECB1DBAC719905C5EECC423F1D86E25EDBE23C595D644AAF187E6E6DF",
    x: "24D19CC64572EE30F396BF6EBBFD7A6C5213B3B3D7057CC825F91093A68CD762\
        FD60611262CD838DC6B60AA7EEE804E28BC849977FAC33B4B530F1B120248A9A",
    y: "2BB312A43BD2CE6E0D020613C857ACDDCFBF061E91E5F2C3F32447C259F39B2C\
        83AB156D77F1496BF7EB3351E1EE4E43DC1A18B91B24640B6DBB92CB1ADD371E",
};

/// TC26 R 1323565.1.024-2019 id-tc26-gost-3410-12-512-paramSetA.
const TC26_512_A: CurveHex = CurveHex {
    p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\
        FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7",
    a: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\
        FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4",
    b: "E8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265\
        EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760",
    q: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\
        27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275",
    x: "0000000000000000000000000000000000000000000000000000000000000000\
        0000000000000000000000000000000000000000000000000000000000000003",
    y: "7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921\
        DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4",
};

/// TC26 R 1323565.1.024-2019 id-tc26-gost-3410-12-512-paramSetB.
const TC26_512_B: CurveHex = CurveHex {
    p: "8000000000000000000000000000000000000000000000000000000000000000\
        000000000000000000000000000000000000000000000000000000000000006F",
    a: "8000000000000000000000000000000000000000000000000000000000000000\
        000000000000000000000000000000000000000000000000000000000000006C",
    b: "687D1B459DC841457E3E06CF6F5E2517B97C7D614AF138BCBF85DC806C4B289F\
        3E965D2DB1416D217F8B276FAD1AB69C50F78BEE1FA3106EFB8CCBC7C5140116",
    q: "8000000000000000000000000000000000000000000000000000000000000001\
        49A1EC142565A545ACFDB77BD9D40CFA8B996712101BEA0EC6346C54374F25BD",
    x: "0000000000000000000000000000000000000000000000000000000000000000\
        0000000000000000000000000000000000000000000000000000000000000002",
    y: "1A8F7EDA389B094C2C071E3647A8940F3C123B697578C213BE6DD9E6C8EC7335\
        DCB228FD1EDF4A39152CBCAAF8C0398828041055F94CEEEC7E21340780FE41BD",
};

/// RFC 7836 Appendix A.1 id-tc26-gost-3410-2012-512-paramSetC, canonical
/// (Weierstrass) form; A.2 gives the twisted Edwards form e = 1,
/// d = 9E4F5D8C…7550. Group order m = 4q.
const TC26_512_C: CurveHex = CurveHex {
    p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\
        FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7",
    a: "DC9203E514A721875485A529D2C722FB187BC8980EB866644DE41C68E1430645\
        46E861C0E2C9EDD92ADE71F46FCF50FF2AD97F951FDA9F2A2EB6546F39689BD3",
    b: "B4C4EE28CEBC6C2C8AC12952CF37F16AC7EFB6A9F69F4B57FFDA2E4F0DE5ADE0\
        38CBC2FFF719D2C18DE0284B8BFEF3B52B8CC7A5F5BF0A3C8D2319A5312557E1",
    q: "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\
        C98CDBA46506AB004C33A9FF5147502CC8EDA9E7A769A12694623CEF47F023ED",
    x: "E2E31EDFC23DE7BDEBE241CE593EF5DE2295B7A9CBAEF021D385F7074CEA043A\
        A27272A7AE602BF2A7B9033DB9ED3610C6FB85487EAE97AAC5BC7928C1950148",
    y: "F5CE40D95B5EB899ABBCCFF5911CB8577939804D6527378B8C108C3D2090FF9B\
        E18E2D33E3021ED2EF32D85822423B6304F726AA854BAE07D0396E9A9ADDC40F",
};
