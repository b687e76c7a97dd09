//! The recognition query: does relying jurisdiction R recognise a signer,
//! anchored at a listed anchor with a claimed assurance, for a document
//! type at a time — at which of R's levels, by which route, or why not.

use std::fmt;

use super::model::{AgreementGap, ListingStatus, StatusChange};
use super::{DocumentType, JurisdictionEntry, Registry};
use crate::{Jurisdiction, Time};

/// A recognition question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecognitionQuery {
    /// The jurisdiction whose law the relying party applies.
    pub relying: Jurisdiction,
    /// The document type signed.
    pub document_type: DocumentType,
    /// The time the signature is judged at (e.g. its signing time).
    pub at: Time,
    /// The registry id of the anchor the signer's path ends at.
    pub anchor_id: String,
    /// The assurance levels the certificate claims, in the issuing
    /// jurisdiction's vocabulary.
    pub claimed_levels: Vec<String>,
}

/// One agreement used on a recognition route, with the level mapping applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteStep {
    /// The agreement id.
    pub agreement: String,
    /// Its legal reference.
    pub legal_reference: String,
    /// The level before mapping (the agreement's issuing vocabulary).
    pub from_level: String,
    /// The level after mapping (the agreement's relying vocabulary).
    pub to_level: String,
}

/// How recognition was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The anchor is the relying jurisdiction's own: no agreement needed.
    Domestic,
    /// Through agreements: one step, or more when each but the last says
    /// `onward` (relying first).
    Agreements(Vec<RouteStep>),
}

/// A positive answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    /// The scheme whose vocabulary `level` is in: the relying
    /// jurisdiction, or the union it relies through.
    pub scheme: Jurisdiction,
    /// The level in the relying scheme's vocabulary.
    pub level: String,
    /// The issuing jurisdiction.
    pub issuing: Jurisdiction,
    /// The level in the issuing vocabulary that was mapped.
    pub issuing_level: String,
    /// The anchor id.
    pub anchor_id: String,
    /// The anchor's listing status at the time, and since when.
    pub listing: StatusChange<ListingStatus>,
    /// The route.
    pub route: Route,
}

/// One reason a signer is not recognised, naming the rule and what it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotRecognisedReason {
    /// The anchor id is not in the registry.
    UnknownAnchor {
        /// The id asked for.
        anchor_id: String,
    },
    /// The relying jurisdiction is not in the registry.
    UnknownRelyingJurisdiction(Jurisdiction),
    /// The anchor is listed as a time-stamping authority, not a CA: it
    /// does not anchor signers (ETSI TS 119 612 §5.5.1: a listing is for
    /// its service type).
    AnchorNotCertificateAuthority {
        /// The anchor id.
        anchor_id: String,
    },
    /// The anchor was not yet listed at the time.
    AnchorNotYetListed {
        /// The anchor id.
        anchor_id: String,
        /// When its history starts.
        first_listed: Time,
    },
    /// The anchor was withdrawn or suspended at the time.
    AnchorNotGranted {
        /// The anchor id.
        anchor_id: String,
        /// Its status.
        status: ListingStatus,
        /// Since when.
        since: Time,
    },
    /// None of the claimed levels is one the anchor is listed for.
    LevelNotListed {
        /// The anchor id.
        anchor_id: String,
        /// What the certificate claimed.
        claimed: Vec<String>,
        /// What the listing allows.
        listed: Vec<String>,
    },
    /// No agreement from the relying to the issuing jurisdiction exists.
    NoAgreement {
        /// Relying.
        relying: Jurisdiction,
        /// Issuing.
        issuing: Jurisdiction,
    },
    /// An agreement exists but is not in force at the time.
    AgreementNotInForce {
        /// The agreement id.
        agreement: String,
        /// Why.
        gap: AgreementGap,
    },
    /// An agreement does not cover the document type.
    DocumentTypeNotCovered {
        /// The agreement id.
        agreement: String,
        /// The document type.
        document_type: DocumentType,
    },
    /// An agreement maps none of the signer's levels.
    LevelNotMapped {
        /// The agreement id.
        agreement: String,
        /// The signer's levels (issuing vocabulary of that agreement).
        levels: Vec<String>,
    },
}

impl fmt::Display for NotRecognisedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use NotRecognisedReason as R;
        match self {
            R::UnknownAnchor { anchor_id } => {
                write!(f, "anchor '{anchor_id}' is not in the registry")
            }
            R::UnknownRelyingJurisdiction(j) => {
                write!(f, "relying jurisdiction {j} is not in the registry")
            }
            R::AnchorNotCertificateAuthority { anchor_id } => write!(
                f,
                "anchor '{anchor_id}' is listed as a time-stamping authority, not as a certification authority for signers"
            ),
            R::AnchorNotYetListed {
                anchor_id,
                first_listed,
            } => write!(
                f,
                "anchor '{anchor_id}' was not listed yet (first listed {first_listed})"
            ),
            R::AnchorNotGranted {
                anchor_id,
                status,
                since,
            } => write!(f, "anchor '{anchor_id}' is {status} since {since}"),
            R::LevelNotListed {
                anchor_id,
                claimed,
                listed,
            } => write!(
                f,
                "anchor '{anchor_id}' is listed for {listed:?}, the certificate claims {claimed:?}"
            ),
            R::NoAgreement { relying, issuing } => {
                write!(f, "{relying} has no recognition agreement for {issuing}")
            }
            R::AgreementNotInForce { agreement, gap } => {
                write!(f, "agreement '{agreement}' is {gap}")
            }
            R::DocumentTypeNotCovered {
                agreement,
                document_type,
            } => write!(f, "agreement '{agreement}' does not cover {document_type}"),
            R::LevelNotMapped { agreement, levels } => {
                write!(f, "agreement '{agreement}' maps none of {levels:?}")
            }
        }
    }
}

