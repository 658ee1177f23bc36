//! Source files: reading a landscape from disk with the size and encoding checks that
//! must happen before any YAML is parsed, and mapping byte offsets to line and column.

use std::io::Read;
use std::path::Path;

use crate::diag::{Diagnostic, Span};

/// Largest landscape file accepted (SPEC E010). Checked before parsing, so a huge file
/// costs a metadata call, not a parse.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// One landscape file as read, with an index of line starts so that diagnostics can
/// name `line:column` without rescanning the text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it; diagnostics print it unchanged.
    pub path: String,
    /// The text, with one leading UTF-8 byte-order mark removed.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps text that is already in memory (tests, stdin, fuzzing).
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Byte offset of the start of every line, in order (the first is 0).
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// 1-based line and column (in characters) of a byte offset. Offsets past the end
    /// or inside a character are clamped, never a panic.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// Byte offset of a 1-based line and column (in characters); used to turn the
    /// parser's positions into spans.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = self.text.get(start..).unwrap_or("");
        let mut offset = start;
        for (i, (idx, _)) in rest.char_indices().enumerate() {
            offset = start + idx;
            if i + 1 >= column {
                return offset;
            }
            if rest.as_bytes().get(idx) == Some(&b'\n') {
                return offset;
            }
        }
        if column > 1 { self.text.len() } else { offset }
    }
}

/// Why a file could not be turned into text. `Unreadable` is an I/O or encoding
/// problem (exit 2); `Invalid` carries located diagnostics about the bytes (exit 1).
#[derive(Debug)]
pub enum LoadError {
    /// The file cannot be read at all, or is not UTF-8 text: no landscape to check.
    Unreadable(String),
    /// The bytes were read but break a rule (too large, bad UTF-8, control characters).
    Invalid(SourceFile, Vec<Diagnostic>),
}

/// Reads a landscape file: size cap first (metadata, then a bounded read), then the
/// encoding checks of `design/security.md`.
pub fn load(path: &Path) -> Result<SourceFile, LoadError> {
    let display = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| LoadError::Unreadable(format!("cannot read `{display}`: {e}")))?;
    if let Ok(meta) = file.metadata() {
        if meta.is_dir() {
            return Err(LoadError::Unreadable(format!(
                "cannot read `{display}`: it is a directory"
            )));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(too_large(&display));
        }
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Unreadable(format!("cannot read `{display}`: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&display));
    }
    decode(&display, &bytes)
}

fn too_large(path: &str) -> LoadError {
    LoadError::Invalid(
        SourceFile::new(path, ""),
        vec![
            Diagnostic::error(
                "E010",
                format!("the file is larger than the limit of {MAX_FILE_BYTES} bytes (8 MiB)"),
                None,
            )
            .with_help("split the landscape into several files"),
        ],
    )
}

/// Turns raw bytes into a [`SourceFile`]: strips one UTF-8 BOM, names UTF-16/32, and
/// rejects invalid UTF-8, NUL and raw control characters at their position.
pub fn decode(path: &str, bytes: &[u8]) -> Result<SourceFile, LoadError> {
    if let Some(enc) = utf16_or_32(bytes) {
        return Err(LoadError::Unreadable(format!(
            "cannot read `{path}`: it is encoded as {enc}; save it as UTF-8"
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => {
            let good = e.valid_up_to();
            let source = SourceFile::new(path, String::from_utf8_lossy(bytes).into_owned());
            // The lossy text has the same bytes up to the first bad one.
            let d = Diagnostic::error(
                "E001",
                "the file is not valid UTF-8".to_string(),
                Some(Span::new(good, good + 1)),
            )
            .with_help("save the file as UTF-8");
            return Err(LoadError::Invalid(source, vec![d]));
        }
    };
    let source = SourceFile::new(path, text);
    let mut diags = Vec::new();
    for (i, c) in source.text.char_indices() {
        if is_forbidden_control(c) {
            diags.push(
                Diagnostic::error(
                    "E001",
                    format!(
                        "the control character U+{:04X} is not allowed in a landscape file",
                        c as u32
                    ),
                    Some(Span::new(i, i + c.len_utf8())),
                )
                .with_help("remove it, or write it as an escape inside a double-quoted string"),
            );
            if diags.len() >= 20 {
                break;
            }
        }
    }
    if diags.is_empty() {
        Ok(source)
    } else {
        Err(LoadError::Invalid(source, diags))
    }
}

/// Characters YAML's printable set excludes (NUL and other C0/C1 controls, DEL),
/// tab, LF, CR and NEL aside.
fn is_forbidden_control(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0B' | '\x0C' | '\x0E'..='\x1F' | '\x7F' | '\u{80}'..='\u{84}' | '\u{86}'..='\u{9F}')
}

fn utf16_or_32(bytes: &[u8]) -> Option<&'static str> {
    // With a byte-order mark the encoding is certain. Without one, a YAML file
    // starts with ASCII, so UTF-16 shows as a zero byte in every other position and
    // UTF-32 as three zeros in four; one stray NUL is not enough (it is E001).
    match bytes {
        [0x00, 0x00, 0xFE, 0xFF, ..] => Some("UTF-32 (big-endian)"),
        [0xFF, 0xFE, 0x00, 0x00, ..] => Some("UTF-32 (little-endian)"),
        [0xFE, 0xFF, ..] => Some("UTF-16 (big-endian)"),
        [0xFF, 0xFE, ..] => Some("UTF-16 (little-endian)"),
        [0x00, 0x00, 0x00, b, ..] if *b != 0 => Some("UTF-32 (big-endian)"),
        [b, 0x00, 0x00, 0x00, ..] if *b != 0 => Some("UTF-32 (little-endian)"),
        [0x00, a, 0x00, b, ..] if *a != 0 && *b != 0 => Some("UTF-16 (big-endian)"),
        [a, 0x00, b, 0x00, ..] if *a != 0 && *b != 0 => Some("UTF-16 (little-endian)"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let s = SourceFile::new("f", "ab\nçd\nx");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_col(5), (2, 2));
        assert_eq!(s.line_col(7), (3, 1));
        assert_eq!(s.offset_of(2, 2), 5);
        assert_eq!(s.offset_of(3, 1), 7);
    }

    #[test]
    fn bom_is_stripped_and_utf16_named() {
        let s = decode("f", b"\xEF\xBB\xBFtitle: x").ok().map(|s| s.text);
        assert_eq!(s.as_deref(), Some("title: x"));
        match decode("f", b"\xFF\xFEt\0i\0") {
            Err(LoadError::Unreadable(m)) => assert!(m.contains("UTF-16"), "{m}"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn invalid_utf8_and_controls_are_located() {
        match decode("f", b"title: a\xFFb") {
            Err(LoadError::Invalid(src, d)) => {
                assert_eq!(d[0].rule, "E001");
                assert_eq!(src.line_col(d[0].span.map_or(0, |s| s.start)), (1, 9));
            }
            other => panic!("unexpected {other:?}"),
        }
        match decode("f", b"title: a\n\x01") {
            Err(LoadError::Invalid(_, d)) => assert!(d[0].message.contains("U+0001")),
            other => panic!("unexpected {other:?}"),
        }
    }
}
