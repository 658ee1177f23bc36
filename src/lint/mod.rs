//! Stage 4: architecture rules over the resolved model and its graph.
//!
//! Each rule lives in its own file (`c102_request_reply_fallback.rs`), implements
//! [`Rule`], and is listed once in [`RULES`], in id order. The rule reports
//! [`Finding`]s; [`lint`] turns them into [`Diagnostic`]s with the severity the
//! catalogue ([`crate::rules`]) or the file's `lint:` map asks for, skips rules that
//! are turned `off`, and sorts the result by span, then rule id.

use crate::diag::{Diagnostic, Severity, Span};
use crate::graph::LandscapeGraph;
use crate::model::{Model, Role, System, Touchpoint};

mod c101_missing_error_strategy;
mod c102_request_reply_fallback;
mod c103_fire_and_forget_idempotency;
mod c104_ui_update_replay;
mod c105_timing_mismatch;
mod c106_pattern_direction;
mod c107_virtualization_requires;
mod c108_callout_timeout;
mod c109_volume_pattern_fit;
mod c110_composite_subrequests;
mod c111_orphan_system;
mod c112_new_touchpoint_to_retiring;
mod c113_retiring_without_successor;
mod c114_technology_pattern_fit;
mod c115_unpatterned_salesforce_edge;
mod c116_hidden_characters;
pub mod technology;

pub use c101_missing_error_strategy::MissingErrorStrategy;
pub use c102_request_reply_fallback::RequestReplyFallback;
pub use c103_fire_and_forget_idempotency::FireAndForgetIdempotency;
pub use c104_ui_update_replay::UiUpdateReplay;
pub use c105_timing_mismatch::TimingMismatch;
pub use c106_pattern_direction::PatternDirection;
pub use c107_virtualization_requires::VirtualizationRequires;
pub use c108_callout_timeout::CalloutTimeout;
pub use c109_volume_pattern_fit::VolumePatternFit;
pub use c110_composite_subrequests::CompositeSubrequests;
pub use c111_orphan_system::OrphanSystem;
pub use c112_new_touchpoint_to_retiring::NewTouchpointToRetiring;
pub use c113_retiring_without_successor::RetiringWithoutSuccessor;
pub use c114_technology_pattern_fit::TechnologyPatternFit;
pub use c115_unpatterned_salesforce_edge::UnpatternedSalesforceEdge;
pub use c116_hidden_characters::HiddenCharacters;

/// Every architecture rule, in id order. The order is the order of the docs and of
/// `landscape explain`; the catalogue in [`crate::rules`] holds the same ids.
pub const RULES: &[&dyn Rule] = &[
    &MissingErrorStrategy,
    &RequestReplyFallback,
    &FireAndForgetIdempotency,
    &UiUpdateReplay,
    &TimingMismatch,
    &PatternDirection,
    &VirtualizationRequires,
    &CalloutTimeout,
    &VolumePatternFit,
    &CompositeSubrequests,
    &OrphanSystem,
    &NewTouchpointToRetiring,
    &RetiringWithoutSuccessor,
    &TechnologyPatternFit,
    &UnpatternedSalesforceEdge,
    &HiddenCharacters,
];

/// What a rule can look at: the model and its graph, both read-only.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The resolved landscape.
    pub model: &'a Model,
    /// The same landscape as a graph (node `i` is system `i`, edge weights are
    /// touchpoint indices).
    pub graph: &'a LandscapeGraph,
}

impl<'a> Context<'a> {
    /// The system a touchpoint starts at.
    pub fn from(&self, t: &Touchpoint) -> &'a System {
        &self.model.systems[t.from]
    }

    /// The system a touchpoint ends at.
    pub fn to(&self, t: &Touchpoint) -> &'a System {
        &self.model.systems[t.to]
    }

    /// The role of system `i`.
    pub fn role(&self, i: usize) -> Role {
        self.model.systems[i].role
    }
}

