//! The rule catalogue of SPEC §4: every rule id with its kebab-case name, default
//! severity and one-line summary. The order here is the order of `landscape rules`,
//! of SARIF's rule list and of the documentation.

use crate::diag::Severity;

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable id (`E005`, `C102`).
    pub id: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    /// Severity unless the file's `lint:` map says otherwise; `None` means off.
    pub default: Option<Severity>,
    /// One line: what the rule finds.
    pub summary: &'static str,
}

impl RuleInfo {
    /// Structural rules are always errors and cannot be reconfigured.
    pub fn is_structural(&self) -> bool {
        self.id.starts_with('E')
    }
}

const fn rule(
    id: &'static str,
    name: &'static str,
    default: Option<Severity>,
    summary: &'static str,
) -> RuleInfo {
    RuleInfo {
        id,
        name,
        default,
        summary,
    }
}

const E: Option<Severity> = Some(Severity::Error);
const W: Option<Severity> = Some(Severity::Warning);
const I: Option<Severity> = Some(Severity::Info);

/// Every rule, structural first, then the architecture rules in id order.
pub const RULES: &[RuleInfo] = &[
    rule(
        "E001",
        "yaml-syntax",
        E,
        "the file is not readable YAML (syntax, encoding, tags)",
    ),
    rule(
        "E002",
        "unknown-key",
        E,
        "a key the file format does not define",
    ),
    rule(
        "E003",
        "invalid-value",
        E,
        "a value of the wrong type or outside its allowed set",
    ),
    rule("E004", "duplicate-id", E, "an id or key defined twice"),
    rule(
        "E005",
        "unknown-reference",
        E,
        "a reference to a system or zone that does not exist",
    ),
    rule(
        "E006",
        "zone-cycle",
        E,
        "zones whose `parent` links form a cycle",
    ),
    rule(
        "E007",
        "self-touchpoint",
        E,
        "a touchpoint from a system to itself",
    ),
    rule("E008", "no-systems", E, "a landscape without any system"),
    rule(
        "E009",
        "unsupported-version",
        E,
        "a `landscape` format version other than 1",
    ),
    rule(
        "E010",
        "limit-exceeded",
        E,
        "a size, count, depth or alias limit exceeded",
    ),
    rule(
        "C101",
        "missing-error-strategy",
        W,
        "a patterned touchpoint without `error_strategy`",
    ),
    rule(
        "C102",
        "request-reply-fallback",
        W,
        "request-reply without `fallback`",
    ),
    rule(
        "C103",
        "fire-and-forget-idempotency",
        W,
        "fire-and-forget without `idempotency`",
    ),
    rule("C104", "ui-update-replay", W, "ui-update without `replay`"),
    rule(
        "C105",
        "timing-mismatch",
        W,
        "declared `timing` differs from the pattern's own",
    ),
    rule(
        "C106",
        "pattern-direction",
        W,
        "the arrow's direction does not fit the pattern",
    ),
    rule(
        "C107",
        "virtualization-requires",
        E,
        "data virtualization where external objects cannot take part",
    ),
    rule(
        "C108",
        "callout-timeout",
        W,
        "request-reply `timeout` over the callout limits",
    ),
    rule(
        "C109",
        "volume-pattern-fit",
        W,
        "record volume that does not fit the pattern",
    ),
    rule(
        "C110",
        "composite-subrequests",
        E,
        "more than 25 Composite API sub-requests",
    ),
    rule("C111", "orphan-system", I, "a system with no touchpoints"),
    rule(
        "C112",
        "new-touchpoint-to-retiring",
        W,
        "a new touchpoint to or from a retiring system",
    ),
    rule(
        "C113",
        "retiring-without-successor",
        W,
        "a retiring system without `replaced_by`",
    ),
    rule(
        "C114",
        "technology-pattern-fit",
        W,
        "a technology that contradicts the pattern",
    ),
    rule(
        "C115",
        "unpatterned-salesforce-edge",
        I,
        "a Salesforce–external touchpoint without a pattern",
    ),
    rule(
        "C116",
        "hidden-characters",
        W,
        "text with bidirectional controls or invisible characters (removed)",
    ),
];

/// Looks a rule up by id.
pub fn find(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_sorted_within_their_family() {
        // Structural rules first, then the architecture rules, each family in id order.
        let ids: Vec<(bool, &str)> = RULES.iter().map(|r| (!r.is_structural(), r.id)).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
        assert_eq!(RULES.len(), 26);
        assert!(
            RULES
                .iter()
                .filter(|r| r.is_structural())
                .all(|r| r.default == E)
        );
    }
}
