//! The time-stamp recognition query: does relying jurisdiction R accept a
//! time-stamp whose time-stamping unit's path ends at a listed TSA anchor,
//! for a document type at a time — on which basis, at which levels, or why
//! not.
//!
//! A TSA is listed per jurisdiction like a CA (ETSI TS 119 612 §5.5.1
//! service type `Svctype/TSA` or `Svctype/TSA/QTST`), with a status history
//! and the time-stamp levels it may give (eIDAS Art. 41–42: a qualified
//! electronic time-stamp). Which TSAs R accepts is R's policy
//! ([`TsaAcceptance`]): its own (and its union's), also those of
//! jurisdictions it has an agreement with, or any listed one.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::model::{AgreementGap, ListingStatus, ServiceKind, StatusChange};
use super::{DocumentType, Registry};
use crate::{Jurisdiction, Time};

/// Whose time-stamping authorities a relying jurisdiction accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TsaAcceptance {
    /// Only TSAs listed by the relying jurisdiction, or by the union it
    /// belongs to (eIDAS Art. 41(3): a qualified time-stamp issued in one
    /// member state is recognised in all member states).
    Own,
    /// Its own, and those listed by a jurisdiction it has a recognition
    /// agreement with that is in force and covers the document type
    /// (eIDAS Art. 14: trust services of third countries are recognised
    /// through an agreement). The default.
    #[default]
    Recognised,
    /// Any TSA listed anywhere in the registry.
    AnyListed,
}

impl fmt::Display for TsaAcceptance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TsaAcceptance::Own => "own",
            TsaAcceptance::Recognised => "recognised",
            TsaAcceptance::AnyListed => "any-listed",
        })
    }
}

/// A time-stamp recognition question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampQuery {
    /// The jurisdiction whose law the relying party applies.
    pub relying: Jurisdiction,
    /// The document type whose signature is time-stamped.
    pub document_type: DocumentType,
    /// The time the time-stamp is judged at (e.g. its genTime).
    pub at: Time,
    /// The registry id of the TSA anchor the time-stamping unit's path
    /// ends at ([`Registry::tsa_listing_for_path`]).
    pub anchor_id: String,
    /// Whose TSAs the relying jurisdiction accepts (its policy's
    /// `timestamps.accept`).
    pub acceptance: TsaAcceptance,
    /// The lowest time-stamp level accepted, if any (its policy's
    /// `timestamps.min_level`).
    pub min_level: Option<String>,
}

/// Why a TSA is accepted (or, under a wider acceptance, what it would need).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimestampBasis {
    /// Listed by the relying jurisdiction, or by the union it belongs to.
    Own,
    /// Listed by a jurisdiction whose agreement with the relying one is in
    /// force at the time and covers the document type.
    Partner {
        /// The agreement id.
        agreement: String,
    },
    /// Listed in the registry, by a jurisdiction that is neither.
    Listed,
}

impl fmt::Display for TimestampBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimestampBasis::Own => f.write_str("listed by the relying jurisdiction"),
            TimestampBasis::Partner { agreement } => {
                write!(f, "listed by a partner under agreement '{agreement}'")
            }
            TimestampBasis::Listed => f.write_str("listed in the registry"),
        }
    }
}

/// What the registry says of the TSA a time-stamp is anchored at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsaFacts {
    /// The jurisdiction listing it.
    pub jurisdiction: Jurisdiction,
    /// The service it is listed for.
    pub service: String,
    /// Its listing status at the time and since when; `None` when it was
    /// not listed yet.
    pub listing: Option<StatusChange<ListingStatus>>,
    /// The strongest basis on which the relying jurisdiction could accept
    /// it (own, then partner, then listed), whatever its acceptance.
    pub basis: TimestampBasis,
    /// The time-stamp levels the listing may give, in its jurisdiction's
    /// time-stamp vocabulary.
    pub levels: Vec<String>,
}

