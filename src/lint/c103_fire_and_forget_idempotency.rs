//! C103 `fire-and-forget-idempotency`.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};
use crate::pattern::Pattern;

rule_doc! {
    /// C103: fire-and-forget without `idempotency`.
    FireAndForgetIdempotency {
        what: "A fire-and-forget (P2) touchpoint that does not say how the receiver \
               makes duplicate messages harmless (`idempotency`).",
        why: "Platform Events, Change Data Capture and Outbound Messages deliver at least \
              once: after a timeout or a retry the same message can arrive twice (Outbound \
              Messages keep retrying for up to 24 hours). A receiver that is not \
              idempotent books the order, the payment or the shipment twice.",
        fix: "Add `idempotency:` naming the key or the check that makes a repeat \
              harmless, e.g. `order number is the deduplication key` or `upsert on \
              external id`.",
        failing: "title: Order flow
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  ERP: {}
touchpoints:
  - from: CRM
    to: ERP
    pattern: fire-and-forget
    error_strategy: DLQ + retry
",
        passing: "title: Order flow
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  ERP: {}
touchpoints:
  - from: CRM
    to: ERP
    pattern: fire-and-forget
    error_strategy: DLQ + retry
    idempotency: the ERP ignores an order number it has already booked
",
    }
}

impl Rule for FireAndForgetIdempotency {
    fn id(&self) -> &'static str {
        "C103"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.model
            .touchpoints
            .iter()
            .filter(|t| t.pattern == Some(Pattern::FireAndForget) && t.idempotency.is_none())
            .map(|t| {
                Finding::new(
                    t.spans.item,
                    format!(
                        "fire-and-forget touchpoint `{}` has no `idempotency`; delivery is \
                         at-least-once, so `{}` will sometimes receive the same message twice",
                        t.id,
                        cx.to(t).id
                    ),
                    "add `idempotency:` naming the deduplication key (e.g. `order number`)",
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{fired, landscape};

    #[test]
    fn fires_without_idempotency() {
        let text = landscape("  - {from: SF, to: EXT, pattern: P2, error_strategy: dlq}\n");
        let f = fired(&text, "C103");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("warning", 10, 6));
    }

    #[test]
    fn silent_with_idempotency() {
        let text = landscape(
            "  - {from: SF, to: EXT, pattern: P2, error_strategy: dlq, idempotency: key}\n",
        );
        assert!(fired(&text, "C103").is_empty());
    }
}
