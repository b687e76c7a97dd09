//! The verified-path cache: a signer chain validated once is not validated
//! again for the next document — but only where a cold validation would
//! give the same answer, at the same cost.
//!
//! Path building ([`crate::path::build_path_in`]) is a deterministic
//! function of: the signer certificate; the certificates available to build
//! with (the envelope's and the caller's: candidate issuers *and* separate
//! CRL signers); the anchors and signature verifiers (fixed for one
//! [`super::Verifier`], which owns the cache, so the registry snapshot is
//! part of the key by construction); the CRLs and revocation mode; the
//! budget; and the validation time — which enters only by comparison with
//! the validity bounds of certificates (RFC 5280 §6.1.3 (a)(2)) and with the
//! thisUpdate / nextUpdate of CRLs (§6.3.3 (a)). So:
//!
//! - the key is (signer, the whole set of available certificates, the CRL
//!   set, the revocation mode): a different pool — one intermediate or CRL
//!   signer more or less — is a different entry;
//! - an entry holds for the interval of validation times over which every
//!   one of those comparisons, for *every* available certificate and CRL
//!   (not only those of the path: a CRL signer or a rejected candidate
//!   counts as much), comes out as it did when the entry was made;
//! - an entry records what its search spent ([`Budget::spent_since`]); a hit
//!   charges the document's budget the same amount, and is refused when the
//!   document has less left (a cold search would then have run out).
//!
//! Only successes are cached; failures are always recomputed. Policy,
//! profile and recognition are not cached here: they are cheap and depend on
//! the relying jurisdiction. `tests/verify_cache_prop.rs` compares a caching
//! and a cold verifier over random request sequences.
//!
//! Memory is bounded: at most `capacity` entries, the oldest evicted first.
//! The cache is behind a mutex, so one verifier can serve many threads.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Mutex;

use crate::Time;
use crate::cert::Certificate;
use crate::path::{Budget, Crl, RevocationMode, VerifiedPath};
use crate::profile::ProfileReport;

/// What a cached path depends on besides the time and the certificate pool.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PathKey {
    signer: [u8; 32],
    /// The set of available certificates ([`pool_digest`]).
    pool: [u8; 32],
    crls: [u8; 32],
    mode: u8,
}

/// A digest naming a set of certificate fingerprints (order and repeats ignored).
pub(crate) fn pool_digest(fingerprints: &HashSet<[u8; 32]>) -> [u8; 32] {
    let mut sorted: Vec<&[u8; 32]> = fingerprints.iter().collect();
    sorted.sort_unstable();
    let mut out = [0u8; 32];
    let joined: Vec<u8> = sorted.into_iter().flatten().copied().collect();
    if let Some(d) = crate::HashAlgorithm::Sha256.digest(&joined) {
        out.copy_from_slice(&d);
    }
    out
}

impl PathKey {
    pub(crate) fn new(
        signer: &Certificate,
        pool: [u8; 32],
        crls: &[Crl],
        mode: RevocationMode,
    ) -> PathKey {
        let mut fingerprints: Vec<[u8; 32]> = crls
            .iter()
            .map(|c| {
                let mut f = [0u8; 32];
                if let Some(d) = crate::HashAlgorithm::Sha256.digest(c.der()) {
                    f.copy_from_slice(&d);
                }
                f
            })
            .collect();
        fingerprints.sort_unstable();
        // No CRLs (the common case) needs no digest: all zeros names the empty set.
        let mut crl_set = [0u8; 32];
        if !fingerprints.is_empty()
            && let Some(d) = crate::HashAlgorithm::Sha256.digest(&fingerprints.concat())
        {
            crl_set.copy_from_slice(&d);
        }
        PathKey {
            signer: signer.fingerprint_sha256(),
            pool,
            crls: crl_set,
            mode: match mode {
                RevocationMode::Off => 0,
                RevocationMode::Preferred => 1,
                RevocationMode::Required => 2,
            },
        }
    }
}

struct Entry {
    path: VerifiedPath,
    /// First validation time (inclusive) the answer holds for.
    from: Time,
    /// Last validation time (inclusive) the answer holds for.
    until: Time,
    /// What the search that found it spent.
    cost: Budget,
}

/// A map of at most `capacity` entries, the oldest evicted first, behind
/// a mutex so that one verifier serves many threads.
pub(crate) struct BoundedMap<K, V> {
    capacity: usize,
    inner: Mutex<Bounded<K, V>>,
}

struct Bounded<K, V> {
    map: HashMap<K, V>,
    order: VecDeque<K>,
    hits: u64,
    misses: u64,
}

impl<K: std::hash::Hash + Eq + Clone, V> BoundedMap<K, V> {
    pub(crate) fn new(capacity: usize) -> BoundedMap<K, V> {
        BoundedMap {
            capacity,
            inner: Mutex::new(Bounded {
                map: HashMap::new(),
                order: VecDeque::new(),
                hits: 0,
                misses: 0,
            }),
        }
    }

    /// The value for `key` if `usable` accepts it (counted as a hit), else `None` (a miss).
    pub(crate) fn get<T>(&self, key: &K, usable: impl FnOnce(&V) -> Option<T>) -> Option<T> {
        if self.capacity == 0 {
            return None;
        }
        let mut inner = self.inner.lock().ok()?;
        let found = inner.map.get(key).and_then(usable);
        if found.is_some() {
            inner.hits += 1;
        } else {
            inner.misses += 1;
        }
        found
    }

