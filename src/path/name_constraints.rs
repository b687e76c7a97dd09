//! Name constraints (RFC 5280 §4.2.1.10, §6.1.3 (b)–(c), §6.1.4 (g)).
//!
//! The constraints of every CA above a certificate are kept as a list; a
//! name passes when, for each entry, it lies in one of that entry's
//! permitted subtrees of its form (if the entry has any) and in none of its
//! excluded subtrees. That is the intersection / union of §6.1.4 (g)
//! without materialising it.

use crate::cert::{AttributeType, Certificate, GeneralName, GeneralSubtree, NameConstraints};
use crate::error::PathError;
use crate::path::Budget;

/// Checks every name of `cert` against every constraint in `stack`.
pub(crate) fn check(
    cert: &Certificate,
    stack: &[NameConstraints],
    budget: &mut Budget,
) -> Result<(), PathError> {
    if stack.is_empty() {
        return Ok(());
    }
    let subject = cert.subject().to_string();
    let mut names: Vec<GeneralName> = Vec::new();
    if !cert.subject().is_empty() {
        names.push(GeneralName::DirectoryName(cert.subject().clone()));
    }
    let san = cert.subject_alt_names();
    if san.is_empty() {
        // RFC 5280 §4.2.1.10: without a SAN, rfc822Name constraints apply to
        // emailAddress attributes of the subject.
        for e in cert.subject().all(AttributeType::EmailAddress) {
            names.push(GeneralName::Email(e.to_owned()));
        }
    }
    names.extend(san.iter().cloned());
    for nc in stack {
        for name in &names {
            check_one(name, nc, &subject, budget)?;
        }
    }
    Ok(())
}

fn check_one(
    name: &GeneralName,
    nc: &NameConstraints,
    subject: &str,
    budget: &mut Budget,
) -> Result<(), PathError> {
    let violation = || PathError::NameConstraintViolation {
        subject: subject.to_owned(),
        name: describe(name),
    };
    // A malformed name can never be shown to lie inside a namespace (RFC
    // 5280 §4.2.1.10: names MUST be within the permitted subtrees).
    let well_formed = match name {
        GeneralName::Dns(d) => dns_syntax_ok(d),
        GeneralName::Email(e) => email_syntax_ok(e),
        _ => true,
    };
    if !well_formed {
        return Err(violation());
    }
    for sub in nc.permitted.iter().chain(&nc.excluded) {
        if let GeneralName::Dns(base) = &sub.base
            && base.starts_with('.')
        {
            // RFC 5280 §4.2.1.10 defines no leading-period form for dNSName.
            return Err(PathError::Malformed {
                subject: subject.to_owned(),
                reason: format!("dNSName constraint with a leading period: {base}"),
            });
        }
    }
    let mut any_permitted_of_form = false;
    let mut permitted_match = false;
    for sub in &nc.permitted {
        budget.charge_name_constraint()?;
        if let Some(m) = matches(name, sub, subject)? {
            any_permitted_of_form = true;
            permitted_match |= m;
        }
    }
    if any_permitted_of_form && !permitted_match {
        return Err(violation());
    }
    for sub in &nc.excluded {
        budget.charge_name_constraint()?;
        if matches(name, sub, subject)? == Some(true) {
            return Err(violation());
        }
        // A wildcard DNS name that could stand for an excluded name is
        // refused (CVE-2025-61727: `*.example.com` vs excluded `bar.example.com`).
        if let (GeneralName::Dns(n), GeneralName::Dns(base)) = (name, &sub.base)
            && let Some(parent) = n.strip_prefix("*.")
            && dns_within(base, parent)
        {
            return Err(violation());
        }
    }
    Ok(())
}

/// `None` when the subtree constrains another name form; otherwise whether
/// `name` lies within it. A subtree form we cannot evaluate for a name of
/// the same form is an error, never a pass.
fn matches(
    name: &GeneralName,
    sub: &GeneralSubtree,
    subject: &str,
) -> Result<Option<bool>, PathError> {
    let unsupported = |form: &'static str| PathError::UnsupportedNameConstraint {
        subject: subject.to_owned(),
        form,
    };
    Ok(match (name, &sub.base) {
        (GeneralName::DirectoryName(n), GeneralName::DirectoryName(base)) => Some(n.within(base)),
        (GeneralName::Email(n), GeneralName::Email(base)) => Some(email_within(n, base)),
        (GeneralName::Dns(n), GeneralName::Dns(base)) => Some(dns_within(n, base)),
        (GeneralName::Uri(n), GeneralName::Uri(base)) => match uri_host(n) {
            Some(host) => Some(host_within(host, base)),
            // RFC 5280 §4.2.1.10: the constraint applies to the host part; a
            // URI without one cannot be shown to satisfy it.
            None => Some(false),
        },
        (GeneralName::IpAddress(n), GeneralName::IpAddress(base)) => Some(ip_within(n, base)),
        (GeneralName::OtherName { .. }, GeneralName::OtherName { .. }) => {
            return Err(unsupported("otherName"));
        }
        (GeneralName::X400Address(_), GeneralName::X400Address(_)) => {
            return Err(unsupported("x400Address"));
        }
        (GeneralName::EdiPartyName(_), GeneralName::EdiPartyName(_)) => {
            return Err(unsupported("ediPartyName"));
        }
        (GeneralName::RegisteredId(_), GeneralName::RegisteredId(_)) => {
            return Err(unsupported("registeredID"));
        }
        _ => None,
    })
}

