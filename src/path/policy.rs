//! Certificate-policy processing: the `valid_policy_tree` of RFC 5280
//! §6.1.2 (a), §6.1.3 (d)–(f), §6.1.4 (a)–(b) and §6.1.5 (g). National CAs
//! mark their policies critical and relying parties ask for specific
//! policies (KC classes, QCP-n-qscd …), so this is the real algorithm.

use crate::Oid;

/// anyPolicy (RFC 5280 §4.2.1.4).
pub(crate) const ANY_POLICY: Oid = Oid::new_unwrap("2.5.29.32.0");

#[derive(Debug, Clone)]
struct Node {
    policy: Oid,
    expected: Vec<Oid>,
    /// Index of the parent in the previous level (unused at depth 0).
    parent: usize,
    alive: bool,
}

/// The valid_policy_tree; `None` levels mean the tree is NULL.
#[derive(Debug, Clone)]
pub(crate) struct PolicyTree {
    levels: Vec<Vec<Node>>,
}

impl PolicyTree {
    /// §6.1.2 (a): a single anyPolicy root.
    pub(crate) fn new() -> PolicyTree {
        PolicyTree {
            levels: vec![vec![Node {
                policy: ANY_POLICY,
                expected: vec![ANY_POLICY],
                parent: 0,
                alive: true,
            }]],
        }
    }

    /// Whether the tree is NULL.
    pub(crate) fn is_null(&self) -> bool {
        !self
            .levels
            .first()
            .is_some_and(|l| l.iter().any(|n| n.alive))
    }

    /// §6.1.3 (e): a certificate without a certificatePolicies extension.
    pub(crate) fn set_null(&mut self) {
        self.levels.clear();
    }

    fn alive(&self, depth: usize) -> impl Iterator<Item = (usize, &Node)> {
        self.levels
            .get(depth)
            .into_iter()
            .flat_map(|l| l.iter().enumerate())
            .filter(|(_, n)| n.alive)
    }

    /// §6.1.3 (d): processes the policies of the certificate at depth `i`
    /// (1-based). `any_allowed` is "inhibit_anyPolicy > 0, or i < n and the
    /// certificate is self-issued".
    pub(crate) fn process_certificate(&mut self, i: usize, policies: &[Oid], any_allowed: bool) {
        if self.is_null() {
            return;
        }
        let prev = i - 1;
        let mut level: Vec<Node> = Vec::new();
        let has_any = policies.contains(&ANY_POLICY);
        // (1) each policy other than anyPolicy.
        for p in policies.iter().filter(|p| **p != ANY_POLICY) {
            let matching: Vec<usize> = self
                .alive(prev)
                .filter(|(_, n)| n.expected.contains(p))
                .map(|(idx, _)| idx)
                .collect();
            let parents = if matching.is_empty() {
                self.alive(prev)
                    .filter(|(_, n)| n.policy == ANY_POLICY)
                    .map(|(idx, _)| idx)
                    .collect()
            } else {
                matching
            };
            for parent in parents {
                level.push(Node {
                    policy: *p,
                    expected: vec![*p],
                    parent,
                    alive: true,
                });
            }
        }
        // (2) anyPolicy in the certificate.
        if has_any && any_allowed {
            let prev_nodes: Vec<(usize, Vec<Oid>)> = self
                .alive(prev)
                .map(|(idx, n)| (idx, n.expected.clone()))
                .collect();
            for (parent, expected) in prev_nodes {
                for e in expected {
                    let exists = level.iter().any(|c| c.parent == parent && c.policy == e);
                    if !exists {
                        level.push(Node {
                            policy: e,
                            expected: vec![e],
                            parent,
                            alive: true,
                        });
                    }
                }
            }
        }
        self.levels.truncate(i);
        self.levels.push(level);
        // (3) prune childless nodes above depth i.
        self.prune(i);
    }

    /// Indexes of the live anyPolicy nodes at `depth`.
    fn any_policy_nodes(&self, depth: usize) -> Vec<usize> {
        self.alive(depth)
            .filter(|(_, p)| p.policy == ANY_POLICY)
            .map(|(idx, _)| idx)
            .collect()
    }

    /// Deletes, bottom-up from `depth - 1`, every node without a live child.
    fn prune(&mut self, depth: usize) {
        for d in (0..depth).rev() {
            let live_parents: Vec<usize> = self
                .levels
                .get(d + 1)
                .into_iter()
                .flatten()
                .filter(|n| n.alive)
                .map(|n| n.parent)
                .collect();
            if let Some(level) = self.levels.get_mut(d) {
                for (idx, n) in level.iter_mut().enumerate() {
                    if !live_parents.contains(&idx) {
                        n.alive = false;
                    }
                }
            }
        }
    }

