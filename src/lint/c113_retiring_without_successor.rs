//! C113 `retiring-without-successor`.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};
use crate::model::Status;

rule_doc! {
    /// C113: a retiring system without `replaced_by`.
    RetiringWithoutSuccessor {
        what: "A system with `status: retiring` that does not name its successor \
               (`replaced_by`).",
        why: "Retiring a system moves its data and its integrations somewhere. Without a \
              named successor the target picture has a hole: nobody can check that every \
              flow of the old system has a new home. Sometimes nothing replaces it (the \
              data is read in place until it is archived); then say so by turning the \
              rule off for the file.",
        fix: "Add `replaced_by: SYSTEM_ID` naming the system that takes over, or set \
              `lint: {C113: off}` when the system is switched off without a successor.",
        failing: "title: ERP move
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  ECC: {status: retiring}
  S4: {status: new}
touchpoints:
  - from: CRM
    to: ECC
    label: orders until cut-over
  - from: CRM
    to: S4
    label: orders after cut-over
lint: {C115: off}
",
        passing: "title: ERP move
zones:
  sf: {role: salesforce}
systems:
  CRM: {zone: sf}
  ECC: {status: retiring, replaced_by: S4}
  S4: {status: new}
touchpoints:
  - from: CRM
    to: ECC
    label: orders until cut-over
  - from: CRM
    to: S4
    label: orders after cut-over
lint: {C115: off}
",
    }
}

impl Rule for RetiringWithoutSuccessor {
    fn id(&self) -> &'static str {
        "C113"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.model
            .systems
            .iter()
            .filter(|s| s.status == Status::Retiring && s.replaced_by.is_none())
            .map(|s| {
                Finding::new(
                    s.spans.id,
                    format!(
                        "system `{}` is retiring but names no successor; its data and \
                         integrations have nowhere documented to go",
                        s.id
                    ),
                    format!(
                        "add `replaced_by:` with the system that takes over from `{}`",
                        s.id
                    ),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::fired;

    #[test]
    fn fires_at_the_system_id() {
        let text = "title: t\nsystems:\n  A: {}\n  OLD: {status: retiring}\ntouchpoints:\n  - {from: A, to: OLD}\n";
        let f = fired(text, "C113");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("warning", 4, 3));
    }

    #[test]
    fn silent_with_a_successor() {
        let text = "title: t\nsystems:\n  A: {}\n  OLD: {status: retiring, replaced_by: A}\n";
        assert!(fired(text, "C113").is_empty());
    }
}
