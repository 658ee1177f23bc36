//! C104 `ui-update-replay`.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};
use crate::pattern::Pattern;

rule_doc! {
    /// C104: ui-update without `replay`.
    UiUpdateReplay {
        what: "A ui-update (P5) touchpoint that does not say how the subscriber catches \
               up on events it missed (`replay`).",
        why: "Change events and platform events are pushed, not polled; a subscriber that \
              disconnects misses whatever was published meanwhile. The bus keeps events \
              only for a limited window (about three days for Change Data Capture, 72 \
              hours for high-volume platform events), and delivery is at-least-once, so \
              the subscriber must store its position and resume from it before the \
              window closes.",
        fix: "Add `replay:` describing how the subscriber recovers: for example `store \
              the last replay id and resume from it; full resync if the gap is older than \
              72 hours`.",
        failing: "title: Portal notifications
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  PORTAL: {}
touchpoints:
  - from: CRM
    to: PORTAL
    pattern: ui-update
    technology: CDC + Pub/Sub API
    error_strategy: alert on subscriber lag
",
        passing: "title: Portal notifications
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  PORTAL: {}
touchpoints:
  - from: CRM
    to: PORTAL
    pattern: ui-update
    technology: CDC + Pub/Sub API
    error_strategy: alert on subscriber lag
    replay: the portal stores the last replay id and resumes from it
",
    }
}

impl Rule for UiUpdateReplay {
    fn id(&self) -> &'static str {
        "C104"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.model
            .touchpoints
            .iter()
            .filter(|t| t.pattern == Some(Pattern::UiUpdate) && t.replay.is_none())
            .map(|t| {
                Finding::new(
                    t.spans.item,
                    format!(
                        "ui-update touchpoint `{}` has no `replay`; when `{}` disconnects it \
                         loses events unless it resumes from a stored position within the \
                         retention window (72 hours)",
                        t.id,
                        cx.to(t).id
                    ),
                    "add `replay:` (e.g. `store the last replay id and resume from it`)",
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{fired, landscape};

    #[test]
    fn fires_without_replay() {
        let text = landscape("  - {from: SF, to: EXT, pattern: P5, error_strategy: x}\n");
        let f = fired(&text, "C104");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("warning", 10, 6));
    }

    #[test]
    fn silent_with_replay() {
        let text = landscape(
            "  - {from: SF, to: EXT, pattern: P5, error_strategy: x, replay: replay id}\n",
        );
        assert!(fired(&text, "C104").is_empty());
    }
}