    pub(crate) fn insert(&self, key: K, value: V) {
        if self.capacity == 0 {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.map.contains_key(&key) {
            inner.order.retain(|k| k != &key);
        }
        while inner.map.len() >= self.capacity {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            inner.map.remove(&oldest);
        }
        inner.map.insert(key.clone(), value);
        inner.order.push_back(key);
    }

    pub(crate) fn stats(&self) -> CacheStats {
        let (hits, misses, entries) = self
            .inner
            .lock()
            .map(|i| (i.hits, i.misses, i.map.len()))
            .unwrap_or_default();
        CacheStats {
            hits,
            misses,
            entries,
            capacity: self.capacity,
        }
    }
}

/// A bounded, thread-safe cache of verified paths.
pub(crate) struct PathCache(BoundedMap<PathKey, Entry>);

/// Cache statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheStats {
    /// Entries handed out.
    pub hits: u64,
    /// Lookups that found nothing usable.
    pub misses: u64,
    /// Entries held now.
    pub entries: usize,
    /// The most entries held.
    pub capacity: usize,
}

impl PathCache {
    pub(crate) fn new(capacity: usize) -> PathCache {
        PathCache(BoundedMap::new(capacity))
    }

    /// The cached path for `key` if it holds at `at` and `available` (what
    /// the document has left) covers what finding it cost; with that cost.
    pub(crate) fn get(
        &self,
        key: &PathKey,
        at: Time,
        available: &Budget,
    ) -> Option<(VerifiedPath, Budget)> {
        self.0.get(key, |e| {
            (e.from <= at && at <= e.until && available.covers(&e.cost))
                .then(|| (e.path.clone(), e.cost))
        })
    }

    /// Stores a path found at `at` for a search that spent `cost`, given
    /// every certificate that was available (`signer` and `pool`) and the
    /// CRLs consulted in `mode`, for the interval of validation times over
    /// which a cold search answers the same.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn put(
        &self,
        key: PathKey,
        path: &VerifiedPath,
        cost: Budget,
        at: Time,
        signer: &Certificate,
        pool: &[Certificate],
        crls: &[Crl],
        mode: RevocationMode,
    ) {
        let (from, until) = stable_interval(at, signer, pool, crls, mode);
        self.0.insert(
            key,
            Entry {
                path: path.clone(),
                from,
                until,
                cost,
            },
        );
    }

    pub(crate) fn stats(&self) -> CacheStats {
        self.0.stats()
    }
}

/// Certificates parsed once per distinct encoding, with their national
/// profile: both are functions of the bytes alone (the envelope's
/// real-world leniency is fixed), so reusing them cannot change a verdict.
pub(crate) struct ParsedCache(BoundedMap<[u8; 32], Parsed>);

/// A parsed certificate and, once a signer's was needed, its profile.
#[derive(Clone)]
pub(crate) struct Parsed {
    pub(crate) certificate: Certificate,
    pub(crate) profile: Option<ProfileReport>,
}

impl ParsedCache {
    pub(crate) fn new(capacity: usize) -> ParsedCache {
        ParsedCache(BoundedMap::new(capacity))
    }

    /// The parsed certificate (and profile, if computed) for DER with this SHA-256.
    pub(crate) fn get(&self, der_sha256: &[u8; 32]) -> Option<Parsed> {
        self.0.get(der_sha256, |v| Some(v.clone()))
    }

    pub(crate) fn insert(&self, cert: &Certificate, profile: Option<&ProfileReport>) {
        self.0.insert(
            cert.fingerprint_sha256(),
            Parsed {
                certificate: cert.clone(),
                profile: profile.cloned(),
            },
        );
    }
}

/// The validation times around `at` at which every comparison of the
/// validation time that path building can make comes out as at `at`: for
/// the signer and every available certificate, whether the time is before,
/// within or after its validity (RFC 5280 §4.1.2.5, both ends inclusive);
/// and, when CRLs are consulted, for every CRL whether it is before its
/// thisUpdate, current, or past its nextUpdate. Always contains `at`.
fn stable_interval(
    at: Time,
    signer: &Certificate,
    pool: &[Certificate],
    crls: &[Crl],
    mode: RevocationMode,
) -> (Time, Time) {
    let mut window = (Time::from_unix(i64::MIN / 2), Time::from_unix(i64::MAX / 2));
    for c in std::iter::once(signer).chain(pool) {
        let v = c.validity();
        narrow(&mut window, at, v.not_before, Some(v.not_after));
    }
    if mode != RevocationMode::Off {
        for crl in crls {
            narrow(&mut window, at, crl.this_update(), crl.next_update());
        }
    }
    window
}

/// Narrows `window` to the part of the three regions (before `start`;
/// `start` to `end` inclusive; after `end`) that holds `at`.
fn narrow(window: &mut (Time, Time), at: Time, start: Time, end: Option<Time>) {
    let second = |t: Time, d: i64| Time::from_unix(t.unix_seconds().saturating_add(d));
    let (from, until) = if at < start {
        (Time::from_unix(i64::MIN / 2), second(start, -1))
    } else if end.is_none_or(|e| at <= e) {
        (start, end.unwrap_or(Time::from_unix(i64::MAX / 2)))
    } else {
        (
            second(end.unwrap_or(start), 1),
            Time::from_unix(i64::MAX / 2),
        )
    };
    window.0 = window.0.max(from);
    window.1 = window.1.min(until);
}
