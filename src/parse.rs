//! Stage 1: YAML text to a spanned document tree.
//!
//! serde-saphyr does the YAML work (duplicate keys refused, anchors, aliases and `<<`
//! merges expanded within budgets, depth limited inside the parser). Every node keeps
//! its byte span, and a plain scalar that YAML would read as a number keeps its text
//! as written, so `0755` given for a string stays `0755`. Nothing after this stage
//! sees YAML.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Spanned, Tagged};

use crate::diag::{Diagnostic, Span};
use crate::source::SourceFile;

/// Deepest YAML nesting accepted (SPEC E010).
pub const MAX_DEPTH: usize = 32;

/// A YAML node with the span of its text in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Value,
    /// Where it was written (for an alias: where the alias is used).
    pub span: Span,
}

/// The content of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// A plain boolean (`true`, `True`, `FALSE`…): its value and its text as written.
    Bool(bool, String),
    /// A plain scalar YAML reads as a number, kept as written (`0755`, `1_000`).
    Number(String),
    /// Any other scalar, quoted or not, with YAML escapes decoded.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// The YAML kind, for "expected a string, found a mapping".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(..) => "a boolean",
            Value::Number(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// What the deserializer produces before spans are turned into byte ranges.
enum Raw {
    Null,
    Bool(bool),
    Num,
    Str(String),
    Seq(Vec<RawNode>),
    Map(Vec<(RawNode, RawNode)>),
}

type RawNode = Spanned<Tagged<Raw>>;

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Raw, E> {
        Ok(Raw::Num)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Raw, E> {
        Ok(Raw::Num)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Raw, E> {
        Ok(Raw::Num)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Raw, E> {
        Ok(Raw::Num)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
        Ok(Raw::Num)
    }
    fn visit_char<E>(self, v: char) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = a.next_element()? {
            v.push(x);
        }
        Ok(Raw::Seq(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut v = Vec::new();
        while let Some(kv) = a.next_entry()? {
            v.push(kv);
        }
        Ok(Raw::Map(v))
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

/// Parser budgets derived from SPEC E010: room for a legal file of 10,000 systems and
/// 50,000 touchpoints in 8 MiB, nesting capped at 32, alias expansion capped so that
/// a small file cannot expand into a huge one.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_events = 6_000_000;
    budget.max_nodes = 3_000_000;
    budget.max_aliases = 100_000;
    budget.max_anchors = 100_000;
    budget.max_total_scalar_bytes = 32 * 1024 * 1024;
    budget.max_reader_input_bytes = Some(crate::source::MAX_FILE_BYTES as usize);
    // Many merges of one small anchor (`<<: *defaults` on every system) are normal in
    // a landscape; the node and byte budgets above still stop expansion bombs.
    budget.enforce_alias_anchor_ratio = false;
    let mut opts = serde_saphyr::Options::default();
    opts.budget = Some(budget);
    opts.strict_booleans = true;
    opts.with_snippet = false;
    opts.legacy_octal_numbers = false;
    // `.inf` or `.nan` given for a string must stay text: pass them through as
    // numbers, whose text is then taken from the source.
    opts.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    opts
}

/// Parses one YAML document into a [`Node`] tree, or the diagnostics that stopped it
/// (E001 syntax and tags, E004 duplicate keys, E010 budgets).
pub fn parse(source: &SourceFile) -> Result<Node, Vec<Diagnostic>> {
    if source.text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("E001", "the file is empty", Some(Span::new(0, 0)))
                .with_help("start from `landscape init`, which writes a commented example"),
        ]);
    }
    let raw: RawNode = serde_saphyr::from_str_with_options(&source.text, options())
        .map_err(|e| vec![convert_error(source, &e)])?;
    let mut diags = Vec::new();
    let node = convert(source, raw, &mut diags);
    if diags.is_empty() {
        Ok(node)
    } else {
        Err(diags)
    }
}

fn span_of(source: &SourceFile, loc: &serde_saphyr::Location) -> Span {
    let s = loc.span();
    match (s.byte_offset(), s.byte_len()) {
        (Some(o), Some(l)) => Span::new(o as usize, (o + l) as usize),
        _ => {
            let o = source.offset_of(loc.line() as usize, loc.column() as usize);
            Span::new(o, o)
        }
    }
}

/// Turns the deserializer's output into [`Node`]s iteratively (no recursion on the
/// tree), checking tags on the way.
fn convert(source: &SourceFile, root: RawNode, diags: &mut Vec<Diagnostic>) -> Node {
    // Post-order build with an explicit stack: (raw node, children left to convert).
    enum Frame {
        Seq(Span, std::vec::IntoIter<RawNode>, Vec<Node>),
        Map(
            Span,
            std::vec::IntoIter<(RawNode, RawNode)>,
            Vec<(Node, Node)>,
            Option<Node>,
            Option<RawNode>,
        ),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut pending = Some(root);
    loop {
        // Descend into `pending` until a leaf is produced.
        let mut done: Option<Node> = None;
        if let Some(raw) = pending.take() {
            let span = span_of(source, &raw.referenced);
            let Tagged(value, tag) = raw.value;
            check_tag(tag.as_deref(), span, &value, diags);
            match value {
                Raw::Null => {
                    done = Some(Node {
                        value: Value::Null,
                        span,
                    })
                }
                Raw::Bool(b) => {
                    let text = source.text.get(span.start..span.end).unwrap_or("");
                    let text = if text.is_empty() {
                        if b { "true" } else { "false" }
                    } else {
                        text
                    };
                    done = Some(Node {
                        value: Value::Bool(b, text.to_string()),
                        span,
                    })
                }
                Raw::Num => {
                    let text = source
                        .text
                        .get(span.start..span.end)
                        .unwrap_or("")
                        .to_string();
                    done = Some(Node {
                        value: Value::Number(text),
                        span,
                    });
                }
                Raw::Str(s) => {
                    done = Some(Node {
                        value: Value::Str(s),
                        span,
                    })
                }
                Raw::Seq(items) => stack.push(Frame::Seq(span, items.into_iter(), Vec::new())),
                Raw::Map(entries) => stack.push(Frame::Map(
                    span,
                    entries.into_iter(),
                    Vec::new(),
                    None,
                    None,
                )),
            }
        }
        // Feed finished nodes to their parents; pick the next child to descend into.
        loop {
            let Some(frame) = stack.last_mut() else {
                return done.unwrap_or(Node {
                    value: Value::Null,
                    span: Span::new(0, 0),
                });
            };
            match frame {
                Frame::Seq(_, it, out) => {
                    if let Some(n) = done.take() {
                        out.push(n);
                    }
                    if let Some(next) = it.next() {
                        pending = Some(next);
                        break;
                    }
                }
                Frame::Map(_, it, out, key, value_raw) => {
                    if let Some(n) = done.take() {
                        match key.take() {
                            None => {
                                key.replace(n);
                                if let Some(v) = value_raw.take() {
                                    pending = Some(v);
                                    break;
                                }
                            }
                            Some(k) => out.push((k, n)),
                        }
                    }
                    if let Some((k, v)) = it.next() {
                        *value_raw = Some(v);
                        pending = Some(k);
                        break;
                    }
                }
            }
            // The frame is complete: pop it and hand it to its parent.
            done = match stack.pop() {
                Some(Frame::Seq(span, _, out)) => Some(Node {
                    value: Value::Seq(out),
                    span,
                }),
                Some(Frame::Map(span, _, out, _, _)) => Some(Node {
                    value: Value::Map(out),
                    span,
                }),
                None => None,
            };
        }
    }
}

/// Only untagged values and `!!str` are accepted (SPEC §2): any other tag could
/// change what a value means, and a typo in a tag must not pass silently.
fn check_tag(tag: Option<&str>, span: Span, value: &Raw, diags: &mut Vec<Diagnostic>) {
    let Some(tag) = tag else { return };
    let is_str = tag == "tag:yaml.org,2002:str" || tag == "!!str";
    if is_str && matches!(value, Raw::Str(_)) {
        return;
    }
    diags.push(
        Diagnostic::error(
            "E001",
            format!("the YAML tag `{tag}` is not supported"),
            Some(span),
        )
        .with_help("remove the tag; only `!!str` is accepted, on scalars"),
    );
}

/// Maps serde-saphyr's error to our rule ids: budgets are E010, duplicate keys E004,
/// everything else a YAML syntax error (E001).
fn convert_error(source: &SourceFile, e: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::Error as E;
    let inner = e.without_snippet();
    let span = inner
        .location()
        .map(|l| span_of(source, &l))
        .unwrap_or(Span::new(0, 0));
    let message = strip_location(&inner.to_string());
    match inner {
        E::Budget { breach, .. } => {
            let what = format!("{breach:?}");
            let msg = if what.starts_with("Depth") {
                format!("the YAML is nested deeper than {MAX_DEPTH} levels")
            } else if what.starts_with("Alias") || what.starts_with("Anchor") || what.starts_with("Nodes") || what.starts_with("Recorded") {
                "aliases expand to more YAML than a landscape file may hold".to_string()
            } else {
                format!("the YAML exceeds a parser limit ({what})")
            };
            Diagnostic::error("E010", msg, Some(span))
                .with_help("write the values out instead of repeating aliases, and keep nesting shallow")
        }
        E::DuplicateMappingKey { .. } => {
            let key = message
                .rsplit_once("duplicate mapping key: ")
                .map(|(_, k)| k.split(',').next().unwrap_or(k).trim().to_string())
                .unwrap_or_default();
            Diagnostic::error("E004", format!("duplicate key `{key}`"), Some(span))
                .with_help("each key may appear once in a mapping; remove or rename the second one")
        }
        _ if message.contains("budget breached") => Diagnostic::error(
            "E010",
            "aliases expand to more YAML than a landscape file may hold",
            Some(span),
        )
        .with_help("write the values out instead of repeating aliases"),
        _ if message.contains("recursion limit") || message.contains("depth") => Diagnostic::error(
            "E010",
            format!("the YAML is nested deeper than {MAX_DEPTH} levels"),
            Some(span),
        )
        .with_help("keep nesting shallow"),
        E::MultipleDocuments { .. } => Diagnostic::error(
            "E001",
            "the file holds more than one YAML document",
            Some(span),
        )
        .with_help("a landscape is one document: remove the `---` separator and what follows, or split into files"),
        _ => Diagnostic::error("E001", format!("invalid YAML: {message}"), Some(span))
            .with_help("check indentation, quotes and brackets near this position"),
    }
}

/// serde-saphyr prefixes messages with "line N column M: "; our diagnostics carry the
/// position separately.
fn strip_location(m: &str) -> String {
    let m = m.strip_prefix("error: ").unwrap_or(m);
    let first = m.lines().next().unwrap_or(m);
    if let Some(rest) = first.strip_prefix("line ")
        && let Some((_, msg)) = rest.split_once(": ")
    {
        return msg.to_string();
    }
    first.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Node, Vec<Diagnostic>> {
        parse(&SourceFile::new("t.yaml", text))
    }

    #[test]
    fn plain_numbers_keep_their_text() {
        let n = p("a: 0755\nb: NO\nc: 1:20\nd: 1_000\n").unwrap_or_else(|d| panic!("{d:?}"));
        let Value::Map(m) = n.value else {
            panic!("not a map")
        };
        assert_eq!(m[0].1.value, Value::Number("0755".into()));
        assert_eq!(m[1].1.value, Value::Str("NO".into()));
        assert_eq!(m[2].1.value, Value::Str("1:20".into()));
        assert_eq!(m[3].1.value, Value::Number("1_000".into()));
    }

    #[test]
    fn duplicate_keys_and_tags_are_errors() {
        let d = p("a: 1\nb: 2\na: 3\n").err().unwrap_or_default();
        assert_eq!(d[0].rule, "E004");
        let d = p("a: !custom 1\n").err().unwrap_or_default();
        assert_eq!(d[0].rule, "E001");
        assert!(p("a: !!str 12\n").is_ok());
    }

    #[test]
    fn depth_limit_is_exact() {
        let ok = format!(
            "a: {}{}",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert!(p(&ok).is_ok(), "{:?}", p(&ok));
        let bad = format!("a: {}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(p(&bad).err().unwrap_or_default()[0].rule, "E010");
    }
}
