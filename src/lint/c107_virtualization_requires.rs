//! C107 `virtualization-requires`.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};
use crate::model::Feature;
use crate::pattern::Pattern;

rule_doc! {
    /// C107: data virtualization where the data must take part in platform features
    /// that external objects cannot join.
    VirtualizationRequires {
        what: "A data-virtualization (P6) touchpoint whose `requires` lists triggers, \
               flows, approvals, reports or offline.",
        why: "Virtualized data stays in the external system and is read through external \
              objects on every query; it is never stored in Salesforce. External objects \
              cannot fire Apex triggers, take part in most flow operations or approval \
              processes, appear in standard reports, or be used offline. If the scenario \
              needs any of these, data virtualization is the wrong pattern: this is a \
              classic trap at a review board.",
        fix: "Copy the data into Salesforce instead (`batch-sync`, or `remote-call-in` \
              from the system of record) so it becomes real records, or drop the \
              requirement if it was not real.",
        failing: "title: Catalogue
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  CATALOG: {}
touchpoints:
  - from: CRM
    to: CATALOG
    pattern: data-virtualization
    technology: Salesforce Connect OData
    error_strategy: fallback cache
    requires: [approvals]
",
        passing: "title: Catalogue
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  CATALOG: {}
touchpoints:
  - from: CATALOG
    to: CRM
    pattern: batch-sync
    technology: Bulk API 2.0
    error_strategy: partial failure handling
    volume: 40000
    requires: [approvals]
",
    }
}

impl Rule for VirtualizationRequires {
    fn id(&self) -> &'static str {
        "C107"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for t in &cx.model.touchpoints {
            if t.pattern != Some(Pattern::DataVirtualization) {
                continue;
            }
            for (i, feature) in t.requires.iter().enumerate() {
                let span = t.spans.requires.get(i).copied().unwrap_or(t.spans.item);
                out.push(Finding::new(
                    span,
                    format!(
                        "touchpoint `{}` virtualizes its data but requires `{}`; {}",
                        t.id,
                        feature.as_str(),
                        reason(*feature)
                    ),
                    "copy the data into Salesforce with `batch-sync` or `remote-call-in`, or remove the requirement",
                ));
            }
        }
        out
    }
}

fn reason(f: Feature) -> &'static str {
    match f {
        Feature::Triggers => "external objects cannot fire Apex triggers",
        Feature::Flows => "external objects cannot take part in most flow operations",
        Feature::Approvals => "external objects cannot go through approval processes",
        Feature::Reports => "external objects are not available to standard reports",
        Feature::Offline => "external data is read live and is never available offline",
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{fired, landscape};

    #[test]
    fn fires_once_per_entry_at_the_entry() {
        let text =
            landscape("  - {from: SF, to: EXT, pattern: P6, requires: [triggers, offline]}\n");
        let f = fired(&text, "C107");
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("error", 10, 49));
        assert_eq!(f[1].2, 59);
        assert!(f[1].3.contains("offline"));
    }

    #[test]
    fn silent_for_other_patterns_or_no_requirements() {
        let text = landscape(
            "  - {from: SF, to: EXT, pattern: P3, requires: [triggers]}\n\
             \x20 - {from: SF, to: EXT, pattern: P6}\n",
        );
        assert!(fired(&text, "C107").is_empty());
    }
}
