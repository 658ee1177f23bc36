//! C109 `volume-pattern-fit`.
//!
//! Severity: the two mismatches (too many records for real time, too few for batch)
//! use the rule's configured severity (warning by default). The partitioning note on
//! very large volumes is advice, not a mismatch, and is always reported as info
//! (unless the rule is `off`).

use super::{Context, Finding, Rule, RuleDoc, rule_doc};
use crate::diag::Severity;
use crate::model::Touchpoint;
use crate::pattern::{Pattern, Timing};

/// Records per transaction up to which single REST or Composite requests are the
/// better tool, and over which real-time patterns stop fitting.
pub const REAL_TIME_MAX: u64 = 2_000;
/// Records per run over which a load needs partitioning and off-peak scheduling.
pub const PARTITION_ABOVE: u64 = 10_000_000;

rule_doc! {
    /// C109: a record volume that does not fit the pattern.
    VolumePatternFit {
        what: "A `volume` that does not suit the touchpoint: over 2,000 records on a \
               real-time touchpoint (request-reply or remote call-in); under 2,000 on a \
               batch sync; over 10,000,000 with no word on partitioning in `technology` \
               or `label` (info).",
        why: "Real-time patterns move single records while someone waits; thousands of \
              records per transaction hit governor and API limits. Below 2,000 records a \
              bulk job is overhead: single REST requests or a Composite call do the job \
              with less moving parts. From 2,000 records on, Bulk API 2.0 is the tool \
              (serial, then parallel with middleware past 50,000), and past ten million \
              records a load has to be split into partitions and run off-peak, or it \
              locks records and overruns its window.",
        fix: "Move high volumes to `batch-sync` (Bulk API 2.0); move small batches to \
              `remote-call-in` with REST or Composite; for over ten million records, say \
              how the load is partitioned (e.g. `technology: Bulk API 2.0, partitioned by \
              region, off-peak`).",
        failing: "title: Price updates
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  ERP: {}
touchpoints:
  - from: ERP
    to: CRM
    pattern: remote-call-in
    technology: REST API
    error_strategy: idempotency keys
    volume: 50000
",
        passing: "title: Price updates
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  ERP: {}
touchpoints:
  - from: ERP
    to: CRM
    pattern: batch-sync
    technology: Bulk API 2.0
    error_strategy: partial failure handling
    volume: 50000
",
    }
}

impl Rule for VolumePatternFit {
    fn id(&self) -> &'static str {
        "C109"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.model.touchpoints.iter().filter_map(check_one).collect()
    }
}

fn check_one(t: &Touchpoint) -> Option<Finding> {
    let volume = t.volume?;
    let span = t.spans.volume.unwrap_or(t.spans.item);
    let shown = thousands(volume);
    if t.timing() == Some(Timing::RealTime) && volume > REAL_TIME_MAX {
        return Some(Finding::new(
            span,
            format!(
                "touchpoint `{}` moves {shown} records in real time; real-time patterns \
                 carry single records, and over 2,000 per transaction runs into limits",
                t.id
            ),
            "use `batch-sync` with Bulk API 2.0, or split the work into single-record calls",
        ));
    }
    if t.pattern == Some(Pattern::BatchSync) && volume < REAL_TIME_MAX {
        return Some(Finding::new(
            span,
            format!(
                "touchpoint `{}` batches only {shown} records; under 2,000 a bulk job is \
                 overhead that single REST requests or a Composite call avoid",
                t.id
            ),
            "use `remote-call-in` with the REST or Composite API, or `fire-and-forget` events",
        ));
    }
    if volume > PARTITION_ABOVE && !mentions_partitioning(t) {
        return Some(
            Finding::new(
                span,
                format!(
                    "touchpoint `{}` moves {shown} records with no word on partitioning; \
                     past ten million records a load must be split and run off-peak",
                    t.id
                ),
                "say how the load is partitioned in `technology` or `label` (e.g. `partitioned by region, off-peak`)",
            )
            .with_severity(Severity::Info),
        );
    }
    None
}

fn mentions_partitioning(t: &Touchpoint) -> bool {
    [t.technology.as_deref(), t.label.as_deref()]
        .into_iter()
        .flatten()
        .any(|s| s.to_lowercase().contains("partition"))
}

/// `12,500,000`
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;
    use crate::lint::test_support::{fired, landscape};

    #[test]
    fn fires_on_real_time_volume() {
        let text = landscape(
            "  - {from: EXT, to: SF, pattern: P4, volume: 2001}\n\
             \x20 - {from: SF, to: EXT, pattern: P2, timing: real-time, volume: 5000}\n",
        );
        let f = fired(&text, "C109");
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("warning", 10, 46));
        assert!(f[0].3.contains("2,001"));
    }

    #[test]
    fn fires_on_small_batches() {
        let text = landscape("  - {from: EXT, to: SF, pattern: P3, volume: 1999}\n");
        let f = fired(&text, "C109");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "warning");
    }

    #[test]
    fn huge_volumes_without_partitioning_are_info() {
        let text = landscape(
            "  - {from: EXT, to: SF, pattern: P3, volume: 10000001}\n\
             \x20 - {from: EXT, to: SF, pattern: P3, volume: 10000001, label: PARTITIONED by year}\n\
             \x20 - {from: EXT, to: SF, pattern: P3, volume: 10000001, technology: Bulk API 2.0 partitions}\n",
        );
        let f = fired(&text, "C109");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0.as_str(), f[0].1), ("info", 10));
    }

    #[test]
    fn fitting_volumes_are_silent() {
        let text = landscape(
            "  - {from: EXT, to: SF, pattern: P4, volume: 2000}\n\
             \x20 - {from: EXT, to: SF, pattern: P3, volume: 2000}\n\
             \x20 - {from: EXT, to: SF, pattern: P3, volume: 10000000}\n\
             \x20 - {from: SF, to: EXT, pattern: P2, volume: 5000}\n",
        );
        assert!(fired(&text, "C109").is_empty());
    }

    #[test]
    fn numbers_get_separators() {
        assert_eq!(thousands(12_500_000), "12,500,000");
        assert_eq!(thousands(999), "999");
    }
}
