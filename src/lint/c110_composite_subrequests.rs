//! C110 `composite-subrequests`.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};

/// The most sub-requests one Composite API call accepts.
pub const MAX_SUBREQUESTS: u64 = 25;

rule_doc! {
    /// C110: more than 25 Composite API sub-requests in one call.
    CompositeSubrequests {
        what: "A touchpoint whose `subrequests` (Composite API sub-requests per call) is \
               over 25.",
        why: "One Composite API call takes at most 25 sub-requests; a larger request is \
              refused outright, so the design cannot work as drawn.",
        fix: "Split the work into several Composite calls of 25 or fewer sub-requests, \
              use a Composite Graph or sObject Collections request for many records of \
              one kind, or move volume work to `batch-sync` with Bulk API 2.0.",
        failing: "title: Invoices
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  BILLING: {}
touchpoints:
  - from: BILLING
    to: CRM
    pattern: remote-call-in
    technology: Composite API
    error_strategy: idempotency keys
    subrequests: 40
",
        passing: "title: Invoices
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  BILLING: {}
touchpoints:
  - from: BILLING
    to: CRM
    pattern: remote-call-in
    technology: Composite API
    error_strategy: idempotency keys
    subrequests: 20
",
    }
}

impl Rule for CompositeSubrequests {
    fn id(&self) -> &'static str {
        "C110"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.model
            .touchpoints
            .iter()
            .filter_map(|t| {
                let n = t.subrequests.filter(|&n| n > MAX_SUBREQUESTS)?;
                Some(Finding::new(
                    t.spans.subrequests.unwrap_or(t.spans.item),
                    format!(
                        "touchpoint `{}` sends {n} sub-requests in one Composite API call; \
                         the API refuses more than 25",
                        t.id
                    ),
                    "split it into calls of at most 25 sub-requests, or use Bulk API 2.0 for volume",
                ))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{fired, landscape};

    #[test]
    fn fires_over_25() {
        let text = landscape("  - {from: MW, to: SF, subrequests: 26}\n");
        let f = fired(&text, "C110");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("error", 10, 37));
    }

    #[test]
    fn silent_at_25() {
        let text = landscape("  - {from: MW, to: SF, subrequests: 25}\n");
        assert!(fired(&text, "C110").is_empty());
    }
}
