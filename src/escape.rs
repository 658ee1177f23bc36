//! Text normalization and one escape function per output format.
//!
//! Every string a user writes in a landscape file (names, labels, descriptions,
//! technologies, …) ends up inside some other language: a Mermaid label, a DOT
//! string, SVG/XML, a Markdown table, a GitHub workflow command, a terminal. Each
//! of those languages has its own metacharacters, and text that is harmless in one
//! breaks or hijacks another (a `"` ends a DOT string, `%%{init}%%` reconfigures
//! Mermaid, `\n::error::` forges a CI annotation, ESC drives a terminal).
//!
//! The rules, per format, are in `design/security.md`:
//!
//! 1. [`normalize`] is applied once, when user text enters the model. It turns
//!    every line separator into LF (the in-name line break), drops control and
//!    invisible characters and trims the ends. [`has_bidi_or_invisible`] tells the
//!    caller whether a warning is due.
//! 2. At output time exactly one escape function is applied, for the format the
//!    text lands in: [`mermaid`], [`dot`], [`xml`], [`markdown_cell`],
//!    [`github_data`] / [`github_property`], [`terminal`]. Templates must not
//!    escape again (handlebars' default HTML escape is wrong for every one of them).
//!
//! The escape functions do not rely on normalized input for safety: control
//! characters that [`normalize`] would have removed are dropped (or shown, for
//! [`terminal`]) by each function too, so a caller that forgets to normalize gets
//! different text, never broken or hostile output.
//!
//! Every function here is pure, allocation-bounded (output is at most a small
//! constant times the input length) and total: there is no input that fails.

use std::fmt::Write as _;

/// Bidirectional formatting characters: the embeddings and overrides
/// U+202A–U+202E and the isolates U+2066–U+2069. They reorder how text is
/// displayed without changing what it is (CVE-2021-42574, "Trojan Source"), so a
/// label could look like something it is not.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that are invisible and carry no meaning in a label: Unicode tag
/// characters (U+E0000–U+E007F, usable to smuggle hidden ASCII) and the zero
/// width space U+200B (makes two equal-looking names differ).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{E0000}'..='\u{E007F}' | '\u{200B}')
}

/// Line separators other than LF: CR (alone or as CRLF), NEL U+0085, LINE
/// SEPARATOR U+2028 and PARAGRAPH SEPARATOR U+2029.
fn is_line_separator(c: char) -> bool {
    matches!(c, '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The noncharacters U+FFFE and U+FFFF: not text, illegal in XML 1.0.
fn is_nonchar(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// The documented normalization `N` of user text (`design/security.md`).
///
/// - CRLF, CR, NEL (U+0085), U+2028 and U+2029 become LF, the one in-name line
///   break that every emitter knows how to draw;
/// - TAB becomes a space (it separates words; dropping it would glue them);
/// - every other control character (C0, DEL, C1), U+FFFE and U+FFFF is dropped:
///   they are invisible at best and terminal or parser escapes at worst;
/// - bidi controls (U+202A–U+202E, U+2066–U+2069), tag characters
///   (U+E0000–U+E007F) and ZWSP (U+200B) are dropped: they make text display
///   differently from what it is (use [`has_bidi_or_invisible`] to warn);
/// - leading and trailing whitespace (including line breaks) is trimmed.
///
/// A blank result is for the caller to reject (E003). `normalize` is idempotent.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            c if is_line_separator(c) => out.push('\n'),
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() || is_nonchar(c) || is_bidi_control(c) || is_invisible(c) => {}
            c => out.push(c),
        }
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_owned()
    }
}

/// True when `s` holds a bidi control, a tag character or a zero width space:
/// the characters [`normalize`] drops because they change how text looks
/// without being seen. Callers use it to warn that the text was altered.
pub fn has_bidi_or_invisible(s: &str) -> bool {
    s.chars().any(|c| is_bidi_control(c) || is_invisible(c))
}

