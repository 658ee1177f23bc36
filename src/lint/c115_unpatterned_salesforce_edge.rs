//! C115 `unpatterned-salesforce-edge`.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};
use crate::model::Role;

rule_doc! {
    /// C115: a touchpoint between a Salesforce system and an external system without a
    /// pattern.
    UnpatternedSalesforceEdge {
        what: "A touchpoint that connects a `salesforce` system directly with an \
               `external` system (either way) but names no `pattern`.",
        why: "Every integration that crosses the Salesforce boundary should be mapped to \
              one of the six patterns, with its timing, technology and error handling: \
              that table is what a review board reads first. Plain connections are fine \
              inside Salesforce or inside the integration layer, but a direct arrow to \
              the outside world without a pattern leaves its limits and failure modes \
              unexplained.",
        fix: "Add the `pattern` the connection implements (`landscape patterns` lists \
              them; `landscape patterns --recommend` helps choose), with its \
              `error_strategy`.",
        failing: "title: Marketing
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  MARKETING: {}
touchpoints:
  - from: CRM
    to: MARKETING
    technology: Change Data Capture
",
        passing: "title: Marketing
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  MARKETING: {}
touchpoints:
  - from: CRM
    to: MARKETING
    pattern: ui-update
    technology: Change Data Capture
    error_strategy: alert on subscriber lag
    replay: resume from the stored replay id
",
    }
}

impl Rule for UnpatternedSalesforceEdge {
    fn id(&self) -> &'static str {
        "C115"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.model
            .touchpoints
            .iter()
            .filter(|t| t.pattern.is_none())
            .filter(|t| {
                let roles = [cx.role(t.from), cx.role(t.to)];
                roles.contains(&Role::Salesforce) && roles.contains(&Role::External)
            })
            .map(|t| {
                let (sf, ext) = if cx.role(t.from) == Role::Salesforce {
                    (cx.from(t), cx.to(t))
                } else {
                    (cx.to(t), cx.from(t))
                };
                Finding::new(
                    t.spans.item,
                    format!(
                        "touchpoint `{}` connects Salesforce system `{}` with external \
                         system `{}` but names no pattern; its timing, limits and failure \
                         handling are left unexplained",
                        t.id, sf.id, ext.id
                    ),
                    "add `pattern:` (one of the six; `landscape patterns --recommend` helps choose)",
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{fired, landscape};

    #[test]
    fn fires_both_ways() {
        let text = landscape("  - {from: SF, to: EXT}\n  - {from: EXT, to: SF}\n");
        let f = fired(&text, "C115");
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("info", 10, 6));
    }

    #[test]
    fn silent_through_middleware_or_with_a_pattern() {
        let text = landscape(
            "  - {from: SF, to: MW}\n  - {from: MW, to: EXT}\n  - {from: SF, to: EXT, pattern: P3}\n",
        );
        assert!(fired(&text, "C115").is_empty());
    }
}
