//! C111 `orphan-system`.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};

rule_doc! {
    /// C111: a system with no touchpoints.
    OrphanSystem {
        what: "A system that no touchpoint starts or ends at.",
        why: "A landscape shows how systems exchange data; a box with no arrow either \
              lacks its integrations (a gap the review will find) or does not belong in \
              the picture. It is often a system being retired whose last flows were \
              already removed, which is fine but worth a glance.",
        fix: "Add the touchpoints that feed or read the system, or remove it. To accept \
              orphans (for example in an as-is inventory), set `lint: {C111: off}`.",
        failing: "title: Order flow
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  ERP: {}
  WMS: {}
touchpoints:
  - from: CRM
    to: ERP
    pattern: fire-and-forget
    error_strategy: DLQ + retry
    idempotency: order number
",
        passing: "title: Order flow
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  ERP: {}
  WMS: {}
touchpoints:
  - from: CRM
    to: ERP
    pattern: fire-and-forget
    error_strategy: DLQ + retry
    idempotency: order number
  - from: ERP
    to: WMS
    label: pick requests
",
    }
}

impl Rule for OrphanSystem {
    fn id(&self) -> &'static str {
        "C111"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.model
            .systems
            .iter()
            .enumerate()
            .filter(|(i, _)| cx.graph.degree(*i) == 0)
            .map(|(_, s)| {
                Finding::new(
                    s.spans.id,
                    format!(
                        "system `{}` has no touchpoints; nothing flows into or out of it",
                        s.id
                    ),
                    "add the touchpoints that connect it, or remove the system",
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{fired, landscape};

    #[test]
    fn fires_at_the_system_id() {
        let text = landscape("  - {from: SF, to: EXT}\n");
        let f = fired(&text, "C111");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("info", 7, 3));
        assert!(f[0].3.contains("`MW`"));
    }

    #[test]
    fn either_end_counts() {
        let text = landscape("  - {from: SF, to: EXT}\n  - {from: MW, to: SF}\n");
        assert!(fired(&text, "C111").is_empty());
    }
}
