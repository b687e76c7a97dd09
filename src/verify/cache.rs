//! The verified-path cache: a signer chain validated once is not validated
//! again for the next document — but only where a cold validation would
//! give the same answer.
//!
//! A path found by [`crate::path::build_path`] depends on: the signer
//! certificate; the certificates available to build with; the anchors and
//! signature verifiers (fixed for one [`super::Verifier`], which owns the
//! cache, so the registry snapshot is part of the key by construction); the
//! CRLs and revocation mode; and the validation time, through each path
//! certificate's validity period and each CRL's thisUpdate–nextUpdate.
//! The cache therefore keys an entry by (signer certificate, CRL set,
//! revocation mode), stores with it the interval of validation times over
//! which every one of those periods gives the same answer, and hands a path
//! out only when the time falls in that interval and every certificate of
//! the path is among those available now. Only successes are cached;
//! failures are always recomputed. Policy, profile and recognition are not
//! cached at all: they are cheap and depend on the relying jurisdiction.
//!
//! Memory is bounded: at most `capacity` entries, the oldest evicted first.
//! The cache is behind a mutex, so one verifier can serve many threads.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Mutex;

use crate::Time;
use crate::cert::Certificate;
use crate::path::{Crl, RevocationMode, VerifiedPath};
use crate::profile::ProfileReport;

/// What a cached path depends on besides the time and the certificate pool.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PathKey {
    signer: [u8; 32],
    crls: [u8; 32],
    mode: u8,
}

impl PathKey {
    pub(crate) fn new(signer: &Certificate, crls: &[Crl], mode: RevocationMode) -> PathKey {
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
    /// Fingerprints of the path's certificates after the signer's.
    members: Vec<[u8; 32]>,
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

    /// The cached path for `key` if it holds at `at` and all of its
    /// certificates are in `pool` (fingerprints of the certificates available now).
    pub(crate) fn get(
        &self,
        key: &PathKey,
        at: Time,
        pool: &HashSet<[u8; 32]>,
    ) -> Option<VerifiedPath> {
        self.0.get(key, |e| {
            (e.from <= at && at <= e.until && e.members.iter().all(|m| pool.contains(m)))
                .then(|| e.path.clone())
        })
    }

    /// Stores a path found at `at` with `crls` in `mode`, for the interval
    /// of validation times over which a cold validation answers the same.
    pub(crate) fn put(
        &self,
        key: PathKey,
        path: &VerifiedPath,
        at: Time,
        crls: &[Crl],
        mode: RevocationMode,
    ) {
        let Some((from, until)) = stable_interval(path, at, crls, mode) else {
            return;
        };
        let members = path
            .certificates
            .iter()
            .skip(1)
            .map(|c| c.certificate.fingerprint_sha256())
            .collect();
        self.0.insert(
            key,
            Entry {
                path: path.clone(),
                from,
                until,
                members,
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

/// The validation times around `at` at which every input that depends on
/// time is in the same state as at `at`: each path certificate within its
/// validity (RFC 5280 §4.1.2.5, both ends inclusive), and, when CRLs are
/// consulted, each CRL current (thisUpdate ≤ t ≤ nextUpdate, as the
/// revocation check requires). `None` when no such interval beyond `at`
/// can be promised (a CRL not current at `at`: its becoming current could
/// change the answer).
fn stable_interval(
    path: &VerifiedPath,
    at: Time,
    crls: &[Crl],
    mode: RevocationMode,
) -> Option<(Time, Time)> {
    let mut from = Time::from_unix(i64::MIN / 2);
    let mut until = Time::from_unix(i64::MAX / 2);
    for c in &path.certificates {
        let v = c.certificate.validity();
        from = from.max(v.not_before);
        until = until.min(v.not_after);
    }
    if mode != RevocationMode::Off {
        for crl in crls {
            let current = crl.this_update() <= at && crl.next_update().is_none_or(|n| at <= n);
            if !current {
                return None;
            }
            from = from.max(crl.this_update());
            if let Some(n) = crl.next_update() {
                until = until.min(n);
            }
        }
    }
    (from <= at && at <= until).then_some((from, until))
}