/// One problem a rule found, before severities are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What is wrong and why it matters; lowercase, identifiers in backticks.
    pub message: String,
    /// The field at fault, or the touchpoint or system when a field is missing.
    pub span: Span,
    /// What to do.
    pub help: String,
    /// A severity that does not follow the rule's configured one (C108's hard
    /// limit, C109's partitioning note); `None` means "the rule's severity".
    pub fixed: Option<Severity>,
}

impl Finding {
    /// A finding at the rule's configured severity.
    pub fn new(span: Span, message: impl Into<String>, help: impl Into<String>) -> Self {
        Finding {
            message: message.into(),
            span,
            help: help.into(),
            fixed: None,
        }
    }

    /// The same finding with a severity of its own.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.fixed = Some(severity);
        self
    }
}

/// The long explanation of a rule, printed by `landscape explain` and rendered into
/// the rule's rustdoc by the `rule_doc!` macro. The examples are whole landscapes: a unit test
/// checks that `failing` fires the rule and `passing` is clean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDoc {
    /// What the rule finds.
    pub what: &'static str,
    /// Why that is a problem.
    pub why: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// A landscape that fires the rule.
    pub failing: &'static str,
    /// The same landscape, fixed.
    pub passing: &'static str,
}

/// An architecture rule: a stable id (its name and default severity are in the
/// catalogue, [`crate::rules`]), an explanation, and a check.
pub trait Rule: Sync {
    /// The id of SPEC §4 (`C102`).
    fn id(&self) -> &'static str;
    /// The explanation and examples.
    fn doc(&self) -> &'static RuleDoc;
    /// Every finding in the landscape, in any order.
    fn check(&self, cx: &Context<'_>) -> Vec<Finding>;
}

/// Declares a rule's unit struct with its [`RuleDoc`], and renders the same text
/// into the struct's rustdoc in ruff's outline (What it does / Why is this bad? /
/// What to do / Example), so the docs and `landscape explain` never drift apart.
macro_rules! rule_doc {
    (
        $(#[$meta:meta])*
        $name:ident {
            what: $what:literal,
            why: $why:literal,
            fix: $fix:literal,
            failing: $failing:literal,
            passing: $passing:literal $(,)?
        }
    ) => {
        $(#[$meta])*
        ///
        #[doc = concat!(
            "## What it does\n\n", $what,
            "\n\n## Why is this bad?\n\n", $why,
            "\n\n## What to do\n\n", $fix,
            "\n\n## Example\n\nFires:\n\n```yaml\n", $failing,
            "```\n\nDoes not fire:\n\n```yaml\n", $passing, "```\n"
        )]
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            /// The explanation and examples of this rule.
            pub const DOC: $crate::lint::RuleDoc = $crate::lint::RuleDoc {
                what: $what,
                why: $why,
                fix: $fix,
                failing: $failing,
                passing: $passing,
            };
        }
    };
}
pub(crate) use rule_doc;

/// Looks a rule up by id (`C102`, case-insensitive).
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.id().eq_ignore_ascii_case(id))
}

/// Runs every enabled architecture rule and returns the findings, with the severity
/// the file asked for, sorted by span and then rule id.
pub fn lint(model: &Model, graph: &LandscapeGraph) -> Vec<Diagnostic> {
    let cx = Context { model, graph };
    let mut out = Vec::new();
    for rule in RULES {
        let id = rule.id();
        let default = crate::rules::find(id).and_then(|r| r.default);
        let configured = match model.lint.get(id) {
            Some(level) => level.severity(),
            None => default,
        };
        // `off` (or a rule whose catalogue default is off) produces nothing at all,
        // including the parts of a rule that carry a severity of their own.
        let Some(severity) = configured else {
            continue;
        };
        for f in rule.check(&cx) {
            out.push(
                Diagnostic::new(id, f.fixed.unwrap_or(severity), f.message, Some(f.span))
                    .with_help(f.help),
            );
        }
    }
    out.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.span.map(|s| (s.start, s.end));
        key(a).cmp(&key(b)).then_with(|| a.rule.cmp(b.rule))
    });
    out
}

