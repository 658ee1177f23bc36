//! C108 `callout-timeout`.
//!
//! Severity: a timeout over 10 s is reported at the rule's configured severity
//! (warning by default). A timeout over 120 s cannot be configured on the platform at
//! all, so that part is always an error; the `lint:` map can only turn the whole rule
//! `off`, not soften the hard limit.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};
use crate::diag::Severity;
use crate::pattern::Pattern;

/// Salesforce's default timeout of one callout, in milliseconds.
pub const DEFAULT_CALLOUT_MS: u64 = 10_000;
/// The most a callout timeout can be set to, in milliseconds (also the cumulative
/// callout time of one transaction).
pub const MAX_CALLOUT_MS: u64 = 120_000;

rule_doc! {
    /// C108: request-reply `timeout` over the callout limits.
    CalloutTimeout {
        what: "A request-reply (P1) touchpoint whose `timeout` is over 10 seconds \
               (warning) or over 120 seconds (error).",
        why: "A callout gives up after 10 seconds unless its timeout is set explicitly, \
              and it can be raised to 120 seconds at most; all callouts of one transaction \
              share the same 120 seconds. A timeout over 120 s cannot be configured. One \
              over 10 s works only if every callout sets it, and the user stares at a \
              blocked screen for that long.",
        fix: "Bring the timeout to 10 s or less (make the service faster, or cache), or \
              stop waiting: fire-and-forget with a callback (P2) when the user can wait \
              for the answer, data virtualization (P6) when they only need to see it. If \
              over 10 s is really needed, configure it explicitly on the callout.",
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
    fallback: use the last stored score
    timeout: 3m
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
    fallback: use the last stored score
    timeout: 8s
",
    }
}

impl Rule for CalloutTimeout {
    fn id(&self) -> &'static str {
        "C108"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for t in &cx.model.touchpoints {
            if t.pattern != Some(Pattern::RequestReply) {
                continue;
            }
            let Some(ms) = t.timeout_ms else {
                continue;
            };
            let span = t.spans.timeout.unwrap_or(t.spans.item);
            if ms > MAX_CALLOUT_MS {
                out.push(
                    Finding::new(
                        span,
                        format!(
                            "touchpoint `{}` waits {} for a callout, but a callout timeout \
                             cannot exceed 120 s (nor can all callouts of a transaction together)",
                            t.id,
                            seconds(ms)
                        ),
                        "make the call asynchronous (`fire-and-forget` with a callback) or bring the timeout to 10 s or less",
                    )
                    .with_severity(Severity::Error),
                );
            } else if ms > DEFAULT_CALLOUT_MS {
                out.push(Finding::new(
                    span,
                    format!(
                        "touchpoint `{}` waits {} for a callout, over the 10 s default; it \
                         must be set explicitly on every callout, and the user is blocked \
                         meanwhile",
                        t.id,
                        seconds(ms)
                    ),
                    "aim for 10 s or less, or stop blocking the user (`fire-and-forget` with a callback)",
                ));
            }
        }
        out
    }
}

/// `12 s`, `1.5 s`, `180 s`.
fn seconds(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        let fraction = format!("{:03}", ms % 1000);
        format!("{}.{} s", ms / 1000, fraction.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::seconds;
    use crate::lint::test_support::{diagnostics, fired, landscape};

    #[test]
    fn warns_over_ten_seconds_and_errs_over_two_minutes() {
        let text = landscape(
            "  - {from: SF, to: EXT, pattern: P1, timeout: 30s}\n\
             \x20 - {from: SF, to: EXT, pattern: P1, timeout: 121s}\n",
        );
        let f = fired(&text, "C108");
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("warning", 10, 47));
        assert_eq!((f[1].0.as_str(), f[1].1, f[1].2), ("error", 11, 47));
    }

    #[test]
    fn the_limits_themselves_are_fine() {
        let text = landscape(
            "  - {from: SF, to: EXT, pattern: P1, timeout: 10s}\n\
             \x20 - {from: SF, to: EXT, pattern: P2, timeout: 5m}\n",
        );
        assert!(fired(&text, "C108").is_empty());
    }

    #[test]
    fn the_hard_limit_stays_an_error_unless_the_rule_is_off() {
        let base = landscape("  - {from: SF, to: EXT, pattern: P1, timeout: 3m}\n");
        let info = fired(&format!("{base}lint: {{C108: info}}\n"), "C108");
        assert_eq!(info[0].0, "error");
        let off = diagnostics(&format!("{base}lint: {{C108: off}}\n"));
        assert!(off.iter().all(|d| d.rule != "C108"));
    }

    #[test]
    fn seconds_are_readable() {
        assert_eq!(seconds(12_000), "12 s");
        assert_eq!(seconds(10_500), "10.5 s");
    }
}
