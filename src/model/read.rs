//! Typed reading of document nodes: each helper checks one value against what the
//! file format expects and records an E002/E003/E010 diagnostic when it does not fit,
//! so that reading goes on and every independent problem is reported.

use crate::diag::{Diagnostic, Span, did_you_mean};
use crate::parse::{Node, Value};

use super::{MAX_ID_CHARS, MAX_STRING_CHARS};

/// One key of a mapping that the format knows.
pub(super) struct Field<'n> {
    pub key: &'static str,
    pub key_span: Span,
    pub value: &'n Node,
}

/// Collects diagnostics while values are read.
#[derive(Default)]
pub(super) struct Reader {
    pub diags: Vec<Diagnostic>,
    /// Spans of text values that lost hidden characters to normalization.
    pub hidden: Vec<Span>,
    /// Ids compared so far for the suggestions of unknown references.
    compared: usize,
}

/// Ids that the suggestions for unknown references (E005) may compare in one file,
/// about 0.15 s of edit distances. Each unknown reference compares every id of its
/// kind, so without a bound a file within the limits (10,000 systems, 50,000
/// touchpoints naming 100,000 unknown ones) would take minutes; 10,000 unknown
/// references among 10,000 systems took 14 s. A file with a few typos among
/// thousands of ids gets every suggestion; past the budget the help says to check
/// the spelling.
const SUGGEST_BUDGET: usize = 1_000_000;