/// Explanation of a rule for `landscape explain`: catalogue line, what, why, what to
/// do, and the two examples. `None` for an unknown id. Structural rules have no
/// examples; their text says so.
pub fn explain(id: &str) -> Option<String> {
    let info = crate::rules::RULES
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(id))?;
    let sev = info.default.map_or("off", Severity::as_str);
    let mut out = format!("{} {} (default: {sev})\n\n", info.id, info.name);
    match find(info.id) {
        Some(rule) => {
            let d = rule.doc();
            out.push_str(&format!(
                "What it finds\n  {}\n\nWhy it matters\n  {}\n\nWhat to do\n  {}\n\n",
                wrap(d.what),
                wrap(d.why),
                wrap(d.fix)
            ));
            out.push_str(&format!(
                "Fires on:\n\n{}\nDoes not fire on:\n\n{}",
                indent(d.failing),
                indent(d.passing)
            ));
            out.push_str(&format!(
                "\nChange its severity in the file: `lint: {{{}: error|warning|info|off}}`.\n",
                info.id
            ));
        }
        None => {
            out.push_str(&format!(
                "{}.\n\nThis is a structural rule: the file cannot be read as a landscape \
                 until it is fixed, so it is always an error and cannot be turned off.\n",
                capitalise(info.summary)
            ));
        }
    }
    Some(out)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Wraps a paragraph at about 80 columns with a two-space hanging indent.
fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut col = 2;
    for word in text.split_whitespace() {
        if col > 2 && col + 1 + word.len() > 80 {
            out.push_str("\n  ");
            col = 2;
        } else if col > 2 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += word.chars().count();
    }
    out
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