impl NotRecognisedReason {
    /// The stable code of this reason (docs/report-format.md, "Codes"),
    /// e.g. `RECOGNITION_NO_AGREEMENT`.
    pub fn code(&self) -> &'static str {
        use NotRecognisedReason as R;
        match self {
            R::UnknownAnchor { .. } => "RECOGNITION_UNKNOWN_ANCHOR",
            R::UnknownRelyingJurisdiction(_) => "RECOGNITION_UNKNOWN_RELYING_JURISDICTION",
            R::AnchorNotCertificateAuthority { .. } => "RECOGNITION_ANCHOR_NOT_A_CA",
            R::AnchorNotYetListed { .. } => "RECOGNITION_ANCHOR_NOT_YET_LISTED",
            R::AnchorNotGranted { .. } => "RECOGNITION_ANCHOR_NOT_GRANTED",
            R::LevelNotListed { .. } => "RECOGNITION_LEVEL_NOT_LISTED",
            R::NoAgreement { .. } => "RECOGNITION_NO_AGREEMENT",
            R::AgreementNotInForce { .. } => "RECOGNITION_AGREEMENT_NOT_IN_FORCE",
            R::DocumentTypeNotCovered { .. } => "RECOGNITION_DOCUMENT_TYPE_NOT_COVERED",
            R::LevelNotMapped { .. } => "RECOGNITION_LEVEL_NOT_MAPPED",
        }
    }
}

/// The answer to a [`RecognitionQuery`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recognition {
    /// Recognised.
    Recognised(Recognised),
    /// Not recognised, with every reason found (all routes tried).
    NotRecognised(Vec<NotRecognisedReason>),
}