impl Reader {
    fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        self.diags.push(
            Diagnostic::error(
                "E003",
                format!("{what} must be {expected}, found {}", node.value.kind()),
                Some(node.span),
            )
            .with_help(format!("write {expected} here")),
        );
    }

    /// The known keys of a mapping; unknown keys are E002 with the closest known key.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&'static str],
    ) -> Option<Vec<Field<'n>>> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(node, what, "a mapping");
            return None;
        };
        let mut out = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let Some(key) = scalar_text(k) else {
                self.wrong_type(k, &format!("a key of {what}"), "a string");
                continue;
            };
            if let Some(known) = allowed.iter().find(|a| **a == key) {
                out.push(Field {
                    key: known,
                    key_span: k.span,
                    value: v,
                });
            } else {
                let help = did_you_mean(key, allowed.iter().copied()).unwrap_or_else(|| {
                    format!(
                        "the keys of {what} are {}",
                        allowed
                            .iter()
                            .map(|a| format!("`{a}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                });
                self.diags.push(
                    Diagnostic::error(
                        "E002",
                        format!("unknown key `{}` in {what}", crate::escape::terminal(key)),
                        Some(k.span),
                    )
                    .with_help(help),
                );
            }
        }
        Some(out)
    }

    /// Entries of an id-keyed mapping (`zones`, `systems`, `lint`). Null is empty.
    pub fn entries<'n>(&mut self, node: &'n Node, what: &str) -> Vec<(&'n Node, &'n Node)> {
        match &node.value {
            Value::Map(m) => m.iter().map(|(k, v)| (k, v)).collect(),
            Value::Null => Vec::new(),
            _ => {
                self.wrong_type(node, &format!("`{what}`"), "a mapping of id to entry");
                Vec::new()
            }
        }
    }

    /// Items of a list (`touchpoints`). Null is empty.
    pub fn items<'n>(&mut self, node: &'n Node, what: &str) -> Vec<&'n Node> {
        match &node.value {
            Value::Seq(s) => s.iter().collect(),
            Value::Null => Vec::new(),
            _ => {
                self.wrong_type(node, &format!("`{what}`"), "a list");
                Vec::new()
            }
        }
    }

    /// A string kept exactly as written (length-checked, not normalized): ids, enum
    /// values, rule ids.
    pub fn raw_text(&mut self, node: &Node, what: &str) -> Option<String> {
        let Some(s) = scalar_text(node) else {
            self.wrong_type(node, &format!("`{what}`"), "a string");
            return None;
        };
        if s.chars().count() > MAX_STRING_CHARS {
            self.diags.push(
                Diagnostic::error(
                    "E010",
                    format!("`{what}` is longer than {MAX_STRING_CHARS} characters"),
                    Some(node.span),
                )
                .with_help("shorten it; long prose belongs in `description`, kept under the limit"),
            );
            return None;
        }
        Some(s.to_string())
    }

    /// Free text: kept as written, then normalized (line breaks unified, control and
    /// invisible characters dropped, ends trimmed). Blank is an error.
    pub fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        let raw = self.raw_text(node, what)?;
        if crate::escape::has_bidi_or_invisible(&raw) {
            self.hidden.push(node.span);
        }
        let s = crate::escape::normalize(&raw);
        if s.is_empty() {
            self.diags.push(
                Diagnostic::error("E003", format!("`{what}` is blank"), Some(node.span))
                    .with_help("write some text, or leave the key out"),
            );
            return None;
        }
        Some(s)
    }

    /// A list of free texts (`tags`).
    pub fn text_list(&mut self, node: &Node, what: &str) -> Vec<String> {
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(|i| self.text(i, what)).collect(),
            Value::Null => Vec::new(),
            _ => {
                self.wrong_type(node, &format!("`{what}`"), "a list of strings");
                Vec::new()
            }
        }
    }

    /// An id: `[A-Za-z_][A-Za-z0-9_.-]*`, at most 64 characters.
    pub fn id(&mut self, node: &Node) -> Option<String> {
        let s = self.raw_text(node, "id")?;
        let mut chars = s.chars();
        let ok_first = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
        let ok_rest = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if !ok_first || !ok_rest || s.chars().count() > MAX_ID_CHARS {
            let suggestion: String = s
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                        c
                    } else {
                        '_'
                    }
                })
                .take(MAX_ID_CHARS)
                .collect();
            let suggestion =
                if suggestion.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
                    suggestion
                } else {
                    format!("_{suggestion}")
                };
            self.diags.push(
                Diagnostic::error(
                    "E003",
                    format!("`{}` is not a valid id", crate::escape::terminal(&s)),
                    Some(node.span),
                )
                .with_help(format!(
                    "ids start with a letter or `_`, continue with letters, digits, `_`, `.` or `-`, and have at most {MAX_ID_CHARS} characters, e.g. `{}`",
                    crate::escape::terminal(&suggestion)
                )),
            );
            return None;
        }
        Some(s)
    }

    /// A non-negative integer written as a plain number.
    pub fn integer(&mut self, node: &Node, what: &str) -> Option<u64> {
        let parsed = match &node.value {
            Value::Number(t) => {
                let digits = t.strip_prefix('+').unwrap_or(t);
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    digits.parse::<u64>().ok()
                } else {
                    None
                }
            }
            _ => None,
        };
        if parsed.is_none() {
            self.wrong_type(node, &format!("`{what}`"), "a whole number (like `2000`)");
        }
        parsed
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        if let Value::Bool(b, _) = node.value {
            return Some(b);
        }
        self.wrong_type(node, &format!("`{what}`"), "`true` or `false`");
        None
    }

    /// One of a fixed set of spellings; otherwise E003 listing them, with the closest.
    pub fn choice<T: Copy>(&mut self, node: &Node, what: &str, options: &[(&str, T)]) -> Option<T> {
        let s = self.raw_text(node, what)?;
        if let Some((_, v)) = options.iter().find(|(k, _)| *k == s) {
            return Some(*v);
        }
        let list = options
            .iter()
            .map(|(k, _)| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match did_you_mean(&s, options.iter().map(|(k, _)| *k)) {
            Some(d) => format!("{d} (allowed: {list})"),
            None => format!("allowed: {list}"),
        };
        self.diags.push(
            Diagnostic::error(
                "E003",
                format!("`{}` is not a valid `{what}`", crate::escape::terminal(&s)),
                Some(node.span),
            )
            .with_help(help),
        );
        None
    }

    /// A list of choices, each with its span.
    pub fn choice_list<T: Copy>(
        &mut self,
        node: &Node,
        what: &str,
        options: &[(&str, T)],
    ) -> Vec<(T, Span)> {
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|i| self.choice(i, what, options).map(|v| (v, i.span)))
                .collect(),
            Value::Null => Vec::new(),
            _ => {
                self.wrong_type(node, &format!("`{what}`"), "a list");
                Vec::new()
            }
        }
    }

    /// A duration (`1500ms`, `10s`, `2m`, `1h`) in milliseconds.
    pub fn duration(&mut self, node: &Node, what: &str) -> Option<u64> {
        let s = scalar_text(node).unwrap_or("");
        let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (num, unit) = s.split_at(split);
        let factor = match unit {
            "ms" => Some(1),
            "s" => Some(1_000),
            "m" | "min" => Some(60_000),
            "h" => Some(3_600_000),
            _ => None,
        };
        let v = match (num.parse::<u64>(), factor) {
            (Ok(n), Some(f)) => n.checked_mul(f),
            _ => None,
        };
        if v.is_none() {
            let help = if !s.is_empty() && unit.is_empty() {
                format!("add a unit: `{s}s` for seconds or `{s}ms` for milliseconds")
            } else {
                "write a whole number with a unit: `1500ms`, `10s`, `2m` or `1h`".to_string()
            };
            self.diags.push(
                Diagnostic::error(
                    "E003",
                    format!("`{what}` must be a duration, found {}", describe(node)),
                    Some(node.span),
                )
                .with_help(help),
            );
        }
        v
    }

    /// A colour `#rgb` or `#rrggbb`, returned lowercase.
    pub fn color(&mut self, node: &Node, what: &str) -> Option<String> {
        let s = self.raw_text(node, what)?;
        let hex = s.strip_prefix('#').unwrap_or("");
        if (hex.len() == 3 || hex.len() == 6)
            && hex.bytes().all(|b| b.is_ascii_hexdigit())
            && s.starts_with('#')
        {
            return Some(s.to_ascii_lowercase());
        }
        self.diags.push(
            Diagnostic::error(
                "E003",
                format!(
                    "`{}` is not a colour for `theme.{what}`",
                    crate::escape::terminal(&s)
                ),
                Some(node.span),
            )
            .with_help("write a colour as `#rgb` or `#rrggbb`, e.g. `#2b8a3e`"),
        );
        None
    }

    /// E005 for an id that names nothing of the expected kind, with the closest id of
    /// that kind (within [`SUGGEST_BUDGET`]), or a note that it names the other kind
    /// (`names_other`).
    pub fn unknown_ref(
        &mut self,
        kind: &str,
        id: &str,
        span: Span,
        same_kind: &[&str],
        names_other: bool,
    ) {
        let help = if names_other {
            Some(format!(
                "`{id}` is a {}, not a {kind}",
                if kind == "zone" { "system" } else { "zone" }
            ))
        } else if self.compared + same_kind.len() <= SUGGEST_BUDGET {
            self.compared += same_kind.len();
            did_you_mean(id, same_kind.iter().copied())
        } else {
            None
        };
        self.diags.push(
            Diagnostic::error("E005", format!("unknown {kind} `{id}`"), Some(span)).with_help(
                help.unwrap_or_else(|| format!("no {kind} has this id; check the spelling")),
            ),
        );
    }
}

/// The text of a scalar as written: strings, numbers and booleans all have one.
fn scalar_text(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Str(s) | Value::Number(s) => Some(s),
        Value::Bool(_, text) => Some(text),
        _ => None,
    }
}

fn describe(node: &Node) -> String {
    match scalar_text(node) {
        Some(s) => format!("`{}`", crate::escape::terminal(s)),
        None => node.value.kind().to_string(),
    }
}