fn describe(name: &GeneralName) -> String {
    match name {
        GeneralName::DirectoryName(d) => format!("directoryName {d}"),
        GeneralName::Email(e) => format!("rfc822Name {e}"),
        GeneralName::Dns(d) => format!("dNSName {d}"),
        GeneralName::Uri(u) => format!("URI {u}"),
        GeneralName::IpAddress(ip) => format!("iPAddress {ip:?}"),
        other => format!("{other:?}"),
    }
}

/// Preferred name syntax (RFC 1034 §3.5, RFC 5280 §4.2.1.6), allowing a
/// leftmost `*` label.
fn dns_syntax_ok(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').enumerate().all(|(i, label)| {
            (i == 0 && label == "*")
                || (!label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        })
}

/// RFC 5322 addr-spec, reduced to what constraint matching needs: one `@`,
/// a non-empty local part, a well-formed host.
fn email_syntax_ok(addr: &str) -> bool {
    match addr.rsplit_once('@') {
        Some((local, host)) => !local.is_empty() && !local.contains('@') && dns_syntax_ok(host),
        None => false,
    }
}

/// DNS subtree (RFC 5280 §4.2.1.10): `base` and every name formed by adding
/// labels on the left; a leading `.` means subdomains only. ASCII case-insensitive.
fn dns_within(name: &str, base: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let base = base.trim_end_matches('.').to_ascii_lowercase();
    if base.is_empty() {
        return true;
    }
    if let Some(sub) = base.strip_prefix('.') {
        return name.ends_with(&format!(".{sub}"));
    }
    name == base || name.ends_with(&format!(".{base}"))
}

/// Host part of a URI per RFC 5280 §4.2.1.10 (`scheme://[userinfo@]host[:port]...`).
fn uri_host(uri: &str) -> Option<&str> {
    let rest = uri.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port
            .split_once(']')
            .map(|(h, _)| h.trim_start_matches('['))?
    } else {
        host_port.split(':').next()?
    };
    (!host.is_empty()).then_some(host)
}

/// URI host constraint: a host name is exact; `.domain` means any host in the domain.
fn host_within(host: &str, base: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let base = base.to_ascii_lowercase();
    match base.strip_prefix('.') {
        Some(domain) => host.ends_with(&format!(".{domain}")),
        None => host == base,
    }
}

/// rfc822Name subtree: a full mailbox, all mailboxes at a host, or (with a
/// leading `.`) all mailboxes in a domain's subdomains.
fn email_within(name: &str, base: &str) -> bool {
    let Some((local, host)) = name.rsplit_once('@') else {
        return false;
    };
    if let Some((blocal, bhost)) = base.rsplit_once('@') {
        return local == blocal && host.eq_ignore_ascii_case(bhost);
    }
    let host = host.to_ascii_lowercase();
    let base = base.to_ascii_lowercase();
    match base.strip_prefix('.') {
        Some(domain) => host.ends_with(&format!(".{domain}")),
        None => host == base,
    }
}

/// iPAddress subtree: address and mask of the same family (RFC 5280 §4.2.1.10).
fn ip_within(name: &[u8], base: &[u8]) -> bool {
    if base.len() != name.len() * 2 {
        return false;
    }
    let (addr, mask) = base.split_at(name.len());
    name.iter()
        .zip(addr)
        .zip(mask)
        .all(|((n, a), m)| n & m == a & m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_and_email_and_uri() {
        assert!(dns_within("a.example.com", "example.com"));
        assert!(dns_within("example.com", "example.com"));
        assert!(!dns_within("badexample.com", "example.com"));
        assert!(!dns_within("example.com", ".example.com"));
        assert!(email_within("x@mail.example.com", ".example.com"));
        assert!(!email_within("x@example.com", ".example.com"));
        assert!(email_within("x@Example.com", "example.com"));
        assert!(email_within("x@example.com", "x@example.com"));
        assert!(!email_within("y@example.com", "x@example.com"));
        assert_eq!(
            uri_host("http://user@host.example:80/p"),
            Some("host.example")
        );
        assert_eq!(uri_host("not-a-url"), None);
        assert!(ip_within(&[10, 1, 2, 3], &[10, 0, 0, 0, 255, 0, 0, 0]));
        assert!(!ip_within(&[11, 1, 2, 3], &[10, 0, 0, 0, 255, 0, 0, 0]));
    }
}
