//! C116 `hidden-characters`.

use super::{Context, Finding, Rule, RuleDoc, rule_doc};

rule_doc! {
    /// C116: text that held bidirectional controls or invisible characters.
    HiddenCharacters {
        what: "A name, label or other text that contained right-to-left overrides, \
               other bidirectional controls, Unicode tag characters or zero-width spaces. \
               They were removed before drawing.",
        why: "These characters change how text is displayed without changing what it \
              is, so a label can read as something it is not (the \"Trojan Source\" \
              trick), and two names that look equal can differ. A diagram shown to a \
              review board must say what the file says.",
        fix: "Delete the hidden characters from the file. An editor that shows \
              invisible characters, or `grep -P '[\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}\\x{200B}]'`, \
              finds them.",
        failing: "title: Order flow
systems:
  CRM: {name: Sales Cloud}
  ERP: {name: \"SAP \\u202EPRE\"}
touchpoints:
  - {from: CRM, to: ERP, label: order export}
",
        passing: "title: Order flow
systems:
  CRM: {name: Sales Cloud}
  ERP: {name: SAP ERP}
touchpoints:
  - {from: CRM, to: ERP, label: order export}
",
    }
}

impl Rule for HiddenCharacters {
    fn id(&self) -> &'static str {
        "C116"
    }

    fn doc(&self) -> &'static RuleDoc {
        &Self::DOC
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.model
            .hidden_text
            .iter()
            .map(|&span| {
                Finding::new(
                    span,
                    "this text contains bidirectional controls or invisible characters; \
                     they were removed, so the drawing may read differently from the file",
                    "delete the hidden characters from the file",
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::fired;

    #[test]
    fn fires_at_the_value_with_a_right_to_left_override() {
        let text = "title: t\nsystems:\n  A: {name: \"ab\\u202Ec\"}\n  B: {name: plain}\n";
        let f = fired(text, "C116");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0.as_str(), f[0].1, f[0].2), ("warning", 3, 13));
    }

    #[test]
    fn plain_unicode_does_not_fire() {
        let text = "title: Überblick — 概要 🚀\nsystems:\n  A: {name: \"Zürich\\nשלום\"}\n";
        assert!(fired(text, "C116").is_empty());
    }
}