    /// §6.1.4 (b): applies policyMappings at depth `i`; `mapping_allowed`
    /// is `policy_mapping > 0`.
    pub(crate) fn apply_mappings(
        &mut self,
        i: usize,
        mappings: &[(Oid, Oid)],
        mapping_allowed: bool,
    ) {
        if self.is_null() {
            return;
        }
        let mut issuer_policies: Vec<Oid> = mappings.iter().map(|(a, _)| *a).collect();
        issuer_policies.dedup();
        for id_p in issuer_policies {
            let mapped: Vec<Oid> = mappings
                .iter()
                .filter(|(a, _)| *a == id_p)
                .map(|(_, b)| *b)
                .collect();
            if mapping_allowed {
                let mut found = false;
                if let Some(level) = self.levels.get_mut(i) {
                    for n in level.iter_mut().filter(|n| n.alive && n.policy == id_p) {
                        n.expected.clone_from(&mapped);
                        found = true;
                    }
                }
                if !found {
                    let any_parent = self
                        .alive(i)
                        .find(|(_, n)| n.policy == ANY_POLICY)
                        .map(|(_, n)| n.parent);
                    if let (Some(parent), Some(level)) = (any_parent, self.levels.get_mut(i)) {
                        level.push(Node {
                            policy: id_p,
                            expected: mapped,
                            parent,
                            alive: true,
                        });
                    }
                }
            } else {
                if let Some(level) = self.levels.get_mut(i) {
                    for n in level.iter_mut().filter(|n| n.policy == id_p) {
                        n.alive = false;
                    }
                }
                self.prune(i);
            }
        }
    }

    /// §6.1.5 (g): the intersection with the user-initial-policy-set at
    /// depth `n`, returning the user-constrained-policy-set: the policies,
    /// in the trust anchor's domain (before any mapping), of the nodes whose
    /// parent is anyPolicy — `[anyPolicy]` when the path never narrowed it.
    /// Empty when the tree is NULL.
    pub(crate) fn intersect(&mut self, n: usize, user_set: &[Oid]) -> Vec<Oid> {
        if self.is_null() {
            return Vec::new();
        }
        if !user_set.contains(&ANY_POLICY) {
            // (iii)(1)–(2): nodes whose parent is anyPolicy, not in the user set, go.
            let mut in_node_set: Vec<Oid> = Vec::new();
            for d in 1..self.levels.len() {
                let any_parents = self.any_policy_nodes(d - 1);
                if let Some(level) = self.levels.get_mut(d) {
                    for node in level
                        .iter_mut()
                        .filter(|x| x.alive && any_parents.contains(&x.parent))
                    {
                        if node.policy != ANY_POLICY && !user_set.contains(&node.policy) {
                            node.alive = false;
                        } else {
                            in_node_set.push(node.policy);
                        }
                    }
                }
            }
            // (iii)(3): a leaf anyPolicy is replaced by the user's policies.
            let any_leaf = self
                .alive(n)
                .find(|(_, x)| x.policy == ANY_POLICY)
                .map(|(idx, x)| (idx, x.parent));
            if let Some((idx, parent)) = any_leaf
                && let Some(level) = self.levels.get_mut(n)
            {
                for p in user_set.iter().filter(|p| !in_node_set.contains(p)) {
                    level.push(Node {
                        policy: *p,
                        expected: vec![*p],
                        parent,
                        alive: true,
                    });
                }
                if let Some(node) = level.get_mut(idx) {
                    node.alive = false;
                }
            }
            // (iii)(4).
            self.prune(n);
        }
        let mut out: Vec<Oid> = Vec::new();
        for d in 1..self.levels.len() {
            let any_parents = self.any_policy_nodes(d - 1);
            for (_, node) in self.alive(d) {
                if any_parents.contains(&node.parent) && (node.policy != ANY_POLICY || d == n) {
                    out.push(node.policy);
                }
            }
        }
        if n == 0 && !self.is_null() {
            out.push(ANY_POLICY);
        }
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: Oid = Oid::new_unwrap("2.16.840.1.101.3.2.1.48.1");
    const P2: Oid = Oid::new_unwrap("2.16.840.1.101.3.2.1.48.2");

    #[test]
    fn two_level_intersection() {
        let mut t = PolicyTree::new();
        t.process_certificate(1, &[P1, P2], true);
        t.process_certificate(2, &[P1], true);
        assert!(!t.is_null());
        assert_eq!(t.clone().intersect(2, &[ANY_POLICY]), vec![P1]);
        assert_eq!(t.clone().intersect(2, &[P2]), Vec::<Oid>::new());
        assert_eq!(t.intersect(2, &[P1]), vec![P1]);
    }

    #[test]
    fn any_policy_leaf_is_replaced_by_user_set() {
        let mut t = PolicyTree::new();
        t.process_certificate(1, &[ANY_POLICY], true);
        assert_eq!(t.intersect(1, &[P2]), vec![P2]);
        let mut t = PolicyTree::new();
        t.process_certificate(1, &[ANY_POLICY], false);
        assert!(t.is_null(), "anyPolicy inhibited leaves nothing");
    }

    #[test]
    fn mapping() {
        let mut t = PolicyTree::new();
        t.process_certificate(1, &[P1], true);
        t.apply_mappings(1, &[(P1, P2)], true);
        t.process_certificate(2, &[P2], true);
        // Reported in the anchor's domain: P1, which the path mapped to P2.
        assert_eq!(t.intersect(2, &[P1]), vec![P1]);
        let mut t = PolicyTree::new();
        t.process_certificate(1, &[P1], true);
        t.apply_mappings(1, &[(P1, P2)], false);
        assert!(t.is_null());
    }
}