/// One reason a time-stamp's TSA is not accepted, naming the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimestampRefusal {
    /// The anchor id is not in the registry.
    UnknownAnchor {
        /// The id asked for.
        anchor_id: String,
    },
    /// The anchor id names a CA listing, not a TSA: a CA listed for
    /// signers' certificates does not vouch for time-stamps (TS 119 612
    /// §5.5.1: a listing is for its service type).
    NotTimeStamping {
        /// The anchor id.
        anchor_id: String,
        /// What it is listed as.
        kind: ServiceKind,
    },
    /// The relying jurisdiction is not in the registry.
    UnknownRelyingJurisdiction(Jurisdiction),
    /// The TSA was not yet listed at the time.
    NotYetListed {
        /// The anchor id.
        anchor_id: String,
        /// When its history starts.
        first_listed: Time,
    },
    /// The TSA was withdrawn or suspended at the time.
    NotGranted {
        /// The anchor id.
        anchor_id: String,
        /// Its status.
        status: ListingStatus,
        /// Since when.
        since: Time,
    },
    /// The policy accepts its own TSAs only, and this one is foreign.
    NotOwn {
        /// The anchor id.
        anchor_id: String,
        /// The jurisdiction listing it.
        jurisdiction: Jurisdiction,
        /// The relying scheme (the jurisdiction, or its union).
        relying: Jurisdiction,
    },
    /// The policy accepts recognised TSAs, and no agreement from the
    /// relying jurisdiction to the TSA's exists.
    NoAgreement {
        /// Relying.
        relying: Jurisdiction,
        /// The TSA's jurisdiction.
        issuing: Jurisdiction,
    },
    /// An agreement to the TSA's jurisdiction exists but is not in force.
    AgreementNotInForce {
        /// The agreement id.
        agreement: String,
        /// Why.
        gap: AgreementGap,
    },
    /// An agreement to the TSA's jurisdiction does not cover the document type.
    DocumentTypeNotCovered {
        /// The agreement id.
        agreement: String,
        /// The document type.
        document_type: DocumentType,
    },
    /// The listing gives no level at or above the policy's minimum.
    LevelTooLow {
        /// The anchor id.
        anchor_id: String,
        /// The levels the listing gives.
        levels: Vec<String>,
        /// The minimum.
        minimum: String,
        /// The jurisdiction whose time-stamp vocabulary they were compared in.
        vocabulary_of: Jurisdiction,
    },
}

impl fmt::Display for TimestampRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use TimestampRefusal as R;
        match self {
            R::UnknownAnchor { anchor_id } => {
                write!(f, "TSA anchor '{anchor_id}' is not in the registry")
            }
            R::NotTimeStamping { anchor_id, kind } => write!(
                f,
                "anchor '{anchor_id}' is listed as a {kind} service, not as a time-stamping authority"
            ),
            R::UnknownRelyingJurisdiction(j) => {
                write!(f, "relying jurisdiction {j} is not in the registry")
            }
            R::NotYetListed {
                anchor_id,
                first_listed,
            } => write!(
                f,
                "TSA '{anchor_id}' was not listed yet (first listed {first_listed})"
            ),
            R::NotGranted {
                anchor_id,
                status,
                since,
            } => write!(f, "TSA '{anchor_id}' is {status} since {since}"),
            R::NotOwn {
                anchor_id,
                jurisdiction,
                relying,
            } => write!(
                f,
                "TSA '{anchor_id}' is listed by {jurisdiction}; {relying} accepts only its own TSAs"
            ),
            R::NoAgreement { relying, issuing } => write!(
                f,
                "{relying} has no recognition agreement for {issuing}, whose TSA issued the time-stamp"
            ),
            R::AgreementNotInForce { agreement, gap } => {
                write!(f, "agreement '{agreement}' is {gap}")
            }
            R::DocumentTypeNotCovered {
                agreement,
                document_type,
            } => write!(f, "agreement '{agreement}' does not cover {document_type}"),
            R::LevelTooLow {
                anchor_id,
                levels,
                minimum,
                vocabulary_of,
            } => write!(
                f,
                "TSA '{anchor_id}' gives {levels:?}, below the minimum time-stamp level '{minimum}' in {vocabulary_of}'s vocabulary"
            ),
        }
    }
}

