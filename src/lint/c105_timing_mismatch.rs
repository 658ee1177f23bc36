//! C105 `timing-mismatch`.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};

rule_doc! {
    /// C105: declared `timing` differs from the pattern's canonical timing.
    TimingMismatch {
        what: "A touchpoint whose `timing` is not the timing its pattern has by nature: \
               request-reply and remote call-in are real-time, fire-and-forget and \
               ui-update near-real-time, batch sync batch, data virtualization on-demand.",
        why: "Timing and pattern are chosen together: the pattern is the mechanism that \
              delivers the timing. A \"real-time\" fire-and-forget or a \"near-real-time\" \
              batch sync means either the timing requirement or the pattern is wrong, and \
              a reviewer will ask which one.",
        fix: "Either remove `timing` (the pattern's own timing applies), or pick the \
              pattern that delivers the timing you need (`landscape patterns --recommend` \
              walks the decision).",
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
    timing: real-time
    error_strategy: DLQ + retry
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
    timing: near-real-time
    error_strategy: DLQ + retry
    idempotency: order number
",
    }
}

impl Rule for TimingMismatch {
    fn id(&self) -> &'static str {
        "C105"
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
                let declared = t.declared_timing?;
                let canonical = p.canonical_timing();
                if declared == canonical {
                    return None;
                }
                Some(Finding::new(
                    t.spans.timing.unwrap_or(t.spans.item),
                    format!(
                        "touchpoint `{}` is declared `{}` but {} ({}) is {} by nature; \
                         the timing and the pattern disagree",
                        t.id,
                        declared.as_str(),
                        p.as_str(),
                        p.code(),
                        canonical.as_str()
                    ),
                    format!(
                        "remove `timing` (or write `{}`), or choose the pattern that gives {} timing",
                        canonical.as_str(),
                        declared.as_str()
                    ),
                ))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{fired, landscape};

    #[test]
    fn fires_on_a_different_timing_at_the_timing_value() {
        let text = landscape(
            "  - {from: SF, to: EXT, pattern: P3, timing: real-time, error_strategy: x}\n",
        );
        let f = fired(&text, "C105");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("warning", 10, 46));
    }

    #[test]
    fn silent_on_the_canonical_timing_or_no_pattern() {
        let text = landscape(
            "  - {from: SF, to: EXT, pattern: P3, timing: batch, error_strategy: x}\n\
             \x20 - {from: MW, to: EXT, timing: real-time}\n",
        );
        assert!(fired(&text, "C105").is_empty());
    }
}
