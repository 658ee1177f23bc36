//! C106 `pattern-direction`.

use super::{Context, Finding, Rule, RuleDoc, reach_through_integration, rule_doc};
use crate::model::{Role, Touchpoint};
use crate::pattern::Pattern;

rule_doc! {
    /// C106: the arrow's direction does not fit the pattern.
    PatternDirection {
        what: "A touchpoint whose arrow points the wrong way for its pattern. Request-reply \
               (P1), fire-and-forget (P2), ui-update (P5) and data virtualization (P6) \
               start at a `salesforce` system; remote call-in (P4) ends at one. A leg \
               through the integration layer counts as part of the route: a P2 that starts \
               at a middleware system fed by Salesforce is fine, and so is a P4 that ends \
               at a middleware system which forwards to Salesforce. Batch sync (P3) may go \
               either way.",
        why: "The pattern names who initiates: in P1, P2 and P6 Salesforce calls out, in \
              P5 Salesforce publishes its data changes, in P4 an outside system calls \
              Salesforce's APIs. An arrow from an external system labelled \
              request-reply is really a remote call-in, with different limits \
              (API quotas, OAuth, a Connected App) and a different error story; a \
              reviewer reads the arrow and the pattern as one statement.",
        fix: "Turn the arrow around (swap `from` and `to`), or choose the pattern that \
              matches who initiates: an external system calling in is `remote-call-in`; \
              Salesforce calling out and waiting is `request-reply`.",
        failing: "title: Invoices
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  BILLING: {}
touchpoints:
  - from: BILLING
    to: CRM
    pattern: request-reply
    error_strategy: retry with backoff
    fallback: the billing run queues the invoice
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
    error_strategy: retry with backoff
",
    }
}

impl Rule for PatternDirection {
    fn id(&self) -> &'static str {
        "C106"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let routes = Routes {
            fed: reach_through_integration(cx, Role::Salesforce, false),
            forwarded: reach_through_integration(cx, Role::Salesforce, true),
        };
        cx.model
            .touchpoints
            .iter()
            .filter_map(|t| check_one(cx, &routes, t))
            .collect()
    }
}

/// Per system, whether a route through the integration layer links it to
/// Salesforce: `fed` from a Salesforce system, `forwarded` to one.
struct Routes {
    fed: Vec<bool>,
    forwarded: Vec<bool>,
}

fn check_one(cx: &Context<'_>, routes: &Routes, t: &Touchpoint) -> Option<Finding> {
    let p = t.pattern?;
    let starts_at_salesforce = || cx.role(t.from) == Role::Salesforce || routes.fed[t.from];
    let ends_at_salesforce = || cx.role(t.to) == Role::Salesforce || routes.forwarded[t.to];
    let from = cx.from(t);
    let to = cx.to(t);
    match p {
        Pattern::RequestReply
        | Pattern::FireAndForget
        | Pattern::UiUpdate
        | Pattern::DataVirtualization => {
            if starts_at_salesforce() {
                return None;
            }
            let what = match p {
                Pattern::UiUpdate => "pushes Salesforce data changes to subscribers",
                _ => "is initiated by Salesforce",
            };
            let help = if cx.role(t.to) == Role::Salesforce {
                format!(
                    "`{}` calls into Salesforce: use `remote-call-in` (P4), or swap `from` and `to`",
                    from.id
                )
            } else {
                "start the touchpoint at a `salesforce` system, or at an integration system that a Salesforce system feeds".to_string()
            };
            Some(Finding::new(
                t.spans.from,
                format!(
                    "touchpoint `{}` starts at `{}` ({}), but {} ({}) {}",
                    t.id,
                    from.id,
                    from.role.as_str(),
                    p.as_str(),
                    p.code(),
                    what
                ),
                help,
            ))
        }
        Pattern::RemoteCallIn => {
            if ends_at_salesforce() {
                return None;
            }
            let help = if cx.role(t.from) == Role::Salesforce {
                format!(
                    "`{}` is the caller: use `request-reply` (P1) or `fire-and-forget` (P2), or swap `from` and `to`",
                    from.id
                )
            } else {
                "end the touchpoint at a `salesforce` system, or at an integration system that forwards to one".to_string()
            };
            Some(Finding::new(
                t.spans.to,
                format!(
                    "touchpoint `{}` ends at `{}` ({}), but remote-call-in (P4) is an outside \
                     system calling Salesforce, and no route through the integration layer \
                     reaches Salesforce",
                    t.id,
                    to.id,
                    to.role.as_str()
                ),
                help,
            ))
        }
        Pattern::BatchSync => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{fired, landscape};

    #[test]
    fn fires_on_outbound_patterns_started_outside() {
        for p in ["P1", "P2", "P5", "P6"] {
            let text = landscape(&format!("  - {{from: EXT, to: SF, pattern: {p}}}\n"));
            let f = fired(&text, "C106");
            assert_eq!(f.len(), 1, "{p}");
            assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("warning", 10, 12));
        }
    }

    #[test]
    fn fires_on_call_in_that_never_reaches_salesforce() {
        let text = landscape("  - {from: EXT, to: MW, pattern: P4}\n  - {from: SF, to: MW}\n");
        let f = fired(&text, "C106");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].1, f[0].2), (10, 21));
    }

    #[test]
    fn legs_through_the_integration_layer_count() {
        let text = landscape(
            "  - {from: SF, to: MW}\n  - {from: MW, to: EXT, pattern: P2}\n\
             \x20 - {from: EXT, to: MW, pattern: P4}\n  - {from: MW, to: SF}\n",
        );
        assert!(fired(&text, "C106").is_empty());
    }

    #[test]
    fn middleware_not_fed_by_salesforce_fires() {
        let text = landscape("  - {from: EXT, to: MW}\n  - {from: MW, to: EXT, pattern: P1}\n");
        assert_eq!(fired(&text, "C106").len(), 1);
    }

    #[test]
    fn batch_sync_goes_either_way() {
        let text = landscape(
            "  - {from: EXT, to: SF, pattern: P3}\n  - {from: SF, to: EXT, pattern: P3}\n",
        );
        assert!(fired(&text, "C106").is_empty());
    }
}