impl TimestampRefusal {
    /// The stable code of this reason, e.g. `TIMESTAMP_TSA_NOT_GRANTED`.
    pub fn code(&self) -> &'static str {
        use TimestampRefusal as R;
        match self {
            R::UnknownAnchor { .. } => "TIMESTAMP_UNKNOWN_TSA",
            R::NotTimeStamping { .. } => "TIMESTAMP_ANCHOR_NOT_A_TSA",
            R::UnknownRelyingJurisdiction(_) => "TIMESTAMP_UNKNOWN_RELYING_JURISDICTION",
            R::NotYetListed { .. } => "TIMESTAMP_TSA_NOT_YET_LISTED",
            R::NotGranted { .. } => "TIMESTAMP_TSA_NOT_GRANTED",
            R::NotOwn { .. } => "TIMESTAMP_TSA_NOT_OWN",
            R::NoAgreement { .. } => "TIMESTAMP_NO_AGREEMENT",
            R::AgreementNotInForce { .. } => "TIMESTAMP_AGREEMENT_NOT_IN_FORCE",
            R::DocumentTypeNotCovered { .. } => "TIMESTAMP_DOCUMENT_TYPE_NOT_COVERED",
            R::LevelTooLow { .. } => "TIMESTAMP_LEVEL_TOO_LOW",
        }
    }
}

/// The answer to a [`TimestampQuery`]: what the registry says of the TSA,
/// and every rule it fails (none when recognised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampRecognition {
    /// The anchor id asked for.
    pub anchor_id: String,
    /// The TSA's listing, basis and levels; `None` when the id names no
    /// TSA listing (or the relying jurisdiction is unknown to the registry
    /// and no basis can be said).
    pub tsa: Option<TsaFacts>,
    /// The failing rules, in the order checked: listing status, basis,
    /// level. Empty exactly when the time-stamp is recognised.
    pub refusals: Vec<TimestampRefusal>,
}

impl TimestampRecognition {
    /// Whether the time-stamp's TSA is accepted.
    pub fn is_recognised(&self) -> bool {
        self.refusals.is_empty()
    }
}

impl fmt::Display for TimestampRecognition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.tsa, self.refusals.is_empty()) {
            (Some(t), true) => {
                write!(
                    f,
                    "time-stamp recognised: TSA '{}' of {}",
                    self.anchor_id, t.jurisdiction
                )?;
                if let Some(s) = &t.listing {
                    write!(f, " {} since {}", s.status, s.from)?;
                }
                write!(f, ", {}, levels {:?}", t.basis, t.levels)
            }
            _ => {
                f.write_str("time-stamp not recognised: ")?;
                for (i, r) in self.refusals.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{r}")?;
                }
                Ok(())
            }
        }
    }
}

