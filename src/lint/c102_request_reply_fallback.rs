//! C102 `request-reply-fallback`.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};
use crate::pattern::Pattern;

rule_doc! {
    /// C102: request-reply without `fallback`.
    RequestReplyFallback {
        what: "A request-reply (P1) touchpoint without a `fallback`: nothing says what \
               happens when the system being called is down or slow.",
        why: "In request-reply Salesforce blocks until the answer arrives, so the other \
              side's outage becomes a Salesforce outage: the user's save or button fails. \
              A review board will always ask what happens when the external system is \
              unavailable.",
        fix: "Add `fallback:` describing the degraded path: show cached or last known data, \
              open a circuit breaker and skip the call, or accept the input, mark it \
              unverified and retry later while telling the user.",
        failing: "title: Credit check
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  BUREAU: {}
touchpoints:
  - from: CRM
    to: BUREAU
    pattern: request-reply
    error_strategy: circuit breaker
",
        passing: "title: Credit check
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  BUREAU: {}
touchpoints:
  - from: CRM
    to: BUREAU
    pattern: request-reply
    error_strategy: circuit breaker
    fallback: use the last stored score and flag the account for review
",
    }
}

impl Rule for RequestReplyFallback {
    fn id(&self) -> &'static str {
        "C102"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.model
            .touchpoints
            .iter()
            .filter(|t| t.pattern == Some(Pattern::RequestReply) && t.fallback.is_none())
            .map(|t| {
                Finding::new(
                    t.spans.item,
                    format!(
                        "request-reply touchpoint `{}` has no `fallback`; Salesforce waits \
                         on `{}`, so its outage fails the user's transaction",
                        t.id,
                        cx.to(t).id
                    ),
                    "add `fallback:` (e.g. cached data, circuit breaker, retry with user notification)",
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{fired, landscape};

    #[test]
    fn fires_without_fallback() {
        let text = landscape("  - {from: SF, to: EXT, pattern: P1, error_strategy: retry}\n");
        let f = fired(&text, "C102");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("warning", 10, 6));
        assert!(f[0].3.contains("`EXT`"));
    }

    #[test]
    fn silent_with_fallback_or_other_pattern() {
        let text = landscape(
            "  - {from: SF, to: EXT, pattern: P1, error_strategy: retry, fallback: cache}\n\
             \x20 - {from: SF, to: EXT, pattern: P6, error_strategy: retry}\n",
        );
        assert!(fired(&text, "C102").is_empty());
    }
}