/// For every system, whether it reaches a system of role `target` by walking
/// touchpoints through `integration` systems only (forwards when `forwards`, else
/// backwards); bidirectional touchpoints count both ways. Only `integration`
/// systems get `true`: the walk starts at one.
///
/// One walk from all the `target` systems at once, against the direction asked
/// for, serves every system: O(systems + touchpoints) in all. (A walk per
/// touchpoint took 68 s on a valid file of 10,000 middleware systems and 50,000
/// touchpoints.) Iterative, so long middleware chains cannot overflow the stack.
pub fn reach_through_integration(cx: &Context<'_>, target: Role, forwards: bool) -> Vec<bool> {
    use petgraph::Direction::{Incoming, Outgoing};
    use petgraph::visit::EdgeRef;
    let g = &cx.graph.graph;
    let n = cx.model.systems.len();
    // `reached` doubles as the visited set: only integration systems are pushed
    // after the targets themselves.
    let mut reached = vec![false; n];
    let mut stack: Vec<usize> = (0..n).filter(|&s| cx.role(s) == target).collect();
    // A walk forwards from a system steps to its touchpoints' targets (and to the
    // sources of bidirectional ones), so the walk back from a target steps to
    // sources (and to the targets of bidirectional ones); and the other way round.
    let (main, back) = if forwards {
        (Incoming, Outgoing)
    } else {
        (Outgoing, Incoming)
    };
    while let Some(s) = stack.pop() {
        let node = cx.graph.node(s);
        let along = g
            .edges_directed(node, main)
            .map(|e| if forwards { e.source() } else { e.target() });
        let against = g
            .edges_directed(node, back)
            .filter(|e| cx.model.touchpoints[*e.weight()].bidirectional)
            .map(|e| if forwards { e.target() } else { e.source() });
        for next in along.chain(against).map(|n| g[n]) {
            if cx.role(next) == Role::Integration && !reached[next] {
                reached[next] = true;
                stack.push(next);
            }
        }
    }
    reached
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for the rules' unit tests.
    use crate::diag::Diagnostic;
    use crate::source::SourceFile;

    /// Checks a landscape text and returns its diagnostics; panics on structural
    /// errors, which would make a rule test meaningless.
    pub fn diagnostics(text: &str) -> Vec<Diagnostic> {
        let checked = crate::check(&SourceFile::new("test.yaml", text));
        assert!(
            checked.model.is_some(),
            "not a valid landscape: {:?}",
            checked.diagnostics
        );
        checked.diagnostics
    }

    /// The diagnostics of one rule, as `(severity, line, column, message)`.
    pub fn fired(text: &str, rule: &str) -> Vec<(String, usize, usize, String)> {
        let source = SourceFile::new("test.yaml", text);
        diagnostics(text)
            .into_iter()
            .filter(|d| d.rule == rule)
            .map(|d| {
                let (line, col) = source.line_col(d.span.map_or(0, |s| s.start));
                (d.severity.as_str().to_string(), line, col, d.message)
            })
            .collect()
    }

    /// A landscape with a Salesforce system `SF`, an integration system `MW`, an
    /// external system `EXT`, and the given touchpoint items (YAML list entries).
    pub fn landscape(touchpoints: &str) -> String {
        format!(
            "title: t\nzones:\n  sf: {{role: salesforce}}\n  mw: {{role: integration}}\n\
             systems:\n  SF: {{zone: sf}}\n  MW: {{zone: mw}}\n  EXT: {{}}\n\
             touchpoints:\n{touchpoints}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn registry_matches_the_catalogue_in_order() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        let catalogue: Vec<&str> = crate::rules::RULES
            .iter()
            .filter(|r| !r.is_structural())
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, catalogue);
    }

    #[test]
    fn every_failing_example_fires_and_every_passing_example_is_clean() {
        for rule in RULES {
            let doc = rule.doc();
            let failing = crate::check(&SourceFile::new("failing.yaml", doc.failing));
            assert!(
                failing.model.is_some(),
                "{}: failing example is not a valid landscape: {:?}",
                rule.id(),
                failing.diagnostics
            );
            assert!(
                failing.diagnostics.iter().any(|d| d.rule == rule.id()),
                "{}: failing example does not fire: {:?}",
                rule.id(),
                failing.diagnostics
            );
            let passing = crate::check(&SourceFile::new("passing.yaml", doc.passing));
            assert!(
                passing.model.is_some() && passing.diagnostics.is_empty(),
                "{}: passing example is not clean: {:?}",
                rule.id(),
                passing.diagnostics
            );
        }
    }

    #[test]
    fn explanations_cover_every_rule_and_teach() {
        for info in crate::rules::RULES {
            let text = explain(info.id).unwrap_or_default();
            assert!(text.starts_with(info.id), "{}", info.id);
            if !info.is_structural() {
                assert!(text.contains("Why it matters"), "{}", info.id);
                assert!(text.contains("Does not fire on"), "{}", info.id);
            }
        }
        assert!(explain("c102").is_some());
        assert!(explain("C999").is_none());
    }

    #[test]
    fn lint_map_changes_severity_and_turns_rules_off() {
        let base = test_support::landscape(
            "  - {from: SF, to: EXT, pattern: request-reply, fallback: cache}\n  - {from: MW, to: SF}\n",
        );
        let sev = |extra: &str| -> Vec<(&'static str, Severity)> {
            test_support::diagnostics(&format!("{base}{extra}"))
                .into_iter()
                .map(|d| (d.rule, d.severity))
                .collect()
        };
        assert_eq!(sev(""), vec![("C101", Severity::Warning)]);
        assert_eq!(
            sev("lint: {C101: error}\n"),
            vec![("C101", Severity::Error)]
        );
        assert_eq!(sev("lint: {C101: off}\n"), vec![]);
    }

    #[test]
    fn results_are_sorted_by_span_then_rule() {
        let text = test_support::landscape(
            "  - {from: SF, to: EXT, pattern: request-reply}\n  - {from: EXT, to: SF}\n  - {from: MW, to: SF}\n",
        );
        let d = test_support::diagnostics(&text);
        let rules: Vec<&str> = d.iter().map(|d| d.rule).collect();
        assert_eq!(rules, vec!["C101", "C102", "C115"]);
        assert!(d.windows(2).all(|w| w[0].span <= w[1].span));
    }

    #[test]
    fn routes_follow_integration_systems_only() {
        let text = "title: t\nzones:\n  sf: {role: salesforce}\n  mw: {role: integration}\n\
                    systems:\n  SF: {zone: sf}\n  A: {zone: mw}\n  B: {zone: mw}\n  X: {}\n  Y: {}\n\
                    touchpoints:\n  - {from: X, to: A}\n  - {from: A, to: B}\n  - {from: B, to: A}\n\
                    \x20 - {from: B, to: SF}\n  - {from: Y, to: X}\n";
        let checked = crate::check(&SourceFile::new("t.yaml", text));
        let model = checked.model.expect("valid");
        let graph = crate::graph::build(&model);
        let cx = Context {
            model: &model,
            graph: &graph,
        };
        let forwards = reach_through_integration(&cx, Role::Salesforce, true);
        let backwards = reach_through_integration(&cx, Role::Salesforce, false);
        // A reaches SF through B; X and Y are external; nothing feeds A or B from SF.
        assert_eq!(forwards, [false, true, true, false, false]);
        assert_eq!(backwards, [false; 5]);
    }

    /// The walk from one system, as the rule once ran it for every touchpoint: the
    /// reference for [`reach_through_integration`].
    fn reaches_from(cx: &Context<'_>, start: usize, target: Role, forwards: bool) -> bool {
        use petgraph::Direction::{Incoming, Outgoing};
        use petgraph::visit::EdgeRef;
        let g = &cx.graph.graph;
        let mut seen = vec![false; cx.model.systems.len()];
        let mut stack = vec![start];
        seen[start] = true;
        let (main, back) = if forwards {
            (Outgoing, Incoming)
        } else {
            (Incoming, Outgoing)
        };
        while let Some(s) = stack.pop() {
            let node = cx.graph.node(s);
            let along = g
                .edges_directed(node, main)
                .map(|e| if forwards { e.target() } else { e.source() });
            let against = g
                .edges_directed(node, back)
                .filter(|e| cx.model.touchpoints[*e.weight()].bidirectional)
                .map(|e| if forwards { e.source() } else { e.target() });
            for next in along.chain(against).map(|n| g[n]) {
                if seen[next] {
                    continue;
                }
                seen[next] = true;
                match cx.role(next) {
                    r if r == target => return true,
                    Role::Integration => stack.push(next),
                    _ => {}
                }
            }
        }
        false
    }

    #[test]
    fn one_walk_from_the_targets_reaches_as_a_walk_from_each_system() {
        // Pseudo-random landscapes: 24 systems of the three roles, 40 touchpoints,
        // a quarter of them bidirectional.
        let mut rng = crate::layout::generate::Rng::seeded(7);
        let mut next = |n: usize| rng.below(n);
        let mut reached = 0;
        for _ in 0..30 {
            let mut text = String::from(
                "title: t\nzones:\n  sf: {role: salesforce}\n  mw: {role: integration}\n  ex: {}\nsystems:\n",
            );
            for i in 0..24 {
                let zone = ["sf", "mw", "mw", "ex"][next(4)];
                text += &format!("  S{i}: {{zone: {zone}}}\n");
            }
            text += "touchpoints:\n";
            let mut pairs = std::collections::BTreeSet::new();
            while pairs.len() < 40 {
                let (a, b) = (next(24), next(24));
                if a != b {
                    pairs.insert((a, b));
                }
            }
            for (a, b) in pairs {
                let both = next(4) == 0;
                text += &format!("  - {{from: S{a}, to: S{b}, bidirectional: {both}}}\n");
            }
            let checked = crate::check(&SourceFile::new("t.yaml", &text));
            let model = checked.model.expect("valid");
            let graph = crate::graph::build(&model);
            let cx = Context {
                model: &model,
                graph: &graph,
            };
            for target in [Role::Salesforce, Role::External] {
                for forwards in [true, false] {
                    let all = reach_through_integration(&cx, target, forwards);
                    assert_eq!(all.len(), model.systems.len());
                    for (s, &got) in all.iter().enumerate() {
                        let expected = cx.role(s) == Role::Integration
                            && reaches_from(&cx, s, target, forwards);
                        assert_eq!(got, expected, "system {s}, {target:?}, forwards {forwards}");
                        reached += usize::from(expected);
                    }
                }
            }
        }
        assert!(reached > 100, "{reached} systems reach a target");
    }
}