impl Registry {
    /// Answers a time-stamp recognition query. The anchor must be a TSA
    /// listing, granted at `at`; its basis is **own** when the relying
    /// jurisdiction (or the union it relies through) lists it, **partner**
    /// when an agreement from the relying jurisdiction to the listing one
    /// is in force at `at` and covers the document type (the agreement's
    /// level mapping is for signatures and plays no part; agreements are
    /// not followed onward), else **listed**; `acceptance` says which bases
    /// count. A `min_level` is met by a listed level at or above it in the
    /// TSA's jurisdiction's time-stamp vocabulary; a minimum that
    /// vocabulary does not define is met by none (a level is a term of one
    /// scheme's law; the check fails closed).
    ///
    /// ```
    /// use sigbridge::registry::*;
    /// use sigbridge::Jurisdiction;
    ///
    /// let registry = Registry::sample().unwrap();
    /// let mut q = TimestampQuery {
    ///     relying: Jurisdiction::EU,
    ///     document_type: DocumentType::BILL_OF_LADING,
    ///     at: "2025-06-01T00:00:00Z".parse().unwrap(),
    ///     anchor_id: "eu-tsa".into(),
    ///     acceptance: TsaAcceptance::Recognised,
    ///     min_level: Some("qualified-time-stamp".into()),
    /// };
    /// let r = registry.recognise_timestamp(&q);
    /// assert!(r.is_recognised());
    /// assert_eq!(r.tsa.unwrap().basis, TimestampBasis::Own);
    ///
    /// // The sample EU's agreement with KZ does not cover bills of lading:
    /// // a KZ TSA is not recognised for one.
    /// q.anchor_id = "kz-tsa".into();
    /// q.min_level = None;
    /// let r = registry.recognise_timestamp(&q);
    /// assert_eq!(
    ///     r.refusals,
    ///     [TimestampRefusal::DocumentTypeNotCovered {
    ///         agreement: "eu-recognises-kz".into(),
    ///         document_type: DocumentType::BILL_OF_LADING,
    ///     }]
    /// );
    /// assert_eq!(r.tsa.unwrap().basis, TimestampBasis::Listed);
    /// ```
    pub fn recognise_timestamp(&self, q: &TimestampQuery) -> TimestampRecognition {
        let refused = |r: TimestampRefusal| TimestampRecognition {
            anchor_id: q.anchor_id.clone(),
            tsa: None,
            refusals: vec![r],
        };
        let Some((tsa_j, listing)) = self.anchor(&q.anchor_id) else {
            return refused(TimestampRefusal::UnknownAnchor {
                anchor_id: q.anchor_id.clone(),
            });
        };
        if !listing.is_time_stamping() {
            return refused(TimestampRefusal::NotTimeStamping {
                anchor_id: listing.id.clone(),
                kind: listing.kind,
            });
        }
        // A member state without an entry relies through its union.
        let relying = if self.jurisdiction(q.relying).is_some() {
            q.relying
        } else if let Some(union) = self.union_of(q.relying) {
            union
        } else {
            return refused(TimestampRefusal::UnknownRelyingJurisdiction(q.relying));
        };
        let mut refusals = Vec::new();
        // Listing status at the time (TS 119 612 §5.5.4 service status).
        let status = listing.status_at(q.at);
        match status {
            None => refusals.push(TimestampRefusal::NotYetListed {
                anchor_id: listing.id.clone(),
                first_listed: listing.status.first().map_or(q.at, |s| s.from),
            }),
            Some(s) if s.status != ListingStatus::Granted => {
                refusals.push(TimestampRefusal::NotGranted {
                    anchor_id: listing.id.clone(),
                    status: s.status,
                    since: s.from,
                });
            }
            Some(_) => {}
        }
        // The basis, and why a partner basis failed.
        let mut agreement_reasons = Vec::new();
        let basis = if tsa_j == relying {
            TimestampBasis::Own
        } else {
            let mut partner = None;
            for a in self
                .agreements
                .iter()
                .filter(|a| a.relying == relying && a.issuing == tsa_j)
            {
                if let Some(gap) = a.not_in_force(q.at) {
                    agreement_reasons.push(TimestampRefusal::AgreementNotInForce {
                        agreement: a.id.clone(),
                        gap,
                    });
                } else if !a.documents.covers(q.document_type) {
                    agreement_reasons.push(TimestampRefusal::DocumentTypeNotCovered {
                        agreement: a.id.clone(),
                        document_type: q.document_type,
                    });
                } else {
                    partner = Some(a.id.clone());
                    break;
                }
            }
            if agreement_reasons.is_empty() && partner.is_none() {
                agreement_reasons.push(TimestampRefusal::NoAgreement {
                    relying,
                    issuing: tsa_j,
                });
            }
            match partner {
                Some(agreement) => TimestampBasis::Partner { agreement },
                None => TimestampBasis::Listed,
            }
        };
        match (q.acceptance, &basis) {
            (TsaAcceptance::AnyListed, _)
            | (_, TimestampBasis::Own)
            | (TsaAcceptance::Recognised, TimestampBasis::Partner { .. }) => {}
            (TsaAcceptance::Own, _) => refusals.push(TimestampRefusal::NotOwn {
                anchor_id: listing.id.clone(),
                jurisdiction: tsa_j,
                relying,
            }),
            (TsaAcceptance::Recognised, TimestampBasis::Listed) => {
                refusals.extend(agreement_reasons);
            }
        }
        if let Some(min) = &q.min_level {
            let entry = self.jurisdiction(tsa_j);
            let rank = |l: &str| entry.and_then(|e| e.timestamp_rank(l));
            let met = rank(min).is_some_and(|m| {
                listing
                    .levels
                    .iter()
                    .any(|l| rank(l).is_some_and(|r| r >= m))
            });
            if !met {
                refusals.push(TimestampRefusal::LevelTooLow {
                    anchor_id: listing.id.clone(),
                    levels: listing.levels.clone(),
                    minimum: min.clone(),
                    vocabulary_of: tsa_j,
                });
            }
        }
        TimestampRecognition {
            anchor_id: listing.id.clone(),
            tsa: Some(TsaFacts {
                jurisdiction: tsa_j,
                service: listing.service.clone(),
                listing: status,
                basis,
                levels: listing.levels.clone(),
            }),
            refusals,
        }
    }
}