impl fmt::Display for Recognition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recognition::Recognised(r) => {
                write!(
                    f,
                    "recognised at level '{}' (issuing {} level '{}', anchor '{}' {} since {})",
                    r.level,
                    r.issuing,
                    r.issuing_level,
                    r.anchor_id,
                    r.listing.status,
                    r.listing.from
                )?;
                match &r.route {
                    Route::Domestic => f.write_str(", domestic"),
                    Route::Agreements(steps) => {
                        for s in steps {
                            write!(
                                f,
                                ", via agreement '{}' ({}) mapping '{}' to '{}'",
                                s.agreement, s.legal_reference, s.from_level, s.to_level
                            )?;
                        }
                        Ok(())
                    }
                }
            }
            Recognition::NotRecognised(reasons) => {
                f.write_str("not recognised: ")?;
                for (i, r) in reasons.iter().enumerate() {
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

/// A candidate route found while searching: relying-side level and steps.
struct Found {
    level: String,
    rank: usize,
    steps: Vec<RouteStep>,
}

impl Registry {
    /// Answers a recognition query. The anchor must be a CA listing (a TSA
    /// listing's id gives [`NotRecognisedReason::AnchorNotCertificateAuthority`]).
    /// Domestic anchors need no agreement;
    /// foreign ones need an agreement from `relying` to the anchor's
    /// jurisdiction that is enacted and in force at `at`, covers the
    /// document type and maps one of the signer's levels. Recognition is
    /// not transitive unless an agreement says `onward` (then the
    /// agreements of the jurisdiction it names are followed, mapping level
    /// through level). Of several routes, the one giving the highest
    /// relying level wins.
    pub fn recognise(&self, q: &RecognitionQuery) -> Recognition {
        let no = |r: NotRecognisedReason| Recognition::NotRecognised(vec![r]);
        let Some((issuing, listing)) = self.anchor(&q.anchor_id) else {
            return no(NotRecognisedReason::UnknownAnchor {
                anchor_id: q.anchor_id.clone(),
            });
        };
        if !listing.is_certificate_authority() {
            return no(NotRecognisedReason::AnchorNotCertificateAuthority {
                anchor_id: listing.id.clone(),
            });
        }
        // A member state without an entry relies through its union.
        let relying = if self.jurisdiction(q.relying).is_some() {
            q.relying
        } else if let Some(union) = self.union_of(q.relying) {
            union
        } else {
            return no(NotRecognisedReason::UnknownRelyingJurisdiction(q.relying));
        };
        let status = match listing.status_at(q.at) {
            None => {
                return no(NotRecognisedReason::AnchorNotYetListed {
                    anchor_id: listing.id.clone(),
                    first_listed: listing.status.first().map_or(q.at, |s| s.from),
                });
            }
            Some(s) if s.status != ListingStatus::Granted => {
                return no(NotRecognisedReason::AnchorNotGranted {
                    anchor_id: listing.id.clone(),
                    status: s.status,
                    since: s.from,
                });
            }
            Some(s) => s,
        };
        // The signer's levels: claimed and listed, highest first.
        let Some(entry) = self.jurisdiction(issuing) else {
            return no(NotRecognisedReason::UnknownAnchor {
                anchor_id: q.anchor_id.clone(),
            });
        };
        let mut levels: Vec<&String> = entry
            .levels
            .iter()
            .filter(|l| q.claimed_levels.contains(l) && listing.levels.contains(l))
            .collect();
        levels.reverse();
        if levels.is_empty() {
            return no(NotRecognisedReason::LevelNotListed {
                anchor_id: listing.id.clone(),
                claimed: q.claimed_levels.clone(),
                listed: listing.levels.clone(),
            });
        }
        let recognised = |level: String, issuing_level: String, route: Route| {
            Recognition::Recognised(Recognised {
                scheme: relying,
                level,
                issuing,
                issuing_level,
                anchor_id: listing.id.clone(),
                listing: status,
                route,
            })
        };
        if issuing == relying {
            let top = levels.first().map(|l| (*l).clone()).unwrap_or_default();
            return recognised(top.clone(), top, Route::Domestic);
        }
        let owned: Vec<String> = levels.into_iter().cloned().collect();
        let mut reasons = Vec::new();
        let mut visited = vec![relying];
        match self.route(q, relying, issuing, &owned, &mut visited, &mut reasons) {
            Some(found) => {
                let issuing_level = found
                    .steps
                    .last()
                    .map(|s| s.from_level.clone())
                    .unwrap_or_default();
                recognised(found.level, issuing_level, Route::Agreements(found.steps))
            }
            None => Recognition::NotRecognised(reasons),
        }
    }

    /// The best route from `relying` to `issuing` for the signer's levels
    /// (issuing vocabulary, highest first), recording why each agreement
    /// failed.
    fn route(
        &self,
        q: &RecognitionQuery,
        relying: Jurisdiction,
        issuing: Jurisdiction,
        levels: &[String],
        visited: &mut Vec<Jurisdiction>,
        reasons: &mut Vec<NotRecognisedReason>,
    ) -> Option<Found> {
        let relying_entry: &JurisdictionEntry = self.jurisdiction(relying)?;
        let mut best: Option<Found> = None;
        let mut any_direct = false;
        for a in self.agreements.iter().filter(|a| a.relying == relying) {
            let direct = a.issuing == issuing;
            if !direct && !a.onward {
                continue;
            }
            if direct {
                any_direct = true;
            }
            // Onward agreements are routes too: their failures are reasons.
            if let Some(gap) = a.not_in_force(q.at) {
                reasons.push(NotRecognisedReason::AgreementNotInForce {
                    agreement: a.id.clone(),
                    gap,
                });
                continue;
            }
            if !a.documents.covers(q.document_type) {
                reasons.push(NotRecognisedReason::DocumentTypeNotCovered {
                    agreement: a.id.clone(),
                    document_type: q.document_type,
                });
                continue;
            }
            // The levels as they arrive at this agreement's issuing side.
            let arriving: Vec<(String, Vec<RouteStep>)> = if direct {
                levels.iter().map(|l| (l.clone(), Vec::new())).collect()
            } else {
                if visited.contains(&a.issuing) {
                    continue;
                }
                visited.push(a.issuing);
                let inner = self.route(q, a.issuing, issuing, levels, visited, reasons);
                visited.pop();
                match inner {
                    Some(f) => vec![(f.level, f.steps)],
                    None => continue,
                }
            };
            let arriving_levels: Vec<String> = arriving.iter().map(|(l, _)| l.clone()).collect();
            let mapped = arriving
                .into_iter()
                .find_map(|(l, steps)| a.mapping.get(&l).map(|to| (l, to.clone(), steps)));
            let Some((from, to, inner_steps)) = mapped else {
                reasons.push(NotRecognisedReason::LevelNotMapped {
                    agreement: a.id.clone(),
                    levels: arriving_levels,
                });
                continue;
            };
            let rank = relying_entry.rank(&to).unwrap_or(0);
            if best.as_ref().is_none_or(|b| rank > b.rank) {
                let mut steps = vec![RouteStep {
                    agreement: a.id.clone(),
                    legal_reference: a.legal_reference.clone(),
                    from_level: from,
                    to_level: to.clone(),
                }];
                steps.extend(inner_steps);
                best = Some(Found {
                    level: to,
                    rank,
                    steps,
                });
            }
        }
        if best.is_none() && !any_direct && visited.len() == 1 {
            reasons.push(NotRecognisedReason::NoAgreement { relying, issuing });
        }
        best
    }
}
