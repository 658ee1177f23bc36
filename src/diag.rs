//! Diagnostics as data: every stage reports problems as [`Diagnostic`] values with a
//! rule id, a severity, a byte span and a help line, and all formatting (human,
//! JSON, GitHub workflow commands, SARIF) happens here, from the same values.

use std::fmt::Write as _;

use serde::Serialize;

use crate::source::SourceFile;

/// A byte range in a [`SourceFile`]'s text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte (equal to `start` for a point).
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`, reordered if given backwards.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start.min(end),
            end: end.max(start),
        }
    }
}

/// How serious a finding is. `off` is not a severity a diagnostic can carry: a rule
/// turned off produces nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops `render`; `validate` exits 1.
    Error,
    /// Reported; exit 1 only under `--deny-warnings`.
    Warning,
    /// Reported for information; never changes the exit code.
    Info,
}

impl Severity {
    /// The lowercase word used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule id of SPEC §4 (`E005`, `C102`).
    pub rule: &'static str,
    /// Severity after the file's `lint:` map was applied.
    pub severity: Severity,
    /// What is wrong, lowercase, identifiers in backticks.
    pub message: String,
    /// Where; `None` for findings about the whole file.
    pub span: Option<Span>,
    /// What to do about it (a suggestion such as "did you mean `ERP`?").
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error-level finding.
    pub fn error(rule: &'static str, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            rule,
            severity: Severity::Error,
            message: message.into(),
            span,
            help: None,
        }
    }

    /// A finding with an explicit severity.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        message: impl Into<String>,
        span: Option<Span>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            span,
            help: None,
        }
    }

    /// Adds the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds the help line when there is one.
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// Diagnostics of one file, with the file they point into.
#[derive(Debug, Clone)]
pub struct FileReport<'a> {
    /// The file the spans refer to.
    pub source: &'a SourceFile,
    /// Its findings, in any order; the formatters sort them.
    pub diagnostics: &'a [Diagnostic],
}

/// A diagnostic resolved to line and column, the shape every machine format uses.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Located {
    /// Path as given on the command line.
    pub file: String,
    /// Rule id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// The message.
    pub message: String,
    /// 1-based line of the start of the span.
    pub line: usize,
    /// 1-based column (characters) of the start of the span.
    pub column: usize,
    /// 1-based line of the end of the span.
    pub end_line: usize,
    /// 1-based column of the end of the span (exclusive).
    pub end_column: usize,
    /// The help line, or null.
    pub help: Option<String>,
}

/// Resolves spans to lines and columns and sorts by file, line, column, rule: the
/// order of every output format.
pub fn locate(reports: &[FileReport<'_>]) -> Vec<Located> {
    let mut out = Vec::new();
    for r in reports {
        for d in r.diagnostics {
            let span = d.span.unwrap_or(Span::new(0, 0));
            let (line, column) = r.source.line_col(span.start);
            let (end_line, end_column) = r.source.line_col(span.end);
            out.push(Located {
                file: r.source.path.clone(),
                rule: d.rule.to_string(),
                severity: d.severity,
                message: d.message.clone(),
                line,
                column,
                end_line,
                end_column,
                help: d.help.clone(),
            });
        }
    }
    out.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.rule, &a.message)
            .cmp(&(&b.file, b.line, b.column, &b.rule, &b.message))
    });
    out
}

/// The JSON format of SPEC §3: one array of objects with exactly the fields of
/// [`Located`].
pub fn render_json(reports: &[FileReport<'_>]) -> String {
    let mut s = serde_json::to_string_pretty(&locate(reports)).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// GitHub workflow commands, one per diagnostic. User text is percent-encoded so that
/// no message can end the command early or forge another one.
pub fn render_github(reports: &[FileReport<'_>]) -> String {
    let mut out = String::new();
    for l in locate(reports) {
        let level = match l.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut msg = l.message.clone();
        if let Some(h) = &l.help {
            msg.push_str("\nhelp: ");
            msg.push_str(h);
        }
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            crate::escape::github_property(&l.file),
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            crate::escape::github_property(&l.rule),
            crate::escape::github_data(&msg),
        );
    }
    out
}

/// SARIF 2.1.0, for code-scanning dashboards. `rules` gives the id, name and
/// one-line description of every rule, so that results can refer to them by index.
pub fn render_sarif(reports: &[FileReport<'_>], rules: &[(&str, &str, &str)]) -> String {
    let results: Vec<serde_json::Value> = locate(reports)
        .into_iter()
        .map(|l| {
            let level = match l.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            let mut text = l.message.clone();
            if let Some(h) = &l.help {
                text.push_str(" (help: ");
                text.push_str(h);
                text.push(')');
            }
            let index = rules.iter().position(|r| r.0 == l.rule);
            let mut result = serde_json::json!({
                "ruleId": l.rule,
                "level": level,
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": sarif_uri(&l.file)},
                        "region": {
                            "startLine": l.line,
                            "startColumn": l.column,
                            "endLine": l.end_line,
                            "endColumn": l.end_column.max(1),
                        }
                    }
                }]
            });
            if let (Some(i), Some(obj)) = (index, result.as_object_mut()) {
                obj.insert("ruleIndex".into(), serde_json::json!(i));
            }
            result
        })
        .collect();
    let rules: Vec<serde_json::Value> = rules
        .iter()
        .map(|(id, name, desc)| {
            serde_json::json!({"id": id, "name": name, "shortDescription": {"text": desc}})
        })
        .collect();
    let doc = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "landscape",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/landscape-diagrams/landscape",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// SARIF wants a URI reference: relative paths stay relative, with `/` separators
/// and percent-encoding of the characters a URI cannot hold.
fn sarif_uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Compiler-style output: rule id, message, `file:line:col`, the source line with the
/// span underlined, and the help line. Colour only when asked for (a terminal).
pub fn render_human(reports: &[FileReport<'_>], color: bool) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic};
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for r in reports {
        let excerpt = Excerpt {
            name: crate::escape::terminal(&r.source.path),
            text: terminal_safe(&r.source.text).into(),
            // `terminal_safe` keeps every byte offset, so the file's index holds.
            line_starts: r.source.line_starts().into(),
        };
        let mut diags: Vec<&Diagnostic> = r.diagnostics.iter().collect();
        diags.sort_by_key(|d| (d.span.map_or(0, |s| s.start), d.rule));
        for d in diags {
            let severity = match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            };
            let mut md = MietteDiagnostic::new(format!(
                "{}[{}]: {}",
                d.severity.as_str(),
                d.rule,
                crate::escape::terminal(&d.message)
            ))
            .with_severity(severity);
            if let Some(h) = &d.help {
                md = md.with_help(crate::escape::terminal(h));
            }
            let (line, col) = r.source.line_col(d.span.map_or(0, |s| s.start));
            if let Some(span) = d.span {
                let len = span.end.saturating_sub(span.start);
                md = md.with_label(LabeledSpan::at(span.start..span.start + len, "here"));
            }
            let report = miette::Report::new(md).with_source_code(excerpt.clone());
            if d.span.is_none() {
                let _ = writeln!(
                    out,
                    "  --> {}:{line}:{col}",
                    crate::escape::terminal(&r.source.path)
                );
            }
            let _ = handler.render_report(&mut out, report.as_ref());
            out.push('\n');
        }
    }
    out
}

/// A file's text for miette, shared between its diagnostics, that answers a span
/// with only the lines around it. miette's own `str` source scans from the start of
/// the file for every diagnostic, which is quadratic on a large file with many
/// findings; the line index makes each lookup a binary search.
#[derive(Clone)]
struct Excerpt {
    name: String,
    text: std::sync::Arc<str>,
    line_starts: std::sync::Arc<[usize]>,
}

impl Excerpt {
    /// 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// End of 0-based line `line`, without its line break.
    fn line_end(&self, line: usize) -> usize {
        match self.line_starts.get(line + 1) {
            Some(&next) => next.saturating_sub(1).max(self.line_starts[line]),
            None => self.text.len(),
        }
    }
}

impl miette::SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let len = self.text.len();
        let start = span.offset().min(len);
        let end = (start + span.len()).min(len);
        let first = self.line_of(start).saturating_sub(context_lines_before);
        let last = (self.line_of(end) + context_lines_after).min(self.line_starts.len() - 1);
        // Without leading context miette wants the contents to start at the span
        // itself, with the span's column: that is the `[file:line:col]` header.
        // Columns count characters, like every other output format.
        let (from, column) = if context_lines_before == 0 {
            let line_start = self.line_starts[self.line_of(start)];
            let column = self
                .text
                .get(line_start..start)
                .map_or(0, |t| t.chars().count());
            (start, column)
        } else {
            (self.line_starts[first], 0)
        };
        let to = self.line_end(last).max(end).max(from);
        let data = self.text.as_bytes().get(from..to).unwrap_or_default();
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            data,
            (from, to - from).into(),
            if context_lines_before == 0 {
                self.line_of(start)
            } else {
                first
            },
            column,
            last - first + 1,
        )))
    }
}

/// The source text with every character a terminal could act on (controls, bidi
/// overrides, invisible characters) replaced by `?`, one per byte, so that spans
/// still point at the same bytes when the snippet is shown.
fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let plain = c == '\n' || c == '\t' || (c.is_ascii() && !c.is_ascii_control());
        if plain {
            out.push(c);
            continue;
        }
        let mut buf = [0u8; 4];
        let s: &str = c.encode_utf8(&mut buf);
        if crate::escape::terminal(s) == s {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        }
    }
    out
}

/// A one-line summary per file, printed after the human diagnostics.
pub fn summary(reports: &[FileReport<'_>]) -> String {
    let mut out = String::new();
    for r in reports {
        let count = |s| r.diagnostics.iter().filter(|d| d.severity == s).count();
        let (e, w, i) = (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        );
        let verdict = if e > 0 { "invalid" } else { "valid" };
        let _ = writeln!(
            out,
            "{}: {verdict} ({e} error{}, {w} warning{}, {i} info)",
            crate::escape::terminal(&r.source.path),
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" },
        );
    }
    out
}

/// Levenshtein distance, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(!ca.eq_ignore_ascii_case(cb));
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).max(2);
    candidates
        .into_iter()
        .filter_map(|c| {
            // The distance is at least the difference in length.
            if c.chars().count().abs_diff(len) > limit {
                return None;
            }
            let d = if c.eq_ignore_ascii_case(word) {
                0
            } else {
                edit_distance(word, c)
            };
            (d <= limit).then_some((d, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// "did you mean `X`?" for the closest candidate, or `None`.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Skipping candidates by length alone picks what comparing every candidate picks.
    #[test]
    fn suggestions_skip_only_candidates_out_of_reach() {
        let naive = |word: &str, cands: &[String]| -> Option<String> {
            let limit = (word.chars().count() / 3).max(2);
            cands
                .iter()
                .map(|c| (edit_distance(word, c), c))
                .filter(|(d, _)| *d <= limit)
                .min_by_key(|(d, _)| *d)
                .map(|(_, c)| c.clone())
        };
        let mut rng = crate::layout::generate::Rng::seeded(11);
        let word = |rng: &mut crate::layout::generate::Rng| -> String {
            let len = 1 + rng.below(9);
            (0..len)
                .map(|_| ['a', 'B', 'b', 'é', '_'][rng.below(5)])
                .collect()
        };
        let mut found = 0;
        for _ in 0..300 {
            let cands: Vec<String> = (0..20).map(|_| word(&mut rng)).collect();
            let w = word(&mut rng);
            let fast = closest(&w, cands.iter().map(String::as_str)).map(str::to_string);
            assert_eq!(fast, naive(&w, &cands), "{w} among {cands:?}");
            found += usize::from(fast.is_some());
        }
        assert!(found > 50, "{found} suggestions");
    }

    #[test]
    fn suggestions_pick_the_closest_candidate() {
        assert_eq!(closest("ERPX", ["ERP", "CRM", "S4"]), Some("ERP"));
        assert_eq!(closest("zzzzzz", ["ERP", "CRM"]), None);
        assert_eq!(
            closest("Techology", ["technology", "timing"]),
            Some("technology")
        );
    }

    #[test]
    fn human_header_counts_characters_and_shows_only_nearby_lines() {
        let mut text = String::from("a: ü\n");
        for i in 0..50 {
            text.push_str(&format!("k{i}: v\n"));
        }
        text.push_str("zz: ☃ bad\n");
        let start = text.find("bad").unwrap_or(0);
        let src = SourceFile::new("f.yaml", text);
        let d = vec![Diagnostic::error(
            "E003",
            "x",
            Some(Span::new(start, start + 3)),
        )];
        let out = render_human(
            &[FileReport {
                source: &src,
                diagnostics: &d,
            }],
            false,
        );
        assert!(out.contains("[f.yaml:52:7]"), "{out}");
        assert!(out.contains("k49: v"), "{out}");
        assert!(!out.contains("k10: v"), "{out}");
    }

    #[test]
    fn json_is_sorted_and_has_exact_fields() {
        let src = SourceFile::new("a.yaml", "x: 1\ny: 2\n");
        let d = vec![
            Diagnostic::error("E002", "b", Some(Span::new(5, 6))),
            Diagnostic::error("E002", "a", Some(Span::new(0, 1))),
        ];
        let j: serde_json::Value = serde_json::from_str(&render_json(&[FileReport {
            source: &src,
            diagnostics: &d,
        }]))
        .unwrap_or_default();
        assert_eq!(j[0]["line"], 1);
        assert_eq!(j[1]["line"], 2);
        let keys: Vec<&String> = j[0]
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert_eq!(keys.len(), 9);
        assert!(j[0]["help"].is_null());
    }
}
