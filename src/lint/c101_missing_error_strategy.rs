//! C101 `missing-error-strategy`.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};

rule_doc! {
    /// C101: a touchpoint with a pattern but no `error_strategy`.
    MissingErrorStrategy {
        what: "A touchpoint that names an integration pattern but says nothing about \
               how its failures are handled (`error_strategy`).",
        why: "A review board expects every touchpoint to come with its pattern, its timing \
              and its error handling; \"we'll use an API\" is not an answer. Each pattern \
              fails in its own way: a blocked callout, an undelivered event, a half-loaded \
              batch, a subscriber that missed messages. Without a stated strategy nobody \
              knows who notices a failure and what happens next.",
        fix: "Add `error_strategy` to the touchpoint: for example `DLQ + retry` for \
              events, `partial failure handling` for bulk loads, `circuit breaker` or \
              `graceful degradation` for callouts, `idempotency keys` for call-ins.",
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
    idempotency: order number
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
    idempotency: order number
    error_strategy: DLQ + retry
",
    }
}

impl Rule for MissingErrorStrategy {
    fn id(&self) -> &'static str {
        "C101"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.model
            .touchpoints
            .iter()
            .filter_map(|t| {
                let p = t.pattern?;
                if t.error_strategy.is_some() {
                    return None;
                }
                Some(Finding::new(
                    t.spans.item,
                    format!(
                        "touchpoint `{}` uses {} ({}) but has no `error_strategy`; \
                         nobody knows what happens when it fails",
                        t.id,
                        p.as_str(),
                        p.code()
                    ),
                    "add `error_strategy:` (e.g. `DLQ + retry`, `circuit breaker`, \
                     `partial failure handling`)",
                ))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{fired, landscape};

    #[test]
    fn fires_on_a_patterned_touchpoint_without_strategy() {
        let text = landscape("  - {from: EXT, to: SF, pattern: remote-call-in}\n");
        let f = fired(&text, "C101");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("warning", 10, 6));
    }

    #[test]
    fn silent_with_a_strategy_or_without_a_pattern() {
        let text = landscape(
            "  - {from: EXT, to: SF, pattern: remote-call-in, error_strategy: retry}\n  - {from: SF, to: MW}\n",
        );
        assert!(fired(&text, "C101").is_empty());
    }
}
