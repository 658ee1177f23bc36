//! C112 `new-touchpoint-to-retiring`.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};
use crate::model::Status;

rule_doc! {
    /// C112: a new touchpoint to or from a retiring system.
    NewTouchpointToRetiring {
        what: "A touchpoint with `status: new` whose `from` or `to` system is `retiring`.",
        why: "Building a new integration against a system that is being switched off is \
              work thrown away, and it ties the retirement date to one more consumer. \
              The target picture (`--view target`) would show an arrow into a box that \
              is gone.",
        fix: "Point the new touchpoint at the successor (the retiring system's \
              `replaced_by`), or mark it `retiring` too if it is a stop-gap for the \
              cut-over period.",
        failing: "title: Order flow
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  ECC: {status: retiring, replaced_by: S4}
  S4: {status: new}
touchpoints:
  - from: CRM
    to: ECC
    status: new
    pattern: fire-and-forget
    error_strategy: DLQ + retry
    idempotency: order number
  - from: CRM
    to: S4
    pattern: fire-and-forget
    error_strategy: DLQ + retry
    idempotency: order number
",
        passing: "title: Order flow
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  ECC: {status: retiring, replaced_by: S4}
  S4: {status: new}
touchpoints:
  - from: CRM
    to: ECC
    pattern: fire-and-forget
    error_strategy: DLQ + retry
    idempotency: order number
  - from: CRM
    to: S4
    pattern: fire-and-forget
    error_strategy: DLQ + retry
    idempotency: order number
",
    }
}

impl Rule for NewTouchpointToRetiring {
    fn id(&self) -> &'static str {
        "C112"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for t in &cx.model.touchpoints {
            if t.status != Status::New {
                continue;
            }
            let retiring = [cx.from(t), cx.to(t)]
                .into_iter()
                .find(|s| s.status == Status::Retiring);
            let Some(system) = retiring else {
                continue;
            };
            let help = match system.replaced_by {
                Some(i) => format!(
                    "connect it to `{}`, the successor of `{}`, or mark the touchpoint `retiring`",
                    cx.model.systems[i].id, system.id
                ),
                None => format!(
                    "connect it to the system that replaces `{}`, or mark the touchpoint `retiring`",
                    system.id
                ),
            };
            out.push(Finding::new(
                t.spans.status.unwrap_or(t.spans.item),
                format!(
                    "touchpoint `{}` is new but `{}` is retiring; a new integration with a \
                     system being switched off is throw-away work",
                    t.id, system.id
                ),
                help,
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::fired;

    const BASE: &str = "title: t\nsystems:\n  A: {}\n  OLD: {status: retiring}\n  B: {status: new}\ntouchpoints:\n";

    #[test]
    fn fires_at_the_status() {
        let text = format!("{BASE}  - {{from: A, to: OLD, status: new}}\n");
        let f = fired(&text, "C112");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("warning", 7, 32));
    }

    #[test]
    fn derived_and_other_statuses_are_silent() {
        let text = format!(
            "{BASE}  - {{from: A, to: OLD}}\n  - {{from: B, to: OLD}}\n  - {{from: A, to: B}}\n  - {{from: OLD, to: A, status: keeping}}\n"
        );
        assert!(fired(&text, "C112").is_empty());
    }
}