/// Escape text for the inside of a double-quoted Mermaid flowchart label
/// (`id["…"]`, `A -->|"…"| B`, `subgraph id["…"]`).
///
/// Every ASCII punctuation character is written as Mermaid's entity
/// `#<decimal>;` and LF as the two characters `\n`; letters, digits, spaces and
/// all non-ASCII text pass through. Why so much: Mermaid's lexer, its markdown
/// pass and its HTML sanitizer each give meaning to different punctuation, and
/// the sets change between releases. Escaping only `" # % & < >` and the
/// backtick was shown to break on `:#` and `/…>` sequences; escaping every
/// punctuation character round-trips every hostile label tried against mermaid
/// 11.17 and 12.3 in node labels, edge labels and subgraph titles (quotes,
/// brackets, `-->`, `%%{init}%%`, `<script>`, `&#65;`, `#35;`, `end`, `click`,
/// every ASCII punctuation character alone and tripled, 4,096-character labels,
/// and the arbitrary text of `tests/conformance_tests/mermaid_props.rs`): the
/// text shown is exactly the text given, LF shown as a line break.
///
/// Why `\n` and not `<br>`: a label holding a `<` goes through DOMPurify as
/// HTML, which decodes mermaid's entities one step early (its fast path skips
/// text without `<`), and the decoded text then meets mermaid's later passes:
/// with `<br>`, in any label with a line break a user's `\n` became a second
/// line break, `$$…$$` was typeset as KaTeX math and `fa:fa-car` was replaced
/// by an icon. Mermaid draws `\n` as a line break as well, no `<` is ever
/// written, and a user's own backslash is an entity (`#92;`), so it cannot
/// form one. A raw LF would work in mermaid too, but handlebars indents every
/// line of an indented partial, and with it the label's later lines.
///
/// Two more things need an entity: U+FEFF, which JavaScript's `trim()` (run by
/// mermaid on every label) removes from the ends of a label while
/// [`normalize`] keeps it, is written as `#65279;`. And the flowchart lexer
/// matches `.*direction\s+TB` (and `BT`, `LR`, `RL`, `TD`) anywhere on a line,
/// even inside a quoted label, so a label reading "direction TB" is taken as a
/// direction statement and the diagram breaks (mermaid 11 and 12). The first
/// letter of every `direction` (any case) is therefore written as an entity too
/// (`#100;irection`), which mermaid shows as the plain word.
///
/// Other control characters are dropped (they would end the quoted string or
/// be drawn as garbage). The result is only safe inside `"…"`; node ids and
/// keywords are never built from user text.
pub fn mermaid(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    for (i, c) in s.char_indices() {
        match c {
            '\n' => out.push_str("\\n"),
            '\u{FEFF}' => out.push_str("#65279;"),
            c if c.is_ascii_punctuation() => {
                let _ = write!(out, "#{};", c as u32);
            }
            'd' | 'D' if starts_with_ignore_ascii_case(&s[i..], "direction") => {
                let _ = write!(out, "#{};", c as u32);
            }
            c if c.is_control() || is_nonchar(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// True when `s` starts with `prefix`, ignoring ASCII case.
fn starts_with_ignore_ascii_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Escape text for the inside of a Graphviz DOT double-quoted string used as a
/// plain (not HTML, not record) label.
///
/// - `\` becomes `\\`. DOT labels give meaning to backslash sequences: `\n`,
///   `\l`, `\r` are line breaks, `\N`, `\G`, `\E`, `\T`, `\H`, `\L` expand to the
///   node, graph, edge and endpoint names. Doubling every backslash makes each
///   of them literal text.
/// - `"` becomes `\"`: the only way a quoted DOT string ends.
/// - LF becomes `\n`, a centred line break.
/// - `&` becomes `&amp;`: Graphviz decodes HTML entities in every label, so
///   `&#65;` or `&lt;` in user text would otherwise be shown as `A` or `<`.
///
/// Other control characters are dropped. Use only inside `"…"` in `label`,
/// `tooltip`-like text attributes; never for ids, HTML labels or `record` shapes.
pub fn dot(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() || is_nonchar(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// True for characters allowed by the XML 1.0 `Char` production:
/// TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF (surrogates are
/// not `char`s in Rust).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escape text for XML (SVG) character data and for attribute values in either
/// quote style.
///
/// `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and
/// `&#39;` (numeric, so the result is also valid inside HTML). Characters that
/// XML 1.0 does not allow at all (C0 controls except TAB, LF and CR, U+FFFE,
/// U+FFFF) are removed: a strict parser rejects the whole document for one of
/// them, and writing them as character references (`&#1;`) is just as illegal.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !is_xml_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Escape text for one cell of a GitHub-flavoured Markdown table.
///
/// - `|` becomes `\|`: an unescaped pipe ends the cell, even inside a code span.
/// - LF becomes `<br>`: a table row is one source line.
/// - `\ [ ] ! * _ # ~ $` and the backtick are backslash-escaped, so no emphasis,
///   strikethrough, code span, link, image, footnote, heading-like text or math
///   appears that the user did not mean.
/// - `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`: no raw HTML, no `<…>`
///   autolink, no entity decoded from user text.
/// - Bare autolinks are broken: `:` becomes `&#58;` when `/` follows it or it
///   ends `mailto` or `xmpp` (`http://…`, `ftp://…`), and the `.` after `www`
///   becomes `&#46;`; both are matched while inlines are parsed, before
///   entities are decoded. E-mail addresses are not: cmark-gfm and comrak find
///   them afterwards, in the decoded and joined text, so no entity or backslash
///   stops them. `@` is written `&#64;`, and after a character that can end an
///   address's local part (ASCII letter or digit, `. + - _ :`) it is preceded
///   by an empty HTML comment `<!-- -->`, which splits the text there and is
///   not displayed.
/// - Text that would start a block at the start of the field (a line start
///   for the page's description paragraph) is escaped: a leading `-` or `+`
///   (list item, thematic break), and the `.` or `)` after leading digits when
///   a space or the end follows (ordered list), get a backslash. `>` and `#`
///   are escaped everywhere already, and callers pass normalized text, which
///   has no leading spaces.
///
/// Other control characters are dropped. Rendered by comrak (tables,
/// autolinks, strikethrough, task lists, footnotes, `$` math, raw HTML
/// allowed; `tests/hostile/markdown.rs`), the cell shows exactly the given
/// text, with no element but `<br>` and no raw HTML but `<br>` and
/// `<!-- -->`; cmark-gfm 0.29 treats the e-mail and block cases above the
/// same way. GitHub's own filters that run on the rendered text (`:emoji:`
/// shortcodes, and `@user` / `#123` references where GitHub links them) see
/// decoded text, so entities cannot stop them.
pub fn markdown_cell(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    // The last character written as text since the start or the last `<br>`,
    // and whether everything written so far is ASCII digits.
    let mut prev: Option<char> = None;
    let mut only_digits = true;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '|' | '\\' | '[' | ']' | '!' | '*' | '_' | '#' | '~' | '`' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' if out.is_empty() => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')'
                if only_digits
                    && !out.is_empty()
                    && chars[i + 1..]
                        .iter()
                        .find(|&&n| n == '\n' || !(n.is_control() || is_nonchar(n)))
                        .is_none_or(|&n| n == ' ') =>
            {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '@' => {
                if prev.is_some_and(|p| p.is_ascii_alphanumeric() || ".+-_:".contains(p)) {
                    out.push_str("<!-- -->");
                }
                out.push_str("&#64;");
            }
            ':' if chars.get(i + 1) == Some(&'/')
                || ends_with_word(&chars[..i], &["mailto", "xmpp"]) =>
            {
                out.push_str("&#58;");
            }
            '.' if ends_with_word(&chars[..i], &["www"]) => out.push_str("&#46;"),
            c if c.is_control() || is_nonchar(c) => continue,
            c => out.push(c),
        }
        prev = (c != '\n').then_some(c);
        only_digits &= c.is_ascii_digit();
    }
    out
}

/// True when `before` ends with one of `words` (ASCII case-insensitive) and
/// that word is not the tail of a longer alphanumeric run.
fn ends_with_word(before: &[char], words: &[&str]) -> bool {
    words.iter().any(|w| {
        let n = w.chars().count();
        if before.len() < n {
            return false;
        }
        let (head, tail) = before.split_at(before.len() - n);
        tail.iter()
            .zip(w.chars())
            .all(|(a, b)| a.eq_ignore_ascii_case(&b))
            && head.last().is_none_or(|p| !p.is_alphanumeric())
    })
}

/// Escape the message (data) part of a GitHub Actions workflow command
/// (`::error file=…::DATA`).
///
/// The runner reads one command per line and decodes `%25`, `%0D` and `%0A`, so
/// `%` becomes `%25`, CR `%0D` and LF `%0A`. Without this a label holding a line
/// break could start a line with `::add-mask::` or `::error::` and forge a
/// command.
pub fn github_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escape a property value of a GitHub Actions workflow command
/// (`::error file=VALUE,line=…::…`).
///
/// As [`github_data`], and also `:` becomes `%3A` and `,` becomes `%2C`: a
/// property value ends at `,` (next property) or `::` (start of the data), so a
/// file name holding them could add or change properties.
pub fn github_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// Make text safe to print in a human diagnostic on a terminal.
///
/// Every control character (ESC, CR, LF, TAB, BEL, DEL, the C1 range), bidi
/// control, tag character, ZWSP, U+FFFE and U+FFFF is shown as a Rust-style
/// escape `\u{1b}`, so no terminal escape sequence, cursor movement, fake
/// line or reordered text reaches the terminal from user input, and the user
/// sees what the file really holds. Callers lay out lines themselves; text
/// passed here never breaks a line.
pub fn terminal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || is_nonchar(c) || is_bidi_control(c) || is_invisible(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_line_separators_become_lf() {
        assert_eq!(
            normalize("a\r\nb\rc\u{85}d\u{2028}e\u{2029}f\ng"),
            "a\nb\nc\nd\ne\nf\ng"
        );
        assert_eq!(normalize("a\r\r\nb"), "a\n\nb");
    }

    #[test]
    fn normalize_drops_controls_and_invisibles() {
        assert_eq!(normalize("a\u{0}b\u{1b}[31mc\u{7f}d\u{9b}e"), "ab[31mcde");
        assert_eq!(normalize("x\u{FFFE}y\u{FFFF}z"), "xyz");
        assert_eq!(normalize("ab\u{202E}cd\u{2066}e\u{2069}"), "abcde");
        assert_eq!(normalize("a\u{200B}b\u{E0041}\u{E007F}c"), "abc");
        assert_eq!(normalize("a\tb"), "a b");
    }

    #[test]
    fn normalize_trims_and_is_idempotent() {
        assert_eq!(normalize("  \r\n SAP ERP \n\t"), "SAP ERP");
        assert_eq!(normalize("\u{200B} x \u{202E}"), "x");
        assert_eq!(normalize(" \u{0} \n"), "");
        for s in [
            "a\r\nb",
            " x\u{2028}y ",
            "\u{1b}z\t",
            "Sales Cloud\nCRM",
            "ünïcødé 🚀",
        ] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once);
        }
        // ordinary text is unchanged, and not copied into a new shape
        assert_eq!(normalize("Sales Cloud\nCRM"), "Sales Cloud\nCRM");
        assert_eq!(
            normalize("ünïcødé 🚀 \u{200D} אבג"),
            "ünïcødé 🚀 \u{200D} אבג"
        );
    }

    #[test]
    fn bidi_and_invisible_detection() {
        assert!(has_bidi_or_invisible("abc\u{202E}"));
        assert!(has_bidi_or_invisible("\u{2066}x"));
        assert!(has_bidi_or_invisible("a\u{200B}b"));
        assert!(has_bidi_or_invisible("flag\u{E0067}"));
        assert!(!has_bidi_or_invisible(
            "plain ASCII, ünïcødé, אבג, 🚀\u{200D}"
        ));
        assert!(!has_bidi_or_invisible(&normalize("a\u{202E}b\u{200B}")));
    }

    #[test]
    fn mermaid_escapes_all_ascii_punctuation() {
        assert_eq!(mermaid("Sales Cloud"), "Sales Cloud");
        assert_eq!(mermaid("a\"b"), "a#34;b");
        assert_eq!(mermaid("A --> B"), "A #45;#45;#62; B");
        assert_eq!(
            mermaid("%%{init: {}}%%"),
            "#37;#37;#123;init#58; #123;#125;#125;#37;#37;"
        );
        assert_eq!(mermaid("#35;"), "#35;35#59;");
        assert_eq!(mermaid("line1\nline2"), "line1\\nline2");
        assert_eq!(
            mermaid("a\n\\n $$x$$ fa:fa-car"),
            "a\\n#92;n #36;#36;x#36;#36; fa#58;fa#45;car"
        );
        assert_eq!(mermaid("\u{FEFF}a\u{FEFF}"), "#65279;a#65279;");
        assert!(!mermaid("a\nb <br> c").contains('<'));
        assert_eq!(mermaid("ünï 🚀 אבג"), "ünï 🚀 אבג");
        assert_eq!(mermaid("a\u{1b}b\rc"), "abc");
        assert_eq!(mermaid("direction TB"), "#100;irection TB");
        assert_eq!(mermaid("Redirection LR"), "Re#100;irection LR");
        assert_eq!(mermaid("DIRECTION"), "#68;IRECTION");
        assert_eq!(mermaid("directio"), "directio");
        assert_eq!(mermaid("dé direction"), "dé #100;irection");
        let all: String = (0x21u8..0x7f)
            .map(char::from)
            .filter(|c| c.is_ascii_punctuation())
            .collect();
        let escaped = mermaid(&all);
        // nothing but entities: digits, '#' and ';' only
        assert!(
            escaped
                .chars()
                .all(|c| c.is_ascii_digit() || c == '#' || c == ';'),
            "{escaped}"
        );
        assert_eq!(escaped.matches('#').count(), 32);
    }

    #[test]
    fn dot_escapes_quote_backslash_ampersand_newline() {
        assert_eq!(dot("SAP ERP"), "SAP ERP");
        assert_eq!(dot("say \"hi\""), "say \\\"hi\\\"");
        assert_eq!(dot("C:\\path\\N"), "C:\\\\path\\\\N");
        assert_eq!(dot("a\nb"), "a\\nb");
        assert_eq!(dot("&#65; &amp;"), "&amp;#65; &amp;amp;");
        assert_eq!(dot("end\\"), "end\\\\");
        assert_eq!(dot("x\u{0}\u{1b}y"), "xy");
        assert_eq!(dot("<b>ünï</b>"), "<b>ünï</b>");
    }

    #[test]
    fn dot_output_never_ends_the_string() {
        // every '"' in the output is preceded by an odd run of backslashes
        for s in ["\"", "\\\"", "\\\\\"", "a\\", "\\", "x\"\\\"y"] {
            let e = dot(s);
            let b: Vec<char> = e.chars().collect();
            for (i, &c) in b.iter().enumerate() {
                if c == '"' {
                    let run = b[..i].iter().rev().take_while(|&&p| p == '\\').count();
                    assert!(run % 2 == 1, "{s:?} -> {e:?}");
                }
            }
            let trailing = b.iter().rev().take_while(|&&p| p == '\\').count();
            assert!(trailing % 2 == 0, "{s:?} -> {e:?}");
        }
    }

    #[test]
    fn xml_escapes_markup_and_drops_illegal_chars() {
        assert_eq!(
            xml("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(
            xml("a\u{0}b\u{1}c\u{1b}d\u{b}e\u{FFFE}f\u{FFFF}g"),
            "abcdefg"
        );
        assert_eq!(xml("t\tn\nr\r"), "t\tn\nr\r");
        assert_eq!(
            xml("\u{7f}\u{85}ü🚀\u{E000}\u{FFFD}"),
            "\u{7f}\u{85}ü🚀\u{E000}\u{FFFD}"
        );
        assert_eq!(xml("]]>"), "]]&gt;");
        assert_eq!(xml("&#1;"), "&amp;#1;");
    }

    #[test]
    fn markdown_cell_neutralizes_markup() {
        assert_eq!(markdown_cell("a|b"), "a\\|b");
        assert_eq!(markdown_cell("one\ntwo"), "one<br>two");
        assert_eq!(
            markdown_cell("*b* _i_ ~s~ `c`"),
            "\\*b\\* \\_i\\_ \\~s\\~ \\`c\\`"
        );
        assert_eq!(markdown_cell("![x](y)"), "\\!\\[x\\](y)");
        assert_eq!(
            markdown_cell("<img src=x> & &amp;"),
            "&lt;img src=x&gt; &amp; &amp;amp;"
        );
        assert_eq!(markdown_cell("# h \\ $x$"), "\\# h \\\\ \\$x\\$");
        assert_eq!(markdown_cell("ünï 🚀"), "ünï 🚀");
    }

    #[test]
    fn markdown_cell_starts_no_block() {
        assert_eq!(markdown_cell("- x"), "\\- x");
        assert_eq!(markdown_cell("+ x"), "\\+ x");
        assert_eq!(markdown_cell("---"), "\\---");
        assert_eq!(markdown_cell("\u{1}- x"), "\\- x");
        assert_eq!(markdown_cell("12. x"), "12\\. x");
        assert_eq!(markdown_cell("1) x"), "1\\) x");
        // only at the start
        assert_eq!(markdown_cell("a - b + c 1. d"), "a - b + c 1. d");
        assert_eq!(markdown_cell("1.5 1.2"), "1.5 1.2");
        assert_eq!(markdown_cell("7."), "7\\.");
        assert_eq!(markdown_cell("7.\t\u{1} x"), "7\\. x");
    }

    #[test]
    fn markdown_cell_breaks_autolinks() {
        assert_eq!(markdown_cell("see http://x.io"), "see http&#58;//x.io");
        assert_eq!(markdown_cell("HTTPS://x"), "HTTPS&#58;//x");
        assert_eq!(markdown_cell("www.x.io"), "www&#46;x.io");
        assert_eq!(markdown_cell("WWW.x"), "WWW&#46;x");
        assert_eq!(markdown_cell("awww.x"), "awww.x");
        assert_eq!(markdown_cell("ping @octocat"), "ping &#64;octocat");
        assert_eq!(markdown_cell("a@b.io"), "a<!-- -->&#64;b.io");
        assert_eq!(markdown_cell("a\u{1}@b.io"), "a<!-- -->&#64;b.io");
        assert_eq!(markdown_cell("a\n@b.io"), "a<br>&#64;b.io");
        assert_eq!(
            markdown_cell("mailto:@b.io"),
            "mailto&#58;<!-- -->&#64;b.io"
        );
        assert_eq!(markdown_cell("mailto:a"), "mailto&#58;a");
        assert_eq!(markdown_cell("Note: 1:20"), "Note: 1:20");
    }

    #[test]
    fn github_encoding() {
        assert_eq!(
            github_data("50% done\r\n::error::forged"),
            "50%25 done%0D%0A::error::forged"
        );
        assert_eq!(github_data("%0A"), "%250A");
        assert_eq!(github_property("a:b,c%\nd"), "a%3Ab%2Cc%25%0Ad");
        assert_eq!(github_property("landscape.yaml"), "landscape.yaml");
        // the result never holds a line break, so it is one command
        let forged = github_data("x\n::add-mask::secret");
        assert!(!forged.contains('\n') && !forged.contains('\r'));
        let p = github_property("f.yaml,line=1::x");
        assert!(!p.contains(',') && !p.contains(':'));
    }

    #[test]
    fn terminal_shows_controls_as_escapes() {
        assert_eq!(terminal("\u{1b}[2Jgone"), "\\u{1b}[2Jgone");
        assert_eq!(terminal("a\nb\rc\td\u{7}"), "a\\u{a}b\\u{d}c\\u{9}d\\u{7}");
        assert_eq!(
            terminal("x\u{9b}y\u{202e}z\u{200b}"),
            "x\\u{9b}y\\u{202e}z\\u{200b}"
        );
        assert_eq!(terminal("ünï 🚀 ok"), "ünï 🚀 ok");
        assert!(
            !terminal("\u{1b}\u{7f}\u{85}\u{2066}")
                .chars()
                .any(|c| c.is_control())
        );
    }
}
