//! C114 `technology-pattern-fit`.

use super::technology::misfits;
use super::{Context, Finding, Rule, RuleDoc, rule_doc};

rule_doc! {
    /// C114: a technology that contradicts the pattern.
    TechnologyPatternFit {
        what: "A touchpoint whose `technology` names a known technology that cannot carry \
               its pattern: Bulk API on a real-time or event pattern, Salesforce Connect \
               or OData on anything but data virtualization, Outbound Messages on \
               anything but fire-and-forget, a callout on a remote call-in, and so on. \
               The table of known technologies is in `src/lint/technology.rs`; names it \
               does not know are never reported.",
        why: "The technology is how the pattern is built. Bulk API jobs are asynchronous \
              and take minutes, so nothing can wait on them in real time; Salesforce \
              Connect never copies data, so it cannot synchronise it; Outbound Messages \
              only send and retry, they never return an answer. When technology and \
              pattern disagree, one of them is wrong, and the limits, error handling and \
              timing drawn on the diagram are not the ones that will happen.",
        fix: "Choose the technology that implements the pattern (`landscape patterns` \
              lists the usual ones for each), or change the pattern to the one the \
              technology really implements.",
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
    technology: Bulk API 2.0
    error_strategy: circuit breaker
    fallback: use the last stored score
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
    technology: REST callout (Named Credentials)
    error_strategy: circuit breaker
    fallback: use the last stored score
",
    }
}

impl Rule for TechnologyPatternFit {
    fn id(&self) -> &'static str {
        "C114"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for t in &cx.model.touchpoints {
            let (Some(p), Some(text)) = (t.pattern, t.technology.as_deref()) else {
                continue;
            };
            // One finding per touchpoint, explained by the first technology that does
            // not fit; `Salesforce Connect OData` on a batch sync is one mistake.
            let bad = misfits(text, p);
            let Some(tech) = bad.first() else {
                continue;
            };
            let named = match &bad[1..] {
                [] => tech.name.to_string(),
                rest => format!(
                    "{} (and {})",
                    tech.name,
                    rest.iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
                ),
            };
            let fits: Vec<String> = tech
                .fits
                .iter()
                .map(|f| format!("`{}`", f.as_str()))
                .collect();
            out.push(Finding::new(
                t.spans.technology.unwrap_or(t.spans.item),
                format!(
                    "touchpoint `{}` uses {named} for {} ({}); that does not fit, because {}",
                    t.id,
                    p.as_str(),
                    p.code(),
                    tech.purpose
                ),
                format!(
                    "{} fits {}; for {} use {}",
                    tech.name,
                    fits.join(", "),
                    p.as_str(),
                    p.technologies()
                ),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{fired, landscape};

    #[test]
    fn fires_at_the_technology() {
        let text = landscape(
            "  - {from: SF, to: EXT, pattern: P1, technology: Bulk API 2.0}\n\
             \x20 - {from: SF, to: EXT, pattern: P3, technology: Salesforce Connect}\n\
             \x20 - {from: SF, to: EXT, pattern: P5, technology: Outbound Messages}\n",
        );
        let f = fired(&text, "C114");
        assert_eq!(f.len(), 3);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("warning", 10, 50));
        assert!(f[0].3.contains("Bulk API"));
    }

    #[test]
    fn realistic_combinations_are_silent() {
        let text = landscape(
            "  - {from: SF, to: EXT, pattern: P2, technology: Platform Events + MuleSoft}\n\
             \x20 - {from: SF, to: EXT, pattern: P5, technology: CDC + Pub/Sub API}\n\
             \x20 - {from: SF, to: EXT, pattern: P3, technology: Bulk API 2.0 + Informatica}\n\
             \x20 - {from: SF, to: EXT, technology: Bulk API 2.0}\n",
        );
        assert!(fired(&text, "C114").is_empty());
    }
}
